// SPDX-License-Identifier: MIT
/*
 * Glyph lookup. ASCII is indexed directly (it is every line of ordinary
 * output); anything else is a binary search of the sorted code list. A
 * few characters the font does not draw look enough like one it does
 * to borrow its glyph (a non-breaking hyphen is a hyphen); the rest get
 * the kernel font's "unknown" box, stored under 0x7F.
 */
#include "font.h"

#include <stddef.h>

#define FONT_UNKNOWN 0x7f

static const struct {
	uint32_t cp, as;
} font_aliases[] = {
	{ 0x2010, '-' }, { 0x2011, '-' }, { 0x2012, '-' }, { 0x2015, 0x2014 },
	{ 0x2032, '\'' }, { 0x2033, '"' }, { 0x2039, '<' }, { 0x203a, '>' },
	{ 0x2212, '-' }, { 0x2044, '/' }, { 0x2215, '/' }, { 0x2219, 0xb7 },
	{ 0x22c5, 0xb7 }, { 0x2027, 0xb7 }, { 0x201a, ',' }, { 0x201e, '"' },
	{ 0x2236, ':' }, { 0xfffd, FONT_UNKNOWN },
};

static long font_find(uint32_t cp)
{
	size_t lo = 0, hi = font_glyph_count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (font_codes[mid] == cp)
			return (long)mid;
		if (font_codes[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

const uint8_t *font_glyph(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7f)
		return font_bits[cp - 0x20];
	for (size_t i = 0; i < sizeof(font_aliases) / sizeof(font_aliases[0]); i++)
		if (font_aliases[i].cp == cp)
			cp = font_aliases[i].as;
	long i = cp == FONT_UNKNOWN ? -1 : font_find(cp);
	return font_bits[i >= 0 ? i : FONT_UNKNOWN - 0x20];
}
