//! User-supplied text made safe to show: a scenario name or a file path may carry control
//! characters (escape sequences that would retitle or clear a terminal, or break a table), so
//! everything people read is escaped here, once, and every escaper (a Markdown cell, a TOML
//! value in a message, a shell word) spells a hidden character as [`push_shown`] does.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` safe to print: every control character (C0, DEL and C1, which is where every
/// terminal escape sequence starts) and every bidirectional control (U+202E shows the rest of
/// its line right to left, so a name reads as something else) is written as a TOML string
/// would escape it (`\t`, `\n`, `\r`, `\u001b`, `\u202e`), so what shows is what one would type
/// in the scenario file. Borrowed when there is nothing to escape.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        push_shown(&mut out, c);
    }
    Cow::Owned(out)
}

/// A path as [`printable`] shows it, for a message: a newline in a file's name read as the end
/// of an error's line, and what followed as another file's.
pub fn shown_path(path: &std::path::Path) -> String {
    printable(&path.display().to_string()).into_owned()
}

/// Appends `c` as it shows: a [`hidden`] character written as a TOML basic string escapes it
/// (`\t`, `\n`, `\r`, `\u001b`, `\u202e`), which bash's `$'…'` reads back too; any other
/// as itself. The one spelling of a hidden character, for a terminal, a Markdown file, a TOML
/// value and a shell word alike (each escapes its own quotes first).
pub fn push_shown(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c if hidden(c) => {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// `text` cut after `longest` characters, with `…` where it was: a value or a cell in a message,
/// which an 80,000-character one printed whole.
pub fn cut_after(text: &str, longest: usize) -> Cow<'_, str> {
    match text.char_indices().nth(longest) {
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
        None => Cow::Borrowed(text),
    }
}

/// `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `word` as a shell would take it back: bare, in single quotes (shlex), or, holding a control
/// character (a `--set name=` with a newline), in bash's `$'…'` with the character escaped,
/// which a terminal shows as typed and a shell reads back as it was.
pub fn shell_word(word: &str) -> String {
    if !word.chars().any(hidden) {
        // The one error is a NUL, which no command-line argument can hold.
        return shlex::try_quote(word).map_or_else(|_| word.to_string(), |q| q.into_owned());
    }
    let mut out = String::from("$'");
    for c in word.chars() {
        match c {
            '\\' | '\'' => out.extend(['\\', c]),
            c => push_shown(&mut out, c),
        }
    }
    out.push('\'');
    out
}

/// `path` as a shell word to type after a command ([`shell_word`]), kept from reading as an
/// option: `./-x.toml` (`skypie eval -x.toml` read an option).
pub fn command_path(path: &std::path::Path) -> String {
    let name = path.to_string_lossy();
    if name.starts_with('-') {
        shell_word(&format!("./{name}"))
    } else {
        shell_word(&name)
    }
}

/// A character that would not show as itself: a control character, a bidirectional control
/// (the marks, embeddings, overrides and isolates, U+061C, U+200E–U+200F, U+202A–U+202E,
/// U+2066–U+2069), the line and paragraph separators (U+2028, a line break where none shows;
/// U+2029, a paragraph's end to the bidirectional algorithm, so a name holding one broke out of
/// the report's isolation and took the target beside it into its run, "Plan $3 :2026 שלוםM"),
/// the deprecated format characters (U+206A–U+206F), the interlinear annotation marks
/// (U+FFF9–U+FFFB), or a zero-width space, word joiner or byte order mark (U+200B, U+2060,
/// U+FEFF: `\u200battainment` read as `attainment`). The zero-width joiners that emoji and
/// scripts need (U+200C, U+200D), and the tag characters of a flag's emoji, show as what they
/// join.
pub fn hidden(c: char) -> bool {
    c.is_control()
        || zero_width(c)
        || direction_mark(c)
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{206a}'..='\u{206f}' | '\u{fff9}'..='\u{fffb}'
        )
}

