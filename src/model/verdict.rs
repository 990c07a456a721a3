//! The one-word answer (docs/MODEL.md §6 "Verdict"): the thresholds live here
//! and nowhere else.

use serde::Serialize;

use super::stats::needed_count;

/// How a plan's odds read to an executive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// The target exceeds the whole serviceable market's revenue in at least half the samples.
    Impossible,
    /// Feasible in fewer than 1 in 5 samples.
    PieInTheSky,
    /// Feasible in at least 1 in 5 samples.
    LongShot,
    /// Feasible in at least half the samples.
    Stretch,
    /// Feasible with at least the scenario's confidence.
    Realistic,
}

/// JSON names a verdict as CSV and the comparison do: by its [`Verdict::key`].
impl Serialize for Verdict {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key())
    }
}

/// A verdict's threshold, `count` in `every` samples, compared in whole numbers (exact at any
/// sample count; a share of 0.2 is not exactly a fifth in binary).
#[derive(Debug, Clone, Copy)]
struct OneIn {
    count: u64,
    every: u64,
}

/// Half the samples: a stretch if feasible, impossible if over the whole market.
const HALF: OneIn = OneIn { count: 1, every: 2 };
/// One sample in five: a long shot.
const ONE_IN_FIVE: OneIn = OneIn { count: 1, every: 5 };

impl OneIn {
    /// Whether `hits` of `samples` reach the threshold.
    fn reached(self, hits: u64, samples: u64) -> bool {
        u128::from(hits) * u128::from(self.every) >= u128::from(samples) * u128::from(self.count)
    }

    /// The threshold as a share of the samples, for showing P(feasible) beside it.
    fn fraction(self) -> f64 {
        self.count as f64 / self.every as f64
    }
}

/// How good the news is: one scale that every front end colours the same way
/// (green, yellow, magenta, red).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Fair,
    Poor,
    Bad,
}

impl Verdict {
    /// The verdict's tone, for colouring.
    pub fn tone(self) -> Tone {
        match self {
            Verdict::Realistic => Tone::Good,
            Verdict::Stretch => Tone::Fair,
            Verdict::LongShot => Tone::Poor,
            Verdict::PieInTheSky | Verdict::Impossible => Tone::Bad,
        }
    }

    /// Judges a plan from counts over `samples`: `over_market` samples need more than the
    /// whole serviceable market (required capture > 1), `feasible` samples make the target.
    pub fn judge(over_market: u64, feasible: u64, samples: u64, confidence: f64) -> Verdict {
        if HALF.reached(over_market, samples) {
            Verdict::Impossible
        } else if feasible >= needed_count(confidence, samples) {
            Verdict::Realistic
        } else if HALF.reached(feasible, samples) {
            Verdict::Stretch
        } else if ONE_IN_FIVE.reached(feasible, samples) {
            Verdict::LongShot
        } else {
            Verdict::PieInTheSky
        }
    }

    /// The shares of feasible samples where the verdict changes, lowest first: a long shot
    /// from 1 in 5, a stretch from half, realistic from the confidence.
    pub fn thresholds(confidence: f64) -> [f64; 3] {
        [ONE_IN_FIVE.fraction(), HALF.fraction(), confidence]
    }

    /// The machine-readable name used in JSON and CSV: `pie-in-the-sky`.
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Impossible => "impossible",
            Verdict::PieInTheSky => "pie-in-the-sky",
            Verdict::LongShot => "long-shot",
            Verdict::Stretch => "stretch",
            Verdict::Realistic => "realistic",
        }
    }

    /// The words people read: `pie in the sky`.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Impossible => "impossible",
            Verdict::PieInTheSky => "pie in the sky",
            Verdict::LongShot => "long shot",
            Verdict::Stretch => "stretch",
            Verdict::Realistic => "realistic",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verdict_steps_down_below_the_confidence_below_half_and_below_one_in_five_feasible() {
        let judge = |feasible| Verdict::judge(0, feasible, 100, 0.8);
        assert_eq!(judge(80), Verdict::Realistic);
        assert_eq!(judge(79), Verdict::Stretch);
        assert_eq!(judge(50), Verdict::Stretch);
        assert_eq!(judge(49), Verdict::LongShot);
        assert_eq!(judge(20), Verdict::LongShot);
        assert_eq!(judge(19), Verdict::PieInTheSky);
        assert_eq!(judge(0), Verdict::PieInTheSky);
    }

    #[test]
    fn needing_more_than_the_market_in_half_the_samples_is_impossible_first() {
        assert_eq!(Verdict::judge(50, 0, 100, 0.8), Verdict::Impossible);
        assert_eq!(Verdict::judge(49, 0, 100, 0.8), Verdict::PieInTheSky);
        // First even where enough samples are feasible for the confidence (at 0.5, the half
        // that needs more than the market and the half that makes it can be the same size:
        // docs/MODEL.md §10). Every other case had no feasible sample.
        assert_eq!(Verdict::judge(50, 50, 100, 0.5), Verdict::Impossible);
        assert_eq!(Verdict::judge(49, 50, 100, 0.5), Verdict::Realistic);
    }

    #[test]
    fn names_are_kebab_case_in_json() {
        let json = serde_json::to_string(&Verdict::PieInTheSky).unwrap();
        assert_eq!(json, "\"pie-in-the-sky\"");
        assert_eq!(Verdict::LongShot.key(), "long-shot");
    }
}
