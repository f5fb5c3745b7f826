// SPDX-License-Identifier: MIT
/*
 * User address spaces: a page table root plus a sorted list of mappings
 * (vm_area_t). Pages are filled on first touch (demand paging): anonymous
 * private memory with zeros, shared memory from its shared object. fork
 * shares private pages copy-on-write: both sides map them read-only and
 * the first write copies (or just takes the page, when it is no longer
 * shared). Frames carry reference counts (pmm frame_ref_*).
 *
 * Locking: as->lock guards the area list and the page tables of the user
 * half. Page faults take it; so do mmap/munmap/mprotect and fork.
 */
#pragma once

#include <spinlock.h>
#include <stdbool.h>
#include <stdint.h>

struct shm_object;

enum {
	VMA_READ = 1 << 0, VMA_WRITE = 1 << 1, VMA_EXEC = 1 << 2,
	VMA_SHARED = 1 << 3,            /* writes are seen by every sharer */
	VMA_STACK = 1 << 4,             /* grows down on faults below it */
	VMA_PHYS = 1 << 5,              /* device memory at phys_base (not RAM frames) */
};

typedef struct vm_area {
	uint64_t start, end;            /* page-aligned, end exclusive */
	unsigned flags;
	struct shm_object *shared;      /* VMA_SHARED: the pages' owner */
	uint64_t shared_offset;         /* page offset of start in shared */
	uint64_t phys_base;             /* VMA_PHYS: the physical address of start */
	bool uncached;                  /* VMA_PHYS: mapped uncacheable */
	struct vm_area *next;
} vm_area_t;

typedef struct address_space {
	uint64_t root;                  /* physical top-level table */
	spinlock_t lock;
	vm_area_t *areas;               /* sorted by start; guarded by lock */
	uint64_t resident_pages;
	volatile int refs;
	volatile uint64_t active_cpus;  /* CPUs with it loaded (bit per CPU) */
} address_space_t;

#define USER_STACK_TOP      0x00007fffff000000ull
#define USER_STACK_MAX      (8ull << 20)      /* growth limit */
#define USER_STACK_INITIAL  (128ull << 10)
#define USER_MMAP_BASE      0x0000100000000000ull

address_space_t *as_create(void);
void as_put(address_space_t *as);
/* A copy-on-write clone of as (fork). NULL when out of memory. */
address_space_t *as_clone(address_space_t *as);

/* Adds an area; [start, end) must be free. -ENOMEM, -EINVAL. */
int as_map(address_space_t *as, uint64_t start, uint64_t end, unsigned flags);
/*
 * Maps len bytes of anonymous memory (flags VMA_*; VMA_SHARED for shared
 * memory): at hint exactly if fixed (replacing what was there), else in
 * the first free range at or above hint (0: the mmap base).
 */
int as_mmap(address_space_t *as, uint64_t hint, uint64_t len, unsigned flags,
	    bool fixed, uint64_t *addr_out);
int as_unmap(address_space_t *as, uint64_t start, uint64_t end);
/*
 * Maps pages [first, first + len/PAGE_SIZE) of a shared object (taking a
 * reference to it) anywhere free at or above hint; with `populate` every
 * page is entered at once instead of on first touch.
 */
int as_map_object(address_space_t *as, struct shm_object *obj, uint64_t first,
		  uint64_t len, unsigned flags, bool populate, uint64_t *addr_out);
/* Maps physical [phys, phys + len) (device memory) anywhere free. */
int as_map_phys(address_space_t *as, uint64_t phys, uint64_t len, unsigned flags,
		bool uncached, uint64_t *addr_out);
/*
 * The frame behind user address addr, made present (and private and
 * writable, for write) first, with a reference for the caller. -EFAULT
 * when the access is not allowed.
 */
int as_pin_page(address_space_t *as, uint64_t addr, bool write, uint64_t *phys);
/*
 * The shared object mapped at addr and the page index of addr in it,
 * with a reference; -EINVAL if addr is not in a shared mapping.
 */
int as_object_at(address_space_t *as, uint64_t addr, struct shm_object **obj,
		 uint64_t *index);
int as_protect(address_space_t *as, uint64_t start, uint64_t end, unsigned prot);

/*
 * Resolves a fault at addr (write/exec access as given). 0 when the page is
 * now mapped, -EFAULT when the access is not allowed (the caller raises
 * SIGSEGV or returns EFAULT), -ENOMEM when out of memory.
 */
int as_fault(address_space_t *as, uint64_t addr, bool write, bool exec);
/* Copies into user memory of `as` without it being active (exec). */
int as_write(address_space_t *as, uint64_t addr, const void *src, uint64_t len);
