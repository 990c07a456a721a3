#!/usr/bin/env python3
"""Exact checks of skypie_ref.py on scenarios whose answers follow by hand (plain asserts).

    python3 tools/reference/test_ref.py

Every input is fixed, so every sample is the same and each figure has one exact value; the
comments derive it from the definitions (docs/MODEL.md §3–§6). A few
checks drive the helpers directly (combined_pair, and agree.py's quantile_spread) or use a
sampled input where the mechanism (not a number) is under test. Exit status 0 when all pass.
"""

from __future__ import annotations

import math
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402

import skypie_ref as ref  # noqa: E402

N = 1000


def load(toml: str):
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False, encoding="utf-8") as f:
        f.write(toml)
        path = f.name
    try:
        return ref.load_scenario(path, [])
    finally:
        Path(path).unlink()


def evaluate(toml: str, n: int = N, seed: int = 1, detail: bool = True) -> dict:
    return ref.run(load(toml), n, seed, detail, [])


def close(a, b, rel=1e-12, what=""):
    assert a is not None and b is not None, f"{what}: {a} vs {b}"
    assert abs(a - b) <= rel * max(abs(a), abs(b)), f"{what}: {a!r} vs {b!r}"


def lever(out: dict, key: str) -> dict:
    return next(row for row in out["levers"] if row["input"] == key)


# Market 100M, no growth, share 4% + 2 pts/yr, 4 reps × 500k × 40%, one year, target 4.9M.
# W = 100M; B = 100M·4% = 4M; C = 500k·0.4·4 = 0.8M; A_market = 100M·(4% + 2%/2) = 5M;
# A = min(5M, 4.8M) = 4.8M < 4.9M; the team binds (5M > 4.8M).
ISSUE_EXAMPLE = """
name = "issue 7 exact"
horizon_days = 365
[target]
revenue = "4.9M"
[market]
size = "100M"
[share]
current = "4%"
gain_per_year = "2%"
[capacity]
reps = 4
quota_per_rep = "500k"
attainment = "40%"
"""


def test_issue_example():
    out = evaluate(ISSUE_EXAMPLE)
    for q in ("p10", "p50", "p90", "mean"):
        close(out["market_in_window"][q], 100e6, what=f"W {q}")
        close(out["achievable_revenue"][q], 4.8e6, what=f"A {q}")
    assert out["p_feasible"] == 0.0 and out["p_feasible_se"] == 0.0
    assert out["verdict"] == "pie-in-the-sky"
    assert out["binding"] == {"market": 0.0, "capacity": 1.0}, out["binding"]
    # required_reps = ((R − B)/(q·a) − 0)/T = (4.9M − 4M)/200k = 4.5, R less the rounding a
    # sample may fall short by (MADE_WITHIN, relative to R: 4.9M·1e-12/200k ≈ 2.5e-11)
    close(out["required_reps"], 4.5, rel=1e-10, what="required_reps")
    assert out["assumed_reps"] == 4
    # required_pace = (R/(s·M) − c0·I0)/I1 = (0.049 − 0.04)/0.5 = 0.018
    close(out["required_pace"], 0.018, rel=1e-9, what="required_pace")
    close(out["realistic_target"], 4.8e6, what="realistic_target")
    assert out["currency"] == "USD"
    # Levers. Reps: B + C(r) = 4M + 200k·r ≥ 4.9M ⇔ r ≥ 4.5 → 5 (and A_market = 5M ≥ 4.9M).
    assert lever(out, "capacity.reps") == {"input": "capacity.reps", "value": 5}
    # Market size: m = max(R/A_market, (R − C)/B) = max(0.98, 4.1/4) = 1.025, R less the
    # rounding a sample may fall short by.
    close(lever(out, "market.size")["value"], 1.025, rel=1e-10, what="market-size lever")
    # Share gain: the team caps A at 4.8M whatever the share does; at Δ = +1 the market
    # (100M·(4% + 1.02/2) = 55M) is far above B + C, so the team binds in every sample.
    sg = lever(out, "share.gain_per_year")
    assert sg["value"] is None and sg["stopped_by"] == {"limit": "capacity", "binds": 1.0}, sg
    assert "stopped_by" not in lever(out, "capacity.reps")
    # Horizon: A(t) = min(100M·(0.04t + 0.01t²), 4.8M·t) ≥ 4.9M ⇔ t ≥ 4.9/4.8 (the team's leg
    # binds: the market's leg is already 5.13M there): 372.6 days → 373.
    assert lever(out, "horizon_days")["value"] == 373
    # The reps lever is within reach, so there is no combined lever.
    assert out["combined_lever"] is None
    # Time path: on day 7 the market binds (4M·t + 1M·t² < 4.8M·t), on day 365 A = 4.8M.
    first, last = out["time_path"][0], out["time_path"][-1]
    t = 7 / 365
    assert first["day"] == 7 and last["day"] == 365
    close(first["p50"], 100e6 * (0.04 * t + 0.01 * t * t), rel=1e-9, what="day 7")
    close(last["p50"], 4.8e6, what="day 365")
    close(last["required"], 4.9e6, what="required(365)")
    # Nothing is uncertain: an empty tornado, which stays a tornado of P(feasible).
    assert out["sensitivity"] == [] and out["sensitivity_of"] == "p_feasible"


