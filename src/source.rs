//! Where a command reads a scenario or data from, as the command line names it: a path, or `-`
//! for standard input. Read once from the argument; what is opened and how the source is named
//! to a user are asked of it, so standard input is spelled in this one place.

use std::convert::Infallible;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// What the command line names standard input by.
pub const STDIN_TYPED: &str = "-";

/// What a sentence calls standard input.
const STDIN_NAME: &str = "standard input";

/// Standard input by a path that opens it again.
const STDIN_PATH: &str = "/dev/stdin";

/// A scenario or data file given on the command line: standard input or a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `-`: standard input, read once, never a file named `-`.
    Stdin,
    /// A file, by its path as the user gave it (`/dev/stdin` too, named as typed), UTF-8 or
    /// not (a Latin-1 name opens), and that path as text for messages (a byte that is not
    /// UTF-8 shown as `�`).
    File { path: PathBuf, typed: String },
}

impl Source {
    /// The source a command-line argument names: `-` is standard input, anything else a path.
    pub fn from_arg(arg: impl AsRef<OsStr>) -> Source {
        let arg = arg.as_ref();
        if arg == STDIN_TYPED {
            Source::Stdin
        } else {
            Source::file(Path::new(arg))
        }
    }

    /// A file by its path, as skypie itself names one (a recovery file, a scenario to write
    /// into): never standard input, whatever its name.
    pub fn file(path: &Path) -> Source {
        Source::File {
            path: path.to_path_buf(),
            typed: path.to_string_lossy().into_owned(),
        }
    }

    /// Whether this is standard input (`-`).
    pub fn is_stdin(&self) -> bool {
        matches!(self, Source::Stdin)
    }

    /// The argument as typed (`-`, `plans/q3.toml`): what stands for the source where a path
    /// would, at the head of its messages (`-:8:12: …`, `-: ok`) and in the `file` column.
    pub fn as_typed(&self) -> &str {
        match self {
            Source::Stdin => STDIN_TYPED,
            Source::File { typed, .. } => typed,
        }
    }

    /// The argument as a word of a command skypie suggests: `-`, or the path as a shell word
    /// ([`command_path`](crate::text::command_path), which would make `-` a file's `./-`).
    pub fn as_command_word(&self) -> String {
        match self {
            Source::Stdin => STDIN_TYPED.to_string(),
            Source::File { path, .. } => crate::text::command_path(path),
        }
    }

    /// What a sentence calls the source: `standard input`, or the path as given ("Computed by
    /// skypie … from standard input", "the scenario on standard input").
    pub fn name(&self) -> &str {
        match self {
            Source::Stdin => STDIN_NAME,
            Source::File { typed, .. } => typed,
        }
    }

    /// The path that opens the source (`/dev/stdin` for standard input): to look at what it is
    /// (a terminal, a pipe, a file the shell redirected in, read again from its start there)
    /// and to compare it with an output.
    pub fn path(&self) -> &Path {
        match self {
            Source::Stdin => Path::new(STDIN_PATH),
            Source::File { path, .. } => path,
        }
    }

    /// Whether the source is read through standard input: `-`, or `/dev/stdin` by name.
    pub fn reads_stdin(&self) -> bool {
        self.path() == Path::new(STDIN_PATH)
    }
}

/// For clap: every argument names a source.
impl FromStr for Source {
    type Err = Infallible;

    fn from_str(arg: &str) -> Result<Source, Infallible> {
        Ok(Source::from_arg(arg))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_is_standard_input_and_anything_else_a_path() {
        let stdin = Source::from_arg("-");
        assert!(stdin.is_stdin());
        assert_eq!(
            (stdin.as_typed(), stdin.name(), stdin.path()),
            ("-", "standard input", Path::new("/dev/stdin"))
        );
        let file = Source::from_arg("plans/q3.toml");
        assert!(!file.is_stdin());
        assert_eq!(
            (file.as_typed(), file.name(), file.path()),
            ("plans/q3.toml", "plans/q3.toml", Path::new("plans/q3.toml"))
        );
        // A path that starts with a dash, or leads to one, is a file.
        assert!(!Source::from_arg("./-").is_stdin());
        assert!(!Source::from_arg("--").is_stdin());
    }

    #[test]
    fn standard_input_by_either_name_reads_standard_input() {
        assert!(Source::from_arg("-").reads_stdin());
        assert!(Source::from_arg("/dev/stdin").reads_stdin());
        assert!(!Source::from_arg("plan.toml").reads_stdin());
    }
}
