//! Summaries of sampled figures (docs/MODEL.md §6 "Summaries").
//!
//! Quantiles interpolate linearly between order statistics, as NumPy's default does:
//! with h = (N − 1)·p, Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎). Order statistics are
//! found by selection (O(N)), never by a full sort, and without reordering the samples.

use serde::Serialize;
use wide::{f64x4, u64x4};

/// P10, P50, P90 and mean of one figure across the samples.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
    pub mean: f64,
}

/// The quantiles every summary reports.
pub const SUMMARY_PS: [f64; 3] = [0.1, 0.5, 0.9];

/// Whether a function preserves or reverses the order of what it is applied to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Non-decreasing: x ≤ y ⇒ f(x) ≤ f(y).
    Increasing,
    /// Non-increasing: x ≤ y ⇒ f(x) ≥ f(y).
    Decreasing,
}

/// The ranks (0-based, ascending) that the quantiles at `ps` of f(x) read, over `n` values,
/// when f is monotone in `order`: the i-th smallest f(x) is f of the i-th smallest x when f
/// increases and of the i-th largest when it decreases.
pub fn quantile_ranks(n: usize, ps: &[f64], order: Order) -> Vec<usize> {
    ps.iter()
        .flat_map(|&p| {
            let (below, above, _) = position(n, p);
            [rank(n, below, order), rank(n, above, order)]
        })
        .collect()
}

/// Where the p-quantile of n values sits: the two order statistics around h = (n−1)·p and the
/// fraction of the way from the first to the second.
fn position(n: usize, p: f64) -> (usize, usize, f64) {
    let last = n.saturating_sub(1);
    let h = p.clamp(0.0, 1.0) * last as f64;
    let below = (h.floor() as usize).min(last);
    (below, (below + 1).min(last), h - h.floor())
}

/// The rank of x holding the i-th smallest f(x).
fn rank(n: usize, i: usize, order: Order) -> usize {
    match order {
        Order::Increasing => i,
        Order::Decreasing => n.saturating_sub(1) - i,
    }
}

/// The values of one sampled figure at chosen ranks, found without sorting or reordering it.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderStatistics {
    n: usize,
    /// (rank, value), ascending by rank.
    found: Vec<(usize, f64)>,
}

/// Below this many values, selection copies them and partitions; above, it brackets.
const BRACKET_ABOVE: usize = 4096;

impl OrderStatistics {
    /// The order statistics of `values` at `ranks` (any order, duplicates allowed), in the total
    /// order of f64.
    ///
    /// For large inputs: sort a strided sample of about 2·n^(2/3) values, take around each wanted
    /// rank a bracket wide enough to hold it with overwhelming probability, then count and
    /// collect in one pass the values below and inside each bracket. A rank whose
    /// bracket holds it is read from the few values collected there (exact: everything below the
    /// bracket has been counted); a bracket that misses falls back to a full selection.
    /// Runs on the calling thread: callers select on several figures in parallel.
    pub fn select(values: &[f64], ranks: Vec<usize>) -> OrderStatistics {
        let n = values.len();
        let mut ranks: Vec<usize> = ranks.into_iter().filter(|r| *r < n).collect();
        ranks.sort_unstable();
        ranks.dedup();
        let found = if n <= BRACKET_ABOVE {
            select_by_partition(values, &ranks)
        } else {
            select_by_brackets(values, &ranks)
        };
        OrderStatistics { n, found }
    }

    /// Order statistics found elsewhere (a pass that kept the values near each rank): `found`
    /// holds (rank, value) pairs of `n` values.
    pub fn from_found(n: usize, mut found: Vec<(usize, f64)>) -> OrderStatistics {
        found.sort_by_key(|(r, _)| *r);
        found.dedup_by_key(|(r, _)| *r);
        OrderStatistics { n, found }
    }

