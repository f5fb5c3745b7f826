#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run Tessera in QEMU: the one place that knows how QEMU is invoked.

Used by `make run`, `make debug` and the test harness (tools/testrun.py
imports qemu_command). Settings come from the environment, as make passes
them: SMP (CPUs), MEM, FIRMWARE (bios|uefi), ACCEL (kvm|tcg; default: kvm
only when the CPU has vmx/svm and /dev/kvm opens), CMDLINE (extra kernel
command-line words, passed through QEMU's fw_cfg so the ISO stays the same),
GRAPHICS=1 (show the framebuffer in a window too), DISK (a raw disk image
to attach) and DISK_BUS (ahci, the default, or virtio).

The serial console is this terminal (Ctrl-C reaches Tessera; Ctrl-A X
quits QEMU; piped input is typed into Tessera's console). In test mode the kernel leaves through
isa-debug-exit, which QEMU reports as (value << 1) | 1: the kernel writes
0x10 for passed (33) and 0x11 for failed (35), mapped back here to 0 and 1.
For the test harness any other status (QEMU could not start, the machine
reset) is 2; `make run` passes QEMU's own status through.
"""
import argparse
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

OVMF_CODE = ["/usr/share/OVMF/OVMF_CODE_4M.fd", "/usr/share/OVMF/OVMF_CODE.fd"]
OVMF_VARS = ["/usr/share/OVMF/OVMF_VARS_4M.fd", "/usr/share/OVMF/OVMF_VARS.fd"]


def kvm_usable():
    try:
        with open("/proc/cpuinfo") as f:
            flags = f.read()
        if " vmx" not in flags and " svm" not in flags:
            return False
        fd = os.open("/dev/kvm", os.O_RDWR)
        os.close(fd)
        return True
    except OSError:
        return False


def choose_accel(requested):
    if requested in ("kvm", "tcg"):
        return requested
    if requested:
        sys.exit(f"qemu.py: ACCEL must be kvm or tcg, not '{requested}'")
    return "kvm" if kvm_usable() else "tcg"


def first_existing(paths, what):
    for p in paths:
        if os.path.exists(p):
            return p
    sys.exit(f"qemu.py: {what} not found (tried {', '.join(paths)}); "
             "run tools/install-deps.sh")


def disk_args(disk, bus="ahci"):
    """QEMU arguments attaching the raw image `disk` as a SATA disk on
    q35's AHCI controller (second port: the CD-ROM is on the first) or
    as a modern-only virtio-blk PCI device."""
    drive = f"id=disk0,if=none,format=raw,file={disk}"
    if bus == "ahci":
        return ["-drive", drive, "-device", "ide-hd,drive=disk0,bus=ide.1"]
    if bus == "virtio":
        return ["-drive", drive, "-device",
                "virtio-blk-pci,drive=disk0,disable-legacy=on"]
    sys.exit(f"qemu.py: DISK_BUS must be ahci or virtio, not '{bus}'")


def qemu_command(iso, smp=1, mem="512M", firmware="bios", accel="tcg",
                 cmdline="", vars_dir=None, serial="stdio", extra=(), no_reboot=True,
                 disk=None, disk_bus="ahci"):
    """The QEMU argv. With firmware=uefi, vars_dir receives a fresh copy
    of the OVMF variable store (OVMF writes to it; runs must not share).
    With disk, that raw image is attached (disk_args)."""
    cmd = ["qemu-system-x86_64", "-machine", "q35", "-m", str(mem),
           "-smp", str(smp), "-display", "none",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
           "-drive", f"file={iso},media=cdrom,format=raw,if=ide,readonly=on",
           "-boot", "d"]
    if serial == "console":
        # A person at the terminal: Ctrl-C goes to Tessera (signal=off),
        # Ctrl-A X quits and Ctrl-A C reaches the QEMU monitor (mux).
        cmd += ["-chardev", "stdio,id=con0,mux=on,signal=off",
                "-serial", "chardev:con0", "-mon", "chardev=con0,mode=readline"]
    else:
        cmd += ["-serial", serial]
    if accel == "kvm":
        cmd += ["-accel", "kvm", "-cpu", "host"]
    else:
        cmd += ["-accel", "tcg,thread=multi", "-cpu", "max"]
    if firmware == "uefi":
        code = first_existing(OVMF_CODE, "OVMF firmware")
        vars_src = first_existing(OVMF_VARS, "OVMF variable store")
        vars_copy = os.path.join(vars_dir, "OVMF_VARS.fd")
        shutil.copyfile(vars_src, vars_copy)
        cmd += ["-drive", f"if=pflash,format=raw,unit=0,readonly=on,file={code}",
                "-drive", f"if=pflash,format=raw,unit=1,file={vars_copy}"]
    elif firmware != "bios":
        sys.exit(f"qemu.py: FIRMWARE must be bios or uefi, not '{firmware}'")
    if no_reboot:       # a reset ends QEMU (tests, piped runs)
        cmd += ["-no-reboot"]
    if cmdline:
        cmd += ["-fw_cfg", f"name=opt/tessera/cmdline,string={cmdline}"]
    if disk:
        cmd += disk_args(disk, disk_bus)
    return cmd + list(extra)


def run_serial(cmd, timeout, stop=None, on_line=None):
    """Runs QEMU with the serial console on a pipe, line by line.

    Stops at the first line matching the regex `stop`, when QEMU exits, or
    after `timeout` seconds (a hang). on_line(line) sees every line as it
    arrives. Returns (lines, status, timed_out): status is exit_status()
    of QEMU's exit, or None when QEMU was stopped.
    """
    stop_rx = re.compile(stop) if stop else None
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    buf, lines, timed_out, stopped = b"", [], False, False
    while not stopped:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        ready, _, _ = select.select([proc.stdout], [], [], left)
        if not ready:
            continue
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            break
        buf += chunk
        *done, buf = buf.split(b"\n")
        for d in done:
            line = d.decode(errors="replace").rstrip("\r")
            lines.append(line)
            if on_line:
                on_line(line)
            if stop_rx and stop_rx.search(line):
                stopped = True
                break
    if buf and not stopped:
        lines.append(buf.decode(errors="replace"))
    if not timed_out and not stopped:
        try:    # output closed: QEMU is exiting
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
    if proc.poll() is None:
        proc.kill()
        proc.wait()
        return lines, None, timed_out
    return lines, exit_status(proc.returncode), timed_out


def exit_status(code):
    """Maps isa-debug-exit's (value << 1) | 1 back: 0 passed, 1 failed, 2 other."""
    return {33: 0, 35: 1}.get(code, 2)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--iso", required=True)
    ap.add_argument("--debug", action="store_true",
                    help="start halted with a gdb stub on :1234")
    ap.add_argument("--kernel-elf", help="for --debug: the symbols for gdb")
    ap.add_argument("extra", nargs="*", help="more QEMU arguments")
    args = ap.parse_args()

    env = os.environ
    accel = choose_accel(env.get("ACCEL", ""))
    smp, mem = env.get("SMP", "1"), env.get("MEM", "512M")
    firmware = env.get("FIRMWARE", "bios")
    interactive = sys.stdin.isatty()
    with tempfile.TemporaryDirectory(prefix="tessera-qemu-") as tmp:
        extra = list(args.extra)
        if env.get("GRAPHICS") == "1":
            extra += ["-display", "gtk"]
        if args.debug:
            extra += ["-s", "-S"]
        cmd = qemu_command(args.iso, smp, mem, firmware, accel,
                           env.get("CMDLINE", ""), tmp,
                           "console" if interactive else "stdio", extra,
                           no_reboot=not interactive, disk=env.get("DISK") or None,
                           disk_bus=env.get("DISK_BUS", "ahci"))
        if args.debug:
            gdbinit = os.path.join(os.path.dirname(args.iso), "gdbinit")
            with open(gdbinit, "w") as f:
                f.write(f"file {os.path.abspath(args.kernel_elf)}\n"
                        "set architecture i386:x86-64\n"
                        "target remote localhost:1234\n")
            print(f"QEMU is halted, waiting for gdb. In another terminal:\n"
                  f"  gdb -x {gdbinit}\nthen 'break kmain' and 'continue'.",
                  file=sys.stderr)
        if interactive:
            print(f"Tessera in QEMU: {accel.upper()}, {smp} CPU(s), {mem}, "
                  f"{firmware.upper()}. Quit: Ctrl-A then X.", file=sys.stderr)
        code = subprocess.call(cmd)
        sys.exit(exit_status(code) if code in (33, 35) else code)


if __name__ == "__main__":
    main()
