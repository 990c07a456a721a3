//! Where a name leads once its symbolic links are followed, as a save follows them: the file
//! a write replaces, and whether the way there passes through `/proc`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Symbolic links followed before giving up (Linux's own limit).
const MAX_LINKS: usize = 40;

/// The file `path` names once its symbolic links are followed, where a save writes: `path`
/// itself when it is no link (or a chain that cannot be read).
pub fn link_target(path: &Path) -> PathBuf {
    resolve_links(path).map_or_else(|_| path.to_path_buf(), |resolved| resolved.real)
}

/// Where a chain of symbolic links ends.
pub(super) struct Resolved {
    /// The file the last link names (which may not exist yet).
    pub(super) real: PathBuf,
    /// Whether the chain passes through `/proc` (`/dev/stdout` is a link to
    /// `/proc/self/fd/1`): a process's open file, to be written into, never replaced.
    pub(super) through_proc: bool,
}

/// Whether `path` reaches its file through `/proc`: a process's open file by another name
/// (`/dev/stdin`, `/dev/fd/0`, `/proc/self/fd/0`), a regular file when the shell redirects one
/// in (`< plan.toml`), but no name of a folder of the user's.
pub fn through_proc(path: &Path) -> bool {
    resolve_links(path).is_ok_and(|resolved| resolved.through_proc)
}

/// Follows the symbolic links from `path`, each link's target read relative to the folder the
/// link is in.
pub(super) fn resolve_links(path: &Path) -> io::Result<Resolved> {
    let mut current = path.to_path_buf();
    let mut through_proc = false;
    for _ in 0..MAX_LINKS {
        // `/proc/self/fd/1`, or a name whose folder is a link there (`/dev/fd/1`).
        let folder_in_proc = || {
            current
                .parent()
                .and_then(|folder| fs::canonicalize(folder).ok())
                .is_some_and(|folder| folder.starts_with("/proc"))
        };
        through_proc |= current.starts_with("/proc") || folder_in_proc();
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(folder) if target.is_relative() => folder.join(target),
                    _ => target,
                };
            }
            _ => {
                return Ok(Resolved {
                    real: current,
                    through_proc,
                });
            }
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}
