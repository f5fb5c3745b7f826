// SPDX-License-Identifier: MIT
/*
 * Parsing sys:framebuffer (fbinfo.h). The text is split into words at
 * white space, '=', ':' and ','; a word that names a known field takes
 * the next word as its number (decimal or 0x hex), or the next two for
 * a channel's "POS:SIZE". Later fields win.
 */
#include "fbinfo.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

#define FBINFO_WORD_MAX 32
#define FBINFO_PAGE 4096u

/* A name and the numbers that follow it: one, or two for "red POS:SIZE". */
typedef struct fbinfo_field {
	const char *name;
	uint64_t *value[2];
	bool seen;
} fbinfo_field_t;

static bool fbinfo_separator(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '=' || c == ':' ||
	       c == ',';
}

/* The next word at or after *pos, copied to word; false at the end. */
static bool fbinfo_word(const char *t, size_t len, size_t *pos, char *word)
{
	size_t i = *pos, n = 0;

	while (i < len && fbinfo_separator(t[i]))
		i++;
	if (i >= len)
		return false;
	while (i < len && !fbinfo_separator(t[i])) {
		if (n < FBINFO_WORD_MAX - 1)
			word[n++] = t[i];
		i++;
	}
	word[n] = '\0';
	*pos = i;
	return true;
}

/* A whole word as a number (decimal or 0x hex, at most 2^64-1). */
static bool fbinfo_number(const char *w, uint64_t *out)
{
	unsigned base = 10;
	uint64_t v = 0;

	if (w[0] == '0' && (w[1] == 'x' || w[1] == 'X')) {
		base = 16;
		w += 2;
	}
	if (!*w)
		return false;
	for (; *w; w++) {
		unsigned d;
		if (*w >= '0' && *w <= '9')
			d = (unsigned)(*w - '0');
		else if (base == 16 && *w >= 'a' && *w <= 'f')
			d = (unsigned)(*w - 'a' + 10);
		else if (base == 16 && *w >= 'A' && *w <= 'F')
			d = (unsigned)(*w - 'A' + 10);
		else
			return false;
		if (v > (UINT64_MAX - d) / base)
			return false;
		v = v * base + d;
	}
	*out = v;
	return true;
}

static int fbinfo_check(const fbinfo_t *fb)
{
	uint64_t bytes = (uint64_t)fb->pitch * fb->height;
	const uint8_t pos[3] = { fb->red_pos, fb->green_pos, fb->blue_pos };
	const uint8_t size[3] = { fb->red_size, fb->green_size, fb->blue_size };

	if (!fb->address || !fb->width || !fb->height || (fb->bpp != 24 && fb->bpp != 32))
		return -EINVAL;
	if ((uint64_t)fb->width * (fb->bpp / 8) > fb->pitch || fb->address + bytes < fb->address)
		return -EINVAL;
	for (int i = 0; i < 3; i++)
		if (!size[i] || size[i] > 8 || pos[i] + size[i] > fb->bpp)
			return -EINVAL;
	return 0;
}

/* Reads the numbers of field f; false if they are not there. */
static bool fbinfo_field_read(fbinfo_field_t *f, const char *text, size_t len, size_t *pos)
{
	char value[FBINFO_WORD_MAX];

	for (int k = 0; k < 2 && f->value[k]; k++)
		if (!fbinfo_word(text, len, pos, value) || !fbinfo_number(value, f->value[k]))
			return false;
	f->seen = true;
	return true;
}

int fbinfo_parse(const char *text, size_t len, fbinfo_t *out)
{
	uint64_t addr = 0, w = 0, h = 0, pitch = 0, bpp = 0;
	uint64_t rp = 16, rs = 8, gp = 8, gs = 8, bp = 0, bs = 8;
	fbinfo_field_t fields[] = {
		/* The first five have no default. */
		{ .name = "address", .value = { &addr } }, { .name = "width", .value = { &w } },
		{ .name = "height", .value = { &h } }, { .name = "pitch", .value = { &pitch } },
		{ .name = "bpp", .value = { &bpp } },
		{ .name = "red", .value = { &rp, &rs } }, { .name = "green", .value = { &gp, &gs } },
		{ .name = "blue", .value = { &bp, &bs } },
		{ .name = "red_pos", .value = { &rp } }, { .name = "red_size", .value = { &rs } },
		{ .name = "green_pos", .value = { &gp } }, { .name = "green_size", .value = { &gs } },
		{ .name = "blue_pos", .value = { &bp } }, { .name = "blue_size", .value = { &bs } },
	};
	size_t nfields = sizeof(fields) / sizeof(fields[0]), pos = 0;
	char word[FBINFO_WORD_MAX];

	while (fbinfo_word(text, len, &pos, word)) {
		for (size_t i = 0; i < nfields; i++)
			if (strcmp(word, fields[i].name) == 0 &&
			    !fbinfo_field_read(&fields[i], text, len, &pos))
				return -EINVAL;
	}
	for (size_t i = 0; i < 5; i++)
		if (!fields[i].seen)
			return -EINVAL;
	if (w > UINT32_MAX || h > UINT32_MAX || pitch > UINT32_MAX || bpp > 32 || rp > 32 ||
	    rs > 32 || gp > 32 || gs > 32 || bp > 32 || bs > 32)
		return -EINVAL;
	*out = (fbinfo_t){ .address = addr, .width = (uint32_t)w, .height = (uint32_t)h,
			   .pitch = (uint32_t)pitch, .bpp = (uint32_t)bpp,
			   .red_pos = (uint8_t)rp, .red_size = (uint8_t)rs,
			   .green_pos = (uint8_t)gp, .green_size = (uint8_t)gs,
			   .blue_pos = (uint8_t)bp, .blue_size = (uint8_t)bs };
	return fbinfo_check(out);
}

void fbinfo_phys_range(const fbinfo_t *fb, uint64_t *base, uint64_t *len, uint64_t *offset)
{
	uint64_t bytes = (uint64_t)fb->pitch * fb->height;

	*base = fb->address & ~(uint64_t)(FBINFO_PAGE - 1);
	*offset = fb->address - *base;
	*len = (*offset + bytes + FBINFO_PAGE - 1) & ~(uint64_t)(FBINFO_PAGE - 1);
}
