#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A small client for QEMU's machine protocol (QMP), for tests that type
on the emulated PS/2 keyboard and look at the framebuffer.

QEMU is started with `-qmp unix:PATH,server=on,wait=off` (tools/console.py
does this when asked, Console(qmp=True)); QMP("PATH") connects, reads the
greeting and enters command mode. command(name, **arguments) sends one
command and returns its "return" value, raising QMPError on an "error"
answer; asynchronous events that arrive meanwhile are kept in .events.

    q = QMP(path)
    q.send_keys("ls -l\\n")          # typed on the PS/2 keyboard
    q.send_key("ctrl", "c")          # a chord
    q.screendump("/tmp/screen.ppm")  # the framebuffer as a PPM image
    w, h, pixels = read_ppm("/tmp/screen.ppm")

Keys are QEMU's "qcode" names (a, 1, ret, spc, ctrl, shift, up, tab...);
send_keys() maps printable ASCII to them, shift included.
"""
import json
import os
import socket
import time


class QMPError(Exception):
    pass


# Printable ASCII to (qcode, shifted) on a US keyboard.
_PLAIN = {
    " ": "spc", "\n": "ret", "\r": "ret", "\t": "tab", "\b": "backspace",
    "-": "minus", "=": "equal", "[": "bracket_left", "]": "bracket_right",
    "\\": "backslash", ";": "semicolon", "'": "apostrophe", "`": "grave_accent",
    ",": "comma", ".": "dot", "/": "slash", "\x1b": "esc",
}
_SHIFTED = {
    "!": "1", "@": "2", "#": "3", "$": "4", "%": "5", "^": "6", "&": "7",
    "*": "8", "(": "9", ")": "0", "_": "minus", "+": "equal", "{": "bracket_left",
    "}": "bracket_right", "|": "backslash", ":": "semicolon", '"': "apostrophe",
    "~": "grave_accent", "<": "comma", ">": "dot", "?": "slash",
}


def key_for_char(ch):
    """(qcode, shifted) for one character; ValueError if it has no key."""
    if "a" <= ch <= "z" or "0" <= ch <= "9":
        return ch, False
    if "A" <= ch <= "Z":
        return ch.lower(), True
    if ch in _PLAIN:
        return _PLAIN[ch], False
    if ch in _SHIFTED:
        return _SHIFTED[ch], True
    raise ValueError(f"no key for {ch!r}")


class QMP:
    def __init__(self, path, timeout=60):
        """Connects to the socket at path, retrying until QEMU has made it."""
        self.events = []
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.monotonic() > deadline:
                    raise QMPError(f"cannot connect to QMP at {path}")
                time.sleep(0.1)
        self.sock.settimeout(timeout)
        self.file = self.sock.makefile("rwb")
        greeting = self._read()
        if "QMP" not in greeting:
            raise QMPError(f"not a QMP greeting: {greeting}")
        self.command("qmp_capabilities")

    def _read(self):
        line = self.file.readline()
        if not line:
            raise QMPError("QMP connection closed")
        return json.loads(line)

    def command(self, name, **arguments):
        """Runs one command; its "return" value."""
        msg = {"execute": name}
        if arguments:
            msg["arguments"] = arguments
        self.file.write(json.dumps(msg).encode() + b"\n")
        self.file.flush()
        while True:
            answer = self._read()
            if "event" in answer:
                self.events.append(answer)
            elif "error" in answer:
                raise QMPError(f"{name}: {answer['error'].get('desc', answer['error'])}")
            elif "return" in answer:
                return answer["return"]

    def send_key(self, *qcodes, hold_ms=50):
        """Presses the keys together (a chord such as "ctrl", "c"), then releases them."""
        keys = [{"type": "qcode", "data": k} for k in qcodes]
        self.command("send-key", keys=keys, **{"hold-time": hold_ms})

    def send_keys(self, text, pause=0.02):
        """Types text key by key (shift where the character needs it)."""
        for ch in text:
            code, shifted = key_for_char(ch)
            if shifted:
                self.send_key("shift", code)
            else:
                self.send_key(code)
            time.sleep(pause)

    def screendump(self, path):
        """The display's current picture as a PPM file at path."""
        self.command("screendump", filename=os.path.abspath(path))

    def quit(self):
        try:
            self.command("quit")
        except QMPError:
            pass            # QEMU may close the socket before answering

    def close(self):
        try:
            self.file.close()
        finally:
            self.sock.close()


def read_ppm(path):
    """(width, height, pixels) of a binary PPM (P6, maxval 255): pixels is
    bytes, three per pixel, row by row."""
    with open(path, "rb") as f:
        data = f.read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos) + 1
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P6" or fields[3] != b"255":
        raise ValueError(f"{path}: not a P6 PPM with maxval 255")
    width, height = int(fields[1]), int(fields[2])
    pixels = data[pos + 1:pos + 1 + width * height * 3]
    return width, height, pixels
