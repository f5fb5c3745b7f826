// SPDX-License-Identifier: MIT
/*
 * tail: the last part of files, or everything from a line (byte) on.
 *
 * For the last N lines of a regular file, tail seeks to its end and reads
 * backwards block by block until it has seen N line ends, so a huge log
 * costs only its tail. Other inputs (pipes) are read to the end, keeping
 * in memory only what can still be part of the answer. With -f tail then
 * keeps the files open and polls them every second (-s): what is
 * appended is printed, a file that shrank is reported as truncated and
 * read again from its start. -f is ignored for a pipe, as POSIX says;
 * tail -f ends when a signal (Ctrl-C) ends it.
 */
#include "cmd.h"
#include "fileutil.h"
#include "textutil.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    tail - output the last part of files\n\n"
	"SYNOPSIS\n    tail [-fqv] [-s SECONDS] [-n [+]LINES | -c [+]BYTES | -LINES] [FILE...]\n\n"
	"DESCRIPTION\n"
	"    Writes the last 10 lines of each FILE (standard input when there is\n"
	"    none, or for -). With several files each is preceded by a header\n"
	"    \"==> FILE <==\".\n\n"
	"OPTIONS\n"
	"    -n LINES    the last LINES lines; -n +LINES: from line LINES on\n"
	"    -c BYTES    the last BYTES bytes; -c +BYTES: from byte BYTES on\n"
	"    -LINES      the same as -n LINES\n"
	"    -f          keep reading: print what is appended to the files\n"
	"    -s SECONDS  with -f, how long to wait between checks (default 1)\n"
	"    -q          never print headers\n"
	"    -v          always print headers\n\n"
	"EXIT STATUS\n"
	"    0, 1 if a file could not be read, 2 on a usage error. With -f tail\n"
	"    runs until a signal ends it.\n";

typedef struct {
	bool bytes;             /* count bytes, not lines */
	bool from_start;        /* +N: from the N-th on */
	uintmax_t count;
} tail_spec_t;

static void tail_write(const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, buf, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			cmd_die("write error: %s", strerror(errno));
		buf += w;
		n -= (size_t)w;
	}
}

/* Copies fd from its offset to its end; false after a read error. */
static bool tail_copy(int fd, const char *name)
{
	static char buf[65536];

	for (;;) {
		ssize_t got = read(fd, buf, sizeof(buf));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			cmd_error(name, errno);
			return false;
		}
		if (got == 0)
			return true;
		tail_write(buf, (size_t)got);
	}
}

/* The offset in buf[0..n) where its last count lines start. */
static size_t tail_lines_start(const char *buf, size_t n, uintmax_t count)
{
	size_t i = n;

	if (count == 0)
		return n;
	if (i > 0 && buf[i - 1] == '\n')
		i--;            /* the last line's own end */
	while (i > 0) {
		if (buf[i - 1] == '\n' && --count == 0)
			return i;
		i--;
	}
	return 0;
}

/* Skips the first count - 1 lines or bytes (the +N form); false on error. */
static bool tail_skip(int fd, const char *name, const tail_spec_t *spec)
{
	static char buf[65536];
	uintmax_t skip = spec->count > 0 ? spec->count - 1 : 0;

	while (skip > 0) {
		ssize_t got = read(fd, buf, sizeof(buf));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			cmd_error(name, errno);
			return false;
		}
		if (got == 0)
			return true;
		size_t i = 0;
		if (spec->bytes) {
			i = skip < (uintmax_t)got ? (size_t)skip : (size_t)got;
			skip -= i;
		} else {
			while (i < (size_t)got && skip > 0)
				if (buf[i++] == '\n')
					skip--;
		}
		tail_write(buf + i, (size_t)got - i);
	}
	return tail_copy(fd, name);
}

/* The last lines/bytes of a regular file, reading backwards from its end. */
static bool tail_seekable(int fd, const char *name, const tail_spec_t *spec, off_t end)
{
	static char buf[65536];
	off_t start = 0;

	if (spec->bytes) {
		start = (uintmax_t)end > spec->count ? end - (off_t)spec->count : 0;
	} else if (spec->count == 0) {
		start = end;
	} else {
		uintmax_t left = spec->count;
		off_t pos = end;
		bool last_byte = true;
		while (pos > 0) {
			size_t n = pos > (off_t)sizeof(buf) ? sizeof(buf) : (size_t)pos;
			pos -= (off_t)n;
			if (pread(fd, buf, n, pos) != (ssize_t)n) {
				cmd_error(name, errno ? errno : EIO);
				return false;
			}
			for (size_t i = n; i > 0; i--) {
				if (last_byte) {        /* the final line's own newline */
					last_byte = false;
					if (buf[i - 1] == '\n')
						continue;
				}
				if (buf[i - 1] == '\n' && --left == 0) {
					start = pos + (off_t)i;
					goto found;
				}
			}
		}
	}
found:
	if (lseek(fd, start, SEEK_SET) < 0) {
		cmd_error(name, errno);
		return false;
	}
	return tail_copy(fd, name);
}

