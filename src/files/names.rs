//! How skypie names files, and what a name says: a scenario's (`q3` is `q3.toml`), an
//! export's, a session log's. Pure: names in, names out; nothing here looks at the disk, so
//! the live session's state ([`crate::tui::app`]) may ask.

use std::path::{Path, PathBuf};

/// Whether `path`'s name ends in `.toml` (any case): what scenario files are named, `.toml`
/// alone included (a hidden file the shell's `*.toml` passes over, but named as TOML, which no
/// output is).
pub fn named_toml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        || only_an_extension(path)
}

/// Whether `path`'s name is `.toml` alone (any case), which has no extension to Rust.
fn only_an_extension(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.eq_ignore_ascii_case(".toml"))
}

/// How a live session's log is named after its scenario: `plan.toml.session.md`.
pub const SESSION_LOG_SUFFIX: &str = ".session.md";

/// Whether `path` is named as a session log.
pub fn named_session_log(path: &Path) -> bool {
    path.to_string_lossy().ends_with(SESSION_LOG_SUFFIX)
}

/// A new scenario's name as typed (`skypie new`, the session's save-as), given `.toml` when it
/// has no extension (`q3` is `q3.toml`, which `eval *.toml` and the next `plan` find); `None`
/// for a name that is only the extension (`.toml`, which became a hidden `.toml.toml`).
pub fn scenario_name(typed: &Path) -> Option<PathBuf> {
    if only_an_extension(typed) {
        return None;
    }
    Some(if typed.extension().is_none() {
        typed.with_extension("toml")
    } else {
        typed.to_path_buf()
    })
}

/// Whether `path` is named as data (`.csv` or `.tsv`, in any case): actuals that `skypie fit`
/// reads, never a scenario (its header was read as TOML: "quarter: found `quarter` with no
/// value").
pub fn named_as_data(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("tsv"))
}

/// Whether `path` names a web page (`.html` or `.htm`, in any case): the board report's kind of
/// file, which `eval --out` does not write and a plan is never saved as.
pub fn names_a_web_page(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// The extension of `path` when it names what skypie exports (`csv`, `md` or `markdown`,
/// `json`, a web page, in any case), not a plan: the live session's save-as and `new` refuse it.
/// Saved as `q3.summary.md`, a plan replaced the summary exported there, and the next exports
/// were named `q3.summary.summary.md`. A session log's name is none: it is refused as a log's.
pub fn export_extension(path: &Path) -> Option<String> {
    // A session log's name is refused as one by the writer.
    if named_session_log(path) {
        return None;
    }
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    let exported = skypie::report::write::Format::of_file(path).is_some() || names_a_web_page(path);
    exported.then_some(extension)
}

/// What is said of a name that is only `.toml` ([`scenario_name`]).
pub const ONLY_AN_EXTENSION: &str = "an extension with no name before it";

/// After "there is no folder ~…": that `~` is not the home folder here (only a shell makes it
/// so), and what to type instead; nothing for any other folder.
pub fn home_hint(folder: &Path) -> &'static str {
    if folder.starts_with("~") {
        " (~ is your home folder only to a shell: type the folder's full path)"
    } else {
        ""
    }
}

/// Where a plan's session log goes: `<file>.session.md`.
pub fn session_log_name(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(SESSION_LOG_SUFFIX);
    PathBuf::from(name)
}

/// Numbered names beside `path` (the live session's "save as", rows of a session log kept
/// elsewhere): `plan.toml` → `plan-2.toml` … `plan-99.toml`; a name numbered so already goes
/// on from its number (`plan-2.toml` → `plan-3.toml`, where it read `plan-2-2.toml`); one of
/// more digits is no such number (`budget-2026.toml`), nor is the last of a date's
/// (`report-2026-12.toml`).
pub fn numbered(path: &Path) -> impl Iterator<Item = PathBuf> {
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let counted = |base: &str, n: &str| {
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        let dated = base
            .rsplit_once('-')
            .is_some_and(|(_, before)| digits(before));
        let n = (digits(n) && n.len() <= 2 && !n.starts_with('0') && !dated).then(|| n.parse());
        n.and_then(Result::ok).filter(|n: &u32| *n >= 2)
    };
    let (stem, from) = match stem.rsplit_once('-') {
        Some((base, n))
            if !base.is_empty()
                && let Some(n) = counted(base, n) =>
        {
            (base.to_string(), n + 1)
        }
        _ => (stem, 2),
    };
    let extension = path.extension().map(|e| e.to_string_lossy().into_owned());
    (from..from + 98).map(move |n| {
        path.with_file_name(match &extension {
            Some(ext) => format!("{stem}-{n}.{ext}"),
            None => format!("{stem}-{n}"),
        })
    })
}
