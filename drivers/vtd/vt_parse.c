// SPDX-License-Identifier: MIT
/*
 * The terminal's byte parser: a state machine in the manner of the DEC
 * VT500 parser (ground, escape, escape-intermediate, CSI, string), which
 * turns bytes into calls of vt.c's screen operations.
 *
 * UTF-8 is decoded in the ground state only; a malformed sequence shows
 * as U+FFFD and the byte that broke it is read again, so no input can
 * swallow the control that follows. C0 controls act in every state but
 * the string state (as on a VT100: a CR inside a CSI sequence still
 * returns the carriage); CAN and SUB abort a sequence; ESC restarts one.
 * CSI parameters saturate at 9999, at most VT_PARAMS_MAX are kept, and a
 * sequence with something the parser does not know is dropped whole.
 * Strings (OSC window titles, DCS, APC, PM, SOS) are skipped up to BEL or
 * ST.
 */
#include "vt.h"

#include <stdio.h>
#include <string.h>

#define VT_PARAM_MAX 9999

/* DEC special graphics (ESC ( 0), 0x60-0x7e, as Unicode. */
static const uint16_t vt_dec_graphics[31] = {
	0x25c6, 0x2592, 0x2409, 0x240c, 0x240d, 0x240a, 0x00b0, 0x00b1,
	0x2424, 0x240b, 0x2518, 0x2510, 0x250c, 0x2514, 0x253c, 0x23ba,
	0x23bb, 0x2500, 0x23bc, 0x23bd, 0x251c, 0x2524, 0x2534, 0x252c,
	0x2502, 0x2264, 0x2265, 0x03c0, 0x2260, 0x00a3, 0x00b7,
};

/* Parameter i, or def when absent or 0 (the usual CSI default rule). */
static int vt_param(const vt_t *vt, int i, int def)
{
	return i < vt->nparams && vt->params[i] ? vt->params[i] : def;
}

/* Parameter i as given (0 when absent): for ED/EL/SGR, where 0 means something. */
static int vt_param0(const vt_t *vt, int i)
{
	return i < vt->nparams ? vt->params[i] : 0;
}

/* Code points that take no cell: combining marks and invisible formatting. */
static bool vt_zero_width(uint32_t cp)
{
	return (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe00 && cp <= 0xfe0f) || cp == 0xfeff;
}

static void vt_print(vt_t *vt, uint32_t cp)
{
	if (cp >= 0x80 && cp < 0xa0)
		return;                         /* C1 controls as UTF-8: ignored */
	if (vt_zero_width(cp))
		return;
	if (vt->charset[vt->gl] == '0' && cp >= 0x60 && cp <= 0x7e)
		cp = vt_dec_graphics[cp - 0x60];
	vt_put(vt, cp);
}

/* --- SGR ----------------------------------------------------------------- */

/* A direct colour as the nearest entry of the 6x6x6 cube (16-231). */
static uint8_t vt_rgb_index(int r, int g, int b)
{
	int c[3] = { r, g, b };

	for (int i = 0; i < 3; i++) {
		int v = c[i] < 0 ? 0 : c[i] > 255 ? 255 : c[i];
		c[i] = v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40;
	}
	return (uint8_t)(16 + 36 * c[0] + 6 * c[1] + c[2]);
}

/* 38/48 ; 5 ; N or 38/48 ; 2 ; R ; G ; B starting at params[i]; how many params it used. */
static int vt_sgr_extended(vt_t *vt, int i, uint8_t *out)
{
	int kind = vt_param0(vt, i + 1);

	if (kind == 5 && i + 2 < vt->nparams) {
		*out = (uint8_t)(vt->params[i + 2] > 255 ? 255 : vt->params[i + 2]);
		return 3;
	}
	if (kind == 2 && i + 4 < vt->nparams) {
		*out = vt_rgb_index(vt->params[i + 2], vt->params[i + 3], vt->params[i + 4]);
		return 5;
	}
	return vt->nparams - i;                 /* malformed: ignore the rest */
}

