//! Names of recovery files: where a session that ended abruptly (a closed window, a `kill`,
//! a crash) writes its unsaved edits, and how a later session finds them. Pure: the shell
//! lists folders and writes files; this decides names and which is newest.
//!
//! `plan.toml` → `plan.toml.recovered-20261123-140211.toml` (a time stamp that sorts), then
//! `…-140211-2.toml`, `…-140211-3.toml` when a name is taken, so one crash never overwrites
//! another. The built-in scenario has no file: `skypie-recovered-<stamp>.toml` in the current
//! folder.

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// How a recovery file's first line starts: it names the inputs the session had edited, so
/// that reopening offers those alone, never a value another session saved meanwhile (the rest
/// of the recovery file is the file as this session last read it).
const EDITED: &str = "# skypie: this session's unsaved edits: ";

/// `text` (a session's version of its file) as a recovery file: first a line naming the
/// inputs edited, by their keys (`capacity.ramp_days, market.size ~ market.growth`), after a
/// byte order mark if the text has one.
pub fn with_edited(text: &str, keys: &[String]) -> String {
    let (bom, rest) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    format!("{bom}{EDITED}{}\n{rest}", keys.join(", "))
}

/// The keys a recovery file's first line names as edited; `None` for a file without that line
/// (written before it was, or by hand), whose every difference is offered.
pub fn edited(text: &str) -> Option<Vec<String>> {
    let first = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .lines()
        .next()?;
    let keys = first.strip_prefix(EDITED)?;
    // None edited: a file kept for a value being typed alone ([`with_typed`]).
    let keys = keys.split(", ").map(str::trim).filter(|k| !k.is_empty());
    Some(keys.map(str::to_string).collect())
}

/// How the lines after a recovery file's first start that say what each edited input was in
/// the file before the session's edits (`# skypie: before these edits: target.revenue = 6.5M`,
/// or `… market.growth (not in the file)`): a later session compares them with the file as it
/// is then, and says which of the edits someone else's save has changed since.
const BEFORE: &str = "# skypie: before these edits: ";

/// What [`BEFORE`] says of an input that the file did not have.
const NOT_IN_FILE: &str = " (not in the file)";

/// `recovery` (see [`with_edited`]) with a line after its first for each of `before`: an
/// edited input's key and its text in the file before the edits (`None`: not in the file). A
/// text over more than one line is left out (a comment holds one).
pub fn with_before(recovery: &str, before: &[(String, Option<String>)]) -> String {
    let (first, rest) = recovery.split_once('\n').unwrap_or((recovery, ""));
    let lines: String = before
        .iter()
        .filter(|(_, text)| !text.as_deref().is_some_and(|t| t.contains('\n')))
        .map(|(key, text)| match text {
            Some(text) => format!("{BEFORE}{key} = {text}\n"),
            None => format!("{BEFORE}{key}{NOT_IN_FILE}\n"),
        })
        .collect();
    format!("{first}\n{lines}{rest}")
}

/// What a recovery file's header says each edited input was before its session's edits (see
/// [`with_before`]), by key: `Some(text)`, or `None` where the file did not have it. Empty for
/// a file written before recovery files said so. Only the header is read (the first line,
/// then the lines that say what an input was or whose the file is), only inputs its first
/// line names, and the first line of each: a plan saved from a recovery file keeps such
/// lines of its own further down, which say nothing of this one.
pub fn before(text: &str) -> std::collections::BTreeMap<String, Option<String>> {
    let mut said = std::collections::BTreeMap::new();
    let Some(edited) = edited(text) else {
        return said;
    };
    let header = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .lines()
        .skip(1)
        .take_while(|line| is_header_after_first(line));
    for line in header.filter_map(|line| line.strip_prefix(BEFORE)) {
        let (key, text) = match line.strip_suffix(NOT_IN_FILE) {
            Some(key) if !key.contains(" = ") => (key, None),
            _ => match line.split_once(" = ") {
                Some((key, text)) => (key, Some(text.to_string())),
                None => continue,
            },
        };
        if edited.iter().any(|k| k == key) && !said.contains_key(key) {
            said.insert(key.to_string(), text);
        }
    }
    said
}

