#!/usr/bin/env python3
"""speed.py -- how much faster is skypie than the straightforward NumPy implementation?

One run answers the speed bars README's "Speed" quotes, in one Markdown table:

  * plain Monte Carlo at 1,000,000 samples: the release binary's WHOLE `skypie eval SCENARIO
    --samples 1000000 --format json` process (start-up, parsing and printing included) against
    the NumPy reference's model computation at 1,000,000 samples (skypie_ref.py's own "seconds":
    sampling, the model and the summaries, without Python start-up, imports or TOML parsing --
    this favours NumPy). Target: NumPy ÷ skypie ≥ 12×.
  * Sobol points at 65,536 (`--method sobol --samples 65536`), whole process, against the same
    NumPy time. Target ≥ 25×.
  * the 10,000-file batch at 10,000 samples: `skypie eval FILE... --samples 10000 --format json`
    on 10,000 variants of the scenario (targets spread over 0.5M..5.5M and seeds 0..9999, as
    benches/batch.rs writes them; generated once into a temporary folder), output to /dev/null,
    against the same NumPy time. Target: skypie ≤ 10× NumPy's 1M time.
  * keystroke -> headline at 100,000 samples in the live session: the median of criterion's
    `session` group in benches/model.rs (`cargo bench --bench model -- session`, read from
    target/criterion/session/*/new/estimates.json): a new target on the cached inputs, and a new
    market size (inputs resampled).
  * peak RSS of the plain Monte Carlo 1,000,000-sample process (and, for scale, NumPy's), as GNU
    time (/usr/bin/time, Debian's package `time`) reports it: a child started from this script
    would carry Python's own resident set into its ru_maxrss (the kernel keeps the larger of the
    forked copy's and the new program's), so the child is started from the small `time`.
  * Sobol's precision at full size: P(feasible) over 12 seeds of Sobol at 65,536 on every
    worked example whose P(feasible) is neither 0 nor 1: the spread (sample SD) against plain
    Monte Carlo's standard error at 1,000,000 (target: no worse), and the mean reported
    p_feasible_se against the spread (target: within 2×).

The timed processes run interleaved round by round (a, b, c, ..., a, b, c, ...) so that machine
noise (other load, frequency changes, a warm or cold page cache) falls on all of them alike;
every figure is the median of the rounds. A second table gives each timing's median, min, max
and ns per sample, and the output ends with the machine, the date and how busy other processes
kept the CPUs.

    python3 tools/reference/speed.py [--rounds 11] [--warmup 1] [--quick] [--no-bench]
                                     [--bin PATH] [--scenario FILE] [--precision FILE ...]

`--quick`: 3 rounds, no `cargo bench` (the keystroke rows are then skipped). Needs the release
binary (`cargo build --release`), NumPy (`pip install numpy`) and, for the keystroke rows, cargo.
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
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
REF = HERE / "skypie_ref.py"
DEFAULT_BIN = REPO / "target" / "release" / "skypie"
DEFAULT_SCENARIO = REPO / "scenarios" / "01-series-b-first-90-days.toml"
# Every worked example whose P(feasible) is neither 0 nor 1 (the anecdote's is 0: no spread to
# measure), from 0.009 (06, a rare event) to 0.85.
DEFAULT_PRECISION = [REPO / "scenarios" / name for name in (
    "02-capacity-bound-team.toml", "03-mature-vendor-run-rate.toml", "04-multi-year-plan.toml",
    "05-every-distribution.toml", "06-doubling-with-both-limits.toml",
    "07-inputs-that-move-together.toml", "08-attainment-from-past-quarters.toml")]
BIG = 1_000_000
SOBOL = 65_536
DETAIL = 100_000
BATCH_FILES = 10_000
BATCH_SAMPLES = 10_000
PRECISION_SEEDS = range(1, 13)
SESSION_GROUP = "session"            # benches/model.rs, fn session
# The bars.
TARGET_MC = 12.0                     # NumPy 1M ÷ skypie 1M, at least
TARGET_SOBOL = 25.0                  # NumPy 1M ÷ skypie Sobol 65,536, at least
TARGET_BATCH = 10.0                  # skypie batch ÷ NumPy 1M, at most
TARGET_SE_RATIO = 2.0                # mean reported SE ÷ spread within [1/2, 2]


class Failure(Exception):
    pass


@dataclass
class Run:
    wall: float          # seconds
    stdout: str


def run(cmd: list[str], keep_stdout: bool = True) -> Run:
    """Runs cmd to completion as one child, its wall time from start to reaping."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out if keep_stdout else subprocess.DEVNULL,
                                stderr=err)
        _, status, _ = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise Failure(f"`{' '.join(cmd[:8])}{' …' if len(cmd) > 8 else ''}` exited with "
                          f"{proc.returncode}:\n{err.read().decode(errors='replace').strip()}")
        out.seek(0)
        return Run(wall, out.read().decode() if keep_stdout else "")


