// SPDX-License-Identifier: MIT
/*
 * Input sources (input.h). Each source holds the current line (or block)
 * in a buffer and hands it out a character at a time. Pushed-back
 * characters go to a small per-source stack; the lexer never needs more
 * than a couple.
 *
 * The interactive source reads whole lines through the line editor
 * (edit.h), which also keeps the history; when the descriptor is not a
 * terminal (sh -i with a pipe), it prints the prompt and reads bytes
 * itself. A Ctrl-C while reading abandons the command being typed by
 * raising EXC_INT.
 */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "edit.h"
#include "sh.h"
#include "var.h"

typedef enum input_kind {
	IN_STRING,
	IN_FD,
	IN_TERMINAL,
} input_kind_t;

#define IN_PUSHBACK 8

typedef struct input {
	struct input *prev;
	input_kind_t kind;
	char *buf;		/* the string, block or line */
	size_t len, pos, cap;
	int fd;
	bool owned;		/* close fd when popped */
	bool by_byte;		/* shared pipe: never read ahead */
	bool seekable;		/* shared regular file: seek back what is unused */
	bool eof;
	bool nocapture;		/* text the shell made, not source */
	char *alias;		/* the alias whose text this is */
	int line;
	int pushback[IN_PUSHBACK];
	int npushback;
	edit_t *edit;		/* IN_TERMINAL */
	int out_fd;
} input_t;

static input_t *in_top;
static int in_count;
static int in_prompt = 1;	/* the next terminal line's prompt: PS1 or PS2 */

static char *cap_buf;
static size_t cap_len, cap_cap;
static int cap_depth;

static input_t *input_new(input_kind_t kind)
{
	input_t *in = xcalloc(1, sizeof(*in));

	in->kind = kind;
	in->fd = -1;
	in->line = 1;
	in->prev = in_top;
	in_top = in;
	in_count++;
	return in;
}

void input_push_string(const char *s, int line, bool capture)
{
	input_t *in = input_new(IN_STRING);

	in->nocapture = !capture;
	in->len = strlen(s);
	in->buf = xstrndup(s, in->len);
	in->line = line;
	in->eof = true;		/* nothing more to read after the buffer */
}

void input_push_alias(const char *text, const char *name)
{
	input_push_string(text, in_top ? in_top->line : 1, false);
	in_top->alias = xstrdup(name);
}

bool input_alias_active(const char *name)
{
	for (input_t *in = in_top; in; in = in->prev)
		if (in->alias && strcmp(in->alias, name) == 0)
			return true;
	return false;
}

void input_push_fd(int fd, bool owned)
{
	input_t *in = input_new(IN_FD);
	struct stat st;

	in->fd = fd;
	in->owned = owned;
	if (!owned) {
		bool reg = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);

		in->seekable = reg && lseek(fd, 0, SEEK_CUR) >= 0;
		in->by_byte = !in->seekable;
	}
	in->cap = in->by_byte ? 256 : 4096;
	in->buf = xmalloc(in->cap);
}

void input_push_interactive(int in_fd, int out_fd)
{
	input_t *in = input_new(IN_TERMINAL);

	in->fd = in_fd;
	in->out_fd = out_fd;
	in->edit = edit_open(in_fd, out_fd);
	in->cap = 256;
	in->buf = xmalloc(in->cap);
}

static edit_t *hist_edit;
static char *hist_path;

void input_history_start(void)
{
	const char *file = var_get("HISTFILE"), *home = var_get("HOME");

	if (!in_top || !in_top->edit)
		return;
	if (!file && home && *home) {
		stk_mark_t m = stk_mark();

		hist_path = xstrdup(stk_printf("%s/.sh_history", home));
		stk_release(m);
	} else if (file && *file) {
		hist_path = xstrdup(file);
	}
	hist_edit = in_top->edit;
	if (hist_path)
		edit_history_load(hist_edit, hist_path);
}

void input_history_save(void)
{
	if (hist_edit && hist_path && !sh.subshell)
		edit_history_save(hist_edit, hist_path);
}

void input_pop(void)
{
	input_t *in = in_top;

	if (in->kind == IN_FD && in->owned)
		close(in->fd);
	if (in->edit) {
		if (in->edit == hist_edit) {
			input_history_save();
			hist_edit = NULL;
		}
		edit_close(in->edit);
	}
	in_top = in->prev;
	in_count--;
	free(in->alias);
	free(in->buf);
	free(in);
}

int input_depth(void)
{
	return in_count;
}

void input_pop_to(int depth)
{
	while (in_count > depth)
		input_pop();
}

int input_line(void)
{
	return in_top ? in_top->line : 0;
}

void input_fd_avoid(int fd)
{
	for (input_t *in = in_top; in; in = in->prev) {
		if (in->kind != IN_STRING && in->fd == fd && in->owned) {
			int nfd = fcntl(fd, F_DUPFD_CLOEXEC, 10);

			if (nfd >= 0) {
				close(fd);
				in->fd = nfd;
			}
		}
	}
}

