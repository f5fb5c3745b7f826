// SPDX-License-Identifier: MIT
/*
 * Userspace schemes end to end: a test daemon (a child running libscheme
 * with the operations below) registers `utest:` and the tests call it —
 * small and large (mapped) buffers at odd alignments, the forwarded file
 * calls, priority inheritance, the direct hand-off, cancellation by a
 * signal, handles closed when a client dies, readiness events, mmap of a
 * daemon's memory, and the failures: registering without privilege or
 * twice, a namespace without the scheme, and the daemon killed in the
 * middle of a request (EIO, the kernel's log line, and the name taken
 * again by a new daemon).
 */
#include "utest.h"

#include <abi/event.h>
#include <fcntl.h>
#include <libscheme/libscheme.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <tessera/sys.h>
#include <unistd.h>

/* --- the test daemon ------------------------------------------------------ */

enum { H_DATA = 1, H_SLOW, H_PRIO, H_CPU, H_STORE, H_EVENTS, H_MAP };

typedef struct daemon_stats {
	volatile int opens, closes, cancels, mapped_seen;
	volatile int pending_tag_valid;
} daemon_stats_t;

static daemon_stats_t *stats;
static scheme_server_t *server;
static uint8_t *store;
static size_t store_len;
static uint8_t *shared_area;

static uint8_t pattern(size_t i)
{
	return (uint8_t)(i * 7 + 3);
}

static long d_open(void *st, scheme_call_t *c, const char *path, int flags)
{
	static const char *const names[] = { "", "slow", "prio", "cpu", "store", "events", "map" };

	(void)st;
	(void)flags;
	c->events = EVENT_WRITE;
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(path, names[i]) == 0) {
			stats->opens++;
			return H_DATA + i;
		}
	return -ENOENT;
}

static void d_close(void *st, scheme_call_t *c, uint64_t h)
{
	(void)st;
	(void)c;
	(void)h;
	stats->closes++;
}

static long d_read(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len)
{
	(void)st;
	switch (h) {
	case H_DATA:
		for (size_t i = 0; i < len; i++)
			((uint8_t *)buf)[i] = pattern(i);
		return (long)len;
	case H_SLOW:
		stats->pending_tag_valid = 1;
		return SCHEME_PENDING;          /* never answered: cancel or death */
	case H_PRIO:
		return tessera_getpriority(0);
	case H_CPU:
		return tessera_getcpu();
	case H_STORE:
		len = len < store_len ? len : store_len;
		memcpy(buf, store, len);
		return (long)len;
	case H_EVENTS:
		scheme_notify(server, H_EVENTS, EVENT_READ | EVENT_WRITE);
		return 0;
	}
	(void)c;
	return -EBADF;
}

static long d_write(void *st, scheme_call_t *c, uint64_t h, const void *buf, size_t len)
{
	(void)st;
	(void)c;
	if (h == H_DATA) {
		for (size_t i = 0; i < len; i++)
			if (((const uint8_t *)buf)[i] != pattern(i))
				return -EIO;
		return (long)len;
	}
	if (h == H_STORE) {
		if (len > (4u << 20))
			return -EFBIG;
		memcpy(store, buf, len);
		store_len = len;
		return (long)len;
	}
	return -EBADF;
}

static long d_seek(void *st, scheme_call_t *c, uint64_t h, int64_t off, int whence)
{
	(void)st;
	(void)c;
	(void)h;
	return whence == SEEK_SET ? off : -EINVAL;
}

static long d_fstat(void *st, scheme_call_t *c, uint64_t h, abi_stat_t *out)
{
	(void)st;
	out->mode = ABI_S_IFREG | 0640;
	out->size = (int64_t)(h * 1000 + (uint64_t)c->uid);
	return 0;
}

static long d_ftruncate(void *st, scheme_call_t *c, uint64_t h, uint64_t len)
{
	(void)st;
	(void)c;
	return h == H_STORE && len <= store_len ? (long)(store_len = len, 0) : -EINVAL;
}

static long d_unlink(void *st, scheme_call_t *c, const char *path)
{
	(void)st;
	(void)c;
	return strcmp(path, "victim") == 0 ? 0 : -ENOENT;
}

static long d_rename(void *st, scheme_call_t *c, const char *from, const char *to)
{
	(void)st;
	(void)c;
	return strcmp(from, "a") == 0 && strcmp(to, "b") == 0 ? 0 : -ENOENT;
}

