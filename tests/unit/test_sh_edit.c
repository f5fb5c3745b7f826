// SPDX-License-Identifier: MIT
/*
 * Tests for the shell's line editor core (user/sh/edit_core.h): key
 * decoding, every editing key, history browsing, and the drawing of
 * prompt and line on narrow terminals.
 *
 * The core is driven with bytes as a terminal would send them, and what it
 * sends back is run through a terminal model (sh_edit_test.h), in both of
 * the ways terminals wrap at the right margin. A test then checks the line
 * the core holds, the screen and the cursor. A random test does the same
 * for thousands of keys against a model of the line kept here. Completion
 * is in test_sh_edit_complete.c, the real-terminal tests in
 * test_sh_edit_pty.c.
 */
#include "unit.h"
#include "sh_edit_test.h"

#include <stdlib.h>
#include <string.h>

/* --- key decoding ------------------------------------------------------ */

/* Feeds s; returns the kind of the last key it completed (NONE if none). */
static edit_key_t keys_run(const char *s, int *count)
{
	edit_keys_t k;
	edit_key_t last = { .kind = EDIT_KEY_NONE };

	edit_keys_init(&k);
	*count = 0;
	for (; *s; s++) {
		edit_key_t key = edit_keys_feed(&k, (unsigned char)*s);
		if (key.kind != EDIT_KEY_NONE) {
			last = key;
			++*count;
		}
	}
	return last;
}

static edit_key_kind_t keys_one(const char *s)
{
	int n;
	edit_key_t key = keys_run(s, &n);
	return n == 1 ? key.kind : (edit_key_kind_t)-1;
}

