//! The value forms (docs/MODEL.md §2): what a key's TOML value may be, read into a [`FieldValue`], and
//! written back in the same grammar.
//!
//! A distribution key takes a number (`0.8`, `"3M"`, `"12%"`), a 90% interval (`"35M to 70M"`
//! or `{ low = 35e6, high = 70e6 }`) or a table naming its `dist`. Number keys take only a
//! number; integer keys a whole number.

use std::fmt::Write as _;

use toml_edit::{Item, TableLike, Value};

use super::error::{Diagnostic, LONGEST_VALUE_SHOWN, did_you_mean};
use super::field::{Domain, Field, Kind, Section};
use super::number::{
    LISTED_DIGITS, NumberError, Unit, for_people, format_exact, format_for_people,
    format_significant, parse_number, parse_range, point_or_thousands, split_range, suffix_of,
    thousands, thousands_only, whole_exactly, with_decimal_mark, written_in_powers_of_ten,
};
use crate::distribution::{Dist, DistError, Expected, Family, Form, Shape, param};
use crate::text::{hidden, push_shown};

/// A field's value once read and checked.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// A distribution key's value (possibly fixed).
    Dist(Dist),
    /// A single number (target, confidence).
    Number(f64),
    /// A whole number (days, reps, samples, seed).
    Integer(u64),
}

/// What a key accepts, in words, for "expected ..." messages.
pub fn expected(field: Field) -> String {
    match field.kind() {
        // The key's own examples (a share's `"3%"`, not `"3M"`).
        Kind::Distribution => {
            let examples = field.examples().iter().copied();
            let number = examples
                .clone()
                .find(|e| !e.contains(" to ") && !e.starts_with('{'));
            let range = examples.clone().find(|e| e.contains(" to "));
            format!(
                "{}, as a number (\"{}\"), a range (\"{}\") or a distribution table",
                field.domain().describe(),
                number.unwrap_or("3M"),
                range.unwrap_or("35M to 70M")
            )
        }
        Kind::Number => {
            let example = match field.unit() {
                Unit::Amount => "\"3M\"",
                Unit::Percent => "\"80%\" or 0.8",
                Unit::Plain => "0.8",
            };
            format!(
                "{} (one number such as {example}, not a range)",
                field.domain().describe()
            )
        }
        // More samples than are ever drawn are taken, with a warning: both limits are said.
        Kind::Integer { min, max } if field == Field::RunSamples => {
            let [min, max, most] = [min, max, super::MAX_SAMPLES].map(thousands);
            format!("a whole number from {min} to {max} (at most {most} are drawn)")
        }
        // In days: `1 year`, `90d` and `12 months` were refused without the unit. Grouped, as
        // every key's limits are ("from 0 to 1000000" beside "from 0 to 1,000,000").
        Kind::Integer { min, max } if field.counts_days() => {
            let [min, max] = [min, max].map(thousands);
            format!("a whole number of days from {min} to {max}")
        }
        Kind::Integer { min, max } => whole_numbers(min, max),
    }
}

/// Whole numbers from `min` to `max`, in words, for "expected ..." messages (a key's, or a
/// command-line option's such as `--threads`).
pub fn whole_numbers(min: u64, max: u64) -> String {
    // The largest is said too: a seed of 2^64 is refused for being too large.
    let [low, high] = [min, max].map(thousands);
    if max == u64::MAX {
        format!("a whole number ≥ {low}, at most {high}")
    } else {
        format!("a whole number from {low} to {high}")
    }
}

/// What a distribution table's parameter (`mean`, `low`, `alpha`) takes.
pub const PARAMETER: &str = "a number such as 3M or 12%";

/// [`describe`], but a float as the file writes it (`1e7`, where its value read `10000000.0`
/// beside the line that says `1e7`).
fn as_written(item: &Item, text: &str) -> String {
    match (item, item.span().and_then(|span| text.get(span))) {
        (Item::Value(Value::Float(_)), Some(written)) => written.trim().to_string(),
        _ => describe(item),
    }
}

/// How a TOML value looks in a message: strings quoted, long values cut.
pub fn describe(item: &Item) -> String {
    let text = match item {
        Item::None => "nothing".to_string(),
        Item::Value(Value::InlineTable(_)) | Item::Table(_) => "a table".to_string(),
        Item::Value(Value::Array(_)) | Item::ArrayOfTables(_) => "an array".to_string(),
        // A parsed float shows as a full decimal (1e-300 as 0.000…): write it compactly, where
        // the figures skypie writes take powers of ten.
        Item::Value(Value::Float(f)) => {
            let x = *f.value();
            if x.is_finite() && written_in_powers_of_ten(x) {
                format!("{x:e}")
            } else {
                f.to_string().trim().to_string()
            }
        }
        // A newline in a text (`--set 'name=a⏎b'`) is shown as an escape, on one line, not as
        // TOML's multi-line string.
        Item::Value(Value::String(s)) if s.value().chars().any(hidden) => {
            // As a TOML basic string writes it, so it can be typed back.
            let mut escaped = String::from('"');
            for c in s.value().chars() {
                match c {
                    '\\' | '"' => escaped.extend(['\\', c]),
                    c => push_shown(&mut escaped, c),
                }
            }
            escaped.push('"');
            escaped
        }
        Item::Value(value) => value.to_string().trim().to_string(),
    };
    crate::text::cut_after(&text, LONGEST_VALUE_SHOWN).into_owned()
}

/// Reads `item` as a value of `field`, checking the field's kind and domain. Diagnostics are
/// located in `text`, the document `item` was parsed from (empty when it has no text).
pub fn read_field(field: Field, item: &Item, text: &str) -> Result<FieldValue, Diagnostic> {
    let key = field.key();
    let wrong =
        |found: String| Diagnostic::new(Some(&key), found, expected(field)).at(text, item.span());
    match field.kind() {
        Kind::Distribution => {
            let dist = read_dist(field, item, text)?;
            if let Some(x) = dist.fixed_value()
                && !field.domain().admits(x)
            {
                return Err(out_of_domain(field, item, x, wrong));
            }
            Ok(FieldValue::Dist(dist))
        }
        Kind::Number => {
            let x = read_single_number(field, item, text)?;
            if field.domain().admits(x) {
                Ok(FieldValue::Number(x))
            } else if field.unit() == Unit::Percent {
                Err(out_of_domain(field, item, x, wrong))
            } else {
                Err(wrong(describe(item)))
            }
        }
        Kind::Integer { min, max } => {
            // A percentage of a count or of days means nothing: `"200000%"` samples read as
            // 2,000, `"9000%"` days as 90.
            if let Some(Value::String(s)) = item.as_value()
                && s.value().trim_end().ends_with('%')
            {
                return Err(wrong(format!("{} (a percentage)", describe(item))));
            }
            // `"90 days"`: a file's value is the number alone, which the session and `--set`
            // read typed with its unit.
            if field.counts_days()
                && let Some(Value::String(s)) = item.as_value()
            {
                if let Some(days) = without_days_unit(s.value()) {
                    // Only a number the key takes (`"5000 days"` is too many either way).
                    let refused = wrong(describe(item));
                    return Err(match read_text(field, days) {
                        Ok(_) => refused.hint(format!("write {days}")),
                        Err(_) => refused,
                    });
                }
                if another_unit(s.value()) {
                    let counts = "a count of days: write the number alone, as in 90";
                    return Err(wrong(describe(item)).hint(counts));
                }
            }
            // A point that may group thousands, where the key takes the grouped count: both
            // readings are offered where the point's is a count too (`reps = 1.000`), else the
            // grouped one (`horizon_days = 1.095`). `horizon_days = 90.000` is 90 days (it
            // takes at most 3,650), and a seed is no count.
            if field != Field::RunSeed
                && let Some(written) = written_number(item, text)
                && with_decimal_mark(written.trim(), ',')
                    .parse::<u64>()
                    .is_ok_and(|n| (min..=max).contains(&n))
            {
                if whole_exactly(written).is_some() {
                    if let Some(refused) = point_grouping(field, item, text) {
                        return Err(refused);
                    }
                } else if let Some((found, hint)) = thousands_only(written) {
                    return Err(wrong(found).hint(hint));
                }
            }
            // `reps = "1,5"`: a decimal comma's 1.5 is no count, where "write `1.5`" was
            // offered and then refused ("2,0" is still told to write `2`).
            if let Some(Value::String(s)) = item.as_value()
                && let Err(NumberError::DecimalComma(point)) = parse_number(s.value())
                && whole_exactly(&point).is_none()
            {
                return Err(wrong(format!(
                    "{} ({point} with a decimal comma: no whole number)",
                    describe(item)
                )));
            }
            let n = match item.as_value() {
                Some(Value::Integer(i)) if base_of(i, text).is_none() => {
                    u64::try_from(*i.value()).ok()
                }
                // A number in quotes (`"18,446,744,073,709,551,615"`, `"1e19"`) or a float
                // (`1e16`, `9007199254740993.0`) is read exactly as written: the way to write a
                // seed of 2^63 or more, which a TOML integer cannot hold, and one past 2^53,
                // which a double rounds to another seed.
                Some(Value::String(s)) if let Some(n) = whole_exactly(s.value()) => Some(n),
                Some(Value::Float(_)) if let Some(written) = written_number(item, text) => {
                    // TOML takes `_` between any digits, the exponent's too (`5e0_0`).
                    whole_exactly(&written.replace('_', ""))
                }
                // Why a text is no number is said (`"1 000"`: write `1000`).
                _ => whole(read_single_number(field, item, text)?),
            };
            match n {
                Some(n) if (min..=max).contains(&n) => Ok(FieldValue::Integer(n)),
                _ => Err(wrong(describe(item))),
            }
        }
    }
}

/// A fixed value `x` that `field` does not take, as `wrong` says it: a percentage key's bare
/// number both as written and as the percentage it is (`30 (3000%)`, where it said only
/// "found 3000%"), and, for a share or a gain the key would take as a percentage, how to
/// write it as meant (a confidence too).
fn out_of_domain(
    field: Field,
    item: &Item,
    x: f64,
    wrong: impl Fn(String) -> Diagnostic,
) -> Diagnostic {
    let shown = for_people(&format_exact(x, field.unit()));
    // The number as written without a `%` (`30`, `"30"`), which a percentage key reads as a
    // fraction.
    let written = match item.as_value() {
        _ if field.unit() != Unit::Percent => return wrong(shown),
        Some(Value::Integer(_) | Value::Float(_)) => describe(item),
        Some(Value::String(s)) if !s.value().contains('%') => s.value().trim().to_string(),
        _ => return wrong(shown),
    };
    let diagnostic = wrong(format!("{} ({shown})", describe(item)));
    // Not for -30 as a share: "-30%" is refused too.
    let a_fraction = field.domain().is_share() || field.domain() == Domain::Confidence;
    // What `"1.1%"` reads as (0.011), where x / 100 is 0.011000000000000001.
    let fraction = parse_number(&format!("{}%", format_exact(x, Unit::Plain))).unwrap_or(x / 100.0);
    if a_fraction && x.abs() >= 1.0 && field.domain().admits(fraction) {
        diagnostic.hint(format!(
            "for {written}%, write \"{written}%\" or {}",
            format_exact(fraction, Unit::Plain)
        ))
    } else {
        diagnostic
    }
}

/// A non-negative whole number exactly representable as u64, from a double.
fn whole(x: f64) -> Option<u64> {
    (x >= 0.0 && x.fract() == 0.0 && x <= 2f64.powi(53)).then_some(x as u64)
}

/// Reads one number (no ranges, no tables) for a number or integer key.
fn read_single_number(field: Field, item: &Item, text: &str) -> Result<f64, Diagnostic> {
    let key = field.key();
    let located = |d: Diagnostic| d.at(text, item.span());
    // What it expects says "one number …, not a range" (a hint saying so again read twice).
    if item.is_table_like() || item.as_str().and_then(parse_range).is_some() {
        return Err(located(Diagnostic::new(
            Some(&key),
            describe(item),
            expected(field),
        )));
    }
    amount_one_way(field, item, text)?;
    number_for(field, item, text)
        .map_err(|found| located(Diagnostic::new(Some(&key), found, expected(field))))
}