static long d_getdents(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len)
{
	(void)st;
	(void)c;
	(void)h;
	abi_dirent_t *d = buf;
	if (len < 24)
		return -EINVAL;
	d->ino = 42;
	d->reclen = 24;
	d->type = ABI_DT_REG;
	memcpy(d->name, "entry", 6);
	return 24;
}

static long d_dup(void *st, scheme_call_t *c, uint64_t h, const char *path)
{
	(void)st;
	(void)c;
	return h == H_DATA && strcmp(path, "accept") == 0 ? H_STORE : -EINVAL;
}

static long d_mmap(void *st, scheme_call_t *c, uint64_t h, uint64_t off, size_t len, int prot)
{
	(void)st;
	(void)c;
	(void)prot;
	if (h != H_MAP || off + len > 2 * 4096)
		return -ENXIO;
	return (long)(uintptr_t)(shared_area + off);
}

static void d_cancel(void *st, uint64_t tag)
{
	(void)st;
	(void)tag;
	stats->cancels++;
}

static const scheme_ops_t daemon_ops = {
	.open = d_open, .close = d_close, .read = d_read, .write = d_write, .seek = d_seek,
	.fstat = d_fstat, .ftruncate = d_ftruncate, .unlink = d_unlink, .rename = d_rename,
	.getdents = d_getdents, .dup = d_dup, .mmap = d_mmap, .cancel = d_cancel,
};

static pid_t daemon_running;

static void daemon_stop(pid_t pid)
{
	kill(pid, SIGKILL);
	utest_wait(pid);
	daemon_running = 0;
}

/*
 * Starts the daemon; returns its pid once `utest:` exists. One a failed
 * test left behind is stopped first.
 */
static pid_t daemon_start(void)
{
	int ready[2];

	if (daemon_running)
		daemon_stop(daemon_running);
	if (!stats)
		stats = utest_shared(sizeof(*stats));
	memset((void *)stats, 0, sizeof(*stats));
	if (pipe(ready))
		return -1;
	pid_t pid = utest_fork();
	if (pid == 0) {
		static scheme_server_t s;
		close(ready[0]);
		store = malloc(4u << 20);
		shared_area = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
				   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		CHILD_CHECK(store && shared_area != MAP_FAILED);
		strcpy((char *)shared_area, "from the daemon");
		scheme_server_init(&s, &daemon_ops, NULL);
		server = &s;
		int err = scheme_open(&s, "utest");
		char ok = err ? 0 : 1;
		CHILD_CHECK(write(ready[1], &ok, 1) == 1);
		close(ready[1]);
		if (err)
			_exit(2);
		scheme_run(&s);
		_exit(0);
	}
	close(ready[1]);
	char ok = 0;
	ssize_t n = read(ready[0], &ok, 1);
	close(ready[0]);
	daemon_running = pid;
	return n == 1 && ok ? pid : -1;
}

/* --- tests ------------------------------------------------------------------ */

TEST(small_buffers_go_both_ways)
{
	pid_t d = daemon_start();
	char buf[300];

	CHECK(d > 0);
	int fd = open("utest:", O_RDWR);
	CHECK(fd >= 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), (long)sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		CHECK_EQ((uint8_t)buf[i], pattern(i));
	CHECK_EQ(write(fd, buf, 100), 100);
	buf[5] ^= 1;
	CHECK_ERRNO(write(fd, buf, 100), EIO);          /* the daemon checks every byte */
	CHECK_EQ(read(fd, buf, 0), 0);
	close(fd);
	daemon_stop(d);
}

/* len bytes through the mapped path, at a given misalignment. */
static bool big_round_trip(int fd, size_t len, size_t misalign)
{
	uint8_t *raw = malloc(len + 8192), *buf = raw + misalign;
	bool ok = raw != NULL;

	for (size_t i = 0; ok && i < len; i++)
		buf[i] = (uint8_t)(i * 13 + misalign);
	ok = ok && write(fd, buf, len) == (ssize_t)len;
	if (ok)
		memset(raw, 0xee, len + 8192);
	ok = ok && lseek(fd, 0, SEEK_SET) == 0 && read(fd, buf, len) == (ssize_t)len;
	for (size_t i = 0; ok && i < len; i++)
		ok = buf[i] == (uint8_t)(i * 13 + misalign);
	/* Bytes around the buffer are the caller's own: untouched. */
	for (size_t i = 0; ok && i < misalign; i++)
		ok = raw[i] == 0xee;
	for (size_t i = misalign + len; ok && i < len + 8192; i++)
		ok = raw[i] == 0xee;
	free(raw);
	return ok;
}

