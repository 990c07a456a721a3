//! The levers (SPEC §2 "Levers", §6): for each input a plan can move, the value at which
//! P(feasible) reaches the confidence, every other input unchanged, on the same samples.
//!
//! P(feasible) is monotone in each lever, so the answer is a threshold: exact where the model
//! allows (the target is the realistic target; a market-size multiplier scales the market
//! revenue linearly), bisection on common random numbers elsewhere.

use rayon::prelude::*;
use serde::Serialize;

use super::count_feasible;
use super::draws::{CHUNK, Column, Draws};
use super::headline::Headline;
use super::outcome::{DAYS_PER_YEAR, Plan, outcome};
use super::stats::{needed_count, order_statistic};
use crate::scenario::{Field, Scenario};

/// What would make the plan realistic, one input at a time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lever {
    /// The input: target.revenue, horizon_days, market.size, share.gain_per_year or
    /// capacity.reps (written as its dotted key).
    #[serde(serialize_with = "dotted_key")]
    pub input: Field,
    /// The value that reaches the confidence; `None` when nothing in the lever's range does.
    /// Whole-number levers (days, reps) are written as JSON integers.
    #[serde(serialize_with = "whole_when_integral")]
    pub value: Option<f64>,
}

fn dotted_key<S: serde::Serializer>(field: &Field, out: S) -> Result<S::Ok, S::Error> {
    out.serialize_str(&field.key())
}

/// Writes 485.0 as `485`: the horizon and reps levers are whole numbers.
fn whole_when_integral<S: serde::Serializer>(
    value: &Option<f64>,
    out: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(x) if x.fract() == 0.0 && x.abs() < 9e15 => out.serialize_i64(*x as i64),
        Some(x) => out.serialize_f64(*x),
        None => out.serialize_none(),
    }
}

/// Market-size multipliers the search considers.
const SIZE_RANGE: (f64, f64) = (0.01, 100.0);
/// Shifts to the share gain per year the search considers.
const GAIN_RANGE: (f64, f64) = (-1.0, 1.0);
/// The share-gain search stops when the bracket is this narrow (0.0001 share points a year).
const GAIN_TOLERANCE: f64 = 1e-6;
/// Horizons the search considers.
const HORIZON_RANGE: (u32, u32) = (1, 3650);
/// Ramped rep counts the search considers.
const REPS_RANGE: (u32, u32) = (0, 10_000);

/// Every lever of `scenario` (reps only with `[capacity]`).
pub fn levers(scenario: &Scenario, draws: &Draws, headline: &Headline) -> Vec<Lever> {
    let search = Search::new(scenario, draws);
    let mut levers = vec![
        Lever {
            input: Field::TargetRevenue,
            value: Some(headline.realistic_target),
        },
        Lever {
            input: Field::HorizonDays,
            value: search.horizon_days().map(f64::from),
        },
        Lever {
            input: Field::MarketSize,
            value: search.market_size_multiplier(),
        },
        Lever {
            input: Field::ShareGainPerYear,
            value: search
                .gain_shift()
                .map(|shift| headline.assumed_pace + shift),
        },
    ];
    if scenario.capacity.is_some() {
        levers.push(Lever {
            input: Field::CapacityReps,
            value: search.reps().map(f64::from),
        });
    }
    levers
}

/// The scenario's samples and the number of them that must be feasible.
struct Search<'a> {
    plan: Plan,
    draws: &'a Draws,
    needed: u64,
}

