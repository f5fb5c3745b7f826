// SPDX-License-Identifier: MIT
/*
 * Wide-character strings: the <wchar.h> counterparts of the str* and
 * mem* functions, as plain loops over wchar_t (32-bit code points, which
 * compare as the signed values C says). Case folding uses towlower, and
 * collation is code point order in every Tessera locale. wcstol and
 * friends copy the ASCII prefix of the string into bytes and let strtol
 * do the work: a number can only be made of ASCII characters, and each
 * wide character becomes exactly one byte, so the end offset carries
 * back unchanged.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

size_t wcslen(const wchar_t *s)
{
	const wchar_t *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t wcsnlen(const wchar_t *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

static int wc_compare(wchar_t a, wchar_t b)
{
	return a < b ? -1 : a > b;
}

int wcscmp(const wchar_t *a, const wchar_t *b)
{
	while (*a && *a == *b)
		a++, b++;
	return wc_compare(*a, *b);
}

int wcsncmp(const wchar_t *a, const wchar_t *b, size_t n)
{
	for (; n; n--, a++, b++)
		if (*a != *b || !*a)
			return wc_compare(*a, *b);
	return 0;
}

int wcscasecmp(const wchar_t *a, const wchar_t *b)
{
	return wcsncasecmp(a, b, SIZE_MAX);
}

int wcsncasecmp(const wchar_t *a, const wchar_t *b, size_t n)
{
	for (; n; n--, a++, b++) {
		wchar_t x = (wchar_t)towlower((wint_t)*a), y = (wchar_t)towlower((wint_t)*b);
		if (x != y || !x)
			return wc_compare(x, y);
	}
	return 0;
}

int wcscoll(const wchar_t *a, const wchar_t *b)
{
	return wcscmp(a, b);
}

size_t wcsxfrm(wchar_t *restrict dst, const wchar_t *restrict src, size_t n)
{
	size_t len = wcslen(src);

	if (len < n)
		wmemcpy(dst, src, len + 1);
	return len;
}

wchar_t *wcpcpy(wchar_t *restrict dst, const wchar_t *restrict src)
{
	while ((*dst = *src++))
		dst++;
	return dst;
}

wchar_t *wcscpy(wchar_t *restrict dst, const wchar_t *restrict src)
{
	wcpcpy(dst, src);
	return dst;
}

wchar_t *wcpncpy(wchar_t *restrict dst, const wchar_t *restrict src, size_t n)
{
	size_t len = wcsnlen(src, n);

	wmemcpy(dst, src, len);
	wmemset(dst + len, 0, n - len);
	return dst + len;
}

wchar_t *wcsncpy(wchar_t *restrict dst, const wchar_t *restrict src, size_t n)
{
	wcpncpy(dst, src, n);
	return dst;
}

wchar_t *wcscat(wchar_t *restrict dst, const wchar_t *restrict src)
{
	wcscpy(dst + wcslen(dst), src);
	return dst;
}

wchar_t *wcsncat(wchar_t *restrict dst, const wchar_t *restrict src, size_t n)
{
	wchar_t *end = dst + wcslen(dst);
	size_t len = wcsnlen(src, n);

	wmemcpy(end, src, len);
	end[len] = 0;
	return dst;
}

wchar_t *wcschr(const wchar_t *s, wchar_t c)
{
	for (;; s++) {
		if (*s == c)
			return (wchar_t *)s;
		if (!*s)
			return NULL;
	}
}

wchar_t *wcsrchr(const wchar_t *s, wchar_t c)
{
	const wchar_t *found = NULL;

	for (;; s++) {
		if (*s == c)
			found = s;
		if (!*s)
			return (wchar_t *)found;
	}
}

wchar_t *wcsstr(const wchar_t *haystack, const wchar_t *needle)
{
	size_t n = wcslen(needle);

	for (; *haystack; haystack++)
		if (wmemcmp(haystack, needle, n) == 0)
			return (wchar_t *)haystack;
	return n == 0 ? (wchar_t *)haystack : NULL;
}

size_t wcsspn(const wchar_t *s, const wchar_t *accept)
{
	size_t n = 0;

	while (s[n] && wcschr(accept, s[n]))
		n++;
	return n;
}

size_t wcscspn(const wchar_t *s, const wchar_t *reject)
{
	size_t n = 0;

	while (s[n] && !wcschr(reject, s[n]))
		n++;
	return n;
}

wchar_t *wcspbrk(const wchar_t *s, const wchar_t *accept)
{
	s += wcscspn(s, accept);
	return *s ? (wchar_t *)s : NULL;
}

wchar_t *wcstok(wchar_t *restrict s, const wchar_t *restrict sep, wchar_t **restrict save)
{
	if (!s)
		s = *save;
	if (!s)
		return NULL;
	s += wcsspn(s, sep);
	if (!*s) {
		*save = NULL;
		return NULL;
	}
	wchar_t *end = s + wcscspn(s, sep);
	*save = *end ? end + 1 : NULL;
	*end = 0;
	return s;
}

wchar_t *wcsdup(const wchar_t *s)
{
	size_t n = wcslen(s) + 1;
	wchar_t *d = malloc(n * sizeof(wchar_t));

	return d ? wmemcpy(d, s, n) : NULL;
}

/* --- wmem* ---------------------------------------------------------------- */