TEST(large_buffers_are_mapped_at_any_alignment)
{
	pid_t d = daemon_start();

	CHECK(d > 0);
	int fd = open("utest:store", O_RDWR);
	CHECK(fd >= 0);
	CHECK(big_round_trip(fd, 1u << 20, 0));
	CHECK(big_round_trip(fd, 1u << 20, 123));
	CHECK(big_round_trip(fd, 5000, 4000));
	CHECK(big_round_trip(fd, 3 * 4096 + 1, 4095));
	/* A pattern read straight into a big buffer. */
	int dfd = open("utest:", O_RDONLY);
	uint8_t *b = malloc(70000);
	CHECK(dfd >= 0 && b);
	CHECK_EQ(read(dfd, b + 1, 65536), 65536);
	for (size_t i = 0; i < 65536; i++)
		CHECK_EQ(b[1 + i], pattern(i));
	/* A buffer that is not all mapped fails as a whole. */
	CHECK_ERRNO(write(fd, (void *)0x1000, 8192), EFAULT);
	free(b);
	close(dfd);
	close(fd);
	daemon_stop(d);
}

TEST(file_calls_are_forwarded)
{
	pid_t d = daemon_start();
	struct stat st;
	char dents[64];

	CHECK(d > 0);
	int fd = open("utest:store", O_RDWR);
	CHECK(fd >= 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_mode, ABI_S_IFREG | 0640);
	CHECK_EQ(st.st_size, H_STORE * 1000);           /* uid 0 */
	CHECK_EQ(lseek(fd, 77, SEEK_SET), 77);
	CHECK_ERRNO(lseek(fd, 0, SEEK_END), EINVAL);
	CHECK_EQ(write(fd, "hello", 5), 5);
	CHECK_EQ(ftruncate(fd, 3), 0);
	CHECK_ERRNO(ftruncate(fd, 10), EINVAL);
	CHECK_EQ(tessera_getdents(fd, dents, sizeof(dents)), 24);
	CHECK_STR(((abi_dirent_t *)dents)->name, "entry");
	CHECK_EQ(unlink("utest:victim"), 0);
	CHECK_ERRNO(unlink("utest:other"), ENOENT);
	CHECK_EQ(rename("utest:a", "utest:b"), 0);
	CHECK_ERRNO(rename("utest:a", "pipe:b"), EXDEV);
	CHECK_ERRNO(fsync(fd), EOPNOTSUPP);              /* the daemon has none */
	CHECK_ERRNO(open("utest:nothing", O_RDONLY), ENOENT);
	int dfd = open("utest:", O_RDWR);
	int afd = tessera_dupat(dfd, "accept", O_RDWR);
	CHECK(dfd >= 0 && afd >= 0);
	CHECK_EQ(fstat(afd, &st), 0);
	CHECK_EQ(st.st_size, H_STORE * 1000);           /* the daemon's new handle */
	CHECK_ERRNO(tessera_dupat(dfd, "other", O_RDWR), EINVAL);
	char path[64];
	CHECK(tessera_fpath(fd, path, sizeof(path)) > 0);
	CHECK_STR(path, "utest:store");
	close(afd);
	close(dfd);
	close(fd);
	daemon_stop(d);
}

TEST(the_daemon_runs_at_the_callers_priority)
{
	pid_t d = daemon_start();

	CHECK(d > 0);
	int fd = open("utest:prio", O_RDONLY);
	char c[32];         /* the answer (a priority) counts as bytes read */
	CHECK(fd >= 0);
	CHECK_EQ(tessera_setpriority(0, 25), 0);
	CHECK_EQ(read(fd, c, sizeof(c)), 25);
	CHECK_EQ(tessera_setpriority(0, 5), 0);
	CHECK_EQ(read(fd, c, sizeof(c)), 5);
	CHECK_EQ(tessera_setpriority(0, 16), 0);
	CHECK_EQ(read(fd, c, sizeof(c)), 16);
	close(fd);
	daemon_stop(d);
}

