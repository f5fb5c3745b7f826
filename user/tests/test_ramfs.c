// SPDX-License-Identifier: MIT
/*
 * ramfsd, the file: scheme, as programs see it through libc: the initfs
 * copied in at boot, files made, written, read, sized and removed under
 * /tmp, directories listed with tessera_getdents, rename replacing
 * atomically, an unlinked file living on while open, links, data passed
 * between processes, and the permission checks a non-root process meets
 * (a forked child that drops to uid 1000).
 */
#include "utest.h"

#include <abi/stat.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <tessera/sys.h>
#include <unistd.h>

/* Writes data to path (created or emptied, mode); 0 or -1. */
static int put(const char *path, mode_t mode, const char *data)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	size_t len = strlen(data);

	if (fd < 0)
		return -1;
	ssize_t n = write(fd, data, len);
	close(fd);
	return n == (ssize_t)len ? 0 : -1;
}

/* Reads path into buf (NUL-terminated); the length or -1. */
static ssize_t get(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, size - 1);
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

/* Whether the directory listing of path has name. */
static int listed(const char *path, const char *name)
{
	char buf[1024] __attribute__((aligned(8)));
	int fd = open(path, O_RDONLY | O_DIRECTORY), found = 0;
	long n;

	if (fd < 0)
		return -1;
	while ((n = tessera_getdents(fd, buf, sizeof(buf))) > 0)
		for (long off = 0; off < n; off += ((abi_dirent_t *)(buf + off))->reclen)
			found += !strcmp(((abi_dirent_t *)(buf + off))->name, name);
	close(fd);
	return n < 0 ? -1 : found;
}

TEST(initfs_files_are_in_the_tree)
{
	char buf[256];
	struct stat st;
	int fd = open("/etc/motd", O_RDONLY);

	CHECK(fd >= 0);
	CHECK(read(fd, buf, sizeof(buf)) > 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK(st.st_size > 0);
	close(fd);
	fd = open("/bin/init", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, buf, 4), 4);
	CHECK(!memcmp(buf, "\177ELF", 4));
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK(st.st_mode & 0100);
	close(fd);
	CHECK_EQ(listed("/", "bin"), 1);
	CHECK_EQ(listed("/", "etc"), 1);
	CHECK_EQ(listed("/", ".."), 1);
	CHECK_EQ(listed("/bin", "init"), 1);
}

TEST(standard_directories_exist_with_their_modes)
{
	struct stat st;
	int fd = open("/tmp", O_RDONLY | O_DIRECTORY);

	CHECK(fd >= 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_mode, S_IFDIR | 01777);
	close(fd);
	fd = open("/root", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	close(fd);
	fd = open("/home", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	close(fd);
}

TEST(create_write_seek_read_truncate_and_stat)
{
	char buf[64];
	struct stat st;
	const char *path = "/tmp/test_ramfs_basic";

	unlink(path);
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0640);
	CHECK(fd >= 0);
	CHECK_ERRNO(open(path, O_RDWR | O_CREAT | O_EXCL, 0640), EEXIST);
	CHECK_EQ(write(fd, "hello, ramfs", 12), 12);
	CHECK_EQ(lseek(fd, 7, SEEK_SET), 7);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 5);
	CHECK(!memcmp(buf, "ramfs", 5));
	CHECK_EQ(lseek(fd, 0, SEEK_END), 12);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_mode, S_IFREG | 0640);
	CHECK_EQ(st.st_size, 12);
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(st.st_uid, getuid());
	CHECK(st.st_mtim.tv_sec > 0 || st.st_mtim.tv_nsec > 0);
	CHECK_EQ(ftruncate(fd, 5), 0);
	CHECK_EQ(ftruncate(fd, 100), 0);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 64);
	CHECK(!memcmp(buf, "hello\0\0\0", 8));  /* the cut bytes read as zeros */
	CHECK_EQ(fsync(fd), 0);
	close(fd);
	CHECK_EQ(unlink(path), 0);
	CHECK_ERRNO(open(path, O_RDONLY), ENOENT);
	CHECK_ERRNO(unlink(path), ENOENT);
}

