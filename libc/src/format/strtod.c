// SPDX-License-Identifier: MIT
/*
 * strtod, strtof, strtold and atof: white space, then fp_parse's subject
 * sequence, correctly rounded into the requested type.
 *
 * Each function parses straight into its own format (a float is not a
 * rounded double: that would round twice). errno becomes ERANGE on
 * overflow (the result is then +-HUGE_VAL) and on underflow, when the
 * result is tiny and inexact (glibc's rule); with no subject, the result
 * is 0 and *endptr is nptr.
 */
#include "fpconv.h"

#include <errno.h>
#include <stdlib.h>

static const char *strtod_skip_space(const char *s)
{
	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	return s;
}

/* Parses into fmt, sets errno and *endptr; the value is in *v. */
static void strtod_parse(const char *nptr, char **endptr, const fp_format_t *fmt, fp_value_t *v)
{
	const char *s = strtod_skip_space(nptr);
	const char *end = fp_parse(s, fmt, v);

	if (end == s)
		end = nptr;
	if (v->nomem) {
		errno = ENOMEM;
		v->kind = FP_KIND_ZERO;
	} else if (v->erange) {
		errno = ERANGE;
	}
	if (endptr != NULL)
		*endptr = (char *)end;
}

double strtod(const char *restrict nptr, char **restrict endptr)
{
	fp_value_t v;

	strtod_parse(nptr, endptr, &fp_format_double, &v);
	return fp_pack_double(&v);
}

float strtof(const char *restrict nptr, char **restrict endptr)
{
	fp_value_t v;

	strtod_parse(nptr, endptr, &fp_format_float, &v);
	return fp_pack_float(&v);
}

long double strtold(const char *restrict nptr, char **restrict endptr)
{
	fp_value_t v;

	strtod_parse(nptr, endptr, &fp_format_ldouble, &v);
	return fp_pack_ldouble(&v);
}

double atof(const char *nptr)
{
	return strtod(nptr, NULL);
}
