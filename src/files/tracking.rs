//! A file known by more than its name: whether two paths are one file, and where a plan is
//! once its folder was renamed or moved ([`Whereabouts`], by device and inode).

use std::fs::{self, OpenOptions};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::folder_of;
use super::links::{link_target, resolve_links};

/// Whether two paths name one file, so that writing one would replace the other: the same
/// regular file (device and inode, after links) when both exist, else the same name in the
/// same folder once links are followed, as the writer follows them (a dangling link names
/// the file it would create). Standard input is compared by its path
/// ([`Source::path`](skypie::source::Source::path)): the file it reads when that is a regular
/// file (`< plan.toml`). Anything that is not a regular file (`/dev/null`, a FIFO: written
/// into, never replaced) names no file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    matches!((identity(a), identity(b)), (Some(x), Some(y)) if x == y)
}

/// Whether writing `a` writes `b`: the same path once every link is followed (the writer
/// replaces the file a chain of links ends at). Unlike [`same_file`], two hard links of one
/// file are two names: a write replaces one and leaves the other with the old text. False
/// when either does not exist.
pub fn same_path(a: &Path, b: &Path) -> bool {
    matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
}

/// Where a file is, known by more than its name: its name in a folder known by device and
/// inode, which a rename of the folder (`d1/` → `d3/`) keeps ([`moved_with_its_folder`]), and
/// the file's own device and inode, which a move keeps ([`Whereabouts::is_the_file_at`]).
#[derive(Debug, Clone)]
pub struct Whereabouts {
    /// The path it was found by (a file's, so it has a name).
    path: PathBuf,
    folder: FileId,
    file: Option<FileId>,
    /// The folder itself, held open (nothing is read through it) for as long as these
    /// whereabouts are kept: the system names it wherever it is renamed to
    /// ([`Whereabouts::now`]). `None` where it could not be opened.
    held: Option<std::sync::Arc<fs::File>>,
}

/// Where the file `path` names is: `None` when its folder is not there.
pub fn whereabouts(path: &Path) -> Option<Whereabouts> {
    path.file_name()?;
    let folder = folder_of(path);
    Some(Whereabouts {
        path: path.to_path_buf(),
        folder: inode(folder)?,
        file: inode(path),
        held: hold(folder).map(std::sync::Arc::new),
    })
}

/// A file or folder as the system knows it, whatever its name: two paths that lead to the
/// same one name one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FileId {
    /// The file system it is on: each numbers its inodes from its own start.
    device: u64,
    /// Its number on that file system, which a rename or a link keeps.
    inode: u64,
}

impl FileId {
    /// The identity of the file or folder `meta` describes.
    pub(super) fn of(meta: &fs::Metadata) -> FileId {
        FileId {
            device: meta.dev(),
            inode: meta.ino(),
        }
    }
}

/// The device and inode of the file or folder at `path`, links followed: what it is, whatever
/// its name.
pub(super) fn inode(path: &Path) -> Option<FileId> {
    fs::metadata(path).ok().map(|m| FileId::of(&m))
}

/// `folder` held open for its name, with nothing read through it: Linux's path-only
/// descriptor, which needs no permission to read the folder and never waits on what it names
/// (elsewhere, opened to read). It keeps the folder's file system busy, as a shell's current
/// folder does: a USB stick holding the plan cannot be unmounted while its session runs.
fn hold(folder: &Path) -> Option<fs::File> {
    let mut open = OpenOptions::new();
    open.read(true);
    #[cfg(target_os = "linux")]
    open.custom_flags((rustix::fs::OFlags::PATH | rustix::fs::OFlags::DIRECTORY).bits() as i32);
    open.open(folder).ok()
}

impl Whereabouts {
    /// The file's name in its folder.
    fn name(&self) -> &std::ffi::OsStr {
        self.path.file_name().unwrap_or_default()
    }

