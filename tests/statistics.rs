//! The Monte Carlo estimates behave like estimates: a seeded run agrees with a much larger run
//! within its standard error, and the same seed gives the same numbers whatever the threads.

use skypie::{Scenario, evaluate};

const TEAM: &str = include_str!("../scenarios/02-capacity-bound-team.toml");

fn team(samples: u64, seed: u64) -> Scenario {
    let mut scenario = Scenario::parse(TEAM, "team.toml").expect("the worked example parses");
    scenario.samples = samples;
    scenario.seed = seed;
    scenario
}

#[test]
fn a_seeded_run_agrees_with_a_twenty_times_larger_run() {
    let small = evaluate(&team(100_000, 7), false).headline;
    let large = evaluate(&team(2_000_000, 1_234), false).headline;
    let combined_se = small.p_feasible_se.hypot(large.p_feasible_se);
    let gap = (small.p_feasible - large.p_feasible).abs();
    assert!(
        (0.05..0.95).contains(&large.p_feasible),
        "the example should be uncertain"
    );
    assert!(
        gap <= 4.0 * combined_se,
        "P(feasible) {} vs {}: gap {gap} > 4 × {combined_se}",
        small.p_feasible,
        large.p_feasible
    );
    // The median required capture of 100k samples is within a fraction of a percent of the
    // truth: its relative standard error here is about 0.2%.
    let relative = small.required_capture.p50 / large.required_capture.p50 - 1.0;
    assert!(
        relative.abs() < 0.01,
        "required capture P50 off by {relative}"
    );
}

#[test]
fn the_standard_error_shrinks_with_the_square_root_of_the_samples() {
    let small = evaluate(&team(10_000, 3), false).headline;
    let large = evaluate(&team(1_000_000, 3), false).headline;
    let ratio = small.p_feasible_se / large.p_feasible_se;
    assert!(
        (8.0..12.5).contains(&ratio),
        "se ratio {ratio}, expected about 10"
    );
}

#[test]
fn thread_count_does_not_change_a_single_bit() {
    let run = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool")
            .install(|| evaluate(&team(50_000, 11), true))
    };
    assert_eq!(run(1), run(2));
    assert_eq!(run(1), run(3));
}

#[test]
fn a_different_seed_gives_different_samples() {
    let a = evaluate(&team(20_000, 1), false).headline;
    let b = evaluate(&team(20_000, 2), false).headline;
    assert_ne!(a.achievable_revenue, b.achievable_revenue);
}
