// SPDX-License-Identifier: MIT
/*
 * Typed input: each byte from the keyboard goes through, in order,
 *
 *   ISTRIP; a byte after VLNEXT is taken literally and stops here;
 *   IXON: VSTOP holds output, VSTART (or any byte with IXANY) resumes it;
 *   IGNCR / ICRNL / INLCR on carriage returns and newlines;
 *   ISIG: VINTR, VQUIT, VSUSP raise SIGINT, SIGQUIT, SIGTSTP (flushing
 *     input and output unless NOFLSH) and are echoed ("^C");
 *   canonical mode: ERASE (VERASE, and both DEL and ^H when VERASE is one
 *     of them, since terminals disagree on which the backspace key
 *     sends), KILL, WERASE, LNEXT and REPRINT (the last three with
 *     IEXTEN) edit the line; newline, VEOL, VEOL2 and VEOF end it;
 *   anything else is stored, and echoed with ECHO (ECHOCTL shows a
 *     control character as ^X).
 *
 * Erasing echoes "\b \b" per column with ECHOE (a tab takes back the
 * columns it moved, worked out from where the line began; a character
 * echoed as ^X takes two; with IUTF8 a whole UTF-8 sequence goes at
 * once), or the erase character itself without. KILL with ECHOKE erases
 * the line the same way; otherwise it echoes the KILL character and,
 * with ECHOK, a newline. WERASE takes the blanks before the cursor and
 * then the word before them, as POSIX describes.
 *
 * Room (ldisc.h): a byte that must be stored and finds the buffer full of
 * readable input is not taken, so the master's writer waits; a byte of a
 * line being edited past LDISC_IN_MAX - 1 is dropped (a bell with
 * IMAXBEL), which always leaves room for the byte ending the line.
 */
#include "ldisc.h"

#include <signal.h>
#include <string.h>
#include <termios.h>

typedef enum ldisc_erase_kind { LDISC_ERASE, LDISC_WERASE, LDISC_KILL } ldisc_erase_kind_t;

bool ldisc_input_room(const ldisc_t *ld)
{
	if (!ldisc_canonical(ld))
		return ld->in_len < LDISC_IN_MAX;
	return !(ld->in_len == ld->in_ready && ld->in_len >= LDISC_IN_MAX - 1);
}

/* Stores c with its mark; false (not taken) when there is no room. */
static bool ldisc_store(ldisc_t *ld, uint8_t c, uint8_t mark)
{
	bool ends_line = mark != 0;

	if (!ldisc_input_room(ld) || ld->in_len >= LDISC_IN_MAX)
		return false;
	if (ldisc_canonical(ld) && !ends_line && ld->in_len >= LDISC_IN_MAX - 1) {
		if (ld->t.iflag & IMAXBEL)
			ldisc_echo_raw(ld, '\a');
		return true;    /* dropped, as Linux drops a line's excess */
	}
	if (ldisc_canonical(ld) && ld->in_len == ld->in_ready)
		ld->canon_column = ld->column;
	ld->in[ld->in_len] = c;
	ld->in_mark[ld->in_len] = mark;
	ld->in_len++;
	if (!ldisc_canonical(ld) || ends_line) {
		ld->in_ready = ld->in_len;
		ld->canon_column = ld->column;
	}
	return true;
}

/* Stores an ordinary byte and echoes it. */
static bool ldisc_store_echo(ldisc_t *ld, uint8_t c)
{
	size_t before = ld->in_len;

	if (!ldisc_store(ld, c, 0))
		return false;
	if ((ld->t.lflag & ECHO) && ld->in_len != before)
		ldisc_echo(ld, c);
	return true;
}

/* --- erasing ------------------------------------------------------------------------- */

/* The column after echoing the line being edited up to (not including) byte `end`. */
static unsigned ldisc_line_column(const ldisc_t *ld, size_t end)
{
	unsigned col = ld->canon_column;

	for (size_t i = ld->in_ready; i < end; i++)
		col = ld->in[i] == '\t' ? (col | 7) + 1 : col + ldisc_echo_width(ld, ld->in[i]);
	return col;
}

