// SPDX-License-Identifier: MIT
/*
 * df: free space of file systems, from statvfs.
 *
 * Which file systems exist is read from the system: in Tessera every
 * scheme named in `sys:schemes` is asked (statvfs of "NAME:", the `file:`
 * scheme's root being "/") and those that answer are file systems —
 * others (pipe:, sys:...) refuse fstatvfs. Elsewhere /proc/mounts is the
 * list. Without operands df writes every file system with a size; with
 * operands, the one each operand is on (the longest mount point that is
 * a prefix of its real path, or its scheme), with that operand's figures.
 */
#include "cmd.h"
#include "fileutil.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    df - report free space on file systems\n\n"
	"SYNOPSIS\n    df [-hkP] [FILE...]\n\n"
	"DESCRIPTION\n"
	"    Writes the size, the space used and available and the percentage\n"
	"    used of each file system, in KiB (1024-byte units), or of the file\n"
	"    systems holding the FILEs.\n\n"
	"    How df finds file systems: in Tessera it asks every scheme listed in\n"
	"    sys:schemes for statvfs (file: is mounted on /, any other scheme\n"
	"    that answers is shown as NAME:); schemes that are not file systems\n"
	"    refuse and are left out. On other systems it reads /proc/mounts.\n"
	"    File systems of size 0 are left out unless named.\n\n"
	"OPTIONS\n"
	"    -h  sizes for people (1.5K, 20M), headed Size Used Avail Use%\n"
	"    -k  units of 1024 bytes (the default)\n"
	"    -P  the POSIX portable format: one line per file system, fields\n"
	"        separated by single spaces\n\n"
	"EXIT STATUS\n"
	"    0 on success, 1 if a FILE could not be examined, 2 on a usage error.\n";

typedef struct df_mount {
	char *name;             /* the "Filesystem" column */
	char *point;            /* where it is: "/dir" or a scheme "NAME:" */
} df_mount_t;

typedef struct df_row {
	char *cols[6];
} df_row_t;

typedef struct df_table {
	df_mount_t *mounts;
	size_t n_mounts;
	df_row_t *rows;
	size_t n_rows;
	bool human, posix;
} df_table_t;

static void df_mount_add(df_table_t *t, const char *name, const char *point)
{
	t->mounts = fileutil_realloc(t->mounts, (t->n_mounts + 1) * sizeof(*t->mounts));
	t->mounts[t->n_mounts++] = (df_mount_t){ fileutil_strdup(name), fileutil_strdup(point) };
}

