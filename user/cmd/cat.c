// SPDX-License-Identifier: MIT
/*
 * cat: files one after the other on standard output. Without -n the
 * bytes go through unchanged with read and write, so output is never
 * held back (-u is therefore what cat always does). With -n lines are
 * numbered across all files, through stdio. A file that is the output
 * itself (cat f >> f) is refused rather than read while it grows.
 */
#include "cmd.h"
#include "fileutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    cat - concatenate files to standard output\n\n"
	"SYNOPSIS\n    cat [-nu] [FILE...]\n\n"
	"DESCRIPTION\n"
	"    Writes each FILE in turn to standard output. A FILE of \"-\", or no\n"
	"    FILE at all, is standard input. A file that cannot be read is\n"
	"    reported and the others are still written.\n\n"
	"OPTIONS\n"
	"    -n  number the lines (numbering goes on across files)\n"
	"    -u  write without delay (cat always does)\n\n"
	"EXIT STATUS\n"
	"    0 if every file was written, 1 otherwise, 2 on a usage error.\n";

typedef struct cat_state {
	bool number;
	unsigned long line;     /* the next line's number */
	bool at_line_start;
	struct stat out;        /* standard output, to refuse copying it into itself */
	bool out_ok;
} cat_state_t;

static int cat_write_all(const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

static int cat_numbered(cat_state_t *s, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s->at_line_start)
			printf("%6lu\t", s->line++);
		putchar(buf[i]);
		s->at_line_start = buf[i] == '\n';
	}
	return ferror(stdout) ? -EIO : 0;
}

/* Copies fd to standard output; false after reporting an error. */
static bool cat_fd(cat_state_t *s, int fd, const char *name)
{
	static char buf[65536];
	struct stat in;

	/* Both regular files with one identity; scheme files without inodes (0) are not. */
	if (s->out_ok && S_ISREG(s->out.st_mode) && fstat(fd, &in) == 0 && S_ISREG(in.st_mode) &&
	    in.st_ino != 0 && in.st_dev == s->out.st_dev && in.st_ino == s->out.st_ino) {
		cmd_warn("%s: input file is output file", name);
		return false;
	}
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			cmd_error(name, errno);
			return false;
		}
		if (n == 0)
			return true;
		int err = s->number ? cat_numbered(s, buf, (size_t)n) : cat_write_all(buf, (size_t)n);
		if (err < 0)
			cmd_die("write error: %s", strerror(-err));
	}
}

static void cat_file(cat_state_t *s, const char *name)
{
	if (strcmp(name, "-") == 0) {
		cat_fd(s, STDIN_FILENO, name);
		return;
	}
	int fd = open(name, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		cmd_error(name, errno);
		return;
	}
	cat_fd(s, fd, name);
	close(fd);
}

int main(int argc, char **argv)
{
	cat_state_t s = { .line = 1, .at_line_start = true };
	int c;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "nu")) != -1)
		if (c == 'n')
			s.number = true;
	s.out_ok = fstat(STDOUT_FILENO, &s.out) == 0;
	if (optind >= argc)
		cat_file(&s, "-");
	for (int i = optind; i < argc; i++)
		cat_file(&s, argv[i]);
	cmd_flush_stdout();
	return cmd_status();
}
