// SPDX-License-Identifier: MIT
/*
 * <wchar.h>, <wctype.h> and the multibyte functions of <stdlib.h>.
 * Conversions run in "C.UTF-8": every sequence length at its bounds,
 * the encoding errors C and RFC 3629 name (overlong forms, surrogates,
 * stray continuation bytes), sequences split across calls through an
 * mbstate_t, and the string conversions' stopping rules (the source
 * pointer left at the first unconverted character, or NULL after the
 * terminator). In "C" only ASCII is tested: POSIX.1-2024 and glibc 2.36
 * disagree on bytes above 127 there. Wide strings, classes, case and
 * widths follow.
 */
#include "utest.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#define ERR ((size_t)-1)
#define PARTIAL ((size_t)-2)

static bool utf8_on(void)
{
	return setlocale(LC_ALL, "C.UTF-8") != NULL;
}

static void utf8_off(void)
{
	setlocale(LC_ALL, "C");
}

/* mbrtowc of s (n bytes) from the initial state. */
static size_t decode(const char *s, size_t n, wchar_t *wc)
{
	mbstate_t st;

	memset(&st, 0, sizeof(st));
	*wc = 0x1234;
	return mbrtowc(wc, s, n, &st);
}

TEST(utf8_decodes_every_length_at_its_bounds)
{
	static const struct {
		const char *s;
		size_t len;
		wchar_t wc;
	} cases[] = {
		{ "A", 1, 0x41 }, { "\x7f", 1, 0x7f }, { "\xc2\x80", 2, 0x80 },
		{ "\xdf\xbf", 2, 0x7ff }, { "\xe0\xa0\x80", 3, 0x800 },
		{ "\xed\x9f\xbf", 3, 0xd7ff }, { "\xee\x80\x80", 3, 0xe000 },
		{ "\xef\xbf\xbf", 3, 0xffff }, { "\xf0\x90\x80\x80", 4, 0x10000 },
		{ "\xf4\x8f\xbf\xbf", 4, 0x10ffff }, { "\xe2\x82\xac", 3, 0x20ac },
	};
	wchar_t wc;

	if (!utf8_on())
		SKIP("no C.UTF-8 locale");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_EQ(decode(cases[i].s, cases[i].len, &wc), cases[i].len);
		CHECK_EQ(wc, cases[i].wc);
		CHECK_EQ(decode(cases[i].s, cases[i].len + 3, &wc), cases[i].len);
		CHECK_EQ(mblen(cases[i].s, cases[i].len), (int)cases[i].len);
	}
	CHECK_EQ(decode("", 1, &wc), 0);
	CHECK_EQ(wc, 0);
	utf8_off();
}

TEST(utf8_rejects_overlongs_surrogates_and_stray_bytes)
{
	static const char *const bad[] = {
		"\xc0\x80", "\xc1\xbf", "\xe0\x80\x80", "\xe0\x9f\xbf", "\xf0\x80\x80\x80",
		"\xf0\x8f\xbf\xbf", "\xed\xa0\x80", "\xed\xbf\xbf", "\x80", "\xbf",
		"\xe2\x28\xa1", "\xc3\x41",
	};
	wchar_t wc;

	if (!utf8_on())
		SKIP("no C.UTF-8 locale");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errno = 0;
		CHECK_EQ(decode(bad[i], strlen(bad[i]), &wc), ERR);
		CHECK_EQ(errno, EILSEQ);
		CHECK_EQ(mblen(bad[i], strlen(bad[i])), -1);
	}
#ifndef __GLIBC__       /* glibc 2.36 still decodes beyond U+10FFFF */
	errno = 0;
	CHECK_EQ(decode("\xf4\x90\x80\x80", 4, &wc), ERR);
	CHECK_EQ(errno, EILSEQ);
	CHECK_EQ(decode("\xf5\x80\x80\x80", 4, &wc), ERR);
	CHECK_EQ(decode("\xf8\x88\x80\x80\x80", 5, &wc), ERR);
#endif
	utf8_off();
}

