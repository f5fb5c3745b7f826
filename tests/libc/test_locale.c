// SPDX-License-Identifier: MIT
/*
 * <locale.h> and <langinfo.h>: the C, POSIX and C.UTF-8 locales by their
 * names and from the environment, unknown names refused without a change,
 * categories set one by one (LC_ALL then reports a composite name that
 * setlocale accepts back), localeconv's C values, per-thread locales with
 * newlocale/uselocale/duplocale, and nl_langinfo. Every test leaves the
 * global locale as "C".
 */
#include "utest.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static bool is_c(const char *name)
{
	return name && (strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0);
}

static bool is_utf8(const char *name)
{
	return name && (strcmp(name, "C.UTF-8") == 0 || strcmp(name, "C.utf8") == 0);
}

TEST(programs_start_in_the_c_locale)
{
	CHECK(is_c(setlocale(LC_ALL, NULL)));
	CHECK(is_c(setlocale(LC_CTYPE, NULL)));
	CHECK_EQ(MB_CUR_MAX, 1);
	CHECK_STR(nl_langinfo(CODESET), "ANSI_X3.4-1968");
}

TEST(c_posix_and_utf8_names_are_accepted)
{
	CHECK(is_c(setlocale(LC_ALL, "POSIX")));
	CHECK(is_c(setlocale(LC_ALL, "C")));
	CHECK(is_utf8(setlocale(LC_ALL, "C.UTF-8")));
	CHECK(MB_CUR_MAX >= 4);      /* glibc says 6, an old UTF-8 limit */
	CHECK_STR(nl_langinfo(CODESET), "UTF-8");
	CHECK(is_utf8(setlocale(LC_ALL, "C.utf8")));
	CHECK(is_c(setlocale(LC_ALL, "C")));
	CHECK_EQ(MB_CUR_MAX, 1);
}

TEST(unknown_names_fail_and_change_nothing)
{
	CHECK(is_utf8(setlocale(LC_ALL, "C.UTF-8")));
	CHECK(setlocale(LC_ALL, "xx_NOWHERE.UTF-8") == NULL);
	CHECK(setlocale(LC_CTYPE, "Klingon") == NULL);
	CHECK(is_utf8(setlocale(LC_CTYPE, NULL)));
	CHECK(setlocale(12345, "C") == NULL);
	CHECK(is_c(setlocale(LC_ALL, "C")));
}

TEST(an_empty_name_takes_the_locale_from_the_environment)
{
	const char *old_all = getenv("LC_ALL"), *old_lang = getenv("LANG");
	char *saved_all = old_all ? strdup(old_all) : NULL;
	char *saved_lang = old_lang ? strdup(old_lang) : NULL;

	unsetenv("LC_ALL");
	unsetenv("LC_CTYPE");
	setenv("LANG", "C.UTF-8", 1);
	CHECK(is_utf8(setlocale(LC_CTYPE, "")));
	setenv("LC_ALL", "C", 1);               /* LC_ALL beats LANG */
	CHECK(is_c(setlocale(LC_CTYPE, "")));
	setenv("LC_ALL", "nonexistent_XX", 1);
	CHECK(setlocale(LC_ALL, "") == NULL);
	CHECK(is_c(setlocale(LC_ALL, "C")));
	if (saved_all)
		setenv("LC_ALL", saved_all, 1);
	else
		unsetenv("LC_ALL");
	if (saved_lang)
		setenv("LANG", saved_lang, 1);
	else
		unsetenv("LANG");
	free(saved_all);
	free(saved_lang);
}

TEST(categories_are_set_separately_and_lc_all_reports_them)
{
	char *all, *copy;

	CHECK(is_utf8(setlocale(LC_CTYPE, "C.UTF-8")));
	CHECK(is_c(setlocale(LC_NUMERIC, NULL)));
	all = setlocale(LC_ALL, NULL);
	CHECK(all != NULL);
	CHECK(strstr(all, "LC_CTYPE=C.") != NULL);
	CHECK(strstr(all, "LC_NUMERIC=C") != NULL);
	copy = strdup(all);
	CHECK(is_c(setlocale(LC_ALL, "C")));
	CHECK(setlocale(LC_ALL, copy) != NULL);         /* the composite comes back */
	CHECK(is_utf8(setlocale(LC_CTYPE, NULL)));
	CHECK(is_c(setlocale(LC_TIME, NULL)));
	free(copy);
	CHECK(is_c(setlocale(LC_ALL, "C")));
}

