//! Text made safe for Markdown (CommonMark, with GitHub's tables and strikethrough): a
//! scenario's name, a file's path or a currency reads as it is written, never as emphasis, a
//! link, HTML or a table's next column. Every Markdown writer escapes its text here.
//!
//! CommonMark lets a backslash escape any ASCII punctuation. Escaped:
//! - always: `\` `` ` `` `*` `|` (escapes, code, emphasis, table columns);
//! - `~` unless a space is on both sides (strikethrough needs text beside it: `a ~ b` stays);
//! - `]` where a link or an image would go on from it: before `(`, `[` or `:` (`[0, 1]` stays,
//!   as a bare `[text]` links only to a `[text]: url` line, which this escaping never leaves);
//! - `_` unless between two letters or digits, where it never opens or closes emphasis
//!   (`plan_v2.toml` stays as written);
//! - `<` unless a space or the end follows, as raw HTML and autolinks need a character right
//!   after it (`< 0.1%` stays);
//! - `&` where it begins a character reference (`&lt;`, `&#60;`), which would show another
//!   character (`R&D` stays);
//! - at the start of a line only ([`escape_line`]): a heading's `#`, a block quote's `>` and a
//!   list's `-`, `+` or `1.`; the spaces before them are dropped (Markdown does not show them,
//!   and four would make a code block).
//!
//! Not escaped: `#`, `>`, `-`, `+` and digits inside a line, where they are plain text (in a
//! table cell too: a cell is inside its row's line); `>` closes only what an escaped `<`
//! opened. A line break becomes a space (a table row is one line); any other control character
//! or a bidirectional control is written as an escape (`\u001b`), as a terminal shows it.

use crate::text::{hidden, printable, push_shown};

