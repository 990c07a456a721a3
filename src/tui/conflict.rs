//! When the file changed on disk while the session had it open: which keys each side changed
//! since the session last read or wrote the file (its values and its correlations), and the
//! merge of this session's values onto the file as it is now (toml_edit, key by key, so the
//! other side's comments and keys stay). Pure: texts in, texts out.

use std::collections::BTreeMap;

use skypie::scenario::edit::{apply_correlation, apply_edits, field_texts, remove_correlation};
use skypie::scenario::number::parse_number;
use skypie::scenario::{Correlation, Field, FieldValue, METHOD_KEY, Scenario, Section, norms};

use super::item::{self, Item};

/// Which keys each side changed since the text both started from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sides {
    /// Keys the file on disk changed.
    pub theirs: Vec<Item>,
    /// Keys this session changed.
    pub ours: Vec<Item>,
    /// Keys both sides changed, to different values: someone has to choose.
    pub both: Vec<Item>,
    /// What else the file on disk changed, which the session does not edit: `name`,
    /// `currency`, `run.method`, `norms.ignore`, and `comments or layout` where no key
    /// differs. A merge keeps them; an overwrite writes over them.
    pub theirs_else: Vec<&'static str>,
    /// The tables (`[share]`, `[capacity]`, `[run]`) the file as the session last read or
    /// saved it writes keys in, and the file on disk has none of now: each is one choice, as one of its keys alone would write
    /// a table neither side wrote (a quota and no reps; a share gain with today's share 0 and
    /// no ceiling).
    pub removed: Vec<Section>,
}

/// An item's value in a scenario, to compare: a field's value, or a correlation's ρ (`None`
/// when the scenario lacks it).
#[derive(Debug, PartialEq)]
enum Value {
    Field(Option<FieldValue>),
    Rho(Option<f64>),
}

/// The value of `item` in `scenario`.
fn value_of(scenario: &Scenario, item: Item) -> Value {
    match item {
        Item::Field(field) => Value::Field(scenario.value(field)),
        Item::Correlation(a, b) => {
            Value::Rho(item::find(&scenario.correlations, a, b).map(|c| c.rho))
        }
    }
}

/// Compares the text the session last read or wrote (`base`), the file as it is now (`disk`)
/// and the session's scenario, value by value (so `"3M"` and `3000000` are the same value),
/// the fields and then the correlations any of the three has. Fails, with the reason, when
/// either text is not a valid scenario.
pub fn sides(
    base_text: &str,
    disk_text: &str,
    session: &Scenario,
    origin: &str,
) -> Result<Sides, String> {
    let base = Scenario::parse(base_text, origin).map_err(|e| e.first())?;
    let (written, on_disk) = (field_texts(base_text), field_texts(disk_text));
    let has =
        |texts: &BTreeMap<Field, String>, section| texts.keys().any(|f| f.section() == section);
    let removed: Vec<Section> = Section::ALL
        .into_iter()
        .filter(|s| *s != Section::Top && has(&written, *s) && !has(&on_disk, *s))
        .collect();
    let disk = Scenario::parse(disk_text, origin).map_err(|e| {
        format!(
            "the file on disk is not a valid scenario now: {}",
            e.first()
        )
    })?;
    let mut keys: Vec<Item> = Field::ALL.into_iter().map(Item::Field).collect();
    for c in [session, &base, &disk]
        .into_iter()
        .flat_map(|s| &s.correlations)
    {
        if !keys.iter().any(|k| k.is(c)) {
            keys.push(Item::of(c));
        }
    }
    let changed = |a: &Scenario, b: &Scenario| -> Vec<Item> {
        keys.iter()
            .copied()
            .filter(|k| value_of(a, *k) != value_of(b, *k))
            .collect()
    };
    let theirs = changed(&base, &disk);
    let ours = changed(&base, session);
    // A key of a table the file removed is asked about even where its value is the default
    // the file now reads: this session's value alone would bring the table back unasked.
    let both = ours
        .iter()
        .copied()
        .filter(|k| {
            (theirs.contains(k) && value_of(session, *k) != value_of(&disk, *k))
                || table_of(*k).is_some_and(|t| removed.contains(&t))
        })
        .collect();
    let mut theirs_else: Vec<&'static str> = [
        ("name", base.name != disk.name),
        ("currency", base.currency != disk.currency),
        (METHOD_KEY, base.method != disk.method),
        (
            norms::IGNORE_KEY,
            sorted(&base.norms_ignored) != sorted(&disk.norms_ignored),
        ),
    ]
    .into_iter()
    .filter_map(|(key, changed)| changed.then_some(key))
    .collect();
    if theirs.is_empty() && theirs_else.is_empty() && base_text != disk_text {
        theirs_else.push("comments or layout");
    }
    Ok(Sides {
        theirs,
        ours,
        both,
        theirs_else,
        removed,
    })
}

