// SPDX-License-Identifier: MIT
/*
 * The pure half of <termios.h>: speeds and cfmakeraw, which only edit a
 * struct termios. A speed is one of the B* codes (anything else is
 * EINVAL). The output speed lives in c_ospeed and in c_cflag's CBAUD
 * bits (Linux keeps it there and programs read it back from there); the
 * input speed in c_ispeed, 0 meaning "same as output".
 */
#include "../libc.h"

#include <errno.h>
#include <termios.h>

static int speed_valid(speed_t s)
{
	return (s & ~(speed_t)CBAUD) == 0 && (s <= B38400 || (s >= B57600 && s <= B4000000));
}

speed_t cfgetospeed(const struct termios *t)
{
	return t->c_cflag & CBAUD;
}

speed_t cfgetispeed(const struct termios *t)
{
	return t->c_ispeed ? t->c_ispeed : cfgetospeed(t);
}

int cfsetospeed(struct termios *t, speed_t speed)
{
	if (!speed_valid(speed))
		return (int)__syscall_ret(-EINVAL);
	t->c_cflag = (t->c_cflag & ~(tcflag_t)CBAUD) | speed;
	t->c_ospeed = speed;
	return 0;
}

int cfsetispeed(struct termios *t, speed_t speed)
{
	if (!speed_valid(speed))
		return (int)__syscall_ret(-EINVAL);
	t->c_ispeed = speed;
	return 0;
}

int cfsetspeed(struct termios *t, speed_t speed)
{
	if (cfsetospeed(t, speed) < 0)
		return -1;
	return cfsetispeed(t, speed);
}

/* Raw mode: bytes as they come, one at a time, no echo, no signals, 8 bits. */
void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	t->c_oflag &= ~(tcflag_t)OPOST;
	t->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}
