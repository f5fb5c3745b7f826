// SPDX-License-Identifier: MIT
/*
 * The line editor's terminal side: the edit.h interface.
 *
 * edit_read saves the terminal mode, switches to the raw-ish one with
 * TCSADRAIN (never TCSAFLUSH, which would throw away input typed ahead),
 * feeds the core one byte per read() and writes what the core produced
 * after every byte, then puts the saved mode back, again with TCSADRAIN.
 * One byte per read() is deliberate: a larger read could take the next
 * lines of a script piped into the console, which belong to the next
 * edit_read or to the command the shell runs next. VMIN=1, VTIME=0 make
 * each read wait for a byte, so a lone ESC waits for what follows it.
 *
 * The window width is asked for (TIOCGWINSZ, 80 when the terminal does
 * not know) at each edit_read, when a read is interrupted by a signal
 * (a SIGWINCH handler installed without SA_RESTART makes a resize redraw
 * at once), and before each control key, for a resize that came between
 * two reads or with SIGWINCH ignored. Not before every typed character:
 * on Tessera the question is a round trip to the terminal daemon, and a
 * script pasted into the console is mostly characters.
 *
 * When the raw mode cannot be set, or TERM is "dumb", the line is read
 * plainly, with the terminal's own editing.
 */
#include "edit.h"
#include "edit_core.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

struct edit {
	int in, out;
	bool raw;                /* the terminal is in raw mode; saved holds the old one */
	struct termios saved;
	edit_hist_t hist;
	char **words;            /* NULL-terminated copy of the command words */
};

edit_t *edit_open(int in_fd, int out_fd)
{
	if (!isatty(in_fd))
		return NULL;
	edit_t *e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	e->in = in_fd;
	e->out = out_fd;
	return e;
}

static void edit_write(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return; /* the terminal went away: nothing useful to do */
		p += w;
		n -= (size_t)w;
	}
}

static void edit_flush(edit_t *e, edit_core_t *c)
{
	edit_write(e->out, c->out.data, c->out.len);
	c->out.len = 0;
}

static int edit_width(const edit_t *e)
{
	struct winsize ws;

	if (ioctl(e->out, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (ioctl(e->in, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

char *edit_read_plain(int in_fd, int out_fd, const char *prompt)
{
	edit_buf_t line = { 0 };
	bool eof = false;

	edit_write(out_fd, prompt, strlen(prompt));
	for (;;) {
		char ch;
		ssize_t n = read(in_fd, &ch, 1);
		if (n < 0 && errno == EINTR)
			continue;
		eof = n <= 0;
		if (eof || ch == '\n')
			break;
		edit_buf_put(&line, &ch, 1);
	}
	if (eof && line.len == 0)
		return NULL;
	char *s = strdup(line.data ? line.data : "");
	edit_buf_free(&line);
	return s;
}

static bool edit_raw_on(edit_t *e)
{
	struct termios raw;

	if (tcgetattr(e->in, &e->saved) != 0)
		return false;
	raw = e->saved;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_iflag &= ~(tcflag_t)ICRNL;
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(e->in, TCSADRAIN, &raw) != 0)
		return false;
	e->raw = true;
	return true;
}

static void edit_raw_off(edit_t *e)
{
	if (e->raw)
		tcsetattr(e->in, TCSADRAIN, &e->saved);
	e->raw = false;
}

static void edit_check_width(edit_t *e, edit_core_t *c)
{
	int width = edit_width(e);
	if (width != c->width)
		edit_core_resize(c, width);
}

/* Feeds the core until the line ends; returns the core's verdict. */
static int edit_loop(edit_t *e, edit_core_t *c)
{
	int r = EDIT_CORE_MORE;

	edit_core_start(c);
	edit_flush(e, c);
	while (r == EDIT_CORE_MORE) {
		unsigned char b;
		ssize_t n = read(e->in, &b, 1);
		if (n == 1) {
			/* SIGWINCH may have come while we were not in read():
			 * look again before keys that move or end the line. */
			if (b < 0x20 || b == 0x7f)
				edit_check_width(e, c);
			r = edit_core_feed(c, b);
		} else if (n < 0 && errno == EINTR) {
			edit_check_width(e, c);
		} else {
			/* End of input (a hangup) or an error: what was typed is the last line. */
			r = c->line.len ? EDIT_CORE_LINE : EDIT_CORE_EOF;
			edit_render_finish(c, "");
		}
		edit_flush(e, c);
	}
	return r;
}

char *edit_read(edit_t *e, const char *prompt, int *status)
{
	edit_core_t c;
	char *line = NULL;

	if (status)
		*status = EDIT_OK;
	if (!prompt)
		prompt = "";
	/* A terminal that says it cannot move the cursor (TERM=dumb, as in
	 * Emacs's shell buffers) gets plain lines. */
	const char *term = getenv("TERM");
	if ((term && strcmp(term, "dumb") == 0) || !edit_raw_on(e))
		return edit_read_plain(e->in, e->out, prompt);
	edit_core_init(&c, prompt, edit_width(e), &e->hist, (const char *const *)e->words);
	int r = edit_loop(e, &c);
	edit_raw_off(e);
	if (r == EDIT_CORE_LINE) {
		line = edit_core_take(&c);
	} else if (r == EDIT_CORE_INTERRUPT) {
		line = strdup("");
		if (status)
			*status = EDIT_INTERRUPTED;
	}
	edit_core_free(&c);
	return line;
}

void edit_history_add(edit_t *e, const char *line)
{
	edit_hist_add(&e->hist, line);
}

int edit_history_load(edit_t *e, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f)
		return -1;
	while ((n = getline(&line, &cap, f)) > 0) {
		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		edit_hist_add(&e->hist, line);
	}
	free(line);
	int err = ferror(f) ? errno : 0;
	fclose(f);
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

int edit_history_save(edit_t *e, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	FILE *f = fdopen(fd, "w");
	if (!f) {
		int err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	for (int i = 0; i < e->hist.count; i++)
		if (!strchr(e->hist.lines[i], '\n'))
			fprintf(f, "%s\n", e->hist.lines[i]);
	int err = ferror(f) ? EIO : 0;
	if (fclose(f) != 0 && !err)
		err = errno;
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

static void edit_words_free(edit_t *e)
{
	for (size_t i = 0; e->words && e->words[i]; i++)
		free(e->words[i]);
	free(e->words);
	e->words = NULL;
}

void edit_set_command_words(edit_t *e, const char *const *words)
{
	size_t n = 0;

	edit_words_free(e);
	while (words && words[n])
		n++;
	e->words = calloc(n + 1, sizeof *e->words);
	if (!e->words)
		return;
	for (size_t i = 0, k = 0; i < n; i++)
		if ((e->words[k] = strdup(words[i])))
			k++;
}

void edit_close(edit_t *e)
{
	if (!e)
		return;
	edit_raw_off(e);
	edit_words_free(e);
	edit_hist_free(&e->hist);
	free(e);
}
