//! Problems in scenario files, located and explained: the file, line and column, the key,
//! what was found, what was expected, a hint where one helps, and — as cargo shows its TOML
//! errors — the offending line with a caret under the span.

use std::fmt;
use std::ops::Range;

use crate::text::{printable, push_shown};

/// One problem in a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where it is: a line and column (1-based) when it comes from a file's text.
    pub location: Option<(u32, u32)>,
    /// The dotted key at fault (`market.size`), when there is one.
    pub key: Option<String>,
    /// What the file says there.
    pub found: String,
    /// What would be right.
    pub expected: String,
    /// A suggestion (`did you mean `size`?`).
    pub hint: Option<String>,
    /// Where in the source text it is, when it comes from one.
    pub source: Option<Box<Source>>,
}

/// A problem's place in the source text: the byte span, and the line it is on to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub span: Range<usize>,
    /// The line the span starts on, with a caret under the span.
    pub excerpt: Option<Excerpt>,
}

/// One line of the source with a caret under a span, as an error shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// 1-based line number.
    pub line: usize,
    /// The line as shown: control characters escaped, long lines cut around the span.
    pub text: String,
    /// Characters of `text` before the caret, and the caret's width (at least 1).
    pub caret: (usize, usize),
}

/// Lines longer than this are shown cut to a window around the span.
const EXCERPT_WIDTH: usize = 100;

impl Excerpt {
    /// The line of `text` holding byte `span.start`, with the span marked; `None` when the span
    /// lies outside the text.
    pub fn of(text: &str, span: &Range<usize>) -> Option<Excerpt> {
        let start = span.start;
        if start > text.len() || !text.is_char_boundary(start) {
            return None;
        }
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        // A CRLF line's end is its `\r`: a span at its `\n` is shown there.
        let line_end = line_end - usize::from(text[..line_end].ends_with('\r'));
        let start = start.min(line_end);
        let end = span.end.clamp(start, line_end);
        let end = (end..=line_end).find(|i| text.is_char_boundary(*i))?;
        let line = text[..start].bytes().filter(|&b| b == b'\n').count() + 1;
        let before: Vec<char> = text[line_start..start].chars().collect();
        let marked: Vec<char> = text[start..end].chars().collect();
        let after: Vec<char> = text[end..line_end].chars().collect();
        // A window of the line around the span, so a 2 MB line shows as a short one.
        let keep_before = before.len().min(EXCERPT_WIDTH / 2);
        let keep_marked = marked.len().min(EXCERPT_WIDTH / 2);
        let keep_after = after
            .len()
            .min(EXCERPT_WIDTH.saturating_sub(keep_before + keep_marked));
        let mut shown = String::new();
        if keep_before < before.len() {
            shown.push('…');
        }
        push_escaped(&mut shown, &before[before.len() - keep_before..]);
        let caret_at = shown.chars().count();
        push_escaped(&mut shown, &marked[..keep_marked]);
        let width = (shown.chars().count() - caret_at).max(1);
        push_escaped(&mut shown, &after[..keep_after]);
        if keep_after < after.len() || keep_marked < marked.len() {
            shown.push('…');
        }
        Some(Excerpt {
            line,
            text: shown,
            caret: (caret_at, width),
        })
    }
}

/// Appends `chars` with hidden characters escaped as a TOML string writes them (`\n`,
/// `\u001b`).
fn push_escaped(out: &mut String, chars: &[char]) {
    for &c in chars {
        push_shown(out, c);
    }
}

