#!/usr/bin/env python3
"""speed.py -- how much faster is skypie than the straightforward NumPy implementation?

Runs, interleaved round by round (a, b, c, a, b, c, ...) so that machine noise (other load,
frequency changes, a warm or cold page cache) falls on all three alike:

  (a) the release binary's WHOLE `skypie eval SCENARIO --samples 1000000 --format json`, as a
      subprocess: wall time including process start-up, parsing and printing;
  (b) the NumPy reference model on the same scenario at 1,000,000 samples, timed by
      skypie_ref.py's own "seconds" field: the model computation only (sampling, the model and
      the summaries), excluding Python start-up, imports and TOML parsing -- this favours NumPy;
  (c) the release binary's whole `skypie eval SCENARIO --detail --samples 100000 --format json`
      (headline plus tornado, levers and time path).

and prints a Markdown table (median, min, max, ns per sample) with the ratios
NumPy 1M ÷ skypie 1M and NumPy 1M ÷ skypie --detail 100k, the machine and the date.

    python3 tools/reference/speed.py [--rounds 11] [--warmup 1] [--bin PATH] [--scenario FILE]

Needs the release binary (`cargo build --release`) and NumPy (`pip install numpy`).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
REF = HERE / "skypie_ref.py"
DEFAULT_BIN = REPO / "target" / "release" / "skypie"
DEFAULT_SCENARIO = REPO / "scenarios" / "01-series-b-first-90-days.toml"
BIG = 1_000_000
DETAIL = 100_000


class Failure(Exception):
    pass


def run(cmd: list[str]) -> tuple[float, str]:
    """Runs cmd to completion; returns (wall seconds, stdout)."""
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise Failure(f"`{' '.join(cmd)}` exited with {proc.returncode}:\n{proc.stderr.strip()}")
    return wall, proc.stdout


def skypie(binary: Path, scenario: Path, samples: int, detail: bool) -> float:
    cmd = [str(binary), "eval", str(scenario), "--samples", str(samples), "--format", "json"]
    if detail:
        cmd.append("--detail")
    wall, out = run(cmd)
    row = json.loads(out)[0]                       # checked after the clock stopped
    if row["samples"] != samples or (detail and "sensitivity" not in row):
        what = " with --detail" if detail else ""
        raise Failure(f"skypie did not evaluate {samples} samples{what}")
    return wall


def numpy_model(scenario: Path, samples: int) -> tuple[float, float]:
    """(the model's own seconds, the whole process's wall seconds)."""
    wall, out = run([sys.executable, str(REF), str(scenario), "--samples", str(samples)])
    row = json.loads(out)
    if row["samples"] != samples:
        raise Failure(f"skypie_ref.py did not evaluate {samples} samples")
    return float(row["seconds"]), wall


def cpu_busy_seconds() -> float | None:
    """CPU-seconds spent busy (all CPUs, all processes) since boot, from /proc/stat."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        user, nice, system, idle, iowait, irq, softirq, steal = (int(x) for x in fields[:8])
        return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def own_cpu_seconds() -> float:
    """CPU-seconds used by this script and the processes it has waited for."""
    import resource
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def nproc() -> int:
    try:
        return int(subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout)
    except (OSError, ValueError, subprocess.CalledProcessError):
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def seconds(x: float) -> str:
    return f"{x * 1000:.0f} ms" if x < 10 else f"{x:.2f} s"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="skypie vs the NumPy reference: wall-clock speed.")
    ap.add_argument("--rounds", type=int, default=11, help="timed rounds (default 11)")
    ap.add_argument("--warmup", type=int, default=1,
                    help="untimed rounds first, to warm the page cache (default 1)")
    ap.add_argument("--bin", type=Path, default=DEFAULT_BIN,
                    help="the skypie binary (default target/release/skypie)")
    ap.add_argument("--scenario", type=Path, default=DEFAULT_SCENARIO,
                    help="scenario file (default scenarios/01-series-b-first-90-days.toml)")
    args = ap.parse_args(argv)
    if args.rounds < 1:
        ap.error("--rounds must be at least 1")

    if not args.bin.is_file() or not os.access(args.bin, os.X_OK):
        print(f"error: no skypie binary at {args.bin}.\nBuild the release binary first:\n"
              f"    cd {REPO} && cargo build --release", file=sys.stderr)
        return 2
    if "release" not in args.bin.parts:
        print(f"note: {args.bin} does not look like a release build", file=sys.stderr)
    newest_source = max((f.stat().st_mtime for f in (REPO / "src").rglob("*.rs")), default=0)
    if newest_source > args.bin.stat().st_mtime:
        print(f"note: {args.bin} is older than src/; `cargo build --release` to time the "
              "current code", file=sys.stderr)
    if not args.scenario.is_file():
        print(f"error: no scenario file {args.scenario}", file=sys.stderr)
        return 2
    try:
        import numpy
    except ImportError:
        print("error: the NumPy reference needs NumPy: `pip install numpy`", file=sys.stderr)
        return 2

    busy_before, ours_before, t_before = cpu_busy_seconds(), own_cpu_seconds(), time.monotonic()
    a, b, b_wall, c = [], [], [], []
    total = args.warmup + args.rounds
    try:
        for i in range(total):
            timed = i >= args.warmup
            label = f"round {i - args.warmup + 1}/{args.rounds}" if timed else "warm-up"
            print(f"{label} ...", end="", file=sys.stderr, flush=True)
            ta = skypie(args.bin, args.scenario, BIG, detail=False)
            tb, tb_wall = numpy_model(args.scenario, BIG)
            tc = skypie(args.bin, args.scenario, DETAIL, detail=True)
            print(f" skypie {ta:.3f} s, numpy {tb:.3f} s, skypie --detail {tc:.3f} s",
                  file=sys.stderr)
            if timed:
                a.append(ta)
                b.append(tb)
                b_wall.append(tb_wall)
                c.append(tc)
    except Failure as e:
        print(f"\nerror: {e}", file=sys.stderr)
        return 1

    busy_after, ours_after, t_after = cpu_busy_seconds(), own_cpu_seconds(), time.monotonic()
    version = subprocess.run([str(args.bin), "--version"], capture_output=True,
                             text=True).stdout.strip() or "skypie"
    med = statistics.median
    scen = os.path.relpath(args.scenario, REPO)
    rows = [
        (f"(a) `skypie eval` {BIG:,} samples, whole process", a, BIG),
        (f"(b) NumPy reference {BIG:,} samples, model only (`seconds`)", b, BIG),
        (f"(c) `skypie eval --detail` {DETAIL:,} samples, whole process", c, DETAIL),
        (f"(b′) NumPy reference {BIG:,} samples, whole process (for scale)", b_wall, BIG),
    ]
    print(f"### skypie vs the NumPy reference: `{scen}`")
    print()
    print(f"{args.rounds} interleaved rounds (a, b, c, a, b, c, …) after {args.warmup} "
          f"warm-up; wall-clock times.")
    print()
    print("| measurement | median | min | max | ns / sample |")
    print("|---|---:|---:|---:|---:|")
    for name, xs, n in rows:
        print(f"| {name} | {seconds(med(xs))} | {seconds(min(xs))} | {seconds(max(xs))} | "
              f"{med(xs) / n * 1e9:.0f} |")
    print()
    print("| ratio (of medians) | |")
    print("|---|---:|")
    print(f"| NumPy 1M ÷ skypie 1M | **{med(b) / med(a):.1f}×** |")
    print(f"| NumPy 1M ÷ skypie --detail 100k | **{med(b) / med(c):.1f}×** |")
    print()
    print(f"Machine: {nproc()} CPUs (nproc), {cpu_model()}; {platform.system()} "
          f"{platform.release()}. Python {platform.python_version()}, NumPy "
          f"{numpy.__version__}, {version}. Date: "
          f"{datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}.")
    if busy_before is not None and busy_after is not None:
        others = max(0.0, (busy_after - busy_before) - (ours_after - ours_before))
        share = others / (t_after - t_before)
        warning = ""
        if share > 0.1:
            # skypie uses every core, NumPy one: other work slows skypie more than NumPy.
            warning = " The machine was not idle, so the ratios understate skypie."
        print(f"Other processes used {share:.2f} CPUs on average during the runs.{warning}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
