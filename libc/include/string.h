// SPDX-License-Identifier: MIT
/*
 * Memory and string functions (POSIX.1-2024 <string.h>, with the GNU
 * extensions common programs use: memrchr, mempcpy, strchrnul,
 * strcasestr). strerror_r is POSIX's, returning an int, never glibc's
 * GNU variant. strcoll and strxfrm compare bytes: every locale Tessera
 * has collates in code point order.
 */
#pragma once

#include <stddef.h>
#include <strings.h>

typedef struct __locale_struct *locale_t;

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
void *memrchr(const void *s, int c, size_t n);
void *memmem(const void *haystack, size_t hlen, const void *needle, size_t nlen);
void *memccpy(void *restrict dst, const void *restrict src, int c, size_t n);
void *mempcpy(void *restrict dst, const void *restrict src, size_t n);
void explicit_bzero(void *s, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
char *strcpy(char *restrict dst, const char *restrict src);
char *stpcpy(char *restrict dst, const char *restrict src);
char *strncpy(char *restrict dst, const char *restrict src, size_t n);
char *stpncpy(char *restrict dst, const char *restrict src, size_t n);
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size);
size_t strlcat(char *restrict dst, const char *restrict src, size_t size);
char *strcat(char *restrict dst, const char *restrict src);
char *strncat(char *restrict dst, const char *restrict src, size_t n);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int strcoll(const char *a, const char *b);
int strcoll_l(const char *a, const char *b, locale_t locale);
size_t strxfrm(char *restrict dst, const char *restrict src, size_t n);
size_t strxfrm_l(char *restrict dst, const char *restrict src, size_t n, locale_t locale);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strchrnul(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
char *strcasestr(const char *haystack, const char *needle);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);
char *strtok(char *restrict s, const char *restrict sep);
char *strtok_r(char *restrict s, const char *restrict sep, char **restrict save);
char *strsep(char **restrict sp, const char *restrict sep);
char *strdup(const char *s) __attribute__((malloc));
char *strndup(const char *s, size_t n) __attribute__((malloc));

char *strerror(int errnum);
int strerror_r(int errnum, char *buf, size_t size);
char *strerror_l(int errnum, locale_t locale);
char *strsignal(int sig);
