//! The rows of the inputs list ([`Item`]s, [`items`]: the library's): which a finder's query
//! finds, and what is worth saying about each (a benchmark it is far from, a correlation that
//! has no effect). Pure: scenario in, text out.

pub use skypie::scenario::item::{Item, NO_RHO, find, items, rho_text};
use skypie::scenario::{About, Field, Scenario, Warning};

/// The tables the inputs among `items` are in, as a file writes them: `[capacity]`,
/// `[share] and [capacity]`.
pub fn tables(items: &[Item]) -> String {
    let mut tables: Vec<String> = items
        .iter()
        .filter_map(|item| match item {
            Item::Field(field) => Some(format!("[{}]", field.section().name())),
            Item::Correlation(..) => None,
        })
        .collect();
    tables.dedup();
    tables.join(" and ")
}

/// Whether the finder's `query` (any case) finds `item`: part of an input's key (which holds
/// its label) finds the input and the correlations it is in; a query with `~` finds a
/// correlation whose two inputs match the parts before and after it, an empty part
/// matching any input (`gain_per_year ~ attainment`, `attainment ~`). `either_order` lets
/// the parts match its inputs the other way round too.
pub fn finds(item: Item, query: &str, either_order: bool) -> bool {
    let query = spaced(query);
    // An input's label is part of its key (`growth`, `market.growth`): the key says both.
    let named = |field: Field, part: &str| spaced(&Item::Field(field).key()).contains(part);
    match (item, query.split_once('~')) {
        (Item::Field(field), None) => named(field, &query),
        (Item::Field(_), Some(_)) => false,
        (Item::Correlation(a, b), None) => named(a, &query) || named(b, &query),
        (Item::Correlation(a, b), Some((before, after))) => {
            let (before, after) = (before.trim(), after.trim());
            (named(a, before) && named(b, after))
                || (either_order && named(b, before) && named(a, after))
        }
    }
}

