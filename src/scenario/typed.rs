//! What a person types for a value, in the live session's editor or with `--set`, read as the
//! file would read it: first written as a file writes it (the plan's own currency marks and
//! the marks that set a text's direction taken off, `6.5 million` as `6.5M`, `−5%` as `-5%`),
//! then checked as the file's value is; a refusal quotes what was typed, and says what to type
//! where a factor (`×2`) or another currency's amount (`$3M`) was typed.

use super::{Diagnostic, Field, FieldValue, Scenario, currency, number, value};
use crate::distribution::Dist;
use crate::text;

impl Scenario {
    /// Reads what a person typed for `field` (`200k`, `35M to 70M`, a table), checked exactly
    /// as the file would be, but a value typed as a change (`+3`, [`value::refuse_a_change`]):
    /// "3 more reps" set a team of 6 to 3. The live session's editor and `--set` read so.
    pub fn read_typed(&self, field: Field, text: &str) -> Result<FieldValue, Diagnostic> {
        let plain = self.as_a_file_writes(field, text);
        value::refuse_a_change(field, &plain, self.value(field).as_ref())
            .and_then(|()| value::read_text(field, &plain))
            .map_err(|refused| {
                let mut refused = self.as_typed(field, refused, text, &plain);
                // A table's text that is no TOML (`{` alone) named no key, where every other
                // refusal of a value typed names its input.
                refused.key.get_or_insert_with(|| field.key());
                // Another currency's sign or code in it (`$3M`, `3M USD` in a plan in euros):
                // which the plan is in, as the session invites a sign typed at the list.
                let other = currency::names_another_currency(&plain, &self.currency);
                if let Some(factor) = self.factor_hint(field, &plain)
                    && refused.hint.is_none()
                {
                    return refused.hint(factor);
                }
                // Typed, a unit of days is read: the file's "write the number alone" would
                // say less than is so.
                if field.counts_days() && value::another_unit(&plain) {
                    return refused.hint("a count of days: type them, as in 180 or 180 days");
                }
                if other && field.unit() == number::Unit::Amount && refused.hint.is_none() {
                    refused.hint(self.in_its_currency())
                } else {
                    refused
                }
            })
    }

