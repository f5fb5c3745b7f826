// SPDX-License-Identifier: MIT
/*
 * <ctype.h> in the C locale: every class checked against its definition
 * for all of EOF and 0..255 (bytes above 127 belong to no class), the
 * relations C states between classes, and case mapping.
 */
#include "utest.h"

#include <ctype.h>
#include <stdio.h>

static bool in(int c, const char *set)
{
	for (; *set; set++)
		if (c == (unsigned char)*set)
			return true;
	return false;
}

#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define DIGIT "0123456789"
#define PUNCT "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

TEST(classes_match_their_c_locale_definitions)
{
	for (int c = EOF; c <= 255; c++) {
		bool ascii = c >= 0 && c < 128;
		CHECK_EQ(!!isupper(c), c >= 0 && in(c, UPPER));
		CHECK_EQ(!!islower(c), c >= 0 && in(c, LOWER));
		CHECK_EQ(!!isdigit(c), c >= 0 && in(c, DIGIT));
		CHECK_EQ(!!isalpha(c), c >= 0 && in(c, UPPER LOWER));
		CHECK_EQ(!!isalnum(c), c >= 0 && in(c, UPPER LOWER DIGIT));
		CHECK_EQ(!!isxdigit(c), c >= 0 && in(c, DIGIT "abcdefABCDEF"));
		CHECK_EQ(!!ispunct(c), c >= 0 && in(c, PUNCT));
		CHECK_EQ(!!isspace(c), c >= 0 && in(c, " \t\n\v\f\r"));
		CHECK_EQ(!!isblank(c), c == ' ' || c == '\t');
		CHECK_EQ(!!iscntrl(c), ascii && (c < 32 || c == 127));
		CHECK_EQ(!!isprint(c), ascii && c >= 32 && c < 127);
		CHECK_EQ(!!isgraph(c), ascii && c > 32 && c < 127);
	}
}

TEST(class_relations_hold)
{
	for (int c = 0; c <= 255; c++) {
		CHECK_EQ(!!isgraph(c), !!(isalnum(c) || ispunct(c)));
		CHECK_EQ(!!isprint(c), !!(isgraph(c) || c == ' '));
		CHECK(!(iscntrl(c) && isprint(c)));
		CHECK(!(isalpha(c) && isdigit(c)));
	}
}

TEST(case_mapping_changes_only_ascii_letters)
{
	for (int c = EOF; c <= 255; c++) {
		if (c >= 'A' && c <= 'Z')
			CHECK_EQ(tolower(c), c + 32);
		else
			CHECK_EQ(tolower(c), c);
		if (c >= 'a' && c <= 'z')
			CHECK_EQ(toupper(c), c - 32);
		else
			CHECK_EQ(toupper(c), c);
	}
}

TEST(isascii_and_toascii_keep_seven_bits)
{
	CHECK(isascii(0));
	CHECK(isascii(127));
	CHECK(!isascii(128));
	CHECK(!isascii(-1));
	CHECK_EQ(toascii(0xc1), 0x41);
	CHECK_EQ(toascii('z'), 'z');
}
