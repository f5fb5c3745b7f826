// SPDX-License-Identifier: MIT
/*
 * The x86_64 virtual address layout. Kept in one header that both C and
 * assembly include, so the boot code, the linker script and the memory
 * manager can never disagree.
 *
 *   0x0000000000000000 .. 0x00007fffffffffff   user space (later)
 *   0xffff800000000000 .. (+ physical size)    direct map of physical memory
 *   0xffffc00000000000 .. (+ 512 GiB)          kernel stacks, each with a guard
 *   0xffffffff80000000 .. (+ 1 GiB)            the kernel image (-mcmodel=kernel)
 */
#pragma once

#define KERNEL_VMA        0xffffffff80000000
#define KERNEL_PHYS_BASE  0x200000
#define DIRECT_MAP_BASE   0xffff800000000000
#define KSTACK_AREA_BASE  0xffffc00000000000    /* kernel stacks with guards */
#define KSTACK_AREA_SIZE  0x0000008000000000    /* 512 GiB: one top-level entry */
#define USER_TOP          0x00007ffffffff000    /* first address above user space */
#define PAGE_SIZE         4096
#define PAGE_SHIFT        12

/* Stack sizes: every kernel stack is a power-of-two number of pages. */
#define KERNEL_STACK_SIZE 16384
#define IST_STACK_SIZE    8192
