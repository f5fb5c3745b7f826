// SPDX-License-Identifier: MIT
/*
 * Tests for drivers/vtd, the framebuffer console: the terminal emulator
 * (bytes in, cells and cursor out), the renderer (pixels in a buffer,
 * including "drawing step by step gives the same pixels as drawing once"
 * on random input), the font (the embedded table matches its text
 * sources), the scan-code decoder (key sequences in, bytes out), the
 * PS/2 controller set-up against a simulated i8042, and the parser of
 * sys:framebuffer.
 */
#include "unit.h"

#include <drivers/vtd/fbinfo.h>
#include <drivers/vtd/font.h>
#include <drivers/vtd/kbd.h>
#include <drivers/vtd/ps2.h>
#include <drivers/vtd/render.h>
#include <drivers/vtd/vt.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- helpers ----------------------------------------------------------------- */

static vt_t vt;

static void vt_fresh(int cols, int rows)
{
	vt_free(&vt);
	if (vt_init(&vt, cols, rows) != 0)
		abort();
}

static void feed(const char *s)
{
	vt_write(&vt, s, strlen(s));
}

/* Row y as text: ASCII as is, other characters as '?', trailing blanks cut. */
static const char *row(int y)
{
	static char buf[VT_COLS_MAX + 1];
	int n = 0;

	for (int x = 0; x < vt.cols; x++) {
		uint32_t ch = vt_cell(&vt, x, y)->ch;
		buf[n++] = ch < 0x80 ? (char)ch : '?';
	}
	while (n && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	return buf;
}

#define CHECK_CURSOR(cx, cy)            \
	do {                            \
		CHECK_EQ(vt.x, (cx));   \
		CHECK_EQ(vt.y, (cy));   \
	} while (0)

/* --- text, controls, wrapping ------------------------------------------------- */

TEST(vt_text_lands_at_the_cursor_which_advances)
{
	vt_fresh(10, 3);
	feed("hi");
	CHECK_STR(row(0), "hi");
	CHECK_CURSOR(2, 0);
	CHECK_EQ(vt_cell(&vt, 0, 0)->fg, VT_DEFAULT_FG);
	CHECK_EQ(vt_cell(&vt, 0, 0)->bg, VT_DEFAULT_BG);
}

TEST(vt_cr_lf_starts_the_next_line_and_lf_alone_keeps_the_column)
{
	vt_fresh(10, 3);
	feed("ab\r\ncd\nx");
	CHECK_STR(row(0), "ab");
	CHECK_STR(row(1), "cd");
	CHECK_STR(row(2), "  x");
	CHECK_CURSOR(3, 2);
}

TEST(vt_backspace_moves_left_and_stops_at_column_0)
{
	vt_fresh(10, 3);
	feed("abc\b\bX");
	CHECK_STR(row(0), "aXc");
	feed("\b\b\b\b\b");
	CHECK_CURSOR(0, 0);
}

TEST(vt_tab_goes_to_the_next_multiple_of_8_and_stops_at_the_last_column)
{
	vt_fresh(20, 2);
	feed("a\tb");
	CHECK_EQ(vt_cell(&vt, 8, 0)->ch, 'b');
	feed("\t\t\t");
	CHECK_CURSOR(19, 0);
}

TEST(vt_tab_stops_can_be_set_and_cleared)
{
	vt_fresh(20, 2);
	feed("\033[3g\033[4G\033H\r\tX");       /* clear all, set one at column 4 */
	CHECK_EQ(vt_cell(&vt, 3, 0)->ch, 'X');
	feed("\r\033[2I");                      /* no more stops: the last column */
	CHECK_CURSOR(19, 0);
	feed("\033[Z");                         /* back to the stop at column 4 */
	CHECK_CURSOR(3, 0);
}

TEST(vt_last_column_defers_the_wrap_to_the_next_character)
{
	vt_fresh(4, 3);
	feed("abcd");
	CHECK_CURSOR(3, 0);
	CHECK(vt.wrap_pending);
	feed("e");
	CHECK_STR(row(0), "abcd");
	CHECK_STR(row(1), "e");
	CHECK_CURSOR(1, 1);
}

TEST(vt_cr_after_the_last_column_cancels_the_wrap)
{
	vt_fresh(4, 3);
	feed("abcd\r\n");
	CHECK_CURSOR(0, 1);
	CHECK_STR(row(2), "");
	feed("wxyz\bQ");                        /* BS also cancels it */
	CHECK_STR(row(1), "wxQz");
}

TEST(vt_without_autowrap_the_last_column_is_overwritten)
{
	vt_fresh(4, 2);
	feed("\033[?7labcdef");
	CHECK_STR(row(0), "abcf");
	CHECK_STR(row(1), "");
	feed("\033[?7h");
	CHECK(vt.autowrap);
}

TEST(vt_lf_on_the_bottom_line_scrolls_and_is_counted)
{
	vt_fresh(5, 3);
	vt_scroll_take(&vt);
	feed("1\r\n2\r\n3\r\n4");
	CHECK_STR(row(0), "2");
	CHECK_STR(row(1), "3");
	CHECK_STR(row(2), "4");
	CHECK_EQ(vt_scroll_take(&vt), 1);
	CHECK_EQ(vt_scroll_take(&vt), 0);
}

TEST(vt_bell_is_counted_and_prints_nothing)
{
	vt_fresh(5, 2);
	feed("a\007b");
	CHECK_STR(row(0), "ab");
	CHECK_EQ(vt.bells, 1);
}

/* --- cursor movement ------------------------------------------------------------ */

TEST(vt_cursor_moves_by_default_one_and_clamps_at_the_edges)
{
	vt_fresh(10, 5);
	feed("\033[3;4H");
	CHECK_CURSOR(3, 2);
	feed("\033[A");
	CHECK_CURSOR(3, 1);
	feed("\033[0B");                        /* 0 means 1 */
	CHECK_CURSOR(3, 2);
	feed("\033[2C\033[1D");
	CHECK_CURSOR(4, 2);
	feed("\033[99A\033[99D");
	CHECK_CURSOR(0, 0);
	feed("\033[99B\033[99C");
	CHECK_CURSOR(9, 4);
}

TEST(vt_cup_is_one_based_clamped_and_defaults_to_home)
{
	vt_fresh(10, 5);
	feed("\033[2;3f");
	CHECK_CURSOR(2, 1);
	feed("\033[H");
	CHECK_CURSOR(0, 0);
	feed("\033[;5H");
	CHECK_CURSOR(4, 0);
	feed("\033[50;50H");
	CHECK_CURSOR(9, 4);
}

TEST(vt_cha_vpa_cnl_cpl_move_on_one_axis)
{
	vt_fresh(10, 5);
	feed("\033[3;3H\033[7G");
	CHECK_CURSOR(6, 2);
	feed("\033[5d");
	CHECK_CURSOR(6, 4);
	feed("\033[2F");
	CHECK_CURSOR(0, 2);
	feed("\033[4`\033[E");
	CHECK_CURSOR(0, 3);
}

TEST(vt_save_and_restore_cursor_keep_position_and_colours)
{
	vt_fresh(10, 5);
	feed("\033[2;2H\033[31m\0337\033[5;5H\033[0m\0338X");
	CHECK_EQ(vt_cell(&vt, 1, 1)->ch, 'X');
	CHECK_EQ(vt_cell(&vt, 1, 1)->fg, 1);
	feed("\033[3;3H\033[s\033[H\033[uY");
	CHECK_EQ(vt_cell(&vt, 2, 2)->ch, 'Y');
}

TEST(vt_dectcem_hides_and_shows_the_cursor)
{
	vt_fresh(10, 5);
	CHECK(vt.cursor_visible);
	feed("\033[?25l");
	CHECK(!vt.cursor_visible);
	feed("\033[?25h");
	CHECK(vt.cursor_visible);
}

/* --- erasing, inserting, deleting ------------------------------------------------- */

static void fill(void)
{
	vt_fresh(5, 3);
	feed("abcde\r\nfghij\r\nklmno");
}

TEST(vt_ed_erases_below_above_or_all)
{
	fill();
	feed("\033[2;3H\033[J");
	CHECK_STR(row(0), "abcde");
	CHECK_STR(row(1), "fg");
	CHECK_STR(row(2), "");
	fill();
	feed("\033[2;3H\033[1J");
	CHECK_STR(row(0), "");
	CHECK_STR(row(1), "   ij");
	CHECK_STR(row(2), "klmno");
	fill();
	feed("\033[2J");
	CHECK_STR(row(0), "");
	CHECK_STR(row(2), "");
	CHECK_CURSOR(4, 2);                     /* ED does not move the cursor */
}

TEST(vt_el_erases_right_left_or_the_line)
{
	fill();
	feed("\033[2;3H\033[K");
	CHECK_STR(row(1), "fg");
	fill();
	feed("\033[2;3H\033[1K");
	CHECK_STR(row(1), "   ij");
	fill();
	feed("\033[2;3H\033[2K");
	CHECK_STR(row(1), "");
	CHECK_STR(row(0), "abcde");
}

TEST(vt_clear_command_output_clears_and_homes)
{
	fill();
	feed("\033[H\033[2J\033[3J");
	for (int y = 0; y < 3; y++)
		CHECK_STR(row(y), "");
	CHECK_CURSOR(0, 0);
}

TEST(vt_erasing_uses_the_current_background)
{
	vt_fresh(5, 2);
	feed("\033[44m\033[2J\033[0mx");
	CHECK_EQ(vt_cell(&vt, 4, 1)->bg, 4);
	CHECK_EQ(vt_cell(&vt, 0, 0)->bg, VT_DEFAULT_BG);
}

TEST(vt_ich_dch_ech_edit_within_the_line)
{
	fill();
	feed("\033[1;2H\033[2@");
	CHECK_STR(row(0), "a  bc");
	feed("\033[3P");
	CHECK_STR(row(0), "ac");
	feed("\033[2;2H\033[2X");
	CHECK_STR(row(1), "f  ij");
	CHECK_CURSOR(1, 1);
}

TEST(vt_il_dl_insert_and_delete_lines_below_the_cursor)
{
	fill();
	feed("\033[2;3H\033[L");
	CHECK_STR(row(0), "abcde");
	CHECK_STR(row(1), "");
	CHECK_STR(row(2), "fghij");
	CHECK_CURSOR(0, 1);
	feed("\033[M");
	CHECK_STR(row(1), "fghij");
	CHECK_STR(row(2), "");
}

TEST(vt_insert_mode_shifts_the_rest_of_the_line)
{
	fill();
	feed("\033[1;2H\033[4hXY\033[4lZ");
	CHECK_STR(row(0), "aXYZc");
}

TEST(vt_rep_repeats_the_last_character)
{
	vt_fresh(10, 2);
	feed("-\033[4b");
	CHECK_STR(row(0), "-----");
}

/* --- scrolling and regions ---------------------------------------------------- */

TEST(vt_scroll_region_keeps_lines_outside_it)
{
	vt_fresh(5, 5);
	feed("0\r\n1\r\n2\r\n3\r\n4");
	vt_scroll_take(&vt);
	feed("\033[2;4r");
	CHECK_CURSOR(0, 0);                     /* DECSTBM homes the cursor */
	feed("\033[4;1H\nX");
	CHECK_STR(row(0), "0");
	CHECK_STR(row(1), "2");
	CHECK_STR(row(2), "3");
	CHECK_STR(row(3), "X");
	CHECK_STR(row(4), "4");
	CHECK_EQ(vt_scroll_take(&vt), 0);       /* not a full-screen scroll */
	feed("\033[r");
	CHECK_EQ(vt.top, 0);
	CHECK_EQ(vt.bottom, 4);
}

TEST(vt_reverse_index_at_the_top_scrolls_down)
{
	fill();
	feed("\033[H\033M");
	CHECK_STR(row(0), "");
	CHECK_STR(row(1), "abcde");
	CHECK_STR(row(2), "fghij");
}

TEST(vt_su_and_sd_scroll_the_region)
{
	fill();
	feed("\033[S");
	CHECK_STR(row(0), "fghij");
	CHECK_STR(row(2), "");
	feed("\033[2T");
	CHECK_STR(row(0), "");
	CHECK_STR(row(2), "fghij");
}

TEST(vt_origin_mode_addresses_inside_the_region)
{
	vt_fresh(5, 6);
	feed("\033[3;5r\033[?6h\033[1;1HX\033[99;1HY\033[6n");
	CHECK_EQ(vt_cell(&vt, 0, 2)->ch, 'X');
	CHECK_EQ(vt_cell(&vt, 0, 4)->ch, 'Y');
	char reply[32] = { 0 };
	vt_reply_take(&vt, reply, sizeof(reply) - 1);
	CHECK_STR(reply, "\033[3;2R");
}

/* --- colours and attributes ----------------------------------------------------- */

TEST(vt_sgr_sets_colours_bold_underline_reverse_and_0_resets)
{
	vt_fresh(10, 2);
	feed("\033[1;4;7;32;45ma\033[22;24;27mb\033[0mc\033[93;101md\033[mE");
	const vt_cell_t *a = vt_cell(&vt, 0, 0), *b = vt_cell(&vt, 1, 0);
	CHECK_EQ(a->attr, VT_ATTR_BOLD | VT_ATTR_UNDERLINE | VT_ATTR_REVERSE);
	CHECK_EQ(a->fg, 2);
	CHECK_EQ(a->bg, 5);
	CHECK_EQ(b->attr, 0);
	CHECK_EQ(b->fg, 2);
	CHECK_EQ(vt_cell(&vt, 2, 0)->fg, VT_DEFAULT_FG);
	CHECK_EQ(vt_cell(&vt, 3, 0)->fg, 11);
	CHECK_EQ(vt_cell(&vt, 3, 0)->bg, 9);
	CHECK_EQ(vt_cell(&vt, 4, 0)->fg, VT_DEFAULT_FG);   /* CSI m is CSI 0 m */
	CHECK_EQ(vt_cell(&vt, 4, 0)->bg, VT_DEFAULT_BG);
}

TEST(vt_sgr_39_49_restore_default_colours)
{
	vt_fresh(10, 2);
	feed("\033[31;42m\033[39ma\033[49mb");
	CHECK_EQ(vt_cell(&vt, 0, 0)->fg, VT_DEFAULT_FG);
	CHECK_EQ(vt_cell(&vt, 0, 0)->bg, 2);
	CHECK_EQ(vt_cell(&vt, 1, 0)->bg, VT_DEFAULT_BG);
}

TEST(vt_sgr_256_colours_and_direct_colours_use_the_palette)
{
	vt_fresh(10, 2);
	feed("\033[38;5;196;48;5;21ma\033[38;2;255;255;255mb\033[38:2:0:0:0mc");
	CHECK_EQ(vt_cell(&vt, 0, 0)->fg, 196);
	CHECK_EQ(vt_cell(&vt, 0, 0)->bg, 21);
	CHECK_EQ(vt_cell(&vt, 1, 0)->fg, 231);
	CHECK_EQ(vt_cell(&vt, 2, 0)->fg, 16);
	feed("\033[38;5m\033[38;2;1md");         /* truncated: ignored, no crash */
	CHECK_EQ(vt_cell(&vt, 3, 0)->ch, 'd');
}

/* --- text encodings and character sets ------------------------------------------ */

TEST(vt_utf8_decodes_two_three_and_four_byte_characters)
{
	vt_fresh(10, 2);
	feed("\xc3\xa9\xe2\x94\x80\xf0\x9f\x98\x80z");
	CHECK_EQ(vt_cell(&vt, 0, 0)->ch, 0xe9);
	CHECK_EQ(vt_cell(&vt, 1, 0)->ch, 0x2500);
	CHECK_EQ(vt_cell(&vt, 2, 0)->ch, 0x1f600);
	CHECK_EQ(vt_cell(&vt, 3, 0)->ch, 'z');
}

TEST(vt_malformed_utf8_shows_a_replacement_and_keeps_the_next_byte)
{
	vt_fresh(10, 2);
	feed("\xc3" "a" "\x80" "\xe0\x80\xaf" "\xed\xa0\x80" "\r\xc3\rb");
	CHECK_EQ(vt_cell(&vt, 0, 0)->ch, 'b');  /* the CR inside was obeyed */
	CHECK_EQ(vt_cell(&vt, 1, 0)->ch, 'a');
	CHECK_EQ(vt_cell(&vt, 2, 0)->ch, 0xfffd);       /* stray continuation */
	CHECK_EQ(vt_cell(&vt, 3, 0)->ch, 0xfffd);       /* overlong */
	CHECK_EQ(vt_cell(&vt, 4, 0)->ch, 0xfffd);       /* surrogate */
}

TEST(vt_combining_marks_and_c1_controls_take_no_cell)
{
	vt_fresh(10, 2);
	feed("e\xcc\x81x\xc2\x9by");
	CHECK_STR(row(0), "exy");
}

TEST(vt_dec_graphics_charset_draws_lines)
{
	vt_fresh(10, 2);
	feed("\033(0lqk\033(Bq\016q\017");
	CHECK_EQ(vt_cell(&vt, 0, 0)->ch, 0x250c);
	CHECK_EQ(vt_cell(&vt, 1, 0)->ch, 0x2500);
	CHECK_EQ(vt_cell(&vt, 2, 0)->ch, 0x2510);
	CHECK_EQ(vt_cell(&vt, 3, 0)->ch, 'q');
	CHECK_EQ(vt_cell(&vt, 4, 0)->ch, 'q');  /* SO selects G1, still ASCII */
}

/* --- sequences that are skipped, aborted or answered --------------------------------- */

TEST(vt_osc_and_dcs_strings_are_skipped)
{
	vt_fresh(20, 2);
	feed("a\033]0;title\007b\033]2;t\033\\c\033Pq#1\033\\d");
	CHECK_STR(row(0), "abcd");
}

TEST(vt_controls_inside_a_csi_act_and_can_aborts_it)
{
	vt_fresh(10, 3);
	feed("abc\033[1\r2Cx");                 /* CR acts, then CSI 12 C */
	CHECK_EQ(vt_cell(&vt, 9, 0)->ch, 'x');
	feed("\r\n\033[31\030m");               /* CAN: the 'm' is text */
	CHECK_STR(row(1), "m");
	CHECK_EQ(vt_cell(&vt, 0, 1)->fg, VT_DEFAULT_FG);
	feed("\033[3\033[2Cy");                 /* ESC restarts */
	CHECK_EQ(vt_cell(&vt, 3, 1)->ch, 'y');
}

TEST(vt_unknown_and_private_sequences_change_nothing_visible)
{
	vt_fresh(10, 2);
	feed("\033[>1;2m\033[?1J\033[2 q\033[8;24;80t\033#8\033%Ga");
	CHECK_STR(row(0), "a");
	CHECK_EQ(vt_cell(&vt, 0, 0)->fg, VT_DEFAULT_FG);
}

TEST(vt_dsr_and_da_queue_answers_for_the_program)
{
	char reply[64] = { 0 };

	vt_fresh(10, 5);
	feed("\033[3;7H\033[6n\033[5n\033[c");
	size_t n = vt_reply_take(&vt, reply, sizeof(reply) - 1);
	reply[n] = '\0';
	CHECK_STR(reply, "\033[3;7R\033[0n\033[?1;2c");
	CHECK_EQ(vt_reply_take(&vt, reply, sizeof(reply)), 0);
}

TEST(vt_decckm_switches_application_cursor_keys)
{
	vt_fresh(10, 2);
	CHECK(!vt_app_cursor(&vt));
	feed("\033[?1h");
	CHECK(vt_app_cursor(&vt));
	feed("\033[?1l");
	CHECK(!vt_app_cursor(&vt));
}

TEST(vt_alt_screen_1049_keeps_the_main_screen_and_cursor)
{
	vt_fresh(10, 3);
	feed("main\033[?1049h");
	CHECK_STR(row(0), "");
	feed("\033[2;2Htop");
	feed("\033[?1049l");
	CHECK_STR(row(0), "main");
	CHECK_STR(row(1), "");
	CHECK_CURSOR(4, 0);
	feed("\033[?1049h");
	CHECK_STR(row(1), "");                  /* cleared on entry */
}

TEST(vt_ris_resets_everything)
{
	vt_fresh(10, 3);
	feed("\033[31mtext\033[2;3r\033[?25l\033[?1h\033c");
	CHECK_STR(row(0), "");
	CHECK_CURSOR(0, 0);
	CHECK(vt.cursor_visible);
	CHECK(!vt_app_cursor(&vt));
	CHECK_EQ(vt.bottom, 2);
	CHECK_EQ(vt.pen.fg, VT_DEFAULT_FG);
}

TEST(vt_huge_and_too_many_parameters_are_safe)
{
	vt_fresh(10, 3);
	feed("\033[99999999999999999999;99999999999999999999H");
	CHECK_CURSOR(9, 2);
	feed("\033[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19;20;1mZ");
	CHECK_EQ(vt_cell(&vt, 9, 2)->attr & VT_ATTR_BOLD, VT_ATTR_BOLD);
	feed("\033[99999L\033[99999M\033[99999@\033[99999P\033[99999X\033[99999S\033[99999T");
	feed("\033[99999b\033[99999I\033[99999Z");
}

TEST(vt_random_bytes_keep_the_cursor_on_the_screen)
{
	unsigned seed = 12345;
	static const char alphabet[] = "\033[;?0123456789ABCDHJKLMPSTXZ@`abcdfghlmnrsu\r\n\b\t\x1b()078DEMc"
				       "\xc3\xa9\xe2\x94\x80\x18\x07]\\";

	vt_fresh(7, 4);
	for (int i = 0; i < 200000; i++) {
		seed = seed * 1103515245 + 12345;
		unsigned r = seed >> 16;
		char c = r % 5 ? alphabet[r % (sizeof(alphabet) - 1)] : (char)(r >> 3);
		vt_write(&vt, &c, 1);
		if (vt.x < 0 || vt.x >= vt.cols || vt.y < 0 || vt.y >= vt.rows ||
		    vt.top < 0 || vt.bottom >= vt.rows || vt.top >= vt.bottom) {
			CHECK(!"cursor or region left the screen");
		}
		char sink[VT_REPLY_MAX];
		vt_reply_take(&vt, sink, sizeof(sink));
	}
}

/* --- the renderer ---------------------------------------------------------------- */

typedef struct {
	render_fb_t fb;
	uint8_t *mem;
} test_fb_t;

/* A cols x rows text screen of 32 (or 24) bpp pixels with some padding per line. */
static void test_fb_make(test_fb_t *t, int cols, int rows, uint32_t bpp)
{
	uint32_t w = (uint32_t)cols * FONT_W, h = (uint32_t)rows * FONT_H;

	t->fb = (render_fb_t){ .width = w, .height = h, .pitch = w * (bpp / 8) + 12, .bpp = bpp,
			       .red_pos = 16, .red_size = 8, .green_pos = 8, .green_size = 8,
			       .blue_pos = 0, .blue_size = 8 };
	t->mem = calloc(1, (size_t)t->fb.pitch * h);
	t->fb.base = t->mem;
}

static uint32_t test_pixel(const test_fb_t *t, uint32_t x, uint32_t y)
{
	const uint8_t *p = t->mem + (size_t)y * t->fb.pitch + (size_t)x * (t->fb.bpp / 8);

	if (t->fb.bpp == 32)
		return *(const uint32_t *)p & 0xffffff;
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
}

/* Whether cell (cx, cy) shows glyph ch in fg on bg (0xRRGGBB). */
static bool test_cell_shows(const test_fb_t *t, int cx, int cy, uint32_t ch, uint32_t fg,
			    uint32_t bg)
{
	const uint8_t *g = font_glyph(ch);

	for (int y = 0; y < FONT_H; y++)
		for (int x = 0; x < FONT_W; x++) {
			uint32_t want = (g[y] & (0x80 >> x)) ? fg : bg;
			if (test_pixel(t, (uint32_t)(cx * FONT_W + x), (uint32_t)(cy * FONT_H + y)) != want)
				return false;
		}
	return true;
}

TEST(render_draws_glyphs_in_the_default_colours_and_the_cursor_reversed)
{
	test_fb_t t;
	render_t r;

	test_fb_make(&t, 6, 2, 32);
	vt_fresh(6, 2);
	CHECK_EQ(render_init(&r, &t.fb, 6, 2), 0);
	feed("Ab");
	render_update(&r, &vt);
	CHECK(test_cell_shows(&t, 0, 0, 'A', 0xaaaaaa, 0x000000));
	CHECK(test_cell_shows(&t, 1, 0, 'b', 0xaaaaaa, 0x000000));
	CHECK(test_cell_shows(&t, 2, 0, ' ', 0x000000, 0xaaaaaa));      /* the cursor */
	feed("\033[?25l");
	render_update(&r, &vt);
	CHECK(test_cell_shows(&t, 2, 0, ' ', 0xaaaaaa, 0x000000));
	render_free(&r);
	free(t.mem);
}

TEST(render_bold_brightens_and_reverse_swaps_colours)
{
	test_fb_t t;
	render_t r;

	test_fb_make(&t, 6, 2, 32);
	vt_fresh(6, 2);
	render_init(&r, &t.fb, 6, 2);
	feed("\033[1;31;44mx\033[0;7my\033[0;38;5;196mz\033[4mu");
	render_update(&r, &vt);
	CHECK(test_cell_shows(&t, 0, 0, 'x', 0xff5555, 0x0000aa));
	CHECK(test_cell_shows(&t, 1, 0, 'y', 0x000000, 0xaaaaaa));
	CHECK(test_cell_shows(&t, 2, 0, 'z', 0xff0000, 0x000000));
	CHECK(!test_cell_shows(&t, 3, 0, 'u', 0xff0000, 0x000000));     /* underlined */
	CHECK_EQ(test_pixel(&t, 3 * FONT_W, 13), 0xff0000);
	render_free(&r);
	free(t.mem);
}

TEST(render_handles_24_bpp_and_other_channel_orders)
{
	test_fb_t t;
	render_t r;

	test_fb_make(&t, 4, 2, 24);
	t.fb.red_pos = 0;                       /* BGR in memory order: red first */
	t.fb.blue_pos = 16;
	vt_fresh(4, 2);
	CHECK_EQ(render_init(&r, &t.fb, 4, 2), 0);
	feed("\033[?25l\033[41m ");
	render_update(&r, &vt);
	CHECK_EQ(test_pixel(&t, 0, 0), 0x0000aa);       /* 0xaa0000 with red at bit 0 */
	render_free(&r);
	free(t.mem);
}

TEST(render_rejects_impossible_framebuffers)
{
	test_fb_t t;
	render_t r;

	test_fb_make(&t, 4, 2, 32);
	CHECK_EQ(render_init(&r, &t.fb, 5, 2), -EINVAL);       /* more text than fits */
	t.fb.bpp = 16;
	CHECK_EQ(render_init(&r, &t.fb, 4, 2), -EINVAL);
	t.fb.bpp = 32;
	t.fb.pitch = 4;
	CHECK_EQ(render_init(&r, &t.fb, 4, 2), -EINVAL);
	free(t.mem);
}

TEST(render_palette_has_vga_colours_the_cube_and_greys)
{
	CHECK_EQ(render_palette_rgb(0), 0x000000);
	CHECK_EQ(render_palette_rgb(7), 0xaaaaaa);
	CHECK_EQ(render_palette_rgb(15), 0xffffff);
	CHECK_EQ(render_palette_rgb(16), 0x000000);
	CHECK_EQ(render_palette_rgb(196), 0xff0000);
	CHECK_EQ(render_palette_rgb(231), 0xffffff);
	CHECK_EQ(render_palette_rgb(232), 0x080808);
	CHECK_EQ(render_palette_rgb(255), 0xeeeeee);
}

/*
 * The renderer draws only what changed and moves pixels for scrolls; on
 * any input that must give exactly the pixels a fresh renderer draws.
 */
TEST(render_step_by_step_equals_drawing_once_on_random_output)
{
	static const char *pieces[] = {
		"hello ", "\r\n", "\033[2J", "\033[H", "\033[31m", "\033[0m", "\033[7m", "x\b",
		"\033[3;2r", "\033[r", "\033M", "\033[2L", "\033[S", "\033[?1049h", "\033[?1049l",
		"\033[?25l", "\033[?25h", "\t", "\xc3\xa9", "\033[5;5H", "\033[K", "\033[1J",
		"0123456789", "\033c", "\n\n\n\n\n\n",
	};
	unsigned seed = 7;
	test_fb_t a, b;
	render_t ra, rb;

	test_fb_make(&a, 9, 6, 32);
	test_fb_make(&b, 9, 6, 32);
	vt_fresh(9, 6);
	render_init(&ra, &a.fb, 9, 6);
	for (int step = 0; step < 400; step++) {
		for (int k = (int)(seed % 4); k >= 0; k--) {
			seed = seed * 1103515245 + 12345;
			feed(pieces[(seed >> 16) % (sizeof(pieces) / sizeof(pieces[0]))]);
		}
		render_update(&ra, &vt);
		int scrolled = vt.scrolled;
		render_init(&rb, &b.fb, 9, 6);
		render_update(&rb, &vt);
		vt.scrolled = scrolled;
		render_free(&rb);
		if (memcmp(a.mem, b.mem, (size_t)a.fb.pitch * a.fb.height) != 0) {
			printf("    differs after step %d\n", step);
			CHECK(!"incremental drawing differs");
		}
	}
	render_free(&ra);
	free(a.mem);
	free(b.mem);
}

/* --- the font ----------------------------------------------------------------- */

/* Parses a text-art font file; the glyph of cp into out. */
static bool font_source_glyph(const char *path, uint32_t cp, uint8_t out[FONT_H])
{
	FILE *f = fopen(path, "r");
	char line[128];
	bool found = false;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		unsigned code;
		if (sscanf(line, ": 0x%x", &code) != 1 || code != cp)
			continue;
		found = true;
		for (int y = 0; y < FONT_H; y++) {
			if (!fgets(line, sizeof(line), f)) {
				found = false;
				break;
			}
			out[y] = 0;
			for (int x = 0; x < FONT_W; x++)
				if (line[x] == '#')
					out[y] |= (uint8_t)(0x80 >> x);
		}
	}
	fclose(f);
	return found;
}