def test_target_at_realistic_target_is_realistic():
    out = evaluate(ISSUE_EXAMPLE.replace('revenue = "4.9M"', 'revenue = "4.8M"'))
    assert out["p_feasible"] == 1.0 and out["verdict"] == "realistic"
    close(out["required_reps"], 4.0, rel=1e-10, what="required_reps at 4.8M")
    assert lever(out, "capacity.reps")["value"] == 4


def test_tie_counts_as_market():
    # M = 8M, c0 = 25%, γ = 50%, T = 1, 4 reps × 1M × 50%: B = 2M, C = 2M, A_market =
    # 8M·(0.25 + 0.5/2) = 4M = B + C. A tie counts as the market. Every figure is exact in
    # binary floating point, so the tie is exact.
    out = evaluate("""
horizon_days = 365
[target]
revenue = "4M"
[market]
size = "8M"
[share]
current = "25%"
gain_per_year = "50%"
[capacity]
reps = 4
quota_per_rep = "1M"
attainment = "50%"
""")
    assert out["binding"] == {"market": 1.0, "capacity": 0.0}, out["binding"]
    assert out["achievable_revenue"]["p50"] == 4e6
    assert out["p_feasible"] == 1.0 and out["verdict"] == "realistic"
    # (4M − 2M)/500k, R less the rounding a sample may fall short by
    close(out["required_reps"], (ref.least_making(4e6) - 2e6) / 500e3, what="required_reps")


def test_tie_with_no_gain_and_no_team_counts_as_market():
    # No share gain and no reps: A_market = s·M·(c0·I0) and B + C = B + 0, the same product
    # when B is grouped as A_market is; (s·M·c0)·I0 fell an ulp either side of it, and the team
    # was said to bind (found by a fuzzed agreement run: 7M at 7% over 90 days).
    out = evaluate("""
horizon_days = 90
[target]
revenue = "100k"
[market]
size = "7M"
[share]
current = 0.07
[capacity]
quota_per_rep = "1M"
""")
    assert out["binding"] == {"market": 1.0, "capacity": 0.0}, out["binding"]


def zero_market(size: str, serviceable: str) -> dict:
    # The largest growth the number grammar allows is just below 1.8e308; over ten years
    # e^{kT} overflows, so W = s·M·I0 would be 0·∞ without the no-market rule.
    return evaluate(f"""
horizon_days = 3650
[target]
revenue = "1"
[market]
size = "{size}"
growth = "1.7e308"
serviceable = {serviceable}
[share]
current = "5%"
gain_per_year = "10%"
[capacity]
reps = 3
quota_per_rep = "1M"
""")


def test_zero_market_is_never_feasible():
    for size, serviceable in (("0", "1"), ("50M", "0")):
        out = zero_market(size, serviceable)
        what = f"size {size}, serviceable {serviceable}"
        assert out["p_feasible"] == 0.0, what
        assert out["verdict"] == "impossible", what
        for q in ("p10", "p50", "p90", "mean"):
            assert out["market_in_window"][q] == 0.0, what
            assert out["achievable_revenue"][q] == 0.0, what
            assert out["required_capture"][q] is None, what       # R / 0 = +∞ → null
        assert out["binding"] == {"market": 1.0, "capacity": 0.0}, what
        assert all(row["p50"] == 0.0 for row in out["time_path"]), what
        assert lever(out, "market.size")["value"] is None, what
        assert lever(out, "horizon_days")["value"] is None, what
        # (1 − 0)/1M − 0 over 10 years: the base is 0, so required_reps = 1e-6 / 10
        close(out["required_reps"], 1e-7, what=f"required_reps, {what}")


