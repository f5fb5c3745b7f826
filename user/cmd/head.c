// SPDX-License-Identifier: MIT
/*
 * head: the first lines (or bytes) of each file.
 *
 * Input is read with read() into a buffer and only what is needed is
 * written. When the input is a regular file (as with "head -n 1 <
 * file"), the offset is put back just past what was written, so the next
 * program reading the same descriptor starts there, as POSIX asks. The
 * old form "head -N" means -n N.
 */
#include "cmd.h"
#include "fileutil.h"
#include "textutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    head - output the first part of files\n\n"
	"SYNOPSIS\n    head [-qv] [-n LINES | -c BYTES | -LINES] [FILE...]\n\n"
	"DESCRIPTION\n"
	"    Writes the first 10 lines of each FILE (standard input when there\n"
	"    is none, or for -). With several files each is preceded by a\n"
	"    header \"==> FILE <==\" and separated by an empty line.\n\n"
	"OPTIONS\n"
	"    -n LINES  the first LINES lines\n"
	"    -c BYTES  the first BYTES bytes\n"
	"    -LINES    the same as -n LINES\n"
	"    -q        never print headers\n"
	"    -v        always print headers\n\n"
	"EXIT STATUS\n    0, 1 if a file could not be read, 2 on a usage error.\n";

static int head_write(const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Copies the first count lines (or bytes) of fd. */
static void head_fd(int fd, const char *name, bool bytes, uintmax_t count)
{
	static char buf[65536];
	uintmax_t left = count;

	while (left > 0) {
		ssize_t got = read(fd, buf, sizeof(buf));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			cmd_error(name, errno);
			return;
		}
		if (got == 0)
			return;
		size_t use = (size_t)got;
		if (bytes) {
			if (use > left)
				use = (size_t)left;
			left -= use;
		} else {
			for (size_t i = 0; i < (size_t)got; i++)
				if (buf[i] == '\n' && --left == 0) {
					use = i + 1;
					break;
				}
		}
		if (head_write(buf, use) != 0)
			cmd_die("write error: %s", strerror(errno));
		if (use < (size_t)got) {
			/* Give back what was read but not used, where the input can seek. */
			struct stat st;
			if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
				lseek(fd, -(off_t)((size_t)got - use), SEEK_CUR);
			return;
		}
	}
}

static uintmax_t head_count(const char *arg, bool bytes)
{
	uintmax_t v;

	if (!textutil_count(arg, UINTMAX_MAX, &v))
		cmd_usage_error("invalid number of %s: '%s'", bytes ? "bytes" : "lines", arg);
	return v;
}

int main(int argc, char **argv)
{
	bool bytes = false;
	int headers = 0;        /* -1 never, 1 always, 0 when several files */
	uintmax_t count = 10;
	int c;

	cmd_start(argc, argv, help);
	/* The obsolete form: head -N [FILE...] */
	if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
		count = head_count(argv[1] + 1, false);
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	while ((c = fileutil_option_next(argc, argv, "n:c:qv")) != -1) {
		if (c == 'n' || c == 'c') {
			bytes = c == 'c';
			count = head_count(optarg, bytes);
		} else {
			headers = c == 'q' ? -1 : 1;
		}
	}
	int nfiles = argc - optind;
	bool show = headers > 0 || (headers == 0 && nfiles > 1);
	if (nfiles == 0) {
		if (show)
			printf("==> %s <==\n", TEXTUTIL_STDIN_NAME);
		fflush(stdout);
		head_fd(STDIN_FILENO, "-", bytes, count);
	}
	for (int i = optind; i < argc; i++) {
		const char *name = argv[i];
		bool is_stdin = strcmp(name, "-") == 0;
		int fd = is_stdin ? STDIN_FILENO : open(name, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			cmd_error(name, errno);
			continue;
		}
		if (show)
			printf("%s==> %s <==\n", i > optind ? "\n" : "",
			       is_stdin ? TEXTUTIL_STDIN_NAME : name);
		cmd_flush_stdout();
		head_fd(fd, name, bytes, count);
		if (!is_stdin)
			close(fd);
	}
	cmd_flush_stdout();
	return cmd_status();
}