impl fmt::Display for Excerpt {
    /// ` 9 | size = "lots"` and, under it, `   |        ^^^^^^`: both lines start with a space.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let number = self.line.to_string();
        let gutter = " ".repeat(number.len());
        let (at, width) = self.caret;
        write!(
            f,
            " {number} | {}\n {gutter} | {}{}",
            self.text,
            " ".repeat(at),
            "^".repeat(width)
        )
    }
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
            source: None,
        }
    }

    /// The same problem with a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same problem located at byte `span` of `text` (no change if there is no span):
    /// its line and column, the span, and the line to show with a caret under it.
    pub fn at(mut self, text: &str, span: Option<Range<usize>>) -> Self {
        if let Some(span) = span {
            self.location = Some(line_column(text, span.start));
            let excerpt = Excerpt::of(text, &span);
            self.source = Some(Box::new(Source { span, excerpt }));
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
pub fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    // A byte count, not `matches`: one pass the compiler vectorises, so a file with thousands
    // of problems is not scanned at a crawl thousands of times.
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    // A CRLF line's `\r` is its end, no column of its own (only the line's end precedes it).
    let column = before[line_start..].trim_end_matches('\r').chars().count() + 1;
    // A scenario file is at most 16 MiB, so both fit (and saturate if they ever did not).
    let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    (small(line), small(column))
}

/// The most characters of text from the file (a value, a key) a message shows; past it the
/// text is cut with `…`, and a hint that would write it out again is left out: a value pasted
/// from elsewhere may run to thousands of characters, and the message must still read.
pub(super) const LONGEST_VALUE_SHOWN: usize = 40;

/// Text from the file as a message shows it: control characters escaped (a quoted key may
/// hold a newline) and anything past [`LONGEST_VALUE_SHOWN`] characters cut with `…`.
pub fn shown(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == LONGEST_VALUE_SHOWN {
            out.push('…');
            break;
        }
        push_shown(&mut out, c);
    }
    out
}

