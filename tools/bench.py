#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tessera's benchmarks: in QEMU, then the same sources natively on the host.

  bench.py --iso ISO [--disk IMG] --linux-dir DIR --out DIR [--timeout S]
           [--icount MODE] [--smp N] NAME...

`make bench` runs this with the names of bench/*.c (bench/bench.mk) and
--disk build/disk.img. Each benchmark program prints one or more lines
`figure value unit` (docs/performance.md): most print one figure named
after themselves, file_rw and file_meta several (file_write_4k, ...). A
figure printed as `figure n/a` does not exist on that system (disk_read
on Linux): the table says n/a and it is not a failure.

Tessera: the ISO boots through tools/qemu.py's qemu_command with --smp
CPUs (BENCH_SMP in the environment, default 2: every benchmark pins
itself to one CPU, pipe_pingpong_xcpu uses two; 1 with --icount, see
bench_cpus), MEM and FIRMWARE from the environment, TCG unless ACCEL
says otherwise, and the command line "test -- bench NAME...": init runs
those of its benchmarks (initfs:/bin/bench/NAME), in its own order
(bench/bench.mk's), prints `init: benchmarks done`, and its exit status
becomes QEMU's; a name it does not have fails the run. A figure belongs
to the program after whose `init: running NAME` it appears.

With --disk IMG a copy of IMG (the original is never written) is attached
as a SATA disk on q35's AHCI controller (DISK_BUS=virtio for virtio-blk)
and the command line starts "root=tessera-root": the root
file system, where the file benchmarks work, is then ext2 on that disk,
and disk_read reads the disk itself. The run fails if the boot log does
not show rootfs finding the partition (it would fall back on the RAM file
system and the file figures would mean something else).

--icount N (or ICOUNT=N in the environment, e.g. `make bench ICOUNT=0`)
adds QEMU's `-icount shift=N` under TCG: the guest clock then advances
2^N ns per instruction executed, so with 0 every figure is a count of
guest instructions; `auto` adapts the shift to real time. A fixed N also
gets sleep=off, a fixed seed for RDRAND and a fixed date for the RTC
(icount_apply), so that a figure that waits for no disk is identical
from run to run. icount needs single-threaded TCG, so `thread=multi` in
qemu_command's argv becomes `thread=single` (the CPUs then take turns on
one host thread). It is off by default: shift=auto measured no steadier
than plain TCG (docs/performance.md).

Linux: DIR/NAME for each name, run here, on the host, natively. That
column is the host, not Linux in the same VM: the ratio between the two
is not a fair comparison, and the table says so (tools/linuxvm.py and
`make bench-compare` run Linux in the same VM).

The table goes to standard output; the raw results (one `system name value
unit` line each, after `#` lines saying how they were taken) to
OUT/results.txt and QEMU's serial log to OUT/tessera.log. The exit status
is 0 only when every benchmark produced its figures on both sides, each a
value or n/a.
"""
import argparse
import datetime
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import qemu  # noqa: E402

RESULT = re.compile(r"^([a-z_][a-z0-9_]*) ([0-9]+(?:\.[0-9]+)?) (\S+)$")
NOT_APPLICABLE = re.compile(r"^([a-z_][a-z0-9_]*) n/a$")
NA = ("n/a", "")
RUNNING = re.compile(r"^init: running (\S+)$")
ROOT_LABEL = "tessera-root"
ROOT_FOUND = re.compile(rf"^rootfs: root file system {ROOT_LABEL} is disk\.")
TIMEOUT = 1200
KLOG = re.compile(r"^\[\s*\d+\.\d+\] ")
DONE = "init: benchmarks done"
NOT_FAIR = ("The Linux column is the host, natively, not Linux in the same VM: "
            "the ratio between\nthe columns is not a fair comparison. "
            "`make bench-compare` runs Linux in the same VM.")


def parse(lines, names, program=None):
    """{program: {figure: (value, unit)}}, in the order printed, from the
    `figure value unit` and `figure n/a` lines. Each belongs to `program`
    or, when that is None (Tessera's log), to the program named by the
    last `init: running NAME` line before it; lines outside any known
    program are ignored."""
    found, owner = {}, program
    for line in lines:
        line = line.strip()
        m = RUNNING.match(line)
        if m and program is None:
            owner = m.group(1) if m.group(1) in names else None
            continue
        if owner is None:
            continue
        m, na = RESULT.match(line), NOT_APPLICABLE.match(line)
        if m:
            found.setdefault(owner, {})[m.group(1)] = (m.group(2), m.group(3))
        elif na:
            found.setdefault(owner, {})[na.group(1)] = NA
    return found


def icount_fixed(icount):
    """Whether --icount asks for a fixed shift (a number), the mode whose
    figures repeat exactly."""
    return icount not in ("off", "auto")


def tessera_cmdline(disk, icount, names):
    """init runs the benchmarks `names` (`bench NAME...`). Under a fixed
    -icount shift the idle loop spins (idle=poll): a halted CPU's clock
    would run in host time."""
    words = [f"root={ROOT_LABEL}"] if disk else []
    words += ["idle=poll"] if icount_fixed(icount) else []
    return " ".join(words + ["test -- bench"] + list(names))


def bench_cpus(icount):
    """CPUs when BENCH_SMP does not say: two, so that pipe_pingpong_xcpu has
    a second CPU (every other benchmark pins itself to one), but one under
    -icount, where Linux 6.1 hangs bringing up its second CPU (QEMU 7.2's
    single-threaded TCG, whatever the CPU model)."""
    return 1 if icount != "off" else 2


# What else a fixed -icount shift needs to repeat exactly (docs/performance.md):
# RDRAND's numbers come from a fixed seed; the real-time clock starts at a
# fixed date and runs on the guest's clock; and a halted CPU's clock jumps
# to its next timer (sleep=off) instead of running in host time while it
# waits, which the firmware does before either kernel starts. After that
# both systems' idle loops spin (idle=poll on their command lines), so
# that a wait for the disk counts the instructions spun, not timer ticks.
ICOUNT_REPEAT_OPTIONS = ["-seed", "1", "-rtc", "base=2020-01-01T00:00:00,clock=vm"]


def icount_apply(cmd, accel, icount, how, who):
    """qemu_command's argv with -icount shift=ICOUNT under TCG (single-threaded,
    as icount needs), and `how` saying so; unchanged when icount is off. A
    fixed shift also gets ICOUNT_REPEAT_OPTIONS."""
    if accel != "tcg" or icount == "off":
        return cmd, how
    if "tcg,thread=multi" not in cmd:
        sys.exit(f"{who}: qemu_command has no 'tcg,thread=multi' to make "
                 "single-threaded for -icount; use --icount off")
    cmd = [a.replace("tcg,thread=multi", "tcg,thread=single") for a in cmd]
    if not icount_fixed(icount):
        return cmd + ["-icount", f"shift={icount}"], how + ", -icount shift=auto"
    return (cmd + ["-icount", f"shift={icount},sleep=off"] + ICOUNT_REPEAT_OPTIONS,
            how + f", -icount shift={icount},sleep=off, fixed seed and RTC")


def vm_arguments_add(ap, timeout):
    """The options tools/bench.py and tools/linuxvm.py share, and the names."""
    ap.add_argument("--timeout", type=int, default=timeout,
                    help=f"seconds for the whole QEMU run (default {timeout})")
    ap.add_argument("--icount", default=os.environ.get("ICOUNT") or "off",
                    help="QEMU -icount shift under TCG: off (default), auto, or a number")
    ap.add_argument("--smp", type=int, default=int(os.environ.get("BENCH_SMP") or 0),
                    help="CPUs (default BENCH_SMP, else 2, or 1 with --icount)")
    ap.add_argument("names", nargs="+")


def vm_arguments_parse(ap):
    args = ap.parse_args()
    args.smp = args.smp or bench_cpus(args.icount)
    return args


def cpus_text(smp):
    return "1 CPU" if smp == 1 else f"{smp} CPUs"


def run_tessera(iso, disk, names, timeout, icount, smp, log_path):
    """Boots the benchmarks; (results, description of the machine, error or "")."""
    env = os.environ
    accel = qemu.choose_accel(env.get("ACCEL", "tcg"))
    mem, firmware = env.get("MEM", "512M"), env.get("FIRMWARE", "bios")
    bus = env.get("DISK_BUS", "ahci")
    how = f"{accel.upper()}, {cpus_text(smp)}, {mem}, {firmware.upper()}"
    cmdline = tessera_cmdline(disk, icount, names)
    with tempfile.TemporaryDirectory(prefix="tessera-bench-") as tmp:
        copy = None
        if disk:
            # The benchmarks write to the disk: never to the build's image.
            copy = os.path.join(tmp, "disk.img")
            shutil.copyfile(disk, copy)
            how += f", {bus.upper()} disk"
        cmd = qemu.qemu_command(iso, smp, mem, firmware, accel, cmdline,
                                tmp, "stdio", disk=copy, disk_bus=bus)
        cmd, how = icount_apply(cmd, accel, icount, how, "bench.py")
        print(f"Tessera in QEMU ({how}), command line '{cmdline}':", flush=True)
        lines, status, error = boot(cmd, timeout)
    with open(log_path, "w") as f:
        f.write(" ".join(cmd) + "\n\n" + "\n".join(lines) + "\n")
    results = parse(lines, names)
    if not error:
        failed = [l.strip() for l in lines if l.startswith("init: BENCH ")]
        if failed:
            error = "; ".join(failed)
        elif DONE not in (l.strip() for l in lines):
            error = f"no '{DONE}'"
        elif status != 0:
            error = f"QEMU exit status {status}, expected 0 (passed)"
        elif disk and not any(ROOT_FOUND.match(l.strip()) for l in lines):
            error = (f"the root was not {ROOT_LABEL} on the disk (rootfs fell back "
                     "on the RAM file system?)")
    if error:
        error += f" (log: {log_path})"
    return results, how, error


def echo_line(state, line):
    """Shows the benchmarks' lines (error messages too), init's verdicts but
    not its "init: running", and any panic."""
    state["user"] = state["user"] or line.startswith("init: Tessera userspace is up")
    if (state["user"] and not KLOG.match(line) and not line.startswith("init: ")) or \
       line.startswith(("init: BENCH", DONE)) or "PANIC" in line:
        print("  " + line, flush=True)


def boot(cmd, timeout):
    """Runs QEMU, echoing what userspace prints; (lines, exit status, error or "")."""
    state = {"user": False}
    lines, status, timed_out = qemu.run_serial(
        cmd, timeout, on_line=lambda line: echo_line(state, line))
    if timed_out:
        return lines, status, f"timed out after {timeout}s"
    return lines, status, "" if status is not None else "QEMU did not exit"


def run_linux(linux_dir, names, timeout):
    """Runs each benchmark on the host; (results, errors)."""
    print("Host Linux, natively:", flush=True)
    results, errors = {}, []
    for name in names:
        path = os.path.abspath(os.path.join(linux_dir, name))
        try:
            proc = subprocess.run([path], stdin=subprocess.DEVNULL,
                                  capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as e:
            errors.append(f"{name}: {e}")
            continue
        found = parse(proc.stdout.splitlines(), {name}, program=name)
        for line in proc.stdout.splitlines():
            print("  " + line, flush=True)
        if proc.returncode != 0 or name not in found:
            errors.append(f"{name}: exit status {proc.returncode}: "
                          f"{proc.stderr.strip() or 'no result line'}")
        results.update(found)
    return results, errors


def figures(names, tessera, linux):
    """[(program, figure)] in the order printed: Tessera's, then any only
    Linux printed; a program with none on either side stands for itself."""
    out = []
    for name in names:
        t, l = tessera.get(name, {}), linux.get(name, {})
        figs = list(t) + [f for f in l if f not in t]
        out += [(name, f) for f in figs] if figs else [(name, name)]
    return out


def host_cpu():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def table(rows_wanted, tessera, linux, tessera_how):
    head = ["benchmark", f"Tessera (QEMU {', '.join(tessera_how.split(', ')[:2])})",
            "host Linux (native)", "unit"]
    rows = []
    for prog, fig in rows_wanted:
        t, l = tessera.get(prog, {}).get(fig), linux.get(prog, {}).get(fig)
        units = [r[1] for r in (t, l) if r and r[1]]
        unit = " / ".join(dict.fromkeys(units)) if units else ("" if t or l else "?")
        rows.append([fig, t[0] if t else "-", l[0] if l else "-", unit])
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(4)]

    def fmt(r):
        return (f"{r[0]:<{widths[0]}}  {r[1]:>{widths[1]}}  "
                f"{r[2]:>{widths[2]}}  {r[3]}").rstrip()
    return "\n".join([fmt(head), fmt(["-" * w for w in widths[:3]] + ["----"])] +
                     [fmt(r) for r in rows])


def results_header(started, how, disk, icount, cpu, kernel):
    """The `#` lines that open results.txt: when, and how each side ran."""
    return [f"# {started:%Y-%m-%d %H:%M %Z}, tools/bench.py",
            f"# tessera: QEMU {how}, command line '{tessera_cmdline(disk, icount, [])} NAME...'",
            f"# linux: the host, natively (not in the VM): {cpu}, Linux {kernel}",
            "# a figure `n/a` does not exist on that system"]


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--iso", required=True)
    ap.add_argument("--disk", help="disk image with the ext2 root (a copy is attached)")
    ap.add_argument("--linux-dir", required=True)
    ap.add_argument("--out", required=True, help="directory for results.txt and the log")
    vm_arguments_add(ap, TIMEOUT)
    args = vm_arguments_parse(ap)

    os.makedirs(args.out, exist_ok=True)
    started = datetime.datetime.now().astimezone()
    tessera, how, error = run_tessera(args.iso, args.disk, args.names, args.timeout,
                                      args.icount, args.smp,
                                      os.path.join(args.out, "tessera.log"))
    linux, linux_errors = run_linux(args.linux_dir, args.names, args.timeout)
    cpu, kernel = host_cpu(), platform.release()
    rows = figures(args.names, tessera, linux)

    header = results_header(started, how, args.disk, args.icount, cpu, kernel)
    with open(os.path.join(args.out, "results.txt"), "w") as f:
        f.write("\n".join(header) + "\n")
        for system, results in (("tessera", tessera), ("linux", linux)):
            for prog, fig in rows:
                if fig in results.get(prog, {}):
                    value, unit = results[prog][fig]
                    f.write(f"{system} {fig} {value} {unit}".rstrip() + "\n")

    print()
    print(table(rows, tessera, linux, how))
    print()
    print(f"Tessera: QEMU {how}. Host: {cpu}, Linux {kernel}.")
    if args.disk:
        print(f"Tessera's root file system: ext2 on the disk (root={ROOT_LABEL}).")
    print(NOT_FAIR)
    if "-icount" in how:
        print("With -icount the guest clock counts instructions (2^shift ns each): "
              "Tessera's figures are not time.")
    print(f"Raw results: {os.path.join(args.out, 'results.txt')}")
    problems = ([f"tessera: {error}"] if error else []) + \
        [f"tessera: {fig}: no result" for prog, fig in rows
         if fig not in tessera.get(prog, {}) and not error] + \
        [f"linux: {e}" for e in linux_errors] + \
        [f"linux: {fig}: no result" for prog, fig in rows
         if prog in linux and fig not in linux[prog]]
    for p in problems:
        print(f"FAIL {p}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