/// Whether `line`, after a recovery file's first, is one of its header's: what an edited
/// input was ([`with_before`]), whose edits they are ([`with_origin`]), the plan's
/// permissions ([`with_mode`]), a value being typed ([`with_typed`]) or the baseline pinned
/// ([`with_baseline`]).
fn is_header_after_first(line: &str) -> bool {
    [BEFORE, ORIGIN, MODE, TAKEN, TYPED, PINNED, PINNED_INPUT]
        .iter()
        .any(|start| line.starts_with(start))
}

/// How the line of a recovery file's header starts that keeps a value being typed in the
/// editor and not entered (`# skypie: being typed, not entered: target.revenue = 3.5M`): the
/// next session's offer names it and, taken, puts it back in the editor, never applied unseen.
const TYPED: &str = "# skypie: being typed, not entered: ";

/// `recovery` (see [`with_edited`]) with a line after its first keeping `typed`, the text
/// being typed for the input `key`; a text over more than one line is left out, as in
/// [`with_before`].
pub fn with_typed(recovery: &str, key: &str, typed: &str) -> String {
    if typed.contains('\n') {
        return recovery.to_string();
    }
    let (first, rest) = recovery.split_once('\n').unwrap_or((recovery, ""));
    format!("{first}\n{TYPED}{key} = {typed}\n{rest}")
}

/// The input's key and the text a recovery file's header keeps as being typed
/// ([`with_typed`]); `None` for a file without that line.
pub fn typed(text: &str) -> Option<(String, String)> {
    edited(text)?;
    let line = text
        .lines()
        .skip(1)
        .take_while(|line| is_header_after_first(line))
        .find_map(|line| line.strip_prefix(TYPED))?;
    let (key, typed) = line.split_once(" = ")?;
    Some((key.to_string(), typed.to_string()))
}

/// How the line of a recovery file's header starts that says a baseline was pinned, and when
/// (`# skypie: the baseline pinned at: 2026-11-23 14:02:11`): taking the offer pins it again.
const PINNED: &str = "# skypie: the baseline pinned at: ";

/// How the lines after [`PINNED`] start that give each input where the baseline differs from
/// the plan kept (`# skypie: the baseline's input: target.revenue = 3M`; a correlation's pair
/// with its ρ, or `none`): the samples and the seed are inputs, so the figures come out the same.
const PINNED_INPUT: &str = "# skypie: the baseline's input: ";

/// `recovery` (see [`with_edited`]) with lines after its first keeping a baseline pinned at
/// `pinned_at` whose `inputs` (key, text) differ from the plan kept.
pub fn with_baseline(recovery: &str, pinned_at: &str, inputs: &[(String, String)]) -> String {
    let (first, rest) = recovery.split_once('\n').unwrap_or((recovery, ""));
    let lines: String = inputs
        .iter()
        .map(|(key, text)| format!("{PINNED_INPUT}{key} = {text}\n"))
        .collect();
    format!("{first}\n{PINNED}{pinned_at}\n{lines}{rest}")
}

/// When a recovery file's header says its baseline was pinned, and the inputs (key, text) it
/// differs in from the plan kept ([`with_baseline`]); `None` for a file without a baseline.
pub fn baseline(text: &str) -> Option<(String, Vec<(String, String)>)> {
    edited(text)?;
    let header: Vec<&str> = text
        .lines()
        .skip(1)
        .take_while(|line| is_header_after_first(line))
        .collect();
    let pinned_at = header.iter().find_map(|line| line.strip_prefix(PINNED))?;
    let inputs = header
        .iter()
        .filter_map(|line| line.strip_prefix(PINNED_INPUT)?.split_once(" = "))
        .map(|(key, text)| (key.to_string(), text.to_string()))
        .collect();
    Some((pinned_at.to_string(), inputs))
}

