// SPDX-License-Identifier: MIT
/*
 * Multibyte <-> wide character conversion for the two encodings Tessera's
 * locales have.
 *
 * "C.UTF-8": UTF-8 as RFC 3629 defines it. Overlong forms, surrogates
 * (U+D800..U+DFFF) and values above U+10FFFF are encoding errors
 * (EILSEQ), caught as early as the second byte. An incomplete sequence
 * waits in the mbstate_t: __count holds the lead byte (bits 8..15) and
 * the continuation bytes still expected (bits 0..7), __value the bits
 * decoded so far.
 *
 * "C" (and "POSIX"): POSIX.1-2024 makes this locale single-byte with 256
 * characters, so no byte may be an encoding error (glibc 2.36 still
 * refuses 0x80..0xff here). Bytes 0x00..0x7f are ASCII; bytes 0x80..0xff
 * become the wide characters 0xdf80..0xdfff, inside the surrogate range
 * that UTF-8 can never produce. They therefore round-trip through
 * wcrtomb, are not mistaken for Latin-1 letters by <wctype.h> (which
 * classifies code points the same in every locale), and cannot leak into
 * UTF-8 output as if they were characters.
 */
#include "locale_impl.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define C_HIGH_BASE 0xdf00u             /* byte b >= 0x80 is wide 0xdf00 + b */

static bool byte_is_continuation(unsigned char b, unsigned char lead, bool first)
{
	unsigned char lo = 0x80, hi = 0xbf;

	if (first) {            /* the second byte carries the range checks */
		if (lead == 0xe0)
			lo = 0xa0;      /* below: overlong */
		else if (lead == 0xed)
			hi = 0x9f;      /* above: surrogates */
		else if (lead == 0xf0)
			lo = 0x90;      /* below: overlong */
		else if (lead == 0xf4)
			hi = 0x8f;      /* above: beyond U+10FFFF */
	}
	return b >= lo && b <= hi;
}

/* The length of the sequence a valid lead byte (0xc2..0xf4) starts. */
static unsigned utf8_length(unsigned lead)
{
	return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
}

static size_t mb_error(mbstate_t *ps)
{
	*ps = (mbstate_t){ 0 };
	errno = EILSEQ;
	return (size_t)-1;
}

static size_t utf8_decode(wchar_t *wc, const unsigned char *s, size_t n, mbstate_t *ps)
{
	unsigned need = ps->__count & 0xff, lead = ps->__count >> 8;
	uint32_t value = ps->__value;
	size_t used = 0;

	if (!need) {
		lead = s[used++];
		if (lead < 0x80) {
			*wc = (wchar_t)lead;
			return lead ? 1 : 0;
		}
		if (lead < 0xc2 || lead > 0xf4)
			return mb_error(ps);
		need = utf8_length(lead) - 1;
		value = lead & (0x3fu >> need);
	}
	for (; need && used < n; used++, need--) {
		unsigned char b = s[used];
		if (!byte_is_continuation(b, (unsigned char)lead, need == utf8_length(lead) - 1))
			return mb_error(ps);
		value = value << 6 | (b & 0x3f);
	}
	if (need) {
		ps->__count = lead << 8 | need;
		ps->__value = value;
		return (size_t)-2;
	}
	*ps = (mbstate_t){ 0 };
	*wc = (wchar_t)value;
	return used;
}

size_t mbrtowc(wchar_t *restrict wc, const char *restrict s, size_t n, mbstate_t *restrict ps)
{
	static mbstate_t internal;
	wchar_t ignored;

	if (!ps)
		ps = &internal;
	if (!s) {
		if (ps->__count)
			return mb_error(ps);
		return 0;
	}
	if (n == 0)
		return (size_t)-2;
	if (!wc)
		wc = &ignored;
	if (!__libc_locale_utf8()) {
		unsigned char b = (unsigned char)*s;
		*wc = (wchar_t)(b < 0x80 ? b : C_HIGH_BASE + b);
		return b ? 1 : 0;
	}
	return utf8_decode(wc, (const unsigned char *)s, n, ps);
}

size_t mbrlen(const char *restrict s, size_t n, mbstate_t *restrict ps)
{
	static mbstate_t internal;

	return mbrtowc(NULL, s, n, ps ? ps : &internal);
}

int mbsinit(const mbstate_t *ps)
{
	return !ps || !ps->__count;
}

static size_t utf8_encode(char *s, uint32_t wc)
{
	if (wc < 0x80) {
		s[0] = (char)wc;
		return 1;
	}
	if (wc < 0x800) {
		s[0] = (char)(0xc0 | wc >> 6);
		s[1] = (char)(0x80 | (wc & 0x3f));
		return 2;
	}
	if ((wc >= 0xd800 && wc <= 0xdfff) || wc > 0x10ffff) {
		errno = EILSEQ;
		return (size_t)-1;
	}
	if (wc < 0x10000) {
		s[0] = (char)(0xe0 | wc >> 12);
		s[1] = (char)(0x80 | (wc >> 6 & 0x3f));
		s[2] = (char)(0x80 | (wc & 0x3f));
		return 3;
	}
	s[0] = (char)(0xf0 | wc >> 18);
	s[1] = (char)(0x80 | (wc >> 12 & 0x3f));
	s[2] = (char)(0x80 | (wc >> 6 & 0x3f));
	s[3] = (char)(0x80 | (wc & 0x3f));
	return 4;
}

