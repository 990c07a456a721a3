//! What a person can set in a scenario, as the live session lists it and a comparison names
//! it: each field the scenario uses, then each correlation its `[correlation]` table asks for
//! ([`Item`], [`items`]), and how a correlation's ρ is written.

use super::correlation::Correlation;
use super::number::{Unit, format_exact};
use super::{Field, Scenario};

/// Something of a scenario a person can set (the live session's inputs list has a row for
/// each): a field's value or a correlation's ρ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    /// A value of the scenario: `target.revenue`, `market.size`, …
    Field(Field),
    /// The rank correlation of two inputs, in the order the file names them.
    Correlation(Field, Field),
}

impl Item {
    /// The correlation's row for `c`.
    pub fn of(c: &Correlation) -> Item {
        Item::Correlation(c.a, c.b)
    }

    /// Its name in messages, the log and the finder: `market.size`, or
    /// `market.growth ~ share.gain_per_year`.
    pub fn key(self) -> String {
        match self {
            Item::Field(field) => field.key(),
            Item::Correlation(a, b) => Correlation::new(a, b, 0.0).key,
        }
    }

    /// Its name in the inputs list, under its table's heading: `size`, `target` (the target's
    /// revenue), or a correlation's two inputs by their names in their tables,
    /// `growth ~ gain_per_year`.
    pub fn label(self) -> String {
        match self {
            // `revenue` alone would not say what it is under the "plan" heading.
            Item::Field(Field::TargetRevenue) => "target".to_string(),
            Item::Field(field) => field.name().to_string(),
            Item::Correlation(a, b) => format!("{} ~ {}", a.name(), b.name()),
        }
    }

    /// Whether it is the correlation `c` (its two inputs in either order).
    pub fn is(self, c: &Correlation) -> bool {
        matches!(self, Item::Correlation(a, b) if c.is_pair(a, b))
    }
}

/// Every row of the inputs list for `scenario`: the fields it uses in file order, then its
/// correlations in file order.
pub fn items(scenario: &Scenario) -> Vec<Item> {
    let fields = scenario.used_fields().map(Item::Field);
    fields
        .chain(scenario.correlations.iter().map(Item::of))
        .collect()
}

/// The correlation of the pair {a, b} in `correlations`, in either order.
pub fn find(correlations: &[Correlation], a: Field, b: Field) -> Option<&Correlation> {
    correlations.iter().find(|c| c.is_pair(a, b))
}

/// A rank correlation as the file and the inputs list write it: `0.7`, `-0.35`.
pub fn rho_text(rho: f64) -> String {
    format_exact(rho, Unit::Plain)
}

/// What a pair the scenario lacks reads as, where its ρ would: a recovery offer's
/// `0.7 → none`, a merge's value for a pair this session dropped.
pub const NO_RHO: &str = "none";
