#!/usr/bin/env python3
"""skypie_ref -- independent Python + NumPy reference implementation of the skypie model.

Written from /work/shared/SPEC.md (sections 1, 2, 3 and 6) alone, to cross-check the Rust
implementation statistically and to serve as the "straightforward vectorised NumPy" speed
baseline.  Whole-array operations only; no loops over samples.

Usage:
    python3 tools/reference/skypie_ref.py SCENARIO.toml [--samples N] [--seed S] [--detail]
                                                        [--set key=value ...]

Prints one JSON object (SPEC section 3 keys, plus "assumed_pace" and "seconds") to stdout.
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import re
import sys
import time
import tomllib
from fractions import Fraction
from pathlib import Path

import numpy as np

Z90 = 1.6448536
DEFAULT_SEED = 0
DEFAULT_SAMPLES = 100_000
MAX_SAMPLES = 10_000_000
DAYS_PER_YEAR = 365.0


class ScenarioError(Exception):
    pass


# --------------------------------------------------------------------------------------------
# Scenario parsing and validation
# --------------------------------------------------------------------------------------------

SCHEMA = {
    "": ["schema", "name", "horizon_days", "currency", "confidence", "target", "market",
         "share", "capacity", "run"],
    "target": ["revenue"],
    "market": ["size", "growth", "serviceable"],
    "share": ["current", "gain_per_year", "ceiling"],
    "capacity": ["reps", "new_reps", "ramp_days", "quota_per_rep", "attainment"],
    "run": ["samples", "seed"],
}

# Distribution-valued keys: (domain low, domain high, domain text for the clamp warning)
DIST_KEYS = {
    "market.size": (0.0, math.inf, "≥ 0"),
    "market.growth": (-0.99, math.inf, "≥ -0.99"),
    "market.serviceable": (0.0, 1.0, "[0, 1]"),
    "share.current": (0.0, 1.0, "[0, 1]"),
    "share.gain_per_year": (-math.inf, math.inf, "any real"),
    "share.ceiling": (0.0, 1.0, "[0, 1]"),
    "capacity.quota_per_rep": (0.0, math.inf, "≥ 0"),
    "capacity.attainment": (0.0, math.inf, "≥ 0"),
}
DIST_DEFAULTS = {
    "market.growth": 0.0,
    "market.serviceable": 1.0,
    "share.current": 0.0,
    "share.gain_per_year": 0.0,
    "share.ceiling": 1.0,
    "capacity.attainment": 1.0,
}

_SEP_BETWEEN_DIGITS = re.compile(r"(?<=\d)[_,](?=\d)")
_FLOAT_BODY = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_SUFFIX = {"k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "b": 1e9, "B": 1e9, "%": 0.01}
_TO_SPLIT = re.compile(r"\s+to\s+")


class Ctx:
    """Error-reporting context: file name and raw text (for best-effort line/column)."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.lines = text.splitlines()

    def locate(self, dotted: str) -> str:
        parts = dotted.split(".")
        table, leaf = (parts[0], parts[-1]) if len(parts) > 1 else ("", parts[0])
        current = ""
        for i, line in enumerate(self.lines, 1):
            s = line.strip()
            m = re.match(r"^\[\s*([A-Za-z0-9_.-]+)\s*\]", s)
            if m:
                current = m.group(1)
                continue
            m = re.match(r"^(\s*)([A-Za-z0-9_-]+)\s*=", line)
            if m and m.group(2) == leaf and current == table:
                return f"{self.path}:{i}:{len(m.group(1)) + 1}"
            m = re.match(r"^(\s*)" + re.escape(dotted) + r"\s*=", line)
            if m and current == "":
                return f"{self.path}:{i}:{len(m.group(1)) + 1}"
        if table:
            for i, line in enumerate(self.lines, 1):
                if re.match(r"^\s*\[\s*" + re.escape(table) + r"\s*\]", line):
                    return f"{self.path}:{i}:1"
        return f"{self.path}"

    def error(self, key: str, found, expected: str) -> ScenarioError:
        return ScenarioError(
            f"{self.locate(key)}: key `{key}`: found {found!r}, expected {expected}")