/// The time of day of a clock's `2026-11-23 14:02:11`, as the offer says it: `14:02`.
pub fn clock_time(when: &str) -> &str {
    when.get(11..16).unwrap_or(when)
}

/// How the line of a recovery file's header starts that says its edits were loaded into a
/// session and saved there: it is not offered again, and stays on disk (skypie deletes none).
const TAKEN: &str = "# skypie: loaded and saved into the plan since: ";

/// `recovery` (a recovery file's text) marked taken at the end of its header, saved into
/// `file` at `when`.
pub fn with_taken(recovery: &str, file: &Path, when: &str) -> String {
    let header: usize = recovery
        .split_inclusive('\n')
        .enumerate()
        .take_while(|(i, line)| *i == 0 || is_header_after_first(line))
        .map(|(_, line)| line.len())
        .sum();
    let (header, rest) = recovery.split_at(header);
    format!("{header}{TAKEN}{} at {when}\n{rest}", file.display())
}

/// Whether a recovery file's header says its edits were loaded and saved ([`with_taken`]).
pub fn taken(text: &str) -> bool {
    edited(text).is_some()
        && text
            .lines()
            .skip(1)
            .take_while(|line| is_header_after_first(line))
            .any(|line| line.starts_with(TAKEN))
}

/// How the line of a recovery file's header starts that gives its plan's permissions, as its
/// session last saw them (`# skypie: the plan's permissions: 0644`): the recovery file's own
/// may differ (kept private in a fallback folder), and a plan taken up from it is saved with
/// the plan's.
const MODE: &str = "# skypie: the plan's permissions: ";

/// `recovery` (see [`with_edited`]) with a line after its first giving `mode`, the
/// permissions of the plan it keeps the edits of.
pub fn with_mode(recovery: &str, mode: u32) -> String {
    let (first, rest) = recovery.split_once('\n').unwrap_or((recovery, ""));
    format!("{first}\n{MODE}{mode:04o}\n{rest}")
}

/// The permissions a recovery file's header gives its plan ([`with_mode`]); `None` for a
/// text that is no recovery file, or one written before recovery files said so.
pub fn mode(text: &str) -> Option<u32> {
    edited(text)?;
    text.strip_prefix('\u{feff}')
        .unwrap_or(text)
        .lines()
        .skip(1)
        .take_while(|line| is_header_after_first(line))
        .find_map(|line| u32::from_str_radix(line.strip_prefix(MODE)?, 8).ok())
        .filter(|mode| *mode <= 0o777)
}

/// `text` without the header a recovery file's writer puts above the plan ([`with_edited`],
/// [`with_origin`], [`with_before`], [`with_mode`], [`with_typed`], [`with_baseline`]), a byte
/// order mark kept; `None` where it has none. A plan
/// taken up again from a recovery file (`cp`, as `skypie plan` says) begins with it: skypie's
/// own bookkeeping, which the plan's saves leave out.
pub fn without_header(text: &str) -> Option<String> {
    edited(text)?;
    let (bom, rest) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let mut lines = rest.split_inclusive('\n').skip(1).peekable();
    while lines.next_if(|line| is_header_after_first(line)).is_some() {}
    Some(std::iter::once(bom).chain(lines).collect())
}

/// What [`before`] says `item` was (a correlation's pair in either order): `Some(None)` where
/// the file did not have it, `None` where the header does not say.
pub fn before_of(
    before: &std::collections::BTreeMap<String, Option<String>>,
    item: crate::tui::item::Item,
) -> Option<&Option<String>> {
    use crate::tui::item::Item;
    before.get(&item.key()).or_else(|| match item {
        Item::Correlation(a, b) => before.get(&Item::Correlation(b, a).key()),
        Item::Field(_) => None,
    })
}

