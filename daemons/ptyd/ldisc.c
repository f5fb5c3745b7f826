// SPDX-License-Identifier: MIT
/*
 * The line discipline's buffers: output processing, reads, mode changes
 * (ldisc.h has the model; ldisc_input.c handles what is typed).
 *
 * Both buffers are flat arrays read from the front (a memmove per read):
 * at 4 and 8 KiB that costs less than a ring's wrap-around cases cost in
 * clarity. Each byte of typed input carries a mark, so canonical lines
 * need no separate index: a byte marked EOL ends a line, and a VEOF is
 * kept as a placeholder byte marked EOF that reads consume but never
 * return (that is how "abc^D" reads "abc" and a ^D alone reads 0).
 *
 * Output processing tracks the column, which the erase keys need to take
 * back a tab. Echoes go through the same processing as the program's
 * output (so ONLCR applies to an echoed newline) and may use the whole
 * output buffer, while the program's writes stop at half of it: a
 * program filling its terminal cannot crowd out the echo of what the
 * user types.
 */
#include "ldisc.h"

#include <errno.h>
#include <string.h>
#include <termios.h>

void ldisc_termios_default(abi_termios_t *t)
{
	static const uint8_t cc[ABI_NCCS] = {
		[VINTR] = 003, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025, [VEOF] = 004,
		[VTIME] = 0, [VMIN] = 1, [VSTART] = 021, [VSTOP] = 023, [VSUSP] = 032,
		[VREPRINT] = 022, [VDISCARD] = 017, [VWERASE] = 027, [VLNEXT] = 026,
	};

	memset(t, 0, sizeof(*t));
	t->iflag = ICRNL | IXON | IUTF8;
	t->oflag = OPOST | ONLCR;
	t->cflag = B38400 | CS8 | CREAD | HUPCL;
	t->lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	memcpy(t->cc, cc, sizeof(cc));
	t->ispeed = t->ospeed = B38400;
}

void ldisc_init(ldisc_t *ld)
{
	memset(ld, 0, sizeof(*ld));
	ldisc_termios_default(&ld->t);
}

bool ldisc_canonical(const ldisc_t *ld)
{
	return ld->t.lflag & ICANON;
}

bool ldisc_is(const ldisc_t *ld, uint8_t c, unsigned index)
{
	return ld->t.cc[index] != 0 && c == ld->t.cc[index];
}

/* --- output processing ------------------------------------------------------ */

static bool ldisc_is_control(uint8_t c)
{
	return c < 0x20 || c == 0x7f;
}

/* What c becomes on its way out (at most LDISC_EXPAND_MAX bytes); moves *col. */
static size_t ldisc_expand(const ldisc_t *ld, uint8_t c, uint8_t *out, unsigned *col)
{
	tcflag_t of = ld->t.oflag;

	if (!(of & OPOST)) {
		out[0] = c;
		return 1;
	}
	switch (c) {
	case '\n':
		if (of & ONLCR) {
			*col = 0;
			out[0] = '\r';
			out[1] = '\n';
			return 2;
		}
		if (of & ONLRET)
			*col = 0;
		break;
	case '\r':
		if ((of & ONOCR) && *col == 0)
			return 0;
		if (of & OCRNL) {
			c = '\n';
			if (of & ONLRET)
				*col = 0;
			break;
		}
		*col = 0;
		break;
	case '\t': {
		unsigned next = (*col | 7) + 1;
		if ((of & TABDLY) == XTABS) {
			size_t n = next - *col;
			memset(out, ' ', n);
			*col = next;
			return n;
		}
		*col = next;
		break;
	}
	case '\b':
		if (*col > 0)
			(*col)--;
		break;
	default:
		if ((of & OLCUC) && c >= 'a' && c <= 'z')
			c = (uint8_t)(c - 'a' + 'A');
		if (!ldisc_is_control(c) && !((ld->t.iflag & IUTF8) && (c & 0xc0) == 0x80))
			(*col)++;
		break;
	}
	out[0] = c;
	return 1;
}

/* Appends c, processed, if the output stays within limit; false if not. */
static bool ldisc_put(ldisc_t *ld, uint8_t c, size_t limit)
{
	uint8_t tmp[LDISC_EXPAND_MAX];
	unsigned col = ld->column;
	size_t n = ldisc_expand(ld, c, tmp, &col);

	if (ld->out_len + n > limit)
		return false;
	memcpy(ld->out + ld->out_len, tmp, n);
	ld->out_len += n;
	ld->column = col;
	return true;
}

size_t ldisc_write(ldisc_t *ld, const uint8_t *buf, size_t len)
{
	size_t i = 0;

	while (i < len && ldisc_put(ld, buf[i], LDISC_OUT_WRITE_MAX))
		i++;
	return i;
}

bool ldisc_write_room(const ldisc_t *ld)
{
	return ld->out_len + LDISC_EXPAND_MAX <= LDISC_OUT_WRITE_MAX;
}

void ldisc_echo_raw(ldisc_t *ld, uint8_t c)
{
	ldisc_put(ld, c, LDISC_OUT_MAX);        /* an echo with no room is dropped */
}

