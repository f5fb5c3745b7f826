// SPDX-License-Identifier: MIT
/*
 * Tests for ext2fsd (daemons/ext2fsd): the ext2 library and the file:
 * scheme over it, on images made by e2fsprogs.
 *
 * Each test makes a directory tree in a temporary directory, turns it
 * into an image with `mke2fs -t ext2 -b 1024|4096 -d`, and mounts the
 * image through a file-backed device. Reading checks every byte mke2fs
 * wrote (files needing direct, indirect, double and — sparse, at 70 MiB
 * with 1 KiB blocks — triple indirect blocks; fast and slow symbolic
 * links; hard links; large directories; owners with high 16 bits). Writing
 * goes through the library or through scheme_dispatch() the way the
 * kernel drives the daemon; afterwards the image is unmounted and the
 * host's tools judge it: `e2fsck -fn` must exit 0, `debugfs -R cat`
 * must give back exactly the bytes written, `debugfs -R stat` the
 * attributes. A random workload runs against an in-memory model, both
 * for one file's data (writes, truncates at random offsets) and for a
 * tree (create, write, rename, link, unlink).
 *
 * The device counts its writes and flushes (write-back is lazy, fsync
 * flushes), and a fake device kills its "driver" at chosen moments to
 * check that ext2fsd's device layer reopens and retries unseen.
 */
#include "scheme_call.h"
#include "unit.h"

#include <daemons/ext2fsd/ext2.h>
#include <daemons/ext2fsd/ext2fsd.h>
#include <daemons/ext2fsd/ext2fsd_disk.h>
#include <daemons/ramfsd/ramfs.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MKDIR_FL (O_CREAT | O_EXCL | O_DIRECTORY)
#define MiB      (1024ull * 1024ull)

/* --- the host side: commands, files, images ---------------------------- */

static char t_dir[64];

static void t_cleanup(void)
{
	char cmd[128];

	if (t_dir[0]) {
		snprintf(cmd, sizeof(cmd), "rm -rf %s", t_dir);
		if (system(cmd)) {
		}
	}
}

/* A scratch path under the test's temporary directory. */
static const char *t_path(const char *name)
{
	static char buf[4][256];
	static int i;

	if (!t_dir[0]) {
		strcpy(t_dir, "/tmp/test_ext2fsd.XXXXXX");
		if (!mkdtemp(t_dir))
			abort();
		atexit(t_cleanup);
	}
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", t_dir, name);
	return buf[i];
}

/* Runs a shell command (e2fsprogs in /sbin); its exit status. */
static int t_sh(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	int n;

	n = snprintf(cmd, sizeof(cmd), "PATH=$PATH:/sbin:/usr/sbin; ");
	va_start(ap, fmt);
	vsnprintf(cmd + n, sizeof(cmd) - (size_t)n, fmt, ap);
	va_end(ap);
	int st = system(cmd);
	return st == -1 ? -1 : WEXITSTATUS(st);
}

/* A command's standard output (NUL-terminated, cut to cap - 1); its length. */
static long t_capture(char *out, size_t cap, const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	size_t n = 0, k;
	FILE *p;

	k = (size_t)snprintf(cmd, sizeof(cmd), "PATH=$PATH:/sbin:/usr/sbin; ");
	va_start(ap, fmt);
	vsnprintf(cmd + k, sizeof(cmd) - k, fmt, ap);
	va_end(ap);
	if (!(p = popen(cmd, "r")))
		return -1;
	while (n + 1 < cap && (k = fread(out + n, 1, cap - 1 - n, p)) > 0)
		n += k;
	out[n] = '\0';
	pclose(p);
	return (long)n;
}

static uint8_t t_pat(unsigned seed, uint64_t off)
{
	return (uint8_t)(off * 7 + off / 251 + seed * 13);
}

static void t_fill(uint8_t *buf, size_t len, unsigned seed, uint64_t off)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = t_pat(seed, off + i);
}

/* Writes a host file of len pattern bytes (seed) at offset off. */
static void t_host_file(const char *path, unsigned seed, uint64_t off, size_t len)
{
	uint8_t *buf = malloc(len ? len : 1);
	int fd = open(path, O_WRONLY | O_CREAT, 0644);

	t_fill(buf, len, seed, off);
	if (fd < 0 || pwrite(fd, buf, len, (off_t)off) != (ssize_t)len)
		abort();
	close(fd);
	free(buf);
}

/*
 * The tree every image starts from:
 *   small (10 bytes), direct (11 KiB + 5), indirect (200 KiB), double
 *   (5 MiB), sparse (5 bytes at 1 MiB and 4 KiB at 70 MiB; 70.x MiB long),
 *   dir/sub/deep.txt, dir/many/f000..f199, fast -> small,
 *   slow -> a 100-byte path, hard (a second name of small).
 */
static void t_make_tree(const char *src)
{
	char p[512], target[128];

	t_sh("rm -rf %s && mkdir -p %s/dir/sub %s/dir/many", src, src, src);
	snprintf(p, sizeof(p), "%s/small", src);
	t_host_file(p, 1, 0, 10);
	snprintf(p, sizeof(p), "%s/direct", src);
	t_host_file(p, 2, 0, 11 * 1024 + 5);
	snprintf(p, sizeof(p), "%s/indirect", src);
	t_host_file(p, 3, 0, 200 * 1024);
	snprintf(p, sizeof(p), "%s/double", src);
	t_host_file(p, 4, 0, 5 * MiB);
	snprintf(p, sizeof(p), "%s/sparse", src);
	t_host_file(p, 5, 1 * MiB, 5);
	t_host_file(p, 5, 70 * MiB, 4096);
	snprintf(p, sizeof(p), "%s/dir/sub/deep.txt", src);
	t_host_file(p, 6, 0, 3000);
	for (int i = 0; i < 200; i++) {
		snprintf(p, sizeof(p), "%s/dir/many/f%03d", src, i);
		t_host_file(p, 7, (uint64_t)i, 1);
	}
	memset(target, 'x', 100);
	memcpy(target, "dir/sub/", 8);
	target[100] = '\0';
	t_sh("cd %s && ln -s small fast && ln -s %s slow && ln small hard", src, target);
	if (geteuid() == 0)
		t_sh("chown 70000:70001 %s/direct", src);       /* owners above 16 bits */
}

/* Makes image img from src with block size bs (size in KiB). */
static int t_mkfs(const char *img, const char *src, unsigned bs, unsigned kib)
{
	return t_sh("rm -f %s && mke2fs -q -F -t ext2 -b %u %s%s %s %uk >/dev/null 2>&1", img, bs,
		    src ? "-d " : "", src ? src : "", img, kib);
}

static int t_fsck(const char *img)
{
	char out[8192];
	int st = t_sh("e2fsck -fn %s >%s 2>&1", img, t_path("fsck.log"));

	if (st != 0 && t_capture(out, sizeof(out), "cat %s", t_path("fsck.log")) > 0)
		fprintf(stderr, "e2fsck -fn %s: %d\n%s\n", img, st, out);
	return st;
}

/* debugfs -R 'cat PATH' into buf; the length. */
static long t_debugfs_cat(const char *img, const char *path, uint8_t *buf, size_t cap)
{
	return t_capture((char *)buf, cap, "debugfs -R 'cat %s' %s 2>/dev/null", path, img);
}

/* A number following `key` in debugfs's stat output; -1 if absent. */
static long long t_stat_field(const char *img, const char *path, const char *key)
{
	char out[8192], *at;
	long long v = -1;

	t_capture(out, sizeof(out), "debugfs -R 'stat %s' %s 2>/dev/null", path, img);
	if ((at = strstr(out, key)) && sscanf(at + strlen(key), " %lli", &v) != 1)
		v = -1;
	return v;
}

/* --- the device: an image file, counting its writes and flushes -------- */

typedef struct t_dev {
	int fd;
	unsigned long writes, flushes;
} t_dev_t;

static int t_dev_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	t_dev_t *d = ctx;

	return pread(d->fd, buf, len, (off_t)off) == (ssize_t)len ? 0 : -EIO;
}

static int t_dev_write(void *ctx, uint64_t off, const void *buf, size_t len)
{
	t_dev_t *d = ctx;

	d->writes++;
	return pwrite(d->fd, buf, len, (off_t)off) == (ssize_t)len ? 0 : -EIO;
}

static int t_dev_flush(void *ctx)
{
	((t_dev_t *)ctx)->flushes++;
	return 0;
}

static t_dev_t t_device;
static int64_t t_clock_ns = 1700000000123456789LL;

static int64_t t_now(void)
{
	return t_clock_ns;
}

static int t_mount_cfg(const char *img, size_t cache, ext2_fs_t **fs)
{
	ext2_dev_t dev = { &t_device, t_dev_read, t_dev_write, t_dev_flush };
	ext2_config_t cfg = { .cache_blocks = cache, .inode_cache = 64, .now = t_now };

	t_device = (t_dev_t){ .fd = open(img, O_RDWR) };
	if (t_device.fd < 0)
		return -errno;
	int err = ext2_mount(&dev, &cfg, fs);
	if (err)
		close(t_device.fd);
	return err;
}

