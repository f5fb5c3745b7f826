// SPDX-License-Identifier: MIT
/*
 * <termios.h> and <sys/ioctl.h>: what can be checked without a terminal.
 * Pipes are not terminals (ENOTTY from every terminal call, isatty 0),
 * bad descriptors are EBADF, speeds round-trip through cfset/cfget,
 * cfmakeraw sets raw mode, the constants have Linux's values, and the
 * descriptor ioctls (FIONBIO, FIOCLEX, FIONREAD) work on pipes.
 */
#include "utest.h"

#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

TEST(a_pipe_is_not_a_terminal)
{
	int p[2];
	struct termios t;
	struct winsize ws;

	CHECK_EQ(pipe(p), 0);
	errno = 0;
	CHECK_EQ(isatty(p[0]), 0);
	CHECK_EQ(errno, ENOTTY);
	CHECK_ERRNO(tcgetattr(p[0], &t), ENOTTY);
	memset(&t, 0, sizeof(t));
	CHECK_ERRNO(tcsetattr(p[1], TCSANOW, &t), ENOTTY);
	CHECK_ERRNO(tcdrain(p[1]), ENOTTY);
	CHECK_ERRNO(tcflush(p[0], TCIFLUSH), ENOTTY);
	CHECK_ERRNO(tcflow(p[1], TCOON), ENOTTY);
	CHECK_ERRNO(tcgetpgrp(p[0]), ENOTTY);
	CHECK_ERRNO(tcgetsid(p[0]), ENOTTY);
	CHECK_ERRNO(ioctl(p[0], TIOCGWINSZ, &ws), ENOTTY);
	CHECK_ERRNO(ioctl(p[0], TCGETS, &t), ENOTTY);
	close(p[0]);
	close(p[1]);
}

TEST(terminal_calls_on_a_bad_descriptor_are_ebadf)
{
	struct termios t;
	struct winsize ws;

	errno = 0;
	CHECK_EQ(isatty(-1), 0);
	CHECK_EQ(errno, EBADF);
	CHECK_ERRNO(tcgetattr(999, &t), EBADF);
	CHECK_ERRNO(tcgetpgrp(999), EBADF);
	CHECK_ERRNO(ioctl(999, TIOCGWINSZ, &ws), EBADF);
}

TEST(speeds_round_trip_through_cfset_and_cfget)
{
	static const speed_t speeds[] = { B0, B50, B300, B9600, B38400, B57600, B115200,
					  B921600, B4000000 };
	struct termios t;

	for (unsigned i = 0; i < sizeof(speeds) / sizeof(speeds[0]); i++) {
		memset(&t, 0, sizeof(t));
		t.c_cflag = CS8 | CREAD;
		CHECK_EQ(cfsetospeed(&t, speeds[i]), 0);
		CHECK_EQ(cfsetispeed(&t, speeds[i]), 0);
		CHECK_EQ(cfgetospeed(&t), speeds[i]);
		CHECK_EQ(cfgetispeed(&t), speeds[i]);
		CHECK_EQ(t.c_cflag & (CS8 | CREAD), CS8 | CREAD);       /* kept */
	}
}

TEST(an_unknown_speed_is_einval)
{
	struct termios t;

	memset(&t, 0, sizeof(t));
	CHECK_ERRNO(cfsetospeed(&t, 0777777), EINVAL);
	CHECK_ERRNO(cfsetispeed(&t, 0777777), EINVAL);
}

TEST(cfmakeraw_turns_off_line_editing_and_translation)
{
	struct termios t;

	memset(&t, 0, sizeof(t));
	t.c_iflag = ICRNL | IXON | BRKINT | ISTRIP | IGNBRK;
	t.c_oflag = OPOST | ONLCR;
	t.c_lflag = ICANON | ECHO | ECHOE | ISIG | IEXTEN;
	t.c_cflag = CS7 | PARENB | CREAD;
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 5;
	cfmakeraw(&t);
	CHECK_EQ(t.c_iflag & (ICRNL | IXON | BRKINT | ISTRIP | IGNBRK), 0);
	CHECK_EQ(t.c_oflag & OPOST, 0);
	CHECK_EQ(t.c_lflag & (ICANON | ECHO | ISIG | IEXTEN), 0);
	CHECK_EQ(t.c_cflag & CSIZE, CS8);
	CHECK_EQ(t.c_cflag & PARENB, 0);
	CHECK(t.c_cflag & CREAD);
	CHECK_EQ(t.c_cc[VMIN], 1);
	CHECK_EQ(t.c_cc[VTIME], 0);
}

TEST(termios_constants_have_linux_values)
{
	CHECK_EQ(NCCS, 32);
	CHECK_EQ(VINTR, 0);
	CHECK_EQ(VEOF, 4);
	CHECK_EQ(VMIN, 6);
	CHECK_EQ(VSUSP, 10);
	CHECK_EQ(ICANON, 2);
	CHECK_EQ(ECHO, 8);
	CHECK_EQ(OPOST, 1);
	CHECK_EQ(CS8, 060);
	CHECK_EQ(B9600, 015);
	CHECK_EQ(B115200, 010002);
	CHECK_EQ(TIOCGWINSZ, 0x5413);
	CHECK_EQ(TCSAFLUSH, 2);
	CHECK_EQ(sizeof(struct winsize), 8);
	CHECK_EQ(sizeof(struct termios), 60);
}

TEST(tcsetattr_refuses_an_unknown_action)
{
	struct termios t;

	memset(&t, 0, sizeof(t));
	CHECK_ERRNO(tcsetattr(0, 12345, &t), EINVAL);
}

TEST(fionbio_and_fioclex_change_descriptor_flags)
{
	int p[2], on = 1, off = 0;

	CHECK_EQ(pipe(p), 0);
	CHECK_EQ(ioctl(p[0], FIONBIO, &on), 0);
	CHECK(fcntl(p[0], F_GETFL) & O_NONBLOCK);
	char c;
	CHECK_ERRNO(read(p[0], &c, 1), EAGAIN);
	CHECK_EQ(ioctl(p[0], FIONBIO, &off), 0);
	CHECK_EQ(fcntl(p[0], F_GETFL) & O_NONBLOCK, 0);
	CHECK_EQ(ioctl(p[1], FIOCLEX), 0);
	CHECK(fcntl(p[1], F_GETFD) & FD_CLOEXEC);
	CHECK_EQ(ioctl(p[1], FIONCLEX), 0);
	CHECK_EQ(fcntl(p[1], F_GETFD) & FD_CLOEXEC, 0);
	close(p[0]);
	close(p[1]);
}

TEST(fionread_counts_the_bytes_in_a_pipe)
{
	int p[2], n = -1;

	CHECK_EQ(pipe(p), 0);
	CHECK_EQ(ioctl(p[0], FIONREAD, &n), 0);
	CHECK_EQ(n, 0);
	CHECK_EQ(write(p[1], "hello", 5), 5);
	CHECK_EQ(ioctl(p[0], FIONREAD, &n), 0);
	CHECK_EQ(n, 5);
	close(p[0]);
	close(p[1]);
}
