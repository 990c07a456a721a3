//! Scenario text → [`Scenario`]: walks the TOML document table by table, reading each key
//! with its span so every problem names its line, column and key. All problems are collected,
//! not just the first.

use std::collections::BTreeMap;

use toml_edit::{Document, Item, TableLike};

use super::correlation::{self, Correlation};
use super::currency;
use super::error::{Diagnostic, ScenarioError, did_you_mean, line_column, shown};
use super::field::{Field, Section};
use super::norms;
use super::number::Unit;
use super::syntax_error::syntax_error;
use super::value::{FieldValue, describe, read_field};
use super::{
    Capacity, Consistency, DEFAULT_SAMPLES, DEFAULT_SEED, PerInput, SCHEMA, Scenario, default_dist,
};
use crate::source::Source;

/// The currency of a plan that names none.
const DEFAULT_CURRENCY: &str = "USD";

/// Reading stops after this many problems: a file with more is most likely not a scenario.
const MAX_PROBLEMS: usize = 100;

/// Parses scenario text; `origin` names it in errors.
pub fn parse(
    text: &str,
    origin: &str,
    consistency: Consistency,
) -> Result<Scenario, ScenarioError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fail = |diagnostics| ScenarioError {
        origin: origin.to_string(),
        diagnostics,
    };
    let document = Document::parse(text).map_err(|e| fail(vec![syntax_error(text, &e)]))?;
    let mut reader = Reader {
        text,
        root: document.as_table(),
        consistency,
        lines: BTreeMap::new(),
        correlation_lines: BTreeMap::new(),
        currency_line: None,
        values: BTreeMap::new(),
        name: None,
        currency: None,
        method: None,
        has_capacity: false,
        correlations: Vec::new(),
        norms_ignored: Vec::new(),
        invalid: Vec::new(),
        tables: BTreeMap::new(),
        problems: Vec::new(),
    };
    reader.read_section(Section::Top, document.as_table());
    if reader.problems.len() >= MAX_PROBLEMS {
        reader.problems.sort_by_key(|d| d.location);
        reader.problems.push(Diagnostic::new(
            None,
            format!("{MAX_PROBLEMS} problems, so reading stopped there"),
            "a scenario file (fix these and check it again)",
        ));
        return Err(fail(reader.problems));
    }
    reader.require_keys();
    reader.say_the_plans_currency();
    if !reader.problems.is_empty() {
        reader.problems.sort_by_key(|d| d.location);
        return Err(fail(reader.problems));
    }
    let mut scenario = reader.build(origin);
    scenario.fit_notes = super::fit_note::fit_notes(document.as_table(), text);
    Ok(scenario)
}

/// Why `schema` takes only one value.
pub(super) const SCHEMA_HINT: &str = "this version of skypie reads schema 1";

/// What a text key (`schema`, `name`, `currency`, `method`) takes, in words.
pub(super) fn text_key_takes(name: &str) -> String {
    match name {
        "schema" => format!("{SCHEMA}"),
        "method" => "a quoted string: \"mc\" or \"sobol\"".to_string(),
        _ => "a quoted string".to_string(),
    }
}

/// What has been read so far, and what was wrong.
struct Reader<'t> {
    text: &'t str,
    /// The whole file's tables, to tell a key written in the wrong table whether its own table
    /// has it already.
    root: &'t toml_edit::Table,
    consistency: Consistency,
    /// The line each field's key is on.
    lines: BTreeMap<Field, u32>,
    /// The line each correlation's key is on and its value, by the key as written.
    correlation_lines: BTreeMap<String, (u32, f64)>,
    currency_line: Option<u32>,
    values: BTreeMap<Field, FieldValue>,
    name: Option<String>,
    currency: Option<String>,
    method: Option<super::Method>,
    has_capacity: bool,
    correlations: Vec<Correlation>,
    norms_ignored: Vec<Field>,
    /// Fields a message already covers (a wrong value, a misspelt key, their table written as
    /// a value): not reported again as missing.
    invalid: Vec<Field>,
    /// Where each table the file has starts (its header, when it has one), to point a missing
    /// key at.
    tables: BTreeMap<Section, Option<std::ops::Range<usize>>>,
    problems: Vec<Diagnostic>,
}

