// SPDX-License-Identifier: MIT
/*
 * Error numbers shared by the kernel, the daemons and libc.
 *
 * One list, ERRNO_LIST, is the single source of truth: it generates the
 * enum here and, through the same macro, the name and message tables
 * (strerror, tracing). The values are Linux's, so that ported programs
 * and the benchmarks see familiar numbers. Kernel and daemons return
 * -errno; only libc stores into errno.
 */
#pragma once

#define ERRNO_LIST(X)                                         \
	X(EPERM, 1, "Operation not permitted")                \
	X(ENOENT, 2, "No such file or directory")             \
	X(ESRCH, 3, "No such process")                        \
	X(EINTR, 4, "Interrupted system call")                \
	X(EIO, 5, "Input/output error")                       \
	X(ENXIO, 6, "No such device or address")              \
	X(E2BIG, 7, "Argument list too long")                 \
	X(ENOEXEC, 8, "Exec format error")                    \
	X(EBADF, 9, "Bad file descriptor")                    \
	X(ECHILD, 10, "No child processes")                   \
	X(EAGAIN, 11, "Resource temporarily unavailable")     \
	X(ENOMEM, 12, "Cannot allocate memory")               \
	X(EACCES, 13, "Permission denied")                    \
	X(EFAULT, 14, "Bad address")                          \
	X(EBUSY, 16, "Device or resource busy")               \
	X(EEXIST, 17, "File exists")                          \
	X(EXDEV, 18, "Invalid cross-device link")             \
	X(ENODEV, 19, "No such device")                       \
	X(ENOTDIR, 20, "Not a directory")                     \
	X(EISDIR, 21, "Is a directory")                       \
	X(EINVAL, 22, "Invalid argument")                     \
	X(ENFILE, 23, "Too many open files in system")        \
	X(EMFILE, 24, "Too many open files")                  \
	X(ENOTTY, 25, "Inappropriate ioctl for device")       \
	X(EFBIG, 27, "File too large")                        \
	X(ENOSPC, 28, "No space left on device")              \
	X(ESPIPE, 29, "Illegal seek")                         \
	X(EROFS, 30, "Read-only file system")                 \
	X(EMLINK, 31, "Too many links")                       \
	X(EPIPE, 32, "Broken pipe")                           \
	X(EDOM, 33, "Numerical argument out of domain")       \
	X(ERANGE, 34, "Numerical result out of range")        \
	X(EDEADLK, 35, "Resource deadlock avoided")           \
	X(ENAMETOOLONG, 36, "File name too long")             \
	X(ENOSYS, 38, "Function not implemented")             \
	X(ENOTEMPTY, 39, "Directory not empty")               \
	X(ELOOP, 40, "Too many levels of symbolic links")     \
	X(EOVERFLOW, 75, "Value too large for defined data type") \
	X(EMSGSIZE, 90, "Message too long")                   \
	X(EOPNOTSUPP, 95, "Operation not supported")          \
	X(EADDRINUSE, 98, "Address already in use")           \
	X(ECONNRESET, 104, "Connection reset by peer")        \
	X(ENOTCONN, 107, "Transport endpoint is not connected") \
	X(ETIMEDOUT, 110, "Connection timed out")             \
	X(ECONNREFUSED, 111, "Connection refused")

enum errno_value {
#define ERRNO_ENUM(name, value, message) name = value,
	ERRNO_LIST(ERRNO_ENUM)
#undef ERRNO_ENUM
};