/// How a recovery file kept away from its file (in a fallback folder, skypie's state folder
/// first, its file's folder being shut) names that file, on its second line: every folder's `plan.toml`
/// has recovery files of the same name there, and reopening offers only this file's own.
const ORIGIN: &str = "# skypie: the unsaved edits of: ";

/// `recovery` (a recovery file's text, see [`with_edited`]) with a second line naming `file`,
/// written as a full path.
pub fn with_origin(recovery: &str, file: &Path) -> String {
    let (first, rest) = recovery.split_once('\n').unwrap_or((recovery, ""));
    format!("{first}\n{ORIGIN}{}\n{rest}", file.display())
}

/// The file a recovery file's second line names (see [`with_origin`]), if it names one.
pub fn origin(text: &str) -> Option<PathBuf> {
    let second = text.lines().nth(1)?;
    Some(PathBuf::from(second.strip_prefix(ORIGIN)?))
}

/// The time-stamp format of recovery names (chrono's): `20261123-140211`.
pub const STAMP_FORMAT: &str = "%Y%m%d-%H%M%S";

/// What follows a plan's name in its recovery files' names: `q3.toml.recovered-…`.
const RECOVERED: &str = ".recovered-";

/// The folder and the name prefix of `file`'s recovery files, its name as the file system has
/// it (a Latin-1 `caf\xe9.toml` and `caf\xe8.toml` were both `caf�.toml`, and each was offered
/// the other's edits).
fn prefix(file: Option<&Path>) -> (PathBuf, OsString) {
    match file {
        Some(file) => {
            let folder = crate::files::folder_of(file).to_path_buf();
            let mut name = file.file_name().unwrap_or_default().to_os_string();
            name.push(RECOVERED);
            (folder, name)
        }
        None => (PathBuf::from("."), OsString::from("skypie-recovered-")),
    }
}

/// Where to write the recovery file of a session on `file` (the built-in scenario when
/// `None`) that ended at `stamp`: the first name that `taken` says is free.
pub fn recovery_path(file: Option<&Path>, stamp: &str, taken: impl Fn(&Path) -> bool) -> PathBuf {
    let (_, prefix) = prefix(file);
    let at = |suffix: String| {
        let mut name = prefix.clone();
        name.push(format!("{stamp}{suffix}.toml"));
        match file {
            Some(file) => file.with_file_name(name),
            None => PathBuf::from(name),
        }
    };
    let mut path = at(String::new());
    let mut n = 2u64;
    while taken(&path) {
        path = at(format!("-{n}"));
        n += 1;
    }
    path
}

/// The folder to list for `file`'s recovery files.
pub fn folder(file: Option<&Path>) -> PathBuf {
    prefix(file).0
}

/// Which of `names` (a folder's entries) are recovery files of `file`, newest first. The
/// name `FILE.recovered.toml` of earlier versions counts as the oldest.
pub fn recovery_files<N: AsRef<OsStr>>(file: Option<&Path>, names: &[N]) -> Vec<OsString> {
    let mut found: Vec<((String, u64), &OsStr)> = names
        .iter()
        .filter_map(|name| Some((age(file, name.as_ref())?, name.as_ref())))
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0));
    found
        .into_iter()
        .map(|(_, name)| name.to_os_string())
        .collect()
}

/// The plan whose recovery file `path` is named as, if it is named as one
/// (`q3.toml.recovered-20261123-140211.toml` is `q3.toml`'s; `skypie-recovered-….toml` the
/// built-in scenario's, `None` inside): a plan saved under such a name would be offered, by the
/// next session on that plan, as the edits of a session that ended abruptly.
pub fn recovery_of(path: &Path) -> Option<Option<PathBuf>> {
    let name = path.file_name()?;
    if age(None, name).is_some() {
        return Some(None);
    }
    // The plan's name is what comes before the mark (or before `.recovered.toml`, an earlier
    // version's name, which `age` takes too).
    let text = name.to_str()?;
    let at = text
        .rfind(RECOVERED)
        .or_else(|| text.strip_suffix(".recovered.toml").map(str::len))?;
    let plan = path.with_file_name(&text[..at]);
    age(Some(&plan), name).map(|_| Some(plan))
}

