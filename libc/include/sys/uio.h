// SPDX-License-Identifier: MIT
/*
 * Vector I/O (POSIX <sys/uio.h>), plus Linux's preadv/pwritev. There is
 * no vector system call: libc/src/io/uio.c gathers into one buffer so
 * that one writev is one write (and one readv one read) whenever the
 * total is at most 64 KiB.
 */
#pragma once

#include <stddef.h>
#include <sys/types.h>

#define IOV_MAX   1024
#define UIO_MAXIOV IOV_MAX

struct iovec {
	void *iov_base;
	size_t iov_len;
};

ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);
ssize_t preadv(int fd, const struct iovec *iov, int iovcnt, off_t offset);
ssize_t pwritev(int fd, const struct iovec *iov, int iovcnt, off_t offset);
