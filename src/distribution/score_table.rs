//! A law's value at a standard normal score, Q(Φ(z)), read from a table (docs/MODEL.md §12,
//! "Values at a score"). PERT and beta laws have no closed-form quantile: statrs inverts the
//! incomplete beta function by Newton steps, about 1 µs a value, which was most of the time
//! of a Sobol run with such an input. A long run computes the law at about 3,300 scores once and
//! interpolates between them; a short run, or a law with a closed form, gets a table without
//! nodes, which computes every value exactly ([`ScoreTable::for_run`]).
//!
//! The nodes are every [`STEP`] in z over ±[`REACH`]. Between two nodes the value is the cubic
//! Hermite through their values and their exact slopes, dQ/dz = φ(z) / f(Q), f the density.
//! When the table is built, each interval is checked against the exact value at a third, a
//! half and two thirds of its width. An interval that misses [`ScoreTable::TOLERANCE`] there
//! (where an extreme beta shape climbs steeply; or, where the support starts at 0, misses
//! [`ScoreTable::NEAR_ZERO`] of the value) or has a value or slope that is not finite, and
//! any score beyond the nodes, is computed exactly. Values stay inside the law's support.

use super::Dist;

/// The spacing of the nodes in z.
const STEP: f64 = 1.0 / 64.0;

/// The nodes cover z in [−REACH, REACH]; Sobol points reach |z| ≈ 6.3.
const REACH: f64 = 6.5;

/// Runs of at least this many samples read a PERT or beta law's values from nodes: a table
/// costs about 3,300 exact values and 3.7–7.3 ms to build, against 0.95–1.7 µs for each value
/// computed exactly and 10 ns for each value read (docs/MODEL.md §12, "Values at a score").
/// Shorter runs compute each value.
pub const TABLE_FROM: usize = 8192;

/// Where in each interval the interpolation is checked against the exact value: the cubic
/// Hermite's error goes like t²(1 − t)²·Q''''(ξ)/24, largest near the middle, and the thirds
/// catch a fourth derivative that changes across the interval.
const CHECKS: [f64; 3] = [1.0 / 3.0, 0.5, 2.0 / 3.0];

/// Q(Φ(z)) by cubic Hermite interpolation, exact where interpolation is not accurate enough
/// (everywhere, for a table without nodes).
#[derive(Debug, Clone)]
pub struct ScoreTable {
    dist: Dist,
    /// Q(Φ(z_k)) at z_k = −REACH + k·STEP.
    values: Vec<f64>,
    /// dQ/dz at z_k, times STEP.
    slopes: Vec<f64>,
    /// Per interval [z_k, z_k+1]: whether to compute exactly.
    exact: Vec<bool>,
    /// The support, into which interpolated values are clamped.
    low: f64,
    high: f64,
}

impl ScoreTable {
    /// The largest difference from the exact value an interval may show where it is checked,
    /// as a share of the support's width.
    pub const TOLERANCE: f64 = 1e-9;

    /// Where the support starts at 0 (a beta, a PERT from 0), the largest difference as a
    /// share of the value (where that is the smaller bound: below 1e-3 of the width).
    pub const NEAR_ZERO: f64 = 1e-6;

    /// The table a run of `samples` samples reads `dist`'s values at scores from: with nodes
    /// for a PERT or beta law from [`TABLE_FROM`] samples on, without (every value exact)
    /// otherwise.
    pub fn for_run(dist: &Dist, samples: usize) -> ScoreTable {
        if samples >= TABLE_FROM && dist.quantile_is_iterative() {
            ScoreTable::of(dist)
        } else {
            ScoreTable::exact(dist)
        }
    }

    /// A table without nodes: every value is `Dist::at_normal_score`'s, exactly.
    pub fn exact(dist: &Dist) -> ScoreTable {
        let (low, high) = dist.support();
        ScoreTable {
            dist: dist.clone(),
            values: Vec::new(),
            slopes: Vec::new(),
            exact: Vec::new(),
            low,
            high,
        }
    }

