// SPDX-License-Identifier: MIT
/*
 * The kernel's string and memory functions: the subset of <string.h> that
 * the kernel and lib/ use. gcc emits calls to memcpy, memset, memmove and
 * memcmp on its own, so these must exist under their standard names.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
