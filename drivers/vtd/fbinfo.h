// SPDX-License-Identifier: MIT
/*
 * What the kernel says about the framebuffer: `sys:framebuffer` is text,
 * a line per field: "address 0xfd000000", "width 1024", "height 768",
 * "pitch 4096", "bpp 32", and the channels as "red 16:8" (position and
 * size in bits; green, blue likewise). fbinfo_parse reads it tolerantly —
 * "key value", "key=value" or "key: value", on one line or many, in any
 * order, unknown keys skipped, the channels also as red_pos/red_size —
 * and checks that it describes a framebuffer vtd can draw on.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

typedef struct fbinfo {
	uint64_t address;               /* physical */
	uint32_t width, height, pitch, bpp;
	/* Channel layout; x8r8g8b8 (or r8g8b8) unless the text says otherwise. */
	uint8_t red_pos, red_size, green_pos, green_size, blue_pos, blue_size;
} fbinfo_t;

/* 0, or -EINVAL when a field is missing, malformed or impossible. */
int fbinfo_parse(const char *text, size_t len, fbinfo_t *out);

/*
 * The page-aligned physical range that holds the framebuffer: what to
 * ask memory:phys/ for, and where the first pixel is inside it.
 */
void fbinfo_phys_range(const fbinfo_t *fb, uint64_t *base, uint64_t *len, uint64_t *offset);
