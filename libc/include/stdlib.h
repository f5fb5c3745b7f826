// SPDX-License-Identifier: MIT
/*
 * Process exit, memory allocation, number parsing and the environment.
 *
 * malloc is an mmap-backed size-class allocator (libc/src/malloc.c): small
 * blocks come from 64 KiB arenas and are kept on per-class free lists,
 * large ones get their own mapping. It is thread safe through one lock,
 * which is not fork safe if another thread holds it at the fork.
 */
#pragma once

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

__attribute__((noreturn)) void exit(int status);
__attribute__((noreturn)) void _Exit(int status);
__attribute__((noreturn)) void abort(void);
int atexit(void (*fn)(void));

void *malloc(size_t size) __attribute__((malloc));
void *calloc(size_t n, size_t size) __attribute__((malloc));
void *realloc(void *p, size_t size);
void free(void *p);

long strtol(const char *restrict s, char **restrict end, int base);
long long strtoll(const char *restrict s, char **restrict end, int base);
unsigned long strtoul(const char *restrict s, char **restrict end, int base);
unsigned long long strtoull(const char *restrict s, char **restrict end, int base);
int atoi(const char *s);
long atol(const char *s);

int abs(int x);
long labs(long x);
long long llabs(long long x);

char *getenv(const char *name);