void ldisc_echo(ldisc_t *ld, uint8_t c)
{
	if ((ld->t.lflag & ECHOCTL) && ldisc_is_control(c) && c != '\t' && c != '\n') {
		ldisc_echo_raw(ld, '^');
		ldisc_echo_raw(ld, c ^ 0100);
		return;
	}
	ldisc_echo_raw(ld, c);
}

unsigned ldisc_echo_width(const ldisc_t *ld, uint8_t c)
{
	if (ldisc_is_control(c))
		return (ld->t.lflag & ECHOCTL) ? 2 : 0;
	if ((ld->t.iflag & IUTF8) && (c & 0xc0) == 0x80)
		return 0;
	return 1;
}

size_t ldisc_output_take(ldisc_t *ld, uint8_t *buf, size_t len)
{
	size_t n = ld->stopped ? 0 : len < ld->out_len ? len : ld->out_len;

	memcpy(buf, ld->out, n);
	memmove(ld->out, ld->out + n, ld->out_len - n);
	ld->out_len -= n;
	return n;
}

size_t ldisc_output_pending(const ldisc_t *ld)
{
	return ld->out_len;
}

bool ldisc_output_ready(const ldisc_t *ld)
{
	return ld->out_len && !ld->stopped;
}

void ldisc_flush_output(ldisc_t *ld)
{
	ld->out_len = 0;
}

bool ldisc_output_raw(ldisc_t *ld, uint8_t c)
{
	if (ld->out_len >= LDISC_OUT_MAX)
		return false;
	ld->out[ld->out_len++] = c;
	return true;
}

/* --- reading ------------------------------------------------------------------ */

size_t ldisc_readable(const ldisc_t *ld)
{
	return ldisc_canonical(ld) ? ld->in_ready : ld->in_len;
}

/* Drops the first n bytes of input. */
static void ldisc_consume(ldisc_t *ld, size_t n)
{
	memmove(ld->in, ld->in + n, ld->in_len - n);
	memmove(ld->in_mark, ld->in_mark + n, ld->in_len - n);
	ld->in_len -= n;
	ld->in_ready = ld->in_ready > n ? ld->in_ready - n : 0;
}

/* One line, or its first len bytes; the EOF placeholder ending it is consumed too. */
static long ldisc_read_line(ldisc_t *ld, uint8_t *buf, size_t len)
{
	size_t i = 0, n = 0;

	if (!ld->in_ready)
		return -EAGAIN;
	while (i < ld->in_ready && n < len) {
		uint8_t mark = ld->in_mark[i];
		if (mark & LDISC_MARK_EOF) {
			i++;
			break;
		}
		buf[n++] = ld->in[i++];
		if (mark & LDISC_MARK_EOL)
			break;
	}
	/* Exactly the text before a ^D fitted: the ^D is done with too. */
	if (n == len && i < ld->in_ready && (ld->in_mark[i] & LDISC_MARK_EOF) && n > 0 &&
	    !(ld->in_mark[i - 1] & LDISC_MARK_EOL))
		i++;
	ldisc_consume(ld, i);
	return (long)n;
}

long ldisc_read(ldisc_t *ld, uint8_t *buf, size_t len)
{
	if (ldisc_canonical(ld))
		return ldisc_read_line(ld, buf, len);
	size_t n = len < ld->in_len ? len : ld->in_len;
	memcpy(buf, ld->in, n);
	ldisc_consume(ld, n);
	return (long)n;
}

void ldisc_flush_input(ldisc_t *ld)
{
	ld->in_len = ld->in_ready = 0;
	ld->lnext = false;
	ld->canon_column = ld->column;
}

/* --- mode changes ---------------------------------------------------------------- */

/* Leaving canonical mode: every byte becomes readable; ^D placeholders go. */
static void ldisc_to_raw(ldisc_t *ld)
{
	size_t j = 0;

	for (size_t i = 0; i < ld->in_len; i++)
		if (!(ld->in_mark[i] & LDISC_MARK_EOF))
			ld->in[j++] = ld->in[i];
	memset(ld->in_mark, 0, j);
	ld->in_len = ld->in_ready = j;
	ld->lnext = false;
}

/* Entering canonical mode: lines end at each newline or VEOL; the rest is being edited. */
static void ldisc_to_canonical(ldisc_t *ld)
{
	/* A full raw buffer leaves no room for the line's end: drop its last
	 * byte, so canonical input always keeps one. */
	if (ld->in_len >= LDISC_IN_MAX)
		ld->in_len = LDISC_IN_MAX - 1;
	ld->in_ready = 0;
	for (size_t i = 0; i < ld->in_len; i++) {
		uint8_t c = ld->in[i];
		bool eol = c == '\n' || ldisc_is(ld, c, VEOL) ||
			   ((ld->t.lflag & IEXTEN) && ldisc_is(ld, c, VEOL2));
		ld->in_mark[i] = eol ? LDISC_MARK_EOL : 0;
		if (eol)
			ld->in_ready = i + 1;
	}
	ld->canon_column = ld->column;
}

void ldisc_set_termios(ldisc_t *ld, const abi_termios_t *t)
{
	bool was = ldisc_canonical(ld);

	ld->t = *t;
	if (was && !ldisc_canonical(ld))
		ldisc_to_raw(ld);
	else if (!was && ldisc_canonical(ld))
		ldisc_to_canonical(ld);
	if (!(t->iflag & IXON))
		ld->stopped = false;
}
