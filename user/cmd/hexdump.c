// SPDX-License-Identifier: MIT
/*
 * hexdump: shows files (read as one stream) in hexadecimal, 16 bytes a
 * line, in one of three layouts that match util-linux's hexdump:
 *
 *   -C       00000000  68 65 6c 6c 6f 0a                 |hello.|
 *   default  0000000 6568 6c6c 0a6f            (16-bit words, little endian)
 *   -x       0000000    6568    6c6c    0a6f
 *
 * A run of lines equal to the one before is shown as one "*" (unless -v),
 * and the last line is the offset just past the data. -s skips by seeking
 * when the input can, else by reading.
 */
#include "cmd.h"
#include "fileutil.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    hexdump - display file contents in hexadecimal\n\n"
	"SYNOPSIS\n    hexdump [-C | -x] [-v] [-n LENGTH] [-s OFFSET] [FILE...]\n\n"
	"DESCRIPTION\n"
	"    Shows the FILEs (standard input when there is none), taken as one\n"
	"    stream, 16 bytes a line after their offset. By default the bytes\n"
	"    are shown as 16-bit little-endian words in hex. Lines equal to the\n"
	"    one before are shown once as \"*\".\n\n"
	"OPTIONS\n"
	"    -C         canonical: hex bytes and the printable characters\n"
	"    -x         16-bit words in hex, in wider columns\n"
	"    -v         show every line, even repeated ones\n"
	"    -n LENGTH  show only LENGTH bytes\n"
	"    -s OFFSET  skip OFFSET bytes first\n"
	"    LENGTH and OFFSET may be decimal, 0x hex or 0 octal, with a\n"
	"    suffix b (512), k (1024) or m (1048576).\n\n"
	"EXIT STATUS\n    0, 1 if a file could not be read, 2 on a usage error.\n";

typedef enum { HD_DEFAULT, HD_CANONICAL, HD_WORDS } hd_format_t;

typedef struct {
	hd_format_t format;
	bool all;               /* -v */
	unsigned char line[16], prev[16];
	size_t fill;            /* bytes in line */
	uintmax_t offset;       /* of line[0] */
	bool have_prev, starred;
} hd_t;

static void hd_line(hd_t *h)
{
	const unsigned char *b = h->line;
	size_t n = h->fill;

	if (!h->all && h->have_prev && n == 16 && memcmp(b, h->prev, 16) == 0) {
		if (!h->starred)
			puts("*");
		h->starred = true;
		return;
	}
	h->starred = false;
	if (h->format == HD_CANONICAL) {
		printf("%08jx ", h->offset);
		for (size_t i = 0; i < 16; i++) {
			if (i == 8)
				putchar(' ');
			if (i < n)
				printf(" %02x", b[i]);
			else
				fputs("   ", stdout);
		}
		fputs("  |", stdout);
		for (size_t i = 0; i < n; i++)
			putchar(b[i] >= 0x20 && b[i] < 0x7f ? b[i] : '.');
		puts("|");
	} else {
		int len = printf("%07jx", h->offset);
		for (size_t i = 0; i < n; i += 2) {
			unsigned word = b[i] | (i + 1 < n ? (unsigned)b[i + 1] << 8 : 0);
			len += printf(h->format == HD_WORDS ? "    %04x" : " %04x", word);
		}
		printf("%*s\n", (h->format == HD_WORDS ? 71 : 47) - len, "");
	}
	memcpy(h->prev, b, 16);
	h->have_prev = true;
}

static void hd_bytes(hd_t *h, const unsigned char *p, size_t n)
{
	while (n > 0) {
		size_t take = 16 - h->fill < n ? 16 - h->fill : n;
		memcpy(h->line + h->fill, p, take);
		h->fill += take;
		p += take;
		n -= take;
		if (h->fill == 16) {
			hd_line(h);
			h->offset += 16;
			h->fill = 0;
		}
	}
}

/* A LENGTH or OFFSET: C-style base and an optional b/k/m suffix. */
static uintmax_t hd_number(const char *arg)
{
	char *end;
	uintmax_t mult = 1;

	errno = 0;
	uintmax_t v = strtoumax(arg, &end, 0);
	if (end == arg || errno || *arg == '-')
		cmd_usage_error("invalid number '%s'", arg);
	if (*end == 'b')
		mult = 512;
	else if (*end == 'k')
		mult = 1024;
	else if (*end == 'm')
		mult = 1024 * 1024;
	if ((mult > 1 && end[1]) || (mult == 1 && *end))
		cmd_usage_error("invalid number '%s'", arg);
	if (v > UINTMAX_MAX / mult)
		cmd_usage_error("invalid number '%s'", arg);
	return v * mult;
}

/* Skips up to *skip bytes of fd, by seeking a regular file. */
static void hd_seek(int fd, uintmax_t *skip)
{
	struct stat st;

	if (*skip == 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	off_t here = lseek(fd, 0, SEEK_CUR);
	if (here < 0 || here > st.st_size)
		return;
	uintmax_t left = (uintmax_t)(st.st_size - here);
	uintmax_t step = *skip < left ? *skip : left;
	if (lseek(fd, (off_t)step, SEEK_CUR) >= 0)
		*skip -= step;
}

/* Dumps fd; *skip and *limit (UINTMAX_MAX: none) are consumed. */
static void hd_fd(hd_t *h, int fd, const char *name, uintmax_t *skip, uintmax_t *limit)
{
	static unsigned char buf[65536];

	hd_seek(fd, skip);
	while (*limit > 0) {
		ssize_t got = read(fd, buf, sizeof(buf));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			cmd_error(name, errno);
			return;
		}
		if (got == 0)
			return;
		size_t start = 0, n = (size_t)got;
		if (*skip > 0) {
			start = *skip < n ? (size_t)*skip : n;
			*skip -= start;
			n -= start;
		}
		if (n > *limit)
			n = (size_t)*limit;
		if (*limit != UINTMAX_MAX)
			*limit -= n;
		hd_bytes(h, buf + start, n);
	}
}

int main(int argc, char **argv)
{
	hd_t h = { .format = HD_DEFAULT };
	uintmax_t skip = 0, limit = UINTMAX_MAX;
	int c;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "Cxvn:s:")) != -1) {
		switch (c) {
		case 'C': h.format = HD_CANONICAL; break;
		case 'x': h.format = HD_WORDS; break;
		case 'v': h.all = true; break;
		case 'n': limit = hd_number(optarg); break;
		case 's': skip = hd_number(optarg); break;
		}
	}
	h.offset = skip;
	uintmax_t to_skip = skip;
	if (optind == argc)
		hd_fd(&h, STDIN_FILENO, "-", &to_skip, &limit);
	for (int i = optind; i < argc && limit > 0; i++) {
		int fd = strcmp(argv[i], "-") == 0 ? STDIN_FILENO : open(argv[i], O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			cmd_error(argv[i], errno);
			continue;
		}
		hd_fd(&h, fd, argv[i], &to_skip, &limit);
		if (fd != STDIN_FILENO)
			close(fd);
	}
	if (h.fill > 0) {
		hd_line(&h);
		h.offset += h.fill;
	}
	/* The end offset: skipped bytes that were never there do not count. */
	if (h.offset > skip || (h.have_prev || h.starred))
		printf(h.format == HD_CANONICAL ? "%08jx\n" : "%07jx\n", h.offset);
	cmd_flush_stdout();
	return cmd_status();
}