impl Reader<'_> {
    /// Reads every key of one table.
    fn read_section(&mut self, section: Section, table: &dyn TableLike) {
        for (name, item) in table.iter() {
            if self.problems.len() >= MAX_PROBLEMS {
                return;
            }
            let key_span = table
                .key(name)
                .and_then(|k| k.span())
                .or_else(|| item.span());
            let dotted = match section {
                Section::Top => name.to_string(),
                _ => format!("{}.{name}", section.name()),
            };
            if section == Section::Top && self.read_other_table(name, item) {
                continue;
            }
            if section == Section::Top
                && let Some(sub) = Section::ALL.iter().find(|s| s.name() == name)
            {
                match item.as_table_like() {
                    Some(inner) => {
                        self.tables.insert(*sub, item.span());
                        self.has_capacity |= *sub == Section::Capacity;
                        self.read_section(*sub, inner);
                    }
                    None => {
                        self.invalid
                            .extend(Field::ALL.iter().filter(|f| f.section() == *sub));
                        self.problems.push(
                            Diagnostic::new(
                                Some(name),
                                describe(item),
                                format!("a [{name}] table"),
                            )
                            .at(self.text, item.span()),
                        );
                    }
                }
                continue;
            }
            // A quoted key may hold a dot ("market.size" at the top): the section must match too.
            if let Some(field) = Field::from_key(&dotted).filter(|f| f.section() == section) {
                match read_field(field, item, self.text) {
                    Ok(value) => {
                        self.values.insert(field, value);
                        if let Some(span) = &key_span {
                            self.lines
                                .insert(field, line_column(self.text, span.start).0);
                        }
                    }
                    Err(d) => {
                        self.invalid.push(field);
                        self.problems.push(d);
                    }
                }
                continue;
            }
            if section.text_keys().contains(&name) {
                self.read_text_key(name, item);
                continue;
            }
            let (unknown, meant) = self.unknown_key(section, name, &dotted, item, key_span);
            // A misspelt key already says what it should be: not reported again as missing.
            self.invalid.extend(meant);
            self.problems.push(unknown);
        }
    }

    /// Reads `[correlation]` or `[norms]`; false for any other name. A key of another table
    /// in one (`horizon_days` appended under `[norms]`, the template's last table) is said
    /// where it belongs, as in any table, and not reported again as missing.
    fn read_other_table(&mut self, name: &str, item: &Item) -> bool {
        let read = match name {
            correlation::TABLE => {
                correlation::read(item, self.text, self.consistency).map(|read| {
                    for (c, line) in read {
                        if let Some(line) = line {
                            self.correlation_lines.insert(c.key.clone(), (line, c.rho));
                        }
                        self.correlations.push(c);
                    }
                })
            }
            norms::TABLE => norms::read(item, self.text).map(|n| self.norms_ignored = n),
            _ => return false,
        };
        if let Err(mut problems) = read {
            for (key, _) in item
                .as_table_like()
                .into_iter()
                .flat_map(|t| t.get_values())
            {
                let dotted: Vec<&str> = key.iter().map(|k| k.get()).collect();
                let (Some(home), field) = belongs_elsewhere(self.root, &dotted) else {
                    continue;
                };
                // Said where it belongs, and so not again as missing: only with the hint on
                // the problem at its line.
                let first = key.first().and_then(|k| k.span());
                let at = first.map(|s| line_column(self.text, s.start));
                let mut at_its_line = (problems.iter_mut())
                    .filter(|p| at.is_some() && p.location == at)
                    .peekable();
                if at_its_line.peek().is_some() {
                    self.invalid.extend(field);
                }
                for problem in at_its_line {
                    problem.hint.get_or_insert_with(|| home.clone());
                }
            }
            self.problems.extend(problems);
        }
        true
    }

    /// An unknown key, with the nearest known key or the table it belongs in; and the fields
    /// it means if it is a misspelling of one of this table's keys, or of a table's name.
    fn unknown_key(
        &self,
        section: Section,
        name: &str,
        dotted: &str,
        item: &Item,
        span: Option<std::ops::Range<usize>>,
    ) -> (Diagnostic, Vec<Field>) {
        let place = match section {
            Section::Top => "the top level".to_string(),
            s => format!("[{}]", s.name()),
        };
        let known = section.keys();
        let mut d = Diagnostic::new(
            Some(&shown(dotted)),
            format!("an unknown key `{}`", shown(name)),
            format!("one of {} in {place}", known.join(", ")),
        )
        .at(self.text, span);
        let near = (name.len() <= 64)
            .then(|| did_you_mean(name, known.iter().copied()))
            .flatten();
        if let Some(near) = near {
            d = d.hint(format!("did you mean `{near}`?"));
            // The key it meant, or every key of the table it meant (`[Market]`).
            let meant = Field::ALL
                .into_iter()
                .filter(|f| {
                    (f.section() == section && f.name() == near)
                        || (section == Section::Top && f.section().name() == near)
                })
                .collect();
            return (d, meant);
        }
        // A table written inside another (`market = { size = "35M to 70M" }` under [target],
        // `share.current = 0.1` under [market]): said so, and the keys written in it not
        // reported again as missing (those it leaves out still are).
        if section != Section::Top
            && let Some(table) = Section::ALL.into_iter().find(|s| s.name() == name)
        {
            let inside = section.name();
            let Some(written) = item.as_table_like() else {
                // `market = "35M"` under [target]: no keys to move.
                return (
                    d.hint(format!(
                        "`{name}` is a table of its own, [{name}], not a key of [{inside}]"
                    )),
                    Vec::new(),
                );
            };
            let keys: Vec<Field> = Field::ALL
                .into_iter()
                .filter(|f| f.section() == table && written.contains_key(f.name()))
                .collect();
            // Keys [market] has already: moving them would write them twice.
            let twice: Vec<String> = keys
                .iter()
                .filter(|f| written_in_its_table(self.root, **f))
                .map(|f| format!("`{}`", f.name()))
                .collect();
            let names: Vec<&str> = twice.iter().map(String::as_str).collect();
            let twice = match names.len() {
                0 => String::new(),
                n => format!(
                    "; [{name}] has {} already: keep one of {}",
                    crate::text::and_list(&names),
                    if n == 1 { "the two" } else { "each" }
                ),
            };
            d = d.hint(format!(
                "`{name}` is a table of its own: write its keys under [{name}], not inside \
                 [{inside}]{twice}"
            ));
            return (d, keys);
        }
        // A key of another table (or of the top level): said where it belongs, and not
        // reported again as missing there ("horizon_days: found nothing" after it).
        let (home, field) = belongs_elsewhere(self.root, &[name]);
        if let Some(home) = home {
            d = d.hint(home);
        }
        (d, field.into_iter().collect())
    }

    /// `schema`, `name`, `currency`.
    fn read_text_key(&mut self, name: &str, item: &Item) {
        let located = |d: Diagnostic| d.at(self.text, item.span());
        match name {
            "schema" => {
                if item.as_integer() != Some(SCHEMA) {
                    self.problems.push(located(
                        Diagnostic::new(Some("schema"), describe(item), text_key_takes(name))
                            .hint(SCHEMA_HINT),
                    ));
                }
            }
            "method" => match item.as_str().map(super::read_method) {
                Some(Ok(method)) => self.method = Some(method),
                Some(Err(d)) => self.problems.push(located(d)),
                None => self.problems.push(located(Diagnostic::new(
                    Some(super::METHOD_KEY),
                    describe(item),
                    text_key_takes(name),
                ))),
            },
            _ => match item.as_str() {
                Some(s) if name == "name" => self.name = Some(s.to_string()),
                Some(s) => {
                    self.currency = Some(s.to_string());
                    self.currency_line = item.span().map(|s| line_column(self.text, s.start).0);
                }
                None => self.problems.push(located(Diagnostic::new(
                    Some(name),
                    describe(item),
                    text_key_takes(name),
                ))),
            },
        }
    }

    /// Complains about required keys the file leaves out; all at once, for a file of nothing
    /// but blank lines and comments (an empty file read as three keys "found nothing").
    fn require_keys(&mut self) {
        let blank = |line: &str| line.trim().is_empty() || line.trim_start().starts_with('#');
        if self.text.lines().all(blank) {
            let found = if self.text.trim().is_empty() {
                "an empty file"
            } else {
                "nothing but comments"
            };
            let mut d = Diagnostic::new(
                None,
                found,
                "a scenario: horizon_days, [target] revenue and [market] size at the least",
            )
            .hint("`skypie new FILE` writes a scenario to start from");
            // At its start: the end of three blank lines read "4:1", past the last.
            d.location = Some(line_column(self.text, 0));
            self.problems.push(d);
            return;
        }
        for field in Field::ALL {
            let applies = field.section() != Section::Capacity || self.has_capacity;
            let given = self.values.contains_key(&field) || self.invalid.contains(&field);
            if applies && field.default_value().is_none() && !given {
                let what = format!("{}, e.g. {}", field.description(), example_line(field));
                let mut d = Diagnostic::new(Some(&field.key()), "nothing", what);
                // At its table's header when the file has one, else at the end.
                match self.tables.get(&field.section()).cloned().flatten() {
                    Some(header) => d = d.at(self.text, Some(header)),
                    None => d.location = Some(line_column(self.text, self.text.len())),
                }
                self.problems.push(d);
            }
        }
    }

    /// An amount refused for naming another currency than the plan's (`"3M EUR"` in a plan in
    /// USD) says which the plan is in: "write amounts without `EUR`" alone made €3M read $3M,
    /// unsaid, where the session and `--set` said the plan's currency.
    fn say_the_plans_currency(&mut self) {
        let currency = self.currency.as_deref().unwrap_or(DEFAULT_CURRENCY);
        // As the session says it (`eur` is EUR); a plan that names none has none to convert to.
        let Some(is_in) = currency::plan_is_in(currency) else {
            return;
        };
        for problem in self.problems.iter_mut().filter(|p| p.hint.is_none()) {
            let field = problem.key.as_deref().and_then(|key| {
                // A parameter's key (`market.size.mean`) is its input's.
                Field::from_key(key).or_else(|| Field::from_key(key.rsplit_once('.')?.0))
            });
            let written = (problem.source.as_ref()).and_then(|s| self.text.get(s.span.clone()));
            if field.is_some_and(|f| f.unit() == Unit::Amount)
                && written.is_some_and(|w| currency::names_another_currency(w, currency))
            {
                problem.hint = Some(format!("{is_in}: convert the amount, or change `currency`"));
            }
        }
    }

    /// The scenario from the values read, with defaults for the rest.
    fn build(self, origin: &str) -> Scenario {
        let number = |field: Field| match self.values.get(&field) {
            Some(FieldValue::Number(x)) => *x,
            _ => field.default_value().unwrap_or(0.0),
        };
        let integer = |field: Field| match self.values.get(&field) {
            Some(FieldValue::Integer(n)) => *n,
            _ => field.default_value().unwrap_or(0.0) as u64,
        };
        let small = |field: Field| u32::try_from(integer(field)).unwrap_or(u32::MAX);
        let mut scenario = Scenario {
            name: plan_name(self.name.as_deref(), origin),
            currency: (self.currency.clone()).unwrap_or_else(|| DEFAULT_CURRENCY.to_string()),
            target_revenue: number(Field::TargetRevenue),
            horizon_days: small(Field::HorizonDays),
            confidence: number(Field::Confidence),
            inputs: PerInput::from_fn(|field| match self.values.get(&field) {
                Some(FieldValue::Dist(d)) => d.clone(),
                _ => default_dist(field),
            }),
            capacity: self.has_capacity.then(|| Capacity {
                reps: small(Field::CapacityReps),
                new_reps: small(Field::CapacityNewReps),
                ramp_days: small(Field::CapacityRampDays),
            }),
            samples: DEFAULT_SAMPLES,
            seed: DEFAULT_SEED,
            method: self.method.unwrap_or_default(),
            method_written: self.method.is_some(),
            correlations: self.correlations.clone(),
            norms_ignored: self.norms_ignored.clone(),
            fit_notes: BTreeMap::new(),
            lines: self.lines.clone(),
            correlation_lines: self.correlation_lines.clone(),
            currency_line: self.currency_line,
        };
        // Through `set`, so the sample cap and its warning live in one place.
        for field in [Field::RunSamples, Field::RunSeed] {
            if let Some(value) = self.values.get(&field) {
                let _ = scenario.set(field, value.clone());
            }
        }
        scenario
    }
}