def test_no_capacity():
    out = evaluate("""
horizon_days = 365
currency = "EUR"
[target]
revenue = "4.9M"
[market]
size = "100M"
[share]
current = "4%"
gain_per_year = "2%"
""")
    assert out["required_reps"] is None and out["assumed_reps"] is None
    assert out["binding"] == {"market": 1.0, "capacity": 0.0}
    close(out["achievable_revenue"]["p50"], 5e6, what="A = A_market")
    assert out["p_feasible"] == 1.0
    assert out["currency"] == "EUR"
    assert [row["input"] for row in out["levers"]] == [
        "target.revenue", "horizon_days", "market.size", "share.gain_per_year"]
    assert all("stopped_by" not in row for row in out["levers"])
    assert out["combined_lever"] is None


def test_combined_lever():
    # M = 10M, c0 = 10%, γ = 5%, one year, 1 rep × 1M × 100%, R = 3M.
    # B = 1M, C = 1M, A_market = 10M·(0.1 + 0.025) = 1.25M.
    # Reps alone: A_market stays 1.25M < 3M; with 10,000 reps B + C is huge, the market binds.
    # Share alone: at Δ = +1, A_market = 10M·(0.1 + 1.05/2) = 6.25M > B + C = 2M: team binds.
    # Together: ρ = (3M − 1M)/1M = 2 reps; δ: 10M·(0.1 + (0.05 + Δ)/2) ≥ 3M ⇔ Δ ≥ 0.35,
    # reported as the resulting pace 0.05 + 0.35 = 0.4.
    out = evaluate("""
horizon_days = 365
[target]
revenue = "3M"
[market]
size = "10M"
[share]
current = "10%"
gain_per_year = "5%"
[capacity]
reps = 1
quota_per_rep = "1M"
""")
    reps, share = lever(out, "capacity.reps"), lever(out, "share.gain_per_year")
    assert reps["value"] is None and reps["stopped_by"] == {"limit": "market", "binds": 1.0}
    assert share["value"] is None and share["stopped_by"] == {"limit": "capacity", "binds": 1.0}
    cl = out["combined_lever"]
    assert cl["capacity.reps"] == 2, cl
    assert abs(cl["share.gain_per_year"] - 0.4) < 1e-9, cl
    close(out["required_reps"], 2.0, rel=1e-10, what="required_reps")


def test_combined_pair_rank_rule():
    # Anti-correlated thresholds, needed = 3 of 5: rank 2 gives (3, 3), which only sample 3
    # clears; rank 3 gives (4, 4), which samples 2, 3, 4 clear.
    found = ref.combined_pair(np.array([1.0, 2, 3, 4, 5]), np.array([5.0, 4, 3, 2, 1]), 3)
    assert found == (3, 4, 4.0), found
    # ρ = −∞ (today's share covers R) reads as 0 reps; non-integer ρ rounds up.
    assert ref.combined_pair(np.full(3, -np.inf), np.array([0.1, 0.2, 0.3]), 2) == (1, 0, 0.2)
    assert ref.combined_pair(np.array([0.2, 1.5, 9.0]), np.zeros(3), 2) == (1, 2, 0.0)
    # Out of range: too many reps, or a share gain that never gets there.
    assert ref.combined_pair(np.array([1.0, 20_000.0]), np.zeros(2), 2) is None
    assert ref.combined_pair(np.array([1.0, 2.0]), np.array([0.0, np.inf]), 2) is None
    # A share gain that cannot reach sample 0 at any shift (a ceiling), 3 of 4: rank 2 of all
    # samples, (3, 0.3), clears two; rank 3 asks a shift that does not exist (the rule before
    # found no pair). The same share of what each lever can clear: (4, 0.3) at the last level.
    rho, delta = np.array([1.0, 2.0, 3.0, 4.0]), np.array([np.inf, 0.1, 0.2, 0.3])
    assert ref.combined_pair(rho, delta, 3) == (3, 4, 0.3), ref.combined_pair(rho, delta, 3)
    # 2 of 4, sample 2 beyond any shift: level 3 is (4, 0.3), which clears samples 0, 1 and 3;
    # lowered as far as each allows, 2 reps with that shift still clear 0 and 1.
    rho, delta = np.array([1.0, 2.0, 3.0, 4.0]), np.array([0.3, 0.2, np.inf, 0.1])
    assert ref.combined_pair(rho, delta, 2) == (3, 2, 0.3), ref.combined_pair(rho, delta, 2)


