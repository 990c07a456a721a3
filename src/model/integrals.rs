//! The growth integrals for one point in time, I0(t) = ∫₀ᵗ e^{ks} ds and
//! I1(t) = ∫₀ᵗ s·e^{ks} ds (docs/MODEL.md §3), for the figures computed once per scenario
//! (the required pace and reps). They are [`kernel::integrate`]'s, so a figure computed here
//! and in a pass over the samples agrees to the last bit.

use wide::f64x4;

use super::kernel;

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
        let (i0, i1) = kernel::integrate(f64x4::splat(k), f64x4::splat(t));
        Growth {
            i0: i0.to_array()[0],
            i1: i1.to_array()[0],
        }
    }
}
