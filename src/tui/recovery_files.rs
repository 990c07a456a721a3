//! The recovery files on disk (README, "Saving, merging and recovery"): where an ending
//! keeps the unsaved edits (beside the plan, else in a fallback folder), and the ones a
//! session opening a plan finds and offers. What they are named and hold is
//! [`recovery`]'s, which does no I/O.

use std::ffi::OsString;
use std::fs;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use skypie::scenario::ScenarioError;
use skypie::source::Source;

use super::app::{App, Msg};
use super::recovery;
use super::{led_or_now, led_to};
use crate::files::{
    WriteError, already_exists, create_new_file, mode_for_copies_of, read_text, same_file,
    same_path,
};

/// Where a recovery file goes when its file's folder cannot take it, in this order: skypie's
/// folder in the user's state folder (`$XDG_STATE_HOME/skypie`, else `~/.local/state/skypie`:
/// the same whichever folder the plan is reopened from, and kept over a restart), the current
/// folder, the temporary folder, and `/tmp` (README, "Saving, merging and recovery"). A plan
/// reopened looks in each. Edits kept in the current folder were offered only to a session
/// started from that folder, and a temporary folder that could not take them was the last try.
pub(super) fn fallback_folders() -> Vec<PathBuf> {
    fallbacks_in(
        std::env::var_os("XDG_STATE_HOME").map(PathBuf::from),
        std::env::var_os("HOME").map(PathBuf::from),
        std::env::current_dir().ok(),
        std::env::temp_dir(),
    )
}

/// skypie's folder in the user's state folder.
const STATE_FOLDER: &str = "skypie";

/// Marks the recovery file `recovery` as loaded and saved into `plan` at `when`
/// ([`recovery::with_taken`]), its permissions kept: the next open does not offer it again.
pub(super) fn mark_taken(recovery: &Path, plan: &Path, when: &str) -> Result<(), String> {
    let text = read_text(&Source::file(recovery)).map_err(|e| e.first())?;
    let marked = recovery::with_taken(&text, plan, when);
    // A file already there keeps its own permissions.
    crate::files::write_file_as(recovery, marked.as_bytes(), mode_for_copies_of(Some(plan)))
        .map_err(|e| e.to_string())
}

/// [`fallback_folders`] from the state folder and home the environment names, the current
/// folder and the temporary folder; each once.
pub(super) fn fallbacks_in(
    state_home: Option<PathBuf>,
    home: Option<PathBuf>,
    current: Option<PathBuf>,
    temporary: PathBuf,
) -> Vec<PathBuf> {
    // A relative XDG_STATE_HOME is to be ignored (the XDG Base Directory Specification).
    let state = state_home
        .filter(|state| state.is_absolute())
        .or_else(|| Some(home.filter(|home| home.is_absolute())?.join(".local/state")))
        .map(|state| state.join(STATE_FOLDER));
    let folders = [state, current, Some(temporary), Some(PathBuf::from("/tmp"))];
    let mut unique: Vec<PathBuf> = Vec::new();
    for folder in folders.into_iter().flatten() {
        if !unique.contains(&folder) {
            unique.push(folder);
        }
    }
    unique
}

/// `file` as a recovery file kept elsewhere names it: its full path, links resolved where it
/// still exists, else from the folder the session started in ([`started_in`]).
pub(super) fn full_path(file: &Path) -> PathBuf {
    fs::canonicalize(file)
        .ok()
        .or_else(|| full_path_from(file, started_in()?))
        .unwrap_or_else(|| file.to_path_buf())
}

/// `file` as a full path, a relative one read from `folder`.
pub(super) fn full_path_from(file: &Path, folder: &Path) -> Option<PathBuf> {
    std::path::absolute(folder.join(file)).ok()
}

/// The folder skypie started in, which every relative name it is given is relative to (it
/// never changes folder): asked once, at the start (`run` asks first), since a folder deleted
/// since has no name left to ask for. A session started in the plan's folder, which was then
/// deleted, named its edits "of plan.toml", and another folder's plan.toml was offered them.
pub(super) fn started_in() -> Option<&'static Path> {
    static STARTED_IN: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    STARTED_IN
        .get_or_init(|| std::env::current_dir().ok())
        .as_deref()
}