static void vt_sgr(vt_t *vt)
{
	vt_cell_t *p = &vt->pen;

	if (vt->nparams == 0)
		vt->nparams = 1, vt->params[0] = 0;
	for (int i = 0; i < vt->nparams;) {
		int v = vt->params[i];
		if (v == 38 || v == 48) {
			i += vt_sgr_extended(vt, i, v == 38 ? &p->fg : &p->bg);
			continue;
		}
		if (v == 0) {
			p->fg = VT_DEFAULT_FG, p->bg = VT_DEFAULT_BG, p->attr = 0;
		} else if (v == 1) {
			p->attr |= VT_ATTR_BOLD;
		} else if (v == 4) {
			p->attr |= VT_ATTR_UNDERLINE;
		} else if (v == 7) {
			p->attr |= VT_ATTR_REVERSE;
		} else if (v == 22) {
			p->attr &= (uint8_t)~VT_ATTR_BOLD;
		} else if (v == 24) {
			p->attr &= (uint8_t)~VT_ATTR_UNDERLINE;
		} else if (v == 27) {
			p->attr &= (uint8_t)~VT_ATTR_REVERSE;
		} else if (v >= 30 && v <= 37) {
			p->fg = (uint8_t)(v - 30);
		} else if (v == 39) {
			p->fg = VT_DEFAULT_FG;
		} else if (v >= 40 && v <= 47) {
			p->bg = (uint8_t)(v - 40);
		} else if (v == 49) {
			p->bg = VT_DEFAULT_BG;
		} else if (v >= 90 && v <= 97) {
			p->fg = (uint8_t)(v - 90 + 8);
		} else if (v >= 100 && v <= 107) {
			p->bg = (uint8_t)(v - 100 + 8);
		}
		i++;                            /* others (italic, blink...) are not drawn */
	}
}

/* --- modes ---------------------------------------------------------------- */

static void vt_dec_mode(vt_t *vt, int mode, bool on)
{
	switch (mode) {
	case 1:
		__atomic_store_n(&vt->app_cursor, on, __ATOMIC_RELAXED);
		break;
	case 6:
		vt->origin = on;
		vt_move_to(vt, 0, 0);
		break;
	case 7:
		vt->autowrap = on;
		if (!on)
			vt->wrap_pending = false;
		break;
	case 25:
		vt->cursor_visible = on;
		break;
	case 47:
	case 1047:
		vt_set_alt_screen(vt, on, !on && mode == 1047);
		break;
	case 1049:
		if (on) {
			vt_save_cursor(vt);
			vt_set_alt_screen(vt, true, true);
		} else {
			vt_set_alt_screen(vt, false, false);
			vt_restore_cursor(vt);
		}
		break;
	}
}

static void vt_modes(vt_t *vt, bool on)
{
	for (int i = 0; i < vt->nparams; i++) {
		if (vt->private_mark == '?')
			vt_dec_mode(vt, vt->params[i], on);
		else if (!vt->private_mark && vt->params[i] == 4)
			vt->insert = on;
	}
}

/* DSR: 5 asks for status, 6 for the cursor position (origin-relative). */
static void vt_status_report(vt_t *vt)
{
	char buf[32];
	int n = vt_param0(vt, 0);

	if (n == 5) {
		vt_reply(vt, "\033[0n");
	} else if (n == 6) {
		snprintf(buf, sizeof(buf), "\033[%d;%dR", vt->y - (vt->origin ? vt->top : 0) + 1,
			 vt->x + 1);
		vt_reply(vt, buf);
	}
}

/* --- CSI ------------------------------------------------------------------- */

/* CSI sequences with a private marker or intermediate: only modes and DA. */
static void vt_csi_private(vt_t *vt, char final)
{
	if (vt->inter)
		return;                         /* DECSCUSR (CSI Ps SP q) and the like */
	if (final == 'h' || final == 'l')
		vt_modes(vt, final == 'h');
	else if (final == 'c' && vt->private_mark == '>')
		vt_reply(vt, "\033[>0;10;0c");
}

