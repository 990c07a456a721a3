//! The two fits without a closed form, by Nelder–Mead (argmin): triangular (on the profile
//! likelihood of its ends) and beta (on the logarithms of its shapes).

use argmin::core::{CostFunction, Error, Executor, State};
use argmin::solver::neldermead::NelderMead;
use statrs::function::beta::ln_beta;

use super::NotFitted;
use crate::distribution::Dist;

/// Iterations each search may take; both converge in far fewer on real data.
const MAX_ITERATIONS: u64 = 2_000;

/// Minimises `cost`, a negative log-likelihood of `n` values, over two parameters from the
/// simplex `start`; the best point and its cost. The search stops when the costs at the
/// simplex's corners agree to 1e-12, or to 1e-15 per value past 1,000 values: a sum of n
/// logarithms carries rounding of about n·1e-16, so a tolerance of 1e-12 whatever n was never
/// met on some data sets of 50,000 values and more, and the search ran its 2,000 iterations
/// (6 minutes on 1M values). Up to 1,000 values the fits are as before, to the last bit.
fn minimise<C>(cost: C, start: Vec<Vec<f64>>, n: usize) -> Option<(Vec<f64>, f64)>
where
    C: CostFunction<Param = Vec<f64>, Output = f64>,
{
    search(cost, start, n).map(|(best, cost, _)| (best, cost))
}

/// [`minimise`], with the number of iterations it took.
fn search<C>(cost: C, start: Vec<Vec<f64>>, n: usize) -> Option<(Vec<f64>, f64, u64)>
where
    C: CostFunction<Param = Vec<f64>, Output = f64>,
{
    let tolerance = 1e-12 * (n as f64 / 1000.0).max(1.0);
    let solver = NelderMead::new(start).with_sd_tolerance(tolerance).ok()?;
    let result = Executor::new(cost, solver)
        .configure(|state| state.max_iters(MAX_ITERATIONS))
        .run()
        .ok()?;
    let state = result.state();
    let best = state.get_best_param()?.clone();
    Some((best, state.get_best_cost(), state.get_iter()))
}

/// The negative log-likelihood of a triangular on ends a = x₍₀₎ − e^u·w and b = x₍ₙ₋₁₎ + e^v·w
/// (w the data's range), at its likeliest mode.
#[derive(Debug, Clone, Copy)]
struct TriangularProfile<'a> {
    sorted: &'a [f64],
}

impl TriangularProfile<'_> {
    /// The ends a and b of the point (u, v).
    fn ends(&self, p: &[f64]) -> (f64, f64) {
        let (low, high) = (self.sorted[0], self.sorted[self.sorted.len() - 1]);
        let width = high - low;
        let at = |s: f64| s.clamp(-40.0, 5.0).exp() * width;
        (low - at(p[0]), high + at(p[1]))
    }

    /// The likeliest mode for ends a < x₍₀₎ and b > x₍ₙ₋₁₎, with ln L there. The density is
    /// 2(x−a)/((b−a)(c−a)) left of c and 2(b−x)/((b−a)(b−c)) right of it; between two values
    /// ln L is convex in c, so the maximum is at a value or at an end. With P_r = Σ_{i<r}
    /// ln(x_i − a) and S_r = Σ_{i>r} ln(b − x_i), the mode at x_r gives
    /// n·ln 2 − n·ln(b − a) + P_r − r·ln(x_r − a) + S_r − (n−r−1)·ln(b − x_r).
    fn best_mode(&self, a: f64, b: f64) -> (f64, f64) {
        let x = self.sorted;
        let n = x.len();
        let base = n as f64 * (2.0f64.ln() - (b - a).ln());
        let below: f64 = x.iter().map(|v| (v - a).ln()).sum();
        let above: f64 = x.iter().map(|v| (b - v).ln()).sum();
        // Mode at an end: every value on one side.
        let mut best = (a, base + above - n as f64 * (b - a).ln());
        let at_b = base + below - n as f64 * (b - a).ln();
        if at_b > best.1 {
            best = (b, at_b);
        }
        let (mut left, mut right) = (0.0, above);
        for (r, &c) in x.iter().enumerate() {
            right -= (b - c).ln();
            let l =
                base + left - r as f64 * (c - a).ln() + right - (n - r - 1) as f64 * (b - c).ln();
            if l > best.1 {
                best = (c, l);
            }
            left += (c - a).ln();
        }
        best
    }
}