static int t_mount(const char *img, ext2_fs_t **fs)
{
	return t_mount_cfg(img, 512, fs);
}

static int t_unmount(ext2_fs_t *fs)
{
	int err = ext2_unmount(fs);

	close(t_device.fd);
	return err;
}

/* The inode a path names (from the root, no symlinks); 0 or -errno. */
static int t_lookup(ext2_fs_t *fs, const char *path, ext2_inode_t **out)
{
	ext2_inode_t *cur;
	int err = ext2_iget(fs, EXT2_ROOT_INO, &cur);

	while (!err && *path) {
		const char *end = strchr(path, '/');
		size_t len = end ? (size_t)(end - path) : strlen(path);
		uint32_t ino;
		err = ext2_dir_lookup(fs, cur, path, len, &ino);
		ext2_iput(fs, cur);
		if (err)
			return err;
		err = ext2_iget(fs, ino, &cur);
		path += len + (end ? 1 : 0);
	}
	if (!err)
		*out = cur;
	return err;
}

/* Whether the file's bytes [off, off+len) are the pattern (seed). */
static bool t_check_pattern(ext2_fs_t *fs, ext2_inode_t *ip, unsigned seed, uint64_t off,
			    size_t len)
{
	uint8_t *buf = malloc(len), *want = malloc(len);
	bool ok = ext2_file_read(fs, ip, off, buf, len) == (long)len;

	t_fill(want, len, seed, off);
	ok = ok && !memcmp(buf, want, len);
	free(buf);
	free(want);
	return ok;
}

static bool t_is_zero(ext2_fs_t *fs, ext2_inode_t *ip, uint64_t off, size_t len)
{
	uint8_t *buf = malloc(len);
	bool ok = ext2_file_read(fs, ip, off, buf, len) == (long)len;

	for (size_t i = 0; ok && i < len; i++)
		ok = buf[i] == 0;
	free(buf);
	return ok;
}

/* --- the library: reading what mke2fs wrote ------------------------------- */

/* Checks the tree t_make_tree made, on an image of block size bs. */
static void t_read_tree(unsigned bs)
{
	const char *src = t_path("src"), *img = t_path("img");
	ext2_inode_t *ip, *ip2;
	ext2_fs_t *fs;
	char link[128];

	t_make_tree(src);
	CHECK_EQ(t_mkfs(img, src, bs, 16384), 0);
	CHECK_EQ(t_mount(img, &fs), 0);
	CHECK_EQ(ext2_block_size(fs), bs);
	CHECK(!ext2_read_only(fs));

	CHECK_EQ(t_lookup(fs, "small", &ip), 0);
	CHECK_EQ(ext2_inode_size(ip), 10);
	CHECK(t_check_pattern(fs, ip, 1, 0, 10));
	CHECK_EQ(ip->d->i_links_count, 2);
	CHECK_EQ(t_lookup(fs, "hard", &ip2), 0);
	CHECK(ip == ip2);       /* one in-memory inode per number */
	ext2_iput(fs, ip2);
	ext2_iput(fs, ip);

	CHECK_EQ(t_lookup(fs, "direct", &ip), 0);
	CHECK(t_check_pattern(fs, ip, 2, 0, 11 * 1024 + 5));
	if (geteuid() == 0) {
		CHECK_EQ(ext2_inode_uid(ip), 70000);
		CHECK_EQ(ext2_inode_gid(ip), 70001);
	}
	ext2_iput(fs, ip);
	CHECK_EQ(t_lookup(fs, "indirect", &ip), 0);
	CHECK(t_check_pattern(fs, ip, 3, 0, 200 * 1024));
	ext2_iput(fs, ip);
	CHECK_EQ(t_lookup(fs, "double", &ip), 0);
	CHECK_EQ(ext2_inode_size(ip), 5 * MiB);
	CHECK(t_check_pattern(fs, ip, 4, 0, 5 * MiB));
	uint8_t tail[64];
	CHECK_EQ(ext2_file_read(fs, ip, 5 * MiB - 10, tail, sizeof(tail)), 10);
	CHECK_EQ(ext2_file_read(fs, ip, 5 * MiB, tail, sizeof(tail)), 0);
	ext2_iput(fs, ip);

	CHECK_EQ(t_lookup(fs, "sparse", &ip), 0);
	CHECK_EQ(ext2_inode_size(ip), 70 * MiB + 4096);
	CHECK(t_is_zero(fs, ip, 0, 1 * MiB));
	CHECK(t_check_pattern(fs, ip, 5, 1 * MiB, 5));
	CHECK(t_is_zero(fs, ip, 1 * MiB + 5, 64 * 1024));
	CHECK(t_is_zero(fs, ip, 70 * MiB - 8192, 8192));
	CHECK(t_check_pattern(fs, ip, 5, 70 * MiB, 4096));
	/* Holes cost nothing: with 1 KiB blocks, 1 + 4 data blocks and the
	 * indirect blocks on their way (single+double, triple+double+single). */
	if (bs == 1024)
		CHECK_EQ(ext2_inode_sectors(ip), (5 + 2 + 3) * 2);
	CHECK_EQ(ext2_file_seek_data(fs, ip, 0, true), 1 * MiB);
	CHECK_EQ(ext2_file_seek_data(fs, ip, 1 * MiB, false), 1 * MiB + bs);
	ext2_iput(fs, ip);

	CHECK_EQ(t_lookup(fs, "dir/sub/deep.txt", &ip), 0);
	CHECK(t_check_pattern(fs, ip, 6, 0, 3000));
	ext2_iput(fs, ip);

	CHECK_EQ(t_lookup(fs, "fast", &ip), 0);
	CHECK(ext2_inode_is_link(ip));
	CHECK_EQ(ext2_inode_sectors(ip), 0);
	CHECK_EQ(ext2_symlink_read(fs, ip, link, sizeof(link)), 5);
	CHECK(!memcmp(link, "small", 5));
	ext2_iput(fs, ip);
	CHECK_EQ(t_lookup(fs, "slow", &ip), 0);
	CHECK_EQ(ext2_symlink_read(fs, ip, link, sizeof(link)), 100);
	CHECK(!memcmp(link, "dir/sub/xxx", 11));
	CHECK(ext2_inode_sectors(ip) > 0);
	ext2_iput(fs, ip);

	/* 200 names, ".", "..": every one listed once. */
	CHECK_EQ(t_lookup(fs, "dir/many", &ip), 0);
	ext2_entry_t e;
	uint64_t pos = 0;
	int count = 0, seen[200] = { 0 };
	while (ext2_dir_next(fs, ip, &pos, &e) == 1) {
		count++;
		if (e.name[0] == 'f') {
			int i = atoi(e.name + 1);
			CHECK(i >= 0 && i < 200 && !seen[i]++);
			CHECK_EQ(e.type, EXT2_FT_REG_FILE);
		}
	}
	CHECK_EQ(count, 202);
	if (bs == 1024)
		CHECK(ext2_inode_size(ip) > 1024);      /* several blocks */
	ext2_iput(fs, ip);

	CHECK_EQ(t_unmount(fs), 0);
	CHECK_EQ(t_fsck(img), 0);
}

TEST(ext2_reads_mke2fs_tree_1k)
{
	t_read_tree(1024);
}

TEST(ext2_reads_mke2fs_tree_4k)
{
	t_read_tree(4096);
}

/* A 4 KiB-block file system whose sparse file needs triple indirection
 * (past 4 GiB) and is larger than 4 GiB (large_file). */
TEST(ext2_reads_triple_indirect_4k)
{
	const char *src = t_path("src4"), *img = t_path("img4");
	ext2_inode_t *ip;
	ext2_fs_t *fs;

	t_sh("rm -rf %s && mkdir -p %s", src, src);
	char p[256];
	snprintf(p, sizeof(p), "%s/huge", src);
	t_host_file(p, 9, 4600 * MiB, 4096);
	t_host_file(p, 9, 4 * MiB, 100);
	CHECK_EQ(t_mkfs(img, src, 4096, 16384), 0);
	CHECK_EQ(t_mount(img, &fs), 0);
	CHECK_EQ(t_lookup(fs, "huge", &ip), 0);
	CHECK_EQ(ext2_inode_size(ip), 4600 * MiB + 4096);
	CHECK(t_check_pattern(fs, ip, 9, 4600 * MiB, 4096));
	CHECK(t_check_pattern(fs, ip, 9, 4 * MiB, 100));
	CHECK(t_is_zero(fs, ip, 4600 * MiB - 4096, 4096));
	/* One more block right after: same triple-indirect chain, one block more. */
	uint8_t buf[4096];
	uint64_t before = ext2_inode_sectors(ip);
	t_fill(buf, sizeof(buf), 10, 4600 * MiB + 4096);
	CHECK_EQ(ext2_file_write(fs, ip, 4600 * MiB + 4096, buf, sizeof(buf)), 4096);
	CHECK_EQ(ext2_inode_sectors(ip), before + 8);
	ext2_iput(fs, ip);
	CHECK_EQ(t_unmount(fs), 0);
	CHECK_EQ(t_fsck(img), 0);
	static uint8_t out[8192 + 16];
	CHECK_EQ(t_capture((char *)out, sizeof(out),
			   "debugfs -R 'dump /huge %s' %s >/dev/null 2>&1; "
			   "dd if=%s bs=4096 skip=%llu count=2 2>/dev/null", t_path("huge.out"), img,
			   t_path("huge.out"), (unsigned long long)(4600 * MiB / 4096)), 8192);
	uint8_t want[8192];
	t_fill(want, 4096, 9, 4600 * MiB);
	t_fill(want + 4096, 4096, 10, 4600 * MiB + 4096);
	CHECK(!memcmp(out, want, 8192));
}