static void vt_csi_dispatch(vt_t *vt, char final)
{
	int n = vt_param(vt, 0, 1);

	if (vt->private_mark || vt->inter) {
		vt_csi_private(vt, final);
		return;
	}
	switch (final) {
	case '@': vt_insert_chars(vt, n); break;
	case 'A': vt_move_by(vt, 0, -n); break;
	case 'B': case 'e': vt_move_by(vt, 0, n); break;
	case 'C': case 'a': vt_move_by(vt, n, 0); break;
	case 'D': vt_move_by(vt, -n, 0); break;
	case 'E': vt_move_by(vt, 0, n); vt->x = 0; break;
	case 'F': vt_move_by(vt, 0, -n); vt->x = 0; break;
	case 'G': case '`':
		vt_move_to(vt, n - 1, vt->y - (vt->origin ? vt->top : 0));
		break;
	case 'H': case 'f': vt_move_to(vt, vt_param(vt, 1, 1) - 1, n - 1); break;
	case 'I': vt_tab(vt, n); break;
	case 'J': vt_erase_display(vt, vt_param0(vt, 0)); break;
	case 'K': vt_erase_line(vt, vt_param0(vt, 0)); break;
	case 'L': vt_insert_lines(vt, n); break;
	case 'M': vt_delete_lines(vt, n); break;
	case 'P': vt_delete_chars(vt, n); break;
	case 'S': vt_scroll_up(vt, n); break;
	case 'T': vt_scroll_down(vt, n); break;
	case 'X': vt_erase_chars(vt, n); break;
	case 'Z': vt_tab(vt, -n); break;
	case 'b':
		for (int i = 0; i < n && i < vt->cols * vt->rows && vt->last_ch; i++)
			vt_put(vt, vt->last_ch);
		break;
	case 'c': if (vt_param0(vt, 0) == 0) vt_reply(vt, "\033[?1;2c"); break;
	case 'd': vt_move_to(vt, vt->x, n - 1); break;
	case 'g': vt_tab_clear(vt, vt_param0(vt, 0)); break;
	case 'h': vt_modes(vt, true); break;
	case 'l': vt_modes(vt, false); break;
	case 'm': vt_sgr(vt); break;
	case 'n': vt_status_report(vt); break;
	case 'r': vt_set_region(vt, vt_param0(vt, 0), vt_param0(vt, 1)); break;
	case 's': vt_save_cursor(vt); break;
	case 'u': vt_restore_cursor(vt); break;
	default: break;                         /* window ops, printing...: ignored */
	}
}

/* A byte that does not belong: the sequence is read to its end and dropped. */
static void vt_csi_poison(vt_t *vt)
{
	vt->private_mark = '!';
	vt->inter = '!';
}

static void vt_csi_digit(vt_t *vt, uint8_t b)
{
	if (vt->inter) {
		vt_csi_poison(vt);              /* parameters after intermediates */
		return;
	}
	if (!vt->param_started) {
		if (vt->nparams == VT_PARAMS_MAX)
			return;                 /* the parameters beyond are dropped */
		vt->params[vt->nparams++] = 0;
		vt->param_started = true;
	}
	int *p = &vt->params[vt->nparams - 1];
	*p = *p * 10 + (b - '0');
	if (*p > VT_PARAM_MAX)
		*p = VT_PARAM_MAX;
}

static void vt_csi_byte(vt_t *vt, uint8_t b)
{
	if (b >= '0' && b <= '9') {
		vt_csi_digit(vt, b);
	} else if (b == ';' || b == ':') {
		if (!vt->param_started && vt->nparams < VT_PARAMS_MAX)
			vt->params[vt->nparams++] = 0;  /* an empty parameter */
		vt->param_started = false;
	} else if (b >= '<' && b <= '?') {
		if (vt->nparams || vt->private_mark)
			vt_csi_poison(vt);
		else
			vt->private_mark = (char)b;
	} else if (b >= 0x20 && b <= 0x2f) {
		vt->inter = (char)b;
	} else if (b >= 0x40 && b <= 0x7e) {
		vt->state = VT_GROUND;
		vt_csi_dispatch(vt, (char)b);
	}
}

/* --- ESC ----------------------------------------------------------------- */

static void vt_csi_start(vt_t *vt)
{
	vt->state = VT_CSI;
	vt->nparams = 0;
	vt->param_started = false;
	vt->private_mark = 0;
	vt->inter = 0;
}

/* ESC followed by an intermediate (ESC ( 0, ESC # 8...) then final b. */
static void vt_esc_inter_final(vt_t *vt, uint8_t b)
{
	vt->state = VT_GROUND;
	if (vt->inter == '(' || vt->inter == ')')
		vt->charset[vt->inter == ')'] = b == '0' ? '0' : 'B';
}

