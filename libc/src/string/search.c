// SPDX-License-Identifier: MIT
/*
 * Searching strings: for a character, a substring, a set of characters,
 * and splitting into tokens.
 *
 * strchr and strchrnul go eight bytes at a time once aligned, testing
 * each word for the terminator and for the character at once. Substring
 * search (memmem, and strstr through it) is Horspool's: it compares the
 * window's last byte first and then shifts by how far that byte's last
 * occurrence in the needle is from the needle's end, so typical searches
 * skip most of the haystack; the worst case stays O(n * m). The character
 * sets of strspn and friends become a 256-bit table first.
 */
#include "word.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

char *strchrnul(const char *s, int c)
{
	unsigned char b = (unsigned char)c;
	word_t pattern = WORD_ONES * b;

	for (; (uintptr_t)s & 7; s++)
		if (!*s || *(const unsigned char *)s == b)
			return (char *)s;
	for (;; s += 8) {
		word_t w = word_load(s);
		if (word_has_zero(w) || word_has_zero(w ^ pattern))
			break;
	}
	while (*s && *(const unsigned char *)s != b)
		s++;
	return (char *)s;
}

char *strchr(const char *s, int c)
{
	char *p = strchrnul(s, c);

	return *(unsigned char *)p == (unsigned char)c ? p : NULL;
}

char *strrchr(const char *s, int c)
{
	return memrchr(s, c, strlen(s) + 1);
}

char *index(const char *s, int c)
{
	return strchr(s, c);
}

char *rindex(const char *s, int c)
{
	return strrchr(s, c);
}

void *memmem(const void *haystack, size_t hlen, const void *needle, size_t nlen)
{
	const unsigned char *h = haystack, *n = needle;
	size_t skip[256];

	if (nlen == 0)
		return (void *)h;
	if (nlen > hlen)
		return NULL;
	if (nlen == 1)
		return memchr(h, n[0], hlen);
	for (size_t i = 0; i < 256; i++)
		skip[i] = nlen;
	for (size_t i = 0; i + 1 < nlen; i++)
		skip[n[i]] = nlen - 1 - i;
	for (size_t pos = 0; pos <= hlen - nlen; pos += skip[h[pos + nlen - 1]])
		if (h[pos + nlen - 1] == n[nlen - 1] && memcmp(h + pos, n, nlen - 1) == 0)
			return (void *)(h + pos);
	return NULL;
}

char *strstr(const char *haystack, const char *needle)
{
	if (!needle[0])
		return (char *)haystack;
	if (!needle[1])
		return strchr(haystack, needle[0]);
	return memmem(haystack, strlen(haystack), needle, strlen(needle));
}

char *strcasestr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (strncasecmp(haystack, needle, n) == 0)
			return (char *)haystack;
	return n == 0 ? (char *)haystack : NULL;
}

/* --- character sets ------------------------------------------------------- */

typedef struct byte_set {
	uint64_t bits[4];
} byte_set_t;

static void byte_set_fill(byte_set_t *set, const char *chars)
{
	*set = (byte_set_t){ { 0 } };
	for (const unsigned char *p = (const unsigned char *)chars; *p; p++)
		set->bits[*p >> 6] |= 1ull << (*p & 63);
}

static bool byte_set_has(const byte_set_t *set, unsigned char c)
{
	return set->bits[c >> 6] >> (c & 63) & 1;
}

size_t strspn(const char *s, const char *accept)
{
	byte_set_t set;
	size_t n = 0;

	byte_set_fill(&set, accept);
	while (s[n] && byte_set_has(&set, (unsigned char)s[n]))
		n++;
	return n;
}

size_t strcspn(const char *s, const char *reject)
{
	byte_set_t set;
	size_t n = 0;

	if (!reject[0] || !reject[1])
		return (size_t)(strchrnul(s, reject[0]) - s);
	byte_set_fill(&set, reject);
	while (s[n] && !byte_set_has(&set, (unsigned char)s[n]))
		n++;
	return n;
}

char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}

/* --- tokens --------------------------------------------------------------- */

char *strtok_r(char *restrict s, const char *restrict sep, char **restrict save)
{
	if (!s)
		s = *save;
	if (!s)
		return NULL;
	s += strspn(s, sep);
	if (!*s) {
		*save = NULL;
		return NULL;
	}
	char *end = s + strcspn(s, sep);
	if (*end)
		*end++ = '\0';
	else
		end = NULL;
	*save = end;
	return s;
}

char *strtok(char *restrict s, const char *restrict sep)
{
	static char *save;

	return strtok_r(s, sep, &save);
}

char *strsep(char **restrict sp, const char *restrict sep)
{
	char *s = *sp, *end;

	if (!s)
		return NULL;
	end = s + strcspn(s, sep);
	if (*end)
		*end++ = '\0';
	else
		end = NULL;
	*sp = end;
	return s;
}
