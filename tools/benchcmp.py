#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tessera against Linux: one table from the two benchmark runs.

  benchcmp.py --out DIR [--tessera FILE...] [--linux FILE...]

`make bench-compare` runs this after `make bench` (tools/bench.py, Tessera
in QEMU: DIR/results.txt) and `make bench-linux` (tools/linuxvm.py, Linux
in the same QEMU configuration: DIR/linux-results.txt). Both files hold
lines `system figure value unit` (or `system figure n/a`) after `#` lines
saying how they were taken. Only the `tessera` lines of results.txt are
read: its `linux` lines are the host running natively, not the VM.

For each figure: Tessera's value, Linux's, and the ratio Tessera/Linux.
Whether a ratio above 1 is good depends on the unit: for a time (ns, us,
ms, s) lower is better, so a ratio of 3 means Tessera takes three times
as long; for a rate (MB/s) higher is better, so 3 means Tessera moves
three times as much. The table's `better` column says which, and the
`verdict` column says who wins by how much, always as a factor >= 1.
Times in different units are converted before dividing; any other unit
mismatch, a missing figure or an n/a leaves the ratio empty.

Several files per system (`make bench-compare RUNS=N` runs each system N
times, alternately) are several runs: each figure is then the median of
the runs' values (the middle one of an odd count, as written; the mean of
the two middle ones of an even count), and two more columns give each
system's spread, (largest - smallest) / median, in per cent: how far a
figure can be trusted on this host. A run where a figure is n/a or
missing does not count for it.

Written: the table on standard output, DIR/compare.csv (the same columns
plus the bar number) and DIR/compare.png, a bar chart of the ratios on a
log scale (tools/pngchart.py), red where Tessera is worse, green where it
is better, bars numbered as in the CSV. The exit status is 1 when either
input file is missing or holds no figure, else 0: a figure missing on one
side is shown as `-`, not a failure (tools/bench.py and linuxvm.py judge
their own runs).
"""
import argparse
import csv
import io
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pngchart  # noqa: E402

LINE = re.compile(r"^(\w+) ([a-z_][a-z0-9_]*) (?:(n/a)|([0-9]+(?:\.[0-9]+)?) (\S+))$")
TIME_NS = {"ns": 1, "us": 1e3, "µs": 1e3, "ms": 1e6, "s": 1e9}
HIGHER_BETTER = {"MB/s"}
COLUMNS = ["bar", "metric", "tessera", "linux", "unit", "ratio", "better", "verdict"]
COLUMNS_RUNS = ["bar", "metric", "tessera", "tessera_spread", "linux", "linux_spread",
                "unit", "ratio", "better", "verdict"]


def parse(text, system):
    """(figures, notes): figures {name: (value str or "n/a", unit)} of the
    lines of `system`, in file order; notes the `#` lines, without '# '."""
    figures, notes = {}, []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("#"):
            notes.append(line.lstrip("# "))
            continue
        m = LINE.match(line)
        if m and m.group(1) == system:
            figures[m.group(2)] = ("n/a", "") if m.group(3) else (m.group(4), m.group(5))
    return figures, notes


def median(values):
    """The median of value strings: the middle one of an odd count, as
    written; the mean of the two middle ones of an even count, with as
    many decimals as the most precise input."""
    ordered = sorted(values, key=float)
    n = len(ordered)
    if n % 2:
        return ordered[n // 2]
    decimals = max(len(v.partition(".")[2]) for v in values)
    return f"{(float(ordered[n // 2 - 1]) + float(ordered[n // 2])) / 2:.{decimals}f}"


def combine(runs, what):
    """One figures dict from several runs' (parse's), in first-seen order:
    {name: (median, unit, spread)}, spread (max - min) / median as a
    fraction (None for a median of 0); ("n/a", "", None) for a figure no
    run has a value for. `what` names the runs in an error: one figure in
    two units is one."""
    seen = {}
    for figures in runs:
        for name, (value, unit) in figures.items():
            seen.setdefault(name, [])
            if value != "n/a":
                seen[name].append((value, unit))
    out = {}
    for name, values in seen.items():
        if not values:
            out[name] = ("n/a", "", None)
            continue
        units = {u for _, u in values}
        if len(units) > 1:
            sys.exit(f"benchcmp.py: {what}: {name} in {' and '.join(sorted(units))}")
        nums = [v for v, _ in values]
        mid = median(nums)
        spread = None
        if float(mid):
            spread = (max(map(float, nums)) - min(map(float, nums))) / float(mid)
        out[name] = (mid, values[0][1], spread)
    return out


def fmt_spread(figure):
    """'' for a single run's figure (no spread), else the spread in per cent:
    exactly 0 (the runs agree to the last digit) kept apart from a little."""
    if not figure or len(figure) < 3 or figure[2] is None:
        return ""
    percent = 100 * figure[2]
    if percent == 0:
        return "0%"
    return "<0.01%" if percent < 0.01 else f"{percent:.2g}%"


def better(unit):
    """'lower', 'higher' or '' (unknown unit: no verdict)."""
    if unit in TIME_NS:
        return "lower"
    return "higher" if unit in HIGHER_BETTER else ""


def ratio(t, l):
    """Tessera/Linux as a float, or None; t and l are (value, unit) or None."""
    if not t or not l or "n/a" in (t[0], l[0]):
        return None
    tv, lv = float(t[0]), float(l[0])
    if t[1] != l[1]:
        if t[1] not in TIME_NS or l[1] not in TIME_NS:
            return None
        tv, lv = tv * TIME_NS[t[1]], lv * TIME_NS[l[1]]
    if lv == 0 or tv == 0:
        return None
    return tv / lv


def verdict(r, direction):
    """'Tessera 3.0x worse', 'Tessera 2.0x better', 'same' or ''."""
    if r is None or not direction:
        return ""
    worse = r > 1 if direction == "lower" else r < 1
    factor = r if r >= 1 else 1 / r
    if fmt_ratio(factor) == "1":
        return "same"
    return f"Tessera {fmt_ratio(factor)}x {'worse' if worse else 'better'}"


def fmt_ratio(r):
    if r is None:
        return ""
    return f"{r:.3g}" if r < 1000 else f"{r:.0f}"


def rows(tessera, linux):
    """One dict per figure (COLUMNS), Tessera's order, then any only Linux has."""
    out = []
    for name in list(tessera) + [n for n in linux if n not in tessera]:
        t, l = tessera.get(name), linux.get(name)
        unit = (t and t[1]) or (l and l[1]) or ""
        if t and l and t[1] and l[1] and t[1] != l[1]:
            unit = f"{t[1]} / {l[1]}"
        r = ratio(t, l)
        direction = better((t and t[1]) or (l and l[1]) or "")
        out.append({"bar": str(len(out) + 1), "metric": name,
                    "tessera": t[0] if t else "-", "linux": l[0] if l else "-",
                    "tessera_spread": fmt_spread(t), "linux_spread": fmt_spread(l),
                    "unit": unit, "ratio": fmt_ratio(r), "better": direction,
                    "verdict": verdict(r, direction), "_ratio": r})
    return out


