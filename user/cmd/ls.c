// SPDX-License-Identifier: MIT
/*
 * ls: list files and directories.
 *
 * Operands are split first: files (and, with -d, directories) are listed
 * together as one group, then each directory's contents under a "DIR:"
 * header when there is more than one operand or -R. A listing is built
 * as an array of entries, each stat'ed once, sorted (stably, by name in
 * the C locale's byte order unless -t or -S), then written in one of
 * four layouts: long (-l), one per line (-1), columns down (-C, the
 * default on a terminal) or across (-x). With -R the subdirectories of a
 * listing follow it, depth first.
 *
 * Symbolic links are described themselves (lstat) unless -L; a link
 * named as an operand is followed unless -d, -F or -l is given (or -H
 * asks for it anyway), as POSIX says. Owners and groups are names from
 * /etc/passwd and /etc/group (numbers when unknown, or with -n). Sizes
 * and block counts are in KiB (GNU's choice; POSIX's 512-byte units are
 * not used), or for people with -h.
 *
 * Exit status as GNU's ls: 2 when an operand cannot be listed, 1 when
 * something below one cannot, 0 otherwise.
 */
#include "cmd.h"
#include "columns.h"
#include "fileutil.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    ls - list directory contents\n\n"
	"SYNOPSIS\n    ls [-1AaCcdFfHhiLlnpqRrSstux] [FILE...]\n\n"
	"DESCRIPTION\n"
	"    Lists each FILE, and the contents of each directory FILE (the\n"
	"    working directory if none), sorted by name in byte order. Files come\n"
	"    first, then each directory under a \"NAME:\" header when there are\n"
	"    several FILEs.\n\n"
	"OPTIONS\n"
	"    -l  long format: type and permissions, links, owner, group, size,\n"
	"        time (\"Mon DD HH:MM\", or \"Mon DD  YYYY\" when older than six\n"
	"        months or in the future), name, and \"-> TARGET\" for links;\n"
	"        listings of directories begin with \"total\", the KiB used\n"
	"    -n  like -l with numeric user and group ids\n"
	"    -1  one name per line (the default when output is not a terminal)\n"
	"    -C  names in columns, down (the default on a terminal); the width\n"
	"        is $COLUMNS, else the terminal's, else 80\n"
	"    -x  names in columns, across\n"
	"    -a  include names beginning with '.', \".\" and \"..\" too\n"
	"    -A  include names beginning with '.' but \".\" and \"..\"\n"
	"    -d  list directories themselves, not their contents\n"
	"    -R  list subdirectories recursively\n"
	"    -F  append / to directories, * to executables, @ to symbolic links,\n"
	"        | to FIFOs, = to sockets\n"
	"    -p  append / to directories\n"
	"    -i  write each file's inode number first\n"
	"    -s  write each file's size in KiB blocks first\n"
	"    -h  sizes for people (1.5K, 20M) with -l and -s\n"
	"    -t  sort by time, newest first\n"
	"    -S  sort by size, largest first\n"
	"    -r  reverse the order of the sort\n"
	"    -f  do not sort (directory order); implies -a, turns off -l, -s, -t\n"
	"    -c  use the status-change time (for -l and -t)\n"
	"    -u  use the access time (for -l and -t)\n"
	"    -q  show non-printable characters in names as ? (default on a\n"
	"        terminal)\n"
	"    -H  follow symbolic links named as FILE\n"
	"    -L  follow every symbolic link\n"
	"    Of -1, -C, -l, -n and -x the last counts.\n\n"
	"EXIT STATUS\n"
	"    0 on success, 1 if something inside a directory could not be\n"
	"    listed, 2 if a FILE could not (or on a usage error).\n";

/* Six months, as ls means it: half of 365.2425 days. */
#define LS_RECENT_SECONDS 15778476

typedef struct ls_opts {
	char format;            /* 'l' long, '1' one per line, 'C' down, 'x' across */
	char sort;              /* 'n' name, 't' time, 'S' size, 'U' none */
	char time;              /* 'm' modified, 'c' status changed, 'u' accessed */
	char follow;            /* 'P' never, 'H' operands, 'L' all */
	bool all, almost_all, dir_itself, classify, slash, recursive, human, inode;
	bool numeric, reverse, blocks, question;
	size_t width;
} ls_opts_t;

typedef struct ls_entry {
	char *name;             /* as listed */
	char *path;             /* to stat, read and descend */
	struct stat st;
} ls_entry_t;

