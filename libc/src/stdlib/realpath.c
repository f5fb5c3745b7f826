// SPDX-License-Identifier: MIT
/*
 * realpath: an absolute path with no ".", "..", repeated '/' or symbolic
 * links, naming an existing file.
 *
 * Components are taken one at a time from `pending` (the input, or a
 * link's target followed by what was left of it) and appended to
 * `out`, which always holds a resolved path: ".." removes out's last
 * component, and a new component is looked up with lstat. A link is
 * read and its target spliced in front of what is pending (an absolute
 * target restarts out at the root); more than 40 links in one call is
 * ELOOP. A relative input starts from getcwd. Tessera URLs: "file:/x"
 * is /x, and a path in another scheme is returned as it is once it is
 * known to exist, since only its scheme knows its structure.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define REALPATH_MAX_LINKS 40

typedef struct realpath_state {
	char out[PATH_MAX];
	size_t out_len;
	char pending[PATH_MAX];
	unsigned links;
} realpath_state_t;

static bool realpath_other_scheme(const char *path)
{
	for (const char *c = path; *c && *c != '/'; c++)
		if (*c == ':')
			return c != path && strncmp(path, "file:", 5) != 0;
	return false;
}

/* Replaces pending with target + "/" + rest (rest points into pending). */
static int realpath_splice(realpath_state_t *st, const char *target, size_t tlen,
			   const char *rest)
{
	size_t rlen = strlen(rest);

	if (tlen + 1 + rlen + 1 > sizeof(st->pending)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memmove(st->pending + tlen + 1, rest, rlen + 1);
	memcpy(st->pending, target, tlen);
	st->pending[tlen] = '/';
	if (target[0] == '/')
		st->out_len = 0;
	return 0;
}

/*
 * Appends component c (n bytes) to out, or splices in its target if it is
 * a link: 0, 1 when pending was rewritten, or -1 and errno.
 */
static int realpath_step(realpath_state_t *st, const char *c, size_t n, const char *rest)
{
	struct stat sb;
	char target[PATH_MAX];
	size_t at = st->out_len;

	if (at + 1 + n + 1 > sizeof(st->out)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	st->out[at] = '/';
	memcpy(st->out + at + 1, c, n);
	st->out[at + 1 + n] = '\0';
	if (lstat(st->out, &sb) < 0)
		return -1;
	if (!S_ISLNK(sb.st_mode)) {
		st->out_len = at + 1 + n;
		if (!S_ISDIR(sb.st_mode) && *rest) {   /* "file/" and "file/x" */
			errno = ENOTDIR;
			return -1;
		}
		return 0;
	}
	if (++st->links > REALPATH_MAX_LINKS) {
		errno = ELOOP;
		return -1;
	}
	ssize_t len = readlink(st->out, target, sizeof(target) - 1);
	if (len < 0)
		return -1;
	if (len == 0) {
		errno = ENOENT;
		return -1;
	}
	return realpath_splice(st, target, (size_t)len, rest) < 0 ? -1 : 1;
}

static int realpath_resolve(realpath_state_t *st)
{
	char *p = st->pending;

	for (;;) {
		p += strspn(p, "/");
		if (!*p)
			return 0;
		size_t n = strcspn(p, "/");
		if (n == 1 && p[0] == '.') {
			p += n;
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (st->out_len && st->out[--st->out_len] != '/')
				;
			p += n;
		} else {
			char comp[NAME_MAX + 1];
			if (n > NAME_MAX) {
				errno = ENAMETOOLONG;
				return -1;
			}
			memcpy(comp, p, n);
			int r = realpath_step(st, comp, n, p + n);
			if (r < 0)
				return -1;
			p = r ? st->pending : p + n;
		}
	}
}

char *realpath(const char *restrict path, char *restrict resolved)
{
	realpath_state_t *st;
	struct stat sb;

	if (!path) {
		errno = EINVAL;
		return NULL;
	}
	if (!*path) {
		errno = ENOENT;
		return NULL;
	}
	if (realpath_other_scheme(path)) {
		if (stat(path, &sb) < 0)
			return NULL;
		if (strlen(path) >= PATH_MAX) {
			errno = ENAMETOOLONG;
			return NULL;
		}
		return resolved ? strcpy(resolved, path) : strdup(path);
	}
	if (!strncmp(path, "file:", 5))
		path += 5;
	if (!(st = malloc(sizeof(*st))))
		return NULL;
	st->out_len = 0;
	st->links = 0;
	char *result = NULL;
	if (path[0] != '/' && !getcwd(st->out, sizeof(st->out)))
		goto done;
	if (path[0] != '/')
		st->out_len = strcmp(st->out, "/") ? strlen(st->out) : 0;
	if (strlen(path) >= sizeof(st->pending)) {
		errno = ENAMETOOLONG;
		goto done;
	}
	strcpy(st->pending, path);
	if (realpath_resolve(st) < 0)
		goto done;
	if (st->out_len == 0)
		strcpy(st->out, "/");
	else
		st->out[st->out_len] = '\0';
	result = resolved ? strcpy(resolved, st->out) : strdup(st->out);
done:
	free(st);
	return result;
}