def parse_number(v, key: str, ctx: Ctx) -> float:
    if isinstance(v, bool):
        raise ctx.error(key, v, "a number (plain or a string such as \"3M\", \"12%\")")
    if isinstance(v, (int, float)):
        x = float(v)
    elif isinstance(v, str):
        s = v.strip()
        mult = 1.0
        if s and s[-1] in _SUFFIX:
            mult = _SUFFIX[s[-1]]
            s = s[:-1].rstrip()
        s = _SEP_BETWEEN_DIGITS.sub("", s)
        if not _FLOAT_BODY.fullmatch(s):
            raise ctx.error(key, v, "a number such as 3000000, \"3M\", \"250k\", \"12%\", \"1,000\"")
        x = float(s) * mult
    else:
        raise ctx.error(key, v, "a number")
    if not math.isfinite(x):
        raise ctx.error(key, v, "a finite number")
    return x


def parse_int(v, key: str, ctx: Ctx, lo: int, hi: int | None) -> int:
    x = parse_number(v, key, ctx)
    rng_txt = f"an integer in {lo}..={hi}" if hi is not None else f"an integer ≥ {lo}"
    if x != math.floor(x) or x < lo or (hi is not None and x > hi):
        raise ctx.error(key, v, rng_txt)
    return int(x)


class Dist:
    """A value form: kind in {fixed, normal, lognormal, uniform, triangular, pert, beta}."""

    def __init__(self, kind: str, **p):
        self.kind = kind
        self.p = p

    @property
    def fixed(self) -> bool:
        return self.kind == "fixed"

    def sample(self, rng: np.random.Generator, n: int):
        p = self.p
        k = self.kind
        if k == "fixed":
            return np.float64(p["value"])
        if k == "normal":
            x = rng.standard_normal(n)
            x *= p["sd"]
            x += p["mean"]
            return x
        if k == "lognormal":
            x = rng.standard_normal(n)
            x *= p["sigma"]
            x += p["mu"]
            np.exp(x, out=x)
            return x
        if k == "uniform":
            return rng.uniform(p["min"], p["max"], n)
        if k == "triangular":
            return rng.triangular(p["min"], p["mode"], p["max"], n)
        if k == "pert":
            lo, mode, hi = p["min"], p["mode"], p["max"]
            a = 1.0 + 4.0 * (mode - lo) / (hi - lo)
            b = 1.0 + 4.0 * (hi - mode) / (hi - lo)
            x = rng.beta(a, b, n)
            x *= hi - lo
            x += lo
            return x
        if k == "beta":
            return rng.beta(p["alpha"], p["beta"], n)
        raise AssertionError(k)


def interval_dist(a: float, b: float, key: str, ctx: Ctx, raw, force: str | None) -> Dist:
    if a >= b:
        raise ctx.error(key, raw, "a 90% interval \"A to B\" with A < B")
    if force == "normal" or (force is None and not (0 < a < b)):
        return Dist("normal", mean=(a + b) / 2, sd=(b - a) / (2 * Z90))
    if a <= 0:
        raise ctx.error(key, raw, "a lognormal 90% interval with 0 < low < high")
    la, lb = math.log(a), math.log(b)
    return Dist("lognormal", mu=(la + lb) / 2, sigma=(lb - la) / (2 * Z90))


DIST_PARAMS = {
    "normal": [("mean", "sd")],
    "lognormal": [("mu", "sigma")],
    "uniform": [("min", "max")],
    "triangular": [("min", "mode", "max")],
    "pert": [("min", "mode", "max")],
    "beta": [("alpha", "beta")],
}


