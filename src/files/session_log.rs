//! The live session's log (`<plan>.session.md`), appended to: locked, placed for what it holds
//! by then, flushed, and taken back when cut short; never into what no log goes into (a
//! scenario, a `.toml` file, a pipe or a device).

use std::fs::{self, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use super::WriteError;
use super::lock::wait_for_lock;
use super::outputs::{Protected, kept_from_outputs};
use super::write::refuse_read_only;

/// Appends to `path` (created with permissions `mode`, less the umask, if missing) the text
/// `placed` makes of what the file holds once this append has its lock (as far as it can be
/// read; a byte that is no text as U+FFFD), and flushes it to disk: the live session's log, its rows placed for the log as it
/// is, not as it was before another session's append that came in between (read before the
/// lock, a session's rows went on under the other's table, without their own heading). A
/// read-only file is refused as [`write_file`](super::write_file) refuses it, and so is what
/// no log is appended to ([`WriteError::NotALog`]: a scenario, a `.toml` file, a pipe, a
/// device or a socket).
pub fn append_file(
    path: &Path,
    placed: impl FnOnce(&str) -> String,
    mode: u32,
) -> Result<(), WriteError> {
    let fail = |reason| WriteError::Io {
        path: path.to_path_buf(),
        reason,
    };
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(WriteError::Folder {
                path: path.to_path_buf(),
            });
        }
        Ok(meta) if meta.is_file() => refuse_read_only(path, &meta)?,
        Ok(_) => return Err(not_a_log(path, format!("is {}", super::SPECIAL))),
        _ => {}
    }
    match kept_from_outputs(path) {
        Some(Protected::SessionLog(_)) | None => {}
        Some(kept) => return Err(not_a_log(path, kept.what(path))),
    }
    let made_here = fs::symlink_metadata(path).is_err();
    let open = |read| {
        OpenOptions::new()
            .read(read)
            .create(true)
            .append(true)
            .mode(mode)
            .open(path)
    };
    // A log this user may append to but not read (0200) is appended to all the same, placed
    // for an empty one.
    let mut file = match open(true) {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => open(false),
        opened => opened,
    }
    .map_err(fail)?;
    // Another session appending to the same log waits for this one (where the file system
    // has locks), so that taking back a cut-short text below never takes back its text; for
    // a while only (a save holds its plan's lock meanwhile, on the session's one thread).
    wait_for_lock(&file, std::time::Instant::now()).map_err(fail)?;
    // As far as it reads, its bytes that are no text replaced: one stray byte made the whole
    // log read as empty, and each append repeat its session's heading.
    let mut now = Vec::new();
    let _ = file.read_to_end(&mut now);
    let text = placed(&String::from_utf8_lossy(&now));
    let before = file.metadata().map_err(fail)?.len();
    // A text cut short (a full disk) is taken back: the log ends where it did, or, made here,
    // is removed (a link's target is only cut back: the link is the user's).
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| {
            let _ = if made_here && before == 0 {
                fs::remove_file(path)
            } else {
                file.set_len(before)
            };
            fail(e)
        })
}

