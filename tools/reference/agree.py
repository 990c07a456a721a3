#!/usr/bin/env python3
"""agree.py -- do the Rust binary and the NumPy reference model agree?

For every scenario file given (default: scenarios/*.toml) and each sampling method of the
binary (`--method mc|sobol|both`, default both), runs

    target/release/skypie eval FILE --format json --detail --samples N --method METHOD
    python3 tools/reference/skypie_ref.py FILE --detail --samples N

and compares every figure of `eval --format json` (README) with a tolerance that is justified by sampling noise: the
two implementations draw different random numbers, so they can only agree statistically. Prints
one line per scenario, one line per figure that disagrees, and a summary. Exit status: 0 when
everything agrees, 1 on any disagreement, 2 when a tool cannot be run.

    python3 tools/reference/agree.py [FILE...] [--samples 200000] [--seed S] [--bin PATH]
                                     [--method mc|sobol|both]

The reference is always plain Monte Carlo: it is the independent model, and the tolerances
below already allow for its sampling error. With `--method sobol` the binary draws scrambled
Sobol points, whose count is a power of two: both sides then run at N rounded up to one
(200,000 → 262,144), so that N is the same on both. What changes with Sobol on the binary's side:

* P(feasible) (and the correlated scenarios' P(feasible)): the difference of the two estimates
  has variance p(1−p)/N (the reference's, binomial, p pooled) + SE_skypie², where SE_skypie is
  the binary's own p_feasible_se, from its 16 independent scrambles. It is taken as at most the
  binomial SE (scrambled Sobol points are more precise than plain Monte Carlo here:
  tests/sampling_methods.rs), so that an inflated SE could not widen the tolerance beyond the
  two-Monte-Carlo one. The reported SE has 15 degrees of freedom, but the reference's term is
  about ten times larger, so its noise moves the tolerance by a few percent.
* The binary's p_feasible_se is checked for what it must be, not against √(p(1−p)/N): finite,
  0 when P(feasible) is 0 or 1, and at most SOBOL_SE_MAX times the binomial SE; `method` is
  "sobol" and `replicates` 16 (more when N/65,536 is more).
* Every other figure keeps its tolerance: the binary does not report a Sobol SE for them, so
  the two-Monte-Carlo tolerance (the binomial or quantile SE on both sides) is used, an upper
  bound for a side that is more precise than plain Monte Carlo.

How the tolerances are derived (N = sample count of each run, default 200,000):

* Proportions (p_feasible, binding shares, tornado p_low/p_high, clamp counts): two independent
  binomial estimates of one p differ by at most 5 combined standard errors, the SE taken from
  the pooled p (the two-proportion z-test): 5·sqrt(2·p(1−p)/N), plus a floor of 1e-12.
* Every quantile (one concept, rank_window): the P10/P50/P90 of market_in_window,
  required_capture, achievable_revenue and achievable_capture, each time-path checkpoint's,
  realistic_target and the target lever, the frontier's required_capture_p50 and realistic
  target, the levers, the inputs' medians. Whatever the law, the rank at which one run's
  sample q-quantile falls among another run's N draws has the binomial SD sqrt(N·q(1−q)), so
  two runs' quantiles lie within 5·sqrt(2) such SDs of each other's rank. The pilot's own
  sample of the figure turns that window of ranks into the figure's units, with no shape
  assumed (a figure spanning eighty orders of magnitude gets the orders its quantiles really
  move by): quantile_reach for a pair of values (a within the window of b's rank, on a's
  side), quantile_spread where only one rank is at hand (the levers, the pinned targets, the
  medians' SEs: the larger move either way). The distributions', the time path's and the
  realistic target's are at least QREL relative (2% at 200,000 samples, scaled by
  sqrt(200,000/N)), the frontier's realistic target at least FRONTIER_REL. Means: QREL, wider
  for figures so spread out (P90/P10 beyond about 3.5) that 2% would be under 5 SEs, a fraction
  of the P10–P90 spread near zero.
* required_pace / assumed_pace: both are functions of sample medians. The SE of a sample
  median is quantile_spread's on the pilot's sample of the input, divided by 5·sqrt(2);
  required_pace's SE follows by first-order propagation through (R/(s·M) − c0·I0(k))/I1(k).
  Tolerance: 5·sqrt(2)·SE, and at least NUMERIC_REL (1e-9) of the terms the closed form
  subtracts (a target equal to the installed base makes it 0 up to rounding of either sign).
* Levers: horizon_days, the market-size multiplier, the share-gain pace and reps are all the
  ⌈confidence·N⌉-th order statistic of a per-sample threshold (the smallest horizon, multiplier,
  shift or rep count at which that sample makes the target; P(feasible) is monotone in each).
  The pilot computes those thresholds per sample, and quantile_spread at q = confidence is
  the tolerance (+1 for the integer levers' rounding; at least 3 days for the horizon, at least
  QREL for the multiplier). A lever
  may be null on one side only when the pilot puts the fraction of samples that can reach the
  target within the range within 5 combined SEs of the confidence (it is at the edge).
* Tornado p_low/p_high: the binomial term above, plus the effect of the pins' own noise (each
  side pins at its own sample P10/P90): half the pilot's change in P(feasible) when the pin moves
  by ±5·sqrt(2)·SE(pin).
* required_reps = ((R − s·M·c0·I0(k))/(q·a) − new_reps·ramped_years)/T is a function of six
  sample medians, like required_pace: each median's SE from the pilot (quantile_spread),
  propagated to first order (the k-derivative numerically); tolerance 5·sqrt(2)·SE, and at
  least 1e-9 of ((R + B)/(q·a) + new_reps·ramped_years)/T, the terms it subtracts.
  assumed_reps and currency must be equal.
* sensitivity_of must be equal, unless every pin that is not exactly 0 or 1 on the
  "p_feasible" side is within the two-proportion tolerance (plus pin noise) of 0 or 1. Each
  side must also say what its own pins say (realistic_target iff there is at least one pin
  and every pin is exactly 0 or 1).
  When both say realistic_target, target_low/target_high (the realistic target with the input
  pinned) get the realistic target's tolerance, or, if larger, 5·sqrt(2) SEs of that order
  statistic (slope from the pilot's pinned A) plus the pin noise (half the change in the
  pilot's pinned target when the pin moves by ±5·sqrt(2)·SE(pin)).
* stopped_by (on a null reps, share-gain or market-size lever, with [capacity]): the limit
  must be equal and the other limit's; binds is a proportion (5 SE of the pooled proportion).
  A lever that is not null, or any other lever, has none. A lever null on one side only (at the
  edge of reach) is judged by the lever check and its stopped_by is not compared.
* combined_lever (reps, assumed_pace + δ), skypie_ref.combined_pair's pair: order statistics
  of the per-sample thresholds ρ_i and δ_i at a level that is itself random (the smallest
  whose pair clears ⌈confidence·N⌉ samples, an empirical-copula count), then each lowered as
  far as the other allows, so a single order statistic's SE would understate the noise. The
  pilot computes ρ_i and δ_i and bootstraps the reported pair (BOOT = 40 resamples of the
  pairs): tolerance 5·sqrt(2)·SD_boot(reps) + 1 for the reps (⌈⌉ rounding) and
  5·sqrt(2)·SD_boot(δ) + the assumed pace's tolerance for the share gain. Null on one side
  only is accepted when the pilot's count at the last level (each lever's largest in-range
  threshold) is within 5·sqrt(2) bootstrap SEs of ⌈confidence·N⌉/N, or when only one side has
  both single levers null.

The pilot is one extra, independent draw of N inputs with the reference's sampler
(skypie_ref.Model, fixed seed); it only shapes the tolerances, it is not compared.

Also checked: name, file, horizon_days, samples and (when the file or --seed sets it) seed
exactly; target, confidence and each time-path checkpoint's `required` to 1e-12; the same
checkpoint days, tornado inputs and lever inputs on both sides; each side's p_feasible_se =
sqrt(p(1−p)/N) (the binary's under plain Monte Carlo; with Sobol points see above), the
binary's method and replicates, and each side's tornado sorted by swing; the verdict (equal
unless p_feasible is within 5 SE of the threshold between the two, or the median required
capture is within tolerance of 1); warnings by kind (clamped fractions and the W = 0 fraction
as proportions; a share ceiling below today's share on both sides or neither, unless the
pilot puts the figures it is decided on within noise of its thresholds; a currency that is no
ISO 4217 code, which the reference does not model, listed with -v and not compared; other
kinds present on both sides or neither, as the wording differs). A
scenario in which nothing is uncertain must agree to 1e-9 relative, levers exactly (the
share-gain shifts to the wider bisection width of the two, see GAIN_LEVER_WIDTH). A file both
reject agrees; a file only one rejects does not.
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import os
import re
import subprocess
import sys
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
REF = HERE / "skypie_ref.py"
DEFAULT_BIN = REPO / "target" / "release" / "skypie"
DEFAULT_SAMPLES = 200_000
PILOT_SEED = 20_240_601
Z = 5.0                        # tolerances are 5 standard errors ...
Z_COPULA = 4.0                 # ... and the correlated scenarios' own checks 4
Z2 = Z * math.sqrt(2.0)        # ... of the difference of two independent estimates
FLOOR = 1e-12                  # absolute floor for proportions (float noise only)
BOOT = 40                      # bootstrap resamples of the pilot for the combined lever's SE
# The shift searches are bisections that return their passing end, so each side's value lies
# in [exact, exact + its stopping width] and the two differ by at most the wider width. The
# binary's widths are documented in docs/MODEL.md ("Levers": the share-gain lever to 1e-6, the
# combined lever's δ_i to 1e-9); the reference's is 1e-12. Numerical, not statistical: they
# matter only where nothing is sampled (elsewhere the sampling tolerance is far wider).
GAIN_LEVER_WIDTH = 1e-6 + 1e-12
# The frontier: P(feasible) per horizon within 4 SEs of the difference of the two
# runs, the realistic target per horizon within 4% relative.
FRONTIER_Z = 4.0
FRONTIER_REL = 0.04
COMBINED_DELTA_WIDTH = 1e-9 + 1e-12
# Sampling methods of the binary (`skypie eval --method`). Sobol points come as independent
# scrambles of at most 2^16 points each, at least 16 of them (src/model/sobol.rs).
METHODS = ("mc", "sobol")
SOBOL_REPLICATES = 16
SOBOL_MAX_PER_REPLICATE = 1 << 16
# The binary's Sobol SE of P(feasible) is at most this many binomial SEs. Its true value is
# below the binomial SE (a third to a quarter of it in the worked examples), and the estimate
# from 16 scrambles is 2.5× too high only by a chance below 10⁻⁶, or when six of a handful of
# feasible samples fall in one scramble; an SE in the wrong units (a count, one scramble's SE
# where Sobol gains little) is caught.
SOBOL_SE_MAX = 2.5

# Quantiles (every order statistic compared: the distributions' P10/P50/P90, the time path,
# the realistic target, the frontier's figures, the levers, the inputs' medians behind the
# required pace and reps) get their tolerance from one window of ranks, rank_window:
# 5·sqrt(2) binomial standard deviations, read in the figure's units in the pilot's sample of
# it (quantile_reach for a pair of values, quantile_spread around one rank). No shape is
# assumed, so a figure that spans eighty orders of magnitude (R/W where the serviceable
# fraction is Beta(0.011, 0.068)) gets the orders of magnitude its quantiles really move by,
# and a lognormal-like one about the 5·sqrt(2)·SE the lognormal formula gave.
#
# QREL, a floor under the quantiles' tolerance and the relative tolerance of a mean, at
# N = 200,000 samples. For a lognormal-shaped figure with log-sd σ the sample q-quantile's SE
# is, relative to x_q, σ·sqrt(q(1−q)/N)/φ(z_q): at N = 200,000, 0.0038·σ for P10 and P90 and
# 0.0028·σ for P50 (the mean: ≈ σ/sqrt(N) = 0.0022·σ). The difference of two independent runs
# has sqrt(2) times that SE, so 5 SE of the difference is 0.027·σ at P10/P90. The figures of the
# worked examples mostly have σ between 0.03 and 0.45 (P90/P50 ≤ 1.8), so 5 SE is at most
# 1.2%; 2% is 5 SE for any σ up to 0.74, and the observed differences between the two
# implementations at 200,000 samples are all below 0.3%. SEs shrink as 1/sqrt(N), so QREL is
# scaled by sqrt(200,000/N). As a floor it keeps every quantile tolerance at least what it was
# before rank_window (2% at 200,000 samples, the calibration below).
QREL_AT_200K = 0.02
#
# The mean has no rank. Its tolerance is QREL, or for a figure spread wider the lognormal
# formula with its own σ (ln(P90/P10)/2.563, from the reported quantiles; relative SE
# sqrt(e^{σ²}−1)/sqrt(N)) times WIDE_SAFETY for tails heavier than lognormal; σ is capped at
# SIGMA_CAP so that an atom at zero does not make the tolerance infinite. Near zero the same
# fraction of the figure's P10–P90 spread is a floor.
WIDE_SAFETY = 1.5
SIGMA_CAP = 5.0
Z10 = 1.2815516               # the standard normal's 90th percentile
#
# Figures computed from fixed inputs by a closed form (required_pace, required_reps) are
# compared, beside their sampling tolerance, to NUMERIC_REL of the terms the closed form
# subtracts: at a tie (the target is the installed base to the last bit) the answer is 0 up
# to a few ulps of those terms, of either sign, and a tolerance relative to the answer itself
# would ask two implementations to agree on the rounding error. 1e-9 is the relative agreement
# asked of every figure when nothing is sampled.
NUMERIC_REL = 1e-9

sys.dont_write_bytecode = True          # importing skypie_ref must not leave __pycache__ behind
sys.path.insert(0, str(HERE))



class ToolError(Exception):
    """A tool could not be run, or printed something unreadable."""


class Rejected(Exception):
    """A tool ran and said the scenario is invalid (the message is its error)."""


def log_sigma(stats: dict) -> float | None:
    """The log-sd σ of a lognormal with the figure's P10 and P90 (for the mean's tolerance);
    None when those are not both positive and finite."""
    p10, p90 = stats["p10"], stats["p90"]
    if not all(v is not None and math.isfinite(v) and v > 0 for v in (p10, p90)):
        return None
    return min(math.log(p90 / p10) / (2 * Z10), SIGMA_CAP)


def at_rank(sorted_x, h: float) -> float:
    """The value at the fractional 0-based rank h (clamped into the sample) of sorted values,
    read as NumPy's linear quantile reads it; equal neighbours give their value, so a run of
    +∞ stays +∞ rather than becoming NaN."""
    n = len(sorted_x)
    h = min(max(h, 0.0), n - 1.0)
    lo = int(math.floor(h))
    hi = min(lo + 1, n - 1)
    a, b, t = float(sorted_x[lo]), float(sorted_x[hi]), h - lo
    if a == b or t == 0:
        return a
    return a + (b - a) * t


def rank_window(n: int, q: float, z: float = Z2) -> float:
    """How many ranks two independent runs' sample q-quantiles may lie apart, counted among N
    draws of the figure: z binomial SDs, z·sqrt(N·q(1−q)), + 1 for the ranks' discreteness
    at extreme q.

    Whatever the law, the sample q-quantile of N draws is the value at which the empirical CDF
    crosses q, so the rank at which it falls among N other draws (another run's, or the
    pilot's) has the binomial SD sqrt(N·q(1−q)); for two independent runs the difference of
    their ranks has sqrt(2) times that, and z = Z2 = 5·sqrt(2) makes the window 5 SE of the
    difference. No shape is assumed: it is the same count of ranks for a figure that spans
    eighty orders of magnitude as for a normal one."""
    return z * math.sqrt(n * q * (1 - q)) + 1


def quantile_reach(sorted_x, q: float, a, b, z: float = Z2) -> float:
    """The quantile tolerance of |a − b|, a and b two runs' q-quantiles of a figure (the
    binary's and the reference's), sorted_x the pilot's sample of that figure: the distance from
    b to the pilot's order statistic rank_window ranks beyond b's own rank in the pilot, on a's
    side. |a − b| ≤ it says that a lies within the window of b's rank: the two-sample rank test,
    read in the figure's units. Each side of b gets its own reach, which matters where the
    figure is steep on one side and flat on the other (a symmetric tolerance taken from the
    steep side would let through, on the flat side, values many windows away). Where b sits
    in a run of equal values (an atom), its rank is taken at the run's far end on a's side.
    quantile_spread's symmetric figure when either value is null or not finite."""
    import numpy as np
    if a is None or b is None or not (math.isfinite(a) and math.isfinite(b)):
        return quantile_spread(sorted_x, q, z)
    n = len(sorted_x)
    k = rank_window(n, q, z)
    if a >= b:
        rank = int(np.searchsorted(sorted_x, b, side="right")) - 1     # the last ≤ b
        edge = at_rank(sorted_x, rank + k)
        reach = edge - b
    else:
        rank = int(np.searchsorted(sorted_x, b, side="left"))          # the first ≥ b
        edge = at_rank(sorted_x, rank - k)
        reach = b - edge
    if not math.isfinite(edge):
        return math.inf
    return max(reach, 0.0)


