//! A TOML syntax error as people read it: the key and what it takes where the commonest slips
//! make one (a value like 3M or normal written without quotes, digits grouped with commas, a
//! comma left out of an inline table, a key written twice), from the text around the error;
//! and whether text that is no TOML is still a scenario, one with such a slip in it
//! ([`slipped_scenario`], for [`Scenario::looks_like`](super::Scenario::looks_like)).

use std::ops::Range;

use toml_edit::{Document, Item, TableLike};

use super::error::{Diagnostic, LONGEST_VALUE_SHOWN, did_you_mean, line_column, shown};
use super::field::{Field, Kind, Section};
use super::number::{parse_number, parse_range};
use super::parse::{SCHEMA_HINT, text_key_takes};
use super::value::{PARAMETER, expected, is_bare_word, read_text};
use crate::distribution::Family;

/// Turns a TOML syntax error into a diagnostic, saying what the key takes where the commonest
/// slip makes it: a value like 3M or normal written without quotes. Each slip below is tried in
/// turn, the first that fits the text around the error telling it.
pub(super) fn syntax_error(text: &str, error: &toml_edit::TomlError) -> Diagnostic {
    if let Some(d) = lone_carriage_return(text) {
        return d;
    }
    if let Some(d) = space_that_is_no_space(text, error) {
        return d;
    }
    if let Some(d) = key_written_apart(text, error) {
        return d;
    }
    if let Some(d) = key_and_value_apart(text, error) {
        return d;
    }
    let stop = Stop::of(text, error);
    stop.string_left_open()
        .or_else(|| stop.nothing_after_equals())
        .or_else(|| stop.table_left_open())
        .or_else(|| number_with_commas(text, stop.line_start, stop.before, stop.found_text))
        .or_else(|| stop.key_with_no_value())
        .or_else(|| stop.comma_left_out())
        .unwrap_or_else(|| stop.at_a_value())
}

/// A carriage return not followed by a newline (an old Mac's line end, a file converted twice
/// to CRLF, one in a string), which TOML refuses: said as such at the first, with how to mend
/// the file, where TOML's words ("carriage return must be followed by newline", at a key with
/// the rest of the file as what it found) named neither. TOML stops there before any other
/// slip.
fn lone_carriage_return(text: &str) -> Option<Diagnostic> {
    let at = text
        .match_indices('\r')
        .map(|(at, _)| at)
        .find(|at| !text[at + 1..].starts_with('\n'))?;
    // Every line ended so (an old Mac's file) is converted; a stray one (`\r\r\n`, a file
    // converted twice, or one in a string) is removed, where converting would add lines.
    let hint = if text.contains('\n') {
        "remove it: tr -d '\\r' < old.toml > new.toml removes every carriage return"
    } else {
        "its lines end so, as old Mac files end them: save it with LF line ends (tr '\\r' '\\n' \
         < old.toml > new.toml converts it)"
    };
    let d = Diagnostic::new(
        None,
        "a carriage return alone, not followed by a newline",
        "lines that end in a newline (LF, or CRLF as Windows writes them)",
    )
    .hint(hint);
    Some(d.at(text, Some(at..at)))
}

/// A space TOML does not take as one (a non-breaking space pasted from a word processor, a
/// chat or a web page; a zero-width one), on the line TOML stopped at, where it is what
/// stopped TOML (the line reads with ordinary spaces in its place): said as such, at the
/// first. Invisible, it was blamed on what stood beside it: `revenue = 3000000` with one
/// after it was told to put the number in quotes, and `revenue = "3M" # note` with one
/// before the `#` read "found `# note`, expected … `#`".
fn space_that_is_no_space(text: &str, error: &toml_edit::TomlError) -> Option<Diagnostic> {
    let at = error.span().map_or(0, |span| span.start).min(text.len());
    let (start, _) = line_up_to(text, at);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[start..end];
    // The one TOML stopped at, else the last before it, else the first after it: one in a
    // string before it is the string's (`name = "Q1⍽plan"⍽` was said at the first).
    let odd: Vec<(usize, char)> = (line.char_indices())
        .filter(|(_, c)| odd_space(*c).is_some())
        .collect();
    let at_line = at - start;
    let (offset, odd) = (odd.iter().rev().find(|(i, _)| *i <= at_line))
        .or_else(|| odd.first())
        .copied()?;
    let spaced: String = line
        .chars()
        .map(|c| if odd_space(c).is_some() { ' ' } else { c })
        .collect();
    let mended = format!("{}{spaced}{}", &text[..start], &text[end..]);
    // What stopped TOML: with plain spaces the line reads (any error left is on a later line).
    let past_the_line = |e: toml_edit::TomlError| e.span().is_some_and(|s| s.start > end);
    if !Document::parse(mended.as_str()).map_or_else(past_the_line, |_| true) {
        return None;
    }
    let d = Diagnostic::new(
        None,
        format!("{} (U+{:04X})", odd_space(odd)?, u32::from(odd)),
        "an ordinary space or tab",
    )
    .hint(
        "it looks like a space but is not one: type an ordinary space in its place, or delete it",
    );
    Some(d.at(text, Some(start + offset..start + offset + odd.len_utf8())))
}

