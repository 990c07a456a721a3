//! Problems in scenario files, located and explained: the file, line and column, the key,
//! what was found, what was expected, and a hint where one helps.

use std::fmt;
use std::ops::Range;

/// One problem in a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where it is: a line and column (1-based) when it comes from a file's text.
    pub location: Option<(usize, usize)>,
    /// The dotted key at fault (`market.size`), when there is one.
    pub key: Option<String>,
    /// What the file says there.
    pub found: String,
    /// What would be right.
    pub expected: String,
    /// A suggestion (`did you mean `size`?`).
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A problem with `key`: `found` where `expected` belongs.
    pub fn new(key: Option<&str>, found: impl Into<String>, expected: impl Into<String>) -> Self {
        Diagnostic {
            location: None,
            key: key.map(str::to_string),
            found: found.into(),
            expected: expected.into(),
            hint: None,
        }
    }

    /// The same problem with a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same problem located at byte `span` of `text` (no change if there is no span).
    pub fn at(mut self, text: &str, span: Option<Range<usize>>) -> Self {
        if let Some(span) = span {
            self.location = Some(line_column(text, span.start));
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(key) = &self.key {
            write!(f, "{key}: ")?;
        }
        write!(f, "found {}, expected {}", self.found, self.expected)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    // A byte count, not `matches`: one pass the compiler vectorises, so a file with thousands
    // of problems is not scanned at a crawl thousands of times.
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Text from the file as a message shows it: control characters escaped (a quoted key may
/// hold a newline) and anything past 40 characters cut with `…`.
pub fn shown(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == 40 {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Every problem found in one scenario, with the name of where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    /// The file's path as the user gave it, `<stdin>`, or `--set`.
    pub origin: String,
    /// At least one problem, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl ScenarioError {
    /// One problem in `origin`.
    pub fn single(origin: &str, diagnostic: Diagnostic) -> Self {
        ScenarioError {
            origin: origin.to_string(),
            diagnostics: vec![diagnostic],
        }
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            match d.location {
                Some((line, column)) => write!(f, "{}:{line}:{column}: {d}", self.origin)?,
                None => write!(f, "{}: {d}", self.origin)?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioError {}

/// The known word closest to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(word, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_lines_and_characters_from_one() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, text.find('=').unwrap()), (1, 3));
        assert_eq!(line_column(text, text.rfind('=').unwrap()), (2, 4));
    }

    #[test]
    fn typos_get_a_suggestion_and_nonsense_does_not() {
        let keys = ["size", "growth", "serviceable"];
        assert_eq!(did_you_mean("sise", keys), Some("size"));
        assert_eq!(did_you_mean("grwoth", keys), Some("growth"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }

    #[test]
    fn text_in_messages_is_short_and_on_one_line() {
        assert_eq!(shown("a\nb"), "a\\nb");
        assert_eq!(shown(&"x".repeat(100)), format!("{}…", "x".repeat(40)));
    }

    #[test]
    fn errors_name_the_origin_line_and_key() {
        let error = ScenarioError::single(
            "plan.toml",
            Diagnostic::new(Some("market.size"), "\"x\"", "a number")
                .at("a\nmarket = 1", Some(2..3)),
        );
        assert_eq!(
            error.to_string(),
            "plan.toml:2:1: market.size: found \"x\", expected a number"
        );
    }
}