def test_sensitivity_of_realistic_target():
    # The issue's example with attainment uncertain and a target out of reach in every
    # sample: every pin gives P = 0, so the tornado ranks by the realistic target. All else is
    # fixed, so with attainment pinned at a every sample has A = min(5M, 4M + 2M·a).
    out = evaluate(ISSUE_EXAMPLE.replace('revenue = "4.9M"', 'revenue = "40M"')
                   .replace('attainment = "40%"', 'attainment = "30% to 50%"'), n=20_000)
    assert out["sensitivity_of"] == "realistic_target"
    (bar,) = out["sensitivity"]
    assert bar["input"] == "capacity.attainment" and bar["p_low"] == bar["p_high"] == 0.0
    sc_model = ref.Model(load(ISSUE_EXAMPLE.replace(
        'attainment = "40%"', 'attainment = "30% to 50%"')), 20_000, 1)
    a10, a90 = np.quantile(sc_model.x["capacity.attainment"], [0.1, 0.9])
    close(bar["target_low"], 4e6 + 2e6 * a10, rel=1e-9, what="target_low")
    close(bar["target_high"], 4e6 + 2e6 * a90, rel=1e-9, what="target_high")
    close(bar["swing"], bar["target_high"] - bar["target_low"], what="swing")

    # With quota uncertain too, at 4.7M a pin of attainment leaves P strictly between 0 and 1
    # (A = 4M + 4·quota·a still varies with the quota): the tornado is of P(feasible).
    out = evaluate(ISSUE_EXAMPLE.replace('revenue = "4.9M"', 'revenue = "4.7M"')
                   .replace('attainment = "40%"', 'attainment = "30% to 50%"')
                   .replace('quota_per_rep = "500k"', 'quota_per_rep = "400k to 600k"'),
                   n=20_000)
    assert out["sensitivity_of"] == "p_feasible"
    assert all("target_low" not in bar for bar in out["sensitivity"])


def test_required_path_stays_finite_for_a_huge_target():
    # required(d) = R·(d/H): R·d would overflow for R = 1e308.
    out = evaluate("""
horizon_days = 3650
[target]
revenue = "1e308"
[market]
size = "100M"
""", detail=True)
    assert all(row["required"] is not None for row in out["time_path"])
    assert out["time_path"][-1]["required"] == 1e308


def test_a_finite_revenue_of_an_overflowing_window_is_the_share_it_holds():
    # W = 1e308·10 overflows to ∞ while A (c0 multiplies first) does not: A/W is c0 + C/W =
    # c0 with a team, the share's average c0 + γT/2 without one (MODEL.md §10), not A/∞ = 0.
    plan = """
horizon_days = 3650
[target]
revenue = "1M"
[market]
size = 1e308
[share]
current = 0.02
gain_per_year = 0.01
ceiling = 0.5
"""
    alone = evaluate(plan, detail=False)
    assert alone["market_in_window"]["p50"] is None, alone["market_in_window"]
    close(alone["achievable_capture"]["p50"], 0.02 + 0.01 * 10 / 2, rel=1e-9, what="average")
    team = evaluate(plan + "[capacity]\nreps = 2\nquota_per_rep = \"1M\"\n", detail=False)
    close(team["achievable_capture"]["p50"], 0.02, rel=1e-9, what="c0")


SEED_PLAN = """
horizon_days = 90
[target]
revenue = "1M"
[market]
size = "10M"
[run]
seed = %s
"""


