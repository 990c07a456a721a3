//! Invariants of the model that hold for any scenario, checked on random ones. Each compares
//! two runs on the same seed, so the same samples (common random numbers): the properties
//! then hold sample by sample, not just on average.

use proptest::prelude::*;
use skypie::distribution::Dist;
use skypie::model::verdict::Verdict;
use skypie::{Field, Scenario, evaluate};

/// A random but sensible scenario: every distribution kind appears somewhere.
fn scenario() -> impl Strategy<Value = Scenario> {
    (
        (1e5f64..5e6, 7u32..1500, 0u64..1000),
        (1e6f64..1e8, 1.1f64..3.0),
        (-0.3f64..0.3, 0.01f64..0.3),
        (0.0f64..0.2, 0.001f64..0.1),
        (-0.2f64..0.3, 0.01f64..0.2),
        (
            0.05f64..1.0,
            proptest::option::of((0u32..20, 0u32..10, 0u32..400)),
        ),
    )
        .prop_map(
            |(
                (target, days, seed),
                (size, spread),
                (growth, growth_sd),
                (current, current_width),
                (gain, gain_sd),
                (ceiling, team),
            )| {
                let capacity = team.map_or(String::new(), |(reps, new_reps, ramp)| {
                    format!(
                        "[capacity]\nreps = {reps}\nnew_reps = {new_reps}\nramp_days = {ramp}\n\
                         quota_per_rep = \"500k to 1.5M\"\n\
                         attainment = {{ dist = \"beta\", alpha = 8, beta = 3 }}\n"
                    )
                });
                let text = format!(
                    "schema = 1\nhorizon_days = {days}\n[target]\nrevenue = {target}\n\
                     [market]\nsize = \"{size} to {}\"\n\
                     growth = {{ dist = \"normal\", mean = {growth}, sd = {growth_sd} }}\n\
                     serviceable = {{ dist = \"triangular\", min = 0.3, mode = 0.6, max = 0.9 }}\n\
                     [share]\ncurrent = {{ dist = \"uniform\", min = {current}, max = {} }}\n\
                     gain_per_year = {{ dist = \"normal\", mean = {gain}, sd = {gain_sd} }}\n\
                     ceiling = {ceiling}\n{capacity}[run]\nsamples = 3000\nseed = {seed}\n",
                    size * spread,
                    current + current_width,
                );
                Scenario::parse(&text, "property.toml").expect("generated scenarios are valid")
            },
        )
}

fn p_feasible(scenario: &Scenario) -> f64 {
    evaluate(scenario, false).headline.p_feasible
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn raising_the_target_never_raises_p_feasible(s in scenario(), factor in 1.0f64..3.0) {
        let mut higher = s.clone();
        higher.target_revenue *= factor;
        prop_assert!(p_feasible(&higher) <= p_feasible(&s));
    }

    #[test]
    fn a_longer_horizon_never_lowers_p_feasible(s in scenario(), extra in 1u32..400) {
        let mut longer = s.clone();
        longer.horizon_days = (s.horizon_days + extra).min(3650);
        prop_assert!(p_feasible(&longer) >= p_feasible(&s));
    }

    #[test]
    fn a_higher_ceiling_never_lowers_p_feasible(s in scenario(), raise in 0.0f64..0.5) {
        let ceiling = s.dist(Field::ShareCeiling).fixed_value().unwrap_or(1.0);
        let mut higher = s.clone();
        higher.inputs[Field::ShareCeiling] = Dist::fixed((ceiling + raise).min(1.0)).unwrap();
        prop_assert!(p_feasible(&higher) >= p_feasible(&s));
    }

    #[test]
    fn the_realistic_target_is_realistic_on_the_same_samples(s in scenario()) {
        let realistic_target = evaluate(&s, false).headline.realistic_target;
        prop_assume!(realistic_target > 0.0);
        let mut rerun = s.clone();
        rerun.target_revenue = realistic_target;
        let h = evaluate(&rerun, false).headline;
        prop_assert!(h.p_feasible >= s.confidence, "{} < {}", h.p_feasible, s.confidence);
        prop_assert!(matches!(h.verdict, Verdict::Realistic | Verdict::Impossible));
    }

    #[test]
    fn summaries_are_ordered_and_in_range(s in scenario()) {
        let h = evaluate(&s, false).headline;
        for summary in [h.market_in_window, h.required_capture, h.achievable_revenue, h.achievable_capture] {
            prop_assert!(summary.p10 <= summary.p50 && summary.p50 <= summary.p90);
        }
        prop_assert!((0.0..=1.0).contains(&h.p_feasible));
        prop_assert!(h.achievable_capture.p90 <= 1.0 + 1e-12, "A never exceeds W");
    }

    #[test]
    fn cumulative_revenue_never_falls_along_the_time_path(s in scenario()) {
        let path = evaluate(&s, true).detail.expect("detail was asked for").time_path;
        for pair in path.windows(2) {
            prop_assert!(pair[0].p50 <= pair[1].p50 && pair[0].p10 <= pair[1].p10);
            prop_assert!(pair[0].required < pair[1].required);
        }
    }
}