/// A mark that sets the direction of the text around it and shows nothing: the Arabic letter,
/// left-to-right and right-to-left marks, embeddings and overrides, isolates (U+061C,
/// U+200E–U+200F, U+202A–U+202E, U+2066–U+2069).
pub fn direction_mark(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// A zero-width space, word joiner or byte order mark (U+200B, U+2060, U+FEFF): nothing on
/// screen, and no part of a name (a CSV header's).
pub fn zero_width(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}')
}

/// [`printable`] line by line, keeping the line breaks: for messages and outputs of several
/// lines (an error with its notes, a CSV shown on a terminal).
pub fn printable_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| hidden(c) && c != '\n') {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<str>> = text.split('\n').map(printable).collect();
    Cow::Owned(lines.join("\n"))
}

/// `text` with every line end a newline: CRLF (Windows) and a carriage return alone (an old
/// Mac's, Excel for Mac's "CSV (Macintosh)") each one `\n`, so that a line is counted as people
/// see one. Borrowed when it holds no carriage return.
pub fn with_newlines(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_to_paste_after_a_command_never_reads_as_an_option() {
        let path = |p: &str| command_path(std::path::Path::new(p));
        assert_eq!(path("-x.toml"), "./-x.toml");
        assert_eq!(path("plans/-x.toml"), "plans/-x.toml");
        assert_eq!(path("my plan.toml"), "'my plan.toml'");
        assert_eq!(path("-a b.toml"), "'./-a b.toml'");
        assert_eq!(path("a\nb.toml"), "$'a\\nb.toml'");
    }

    #[test]
    fn text_is_cut_after_the_characters_asked_with_an_ellipsis() {
        assert_eq!(cut_after("attainment", 6), "attain…");
        assert_eq!(cut_after("attain", 6), "attain");
        assert_eq!(cut_after("Québec", 3), "Qué…");
        assert_eq!(cut_after("", 0), "");
    }

    #[test]
    fn escape_sequences_become_visible_text() {
        assert_eq!(
            printable("\u{1b}]0;pwned\u{7}\u{1b}[2J"),
            "\\u001b]0;pwned\\u0007\\u001b[2J"
        );
        assert_eq!(printable("a\tb\nc\rd"), "a\\tb\\nc\\rd");
        assert_eq!(printable("del\u{7f} csi\u{9b}"), "del\\u007f csi\\u009b");
        // A right-to-left override showed a name turned around.
        assert_eq!(printable("Q3\u{202e}lmth.exe"), "Q3\\u202elmth.exe");
        assert_eq!(printable_lines("a\u{2066}b\nc"), "a\\u2066b\nc");
        // A paragraph separator ends the bidirectional run a report's `<bdi>` isolates, and
        // the line separator breaks a line where none shows in the file.
        assert_eq!(printable("Plan\u{2029}שלום"), "Plan\\u2029שלום");
        assert_eq!(printable("Two\u{2028}Three"), "Two\\u2028Three");
        assert_eq!(printable("a\u{206e}1\u{fff9}b"), "a\\u206e1\\ufff9b");
        assert_eq!(printable("שלום"), "שלום");
        // A zero-width space shows, where an emoji's joiner joins.
        assert_eq!(printable("\u{200b}attainment"), "\\u200battainment");
        assert_eq!(printable("👩\u{200d}💻"), "👩\u{200d}💻");
    }

    #[test]
    fn ordinary_text_is_borrowed_untouched() {
        let text = "Series B — first 90 days, 3M ± 5% → ∞";
        assert!(matches!(printable(text), Cow::Borrowed(t) if t == text));
        assert!(matches!(printable_lines("a\nb\n"), Cow::Borrowed("a\nb\n")));
    }

    #[test]
    fn lines_keep_their_breaks_and_lose_their_escapes() {
        assert_eq!(
            printable_lines("one \u{1b}[2J\ntwo\r\n"),
            "one \\u001b[2J\ntwo\\r\n"
        );
    }
}
