//! All-fixed scenarios have exact answers: P(feasible) is 0 or 1 and every figure equals its
//! closed form. These tests compute the closed forms independently (naive formulas and
//! numerical integration split at the share path's kinks) and compare to 1e-9 relative.

use skypie::model::verdict::Verdict;
use skypie::{Evaluation, Scenario, evaluate};

fn run(toml: &str) -> Evaluation {
    let scenario = Scenario::parse(toml, "exact.toml").expect("the test scenario parses");
    evaluate(&scenario, true)
}

fn assert_close(got: f64, want: f64, what: &str) {
    let tolerance = 1e-9 * want.abs().max(1e-300);
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: got {got}, want {want} (relative error {:e})",
        ((got - want) / want).abs()
    );
}

/// ∫ₐᵇ f by composite Simpson with 20,000 panels (f smooth on [a, b]).
fn simpson(f: impl Fn(f64) -> f64, a: f64, b: f64) -> f64 {
    let n = 20_000;
    let h = (b - a) / n as f64;
    let inner: f64 = (1..n)
        .map(|i| f(a + i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 })
        .sum();
    (f(a) + f(b) + inner) * h / 3.0
}

/// A scenario with every input fixed.
#[allow(clippy::too_many_arguments)]
fn fixed(
    target: &str,
    days: u32,
    size: f64,
    growth: f64,
    serviceable: f64,
    current: f64,
    gain: f64,
    ceiling: f64,
) -> String {
    format!(
        "schema = 1\nhorizon_days = {days}\n[target]\nrevenue = \"{target}\"\n\
         [market]\nsize = {size:e}\ngrowth = {growth}\nserviceable = {serviceable}\n\
         [share]\ncurrent = {current}\ngain_per_year = {gain}\nceiling = {ceiling}\n\
         [run]\nsamples = 101\n"
    )
}

#[test]
fn without_growth_the_window_is_size_times_years() {
    // 73 days = 0.2 years; W = 0.5 · 100M · 0.2 = 10M; A = 10% of W = 1M.
    let e = run(&fixed("2M", 73, 100e6, 0.0, 0.5, 0.1, 0.0, 1.0));
    let h = &e.headline;
    assert_close(h.market_in_window.p50, 10e6, "W");
    assert_close(h.required_capture.p50, 0.2, "required capture");
    assert_close(h.achievable_revenue.p50, 1e6, "A");
    assert_close(h.achievable_capture.p50, 0.1, "achievable capture");
    assert_eq!(h.p_feasible, 0.0);
    assert_eq!(h.p_feasible_se, 0.0);
    assert_eq!(h.verdict, Verdict::PieInTheSky);
    assert_close(h.realistic_target, 1e6, "realistic target");
    // Required pace: (R/(s·M) − c0·T) / (T²/2) = (0.04 − 0.02) / 0.02 = 1 (100 points a year).
    assert_close(h.required_pace, 1.0, "required pace");
    assert_eq!(h.assumed_pace, 0.0);
}

#[test]
fn an_achievable_target_is_certain_and_realistic() {
    let e = run(&fixed("0.5M", 73, 100e6, 0.0, 0.5, 0.1, 0.0, 1.0));
    assert_eq!(e.headline.p_feasible, 1.0);
    assert_eq!(e.headline.p_feasible_se, 0.0);
    assert_eq!(e.headline.verdict, Verdict::Realistic);
}

#[test]
fn growth_compounds_continuously_over_the_window() {
    // g = 20% a year over a year: W = s·M·g/ln(1+g); A = s·M·(c0·I0 + γ·I1).
    let (size, growth, serviceable, current, gain) = (50e6, 0.2, 0.8, 0.05, 0.04);
    let e = run(&fixed(
        "3M",
        365,
        size,
        growth,
        serviceable,
        current,
        gain,
        1.0,
    ));
    let k = (1.0f64 + growth).ln();
    let i0 = growth / k;
    let i1 = ((1.0 + growth) * (k - 1.0) + 1.0) / (k * k);
    let window = serviceable * size * i0;
    let achievable = serviceable * size * (current * i0 + gain * i1);
    let h = &e.headline;
    assert_close(h.market_in_window.p50, window, "W");
    assert_close(h.required_capture.p50, 3e6 / window, "required capture");
    assert_close(h.achievable_revenue.p50, achievable, "A");
    assert_eq!(h.p_feasible, if achievable >= 3e6 { 1.0 } else { 0.0 });
    // Required pace solves A_market(γ) = R: (R/(s·M) − c0·I0) / I1.
    let pace = (3e6 / (serviceable * size) - current * i0) / i1;
    assert_close(h.required_pace, pace, "required pace");
}