/* --- the library: writing, checked by e2fsck and debugfs ----------------- */

/* A new empty regular file `name` in the root; referenced. */
static int t_create(ext2_fs_t *fs, const char *name, ext2_inode_t **out)
{
	ext2_inode_t *root, *ip;
	int err = ext2_iget(fs, EXT2_ROOT_INO, &root);

	if (err)
		return err;
	if (!(err = ext2_inode_new(fs, root, 0100644, 1000, 1000, &ip))) {
		ip->d->i_links_count = 1;
		err = ext2_inode_dirty(fs, ip);
		if (!err)
			err = ext2_dir_add(fs, root, name, strlen(name), ip->ino, 0100644);
		if (err)
			ext2_iput(fs, ip);
		else
			*out = ip;
	}
	ext2_iput(fs, root);
	return err;
}

/* Random writes and truncates of one file against a buffer model. */
static void t_random_file(unsigned bs)
{
	const size_t cap = 400 * 1024;
	const char *img = t_path("rimg");
	uint8_t *model = calloc(1, cap), *buf = malloc(cap), *got = malloc(cap);
	size_t size = 0;
	ext2_inode_t *ip;
	ext2_fs_t *fs;
	ext2_statfs_t before, after;

	srand(bs);
	CHECK_EQ(t_mkfs(img, NULL, bs, 8192), 0);
	CHECK_EQ(t_mount_cfg(img, 96, &fs), 0);        /* a small cache: evictions */
	ext2_statfs(fs, &before);
	CHECK_EQ(t_create(fs, "model", &ip), 0);
	for (int op = 0; op < 1500; op++) {
		int kind = rand() % 10;
		size_t off = (size_t)rand() % cap, len = (size_t)rand() % (kind < 2 ? 40000 : 3000);
		if (len > cap - off)
			len = cap - off;
		if (kind < 7) {
			for (size_t i = 0; i < len; i++)
				buf[i] = (uint8_t)rand();
			CHECK_EQ(ext2_file_write(fs, ip, off, buf, len), (long)len);
			memcpy(model + off, buf, len);
			if (len && off + len > size)
				size = off + len;
		} else if (kind < 9) {
			size_t ns = (size_t)rand() % cap;
			CHECK_EQ(ext2_file_truncate(fs, ip, ns), 0);
			if (ns < size)
				memset(model + ns, 0, size - ns);
			size = ns;
		} else {
			CHECK_EQ(ext2_file_read(fs, ip, off, got, len),
				 (long)(off >= size ? 0 : (off + len > size ? size - off : len)));
			CHECK(off >= size || !memcmp(got, model + off, off + len > size ? size - off : len));
		}
		CHECK_EQ(ext2_inode_size(ip), size);
	}
	CHECK_EQ(ext2_file_read(fs, ip, 0, got, cap), (long)size);
	CHECK(!memcmp(got, model, size));
	ext2_iput(fs, ip);
	CHECK_EQ(t_unmount(fs), 0);
	CHECK_EQ(t_fsck(img), 0);
	CHECK_EQ(t_debugfs_cat(img, "/model", got, cap), (long)size);
	CHECK(!memcmp(got, model, size));

	/* Truncated to nothing and removed: every block comes back. */
	CHECK_EQ(t_mount(img, &fs), 0);
	ext2_inode_t *root;
	CHECK_EQ(t_lookup(fs, "model", &ip), 0);
	CHECK_EQ(ext2_file_truncate(fs, ip, 0), 0);
	CHECK_EQ(ext2_inode_sectors(ip), 0);
	CHECK_EQ(ext2_iget(fs, EXT2_ROOT_INO, &root), 0);
	CHECK_EQ(ext2_dir_remove(fs, root, "model", 5), 0);
	ip->d->i_links_count = 0;
	ext2_iput(fs, ip);
	ext2_iput(fs, root);
	ext2_statfs(fs, &after);
	CHECK_EQ(after.bfree, before.bfree);
	CHECK_EQ(after.ffree, before.ffree);
	CHECK_EQ(t_unmount(fs), 0);
	CHECK_EQ(t_fsck(img), 0);
	free(model);
	free(buf);
	free(got);
}

TEST(ext2_random_file_vs_model_1k)
{
	t_random_file(1024);
}

TEST(ext2_random_file_vs_model_4k)
{
	t_random_file(4096);
}

TEST(ext2_random_file_vs_model_2k)
{
	t_random_file(2048);
}

/* Sparse writes at triple-indirect offsets, then a truncate frees them all. */
TEST(ext2_sparse_triple_and_truncate_1k)
{
	const char *img = t_path("simg");
	uint8_t buf[3000];
	ext2_statfs_t before, mid, after;
	ext2_inode_t *ip;
	ext2_fs_t *fs;

	CHECK_EQ(t_mkfs(img, NULL, 1024, 8192), 0);
	CHECK_EQ(t_mount(img, &fs), 0);
	CHECK_EQ(t_create(fs, "sp", &ip), 0);
	ext2_statfs(fs, &before);
	t_fill(buf, sizeof(buf), 11, 70 * MiB + 100);
	CHECK_EQ(ext2_file_write(fs, ip, 70 * MiB + 100, buf, sizeof(buf)), sizeof(buf));
	/* 3000 bytes from 100 in a block: 4 data blocks + triple, double, single. */
	CHECK_EQ(ext2_inode_sectors(ip), 7 * 2);
	ext2_statfs(fs, &mid);
	CHECK_EQ(before.bfree - mid.bfree, 7);
	t_fill(buf, sizeof(buf), 12, 3 * 1024 * MiB);
	CHECK_EQ(ext2_file_write(fs, ip, 3 * 1024 * MiB, buf, sizeof(buf)), sizeof(buf));
	CHECK_EQ(ext2_inode_size(ip), 3 * 1024 * MiB + sizeof(buf));
	CHECK(t_is_zero(fs, ip, 2 * 1024 * MiB, 4096));
	CHECK(t_check_pattern(fs, ip, 11, 70 * MiB + 100, sizeof(buf)));
	CHECK(t_check_pattern(fs, ip, 12, 3 * 1024 * MiB, sizeof(buf)));
	/* Beyond what triple indirection addresses with 1 KiB blocks (16 GiB). */
	CHECK_EQ(ext2_file_write(fs, ip, 17 * 1024 * MiB, buf, 10), -EFBIG);
	/* Shrink into the middle of the first run: its tail zeroed, the rest freed. */
	CHECK_EQ(ext2_file_truncate(fs, ip, 70 * MiB + 1500), 0);
	CHECK_EQ(ext2_inode_sectors(ip), 5 * 2);
	CHECK_EQ(ext2_file_truncate(fs, ip, 70 * MiB + 3100), 0);
	CHECK(t_check_pattern(fs, ip, 11, 70 * MiB + 100, 1400));
	CHECK(t_is_zero(fs, ip, 70 * MiB + 1500, 1600));
	ext2_iput(fs, ip);
	CHECK_EQ(t_unmount(fs), 0);
	CHECK_EQ(t_fsck(img), 0);
	CHECK_EQ(t_stat_field(img, "/sp", "Size:"), (long long)(70 * MiB + 3100));
	CHECK_EQ(t_mount(img, &fs), 0);
	CHECK_EQ(t_lookup(fs, "sp", &ip), 0);
	CHECK_EQ(ext2_file_truncate(fs, ip, 0), 0);
	CHECK_EQ(ext2_inode_sectors(ip), 0);
	ext2_iput(fs, ip);
	ext2_statfs(fs, &after);
	CHECK_EQ(after.bfree, before.bfree);
	CHECK_EQ(t_unmount(fs), 0);
	CHECK_EQ(t_fsck(img), 0);
}

/* --- the superblock: features, state, write-back ---------------------------- */

static void t_sb_poke32(const char *img, unsigned off, uint32_t v)
{
	int fd = open(img, O_RDWR);

	if (fd < 0 || pwrite(fd, &v, 4, 1024 + off) != 4)
		abort();
	close(fd);
}

static uint32_t t_sb_peek(const char *img, unsigned off, unsigned size)
{
	uint32_t v = 0;
	int fd = open(img, O_RDONLY);

	if (fd < 0 || pread(fd, &v, size, 1024 + off) != (ssize_t)size)
		abort();
	close(fd);
	return v;
}

