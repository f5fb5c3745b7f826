// SPDX-License-Identifier: MIT
/*
 * readv, writev, preadv, pwritev without vector system calls.
 *
 * A vector of up to UIO_GATHER_MAX bytes in all goes through one buffer
 * (on the stack when small) and one read or write, so a writev to a pipe
 * is as atomic as a write of the same size and a readv takes one message
 * from a message socket. Larger vectors go element by element and stop
 * at the first short transfer, returning what was done (an error after
 * progress is reported by the next call, as with a short write).
 *
 * The positioned forms use pread/pwrite with the offset advanced by what
 * each step moved.
 */
#include "../libc.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#define UIO_GATHER_MAX (64 * 1024)
#define UIO_STACK      4096

/* The total length, or -1 and EINVAL for a bad count or an overflow. */
static ssize_t uio_total(const struct iovec *iov, int iovcnt)
{
	size_t total = 0;

	if (iovcnt < 0 || iovcnt > IOV_MAX)
		return (ssize_t)__syscall_ret(-EINVAL);
	for (int i = 0; i < iovcnt; i++) {
		if (iov[i].iov_len > (size_t)SSIZE_MAX - total)
			return (ssize_t)__syscall_ret(-EINVAL);
		total += iov[i].iov_len;
	}
	return (ssize_t)total;
}

/* One transfer at `off` (-1: the file's own offset). */
static ssize_t uio_step(int fd, void *buf, size_t len, off_t off, int writing)
{
	if (writing)
		return off < 0 ? write(fd, buf, len) : pwrite(fd, buf, len, off);
	return off < 0 ? read(fd, buf, len) : pread(fd, buf, len, off);
}

static ssize_t uio_gathered(int fd, const struct iovec *iov, int iovcnt, size_t total,
			    off_t off, int writing)
{
	char stack[UIO_STACK], *buf = stack, *p;
	ssize_t n;

	if (total > sizeof(stack) && !(buf = malloc(total)))
		return (ssize_t)__syscall_ret(-ENOMEM);
	p = buf;
	if (writing) {
		for (int i = 0; i < iovcnt; p += iov[i].iov_len, i++)
			memcpy(p, iov[i].iov_base, iov[i].iov_len);
	}
	n = uio_step(fd, buf, total, off, writing);
	if (!writing && n > 0) {
		size_t left = (size_t)n;
		p = buf;
		for (int i = 0; i < iovcnt && left; i++) {
			size_t k = iov[i].iov_len < left ? iov[i].iov_len : left;
			memcpy(iov[i].iov_base, p, k);
			p += k;
			left -= k;
		}
	}
	if (buf != stack) {
		int err = errno;
		free(buf);
		errno = err;
	}
	return n;
}

static ssize_t uio_each(int fd, const struct iovec *iov, int iovcnt, off_t off, int writing)
{
	ssize_t done = 0;

	for (int i = 0; i < iovcnt; i++) {
		if (!iov[i].iov_len)
			continue;
		ssize_t n = uio_step(fd, iov[i].iov_base, iov[i].iov_len,
				     off < 0 ? off : off + done, writing);
		if (n < 0)
			return done ? done : -1;
		done += n;
		if ((size_t)n < iov[i].iov_len)
			break;
	}
	return done;
}

static ssize_t uio_transfer(int fd, const struct iovec *iov, int iovcnt, off_t off,
			    int writing)
{
	ssize_t total = uio_total(iov, iovcnt);

	if (total < 0)
		return -1;
	if (iovcnt == 1)
		return uio_step(fd, iov[0].iov_base, iov[0].iov_len, off, writing);
	if (total <= UIO_GATHER_MAX)
		return uio_gathered(fd, iov, iovcnt, (size_t)total, off, writing);
	return uio_each(fd, iov, iovcnt, off, writing);
}

ssize_t readv(int fd, const struct iovec *iov, int iovcnt)
{
	return uio_transfer(fd, iov, iovcnt, -1, 0);
}

ssize_t writev(int fd, const struct iovec *iov, int iovcnt)
{
	return uio_transfer(fd, iov, iovcnt, -1, 1);
}

ssize_t preadv(int fd, const struct iovec *iov, int iovcnt, off_t offset)
{
	if (offset < 0)
		return (ssize_t)__syscall_ret(-EINVAL);
	return uio_transfer(fd, iov, iovcnt, offset, 0);
}

ssize_t pwritev(int fd, const struct iovec *iov, int iovcnt, off_t offset)
{
	if (offset < 0)
		return (ssize_t)__syscall_ret(-EINVAL);
	return uio_transfer(fd, iov, iovcnt, offset, 1);
}
