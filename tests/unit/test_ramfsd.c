// SPDX-License-Identifier: MIT
/*
 * Tests for ramfsd (daemons/ramfsd): the file: scheme driven the way the
 * kernel drives it. Each call builds an abi_scheme_request_t carrying
 * the current test user's uid/gid, goes through libscheme's
 * scheme_dispatch(), and its answer is taken from the outbox
 * (scheme_call.h). Operations the protocol has no opcode for yet
 * (symlink, link, futimens) are called directly.
 *
 * Pages come from counting allocators, so tests can see that truncate,
 * unlink and close give memory back, and every test ends with
 * ramfs_destroy so LeakSanitizer sees anything left behind. The clock is
 * a variable the tests set. The random test checks a file against a
 * plain buffer model through thousands of writes, reads and truncates.
 */
#include "scheme_call.h"
#include "unit.h"

#include <daemons/ramfsd/ramfs.h>
#include <lib/initfs.h>

#include <abi/event.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_DIR   ABI_S_IFDIR
#define S_REG   ABI_S_IFREG
#define S_LNK   RAMFS_S_IFLNK
#define NOFOLLOW RAMFS_O_NOFOLLOW
#define OPATH   RAMFS_O_PATH
#define MKDIR   (O_CREAT | O_EXCL | O_DIRECTORY)
#define WTRUNC  (O_CREAT | O_WRONLY | O_TRUNC)

static scheme_server_t srv;
static ramfs_t *fs;
static int64_t clock_ns = 1000000000LL;
static long live_pages;
static unsigned cur_uid, cur_gid;

static int64_t t_clock(void)
{
	return clock_ns;
}

static void *t_page_alloc(void)
{
	void *p = malloc(RAMFS_PAGE);

	if (p)
		live_pages++;
	return p;
}

static void t_page_free(void *p)
{
	live_pages--;
	free(p);
}

static void t_setup_pages(uint64_t max_pages)
{
	ramfs_config_t cfg = {
		.max_pages = max_pages, .max_nodes = 100000, .dev = 42, .now = t_clock,
		.page_alloc = t_page_alloc, .page_free = t_page_free,
	};

	if (fs)
		ramfs_destroy(fs);
	fs = ramfs_create(&cfg);
	scheme_server_init(&srv, &ramfs_ops, fs);
	cur_uid = cur_gid = 0;
	clock_ns = 1000000000LL;
}

static void t_setup(void)
{
	t_setup_pages(1 << 20);
}

/* Ends a test: frees everything, and no page may be left. */
static bool t_teardown(void)
{
	ramfs_destroy(fs);
	fs = NULL;
	return live_pages == 0;
}

static void as_user(unsigned uid, unsigned gid)
{
	cur_uid = uid;
	cur_gid = gid;
}

static long t_req(uint16_t op, uint64_t h, const void *buf, uint64_t len, uint64_t a0,
		  uint64_t a1)
{
	return sc_call(&srv, (abi_scheme_request_t){ .opcode = op, .handle = h,
						   .buf = (uint64_t)(uintptr_t)buf, .len = len,
						   .uid = cur_uid, .gid = cur_gid,
						   .arg = { a0, a1 } },
		       NULL);
}

static scheme_call_t t_callctx(void)
{
	return (scheme_call_t){ .uid = cur_uid, .gid = cur_gid };
}

static long t_open(const char *path, int flags, unsigned mode)
{
	return t_req(SCHEME_OP_OPEN, 0, path, strlen(path) + 1, (uint64_t)flags, mode);
}

static void t_close(long h)
{
	t_req(SCHEME_OP_CLOSE, (uint64_t)h, NULL, 0, 0, 0);
}

static long t_read(long h, void *buf, size_t len)
{
	return t_req(SCHEME_OP_READ, (uint64_t)h, buf, len, 0, 0);
}

static long t_write_fl(long h, const void *buf, size_t len, unsigned file_flags)
{
	return t_req(SCHEME_OP_WRITE, (uint64_t)h, buf, len, 0, file_flags);
}

static long t_write(long h, const void *buf, size_t len)
{
	return t_write_fl(h, buf, len, O_RDWR);
}

static long t_seek(long h, int64_t off, int whence)
{
	return t_req(SCHEME_OP_SEEK, (uint64_t)h, NULL, 0, (uint64_t)off, (uint64_t)whence);
}

static long t_fstat(long h, abi_stat_t *st)
{
	return t_req(SCHEME_OP_FSTAT, (uint64_t)h, st, sizeof(*st), 0, 0);
}

static long t_trunc(long h, uint64_t len)
{
	return t_req(SCHEME_OP_FTRUNCATE, (uint64_t)h, NULL, 0, len, 0);
}

static long t_chmod(long h, unsigned mode)
{
	return t_req(SCHEME_OP_FCHMOD, (uint64_t)h, NULL, 0, mode, 0);
}

static long t_chown(long h, unsigned uid, unsigned gid)
{
	return t_req(SCHEME_OP_FCHOWN, (uint64_t)h, NULL, 0, uid, gid);
}

static long t_getdents(long h, void *buf, size_t len)
{
	return t_req(SCHEME_OP_GETDENTS, (uint64_t)h, buf, len, 0, 0);
}

static long t_unlink(const char *path)
{
	return t_req(SCHEME_OP_UNLINK, 0, path, strlen(path) + 1, 0, 0);
}

static long t_rmdir(const char *path)
{
	return t_req(SCHEME_OP_RMDIR, 0, path, strlen(path) + 1, 0, 0);
}

static long t_two(uint16_t op, const char *first, const char *second);

static long t_rename(const char *from, const char *to)
{
	return t_two(SCHEME_OP_RENAME, from, to);
}

static long t_dup(long h, const char *path)
{
	return t_req(SCHEME_OP_DUP, (uint64_t)h, path, strlen(path) + 1, 0, 0);
}

/* RENAME, LINK and SYMLINK: "first\0second\0". */
static long t_two(uint16_t op, const char *first, const char *second)
{
	char buf[2 * RAMFS_PATH_MAX];
	size_t a = strlen(first) + 1, b = strlen(second) + 1;

	memcpy(buf, first, a);
	memcpy(buf + a, second, b);
	return t_req(op, 0, buf, a + b, 0, 0);
}

static long t_symlink(const char *target, const char *path)
{
	return t_two(SCHEME_OP_SYMLINK, target, path);
}

static long t_link(const char *from, const char *to)
{
	return t_two(SCHEME_OP_LINK, from, to);
}

static long t_utimens(long h, int64_t as, int64_t ans, int64_t ms, int64_t mns)
{
	scheme_call_t c = t_callctx();
	ramfs_timespec_t t[2] = { { as, ans }, { ms, mns } };

	return ramfs_futimens(fs, &c, (uint64_t)h, t);
}

static long t_mkdir(const char *path, unsigned mode)
{
	long h = t_open(path, MKDIR, mode);

	if (h < 0)
		return h;
	t_close(h);
	return 0;
}

/* Creates (or truncates) path with the given contents; 0 or -errno. */
static long t_put(const char *path, unsigned mode, const char *data)
{
	long h = t_open(path, WTRUNC, mode), n;

	if (h < 0)
		return h;
	n = t_write(h, data, strlen(data));
	t_close(h);
	return n < 0 ? n : 0;
}