/* /proc/mounts escapes blanks in names as \040 and the like. */
static void df_unescape(char *s)
{
	char *w = s;

	for (char *r = s; *r; r++) {
		if (r[0] == '\\' && r[1] >= '0' && r[1] <= '3' && r[2] >= '0' && r[2] <= '7' &&
		    r[3] >= '0' && r[3] <= '7') {
			*w++ = (char)((r[1] - '0') * 64 + (r[2] - '0') * 8 + (r[3] - '0'));
			r += 3;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
}

static void df_read_mounts(df_table_t *t)
{
	char *line = NULL;
	size_t cap = 0;
	FILE *f = fopen("sys:schemes", "r");
	bool schemes = f != NULL;

	if (!f)
		f = fopen("/proc/mounts", "r");
	if (!f) {
		df_mount_add(t, "/", "/");
		return;
	}
	while (getline(&line, &cap, f) > 0) {
		char *a = strtok(line, " \t\n"), *b = strtok(NULL, " \t\n");
		if (!a)
			continue;
		if (schemes) {
			char name[256];
			snprintf(name, sizeof(name), "%s:", a);
			df_mount_add(t, name, strcmp(a, "file") == 0 ? "/" : name);
		} else if (b) {
			df_unescape(a);
			df_unescape(b);
			df_mount_add(t, a, b);
		}
	}
	free(line);
	fclose(f);
}

/* The mount a real path is under: the longest matching mount point. */
static const df_mount_t *df_mount_of(const df_table_t *t, const char *path)
{
	const df_mount_t *best = NULL;
	size_t best_len = 0;

	if (strncmp(path, "file:", 5) == 0)
		path += 5;
	for (size_t i = 0; i < t->n_mounts; i++) {
		const char *p = t->mounts[i].point;
		size_t n = strlen(p);
		bool scheme = n > 0 && p[n - 1] == ':';
		bool match = strncmp(path, p, n) == 0 &&
			(scheme || strcmp(p, "/") == 0 || path[n] == '\0' || path[n] == '/');
		if (match && (!best || n > best_len)) {
			best = &t->mounts[i];
			best_len = n;
		}
	}
	return best;
}

static char *df_number(const df_table_t *t, uint64_t bytes)
{
	char buf[32];

	if (t->human)
		fileutil_human_size(bytes, buf, sizeof(buf));
	else
		snprintf(buf, sizeof(buf), "%llu", (unsigned long long)((bytes + 1023) / 1024));
	return fileutil_strdup(buf);
}

static void df_row_add(df_table_t *t, const char *name, const char *point, const struct statvfs *v)
{
	uint64_t unit = v->f_frsize ? v->f_frsize : v->f_bsize;
	uint64_t size = (uint64_t)v->f_blocks * unit, avail = (uint64_t)v->f_bavail * unit;
	uint64_t used = ((uint64_t)v->f_blocks - (uint64_t)v->f_bfree) * unit;
	char pct[16] = "-";

	if (used + avail > 0)
		snprintf(pct, sizeof(pct), "%llu%%",
			 (unsigned long long)((used * 100 + used + avail - 1) / (used + avail)));
	t->rows = fileutil_realloc(t->rows, (t->n_rows + 1) * sizeof(*t->rows));
	t->rows[t->n_rows++] = (df_row_t){ { fileutil_strdup(name), df_number(t, size),
		df_number(t, used), df_number(t, avail), fileutil_strdup(pct),
		fileutil_strdup(point) } };
}

static void df_print(const df_table_t *t)
{
	static const char *const plain[] = { "Filesystem", "1024-blocks", "Used", "Available",
					     "Capacity", "Mounted on" };
	static const char *const human[] = { "Filesystem", "Size", "Used", "Avail", "Use%",
					     "Mounted on" };
	const char *const *head = t->human ? human : plain;
	int w[6];

	for (int c = 0; c < 6; c++) {
		w[c] = t->posix ? 0 : (int)strlen(head[c]);
		for (size_t r = 0; r < t->n_rows && !t->posix; r++)
			if ((int)strlen(t->rows[r].cols[c]) > w[c])
				w[c] = (int)strlen(t->rows[r].cols[c]);
	}
	w[5] = 0;       /* the last column is not padded */
	printf("%-*s %*s %*s %*s %*s %s\n", w[0], head[0], w[1], head[1], w[2], head[2],
	       w[3], head[3], w[4], head[4], head[5]);
	for (size_t r = 0; r < t->n_rows; r++) {
		char *const *c = t->rows[r].cols;
		printf("%-*s %*s %*s %*s %*s %s\n", w[0], c[0], w[1], c[1], w[2], c[2], w[3], c[3],
		       w[4], c[4], c[5]);
	}
}

static void df_table_free(df_table_t *t)
{
	for (size_t i = 0; i < t->n_mounts; i++) {
		free(t->mounts[i].name);
		free(t->mounts[i].point);
	}
	for (size_t r = 0; r < t->n_rows; r++)
		for (int c = 0; c < 6; c++)
			free(t->rows[r].cols[c]);
	free(t->mounts);
	free(t->rows);
}

static void df_operand(df_table_t *t, const char *path)
{
	struct statvfs v;

	if (statvfs(path, &v) < 0) {
		cmd_error(path, errno);
		return;
	}
	char *real = realpath(path, NULL);
	const df_mount_t *m = df_mount_of(t, real ? real : path);
	df_row_add(t, m ? m->name : "-", m ? m->point : "-", &v);
	free(real);
}

int main(int argc, char **argv)
{
	df_table_t t = { 0 };
	int c;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "hkP")) != -1) {
		if (c == 'h')
			t.human = true;
		else if (c == 'k')
			t.human = false;
		else
			t.posix = true;
	}
	df_read_mounts(&t);
	for (int i = optind; i < argc; i++)
		df_operand(&t, argv[i]);
	for (size_t i = 0; optind >= argc && i < t.n_mounts; i++) {
		struct statvfs v;
		if (statvfs(t.mounts[i].point, &v) == 0 && v.f_blocks > 0)
			df_row_add(&t, t.mounts[i].name, t.mounts[i].point, &v);
	}
	if (t.n_rows > 0 || optind >= argc)
		df_print(&t);
	df_table_free(&t);
	cmd_flush_stdout();
	return cmd_status();
}
