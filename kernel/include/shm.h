// SPDX-License-Identifier: MIT
/*
 * Shared memory objects: a fixed number of pages, filled with zeroed
 * frames on first use, mapped by any number of address spaces
 * (MAP_SHARED anonymous memory now; memory: and shm: schemes later).
 */
#pragma once

#include <spinlock.h>
#include <stdint.h>

typedef struct shm_object {
	spinlock_t lock;
	volatile int refs;
	uint64_t npages;
	uint64_t *frames;               /* 0 until first use; guarded by lock */
	/* When set, the last shm_put hands the object here instead of
	 * freeing it (memory:dma keeps a dead driver's buffers a while);
	 * the callee frees it later with shm_destroy. */
	void (*on_last_put)(struct shm_object *obj);
	struct shm_object *next;        /* for whoever on_last_put gave it to */
	uint64_t release_ns;
} shm_object_t;

shm_object_t *shm_create(uint64_t npages);
void shm_get(shm_object_t *obj);
void shm_put(shm_object_t *obj);
/* Frees obj and its frames' references now (refs already 0). */
void shm_destroy(shm_object_t *obj);
/*
 * Grows obj to spare's size by taking spare's (empty) page array; spare
 * gets obj's old one, emptied, and is then only to be put.
 */
int shm_grow(shm_object_t *obj, shm_object_t *spare);
/* The frame of page index, with a reference taken for the caller's mapping. */
int shm_page(shm_object_t *obj, uint64_t index, uint64_t *phys);
