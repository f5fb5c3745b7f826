// SPDX-License-Identifier: MIT
/*
 * What getty decides about a terminal, apart from the system calls that
 * apply it (main.c): where a terminal name leads, the termios settings a
 * login gets, the line that greets it, and the login's environment.
 *
 * The settings are the usual cooked terminal, set whole rather than
 * patched, so a terminal left raw by a crashed program comes back
 * usable: canonical lines with echo and the erase/kill/word-erase
 * editing keys, signals from ^C ^\ ^Z, CR typed as NL and NL written as
 * CR NL. Flow control (^S/^Q) is off, so a stray ^S cannot freeze a
 * console that a person or a test harness drives. Speed and character
 * size bits are left as the terminal has them.
 */
#include "getty.h"

#include <stdio.h>
#include <string.h>

#define GETTY_CTRL(c) ((c) & 0x1f)

const char *getty_tty_path(const char *tty, char *buf, size_t size)
{
	if (strchr(tty, '/') || strchr(tty, ':'))
		return tty;
	snprintf(buf, size, "pty:%s", tty);
	return buf;
}

void getty_sane(struct termios *t)
{
	t->c_iflag &= ~(tcflag_t)(IGNBRK | INLCR | IGNCR | ISTRIP | IXON | IXOFF | IXANY | IUCLC);
	t->c_iflag |= BRKINT | ICRNL | IUTF8;
	t->c_oflag &= ~(tcflag_t)(OLCUC | OCRNL | ONOCR | ONLRET | OFILL);
	t->c_oflag |= OPOST | ONLCR;
	t->c_cflag |= CREAD;
	t->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	memset(t->c_cc, 0, sizeof(t->c_cc));
	t->c_cc[VINTR] = GETTY_CTRL('C');
	t->c_cc[VQUIT] = GETTY_CTRL('\\');
	t->c_cc[VERASE] = 0x7f;
	t->c_cc[VKILL] = GETTY_CTRL('U');
	t->c_cc[VEOF] = GETTY_CTRL('D');
	t->c_cc[VSTART] = GETTY_CTRL('Q');
	t->c_cc[VSTOP] = GETTY_CTRL('S');
	t->c_cc[VSUSP] = GETTY_CTRL('Z');
	t->c_cc[VREPRINT] = GETTY_CTRL('R');
	t->c_cc[VDISCARD] = GETTY_CTRL('O');
	t->c_cc[VWERASE] = GETTY_CTRL('W');
	t->c_cc[VLNEXT] = GETTY_CTRL('V');
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

void getty_issue(const char *sysname, const char *release, const char *tty, char *buf,
		 size_t size)
{
	snprintf(buf, size, "\n%s %s (%s)\n\n", sysname, release, tty);
}

int getty_env(const getty_user_t *u, const char *term, char *envp[], char *buf, size_t size)
{
	const char *const names[] = { "HOME", "USER", "LOGNAME", "SHELL", "PATH", "TERM" };
	const char *const values[] = { u->home, u->name, u->name, u->shell, "/bin", term };
	size_t used = 0;
	int n = 0;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		int len = snprintf(buf + used, size - used, "%s=%s", names[i], values[i]);
		if (len < 0 || (size_t)len >= size - used)
			return -1;
		envp[n++] = buf + used;
		used += (size_t)len + 1;
	}
	envp[n] = NULL;
	return n;
}
