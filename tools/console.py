#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Drive Tessera's console from the host, as a person at a terminal would.

  console.py --iso build/tessera.iso [--only NAME...] [--list]
             [--smp N] [--firmware bios|uefi] [--log-dir DIR]

Boots the ISO in QEMU in its normal mode (an empty kernel command line:
init starts the services and, through getty, a shell on the serial
console) with the serial port on pipes, and runs the scenarios of
tests/system/console_cases.py against it. Each scenario is a test:
"PASS console/NAME" or "FAIL console/NAME: why (log: ...)"; the last line
is "N passed, N failed", and the exit status is 1 if any failed. Every
scenario's console transcript, with the harness's actions marked
"«...»", goes to build/test-logs/console_NAME.log. run_scenarios() is
what tools/testrun.py calls to count them in `make test`.

Console is the expect-style driver the scenarios use:

    c = Console(iso, log_path="x.log").start()
    c.login()                       # waits for the shell, sets a known prompt
    out = c.run("uname -s")         # the command's output, as on the screen
    c.sendline("cat"); c.ctrl("c"); c.wait_prompt()
    c.wait_for(r"regex", timeout)   # in the output not yet consumed
    status = c.poweroff()           # QEMU's exit status (0 expected)

The machine runs under TCG unless ACCEL says otherwise, usually on CPUs
shared with other tests, so every wait is generous and no check is about
speed. A kernel panic, or QEMU exiting while a wait is pending, ends the
wait at once with a ConsoleError.
"""
import argparse
import codecs
import os
import re
import select
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, os.path.join(ROOT, "tests", "system"))
import qemu  # noqa: E402

BOOT_TIMEOUT = 900          # seconds from QEMU's start to a shell prompt
WAIT_TIMEOUT = 180          # any other single wait
# The prompt the harness sets: unusual enough never to be output. It is
# typed as PS1='T3S''S> ', so the echo of that line does not contain it.
PROMPT = "T3SS> "
PROMPT_RX = re.escape(PROMPT)
SET_PROMPT = "PS1='T3S''S> '"
# What the end of the screen looks like when something waits for input.
LOGIN_RX = re.compile(r"login:\s*$")
PASSWORD_RX = re.compile(r"[Pp]assword:\s*$")
SHELL_PROMPT_RX = re.compile(r"[#$%>]\s*$")
# The end of the machine: a panic, or init gone (the kernel then halts).
FATAL_RX = re.compile(r"PANIC on CPU|kernel halted|kernel: init \(pid 1\) exited")
CSI_RX = re.compile(r"\x1b\[([0-9;?]*)([@-~])")


class ConsoleError(Exception):
    """A wait that failed: timeout, panic, or QEMU gone."""


def render(text):
    """The lines text shows on a terminal: carriage returns, backspaces
    and the cursor and erase sequences line editors use (CSI C, D, K)
    applied; colours and other sequences dropped."""
    lines, line, col, i = [], [], 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "\x1b":
            m = CSI_RX.match(text, i)
            if m:
                n = int(m.group(1)) if m.group(1).isdigit() else 1
                op = m.group(2)
                if op == "C":
                    col += n
                elif op == "D":
                    col = max(0, col - n)
                elif op == "K" and m.group(1) in ("", "0"):
                    del line[col:]
                elif op == "G":
                    col = max(0, n - 1)
                i = m.end()
            else:
                i += 2          # ESC and one character (ESC 7, ESC =, ...)
            continue
        if ch == "\n":
            lines.append("".join(line).rstrip())
            line, col = [], 0
        elif ch == "\r":
            col = 0
        elif ch == "\b":
            col = max(0, col - 1)
        elif ch == "\t":
            col = (col // 8 + 1) * 8
        elif ch >= " ":
            while len(line) < col:
                line.append(" ")
            if col < len(line):
                line[col] = ch
            else:
                line.append(ch)
            col += 1
        i += 1
    lines.append("".join(line).rstrip())
    return lines


class Console:
    """One QEMU running Tessera with its serial console on pipes."""

    def __init__(self, iso, smp=2, mem="512M", firmware="bios", accel=None,
                 cmdline="", log_path=None, qmp=False, enter="\r", command=None,
                 disk=None, disk_bus="ahci"):
        self.iso, self.smp, self.mem, self.firmware = iso, smp, mem, firmware
        self.disk, self.disk_bus = disk, disk_bus
        self.accel = accel or qemu.choose_accel(os.environ.get("ACCEL", "tcg"))
        self.cmdline = cmdline
        self.command = command      # instead of QEMU (--host-shell)
        self.enter = enter          # what the Enter key sends (a terminal: CR)
        self.want_qmp = qmp
        self.qmp = None
        self.proc = None
        self.out = ""               # everything QEMU printed, decoded
        self.cursor = 0             # where the next wait_for starts looking
        self.status = None          # QEMU's exit status once it has exited
        self.log = None
        self.log_path = None
        self.last_echo = ""
        self._tmp = None
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._last_output = time.monotonic()
        if log_path:
            self.set_log(log_path)

    # --- lifetime ------------------------------------------------------

    def start(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="tessera-console-")
        extra = []
        if self.want_qmp:
            self.qmp_path = os.path.join(self._tmp.name, "qmp.sock")
            extra += ["-qmp", f"unix:{self.qmp_path},server=on,wait=off"]
        cmd = self.command or qemu.qemu_command(self.iso, self.smp, self.mem, self.firmware,
                                                self.accel, self.cmdline, self._tmp.name,
                                                "stdio", extra, disk=self.disk,
                                                disk_bus=self.disk_bus)
        self.note("start: " + " ".join(cmd))
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, bufsize=0)
        os.set_blocking(self.proc.stdout.fileno(), False)
        if self.want_qmp:
            import qmp as qmp_module
            self.qmp = qmp_module.QMP(self.qmp_path)
        return self

    def close(self):
        """Stops QEMU if it still runs; closes the log."""
        if self.qmp:
            self.qmp.close()
            self.qmp = None
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if self.proc:
            for f in (self.proc.stdin, self.proc.stdout):
                try:
                    f.close()
                except OSError:
                    pass
        if self._tmp:
            self._tmp.cleanup()
            self._tmp = None
        if self.log:
            self.log.close()
            self.log = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    # --- the log --------------------------------------------------------

    def set_log(self, path):
        """From now on the transcript goes to path (a new file)."""
        if self.log:
            self.log.close()
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        self.log = open(path, "w", encoding="utf-8", errors="replace")
        self.log_path = path

    def note(self, what):
        """A harness action, on a line of its own in the transcript."""
        if self.log:
            sep = "" if not self.out or self.out.endswith("\n") else "\n"
            self.log.write(f"{sep}«{what}»\n")
            self.log.flush()

    # --- reading ------------------------------------------------------

    def _pump(self, timeout):
        """Reads what QEMU printed within timeout; False once it has exited."""
        if self.proc is None:
            return False
        fd = self.proc.stdout.fileno()
        ready, _, _ = select.select([fd], [], [], max(0, timeout))
        if not ready:
            return self.proc.poll() is None or self._drain_exit()
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            return True
        if not chunk:
            return self._drain_exit()
        text = self._decoder.decode(chunk)
        self.out += text
        self._last_output = time.monotonic()
        if self.log:
            self.log.write(text)
            self.log.flush()
        return True

    def _drain_exit(self):
        try:
            self.status = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            return True
        return False

    def _check_alive(self, start):
        m = FATAL_RX.search(self.out, start)
        if m:
            raise ConsoleError(f"the machine stopped ({m.group(0)}): " + self.tail())
        if self.status is not None:
            raise ConsoleError(f"QEMU exited with status {self.status}: " + self.tail())

    def tail(self, n=600):
        """The last n characters of output as the screen showed them."""
        return "\n".join(render(self.out[-n:]))[-n:]

    def wait_for(self, pattern, timeout=WAIT_TIMEOUT):
        """The first match of pattern (a regex) in the output after the
        cursor, which then moves past it. ConsoleError on timeout."""
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        deadline = time.monotonic() + timeout
        start = self.cursor
        while True:
            m = rx.search(self.out, self.cursor)
            if m:
                self.cursor = m.end()
                return m
            self._check_alive(start)
            left = deadline - time.monotonic()
            if left <= 0:
                raise ConsoleError(f"no /{rx.pattern}/ within {timeout}s; the screen "
                                   f"ends:\n{self.tail()}")
            self._pump(min(left, 1.0))

    def wait_quiet(self, quiet=2.0, timeout=WAIT_TIMEOUT):
        """Waits until nothing has been printed for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            since = time.monotonic() - self._last_output
            if since >= quiet:
                return
            self._check_alive(len(self.out))
            self._pump(quiet - since)
        raise ConsoleError(f"output never went quiet for {quiet}s")

    def consume(self):
        """Moves the cursor to the end of what has been read so far."""
        self.cursor = len(self.out)

    # --- writing --------------------------------------------------------

    def send(self, text):
        """Types text as it is (control characters included)."""
        self.note("send " + repr(text))
        try:
            self.proc.stdin.write(text.encode())
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as e:
            raise ConsoleError(f"cannot type: {e}")

    def sendline(self, line=""):
        self.send(line + self.enter)

    def ctrl(self, letter):
        """Ctrl + letter: ctrl('c') sends 0x03."""
        self.send(chr(ord(letter.lower()) & 0x1f))

    # --- the shell ------------------------------------------------------

    def login(self, timeout=BOOT_TIMEOUT, since=0):
        """Waits until the console asks for input (in the output after
        index since), answers a login prompt with root, then sets the
        harness's prompt and waits for it."""
        deadline = time.monotonic() + timeout
        nudged = 0
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ConsoleError(f"no shell prompt within {timeout}s; the screen ends:\n"
                                   + self.tail())
            try:
                self.wait_quiet(3.0, timeout=left)
            except ConsoleError:
                if self.status is not None or FATAL_RX.search(self.out):
                    raise
                continue
            self._check_alive(since)
            screen = "\n".join(render(self.out[since:][-300:]))
            if LOGIN_RX.search(screen):
                self.consume()
                since = len(self.out)
                self.sendline("root")
            elif PASSWORD_RX.search(screen):
                self.consume()
                since = len(self.out)
                self.sendline("")
            elif SHELL_PROMPT_RX.search(screen) or nudged >= 3:
                self.consume()
                self.sendline(SET_PROMPT)
                self.wait_prompt(min(WAIT_TIMEOUT, max(1, deadline - time.monotonic())))
                return
            elif "init:" in self.out and time.monotonic() - self._last_output > 20:
                nudged += 1      # quiet for long after init: ask for a prompt
                self.sendline("")
            else:
                self._pump(1.0)

    def wait_prompt(self, timeout=WAIT_TIMEOUT):
        """Waits for the harness's prompt; the text before it."""
        start = self.cursor
        m = self.wait_for(PROMPT_RX, timeout)
        return self.out[start:m.start()]

    def run(self, command, timeout=WAIT_TIMEOUT):
        """Types command and Enter, waits for the next prompt, and returns
        the output as the screen shows it: the lines after the echoed
        command, trailing blanks removed, joined with newlines. The echo
        line itself is kept in last_echo."""
        return self.run_keys(command + self.enter, timeout)

    def run_keys(self, keys, timeout=WAIT_TIMEOUT):
        """run() for keys typed as they are (Tab, arrows...), Enter included."""
        self.consume()
        start = self.cursor
        self.send(keys)
        self.wait_for(r"\n", timeout)       # the echo of Enter: any redraw is done
        m = self.wait_for(PROMPT_RX, timeout)
        lines = render(self.out[start:m.start()])
        self.last_echo = lines[0]
        return "\n".join(lines[1:]).rstrip("\n")

    def poweroff(self, timeout=WAIT_TIMEOUT * 2):
        """Types poweroff; QEMU's exit status."""
        self.consume()
        self.sendline("poweroff")
        return self.wait_exit(timeout)

    def wait_exit(self, timeout=WAIT_TIMEOUT):
        """Waits for QEMU to exit; its status. ConsoleError on timeout."""
        deadline = time.monotonic() + timeout
        while self.status is None:
            if time.monotonic() > deadline:
                raise ConsoleError(f"QEMU still running after {timeout}s; the screen ends:\n"
                                   + self.tail())
            if not self._pump(1.0) and self.status is None:
                self.status = self.proc.wait()
        self.note(f"QEMU exited with status {self.status}")
        return self.status


