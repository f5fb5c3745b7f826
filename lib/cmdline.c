// SPDX-License-Identifier: MIT
/*
 * Kernel command line lookup.
 *
 * One scanner, cmdline_word_next, splits the line into words honouring
 * quotes and reports each word's key and raw value as spans into the
 * original string; everything else is built on cmdline_word_find, which
 * remembers the last word whose key matches. Quotes stay in the raw value
 * span and are dropped only when the value is read, so the scanner never
 * needs to write anywhere.
 */
#include <lib/cmdline.h>

#include <abi/errno.h>
#include <string.h>

typedef struct cmdline_word {
	const char *key;
	size_t key_len;
	const char *value; /* NULL for a bare key */
	size_t value_len;  /* raw length, quotes included */
} cmdline_word_t;

static bool cmdline_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Scans the word at *p into w and advances *p; false at end of line. */
static bool cmdline_word_next(const char **p, cmdline_word_t *w)
{
	const char *s = *p;
	bool quoted = false;

	while (cmdline_is_blank(*s))
		s++;
	if (!*s)
		return false;
	w->key = s;
	w->value = NULL;
	for (; *s && (quoted || !cmdline_is_blank(*s)); s++) {
		if (*s == '"')
			quoted = !quoted;
		else if (*s == '=' && !quoted && !w->value)
			w->value = s + 1;
	}
	w->key_len = (size_t)((w->value ? w->value - 1 : s) - w->key);
	w->value_len = w->value ? (size_t)(s - w->value) : 0;
	*p = s;
	return true;
}

/* Finds the last word whose key is exactly key. */
static bool cmdline_word_find(const char *cmdline, const char *key,
			      cmdline_word_t *found)
{
	size_t key_len = strlen(key);
	cmdline_word_t w;
	bool any = false;

	if (!cmdline || key_len == 0)
		return false;
	while (cmdline_word_next(&cmdline, &w)) {
		if (w.key_len == key_len && memcmp(w.key, key, key_len) == 0) {
			*found = w;
			any = true;
		}
	}
	return any;
}

bool cmdline_has(const char *cmdline, const char *key)
{
	cmdline_word_t w;

	return cmdline_word_find(cmdline, key, &w);
}

int cmdline_get(const char *cmdline, const char *key, char *out,
		size_t out_size)
{
	cmdline_word_t w;
	size_t n = 0;

	if (out_size > 0)
		out[0] = '\0';
	if (!*key)
		return -EINVAL;
	if (!cmdline_word_find(cmdline, key, &w))
		return -ENOENT;
	for (size_t i = 0; i < w.value_len; i++) {
		if (w.value[i] == '"')
			continue;
		if (n + 1 >= out_size) {
			if (out_size > 0)
				out[0] = '\0';
			return -ERANGE;
		}
		out[n++] = w.value[i];
	}
	if (out_size == 0)
		return -ERANGE;
	out[n] = '\0';
	return 0;
}

static int cmdline_digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

int cmdline_u64_parse(const char *s, size_t n, uint64_t *out)
{
	unsigned base = 10;
	uint64_t v = 0;

	if (n > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		n -= 2;
	}
	if (n == 0)
		return -EINVAL;
	for (size_t i = 0; i < n; i++) {
		int d = cmdline_digit_value(s[i]);
		if (d >= (int)base)
			return -EINVAL;
		if (v > (UINT64_MAX - (uint64_t)d) / base)
			return -ERANGE;
		v = v * base + (uint64_t)d;
	}
	*out = v;
	return 0;
}

int cmdline_get_u64(const char *cmdline, const char *key, uint64_t *out)
{
	char buf[72]; /* any longer value is not a plausible number */
	int err;

	err = cmdline_get(cmdline, key, buf, sizeof buf);
	if (err == -ERANGE)
		return -EINVAL;
	if (err)
		return err;
	return cmdline_u64_parse(buf, strlen(buf), out);
}