TEST(requests_hand_off_on_the_callers_cpu)
{
	pid_t d = daemon_start();
	int same = 0, rounds = 200;

	CHECK(d > 0);
	int fd = open("utest:cpu", O_RDONLY);
	char c[64];
	CHECK(fd >= 0);
	for (int i = 0; i < rounds; i++) {
		int before = tessera_getcpu();
		long served = read(fd, c, sizeof(c));
		same += served == before && tessera_getcpu() == before;
	}
	printf("test_uscheme: %d of %d requests served on the caller's CPU\n", same, rounds);
	/* Migrations between the calls can break a few rounds, not most. */
	CHECK(same >= rounds * 3 / 4);
	close(fd);
	daemon_stop(d);
}

static void on_alarm(int sig)
{
	(void)sig;
}

TEST(a_signal_cancels_a_request_at_the_daemon)
{
	pid_t d = daemon_start();
	char c;

	CHECK(d > 0);
	int fd = open("utest:slow", O_RDONLY);
	CHECK(fd >= 0);
	struct sigaction sa = { 0 };
	sa.sa_handler = on_alarm;
	CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
	pid_t me = getpid(), poker = utest_fork();
	if (poker == 0) {
		CHILD_CHECK(utest_wait_for(&stats->pending_tag_valid, 1, 20000));
		kill(me, SIGUSR1);
		_exit(0);
	}
	CHECK_ERRNO(read(fd, &c, 1), EINTR);
	CHECK(utest_wait(poker) == 0);
	CHECK(utest_wait_for(&stats->cancels, 1, 20000));
	/* The daemon still serves. */
	int dfd = open("utest:", O_RDONLY);
	CHECK(dfd >= 0 && read(dfd, &c, 1) == 1);
	close(dfd);
	close(fd);
	daemon_stop(d);
}

TEST(a_dying_client_has_its_handles_closed)
{
	pid_t d = daemon_start();

	CHECK(d > 0);
	pid_t child = utest_fork();
	if (child == 0) {
		CHILD_CHECK(open("utest:", O_RDONLY) >= 0);
		CHILD_CHECK(open("utest:store", O_RDONLY) >= 0);
		CHILD_CHECK(open("utest:prio", O_RDONLY) >= 0);
		_exit(0);       /* without closing */
	}
	CHECK_EQ(utest_wait(child), 0);
	CHECK(utest_wait_for(&stats->closes, 3, 20000));
	CHECK_EQ(stats->opens, 3);
	daemon_stop(d);
}

TEST(a_daemon_killed_mid_request_fails_it_with_eio)
{
	pid_t d = daemon_start();
	char c, log[65536];

	CHECK(d > 0);
	int fd = open("utest:slow", O_RDONLY);
	CHECK(fd >= 0);
	pid_t killer = utest_fork();
	if (killer == 0) {
		CHILD_CHECK(utest_wait_for(&stats->pending_tag_valid, 1, 20000));
		kill(d, SIGKILL);
		_exit(0);
	}
	CHECK_ERRNO(read(fd, &c, 1), EIO);
	CHECK_EQ(utest_wait(killer), 0);
	utest_wait(d);
	/* Everything on the dead daemon's files fails; the name is free. */
	CHECK_ERRNO(read(fd, &c, 1), EIO);
	CHECK_ERRNO(open("utest:", O_RDONLY), ENOENT);
	int lfd = open("debug:", O_RDONLY);
	CHECK(lfd >= 0);
	ssize_t n = 0, r;
	while ((r = read(lfd, log + n, sizeof(log) - 1 - (size_t)n)) > 0)
		n += r;
	log[n] = '\0';
	char line[80];
	snprintf(line, sizeof(line), "[kernel] scheme 'utest' provider %d died", d);
	CHECK(strstr(log, line) != NULL);
	close(lfd);
	/* A new instance takes the name again. */
	pid_t d2 = daemon_start();
	CHECK(d2 > 0);
	int fd2 = open("utest:", O_RDONLY);
	CHECK(fd2 >= 0 && read(fd2, &c, 1) == 1);
	CHECK_ERRNO(read(fd, &c, 1), EIO);              /* old files stay dead */
	close(fd2);
	close(fd);
	daemon_stop(d2);
}