# --- running the scenarios ------------------------------------------------

class Runner:
    """Runs scenarios: shared ones in one booted session (rebooted when
    it stops answering), "own" ones each in a fresh boot, "host" ones
    with no Console at all (they start QEMU themselves)."""

    def __init__(self, iso, logdir, record, smp=2, firmware="bios", accel=None, command=None):
        self.iso, self.logdir, self.record = iso, logdir, record
        self.command = command
        self.smp, self.firmware = smp, firmware
        self.accel = accel or qemu.choose_accel(os.environ.get("ACCEL", "tcg"))
        self.session = None
        self.boot_failure = None    # why the last boot failed, if it did
        self.boots = 0

    def log_path(self, name):
        return os.path.join(self.logdir, f"console_{name}.log")

    def boot(self, log_name):
        c = Console(self.iso, smp=self.smp, firmware=self.firmware, accel=self.accel,
                    log_path=self.log_path(log_name), command=self.command)
        try:
            c.start()
            c.login()
        except ConsoleError:
            c.close()
            raise
        return c

    def shared_session(self):
        """The shared session, answering; booted (at most twice) if needed."""
        if self.session:
            try:
                self.session.consume()
                if self.session.run("echo SYNC''OK $((6 * 7))", 90).endswith("SYNCOK 42"):
                    return self.session
            except ConsoleError:
                pass
            self.session.close()
            self.session = None
        if self.boot_failure or self.boots >= 3:
            raise ConsoleError(f"no session: {self.boot_failure or 'too many reboots'}")
        self.boots += 1
        try:
            self.session = self.boot(f"boot{self.boots}")
        except ConsoleError as e:
            self.boot_failure = f"boot failed ({e})".split("\n")[0]
            raise ConsoleError(self.boot_failure)
        return self.session

    def run_one(self, sc):
        name = f"console/{sc.name}"
        log = self.log_path(sc.name)
        c = None
        try:
            if sc.boot == "host":
                sc.fn(HostContext(self, log))
            elif sc.boot == "own":
                c = self.boot(sc.name)
                sc.fn(c)
            else:
                c = self.shared_session()
                c.set_log(log)
                c.note(f"scenario {sc.name}")
                sc.fn(c)
                if sc.ends_session:
                    self.session = None
            self.record(name, True, "")
            return True
        except (ConsoleError, AssertionError) as e:
            why = str(e).split("\n")
            detail = why[0] + (f" (log: {log})" if log else "")
            self.record(name, False, detail)
            if len(why) > 1:
                print("    " + "\n    ".join(why[1:][-12:]), flush=True)
            if c is self.session and c is not None and sc.boot == "shared":
                try:                # leave the shell at a prompt for the next one
                    c.ctrl("c")
                    c.wait_prompt(30)
                except ConsoleError:
                    pass
            return False
        finally:
            if c is not None and (sc.boot == "own" or sc.ends_session):
                c.close()

    def finish(self):
        if self.session:
            self.session.close()
            self.session = None


