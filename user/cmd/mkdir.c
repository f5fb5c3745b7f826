// SPDX-License-Identifier: MIT
/*
 * mkdir: make directories. With -m the new directory's mode is set by
 * chmod after mkdir, so that the umask does not take bits from it (and
 * setuid, setgid and sticky bits stay). With -p the missing parents are
 * made first with u+wx added to the umask's default, as POSIX asks, and
 * an existing directory is not an error.
 */
#include "cmd.h"
#include "filemode.h"
#include "fileutil.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    mkdir - make directories\n\n"
	"SYNOPSIS\n    mkdir [-p] [-m MODE] DIR...\n\n"
	"DESCRIPTION\n"
	"    Makes each DIR, with mode 0777 less the umask.\n\n"
	"OPTIONS\n"
	"    -m MODE  give the new directories MODE, an octal number or a\n"
	"             symbolic mode as chmod takes (\"u=rwx,go=rx\", \"a+t\"),\n"
	"             applied to a=rwx (a clause without u, g, o or a leaves\n"
	"             the umask's bits alone, as in chmod); the result is set\n"
	"             exactly, whatever the umask\n"
	"    -p       make missing parent directories too (mode 0777 less the\n"
	"             umask, plus u+wx); a DIR that already exists as a\n"
	"             directory is not an error\n\n"
	"EXIT STATUS\n"
	"    0 if every DIR was made, 1 otherwise, 2 on a usage error.\n";

typedef struct mkdir_opts {
	bool parents;
	bool have_mode;
	mode_t mode;            /* -m's result */
	mode_t umask;
} mkdir_opts_t;

/* Makes one directory; with -p an existing directory is fine. */
static int mkdir_one(const mkdir_opts_t *o, const char *path, bool last)
{
	struct stat st;
	mode_t mode = last ? 0777 : (0777 & ~o->umask) | S_IWUSR | S_IXUSR;

	if (mkdir(path, mode) < 0) {
		int err = errno;
		if (o->parents && err == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			return 0;
		if (o->parents && !last && err == EEXIST)
			err = ENOTDIR;  /* a file where a parent should be */
		cmd_error(path, err);
		return -1;
	}
	if (!last && chmod(path, mode) < 0) {
		cmd_error(path, errno);
		return -1;
	}
	if (last && o->have_mode && chmod(path, o->mode) < 0) {
		cmd_error(path, errno);
		return -1;
	}
	return 0;
}

/* -p: every prefix of path ending before a '/', then path itself. */
static void mkdir_parents(const mkdir_opts_t *o, const char *path)
{
	char *p = fileutil_strdup(path);

	for (char *s = p + 1; *s; s++) {
		if (*s != '/' || s[-1] == '/')
			continue;
		*s = '\0';
		bool rest = false;   /* only trailing slashes left: this is the last one */
		for (char *t = s + 1; *t; t++)
			rest |= *t != '/';
		int r = rest ? mkdir_one(o, p, false) : 0;
		*s = '/';
		if (r < 0) {
			free(p);
			return;
		}
		if (!rest)
			break;
	}
	mkdir_one(o, path, true);
	free(p);
}

int main(int argc, char **argv)
{
	mkdir_opts_t o = { .umask = fileutil_umask() };
	const char *mode = NULL;
	int c;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "pm:")) != -1) {
		if (c == 'p')
			o.parents = true;
		else
			mode = optarg;
	}
	if (mode) {
		if (!filemode_parse(mode, 0777, o.umask, true, &o.mode))
			cmd_usage_error("invalid mode '%s'", mode);
		o.have_mode = true;
	}
	if (optind >= argc)
		cmd_usage_error("missing operand");
	for (int i = optind; i < argc; i++) {
		if (o.parents)
			mkdir_parents(&o, argv[i]);
		else
			mkdir_one(&o, argv[i], true);
	}
	cmd_flush_stdout();
	return cmd_status();
}