def columns(rs):
    """COLUMNS_RUNS when the figures come from several runs, else COLUMNS."""
    return COLUMNS_RUNS if any(r["tessera_spread"] or r["linux_spread"] for r in rs) else COLUMNS


def table(rs):
    head = {"bar": "#", "metric": "metric", "tessera": "Tessera", "linux": "Linux",
            "tessera_spread": "spread", "linux_spread": "spread",
            "unit": "unit", "ratio": "Tessera/Linux", "better": "better",
            "verdict": "verdict"}
    cols = columns(rs)
    widths = {c: max(len(r[c]) for r in rs + [head]) for c in cols}
    right = {"bar", "tessera", "linux", "ratio", "tessera_spread", "linux_spread"}

    def fmt(r):
        return "  ".join(f"{r[c]:>{widths[c]}}" if c in right else f"{r[c]:<{widths[c]}}"
                         for c in cols).rstrip()
    rule = {c: "-" * widths[c] for c in cols}
    legend = ("better: which Tessera/Linux side of 1 is good for that unit "
              "(ns, us: lower is better; MB/s: higher is better)")
    return "\n".join([fmt(head), fmt(rule)] + [fmt(r) for r in rs] + ["", legend])


def csv_text(rs):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    cols = columns(rs)
    w.writerow(cols)
    for r in rs:
        w.writerow([r[c] for c in cols])
    return buf.getvalue()


def chart(rs):
    bars = [(r["metric"], r["_ratio"], r["verdict"].endswith("worse")) for r in rs]
    return pngchart.chart(bars, "TESSERA / LINUX, LOG SCALE. RED: TESSERA WORSE, "
                          "GREEN: BETTER")


def read(path, system):
    try:
        with open(path) as f:
            figures, notes = parse(f.read(), system)
    except OSError as e:
        sys.exit(f"benchcmp.py: {e}")
    if not figures:
        sys.exit(f"benchcmp.py: {path}: no '{system} ...' figure")
    return figures, notes


def read_runs(paths, system):
    """(figures, notes) of one run's file, or of several combined; the notes
    are the first file's, plus one saying how many runs there were."""
    runs = [read(p, system) for p in paths]
    if len(runs) == 1:
        return runs[0]
    notes = runs[0][1] + [f"{system}: {len(runs)} runs; each figure is their median, "
                          "spread (largest - smallest) / median"]
    return combine([f for f, _ in runs], system), notes


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="directory of the results; outputs go there")
    ap.add_argument("--tessera", nargs="+", metavar="FILE",
                    help="Tessera's results, one file per run (default OUT/results.txt)")
    ap.add_argument("--linux", nargs="+", metavar="FILE",
                    help="the Linux VM's results, one file per run "
                         "(default OUT/linux-results.txt)")
    args = ap.parse_args()
    tessera, tnotes = read_runs(args.tessera or [os.path.join(args.out, "results.txt")],
                                "tessera")
    linux, lnotes = read_runs(args.linux or [os.path.join(args.out, "linux-results.txt")],
                              "linux")
    rs = rows(tessera, linux)
    for note in [n for n in tnotes if not n.startswith("linux:")] + lnotes:
        print(f"# {note}")
    print(table(rs))
    csv_path, png_path = os.path.join(args.out, "compare.csv"), os.path.join(args.out, "compare.png")
    with open(csv_path, "w") as f:
        f.write(csv_text(rs))
    with open(png_path, "wb") as f:
        f.write(chart(rs).png())
    print(f"\nWritten: {csv_path}, {png_path}")


if __name__ == "__main__":
    main()
