//! The feasibility frontier: the same target over other horizons, on the same samples. Its rows
//! never fall as the horizon grows, its row at the scenario's own horizon is the headline, and
//! an all-fixed scenario gives the closed forms.

use skypie::model::frontier::FrontierPoint;
use skypie::{Scenario, evaluate};

mod common;
use common::example;

const EXAMPLES: [&str; 6] = [
    "scenarios/01-series-b-first-90-days.toml",
    "scenarios/02-capacity-bound-team.toml",
    "scenarios/03-mature-vendor-run-rate.toml",
    "scenarios/04-multi-year-plan.toml",
    "scenarios/05-every-distribution.toml",
    "scenarios/06-doubling-with-both-limits.toml",
];

fn frontier_of(scenario: &Scenario) -> Vec<FrontierPoint> {
    evaluate(scenario, true).detail.expect("detail").frontier
}

#[test]
fn a_longer_horizon_never_lowers_p_feasible_or_the_realistic_target() {
    for path in EXAMPLES {
        let rows = frontier_of(&example(path, 20_000));
        for pair in rows.windows(2) {
            let (short, long) = (&pair[0], &pair[1]);
            assert!(short.days < long.days, "{path}: sorted, each horizon once");
            assert!(
                short.p_feasible <= long.p_feasible,
                "{path}: {short:?} {long:?}"
            );
            assert!(
                short.realistic_target <= long.realistic_target,
                "{path}: {short:?} {long:?}"
            );
            assert!(
                short.required_capture_p50 >= long.required_capture_p50,
                "{path}: a longer window holds more revenue: {short:?} {long:?}"
            );
        }
    }
}

#[test]
fn the_row_at_the_scenarios_own_horizon_is_the_headline() {
    for path in EXAMPLES {
        let scenario = example(path, 20_000);
        let evaluation = evaluate(&scenario, true);
        let h = &evaluation.headline;
        let frontier = &evaluation.detail.as_ref().expect("detail").frontier;
        let own: Vec<&FrontierPoint> = frontier
            .iter()
            .filter(|f| f.days == scenario.horizon_days)
            .collect();
        assert_eq!(own.len(), 1, "{path}: the own horizon is one row");
        assert_eq!(own[0].p_feasible, h.p_feasible, "{path}");
        assert_eq!(own[0].realistic_target, h.realistic_target, "{path}");
        assert_eq!(
            own[0].required_capture_p50, h.required_capture.p50,
            "{path}"
        );
        // At the realistic target the samples that make it exactly count as making it, as
        // in the headline: a frontier that counted only those above it read 79.999%.
        let mut at_realistic = scenario.clone();
        at_realistic.target_revenue = h.realistic_target;
        let evaluation = evaluate(&at_realistic, true);
        let h = &evaluation.headline;
        let frontier = &evaluation.detail.as_ref().expect("detail").frontier;
        let own = frontier
            .iter()
            .find(|f| f.days == scenario.horizon_days)
            .expect("the own row");
        assert_eq!(own.p_feasible, h.p_feasible, "{path}");
        assert!(own.p_feasible >= scenario.confidence, "{path}");
    }
}

#[test]
fn the_own_horizons_row_counts_a_target_made_to_a_rounding_as_made() {
    // 30% of a flat 100M market for three years books 90M, a rounding short in doubles: the
    // headline reads 100% (a rounding short is made), and so must the frontier's own row,
    // which read 0% when it compared with the target itself.
    let text = "schema = 1\nhorizon_days = 1095\n[target]\nrevenue = \"90M\"\n\
                [market]\nsize = \"100M\"\n[share]\ncurrent = \"30%\"\n[run]\nsamples = 1000\n";
    let scenario = Scenario::parse(text, "fixed.toml").expect("the test scenario parses");
    let evaluation = evaluate(&scenario, true);
    let h = &evaluation.headline;
    assert!(h.achievable_revenue.p50 != 90e6, "the rounding is there");
    assert_eq!(h.p_feasible, 1.0);
    let frontier = &evaluation.detail.as_ref().expect("detail").frontier;
    let own = frontier
        .iter()
        .find(|f| f.days == 1095)
        .expect("the own row");
    assert_eq!(own.p_feasible, 1.0);
}

#[test]
fn every_horizon_is_a_standard_one_or_the_scenarios_own() {
    let mut scenario = example(EXAMPLES[0], 2_000);
    scenario.horizon_days = 3650;
    let days: Vec<u32> = frontier_of(&scenario).iter().map(|f| f.days).collect();
    assert_eq!(days, [30, 60, 90, 180, 365, 730, 3650]);
    scenario.horizon_days = 45;
    let days: Vec<u32> = frontier_of(&scenario).iter().map(|f| f.days).collect();
    assert_eq!(days, [30, 45, 60, 90, 180, 365, 730]);
}

#[test]
fn an_all_fixed_scenario_gives_the_closed_forms_at_every_horizon() {
    // No growth, s·M = 50M, a flat 10% share: W(d) = 50M·d/365 and A(d) = W(d)/10, so a 2M
    // target needs 2M/W(d) of the window and is feasible from d = 146 days on.
    let scenario = Scenario::parse(
        "schema = 1\nhorizon_days = 73\n[target]\nrevenue = \"2M\"\n\
         [market]\nsize = \"100M\"\nserviceable = 0.5\n[share]\ncurrent = 0.1\n\
         [run]\nsamples = 101\n",
        "fixed.toml",
    )
    .expect("the test scenario parses");
    let rows = frontier_of(&scenario);
    assert_eq!(rows.len(), 7);
    for row in rows {
        let window = 50e6 * f64::from(row.days) / 365.0;
        let close = |got: f64, want: f64| (got - want).abs() <= 1e-9 * want;
        assert!(close(row.realistic_target, window / 10.0), "{row:?}");
        assert!(close(row.required_capture_p50, 2e6 / window), "{row:?}");
        let feasible = row.days >= 146;
        assert_eq!(row.p_feasible, if feasible { 1.0 } else { 0.0 }, "{row:?}");
    }
}
