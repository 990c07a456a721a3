//! One sample's inputs as the model keeps them: each clamped to its domain, the market's
//! growth as its continuous rate k = ln(1 + g) (docs/MODEL.md §2, §3), taken once when it is drawn
//! rather than in every pass of the model over the samples.

use wide::f64x4;

use crate::scenario::{Field, PerInput};

/// One sample's inputs, clamped to their domains, as their columns keep them (growth as
/// k = ln(1 + g), see [`stored`]).
pub type Sample = PerInput<f64>;

/// How an input's values are kept in its column: the market's growth g as its continuous rate
/// k = ln(1 + g), taken once when drawn rather than in every pass of the model over the
/// samples; every other input as it is. The one place that says which input is kept how, and
/// how to go there and back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    AsIs,
    /// ln(1 + x).
    LnOnePlus,
}

impl Kept {
    /// How `field`'s values are kept.
    pub fn of(field: Field) -> Kept {
        if field == Field::MarketGrowth {
            Kept::LnOnePlus
        } else {
            Kept::AsIs
        }
    }

    /// A value as its column keeps it.
    pub fn store(self, value: f64) -> f64 {
        match self {
            Kept::AsIs => value,
            Kept::LnOnePlus => value.ln_1p(),
        }
    }

    /// [`Kept::store`] for four values at once (`wide`'s ln_1p, within an ulp of std's).
    pub fn store4(self, values: f64x4) -> f64x4 {
        match self {
            Kept::AsIs => values,
            Kept::LnOnePlus => values.ln_1p(),
        }
    }

    /// The value people know from how its column keeps it: g = e^k − 1 for growth.
    pub fn unstore(self, kept: f64) -> f64 {
        match self {
            Kept::AsIs => kept,
            Kept::LnOnePlus => kept.exp_m1(),
        }
    }
}

/// `field`'s (clamped) value as its column keeps it ([`Kept`]).
pub fn stored(field: Field, value: f64) -> f64 {
    Kept::of(field).store(value)
}

/// The value people know from how `field`'s column keeps it: the inverse of [`stored`].
pub fn unstored(field: Field, kept: f64) -> f64 {
    Kept::of(field).unstore(kept)
}
