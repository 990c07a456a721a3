//! Closed-form integrals of a market growing at continuous rate k = ln(1 + g) (docs/MODEL.md §3).
//!
//! I0(t) = ∫₀ᵗ e^{ks} ds = expm1(kt)/k and I1(t) = ∫₀ᵗ s·e^{ks} ds = (e^{kt}(kt − 1) + 1)/k².
//! When |kt| < 1e-2 both switch to their Taylor series in x = kt,
//! I0 = t·Σ xⁿ/(n+1)! and I1 = t²·Σ xⁿ/(n!(n+2)),
//! so that growth → 0 is continuous and exact to 1e-12 relative.

/// Below this |kt| the integrals use their Taylor series.
const SERIES_BELOW: f64 = 1e-2;

/// Coefficients 1/(n+1)! of the I0 series, n = 0..8; the next term is below 1e-20 relative.
const I0_SERIES: [f64; 8] = [
    1.0,
    1.0 / 2.0,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5040.0,
    1.0 / 40320.0,
];

/// Coefficients 1/(n!(n+2)) of the I1 series, n = 0..8.
const I1_SERIES: [f64; 8] = [
    1.0 / 2.0,
    1.0 / 3.0,
    1.0 / 8.0,
    1.0 / 30.0,
    1.0 / 144.0,
    1.0 / 840.0,
    1.0 / 5760.0,
    1.0 / 45360.0,
];

fn horner(coefficients: &[f64; 8], x: f64) -> f64 {
    coefficients.iter().rev().fold(0.0, |sum, c| sum * x + c)
}

/// ∫₀ᵗ e^{ks} ds and ∫₀ᵗ s·e^{ks} ds at one point in time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Growth {
    /// I0(t) = ∫₀ᵗ e^{ks} ds, in years (the window's length weighted by growth).
    pub i0: f64,
    /// I1(t) = ∫₀ᵗ s·e^{ks} ds, in years².
    pub i1: f64,
}

impl Growth {
    /// Both integrals from 0 to `t` years at continuous rate `k`.
    pub fn integrate(k: f64, t: f64) -> Growth {
        let x = k * t;
        if x.abs() < SERIES_BELOW {
            Growth {
                i0: t * horner(&I0_SERIES, x),
                i1: t * t * horner(&I1_SERIES, x),
            }
        } else {
            let em1 = x.exp_m1();
            // e^x(x − 1) + 1 written as expm1(x)(x − 1) + x, which cancels less for small x.
            Growth {
                i0: em1 / k,
                i1: (em1 * (x - 1.0) + x) / (k * k),
            }
        }
    }
}

/// ∫₀ᵀ c(t)·e^{kt} dt for the share path c(t) = clamp(c0 + gain·t, 0, cap), with 0 ≤ c0 ≤ cap.
///
/// The path is linear until it reaches the cap (gain > 0) or zero (gain < 0) at time τ, then
/// flat, so the integral is c0·I0(τ) + gain·I1(τ) + plateau·(I0(T) − I0(τ)).
/// `horizon` holds I0(T) and I1(T), which the caller has already computed for the window.
pub fn share_integral(c0: f64, gain: f64, cap: f64, k: f64, years: f64, horizon: &Growth) -> f64 {
    let (turn, plateau) = if gain > 0.0 {
        ((cap - c0) / gain, cap)
    } else if gain < 0.0 {
        (c0 / -gain, 0.0)
    } else {
        return c0 * horizon.i0;
    };
    if turn >= years {
        c0 * horizon.i0 + gain * horizon.i1
    } else {
        let Growth { i0, i1 } = Growth::integrate(k, turn);
        c0 * i0 + gain * i1 + plateau * (horizon.i0 - i0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, relative: f64) -> bool {
        (a - b).abs() <= relative * b.abs().max(f64::MIN_POSITIVE)
    }

    /// Numerical ∫₀ᵗ f by composite Simpson with many panels, as an independent check.
    fn simpson(f: impl Fn(f64) -> f64, t: f64) -> f64 {
        let n = 20_000;
        let h = t / n as f64;
        let inner: f64 = (1..n)
            .map(|i| f(i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 })
            .sum();
        (f(0.0) + f(t) + inner) * h / 3.0
    }

    #[test]
    fn without_growth_the_integrals_are_t_and_half_t_squared() {
        let g = Growth::integrate(0.0, 0.25);
        assert_eq!(g.i0, 0.25);
        assert_eq!(g.i1, 0.25 * 0.25 / 2.0);
    }

    #[test]
    fn integrals_match_numerical_integration() {
        for (k, t) in [
            (0.2, 1.0),
            (-0.5, 3.0),
            (0.001, 0.5),
            (1.5, 2.0),
            (0.04, 0.2),
        ] {
            let g = Growth::integrate(k, t);
            assert!(
                close(g.i0, simpson(|s| (k * s).exp(), t), 1e-10),
                "I0 k={k} t={t}"
            );
            assert!(
                close(g.i1, simpson(|s| s * (k * s).exp(), t), 1e-10),
                "I1 k={k} t={t}"
            );
        }
    }

    #[test]
    fn the_series_and_the_closed_form_agree_where_they_meet() {
        let t = 1.0;
        for side in [-1.0, 1.0] {
            let below = Growth::integrate(side * (SERIES_BELOW - 1e-12), t);
            let above = Growth::integrate(side * (SERIES_BELOW + 1e-12), t);
            assert!(close(below.i0, above.i0, 1e-11));
            assert!(close(below.i1, above.i1, 1e-11));
        }
    }

    #[test]
    fn a_flat_share_earns_its_share_of_the_window() {
        let k = 0.1f64.ln_1p();
        let horizon = Growth::integrate(k, 0.5);
        assert_eq!(
            share_integral(0.3, 0.0, 0.6, k, 0.5, &horizon),
            0.3 * horizon.i0
        );
    }

    #[test]
    fn the_share_path_integral_matches_numerical_integration_through_its_kinks() {
        let cases = [
            (0.1, 0.5, 0.3, 0.2, 1.0),   // reaches the cap at t = 0.4
            (0.1, -0.4, 0.6, 0.1, 1.0),  // reaches zero at t = 0.25
            (0.1, 0.05, 0.6, -0.3, 2.0), // never reaches the cap
            (0.6, 0.2, 0.6, 0.0, 1.0),   // starts at the cap
        ];
        for (c0, gain, cap, k, t) in cases {
            let exact = share_integral(c0, gain, cap, k, t, &Growth::integrate(k, t));
            let path = |s: f64| (c0 + gain * s).clamp(0.0, cap) * (k * s).exp();
            assert!(
                close(exact, simpson(path, t), 1e-7),
                "{c0} {gain} {cap} {k} {t}"
            );
        }
    }
}
