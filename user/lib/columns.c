// SPDX-License-Identifier: MIT
/*
 * Column layout (columns.h). For each candidate number of rows, from one
 * upwards, the column widths follow from the items each column would
 * hold; the first arrangement whose total fits is the one with the most
 * columns. Trying rows rather than columns means every candidate is a
 * real arrangement (no empty trailing columns). Cost: O(n) per
 * candidate; the search starts at the fewest rows that could fit (the
 * sum of the widths over the screen's), which is close to the answer.
 */
#include "columns.h"

#include <stdlib.h>

/* The item at (row, col) in a layout of `rows` rows, or n if there is none. */
static size_t columns_index(size_t row, size_t col, size_t rows, size_t cols, size_t n,
			    bool across)
{
	size_t i = across ? row * cols + col : col * rows + row;

	return i < n ? i : n;
}

/* Fills colw[] for `rows` rows; returns the total width. */
static size_t columns_measure(const size_t *widths, size_t n, size_t rows, bool across,
			      size_t *colw, size_t *cols_out)
{
	size_t cols = (n + rows - 1) / rows, total = 0;

	if (across)
		rows = (n + cols - 1) / cols;
	for (size_t c = 0; c < cols; c++) {
		colw[c] = 0;
		for (size_t r = 0; r < rows; r++) {
			size_t i = columns_index(r, c, rows, cols, n, across);
			if (i < n && widths[i] > colw[c])
				colw[c] = widths[i];
		}
		total += colw[c] + (c + 1 < cols ? 2 : 0);
	}
	*cols_out = cols;
	return total;
}

void columns_print(FILE *out, char *const *items, const size_t *widths, size_t n,
		   size_t width, bool across)
{
	size_t *colw = malloc((n ? n : 1) * sizeof(*colw));
	size_t rows = 1, cols = n;

	if (!colw) {
		for (size_t i = 0; i < n; i++)
			fprintf(out, "%s\n", items[i]);
		return;
	}
	/* Columns hold every item at least once: fewer rows than this cannot fit. */
	size_t sum = 0, widest = 0;
	for (size_t i = 0; i < n; i++) {
		sum += widths[i];
		widest = widths[i] > widest ? widths[i] : widest;
	}
	rows = widest >= width ? n : (width ? sum / width : n);
	if (rows < 1)
		rows = 1;
	for (; rows < n; rows++)
		if (columns_measure(widths, n, rows, across, colw, &cols) <= width)
			break;
	if (rows >= n)
		rows = n, cols = 1;
	columns_measure(widths, n, rows ? rows : 1, across, colw, &cols);
	if (across)
		rows = cols ? (n + cols - 1) / cols : 0;
	for (size_t r = 0; r < rows; r++) {
		for (size_t c = 0; c < cols; c++) {
			size_t i = columns_index(r, c, rows, cols, n, across);
			if (i >= n)
				break;
			fputs(items[i], out);
			size_t next = c + 1 < cols ? columns_index(r, c + 1, rows, cols, n, across) : n;
			if (next >= n)
				break;
			for (size_t pad = widths[i]; pad < colw[c] + 2; pad++)
				fputc(' ', out);
		}
		fputc('\n', out);
	}
	free(colw);
}