/// A key of its table written with spaces or a `:` (`gain per year = …`, `gain_per_year: =
/// …`, `gain_per_year: "1%"`), which TOML stops inside: named as the key it reads as, with the
/// line as it should be, where TOML's words started mid-key and named none.
fn key_written_apart(text: &str, error: &toml_edit::TomlError) -> Option<Diagnostic> {
    let at = error.span().map_or(0, |span| span.start).min(text.len());
    let (start, _) = line_up_to(text, at);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[start..end].trim_end_matches('\r');
    // The key is the line's text before its `=`, or before a `:` written in its place.
    let (key_end, value) = match line.find('=') {
        Some(i) => (i, &line[i + 1..]),
        None => line.find(':').map(|i| (i + 1, &line[i + 1..]))?,
    };
    let value = without_comment(value).trim();
    let written = line[..key_end].trim();
    let words = written.trim_end_matches(':').trim_end();
    let spaced = words.contains(char::is_whitespace);
    let colon = written.ends_with(':');
    // TOML stopped inside the key or where its value starts, and the key is plain words.
    let value_at = (line[key_end..].find(|c: char| !c.is_whitespace() && c != '='))
        .map_or(line.len(), |i| key_end + i);
    let plain = words
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c.is_whitespace());
    if at - start > value_at || !(spaced || colon) || words.is_empty() || !plain {
        return None;
    }
    let joined = words.split_whitespace().collect::<Vec<_>>().join("_");
    let (key, exact, dotted) = key_of_line(text, start, &joined)?;
    let with = match (spaced, colon) {
        (true, false) => "spaces",
        (false, true) => "a `:`",
        _ => "spaces and a `:`",
    };
    let mended = if value.is_empty() || value.chars().count() > LONGEST_VALUE_SHOWN {
        format!("write it as {key} = …")
    } else {
        format!("write {key} = {value}")
    };
    let hint = if exact {
        mended
    } else {
        format!("did you mean `{key}`? {mended}")
    };
    let d = Diagnostic::new(
        Some(&dotted),
        format!("`{}`, a key written with {with}", shown(written)),
        format!("`{key}` and then `=`"),
    )
    .hint(hint);
    let indent = line.len() - line.trim_start().len();
    Some(d.at(text, Some(start + indent..start + indent + written.len())))
}

/// A key and its value with no `=` between (`gain_per_year "3%"`, `horizon_days 90`, `gain per
/// year 3%`), which TOML stops at: named as the key, with the line as it should be, where TOML's
/// words ("key with no value, expected `=`") named none.
fn key_and_value_apart(text: &str, error: &toml_edit::TomlError) -> Option<Diagnostic> {
    let at = error.span().map_or(0, |span| span.start).min(text.len());
    let (start, _) = line_up_to(text, at);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = text[start..end].trim_end_matches('\r');
    let indent = line.len() - line.trim_start().len();
    let written = without_comment(line).trim();
    if written.contains('=') {
        return None;
    }
    let words: Vec<&str> = written.split_whitespace().collect();
    let key_word = |word: &str| {
        word.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && word
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    let joined = |count: usize| words[..count].join("_");
    // The key is its words up to the value (`"3%"`, `3%`); a value of letters (`method mc`)
    // follows the longest run of words that is a key.
    let key_words = words.iter().take_while(|w| key_word(w)).count();
    let count = match key_words < words.len() {
        true => key_words,
        false => (1..key_words)
            .rev()
            .find(|&count| key_of_line(text, start, &joined(count)).is_some_and(|k| k.1))?,
    };
    let value_at = words[..count].iter().fold(indent, |at, word| {
        at + line[at..].find(word).unwrap_or(0) + word.len()
    });
    let value = without_comment(&line[value_at..]).trim();
    let value_at = value_at + line[value_at..].len() - line[value_at..].trim_start().len();
    // TOML stopped past the key's first letter, and not past where the value starts.
    let stopped = at - start;
    if count == 0 || value.is_empty() || stopped <= indent || stopped > value_at {
        return None;
    }
    let (key, exact, dotted) = key_of_line(text, start, &joined(count))?;
    // A value TOML cannot read alone (`3%`, `mc`) is written in quotes.
    let value = match Document::parse(format!("v = {value}").as_str()) {
        Err(_) if !value.contains('"') => format!("\"{value}\""),
        _ => value.to_string(),
    };
    let mended = match value.chars().count() > LONGEST_VALUE_SHOWN {
        true => format!("`{key} = …`"),
        false => format!("`{key} = {value}`"),
    };
    let d = Diagnostic::new(
        Some(&dotted),
        format!(
            "`{}`, a key and a value with no `=` between",
            shown(written)
        ),
        mended,
    );
    let d = match exact {
        true => d,
        false => d.hint(format!("did you mean `{key}`?")),
    };
    Some(d.at(text, Some(start + indent..start + indent + written.len())))
}

/// The key of its table that `joined` (a key's words joined by `_`) names on the line starting
/// at byte `line_start`, or is nearest; whether it names it exactly; and its dotted key.
fn key_of_line(
    text: &str,
    line_start: usize,
    joined: &str,
) -> Option<(&'static str, bool, String)> {
    let section = table_of_line(text, line_start)?;
    let keys: Vec<&'static str> = (section.text_keys().iter().copied())
        .chain(
            Field::ALL
                .iter()
                .filter(|f| f.section() == section)
                .map(|f| f.name()),
        )
        .collect();
    let (key, exact) = match keys.iter().find(|k| **k == joined) {
        Some(key) => (*key, true),
        None => (did_you_mean(joined, keys)?, false),
    };
    let dotted = match section {
        Section::Top => key.to_string(),
        s => format!("{}.{key}", s.name()),
    };
    Some((key, exact, dotted))
}

/// The table whose keys a line starting at byte `line_start` sets: the top level before any
/// header; `None` under a header that is no skypie table (`[market.size]`, `[correlation]`).
fn table_of_line(text: &str, line_start: usize) -> Option<Section> {
    let header = lines_before(text, line_start)
        .filter(|(_, line)| !line.trim_start().starts_with("[["))
        .filter_map(|(_, line)| table_header(line))
        .last();
    match header {
        None => Some(Section::Top),
        Some(name) => Section::ALL
            .into_iter()
            .find(|s| *s != Section::Top && s.name() == name),
    }
}

/// `value`, the rest of a line after its `=`, without its comment (a `#` outside quotes).
fn without_comment(value: &str) -> &str {
    let mut quote = None;
    for (i, c) in value.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => return &value[..i],
            _ => {}
        }
    }
    value
}

/// What a character that looks like a space (or like nothing) but is no space to TOML is
/// called; `None` for a space, a tab, a line end and any other character.
fn odd_space(c: char) -> Option<&'static str> {
    match c {
        ' ' | '\t' | '\n' | '\r' => None,
        '\u{a0}' => Some("a non-breaking space"),
        '\u{202f}' => Some("a narrow non-breaking space"),
        '\u{200b}' => Some("a zero-width space"),
        '\u{200c}' => Some("a zero-width non-joiner"),
        '\u{200d}' => Some("a zero-width joiner"),
        '\u{2060}' => Some("a word joiner"),
        '\u{feff}' => Some("a byte order mark"),
        c if c.is_whitespace() => Some("a space from another script"),
        _ => None,
    }
}

