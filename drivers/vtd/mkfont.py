#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate the framebuffer console's font table (drivers/vtd/font_data.c).

  mkfont.py [--check] [OUT.c]

Run from the top of the tree. The glyphs come from three places:

  kernel/console/font8x16.txt   ASCII 0x20-0x7E and 0x7F, the glyph for
                                characters the font lacks (the kernel's
                                own console font, so both consoles look
                                the same)
  drivers/vtd/font-extra.txt    Latin-1 0xA0-0xFF and a few more (DEC
                                line-drawing symbols, typographic quotes
                                and dashes), in the same text-art format
                                with headers of 2 to 6 hex digits
  drawn here                    box drawing U+2500-U+257F and block
                                elements U+2580-U+259F, from the lines and
                                areas their Unicode names describe

The output lists code points in ascending order with ASCII first at
index code - 0x20, which font.c relies on. With --check nothing is
written: the exit status says whether OUT.c is up to date (the unit
test drivers/vtd relies on the checked-in file, so `make` needs no
Python).
"""
import re
import sys
import unicodedata

W, H = 8, 16
KERNEL_FONT = "kernel/console/font8x16.txt"
EXTRA_FONT = "drivers/vtd/font-extra.txt"
DEFAULT_OUT = "drivers/vtd/font_data.c"

HEADER_RE = re.compile(r"^:\s+0x([0-9A-Fa-f]{2,6})(?:\s+\S.*)?$")
ROW_RE = re.compile(r"^[.#]{8}$")


def die(msg):
    sys.exit(f"mkfont.py: {msg}")


def parse(path):
    """{code: [16 row bytes]} from a text-art font file."""
    glyphs = {}
    with open(path) as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].rstrip("\r")
        i += 1
        if not line.strip() or line.startswith("#"):
            continue
        m = HEADER_RE.match(line)
        if not m:
            die(f"{path}:{i}: expected ': 0xCODE NAME', got {line!r}")
        code = int(m.group(1), 16)
        if code in glyphs:
            die(f"{path}:{i}: 0x{code:X} defined twice")
        rows = lines[i:i + H]
        if len(rows) != H or not all(ROW_RE.match(r.rstrip("\r")) for r in rows):
            die(f"{path}:{i}: glyph 0x{code:X} needs {H} rows of 8 '.'/'#'")
        glyphs[code] = [int(r.rstrip("\r").replace(".", "0").replace("#", "1"), 2)
                        for r in rows]
        i += H
    return glyphs


# --- box drawing -------------------------------------------------------------

LIGHT, HEAVY, DOUBLE = 1, 2, 3
DIRS = {"UP": ("u",), "DOWN": ("d",), "LEFT": ("l",), "RIGHT": ("r",),
        "HORIZONTAL": ("l", "r"), "VERTICAL": ("u", "d")}
WEIGHTS = {"LIGHT": LIGHT, "SINGLE": LIGHT, "HEAVY": HEAVY, "DOUBLE": DOUBLE}


def box_arms(name):
    """{direction: weight} from a BOX DRAWINGS name, or None.

    Weights come before their directions ("LIGHT DOWN AND RIGHT") when a
    name starts with one, else after them ("DOWN LIGHT AND RIGHT HEAVY").
    Dashed and arc lines are drawn as plain light or heavy lines."""
    words = name.replace("BOX DRAWINGS ", "").split()
    words = [w for w in words if w not in ("ARC", "AND", "DASH", "TRIPLE", "QUADRUPLE")]
    if "DIAGONAL" in words:
        return None
    if "DASH" in name:          # "LIGHT DOUBLE DASH HORIZONTAL": DOUBLE counts dashes
        words = [w for w in words if w != "DOUBLE"]
    prefix = words[0] in WEIGHTS
    arms, pending, weight = {}, [], None
    for w in words:
        if w in WEIGHTS:
            if prefix:
                weight = WEIGHTS[w]
            else:
                for d in pending:
                    arms[d] = WEIGHTS[w]
                pending = []
        elif w in DIRS:
            for d in DIRS[w]:
                if prefix:
                    arms[d] = weight
                else:
                    pending.append(d)
        else:
            return None
    return arms if arms and not pending and None not in arms.values() else None


def box_draw(arms):
    """Lines from the cell's centre to the edges it names. An arm runs
    past the centre by the half-width of the widest crossing line, so
    corners and joins close."""
    px = [[0] * W for _ in range(H)]
    hrows = {LIGHT: [7], HEAVY: [6, 7, 8], DOUBLE: [5, 9]}
    vcols = {LIGHT: [3, 4], HEAVY: [2, 3, 4, 5], DOUBLE: [1, 6]}
    reach = 2 if HEAVY in arms.values() else 3 if DOUBLE in arms.values() else 1
    for d, wt in arms.items():
        if d == "l":
            cells = [(x, y) for y in hrows[wt] for x in range(0, 4 + reach)]
        elif d == "r":
            cells = [(x, y) for y in hrows[wt] for x in range(4 - reach, W)]
        elif d == "u":
            cells = [(x, y) for x in vcols[wt] for y in range(0, 7 + reach)]
        else:
            cells = [(x, y) for x in vcols[wt] for y in range(8 - reach, H)]
        for x, y in cells:
            px[y][x] = 1
    return px


def diagonal(name):
    px = [[0] * W for _ in range(H)]
    for y in range(H):
        x = y * W // H
        if "UPPER LEFT TO LOWER RIGHT" in name or "CROSS" in name:
            px[y][x] = 1
        if "UPPER RIGHT TO LOWER LEFT" in name or "CROSS" in name:
            px[y][W - 1 - x] = 1
    return px


# --- block elements -----------------------------------------------------------

EIGHTHS = {"ONE": 1, "ONE QUARTER": 2, "THREE EIGHTHS": 3, "HALF": 4,
           "FIVE EIGHTHS": 5, "THREE QUARTERS": 6, "SEVEN EIGHTHS": 7}


def block(name):
    px = [[0] * W for _ in range(H)]
    n = name.replace(" BLOCK", "")

    def fill(x0, x1, y0, y1):
        for y in range(y0, y1):
            for x in range(x0, x1):
                px[y][x] = 1

    if n == "FULL":
        fill(0, W, 0, H)
    elif n.startswith("QUADRANT "):
        quads = {"UPPER LEFT": (0, 4, 0, 8), "UPPER RIGHT": (4, 8, 0, 8),
                 "LOWER LEFT": (0, 4, 8, 16), "LOWER RIGHT": (4, 8, 8, 16)}
        parts = n[len("QUADRANT "):].split(" AND ")
        for p in parts:
            fill(*quads[p])
    elif n.endswith("SHADE"):
        keep = {"LIGHT SHADE": lambda x, y: (x + 2 * y) % 4 == 0,
                "MEDIUM SHADE": lambda x, y: (x + y) % 2 == 0,
                "DARK SHADE": lambda x, y: (x + 2 * y) % 4 != 0}[n]
        for y in range(H):
            for x in range(W):
                px[y][x] = 1 if keep(x, y) else 0
    else:
        m = re.match(r"(UPPER|LOWER|LEFT|RIGHT) (.*?)( EIGHTH)?$", n)
        if not m or m.group(2) not in EIGHTHS:
            return None
        k = EIGHTHS[m.group(2)]
        side = m.group(1)
        if side == "UPPER":
            fill(0, W, 0, 2 * k)
        elif side == "LOWER":
            fill(0, W, H - 2 * k, H)
        elif side == "LEFT":
            fill(0, k, 0, H)
        else:
            fill(W - k, W, 0, H)
    return px


def to_rows(px):
    return [int("".join(str(b) for b in row), 2) for row in px]


def drawn():
    """{code: rows} for U+2500-U+259F."""
    glyphs = {}
    for code in range(0x2500, 0x25A0):
        name = unicodedata.name(chr(code), "")
        px = None
        if name.startswith("BOX DRAWINGS "):
            arms = box_arms(name)
            px = box_draw(arms) if arms else \
                diagonal(name) if "DIAGONAL" in name else None
        elif name.endswith("BLOCK") or name.startswith("QUADRANT ") or name.endswith("SHADE"):
            px = block(name)
        if px:
            glyphs[code] = to_rows(px)
    return glyphs


def generate():
    kernel = parse(KERNEL_FONT)
    for c in range(0x20, 0x80):
        if c not in kernel:
            die(f"{KERNEL_FONT}: 0x{c:02X} missing")
    extra = parse(EXTRA_FONT)
    for c in range(0xA0, 0x100):
        if c not in extra:
            die(f"{EXTRA_FONT}: 0x{c:02X} missing")
    glyphs = dict(drawn())
    for c, rows in extra.items():
        if c < 0xA0:
            die(f"{EXTRA_FONT}: 0x{c:02X} belongs to the kernel's font")
        glyphs[c] = rows
    glyphs.update({c: kernel[c] for c in range(0x20, 0x80)})
    codes = sorted(glyphs)
    out = ["// SPDX-License-Identifier: MIT",
           f"// Generated by drivers/vtd/mkfont.py from {KERNEL_FONT} and",
           f"// {EXTRA_FONT} (and box drawing it draws): do not edit.",
           '#include "font.h"', "",
           f"const unsigned font_glyph_count = {len(codes)};", "",
           f"const uint32_t font_codes[{len(codes)}] = {{"]
    for i in range(0, len(codes), 8):
        out.append("\t" + " ".join(f"0x{c:04x}," for c in codes[i:i + 8]))
    out += ["};", "", f"const uint8_t font_bits[{len(codes)}][16] = {{"]
    for c in codes:
        out.append("\t{ " + ", ".join(f"0x{b:02x}" for b in glyphs[c]) +
                   f" }}, /* U+{c:04X} */")
    out += ["};", ""]
    return "\n".join(out)


def main():
    args = sys.argv[1:]
    check = "--check" in args
    args = [a for a in args if a != "--check"]
    out = args[0] if args else DEFAULT_OUT
    text = generate()
    if check:
        try:
            with open(out) as f:
                same = f.read() == text
        except OSError:
            same = False
        if not same:
            die(f"{out} is out of date: run drivers/vtd/mkfont.py")
        return
    with open(out, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
