//! The tornado (SPEC §2 "Sensitivity"): P(feasible) with one uncertain input pinned at its own
//! 10th and at its 90th percentile, every other input as sampled (common random numbers).

use serde::Serialize;

use super::count_feasible;
use super::draws::{Column, Draws, stored};
use super::outcome::Plan;
use crate::scenario::Scenario;

/// One bar of the tornado.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sensitivity {
    /// The input's dotted key: `market.size`.
    pub input: String,
    /// P(feasible) with the input at its 10th percentile.
    pub p_low: f64,
    /// P(feasible) with the input at its 90th percentile.
    pub p_high: f64,
    /// |p_high − p_low|.
    pub swing: f64,
}

/// The tornado for every uncertain input, sorted by swing (largest first, ties by key).
///
/// Pins are the input's exact P10/P90 clamped to its domain, which are the P10/P90 of the
/// clamped input.
pub fn tornado(scenario: &Scenario, draws: &Draws) -> Vec<Sensitivity> {
    let plan = Plan::of(scenario);
    let n = draws.samples as f64;
    let mut bars: Vec<Sensitivity> = scenario
        .uncertain_fields()
        .into_iter()
        .map(|field| {
            let dist = scenario.dist(field);
            let domain = field.domain();
            let p_at = |p: f64| {
                let pin = Column::Fixed(stored(field, domain.clamp(dist.quantile(p))));
                count_feasible(&plan, &draws.inputs().with(field, &pin)) as f64 / n
            };
            let (p_low, p_high) = (p_at(0.1), p_at(0.9));
            Sensitivity {
                input: field.key(),
                p_low,
                p_high,
                swing: (p_high - p_low).abs(),
            }
        })
        .collect();
    bars.sort_by(|a, b| {
        b.swing
            .total_cmp(&a.swing)
            .then_with(|| a.input.cmp(&b.input))
    });
    bars
}