    /// What to type for a factor typed as a value (`×9.55`, as the levers write the market
    /// size's, or `*2`): the value it gives, where today's is a number or a range ("type what
    /// it gives, 334.25M to 668.5M (×9.55 of 35M to 70M)"). `None` for other text.
    fn factor_hint(&self, field: Field, plain: &str) -> Option<String> {
        let factor = plain.strip_prefix(FACTOR_SIGNS)?.trim();
        // A plain figure: `×3M` is no factor anyone means, nor `x` the start of a word.
        if factor.is_empty() || !factor.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return None;
        }
        let by: f64 = factor.parse().ok()?;
        let said = format!("{} is a factor, not a value", plain.trim());
        // Without the binary noise of the product (5% × 1.1 is 5.500000000000001%).
        let times = |x: f64| number::round_significant(x * by, 12);
        let today = self.value(field);
        let scaled = match &today {
            Some(FieldValue::Number(x)) => Some(FieldValue::Number(times(*x))),
            Some(FieldValue::Dist(dist)) => match (dist.fixed_value(), dist.interval_form()) {
                (Some(x), _) => Dist::fixed(times(x)).ok(),
                (_, Some((low, high, shape))) => {
                    Dist::interval(times(low), times(high), Some(shape)).ok()
                }
                _ => None,
            }
            .map(FieldValue::Dist),
            Some(FieldValue::Integer(_)) | None => None,
        };
        // Written as the file writes it, and offered only where the key takes it: ×2 of an
        // 80% serviceable share is no share.
        let unit = field.unit();
        let offered = scaled
            .map(|scaled| scaled.to_text(unit))
            .filter(|scaled| value::read_text(field, scaled).is_ok());
        Some(match (today, offered) {
            (Some(today), Some(scaled)) => format!(
                "{said}: type what it gives, {scaled} (×{factor} of {})",
                today.display_exact(unit)
            ),
            _ => format!("{said}: type the value it gives"),
        })
    }

    /// The plan's currency, and how an amount in it is typed: `this plan is in EUR: type € or
    /// no sign`.
    fn in_its_currency(&self) -> String {
        let sign = currency::currency_sign(&currency::currency_code(&self.currency));
        match (currency::plan_is_in(&self.currency), sign) {
            (None, _) => "this plan names no currency: type amounts without a sign".to_string(),
            (Some(is_in), Some(sign)) => format!("{is_in}: type {sign} or no sign"),
            (Some(is_in), None) => format!("{is_in}: type amounts without a sign"),
        }
    }

    /// A refusal of `plain` (what `typed` is as a file writes it) said of what was typed: a
    /// value's (`-€5M`, not `-5M`), or a table's parameter with the marks taken off it
    /// (`"€3Mx"`, not `"3Mx"`).
    fn as_typed(&self, field: Field, refused: Diagnostic, typed: &str, plain: &str) -> Diagnostic {
        if plain == typed {
            return refused;
        }
        if refused.found.contains(plain) {
            let found = refused.found.replacen(plain, typed, 1);
            return Diagnostic { found, ..refused };
        }
        let Some(span) = refused
            .key
            .as_deref()
            .and_then(|key| parameter_span(field, key, plain))
        else {
            return refused;
        };
        let (Some(part), Some(at)) = (
            plain.get(span.clone()),
            self.typed_span(field, typed, plain, span),
        ) else {
            return refused;
        };
        if !refused.found.contains(part) {
            return refused;
        }
        let found = refused.found.replacen(part, &typed[at.clone()], 1);
        Diagnostic { found, ..refused }
    }

    /// The bytes of `typed` that [`Scenario::as_a_file_writes`] wrote as `plain[span]`, the
    /// marks it took off either side of a figure included (`€` before `3Mx`, ` CHF` after it).
    /// `None` where no cut of `typed` writes as `plain` does up to both ends, or where `typed` is
    /// too long to look (it is written again for every place in it).
    fn typed_span(
        &self,
        field: Field,
        typed: &str,
        plain: &str,
        span: std::ops::Range<usize>,
    ) -> Option<std::ops::Range<usize>> {
        const LONGEST: usize = 4096;
        if typed.len() > LONGEST {
            return None;
        }
        let (before, through) = (plain.get(..span.start)?, plain.get(..span.end)?);
        let cuts: Vec<usize> = typed
            .char_indices()
            .map(|(i, _)| i)
            .chain([typed.len()])
            .collect();
        let writes_as =
            |cut: usize, text: &str| self.as_a_file_writes(field, &typed[..cut]) == text;
        let start = cuts.iter().copied().find(|&cut| writes_as(cut, before))?;
        let end = cuts
            .iter()
            .copied()
            .rev()
            .find(|&cut| writes_as(cut, through))?;
        (start <= end).then_some(start..end)
    }

    /// What a person typed for `field`, as a file writes it: each run of spaces as one space,
    /// in its strings too ([`number::with_spaces_collapsed`]: a value pasted with 4,000
    /// spaces in it was saved and logged with them), a minus sign (`−5%`, as word
    /// processors and slides write it, [`number::with_ascii_minus`]) as `-`; an amount without the plan's own currency marks
    /// (`€5.93M` → `5.93M`, [`currency::without_currency_marks`]), as the session and the tables
    /// show amounts (typed back they were refused as a currency), and with a magnitude spelt
    /// out as its suffix (`1.2bn`, `6.5 million` → `1.2B`, `6.5M`,
    /// [`number::with_magnitude_suffixes`]); a share gain in the points a year the tables and
    /// levers show it in as the percentage it is (`84.1 pts/yr` → `84.1%`,
    /// [`number::with_points_as_percent`]); without the marks that set a text's direction and
    /// show nothing ([`unseen_mark`]), which a figure copied from the board report carries
    /// after a currency written right to left (`3M ש״ח` was refused as `3M\u200e`). A file's
    /// value takes none of these.
    pub fn as_a_file_writes<'a>(&self, field: Field, text: &'a str) -> std::borrow::Cow<'a, str> {
        if text.contains(unseen_mark) {
            let unmarked = text.replace(unseen_mark, "");
            return std::borrow::Cow::Owned(self.as_a_file_writes(field, &unmarked).into_owned());
        }
        let text = match number::with_spaces_collapsed(text) {
            std::borrow::Cow::Borrowed(text) => number::with_ascii_minus(text),
            std::borrow::Cow::Owned(collapsed) => {
                std::borrow::Cow::Owned(number::with_ascii_minus(&collapsed).into_owned())
            }
        };
        if field.counts_days()
            && let Some(days) = value::without_days_unit(&text)
        {
            return std::borrow::Cow::Owned(days.to_string());
        }
        if field == Field::ShareGainPerYear {
            let percent = number::with_points_as_percent(&text);
            if percent != text {
                return std::borrow::Cow::Owned(percent.into_owned());
            }
        }
        if field.unit() != number::Unit::Amount {
            return text;
        }
        let plain = currency::without_currency_marks(&text, &self.currency);
        let spelt = number::with_magnitude_suffixes(&plain).into_owned();
        if spelt == *text {
            text
        } else {
            std::borrow::Cow::Owned(spelt)
        }
    }
}