TEST(font_ascii_is_the_kernel_font_source)
{
	uint8_t want[FONT_H];

	for (uint32_t cp = 0x20; cp <= 0x7f; cp++) {
		CHECK(font_source_glyph("kernel/console/font8x16.txt", cp, want));
		CHECK_EQ(memcmp(font_bits[cp - 0x20], want, FONT_H), 0);
		CHECK_EQ(font_codes[cp - 0x20], cp);
	}
}

TEST(font_latin1_is_font_extra_txt_and_complete)
{
	uint8_t want[FONT_H];

	for (uint32_t cp = 0xa0; cp <= 0xff; cp++) {
		CHECK(font_source_glyph("drivers/vtd/font-extra.txt", cp, want));
		CHECK_EQ(memcmp(font_glyph(cp), want, FONT_H), 0);
	}
	CHECK(font_source_glyph("drivers/vtd/font-extra.txt", 0x25c6, want));
	CHECK_EQ(memcmp(font_glyph(0x25c6), want, FONT_H), 0);
}

TEST(font_codes_are_sorted_and_unknown_characters_get_the_box)
{
	for (unsigned i = 1; i < font_glyph_count; i++)
		CHECK(font_codes[i - 1] < font_codes[i]);
	const uint8_t *box = font_bits[0x7f - 0x20];
	CHECK(font_glyph(0x1f600) == box);
	CHECK(font_glyph(0xfffd) == box);
	CHECK(font_glyph(0x7f) == box);
	CHECK(font_glyph(0x10) == box);
	CHECK(font_glyph(0xe9) != box);
	CHECK(font_glyph(0x2011) == font_glyph('-'));
}