/// Where a key that is not its table's belongs, in words (`` `horizon_days` belongs at the
/// top level, before any [table] ``; a dotted one by its name there, `` `market.size`
/// belongs in [market] as `size` ``), and the field it is, if it is another table's key (or
/// a top-level one) at all. Where the file (`root`) has it there already, moving it would
/// write it twice: it says so (`growth = "5%"` under `[target]` beside `[market]`'s own).
fn belongs_elsewhere(root: &toml_edit::Table, key: &[&str]) -> (Option<String>, Option<Field>) {
    let (said, field) = belongs_elsewhere_alone(key);
    let written = field.is_some_and(|f| written_in_its_table(root, f));
    let said = said.map(|said| {
        if written {
            format!("{said}, and is written there already: keep one of the two")
        } else {
            said
        }
    });
    (said, field)
}

/// Whether the file (`root`) has `field` in its own table (or at the top level, for a
/// top-level key).
fn written_in_its_table(root: &toml_edit::Table, field: Field) -> bool {
    match field.section() {
        Section::Top => root.contains_key(field.name()),
        s => (root.get(s.name()).and_then(Item::as_table_like))
            .is_some_and(|table| table.contains_key(field.name())),
    }
}

/// [`belongs_elsewhere`], without a look at the file.
fn belongs_elsewhere_alone(key: &[&str]) -> (Option<String>, Option<Field>) {
    if key.len() > 1 {
        let dotted = key.join(".");
        let field = Field::from_key(&dotted);
        let said = field.map(|f| {
            let (table, name) = (f.section().name(), f.name());
            format!("`{dotted}` belongs in [{table}] as `{name}`")
        });
        return (said, field);
    }
    let name = key.first().copied().unwrap_or_default();
    let field = Field::ALL.into_iter().find(|f| f.name() == name);
    let home = field.map(Field::section).or_else(|| {
        Section::ALL
            .into_iter()
            .find(|s| s.text_keys().contains(&name))
    });
    let said = home.map(|home| match home {
        Section::Top => format!("`{name}` belongs at the top level, before any [table]"),
        s => format!("`{name}` belongs in [{}]", s.name()),
    });
    (said, field)
}