    /// The table of `dist` with its nodes: 2·REACH/STEP + 1 exact values, and three times as
    /// many to check them.
    pub fn of(dist: &Dist) -> ScoreTable {
        let nodes = (2.0 * REACH / STEP) as usize + 1;
        let z = |k: f64| -REACH + k * STEP;
        let values: Vec<f64> = (0..nodes)
            .map(|k| dist.at_normal_score(z(k as f64)))
            .collect();
        let slopes: Vec<f64> = (0..nodes)
            .map(|k| {
                let zk = z(k as f64);
                let phi = (-0.5 * zk * zk).exp() / (2.0 * std::f64::consts::PI).sqrt();
                STEP * phi / dist.density(values[k])
            })
            .collect();
        let (low, high) = dist.support();
        let tolerance = Self::TOLERANCE * (high - low);
        let mut table = ScoreTable {
            dist: dist.clone(),
            values,
            slopes,
            exact: vec![false; nodes - 1],
            low,
            high,
        };
        for k in 0..nodes - 1 {
            let finite = [k, k + 1]
                .iter()
                .all(|&i| table.values[i].is_finite() && table.slopes[i].is_finite());
            // A NaN difference fails too. Where the support starts at 0, to a share of the
            // value too: a beta with a shape near 0 has most of its values below 1e-20, where
            // the width's share read any of them as any other, and a fraction near 0 divides
            // (a required capture is R/W). Four units in the last place at least.
            let close = |t: &f64| {
                let exact = dist.at_normal_score(z(k as f64 + t));
                let near_zero = if low == 0.0 {
                    Self::NEAR_ZERO * exact
                } else {
                    f64::INFINITY
                };
                (table.interpolate(k, *t) - exact).abs()
                    <= tolerance.min(near_zero) + 4.0 * f64::EPSILON * exact.abs()
            };
            table.exact[k] = !(finite && CHECKS.iter().all(close));
        }
        table
    }

    /// The law's value at score `z`: within [`Self::TOLERANCE`] of the support's width of
    /// `Dist::at_normal_score(z)` where it interpolates (checked at a third, a half and two
    /// thirds of every interval; a test checks between).
    #[inline]
    pub fn at(&self, z: f64) -> f64 {
        let position = (z + REACH) / STEP;
        // Also false for NaN.
        if position >= 0.0 && position < self.exact.len() as f64 {
            let k = position as usize;
            if !self.exact[k] {
                return self
                    .interpolate(k, position - k as f64)
                    .clamp(self.low, self.high);
            }
        }
        self.dist.at_normal_score(z)
    }

    /// The law the table reads.
    pub fn dist(&self) -> &Dist {
        &self.dist
    }

    /// Whether the table has nodes (else every value is computed exactly).
    #[cfg(test)]
    pub fn has_nodes(&self) -> bool {
        !self.exact.is_empty()
    }

    /// The cubic Hermite on interval k at t in [0, 1].
    #[inline(always)]
    fn interpolate(&self, k: usize, t: f64) -> f64 {
        let (v0, v1, s0, s1) = (
            self.values[k],
            self.values[k + 1],
            self.slopes[k],
            self.slopes[k + 1],
        );
        let u = 1.0 - t;
        let (t2, u2) = (t * t, u * u);
        (1.0 + 2.0 * t) * u2 * v0 + t * u2 * s0 + t2 * (3.0 - 2.0 * t) * v1 - t2 * u * s1
    }