TEST(large_and_sparse_files_round_trip)
{
	enum { SIZE = 1 << 20 };
	char *out = malloc(SIZE), *in = malloc(SIZE);
	struct stat st;
	const char *path = "/tmp/test_ramfs_big";

	CHECK(out && in);
	for (int i = 0; i < SIZE; i++)
		out[i] = (char)(i * 7 + (i >> 12));
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, out, SIZE), SIZE);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	size_t got = 0;
	while (got < SIZE) {
		ssize_t n = read(fd, in + got, SIZE - got);
		CHECK(n > 0);
		got += (size_t)n;
	}
	CHECK(!memcmp(in, out, SIZE));
	/* A hole of 64 MiB costs nothing and reads as zeros. */
	CHECK_EQ(lseek(fd, 64 << 20, SEEK_END), SIZE + (64 << 20));
	CHECK_EQ(write(fd, "end", 3), 3);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, SIZE + (64 << 20) + 3);
	CHECK(st.st_blocks <= (SIZE + 8192) / 512);
	CHECK_EQ(lseek(fd, SIZE + 1000, SEEK_SET), SIZE + 1000);
	CHECK_EQ(read(fd, in, 4096), 4096);
	for (int i = 0; i < 4096; i++)
		CHECK_EQ(in[i], 0);
	close(fd);
	CHECK_EQ(unlink(path), 0);
	free(out);
	free(in);
}

TEST(rename_replaces_and_unlinked_files_live_while_open)
{
	char buf[32];
	const char *a = "/tmp/test_ramfs_a", *b = "/tmp/test_ramfs_b";

	CHECK_EQ(put(a, 0644, "new"), 0);
	CHECK_EQ(put(b, 0644, "old"), 0);
	int fd = open(b, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(rename(a, b), 0);
	CHECK_EQ(get(b, buf, sizeof(buf)), 3);
	CHECK_STR(buf, "new");
	CHECK_ERRNO(open(a, O_RDONLY), ENOENT);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 3);      /* the replaced file */
	CHECK(!memcmp(buf, "old", 3));
	close(fd);
	fd = open(b, O_RDWR | O_APPEND);
	CHECK(fd >= 0);
	CHECK_EQ(unlink(b), 0);
	CHECK_EQ(write(fd, "!", 1), 1);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 4);
	CHECK(!memcmp(buf, "new!", 4));
	struct stat st;
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_nlink, 0);
	close(fd);
	CHECK_ERRNO(rename("/tmp/test_ramfs_none", "/tmp/x"), ENOENT);
}

TEST(directories_are_made_listed_and_removed)
{
	const char *d = "/tmp/test_ramfs_dir";
	char path[64];

	CHECK_EQ(mkdir(d, 0755), 0);
	CHECK_ERRNO(mkdir(d, 0755), EEXIST);
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/f%d", d, i);
		CHECK_EQ(put(path, 0644, "x"), 0);
	}
	CHECK_EQ(listed(d, "."), 1);
	CHECK_EQ(listed(d, ".."), 1);
	CHECK_EQ(listed(d, "f0"), 1);
	CHECK_EQ(listed(d, "f2"), 1);
	CHECK_ERRNO(rmdir(d), ENOTEMPTY);
	CHECK_ERRNO(unlink(d), EISDIR);
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/f%d", d, i);
		CHECK_EQ(unlink(path), 0);
	}
	CHECK_EQ(listed(d, "f0"), 0);
	CHECK_EQ(rmdir(d), 0);
	CHECK_ERRNO(rmdir(d), ENOENT);
	CHECK_ERRNO(rmdir("/"), EBUSY);
}