void input_new_command(void)
{
	in_prompt = 1;
}

void input_discard_line(void)
{
	if (in_top && in_top->kind == IN_TERMINAL) {
		in_top->pos = in_top->len;
		in_top->npushback = 0;
	}
}

void input_sync(void)
{
	input_t *in = in_top;

	if (!in || in->kind != IN_FD || !in->seekable || in->pos >= in->len)
		return;
	lseek(in->fd, -(off_t)(in->len - in->pos), SEEK_CUR);
	in->len = in->pos = 0;
}

static void input_append(input_t *in, const char *s, size_t n)
{
	if (in->len + n + 1 > in->cap) {
		while (in->len + n + 1 > in->cap)
			in->cap *= 2;
		in->buf = xrealloc(in->buf, in->cap);
	}
	memcpy(in->buf + in->len, s, n);
	in->len += n;
}

/* Reads one line byte by byte into in->buf; false at end of input. */
static bool input_read_line_bytes(input_t *in)
{
	char c;

	in->len = in->pos = 0;
	for (;;) {
		ssize_t n = read(in->fd, &c, 1);

		if (n < 0 && errno == EINTR) {
			if (sh.int_pending && in->kind == IN_TERMINAL) {
				sh.int_pending = 0;
				sh_write_all(in->out_fd, "\n", 1);
				sh.status = 130;
				sh_raise(EXC_INT);
			}
			continue;
		}
		if (n <= 0)
			return in->len > 0;
		input_append(in, &c, 1);
		if (c == '\n')
			return true;
	}
}

static bool input_fill_fd(input_t *in)
{
	if (in->by_byte)
		return input_read_line_bytes(in);
	for (;;) {
		ssize_t n = read(in->fd, in->buf, in->cap);

		if (n < 0 && errno == EINTR)
			continue;
		in->pos = 0;
		in->len = n > 0 ? (size_t)n : 0;
		return n > 0;
	}
}

static bool input_fill_terminal(input_t *in)
{
	stk_mark_t mark = stk_mark();
	char *prompt = sh_prompt(in_prompt);

	in_prompt = 2;
	if (!in->edit) {
		sh_write_all(in->out_fd, prompt, strlen(prompt));
		stk_release(mark);
		return input_read_line_bytes(in);
	}
	edit_set_command_words(in->edit, sh_command_words());
	int status = EDIT_OK;
	char *line = edit_read(in->edit, prompt, &status);

	stk_release(mark);
	in->len = in->pos = 0;
	if (!line)
		return false;
	if (status == EDIT_INTERRUPTED) {
		free(line);
		sh.status = 130;
		sh_raise(EXC_INT);
	}
	edit_history_add(in->edit, line);
	input_append(in, line, strlen(line));
	input_append(in, "\n", 1);
	free(line);
	return true;
}

static bool input_fill(input_t *in)
{
	if (in->eof)
		return false;
	bool got = in->kind == IN_TERMINAL ? input_fill_terminal(in) : input_fill_fd(in);

	if (!got) {
		in->eof = true;
		return false;
	}
	if (sh.opt[OPT_VERBOSE])
		sh_write_all(2, in->buf, in->len);
	return true;
}

int input_getc(void)
{
	input_t *in = in_top;
	int c;

	if (!in)
		return INPUT_EOF;
	while (in->alias && in->npushback == 0 && in->pos >= in->len && in->prev) {
		/* An alias's text is used up: go on with what follows it. */
		input_pop();
		in = in_top;
	}
	if (in->npushback > 0) {
		c = in->pushback[--in->npushback];
	} else {
		if (in->pos >= in->len && !input_fill(in))
			return INPUT_EOF;
		c = (unsigned char)in->buf[in->pos++];
	}
	if (c == '\n')
		in->line++;
	if (cap_depth > 0 && !in->nocapture) {
		if (cap_len + 1 >= cap_cap) {
			cap_cap = cap_cap ? cap_cap * 2 : 256;
			cap_buf = xrealloc(cap_buf, cap_cap);
		}
		cap_buf[cap_len++] = (char)c;
	}
	return c;
}

void input_ungetc(int c)
{
	input_t *in = in_top;

	if (c == INPUT_EOF || !in)
		return;
	if (c == '\n')
		in->line--;
	if (in->npushback < IN_PUSHBACK)
		in->pushback[in->npushback++] = c;
	if (cap_depth > 0 && cap_len > 0 && !in->nocapture)
		cap_len--;
}

size_t input_capture_begin(void)
{
	cap_depth++;
	return cap_len;
}

char *input_capture_end(size_t start, arena_t *a)
{
	char *s = arena_strndup(a, cap_buf ? cap_buf + start : "", cap_len - start);

	if (--cap_depth == 0)
		cap_len = 0;
	return s;
}

void input_capture_reset(void)
{
	cap_depth = 0;
	cap_len = 0;
}
