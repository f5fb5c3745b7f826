#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tessera's test runner: host unit tests, then system tests in QEMU.

  testrun.py [--unit BIN...] [--iso ISO] [--disk IMG] [--only NAME...]

Unit test binaries print one line per test and "N passed, N failed"; their
counts are summed (a binary that crashes, e.g. on a sanitizer report,
counts as one more failure). System tests are tests/system/cases.py, run
under TCG unless ACCEL says otherwise. Hangs are caught by each case's
timeout; nothing here sleeps. The last line is "N passed, N failed".
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, os.path.join(ROOT, "tests", "system"))
import qemu  # noqa: E402
import cases  # noqa: E402
import console  # noqa: E402
import test_vt  # noqa: E402
import test_disk  # noqa: E402
import test_icount  # noqa: E402

SUMMARY = re.compile(r"^(?:\S+: )?(\d+) passed, (\d+) failed")


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.failures = []

    def record(self, name, ok, why=""):
        if ok:
            self.passed += 1
            print(f"PASS {name}", flush=True)
        else:
            self.failed += 1
            self.failures.append(name)
            print(f"FAIL {name}" + (f": {why}" if why else ""), flush=True)


def run_unit(binary, tally):
    proc = subprocess.run([binary], capture_output=True, text=True, timeout=300)
    name = os.path.basename(binary)
    counts = None
    for line in proc.stdout.splitlines():
        m = SUMMARY.match(line)
        if m:
            counts = (int(m.group(1)), int(m.group(2)))
        elif line.startswith("FAIL") or line.startswith("    ") or ": FAIL " in line:
            print(f"  {name}: {line}")
    if counts is None or proc.returncode not in (0, 1):
        print(proc.stdout[-2000:] + proc.stderr[-4000:])
        tally.record(f"unit/{name}", False, f"exit status {proc.returncode}")
        return
    tally.passed += counts[0]
    tally.failed += counts[1]
    if counts[1]:
        tally.failures.append(f"unit/{name}")
    print(f"{'PASS' if not counts[1] else 'FAIL'} unit/{name}: "
          f"{counts[0]} passed, {counts[1]} failed", flush=True)


def boot(case, iso, logdir):
    """Boots one case; returns (lines, exit status or None if stopped, timed_out)."""
    accel = qemu.choose_accel(os.environ.get("ACCEL", "tcg"))
    with tempfile.TemporaryDirectory(prefix="tessera-test-") as tmp:
        cmd = qemu.qemu_command(iso, case.smp, case.mem, case.firmware, accel,
                                case.cmdline, tmp, "stdio")
        lines, status, timed_out = qemu.run_serial(cmd, case.timeout, case.stop_at or None)
        with open(os.path.join(logdir, case.name + ".log"), "w") as f:
            f.write(" ".join(cmd) + "\n\n" + "\n".join(lines) + "\n")
        return lines, status, timed_out


def check_case(case, lines, status, timed_out):
    """An empty string when the case passed, else why it failed."""
    if timed_out:
        return f"timed out after {case.timeout}s"
    if case.expect_exit:
        want = 0 if case.expect_exit == "pass" else 1
        if status != want:
            return f"exit status {status}, expected {want} ({case.expect_exit})"
    elif status is not None:
        return f"QEMU exited ({status}) before '{case.stop_at}'"
    at = 0
    for pattern in case.expect:
        rx = re.compile(pattern)
        while at < len(lines) and not rx.search(lines[at]):
            at += 1
        if at == len(lines):
            return f"no line matching /{pattern}/ (in order)"
        at += 1
    for pattern in case.forbid:
        for line in lines:
            if re.search(pattern, line):
                return f"forbidden line: {line.strip()}"
    return ""


FIRMWARE_SPECIFIC = re.compile(r"^(mmap:|Tessera .* booting|acpi: revision|fbcon:|pmm:)")


def normalized_log(lines, stop=None):
    """The log up to the line matching stop, with timestamps, numbers and
    firmware-specific lines masked."""
    out = []
    for line in lines:
        if stop and out and re.search(stop, out[-1]):
            break
        m = re.match(r"^\[\s*\d+\.\d+\] (.*)$", line)
        if not m or FIRMWARE_SPECIFIC.match(m.group(1)):
            continue
        out.append(re.sub(r"(0x)?[0-9a-fA-F]*\d[0-9a-fA-F]*", "#", m.group(1)))
    return out


def record_subtests(case, lines, tally):
    """Each line matching case.subtests is a result of its own."""
    if not case.subtests:
        return
    rx = re.compile(case.subtests)
    for line in lines:
        m = rx.search(line)
        if m:
            tally.record(f"system/{case.name}/{m.group(1)}", m.group(2) == "passed")


def run_system(iso, only, tally, disk=None):
    logdir = os.path.join(os.path.dirname(iso), "test-logs")
    os.makedirs(logdir, exist_ok=True)
    logs = {}
    for case in cases.CASES:
        if only and case.name not in only:
            continue
        lines, status, timed_out = boot(case, iso, logdir)
        logs[case.name] = lines
        record_subtests(case, lines, tally)
        why = check_case(case, lines, status, timed_out)
        tally.record(f"system/{case.name}", not why,
                     why + (f" (log: {logdir}/{case.name}.log)" if why else ""))
    for a, b in cases.SAME_LOG:
        if a in logs and b in logs:
            stop = next(c.stop_at for c in cases.CASES if c.name == a)
            na, nb = normalized_log(logs[a], stop), normalized_log(logs[b], stop)
            diff = [f"{x!r} vs {y!r}" for x, y in zip(na, nb) if x != y]
            if len(na) != len(nb):
                diff.append(f"{len(na)} vs {len(nb)} lines")
            tally.record(f"system/same_log_{a}_{b}", not diff,
                         "; ".join(diff[:3]))
    # The person-at-the-console scenarios (tools/console.py): one boot of
    # the normal system each, driven through the serial terminal.
    console_only = [n for n in only if n.startswith("console/")] if only else []
    if not only or console_only:
        console.run_scenarios(iso, console_only, tally.record, logdir)
    # The framebuffer terminal with the PS/2 keyboard (tests/system/test_vt.py).
    if not only or any(n.startswith("vt/") for n in only):
        test_vt.run(iso, logdir, tally.record)
    # The root on disk (tests/system/test_disk.py): boot, restart the
    # driver 40 times under load, check the image with e2fsck and debugfs.
    if disk:
        for bus in ("ahci", "virtio"):
            if not only or any(n.startswith(f"disk_{bus}/") for n in only):
                test_disk.run(iso, disk, logdir, tally.record, bus)
    # make bench ICOUNT=0 repeats (tests/system/test_icount.py): two boots
    # with the root on the disk, the same figures to the last digit.
    if disk and (not only or any(n.startswith("icount/") for n in only)):
        test_icount.run(iso, disk, logdir, tally.record)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--unit", nargs="*", default=[])
    ap.add_argument("--iso")
    ap.add_argument("--only", nargs="*", default=[])
    ap.add_argument("--disk", help="the disk image for the disk-root tests")
    args = ap.parse_args()
    tally = Tally()
    for binary in args.unit:
        run_unit(binary, tally)
    if args.iso:
        run_system(args.iso, args.only, tally, args.disk)
    if tally.failures:
        print("failed: " + ", ".join(tally.failures))
    print(f"{tally.passed} passed, {tally.failed} failed")
    sys.exit(1 if tally.failed else 0)


if __name__ == "__main__":
    main()
