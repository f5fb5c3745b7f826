#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The consoles, checked for real: the serial console (seriald) and the
framebuffer console with the PS/2 keyboard (vtd), in a booted Tessera.

  test_vt.py --iso build/tessera.iso [--log-dir DIR] [--smp N] [--firmware bios|uefi]

Boots the ISO in its normal mode with tools/console.py (serial console on
pipes, QMP on a socket), logs in on the serial console, and then uses the
second terminal the way a person would: keys go in through QEMU's PS/2
keyboard (QMP send-key), and what tty1 shows comes back as a screendump
that is read back into text cell by cell. A cell is read by matching its
8x16 pixels exactly against the glyphs of the font sources
(kernel/console/font8x16.txt, drivers/vtd/font-extra.txt) in the cell's
two colours, so a check of the screen's text is also a check of every
pixel of it.

Checks, each "PASS vt/NAME" or "FAIL vt/NAME: why"; the last line is
"N passed, N failed" and the exit status 1 if any failed:

  serial_console_runs_commands   a command typed on COM1 runs, its output comes back
  banner_drawn_pixel_exact       row 0 of tty1 is vtd's banner, grey on black
  keyboard_reaches_the_shell     a command typed on the PS/2 keyboard writes a file,
                                 read back through the serial console
  screen_shows_program_output    a command's output on tty1 appears on the screen
  ctrl_c_interrupts_on_tty1      Ctrl-C on the keyboard interrupts `sleep` ($? is 130)
  up_arrow_recalls_history       Up + Enter repeats the last command
  top_draws_full_screen_and_quits  top's frame starts at row 0; q gives the shell back
  clear_clears_the_screen        after `clear` only the prompt is left, on row 0
  poweroff_exits_0               poweroff from the serial console ends QEMU with 0

The transcript of the serial console goes to DIR/vt.log (default
build/test-logs), the last screendump of each step to DIR/vt_STEP.ppm.
run(iso, logdir, record) is what a harness calls.
"""
import argparse
import os
import re
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import console  # noqa: E402
import qmp  # noqa: E402

FONT_FILES = [os.path.join(ROOT, "kernel", "console", "font8x16.txt"),
              os.path.join(ROOT, "drivers", "vtd", "font-extra.txt")]
CELL_W, CELL_H = 8, 16
TEXT_RGB = (0xaa, 0xaa, 0xaa)           # vtd's default foreground (palette 7)
BACK_RGB = (0x00, 0x00, 0x00)           # and background
VT_PROMPT = "VT> "
SET_VT_PROMPT = "PS1='V''T> '"          # its echo does not contain the prompt
SCREEN_TIMEOUT = 180


def load_font():
    """{16 row bytes: character} from the font sources."""
    glyphs = {}
    for path in FONT_FILES:
        with open(path) as f:
            lines = f.read().split("\n")
        for i, line in enumerate(lines):
            m = re.match(r"^:\s+0x([0-9A-Fa-f]{2,6})", line)
            if not m:
                continue
            code = int(m.group(1), 16)
            if code == 0x7f:
                continue                # the "unknown" box is not a character
            rows = bytes(int(r[:8].replace(".", "0").replace("#", "1"), 2)
                         for r in lines[i + 1:i + 1 + CELL_H])
            glyphs.setdefault(rows, chr(code))
    return glyphs


class Screen:
    """A screendump read back into text: rows of characters, and for every
    cell its (foreground, background) colours. A cell that matches no
    glyph reads as U+FFFD."""

    def __init__(self, path, font):
        width, height, pixels = qmp.read_ppm(path)
        self.cols, self.rows = width // CELL_W, height // CELL_H
        self.text, self.colours = [], []
        for cy in range(self.rows):
            line, colours = [], []
            for cx in range(self.cols):
                ch, fg, bg = self._cell(pixels, width, cx, cy, font)
                line.append(ch)
                colours.append((fg, bg))
            self.text.append("".join(line))
            self.colours.append(colours)

    @staticmethod
    def _cell(pixels, width, cx, cy, font):
        rows = []
        for y in range(CELL_H):
            start = ((cy * CELL_H + y) * width + cx * CELL_W) * 3
            rows.append(pixels[start:start + CELL_W * 3])
        flat = b"".join(rows)
        if flat == flat[:3] * (CELL_W * CELL_H):        # one colour: blank
            return " ", tuple(flat[:3]), tuple(flat[:3])
        cell = [[tuple(r[i:i + 3]) for i in range(0, CELL_W * 3, 3)] for r in rows]
        colours = {p for r in cell for p in r}
        if len(colours) > 2:
            return "\ufffd", None, None
        a, b = sorted(colours)
        for fg, bg in ((a, b), (b, a)):
            bits = bytes(sum(0x80 >> x for x in range(CELL_W) if r[x] == fg) for r in cell)
            if bits in font:
                return font[bits], fg, bg
        return "\ufffd", None, None

    def line(self, y):
        return self.text[y].rstrip()

    def lines(self):
        return [t.rstrip() for t in self.text]

    def prompt_at(self, y):
        """Whether row y starts with tty1's prompt (a bare prompt reads as "VT>")."""
        t = self.line(y)
        return t == VT_PROMPT.rstrip() or t.startswith(VT_PROMPT)

    def find(self, text):
        """The rows whose text (trailing blanks cut) is exactly text."""
        return [y for y, t in enumerate(self.lines()) if t == text]

    def dump(self):
        return "\n".join(f"{y:2}|{t}" for y, t in enumerate(self.lines()) if t)