def quantile_spread(sorted_x, q: float, z: float = Z2) -> float:
    """The symmetric quantile tolerance, where no pair of values is at hand yet (the levers'
    order statistics, a pinned realistic target) or an SE is wanted (divided by Z2: the inputs'
    medians behind required_pace and required_reps): how far the pilot's order statistic at
    rank q·(N − 1) moves when its rank moves rank_window ranks up or down, the larger of the two
    moves. Where the figure is smooth this is 5·sqrt(2) SEs, the SE being
    sqrt(q(1−q)/N)/f(x_q) with the density read locally; next to an atom it is the jump. 0 when
    the figure is constant there (nothing sampled), ∞ when a neighbour is not finite."""
    n = len(sorted_x)
    h = q * (n - 1)
    k = rank_window(n, q, z)
    lo, mid, hi = (at_rank(sorted_x, r) for r in (h - k, h, h + k))
    if lo == mid == hi:
        return 0.0
    if not all(math.isfinite(v) for v in (lo, mid, hi)):
        return math.inf
    return max(hi - mid, mid - lo)


# --------------------------------------------------------------------------------------------
# Running the two implementations
# --------------------------------------------------------------------------------------------

def start_reference(path: str, n: int, seed: int | None) -> subprocess.Popen:
    cmd = [sys.executable, str(REF), path, "--detail", "--samples", str(n)]
    if seed is not None:
        cmd += ["--seed", str(seed)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_reference(proc: subprocess.Popen, path: str) -> dict:
    out, err = proc.communicate()
    if proc.returncode == 2 and err.startswith("error:"):
        raise Rejected(err.strip())
    if proc.returncode != 0:
        raise ToolError(f"skypie_ref.py {path} exited with {proc.returncode}: {err.strip()}")
    return json.loads(out)


def run_rust(binary: Path, path: str, n: int, seed: int | None, method: str) -> dict:
    cmd = [str(binary), "eval", path, "--format", "json", "--detail", "--samples", str(n),
           "--method", method]
    if seed is not None:
        cmd += ["--seed", str(seed)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode == 1:
        raise Rejected(proc.stderr.strip())
    if proc.returncode != 0:
        raise ToolError(f"skypie eval {path} exited with {proc.returncode}: {proc.stderr.strip()}")
    rows = json.loads(proc.stdout)
    if not isinstance(rows, list) or len(rows) != 1:
        raise ToolError(f"skypie eval {path}: expected a JSON array of one object")
    return rows[0]


# --------------------------------------------------------------------------------------------
# The pilot: the inputs' shapes, for the tolerances
# --------------------------------------------------------------------------------------------

def order_stat(sorted_x, q: float) -> float:
    n = len(sorted_x)
    return float(sorted_x[min(n - 1, max(0, int(round(q * (n - 1)))))])


class Pilot:
    """N inputs drawn with the reference's sampler; per-sample thresholds for the levers."""

    def __init__(self, ref, path: str, n: int):
        import numpy as np
        self.np = np
        self.ref = ref
        sc = ref.load_scenario(path, [])
        self.sc = sc
        self.n = n
        self.model = m = ref.Model(sc, n, PILOT_SEED)
        m.headline()
        self.conf = sc.confidence
        self.R = sc.revenue
        self.T = sc.horizon_days / 365.0
        self.sorted = {k: np.sort(np.broadcast_to(v, (n,))) for k, v in m.x.items()}
        self.uncertain = [k for k, d in sc.dists.items() if not d.fixed]
        w = np.broadcast_to(m.market(self.T)[0], (n,))
        self.zero_w = float(np.count_nonzero(w == 0)) / n
        self.all_fixed = not self.uncertain
        self._horizon = None            # figure()'s cache: one horizon's sorted figures
        self._figures = {}

    # -- the summarised figures, per sample, for the quantile tolerance -----------------------
    def figure(self, name: str, days: int):
        """The pilot's per-sample values of a figure whose quantiles both sides report, at a
        horizon of `days`, sorted: market_in_window (W), required_capture (R/W, +∞ where
        W = 0), achievable_revenue (A) or achievable_capture (A/W, 0 where W = 0; the overflow
        case of docs/MODEL.md §10 is not redone: it only shapes a tolerance). Only the last
        horizon asked for is kept (the time path asks for up to 105 in turn)."""
        np, m, n = self.np, self.model, self.n
        if self._horizon != days:
            self._horizon, self._figures = days, {}
        if name not in self._figures:
            t = days / self.ref.DAYS_PER_YEAR
            w, am, b = m.market(t)
            w = np.broadcast_to(w, (n,))
            a = np.broadcast_to(m.achievable(am, b, m.capacity(t)), (n,))
            with np.errstate(all="ignore"):
                values = {
                    "market_in_window": lambda: w,
                    "required_capture": lambda: self.R / w,
                    "achievable_revenue": lambda: a,
                    "achievable_capture": lambda: np.where(w > 0, a / np.where(w > 0, w, 1.0),
                                                           0.0),
                }[name]()
            self._figures[name] = np.sort(values)
        return self._figures[name]

    # -- correlations ---------------------------------------------------------------------------
    def effective_pairs(self):
        """The asked correlations between two sampled inputs."""
        return [(a, b, rho) for a, b, rho in self.sc.correlations
                if a in self.uncertain and b in self.uncertain]

    def spearman(self) -> dict:
        """Rank correlations of every pair of the reference's sampled inputs."""
        return spearman_pairs({k: self.model.x[k] for k in self.uncertain})

    # -- medians and their standard errors ----------------------------------------------------
    def median(self, key) -> float:
        return order_stat(self.sorted[key], 0.5)

    def se_quantile(self, key, q) -> float:
        """One standard error of the input's sample q-quantile (for propagating through the
        closed forms): quantile_spread's 5·sqrt(2) SEs, divided back."""
        if key not in self.uncertain:
            return 0.0
        return quantile_spread(self.sorted[key], q) / Z2

    def tol_assumed_pace(self) -> float:
        return Z2 * self.se_quantile("share.gain_per_year", 0.5)

    def tol_required_pace(self) -> float:
        """First-order propagation of the medians' SEs through the closed form."""
        ref, R, T = self.ref, self.R, self.T
        s, M, c0 = (self.median(k) for k in ("market.serviceable", "market.size", "share.current"))
        g = self.median("market.growth")
        k = math.log1p(g)
        se = {key: self.se_quantile(key, 0.5) for key in
              ("market.serviceable", "market.size", "share.current", "market.growth")}
        se_k = se["market.growth"] / (1.0 + g)

        def i0(kk):
            return float(ref.I0(kk, T))

        def i1(kk):
            return float(ref.I1(kk, T))

        def pace(kk):
            return (R / (s * M) - c0 * i0(kk)) / i1(kk)

        if not (s * M > 0):
            return math.inf
        dk = 1e-6
        terms = [
            R / (s * s * M * i1(k)) * se["market.serviceable"],
            R / (s * M * M * i1(k)) * se["market.size"],
            i0(k) / i1(k) * se["share.current"],
            (pace(k + dk) - pace(k - dk)) / (2 * dk) * se_k,
        ]
        return Z2 * math.sqrt(sum(t * t for t in terms))

    def pace_scale(self) -> float:
        """The size of the terms required_pace's closed form subtracts, at the pilot's
        medians: (R/(s·M) + c0·I0(k))/I1(k). 0 where it is not finite (no market: the pace is
        null on both sides)."""
        s, M, c0 = (self.median(k) for k in ("market.serviceable", "market.size", "share.current"))
        k = math.log1p(self.median("market.growth"))
        with self.np.errstate(all="ignore"):
            scale = (abs(self.R / (s * M)) + abs(c0 * float(self.ref.I0(k, self.T)))) \
                / abs(float(self.ref.I1(k, self.T))) if s * M > 0 else math.inf
        return scale if math.isfinite(scale) else 0.0

    def reps_scale(self) -> float:
        """The size of the terms required_reps' closed form subtracts, at the pilot's medians:
        ((R + B)/(q·a) + new_reps·ramped_years)/T. 0 where it is not finite (q·a = 0: the
        reps are null, or 0 when the installed base covers R)."""
        sc = self.sc
        if not sc.has_capacity:
            return 0.0
        s, M, c0 = (self.median(k) for k in ("market.serviceable", "market.size", "share.current"))
        k = math.log1p(self.median("market.growth"))
        qa = self.median("capacity.quota_per_rep") * self.median("capacity.attainment")
        b = s * M * c0 * float(self.ref.I0(k, self.T))
        ramped = float(self.ref.ramped_years(self.T, self.model.Tr))
        with self.np.errstate(all="ignore"):
            scale = ((abs(self.R) + abs(b)) / qa + sc.new_reps * ramped) / self.T \
                if qa > 0 else math.inf
        return scale if math.isfinite(scale) else 0.0

    def ceiling_borderline(self) -> bool:
        """Could the two sides honestly differ on the warning of a ceiling below today's share
        (docs/MODEL.md §4)? skypie decides it on the distributions' exact medians and the gain's
        95th percentile, the reference on its sampled ones: borderline when the pilot puts the
        two medians, or the gain's P95 and 0, or today's share and 100%, within 5·sqrt(2) SEs
        of each other. Exact (never borderline) for fixed inputs."""
        c, c0 = self.median("share.ceiling"), self.median("share.current")
        se_c, se_c0 = self.se_quantile("share.ceiling", 0.5), self.se_quantile("share.current", 0.5)
        gain_p95 = at_rank(self.sorted["share.gain_per_year"], 0.95 * (self.n - 1))
        se_gain = self.se_quantile("share.gain_per_year", 0.95)
        return (abs(c - c0) <= Z2 * math.hypot(se_c, se_c0)
                or abs(gain_p95) <= Z2 * se_gain
                or abs(c0 - 1.0) <= Z2 * se_c0)

    def tol_required_reps(self) -> float:
        """First-order propagation of the six medians' SEs through
        ((R − s·M·c0·I0(k))/(q·a) − new_reps·ramped_years)/T."""
        ref, R, T, sc = self.ref, self.R, self.T, self.sc
        if not sc.has_capacity:
            return 0.0
        keys = ("market.serviceable", "market.size", "share.current", "market.growth",
                "capacity.quota_per_rep", "capacity.attainment")
        s, M, c0, g, q, a = (self.median(k) for k in keys)
        se = {key: self.se_quantile(key, 0.5) for key in keys}
        if not (q * a > 0):
            return 0.0                 # (R − B)/(q·a) is ∞ or taken as 0: no noise to speak of
        k = math.log1p(g)
        se_k = se["market.growth"] / (1.0 + g)

        def base(kk):
            return s * M * c0 * float(ref.I0(kk, T))

        b, dk = base(k), 1e-6
        qaT = q * a * T
        terms = [
            base(k) / s / qaT * se["market.serviceable"] if s > 0 else 0.0,
            base(k) / M / qaT * se["market.size"] if M > 0 else 0.0,
            s * M * float(ref.I0(k, T)) / qaT * se["share.current"],
            (base(k + dk) - base(k - dk)) / (2 * dk) / qaT * se_k,
            (R - b) / (q * qaT) * se["capacity.quota_per_rep"],
            (R - b) / (a * qaT) * se["capacity.attainment"],
        ]
        return Z2 * math.sqrt(sum(t * t for t in terms))

    # -- tornado pins -------------------------------------------------------------------------
    def achievable_pinned(self, key, value):
        np, m = self.np, self.model
        return np.broadcast_to(m.achievable(*m.pinned(key, value)), (self.n,))

    def p_pinned(self, key, value) -> float:
        a = self.achievable_pinned(key, value)
        return float(self.np.count_nonzero(a >= self.R)) / self.n

    def target_pinned(self, key, value) -> float:
        """The realistic target (A at rank N − needed) with one input pinned."""
        rank = self.n - self.model.m
        return float(self.np.partition(self.achievable_pinned(key, value), rank)[rank])

    def tol_target_pin(self, key, q) -> float:
        """Tolerance of the realistic target with `key` pinned at its q-quantile: 5 combined SEs
        of that order statistic (its slope from the pilot's pinned A), plus the effect of the
        pin's own noise (half the change when the pin moves by ±5·sqrt(2)·SE(pin))."""
        if key not in self.uncertain:
            return 0.0
        np = self.np
        pin = order_stat(self.sorted[key], q)
        a = np.sort(self.achievable_pinned(key, pin))
        spread = quantile_spread(a, (self.n - self.model.m) / (self.n - 1))
        d = Z2 * self.se_quantile(key, q)
        if not (math.isfinite(d) and math.isfinite(spread)):
            return math.inf
        noise = abs(self.target_pinned(key, pin + d) - self.target_pinned(key, pin - d)) / 2
        return spread + noise

    def tol_pin(self, key, q) -> float:
        """Half the change in P(feasible) when the pin wanders by 5·sqrt(2) of its own SE."""
        if key not in self.uncertain:
            return 0.0
        pin = order_stat(self.sorted[key], q)
        d = Z2 * self.se_quantile(key, q)
        if not math.isfinite(d):
            return math.inf
        return abs(self.p_pinned(key, pin + d) - self.p_pinned(key, pin - d)) / 2

    # -- levers: per-sample thresholds --------------------------------------------------------
    def _achievable(self, t, repl=None):
        """A(t) per sample, t a scalar or an array of years: min(A_market, B + C)."""
        m = self.model
        _, am, b = m.market(t, repl)
        return m.achievable(am, b, m.capacity(t))

    def thresholds_horizon(self):
        """Smallest integer horizon (days) at which each sample makes the target; inf if none
        in 1..=3650. A(t) is non-decreasing in t, so integer bisection per sample."""
        np, n, R = self.np, self.n, self.R
        hi = np.full(n, 3650)
        lo = np.zeros(n, dtype=np.int64)           # A(0) = 0 < R
        reach = np.broadcast_to(self._achievable(hi / 365.0), (n,)) >= R
        while np.any(hi - lo > 1):
            mid = (lo + hi) // 2
            ok = np.broadcast_to(self._achievable(mid / 365.0), (n,)) >= R
            hi = np.where(ok, mid, hi)
            lo = np.where(ok, lo, mid)
        return np.where(reach, hi.astype(float), np.inf)

    def thresholds_market_size(self):
        """m_i = max(R/A_market, (R − C)/B): scaling M scales A_market and B, not C."""
        return self.np.broadcast_to(self.model.market_size_thresholds(), (self.n,))

    def thresholds_share_shift(self):
        """Smallest shift Δ in [−1, 1] added to gain_per_year at which each sample makes the
        target (−1 if it already does at −1, inf if not even at +1). Bisection per sample."""
        np, n, R, T = self.np, self.n, self.R, self.T
        gam = np.broadcast_to(self.model.x["share.gain_per_year"], (n,))

        def ok(delta):
            a = self._achievable(T, {"share.gain_per_year": gam + delta})
            return np.broadcast_to(a, (n,)) >= R

        lo, hi = np.full(n, -1.0), np.full(n, 1.0)
        at_lo, at_hi = ok(lo), ok(hi)
        for _ in range(36):                         # 2/2^36 ≈ 3e-11
            mid = 0.5 * (lo + hi)
            good = ok(mid)
            hi = np.where(good, mid, hi)
            lo = np.where(good, lo, mid)
        return np.where(at_lo, -1.0, np.where(at_hi, hi, np.inf))

    def thresholds_reps(self):
        """Continuous ramped-rep count at which each sample's B + C reaches R, at least 0 (the
        lever's range starts there); inf where the market alone cannot reach R."""
        np, m = self.np, self.model
        am = np.broadcast_to(m.am, (self.n,))
        with np.errstate(all="ignore"):
            return np.where(am >= self.R, np.maximum(m.rho(), 0.0), np.inf)

    # -- the combined lever -------------------------------------------------------------------
    def combined(self):
        """The combined lever's noise, by bootstrap: its values are order statistics of ρ and
        δ at a level that is itself random (the smallest whose pair clears `needed` samples,
        an empirical-copula count), then lowered, so a single order statistic's SE understates
        it. Resampling the pilot's (ρ_i, δ_i) pairs BOOT times gives the SD of the reported
        reps and δ, and of the fraction that decides null (the count at the last level).
        Returns a dict, computed once."""
        if getattr(self, "_combined", None) is not None:
            return self._combined
        np, m, n, c = self.np, self.model, self.n, self.conf
        rho = np.broadcast_to(m.rho(), (n,)).copy()
        delta = np.broadcast_to(m.delta(), (n,)).copy()

        def stats(r, d):
            found = self.ref.combined_pair(r, d, m.m)
            rs = np.sort(np.where(np.isnan(r), np.inf, r))
            ds = np.sort(np.where(np.isnan(d), np.inf, d))
            # Each lever's thresholds within its range; the pair at level k takes the same
            # share of each (skypie_ref.combined_pair), so null is decided at the last one.
            reach_r = int(np.count_nonzero(rs <= self.ref.REPS_MAX))
            reach_d = int(np.count_nonzero(np.isfinite(ds)))
            edge = 0.0
            if reach_r and reach_d:
                top_r = max(float(np.ceil(rs[reach_r - 1])), 0.0)
                edge = float(np.count_nonzero((r <= top_r) & (d <= ds[reach_d - 1]))) / n
            if found is None:
                return math.nan, math.nan, edge
            return float(found[1]), float(found[2]), edge

        rho_j, delta_j, edge = stats(rho, delta)
        rng = np.random.default_rng(PILOT_SEED + 1)
        boot = []
        for _ in range(BOOT):
            idx = rng.integers(0, n, n)
            boot.append(stats(rho[idx], delta[idx]))
        boot = np.array(boot)

        def sd(col):
            v = boot[:, col]
            v = v[np.isfinite(v)]
            return float(np.std(v, ddof=1)) if v.size > 1 else math.inf

        se_edge = max(sd(2), math.sqrt(c * (1 - c) / n))
        self._combined = {
            "se_reps": sd(0), "se_delta": sd(1),
            "borderline": abs(edge - math.ceil(c * n) / n) <= Z2 * se_edge,
            "value": (rho_j, delta_j),
        }
        return self._combined

    def lever_tolerance(self, thresholds, range_hi):
        """(tolerance of the order statistic at q = confidence, whether null is borderline)."""
        np, c, n = self.np, self.conf, self.n
        t = np.sort(thresholds)
        frac_in = float(np.count_nonzero(t <= range_hi)) / n
        borderline = abs(frac_in - c) <= Z2 * math.sqrt(c * (1 - c) / n)
        return quantile_spread(t, c), borderline


# --------------------------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------------------------

# Counts are written with thousands separators (`1,203 of 100,000 samples`).
# The run's count of clamped samples, or of those past the largest number ("… overflow past").
CLAMP = re.compile(r"^(\S+): ([\d,]+) of ([\d,]+) samples (?:clamped|overflow)")
# What `check` says before a run of a range wide enough to be clamped, in place of the count
# (the share the distribution itself puts outside, to two digits).
CLAMP_ABOUT = re.compile(r"^(\S+): about ([\d.]+)% of its samples fall outside")
COUNT = re.compile(r"([\d,]+) of ([\d,]+) samples")
SUMMARY_NOT_FINITE = re.compile(r"^(market_in_window|required_capture|achievable_revenue|"
                                r"achievable_capture)\b.*not finite")
LEADING_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*")
# A share ceiling below today's share (docs/MODEL.md §4; both sides lead with these words).
CEILING = re.compile(r"^share\.ceiling: .* is below today's share\b")
# What skypie says that the reference does not predict: whether a three-letter currency is an
# ISO 4217 code needs the code list. Listed, never compared.
UNMODELLED = (re.compile(r"^currency: .* is no ISO 4217 code"),)


class Warnings:
    """One side's warnings, sorted into kinds the two implementations share (their wording
    differs): clamp counts per key, the fraction of samples with W = 0, the ceiling below
    today's share, those the reference does not model, and the rest."""

    def __init__(self):
        self.clamps: dict[str, float] = {}
        self.zero_w = 0.0
        self.ceiling = False
        self.unmodelled: list[str] = []
        self.others: set[str] = set()


def whole(text: str) -> int:
    """A count as a warning writes it, `100,000`."""
    return int(text.replace(",", ""))


def parse_warnings(ws: list[str]) -> Warnings:
    out = Warnings()
    for w in ws:
        mt = CLAMP.match(w)
        count = COUNT.search(w)
        about = CLAMP_ABOUT.match(w)
        if mt:
            out.clamps[mt.group(1)] = whole(mt.group(2)) / whole(mt.group(3))
        elif about:
            out.clamps[about.group(1)] = float(about.group(2)) / 100
        elif ("market_in_window" in w or "market window is empty" in w) and count:
            out.zero_w = whole(count.group(1)) / whole(count.group(2))
        elif SUMMARY_NOT_FINITE.match(w):
            pass                     # "some figures are not finite": the figures say so
        elif CEILING.match(w):
            out.ceiling = True
        elif any(pattern.match(w) for pattern in UNMODELLED):
            out.unmodelled.append(w)
        else:
            # the kind is the leading key ("required_pace: not finite" and "required_pace is
            # undefined" are one kind, worded differently)
            lead = LEADING_KEY.match(w)
            out.others.add(lead.group(0) if lead else w.split(":", 1)[0])
    return out


def spearman_pairs(columns: dict) -> dict:
    """{frozenset((a, b)): Spearman's ρ} for every pair of the columns (ties broken by order;
    they have probability 0 except at a clamp)."""
    import numpy as np
    ranks = {k: np.argsort(np.argsort(np.asarray(v), kind="stable")).astype(float)
             for k, v in columns.items()}
    keys = list(ranks)
    return {frozenset((a, b)): float(np.corrcoef(ranks[a], ranks[b])[0, 1])
            for i, a in enumerate(keys) for b in keys[i + 1:]}


def rust_rank_correlations(binary: Path, path: str, n: int, seed, keys, method: str) -> dict:
    """The rank correlations of the inputs `keys` in the binary's own draws (`--draws`)."""
    import numpy as np
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "draws.csv")
        cmd = [str(binary), "eval", path, "--format", "json", "--samples", str(n),
               "--method", method, "--draws", out]
        if seed is not None:
            cmd += ["--seed", str(seed)]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            raise ToolError(f"skypie eval {path} --draws exited with {proc.returncode}: "
                            f"{proc.stderr.strip()}")
        with open(out) as fh:
            header = fh.readline().strip().split(",")
        data = np.loadtxt(out, delimiter=",", skiprows=1, usecols=[header.index(k) for k in keys],
                          ndmin=2)
    return spearman_pairs({k: data[:, j] for j, k in enumerate(keys)})


def fmt(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, float):
        return f"{v:.6g}"
    return str(v)


class Compare:
    def __init__(self, n: int, rust: dict, ref: dict, pilot: Pilot, seed_given: bool = True,
                 rust_spearman: dict | None = None, method: str = "mc"):
        self.n = n
        self.method = method
        self.rust_spearman = rust_spearman
        self.seed_given = seed_given
        self.r = rust
        self.p = ref
        self.pilot = pilot
        self.qrel = QREL_AT_200K * math.sqrt(DEFAULT_SAMPLES / n)
        if pilot.all_fixed:
            # Nothing is sampled: both must compute the same numbers up to a few ulps.
            self.qrel = 1e-9
        self.failures: list[str] = []
        self.rows: list[tuple[str, str, str, float]] = []   # for --verbose
        self.count = 0
        self.worst = (0.0, "")

    # -- primitives ---------------------------------------------------------------------------
    def record(self, name, a, b, ok, ratio, why="", labels=("rust", "numpy")):
        self.count += 1
        self.rows.append((name, fmt(a), fmt(b), ratio if ok else math.inf))
        if ok and ratio > self.worst[0]:
            self.worst = (ratio, name)
        if not ok:
            values = f": {labels[0]} {fmt(a)} vs {labels[1]} {fmt(b)}" if any(labels) else ""
            self.failures.append(f"{name}{values}" + (f" ({why})" if why else ""))

    def exact(self, name, a, b):
        self.record(name, a, b, a == b, 0.0, "must be equal")

    def keys_present(self, where: str, rows: tuple[dict, dict], keys) -> bool:
        """Record a disagreement for each key missing on either side; True when none is."""
        ok = True
        for key in keys:
            missing = [side for side, row in zip(("rust", "numpy"), rows) if key not in row]
            if missing:
                ok = False
                self.record(f"{where}{key}", "", "", False, 0.0,
                            f"key missing on {' and '.join(missing)}", labels=("", ""))
        return ok

    def close(self, name, a, b, tol, note="", labels=("rust", "numpy")):
        """|a − b| ≤ tol; null only with null."""
        if a is None or b is None:
            self.record(name, a, b, a is None and b is None, 0.0, "null on one side only",
                        labels)
            return
        d = abs(a - b)
        ok = d <= tol
        ratio = d / tol if tol > 0 else (0.0 if d == 0 else math.inf)
        self.record(name, a, b, ok, ratio, f"|diff| {d:.3g} > tolerance {tol:.3g}{note}",
                    labels)

    def infinite_capture(self, name, x, y, q):
        """Required capture is +∞ (null) where W = 0. One side's figure may be null and the
        other's finite when the fractions of W = 0 samples are compatible: for the mean, when
        the finite side has no such sample; for a quantile, when that fraction is within
        5 combined SEs of 1 − q on the pilot."""
        zr = parse_warnings(self.r.get("warnings", [])).zero_w
        zp = parse_warnings(self.p.get("warnings", [])).zero_w
        pooled = (zr + zp) / 2
        se = math.sqrt(2 * pooled * (1 - pooled) / self.n)
        compatible = abs(zr - zp) <= Z * se + FLOOR
        finite_side_zero = zr if x is not None else zp
        if q == "mean":
            ok = compatible and finite_side_zero == 0
        else:
            ok = abs(self.pilot.zero_w - (1 - q)) <= Z2 * math.sqrt(q * (1 - q) / self.n)
        self.record(name, x, y, ok, 0.0,
                    f"null on one side only; W = 0 in {zr:.3g} vs {zp:.3g} of the samples")

    def proportion(self, name, a, b, extra=0.0):
        if a is None or b is None or not (0 <= a <= 1 and 0 <= b <= 1):
            self.record(name, a, b, False, 0.0, "not a proportion in [0, 1]")
            return
        pbar = (a + b) / 2
        se = math.sqrt(2 * pbar * (1 - pbar) / self.n)
        self.close(name, a, b, Z * se + extra + FLOOR, f" = 5 SE{' + pin noise' if extra else ''}")

    def quantile_tol(self, values, q: float, sample, floor: float | None = None):
        """(tolerance, the same relative to the larger value) of a q-quantile of a figure, the
        compared numbers being `values` = (binary's, reference's) and `sample` the pilot's
        sorted values of that figure: quantile_reach (5 SEs of the difference, in ranks), at
        least `floor` relative (QREL by default; 1e-9 when nothing is sampled)."""
        big = max((abs(v) for v in values if v is not None and math.isfinite(v)), default=0.0)
        floor = self.qrel if floor is None or self.pilot.all_fixed else floor
        tol = max(quantile_reach(sample, q, *values), floor * big, 1e-12 * big)
        return tol, (tol / big if big > 0 else 0.0)

    def mean_tol(self, values, stats_a: dict, stats_b: dict):
        """(tolerance, relative) of the mean of a figure whose P10, P50 and P90 on each side
        are stats_a and stats_b (see WIDE_SAFETY)."""
        stats = {}
        for key in ("p10", "p50", "p90"):
            vs = [st[key] for st in (stats_a, stats_b)
                  if st.get(key) is not None and math.isfinite(st[key])]
            stats[key] = sum(vs) / len(vs) if len(vs) == 2 else None
        rel = self.qrel
        sigma = None if self.pilot.all_fixed else log_sigma(stats)
        if sigma:
            rel = max(rel, Z2 * WIDE_SAFETY * math.sqrt(math.expm1(sigma * sigma) / self.n))
        big = max((abs(v) for v in values if v is not None and math.isfinite(v)), default=0.0)
        spread = (stats["p90"] - stats["p10"]) if stats["p90"] is not None and \
            stats["p10"] is not None else 0.0
        return max(rel * big, self.qrel * spread, 1e-12 * big), rel

    def distribution(self, name, a: dict, b: dict, days: int):
        for key, q in (("p10", 0.1), ("p50", 0.5), ("p90", 0.9), ("mean", "mean")):
            x, y = a.get(key), b.get(key)
            if name == "required_capture" and (x is None) != (y is None):
                self.infinite_capture(f"{name}.{key}", x, y, q)
                continue
            if q == "mean":
                tol, rel = self.mean_tol((x, y), a, b)
            else:
                tol, rel = self.quantile_tol((x, y), q, self.pilot.figure(name, days))
            self.close(f"{name}.{key}", x, y, tol, f" = {rel:.2%} rel")

    def realistic_rank(self) -> float:
        """The realistic target's rank as a fraction: N − ⌈confidence·N⌉ of N − 1."""
        return (self.n - self.pilot.model.m) / (self.n - 1)

    def p_feasible_diff_se(self) -> float:
        """The SE of the difference of the two P(feasible) estimates: two binomials (the pooled
        p) when both are plain Monte Carlo; with Sobol points on the binary's side, the
        reference's binomial and the binary's own SE (at most the binomial one)."""
        pr, pp = self.r["p_feasible"], self.p["p_feasible"]
        pbar = (pr + pp) / 2
        binomial = math.sqrt(pbar * (1 - pbar) / self.n)
        if self.method == "mc":
            return math.sqrt(2) * binomial
        return math.hypot(binomial, min(self.r["p_feasible_se"], binomial))

    def sobol_se(self):
        """The binary's Sobol SE of P(feasible): finite, 0 when P is 0 or 1, at most
        SOBOL_SE_MAX binomial SEs."""
        p, se = self.r["p_feasible"], self.r["p_feasible_se"]
        binomial = math.sqrt(p * (1 - p) / self.n)
        ok = se is not None and math.isfinite(se) and se >= 0
        ok = ok and (se == 0 if p in (0.0, 1.0) else se <= SOBOL_SE_MAX * binomial + 1e-15)
        self.record("p_feasible_se (rust self-consistency, Sobol)", se, binomial, ok,
                    0.0 if not ok or binomial == 0 else se / (SOBOL_SE_MAX * binomial),
                    f"not finite, not 0 at P = 0 or 1, or above {SOBOL_SE_MAX:g}× the binomial SE",
                    labels=("reported", "√(p(1−p)/N) ="))

    # -- the figures --------------------------------------------------------------------------
    def copula(self):
        """Correlated inputs (docs/MODEL.md §11): checked within 4 standard errors. P(feasible) within 4 SE
        of the difference of two binomial estimates; each asked pair's rank correlation in
        the Rust draws (`eval --draws`) and in the reference's within 4 SE of the asked ρ, and
        of each other; every pair not asked within 4 SE of 0 on both sides. The SE of a
        sample Spearman correlation is taken as 1/sqrt(N − 1), its value for independent
        inputs, which bounds it for the correlations compared here."""
        pr, pp = self.r["p_feasible"], self.p["p_feasible"]
        se = self.p_feasible_diff_se()
        self.close("copula: p_feasible", pr, pp, Z_COPULA * se + FLOOR, " = 4 SE")
        rust, ref = self.rust_spearman, self.pilot.spearman()
        asked = {frozenset((a, b)): rho for a, b, rho in self.pilot.effective_pairs()}
        se_rank = 1.0 / math.sqrt(self.n - 1)
        for pair in sorted(rust, key=sorted):
            name = " ~ ".join(sorted(pair))
            want = asked.get(pair, 0.0)
            for side, value in (("rust", rust[pair]), ("numpy", ref.get(pair))):
                self.close(f"copula: rank correlation {name} ({side} vs asked)", value, want,
                           Z_COPULA * se_rank, " = 4 SE", labels=(side, "asked"))
            self.close(f"copula: rank correlation {name}", rust[pair], ref.get(pair),
                       Z_COPULA * math.sqrt(2) * se_rank, " = 4 SE")

    def run(self):
        r, p, pl = self.r, self.p, self.pilot
        for key in ("name", "file", "horizon_days", "samples"):
            self.exact(key, r.get(key), p.get(key))
        self.record("method", r.get("method"), self.method, r.get("method") == self.method,
                    0.0, "not the method asked for", labels=("rust", "asked"))
        replicates = None
        if self.method == "sobol":
            replicates = max(SOBOL_REPLICATES, self.n // SOBOL_MAX_PER_REPLICATE)
        self.record("replicates", r.get("replicates"), replicates,
                    r.get("replicates") == replicates, 0.0,
                    "null for plain Monte Carlo; the scrambles for Sobol points",
                    labels=("rust", "expected"))
        if self.seed_given:     # without [run] seed each picks its own default constant
            self.exact("seed", r.get("seed"), p.get("seed"))
        for key in ("target", "confidence"):
            self.close(key, r.get(key), p.get(key), 1e-12 * abs(p.get(key) or 0.0))

        # P(feasible), its SE on each side, the verdict
        pr, pp = r["p_feasible"], p["p_feasible"]
        if self.method == "mc":
            self.proportion("p_feasible", pr, pp)
        else:
            self.close("p_feasible", pr, pp, Z * self.p_feasible_diff_se() + FLOOR,
                       " = 5 SE (binomial and Sobol)")
            self.sobol_se()
        for side, out in (("rust", r), ("numpy", p)):
            if side == "rust" and self.method != "mc":
                continue
            want = math.sqrt(out["p_feasible"] * (1 - out["p_feasible"]) / self.n)
            self.close(f"p_feasible_se ({side} self-consistency)", out["p_feasible_se"], want,
                       1e-9 * want + 1e-15, labels=("reported", "√(p(1−p)/N) ="))
        self.verdict()
        if self.rust_spearman is not None:
            self.copula()

        for key in ("market_in_window", "required_capture", "achievable_revenue",
                    "achievable_capture"):
            self.distribution(key, r[key], p[key], r["horizon_days"])

        # Functions of medians: 5 SE, and never less than NUMERIC_REL of the terms their closed
        # forms subtract (a tie makes them 0 up to rounding, of either sign).
        self.close("required_pace", r.get("required_pace"), p.get("required_pace"),
                   max(pl.tol_required_pace(), NUMERIC_REL * abs(p.get("required_pace") or 0),
                       NUMERIC_REL * pl.pace_scale()),
                   " = 5 SE of a function of medians, or 1e-9 of its terms")
        self.close("assumed_pace", r.get("assumed_pace"), p.get("assumed_pace"),
                   max(pl.tol_assumed_pace(), 1e-9 * abs(p.get("assumed_pace") or 0)),
                   " = 5 SE of a median")
        if self.keys_present("", (r, p), ("required_reps", "assumed_reps", "currency")):
            self.close("required_reps", r["required_reps"], p["required_reps"],
                       max(pl.tol_required_reps(), NUMERIC_REL * abs(p["required_reps"] or 0),
                           NUMERIC_REL * pl.reps_scale()),
                       " = 5 SE of a function of medians, or 1e-9 of its terms")
            self.exact("assumed_reps", r["assumed_reps"], p["assumed_reps"])
            self.exact("currency", r["currency"], p["currency"])

        # realistic_target is the achievable revenue's order statistic at rank N − needed
        rt = (r["realistic_target"], p["realistic_target"])
        rt_tol, rt_rel = self.quantile_tol(
            rt, self.realistic_rank(), pl.figure("achievable_revenue", r["horizon_days"]))
        self.close("realistic_target", *rt, rt_tol, f" = {rt_rel:.2%} rel")

        for limit in ("market", "capacity"):
            self.proportion(f"binding.{limit}", r["binding"].get(limit), p["binding"].get(limit))

        self.warnings()
        self.sensitivity(rt_tol)
        self.levers(rt_tol, rt_rel)
        self.time_path()
        self.frontier()

    def verdict(self):
        r, p = self.r, self.p
        vr, vp = r["verdict"], p["verdict"]
        if vr == vp:
            self.record("verdict", vr, vp, True, 0.0)
            return
        n, conf = self.n, p["confidence"]
        m = max(1, min(n, math.ceil(round(conf * n, 6))))
        pr, pp = r["p_feasible"], p["p_feasible"]
        lo, hi = min(pr, pp), max(pr, pp)
        admissible = set()
        for theta, above, below in ((m / n, "realistic", "stretch"),
                                    (0.5, "stretch", "long-shot"),
                                    (0.2, "long-shot", "pie-in-the-sky")):
            se = math.sqrt(theta * (1 - theta) / n)
            if lo - Z * se <= theta <= hi + Z * se:
                admissible |= {above, below}
        # impossible iff required capture > 1 in at least half the samples: borderline when
        # the median required capture is within the quantile tolerance of 1
        rc = [x["required_capture"]["p50"] for x in (r, p)]
        sample = self.pilot.figure("required_capture", r["horizon_days"])
        if any(v is None or abs(v - 1.0) <= self.quantile_tol((v, 1.0), 0.5, sample)[0]
               for v in rc):
            admissible |= {"impossible", vr, vp}
        ok = vr in admissible and vp in admissible
        self.record("verdict", vr, vp, ok, 0.0,
                    "differs, and p_feasible is not within 5 SE of the threshold between them")

    def warnings(self):
        r = parse_warnings(self.r.get("warnings", []))
        p = parse_warnings(self.p.get("warnings", []))
        for key in sorted(set(r.clamps) | set(p.clamps)):
            self.proportion(f"warnings: {key} clamped fraction", r.clamps.get(key, 0.0),
                            p.clamps.get(key, 0.0))
        self.proportion("warnings: market_in_window = 0 fraction", r.zero_w, p.zero_w)
        # The ceiling below today's share: said on both sides or neither, unless the inputs
        # it is decided on are within noise of its thresholds (Pilot.ceiling_borderline).
        ok = r.ceiling == p.ceiling or self.pilot.ceiling_borderline()
        self.record("warnings: share.ceiling below today's share", r.ceiling, p.ceiling, ok, 0.0,
                    "one side warns, the other does not, and the medians are not borderline")
        # What the reference does not model is listed with -v, neither compared nor counted.
        if r.unmodelled or p.unmodelled:
            self.rows.append(("warnings not modelled by the reference (not compared)",
                              fmt(r.unmodelled), fmt(p.unmodelled), 0.0))
        # Other warnings (a capped sample count, ...) are worded differently by the two; what
        # must agree is whether there is one.
        self.record("warnings (other kinds)", sorted(r.others), sorted(p.others),
                    bool(r.others) == bool(p.others), 0.0, "one side warns, the other does not")

    def near_certain(self, v, tol_pin) -> bool:
        """Is a pinned P(feasible) within tolerance of 0 or 1 (the same two-proportion test as
        p_low/p_high, against the nearer end, plus the pin's own noise)?"""
        end = 0.0 if v < 0.5 else 1.0
        pbar = (v + end) / 2
        return abs(v - end) <= Z * math.sqrt(2 * pbar * (1 - pbar) / self.n) + tol_pin + FLOOR

    def sensitivity(self, rt_tol):
        r, p, pl = self.r, self.p, self.pilot
        rows_r = {row["input"]: row for row in r.get("sensitivity", [])}
        rows_p = {row["input"]: row for row in p.get("sensitivity", [])}
        self.record("sensitivity inputs", sorted(rows_r), sorted(rows_p),
                    set(rows_r) == set(rows_p), 0.0, "different inputs")
        for key in sorted(set(rows_r) & set(rows_p)):
            for field, q in (("p_low", 0.1), ("p_high", 0.9)):
                self.proportion(f"sensitivity[{key}].{field}", rows_r[key][field],
                                rows_p[key][field], self.pilot.tol_pin(key, q))

        # sensitivity_of: "realistic_target" iff every pin gives P exactly 0 or 1. The two may
        # differ only when each pin that is not exactly 0 or 1 is within tolerance of it.
        if not self.keys_present("", (r, p), ("sensitivity_of",)):
            return
        of_r, of_p = r["sensitivity_of"], p["sensitivity_of"]
        kinds = {"p_feasible", "realistic_target"}
        if of_r == of_p or not {of_r, of_p} <= kinds:
            self.record("sensitivity_of", of_r, of_p, of_r == of_p, 0.0, "must be equal")
        else:
            rows = (r if of_r == "p_feasible" else p).get("sensitivity", [])
            far = [f"{row['input']}.{field} = {row[field]:.6g}" for row in rows
                   for field, q in (("p_low", 0.1), ("p_high", 0.9))
                   if row[field] not in (0.0, 1.0)
                   and not self.near_certain(row[field], pl.tol_pin(row["input"], q))]
            self.record("sensitivity_of", of_r, of_p, not far, 0.0,
                        f"differs, and these pins are not within tolerance of 0 or 1: {far}")

        if of_r == of_p == "realistic_target":
            for key in sorted(set(rows_r) & set(rows_p)):
                if not self.keys_present(f"sensitivity[{key}].", (rows_r[key], rows_p[key]),
                                         ("target_low", "target_high")):
                    continue
                for field, q in (("target_low", 0.1), ("target_high", 0.9)):
                    a, b = rows_r[key][field], rows_p[key][field]
                    tol = max(rt_tol, pl.tol_target_pin(key, q),
                              1e-9 * max(abs(a or 0.0), abs(b or 0.0)))
                    self.close(f"sensitivity[{key}].{field}", a, b, tol,
                               " (the realistic target's tolerance, or its pinned SE + pin noise)")

        # each side on its own: sensitivity_of follows from its own pins; swing =
        # |p_high − p_low| (or |target_high − target_low|), sorted by swing desc then key
        for side, out in (("rust", r), ("numpy", p)):
            rows = out.get("sensitivity", [])
            by_target = out["sensitivity_of"] == "realistic_target"
            certain = bool(rows) and all(row[f] in (0.0, 1.0) for row in rows
                                         for f in ("p_low", "p_high"))
            self.record(f"sensitivity_of ({side} self-consistency)", out["sensitivity_of"],
                        "realistic_target" if certain else "p_feasible", certain == by_target,
                        0.0, "not what its own pins say (realistic_target iff every pin's P "
                        "is exactly 0 or 1, and there is one)",
                        labels=("reported", "its pins say"))
            lo, hi = ("target_low", "target_high") if by_target else ("p_low", "p_high")

            def eps(*vs):
                # swings within this count as tied (k/N − j/N is not exact in floating point)
                return 1e-12 * max([1.0] + [abs(v) for v in vs])

            bad = [row["input"] for row in rows
                   if row.get(lo) is None or row.get(hi) is None
                   or abs(row["swing"] - abs(row[hi] - row[lo])) > eps(row[hi], row[lo])]
            in_order = all(a["swing"] > b["swing"] + eps(a["swing"], b["swing"]) or
                           (abs(a["swing"] - b["swing"]) <= eps(a["swing"], b["swing"]) and
                            (a["input"] < b["input"] or a["swing"] != b["swing"]))
                           for a, b in zip(rows, rows[1:]))
            ok = not bad and in_order
            self.record(f"sensitivity order/swing ({side} self-consistency)", "", "", ok, 0.0,
                        f"swing ≠ |{hi} − {lo}| for {bad}" if bad
                        else "not sorted by swing, then key", labels=("", ""))

    def levers(self, rt_tol, rt_rel):
        pl = self.pilot
        rows_r = {row["input"]: row for row in self.r.get("levers", [])}
        rows_p = {row["input"]: row for row in self.p.get("levers", [])}
        lr = {k: row["value"] for k, row in rows_r.items()}
        lp = {k: row["value"] for k, row in rows_p.items()}
        self.record("lever inputs", sorted(lr), sorted(lp), set(lr) == set(lp), 0.0,
                    "different levers")

        def lever(name, tol, borderline, edge_ok):
            a, b = lr.get(name), lp.get(name)
            if (a is None) != (b is None):
                value = a if a is not None else b
                ok = borderline or edge_ok(value)
                self.record(f"levers[{name}]", a, b, ok, 0.0,
                            "null on one side only, and the lever is not at the edge of reach")
                return
            self.close(f"levers[{name}]", a, b, tol, " (order-statistic SE)")

        if "target.revenue" in lr:
            a, b = lr["target.revenue"], lp.get("target.revenue")
            self.close("levers[target.revenue]", a, b, rt_tol, f" = {rt_rel:.2%} rel")
        fixed = pl.all_fixed          # nothing sampled: the levers must match exactly
        if "horizon_days" in lr:
            tol, border = pl.lever_tolerance(pl.thresholds_horizon(), 3650)
            tol = 0.0 if fixed else max(3.0, tol + 1)
            lever("horizon_days", tol, border, lambda v: v >= 3650 - tol)
        if "market.size" in lr:
            tol, border = pl.lever_tolerance(pl.thresholds_market_size(), 100.0)
            value = lp.get("market.size") or lr.get("market.size") or 0.0
            tol = max(tol, self.qrel * value)
            lever("market.size", tol, border, lambda v: v >= 100.0 - tol)
        if "share.gain_per_year" in lr:
            tol, border = pl.lever_tolerance(pl.thresholds_share_shift(), 1.0)
            tol += pl.tol_assumed_pace()     # the value is median(gain) + Δ
            gain_med = pl.median("share.gain_per_year")
            lever("share.gain_per_year", max(tol, GAIN_LEVER_WIDTH), border,
                  lambda v: v >= gain_med + 1.0 - tol)
        if "capacity.reps" in lr:
            tol, border = pl.lever_tolerance(pl.thresholds_reps(), 10_000)
            tol = 0.0 if fixed else max(1.0, tol + 1)
            lever("capacity.reps", tol, border, lambda v: v >= 10_000 - tol)

        # stopped_by: on a null reps lever (the market binds) and a null share-gain or
        # market-size lever (the team binds), with [capacity] only, and only when the lever
        # would reach the confidence with that other limit lifted; nowhere else.
        has_capacity = pl.sc.has_capacity
        limits = {"capacity.reps": "market", "share.gain_per_year": "capacity",
                  "market.size": "capacity"}
        for name in sorted(set(rows_r) & set(rows_p)):
            sr, sp = rows_r[name].get("stopped_by"), rows_p[name].get("stopped_by")
            a, b = lr[name], lp[name]
            if (a is None) != (b is None):
                continue            # judged above (at the edge of reach): one side stops
            if a is None and has_capacity and name in limits:
                # Present only when the other limit is what stops the lever (with it lifted,
                # the lever would reach the confidence): both sides must agree on that.
                if sr is None and sp is None:
                    self.record(f"levers[{name}].stopped_by", sr, sp, True, 0.0,
                                "out of range even with the other limit lifted")
                    continue
                if not (isinstance(sr, dict) and isinstance(sp, dict)):
                    self.record(f"levers[{name}].stopped_by", sr, sp, False, 0.0,
                                "one side names a limit, the other says none stops it")
                    continue
                self.exact(f"levers[{name}].stopped_by.limit", sr.get("limit"), sp.get("limit"))
                self.record(f"levers[{name}].stopped_by.limit (expected)", sp.get("limit"),
                            limits[name], sp.get("limit") == limits[name], 0.0,
                            "not the other limit", labels=("numpy", "definition"))
                self.proportion(f"levers[{name}].stopped_by.binds", sr.get("binds"),
                                sp.get("binds"))
            else:
                self.record(f"levers[{name}].stopped_by", sr, sp, sr is None and sp is None,
                            0.0, "only a null reps, share-gain or market-size lever with [capacity] has one")
        self.combined_lever(lr, lp, has_capacity)

    def combined_lever(self, lr, lp, has_capacity):
        """combined_lever: null unless [capacity] and both the reps and the share-gain levers
        are null; then skypie_ref.combined_pair's (reps, assumed_pace + δ), order statistics at
        a level that is itself random: tolerances from the pilot's bootstrap SE (see
        Pilot.combined)."""
        r, p, pl = self.r, self.p, self.pilot
        if not self.keys_present("", (r, p), ("combined_lever",)):
            return
        a, b = r["combined_lever"], p["combined_lever"]

        def both_null(levers):
            return (has_capacity and "capacity.reps" in levers
                    and levers.get("capacity.reps") is None
                    and levers.get("share.gain_per_year") is None)

        for side, value, levers in (("rust", a, lr), ("numpy", b, lp)):
            if value is not None and not both_null(levers):
                self.record(f"combined_lever ({side} self-consistency)", value, "", False, 0.0,
                            "present although a single lever reaches the confidence",
                            labels=(side, ""))
        if a is None and b is None:
            self.record("combined_lever", a, b, True, 0.0)
            return
        if (a is None) != (b is None):
            if both_null(lr) != both_null(lp):
                # only one side has both single levers out of reach: that difference was
                # judged with those levers (at the edge of reach)
                self.record("combined_lever", a, b, True, 0.0)
                return
            border = pl.combined()["borderline"]
            self.record("combined_lever", a, b, border, 0.0,
                        "null on one side only, and the pair is not at the edge of reach")
            return
        if not self.keys_present("combined_lever.", (a, b),
                                 ("capacity.reps", "share.gain_per_year")):
            return
        cb = pl.combined()
        if pl.all_fixed:
            tol_reps, tol_gain = 0.0, COMBINED_DELTA_WIDTH
        else:
            tol_reps = Z2 * cb["se_reps"] + 1                   # + 1 for ⌈ρ⌉
            tol_gain = max(Z2 * cb["se_delta"] + pl.tol_assumed_pace(), COMBINED_DELTA_WIDTH)
        self.close("combined_lever.capacity.reps", a["capacity.reps"], b["capacity.reps"],
                   tol_reps, " (bootstrap SE of the order statistic)")
        self.close("combined_lever.share.gain_per_year", a["share.gain_per_year"],
                   b["share.gain_per_year"], tol_gain, " (bootstrap SE + median pace SE)")

    def time_path(self):
        tr, tp = self.r.get("time_path", []), self.p.get("time_path", [])
        days_r, days_p = [x["day"] for x in tr], [x["day"] for x in tp]
        self.record("time_path days", f"{len(days_r)} checkpoints", f"{len(days_p)} checkpoints",
                    days_r == days_p, 0.0, "different checkpoints")
        for a, b in zip(tr, tp):
            if a["day"] != b["day"]:
                break
            d = a["day"]
            self.close(f"time_path[day {d}].required", a["required"], b["required"],
                       1e-12 * abs(b["required"]))
            sample = self.pilot.figure("achievable_revenue", d)
            for key, q in (("p10", 0.1), ("p50", 0.5), ("p90", 0.9)):
                tol, rel = self.quantile_tol((a[key], b[key]), q, sample)
                self.close(f"time_path[day {d}].{key}", a[key], b[key], tol, f" = {rel:.2%} rel")

    def frontier(self):
        """The frontier (docs/MODEL.md §7): the same horizons on both sides; per horizon, P(feasible)
        within FRONTIER_Z combined SEs (the two-proportion test) and the realistic target within
        FRONTIER_REL relative, or the quantile tolerance where that is wider (a figure spanning
        orders of magnitude); the median required capture as any quantile (quantile_tol on the
        pilot's R/W at that horizon). With nothing sampled, everything to 1e-9 relative."""
        if not self.keys_present("", (self.r, self.p), ("frontier",)):
            return
        fr, fp = self.r["frontier"], self.p["frontier"]
        self.record("frontier days", [x["days"] for x in fr], [x["days"] for x in fp],
                    [x["days"] for x in fr] == [x["days"] for x in fp], 0.0,
                    "different horizons")
        fixed = self.pilot.all_fixed
        for a, b in zip(fr, fp):
            if a["days"] != b["days"]:
                break
            d = a["days"]
            pa, pb = a["p_feasible"], b["p_feasible"]
            pbar = (pa + pb) / 2
            se = math.sqrt(2 * pbar * (1 - pbar) / self.n)
            self.close(f"frontier[{d} days].p_feasible", pa, pb, FRONTIER_Z * se + FLOOR,
                       f" = {FRONTIER_Z:g} SE")
            ra, rb = a["realistic_target"], b["realistic_target"]
            big = max(abs(ra or 0.0), abs(rb or 0.0))
            if fixed:
                tol, rel = max(1e-9 * big, 1e-12), 1e-9
            else:
                tol, rel = self.quantile_tol((ra, rb), self.realistic_rank(),
                                             self.pilot.figure("achievable_revenue", d),
                                             floor=FRONTIER_REL)
            self.close(f"frontier[{d} days].realistic_target", ra, rb, tol, f" = {rel:.2%} rel")
            ca, cb = a["required_capture_p50"], b["required_capture_p50"]
            tol, rel = self.quantile_tol((ca, cb), 0.5, self.pilot.figure("required_capture", d))
            self.close(f"frontier[{d} days].required_capture_p50", ca, cb, tol,
                       f" = {rel:.2%} rel")


# --------------------------------------------------------------------------------------------

def stale_binary(binary: Path) -> bool:
    built = binary.stat().st_mtime
    for f in list((REPO / "src").rglob("*")) + [REPO / "Cargo.toml"]:
        if f.is_file() and f.stat().st_mtime > built:
            return True
    return False


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description="Cross-check skypie (Rust) against the NumPy reference, statistically.")
    ap.add_argument("files", nargs="*", help="scenario files (default: scenarios/*.toml)")
    ap.add_argument("--samples", type=int, default=DEFAULT_SAMPLES,
                    help=f"samples for both runs (default {DEFAULT_SAMPLES:,})")
    ap.add_argument("--seed", type=int, help="seed for both runs (default: each file's own)")
    ap.add_argument("--bin", type=Path, default=DEFAULT_BIN,
                    help="the skypie binary (default target/release/skypie)")
    ap.add_argument("--method", choices=(*METHODS, "both"), default="both",
                    help="how the binary draws its samples: plain Monte Carlo, Sobol points, or "
                         "one pass of each (default both); the reference is always plain "
                         "Monte Carlo")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="print every figure: both values and |diff| / tolerance")
    args = ap.parse_args(argv)
    # `--bin ./skypie` is that file, not a name looked up on PATH (Path drops the `./`).
    args.bin = args.bin.absolute()

    if args.samples < 1000:
        print("error: --samples must be at least 1000 for the tolerances to mean anything",
              file=sys.stderr)
        return 2
    if not args.bin.exists():
        print(f"error: {args.bin} not found; build it first with `cargo build --release` "
              f"(in {REPO})", file=sys.stderr)
        return 2
    if stale_binary(args.bin):
        print(f"note: {args.bin} is older than the sources; `cargo build --release` to test "
              "the current code", file=sys.stderr)
    try:
        import numpy  # noqa: F401
        import skypie_ref
    except ImportError as e:
        print(f"error: {e}; the reference model needs NumPy: `pip install numpy`",
              file=sys.stderr)
        return 2

    files = args.files
    if not files:
        files = [os.path.relpath(f) for f in sorted(glob.glob(str(REPO / "scenarios" / "*.toml")))]
        if not files:
            print(f"error: no scenario files in {REPO / 'scenarios'}", file=sys.stderr)
            return 2

    t_start = time.perf_counter()
    methods = METHODS if args.method == "both" else (args.method,)
    runs, bad_scenarios, total_figures, total_bad, errors = 0, 0, 0, 0, 0
    for method in methods:
        n = args.samples if method == "mc" else 1 << (args.samples - 1).bit_length()
        asked = f" ({args.samples:,} rounded up to a power of two)" if n != args.samples else ""
        print(f"agree: skypie --method {method} ({args.bin}) vs skypie_ref.py (plain Monte "
              f"Carlo), {n:,} samples each{asked}, --detail")
        for path in files:
            runs += 1
            outcome = agree_on(path, n, method, args, skypie_ref)
            if outcome is None:
                errors += 1
                continue
            figures, bad = outcome
            total_figures += figures
            total_bad += bad
            bad_scenarios += bad > 0

    elapsed = time.perf_counter() - t_start
    under = " and ".join(methods)
    if errors:
        print(f"summary: {errors} of {runs} scenario runs could not be run ({under}); "
              f"{total_bad} disagreements in the others ({elapsed:.0f} s)")
        return 2
    if total_bad:
        print(f"summary: {total_bad} disagreeing figures in {bad_scenarios} of {runs} scenario "
              f"runs ({under}; {total_figures} figures compared, {elapsed:.0f} s)")
        return 1
    print(f"summary: all {total_figures} figures of {len(files)} scenarios agree under {under} "
          f"({elapsed:.0f} s)")
    return 0