TEST(keys_control_characters_map_to_keys)
{
	static const struct {
		const char *in;
		edit_key_kind_t kind;
	} map[] = {
		{ C_A, EDIT_KEY_HOME }, { C_B, EDIT_KEY_LEFT }, { C_C, EDIT_KEY_INTERRUPT },
		{ C_D, EDIT_KEY_EOF_OR_DELETE }, { C_E, EDIT_KEY_END }, { C_F, EDIT_KEY_RIGHT },
		{ C_H, EDIT_KEY_BACKSPACE }, { "\t", EDIT_KEY_TAB }, { "\n", EDIT_KEY_ENTER },
		{ C_K, EDIT_KEY_KILL_END }, { C_L, EDIT_KEY_CLEAR }, { "\r", EDIT_KEY_ENTER },
		{ C_N, EDIT_KEY_DOWN }, { C_P, EDIT_KEY_UP }, { C_U, EDIT_KEY_KILL_START },
		{ C_W, EDIT_KEY_KILL_WORD }, { C_Y, EDIT_KEY_YANK }, { K_BS, EDIT_KEY_BACKSPACE },
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		CHECK_EQ(keys_one(map[i].in), map[i].kind);
	int n;
	keys_run("\032\022\037", &n); /* ^Z ^R ^_: not ours, ignored */
	CHECK_EQ(n, 0);
}

TEST(keys_printable_and_utf8_characters_insert_whole)
{
	int n;
	edit_key_t k = keys_run("a", &n);
	CHECK(n == 1 && k.kind == EDIT_KEY_INSERT && k.len == 1 && k.text[0] == 'a');
	k = keys_run("\xc3\xa9", &n); /* é */
	CHECK(n == 1 && k.kind == EDIT_KEY_INSERT && k.len == 2 && memcmp(k.text, "\xc3\xa9", 2) == 0);
	k = keys_run("\xe4\xb8\xad", &n); /* 中 */
	CHECK(n == 1 && k.len == 3);
	k = keys_run("\xf0\x9f\x98\x80", &n); /* an emoji */
	CHECK(n == 1 && k.len == 4);
}

TEST(keys_broken_utf8_inserts_stray_bytes_and_drops_cut_characters)
{
	int n;
	edit_key_t k = keys_run("\x80", &n);
	CHECK(n == 1 && k.kind == EDIT_KEY_INSERT && k.len == 1 && k.text[0] == 0x80);
	k = keys_run("\xff", &n);
	CHECK(n == 1 && k.len == 1);
	k = keys_run("\xc3" "b", &n); /* cut short by 'b' */
	CHECK(n == 1 && k.len == 1 && k.text[0] == 'b');
	k = keys_run("\xe4\xb8" "\r", &n);
	CHECK(n == 1 && k.kind == EDIT_KEY_ENTER);
}

TEST(keys_cursor_sequences_in_every_spelling)
{
	CHECK_EQ(keys_one("\x1b[A"), EDIT_KEY_UP);
	CHECK_EQ(keys_one("\x1b[B"), EDIT_KEY_DOWN);
	CHECK_EQ(keys_one("\x1b[C"), EDIT_KEY_RIGHT);
	CHECK_EQ(keys_one("\x1b[D"), EDIT_KEY_LEFT);
	CHECK_EQ(keys_one("\x1bOA"), EDIT_KEY_UP);
	CHECK_EQ(keys_one("\x1bOB"), EDIT_KEY_DOWN);
	CHECK_EQ(keys_one("\x1bOC"), EDIT_KEY_RIGHT);
	CHECK_EQ(keys_one("\x1bOD"), EDIT_KEY_LEFT);
	CHECK_EQ(keys_one("\x1b[H"), EDIT_KEY_HOME);
	CHECK_EQ(keys_one("\x1b[F"), EDIT_KEY_END);
	CHECK_EQ(keys_one("\x1bOH"), EDIT_KEY_HOME);
	CHECK_EQ(keys_one("\x1bOF"), EDIT_KEY_END);
	CHECK_EQ(keys_one("\x1b[1~"), EDIT_KEY_HOME);
	CHECK_EQ(keys_one("\x1b[4~"), EDIT_KEY_END);
	CHECK_EQ(keys_one("\x1b[7~"), EDIT_KEY_HOME);
	CHECK_EQ(keys_one("\x1b[8~"), EDIT_KEY_END);
	CHECK_EQ(keys_one("\x1b[3~"), EDIT_KEY_DELETE);
	CHECK_EQ(keys_one("\x1b[1;5C"), EDIT_KEY_WORD_RIGHT);
	CHECK_EQ(keys_one("\x1b[1;5D"), EDIT_KEY_WORD_LEFT);
	CHECK_EQ(keys_one("\x1b[1;3D"), EDIT_KEY_WORD_LEFT);
	CHECK_EQ(keys_one("\x1b[1;2A"), EDIT_KEY_UP);
}

TEST(keys_alt_keys)
{
	CHECK_EQ(keys_one("\x1b" "b"), EDIT_KEY_WORD_LEFT);
	CHECK_EQ(keys_one("\x1b" "f"), EDIT_KEY_WORD_RIGHT);
	CHECK_EQ(keys_one("\x1b" "d"), EDIT_KEY_KILL_WORD_FWD);
	CHECK_EQ(keys_one("\x1b\177"), EDIT_KEY_KILL_WORD);
	CHECK_EQ(keys_one("\x1b\x1b[A"), EDIT_KEY_UP); /* a second ESC starts afresh */
	int n;
	keys_run("\x1bx", &n);
	CHECK_EQ(n, 0);
}

TEST(keys_unknown_sequences_are_swallowed_whole)
{
	static const char *const unknown[] = {
		"\x1b[15~", "\x1b[200~", "\x1b[?1;2c", "\x1bOP", "\x1b[1;2Q", "\x1b[2~",
		"\x1b[6~", "\x1b[Z", "\x1b[ q", "\x1b[1;2;3;4;5;6;7;8;9;10;11A", "\x1b[>0;95;0c",
	};
	for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++) {
		char s[64];
		snprintf(s, sizeof s, "%sx", unknown[i]);
		int n;
		edit_key_t k = keys_run(s, &n);
		CHECK(n == 1 && k.kind == EDIT_KEY_INSERT && k.text[0] == 'x');
	}
}