class VtCheck:
    def __init__(self, con, logdir, font):
        self.con, self.logdir, self.font = con, logdir, font
        for name in os.listdir(logdir):
            if name.startswith("vt_") and name.endswith(".ppm"):
                os.unlink(os.path.join(logdir, name))

    def screen(self, tag):
        """The screen now; the picture is kept as DIR/vt_TAG.ppm (the last of each tag)."""
        path = os.path.join(self.logdir, f"vt_{tag}.ppm")
        self.con.qmp.screendump(path)
        return Screen(path, self.font)

    def wait_screen(self, tag, good, timeout=SCREEN_TIMEOUT):
        """Screendumps until good(screen) holds; the last screen and whether it held."""
        deadline = time.monotonic() + timeout
        while True:
            s = self.screen(tag)
            if good(s) or time.monotonic() > deadline:
                return s, good(s)
            time.sleep(2)

    def type(self, text):
        self.con.note(f"keyboard: {text!r}")
        self.con.qmp.send_keys(text)

    def chord(self, *keys):
        self.con.note(f"keyboard: {'+'.join(keys)}")
        self.con.qmp.send_key(*keys)

    def tty1_shell(self):
        """Gives tty1's shell the VT> prompt; the screen then, or None."""
        for attempt in range(3):
            self.type(SET_VT_PROMPT + "\n")
            s, ok = self.wait_screen("prompt", lambda s: any(
                s.prompt_at(y) for y in range(s.rows)), timeout=SCREEN_TIMEOUT / 3)
            if ok:
                return s
        return None

    def serial_read_file(self, path, want, timeout=SCREEN_TIMEOUT):
        """cat's of path through the serial console until it says want; the last."""
        deadline = time.monotonic() + timeout
        while True:
            got = self.con.run(f"cat {path} 2>/dev/null")
            if got == want or time.monotonic() > deadline:
                return got
            time.sleep(2)


def screen_text_pixels_ok(s, y):
    """Whether every non-blank cell of row y is a glyph in grey on black."""
    for x, ch in enumerate(s.text[y]):
        if ch == "\ufffd" or (ch != " " and s.colours[y][x] != (TEXT_RGB, BACK_RGB)):
            return False
    return True


CHECKS = ["serial_console_runs_commands", "banner_drawn_pixel_exact",
          "keyboard_reaches_the_shell", "screen_shows_program_output",
          "ctrl_c_interrupts_on_tty1", "up_arrow_recalls_history",
          "top_draws_full_screen_and_quits", "clear_clears_the_screen", "poweroff_exits_0"]


