//! The time path (docs/MODEL.md §7): cumulative required vs achievable revenue at weekly
//! checkpoints, P10/P50/P90 over the samples.

use serde::Serialize;

use super::draws::Draws;
use super::plan::{DAYS_PER_YEAR, Plan};
use super::stats::{SUMMARY_PS, quantiles};
use super::sweep::map_outcomes;
use crate::scenario::Scenario;

/// Cumulative revenue by one checkpoint.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TimePoint {
    /// Days since the start.
    pub day: u32,
    /// R·day/H: where a straight-line plan would be.
    pub required: f64,
    /// Achievable revenue by this day: min(A_market, B + C) up to it, across the samples.
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

/// At most this many checkpoints; a longer horizon spaces them wider.
const MAX_POINTS: u32 = 105;

/// The checkpoint days for a horizon: every 7 days and the last day, or every ⌈H/104⌉ days
/// when weekly would give more than 105 points.
pub fn checkpoints(horizon_days: u32) -> Vec<u32> {
    let weekly = horizon_days.div_ceil(7);
    let step = if weekly > MAX_POINTS {
        horizon_days.div_ceil(MAX_POINTS - 1)
    } else {
        7
    };
    (1..)
        .map(|i| i * step)
        .take_while(|d| *d < horizon_days)
        .chain([horizon_days])
        .collect()
}

/// The time path of `scenario` over its sampled inputs.
pub fn time_path(
    scenario: &Scenario,
    draws: &Draws,
    stop: &mut dyn FnMut() -> bool,
) -> Option<Vec<TimePoint>> {
    let plan = Plan::of(scenario);
    let inputs = draws.inputs();
    let horizon = scenario.horizon_days;
    checkpoints(horizon)
        .into_iter()
        .map(|day| {
            if stop() {
                return None;
            }
            let years = f64::from(day) / DAYS_PER_YEAR;
            let [achievable] = map_outcomes(&plan, &inputs, years, |o, _| [o.achievable()]);
            let [p10, p50, p90] = quantiles(&achievable, SUMMARY_PS);
            Some(TimePoint {
                day,
                // R·(d/H), in that order: a target near the largest double stays finite.
                required: plan.target_revenue * (f64::from(day) / f64::from(horizon)),
                p10,
                p50,
                p90,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkpoints_are_weekly_and_end_on_the_last_day() {
        assert_eq!(
            checkpoints(90),
            [7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 84, 90]
        );
        assert_eq!(checkpoints(14), [7, 14]);
        assert_eq!(checkpoints(3), [3]);
        assert_eq!(checkpoints(735).len(), 105);
    }

    #[test]
    fn every_horizon_has_at_most_the_most_points_rising_to_its_last_day() {
        // Weekly points were counted as ⌊H/7⌋ (735 is 105 either way): 736 to 741 days
        // gave 106.
        for horizon in 1..=3650 {
            let points = checkpoints(horizon);
            assert!(
                points.len() <= MAX_POINTS as usize,
                "{horizon}: {}",
                points.len()
            );
            assert!(points[0] >= 1, "{horizon}");
            assert!(points.windows(2).all(|w| w[0] < w[1]), "{horizon}");
            assert_eq!(points.last(), Some(&horizon));
        }
    }

    #[test]
    fn long_horizons_space_checkpoints_wider() {
        let points = checkpoints(3650);
        assert!(points.len() <= 105);
        assert_eq!(points[0], 36);
        assert_eq!(points.last(), Some(&3650));
    }
}
