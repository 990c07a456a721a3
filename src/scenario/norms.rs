//! Published sales benchmarks an assumption is checked against (docs/NORMS.md): one table,
//! [`NORMS`], with each threshold, the benchmark in words and its source. An assumption far
//! outside one gets a warning naming the key, the benchmark and the source; the exit code does
//! not change. A scenario that knows better turns a check off with `[norms] ignore = [KEY]`.

use toml_edit::Item;

use super::Scenario;
use super::error::{Diagnostic, did_you_mean, shown};
use super::field::Field;
use super::number::{Unit, for_people, format_significant, parse_number, thousands};
use super::value::describe;

/// The table's name in the file.
pub const TABLE: &str = "norms";

/// The key that lists the checks a scenario turns off.
pub const IGNORE_KEY: &str = "norms.ignore";

/// A new rep ramping faster than this, in days, is far below the published median (≈ 150 days).
pub const RAMP_DAYS_FLOOR: u32 = 60;

/// A team-average attainment with a median above this is far above the published benchmarks
/// (only about half of reps reach quota).
pub const ATTAINMENT_MEDIAN_CEILING: f64 = 1.0;

/// One benchmark an assumption is checked against.
#[derive(Debug, Clone, Copy)]
pub struct Norm {
    /// The input the check is about; its dotted key names the check in `[norms] ignore`.
    pub field: Field,
    /// What the benchmark says, in words.
    pub benchmark: &'static str,
    /// Where the number comes from (docs/NORMS.md has the details).
    pub source: &'static str,
    /// The assumption as found, in words, when it is far outside the benchmark (a check of
    /// the team finds nothing in a scenario without `[capacity]`).
    check: fn(&Scenario) -> Option<String>,
}

/// Every benchmark, in one table: the thresholds above, and docs/NORMS.md.
pub const NORMS: [Norm; 3] = [
    Norm {
        field: Field::CapacityRampDays,
        benchmark: "the median AE ramp is about 5 months",
        source: "Bridge Group, SaaS AE Metrics",
        check: |scenario| {
            let team = scenario.capacity.as_ref()?;
            (team.new_reps > 0 && team.ramp_days < RAMP_DAYS_FLOOR).then(|| {
                let plural = |n: u32, one: &str, many: &str| {
                    format!(
                        "{} {}",
                        thousands(n.into()),
                        if n == 1 { one } else { many }
                    )
                };
                format!(
                    "{} for {}",
                    plural(team.ramp_days, "day", "days"),
                    plural(team.new_reps, "new rep", "new reps")
                )
            })
        },
    },
    Norm {
        field: Field::CapacityAttainment,
        benchmark: "only about half of reps reach quota",
        source: "RepVue and Pavilion 2024 benchmarks; Forrester",
        check: |scenario| {
            scenario.capacity.as_ref()?;
            let dist = scenario.dist(Field::CapacityAttainment);
            let median = Field::CapacityAttainment.domain().clamp(dist.quantile(0.5));
            (median > ATTAINMENT_MEDIAN_CEILING).then(|| {
                // At three significant digits, or as many more as it takes to read above the
                // ceiling: a median of 100.25% read "median 100%" (now 100.2%).
                let written = |digits| format_significant(median, Unit::Percent, digits);
                let above = (3..=12)
                    .map(written)
                    .find(|text| parse_number(text).is_ok_and(|x| x > ATTAINMENT_MEDIAN_CEILING));
                format!(
                    "median {}",
                    for_people(&above.unwrap_or_else(|| written(3)))
                )
            })
        },
    },
    Norm {
        field: Field::CapacityNewReps,
        benchmark: "new-hire cohorts are advised at about a quarter of the team, as managers \
                    can coach only so many new reps at once",
        source: "practitioners' hiring guidance; docs/NORMS.md",
        check: |scenario| {
            let team = scenario.capacity.as_ref()?;
            (team.new_reps > team.reps).then(|| {
                format!(
                    "{} new reps beside {} ramped (the team more than doubles at once)",
                    thousands(team.new_reps.into()),
                    thousands(team.reps.into())
                )
            })
        },
    },
];

/// One assumption far outside a benchmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormWarning {
    /// The input it is about (the live session marks it).
    pub field: Field,
    /// `capacity.ramp_days: 21 days for 4 new reps; the median AE ramp is about 5 months
    /// (Bridge Group, SaaS AE Metrics)`.
    pub message: String,
}

/// The benchmarks `scenario` is far outside, in [`NORMS`] order, less those it ignores.
pub fn check(scenario: &Scenario) -> Vec<NormWarning> {
    NORMS
        .iter()
        .filter(|norm| !scenario.norms_ignored.contains(&norm.field))
        .filter_map(|norm| {
            let found = (norm.check)(scenario)?;
            Some(NormWarning {
                field: norm.field,
                message: format!(
                    "{}: {found}; {} ({})",
                    norm.field.key(),
                    norm.benchmark,
                    norm.source
                ),
            })
        })
        .collect()
}

/// Reads a `[norms]` table (`ignore = ["capacity.ramp_days"]`): the checks it turns off, or
/// every problem in it, located in `text`.
pub fn read(item: &Item, text: &str) -> Result<Vec<Field>, Vec<Diagnostic>> {
    let keys: Vec<String> = NORMS.iter().map(|n| n.field.key()).collect();
    let expected = format!("a list of checks to turn off, from {}", keys.join(", "));
    let Some(table) = item.as_table_like() else {
        return Err(vec![
            Diagnostic::new(Some(TABLE), describe(item), "a [norms] table").at(text, item.span()),
        ]);
    };
    let mut problems = Vec::new();
    let mut ignored = Vec::new();
    for (name, value) in table.iter() {
        if name != "ignore" {
            let span = table.key(name).and_then(|k| k.span());
            problems.push(
                Diagnostic::new(
                    Some(&format!("{TABLE}.{}", shown(name))),
                    format!("an unknown key `{}`", shown(name)),
                    "only `ignore` in [norms]",
                )
                .at(text, span),
            );
            continue;
        }
        let Some(list) = value.as_array() else {
            problems.push(
                Diagnostic::new(Some(IGNORE_KEY), describe(value), expected.clone())
                    .at(text, value.span()),
            );
            continue;
        };
        for entry in list.iter() {
            match entry
                .as_str()
                .and_then(|s| NORMS.iter().find(|n| n.field.key() == s))
            {
                Some(norm) => ignored.push(norm.field),
                None => problems.push(unknown_check(entry, &keys, &expected, text)),
            }
        }
    }
    if problems.is_empty() {
        Ok(ignored)
    } else {
        Err(problems)
    }
}

/// An entry of `ignore` that names no check, with the nearest check's key.
fn unknown_check(
    entry: &toml_edit::Value,
    keys: &[String],
    expected: &str,
    text: &str,
) -> Diagnostic {
    let mut d = Diagnostic::new(
        Some(IGNORE_KEY),
        describe(&Item::Value(entry.clone())),
        expected,
    )
    .at(text, entry.span());
    let name = entry.as_str().unwrap_or_default();
    let near = (name.len() <= 64)
        .then(|| did_you_mean(name, keys.iter().map(String::as_str)))
        .flatten()
        .map(str::to_string)
        .or_else(|| {
            keys.iter()
                .find(|k| k.ends_with(&format!(".{name}")))
                .cloned()
        });
    if let Some(near) = near {
        d = d.hint(format!("did you mean \"{near}\"?"));
    }
    d
}