    /// The statistics a summary needs (and their mirror images, for a decreasing function of
    /// the figure), plus `extra` ranks. The pass finds these while it runs; the tests, from
    /// whole columns.
    #[cfg(test)]
    pub fn for_summary(values: &[f64], extra: &[usize]) -> OrderStatistics {
        let n = values.len();
        let mut ranks = quantile_ranks(n, &SUMMARY_PS, Order::Increasing);
        ranks.extend(quantile_ranks(n, &SUMMARY_PS, Order::Decreasing));
        ranks.extend_from_slice(extra);
        Self::select(values, ranks)
    }

    /// The value at `rank`; NaN if it was not selected (or there are no values).
    pub fn value(&self, rank: usize) -> f64 {
        self.found
            .binary_search_by_key(&rank, |(r, _)| *r)
            .map_or(f64::NAN, |i| self.found[i].1)
    }

    /// The p-quantile, linearly interpolated (NumPy's default).
    pub fn quantile(&self, p: f64) -> f64 {
        self.quantile_of(p, |x| x, Order::Increasing)
    }

    /// The p-quantile of f(x) for a monotone f, from the order statistics of x.
    pub fn quantile_of(&self, p: f64, f: impl Fn(f64) -> f64, order: Order) -> f64 {
        if self.n == 0 {
            return f64::NAN;
        }
        let (below, above, fraction) = position(self.n, p);
        let a = f(self.value(rank(self.n, below, order)));
        let b = f(self.value(rank(self.n, above, order)));
        interpolate(a, b, fraction)
    }

    /// P10, P50, P90 of f(x), with the mean the caller accumulated.
    pub fn summary_of(&self, mean: f64, f: impl Fn(f64) -> f64, order: Order) -> Summary {
        let [p10, p50, p90] = SUMMARY_PS.map(|p| self.quantile_of(p, &f, order));
        Summary {
            p10,
            p50,
            p90,
            mean,
        }
    }

    /// P10, P50, P90 of the figure itself, with the mean the caller accumulated.
    pub fn summary(&self, mean: f64) -> Summary {
        self.summary_of(mean, |x| x, Order::Increasing)
    }
}

/// The values at `ranks` (sorted, unique, each < `values.len()`; 0-based, in the total order
/// of f64) of `values`: one recursive partition of their integer keys, not one per rank.
fn select_values(values: &[f64], ranks: &[usize]) -> Vec<f64> {
    let mut keys: Vec<i64> = values.iter().map(|x| key(*x)).collect();
    select_keys(&mut keys, ranks)
}

/// `select_values` on values given by their [`key`]s, reordering them.
pub fn select_keys(keys: &mut [i64], ranks: &[usize]) -> Vec<f64> {
    select_ranks(keys, ranks, 0);
    ranks.iter().map(|&r| value_of(keys[r])).collect()
}

/// Linear-interpolated quantiles at `ps` (each in [0, 1]); NaN when `values` is empty.
pub fn quantiles<const K: usize>(values: &[f64], ps: [f64; K]) -> [f64; K] {
    let statistics =
        OrderStatistics::select(values, quantile_ranks(values.len(), &ps, Order::Increasing));
    ps.map(|p| statistics.quantile(p))
}

/// The value of order statistic `rank` (0-based, ascending).
pub fn order_statistic(values: &[f64], rank: usize) -> f64 {
    let rank = rank.min(values.len().saturating_sub(1));
    OrderStatistics::select(values, vec![rank]).value(rank)
}

/// The value at `fraction` of the way from `a` to `b`, written so that equal ends (∞ too)
/// give that value rather than NaN.
fn interpolate(a: f64, b: f64, fraction: f64) -> f64 {
    if fraction == 0.0 || a == b {
        a
    } else {
        a + (b - a) * fraction
    }
}

/// Exact selection on a copy: partition around the middle wanted rank, recurse on each side.
fn select_by_partition(values: &[f64], ranks: &[usize]) -> Vec<(usize, f64)> {
    ranks
        .iter()
        .copied()
        .zip(select_values(values, ranks))
        .collect()
}

