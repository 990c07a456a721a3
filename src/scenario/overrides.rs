//! `--set KEY=VALUE`: the keys it takes (every field's, `name`, `currency`, `run.method` and a
//! correlation's pair), checked once before any file is read, and how an assignment changes a
//! scenario (a field's value is read as a typed one is, [`Scenario::read_typed`]). The
//! method's key and names ([`METHOD_KEY`], [`read_method`]) are the file's `[run] method` too.

use super::typed::unseen_mark;
use super::{Correlation, Diagnostic, Field, Method, Scenario, correlation, error};

impl Scenario {
    /// Applies a `--set key=value` override. `name`, `currency` and `run.method` are accepted
    /// besides the numeric fields, and a correlation is set by its pair
    /// (`market.size ~ market.growth=0.3`, or `correlation."…"=0.3`). Whether the
    /// correlations can then all hold at once is for [`Scenario::check_correlations`] to say,
    /// once every override is applied: several pairs changed together may pass through sets
    /// that cannot hold on the way to one that can.
    pub fn apply_override(&mut self, assignment: &str) -> Result<(), Diagnostic> {
        let (key, text) = override_key(assignment)?;
        match key {
            OverrideKey::Name => self.name = text.trim_matches('"').to_string(),
            // As the board report writes it after a currency written right to left, a mark
            // copied with it would be kept in the plan's currency.
            OverrideKey::Currency => {
                self.currency = text.trim_matches('"').replace(unseen_mark, "");
            }
            OverrideKey::Method => self.method = read_method(text)?,
            OverrideKey::Pair(a, b) => {
                let rho = correlation::read_rho(&Correlation::new(a, b, 0.0).dotted_key(), text)?;
                correlation::set_pair(&mut self.correlations, a, b, rho)?;
            }
            OverrideKey::Field(field) => self.set_text(field, text)?,
        }
        Ok(())
    }
}

/// The key of the sampling method, `[run] method`, as messages and `--set` name it.
pub const METHOD_KEY: &str = "run.method";

/// What a `--set KEY=VALUE` sets.
enum OverrideKey {
    Name,
    Currency,
    Method,
    /// A correlation, by its pair.
    Pair(Field, Field),
    Field(Field),
}

/// The key of a `--set` assignment and its value's text, or why no scenario takes it (no `=`,
/// a key no scenario has): whatever the file, so a command line can refuse it once, before
/// any file is read ([`check_override_key`]).
fn override_key(assignment: &str) -> Result<(OverrideKey, &str), Diagnostic> {
    let Some((key, text)) = assignment.split_once('=') else {
        return Err(Diagnostic::new(
            None,
            format!("`{assignment}`"),
            "key=value, as in target.revenue=2M",
        ));
    };
    let (key, text) = (key.trim(), text.trim());
    let read = match key {
        "name" => OverrideKey::Name,
        "currency" => OverrideKey::Currency,
        METHOD_KEY => OverrideKey::Method,
        pair if correlation::is_pair_key(pair) => {
            let (a, b) = correlation::read_pair_key(pair)?;
            OverrideKey::Pair(a, b)
        }
        _ => {
            let Some(field) = Field::from_key(key) else {
                let mut keys: Vec<String> = Field::ALL.iter().map(|f| f.key()).collect();
                keys.extend([METHOD_KEY, "name", "currency"].map(String::from));
                let keys = keys.iter().map(String::as_str);
                let mut d = Diagnostic::new(
                    None,
                    format!("the key `{key}`"),
                    "a scenario key such as target.revenue or market.size",
                );
                // A key as the file writes it under its table (`seed`, `revenue`) is the
                // dotted key ending in it, however far the two are spelt apart.
                let near =
                    error::ending_in(key, keys.clone()).or_else(|| error::did_you_mean(key, keys));
                if let Some(near) = near {
                    d = d.hint(format!("did you mean `{near}`?"));
                }
                return Err(d);
            };
            OverrideKey::Field(field)
        }
    };
    Ok((read, text))
}

/// Whether any scenario takes a `--set` assignment's key (its value is checked against each
/// file): a typo in it is one usage error, not the same error for every file of a batch.
pub fn check_override_key(assignment: &str) -> Result<(), Diagnostic> {
    override_key(assignment).map(|_| ())
}

/// The key a `--set` assignment sets, one spelling per key (a correlation's pair in the
/// order [`Field::ALL`] has its inputs, whichever the assignment wrote): two assignments that
/// give the same one set the same key, and the later would win unsaid. `None` when no
/// scenario takes it ([`check_override_key`] says why).
pub fn override_key_set(assignment: &str) -> Option<String> {
    Some(match override_key(assignment).ok()?.0 {
        OverrideKey::Name => "name".to_string(),
        OverrideKey::Currency => "currency".to_string(),
        OverrideKey::Method => METHOD_KEY.to_string(),
        OverrideKey::Pair(a, b) => {
            let (first, second) = if a <= b { (a, b) } else { (b, a) };
            format!("{} ~ {}", first.key(), second.key())
        }
        OverrideKey::Field(field) => field.key(),
    })
}

/// Whether `--set key=value` changes a correlation (its key names a pair: `a ~ b`).
pub fn sets_correlation(assignment: &str) -> bool {
    assignment
        .split_once('=')
        .is_some_and(|(key, _)| correlation::is_pair_key(key))
}

/// `mc` or `sobol` (quoted or not), or what was expected instead, with the nearest
/// (`"Sobol"` was refused without one).
pub fn read_method(text: &str) -> Result<Method, Diagnostic> {
    let name = text.trim_matches('"');
    Method::from_name(name).ok_or_else(|| {
        let names = Method::ALL.map(Method::name);
        let d = Diagnostic::new(
            Some(METHOD_KEY),
            format!("`{}`", error::shown(text)),
            format!("one of {}", names.join(", ")),
        );
        match error::did_you_mean(name, names) {
            Some(nearest) => d.hint(format!("did you mean \"{nearest}\"?")),
            None => d,
        }
    })
}

#[cfg(test)]
mod tests {
    use crate::scenario::{BUILT_IN, Scenario};

    #[test]
    fn overrides_name_unknown_keys() {
        let mut s = Scenario::parse(BUILT_IN, "built-in").unwrap();
        let error = s.apply_override("market.sise=3").unwrap_err();
        assert_eq!(error.hint.as_deref(), Some("did you mean `market.size`?"));
        assert!(s.apply_override("nonsense").is_err());
        // A key as the file writes it under its table: `samples` was told `run.samples`, and
        // `seed`, `revenue` and `method` nothing (a tester).
        for (written, dotted) in [
            ("seed=3", "run.seed"),
            ("revenue=2M", "target.revenue"),
            ("Attainment=0.9", "capacity.attainment"),
            ("method=sobol", "run.method"),
            ("samples=3", "run.samples"),
            ("curency=EUR", "currency"),
        ] {
            let error = s.apply_override(written).unwrap_err();
            let hint = format!("did you mean `{dotted}`?");
            assert_eq!(error.hint.as_deref(), Some(hint.as_str()), "{written}");
        }
    }
}