TEST(font_box_drawing_lines_reach_the_cell_edges)
{
	const uint8_t *h = font_glyph(0x2500), *v = font_glyph(0x2502), *full = font_glyph(0x2588);

	CHECK_EQ(h[7], 0xff);
	CHECK_EQ(h[0], 0);
	for (int y = 0; y < FONT_H; y++) {
		CHECK_EQ(v[y], 0x18);
		CHECK_EQ(full[y], 0xff);
	}
	CHECK_EQ(font_glyph(0x250c)[15], 0x18);         /* the corner goes down */
	CHECK_EQ(font_glyph(0x250c)[0], 0);
}

/* --- the keyboard ----------------------------------------------------------------- */

static kbd_t kb;

/* Feeds scan codes (a 0-terminated list, 0x100 for a 0x00 byte); their output as a string. */
static const char *keys(const int *codes, bool app)
{
	static char buf[256];
	size_t n = 0;

	for (; *codes; codes++) {
		char out[KBD_OUT_MAX];
		size_t got = kbd_feed(&kb, (uint8_t)(*codes & 0xff), app, out);
		if (got > KBD_OUT_MAX || n + got >= sizeof(buf))
			abort();
		memcpy(buf + n, out, got);
		n += got;
	}
	buf[n] = '\0';
	return buf;
}

