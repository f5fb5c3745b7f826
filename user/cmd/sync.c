// SPDX-License-Identifier: MIT
/*
 * sync: write what the system holds in memory out to storage. Without
 * operands it calls sync(); with files it fsyncs each, opened for
 * reading. libc's sync() fsyncs the root, which on a disk (ext2fsd)
 * writes back the whole file system and returns when it is on the disk;
 * on the RAM file system there is nothing to write.
 */
#include "cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    sync - write buffered data to storage\n\n"
	"SYNOPSIS\n    sync [file...]\n\n"
	"DESCRIPTION\n"
	"    Without operands, asks the system to write every modified buffer to\n"
	"    storage (sync()). With files, writes each file's data and metadata\n"
	"    (fsync()). On a disk the root's file system daemon writes back the\n"
	"    whole file system either way, and sync returns when it is written;\n"
	"    the RAM file system has nothing to write.\n\n"
	"EXIT STATUS\n"
	"    0, 1 if a file could not be opened or synced, 2 on a usage error.\n";

static void sync_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0) {
		cmd_error(path, errno);
		return;
	}
	if (fsync(fd) < 0)
		cmd_error(path, errno);
	close(fd);
}

int main(int argc, char **argv)
{
	int opt;

	cmd_start(argc, argv, help);
	opterr = 0;
	while ((opt = getopt(argc, argv, "")) != -1)
		cmd_usage_error("invalid option -- '%c'", optopt);
	if (optind == argc) {
		sync();
		return 0;
	}
	for (int i = optind; i < argc; i++)
		sync_file(argv[i]);
	return cmd_status();
}