class HostContext:
    """What a "host" scenario gets: the ISO, the settings, its log path."""

    def __init__(self, runner, log_path):
        self.iso, self.smp, self.firmware = runner.iso, runner.smp, runner.firmware
        self.accel = runner.accel
        self.log_path = log_path


def select_scenarios(only):
    import console_cases
    wanted = {n.split("/", 1)[1] if n.startswith("console/") else n for n in only}
    chosen = [s for s in console_cases.SCENARIOS if not wanted or s.name in wanted]
    unknown = wanted - {s.name for s in console_cases.SCENARIOS}
    if unknown:
        raise SystemExit(f"console.py: no scenario named {', '.join(sorted(unknown))}")
    # Shared ones first, those that end the session last, then the rest.
    order = {"shared": 0, "own": 2, "host": 3}
    return sorted(chosen, key=lambda s: (order[s.boot] + (1 if s.ends_session else 0)))


def run_scenarios(iso, only=(), record=None, logdir=None, smp=2, firmware="bios", accel=None,
                  command=None):
    """Runs the console scenarios (all, or those named in only, with or
    without "console/"); record(name, ok, why) is told each result
    (tools/testrun.py passes Tally.record). Returns (passed, failed)."""
    counts = [0, 0]

    def default_record(name, ok, why):
        print(f"PASS {name}" if ok else f"FAIL {name}: {why}", flush=True)

    def counting(name, ok, why):
        counts[0 if ok else 1] += 1
        (record or default_record)(name, ok, why)

    logdir = logdir or os.path.join(os.path.dirname(os.path.abspath(iso)), "test-logs")
    os.makedirs(logdir, exist_ok=True)
    runner = Runner(iso, logdir, counting, smp, firmware, accel, command)
    try:
        for sc in select_scenarios(only):
            runner.run_one(sc)
    finally:
        runner.finish()
    return counts[0], counts[1]