size_t wcrtomb(char *restrict s, wchar_t wc, mbstate_t *restrict ps)
{
	char buf[4];
	uint32_t u = (uint32_t)wc;

	if (ps && ps->__count)
		return mb_error(ps);    /* a half-read input sequence has no place here */
	if (!s) {
		s = buf;
		u = 0;
	}
	if (__libc_locale_utf8())
		return utf8_encode(s, u);
	if (u < 0x80 || (u >= C_HIGH_BASE + 0x80 && u <= C_HIGH_BASE + 0xff)) {
		*s = (char)(u & 0xff);
		return 1;
	}
	errno = EILSEQ;
	return (size_t)-1;
}

wint_t btowc(int c)
{
	if (c == EOF || c < -128 || c > 255)
		return WEOF;
	unsigned char b = (unsigned char)c;
	if (b < 0x80)
		return b;
	return __libc_locale_utf8() ? WEOF : C_HIGH_BASE + b;
}

int wctob(wint_t wc)
{
	if (wc < 0x80)
		return (int)wc;
	if (!__libc_locale_utf8() && wc >= C_HIGH_BASE + 0x80 && wc <= C_HIGH_BASE + 0xff)
		return (int)(wc - C_HIGH_BASE);
	return EOF;
}

/* --- strings -------------------------------------------------------------- */

size_t mbsnrtowcs(wchar_t *restrict dst, const char **restrict src, size_t nms, size_t n,
		  mbstate_t *restrict ps)
{
	static mbstate_t internal;
	mbstate_t scratch;
	const char *s = *src;
	size_t count = 0;

	if (!ps)
		ps = &internal;
	if (!dst) {             /* only counting: leave the caller's state alone */
		scratch = *ps;
		ps = &scratch;
		n = SIZE_MAX;
	}
	while (count < n) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, s, nms, ps);
		if (r == (size_t)-2) {
			s += nms;       /* all of it now sits in the state */
			break;
		}
		if (r == (size_t)-1) {
			if (dst)
				*src = s;
			return r;
		}
		if (r == 0) {
			if (dst) {
				dst[count] = 0;
				*src = NULL;
			}
			return count;
		}
		if (dst)
			dst[count] = wc;
		s += r;
		nms -= r;
		count++;
	}
	if (dst)
		*src = s;
	return count;
}

size_t mbsrtowcs(wchar_t *restrict dst, const char **restrict src, size_t n,
		 mbstate_t *restrict ps)
{
	return mbsnrtowcs(dst, src, SIZE_MAX, n, ps);
}

size_t wcsnrtombs(char *restrict dst, const wchar_t **restrict src, size_t nwc, size_t n,
		  mbstate_t *restrict ps)
{
	const wchar_t *w = *src;
	size_t count = 0;
	char buf[4];

	(void)ps;               /* no shift states in either encoding */
	for (; nwc; w++, nwc--) {
		size_t r = wcrtomb(buf, *w, NULL);
		if (r == (size_t)-1) {
			if (dst)
				*src = w;
			return r;
		}
		if (dst && count + r > n)
			break;
		if (*w == 0) {
			if (dst) {
				dst[count] = '\0';
				*src = NULL;
			}
			return count;
		}
		if (dst)
			memcpy(dst + count, buf, r);
		count += r;
	}
	if (dst)
		*src = w;
	return count;
}

size_t wcsrtombs(char *restrict dst, const wchar_t **restrict src, size_t n,
		 mbstate_t *restrict ps)
{
	return wcsnrtombs(dst, src, SIZE_MAX, n, ps);
}

/* --- the <stdlib.h> functions, which keep no state between calls ---------- */

int mbtowc(wchar_t *restrict wc, const char *restrict s, size_t n)
{
	mbstate_t st = { 0 };
	size_t r;

	if (!s)
		return 0;       /* neither encoding has shift states */
	r = mbrtowc(wc, s, n, &st);
	if (r == (size_t)-2) {
		errno = EILSEQ;
		return -1;
	}
	return (int)r;
}

int mblen(const char *s, size_t n)
{
	return mbtowc(NULL, s, n);
}

int wctomb(char *s, wchar_t wc)
{
	if (!s)
		return 0;
	return (int)wcrtomb(s, wc, NULL);
}

size_t mbstowcs(wchar_t *restrict dst, const char *restrict src, size_t n)
{
	mbstate_t st = { 0 };
	const char *s = src;

	return mbsrtowcs(dst, &s, n, &st);
}

size_t wcstombs(char *restrict dst, const wchar_t *restrict src, size_t n)
{
	mbstate_t st = { 0 };
	const wchar_t *w = src;

	return wcsrtombs(dst, &w, n, &st);
}
