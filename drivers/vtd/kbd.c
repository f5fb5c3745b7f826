// SPDX-License-Identifier: MIT
/*
 * Scan code set 1 decoding (kbd.h). A key is named by its make code, with
 * 0x80 added for keys sent after the E0 prefix (the arrows, the editing
 * block, right Ctrl/Alt, keypad Enter and /). Bit 7 of a byte otherwise
 * means release. The fake shifts some keyboards wrap around E0 keys
 * (E0 2A, E0 AA...), Print Screen, and Pause (E1 1D 45 E1 9D C5) are
 * recognised and ignored, as are the keyboard's own answers (ACK 0xFA,
 * resend 0xFE, errors 0x00/0xFF).
 *
 * The layout is a table of what each key types without and with Shift;
 * what other keys send is decided by kbd_special.
 */
#include "kbd.h"

#include <stdio.h>
#include <string.h>

#define E0(code) (0x80 | (code))

enum {
	KEY_ESC = 0x01, KEY_BACKSPACE = 0x0e, KEY_TAB = 0x0f, KEY_ENTER = 0x1c,
	KEY_LCTRL = 0x1d, KEY_LSHIFT = 0x2a, KEY_RSHIFT = 0x36, KEY_KP_STAR = 0x37,
	KEY_LALT = 0x38, KEY_CAPS = 0x3a, KEY_F1 = 0x3b, KEY_F10 = 0x44, KEY_NUM = 0x45,
	KEY_SCROLL = 0x46, KEY_KP7 = 0x47, KEY_KP_MINUS = 0x4a, KEY_KP_PLUS = 0x4e,
	KEY_KP_DOT = 0x53, KEY_F11 = 0x57, KEY_F12 = 0x58,
	KEY_KP_ENTER = E0(0x1c), KEY_RCTRL = E0(0x1d), KEY_KP_SLASH = E0(0x35),
	KEY_RALT = E0(0x38), KEY_HOME = E0(0x47), KEY_UP = E0(0x48), KEY_PGUP = E0(0x49),
	KEY_LEFT = E0(0x4b), KEY_RIGHT = E0(0x4d), KEY_END = E0(0x4f), KEY_DOWN = E0(0x50),
	KEY_PGDN = E0(0x51), KEY_INSERT = E0(0x52), KEY_DELETE = E0(0x53),
};

/* US layout: [code] = { plain, shifted }, for the keys that type a character. */
static const char kbd_us[0x59][2] = {
	[0x02] = { '1', '!' }, [0x03] = { '2', '@' }, [0x04] = { '3', '#' },
	[0x05] = { '4', '$' }, [0x06] = { '5', '%' }, [0x07] = { '6', '^' },
	[0x08] = { '7', '&' }, [0x09] = { '8', '*' }, [0x0a] = { '9', '(' },
	[0x0b] = { '0', ')' }, [0x0c] = { '-', '_' }, [0x0d] = { '=', '+' },
	[0x10] = { 'q', 'Q' }, [0x11] = { 'w', 'W' }, [0x12] = { 'e', 'E' },
	[0x13] = { 'r', 'R' }, [0x14] = { 't', 'T' }, [0x15] = { 'y', 'Y' },
	[0x16] = { 'u', 'U' }, [0x17] = { 'i', 'I' }, [0x18] = { 'o', 'O' },
	[0x19] = { 'p', 'P' }, [0x1a] = { '[', '{' }, [0x1b] = { ']', '}' },
	[0x1e] = { 'a', 'A' }, [0x1f] = { 's', 'S' }, [0x20] = { 'd', 'D' },
	[0x21] = { 'f', 'F' }, [0x22] = { 'g', 'G' }, [0x23] = { 'h', 'H' },
	[0x24] = { 'j', 'J' }, [0x25] = { 'k', 'K' }, [0x26] = { 'l', 'L' },
	[0x27] = { ';', ':' }, [0x28] = { '\'', '"' }, [0x29] = { '`', '~' },
	[0x2b] = { '\\', '|' }, [0x2c] = { 'z', 'Z' }, [0x2d] = { 'x', 'X' },
	[0x2e] = { 'c', 'C' }, [0x2f] = { 'v', 'V' }, [0x30] = { 'b', 'B' },
	[0x31] = { 'n', 'N' }, [0x32] = { 'm', 'M' }, [0x33] = { ',', '<' },
	[0x34] = { '.', '>' }, [0x35] = { '/', '?' }, [0x39] = { ' ', ' ' },
	[0x56] = { '\\', '|' },         /* the 102nd key of ISO keyboards */
};