/* Reads path whole into buf (NUL-terminated); its length or -errno. */
static long t_get(const char *path, char *buf, size_t size)
{
	long h = t_open(path, O_RDONLY, 0), n;

	if (h < 0)
		return h;
	n = t_read(h, buf, size - 1);
	t_close(h);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

static long t_stat_fl(const char *path, abi_stat_t *st, int flags)
{
	long h = t_open(path, OPATH | flags, 0), r;

	if (h < 0)
		return h;
	r = t_fstat(h, st);
	t_close(h);
	return r;
}

static long t_stat(const char *path, abi_stat_t *st)
{
	return t_stat_fl(path, st, 0);
}

/* lstat as libc does it: O_PATH | O_SYMLINK. */
static long t_lstat(const char *path, abi_stat_t *st)
{
	return t_stat_fl(path, st, RAMFS_O_SYMLINK);
}

/* readlink as libc does it: O_RDONLY | O_SYMLINK, then read. */
static long t_readlink(const char *path, char *buf, size_t size)
{
	long h = t_open(path, O_RDONLY | RAMFS_O_SYMLINK, 0), n;

	if (h < 0)
		return h;
	n = t_read(h, buf, size - 1);
	t_close(h);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

/* The names in a directory listing, space-separated, in order. */
static long t_list(const char *path, char *out, size_t size)
{
	char buf[256] __attribute__((aligned(8)));
	long h = t_open(path, O_RDONLY | O_DIRECTORY, 0), n;
	size_t used = 0;

	if (h < 0)
		return h;
	out[0] = '\0';
	while ((n = t_getdents(h, buf, sizeof(buf))) > 0)
		for (long off = 0; off < n;) {
			abi_dirent_t *d = (abi_dirent_t *)(buf + off);
			used += (size_t)snprintf(out + used, size - used, "%s%s", used ? " " : "",
						 d->name);
			off += d->reclen;
		}
	t_close(h);
	return n;
}

/* --- opening and creating --------------------------------------------------- */

TEST(ramfsd_root_is_a_directory_owned_by_root)
{
	abi_stat_t st;

	t_setup();
	CHECK_EQ(t_stat("/", &st), 0);
	CHECK_EQ(st.mode, S_DIR | 0755);
	CHECK_EQ(st.nlink, 2);
	CHECK_EQ(st.uid, 0);
	CHECK_EQ(st.dev, 42);
	CHECK(st.ino != 0);
	CHECK_EQ(t_stat("/..", &st), 0);
	CHECK_EQ(st.mode, S_DIR | 0755);
	CHECK(t_teardown());
}

TEST(ramfsd_open_missing_or_empty_path_is_enoent)
{
	t_setup();
	CHECK_EQ(t_open("/nope", O_RDONLY, 0), -ENOENT);
	CHECK_EQ(t_open("", O_RDONLY, 0), -ENOENT);
	CHECK_EQ(t_open("/nodir/x", O_CREAT | O_RDWR, 0644), -ENOENT);
	CHECK_EQ(t_open("/x", O_ACCMODE, 0), -EINVAL);
	CHECK(t_teardown());
}

TEST(ramfsd_open_answers_ready_handles)
{
	unsigned ev = 0;

	t_setup();
	long h = sc_open(&srv, "/", O_RDONLY, &ev);
	CHECK(h >= 1);
	CHECK_EQ(ev, EVENT_READ | EVENT_WRITE);
	CHECK_EQ(t_req(SCHEME_OP_FEVENT, (uint64_t)h, NULL, 0, EVENT_READ, 0), EVENT_READ);
	CHECK_EQ(t_req(SCHEME_OP_FEVENT, 99, NULL, 0, EVENT_READ, 0), -EBADF);
	t_close(h);
	CHECK(t_teardown());
}

TEST(ramfsd_create_write_read_round_trip_with_mode_and_owner)
{
	char buf[64];
	abi_stat_t st;

	t_setup();
	as_user(1000, 100);
	CHECK_EQ(t_mkdir("/tmp", 0777), -EACCES);
	as_user(0, 0);
	CHECK_EQ(t_mkdir("/tmp", 01777), 0);
	as_user(1000, 100);
	long h = t_open("/tmp/f", O_CREAT | O_RDWR, 0640);
	CHECK(h >= 1);
	CHECK_EQ(t_write(h, "hello world", 11), 11);
	CHECK_EQ(t_seek(h, 0, SEEK_SET), 0);
	CHECK_EQ(t_read(h, buf, sizeof(buf)), 11);
	CHECK(!memcmp(buf, "hello world", 11));
	CHECK_EQ(t_read(h, buf, sizeof(buf)), 0);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.mode, S_REG | 0640);
	CHECK_EQ(st.uid, 1000);
	CHECK_EQ(st.gid, 100);
	CHECK_EQ(st.nlink, 1);
	CHECK_EQ(st.size, 11);
	CHECK_EQ(st.blocks, 8);
	CHECK_EQ(st.blksize, 4096);
	t_close(h);
	CHECK_EQ(t_get("/tmp/f", buf, sizeof(buf)), 11);
	CHECK_STR(buf, "hello world");
	CHECK(t_teardown());
}

TEST(ramfsd_each_handle_has_its_own_offset)
{
	char c;

	t_setup();
	CHECK_EQ(t_put("/f", 0644, "abcdef"), 0);
	long a = t_open("/f", O_RDONLY, 0), b = t_open("/f", O_RDONLY, 0);
	CHECK(a != b);
	CHECK_EQ(t_read(a, &c, 1), 1);
	CHECK_EQ(c, 'a');
	CHECK_EQ(t_read(a, &c, 1), 1);
	CHECK_EQ(t_read(b, &c, 1), 1);
	CHECK_EQ(c, 'a');
	long d = t_dup(a, "");
	CHECK(d >= 1);
	CHECK_EQ(t_read(d, &c, 1), 1);
	CHECK_EQ(c, 'c');       /* a copy of a's offset */
	t_close(a);
	t_close(b);
	t_close(d);
	CHECK(t_teardown());
}

TEST(ramfsd_handles_are_reused_lowest_first_and_bad_ones_are_ebadf)
{
	char c;
	abi_stat_t st;

	t_setup();
	long a = t_open("/", O_RDONLY, 0), b = t_open("/", O_RDONLY, 0),
	     c3 = t_open("/", O_RDONLY, 0);
	CHECK_EQ(a, 1);
	CHECK_EQ(b, 2);
	CHECK_EQ(c3, 3);
	t_close(2);
	CHECK_EQ(t_open("/", O_RDONLY, 0), 2);
	for (long i = 4; i < 40; i++)
		CHECK_EQ(t_open("/", O_RDONLY, 0), i);
	t_close(1000);  /* unknown: ignored */
	CHECK_EQ(t_read(1000, &c, 1), -EBADF);
	CHECK_EQ(t_write(0, &c, 1), -EBADF);
	CHECK_EQ(t_fstat(77, &st), -EBADF);
	CHECK_EQ(t_trunc(77, 0), -EBADF);
	CHECK_EQ(t_req(SCHEME_OP_FSYNC, 77, NULL, 0, 0, 0), -EBADF);
	CHECK_EQ(t_req(SCHEME_OP_FSYNC, 1, NULL, 0, 0, 0), 0);
	CHECK(t_teardown());
}

TEST(ramfsd_o_excl_refuses_existing_names_even_dangling_symlinks)
{
	t_setup();
	CHECK_EQ(t_put("/f", 0644, "x"), 0);
	CHECK_EQ(t_open("/f", O_CREAT | O_EXCL | O_RDWR, 0644), -EEXIST);
	CHECK_EQ(t_symlink("/nowhere", "/dangling"), 0);
	CHECK_EQ(t_open("/dangling", O_CREAT | O_EXCL | O_RDWR, 0644), -EEXIST);
	CHECK_EQ(t_open("/nowhere", O_RDONLY, 0), -ENOENT);
	/* Without O_EXCL the link is followed and its target created. */
	long h = t_open("/dangling", O_CREAT | O_RDWR, 0600);
	CHECK(h >= 1);
	t_close(h);
	CHECK(t_open("/nowhere", O_RDONLY, 0) >= 1);
	CHECK(t_teardown());
}

TEST(ramfsd_o_trunc_empties_a_file_and_frees_its_pages)
{
	char big[10000];
	abi_stat_t st;

	t_setup();
	memset(big, 'z', sizeof(big));
	long h = t_open("/f", O_CREAT | O_RDWR, 0644);
	CHECK_EQ(t_write(h, big, sizeof(big)), (long)sizeof(big));
	t_close(h);
	CHECK_EQ(live_pages, 3);
	/* Read-only opens leave the data alone. */
	h = t_open("/f", O_RDONLY | O_TRUNC, 0);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.size, 10000);
	t_close(h);
	h = t_open("/f", O_WRONLY | O_TRUNC, 0);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.size, 0);
	CHECK_EQ(st.blocks, 0);
	CHECK_EQ(live_pages, 0);
	t_close(h);
	CHECK(t_teardown());
}

TEST(ramfsd_o_append_writes_at_the_end_whatever_the_offset)
{
	char buf[16];

	t_setup();
	CHECK_EQ(t_put("/log", 0644, "ab"), 0);
	long h = t_open("/log", O_RDWR | O_APPEND, 0);
	CHECK_EQ(t_seek(h, 0, SEEK_SET), 0);
	CHECK_EQ(t_write_fl(h, "cd", 2, O_RDWR | O_APPEND), 2);
	CHECK_EQ(t_seek(h, 0, SEEK_CUR), 4);
	/* fcntl can turn O_APPEND off: the flags of each write decide. */
	CHECK_EQ(t_seek(h, 0, SEEK_SET), 0);
	CHECK_EQ(t_write_fl(h, "X", 1, O_RDWR), 1);
	t_close(h);
	CHECK_EQ(t_get("/log", buf, sizeof(buf)), 4);
	CHECK_STR(buf, "Xbcd");
	CHECK(t_teardown());
}

TEST(ramfsd_directories_open_read_only_and_files_are_not_directories)
{
	char c;

	t_setup();
	CHECK_EQ(t_mkdir("/d", 0755), 0);
	CHECK_EQ(t_put("/f", 0644, "x"), 0);
	CHECK_EQ(t_open("/d", O_WRONLY, 0), -EISDIR);
	CHECK_EQ(t_open("/d", O_RDWR, 0), -EISDIR);
	CHECK_EQ(t_open("/d", O_CREAT | O_RDONLY, 0644), -EISDIR);
	CHECK_EQ(t_open("/f", O_RDONLY | O_DIRECTORY, 0), -ENOTDIR);
	CHECK_EQ(t_open("/f/", O_RDONLY, 0), -ENOTDIR);
	CHECK_EQ(t_open("/f/x", O_RDONLY, 0), -ENOTDIR);
	CHECK_EQ(t_open("/new/", O_CREAT | O_RDWR, 0644), -EISDIR);
	long h = t_open("/d/", O_RDONLY, 0);
	CHECK(h >= 1);
	CHECK_EQ(t_read(h, &c, 1), -EISDIR);
	CHECK_EQ(t_trunc(h, 0), -EINVAL);
	t_close(h);
	/* O_CREAT | O_DIRECTORY without O_EXCL opens an existing directory. */
	h = t_open("/d", O_CREAT | O_DIRECTORY, 0755);
	CHECK(h >= 1);
	t_close(h);
	CHECK_EQ(t_open("/f", O_CREAT | O_DIRECTORY, 0755), -ENOTDIR);
	CHECK(t_teardown());
}