/// Where TOML stopped reading, as the slips are recognised from it.
struct Stop<'t> {
    text: &'t str,
    error: &'t toml_edit::TomlError,
    /// What the error points at: TOML's span, or the whole plain value it stopped inside (at
    /// `.0` of `1.0.0`, `,000,000` of `3,000,000`), as its line writes it (then `whole`).
    span: Range<usize>,
    whole: bool,
    /// The text there, trimmed (for an empty span, the rest of its line).
    found_text: &'t str,
    /// Where the span's line starts, and that line up to the span.
    line_start: usize,
    before: &'t str,
    /// Nothing written where a value belongs: the line's end, a comment, a `}` or a `,`.
    nothing: bool,
}

impl<'t> Stop<'t> {
    fn of(text: &'t str, error: &'t toml_edit::TomlError) -> Stop<'t> {
        let span = error.span().unwrap_or(0..0);
        let (span, whole) = match whole_value(text, span.start) {
            Some(value) => (value, true),
            None => (span, false),
        };
        let line_end = text
            .get(span.start..)
            .and_then(|rest| rest.find('\n'))
            .map_or(text.len(), |i| span.start + i);
        let found_text = if span.is_empty() {
            text.get(span.start..line_end).unwrap_or("")
        } else {
            text.get(span.clone()).unwrap_or("")
        };
        let found_text = found_text.trim();
        let (line_start, before) = line_up_to(text, span.start);
        Stop {
            text,
            error,
            span,
            whole,
            found_text,
            line_start,
            before,
            nothing: found_text.is_empty() || found_text.starts_with(['#', '}', ',']),
        }
    }

    /// Only where a value belongs: after an `=` on its line (`horizon_days 90` lacks the `=`).
    fn after_equals(&self) -> bool {
        self.before.contains('=')
    }

    /// Inside an inline table its line opens and has not closed.
    fn in_table(&self) -> bool {
        opens_more_than_it_closes(self.before)
    }

    /// A text in quotes not closed on its line (`revenue = "2M   # note`): TOML stops at the
    /// line's end, so the message showed only the tail of the comment the quotes took in; said
    /// at the opening quote, with the value as it should be.
    fn string_left_open(&self) -> Option<Diagnostic> {
        let message = self.error.message();
        let unclosed = message.starts_with("invalid basic string")
            || message.starts_with("invalid literal string");
        if !unclosed || !self.found_text.is_empty() {
            return None;
        }
        let quote = open_quote(self.before)?;
        let opened = &self.before[quote..];
        // A `# …` in it was most likely meant to start a comment (`"Deal #4` is a name).
        let opened = opened.split(" # ").next().unwrap_or(opened).trim_end();
        let (mark, inner) = opened.split_at(1);
        let key = self
            .after_equals()
            .then(|| key_of_value(self.text, self.line_start, self.before))
            .flatten();
        let d = Diagnostic::new(
            key.as_deref(),
            format!("`{}` with no closing `{mark}`", shown(opened)),
            format!("`{mark}` after the text, on the same line"),
        );
        let d = match inner.trim() {
            "" => d,
            inner => d.hint(quote_hint(inner, written_key(&self.before[..quote]))),
        };
        let at = self.line_start + quote;
        Some(d.at(self.text, Some(at..at + opened.len())))
    }

    /// `horizon_days =` and nothing after but a comment: toml's "expected literal string"
    /// sends people to quotes, where the value is what is missing. Inside an inline table left
    /// open at a line's end (`{ dist = "normal", high =`), toml reads on into the next lines
    /// and stumbles further down: the `=` that ends a line is the mistake (no valid line ends
    /// in one, outside a multi-line string).
    fn nothing_after_equals(&self) -> Option<Diagnostic> {
        let text = self.text;
        let here = if self.nothing {
            dangling_equals(text, self.line_start, self.before)
        } else {
            None
        };
        let (at, key) = here.or_else(|| {
            lines_before(text, self.line_start)
                .filter_map(|(start, line)| dangling_equals(text, start, line))
                .last()
        })?;
        let (start, up_to) = line_up_to(text, at);
        let dotted = key_of_value(text, start, up_to);
        let d = Diagnostic::new(
            dotted.as_deref(),
            format!("nothing after `{} =`", shown(key)),
            format!(
                "{}, on the same line",
                what_it_takes(dotted.as_deref().or(Some(key)))
            ),
        );
        Some(d.at(text, Some(at..at)))
    }

    /// An inline table not closed on its line (`current = { min = 0.01, max = 0.05`): toml
    /// reads on into the next lines and says "missing comma" there.
    fn table_left_open(&self) -> Option<Diagnostic> {
        let (start, line) = lines_before(self.text, self.line_start)
            .filter(|(_, line)| opens_more_than_it_closes(line))
            .last()?;
        let at = start + line.trim_end().len();
        let d = Diagnostic::new(
            None,
            "an inline table whose `{` is not closed on its line",
            "`}` at the end of that line (an inline table stays on one line)",
        );
        Some(d.at(self.text, Some(at..at)))
    }

    /// A key with neither `=` nor value (`{ mean = "3M", sd }`): toml reads on for a value and
    /// stumbles on the `}`, wanting quotes; or, with a key after it (`{ sd mean = 3 }`), on
    /// that key, wanting an `=`.
    fn key_with_no_value(&self) -> Option<Diagnostic> {
        if !self.nothing && !self.in_table() {
            return None;
        }
        let (at, written, dotted) = key_without_value(self.text, self.line_start, self.before)?;
        let name = plain_key(written).unwrap_or(written);
        let d = Diagnostic::new(
            dotted.as_deref(),
            format!("`{}` with no value", shown(written)),
            format!(
                "`{} = ` followed by {}",
                shown(name),
                what_it_takes(dotted.as_deref().or(Some(name)))
            ),
        );
        Some(d.at(self.text, Some(at..at + written.len())))
    }

    /// A key of an inline table that follows the one before without a comma.
    fn comma_left_out(&self) -> Option<Diagnostic> {
        let (at, written, dotted) =
            comma_left_out(self.text, self.line_start, self.before, self.found_text)?;
        let d = Diagnostic::new(
            dotted.as_deref(),
            format!("`{}` with no comma before it", shown(written)),
            "`,` between the keys of an inline table",
        );
        Some(d.at(self.text, Some(at..at + written.len())))
    }

    /// The error at a value (or a key written twice): its key, and what it takes where a slip
    /// in the value is known, in TOML's own words otherwise.
    fn at_a_value(&self) -> Diagnostic {
        // A key written twice in one inline table (`{ size = "1M", growth = 0.1, size = "2M" }`)
        // is the key TOML stopped at, not the one whose value comes before it (`market.growth`),
        // as the table writes it, its dots too (`size.mu`: TOML stops at `mu`).
        let repeated_inline = self.error.message().starts_with("duplicate key") && self.in_table();
        let open = Open::of(self.before);
        let repeated = format!("{}{}", open.segment.trim_start(), self.found_text);
        let key = if repeated_inline {
            dotted_key(self.text, self.line_start, &open.keys, &repeated)
        } else if self.after_equals() {
            key_of_value(self.text, self.line_start, self.before)
        } else {
            None
        };
        let key = key.as_deref();
        let unquoted = self
            .after_equals()
            .then(|| unquoted(self.found_text, key, self.before))
            .flatten();
        unquoted
            .or_else(|| self.unreadable_input(key))
            .or_else(|| self.unreadable_parameter(key))
            .map(|d| d.at(self.text, Some(self.span.clone())))
            .unwrap_or_else(|| self.in_toml_words(key, repeated_inline.then_some(&repeated)))
    }

    /// An input's value TOML cannot read (`1.0.0`, `$3M`, `1e400`, a seed past 2^64) is read
    /// as the same text in quotes would be: refused in its words, or taken, so that only the
    /// quotes are missing.
    fn unreadable_input(&self, key: Option<&str>) -> Option<Diagnostic> {
        let field = key.and_then(field_named).filter(|_| self.whole)?;
        let found = self.found_text;
        Some(match read_text(field, found) {
            Err(refused) => bare(refused, found),
            Ok(_) => Diagnostic::new(
                key,
                format!("`{}` without quotes", shown(found)),
                expected(field),
            )
            .hint(quote_hint(found, written_key(self.before))),
        })
    }

    /// So is a parameter of an input's table (`mean = 1e400` under `[market.size]`): told why
    /// (too large, a currency sign), as `mean = "1e400"` is.
    fn unreadable_parameter(&self, key: Option<&str>) -> Option<Diagnostic> {
        if !self.whole || !key.is_some_and(is_parameter) {
            return None;
        }
        let found = self.found_text;
        Some(match parse_number(found) {
            Err(why) => {
                let why = why.told_as(in_quotes_where_needed);
                Diagnostic::new(key, format!("`{}` ({why})", shown(found)), PARAMETER)
            }
            Ok(_) => Diagnostic::new(key, format!("`{}` without quotes", shown(found)), PARAMETER)
                .hint(quote_hint(found, written_key(self.before))),
        })
    }

    /// The error as TOML tells it, with what a key skypie knows takes (TOML's words, `invalid
    /// float, expected nothing`, are for a key it does not know) and a hint where one helps:
    /// `repeated` is the key written twice in one inline table, if that is the error.
    fn in_toml_words(&self, key: Option<&str>, repeated: Option<&String>) -> Diagnostic {
        let found = if self.found_text.is_empty() {
            "the end of the line".to_string()
        } else {
            format!("`{}`", shown(self.found_text))
        };
        let expected = match what_it_takes(key) {
            known if self.whole && known != GENERAL_VALUE => known,
            _ => format!("valid TOML ({})", self.error.message()),
        };
        let d = Diagnostic::new(key, found, expected).at(self.text, Some(self.span.clone()));
        let name = key.map(|k| k.rsplit('.').next().unwrap_or(k));
        let message = self.error.message();
        // A number TOML cannot hold (a seed past 2^64) is read exactly in quotes.
        if !self.found_text.is_empty()
            && parse_number(self.found_text).is_ok()
            && self.after_equals()
        {
            d.hint(quote_hint(self.found_text, written_key(self.before)))
        } else if name == Some("schema") {
            d.hint(SCHEMA_HINT)
        } else if let Some(repeated) = repeated {
            d.hint(format!(
                "`{}` is already set earlier in the same {{ … }}: keep one of the two",
                shown(repeated)
            ))
        } else if message.starts_with("duplicate key")
            && let Some(first) = first_definition(self.text, self.line_start)
        {
            d.hint(first)
        } else {
            d
        }
    }
}