    /// Where the file is now by its folder: its name, in the folder as it is named now
    /// (renamed, or moved whole, since), as the system tells it of the folder held open
    /// (Linux's `/proc/self/fd`). `None` where that cannot be told (no such names to ask),
    /// and for a folder deleted, or moved into a trash, which is deleting it for later (a
    /// file manager's; what was kept there would go when it is emptied).
    pub fn now(&self) -> Option<PathBuf> {
        use std::os::fd::AsRawFd;
        let held = self.held.as_ref()?;
        let folder = fs::read_link(format!("/proc/self/fd/{}", held.as_raw_fd())).ok()?;
        // A folder deleted is named "… (deleted)": the name is taken only when it leads to
        // the folder held.
        let here = inode(&folder) == Some(self.folder);
        (here && !in_a_trash(&folder)).then(|| folder.join(self.name()))
    }

    /// Where the file is now ([`Whereabouts::now`]) when `led`, the path it was found by, no
    /// longer leads to it: `led`'s folder is gone, or is another folder made under its name
    /// since (`mv q3 q3-old; mkdir q3`). `None` when `led` is in the file's folder still, is
    /// another path (a plan reloaded through a link pointed elsewhere is that other plan), or
    /// where the folder is now cannot be told.
    pub fn elsewhere_than(&self, led: &Path) -> Option<PathBuf> {
        if led != self.path {
            return None;
        }
        if inode(folder_of(led)) == Some(self.folder) {
            return None;
        }
        self.now()
    }

    /// The file's new name once `led`, the path it was found by, is gone from its folder and
    /// the file renamed within it (`mv cmp.toml cmp.toml.bak`): found by device and inode among
    /// the folder's entries, listed only then. A name to say, never to save into: a rename is
    /// as often a copy set aside.
    pub fn renamed_within(&self, led: &Path) -> Option<PathBuf> {
        let file = self.file?;
        let folder = folder_of(led);
        if led != self.path
            || inode(folder) != Some(self.folder)
            || fs::symlink_metadata(led).is_ok()
        {
            return None;
        }
        let names = fs::read_dir(folder).ok()?.flatten();
        names
            .map(|entry| led.with_file_name(entry.file_name()))
            .find(|path| {
                fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && FileId::of(&m) == file)
            })
    }

    /// Whether the file at `path` (links followed) is this one, by device and inode: moved
    /// there, or named there by a link, since. (An inode freed by a deletion may be given to
    /// a new file: a rare "same file" where it is another.)
    pub fn is_the_file_at(&self, path: &Path) -> bool {
        self.file.is_some() && inode(path) == self.file
    }
}

/// Whether `path` names the file that was at `was`, moved with its folder since (renamed, or
/// moved whole; a folder made anew under the old name is another): the folder `path` is in
/// is that folder, by device and inode, and the file's name the same. Links in `path` are
/// followed.
pub fn moved_with_its_folder(was: &Whereabouts, path: &Path) -> bool {
    let here = whereabouts(&link_target(path));
    here.is_some_and(|here| here.folder == was.folder && here.name() == was.name())
}

/// Where the plan is now when `led`, the file its name led to when the session last read or
/// saved it, is no longer in the folder it was in then (`was`): that folder renamed or moved
/// since, the plan is where the folder is now ([`Whereabouts::elsewhere_than`]).
pub fn moved_since(led: Option<&Path>, was: Option<&Whereabouts>) -> Option<PathBuf> {
    led.zip(was).and_then(|(led, was)| was.elsewhere_than(led))
}

/// The plan an ending keeps and logs the edits of, and where: the plan `file`, beside `led`,
/// the file its name led to when the session last read or saved it; unless the plan was
/// moved with its folder since ([`moved_since`]): its edits are kept beside it, named after
/// it. A session killed after `d1/` was renamed `d3/` kept its edits in skypie's state
/// folder, named after `d1/p.toml`, and a session on `d3/p.toml` was never offered them; a
/// folder made anew under the old name (`mv q3 q3-old; mkdir q3`) took the edits of the plan
/// in `q3-old/`.
pub fn ending_at(
    file: Option<PathBuf>,
    led: Option<PathBuf>,
    was: Option<&Whereabouts>,
) -> (Option<PathBuf>, Option<PathBuf>) {
    match moved_since(led.as_deref(), was) {
        Some(now) => (Some(now.clone()), Some(now)),
        None => (file, led),
    }
}