/* The keypad with Num Lock on, from 7 (0x47) to . (0x53); '-' and '+' always. */
static const char kbd_keypad[13] = "789-456+1230.";
/* And the key each stands for with Num Lock off (0: KP5 sends nothing). */
static const uint8_t kbd_keypad_nav[13] = {
	KEY_HOME, KEY_UP, KEY_PGUP, 0, KEY_LEFT, 0, KEY_RIGHT, 0, KEY_END, KEY_DOWN, KEY_PGDN,
	KEY_INSERT, KEY_DELETE,
};

void kbd_init(kbd_t *k)
{
	memset(k, 0, sizeof(*k));
	k->num = true;
}

unsigned kbd_leds(const kbd_t *k)
{
	return (k->scroll ? KBD_LED_SCROLL : 0) | (k->num ? KBD_LED_NUM : 0) |
	       (k->caps ? KBD_LED_CAPS : 0);
}

static bool kbd_shift(const kbd_t *k)
{
	return k->mods & (KBD_LSHIFT | KBD_RSHIFT);
}

static bool kbd_ctrl(const kbd_t *k)
{
	return k->mods & (KBD_LCTRL | KBD_RCTRL);
}

static bool kbd_alt(const kbd_t *k)
{
	return k->mods & (KBD_LALT | KBD_RALT);
}

/* xterm's modifier parameter: 1 + Shift 1 + Alt 2 + Ctrl 4 (1 = none). */
static int kbd_modparam(const kbd_t *k)
{
	return 1 + (kbd_shift(k) ? 1 : 0) + (kbd_alt(k) ? 2 : 0) + (kbd_ctrl(k) ? 4 : 0);
}

static unsigned kbd_modifier_bit(unsigned key)
{
	switch (key) {
	case KEY_LSHIFT: return KBD_LSHIFT;
	case KEY_RSHIFT: return KBD_RSHIFT;
	case KEY_LCTRL: return KBD_LCTRL;
	case KEY_RCTRL: return KBD_RCTRL;
	case KEY_LALT: return KBD_LALT;
	case KEY_RALT: return KBD_RALT;
	default: return 0;
	}
}

/* The control code Ctrl turns ch into, or ch itself when there is none. */
static char kbd_control(char ch)
{
	if (ch >= 'a' && ch <= 'z')
		return (char)(ch - 'a' + 1);
	if (ch >= '@' && ch <= '_')             /* @ A-Z [ \ ] ^ _ */
		return (char)(ch - '@');
	switch (ch) {
	case ' ': case '2': return 0x00;
	case '3': return 0x1b;
	case '4': return 0x1c;
	case '5': return 0x1d;
	case '6': return 0x1e;
	case '-': case '7': case '/': return 0x1f;
	case '8': case '?': return 0x7f;
	default: return ch;
	}
}

/*
 * A cursor-style key: ESC [ final, or ESC O final in application mode,
 * or ESC [ 1 ; mod final with modifiers.
 */
static size_t kbd_cursor_key(const kbd_t *k, char final, bool app, char *out)
{
	int mod = kbd_modparam(k);

	if (mod > 1)
		return (size_t)snprintf(out, KBD_OUT_MAX, "\033[1;%d%c", mod, final);
	return (size_t)snprintf(out, KBD_OUT_MAX, "\033%c%c", app ? 'O' : '[', final);
}

/* An editing or function key: ESC [ num ~, or ESC [ num ; mod ~. */
static size_t kbd_tilde_key(const kbd_t *k, int num, char *out)
{
	int mod = kbd_modparam(k);

	if (mod > 1)
		return (size_t)snprintf(out, KBD_OUT_MAX, "\033[%d;%d~", num, mod);
	return (size_t)snprintf(out, KBD_OUT_MAX, "\033[%d~", num);
}

/* Keys that are not characters; 0 bytes for those that send nothing. */
static size_t kbd_special(const kbd_t *k, unsigned key, bool app, char *out)
{
	static const uint8_t fn_codes[12] = { 0, 0, 0, 0, 15, 17, 18, 19, 20, 21, 23, 24 };

	switch (key) {
	case KEY_UP: return kbd_cursor_key(k, 'A', app, out);
	case KEY_DOWN: return kbd_cursor_key(k, 'B', app, out);
	case KEY_RIGHT: return kbd_cursor_key(k, 'C', app, out);
	case KEY_LEFT: return kbd_cursor_key(k, 'D', app, out);
	case KEY_HOME: return kbd_cursor_key(k, 'H', app, out);
	case KEY_END: return kbd_cursor_key(k, 'F', app, out);
	case KEY_INSERT: return kbd_tilde_key(k, 2, out);
	case KEY_DELETE: return kbd_tilde_key(k, 3, out);
	case KEY_PGUP: return kbd_tilde_key(k, 5, out);
	case KEY_PGDN: return kbd_tilde_key(k, 6, out);
	}
	int fn = key >= KEY_F1 && key <= KEY_F10 ? (int)(key - KEY_F1)
		 : key == KEY_F11 ? 10 : key == KEY_F12 ? 11 : -1;
	if (fn >= 4)
		return kbd_tilde_key(k, fn_codes[fn], out);
	if (fn >= 0)                            /* F1-F4: ESC O P..S as xterm sends */
		return kbd_cursor_key(k, (char)('P' + fn), true, out);
	return 0;
}