impl CostFunction for TriangularProfile<'_> {
    type Param = Vec<f64>;
    type Output = f64;

    fn cost(&self, p: &Vec<f64>) -> Result<f64, Error> {
        let (a, b) = self.ends(p);
        let (_, log_likelihood) = self.best_mode(a, b);
        Ok(if log_likelihood.is_finite() {
            -log_likelihood
        } else {
            f64::MAX
        })
    }
}

/// The triangular search's first simplex: each end 5% of the data's range beyond it.
fn triangular_start() -> Vec<Vec<f64>> {
    let start = (0.05f64).ln();
    vec![
        vec![start, start],
        vec![start + 1.0, start],
        vec![start, start + 1.0],
    ]
}

/// The triangular's (min, mode, max) and ln L, by Nelder–Mead on the profile likelihood.
pub fn triangular(sorted: &[f64]) -> Result<(Vec<f64>, f64), NotFitted> {
    let profile = TriangularProfile { sorted };
    let (best, _) = minimise(profile, triangular_start(), sorted.len()).ok_or(NotFitted::Failed)?;
    let (a, b) = profile.ends(&best);
    let (mode, log_likelihood) = profile.best_mode(a, b);
    // Ends that overflowed are refused with every form's other checks (`fit_sorted`).
    if !log_likelihood.is_finite() {
        return Err(NotFitted::Failed);
    }
    // Where the likeliest mode is the smallest (or largest) value, the likelihood grows as the
    // end nears it, toward the right-angled triangle with its end there: the search stops a
    // hair short (e^u·w, u at its floor), and that hair read `min = -3.841e-15` beside
    // `mode = 0`. The end is the value; ln L there is the limit it tends to, the same to a
    // part in 10⁹ (computing it at the end itself would take ln 0 · 0).
    let (low, high) = (sorted[0], sorted[sorted.len() - 1]);
    let hair = (high - low) * 1e-9;
    let a = if mode == low && low - a <= hair {
        low
    } else {
        a
    };
    let b = if mode == high && b - high <= hair {
        high
    } else {
        b
    };
    Ok((vec![a, mode, b], log_likelihood))
}

/// The negative log-likelihood of a beta at (ln α, ln β) from the sufficient statistics:
/// −n·((α−1)·mean ln x + (β−1)·mean ln(1−x) − ln B(α, β)).
#[derive(Debug, Clone, Copy)]
struct BetaLikelihood {
    n: f64,
    mean_ln: f64,
    mean_ln_complement: f64,
}

impl BetaLikelihood {
    fn log_likelihood(&self, alpha: f64, beta: f64) -> f64 {
        self.n
            * ((alpha - 1.0) * self.mean_ln + (beta - 1.0) * self.mean_ln_complement
                - ln_beta(alpha, beta))
    }
}

impl CostFunction for BetaLikelihood {
    type Param = Vec<f64>;
    type Output = f64;

    /// Unbounded: shapes clamped to the range a scenario accepts made the likelihood flat
    /// outside it, and a search started there (values all near 0.8, whose method of moments
    /// gives Beta(8·10¹³, 2·10¹³)) stopped where it began, at Beta(10⁶, 10⁶).
    fn cost(&self, p: &Vec<f64>) -> Result<f64, Error> {
        let l = self.log_likelihood(p[0].exp(), p[1].exp());
        Ok(if l.is_finite() { -l } else { f64::MAX })
    }
}

/// Why a scenario would refuse a beta of shapes `alpha` and `beta` (docs/MODEL.md §2: each
/// from 0.001 to 1,000,000, as [`Dist::beta`] decides it), if it would: a shape past the
/// largest (values too close together) before one below the smallest (values crowding 0 or 1).
fn refused_shapes(alpha: f64, beta: f64) -> Option<NotFitted> {
    let refused = |shape: f64| Dist::beta(shape, 1.0).is_err();
    let shapes = [alpha, beta].into_iter().filter(|s| refused(*s));
    shapes.reduce(f64::max).map(|shape| {
        if shape > 1.0 {
            NotFitted::TooConcentrated
        } else {
            NotFitted::PiledAtTheEnds
        }
    })
}