TEST(utf8_sequences_continue_across_calls)
{
	const char euro[] = "\xf0\x9f\x98\x80";     /* U+1F600 */
	mbstate_t st;
	wchar_t wc = 0;

	if (!utf8_on())
		SKIP("no C.UTF-8 locale");
	memset(&st, 0, sizeof(st));
	CHECK(mbsinit(&st));
	CHECK(mbsinit(NULL));
	CHECK_EQ(mbrtowc(&wc, euro, 1, &st), PARTIAL);
	CHECK(!mbsinit(&st));
	CHECK_EQ(mbrtowc(&wc, euro + 1, 2, &st), PARTIAL);
	CHECK_EQ(mbrlen(euro + 3, 1, &st), 1);          /* completes it */
	CHECK(mbsinit(&st));
	CHECK_EQ(mbrtowc(&wc, euro, 2, &st), PARTIAL);
	CHECK_EQ(mbrtowc(&wc, euro + 2, 2, &st), 2);    /* bytes used by this call */
	CHECK_EQ(wc, 0x1f600);
	CHECK_EQ(mbrtowc(&wc, "x", 0, &st), PARTIAL);   /* n == 0 */
	/* A bad continuation after a valid start. */
	CHECK_EQ(mbrtowc(&wc, "\xe2", 1, &st), PARTIAL);
	errno = 0;
	CHECK_EQ(mbrtowc(&wc, "A", 1, &st), ERR);
	CHECK_EQ(errno, EILSEQ);
	memset(&st, 0, sizeof(st));
	CHECK_EQ(mbrtowc(NULL, NULL, 0, &st), 0);       /* s == NULL resets */
	utf8_off();
}

TEST(wcrtomb_encodes_and_refuses_surrogates)
{
	char b[8];
	mbstate_t st;

	if (!utf8_on())
		SKIP("no C.UTF-8 locale");
	memset(&st, 0, sizeof(st));
	CHECK_EQ(wcrtomb(b, L'A', &st), 1);
	CHECK_EQ(b[0], 'A');
	CHECK_EQ(wcrtomb(b, 0xe9, &st), 2);
	CHECK(memcmp(b, "\xc3\xa9", 2) == 0);
	CHECK_EQ(wcrtomb(b, 0x20ac, &st), 3);
	CHECK(memcmp(b, "\xe2\x82\xac", 3) == 0);
	CHECK_EQ(wcrtomb(b, 0x10ffff, &st), 4);
	CHECK(memcmp(b, "\xf4\x8f\xbf\xbf", 4) == 0);
	errno = 0;
	CHECK_EQ(wcrtomb(b, 0xd800, &st), ERR);
	CHECK_EQ(errno, EILSEQ);
	CHECK_EQ(wcrtomb(NULL, 0x20ac, &st), 1);        /* as if for L'\0' */
	CHECK_EQ(wcrtomb(b, 0, &st), 1);
	CHECK_EQ(b[0], 0);
	CHECK_EQ(wctomb(NULL, 0), 0);
	CHECK_EQ(wctomb(b, 0x7ff), 2);
	CHECK_EQ(MB_CUR_MAX >= 4, 1);
	utf8_off();
}

TEST(mbsrtowcs_converts_counts_and_stops_where_told)
{
	const char *text = "h\xc3\xa9llo \xe2\x82\xac";
	const char *src = text;
	wchar_t w[16];
	mbstate_t st;

	if (!utf8_on())
		SKIP("no C.UTF-8 locale");
	memset(&st, 0, sizeof(st));
	CHECK_EQ(mbsrtowcs(NULL, &src, 0, &st), 7);     /* counting only */
	CHECK(src == text);
	CHECK_EQ(mbsrtowcs(w, &src, 3, &st), 3);
	CHECK(src == text + 4);                         /* after "h\xc3\xa9l" */
	CHECK_EQ(w[1], 0xe9);
	CHECK_EQ(mbsrtowcs(w, &src, 16, &st), 4);
	CHECK(src == NULL);
	CHECK_EQ(w[3], 0x20ac);
	CHECK_EQ(w[4], 0);
	const char *bad = "ab\xff";
	src = bad;
	errno = 0;
	CHECK_EQ(mbsrtowcs(w, &src, 16, &st), ERR);
	CHECK_EQ(errno, EILSEQ);
	CHECK(src == bad + 2);
	CHECK_EQ(mbstowcs(NULL, "\xc3\xa9\xc3\xa9", 0), 2);
	CHECK_EQ(mbstowcs(w, "ab", 16), 2);
	CHECK(w[0] == L'a' && w[2] == 0);
	utf8_off();
}