/// Where the key or table that a line repeats (TOML's "duplicate key" at `line_start`) was
/// first set: "`target.revenue` is already set on line 4 …", from the lines before it, which
/// are valid TOML up to the error. `None` where that cannot be told (a repeat inside an inline
/// table, an array of tables).
fn first_definition(text: &str, line_start: usize) -> Option<String> {
    let before = text.get(..line_start)?;
    let line = text.get(line_start..)?.lines().next()?.trim();
    let document = Document::parse(before).ok()?;
    // The path the line sets, read as TOML on its own: a header's table, or a key under the
    // table the last header before it opens.
    let header = line.starts_with('[');
    let mut path = if header {
        Vec::new()
    } else {
        table_in_force(document.as_table())?
    };
    path.extend(defined_path(line)?);
    let (key, parents) = path.split_last()?;
    let mut table: &dyn TableLike = document.as_table();
    for parent in parents {
        table = table.get(parent.get())?.as_table_like()?;
    }
    let (first, item) = table.get_key_value(key.get())?;
    let (line_number, _) = line_column(before, first.span()?.start);
    let dotted: Vec<String> = path.iter().map(|k| k.display_repr().to_string()).collect();
    let dotted = dotted.join(".");
    let opened = |t: &toml_edit::Table| !t.is_implicit() && !t.is_dotted();
    Some(if header && item.as_table().is_some_and(opened) {
        format!("[{dotted}] is already opened on line {line_number}: put its keys under one")
    } else {
        format!("`{dotted}` is already set on line {line_number}: keep one of the two")
    })
}