/// A line that would set `field`, from its first example: `[target] revenue = "3M"`.
fn example_line(field: Field) -> String {
    let example = field.examples().first().copied().unwrap_or_default();
    let value = if example.parse::<f64>().is_ok() {
        example.to_string()
    } else {
        format!("\"{example}\"")
    };
    match field.section() {
        Section::Top => format!("{} = {value}", field.name()),
        section => format!("[{}] {} = {value}", section.name(), field.name()),
    }
}

/// The plan's name: `name` as written, or the file's stem where there is none or a blank one
/// (in the file, or `--set name=`), so that every output has a name to head its row. A plan
/// read from standard input (`origin` `-`) is named `standard input`.
pub fn plan_name(name: Option<&str>, origin: &str) -> String {
    match name {
        Some(name) if !name.trim().is_empty() => name.to_string(),
        _ => {
            let source = Source::from_arg(origin);
            let file = source.name();
            std::path::Path::new(file)
                .file_stem()
                .map_or_else(|| file.to_string(), |s| s.to_string_lossy().into_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::Scenario;

    /// The hint of the first problem reading `text`.
    fn hint_of(text: &str) -> Option<String> {
        let refused = Scenario::parse(text, "plan.toml").expect_err("refused");
        refused.diagnostics.first().and_then(|d| d.hint.clone())
    }

    /// A plan whose `horizon_days` is written `days`, in quotes.
    fn with_days(days: &str) -> String {
        format!(
            "schema = 1\nhorizon_days = \"{days}\"\n[target]\nrevenue = \"3M\"\n\
             [market]\nsize = \"35M to 70M\"\n"
        )
    }

    const PLAN: &str = "schema = 1\nhorizon_days = 90\n[market]\nsize = \"35M to 70M\"\n";

    #[test]
    fn an_amount_in_another_currency_says_which_the_plan_is_in() {
        // "write amounts without `EUR`, as in 3M" alone made €3M read $3M.
        let text = format!("{PLAN}[target]\nrevenue = \"3M EUR\"\n");
        assert_eq!(
            hint_of(&text).as_deref(),
            Some("this plan is in USD: convert the amount, or change `currency`")
        );
    }

    #[test]
    fn a_parameter_in_another_currency_says_which_the_plan_is_in() {
        let text = "currency = \"EUR\"\nschema = 1\nhorizon_days = 90\n[target]\nrevenue = \"3M\"\n\
                    [market]\nsize = { low = \"$35M\", high = \"70M\" }\n";
        assert_eq!(
            hint_of(text).as_deref(),
            Some("this plan is in EUR: convert the amount, or change `currency`")
        );
    }

    #[test]
    fn an_amount_in_any_currency_code_says_which_the_plan_is_in() {
        // `CHF` was told only "write amounts without `CHF`": CHF 1,200 read $1,200.
        let text = format!("{PLAN}[target]\nrevenue = \"CHF1'200.-\"\n");
        assert_eq!(
            hint_of(&text).as_deref(),
            Some("this plan is in USD: convert the amount, or change `currency`")
        );
    }

    #[test]
    fn the_plans_currency_is_said_by_its_code() {
        let text = format!("currency = \"eur\"\n{PLAN}[target]\nrevenue = \"$3M\"\n");
        assert_eq!(
            hint_of(&text).as_deref(),
            Some("this plan is in EUR: convert the amount, or change `currency`")
        );
    }

    #[test]
    fn a_plan_that_names_no_currency_has_none_to_convert_to() {
        let text = format!("currency = \"\"\n{PLAN}[target]\nrevenue = \"3M EUR\"\n");
        assert_eq!(hint_of(&text), None);
    }

    #[test]
    fn days_written_beyond_what_the_key_takes_are_not_told_to_write_the_number() {
        // `"5000 days"` was told "write 5000", refused next.
        let text = &with_days("5000 days");
        assert_eq!(hint_of(text), None);
    }

    #[test]
    fn days_written_with_a_thousands_suffix_are_read() {
        let text = &with_days("1k");
        let read = crate::scenario::Scenario::parse(text, "plan.toml").map(|s| s.horizon_days);
        assert_eq!(read.ok(), Some(1000));
    }

    #[test]
    fn days_written_with_their_unit_in_a_file_are_told_to_write_the_number() {
        // `horizon_days = "90 days"` got no hint where `confidence = 80` got "write 80%".
        let text = &with_days("90 days");
        assert_eq!(hint_of(text).as_deref(), Some("write 90"));
    }

    #[test]
    fn days_written_in_another_unit_in_a_file_are_told_the_key_counts_days() {
        let text = &with_days("3 months");
        assert_eq!(
            hint_of(text).as_deref(),
            Some("a count of days: write the number alone, as in 90")
        );
    }

    #[test]
    fn days_written_with_a_magnitude_are_no_other_unit() {
        // `"90M"` is a number of days too many, not 90 of another unit.
        let text = &with_days("90M");
        assert_eq!(hint_of(text), None);
    }

    #[test]
    fn an_amount_with_the_plans_own_sign_has_no_currency_hint() {
        let text = format!("{PLAN}[target]\nrevenue = \"$3M\"\n");
        assert_eq!(hint_of(&text), None);
    }
}
