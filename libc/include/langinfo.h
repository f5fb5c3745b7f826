// SPDX-License-Identifier: MIT
/*
 * Locale information by item. Every locale Tessera has answers with the
 * C locale's values, except CODESET: "ANSI_X3.4-1968" in "C" (the name
 * glibc gives ASCII) and "UTF-8" in "C.UTF-8".
 */
#pragma once

typedef int nl_item;
typedef struct __locale_struct *locale_t;

enum {
	CODESET,
	D_T_FMT, D_FMT, T_FMT, T_FMT_AMPM, AM_STR, PM_STR,
	DAY_1, DAY_2, DAY_3, DAY_4, DAY_5, DAY_6, DAY_7,
	ABDAY_1, ABDAY_2, ABDAY_3, ABDAY_4, ABDAY_5, ABDAY_6, ABDAY_7,
	MON_1, MON_2, MON_3, MON_4, MON_5, MON_6,
	MON_7, MON_8, MON_9, MON_10, MON_11, MON_12,
	ABMON_1, ABMON_2, ABMON_3, ABMON_4, ABMON_5, ABMON_6,
	ABMON_7, ABMON_8, ABMON_9, ABMON_10, ABMON_11, ABMON_12,
	ALTMON_1, ALTMON_2, ALTMON_3, ALTMON_4, ALTMON_5, ALTMON_6,
	ALTMON_7, ALTMON_8, ALTMON_9, ALTMON_10, ALTMON_11, ALTMON_12,
	ABALTMON_1, ABALTMON_2, ABALTMON_3, ABALTMON_4, ABALTMON_5, ABALTMON_6,
	ABALTMON_7, ABALTMON_8, ABALTMON_9, ABALTMON_10, ABALTMON_11, ABALTMON_12,
	ERA, ERA_D_FMT, ALT_DIGITS, ERA_D_T_FMT, ERA_T_FMT,
	RADIXCHAR, THOUSEP, YESEXPR, NOEXPR, CRNCYSTR,
	NL_ITEM_COUNT_
};

/* The enumerators are also macros, so #ifdef CODESET works. */
#define CODESET     CODESET
#define D_T_FMT     D_T_FMT
#define D_FMT       D_FMT
#define T_FMT       T_FMT
#define T_FMT_AMPM  T_FMT_AMPM
#define AM_STR      AM_STR
#define PM_STR      PM_STR
#define RADIXCHAR   RADIXCHAR
#define THOUSEP     THOUSEP
#define YESEXPR     YESEXPR
#define NOEXPR      NOEXPR
#define CRNCYSTR    CRNCYSTR
#define ERA         ERA
#define ALT_DIGITS  ALT_DIGITS

char *nl_langinfo(nl_item item);
char *nl_langinfo_l(nl_item item, locale_t locale);
