#!/usr/bin/env python3
"""skypie_ref -- independent Python + NumPy reference implementation of the skypie model.

Written from the product spec's definitions alone (the model, its outputs and their precise
definitions, and the frontier; docs/MODEL.md restates them), never from the Rust code, to
cross-check the Rust implementation statistically and to serve as the "straightforward
vectorised NumPy" speed baseline.  Whole-array operations only; no loops over samples.

Usage:
    python3 tools/reference/skypie_ref.py SCENARIO.toml [--samples N] [--seed S] [--detail]
                                                        [--set key=value ...]

Prints one JSON object (the keys of `skypie eval --format json`, README, plus "assumed_pace", "required_reps",
"assumed_reps", "currency" and "seconds"; with --detail also "sensitivity_of",
"combined_lever" and "frontier") to stdout.
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
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np

Z90 = 1.6448536
DEFAULT_SEED = 0
SEED_MAX = (1 << 64) - 1      # run.seed: 0..=2^64 − 1 (docs/MODEL.md §2)
DEFAULT_SAMPLES = 100_000
MAX_SAMPLES = 10_000_000
DAYS_PER_YEAR = 365.0
# docs/MODEL.md §5, "A rounding short is made": a sample makes R when A ≥ R − R·MADE_WITHIN
# (30% of 100M over three years books 89,999,999.99999999 in doubles against a target of 90M).
MADE_WITHIN = 1e-12


def least_making(R: float) -> float:
    """The least achievable revenue that makes the target R (the same two roundings as the binary)."""
    return R - R * MADE_WITHIN


class ScenarioError(Exception):
    pass


# --------------------------------------------------------------------------------------------
# Scenario parsing and validation
# --------------------------------------------------------------------------------------------

SCHEMA = {
    "": ["schema", "name", "horizon_days", "currency", "confidence", "target", "market",
         "share", "capacity", "run", "correlation", "norms"],
    "target": ["revenue"],
    "market": ["size", "growth", "serviceable"],
    "share": ["current", "gain_per_year", "ceiling"],
    "capacity": ["reps", "new_reps", "ramp_days", "quota_per_rep", "attainment"],
    "run": ["samples", "seed", "method"],
    "norms": ["ignore"],
}

# Distribution-valued keys: (domain low, domain high, domain text for the clamp warning)
DIST_KEYS = {
    "market.size": (0.0, math.inf, "≥ 0"),
    "market.growth": (-0.99, math.inf, "≥ -99%"),
    "market.serviceable": (0.0, 1.0, "0%–100%"),
    "share.current": (0.0, 1.0, "0%–100%"),
    "share.gain_per_year": (-math.inf, math.inf, "any real"),
    "share.ceiling": (0.0, 1.0, "0%–100%"),
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
# The power of ten each suffix shifts the decimal exponent by, before the text becomes a double
# (as the binary reads it: "4.06M" is 4060000, where 4.06 × 1e6 is 4059999.9999999995).
_SUFFIX = {"k": 3, "K": 3, "m": 6, "M": 6, "b": 9, "B": 9, "t": 12, "T": 12, "%": -2}
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


def parse_text_number(v: str, key: str, ctx: Ctx) -> Decimal:
    """A number written as text ("3M", "250k", "12%", "1,000"), exactly, as a Decimal: the
    suffix shifts the decimal exponent before anything is rounded."""
    s = v.strip()
    shift = 0
    if s and s[-1] in _SUFFIX:
        shift = _SUFFIX[s[-1]]
        s = s[:-1].rstrip()
    s = _SEP_BETWEEN_DIGITS.sub("", s)
    if not _FLOAT_BODY.fullmatch(s):
        raise ctx.error(key, v, "a number such as 3000000, \"3M\", \"250k\", \"12%\", \"1,000\"")
    return Decimal(s).scaleb(shift)


def parse_number(v, key: str, ctx: Ctx) -> float:
    if isinstance(v, bool):
        raise ctx.error(key, v, "a number (plain or a string such as \"3M\", \"12%\")")
    if isinstance(v, (int, float)):
        x = float(v)
    elif isinstance(v, str):
        x = float(parse_text_number(v, key, ctx))
    else:
        raise ctx.error(key, v, "a number")
    if not math.isfinite(x):
        raise ctx.error(key, v, "a finite number")
    return x


# TOML integers are 64-bit signed (TOML 1.0: one that does not fit is an error); tomllib reads
# any size, so the bounds are checked here. A larger value is written in quotes, as the binary
# asks (`seed = "18446744073709551615"`).
TOML_INT_MIN, TOML_INT_MAX = -(1 << 63), (1 << 63) - 1


def parse_int(v, key: str, ctx: Ctx, lo: int, hi: int | None) -> int:
    """An integer key, exactly: a TOML integer stays a Python int and a number written as text
    goes through Decimal, never through a float (a double holds every integer only up to
    2^53: seed = 2^60 + 1 read as a float is 2^60). A TOML float such as 1e3 is taken when it
    is a whole number."""
    rng_txt = f"an integer in {lo}..={hi}" if hi is not None else f"an integer ≥ {lo}"
    if isinstance(v, int) and not isinstance(v, bool):
        if not TOML_INT_MIN <= v <= TOML_INT_MAX:
            raise ctx.error(key, v, f"{rng_txt}; beyond 2^63 − 1 written in quotes (TOML "
                                    "integers are 64-bit)")
        x = v
    elif isinstance(v, str):
        exact = parse_text_number(v, key, ctx)
        if not exact.is_finite() or exact != exact.to_integral_value():
            raise ctx.error(key, v, rng_txt)
        x = int(exact)
    else:
        f = parse_number(v, key, ctx)          # a TOML float, or the error for a bool
        if f != math.floor(f):
            raise ctx.error(key, v, rng_txt)
        x = int(f)
    if x < lo or (hi is not None and x > hi):
        raise ctx.error(key, v, rng_txt)
    return x


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
    for sec in ("target", "market", "share", "capacity", "run", "norms"):
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
    sc.currency = doc.get("currency", "USD")
    if not isinstance(sc.currency, str):
        raise ctx.error("currency", sc.currency, "a string such as \"USD\"")
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
    # The seed only seeds NumPy's PCG64 here (Model): the reference never reproduces the
    # binary's random streams, so what must be exact is the seed it reports, as written.
    sc.seed = parse_int(run["seed"], "run.seed", ctx, 0, SEED_MAX) if "seed" in run \
        else DEFAULT_SEED
    # How the binary draws its samples (docs/MODEL.md §12): checked, not used, as the
    # reference always draws plain Monte Carlo and agree.py asks the binary for its method.
    if "method" in run and run["method"] not in ("mc", "sobol"):
        raise ScenarioError(f"{ctx.locate('run.method')}: run.method: found {run['method']!r}, "
                            "expected \"mc\" or \"sobol\"")
    sc.correlations = parse_correlations(doc.get("correlation", {}), ctx)
    sc.norms_ignored = parse_norms(doc.get("norms", {}), ctx)
    return sc


# --------------------------------------------------------------------------------------------
# Correlations (docs/MODEL.md §11): Spearman rank correlations, a Gaussian copula
# --------------------------------------------------------------------------------------------

def normal_score(rho: float) -> float:
    """The Pearson correlation of the normal scores that gives Spearman's ρ: 2·sin(π·ρ/6)."""
    return 2.0 * math.sin(math.pi * rho / 6.0)


