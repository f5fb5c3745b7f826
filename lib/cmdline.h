// SPDX-License-Identifier: MIT
/*
 * Kernel command line lookup.
 *
 * The command line is a list of words separated by blanks, each `key` or
 * `key=value`; double quotes group blanks into a word and are removed from
 * the value (`init="/bin/sh -x"`). Lookups scan the whole line every time
 * and let the last occurrence win, so a later word overrides an earlier
 * one (the way a boot loader appends user edits). Nothing is allocated or
 * modified, so these work before any memory management exists. A NULL
 * command line is treated as empty.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True if a word is exactly `key` or starts with `key=`. */
bool cmdline_has(const char *cmdline, const char *key);

/*
 * Copies the value of the last `key` word into out ("" for a bare `key`).
 * Returns 0, -ENOENT if key is absent, -ERANGE if the value and its NUL do
 * not fit in out_size (out is then ""), -EINVAL for an empty key.
 */
int cmdline_get(const char *cmdline, const char *key, char *out,
		size_t out_size);

/*
 * Parses the value of the last `key` word as decimal or 0x-prefixed hex.
 * Returns 0, -ENOENT if absent, -EINVAL if the word has no value or it is
 * not a number, -ERANGE if it does not fit in 64 bits.
 */
int cmdline_get_u64(const char *cmdline, const char *key, uint64_t *out);

/*
 * Parses exactly s[0..n) as decimal or 0x-prefixed hex (the same rule,
 * for other text such as scheme paths): 0, -EINVAL if it is not a
 * number, -ERANGE if it does not fit in 64 bits.
 */
int cmdline_u64_parse(const char *s, size_t n, uint64_t *out);