TEST(keys_sequence_cut_by_a_control_character_yields_it)
{
	CHECK_EQ(keys_one("\x1b[1\r"), EDIT_KEY_ENTER);
	CHECK_EQ(keys_one("\x1bO\003"), EDIT_KEY_INTERRUPT);
	CHECK_EQ(keys_one("\x1b\003"), EDIT_KEY_INTERRUPT);
}

/* --- the core ----------------------------------------------------------- */

TEST(core_typing_at_the_end_sends_only_the_characters)
{
	drive_t *d = drive_new("$ ", 80);
	CHECK_EQ(drive_keys(d, "echo hi"), EDIT_CORE_MORE);
	CHECK_STR(d->log.data, "$ echo hi");
	CHECK_STR(drive_line(d), "echo hi");
	CHECK_CURSOR(d, 0, 9);
	CHECK_EQ(drive_keys(d, "\r"), EDIT_CORE_LINE);
	CHECK_STR(d->log.data, "$ echo hi\r\n");
	char *line = edit_core_take(&d->c);
	CHECK_STR(line, "echo hi");
	free(line);
	drive_free(d);
}

TEST(core_enter_is_cr_or_lf_and_leaves_the_cursor_below)
{
	drive_t *d = drive_new("$ ", 80);
	CHECK_EQ(drive_keys(d, "ab" K_LEFT "\n"), EDIT_CORE_LINE);
	CHECK_STR(drive_line(d), "ab");
	CHECK_STR(term_screen(&d->t), "$ ab");
	CHECK_CURSOR(d, 1, 0);
	drive_free(d);
}

TEST(core_left_right_and_insert_in_the_middle)
{
	drive_t *d = drive_new("$ ", 80);
	drive_keys(d, "ac" K_LEFT "b");
	CHECK_STR(drive_line(d), "abc");
	CHECK_EQ(d->c.pos, 2);
	CHECK_STR(term_screen(&d->t), "$ abc");
	CHECK_CURSOR(d, 0, 4);
	drive_keys(d, K_RIGHT K_RIGHT); /* stops at the end */
	CHECK_CURSOR(d, 0, 5);
	drive_keys(d, C_B C_B C_B C_B);  /* stops at the start */
	CHECK_EQ(d->c.pos, 0);
	CHECK_CURSOR(d, 0, 2);
	drive_keys(d, C_F "X");
	CHECK_STR(drive_line(d), "aXbc");
	CHECK_STR(term_screen(&d->t), "$ aXbc");
	drive_free(d);
}

TEST(core_home_and_end_in_every_spelling)
{
	static const char *const home[] = { C_A, "\x1b[H", "\x1bOH", "\x1b[1~", "\x1b[7~" };
	static const char *const end[] = { C_E, "\x1b[F", "\x1bOF", "\x1b[4~", "\x1b[8~" };
	drive_t *d = drive_new("> ", 80);
	drive_keys(d, "hello world");
	for (int i = 0; i < 5; i++) {
		drive_keys(d, home[i]);
		CHECK_EQ(d->c.pos, 0);
		CHECK_CURSOR(d, 0, 2);
		drive_keys(d, end[i]);
		CHECK_EQ(d->c.pos, 11);
		CHECK_CURSOR(d, 0, 13);
	}
	CHECK_STR(drive_line(d), "hello world");
	drive_free(d);
}

TEST(core_backspace_as_del_and_ctrl_h)
{
	drive_t *d = drive_new("$ ", 80);
	drive_keys(d, "abcd" K_BS);
	CHECK_STR(drive_line(d), "abc");
	drive_keys(d, C_H);
	CHECK_STR(drive_line(d), "ab");
	drive_keys(d, K_LEFT K_BS);
	CHECK_STR(drive_line(d), "b");
	CHECK_EQ(d->c.pos, 0);
	drive_keys(d, K_BS); /* nothing before the cursor */
	CHECK_STR(drive_line(d), "b");
	CHECK_STR(term_screen(&d->t), "$ b");
	CHECK_CURSOR(d, 0, 2);
	drive_free(d);
}