/// The path of the table the last header in `top` opens (the top level before any header), as
/// parsed: lines that start with `[` are no guide (a `"""` in a comment read as a multi-line
/// string hid every header after it). `None` when it is an array of tables.
fn table_in_force(top: &toml_edit::Table) -> Option<Vec<toml_edit::Key>> {
    /// The header that starts last: where, its path, and whether it is an array's.
    type Last = Option<(usize, Vec<toml_edit::Key>, bool)>;
    fn seen(last: &mut Last, at: Option<Range<usize>>, path: &[toml_edit::Key], array: bool) {
        if let Some(at) = at
            && last
                .as_ref()
                .is_none_or(|(latest, _, _)| at.start > *latest)
        {
            *last = Some((at.start, path.to_vec(), array));
        }
    }
    fn visit(
        table: &toml_edit::Table,
        path: &mut Vec<toml_edit::Key>,
        array: bool,
        last: &mut Last,
    ) {
        for (name, item) in table.iter() {
            let Some((key, _)) = table.get_key_value(name) else {
                continue;
            };
            path.push(key.clone());
            match item {
                Item::Table(t) => {
                    if !t.is_implicit() && !t.is_dotted() {
                        seen(last, t.span(), path, array);
                    }
                    visit(t, path, array, last);
                }
                Item::ArrayOfTables(tables) => {
                    for t in tables.iter() {
                        seen(last, t.span(), path, true);
                        visit(t, path, true, last);
                    }
                }
                _ => {}
            }
            path.pop();
        }
    }
    let mut last = None;
    visit(top, &mut Vec::new(), false, &mut last);
    match last {
        None => Some(Vec::new()),
        Some((_, _, true)) => None,
        Some((_, path, false)) => Some(path),
    }
}

/// The keys a line of TOML read on its own defines, outermost first: `[market.size]` →
/// market, size; `b.c = 3` → b, c. `None` for an array of tables or what does not parse alone.
fn defined_path(line: &str) -> Option<Vec<toml_edit::Key>> {
    if line.starts_with("[[") {
        return None;
    }
    let document = Document::parse(line).ok()?;
    let mut path = Vec::new();
    let mut table: &dyn TableLike = document.as_table();
    loop {
        let mut keys = table.iter();
        let (name, item) = keys.next()?;
        if keys.next().is_some() {
            return None;
        }
        path.push(table.get_key_value(name)?.0.clone());
        match item.as_table_like() {
            Some(inner) if !item.is_inline_table() && !inner.is_empty() => table = inner,
            _ => return Some(path),
        }
    }
}

/// `refused`, the reader's refusal of `value` written bare in the file, showing it as the file
/// writes it (`` `1.0.0` ``), not in the quotes the reader puts around a typed value.
fn bare(mut refused: Diagnostic, value: &str) -> Diagnostic {
    if let Some(rest) = refused.found.strip_prefix(&format!("\"{value}\"")) {
        refused.found = format!("`{}`{rest}", shown(value));
    }
    let why = match parse_range(value) {
        Some(range) => range.err(),
        None => parse_number(value).err(),
    };
    if let Some(why) = why {
        let told = why.clone().told_as(in_quotes_where_needed).to_string();
        refused.found = refused.found.replacen(&why.to_string(), &told, 1);
    }
    refused
}

/// `number` as a value is written in the file: bare where TOML reads it as a number
/// (`1200000`), in quotes otherwise (`"3.5M"`), so that advice given to a bare value, typed
/// as told, is read.
fn in_quotes_where_needed(number: &str) -> String {
    match number.parse::<toml_edit::Value>() {
        Ok(toml_edit::Value::Integer(_) | toml_edit::Value::Float(_)) => number.to_string(),
        _ => format!("\"{number}\""),
    }
}

/// The whole plain value (`1.0.0`, `3,000,000`, `$3M`) that TOML stopped reading at or in,
/// at byte `at` of `text`: from after its line's `=` to the line's end or comment. `None`
/// where the value is not that plain (quoted, a table, an array) or there is none.
fn whole_value(text: &str, at: usize) -> Option<Range<usize>> {
    let (line_start, before) = line_up_to(text, at);
    let (_, head) = before.split_once('=')?;
    let head = head.trim_start();
    let start = line_start + before.len() - head.len();
    let rest = text.get(at..)?;
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let end = at + line.split('#').next().unwrap_or(line).trim_end().len();
    let value = text.get(start..end)?;
    let plain = !value.is_empty() && !value.contains(['"', '\'', '{', '}', '[', ']', '=', '#']);
    plain.then_some(start..end)
}

