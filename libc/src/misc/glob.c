// SPDX-License-Identifier: MIT
/*
 * glob: expands a pattern into the paths that exist and match it.
 *
 * The pattern is taken one '/'-separated component at a time. A
 * component without wildcards is appended as it is (unescaped), without
 * reading any directory; one with wildcards is matched with fnmatch
 * against each entry of the directory built so far, and every match
 * continues with the rest of the pattern. When the components run out
 * the path is checked to exist (lstat: a dangling symbolic link is a
 * match, as in the shell) and, with GLOB_MARK or a trailing '/', whether
 * it is a directory. The new paths of a call are sorted with strcmp (the
 * C locale's order) unless GLOB_NOSORT. GLOB_TILDE replaces a leading
 * "~" or "~user" first; GLOB_ONLYDIR is only a hint and changes nothing. A directory that cannot be read
 * is reported to errfunc and skipped, or ends the expansion with
 * GLOB_ABORTED under GLOB_ERR or when errfunc returns non-zero.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct expansion {
	glob_t *g;
	int flags;
	int (*errfunc)(const char *path, int err);
	size_t first_new;       /* index in gl_pathv of this call's first path */
	int error;              /* GLOB_NOSPACE or GLOB_ABORTED once it happened */
} expansion_t;

/* Whether the component p[0..len) has wildcards (a '[' needs its ']'). */
static bool has_magic(const char *p, size_t len, int flags)
{
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '\\' && !(flags & GLOB_NOESCAPE) && i + 1 < len)
			i++;
		else if (p[i] == '*' || p[i] == '?')
			return true;
		else if (p[i] == '[' && memchr(p + i + 1, ']', len - i - 1))
			return true;
	}
	return false;
}

static bool add_path(expansion_t *x, const char *path, size_t len)
{
	glob_t *g = x->g;
	size_t slots = g->gl_offs + g->gl_pathc + 2;
	char **v = realloc(g->gl_pathv, slots * sizeof(char *));
	char *copy = malloc(len + 1);

	if (v && !g->gl_pathv)
		for (size_t i = 0; i < g->gl_offs; i++)
			v[i] = NULL;
	if (v)
		g->gl_pathv = v;
	if (!v || !copy) {
		free(copy);
		x->error = GLOB_NOSPACE;
		return false;
	}
	memcpy(copy, path, len);
	copy[len] = '\0';
	v[g->gl_offs + g->gl_pathc++] = copy;
	v[g->gl_offs + g->gl_pathc] = NULL;
	return true;
}

/* path + "/" + name (no '/' after an empty path or one ending in '/'), or NULL. */
static char *join(const char *path, const char *name, size_t name_len)
{
	size_t len = strlen(path);
	bool slash = len && path[len - 1] != '/';
	char *out = malloc(len + slash + name_len + 1);

	if (!out)
		return NULL;
	memcpy(out, path, len);
	if (slash)
		out[len++] = '/';
	memcpy(out + len, name, name_len);
	out[len + name_len] = '\0';
	return out;
}

/* name[0..len) without its escapes. */
static size_t unescape(char *out, const char *name, size_t len, int flags)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (name[i] == '\\' && !(flags & GLOB_NOESCAPE) && i + 1 < len)
			i++;
		out[n++] = name[i];
	}
	return n;
}

static void expand(expansion_t *x, const char *path, const char *rest, bool want_dir);

/* The path is complete: add it if it exists (and is a directory when that is asked). */
static void finish(expansion_t *x, const char *path, bool want_dir)
{
	struct stat st;
	size_t len = strlen(path);

	if (lstat(path, &st) < 0)
		return;
	bool is_dir = S_ISDIR(st.st_mode);
	if (!is_dir && (want_dir || (x->flags & GLOB_MARK)) && stat(path, &st) == 0)
		is_dir = S_ISDIR(st.st_mode);
	if (want_dir && !is_dir)
		return;
	if (!is_dir || !(want_dir || (x->flags & GLOB_MARK)) || path[len - 1] == '/') {
		add_path(x, path, len);
		return;
	}
	char *marked = join(path, "", 0);
	if (!marked) {
		x->error = GLOB_NOSPACE;
		return;
	}
	add_path(x, marked, len + 1);
	free(marked);
}

static void read_failed(expansion_t *x, const char *dir)
{
	int err = errno;

	if ((x->errfunc && x->errfunc(dir, err)) || (x->flags & GLOB_ERR))
		x->error = GLOB_ABORTED;
}

/* Whether a directory entry is one the pattern may match. */
static bool entry_matches(const expansion_t *x, const char *pattern, const char *name)
{
	int fnflags = (x->flags & GLOB_PERIOD ? 0 : FNM_PERIOD) |
		      (x->flags & GLOB_NOESCAPE ? FNM_NOESCAPE : 0);

	if (fnmatch(pattern, name, fnflags) != 0)
		return false;
	/* With GLOB_PERIOD, "." and ".." still need a pattern starting with '.'. */
	return !(x->flags & GLOB_PERIOD) || pattern[0] == '.' ||
	       (strcmp(name, ".") != 0 && strcmp(name, "..") != 0);
}