def parse_dist(v, key: str, ctx: Ctx) -> Dist:
    lo_dom, hi_dom, dom_txt = DIST_KEYS[key]
    if isinstance(v, str) and _TO_SPLIT.search(v.strip()):
        parts = _TO_SPLIT.split(v.strip())
        if len(parts) != 2:
            raise ctx.error(key, v, "\"A to B\"")
        a = parse_number(parts[0], key, ctx)
        b = parse_number(parts[1], key, ctx)
        return interval_dist(a, b, key, ctx, v, None)
    if isinstance(v, dict):
        kind = v.get("dist")
        keys = set(v) - {"dist"}
        if kind is not None and kind not in DIST_PARAMS:
            raise ctx.error(key + ".dist", kind,
                            "one of normal, lognormal, uniform, triangular, pert, beta")
        if keys == {"low", "high"} and kind in (None, "normal", "lognormal"):
            a = parse_number(v["low"], key + ".low", ctx)
            b = parse_number(v["high"], key + ".high", ctx)
            return interval_dist(a, b, key, ctx, v, kind)
        if kind is None:
            unknown = sorted(keys - {"low", "high"})
            hint = ""
            if unknown:
                near = difflib.get_close_matches(unknown[0], ["low", "high", "dist"], 1)
                hint = f" (did you mean `{near[0]}`?)" if near else ""
            raise ctx.error(key, v, "{ low = A, high = B } or a table with `dist`" + hint)
        names = DIST_PARAMS[kind][0]
        if keys != set(names):
            extra = sorted(keys - set(names))
            hint = ""
            if extra:
                near = difflib.get_close_matches(extra[0], list(names), 1)
                hint = f" (unknown key `{extra[0]}`" + (f", did you mean `{near[0]}`?)" if near else ")")
            raise ctx.error(key, v, f"dist = \"{kind}\" with keys {', '.join(names)}" + hint)
        p = {n: parse_number(v[n], f"{key}.{n}", ctx) for n in names}
        if kind == "normal" and p["sd"] < 0:
            raise ctx.error(key + ".sd", v["sd"], "sd ≥ 0")
        if kind == "lognormal" and p["sigma"] < 0:
            raise ctx.error(key + ".sigma", v["sigma"], "sigma ≥ 0")
        if kind == "uniform" and not p["min"] < p["max"]:
            raise ctx.error(key, v, "min < max")
        if kind in ("triangular", "pert") and not (p["min"] <= p["mode"] <= p["max"]
                                                    and p["min"] < p["max"]):
            raise ctx.error(key, v, "min ≤ mode ≤ max with min < max")
        if kind == "beta" and not (p["alpha"] > 0 and p["beta"] > 0):
            raise ctx.error(key, v, "alpha > 0 and beta > 0")
        return Dist(kind, **p)
    x = parse_number(v, key, ctx)
    if key == "share.gain_per_year":
        if not -1.0 <= x <= 1.0:
            raise ctx.error(key, v, "a fixed share gain per year in [-1, 1]")
    elif not lo_dom <= x <= hi_dom:
        raise ctx.error(key, v, f"a value {dom_txt}")
    return Dist("fixed", value=x)


def check_keys(tbl: dict, section: str, ctx: Ctx):
    allowed = SCHEMA[section]
    for k in tbl:
        if k not in allowed:
            near = difflib.get_close_matches(k, allowed, 1)
            hint = f" (did you mean `{near[0]}`?)" if near else ""
            dotted = f"{section}.{k}" if section else k
            raise ScenarioError(f"{ctx.locate(dotted)}: unknown key `{dotted}`; expected one of "
                                f"{', '.join(allowed)}{hint}")


def set_dotted(doc: dict, dotted: str, raw: str):
    try:
        value = tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw
    parts = dotted.split(".")
    d = doc
    for p in parts[:-1]:
        d = d.setdefault(p, {})
        if not isinstance(d, dict):
            raise ScenarioError(f"--set {dotted}: `{p}` is not a table")
    d[parts[-1]] = value


class Scenario:
    pass