typedef struct ls_list {
	ls_entry_t *v;
	size_t n, cap;
} ls_list_t;

/* The directories being listed, innermost last (-L's loop check). */
typedef struct ls_ancestor {
	dev_t dev;
	ino_t ino;
	const struct ls_ancestor *up;
} ls_ancestor_t;

typedef struct ls_state {
	ls_opts_t o;
	int status;
	bool printed;           /* something is on stdout: headers need a blank line */
	bool headers;           /* "DIR:" before each directory's listing */
	time_t now;
} ls_state_t;

static void ls_fail(ls_state_t *s, const char *path, int err, int status)
{
	fflush(stdout);
	cmd_error(path, err);
	if (status > s->status)
		s->status = status;
}

/* --- entries and sorting --------------------------------------------------- */

static void ls_list_add(ls_list_t *l, const char *name, char *path, const struct stat *st)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = fileutil_realloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = (ls_entry_t){ fileutil_strdup(name), path, *st };
}

static void ls_list_free(ls_list_t *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].path);
	}
	free(l->v);
	*l = (ls_list_t){ 0 };
}

/* stat or lstat as -L asks; a dangling link followed is described itself. */
static int ls_stat(const char *path, bool follow, struct stat *st)
{
	if (follow && stat(path, st) == 0)
		return 0;
	if (follow && errno != ENOENT && errno != ELOOP)
		return -errno;
	return lstat(path, st) == 0 ? 0 : -errno;
}

static const struct timespec *ls_time_of(const ls_opts_t *o, const struct stat *st)
{
	return o->time == 'c' ? &st->st_ctim : o->time == 'u' ? &st->st_atim : &st->st_mtim;
}

static int ls_compare(const ls_opts_t *o, const ls_entry_t *a, const ls_entry_t *b)
{
	int c = 0;

	if (o->sort == 't') {
		const struct timespec *ta = ls_time_of(o, &a->st), *tb = ls_time_of(o, &b->st);
		if (ta->tv_sec != tb->tv_sec)
			c = ta->tv_sec > tb->tv_sec ? -1 : 1;
		else if (ta->tv_nsec != tb->tv_nsec)
			c = ta->tv_nsec > tb->tv_nsec ? -1 : 1;
	} else if (o->sort == 'S' && a->st.st_size != b->st.st_size) {
		c = a->st.st_size > b->st.st_size ? -1 : 1;
	}
	if (c == 0)
		c = strcmp(a->name, b->name);
	return o->reverse ? -c : c;
}

/* A stable merge sort, since qsort has no context argument in POSIX. */
static void ls_sort_range(const ls_opts_t *o, ls_entry_t *v, ls_entry_t *tmp, size_t n)
{
	if (n < 2)
		return;
	size_t h = n / 2, i = 0, j = h, k = 0;
	ls_sort_range(o, v, tmp, h);
	ls_sort_range(o, v + h, tmp, n - h);
	while (i < h && j < n)
		tmp[k++] = ls_compare(o, &v[j], &v[i]) < 0 ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	memcpy(v, tmp, k * sizeof(*v));
}

static void ls_sort(const ls_opts_t *o, ls_list_t *l)
{
	if (o->sort == 'U' || l->n < 2)
		return;
	ls_entry_t *tmp = fileutil_alloc(l->n * sizeof(*tmp));
	ls_sort_range(o, l->v, tmp, l->n);
	free(tmp);
}

/* --- how one entry looks ------------------------------------------------------ */

static char ls_indicator(const ls_opts_t *o, mode_t mode)
{
	if (S_ISDIR(mode))
		return o->classify || o->slash ? '/' : 0;
	if (!o->classify)
		return 0;
	if (S_ISLNK(mode))
		return '@';
	if (S_ISFIFO(mode))
		return '|';
	if (S_ISSOCK(mode))
		return '=';
	if (S_ISREG(mode) && (mode & (S_IXUSR | S_IXGRP | S_IXOTH)))
		return '*';
	return 0;
}

/* name with -q's substitutions and an indicator (0 for none), newly allocated. */
static char *ls_show_name(const ls_opts_t *o, const char *name, char indicator)
{
	size_t n = strlen(name);
	char *r = fileutil_alloc(n + 2);

	for (size_t i = 0; i < n; i++)
		r[i] = o->question && !isprint((unsigned char)name[i]) ? '?' : name[i];
	r[n] = indicator;
	r[n + 1] = '\0';
	return r;
}