def agree_on(path: str, n: int, method: str, args, skypie_ref) -> tuple[int, int] | None:
    """Compares one scenario under one method and prints its lines: (figures compared,
    figures that disagree), or None when a tool could not be run."""
    t0 = time.perf_counter()
    name = f"{os.path.basename(path)} ({method})"
    if not os.path.isfile(path):
        print(f"ERROR     {name}: no such file {path}")
        return None
    try:
        proc = start_reference(path, n, args.seed)   # the slow one, in the background
        rust = ref = None
        try:
            rust = run_rust(args.bin, path, n, args.seed, method)
        except Rejected as e:
            rust = e
        except BaseException:
            proc.kill()
            proc.communicate()
            raise
        try:
            ref = finish_reference(proc, path)
        except Rejected as e:
            ref = e
        if isinstance(rust, Rejected) or isinstance(ref, Rejected):
            first = {side: str(x).splitlines()[0] if str(x) else "(no message)"
                     for side, x in (("rust", rust), ("numpy", ref)) if isinstance(x, Rejected)}
            if len(first) == 2:
                print(f"agree     {name}: both reject it (rust: {first['rust']} | "
                      f"numpy: {first['numpy']})")
                return 1, 0
            side, msg = next(iter(first.items()))
            print(f"DISAGREE  {name}: only {side} rejects it: {msg}")
            return 1, 1
        pilot = Pilot(skypie_ref, path, n)
    except (ToolError, skypie_ref.ScenarioError, OSError, json.JSONDecodeError) as e:
        print(f"ERROR     {name}: {e}")
        return None
    with open(path, "rb") as fh:
        seed_given = args.seed is not None or "seed" in tomllib.load(fh).get("run", {})
    rust_spearman = None
    if pilot.effective_pairs():
        try:
            rust_spearman = rust_rank_correlations(args.bin, path, n, args.seed,
                                                   pilot.uncertain, method)
        except ToolError as e:
            print(f"ERROR     {name}: {e}")
            return None
    cmp = Compare(n, rust, ref, pilot, seed_given, rust_spearman, method)
    try:
        cmp.run()
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        # a key missing or of the wrong type on one side: that is a disagreement too
        cmp.failures.append(f"malformed output, comparison stopped: {type(e).__name__}: {e}")
    if args.verbose:
        for fig, a, b, ratio in cmp.rows:
            print(f"    {name}: {fig}: rust {a} numpy {b}  |diff|/tol {ratio:.3f}")
    secs = time.perf_counter() - t0
    if cmp.failures:
        print(f"DISAGREE  {name}: {len(cmp.failures)} of {cmp.count} figures "
              f"[p_feasible {rust['p_feasible']:.4f} vs {ref['p_feasible']:.4f}] "
              f"({secs:.1f} s)")
        for f in cmp.failures:
            print(f"          {name}: {f}")
    else:
        worst_ratio, worst_name = cmp.worst
        print(f"agree     {name}: {cmp.count} figures, verdict {rust['verdict']}, "
              f"p_feasible {rust['p_feasible']:.4f} vs {ref['p_feasible']:.4f}; closest to "
              f"its tolerance: {worst_name} at {worst_ratio:.2f}x ({secs:.1f} s)")
    return cmp.count, len(cmp.failures)


if __name__ == "__main__":
    sys.exit(main())
