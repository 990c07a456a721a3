//! All-fixed scenarios have exact answers: P(feasible) is 0 or 1 and every figure equals its
//! closed form. These tests compute the closed forms independently (naive formulas and
//! numerical integration split at the share path's kinks) and compare to 1e-9 relative.

use skypie::model::headline::MarketStop;
use skypie::model::levers::{Lever, Limit};
use skypie::model::verdict::Verdict;
use skypie::scenario::Field;
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

// Sobol points with nothing uncertain: no dimension to draw, nothing to turn (this panicked
// once, on a 0×0 turn); every figure is the plain Monte Carlo one, which the tests above pin
// to the closed forms.
#[test]
fn with_nothing_uncertain_sobol_points_give_the_same_exact_answers() {
    for target in ["2M", "0.5M"] {
        let text = fixed(target, 73, 100e6, 0.05, 0.5, 0.1, 0.02, 0.3);
        let plain = run(&text);
        let sobol_text = text.replace("[run]\n", "[run]\nmethod = \"sobol\"\n");
        let sobol = run(&sobol_text);
        assert_eq!(
            sobol.headline.samples, 128,
            "101 rounded up to a power of two"
        );
        // The headline alone goes through the fused pass, not the detail's columns.
        let scenario = Scenario::parse(&sobol_text, "exact.toml").expect("it parses");
        assert_eq!(evaluate(&scenario, false).headline, sobol.headline);
        let (p, s) = (&plain.headline, &sobol.headline);
        // Quantiles exactly; the means to rounding (each is Σ x/N, with N = 101 or 128).
        for (what, s, p) in [
            ("W", &s.market_in_window, &p.market_in_window),
            ("A", &s.achievable_revenue, &p.achievable_revenue),
            ("required capture", &s.required_capture, &p.required_capture),
        ] {
            assert_eq!((s.p10, s.p50, s.p90), (p.p10, p.p50, p.p90), "{what}");
            assert_close(s.mean, p.mean, what);
        }
        assert_eq!(s.realistic_target, p.realistic_target);
        assert_eq!((s.p_feasible, s.p_feasible_se), (p.p_feasible, 0.0));
        assert_eq!(s.verdict, p.verdict);
        let detail = sobol.detail.expect("--detail was asked for");
        assert_eq!(detail.levers, plain.detail.expect("--detail").levers);
    }
}

