//! The two fits without a closed form: triangular (each value tried as the mode, with its
//! ends by Newton's method) and beta (by Nelder–Mead, argmin, on the logarithms of its shapes).

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
/// (w the data's range), at its likeliest mode: the search past [`EVERY_MODE_UP_TO`] values.
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

/// Distinct values up to which each is tried as the triangular's mode. A try is a Newton
/// search over every value, so trying them all takes time in the square of their number:
/// 3,000 distinct values about 0.15 s, where 50,000 would take 40 s.
const EVERY_MODE_UP_TO: usize = 3_000;

/// Past [`EVERY_MODE_UP_TO`] values, each mode tried around is tried with the distinct values
/// on either side of it: as many as the time of trying [`EVERY_MODE_UP_TO`] values allows
/// (499 on each side on 3,001 values, 30 on 50,000), and at least this many (on a million).
const MODE_WINDOW: usize = 5;

/// Newton steps a mode's search may take. One takes 2 to 6 from the ends of the mode next to
/// it, up to 15 from ends 5% of the range out to ones a hair beyond a million values; the cap
/// only ends a search that rounding keeps going.
const MAX_NEWTON_STEPS: usize = 100;

/// ln L of a triangular whose mode c is one of the values, on the values scaled to [0, 1]
/// (the smallest 0, the largest 1), as a function of how far its ends lie beyond the data:
/// σ = (x₍₀₎ − a)/(c − a) and τ = (b − x₍ₙ₋₁₎)/(b − c), each in (0, 1). With W = b − a =
/// c/(1 − σ) + (1 − c)/(1 − τ), a value x below c has density 2(x − a)/(W·(c − a)), one above
/// 2(b − x)/(W·(b − c)) and one at c 2/W, so
///
/// ln L = n·ln(2/W) + Σ_{x<c} ln((x + (c − x)·σ)/c) + Σ_{x>c} ln((1 − x + (x − c)·τ)/(1 − c)).
///
/// σ and τ are affine in s = 1/(c − a) and t = 1/(b − c), in which ln L is strictly concave:
/// −n·ln W is n·ln(st/(s + t)), n times the logarithm of half a harmonic mean, a concave
/// function, and each value's term is the logarithm of a function linear in s or in t. So
/// for each mode ln L has one maximum over the ends, which Newton's method finds from
/// anywhere; the ends do not separate (W holds both), so the search is over both at once.
/// With no value below c (c the smallest value) ln L grows as a nears c, and the likeliest a
/// is c itself: σ is then no parameter (its term c/(1 − σ) is 0), and so at the top with τ.
/// Scaled, an end a hair beyond the data keeps its digits: σ is the hair's own fraction.
struct ModeLikelihood<'a> {
    /// The values scaled to [0, 1], sorted.
    unit: &'a [f64],
    /// The mode, `unit[below]`.
    mode: f64,
    /// How many values lie below the mode.
    below: usize,
    /// Where the values above the mode start (those from `below` to here equal it).
    first_above: usize,
}

/// ln L with its gradient and Hessian in (σ, τ).
struct Local {
    value: f64,
    gradient: [f64; 2],
    hessian: [[f64; 2]; 2],
}