/* What a pressed key sends (not modifiers or locks). */
static size_t kbd_press(kbd_t *k, unsigned key, bool app, char *out)
{
	size_t n = 0;
	char ch = 0;

	if (key >= KEY_KP7 && key <= KEY_KP_DOT) {
		unsigned i = key - KEY_KP7;
		if (kbd_keypad[i] == '-' || kbd_keypad[i] == '+' || (k->num && !kbd_shift(k)))
			ch = kbd_keypad[i];
		else if (kbd_keypad_nav[i])
			return kbd_special(k, kbd_keypad_nav[i], app, out);
		else
			return 0;
	} else if (key < sizeof(kbd_us) / sizeof(kbd_us[0]) && kbd_us[key][0]) {
		ch = kbd_us[key][kbd_shift(k) ? 1 : 0];
		if (k->caps && ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		else if (k->caps && ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if (kbd_ctrl(k))
			ch = kbd_control(ch);
	} else if (key == KEY_KP_STAR || key == KEY_KP_SLASH) {
		ch = key == KEY_KP_STAR ? '*' : '/';
	} else if (key == KEY_ENTER || key == KEY_KP_ENTER) {
		ch = '\r';
	} else if (key == KEY_BACKSPACE) {
		ch = kbd_ctrl(k) ? 0x08 : 0x7f;
	} else if (key == KEY_ESC) {
		ch = 0x1b;
	} else if (key == KEY_TAB) {
		if (kbd_shift(k))
			return (size_t)snprintf(out, KBD_OUT_MAX, "\033[Z");
		ch = '\t';
	} else {
		return kbd_special(k, key, app, out);
	}
	if (kbd_alt(k))
		out[n++] = 0x1b;
	out[n++] = ch;
	return n;
}

static bool kbd_is_down(const kbd_t *k, unsigned key)
{
	return k->down[key / 8] & (1u << (key % 8));
}

static void kbd_set_down(kbd_t *k, unsigned key, bool down)
{
	if (down)
		k->down[key / 8] |= (uint8_t)(1u << (key % 8));
	else
		k->down[key / 8] &= (uint8_t)~(1u << (key % 8));
}

/* A whole key event: key (with E0's 0x80), pressed or released. */
static size_t kbd_event(kbd_t *k, unsigned key, bool release, bool app, char *out)
{
	bool repeat = !release && kbd_is_down(k, key);
	unsigned mod = kbd_modifier_bit(key);

	kbd_set_down(k, key, !release);
	if (mod) {
		k->mods = release ? k->mods & ~mod : k->mods | mod;
		return 0;
	}
	if (release)
		return 0;
	if (key == KEY_CAPS || key == KEY_NUM || key == KEY_SCROLL) {
		if (!repeat) {
			bool *lock = key == KEY_CAPS ? &k->caps : key == KEY_NUM ? &k->num : &k->scroll;
			*lock = !*lock;
		}
		return 0;
	}
	return kbd_press(k, key, app, out);
}

size_t kbd_feed(kbd_t *k, uint8_t byte, bool app_cursor, char *out)
{
	if (k->skip) {
		k->skip--;
		return 0;
	}
	if (byte == 0xe1) {
		k->skip = 2;                    /* Pause: E1 1D 45, E1 9D C5 */
		return 0;
	}
	if (byte == 0xe0) {
		k->e0 = true;
		return 0;
	}
	if (byte == 0x00 || byte == 0xff || byte == 0xfa || byte == 0xfe) {
		k->e0 = false;
		return 0;
	}
	bool e0 = k->e0;
	unsigned code = byte & 0x7f;
	k->e0 = false;
	/* Fake shifts around E0 keys, and Print Screen (E0 37). */
	if (e0 && (code == 0x2a || code == 0x36 || code == 0x37))
		return 0;
	return kbd_event(k, e0 ? E0(code) : code, byte & 0x80, app_cursor, out);
}
