// SPDX-License-Identifier: MIT
/*
 * cd, pwd and umask: the working directory and the file mode mask.
 *
 * cd follows POSIX's logical mode by default: the new directory's name is
 * $PWD joined with the operand, with "." and ".." removed as text (so
 * `cd link/..` comes back to where it started); -P resolves the name the
 * file system's way and sets PWD from getcwd(). CDPATH is searched for
 * relative names that do not start with "." or "..". Tessera's scheme
 * paths (`proc:`, `file:/x`) are absolute names.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"
#include "sh.h"
#include "var.h"

/* "/x", or Tessera's "scheme:..." */
static bool path_absolute(const char *p)
{
	if (p[0] == '/')
		return true;
	size_t n = 0;

	while ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= '0' && p[n] <= '9') || p[n] == '.' ||
	       p[n] == '-' || p[n] == '_')
		n++;
	return n > 0 && p[n] == ':';
}

/* Removes "." and ".." components and repeated slashes from an absolute path. */
static char *path_canonical(const char *path)
{
	sb_t b;

	sb_init(&b);
	if (path[0] != '/') {	/* a scheme path: left as it is */
		sb_puts(&b, path);
		return b.s;
	}
	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		const char *end = strchr(p, '/');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == 0 || (len == 1 && p[0] == '.')) {
			/* nothing */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (b.len > 0 && b.s[b.len - 1] != '/')
				b.len--;
			if (b.len > 0)
				b.len--;
			b.s[b.len] = '\0';
		} else {
			sb_putc(&b, '/');
			sb_putn(&b, p, len);
		}
		p += len;
	}
	if (b.len == 0)
		sb_putc(&b, '/');
	return b.s;
}

/*
 * The working directory with symbolic links resolved. getcwd() alone is
 * not enough: Tessera keeps the working directory as the name it was
 * reached by.
 */
static char *cwd_physical(void)
{
	char *cwd = getcwd(NULL, 0), *real = cwd ? realpath(cwd, NULL) : NULL, *s;

	s = real ? stk_strdup(real) : cwd ? stk_strdup(cwd) : NULL;
	free(real);
	free(cwd);
	return s;
}

/* Tries to change to dir; sets PWD/OLDPWD. 0, or -1 with errno. */
static int cd_to(const char *dir, bool physical)
{
	const char *pwd = var_get("PWD");
	char *target;

	if (physical) {
		char *real = realpath(dir, NULL);

		if (!real)
			return -1;
		target = stk_strdup(real);
		free(real);
	} else if (path_absolute(dir) || !pwd || pwd[0] != '/') {
		target = path_absolute(dir) ? path_canonical(dir) : (char *)dir;
	} else {
		target = path_canonical(stk_printf("%s/%s", pwd, dir));
	}
	if (chdir(target) < 0)
		return -1;
	char *old = pwd ? stk_strdup(pwd) : NULL;

	if (physical || target[0] != '/') {
		char *cwd = cwd_physical();

		if (cwd)
			target = cwd;
	}
	if (old)
		var_set("OLDPWD", old, V_EXPORT);
	var_set("PWD", target, V_EXPORT);
	return 0;
}

/* Tries dir in the directories of $CDPATH: 0 if found there, -1 if not. */
static int cd_search(const char *dir, bool physical, bool print)
{
	const char *cdpath = var_get("CDPATH");

	if (!cdpath || path_absolute(dir) || strncmp(dir, "./", 2) == 0 ||
	    strncmp(dir, "../", 3) == 0 || strcmp(dir, ".") == 0 || strcmp(dir, "..") == 0)
		return -1;
	for (const char *p = cdpath;; p++) {
		const char *end = strchr(p, ':');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char *cand = len ? stk_printf("%.*s/%s", (int)len, p, dir) : stk_strdup(dir);
		struct stat st;

		if (stat(cand, &st) == 0 && S_ISDIR(st.st_mode) && cd_to(cand, physical) == 0) {
			/* A directory found through CDPATH is named, as POSIX says. */
			if (len || print)
				bi_printf("%s\n", var_get("PWD"));
			return 0;
		}
		if (!end)
			return -1;
		p = end;
	}
}

int bi_cd(int argc, char **argv)
{
	bool physical = false, print = false;
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'P')
				physical = true;
			else if (*o == 'L')
				physical = false;
			else
				return bi_usage("cd [-L|-P] [directory]");
		}
	}
	if (argc - i > 1)
		return bi_usage("cd [-L|-P] [directory]");
	const char *dir = argv[i];

	if (!dir) {
		dir = var_get("HOME");
		if (!dir || !*dir) {
			bi_warn("cd: HOME not set");
			return 1;
		}
	} else if (strcmp(dir, "-") == 0) {
		dir = var_get("OLDPWD");
		if (!dir) {
			bi_warn("cd: OLDPWD not set");
			return 1;
		}
		print = true;
	}
	int found = cd_search(dir, physical, print);

	if (found >= 0)
		return found;
	if (cd_to(dir, physical) < 0) {
		bi_warn("cd: %s: %s", dir, strerror(errno));
		return 1;
	}
	if (print)
		bi_printf("%s\n", var_get("PWD"));
	return 0;
}