// One uncertain input: the turn is ±1 and each scramble's points are a stratified sample of
// its law, one point in each 1/n of its quantiles (n = points per scramble). With only the
// market's size uncertain, A = 0.01·M here, so P(feasible) = P(M ≥ 100·R) exactly, and every
// scramble's count is that probability times n, rounded down or up: the estimate is within
// 1/n of it, and the reported SE, √(Σ(p_r − p)²/(R(R − 1))) with each |p_r − p| < 1/n, is at
// most 1/(2n·√(R − 1)) ≈ 0.13/n. Plain Monte Carlo's SE at this size is about 3/n: points
// that are not stratified (independent draws, or a normal made from two dimensions as
// Box–Muller does) fail both.
#[test]
fn with_one_uncertain_input_sobol_points_are_exact_to_one_point_per_scramble() {
    use statrs::distribution::{ContinuousCDF, Normal};
    let (n, scrambles) = (1024.0, 16.0);
    let sigma = 4.0_f64.ln() / (2.0 * 1.644_853_6);
    for (target, revenue, seed) in [("1.5M", 1.5e6, 1), ("0.8M", 0.8e6, 2), ("2.5M", 2.5e6, 3)] {
        let threshold: f64 = 100.0 * revenue;
        // ln M ~ N(ln 100M, σ²): "50M to 200M" is a 90% interval.
        let exact = 1.0 - Normal::standard().cdf((threshold / 100e6).ln() / sigma);
        let text = fixed(target, 73, 100e6, 0.0, 0.5, 0.1, 0.0, 1.0)
            .replace("size = 1e8", "size = \"50M to 200M\"")
            .replace(
                "samples = 101",
                &format!("samples = 16384\nseed = {seed}\nmethod = \"sobol\""),
            );
        let h = run(&text).headline;
        assert_eq!(h.samples, (n * scrambles) as u64);
        assert!(
            (h.p_feasible - exact).abs() < 1.0 / n,
            "target {target}: P(feasible) {} is not within 1/{n} of {exact}",
            h.p_feasible
        );
        assert!(
            h.p_feasible_se <= 0.13 / n,
            "target {target}: SE {} is more than the scrambles' rounding allows, 0.13/{n}",
            h.p_feasible_se
        );
    }
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
fn a_ceiling_that_stops_the_market_at_any_pace_is_said_with_no_pace_needed() {
    // 100M, today 25%, ceiling 26%, one flat year: the most the market gives is 26M, short of
    // 30M at any pace, though the pace that ignores the ceiling, (0.30 − 0.25)/0.5 = 10 pts/yr,
    // is below the plan's 11.3: no pace needed is shown ("needs 10 pts/yr, plans 11.3 pts/yr,
    // but …" read as a plan that had the pace). With a 31% ceiling, 31M would do: nothing is
    // said.
    let e = run(&fixed("30M", 365, 100e6, 0.0, 1.0, 0.25, 0.113, 0.26));
    let h = &e.headline;
    assert_eq!(h.market_stop, Some(MarketStop::CeilingShort(0.26)));
    assert_close(h.required_pace, 0.1, "the pace, ceiling ignored");
    let market = &skypie::report::format::limits(h)[0].line;
    assert_eq!(
        market,
        "Market: plans 11.3 pts/yr, but the share's 26% ceiling stops it short at any pace"
    );
    let e = run(&fixed("30M", 365, 100e6, 0.0, 1.0, 0.25, 0.113, 0.31));
    assert_eq!(e.headline.market_stop, None);
    // No ceiling (100%) is never named as one; where the whole market falls short, that is
    // said, not a pace that would take the share past 100% (it read "needs 210 pts/yr" alone,
    // then "needs 210 pts/yr, …, but even …": less than the 99M just below needs, 2820).
    let e = run(&fixed("130M", 365, 100e6, 0.0, 1.0, 0.25, 0.113, 1.0));
    assert_eq!(e.headline.market_stop, Some(MarketStop::WholeMarketShort));
    assert_eq!(
        skypie::report::format::limits(&e.headline)[0].line,
        "Market: plans 11.3 pts/yr, but even the whole serviceable market falls short of the \
         target"
    );
    let e = run(&fixed("99M", 365, 100e6, 0.0, 1.0, 0.25, 0.113, 1.0));
    assert_eq!(e.headline.market_stop, None);
    let line = skypie::report::format::limits(&e.headline)[0].line.clone();
    assert_eq!(line, "Market: needs 2,820 pts/yr, plans 11.3 pts/yr");
    // Exactly the whole market: only 100% of it from day 0 makes it, which no pace from
    // today's 25% gives (every finite pace books less); a little less is within reach.
    // It is said so: "even the whole serviceable market falls short" was said of a target
    // the whole market books.
    let e = run(&fixed("100M", 365, 100e6, 0.0, 1.0, 0.25, 0.113, 1.0));
    assert_eq!(
        e.headline.market_stop,
        Some(MarketStop::OnlyWholeMarketFromDayZero)
    );
    assert_eq!(
        skypie::report::format::limits(&e.headline)[0].line,
        "Market: plans 11.3 pts/yr, but only the whole serviceable market from day 0 books it"
    );
    assert_eq!(
        skypie::report::format::no_pace_reaches(&e.headline),
        Some("only the whole market from day 0")
    );
    // So at a ceiling: 30% of it over three years is 90M.
    let e = run(&fixed("90M", 1095, 100e6, 0.0, 1.0, 0.1, 0.1, 0.3));
    assert_eq!(
        skypie::report::format::limits(&e.headline)[0].line,
        "Market: plans 10 pts/yr, but only a share at its 30% ceiling from day 0 books it"
    );
    let e = run(&fixed("99M", 365, 100e6, 0.0, 1.0, 0.25, 0.113, 1.0));
    assert_eq!(e.headline.market_stop, None);
    // The cap from day 0 books the target to a rounding, from a hair below it: a pace a plan
    // can state gets within that rounding. It read "out of reach: the ceiling stops it"
    // beside P(feasible) 100% at 10 pts/yr.
    let e = run(&fixed("90M", 1095, 100e6, 0.0, 1.0, 0.299_999_9, 0.1, 0.3));
    assert_eq!(e.headline.p_feasible, 1.0);
    assert_eq!(e.headline.market_stop, None);
    assert_eq!(
        skypie::report::format::limits(&e.headline)[0].line,
        "Market: needs 0.556 pts/yr, plans 10 pts/yr"
    );
    // Today's 28% above a 26% ceiling is kept, not cut, and cannot rise: 28M, short of 30M.
    let e = run(&fixed("30M", 365, 100e6, 0.0, 1.0, 0.28, 0.113, 0.26));
    assert_eq!(
        e.headline.market_stop,
        Some(MarketStop::HeldTodayShort(0.28))
    );
    assert!(
        skypie::report::format::limits(&e.headline)[0]
            .line
            .ends_with(
                "but a share held at today's 28% (above its ceiling) stops it short at any pace"
            )
    );
}

#[test]
fn the_pace_people_read_as_needed_keeps_the_shares_floor_and_ceiling() {
    // One flat year of a 100M market. The closed form runs the share past 0 or its ceiling;
    // the model stops it there, and the Market line says what the model needs.
    let market_line = |e: &Evaluation| skypie::report::format::limits(&e.headline)[0].line.clone();
    // Today's 10% losing 20 pts/yr reaches 0 at half a year, having booked 100M·0.1²/(2·0.2)
    // = 2.5M: 2M is made (realistic), and a loss of up to 100M·0.1²/(2·2M) = 25 pts/yr would
    // do. The closed form, (0.02 − 0.1)/0.5 = −16 pts/yr, read "needs -16, plans -20", a plan
    // short of its need beside P(feasible) 100%.
    let e = run(&fixed("2M", 365, 100e6, 0.0, 1.0, 0.1, -0.2, 1.0));
    let h = &e.headline;
    assert_eq!(h.p_feasible, 1.0);
    assert_close(h.required_pace, -0.16, "the closed form, as JSON has it");
    assert_close(h.pace_with_clamps, -0.25, "the pace the model needs");
    assert_eq!(market_line(&e), "Market: already covered by today's share");
    // From 0% at 50 pts/yr with a 20% ceiling, half of the 100M serviceable: the share is at
    // its ceiling from τ = 0.4 and books 50M·(0.2 − 0.1·0.4) = 8M, short of 9M. At pace γ it
    // books 50M·(0.2 − 0.02/γ): 9M needs γ = 1, 100 pts/yr. The closed form, 0.18/0.5 = 36
    // pts/yr, read "needs 36, plans 50" beside P(feasible) 0%.
    let e = run(&fixed("9M", 365, 100e6, 0.0, 0.5, 0.0, 0.5, 0.2));
    let h = &e.headline;
    assert_eq!(h.p_feasible, 0.0);
    assert_close(h.required_pace, 0.36, "the closed form");
    assert_close(h.pace_with_clamps, 1.0, "the pace the model needs");
    assert_eq!(h.market_stop, None);
    assert_eq!(market_line(&e), "Market: needs 100 pts/yr, plans 50 pts/yr");
    // 25% today, a 31% ceiling, 30M: 100M·(0.31 − 0.03·0.06/γ) = 30M at γ = 0.18; the plan's
    // 11.3 pts/yr falls short (it read "needs 10 pts/yr, plans 11.3").
    let e = run(&fixed("30M", 365, 100e6, 0.0, 1.0, 0.25, 0.113, 0.31));
    assert_close(
        e.headline.pace_with_clamps,
        0.18,
        "the pace the model needs",
    );
    assert_eq!(
        market_line(&e),
        "Market: needs 18 pts/yr, plans 11.3 pts/yr"
    );
    // Where the share stays inside both over the window, the two are one, up to a rounding
    // of the model's sum.
    let e = run(&fixed("30M", 365, 100e6, 0.0, 1.0, 0.25, 0.113, 0.36));
    assert_close(
        e.headline.pace_with_clamps,
        e.headline.required_pace,
        "one pace",
    );
    // Exactly on the line: 100M·(0.1 + 0.7/2) = 45M, which the model's sum at 70 pts/yr
    // books as 44,999,999.99999999: a rounding short, made (it read P(feasible) 0%, pie in
    // the sky, and then "needs 70.1, plans 70"). The need is the first gain the model makes
    // it at, a rounding below.
    let e = run(&fixed("45M", 365, 100e6, 0.0, 1.0, 0.1, 0.7, 1.0));
    assert_eq!(e.headline.p_feasible, 1.0);
    assert_eq!(e.headline.verdict, Verdict::Realistic);
    assert!(e.headline.pace_with_clamps <= 0.7);
    assert!(e.headline.pace_with_clamps > 0.7 - 1e-10);
    assert_eq!(market_line(&e), "Market: needs 70 pts/yr, plans 70 pts/yr");
    // One day of a flat 100M market from 0%: the whole market gives 273,972.6, so 273,972 is
    // within reach at a pace of (1 − 273,972/273,972.6)… a share at 100% from a fraction of
    // a second in: about 8.3 billion points a year. A search that gave up at a million a year
    // said "even the whole serviceable market falls short".
    // And a rounding the other way: at 59 pts/yr the model's sum reaches 39.5M (P(feasible)
    // 100%), though the closed form lands a hair above 0.59; it read "needs 59.1, plans 59".
    let e = run(&fixed("39.5M", 365, 100e6, 0.0, 1.0, 0.1, 0.59, 1.0));
    assert_eq!(e.headline.p_feasible, 1.0);
    assert!(e.headline.pace_with_clamps <= 0.59);
    assert_eq!(market_line(&e), "Market: needs 59 pts/yr, plans 59 pts/yr");
    // Today's 29% books 29M less a rounding, which makes it: "already covered" beside 100%
    // (it read P(feasible) 0% and a need a rounding above 0).
    let e = run(&fixed("29M", 365, 100e6, 0.0, 1.0, 0.29, 0.0, 1.0));
    assert_eq!(e.headline.p_feasible, 1.0);
    assert!(e.headline.pace_with_clamps <= 0.0);
    assert_eq!(market_line(&e), "Market: already covered by today's share");
    let e = run(&fixed("273972", 1, 100e6, 0.0, 1.0, 0.0, 1.0, 1.0));
    assert_eq!(e.headline.market_stop, None);
    let pace = e.headline.pace_with_clamps;
    assert!((8.2e7..8.4e7).contains(&pace), "{pace}");
}

#[test]
fn the_ceilings_stop_is_judged_over_the_whole_window_and_only_where_it_falls_short() {
    // Pins when the Market line adds "the ceiling stops it short", at its edges.
    let market_line = |e: &Evaluation| skypie::report::format::limits(&e.headline)[0].line.clone();
    // Two flat years at a 26% ceiling give up to 52M: 51M is within reach, nothing is said
    // (the window's I0 = 2 years multiplies s·M·cap; added or divided, it would read short).
    let e = run(&fixed("51M", 730, 100e6, 0.0, 1.0, 0.25, 0.113, 0.26));
    assert_eq!(e.headline.market_stop, None);
    assert!(
        !market_line(&e).contains("stops it short"),
        "{}",
        market_line(&e)
    );
    // Today's share exactly at its 26% ceiling, short of 30M: it is the ceiling that stops it,
    // not a share "above its ceiling".
    let e = run(&fixed("30M", 365, 100e6, 0.0, 1.0, 0.26, 0.113, 0.26));
    assert_eq!(e.headline.market_stop, Some(MarketStop::CeilingShort(0.26)));
    assert_eq!(
        market_line(&e),
        "Market: plans 11.3 pts/yr, but the share's 26% ceiling stops it short at any pace"
    );
    // A target exactly what the ceiling gives (today already there): met, nothing is said.
    let e = run(&fixed("26M", 365, 100e6, 0.0, 1.0, 0.26, 0.113, 0.26));
    assert_eq!(e.headline.p_feasible, 1.0);
    assert_eq!(e.headline.market_stop, None);
    // An empty market is said as such, not as a ceiling stopping it.
    let e = run(&fixed("30M", 365, 100e6, 0.0, 0.0, 0.25, 0.113, 0.26));
    assert_eq!(e.headline.market_stop, None);
    assert_eq!(market_line(&e), "Market: empty, no share to gain");
}

/// `fixed(...)` with a `[capacity]` table: `reps` ramped reps at `quota` × `attainment`.
/// The lever of the input `key` in `e`'s detail.
fn lever_of<'a>(e: &'a Evaluation, key: &str) -> &'a Lever {
    let detail = e.detail.as_ref().expect("detail was asked for");
    (detail.levers.iter())
        .find(|l| l.input.key() == key)
        .expect("the lever is listed")
}

