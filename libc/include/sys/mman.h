// SPDX-License-Identifier: MIT
/*
 * Memory mappings. PROT_* and MAP_* come from abi/proc.h. mmap returns
 * MAP_FAILED and sets errno on failure.
 */
#pragma once

#include <abi/proc.h>
#include <stddef.h>
#include <sys/types.h>

#define MAP_FAILED ((void *)-1)
#define MAP_ANON   MAP_ANONYMOUS

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t length);
int mprotect(void *addr, size_t length, int prot);