/// [`number_of`] for `field`'s value, a text that reads as a number the key refuses said so
/// ([`beside_key`]).
fn number_for(field: Field, item: &Item, text: &str) -> Result<f64, String> {
    match item.as_value() {
        Some(Value::String(s)) => {
            parse_number(s.value()).map_err(|e| beside_key(&e, field, describe(item)))
        }
        _ => number_of(item, text, Some(field.unit())),
    }
}

/// `found` with why it is no number, for `field` ([`NumberError::beside_key`]).
fn beside_key(e: &NumberError, field: Field, found: String) -> String {
    e.beside_key(found, field.unit(), &field.key(), |x| takes_fixed(field, x))
}

/// Whether `field` takes `x` as one fixed number, within the limits [`expected`] states (a
/// count's, not only its domain's `≥ 0`: `horizon_days` was told to write `9000`).
fn takes_fixed(field: Field, x: f64) -> bool {
    match field.kind() {
        Kind::Integer { min, max } => x.fract() == 0.0 && (min as f64..=max as f64).contains(&x),
        _ => field.domain().admits(x),
    }
}

/// A number written `250.000` (an item's text, or one end of a range) for `key`, which takes
/// amounts or counts (`expected` says how), refused with both its readings
/// ([`point_or_thousands`]).
fn point_grouping_in(key: &str, expected: &str, written: &str) -> Option<Diagnostic> {
    let (found, hint) = point_or_thousands(written)?;
    Some(Diagnostic::new(Some(key), found, expected).hint(hint))
}

/// `Ok` unless `field` takes amounts and `item`'s number is written `250.000`
/// ([`point_grouping`]), for a single value and a fixed input alike.
fn amount_one_way(field: Field, item: &Item, text: &str) -> Result<(), Diagnostic> {
    match takes_amounts(field).then(|| point_grouping(field, item, text)) {
        Some(Some(refused)) => Err(refused),
        _ => Ok(()),
    }
}

/// [`point_grouping_in`] for `item`'s number as `field`'s value, located in `text`.
fn point_grouping(field: Field, item: &Item, text: &str) -> Option<Diagnostic> {
    let written = written_number(item, text)?;
    let refused = point_grouping_in(&field.key(), &expected(field), written)?;
    Some(refused.at(text, item.span()))
}

/// Whether `field` takes an amount of money, so that a reason for amounts (a currency) is
/// worth giving when a text is no number ([`NumberError::beside`](super::number::NumberError::beside)).
fn takes_amounts(field: Field) -> bool {
    field.unit() == Unit::Amount
}

/// The number a TOML value holds (integer, float, or string in the number grammar); on
/// failure, the description of what was found, with why where the reason fits a key that takes
/// numbers in `unit` ([`NumberError::beside`](super::number::NumberError::beside)).
pub(super) fn number_of(item: &Item, text: &str, unit: Option<Unit>) -> Result<f64, String> {
    match item.as_value() {
        // TOML's `0x5A`, `0o17`, `0b101`: a typo far more often than a plan's number (`0x10`
        // typed as the target read $16).
        Some(Value::Integer(i)) if let Some(not) = base_of(i, text) => Err(format!(
            "{} ({}; numbers are written in decimal, as {})",
            not.written,
            not.base,
            i.value()
        )),
        Some(Value::Integer(i)) => Ok(*i.value() as f64),
        // `1e-400` unquoted, which TOML reads as 0 ("found 0.0, expected a number > 0"), as
        // the grammar refuses it quoted.
        Some(Value::Float(f)) if let Some(written) = underflowed(f, text) => Err(format!(
            "{written} ({})",
            super::number::NumberError::Underflow
        )),
        Some(Value::Float(f)) if f.value().is_finite() => Ok(*f.value()),
        Some(Value::String(s)) => {
            parse_number(s.value()).map_err(|e| e.beside(describe(item), unit))
        }
        _ => Err(describe(item)),
    }
}

/// A number as written: a string's text, or a float's as the file (`text`) or the typed text
/// has it (`None` for anything else).
fn written_number<'a>(item: &'a Item, text: &'a str) -> Option<&'a str> {
    match item.as_value()? {
        Value::String(s) => Some(s.value()),
        Value::Float(f) => raw_text(f.as_repr()?.as_raw(), text),
        _ => None,
    }
}

/// A parsed value's text as written: its own (typed), or where the file's `text` holds it.
fn raw_text<'a>(raw: &'a toml_edit::RawString, text: &'a str) -> Option<&'a str> {
    raw.as_str().or_else(|| text.get(raw.span()?))
}

/// The base a TOML integer is written in, as the file (`text`, which a parsed value's text
/// points into) or the typed text has it, when it is not decimal (a value made by skypie,
/// with no text of its own, is decimal).
fn base_of(i: &toml_edit::Formatted<i64>, text: &str) -> Option<NotDecimal> {
    let written = raw_text(i.as_repr()?.as_raw(), text)?.trim();
    let digits = written.trim_start_matches(['+', '-']);
    [("0x", "hexadecimal"), ("0o", "octal"), ("0b", "binary")]
        .into_iter()
        .find_map(|(prefix, base)| digits.starts_with(prefix).then_some(base))
        .map(|base| NotDecimal {
            base,
            written: written.to_string(),
        })
}

/// A TOML float as written (the file's `text`, or the typed text), when it reads as 0 but
/// is not: a digit other than 0 before its exponent.
fn underflowed(f: &toml_edit::Formatted<f64>, text: &str) -> Option<String> {
    if *f.value() != 0.0 {
        return None;
    }
    let written = raw_text(f.as_repr()?.as_raw(), text)?.trim();
    let mantissa = written.split(['e', 'E']).next().unwrap_or("");
    mantissa
        .bytes()
        .any(|b| matches!(b, b'1'..=b'9'))
        .then(|| written.to_string())
}

/// An integer written in another base than ten ([`base_of`]).
struct NotDecimal {
    /// `hexadecimal`, `octal` or `binary`.
    base: &'static str,
    /// As written: `0x5A`.
    written: String,
}

/// Reads a distribution key's value in any value form.
fn read_dist(field: Field, item: &Item, text: &str) -> Result<Dist, Diagnostic> {
    let key = field.key();
    let located = |d: Diagnostic| d.at(text, item.span());
    let written = |x: f64| format_exact(x, field.unit());
    let refused = |e: DistError| {
        located(Diagnostic::new(
            Some(&key),
            describe(item),
            e.expected_with(written),
        ))
    };
    if let Some(table) = item.as_table_like() {
        return read_dist_table(&key, table, text, field.unit(), written).map_err(|d| {
            match d.location {
                Some(_) => d,
                None => located(d),
            }
        });
    }
    // `uniform 2% to 5%` typed back from the inputs list: said what it is, and the table that
    // writes it (it read "(not a number)").
    if let Some(s) = item.as_str()
        && let Some(table) = table_for_short_form(field, s)
    {
        return Err(located(
            Diagnostic::new(
                Some(&key),
                format!(
                    "{} (a distribution as skypie shows it, not as one is written)",
                    describe(item)
                ),
                expected(field),
            )
            .hint(format!("write it as a table: {table}")),
        ));
    }
    if let Some(s) = item.as_str()
        && let Some(range) = parse_range(s)
    {
        // Not judged by one end as a fixed number would be: a range's end may be negative.
        let (low, high) = range.map_err(|e| {
            located(Diagnostic::new(
                Some(&key),
                e.beside(describe(item), Some(field.unit())),
                expected(field),
            ))
        })?;
        if let Some((low_text, high_text)) = split_range(s) {
            if takes_amounts(field)
                && let Some(refused) = [low_text, high_text]
                    .into_iter()
                    .find_map(|end| point_grouping_in(&key, &expected(field), end))
            {
                return Err(located(refused));
            }
            if let Some(slip) = one_sided_unit(low_text, high_text) {
                return Err(located(one_sided_range(field, item, s, &slip)));
            }
            if mixed_units(&[low_text, high_text]).is_some() {
                return Err(located(mixed_range(field, item, low_text, high_text)));
            }
        }
        if low >= high {
            return Err(located(backwards_range(&key, item, s, low > high)));
        }
        return Dist::interval(low, high, None).map_err(refused);
    }
    amount_one_way(field, item, text)?;
    let x = number_for(field, item, text).map_err(|found| {
        let d = Diagnostic::new(Some(&key), found, expected(field));
        located(
            match item.as_str().and_then(|text| dashed_range(field, text)) {
                Some(range) => d.hint(format!("a range is written with \"to\": \"{range}\"")),
                None => d,
            },
        )
    })?;
    Dist::fixed(x).map_err(refused)
}

/// A distribution in the short form the live session's inputs list and the summary tables show
/// it in ([`FieldValue::display_within`], `display_table`): `uniform 2% to 5%` or `uniform
/// 2%–5%`, `pert 4%/6%/10%`, `triangular 1M/2M/4M`, `normal 900k±50k`, `normal(900k, sd
/// 50k)`, `1%–6% normal`, `1% to 6% (normal)`, `lognormal(mu -0.2, sigma 0.1)` and `beta(15, 5)`, as the table that writes it (`{ dist = "uniform",
/// min = "2%", max = "5%" }`), the numbers as written, low to high. `None` for anything else, and for `lognormal ~48.6M`,
/// which shows the median alone.
fn table_for_short_form(field: Field, text: &str) -> Option<String> {
    let text = text.trim();
    let number = |n: &str| {
        let n = n.trim();
        parse_number(n).is_ok().then(|| format!("\"{n}\""))
    };
    // The numbers low to high, as the table takes them (`uniform 5%–2%` was offered a table
    // whose min is above its max).
    let ascending = |mut numbers: Vec<String>| {
        let value = |n: &String| parse_number(n.trim_matches('"')).unwrap_or(f64::NAN);
        numbers.sort_by(|a, b| value(a).total_cmp(&value(b)));
        numbers
    };
    // A range's ends, split as a range with a dash reads anywhere (`-5%-2%`).
    let ends = |range: &str| {
        let range = dashed_range(field, range).unwrap_or_else(|| range.to_string());
        let (low, high) = split_range(&range)?;
        let ends = ascending(vec![number(low)?, number(high)?]);
        let [low, high] = <[String; 2]>::try_from(ends).ok()?;
        Some((low, high))
    };
    let table = |family: &str, pairs: &[(&str, String)]| {
        let params: Vec<String> = pairs.iter().map(|(k, v)| format!("{k} = {v}")).collect();
        format!("{{ dist = \"{family}\", {} }}", params.join(", "))
    };
    // Written bare, as TOML takes a number (`1.5k` is 1500).
    let plain = |n: &str| Some(format_exact(parse_number(n.trim()).ok()?, Unit::Plain));
    if let Some(inner) = text
        .strip_prefix("lognormal(mu ")
        .and_then(|r| r.strip_suffix(')'))
    {
        let (mu, sigma) = inner.split_once(", sigma ")?;
        return Some(table(
            "lognormal",
            &[("mu", plain(mu)?), ("sigma", plain(sigma)?)],
        ));
    }
    if let Some(inner) = text.strip_prefix("beta(").and_then(|r| r.strip_suffix(')')) {
        let (alpha, beta) = inner.split_once(',')?;
        return Some(table(
            "beta",
            &[("alpha", plain(alpha)?), ("beta", plain(beta)?)],
        ));
    }
    let (family, rest) = text.split_once(' ').unwrap_or((text, ""));
    match family {
        "uniform" => {
            let (min, max) = ends(rest)?;
            Some(table("uniform", &[("min", min), ("max", max)]))
        }
        "pert" | "triangular" => {
            let numbers: Option<Vec<String>> = rest.split('/').map(number).collect();
            let [min, mode, max] = <[String; 3]>::try_from(ascending(numbers?)).ok()?;
            Some(table(family, &[("min", min), ("mode", mode), ("max", max)]))
        }
        _ => {
            let normal = |mean: &str, sd: &str| {
                Some(table(
                    "normal",
                    &[("mean", number(mean)?), ("sd", number(sd)?)],
                ))
            };
            if let Some((mean, sd)) = text.strip_prefix("normal ").and_then(|r| r.split_once('±'))
            {
                return normal(mean, sd);
            }
            if let Some(inner) = text
                .strip_prefix("normal(")
                .and_then(|r| r.strip_suffix(')'))
            {
                let (mean, sd) = inner.split_once(", sd ")?;
                return normal(mean, sd);
            }
            let interval = (text.strip_suffix(" normal")).or(text.strip_suffix(" (normal)"))?;
            let (low, high) = ends(interval)?;
            Some(table("normal", &[("low", low), ("high", high)]))
        }
    }
}

