//! A figure of the headline, as a column of the batch table holds it
//! ([`crate::report::Cells::Figure`]): how a value of it reads, in the batch table and either
//! side of the comparison with a baseline (`Reading`), and how a change of it between two runs
//! reads (`Change`). The columns ([`crate::report::COLUMNS`]) and the comparison
//! ([`crate::report::comparison`]) use it; it uses neither.

use crate::model::headline::Headline;
use crate::report::format::{
    self, exact, no_pace_reaches, pace, pace_covered, probability_change, requirement_change,
    signed,
};

/// A figure of the headline: its value, how it reads (in the batch table and either side of
/// the comparison with a baseline), and how a change of it between two runs reads.
pub struct Figure {
    /// Its value as people read it.
    pub(crate) value: fn(&Headline) -> Option<f64>,
    /// Its value in the CSV where that is another figure: CSV's `required_pace` is the closed
    /// form (docs/MODEL.md §6), while people read the pace needed.
    pub(crate) data: Option<fn(&Headline) -> Option<f64>>,
    /// A value of it as people read it, in the headline it is of ([`Reading`]).
    pub(crate) shown: fn(f64, &Reading) -> String,
    /// What a plan without the figure reads (a team's, without `[capacity]`).
    pub(crate) absent: &'static str,
    /// Whether it is an amount of money (in its plan's currency).
    pub(crate) money: bool,
    /// How a change of it between two runs reads.
    pub(crate) change: Change,
}

impl Figure {
    /// Its value in `headline` as the CSV writes it.
    pub(crate) fn in_csv(&self, headline: &Headline) -> Option<f64> {
        self.data.unwrap_or(self.value)(headline)
    }

    /// Its value in `headline` at full precision (empty where the plan has none).
    pub(crate) fn raw(&self, headline: &Headline) -> String {
        self.in_csv(headline).map_or_else(String::new, exact)
    }

    /// Its value in `reading`'s headline as people read it.
    pub(crate) fn human(&self, reading: &Reading) -> String {
        (self.value)(reading.headline)
            .map_or_else(|| self.absent.to_string(), |x| (self.shown)(x, reading))
    }
}

/// What a figure is read beside: the headline it is of, how its plan's money reads (at the
/// digits its headline shows the realistic target with beside the target: `$12.18M`, not
/// `$12.1M` in the comparison and `$12.18M` in the headline), the confidence P(feasible)'s
/// verdicts and the realistic target are at, the confidence of the figures it is compared with
/// (its own where none are), and whether the realistic target is said with it (figures at
/// other confidences may be beside it).
pub(crate) struct Reading<'a> {
    pub(crate) headline: &'a Headline,
    pub(crate) money: format::PlanMoney<'a>,
    pub(crate) confidence: f64,
    /// P(feasible) is never rounded onto its verdicts' thresholds either, so that one
    /// probability reads alike on both sides of a comparison.
    pub(crate) compared_at: f64,
    pub(crate) confidence_said: bool,
}

/// How a change of a figure ([`Figure`]) between two runs reads.
pub(crate) enum Change {
    /// Signed, its size (without the sign, in a currency) written so: `+$120k`, `-5.13 pts`.
    Size(fn(f64, &str) -> String),
    /// A probability's ([`probability_change`]): never ±100 pts short of the whole way.
    Probability,
    /// The pace needed's: in words where no pace reaches the target on either side ("now out
    /// of reach"), else as a requirement's.
    Pace,
    /// A requirement's, its size written so ([`requirement_change`]): in words where either
    /// side is covered (a pace "already covered by today's share", reps "none"), as `covered` says
    /// of it in its headline.
    Requirement {
        size: fn(f64, &str) -> String,
        covered: fn(f64, &Headline) -> bool,
    },
}

impl Change {
    /// The change from `base` to `now` (each in its headline) as people read it.
    pub(crate) fn shown(
        &self,
        (b, base): (f64, &Headline),
        (n, now): (f64, &Headline),
        currency: &str,
    ) -> String {
        match self {
            Change::Size(size) => signed(n - b, |d| size(d, currency)),
            Change::Probability => probability_change(n - b),
            Change::Pace => match (no_pace_reaches(base), no_pace_reaches(now)) {
                (Some(_), Some(_)) => "no change".to_string(),
                (None, Some(_)) => "now out of reach".to_string(),
                (Some(_), None) => "now within reach".to_string(),
                (None, None) => requirement_change(
                    (b, pace_covered(b, base.assumed_pace)),
                    (n, pace_covered(n, now.assumed_pace)),
                    pace,
                ),
            },
            Change::Requirement { size, covered } => {
                requirement_change((b, covered(b, base)), (n, covered(n, now)), |d| {
                    size(d, currency)
                })
            }
        }
    }
}