def normal_score_matrix(keys: list[str], pairs: list[tuple[str, str, float]]) -> np.ndarray:
    r = np.eye(len(keys))
    for a, b, rho in pairs:
        if a in keys and b in keys:
            i, j = keys.index(a), keys.index(b)
            r[i, j] = r[j, i] = normal_score(rho)
    return r


def pair_keys(pairs) -> list[str]:
    return [k for k in DIST_KEYS if any(k in (a, b) for a, b, _ in pairs)]


def parse_correlations(table, ctx: Ctx) -> list[tuple[str, str, float]]:
    """[correlation]: keys "a ~ b" naming two distribution keys, values in [-1, 1]; the set
    must be positive semi-definite in normal scores."""
    if not isinstance(table, dict):
        raise ctx.error("correlation", table, "a table")
    pairs = []
    for key, value in table.items():
        names = [p.strip() for p in key.split("~")]
        if len(names) != 2:
            raise ctx.error("correlation", key, "two inputs joined by ~")
        for name in names:
            if name not in DIST_KEYS:
                near = difflib.get_close_matches(name, list(DIST_KEYS), 1)
                hint = f" (did you mean `{near[0]}`?)" if near else ""
                raise ScenarioError(f"{ctx.path}: correlation `{key}`: unknown input "
                                    f"`{name}`{hint}")
        a, b = names
        if a == b:
            raise ctx.error("correlation", key, "two different inputs")
        if any({a, b} == {p, q} for p, q, _ in pairs):
            raise ctx.error("correlation", key, "each pair once")
        rho = parse_number(value, "correlation", ctx)
        if not -1.0 <= rho <= 1.0:
            raise ctx.error("correlation", value, "a rank correlation in [-1, 1]")
        pairs.append((a, b, rho))
    if pairs:
        keys = pair_keys(pairs)
        if np.linalg.eigvalsh(normal_score_matrix(keys, pairs)).min() < -1e-10:
            raise ScenarioError(f"{ctx.path}: correlation: not positive semi-definite")
    return pairs


NORM_KEYS = ["capacity.ramp_days", "capacity.attainment", "capacity.new_reps"]


