//! The file system at the edge: reading scenario files safely, and writing files the way an
//! editor saves them (README, "Saving, merging and recovery"). Every file skypie writes is
//! written here; the live session's shell (`tui/mod.rs`) also looks at files itself (where a
//! name leads, what changed on disk, which recovery files there are).
//!
//! One job a file: [`read`] (text, and encodings diagnosed), [`write`](mod@write) (atomic
//! writes through links, and [`WriteError`]), [`links`] (where a name leads once its links
//! are followed), [`lock`] (save locks), [`tracking`] (a file and its folder by inode),
//! [`outputs`] (what an output must not replace), [`session_log`] (the live session's log,
//! appended to); all of it re-exported here.

use std::path::Path;

mod links;
mod lock;
pub mod names;
mod outputs;
mod read;
mod session_log;
mod tracking;
mod write;

pub use links::{link_target, through_proc};
pub use lock::lock_for_saving;
pub use names::{
    ONLY_AN_EXTENSION, SESSION_LOG_SUFFIX, export_extension, home_hint, named_as_data,
    named_session_log, named_toml, names_a_web_page, numbered, scenario_name,
};
pub use outputs::{
    Clash, FittedData, OwnOutput, Protected, being_read, first_clash, fitted_to, from_a_pipe,
    holds_a_scenario, kept_from_outputs, may_be_fitted_data, or_remove_the_link,
    other_than_an_earlier, standard_output_holds_a_scenario, the_pipe_read,
};
pub use read::{read_data, read_text, told_as_data};
pub use session_log::append_file;
pub use tracking::{
    Whereabouts, ending_at, moved_since, moved_with_its_folder, same_file, same_path, whereabouts,
};
pub use write::{
    STDOUT, STDOUT_TYPED, WriteError, already_exists, create_new_file, in_deleted_folder,
    is_folder_now, is_special, is_standard_output, mode_for_copies_of, mode_for_outputs_of,
    refuse_read_only_file, refuse_unwritable, refuses_writes, takes_new_files, write_file,
    write_file_as, write_file_in_mode, write_file_with,
};

/// What a folder is called where a file belongs, in the messages of reading and writing alike
/// (`plans.toml: found a folder, expected …`).
const FOLDER: &str = "a folder";

/// What [`is_special`] finds, in every message that refuses it (a save, an export, a session
/// log, `fit --into`, the quit question): what skypie edits, logs or exports is a regular file.
pub const SPECIAL: &str = "a pipe, a device or a socket";

/// A scenario file larger than this is refused rather than read whole.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The folder a file is (or would be) in: `.` for a bare name.
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    }
}

/// Whether `path` is a symbolic link: for the tests of writes through links and of the
/// session log.
#[cfg(test)]
fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path)
        .unwrap()
        .file_type()
        .is_symlink()
}

/// Makes a named pipe (a FIFO) at `path` with permissions `mode`, for the tests of what
/// skypie does with one.
#[cfg(test)]
pub fn make_fifo(path: &Path, mode: u32) {
    let mode = rustix::fs::Mode::from_raw_mode(mode);
    rustix::fs::mkfifoat(rustix::fs::CWD, path, mode).unwrap();
}

/// For a test of a write that a full disk cuts short: in the test process, runs the test
/// `name` (its path in the crate, `files::outputs::tests::…`) again as a child whose files
/// cannot grow past 512 bytes (the size limit, its signal ignored, fails a write as a full
/// disk does), in a folder `made_before` fills first, with no limit; checks that the child
/// passed, and returns `None`. In the child, the folder, where the test goes on.
#[cfg(test)]
pub fn in_a_size_limited_child(
    name: &str,
    made_before: impl FnOnce(&Path),
) -> Option<std::path::PathBuf> {
    const CHILD: &str = "SKYPIE_TEST_FULL_DISK";
    if let Some(folder) = std::env::var_os(CHILD) {
        return Some(folder.into());
    }
    let dir = tempfile::tempdir().unwrap();
    made_before(dir.path());
    let child = std::process::Command::new("sh")
        .args(["-c", "trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\""])
        .arg(std::env::current_exe().unwrap())
        .args(["--exact", name, "--test-threads=1"])
        .env(CHILD, dir.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&child.stdout);
    assert!(child.status.success(), "{said}");
    assert!(said.contains("1 passed"), "the child ran the test: {said}");
    None
}
