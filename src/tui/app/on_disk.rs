//! What is at a name on disk, put together from the session's questions to the file system
//! ([`super::Disk`]): a file there, or a folder a new file can be written in. The quit
//! question asks where the plan can still be saved, and save-as which name to suggest.

use std::path::Path;

use super::App;

impl App {
    /// Whether `folder` is a folder that takes a new file (not read-only).
    pub(super) fn takes_a_new_file(&self, folder: &Path) -> bool {
        (self.disk.is_folder)(folder) && (self.disk.takes_new_files)(folder)
    }

    /// Whether there is a file (not a folder, nor a pipe, a device or a socket) at `path`.
    pub(super) fn is_a_file(&self, path: &Path) -> bool {
        (self.disk.is_there)(path) && !(self.disk.is_folder)(path) && !(self.disk.is_special)(path)
    }
}
