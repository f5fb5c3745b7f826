// SPDX-License-Identifier: MIT
/*
 * Laying out a list of names in columns, as ls -C and -x do: as many
 * columns as fit in the width, each as wide as its widest name, two
 * spaces apart. Down (-C) fills each column before the next; across (-x)
 * fills each row.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * Writes the n strings to out in columns no wider than width in total.
 * widths[i] is how many columns item i takes on the screen (its bytes,
 * for ASCII).
 */
void columns_print(FILE *out, char *const *items, const size_t *widths, size_t n,
		   size_t width, bool across);
