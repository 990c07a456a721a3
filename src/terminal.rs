//! What reaches standard output and standard error: written with its failures turned into one
//! clear error instead of a panic (the text itself is made safe by `skypie::text`).

use std::io::{self, Write};

use skypie::text::printable_lines;

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

/// The exit status of a command that failed: a scenario invalid, an output not written.
pub const FAILED_STATUS: u8 = 1;

/// The exit status of a usage error: arguments that cannot go together, as clap's own (and a
/// CPU the build cannot run on, which no argument mends either).
pub const USAGE_STATUS: u8 = 2;

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

/// `error: <message>` and a line break, safe for a terminal. The message is the error's
/// alternate form (`{:#}`): a scenario's further mistakes then start with `error: ` too.
pub fn error_line(error: &dyn std::fmt::Display) -> String {
    format!("error: {}\n", printable_lines(&format!("{error:#}")))
}

/// Colour unless NO_COLOR is set to anything non-empty (no-color.org).
pub fn color_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// How wide standard output's terminal is, to wrap a table within: what the terminal says, or
/// `COLUMNS` where it says 0 (`script`, a `docker exec -t`, a serial console) or cannot say,
/// or no limit. A width of 0 taken as it was said wrapped every cell to one character a line.
pub fn terminal_width() -> Option<u16> {
    let said = ratatui::crossterm::terminal::size()
        .ok()
        .map(|(width, _)| width);
    usable_width(said, std::env::var("COLUMNS").ok().as_deref())
}

/// The width a table wraps within, from what the terminal said and `COLUMNS`: the first that
/// is a width at all, none when neither is.
fn usable_width(said: Option<u16>, columns: Option<&str>) -> Option<u16> {
    let from_columns = columns.and_then(|c| c.trim().parse::<u16>().ok());
    [said, from_columns].into_iter().flatten().find(|&w| w > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_terminal_that_says_it_is_0_wide_is_taken_at_columns_or_unwrapped() {
        assert_eq!(usable_width(Some(100), Some("120")), Some(100));
        assert_eq!(usable_width(Some(0), Some("120")), Some(120));
        assert_eq!(usable_width(Some(0), None), None);
        assert_eq!(usable_width(Some(0), Some("0")), None);
        assert_eq!(usable_width(Some(0), Some("wide")), None);
        assert_eq!(usable_width(None, Some(" 90 ")), Some(90));
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