TEST(localeconv_has_the_c_values)
{
	struct lconv *lc = localeconv();

	CHECK_STR(lc->decimal_point, ".");
	CHECK_STR(lc->thousands_sep, "");
	CHECK_STR(lc->grouping, "");
	CHECK_STR(lc->currency_symbol, "");
	CHECK_STR(lc->int_curr_symbol, "");
	CHECK_STR(lc->mon_decimal_point, "");
	CHECK_STR(lc->positive_sign, "");
	CHECK_EQ(lc->frac_digits, CHAR_MAX);
	CHECK_EQ(lc->int_frac_digits, CHAR_MAX);
	CHECK_EQ(lc->p_cs_precedes, CHAR_MAX);
	CHECK_EQ(lc->n_sign_posn, CHAR_MAX);
}

TEST(nl_langinfo_gives_c_strings)
{
	CHECK_STR(nl_langinfo(D_T_FMT), "%a %b %e %H:%M:%S %Y");
	CHECK_STR(nl_langinfo(D_FMT), "%m/%d/%y");
	CHECK_STR(nl_langinfo(T_FMT), "%H:%M:%S");
	CHECK_STR(nl_langinfo(T_FMT_AMPM), "%I:%M:%S %p");
	CHECK_STR(nl_langinfo(AM_STR), "AM");
	CHECK_STR(nl_langinfo(DAY_1), "Sunday");
	CHECK_STR(nl_langinfo(DAY_7), "Saturday");
	CHECK_STR(nl_langinfo(ABDAY_2), "Mon");
	CHECK_STR(nl_langinfo(MON_12), "December");
	CHECK_STR(nl_langinfo(ABMON_1), "Jan");
	CHECK_STR(nl_langinfo(RADIXCHAR), ".");
	CHECK_STR(nl_langinfo(THOUSEP), "");
	CHECK_STR(nl_langinfo(YESEXPR), "^[yY]");
	CHECK_STR(nl_langinfo(NOEXPR), "^[nN]");
}

TEST(newlocale_and_uselocale_change_only_the_calling_thread)
{
	locale_t u = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);

	CHECK(u != (locale_t)0);
	CHECK(uselocale((locale_t)0) == LC_GLOBAL_LOCALE);
	CHECK(uselocale(u) == LC_GLOBAL_LOCALE);
	CHECK(uselocale((locale_t)0) == u);
	CHECK(MB_CUR_MAX >= 4);      /* glibc says 6, an old UTF-8 limit */
	CHECK_STR(nl_langinfo(CODESET), "UTF-8");
	CHECK_STR(nl_langinfo_l(CODESET, u), "UTF-8");
	CHECK(is_c(setlocale(LC_CTYPE, NULL)));         /* the global one is untouched */
	CHECK(uselocale(LC_GLOBAL_LOCALE) == u);
	CHECK_EQ(MB_CUR_MAX, 1);

	locale_t d = duplocale(u);
	CHECK(d != (locale_t)0);
	CHECK_STR(nl_langinfo_l(CODESET, d), "UTF-8");
	freelocale(d);
	freelocale(u);
}

static void *thread_mb_cur_max(void *arg)
{
	(void)arg;
	return (void *)(uintptr_t)MB_CUR_MAX;
}

TEST(a_new_thread_uses_the_global_locale)
{
	locale_t u = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);
	pthread_t t;
	void *r;

	CHECK(u != (locale_t)0);
	uselocale(u);
	CHECK_EQ(pthread_create(&t, NULL, thread_mb_cur_max, NULL), 0);
	CHECK_EQ(pthread_join(t, &r), 0);
	CHECK_EQ((uintptr_t)r, 1);
	CHECK(MB_CUR_MAX >= 4);      /* glibc says 6, an old UTF-8 limit */
	uselocale(LC_GLOBAL_LOCALE);
	freelocale(u);
}

TEST(newlocale_refuses_unknown_names_and_bad_masks)
{
	errno = 0;
	CHECK(newlocale(LC_ALL_MASK, "no_SUCH.locale", (locale_t)0) == (locale_t)0);
	CHECK_EQ(errno, ENOENT);
	errno = 0;
	CHECK(newlocale(1 << 30, "C", (locale_t)0) == (locale_t)0);
	CHECK_EQ(errno, EINVAL);
	locale_t c = newlocale(LC_ALL_MASK, "POSIX", (locale_t)0);
	CHECK(c != (locale_t)0);
	CHECK_STR(nl_langinfo_l(CODESET, c), "ANSI_X3.4-1968");
	freelocale(c);
}