/// Every problem found in one scenario, with the name of where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError {
    /// The file's path as the user gave it (`-` for standard input), or `--set`.
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

    /// The first problem on one line, naming the file (`plan.toml:3:8: found …`), without
    /// the source line under it: for a status line or a dialog.
    pub fn first(&self) -> String {
        self.diagnostics
            .first()
            .map_or_else(|| self.origin.clone(), |d| self.named(d))
    }

    /// `d` after the file's name and its place in the file: `plan.toml:3:8: found …`.
    fn named(&self, d: &Diagnostic) -> String {
        match d.location {
            Some((line, column)) => format!("{}:{line}:{column}: {d}", printable(&self.origin)),
            None => format!("{}: {d}", printable(&self.origin)),
        }
    }

    /// The first problem on one line for a place that names the file itself: `line 3,
    /// column 8: found …`.
    pub fn first_unnamed(&self) -> String {
        self.diagnostics
            .first()
            .map_or_else(String::new, |d| match d.location {
                Some((line, column)) => format!("line {line}, column {column}: {d}"),
                None => d.to_string(),
            })
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One mistake a line (and its source lines). With `{:#}`, for a terminal where the
        // caller writes `error: ` before the first, each further mistake starts the same way,
        // so that none reads as part of the one before.
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
                if f.alternate() {
                    write!(f, "error: ")?;
                }
            }
            write!(f, "{}", self.named(d))?;
            if let Some(excerpt) = d.source.as_ref().and_then(|s| s.excerpt.as_ref()) {
                write!(f, "\n{excerpt}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioError {}

/// The known word closest to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // Compared in lower case: `TARGET.REVENUE` (keys are case-sensitive) is nearest
    // `target.revenue`, which it scored too far from to name.
    let word = word.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(&word, &k.to_lowercase()), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// The one dotted key of `known` whose last part is `word` (`seed` → `run.seed`), in any case.
pub fn ending_in<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut ending = known.into_iter().filter(|k| {
        k.rsplit_once('.')
            .is_some_and(|(_, last)| last.eq_ignore_ascii_case(word))
    });
    let one = ending.next()?;
    ending.next().is_none().then_some(one)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_in_the_wrong_case_is_named_in_the_right_one() {
        let keys = ["target.revenue", "market.size", "capacity.reps"];
        assert_eq!(did_you_mean("TARGET.REVENUE", keys), Some("target.revenue"));
        assert_eq!(did_you_mean("Market.Size", keys), Some("market.size"));
        assert_eq!(did_you_mean("capacity", keys), Some("capacity.reps"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }

    #[test]
    fn further_mistakes_start_with_error_only_in_the_terminals_form() {
        let error = ScenarioError {
            origin: "plan.toml".to_string(),
            diagnostics: vec![
                Diagnostic::new(Some("horizon_days"), "0", "a whole number from 1 to 3,650"),
                Diagnostic::new(Some("confidence"), "2", "a probability"),
            ],
        };
        let plain = error.to_string();
        assert!(!plain.contains("error: "), "{plain}");
        assert_eq!(plain.lines().count(), 2, "{plain}");
        let terminal = format!("{error:#}");
        let second = terminal.lines().nth(1).unwrap_or_default();
        assert!(
            second.starts_with("error: plan.toml: confidence"),
            "{terminal}"
        );
    }

    #[test]
    fn the_first_problem_is_one_line_named_or_placed_in_words() {
        // A dialog that names the file says where in it in words; a status line names it.
        let text = "schema = 1\n[target\n";
        let error = ScenarioError {
            origin: "a:1:2 plan.toml".to_string(),
            diagnostics: vec![
                Diagnostic::new(Some("target"), "the end of the line", "`]`")
                    .at(text, Some(18..19)),
                Diagnostic::new(Some("confidence"), "2", "a probability"),
            ],
        };
        let said = "target: found the end of the line, expected `]`";
        assert_eq!(error.first(), format!("a:1:2 plan.toml:2:8: {said}"));
        assert_eq!(error.first_unnamed(), format!("line 2, column 8: {said}"));
        let unplaced = ScenarioError::single("plan.toml", error.diagnostics[1].clone());
        let said = "confidence: found 2, expected a probability";
        assert_eq!(unplaced.first(), format!("plan.toml: {said}"));
        assert_eq!(unplaced.first_unnamed(), said);
    }

    #[test]
    fn locations_count_lines_and_characters_from_one() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        assert_eq!(line_column(text, text.find('=').unwrap()), (1, 3));
        assert_eq!(line_column(text, text.rfind('=').unwrap()), (2, 4));
    }

    /// A CRLF line whose string is left open, and where TOML stops: at its `\n`.
    const CRLF: &str = "a = \"x\r\nb = 1\r\n";
    const AT_THE_NEWLINE: usize = 7;

    #[test]
    fn a_crlf_lines_carriage_return_takes_no_column() {
        assert_eq!(CRLF.find('\n'), Some(AT_THE_NEWLINE));
        assert_eq!(line_column(CRLF, AT_THE_NEWLINE), (1, 7));
    }

    #[test]
    fn a_crlf_lines_carriage_return_is_not_shown() {
        let excerpt = Excerpt::of(CRLF, &(AT_THE_NEWLINE..AT_THE_NEWLINE));
        assert_eq!(
            excerpt.map(|e| e.to_string()),
            Some(" 1 | a = \"x\n   |       ^".to_string())
        );
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
            "plan.toml:2:1: market.size: found \"x\", expected a number\n 2 | market = 1\n   | ^"
        );
    }

    #[test]
    fn the_offending_line_is_shown_with_a_caret_under_the_span() {
        let text = "[market]\nsize = \"lots\"   # oops\n";
        let at = text.find("\"lots\"").unwrap();
        let excerpt = Excerpt::of(text, &(at..at + 6)).unwrap();
        assert_eq!(
            excerpt.to_string(),
            " 2 | size = \"lots\"   # oops\n   |        ^^^^^^"
        );
    }

    #[test]
    fn a_huge_line_is_cut_around_the_span_and_control_characters_escaped() {
        let text = format!("{}\u{1b}key{}", "x".repeat(5000), "y".repeat(5000));
        let at = 5000;
        let excerpt = Excerpt::of(&text, &(at..at + 4)).unwrap();
        assert!(excerpt.text.chars().count() < 120, "{}", excerpt.text);
        assert!(excerpt.text.contains("\\u001bkey"), "{}", excerpt.text);
        assert!(!excerpt.text.contains('\u{1b}'));
        let (at, width) = excerpt.caret;
        let marked: String = excerpt.text.chars().skip(at).take(width).collect();
        assert_eq!(marked, "\\u001bkey");
    }
}
