// SPDX-License-Identifier: MIT
/*
 * seriald's options (options.h). Written without getopt, whose global
 * state would make the parser hard to call twice in a test.
 */
#include "options.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define SERIALD_NAME_MAX 32

/* A whole decimal or 0x-hex number up to max; false otherwise. */
static bool seriald_number(const char *s, size_t len, unsigned long max, unsigned long *out)
{
	unsigned base = 10;
	unsigned long v = 0;

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		len -= 2;
	}
	if (!len)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned d;
		char c = s[i];
		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return false;
		v = v * base + d;
		if (v > max)
			return false;
	}
	*out = v;
	return true;
}

static bool seriald_size(const char *s, unsigned *cols, unsigned *rows)
{
	const char *x = strchr(s, 'x');
	unsigned long c, r;

	if (!x || !seriald_number(s, (size_t)(x - s), 1000, &c) ||
	    !seriald_number(x + 1, strlen(x + 1), 1000, &r) || c < 2 || r < 2)
		return false;
	*cols = (unsigned)c;
	*rows = (unsigned)r;
	return true;
}

static bool seriald_name_ok(const char *s)
{
	size_t n = strlen(s);

	return n && n < SERIALD_NAME_MAX && !strchr(s, '/');
}

int seriald_options_parse(int argc, char **argv, seriald_options_t *o, char *err, size_t errlen)
{
	unsigned long v;

	*o = (seriald_options_t){ .name = "console", .port = 0x3f8, .irq = 4, .cols = 80,
				  .rows = 24 };
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i], *arg = i + 1 < argc ? argv[i + 1] : NULL;
		bool ok = false;
		if (strlen(opt) != 2 || opt[0] != '-' || !strchr("npis", opt[1]) || !arg) {
			snprintf(err, errlen, "unknown option or missing value: %s", opt);
			return -EINVAL;
		}
		if (opt[1] == 'n' && (ok = seriald_name_ok(arg)))
			o->name = arg;
		else if (opt[1] == 'p' && (ok = seriald_number(arg, strlen(arg), 0xfff8, &v)))
			o->port = (uint16_t)v;
		else if (opt[1] == 'i' && (ok = seriald_number(arg, strlen(arg), 255, &v)))
			o->irq = (unsigned)v;
		else if (opt[1] == 's')
			ok = seriald_size(arg, &o->cols, &o->rows);
		if (!ok) {
			snprintf(err, errlen, "bad value for %s: %s", opt, arg);
			return -EINVAL;
		}
		i++;
	}
	return 0;
}