static void ldisc_echo_rubout(ldisc_t *ld, unsigned columns)
{
	while (columns--) {
		ldisc_echo_raw(ld, '\b');
		ldisc_echo_raw(ld, ' ');
		ldisc_echo_raw(ld, '\b');
	}
}

/* Removes the last character of the line being edited, showing it with ECHOE. */
static void ldisc_erase_char(ldisc_t *ld, bool visual)
{
	size_t start = ld->in_len - 1;

	if (ld->t.iflag & IUTF8)
		while (start > ld->in_ready && (ld->in[start] & 0xc0) == 0x80)
			start--;
	uint8_t c = ld->in[start];
	if (visual && c == '\t') {
		unsigned before = ldisc_line_column(ld, start);
		for (unsigned col = ld->column; col > before; col--)
			ldisc_echo_raw(ld, '\b');
	} else if (visual) {
		ldisc_echo_rubout(ld, ldisc_echo_width(ld, c));
	}
	ld->in_len = start;
}

static bool ldisc_is_blank(uint8_t c)
{
	return c == ' ' || c == '\t';
}

static void ldisc_erase(ldisc_t *ld, uint8_t key, ldisc_erase_kind_t kind)
{
	tcflag_t lf = ld->t.lflag;
	bool echo = lf & ECHO;

	if (ld->in_len == ld->in_ready)
		return;
	if (kind == LDISC_KILL && (!echo || !(lf & ECHOK) || !(lf & ECHOKE) || !(lf & ECHOE))) {
		ld->in_len = ld->in_ready;
		if (echo) {
			ldisc_echo(ld, key);
			if (lf & ECHOK)
				ldisc_echo_raw(ld, '\n');
		}
		ld->canon_column = ld->column;
		return;
	}
	bool visual = echo && (lf & ECHOE);
	if (echo && !visual)
		ldisc_echo(ld, key);
	if (kind == LDISC_ERASE) {
		ldisc_erase_char(ld, visual);
		return;
	}
	while (kind == LDISC_WERASE && ld->in_len > ld->in_ready &&
	       ldisc_is_blank(ld->in[ld->in_len - 1]))
		ldisc_erase_char(ld, visual);
	while (ld->in_len > ld->in_ready &&
	       (kind == LDISC_KILL || !ldisc_is_blank(ld->in[ld->in_len - 1])))
		ldisc_erase_char(ld, visual);
}

static bool ldisc_is_erase(const ldisc_t *ld, uint8_t c)
{
	uint8_t e = ld->t.cc[VERASE];

	return ldisc_is(ld, c, VERASE) || ((c == 0177 || c == '\b') && (e == 0177 || e == '\b'));
}

/* ^R: the line again, on a new line. */
static void ldisc_reprint(ldisc_t *ld, uint8_t key)
{
	ldisc_echo(ld, key);
	ldisc_echo_raw(ld, '\n');
	ld->canon_column = ld->column;
	for (size_t i = ld->in_ready; i < ld->in_len; i++)
		ldisc_echo(ld, ld->in[i]);
}

/* --- bytes ------------------------------------------------------------------------------ */

/* A byte that ends a line: newline, VEOL, VEOL2 (echoed) or VEOF (a placeholder, silent). */
static bool ldisc_end_line(ldisc_t *ld, uint8_t c, bool eof)
{
	tcflag_t lf = ld->t.lflag;

	if (!ldisc_store(ld, eof ? 0 : c, eof ? LDISC_MARK_EOF : LDISC_MARK_EOL))
		return false;
	if (!eof && ((lf & ECHO) || (c == '\n' && (lf & ECHONL))))
		ldisc_echo(ld, c);
	ld->canon_column = ld->column;
	return true;
}

