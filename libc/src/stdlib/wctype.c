// SPDX-License-Identifier: MIT
/*
 * Wide character classes, case mapping and display width, the same in
 * every locale (a C-locale byte 0x80..0xff becomes a wide character in
 * the surrogate range, which belongs to no class: see multibyte.c).
 *
 * ASCII and Latin-1 are exact. Beyond them the tables are deliberately
 * small: the letter blocks of the common alphabetic scripts (Latin
 * extensions, Greek, Cyrillic, Armenian, Hebrew, Arabic, kana, CJK,
 * Hangul) count as alphabetic, with the simple case pairs of Latin
 * Extended-A, Greek and Cyrillic; the Unicode space separators are
 * spaces; every other assigned-looking code point is printable and, if
 * not a letter or digit, punctuation. wcwidth gives 0 to combining marks
 * and zero-width characters, 2 to the East Asian wide blocks and emoji,
 * -1 to controls and non-characters, and 1 to the rest.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

typedef struct wc_range {
	wint_t first, last;
} wc_range_t;

#define RANGE_COUNT(t) (sizeof(t) / sizeof((t)[0]))

static bool wc_in(wint_t wc, const wc_range_t *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (wc >= r[i].first && wc <= r[i].last)
			return true;
	return false;
}

static const wc_range_t alpha_ranges[] = {
	{ 0x100, 0x2af }, { 0x370, 0x373 }, { 0x376, 0x377 }, { 0x37b, 0x37d },
	{ 0x386, 0x386 }, { 0x388, 0x3ff }, { 0x400, 0x481 }, { 0x48a, 0x52f },
	{ 0x531, 0x556 }, { 0x561, 0x587 }, { 0x5d0, 0x5ea }, { 0x620, 0x64a },
	{ 0x1e00, 0x1fbc }, { 0x1fc2, 0x1fcc }, { 0x1fd0, 0x1fdb }, { 0x1fe0, 0x1fec },
	{ 0x1ff2, 0x1ffc }, { 0x3041, 0x3096 }, { 0x30a1, 0x30fa }, { 0x3400, 0x4dbf },
	{ 0x4e00, 0x9fff }, { 0xac00, 0xd7a3 }, { 0xf900, 0xfaff }, { 0xff21, 0xff3a },
	{ 0xff41, 0xff5a }, { 0x20000, 0x2fffd },
};

static const wc_range_t space_ranges[] = {
	{ 0x1680, 0x1680 }, { 0x2000, 0x2006 }, { 0x2008, 0x200a },
	{ 0x2028, 0x2029 }, { 0x205f, 0x205f }, { 0x3000, 0x3000 },
};

static const wc_range_t zero_width_ranges[] = {
	{ 0x300, 0x36f }, { 0x483, 0x489 }, { 0x591, 0x5bd }, { 0x5bf, 0x5bf },
	{ 0x5c1, 0x5c2 }, { 0x5c4, 0x5c5 }, { 0x5c7, 0x5c7 }, { 0x610, 0x61a },
	{ 0x64b, 0x65f }, { 0x670, 0x670 }, { 0x6d6, 0x6dc }, { 0x6df, 0x6e4 },
	{ 0x1ab0, 0x1aff }, { 0x1dc0, 0x1dff }, { 0x200b, 0x200f }, { 0x202a, 0x202e },
	{ 0x2060, 0x2064 }, { 0x20d0, 0x20ff }, { 0x302a, 0x302d }, { 0x3099, 0x309a },
	{ 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f }, { 0xfeff, 0xfeff }, { 0xe0100, 0xe01ef },
};

static const wc_range_t wide_ranges[] = {
	{ 0x1100, 0x115f }, { 0x2e80, 0x303e }, { 0x3041, 0x33ff }, { 0x3400, 0x4dbf },
	{ 0x4e00, 0x9fff }, { 0xa000, 0xa4cf }, { 0xac00, 0xd7a3 }, { 0xf900, 0xfaff },
	{ 0xfe30, 0xfe4f }, { 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x1f300, 0x1f64f },
	{ 0x1f900, 0x1f9ff }, { 0x20000, 0x2fffd }, { 0x30000, 0x3fffd },
};

/* --- classes -------------------------------------------------------------- */

int iswcntrl(wint_t wc)
{
	return wc < 0x20 || (wc >= 0x7f && wc < 0xa0) || wc == 0x2028 || wc == 0x2029;
}

static bool wc_valid(wint_t wc)
{
	return wc <= 0x10ffff && !(wc >= 0xd800 && wc <= 0xdfff) && (wc & 0xfffe) != 0xfffe &&
	       !(wc >= 0xfdd0 && wc <= 0xfdef);
}

int iswdigit(wint_t wc) { return wc >= '0' && wc <= '9'; }
int iswxdigit(wint_t wc) { return iswdigit(wc) || ((wc | 0x20) >= 'a' && (wc | 0x20) <= 'f'); }

int iswspace(wint_t wc)
{
	return wc == ' ' || (wc >= '\t' && wc <= '\r') ||
	       (wc > 0xff && wc_in(wc, space_ranges, RANGE_COUNT(space_ranges)));
}

int iswblank(wint_t wc)
{
	return wc == ' ' || wc == '\t' ||
	       (wc > 0xff && wc != 0x2028 && wc != 0x2029 &&
		wc_in(wc, space_ranges, RANGE_COUNT(space_ranges)));
}

int iswupper(wint_t wc)
{
	return towlower(wc) != wc;
}

int iswlower(wint_t wc)
{
	/* Lower-case letters without a single upper-case partner. */
	if (wc == 0xdf || wc == 0x138 || wc == 0x149 || wc == 0x17f)
		return 1;
	return towupper(wc) != wc;
}