TEST(ramfsd_access_mode_limits_read_write_and_truncate)
{
	char c = 'x';

	t_setup();
	CHECK_EQ(t_put("/f", 0644, "abc"), 0);
	long r = t_open("/f", O_RDONLY, 0), w = t_open("/f", O_WRONLY, 0);
	CHECK_EQ(t_write(r, &c, 1), -EBADF);
	CHECK_EQ(t_trunc(r, 0), -EINVAL);
	CHECK_EQ(t_read(w, &c, 1), -EBADF);
	CHECK_EQ(t_trunc(w, 1), 0);
	long p = t_open("/f", OPATH, 0);
	CHECK_EQ(t_read(p, &c, 1), -EBADF);
	CHECK_EQ(t_write(p, &c, 1), -EBADF);
	CHECK_EQ(t_trunc(p, 0), -EBADF);
	CHECK_EQ(t_chmod(p, 0600), 0);          /* metadata is what O_PATH is for */
	t_close(r);
	t_close(w);
	t_close(p);
	CHECK(t_teardown());
}

/* --- data: offsets, holes, truncation, limits ------------------------------ */

TEST(ramfsd_seek_whences_and_bad_offsets)
{
	t_setup();
	CHECK_EQ(t_put("/f", 0644, "0123456789"), 0);
	long h = t_open("/f", O_RDWR, 0);
	CHECK_EQ(t_seek(h, 3, SEEK_SET), 3);
	CHECK_EQ(t_seek(h, 2, SEEK_CUR), 5);
	CHECK_EQ(t_seek(h, -1, SEEK_END), 9);
	CHECK_EQ(t_seek(h, 100, SEEK_END), 110);
	CHECK_EQ(t_seek(h, -1, SEEK_SET), -EINVAL);
	CHECK_EQ(t_seek(h, -200, SEEK_CUR), -EINVAL);
	CHECK_EQ(t_seek(h, INT64_MAX, SEEK_CUR), -EINVAL);
	CHECK_EQ(t_seek(h, 0, 99), -EINVAL);
	CHECK_EQ(t_seek(h, 0, SEEK_CUR), 110);
	t_close(h);
	CHECK(t_teardown());
}

TEST(ramfsd_writes_past_the_end_leave_holes_that_read_as_zeros)
{
	char buf[8192];
	abi_stat_t st;

	t_setup();
	long h = t_open("/sparse", O_CREAT | O_RDWR, 0644);
	CHECK_EQ(t_seek(h, 1LL << 30, SEEK_SET), 1LL << 30);
	CHECK_EQ(t_write(h, "!", 1), 1);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.size, (1LL << 30) + 1);
	CHECK_EQ(st.blocks, 8);
	CHECK_EQ(live_pages, 1);
	CHECK_EQ(t_seek(h, 12345, SEEK_SET), 12345);
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ(t_read(h, buf, sizeof(buf)), (long)sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		CHECK_EQ(buf[i], 0);
	CHECK_EQ(t_seek(h, (1LL << 30) - 2, SEEK_SET), (1LL << 30) - 2);
	CHECK_EQ(t_read(h, buf, sizeof(buf)), 3);
	CHECK(!memcmp(buf, "\0\0!", 3));
	/* Far out: the tree grows as deep as it must. */
	CHECK_EQ(t_seek(h, 1LL << 50, SEEK_SET), 1LL << 50);
	CHECK_EQ(t_write(h, "?", 1), 1);
	CHECK_EQ(live_pages, 2);
	CHECK_EQ(t_seek(h, INT64_MAX, SEEK_SET), INT64_MAX);
	CHECK_EQ(t_write(h, "?", 1), -EFBIG);
	t_close(h);
	CHECK(t_teardown());
}

TEST(ramfsd_seek_data_and_hole_find_the_written_pages)
{
	t_setup();
	long h = t_open("/s", O_CREAT | O_RDWR, 0644);
	CHECK_EQ(t_seek(h, 3 * 4096 + 10, SEEK_SET), 3 * 4096 + 10);
	CHECK_EQ(t_write(h, "data", 4), 4);
	CHECK_EQ(t_trunc(h, 10 * 4096), 0);
	CHECK_EQ(t_seek(h, 0, RAMFS_SEEK_DATA), 3 * 4096);
	CHECK_EQ(t_seek(h, 0, RAMFS_SEEK_HOLE), 0);
	CHECK_EQ(t_seek(h, 3 * 4096 + 5, RAMFS_SEEK_HOLE), 4 * 4096);
	CHECK_EQ(t_seek(h, 3 * 4096 + 5, RAMFS_SEEK_DATA), 3 * 4096 + 5);
	CHECK_EQ(t_seek(h, 4 * 4096, RAMFS_SEEK_DATA), -ENXIO);
	CHECK_EQ(t_seek(h, 10 * 4096, RAMFS_SEEK_HOLE), -ENXIO);
	CHECK_EQ(t_seek(h, 9 * 4096, RAMFS_SEEK_HOLE), 9 * 4096);
	t_close(h);
	CHECK(t_teardown());
}

TEST(ramfsd_ftruncate_grows_with_zeros_and_shrinking_frees_pages)
{
	char buf[4096 * 3];
	abi_stat_t st;

	t_setup();
	memset(buf, 'q', sizeof(buf));
	long h = t_open("/t", O_CREAT | O_RDWR, 0644);
	CHECK_EQ(t_write(h, buf, sizeof(buf)), (long)sizeof(buf));
	CHECK_EQ(live_pages, 3);
	CHECK_EQ(t_trunc(h, 100), 0);
	CHECK_EQ(live_pages, 1);
	CHECK_EQ(t_trunc(h, 9000), 0);
	CHECK_EQ(live_pages, 1);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.size, 9000);
	CHECK_EQ(t_seek(h, 0, SEEK_SET), 0);
	CHECK_EQ(t_read(h, buf, sizeof(buf)), 9000);
	for (int i = 0; i < 100; i++)
		CHECK_EQ(buf[i], 'q');
	for (int i = 100; i < 9000; i++)
		CHECK_EQ(buf[i], 0);   /* the old bytes do not come back */
	CHECK_EQ(t_trunc(h, (uint64_t)-5), -EINVAL);
	CHECK_EQ(t_trunc(h, 0), 0);
	CHECK_EQ(live_pages, 0);
	t_close(h);
	CHECK(t_teardown());
}

TEST(ramfsd_full_file_system_is_enospc_after_a_partial_write)
{
	char buf[4096 * 3];
	abi_stat_t st;

	t_setup_pages(2);
	long h = t_open("/f", O_CREAT | O_RDWR, 0644);
	CHECK_EQ(t_write(h, buf, 100), 100);
	CHECK_EQ(t_write(h, buf, sizeof(buf)), 2 * 4096 - 100);
	CHECK_EQ(t_write(h, buf, 1), -ENOSPC);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.size, 2 * 4096);
	abi_statvfs_t vfs;
	CHECK_EQ(t_req(SCHEME_OP_FSTATVFS, (uint64_t)h, &vfs, sizeof(vfs), 0, 0), 0);
	CHECK_EQ(vfs.blocks, 2);
	CHECK_EQ(vfs.bfree, 0);
	CHECK_EQ(vfs.bsize, 4096);
	CHECK_EQ(vfs.namemax, 255);
	CHECK_EQ(vfs.fsid, 42);
	CHECK_EQ(t_trunc(h, 4096), 0);
	CHECK_EQ(t_req(SCHEME_OP_FSTATVFS, (uint64_t)h, &vfs, sizeof(vfs), 0, 0), 0);
	CHECK_EQ(vfs.bfree, 1);
	t_close(h);
	CHECK(t_teardown());
}

/* A 4 MiB file against a plain buffer: random writes, reads, truncates. */
TEST(ramfsd_random_io_matches_a_buffer_model)
{
	enum { SIZE = 4 << 20 };
	unsigned char *model = calloc(1, SIZE), *buf = malloc(SIZE);
	uint64_t size = 0, seed = 12345;
	abi_stat_t st;

	CHECK(model && buf);
	t_setup();
	long h = t_open("/big", O_CREAT | O_RDWR, 0644);
	for (int i = 0; i < 3000; i++) {
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		uint64_t off = (seed >> 20) % SIZE, len = (seed >> 44) % 20000;
		if (len > SIZE - off)
			len = SIZE - off;
		switch ((seed >> 8) % 8) {
		case 0:
			CHECK_EQ(t_trunc(h, off), 0);
			if (off < size)
				memset(model + off, 0, size - off);
			size = off;
			break;
		case 1: case 2: case 3: case 4:
			for (uint64_t j = 0; j < len; j++)
				buf[j] = (unsigned char)(seed >> (j % 50)) + (unsigned char)j;
			CHECK_EQ(t_seek(h, (int64_t)off, SEEK_SET), (long)off);
			CHECK_EQ(t_write(h, buf, len), (long)len);
			memcpy(model + off, buf, len);
			if (off + len > size)
				size = off + len;
			break;
		default: {
			uint64_t want = off >= size ? 0 : (size - off < len ? size - off : len);
			CHECK_EQ(t_seek(h, (int64_t)off, SEEK_SET), (long)off);
			CHECK_EQ(t_read(h, buf, len), (long)want);
			CHECK(!memcmp(buf, model + off, want));
		}
		}
	}
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.size, (long)size);
	CHECK_EQ(t_seek(h, 0, SEEK_SET), 0);
	CHECK_EQ(t_read(h, buf, SIZE), (long)size);
	CHECK(!memcmp(buf, model, size));
	CHECK_EQ(st.blocks, live_pages * 8);
	t_close(h);
	CHECK_EQ(t_unlink("/big"), 0);
	CHECK_EQ(live_pages, 0);
	free(model);
	free(buf);
	CHECK(t_teardown());
}