#define KEYS(...) keys((const int[]){ __VA_ARGS__, 0 }, false)
#define KEYS_APP(...) keys((const int[]){ __VA_ARGS__, 0 }, true)

TEST(kbd_letters_digits_and_shift_follow_the_us_layout)
{
	kbd_init(&kb);
	CHECK_STR(KEYS(0x23, 0xa3, 0x17, 0x97), "hi");
	CHECK_STR(KEYS(0x2a, 0x23, 0xa3, 0x02, 0x82, 0xaa, 0x02, 0x82), "H!1");
	CHECK_STR(KEYS(0x36, 0x0c, 0x8c, 0x28, 0xa8, 0xb6, 0x35, 0xb5), "_\"/");
	CHECK_STR(KEYS(0x39, 0xb9, 0x29, 0xa9, 0x2b, 0xab), " `\\");
}

TEST(kbd_caps_lock_changes_letters_only_and_toggles_once_when_held)
{
	kbd_init(&kb);
	CHECK_STR(KEYS(0x3a, 0x3a, 0x3a, 0xba, 0x1e, 0x9e, 0x02, 0x82), "A1");
	CHECK(kb.caps);
	CHECK_EQ(kbd_leds(&kb), KBD_LED_CAPS | KBD_LED_NUM);
	CHECK_STR(KEYS(0x2a, 0x1e, 0x9e, 0xaa), "a");
	CHECK_STR(KEYS(0x3a, 0xba, 0x1e, 0x9e), "a");
}

