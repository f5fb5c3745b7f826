#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Boot from the disk, write, power off, and check the disk from the host.

  test_disk.py --iso build/tessera.iso --disk build/disk.img [--bus ahci|virtio]

Each run boots Tessera on a fresh copy of the disk image with
root=tessera-root, so init carries on from the ext2 root that pcid, the
disk driver and ext2fsd bring up, and runs the in-Tessera test
test_disk_root (user/tests/test_disk_root.c): it writes files of known
contents, links, a sparse file, renames and truncates, then kills the
disk driver 20 times and crashes it 20 times (its test-only request,
disk.<drv><n>.ctl:crash) during a checksummed
write-and-verify workload. init powers off after the test. The host then
checks the image: `e2fsck -fn` must report it clean and `debugfs` must
read back exactly the bytes that were written (the same generator as the
test's, below) and the attributes that were set.
"""
import argparse
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import qemu  # noqa: E402
import console  # noqa: E402

# user/tests/test_disk_root.c's host_sizes and file names.
HOST_SIZES = [0, 1, 1023, 1024, 4095, 4096, 4097, 65536, 300000, 5 << 20]
OUT = "/var/disk-test"
SYNC_FILE = "/var/sync-test"


def pattern(seed, n):
    """test_disk_root.c's pattern_fill: xorshift32, low byte of each state."""
    x = (seed * 2654435761 + 1) & 0xffffffff
    out = bytearray(n)
    for i in range(n):
        x ^= (x << 13) & 0xffffffff
        x ^= x >> 17
        x ^= (x << 5) & 0xffffffff
        out[i] = x & 0xff
    return bytes(out)


def tool(name):
    return shutil.which(name) or os.path.join("/usr/sbin", name)


def root_partition(img, out):
    """Copies GPT partition 1 of img into out (no loop devices needed)."""
    with open(img, "rb") as f:
        f.seek(512)
        hdr = f.read(92)
        if hdr[:8] != b"EFI PART":
            raise RuntimeError("no GPT header")
        entries_lba = struct.unpack_from("<Q", hdr, 72)[0]
        f.seek(entries_lba * 512)
        ent = f.read(128)
        first, last = struct.unpack_from("<QQ", ent, 32)
        f.seek(first * 512)
        left = (last - first + 1) * 512
        with open(out, "wb") as o:
            while left:
                chunk = f.read(min(left, 1 << 20))
                o.write(chunk)
                left -= len(chunk)


def debugfs(part, request):
    r = subprocess.run([tool("debugfs"), "-R", request, part], capture_output=True)
    return r.stdout, r.stderr.decode(errors="replace")


def dump(part, path, tmp):
    out = os.path.join(tmp, "dumped")
    if os.path.exists(out):
        os.unlink(out)
    debugfs(part, f"dump {path} {out}")
    if not os.path.exists(out):
        return None
    with open(out, "rb") as f:
        return f.read()


def check_image(part, tmp, check):
    r = subprocess.run([tool("e2fsck"), "-fn", part], capture_output=True, text=True)
    check("e2fsck_clean", r.returncode == 0,
          f"e2fsck -fn exit {r.returncode}: {(r.stdout + r.stderr)[-600:]}")
    for i, size in enumerate(HOST_SIZES):
        got = dump(part, f"{OUT}/f{i}", tmp)
        want = pattern(i + 1, size)
        check(f"file_f{i}_{size}_bytes", got == want,
              "missing" if got is None else f"{len(got)} bytes, differ from the pattern")
    got = dump(part, f"{OUT}/sparse", tmp)
    check("sparse_file", got is not None and len(got) == (6 << 20) + 10 and
          got[:6 << 20] == bytes(6 << 20) and got[6 << 20:] == b"0123456789",
          "wrong contents")
    st, _ = debugfs(part, f"stat {OUT}/sparse")
    blocks = re.search(rb"Blockcount: (\d+)", st)
    check("sparse_file_has_a_hole", blocks is not None and int(blocks.group(1)) < 64,
          f"blockcount {blocks.group(1) if blocks else '?'} (512-byte units)")
    st, _ = debugfs(part, f"stat {OUT}/link-to-f3")
    check("symlink", b"f3" in st and b"Type: symlink" in st, st[:200])
    st, _ = debugfs(part, f"stat {OUT}/hard-f4")
    check("hard_link", b"Links: 2" in st, st[:200])
    check("renamed", dump(part, f"{OUT}/renamed", tmp) == pattern(99, 5000), "differs")
    check("moved_away_is_gone", dump(part, f"{OUT}/sub/moved-away", tmp) is None, "still there")
    check("deleted_is_gone", dump(part, f"{OUT}/deleted", tmp) is None, "still there")
    check("truncated", dump(part, f"{OUT}/truncated", tmp) == pattern(97, 100000)[:1500],
          "differs")
    st, _ = debugfs(part, f"stat {OUT}/f1")
    check("chmod_0640", re.search(rb"Mode:\s+0640", st) is not None, st[:200])


def prompt_tolerant_rx(text):
    """A regex for `text` with the harness's prompt possibly printed into
    the middle of it: init writes its line to the console while the shell,
    another writer, prints the prompt (CI saw "init: disk was kT3SS> illed")."""
    return "".join(re.escape(ch) + f"(?:{console.PROMPT_RX})?" for ch in text)


def sync_check(con, img, check):
    """`sync` returns when a file just written is on the disk: read back
    from the image by the host while Tessera still runs. Without a working
    sync the data would get there only when ext2fsd's 5 s write-back timer
    happened to fire first."""
    words = "written before sync, read by the host"
    con.run(f"echo '{words}' > {SYNC_FILE} && sync", timeout=120)
    with tempfile.TemporaryDirectory(prefix="tessera-sync-") as tmp:
        part = os.path.join(tmp, "root.ext2")
        root_partition(img, part)
        data = dump(part, SYNC_FILE, tmp)
    check("sync_writes_to_the_disk", data == (words + "\n").encode(),
          f"the image holds {data!r} at {SYNC_FILE}")


def seed_scenario(iso, img, logdir, check, smp=2):
    """The scenario the design promises, at the console of the normal
    system booted on the disk: a file is listed, the disk driver crashes
    (its test-only request makes it dereference NULL), the kernel says so
    and init restarts it, and the same command works again; `sync` puts
    a new file on the disk at once — then a clean power-off."""
    con = console.Console(iso, smp=smp, cmdline="root=tessera-root", disk=img,
                          log_path=os.path.join(logdir, "disk_seed.log"))
    with con:
        try:
            con.start()
            con.login()
            first = con.run("ls /etc/motd")
            check("seed_ls_before", first == "/etc/motd", f"output {first!r}")
            start = con.cursor
            con.run("echo crash > disk.ahci0.ctl:crash", timeout=60)
            # The log lines come before or after the prompt: look from the command on.
            for rx in (r"Driver 'disk' crashed \(ahcid\[\d+\], signal 11\)",
                       prompt_tolerant_rx("init: disk was killed by signal 11") + ".*restarting",
                       r"init: started disk \(pid \d+\)"):
                con.cursor = start
                con.wait_for(rx, timeout=120)
            con.consume()
            after = con.run("ls /etc/motd", timeout=120)
            check("seed_ls_after_the_crash", after.endswith("/etc/motd"), f"output {after!r}")
            sync_check(con, img, check)
            check("seed_clean_poweroff", con.poweroff() == 0, "poweroff did not exit 0")
        except console.ConsoleError as e:
            check("seed_scenario", False, f"{e} (log: {logdir}/disk_seed.log)")


def run(iso, disk, logdir, record, bus="ahci", smp=2):
    done = set()

    def check(name, ok, why):
        done.add(name)
        record(f"disk_{bus}/{name}", ok, "" if ok else why)

    os.makedirs(logdir, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tessera-disk-") as tmp:
        img = os.path.join(tmp, "disk.img")
        shutil.copyfile(disk, img)
        cmd = qemu.qemu_command(iso, smp=smp, cmdline="root=tessera-root test -- test_disk_root",
                                vars_dir=tmp, disk=img, disk_bus=bus)
        lines, status, timed_out = qemu.run_serial(cmd, timeout=1800)
        with open(os.path.join(logdir, f"disk_{bus}.log"), "w") as f:
            f.write("\n".join(lines) + "\n")
        text = "\n".join(lines)
        summary = re.search(r"test_disk_root: (\d+) passed, (\d+) failed", text)
        check("tessera_test_passed", summary is not None and summary.group(2) == "0"
              and summary.group(1) == "4" and not timed_out,
              "timed out" if timed_out else
              (summary.group(0) if summary else "no summary") + f" (log: {logdir}/disk_{bus}.log)")
        # Each test ran for real (a skip also counts as passed).
        wanted = ["root_is_ext2_on_the_disk", "files_written_for_the_host_to_check",
                  "files_survive_the_driver_killed_20_times",
                  "files_survive_the_driver_crashing_20_times"]
        for name in wanted:
            ran = re.search(rf"^test_disk_root: ok   {name}$", text, re.M) is not None
            check(f"ran_{name}", ran, "failed or skipped")
        check("root_was_the_disk", "init: started rootfs" in text and
              re.search(r"rootfs: root file system tessera-root is disk\.", text) is not None,
              "rootfs did not find the partition")
        check("driver_crash_logged", re.search(r"Driver 'disk' crashed \(\w+\[\d+\], signal 11\)",
                                               text) is not None, "no fault line in the log")
        if bus == "ahci":
            seed_scenario(iso, img, logdir, check, smp)
        part = os.path.join(tmp, "root.ext2")
        root_partition(img, part)
        check_image(part, tmp, check)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--iso", required=True)
    ap.add_argument("--disk", required=True)
    ap.add_argument("--bus", default="ahci")
    args = ap.parse_args()
    failed = []

    def record(name, ok, why):
        print(f"{'PASS' if ok else 'FAIL'} {name}{'' if ok else ': ' + why}", flush=True)
        if not ok:
            failed.append(name)

    run(args.iso, args.disk, os.path.join(os.path.dirname(args.iso), "test-logs"), record,
        args.bus)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