/* --- status and attributes ---------------------------------------------- */

TEST(ramfsd_times_follow_writes_reads_and_metadata_changes)
{
	abi_stat_t st;
	char c;

	t_setup();
	clock_ns = 5000;
	long h = t_open("/f", O_CREAT | O_RDWR, 0644);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.atime_ns, 5000);
	CHECK_EQ(st.mtime_ns, 5000);
	CHECK_EQ(st.ctime_ns, 5000);
	clock_ns = 6000;
	CHECK_EQ(t_write(h, "ab", 2), 2);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.mtime_ns, 6000);
	CHECK_EQ(st.ctime_ns, 6000);
	CHECK_EQ(st.atime_ns, 5000);
	clock_ns = 7000;
	CHECK_EQ(t_seek(h, 0, SEEK_SET), 0);
	CHECK_EQ(t_read(h, &c, 1), 1);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.atime_ns, 7000);    /* older than mtime: updated */
	clock_ns = 8000;
	CHECK_EQ(t_read(h, &c, 1), 1);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.atime_ns, 7000);    /* relatime: already newer */
	CHECK_EQ(t_chmod(h, 0600), 0);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.ctime_ns, 8000);
	CHECK_EQ(st.mtime_ns, 6000);
	abi_stat_t root;
	CHECK_EQ(t_stat("/", &root), 0);
	CHECK_EQ(root.mtime_ns, 5000);  /* when /f was created */
	t_close(h);
	CHECK(t_teardown());
}

TEST(ramfsd_futimens_sets_omits_and_checks_permission)
{
	abi_stat_t st;

	t_setup();
	clock_ns = 1000;
	CHECK_EQ(t_put("/f", 0666, "x"), 0);
	long h = t_open("/f", O_RDWR, 0);
	clock_ns = 2000;
	CHECK_EQ(t_utimens(h, 7, 5, 0, RAMFS_UTIME_OMIT), 0);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.atime_ns, 7000000005LL);
	CHECK_EQ(st.mtime_ns, 1000);
	CHECK_EQ(st.ctime_ns, 2000);
	clock_ns = 3000;
	CHECK_EQ(t_utimens(h, 0, RAMFS_UTIME_OMIT, 0, RAMFS_UTIME_NOW), 0);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.atime_ns, 7000000005LL);
	CHECK_EQ(st.mtime_ns, 3000);
	clock_ns = 4000;
	CHECK_EQ(t_utimens(h, 0, RAMFS_UTIME_OMIT, 0, RAMFS_UTIME_OMIT), 0);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.ctime_ns, 3000);    /* nothing changed */
	CHECK_EQ(t_utimens(h, 0, 1000000000, 0, 0), -EINVAL);
	CHECK_EQ(t_utimens(h, 0, -1, 0, 0), -EINVAL);
	/* Someone else: "now" needs write permission, a given time ownership. */
	as_user(1000, 1000);
	CHECK_EQ(t_utimens(h, 0, RAMFS_UTIME_NOW, 0, RAMFS_UTIME_NOW), 0);
	CHECK_EQ(t_utimens(h, 1, 0, 1, 0), -EPERM);
	as_user(0, 0);
	CHECK_EQ(t_chmod(h, 0644), 0);
	as_user(1000, 1000);
	CHECK_EQ(t_utimens(h, 0, RAMFS_UTIME_NOW, 0, RAMFS_UTIME_NOW), -EACCES);
	as_user(0, 0);
	CHECK_EQ(t_utimens(h, INT64_MAX, 0, INT64_MIN, 0), 0);  /* saturated */
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.atime_ns, INT64_MAX);
	CHECK_EQ(st.mtime_ns, INT64_MIN);
	t_close(h);
	CHECK(t_teardown());
}

TEST(ramfsd_chmod_is_for_the_owner_and_root)
{
	abi_stat_t st;

	t_setup();
	CHECK_EQ(t_mkdir("/pub", 0777), 0);
	as_user(1000, 100);
	long h = t_open("/pub/mine", O_CREAT | O_RDWR, 0644);
	CHECK_EQ(t_chmod(h, 04755), 0);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.mode, S_REG | 04755);
	/* set-group-ID for a group the caller is not in is dropped */
	as_user(0, 0);
	CHECK_EQ(t_chown(h, (unsigned)-1, 555), 0);
	as_user(1000, 100);
	CHECK_EQ(t_chmod(h, 02755), 0);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.mode, S_REG | 0755);
	as_user(1001, 100);
	CHECK_EQ(t_chmod(h, 0777), -EPERM);
	as_user(0, 0);
	CHECK_EQ(t_chmod(h, S_DIR | 0600), 0);  /* type bits are not the caller's */
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.mode, S_REG | 0600);
	t_close(h);
	CHECK(t_teardown());
}

TEST(ramfsd_chown_gives_away_only_as_root)
{
	abi_stat_t st;

	t_setup();
	CHECK_EQ(t_mkdir("/pub", 0777), 0);
	as_user(1000, 100);
	long h = t_open("/pub/f", O_CREAT | O_RDWR, 06755);
	CHECK_EQ(t_chown(h, 1001, (unsigned)-1), -EPERM);
	CHECK_EQ(t_chown(h, (unsigned)-1, 200), -EPERM);
	CHECK_EQ(t_chown(h, 1000, 100), 0);     /* to what it is: allowed */
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.mode, S_REG | 0755);        /* and clears set-ID bits */
	as_user(1001, 100);
	CHECK_EQ(t_chown(h, (unsigned)-1, 100), -EPERM);
	as_user(0, 0);
	CHECK_EQ(t_chmod(h, 06755), 0);
	CHECK_EQ(t_chown(h, 2000, 2000), 0);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.uid, 2000);
	CHECK_EQ(st.gid, 2000);
	CHECK_EQ(st.mode, S_REG | 06755);       /* root keeps them (POSIX) */
	CHECK_EQ(t_chown(h, (unsigned)-1, (unsigned)-1), 0);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.uid, 2000);
	t_close(h);
	CHECK(t_teardown());
}

TEST(ramfsd_unprivileged_writes_clear_set_id_bits)
{
	abi_stat_t st;

	t_setup();
	CHECK_EQ(t_put("/f", 06777, ""), 0);
	long h = t_open("/f", O_RDWR, 0);
	CHECK_EQ(t_chmod(h, 06777), 0);
	CHECK_EQ(t_write(h, "a", 1), 1);        /* root: kept */
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.mode, S_REG | 06777);
	as_user(5, 5);
	CHECK_EQ(t_write(h, "a", 1), 1);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.mode, S_REG | 0777);
	t_close(h);
	CHECK(t_teardown());
}

/* --- directories ------------------------------------------------------------- */

TEST(ramfsd_mkdir_counts_links_and_refuses_existing_names)
{
	abi_stat_t st;

	t_setup();
	CHECK_EQ(t_mkdir("/a", 0750), 0);
	CHECK_EQ(t_mkdir("/a/b/", 0755), 0);
	CHECK_EQ(t_mkdir("/a", 0755), -EEXIST);
	CHECK_EQ(t_mkdir("/", 0755), -EEXIST);
	CHECK_EQ(t_mkdir("/x/y", 0755), -ENOENT);
	CHECK_EQ(t_put("/f", 0644, ""), 0);
	CHECK_EQ(t_mkdir("/f", 0755), -EEXIST);
	CHECK_EQ(t_mkdir("/f/y", 0755), -ENOTDIR);
	CHECK_EQ(t_stat("/a", &st), 0);
	CHECK_EQ(st.mode, S_DIR | 0750);
	CHECK_EQ(st.nlink, 3);
	CHECK_EQ(t_stat("/", &st), 0);
	CHECK_EQ(st.nlink, 3);
	CHECK_EQ(t_stat("/a/b", &st), 0);
	CHECK_EQ(st.nlink, 2);
	CHECK(t_teardown());
}

TEST(ramfsd_setgid_directories_pass_on_their_group)
{
	abi_stat_t st;

	t_setup();
	CHECK_EQ(t_mkdir("/shared", 02777), 0);
	long h = t_open("/shared", O_RDONLY, 0);
	CHECK_EQ(t_chown(h, 0, 77), 0);
	CHECK_EQ(t_chmod(h, 02777), 0);
	t_close(h);
	as_user(1000, 100);
	CHECK_EQ(t_put("/shared/f", 0644, ""), 0);
	CHECK_EQ(t_stat("/shared/f", &st), 0);
	CHECK_EQ(st.gid, 77);
	CHECK_EQ(t_mkdir("/shared/sub", 0755), 0);
	CHECK_EQ(t_stat("/shared/sub", &st), 0);
	CHECK_EQ(st.gid, 77);
	CHECK_EQ(st.mode, S_DIR | 02755);
	CHECK(t_teardown());
}

