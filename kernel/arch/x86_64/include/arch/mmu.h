// SPDX-License-Identifier: MIT
/*
 * User page tables, as the portable VM code (mm/vm.c) sees them: a leaf
 * entry per 4 KiB page, built and read through these helpers so vm.c
 * never knows the x86 bit layout. A software bit marks copy-on-write.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>

typedef uint64_t pte_t;

enum {
	PTE_PERM_WRITE = 1 << 0,
	PTE_PERM_EXEC = 1 << 1,
	PTE_PERM_COW = 1 << 2,          /* shared after fork: copy on write */
	PTE_PERM_READ = 1 << 3,         /* present; VMA_READ-less pages are unmapped */
	PTE_PERM_NOCACHE = 1 << 4,      /* uncacheable (device registers) */
};

pte_t pte_make(uint64_t phys, unsigned perms);
bool pte_present(pte_t pte);
uint64_t pte_phys(pte_t pte);
unsigned pte_perms(pte_t pte);

/* A new top-level table sharing the kernel half; 0 when out of memory. */
uint64_t upt_create(void);
/* Frees the user half's table pages (not the pages they map). */
void upt_destroy(uint64_t root);
/* The leaf entry for va, creating tables if asked; NULL if absent or OOM. */
pte_t *upt_walk(uint64_t root, uint64_t va, bool create);

/* TLB: flush va (or everything) on every CPU that has root loaded. */
struct address_space;
void tlb_flush_page(struct address_space *as, uint64_t va);
void tlb_flush_all(struct address_space *as);
void tlb_init(void);

/* The first page at or above va (and below end) with a present entry, or end. */
uint64_t upt_next_mapped(uint64_t root, uint64_t va, uint64_t end);
