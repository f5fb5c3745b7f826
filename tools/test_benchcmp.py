#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Host tests of tools/benchcmp.py and tools/pngchart.py on made-up
results: parsing (only the named system's lines, n/a, notes), ratios and
their direction per unit, several runs' medians and spreads, the exact
CSV, and the PNG taken apart again (chunks and CRCs, the decompressed
rows, the colour of known pixels). Also the virtual machines' options
that make -icount figures repeat (tools/bench.py's icount_apply and
tessera_cmdline, tools/linuxvm.py's kernel_append): built, not booted;
and bench.py's results header.
A second or so: python3 tools/test_benchcmp.py; `make test` runs it (as
build/host/tests/benchcmp) and reads the last line, "benchcmp: N passed,
N failed".
"""
import os
import struct
import subprocess
import sys
import tempfile
import unittest
import zlib

TOOLS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, TOOLS)
import bench  # noqa: E402
import benchcmp  # noqa: E402
import linuxvm  # noqa: E402
import pngchart  # noqa: E402

TESSERA = """# 2026-11-24, tools/bench.py
# tessera: QEMU TCG, 1 CPU
# linux: the host, natively
tessera null_syscall 300.0 ns
tessera shm_bandwidth 800.0 MB/s
tessera disk_read 436.5 MB/s
tessera fork_exit_wait 85.5 us
tessera odd_unit 5 widgets
linux null_syscall 76.1 ns
"""
LINUX = """# linux: Debian 6.1 in QEMU TCG, 1 CPU
linux null_syscall 100.0 ns
linux shm_bandwidth 1600.0 MB/s
linux disk_read n/a
linux fork_exit_wait 171000 ns
linux odd_unit 5 gadgets
linux only_linux 7.0 ns
tessera null_syscall 1.0 ns
"""


def png_chunks(data):
    """[(kind, payload)] of a PNG, checking the signature and every CRC."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", data[:8]
    out, i = [], 8
    while i < len(data):
        (n,) = struct.unpack(">I", data[i:i + 4])
        kind, payload = data[i + 4:i + 8], data[i + 8:i + 8 + n]
        (crc,) = struct.unpack(">I", data[i + 8 + n:i + 12 + n])
        assert crc == zlib.crc32(kind + payload) & 0xFFFFFFFF, kind
        out.append((kind, payload))
        i += 12 + n
    return out


class Parse(unittest.TestCase):
    def test_only_the_system_asked_for(self):
        figures, notes = benchcmp.parse(TESSERA, "tessera")
        self.assertEqual(figures, {"null_syscall": ("300.0", "ns"),
                                   "shm_bandwidth": ("800.0", "MB/s"),
                                   "disk_read": ("436.5", "MB/s"),
                                   "fork_exit_wait": ("85.5", "us"),
                                   "odd_unit": ("5", "widgets")})
        self.assertEqual(notes[1], "tessera: QEMU TCG, 1 CPU")
        linux, _ = benchcmp.parse(LINUX, "linux")
        self.assertEqual(linux["disk_read"], ("n/a", ""))
        self.assertEqual(linux["null_syscall"], ("100.0", "ns"))
        self.assertEqual(list(linux)[-1], "only_linux")


class Ratios(unittest.TestCase):
    def test_values(self):
        self.assertEqual(benchcmp.ratio(("300", "ns"), ("100", "ns")), 3.0)
        self.assertAlmostEqual(benchcmp.ratio(("85.5", "us"), ("171000", "ns")), 0.5)
        self.assertIsNone(benchcmp.ratio(("1", "MB/s"), ("n/a", "")))
        self.assertIsNone(benchcmp.ratio(("5", "widgets"), ("5", "gadgets")))
        self.assertIsNone(benchcmp.ratio(None, ("5", "ns")))
        self.assertIsNone(benchcmp.ratio(("5", "ns"), ("0.0", "ns")))

    def test_direction_per_unit(self):
        self.assertEqual(benchcmp.verdict(3.0, "lower"), "Tessera 3x worse")
        self.assertEqual(benchcmp.verdict(0.5, "lower"), "Tessera 2x better")
        self.assertEqual(benchcmp.verdict(0.5, "higher"), "Tessera 2x worse")
        self.assertEqual(benchcmp.verdict(4.0, "higher"), "Tessera 4x better")
        self.assertEqual(benchcmp.verdict(1.0, "higher"), "same")
        self.assertEqual(benchcmp.verdict(2.0, ""), "")
        self.assertEqual(benchcmp.better("us"), "lower")
        self.assertEqual(benchcmp.better("MB/s"), "higher")


class Outputs(unittest.TestCase):
    def setUp(self):
        self.rows = benchcmp.rows(benchcmp.parse(TESSERA, "tessera")[0],
                                  benchcmp.parse(LINUX, "linux")[0])

    def test_csv_exact(self):
        self.assertEqual(benchcmp.csv_text(self.rows), (
            "bar,metric,tessera,linux,unit,ratio,better,verdict\n"
            "1,null_syscall,300.0,100.0,ns,3,lower,Tessera 3x worse\n"
            "2,shm_bandwidth,800.0,1600.0,MB/s,0.5,higher,Tessera 2x worse\n"
            "3,disk_read,436.5,n/a,MB/s,,higher,\n"
            "4,fork_exit_wait,85.5,171000,us / ns,0.5,lower,Tessera 2x better\n"
            "5,odd_unit,5,5,widgets / gadgets,,,\n"
            "6,only_linux,-,7.0,ns,,lower,\n"))

    def test_table_lines(self):
        lines = benchcmp.table(self.rows).splitlines()
        self.assertEqual(lines[0].split(), ["#", "metric", "Tessera", "Linux", "unit",
                                            "Tessera/Linux", "better", "verdict"])
        self.assertEqual(lines[2].split(), ["1", "null_syscall", "300.0", "100.0", "ns",
                                            "3", "lower", "Tessera", "3x", "worse"])
        self.assertEqual(len(lines), 2 + 6 + 2)

    def test_png(self):
        img = benchcmp.chart(self.rows)
        chunks = png_chunks(img.png())
        self.assertEqual([k for k, _ in chunks], [b"IHDR", b"IDAT", b"IEND"])
        w, h, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
        self.assertEqual((w, h, depth, colour, interlace), (img.width, img.height, 8, 2, 0))
        raw = zlib.decompress(chunks[1][1])
        self.assertEqual(len(raw), h * (1 + 3 * w))
        self.assertTrue(all(raw[y * (1 + 3 * w)] == 0 for y in range(h)))
        axis = pngchart.TOP + pngchart.HALF
        slot = pngchart.BAR_W + pngchart.BAR_GAP

        def bar_pixel(i, dy):
            x = pngchart.LEFT + i * slot + pngchart.BAR_GAP // 2 + pngchart.BAR_W // 2
            row = (axis + dy) * (1 + 3 * w) + 1 + 3 * x
            return tuple(raw[row:row + 3])
        self.assertEqual(bar_pixel(0, -5), pngchart.WORSE)    # 3: up, red
        self.assertEqual(bar_pixel(0, 5), pngchart.WHITE)
        self.assertEqual(bar_pixel(1, 5), pngchart.WORSE)     # MB/s 0.5: down, red
        self.assertEqual(bar_pixel(3, 5), pngchart.BETTER)    # us 0.5: down, green
        self.assertEqual(bar_pixel(2, -5), pngchart.WHITE)    # n/a: no bar
        self.assertEqual(bar_pixel(2, 5), pngchart.WHITE)

    def test_font_draws_and_rotates(self):
        img = pngchart.Image(8, 8)
        img.text(0, 0, "L")                 # 100/100/100/100/111
        self.assertEqual(img.get(0, 0), pngchart.BLACK)
        self.assertEqual(img.get(1, 0), pngchart.WHITE)
        self.assertEqual(img.get(2, 4), pngchart.BLACK)
        img = pngchart.Image(8, 8)
        img.text(0, 0, "L", down=True)      # the stem becomes the top row
        self.assertEqual([img.get(x, 0) for x in range(5)], [pngchart.BLACK] * 5)
        self.assertEqual(img.get(0, 2), pngchart.BLACK)
        self.assertEqual(img.get(4, 2), pngchart.WHITE)


class Runs(unittest.TestCase):
    RUNS = [{"a": ("10.0", "ns"), "b": ("n/a", ""), "c": ("4.0", "MB/s")},
            {"a": ("12.0", "ns"), "b": ("n/a", ""), "c": ("5.0", "MB/s"), "d": ("1", "ns")},
            {"a": ("11.0", "ns"), "b": ("n/a", ""), "c": ("n/a", "")}]

    def test_median_odd_as_written_even_as_the_mean(self):
        self.assertEqual(benchcmp.median(["3.10", "1", "2.5"]), "2.5")
        self.assertEqual(benchcmp.median(["1.0", "2.25"]), "1.62")
        self.assertEqual(benchcmp.median(["10", "7"]), "8")

    def test_combine_medians_spreads_and_n_a(self):
        c = benchcmp.combine(self.RUNS, "t")
        self.assertEqual(list(c), ["a", "b", "c", "d"])
        self.assertEqual(c["a"][:2], ("11.0", "ns"))
        self.assertAlmostEqual(c["a"][2], 2 / 11)
        self.assertEqual(c["b"], ("n/a", "", None))
        self.assertEqual(c["c"][:2], ("4.5", "MB/s"))     # the n/a run does not count
        self.assertAlmostEqual(c["c"][2], 1 / 4.5)
        self.assertEqual(c["d"], ("1", "ns", 0.0))
        with self.assertRaises(SystemExit):
            benchcmp.combine([{"a": ("1", "ns")}, {"a": ("1", "us")}], "t")

    def test_spread_columns_only_for_several_runs(self):
        t = benchcmp.combine(self.RUNS, "t")
        lx = benchcmp.combine([{"a": ("22.0", "ns"), "d": ("2", "ns")}] * 2, "l")
        rs = benchcmp.rows(t, lx)
        self.assertEqual(benchcmp.csv_text(rs), (
            "bar,metric,tessera,tessera_spread,linux,linux_spread,unit,ratio,better,verdict\n"
            "1,a,11.0,18%,22.0,0%,ns,0.5,lower,Tessera 2x better\n"
            "2,b,n/a,,-,,,,,\n"
            "3,c,4.5,22%,-,,MB/s,,higher,\n"
            "4,d,1,0%,2,0%,ns,0.5,lower,Tessera 2x better\n"))
        head = benchcmp.table(rs).splitlines()[0].split()
        self.assertEqual(head[:6], ["#", "metric", "Tessera", "spread", "Linux", "spread"])
        self.assertEqual(benchcmp.fmt_spread(("1", "ns", 0.00005)), "<0.01%")
        self.assertEqual(benchcmp.fmt_spread(("1", "ns", 0.0012)), "0.12%")
        self.assertEqual(benchcmp.fmt_spread(("1", "ns")), "")
        single = benchcmp.rows({"a": ("1", "ns")}, {"a": ("2", "ns")})
        self.assertEqual(benchcmp.columns(single), benchcmp.COLUMNS)


class CommandLine(unittest.TestCase):
    def test_end_to_end_and_missing_input(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "results.txt"), "w") as f:
                f.write(TESSERA)
            script = os.path.join(TOOLS, "benchcmp.py")
            p = subprocess.run([sys.executable, script, "--out", d],
                               capture_output=True, text=True)
            self.assertEqual(p.returncode, 1)
            self.assertIn("linux-results.txt", p.stderr)
            with open(os.path.join(d, "linux-results.txt"), "w") as f:
                f.write(LINUX)
            p = subprocess.run([sys.executable, script, "--out", d],
                               capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn("# linux: Debian 6.1 in QEMU TCG, 1 CPU", p.stdout)
            self.assertNotIn("the host, natively", p.stdout)
            with open(os.path.join(d, "compare.csv")) as f:
                self.assertEqual(f.read(), benchcmp.csv_text(self.rows()))
            with open(os.path.join(d, "compare.png"), "rb") as f:
                self.assertEqual(f.read()[:8], b"\x89PNG\r\n\x1a\n")
            runs = [os.path.join(d, "results.txt")] * 3
            p = subprocess.run([sys.executable, script, "--out", d, "--tessera"] + runs +
                               ["--linux", os.path.join(d, "linux-results.txt")],
                               capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertIn("# tessera: 3 runs; each figure is their median", p.stdout)
            with open(os.path.join(d, "compare.csv")) as f:
                self.assertTrue(f.readline().startswith("bar,metric,tessera,tessera_spread,"))

    def rows(self):
        return benchcmp.rows(benchcmp.parse(TESSERA, "tessera")[0],
                             benchcmp.parse(LINUX, "linux")[0])


class IcountOptions(unittest.TestCase):
    CMD = ["qemu-system-x86_64", "-accel", "tcg,thread=multi", "-smp", "2"]

    def test_off_and_other_accelerators_leave_the_command(self):
        self.assertEqual(bench.icount_apply(list(self.CMD), "tcg", "off", "TCG", "t"),
                         (self.CMD, "TCG"))
        self.assertEqual(bench.icount_apply(list(self.CMD), "kvm", "0", "KVM", "t"),
                         (self.CMD, "KVM"))

    def test_fixed_shift_is_single_threaded_seeded_and_dated(self):
        cmd, how = bench.icount_apply(list(self.CMD), "tcg", "0", "TCG", "t")
        self.assertIn("tcg,thread=single", cmd)
        self.assertNotIn("tcg,thread=multi", cmd)
        self.assertEqual(cmd[cmd.index("-icount") + 1], "shift=0,sleep=off")
        self.assertEqual(cmd[cmd.index("-seed") + 1], "1")
        self.assertTrue(cmd[cmd.index("-rtc") + 1].endswith(",clock=vm"))
        self.assertIn("shift=0", how)

    def test_auto_follows_host_time_without_the_fixed_options(self):
        cmd, _ = bench.icount_apply(list(self.CMD), "tcg", "auto", "TCG", "t")
        self.assertEqual(cmd[-2:], ["-icount", "shift=auto"])
        self.assertNotIn("-seed", cmd)

    def test_no_multithreaded_tcg_to_replace_is_an_error(self):
        with self.assertRaises(SystemExit):
            bench.icount_apply(["qemu"], "tcg", "0", "TCG", "t")

    def test_idle_loops_spin_only_under_a_fixed_shift(self):
        self.assertEqual(bench.tessera_cmdline("disk.img", "0", ["a", "b"]),
                         "root=tessera-root idle=poll test -- bench a b")
        self.assertEqual(bench.tessera_cmdline(None, "off", ["a"]), "test -- bench a")
        self.assertEqual(bench.tessera_cmdline(None, "auto", []), "test -- bench")
        base, _ = linuxvm.kernel_append("/dev/sda1", "0", ["a"], "")
        self.assertIn("idle=poll", base.split())
        self.assertIn("nokaslr", base.split())
        self.assertIn("edd=off", base.split())
        base, _ = linuxvm.kernel_append("/dev/sda1", "off", ["a"], "")
        self.assertNotIn("idle=poll", base.split())

    def test_results_header_says_how_it_ran(self):
        import datetime
        when = datetime.datetime(2026, 11, 24, 23, 5, tzinfo=datetime.timezone.utc)
        lines = bench.results_header(when, "TCG, 1 CPU", "disk.img", "0", "cpu", "6.1")
        self.assertEqual(lines[0], "# 2026-11-24 23:05 UTC, tools/bench.py")
        self.assertEqual(lines[1], "# tessera: QEMU TCG, 1 CPU, command line "
                                   "'root=tessera-root idle=poll test -- bench NAME...'")
        self.assertTrue(all(line.startswith("# ") for line in lines))
        self.assertEqual(benchcmp.parse("\n".join(lines), "tessera"), ({}, [l[2:] for l in lines]))

    def test_linux_runs_the_disk_users_last_and_counts_the_names(self):
        _, line = linuxvm.kernel_append("/dev/vda1", "off", ["disk_read", "a", "file_rw", "b"],
                                        "file_rw,disk_read nonexistent")
        self.assertTrue(line.endswith(" bench_disk=/dev/vda1 bench_disk_users=disk_read,file_rw "
                                      "bench_count=4 -- a b disk_read file_rw"), line)
        _, line = linuxvm.kernel_append("/dev/sda1", "off", ["a", "b"], "")
        self.assertTrue(line.endswith("bench_disk_users=a,b bench_count=2 -- a b"), line)


def main():
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(suite)
    failed = len(result.failures) + len(result.errors)
    print(f"benchcmp: {result.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