TEST(ramfsd_getdents_lists_dot_dotdot_then_entries_in_creation_order)
{
	char names[512];
	char buf[512] __attribute__((aligned(8)));
	abi_stat_t st, dst;

	t_setup();
	CHECK_EQ(t_mkdir("/d", 0755), 0);
	CHECK_EQ(t_put("/d/zeta", 0644, ""), 0);
	CHECK_EQ(t_mkdir("/d/alpha", 0755), 0);
	CHECK_EQ(t_symlink("zeta", "/d/link"), 0);
	CHECK_EQ(t_list("/d", names, sizeof(names)), 0);
	CHECK_STR(names, ". .. zeta alpha link");
	long h = t_open("/d", O_RDONLY, 0);
	long n = t_getdents(h, buf, sizeof(buf));
	CHECK(n > 0 && n % 8 == 0);
	CHECK_EQ(t_stat("/d", &dst), 0);
	CHECK_EQ(t_stat("/", &st), 0);
	abi_dirent_t *d = (abi_dirent_t *)buf;
	CHECK_EQ(d->ino, dst.ino);
	CHECK_EQ(d->type, ABI_DT_DIR);
	CHECK_EQ(d->reclen % 8, 0);
	d = (abi_dirent_t *)(buf + d->reclen);
	CHECK_STR(d->name, "..");
	CHECK_EQ(d->ino, st.ino);
	const uint8_t types[] = { ABI_DT_REG, ABI_DT_DIR, ABI_DT_LNK };
	for (int i = 0; i < 3; i++) {
		d = (abi_dirent_t *)((char *)d + d->reclen);
		CHECK_EQ(d->type, types[i]);
	}
	CHECK_EQ((char *)d + d->reclen - buf, n);
	CHECK_EQ(t_getdents(h, buf, sizeof(buf)), 0);
	CHECK_EQ(t_getdents(h, buf, sizeof(buf)), 0);
	/* rewinddir */
	CHECK_EQ(t_seek(h, 0, SEEK_SET), 0);
	CHECK_EQ(t_getdents(h, buf, sizeof(buf)), n);
	t_close(h);
	CHECK(t_teardown());
}

TEST(ramfsd_getdents_resumes_where_a_small_buffer_stopped)
{
	char buf[64] __attribute__((aligned(8)));
	char seen[64][8];
	int count = 0;
	long n;

	t_setup();
	CHECK_EQ(t_mkdir("/d", 0755), 0);
	for (int i = 0; i < 30; i++) {
		char p[16];
		snprintf(p, sizeof(p), "/d/f%02d", i);
		CHECK_EQ(t_put(p, 0644, ""), 0);
	}
	long h = t_open("/d", O_RDONLY, 0);
	CHECK_EQ(t_getdents(h, buf, 8), -EINVAL);       /* no record fits */
	while ((n = t_getdents(h, buf, sizeof(buf))) > 0)
		for (long off = 0; off < n; off += ((abi_dirent_t *)(buf + off))->reclen)
			snprintf(seen[count++], 8, "%s", ((abi_dirent_t *)(buf + off))->name);
	CHECK_EQ(n, 0);
	CHECK_EQ(count, 32);
	CHECK_STR(seen[2], "f00");
	CHECK_STR(seen[31], "f29");
	/* telldir/seekdir: a position is a cookie that can be returned to */
	CHECK_EQ(t_seek(h, 0, SEEK_SET), 0);
	CHECK(t_getdents(h, buf, 40) > 0);
	long pos = t_seek(h, 0, SEEK_CUR);
	CHECK(t_getdents(h, buf, 40) > 0);
	char first[64];
	snprintf(first, sizeof(first), "%s", ((abi_dirent_t *)buf)->name);
	CHECK_EQ(t_seek(h, pos, SEEK_SET), pos);
	CHECK(t_getdents(h, buf, 40) > 0);
	CHECK_STR(((abi_dirent_t *)buf)->name, first);
	CHECK_EQ(t_seek(h, 5, SEEK_END), -EINVAL);
	t_close(h);
	CHECK(t_teardown());
}

/*
 * Entries present for the whole listing come back exactly once, however
 * many others are unlinked, created or renamed between the calls.
 */
TEST(ramfsd_readdir_during_unlink_and_create_neither_skips_nor_repeats)
{
	enum { N = 300 };
	char buf[128] __attribute__((aligned(8)));
	int seen[N] = { 0 };
	bool removed[N] = { false };
	long n;
	int round = 0;

	t_setup();
	CHECK_EQ(t_mkdir("/d", 0755), 0);
	for (int i = 0; i < N; i++) {
		char p[32];
		snprintf(p, sizeof(p), "/d/e%d", i);
		CHECK_EQ(t_put(p, 0644, ""), 0);
	}
	long h = t_open("/d", O_RDONLY, 0);
	while ((n = t_getdents(h, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n; off += ((abi_dirent_t *)(buf + off))->reclen) {
			const char *name = ((abi_dirent_t *)(buf + off))->name;
			int i;
			if (sscanf(name, "e%d", &i) == 1)
				seen[i]++;
		}
		/* Remove a few entries both behind and ahead of the reader,
		 * and add new ones. */
		for (int k = 0; k < 4; k++) {
			int victim = (round * 37 + k * 101) % N;
			char p[32];
			snprintf(p, sizeof(p), "/d/e%d", victim);
			if (!removed[victim]) {
				CHECK_EQ(t_unlink(p), 0);
				removed[victim] = true;
			}
			snprintf(p, sizeof(p), "/d/new%d_%d", round, k);
			CHECK_EQ(t_put(p, 0644, ""), 0);
		}
		round++;
	}
	CHECK_EQ(n, 0);
	for (int i = 0; i < N; i++) {
		CHECK(seen[i] <= 1);
		if (!removed[i])
			CHECK_EQ(seen[i], 1);
	}
	t_close(h);
	CHECK(t_teardown());
}

TEST(ramfsd_a_removed_directory_lists_nothing_and_takes_no_names)
{
	char buf[128] __attribute__((aligned(8)));
	abi_stat_t st;

	t_setup();
	CHECK_EQ(t_mkdir("/d", 0755), 0);
	long h = t_open("/d", O_RDONLY, 0);
	CHECK_EQ(t_rmdir("/d"), 0);
	CHECK_EQ(t_getdents(h, buf, sizeof(buf)), 0);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.nlink, 0);
	CHECK_EQ(t_stat("/", &st), 0);
	CHECK_EQ(st.nlink, 2);
	t_close(h);
	long f = t_open("/f", O_CREAT | O_RDWR, 0644);
	CHECK_EQ(t_getdents(f, buf, sizeof(buf)), -ENOTDIR);
	t_close(f);
	/* A removed directory whose parent goes too: nothing resolves in it. */
	CHECK_EQ(t_mkdir("/a", 0755), 0);
	CHECK_EQ(t_mkdir("/a/b", 0755), 0);
	h = t_open("/a/b", O_RDONLY, 0);
	CHECK_EQ(t_rmdir("/a/b"), 0);
	CHECK_EQ(t_rmdir("/a"), 0);
	CHECK_EQ(t_dup(h, ".."), -ENOENT);
	CHECK_EQ(t_dup(h, "x"), -ENOENT);
	CHECK_EQ(t_getdents(h, buf, sizeof(buf)), 0);
	t_close(h);
	CHECK(t_teardown());
}

TEST(ramfsd_many_names_in_one_directory)
{
	char p[32];
	abi_stat_t st;

	t_setup();
	CHECK_EQ(t_mkdir("/d", 0755), 0);
	for (int i = 0; i < 5000; i++) {
		snprintf(p, sizeof(p), "/d/n%d", i);
		CHECK_EQ(t_put(p, 0644, ""), 0);
	}
	for (int i = 0; i < 5000; i += 2) {
		snprintf(p, sizeof(p), "/d/n%d", i);
		CHECK_EQ(t_unlink(p), 0);
	}
	for (int i = 0; i < 5000; i++) {
		snprintf(p, sizeof(p), "/d/n%d", i);
		CHECK_EQ(t_stat(p, &st), i % 2 ? 0 : -ENOENT);
	}
	CHECK(t_teardown());
}

/* --- paths ------------------------------------------------------------------ */

TEST(ramfsd_paths_with_dots_and_extra_slashes)
{
	abi_stat_t a, b;

	t_setup();
	CHECK_EQ(t_mkdir("/a", 0755), 0);
	CHECK_EQ(t_mkdir("/a/b", 0755), 0);
	CHECK_EQ(t_stat("/a/b", &a), 0);
	CHECK_EQ(t_stat("//a///b//", &b), 0);
	CHECK_EQ(a.ino, b.ino);
	CHECK_EQ(t_stat("/a/./b/../b/.", &b), 0);
	CHECK_EQ(a.ino, b.ino);
	CHECK_EQ(t_stat("/../../a/b", &b), 0);
	CHECK_EQ(a.ino, b.ino);
	CHECK_EQ(t_stat("a/b", &b), 0);        /* relative to the root */
	CHECK_EQ(a.ino, b.ino);
	CHECK_EQ(t_stat("/a/missing/..", &b), -ENOENT);
	CHECK(t_teardown());
}

TEST(ramfsd_long_names_and_paths_are_enametoolong)
{
	char name[300], path[RAMFS_PATH_MAX + 10];

	t_setup();
	memset(name, 'n', sizeof(name));
	name[0] = '/';
	name[256] = '\0';       /* 255 bytes after the slash: fine */
	CHECK(t_open(name, O_CREAT | O_RDWR, 0644) >= 1);
	name[256] = 'n';
	name[257] = '\0';
	CHECK_EQ(t_open(name, O_CREAT | O_RDWR, 0644), -ENAMETOOLONG);
	memset(path, '/', sizeof(path));
	path[RAMFS_PATH_MAX] = '\0';
	CHECK_EQ(t_open(path, O_RDONLY, 0), -ENAMETOOLONG);
	path[RAMFS_PATH_MAX - 1] = '\0';
	CHECK(t_open(path, O_RDONLY, 0) >= 1);  /* 4095 slashes name "/" */
	CHECK(t_teardown());
}

/* --- symbolic and hard links -------------------------------------------- */

