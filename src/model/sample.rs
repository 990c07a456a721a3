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
pub enum Stored {
    AsIs,
    /// ln(1 + x).
    LnOnePlus,
}

impl Stored {
    /// How `field`'s values are kept.
    pub fn of(field: Field) -> Stored {
        if field == Field::MarketGrowth {
            Stored::LnOnePlus
        } else {
            Stored::AsIs
        }
    }

    /// A value as its column keeps it.
    pub fn store(self, value: f64) -> f64 {
        match self {
            Stored::AsIs => value,
            Stored::LnOnePlus => value.ln_1p(),
        }
    }

    /// [`Stored::store`] for four values at once (`wide`'s ln_1p, within an ulp of std's).
    pub fn store4(self, values: f64x4) -> f64x4 {
        match self {
            Stored::AsIs => values,
            Stored::LnOnePlus => values.ln_1p(),
        }
    }

    /// The value people know from how its column keeps it: g = e^k − 1 for growth.
    pub fn unstore(self, kept: f64) -> f64 {
        match self {
            Stored::AsIs => kept,
            Stored::LnOnePlus => kept.exp_m1(),
        }
    }
}

/// `field`'s (clamped) value as its column keeps it ([`Stored`]).
pub fn stored(field: Field, value: f64) -> f64 {
    Stored::of(field).store(value)
}

/// The value people know from how `field`'s column keeps it: the inverse of [`stored`].
pub fn unstored(field: Field, kept: f64) -> f64 {
    Stored::of(field).unstore(kept)
}