/// The table `item` is a key of, where it is an input's (a correlation is in none).
fn table_of(item: Item) -> Option<Section> {
    match item {
        Item::Field(field) => Some(field.section()),
        Item::Correlation(..) => None,
    }
}

/// `fields` in field order, once each: a list whose order says nothing (`[norms] ignore`).
fn sorted(fields: &[Field]) -> Vec<Field> {
    Field::ALL
        .into_iter()
        .filter(|f| fields.contains(f))
        .collect()
}

/// The file as it is on disk with each of `ours` (a key and the text this session has for
/// it: a field's value as typed, a correlation's ρ, or `none` for a pair it dropped) written
/// in, checked to be a valid scenario. A correlation keeps the key the file on disk writes it
/// under.
pub fn merge(disk: &str, ours: &[(Item, String)], origin: &str) -> Result<String, String> {
    let fields: Vec<(Field, String)> = ours
        .iter()
        .filter_map(|(k, text)| match k {
            Item::Field(field) => Some((*field, text.clone())),
            Item::Correlation(..) => None,
        })
        .collect();
    let mut merged = apply_edits(disk, &fields).map_err(|e| e.to_string())?;
    let on_disk = Scenario::parse(disk, origin).map(|s| s.correlations);
    for (k, text) in ours {
        let Item::Correlation(a, b) = *k else {
            continue;
        };
        let written = on_disk.as_ref().ok().and_then(|c| item::find(c, a, b));
        if text == item::NO_RHO {
            if let Some(c) = written {
                merged = remove_correlation(&merged, &c.key).map_err(|e| e.to_string())?;
            }
            continue;
        }
        let rho = parse_number(text).map_err(|e| format!("{}: {e}", k.key()))?;
        let key = written.map_or_else(|| Correlation::new(a, b, rho).key, |c| c.key.clone());
        merged = apply_correlation(&merged, &key, rho).map_err(|e| e.to_string())?;
    }
    Scenario::parse(&merged, origin).map_err(|e| e.first())?;
    Ok(merged)
}

/// The value the file on disk `disk` has for `item`, as the merge's question shows it and
/// the session log names it once replaced: a field's as the file writes it, or, written as a
/// table (`[market.size]` with its keys under it, or dotted keys), in the key's own form as the
/// inputs list shows it (a table read "(left out: the default)", in the question and in the
/// log); a correlation's ρ (`none` for a pair it leaves out, as the inputs list shows it).
/// `None` for a field the file leaves out, which takes its default.
pub fn files_value(disk: &str, item: Item) -> Option<String> {
    match item {
        Item::Field(field) => field_texts(disk).get(&field).cloned().or_else(|| {
            let scenario = Scenario::parse(disk, "on disk").ok()?;
            Some(scenario.value(field)?.to_text(field.unit()))
        }),
        Item::Correlation(a, b) => Some(
            Scenario::parse(disk, "on disk")
                .ok()
                .and_then(|s| item::find(&s.correlations, a, b).map(|c| item::rho_text(c.rho)))
                .unwrap_or_else(|| item::NO_RHO.to_string()),
        ),
    }
}

impl Sides {
    /// The table the file removed that `item` is a key of ([`Sides::removed`]).
    pub fn removed_table_of(&self, item: Item) -> Option<Section> {
        table_of(item).filter(|s| self.removed.contains(s))
    }

    /// The questions a merge asks, as ranges of [`Sides::both`]: one per key, but one for all
    /// the keys of a table the file removed ([`Sides::settled_at`]).
    pub fn questions(&self) -> Vec<std::ops::Range<usize>> {
        let mut questions = Vec::new();
        let mut at = 0;
        while at < self.both.len() {
            let next = at + self.settled_at(at);
            questions.push(at..next);
            at = next;
        }
        questions
    }

