//! The tornado (docs/MODEL.md §7): P(feasible) with one uncertain input pinned at its own 10th
//! and at its 90th percentile, every other input as sampled (common random numbers). When every
//! pin leaves P(feasible) at exactly 0 or 1 — a plan far from (or safely inside) reach — the
//! bars would all be zero, so the tornado ranks the inputs by how far each moves the realistic
//! target instead, and says so.

use serde::Serialize;

use super::draws::{Column, Draws, Inputs};
use super::headline::Headline;
use super::plan::Plan;
use super::sample::stored;
use super::stats::{order_statistic, realistic_rank};
use super::sweep::{achievable_values, count_feasible};
use crate::scenario::{Field, Scenario};

/// Which figure the tornado's bars measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SensitivityOf {
    /// P(feasible), the usual case.
    PFeasible,
    /// The realistic target, when P(feasible) is 0 or 1 at every pin.
    RealisticTarget,
}

impl SensitivityOf {
    /// The plan's own value of the figure the bars measure, which they are drawn around.
    pub fn now(self, headline: &Headline) -> f64 {
        match self {
            SensitivityOf::PFeasible => headline.p_feasible,
            SensitivityOf::RealisticTarget => headline.realistic_target,
        }
    }
}

/// One bar of the tornado.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sensitivity {
    /// The input's dotted key: `market.size`.
    pub input: String,
    /// P(feasible) with the input at its 10th percentile.
    pub p_low: f64,
    /// P(feasible) with the input at its 90th percentile.
    pub p_high: f64,
    /// The swing of the figure the tornado measures: |p_high − p_low|, or
    /// |target_high − target_low| when it measures the realistic target.
    pub swing: f64,
    /// The realistic target with the input at its 10th percentile (only when the tornado
    /// measures the realistic target).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_low: Option<f64>,
    /// The realistic target with the input at its 90th percentile (likewise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_high: Option<f64>,
}

impl Sensitivity {
    /// The bar's ends, with the input at its P10 and at its P90, in the figure `of` says the
    /// tornado measures (P(feasible) where a bar has no realistic targets).
    pub fn ends(&self, of: SensitivityOf) -> (f64, f64) {
        match (of, self.target_low, self.target_high) {
            (SensitivityOf::RealisticTarget, Some(low), Some(high)) => (low, high),
            _ => (self.p_low, self.p_high),
        }
    }

    /// The bar of `input` pinned to P(feasible) `p_low` at its P10 and `p_high` at its P90,
    /// its swing theirs.
    pub fn of_p_feasible(input: String, p_low: f64, p_high: f64) -> Sensitivity {
        Sensitivity {
            input,
            p_low,
            p_high,
            swing: (p_high - p_low).abs(),
            target_low: None,
            target_high: None,
        }
    }
}

/// The tornado's bars, largest swing first, and what they measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Tornado {
    pub of: SensitivityOf,
    pub bars: Vec<Sensitivity>,
}

/// One uncertain input pinned at its P10 and at its P90: the pins are the input's exact
/// quantiles clamped to its domain (the P10/P90 of the clamped input), kept as the column
/// keeps values (growth as k = ln(1 + g)).
fn pins(scenario: &Scenario, field: Field) -> [Column; 2] {
    let dist = scenario.dist(field);
    let domain = field.domain();
    [0.1, 0.9].map(|p| Column::Fixed(stored(field, domain.clamp(dist.quantile(p)))))
}

/// The samples with `field` replaced by the constant `pin`.
fn pinned<'a>(draws: &'a Draws, field: Field, pin: &'a Column) -> Inputs<'a> {
    draws.inputs().with(field, pin)
}

/// The tornado for every uncertain input, sorted by swing (largest first), ties by how far the
/// farther pin moves the figure from `headline`'s (largest first), then by key.
pub fn tornado(
    scenario: &Scenario,
    draws: &Draws,
    headline: &Headline,
    stop: &mut dyn FnMut() -> bool,
) -> Option<Tornado> {
    let plan = Plan::of(scenario);
    let n = draws.samples as f64;
    let fields = scenario.uncertain_fields();
    let pin_pairs: Vec<(Field, [Column; 2])> =
        fields.iter().map(|f| (*f, pins(scenario, *f))).collect();
    // Each bar is two passes over every sample: `stop` is asked before each.
    let mut bars: Vec<Sensitivity> = pin_pairs
        .iter()
        .map(|(field, [low, high])| {
            let p = |pin: &Column| count_feasible(&plan, &pinned(draws, *field, pin)) as f64 / n;
            (!stop()).then(|| Sensitivity::of_p_feasible(field.key(), p(low), p(high)))
        })
        .collect::<Option<_>>()?;
    let certain = |p: f64| p == 0.0 || p == 1.0;
    let of = if !bars.is_empty() && bars.iter().all(|b| certain(b.p_low) && certain(b.p_high)) {
        let rank = realistic_rank(scenario.confidence, draws.samples);
        let target = |field: Field, pin: &Column| {
            order_statistic(&achievable_values(&plan, &pinned(draws, field, pin)), rank)
        };
        for (bar, (field, [low, high])) in bars.iter_mut().zip(&pin_pairs) {
            if stop() {
                return None;
            }
            let (target_low, target_high) = (target(*field, low), target(*field, high));
            bar.swing = (target_high - target_low).abs();
            bar.target_low = Some(target_low);
            bar.target_high = Some(target_high);
        }
        SensitivityOf::RealisticTarget
    } else {
        SensitivityOf::PFeasible
    };
    // Two bars that swing alike (both 0 at a P of 100%) are told apart by whether they move P.
    let now = of.now(headline);
    let moved = |bar: &Sensitivity| {
        let (low, high) = bar.ends(of);
        (low - now).abs().max((high - now).abs())
    };
    bars.sort_by(|a, b| {
        (b.swing.total_cmp(&a.swing))
            .then_with(|| moved(b).total_cmp(&moved(a)))
            .then_with(|| a.input.cmp(&b.input))
    });
    Some(Tornado { of, bars })
}