/// A value TOML cannot read for being text without quotes: a number with a suffix or a range
/// (`3M`, `35M to 70M`), or a word (`USD`; `normal`, which TOML takes for a misspelt `nan`).
/// Says what its key takes, and how to write it: in quotes where they are all it lacks, as a
/// table where the word names a distribution. `before` is its line up to it.
fn unquoted(found_text: &str, key: Option<&str>, before: &str) -> Option<Diagnostic> {
    // Plain digits are TOML's own numbers: those it refuses (too large) are no such slip.
    let number = found_text.parse::<f64>().is_err()
        && (parse_number(found_text).is_ok() || parse_range(found_text).is_some_and(|r| r.is_ok()));
    // Where a value starts: after its `=`, or an array's `[` or `,` (`name = "My" plan` is
    // not one).
    let before = before.trim_end();
    let in_array = before
        .rfind(['[', '{'])
        .is_some_and(|i| before[i..].starts_with('['));
    // A comma is a word's own only where nothing open on the line takes it as a separator
    // (`name = Series B, 2024`).
    let separates = in_array || opens_more_than_it_closes(before);
    let word = is_bare_word(found_text)
        && !found_text.contains(['"', '\'', '{', '}', '[', ']', '=', '#'])
        && !(separates && found_text.contains(','));
    let starts_value = before.ends_with(['=', '[']) || (in_array && before.ends_with(','));
    if !(number || word) || !starts_value {
        return None;
    }
    let field = key.and_then(field_named);
    // A number an input refuses in quotes too (`horizon_days = 90M`) is told why, not to
    // quote it.
    if let Some(refused) = field
        .filter(|_| number)
        .and_then(|f| read_text(f, found_text).err())
    {
        return Some(bare(refused, found_text));
    }
    let name = key.map(|k| k.rsplit('.').next().unwrap_or(k));
    // The key as the line writes it, where the value follows its `=` (not inside an array).
    let written = written_key(before);
    // A word in quotes is text, which only a text key (or one skypie does not know) takes: not
    // an input, `schema`, or a parameter in an input's table (`low`, `mean`).
    let parameter = key.is_some_and(is_parameter);
    let text_key = key.is_some() && field.is_none() && name != Some("schema") && !parameter;
    let family = field
        .filter(|f| f.kind() == Kind::Distribution)
        .and_then(|_| Family::from_name(found_text));
    let hint = if name == Some("dist") {
        // `dist = Normal`: the family as it is written, quoted (`"Normal"` would be refused).
        did_you_mean(found_text, Family::ALL.map(Family::name))
            .map(|family| quote_hint(family, written))
    } else if in_array && field.is_some() {
        // An input takes no array, quoted or not: the quotes would not mend it.
        None
    } else if number || text_key {
        Some(quote_hint(found_text, written))
    } else if let Some(family) = family {
        let params: Vec<String> = family.params().iter().map(|p| format!("{p} = …")).collect();
        let table = format!("{{ dist = \"{}\", {} }}", family.name(), params.join(", "));
        let table = match written {
            Some(name) => format!("{name} = {table}"),
            None => table,
        };
        Some(format!(
            "a distribution is a table naming its family in quotes: {table}"
        ))
    } else {
        None
    };
    let d = Diagnostic::new(
        key,
        format!("`{}` without quotes", shown(found_text)),
        what_it_takes(key),
    );
    Some(match hint {
        Some(hint) => d.hint(hint),
        None => d,
    })
}

/// The key as the line writes it (`size`, `market.size`, `low` in an inline table), where
/// `before`, the line up to a value, ends with its `=`; `None` inside an array.
fn written_key(before: &str) -> Option<&str> {
    let key = before.trim_end().strip_suffix('=')?;
    let key = key.rsplit(['{', ',']).next().unwrap_or(key).trim();
    // One key in quotes (`"size"`) is written without them, as skypie writes it.
    (!key.is_empty()).then(|| plain_key(key).unwrap_or(key))
}

/// `write it in quotes: size = "35M to 70M"`, the key as its line writes it when known.
fn quote_hint(value: &str, written_key: Option<&str>) -> String {
    if value.chars().count() > LONGEST_VALUE_SHOWN {
        return "write the value in quotes".to_string();
    }
    match written_key {
        Some(name) => format!("write it in quotes: {name} = \"{value}\""),
        None => format!("write it in quotes: \"{value}\""),
    }
}

/// What the key a syntax error is about takes, in words: an input's by its field, `dist` and
/// the text keys by what they name, any other (`low`, a correlation's) the general rule. `key`
/// is dotted (`market.size.dist`) or as its line writes it (`revenue`).
fn what_it_takes(key: Option<&str>) -> String {
    let Some(key) = key else {
        return GENERAL_VALUE.to_string();
    };
    if let Some(field) = field_named(key) {
        return expected(field);
    }
    if is_parameter(key) {
        return PARAMETER.to_string();
    }
    let name = key.rsplit('.').next().unwrap_or(key);
    if name == "dist" {
        let names = Family::ALL.map(Family::name);
        format!("a family in quotes, one of {}", names.join(", "))
    } else if Section::ALL.iter().any(|s| s.text_keys().contains(&name)) {
        text_key_takes(name)
    } else {
        GENERAL_VALUE.to_string()
    }
}

/// Whether a dotted key is a parameter in an uncertain input's table (`market.size.mean`,
/// `low`, `alpha`): not its `dist`, nor a key no family has.
fn is_parameter(key: &str) -> bool {
    key.rsplit_once('.').is_some_and(|(table, name)| {
        parameter_names().any(|p| p == name)
            && Field::from_key(table).is_some_and(|f| f.kind() == Kind::Distribution)
    })
}

/// The parameters an uncertain input's table may have: `low` and `high`, and every family's.
fn parameter_names() -> impl Iterator<Item = &'static str> {
    let families = Family::ALL.iter().flat_map(|f| f.params().iter().copied());
    ["low", "high"].into_iter().chain(families)
}

/// What a key skypie cannot place takes.
const GENERAL_VALUE: &str = "a value: a number, or a text in quotes";

/// The input a key names: by its dotted key, or by its name alone (`revenue`, as its line
/// under `[target]` writes it) where that is one input's.
fn field_named(key: &str) -> Option<Field> {
    Field::from_key(key).or_else(|| {
        let mut named = Field::ALL.into_iter().filter(|f| f.name() == key);
        match (named.next(), named.next()) {
            (Some(field), None) => Some(field),
            _ => None,
        }
    })
}
/// Where the line holding byte `at` of `text` starts, and its text up to `at`.
fn line_up_to(text: &str, at: usize) -> (usize, &str) {
    let start = text
        .get(..at)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |i| i + 1);
    (start, text.get(start..at).unwrap_or(""))
}

/// The dotted key of the value a syntax error stops at, `before` being its line up to there:
/// `run.seed` for `seed = 18446744073709551616` under `[run]`, `market.size.low` inside an
/// inline table, however deep. `None` where it is not that plain (a key in quotes with a dot).
fn key_of_value(text: &str, line_start: usize, before: &str) -> Option<String> {
    let open = Open::of(before);
    dotted_key(text, line_start, &open.keys, open.pending?)
}

/// Where a line (up to a syntax error) stands in its inline tables: the keys of the tables
/// still open (`market`, `size` in `market = { size = { low`), the key of the last `=` in the
/// innermost one, and the text after its last `{` or `,` (the whole line outside any), with
/// where that starts. Quoted text is skipped.
struct Open<'t> {
    keys: Vec<&'t str>,
    pending: Option<&'t str>,
    segment: &'t str,
    segment_at: usize,
}

