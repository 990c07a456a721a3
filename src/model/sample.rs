//! One sample's inputs as the model keeps them: each clamped to its domain, the market's
//! growth as its continuous rate k = ln(1 + g) (docs/MODEL.md §2, §3), taken once when it is drawn
//! rather than in every pass of the model over the samples.

use crate::scenario::{Field, PerInput};

/// One sample's inputs, clamped to their domains, as their columns keep them (growth as
/// k = ln(1 + g), see [`stored`]).
pub type Sample = PerInput<f64>;

/// How an input's (clamped) value is kept in its column: the market's growth g as its
/// continuous rate k = ln(1 + g), taken once here rather than in every pass of the model over
/// the samples; every other input as it is.
pub fn stored(field: Field, value: f64) -> f64 {
    transform(field).map_or(value, |f| f(value))
}

/// Whether [`stored`] keeps `field`'s values as ln(1 + x) (the market's growth).
pub fn keeps_log_growth(field: Field) -> bool {
    transform(field).is_some()
}

/// The value people know from how its column keeps it: the inverse of [`stored`] (the
/// market's growth g = e^k − 1).
pub fn unstored(field: Field, kept: f64) -> f64 {
    if transform(field).is_some() {
        kept.exp_m1()
    } else {
        kept
    }
}

/// The function [`stored`] applies to `field`'s values, if any.
fn transform(field: Field) -> Option<fn(f64) -> f64> {
    (field == Field::MarketGrowth).then_some(f64::ln_1p as fn(f64) -> f64)
}
