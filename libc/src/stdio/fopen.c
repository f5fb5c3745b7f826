// SPDX-License-Identifier: MIT
/*
 * Opening streams on descriptors: fopen, fdopen, freopen, tmpfile and the
 * small calls on names (tmpnam, remove, ctermid).
 *
 * A mode is "r", "w" or "a", then any of '+' (read and write), 'b'
 * (nothing: there is no text translation), 'x' (O_EXCL: fail if the file
 * exists) and 'e' (O_CLOEXEC), in any order; other letters are ignored,
 * as glibc does with its own extensions. Files are created 0666 (less the
 * umask, in the file system's hands).
 *
 * freopen keeps the descriptor number: the new file is opened and then
 * moved onto the old descriptor with dup2, so freopen(path, "r", stdin)
 * leaves fileno(stdin) == 0 as programs expect. With a NULL path only the
 * mode changes: the access must be one the descriptor already allows
 * (else EBADF), append and close-on-exec follow the new mode, the
 * position stays and nothing is truncated.
 */
#include "stream.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int stdio_mode_flags(const char *mode)
{
	int flags;

	switch (mode[0]) {
	case 'r': flags = O_RDONLY; break;
	case 'w': flags = O_WRONLY | O_CREAT | O_TRUNC; break;
	case 'a': flags = O_WRONLY | O_CREAT | O_APPEND; break;
	default:
		errno = EINVAL;
		return -1;
	}
	for (const char *c = mode + 1; *c; c++) {
		if (*c == '+')
			flags = (flags & ~O_ACCMODE) | O_RDWR;
		else if (*c == 'x')
			flags |= O_EXCL;
		else if (*c == 'e')
			flags |= O_CLOEXEC;
	}
	return flags;
}

unsigned stdio_flags_for(int oflags)
{
	unsigned flags = 0;

	if ((oflags & O_ACCMODE) != O_WRONLY)
		flags |= STDIO_CAN_READ;
	if ((oflags & O_ACCMODE) != O_RDONLY)
		flags |= STDIO_CAN_WRITE;
	if (oflags & O_APPEND)
		flags |= STDIO_APPEND;
	return flags;
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
	int oflags = stdio_mode_flags(mode), fd;
	FILE *f;

	if (oflags < 0)
		return NULL;
	fd = open(path, oflags, 0666);
	if (fd < 0)
		return NULL;
	f = stdio_file_new(fd, stdio_flags_for(oflags), &stdio_fd_ops, NULL);
	if (!f) {
		close(fd);
		return NULL;
	}
	return f;
}