    /// How many of the keys both sides changed, from the one at `at`, one answer settles: the
    /// keys of a table the file removed (next to each other, in field order), else the one.
    pub fn settled_at(&self, at: usize) -> usize {
        let rest = &self.both[at.min(self.both.len())..];
        match rest.first().and_then(|item| self.removed_table_of(*item)) {
            Some(table) => rest
                .iter()
                .take_while(|item| table_of(**item) == Some(table))
                .count(),
            None => 1,
        }
    }

    /// What the file on disk changed, in words: its inputs and correlations (a table it
    /// removed said as such, not key by key), then what else (`target.revenue, name`;
    /// `[capacity] removed`; `comments or layout`; `none`).
    pub fn theirs_said(&self) -> String {
        let keys = self
            .theirs
            .iter()
            .filter(|k| self.removed_table_of(**k).is_none())
            .map(|k| k.key());
        let tables = self
            .removed
            .iter()
            .map(|t| format!("[{}] removed", t.name()));
        joined(
            keys.chain(tables)
                .chain(self.theirs_else.iter().map(|s| s.to_string())),
        )
    }
}

/// Dotted keys joined for a message: `target.revenue, horizon_days`; `none` when empty.
pub fn keys(items: &[Item]) -> String {
    joined(items.iter().map(|k| k.key()))
}