/// The beta's (alpha, beta) and ln L, by Nelder–Mead from the method of moments, if every
/// value lies in (0, 1) and the likeliest shapes are ones a scenario accepts. A beta is an
/// exponential family in (α − 1, β − 1), so ln L is concave in (α, β) and has one maximum:
/// the search, unbounded, finds it wherever it is, and a maximum past the shapes a scenario
/// accepts is said, not replaced by the best shapes inside them (that is not the fit AIC ranks).
pub fn beta(sorted: &[f64]) -> Result<(Vec<f64>, f64), NotFitted> {
    if sorted[0] <= 0.0 || sorted[sorted.len() - 1] >= 1.0 {
        return Err(NotFitted::NeedsUnitInterval);
    }
    let n = sorted.len() as f64;
    let likelihood = BetaLikelihood {
        n,
        mean_ln: sorted.iter().map(|x| x.ln()).sum::<f64>() / n,
        mean_ln_complement: sorted.iter().map(|x| (-x).ln_1p()).sum::<f64>() / n,
    };
    let mean = sorted.iter().sum::<f64>() / n;
    let variance = sorted.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    let common = (mean * (1.0 - mean) / variance - 1.0).max(0.1);
    let (a0, b0) = ((mean * common).ln(), ((1.0 - mean) * common).ln());
    // Values near 1e-300 underflow the variance to 0, and the search would start at infinite
    // shapes.
    if !(a0.is_finite() && b0.is_finite()) {
        return Err(NotFitted::TooExtreme);
    }
    let simplex = vec![vec![a0, b0], vec![a0 + 0.5, b0], vec![a0, b0 + 0.5]];
    let (best, _) = minimise(likelihood, simplex, sorted.len()).ok_or(NotFitted::Failed)?;
    let (alpha, beta) = (best[0].exp(), best[1].exp());
    if let Some(why) = refused_shapes(alpha, beta) {
        return Err(why);
    }
    let l = likelihood.log_likelihood(alpha, beta);
    if !l.is_finite() {
        return Err(NotFitted::Failed);
    }
    Ok((vec![alpha, beta], l))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_distr::Distribution;

    #[test]
    fn the_triangular_search_on_many_values_ends_well_before_its_cap() {
        // 50,000 lognormal attainments (an eval's --draws column of example 02's "55% to 90%"):
        // with a tolerance of 1e-12 whatever n, under the rounding of a sum of 50,000
        // logarithms, the search on these ran to its 2,000 iterations (18 s in `fit` on such a
        // column; 6 minutes on 1M values). 8 of the seeds 3 to 40 did; seed 13 is one.
        let law = rand_distr::LogNormal::new(-0.351562, 0.1496).unwrap();
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(13);
        let n = 50_000;
        let mut sorted: Vec<f64> = (0..n).map(|_| law.sample(&mut rng)).collect();
        sorted.sort_by(f64::total_cmp);
        let profile = TriangularProfile { sorted: &sorted };
        let (_, _, iterations) = search(profile, triangular_start(), n).unwrap();
        assert!(iterations < 500, "{iterations} iterations");
    }

    #[test]
    fn beta_shapes_a_scenario_refuses_are_told_by_the_side_they_leave_on() {
        assert_eq!(refused_shapes(0.173, 0.4106), None);
        assert_eq!(refused_shapes(0.001, 1e6), None);
        // tinyshare.csv: shares of about 0.05% whose likeliest beta is Beta(627, 1.25e6).
        assert_eq!(
            refused_shapes(627.0, 1.25e6),
            Some(NotFitted::TooConcentrated)
        );
        assert_eq!(
            refused_shapes(8e13, f64::INFINITY),
            Some(NotFitted::TooConcentrated)
        );
        assert_eq!(refused_shapes(1e-4, 0.5), Some(NotFitted::PiledAtTheEnds));
        assert_eq!(refused_shapes(1e-4, 2e6), Some(NotFitted::TooConcentrated));
    }

    #[test]
    fn a_triangular_whose_mode_is_the_smallest_value_starts_there() {
        // Attainment piled at 0: the likeliest triangle has its right angle at 0. Its min was
        // a hair below (-3.841e-15), written into a scenario as such.
        let sorted = [
            0.0, 0.05, 0.1, 0.12, 0.2, 0.3, 0.31, 0.4, 0.5, 0.6, 0.7, 0.9,
        ];
        let (params, _) = triangular(&sorted).unwrap();
        assert_eq!(params[..2], [0.0, 0.0]);
        assert!(params[2] > 0.9);
        // The same mirrored: the right angle at the largest value, the max there.
        let mirrored: Vec<f64> = sorted.iter().rev().map(|x| 1.0 - x).collect();
        let (params, _) = triangular(&mirrored).unwrap();
        assert_eq!(params[1..], [1.0, 1.0]);
        assert!(params[0] < 0.1);
    }
}