TEST(wcsrtombs_converts_whole_characters_only)
{
	const wchar_t text[] = { L'h', 0xe9, 0x20ac, L'!', 0 };
	const wchar_t *src = text;
	char out[16];
	mbstate_t st;

	if (!utf8_on())
		SKIP("no C.UTF-8 locale");
	memset(&st, 0, sizeof(st));
	CHECK_EQ(wcsrtombs(NULL, &src, 0, &st), 7);
	CHECK(src == text);
	CHECK_EQ(wcsrtombs(out, &src, 4, &st), 3);      /* the euro sign does not fit */
	CHECK(src == text + 2);
	CHECK_EQ(wcsrtombs(out, &src, 16, &st), 4);
	CHECK(src == NULL);
	CHECK_STR(out, "\xe2\x82\xac!");
	const wchar_t bad[] = { L'a', 0xdc00, 0 };
	src = bad;
	errno = 0;
	CHECK_EQ(wcsrtombs(out, &src, 16, &st), ERR);
	CHECK_EQ(errno, EILSEQ);
	CHECK(src == bad + 1);
	CHECK_EQ(wcstombs(out, L"xyz", sizeof(out)), 3);
	CHECK_STR(out, "xyz");
	CHECK_EQ(wcstombs(NULL, text, 0), 7);
	utf8_off();
}

TEST(c_locale_converts_ascii_one_byte_each)
{
	wchar_t wc;
	char b[4];

	utf8_off();
	CHECK_EQ(MB_CUR_MAX, 1);
	CHECK_EQ(decode("A", 1, &wc), 1);
	CHECK_EQ(wc, L'A');
	CHECK_EQ(mblen("\x7f", 1), 1);
	CHECK_EQ(wcrtomb(b, L'z', NULL), 1);
	CHECK_EQ(btowc('a'), L'a');
	CHECK_EQ(btowc(EOF), WEOF);
	CHECK_EQ(wctob(L'a'), 'a');
	CHECK_EQ(wctob(0x20ac), EOF);
	errno = 0;
	CHECK_EQ(wcrtomb(b, 0x20ac, NULL), ERR);
	CHECK_EQ(errno, EILSEQ);
}

TEST(btowc_and_wctob_in_utf8_cover_ascii_only)
{
	if (!utf8_on())
		SKIP("no C.UTF-8 locale");
	CHECK_EQ(btowc(0x41), 0x41);
	CHECK_EQ(btowc(0xe9), WEOF);
	CHECK_EQ(wctob(0xe9), EOF);
	CHECK_EQ(wctob(0x7f), 0x7f);
	utf8_off();
}

TEST(wide_strings_behave_like_their_narrow_forms)
{
	wchar_t b[32];

	CHECK_EQ(wcslen(L""), 0);
	CHECK_EQ(wcslen(L"h\xe9llo"), 5);
	CHECK_EQ(wcsnlen(L"hello", 3), 3);
	CHECK(wcscpy(b, L"abc") == b);
	CHECK(wcscat(b, L"def") == b);
	CHECK_EQ(wcscmp(b, L"abcdef"), 0);
	CHECK(wcscmp(L"a", L"b") < 0);
	CHECK(wcscmp(L"b", L"a") > 0);
	CHECK(wcscmp(L"\x20ac", L"z") > 0);
	CHECK_EQ(wcsncmp(L"abcx", L"abcy", 3), 0);
	CHECK(wcschr(b, L'd') == b + 3);
	CHECK(wcschr(b, 0) == b + 6);
	CHECK(wcsrchr(L"abca", L'a') != NULL);
	CHECK(wcsstr(b, L"cde") == b + 2);
	CHECK(wcsstr(b, L"") == b);
	CHECK(wcsstr(b, L"xyz") == NULL);
	CHECK_EQ(wcsspn(L"aabbc", L"ab"), 4);
	CHECK_EQ(wcscspn(L"abcde", L"dc"), 2);
	CHECK(wcspbrk(L"abcde", L"ed") != NULL);
	wmemset(b, L'x', 4);
	CHECK(wmemcmp(b, L"xxxx", 4) == 0);
	wmemcpy(b, L"12345", 6);
	wmemmove(b + 1, b, 4);
	CHECK(wmemcmp(b, L"11234", 5) == 0);
	CHECK(wmemchr(b, L'3', 5) == b + 3);
	CHECK(wcsncpy(b, L"ab", 4) == b);
	CHECK(b[2] == 0 && b[3] == 0);
	wcscpy(b, L"ab");
	wcsncat(b, L"cdef", 2);
	CHECK_EQ(wcscmp(b, L"abcd"), 0);
	wchar_t *d = wcsdup(L"dup");
	CHECK(d && wcscmp(d, L"dup") == 0);
	free(d);
	wchar_t t[] = L"a b  c", *save;
	CHECK_EQ(wcscmp(wcstok(t, L" ", &save), L"a"), 0);
	CHECK_EQ(wcscmp(wcstok(NULL, L" ", &save), L"b"), 0);
	CHECK_EQ(wcscmp(wcstok(NULL, L" ", &save), L"c"), 0);
	CHECK(wcstok(NULL, L" ", &save) == NULL);
}