impl<'a> Search<'a> {
    fn new(scenario: &Scenario, draws: &'a Draws) -> Search<'a> {
        let samples = draws.samples as u64;
        Search {
            plan: Plan::of(scenario),
            draws,
            // confidence ≥ 0.5, so 1 ≤ needed ≤ N.
            needed: needed_count(scenario.confidence, samples),
        }
    }

    /// Whether `plan` on the samples, with one input replaced, reaches the confidence.
    fn reaches(&self, plan: &Plan, replaced: Option<(Field, &Column)>) -> bool {
        let inputs = match replaced {
            Some((field, column)) => self.draws.inputs().with(field, column),
            None => self.draws.inputs(),
        };
        count_feasible(plan, &inputs) >= self.needed
    }

    /// The smallest horizon in days that reaches the confidence.
    fn horizon_days(&self) -> Option<u32> {
        let reaches = |days: u32| {
            let plan = Plan {
                horizon_years: f64::from(days) / DAYS_PER_YEAR,
                ..self.plan
            };
            self.reaches(&plan, None)
        };
        smallest_whole(HORIZON_RANGE, reaches)
    }

    /// The smallest count of ramped reps (new reps and the ramp unchanged) that reaches it.
    fn reps(&self) -> Option<u32> {
        let team = self.plan.team?;
        let reaches = |reps: u32| {
            let plan = Plan {
                team: Some(super::outcome::Team {
                    reps: f64::from(reps),
                    ..team
                }),
                ..self.plan
            };
            self.reaches(&plan, None)
        };
        smallest_whole(REPS_RANGE, reaches)
    }

    /// The smallest additive shift to every sample's share gain per year that reaches it.
    fn gain_shift(&self) -> Option<f64> {
        let gain = self.draws.column(Field::ShareGainPerYear);
        let reaches = |shift: f64| {
            let shifted = gain.map(|g| g + shift);
            self.reaches(&self.plan, Some((Field::ShareGainPerYear, &shifted)))
        };
        let (mut low, mut high) = GAIN_RANGE;
        if reaches(low) {
            return Some(low);
        }
        if !reaches(high) {
            return None;
        }
        while high - low > GAIN_TOLERANCE {
            let middle = (low + high) / 2.0;
            if reaches(middle) {
                high = middle;
            } else {
                low = middle;
            }
        }
        Some(high)
    }

    /// The smallest multiplier of the market size that reaches it.
    ///
    /// A sample is feasible at multiplier m iff C ≥ R and m·A_market ≥ R, so it needs
    /// m ≥ R/A_market (∞ when its team cannot book R); the answer is the needed-th smallest of
    /// those, nudged up by a hair if rounding leaves the model one sample short.
    fn market_size_multiplier(&self) -> Option<f64> {
        let plan = &self.plan;
        let inputs = self.draws.inputs();
        let target = plan.target_revenue;
        let mut needed_multiplier = vec![0.0; self.draws.samples];
        needed_multiplier
            .par_chunks_mut(CHUNK)
            .enumerate()
            .for_each(|(chunk, out)| {
                for (j, m) in out.iter_mut().enumerate() {
                    let o = outcome(plan, &inputs.sample(chunk * CHUNK + j), plan.horizon_years);
                    *m = if o.capacity_revenue >= target && o.market_revenue > 0.0 {
                        target / o.market_revenue
                    } else {
                        f64::INFINITY
                    };
                }
            });
        let rank = (self.needed - 1) as usize;
        let exact = order_statistic(&needed_multiplier, rank).max(SIZE_RANGE.0);
        let size = self.draws.column(Field::MarketSize);
        let reaches = |m: f64| {
            let scaled = size.map(|x| x * m);
            self.reaches(plan, Some((Field::MarketSize, &scaled)))
        };
        let mut multiplier = exact;
        for _ in 0..4 {
            if multiplier > SIZE_RANGE.1 {
                return None;
            }
            if reaches(multiplier) {
                return Some(multiplier);
            }
            multiplier *= 1.0 + 1e-12;
        }
        None
    }
}

/// The smallest whole number in `range` for which `reaches` holds, `reaches` being monotone.
fn smallest_whole((low, high): (u32, u32), reaches: impl Fn(u32) -> bool) -> Option<u32> {
    if !reaches(high) {
        return None;
    }
    let (mut failing, mut passing) = (low, high);
    if reaches(low) {
        return Some(low);
    }
    while passing - failing > 1 {
        let middle = failing + (passing - failing) / 2;
        if reaches(middle) {
            passing = middle;
        } else {
            failing = middle;
        }
    }
    Some(passing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_number_search_finds_the_threshold() {
        assert_eq!(smallest_whole((1, 3650), |d| d >= 137), Some(137));
        assert_eq!(smallest_whole((1, 3650), |_| true), Some(1));
        assert_eq!(smallest_whole((1, 3650), |_| false), None);
        assert_eq!(smallest_whole((0, 10), |r| r >= 10), Some(10));
    }
}
