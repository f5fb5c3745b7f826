// SPDX-License-Identifier: MIT
/*
 * <strings.h>: case-insensitive comparison and the first set bit.
 * Case folding is the C locale's, ASCII letters only, which is what every
 * Tessera locale uses for single bytes.
 */
#include <ctype.h>
#include <strings.h>

static int case_fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

int strcasecmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	while (*p && case_fold(*p) == case_fold(*q))
		p++, q++;
	return case_fold(*p) - case_fold(*q);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;

	for (; n; n--, p++, q++) {
		int d = case_fold(*p) - case_fold(*q);
		if (d || !*p)
			return d;
	}
	return 0;
}

int ffs(int i)
{
	return __builtin_ffs(i);
}

int ffsl(long i)
{
	return __builtin_ffsl(i);
}

int ffsll(long long i)
{
	return __builtin_ffsll(i);
}