TEST(ext2_feature_flags_decide_the_mount)
{
	const char *img = t_path("fimg");
	uint32_t incompat, ro_compat;
	ext2_inode_t *ip;
	ext2_fs_t *fs;

	CHECK_EQ(t_mkfs(img, NULL, 1024, 2048), 0);
	incompat = t_sb_peek(img, 96, 4);
	ro_compat = t_sb_peek(img, 100, 4);
	CHECK_EQ(incompat, EXT2_FEATURE_INCOMPAT_FILETYPE);
	CHECK_EQ(ro_compat, 3);                 /* sparse_super, large_file */
	t_sb_poke32(img, 96, incompat | 0x40);  /* extents */
	CHECK_EQ(t_mount(img, &fs), -EINVAL);
	close(t_device.fd);
	t_sb_poke32(img, 96, incompat | 0x4);   /* a journal to recover */
	CHECK_EQ(t_mount(img, &fs), -EINVAL);
	close(t_device.fd);
	t_sb_poke32(img, 96, incompat);
	t_sb_poke32(img, 100, ro_compat | 0x8); /* huge_file: read-only */
	CHECK_EQ(t_mount(img, &fs), 0);
	CHECK(ext2_read_only(fs));
	CHECK_EQ(t_create(fs, "x", &ip), -EROFS);
	CHECK_EQ(t_device.writes, 0);
	CHECK_EQ(t_unmount(fs), 0);
	t_sb_poke32(img, 100, ro_compat);
	CHECK_EQ(t_fsck(img), 0);
}

TEST(ext2_state_is_not_clean_while_mounted)
{
	const char *img = t_path("stimg");
	ext2_fs_t *fs;

	CHECK_EQ(t_mkfs(img, NULL, 4096, 4096), 0);
	uint32_t count = t_sb_peek(img, 52, 2);

	CHECK_EQ(t_sb_peek(img, 58, 2), EXT2_VALID_FS);
	CHECK_EQ(t_mount(img, &fs), 0);
	CHECK_EQ(t_sb_peek(img, 58, 2), 0);     /* written and flushed at mount */
	CHECK_EQ(t_device.flushes, 1);
	CHECK_EQ(t_sb_peek(img, 52, 2), count + 1);
	CHECK_EQ(t_unmount(fs), 0);
	CHECK_EQ(t_sb_peek(img, 58, 2), EXT2_VALID_FS);
	CHECK_EQ(t_fsck(img), 0);
}

TEST(ext2_writes_back_lazily_and_on_sync)
{
	const char *img = t_path("wbimg");
	static uint8_t buf[64 * 1024];
	ext2_inode_t *ip;
	ext2_fs_t *fs;

	CHECK_EQ(t_mkfs(img, NULL, 4096, 8192), 0);
	CHECK_EQ(t_mount(img, &fs), 0);
	unsigned long w0 = t_device.writes;
	CHECK_EQ(t_create(fs, "lazy", &ip), 0);
	t_fill(buf, sizeof(buf), 13, 0);
	CHECK_EQ(ext2_file_write(fs, ip, 0, buf, sizeof(buf)), sizeof(buf));
	CHECK_EQ(t_device.writes, w0);          /* all in the cache */
	CHECK(ext2_dirty_blocks(fs) >= 16);
	/* Not on disk yet: debugfs sees no such file. */
	CHECK_EQ(t_debugfs_cat(img, "/lazy", (uint8_t[16]){ 0 }, 16), 0);
	CHECK_EQ(ext2_sync(fs), 0);
	CHECK_EQ(ext2_dirty_blocks(fs), 0);
	CHECK_EQ(t_device.flushes, 2);
	/* The 16 data blocks are contiguous: one merged device write for them. */
	CHECK(t_device.writes - w0 < 10);
	static uint8_t got[sizeof(buf) + 1];
	CHECK_EQ(t_debugfs_cat(img, "/lazy", got, sizeof(got)), sizeof(buf));
	CHECK(!memcmp(got, buf, sizeof(buf)));
	ext2_iput(fs, ip);
	CHECK_EQ(t_unmount(fs), 0);
	CHECK_EQ(t_fsck(img), 0);
}

/* A hashed directory (e2fsck -D builds its index) stays valid when changed. */
TEST(ext2_htree_directory_loses_its_index_flag_when_changed)
{
	const char *src = t_path("hsrc"), *img = t_path("himg");
	ext2_inode_t *dir, *ip;
	ext2_fs_t *fs;
	char p[256];

	t_sh("rm -rf %s && mkdir -p %s/big", src, src);
	for (int i = 0; i < 300; i++) {
		snprintf(p, sizeof(p), "%s/big/a_rather_long_file_name_%04d", src, i);
		t_host_file(p, 1, 0, 1);
	}
	CHECK_EQ(t_mkfs(img, src, 1024, 8192), 0);
	t_sh("e2fsck -fyD %s >/dev/null 2>&1", img);
	CHECK_EQ(t_fsck(img), 0);
	CHECK_EQ(t_stat_field(img, "/big", "Flags:") & EXT2_INDEX_FL, EXT2_INDEX_FL);
	CHECK_EQ(t_mount(img, &fs), 0);
	CHECK_EQ(t_lookup(fs, "big", &dir), 0);
	uint32_t ino, gone;
	CHECK_EQ(ext2_dir_lookup(fs, dir, "a_rather_long_file_name_0299", 28, &ino), 0);
	CHECK_EQ(ext2_dir_lookup(fs, dir, "a_rather_long_file_name_0007", 28, &gone), 0);
	CHECK_EQ(ext2_dir_remove(fs, dir, "a_rather_long_file_name_0007", 28), 0);
	CHECK_EQ(ext2_dir_lookup(fs, dir, "a_rather_long_file_name_0007", 28, &gone), -ENOENT);
	CHECK_EQ(ext2_iget(fs, gone, &ip), 0);
	ip->d->i_links_count = 0;       /* freed at the put */
	ext2_iput(fs, ip);
	CHECK_EQ(ext2_iget(fs, ino, &ip), 0);
	CHECK_EQ(ext2_dir_add(fs, dir, "newname", 7, ino, 0100644), 0);
	ip->d->i_links_count++;         /* 0299 and newname */
	CHECK_EQ(ext2_inode_dirty(fs, ip), 0);
	ext2_iput(fs, ip);
	CHECK_EQ(ext2_dir_lookup(fs, dir, "newname", 7, &gone), 0);
	CHECK_EQ(gone, ino);
	CHECK_EQ(dir->d->i_flags & EXT2_INDEX_FL, 0);
	ext2_iput(fs, dir);
	CHECK_EQ(t_unmount(fs), 0);
	CHECK_EQ(t_fsck(img), 0);
	CHECK_EQ(t_stat_field(img, "/big", "Flags:") & EXT2_INDEX_FL, 0);
}

/* --- the scheme: file: through scheme_dispatch() ----------------------------- */

static scheme_server_t srv;
static ext2fsd_t *sd;
static ext2_fs_t *sfs;
static unsigned cur_uid, cur_gid;
static const char *s_img;

static void as_user(unsigned uid, unsigned gid)
{
	cur_uid = uid;
	cur_gid = gid;
}

/* Mounts a fresh image (block size bs, from the standard tree if tree). */
static int s_setup(unsigned bs, bool tree, size_t cache)
{
	const char *src = t_path("ssrc");
	int err;

	s_img = t_path("simg.img");
	if (tree)
		t_make_tree(src);
	if (t_mkfs(s_img, tree ? src : NULL, bs, 16384))
		return -EIO;
	if ((err = t_mount_cfg(s_img, cache, &sfs)))
		return err;
	sd = ext2fsd_create(sfs, 42);
	scheme_server_init(&srv, &ext2fsd_ops, sd);
	as_user(0, 0);
	return 0;
}

/* Closes every handle and unmounts; then the image must check clean. */
static int s_teardown(void)
{
	ext2fsd_destroy(sd);
	sd = NULL;
	int err = t_unmount(sfs);
	return err ? err : t_fsck(s_img);
}

static long s_req(uint16_t op, uint64_t h, const void *buf, uint64_t len, uint64_t a0,
		  uint64_t a1)
{
	return sc_call(&srv, (abi_scheme_request_t){ .opcode = op, .handle = h,
						   .buf = (uint64_t)(uintptr_t)buf, .len = len,
						   .uid = cur_uid, .gid = cur_gid,
						   .arg = { a0, a1 } },
		       NULL);
}

static long s_open(const char *path, int flags, unsigned mode)
{
	return s_req(SCHEME_OP_OPEN, 0, path, strlen(path) + 1, (uint64_t)flags, mode);
}

static void s_close(long h)
{
	s_req(SCHEME_OP_CLOSE, (uint64_t)h, NULL, 0, 0, 0);
}

static long s_read(long h, void *buf, size_t len)
{
	return s_req(SCHEME_OP_READ, (uint64_t)h, buf, len, 0, 0);
}

static long s_write_fl(long h, const void *buf, size_t len, unsigned fl)
{
	return s_req(SCHEME_OP_WRITE, (uint64_t)h, buf, len, 0, fl);
}

static long s_write(long h, const void *buf, size_t len)
{
	return s_write_fl(h, buf, len, O_RDWR);
}

