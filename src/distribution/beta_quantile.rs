//! The quantile of a beta law on [0, 1] (a beta input's, and a PERT's on its unit range), to
//! relative precision in either tail (docs/MODEL.md §2).
//!
//! statrs inverts the incomplete beta function by Newton steps to an absolute accuracy
//! (AS 109, its start clamped to [0.0001, 0.9999]). That is exact for the shapes plans take,
//! but where a shape is below about 0.15 a whole range of quantiles lies below 1e-17 (half of
//! Beta(0.011, 0.068)'s mass is below 1e-20), and there it returned noise that was not even
//! monotone: under Sobol points and in a correlated pair, where values come from quantiles,
//! 0.29% of such draws fell below 1e-20 where 52% should. Its answer is kept where one Newton
//! step says it is within [`HELD`] of the root relative to its distance from the nearer end;
//! elsewhere the root is found in ln x on the tail it lies in.

use statrs::distribution::{Beta, ContinuousCDF};
use statrs::function::beta::{beta_reg, ln_beta};

/// How far statrs' answer may lie from the root, as a share of its distance from the nearer
/// end of [0, 1] (read from one Newton step).
const HELD: f64 = 1e-9;

/// The p-quantile of `law`, p in [0, 1].
pub fn beta_quantile(law: &Beta, p: f64) -> f64 {
    if p <= 0.0 {
        return 0.0;
    }
    if p >= 1.0 {
        return 1.0;
    }
    let (a, b) = (law.shape_a(), law.shape_b());
    let x = law.inverse_cdf(p);
    // Measured on the tail the answer is in: x from 0, or 1 − x from 1 (exact for x ≥ 1/2).
    let held = if x <= 0.5 {
        near_root(a, b, p, x)
    } else {
        near_root(b, a, 1.0 - p, 1.0 - x)
    };
    if held {
        return x;
    }
    if p <= beta_reg(a, b, 0.5) {
        lower_tail(a, b, p)
    } else {
        1.0 - lower_tail(b, a, 1.0 - p)
    }
}

/// Whether x is within [`HELD`]·x of Beta(a, b)'s p-quantile, by one Newton step:
/// |I_x − p| / f(x) ≤ HELD·x, with x·f(x) = x^a (1 − x)^(b−1) / B(a, b) taken in logs (f
/// itself overflows near 0 for a < 1).
fn near_root(a: f64, b: f64, p: f64, x: f64) -> bool {
    if !(x > 0.0 && x < 1.0) {
        return false;
    }
    let x_density = (a * x.ln() + (b - 1.0) * (-x).ln_1p() - ln_beta(a, b)).exp();
    (beta_reg(a, b, x) - p).abs() <= HELD * x_density
}

