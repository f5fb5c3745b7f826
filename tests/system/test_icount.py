#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`make bench ICOUNT=0` repeats: two boots, the same figures to the last digit.

  test_icount.py --iso build/tessera.iso --disk build/disk.img

Boots Tessera twice at once, as `make bench ICOUNT=0` does (QEMU
-icount shift=0 with tools/bench.py's options, one CPU, the root on a
copy of the disk), running the benchmarks of NAMES, and checks that
every figure came out the same in both, digit for digit. The names are
benchmarks that need no disk but run long enough, in guest time, for
anything the boot left pending to land among them (ext2fsd's write-back
of what the boot changed, 5 s after the change, did until init synced
before the first benchmark). The figures of benchmarks that wait for the
disk are not expected to repeat: a disk request completes in host time
(docs/performance.md). Under another accelerator than TCG there is no
-icount, and the check is skipped.
"""
import argparse
import os
import sys
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import bench  # noqa: E402
import qemu  # noqa: E402

NAMES = ["fork_exit_wait", "null_syscall", "page_fault", "pipe_pingpong",
         "thread_create_join", "yield_pingpong"]
TIMEOUT = 1800


def boot_twice(iso, disk, logdir):
    """[(results, error)] of two simultaneous runs."""
    out = [None, None]

    def one(i):
        log = os.path.join(logdir, f"icount_run{i + 1}.log")
        results, _, error = bench.run_tessera(iso, disk, NAMES, TIMEOUT, "0", 1, log)
        out[i] = (results, error)
    threads = [threading.Thread(target=one, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def compare(a, b):
    """[(figure, same, why)] over every figure either run printed."""
    checks = []
    for name in NAMES:
        fa, fb = a.get(name, {}), b.get(name, {})
        for fig in list(fa) + [f for f in fb if f not in fa]:
            va, vb = fa.get(fig), fb.get(fig)
            checks.append((fig, va is not None and va == vb,
                           f"{' '.join(va or ('missing',))} vs {' '.join(vb or ('missing',))}"))
    return checks


def run(iso, disk, logdir, record):
    if qemu.choose_accel(os.environ.get("ACCEL", "tcg")) != "tcg":
        print("icount: skipped, -icount needs TCG", flush=True)
        return
    os.makedirs(logdir, exist_ok=True)
    (ra, ea), (rb, eb) = boot_twice(iso, disk, logdir)
    record("icount/both_runs_completed", not ea and not eb, "; ".join(e for e in (ea, eb) if e))
    checks = compare(ra, rb)
    record("icount/every_benchmark_printed", all(n in ra and n in rb for n in NAMES),
           f"missing in a run: {[n for n in NAMES if n not in ra or n not in rb]}")
    for fig, same, why in checks:
        record(f"icount/{fig}_repeats", same, why)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--iso", required=True)
    ap.add_argument("--disk", required=True)
    args = ap.parse_args()
    import testrun      # here: testrun imports this file
    tally = testrun.Tally()
    run(args.iso, args.disk, os.path.join(os.path.dirname(args.iso), "test-logs"), tally.record)
    print(f"{tally.passed} passed, {tally.failed} failed")
    sys.exit(1 if tally.failed else 0)


if __name__ == "__main__":
    main()
