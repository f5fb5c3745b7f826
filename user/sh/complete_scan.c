// SPDX-License-Identifier: MIT
/*
 * Completion candidates: commands and directory entries.
 *
 * Everything is read afresh on each Tab — $PATH's directories and the
 * word's directory — so a program just installed or a file just made is
 * there without a rehash; Tessera's directories are in RAM and the host's
 * are in the page cache, so this is quick. A name matches when it starts
 * with the typed part; names starting with '.' match only a typed part
 * that does too. stat (not d_type, which not every file system fills)
 * tells directories, which complete with '/', and executables: in command
 * position a path completes only to those two. The list is sorted and
 * duplicates (a builtin that is also a program) removed.
 */
#include "complete.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum {
	SCAN_ALL,               /* every entry */
	SCAN_EXEC_OR_DIR,       /* directories and executable files */
	SCAN_EXEC,              /* executable files only ($PATH) */
};

static bool scan_add(complete_list_t *l, const char *name, bool dir)
{
	if (l->count == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		complete_item_t *items = realloc(l->items, cap * sizeof *items);
		if (!items)
			return false;
		l->items = items;
		l->cap = cap;
	}
	char *copy = strdup(name);
	if (!copy)
		return false;
	l->items[l->count++] = (complete_item_t){ .name = copy, .dir = dir };
	return true;
}

static bool scan_matches(const char *name, const char *typed, size_t n)
{
	if (name[0] == '.' && typed[0] != '.')
		return false;
	return strncmp(name, typed, n) == 0;
}

/* Adds dir's entries that start with typed[0, n) and pass `mode`. */
static bool scan_dir(const char *dir, const char *typed, size_t n, int mode,
		     complete_list_t *l)
{
	DIR *d = opendir(dir);
	if (!d)
		return true; /* nothing to offer from a directory we cannot read */
	size_t dlen = strlen(dir);
	bool slash = dlen && dir[dlen - 1] == '/';
	bool ok = true;
	struct dirent *e;
	while (ok && (e = readdir(d))) {
		if (!scan_matches(e->d_name, typed, n))
			continue;
		size_t plen = dlen + 1 + strlen(e->d_name) + 1;
		char *path = malloc(plen);
		if (!path) {
			ok = false;
			break;
		}
		snprintf(path, plen, "%s%s%s", dir, slash ? "" : "/", e->d_name);
		struct stat st;
		bool is_dir = false, exec = false;
		if (stat(path, &st) == 0) {
			is_dir = S_ISDIR(st.st_mode);
			exec = S_ISREG(st.st_mode) && (st.st_mode & 0111);
		}
		free(path);
		if (mode == SCAN_EXEC ? exec : mode == SCAN_EXEC_OR_DIR ? exec || is_dir : true)
			ok = scan_add(l, e->d_name, mode != SCAN_EXEC && is_dir);
	}
	closedir(d);
	return ok;
}

/* The executables of path's directories (an empty entry is "."). */
static bool scan_path(const char *path, const char *typed, size_t n, complete_list_t *l)
{
	while (path) {
		const char *colon = strchr(path, ':');
		size_t len = colon ? (size_t)(colon - path) : strlen(path);
		char *dir = len ? strndup(path, len) : strdup(".");
		if (!dir)
			return false;
		bool ok = scan_dir(dir, typed, n, SCAN_EXEC, l);
		free(dir);
		if (!ok)
			return false;
		path = colon ? colon + 1 : NULL;
	}
	return true;
}

static int scan_compare(const void *a, const void *b)
{
	return strcmp(((const complete_item_t *)a)->name, ((const complete_item_t *)b)->name);
}

static void scan_sort_unique(complete_list_t *l)
{
	if (l->count == 0)
		return;
	qsort(l->items, l->count, sizeof *l->items, scan_compare);
	size_t out = 1;
	for (size_t i = 1; i < l->count; i++) {
		if (strcmp(l->items[i].name, l->items[out - 1].name) == 0)
			free(l->items[i].name);
		else
			l->items[out++] = l->items[i];
	}
	l->count = out;
}

bool complete_candidates(const complete_word_t *w, const char *const *words, const char *path,
			 complete_list_t *l)
{
	const char *text = w->text;
	bool ok = true;

	*l = (complete_list_t){ 0 };
	if (w->command && !strchr(text, '/')) {
		l->typed = strlen(text);
		for (size_t i = 0; ok && words && words[i]; i++)
			if (scan_matches(words[i], text, l->typed))
				ok = scan_add(l, words[i], false);
		if (ok)
			ok = scan_path(path, text, l->typed, l);
	} else {
		const char *slash = strrchr(text, '/');
		const char *base = slash ? slash + 1 : text;
		char *dir = slash ? strndup(text, (size_t)(slash - text) + 1) : strdup(".");
		l->typed = strlen(base);
		ok = dir && scan_dir(dir, base, l->typed, w->command ? SCAN_EXEC_OR_DIR : SCAN_ALL, l);
		free(dir);
	}
	if (!ok) {
		complete_list_free(l);
		return false;
	}
	scan_sort_unique(l);
	return true;
}

void complete_list_free(complete_list_t *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->items[i].name);
	free(l->items);
	*l = (complete_list_t){ 0 };
}

size_t complete_common(const complete_list_t *l)
{
	if (l->count == 0)
		return 0;
	const char *first = l->items[0].name;
	size_t n = strlen(first);
	for (size_t i = 1; i < l->count; i++) {
		size_t k = 0;
		while (k < n && first[k] == l->items[i].name[k])
			k++;
		n = k;
	}
	/* Never stop inside a UTF-8 character. */
	while (n > 0 && n < strlen(first) && ((unsigned char)first[n] & 0xc0) == 0x80)
		n--;
	return n;
}
