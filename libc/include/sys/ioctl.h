// SPDX-License-Identifier: MIT
/*
 * ioctl (not POSIX, but what terminal programs use) with Linux's request
 * numbers. Tessera has no ioctl system call: libc/src/io/ioctl.c maps the
 * requests it knows onto termios calls and fcntl, and answers ENOTTY to
 * the rest.
 */
#pragma once

#include <termios.h>

#define TCGETS     0x5401
#define TCSETS     0x5402
#define TCSETSW    0x5403
#define TCSETSF    0x5404
#define TCSBRK     0x5409
#define TCXONC     0x540A
#define TCFLSH     0x540B
#define TIOCSCTTY  0x540E
#define TIOCGPGRP  0x540F
#define TIOCSPGRP  0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD   0x541B
#define TIOCINQ    FIONREAD
#define TIOCNOTTY  0x5422
#define FIONBIO    0x5421
#define TIOCGSID   0x5429
#define FIONCLEX   0x5450
#define FIOCLEX    0x5451

int ioctl(int fd, unsigned long request, ...);