def parse_norms(table, ctx: Ctx) -> list[str]:
    ignore = table.get("ignore", [])
    if not isinstance(ignore, list) or any(k not in NORM_KEYS for k in ignore):
        raise ctx.error("norms.ignore", ignore, f"a list of {', '.join(NORM_KEYS)}")
    return list(ignore)


def correlate(x: dict, sc: Scenario, rng: np.random.Generator, n: int, warnings: list):
    """Imposes the Gaussian copula on already drawn (and clamped) columns by reordering them:
    draw Z ~ N(0, R) with R the normal-score matrix of the correlated inputs, and give each
    input's column, sorted, the order of Z's column (its rank in Z). Each input keeps exactly
    the values it drew, so its marginal; the ranks, so the rank correlations, are Z's.
    Pairs with an input that is not sampled have no effect (a warning)."""
    effective = []
    for a, b, rho in sc.correlations:
        fixed = [k for k in (a, b) if k not in sc.dists or sc.dists[k].fixed]
        if fixed:
            warnings.append(f"correlation.\"{a} ~ {b}\": {fixed[0]} is fixed; no effect")
        else:
            effective.append((a, b, rho))
    if not effective:
        return
    keys = pair_keys(effective)
    r = normal_score_matrix(keys, effective)
    vals, vecs = np.linalg.eigh(r)
    root = vecs * np.sqrt(np.clip(vals, 0.0, None))       # root @ root.T == r
    z = rng.standard_normal((n, len(keys))) @ root.T
    for j, key in enumerate(keys):
        column = np.sort(np.broadcast_to(x[key], (n,)))
        out = np.empty(n)
        out[np.argsort(z[:, j], kind="stable")] = column
        x[key] = out


AMOUNT_KEYS = ("market.size", "capacity.quota_per_rep")
SHARE_KEYS = ("market.serviceable", "share.current", "share.ceiling", "share.gain_per_year")


def slip_warnings(sc: Scenario, medians: dict) -> list[str]:
    """README "Scenario files": a value whose size says its unit slipped. An amount of money
    (target, size, quota) in (0, 100); a share or share gain beyond 1 (100%) from zero; a growth
    or attainment of 5 (500%) or more. `medians` are the sampled values' medians (not the
    distributions' exact ones, as skypie takes), before any clamp, in the file's key order; the
    wording differs from skypie's, and agree.py compares only whether there is such a warning."""
    out = []
    if 0 < sc.revenue < 100:
        out.append(f"target.revenue: {sc.revenue} is less than 100")
    for key, m in medians.items():
        if key.startswith("capacity.") and not sc.has_capacity:
            continue
        if key in AMOUNT_KEYS:
            slipped = 0 < m < 100
        elif key in SHARE_KEYS:
            slipped = abs(m) > 1
        else:
            slipped = abs(m) >= 5
        if slipped:
            out.append(f"{key}: median {m} is a slip of units")
    return out


def ceiling_warnings(sc: Scenario, medians: dict, gain_p95: float) -> list[str]:
    """docs/MODEL.md §4: a share ceiling whose median is below today's share's, where the share
    may gain (the gain's 95th percentile above 0), holds the share where it is (cap =
    max(ceiling, c0)), so no gain raises it. Not said when today's share is beyond 100% (a slip
    of units, said as one). Like slip_warnings, from the sampled values' medians before any
    clamp where skypie takes the distributions' exact ones; the leading words are skypie's,
    which agree.py matches."""
    ceiling, current = medians["share.ceiling"], medians["share.current"]
    if gain_p95 > 0 and ceiling < current <= 1.0:
        return [f"share.ceiling: {100 * ceiling:.3g}% is below today's share, "
                f"{100 * current:.3g}% (medians): no gain raises it"]
    return []


def norm_warnings(sc: Scenario, attainment) -> list[str]:
    """README "Benchmarks" (docs/NORMS.md): ramp_days under 60 with new reps, median
    attainment above 100%, more
    new reps than reps; each unless the scenario ignores it."""
    if not sc.has_capacity:
        return []
    out = []
    if sc.new_reps > 0 and sc.ramp_days < 60:
        out.append(f"capacity.ramp_days: {sc.ramp_days} days; the median AE ramp is ~5 months")
    if median(attainment) > 1.0:
        out.append("capacity.attainment: median above 100%; about half of reps reach quota")
    if sc.new_reps > sc.reps:
        out.append("capacity.new_reps: more new reps than reps")
    return [w for w in out if w.split(":")[0] not in sc.norms_ignored]


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
    i1_tau = I1(k, tau)
    with np.errstate(all="ignore"):
        j = c0 * i0_tau + gam * i1_tau
        # MODEL.md §10: where I1 overflows and I0 does not, I0·(c0 + γ(τ − 1/k)) + γτ/k.
        band = np.isinf(i1_tau) & np.isfinite(i0_tau)
        if np.any(band):
            j = np.where(band, i0_tau * (c0 + gam * (tau - 1.0 / k)) + gam * tau / k, j)
    if i0_T is None:
        i0_T = I0(k, T)
    with np.errstate(all="ignore"):
        after = np.where(np.isinf(i0_T), i0_T, i0_T - i0_tau)
        j = j + np.where(flat == 0, 0.0, flat * after)
    # docs/MODEL.md §10, "A window past the largest double": where I0(T) overflowed, ∞ where a
    # share is held at the window's end, 0 where none ever is, else what was earned before τ.
    over = np.isinf(i0_T)
    if np.any(over):
        end = end_share(c0, gam, cap, T)
        never = (c0 == 0) & (gam <= 0)
        past = np.where(end > 0, np.inf, np.where(never, 0.0, np.where(np.isnan(j), np.inf, j)))
        j = np.where(over, past, j)
    return j


