//! Achievable revenue binned for a histogram (the live session's panel and the board report):
//! over the range that holds nearly all samples, with the few outside counted apart rather
//! than piled into the end bins, which would draw a false bump.

use super::format::{at_least, at_most};
use crate::model::outcome::makes;
use crate::model::stats::OrderStatistics;

/// Bins of a histogram.
pub const BINS: usize = 40;

/// Achievable revenue across the samples, binned for the histogram over the range that holds
/// nearly all of them; the few outside are counted, not piled into the end bins.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    /// Samples per bin; bin i of n covers [low + i·w, low + (i+1)·w), w = (high − low)/n.
    pub counts: Vec<u64>,
    /// Of each bin's samples, those that reach the target (at or above it): all of a bin past
    /// the target, none of one before it, and of the bin the target lies inside, its samples
    /// on the target's side, so that the bars drawn as reaching it hold exactly the samples
    /// that do (a bin's width does not decide).
    pub reaching: Vec<u64>,
    /// The range the bins cover.
    pub low: f64,
    pub high: f64,
    /// Samples below `low`.
    pub below: u64,
    /// Samples above `high`.
    pub above: u64,
}

/// Where a figure lies against the range a histogram draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Below,
    Within,
    Beyond,
}

impl Histogram {
    /// The histogram of `values` (achievable revenue per sample) for a plan aiming at
    /// `target`: see [`range`] and [`binned`].
    pub fn of(values: &[f64], target: f64) -> Histogram {
        let (low, high) = range(values, target);
        binned(values, low, high, target)
    }

    /// `values` binned over their range ([`range`], as [`Histogram::of`] has it) widened to the
    /// figures its edges are written as (the low edge rounded down and the high one up, at
    /// the digits figures are shown with), for the live session's panel, which writes them:
    /// cut at 9.074M, "351 samples above 9.07M" was read where 354 are; cut at 9.08M, it
    /// counts those above 9.08M. The range is given, so that the session selects it once for
    /// this and for the board report's histogram.
    pub fn at_written_edges(values: &[f64], (low, high): (f64, f64), target: f64) -> Histogram {
        // Near the largest float the edge rounded up is ∞, and every bin with it.
        let written = |edge: f64, rounded: f64| if rounded.is_finite() { rounded } else { edge };
        binned(
            values,
            written(low, at_most(low)),
            written(high, at_least(high)),
            target,
        )
    }

    /// Whether the target lies inside a bin, some of whose samples reach it and some do not
    /// (the report draws that bar in both colours).
    pub fn is_crossed(&self) -> bool {
        self.counts
            .iter()
            .zip(&self.reaching)
            .any(|(&count, &reaching)| 0 < reaching && reaching < count)
    }

    /// Where `x` lies against the range drawn: the report marks a target within it with a
    /// line, one beyond it with an arrow at that edge, and says which in its note.
    pub fn place(&self, x: f64) -> Place {
        if x > self.high {
            Place::Beyond
        } else if x < self.low {
            Place::Below
        } else {
            Place::Within
        }
    }
}

/// The range the histogram spans: the samples from P0.5 to P99.5, so a long tail does not
/// squash the rest; from zero unless the samples sit far from it; stretched to the target
/// when it lies just outside. The few samples beyond are counted, not drawn.
pub fn range(values: &[f64], target: f64) -> (f64, f64) {
    // From the finite samples: one that overflowed to ∞ is counted above the range, not
    // stretched to (a market of 1e300 growing 1,000,000% a year drew a range of 0 to ∞).
    let finite: Vec<f64>;
    let values = if values.iter().all(|v| v.is_finite()) {
        values
    } else {
        finite = values.iter().copied().filter(|v| v.is_finite()).collect();
        &finite
    };
    let n = values.len();
    if n == 0 {
        return (0.0, target.max(1.0) * 1.1);
    }
    let ranks = [n * 5 / 1000, (n * 995 / 1000).min(n - 1)];
    let quantiles = OrderStatistics::select(values, ranks.to_vec());
    let (p_low, p_high) = (quantiles.value(ranks[0]), quantiles.value(ranks[1]));
    let mut low = if p_low > 0.3 * p_high { p_low } else { 0.0 };
    let mut high = p_high;
    let spread = high - low;
    if target > high && target <= high + spread * 0.5 {
        high = target;
    }
    if target < low && target >= low - spread * 0.5 {
        low = target;
    }
    let pad = (high - low) * 0.03;
    (low, high) = ((low - pad).max(0.0), high + pad);
    if high - low <= high.abs() * 1e-9 || low.is_nan() || high.is_nan() {
        // Every sample the same (all inputs fixed): one bar in a range around it.
        (low, high) = (0.0, (p_high.max(target) * 1.1).max(f64::MIN_POSITIVE));
    }
    // Its padding past a sample near the largest float is ∞, and every bin with it.
    (low, high.min(f64::MAX))
}