/// The recovery files of `file` (or of the built-in scenario in the current folder), newest
/// first, for the app to offer the newest with something left to offer: beside it, or in one
/// of the `fallbacks` when it names `file` as its own.
/// Each candidate is read once; one that cannot be read is listed with why (the session names
/// it beside an older one it offers), and one that is no file (a folder of that name) is
/// passed over.
pub(super) fn find_recovery(file: Option<&Path>, fallbacks: &[PathBuf]) -> Option<Msg> {
    // Opened through a symbolic link, the file's recovery files are beside the file the link
    // leads to (where its saves go), or beside the link (where earlier versions kept them).
    let real = file.map(led_to);
    let mut names = vec![file];
    if real.as_deref() != file {
        names.push(real.as_deref());
    }
    let mut found: Vec<(PathBuf, RecoveryText)> = Vec::new();
    for name in &names {
        // A link and its target of one name share the fallback folders' files, and a folder
        // link's files are its folder's (`scur/…` and `/…/q1/…`, one file counted as "1
        // older recovery file beside it"): once each.
        for recovery in recoveries_under(*name, file, fallbacks) {
            if !found
                .iter()
                .any(|(path, _)| *path == recovery.0 || same_file(path, &recovery.0))
            {
                found.push(recovery);
            }
        }
    }
    recovery::newest_first(&names, &mut found);
    let saved_since = saved_after(file, &found);
    (!found.is_empty()).then_some(Msg::RecoveryFound { found, saved_since })
}

/// The recovery files among `found` that `file` was saved after: its modification time is
/// later than theirs (a recovery file is written once, as its session ends).
fn saved_after(file: Option<&Path>, found: &[(PathBuf, RecoveryText)]) -> Vec<PathBuf> {
    let modified = |path: &Path| fs::metadata(path).and_then(|meta| meta.modified()).ok();
    let Some(saved) = file.and_then(modified) else {
        return Vec::new();
    };
    found
        .iter()
        .filter(|(path, _)| modified(path).is_some_and(|kept| kept < saved))
        .map(|(path, _)| path.clone())
        .collect()
}

/// A recovery file's text, or why it cannot be read.
type RecoveryText = Result<String, ScenarioError>;

/// The recovery files named after `name` (`file` itself, or the file its links lead to), with
/// their texts: beside it, or in one of the `fallbacks` when they name `file` as their own
/// (the built-in scenario's when they name none).
/// One beside it that cannot be read is listed with why; one elsewhere that cannot be read is
/// not (another folder's plan of the same name may have left it there).
fn recoveries_under(
    name: Option<&Path>,
    file: Option<&Path>,
    fallbacks: &[PathBuf],
) -> Vec<(PathBuf, RecoveryText)> {
    let read_all =
        |folder: &Path, place: &dyn Fn(OsString) -> PathBuf| -> Vec<(PathBuf, RecoveryText)> {
            let names: Vec<OsString> = fs::read_dir(folder)
                .into_iter()
                .flatten()
                .filter_map(|entry| Some(entry.ok()?.file_name()))
                .collect();
            recovery::recovery_files(name, &names)
                .into_iter()
                .map(place)
                .filter_map(|path| match fs::metadata(&path) {
                    // No file a session's edits were written to: a folder or a pipe of that name,
                    // or one gone since the folder was listed (or a link to nothing). A pipe is
                    // never opened: with no writer, reading it would wait for good.
                    Ok(meta) if !meta.is_file() => None,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                    _ => Some((path.clone(), read_text(&Source::file(&path)))),
                })
                .collect()
        };
    // Whether the file a recovery file names on its second line is this file; `None` for one
    // that names none (written before recovery files named theirs).
    let full = file.map(full_path);
    // A relative name (written before they were always full) says no folder: no file's.
    let names_this = |text: &str| {
        recovery::origin(text).map(|origin| {
            origin.is_absolute()
                && (full.as_ref() == Some(&origin)
                    || file.is_some_and(|file| same_path(&origin, file)))
        })
    };
    // Beside this file, one that names another file is not this file's: another session kept
    // it here for a plan of the same name whose own folder could not take it.
    let beside = recovery::folder(name);
    let beside_path = |recovery: OsString| match name {
        Some(name) => name.with_file_name(recovery),
        None => PathBuf::from(recovery),
    };
    let mut found: Vec<(PathBuf, RecoveryText)> = read_all(&beside, &beside_path)
        .into_iter()
        .filter(|(_, read)| match read {
            Ok(text) => file.is_none() || names_this(text) != Some(false),
            Err(_) => true,
        })
        .collect();
    // Elsewhere, only one that names this file (another folder's plan.toml shares its name);
    // for the built-in scenario, one that names no file: the built-in scenario's, kept there
    // when the folder its session started in could not take it, and offered to it anywhere
    // (it is the same plan everywhere; it was offered nowhere).
    let elsewhere = fallbacks
        .iter()
        .filter(|folder| !same_path(folder, &beside));
    // Only the user's own: /tmp is everyone's, and a file anyone can leave there would
    // otherwise be offered as this user's edits.
    let mine = |path: &Path| {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).is_ok_and(|meta| meta.uid() == rustix::process::getuid().as_raw())
    };
    for folder in elsewhere {
        found.extend(
            read_all(folder, &|name| folder.join(name))
                .into_iter()
                .filter(|(path, read)| {
                    mine(path)
                        && read.as_ref().is_ok_and(|text| match file {
                            Some(_) => names_this(text) == Some(true),
                            None => recovery::origin(text).is_none(),
                        })
                }),
        );
    }
    found
}