def end_share(c0, gam, cap, T):
    """c(T) = clamp(c0 + γT, 0, cap): the share at the window's end."""
    return np.minimum(np.maximum(c0 + gam * T, 0.0), cap)


def ramped_years(T, Tr):
    """Rep-years one new rep books by T years when ramping linearly over Tr years (scalar or
    array T)."""
    if Tr <= 0:
        return T
    if np.ndim(T) == 0:
        return T * T / (2.0 * Tr) if T <= Tr else T - Tr / 2.0
    T = np.asarray(T, dtype=float)
    return np.where(T <= Tr, T * T / (2.0 * Tr), T - Tr / 2.0)


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


FRONTIER_HORIZONS = (30, 60, 90, 180, 365, 730)   # docs/MODEL.md §7: the frontier's horizons, in days
REPS_MAX = 10_000            # the reps lever searches 0..=REPS_MAX ramped reps
SHIFT_PRECISION = 1e-12      # bisections over the share-gain shift stop at this width


def combined_pair(rho, delta, needed: int, reps_max: int = REPS_MAX):
    """The combined lever from per-sample ρ_i (ramped reps that make B + C reach R) and δ_i
    (share-gain shift that makes A_market reach R): the smallest level k ≥ needed − 1 whose pair
    makes at least `needed` samples feasible. The pair at level k asks each lever to clear the
    same share, (k + 1)/n, of the samples it can clear at all within its range (ρ_i ≤ reps_max,
    δ_i finite): (⌈ρ_(a)⌉ clamped to ≥ 0, δ_(b)) with a = ⌊(k + 1)·N_ρ/n⌋ − 1 and b likewise;
    with every sample in reach, rank k of both. Then each is lowered as far as the other
    allows (the fewest reps with that δ, then the smallest δ with those reps). Returns
    (k, reps, δ) or None (no pair in range reaches it).

    The count is non-decreasing in k (both ranks are), so the smallest such k is found by
    bisection."""
    rho = np.asarray(rho, dtype=float)
    delta = np.asarray(delta, dtype=float)
    n = rho.size
    rs = np.sort(np.where(np.isnan(rho), np.inf, rho))
    ds = np.sort(np.where(np.isnan(delta), np.inf, delta))
    reach_r = int(np.count_nonzero(rs <= reps_max))
    reach_d = int(np.count_nonzero(np.isfinite(ds)))   # δ is in [−1, 1] or ∞

    def pair(k):
        a = (k + 1) * reach_r // n - 1
        b = (k + 1) * reach_d // n - 1
        if a < 0 or b < 0:
            return None
        r = max(float(np.ceil(rs[a])), 0.0)
        return r, float(ds[b])

    def count(k):
        p = pair(k)
        if p is None:
            return 0
        r, d = p
        return int(np.count_nonzero((rho <= r) & (delta <= d)))

    lo, hi = needed - 1, n - 1
    if count(hi) < needed:
        return None
    if count(lo) >= needed:
        j = lo
    else:
        while hi - lo > 1:              # invariant: count(lo) < needed ≤ count(hi)
            mid = (lo + hi) // 2
            if count(mid) >= needed:
                hi = mid
            else:
                lo = mid
        j = hi
    _, d = pair(j)
    # Each lowered as far as the other allows: the fewest reps with that shift, then the
    # smallest shift with those reps.
    with_d = rho[~np.isnan(rho) & (delta <= d)]
    r = max(float(np.ceil(np.sort(with_d)[needed - 1])), 0.0)
    with_r = delta[(rho <= r) & ~np.isnan(delta)]
    d = float(np.sort(with_r)[needed - 1])
    if not (r <= reps_max and math.isfinite(d)):
        return None
    return j, int(r), d


