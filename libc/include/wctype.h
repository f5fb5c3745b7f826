// SPDX-License-Identifier: MIT
/*
 * Wide character classes and case mapping. Exact for ASCII and Latin-1
 * (U+0000..U+00FF); above that, every code point that is not a control
 * or unassigned-looking value counts as printable and graphic, the
 * letters of Latin Extended-A, Greek and Cyrillic are alphabetic with
 * their simple case pairs, and the Unicode space characters are spaces.
 */
#pragma once

#include <stddef.h>

typedef unsigned int wint_t;
typedef unsigned long wctype_t;
typedef const int *wctrans_t;
typedef struct __locale_struct *locale_t;

#ifndef WEOF
#define WEOF ((wint_t)0xffffffffu)
#endif

int iswalnum(wint_t wc);
int iswalpha(wint_t wc);
int iswblank(wint_t wc);
int iswcntrl(wint_t wc);
int iswdigit(wint_t wc);
int iswgraph(wint_t wc);
int iswlower(wint_t wc);
int iswprint(wint_t wc);
int iswpunct(wint_t wc);
int iswspace(wint_t wc);
int iswupper(wint_t wc);
int iswxdigit(wint_t wc);
int iswctype(wint_t wc, wctype_t type);
wctype_t wctype(const char *name);
wint_t towlower(wint_t wc);
wint_t towupper(wint_t wc);
wctrans_t wctrans(const char *name);
wint_t towctrans(wint_t wc, wctrans_t trans);