def test_integer_keys_are_exact():
    # A TOML integer stays a Python int: 2^60 + 1 through a float would be 2^60.
    sc = load(SEED_PLAN % (2**60 + 1))
    assert sc.seed == 2**60 + 1, sc.seed
    # It seeds NumPy's PCG64 as it is, and is reported so.
    assert ref.run(sc, N, sc.seed, False, [])["seed"] == 2**60 + 1
    # Text goes through Decimal, also exactly; up to 2^64 − 1 (docs/MODEL.md §2), in quotes
    # beyond 2^63 − 1 (TOML integers are 64-bit signed, as the binary reads them).
    assert load(SEED_PLAN % '"1,152,921,504,606,846,977"').seed == 2**60 + 1
    assert load(SEED_PLAN % f'"{2**64 - 1}"').seed == 2**64 - 1
    for bad in (f'"{2**64}"', str(2**63), "-1", '"1.5"', "2.5"):
        try:
            load(SEED_PLAN % bad)
        except ref.ScenarioError:
            continue
        raise AssertionError(f"seed = {bad} was accepted")
    # A whole TOML float is still an integer (as the binary takes it).
    assert load(SEED_PLAN % "1e3").seed == 1000


CEILING_PLAN = """
horizon_days = 365
[target]
revenue = "1M"
[market]
size = "10M"
[share]
current = %s
gain_per_year = %s
ceiling = %s
"""


def test_ceiling_below_todays_share_is_warned_of():
    # docs/MODEL.md §4: a ceiling median below today's share's, where the share may gain.
    def warned(current, gain, ceiling):
        out = evaluate(CEILING_PLAN % (current, gain, ceiling), detail=False)
        return [w for w in out["warnings"] if w.startswith("share.ceiling:")]

    said = warned(0.1, 0.02, 0.05)
    assert len(said) == 1 and "is below today's share" in said[0], said
    assert warned(0.1, 0.0, 0.05) == []       # no gain to stop: nothing to say
    assert warned(0.1, -0.02, 0.05) == []
    assert warned(0.05, 0.02, 0.1) == []      # the ceiling is above today's share
    assert warned(0.1, 0.02, 0.1) == []       # at it


def test_agree_quantile_tolerance_reads_ranks():
    # agree.py's quantile tolerance: on the values 0, 1, ..., n − 1 an order statistic moves
    # by exactly the ranks it moves, k = 5·sqrt(2)·sqrt(n·q(1−q)) + 1.
    import agree
    n = 10_000
    values = np.arange(n, dtype=float)
    k = agree.Z2 * math.sqrt(n * 0.25) + 1
    close(agree.rank_window(n, 0.5), k, what="window")
    close(agree.quantile_spread(values, 0.5), k, what="spread at the median")
    # a pair: from b's own rank, k ranks toward a, either way
    close(agree.quantile_reach(values, 0.5, 6000.0, 5000.0), k, what="reach up")
    close(agree.quantile_reach(values, 0.5, 4000.0, 5000.0), k, what="reach down")
    # steep above, flat below: each side its own reach (e^(k/1000) − 1 vs 1 − e^(−k/1000))
    steep = np.exp(values / 1000)
    b = float(steep[5000])
    up, down = (agree.quantile_reach(steep, 0.5, a, b) for a in (2 * b, b / 2))
    close(up, b * math.expm1(k / 1000), rel=1e-6, what="reach up, steep")
    close(down, -b * math.expm1(-k / 1000), rel=1e-6, what="reach down, flat")
    # b on an atom: its rank is the atom's far end on a's side
    atom = np.concatenate([np.zeros(n // 2), np.arange(1, n // 2 + 1, dtype=float)])
    # (the last zero is rank n/2 − 1; value v sits at rank n/2 − 1 + v)
    close(agree.quantile_reach(atom, 0.5, 1.0, 0.0), k, rel=1e-9, what="off an atom")
    assert agree.quantile_spread(np.full(n, 3.0), 0.5) == 0.0
    # on a lognormal-like stretch the larger (upper) move is taken
    # (to 1e-6: the rank h + k falls between two values, read linearly as NumPy reads it)
    close(agree.quantile_spread(np.exp(values / 1000), 0.5),
          math.exp((0.5 * (n - 1) + k) / 1000) - math.exp(0.5 * (n - 1) / 1000), rel=1e-6,
          what="upper move")


def main() -> int:
    tests = [(name, fn) for name, fn in globals().items()
             if name.startswith("test_") and callable(fn)]
    failed = 0
    for name, fn in tests:
        try:
            fn()
        except AssertionError as e:
            failed += 1
            print(f"FAIL {name}: {e}")
        else:
            print(f"ok   {name}")
    print(f"{len(tests) - failed} of {len(tests)} passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