impl ModeLikelihood<'_> {
    /// The triangular with its mode at `unit[below]`, the first of the values equal to it.
    fn new(unit: &[f64], below: usize) -> ModeLikelihood<'_> {
        let mode = unit[below];
        let first_above = below + unit[below..].partition_point(|x| *x == mode);
        ModeLikelihood {
            unit,
            mode,
            below,
            first_above,
        }
    }

    /// Which of σ and τ are parameters: an end with values between it and the mode.
    fn free(&self) -> [bool; 2] {
        [self.below > 0, self.first_above < self.unit.len()]
    }

    /// The legs on either side of the mode within the data, c and 1 − c.
    fn legs(&self) -> [f64; 2] {
        [self.mode, 1.0 - self.mode]
    }

    /// (σ, τ) of ends `overhang` (in the data's range) beyond the data: 5% where that is
    /// none or too far to tell from 1, and σ = 0 (τ = 0) where it is no parameter.
    fn fractions(&self, overhang: [f64; 2]) -> [f64; 2] {
        let free = self.free();
        let legs = self.legs();
        [0, 1].map(|k| {
            let fraction = |by: f64| by / (legs[k] + by);
            match fraction(overhang[k]) {
                _ if !free[k] => 0.0,
                e if e > 0.0 && e < 1.0 => e,
                _ => fraction(0.05),
            }
        })
    }

    /// How far beyond the data the ends (σ, τ) lie, in the data's range.
    fn overhangs(&self, p: [f64; 2]) -> [f64; 2] {
        [0, 1].map(|k| self.legs()[k] * p[k] / (1.0 - p[k]))
    }

    /// ln L and its derivatives at (σ, τ), or `None` outside (0, 1)².
    fn at(&self, p: [f64; 2]) -> Option<Local> {
        let free = self.free();
        if (0..2).any(|k| free[k] && !(p[k] > 0.0 && p[k] < 1.0)) {
            return None;
        }
        let n = self.unit.len() as f64;
        let legs = self.legs();
        // W = Σ leg/(1 − e) over the two sides' (leg, e): a side without values has leg 0.
        let w: f64 = [0, 1].map(|k| legs[k] / (1.0 - p[k])).iter().sum();
        let dw = [0, 1].map(|k| legs[k] / (1.0 - p[k]).powi(2));
        let ddw = [0, 1].map(|k| 2.0 * legs[k] / (1.0 - p[k]).powi(3));
        let mut local = Local {
            value: n * (2.0 / w).ln(),
            gradient: dw.map(|d| -n * d / w),
            hessian: [0, 1].map(|k| {
                [0, 1].map(|j| {
                    let second = if j == k { ddw[k] } else { 0.0 };
                    -n * (second / w - dw[k] * dw[j] / (w * w))
                })
            }),
        };
        // Each value's term ln((near + far·e)/leg): x + (c − x)·σ over c below the mode, its
        // mirror above.
        let c = self.mode;
        let below = self.unit[..self.below].iter().map(|x| (0, *x, c - x));
        let above = self.unit[self.first_above..]
            .iter()
            .map(|x| (1, 1.0 - x, x - c));
        for (k, near, far) in below.chain(above) {
            let at = near + far * p[k];
            let slope = far / at;
            local.value += (at / legs[k]).ln();
            local.gradient[k] += slope;
            local.hessian[k][k] -= slope * slope;
        }
        Some(local)
    }

    /// The likeliest (σ, τ) and ln L there, by Newton's method from `start`: each step is
    /// halved until it gains part of what it promised (Armijo's rule). A step promising less
    /// than `tolerance` is the last, taken whole: that near the maximum ln L is all but its
    /// quadratic, so the step lands on the maximum to many more digits than rounding lets its
    /// gain be checked (halving it until it gained, it stopped at an end 10⁻⁷ out).
    fn likeliest(&self, start: [f64; 2], tolerance: f64) -> Option<([f64; 2], f64)> {
        let free = self.free();
        let (mut p, mut local) = (start, self.at(start)?);
        for _ in 0..MAX_NEWTON_STEPS {
            let step = newton_step(&local, free);
            let promise = step[0] * local.gradient[0] + step[1] * local.gradient[1];
            // No gain to promise: at the maximum, or NaN where rounding broke the Hessian.
            if promise.is_nan() || promise <= 0.0 {
                break;
            }
            let last = promise < tolerance;
            let mut length = 1.0;
            let next = loop {
                let q = [0, 1].map(|k| p[k] + length * step[k]);
                match self.at(q) {
                    Some(next) if last || next.value >= local.value + 1e-4 * length * promise => {
                        break Some((q, next));
                    }
                    _ if last || length < 1e-12 => break None,
                    _ => length /= 2.0,
                }
            };
            let Some((q, next)) = next else { break };
            (p, local) = (q, next);
            if last {
                break;
            }
        }
        local.value.is_finite().then_some((p, local.value))
    }
}

/// The Newton step −H⁻¹·g in the parameters that are free.
fn newton_step(local: &Local, free: [bool; 2]) -> [f64; 2] {
    let [g0, g1] = local.gradient;
    let [[h00, h01], [_, h11]] = local.hessian;
    match free {
        [true, true] => {
            let det = h00 * h11 - h01 * h01;
            [(g1 * h01 - g0 * h11) / det, (g0 * h01 - g1 * h00) / det]
        }
        [true, false] => [-g0 / h00, 0.0],
        [false, true] => [0.0, -g1 / h11],
        [false, false] => [0.0, 0.0],
    }
}

