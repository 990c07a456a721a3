//! The save lock: a save holds its file locked against another skypie saving it at once.

use std::fs;
use std::io;
use std::path::Path;

use super::folder_of;
use super::tracking::FileId;

/// The file `path` leads to, locked against another skypie saving it (an exclusive advisory
/// `flock`) until the handle is dropped, or, where there is no file (yet, or any more), its
/// folder; `None` when the file system takes no locks. A save reads, compares and replaces
/// the file while it holds this: without it, two sessions saving one file at once each found
/// it as they last saw it (or both found it deleted), both said "saved", and the later rename
/// dropped the other's edit. A rename puts a new file under the name, so the lock is taken
/// again until what is locked is still what the name leads to: the save that waited then
/// reads what the other wrote, and asks.
pub fn lock_for_saving(path: &Path) -> io::Result<Option<fs::File>> {
    let started = std::time::Instant::now();
    loop {
        let (held, a_file) = match fs::File::open(path) {
            Ok(file) => (file, true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                match fs::File::open(folder_of(path)) {
                    Ok(folder) => (folder, false),
                    // No folder: the write says so.
                    Err(_) => return Ok(None),
                }
            }
            Err(e) => return Err(e),
        };
        if !wait_for_lock(&held, started)? {
            return Ok(None);
        }
        let still = match (a_file, fs::metadata(path)) {
            (true, Ok(now)) => {
                let locked = held.metadata()?;
                FileId::of(&now) == FileId::of(&locked)
            }
            (false, Err(e)) => e.kind() == io::ErrorKind::NotFound,
            _ => false,
        };
        if still {
            return Ok(Some(held));
        }
        // Replaced (or made, or deleted) since it was opened: what is there now, in a moment.
        if started.elapsed() >= SAVE_LOCK_WAIT {
            return Err(locked_too_long());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Why a save waited in vain.
fn locked_too_long() -> io::Error {
    io::Error::other(format!(
        "another program has held it locked for {} seconds (another session saving it?); try \
         again",
        SAVE_LOCK_WAIT.as_secs()
    ))
}

/// How long a save waits for another's to finish before saying so.
const SAVE_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Waits, until [`SAVE_LOCK_WAIT`] after `started`, for an exclusive lock on `file`; `false`
/// when its file system takes no locks.
pub(super) fn wait_for_lock(file: &fs::File, started: std::time::Instant) -> io::Result<bool> {
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(true),
            Err(fs::TryLockError::WouldBlock) if started.elapsed() < SAVE_LOCK_WAIT => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(fs::TryLockError::WouldBlock) => return Err(locked_too_long()),
            Err(fs::TryLockError::Error(_)) => return Ok(false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_lock_follows_the_name_to_the_file_written_since_and_gives_up_in_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml");
        fs::write(&path, "first").unwrap();
        // Another save holds the first file, then renames a second over it and lets go.
        let other = fs::File::open(&path).unwrap();
        other.lock().unwrap();
        let second = dir.path().join("second");
        fs::write(&second, "second").unwrap();
        let ours = {
            let path = path.clone();
            std::thread::spawn(move || lock_for_saving(&path))
        };
        std::thread::sleep(std::time::Duration::from_millis(100));
        fs::rename(&second, &path).unwrap();
        drop(other);
        let held = ours.join().unwrap().unwrap().expect("locked");
        // What is locked is what the name leads to now, not the file renamed away.
        let (now, locked) = (fs::metadata(&path).unwrap(), held.metadata().unwrap());
        assert_eq!(FileId::of(&now), FileId::of(&locked));
        // While held, another save waits, then says why, in time.
        let error = lock_for_saving(&path).unwrap_err().to_string();
        assert!(error.contains("held it locked for 5 seconds"), "{error}");
        // No file: its folder is held, so two saves of a deleted file wait for each other.
        drop(held);
        let gone = dir.path().join("gone.toml");
        let folder = lock_for_saving(&gone).unwrap().expect("the folder locked");
        assert!(folder.metadata().unwrap().is_dir());
        assert!(lock_for_saving(&gone).is_err());
    }
}
