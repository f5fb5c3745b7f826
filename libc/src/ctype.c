// SPDX-License-Identifier: MIT
/*
 * Character classes for the C locale: ASCII only, and EOF or 128..255
 * belong to no class. Every Tessera locale classifies single bytes this
 * way (in "C.UTF-8" a byte above 127 is part of a multibyte character,
 * not a character), so the _l variants ignore their locale.
 */
#include <ctype.h>

int isdigit(int c) { return c >= '0' && c <= '9'; }
int islower(int c) { return c >= 'a' && c <= 'z'; }
int isupper(int c) { return c >= 'A' && c <= 'Z'; }
int isalpha(int c) { return islower(c) || isupper(c); }
int isalnum(int c) { return isalpha(c) || isdigit(c); }
int isxdigit(int c) { return isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int isspace(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
int isblank(int c) { return c == ' ' || c == '\t'; }
int iscntrl(int c) { return (c >= 0 && c < 0x20) || c == 0x7f; }
int isprint(int c) { return c >= 0x20 && c < 0x7f; }
int isgraph(int c) { return c > 0x20 && c < 0x7f; }
int ispunct(int c) { return isgraph(c) && !isalnum(c); }
int isascii(int c) { return c >= 0 && c <= 0x7f; }
int tolower(int c) { return isupper(c) ? c + ('a' - 'A') : c; }
int toupper(int c) { return islower(c) ? c - ('a' - 'A') : c; }
int toascii(int c) { return c & 0x7f; }

int isalnum_l(int c, locale_t l) { (void)l; return isalnum(c); }
int isalpha_l(int c, locale_t l) { (void)l; return isalpha(c); }
int isblank_l(int c, locale_t l) { (void)l; return isblank(c); }
int iscntrl_l(int c, locale_t l) { (void)l; return iscntrl(c); }
int isdigit_l(int c, locale_t l) { (void)l; return isdigit(c); }
int isgraph_l(int c, locale_t l) { (void)l; return isgraph(c); }
int islower_l(int c, locale_t l) { (void)l; return islower(c); }
int isprint_l(int c, locale_t l) { (void)l; return isprint(c); }
int ispunct_l(int c, locale_t l) { (void)l; return ispunct(c); }
int isspace_l(int c, locale_t l) { (void)l; return isspace(c); }
int isupper_l(int c, locale_t l) { (void)l; return isupper(c); }
int isxdigit_l(int c, locale_t l) { (void)l; return isxdigit(c); }
int tolower_l(int c, locale_t l) { (void)l; return tolower(c); }
int toupper_l(int c, locale_t l) { (void)l; return toupper(c); }