/// Whether `path` is inside a trash as the freedesktop.org specification lays them out
/// (`~/.local/share/Trash/files/…`, `/media/usb/.Trash-1000/files/…`, `.Trash/1000/files/…`).
fn in_a_trash(path: &Path) -> bool {
    path.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name == "Trash" || name == ".Trash" || name.starts_with(".Trash-")
    })
}

/// What [`same_file`] compares.
#[derive(PartialEq)]
enum Identity {
    Inode(FileId),
    Name(PathBuf),
}

fn identity(path: &Path) -> Option<Identity> {
    if let Ok(meta) = fs::metadata(path) {
        return meta.is_file().then(|| Identity::Inode(FileId::of(&meta)));
    }
    let real = resolve_links(path).ok()?.real;
    let folder = folder_of(&real);
    Some(Identity::Name(
        fs::canonicalize(folder).ok()?.join(real.file_name()?),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ending_keeps_edits_where_the_plans_folder_is_now() {
        let dir = tempfile::tempdir().unwrap();
        let (d1, d3) = (dir.path().join("d1"), dir.path().join("d3"));
        fs::create_dir(&d1).unwrap();
        let plan = d1.join("plan.toml");
        fs::write(&plan, "schema = 1\n").unwrap();
        let was = whereabouts(&plan);
        let link = dir.path().join("link.toml");
        // The plan's name (a link, here) and where it led, as the ending takes them.
        let ending = |led: &Path| {
            let (file, led) = ending_at(Some(link.clone()), Some(led.to_path_buf()), was.as_ref());
            (file.unwrap(), led.unwrap())
        };
        assert_eq!(ending(&plan), (link.clone(), plan.clone()), "nothing moved");
        // Renamed: where it is now (it was d1/, which is gone), and named so: a recovery file
        // kept elsewhere names d3/plan.toml as its plan.
        fs::rename(&d1, &d3).unwrap();
        let (file, led) = ending(&plan);
        assert!(same_path(&led, &d3.join("plan.toml")), "{led:?}");
        assert_eq!(file, led);
        // A folder made anew under the old name is another plan's: still d3/.
        fs::create_dir(&d1).unwrap();
        fs::write(d1.join("plan.toml"), "another plan").unwrap();
        let (_, led) = ending(&plan);
        assert!(same_path(&led, &d3.join("plan.toml")), "{led:?}");
        // Another path than the plan's (a link's target, the plan reloaded through it): left
        // as it is, even of the same name in another folder.
        let folder_link = dir.path().join("cur");
        std::os::unix::fs::symlink("d1", &folder_link).unwrap();
        let other = folder_link.join("plan.toml");
        assert_eq!(ending(&other).1, other);
        // Moved into a trash (a file manager's delete): deleted, so the name the plan had
        // (the fallback folders then), not the trash, emptied some day.
        let trash = dir.path().join(".local/share/Trash/files");
        fs::create_dir_all(&trash).unwrap();
        fs::rename(&d3, trash.join("d3")).unwrap();
        assert_eq!(ending(&plan).1, plan);
        // Deleted: nowhere to tell.
        fs::remove_dir_all(trash.join("d3")).unwrap();
        assert_eq!(ending(&plan).1, plan);
    }

    #[test]
    fn same_file_sees_through_links_and_other_spellings_of_a_path() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan.toml");
        fs::write(&plan, "schema = 1\n").unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&plan, &link).unwrap();
        let other = dir.path().join("sub/../plan.toml");
        fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(same_file(&plan, &link));
        assert!(same_file(&plan, &other));
        let new = dir.path().join("out.csv");
        assert!(
            same_file(&new, &dir.path().join("sub/../out.csv")),
            "not there yet"
        );
        assert!(!same_file(&plan, &new));
        let dangling = dir.path().join("dangling.csv");
        std::os::unix::fs::symlink(&new, &dangling).unwrap();
        assert!(
            same_file(&dangling, &new),
            "a dangling link names what it would create"
        );
        assert!(!same_file(Path::new("/dev/null"), Path::new("/dev/null")));
    }
}
