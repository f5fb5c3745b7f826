// SPDX-License-Identifier: MIT
/*
 * The IPC daemon as programs use it: shm: shared between processes,
 * chan: and uds_stream: with listen (O_CREAT), connect and accept
 * (dupat "accept"), message boundaries on chan: and uds_dgram:, a byte
 * stream bigger than the socket buffer, end of file and EPIPE (with
 * SIGPIPE) after the peer closes, readiness through event:, and the
 * refusals.
 */
#include "utest.h"

#include <abi/event.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <tessera/sys.h>
#include <unistd.h>

TEST(shm_is_shared_between_processes)
{
	int fd = open("shm:test_ipc", O_RDWR | O_CREAT | O_EXCL);
	struct stat st;

	CHECK(fd >= 0);
	CHECK_EQ(ftruncate(fd, 8192), 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK_EQ(st.st_size, 8192);
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	pid_t pid = utest_fork();
	if (pid == 0) {
		int cfd = open("shm:test_ipc", O_RDWR);
		CHILD_CHECK(cfd >= 0);
		char *q = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, cfd, 0);
		CHILD_CHECK(q != MAP_FAILED);
		strcpy(q + 4096, "through shm:");
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
	CHECK_STR(p + 4096, "through shm:");
	char buf[16] = { 0 };
	CHECK_EQ(lseek(fd, 4096, SEEK_SET), 4096);
	CHECK_EQ(read(fd, buf, 12), 12);                /* read() sees it too */
	CHECK_STR(buf, "through shm:");
	CHECK_EQ(unlink("shm:test_ipc"), 0);
	CHECK_ERRNO(open("shm:test_ipc", O_RDWR), ENOENT);
	munmap(p, 8192);
	close(fd);
}

TEST(chan_keeps_message_boundaries)
{
	char buf[100];
	int l = open("chan:test_svc", O_RDWR | O_CREAT);

	CHECK(l >= 0);
	CHECK_ERRNO(open("chan:test_svc", O_RDWR | O_CREAT), EADDRINUSE);
	CHECK_ERRNO(open("chan:nobody", O_RDWR), ECONNREFUSED);
	pid_t pid = utest_fork();
	if (pid == 0) {
		int c = open("chan:test_svc", O_RDWR);
		CHILD_CHECK(c >= 0);
		CHILD_CHECK(write(c, "hello", 5) == 5);
		CHILD_CHECK(write(c, "world!", 6) == 6);
		CHILD_CHECK(read(c, buf, sizeof(buf)) == 5 && memcmp(buf, "reply", 5) == 0);
		_exit(0);
	}
	int s = tessera_dupat(l, "accept", O_RDWR);
	CHECK(s >= 0);
	CHECK_EQ(read(s, buf, sizeof(buf)), 5);
	CHECK(memcmp(buf, "hello", 5) == 0);
	CHECK_EQ(read(s, buf, sizeof(buf)), 6);
	CHECK(memcmp(buf, "world!", 6) == 0);
	CHECK_EQ(write(s, "reply", 5), 5);
	CHECK_EQ(utest_wait(pid), 0);
	CHECK_EQ(read(s, buf, sizeof(buf)), 0);         /* the child is gone: EOF */
	signal(SIGPIPE, SIG_IGN);
	CHECK_ERRNO(write(s, "x", 1), EPIPE);
	signal(SIGPIPE, SIG_DFL);
	close(s);
	close(l);
}

TEST(writing_to_a_closed_peer_raises_sigpipe)
{
	pid_t pid = utest_fork();
	if (pid == 0) {
		int l = open("chan:test_pipe", O_RDWR | O_CREAT);
		int c = open("chan:test_pipe", O_RDWR);
		int s = tessera_dupat(l, "accept", O_RDWR);
		CHILD_CHECK(l >= 0 && c >= 0 && s >= 0);
		close(s);
		write(c, "x", 1);
		_exit(0);       /* not reached: SIGPIPE kills */
	}
	int status = utest_wait(pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE);
}

TEST(uds_stream_carries_more_than_its_buffer)
{
	size_t total = 200000;
	unsigned char *buf = malloc(total);
	int l = open("uds_stream:/tmp/test_ipc.sock", O_RDWR | O_CREAT);

	CHECK(buf && l >= 0);
	pid_t pid = utest_fork();
	if (pid == 0) {
		int c = open("uds_stream:/tmp/test_ipc.sock", O_RDWR);
		CHILD_CHECK(c >= 0);
		for (size_t i = 0; i < total; i++)
			buf[i] = (unsigned char)(i * 31 + 7);
		size_t done = 0;
		while (done < total) {
			ssize_t n = write(c, buf + done, total - done);
			CHILD_CHECK(n > 0);
			done += (size_t)n;
		}
		_exit(0);
	}
	int s = tessera_dupat(l, "accept", O_RDWR);
	CHECK(s >= 0);
	size_t got = 0;
	ssize_t n;
	memset(buf, 0, total);
	while ((n = read(s, buf + got, total - got + 1 > 8000 ? 8000 : total - got + 1)) > 0)
		got += (size_t)n;
	CHECK_EQ(n, 0);
	CHECK_EQ(got, total);
	for (size_t i = 0; i < total; i++)
		CHECK_EQ(buf[i], (unsigned char)(i * 31 + 7));
	CHECK_EQ(utest_wait(pid), 0);
	free(buf);
	close(s);
	close(l);
}

TEST(uds_dgram_keeps_datagrams_whole)
{
	static char big[5000], in[6000];
	int r = open("uds_dgram:test_dg", O_RDWR | O_CREAT);

	CHECK(r >= 0);
	CHECK_ERRNO(open("uds_dgram:test_dg", O_RDWR | O_CREAT), EADDRINUSE);
	int w = open("uds_dgram:test_dg", O_RDWR);
	CHECK(w >= 0);
	memset(big, 'b', sizeof(big));
	CHECK_EQ(write(w, "ten bytes!", 10), 10);
	CHECK_EQ(write(w, big, sizeof(big)), (long)sizeof(big));   /* mapped path */
	CHECK_EQ(write(w, "abcdef", 6), 6);
	CHECK_EQ(read(r, in, sizeof(in)), 10);
	CHECK_EQ(read(r, in, sizeof(in)), (long)sizeof(big));
	CHECK(memcmp(in, big, sizeof(big)) == 0);
	CHECK_EQ(read(r, in, 3), 3);                    /* truncated, rest dropped */
	CHECK(memcmp(in, "abc", 3) == 0);
	int fl = fcntl(r, F_GETFL);
	CHECK_EQ(fcntl(r, F_SETFL, fl | O_NONBLOCK), 0);
	CHECK_ERRNO(read(r, in, sizeof(in)), EAGAIN);
	CHECK_ERRNO(tessera_dupat(r, "accept", O_RDWR), EOPNOTSUPP);
	close(r);
	CHECK_ERRNO(write(w, "x", 1), ECONNREFUSED);
	close(w);
	int again = open("uds_dgram:test_dg", O_RDWR | O_CREAT);     /* the name is free */
	CHECK(again >= 0);
	close(again);
}

TEST(listeners_and_sockets_report_readiness)
{
	abi_event_t ev;
	int l = open("chan:test_ready", O_RDWR | O_CREAT | O_NONBLOCK);
	int q = open("event:", O_RDWR | O_NONBLOCK);

	CHECK(l >= 0 && q >= 0);
	CHECK_ERRNO(tessera_dupat(l, "accept", O_RDWR), EAGAIN);
	abi_event_t sub = { (uint64_t)l, EVENT_READ, 0, 1 };
	CHECK_EQ(write(q, &sub, sizeof(sub)), (long)sizeof(sub));
	CHECK_ERRNO(read(q, &ev, sizeof(ev)), EAGAIN);
	int c = open("chan:test_ready", O_RDWR);
	CHECK(c >= 0);
	CHECK_EQ(read(q, &ev, sizeof(ev)), (long)sizeof(ev));
	CHECK(ev.data == 1 && ev.flags == EVENT_READ);
	int s = tessera_dupat(l, "accept", O_RDWR);
	CHECK(s >= 0);
	CHECK_EQ(tessera_fevent(s, EVENT_READ | EVENT_WRITE), EVENT_WRITE);
	CHECK_EQ(write(c, "m", 1), 1);
	CHECK_EQ(tessera_fevent(s, EVENT_READ | EVENT_WRITE), EVENT_READ | EVENT_WRITE);
	close(c);
	close(s);
	close(q);
	close(l);
}