/// [`WriteError::NotALog`] of `path`, which `what` says it is.
fn not_a_log(path: &Path, what: String) -> WriteError {
    let link = fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink());
    let shown = skypie::text::printable(&path.to_string_lossy()).into_owned();
    WriteError::NotALog {
        path: path.to_path_buf(),
        what,
        remove: if link {
            format!("the link {shown}")
        } else {
            shown
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::is_link;

    #[test]
    fn a_session_log_is_never_appended_into_a_plan_or_a_pipe() {
        // A log named as the plan's, a link to the plan: every save appended the Markdown log
        // into the plan, which then no longer read. A pipe that no one reads: opening it
        // waited for good, and the session with it.
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan.toml");
        fs::write(&plan, "schema = 1\n").unwrap();
        let log = dir.path().join("plan.toml.session.md");
        std::os::unix::fs::symlink(&plan, &log).unwrap();
        let error = append_file(&log, |_| "| row |\n".to_string(), 0o666).unwrap_err();
        assert!(matches!(error, WriteError::NotALog { .. }), "{error}");
        let said = error.to_string();
        assert!(said.contains("leads to the scenario file"), "{said}");
        assert!(said.contains("remove the link"), "{said}");
        assert_eq!(fs::read_to_string(&plan).unwrap(), "schema = 1\n");
        let fifo = dir.path().join("other.toml.session.md");
        crate::files::make_fifo(&fifo, 0o644);
        let error = append_file(&fifo, |_| "| row |\n".to_string(), 0o666).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("is a pipe, a device or a socket"),
            "{error}"
        );
    }

    #[test]
    fn the_session_log_is_appended_to() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml.session.md");
        append_file(&path, |_| "one\n".to_string(), 0o666).unwrap();
        append_file(&path, |_| "two\n".to_string(), 0o666).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "one\ntwo\n");
    }

    #[test]
    fn a_log_s_rows_are_placed_for_what_it_holds_once_locked() {
        // Another session holds the log, appending its rows; ours, waiting, places its own for
        // the log with them (read before the lock, they went on under the other's table).
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml.session.md");
        fs::write(&path, "ours\n").unwrap();
        let mut other = OpenOptions::new().append(true).open(&path).unwrap();
        other.lock().unwrap();
        let ours = {
            let path = path.clone();
            std::thread::spawn(move || {
                append_file(
                    &path,
                    |now| {
                        if now.ends_with("ours\n") {
                            "row\n".to_string()
                        } else {
                            "ours, continued\nrow\n".to_string()
                        }
                    },
                    0o666,
                )
            })
        };
        // Ours has opened the log and waits (reading it first, it saw only its own rows).
        std::thread::sleep(std::time::Duration::from_millis(200));
        other.write_all(b"theirs\n").unwrap();
        other.unlock().unwrap();
        ours.join().unwrap().unwrap();
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "ours\ntheirs\nours, continued\nrow\n"
        );
        // A byte that is no text earlier in the log leaves what ends it to be read.
        fs::write(&path, b"\xff\nours\n").unwrap();
        let placed = |now: &str| {
            assert!(now.ends_with("ours\n"), "{now:?}");
            "row\n".to_string()
        };
        append_file(&path, placed, 0o666).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"\xff\nours\nrow\n");
    }

    #[test]
    fn a_log_text_cut_short_by_a_full_disk_is_taken_back() {
        // Checked in a child whose files cannot grow past 512 bytes.
        let Some(dir) = crate::files::in_a_size_limited_child(
            "files::session_log::tests::a_log_text_cut_short_by_a_full_disk_is_taken_back",
            |_| {},
        ) else {
            return;
        };
        let text = "x".repeat(4096);
        // A log made by this append is removed.
        let new = dir.join("new.session.md");
        assert!(append_file(&new, |_| text.clone(), 0o666).is_err());
        assert!(!new.exists(), "a log made here and cut short is removed");
        // A log that was there ends where it did, an empty one too (it is not removed).
        let kept = dir.join("kept.session.md");
        fs::write(&kept, "one\n").unwrap();
        assert!(append_file(&kept, |_| text.clone(), 0o666).is_err());
        assert_eq!(fs::read_to_string(&kept).unwrap(), "one\n");
        let empty = dir.join("empty.session.md");
        fs::write(&empty, "").unwrap();
        assert!(append_file(&empty, |_| text.clone(), 0o666).is_err());
        assert_eq!(
            fs::read_to_string(&empty).unwrap(),
            "",
            "still there, empty"
        );
        // A link to an empty log is the user's: it stays, and its file is only cut back.
        let link = dir.join("link.session.md");
        std::os::unix::fs::symlink(&empty, &link).unwrap();
        assert!(append_file(&link, |_| text.clone(), 0o666).is_err());
        assert!(is_link(&link), "the link stays");
        assert_eq!(fs::read_to_string(&empty).unwrap(), "");
    }
}