TEST(ramfsd_symlinks_resolve_relative_and_absolute_targets)
{
	char buf[64];
	abi_stat_t st;

	t_setup();
	CHECK_EQ(t_mkdir("/a", 0755), 0);
	CHECK_EQ(t_mkdir("/a/b", 0755), 0);
	CHECK_EQ(t_put("/a/b/f", 0644, "target"), 0);
	CHECK_EQ(t_symlink("b/f", "/a/rel"), 0);
	CHECK_EQ(t_symlink("/a/b", "/abs"), 0);
	CHECK_EQ(t_symlink("../b/f", "/a/b/up"), 0);
	CHECK_EQ(t_get("/a/rel", buf, sizeof(buf)), 6);
	CHECK_STR(buf, "target");
	CHECK_EQ(t_get("/abs/f", buf, sizeof(buf)), 6);
	CHECK_EQ(t_get("/abs/up", buf, sizeof(buf)), 6);
	CHECK_EQ(t_get("/abs/../b/f", buf, sizeof(buf)), 6); /* .. of the target */
	CHECK_EQ(t_stat("/abs/", &st), 0);
	CHECK_EQ(st.mode & ABI_S_IFMT, S_DIR);
	CHECK_EQ(t_lstat("/a/rel", &st), 0);
	CHECK_EQ(st.mode, S_LNK | 0777);
	CHECK_EQ(st.size, 3);
	CHECK_EQ(t_readlink("/a/rel", buf, sizeof(buf)), 3);
	CHECK_STR(buf, "b/f");
	CHECK_EQ(t_readlink("/a/b/f", buf, sizeof(buf)), 6);  /* not a link: the file */
	CHECK_EQ(t_stat_fl("/a/rel", &st, NOFOLLOW), 0);       /* Linux's O_PATH|O_NOFOLLOW */
	CHECK_EQ(st.mode, S_LNK | 0777);
	CHECK_EQ(t_open("/a/rel", O_RDONLY | NOFOLLOW, 0), -ELOOP);
	CHECK_EQ(t_open("/a/rel", O_WRONLY | RAMFS_O_SYMLINK, 0), -EINVAL);
	long l = t_open("/a/rel", OPATH | RAMFS_O_SYMLINK, 0);
	CHECK_EQ(t_chmod(l, 0700), -EOPNOTSUPP);
	CHECK_EQ(t_chown(l, 5, 5), 0);                         /* lchown */
	CHECK_EQ(t_write(l, "x", 1), -EBADF);
	t_close(l);
	CHECK_EQ(t_lstat("/a/rel", &st), 0);
	CHECK_EQ(st.uid, 5);
	CHECK_EQ(t_stat("/a/rel", &st), 0);
	CHECK_EQ(st.uid, 0);
	CHECK_EQ(t_symlink("x", "/a/rel"), -EEXIST);
	CHECK_EQ(t_symlink("", "/empty"), -ENOENT);
	CHECK_EQ(t_unlink("/abs"), 0);          /* the link, not the directory */
	CHECK_EQ(t_stat("/a/b", &st), 0);
	CHECK(t_teardown());
}

TEST(ramfsd_symlink_loops_are_eloop_after_forty)
{
	char p[32], q[32];

	t_setup();
	CHECK_EQ(t_symlink("/loop2", "/loop1"), 0);
	CHECK_EQ(t_symlink("/loop1", "/loop2"), 0);
	CHECK_EQ(t_open("/loop1", O_RDONLY, 0), -ELOOP);
	CHECK_EQ(t_open("/loop1/x", O_RDONLY, 0), -ELOOP);
	CHECK_EQ(t_put("/end", 0644, "e"), 0);
	/* A chain of 40 links resolves, 41 do not. */
	CHECK_EQ(t_symlink("/end", "/c0"), 0);
	for (int i = 1; i <= 40; i++) {
		snprintf(p, sizeof(p), "/c%d", i - 1);
		snprintf(q, sizeof(q), "/c%d", i);
		CHECK_EQ(t_symlink(p, q), 0);
	}
	long h = t_open("/c39", O_RDONLY, 0);
	CHECK(h >= 1);
	t_close(h);
	CHECK_EQ(t_open("/c40", O_RDONLY, 0), -ELOOP);
	CHECK(t_teardown());
}

TEST(ramfsd_hard_links_share_the_node_until_the_last_name_goes)
{
	char buf[16];
	abi_stat_t a, b;

	t_setup();
	CHECK_EQ(t_mkdir("/d", 0755), 0);
	CHECK_EQ(t_put("/f", 0644, "shared"), 0);
	CHECK_EQ(t_link("/f", "/d/g"), 0);
	CHECK_EQ(t_stat("/f", &a), 0);
	CHECK_EQ(t_stat("/d/g", &b), 0);
	CHECK_EQ(a.ino, b.ino);
	CHECK_EQ(a.nlink, 2);
	CHECK_EQ(t_link("/f", "/d/g"), -EEXIST);
	CHECK_EQ(t_link("/d", "/d2"), -EPERM);
	CHECK_EQ(t_link("/missing", "/x"), -ENOENT);
	CHECK_EQ(t_link("/f", "/nodir/x"), -ENOENT);
	CHECK_EQ(t_unlink("/f"), 0);
	CHECK_EQ(t_get("/d/g", buf, sizeof(buf)), 6);
	CHECK_EQ(t_stat("/d/g", &b), 0);
	CHECK_EQ(b.nlink, 1);
	CHECK_EQ(live_pages, 1);
	CHECK_EQ(t_unlink("/d/g"), 0);
	CHECK_EQ(live_pages, 0);
	CHECK(t_teardown());
}

/* --- unlink and rmdir -------------------------------------------------------- */

TEST(ramfsd_unlinked_files_work_until_closed)
{
	char buf[16];
	abi_stat_t st;

	t_setup();
	CHECK_EQ(t_put("/f", 0644, "alive"), 0);
	long h = t_open("/f", O_RDWR, 0);
	CHECK_EQ(t_unlink("/f"), 0);
	CHECK_EQ(t_open("/f", O_RDONLY, 0), -ENOENT);
	CHECK_EQ(t_unlink("/f"), -ENOENT);
	CHECK_EQ(t_read(h, buf, sizeof(buf)), 5);
	CHECK_EQ(t_write(h, "!", 1), 1);
	CHECK_EQ(t_fstat(h, &st), 0);
	CHECK_EQ(st.nlink, 0);
	CHECK_EQ(st.size, 6);
	CHECK_EQ(live_pages, 1);
	/* a new file may take the name meanwhile */
	CHECK_EQ(t_put("/f", 0644, "new"), 0);
	CHECK_EQ(t_seek(h, 0, SEEK_SET), 0);
	CHECK_EQ(t_read(h, buf, sizeof(buf)), 6);
	CHECK(!memcmp(buf, "alive!", 6));
	t_close(h);
	CHECK_EQ(live_pages, 1);
	CHECK(t_teardown());
}

TEST(ramfsd_unlink_and_rmdir_error_codes)
{
	t_setup();
	CHECK_EQ(t_mkdir("/d", 0755), 0);
	CHECK_EQ(t_put("/d/f", 0644, ""), 0);
	CHECK_EQ(t_unlink("/d"), -EISDIR);
	CHECK_EQ(t_unlink("/"), -EISDIR);
	CHECK_EQ(t_unlink("/nope"), -ENOENT);
	CHECK_EQ(t_unlink("/d/f/"), -ENOTDIR);
	CHECK_EQ(t_rmdir("/d"), -ENOTEMPTY);
	CHECK_EQ(t_rmdir("/d/f"), -ENOTDIR);
	CHECK_EQ(t_rmdir("/"), -EBUSY);
	CHECK_EQ(t_rmdir("/d/."), -EINVAL);
	CHECK_EQ(t_rmdir("/d/.."), -ENOTEMPTY);
	CHECK_EQ(t_rmdir("/nope"), -ENOENT);
	CHECK_EQ(t_unlink("/d/f"), 0);
	CHECK_EQ(t_rmdir("/d/"), 0);
	CHECK_EQ(t_rmdir("/d"), -ENOENT);
	CHECK(t_teardown());
}

/* --- rename ------------------------------------------------------------------ */

TEST(ramfsd_rename_replaces_a_file_atomically)
{
	char buf[16];
	abi_stat_t st;

	t_setup();
	CHECK_EQ(t_put("/new", 0644, "new"), 0);
	CHECK_EQ(t_put("/old", 0644, "old"), 0);
	long h = t_open("/old", O_RDONLY, 0);
	CHECK_EQ(t_rename("/new", "/old"), 0);
	CHECK_EQ(t_get("/old", buf, sizeof(buf)), 3);
	CHECK_STR(buf, "new");
	CHECK_EQ(t_stat("/new", &st), -ENOENT);
	CHECK_EQ(t_read(h, buf, sizeof(buf)), 3);       /* the replaced file lives on */
	CHECK(!memcmp(buf, "old", 3));
	t_close(h);
	CHECK_EQ(live_pages, 1);
	CHECK(t_teardown());
}

