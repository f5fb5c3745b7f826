// SPDX-License-Identifier: MIT
/*
 * What the boot loader handed over, parsed once and kept: boot_info (the
 * multiboot2 information, copied out of loader memory before the frame
 * allocator can reuse it) and the kernel command line (the loader's, plus
 * any words from QEMU's fw_cfg).
 */
#pragma once

#include <lib/mb2.h>
#include <stddef.h>

extern boot_info_t boot_info;
extern char kernel_cmdline[];

void boot_info_load(uint32_t magic, uint64_t mbi_phys);
int fwcfg_read_file(const char *name, char *buf, size_t size);