/* The last lines/bytes of anything else, read to the end. */
static bool tail_stream(int fd, const char *name, const tail_spec_t *spec)
{
	size_t cap = 1 << 16, n = 0;
	char *buf = fileutil_alloc(cap);

	for (;;) {
		if (n == cap) {
			/* Drop what can no longer be in the answer before growing. */
			size_t keep = spec->bytes ? (spec->count < n ? n - (size_t)spec->count : 0)
						  : tail_lines_start(buf, n, spec->count + 1);
			if (keep > cap / 2) {
				memmove(buf, buf + keep, n - keep);
				n -= keep;
			} else {
				cap *= 2;
				buf = fileutil_realloc(buf, cap);
			}
		}
		ssize_t got = read(fd, buf + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			cmd_error(name, errno);
			free(buf);
			return false;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	size_t start = spec->bytes ? (spec->count < n ? n - (size_t)spec->count : 0)
				   : tail_lines_start(buf, n, spec->count);
	tail_write(buf + start, n - start);
	free(buf);
	return true;
}

static bool tail_fd(int fd, const char *name, const tail_spec_t *spec)
{
	struct stat st;

	if (spec->from_start)
		return tail_skip(fd, name, spec);
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		off_t end = lseek(fd, 0, SEEK_END);
		if (end >= 0)
			return tail_seekable(fd, name, spec, end);
	}
	return tail_stream(fd, name, spec);
}

typedef struct {
	int fd;
	const char *name;
	off_t offset;
} tail_followed_t;

/* Polls the files for ever, printing what is appended. */
static __attribute__((noreturn)) void tail_follow(tail_followed_t *files, int n, bool show,
						   double interval)
{
	static char buf[65536];
	int last = n - 1;       /* the file whose header was printed last */
	struct timespec ts = { (time_t)interval,
			       (long)((interval - floor(interval)) * 1e9) };

	for (;;) {
		nanosleep(&ts, NULL);
		for (int i = 0; i < n; i++) {
			struct stat st;
			if (files[i].fd < 0 || fstat(files[i].fd, &st) != 0)
				continue;
			if (S_ISREG(st.st_mode) && st.st_size < files[i].offset) {
				cmd_warn("%s: file truncated", files[i].name);
				files[i].offset = lseek(files[i].fd, 0, SEEK_SET);
			}
			ssize_t got;
			while ((got = read(files[i].fd, buf, sizeof(buf))) > 0) {
				if (show && last != i) {
					printf("\n==> %s <==\n", files[i].name);
					cmd_flush_stdout();
					last = i;
				}
				tail_write(buf, (size_t)got);
				files[i].offset += got;
			}
		}
	}
}

static void tail_parse_count(const char *arg, bool bytes, tail_spec_t *spec)
{
	spec->bytes = bytes;
	spec->from_start = *arg == '+';
	if (*arg == '+' || *arg == '-')
		arg++;
	if (!textutil_count(arg, UINTMAX_MAX, &spec->count))
		cmd_usage_error("invalid number of %s: '%s'", bytes ? "bytes" : "lines", arg);
}

int main(int argc, char **argv)
{
	tail_spec_t spec = { .count = 10 };
	bool follow = false;
	int headers = 0;
	double interval = 1;
	int c;

	cmd_start(argc, argv, help);
	if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
		tail_parse_count(argv[1] + 1, false, &spec);
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	while ((c = fileutil_option_next(argc, argv, "n:c:fqvs:")) != -1) {
		char *end;
		switch (c) {
		case 'n': case 'c':
			tail_parse_count(optarg, c == 'c', &spec);
			break;
		case 'f':
			follow = true;
			break;
		case 's':
			interval = strtod(optarg, &end);
			if (end == optarg || *end || !(interval >= 0) || interval > 1e6)
				cmd_usage_error("invalid number of seconds: '%s'", optarg);
			break;
		default:
			headers = c == 'q' ? -1 : 1;
		}
	}
	int nfiles = argc - optind;
	char *dash[] = { "-" };
	char **names = nfiles ? argv + optind : dash;
	if (!nfiles)
		nfiles = 1;
	bool show = headers > 0 || (headers == 0 && nfiles > 1);
	tail_followed_t *files = fileutil_alloc(sizeof(*files) * (size_t)nfiles);
	int printed = 0;
	for (int i = 0; i < nfiles; i++) {
		const char *name = names[i];
		bool is_stdin = strcmp(name, "-") == 0;
		files[i].fd = is_stdin ? STDIN_FILENO : open(name, O_RDONLY | O_CLOEXEC);
		files[i].name = is_stdin ? TEXTUTIL_STDIN_NAME : name;
		if (files[i].fd < 0) {
			cmd_error(name, errno);
			continue;
		}
		if (show)
			printf("%s==> %s <==\n", printed++ ? "\n" : "", files[i].name);
		cmd_flush_stdout();
		if (!tail_fd(files[i].fd, name, &spec)) {
			if (!is_stdin)
				close(files[i].fd);
			files[i].fd = -1;
			continue;
		}
		struct stat st;
		files[i].offset = lseek(files[i].fd, 0, SEEK_CUR);
		/* A pipe is not followed: it has ended. */
		if (fstat(files[i].fd, &st) == 0 && (S_ISFIFO(st.st_mode) || files[i].offset < 0)) {
			files[i].fd = -1;
			files[i].offset = 0;
		}
	}
	bool any = false;
	for (int i = 0; i < nfiles; i++)
		any |= files[i].fd >= 0;
	if (follow && any)
		tail_follow(files, nfiles, show, interval);
	free(files);
	cmd_flush_stdout();
	return cmd_status();
}