TEST(ramfsd_rename_type_rules)
{
	abi_stat_t st;

	t_setup();
	CHECK_EQ(t_mkdir("/d", 0755), 0);
	CHECK_EQ(t_mkdir("/e", 0755), 0);
	CHECK_EQ(t_mkdir("/full", 0755), 0);
	CHECK_EQ(t_put("/full/x", 0644, ""), 0);
	CHECK_EQ(t_put("/f", 0644, ""), 0);
	CHECK_EQ(t_rename("/f", "/d"), -EISDIR);
	CHECK_EQ(t_rename("/d", "/f"), -ENOTDIR);
	CHECK_EQ(t_rename("/d", "/full"), -ENOTEMPTY);
	CHECK_EQ(t_rename("/f", "/g/"), -ENOTDIR);
	CHECK_EQ(t_rename("/f/", "/g"), -ENOTDIR);
	CHECK_EQ(t_rename("/missing", "/g"), -ENOENT);
	CHECK_EQ(t_rename("/f", "/missing/g"), -ENOENT);
	CHECK_EQ(t_rename("/d", "/d/sub"), -EINVAL);
	CHECK_EQ(t_put("/d/file", 0644, ""), 0);
	CHECK_EQ(t_rename("/d", "/d/file"), -EINVAL);  /* before ENOTDIR */
	CHECK_EQ(t_unlink("/d/file"), 0);
	CHECK_EQ(t_rename("/", "/x"), -EBUSY);
	CHECK_EQ(t_rename("/d", "/"), -EBUSY);
	CHECK_EQ(t_rename("/d/.", "/x"), -EINVAL);
	CHECK_EQ(t_rename("/f", "/d/.."), -EINVAL);
	CHECK_EQ(t_rename("/f", "/f"), 0);
	CHECK_EQ(t_stat("/f", &st), 0);
	/* a directory over an empty one */
	CHECK_EQ(t_rename("/d", "/e"), 0);
	CHECK_EQ(t_stat("/d", &st), -ENOENT);
	CHECK_EQ(t_stat("/e", &st), 0);
	CHECK_EQ(t_stat("/", &st), 0);
	CHECK_EQ(st.nlink, 4);          /* ., .., e, full */
	CHECK_EQ(t_rename("/d/", "/x"), -ENOENT);
	CHECK_EQ(t_rename("/e/", "/x/"), 0);
	CHECK(t_teardown());
}

TEST(ramfsd_rename_between_directories_moves_dotdot)
{
	char names[128];
	abi_stat_t st, b;

	t_setup();
	CHECK_EQ(t_mkdir("/a", 0755), 0);
	CHECK_EQ(t_mkdir("/b", 0755), 0);
	CHECK_EQ(t_mkdir("/a/sub", 0755), 0);
	CHECK_EQ(t_put("/a/sub/f", 0644, ""), 0);
	CHECK_EQ(t_rename("/a/sub", "/b/moved"), 0);
	CHECK_EQ(t_stat("/a", &st), 0);
	CHECK_EQ(st.nlink, 2);
	CHECK_EQ(t_stat("/b", &b), 0);
	CHECK_EQ(b.nlink, 3);
	CHECK_EQ(t_stat("/b/moved/..", &st), 0);
	CHECK_EQ(st.ino, b.ino);
	CHECK_EQ(t_stat("/b/moved/f", &st), 0);
	CHECK_EQ(t_list("/a", names, sizeof(names)), 0);
	CHECK_STR(names, ". ..");
	CHECK_EQ(t_list("/b", names, sizeof(names)), 0);
	CHECK_STR(names, ". .. moved");
	CHECK(t_teardown());
}

TEST(ramfsd_rename_of_two_links_to_one_file_does_nothing)
{
	abi_stat_t st;

	t_setup();
	CHECK_EQ(t_put("/f", 0644, "x"), 0);
	CHECK_EQ(t_link("/f", "/g"), 0);
	CHECK_EQ(t_rename("/f", "/g"), 0);
	CHECK_EQ(t_stat("/f", &st), 0);
	CHECK_EQ(t_stat("/g", &st), 0);
	CHECK_EQ(st.nlink, 2);
	CHECK(t_teardown());
}

/*
 * Random unlink/rename/link/create on files in three directories against
 * a model of which name holds which file, checking every answer and then
 * every name's contents, link count and inode identity.
 */
TEST(ramfsd_random_name_operations_match_a_model)
{
	enum { NAMES = 24, OPS = 4000 };
	static const char *dirs[] = { "", "/d1", "/d2" };
	char paths[NAMES][16], buf[32], want[32];
	int file_of[NAMES];     /* model: the file a name holds, -1 if none */
	int next_file = 0;
	uint64_t seed = 99;
	abi_stat_t st, st2;

	t_setup();
	CHECK_EQ(t_mkdir("/d1", 0755), 0);
	CHECK_EQ(t_mkdir("/d2", 0755), 0);
	for (int i = 0; i < NAMES; i++) {
		snprintf(paths[i], sizeof(paths[i]), "%s/n%d", dirs[i % 3], i / 3);
		file_of[i] = -1;
	}
	for (int op = 0; op < OPS; op++) {
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		int a = (int)((seed >> 33) % NAMES), b = (int)((seed >> 45) % NAMES);
		switch ((seed >> 20) % 4) {
		case 0:
			snprintf(buf, sizeof(buf), "file%d", next_file);
			CHECK_EQ(t_put(paths[a], 0644, buf), 0);
			if (file_of[a] < 0)
				file_of[a] = next_file++;
			else    /* rewrote the existing file: every link sees it */
				for (int i = 0, old = file_of[a]; i < NAMES; i++)
					if (file_of[i] == old)
						file_of[i] = next_file;
			if (file_of[a] == next_file)
				next_file++;
			break;
		case 1:
			CHECK_EQ(t_unlink(paths[a]), file_of[a] < 0 ? -ENOENT : 0);
			file_of[a] = -1;
			break;
		case 2:
			CHECK_EQ(t_rename(paths[a], paths[b]), file_of[a] < 0 ? -ENOENT : 0);
			if (file_of[a] >= 0 && file_of[a] != file_of[b]) {
				file_of[b] = file_of[a];
				file_of[a] = -1;
			}
			break;
		default:
			CHECK_EQ(t_link(paths[a], paths[b]),
				 file_of[a] < 0 ? -ENOENT : file_of[b] >= 0 ? -EEXIST : 0);
			if (file_of[a] >= 0 && file_of[b] < 0)
				file_of[b] = file_of[a];
		}
	}
	for (int i = 0; i < NAMES; i++) {
		if (file_of[i] < 0) {
			CHECK_EQ(t_stat(paths[i], &st), -ENOENT);
			continue;
		}
		snprintf(want, sizeof(want), "file%d", file_of[i]);
		CHECK_EQ(t_get(paths[i], buf, sizeof(buf)), (long)strlen(want));
		CHECK_STR(buf, want);
		CHECK_EQ(t_stat(paths[i], &st), 0);
		int links = 0;
		for (int j = 0; j < NAMES; j++) {
			if (file_of[j] != file_of[i])
				continue;
			links++;
			CHECK_EQ(t_stat(paths[j], &st2), 0);
			CHECK_EQ(st2.ino, st.ino);
		}
		CHECK_EQ(st.nlink, links);
	}
	for (int i = 0; i < NAMES; i++)
		t_unlink(paths[i]);
	CHECK_EQ(live_pages, 0);
	CHECK(t_teardown());
}

/* --- permissions -------------------------------------------------------------- */

/* Who may open a file of each mode for reading and writing. */
TEST(ramfsd_permission_matrix_for_owner_group_and_others)
{
	static const struct {
		unsigned mode, uid, gid;
		int flags;
		long want;      /* 0: opens */
	} cases[] = {
		{ 0600, 1000, 100, O_RDWR, 0 },       { 0600, 1001, 100, O_RDONLY, -EACCES },
		{ 0400, 1000, 100, O_WRONLY, -EACCES }, { 0400, 1000, 100, O_RDONLY, 0 },
		{ 0200, 1000, 100, O_RDONLY, -EACCES }, { 0200, 1000, 100, O_WRONLY, 0 },
		{ 0640, 1001, 100, O_RDONLY, 0 },     { 0640, 1001, 100, O_WRONLY, -EACCES },
		{ 0604, 1001, 100, O_RDONLY, -EACCES }, /* group bits win for the group */
		{ 0604, 1001, 101, O_RDONLY, 0 },     { 0606, 1001, 101, O_RDWR, 0 },
		{ 0060, 1000, 100, O_RDONLY, -EACCES }, /* owner bits win for the owner */
		{ 0000, 0, 0, O_RDWR, 0 },            /* root */
		{ 0644, 1000, 100, O_RDWR | O_TRUNC, 0 },
		{ 0644, 1001, 100, O_RDONLY | O_TRUNC, 0 },
		{ 0644, 1001, 100, O_WRONLY | O_TRUNC, -EACCES },
	};

	t_setup();
	CHECK_EQ(t_mkdir("/home", 0755), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		as_user(0, 0);
		long h = t_open("/home/f", O_CREAT | O_RDWR, 0);
		CHECK(h >= 1);
		CHECK_EQ(t_chown(h, 1000, 100), 0);
		CHECK_EQ(t_chmod(h, cases[i].mode), 0);
		t_close(h);
		as_user(cases[i].uid, cases[i].gid);
		h = t_open("/home/f", cases[i].flags, 0);
		if (cases[i].want)
			CHECK_EQ(h, cases[i].want);
		else
			CHECK(h >= 1);
		t_close(h);
	}
	CHECK(t_teardown());
}