/// The signs a factor is typed with (`×9.55`, as the levers write the market size's): each
/// starts a value in the live session's list, for the editor to refuse with the value it gives.
pub const FACTOR_SIGNS: [char; 3] = ['×', '*', 'x'];

/// Whether `c` shows nothing and only sets the direction of the text around it, or holds it
/// together: a [`text::direction_mark`] or a zero-width character ([`text::zero_width`]).
pub(super) fn unseen_mark(c: char) -> bool {
    text::direction_mark(c) || text::zero_width(c)
}

/// Where in `plain`, a table typed for `field`, is the parameter `key` names
/// (`market.size.mean`): its value's bytes, quotes included.
fn parameter_span(field: Field, key: &str, plain: &str) -> Option<std::ops::Range<usize>> {
    let name = key.strip_prefix(&field.key())?.strip_prefix('.')?;
    // Read as a file's line, which keeps where each value is (a value read alone does not).
    const BEFORE: &str = "v = ";
    let line = format!("{BEFORE}{plain}");
    let document = toml_edit::Document::parse(line.as_str()).ok()?;
    let span = document.get("v")?.as_inline_table()?.get(name)?.span()?;
    Some(span.start - BEFORE.len()..span.end - BEFORE.len())
}

#[cfg(test)]
mod tests {
    use crate::scenario::{BUILT_IN, Field, FieldValue, Scenario};

    #[test]
    fn a_table_typed_that_is_no_toml_is_refused_naming_its_input() {
        // `{` alone was refused as "found the end of the line, expected valid TOML", the only
        // refusal of a value typed that named no key.
        let scenario = Scenario::parse(BUILT_IN, "x").expect("it parses");
        let refused = scenario
            .read_typed(Field::MarketGrowth, "{")
            .expect_err("refused");
        assert_eq!(refused.key.as_deref(), Some("market.growth"));
        // A parameter's own key stays.
        let refused = scenario
            .read_typed(
                Field::MarketGrowth,
                r#"{ dist = "normal", mean = "5%", sd = "x" }"#,
            )
            .expect_err("refused");
        assert_eq!(refused.key.as_deref(), Some("market.growth.sd"));
    }

