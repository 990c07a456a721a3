//! Values whose size says their unit slipped: an amount of money below one (`"5%"` written for
//! a target is 0.05) or a rate of 10,000% or more (`"5M to 10M"` written for growth is five
//! million a year). The number grammar gives every numeric key every suffix (README, "Scenario
//! files"), so these are warnings, not errors: the figures are computed as written, the exit
//! code does not change, and the warning says how the key's values are written.

use super::field::{Field, Kind};
use super::number::{Unit, format_significant};
use super::{FieldValue, Scenario};

/// An amount of money (target, market size, quota) below this, in the scenario's currency, is
/// taken for a slip: no plan is about less than one unit of money.
pub const AMOUNT_BELOW: f64 = 1.0;

/// A rate (growth, share gain, attainment, a fraction) whose median is this far from zero or
/// farther (10,000%) is taken for a slip: `k`, `M` and `B` make thousands and more.
pub const RATE_FROM: f64 = 100.0;

/// Every key whose value (its median, for an uncertain input) looks like a slip of units, with
/// what was found and how the key's values are written; in field order.
pub fn check(scenario: &Scenario) -> Vec<String> {
    Field::ALL
        .into_iter()
        .filter(|field| scenario.uses(*field))
        .filter_map(|field| of(scenario, field))
        .collect()
}

/// `field`'s slip in `scenario`, if its value looks like one (the live session marks it).
pub fn of(scenario: &Scenario, field: Field) -> Option<String> {
    let (value, found) = match field.kind() {
        Kind::Number => match scenario.value(field)? {
            FieldValue::Number(x) => (x, String::new()),
            _ => return None,
        },
        Kind::Distribution => {
            let dist = scenario.dist(field);
            let found = if dist.is_uncertain() {
                "a median of "
            } else {
                ""
            };
            (dist.quantile(0.5), found.to_string())
        }
        Kind::Integer { .. } => return None,
    };
    let key = field.key();
    match field.unit() {
        Unit::Amount if value > 0.0 && value < AMOUNT_BELOW => {
            let currency = &scenario.currency;
            Some(format!(
                "{key}: {found}{} {currency}, less than one {currency}; amounts are written in \
                 full or with k, M or B (\"3M\"), and % divides by 100",
                format_significant(value, Unit::Plain, 3)
            ))
        }
        Unit::Percent if value.abs() >= RATE_FROM => Some(format!(
            "{key}: {found}{}, that is {}; rates are written with % (\"12%\") or as a fraction (0.12), and \
             k, M and B multiply by a thousand, a million and a billion",
            format_significant(value, Unit::Amount, 3),
            format_significant(value, Unit::Percent, 3)
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario_with(assignments: &[&str]) -> Scenario {
        let text = "schema = 1\nhorizon_days = 90\n[target]\nrevenue = \"3M\"\n\
                    [market]\nsize = \"35M to 70M\"\ngrowth = \"5% to 20%\"\n\
                    [share]\ncurrent = 0.03\ngain_per_year = \"2% to 15%\"\n\
                    [capacity]\nreps = 6\nquota_per_rep = \"1.2M\"\nattainment = \"50% to 110%\"\n";
        let mut s = Scenario::parse(text, "plan.toml").unwrap();
        for a in assignments {
            s.apply_override(a).unwrap();
        }
        s
    }

    #[test]
    fn a_sane_plan_has_no_slips() {
        assert_eq!(check(&scenario_with(&[])), Vec::<String>::new());
    }

    #[test]
    fn a_percentage_written_for_an_amount_is_a_slip() {
        let said = check(&scenario_with(&["target.revenue=5%"]));
        assert_eq!(
            said,
            [
                "target.revenue: 0.05 USD, less than one USD; amounts are written in full or with \
              k, M or B (\"3M\"), and % divides by 100"
            ]
        );
        let said = check(&scenario_with(&["market.size=20% to 80%"]));
        assert_eq!(said.len(), 1);
        assert!(
            said[0].starts_with("market.size: a median of 0.4 USD,"),
            "{said:?}"
        );
        let said = check(&scenario_with(&["capacity.quota_per_rep=80%"]));
        assert!(
            said[0].starts_with("capacity.quota_per_rep: 0.8 USD,"),
            "{said:?}"
        );
    }

    #[test]
    fn an_amount_written_for_a_rate_is_a_slip() {
        let said = check(&scenario_with(&["market.growth=5M to 20M"]));
        assert_eq!(
            said,
            [
                "market.growth: a median of 10M, that is 1000000000%; rates are written with % (\"12%\") or as a \
              fraction (0.12), and k, M and B multiply by a thousand, a million and a billion"
            ]
        );
        for key in [
            "share.gain_per_year",
            "capacity.attainment",
            "share.current",
        ] {
            let said = check(&scenario_with(&[&format!("{key}=2k to 3k")]));
            assert!(
                said[0].starts_with(&format!("{key}: a median of ")),
                "{said:?}"
            );
        }
        // A shrinking rate counts by its size.
        let said = check(&scenario_with(&["share.gain_per_year=-300 to -200"]));
        assert_eq!(said.len(), 1, "{said:?}");
    }

    #[test]
    fn the_bounds_are_where_the_doc_puts_them() {
        // One unit of money is an amount; 10,000% is a slip, just below it is not.
        assert!(check(&scenario_with(&["target.revenue=1"])).is_empty());
        assert_eq!(check(&scenario_with(&["target.revenue=0.99"])).len(), 1);
        assert_eq!(check(&scenario_with(&["market.growth=100"])).len(), 1);
        assert!(check(&scenario_with(&["market.growth=99.99"])).is_empty());
    }

    #[test]
    fn an_input_the_model_does_not_use_is_not_checked() {
        let mut s = scenario_with(&["capacity.quota_per_rep=50%"]);
        s.capacity = None;
        assert!(check(&s).is_empty());
    }
}