static void ls_blocks_text(const ls_opts_t *o, unsigned long long blocks512, char *out, size_t size)
{
	if (o->human)
		fileutil_human_size(blocks512 * 512, out, size);
	else
		snprintf(out, size, "%llu", (blocks512 + 1) / 2);
}

static void ls_time_text(ls_state_t *s, const struct stat *st, char *out, size_t size)
{
	time_t t = ls_time_of(&s->o, st)->tv_sec;
	struct tm tm;

	if (t > s->now)
		s->now = time(NULL);    /* it may have been modified since we started */
	bool recent = t > s->now - LS_RECENT_SECONDS && t <= s->now;
	localtime_r(&t, &tm);
	strftime(out, size, recent ? "%b %e %H:%M" : "%b %e  %Y", &tm);
}

/* The cells of a long line, measured before any is written. */
typedef struct ls_cells {
	char inode[24], blocks[24], links[24], owner[40], group[40], size[32], time[32];
} ls_cells_t;

typedef struct ls_widths {
	int inode, blocks, links, owner, group, size;
} ls_widths_t;

static int ls_max(int a, const char *s)
{
	int n = (int)strlen(s);

	return n > a ? n : a;
}

static void ls_cells_fill(ls_state_t *s, const ls_entry_t *e, ls_cells_t *c, ls_widths_t *w)
{
	const ls_opts_t *o = &s->o;
	const char *user = o->numeric ? NULL : fileutil_user_name(e->st.st_uid);
	const char *group = o->numeric ? NULL : fileutil_group_name(e->st.st_gid);

	snprintf(c->inode, sizeof(c->inode), "%llu", (unsigned long long)e->st.st_ino);
	ls_blocks_text(o, (unsigned long long)e->st.st_blocks, c->blocks, sizeof(c->blocks));
	snprintf(c->links, sizeof(c->links), "%llu", (unsigned long long)e->st.st_nlink);
	if (user)
		snprintf(c->owner, sizeof(c->owner), "%s", user);
	else
		snprintf(c->owner, sizeof(c->owner), "%lu", (unsigned long)e->st.st_uid);
	if (group)
		snprintf(c->group, sizeof(c->group), "%s", group);
	else
		snprintf(c->group, sizeof(c->group), "%lu", (unsigned long)e->st.st_gid);
	if (o->human)
		fileutil_human_size((uint64_t)e->st.st_size, c->size, sizeof(c->size));
	else
		snprintf(c->size, sizeof(c->size), "%lld", (long long)e->st.st_size);
	ls_time_text(s, &e->st, c->time, sizeof(c->time));
	w->inode = ls_max(w->inode, c->inode);
	w->blocks = ls_max(w->blocks, c->blocks);
	w->links = ls_max(w->links, c->links);
	w->owner = ls_max(w->owner, c->owner);
	w->group = ls_max(w->group, c->group);
	w->size = ls_max(w->size, c->size);
}

/* " -> target" of a symbolic link in long format, with -F's indicator for the target. */
static void ls_print_target(const ls_opts_t *o, const ls_entry_t *e)
{
	size_t cap = e->st.st_size > 0 ? (size_t)e->st.st_size + 1 : 256;
	char *target = fileutil_alloc(cap + 1);
	ssize_t n = readlink(e->path, target, cap);
	struct stat st;

	if (n >= 0) {
		target[n] = '\0';
		char ind = o->classify && stat(e->path, &st) == 0 ? ls_indicator(o, st.st_mode) : 0;
		char *shown = ls_show_name(o, target, ind);
		printf(" -> %s", shown);
		free(shown);
	}
	free(target);
}

static void ls_print_long(ls_state_t *s, const ls_list_t *l)
{
	const ls_opts_t *o = &s->o;
	ls_cells_t *cells = fileutil_alloc(l->n * sizeof(*cells));
	ls_widths_t w = { 0 };
	char mode[11];

	for (size_t i = 0; i < l->n; i++)
		ls_cells_fill(s, &l->v[i], &cells[i], &w);
	for (size_t i = 0; i < l->n; i++) {
		const ls_entry_t *e = &l->v[i];
		const ls_cells_t *c = &cells[i];
		if (o->inode)
			printf("%*s ", w.inode, c->inode);
		if (o->blocks)
			printf("%*s ", w.blocks, c->blocks);
		fileutil_mode_string(e->st.st_mode, mode);
		printf("%s %*s %-*s %-*s %*s %s ", mode, w.links, c->links, w.owner, c->owner,
		       w.group, c->group, w.size, c->size, c->time);
		bool link = S_ISLNK(e->st.st_mode);
		char *name = ls_show_name(o, e->name, link ? 0 : ls_indicator(o, e->st.st_mode));
		fputs(name, stdout);
		free(name);
		if (link)
			ls_print_target(o, e);
		putchar('\n');
	}
	free(cells);
}

