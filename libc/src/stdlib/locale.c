// SPDX-License-Identifier: MIT
/*
 * Locales: "C" (alias "POSIX") and "C.UTF-8" (any spelling of the codeset
 * that reduces to "utf8", as glibc accepts: "C.utf8", "C.UTF8", ...).
 * They differ only in LC_CTYPE's encoding, so a locale is a name per
 * category, and what the rest of libc asks is __libc_locale_utf8().
 *
 * The global locale (setlocale) is one mutable object; a thread that
 * called uselocale with another object uses that one instead (a
 * thread-local pointer, NULL meaning the global locale). Objects from
 * newlocale/duplocale are immutable once made and belong to the caller.
 * Names are canonical in answers: "C" and "C.UTF-8". When categories
 * differ, setlocale(LC_ALL, NULL) answers glibc's composite form,
 * "LC_CTYPE=C.UTF-8;LC_NUMERIC=C;...", which it also accepts back.
 */
#include "locale_impl.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const char *const category_names[LOCALE_CATEGORIES] = {
	[LC_CTYPE] = "LC_CTYPE",       [LC_NUMERIC] = "LC_NUMERIC",
	[LC_TIME] = "LC_TIME",         [LC_COLLATE] = "LC_COLLATE",
	[LC_MONETARY] = "LC_MONETARY", [LC_MESSAGES] = "LC_MESSAGES",
};

static const char locale_name_c[] = "C";
static const char locale_name_utf8[] = "C.UTF-8";

static struct __locale_struct locale_global = {
	.names = { locale_name_c, locale_name_c, locale_name_c,
		   locale_name_c, locale_name_c, locale_name_c },
};
static __thread locale_t locale_thread;         /* NULL: the global locale */

locale_t __libc_locale_current(void)
{
	return locale_thread ? locale_thread : &locale_global;
}

bool __libc_locale_is_utf8(locale_t l)
{
	if (l == LC_GLOBAL_LOCALE)
		l = &locale_global;
	return l->names[LC_CTYPE] == locale_name_utf8;
}

bool __libc_locale_utf8(void)
{
	return __libc_locale_is_utf8(__libc_locale_current());
}

size_t __libc_mb_cur_max(void)
{
	return __libc_locale_utf8() ? 4 : 1;
}

/* The canonical name for `name` (len bytes), or NULL if there is no such locale. */
static const char *locale_name_find(const char *name, size_t len)
{
	char codeset[16];
	size_t n = 0;

	if ((len == 1 && name[0] == 'C') || (len == 5 && !strncmp(name, "POSIX", 5)))
		return locale_name_c;
	if (len < 2 || strncmp(name, "C.", 2) != 0)
		return NULL;
	for (size_t i = 2; i < len && n < sizeof(codeset) - 1; i++) {
		char c = name[i];
		if (c >= 'A' && c <= 'Z')
			codeset[n++] = (char)(c - 'A' + 'a');
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			codeset[n++] = c;
	}
	codeset[n] = '\0';
	return strcmp(codeset, "utf8") == 0 ? locale_name_utf8 : NULL;
}

/* The locale the environment chooses for category: LC_ALL, LC_xxx, LANG. */
static const char *locale_name_from_env(int category)
{
	const char *v = getenv("LC_ALL");

	if (!v || !*v)
		v = getenv(category_names[category]);
	if (!v || !*v)
		v = getenv("LANG");
	if (!v || !*v)
		v = "C";
	return locale_name_find(v, strlen(v));
}

/* The name for category c in a composite "LC_CTYPE=...;LC_NUMERIC=..." string. */
static const char *locale_name_in_composite(const char *s, int c)
{
	size_t cl = strlen(category_names[c]);

	for (;;) {
		if (!strncmp(s, category_names[c], cl) && s[cl] == '=')
			return locale_name_find(s + cl + 1, strcspn(s + cl + 1, ";"));
		if (!(s = strchr(s, ';')))
			return NULL;
		s++;
	}
}

/* What `name` ("" for the environment, a composite, or one name) says for c. */
static const char *locale_name_for(const char *name, int c)
{
	if (!*name)
		return locale_name_from_env(c);
	if (strchr(name, '='))
		return locale_name_in_composite(name, c);
	return locale_name_find(name, strlen(name));
}