/// Places the order statistics at every rank in `ranks` (sorted, unique, relative to the
/// slice's position `offset` in the whole) at their sorted positions.
fn select_ranks(keys: &mut [i64], ranks: &[usize], offset: usize) {
    if ranks.is_empty() || keys.is_empty() {
        return;
    }
    let middle = ranks.len() / 2;
    let rank = ranks[middle] - offset;
    keys.select_nth_unstable(rank);
    let (left, right) = keys.split_at_mut(rank);
    select_ranks(left, &ranks[..middle], offset);
    select_ranks(&mut right[1..], &ranks[middle + 1..], offset + rank + 1);
}

/// A value range around some wanted ranks, and what a pass over the values found in it.
#[derive(Debug, Clone)]
struct Bracket {
    /// Total-order keys of the range's ends (see [`key`]).
    low: i64,
    high: i64,
    /// Values below `low`.
    below: usize,
    /// The keys of the values in [low, high].
    inside: Vec<i64>,
}

/// An integer that orders like `f64::total_cmp`, so the hot loops compare integers.
#[inline]
pub fn key(x: f64) -> i64 {
    flip(x.to_bits() as i64)
}

/// [`key`] of four values at once.
#[inline(always)]
pub fn keys4(x: f64x4) -> [i64; 4] {
    let bits: u64x4 = x.to_bits();
    // All ones but the sign bit where the value is negative (0 − 1 wraps), else zero.
    let negative: u64x4 = (u64x4::ZERO - (bits >> 63)) >> 1;
    let keys: u64x4 = bits ^ negative;
    keys.to_array().map(|k| k as i64)
}

/// The value whose [`key`] is `k`.
#[inline]
pub fn value_of(k: i64) -> f64 {
    f64::from_bits(flip(k) as u64)
}

/// Negative values' bits but the sign reversed, so that they order as integers; the sign bit
/// is kept, so this is its own inverse.
#[inline]
fn flip(bits: i64) -> i64 {
    bits ^ ((((bits >> 63) as u64) >> 1) as i64)
}

/// Selection by brackets from a strided sample (see [`OrderStatistics::select`];
/// docs/MODEL.md §6, "Finding order statistics", on full columns). Not the headline pass's
/// bracketing (`pass::bracket_ranges`), on purpose: a column is all in memory, so its brackets
/// come from a strided sample of the whole of it, with one margin for every rank, in the
/// total-order keys (a NaN has its place), and a miss selects on a copy; the pass never holds
/// its values, so it brackets from its first chunks with a margin per rank, compares f64 in
/// its vector loop, and runs again on a miss or a NaN. Both read their ranks by the same exact
/// selection ([`select_keys`]), so what they find does not depend on the brackets.
fn select_by_brackets(values: &[f64], ranks: &[usize]) -> Vec<(usize, f64)> {
    let (mut brackets, expected_inside) = brackets_from_sample(values, ranks);
    count_into_brackets(values, &mut brackets, expected_inside);
    let mut found = Vec::with_capacity(ranks.len());
    for bracket in &mut brackets {
        let local: Vec<usize> = ranks
            .iter()
            .filter_map(|r| r.checked_sub(bracket.below))
            .filter(|i| *i < bracket.inside.len())
            .collect();
        let values = select_keys(&mut bracket.inside, &local);
        found.extend(
            local
                .iter()
                .zip(values)
                .map(|(i, v)| (bracket.below + i, v)),
        );
    }
    found.sort_by_key(|(r, _)| *r);
    found.dedup_by_key(|(r, _)| *r);
    if found.len() == ranks.len() {
        found
    } else {
        select_by_partition(values, ranks)
    }
}

