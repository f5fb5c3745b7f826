// SPDX-License-Identifier: MIT
/*
 * Key decoding: terminal input bytes to editor keys.
 *
 * A small state machine, fed one byte at a time because edit.c reads one
 * byte at a time (it must not take input past the end of the line from
 * the terminal). Control characters map to keys directly. ESC starts
 * either an Alt-key (ESC x), an SS3 sequence (ESC O x) or a CSI sequence
 * (ESC [ parameters intermediates final), which is swallowed whole even
 * when it means nothing here, so an unknown function key never leaves
 * "[15~" in the line. A control byte inside a sequence means the sequence
 * was cut short: it is dropped and the byte taken as a key of its own.
 * Bytes of a UTF-8 character are gathered into one INSERT key; a byte that
 * cannot start or continue one is inserted alone (and shown as '?').
 *
 * A lone ESC waits for the next byte: with no timeout there is no race
 * with the rest of a sequence arriving late over a slow serial line.
 */
#include "edit_core.h"

#include <stdlib.h>
#include <string.h>

enum {
	KEYS_NORMAL,
	KEYS_ESC,
	KEYS_CSI,
	KEYS_SS3,
	KEYS_UTF8,
};

void edit_keys_init(edit_keys_t *k)
{
	memset(k, 0, sizeof *k);
}

static edit_key_t keys_make(edit_key_kind_t kind)
{
	return (edit_key_t){ .kind = kind };
}

static edit_key_kind_t keys_control(unsigned char b)
{
	switch (b) {
	case 0x01: return EDIT_KEY_HOME;          /* ^A */
	case 0x02: return EDIT_KEY_LEFT;          /* ^B */
	case 0x03: return EDIT_KEY_INTERRUPT;     /* ^C */
	case 0x04: return EDIT_KEY_EOF_OR_DELETE; /* ^D */
	case 0x05: return EDIT_KEY_END;           /* ^E */
	case 0x06: return EDIT_KEY_RIGHT;         /* ^F */
	case 0x08: return EDIT_KEY_BACKSPACE;     /* ^H */
	case 0x09: return EDIT_KEY_TAB;
	case 0x0a: return EDIT_KEY_ENTER;
	case 0x0b: return EDIT_KEY_KILL_END;      /* ^K */
	case 0x0c: return EDIT_KEY_CLEAR;         /* ^L */
	case 0x0d: return EDIT_KEY_ENTER;
	case 0x0e: return EDIT_KEY_DOWN;          /* ^N */
	case 0x10: return EDIT_KEY_UP;            /* ^P */
	case 0x15: return EDIT_KEY_KILL_START;    /* ^U */
	case 0x17: return EDIT_KEY_KILL_WORD;     /* ^W */
	case 0x19: return EDIT_KEY_YANK;          /* ^Y */
	case 0x7f: return EDIT_KEY_BACKSPACE;     /* DEL */
	default:   return EDIT_KEY_NONE;
	}
}

/* UTF-8 continuation bytes a lead byte announces; -1 if it is no lead byte. */
static int keys_utf8_need(unsigned char b)
{
	if (b >= 0xc2 && b <= 0xdf)
		return 1;
	if (b >= 0xe0 && b <= 0xef)
		return 2;
	if (b >= 0xf0 && b <= 0xf4)
		return 3;
	return -1;
}

static edit_key_t keys_normal(edit_keys_t *k, unsigned char b)
{
	if (b == 0x1b) {
		k->state = KEYS_ESC;
		return keys_make(EDIT_KEY_NONE);
	}
	if (b < 0x20 || b == 0x7f)
		return keys_make(keys_control(b));
	int need = b < 0x80 ? 0 : keys_utf8_need(b);
	if (need > 0) {
		k->state = KEYS_UTF8;
		k->need = need;
		k->len = 1;
		k->utf[0] = b;
		return keys_make(EDIT_KEY_NONE);
	}
	edit_key_t key = keys_make(EDIT_KEY_INSERT);
	key.len = 1;
	key.text[0] = b;
	return key;
}

static edit_key_t keys_utf8(edit_keys_t *k, unsigned char b)
{
	if ((b & 0xc0) != 0x80) {
		/* Cut short: drop the partial character, take b afresh. */
		k->state = KEYS_NORMAL;
		return keys_normal(k, b);
	}
	k->utf[k->len++] = b;
	if (--k->need > 0)
		return keys_make(EDIT_KEY_NONE);
	k->state = KEYS_NORMAL;
	edit_key_t key = keys_make(EDIT_KEY_INSERT);
	key.len = k->len;
	memcpy(key.text, k->utf, (size_t)k->len);
	return key;
}