static bool ldisc_canonical_byte(ldisc_t *ld, uint8_t c)
{
	bool ext = ld->t.lflag & IEXTEN;

	if (ldisc_is_erase(ld, c))
		ldisc_erase(ld, c, LDISC_ERASE);
	else if (ldisc_is(ld, c, VKILL))
		ldisc_erase(ld, c, LDISC_KILL);
	else if (ext && ldisc_is(ld, c, VWERASE))
		ldisc_erase(ld, c, LDISC_WERASE);
	else if (ext && ldisc_is(ld, c, VLNEXT)) {
		ld->lnext = true;
		if ((ld->t.lflag & ECHO) && (ld->t.lflag & ECHOCTL)) {
			ldisc_echo_raw(ld, '^');
			ldisc_echo_raw(ld, '\b');
		}
	} else if (ext && ldisc_is(ld, c, VREPRINT) && (ld->t.lflag & ECHO))
		ldisc_reprint(ld, c);
	else if (c == '\n' || ldisc_is(ld, c, VEOL) || (ext && ldisc_is(ld, c, VEOL2)))
		return ldisc_end_line(ld, c, false);
	else if (ldisc_is(ld, c, VEOF))
		return ldisc_end_line(ld, c, true);
	else
		return ldisc_store_echo(ld, c);
	return true;
}

/* ISIG: the signal c raises, or 0. */
static int ldisc_signal_of(const ldisc_t *ld, uint8_t c)
{
	if (!(ld->t.lflag & ISIG))
		return 0;
	if (ldisc_is(ld, c, VINTR))
		return SIGINT;
	if (ldisc_is(ld, c, VQUIT))
		return SIGQUIT;
	if (ldisc_is(ld, c, VSUSP))
		return SIGTSTP;
	return 0;
}

/* IXON: true if c was a flow-control byte (and so is used up). */
static bool ldisc_flow_byte(ldisc_t *ld, uint8_t c)
{
	if (!(ld->t.iflag & IXON))
		return false;
	if (ldisc_is(ld, c, VSTART) && ldisc_is(ld, c, VSTOP)) {
		ld->stopped = !ld->stopped;
		return true;
	}
	if (ldisc_is(ld, c, VSTART) || ldisc_is(ld, c, VSTOP)) {
		ld->stopped = ldisc_is(ld, c, VSTOP);
		return true;
	}
	if (ld->stopped && (ld->t.iflag & IXANY))
		ld->stopped = false;
	return false;
}

/* One byte; false if it was not taken (no room). */
static bool ldisc_receive_byte(ldisc_t *ld, uint8_t c, int *sig)
{
	tcflag_t in = ld->t.iflag;

	if (in & ISTRIP)
		c &= 0x7f;
	if (ld->lnext) {
		if (!ldisc_store_echo(ld, c))
			return false;
		ld->lnext = false;
		return true;
	}
	if (ldisc_flow_byte(ld, c))
		return true;
	if (c == '\r') {
		if (in & IGNCR)
			return true;
		if (in & ICRNL)
			c = '\n';
	} else if (c == '\n' && (in & INLCR)) {
		c = '\r';
	}
	if ((*sig = ldisc_signal_of(ld, c))) {
		if (!(ld->t.lflag & NOFLSH)) {
			ldisc_flush_input(ld);
			ldisc_flush_output(ld);
			ld->stopped = false;
		}
		if (ld->t.lflag & ECHO)
			ldisc_echo(ld, c);
		ld->canon_column = ld->column;
		return true;
	}
	if (ldisc_canonical(ld))
		return ldisc_canonical_byte(ld, c);
	return ldisc_store_echo(ld, c);
}

size_t ldisc_receive(ldisc_t *ld, const uint8_t *buf, size_t len, int *sig)
{
	size_t i = 0;

	*sig = 0;
	while (i < len && !*sig && ldisc_receive_byte(ld, buf[i], sig))
		i++;
	return i;
}