TEST(kbd_ctrl_makes_control_codes)
{
	kbd_init(&kb);
	CHECK_STR(KEYS(0x1d, 0x2e, 0xae, 0x20, 0xa0, 0x9d), "\003\004");
	CHECK_STR(KEYS(0xe0, 0x1d, 0x2c, 0xe0, 0x9d, 0xac), "\032");
	kbd_init(&kb);
	char out[KBD_OUT_MAX];
	kbd_feed(&kb, 0x1d, false, out);
	CHECK_EQ(kbd_feed(&kb, 0x39, false, out), 1);   /* Ctrl-Space: NUL */
	CHECK_EQ(out[0], 0);
	CHECK_STR(KEYS(0x1a, 0x2b, 0x1b, 0x0c), "\033\034\035\037");
	CHECK_STR(KEYS(0x2a, 0x07, 0x35), "\036\177");  /* Ctrl-^ and Ctrl-? */
}

TEST(kbd_alt_sends_escape_first)
{
	kbd_init(&kb);
	CHECK_STR(KEYS(0x38, 0x30, 0xb0, 0xb8, 0x30, 0xb0), "\033bb");
	CHECK_STR(KEYS(0xe0, 0x38, 0x0e, 0xe0, 0xb8), "\033\177");
}

TEST(kbd_enter_backspace_tab_escape)
{
	kbd_init(&kb);
	CHECK_STR(KEYS(0x1c, 0x9c, 0x0e, 0x0f, 0x01, 0xe0, 0x1c), "\r\177\t\033\r");
	CHECK_STR(KEYS(0x2a, 0x0f, 0xaa), "\033[Z");
	CHECK_STR(KEYS(0x1d, 0x0e, 0x9d), "\b");
}

