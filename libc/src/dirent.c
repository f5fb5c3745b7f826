// SPDX-License-Identifier: MIT
/*
 * Directory streams: see <dirent.h>. A DIR is one allocation — the
 * descriptor, the records buffer and the struct dirent readdir returns
 * (so each DIR's entry stays valid until its next readdir, as POSIX
 * asks). The kernel's records are 8-byte aligned abi_dirent_t with a
 * NUL-terminated name; a record whose reclen does not fit what is left
 * of the buffer ends that buffer (a defensive stop, not an error).
 */
#include "libc.h"

#include <abi/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tessera/syscall.h>
#include <unistd.h>

#define DIR_BUF_SIZE 4096
/* The smallest record: the fixed part and a name's NUL (the name starts
 * at offset 11, inside sizeof(abi_dirent_t)'s padding). */
#define DIR_REC_MIN (offsetof(abi_dirent_t, name) + 1)

struct libc_dir {
	int fd;
	size_t pos, len;        /* the next record; bytes in buf */
	long index;             /* entries returned since the start */
	struct dirent entry;
	_Alignas(8) unsigned char buf[DIR_BUF_SIZE];
};

DIR *fdopendir(int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return NULL;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return NULL;
	}
	DIR *dir = calloc(1, sizeof(*dir));
	if (!dir)
		return NULL;
	dir->fd = fd;
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	return dir;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	DIR *dir = fdopendir(fd);
	if (!dir) {
		int saved = errno;
		close(fd);
		errno = saved;
	}
	return dir;
}

static int dir_refill(DIR *dir)
{
	long n = sys_getdents(dir->fd, (long)dir->buf, sizeof(dir->buf));

	if (n < 0) {
		errno = (int)-n;
		return -1;
	}
	dir->pos = 0;
	dir->len = (size_t)n;
	return 0;
}

/* The next record, or NULL at the end (errno unchanged) or on error. */
static const abi_dirent_t *dir_next(DIR *dir)
{
	if (dir->pos >= dir->len && (dir_refill(dir) < 0 || dir->len == 0))
		return NULL;
	const abi_dirent_t *d = (const abi_dirent_t *)(dir->buf + dir->pos);
	size_t left = dir->len - dir->pos;
	if (left < DIR_REC_MIN || d->reclen < DIR_REC_MIN || d->reclen > left) {
		dir->pos = dir->len;
		return NULL;
	}
	dir->pos += d->reclen;
	return d;
}

struct dirent *readdir(DIR *dir)
{
	const abi_dirent_t *d = dir_next(dir);

	if (!d)
		return NULL;
	size_t max = d->reclen - offsetof(abi_dirent_t, name);
	size_t len = strnlen(d->name, max < sizeof(dir->entry.d_name) ? max
								     : sizeof(dir->entry.d_name) - 1);
	dir->entry.d_ino = d->ino;
	dir->entry.d_off = ++dir->index;
	dir->entry.d_reclen = sizeof(dir->entry);
	dir->entry.d_type = d->type;
	memcpy(dir->entry.d_name, d->name, len);
	dir->entry.d_name[len] = '\0';
	return &dir->entry;
}

int readdir_r(DIR *restrict dir, struct dirent *restrict entry, struct dirent **restrict result)
{
	int saved = errno;

	errno = 0;
	struct dirent *d = readdir(dir);
	int err = errno;
	errno = saved;
	if (!d) {
		*result = NULL;
		return err;
	}
	*entry = *d;
	*result = entry;
	return 0;
}

int closedir(DIR *dir)
{
	int r = close(dir->fd);

	free(dir);
	return r;
}

void rewinddir(DIR *dir)
{
	lseek(dir->fd, 0, SEEK_SET);
	dir->pos = dir->len = 0;
	dir->index = 0;
}

long telldir(DIR *dir)
{
	return dir->index;
}

void seekdir(DIR *dir, long pos)
{
	rewinddir(dir);
	while (dir->index < pos && readdir(dir))
		;
}

int dirfd(DIR *dir)
{
	return dir->fd;
}

ssize_t posix_getdents(int fd, void *buf, size_t size, int flags)
{
	if (flags) {
		errno = EINVAL;
		return -1;
	}
	return (ssize_t)__syscall_ret(sys_getdents(fd, (long)buf, (long)size));
}

int alphasort(const struct dirent **a, const struct dirent **b)
{
	return strcoll((*a)->d_name, (*b)->d_name);
}

static void dir_list_free(struct dirent **list, size_t n)
{
	while (n)
		free(list[--n]);
	free(list);
}

int scandir(const char *path, struct dirent ***out, int (*filter)(const struct dirent *),
	    int (*compare)(const struct dirent **, const struct dirent **))
{
	DIR *dir = opendir(path);
	struct dirent **list = NULL, *d;
	size_t n = 0, cap = 0;

	if (!dir)
		return -1;
	errno = 0;
	while ((d = readdir(dir))) {
		if (filter && !filter(d))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			struct dirent **bigger = realloc(list, cap * sizeof(*list));
			if (!bigger)
				goto fail;
			list = bigger;
		}
		if (!(list[n] = malloc(sizeof(*d))))
			goto fail;
		*list[n++] = *d;
	}
	if (errno)
		goto fail;
	closedir(dir);
	if (compare && n > 1)
		qsort(list, n, sizeof(*list), (int (*)(const void *, const void *))compare);
	*out = list;
	return (int)n;
fail:
	{
		int saved = errno ? errno : ENOMEM;
		dir_list_free(list, n);
		closedir(dir);
		errno = saved;
	}
	return -1;
}
