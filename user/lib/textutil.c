// SPDX-License-Identifier: MIT
/*
 * The text commands' shared helpers (textutil.h). Escapes are decoded
 * one at a time so each command can apply its own dialect and decide what
 * an unknown escape means.
 */
#include "textutil.h"
#include "cmd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

FILE *textutil_open(const char *name)
{
	if (strcmp(name, "-") == 0)
		return stdin;
	FILE *fp = fopen(name, "r");
	if (!fp)
		cmd_error(name, errno);
	return fp;
}

void textutil_close(FILE *fp)
{
	if (fp == stdin)
		clearerr(stdin);
	else if (fp)
		fclose(fp);
}

static int octal_digits(const char *s, int max, size_t *used)
{
	int v = 0, n = 0;

	while (n < max && s[n] >= '0' && s[n] <= '7') {
		v = v * 8 + (s[n] - '0');
		n++;
	}
	*used = (size_t)n;
	return v & 0xff;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int textutil_escape(const char *s, int flags, size_t *used)
{
	static const char simple[] = "\\\\a\ab\bf\fn\nr\rt\tv\v";

	*used = 1;
	for (const char *p = simple; *p; p += 2)
		if (*s == p[0])
			return (unsigned char)p[1];
	if (*s == 'c' && (flags & TEXTUTIL_ESC_STOP))
		return TEXTUTIL_STOP;
	if (*s == 'e' && (flags & TEXTUTIL_ESC_ESCAPE))
		return 0x1b;
	if (*s == '0' && (flags & TEXTUTIL_ESC_OCTAL0)) {
		int v = octal_digits(s + 1, 3, used);
		(*used)++;
		return v;
	}
	if (*s >= '0' && *s <= '7' && (flags & TEXTUTIL_ESC_OCTAL))
		return octal_digits(s, 3, used);
	if (*s == 'x' && (flags & TEXTUTIL_ESC_HEX) && hex_value(s[1]) >= 0) {
		int v = hex_value(s[1]);
		*used = 2;
		if (hex_value(s[2]) >= 0) {
			v = v * 16 + hex_value(s[2]);
			*used = 3;
		}
		return v;
	}
	*used = 0;
	return -2;
}

bool textutil_count(const char *s, uintmax_t max, uintmax_t *value)
{
	uintmax_t v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		unsigned d = (unsigned)(*s - '0');
		if (v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*value = v;
	return true;
}

char *textutil_slurp(FILE *fp, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);

	if (!buf)
		cmd_die("out of memory");
	for (;;) {
		if (cap - n < 4096) {
			char *bigger = cap < SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
			if (!bigger)
				cmd_die("out of memory");
			buf = bigger;
			cap *= 2;
		}
		size_t got = fread(buf + n, 1, cap - n - 1, fp);
		n += got;
		if (got == 0) {
			if (ferror(fp)) {
				int err = errno;
				free(buf);
				errno = err;
				return NULL;
			}
			break;
		}
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}