TEST(core_delete_key_and_ctrl_d_delete_under_the_cursor)
{
	drive_t *d = drive_new("$ ", 80);
	drive_keys(d, "abc" K_HOME K_DELETE);
	CHECK_STR(drive_line(d), "bc");
	CHECK_EQ(drive_keys(d, C_D), EDIT_CORE_MORE);
	CHECK_STR(drive_line(d), "c");
	drive_keys(d, K_END);
	CHECK_EQ(drive_keys(d, C_D K_DELETE), EDIT_CORE_MORE); /* at the end: nothing */
	CHECK_STR(drive_line(d), "c");
	CHECK_STR(term_screen(&d->t), "$ c");
	drive_free(d);
}

TEST(core_ctrl_d_on_an_empty_line_is_end_of_input)
{
	drive_t *d = drive_new("$ ", 80);
	CHECK_EQ(drive_keys(d, "x" K_BS C_D), EDIT_CORE_EOF);
	CHECK_CURSOR(d, 1, 0);
	drive_free(d);
}

TEST(core_ctrl_c_abandons_the_line)
{
	drive_t *d = drive_new("$ ", 80);
	CHECK_EQ(drive_keys(d, "sleep 10" K_HOME C_C), EDIT_CORE_INTERRUPT);
	CHECK_STR(term_screen(&d->t), "$ sleep 10^C");
	CHECK_CURSOR(d, 1, 0);
	const char *tail = d->log.data + d->log.len - 4;
	CHECK_STR(tail, "^C\r\n");
	drive_free(d);
}

TEST(core_kill_keys_and_yank)
{
	drive_t *d = drive_new("$ ", 80);
	drive_keys(d, "one two three" K_LEFT K_LEFT K_LEFT K_LEFT K_LEFT C_K);
	CHECK_STR(drive_line(d), "one two ");
	drive_keys(d, C_Y);
	CHECK_STR(drive_line(d), "one two three");
	drive_keys(d, C_W);
	CHECK_STR(drive_line(d), "one two ");
	drive_keys(d, C_W);
	CHECK_STR(drive_line(d), "one ");
	drive_keys(d, "x" K_LEFT C_U);
	CHECK_STR(drive_line(d), "x");
	CHECK_EQ(d->c.pos, 0);
	drive_keys(d, K_END C_Y);
	CHECK_STR(drive_line(d), "xone ");
	CHECK_STR(term_screen(&d->t), "$ xone");
	CHECK_CURSOR(d, 0, 7);
	drive_free(d);
}

TEST(core_ctrl_w_kills_a_blank_separated_word)
{
	drive_t *d = drive_new("$ ", 80);
	drive_keys(d, "ls -l /usr/bin  " C_W);
	CHECK_STR(drive_line(d), "ls -l ");
	drive_free(d);
}

TEST(core_alt_b_alt_f_alt_d_use_alphanumeric_words)
{
	drive_t *d = drive_new("$ ", 80);
	drive_keys(d, "cp a-file.txt dir/");
	drive_keys(d, "\x1b" "b");
	CHECK_EQ(d->c.pos, 14); /* "dir" */
	drive_keys(d, "\x1b" "b" "\x1b" "b");
	CHECK_EQ(d->c.pos, 5); /* "file" */
	drive_keys(d, "\x1b" "f");
	CHECK_EQ(d->c.pos, 9);
	drive_keys(d, "\x1b" "d");
	CHECK_STR(drive_line(d), "cp a-file dir/");
	drive_keys(d, "\x1b[1;5D");
	CHECK_EQ(d->c.pos, 5);
	CHECK_STR(term_screen(&d->t), "$ cp a-file dir/");
	CHECK_CURSOR(d, 0, 7);
	drive_free(d);
}

TEST(core_ctrl_l_clears_the_screen_and_redraws)
{
	drive_t *d = drive_new("$ ", 80);
	term_feed(&d->t, "old output\r\nmore\r\n", 18);
	drive_keys(d, "abc" K_LEFT C_L);
	CHECK_STR(term_screen(&d->t), "$ abc");
	CHECK_CURSOR(d, 0, 4);
	CHECK_STR(drive_line(d), "abc");
	drive_free(d);
}