/* -1, -C and -x: the name with -i's and -s's numbers before it. */
static void ls_print_short(ls_state_t *s, const ls_list_t *l)
{
	const ls_opts_t *o = &s->o;
	char **items = fileutil_alloc(l->n * sizeof(*items));
	size_t *widths = fileutil_alloc(l->n * sizeof(*widths));
	int wi = 0, wb = 0;
	char num[32];

	for (size_t i = 0; i < l->n; i++) {
		snprintf(num, sizeof(num), "%llu", (unsigned long long)l->v[i].st.st_ino);
		wi = ls_max(wi, num);
		ls_blocks_text(o, (unsigned long long)l->v[i].st.st_blocks, num, sizeof(num));
		wb = ls_max(wb, num);
	}
	for (size_t i = 0; i < l->n; i++) {
		const ls_entry_t *e = &l->v[i];
		char *name = ls_show_name(o, e->name, ls_indicator(o, e->st.st_mode));
		size_t len = (o->inode ? (size_t)wi + 1 : 0) + (o->blocks ? (size_t)wb + 1 : 0) +
			     strlen(name);
		char *p = items[i] = fileutil_alloc(len + 1);
		if (o->inode)
			p += sprintf(p, "%*llu ", wi, (unsigned long long)e->st.st_ino);
		if (o->blocks) {
			ls_blocks_text(o, (unsigned long long)e->st.st_blocks, num, sizeof(num));
			p += sprintf(p, "%*s ", wb, num);
		}
		strcpy(p, name);
		widths[i] = len;
		free(name);
	}
	if (o->format == '1') {
		for (size_t i = 0; i < l->n; i++)
			puts(items[i]);
	} else {
		columns_print(stdout, items, widths, l->n, o->width, o->format == 'x');
	}
	for (size_t i = 0; i < l->n; i++)
		free(items[i]);
	free(items);
	free(widths);
}

/* Writes a sorted listing; a directory's has the "total" line in -l and -s. */
static void ls_print(ls_state_t *s, const ls_list_t *l, bool of_dir)
{
	const ls_opts_t *o = &s->o;

	if (of_dir && (o->format == 'l' || o->blocks)) {
		unsigned long long sum = 0;
		char total[32];
		for (size_t i = 0; i < l->n; i++)
			sum += (unsigned long long)l->v[i].st.st_blocks;
		ls_blocks_text(o, sum, total, sizeof(total));
		printf("total %s\n", total);
	}
	if (o->format == 'l')
		ls_print_long(s, l);
	else
		ls_print_short(s, l);
	if (l->n > 0 || of_dir)
		s->printed = true;
}

/* --- directories ------------------------------------------------------------ */

static bool ls_hidden(const ls_opts_t *o, const char *name)
{
	if (name[0] != '.' || o->all)
		return false;
	if (!o->almost_all)
		return true;
	return strcmp(name, ".") == 0 || strcmp(name, "..") == 0;
}

/* Reads a directory's entries (with -f in directory order, unsorted). */
static int ls_read_dir(ls_state_t *s, const char *path, ls_list_t *l)
{
	char **names;
	size_t n;
	int err = fileutil_dir_names(path, FILEUTIL_DIR_DOTS |
				     (s->o.sort == 'U' ? FILEUTIL_DIR_UNSORTED : 0), &names, &n);

	if (err < 0)
		return err;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (ls_hidden(&s->o, names[i]))
			continue;
		char *child = fileutil_path_join(path, names[i]);
		int r = ls_stat(child, s->o.follow == 'L', &st);
		if (r < 0) {
			ls_fail(s, child, -r, 1);
			free(child);
			continue;
		}
		ls_list_add(l, names[i], child, &st);
	}
	fileutil_names_free(names, n);
	return 0;
}