wchar_t *wmemchr(const wchar_t *s, wchar_t c, size_t n)
{
	for (; n; n--, s++)
		if (*s == c)
			return (wchar_t *)s;
	return NULL;
}

int wmemcmp(const wchar_t *a, const wchar_t *b, size_t n)
{
	for (; n; n--, a++, b++)
		if (*a != *b)
			return wc_compare(*a, *b);
	return 0;
}

wchar_t *wmemcpy(wchar_t *restrict dst, const wchar_t *restrict src, size_t n)
{
	return memcpy(dst, src, n * sizeof(wchar_t));
}

wchar_t *wmemmove(wchar_t *dst, const wchar_t *src, size_t n)
{
	return memmove(dst, src, n * sizeof(wchar_t));
}

wchar_t *wmemset(wchar_t *dst, wchar_t c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = c;
	return dst;
}

/* --- numbers -------------------------------------------------------------- */

typedef unsigned long long (*narrow_parse_t)(const char *s, char **end, int base);

/* Runs parse on the ASCII prefix of s (after wide white space). */
static unsigned long long wcsto_narrow(const wchar_t *s, wchar_t **end, int base,
				       narrow_parse_t parse)
{
	char small[128], *buf = small, *stop;
	size_t skip = 0, n = 0;
	unsigned long long v;

	while (iswspace((wint_t)s[skip]))
		skip++;
	while (s[skip + n] > 0 && s[skip + n] < 0x80)
		n++;
	if (n >= sizeof(small) && !(buf = malloc(n + 1))) {
		if (end)
			*end = (wchar_t *)s;
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)s[skip + i];
	buf[n] = '\0';
	v = parse(buf, &stop, base);
	if (end)
		*end = (wchar_t *)(stop == buf ? s : s + skip + (stop - buf));
	if (buf != small)
		free(buf);
	return v;
}

static unsigned long long parse_l(const char *s, char **e, int b) { return (unsigned long long)strtol(s, e, b); }
static unsigned long long parse_ll(const char *s, char **e, int b) { return (unsigned long long)strtoll(s, e, b); }
static unsigned long long parse_ul(const char *s, char **e, int b) { return strtoul(s, e, b); }
static unsigned long long parse_ull(const char *s, char **e, int b) { return strtoull(s, e, b); }

long wcstol(const wchar_t *restrict s, wchar_t **restrict end, int base)
{
	return (long)wcsto_narrow(s, end, base, parse_l);
}

long long wcstoll(const wchar_t *restrict s, wchar_t **restrict end, int base)
{
	return (long long)wcsto_narrow(s, end, base, parse_ll);
}

unsigned long wcstoul(const wchar_t *restrict s, wchar_t **restrict end, int base)
{
	return wcsto_narrow(s, end, base, parse_ul);
}

unsigned long long wcstoull(const wchar_t *restrict s, wchar_t **restrict end, int base)
{
	return wcsto_narrow(s, end, base, parse_ull);
}

intmax_t wcstoimax(const wchar_t *restrict s, wchar_t **restrict end, int base)
{
	return wcstoll(s, end, base);
}

uintmax_t wcstoumax(const wchar_t *restrict s, wchar_t **restrict end, int base)
{
	return wcstoull(s, end, base);
}