# --- testing the harness itself -----------------------------------------

def host_shell_relay(bindir):
    """Plays a serial console on stdin/stdout with the host's bash: a
    login shell in a pseudo-terminal, bindir first on PATH, started again
    when it exits (as getty would) until `poweroff` (a script put on PATH
    here) asks for the end. Lets --host-shell try the scenarios, and so
    the harness, where there is no Tessera shell yet."""
    import pty
    import shutil
    tmp = tempfile.mkdtemp(prefix="console-host-")
    flag = os.path.join(tmp, "poweroff-asked")
    os.symlink(shutil.which("bash"), os.path.join(tmp, "sh"))
    with open(os.path.join(tmp, "poweroff"), "w") as f:
        f.write(f"#!/bin/sh\n: > {flag}\nkill -HUP $PPID\n")
    os.chmod(os.path.join(tmp, "poweroff"), 0o755)
    env = dict(os.environ, PATH=f"{tmp}:{os.path.abspath(bindir)}:{os.environ['PATH']}",
               HOME="/root", TERM="vt100", PS1="# ")
    stdin_open = True
    while not os.path.exists(flag):
        pid, fd = pty.fork()
        if pid == 0:
            import fcntl
            import struct
            import termios
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
            os.chdir("/")
            os.execve(os.path.join(tmp, "sh"), ["sh", "--norc", "--noprofile", "-i"], env)
        while True:
            fds = [fd] + ([0] if stdin_open else [])
            ready, _, _ = select.select(fds, [], [])
            if 0 in ready:
                data = os.read(0, 4096)
                if data:
                    os.write(fd, data)
                else:
                    stdin_open = False
            if fd in ready:
                try:
                    data = os.read(fd, 4096)
                except OSError:
                    data = b""
                if not data:
                    break
                os.write(1, data)
        os.close(fd)
        os.waitpid(pid, 0)
    shutil.rmtree(tmp)
    sys.exit(0)

def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--iso", required=True)
    ap.add_argument("--only", nargs="*", default=[], help="scenario names")
    ap.add_argument("--list", action="store_true", help="list the scenarios and stop")
    ap.add_argument("--smp", type=int, default=2)
    ap.add_argument("--firmware", default="bios", choices=["bios", "uefi"])
    ap.add_argument("--log-dir")
    ap.add_argument("--host-shell", metavar="BINDIR",
                    help="test the harness: run the scenarios against the host's bash "
                         "in a pseudo-terminal, BINDIR first on PATH, instead of Tessera")
    ap.add_argument("--relay", metavar="BINDIR", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.relay:
        host_shell_relay(args.relay)
    if args.list:
        for s in select_scenarios(args.only):
            print(f"{s.name:28} {s.boot:6} {s.doc}")
        return
    command = None
    if args.host_shell:
        command = [sys.executable, os.path.abspath(__file__), "--iso", args.iso,
                   "--relay", args.host_shell]
    passed, failed = run_scenarios(args.iso, args.only, None, args.log_dir, args.smp,
                                   args.firmware, None, command)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