/// Names joined with `, `; `none` when there are none.
fn joined(names: impl Iterator<Item = String>) -> String {
    let names: Vec<String> = names.collect();
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "\
schema = 1
horizon_days = 90   # a quarter

[target]
revenue = \"3M\"

[market]
size = \"35M to 70M\"
";

    #[test]
    fn each_side_is_seen_and_a_key_changed_on_both_is_listed() {
        let disk = BASE.replace("90", "180").replace("\"3M\"", "\"2M\"");
        let mut session = Scenario::parse(BASE, "plan.toml").unwrap();
        session.target_revenue = 2.5e6;
        session.inputs[Field::MarketSize] = skypie::distribution::Dist::fixed(5e7).unwrap();
        let sides = sides(BASE, &disk, &session, "plan.toml").unwrap();
        let f = Item::Field;
        assert_eq!(
            sides.theirs,
            [f(Field::TargetRevenue), f(Field::HorizonDays)]
        );
        assert_eq!(sides.ours, [f(Field::TargetRevenue), f(Field::MarketSize)]);
        assert_eq!(sides.both, [f(Field::TargetRevenue)]);
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_conflict() {
        let disk = BASE.replace("\"3M\"", "3000000");
        let mut session = Scenario::parse(BASE, "plan.toml").unwrap();
        session.target_revenue = 3e6;
        let sides = sides(BASE, &disk, &session, "plan.toml").unwrap();
        assert!(
            sides.theirs.is_empty() && sides.both.is_empty(),
            "{sides:?}"
        );
    }

    #[test]
    fn a_name_currency_or_comment_changed_on_disk_is_said_not_none() {
        // The question said "Changed there: none" and `y` wrote over a colleague's rename.
        let session = Scenario::parse(BASE, "plan.toml").unwrap();
        let renamed = format!("name = \"Q3\"\ncurrency = \"EUR\"\n{BASE}");
        let sides = sides(BASE, &renamed, &session, "plan.toml").unwrap();
        assert!(sides.theirs.is_empty());
        assert_eq!(sides.theirs_else, ["name", "currency"]);
        assert_eq!(sides.theirs_said(), "name, currency");
        let noted = BASE.replace("# a quarter", "# a quarter, says Sam");
        let sides = sides_of(&noted, &session);
        assert_eq!(sides.theirs_said(), "comments or layout");
        // A key changed too: the key is what is said.
        let both = noted.replace("90", "180");
        assert_eq!(sides_of(&both, &session).theirs_said(), "horizon_days");
        assert_eq!(sides_of(BASE, &session).theirs_said(), "none");
        // The method and the norms ignored; a reordered list of them is no change of keys.
        let ignored = |list: &str| format!("{BASE}\n[norms]\nignore = [{list}]\n");
        let base = ignored("\"capacity.ramp_days\", \"capacity.attainment\"");
        let swapped = ignored("\"capacity.attainment\", \"capacity.ramp_days\"");
        let sobol = format!("{base}\n[run]\nmethod = \"sobol\"\n");
        let said = |disk: &str| {
            super::sides(&base, disk, &session, "plan.toml")
                .unwrap()
                .theirs_said()
        };
        assert_eq!(said(&swapped), "comments or layout");
        assert_eq!(said(&ignored("\"capacity.attainment\"")), "norms.ignore");
        assert_eq!(said(&sobol), "run.method");
    }

    fn sides_of(disk: &str, session: &Scenario) -> Sides {
        sides(BASE, disk, session, "plan.toml").unwrap()
    }

    #[test]
    fn a_merge_keeps_the_other_sides_keys_and_comments() {
        let disk = BASE.replace("90   # a quarter", "180   # two quarters");
        let ours = [(Item::Field(Field::TargetRevenue), "200k".into())];
        let merged = merge(&disk, &ours, "p").unwrap();
        assert_eq!(merged, disk.replace("\"3M\"", "\"200k\""));
    }

    #[test]
    fn one_answer_settles_a_team_the_file_removed() {
        let team = format!("{BASE}\n[capacity]\nreps = 6\nquota_per_rep = \"1.2M\"\n");
        let mut session = Scenario::parse(&team, "plan.toml").unwrap();
        session.target_revenue = 2e6;
        if let Some(capacity) = session.capacity.as_mut() {
            capacity.reps = 8;
        }
        session.inputs[Field::CapacityQuotaPerRep] =
            skypie::distribution::Dist::fixed(1.5e6).unwrap();
        let disk_both = team.replace("\"3M\"", "\"2.5M\"");
        let removed = sides(
            &team,
            &disk_both[..disk_both.find("[capacity]").unwrap()],
            &session,
            "p",
        )
        .unwrap();
        let f = Item::Field;
        let asked = [
            f(Field::TargetRevenue),
            f(Field::CapacityReps),
            f(Field::CapacityQuotaPerRep),
        ];
        assert_eq!(removed.both, asked);
        assert_eq!(removed.removed, [Section::Capacity]);
        assert_eq!([removed.settled_at(0), removed.settled_at(1)], [1, 2]);
        // A team the file still has: each key is its own answer.
        let kept = sides(
            &team,
            &disk_both
                .replace("reps = 6", "reps = 7")
                .replace("1.2M", "1.3M"),
            &session,
            "p",
        )
        .unwrap();
        assert_eq!(kept.both, asked);
        assert!(kept.removed.is_empty());
        assert_eq!(kept.settled_at(1), 1);
    }

    #[test]
    fn a_key_of_a_table_the_file_removed_is_asked_about_even_at_the_files_default() {
        // Samples set to 50,000 here, [run] removed there (samples read as the default
        // 100,000, as before, so the file "changed" only the seed): the merge wrote [run] back
        // whole, the seed with it, unasked. So with a share ceiling set to the default 100%.
        let base = format!("{BASE}\n[run]\nsamples = 100000\nseed = 7\n");
        let mut session = Scenario::parse(&base, "plan.toml").unwrap();
        session.samples = 50_000;
        let sides = sides(&base, BASE, &session, "p").unwrap();
        assert_eq!(sides.theirs, [Item::Field(Field::RunSeed)]);
        assert_eq!(sides.both, [Item::Field(Field::RunSamples)]);
        assert_eq!(sides.questions(), vec![0..1]);
        assert_eq!(sides.theirs_said(), "[run] removed");
        let share = format!("{BASE}\n[share]\ncurrent = 0.02\nceiling = 0.6\n");
        let mut session = Scenario::parse(&share, "plan.toml").unwrap();
        session.inputs[Field::ShareCeiling] = skypie::distribution::Dist::fixed(1.0).unwrap();
        let sides = super::sides(&share, BASE, &session, "p").unwrap();
        assert_eq!(sides.both, [Item::Field(Field::ShareCeiling)]);
        // One question for the table's keys, another for a key elsewhere.
        session.target_revenue = 1e6;
        let elsewhere = BASE.replace("\"3M\"", "\"2M\"");
        let sides = super::sides(&share, &elsewhere, &session, "p").unwrap();
        assert_eq!(sides.questions().len(), 2, "{:?}", sides.both);
    }

    #[test]
    fn a_broken_file_on_disk_cannot_be_merged() {
        let session = Scenario::parse(BASE, "plan.toml").unwrap();
        let error = sides(BASE, "schema = 1\nhorizon_days = ", &session, "plan.toml");
        assert!(error.unwrap_err().contains("not a valid scenario now"));
    }
}
