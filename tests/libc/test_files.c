// SPDX-License-Identifier: MIT
/*
 * Files by name: stat and lstat, chmod, mkdir and rmdir, link, symlink
 * and readlink, access, truncate, rename, the working directory with
 * relative paths, and the *at calls. Everything happens in a fresh
 * directory under /tmp (made with mkdtemp), which each test removes.
 */
#include "utest.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static char dir[64];

/* A fresh directory; its path in dir. */
static bool fresh_dir(void)
{
	strcpy(dir, "/tmp/files-XXXXXX");
	return mkdtemp(dir) != NULL;
}

static void path_in(char *out, const char *name)
{
	snprintf(out, PATH_MAX, "%s/%s", dir, name);
}

static bool write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0)
		return false;
	bool ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	return close(fd) == 0 && ok;
}

/* Removes dir and what the tests put in it (one level, plus sub/). */
static void remove_dir(void)
{
	static const char *const names[] = { "a", "b", "c", "link", "dangling", "sub/x", "sub",
					     "hard", "ro", "t" };
	char p[PATH_MAX];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		path_in(p, names[i]);
		if (unlink(p) < 0)
			rmdir(p);
	}
	rmdir(dir);
}

TEST(stat_reports_type_size_and_mode)
{
	char a[PATH_MAX];
	struct stat st;

	CHECK(fresh_dir());
	path_in(a, "a");
	umask(022);
	CHECK(write_file(a, "hello", 0664));
	CHECK_EQ(stat(a, &st), 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, 0644);     /* umask 022 took the group's w */
	CHECK_EQ(st.st_size, 5);
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(st.st_uid, getuid());
	CHECK(st.st_mtim.tv_nsec >= 0 && st.st_mtim.tv_nsec < 1000000000);
	CHECK_EQ(stat(dir, &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	remove_dir();
}

TEST(stat_of_missing_paths_fails)
{
	char p[PATH_MAX];
	struct stat st;

	CHECK(fresh_dir());
	path_in(p, "nothing");
	CHECK_ERRNO(stat(p, &st), ENOENT);
	path_in(p, "nothing/below");
	CHECK_ERRNO(stat(p, &st), ENOENT);
	CHECK_ERRNO(stat("", &st), ENOENT);
	remove_dir();
}

TEST(a_file_is_not_a_directory)
{
	char a[PATH_MAX], p[PATH_MAX];
	struct stat st;

	CHECK(fresh_dir());
	path_in(a, "a");
	CHECK(write_file(a, "x", 0644));
	path_in(p, "a/b");
	CHECK_ERRNO(stat(p, &st), ENOTDIR);
	CHECK_ERRNO(open(a, O_RDONLY | O_DIRECTORY), ENOTDIR);
	path_in(p, "a/");
	CHECK_ERRNO(stat(p, &st), ENOTDIR);     /* a trailing '/' means a directory */
	CHECK_ERRNO(open(p, O_RDONLY), ENOTDIR);
	path_in(p, "a/.");
	CHECK_ERRNO(stat(p, &st), ENOTDIR);
	CHECK_ERRNO(mkdir(p, 0755), ENOTDIR);
	remove_dir();
}

TEST(chmod_changes_the_mode_bits)
{
	char a[PATH_MAX];
	struct stat st;

	CHECK(fresh_dir());
	path_in(a, "a");
	CHECK(write_file(a, "x", 0644));
	CHECK_EQ(chmod(a, 0600), 0);
	CHECK_EQ(stat(a, &st), 0);
	CHECK_EQ(st.st_mode & 07777, 0600);
	CHECK_EQ(chmod(a, 04755), 0);
	CHECK_EQ(stat(a, &st), 0);
	CHECK_EQ(st.st_mode & 07777, 04755);
	CHECK(S_ISREG(st.st_mode));
	remove_dir();
}

TEST(mkdir_and_rmdir)
{
	char sub[PATH_MAX], x[PATH_MAX];
	struct stat st;

	CHECK(fresh_dir());
	path_in(sub, "sub");
	CHECK_EQ(mkdir(sub, 0750), 0);
	CHECK_EQ(stat(sub, &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(st.st_mode & 0777, 0750 & ~022);
	CHECK_ERRNO(mkdir(sub, 0755), EEXIST);
	path_in(x, "sub/x");
	CHECK(write_file(x, "x", 0644));
	CHECK_ERRNO(rmdir(sub), ENOTEMPTY);
	CHECK_ERRNO(rmdir(x), ENOTDIR);
	CHECK_ERRNO(unlink(sub), EISDIR);
	CHECK_EQ(unlink(x), 0);
	CHECK_EQ(rmdir(sub), 0);
	CHECK_ERRNO(stat(sub, &st), ENOENT);
	remove_dir();
}

TEST(symlinks_resolve_and_readlink_reads_them)
{
	char a[PATH_MAX], link[PATH_MAX], dangling[PATH_MAX], buf[64];
	struct stat st;

	CHECK(fresh_dir());
	path_in(a, "a");
	path_in(link, "link");
	path_in(dangling, "dangling");
	CHECK(write_file(a, "target!", 0644));
	CHECK_EQ(symlink("a", link), 0);
	CHECK_ERRNO(symlink("a", link), EEXIST);
	CHECK_EQ(stat(link, &st), 0);           /* follows: the file */
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_size, 7);
	CHECK_EQ(lstat(link, &st), 0);          /* the link itself */
	CHECK(S_ISLNK(st.st_mode));
	CHECK_EQ(st.st_size, 1);
	memset(buf, 'z', sizeof(buf));
	CHECK_EQ(readlink(link, buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], 'a');
	CHECK_EQ(buf[1], 'z');                  /* readlink adds no NUL */
	CHECK_ERRNO(readlink(a, buf, sizeof(buf)), EINVAL);
	int fd = open(link, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 7);
	close(fd);
	CHECK_ERRNO(open(link, O_RDONLY | O_NOFOLLOW), ELOOP);
	CHECK_EQ(symlink("/nonexistent/x", dangling), 0);
	CHECK_ERRNO(stat(dangling, &st), ENOENT);
	CHECK_EQ(lstat(dangling, &st), 0);
	CHECK_EQ(unlink(link), 0);              /* removes the link, not a */
	CHECK_EQ(stat(a, &st), 0);
	remove_dir();
}

TEST(hard_links_share_the_file)
{
	char a[PATH_MAX], hard[PATH_MAX], sub[PATH_MAX], buf[16] = { 0 };
	struct stat st, st2;

	CHECK(fresh_dir());
	path_in(a, "a");
	path_in(hard, "hard");
	CHECK(write_file(a, "shared", 0644));
	CHECK_EQ(link(a, hard), 0);
	CHECK_EQ(stat(a, &st), 0);
	CHECK_EQ(stat(hard, &st2), 0);
	CHECK_EQ(st.st_ino, st2.st_ino);
	CHECK_EQ(st.st_nlink, 2);
	CHECK_ERRNO(link(a, hard), EEXIST);
	CHECK_EQ(unlink(a), 0);
	int fd = open(hard, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 6);
	CHECK_STR(buf, "shared");
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_nlink, 1);
	close(fd);
	path_in(sub, "sub");
	CHECK_EQ(mkdir(sub, 0755), 0);
	path_in(a, "c");
	CHECK_ERRNO(link(sub, a), EPERM);       /* no hard links to directories */
	remove_dir();
}

TEST(access_checks_existence_and_permission)
{
	char a[PATH_MAX];

	CHECK(fresh_dir());
	path_in(a, "a");
	CHECK(write_file(a, "x", 0644));
	CHECK_EQ(access(a, F_OK), 0);
	CHECK_EQ(access(a, R_OK | W_OK), 0);
	if (getuid() != 0)
		CHECK_ERRNO(access(a, X_OK), EACCES);
	CHECK_EQ(chmod(a, 0755), 0);
	CHECK_EQ(access(a, X_OK), 0);
	CHECK_EQ(access(dir, X_OK), 0);
	path_in(a, "missing");
	CHECK_ERRNO(access(a, F_OK), ENOENT);
	CHECK_ERRNO(access(dir, 0x40), EINVAL);
	remove_dir();
}

TEST(truncate_by_name_grows_and_shrinks)
{
	char t[PATH_MAX], buf[8];
	struct stat st;

	CHECK(fresh_dir());
	path_in(t, "t");
	CHECK(write_file(t, "abcdef", 0644));
	CHECK_EQ(truncate(t, 3), 0);
	CHECK_EQ(stat(t, &st), 0);
	CHECK_EQ(st.st_size, 3);
	CHECK_EQ(truncate(t, 6), 0);
	int fd = open(t, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 6);
	CHECK_EQ(memcmp(buf, "abc\0\0\0", 6), 0);
	close(fd);
	CHECK_ERRNO(truncate(t, -1), EINVAL);
	remove_dir();
}

TEST(rename_replaces_and_moves)
{
	char a[PATH_MAX], b[PATH_MAX], sub[PATH_MAX], x[PATH_MAX], buf[8] = { 0 };
	struct stat st;

	CHECK(fresh_dir());
	path_in(a, "a");
	path_in(b, "b");
	CHECK(write_file(a, "new", 0644));
	CHECK(write_file(b, "old", 0644));
	CHECK_EQ(rename(a, b), 0);
	CHECK_ERRNO(stat(a, &st), ENOENT);
	int fd = open(b, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 3);
	CHECK_STR(buf, "new");
	close(fd);
	path_in(sub, "sub");
	CHECK_EQ(mkdir(sub, 0755), 0);
	path_in(x, "sub/x");
	CHECK_EQ(rename(b, x), 0);
	CHECK_EQ(stat(x, &st), 0);
	CHECK_ERRNO(rename(sub, x), EINVAL);    /* into itself */
	path_in(a, "c");
	CHECK(write_file(a, "c", 0644));
	CHECK_ERRNO(rename(sub, a), ENOTDIR);   /* a directory over a file */
	CHECK_ERRNO(rename(a, sub), EISDIR);    /* a file over a directory */
	remove_dir();
}

TEST(working_directory_and_relative_paths)
{
	char old[PATH_MAX], cwd[PATH_MAX], sub[PATH_MAX];
	struct stat st;

	CHECK(getcwd(old, sizeof(old)) != NULL);
	CHECK(fresh_dir());
	CHECK_EQ(chdir(dir), 0);
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	CHECK_STR(cwd, dir);
	CHECK(write_file("a", "rel", 0644));
	CHECK_EQ(mkdir("sub", 0755), 0);
	CHECK_EQ(chdir("sub"), 0);
	CHECK_EQ(stat("../a", &st), 0);
	CHECK_EQ(st.st_size, 3);
	CHECK_EQ(chdir(".."), 0);
	CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	CHECK_STR(cwd, dir);
	path_in(sub, "sub");
	CHECK_ERRNO(chdir("a"), ENOTDIR);
	CHECK_ERRNO(chdir("missing"), ENOENT);
	errno = 0;
	CHECK(getcwd(cwd, 2) == NULL);
	CHECK_EQ(errno, ERANGE);
	char *dyn = getcwd(NULL, 0);
	CHECK(dyn != NULL);
	CHECK_STR(dyn, dir);
	free(dyn);
	CHECK_EQ(chdir(old), 0);
	remove_dir();
}

TEST(working_directory_survives_fork_and_exec)
{
	char old[PATH_MAX];

	CHECK(getcwd(old, sizeof(old)) != NULL);
	CHECK(fresh_dir());
	CHECK_EQ(chdir(dir), 0);
	pid_t pid = utest_fork();
	if (pid == 0) {
		char cwd[PATH_MAX];
		CHILD_CHECK(getcwd(cwd, sizeof(cwd)) && strcmp(cwd, dir) == 0);
		/* sh -c pwd where there is a shell; else the check above is it. */
		if (access("/bin/sh", X_OK) == 0) {
			int fd = open("out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
			dup2(fd, 1);
			execl("/bin/sh", "sh", "-c", "pwd", (char *)NULL);
			_exit(98);
		}
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
	unlink("out");
	CHECK_EQ(chdir(old), 0);
	remove_dir();
}

TEST(at_calls_resolve_from_a_directory_descriptor)
{
	char a[PATH_MAX];
	struct stat st;

	CHECK(fresh_dir());
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	CHECK(dfd >= 0);
	int fd = openat(dfd, "a", O_WRONLY | O_CREAT, 0600);
	CHECK(fd >= 0);
	close(fd);
	path_in(a, "a");
	CHECK_EQ(stat(a, &st), 0);
	CHECK_EQ(fstatat(dfd, "a", &st, 0), 0);
	CHECK_EQ(st.st_mode & 0777, 0600);
	CHECK_EQ(mkdirat(dfd, "sub", 0755), 0);
	CHECK_EQ(fstatat(dfd, "sub", &st, 0), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(renameat(dfd, "a", dfd, "b"), 0);
	CHECK_EQ(unlinkat(dfd, "b", 0), 0);
	CHECK_EQ(unlinkat(dfd, "sub", AT_REMOVEDIR), 0);
	CHECK_ERRNO(fstatat(dfd, "sub", &st, 0), ENOENT);
	close(dfd);
	remove_dir();
}

TEST(umask_is_applied_and_returned)
{
	char a[PATH_MAX];
	struct stat st;

	CHECK(fresh_dir());
	mode_t old = umask(077);
	CHECK_EQ(umask(077), 077);
	path_in(a, "a");
	CHECK(write_file(a, "x", 0666));
	CHECK_EQ(stat(a, &st), 0);
	CHECK_EQ(st.st_mode & 0777, 0600);
	umask(old);
	remove_dir();
}

TEST(utimensat_sets_times)
{
	char a[PATH_MAX];
	struct stat st;
	struct timespec times[2] = { { 1000, 500 }, { 2000, 700 } };

	CHECK(fresh_dir());
	path_in(a, "a");
	CHECK(write_file(a, "x", 0644));
	CHECK_EQ(utimensat(AT_FDCWD, a, times, 0), 0);
	CHECK_EQ(stat(a, &st), 0);
	CHECK_EQ(st.st_mtim.tv_sec, 2000);
	CHECK_EQ(st.st_mtim.tv_nsec, 700);
	CHECK_EQ(st.st_atim.tv_sec, 1000);
	struct timespec omit[2] = { { 0, UTIME_OMIT }, { 0, UTIME_NOW } };
	CHECK_EQ(utimensat(AT_FDCWD, a, omit, 0), 0);
	CHECK_EQ(stat(a, &st), 0);
	CHECK_EQ(st.st_atim.tv_sec, 1000);
	CHECK(st.st_mtim.tv_sec != 2000);
	remove_dir();
}

TEST(dot_dot_and_extra_slashes_resolve)
{
	char old[PATH_MAX], p[PATH_MAX];
	struct stat st;

	CHECK(getcwd(old, sizeof(old)) != NULL);
	CHECK(fresh_dir());
	path_in(p, "sub");
	CHECK_EQ(mkdir(p, 0755), 0);
	path_in(p, "a");
	CHECK(write_file(p, "dots", 0644));
	snprintf(p, sizeof(p), "%s//sub/./../a", dir);
	CHECK_EQ(stat(p, &st), 0);
	CHECK_EQ(st.st_size, 4);
	CHECK_EQ(chdir(dir), 0);
	CHECK_EQ(stat("./sub/../a", &st), 0);
	CHECK_EQ(stat("sub//..//a", &st), 0);
	CHECK_EQ(stat(".", &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(stat("/../../", &st), 0);      /* ".." of the root is the root */
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(stat("sub/", &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(chdir("sub/../sub/."), 0);
	CHECK(getcwd(p, sizeof(p)) != NULL);
	char want[PATH_MAX];
	snprintf(want, sizeof(want), "%s/sub", dir);
	CHECK_STR(p, want);
	CHECK_EQ(chdir("/"), 0);
	CHECK(getcwd(p, sizeof(p)) != NULL);
	CHECK_STR(p, "/");
	CHECK_EQ(chdir(old), 0);
	remove_dir();
}

TEST(dev_null_zero_and_urandom_work_by_their_usual_names)
{
	char buf[16];
	int fd = open("/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0666);

	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "gone", 4), 4);
	close(fd);
	fd = open("/dev/null", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	CHECK(fd >= 0);
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), (long)sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		CHECK_EQ(buf[i], 0);
	close(fd);
	fd = open("/dev/urandom", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), (long)sizeof(buf));
	close(fd);
	FILE *f = fopen("/dev/null", "w");
	CHECK(f != NULL);
	CHECK(fprintf(f, "x") == 1);
	CHECK_EQ(fclose(f), 0);
}