TEST(wcstol_parses_like_strtol)
{
	wchar_t *end;

	CHECK_EQ(wcstol(L"  -0x1fz", &end, 0), -31);
	CHECK_EQ(*end, L'z');
	CHECK_EQ(wcstoul(L"777", NULL, 8), 511);
	CHECK_EQ(wcstoll(L"\x20ac", &end, 10), 0);      /* not a digit */
	CHECK(*end == 0x20ac);
	errno = 0;
	CHECK_EQ(wcstoull(L"99999999999999999999", NULL, 10), -1);
	CHECK_EQ(errno, ERANGE);
}

TEST(wide_classes_are_exact_for_ascii)
{
	for (wint_t c = 0; c < 128; c++) {
		CHECK_EQ(!!iswalpha(c), !!((c | 32) >= 'a' && (c | 32) <= 'z'));
		CHECK_EQ(!!iswdigit(c), c >= '0' && c <= '9');
		CHECK_EQ(!!iswspace(c), c == ' ' || (c >= 9 && c <= 13));
		CHECK_EQ(!!iswcntrl(c), c < 32 || c == 127);
		CHECK_EQ(!!iswprint(c), c >= 32 && c < 127);
		CHECK_EQ(!!iswpunct(c), c > 32 && c < 127 && !iswalnum(c));
		CHECK_EQ(!!iswupper(c), c >= 'A' && c <= 'Z');
		CHECK_EQ(!!iswblank(c), c == ' ' || c == '\t');
		CHECK_EQ(!!iswxdigit(c), (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'f'));
		CHECK_EQ(towupper(c), c >= 'a' && c <= 'z' ? c - 32 : c);
		CHECK_EQ(towlower(c), c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	CHECK(!iswalpha(WEOF));
	CHECK_EQ(towlower(WEOF), WEOF);
	CHECK(iswctype(L'a', wctype("alpha")));
	CHECK(!iswctype(L'1', wctype("alpha")));
	CHECK_EQ(wctype("nonsense"), 0);
	CHECK_EQ(towctrans(L'q', wctrans("toupper")), L'Q');
	CHECK(wctrans("sideways") == 0);
}

TEST(latin1_letters_have_classes_and_cases_in_utf8)
{
	if (!utf8_on())
		SKIP("no C.UTF-8 locale");
	CHECK(iswalpha(0xe9));
	CHECK(iswlower(0xe9));
	CHECK(iswupper(0xc9));
	CHECK_EQ(towlower(0xc9), 0xe9);
	CHECK_EQ(towupper(0xe9), 0xc9);
	CHECK_EQ(towupper(0xff), 0x178);
	CHECK_EQ(towlower(0x178), 0xff);
	CHECK_EQ(towupper(0xdf), 0xdf);
	CHECK(iswlower(0xdf));
	CHECK(!iswalpha(0xd7));
	CHECK(iswpunct(0xd7));
	CHECK(iswpunct(0xa1));
	CHECK(iswcntrl(0x85));
	CHECK(!iswspace(0xa0));         /* no-break space */
	CHECK(iswprint(0xa0));
	CHECK(iswalpha(0x3b1));         /* Greek alpha */
	CHECK_EQ(towupper(0x3b1), 0x391);
	CHECK_EQ(towlower(0x416), 0x436); /* Cyrillic Zhe */
	CHECK_EQ(towupper(0x101), 0x100);
	CHECK(iswspace(0x3000));
	CHECK(iswspace(0x2028));
	CHECK(!iswspace(0x200b));
	utf8_off();
}

TEST(wcwidth_sizes_controls_combining_and_wide_characters)
{
	if (!utf8_on())
		SKIP("no C.UTF-8 locale");
	CHECK_EQ(wcwidth(0), 0);
	CHECK_EQ(wcwidth(L'a'), 1);
	CHECK_EQ(wcwidth(1), -1);
	CHECK_EQ(wcwidth(0x7f), -1);
	CHECK_EQ(wcwidth(0xe9), 1);
	CHECK_EQ(wcwidth(0x301), 0);    /* combining acute */
	CHECK_EQ(wcwidth(0x200b), 0);
	CHECK_EQ(wcwidth(0x4e00), 2);
	CHECK_EQ(wcwidth(0xac00), 2);
	CHECK_EQ(wcwidth(0xff21), 2);
	CHECK_EQ(wcwidth(0x1f600), 2);
	CHECK_EQ(wcswidth(L"a\x4e00z", 10), 4);
	CHECK_EQ(wcswidth(L"a\x4e00z", 1), 1);
	CHECK_EQ(wcswidth(L"a\x01", 5), -1);
	utf8_off();
}