/// `"35M-70M"`, `"35M – 70M"`, `"35M..70M"`, `"35M ~ 70M"` or `"between 35M and 70M"`, a
/// range written as people and other tools write one, as the grammar writes it for `field`:
/// `35M to 70M` (`None` unless both ends are numbers).
fn dashed_range(field: Field, text: &str) -> Option<String> {
    const BETWEEN: &str = "between ";
    // No range is longer: each place is tried as the one between the ends, and each try reads
    // both ends (a value of 80,000 characters took 10 s).
    const LONGEST: usize = 100;
    let text = text.trim();
    if text.len() > LONGEST {
        return None;
    }
    let as_written = |low: &str, high: &str| {
        let (low, high) = (low.trim(), high.trim());
        let (Ok(x), Ok(y)) = (parse_number(low), parse_number(high)) else {
            return None;
        };
        // `5%-20M` is no range in either reading: a percentage and an amount; nor one whose
        // ends are equal.
        if mixed_units(&[low, high]).is_some() || x == y {
            return None;
        }
        // `5-20%` is 5% to 20%: "5 to 20%" would be refused, and "20% to 5" after it; and the
        // low end first (`40M..20M` was told "40M to 20M", which is refused as backwards).
        Some(match one_sided_unit(low, high) {
            Some(slip) => slip.most_likely(field).to_string(),
            None if x > y => format!("{high} to {low}"),
            None => format!("{low} to {high}"),
        })
    };
    if let Some(start) = text.get(..BETWEEN.len())
        && start.eq_ignore_ascii_case(BETWEEN)
        && let Some((low, high)) = text[BETWEEN.len()..].split_once(" and ")
    {
        return as_written(low, high);
    }
    // A leading minus sign is no dash between two ends: before it the low end is empty, which
    // is no number, and the search goes on (`-1%-2%` is -1% to 2%).
    text.char_indices().find_map(|(at, _)| {
        let rest = &text[at..];
        // `...` before `..`: its third dot read as the high end's decimal point (`20M...40M`
        // as "20M to .40M").
        let between = ["-", "–", "—", "...", "..", "…", "~"]
            .into_iter()
            .find(|between| rest.starts_with(between))?;
        let (low, high) = (&text[..at], &rest[between.len()..]);
        // A dot left beside dots is no decimal point (`20M....40M` was told "20M to .40M").
        let dots = between.starts_with('.') && (low.ends_with('.') || high.starts_with('.'));
        if dots {
            return None;
        }
        as_written(low, high)
    })
}

/// A range written with its unit suffix on one end only, and how it was most likely meant.
struct OneSided {
    /// The end written without the suffix, as written (`5`), and its value (5, i.e. 500%).
    bare: (String, f64),
    /// The suffix on the other end (`%`, `k`, `M`, `B`, `T`).
    suffix: String,
    /// The range with the suffix on both ends, low end first: `5% to 20%`.
    meant: String,
    /// For a bare fraction beside a `%` (`0.55 to 90%`), the range as written, the fraction as
    /// a percentage: `55% to 90%` (a fraction is how a percentage is written bare, so this
    /// reading is as likely as `meant`), or for any bare number where it is the more likely
    /// reading (`literal_first`).
    literal: Option<String>,
    /// Whether `literal` is offered first: `meant` runs backwards (`50% to 1.1` as `1.1% to
    /// 50%`), and `literal` does not (`50% to 110%`).
    literal_first: bool,
}

impl OneSided {
    /// `literal`, where both its ends are values `field` takes: a share's `50% to 1.1` is no
    /// `50% to 110%`, more than the whole market, which was offered first.
    fn literal_for(&self, field: Field) -> Option<&str> {
        let literal = self.literal.as_deref()?;
        let (low, high) = parse_range(literal)?.ok()?;
        let domain = field.domain();
        (domain.admits(low) && domain.admits(high)).then_some(literal)
    }

    /// The readings offered for `field`, most likely first, each with whether it is
    /// `literal`: `meant`, and `literal` where `field` takes it, first where `literal_first`.
    fn readings(&self, field: Field) -> Vec<(&str, bool)> {
        let meant = (self.meant.as_str(), false);
        match self.literal_for(field) {
            Some(literal) if self.literal_first => vec![(literal, true), meant],
            Some(literal) => vec![meant, (literal, true)],
            None => vec![meant],
        }
    }

    /// The range most likely meant, as `field` takes it ([`OneSided::readings`]).
    fn most_likely(&self, field: Field) -> &str {
        self.readings(field)[0].0
    }
}

/// `"5 to 20%"`, `"35 to 70M"`, `"5% to 20"` or `"20% to 5"`: a range with a unit suffix (`%`,
/// `k`, `M`, `B`, `T`) on one end and a bare number other than 0 on the other. Read as written, the
/// bare end is in units (5 is 500%, 35 is 35, not 35M), which people who write the unit once,
/// as in speech, never mean. `None` for any other range, and for `"900 to 1.5k"`, amounts
/// either side of a thousand as skypie itself writes them: there the suffix carried over
/// (900k to 1.5k) would run backwards, and as written is the only reading.
fn one_sided_unit(low: &str, high: &str) -> Option<OneSided> {
    let (low, high) = (low.trim(), high.trim());
    let (bare, suffix, on_high) = match (suffix_of(low)?, suffix_of(high)?) {
        ("", suffix) if !suffix.is_empty() => (low, suffix, true),
        (suffix, "") if !suffix.is_empty() => (high, suffix, false),
        _ => return None,
    };
    let bare_value = parse_number(bare).ok()?;
    if bare_value == 0.0 {
        // 0 is 0 in every unit: `0 to 20%` is 0% to 20%.
        return None;
    }
    // A bare end written out in full is no slip: `1k to 2000`, `35M to 70000000`.
    let multiplier = parse_number(&format!("1{suffix}")).ok()?;
    if suffix != "%" && bare_value.abs() >= multiplier {
        return None;
    }
    let carried = format!("{bare}{suffix}");
    let (low_meant, high_meant) = if on_high {
        (carried.as_str(), high)
    } else {
        (low, carried.as_str())
    };
    let (low_value, high_value) = (
        parse_number(low_meant).ok()?,
        parse_number(high_meant).ok()?,
    );
    let backwards = low_value > high_value;
    let meant = if !backwards {
        format!("{low_meant} to {high_meant}")
    } else if on_high && bare_value < parse_number(high).ok()? {
        return None;
    } else {
        format!("{high_meant} to {low_meant}")
    };
    // The bare end read as written, a fraction: where the % carried over runs the range
    // backwards and this reading does not (`50% to 1.1`, an attainment up to 110%, was told
    // to write "1.1% to 50%"), it comes first; but not past 200%, where a bare number is a
    // percentage left without its % (`20% to 5` is 5% to 20%, not 20% to 500%).
    let other = if on_high { high } else { low };
    let other_value = parse_number(other).ok()?;
    let in_order = if on_high {
        bare_value <= other_value
    } else {
        other_value <= bare_value
    };
    let literal_first = suffix == "%" && backwards && in_order && bare_value.abs() <= 2.0;
    let literal = (suffix == "%" && (bare_value.abs() < 1.0 || literal_first)).then(|| {
        let percent = format_exact(bare_value, Unit::Percent);
        if other_value < bare_value {
            format!("{other} to {percent}")
        } else {
            format!("{percent} to {other}")
        }
    });
    Some(OneSided {
        bare: (bare.to_string(), bare_value),
        suffix: suffix.to_string(),
        meant,
        literal,
        literal_first,
    })
}

/// `"5 to 20%"`: says that the unit is on one end only, what the bare end is, and the range
/// with the unit on both ends.
fn one_sided_range(field: Field, item: &Item, text: &str, slip: &OneSided) -> Diagnostic {
    let (bare, value) = &slip.bare;
    let suffix = &slip.suffix;
    let article = if suffix.eq_ignore_ascii_case("m") {
        "an"
    } else {
        "a"
    };
    let d = Diagnostic::new(
        Some(&field.key()),
        format!("{} ({article} {suffix} on one end only)", describe(item)),
        format!(
            "a range \"A to B\" with its unit on both ends (a bare {bare} is {}, not {bare}{suffix})",
            format_exact(*value, field.unit())
        ),
    );
    if text.chars().count() > LONGEST_VALUE_SHOWN {
        d
    } else {
        let said: Vec<String> = (slip.readings(field).into_iter())
            .map(|(range, literal)| match literal {
                true => format!("the bare end as a percentage: \"{range}\""),
                false => format!("the {suffix} on both ends: \"{range}\""),
            })
            .collect();
        d.hint(format!("write {}", said.join(", or ")))
    }
}

/// `"5% to 20M"`: says what kind each end is, and that both are written in the input's unit.
fn mixed_range(field: Field, item: &Item, low: &str, high: &str) -> Diagnostic {
    let (low, high) = (low.trim(), high.trim());
    Diagnostic::new(
        Some(&field.key()),
        format!(
            "{} ({low} is {}, {high} {})",
            describe(item),
            unit_kind(low).unwrap_or_default(),
            unit_kind(high).unwrap_or_default()
        ),
        format!(
            "a range \"A to B\" with {}",
            one_unit(field.unit(), "both ends")
        ),
    )
}

/// `"70M to 35M"` or `"35M to 35M"`: says so, with the range the user most likely meant.
fn backwards_range(key: &str, item: &Item, text: &str, reversed: bool) -> Diagnostic {
    let (low, high) = split_range(text).unwrap_or_default();
    let (low, high) = (low.trim(), high.trim());
    let d = Diagnostic::new(
        Some(key),
        describe(item),
        "a range \"A to B\" with A below B (A is the 5th percentile, B the 95th)",
    );
    if text.chars().count() > LONGEST_VALUE_SHOWN {
        d
    } else if reversed {
        d.hint(format!("write the low end first: \"{high} to {low}\""))
    } else {
        d.hint(format!("for a known value write one number: \"{low}\""))
    }
}