TEST(core_unknown_escape_sequences_leave_no_trace)
{
	drive_t *d = drive_new("$ ", 80);
	drive_keys(d, "a\x1b[15~\x1b[200~\x1bOPb\x1bx");
	CHECK_STR(drive_line(d), "ab");
	CHECK_STR(term_screen(&d->t), "$ ab");
	drive_free(d);
}

TEST(core_utf8_characters_move_and_delete_whole)
{
	drive_t *d = drive_new("$ ", 80);
	drive_keys(d, "h\xc3\xa9llo");
	CHECK_CURSOR(d, 0, 7);
	drive_keys(d, K_LEFT K_LEFT K_LEFT);
	CHECK_EQ(d->c.pos, 3);
	CHECK_CURSOR(d, 0, 4);
	drive_keys(d, K_BS);
	CHECK_STR(drive_line(d), "hllo");
	CHECK_STR(term_screen(&d->t), "$ hllo");
	drive_keys(d, "\xe4\xb8\xad"); /* 中, two columns */
	CHECK_CURSOR(d, 0, 5);
	CHECK_STR(term_screen(&d->t), "$ h\xe4\xb8\xadllo");
	drive_keys(d, K_LEFT);
	CHECK_CURSOR(d, 0, 3);
	drive_keys(d, K_DELETE);
	CHECK_STR(drive_line(d), "hllo");
	drive_free(d);
}

TEST(core_combining_marks_stay_with_their_letter)
{
	drive_t *d = drive_new("$ ", 80);
	drive_keys(d, "e\xcc\x81x"); /* e + combining acute, x */
	CHECK_CURSOR(d, 0, 4);
	drive_keys(d, K_LEFT K_LEFT);
	CHECK_EQ(d->c.pos, 0);
	CHECK_CURSOR(d, 0, 2);
	drive_keys(d, K_RIGHT);
	CHECK_EQ(d->c.pos, 3);
	drive_keys(d, K_BS);
	CHECK_STR(drive_line(d), "x");
	drive_free(d);
}

TEST(core_control_characters_and_bad_bytes_show_safely)
{
	static const char *const hist[] = { "a\001b\x80" "c\x1b", NULL };
	drive_t *d = drive_new_opts("$ ", 80, false, hist);
	drive_keys(d, K_UP);
	CHECK_STR(term_screen(&d->t), "$ a^Ab?c^[");
	CHECK_CURSOR(d, 0, 10);
	drive_keys(d, K_LEFT K_LEFT K_LEFT K_LEFT);
	CHECK_EQ(d->c.pos, 2);
	CHECK_CURSOR(d, 0, 5);
	drive_free(d);
}

/* --- history ----------------------------------------------------------- */

TEST(history_skips_empty_lines_and_repeats)
{
	edit_hist_t h = { 0 };
	edit_hist_add(&h, "");
	edit_hist_add(&h, "ls");
	edit_hist_add(&h, "ls");
	edit_hist_add(&h, "pwd");
	edit_hist_add(&h, "ls");
	CHECK_EQ(h.count, 3);
	CHECK_STR(h.lines[0], "ls");
	CHECK_STR(h.lines[2], "ls");
	edit_hist_free(&h);
}

TEST(history_keeps_the_newest_entries)
{
	edit_hist_t h = { 0 };
	char s[16];
	for (int i = 0; i < EDIT_HISTORY_MAX + 10; i++) {
		snprintf(s, sizeof s, "cmd %d", i);
		edit_hist_add(&h, s);
	}
	CHECK_EQ(h.count, EDIT_HISTORY_MAX);
	CHECK_STR(h.lines[0], "cmd 10");
	snprintf(s, sizeof s, "cmd %d", EDIT_HISTORY_MAX + 9);
	CHECK_STR(h.lines[EDIT_HISTORY_MAX - 1], s);
	edit_hist_free(&h);
}