/*
 * Sets names[] for the categories in mask from `name`. False, changing
 * nothing, if a name is unknown.
 */
static bool locale_names_resolve(const char *names[LOCALE_CATEGORIES], int mask,
				 const char *name)
{
	const char *found[LOCALE_CATEGORIES];

	for (int c = 0; c < LOCALE_CATEGORIES; c++) {
		found[c] = (mask & (1 << c)) ? locale_name_for(name, c) : names[c];
		if (!found[c])
			return false;
	}
	memcpy(names, found, sizeof(found));
	return true;
}

/* The name setlocale reports for category in l. */
static const char *locale_name_query(locale_t l, int category)
{
	static char composite[LOCALE_CATEGORIES * 24];
	bool same = true;

	if (category != LC_ALL)
		return l->names[category];
	for (int c = 1; c < LOCALE_CATEGORIES; c++)
		same = same && l->names[c] == l->names[0];
	if (same)
		return l->names[0];
	composite[0] = '\0';
	for (int c = 0; c < LOCALE_CATEGORIES; c++) {
		if (c)
			strlcat(composite, ";", sizeof(composite));
		strlcat(composite, category_names[c], sizeof(composite));
		strlcat(composite, "=", sizeof(composite));
		strlcat(composite, l->names[c], sizeof(composite));
	}
	return composite;
}

char *setlocale(int category, const char *name)
{
	if (category < 0 || category > LC_ALL)
		return NULL;
	if (name) {
		int mask = category == LC_ALL ? LC_ALL_MASK : 1 << category;
		if (!locale_names_resolve(locale_global.names, mask, name))
			return NULL;
	}
	return (char *)locale_name_query(&locale_global, category);
}

struct lconv *localeconv(void)
{
	static struct lconv c_values = {
		.decimal_point = ".", .thousands_sep = "", .grouping = "",
		.int_curr_symbol = "", .currency_symbol = "",
		.mon_decimal_point = "", .mon_thousands_sep = "", .mon_grouping = "",
		.positive_sign = "", .negative_sign = "",
		.int_frac_digits = CHAR_MAX, .frac_digits = CHAR_MAX,
		.p_cs_precedes = CHAR_MAX, .p_sep_by_space = CHAR_MAX,
		.n_cs_precedes = CHAR_MAX, .n_sep_by_space = CHAR_MAX,
		.p_sign_posn = CHAR_MAX, .n_sign_posn = CHAR_MAX,
		.int_p_cs_precedes = CHAR_MAX, .int_p_sep_by_space = CHAR_MAX,
		.int_n_cs_precedes = CHAR_MAX, .int_n_sep_by_space = CHAR_MAX,
		.int_p_sign_posn = CHAR_MAX, .int_n_sign_posn = CHAR_MAX,
	};

	return &c_values;
}

locale_t newlocale(int mask, const char *name, locale_t base)
{
	locale_t l;

	if ((mask & ~LC_ALL_MASK) || !name || base == LC_GLOBAL_LOCALE) {
		errno = EINVAL;
		return NULL;
	}
	l = malloc(sizeof(*l));
	if (!l)
		return NULL;
	for (int c = 0; c < LOCALE_CATEGORIES; c++)
		l->names[c] = base ? base->names[c] : locale_name_c;
	if (!locale_names_resolve(l->names, mask, name)) {
		free(l);
		errno = ENOENT;
		return NULL;
	}
	freelocale(base);
	return l;
}

locale_t duplocale(locale_t locale)
{
	locale_t l = malloc(sizeof(*l));

	if (!l)
		return NULL;
	*l = locale == LC_GLOBAL_LOCALE ? locale_global : *locale;
	return l;
}

void freelocale(locale_t locale)
{
	if (locale && locale != LC_GLOBAL_LOCALE && locale != &locale_global)
		free(locale);
}

locale_t uselocale(locale_t locale)
{
	locale_t old = locale_thread ? locale_thread : LC_GLOBAL_LOCALE;

	if (locale == LC_GLOBAL_LOCALE)
		locale_thread = NULL;
	else if (locale)
		locale_thread = locale;
	return old;
}

const char *getlocalename_l(int category, locale_t locale)
{
	if (category < 0 || category >= LOCALE_CATEGORIES)
		return NULL;
	if (locale == LC_GLOBAL_LOCALE)
		locale = &locale_global;
	return locale->names[category];
}
