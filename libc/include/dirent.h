// SPDX-License-Identifier: MIT
/*
 * Directory streams (POSIX <dirent.h>) over the kernel's getdents, which
 * fills a buffer with abi_dirent_t records from the directory's scheme.
 * A DIR holds the descriptor and one buffer of records; readdir hands
 * them out one by one as struct dirent, refilling when the buffer runs
 * out. telldir/seekdir count entries from the start (seekdir rewinds and
 * skips), since the daemons' directory offsets are private to them.
 */
#pragma once

#include <sys/types.h>

#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12

struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];
};

typedef struct libc_dir DIR;

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *dir);
int readdir_r(DIR *restrict dir, struct dirent *restrict entry, struct dirent **restrict result);
int closedir(DIR *dir);
void rewinddir(DIR *dir);
long telldir(DIR *dir);
void seekdir(DIR *dir, long pos);
int dirfd(DIR *dir);
int scandir(const char *path, struct dirent ***list, int (*filter)(const struct dirent *),
	    int (*compare)(const struct dirent **, const struct dirent **));
int alphasort(const struct dirent **a, const struct dirent **b);
ssize_t posix_getdents(int fd, void *buf, size_t size, int flags);