/// Reads `{ dist = "...", ... }` or `{ low = A, high = B }`; a refusal names the other
/// parameters' values as `written` writes them.
fn read_dist_table(
    key: &str,
    table: &dyn TableLike,
    text: &str,
    unit: Unit,
    written: impl Fn(f64) -> String,
) -> Result<Dist, Diagnostic> {
    let family = read_family(key, table, text)?;
    let is_interval = table.contains_key("low") || table.contains_key("high");
    // `{ low, high }` is a 90% interval, also with dist = "normal" or "lognormal" to force its
    // shape; any other table lists its family's parameters.
    let interval_shape = match (family, is_interval) {
        (None, _) => Some(None),
        (Some(Family::Normal), true) => Some(Some(Shape::Normal)),
        (Some(Family::LogNormal), true) => Some(Some(Shape::LogNormal)),
        _ => None,
    };
    // A normal's `mean` beside a `low`: two forms in one table, each key of which is right.
    if let (Some(Some(_)), Some(family)) = (interval_shape, family)
        && let Some(own) = family.params().iter().find(|p| table.contains_key(p))
    {
        let interval = if table.contains_key("low") {
            "low"
        } else {
            "high"
        };
        return Err(Diagnostic::new(
            Some(&format!("{key}.{interval}")),
            format!("both `{own}` and `{interval}`"),
            format!(
                "either {} or `low` and `high` (a 90% interval) in a {} distribution",
                keys_list(family.params()),
                family.name()
            ),
        )
        .at(text, table.key(interval).and_then(|k| k.span())));
    }
    let params: &[&str] = match (interval_shape, family) {
        (Some(_), _) => &["low", "high"],
        (None, Some(family)) => family.params(),
        (None, None) => &[],
    };
    check_table_keys(key, table, text, family, params)?;
    // An amount's parameters (`low`, `mean`, `sd`, `min` …, not a lognormal's mu), as a
    // single amount is read: `{ low = "200.000", high = "300.000" }` read as 200 to 300.
    let amounts = interval_shape.is_some() || family.is_some_and(Family::params_in_input_units);
    if unit == Unit::Amount && amounts {
        for name in params {
            let Some(item) = table.get(name) else {
                continue;
            };
            let param = format!("{key}.{name}");
            let written = written_number(item, text);
            if let Some(d) = written.and_then(|w| point_grouping_in(&param, PARAMETER, w)) {
                return Err(d.at(text, item.span()));
            }
        }
    }
    let values = read_params(key, table, text, params)?;
    match (interval_shape, family) {
        (None, Some(family)) if !family.params_in_input_units() => {
            refuse_amounts(key, table, text, family, params)?;
        }
        _ => check_one_unit(key, table, text, params, unit)?,
    }
    let built = match (interval_shape, family) {
        (Some(shape), _) => Dist::interval(values[0], values[1], shape),
        (None, Some(family)) => family.build(&values),
        (None, None) => Err(DistError {
            param: "dist",
            expected: Expected::Words("a distribution".to_string()),
        }),
    };
    built.map_err(|e| {
        let item = table
            .get(e.param)
            .or_else(|| params.last().and_then(|last| table.get(last)));
        let found = item.map_or_else(|| "nothing".to_string(), |i| as_written(i, text));
        Diagnostic::new(
            Some(&format!("{key}.{}", e.param)),
            found,
            e.expected_with(written),
        )
        .at(text, item.and_then(Item::span))
    })
}

/// The family a table names in `dist`, `None` when it names none (an interval).
fn read_family(key: &str, table: &dyn TableLike, text: &str) -> Result<Option<Family>, Diagnostic> {
    let Some(item) = table.get("dist") else {
        return Ok(None);
    };
    if let Some(family) = item.as_str().and_then(Family::from_name) {
        return Ok(Some(family));
    }
    let names = Family::ALL.map(Family::name);
    let mut d = Diagnostic::new(
        Some(&format!("{key}.dist")),
        describe(item),
        format!("one of {}", names.join(", ")),
    )
    .at(text, item.span());
    if let Some(name) = item.as_str().and_then(|n| did_you_mean(n, names)) {
        d = d.hint(format!("did you mean \"{name}\"?"));
    }
    Err(d)
}

/// Refuses a key the table's form does not take, with the nearest parameter.
fn check_table_keys(
    key: &str,
    table: &dyn TableLike,
    text: &str,
    family: Option<Family>,
    params: &[&str],
) -> Result<(), Diagnostic> {
    let Some((name, item)) = table
        .iter()
        .find(|(name, _)| *name != "dist" && !params.contains(name))
    else {
        return Ok(());
    };
    let form = family.map_or("a range".to_string(), |f| {
        format!("a {} distribution", f.name())
    });
    let mut d = Diagnostic::new(
        Some(&format!("{key}.{name}")),
        format!("the key `{name}`"),
        format!("only {} in {form}", keys_list(params)),
    )
    .at(text, table.key(name).and_then(|k| k.span()).or(item.span()));
    if let Some(near) = did_you_mean(name, params.iter().copied()) {
        d = d.hint(format!("did you mean `{near}`?"));
    } else if family.is_none() {
        d = d.hint("name the distribution with dist = \"normal\", \"uniform\", ...");
    }
    Err(d)
}

/// The numbers of `params` in the table, in order.
fn read_params(
    key: &str,
    table: &dyn TableLike,
    text: &str,
    params: &[&str],
) -> Result<Vec<f64>, Diagnostic> {
    params
        .iter()
        .map(|name| {
            let Some(item) = table.get(name) else {
                return Err(Diagnostic::new(
                    Some(key),
                    format!("no `{name}`"),
                    format!("{} in this table", keys_list(params)),
                ));
            };
            // A table's parameter may be an amount or a percentage: every reason is said.
            number_of(item, text, None).map_err(|found| {
                Diagnostic::new(Some(&format!("{key}.{name}")), found, PARAMETER)
                    .at(text, item.span())
            })
        })
        .collect()
}

/// Refuses an amount (`"50M"`) for a parameter on another scale than the input's own
/// ([`Family::params_in_input_units`]): a lognormal's `mu = "50M"`, the median written where
/// its logarithm goes, made every sample the largest number, and the plan "realistic".
fn refuse_amounts(
    key: &str,
    table: &dyn TableLike,
    text: &str,
    family: Family,
    params: &[&str],
) -> Result<(), Diagnostic> {
    let amount = params.iter().find_map(|name| {
        let item = table.get(name)?;
        let written = item.as_str()?;
        (unit_kind(written) == Some("an amount")).then_some((*name, item, written.trim()))
    });
    let Some((name, item, written)) = amount else {
        return Ok(());
    };
    let expected = match family {
        Family::LogNormal if name == "mu" => format!(
            "mu as a plain number, {}",
            crate::distribution::mu_is_the_log_of_the_median(
                parse_number(written).ok().map(|median| (written, median))
            )
        ),
        _ => format!("{name} as a plain number (a shape, not an amount)"),
    };
    let d = Diagnostic::new(
        Some(&format!("{key}.{name}")),
        format!("\"{written}\" (an amount)"),
        expected,
    )
    .at(text, item.span());
    Err(match family {
        Family::LogNormal => {
            d.hint("or give its 90% interval: { dist = \"lognormal\", low = …, high = … }")
        }
        _ => d,
    })
}

/// Refuses a table whose parameters mix a percentage with an amount (`{ low = "5%", high =
/// "20M" }`), naming the later one: no input reads both ways, so one of them is a slip.
fn check_one_unit(
    key: &str,
    table: &dyn TableLike,
    text: &str,
    params: &[&str],
    unit: Unit,
) -> Result<(), Diagnostic> {
    let written: Vec<&str> = params
        .iter()
        .map(|name| table.get(name).and_then(Item::as_str).unwrap_or(""))
        .collect();
    let Some([first, other]) = mixed_units(&written) else {
        return Ok(());
    };
    let item = table.get(params[other]);
    let all = if params.len() == 2 { "both" } else { "all" };
    Err(Diagnostic::new(
        Some(&format!("{key}.{}", params[other])),
        format!(
            "\"{}\" ({}, where `{}` is {}, {})",
            written[other].trim(),
            unit_kind(written[other]).unwrap_or_default(),
            params[first],
            written[first].trim(),
            unit_kind(written[first]).unwrap_or_default(),
        ),
        format!("{} {}", keys_list(params), one_unit(unit, all)),
    )
    .at(text, item.and_then(Item::span)))
}

/// The kind of number `text` is by its suffix: `a percentage` (`12%`), `an amount` (`3M`,
/// `250k`, `1.2B`), `None` for a bare number, for 0 (`0%` is 0 in every unit) or no number.
fn unit_kind(text: &str) -> Option<&'static str> {
    if parse_number(text) == Ok(0.0) {
        return None;
    }
    Unit::written(text).kind()
}

/// The places in `written` of the first two numbers of different kinds (a percentage and an
/// amount); `None` when every suffix is of one kind.
fn mixed_units(written: &[&str]) -> Option<[usize; 2]> {
    let mut kinds = written
        .iter()
        .enumerate()
        .filter_map(|(at, text)| Some((at, unit_kind(text)?)));
    let (first, kind) = kinds.next()?;
    let (other, _) = kinds.find(|(_, other_kind)| *other_kind != kind)?;
    Some([first, other])
}

/// What every value of an input in `unit` is written as, after `all` (`both ends`, `all`).
fn one_unit(unit: Unit, all: &str) -> String {
    match unit {
        Unit::Amount => format!("{all} amounts (3M, 250k or plain digits)"),
        Unit::Percent => format!("{all} percentages (12%) or fractions (0.12)"),
        Unit::Plain => format!("{all} in one unit"),
    }
}

/// `low` and `high` / `min`, `mode` and `max`.
fn keys_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => "no keys".to_string(),
    }
}

/// Reads what a person typed (`200k`, `35M to 70M`, a table) as a value of `field`, checked
/// exactly as the file's text would be.
pub fn read_text(field: Field, text: &str) -> Result<FieldValue, Diagnostic> {
    // A table TOML cannot read would be taken for text, and refused as "not a number": say
    // what is wrong with it as the file's reader says it of the same line (`mean = 3,000,000`
    // is a number with commas, `dist = normal` a word without quotes), not in TOML's words.
    let typed = text.trim();
    if typed.starts_with('{')
        && let Err(e) = typed.parse::<Value>()
    {
        let line = match field.section() {
            Section::Top => format!("{} = {typed}\n", field.name()),
            section => format!("[{}]\n{} = {typed}\n", section.name(), field.name()),
        };
        let mut d = match line.parse::<toml_edit::DocumentMut>() {
            Err(on_its_line) => super::syntax_error::syntax_error(&line, &on_its_line),
            // Read alone it fails, on a line of a file it does not: a comment after it
            // (`{ low = "3M", high = "4M" } # was 3.5M`), which a value typed alone cannot hold.
            Ok(_) => Diagnostic::new(
                Some(&field.key()),
                format!(
                    "`{}` (a table TOML cannot read: {})",
                    super::error::shown(typed),
                    e.message().trim()
                ),
                expected(field),
            )
            .hint("the value alone, without a comment: { dist = \"pert\", min = \"30M\", mode = \"40M\", max = \"60M\" }"),
        };
        // Nothing typed has a line of a file.
        d.location = None;
        d.source = None;
        return Err(d);
    }
    read_field(field, &Item::Value(value_from_text(text)), "")
}

/// Refuses a value typed as a change (`+3`) for a `field` that cannot be negative, whose value
/// is `now`: `+3` read as 3, so "3 more reps" set a team of 6 to 3, unsaid (in the live
/// session and in `--set`). The refusal says the sum meant, where the value is one number,
/// the sum unambiguous (`+3` on a percentage could be points or a fraction) and one the input
/// takes. A growth or a share gain takes a sign: `+6%` is a value.
pub fn refuse_a_change(
    field: Field,
    typed: &str,
    now: Option<&FieldValue>,
) -> Result<(), Diagnostic> {
    let signed = matches!(field.domain(), Domain::Growth | Domain::GainPerYear);
    let Some(added) = typed.trim().strip_prefix('+').filter(|_| !signed) else {
        return Ok(());
    };
    let unit = field.unit();
    let now = match now {
        Some(FieldValue::Number(x)) => Some(*x),
        Some(FieldValue::Integer(n)) => Some(*n as f64),
        _ => None,
    };
    // Nor `+250.000`, which may be 250 or 250,000 (it was hinted as 2M + 250 = 2.00025M).
    let unambiguous = (unit != Unit::Percent || added.trim_end().ends_with('%'))
        && point_or_thousands(added).is_none();
    // At 12 digits: 80% + 5% is 85%, not the 85.00000000000001% its sum is.
    let shown = |x: f64| format_significant(x, unit, 12);
    let sum = match (now, parse_number(added)) {
        (Some(now), Ok(more)) if unambiguous => {
            Some((now, now + more)).filter(|(_, sum)| read_text(field, &shown(*sum)).is_ok())
        }
        _ => None,
    };
    let hint = match sum {
        Some((now, sum)) => format!(
            "a value typed replaces the one there: type {} for {} + {}",
            shown(sum),
            shown(now),
            added.trim()
        ),
        None => "a value typed replaces the one there: type the value itself".to_string(),
    };
    Err(Diagnostic::new(
        Some(&field.key()),
        format!("`{}`, a change", typed.trim()),
        expected(field),
    )
    .hint(hint))
}