/* Makes descriptor fd fit mode: access allowed, append and cloexec set. */
static int stdio_fd_adapt(int fd, int oflags)
{
	int have = fcntl(fd, F_GETFL);
	int want = oflags & O_ACCMODE;

	if (have < 0)
		return -1;
	if ((want != O_RDONLY && (have & O_ACCMODE) == O_RDONLY) ||
	    (want != O_WRONLY && (have & O_ACCMODE) == O_WRONLY)) {
		errno = EINVAL;
		return -1;
	}
	if ((oflags & O_APPEND) && !(have & O_APPEND) &&
	    fcntl(fd, F_SETFL, have | O_APPEND) < 0)
		return -1;
	if ((oflags & O_CLOEXEC) && fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
		return -1;
	return 0;
}

FILE *fdopen(int fd, const char *mode)
{
	int oflags = stdio_mode_flags(mode);

	if (oflags < 0 || stdio_fd_adapt(fd, oflags) < 0)
		return NULL;
	return stdio_file_new(fd, stdio_flags_for(oflags), &stdio_fd_ops, NULL);
}

/* The descriptor for freopen(path): opened, then moved onto the old one. */
static int stdio_reopen_fd(FILE *f, const char *path, int oflags)
{
	int fd = open(path, oflags, 0666);

	if (fd < 0 || f->fd < 0 || fd == f->fd || f->ops != &stdio_fd_ops)
		return fd;
	if (dup2(fd, f->fd) < 0) {
		close(fd);
		return -1;
	}
	close(fd);
	if ((oflags & O_CLOEXEC) && fcntl(f->fd, F_SETFD, FD_CLOEXEC) < 0)
		return -1;
	return f->fd;
}

static void stdio_reset(FILE *f, int fd, int oflags)
{
	f->fd = fd;
	f->ops = &stdio_fd_ops;
	f->cookie = NULL;
	f->pid = 0;
	f->flags = (f->flags & (STDIO_OWN_BUF | STDIO_STATIC)) | stdio_flags_for(oflags);
	f->io = STDIO_IO_IDLE;
	f->rpos = f->rend = f->wpos = f->wend = NULL;
	f->saved_rpos = f->saved_rend = NULL;
}

FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f)
{
	int oflags = stdio_mode_flags(mode), fd;

	STDIO_LOCK(f);
	stdio_flush_locked(f);
	if (oflags < 0)
		goto fail;
	if (!path) {
		if (f->ops != &stdio_fd_ops || stdio_fd_adapt(f->fd, oflags) < 0) {
			if (errno == EINVAL)
				errno = EBADF;
			goto fail;
		}
		stdio_reset(f, f->fd, oflags);
		STDIO_UNLOCK(f);
		return f;
	}
	/* The old stream closes whether or not the new file opens. */
	if (f->ops != &stdio_fd_ops && f->ops->close)
		f->ops->close(f);
	fd = stdio_reopen_fd(f, path, oflags);
	if (fd < 0) {
		if (f->ops == &stdio_fd_ops && f->fd >= 0)
			close(f->fd);
		goto fail;
	}
	if (fd != f->fd && f->ops == &stdio_fd_ops && f->fd >= 0)
		close(f->fd);
	if (f->flags & STDIO_CLOSED)
		stdio_list_add(f);      /* a standard stream fclosed before */
	stdio_reset(f, fd, oflags);
	STDIO_UNLOCK(f);
	return f;
fail:
	f->lock.count = 1;
	STDIO_UNLOCK(f);
	stdio_file_free(f);
	return NULL;
}

/* A name in P_tmpdir that is unlikely to exist: pid, a counter, a clock. */
static void stdio_tmp_name(char *buf, size_t size, const char *prefix)
{
	static unsigned counter;
	unsigned n = __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
	unsigned long salt = (unsigned long)__builtin_ia32_rdtsc();
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	char tag[16];
	size_t i = 0;

	salt = salt * 31 + (unsigned long)getpid() * 65599 + n * 2654435761u;
	while (i < 10) {
		tag[i++] = digits[salt % 36];
		salt /= 36;
	}
	tag[i] = '\0';
	strcpy(buf, P_tmpdir "/");
	strncat(buf, prefix, size - sizeof(P_tmpdir "/") - sizeof(tag));
	strcat(buf, tag);
}

FILE *tmpfile(void)
{
	char name[L_tmpnam + 16];

	for (int tries = 0; tries < 100; tries++) {
		int fd;
		FILE *f;

		stdio_tmp_name(name, sizeof(name), "tmpf");
		fd = open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd < 0 && errno == EEXIST)
			continue;
		if (fd < 0)
			return NULL;
		/* Unnamed from now on: the file goes when the last descriptor does. */
		unlink(name);
		f = stdio_file_new(fd, STDIO_CAN_READ | STDIO_CAN_WRITE, &stdio_fd_ops, NULL);
		if (!f)
			close(fd);
		return f;
	}
	errno = EEXIST;
	return NULL;
}

char *tmpnam(char *s)
{
	static char name[L_tmpnam];
	char *buf = s ? s : name;

	for (int tries = 0; tries < 100; tries++) {
		int fd;

		stdio_tmp_name(buf, L_tmpnam, "tn");
		fd = open(buf, O_RDONLY);
		if (fd < 0)
			return buf;
		close(fd);
	}
	return NULL;
}

char *ctermid(char *s)
{
	static char name[L_ctermid];
	char *buf = s ? s : name;

	/* Tessera has no controlling-terminal name yet: POSIX allows "". */
	buf[0] = '\0';
	return buf;
}

/* unlink, or rmdir when the name is a directory (EISDIR, or POSIX's EPERM). */
int remove(const char *path)
{
	int err;

	if (unlink(path) == 0)
		return 0;
	err = errno;
	if (err != EISDIR && err != EPERM)
		return -1;
	if (rmdir(path) == 0)
		return 0;
	if (errno == ENOTDIR)
		errno = err;
	return -1;
}
