# SPDX-License-Identifier: MIT
"""A bar chart of ratios on a log scale, as a PNG, with nothing but the
standard library (zlib and struct): tools/benchcmp.py draws
build/bench/compare.png with it, where matplotlib is not available.

The picture is an RGB array drawn by hand: a horizontal line at ratio 1,
a faint line at each power of ten, and per bar a column from the 1-line
up (ratio > 1) or down (< 1), as tall as log10(ratio) on the scale. Text
is drawn with a 3x5 pixel font of upper-case letters, digits and a few
signs (lower case is drawn upper case, anything else as '?'), scaled up
by whole pixels; a bar's name runs downwards, one character under the
other, rotated a quarter turn clockwise.

The PNG is the minimum the format asks for: the signature, IHDR (8-bit
RGB, no interlace), one IDAT holding the zlib-compressed rows, each
after a filter byte 0 (none), and IEND; each chunk with its CRC-32.
"""
import math
import struct
import zlib

# Each glyph: five rows of three pixels, top row first, '1' = ink.
FONT = {
    "0": "111101101101111", "1": "010110010010111", "2": "111001111100111",
    "3": "111001111001111", "4": "101101111001001", "5": "111100111001111",
    "6": "111100111101111", "7": "111001001010010", "8": "111101111101111",
    "9": "111101111001111", "A": "010101111101101", "B": "110101110101110",
    "C": "011100100100011", "D": "110101101101110", "E": "111100110100111",
    "F": "111100110100100", "G": "011100101101011", "H": "101101111101101",
    "I": "111010010010111", "J": "001001001101010", "K": "101101110101101",
    "L": "100100100100111", "M": "101111111101101", "N": "110101101101101",
    "O": "010101101101010", "P": "110101110100100", "Q": "010101101110011",
    "R": "110101110101101", "S": "011100010001110", "T": "111010010010010",
    "U": "101101101101111", "V": "101101101101010", "W": "101101111111101",
    "X": "101101010101101", "Y": "101101010010010", "Z": "111001010100111",
    ".": "000000000000010", "_": "000000000000111", "-": "000000111000000",
    "/": "001001010100100", "(": "010100100100010", ")": "010001001001010",
    "=": "000111000111000", ":": "000010000010000", ",": "000000000010100",
    " ": "000000000000000", "?": "111001010000010",
}
GLYPH_W, GLYPH_H, ADVANCE = 3, 5, 4   # a character takes 4 columns with its gap

WHITE, BLACK, GREY = (255, 255, 255), (0, 0, 0), (200, 200, 200)
WORSE, BETTER = (200, 60, 50), (50, 150, 70)


class Image:
    """width x height RGB pixels, white, (0, 0) at the top left."""

    def __init__(self, width, height):
        self.width, self.height = width, height
        self.pixels = bytearray(WHITE * (width * height))

    def set(self, x, y, color):
        if 0 <= x < self.width and 0 <= y < self.height:
            i = (y * self.width + x) * 3
            self.pixels[i:i + 3] = bytes(color)

    def get(self, x, y):
        i = (y * self.width + x) * 3
        return tuple(self.pixels[i:i + 3])

    def rect(self, x0, y0, x1, y1, color):
        """Fills x0 <= x < x1, y0 <= y < y1 (corners in any order)."""
        for y in range(min(y0, y1), max(y0, y1)):
            for x in range(min(x0, x1), max(x0, x1)):
                self.set(x, y, color)

    def text(self, x, y, s, color=BLACK, scale=1, down=False):
        """Draws s with its top left at (x, y); down: rotated a quarter
        turn clockwise, so it reads from top to bottom."""
        for n, ch in enumerate(s.upper()):
            glyph = FONT.get(ch, FONT["?"])
            for row in range(GLYPH_H):
                for col in range(GLYPH_W):
                    if glyph[row * GLYPH_W + col] != "1":
                        continue
                    along, across = n * ADVANCE + col, row
                    if down:   # along the text becomes down, up becomes right
                        px, py = x + (GLYPH_H - 1 - across) * scale, y + along * scale
                    else:
                        px, py = x + along * scale, y + across * scale
                    self.rect(px, py, px + scale, py + scale, color)

    def png(self):
        """The image as PNG bytes."""
        stride = self.width * 3
        raw = b"".join(b"\x00" + bytes(self.pixels[y * stride:(y + 1) * stride])
                       for y in range(self.height))
        ihdr = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) +
                png_chunk(b"IDAT", zlib.compress(raw, 9)) + png_chunk(b"IEND", b""))


def png_chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def text_width(s, scale=1):
    return (len(s) * ADVANCE - 1) * scale if s else 0


def ratio_label(r):
    """Short enough to sit over a bar: 240, 3.5, 0.42, 1/350."""
    if r >= 10:
        return f"{r:.0f}"
    if r >= 1:
        return f"{r:.1f}"
    if r >= 0.1:
        return f"{r:.2f}"
    return f"1/{1 / r:.0f}"


# Layout, in pixels.
BAR_W, BAR_GAP, LEFT, RIGHT, TOP, HALF, SCALE = 20, 10, 56, 16, 44, 150, 2


def chart(bars, title):
    """bars: [(label, ratio or None, worse)] left to right: ratio is drawn
    on a log scale around 1; worse picks the colour (True: Tessera's side
    is the worse one). A bar without a ratio leaves its slot empty but
    keeps its number and label. Returns an Image."""
    logs = [abs(math.log10(r)) for _, r, _ in bars if r]
    decades = max(1, math.ceil(max(logs, default=1)))
    per_decade = HALF / decades
    slot = BAR_W + BAR_GAP
    longest = max((len(f"{i + 1} {b[0]}") for i, b in enumerate(bars)), default=1)
    width = max(LEFT + slot * len(bars) + RIGHT, text_width(title, SCALE) + 16)
    axis = TOP + HALF                       # the ratio-1 line
    height = axis + HALF + 8 + longest * ADVANCE * SCALE + 8
    img = Image(width, height)
    img.text(8, 8, title, scale=SCALE)
    for d in range(-decades, decades + 1):  # a line and a label per decade
        y = round(axis - d * per_decade)
        img.rect(LEFT - 4, y, width - RIGHT, y + 1, BLACK if d == 0 else GREY)
        label = "X1" if d == 0 else (f"X{10 ** d}" if d > 0 else f"X1/{10 ** -d}")
        img.text(LEFT - 8 - text_width(label), y - 2, label)
    for i, (label, r, worse) in enumerate(bars):
        x = LEFT + i * slot + BAR_GAP // 2
        if r:
            h = round(math.log10(r) * per_decade)
            h = h if h else (1 if r > 1 else -1 if r < 1 else 0)
            img.rect(x, axis, x + BAR_W, axis - h, WORSE if worse else BETTER)
            value = ratio_label(r)
            ty = axis - h - 8 if h >= 0 else axis - h + 3
            img.text(x + (BAR_W - text_width(value)) // 2, ty, value)
        img.text(x + (BAR_W - GLYPH_H * SCALE) // 2, axis + HALF + 8,
                 f"{i + 1} {label}", scale=SCALE, down=True)
    return img