/// Value brackets around the wanted ranks, read off a strided sample of about 2·N^(2/3)
/// values (overlapping brackets merged), with how many values each is expected to hold.
fn brackets_from_sample(values: &[f64], ranks: &[usize]) -> (Vec<Bracket>, usize) {
    let n = values.len();
    let m = ((2.0 * (n as f64).powf(2.0 / 3.0)) as usize).clamp(1, n);
    let sample: Vec<f64> = (0..m).map(|i| values[i * n / m]).collect();
    // The sample rank of a quantile varies by at most √(m/4); six of those is a miss in
    // about one run in a billion, and a miss only costs time.
    let margin = (3.0 * (m as f64).sqrt()).ceil() as usize + 2;
    let ends = |r: usize| {
        let centre = r * m / n;
        (
            centre.checked_sub(margin),
            Some(centre + margin).filter(|i| *i < m),
        )
    };
    let mut sample_ranks: Vec<usize> = ranks
        .iter()
        .flat_map(|&r| {
            let (a, b) = ends(r);
            [a, b]
        })
        .flatten()
        .collect();
    sample_ranks.sort_unstable();
    sample_ranks.dedup();
    let mut sample: Vec<i64> = sample.iter().map(|x| key(*x)).collect();
    select_ranks(&mut sample, &sample_ranks, 0);
    let mut brackets: Vec<Bracket> = Vec::new();
    for &r in ranks {
        let (low, high) = ends(r);
        let low = low.map_or(i64::MIN, |i| sample[i]);
        let high = high.map_or(i64::MAX, |i| sample[i]);
        match brackets.last_mut() {
            Some(last) if low <= last.high => last.high = high,
            _ => brackets.push(Bracket {
                low,
                high,
                below: 0,
                inside: Vec::new(),
            }),
        }
    }
    (brackets, 4 * margin * n / m + 16)
}

/// One pass over the values: for each bracket, counts the values below it and collects the
/// values inside it.
fn count_into_brackets(values: &[f64], brackets: &mut [Bracket], expected_inside: usize) {
    let lows: Vec<i64> = brackets.iter().map(|b| b.low).collect();
    // highs[j]: the top of the bracket a value with j bracket starts at or below it may be in
    // (bracket j − 1; none for j = 0).
    let highs: Vec<i64> = std::iter::once(i64::MIN)
        .chain(brackets.iter().map(|b| b.high))
        .collect();
    let mut starts_at_or_below = vec![0usize; lows.len() + 1];
    let mut inside: Vec<Vec<i64>> = (0..=lows.len())
        .map(|j| Vec::with_capacity(if j == 0 { 0 } else { expected_inside }))
        .collect();
    for &x in values {
        let k = key(x);
        // Counting every start (no early exit) keeps the loop free of unpredictable branches.
        let j = lows.iter().filter(|&&low| low <= k).count();
        starts_at_or_below[j] += 1;
        if k <= highs[j] {
            inside[j].push(k);
        }
    }
    // A value with j bracket starts at or below it lies below brackets j, j + 1, ...
    let mut running = 0;
    for (j, bracket) in brackets.iter_mut().enumerate() {
        running += starts_at_or_below[j];
        bracket.below = running;
        bracket.inside = std::mem::take(&mut inside[j + 1]);
    }
}

/// ⌈confidence·N⌉: how many of N samples must be feasible for the plan to be realistic (at
/// most N, and at least 1 of N ≥ 1).
///
/// The product is taken on the decimal the confidence is written as (its shortest form, which
/// reads back as the same number), exactly: 0.55 × 100 asks for 55 samples, where floating
/// point's 55.000000000000007 would ask for 56. (A tolerance of 10⁻⁹ around whole numbers did
/// that before, and rounded down every c·N just above a whole number: `confidence =
/// 0.8000000005` read as 0.8, "P(feasible) 80%: realistic at 80.00000005% confidence", and
/// 0.5001 × 205,001 = 102,521.0001 asked for 102,521.)
pub fn needed_count(confidence: f64, samples: u64) -> u64 {
    let ceiling = decimal_product_ceiling(confidence, samples)
        .unwrap_or_else(|| (confidence * samples as f64).ceil() as u64);
    ceiling.clamp(samples.min(1), samples)
}