/// `text` inside a line (a table cell, a heading, a list item), escaped.
pub fn escape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let escaped = match c {
            '\n' | '\r' => {
                out.push(' ');
                continue;
            }
            // An escape sequence or a turn of direction, shown as typed (`\u001b`), never
            // run by a terminal the file is printed on.
            c if hidden(c) => {
                push_shown(&mut out, c);
                continue;
            }
            '\\' | '`' | '*' | '|' => true,
            // Strikethrough opens before a non-space and closes after one: a correlation's
            // `a ~ b` stays as written.
            '~' => {
                before.is_some_and(|b| !b.is_whitespace())
                    || after.is_some_and(|a| !a.is_whitespace())
            }
            ']' => after.is_some_and(|a| matches!(a, '(' | '[' | ':')),
            '_' => {
                !(before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric))
            }
            '<' => after.is_some_and(|a| !a.is_whitespace()),
            '&' => begins_reference(&chars[i + 1..]),
            _ => false,
        };
        if escaped {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `text` starting a line of its own (a sentence that opens with a scenario's name), escaped
/// so that it stays a paragraph.
pub fn escape_line(text: &str) -> String {
    let mut out = escape(text.trim_start_matches([' ', '\t']));
    if let Some(at) = block_marker(&out) {
        out.insert(at, '\\');
    }
    out
}

/// `text` as an ATX heading's text (after `### `), escaped; a closing run of `#` that the
/// heading would drop (`Plan #2 #`) is kept as text.
pub fn heading(text: &str) -> String {
    let mut out = escape(text.trim());
    let run = out.len() - out.trim_end_matches('#').len();
    let before = out[..out.len() - run].chars().last();
    if run > 0 && before.is_none_or(|c| c == ' ' || c == '\t') {
        out.insert(out.len() - run, '\\');
    }
    out
}

/// `text` as inline code: fenced by one backtick more than its longest run of them, with a
/// space inside the fence where the text starts or ends with one (CommonMark's code spans;
/// a backslash does not escape inside them). A line break becomes a space.
pub fn code(text: &str) -> String {
    let text = printable(&text.replace(['\n', '\r'], " ")).into_owned();
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A Markdown pipe table from a header and rows, each cell escaped (the header is written as
/// it is).
pub fn pipe_table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = format!("| {} |\n", header.join(" | "));
    out += &format!("|{}\n", "---|".repeat(header.len()));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
        out += &format!("| {} |\n", cells.join(" | "));
    }
    out
}

/// Whether the text after an `&` makes it a character reference: a name or a `#` and a
/// number, then `;` (over-broad, which only adds a harmless backslash).
fn begins_reference(rest: &[char]) -> bool {
    let rest = rest.strip_prefix(&['#']).unwrap_or(rest);
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    name > 0 && rest.get(name) == Some(&';')
}

/// Where a backslash keeps a line's start from opening a heading, a block quote or a list:
/// before `#`, `>`, `-` or `+`, or before the `.` or `)` of `1.` / `1)`.
fn block_marker(line: &str) -> Option<usize> {
    let ends_marker = |rest: &str| rest.is_empty() || rest.starts_with([' ', '\t']);
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after_digits = &line[digits..];
    match line.chars().next()? {
        '>' => Some(0),
        '#' if ends_marker(line.trim_start_matches('#')) => Some(0),
        '-' | '+' if ends_marker(&line[1..]) => Some(0),
        _ if (1..=9).contains(&digits)
            && after_digits.starts_with(['.', ')'])
            && ends_marker(&after_digits[1..]) =>
        {
            Some(digits)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_shown_as_typed_never_run() {
        // The session's exports and log wrote them raw: `cat plan.summary.md` retitled the
        // terminal.
        assert_eq!(escape("X\u{1b}]0;PWNED\u{7}Y"), r"X\u001b]0;PWNED\u0007Y");
        assert_eq!(escape("a\u{202e}b"), r"a\u202eb");
        assert_eq!(code("--roles \u{1b}[2J"), r"`--roles \u001b[2J`");
    }

    #[test]
    fn emphasis_code_links_html_and_columns_read_as_written() {
        assert_eq!(
            escape("Plan *bold* <b>x</b> _u_"),
            r"Plan \*bold\* \<b>x\</b> \_u\_"
        );
        assert_eq!(escape("`code` ~~gone~~"), r"\`code\` \~\~gone\~\~");
        assert_eq!(escape("[link](x) ![image](y)"), r"[link\](x) ![image\](y)");
        assert_eq!(escape("[text][ref] [ref]: x"), r"[text\][ref] [ref\]: x");
        assert_eq!(escape(r"a|b\c"), r"a\|b\\c");
        assert_eq!(escape("<https://x.example>"), r"\<https://x.example>");
        assert_eq!(escape("&lt;b&gt; &#60;"), r"\&lt;b\&gt; \&#60;");
    }

    #[test]
    fn text_that_cannot_open_markup_is_left_as_it_is() {
        for plain in [
            "plan_v2.toml",
            "capacity.ramp_days: 21 days",
            "< 0.1%",
            "market.growth ~ share.gain_per_year",
            "> 99.9%",
            "R&D, M&A",
            "Plan #2",
            "clamped to [0, 1]",
            "-$120k",
            "1. plan",
            "Series B — first 90 days",
        ] {
            assert_eq!(escape(plain), plain);
        }
    }

    #[test]
    fn a_heading_keeps_a_closing_run_of_hashes_as_text() {
        assert_eq!(heading("Plan #"), r"Plan \#");
        assert_eq!(heading("Plan ##"), r"Plan \##");
        assert_eq!(heading("##"), r"\##");
        assert_eq!(heading("Plan#"), "Plan#", "no space before: text already");
        assert_eq!(heading("Plan #2"), "Plan #2");
    }

    #[test]
    fn code_is_fenced_longer_than_any_backtick_run_in_it() {
        assert_eq!(
            code("--set 'target.revenue=2M'"),
            "`--set 'target.revenue=2M'`"
        );
        assert_eq!(code("--set 'name=a`b'"), "``--set 'name=a`b'``");
        assert_eq!(code("``x"), "``` ``x ```");
        assert_eq!(code("a\nb"), "`a b`");
    }

    #[test]
    fn a_line_break_never_ends_a_table_row() {
        assert_eq!(escape("two\nlines\r\n"), "two lines  ");
    }

    #[test]
    fn a_line_that_starts_like_a_heading_a_quote_or_a_list_stays_a_paragraph() {
        assert_eq!(escape_line("# Plan: $3M"), r"\# Plan: $3M");
        assert_eq!(escape_line("> Plan"), r"\> Plan");
        assert_eq!(escape_line("- Plan"), r"\- Plan");
        assert_eq!(escape_line("+ Plan"), r"\+ Plan");
        assert_eq!(escape_line("2027. Plan"), r"2027\. Plan");
        assert_eq!(escape_line("1) Plan"), r"1\) Plan");
        assert_eq!(escape_line("    - Plan"), r"\- Plan");
        assert_eq!(escape_line("* Plan"), r"\* Plan");
    }

    #[test]
    fn a_line_that_only_looks_like_a_marker_is_left_as_it_is() {
        for plain in ["#1 plan", "-5% plan", "2.0 plan", "2027 plan", "Plan > 3M"] {
            assert_eq!(escape_line(plain), plain);
        }
    }

    #[test]
    fn markdown_cells_escape_pipes() {
        let table = pipe_table(&["x"], &[vec!["1|2".into()]]);
        assert_eq!(table, "| x |\n|---|\n| 1\\|2 |\n");
    }
}