/// Whether `text`, written as a value without quotes, is a word TOML cannot read: it starts
/// with a letter and is none of TOML's own words (`true`, `false`, `inf`, `nan`). TOML's
/// message for one names a misspelt word of its own (`normal` "expected `nan`").
pub fn is_bare_word(text: &str) -> bool {
    text.starts_with(char::is_alphabetic) && !matches!(text, "true" | "false" | "inf" | "nan")
}

/// Reads what a person typed as a whole-number key's value (`run.samples`, `run.seed`):
/// the number grammar (`1M`, `1e6`, `100,000`) and the key's bounds, exactly as the file's
/// text would be read. Any other key is refused as what it expects.
pub fn read_whole_text(field: Field, text: &str) -> Result<u64, Diagnostic> {
    match read_text(field, text)? {
        FieldValue::Integer(n) => Ok(n),
        _ => Err(Diagnostic::new(
            Some(&field.key()),
            format!("`{text}`"),
            expected(field),
        )),
    }
}

/// Turns what a person typed (`200k`, `35M to 70M`, `{ dist = "normal", ... }`, `0.8`) into a
/// TOML value: TOML syntax when it is valid TOML, otherwise the text as a string. So a value
/// typed in the live session or in `--set` is saved as it was typed.
pub fn value_from_text(text: &str) -> Value {
    let text = text.trim();
    let mut value = text.parse::<Value>().unwrap_or_else(|_| Value::from(text));
    value.decor_mut().clear();
    value
}

impl FieldValue {
    /// The value as people read it: `35M to 70M`, `12%`, `normal(3M, sd 500k)`, each figure
    /// to four significant digits, its thousands grouped (`500,000,000%`, a growth typed
    /// `5M`).
    pub fn display(&self, unit: Unit) -> String {
        self.display_by(unit, |x, unit| format_for_people(x, unit, LISTED_DIGITS))
    }

    /// The value as [`FieldValue::display`] writes it, each figure in full: what the file
    /// says, in the same words (`35,123,456 to 70,987,654` reads `35.123456M to 70.987654M`).
    pub fn display_exact(&self, unit: Unit) -> String {
        self.display_by(unit, format_exact)
    }

    /// The value as people read it, each figure written by `number`.
    fn display_by(&self, unit: Unit, number: impl Fn(f64, Unit) -> String) -> String {
        let show = |x: f64| number(x, unit);
        match self {
            FieldValue::Number(x) => show(*x),
            FieldValue::Integer(n) => n.to_string(),
            FieldValue::Dist(d) => match d.form() {
                Form::Fixed(x) => show(*x),
                Form::Interval { low, high, shape } => {
                    let note = if *shape == Shape::natural(*low) {
                        ""
                    } else {
                        " (normal)"
                    };
                    format!("{} to {}{note}", show(*low), show(*high))
                }
                Form::Table { family, params } => display_table(*family, params, unit, number),
            },
        }
    }

    /// The value written in the file's grammar, exactly (`"35M to 70M"` as a string, a table
    /// inline): what the live session saves after a nudge and pre-fills the editor with.
    pub fn to_text(&self, unit: Unit) -> String {
        let exact = |x: f64| format_exact(x, unit);
        let quoted = |x: f64| match unit {
            Unit::Plain => format_exact(x, unit),
            _ => format!("\"{}\"", exact(x)),
        };
        match self {
            FieldValue::Number(x) => exact(*x),
            FieldValue::Integer(n) => n.to_string(),
            FieldValue::Dist(d) => match d.form() {
                Form::Fixed(x) => exact(*x),
                Form::Interval { low, high, shape } if *shape == Shape::natural(*low) => {
                    let (low_text, high_text) = (exact(*low), exact(*high));
                    if one_sided_unit(&low_text, &high_text).is_some() {
                        // `"5 to 10k"` would be refused as a k on one end only: the ends in
                        // plain digits read back as the same range.
                        let plain = |x: f64| format_exact(x, Unit::Plain);
                        format!("{} to {}", plain(*low), plain(*high))
                    } else {
                        format!("{low_text} to {high_text}")
                    }
                }
                Form::Interval { low, high, .. } => format!(
                    "{{ dist = \"normal\", low = {}, high = {} }}",
                    quoted(*low),
                    quoted(*high)
                ),
                Form::Table { family, params } => {
                    let mut text = format!("{{ dist = \"{}\"", family.name());
                    for (name, x) in family.params().iter().zip(params) {
                        let shown = if family.params_in_input_units() {
                            quoted(*x)
                        } else {
                            format_exact(*x, Unit::Plain)
                        };
                        let _ = write!(text, ", {name} = {shown}");
                    }
                    text + " }"
                }
            },
        }
    }
}

impl FieldValue {
    /// The value as people read it in at most `room` characters where it can be said shorter
    /// (`pert 4%/6%/10%`, `lognormal ~48.6M`, three significant digits); the caller cuts what
    /// still does not fit.
    pub fn display_within(&self, unit: Unit, room: usize) -> String {
        let full = self.display(unit);
        if full.chars().count() <= room {
            return full;
        }
        let FieldValue::Dist(dist) = self else {
            return full;
        };
        let show = |x: f64| format_for_people(x, unit, 3);
        match dist.form() {
            Form::Fixed(_) => full,
            Form::Interval { low, high, shape } if *shape != Shape::natural(*low) => {
                format!("{}–{} normal", show(*low), show(*high))
            }
            Form::Interval { low, high, .. } => format!("{}–{}", show(*low), show(*high)),
            Form::Table { family, params } => {
                let p = |place| param(params, place);
                match family {
                    Family::Normal => format!("normal {}±{}", show(p(0)), show(p(1))),
                    Family::LogNormal => format!("lognormal ~{}", show(p(0).exp())),
                    Family::Uniform => format!("uniform {}–{}", show(p(0)), show(p(1))),
                    Family::Beta => full,
                    Family::Triangular | Family::Pert => {
                        display_table(*family, params, unit, |x, unit| {
                            format_for_people(x, unit, 3)
                        })
                    }
                }
            }
        }
    }
}

/// A distribution table as people read it: `normal(3M, sd 500k)`, `pert 2%/4%/9%`.
fn display_table(
    family: Family,
    params: &[f64],
    unit: Unit,
    number: impl Fn(f64, Unit) -> String,
) -> String {
    let p = |place| param(params, place);
    let show = |x: f64| number(x, unit);
    match family {
        Family::Normal => format!("normal({}, sd {})", show(p(0)), show(p(1))),
        // mu and sigma are of ln X, not in the input's unit: plain.
        Family::LogNormal => {
            let plain = |x: f64| number(x, Unit::Plain);
            format!("lognormal(mu {}, sigma {})", plain(p(0)), plain(p(1)))
        }
        Family::Uniform => format!("uniform {} to {}", show(p(0)), show(p(1))),
        Family::Beta => format!("beta({}, {})", p(0), p(1)),
        Family::Triangular | Family::Pert => {
            let shown: Vec<String> = params.iter().map(|x| show(*x)).collect();
            format!("{} {}", family.name(), shown.join("/"))
        }
    }
}

/// The units a count of days is typed with (`180 days`, `180 day`, `180d`), in any case.
const DAY_UNITS: [&str; 3] = ["days", "day", "d"];

/// A number typed with a unit of days (`180 days`, `180d`), without it; `None` for anything
/// else. A file's value is the number alone (told to write it so).
pub(super) fn without_days_unit(typed: &str) -> Option<&str> {
    let number = typed.trim().trim_end_matches(char::is_alphabetic);
    let unit = &typed.trim()[number.len()..];
    let number = number.trim_end();
    let is_number = number.ends_with(|c: char| c.is_ascii_digit());
    (is_number && DAY_UNITS.iter().any(|day| day.eq_ignore_ascii_case(unit))).then_some(number)
}

