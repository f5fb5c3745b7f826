// SPDX-License-Identifier: MIT
/*
 * From a program's path to the URL the kernel sees.
 *
 * "name:rest" (a scheme before any '/') and ":name" (registering a scheme)
 * are URLs already and pass through untouched. Anything else is a `file:`
 * path: an absolute one gets the prefix, a relative one is joined to the
 * working directory (or to a directory descriptor's path, for the *at
 * calls). The result is then made canonical lexically — empty and "."
 * components dropped, ".." removing the one before it (never above the
 * root) — so every daemon sees clean absolute paths. That is a deliberate
 * difference from POSIX, where "link/.." means the parent of the link's
 * target: here it is the directory holding the link (docs/libc.md).
 *
 * A few names under /dev that portable programs expect are schemes here,
 * and the file URL of such a name becomes that scheme's URL: /dev/null
 * (null:), /dev/zero (zero:), /dev/random and /dev/urandom (rand:),
 * /dev/tty (pty:tty, the caller's controlling terminal) and /dev/console
 * (pty:console). There is no /dev directory to list.
 *
 * The working directory lives in the kernel (SYS_chdir/SYS_getcwd store
 * it as a URL, so it survives exec); libc asks for it each time a
 * relative path needs it, which keeps threads and children consistent
 * without a cache to invalidate.
 */
#include "libc.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <string.h>
#include <tessera/syscall.h>

/* ":name" counts as a URL too. */
int __libc_path_has_scheme(const char *path)
{
	if (path[0] == ':')
		return 1;
	for (const char *c = path; *c && *c != '/'; c++)
		if (*c == ':')
			return c != path;
	return 0;
}

/*
 * Canonicalises the path part of url (after the scheme's ':', which must
 * start with '/') in place. Each kept component is written as "/name" at
 * out, which never passes in: a component moves left or stays, and the
 * byte after it is not touched before it is read. A path that ended in
 * "/", "/." or "/.." keeps one trailing '/', so the daemon still applies
 * POSIX's rule that such a path must name a directory.
 */
static void path_canonicalize(char *url)
{
	char *root = strchr(url, ':') + 1;
	char *out = root;               /* the end of the path kept so far */
	const char *in = root;
	bool dir_suffix = false;

	while (*in) {
		while (*in == '/')
			in++;
		const char *end = strchrnul(in, '/');
		size_t len = (size_t)(end - in);
		dir_suffix = len == 0 || (in[0] == '.' && (len == 1 || (len == 2 && in[1] == '.')));
		if (len == 0 || (len == 1 && in[0] == '.')) {
			/* nothing to keep */
		} else if (len == 2 && in[0] == '.' && in[1] == '.') {
			while (out > root && *--out != '/')
				;
		} else {
			*out = '/';
			memmove(out + 1, in, len);
			out += 1 + len;
		}
		in = end;
	}
	if (out == root || dir_suffix)
		*out++ = '/';           /* the root itself, or a directory's '/' */
	*out = '\0';
}

/* Joins base (a URL whose path starts with '/') and rel into url. */
static const char *path_join(const char *base, const char *rel, char *url, size_t size)
{
	size_t blen = strlen(base), rlen = strlen(rel);

	if (blen + 1 + rlen + 1 > size) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	memcpy(url, base, blen);
	url[blen] = '/';
	memcpy(url + blen + 1, rel, rlen + 1);
	path_canonicalize(url);
	return url;
}

static bool path_is_hierarchical(const char *url)
{
	const char *colon = strchr(url, ':');

	return colon && colon[1] == '/';
}

static const struct {
	const char *file, *device;
} path_devices[] = {
	{ "file:/dev/null", "null:" },
	{ "file:/dev/zero", "zero:" },
	{ "file:/dev/random", "rand:" },
	{ "file:/dev/urandom", "rand:" },
	{ "file:/dev/tty", "pty:tty" },
	{ "file:/dev/console", "pty:console" },
};

/* A canonical file: URL naming a device becomes the device's URL. */
static const char *path_device(const char *url)
{
	if (!url || strncmp(url, "file:/dev/", 10) != 0)
		return url;
	for (size_t i = 0; i < sizeof(path_devices) / sizeof(path_devices[0]); i++)
		if (strcmp(url, path_devices[i].file) == 0)
			return path_devices[i].device;
	return url;
}

const char *__libc_url(const char *path, char *url, size_t size)
{
	return __libc_url_at(AT_FDCWD, path, url, size);
}

const char *__libc_url_at(int dirfd, const char *path, char *url, size_t size)
{
	char base[4096];

	if (!path) {
		errno = EFAULT;
		return NULL;
	}
	if (!*path) {
		errno = ENOENT;
		return NULL;
	}
	if (__libc_path_has_scheme(path))
		return path;
	if (path[0] == '/')
		return path_device(path_join("file:", path, url, size));
	long r = dirfd == AT_FDCWD ? sys_getcwd((long)base, sizeof(base))
				   : sys_fpath(dirfd, (long)base, sizeof(base));
	if (r < 0) {
		errno = (int)-r;
		return NULL;
	}
	if (!path_is_hierarchical(base)) {
		errno = dirfd == AT_FDCWD ? ENOENT : ENOTDIR;
		return NULL;
	}
	return path_device(path_join(base, path, url, size));
}
