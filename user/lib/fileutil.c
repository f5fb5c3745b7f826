// SPDX-License-Identifier: MIT
/*
 * The shared helpers of the file commands (fileutil.h). Owner and group
 * names are looked up once per id and remembered in a small table: a
 * listing of a thousand files owned by root reads /etc/passwd once, not
 * a thousand times. Directory names are collected with readdir and
 * sorted with strcmp, which is the C locale's collation.
 */
#include "fileutil.h"

#include "cmd.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void *fileutil_alloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		cmd_die("out of memory");
	return p;
}

void *fileutil_realloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (!q)
		cmd_die("out of memory");
	return q;
}

char *fileutil_strdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(fileutil_alloc(n), s, n);
}

int fileutil_option_next(int argc, char **argv, const char *optstring)
{
	char spec[128];
	bool in_order = optstring[0] == '+';

	/* ':' after the '+' silences getopt, so the message is ours. */
	snprintf(spec, sizeof(spec), "%s:%s", in_order ? "+" : "", optstring + in_order);
	opterr = 0;
	int c = getopt(argc, argv, spec);
	if (c == '?')
		cmd_usage_error("invalid option -- '%c'", optopt);
	if (c == ':')
		cmd_usage_error("option requires an argument -- '%c'", optopt);
	return c;
}

char fileutil_type_char(mode_t mode)
{
	if (S_ISREG(mode))
		return '-';
	if (S_ISDIR(mode))
		return 'd';
	if (S_ISLNK(mode))
		return 'l';
	if (S_ISCHR(mode))
		return 'c';
	if (S_ISBLK(mode))
		return 'b';
	if (S_ISFIFO(mode))
		return 'p';
	if (S_ISSOCK(mode))
		return 's';
	return '?';
}

/* One rwx triple; `special` (setuid, setgid, sticky) shows in the x place. */
static void fileutil_triple(char *out, mode_t mode, int shift, mode_t special, char set)
{
	mode_t bits = mode >> shift;

	out[0] = bits & 4 ? 'r' : '-';
	out[1] = bits & 2 ? 'w' : '-';
	if (mode & special)
		out[2] = bits & 1 ? set : (char)(set - 'a' + 'A');
	else
		out[2] = bits & 1 ? 'x' : '-';
}

void fileutil_mode_string(mode_t mode, char out[11])
{
	out[0] = fileutil_type_char(mode);
	fileutil_triple(out + 1, mode, 6, S_ISUID, 's');
	fileutil_triple(out + 4, mode, 3, S_ISGID, 's');
	fileutil_triple(out + 7, mode, 0, S_ISVTX, 't');
	out[10] = '\0';
}

const char *fileutil_type_name(const struct stat *st)
{
	mode_t m = st->st_mode;

	if (S_ISREG(m))
		return st->st_size == 0 ? "regular empty file" : "regular file";
	if (S_ISDIR(m))
		return "directory";
	if (S_ISLNK(m))
		return "symbolic link";
	if (S_ISCHR(m))
		return "character special file";
	if (S_ISBLK(m))
		return "block special file";
	if (S_ISFIFO(m))
		return "fifo";
	if (S_ISSOCK(m))
		return "socket";
	return "weird file";
}

void fileutil_human_size(uint64_t bytes, char *out, size_t size)
{
	static const char units[] = "KMGTPE";

	if (bytes < 1024) {
		snprintf(out, size, "%llu", (unsigned long long)bytes);
		return;
	}
	int u = 0;
	uint64_t scale = 1024;
	while (u < 5 && bytes / scale >= 1024) {
		scale *= 1024;
		u++;
	}
	/* Rounded up, so that a size is never shown smaller than it is. */
	uint64_t whole = bytes / scale, rest = bytes % scale;
	uint64_t tenths = whole * 10 + (uint64_t)(((unsigned __int128)rest * 10 + scale - 1) / scale);
	if (tenths < 100) {
		snprintf(out, size, "%llu.%llu%c", (unsigned long long)(tenths / 10),
			 (unsigned long long)(tenths % 10), units[u]);
		return;
	}
	uint64_t n = whole + (rest != 0);
	if (n >= 1024 && u < 5)
		snprintf(out, size, "1.0%c", units[u + 1]);   /* 1023.5K is 1.0M */
	else
		snprintf(out, size, "%llu%c", (unsigned long long)n, units[u]);
}

/* --- owner and group names ----------------------------------------------- */

#define FILEUTIL_NAME_CACHE 32

typedef struct fileutil_name {
	unsigned long id;
	char *name;             /* NULL: looked up, unknown */
} fileutil_name_t;

typedef struct fileutil_name_cache {
	fileutil_name_t slot[FILEUTIL_NAME_CACHE];
	size_t used, next;      /* next: the slot to replace once full */
} fileutil_name_cache_t;

static fileutil_name_t *fileutil_cache_find(fileutil_name_cache_t *c, unsigned long id)
{
	for (size_t i = 0; i < c->used; i++)
		if (c->slot[i].id == id)
			return &c->slot[i];
	return NULL;
}