static void ls_dir(ls_state_t *s, const char *path, const ls_ancestor_t *up, int fail_status)
{
	ls_list_t l = { 0 };
	struct stat self = { 0 };

	if (stat(path, &self) == 0 && self.st_ino != 0) {
		for (const ls_ancestor_t *a = up; a; a = a->up) {
			if (a->dev == self.st_dev && a->ino == self.st_ino) {
				fflush(stdout);
				cmd_warn("%s: not listing already-listed directory", path);
				s->status = s->status > 1 ? s->status : 1;
				return;
			}
		}
	}
	ls_ancestor_t here = { self.st_dev, self.st_ino, up };
	if (s->headers) {
		printf("%s%s:\n", s->printed ? "\n" : "", path);
		s->printed = true;
	}
	int err = ls_read_dir(s, path, &l);
	if (err < 0) {
		ls_fail(s, path, -err, fail_status);
		return;
	}
	ls_sort(&s->o, &l);
	ls_print(s, &l, true);
	for (size_t i = 0; s->o.recursive && i < l.n; i++) {
		const ls_entry_t *e = &l.v[i];
		if (S_ISDIR(e->st.st_mode) && strcmp(e->name, ".") != 0 && strcmp(e->name, "..") != 0)
			ls_dir(s, e->path, &here, 1);
	}
	ls_list_free(&l);
}

/* --- options and operands ------------------------------------------------------ */

static size_t ls_screen_width(void)
{
	const char *cols = getenv("COLUMNS");
	struct winsize ws;

	if (cols && *cols) {
		char *end;
		long n = strtol(cols, &end, 10);
		if (*end == '\0' && n > 0)
			return (size_t)n;
	}
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static void ls_parse(ls_opts_t *o, int argc, char **argv)
{
	int c;

	while ((c = fileutil_option_next(argc, argv, "1AaCcdFfHhiLlnpqRrSstux")) != -1) {
		switch (c) {
		case '1': case 'C': case 'l': case 'x': o->format = (char)c; o->numeric = false; break;
		case 'n': o->format = 'l'; o->numeric = true; break;
		case 'a': o->all = true; o->almost_all = false; break;
		case 'A': o->almost_all = true; o->all = false; break;
		case 'c': case 'u': o->time = (char)c; break;
		case 'd': o->dir_itself = true; break;
		case 'F': o->classify = true; break;
		case 'f': o->sort = 'U'; o->all = true; break;
		case 'H': case 'L': o->follow = (char)c; break;
		case 'h': o->human = true; break;
		case 'i': o->inode = true; break;
		case 'p': o->slash = true; break;
		case 'q': o->question = true; break;
		case 'R': o->recursive = true; break;
		case 'r': o->reverse = true; break;
		case 'S': case 't': if (o->sort != 'U') o->sort = (char)c; break;
		case 's': o->blocks = true; break;
		}
	}
	if (o->sort == 'U') {
		/* -f: directory order, everything, no long format. */
		o->reverse = o->blocks = false;
		if (o->format == 'l')
			o->format = '1';
	}
}

int main(int argc, char **argv)
{
	bool tty = isatty(STDOUT_FILENO);
	ls_state_t s = { .o = { .format = tty ? 'C' : '1', .sort = 'n', .time = 'm',
				.follow = 'P', .question = tty } };
	ls_list_t files = { 0 }, dirs = { 0 };

	cmd_start(argc, argv, help);
	ls_parse(&s.o, argc, argv);
	s.o.width = ls_screen_width();
	s.now = time(NULL);
	char *dot[] = { ".", NULL };
	char **ops = optind < argc ? argv + optind : dot;
	int n_ops = optind < argc ? argc - optind : 1;
	const ls_opts_t *o = &s.o;
	bool follow = o->follow != 'P' || (!o->dir_itself && !o->classify && o->format != 'l');
	for (int i = 0; i < n_ops; i++) {
		struct stat st;
		int r = ls_stat(ops[i], follow, &st);
		if (r < 0) {
			ls_fail(&s, ops[i], -r, 2);
			continue;
		}
		ls_list_add(S_ISDIR(st.st_mode) && !o->dir_itself ? &dirs : &files, ops[i],
			    fileutil_strdup(ops[i]), &st);
	}
	ls_sort(o, &files);
	ls_sort(o, &dirs);
	if (files.n > 0)
		ls_print(&s, &files, false);
	s.headers = n_ops > 1 || o->recursive;
	for (size_t i = 0; i < dirs.n; i++)
		ls_dir(&s, dirs.v[i].path, NULL, 2);
	ls_list_free(&files);
	ls_list_free(&dirs);
	cmd_flush_stdout();
	return s.status;
}