TEST(kbd_cursor_keys_in_normal_and_application_mode)
{
	kbd_init(&kb);
	CHECK_STR(KEYS(0xe0, 0x48, 0xe0, 0xc8, 0xe0, 0x50, 0xe0, 0x4d, 0xe0, 0x4b), "\033[A\033[B\033[C\033[D");
	CHECK_STR(KEYS_APP(0xe0, 0x48, 0xe0, 0x47, 0xe0, 0x4f), "\033OA\033OH\033OF");
	CHECK_STR(KEYS(0xe0, 0x47, 0xe0, 0x4f), "\033[H\033[F");
}

TEST(kbd_modifiers_on_cursor_and_editing_keys_use_xterm_parameters)
{
	kbd_init(&kb);
	CHECK_STR(KEYS(0x1d, 0xe0, 0x48, 0x9d), "\033[1;5A");
	CHECK_STR(KEYS_APP(0x2a, 0xe0, 0x4b, 0xaa), "\033[1;2D");
	CHECK_STR(KEYS(0x38, 0xe0, 0x53, 0xb8), "\033[3;3~");
}

TEST(kbd_editing_and_function_keys)
{
	kbd_init(&kb);
	CHECK_STR(KEYS(0xe0, 0x52, 0xe0, 0x53, 0xe0, 0x49, 0xe0, 0x51), "\033[2~\033[3~\033[5~\033[6~");
	CHECK_STR(KEYS(0x3b, 0x3e, 0x3f, 0x44, 0x57, 0x58), "\033OP\033OS\033[15~\033[21~\033[23~\033[24~");
}