TEST(symbolic_and_hard_links)
{
	char buf[64];
	struct stat st, lst;

	unlink("/tmp/test_ramfs_link");
	unlink("/tmp/test_ramfs_hard");
	CHECK_EQ(put("/tmp/test_ramfs_target", 0644, "via link"), 0);
	CHECK_EQ(symlink("test_ramfs_target", "/tmp/test_ramfs_link"), 0);
	CHECK_EQ(get("/tmp/test_ramfs_link", buf, sizeof(buf)), 8);
	CHECK_STR(buf, "via link");
	CHECK_EQ(readlink("/tmp/test_ramfs_link", buf, sizeof(buf)), 17);
	CHECK(!memcmp(buf, "test_ramfs_target", 17));
	CHECK_EQ(lstat("/tmp/test_ramfs_link", &lst), 0);
	CHECK(S_ISLNK(lst.st_mode));
	CHECK_EQ(stat("/tmp/test_ramfs_link", &st), 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK_ERRNO(open("/tmp/test_ramfs_link", O_RDONLY | O_NOFOLLOW), ELOOP);
	CHECK_EQ(link("/tmp/test_ramfs_target", "/tmp/test_ramfs_hard"), 0);
	CHECK_EQ(stat("/tmp/test_ramfs_hard", &lst), 0);
	CHECK_EQ(lst.st_ino, st.st_ino);
	CHECK_EQ(lst.st_nlink, 2);
	CHECK_EQ(unlink("/tmp/test_ramfs_target"), 0);
	CHECK_ERRNO(open("/tmp/test_ramfs_link", O_RDONLY), ENOENT);  /* dangling */
	CHECK_EQ(get("/tmp/test_ramfs_hard", buf, sizeof(buf)), 8);
	CHECK_EQ(unlink("/tmp/test_ramfs_link"), 0);
	CHECK_EQ(unlink("/tmp/test_ramfs_hard"), 0);
}

TEST(a_file_written_by_one_process_is_read_by_another)
{
	char buf[64];
	const char *path = "/tmp/test_ramfs_shared";

	unlink(path);
	pid_t pid = utest_fork();
	if (pid == 0) {
		CHILD_CHECK(put(path, 0644, "from the child") == 0);
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
	CHECK_EQ(get(path, buf, sizeof(buf)), 14);
	CHECK_STR(buf, "from the child");
	CHECK_EQ(unlink(path), 0);
}

/* In a child that is uid 1000: what root's files allow it. */
static void as_user_1000(void *arg)
{
	(void)arg;
	char buf[8];
	CHILD_CHECK(setuid(1000) == 0);
	CHILD_CHECK(getuid() == 1000);
	errno = 0;
	CHILD_CHECK(open("/tmp/test_ramfs_private", O_RDONLY) < 0 && errno == EACCES);
	CHILD_CHECK(open("/tmp/test_ramfs_public", O_WRONLY) < 0 && errno == EACCES);
	int fd = open("/tmp/test_ramfs_public", O_RDONLY);
	CHILD_CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) == 6);
	CHILD_CHECK(fchmod(fd, 0777) < 0 && errno == EPERM);
	close(fd);
	/* /tmp is sticky: root's files are not the child's to remove */
	CHILD_CHECK(unlink("/tmp/test_ramfs_public") < 0 && errno == EPERM);
	CHILD_CHECK(open("/root/test_ramfs_x", O_RDWR | O_CREAT, 0600) < 0 && errno == EACCES);
	CHILD_CHECK(mkdir("/etc/test_ramfs_x", 0755) < 0 && errno == EACCES);
	/* its own files are */
	CHILD_CHECK(put("/tmp/test_ramfs_mine", 0600, "mine") == 0);
	fd = open("/tmp/test_ramfs_mine", O_RDWR);
	CHILD_CHECK(fd >= 0 && fchmod(fd, 0644) == 0);
	close(fd);
	CHILD_CHECK(unlink("/tmp/test_ramfs_mine") == 0);
}

TEST(permissions_hold_for_a_non_root_process)
{
	if (getuid() != 0)
		SKIP("needs root to set up");
	CHECK_EQ(put("/tmp/test_ramfs_private", 0600, "secret"), 0);
	CHECK_EQ(put("/tmp/test_ramfs_public", 0644, "public"), 0);
	int fd = open("/tmp/test_ramfs_private", O_RDONLY);
	CHECK(fd >= 0);
	CHECK_EQ(fchmod(fd, 0600), 0);  /* whatever the umask did */
	close(fd);
	fd = open("/tmp/test_ramfs_public", O_RDONLY);
	CHECK_EQ(fchmod(fd, 0644), 0);
	close(fd);
	CHECK_EQ(utest_in_child(as_user_1000, NULL), 0);
	CHECK_EQ(unlink("/tmp/test_ramfs_private"), 0);
	CHECK_EQ(unlink("/tmp/test_ramfs_public"), 0);
}