/// The modes to try, each as the index of the first value equal to it, in increasing order,
/// and how far beyond the data (in its range) the ends of the first search start: every
/// distinct value up to [`EVERY_MODE_UP_TO`] of them. Past that, trying them all would take
/// minutes, and the modes tried are the smallest value, the largest, and the one the profile
/// search over the ends settles on, each with the values around it ([`MODE_WINDOW`]): on
/// values with one peak that is the likeliest, on flat ones (uniform draws, whose likelihood
/// has many small peaks near the ends) it may be a peak beside it.
fn candidate_modes(unit: &[f64]) -> (Vec<usize>, [f64; 2]) {
    let firsts: Vec<usize> = (0..unit.len())
        .filter(|&i| i == 0 || unit[i] != unit[i - 1])
        .collect();
    if firsts.len() <= EVERY_MODE_UP_TO {
        return (firsts, [0.05, 0.05]);
    }
    let last = firsts.len() - 1;
    let mut around = vec![0, last];
    let mut overhang = [0.05, 0.05];
    let profile = TriangularProfile { sorted: unit };
    if let Some((best, _)) = minimise(profile, triangular_start(), unit.len()) {
        let (a, b) = profile.ends(&best);
        let (mode, _) = profile.best_mode(a, b);
        // A mode at an end beyond the data does worse than at the value nearest it.
        around.push(firsts.partition_point(|&i| unit[i] < mode).min(last));
        overhang = [-a, b - 1.0];
    }
    // The work of trying every one of EVERY_MODE_UP_TO values, shared by the three.
    let window = (EVERY_MODE_UP_TO * EVERY_MODE_UP_TO / unit.len() / 6).max(MODE_WINDOW);
    let mut modes: Vec<usize> = around
        .into_iter()
        .flat_map(|k| k.saturating_sub(window)..=(k + window).min(last))
        .map(|k| firsts[k])
        .collect();
    modes.sort_unstable();
    modes.dedup();
    (modes, overhang)
}

/// The triangular's (min, mode, max) and ln L. For given ends ln L is convex in the mode
/// between two values, so the likeliest mode is one of the values, or an end outside them,
/// which does worse than the value nearest it with the end moved there. Each value tried as
/// the mode has one likeliest pair of ends ([`ModeLikelihood`]), so with every value tried
/// ([`candidate_modes`]) the best of the tries is the maximum of the likelihood, not a local
/// one: a search over the ends alone (Nelder–Mead from one start, as it was) stopped at a mode
/// inside the data where the mode at the smallest value with the min there did better
/// (8 values from 0.7006: mode 0.8106 and AIC −13.0 for min = mode = 0.7006 and −13.83).
pub fn triangular(sorted: &[f64]) -> Result<(Vec<f64>, f64), NotFitted> {
    let n = sorted.len();
    let (low, high) = (sorted[0], sorted[n - 1]);
    let width = high - low;
    if !width.is_finite() {
        return Err(NotFitted::TooExtreme);
    }
    let unit: Vec<f64> = sorted.iter().map(|x| (x - low) / width).collect();
    // Well above the rounding of a sum of n logarithms (about n·10⁻¹⁵): a Newton step that
    // promises less is the last.
    let tolerance = 1e-10 * (n as f64 / 1000.0).max(1.0);
    let mut best: Option<(usize, [f64; 2], f64)> = None;
    // Each search starts from the ends of the one before, near them for the mode next to it.
    let (modes, mut overhang) = candidate_modes(&unit);
    for below in modes {
        let mode = ModeLikelihood::new(&unit, below);
        let Some((p, value)) = mode.likeliest(mode.fractions(overhang), tolerance) else {
            continue;
        };
        overhang = mode.overhangs(p);
        if best.is_none_or(|(_, _, most)| value > most) {
            best = Some((below, overhang, value));
        }
    }
    let (below, [under, over], value) = best.ok_or(NotFitted::Failed)?;
    let params = vec![low - width * under, sorted[below], high + width * over];
    Ok((params, value - n as f64 * width.ln()))
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
    fn a_modes_likelihood_is_the_triangulars_and_its_derivatives_are_its_slopes() {
        let unit = [0.0, 0.1, 0.35, 0.35, 0.6, 0.9, 1.0];
        // The mode at the smallest value, at one of two equal values, at the largest.
        for below in [0, 2, 6] {
            let mode = ModeLikelihood::new(&unit, below);
            let p = mode.fractions([0.1, 0.3]);
            let local = mode.at(p).unwrap();
            let [under, over] = mode.overhangs(p);
            let (a, c, b) = (-under, mode.mode, 1.0 + over);
            let written: f64 = unit
                .iter()
                .map(|&x| match x {
                    x if x < c => (2.0 * (x - a) / ((b - a) * (c - a))).ln(),
                    x if x > c => (2.0 * (b - x) / ((b - a) * (b - c))).ln(),
                    _ => (2.0 / (b - a)).ln(),
                })
                .sum();
            assert!((local.value - written).abs() < 1e-12, "{below}: {written}");
            let free = mode.free();
            assert_eq!(free, [below > 0, below < 6]);
            let h = 1e-6;
            for k in (0..2).filter(|k| free[*k]) {
                let moved = |by: f64| {
                    let mut q = p;
                    q[k] += by;
                    mode.at(q).unwrap()
                };
                let (up, down) = (moved(h), moved(-h));
                let slope = (up.value - down.value) / (2.0 * h);
                assert!((local.gradient[k] - slope).abs() < 1e-6, "{below} {k}");
                for j in 0..2 {
                    let curve = (up.gradient[j] - down.gradient[j]) / (2.0 * h);
                    assert!((local.hessian[j][k] - curve).abs() < 1e-5, "{below} {j}{k}");
                }
            }
        }
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