def load_scenario(path: str, overrides: list[str]) -> Scenario:
    text = Path(path).read_text(encoding="utf-8")
    ctx = Ctx(path, text)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ScenarioError(f"{path}: TOML syntax error: {e}") from None
    for ov in overrides:
        if "=" not in ov:
            raise ScenarioError(f"--set {ov!r}: expected key=value")
        k, raw = ov.split("=", 1)
        set_dotted(doc, k.strip(), raw.strip())

    check_keys(doc, "", ctx)
    for sec in ("target", "market", "share", "capacity", "run"):
        if sec in doc:
            if not isinstance(doc[sec], dict):
                raise ctx.error(sec, doc[sec], "a table")
            check_keys(doc[sec], sec, ctx)

    sc = Scenario()
    sc.path = path
    if "schema" in doc and (isinstance(doc["schema"], bool) or doc["schema"] != 1):
        raise ctx.error("schema", doc["schema"], "1")
    sc.name = doc.get("name", Path(path).stem)
    if not isinstance(sc.name, str):
        raise ctx.error("name", sc.name, "a string")
    if "horizon_days" not in doc:
        raise ScenarioError(f"{path}: missing key `horizon_days` (an integer in 1..=3650)")
    sc.horizon_days = parse_int(doc["horizon_days"], "horizon_days", ctx, 1, 3650)
    sc.confidence = 0.8
    if "confidence" in doc:
        c = parse_number(doc["confidence"], "confidence", ctx)
        if not 0.5 <= c <= 0.99:
            raise ctx.error("confidence", doc["confidence"], "a number in [0.5, 0.99]")
        sc.confidence = c
    tgt = doc.get("target", {})
    if "revenue" not in tgt:
        raise ScenarioError(f"{ctx.locate('target')}: missing key `target.revenue` "
                            "(a revenue > 0 such as \"3M\")")
    rv = tgt["revenue"]
    if isinstance(rv, str) and rv.strip() == "":
        raise ctx.error("target.revenue", rv, "a revenue > 0 such as \"3M\"")
    sc.revenue = parse_number(rv, "target.revenue", ctx)
    if not sc.revenue > 0:
        raise ctx.error("target.revenue", rv, "a revenue > 0")

    sc.dists = {}
    mk = doc.get("market", {})
    if "size" not in mk:
        raise ScenarioError(f"{ctx.locate('market')}: missing key `market.size`")
    for key in DIST_KEYS:
        sec, leaf = key.split(".")
        if sec == "capacity":
            continue
        tbl = doc.get(sec, {})
        if leaf in tbl:
            sc.dists[key] = parse_dist(tbl[leaf], key, ctx)
        else:
            sc.dists[key] = Dist("fixed", value=DIST_DEFAULTS[key])

    sc.has_capacity = "capacity" in doc
    if sc.has_capacity:
        cap = doc["capacity"]
        sc.reps = parse_int(cap.get("reps", 0), "capacity.reps", ctx, 0, None)
        sc.new_reps = parse_int(cap.get("new_reps", 0), "capacity.new_reps", ctx, 0, None)
        sc.ramp_days = parse_int(cap.get("ramp_days", 0), "capacity.ramp_days", ctx, 0, None)
        if "quota_per_rep" not in cap:
            raise ScenarioError(f"{ctx.locate('capacity')}: missing key "
                                "`capacity.quota_per_rep` (required with [capacity])")
        sc.dists["capacity.quota_per_rep"] = parse_dist(cap["quota_per_rep"],
                                                        "capacity.quota_per_rep", ctx)
        sc.dists["capacity.attainment"] = (parse_dist(cap["attainment"], "capacity.attainment", ctx)
                                           if "attainment" in cap else Dist("fixed", value=1.0))

    run = doc.get("run", {})
    sc.samples = parse_int(run["samples"], "run.samples", ctx, 1, None) if "samples" in run \
        else DEFAULT_SAMPLES
    sc.seed = parse_int(run["seed"], "run.seed", ctx, 0, None) if "seed" in run else DEFAULT_SEED
    return sc


# --------------------------------------------------------------------------------------------
# Model
# --------------------------------------------------------------------------------------------

# Taylor coefficients: I0/t = sum x^n/(n+1)!,  I1/t^2 = sum x^n/(n! (n+2))
_I0_C = [1.0 / math.factorial(n + 1) for n in range(11)]
_I1_C = [1.0 / (math.factorial(n) * (n + 2)) for n in range(11)]
_SMALL = 1e-2


def _horner(coefs, x):
    acc = coefs[-1]
    for c in reversed(coefs[:-1]):
        acc = acc * x + c
    return acc