/// A key or a query with its words apart, in lower case: `new reps` finds `new_reps`, and
/// `market size` finds `market.size` (a query spelt as people say it found nothing).
fn spaced(text: &str) -> String {
    let words = text.to_lowercase().replace(['.', '_'], " ");
    words.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether the finder's `query` (any case) begins a word of `item`'s key (`s` begins `size` in
/// `market.size`, and no word of `horizon_days`): among the inputs it matches, the finder
/// takes these first. A query with `~` names a correlation's inputs: always.
pub fn starts_a_word(item: Item, query: &str) -> bool {
    let query = spaced(query);
    if query.contains('~') {
        return true;
    }
    let at_word = |field: Field| {
        let key = spaced(&Item::Field(field).key());
        key.match_indices(&query)
            .any(|(at, _)| at == 0 || key[..at].ends_with(' '))
    };
    match item {
        Item::Field(field) => at_word(field),
        Item::Correlation(a, b) => at_word(a) || at_word(b),
    }
}

/// Why a correlation has no effect in `scenario`, if it has none: one of its inputs is not
/// sampled (a fixed value, or a team input without `[capacity]`).
pub fn no_effect(scenario: &Scenario, item: Item) -> Option<String> {
    let Item::Correlation(a, b) = item else {
        return None;
    };
    let fixed = scenario.unsampled(a, b)?;
    let why = if scenario.uses(fixed) {
        "a fixed value"
    } else {
        "the scenario has no [capacity] table"
    };
    Some(format!(
        "no effect: {} is not sampled ({why}); give it a range for the correlation to count",
        fixed.key()
    ))
}

/// Every warning about an input, in the order said: what `check` warns of it in `scenario`
/// (a value whose size says its unit slipped, many of its samples clamped into what it
/// takes, a benchmark it is far outside, a sample count past what is drawn), then what the
/// latest full run (`run`, its headline's warnings) warns of it that those do not (a few of
/// its samples clamped). The inputs list marks each input named here `!`, so that every
/// warning the headline counts of an input is marked where the input is.
pub fn warnings(scenario: &Scenario, run: &[Warning]) -> Vec<(Field, String)> {
    let mut said = scenario.input_warnings();
    for warning in run {
        if said.iter().any(|(_, w)| *w == warning.text) {
            continue;
        }
        if let Some(About::Field(field)) = warning.about {
            said.push((field, warning.text.clone()));
        }
    }
    said
}

/// The run's warnings about neither an input nor a correlation (an empty market window, a
/// figure overflowing, an undefined pace, the plan's currency): what no row of the inputs
/// list can mark, which the status line says instead.
pub fn about_no_input(run: &[Warning]) -> Vec<&str> {
    run.iter()
        .filter(|w| matches!(w.about, None | Some(About::Currency)))
        .map(|w| w.text.as_str())
        .collect()
}

/// Every warning the session says of a state and the figures shown for it ([`warnings`] by
/// input, [`about_no_input`]), worked out once a frame: the list's marks, the headline's count
/// and the status line read it.
pub struct Said {
    /// Each input's.
    pub by_input: Vec<(Field, String)>,
    /// About no input: the status line's.
    pub about_no_input: Vec<String>,
    /// How many the headline counts: the figures' warnings.
    pub count: usize,
}

impl Said {
    /// What is said of `scenario` with `run`, the warnings of the figures shown.
    pub fn of(scenario: &Scenario, run: &[Warning]) -> Said {
        Said {
            by_input: warnings(scenario, run),
            about_no_input: about_no_input(run)
                .into_iter()
                .map(str::to_string)
                .collect(),
            count: run.len(),
        }
    }

    /// Whether an input has a warning: the list marks it `!`.
    pub fn warns_of(&self, field: Field) -> bool {
        self.by_input.iter().any(|(f, _)| *f == field)
    }

    /// What the inputs list says about an item of `scenario` when it is selected: every
    /// warning about it, in one sentence after its key (`market.size: …; …`, the shortest
    /// first, so that a benchmark's long one with its sources does not push the others past
    /// the status line's rows at 80 columns), or why a correlation has no effect.
    pub fn caveat(&self, scenario: &Scenario, item: Item) -> Option<String> {
        let Item::Field(field) = item else {
            return no_effect(scenario, item);
        };
        let prefix = format!("{}: ", field.key());
        let mut said: Vec<String> = self
            .by_input
            .iter()
            .filter(|(f, _)| *f == field)
            .map(|(_, w)| w.strip_prefix(&prefix).unwrap_or(w).to_string())
            .collect();
        said.sort_by_key(|w| w.chars().count());
        (!said.is_empty()).then(|| format!("{prefix}{}", said.join("; ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_spelt_as_people_say_it_finds_the_key() {
        // `new reps` found nothing: the key is new_reps.
        let reps = Item::Field(Field::CapacityNewReps);
        assert!(finds(reps, "new reps", false));
        assert!(finds(reps, "New_Reps", false));
        assert!(starts_a_word(reps, "reps"));
        let size = Item::Field(Field::MarketSize);
        assert!(finds(size, "market size", false));
        // However many spaces apart (`new  reps` found nothing).
        assert!(finds(size, "market  size", false));
        assert!(finds(reps, " new   reps ", false));
        assert!(finds(
            Item::Field(Field::ShareGainPerYear),
            "gain per",
            false
        ));
        assert!(!starts_a_word(Item::Field(Field::HorizonDays), "s"));
    }

    #[test]
    fn nudged_correlations_read_as_hundredths() {
        let nudged = skypie::scenario::correlation::nudged(0.3, 1);
        assert_eq!(rho_text(nudged), "0.35");
    }

    #[test]
    fn a_correlation_with_a_fixed_input_says_it_has_no_effect() {
        let text = format!(
            "{}\n[correlation]\n\"market.size ~ market.serviceable\" = 0.5\n",
            skypie::scenario::BUILT_IN
        );
        let scenario = Scenario::parse(&text, "t").unwrap();
        let item = Item::of(&scenario.correlations[0]);
        let why = no_effect(&scenario, item).unwrap();
        assert!(
            why.contains("market.serviceable is not sampled (a fixed value)"),
            "{why}"
        );
        assert_eq!(no_effect(&scenario, Item::Field(Field::MarketSize)), None);
    }

    #[test]
    fn an_input_with_many_samples_clamped_is_marked_before_any_run() {
        // `check` warns of it, so the inputs list marks it, with no run's figures in yet.
        let text = skypie::scenario::BUILT_IN.replace("\"35M to 70M\"", "\"-10M to 90M\"");
        let scenario = Scenario::parse(&text, "t").unwrap();
        let said = Said::of(&scenario, &[]).caveat(&scenario, Item::Field(Field::MarketSize));
        assert!(
            said.as_deref()
                .is_some_and(|s| s.starts_with("market.size: about 9.4% of its samples")),
            "{said:?}"
        );
        assert_eq!(
            Said::of(&scenario, &[]).caveat(&scenario, Item::Field(Field::MarketGrowth)),
            None
        );
    }
}