TEST(registration_needs_root_and_a_free_name)
{
	pid_t d = daemon_start();

	CHECK(d > 0);
	CHECK_ERRNO(open(":utest", O_RDWR), EEXIST);
	CHECK_ERRNO(open(":bad/name", O_RDWR), EINVAL);
	CHECK_ERRNO(open(":", O_RDWR), EINVAL);
	pid_t child = utest_fork();
	if (child == 0) {
		CHILD_CHECK(setuid(1000) == 0);
		errno = 0;
		CHILD_CHECK(open(":mine", O_RDWR) == -1 && errno == EPERM);
		/* Users may still call schemes that are there. */
		int fd = open("utest:", O_RDONLY);
		char c;
		CHILD_CHECK(fd >= 0 && read(fd, &c, 1) == 1);
		_exit(0);
	}
	CHECK_EQ(utest_wait(child), 0);
	daemon_stop(d);
}

TEST(a_namespace_without_the_scheme_hides_it)
{
	pid_t d = daemon_start();

	CHECK(d > 0);
	pid_t child = utest_fork();
	if (child == 0) {
		const char *keep[] = { "debug", "pipe" };
		CHILD_CHECK(tessera_mkns(keep, 2) == 0);
		errno = 0;
		CHILD_CHECK(open("utest:", O_RDONLY) == -1 && errno == ENOENT);
		_exit(0);
	}
	CHECK_EQ(utest_wait(child), 0);
	daemon_stop(d);
}

TEST(daemon_events_reach_event_queues)
{
	pid_t d = daemon_start();
	abi_event_t ev;
	char c;

	CHECK(d > 0);
	int fd = open("utest:events", O_RDONLY);
	int q = open("event:", O_RDWR | O_NONBLOCK);
	CHECK(fd >= 0 && q >= 0);
	CHECK_EQ(tessera_fevent(fd, EVENT_READ | EVENT_WRITE), EVENT_WRITE);
	abi_event_t sub = { (uint64_t)fd, EVENT_READ, 0, 9 };
	CHECK_EQ(write(q, &sub, sizeof(sub)), (long)sizeof(sub));
	CHECK_ERRNO(read(q, &ev, sizeof(ev)), EAGAIN);
	CHECK_EQ(read(fd, &c, 1), 0);                   /* makes the daemon say "readable" */
	CHECK_EQ(read(q, &ev, sizeof(ev)), (long)sizeof(ev));
	CHECK(ev.data == 9 && ev.flags == EVENT_READ);
	CHECK_EQ(tessera_fevent(fd, EVENT_READ), EVENT_READ);
	close(q);
	close(fd);
	daemon_stop(d);
}

TEST(mmap_maps_the_daemons_memory)
{
	pid_t d = daemon_start();

	CHECK(d > 0);
	int fd = open("utest:map", O_RDWR);
	if (fd < 0)
		printf("test_uscheme: open map: %s\n", strerror(errno));
	CHECK(fd >= 0);
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_STR(p, "from the daemon");
	CHECK(mmap(NULL, 3 * 4096, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED && errno == ENXIO);
	CHECK(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0) == MAP_FAILED && errno == EINVAL);
	munmap(p, 8192);
	close(fd);
	daemon_stop(d);
}

TEST(unknown_schemes_and_bad_descriptors)
{
	char c;

	CHECK_ERRNO(open("nosuchscheme:x", O_RDONLY), ENOENT);
	CHECK_ERRNO(read(1234, &c, 1), EBADF);
	CHECK_ERRNO(tessera_dupat(1234, "accept", O_RDWR), EBADF);
	CHECK_ERRNO(tessera_fevent(1234, EVENT_READ), EBADF);
	CHECK_ERRNO(fsync(1234), EBADF);
	CHECK_ERRNO(unlink("nosuchscheme:x"), ENOENT);
}

TEST(an_empty_read_leaves_the_buffer_alone)
{
	pid_t d = daemon_start();
	char secret[200], buf[200];

	CHECK(d > 0);
	int data = open("utest:", O_RDWR);
	int ev = open("utest:events", O_RDONLY);
	CHECK(data >= 0 && ev >= 0);
	/* Fill the copy slots with bytes of a request... */
	for (int i = 0; i < 70; i++)
		CHECK_EQ(read(data, secret, sizeof(secret)), (long)sizeof(secret));
	/* ...then a read that returns 0 must not hand any of them back. */
	memset(buf, 0x5a, sizeof(buf));
	CHECK_EQ(read(ev, buf, sizeof(buf)), 0);
	for (size_t i = 0; i < sizeof(buf); i++)
		CHECK_EQ((unsigned char)buf[i], 0x5a);
	close(ev);
	close(data);
	daemon_stop(d);
}
