//! How figures read in tables and on screen: amounts with k/M/B, fractions as percentages,
//! non-finite figures as `∞` (SPEC §6).

use crate::scenario::Field;
use crate::scenario::number::{Unit, format_significant};

/// An amount of money: `3M`, `419k`, `1.23B`.
pub fn amount(x: f64) -> String {
    format_significant(x, Unit::Amount, 3)
}

/// A fraction as a percentage with three significant digits: `30.4%`, `0.42%`.
pub fn percent(x: f64) -> String {
    format_significant(x, Unit::Percent, 3)
}

/// A probability or share of samples: like a percentage, but 0% and 100% only when exact
/// (99.983% reads `99.98%`, not `100%`).
pub fn probability(p: f64) -> String {
    if p <= 0.0 || p >= 1.0 || !p.is_finite() {
        return format_significant(p, Unit::Percent, 3);
    }
    (3..=6)
        .map(|digits| format_significant(p, Unit::Percent, digits))
        .find(|text| text != "0%" && text != "100%")
        .unwrap_or_else(|| if p < 0.5 { "<0.0001%" } else { ">99.9999%" }.to_string())
}

/// Share points per year: `217 pts/yr`, `5.48 pts/yr`.
pub fn pace(x: f64) -> String {
    format!("{} pts/yr", format_significant(x * 100.0, Unit::Plain, 3))
}

/// A plain number: `∞` when it is not finite.
pub fn number(x: f64) -> String {
    format_significant(x, Unit::Plain, 6)
}

/// A lever's value as people read it: `314k`, `485 days`, `×1.8`, `12 pts/yr`, `24 reps`,
/// or `out of reach`.
pub fn lever_value(input: Field, value: Option<f64>) -> String {
    let Some(v) = value else {
        return "out of reach".to_string();
    };
    match input {
        Field::HorizonDays => format!("{v} days"),
        Field::MarketSize => format!("×{}", format_significant(v, Unit::Plain, 3)),
        Field::ShareGainPerYear => pace(v),
        Field::CapacityReps => format!("{v} reps"),
        _ => amount(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_people_write_them() {
        assert_eq!(amount(3e6), "3M");
        assert_eq!(amount(418_961.8), "419k");
        assert_eq!(percent(0.30353), "30.4%");
        assert_eq!(probability(0.00004), "0.004%");
        assert_eq!(probability(0.99983), "99.98%");
        assert_eq!(probability(0.0), "0%");
        assert_eq!(probability(1.0), "100%");
        assert_eq!(pace(2.1717), "217 pts/yr");
        assert_eq!(pace(0.0548), "5.48 pts/yr");
        assert_eq!(number(f64::INFINITY), "∞");
    }
}
