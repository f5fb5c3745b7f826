#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The benchmarks on Linux, in the virtual machine Tessera's run in.

  linuxvm.py --out DIR [--bench-dir D] [--disk-users N,...] [--timeout S]
             [--icount MODE] [--smp N] NAME...

`make bench-linux` runs this with bench/bench.mk's BENCH_NAMES. It boots
the kernel of Debian's linux-image-amd64 in the QEMU configuration
tools/bench.py gives Tessera — qemu.py's qemu_command: machine q35, --smp
CPUs (BENCH_SMP; by default as for Tessera, bench.bench_cpus), MEM (512M),
FIRMWARE, TCG unless ACCEL says otherwise, and the same disk, a
raw image on q35's AHCI controller (DISK_BUS) holding one GPT partition with
ext2 made as user/disk.mk makes Tessera's (mke2fs -t ext2 -b 4096, 128 MiB).
Only what boots differs: instead of the CD-ROM, QEMU's -kernel and -initrd,
the command line "console=ttyS0 quiet panic=-1 bench_disk=/dev/sda1
bench_disk_users=N,... -- NAME..." (DISK_BUS=virtio: virtio-blk, /dev/vda1).

The kernel package is fetched once, without root, into build/linux: `apt-get
download` of the image package linux-image-amd64 depends on, unpacked with
`dpkg-deb -x` into build/linux/pkg (boot/vmlinuz-VER, lib/modules/VER).
Nothing is installed on the host.