def _with_series(big, x, t, coefs, tpow):
    """Replace entries with |x| < 1e-2 by the Taylor series t^tpow·Σ c_n x^n (masked, so the
    series is only evaluated where it is needed)."""
    small = np.abs(x) < _SMALL
    if big.ndim == 0:
        return t ** tpow * _horner(coefs, x) if small else big
    idx = np.flatnonzero(small)
    if idx.size:
        xs = x[idx]
        ts = np.broadcast_to(t, x.shape)[idx]
        big[idx] = ts ** tpow * _horner(coefs, xs)
    return big


def I0(k, t):
    """∫₀ᵗ e^{ks} ds = expm1(kt)/k, vectorised; Taylor series when |kt| < 1e-2."""
    k, t = np.asarray(k, dtype=float), np.asarray(t, dtype=float)
    x = k * t
    with np.errstate(all="ignore"):
        big = np.expm1(x)
        big /= k
    return _with_series(big, x, t, _I0_C, 1)


def I1(k, t):
    """∫₀ᵗ s·e^{ks} ds = (e^x (x − 1) + 1)/k², x = kt; Taylor series when |x| < 1e-2."""
    k, t = np.asarray(k, dtype=float), np.asarray(t, dtype=float)
    x = k * t
    with np.errstate(all="ignore"):
        # x·e^x − expm1(x) == e^x(x − 1) + 1, with less cancellation near x = 0
        big = x * np.exp(x)
        big -= np.expm1(x)
        big /= k * k
        if big.ndim == 0:
            big = np.float64(np.inf) if x > 700.0 else big
        else:
            big[x > 700.0] = np.inf
    return _with_series(big, x, t, _I1_C, 2)


def share_integral(k, c0, gam, cap, T, i0_T=None):
    """J = ∫₀ᵀ clamp(c0 + γt, 0, cap)·e^{kt} dt, exactly, piece by piece.

    Piece 1 is linear on [0, τ], τ = min(T, t_break); piece 2 is flat on [τ, T] at cap (γ > 0)
    or at 0 (γ < 0)."""
    c0, gam, cap = (np.asarray(v, dtype=float) for v in (c0, gam, cap))
    with np.errstate(all="ignore"):
        t_break = np.where(gam > 0, (cap - c0) / gam,
                           np.where(gam < 0, c0 / (-gam), np.inf))
    tau = np.minimum(T, t_break)
    flat = np.where(gam > 0, cap, 0.0)
    i0_tau = I0(k, tau)
    j = c0 * i0_tau + gam * I1(k, tau)
    if i0_T is None:
        i0_T = I0(k, T)
    j += flat * (i0_T - i0_tau)
    return j


def ramped_years(T, Tr):
    if Tr > 0 and T <= Tr:
        return T * T / (2.0 * Tr)
    return T - Tr / 2.0


def quantiles(x, qs=(0.1, 0.5, 0.9)):
    """NumPy default (linear) quantiles; equal neighbouring order statistics (e.g. +inf, +inf)
    give that value rather than NaN."""
    x = np.asarray(x, dtype=float).ravel()
    if np.isfinite(x).all():
        return [float(v) for v in np.quantile(x, qs)]
    n = x.size
    out = []
    hs = [(n - 1) * q for q in qs]
    kth = sorted({min(int(math.floor(h)) + d, n - 1) for h in hs for d in (0, 1)})
    part = np.partition(x, kth)
    for h in hs:
        lo = int(math.floor(h))
        hi = min(lo + 1, n - 1)
        a, b, t = float(part[lo]), float(part[hi]), h - lo
        if a == b or t == 0:
            out.append(a)
        else:
            d = b - a
            out.append(a + d * t if t < 0.5 else b - d * (1 - t))
    return out


def summary(x, n):
    x = np.broadcast_to(np.asarray(x, dtype=float), (n,))
    p10, p50, p90 = quantiles(x)
    with np.errstate(all="ignore"):
        mean = float(np.sum(x / n))
    return {"p10": p10, "p50": p50, "p90": p90, "mean": mean}


def median(x):
    if np.ndim(x) == 0:
        return float(x)
    return float(np.median(x))