static long s_seek(long h, int64_t off, int whence)
{
	return s_req(SCHEME_OP_SEEK, (uint64_t)h, NULL, 0, (uint64_t)off, (uint64_t)whence);
}

static long s_fstat(long h, abi_stat_t *st)
{
	return s_req(SCHEME_OP_FSTAT, (uint64_t)h, st, sizeof(*st), 0, 0);
}

static long s_statvfs(long h, abi_statvfs_t *st)
{
	return s_req(SCHEME_OP_FSTATVFS, (uint64_t)h, st, sizeof(*st), 0, 0);
}

static long s_trunc(long h, uint64_t len)
{
	return s_req(SCHEME_OP_FTRUNCATE, (uint64_t)h, NULL, 0, len, 0);
}

static long s_path_op(uint16_t op, const char *path)
{
	return s_req(op, 0, path, strlen(path) + 1, 0, 0);
}

static long s_two(uint16_t op, const char *a, const char *b)
{
	char buf[1024];
	size_t la = strlen(a) + 1, lb = strlen(b) + 1;

	memcpy(buf, a, la);
	memcpy(buf + la, b, lb);
	return s_req(op, 0, buf, la + lb, 0, 0);
}

/* mkdir; 0 or -errno. */
static long s_mkdir(const char *path, unsigned mode)
{
	long h = s_open(path, MKDIR_FL, mode);

	if (h < 0)
		return h;
	s_close(h);
	return 0;
}

/* stat(path) through open(O_PATH); -errno or 0. */
static long s_stat(const char *path, abi_stat_t *st)
{
	long h = s_open(path, ABI_O_PATH, 0);

	if (h < 0)
		return h;
	long r = s_fstat(h, st);
	s_close(h);
	return r;
}

/* Writes a whole new file. */
static long s_put(const char *path, const void *buf, size_t len)
{
	long h = s_open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644), n;

	if (h < 0)
		return h;
	n = s_write(h, buf, len);
	s_close(h);
	return n;
}

/* Reads a whole file into buf (up to cap); its length or -errno. */
static long s_get(const char *path, void *buf, size_t cap)
{
	long h = s_open(path, O_RDONLY, 0), n, total = 0;

	if (h < 0)
		return h;
	while ((n = s_read(h, (char *)buf + total, cap - (size_t)total)) > 0)
		total += n;
	s_close(h);
	return n < 0 ? n : total;
}

TEST(ext2fsd_open_create_write_read)
{
	uint8_t buf[8192], want[16];
	abi_stat_t st, root0, root1;
	long h;

	CHECK_EQ(s_setup(1024, true, 256), 0);
	CHECK_EQ(s_get("/small", buf, sizeof(buf)), 10);
	t_fill(want, 10, 1, 0);
	CHECK(!memcmp(buf, want, 10));
	CHECK_EQ(s_get("/dir/sub/../../small", buf, sizeof(buf)), 10);

	h = s_open("/new", O_CREAT | O_RDWR, 0640);
	CHECK(h > 0);
	t_fill(buf, 5000, 20, 0);
	CHECK_EQ(s_write(h, buf, 5000), 5000);
	CHECK_EQ(s_fstat(h, &st), 0);
	CHECK_EQ(st.size, 5000);
	CHECK_EQ(st.mode, ABI_S_IFREG | 0640);
	CHECK_EQ(st.nlink, 1);
	CHECK_EQ(st.blksize, 1024);
	CHECK_EQ(st.blocks, 5 * 2);
	CHECK_EQ(st.mtime_ns, t_clock_ns);      /* nanoseconds kept */
	CHECK_EQ(s_seek(h, 0, SEEK_SET), 0);
	CHECK_EQ(s_read(h, buf + 5000, 3000), 3000);
	CHECK(!memcmp(buf, buf + 5000, 3000));
	s_close(h);

	CHECK_EQ(s_open("/new", O_CREAT | O_EXCL | O_RDWR, 0640), -EEXIST);
	CHECK_EQ(s_open("/missing", O_RDONLY, 0), -ENOENT);
	CHECK_EQ(s_open("/small/x", O_RDONLY, 0), -ENOTDIR);
	CHECK_EQ(s_open("/small", O_RDONLY | O_DIRECTORY, 0), -ENOTDIR);
	CHECK_EQ(s_open("/dir", O_WRONLY, 0), -EISDIR);
	h = s_open("/new", O_WRONLY | O_TRUNC, 0);
	CHECK(h > 0);
	CHECK_EQ(s_write(h, "abc", 3), 3);
	CHECK_EQ(s_seek(h, 0, SEEK_SET), 0);
	CHECK_EQ(s_write_fl(h, "def", 3, O_WRONLY | O_APPEND), 3);
	CHECK_EQ(s_fstat(h, &st), 0);
	CHECK_EQ(st.size, 6);
	CHECK_EQ(st.blocks, 2);
	CHECK_EQ(s_req(SCHEME_OP_FSYNC, (uint64_t)h, NULL, 0, 0, 0), 0);
	CHECK_EQ(t_device.flushes, 2);          /* mount, fsync */
	s_close(h);

	CHECK_EQ(s_stat("/", &root0), 0);
	h = s_open("/d1", MKDIR_FL, 0755);
	CHECK(h > 0);
	CHECK_EQ(s_fstat(h, &st), 0);
	CHECK_EQ(st.mode, ABI_S_IFDIR | 0755);
	CHECK_EQ(st.nlink, 2);
	CHECK_EQ(st.size, 1024);
	s_close(h);
	CHECK_EQ(s_open("/d1", MKDIR_FL, 0755), -EEXIST);
	CHECK_EQ(s_stat("/", &root1), 0);
	CHECK_EQ(root1.nlink, root0.nlink + 1);
	h = s_open("/d1/inner", O_CREAT | O_WRONLY, 0600);
	CHECK(h > 0);
	s_close(h);
	CHECK_EQ(s_teardown(), 0);
	CHECK_EQ(t_debugfs_cat(s_img, "/new", buf, sizeof(buf)), 6);
	CHECK(!memcmp(buf, "abcdef", 6));
	CHECK_EQ(t_stat_field(s_img, "/d1", "Links:"), 2);
	CHECK_EQ(t_stat_field(s_img, "/d1/inner", "Mode:"), 0600);
}

TEST(ext2fsd_getdents_lists_every_name_once)
{
	char buf[128];
	int seen[200] = { 0 }, count = 0;
	long h, n;

	CHECK_EQ(s_setup(1024, true, 256), 0);
	h = s_open("/dir/many", O_RDONLY | O_DIRECTORY, 0);
	CHECK(h > 0);
	CHECK_EQ(s_req(SCHEME_OP_GETDENTS, (uint64_t)h, buf, 8, 0, 0), -EINVAL);
	while ((n = s_req(SCHEME_OP_GETDENTS, (uint64_t)h, buf, sizeof(buf), 0, 0)) > 0) {
		for (long off = 0; off < n;) {
			abi_dirent_t *e = (abi_dirent_t *)(buf + off);
			CHECK(e->reclen > 0 && off + e->reclen <= n);
			if (e->name[0] == 'f') {
				int i = atoi(e->name + 1);
				CHECK(i >= 0 && i < 200 && !seen[i]++);
				CHECK_EQ(e->type, ABI_DT_REG);
			} else {
				CHECK(!strcmp(e->name, ".") || !strcmp(e->name, ".."));
				CHECK_EQ(e->type, ABI_DT_DIR);
			}
			count++;
			off += e->reclen;
		}
	}
	CHECK_EQ(n, 0);
	CHECK_EQ(count, 202);
	/* Rewound, the listing starts again. */
	CHECK_EQ(s_seek(h, 0, SEEK_SET), 0);
	CHECK(s_req(SCHEME_OP_GETDENTS, (uint64_t)h, buf, sizeof(buf), 0, 0) > 0);
	s_close(h);
	CHECK_EQ(s_teardown(), 0);
}

