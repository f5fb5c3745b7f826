// SPDX-License-Identifier: MIT
/*
 * statvfs and fstatvfs. The kernel's call works on a descriptor, so
 * statvfs opens the path (O_PATH would do, but not every scheme knows
 * it: a read-only open, then O_DIRECTORY for directories), asks, and
 * closes. The record is copied field by field into struct statvfs.
 */
#include "../libc.h"

#include <abi/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/statvfs.h>
#include <tessera/syscall.h>
#include <unistd.h>

int fstatvfs(int fd, struct statvfs *buf)
{
	abi_statvfs_t k;
	long r = sys_fstatvfs(fd, (long)&k);

	if (r < 0)
		return (int)__syscall_ret(r);
	*buf = (struct statvfs){
		.f_bsize = k.bsize, .f_frsize = k.frsize ? k.frsize : k.bsize,
		.f_blocks = k.blocks, .f_bfree = k.bfree, .f_bavail = k.bavail,
		.f_files = k.files, .f_ffree = k.ffree, .f_favail = k.favail,
		.f_fsid = k.fsid, .f_flag = k.flag, .f_namemax = k.namemax,
	};
	return 0;
}

int statvfs(const char *restrict path, struct statvfs *restrict buf)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 && errno == EISDIR)
		fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int r = fstatvfs(fd, buf);
	int err = errno;
	close(fd);
	errno = err;
	return r;
}