class Model:
    """Sampled inputs plus the per-sample model, with helpers for common-random-number reruns."""

    def __init__(self, sc: Scenario, n: int, seed: int):
        self.sc = sc
        self.n = n
        self.R = sc.revenue
        self.bar = least_making(sc.revenue)
        self.H = sc.horizon_days
        self.T = sc.horizon_days / DAYS_PER_YEAR
        self.warnings = []
        rng = np.random.default_rng(seed)
        self.x = {}
        medians = {}
        gain_p95 = 0.0
        for key, d in sc.dists.items():
            v = d.sample(rng, n)
            medians[key] = float(np.median(v))
            if key == "share.gain_per_year":      # never clamped: its domain is every real
                gain_p95 = float(np.quantile(v, 0.95))
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
        self.warnings += slip_warnings(sc, medians)
        self.warnings += ceiling_warnings(sc, medians, gain_p95)
        correlate(self.x, sc, rng, n, self.warnings)
        if sc.has_capacity:
            self.warnings += norm_warnings(sc, self.x["capacity.attainment"])
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

    def qa(self, repl=None):
        """quota_per_rep · attainment: the revenue one ramped rep adds per year."""
        return self.get("capacity.quota_per_rep", repl) * self.get("capacity.attainment", repl)

    def capacity(self, T, repl=None, reps=None):
        """C: what the team adds beyond the installed base by T years (∞ without [capacity])."""
        if not self.sc.has_capacity:
            return np.inf
        reps = self.sc.reps if reps is None else reps
        return self.qa(repl) * (reps * T + self.sc.new_reps * ramped_years(T, self.Tr))

    def market(self, T, repl=None, k=None, i0_T=None):
        """(W, A_market, B) at T years: the serviceable market's revenue, the revenue the share
        path brings in, and the installed base B = s·M·c0·I0 (today's share, no new selling).
        A sample with no market (s·M = 0) has all three 0, whatever the growth."""
        if k is None:
            k = self.k_of(repl)
        if i0_T is None:
            i0_T = I0(k, T)
        sM = self.sM(repl)
        with np.errstate(all="ignore"):         # 0·∞ where there is no market: zeroed below
            W = sM * i0_T
            am = sM * self.J(T, repl, k=k, i0_T=i0_T)
            # Grouped as A_market's flat share is, s·M·(c0·I0) (docs/MODEL.md: kernel's
            # installed_base): without a share gain and a team that adds nothing, B + C equals
            # A_market to the bit, a tie the market wins; (s·M·c0)·I0 broke it either way.
            b = sM * (self.get("share.current", repl) * i0_T)
        if np.any(np.isinf(i0_T)):              # today's share of an overflowing window
            b = np.where(np.isinf(i0_T), np.where(self.get("share.current", repl) > 0, np.inf, 0.0), b)
        none = sM == 0
        if np.any(none):
            W, am, b = (np.where(none, 0.0, v) for v in (W, am, b))
        return W, am, b

    def achievable(self, am, b, c):
        """A = min(A_market, B + C); A_market itself without [capacity]. NaN stays NaN (never
        feasible)."""
        if not self.sc.has_capacity:
            return am
        return np.minimum(am, b + c)

    def feasible_count(self, am, b, c):
        a = self.achievable(am, b, c)
        return int(np.count_nonzero(np.broadcast_to(a, (self.n,)) >= self.bar))

    def market_binds_count(self, am, b, c):
        """Samples in which the market binds: A_market ≤ B + C (a tie counts as the market)."""
        if not self.sc.has_capacity:
            return self.n
        return int(np.count_nonzero(np.broadcast_to(am <= b + c, (self.n,))))

    def capacity_binds_count(self, am, b, c):
        """Samples in which the team binds: A_market > B + C."""
        if not self.sc.has_capacity:
            return 0
        return int(np.count_nonzero(np.broadcast_to(am > b + c, (self.n,))))

    # -- headline -----------------------------------------------------------------------------
    def headline(self):
        n, R, T, sc = self.n, self.R, self.T, self.sc
        self.k = k = self.k_of()
        self.i0_T = i0_T = I0(k, T)
        W, am, b = self.market(T, k=k, i0_T=i0_T)
        W = np.broadcast_to(W, (n,))
        self.am = np.broadcast_to(am, (n,))
        self.b = np.broadcast_to(b, (n,))
        self.c = self.capacity(T)
        A = np.broadcast_to(self.achievable(self.am, self.b, self.c), (n,))
        self.A = A
        with np.errstate(all="ignore"):
            rc = R / W
            ac = np.where(W > 0, A / np.where(W > 0, W, 1.0), 0.0)
            both = np.isinf(A) | np.isinf(W)
            if np.any(both):                    # MODEL.md §10: s·M cancels, or c(T)
                c0 = self.x["share.current"]
                cap = np.maximum(self.x["share.ceiling"], c0)
                average = self.J(T, k=k, i0_T=i0_T) / i0_T
                end = end_share(c0, self.x["share.gain_per_year"], cap, T)
                average = np.where(np.isfinite(average), average, end)
                team = np.where(np.isinf(self.c), average, c0 + self.c / W)
                ac = np.where(both, np.minimum(average, team), ac)

        F = int(np.count_nonzero(A >= self.bar))
        self.m = m = confidence_count(sc.confidence, n)
        p = F / n
        se = math.sqrt(p * (1 - p) / n)
        over = int(np.count_nonzero(~(W >= self.bar)))     # not even all of W makes R
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
            sM_med = np.float64(s_med) * np.float64(M_med)     # R/0 is +∞, not an exception
            req_pace = float((R / sM_med - c0_med * I0(k_med, T)) / I1(k_med, T))
            if sM_med > 0 and math.isfinite(R / sM_med) and math.isinf(I1(k_med, T)):
                req_pace = 0.0 - c0_med / (T - 1.0 / k_med)   # MODEL.md §10: the limit of ∞/∞
        if not math.isfinite(req_pace):
            self.warnings.append("required_pace: not finite (median serviceable market is 0)")
        self.assumed_pace = assumed_pace = median(self.x["share.gain_per_year"])

        required_reps = assumed_reps = None
        if sc.has_capacity:
            required_reps = self.required_reps(s_med, M_med, c0_med, k_med)
            assumed_reps = sc.reps
            if required_reps == math.inf:
                self.warnings.append("required_reps: not finite (a ramped rep books nothing)")
            if required_reps is not None and not math.isfinite(required_reps):
                required_reps = None

        mk = self.market_binds_count(self.am, self.b, self.c)
        binding = {"market": mk / n, "capacity": (n - mk) / n}

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
            "required_reps": required_reps,
            "assumed_reps": assumed_reps,
            "realistic_target": self.realistic_target,
            "binding": binding,
        }
        for key in ("market_in_window", "required_capture", "achievable_revenue",
                    "achievable_capture"):
            if not all(math.isfinite(v) for v in out[key].values()):
                self.warnings.append(f"{key}: some summary figures are not finite (null)")
        return out

    def required_reps(self, s_med, M_med, c0_med, k_med):
        """Ramped reps from day 0 that make B + C reach R, with s, M, c0, k, quota_per_rep and
        attainment each at its own sample median; signed, ±∞ past the limits, None for no
        number. R is the bar a sample must reach, least_making(R)."""
        R, T = self.bar, self.T
        sM = s_med * M_med
        with np.errstate(all="ignore"):
            b_med = 0.0 if sM == 0 else float(sM * (c0_med * I0(k_med, T)))
        qa = median(self.x["capacity.quota_per_rep"]) * median(self.x["capacity.attainment"])
        if qa > 0:
            need = (R - b_med) / qa
        elif R > b_med:
            need = math.inf
        else:
            need = 0.0                  # today's share already covers R: no rep needed
        rr = (need - self.sc.new_reps * ramped_years(T, self.Tr)) / T
        return None if math.isnan(rr) else rr

    # -- detail -------------------------------------------------------------------------------
    def pinned(self, key, value):
        """(A_market, B, C) with one input pinned at `value`, the others as sampled."""
        repl = {key: value}
        if key.startswith("capacity."):
            return self.am, self.b, self.capacity(self.T, repl)
        _, am, b = self.market(self.T, repl)
        return am, b, self.c

    def sensitivity(self):
        """(sensitivity_of, rows): the tornado of P(feasible), or of the realistic target when
        every pin of every input gives P(feasible) exactly 0 or 1."""
        n, R = self.n, self.R
        rank = n - self.m
        rows = []
        for key, d in self.sc.dists.items():
            if d.fixed:
                continue
            p10, p90 = (float(v) for v in np.quantile(self.x[key], [0.1, 0.9]))
            ps, ts = [], []
            for pin in (p10, p90):
                a = np.broadcast_to(self.achievable(*self.pinned(key, pin)), (n,))
                ps.append(int(np.count_nonzero(a >= self.bar)) / n)
                ts.append(float(np.partition(a, rank)[rank]))
            rows.append({"input": key, "p_low": ps[0], "p_high": ps[1],
                         "swing": abs(ps[1] - ps[0]), "_targets": ts})
        # with no uncertain input there is no pin and no tornado to re-rank: "p_feasible"
        by_target = bool(rows) and all(p in (0.0, 1.0) for r in rows
                                       for p in (r["p_low"], r["p_high"]))
        for r in rows:
            tl, th = r.pop("_targets")
            if by_target:
                r["target_low"], r["target_high"] = tl, th
                r["swing"] = abs(th - tl)
        rows.sort(key=lambda r: (-r["swing"], r["input"]))
        return ("realistic_target" if by_target else "p_feasible"), rows

    def _ok(self, am, b, c):
        return self.feasible_count(am, b, c) >= self.m

    def lever_horizon(self):
        def ok(h):
            t = h / DAYS_PER_YEAR
            _, am, b = self.market(t)
            return self._ok(am, b, self.capacity(t))

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

    def market_size_thresholds(self):
        """m_i: the smallest multiplier of the market size at which sample i makes the target.
        Scaling M by m scales A_market and B, not C, so m_i = max(R/A_market, (R − C)/B), the
        second read as 0 when C ≥ R and as ∞ when B = 0 < R − C; ∞ when A_market = 0. R is the
        bar a sample must reach, least_making(R)."""
        n, R = self.n, self.bar
        am, b = self.am, self.b
        c = np.broadcast_to(self.c, (n,))
        with np.errstate(all="ignore"):
            gap = R - c
            by_base = np.where(gap <= 0, 0.0, np.where(b > 0, gap / b, np.inf))
            by_base = np.where(np.isnan(gap) | np.isnan(b), np.nan, by_base)
            return np.maximum(R / am, by_base)      # R/0 = ∞; NaN stays NaN

    def lever_market_size(self):
        """(value, stopped_by) of the market-size lever."""
        n, m = self.n, self.m
        am, b, c = self.am, self.b, self.c
        mult = float(np.partition(self.market_size_thresholds(), m - 1)[m - 1])

        def ok(mu):
            return self._ok(mu * am, mu * b, c)

        if not math.isfinite(mult) or mult > 100.0:
            # guard the boundary exactly
            if ok(100.0):
                return 100.0, None
            # The team is named only when it is what stops the lever: with the team lifted
            # (A = A_market) some multiplier in range would reach the confidence.
            stopped = None
            with np.errstate(all="ignore"):
                alone = float(np.partition(np.broadcast_to(self.bar / am, (n,)), m - 1)[m - 1])
            if self.sc.has_capacity and math.isfinite(alone) and alone <= 100.0:
                f = self.capacity_binds_count(100.0 * am, 100.0 * b, c) / n
                stopped = {"limit": "capacity", "binds": f}
            return None, stopped
        if mult <= 0.01:
            return 0.01, None
        for _ in range(8):          # absorb a last-ulp disagreement between the division and
            if ok(mult):            # the product in the feasibility test
                break
            mult = float(np.nextafter(mult, np.inf))
        return mult, None

    def am_with_gain(self, gam, T=None):
        """A_market with gain_per_year replaced by gam (an array or a scalar)."""
        if T is None:
            T = self.T
            _, am, _ = self.market(T, {"share.gain_per_year": gam}, k=self.k, i0_T=self.i0_T)
        else:
            _, am, _ = self.market(T, {"share.gain_per_year": gam})
        return am

    def lever_share_gain(self):
        """(value, stopped_by) of the share-gain lever."""
        gam = self.x["share.gain_per_year"]

        def ok(delta):
            return self._ok(self.am_with_gain(gam + delta), self.b, self.c)

        lo, hi = -1.0, 1.0
        if not ok(hi):
            # The team is named only when it is what stops the lever: with the team lifted
            # (A = A_market) some shift in range would reach the confidence.
            stopped = None
            alone = float(np.partition(self.delta(), self.m - 1)[self.m - 1])
            if self.sc.has_capacity and math.isfinite(alone):
                am1 = self.am_with_gain(gam + 1.0)
                f = self.capacity_binds_count(am1, self.b, self.c) / self.n
                stopped = {"limit": "capacity", "binds": f}
            return None, stopped
        if ok(lo):
            return median(gam + lo), None
        for _ in range(60):
            mid = 0.5 * (lo + hi)
            if mid <= lo or mid >= hi:
                break
            if ok(mid):
                hi = mid
            else:
                lo = mid
            if hi - lo < SHIFT_PRECISION:
                break
        return median(gam + hi), None

    def lever_reps(self):
        """(value, stopped_by) of the reps lever: the smallest integer ramped reps."""
        T = self.T

        def ok(r):
            return self._ok(self.am, self.b, self.capacity(T, reps=r))

        lo, hi = 0, REPS_MAX
        if not ok(hi):
            # The market is named only when it is what stops the lever: with the market lifted
            # (A = B + C) at most REPS_MAX ramped reps would reach the confidence.
            alone = float(np.partition(self.rho(), self.m - 1)[self.m - 1])
            if not max(math.ceil(alone), 0) <= REPS_MAX if math.isfinite(alone) else alone > 0:
                return None, None
            c_max = self.capacity(T, reps=REPS_MAX)
            f = self.market_binds_count(self.am, self.b, c_max) / self.n
            return None, {"limit": "market", "binds": f}
        if ok(lo):
            return lo, None
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if ok(mid):
                hi = mid
            else:
                lo = mid
        return hi, None

    def rho(self):
        """ρ_i: ramped reps from day 0 that make B + C reach R, the market ignored (−∞ when
        B ≥ R, +∞ when quota·attainment = 0 < R − B). R is the bar, least_making(R)."""
        n, R, T = self.n, self.bar, self.T
        qa = np.broadcast_to(self.qa(), (n,))
        b = self.b
        with np.errstate(all="ignore"):
            need = np.where(b >= R, -np.inf, np.where(qa > 0, (R - b) / qa, np.inf))
            need = np.where(np.isnan(b), np.nan, need)
            return (need - self.sc.new_reps * ramped_years(T, self.Tr)) / T

    def delta(self):
        """δ_i: the smallest share-gain shift Δ in [−1, 1] with A_market ≥ R, the team ignored
        (−1 when Δ = −1 already does, +∞ when not even Δ = +1 does). A per-sample bisection,
        vectorised; the value returned is the side that reaches R (the bar, least_making(R))."""
        n, R = self.n, self.bar
        gam = np.broadcast_to(self.x["share.gain_per_year"], (n,))

        def reach(d):
            return np.broadcast_to(self.am_with_gain(gam + d), (n,)) >= R

        lo, hi = np.full(n, -1.0), np.full(n, 1.0)
        at_lo, at_hi = reach(lo), reach(hi)
        for _ in range(64):
            if not np.any((hi - lo > SHIFT_PRECISION) & at_hi & ~at_lo):
                break
            mid = 0.5 * (lo + hi)
            good = reach(mid)
            hi = np.where(good, mid, hi)
            lo = np.where(good, lo, mid)
        return np.where(at_lo, -1.0, np.where(at_hi, hi, np.inf))

    def combined_lever(self):
        found = combined_pair(self.rho(), self.delta(), self.m)
        if found is None:
            return None
        _, reps, d = found
        return {"capacity.reps": reps, "share.gain_per_year": self.assumed_pace + d}

    def levers(self):
        """(levers, combined_lever)."""
        def entry(key, value, stopped=None):
            e = {"input": key, "value": value}
            if stopped is not None:
                e["stopped_by"] = stopped
            return e

        share, share_stop = self.lever_share_gain()
        size, size_stop = self.lever_market_size()
        out = [
            entry("target.revenue", self.realistic_target),
            entry("horizon_days", self.lever_horizon()),
            entry("market.size", size, size_stop),
            entry("share.gain_per_year", share, share_stop),
        ]
        combined = None
        if self.sc.has_capacity:
            reps, reps_stop = self.lever_reps()
            out.append(entry("capacity.reps", reps, reps_stop))
            if reps is None and share is None:
                combined = self.combined_lever()
        return out, combined

    def frontier(self):
        """The frontier (docs/MODEL.md §7): the same target and the same draws over 30, 60, 90, 180, 365 and
        730 days and the scenario's own horizon (sorted, unique, ≤ 3650): per horizon,
        P(feasible), the realistic target (the largest sampled A with at least ⌈confidence·N⌉
        samples at or above it) and the median required capture R/W."""
        n, R = self.n, self.R
        days = sorted({d for d in FRONTIER_HORIZONS + (self.H,) if 1 <= d <= 3650})
        rows = []
        for d in days:
            t = d / DAYS_PER_YEAR
            W, am, b = self.market(t)
            W = np.broadcast_to(W, (n,))
            a = np.broadcast_to(self.achievable(am, b, self.capacity(t)), (n,))
            with np.errstate(all="ignore"):
                rc = R / W                      # R/0 = +∞
            rows.append({
                "days": d,
                "p_feasible": int(np.count_nonzero(a >= self.bar)) / n,
                "realistic_target": float(np.partition(a, n - self.m)[n - self.m]),
                "required_capture_p50": quantiles(rc, (0.5,))[0],
            })
        return rows

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
        rows = []
        for d in days:
            t = d / DAYS_PER_YEAR
            _, am, b = self.market(t)
            a = np.broadcast_to(self.achievable(am, b, self.capacity(t)), (self.n,))
            p10, p50, p90 = quantiles(a)
            rows.append({"day": d, "required": R * (d / H), "p10": p10, "p50": p50,
                         "p90": p90})
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
        extra["sensitivity_of"], extra["sensitivity"] = model.sensitivity()
        extra["levers"], extra["combined_lever"] = model.levers()
        extra["time_path"] = model.time_path()
        extra["frontier"] = model.frontier()
    seconds = time.perf_counter() - t0
    out = {
        "name": sc.name,
        "file": sc.path,
        "horizon_days": sc.horizon_days,
        "target": sc.revenue,
        "samples": n,
        "seed": seed,
        "confidence": sc.confidence,
        "currency": sc.currency,
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
    if not 0 <= seed <= SEED_MAX:
        print(f"error: --seed: expected an integer in 0..={SEED_MAX}", file=sys.stderr)
        return 2
    out = run(sc, n, seed, args.detail, warnings)
    print(json.dumps(out, ensure_ascii=False, allow_nan=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