/// `found` (recovery files of any of `files`, one file under its names, in any folders, with
/// what was read of them) newest first, by their names.
pub fn newest_first<T>(files: &[Option<&Path>], found: &mut [(PathBuf, T)]) {
    let age = |p: &PathBuf| {
        let name = p.file_name()?;
        files.iter().find_map(|file| age(*file, name))
    };
    found.sort_by_key(|(p, _)| std::cmp::Reverse(age(p)));
}

/// Where a recovery file of `file` named `name` sorts (greater is newer); `None` when the name
/// is not one.
fn age(file: Option<&Path>, name: &OsStr) -> Option<(String, u64)> {
    let (_, prefix) = prefix(file);
    let prefix = prefix.as_bytes();
    let name = name.as_bytes();
    // `FILE.recovered.toml`: the prefix without its `-`.
    let legacy = [&prefix[..prefix.len() - 1], b".toml"].concat();
    if name == legacy.as_slice() {
        return Some((String::new(), 0));
    }
    let rest = std::str::from_utf8(name.strip_prefix(prefix)?).ok()?;
    order(rest.strip_suffix(".toml")?)
}

/// `20261123-140211` or `20261123-140211-3` as (stamp, number), to sort by; `None` for
/// anything else.
fn order(rest: &str) -> Option<(String, u64)> {
    let stamp_len = "20261123-140211".len();
    let stamp = rest.get(..stamp_len)?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (day, time) = stamp.split_once('-')?;
    if !digits(day) || !digits(time) {
        return None;
    }
    let number = match &rest[stamp_len..] {
        "" => 1,
        suffix => {
            let n = suffix.strip_prefix('-')?;
            if !digits(n) {
                return None;
            }
            n.parse().ok()?
        }
    };
    Some((stamp.to_string(), number))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_name_gets_the_next_number() {
        let file = Path::new("plans/q3.toml");
        let first = recovery_path(Some(file), "20261123-140211", |_| false);
        assert_eq!(
            first,
            PathBuf::from("plans/q3.toml.recovered-20261123-140211.toml")
        );
        let taken = [
            PathBuf::from("plans/q3.toml.recovered-20261123-140211.toml"),
            PathBuf::from("plans/q3.toml.recovered-20261123-140211-2.toml"),
        ];
        let third = recovery_path(Some(file), "20261123-140211", |p| {
            taken.iter().any(|t| t == p)
        });
        assert_eq!(
            third,
            PathBuf::from("plans/q3.toml.recovered-20261123-140211-3.toml")
        );
        assert_eq!(
            recovery_path(None, "20261123-140211", |_| false),
            PathBuf::from("skypie-recovered-20261123-140211.toml")
        );
    }

    #[test]
    fn the_newest_recovery_file_comes_first_and_others_are_ignored() {
        let names: Vec<String> = [
            "q3.toml",
            "q3.toml.recovered.toml",
            "q3.toml.recovered-20261123-140211-2.toml",
            "q3.toml.recovered-20261123-140211.toml",
            "q3.toml.recovered-20261124-090000.toml",
            "q3.toml.recovered-20261123-140211-10.toml",
            "q3.toml.recovered-garbage.toml",
            "other.toml.recovered-20261130-090000.toml",
            "q3.toml.session.md",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            recovery_files(Some(Path::new("plans/q3.toml")), &names),
            [
                "q3.toml.recovered-20261124-090000.toml",
                "q3.toml.recovered-20261123-140211-10.toml",
                "q3.toml.recovered-20261123-140211-2.toml",
                "q3.toml.recovered-20261123-140211.toml",
                "q3.toml.recovered.toml",
            ]
        );
    }

    #[test]
    fn a_plan_named_in_latin_1_has_recovery_files_of_its_own_name() {
        // `caf\xe9.toml` and `caf\xe8.toml` were both written and found as `caf�.toml`: each was
        // offered the other's edits.
        let e_acute = Path::new(OsStr::from_bytes(b"caf\xe9.toml"));
        let e_grave = Path::new(OsStr::from_bytes(b"caf\xe8.toml"));
        let kept = recovery_path(Some(e_acute), "20261123-140211", |_| false);
        assert_eq!(
            kept.as_os_str().as_bytes(),
            b"caf\xe9.toml.recovered-20261123-140211.toml"
        );
        let names = [kept.into_os_string()];
        assert_eq!(recovery_files(Some(e_acute), &names), names);
        assert!(recovery_files(Some(e_grave), &names).is_empty());
    }

    #[test]
    fn a_plan_taken_up_from_a_recovery_file_is_its_text_without_the_header_skypie_wrote() {
        let plan = "\u{feff}schema = 1\r\n# skypie: before these edits: target.revenue = 1M\r\n";
        let keys = ["target.revenue".to_string()];
        let before = [("target.revenue".to_string(), Some("6.5M".to_string()))];
        let kept = with_origin(
            &with_mode(&with_before(&with_edited(plan, &keys), &before), 0o644),
            Path::new("/plans/q3.toml"),
        );
        // The plan's own lines, a comment like the header's further down included.
        assert_eq!(without_header(&kept).as_deref(), Some(plan));
        assert_eq!(without_header(plan), None);
    }

    #[test]
    fn a_recovery_file_keeps_a_value_being_typed_in_its_header() {
        let plan = "[target]\nrevenue = \"3M\"\n";
        let kept = with_typed(&with_edited(plan, &[]), "target.revenue", "3.5M");
        let kept = with_origin(&with_mode(&kept, 0o644), Path::new("/plans/q3.toml"));
        assert_eq!(
            (typed(&kept), edited(&kept), without_header(&kept)),
            (
                Some(("target.revenue".to_string(), "3.5M".to_string())),
                Some(Vec::new()),
                Some(plan.to_string())
            )
        );
    }

    #[test]
    fn a_recovery_file_keeps_the_baseline_pinned_and_its_inputs_in_its_header() {
        let plan = "[target]\nrevenue = \"3M\"\n";
        let inputs = [
            ("target.revenue".to_string(), "2.5M".to_string()),
            (
                "market.size ~ market.growth".to_string(),
                "none".to_string(),
            ),
        ];
        let kept = with_edited(plan, &["target.revenue".to_string()]);
        let kept = with_baseline(&kept, "2026-11-23 14:02:11", &inputs);
        let kept = with_origin(&with_mode(&kept, 0o644), Path::new("/plans/q3.toml"));
        assert_eq!(
            (baseline(&kept), without_header(&kept)),
            (
                Some(("2026-11-23 14:02:11".to_string(), inputs.to_vec())),
                Some(plan.to_string())
            )
        );
    }

    #[test]
    fn a_recovery_file_marked_taken_keeps_its_header_and_plan() {
        let plan = "[target]\nrevenue = \"3M\"\n";
        let kept = with_mode(&with_edited(plan, &["target.revenue".to_string()]), 0o640);
        let marked = with_taken(&kept, Path::new("plan.toml"), "2026-11-23 09:30:00");
        assert_eq!(
            (taken(&marked), without_header(&marked), mode(&marked)),
            (true, Some(plan.to_string()), Some(0o640))
        );
    }

    #[test]
    fn a_recovery_file_records_its_plans_permissions_in_its_header() {
        let keys = ["target.revenue".to_string()];
        let before = [("target.revenue".to_string(), Some("6.5M".to_string()))];
        let text = with_edited("\u{feff}schema = 1\n", &keys);
        let kept = with_origin(
            &with_mode(&with_before(&text, &before), 0o640),
            Path::new("/plans/q3.toml"),
        );
        assert_eq!(mode(&kept), Some(0o640));
        // The rest of the header reads as before.
        assert_eq!(origin(&kept), Some(PathBuf::from("/plans/q3.toml")));
        assert_eq!(
            super::before(&kept)["target.revenue"].as_deref(),
            Some("6.5M")
        );
        // Written before recovery files said so, or a plan's own line of that kind: none.
        assert_eq!(mode(&text), None);
        assert_eq!(
            mode("schema = 1\n# skypie: the plan's permissions: 0644\n"),
            None
        );
    }

    #[test]
    fn a_recovery_file_kept_elsewhere_names_its_file_on_its_second_line() {
        let text = with_edited("schema = 1\n", &["target.revenue".to_string()]);
        let kept = with_origin(&text, Path::new("/home/dana/q3/plan.toml"));
        assert_eq!(edited(&kept), Some(vec!["target.revenue".to_string()]));
        assert_eq!(
            origin(&kept),
            Some(PathBuf::from("/home/dana/q3/plan.toml"))
        );
        assert!(kept.ends_with("\nschema = 1\n"), "{kept}");
        assert_eq!(origin(&text), None);
    }

    #[test]
    fn a_recovery_file_names_its_edits_on_its_first_line_after_a_byte_order_mark() {
        let keys = [
            "capacity.ramp_days".to_string(),
            "market.size ~ market.growth".to_string(),
        ];
        let text = with_edited("\u{feff}schema = 1\n", &keys);
        assert_eq!(
            text,
            "\u{feff}# skypie: this session's unsaved edits: capacity.ramp_days, \
             market.size ~ market.growth\nschema = 1\n"
        );
        assert_eq!(edited(&text), Some(keys.to_vec()));
        assert_eq!(
            edited("schema = 1\n"),
            None,
            "an older recovery file offers everything"
        );
    }

    #[test]
    fn a_recovery_file_says_what_its_edited_inputs_were_after_its_first_line_and_its_origin() {
        let keys = ["target.revenue", "market.growth", "name"].map(String::from);
        let text = with_edited("\u{feff}schema = 1\n", &keys);
        let before = [
            ("target.revenue".to_string(), Some("6.5M".to_string())),
            ("market.growth".to_string(), None),
            // A text over two lines cannot be a comment's: left out.
            ("name".to_string(), Some("a\nb".to_string())),
        ];
        let text = with_origin(&with_before(&text, &before), Path::new("/plans/q3.toml"));
        assert_eq!(origin(&text), Some(PathBuf::from("/plans/q3.toml")));
        assert_eq!(edited(&text), Some(keys.to_vec()));
        let said = super::before(&text);
        assert_eq!(said.len(), 2, "{said:?}");
        assert_eq!(said["target.revenue"].as_deref(), Some("6.5M"));
        assert_eq!(said["market.growth"], None);
        // Written before recovery files said so, or a line of the plan's own further down:
        // nothing.
        let plan = "schema = 1\n# skypie: before these edits: target.revenue = 1M\n";
        assert!(super::before(plan).is_empty());
        // A plan saved from a recovery file keeps its header as comments: below this file's
        // own header, and of inputs this session did not edit, they say nothing.
        let saved_from_one = "# skypie: this session's unsaved edits: market.size\n\
             # skypie: before these edits: market.size = 40M\n\
             # skypie: before these edits: target.revenue = 1M\nschema = 1\n";
        let text = with_before(
            &with_edited(saved_from_one, &["target.revenue".to_string()]),
            &[("target.revenue".to_string(), Some("6.5M".to_string()))],
        );
        let said = super::before(&text);
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said["target.revenue"].as_deref(), Some("6.5M"));
    }
}
