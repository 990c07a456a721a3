//! The feasibility frontier (docs/MODEL.md §7): the same target over other horizons, on the
//! same samples. It answers "then what is realistic, and by when?": not 3M in 90 days, but 3M
//! by month 16, or 314k in 90 days.
//!
//! Every horizon reuses the scenario's draws (common random numbers); only the plan's horizon
//! changes. Each sample's achievable revenue never falls as the horizon grows (every integrand
//! of the model is ≥ 0), so P(feasible) and the realistic target never fall along the rows.

use serde::Serialize;

use super::draws::Draws;
use super::outcome::{capture, makes};
use super::plan::{DAYS_PER_YEAR, Plan};
use super::stats::{Order, OrderStatistics, order_statistic, quantile_ranks, realistic_rank};
use super::sweep::map_outcomes;
use crate::scenario::Scenario;

/// The horizons every frontier shows, in days, beside the scenario's own.
pub const HORIZONS: [u32; 6] = [30, 60, 90, 180, 365, 730];

/// The longest horizon a scenario may have, and so the frontier's.
pub const MAX_DAYS: u32 = crate::scenario::field::LONGEST_HORIZON_DAYS;

/// The plan's target over one horizon.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FrontierPoint {
    /// The horizon in days.
    pub days: u32,
    /// F/N: the share of samples that book the target within `days`.
    pub p_feasible: f64,
    /// The largest target feasible within `days` with probability ≥ confidence.
    pub realistic_target: f64,
    /// The median share of the serviceable market's revenue within `days` the target needs.
    pub required_capture_p50: f64,
}

/// The frontier's horizons for a scenario whose own horizon is `own_days`: [`HORIZONS`] and
/// `own_days`, sorted, each once, none above [`MAX_DAYS`].
pub fn horizons(own_days: u32) -> Vec<u32> {
    let mut days: Vec<u32> = HORIZONS
        .into_iter()
        .chain([own_days])
        .filter(|d| (1..=MAX_DAYS).contains(d))
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// The frontier of `scenario` over its sampled inputs, one point per horizon of [`horizons`].
pub fn frontier(
    scenario: &Scenario,
    draws: &Draws,
    stop: &mut dyn FnMut() -> bool,
) -> Option<Vec<FrontierPoint>> {
    let plan = Plan::of(scenario);
    let rank = realistic_rank(scenario.confidence, draws.samples);
    horizons(scenario.horizon_days)
        .into_iter()
        .map(|days| (!stop()).then(|| point(&plan, draws, days, rank)))
        .collect()
}

/// One horizon's point: the model on every sample over `days`, with the plan's own target.
fn point(plan: &Plan, draws: &Draws, days: u32, realistic_rank: usize) -> FrontierPoint {
    let plan = Plan {
        horizon_years: f64::from(days) / DAYS_PER_YEAR,
        ..*plan
    };
    let n = draws.samples;
    let target = plan.target_revenue;
    let [window, achievable] = map_outcomes(&plan, &draws.inputs(), plan.horizon_years, |o, _| {
        [o.market_in_window, o.achievable()]
    });
    let feasible = achievable.iter().filter(|a| makes(**a, target)).count();
    // R/W decreases with W, so its median comes from W's order statistics (as the headline's).
    let median = OrderStatistics::select(&window, quantile_ranks(n, &[0.5], Order::Decreasing));
    FrontierPoint {
        days,
        p_feasible: feasible as f64 / n as f64,
        realistic_target: order_statistic(&achievable, realistic_rank),
        required_capture_p50: median.quantile_of(0.5, |w| capture(target, w), Order::Decreasing),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scenarios_own_horizon_joins_the_standard_ones_once_and_in_order() {
        assert_eq!(horizons(90), [30, 60, 90, 180, 365, 730]);
        assert_eq!(horizons(120), [30, 60, 90, 120, 180, 365, 730]);
        assert_eq!(horizons(1), [1, 30, 60, 90, 180, 365, 730]);
        assert_eq!(horizons(3650), [30, 60, 90, 180, 365, 730, 3650]);
    }
}
