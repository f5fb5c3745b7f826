// SPDX-License-Identifier: MIT
/*
 * Directory streams: readdir lists every entry once (with "." and ".."),
 * types where the file system gives them, rewinddir starts over,
 * telldir/seekdir return to a position, scandir filters and sorts, and
 * the errors of opendir.
 */
#include "utest.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NFILES 40

static char dir[64];

static bool make_tree(void)
{
	char p[128];

	strcpy(dir, "/tmp/dirent-XXXXXX");
	if (!mkdtemp(dir))
		return false;
	for (int i = 0; i < NFILES; i++) {
		snprintf(p, sizeof(p), "%s/file%02d", dir, i);
		int fd = open(p, O_WRONLY | O_CREAT, 0644);
		if (fd < 0)
			return false;
		close(fd);
	}
	snprintf(p, sizeof(p), "%s/subdir", dir);
	return mkdir(p, 0755) == 0;
}

static void remove_tree(void)
{
	char p[128];

	for (int i = 0; i < NFILES; i++) {
		snprintf(p, sizeof(p), "%s/file%02d", dir, i);
		unlink(p);
	}
	snprintf(p, sizeof(p), "%s/subdir", dir);
	rmdir(p);
	rmdir(dir);
}

/* Reads the whole stream: a bit per fileNN seen, and the others. */
static int scan(DIR *d, unsigned long long *files, int *dots, int *subdirs)
{
	struct dirent *e;
	int n = 0;

	*files = 0;
	*dots = *subdirs = 0;
	errno = 0;
	while ((e = readdir(d))) {
		int k;
		n++;
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			(*dots)++;
		else if (!strcmp(e->d_name, "subdir"))
			*subdirs += e->d_type == DT_DIR || e->d_type == DT_UNKNOWN;
		else if (sscanf(e->d_name, "file%d", &k) == 1 && k >= 0 && k < NFILES) {
			if (*files & (1ull << k))
				return -1;              /* listed twice */
			*files |= 1ull << k;
		}
	}
	return errno ? -1 : n;
}

TEST(readdir_lists_every_entry_once)
{
	unsigned long long files;
	int dots, subdirs;

	CHECK(make_tree());
	DIR *d = opendir(dir);
	CHECK(d != NULL);
	CHECK_EQ(scan(d, &files, &dots, &subdirs), NFILES + 3);
	CHECK_EQ(files, (1ull << NFILES) - 1);
	CHECK_EQ(dots, 2);
	CHECK_EQ(subdirs, 1);
	CHECK(readdir(d) == NULL);              /* stays at the end */
	rewinddir(d);
	CHECK_EQ(scan(d, &files, &dots, &subdirs), NFILES + 3);
	CHECK(dirfd(d) >= 0);
	CHECK_EQ(closedir(d), 0);
	remove_tree();
}

TEST(seekdir_returns_to_a_telldir_position)
{
	CHECK(make_tree());
	DIR *d = opendir(dir);
	CHECK(d != NULL);
	for (int i = 0; i < 5; i++)
		CHECK(readdir(d) != NULL);
	long pos = telldir(d);
	struct dirent *e = readdir(d);
	CHECK(e != NULL);
	char name[256];
	strcpy(name, e->d_name);
	for (int i = 0; i < 7; i++)
		readdir(d);
	seekdir(d, pos);
	e = readdir(d);
	CHECK(e != NULL);
	CHECK_STR(e->d_name, name);
	closedir(d);
	remove_tree();
}

static int only_files(const struct dirent *e)
{
	return strncmp(e->d_name, "file", 4) == 0;
}

TEST(scandir_filters_and_sorts)
{
	struct dirent **list;

	CHECK(make_tree());
	int n = scandir(dir, &list, only_files, alphasort);
	CHECK_EQ(n, NFILES);
	for (int i = 0; i < n; i++) {
		char want[16];
		snprintf(want, sizeof(want), "file%02d", i);
		CHECK_STR(list[i]->d_name, want);
	}
	for (int i = 0; i < n; i++)
		free(list[i]);
	free(list);
	remove_tree();
}

TEST(fdopendir_takes_over_a_descriptor)
{
	unsigned long long files;
	int dots, subdirs;

	CHECK(make_tree());
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	DIR *d = fdopendir(fd);
	CHECK(d != NULL);
	CHECK_EQ(dirfd(d), fd);
	CHECK_EQ(scan(d, &files, &dots, &subdirs), NFILES + 3);
	closedir(d);
	CHECK_ERRNO(close(fd), EBADF);          /* closedir closed it */
	remove_tree();
}

TEST(opendir_errors)
{
	char p[128];

	CHECK(make_tree());
	snprintf(p, sizeof(p), "%s/missing", dir);
	errno = 0;
	CHECK(opendir(p) == NULL);
	CHECK_EQ(errno, ENOENT);
	snprintf(p, sizeof(p), "%s/file00", dir);
	errno = 0;
	CHECK(opendir(p) == NULL);
	CHECK_EQ(errno, ENOTDIR);
	remove_tree();
}