TEST(history_up_down_browse_and_keep_the_edited_line)
{
	static const char *const hist[] = { "one", "two", NULL };
	drive_t *d = drive_new_opts("$ ", 80, false, hist);
	drive_keys(d, "thr");
	drive_keys(d, K_UP);
	CHECK_STR(drive_line(d), "two");
	CHECK_STR(term_screen(&d->t), "$ two");
	CHECK_CURSOR(d, 0, 5);
	drive_keys(d, "\x1bOA");
	CHECK_STR(drive_line(d), "one");
	drive_keys(d, C_P); /* no older entry */
	CHECK_STR(drive_line(d), "one");
	drive_keys(d, K_DOWN);
	CHECK_STR(drive_line(d), "two");
	drive_keys(d, "\x1bOB");
	CHECK_STR(drive_line(d), "thr");
	CHECK_STR(term_screen(&d->t), "$ thr");
	drive_keys(d, C_N); /* nothing newer */
	CHECK_STR(drive_line(d), "thr");
	CHECK_EQ(drive_keys(d, K_UP "!\r"), EDIT_CORE_LINE);
	CHECK_STR(drive_line(d), "two!");
	CHECK_STR(d->h.lines[1], "two"); /* the history is not changed */
	drive_free(d);
}

TEST(history_without_entries_does_nothing)
{
	drive_t *d = drive_new("$ ", 80);
	drive_keys(d, "x" K_UP K_DOWN);
	CHECK_STR(drive_line(d), "x");
	drive_free(d);
}

/* --- wrapping ---------------------------------------------------------- */

TEST(wrap_long_line_and_cursor_on_both_kinds_of_terminal)
{
	for (int eager = 0; eager < 2; eager++) {
		drive_t *d = drive_new_opts("$ ", 10, eager, NULL);
		drive_keys(d, "abcdefghijklmnopqrst");
		CHECK_STR(term_screen(&d->t), "$ abcdefgh\nijklmnopqr\nst");
		CHECK_CURSOR(d, 2, 2);
		drive_keys(d, K_HOME);
		CHECK_CURSOR(d, 0, 2);
		drive_keys(d, K_END);
		CHECK_CURSOR(d, 2, 2);
		drive_keys(d, K_LEFT K_LEFT K_LEFT);
		CHECK_CURSOR(d, 1, 9);
		drive_keys(d, "XY");
		CHECK_STR(term_screen(&d->t), "$ abcdefgh\nijklmnopqX\nYrst");
		CHECK_CURSOR(d, 2, 1);
		drive_keys(d, C_U);
		CHECK_STR(term_screen(&d->t), "$ rst");
		CHECK_CURSOR(d, 0, 2);
		drive_free(d);
	}
}

TEST(wrap_typing_a_long_line_sends_no_redraw)
{
	for (int eager = 0; eager < 2; eager++) {
		drive_t *d = drive_new_opts("$ ", 10, eager, NULL);
		drive_keys(d, "abcdefghijklmnopqrstuvw\xe4\xb8\xad\r");
		CHECK_STR(d->log.data, "$ abcdefgh \rijklmnopqr \rstuvw\xe4\xb8\xad\r\n");
		CHECK_STR(term_screen(&d->t), "$ abcdefgh\nijklmnopqr\nstuvw\xe4\xb8\xad");
		CHECK_CURSOR(d, 3, 0);
		drive_free(d);
	}
}

TEST(wrap_line_ending_at_the_margin_puts_the_cursor_on_the_next_row)
{
	for (int eager = 0; eager < 2; eager++) {
		drive_t *d = drive_new_opts("$ ", 10, eager, NULL);
		drive_keys(d, "abcdefgh");
		CHECK_STR(term_screen(&d->t), "$ abcdefgh");
		CHECK_CURSOR(d, 1, 0);
		drive_keys(d, K_LEFT);
		CHECK_CURSOR(d, 0, 9);
		drive_keys(d, K_RIGHT);
		CHECK_CURSOR(d, 1, 0);
		drive_keys(d, "i");
		CHECK_STR(term_screen(&d->t), "$ abcdefgh\ni");
		CHECK_CURSOR(d, 1, 1);
		drive_keys(d, K_BS K_BS);
		CHECK_STR(term_screen(&d->t), "$ abcdefg");
		CHECK_CURSOR(d, 0, 9);
		drive_keys(d, "h\r");
		CHECK_STR(term_screen(&d->t), "$ abcdefgh");
		CHECK_CURSOR(d, 1, 0); /* no empty row after a full one */
		drive_free(d);
	}
}