/// Writes the unsaved edits to a new recovery file (never over an older one) after the
/// session ended abruptly: of the plan `file`, beside `led`, else in one of the `fallbacks`,
/// naming the file it belongs to, and `mode`, its permissions ([`kept_text`]).
pub(super) fn recover(
    app: &App,
    file: Option<&Path>,
    led: Option<&Path>,
    mode: u32,
    fallbacks: &[PathBuf],
) -> Option<std::io::Result<PathBuf>> {
    Some(keep_edits(file, led, kept_text(app, mode)?, fallbacks))
}

/// What a recovery file keeps of `app` ([`App::recovery_text`]; `None` without unsaved
/// edits): of a plan, with its permissions, `mode` ([`PlanMode`](super::disk::PlanMode)), for
/// the plan taken up from it to get them back, whatever the recovery file's own.
pub(super) fn kept_text(app: &App, mode: u32) -> Option<String> {
    let text = app.recovery_text()?;
    Some(match app.file {
        Some(_) => recovery::with_mode(&text, mode),
        None => text,
    })
}

/// [`recover`] of `text`, the plan `file` with its unsaved edits, beside `led`, the file its
/// name led to when the session last read or saved it ([`super::Shell::resolved_plan`]).
pub(super) fn keep_edits(
    file: Option<&Path>,
    led: Option<&Path>,
    text: String,
    fallbacks: &[PathBuf],
) -> std::io::Result<PathBuf> {
    let stamp = chrono::Local::now()
        .format(recovery::STAMP_FORMAT)
        .to_string();
    // Opened through a symbolic link: beside the file the link leads to, where its saves go,
    // and named after it, for a session opening that file by its own name to find; led to
    // when the session last read or saved it (a link pointed at another plan since took this
    // plan's edits there, and offered them to that plan).
    let real = file.map(|file| led_or_now(file, led));
    let failed = match create_recovery(real.as_deref(), None, &stamp, &text) {
        Ok(path) => return Ok(path),
        Err(error) => error.to_string(),
    };
    // Beside the file is gone or shut (its folder deleted, say): the fallback folders
    // ([`fallback_folders`]), so that the edits are kept somewhere the message names. There the
    // file's full name goes on the second line, for the next session on it to find.
    let text = match file {
        Some(file) => recovery::with_origin(&text, &full_path(file)),
        None => text,
    };
    let beside = recovery::folder(real.as_deref());
    in_a_fallback(fallbacks, &beside, failed, |folder| {
        create_recovery(real.as_deref(), Some(folder), &stamp, &text)
    })
}

/// Writes a file by `create` in the first of the `fallbacks` that takes it ([`fallback_folders`],
/// but `beside`, which `failed` already says could not), or says why none did.
pub(super) fn in_a_fallback(
    fallbacks: &[PathBuf],
    beside: &Path,
    mut failed: String,
    create: impl Fn(&Path) -> Result<PathBuf, WriteError>,
) -> std::io::Result<PathBuf> {
    for folder in fallbacks.iter().filter(|f| !same_path(f, beside)) {
        // skypie's state folder may not be there yet: made private, as the plans it keeps (no
        // other folder is made: a temporary folder gone is not skypie's to make).
        if folder.file_name() == Some(STATE_FOLDER.as_ref()) {
            let _ = fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(folder);
        }
        match create(folder) {
            Ok(path) => return Ok(path),
            Err(error) => failed += &format!("; nor {error}"),
        }
    }
    Err(std::io::Error::other(failed))
}

/// Writes `text` as a new recovery file of `file` beside it, or in `folder`, numbered past the
/// names taken there (README: `-2`, `-3`): the name is chosen among those not taken and created
/// only if still free, so a second session that took it meanwhile sends this one to the next.
pub(super) fn create_recovery(
    file: Option<&Path>,
    folder: Option<&Path>,
    stamp: &str,
    text: &str,
) -> Result<PathBuf, WriteError> {
    let placed = |path: &Path| match folder {
        Some(folder) => folder.join(path.file_name().unwrap_or_default()),
        None => path.to_path_buf(),
    };
    loop {
        let name =
            recovery::recovery_path(file, stamp, |p| fs::symlink_metadata(placed(p)).is_ok());
        let path = placed(&name);
        match create_new_file(&path, text.as_bytes(), mode_for_copies_of(file)) {
            Ok(()) => return Ok(path),
            Err(e) if already_exists(&e) => continue,
            Err(e) => return Err(e),
        }
    }
}
