// SPDX-License-Identifier: MIT
/*
 * Conversion specifications and their arguments.
 *
 * With sequential arguments each one is taken from the va_list when its
 * conversion runs. POSIX positional arguments (%2$d, *3$) may be used in
 * any order, but a va_list can only be walked forwards and only with the
 * right types, so the whole format is parsed first to learn each
 * argument's type; then all of them are fetched in order into a table.
 * An argument no directive names is taken as an int, as glibc does.
 */
#include "print.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Digits at *s as an int (saturating at INT_MAX); advances *s. */
static long print_parse_num(const char **s)
{
	long v = 0;

	for (; **s >= '0' && **s <= '9'; (*s)++) {
		if (v <= INT_MAX)
			v = v * 10 + (**s - '0');
	}
	return v;
}

/* After '*': "n$" makes it positional. */
static int print_parse_star(const char **fmt)
{
	const char *s = *fmt;
	long n = print_parse_num(&s);

	if (s != *fmt && *s == '$' && n > 0 && n <= INT_MAX) {
		*fmt = s + 1;
		return (int)n;
	}
	return 0;
}

static void print_parse_flags(const char **fmt, print_spec_t *spec)
{
	for (;; (*fmt)++) {
		switch (**fmt) {
		case '-': spec->flags |= PRINT_MINUS; break;
		case '+': spec->flags |= PRINT_PLUS; break;
		case ' ': spec->flags |= PRINT_SPACE; break;
		case '#': spec->flags |= PRINT_HASH; break;
		case '0': spec->flags |= PRINT_ZERO; break;
		case '\'': break; /* grouping: the C locale has none */
		default: return;
		}
	}
}

static print_len_t print_parse_len(const char **fmt)
{
	const char *s = *fmt;
	print_len_t len = PRINT_LEN_NONE;

	switch (*s++) {
	case 'h': len = *s == 'h' ? (s++, PRINT_LEN_HH) : PRINT_LEN_H; break;
	case 'l': len = *s == 'l' ? (s++, PRINT_LEN_LL) : PRINT_LEN_L; break;
	case 'q': len = PRINT_LEN_LL; break;
	case 'j': len = PRINT_LEN_J; break;
	case 'z': len = PRINT_LEN_Z; break;
	case 't': len = PRINT_LEN_T; break;
	case 'L': len = PRINT_LEN_BIG_L; break;
	default: return PRINT_LEN_NONE;
	}
	*fmt = s;
	return len;
}

bool print_parse_spec(const char **fmt, print_spec_t *spec)
{
	const char *s = *fmt;

	*spec = (print_spec_t){ .width = -1, .prec = -1, .width_pos = -1, .prec_pos = -1 };
	const char *num = s;
	long n = print_parse_num(&s);
	if (s != num && *s == '$') {
		if (n <= 0 || n > INT_MAX)
			return false;
		spec->arg_pos = (int)n;
		s++;
	} else {
		s = num;
	}
	print_parse_flags(&s, spec);
	if (*s == '*') {
		s++;
		spec->width_pos = print_parse_star(&s);
	} else if (*s >= '0' && *s <= '9') {
		spec->width = print_parse_num(&s);
	}
	if (*s == '.') {
		s++;
		if (*s == '*') {
			s++;
			spec->prec_pos = print_parse_star(&s);
		} else {
			spec->prec = print_parse_num(&s);
		}
	}
	spec->len = print_parse_len(&s);
	spec->conv = *s;
	if (*s == '\0' || !strchr("diouxXcsCSpnmaAeEfFgG%", *s))
		return false;
	*fmt = s + 1;
	return true;
}

print_arg_type_t print_arg_type(const print_spec_t *spec)
{
	switch (spec->conv) {
	case 'd': case 'i': case 'o': case 'u': case 'x': case 'X':
		switch (spec->len) {
		case PRINT_LEN_L: return PRINT_ARG_LONG;
		case PRINT_LEN_LL: case PRINT_LEN_BIG_L: return PRINT_ARG_LLONG;
		case PRINT_LEN_J: return PRINT_ARG_INTMAX;
		case PRINT_LEN_Z: return PRINT_ARG_SIZE;
		case PRINT_LEN_T: return PRINT_ARG_PTRDIFF;
		default: return PRINT_ARG_INT;
		}
	case 'c': case 'C':
		return PRINT_ARG_INT; /* int, or wint_t (unsigned int) */
	case 'a': case 'A': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
		return spec->len == PRINT_LEN_BIG_L ? PRINT_ARG_LDOUBLE : PRINT_ARG_DOUBLE;
	case 's': case 'S': case 'p': case 'n':
		return PRINT_ARG_PTR;
	default:
		return PRINT_ARG_NONE; /* %% %m */
	}
}

