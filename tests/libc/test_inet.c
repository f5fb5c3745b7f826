// SPDX-License-Identifier: MIT
/*
 * <arpa/inet.h>, <netinet/in.h> and AF_UNIX sockets: address text both
 * ways (tables of valid and invalid forms, glibc's IPv6 compression),
 * inet_aton's historical forms, byte order, and Unix-domain stream
 * sockets through socketpair and through bind/listen/connect/accept with
 * a child process.
 */
#include "utest.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>


static const char *ntop6(const char *text)
{
	static char out[INET6_ADDRSTRLEN];
	unsigned char a[16];

	if (inet_pton(AF_INET6, text, a) != 1)
		return "(invalid)";
	return inet_ntop(AF_INET6, a, out, sizeof(out));
}

TEST(inet_pton_accepts_and_rejects_ipv4_forms)
{
	static const struct { const char *text; int ok; unsigned char b[4]; } cases[] = {
		{ "1.2.3.4", 1, { 1, 2, 3, 4 } },
		{ "0.0.0.0", 1, { 0, 0, 0, 0 } },
		{ "255.255.255.255", 1, { 255, 255, 255, 255 } },
		{ "256.1.1.1", 0, { 0 } },
		{ "1.2.3", 0, { 0 } },
		{ "1.2.3.4.5", 0, { 0 } },
		{ "01.2.3.4", 0, { 0 } },
		{ "1.2.3.4 ", 0, { 0 } },
		{ " 1.2.3.4", 0, { 0 } },
		{ "0x1.2.3.4", 0, { 0 } },
		{ "1..2.3", 0, { 0 } },
		{ "", 0, { 0 } },
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned char b[4] = { 0 };
		CHECK_EQ(inet_pton(AF_INET, cases[i].text, b), cases[i].ok);
		if (cases[i].ok)
			CHECK(memcmp(b, cases[i].b, 4) == 0);
	}
}