def skypie(binary: Path, scenario: Path, samples: int, method: str = "mc",
           detail: bool = False, seed: int | None = None) -> tuple[Run, dict]:
    cmd = [str(binary), "eval", str(scenario), "--samples", str(samples), "--format", "json",
           "--method", method]
    if detail:
        cmd.append("--detail")
    if seed is not None:
        cmd += ["--seed", str(seed)]
    result = run(cmd)
    row = json.loads(result.stdout)[0]              # checked after the clock stopped
    if row["samples"] != samples or row["method"] != method or \
            (detail and "sensitivity" not in row):
        raise Failure(f"skypie did not evaluate {samples} samples with --method {method}"
                      f"{' --detail' if detail else ''}")
    return result, row


def numpy_model(scenario: Path, samples: int) -> tuple[float, Run]:
    """(the model's own seconds, the whole process)."""
    result = run([sys.executable, str(REF), str(scenario), "--samples", str(samples)])
    row = json.loads(result.stdout)
    if row["samples"] != samples:
        raise Failure(f"skypie_ref.py did not evaluate {samples} samples")
    return float(row["seconds"]), result


def peak_rss_kb(cmd: list[str]) -> int | None:
    """cmd's peak resident set in KB, from GNU time, or None without it."""
    gnu_time = Path("/usr/bin/time")
    if not gnu_time.exists():
        return None
    done = subprocess.run([str(gnu_time), "-f", "%M", *cmd], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise Failure(f"`{' '.join(cmd[:8])}` exited with {done.returncode}: {done.stderr}")
    return int(done.stderr.strip().splitlines()[-1])


def write_batch(template: Path, folder: Path) -> list[str]:
    """BATCH_FILES variants of the template, as benches/batch.rs writes them: targets 0.5M to
    5.5M in equal steps, seeds 0, 1, 2, …"""
    text = template.read_text()
    revenue, seed = 'revenue = "3M"', "seed = 7"
    if text.count(revenue) != 1 or text.count(seed) != 1:
        raise Failure(f"{template}: the batch needs one `{revenue}` and one `{seed}` line")
    paths = []
    for i in range(BATCH_FILES):
        target = 500_000 + i * 5_000_000 // (BATCH_FILES - 1)
        path = folder / f"v{i:05}.toml"
        path.write_text(text.replace(revenue, f"revenue = {target}").replace(seed, f"seed = {i}"))
        paths.append(str(path))
    return paths


def batch(binary: Path, paths: list[str]) -> float:
    cmd = [str(binary), "eval", *paths, "--samples", str(BATCH_SAMPLES), "--format", "json"]
    return run(cmd, keep_stdout=False).wall


def session_medians() -> dict[str, float]:
    """Runs `cargo bench --bench model -- session` and returns {bench id: median seconds} for
    every bench of the group that this run wrote."""
    meta = subprocess.run(["cargo", "metadata", "--format-version", "1", "--no-deps"],
                          cwd=REPO, capture_output=True, text=True)
    if meta.returncode != 0:
        raise Failure(f"cargo metadata failed:\n{meta.stderr.strip()}")
    folder = Path(json.loads(meta.stdout)["target_directory"]) / "criterion" / SESSION_GROUP
    started = time.time()
    bench = subprocess.run(["cargo", "bench", "--bench", "model", "--", SESSION_GROUP],
                           cwd=REPO, capture_output=True, text=True)
    if bench.returncode != 0:
        raise Failure(f"cargo bench --bench model -- {SESSION_GROUP} exited with "
                      f"{bench.returncode}:\n{bench.stderr.strip()[-2000:]}")
    medians = {}
    for estimates in sorted(folder.glob("*/new/estimates.json")):
        if estimates.stat().st_mtime < started:
            continue                                 # a bench this run did not touch
        ns = json.loads(estimates.read_text())["median"]["point_estimate"]
        medians[estimates.parent.parent.name] = ns * 1e-9
    if not medians:
        raise Failure(f"cargo bench wrote no estimates under {folder}")
    return medians


@dataclass
class Precision:
    scenario: str
    mean: float
    spread: float            # sample SD of P(feasible) over the seeds
    reported_se: float       # mean reported p_feasible_se
    mc_se: float             # plain Monte Carlo's reported SE at BIG


def precision(binary: Path, scenario: Path) -> Precision:
    ps, ses = [], []
    for seed in PRECISION_SEEDS:
        _, row = skypie(binary, scenario, SOBOL, method="sobol", seed=seed)
        ps.append(row["p_feasible"])
        ses.append(row["p_feasible_se"])
    _, mc = skypie(binary, scenario, BIG)
    return Precision(os.path.relpath(scenario, REPO), statistics.mean(ps), statistics.stdev(ps),
                     statistics.mean(ses), mc["p_feasible_se"])


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
    if x < 0.01:
        return f"{x * 1000:.2f} ms"
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def megabytes(kb: float) -> str:
    return f"{kb / 1024:.0f} MB"


def met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="skypie vs the NumPy reference: README's speed bars.")
    ap.add_argument("--rounds", type=int, help="timed rounds (default 11; 3 with --quick)")
    ap.add_argument("--warmup", type=int, default=1,
                    help="untimed rounds first, to warm the page cache (default 1)")
    ap.add_argument("--quick", action="store_true",
                    help="3 rounds and no `cargo bench` (no keystroke rows)")
    ap.add_argument("--no-bench", action="store_true",
                    help="skip `cargo bench` (no keystroke rows)")
    ap.add_argument("--bin", type=Path, default=DEFAULT_BIN,
                    help="the skypie binary (default target/release/skypie)")
    ap.add_argument("--scenario", type=Path, default=DEFAULT_SCENARIO,
                    help="scenario timed and batched (default "
                         "scenarios/01-series-b-first-90-days.toml)")
    ap.add_argument("--precision", type=Path, nargs="+", default=DEFAULT_PRECISION,
                    help="scenarios for Sobol's precision, P(feasible) neither 0 nor 1 "
                         "(default scenarios/02 to 08)")
    args = ap.parse_args(argv)
    # `--bin ./skypie` is that file, not a name looked up on PATH (Path drops the `./`).
    args.bin = args.bin.absolute()
    rounds = args.rounds if args.rounds is not None else (3 if args.quick else 11)
    if rounds < 1:
        ap.error("--rounds must be at least 1")
    with_bench = not (args.quick or args.no_bench)

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
    for scenario in [args.scenario, *args.precision]:
        if not scenario.is_file():
            print(f"error: no scenario file {scenario}", file=sys.stderr)
            return 2
    try:
        import numpy
    except ImportError:
        print("error: the NumPy reference needs NumPy: `pip install numpy`", file=sys.stderr)
        return 2

    busy_before, ours_before, t_before = cpu_busy_seconds(), own_cpu_seconds(), time.monotonic()
    times: dict[str, list[float]] = {k: [] for k in ("mc", "numpy", "numpy_wall", "sobol",
                                                      "batch", "detail")}
    rss: dict[str, list[int]] = {"mc": [], "numpy": []}
    try:
        with tempfile.TemporaryDirectory(prefix="skypie-batch-") as folder:
            print(f"writing {BATCH_FILES:,} batch files ...", file=sys.stderr)
            paths = write_batch(args.scenario, Path(folder))
            for i in range(args.warmup + rounds):
                timed = i >= args.warmup
                label = f"round {i - args.warmup + 1}/{rounds}" if timed else "warm-up"
                print(f"{label} ...", end="", file=sys.stderr, flush=True)
                mc, _ = skypie(args.bin, args.scenario, BIG)
                np_seconds, np_run = numpy_model(args.scenario, BIG)
                sobol, _ = skypie(args.bin, args.scenario, SOBOL, method="sobol")
                batch_wall = batch(args.bin, paths)
                detail, _ = skypie(args.bin, args.scenario, DETAIL, detail=True)
                print(f" skypie 1M {mc.wall:.3f} s, numpy {np_seconds:.3f} s, sobol "
                      f"{sobol.wall:.3f} s, batch {batch_wall:.2f} s, --detail "
                      f"{detail.wall:.3f} s", file=sys.stderr)
                if timed:
                    for key, value in (("mc", mc.wall), ("numpy", np_seconds),
                                       ("numpy_wall", np_run.wall), ("sobol", sobol.wall),
                                       ("batch", batch_wall), ("detail", detail.wall)):
                        times[key].append(value)
        for _ in range(3):
            for key, cmd in (("mc", [str(args.bin), "eval", str(args.scenario), "--samples",
                                     str(BIG), "--format", "json"]),
                             ("numpy", [sys.executable, str(REF), str(args.scenario),
                                        "--samples", str(BIG)])):
                kb = peak_rss_kb(cmd)
                if kb is not None:
                    rss[key].append(kb)
        print("Sobol's precision ...", file=sys.stderr)
        precisions = [precision(args.bin, s) for s in args.precision]
        keystrokes = {}
        if with_bench:
            print(f"cargo bench --bench model -- {SESSION_GROUP} ...", file=sys.stderr)
            keystrokes = session_medians()
    except Failure as e:
        print(f"\nerror: {e}", file=sys.stderr)
        return 1

    busy_after, ours_after, t_after = cpu_busy_seconds(), own_cpu_seconds(), time.monotonic()
    version = subprocess.run([str(args.bin), "--version"], capture_output=True,
                             text=True).stdout.strip() or "skypie"
    med = statistics.median
    m = {k: med(v) for k, v in times.items()}
    scen = os.path.relpath(args.scenario, REPO)

    print(f"### skypie vs the NumPy reference: `{scen}`")
    print()
    print(f"{rounds} interleaved round{'s' if rounds != 1 else ''} after {args.warmup} "
          f"warm-up; medians of wall-clock "
          f"times. skypie: the whole `skypie eval` process; NumPy: the reference's model "
          f"computation at {BIG:,} samples (`seconds`). Peak RSS: each process's own.")
    print()
    numpy_1m = f"NumPy 1M compute: {seconds(m['numpy'])}"
    print("| measurement | skypie | against | ratio | target | met |")
    print("|---|---:|---:|---:|---:|:-:|")
    ratio = m["numpy"] / m["mc"]
    print(f"| plain Monte Carlo, {BIG:,} samples | {seconds(m['mc'])} | "
          f"{numpy_1m} | {ratio:.1f}× faster | ≥ {TARGET_MC:g}× | "
          f"{met(ratio >= TARGET_MC)} |")
    ratio = m["numpy"] / m["sobol"]
    print(f"| Sobol points, {SOBOL:,} samples | {seconds(m['sobol'])} | "
          f"{numpy_1m} | {ratio:.1f}× faster | ≥ {TARGET_SOBOL:g}× | "
          f"{met(ratio >= TARGET_SOBOL)} |")
    ratio = m["batch"] / m["numpy"]
    print(f"| batch: {BATCH_FILES:,} files × {BATCH_SAMPLES:,} samples | {seconds(m['batch'])} | "
          f"{numpy_1m} | {ratio:.1f}× NumPy's time | ≤ {TARGET_BATCH:g}× | "
          f"{met(ratio <= TARGET_BATCH)} |")
    for bench, value in keystrokes.items():
        # The bench's name ends in its sample count (`retarget_100000`, a Sobol run's 131072).
        count = bench.rsplit("_", 1)[-1]
        samples = f"{int(count):,}" if count.isdigit() else f"{DETAIL:,}"
        print(f"| keystroke → headline, {samples} samples (session, `{bench}`) | "
              f"{seconds(value)} | | | | |")
    if not keystrokes:
        print(f"| keystroke → headline, {DETAIL:,} samples (session) | not run "
              f"(`cargo bench --bench model -- {SESSION_GROUP}`) | | | | |")
    if rss["mc"] and rss["numpy"]:
        print(f"| peak RSS, plain Monte Carlo {BIG:,} samples | {megabytes(med(rss['mc']))} | "
              f"NumPy 1M: {megabytes(med(rss['numpy']))} | "
              f"{med(rss['numpy']) / med(rss['mc']):.1f}× less | | |")
    else:
        print(f"| peak RSS, plain Monte Carlo {BIG:,} samples | not measured (needs GNU time: "
              f"`apt-get install time`) | | | | |")
    for pr in precisions:
        ratio = pr.spread / pr.mc_se
        print(f"| Sobol {SOBOL:,}: SD of P(feasible) over {len(PRECISION_SEEDS)} seeds "
              f"(`{pr.scenario}`, P ≈ {pr.mean:.3f}) | {pr.spread:.6f} | plain Monte Carlo's SE "
              f"at 1M: {pr.mc_se:.6f} | {ratio:.2f}× | ≤ 1× | {met(ratio <= 1.0)} |")
        ratio = pr.reported_se / pr.spread
        low, high = 1 / TARGET_SE_RATIO, TARGET_SE_RATIO
        print(f"| Sobol {SOBOL:,}: mean reported SE (`{pr.scenario}`) | "
              f"{pr.reported_se:.6f} | that SD: {pr.spread:.6f} | {ratio:.2f}× | "
              f"{low:g}–{high:g}× | {met(low <= ratio <= high)} |")
    print()

    rows = [
        (f"`skypie eval` {BIG:,} samples, whole process", "mc", BIG),
        (f"NumPy reference {BIG:,} samples, model only (`seconds`)", "numpy", BIG),
        (f"`skypie eval --method sobol` {SOBOL:,} samples, whole process", "sobol", SOBOL),
        (f"`skypie eval` of {BATCH_FILES:,} files × {BATCH_SAMPLES:,} samples, whole process",
         "batch", BATCH_FILES * BATCH_SAMPLES),
        (f"`skypie eval --detail` {DETAIL:,} samples, whole process", "detail", DETAIL),
        (f"NumPy reference {BIG:,} samples, whole process (for scale)", "numpy_wall", BIG),
    ]
    print("| timing | median | min | max | ns / sample |")
    print("|---|---:|---:|---:|---:|")
    for name, key, n in rows:
        xs = times[key]
        print(f"| {name} | {seconds(med(xs))} | {seconds(min(xs))} | {seconds(max(xs))} | "
              f"{med(xs) / n * 1e9:.0f} |")
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