TEST(ext2fsd_permissions_and_owners)
{
	abi_stat_t st;
	long h;

	CHECK_EQ(s_setup(4096, false, 256), 0);
	as_user(1000, 1000);
	CHECK_EQ(s_open("/x", O_CREAT | O_WRONLY, 0644), -EACCES);
	as_user(0, 0);
	h = s_open("/pub", MKDIR_FL, 0777);
	CHECK(h > 0);
	s_close(h);
	as_user(1000, 1000);
	h = s_open("/pub/mine", O_CREAT | O_RDWR, 0600);
	CHECK(h > 0);
	CHECK_EQ(s_fstat(h, &st), 0);
	CHECK_EQ(st.uid, 1000);
	CHECK_EQ(st.gid, 1000);
	as_user(2000, 2000);
	CHECK_EQ(s_open("/pub/mine", O_RDONLY, 0), -EACCES);
	CHECK_EQ(s_req(SCHEME_OP_FCHMOD, (uint64_t)h, NULL, 0, 0666, 0), -EPERM);
	CHECK_EQ(s_req(SCHEME_OP_FCHOWN, (uint64_t)h, NULL, 0, 2000, 2000), -EPERM);
	as_user(1000, 1000);
	CHECK_EQ(s_req(SCHEME_OP_FCHMOD, (uint64_t)h, NULL, 0, 04640, 0), 0);
	CHECK_EQ(s_fstat(h, &st), 0);
	CHECK_EQ(st.mode, ABI_S_IFREG | 04640);
	CHECK_EQ(s_write(h, "x", 1), 1);        /* an unprivileged write drops set-user-ID */
	CHECK_EQ(s_fstat(h, &st), 0);
	CHECK_EQ(st.mode, ABI_S_IFREG | 0640);
	as_user(0, 0);
	CHECK_EQ(s_req(SCHEME_OP_FCHOWN, (uint64_t)h, NULL, 0, 70000, 70001), 0);
	CHECK_EQ(s_fstat(h, &st), 0);
	CHECK_EQ(st.uid, 70000);                /* the high 16 bits too */
	CHECK_EQ(st.gid, 70001);
	as_user(1000, 1000);
	CHECK_EQ(s_req(SCHEME_OP_FCHOWN, (uint64_t)h, NULL, 0, 1000, 1000), -EPERM);
	s_close(h);
	/* The sticky bit: others' names stay. */
	as_user(0, 0);
	h = s_open("/pub", O_RDONLY | O_DIRECTORY, 0);
	CHECK_EQ(s_req(SCHEME_OP_FCHMOD, (uint64_t)h, NULL, 0, 01777, 0), 0);
	s_close(h);
	as_user(1000, 1000);
	CHECK_EQ(s_put("/pub/ours", "1", 1), 1);
	as_user(2000, 2000);
	CHECK_EQ(s_path_op(SCHEME_OP_UNLINK, "/pub/ours"), -EPERM);
	as_user(1000, 1000);
	CHECK_EQ(s_path_op(SCHEME_OP_UNLINK, "/pub/ours"), 0);
	CHECK_EQ(s_teardown(), 0);
	CHECK_EQ(t_stat_field(s_img, "/pub/mine", "User:"), 70000);
	CHECK_EQ(t_stat_field(s_img, "/pub/mine", "Group:"), 70001);
	CHECK_EQ(t_stat_field(s_img, "/pub/mine", "Mode:"), 0640);
}

TEST(ext2fsd_rename_moves_and_replaces)
{
	abi_stat_t a, b, st, root0, root1;
	uint8_t buf[64];
	long h;

	CHECK_EQ(s_setup(1024, true, 256), 0);
	CHECK_EQ(s_mkdir("/a", 0755), 0);
	CHECK_EQ(s_mkdir("/a/sub", 0755), 0);
	CHECK_EQ(s_mkdir("/b", 0755), 0);
	CHECK_EQ(s_put("/a/sub/f", "moved", 5), 5);
	CHECK_EQ(s_two(SCHEME_OP_RENAME, "/a/sub", "/b/sub"), 0);
	CHECK_EQ(s_stat("/a", &a), 0);
	CHECK_EQ(s_stat("/b", &b), 0);
	CHECK_EQ(a.nlink, 2);
	CHECK_EQ(b.nlink, 3);
	CHECK_EQ(s_stat("/b/sub/..", &st), 0);  /* ".." follows the move */
	CHECK_EQ(st.ino, b.ino);
	CHECK_EQ(s_stat("/a/sub", &st), -ENOENT);

	/* Over a file with two names: the other name keeps it. */
	CHECK_EQ(s_two(SCHEME_OP_RENAME, "/b/sub/f", "/small"), 0);
	CHECK_EQ(s_get("/small", buf, sizeof(buf)), 5);
	CHECK(!memcmp(buf, "moved", 5));
	CHECK_EQ(s_stat("/hard", &st), 0);
	CHECK_EQ(st.nlink, 1);
	CHECK_EQ(s_get("/hard", buf, sizeof(buf)), 10);

	CHECK_EQ(s_two(SCHEME_OP_RENAME, "/b", "/b/sub/x"), -EINVAL);
	CHECK_EQ(s_two(SCHEME_OP_RENAME, "/b", "/dir"), -ENOTEMPTY);
	CHECK_EQ(s_two(SCHEME_OP_RENAME, "/small", "/a"), -EISDIR);
	CHECK_EQ(s_two(SCHEME_OP_RENAME, "/a", "/small"), -ENOTDIR);
	CHECK_EQ(s_two(SCHEME_OP_RENAME, "/nothing", "/x"), -ENOENT);

	/* A directory over an empty one elsewhere. */
	CHECK_EQ(s_mkdir("/e", 0755), 0);
	CHECK_EQ(s_stat("/", &root0), 0);
	CHECK_EQ(s_two(SCHEME_OP_RENAME, "/b/sub", "/e"), 0);
	CHECK_EQ(s_stat("/", &root1), 0);
	CHECK_EQ(root1.nlink, root0.nlink);     /* lost e's "..", gained sub's */
	CHECK_EQ(s_stat("/b", &b), 0);
	CHECK_EQ(b.nlink, 2);
	CHECK_EQ(s_stat("/e/..", &st), 0);
	CHECK_EQ(st.ino, EXT2_ROOT_INO);
	/* Within one directory, many times: the records' slack is reused. */
	CHECK_EQ(s_put("/a/r0", "r", 1), 1);
	for (int i = 0; i < 300; i++) {
		char from[32], to[32];
		snprintf(from, sizeof(from), "/a/r%d", i);
		snprintf(to, sizeof(to), "/a/r%d", i + 1);
		CHECK_EQ(s_two(SCHEME_OP_RENAME, from, to), 0);
	}
	CHECK_EQ(s_stat("/a", &a), 0);
	CHECK_EQ(a.size, 1024);
	h = s_open("/a/r300", O_RDONLY, 0);
	CHECK(h > 0);
	s_close(h);
	CHECK_EQ(s_teardown(), 0);
	CHECK_EQ(t_debugfs_cat(s_img, "/small", buf, sizeof(buf)), 5);
	CHECK(!memcmp(buf, "moved", 5));
	CHECK_EQ(t_stat_field(s_img, "/hard", "Links:"), 1);
}

TEST(ext2fsd_unlinked_file_lives_until_closed)
{
	static uint8_t buf[10240], got[10240];
	abi_statvfs_t v0, v1, v2;
	abi_stat_t root0, root1;
	long h, hr;

	CHECK_EQ(s_setup(1024, false, 256), 0);
	hr = s_open("/", O_RDONLY | O_DIRECTORY, 0);
	CHECK_EQ(s_statvfs(hr, &v0), 0);
	h = s_open("/tmpf", O_CREAT | O_RDWR, 0644);
	t_fill(buf, sizeof(buf), 30, 0);
	CHECK_EQ(s_write(h, buf, sizeof(buf)), sizeof(buf));
	CHECK_EQ(s_statvfs(hr, &v1), 0);
	CHECK_EQ(v0.ffree - v1.ffree, 1);
	CHECK_EQ(v0.bfree - v1.bfree, 10);
	CHECK_EQ(s_path_op(SCHEME_OP_UNLINK, "/tmpf"), 0);
	CHECK_EQ(s_open("/tmpf", O_RDONLY, 0), -ENOENT);
	CHECK_EQ(s_seek(h, 0, SEEK_SET), 0);
	CHECK_EQ(s_read(h, got, sizeof(got)), sizeof(got));
	CHECK(!memcmp(got, buf, sizeof(buf)));
	CHECK_EQ(s_statvfs(hr, &v2), 0);
	CHECK_EQ(v2.ffree, v1.ffree);           /* still held */
	s_close(h);
	CHECK_EQ(s_statvfs(hr, &v2), 0);
	CHECK_EQ(v2.ffree, v0.ffree);
	CHECK_EQ(v2.bfree, v0.bfree);
	CHECK_EQ(s_path_op(SCHEME_OP_UNLINK, "/tmpf"), -ENOENT);

	CHECK_EQ(s_stat("/", &root0), 0);
	CHECK_EQ(s_mkdir("/dd", 0755), 0);
	CHECK_EQ(s_put("/dd/f", "x", 1), 1);
	CHECK_EQ(s_path_op(SCHEME_OP_RMDIR, "/dd"), -ENOTEMPTY);
	CHECK_EQ(s_path_op(SCHEME_OP_UNLINK, "/dd"), -EISDIR);
	CHECK_EQ(s_path_op(SCHEME_OP_RMDIR, "/dd/f"), -ENOTDIR);
	CHECK_EQ(s_path_op(SCHEME_OP_UNLINK, "/dd/f"), 0);
	h = s_open("/dd", O_RDONLY | O_DIRECTORY, 0);
	CHECK_EQ(s_path_op(SCHEME_OP_RMDIR, "/dd"), 0);
	CHECK_EQ(s_req(SCHEME_OP_GETDENTS, (uint64_t)h, got, sizeof(got), 0, 0), 0);
	CHECK_EQ(s_open("/dd/new", O_CREAT | O_RDWR, 0644), -ENOENT);
	s_close(h);
	CHECK_EQ(s_stat("/", &root1), 0);
	CHECK_EQ(root1.nlink, root0.nlink);
	CHECK_EQ(s_statvfs(hr, &v2), 0);
	CHECK_EQ(v2.ffree, v0.ffree);
	CHECK_EQ(v2.bfree, v0.bfree);
	CHECK_EQ(v2.bsize, 1024);
	CHECK_EQ(v2.namemax, 255);
	s_close(hr);
	CHECK_EQ(s_teardown(), 0);
}