/// ⌈x·n⌉ for x ≥ 0 as its shortest decimal (`x = D·10⁻ˢ`), in whole numbers; `None` where that
/// does not fit: a scale s outside 0..=38 (x a whole number of two digits or more, or below
/// about 10⁻³⁸), a product past the integers, or x negative or not finite. A confidence lies
/// in [0.5, 0.99].
fn decimal_product_ceiling(x: f64, n: u64) -> Option<u64> {
    let text = format!("{x:e}");
    let (mantissa, exponent) = text.split_once('e')?;
    let exponent: i32 = exponent.parse().ok()?;
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let d: u128 = digits.parse().ok()?;
    let scale = digits.len() as i32 - 1 - exponent;
    if !(0..=38).contains(&scale) || x < 0.0 {
        return None;
    }
    let denominator = 10u128.checked_pow(scale as u32)?;
    let product = d.checked_mul(u128::from(n))?;
    u64::try_from(product.div_ceil(denominator)).ok()
}

/// The realistic target's rank among N achievable revenues in increasing order (0-based):
/// N − ⌈confidence·N⌉ ([`needed_count`]), the largest value with at least that many samples at
/// or above it. The headline, the frontier and the tornado's bars each take it so.
pub fn realistic_rank(confidence: f64, samples: usize) -> usize {
    // confidence ≥ 0.5, so 1 ≤ needed ≤ N.
    samples - needed_count(confidence, samples as u64) as usize
}