/// The p-quantile of Beta(a, b) where it is at most 1/2: the root of ln I_x(a, b) = ln p in
/// u = ln x, by Newton steps kept inside a bracket (halving it where a step would leave it).
/// In ln x the lower tail is nearly straight (I_x ≈ x^a / (a·B(a, b)) for small x), so the
/// steps converge in a few; the first is that approximation's root. 0 where the quantile is
/// below the smallest normal double.
fn lower_tail(a: f64, b: f64, p: f64) -> f64 {
    let ln_p = p.ln();
    let ln_b = ln_beta(a, b);
    let (mut low, mut high) = (f64::MIN_POSITIVE.ln(), 0.5f64.ln());
    if beta_reg(a, b, low.exp()) >= p {
        return 0.0;
    }
    let mut u = ((ln_p + a.ln() + ln_b) / a).clamp(low, high);
    for _ in 0..200 {
        let x = u.exp();
        let below = beta_reg(a, b, x);
        let miss = below.ln() - ln_p;
        if miss == 0.0 {
            break;
        }
        if miss < 0.0 {
            low = u;
        } else {
            high = u;
        }
        // d ln I / d ln x = x·f(x) / I(x).
        let slope = (a * u + (b - 1.0) * (-x).ln_1p() - ln_b).exp() / below;
        let step = u - miss / slope;
        let next = if step > low && step < high {
            step
        } else {
            0.5 * (low + high)
        };
        let done = (next - u).abs() <= 1e-15 * u.abs() || high - low <= 1e-15 * u.abs();
        u = next;
        if done {
            break;
        }
    }
    u.exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn law(a: f64, b: f64) -> Beta {
        Beta::new(a, b).unwrap()
    }

    /// Probabilities from 1e-12 to 1 − 1e-12, denser in the tails.
    fn probabilities() -> Vec<f64> {
        let lower: Vec<f64> = (0..=120)
            .map(|i| 10f64.powf(-12.0 + 0.1 * f64::from(i)) * 0.5)
            .collect();
        let upper = lower.iter().rev().map(|p| 1.0 - p);
        lower.iter().copied().chain(upper).collect()
    }

    #[test]
    fn a_beta_whose_cdf_is_a_power_has_its_quantile_to_nine_digits_in_either_tail() {
        // Beta(a, 1): I_x = x^a, so Q(p) = p^(1/a); Beta(1, b): Q(p) = 1 − (1 − p)^(1/b).
        // statrs gave Beta(0.02, 1) a 0.1% quantile whose CDF is 0.41, and Beta(1, 0.02) a
        // median whose CDF is 0.44.
        for a in [0.005, 0.02, 0.1, 0.5, 1.0, 3.0] {
            for p in probabilities() {
                let want = p.powf(1.0 / a);
                let got = beta_quantile(&law(a, 1.0), p);
                let close = if want < f64::MIN_POSITIVE {
                    got == 0.0
                } else {
                    (got - want).abs() <= HELD * want
                };
                assert!(close, "Beta({a}, 1) at {p}: {got} for {want}");
            }
        }
        for b in [0.02, 0.1, 1.0, 3.0] {
            for p in probabilities() {
                // 1 − x as exactly as the double nearest x holds it.
                let want = -((-p).ln_1p() / b).exp_m1();
                let got = beta_quantile(&law(1.0, b), p);
                assert!(
                    (got - want).abs() <= HELD * want.min(1.0 - want).max(f64::EPSILON),
                    "Beta(1, {b}) at {p}: {got} for {want}"
                );
            }
        }
    }

    #[test]
    fn every_quantile_rises_with_p_and_reads_back_its_probability() {
        for (a, b) in [
            (0.011, 0.068),
            (0.15, 0.316),
            (0.02, 2.0),
            (0.001, 0.001),
            (2.0, 3.0),
            (15.0, 5.0),
            (1e6, 1e6),
        ] {
            let law = law(a, b);
            let mut last = 0.0;
            for p in probabilities() {
                let x = beta_quantile(&law, p);
                assert!(x >= last, "Beta({a}, {b}) falls at {p}: {x} after {last}");
                last = x;
                // Read back where the double holds the quantile to its digits: from 0 (x is
                // stored to 1e-16 of itself), or from 1 where 1 − x is not too small.
                let y = 1.0 - x;
                let stored =
                    (p <= 0.5 && (f64::MIN_POSITIVE..=0.5).contains(&x)) || x.min(y) > 1e-8;
                if stored {
                    let (read, want) = if p <= 0.5 {
                        (law.cdf(x), p)
                    } else {
                        (beta_reg(b, a, y), 1.0 - p)
                    };
                    assert!(
                        (read - want).abs() <= 1e-6 * want,
                        "Beta({a}, {b}) at {p}: {x} reads {read} for {want}"
                    );
                }
            }
        }
    }

    #[test]
    fn where_statrs_is_exact_its_answer_is_kept_to_the_bit() {
        // The plans' shapes: figures stay as they were.
        for (a, b) in [(2.0, 3.0), (15.0, 5.0), (3.0, 1.4), (1.0, 5.0)] {
            let law = law(a, b);
            for p in [1e-6, 0.05, 0.1, 0.5, 0.9, 0.95] {
                assert_eq!(beta_quantile(&law, p), law.inverse_cdf(p), "Beta({a}, {b})");
            }
        }
    }
}