class Model:
    """Sampled inputs plus the per-sample model, with helpers for common-random-number reruns."""

    def __init__(self, sc: Scenario, n: int, seed: int):
        self.sc = sc
        self.n = n
        self.R = sc.revenue
        self.H = sc.horizon_days
        self.T = sc.horizon_days / DAYS_PER_YEAR
        self.warnings = []
        rng = np.random.default_rng(seed)
        self.x = {}
        for key, d in sc.dists.items():
            v = d.sample(rng, n)
            if not d.fixed:
                lo, hi, txt = DIST_KEYS[key]
                clamped = 0
                if lo > -math.inf:
                    clamped += int(np.count_nonzero(v < lo))
                if hi < math.inf:
                    clamped += int(np.count_nonzero(v > hi))
                if clamped:
                    np.clip(v, lo, hi, out=v)
                    self.warnings.append(f"{key}: {clamped} of {n} samples clamped to {txt}")
            self.x[key] = v
        self.Tr = sc.ramp_days / DAYS_PER_YEAR if sc.has_capacity else 0.0

    # -- building blocks, each taking an optional dict of replaced inputs ----------------------
    def get(self, key, repl):
        return repl[key] if repl and key in repl else self.x[key]

    def k_of(self, repl=None):
        g = self.get("market.growth", repl)
        return np.log1p(g)

    def J(self, T, repl=None, k=None, i0_T=None):
        c0 = self.get("share.current", repl)
        cap = np.maximum(self.get("share.ceiling", repl), c0)
        gam = self.get("share.gain_per_year", repl)
        if k is None:
            k = self.k_of(repl)
        return share_integral(k, c0, gam, cap, T, i0_T)

    def sM(self, repl=None):
        return self.get("market.serviceable", repl) * self.get("market.size", repl)

    def capacity(self, T, repl=None, reps=None):
        if not self.sc.has_capacity:
            return np.inf
        reps = self.sc.reps if reps is None else reps
        qa = self.get("capacity.quota_per_rep", repl) * self.get("capacity.attainment", repl)
        return qa * (reps * T + self.sc.new_reps * ramped_years(T, self.Tr))

    def feasible_count(self, am, c):
        a = np.minimum(am, c)
        return int(np.count_nonzero(np.broadcast_to(a, (self.n,)) >= self.R))

    # -- headline -----------------------------------------------------------------------------
    def headline(self):
        n, R, T, sc = self.n, self.R, self.T, self.sc
        k = self.k_of()
        sM = self.sM()
        i0_T = I0(k, T)
        W = np.broadcast_to(sM * i0_T, (n,))
        self.am = np.broadcast_to(sM * self.J(T, k=k, i0_T=i0_T), (n,))
        self.c = self.capacity(T)
        A = np.minimum(self.am, self.c)
        self.A = A
        with np.errstate(all="ignore"):
            rc = R / W
            ac = np.where(W > 0, A / np.where(W > 0, W, 1.0), 0.0)

        F = int(np.count_nonzero(A >= R))
        self.m = m = confidence_count(sc.confidence, n)
        p = F / n
        se = math.sqrt(p * (1 - p) / n)
        over = int(np.count_nonzero(rc > 1))
        if 2 * over >= n:
            verdict = "impossible"
        elif F >= m:
            verdict = "realistic"
        elif 2 * F >= n:
            verdict = "stretch"
        elif 5 * F >= n:
            verdict = "long-shot"
        else:
            verdict = "pie-in-the-sky"

        zero_w = int(np.count_nonzero(W == 0))
        if zero_w:
            self.warnings.append(
                f"market_in_window: {zero_w} of {n} samples are 0, so required capture is +∞ "
                "there (achievable capture taken as 0); non-finite figures are written as null")

        # realistic target: largest sampled A with at least m samples at or above it
        self.realistic_target = float(np.partition(A, n - m)[n - m])

        # required pace at the medians of s, M, c0, k (after clamping)
        s_med = median(self.x["market.serviceable"])
        M_med = median(self.x["market.size"])
        c0_med = median(self.x["share.current"])
        k_med = median(k)
        with np.errstate(all="ignore"):
            req_pace = float((R / (s_med * M_med) - c0_med * I0(k_med, T)) / I1(k_med, T))
        if not math.isfinite(req_pace):
            self.warnings.append("required_pace: not finite (median serviceable market is 0)")
        assumed_pace = median(self.x["share.gain_per_year"])

        if sc.has_capacity:
            mk = int(np.count_nonzero(self.am <= self.c))
            binding = {"market": mk / n, "capacity": (n - mk) / n}
        else:
            binding = {"market": 1.0, "capacity": 0.0}

        out = {
            "p_feasible": p,
            "p_feasible_se": se,
            "verdict": verdict,
            "market_in_window": summary(W, n),
            "required_capture": summary(rc, n),
            "achievable_revenue": summary(A, n),
            "achievable_capture": summary(ac, n),
            "required_pace": req_pace,
            "assumed_pace": assumed_pace,
            "realistic_target": self.realistic_target,
            "binding": binding,
        }
        for key in ("market_in_window", "required_capture", "achievable_revenue",
                    "achievable_capture"):
            if not all(math.isfinite(v) for v in out[key].values()):
                self.warnings.append(f"{key}: some summary figures are not finite (null)")
        return out

    # -- detail -------------------------------------------------------------------------------
    def sensitivity(self):
        n, T = self.n, self.T
        sM, Jt = self.sM(), None
        rows = []
        for key, d in self.sc.dists.items():
            if d.fixed:
                continue
            p10, p90 = (float(v) for v in np.quantile(self.x[key], [0.1, 0.9]))
            ps = []
            for pin in (p10, p90):
                repl = {key: pin}
                if key in ("market.size", "market.serviceable"):
                    if Jt is None:
                        Jt = self.J(T)
                    am = self.sM(repl) * Jt
                    c = self.c
                elif key.startswith("capacity."):
                    am = self.am
                    c = self.capacity(T, repl)
                else:
                    am = sM * self.J(T, repl)
                    c = self.c
                ps.append(self.feasible_count(am, c) / n)
            rows.append({"input": key, "p_low": ps[0], "p_high": ps[1],
                         "swing": abs(ps[1] - ps[0])})
        rows.sort(key=lambda r: (-r["swing"], r["input"]))
        return rows

    def _ok(self, am, c):
        return self.feasible_count(am, c) >= self.m

    def lever_horizon(self):
        sM = self.sM()

        def ok(h):
            t = h / DAYS_PER_YEAR
            return self._ok(sM * self.J(t), self.capacity(t))

        lo, hi = 1, 3650
        if not ok(hi):
            return None
        if ok(lo):
            return lo
        while hi - lo > 1:          # invariant: not ok(lo), ok(hi)
            mid = (lo + hi) // 2
            if ok(mid):
                hi = mid
            else:
                lo = mid
        return hi

    def lever_market_size(self):
        # feasible(m) iff C ≥ R and m·A_market ≥ R: per-sample threshold, then an order statistic
        n, R = self.n, self.R
        am = self.am
        c = np.broadcast_to(self.c, (n,))
        with np.errstate(all="ignore"):
            thr = np.where((c >= R) & (am > 0), R / np.where(am > 0, am, 1.0), np.inf)
        mult = float(np.partition(thr, self.m - 1)[self.m - 1])
        if not math.isfinite(mult) or mult > 100.0:
            # guard the boundary exactly
            return 100.0 if self._ok(100.0 * am, c) else None
        if mult <= 0.01:
            return 0.01
        for _ in range(8):          # absorb a last-ulp disagreement between R/am and m·am ≥ R
            if self._ok(mult * am, c):
                break
            mult = float(np.nextafter(mult, np.inf))
        return mult

    def lever_share_gain(self):
        T, sM = self.T, self.sM()
        gam = self.x["share.gain_per_year"]

        def ok(delta):
            return self._ok(sM * self.J(T, {"share.gain_per_year": gam + delta}), self.c)

        lo, hi = -1.0, 1.0
        if not ok(hi):
            return None
        if ok(lo):
            return median(gam + lo)
        for _ in range(60):
            mid = 0.5 * (lo + hi)
            if mid <= lo or mid >= hi:
                break
            if ok(mid):
                hi = mid
            else:
                lo = mid
            if hi - lo < 1e-12:
                break
        return median(gam + hi)

    def lever_reps(self):
        T = self.T

        def ok(r):
            return self._ok(self.am, self.capacity(T, reps=r))

        lo, hi = 0, 10_000
        if not ok(hi):
            return None
        if ok(lo):
            return lo
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if ok(mid):
                hi = mid
            else:
                lo = mid
        return hi

    def levers(self):
        out = [
            {"input": "target.revenue", "value": self.realistic_target},
            {"input": "horizon_days", "value": self.lever_horizon()},
            {"input": "market.size", "value": self.lever_market_size()},
            {"input": "share.gain_per_year", "value": self.lever_share_gain()},
        ]
        if self.sc.has_capacity:
            out.append({"input": "capacity.reps", "value": self.lever_reps()})
        return out

    def time_path(self):
        H, R = self.H, self.R
        step = 7
        days = list(range(step, H + 1, step))
        if not days or days[-1] != H:
            days.append(H)
        if len(days) > 105:
            step = -(-H // 104)
            days = list(range(step, H + 1, step))
            if days[-1] != H:
                days.append(H)
        sM = self.sM()
        rows = []
        for d in days:
            t = d / DAYS_PER_YEAR
            a = np.broadcast_to(np.minimum(sM * self.J(t), self.capacity(t)), (self.n,))
            p10, p50, p90 = quantiles(a)
            rows.append({"day": d, "required": R * d / H, "p10": p10, "p50": p50, "p90": p90})
        return rows


def confidence_count(conf: float, n: int) -> int:
    """⌈confidence·N⌉ computed on the decimal the user wrote (0.7·10 is 7, not 8)."""
    return max(1, min(n, math.ceil(Fraction(repr(conf)) * n)))


def clean(o):
    if isinstance(o, float):
        return o if math.isfinite(o) else None
    if isinstance(o, dict):
        return {k: clean(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [clean(v) for v in o]
    if isinstance(o, np.generic):
        return clean(o.item())
    return o


def run(sc: Scenario, n: int, seed: int, detail: bool, pre_warnings: list[str]) -> dict:
    t0 = time.perf_counter()
    model = Model(sc, n, seed)
    head = model.headline()
    t_head = time.perf_counter() - t0
    extra = {}
    if detail:
        extra["sensitivity"] = model.sensitivity()
        extra["levers"] = model.levers()
        extra["time_path"] = model.time_path()
    seconds = time.perf_counter() - t0
    out = {
        "name": sc.name,
        "file": sc.path,
        "horizon_days": sc.horizon_days,
        "target": sc.revenue,
        "samples": n,
        "seed": seed,
        "confidence": sc.confidence,
        **head,
        "warnings": pre_warnings + model.warnings,
        **extra,
        "seconds": seconds,
    }
    if detail:
        out["seconds_headline"] = t_head
    return clean(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="skypie reference model (Python + NumPy)")
    ap.add_argument("scenario")
    ap.add_argument("--samples", type=int)
    ap.add_argument("--seed", type=int)
    ap.add_argument("--detail", action="store_true")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="override a scenario key, e.g. --set target.revenue=2M")
    args = ap.parse_args(argv)
    try:
        sc = load_scenario(args.scenario, args.set)
    except (ScenarioError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    warnings = []
    n = args.samples if args.samples is not None else sc.samples
    if n < 1:
        print("error: --samples: expected an integer ≥ 1", file=sys.stderr)
        return 2
    if n > MAX_SAMPLES:
        warnings.append(f"samples: {n} capped at {MAX_SAMPLES}")
        n = MAX_SAMPLES
    seed = args.seed if args.seed is not None else sc.seed
    if seed < 0:
        print("error: --seed: expected an integer ≥ 0", file=sys.stderr)
        return 2
    out = run(sc, n, seed, args.detail, warnings)
    print(json.dumps(out, ensure_ascii=False, allow_nan=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