TEST(kbd_keypad_types_digits_with_num_lock_and_moves_without)
{
	kbd_init(&kb);
	CHECK_STR(KEYS(0x47, 0x4c, 0x52, 0x53, 0x4a, 0x4e, 0x37, 0xe0, 0x35), "750.-+*/");
	CHECK_STR(KEYS(0x45, 0xc5, 0x48, 0x4c, 0x53, 0x4e), "\033[A\033[3~+");
	CHECK(!kb.num);
	CHECK_EQ(kbd_leds(&kb), 0);
}

TEST(kbd_releases_repeats_and_controller_bytes)
{
	kbd_init(&kb);
	CHECK_STR(KEYS(0x1e, 0x1e, 0x1e, 0x9e), "aaa");        /* typematic repeat types */
	CHECK_STR(KEYS(0x9e, 0xaa, 0xfa, 0xfe, 0x100), "");     /* stray releases, ACK, errors */
	CHECK_EQ(kb.mods, 0);
	/* Fake shifts around an E0 key, Print Screen, Pause. */
	CHECK_STR(KEYS(0xe0, 0x2a, 0xe0, 0x48, 0xe0, 0xaa, 0xe0, 0x37, 0xe0, 0xb7), "\033[A");
	CHECK_STR(KEYS(0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5, 0x1e), "a");
	CHECK_EQ(kb.mods, 0);
}

/* --- the PS/2 controller, simulated -------------------------------------------------- */

typedef struct {
	uint8_t queue[64];              /* bytes for the driver to read */
	bool aux[64];
	int head, tail;
	uint8_t config;
	int pending_cmd;                /* a command waiting for its data byte */
	bool kbd_disabled, dead, busy;
	uint8_t sent[16];               /* bytes written to the keyboard */
	int nsent;
	int writes_config;
} fake_i8042_t;

static void fake_push(fake_i8042_t *c, uint8_t b, bool aux)
{
	c->aux[c->tail % 64] = aux;
	c->queue[c->tail++ % 64] = b;
}

static uint8_t fake_in(void *ctx, uint16_t port)
{
	fake_i8042_t *c = ctx;

	if (c->dead)
		return 0xff;
	if (port == PS2_STATUS) {
		uint8_t s = c->busy ? PS2_IN_FULL : 0;
		if (c->head != c->tail)
			s |= (uint8_t)(PS2_OUT_FULL | (c->aux[c->head % 64] ? PS2_AUX : 0));
		return s;
	}
	return c->head != c->tail ? c->queue[c->head++ % 64] : 0;
}

static void fake_out(void *ctx, uint16_t port, uint8_t v)
{
	fake_i8042_t *c = ctx;

	if (port == PS2_STATUS) {
		if (v == 0x20)
			fake_push(c, c->config, false);
		else if (v == 0x60)
			c->pending_cmd = 0x60;
		else if (v == 0xad || v == 0xae)
			c->kbd_disabled = v == 0xad;
		if (v == 0xad)                  /* as on an 8042: the port's clock bit */
			c->config |= PS2_CFG_KBD_NOCLOCK;
		else if (v == 0xae)
			c->config &= (uint8_t)~PS2_CFG_KBD_NOCLOCK;
		return;
	}
	if (c->pending_cmd == 0x60) {
		c->config = v;
		c->writes_config++;
		c->pending_cmd = 0;
	} else if (c->nsent < 16) {
		c->sent[c->nsent++] = v;
	}
}

TEST(ps2_init_keeps_waiting_keys_and_turns_on_irq_and_translation)
{
	fake_i8042_t c = { .config = 0x10 };    /* keyboard clock off, no IRQ, no translation */
	port_io_t io = { fake_in, fake_out, &c };
	uint8_t early[8];
	size_t n;

	fake_push(&c, 0x1e, false);
	fake_push(&c, 0x42, true);              /* a mouse byte: dropped */
	fake_push(&c, 0x9e, false);
	CHECK_EQ(ps2_init(&io, early, sizeof(early), &n), PS2_INIT_CHANGED);
	CHECK_EQ(n, 2);
	CHECK_EQ(early[0], 0x1e);
	CHECK_EQ(early[1], 0x9e);
	CHECK_EQ(c.config, PS2_CFG_KBD_IRQ | PS2_CFG_TRANSLATE);
	CHECK(!c.kbd_disabled);
}