#[test]
fn a_share_that_reaches_its_ceiling_stays_there() {
    // c(t) = 10% + 50%·t until the 30% ceiling at t = 0.4, then flat; growth 10%.
    let (size, growth, current, gain, ceiling) = (40e6, 0.1, 0.1, 0.5, 0.3);
    let e = run(&fixed("1M", 365, size, growth, 1.0, current, gain, ceiling));
    let k = (1.0f64 + growth).ln();
    let share = |t: f64| (current + gain * t).min(ceiling) * (k * t).exp();
    let integral = simpson(share, 0.0, 0.4) + simpson(share, 0.4, 1.0);
    assert_close(e.headline.achievable_revenue.p50, size * integral, "A");
    assert_close(
        e.headline.market_in_window.p50,
        size * simpson(|t| (k * t).exp(), 0.0, 1.0),
        "W",
    );
}

#[test]
fn a_shrinking_share_stops_at_zero() {
    // c(t) = 10% − 20%·t reaches zero at t = 0.5 and earns nothing after.
    let (size, growth, current, gain) = (40e6, 0.05, 0.1, -0.2);
    let e = run(&fixed("1M", 365, size, growth, 1.0, current, gain, 1.0));
    let k = (1.0f64 + growth).ln();
    let share = |t: f64| (current + gain * t).max(0.0) * (k * t).exp();
    let integral = simpson(share, 0.0, 0.5);
    assert_close(e.headline.achievable_revenue.p50, size * integral, "A");
}

#[test]
fn a_current_share_above_the_ceiling_is_kept_not_cut() {
    // cap = max(ceiling, c0): a company already above its "ceiling" keeps its share.
    let e = run(&fixed("1M", 365, 10e6, 0.0, 1.0, 0.5, 0.1, 0.3));
    assert_close(e.headline.achievable_revenue.p50, 5e6, "A");
}

#[test]
fn a_small_team_caps_what_the_market_would_give() {
    // 182 days (T ≈ 0.5 years), 2 ramped reps + 2 new reps ramping over 73 days (0.2 years):
    // rep-years = 2·T + 2·(T − 0.1); C = 1M · 0.5 · rep-years ≈ 0.9M < A_market ≈ 5M.
    let toml = format!(
        "{}[capacity]\nreps = 2\nnew_reps = 2\nramp_days = 73\nquota_per_rep = \"1M\"\nattainment = 0.5\n",
        fixed("1M", 182, 100e6, 0.0, 1.0, 0.1, 0.0, 1.0)
    );
    let e = run(&toml);
    let years = 182.0 / 365.0;
    let capacity = 1e6 * 0.5 * (2.0 * years + 2.0 * (years - 0.1));
    assert_close(e.headline.achievable_revenue.p50, capacity, "A = C");
    assert_eq!(e.headline.binding.capacity, 1.0);
    assert_eq!(e.headline.binding.market, 0.0);
    assert_eq!(e.headline.p_feasible, 0.0);
}

#[test]
fn a_horizon_inside_the_ramp_counts_ramping_reps_quadratically() {
    // 36 days (T ≈ 0.1 years) inside a 0.2-year ramp: ramped years = T²/(2·0.2).
    let toml = format!(
        "{}[capacity]\nnew_reps = 4\nramp_days = 73\nquota_per_rep = \"1M\"\n",
        fixed("1M", 365, 100e6, 0.0, 1.0, 0.1, 0.0, 1.0)
    )
    .replace("horizon_days = 365", "horizon_days = 36");
    let e = run(&toml);
    let years = 36.0 / 365.0;
    let ramp = 73.0 / 365.0;
    assert_close(
        e.headline.achievable_revenue.p50,
        1e6 * 4.0 * years * years / (2.0 * ramp),
        "A = C",
    );
}