TEST(wrap_wide_character_that_does_not_fit_starts_the_next_row)
{
	for (int eager = 0; eager < 2; eager++) {
		drive_t *d = drive_new_opts("$ ", 10, eager, NULL);
		drive_keys(d, "abcdefg\xe4\xb8\xad" "z");
		CHECK_STR(term_screen(&d->t), "$ abcdefg\n\xe4\xb8\xadz");
		CHECK_CURSOR(d, 1, 3);
		drive_keys(d, K_LEFT K_LEFT);
		CHECK_CURSOR(d, 1, 0);
		drive_keys(d, K_LEFT);
		CHECK_CURSOR(d, 0, 8);
		drive_free(d);
	}
}

TEST(wrap_shorter_history_entry_clears_the_rows_below)
{
	static const char *const hist[] = { "short", NULL };
	drive_t *d = drive_new_opts("$ ", 10, false, hist);
	drive_keys(d, "a long line that wraps three rows");
	drive_keys(d, K_HOME K_RIGHT K_RIGHT);
	drive_keys(d, K_UP);
	CHECK_STR(term_screen(&d->t), "$ short");
	CHECK_CURSOR(d, 0, 7);
	drive_keys(d, K_DOWN);
	CHECK_STR(term_screen(&d->t), "$ a long l\nine that w\nraps three\n rows");
	CHECK_CURSOR(d, 3, 5);
	drive_free(d);
}

TEST(wrap_prompt_wider_than_the_terminal)
{
	drive_t *d = drive_new("a-very-long-prompt> ", 8);
	CHECK_STR(term_screen(&d->t), "a-very-l\nong-prom\npt>");
	CHECK_CURSOR(d, 2, 4);
	drive_keys(d, "echo hi");
	CHECK_STR(term_screen(&d->t), "a-very-l\nong-prom\npt> echo\n hi");
	drive_keys(d, K_HOME);
	CHECK_CURSOR(d, 2, 4);
	drive_keys(d, C_K);
	CHECK_STR(term_screen(&d->t), "a-very-l\nong-prom\npt>");
	drive_free(d);
}

TEST(wrap_prompt_with_escapes_and_newline)
{
	drive_t *d = drive_new("\x1b[1m\x1b]0;title\a/tmp\x1b[0m\n# ", 10);
	CHECK_STR(term_screen(&d->t), "/tmp\n#");
	CHECK_CURSOR(d, 1, 2);
	drive_keys(d, "0123456789");
	CHECK_STR(term_screen(&d->t), "/tmp\n# 01234567\n89");
	drive_keys(d, K_HOME);
	CHECK_CURSOR(d, 1, 2);
	drive_keys(d, C_U K_END C_U);
	CHECK_STR(term_screen(&d->t), "/tmp\n#");
	CHECK_CURSOR(d, 1, 2);
	drive_free(d);
}

TEST(wrap_resize_redraws_for_the_new_width)
{
	drive_t *d = drive_new("$ ", 40);
	drive_keys(d, "0123456789abcdef");
	CHECK_STR(term_screen(&d->t), "$ 0123456789abcdef");
	d->t.width = 10;
	edit_core_resize(&d->c, 10);
	drive_flush(d);
	CHECK_STR(term_screen(&d->t), "$ 01234567\n89abcdef");
	CHECK_CURSOR(d, 1, 8);
	drive_free(d);
}

/* --- random keys against a model of the line ----------------------------- */

typedef struct model {
	const char *glyph[64];
	int width[64];
	int n, cur;
} model_t;