TEST(ext2fsd_links_and_symlinks)
{
	char target[201], buf[256];
	abi_stat_t st;
	long h;

	CHECK_EQ(s_setup(1024, true, 256), 0);
	CHECK_EQ(s_two(SCHEME_OP_SYMLINK, "small", "/s1"), 0);
	memset(target, 'y', 200);
	memcpy(target, "/dir/", 5);
	target[200] = '\0';
	CHECK_EQ(s_two(SCHEME_OP_SYMLINK, target, "/s2"), 0);
	CHECK_EQ(s_two(SCHEME_OP_SYMLINK, "dir", "/sd"), 0);
	CHECK_EQ(s_two(SCHEME_OP_SYMLINK, "x", "/s1"), -EEXIST);
	CHECK_EQ(s_get("/s1", buf, sizeof(buf)), 10);
	CHECK_EQ(s_get("/sd/sub/deep.txt", buf, sizeof(buf)), 256);
	CHECK_EQ(s_open("/s1", O_RDONLY | ABI_O_NOFOLLOW, 0), -ELOOP);
	CHECK_EQ(s_open("/s2", O_RDONLY, 0), -ENOENT);
	h = s_open("/s1", O_RDONLY | ABI_O_SYMLINK, 0);
	CHECK(h > 0);
	CHECK_EQ(s_read(h, buf, sizeof(buf)), 5);
	CHECK(!memcmp(buf, "small", 5));
	CHECK_EQ(s_fstat(h, &st), 0);
	CHECK_EQ(st.mode, ABI_S_IFLNK | 0777);
	CHECK_EQ(st.size, 5);
	CHECK_EQ(st.blocks, 0);                 /* fast: in the inode */
	s_close(h);
	h = s_open("/s2", O_RDONLY | ABI_O_SYMLINK, 0);
	CHECK_EQ(s_read(h, buf, sizeof(buf)), 200);
	CHECK(!memcmp(buf, target, 200));
	CHECK_EQ(s_fstat(h, &st), 0);
	CHECK_EQ(st.blocks, 2);                 /* slow: one block */
	s_close(h);

	CHECK_EQ(s_two(SCHEME_OP_LINK, "/small", "/l2"), 0);
	CHECK_EQ(s_stat("/l2", &st), 0);
	CHECK_EQ(st.nlink, 3);
	CHECK_EQ(s_two(SCHEME_OP_LINK, "/dir", "/l3"), -EPERM);
	CHECK_EQ(s_two(SCHEME_OP_LINK, "/small", "/hard"), -EEXIST);
	CHECK_EQ(s_path_op(SCHEME_OP_UNLINK, "/s2"), 0);
	CHECK_EQ(s_teardown(), 0);
	CHECK_EQ(t_debugfs_cat(s_img, "/l2", (uint8_t *)buf, sizeof(buf)), 10);
	CHECK_EQ(t_stat_field(s_img, "/small", "Links:"), 3);
	CHECK_EQ(t_stat_field(s_img, "/s1", "Size:"), 5);
}

TEST(ext2fsd_truncate_and_times)
{
	uint8_t buf[4096];
	abi_stat_t st;
	long h;

	CHECK_EQ(s_setup(1024, false, 256), 0);
	h = s_open("/t", O_CREAT | O_RDWR, 0644);
	t_fill(buf, 3072, 40, 0);
	CHECK_EQ(s_write(h, buf, 3072), 3072);
	CHECK_EQ(s_trunc(h, 100000), 0);
	CHECK_EQ(s_fstat(h, &st), 0);
	CHECK_EQ(st.size, 100000);
	CHECK_EQ(st.blocks, 6);                 /* growing makes a hole */
	CHECK_EQ(s_seek(h, 50000, SEEK_SET), 50000);
	CHECK_EQ(s_read(h, buf, 100), 100);
	for (int i = 0; i < 100; i++)
		CHECK_EQ(buf[i], 0);
	CHECK_EQ(s_seek(h, 0, ABI_SEEK_HOLE), 3072);
	CHECK_EQ(s_seek(h, 3072, ABI_SEEK_DATA), -ENXIO);
	CHECK_EQ(s_trunc(h, 1000), 0);
	CHECK_EQ(s_fstat(h, &st), 0);
	CHECK_EQ(st.blocks, 2);
	CHECK_EQ(s_trunc(h, 2048), 0);
	CHECK_EQ(s_seek(h, 0, SEEK_SET), 0);
	CHECK_EQ(s_read(h, buf, sizeof(buf)), 2048);
	CHECK_EQ(buf[999], t_pat(40, 999));
	CHECK_EQ(buf[1000], 0);                 /* cut bytes do not come back */

	t_clock_ns += 5000000000LL;
	CHECK_EQ(s_write(h, "z", 1), 1);
	CHECK_EQ(s_fstat(h, &st), 0);
	CHECK_EQ(st.mtime_ns, t_clock_ns);
	CHECK_EQ(st.ctime_ns, t_clock_ns);
	abi_file_timespec_t times[2] = { { 1000000000, 5 }, { 2000000000, 123456789 } };
	CHECK_EQ(s_req(SCHEME_OP_FUTIMENS, (uint64_t)h, times, sizeof(times), 0, 0), 0);
	CHECK_EQ(s_fstat(h, &st), 0);
	CHECK_EQ(st.atime_ns, 1000000000LL * 1000000000LL + 5);
	CHECK_EQ(st.mtime_ns, 2000000000LL * 1000000000LL + 123456789);
	times[0].nsec = ABI_UTIME_OMIT;
	times[1].nsec = ABI_UTIME_NOW;
	CHECK_EQ(s_req(SCHEME_OP_FUTIMENS, (uint64_t)h, times, sizeof(times), 0, 0), 0);
	CHECK_EQ(s_fstat(h, &st), 0);
	CHECK_EQ(st.atime_ns, 1000000000LL * 1000000000LL + 5);
	CHECK_EQ(st.mtime_ns, t_clock_ns);
	times[1] = (abi_file_timespec_t){ 2000000000, 0 };
	CHECK_EQ(s_req(SCHEME_OP_FUTIMENS, (uint64_t)h, times, sizeof(times), 0, 0), 0);
	as_user(1000, 1000);
	CHECK_EQ(s_req(SCHEME_OP_FUTIMENS, (uint64_t)h, times, sizeof(times), 0, 0), -EPERM);
	CHECK_EQ(s_trunc(h, (uint64_t)1 << 40), -EFBIG);
	s_close(h);
	as_user(0, 0);
	CHECK_EQ(s_teardown(), 0);
	CHECK_EQ(t_stat_field(s_img, "/t", "mtime:"), 2000000000);
	CHECK_EQ(t_stat_field(s_img, "/t", "Size:"), 2049);
}

/* --- a random workload on a tree, against a model ------------------------------ */

#define M_SLOTS 24              /* names /r0..r2/n0..n7 */
#define M_FILES 64
#define M_CAP   (24 * 1024)

typedef struct m_file {
	uint8_t data[M_CAP];
	size_t size;
	int links;
} m_file_t;

static m_file_t *m_files;
static int m_slot[M_SLOTS];     /* the file a name holds, or -1 */

static void m_name(int slot, char *out)
{
	sprintf(out, "/r%d/n%d", slot / 8, slot % 8);
}

static int m_new_file(void)
{
	for (int i = 0; i < M_FILES; i++)
		if (!m_files[i].links) {
			m_files[i].size = 0;
			m_files[i].links = 1;
			return i;
		}
	return -1;
}

static void m_drop(int slot)
{
	if (m_slot[slot] >= 0)
		m_files[m_slot[slot]].links--;
	m_slot[slot] = -1;
}