#[test]
fn all_fixed_levers_are_exact_thresholds() {
    // A = s·M·c0·T = 5M·T: over 73 days 1M, short of 1.5M. Realistic would be a 1M target,
    // a horizon of 0.3 years (109.5 → 110 days), a 1.5× market, or a share gain γ with
    // 50M·(0.1·0.2 + γ·0.2²/2) = 1.5M, i.e. γ = 0.5 (50 points a year).
    let e = run(&fixed("1.5M", 73, 100e6, 0.0, 0.5, 0.1, 0.0, 1.0));
    let levers = &e.detail.expect("detail was asked for").levers;
    let value = |input: &str| {
        levers
            .iter()
            .find(|l| l.input.key() == input)
            .and_then(|l| l.value)
    };
    assert_close(value("target.revenue").unwrap(), 1e6, "target lever");
    assert_eq!(value("horizon_days"), Some(110.0));
    assert_close(value("market.size").unwrap(), 1.5, "market size lever");
    let gain = value("share.gain_per_year").unwrap();
    assert!((gain - 0.5).abs() < 2e-6, "share gain lever {gain}");
}

#[test]
fn the_time_path_ends_at_the_target_and_the_achievable_revenue() {
    let e = run(&fixed("2M", 73, 100e6, 0.0, 0.5, 0.1, 0.0, 1.0));
    let path = &e.detail.expect("detail was asked for").time_path;
    let days: Vec<u32> = path.iter().map(|p| p.day).collect();
    assert_eq!(days, [7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 73]);
    let last = path.last().unwrap();
    assert_close(last.required, 2e6, "required by the last day");
    assert_close(last.p50, 1e6, "achievable by the last day");
    // Linear without growth: achievable by day 7 is 7/73 of the whole.
    assert_close(path[0].p10, 1e6 * 7.0 / 73.0, "achievable by day 7");
}

#[test]
fn growth_near_zero_is_continuous() {
    let a = run(&fixed("1M", 365, 10e6, 0.0, 1.0, 0.1, 0.05, 1.0));
    let b = run(&fixed("1M", 365, 10e6, 1e-12, 1.0, 0.1, 0.05, 1.0));
    let c = run(&fixed("1M", 365, 10e6, -1e-12, 1.0, 0.1, 0.05, 1.0));
    for other in [&b, &c] {
        let (x, y) = (
            a.headline.achievable_revenue.p50,
            other.headline.achievable_revenue.p50,
        );
        assert!((x - y).abs() <= 1e-10 * x, "{x} vs {y}");
    }
}

#[test]
fn an_empty_market_needs_an_infinite_capture() {
    let e = run(&fixed("1M", 90, 0.0, 0.0, 1.0, 0.1, 0.0, 1.0));
    assert_eq!(e.headline.required_capture.p50, f64::INFINITY);
    assert_eq!(e.headline.achievable_capture.p50, 0.0);
    assert_eq!(e.headline.verdict, Verdict::Impossible);
    assert!(
        e.headline
            .warnings
            .iter()
            .any(|w| w.contains("market_in_window is 0")),
        "{:?}",
        e.headline.warnings
    );
}

#[test]
fn means_of_a_huge_market_do_not_overflow() {
    // W = 2.5e306 in each of 101 samples: Σ W would overflow f64, Σ(W/N) does not.
    let e = run(&fixed("1M", 73, 1.25e307, 0.0, 1.0, 0.1, 0.0, 1.0));
    let window = 1.25e307 * 73.0 / 365.0;
    assert!(101.0 * window > f64::MAX, "the sum itself would overflow");
    assert_close(e.headline.market_in_window.mean, window, "mean W");
    assert_close(e.headline.achievable_revenue.mean, 0.1 * window, "mean A");
}

#[test]
fn a_market_drawn_past_the_largest_float_never_makes_a_zero_share_feasible() {
    // A lognormal this wide draws +∞ now and then; ∞ × a zero share must not become NaN,
    // which min() would turn into "feasible".
    let text = "schema = 1\nhorizon_days = 90\n[target]\nrevenue = \"1M\"\n\
                [market]\nsize = \"1e300 to 1e308\"\n[run]\nsamples = 10000\n";
    let e = run(text);
    assert_eq!(e.headline.p_feasible, 0.0);
    assert!(
        e.headline
            .warnings
            .iter()
            .any(|w| w.starts_with("market.size:") && w.contains("clamped")),
        "{:?}",
        e.headline.warnings
    );
}