    #[test]
    fn a_refused_parameter_of_a_table_is_quoted_as_typed_with_its_currency() {
        // `mean = "€3Mx"` was refused as found "3Mx": the sign the plan's own amounts are
        // shown with was taken off before reading, and not put back in the quote.
        let text = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml")
            .expect("the worked example in euros");
        let scenario = Scenario::parse(&text, "x").expect("it parses");
        let found = |typed: &str| {
            scenario
                .read_typed(Field::MarketSize, typed)
                .expect_err("refused")
                .found
        };
        assert!(found(r#"{ dist = "normal", mean = "€3Mx", sd = 1 }"#).starts_with(r#""€3Mx" ("#),);
        assert_eq!(
            found(r#"{ dist = "normal", mean = "€3M", sd = "€0" }"#),
            r#""€0""#
        );
        // The parameter the refusal names, not another written alike.
        assert_eq!(
            found(r#"  { dist = "uniform", min = "3M", max = "€3M" }"#),
            r#""€3M""#
        );
        assert_eq!(
            found(r#"{ dist = "uniform", min = "€3M", max = "3M" }"#),
            r#""3M""#
        );
        // A value alone, as before.
        assert_eq!(found("-€5M"), "-€5M");
    }

    #[test]
    fn an_amount_in_another_currency_is_told_which_the_plan_is_in() {
        // `$3M` in a plan in euros was told "write amounts without `$`", where the session
        // had opened its editor at the `$` typed, and never that the plan is in euros.
        let text = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml")
            .expect("the worked example in euros");
        let scenario = Scenario::parse(&text, "x").expect("it parses");
        // The hint of the refusal of `typed` as a target in `plan`.
        let hint = |plan: &Scenario, typed: &str| {
            plan.read_typed(Field::TargetRevenue, typed)
                .expect_err("refused")
                .hint
        };
        let in_euros = Some("this plan is in EUR: type € or no sign".to_string());
        assert_eq!(hint(&scenario, "$3M"), in_euros);
        // Its own code beside the amount is its own currency (`3M EUR` was refused so).
        for typed in ["€3M", "3M EUR", "EUR 3M", "eur 3M"] {
            assert_eq!(
                scenario.read_typed(Field::TargetRevenue, typed),
                Ok(FieldValue::Number(3e6)),
                "{typed}"
            );
        }
        // Another's code too; the plan's own sign refused for another reason is no other.
        assert_eq!(hint(&scenario, "3M USD"), in_euros);
        for typed in ["3€50", "€5%"] {
            assert_eq!(hint(&scenario, typed), None, "{typed}");
        }
        // Its code in small letters is said as the tables show it (`chf` read "this plan is
        // in chf" beside tables of "1.2M CHF"), and typed beside an amount it is the plan's.
        let francs = text.replace("currency = \"EUR\"", "currency = \"chf\"");
        let francs = Scenario::parse(&francs, "x").expect("it parses");
        assert_eq!(
            hint(&francs, "$3M").as_deref(),
            Some("this plan is in CHF: type amounts without a sign")
        );
        assert_eq!(
            francs.read_typed(Field::TargetRevenue, "3M CHF"),
            Ok(FieldValue::Number(3e6))
        );
        // A plan without a currency says so.
        let plain = text.replace("currency = \"EUR\"", "currency = \"\"");
        let plain = Scenario::parse(&plain, "x").expect("it parses");
        assert_eq!(
            hint(&plain, "€3M").as_deref(),
            Some("this plan names no currency: type amounts without a sign")
        );
    }

    #[test]
    fn an_amount_of_no_cents_typed_in_the_plans_own_currency_is_told_the_number_to_type() {
        // `CHF1'200.-` in a plan in francs read "not a number" in the session's editor and
        // with `--set`: its `CHF` was taken off, and `1'200.-` was told nothing.
        let francs = BUILT_IN.replace("currency = \"USD\"", "currency = \"CHF\"");
        let francs = Scenario::parse(&francs, "x").expect("it parses");
        let refused = francs
            .read_typed(Field::TargetRevenue, "CHF1'200.-")
            .expect_err("refused");
        assert_eq!(
            refused.found,
            "\"CHF1'200.-\" (digits grouped with `'` and `.-` for no cents; write `1200`)"
        );
    }

    #[test]
    fn days_typed_with_their_unit_are_read_as_days() {
        let s = Scenario::parse(BUILT_IN, "built-in").unwrap();
        for typed in ["180 days", "180d", "180 day", "180 Days", " 180  days "] {
            assert_eq!(
                s.read_typed(Field::HorizonDays, typed),
                Ok(FieldValue::Integer(180)),
                "{typed}"
            );
        }
        assert_eq!(s.as_a_file_writes(Field::HorizonDays, "180 days"), "180");
    }

    #[test]
    fn a_set_of_days_with_their_unit_sets_the_days() {
        let mut s = Scenario::parse(BUILT_IN, "built-in").unwrap();
        s.apply_override("horizon_days=180 days").unwrap();
        assert_eq!(s.horizon_days, 180);
    }

    #[test]
    fn days_typed_in_another_unit_are_refused_saying_the_key_counts_days() {
        let s = Scenario::parse(BUILT_IN, "built-in").unwrap();
        for typed in ["6 months", "26 weeks", "1y"] {
            let refused = s
                .read_typed(Field::HorizonDays, typed)
                .expect_err("refused");
            assert_eq!(
                refused.hint.as_deref(),
                Some("a count of days: type them, as in 180 or 180 days"),
                "{typed}"
            );
        }
    }

    #[test]
    fn a_factor_typed_as_a_value_is_told_the_value_it_gives() {
        let mut s = Scenario::parse(BUILT_IN, "built-in").unwrap();
        let hint = |s: &mut Scenario, assignment: &str| {
            s.apply_override(assignment)
                .unwrap_err()
                .hint
                .unwrap_or_default()
        };
        let said =
            |factor: &str, gives: &str| format!("{factor} is a factor, not a value: type {gives}");
        for (assignment, factor, gives) in [
            (
                "market.growth=×2",
                "×2",
                "what it gives, 10% to 40% (×2 of 5% to 20%)",
            ),
            (
                "target.revenue=*1.5",
                "*1.5",
                "what it gives, 4.5M (×1.5 of 3M)",
            ),
            // A table, or a value the key would refuse (a serviceable share of 160%): no sum.
            ("share.current=x2", "x2", "the value it gives"),
            ("market.serviceable=×2", "×2", "the value it gives"),
            ("target.revenue=×0", "×0", "the value it gives"),
        ] {
            assert_eq!(hint(&mut s, assignment), said(factor, gives));
        }
        // Nor for what is no plain factor: a negative one, a magnitude, a word.
        for text in ["market.size=×-1", "market.size=×3M", "market.size=xyz"] {
            assert!(!hint(&mut s, text).contains("factor"), "{text}");
        }
    }

    #[test]
    fn a_figure_copied_from_the_report_in_a_currency_written_right_to_left_reads() {
        // The report marks such a currency's end (U+200E), so that the browser keeps what
        // follows out of its run; copied back, `3M ש״ח` was refused as `3M\u200e`.
        let mut s = Scenario::parse(BUILT_IN, "built-in").unwrap();
        s.currency = "ש״ח".to_string();
        s.apply_override("target.revenue=2M ש״ח\u{200e}").unwrap();
        assert_eq!(s.target_revenue, 2e6);
        assert_eq!(
            s.as_a_file_writes(Field::TargetRevenue, "\u{200f}4M\u{61c}"),
            "4M"
        );
        assert_eq!(
            s.as_a_file_writes(Field::TargetRevenue, "\u{2066}4M\u{2069}"),
            "4M"
        );
        s.apply_override("currency=ש״ח\u{200e}").unwrap();
        assert_eq!(s.currency, "ש״ח");
    }
}
