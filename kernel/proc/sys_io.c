// SPDX-License-Identifier: MIT
/*
 * The console as descriptors 0, 1 and 2 of every process. This is the
 * interim I/O path until the schemes issue brings real descriptor tables
 * (and `debug:`): writes to 1 and 2 go to the kernel's consoles, reads
 * from 0 see end-of-file, every other descriptor is EBADF.
 */
#include <syscall.h>

#include <abi/errno.h>
#include <arch/layout.h>
#include <log.h>
#include <uaccess.h>

#define CONSOLE_CHUNK 256

long sys_write(const syscall_args_t *a)
{
	uint64_t fd = a->a[0], buf = a->a[1], len = a->a[2];
	char chunk[CONSOLE_CHUNK];
	uint64_t done = 0;

	if (fd != 1 && fd != 2)
		return -EBADF;
	if (buf + len < buf || buf + len > USER_TOP)
		return -EFAULT;
	if (len > 0x7fffffff)
		len = 0x7fffffff;
	while (done < len) {
		uint64_t n = len - done < CONSOLE_CHUNK ? len - done : CONSOLE_CHUNK;
		if (copy_from_user(chunk, uptr(buf + done), n))
			return done ? (long)done : -EFAULT;
		console_write(chunk, n);
		done += n;
	}
	return (long)done;
}

long sys_read(const syscall_args_t *a)
{
	if (a->a[0] != 0)
		return -EBADF;
	if (a->a[2] && copy_to_user(uptr(a->a[1]), "", 0))
		return -EFAULT;
	return 0;
}

long sys_close(const syscall_args_t *a)
{
	return a->a[0] <= 2 ? 0 : -EBADF;
}