static void model_apply(model_t *m, int key, const char *g, int w)
{
	switch (key) {
	case 0:
		if (m->n == 64)
			return;
		memmove(m->glyph + m->cur + 1, m->glyph + m->cur, (size_t)(m->n - m->cur) * sizeof *m->glyph);
		memmove(m->width + m->cur + 1, m->width + m->cur, (size_t)(m->n - m->cur) * sizeof *m->width);
		m->glyph[m->cur] = g;
		m->width[m->cur] = w;
		m->n++;
		m->cur++;
		break;
	case 1: if (m->cur > 0) m->cur--; break;
	case 2: if (m->cur < m->n) m->cur++; break;
	case 3: m->cur = 0; break;
	case 4: m->cur = m->n; break;
	case 5: /* backspace */
		if (m->cur == 0)
			break;
		m->cur--;
		/* fall through */
	case 6: /* delete */
		if (m->cur == m->n)
			break;
		memmove(m->glyph + m->cur, m->glyph + m->cur + 1, (size_t)(m->n - m->cur - 1) * sizeof *m->glyph);
		memmove(m->width + m->cur, m->width + m->cur + 1, (size_t)(m->n - m->cur - 1) * sizeof *m->width);
		m->n--;
		break;
	case 7: m->n = m->cur; break; /* ^K */
	case 8: /* ^U */
		memmove(m->glyph, m->glyph + m->cur, (size_t)(m->n - m->cur) * sizeof *m->glyph);
		memmove(m->width, m->width + m->cur, (size_t)(m->n - m->cur) * sizeof *m->width);
		m->n -= m->cur;
		m->cur = 0;
		break;
	}
}

/* What the screen must show, and where the cursor must be. */
static void model_expect(const model_t *m, const char *prompt, int width, term_t *want)
{
	term_init(want, width, false);
	term_feed(want, prompt, strlen(prompt));
	int row = 0, col = 0;
	for (int i = 0; i < (int)strlen(prompt); i++) {
		if (col + 1 > width)
			row++, col = 0;
		col++;
	}
	int crow = -1, ccol = -1;
	for (int i = 0; i <= m->n; i++) {
		int w = i < m->n ? m->width[i] : 1;
		if (col + w > width)
			row++, col = 0;
		if (i == m->cur)
			crow = row, ccol = col;
		if (i < m->n) {
			term_feed(want, m->glyph[i], strlen(m->glyph[i]));
			col += w;
		}
	}
	want->row = crow;
	want->col = ccol;
}

TEST(random_keys_keep_line_screen_and_cursor_right)
{
	static const char *const keys[] = { "", K_LEFT, K_RIGHT, K_HOME, K_END, K_BS, K_DELETE, C_K, C_U };
	static const char *const glyphs[] = { "a", "b", "z", " ", "\xc3\xa9", "\xe4\xb8\xad", "~" };
	static const int widths[] = { 1, 1, 1, 1, 1, 2, 1 };
	static const char *const prompts[] = { "$ ", "", "/a/long/dir # ", ">" };
	term_t *want = malloc(sizeof *want);
	unsigned seed = 12345;

	for (int round = 0; round < 300; round++) {
		seed = seed * 1103515245 + 12345;
		int width = 3 + (int)(seed >> 16) % 28;
		const char *prompt = prompts[(seed >> 8) % 4];
		drive_t *d = drive_new_opts(prompt, width, round % 2, NULL);
		model_t m = { .n = 0 };
		for (int step = 0; step < 60; step++) {
			seed = seed * 1103515245 + 12345;
			int key = (int)(seed >> 16) % 12;
			if (key >= 9)
				key = 0; /* typing is the common case */
			int g = (int)(seed >> 8) % 7;
			if (key == 0 && m.n == 64)
				continue;
			drive_keys(d, key == 0 ? glyphs[g] : keys[key]);
			model_apply(&m, key, glyphs[g], widths[g]);
			model_expect(&m, prompt, width, want);
			CHECK_STR(term_screen(&d->t), term_screen(want));
			CHECK(!d->t.pending);
			CHECK_EQ(d->t.row, want->row);
			CHECK_EQ(d->t.col, want->col);
		}
		drive_free(d);
	}
	free(want);
}
