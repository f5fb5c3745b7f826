// SPDX-License-Identifier: MIT
/* <strings.h>: case-insensitive comparison (ASCII), ffs, and the BSD legacy names. */
#pragma once

#include <stddef.h>

int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
int ffs(int i) __attribute__((const));
int ffsl(long i) __attribute__((const));
int ffsll(long long i) __attribute__((const));
int bcmp(const void *a, const void *b, size_t n);
void bcopy(const void *src, void *dst, size_t n);
void bzero(void *s, size_t n);
char *index(const char *s, int c);
char *rindex(const char *s, int c);