impl<'t> Open<'t> {
    fn of(line: &'t str) -> Open<'t> {
        let mut open = Open {
            keys: Vec::new(),
            pending: None,
            segment: line,
            segment_at: 0,
        };
        let mut quote = None;
        let mut escaped = false;
        // Where each open table's own segment started, and how many arrays were open in it,
        // to go back to when it closes.
        let mut outer = Vec::new();
        let mut arrays = 0usize;
        for (i, c) in line.char_indices() {
            match (quote, c) {
                (Some('"'), '\\') if !escaped => {
                    escaped = true;
                    continue;
                }
                (Some(q), c) if c == q && !escaped => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '=') => open.pending = Some(line[open.segment_at..i].trim()),
                (None, '[') => arrays += 1,
                (None, ']') => arrays = arrays.saturating_sub(1),
                (None, '{') => {
                    // A table in an array is no key's own value: it has no plain key.
                    let key = open.pending.take().filter(|_| arrays == 0);
                    open.keys.push(key.unwrap_or(""));
                    outer.push((open.segment_at, arrays));
                    open.segment_at = i + 1;
                    arrays = 0;
                }
                (None, '}') => {
                    open.pending = open.keys.pop();
                    (open.segment_at, arrays) = outer.pop().unwrap_or((0, 0));
                }
                // A comma starts the table's next key, not one inside an array; the key of the
                // value before stays `pending` (`mean = 3,000.5` is still `mean`'s value).
                (None, ',') if !open.keys.is_empty() && arrays == 0 => open.segment_at = i + 1,
                (None, _) => {}
            }
            escaped = false;
        }
        open.segment = &line[open.segment_at..];
        open
    }
}

/// The dotted key of `key` (as the line starting at byte `line_start` writes it) inside the
/// inline tables `open` under the table the line is in: `market.size.sd`. `None` where a key is
/// not plain.
fn dotted_key(text: &str, line_start: usize, open: &[&str], key: &str) -> Option<String> {
    let table = lines_before(text, line_start)
        .filter_map(|(_, line)| {
            let line = line.trim();
            let name = line.strip_prefix('[').filter(|_| !line.starts_with("[["))?;
            name.split(']').next()
        })
        .last();
    // A dotted key (`market.size = …` at the top) is its parts, where none is quoted.
    fn parts(key: &str) -> Vec<&str> {
        if key.contains(['"', '\'']) {
            vec![key]
        } else {
            key.split('.').collect()
        }
    }
    let keys: Option<Vec<&str>> = table
        .into_iter()
        .chain(open.iter().copied())
        .chain([key])
        .flat_map(parts)
        .map(plain_key)
        .collect();
    keys.map(|keys| keys.join("."))
}

/// A key as a line writes it, bare or in quotes (`size`, `"size"`, `'size'`), without its
/// quotes and spaces; `None` for any other (empty, dotted, escaped).
fn plain_key(written: &str) -> Option<&str> {
    let written = written.trim();
    let key = ['"', '\'']
        .into_iter()
        .find_map(|q| written.strip_prefix(q)?.strip_suffix(q))
        .unwrap_or(written);
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    plain.then_some(key)
}

/// A key its line ends with but gives no `=` or value, `before` being the line (starting at
/// byte `line_start`) up to there: `sd` in `size = { mean = "3M", sd`, or a line of
/// `horizon_days` alone. Where it is written, as written, and its dotted key.
fn key_without_value<'t>(
    text: &str,
    line_start: usize,
    before: &'t str,
) -> Option<(usize, &'t str, Option<String>)> {
    let open = Open::of(before);
    let written = open.segment.trim();
    plain_key(written)?;
    let at = line_start + open.segment_at + (open.segment.len() - open.segment.trim_start().len());
    Some((
        at,
        written,
        dotted_key(text, line_start, &open.keys, written),
    ))
}

/// A number written with thousands commas, or a decimal comma, in an inline table (`mean =
/// 3,000,000`, `low = 1,5`), which TOML reads as `3` and a key `000`, `before` being the line
/// (starting at byte `line_start`) up to that key and `found_text` what follows: said so, with
/// its key and the caret under it.
fn number_with_commas(
    text: &str,
    line_start: usize,
    before: &str,
    found_text: &str,
) -> Option<Diagnostic> {
    let open = Open::of(before);
    let group = open.segment.trim();
    if open.keys.is_empty() || group.is_empty() || !group.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let head = before.get(..open.segment_at)?;
    let digits = head
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == ',')
        .len();
    let start = digits - usize::from(head[..digits].ends_with(['-', '+']));
    if !head[digits..].starts_with(|c: char| c.is_ascii_digit())
        || !head[..start].trim_end().ends_with('=')
    {
        return None;
    }
    // A comma keeps the key of the `=` before it pending: the number's own.
    let written = open.pending?;
    let more: String = found_text
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .collect();
    let number = format!("{}{group}{more}", &head[start..]);
    let number = number.trim_end_matches(',');
    // Thousands (groups of three after the first), or one decimal comma (`1,5`).
    let groups: Vec<&str> = number.split(',').skip(1).collect();
    let thousands = groups.iter().all(|g| g.len() == 3);
    if !thousands && groups.len() != 1 {
        return None;
    }
    let dotted = dotted_key(text, line_start, &open.keys, written);
    let commas = if groups.len() == 1 { "comma" } else { "commas" };
    let found = format!(
        "`{}`, whose {commas} TOML takes to end the value",
        shown(number)
    );
    let d = if thousands {
        let plain = number.replace(',', "");
        Diagnostic::new(
            dotted.as_deref(),
            found,
            format!("a number without commas, {plain}"),
        )
        .hint(quote_hint(number, Some(written)))
    } else {
        // `1,5`: a decimal comma, which skypie does not read in quotes either.
        let point = number.replacen(',', ".", 1);
        let expected = format!("a number with a decimal point, as {point}");
        Diagnostic::new(dotted.as_deref(), found, expected)
    };
    let at = line_start + start;
    Some(d.at(text, Some(at..at + number.len())))
}

