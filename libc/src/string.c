// SPDX-License-Identifier: MIT
/*
 * The mem* functions, the ones everything else is built on.
 *
 * memcpy and memset handle up to 16 bytes with two overlapping loads or
 * stores (no loop, no branch per byte) and hand anything longer to
 * `rep movsb` / `rep stosb`, which every x86_64 with ERMS runs at full
 * speed and which the compiler cannot turn back into a call to the
 * function being defined. memmove copies forwards the same way, and
 * backwards eight bytes at a time (a backwards `rep movsb` is not a fast
 * string operation). memcmp, memchr and memrchr look at eight bytes per
 * step: word_has_zero finds a zero byte in a word with the classic
 * "subtract one from each byte" test (xor with the byte repeated first).
 *
 * Word loads use word_t, a may_alias type, so reading chars as words is
 * defined; they are unaligned loads, which x86_64 allows.
 */
#include "string/word.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (n >= 8 && n <= 16) {
		word_t a = word_load(s), b = word_load(s + n - 8);
		word_store(d, a);
		word_store(d + n - 8, b);
	} else if (n > 16) {
		__asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
	} else if (n >= 4) {
		uint32_t a, b;
		__builtin_memcpy(&a, s, 4);
		__builtin_memcpy(&b, s + n - 4, 4);
		__builtin_memcpy(d, &a, 4);
		__builtin_memcpy(d + n - 4, &b, 4);
	} else if (n) {
		unsigned char a = s[0], m = s[n / 2], z = s[n - 1];
		d[0] = a;
		d[n / 2] = m;
		d[n - 1] = z;
	}
	return dst;
}

void *mempcpy(void *restrict dst, const void *restrict src, size_t n)
{
	return (char *)memcpy(dst, src, n) + n;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((uintptr_t)d - (uintptr_t)s >= n)
		return memcpy(dst, src, n);     /* no harmful overlap going forward */
	/* d overlaps the tail of s: copy backwards, loading before storing. */
	while (n >= 8) {
		n -= 8;
		word_store(d + n, word_load(s + n));
	}
	while (n) {
		n--;
		d[n] = s[n];
	}
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	word_t w = WORD_ONES * (unsigned char)c;

	if (n >= 8 && n <= 16) {
		word_store(d, w);
		word_store(d + n - 8, w);
	} else if (n > 16) {
		__asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
	} else {
		for (; n; n--)
			*d++ = (unsigned char)c;
	}
	return dst;
}

void bzero(void *s, size_t n)
{
	memset(s, 0, n);
}

void explicit_bzero(void *s, size_t n)
{
	memset(s, 0, n);
	__asm__ volatile("" : : "r"(s) : "memory");     /* the stores must happen */
}

void bcopy(const void *src, void *dst, size_t n)
{
	memmove(dst, src, n);
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n >= 8; n -= 8, p += 8, q += 8) {
		word_t x = word_load(p), y = word_load(q);
		if (x != y)     /* big-endian order compares like the bytes do */
			return __builtin_bswap64(x) < __builtin_bswap64(y) ? -1 : 1;
	}
	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

int bcmp(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n);
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	unsigned char b = (unsigned char)c;
	word_t pattern = WORD_ONES * b;

	/*
	 * C11 says memchr stops at the first match, so it must not read
	 * beyond it into a page that may not exist: align first, then load
	 * whole aligned words, which never cross a page boundary.
	 */
	for (; n && ((uintptr_t)p & 7); n--, p++)
		if (*p == b)
			return (void *)p;
	for (; n >= 8; n -= 8, p += 8)
		if (word_has_zero(word_load(p) ^ pattern))
			break;
	for (; n; n--, p++)
		if (*p == b)
			return (void *)p;
	return NULL;
}

void *memrchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	unsigned char b = (unsigned char)c;
	word_t pattern = WORD_ONES * b;

	while (n >= 8 && !word_has_zero(word_load(p + n - 8) ^ pattern))
		n -= 8;
	while (n--)
		if (p[n] == b)
			return (void *)(p + n);
	return NULL;
}

void *memccpy(void *restrict dst, const void *restrict src, int c, size_t n)
{
	const unsigned char *end = memchr(src, c, n);

	if (!end)
		return memcpy(dst, src, n), NULL;
	size_t len = (size_t)(end - (const unsigned char *)src) + 1;
	return (char *)memcpy(dst, src, len) + len;
}