/* The wildcard component comp[0..len) against each entry of path. */
static void expand_magic(expansion_t *x, const char *path, const char *comp, size_t len,
			 const char *rest, bool want_dir)
{
	const char *dir_path = *path ? path : ".";
	char *pattern = strndup(comp, len);
	DIR *dir = pattern ? opendir(dir_path) : NULL;
	struct dirent *e = NULL;

	if (!pattern) {
		x->error = GLOB_NOSPACE;
		return;
	}
	if (!dir) {
		if (errno != ENOTDIR)   /* as glibc: a missing directory is reported too */
			read_failed(x, dir_path);
		free(pattern);
		return;
	}
	while (!x->error && (errno = 0, e = readdir(dir)) != NULL) {
		if (!entry_matches(x, pattern, e->d_name))
			continue;
		char *next = join(path, e->d_name, strlen(e->d_name));
		if (!next) {
			x->error = GLOB_NOSPACE;
			break;
		}
		expand(x, next, rest, want_dir);
		free(next);
	}
	if (!e && errno && !x->error)
		read_failed(x, dir_path);
	closedir(dir);
	free(pattern);
}

/*
 * path is what has matched so far; rest the pattern still to match.
 * want_dir: the pattern ended in '/' after its last component.
 */
static void expand(expansion_t *x, const char *path, const char *rest, bool want_dir)
{
	if (x->error)
		return;
	if (!*rest) {
		finish(x, path, want_dir);
		return;
	}
	const char *slash = strchr(rest, '/');
	size_t len = slash ? (size_t)(slash - rest) : strlen(rest);
	const char *after = slash ? slash + strspn(slash, "/") : rest + len;
	bool dir_next = want_dir || (slash && !*after);

	if (has_magic(rest, len, x->flags)) {
		x->g->gl_flags |= GLOB_MAGCHAR;
		expand_magic(x, path, rest, len, after, dir_next);
		return;
	}
	char buf[len + 1];
	char *next = join(path, buf, unescape(buf, rest, len, x->flags));
	if (!next) {
		x->error = GLOB_NOSPACE;
		return;
	}
	expand(x, next, after, dir_next);
	free(next);
}

static int compare_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}


/*
 * "~" or "~user" at the start of pattern as a home directory ($HOME, or
 * the user's entry in /etc/passwd): a new pattern to free, the pattern
 * itself if there is nothing to expand, or NULL (no such user).
 */
static char *expand_tilde(const char *pattern)
{
	const char *rest = pattern + 1 + strcspn(pattern + 1, "/");
	size_t user_len = (size_t)(rest - pattern - 1);
	const char *home = NULL;

	if (user_len == 0)
		home = getenv("HOME");
	if (!home) {
		char user[256];
		struct passwd *pw;
		if (user_len >= sizeof(user))
			return NULL;
		memcpy(user, pattern + 1, user_len);
		user[user_len] = '\0';
		pw = user_len ? getpwnam(user) : getpwuid(getuid());
		if (!pw)
			return NULL;
		home = pw->pw_dir;
	}
	char *out = malloc(strlen(home) + strlen(rest) + 1);
	if (out) {
		strcpy(out, home);
		strcat(out, rest);
	}
	return out;
}

static int glob_expanded(const char *pattern, int flags,
			 int (*errfunc)(const char *path, int err), glob_t *g);

int glob(const char *restrict pattern, int flags,
	 int (*errfunc)(const char *path, int err), glob_t *restrict g)
{
	if (!(flags & (GLOB_TILDE | GLOB_TILDE_CHECK)) || pattern[0] != '~')
		return glob_expanded(pattern, flags, errfunc, g);
	char *expanded = expand_tilde(pattern);
	if (!expanded && (flags & GLOB_TILDE_CHECK)) {
		if (!(flags & GLOB_APPEND))
			*g = (glob_t){ .gl_offs = flags & GLOB_DOOFFS ? g->gl_offs : 0 };
		return GLOB_NOMATCH;
	}
	int r = glob_expanded(expanded ? expanded : pattern, flags, errfunc, g);
	free(expanded);
	return r;
}

static int glob_expanded(const char *pattern, int flags,
			 int (*errfunc)(const char *path, int err), glob_t *g)
{
	expansion_t x = { .g = g, .flags = flags, .errfunc = errfunc };

	/* gl_pathv is allocated with the first path: no match allocates nothing. */
	if (!(flags & GLOB_APPEND)) {
		if (!(flags & GLOB_DOOFFS))
			g->gl_offs = 0;
		g->gl_pathc = 0;
		g->gl_pathv = NULL;
	}
	g->gl_flags = flags & ~GLOB_MAGCHAR;
	x.first_new = g->gl_pathc;
	if (*pattern == '/')
		expand(&x, "/", pattern + strspn(pattern, "/"), false);
	else if (*pattern)
		expand(&x, "", pattern, false);
	if (x.error == GLOB_NOSPACE)
		return GLOB_NOSPACE;
	size_t found = g->gl_pathc - x.first_new;
	if (found == 0 && !x.error) {
		bool magic = g->gl_flags & GLOB_MAGCHAR;
		if (!(flags & GLOB_NOCHECK) && !((flags & GLOB_NOMAGIC) && !magic))
			return GLOB_NOMATCH;
		if (!add_path(&x, pattern, strlen(pattern)))
			return GLOB_NOSPACE;
	}
	if (!(flags & GLOB_NOSORT))
		qsort(g->gl_pathv + g->gl_offs + x.first_new, g->gl_pathc - x.first_new,
		      sizeof(char *), compare_paths);
	return x.error;
}

void globfree(glob_t *g)
{
	if (!g->gl_pathv)
		return;
	for (size_t i = 0; i < g->gl_pathc; i++)
		free(g->gl_pathv[g->gl_offs + i]);
	free(g->gl_pathv);
	g->gl_pathv = NULL;
	g->gl_pathc = 0;
}
