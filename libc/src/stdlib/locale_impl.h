// SPDX-License-Identifier: MIT
/*
 * What libc's own files know about locales (libc/src/stdlib/locale.c): a
 * locale is a canonical name per category, and the only behaviour that
 * depends on it is whether LC_CTYPE encodes characters in UTF-8.
 */
#pragma once

#include <errno.h>
#include <locale.h>
#include <stdbool.h>


#define LOCALE_CATEGORIES 6     /* LC_CTYPE .. LC_MESSAGES */

struct __locale_struct {
	const char *names[LOCALE_CATEGORIES];   /* "C" or "C.UTF-8", compared by address */
};

/* The calling thread's locale: its uselocale one, else the global one. */
locale_t __libc_locale_current(void);
/* Whether the calling thread's LC_CTYPE is UTF-8 ("C.UTF-8"). */
bool __libc_locale_utf8(void);
/* Whether l's LC_CTYPE is UTF-8; l may be LC_GLOBAL_LOCALE. */
bool __libc_locale_is_utf8(locale_t l);