static void print_args_fetch(va_list *ap, print_arg_type_t type, print_arg_t *arg)
{
	print_arg_t a = { 0 };

	switch (type) {
	case PRINT_ARG_INT: a.i = va_arg(*ap, int); break;
	case PRINT_ARG_LONG: a.i = va_arg(*ap, long); break;
	case PRINT_ARG_LLONG: a.i = va_arg(*ap, long long); break;
	case PRINT_ARG_INTMAX: a.i = (long long)va_arg(*ap, intmax_t); break;
	case PRINT_ARG_SIZE: a.i = (long long)va_arg(*ap, size_t); break;
	case PRINT_ARG_PTRDIFF: a.i = (long long)va_arg(*ap, ptrdiff_t); break;
	case PRINT_ARG_DOUBLE: a.d = va_arg(*ap, double); break;
	case PRINT_ARG_LDOUBLE: a.ld = va_arg(*ap, long double); break;
	case PRINT_ARG_PTR: a.p = va_arg(*ap, void *); break;
	case PRINT_ARG_NONE: break;
	}
	*arg = a;
}

void print_args_get(print_args_t *args, int pos, print_arg_type_t type, print_arg_t *arg)
{
	if (pos == 0 || args->table == NULL)
		print_args_fetch(&args->ap, type, arg);
	else
		*arg = args->table[pos - 1];
}

/* Records that argument pos has type t; false when it conflicts. */
static bool print_args_note(unsigned char *types, int pos, print_arg_type_t t)
{
	if (types[pos - 1] != PRINT_ARG_NONE && types[pos - 1] != t)
		return false;
	types[pos - 1] = (unsigned char)t;
	return true;
}

/* The highest argument number fmt uses, or -1 if fmt mixes styles or is
 * invalid. */
static int print_args_count(const char *fmt)
{
	int max = 0;
	print_spec_t spec;

	while ((fmt = strchr(fmt, '%')) != NULL) {
		fmt++;
		if (!print_parse_spec(&fmt, &spec))
			return -1;
		if (spec.conv == '%')
			continue;
		if ((spec.arg_pos == 0 && print_arg_type(&spec) != PRINT_ARG_NONE) ||
		    spec.width_pos == 0 || spec.prec_pos == 0)
			return -1;
		if (spec.arg_pos > max)
			max = spec.arg_pos;
		if (spec.width_pos > max)
			max = spec.width_pos;
		if (spec.prec_pos > max)
			max = spec.prec_pos;
	}
	return max;
}

static bool print_args_types(const char *fmt, unsigned char *types)
{
	print_spec_t spec;

	while ((fmt = strchr(fmt, '%')) != NULL) {
		fmt++;
		print_parse_spec(&fmt, &spec);
		if (spec.width_pos > 0 && !print_args_note(types, spec.width_pos, PRINT_ARG_INT))
			return false;
		if (spec.prec_pos > 0 && !print_args_note(types, spec.prec_pos, PRINT_ARG_INT))
			return false;
		print_arg_type_t t = print_arg_type(&spec);
		if (spec.arg_pos > 0 && t != PRINT_ARG_NONE && !print_args_note(types, spec.arg_pos, t))
			return false;
	}
	return true;
}

int print_args_collect(print_args_t *args, const char *fmt, print_arg_t *local, int nlocal)
{
	int n = print_args_count(fmt);

	if (n < 0)
		return EINVAL;
	args->ntable = n;
	args->table = local;
	if (n > nlocal) {
		/* One block: the values, then a byte per type. */
		args->table = malloc((size_t)n * (sizeof(print_arg_t) + 1));
		if (args->table == NULL)
			return ENOMEM;
	}
	/* The types go in the malloc'd block after the values, or on the
	 * stack when the caller's table (at most 64 entries) is used. */
	unsigned char small_types[64];
	if (args->table == local && n > (int)sizeof(small_types))
		return EINVAL;
	unsigned char *types = args->table == local ? small_types : (unsigned char *)(args->table + n);
	memset(types, 0, (size_t)n);
	if (!print_args_types(fmt, types)) {
		print_args_release(args, local);
		return EINVAL;
	}
	for (int i = 0; i < n; i++) {
		print_arg_type_t t = types[i] == PRINT_ARG_NONE ? PRINT_ARG_INT : types[i];
		print_args_fetch(&args->ap, t, &args->table[i]);
	}
	return 0;
}

void print_args_release(print_args_t *args, print_arg_t *local)
{
	if (args->table != local)
		free(args->table);
	args->table = NULL;
}