static edit_key_t keys_esc(edit_keys_t *k, unsigned char b)
{
	k->state = KEYS_NORMAL;
	switch (b) {
	case '[':
		k->state = KEYS_CSI;
		k->nparam = 0;
		k->param[0] = '\0';
		return keys_make(EDIT_KEY_NONE);
	case 'O':
		k->state = KEYS_SS3;
		return keys_make(EDIT_KEY_NONE);
	case 0x1b:
		k->state = KEYS_ESC;
		return keys_make(EDIT_KEY_NONE);
	case 'b': return keys_make(EDIT_KEY_WORD_LEFT);
	case 'f': return keys_make(EDIT_KEY_WORD_RIGHT);
	case 'd': return keys_make(EDIT_KEY_KILL_WORD_FWD);
	case 0x7f:
	case 0x08: return keys_make(EDIT_KEY_KILL_WORD); /* Alt-Backspace */
	}
	if (b < 0x20)
		return keys_normal(k, b);
	return keys_make(EDIT_KEY_NONE); /* an Alt-key we do not use */
}

/* Keys both SS3 and CSI sequences name by their final byte. */
static edit_key_kind_t keys_final(unsigned char f, bool word)
{
	switch (f) {
	case 'A': return EDIT_KEY_UP;
	case 'B': return EDIT_KEY_DOWN;
	case 'C': return word ? EDIT_KEY_WORD_RIGHT : EDIT_KEY_RIGHT;
	case 'D': return word ? EDIT_KEY_WORD_LEFT : EDIT_KEY_LEFT;
	case 'H': return EDIT_KEY_HOME;
	case 'F': return EDIT_KEY_END;
	default:  return EDIT_KEY_NONE;
	}
}

/* A complete CSI sequence: k->param holds its parameter bytes. */
static edit_key_kind_t keys_csi_decode(const edit_keys_t *k, unsigned char f)
{
	const char *p = k->param;

	if (k->nparam >= (int)sizeof k->param || (*p && strchr("<=>?", *p)))
		return EDIT_KEY_NONE; /* private or oversized: not a key we know */
	long first = strtol(p, NULL, 10);
	const char *semi = strchr(p, ';');
	long mod = semi ? strtol(semi + 1, NULL, 10) : 1;
	if (f == '~') {
		switch (first) {
		case 1: case 7: return EDIT_KEY_HOME;
		case 4: case 8: return EDIT_KEY_END;
		case 3: return EDIT_KEY_DELETE;
		default: return EDIT_KEY_NONE;
		}
	}
	/* Modifier 3 is Alt, 5 Ctrl: Ctrl-Left and Alt-Left move by words. */
	return keys_final(f, mod == 3 || mod == 5);
}

static edit_key_t keys_csi(edit_keys_t *k, unsigned char b)
{
	if (b >= 0x20 && b <= 0x3f) {
		if (k->nparam < (int)sizeof k->param - 1) {
			k->param[k->nparam] = (char)b;
			k->param[k->nparam + 1] = '\0';
		}
		/* Intermediate bytes (0x20-0x2f) make it a sequence we ignore. */
		if (b < 0x30)
			k->param[0] = '?';
		if (k->nparam < (int)sizeof k->param)
			k->nparam++;
		return keys_make(EDIT_KEY_NONE);
	}
	k->state = KEYS_NORMAL;
	if (b >= 0x40 && b <= 0x7e)
		return keys_make(keys_csi_decode(k, b));
	return keys_normal(k, b); /* cut short */
}

static edit_key_t keys_ss3(edit_keys_t *k, unsigned char b)
{
	k->state = KEYS_NORMAL;
	if (b < 0x20 || b == 0x7f)
		return keys_normal(k, b);
	return keys_make(keys_final(b, false));
}

edit_key_t edit_keys_feed(edit_keys_t *k, unsigned char b)
{
	switch (k->state) {
	case KEYS_ESC:  return keys_esc(k, b);
	case KEYS_CSI:  return keys_csi(k, b);
	case KEYS_SS3:  return keys_ss3(k, b);
	case KEYS_UTF8: return keys_utf8(k, b);
	default:        return keys_normal(k, b);
	}
}
