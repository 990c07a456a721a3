//! The model (docs/MODEL.md): pure math over sampled inputs. No I/O, no clock, no terminal; the
//! random streams are derived from the scenario's seed, so the same scenario gives the same
//! numbers on any number of threads.

pub(crate) mod copula;
pub mod draws;
pub mod frontier;
pub mod headline;
pub mod kernel;
pub(crate) mod lanes;
pub mod levers;
pub(crate) mod normal;
pub mod outcome;
pub(crate) mod pass;
pub mod plan;
pub(crate) mod rotation;
pub mod sample;
pub mod sampling;
pub mod sensitivity;
pub mod sobol;
pub mod stats;
pub(crate) mod sweep;
pub mod time_path;
pub mod verdict;
pub(crate) mod wide_fast;

use draws::Draws;
use frontier::FrontierPoint;
use headline::Headline;
use levers::{CombinedLever, Lever, LeverKind};
use sensitivity::{Sensitivity, SensitivityOf};
use time_path::TimePoint;

use crate::scenario::Scenario;

/// The heavier analyses `--detail` and the live session add to the headline.
#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    /// The tornado's bars, largest swing first.
    pub sensitivity: Vec<Sensitivity>,
    /// Which figure the bars measure.
    pub sensitivity_of: SensitivityOf,
    pub levers: Vec<Lever>,
    /// Reps and share gain together, when neither alone makes the plan realistic.
    pub combined_lever: Option<CombinedLever>,
    pub time_path: Vec<TimePoint>,
    /// The same target over other horizons, on the same samples.
    pub frontier: Vec<FrontierPoint>,
}

/// When the target is realistic as the horizon grows ([`Detail::realistic_from`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RealisticFrom {
    /// From this day on.
    Day(u32),
    /// Not within the longest horizon the lever tries ([`levers::HORIZON_RANGE`]).
    NotWithinRange,
}

impl Detail {
    /// The first day the target is realistic, from the horizon's lever (not the frontier's
    /// rows, which jump from 365 to 730 days); `None` when there is no such lever.
    pub fn realistic_from(&self) -> Option<RealisticFrom> {
        let lever = self.levers.iter().find(|l| l.input == LeverKind::Horizon)?;
        Some(match lever.value {
            Some(day) => RealisticFrom::Day(day as u32),
            None => RealisticFrom::NotWithinRange,
        })
    }
}

/// A scenario's results.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub headline: Headline,
    /// Present when asked for.
    pub detail: Option<Detail>,
}

/// Evaluates `scenario`: the headline always, the detail when `detail` is true.
pub fn evaluate(scenario: &Scenario, detail: bool) -> Evaluation {
    if !detail {
        // The headline alone needs no column: one pass draws, evaluates and tallies.
        let headline = headline::headline_drawn(scenario);
        return Evaluation {
            headline,
            detail: None,
        };
    }
    let draws = Draws::sample(scenario);
    let headline = headline::headline_of_draws(scenario, &draws);
    let detail = analyse(scenario, &draws, &headline, || false);
    Evaluation { headline, detail }
}

/// The tornado, levers, time path and frontier on already-sampled inputs, or `None` when
/// `stop`, asked before every pass over the samples (each tornado bar, lever step, time-path
/// day and frontier horizon: a second each at 10M samples), says the work is no longer wanted
/// (the live session's state changed).
pub fn analyse(
    scenario: &Scenario,
    draws: &Draws,
    headline: &Headline,
    mut stop: impl FnMut() -> bool,
) -> Option<Detail> {
    let tornado = sensitivity::tornado(scenario, draws, headline, &mut stop)?;
    let found = levers::levers(scenario, draws, headline, &mut stop)?;
    let time_path = time_path::time_path(scenario, draws, &mut stop)?;
    let frontier = frontier::frontier(scenario, draws, &mut stop)?;
    Some(Detail {
        sensitivity: tornado.bars,
        sensitivity_of: tornado.of,
        levers: found.levers,
        combined_lever: found.combined,
        time_path,
        frontier,
    })
}