static void vt_esc_final(vt_t *vt, uint8_t b)
{
	vt->state = VT_GROUND;
	switch (b) {
	case '[': vt_csi_start(vt); break;
	case ']': case 'P': case 'X': case '^': case '_': vt->state = VT_STRING; break;
	case '7': vt_save_cursor(vt); break;
	case '8': vt_restore_cursor(vt); break;
	case 'D': vt_index(vt); break;
	case 'E': vt_carriage_return(vt); vt_index(vt); break;
	case 'H': vt_tab_set(vt); break;
	case 'M': vt_reverse_index(vt); break;
	case 'c': vt_reset(vt); break;
	case '=': vt->app_keypad = true; break;
	case '>': vt->app_keypad = false; break;
	default: break;
	}
}

/* --- bytes ------------------------------------------------------------------ */

/* C0 controls; false for bytes that are not one. */
static bool vt_control(vt_t *vt, uint8_t b)
{
	switch (b) {
	case 0x07: vt->bells++; return true;
	case 0x08: vt_backspace(vt); return true;
	case 0x09: vt_tab(vt, 1); return true;
	case 0x0a: case 0x0b: case 0x0c: vt_index(vt); return true;
	case 0x0d: vt_carriage_return(vt); return true;
	case 0x0e: vt->gl = 1; return true;
	case 0x0f: vt->gl = 0; return true;
	case 0x18: case 0x1a: vt->state = VT_GROUND; return true;
	case 0x1b:
		vt->state = VT_ESC;
		vt->inter = 0;
		return true;
	default: return b < 0x20 || b == 0x7f;  /* the rest are ignored */
	}
}

/* Feeds one byte of UTF-8 text (ground state). */
static void vt_utf8(vt_t *vt, uint8_t b)
{
	if (vt->utf8_left) {
		if ((b & 0xc0) == 0x80) {
			vt->utf8_cp = vt->utf8_cp << 6 | (b & 0x3f);
			if (--vt->utf8_left)
				return;
			uint32_t cp = vt->utf8_cp;
			bool bad = cp < vt->utf8_min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff);
			vt_print(vt, bad ? 0xfffd : cp);
			return;
		}
		vt->utf8_left = 0;              /* cut short: show it, then read b anew */
		vt_print(vt, 0xfffd);
	}
	if (b < 0x80) {
		if (!vt_control(vt, b))
			vt_print(vt, b);
	} else if (b >= 0xc2 && b <= 0xdf) {
		vt->utf8_cp = b & 0x1f, vt->utf8_left = 1, vt->utf8_min = 0x80;
	} else if (b >= 0xe0 && b <= 0xef) {
		vt->utf8_cp = b & 0x0f, vt->utf8_left = 2, vt->utf8_min = 0x800;
	} else if (b >= 0xf0 && b <= 0xf4) {
		vt->utf8_cp = b & 0x07, vt->utf8_left = 3, vt->utf8_min = 0x10000;
	} else {
		vt_print(vt, 0xfffd);           /* a stray continuation or invalid lead */
	}
}

static void vt_byte(vt_t *vt, uint8_t b)
{
	if (vt->state == VT_GROUND) {
		vt_utf8(vt, b);
		return;
	}
	if (vt->state == VT_STRING || vt->state == VT_STRING_ESC) {
		if (b == 0x07 || (vt->state == VT_STRING_ESC && b == '\\'))
			vt->state = VT_GROUND;
		else if (b == 0x18 || b == 0x1a)
			vt->state = VT_GROUND;
		else
			vt->state = b == 0x1b ? VT_STRING_ESC : VT_STRING;
		return;
	}
	if (b >= 0x80 || vt_control(vt, b))
		return;                         /* includes ESC, which restarts */
	if (vt->state == VT_CSI) {
		vt_csi_byte(vt, b);
	} else if (b >= 0x20 && b <= 0x2f) {
		vt->inter = (char)b;
		vt->state = VT_ESC_INTER;
	} else if (vt->state == VT_ESC_INTER) {
		vt_esc_inter_final(vt, b);
	} else {
		vt_esc_final(vt, b);
	}
}

void vt_write(vt_t *vt, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	for (size_t i = 0; i < len; i++)
		vt_byte(vt, p[i]);
}