static const char *fileutil_cache_add(fileutil_name_cache_t *c, unsigned long id, const char *name)
{
	fileutil_name_t *s;

	if (c->used < FILEUTIL_NAME_CACHE) {
		s = &c->slot[c->used++];
	} else {
		s = &c->slot[c->next];
		c->next = (c->next + 1) % FILEUTIL_NAME_CACHE;
		free(s->name);
	}
	s->id = id;
	s->name = name ? fileutil_strdup(name) : NULL;
	return s->name;
}

const char *fileutil_user_name(uid_t uid)
{
	static fileutil_name_cache_t cache;
	fileutil_name_t *s = fileutil_cache_find(&cache, uid);

	if (s)
		return s->name;
	struct passwd *pw = getpwuid(uid);
	return fileutil_cache_add(&cache, uid, pw ? pw->pw_name : NULL);
}

const char *fileutil_group_name(gid_t gid)
{
	static fileutil_name_cache_t cache;
	fileutil_name_t *s = fileutil_cache_find(&cache, gid);

	if (s)
		return s->name;
	struct group *gr = getgrgid(gid);
	return fileutil_cache_add(&cache, gid, gr ? gr->gr_name : NULL);
}

/* --- names ------------------------------------------------------------------ */

char *fileutil_path_join(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	bool sep = dl > 0 && dir[dl - 1] != '/';

#ifdef __tessera__
	/* A scheme's root ("sys:") is followed by the name itself. */
	if (dl > 0 && dir[dl - 1] == ':' && !memchr(dir, '/', dl))
		sep = false;
#endif
	char *p = fileutil_alloc(dl + sep + nl + 1);
	memcpy(p, dir, dl);
	if (sep)
		p[dl] = '/';
	memcpy(p + dl + sep, name, nl + 1);
	return p;
}

/* The length of path without its trailing slashes (at least 1 if it was all slashes). */
static size_t fileutil_trimmed_len(const char *path)
{
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	return n;
}

char *fileutil_basename(const char *path)
{
	size_t end = fileutil_trimmed_len(path);

	if (end == 1 && path[0] == '/')
		return fileutil_strdup("/");
	size_t start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	char *r = fileutil_alloc(end - start + 1);
	memcpy(r, path + start, end - start);
	r[end - start] = '\0';
	return r;
}

char *fileutil_dirname(const char *path)
{
	size_t end = fileutil_trimmed_len(path);

	if (end == 1 && path[0] == '/')
		return fileutil_strdup("/");
	while (end > 0 && path[end - 1] != '/')
		end--;
	if (end == 0)
		return fileutil_strdup(".");
	while (end > 1 && path[end - 1] == '/')
		end--;
	char *r = fileutil_alloc(end + 1);
	memcpy(r, path, end);
	r[end] = '\0';
	return r;
}

char *fileutil_entry_name(const char *path)
{
#ifdef __tessera__
	/* "sys:uname" copied into a directory is called "uname" there. */
	const char *colon = strchr(path, ':');
	if (colon && !memchr(path, '/', (size_t)(colon - path)) && colon[1])
		path = colon + 1;
#endif
	return fileutil_basename(path);
}

bool fileutil_is_dot_or_dotdot(const char *path)
{
	char *base = fileutil_basename(path);
	bool dots = strcmp(base, ".") == 0 || strcmp(base, "..") == 0;

	free(base);
	return dots;
}

/* --- directories ------------------------------------------------------------ */

static int fileutil_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int fileutil_dir_names(const char *path, int flags, char ***names, size_t *count)
{
	DIR *d = opendir(path);
	char **v = NULL;
	size_t n = 0, cap = 0;

	*names = NULL;
	*count = 0;
	if (!d)
		return -errno;
	for (;;) {
		errno = 0;
		struct dirent *e = readdir(d);
		if (!e)
			break;
		if (!(flags & FILEUTIL_DIR_DOTS) && (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = fileutil_realloc(v, cap * sizeof(*v));
		}
		v[n++] = fileutil_strdup(e->d_name);
	}
	int err = errno;
	closedir(d);
	if (err) {
		fileutil_names_free(v, n);
		errno = err;
		return -err;
	}
	if (n > 1 && !(flags & FILEUTIL_DIR_UNSORTED))
		qsort(v, n, sizeof(*v), fileutil_name_cmp);
	*names = v;
	*count = n;
	return 0;
}

void fileutil_names_free(char **names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

/* --- dialogue --------------------------------------------------------------- */

bool fileutil_ask(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cmd_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fflush(stderr);

	int c, first = 0;
	while ((c = getchar()) != EOF && c != '\n')
		if (!first && c != ' ' && c != '\t')
			first = c;
	return first == 'y' || first == 'Y';
}

mode_t fileutil_umask(void)
{
	mode_t m = umask(022);

	umask(m);
	return m;
}