/* $PWD when it names the working directory without "." or ".." in it. */
static bool pwd_logical_ok(const char *pwd)
{
	struct stat a, b;

	if (!pwd || pwd[0] != '/')
		return false;
	for (const char *p = pwd; (p = strchr(p, '/')); p++) {
		if (p[1] == '.' && (p[2] == '/' || p[2] == '\0'))
			return false;
		if (p[1] == '.' && p[2] == '.' && (p[3] == '/' || p[3] == '\0'))
			return false;
	}
	return stat(pwd, &a) == 0 && stat(".", &b) == 0 && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}

int bi_pwd(int argc, char **argv)
{
	bool logical = true;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0 && i + 1 == argc)
			break;
		if (argv[i][0] != '-' || !argv[i][1]) {
			bi_cmd_warn("pwd: extra operand '%s'\nTry 'pwd --help' for more information.",
				    argv[i]);
			return 2;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'L' || *o == 'P') {
				logical = *o == 'L';
			} else {
				bi_cmd_warn("pwd: invalid option -- '%c'\n"
					    "Try 'pwd --help' for more information.", *o);
				return 2;
			}
		}
	}
	const char *pwd = var_get("PWD");

	if (logical && pwd_logical_ok(pwd)) {
		bi_printf("%s\n", pwd);
		return 0;
	}
	char *cwd = cwd_physical();

	if (!cwd) {
		bi_cmd_warn("pwd: cannot find the working directory: %s", strerror(errno));
		return 1;
	}
	bi_printf("%s\n", cwd);
	return 0;
}

/* --- umask ----------------------------------------------------------- */

static void umask_print_symbolic(mode_t mask)
{
	static const char who[] = "ugo";
	mode_t allowed = ~mask & 0777;

	for (int w = 0; w < 3; w++) {
		int shift = 6 - 3 * w;

		bi_printf("%c=%s%s%s%s", who[w], (allowed >> shift) & 4 ? "r" : "",
			  (allowed >> shift) & 2 ? "w" : "", (allowed >> shift) & 1 ? "x" : "",
			  w < 2 ? "," : "\n");
	}
}

/* Applies a symbolic mode ("u=rwx,g+w,o-x") to the permissions `allowed`. */
static int umask_symbolic(const char *s, mode_t *allowed)
{
	while (*s) {
		mode_t who = 0;

		for (; strchr("ugoa", *s) && *s; s++)
			who |= *s == 'u' ? 0700 : *s == 'g' ? 070 : *s == 'o' ? 07 : 0777;
		if (!who)
			who = 0777;
		if (!*s || !strchr("+-=", *s))
			return -1;
		while (*s && strchr("+-=", *s)) {
			char op = *s++;
			mode_t perm = 0;

			for (; *s && strchr("rwxXst", *s); s++)
				perm |= *s == 'r' ? 0444 : *s == 'w' ? 0222 : strchr("xX", *s) ? 0111 : 0;
			perm &= who;
			if (op == '+')
				*allowed |= perm;
			else if (op == '-')
				*allowed &= ~perm;
			else
				*allowed = (*allowed & ~who) | perm;
		}
		if (*s == ',')
			s++;
		else if (*s)
			return -1;
	}
	return 0;
}

int bi_umask(int argc, char **argv)
{
	bool symbolic = false;
	int i = 1;

	if (i < argc && strcmp(argv[i], "-S") == 0) {
		symbolic = true;
		i++;
	}
	mode_t mask = umask(0);

	umask(mask);
	if (i >= argc) {
		if (symbolic)
			umask_print_symbolic(mask);
		else
			bi_printf("%04o\n", (unsigned)mask);
		return 0;
	}
	const char *arg = argv[i];

	if (arg[0] >= '0' && arg[0] <= '7') {
		char *end;
		long v = strtol(arg, &end, 8);

		if (*end || v > 0777) {
			bi_warn("umask: %s: invalid mode", arg);
			return 1;
		}
		mask = (mode_t)v;
	} else {
		mode_t allowed = ~mask & 0777;

		if (umask_symbolic(arg, &allowed) < 0) {
			bi_warn("umask: %s: invalid mode", arg);
			return 1;
		}
		mask = ~allowed & 0777;
	}
	umask(mask);
	return 0;
}