/// Whether `typed` is a number with a unit after it that is no unit of days (`6 months`,
/// `2 weeks`, `1y`).
pub(super) fn another_unit(typed: &str) -> bool {
    let number = typed.trim().trim_end_matches(char::is_alphabetic);
    // A magnitude (`90M`) is a number: too many days, not another unit.
    number.len() < typed.trim().len()
        && number.trim_end().ends_with(|c: char| c.is_ascii_digit())
        && parse_number(typed).is_err()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(field: Field, text: &str) -> Result<FieldValue, Diagnostic> {
        read_field(field, &Item::Value(value_from_text(text)), "")
    }

    #[test]
    fn a_rate_typed_as_an_amount_reads_grouped_where_people_read_it() {
        // Listed "500000000%" where its warning said "1,000,000,000%".
        let growth = read(Field::MarketGrowth, "\"5M to 20M\"").expect("a growth");
        assert_eq!(
            growth.display(Unit::Percent),
            "500,000,000% to 2,000,000,000%"
        );
        assert_eq!(
            growth.display_within(Unit::Percent, 20),
            "500,000,000%–2,000,000,000%"
        );
        // A fixed share gain of 1.5M is refused, its percentage grouped too.
        let refused = read(Field::ShareGainPerYear, "\"1.5M\"").unwrap_err();
        assert_eq!(refused.found, "\"1.5M\" (150,000,000%)");
        // A key's limits as counts are read: "from 0 to 1000000" was ungrouped.
        let reps = read(Field::CapacityReps, "2000000").unwrap_err();
        assert_eq!(reps.expected, "a whole number from 0 to 1,000,000");
    }

    #[test]
    fn a_ramps_limits_are_grouped_as_every_keys_limits_are() {
        let ramp = read(Field::CapacityRampDays, "2000000").unwrap_err();
        assert_eq!(ramp.expected, "a whole number of days from 0 to 1,000,000");
    }

    #[test]
    fn a_refused_value_is_shown_examples_of_its_own_key() {
        // A share typed 150% was told `as a number ("3M", "12%"), a range ("35M to 70M")`.
        let said = |field: Field, typed: &str| match read_text(field, typed) {
            Err(d) => d.to_string(),
            Ok(_) => panic!("{typed} is refused"),
        };
        // A confidence typed 50 is told how to write 50%, as a share is.
        assert!(
            said(Field::Confidence, "50").ends_with("(for 50%, write \"50%\" or 0.5)"),
            "{}",
            said(Field::Confidence, "50")
        );
        let serviceable = said(Field::MarketServiceable, "150%");
        assert!(
            serviceable.contains("as a number (\"80%\"), a range (\"60% to 90%\")"),
            "{serviceable}"
        );
        let size = said(Field::MarketSize, "-5M");
        assert!(
            size.contains("as a number (\"50M\"), a range (\"35M to 70M\")"),
            "{size}"
        );
        // Each input's examples give one number and one range.
        for field in Field::INPUTS {
            let expected = expected(field);
            assert!(
                !expected.contains("\"3M\"") || field.unit() == Unit::Amount,
                "{expected}"
            );
            let examples = field.examples();
            assert!(
                examples.iter().any(|e| e.contains(" to "))
                    && examples
                        .iter()
                        .any(|e| !e.contains(" to ") && !e.starts_with('{')),
                "{examples:?}"
            );
        }
    }

    #[test]
    fn a_table_mixing_mean_and_sd_with_low_or_high_names_the_mix() {
        // It blamed the right key: "market.size.mean: found the key `mean`, expected only
        // `low` and `high` in a normal distribution", the stray `low` never named.
        let said = |typed: &str| match read_text(Field::MarketSize, typed) {
            Err(d) => d.to_string(),
            Ok(_) => panic!("{typed} is refused"),
        };
        assert_eq!(
            said("{ dist = \"normal\", mean = \"35M\", sd = \"5M\", low = \"1M\" }"),
            "market.size.low: found both `mean` and `low`, expected either `mean` and `sd` or \
             `low` and `high` (a 90% interval) in a normal distribution"
        );
        assert!(
            said("{ dist = \"lognormal\", mu = 17, sigma = 0.2, high = \"1M\" }")
                .starts_with("market.size.high: found both `mu` and `high`"),
        );
        // A table of one form with a stray key of no form is told as before.
        assert!(
            said("{ dist = \"normal\", mean = \"35M\", sd = \"5M\", min = \"1M\" }")
                .starts_with("market.size.min: found the key `min`, expected only `mean` and `sd`"),
        );
    }

    #[test]
    fn a_lognormal_table_reads_at_the_digits_of_every_other_value() {
        // It read "lognormal(mu -0.241, sigma 0.171)" for a file's mu = -0.240749,
        // sigma = 0.1714, in the report's "as written" column.
        let value = read(
            Field::CapacityAttainment,
            "{ dist = \"lognormal\", mu = -0.240749, sigma = 0.1714 }",
        );
        let shown = value.map(|v| v.display(Unit::Percent));
        assert_eq!(shown.as_deref(), Ok("lognormal(mu -0.2407, sigma 0.1714)"));
    }

    #[test]
    fn a_typed_table_toml_cannot_read_is_told_as_the_file_would_be() {
        // An unclosed table was taken for text and refused as "(not a number)"; then TOML's
        // own words were given ("extra comma in inline table, expected `=`" for a number with
        // commas), where the file's reader names the key inside and says how to mend it.
        let refused = |typed: &str| {
            let Err(d) = read_text(Field::MarketSize, typed) else {
                panic!("{typed} is refused");
            };
            assert_eq!(d.location, None, "nothing typed has a line");
            d.to_string()
        };
        assert_eq!(
            refused("{ dist = \"normal\", mean = \"50M\", sd = \"5M\""),
            "market.size.sd: found the end of the line, expected valid TOML (unclosed inline \
             table, expected `}`)"
        );
        assert_eq!(
            refused("{ low = 3M, high = 4M }"),
            "market.size.low: found `3M` without quotes, expected a number such as 3M or 12% \
             (write it in quotes: low = \"3M\")"
        );
        assert_eq!(
            refused("{ dist = \"normal\", mean = 3,000,000, sd = 1 }"),
            "market.size.mean: found `3,000,000`, whose commas TOML takes to end the value, \
             expected a number without commas, 3000000 (write it in quotes: mean = \"3,000,000\")"
        );
        // `normal` and `triangular` left bare read to TOML as misspelt `nan` and `true`.
        for (typed, word) in [
            ("{ dist = normal, mean = \"3M\", sd = \"1M\" }", "normal"),
            (
                "{ dist = triangular, min = 1, mode = 2, max = 3 }",
                "triangular",
            ),
        ] {
            assert!(
                refused(typed).starts_with(&format!(
                    "market.size.dist: found `{word}` without quotes, expected a family in quotes"
                )),
                "{typed}"
            );
        }
        // An input at the top of the file is read there (no table around it).
        let Err(d) = read_text(Field::HorizonDays, "{ low = 30, high }") else {
            panic!("refused");
        };
        assert_eq!(d.key.as_deref(), Some("horizon_days.high"), "{d}");
        // A comment after it, which a line of a file may hold, is said to be what is wrong.
        let Err(d) = read_text(
            Field::MarketSize,
            "{ low = \"3M\", high = \"4M\" } # was 3.5M",
        ) else {
            panic!("refused");
        };
        assert!(d.expected.starts_with("a number ≥ 0"), "{d}");
        assert!(d.hint.is_some_and(|h| h.contains("without a comment")));
        // A table TOML reads is read as before.
        assert!(read_text(Field::MarketSize, " { low = \"3M\", high = \"4M\" } ").is_ok());
    }

    #[test]
    fn every_value_form_reads() {
        use FieldValue::Dist as D;
        assert_eq!(
            read(Field::MarketSize, "35M"),
            Ok(D(Dist::fixed(35e6).unwrap()))
        );
        assert_eq!(
            read(Field::MarketSize, "35000000"),
            Ok(D(Dist::fixed(35e6).unwrap()))
        );
        assert_eq!(
            read(Field::MarketSize, "35M to 70M"),
            Ok(D(Dist::interval(35e6, 70e6, None).unwrap()))
        );
        assert_eq!(
            read(Field::MarketSize, "{ low = \"35M\", high = 70e6 }"),
            Ok(D(Dist::interval(35e6, 70e6, None).unwrap()))
        );
        assert_eq!(
            read(
                Field::MarketSize,
                "{ dist = \"normal\", low = 1, high = 2 }"
            ),
            Ok(D(Dist::interval(1.0, 2.0, Some(Shape::Normal)).unwrap()))
        );
        assert_eq!(
            read(
                Field::MarketGrowth,
                "{ dist = \"normal\", mean = \"10%\", sd = 0.02 }"
            ),
            Ok(D(Dist::normal(0.1, 0.02).unwrap()))
        );
        assert_eq!(
            read(
                Field::MarketSize,
                "{ dist = \"lognormal\", mu = 17, sigma = 0.3 }"
            ),
            Ok(D(Dist::lognormal(17.0, 0.3).unwrap()))
        );
        assert_eq!(
            read(
                Field::ShareCurrent,
                "{ dist = \"uniform\", min = 0.02, max = 0.05 }"
            ),
            Ok(D(Dist::uniform(0.02, 0.05).unwrap()))
        );
        assert_eq!(
            read(
                Field::ShareCeiling,
                "{ dist = \"triangular\", min = 0.2, mode = 0.3, max = 0.6 }"
            ),
            Ok(D(Dist::triangular(0.2, 0.3, 0.6).unwrap()))
        );
        assert_eq!(
            read(
                Field::ShareCeiling,
                "{ dist = \"pert\", min = 0.2, mode = 0.3, max = 0.6 }"
            ),
            Ok(D(Dist::pert(0.2, 0.3, 0.6).unwrap()))
        );
        assert_eq!(
            read(
                Field::MarketServiceable,
                "{ dist = \"beta\", alpha = 8, beta = 2 }"
            ),
            Ok(D(Dist::beta(8.0, 2.0).unwrap()))
        );
    }

    #[test]
    fn number_and_integer_keys_take_one_number() {
        assert_eq!(
            read(Field::TargetRevenue, "3M"),
            Ok(FieldValue::Number(3e6))
        );
        assert_eq!(read(Field::HorizonDays, "90"), Ok(FieldValue::Integer(90)));
        assert_eq!(read(Field::RunSamples, "1k"), Ok(FieldValue::Integer(1000)));
        assert!(read(Field::TargetRevenue, "2M to 3M").is_err());
        assert!(read(Field::HorizonDays, "90.5").is_err());
        assert!(read(Field::HorizonDays, "0").is_err());
        assert!(read(Field::HorizonDays, "3651").is_err());
        assert!(read(Field::Confidence, "0.3").is_err());
    }

    #[test]
    fn a_count_or_days_as_a_percentage_is_refused() {
        // `"200000%"` samples ran 2,000; `"9000%"` days ran a 90-day horizon.
        for (field, text) in [
            (Field::RunSamples, "\"200000%\""),
            (Field::HorizonDays, "\"9000% \""),
            (Field::CapacityReps, "\"600%\""),
            (Field::RunSeed, "\"700%\""),
        ] {
            let refused = read(field, text).expect_err(text);
            assert_eq!(refused.found, format!("{text} (a percentage)"));
        }
        assert_eq!(
            read(Field::RunSamples, "\"2k\""),
            Ok(FieldValue::Integer(2000))
        );
    }

    #[test]
    fn a_number_too_small_to_tell_from_0_is_refused_saying_so_written_bare_too() {
        // Unquoted, TOML reads `1e-400` as 0: "found 0.0, expected a number > 0", typed or in
        // a file, where quoted it said why.
        let refused = read(Field::TargetRevenue, "1e-400")
            .expect_err("underflow")
            .to_string();
        assert!(
            refused.contains("found 1e-400 (too small to tell from 0)"),
            "{refused}"
        );
        let file = crate::scenario::BUILT_IN.replace("revenue = \"3M\"", "revenue = 2.5e-999");
        let refused = crate::scenario::Scenario::parse(&file, "plan.toml")
            .expect_err("underflow")
            .to_string();
        assert!(
            refused.contains("found 2.5e-999 (too small to tell from 0)"),
            "{refused}"
        );
        // A 0 written with an exponent is 0.
        assert!(read(Field::MarketGrowth, "0.0e-5").is_ok());
    }

    #[test]
    fn a_distribution_typed_back_as_skypie_shows_it_is_told_the_table_that_writes_it() {
        // The inputs list's `uniform 2%–5%` typed back read "(not a number)", and no more.
        for (typed, table) in [
            (
                "uniform 2%–5%",
                "{ dist = \"uniform\", min = \"2%\", max = \"5%\" }",
            ),
            (
                "uniform 2% to 5%",
                "{ dist = \"uniform\", min = \"2%\", max = \"5%\" }",
            ),
            (
                "pert 4%/6%/10%",
                "{ dist = \"pert\", min = \"4%\", mode = \"6%\", max = \"10%\" }",
            ),
            (
                "normal 2%±1%",
                "{ dist = \"normal\", mean = \"2%\", sd = \"1%\" }",
            ),
            (
                "normal(2%, sd 1%)",
                "{ dist = \"normal\", mean = \"2%\", sd = \"1%\" }",
            ),
            (
                "1%–6% normal",
                "{ dist = \"normal\", low = \"1%\", high = \"6%\" }",
            ),
            // Low to high, as the table takes them, whatever the order typed.
            (
                "uniform 5%–2%",
                "{ dist = \"uniform\", min = \"2%\", max = \"5%\" }",
            ),
            ("beta(15, 5)", "{ dist = \"beta\", alpha = 15, beta = 5 }"),
        ] {
            let refused = read_text(Field::ShareCurrent, &format!("\"{typed}\""))
                .expect_err(typed)
                .to_string();
            assert!(
                refused.contains("(a distribution as skypie shows it, not as one is written)")
                    && refused.ends_with(&format!("(write it as a table: {table})")),
                "{refused}"
            );
            // The table offered reads.
            assert!(read_text(Field::ShareCurrent, table).is_ok(), "{table}");
        }
        // Not where the numbers are no numbers.
        let refused = read_text(Field::ShareCurrent, "\"uniform abc\"").expect_err("abc");
        assert!(refused.hint.is_none(), "{refused}");
    }

    /// Asserts that each value the inputs list shows within `width` (every family's, less those
    /// `families` leaves out, and a range forced to a normal), typed back, is told a table the
    /// key takes.
    fn told_a_table_that_reads(
        width: usize,
        families: impl Fn(crate::distribution::Family) -> bool,
    ) {
        use crate::distribution::Family;
        let field = Field::CapacityAttainment;
        let values = |f: Family| match f {
            Family::Beta => vec![15.0, 5.0],
            Family::LogNormal => vec![-0.2, 0.1],
            _ if f.params().len() == 2 => vec![0.6, 0.9],
            _ => vec![0.5, 0.7, 1.1],
        };
        let mut shown: Vec<String> = (Family::ALL.into_iter())
            .filter(|f| families(*f))
            .map(|f| {
                let dist = f.build(&values(f)).expect("builds");
                FieldValue::Dist(dist).display_within(field.unit(), width)
            })
            .collect();
        let forced = Dist::interval(0.5, 1.1, Some(Shape::Normal)).expect("a range");
        shown.push(FieldValue::Dist(forced).display_within(field.unit(), width));
        for typed in shown {
            let refused = read_text(field, &format!("\"{typed}\"")).expect_err(&typed);
            let hint = refused.hint.unwrap_or_default();
            let table = hint
                .strip_prefix("write it as a table: ")
                .unwrap_or_else(|| panic!("{typed}: {hint}"));
            assert!(read_text(field, table).is_ok(), "{typed}: {table}");
        }
    }

    #[test]
    fn every_short_form_the_inputs_list_shows_is_told_a_table_that_reads() {
        // What `display_within` shows at its shortest, typed back, is offered a table that the
        // key takes, for every family but the lognormal (shown by its median alone), and for
        // a range forced to a normal.
        told_a_table_that_reads(0, |f| f != crate::distribution::Family::LogNormal);
    }

    #[test]
    fn every_full_form_the_inputs_list_shows_is_told_a_table_that_reads() {
        // Where it fits, the list shows a value whole: `lognormal(mu -0.2, sigma 0.1)` and
        // `50% to 110% (normal)`, typed back, read "not a number".
        told_a_table_that_reads(usize::MAX, |_| true);
    }

    #[test]
    fn a_count_written_with_a_decimal_comma_is_said_to_be_no_count() {
        // `reps = "1,5"` was told to write `1.5`, which is then refused as no whole number.
        let refused = read_text(Field::CapacityReps, "\"1,5\"")
            .expect_err("1.5 reps")
            .to_string();
        assert!(
            refused.contains("found \"1,5\" (1.5 with a decimal comma: no whole number)")
                && !refused.contains("write"),
            "{refused}"
        );
        // Where it is a count, it is offered as before.
        let refused = read_text(Field::HorizonDays, "\"90,0\"")
            .expect_err("90,0 days")
            .to_string();
        assert!(refused.contains("write `90`"), "{refused}");
    }

    #[test]
    fn an_amount_or_a_count_written_with_a_point_grouping_thousands_is_refused_both_ways() {
        // `revenue = "250.000"`, as a German file writes 250,000, read as $250 and turned a
        // plan realistic; `--samples 1.000` ran one sample. Both readings are said.
        let said = |field: Field, typed: &str| match read_text(field, typed) {
            Err(d) => d.to_string(),
            Ok(_) => panic!("{typed} is refused"),
        };
        let refused = said(Field::TargetRevenue, "250.000");
        assert!(
            refused
                .contains("found \"250.000\" (250, or 250,000 with the point grouping thousands)")
                && refused.ends_with("(write 250000 for 250,000, or 250)"),
            "{refused}"
        );
        assert!(said(Field::RunSamples, "1.000").contains("(1, or 1,000 with the point"));
        // Its decimals read as decimals: "6.500" is 6.5 or 6,500, not 6.
        let refused = said(Field::TargetRevenue, "\"6.500\"");
        assert!(
            refused.contains("(6.5, or 6,500 with the point") && refused.ends_with("or 6.5)"),
            "{refused}"
        );
        assert!(said(Field::CapacityReps, "\"5.000\"").contains("(5, or 5,000 with the point"));
        // Either end of a range, a fixed amount of an input, a bare TOML float in a file.
        assert!(said(Field::MarketSize, "\"200M to 300.000\"").contains("\"300.000\" (300, or"));
        // Any amount a table writes: a 90% interval, a family's parameters, an sd.
        for table in [
            "{ low = \"200.000\", high = \"300M\" }",
            "{ dist = \"lognormal\", low = \"200M\", high = \"300.000\" }",
            "{ dist = \"normal\", mean = \"250M\", sd = \"20.000\" }",
            "{ dist = \"triangular\", min = \"200M\", mode = \"250.000\", max = \"300M\" }",
        ] {
            assert!(
                said(Field::MarketSize, table).contains(".000\" ("),
                "{table}"
            );
        }
        // Not a lognormal's mu (a logarithm), nor a share's parameters.
        assert!(
            read_text(
                Field::MarketSize,
                "{ dist = \"lognormal\", mu = 17.250, sigma = 0.5 }"
            )
            .is_ok()
        );
        assert!(
            read_text(
                Field::ShareCurrent,
                "{ dist = \"uniform\", min = 0.125, max = 0.250 }"
            )
            .is_ok()
        );
        assert!(said(Field::CapacityQuotaPerRep, "\"-120.000\"").contains("(-120, or -120,000"));
        let file = crate::scenario::BUILT_IN.replace("horizon_days = 90", "horizon_days = 1.000");
        let refused = crate::scenario::Scenario::parse(&file, "plan.toml")
            .expect_err("ambiguous")
            .to_string();
        assert!(
            refused.contains("found \"1.000\" (1, or 1,000"),
            "{refused}"
        );
        // Where the key takes one reading only: 90 days (at most 3,650), and a seed.
        assert!(read_text(Field::HorizonDays, "90.000").is_ok());
        assert!(read_text(Field::RunSeed, "1.000").is_ok());
        // Where the decimal reading is no count, the grouped one only: `horizon_days = 1.095`
        // (a German 1,095) read "expected a whole number" and no more.
        let refused = said(Field::HorizonDays, "1.095");
        assert!(
            refused.contains("found \"1.095\" (no whole number; 1,095 with the point grouping")
                && refused.ends_with("(write 1095 for 1,095)"),
            "{refused}"
        );
        assert!(said(Field::CapacityReps, "\"1.500\"").ends_with("(write 1500 for 1,500)"));
        // Not where the key does not take the grouped count (5,095 days), nor for a seed.
        assert!(!said(Field::HorizonDays, "5.095").contains("grouping"));
        assert!(!said(Field::RunSeed, "1.095").contains("grouping"));
        // A point that cannot group thousands, a suffix, or a key that is no amount: read.
        for (field, typed) in [
            (Field::TargetRevenue, "250.0"),
            (Field::TargetRevenue, "2.500M"),
            (Field::TargetRevenue, "1250.000"),
            (Field::MarketSize, "\"0.125 to 250.5\""),
            (Field::CapacityAttainment, "1.125"),
            (Field::ShareCurrent, "0.125"),
            (Field::MarketGrowth, "\"-1.500%\""),
        ] {
            assert!(read_text(field, typed).is_ok(), "{typed}");
        }
    }

    #[test]
    fn a_hexadecimal_octal_or_binary_number_is_refused_saying_its_decimal() {
        // TOML reads them, and `0x10` typed as the target read $16, `0x5A` as the horizon 90
        // days, with no word said.
        let cases = [
            (
                Field::TargetRevenue,
                "0x10",
                "found 0x10 (hexadecimal; numbers are written in decimal, as 16)",
            ),
            (
                Field::HorizonDays,
                "0x5A",
                "found 0x5A (hexadecimal; numbers are written in decimal, as 90)",
            ),
            (
                Field::HorizonDays,
                "0o17",
                "found 0o17 (octal; numbers are written in decimal, as 15)",
            ),
            (
                Field::MarketSize,
                "0b101",
                "found 0b101 (binary; numbers are written in decimal, as 5)",
            ),
        ];
        for (field, typed, said) in cases {
            let refused = read(field, typed).expect_err(typed).to_string();
            assert!(refused.contains(said), "{typed}: {refused}");
        }
        // In a file too, where the value's text is the file's: it was read, 0x5A as 90 days.
        let file = crate::scenario::BUILT_IN.replace("horizon_days = 90", "horizon_days = 0x5A");
        let refused = crate::scenario::Scenario::parse(&file, "plan.toml")
            .expect_err("hexadecimal")
            .to_string();
        assert!(
            refused.contains(
                "horizon_days: found 0x5A (hexadecimal; numbers are written in decimal, as 90)"
            ),
            "{refused}"
        );
        let file = crate::scenario::BUILT_IN.replace("reps = 6 ", "reps = 0b110 ");
        let refused = crate::scenario::Scenario::parse(&file, "plan.toml")
            .expect_err("binary")
            .to_string();
        assert!(refused.contains("found 0b110 (binary"), "{refused}");
        // Decimal, as TOML writes it too: read.
        assert_eq!(read(Field::HorizonDays, "+90"), Ok(FieldValue::Integer(90)));
        assert_eq!(
            read(Field::RunSamples, "1_000"),
            Ok(FieldValue::Integer(1000))
        );
        assert_eq!(
            read(Field::TargetRevenue, "010"),
            Ok(FieldValue::Number(10.0))
        );
    }

    #[test]
    fn a_whole_number_typed_is_read_as_the_file_reads_it() {
        assert_eq!(read_whole_text(Field::RunSamples, "1M"), Ok(1_000_000));
        assert_eq!(read_whole_text(Field::RunSamples, "1e6"), Ok(1_000_000));
        assert_eq!(read_whole_text(Field::RunSeed, "0"), Ok(0));
        let negative = read_whole_text(Field::RunSamples, "-5").unwrap_err();
        assert_eq!(negative.found, "-5");
        assert_eq!(negative.expected, expected(Field::RunSamples));
        assert!(read_whole_text(Field::RunSamples, "0").is_err());
        assert!(
            read_whole_text(Field::TargetRevenue, "3M").is_err(),
            "not a whole-number key"
        );
    }

    #[test]
    fn a_single_numbers_example_is_in_its_own_unit() {
        assert!(expected(Field::TargetRevenue).contains("such as \"3M\""));
        let confidence = expected(Field::Confidence);
        assert!(
            confidence.contains("such as \"80%\" or 0.8"),
            "{confidence}"
        );
        assert!(!confidence.contains("3M"), "{confidence}");
    }

    #[test]
    fn a_sample_count_refused_names_the_limit_that_counts() {
        // It said "at most 18446744073709551615" of samples alone, where 10,000,000 is the
        // most ever drawn (more are taken, with a warning).
        for typed in ["-5", "2.5", "0", "1e30"] {
            let d = read(Field::RunSamples, typed).unwrap_err();
            assert_eq!(
                d.expected,
                "a whole number from 1 to 18,446,744,073,709,551,615 (at most 10,000,000 are drawn)",
                "{typed}"
            );
        }
        assert_eq!(
            read(Field::RunSamples, "20000000"),
            Ok(FieldValue::Integer(20_000_000))
        );
    }

    #[test]
    fn a_seed_beyond_what_toml_integers_hold_is_read_exactly_from_quoted_digits() {
        let quoted = |text: &str| read_field(Field::RunSeed, &Item::Value(text.into()), "");
        let largest = FieldValue::Integer(u64::MAX);
        assert_eq!(quoted("18446744073709551615"), Ok(largest.clone()));
        // 2^63 + 1: a double would round it to 2^63.
        assert_eq!(
            quoted(" 9223372036854775809 "),
            Ok(FieldValue::Integer((1 << 63) + 1))
        );
        let too_large = quoted("18446744073709551616").unwrap_err().to_string();
        assert!(
            too_large.contains("expected a whole number ≥ 0, at most 18,446,744,073,709,551,615"),
            "{too_large}"
        );
        assert!(quoted("-1").is_err());
        // Grouped as the number grammar groups, still exactly.
        assert_eq!(quoted("18,446,744,073,709,551,615"), Ok(largest));
        assert_eq!(
            quoted("9_223_372_036_854_775_809"),
            Ok(FieldValue::Integer((1 << 63) + 1))
        );
        assert!(
            quoted("18,44,6744073709551615").is_err(),
            "commas group by three"
        );
        assert!(
            read(Field::HorizonDays, "\"5000\"").is_err(),
            "the range still holds"
        );
    }

    #[test]
    fn fixed_values_outside_the_domain_are_errors() {
        let error = read(Field::MarketServiceable, "1.2").unwrap_err();
        assert_eq!(error.key.as_deref(), Some("market.serviceable"));
        assert!(error.expected.contains("from 0 to 1"), "{error}");
        assert!(read(Field::MarketSize, "-1M").is_err());
        assert!(read(Field::ShareGainPerYear, "150%").is_err());
        assert!(read(Field::MarketGrowth, "-100%").is_err());
        assert!(read(Field::ShareGainPerYear, "-5% to 150%").is_ok());
    }

    #[test]
    fn typos_in_distribution_tables_are_named() {
        let error = read(
            Field::MarketSize,
            "{ dist = \"normal\", mean = 1, sdd = 2 }",
        )
        .unwrap_err();
        assert_eq!(error.key.as_deref(), Some("market.size.sdd"));
        assert_eq!(error.hint.as_deref(), Some("did you mean `sd`?"));
        let error = read(Field::MarketSize, "{ dist = \"normol\", mean = 1, sd = 2 }").unwrap_err();
        assert_eq!(error.hint.as_deref(), Some("did you mean \"normal\"?"));
        let error = read(Field::MarketSize, "{ dist = \"normal\", mean = 1 }").unwrap_err();
        assert!(error.found.contains("no `sd`"), "{error}");
        let error = read(
            Field::MarketSize,
            "{ dist = \"normal\", mean = 1, sd = -2 }",
        )
        .unwrap_err();
        assert_eq!(error.key.as_deref(), Some("market.size.sd"));
    }

    #[test]
    fn text_round_trips_through_the_grammar() {
        let cases = [
            (Field::MarketSize, "35M to 70M"),
            (Field::MarketGrowth, "5% to 20%"),
            (
                Field::ShareCurrent,
                "{ dist = \"uniform\", min = \"2%\", max = \"5%\" }",
            ),
            (
                Field::MarketSize,
                "{ dist = \"normal\", low = \"35M\", high = \"70M\" }",
            ),
            (
                Field::MarketSize,
                "{ dist = \"lognormal\", mu = 17.4, sigma = 0.3 }",
            ),
            (
                Field::MarketServiceable,
                "{ dist = \"beta\", alpha = 8, beta = 2 }",
            ),
            // Parameters of five or more digits, as a tight fit gives: no thousands commas,
            // which an inline table cannot hold.
            (
                Field::ShareCurrent,
                "{ dist = \"beta\", alpha = 14220, beta = 340800 }",
            ),
            (Field::RunSeed, "123456789"),
            (Field::TargetRevenue, "3M"),
            (Field::RunSeed, "7"),
        ];
        for (field, text) in cases {
            let value = read(field, text).unwrap();
            assert_eq!(value.to_text(field.unit()), text);
            assert_eq!(read(field, &value.to_text(field.unit())), Ok(value));
        }
    }

    #[test]
    fn a_range_with_its_unit_on_one_end_only_is_refused_with_the_unit_on_both() {
        // "5 to 20%" was refused as backwards with the hint "20% to 5", which was then read as
        // 20% to 500% with no word; "35 to 70M" was read as 35 USD to 70M.
        for (field, typed, meant, bare) in [
            (
                Field::MarketGrowth,
                "5 to 20%",
                "5% to 20%",
                "a bare 5 is 500%, not 5%",
            ),
            (
                Field::MarketGrowth,
                "20% to 5",
                "5% to 20%",
                "a bare 5 is 500%, not 5%",
            ),
            (
                Field::MarketGrowth,
                "5% to 20",
                "5% to 20%",
                "a bare 20 is 2000%, not 20%",
            ),
            (
                Field::ShareCurrent,
                "2 to 5%",
                "2% to 5%",
                "a bare 2 is 200%, not 2%",
            ),
            (
                Field::ShareCurrent,
                "5% to 2",
                "2% to 5%",
                "a bare 2 is 200%, not 2%",
            ),
            (
                Field::MarketSize,
                "35 to 70M",
                "35M to 70M",
                "a bare 35 is 35, not 35M",
            ),
            (
                Field::MarketSize,
                "1.5M to 3",
                "1.5M to 3M",
                "a bare 3 is 3, not 3M",
            ),
            (
                Field::ShareGainPerYear,
                "-5 to 10%",
                "-5% to 10%",
                "a bare -5 is -500%",
            ),
        ] {
            let Err(d) = read(field, &format!("\"{typed}\"")) else {
                panic!("{typed} is refused");
            };
            assert_eq!(d.key, Some(field.key()), "{typed}");
            assert!(d.found.contains("on one end only"), "{typed}: {d}");
            assert!(d.expected.contains(bare), "{typed}: {d}");
            let hint = d.hint.clone().unwrap_or_default();
            assert!(
                hint.ends_with(&format!("on both ends: \"{meant}\"")),
                "{typed}: {d}"
            );
            assert!(!d.to_string().contains("low end first"), "{typed}: {d}");
            // The hint taken literally reads as the range meant.
            assert!(read(field, &format!("\"{meant}\"")).is_ok(), "{meant}");
        }
        // A bare fraction beside a % reads two ways: 0.55 is how 55% is written bare.
        let Err(d) = read(Field::CapacityAttainment, "\"0.55 to 90%\"") else {
            panic!("0.55 to 90% is refused");
        };
        assert_eq!(
            d.hint.as_deref(),
            Some(
                "write the % on both ends: \"0.55% to 90%\", or the bare end as a percentage: \
                 \"55% to 90%\""
            ),
            "{d}"
        );
        assert!(read(Field::CapacityAttainment, "\"55% to 90%\"").is_ok());
        // Where the % carried over runs the range backwards, the bare end as written comes
        // first: `50% to 1.1` was told to write "1.1% to 50%", which took P(feasible) from
        // 54% to 3%.
        for (typed, first, then) in [
            ("50% to 1.1", "50% to 110%", "1.1% to 50%"),
            ("60% to 1", "60% to 100%", "1% to 60%"),
            ("5% to 0.2", "5% to 20%", "0.2% to 5%"),
        ] {
            let Err(d) = read(Field::CapacityAttainment, &format!("\"{typed}\"")) else {
                panic!("{typed} is refused");
            };
            assert_eq!(
                d.hint.unwrap_or_default(),
                format!(
                    "write the bare end as a percentage: \"{first}\", or the % on both ends: \
                     \"{then}\""
                ),
                "{typed}"
            );
        }
        // Written with a dash, the same reading (it read "1.1% to 50%").
        let Err(d) = read(Field::CapacityAttainment, "\"50% - 1.1\"") else {
            panic!("refused");
        };
        assert_eq!(
            d.hint.as_deref(),
            Some("a range is written with \"to\": \"50% to 110%\"")
        );
        // Not where the key does not take it: a share of 110% is more than the whole market.
        for typed in ["\"50% to 1.1\"", "\"50% - 1.1\""] {
            let Err(d) = read(Field::ShareCurrent, typed) else {
                panic!("refused");
            };
            let hint = d.hint.unwrap_or_default();
            assert!(
                hint.contains("\"1.1% to 50%\"") && !hint.contains("110%"),
                "{typed}: {hint}"
            );
        }
        // 0 is 0 in every unit; amounts either side of a thousand are written so by skypie
        // itself (900k to 1.5k would run backwards); both ends with a suffix are no slip.
        for (field, typed) in [
            (Field::MarketGrowth, "0 to 20%"),
            (Field::MarketSize, "1k to 2000"),
            (Field::MarketSize, "35M to 70000000"),
            (Field::MarketSize, "500k to 1000000"),
            (Field::MarketSize, "900 to 1.5k"),
            (Field::MarketSize, "500k to 2M"),
            (Field::MarketGrowth, "5% to 20%"),
            (Field::MarketSize, "35000000 to 70000000"),
        ] {
            assert!(read(field, &format!("\"{typed}\"")).is_ok(), "{typed}");
        }
    }

    #[test]
    fn a_value_mixing_a_percentage_with_an_amount_is_refused() {
        // "5% to 20M" as a market size was read as $0.05 to $20M, with no word from `check`
        // (its median, about $1,000, is above the slip warning's $100).
        for (field, typed, found, expected) in [
            (
                Field::MarketSize,
                "\"5% to 20M\"",
                "\"5% to 20M\" (5% is a percentage, 20M an amount)",
                "both ends amounts",
            ),
            (
                Field::MarketGrowth,
                "\"2k to 15%\"",
                "\"2k to 15%\" (2k is an amount, 15% a percentage)",
                "both ends percentages",
            ),
            (
                Field::MarketSize,
                "{ low = \"5%\", high = \"20M\" }",
                "\"20M\" (an amount, where `low` is 5%, a percentage)",
                "both amounts",
            ),
            (
                Field::ShareCurrent,
                "{ dist = \"pert\", min = \"0%\", mode = \"3%\", max = \"6M\" }",
                "\"6M\" (an amount, where `mode` is 3%, a percentage)",
                "all percentages",
            ),
        ] {
            let Err(d) = read(field, typed) else {
                panic!("{typed} is refused");
            };
            assert!(
                d.key.as_deref().unwrap_or("").starts_with(&field.key()),
                "{d}"
            );
            assert_eq!(d.found, found, "{typed}: {d}");
            assert!(d.expected.contains(expected), "{typed}: {d}");
        }
        // Amounts of different sizes, bare numbers and one unit throughout are no slip.
        for (field, typed) in [
            (Field::MarketSize, "\"500k to 2M\""),
            (Field::MarketSize, "{ low = \"500k\", high = 2000000 }"),
            (
                Field::MarketGrowth,
                "{ dist = \"pert\", min = 0, mode = \"3%\", max = 0.2 }",
            ),
            (Field::MarketGrowth, "\"0 to 20%\""),
            (Field::MarketSize, "\"0% to 20M\""),
        ] {
            assert!(read(field, typed).is_ok(), "{typed}");
        }
    }

    #[test]
    fn a_dashed_range_is_hinted_with_the_unit_on_both_ends() {
        // The hint for "5-20%" was "5 to 20%", itself refused, and "35-70M" gave "35 to 70M",
        // read as 35 USD to 70M.
        for (field, typed, meant) in [
            (Field::MarketGrowth, "5-20%", "5% to 20%"),
            (Field::ShareCurrent, "2-5%", "2% to 5%"),
            (Field::MarketSize, "35-70M", "35M to 70M"),
            (Field::MarketSize, "35M-70M", "35M to 70M"),
            (Field::MarketSize, "900-1.5k", "900 to 1.5k"),
            (Field::MarketGrowth, "0-20%", "0 to 20%"),
            // As other tools write ranges, and as people say them.
            (Field::MarketSize, "20M..40M", "20M to 40M"),
            (Field::MarketSize, "20M…40M", "20M to 40M"),
            (Field::MarketSize, "20M ~ 40M", "20M to 40M"),
            (Field::MarketSize, "between 20M and 40M", "20M to 40M"),
            (Field::MarketGrowth, "Between 5 and 20%", "5% to 20%"),
            (Field::MarketGrowth, "1.5..2%", "1.5% to 2%"),
            (Field::MarketSize, "20M...40M", "20M to 40M"),
            (Field::MarketSize, "1...2", "1 to 2"),
            // The low end first: "40M to 20M" is refused as backwards.
            (Field::MarketSize, "40M..20M", "20M to 40M"),
        ] {
            let d = read(field, &format!("\"{typed}\"")).unwrap_err();
            assert_eq!(
                d.hint.as_deref(),
                Some(format!("a range is written with \"to\": \"{meant}\"").as_str()),
                "{typed}"
            );
            assert!(read(field, &format!("\"{meant}\"")).is_ok(), "{meant}");
        }
        // A percentage dashed to an amount gets no hint it would then refuse.
        let d = read(Field::MarketSize, "\"5%-20M\"").unwrap_err();
        assert_eq!(d.hint, None, "{d}");
        // Nor a hint it would refuse otherwise: equal ends, a dot left of four.
        for typed in ["20M..20M", "20M....40M"] {
            let d = read(Field::MarketSize, &format!("\"{typed}\"")).unwrap_err();
            assert_eq!(d.hint, None, "{typed}: {d}");
        }
        // Past 100 characters no place is tried as the one between the ends (each try reads
        // both ends: a value of 80,000 characters took 10 s to refuse).
        let spaced = format!("\"1{0}-{0}2\"", " ".repeat(60));
        let d = read(Field::MarketSize, &spaced).unwrap_err();
        assert_eq!(d.hint, None, "{d}");
    }

    #[test]
    fn a_range_skypie_writes_is_never_one_it_refuses() {
        // An amount from 5 to 10,000 as "5 to 10k" would be refused as a k on one end only.
        for (low, high) in [(5.0, 10e3), (900.0, 1500.0), (35e6, 70e6), (2.0, 50.0)] {
            let value = FieldValue::Dist(Dist::interval(low, high, None).unwrap());
            let text = value.to_text(Unit::Amount);
            assert_eq!(
                read(Field::MarketSize, &format!("\"{text}\"")),
                Ok(value),
                "{text}"
            );
        }
    }

    #[test]
    fn a_range_is_displayed_as_typed_and_a_fraction_as_a_percent() {
        let range = read(Field::MarketSize, "35M to 70M").unwrap();
        assert_eq!(range.display(Unit::Amount), "35M to 70M");
        let share = read(Field::ShareCeiling, "0.6").unwrap();
        assert_eq!(share.display(Unit::Percent), "60%");
    }
}