TEST(ps2_init_leaves_a_good_configuration_alone)
{
	fake_i8042_t c = { .config = 0x47 };
	port_io_t io = { fake_in, fake_out, &c };
	uint8_t early[4];
	size_t n;

	CHECK_EQ(ps2_init(&io, early, sizeof(early), &n), 0);
	CHECK_EQ(n, 0);
	CHECK_EQ(c.writes_config, 0);
	CHECK_EQ(c.config, 0x47);
	CHECK(!c.kbd_disabled);
}

TEST(ps2_init_fails_without_a_controller_or_when_it_is_stuck)
{
	fake_i8042_t c = { .dead = true };
	port_io_t io = { fake_in, fake_out, &c };
	uint8_t early[4];
	size_t n;

	CHECK_EQ(ps2_init(&io, early, sizeof(early), &n), -ENODEV);
	c.dead = false;
	c.busy = true;
	CHECK_EQ(ps2_init(&io, early, sizeof(early), &n), -EIO);
	CHECK_EQ(ps2_set_leds(&io, 1), -EIO);
}

TEST(ps2_read_skips_mouse_bytes_and_set_leds_sends_the_command)
{
	fake_i8042_t c = { 0 };
	port_io_t io = { fake_in, fake_out, &c };
	uint8_t out[8];

	fake_push(&c, 0x10, false);
	fake_push(&c, 0x08, true);
	fake_push(&c, 0x90, false);
	CHECK_EQ(ps2_read(&io, out, sizeof(out)), 2);
	CHECK_EQ(out[1], 0x90);
	CHECK_EQ(ps2_read(&io, out, sizeof(out)), 0);
	CHECK_EQ(ps2_set_leds(&io, KBD_LED_CAPS | KBD_LED_NUM), 0);
	CHECK_EQ(c.nsent, 2);
	CHECK_EQ(c.sent[0], 0xed);
	CHECK_EQ(c.sent[1], 6);
}

/* --- sys:framebuffer ------------------------------------------------------------- */

static int parse(const char *s, fbinfo_t *fb)
{
	return fbinfo_parse(s, strlen(s), fb);
}

TEST(fbinfo_reads_the_kernels_line)
{
	fbinfo_t fb;

	CHECK_EQ(parse("address 0xfd000000 width 1024 height 768 pitch 4096 bpp 32\n", &fb), 0);
	CHECK_EQ(fb.address, 0xfd000000u);
	CHECK_EQ(fb.width, 1024);
	CHECK_EQ(fb.height, 768);
	CHECK_EQ(fb.pitch, 4096);
	CHECK_EQ(fb.bpp, 32);
	CHECK_EQ(fb.red_pos, 16);
	CHECK_EQ(fb.blue_size, 8);
}

TEST(fbinfo_reads_the_kernels_lines_with_channel_layouts)
{
	fbinfo_t fb;

	CHECK_EQ(parse("address 0x80000000\nwidth 800\nheight 600\npitch 3200\nbpp 32\n"
		       "red 0:8\ngreen 8:8\nblue 16:8\n", &fb), 0);
	CHECK_EQ(fb.address, 0x80000000u);
	CHECK_EQ(fb.red_pos, 0);
	CHECK_EQ(fb.red_size, 8);
	CHECK_EQ(fb.green_pos, 8);
	CHECK_EQ(fb.blue_pos, 16);
	CHECK_EQ(fb.blue_size, 8);
	CHECK_EQ(parse("address 0x1000 width 8 height 16 pitch 32 bpp 32 red 16", &fb), -EINVAL);
}

TEST(fbinfo_accepts_other_separators_orders_and_extra_fields)
{
	fbinfo_t fb;

	CHECK_EQ(parse("bpp: 24\ntype rgb\nwidth=640, height=480\npitch 1920\naddress 0x80000000\n"
		       "red_pos 0 blue_pos 16\n", &fb), 0);
	CHECK_EQ(fb.bpp, 24);
	CHECK_EQ(fb.red_pos, 0);
	CHECK_EQ(fb.blue_pos, 16);
	CHECK_EQ(fb.address, 0x80000000u);
}

TEST(fbinfo_rejects_missing_malformed_and_impossible_values)
{
	fbinfo_t fb;

	CHECK_EQ(parse("", &fb), -EINVAL);
	CHECK_EQ(parse("address 0x1000 width 8 height 16 bpp 32", &fb), -EINVAL);
	CHECK_EQ(parse("address 0x1000 width 8 height 16 pitch 32 bpp", &fb), -EINVAL);
	CHECK_EQ(parse("address 0x1000 width 8 height 16 pitch 32 bpp 32x", &fb), -EINVAL);
	CHECK_EQ(parse("address 0x1000 width 8 height 16 pitch 32 bpp 16", &fb), -EINVAL);
	CHECK_EQ(parse("address 0x1000 width 8 height 16 pitch 31 bpp 32", &fb), -EINVAL);
	CHECK_EQ(parse("address 0 width 8 height 16 pitch 32 bpp 32", &fb), -EINVAL);
	CHECK_EQ(parse("address 0xfffffffffffff000 width 8 height 16 pitch 4096 bpp 32", &fb),
		 -EINVAL);
	CHECK_EQ(parse("address 0x1000 width 99999999999 height 16 pitch 32 bpp 32", &fb),
		 -EINVAL);
	CHECK_EQ(parse("address 0x1000 width 8 height 16 pitch 32 bpp 32 red_size 9", &fb),
		 -EINVAL);
	CHECK_EQ(parse("address 0x1000 width 8 height 16 pitch 32 bpp 32", &fb), 0);
}

TEST(fbinfo_phys_range_covers_whole_pages)
{
	fbinfo_t fb = { .address = 0xfd000100, .width = 10, .height = 3, .pitch = 4096, .bpp = 32 };
	uint64_t base, len, off;

	fbinfo_phys_range(&fb, &base, &len, &off);
	CHECK_EQ(base, 0xfd000000u);
	CHECK_EQ(off, 0x100);
	CHECK_EQ(len, 4 * 4096);
}