TEST(ramfsd_directories_need_search_and_write_permission)
{
	abi_stat_t st;

	t_setup();
	CHECK_EQ(t_mkdir("/locked", 0755), 0);
	CHECK_EQ(t_put("/locked/f", 0666, "x"), 0);
	as_user(1000, 100);
	CHECK_EQ(t_put("/locked/g", 0644, ""), -EACCES);
	CHECK_EQ(t_unlink("/locked/f"), -EACCES);
	CHECK_EQ(t_rename("/locked/f", "/locked/h"), -EACCES);
	CHECK_EQ(t_mkdir("/locked/sub", 0755), -EACCES);
	CHECK_EQ(t_symlink("x", "/locked/l"), -EACCES);
	CHECK_EQ(t_link("/locked/f", "/locked/l"), -EACCES);
	CHECK_EQ(t_put("/locked/f", 0644, "y"), 0);     /* the file itself is writable */
	as_user(0, 0);
	long h = t_open("/locked", O_RDONLY, 0);
	CHECK_EQ(t_chmod(h, 0700), 0);
	t_close(h);
	as_user(1000, 100);
	CHECK_EQ(t_stat("/locked/f", &st), -EACCES);    /* no search permission */
	CHECK_EQ(t_open("/locked/f", O_RDONLY, 0), -EACCES);
	CHECK_EQ(t_open("/locked", O_RDONLY, 0), -EACCES);
	as_user(0, 0);
	CHECK_EQ(t_stat("/locked/f", &st), 0);          /* root searches anything */
	/* O_PATH needs no read permission, but listing through it does. */
	h = t_open("/locked", O_RDONLY, 0);
	CHECK_EQ(t_chmod(h, 0711), 0);
	t_close(h);
	as_user(1000, 100);
	char buf[64] __attribute__((aligned(8)));
	CHECK_EQ(t_open("/locked", O_RDONLY, 0), -EACCES);
	h = t_open("/locked", OPATH, 0);
	CHECK(h >= 1);
	CHECK_EQ(t_getdents(h, buf, sizeof(buf)), -EACCES);
	CHECK_EQ(t_fstat(h, &st), 0);
	t_close(h);
	CHECK_EQ(t_stat("/locked/f", &st), 0);          /* search is enough */
	CHECK(t_teardown());
}

TEST(ramfsd_sticky_directories_protect_other_users_files)
{
	t_setup();
	CHECK_EQ(t_mkdir("/tmp", 01777), 0);
	as_user(1000, 100);
	CHECK_EQ(t_put("/tmp/alice", 0666, ""), 0);
	CHECK_EQ(t_put("/tmp/alice2", 0666, ""), 0);
	as_user(1001, 100);
	CHECK_EQ(t_put("/tmp/bob", 0666, ""), 0);
	CHECK_EQ(t_unlink("/tmp/alice"), -EPERM);
	CHECK_EQ(t_rename("/tmp/alice", "/tmp/mine"), -EPERM);
	CHECK_EQ(t_rename("/tmp/bob", "/tmp/alice"), -EPERM);
	CHECK_EQ(t_rename("/tmp/bob", "/tmp/bob2"), 0);
	CHECK_EQ(t_unlink("/tmp/bob2"), 0);
	as_user(1000, 100);
	CHECK_EQ(t_unlink("/tmp/alice"), 0);
	as_user(0, 0);
	CHECK_EQ(t_unlink("/tmp/alice2"), 0);
	CHECK(t_teardown());
}

TEST(ramfsd_moving_a_directory_needs_write_permission_on_it)
{
	t_setup();
	CHECK_EQ(t_mkdir("/pub", 0777), 0);
	CHECK_EQ(t_mkdir("/pub/a", 0777), 0);
	CHECK_EQ(t_mkdir("/pub/rootdir", 0755), 0);
	as_user(1000, 100);
	CHECK_EQ(t_rename("/pub/rootdir", "/pub/a/x"), -EACCES);  /* its ".." changes */
	CHECK_EQ(t_rename("/pub/rootdir", "/pub/renamed"), 0);    /* same parent: fine */
	CHECK(t_teardown());
}

/* --- DUP: reopening and openat ---------------------------------------------- */

TEST(ramfsd_dup_with_a_path_opens_relative_to_a_directory)
{
	char buf[8];

	t_setup();
	CHECK_EQ(t_mkdir("/d", 0755), 0);
	CHECK_EQ(t_put("/d/f", 0644, "rel"), 0);
	long d = t_open("/d", O_RDONLY, 0);
	long f = t_dup(d, "f");
	CHECK(f >= 1);
	CHECK_EQ(t_read(f, buf, sizeof(buf)), 3);
	CHECK_EQ(t_dup(d, "nope"), -ENOENT);
	CHECK_EQ(t_dup(f, "x"), -ENOTDIR);
	CHECK_EQ(t_dup(99, ""), -EBADF);
	t_close(f);
	t_close(d);
	CHECK(t_teardown());
}

/* --- seeding from the initfs --------------------------------------------- */

typedef struct tfile {
	const char *name;
	uint32_t mode, uid;
	const char *data;
} tfile_t;

/* An initfs image of files (sorted), in a malloc'd buffer of its size. */
static void *t_image(const tfile_t *files, uint32_t n, size_t *size)
{
	static uint8_t buf[1 << 16];
	initfs_disk_header_t h = { .version = INITFS_VERSION, .entry_count = n };
	size_t names = 0, data;

	memset(buf, 0, sizeof(buf));
	memcpy(h.magic, INITFS_MAGIC, sizeof(h.magic));
	h.strtab_offset = sizeof(h) + n * sizeof(initfs_disk_entry_t);
	for (uint32_t i = 0; i < n; i++)
		names += strlen(files[i].name) + 1;
	h.strtab_size = names;
	data = (h.strtab_offset + names + 4095) & ~(size_t)4095;
	names = 0;
	for (uint32_t i = 0; i < n; i++) {
		size_t len = strlen(files[i].name), dsize = files[i].data ? strlen(files[i].data) : 0;
		initfs_disk_entry_t d = { .name_offset = names, .name_length = (uint32_t)len,
					  .mode = files[i].mode, .data_size = dsize,
					  .uid = files[i].uid, .gid = files[i].uid, .mtime = 77 };
		memcpy(buf + h.strtab_offset + names, files[i].name, len + 1);
		names += len + 1;
		if (dsize) {
			d.data_offset = data;
			memcpy(buf + data, files[i].data, dsize);
			data = (data + dsize + 4095) & ~(size_t)4095;
		}
		memcpy(buf + sizeof(h) + i * sizeof(d), &d, sizeof(d));
	}
	h.total_size = data;
	memcpy(buf, &h, sizeof(h));
	*size = data;
	void *img = malloc(data);
	memcpy(img, buf, data);
	return img;
}

TEST(ramfsd_seeding_copies_the_initfs_and_adds_standard_directories)
{
	static const tfile_t files[] = {
		{ "bin", S_DIR | 0755, 0, NULL },
		{ "bin-x", S_REG | 0600, 5, "sibling" },
		{ "bin/init", S_REG | 0755, 0, "\177ELF" },
		{ "bin/sh", S_LNK | 0777, 0, "init" },
		{ "etc", S_DIR | 0755, 0, NULL },
		{ "etc/empty", S_REG | 0644, 0, NULL },
		{ "etc/motd", S_REG | 0644, 0, "Welcome to Tessera\n" },
		{ "root", S_DIR | 0750, 0, NULL },
	};
	char buf[64];
	abi_stat_t st;
	size_t size;
	void *img = t_image(files, sizeof(files) / sizeof(files[0]), &size);

	t_setup();
	CHECK_EQ(ramfs_seed_initfs(fs, img, size), 0);
	CHECK_EQ(ramfs_seed_defaults(fs), 0);
	CHECK_EQ(t_get("/etc/motd", buf, sizeof(buf)), 19);
	CHECK_STR(buf, "Welcome to Tessera\n");
	CHECK_EQ(t_get("/bin/sh", buf, sizeof(buf)), 4);
	CHECK(!memcmp(buf, "\177ELF", 4));
	CHECK_EQ(t_readlink("/bin/sh", buf, sizeof(buf)), 4);
	CHECK_STR(buf, "init");
	CHECK_EQ(t_stat("/bin-x", &st), 0);
	CHECK_EQ(st.mode, S_REG | 0600);
	CHECK_EQ(st.uid, 5);
	CHECK_EQ(st.mtime_ns, 77000000000LL);
	CHECK_EQ(t_stat("/etc/empty", &st), 0);
	CHECK_EQ(st.size, 0);
	CHECK_EQ(t_stat("/bin/init", &st), 0);
	CHECK_EQ(st.mode, S_REG | 0755);
	CHECK_EQ(t_stat("/tmp", &st), 0);
	CHECK_EQ(st.mode, S_DIR | 01777);
	CHECK_EQ(t_stat("/home", &st), 0);
	CHECK_EQ(st.mode, S_DIR | 0755);
	CHECK_EQ(t_stat("/root", &st), 0);
	CHECK_EQ(st.mode, S_DIR | 0750);        /* the initfs's, not replaced */
	CHECK_EQ(t_stat("/", &st), 0);
	CHECK_EQ(st.nlink, 2 + 5);
	/* Corrupt images are refused. */
	((char *)img)[0] = 'X';
	CHECK_EQ(ramfs_seed_initfs(fs, img, size), -EINVAL);
	free(img);
	CHECK(t_teardown());
}

TEST(ramfsd_destroy_frees_open_and_unlinked_files)
{
	t_setup();
	CHECK_EQ(t_mkdir("/d", 0755), 0);
	long h = t_open("/d/f", O_CREAT | O_RDWR, 0644);
	CHECK_EQ(t_write(h, "x", 1), 1);
	CHECK_EQ(t_unlink("/d/f"), 0);
	long d = t_open("/d", O_RDONLY, 0);
	CHECK_EQ(t_rmdir("/d"), 0);
	CHECK(d >= 1);
	CHECK(t_teardown());    /* handles still open: LeakSanitizer checks the rest */
}