    /// How many intervals interpolate (the rest are computed exactly).
    #[cfg(test)]
    fn interpolated_intervals(&self) -> usize {
        self.exact.iter().filter(|e| !**e).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Laws whose exact quantile statrs computes to about 1e-13 of the width (checked as
    /// (F(Q(p)) − p)/f), and how they are written.
    fn smooth_laws() -> Vec<(&'static str, Dist)> {
        vec![
            ("pert 4%..6%..10%", Dist::pert(0.04, 0.06, 0.10).unwrap()),
            ("pert mode at min", Dist::pert(0.0, 0.0, 1.0).unwrap()),
            ("pert wide", Dist::pert(-5e6, 1e6, 9e7).unwrap()),
            ("beta 15, 5", Dist::beta(15.0, 5.0).unwrap()),
            ("beta 0.5, 0.5", Dist::beta(0.5, 0.5).unwrap()),
            ("beta 2, 200", Dist::beta(2.0, 200.0).unwrap()),
            ("beta 0.1, 0.1", Dist::beta(0.1, 0.1).unwrap()),
        ]
    }

    /// Extreme shapes, where statrs' own quantile is good to only about 1e-7 of the width.
    fn extreme_laws() -> Vec<(&'static str, Dist)> {
        vec![
            ("beta 0.001, 3", Dist::beta(0.001, 3.0).unwrap()),
            ("beta 1e6, 1e6", Dist::beta(1e6, 1e6).unwrap()),
        ]
    }

    /// The largest difference from `Dist::at_normal_score` over scores in ±`reach` (between
    /// the nodes, not only where the build checked), as a share of the width; every value
    /// inside the support.
    fn worst_difference(name: &str, dist: &Dist, reach: f64) -> f64 {
        let table = ScoreTable::of(dist);
        let (low, high) = dist.support();
        let mut worst: f64 = 0.0;
        for i in 0..40_000 {
            let z = reach * (2.0 * (i as f64 + 0.37) / 40_000.0 - 1.0);
            let (got, exact) = (table.at(z), dist.at_normal_score(z));
            assert!(
                (low..=high).contains(&got),
                "{name}: {got} outside the support"
            );
            worst = worst.max((got - exact).abs() / (high - low));
        }
        worst
    }

    #[test]
    fn values_are_within_the_tolerance_of_the_exact_quantile_between_the_nodes() {
        // Above z ≈ 6, Φ(z) rounds near 1 and the exact value itself is off by up to about
        // 1e-9 of the width: there, and beyond the nodes, the bar is 1e-8.
        for (name, dist) in smooth_laws() {
            let worst = worst_difference(name, &dist, 6.0);
            assert!(
                worst <= ScoreTable::TOLERANCE,
                "{name}: off by {worst:e} of the width"
            );
            let worst = worst_difference(name, &dist, 7.0);
            assert!(
                worst <= 1e-8,
                "{name}: off by {worst:e} of the width in the far tails"
            );
        }
        for (name, dist) in extreme_laws() {
            let worst = worst_difference(name, &dist, 7.0);
            assert!(worst <= 1e-6, "{name}: off by {worst:e} of the width");
        }
    }

    #[test]
    fn smooth_laws_interpolate_almost_everywhere_and_a_steep_climb_is_computed_exactly() {
        // Beta(0.1, 0.1) piles up at 0 and 1 and climbs steeply between, and its values near 0
        // are held to a millionth of themselves: about two thirds of its intervals are computed
        // exactly (a quarter of Beta(0.5, 0.5)'s), most of them where few samples are.
        for (name, dist) in smooth_laws() {
            let table = ScoreTable::of(&dist);
            let share = table.interpolated_intervals() as f64 / table.exact.len() as f64;
            let least = match name {
                "beta 0.5, 0.5" => 0.7,
                "beta 0.1, 0.1" => 0.3,
                _ => 0.95,
            };
            assert!(
                share > least,
                "{name}: only {share} of the intervals interpolate"
            );
        }
        // Beta(0.001, 3) is below 1e-7 up to z ≈ 2.2 and climbs steeply from there: those
        // intervals miss the tolerance and are computed exactly.
        let steep = ScoreTable::of(&Dist::beta(0.001, 3.0).unwrap());
        let position = |z: f64| ((z + REACH) / STEP) as usize;
        assert!(steep.exact[position(2.5)] && steep.exact[position(2.9)]);
        assert!(
            steep.interpolated_intervals() > 0,
            "it still interpolates somewhere"
        );
    }

    #[test]
    fn values_near_zero_are_within_a_millionth_of_themselves() {
        // Half of Beta(0.011, 0.068)'s mass is below 1e-20: held only to 1e-9 of the width,
        // any of those values could be read as any other (a required capture's P90 of 8.5e15
        // where it is 5e82).
        for (a, b) in [(0.011, 0.068), (0.001, 3.0), (0.5, 0.5), (3.0, 0.02)] {
            let dist = Dist::beta(a, b).unwrap();
            let table = ScoreTable::of(&dist);
            for i in 0..40_000 {
                let z = 6.0 * (2.0 * (f64::from(i) + 0.37) / 40_000.0 - 1.0);
                let (got, exact) = (table.at(z), dist.at_normal_score(z));
                assert!(
                    (got - exact).abs() <= 1e-9_f64.min(1e-5 * exact) + 4.0 * f64::EPSILON * exact,
                    "Beta({a}, {b}) at {z}: {got} for {exact}"
                );
            }
        }
    }

    #[test]
    fn a_short_run_or_a_law_with_a_closed_form_gets_no_nodes_and_exact_values() {
        let pert = Dist::pert(0.04, 0.06, 0.10).unwrap();
        let triangular = Dist::triangular(0.04, 0.06, 0.10).unwrap();
        assert!(ScoreTable::for_run(&pert, TABLE_FROM).has_nodes());
        assert!(!ScoreTable::for_run(&pert, TABLE_FROM - 1).has_nodes());
        assert!(!ScoreTable::for_run(&triangular, TABLE_FROM).has_nodes());
        let short = ScoreTable::for_run(&pert, TABLE_FROM - 1);
        for z in [-7.0, -1.3, 0.0, 0.77, 6.1] {
            assert_eq!(short.at(z), pert.at_normal_score(z));
        }
    }

    #[test]
    fn a_nan_or_a_score_beyond_the_nodes_is_computed_exactly() {
        let dist = Dist::beta(15.0, 5.0).unwrap();
        let table = ScoreTable::of(&dist);
        assert!(table.at(f64::NAN).is_nan());
        for z in [-9.0, -REACH - 1e-9, REACH, 8.0] {
            assert_eq!(table.at(z), dist.at_normal_score(z));
        }
    }
}
