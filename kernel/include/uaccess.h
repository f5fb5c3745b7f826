// SPDX-License-Identifier: MIT
/*
 * Reaching user memory. A user address is a uptr_t, a type the compiler
 * will not dereference, so kernel code can only reach user memory through
 * these calls. Each validates the whole range (below USER_TOP, no
 * wrap-around) and returns -EFAULT for bad or unmapped memory.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

typedef struct uptr {
	uint64_t addr;
} uptr_t;

static inline uptr_t uptr(uint64_t addr)
{
	return (uptr_t){ addr };
}

static inline uptr_t uptr_add(uptr_t p, uint64_t off)
{
	return (uptr_t){ p.addr + off };
}

int copy_from_user(void *dst, uptr_t src, size_t n);
int copy_to_user(uptr_t dst, const void *src, size_t n);
/* The string's length (< max), -ENAMETOOLONG if no NUL within max, or -EFAULT. */
long copy_string_from_user(char *dst, uptr_t src, size_t max);