The initramfs (gzipped newc cpio, written here) holds tools/linux/init.c
built static with the host's gcc, the benchmarks (D/NAME and bench_true,
from build/bench-linux) under /bench, and the modules the disk needs
(ahci and sd_mod, or virtio_pci and virtio_blk; ext4, which mounts ext2;
and what they depend on, read from each module's
.modinfo, since the package has no modules.dep) with /etc/modules listing
them in load order. init runs the benchmarks with tools/bench.py's
markers and powers off: first those that do not use the disk, in the order
given, then the --disk-users (bench/bench.mk's BENCH_DISK_NAMES), before
the first of which it loads the modules and mounts the disk's partition as
ext2 on /mnt, their working directory and $TMPDIR. A disk request completes
in host time; nothing measured before the first one depends on it.

--icount as in tools/bench.py (ICOUNT in the environment). A fixed shift
adds ICOUNT_APPEND to the kernel's command line, so that with it a figure
that waits for no disk repeats exactly from run to run.

Writes DIR/linux-results.txt — `#` lines saying how the figures were taken,
then `linux FIGURE VALUE UNIT` (or `linux FIGURE n/a`) per figure, as
tools/bench.py writes its `tessera` lines — and DIR/linux.log, the QEMU
command and the serial log. Exit status 0 only when every program produced
its figures and the machine powered off after `init: benchmarks done`.
"""
import argparse
import datetime
import glob
import gzip
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import bench  # noqa: E402
import qemu  # noqa: E402

BUILD = os.path.join(ROOT, "build")
CACHE = os.path.join(BUILD, "linux")
PKG_DIR = os.path.join(CACHE, "pkg")
META_PACKAGE = "linux-image-amd64"
INIT_SRC = os.path.join(ROOT, "tools", "linux", "init.c")
INIT_BIN = os.path.join(CACHE, "init")
DISK_MIB = 128          # user/disk.mk's DISK_ROOT_MIB
DISK_LABEL = "linux-bench"
MODULES_WANTED = ["crc32c_generic", "ext4"]
# What each DISK_BUS needs, and the partition it appears as.
BUS_MODULES = {"ahci": ["ahci", "sd_mod"], "virtio": ["virtio_pci", "virtio_blk"]}
BUS_PARTITION = {"ahci": "/dev/sda1", "virtio": "/dev/vda1"}
HELPERS = ["bench_true"]  # bench/bench.mk's BENCH_HELPER_NAMES
TIMEOUT = 1800
APPEND = "console=ttyS0 quiet panic=-1"
# Under a fixed -icount shift, what Linux needs besides bench.icount_apply's
# QEMU options to repeat exactly: no address-space randomization of the
# kernel (nokaslr: it mixes in more than RDRAND) or of processes
# (norandmaps), and an idle loop that spins instead of halting (idle=poll:
# the clock of a halted CPU runs in host time, and Linux idles for a moment
# here and there, e.g. while a new process's parent waits). And no disk
# request before the benchmarks (edd=off: the real-mode setup code would
# read each disk's first sector through the BIOS to note its signature,
# and a disk request completes in host time).
ICOUNT_APPEND = "nokaslr norandmaps idle=poll edd=off"
FATAL = re.compile(r"^init: (FATAL|BENCH) ")
KERNEL_TROUBLE = re.compile(r"Kernel panic|BUG:|Oops")


def run(cmd, **kw):
    try:
        return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        err = getattr(e, "stderr", "") or ""
        sys.exit(f"linuxvm.py: {' '.join(cmd)}: {e}\n{err.strip()}")


def kernel_fetch():
    """(vmlinuz path, modules directory, version), fetching the package
    into build/linux the first time."""
    found = glob.glob(os.path.join(PKG_DIR, "boot", "vmlinuz-*"))
    if not found:
        deps = run(["apt-cache", "depends", META_PACKAGE])
        m = re.search(r"Depends: (linux-image-\S+)", deps)
        if not m:
            sys.exit(f"linuxvm.py: no linux-image package in "
                     f"'apt-cache depends {META_PACKAGE}':\n{deps}")
        deb_dir = os.path.join(CACHE, "deb")
        os.makedirs(deb_dir, exist_ok=True)
        print(f"Fetching {m.group(1)} into {deb_dir} (once)", flush=True)
        run(["apt-get", "download", m.group(1)], cwd=deb_dir)
        debs = glob.glob(os.path.join(deb_dir, m.group(1) + "_*.deb"))
        if not debs:
            sys.exit(f"linuxvm.py: apt-get download {m.group(1)} left no .deb")
        tmp = PKG_DIR + ".tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        run(["dpkg-deb", "-x", debs[0], tmp])
        os.rename(tmp, PKG_DIR)
        found = glob.glob(os.path.join(PKG_DIR, "boot", "vmlinuz-*"))
    vmlinuz = sorted(found)[-1]
    version = os.path.basename(vmlinuz)[len("vmlinuz-"):]
    moddir = os.path.join(PKG_DIR, "lib", "modules", version)
    if not os.path.isdir(moddir):
        sys.exit(f"linuxvm.py: no {moddir}")
    return vmlinuz, moddir, version


def module_name(path):
    base = os.path.basename(path)
    return base[:base.index(".ko")].replace("-", "_")


def elf_section(data, wanted):
    """The bytes of the ELF64 little-endian section named `wanted`, or b""."""
    if data[:4] != b"\x7fELF" or data[4] != 2:
        return b""
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3a)

    def header(i):
        name, _type, _flags, _addr, off, size = struct.unpack_from(
            "<IIQQQQ", data, shoff + i * shentsize)
        return name, off, size
    _, stroff, _ = header(shstrndx)
    for i in range(shnum):
        name, off, size = header(i)
        end = data.index(b"\0", stroff + name)
        if data[stroff + name:end] == wanted:
            return data[off:off + size]
    return b""


def module_depends(path):
    """The module names in the `depends=` field of the module's .modinfo."""
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith(".xz"):
        import lzma
        data = lzma.decompress(data)
    elif path.endswith(".gz"):
        data = gzip.decompress(data)
    elif path.endswith(".zst"):
        data = subprocess.run(["zstd", "-dc", path], check=True,
                              capture_output=True).stdout
    for field in elf_section(data, b".modinfo").split(b"\0"):
        if field.startswith(b"depends="):
            return [d.replace("-", "_") for d in field[8:].decode().split(",") if d]
    return []


def modules_resolve(moddir, wanted):
    """Paths of `wanted` and their dependencies, each after what it needs."""
    index = {module_name(p): p for p in
             glob.glob(os.path.join(moddir, "kernel", "**", "*.ko*"), recursive=True)}
    order, seen = [], set()

    def visit(name, chain):
        if name in seen:
            return
        if name not in index:
            sys.exit(f"linuxvm.py: module {name} ({' <- '.join(chain)}) not in {moddir}")
        seen.add(name)
        for dep in module_depends(index[name]):
            visit(dep, chain + [dep])
        order.append(index[name])
    for name in wanted:
        visit(name, [name])
    return order


def init_build():
    if not os.path.exists(INIT_BIN) or \
       os.path.getmtime(INIT_BIN) < os.path.getmtime(INIT_SRC):
        os.makedirs(CACHE, exist_ok=True)
        run([os.environ.get("BENCH_HOST_CC", "gcc"), "-std=gnu17", "-O2", "-Wall",
             "-Wextra", "-Werror", "-static", "-o", INIT_BIN, INIT_SRC])
    return INIT_BIN


class Cpio:
    """A newc ("070701") archive in memory: what the kernel unpacks as its
    initramfs. Owners are root and times 0, so no privileges are needed."""

    def __init__(self):
        self.out, self.ino = bytearray(), 0

    def _entry(self, name, mode, data=b"", rdev=(0, 0)):
        self.ino += 1
        fields = [self.ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1],
                  len(name) + 1, 0]
        self.out += b"070701" + b"".join(b"%08X" % f for f in fields)
        self.out += name.encode() + b"\0"
        self.out += b"\0" * (-len(self.out) % 4)
        self.out += data
        self.out += b"\0" * (-len(self.out) % 4)

    def dir(self, name):
        self._entry(name, 0o040755)

    def file(self, name, path, mode=0o100755):
        with open(path, "rb") as f:
            self._entry(name, mode, f.read())

    def text(self, name, text):
        self._entry(name, 0o100644, text.encode())

    def chardev(self, name, major, minor):
        self._entry(name, 0o020600, rdev=(major, minor))

    def finish(self):
        self._entry("TRAILER!!!", 0)
        return bytes(self.out)