/// P(feasible) = F/N and its standard error √(p(1−p)/N), exactly 0 when p is 0 or 1.
pub fn proportion(count: u64, samples: u64) -> (f64, f64) {
    if samples == 0 {
        return (f64::NAN, f64::NAN);
    }
    let p = count as f64 / samples as f64;
    let se = if count == 0 || count == samples {
        0.0
    } else {
        (p * (1.0 - p) / samples as f64).sqrt()
    };
    (p, se)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Quantiles by sorting, the definition selection must match.
    fn sorted_quantile(values: &[f64], p: f64) -> f64 {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let (below, above, fraction) = position(sorted.len(), p);
        interpolate(sorted[below], sorted[above], fraction)
    }

    #[test]
    fn four_keys_at_once_are_four_keys() {
        let xs = [
            -f64::NAN,
            f64::NEG_INFINITY,
            -1e300,
            -1.0,
            -f64::MIN_POSITIVE / 4.0,
            -0.0,
            0.0,
            f64::MIN_POSITIVE / 4.0,
            2.5,
            f64::INFINITY,
            f64::NAN,
            f64::MAX,
        ];
        for four in xs.chunks(4) {
            let four: [f64; 4] = [four[0], four[1], four[2], four[3]];
            assert_eq!(keys4(f64x4::new(four)), four.map(key));
        }
        // Keys order like total_cmp, and invert.
        let keys: Vec<i64> = xs.iter().map(|x| key(*x)).collect();
        assert!(keys.windows(2).take(10).all(|w| w[0] < w[1]));
        assert!(
            xs.iter()
                .all(|x| value_of(key(*x)).to_bits() == x.to_bits())
        );
    }

    #[test]
    fn quantiles_interpolate_like_numpy() {
        // numpy.quantile([1, 2, 3, 4], [0.1, 0.5, 0.9]) == [1.3, 2.5, 3.7]
        let [p10, p50, p90] = quantiles(&[4.0, 1.0, 3.0, 2.0], [0.1, 0.5, 0.9]);
        assert!((p10 - 1.3).abs() < 1e-12);
        assert_eq!(p50, 2.5);
        assert!((p90 - 3.7).abs() < 1e-12);
    }

    #[test]
    fn selection_agrees_with_sorting_small_and_large() {
        for n in [1usize, 2, 3, 5, 10, 11, 100, 1001, 4097, 50_000, 200_001] {
            let values: Vec<f64> = (0..n).map(|i| ((i * 7919 + 13) % 100_003) as f64).collect();
            let got = quantiles(&values, [0.1, 0.5, 0.9, 0.0, 1.0, 0.37]);
            for (q, p) in got.iter().zip([0.1, 0.5, 0.9, 0.0, 1.0, 0.37]) {
                assert_eq!(*q, sorted_quantile(&values, p), "n={n} p={p}");
            }
        }
    }

    #[test]
    fn selection_handles_ties_and_sorted_input() {
        let ties: Vec<f64> = (0..100_000).map(|i| (i % 3) as f64).collect();
        let sorted: Vec<f64> = (0..100_000).map(f64::from).collect();
        for values in [ties, sorted] {
            for p in [0.1, 0.5, 0.9] {
                assert_eq!(quantiles(&values, [p])[0], sorted_quantile(&values, p));
            }
        }
    }

    #[test]
    fn a_misleading_sample_falls_back_to_exact_selection() {
        // Every value the strided sample reads is huge; the others are small (the sample as
        // brackets_from_sample strides it).
        let n = 10_000;
        let m = (2.0 * (n as f64).powf(2.0 / 3.0)) as usize;
        let mut values: Vec<f64> = (0..n).map(|i| i as f64).collect();
        for i in 0..m {
            values[i * n / m] = 1e9;
        }
        assert_eq!(quantiles(&values, [0.5])[0], sorted_quantile(&values, 0.5));
    }

    #[test]
    fn quantiles_of_a_decreasing_function_come_from_reversed_ranks() {
        let values: Vec<f64> = (1..=11).map(f64::from).collect();
        let direct: Vec<f64> = values.iter().map(|x| 1.0 / x).collect();
        let statistics = OrderStatistics::for_summary(&values, &[]);
        for p in SUMMARY_PS {
            let got = statistics.quantile_of(p, |x| 1.0 / x, Order::Decreasing);
            assert_eq!(got, sorted_quantile(&direct, p));
        }
    }

    #[test]
    fn infinite_values_do_not_turn_into_nan() {
        let values = [1.0, f64::INFINITY, f64::INFINITY, f64::INFINITY];
        assert_eq!(quantiles(&values, [0.5, 0.9]), [f64::INFINITY; 2]);
        assert_eq!(
            quantiles(&[1.0, 2.0, f64::INFINITY], [0.9])[0],
            f64::INFINITY
        );
    }

    #[test]
    fn needed_counts_round_up_but_not_past_an_exact_product() {
        assert_eq!(needed_count(0.8, 100_000), 80_000);
        assert_eq!(needed_count(0.55, 100), 55);
        assert_eq!(needed_count(0.8, 7), 6);
        assert_eq!(needed_count(0.5, 1), 1);
        // 2.4 is not within rounding of 2: it takes the ceiling, not the nearest whole number.
        assert_eq!(needed_count(0.8, 3), 3);
        // 0.55 × 100,000 is 55,000.00000000001 in floating point.
        assert_eq!(needed_count(0.55, 100_000), 55_000);
        assert_eq!(needed_count(0.7, 10), 7);
        assert_eq!(needed_count(0.99, 1 << 20), 1_038_091); // 1,038,090.24
        // A confidence a hair above 0.8 asks for one more sample than 0.8 does: P(feasible) of
        // exactly 80% is short of 80.00000005%.
        assert_eq!(needed_count(0.800_000_000_5, 100_000), 80_001);
        assert_eq!(needed_count(0.8 + f64::EPSILON, 100_000), 80_001);
        assert_eq!(needed_count(0.5, 0), 0);
        // Four decimals at 205,001 samples: 102,521.0001, not a rounding of 102,521.
        assert_eq!(needed_count(0.5001, 205_001), 102_522);
    }

    #[test]
    fn quantiles_of_no_values_are_nan() {
        assert!(quantiles(&[], [0.1, 0.5, 0.9]).iter().all(|q| q.is_nan()));
    }

    #[test]
    fn standard_error_is_zero_at_certainty() {
        assert_eq!(proportion(0, 10), (0.0, 0.0));
        assert_eq!(proportion(10, 10), (1.0, 0.0));
        let (p, se) = proportion(25, 100);
        assert_eq!(p, 0.25);
        assert!((se - (0.25f64 * 0.75 / 100.0).sqrt()).abs() < 1e-15);
    }
}