fn with_team(scenario: &str, team: &str) -> String {
    format!("{scenario}[capacity]\n{team}\n")
}

#[test]
fn the_team_limits_only_the_revenue_beyond_the_installed_base() {
    // 100M market, no growth, 4% share + 2 points a year, over a year: A_market = 100M·(0.04 +
    // 0.02/2) = 5M, of which today's 4% brings B = 4M with no new selling. Four reps at 500k ×
    // 40% add C = 0.8M: A = min(5M, 4M + 0.8M) = 4.8M, and the team binds. To book 4.9M the
    // team needs (4.9M − 4M) / (500k · 40%) = 4.5 ramped reps.
    let e = run(&with_team(
        &fixed("4.9M", 365, 100e6, 0.0, 1.0, 0.04, 0.02, 1.0),
        "reps = 4\nquota_per_rep = \"500k\"\nattainment = 0.4",
    ));
    let h = &e.headline;
    assert_close(h.achievable_revenue.p50, 4.8e6, "A = B + C");
    assert_eq!(h.binding.capacity, 1.0);
    assert_eq!(h.binding.market, 0.0);
    assert_eq!(h.p_feasible, 0.0);
    assert_close(h.required_reps.expect("a team"), 4.5, "required reps");
    assert_eq!(h.assumed_reps, Some(4));
    // The market side alone: (4.9M/100M − 0.04)/(1²/2) = 0.018, 1.8 points a year.
    assert_close(h.required_pace, 0.018, "required pace");
    assert_eq!(
        skypie::report::format::limits(h)[1].line,
        "Team: needs 4.5 ramped reps, has 4"
    );
    // The team's head count is grouped as every count is, and alike with the need beside it:
    // "has 12000" read apart from the other counts; "needs 11,025 ramped reps, has 9000" as if
    // 9000 were the smaller by more; beside a small need, four digits stay ungrouped.
    let team_line = |target: &str, size: f64, reps: u32, quota: &str| {
        let e = run(&with_team(
            &fixed(target, 365, size, 0.0, 1.0, 0.04, 0.02, 1.0),
            &format!("reps = {reps}\nquota_per_rep = \"{quota}\"\nattainment = 0.4"),
        ));
        skypie::report::format::limits(&e.headline)[1].line.clone()
    };
    assert_eq!(
        team_line("4.9M", 100e6, 12_000, "500k"),
        "Team: needs 4.5 ramped reps, has 12,000"
    );
    assert_eq!(
        team_line("8.41B", 100e9, 9_000, "1M"),
        "Team: needs 11,025 ramped reps, has 9,000"
    );
    assert_eq!(
        team_line("4.9M", 100e6, 1_500, "500k"),
        "Team: needs 4.5 ramped reps, has 1,500"
    );
}