def initramfs_make(path, init, bench_dir, names, modules):
    cpio = Cpio()
    for d in ("dev", "proc", "sys", "mnt", "etc", "bench", "lib", "lib/modules"):
        cpio.dir(d)
    # The kernel opens /dev/console for init's standard streams before
    # init mounts devtmpfs over /dev.
    cpio.chardev("dev/console", 5, 1)
    cpio.file("init", init)
    for name in list(dict.fromkeys(names + HELPERS)):
        if not os.path.isfile(os.path.join(bench_dir, name)):
            sys.exit(f"linuxvm.py: no {os.path.join(bench_dir, name)} (make bench-linux "
                     "builds the benchmarks for Linux)")
        cpio.file(f"bench/{name}", os.path.join(bench_dir, name))
    listed = []
    for m in modules:
        inside = f"lib/modules/{os.path.basename(m)}"
        cpio.file(inside, m, 0o100644)
        listed.append("/" + inside)
    cpio.text("etc/modules", "\n".join(listed) + "\n")
    with open(path, "wb") as f:
        f.write(gzip.compress(cpio.finish(), compresslevel=6, mtime=0))


def disk_make(tmp):
    """A fresh GPT disk with one ext2 partition, made as user/disk.mk makes
    Tessera's (but empty)."""
    mke2fs = shutil.which("mke2fs") or "/usr/sbin/mke2fs"
    part, disk = os.path.join(tmp, "part.ext2"), os.path.join(tmp, "disk.img")
    run([mke2fs, "-q", "-F", "-t", "ext2", "-b", "4096", "-L", DISK_LABEL,
         "-E", "root_owner=0:0", part, f"{DISK_MIB}M"])
    run([sys.executable, os.path.join(ROOT, "tools", "mkdisk.py"), disk,
         "--part", f"name={DISK_LABEL},type=linux,image={part}"])
    return disk


def qemu_cmd(tmp, vmlinuz, initrd, append, disk, icount, smp):
    """qemu_command's machine with the kernel instead of the CD-ROM; (argv, how)."""
    env = os.environ
    accel = qemu.choose_accel(env.get("ACCEL", "tcg"))
    mem, firmware = env.get("MEM", "512M"), env.get("FIRMWARE", "bios")
    bus = env.get("DISK_BUS", "ahci")
    cpus = "1 CPU" if smp == 1 else f"{smp} CPUs"
    how = f"{accel.upper()}, {cpus}, {mem}, {firmware.upper()}, {bus.upper()} disk"
    placeholder = os.path.join(tmp, "no.iso")
    cmd = qemu.qemu_command(placeholder, smp, mem, firmware, accel, "", tmp, "stdio",
                            disk=disk, disk_bus=bus)
    out, i = [], 0
    while i < len(cmd):     # drop the CD-ROM and the boot from it
        if cmd[i] == "-drive" and cmd[i + 1].startswith(f"file={placeholder},"):
            i += 2
        elif cmd[i] == "-boot" and cmd[i + 1] == "d":
            i += 2
        else:
            out.append(cmd[i])
            i += 1
    if placeholder in " ".join(out) or len(out) != len(cmd) - 4:
        sys.exit("linuxvm.py: qemu_command's CD-ROM arguments changed; update qemu_cmd")
    out += ["-kernel", vmlinuz, "-initrd", initrd, "-append", append]
    return bench.icount_apply(out, accel, icount, how, "linuxvm.py")


