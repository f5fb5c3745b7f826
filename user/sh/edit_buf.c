// SPDX-License-Identifier: MIT
/*
 * The editor's byte strings (edit_buf_t) and its history list.
 *
 * A buffer grows by doubling and always keeps a NUL after its bytes, so
 * the line can be handed to string functions as it is. Running out of
 * memory never loses what a buffer holds: the operation that needed more
 * reports false and changes nothing, and the editor carries on with the
 * line it has. The history is an array of malloc'd lines, oldest first,
 * capped at EDIT_HISTORY_MAX by dropping the oldest.
 */
#include "edit_core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool buf_reserve(edit_buf_t *b, size_t extra)
{
	if (b->len + extra < b->len)
		return false;
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	char *p = realloc(b->data, cap);
	if (!p)
		return false;
	b->data = p;
	b->cap = cap;
	return true;
}

bool edit_buf_insert(edit_buf_t *b, size_t at, const void *p, size_t n)
{
	if (at > b->len || !buf_reserve(b, n))
		return false;
	memmove(b->data + at + n, b->data + at, b->len - at);
	if (n)
		memcpy(b->data + at, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return true;
}

bool edit_buf_put(edit_buf_t *b, const void *p, size_t n)
{
	return edit_buf_insert(b, b->len, p, n);
}

bool edit_buf_puts(edit_buf_t *b, const char *s)
{
	return edit_buf_put(b, s, strlen(s));
}

bool edit_buf_set(edit_buf_t *b, const char *s, size_t n)
{
	if (n > b->len && !buf_reserve(b, n - b->len))
		return false;
	if (!b->data && !buf_reserve(b, 0))
		return false;
	memmove(b->data, s, n);
	b->len = n;
	b->data[n] = '\0';
	return true;
}

void edit_buf_erase(edit_buf_t *b, size_t at, size_t n)
{
	if (at >= b->len)
		return;
	if (n > b->len - at)
		n = b->len - at;
	memmove(b->data + at, b->data + at + n, b->len - at - n);
	b->len -= n;
	b->data[b->len] = '\0';
}

void edit_buf_free(edit_buf_t *b)
{
	free(b->data);
	*b = (edit_buf_t){ 0 };
}

void edit_buf_csi(edit_buf_t *b, int n, char final)
{
	char seq[24];
	int len = snprintf(seq, sizeof seq, "\x1b[%d%c", n, final);
	edit_buf_put(b, seq, (size_t)len);
}

void edit_hist_add(edit_hist_t *h, const char *line)
{
	if (!*line || (h->count && strcmp(h->lines[h->count - 1], line) == 0))
		return;
	char *copy = strdup(line);
	if (!copy)
		return;
	if (h->count == EDIT_HISTORY_MAX) {
		free(h->lines[0]);
		memmove(h->lines, h->lines + 1, (size_t)(h->count - 1) * sizeof *h->lines);
		h->count--;
	} else if (!h->lines) {
		h->lines = malloc(EDIT_HISTORY_MAX * sizeof *h->lines);
		if (!h->lines) {
			free(copy);
			return;
		}
	}
	h->lines[h->count++] = copy;
}

void edit_hist_free(edit_hist_t *h)
{
	for (int i = 0; i < h->count; i++)
		free(h->lines[i]);
	free(h->lines);
	*h = (edit_hist_t){ 0 };
}