/* One random operation, done on both; false when they disagree. */
static bool m_step(void)
{
	int a = rand() % M_SLOTS, b = rand() % M_SLOTS, kind = rand() % 10;
	char na[32], nb[32];
	static uint8_t buf[M_CAP];

	m_name(a, na);
	m_name(b, nb);
	if (kind < 4) {                 /* write somewhere */
		size_t off = (size_t)rand() % (M_CAP - 4096), len = (size_t)rand() % 4096;
		long h = s_open(na, O_CREAT | O_RDWR, 0644);
		if (m_slot[a] < 0 && (m_slot[a] = m_new_file()) < 0)
			return false;
		m_file_t *f = &m_files[m_slot[a]];
		for (size_t i = 0; i < len; i++)
			buf[i] = (uint8_t)rand();
		if (h < 0 || s_seek(h, (int64_t)off, SEEK_SET) != (long)off ||
		    s_write(h, buf, len) != (long)len)
			return false;
		s_close(h);
		if (off > f->size)
			memset(f->data + f->size, 0, off - f->size);
		memcpy(f->data + off, buf, len);
		if (len && off + len > f->size)
			f->size = off + len;
	} else if (kind == 4) {         /* truncate */
		size_t ns = (size_t)rand() % M_CAP;
		long h = s_open(na, O_RDWR, 0);
		if (m_slot[a] < 0)
			return h == -ENOENT;
		m_file_t *f = &m_files[m_slot[a]];
		if (h < 0 || s_trunc(h, ns))
			return false;
		s_close(h);
		if (ns > f->size)
			memset(f->data + f->size, 0, ns - f->size);
		f->size = ns;
	} else if (kind == 5) {         /* rename a over b */
		long r = s_two(SCHEME_OP_RENAME, na, nb);
		if (m_slot[a] < 0)
			return r == -ENOENT;
		if (r)
			return false;
		if (m_slot[a] != m_slot[b]) {
			m_drop(b);
			m_slot[b] = m_slot[a];
			m_slot[a] = -1;
		}
	} else if (kind == 6) {         /* link a as b */
		long r = s_two(SCHEME_OP_LINK, na, nb);
		if (m_slot[a] < 0)
			return r == -ENOENT;
		if (m_slot[b] >= 0)
			return r == -EEXIST;
		if (r)
			return false;
		m_slot[b] = m_slot[a];
		m_files[m_slot[a]].links++;
	} else if (kind == 7) {         /* unlink */
		long r = s_path_op(SCHEME_OP_UNLINK, na);
		if (m_slot[a] < 0)
			return r == -ENOENT;
		if (r)
			return false;
		m_drop(a);
	} else {                        /* read back */
		long n = s_get(na, buf, sizeof(buf));
		if (m_slot[a] < 0)
			return n == -ENOENT;
		m_file_t *f = &m_files[m_slot[a]];
		return n == (long)f->size && !memcmp(buf, f->data, f->size);
	}
	return true;
}

static void t_random_tree(unsigned bs)
{
	static uint8_t got[M_CAP + 1];
	abi_stat_t st;
	char name[32];

	m_files = calloc(M_FILES, sizeof(*m_files));
	srand(77 + bs);
	CHECK_EQ(s_setup(bs, false, 80), 0);    /* a small cache: write-back under way */
	for (int i = 0; i < 3; i++) {
		sprintf(name, "/r%d", i);
		CHECK_EQ(s_mkdir(name, 0755), 0);
	}
	for (int i = 0; i < M_SLOTS; i++)
		m_slot[i] = -1;
	for (int op = 0; op < 3000; op++) {
		if (!m_step()) {
			fprintf(stderr, "operation %d disagrees with the model\n", op);
			CHECK(false);
		}
		if (op % 500 == 0)
			CHECK_EQ(ext2_sync(sfs), 0);
	}
	for (int i = 0; i < M_SLOTS; i++) {
		m_name(i, name);
		if (m_slot[i] >= 0) {
			CHECK_EQ(s_stat(name, &st), 0);
			CHECK_EQ(st.nlink, m_files[m_slot[i]].links);
		}
	}
	CHECK_EQ(s_teardown(), 0);
	for (int i = 0; i < M_SLOTS; i++) {
		m_name(i, name);
		if (m_slot[i] < 0)
			continue;
		m_file_t *f = &m_files[m_slot[i]];
		CHECK_EQ(t_debugfs_cat(s_img, name, got, sizeof(got)), (long)f->size);
		CHECK(!memcmp(got, f->data, f->size));
	}
	free(m_files);
}

TEST(ext2fsd_random_tree_vs_model_1k)
{
	t_random_tree(1024);
}

TEST(ext2fsd_random_tree_vs_model_4k)
{
	t_random_tree(4096);
}

/* --- the device: the driver dies, ext2fsd reopens and retries ------------------ */

/* A fake disk driver over an image file: dies every kill_every transfers,
 * stays away for `down` open attempts, or for good with down < 0. */
static struct {
	int real_fd;
	int gen, fd_gen;        /* the driver's incarnation, the descriptor's */
	unsigned ops, kill_every;
	int down, down_left;
	unsigned sleeps, kills;
} fk;

static int fk_open(const char *path)
{
	(void)path;
	if (fk.down < 0 || fk.down_left > 0) {
		fk.down_left--;
		return -ENOENT;
	}
	fk.fd_gen = fk.gen;
	return 100;
}

static void fk_close(int fd)
{
	(void)fd;
}

/* Whether this transfer finds the driver dead (and kills it on schedule). */
static bool fk_dead(int fd)
{
	if (fd != 100 || fk.fd_gen != fk.gen)
		return true;
	if (fk.kill_every && ++fk.ops % fk.kill_every == 0) {
		fk.gen++;
		fk.kills++;
		fk.down_left = fk.down;
		return true;
	}
	return false;
}

static long fk_pread(int fd, void *buf, size_t len, uint64_t off)
{
	if (fk_dead(fd))
		return -EIO;
	/* Half the transfer, then the rest on the next call: partial I/O too. */
	size_t n = len > 1024 ? len / 2 : len;
	return pread(fk.real_fd, buf, n, (off_t)off);
}

static long fk_pwrite(int fd, const void *buf, size_t len, uint64_t off)
{
	if (fk_dead(fd))
		return -EIO;
	return pwrite(fk.real_fd, buf, len, (off_t)off);
}

static int fk_fsync(int fd)
{
	return fk_dead(fd) ? -EIO : 0;
}

static void fk_sleep(unsigned ms)
{
	(void)ms;
	fk.sleeps++;
}

static const ext2fsd_disk_sys_t fk_sys = {
	.open = fk_open, .close = fk_close, .pread = fk_pread, .pwrite = fk_pwrite,
	.fsync = fk_fsync, .sleep_ms = fk_sleep,
};

TEST(ext2fsd_disk_reopens_and_retries_when_the_driver_dies)
{
	const char *img = t_path("kimg");
	static uint8_t buf[256 * 1024], got[256 * 1024 + 1];
	ext2_config_t cfg = { .cache_blocks = 64, .inode_cache = 16, .now = t_now };
	ext2fsd_disk_t disk;
	ext2_inode_t *ip;
	ext2_fs_t *fs;

	CHECK_EQ(t_mkfs(img, NULL, 1024, 8192), 0);
	memset(&fk, 0, sizeof(fk));
	fk.real_fd = open(img, O_RDWR);
	fk.kill_every = 3;
	fk.down = 3;
	CHECK_EQ(ext2fsd_disk_open(&disk, &fk_sys, "disk.fake0:1"), 0);
	ext2_dev_t dev = ext2fsd_disk_dev(&disk);
	CHECK_EQ(ext2_mount(&dev, &cfg, &fs), 0);
	CHECK_EQ(t_create(fs, "survivor", &ip), 0);
	t_fill(buf, sizeof(buf), 50, 0);
	for (size_t off = 0; off < sizeof(buf); off += 8192)
		CHECK_EQ(ext2_file_write(fs, ip, off, buf + off, 8192), 8192);
	CHECK_EQ(ext2_sync(fs), 0);
	CHECK_EQ(ext2_file_read(fs, ip, 0, got, sizeof(buf)), sizeof(buf));
	CHECK(!memcmp(got, buf, sizeof(buf)));
	ext2_iput(fs, ip);
	CHECK_EQ(ext2_unmount(fs), 0);
	CHECK(fk.kills >= 10);
	CHECK_EQ(disk.reopens, fk.kills);
	CHECK_EQ(fk.sleeps, 3 * fk.kills);      /* 3 failed opens, a pause after each */
	CHECK_EQ(disk.failures, 0);
	ext2fsd_disk_close(&disk);
	close(fk.real_fd);
	CHECK_EQ(t_fsck(img), 0);
	CHECK_EQ(t_debugfs_cat(img, "/survivor", got, sizeof(got)), sizeof(buf));
	CHECK(!memcmp(got, buf, sizeof(buf)));
}

TEST(ext2fsd_disk_gives_up_after_30_seconds)
{
	static ext2fsd_disk_t disk;
	uint8_t b[512];

	memset(&fk, 0, sizeof(fk));
	fk.real_fd = open(t_path("kimg2"), O_RDWR | O_CREAT, 0644);
	CHECK(ftruncate(fk.real_fd, 65536) == 0);
	CHECK_EQ(ext2fsd_disk_open(&disk, &fk_sys, "disk.fake0:1"), 0);
	ext2_dev_t dev = ext2fsd_disk_dev(&disk);
	CHECK_EQ(dev.read(dev.ctx, 0, b, sizeof(b)), 0);
	fk.gen++;                               /* the driver dies ... */
	fk.down = -1;                           /* ... for good */
	CHECK_EQ(dev.read(dev.ctx, 0, b, sizeof(b)), -EIO);
	CHECK_EQ(fk.sleeps, 30000 / 50);
	CHECK_EQ(disk.failures, 1);
	fk.down = 0;                            /* back: the next request reopens */
	CHECK_EQ(dev.write(dev.ctx, 512, b, sizeof(b)), 0);
	CHECK_EQ(disk.reopens, 1);
	CHECK_EQ(dev.flush(dev.ctx), 0);
	ext2fsd_disk_close(&disk);
	close(fk.real_fd);
}