/// Counts `values` in [`BINS`] equal bins over [low, high], and in each those that make
/// `target` (at or above it, to within a rounding: `outcome::makes`, as P(feasible) counts
/// them); those outside are counted as below or above (NaN counts as below).
pub fn binned(values: &[f64], low: f64, high: f64, target: f64) -> Histogram {
    let mut counts = vec![0u64; BINS];
    let mut reaching = vec![0u64; BINS];
    let (mut below, mut above) = (0, 0);
    let width = (high - low) / BINS as f64;
    for v in values {
        if *v > high {
            above += 1;
        } else if v.is_nan() || *v < low {
            below += 1;
        } else {
            let bin = (((v - low) / width).floor() as usize).min(BINS - 1);
            counts[bin] += 1;
            reaching[bin] += u64::from(makes(*v, target));
        }
    }
    Histogram {
        counts,
        reaching,
        low,
        high,
        below,
        above,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_written_near_the_largest_float_stay_finite() {
        // Padded, or rounded up at the digits shown, 1.797e308 is ∞: every bin was ∞ wide,
        // every sample in the first.
        let values: Vec<f64> = (0..100)
            .map(|i| f64::MAX * (0.5 + f64::from(i) / 200.0))
            .collect();
        for h in [
            Histogram::of(&values, 1e6),
            Histogram::at_written_edges(&values, range(&values, 1e6), 1e6),
        ] {
            assert!(h.high.is_finite() && h.low.is_finite(), "{h:?}");
            assert!(h.counts.iter().filter(|c| **c > 0).count() > 1, "{h:?}");
        }
        // Elsewhere its edges are the figures written: 9,074,321 is drawn to 9.08M.
        let values: Vec<f64> = (0..=100)
            .map(|i| 4.6e6 + 44_743.21 * f64::from(i))
            .collect();
        let h = Histogram::at_written_edges(&values, range(&values, 5e6), 5e6);
        assert!(h.high >= 9.074e6 && h.high == at_least(h.high), "{h:?}");
    }

    #[test]
    fn samples_that_overflowed_are_counted_above_a_range_drawn_from_the_others() {
        let mut values = vec![f64::INFINITY; 10];
        values.extend((1..=90).map(f64::from));
        let h = Histogram::of(&values, 50.0);
        assert!(h.high.is_finite() && h.high < 100.0, "{h:?}");
        assert_eq!(h.above, 10);
        // Every one overflowed: nothing drawn, every sample counted above.
        let h = Histogram::of(&[f64::INFINITY; 5], 3e6);
        assert!(h.high.is_finite(), "{h:?}");
        assert_eq!((h.counts.iter().sum::<u64>(), h.above), (0, 5));
    }

    #[test]
    fn the_histogram_counts_the_tail_apart_instead_of_piling_it_in_the_last_bin() {
        let values = [0.0, 0.5, 1.0, 2.0, 4.0, 100.0, -1.0];
        let h = binned(&values, 0.0, 4.0, 1.0);
        assert_eq!(h.counts.iter().sum::<u64>() + h.below + h.above, 7);
        assert_eq!((h.below, h.above), (1, 1));
        assert_eq!(h.counts[BINS - 1], 1, "only the 4.0 itself");
        assert_eq!(h.counts[0], 1);
    }

    #[test]
    fn the_bin_the_target_lies_inside_counts_its_samples_on_each_side_of_it() {
        // 0 … 999 in 40 bins of 25 over [0, 1000]: the target 110 lies inside [100, 125).
        let values: Vec<f64> = (0..1000).map(f64::from).collect();
        let h = binned(&values, 0.0, 1000.0, 110.0);
        assert_eq!((h.counts[4], h.reaching[4]), (25, 15));
        assert_eq!(h.reaching[3], 0);
        assert_eq!(h.reaching[5], 25);
        assert_eq!(h.reaching.iter().sum::<u64>(), 890, "110 … 999");
        assert!(h.is_crossed());
        // On a bin's edge, no bin is crossed: 125 starts [125, 150).
        let h = binned(&values, 0.0, 1000.0, 125.0);
        assert!(!h.is_crossed());
        assert_eq!(h.reaching.iter().sum::<u64>(), 875);
    }

    #[test]
    fn the_histogram_spans_the_bulk_of_the_samples_and_a_near_target() {
        // 1,000 samples from 1 to 1,000 and one far outlier.
        let mut values: Vec<f64> = (1..=1000).map(f64::from).collect();
        values.push(1e9);
        let (low, high) = range(&values, 500.0);
        assert_eq!(low, 0.0, "from zero: the samples reach down near it");
        assert!(high > 995.0 && high < 1100.0, "{high}");
        let (_, high) = range(&values, 1200.0);
        assert!(high >= 1200.0, "a target just beyond is shown: {high}");
        let (_, high) = range(&values, 1e6);
        assert!(high < 1100.0, "a target far beyond is not: {high}");
        let far_from_zero: Vec<f64> = (0..1000).map(|i| 5e7 + f64::from(i) * 1e3).collect();
        let (low, _) = range(&far_from_zero, 5e7);
        assert!(low > 4e7, "{low}");
    }
}
