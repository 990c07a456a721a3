//! What reaches a terminal: user-supplied text with its control characters escaped (a
//! scenario name may carry escape sequences that would retitle or clear the terminal), and
//! standard output written with its failures turned into one clear error instead of a panic.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

/// `text` safe to print: every control character (C0, DEL and C1, which is where every
/// terminal escape sequence starts) is written as a TOML string would escape it (`\t`, `\n`,
/// `\r`, `\u001b`), so what shows is what one would type in the scenario file. Borrowed when
/// there is nothing to escape.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`printable`] line by line, keeping the line breaks: for messages and outputs of several
/// lines (an error with its notes, a CSV shown on a terminal).
pub fn printable_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<str>> = text.split('\n').map(printable).collect();
    Cow::Owned(lines.join("\n"))
}

/// Why standard output did not take the text.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The reader went away (`skypie eval … | head -1`): nothing worth a message.
    #[error("standard output was closed by its reader")]
    Closed,
    /// Anything else, such as a full disk (`> /dev/full`).
    #[error("cannot write to standard output: {0}")]
    Failed(io::Error),
}

impl From<io::Error> for OutputError {
    fn from(error: io::Error) -> Self {
        if error.kind() == io::ErrorKind::BrokenPipe {
            OutputError::Closed
        } else {
            OutputError::Failed(error)
        }
    }
}

/// The exit status after the reader closed standard output: 128 + SIGPIPE, what a shell
/// reports for `cat` or `seq` stopped the same way.
pub const CLOSED_PIPE_STATUS: u8 = 141;

/// Writes `text` to standard output and flushes it, so a failure shows here and not as a
/// panic in `println!` or a lost write at exit.
pub fn print(text: &str) -> Result<(), OutputError> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes `text` to standard error. A failure there is ignored: there is nowhere left to
/// report it, and it must not become a panic.
pub fn print_error(text: &str) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_text() {
        assert_eq!(
            printable("\u{1b}]0;pwned\u{7}\u{1b}[2J"),
            "\\u001b]0;pwned\\u0007\\u001b[2J"
        );
        assert_eq!(printable("a\tb\nc\rd"), "a\\tb\\nc\\rd");
        assert_eq!(printable("del\u{7f} csi\u{9b}"), "del\\u007f csi\\u009b");
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

    #[test]
    fn a_closed_pipe_is_told_apart_from_a_failure() {
        let closed = OutputError::from(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(matches!(closed, OutputError::Closed));
        let full = OutputError::from(io::Error::from_raw_os_error(28));
        assert!(
            full.to_string()
                .starts_with("cannot write to standard output: ")
        );
    }
}
