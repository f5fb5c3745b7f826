// SPDX-License-Identifier: MIT
/*
 * UTF-8, the multibyte encoding of every locale here, for the wide
 * character conversions of printf (%lc, %ls) and scanf.
 */
#include "print.h"
#include "scan.h"

size_t print_utf8_encode(char *buf, uint32_t c)
{
	if (c < 0x80) {
		buf[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		buf[0] = (char)(0xc0 | c >> 6);
		buf[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c >= 0xd800 && c < 0xe000)
		return 0; /* surrogates are not characters */
	if (c < 0x10000) {
		buf[0] = (char)(0xe0 | c >> 12);
		buf[1] = (char)(0x80 | (c >> 6 & 0x3f));
		buf[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	if (c < 0x110000) {
		buf[0] = (char)(0xf0 | c >> 18);
		buf[1] = (char)(0x80 | (c >> 12 & 0x3f));
		buf[2] = (char)(0x80 | (c >> 6 & 0x3f));
		buf[3] = (char)(0x80 | (c & 0x3f));
		return 4;
	}
	return 0;
}

int scan_utf8_length(unsigned char lead, uint32_t *bits)
{
	if (lead < 0x80) {
		*bits = lead;
		return 1;
	}
	if (lead >= 0xc2 && lead < 0xe0) {
		*bits = lead & 0x1f;
		return 2;
	}
	if (lead >= 0xe0 && lead < 0xf0) {
		*bits = lead & 0x0f;
		return 3;
	}
	if (lead >= 0xf0 && lead < 0xf5) {
		*bits = lead & 0x07;
		return 4;
	}
	return 0;
}

bool scan_utf8_valid(uint32_t c, int len)
{
	static const uint32_t min[5] = { 0, 0, 0x80, 0x800, 0x10000 };

	return c >= min[len] && c < 0x110000 && !(c >= 0xd800 && c < 0xe000);
}