TEST(inet_pton_accepts_and_rejects_ipv6_forms)
{
	static const char *good[] = { "::", "::1", "1::", "1:2:3:4:5:6:7:8", "1::8", "fe80::1",
				      "::ffff:1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "ABCD:ef01::",
				      "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8" };
	static const char *bad[] = { "", ":", ":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::",
				     "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "1:", ":1",
				     "1:2:3:4:5:6:7", "g::", "::1.2.3", "1.2.3.4::", "::1.2.3.4:5" };
	unsigned char a[16];

	for (unsigned i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		CHECK_EQ(inet_pton(AF_INET6, good[i], a), 1);
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK_EQ(inet_pton(AF_INET6, bad[i], a), 0);
	CHECK_ERRNO(inet_pton(12345, "1.2.3.4", a), EAFNOSUPPORT);
}

TEST(inet_ntop_compresses_ipv6_like_glibc)
{
	CHECK_STR(ntop6("0:0:0:0:0:0:0:0"), "::");
	CHECK_STR(ntop6("0:0:0:0:0:0:0:1"), "::1");
	CHECK_STR(ntop6("1:0:0:0:0:0:0:0"), "1::");
	CHECK_STR(ntop6("2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");
	CHECK_STR(ntop6("2001:0db8:0000:0000:0000:0000:0002:0001"), "2001:db8::2:1");
	CHECK_STR(ntop6("1:0:2:3:4:5:6:7"), "1:0:2:3:4:5:6:7");      /* one zero: kept */
	CHECK_STR(ntop6("1:0:0:2:0:0:0:3"), "1:0:0:2::3");           /* longest run */
	CHECK_STR(ntop6("1:0:0:2:3:0:0:4"), "1::2:3:0:0:4");         /* first of equals */
	CHECK_STR(ntop6("FE80::ABCD"), "fe80::abcd");
	CHECK_STR(ntop6("::ffff:1.2.3.4"), "::ffff:1.2.3.4");
	CHECK_STR(ntop6("::1.2.3.4"), "::1.2.3.4");
	CHECK_STR(ntop6("::1:2"), "::0.1.0.2");
	CHECK_STR(ntop6("1:2:3:4:5:6:7::"), "1:2:3:4:5:6:7:0");
}

TEST(inet_ntop_writes_ipv4_and_checks_the_size)
{
	unsigned char a[4] = { 192, 168, 0, 255 };
	char out[INET_ADDRSTRLEN];

	CHECK_STR(inet_ntop(AF_INET, a, out, sizeof(out)), "192.168.0.255");
	errno = 0;
	CHECK(inet_ntop(AF_INET, a, out, 13) == NULL);
	CHECK_EQ(errno, ENOSPC);
	CHECK(inet_ntop(AF_INET, a, out, 14) != NULL);
	unsigned char z[16] = { 0 };
	errno = 0;
	CHECK(inet_ntop(AF_INET6, z, out, 2) == NULL);
	CHECK_EQ(errno, ENOSPC);
}

TEST(ipv6_text_round_trips)
{
	unsigned long long x = 0x9e3779b97f4a7c15ull;

	for (int n = 0; n < 5000; n++) {
		unsigned char a[16], b[16];
		char text[INET6_ADDRSTRLEN];
		for (int i = 0; i < 16; i++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			a[i] = (x & 3) ? 0 : (unsigned char)(x >> 20);
		}
		CHECK(inet_ntop(AF_INET6, a, text, sizeof(text)) != NULL);
		CHECK_EQ(inet_pton(AF_INET6, text, b), 1);
		CHECK(memcmp(a, b, 16) == 0);
	}
}

TEST(inet_aton_takes_the_historical_forms)
{
	static const struct { const char *text; int ok; uint32_t host; } cases[] = {
		{ "1.2.3.4", 1, 0x01020304 },
		{ "127.1", 1, 0x7f000001 },
		{ "1.2.65535", 1, 0x0102ffff },
		{ "1.2.65536", 0, 0 },
		{ "0x7f.1", 1, 0x7f000001 },
		{ "0377.0xff.255.1", 1, 0xffffff01 },
		{ "4294967295", 1, 0xffffffff },
		{ "4294967296", 0, 0 },
		{ "1.2.3.4 trailing", 1, 0x01020304 },
		{ "1.2.3.4x", 0, 0 },
		{ "1.2.3.256", 0, 0 },
		{ "08", 0, 0 },
		{ "", 0, 0 },
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct in_addr a = { 0 };
		CHECK_EQ(inet_aton(cases[i].text, &a), cases[i].ok);
		if (cases[i].ok)
			CHECK_EQ(ntohl(a.s_addr), cases[i].host);
	}
	CHECK_EQ(inet_addr("10.0.0.1"), htonl(0x0a000001));
	CHECK_EQ(inet_addr("bogus"), INADDR_NONE);
	struct in_addr a = { htonl(0xc0a80101) };
	CHECK_STR(inet_ntoa(a), "192.168.1.1");
}

TEST(byte_order_functions_swap_on_this_little_endian_machine)
{
	uint16_t s = 0x1234;
	uint32_t l = 0x12345678;

	CHECK_EQ(htons(s), 0x3412);
	CHECK_EQ(ntohs(htons(s)), 0x1234);
	CHECK_EQ(htonl(l), 0x78563412);
	CHECK_EQ(ntohl(htonl(l)), 0x12345678);
	CHECK_EQ((htonl)(l), 0x78563412);       /* the functions, not the macros */
	CHECK_EQ((ntohs)(0x3412), 0x1234);
	CHECK_EQ(sizeof(struct sockaddr_in), 16);
	CHECK_EQ(sizeof(struct sockaddr_in6), 28);
	CHECK_EQ(sizeof(struct sockaddr_storage), 128);
	CHECK_EQ(sizeof(struct sockaddr_un), 110);
}

TEST(socketpair_carries_bytes_both_ways)
{
	int sv[2], type = 0;
	char buf[16] = { 0 };
	socklen_t len = sizeof(type);

	CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	CHECK_EQ(write(sv[0], "ping", 4), 4);
	CHECK_EQ(read(sv[1], buf, sizeof(buf)), 4);
	CHECK_STR(buf, "ping");
	CHECK_EQ(send(sv[1], "pong!", 5, 0), 5);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(recv(sv[0], buf, sizeof(buf), 0), 5);
	CHECK_STR(buf, "pong!");
	CHECK_EQ(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &len), 0);
	CHECK_EQ(type, SOCK_STREAM);
	close(sv[1]);
	CHECK_EQ(read(sv[0], buf, sizeof(buf)), 0);     /* end of file */
	close(sv[0]);
}

TEST(send_with_msg_nosignal_to_a_closed_peer_is_epipe_without_a_signal)
{
	int sv[2];

	CHECK_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	close(sv[1]);
	CHECK_ERRNO(send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
	close(sv[0]);
}

TEST(unix_stream_listen_connect_accept_echo)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	char buf[32] = { 0 };

	snprintf(addr.sun_path, sizeof(addr.sun_path), "/tmp/test_inet_%d.sock", getpid());
	unlink(addr.sun_path);
	int l = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK(l >= 0);
	CHECK_EQ(bind(l, (struct sockaddr *)&addr, sizeof(addr)), 0);
	CHECK_EQ(listen(l, 4), 0);
	pid_t pid = utest_fork();
	if (pid == 0) {
		int c = socket(AF_UNIX, SOCK_STREAM, 0);
		char reply[32] = { 0 };
		CHILD_CHECK(c >= 0);
		CHILD_CHECK(connect(c, (struct sockaddr *)&addr, sizeof(addr)) == 0);
		CHILD_CHECK(send(c, "hello", 5, 0) == 5);
		CHILD_CHECK(recv(c, reply, sizeof(reply), 0) == 5);
		CHILD_CHECK(strcmp(reply, "HELLO") == 0);
		_exit(0);
	}
	int s = accept(l, NULL, NULL);
	CHECK(s >= 0);
	CHECK_EQ(recv(s, buf, sizeof(buf), 0), 5);
	CHECK_STR(buf, "hello");
	CHECK_EQ(send(s, "HELLO", 5, 0), 5);
	CHECK_EQ(utest_wait(pid), 0);
	close(s);
	close(l);
	unlink(addr.sun_path);
}

TEST(connecting_to_nobody_is_refused)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int c = socket(AF_UNIX, SOCK_STREAM, 0);

	snprintf(addr.sun_path, sizeof(addr.sun_path), "/tmp/test_inet_nobody_%d", getpid());
	CHECK(c >= 0);
	errno = 0;
	CHECK_EQ(connect(c, (struct sockaddr *)&addr, sizeof(addr)), -1);
	CHECK(errno == ECONNREFUSED || errno == ENOENT);
	close(c);
}

TEST(socket_calls_refuse_what_is_not_a_socket)
{
	int p[2];
	socklen_t len = sizeof(int);
	int v;

	CHECK_EQ(pipe(p), 0);
	CHECK_ERRNO(getsockopt(p[0], SOL_SOCKET, SO_TYPE, &v, &len), ENOTSOCK);
	CHECK_ERRNO(listen(p[0], 1), ENOTSOCK);
	CHECK_ERRNO(listen(9999, 1), EBADF);
	CHECK_ERRNO(socket(AF_UNIX, 12345, 0), EINVAL);
	close(p[0]);
	close(p[1]);
}