int iswalpha(wint_t wc)
{
	if (wc < 0x80)
		return ((wc | 0x20) >= 'a' && (wc | 0x20) <= 'z');
	if (wc < 0x100)
		return wc == 0xaa || wc == 0xb5 || wc == 0xba || (wc >= 0xc0 && wc != 0xd7 && wc != 0xf7);
	return wc_in(wc, alpha_ranges, RANGE_COUNT(alpha_ranges));
}

int iswalnum(wint_t wc) { return iswalpha(wc) || iswdigit(wc); }
int iswprint(wint_t wc) { return !iswcntrl(wc) && wc_valid(wc); }
int iswgraph(wint_t wc) { return iswprint(wc) && !iswspace(wc); }
int iswpunct(wint_t wc) { return iswgraph(wc) && !iswalnum(wc); }

/* --- case ----------------------------------------------------------------- */

/*
 * The other case of a letter in a block of pairs (upper first, then its
 * lower case); upper_even says whether the capitals have even code points.
 */
static wint_t case_pair(wint_t wc, bool upper_even, bool to_upper)
{
	bool is_upper = ((wc & 1) == 0) == upper_even;

	if (is_upper == to_upper)
		return wc;
	return to_upper ? wc - 1 : wc + 1;
}

static wint_t case_map(wint_t wc, bool to_upper)
{
	if (wc < 0x80 || (wc >= 0xc0 && wc <= 0xfe && wc != 0xd7 && wc != 0xf7 && wc != 0xdf)) {
		bool letter = wc < 0x80 ? ((wc | 0x20) >= 'a' && (wc | 0x20) <= 'z') : true;
		bool upper = !(wc & 0x20);
		if (!letter || upper == to_upper)
			return wc;
		return to_upper ? wc - 0x20 : wc + 0x20;
	}
	if (wc == 0xff)
		return to_upper ? 0x178 : wc;
	if (wc == 0x178)
		return to_upper ? wc : 0xff;
	if (wc == 0xb5)
		return to_upper ? 0x39c : wc;
	if ((wc >= 0x100 && wc <= 0x12f) || (wc >= 0x132 && wc <= 0x137) ||
	    (wc >= 0x14a && wc <= 0x177) || (wc >= 0x460 && wc <= 0x481) ||
	    (wc >= 0x48a && wc <= 0x4bf) || (wc >= 0x4d0 && wc <= 0x52f))
		return case_pair(wc, true, to_upper);
	if ((wc >= 0x139 && wc <= 0x148) || (wc >= 0x179 && wc <= 0x17e) ||
	    (wc >= 0x4c1 && wc <= 0x4ce))
		return case_pair(wc, false, to_upper);
	if (wc >= 0x391 && wc <= 0x3ab && wc != 0x3a2)
		return to_upper ? wc : wc + 0x20;
	if (wc >= 0x3b1 && wc <= 0x3cb)
		return !to_upper ? wc : wc == 0x3c2 ? 0x3a3 : wc - 0x20;
	if (wc >= 0x410 && wc <= 0x42f)
		return to_upper ? wc : wc + 0x20;
	if (wc >= 0x430 && wc <= 0x44f)
		return to_upper ? wc - 0x20 : wc;
	if (wc >= 0x400 && wc <= 0x40f)
		return to_upper ? wc : wc + 0x50;
	if (wc >= 0x450 && wc <= 0x45f)
		return to_upper ? wc - 0x50 : wc;
	return wc;
}

wint_t towupper(wint_t wc) { return case_map(wc, true); }
wint_t towlower(wint_t wc) { return case_map(wc, false); }

/* --- by name -------------------------------------------------------------- */

static const struct {
	const char *name;
	int (*test)(wint_t);
} wctype_table[] = {
	{ "alnum", iswalnum }, { "alpha", iswalpha }, { "blank", iswblank },
	{ "cntrl", iswcntrl }, { "digit", iswdigit }, { "graph", iswgraph },
	{ "lower", iswlower }, { "print", iswprint }, { "punct", iswpunct },
	{ "space", iswspace }, { "upper", iswupper }, { "xdigit", iswxdigit },
};

wctype_t wctype(const char *name)
{
	for (size_t i = 0; i < RANGE_COUNT(wctype_table); i++)
		if (strcmp(name, wctype_table[i].name) == 0)
			return i + 1;
	return 0;
}

int iswctype(wint_t wc, wctype_t type)
{
	if (type == 0 || type > RANGE_COUNT(wctype_table))
		return 0;
	return wctype_table[type - 1].test(wc);
}

static const int wctrans_upper = 1, wctrans_lower = 2;

wctrans_t wctrans(const char *name)
{
	if (strcmp(name, "toupper") == 0)
		return &wctrans_upper;
	if (strcmp(name, "tolower") == 0)
		return &wctrans_lower;
	return NULL;
}

wint_t towctrans(wint_t wc, wctrans_t trans)
{
	if (trans == &wctrans_upper)
		return towupper(wc);
	if (trans == &wctrans_lower)
		return towlower(wc);
	return wc;
}

/* --- width ---------------------------------------------------------------- */

int wcwidth(wchar_t wc)
{
	wint_t u = (wint_t)wc;

	if (u == 0)
		return 0;
	if (iswcntrl(u) || !wc_valid(u))
		return -1;
	if (u >= 0x300 && wc_in(u, zero_width_ranges, RANGE_COUNT(zero_width_ranges)))
		return 0;
	if (u >= 0x1100 && wc_in(u, wide_ranges, RANGE_COUNT(wide_ranges)))
		return 2;
	return 1;
}

int wcswidth(const wchar_t *s, size_t n)
{
	int total = 0;

	for (; n && *s; s++, n--) {
		int w = wcwidth(*s);
		if (w < 0)
			return -1;
		total += w;
	}
	return total;
}