#[test]
fn a_team_that_books_the_target_to_a_rounding_makes_it() {
    // Three reps at 2.9M × 70% over two years book 12.18M exactly, and 12,179,999.999999998 in
    // doubles: it read P(feasible) 0%, pie in the sky, "needs 3.01 ramped reps, has 3", a
    // realistic target of $12.17M and a reps lever of 4. A rounding short is made.
    let e = run(&with_team(
        &fixed("12.18M", 730, 1e9, 0.0, 1.0, 0.0, 0.5, 1.0),
        "reps = 3\nquota_per_rep = \"2.9M\"\nattainment = 0.7",
    ));
    let h = &e.headline;
    assert!(h.achievable_revenue.p50 < 12.18e6, "the rounding is there");
    assert_eq!(h.p_feasible, 1.0);
    assert_eq!(h.verdict, Verdict::Realistic);
    assert_eq!(
        skypie::report::format::limits(h)[1].line,
        "Team: needs 3 ramped reps, has 3"
    );
    let [target, realistic] =
        skypie::report::format::target_and_realistic(12.18e6, h.realistic_target, "USD");
    assert_eq!(
        (target.as_str(), realistic.as_str()),
        ("$12.18M", "$12.18M")
    );
}

#[test]
fn a_target_of_the_whole_market_to_a_rounding_is_not_beyond_it() {
    // All of 70% of 2.9M over two years is 4.06M, and 4,059,999.9999999995 in doubles: a
    // target of 4.06M read "needs 100.00000000000003%" of the market, impossible, P 0%.
    let e = run(&fixed("4.06M", 730, 2.9e6, 0.0, 0.7, 1.0, 0.0, 1.0));
    let h = &e.headline;
    assert!(h.market_in_window.p50 < 4.06e6, "the rounding is there");
    assert_eq!(h.p_feasible, 1.0);
    assert_eq!(h.verdict, Verdict::Realistic);
    assert_eq!(
        skypie::report::format::capture(h.required_capture.p50),
        "100%"
    );
}

#[test]
fn a_team_never_books_less_than_the_installed_base() {
    // No reps at all: the company still keeps what today's share brings in (10% of 100M·T).
    let e = run(&with_team(
        &fixed("1M", 182, 100e6, 0.0, 1.0, 0.1, 0.2, 1.0),
        "quota_per_rep = \"1M\"",
    ));
    let years = 182.0 / 365.0;
    assert_close(
        e.headline.achievable_revenue.p50,
        100e6 * 0.1 * years,
        "A = B",
    );
    assert_eq!(e.headline.p_feasible, 1.0);
    // Today's share covers the target: the team needs no ramped rep at all (signed: < 0).
    assert!(e.headline.required_reps.expect("a team") < 0.0);
}

#[test]
fn a_tie_between_the_market_and_the_team_counts_as_the_market() {
    // 8M market, 25% + 50 points a year over one year: A_market = 8M·(0.25 + 0.25) = 4M;
    // B = 2M and C = 4 reps · 1M · 50% = 2M, so B + C = A_market exactly (binary-exact values).
    let e = run(&with_team(
        &fixed("1M", 365, 8e6, 0.0, 1.0, 0.25, 0.5, 1.0),
        "reps = 4\nquota_per_rep = \"1M\"\nattainment = 0.5",
    ));
    assert_eq!(e.headline.achievable_revenue.p50, 4e6);
    assert_eq!(e.headline.binding.market, 1.0);
    assert_eq!(e.headline.binding.capacity, 0.0);
}

#[test]
fn a_small_team_caps_what_the_market_would_give() {
    // 182 days (T ≈ 0.5 years), 2 ramped reps + 2 new reps ramping over 73 days (0.2 years):
    // rep-years = 2·T + 2·(T − 0.1); C = 1M · 0.5 · rep-years ≈ 0.9M on top of the installed
    // base B = 100M · 10% · T ≈ 5M; the share grows 20 points a year, so A_market ≈ 7.5M.
    let toml = with_team(
        &fixed("6M", 182, 100e6, 0.0, 1.0, 0.1, 0.2, 1.0),
        "reps = 2\nnew_reps = 2\nramp_days = 73\nquota_per_rep = \"1M\"\nattainment = 0.5",
    );
    let e = run(&toml);
    let years = 182.0 / 365.0;
    let base = 100e6 * 0.1 * years;
    let capacity = 1e6 * 0.5 * (2.0 * years + 2.0 * (years - 0.1));
    assert_close(
        e.headline.achievable_revenue.p50,
        base + capacity,
        "A = B + C",
    );
    assert_eq!(e.headline.binding.capacity, 1.0);
    assert_eq!(e.headline.binding.market, 0.0);
    assert_eq!(e.headline.p_feasible, 0.0);
}

#[test]
fn a_horizon_inside_the_ramp_counts_ramping_reps_quadratically() {
    // 36 days (T ≈ 0.1 years) inside a 0.2-year ramp: ramped years = T²/(2·0.2).
    let toml = with_team(
        &fixed("1M", 36, 100e6, 0.0, 1.0, 0.1, 1.0, 1.0),
        "new_reps = 4\nramp_days = 73\nquota_per_rep = \"1M\"",
    );
    let e = run(&toml);
    let years = 36.0 / 365.0;
    let ramp = 73.0 / 365.0;
    assert_close(
        e.headline.achievable_revenue.p50,
        100e6 * 0.1 * years + 1e6 * 4.0 * years * years / (2.0 * ramp),
        "A = B + C",
    );
}