def check_tty1(vt, check):
    """The checks made by typing on tty1's keyboard (its shell is at VT>)."""
    vt.type("echo $((6*7))-typed-on-tty1 > /tmp/vt-check\n")
    got = vt.serial_read_file("/tmp/vt-check", "42-typed-on-tty1")
    check("keyboard_reaches_the_shell", got == "42-typed-on-tty1",
          f"/tmp/vt-check holds {got!r}")

    vt.type("echo tty1-$((7*8))-shown\n")
    s, ok = vt.wait_screen("output", lambda s: any(
        s.prompt_at(y + 1) for y in s.find("tty1-56-shown") if y + 1 < s.rows))
    ok = ok and all(screen_text_pixels_ok(s, y) for y in s.find("tty1-56-shown"))
    check("screen_shows_program_output", ok, "the screen:\n" + s.dump())

    vt.type("sleep 100\n")
    time.sleep(3)
    vt.chord("ctrl", "c")
    vt.type("echo interrupted-$?\n")
    s, ok = vt.wait_screen("ctrl_c", lambda s: bool(s.find("interrupted-130")))
    check("ctrl_c_interrupts_on_tty1", ok, "the screen:\n" + s.dump())

    vt.type("echo recalled-$((2+3))\n")
    vt.wait_screen("history1", lambda s: bool(s.find("recalled-5")))
    vt.chord("up")
    vt.type("\n")
    s, ok = vt.wait_screen("history2", lambda s: len(s.find("recalled-5")) >= 2)
    check("up_arrow_recalls_history", ok, "the screen:\n" + s.dump())

    vt.type("top -d 1\n")
    s, ok = vt.wait_screen("top", lambda s: s.line(0).startswith("top - up") and any(
        t.split()[:2] == ["PID", "PPID"] for t in s.lines()))
    vt.type("q")
    vt.type("echo after-top-$((3*3))\n")
    s2, ok2 = vt.wait_screen("after_top", lambda s: bool(s.find("after-top-9")))
    check("top_draws_full_screen_and_quits", ok and ok2,
          "the screen:\n" + (s2 if ok else s).dump())

    vt.type("clear\n")
    s, ok = vt.wait_screen("clear", lambda s: s.prompt_at(0) and not any(s.lines()[1:]))
    check("clear_clears_the_screen", ok, "the screen:\n" + s.dump())


def run(iso, logdir, record, smp=2, firmware="bios", accel=None):
    """Boots iso and makes every check; record("vt/NAME", ok, why) hears
    each result (tools/testrun.py can pass its Tally.record). A check that
    something earlier kept from running fails with that reason."""
    done = set()

    def check(name, ok, why):
        done.add(name)
        record(f"vt/{name}", ok, why)

    os.makedirs(logdir, exist_ok=True)
    font = load_font()
    con = console.Console(iso, smp=smp, firmware=firmware, accel=accel, qmp=True,
                          log_path=os.path.join(logdir, "vt.log"))
    why_not = "not reached"
    with con:
        try:
            con.start()
            con.login()
            out = con.run("echo serial-$((6 * 7))")
            check("serial_console_runs_commands", out == "serial-42", f"output {out!r}")

            vt = VtCheck(con, logdir, font)
            first = vt.screen("first")
            banner = f"Tessera tty1: framebuffer console, {first.cols}x{first.rows}"
            check("banner_drawn_pixel_exact",
                  first.line(0) == banner and screen_text_pixels_ok(first, 0),
                  f"row 0 reads {first.line(0)!r}")

            if vt.tty1_shell():
                check_tty1(vt, check)
            else:
                why_not = "no VT> prompt on tty1; the screen:\n" + vt.screen("noshell").dump()
            status = con.poweroff()
            check("poweroff_exits_0", status == 0, f"QEMU exit status {status}")
        except (console.ConsoleError, qmp.QMPError, OSError) as e:
            why_not = f"{type(e).__name__}: {e}"
        for name in CHECKS:
            if name not in done:
                check(name, False, why_not)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--iso", required=True)
    ap.add_argument("--log-dir", default=os.path.join(ROOT, "build", "test-logs"))
    ap.add_argument("--smp", type=int, default=2)
    ap.add_argument("--firmware", default="bios", choices=("bios", "uefi"))
    args = ap.parse_args()
    tally = {True: 0, False: 0}

    def record(name, ok, why):
        tally[ok] += 1
        print(f"PASS {name}" if ok else f"FAIL {name}: {why}", flush=True)

    run(args.iso, args.log_dir, record, args.smp, args.firmware)
    print(f"{tally[True]} passed, {tally[False]} failed")
    sys.exit(1 if tally[False] else 0)


if __name__ == "__main__":
    main()