/// A key of an inline table that follows the one before without a comma (`mean` in
/// `{ dist = "normal" mean = "3M" }`), `found_text` starting at it and `before` being its line
/// up to there (which holds the key itself where TOML stops at its `=`: `{ low = 30 high = 90
/// }`): where the key starts in `text`, the key as written, and dotted.
fn comma_left_out<'t>(
    text: &'t str,
    line_start: usize,
    before: &'t str,
    found_text: &'t str,
) -> Option<(usize, &'t str, Option<String>)> {
    let (written, at) = match found_text.split_once('=')?.0.trim() {
        "" => {
            let before = before.trim_end();
            let key = before.rsplit(char::is_whitespace).next()?;
            (key, line_start + before.len() - key.len())
        }
        key => (key, line_start + before.len()),
    };
    // The key's value before it is whole: `low = 30`, not `low =`.
    let open = Open::of(&text[line_start..at]);
    let complete = open.segment.contains('=') && !open.segment.trim_end().ends_with('=');
    if open.keys.is_empty() || !complete {
        return None;
    }
    plain_key(written)?;
    Some((
        at,
        written,
        dotted_key(text, line_start, &open.keys, written),
    ))
}

/// The key of an `=` that ends `line` (the text of a line that starts at byte `start` of
/// `text`, up to an error or its end) with no value after it but a comment, and where its value
/// is missing (just after the `=`). The key is the last of the line, an inline table's own
/// (`high` in `size = { low = "1%", high =`).
fn dangling_equals<'t>(text: &'t str, start: usize, line: &'t str) -> Option<(usize, &'t str)> {
    // A `#` in a quoted string is no comment, but such a line does not end in `=` anyway.
    let code = line.split('#').next().unwrap_or(line).trim_end();
    let key = code.strip_suffix('=')?;
    let key = key.rsplit(['{', ',']).next().unwrap_or(key).trim();
    let at = (start + code.len()).min(text.len());
    Some((at, key))
}

/// The lines of `text` before byte `end` (a line's start), each with where it starts and
/// without its line end, leaving out those inside a multi-line string (`"""`, `\'\'\'`).
fn lines_before(text: &str, end: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut in_string = false;
    let mut start = 0;
    text.get(..end)
        .unwrap_or("")
        .split_inclusive('\n')
        .filter_map(move |line| {
            let at = start;
            start += line.len();
            let toggles = line.matches("\"\"\"").count() + line.matches("\'\'\'").count();
            if toggles % 2 == 1 {
                in_string = !in_string;
                return None;
            }
            (!in_string).then(|| (at, line.trim_end_matches(['\n', '\r'])))
        })
}

/// Where the quote that opens a text still open at the end of `line` is, outside a comment.
fn open_quote(line: &str) -> Option<usize> {
    let mut open: Option<(usize, char)> = None;
    let mut chars = line.char_indices();
    while let Some((i, c)) = chars.next() {
        match (open, c) {
            (Some((_, '"')), '\\') => {
                chars.next();
            }
            (Some((_, q)), c) if c == q => open = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => open = Some((i, c)),
            (None, '#') => break,
            (None, _) => {}
        }
    }
    open.map(|(at, _)| at)
}

/// Whether `line` opens more inline tables than it closes, outside quoted strings and its
/// comment.
fn opens_more_than_it_closes(line: &str) -> bool {
    let mut quote = None;
    let mut depth = 0i32;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some('"'), '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => break,
            (None, '{') => depth += 1,
            (None, '}') => depth -= 1,
            (None, _) => {}
        }
    }
    depth > 0
}

/// Whether `text`, which is no TOML because of `error`, is a scenario with a slip in it (see
/// [`Scenario::looks_like`](super::Scenario::looks_like)): the line TOML fails at was meant as
/// one of a scenario's, or something is left open at the end, and a line of it is
/// `schema = …`, `[target]` or `[market]`.
pub(super) fn slipped_scenario(text: &str, error: &toml_edit::TomlError) -> bool {
    let mut start = error.span().map_or(0, |span| span.start.min(text.len()));
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let failed = text[line_start..].lines().next().unwrap_or("");
    // A list, an inline table or a multi-line string never closed: toml_edit stops at the
    // end of the text, past the line that opened it.
    let message = error.message();
    let left_open = message.starts_with("unclosed array,")
        || message.starts_with("unclosed inline table")
        || message.contains("multi-line");
    let marks = |line: &str| {
        let schema = (line.trim().strip_prefix("schema"))
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        schema || table_header(line).is_some_and(|name| ["target", "market"].contains(&name))
    };
    // `cat -A` ends every line with `$`: its copy of a scenario (`[market]$`) is a log's.
    let shown_by_cat = |line: &str| line.trim_end().ends_with('$');
    (left_open || meant_as_toml(failed))
        && text.lines().any(marks)
        && !text.lines().filter(|line| marks(line)).all(shown_by_cat)
}

/// The name in a line that opens a table (`[market]`, `[ market ]`, `[market` left open).
fn table_header(line: &str) -> Option<&str> {
    let rest = line.trim().strip_prefix('[')?;
    Some(rest.split_once(']').map_or(rest, |(name, _)| name).trim())
}

/// Whether a line that is no valid TOML was meant as a scenario's: one of its keys or a
/// distribution's parameter and `=` or `:` (`revenue = 6.5M`, `revenue: "6.5M"`, `mean =
/// 30M,`, `"market.size ~ market.growth" = 0.5.`), a near miss of one before `=` (`revnue =
/// 6.5M`), or one of its tables' headers (`[market`, `[targte]`), as against `---`, `===
/// Results ===`, `Note: …` or a line of a table, CSV or Markdown appended to a log that begins
/// with a scenario.
fn meant_as_toml(line: &str) -> bool {
    let names: Vec<&str> = (Section::ALL.iter().flat_map(|s| s.keys()))
        .chain(parameter_names())
        .chain(["dist", "ignore"])
        .filter(|name| !name.is_empty())
        .collect();
    let known = |key: &str, near: bool| {
        let key = key.trim().trim_matches(['"', '\'']);
        !key.is_empty()
            && (key.contains('~')
                || Field::from_key(key).is_some()
                || names.contains(&key)
                || (near
                    && !key.contains(char::is_whitespace)
                    && did_you_mean(key, names.iter().copied()).is_some()))
    };
    if let Some(name) = table_header(line) {
        return known(name, true);
    }
    let line = line.trim();
    line.split_once(['=', ':'])
        .is_some_and(|(key, _)| known(key, line[key.len()..].starts_with('=')))
}