def kernel_append(partition, icount, names, disk_users):
    """(the kernel's own options, the whole command line) for the benchmarks
    `names`, those of `disk_users` (commas or blanks; all if none) last,
    each group in the order of `names`."""
    base = f"{APPEND} {ICOUNT_APPEND}" if bench.icount_fixed(icount) else APPEND
    wanted = set(disk_users.replace(",", " ").split())
    users = [n for n in names if n in wanted] or list(names)
    order = [n for n in names if n not in users] + users
    return base, (f"{base} bench_disk={partition} bench_disk_users={','.join(users)} "
                  f"bench_count={len(order)} -- {' '.join(order)}")


def check(lines, status, timed_out, timeout, names, results):
    """What went wrong, or []."""
    problems = [l.strip() for l in lines if FATAL.match(l.strip())]
    problems += [l.strip() for l in lines if KERNEL_TROUBLE.search(l)][:3]
    if timed_out:
        problems.append(f"timed out after {timeout}s")
    elif status is None:
        problems.append("QEMU did not exit")
    if bench.DONE not in (l.strip() for l in lines):
        problems.append(f"no '{bench.DONE}'")
    problems += [f"{n}: no result" for n in names if n not in results]
    return problems


def results_write(path, header, names, results):
    with open(path, "w") as f:
        f.write("\n".join(header) + "\n")
        for name in names:
            for fig, (value, unit) in results.get(name, {}).items():
                f.write(f"linux {fig} {value} {unit}".rstrip() + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="directory for linux-results.txt and linux.log")
    ap.add_argument("--bench-dir", default=os.path.join(BUILD, "bench-linux"),
                    help="the benchmarks built for Linux (default build/bench-linux)")
    ap.add_argument("--disk-users", default="",
                    help="comma- or space-separated benchmarks that use the disk: they run "
                         "last, and the disk is mounted just before the first of them "
                         "(bench/bench.mk's BENCH_DISK_NAMES; default: all)")
    bench.vm_arguments_add(ap, TIMEOUT)
    args = bench.vm_arguments_parse(ap)

    os.makedirs(args.out, exist_ok=True)
    started = datetime.datetime.now().astimezone()
    vmlinuz, moddir, version = kernel_fetch()
    bus = os.environ.get("DISK_BUS", "ahci")
    if bus not in BUS_MODULES:
        sys.exit(f"linuxvm.py: DISK_BUS must be ahci or virtio, not '{bus}'")
    modules = modules_resolve(moddir, BUS_MODULES[bus] + MODULES_WANTED)
    init = init_build()
    base, append = kernel_append(BUS_PARTITION[bus], args.icount, args.names, args.disk_users)
    log_path = os.path.join(args.out, "linux.log")
    with tempfile.TemporaryDirectory(prefix="tessera-linuxvm-") as tmp:
        initrd = os.path.join(tmp, "initramfs.cpio.gz")
        initramfs_make(initrd, init, args.bench_dir, args.names, modules)
        disk = disk_make(tmp)
        cmd, how = qemu_cmd(tmp, vmlinuz, initrd, append, disk, args.icount, args.smp)
        print(f"Linux {version} in QEMU ({how}), command line '{append}':", flush=True)
        lines, status, timed_out = qemu.run_serial(
            cmd, args.timeout, on_line=lambda line: print("  " + line, flush=True))
    with open(log_path, "w") as f:
        f.write(" ".join(cmd) + "\n\n" + "\n".join(lines) + "\n")
    results = bench.parse(lines, set(args.names))
    header = [f"# {started:%Y-%m-%d %H:%M %Z}, tools/linuxvm.py",
              f"# linux: Debian linux-image {version} in QEMU {how}, "
              f"command line '{base}', ext2 on {BUS_PARTITION[bus]} mounted on /mnt",
              "# a figure `n/a` does not exist on that system"]
    results_path = os.path.join(args.out, "linux-results.txt")
    results_write(results_path, header, args.names, results)
    print(f"Raw results: {results_path}; log: {log_path}")
    problems = check(lines, status, timed_out, args.timeout, args.names, results)
    for p in problems:
        print(f"FAIL linux: {p}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
