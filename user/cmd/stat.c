// SPDX-License-Identifier: MIT
/*
 * stat: everything stat(2) says about files, in Tessera's own layout
 * (close to GNU's default), or in a -c format of %-sequences. Symbolic
 * links are described themselves unless -L. Times are shown in local
 * time with nanoseconds and the zone's offset.
 */
#include "cmd.h"
#include "fileutil.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    stat - describe files\n\n"
	"SYNOPSIS\n    stat [-L] [-c FORMAT] FILE...\n\n"
	"DESCRIPTION\n"
	"    Writes, for each FILE: its name, size, blocks (of 512 bytes), the\n"
	"    file system's preferred I/O block, type, device, inode, links,\n"
	"    permissions (octal and as ls shows them), owner and group (id and\n"
	"    name), and access, modification and status-change times.\n\n"
	"OPTIONS\n"
	"    -L         describe what a symbolic link points to, not the link\n"
	"    -c FORMAT  write FORMAT and a newline for each FILE instead, with:\n"
	"               %n name           %N name, and -> target for a link\n"
	"               %s size           %b blocks      %B bytes per block (512)\n"
	"               %o I/O block      %f raw mode (hex)\n"
	"               %a mode (octal)   %A mode (as ls -l)\n"
	"               %F type           %i inode       %h links\n"
	"               %d device         %D device (hex)\n"
	"               %u uid  %U user name   %g gid  %G group name\n"
	"               %x %y %z access, modification, change time\n"
	"               %X %Y %Z the same in seconds since the Epoch\n"
	"               %% a percent sign\n"
	"               (no field widths; other characters are written as they are)\n\n"
	"EXIT STATUS\n"
	"    0 if every FILE was described, 1 otherwise, 2 on a usage error.\n";

static void stat_time(const struct timespec *ts)
{
	struct tm tm;
	char buf[64], zone[16];
	time_t t = ts->tv_sec;

	localtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
	strftime(zone, sizeof(zone), "%z", &tm);
	printf("%s.%09ld %s", buf, (long)ts->tv_nsec, zone);
}

static void stat_user(uid_t uid)
{
	const char *name = fileutil_user_name(uid);

	if (name)
		fputs(name, stdout);
	else
		printf("UNKNOWN");
}

static void stat_group(gid_t gid)
{
	const char *name = fileutil_group_name(gid);

	if (name)
		fputs(name, stdout);
	else
		printf("UNKNOWN");
}

/* The name, quoted, and " -> 'target'" for a symbolic link. */
static void stat_quoted_name(const char *path, const struct stat *st)
{
	printf("'%s'", path);
	if (!S_ISLNK(st->st_mode))
		return;
	char *target = fileutil_alloc((size_t)st->st_size + 2);
	ssize_t n = readlink(path, target, (size_t)st->st_size + 1);
	if (n >= 0) {
		target[n] = '\0';
		printf(" -> '%s'", target);
	}
	free(target);
}

/* One %-conversion of -c; false if c is not one. */
static bool stat_conversion(char c, const char *path, const struct stat *st)
{
	char mode[11];

	switch (c) {
	case 'n': fputs(path, stdout); break;
	case 'N': stat_quoted_name(path, st); break;
	case 's': printf("%lld", (long long)st->st_size); break;
	case 'b': printf("%lld", (long long)st->st_blocks); break;
	case 'B': printf("512"); break;
	case 'o': printf("%lld", (long long)st->st_blksize); break;
	case 'f': printf("%lx", (unsigned long)st->st_mode); break;
	case 'a': printf("%lo", (unsigned long)(st->st_mode & 07777)); break;
	case 'A': fileutil_mode_string(st->st_mode, mode); fputs(mode, stdout); break;
	case 'F': fputs(fileutil_type_name(st), stdout); break;
	case 'i': printf("%llu", (unsigned long long)st->st_ino); break;
	case 'h': printf("%llu", (unsigned long long)st->st_nlink); break;
	case 'd': printf("%llu", (unsigned long long)st->st_dev); break;
	case 'D': printf("%llx", (unsigned long long)st->st_dev); break;
	case 'u': printf("%lu", (unsigned long)st->st_uid); break;
	case 'U': stat_user(st->st_uid); break;
	case 'g': printf("%lu", (unsigned long)st->st_gid); break;
	case 'G': stat_group(st->st_gid); break;
	case 'x': stat_time(&st->st_atim); break;
	case 'y': stat_time(&st->st_mtim); break;
	case 'z': stat_time(&st->st_ctim); break;
	case 'X': printf("%lld", (long long)st->st_atim.tv_sec); break;
	case 'Y': printf("%lld", (long long)st->st_mtim.tv_sec); break;
	case 'Z': printf("%lld", (long long)st->st_ctim.tv_sec); break;
	case '%': putchar('%'); break;
	default: return false;
	}
	return true;
}

static void stat_format(const char *fmt, const char *path, const struct stat *st)
{
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			putchar(*p);
		} else if (p[1] == '\0') {
			putchar('%');
		} else if (!stat_conversion(p[1], path, st)) {
			putchar('%');       /* unknown: written as it is, like GNU's */
			putchar(*++p);
		} else {
			p++;
		}
	}
	putchar('\n');
}

static void stat_default(const char *path, const struct stat *st)
{
	char mode[11];

	fileutil_mode_string(st->st_mode, mode);
	printf("  File: ");
	stat_quoted_name(path, st);
	printf("\n  Size: %-10lld  Blocks: %-10lld IO Block: %-6lld %s\n",
	       (long long)st->st_size, (long long)st->st_blocks, (long long)st->st_blksize,
	       fileutil_type_name(st));
	printf("Device: %-10llu  Inode: %-11llu Links: %llu\n", (unsigned long long)st->st_dev,
	       (unsigned long long)st->st_ino, (unsigned long long)st->st_nlink);
	printf("Access: (%04lo/%s)  Uid: (%5lu/%8s)   Gid: (%5lu/%8s)\n",
	       (unsigned long)(st->st_mode & 07777), mode, (unsigned long)st->st_uid,
	       fileutil_user_name(st->st_uid) ? fileutil_user_name(st->st_uid) : "UNKNOWN",
	       (unsigned long)st->st_gid,
	       fileutil_group_name(st->st_gid) ? fileutil_group_name(st->st_gid) : "UNKNOWN");
	printf("Access: ");
	stat_time(&st->st_atim);
	printf("\nModify: ");
	stat_time(&st->st_mtim);
	printf("\nChange: ");
	stat_time(&st->st_ctim);
	putchar('\n');
}

int main(int argc, char **argv)
{
	bool follow = false;
	const char *format = NULL;
	int c;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "Lc:")) != -1) {
		if (c == 'L')
			follow = true;
		else
			format = optarg;
	}
	if (optind >= argc)
		cmd_usage_error("missing operand");
	for (int i = optind; i < argc; i++) {
		struct stat st;
		if ((follow ? stat(argv[i], &st) : lstat(argv[i], &st)) < 0) {
			cmd_error(argv[i], errno);
			continue;
		}
		if (format)
			stat_format(format, argv[i], &st);
		else
			stat_default(argv[i], &st);
	}
	cmd_flush_stdout();
	return cmd_status();
}