#[test]
fn when_both_limits_bind_each_lever_says_what_stops_it_and_the_pair_is_exact() {
    // As above but 6M: the market gives 5M and the team 4.8M, both short. More reps alone
    // cannot pass the market's 5M; more share gain alone cannot pass the team's 4.8M.
    // Together: (6M − 4M)/200k = 10 reps, and 100M·(0.04 + (0.02 + Δ)/2) = 6M ⇒ Δ = 0.02,
    // a pace of 4 points a year. The market multiplier needs max(6/5, (6 − 0.8)/4) = 1.3.
    let e = run(&with_team(
        &fixed("6M", 365, 100e6, 0.0, 1.0, 0.04, 0.02, 1.0),
        "reps = 4\nquota_per_rep = \"500k\"\nattainment = 0.4",
    ));
    let lever = |input: &str| lever_of(&e, input);
    let reps = lever("capacity.reps");
    assert_eq!(reps.value, None);
    let stop = reps.stopped_by.expect("reps say what stops them");
    assert_eq!(stop.limit, Limit::Market);
    assert_eq!(stop.binds, 1.0);
    let gain = lever("share.gain_per_year");
    assert_eq!(gain.value, None);
    let stop = gain.stopped_by.expect("share gain says what stops it");
    assert_eq!(stop.limit, Limit::Capacity);
    assert_eq!(stop.binds, 1.0);
    assert_close(
        lever("market.size").value.unwrap(),
        1.3,
        "market size lever",
    );
    let pair = (e.detail.as_ref())
        .and_then(|d| d.combined_lever)
        .expect("a pair reaches it");
    assert_eq!(pair.reps, 10);
    assert!(
        (pair.gain_per_year - 0.04).abs() < 1e-8,
        "pace {}",
        pair.gain_per_year
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
    // A 5M target takes exactly a year: 365 days, a year being 365 of them (a lever that
    // counted 365.25 read 366; 109.5 days above rounds up to 110 either way).
    let e = run(&fixed("5M", 73, 100e6, 0.0, 0.5, 0.1, 0.0, 1.0));
    let levers = &e.detail.expect("detail was asked for").levers;
    let horizon = levers.iter().find(|l| l.input.key() == "horizon_days");
    assert_eq!(horizon.and_then(|l| l.value), Some(365.0));
}

#[test]
fn a_sampled_share_gain_past_100_points_a_year_is_not_clamped() {
    // docs/MODEL.md §2: a gain is any number. From no share, γ a year reaches the whole
    // market after 1/γ years: over one year A = M·(1 − 1/(2γ)), 66.7M to 80M for γ from 1.5
    // to 2.5 (P50 75M), all above a 60M target. Clamped to 100 points a year, every sample
    // read 50M, P(feasible) 0, and a warning of samples clamped.
    let e = run(
        "schema = 1\nhorizon_days = 365\n[target]\nrevenue = \"60M\"\n\
                 [market]\nsize = \"100M\"\ngrowth = 0\nserviceable = 1\n\
                 [share]\ncurrent = 0\ngain_per_year = { dist = \"uniform\", min = 1.5, max = 2.5 }\n\
                 ceiling = 1\n[run]\nsamples = 1001\n",
    );
    let h = &e.headline;
    assert_eq!(h.p_feasible, 1.0);
    // The sampled median γ is near 2, so A's median near 75M, and every A within its bounds.
    let a = &h.achievable_revenue;
    assert!((74e6..76e6).contains(&a.p50), "{a:?}");
    assert!(a.p10 > 200e6 / 3.0 && a.p90 < 80e6, "{a:?}");
    assert!(
        h.warnings.iter().all(|w| !w.text.contains("clamped")),
        "{:?}",
        h.warnings
    );
}

#[test]
fn a_share_gain_stopped_by_the_team_says_the_team_binds_at_the_search_end() {
    // 4.9M: the market gives 4M at today's 4% (it binds today), the team caps at 4M + 0.8M:
    // no share gain reaches the target. What stops it is said at the largest gain searched,
    // where the team binds in every sample; at today's gain it binds in none.
    let e = run(&with_team(
        &fixed("4.9M", 365, 100e6, 0.0, 1.0, 0.04, 0.0, 1.0),
        "reps = 4\nquota_per_rep = \"500k\"\nattainment = 0.4",
    ));
    assert_eq!(e.headline.binding.capacity, 0.0);
    let gain = lever_of(&e, "share.gain_per_year");
    assert_eq!(gain.value, None);
    let stop = gain.stopped_by.expect("share gain says what stops it");
    assert_eq!(stop.limit, Limit::Capacity);
    assert_eq!(stop.binds, 1.0);
}

#[test]
fn a_market_size_the_team_keeps_out_of_reach_says_the_team_binds() {
    // No installed base (a share of 0% today): the team caps revenue at 4 × 500k × 40% = 800k
    // whatever the market's size, so no size reaches 1.5M, where the market alone would at
    // ×0.75 (100M · 4%/2 = 2M a year): the team is what stops it, binding in every sample.
    let e = run(&with_team(
        &fixed("1.5M", 365, 100e6, 0.0, 1.0, 0.0, 0.04, 1.0),
        "reps = 4\nquota_per_rep = \"500k\"\nattainment = 0.4",
    ));
    let size = lever_of(&e, "market.size");
    assert_eq!(size.value, None);
    let stop = size.stopped_by.expect("market size says what stops it");
    assert_eq!(stop.limit, Limit::Capacity);
    assert_eq!(stop.binds, 1.0);
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
fn the_time_path_gives_the_team_what_it_books_by_each_day() {
    // A market far larger than the team (2.5e8·t² against at most 1.4M), so the team binds
    // at every checkpoint: by day d, t = d/365 years, two ramped reps and one new one ramping
    // over 146 days (0.4 years) at 1M × 50% book 0.5M·(2t + ramped(t)), ramped(t) = t²/0.8
    // before 0.4 years and t − 0.2 after. The path gave the team its whole year's capacity at
    // every day, a mutant nothing caught.
    let e = run(&with_team(
        &fixed("1M", 365, 1e9, 0.0, 1.0, 0.0, 0.5, 1.0),
        "reps = 2\nnew_reps = 1\nramp_days = 146\nquota_per_rep = \"1M\"\nattainment = 0.5",
    ));
    let path = e.detail.expect("detail was asked for").time_path;
    assert_eq!(path.len(), 53);
    for point in &path {
        let t = f64::from(point.day) / 365.0;
        let ramped = if t <= 0.4 { t * t / 0.8 } else { t - 0.2 };
        let team = 0.5e6 * (2.0 * t + ramped);
        assert!(team < 2.5e8 * t * t, "day {}: the team binds", point.day);
        for (got, what) in [(point.p10, "P10"), (point.p50, "P50"), (point.p90, "P90")] {
            assert_close(got, team, &format!("{what} by day {}", point.day));
        }
    }
}

#[test]
fn a_share_held_above_its_ceiling_that_covers_the_target_needs_no_pace() {
    // Today's 50% above a 30% ceiling, losing 5 points a year: the share is held where it is,
    // not cut to the ceiling, and books 10M·(0.5 − 0.05/2) = 4.75M. 4.5M needs a pace of
    // −10 points a year (10M·(0.5 + g/2) = 4.5M), which the plan beats: covered by today's
    // share. With the ceiling taken as the share's cap it read "out of reach: share held
    // above its ceiling".
    let e = run(&fixed("4.5M", 365, 10e6, 0.0, 1.0, 0.5, -0.05, 0.3));
    let h = &e.headline;
    assert_close(h.achievable_revenue.p50, 4.75e6, "A");
    assert_eq!(h.p_feasible, 1.0);
    assert_close(h.pace_with_clamps, -0.1, "the pace with the clamps");
    assert_eq!(h.market_stop, None);
    assert_eq!(
        skypie::report::format::limits(h)[0].line,
        "Market: already covered by today's share"
    );
}

#[test]
fn a_market_halving_every_year_for_ten_years_books_its_closed_form() {
    // k = ln(1 − 50%) = −ln 2 over T = 10 years, kT ≈ −6.9, far from the series the kernel
    // takes near kT = 0: W = M·(1 − 2⁻¹⁰)/ln 2, and a constant 20% books a fifth of it. The
    // series taken for every negative kT read 33.3M for 28.8M, a mutant nothing caught.
    let e = run(&fixed("28M", 3650, 100e6, -0.5, 1.0, 0.2, 0.0, 1.0));
    let window = 100e6 * (1.0 - 2f64.powi(-10)) / std::f64::consts::LN_2;
    let h = &e.headline;
    assert_close(h.market_in_window.p50, window, "W");
    assert_close(h.achievable_revenue.p50, 0.2 * window, "A");
    assert_eq!(h.p_feasible, 1.0);
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
        e.headline.warnings.iter().any(|w| w.about.is_none()
            && w.text
                .contains("the market window is empty in 101 of 101 samples")),
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
fn every_figures_mean_counts_every_chunk() {
    // Fixed inputs over several chunks of samples (8,192 each, the last one short): each
    // figure's mean is its one value. A chunk's capture left out of the sum read as a mean
    // capture short of every sample's, which only a snapshot caught.
    let text =
        fixed("2M", 73, 100e6, 0.0, 0.5, 0.1, 0.0, 1.0).replace("samples = 101", "samples = 30000");
    let e = run(&text);
    let h = &e.headline;
    assert_close(h.market_in_window.mean, 10e6, "mean W");
    assert_close(h.achievable_revenue.mean, 1e6, "mean A");
    assert_close(h.achievable_capture.mean, 0.1, "mean A/W");
    assert_close(h.required_capture.mean, 0.2, "mean R/W");
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
            .any(|w| w.is_about(Field::MarketSize) && w.text.contains("clamped")),
        "{:?}",
        e.headline.warnings
    );
}

#[test]
fn an_input_clamped_in_many_samples_is_warned_of_once() {
    // A normal from -10M to 90M: 9.4% of its samples are below 0. The scenario says so (as
    // `check` does); the run's count of the same samples said it a second time.
    let text = "schema = 1\nhorizon_days = 90\n[target]\nrevenue = \"1M\"\n\
                [market]\nsize = \"-10M to 90M\"\n[share]\ncurrent = 0.05\n[run]\n\
                samples = 10000\n";
    let e = run(text);
    let about_size: Vec<&str> = e
        .headline
        .warnings
        .iter()
        .filter(|w| w.is_about(Field::MarketSize))
        .map(|w| w.text.as_str())
        .collect();
    assert_eq!(
        about_size,
        [
            "market.size: about 9.4% of its samples fall outside what it takes (a number ≥ 0), and \
          are clamped to ≥ 0"
        ]
    );
}

#[test]
fn every_lever_lands_on_its_passing_side() {
    // A bisection that returned its failing end would be off by a day, a rep or a hair of
    // share gain: applying each lever must make the plan realistic, a step less must not.
    let plan = fixed("1.5M", 73, 100e6, 0.0, 0.5, 0.1, 0.0, 1.0);
    let team = with_team(
        &fixed("4.9M", 365, 100e6, 0.0, 1.0, 0.04, 0.02, 1.0),
        "reps = 4\nquota_per_rep = \"500k\"\nattainment = 0.4",
    );
    let lever = |toml: &str, input: &str| {
        run(toml)
            .detail
            .expect("detail was asked for")
            .levers
            .iter()
            .find(|l| l.input.key() == input)
            .and_then(|l| l.value)
            .expect("the lever is in reach")
    };
    let p_with = |toml: &str, key: &str, value: f64| {
        let mut s = Scenario::parse(toml, "lever.toml").expect("parses");
        s.apply_override(&format!("{key}={value:e}"))
            .expect("a valid value");
        evaluate(&s, false).headline.p_feasible
    };
    let days = lever(&plan, "horizon_days");
    assert_eq!(p_with(&plan, "horizon_days", days), 1.0);
    assert_eq!(p_with(&plan, "horizon_days", days - 1.0), 0.0);
    let gain = lever(&plan, "share.gain_per_year");
    assert_eq!(p_with(&plan, "share.gain_per_year", gain), 1.0);
    assert_eq!(p_with(&plan, "share.gain_per_year", gain - 2e-6), 0.0);
    let size = lever(&plan, "market.size") * 100e6;
    assert_eq!(p_with(&plan, "market.size", size), 1.0);
    assert_eq!(p_with(&plan, "market.size", size * (1.0 - 1e-9)), 0.0);
    let reps = lever(&team, "capacity.reps");
    assert_eq!(reps, 5.0);
    assert_eq!(p_with(&team, "capacity.reps", reps), 1.0);
    assert_eq!(p_with(&team, "capacity.reps", reps - 1.0), 0.0);
}

#[test]
fn a_market_of_nothing_stays_nothing_however_fast_it_grows() {
    let text = fixed("1M", 3650, 0.0, 0.0, 1.0, 0.1, 0.0, 1.0);
    let e = run(&text.replace("growth = 0\n", "growth = 1e300\n"));
    assert_eq!(e.headline.p_feasible, 0.0);
    assert_eq!(e.headline.achievable_revenue.p50, 0.0);
    assert_eq!(e.headline.verdict, Verdict::Impossible);
}

#[test]
fn a_huge_target_keeps_a_finite_time_path() {
    let e = run(&fixed("1e308", 3650, 100e6, 0.0, 1.0, 0.1, 0.0, 1.0));
    let path = e.detail.expect("detail was asked for").time_path;
    assert!(path.iter().all(|p| p.required.is_finite()), "{path:?}");
    assert_eq!(path.last().map(|p| p.required), Some(1e308));
}

#[test]
fn a_team_that_books_nothing_needs_infinite_reps_unless_the_base_covers_the_target() {
    // Attainment 0: a rep books nothing. Over a year today's 10% of 100M brings in 10M exactly.
    let required_reps = |target: &str| {
        run(&with_team(
            &fixed(target, 365, 100e6, 0.0, 1.0, 0.1, 0.0, 1.0),
            "reps = 1\nquota_per_rep = \"1M\"\nattainment = 0",
        ))
        .headline
        .required_reps
        .expect("a team")
    };
    assert_eq!(required_reps("12M"), f64::INFINITY);
    assert_eq!(required_reps("10M"), 0.0, "the base alone just covers it");
    assert_eq!(required_reps("8M"), 0.0, "the base alone covers it");
}

#[test]
fn an_empty_market_needs_an_infinite_pace_however_fast_it_grows() {
    // No share of nothing reaches the target. This growth overflows I0 to ∞ over ten years,
    // and R/(s·M) − c0·I0 would be ∞ − ∞ = NaN if the pace were worked out at all.
    let text = fixed("1M", 3650, 0.0, 0.0, 1.0, 0.1, 0.0, 1.0);
    let e = run(&text.replace("growth = 0\n", "growth = 1e300\n"));
    assert_eq!(e.headline.required_pace, f64::INFINITY);
}

#[test]
fn a_market_too_small_to_divide_the_target_by_has_no_pace_however_fast_it_grows() {
    // R/(s·M) = 1M/1e-305 overflows, and growth of 1e306 a year overflows I1: the limit
    // −c0/(T − 1/k) holds only for a finite R/(s·M), so the pace is undefined, and said so.
    let text = fixed("1M", 365, 1e-305, 0.0, 1.0, 0.05, 0.0, 1.0);
    let h = run(&text.replace("growth = 0\n", "growth = 1e306\n")).headline;
    assert!(!h.required_pace.is_finite(), "{}", h.required_pace);
    assert!(
        h.warnings
            .iter()
            .any(|w| w.about.is_none() && w.text.starts_with("required_pace is undefined")),
        "{:?}",
        h.warnings
    );
}

#[test]
fn a_market_that_would_have_to_be_over_a_hundred_times_larger_is_out_of_reach() {
    // A = 5M·T = 1M over 73 days: a 150M target needs the market ×150, past the lever's ×100.
    let e = run(&fixed("150M", 73, 100e6, 0.0, 0.5, 0.1, 0.0, 1.0));
    let levers = &e.detail.expect("detail was asked for").levers;
    let size = levers
        .iter()
        .find(|l| l.input.key() == "market.size")
        .expect("the lever is listed");
    assert_eq!(size.value, None);
}

#[test]
fn a_window_past_the_largest_float_needs_no_capture() {
    // 1e300 growing 1000% a year for ten years: W = 1e300·(11¹⁰ − 1)/ln 11 ≈ 1.1e310 overflows
    // to ∞, and a finite target out of an infinite window is R/∞ = 0, not the 1 kept for an
    // infinite revenue out of an infinite window.
    let e = run(&fixed("1M", 3650, 1e300, 10.0, 1.0, 0.1, 0.0, 1.0));
    assert_eq!(e.headline.market_in_window.p50, f64::INFINITY);
    assert_eq!(e.headline.required_capture.p50, 0.0);
    assert_eq!(e.headline.verdict, Verdict::Realistic);
}

#[test]
fn the_overflow_warning_says_how_many_samples_overflow_by_the_figures_that_do() {
    let overflows = |e: &Evaluation, name: &str| -> Vec<String> {
        let start = format!("{name} overflows to ∞");
        e.headline
            .warnings
            .iter()
            .filter(|w| w.text.starts_with(&start))
            .map(|w| w.text.clone())
            .collect()
    };
    // Every input fixed, every sample past the largest float: it said "in some samples".
    let all = run(&fixed("1M", 3650, 1e300, 10.0, 1.0, 0.1, 0.0, 1.0));
    assert_eq!(
        overflows(&all, "market_in_window"),
        [
            "market_in_window overflows to ∞ in most samples (inputs near the limits of floating \
          point): ∞ (inf in CSV, null in JSON) for its P10, P50, P90 and mean"
        ]
    );
    // A size from 1e297 to 4e298, uniform: the window (1.1e10 times the size) passes the
    // largest float, about 1.8e308, above a size of about 1.6e298: in about 60% of the samples.
    let some = run(&fixed("1M", 3650, 1e300, 10.0, 1.0, 0.1, 0.0, 1.0)
        .replace(
            "size = 1e300\n",
            "size = { dist = \"uniform\", min = 1e297, max = 4e298 }\n",
        )
        .replace("samples = 101", "samples = 2000"));
    assert!(some.headline.market_in_window.p10.is_finite());
    assert_eq!(
        overflows(&some, "market_in_window"),
        [
            "market_in_window overflows to ∞ in many samples (inputs near the limits of floating \
          point): ∞ (inf in CSV, null in JSON) for its P50, P90 and mean"
        ]
    );
    // None: nothing said.
    let none = run(&fixed("1M", 365, 100e6, 0.1, 1.0, 0.1, 0.0, 1.0));
    assert!(overflows(&none, "market_in_window").is_empty());
}

#[test]
fn what_is_earned_of_a_window_past_the_largest_float_is_the_share_it_holds() {
    // W and A both overflow to ∞ (they read an achievable capture of 1, above the ceiling).
    // A market of 1e300 growing 1000% a year: s·M cancels, and A/W is the share's average over
    // the window weighted by the market's revenue, c0 + γ·I1/I0, computed as for any market.
    let (k, years) = (11f64.ln(), 10.0);
    let i0 = (11f64.powi(10) - 1.0) / k;
    let i1 = (11f64.powi(10) * (k * years - 1.0) + 1.0) / (k * k);
    let size_overflows = run(&fixed("1M", 3650, 1e300, 10.0, 1.0, 0.05, 0.01, 0.5));
    let h = &size_overflows.headline;
    assert_eq!(h.achievable_revenue.p50, f64::INFINITY);
    assert_close(h.achievable_capture.p50, 0.05 + 0.01 * i1 / i0, "A/W");
    assert!(h.achievable_capture.p50 < 0.05 + 0.01 * years);
    // Growth of 1e300 a year overflows I0 itself: the average tends to the share at the
    // window's end, here the ceiling a rising share reaches, or a flat share.
    let growing = |gain| {
        run(&fixed("1M", 3650, 100e6, 0.0, 1.0, 0.05, gain, 0.2)
            .replace("growth = 0\n", "growth = 1e300\n"))
    };
    let rising = growing(0.1);
    assert_eq!(rising.headline.achievable_revenue.p50, f64::INFINITY);
    assert_close(
        rising.headline.achievable_capture.p50,
        0.2,
        "at the ceiling",
    );
    let flat = growing(0.0);
    assert_close(flat.headline.achievable_capture.p50, 0.05, "flat");
    // The pace today's share leaves over: −c0/(T − 1/k), not the NaN of ∞/∞, which read as
    // "the median serviceable market is 0".
    let k = 1e300f64.ln();
    assert_close(
        flat.headline.required_pace,
        -0.05 / (years - 1.0 / k),
        "pace",
    );
    assert!(
        flat.headline
            .warnings
            .iter()
            .all(|w| !w.text.contains("is 0"))
    );
}

#[test]
fn a_share_of_a_window_past_the_largest_float_is_no_nan() {
    // 0·∞ and ∞ − ∞ made these NaN, never feasible: a share that starts at 0 and rises earns
    // ∞, one that never rises earns nothing, and one that reaches its ceiling earns ∞.
    let growing = |current, gain, ceiling| {
        let text = fixed("1M", 3650, 100e6, 0.0, 1.0, current, gain, ceiling);
        run(&text.replace("growth = 0\n", "growth = 1e300\n"))
    };
    let from_nothing = growing(0.0, 0.1, 1.0);
    assert_eq!(from_nothing.headline.p_feasible, 1.0);
    assert_eq!(from_nothing.headline.achievable_revenue.p50, f64::INFINITY);
    let never = growing(0.0, 0.0, 1.0);
    assert_eq!(never.headline.p_feasible, 0.0);
    assert_eq!(never.headline.achievable_revenue.p50, 0.0);
    assert_eq!(never.headline.achievable_capture.p50, 0.0);
    let to_the_ceiling = growing(0.05, 0.1, 0.2);
    assert_eq!(to_the_ceiling.headline.p_feasible, 1.0);
    // A share that falls to 0 half a year in earns only before: finite, 0 of the window.
    let falling = growing(0.05, -0.1, 1.0);
    assert!(falling.headline.achievable_revenue.p50.is_finite());
    assert_eq!(falling.headline.achievable_capture.p50, 0.0);
}

#[test]
fn a_share_that_falls_to_nothing_in_a_window_past_the_largest_float_earns_what_it_did_before() {
    // Growth of 1e300 a year overflows I0 over ten years, but a share falling from 5% by 10
    // points a year is gone at τ = half a year, while e^{kτ} is about 1e150: of a 100M market
    // it earns 100M·∫₀^τ (c0 + γt)e^{kt} dt = 100M·(−γ)·(e^{kτ} − 1 − kτ)/k², as c0 = −γτ.
    let growing = |current, gain| {
        let text = fixed("1M", 3650, 100e6, 0.0, 1.0, current, gain, 1.0);
        run(&text.replace("growth = 0\n", "growth = 1e300\n")).headline
    };
    let (k, tau) = (1e300f64.ln_1p(), 0.5);
    let earned = 100e6 * 0.1 * ((k * tau).exp() - 1.0 - k * tau) / (k * k);
    let falling = growing(0.05, -0.1);
    assert_close(falling.achievable_revenue.p50, earned, "earned before τ");
    assert_eq!(falling.p_feasible, 1.0);
    // Gone only five years in, it earned past the largest double before: ∞, and feasible.
    let later = growing(0.5, -0.1);
    assert_eq!(later.achievable_revenue.p50, f64::INFINITY);
    assert_eq!(later.p_feasible, 1.0);
}

#[test]
fn a_team_bounds_what_is_earned_of_a_window_past_the_largest_float() {
    // W = ∞ and B = ∞ (c0 > 0), so A = ∞; but the team adds only C, so A/W is at most
    // c0 + C/W = c0, not the share's average (14.6% here, see above).
    let team = "reps = 2\nquota_per_rep = \"1M\"\nattainment = 1";
    let plan = fixed("1M", 3650, 1e300, 10.0, 1.0, 0.05, 0.01, 0.5);
    let bounded = run(&with_team(&plan, team));
    assert_eq!(bounded.headline.p_feasible, 1.0);
    assert_close(bounded.headline.achievable_capture.p50, 0.05, "c0 + C/W");
    // With no share today there is no installed base, however large the window (not 0·∞):
    // the team's 2 reps at 1M a year for ten years are all, 20M, short of 30M and past 10M.
    let from_nothing = |target| {
        let plan = fixed(target, 3650, 1e300, 10.0, 1.0, 0.0, 0.01, 0.5);
        run(&with_team(&plan, team)).headline
    };
    let short = from_nothing("30M");
    assert_eq!(short.p_feasible, 0.0);
    assert_close(short.achievable_revenue.p50, 20e6, "C");
    assert_eq!(short.achievable_capture.p50, 0.0);
    assert_eq!(from_nothing("10M").p_feasible, 1.0);
}

#[test]
fn a_finite_revenue_of_a_window_past_the_largest_float_is_the_share_it_holds() {
    // 1e308 for ten years: W = 1e309 overflows to ∞, while today's 2% of it, 2e307, does not
    // (c0 multiplies first). A/W read 0, a confident figure where the window only overflowed:
    // it is c0 + C/W = c0, as where A overflows too.
    let team = "reps = 2\nquota_per_rep = \"1M\"\nattainment = 1";
    let plan = fixed("1M", 3650, 1e308, 0.0, 1.0, 0.02, 0.01, 0.5);
    let h = run(&with_team(&plan, team)).headline;
    assert_eq!(h.market_in_window.p50, f64::INFINITY);
    assert!(h.achievable_revenue.p50.is_finite(), "{h:?}");
    assert_close(h.achievable_capture.p50, 0.02, "c0");
    // Without a team, the share's average over the window: c0 + γ·T/2 with no growth.
    let h = run(&plan).headline;
    assert!(h.achievable_revenue.p50.is_finite(), "{h:?}");
    assert_close(
        h.achievable_capture.p50,
        0.02 + 0.01 * 10.0 / 2.0,
        "c0 + γT/2",
    );
}

#[test]
fn a_window_whose_second_integral_alone_overflows_keeps_its_finite_figures() {
    // Growth of 1e306 over a year: kT ≈ 704.6, past where the closed form of I1 overflows
    // (≈ 703.2) and short of I0 (≈ 709.8). c0·I0 + γ·I1 read −∞ for a falling share (never
    // feasible); then everything there read ∞, and a flat share came out team-bound. It is
    // I0·(c0 + γ(T − 1/k)) + γT/k: finite, as the window is.
    let k = 1e306f64.ln();
    let plan = |gain: f64| {
        fixed("1M", 365, 1.0, 0.0, 1.0, 0.05, gain, 1.0).replace("growth = 0\n", "growth = 1e306\n")
    };
    let falling = run(&plan(-0.01)).headline;
    assert_eq!(falling.p_feasible, 1.0);
    assert!(falling.market_in_window.p50.is_finite());
    assert!(falling.achievable_revenue.p50.is_finite());
    assert_close(
        falling.achievable_capture.p50,
        0.05 - 0.01 * (1.0 - 1.0 / k),
        "A/W",
    );
    assert_close(falling.required_pace, -0.05 / (1.0 - 1.0 / k), "pace");
    // A flat share earns c0·W, which its installed base is: the market binds, not the team.
    let team = "reps = 1\nquota_per_rep = \"1M\"\nattainment = 1";
    let flat = run(&with_team(&plan(0.0), team)).headline;
    assert_close(
        flat.achievable_revenue.p50,
        0.05 * flat.market_in_window.p50,
        "c0·W",
    );
    assert_eq!(flat.binding.market, 1.0);
}
