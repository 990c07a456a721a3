//! Writing a file the way an editor saves it (README, "Saving, merging and recovery"):
//! through symbolic links, atomically (a temporary file, then a rename), keeping the file's
//! permissions and owner; and [`WriteError`], why a write is refused or failed, said before a
//! byte is written where it can be.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt, fchown};
use std::path::{Path, PathBuf};

use skypie::text::shown_path;

use super::links::resolve_links;
use super::tracking::inode;
use super::{FOLDER, folder_of, home_hint};

/// Why a file could not be written. Each names the path as the user gave it, so the edge can
/// print the error as it is.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file's permissions say it may not be written (checked on the mode bits too, so the
    /// refusal holds for root, whom the kernel would let through).
    #[error(
        "{}: the file is read-only; not overwriting it (save it under another name, or make it \
         writable first)",
        shown_path(path)
    )]
    ReadOnly { path: PathBuf },
    /// The kernel refuses writes to the file whatever its mode (EPERM: `chattr +i`, an
    /// append-only file): "make it writable" could not help.
    #[error(
        "{}: the file refuses writes whatever its permissions (marked immutable, `chattr +i`, \
         say); not overwriting it (save it under another name)",
        shown_path(path)
    )]
    Immutable { path: PathBuf },
    /// The file is on a file system mounted read-only, whatever its mode says ("make it
    /// writable" could not help).
    #[error(
        "{}: it is on a read-only file system; not overwriting it (save it under another name, \
         on another file system)",
        shown_path(path)
    )]
    ReadOnlyFileSystem { path: PathBuf },
    /// The path names a folder.
    #[error("{}: found {}, expected a file to write", shown_path(path), FOLDER)]
    Folder { path: PathBuf },
    /// The folder the new file would go in does not exist.
    #[error(
        "{}: cannot write: there is no folder {}{}",
        shown_path(path),
        shown_path(folder),
        home_hint(folder)
    )]
    NoFolder { path: PathBuf, folder: PathBuf },
    /// A name relative to the current folder, which was deleted while skypie stood in it
    /// (started in a folder since removed): no file can be made there, and a file elsewhere
    /// named from it cannot be replaced, as the temporary file's folder is named from the
    /// current folder's own name, which is gone.
    #[error(
        "{}: cannot write: the current folder was deleted{}",
        shown_path(path),
        full_path_hint(path)
    )]
    GoneFolder { path: PathBuf },
    /// A name ending in `/`, which only a folder can have.
    #[error(
        "{}: found a folder's name (it ends in /), expected a file to write",
        shown_path(path)
    )]
    FolderName { path: PathBuf },
    /// A file stands where the path has a folder (`plan.toml/x.html`).
    #[error(
        "{}: cannot write: {} is a file, not a folder",
        shown_path(path),
        shown_path(file)
    )]
    FileForFolder { path: PathBuf, file: PathBuf },
    /// The folder a new file would go in may not take one (`reason`: no permission, a
    /// read-only file system).
    #[error(
        "{}: cannot write a new file in {}: {reason}",
        shown_path(path),
        shown_path(folder)
    )]
    ClosedFolder {
        path: PathBuf,
        folder: PathBuf,
        reason: io::Error,
    },
    /// A session log's name that leads to what no log is appended to: a scenario or a `.toml`
    /// file (a link named as the log leading to the plan: every save appended the log into the
    /// plan, and broke it), a pipe, a device or a socket (opening a pipe that no one reads
    /// waited for good, and the session with it).
    #[error(
        "{}: not appended: it {what}, and a session log is a file of its own (remove {remove} \
         first)",
        shown_path(path)
    )]
    NotALog {
        path: PathBuf,
        what: String,
        remove: String,
    },
    /// The operating system refused (no space, no permission, ...). The
    /// reason is part of the message, not a separate source, so it is said once.
    #[error("{}: cannot write: {reason}", shown_path(path))]
    Io { path: PathBuf, reason: io::Error },
}

impl WriteError {
    /// Whether the file is standard output and its reader went away (`--draws /dev/stdout |
    /// head -1`): a closed standard output, not a failure to report. Another pipe or FIFO
    /// whose reader died (`--draws >(gzip > x.gz)` with a full disk) is still said.
    pub fn is_closed_pipe(&self) -> bool {
        let WriteError::Io { path, reason } = self else {
            return false;
        };
        reason.kind() == io::ErrorKind::BrokenPipe
            && inode(path).is_some_and(|file| inode(Path::new(STDOUT)) == Some(file))
    }
}

/// Standard output as a path: what an output named [`STDOUT_TYPED`] is written through.
pub const STDOUT: &str = "/dev/stdout";

/// What an output is named to be standard output (`--out -`), as a scenario is named to be
/// standard input.
pub const STDOUT_TYPED: &str = "-";

/// The names of standard output, written through the process's own descriptor.
const STANDARD_OUTPUT: [&str; 3] = [STDOUT, "/dev/fd/1", "/proc/self/fd/1"];

/// Whether `path` is standard output by one of its names (`/dev/stdout`, which `-` is as an
/// output): written through the process's own descriptor, never replaced.
pub fn is_standard_output(path: &Path) -> bool {
    STANDARD_OUTPUT.iter().any(|name| path == Path::new(name))
}

/// Writes `contents` to `path` the way an editor saves:
/// - through a symbolic link to the file it leads to (the link stays a link);
/// - a regular file is replaced atomically: a temporary file in the same folder, flushed to
///   disk, then renamed over it, so a crash leaves the old text or the new one, never half;
/// - an existing file keeps its permissions and, where permitted, its owner and group; a new
///   file gets the permissions the umask gives (0644 under umask 022), or fewer, made from a
///   plan ([`write_file_as`]);
/// - a read-only file is refused, never made writable;
/// - anything that is not a regular file (a FIFO, `/dev/null`, a terminal) is written
///   straight into, and so is a process's open file reached through `/proc` (redirected to a
///   file), which is appended to: the shell has truncated it if asked to;
/// - standard output by name (`/dev/stdout`, which `-` is) is written through the process's
///   own descriptor, so the text lands where the shell's next write expects it.
pub fn write_file(path: &Path, contents: &[u8]) -> Result<(), WriteError> {
    write_file_as(path, contents, ANY_NEW_FILE)
}

/// [`write_file`], where a new file is asked for permissions `new_mode` (less the umask)
/// rather than 0666: a file made from a plan ([`mode_for_outputs_of`]). An existing file keeps
/// its own.
pub fn write_file_as(path: &Path, contents: &[u8], new_mode: u32) -> Result<(), WriteError> {
    write_file_with(path, &mut |out| out.write_all(contents), new_mode)
}

/// The permissions asked for a new file made from no plan: the umask's, as for any file.
const ANY_NEW_FILE: u32 = 0o666;

/// Something that writes a file's contents into the writer it is given (perhaps more than
/// once: a fallback may start over on another file).
pub type Fill<'a> = &'a mut dyn FnMut(&mut dyn Write) -> io::Result<()>;

/// [`write_file_as`], with the contents streamed by `fill` (through a buffer) rather than held
/// in memory whole: the per-sample export, which can run to gigabytes.
pub fn write_file_with(path: &Path, fill: Fill, new_mode: u32) -> Result<(), WriteError> {
    write_file_keeping(path, fill, new_mode, Keeping::ItsMode)
}

/// [`write_file_as`], where the file gets exactly the permissions `mode`, whatever the umask
/// and a regular file already there have: a plan taken up from a recovery file gets back those
/// its session recorded (the copy's are the recovery file's, private in a fallback folder).
/// Rewritten in place, where its folder takes no new file, it keeps its own.
pub fn write_file_in_mode(path: &Path, contents: &[u8], mode: u32) -> Result<(), WriteError> {
    let fill = &mut |out: &mut dyn Write| out.write_all(contents);
    write_file_keeping(path, fill, mode, Keeping::Nothing)
}

/// What a write keeps of a regular file it replaces ([`write_file_with`],
/// [`write_file_in_mode`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keeping {
    /// Its permissions and, where permitted, its owner and group.
    ItsMode,
    /// Nothing: the file, there or new, gets exactly the permissions asked for.
    Nothing,
}

/// [`write_file_with`], keeping what `keeping` says of a regular file already there.
fn write_file_keeping(
    path: &Path,
    fill: Fill,
    new_mode: u32,
    keeping: Keeping,
) -> Result<(), WriteError> {
    let fail = |reason| WriteError::Io {
        path: path.to_path_buf(),
        reason,
    };
    // Standard output by name (`-` reaches here as /dev/stdout) is written through the
    // process's own descriptor, whose place in a file the shell shares: opened anew, it keeps
    // a place of its own, and what the shell writes next (`{ echo a; skypie eval … --out -;
    // echo b; } > log`) lands on skypie's text.
    if is_standard_output(path) {
        return fill_into(&mut io::stdout().lock(), fill).map_err(fail);
    }
    refuse_unwritable(path)?;
    // What the path leads to, as the kernel sees it (it follows /proc's links correctly,
    // where reading them as names would not).
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => write_into(path, fill, false).map_err(fail),
        Ok(meta) => match replaced(path, &meta).map_err(fail)? {
            Some(real) if keeping == Keeping::Nothing => replace(
                &real,
                fill,
                Replacing::Exactly {
                    mode: new_mode,
                    there: true,
                },
            )
            .map_err(fail),
            Some(real) => replace(&real, fill, Replacing::File(&meta)).map_err(fail),
            None => write_into(path, fill, true).map_err(fail),
        },
        // A new file, or a link to one that does not exist yet: create what the link names.
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let link = resolve_links(path).map_err(fail)?;
            let replacing = match keeping {
                Keeping::ItsMode => Replacing::Nothing(new_mode),
                Keeping::Nothing => Replacing::Exactly {
                    mode: new_mode,
                    there: false,
                },
            };
            replace(&link.real, fill, replacing).map_err(fail)
        }
        Err(e) => Err(fail(e)),
    }
}

/// Why a write to `path` would be refused before a byte is written: a folder, a name ending in
/// `/`, a new file in a folder that does not exist or where a file stands in a folder's place,
/// a read-only file, a path the system will not look up (a name too long, a folder that may
/// not be entered). Said by [`write_file_with`], and by `eval` and `report` before they compute
/// (an evaluation at 10M samples took half a minute before `--out nodir/x.csv` was refused).
/// Anything else the write itself finds.
pub fn refuse_unwritable(path: &Path) -> Result<(), WriteError> {
    if is_standard_output(path) {
        return Ok(());
    }
    if path.is_relative() && current_folder_deleted() {
        return Err(WriteError::GoneFolder {
            path: path.to_path_buf(),
        });
    }
    let typed = path.as_os_str().as_encoded_bytes();
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(WriteError::Folder {
            path: path.to_path_buf(),
        }),
        Ok(meta) if meta.is_file() => refuse_read_only(path, &meta),
        // `newdir/`: the kernel would refuse to make it a file, after the whole run.
        Err(_) if typed.ends_with(b"/") => Err(WriteError::FolderName {
            path: path.to_path_buf(),
        }),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => {
            let file = path
                .ancestors()
                .skip(1)
                .find(|folder| fs::metadata(folder).is_ok_and(|m| m.is_file()));
            Err(match file {
                Some(file) => WriteError::FileForFolder {
                    path: path.to_path_buf(),
                    file: file.to_path_buf(),
                },
                None => WriteError::Io {
                    path: path.to_path_buf(),
                    reason: e,
                },
            })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let Ok(link) = resolve_links(path) else {
                return Ok(());
            };
            let folder = folder_of(&link.real);
            match fs::metadata(folder) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => Err(WriteError::NoFolder {
                    path: path.to_path_buf(),
                    folder: folder.to_path_buf(),
                }),
                _ => refuse_closed_folder(path, folder),
            }
        }
        // A name too long, a folder that may not be entered: the write would fail alike.
        Err(reason) => Err(WriteError::Io {
            path: path.to_path_buf(),
            reason,
        }),
        // A FIFO, a device: written into.
        Ok(_) => Ok(()),
    }
}

/// The regular file a write to `path` (whose metadata, links followed, is `meta`) replaces:
/// the file the chain of links ends at; `None` when it is written into instead, as anything
/// that is not a regular file is, and a process's open file reached through `/proc`
/// (`/dev/stdout`, which is what `-` as an output is), which is appended to.
pub(super) fn replaced(path: &Path, meta: &fs::Metadata) -> io::Result<Option<PathBuf>> {
    if !meta.is_file() {
        return Ok(None);
    }
    let link = resolve_links(path)?;
    Ok((!link.through_proc).then_some(link.real))
}

/// Runs `fill` into `file` through a buffer, flushed at the end.
fn fill_into(file: &mut dyn Write, fill: Fill) -> io::Result<()> {
    let mut buffered = io::BufWriter::with_capacity(1 << 16, file);
    fill(&mut buffered)?;
    buffered.flush()
}

/// The permissions of a new file that holds what `plan` holds (its recovery files, its session
/// log): the plan's own, writable by its owner, so a private plan's copies stay private (they
/// were 0644 beside a 0600 plan); without a plan on disk to ask (its folder gone, when its
/// edits go to a folder others may read, such as /tmp), the owner's alone.
pub fn mode_for_copies_of(plan: Option<&Path>) -> u32 {
    match plan.and_then(|plan| fs::metadata(plan).ok()) {
        Some(meta) if meta.is_file() => mode_from(&meta),
        _ => 0o600,
    }
}

/// The permissions asked for a new file made from `plans` (an export, a copy, a report): no
/// more than each plan's own, writable by its owner, as `cp` gives a copy its source's, so a
/// private plan's outputs stay private (they were 0644 beside a 0600 plan), and a 0644 plan's
/// are 0644 under umask 002 (any new file's would be 0664). Made from no file on disk, 0666
/// less the umask, as any new file: the built-in scenario, or standard input from a pipe
/// (`gpg -d plan.gpg | skypie eval -`: mind the umask); standard input the shell redirected
/// from a file (`< plan.toml`) is that file.
pub fn mode_for_outputs_of<'a>(plans: impl IntoIterator<Item = &'a Path>) -> u32 {
    plans
        .into_iter()
        .filter_map(|plan| fs::metadata(plan).ok().filter(fs::Metadata::is_file))
        .fold(ANY_NEW_FILE, |mode, meta| mode & mode_from(&meta))
}

/// The permissions a new file made from the plan `meta` describes is asked for: no more than
/// the plan's, writable by its owner.
fn mode_from(meta: &fs::Metadata) -> u32 {
    ANY_NEW_FILE & (meta.permissions().mode() | 0o600)
}

/// Writes `contents` to a new file at `path` with permissions `mode` (less the umask),
/// refusing (with `AlreadyExists`) a path that exists, in one step the kernel makes atomic
/// (O_EXCL): recovery files, which must never replace one another even when two sessions
/// crash in the same second.
pub fn create_new_file(path: &Path, contents: &[u8], mode: u32) -> Result<(), WriteError> {
    let fail = |reason| WriteError::Io {
        path: path.to_path_buf(),
        reason,
    };
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)
        .map_err(fail)?;
    // A file cut short (a full disk) is no recovery file: it goes, and the caller tries
    // elsewhere.
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(|e| {
            let _ = fs::remove_file(path);
            fail(e)
        })
}

/// Whether the folder skypie stands in was deleted: `.` can still be looked at, but no file
/// can be made in it (the system's own word for it is "No such file or directory").
pub fn current_folder_deleted() -> bool {
    std::env::current_dir().is_err_and(|e| e.kind() == io::ErrorKind::NotFound)
}

/// Whether `path` is a folder a file can be made in now: `.` is not, once deleted
/// ([`current_folder_deleted`]); the live session's save-as asks this of a name's folder.
pub fn is_folder_now(path: &Path) -> bool {
    if path == Path::new(".") {
        !current_folder_deleted() && path.is_dir()
    } else {
        path.is_dir()
    }
}

/// Whether `path` leads to what is neither a file nor a folder: a pipe, a device or a socket,
/// which opening to read or write may wait on for good (a FIFO with no one at its other end).
/// What the session edits, logs or exports, and what `fit --into` edits, is a regular file.
pub fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| !meta.is_file() && !meta.is_dir())
}

/// After "the current folder was deleted": for a name in another folder (`../x.csv`), that its
/// full path can still be written.
fn full_path_hint(path: &Path) -> &'static str {
    if folder_of(path) == Path::new(".") {
        ""
    } else {
        " (name the file by its full path)"
    }
}

/// Whether `path` names a file in the current folder (or below it) and that folder was
/// deleted: the reason such a file is not found, rather than a name mistyped.
pub fn in_deleted_folder(path: &Path) -> bool {
    use std::path::Component;
    // `./../x` is `../x`: outside the current folder.
    let first = path.components().find(|c| *c != Component::CurDir);
    path.is_relative() && first != Some(Component::ParentDir) && current_folder_deleted()
}

/// Whether a write failed because the path was taken (see [`create_new_file`]).
pub fn already_exists(error: &WriteError) -> bool {
    matches!(error, WriteError::Io { reason, .. } if reason.kind() == io::ErrorKind::AlreadyExists)
}

/// Refuses an existing regular file that [`refuse_read_only`] would (`Ok` for anything else):
/// for asking "replace it?" only of a file that can be replaced.
pub fn refuse_read_only_file(path: &Path) -> Result<(), WriteError> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() => refuse_read_only(path, &meta),
        _ => Ok(()),
    }
}

/// Refuses a regular file nobody may write (no `w` in its mode: `chmod a-w`), or that this
/// process may not write (the kernel's own check, which also knows owners and ACLs). The
/// first matters for root, for whom the kernel allows everything, and because a rename needs
/// only the folder to be writable, never the file.
pub(super) fn refuse_read_only(path: &Path, meta: &fs::Metadata) -> Result<(), WriteError> {
    let kernel = kernel_allows(path, rustix::fs::Access::WRITE_OK);
    read_only_by(path, kernel, meta.permissions().mode())
}

/// What [`refuse_read_only`] says of `path`, given the kernel's answer to a write and the
/// file's mode: a read-only file system is said as one, as no change of mode mends it; an
/// immutable file (`chattr +i`, which the kernel answers EPERM) is read-only whatever its mode.
fn read_only_by(path: &Path, kernel: rustix::io::Result<()>, mode: u32) -> Result<(), WriteError> {
    let path = path.to_path_buf();
    match kernel {
        Err(rustix::io::Errno::ROFS) => Err(WriteError::ReadOnlyFileSystem { path }),
        Err(rustix::io::Errno::PERM) => Err(WriteError::Immutable { path }),
        Err(rustix::io::Errno::ACCESS) => Err(WriteError::ReadOnly { path }),
        _ if mode & 0o222 == 0 => Err(WriteError::ReadOnly { path }),
        _ => Ok(()),
    }
}

/// Whether the file at `path` refuses this process's writes now, by the kernel's own check
/// (a mode without `w` for it, a read-only file system, `chattr +i`); a full disk does not.
pub fn refuses_writes(path: &Path) -> bool {
    kernel_allows(path, rustix::fs::Access::WRITE_OK).is_err()
}

/// The kernel's own check of what this process may do with `path` (`access(2)` by its
/// effective ids: owners, ACLs, root's rights, the file system's and the file's flags).
fn kernel_allows(path: &Path, how: rustix::fs::Access) -> rustix::io::Result<()> {
    rustix::fs::accessat(rustix::fs::CWD, path, how, rustix::fs::AtFlags::EACCESS)
}

/// Refuses a new file `path` in a `folder` this process may not add a file to (no permission,
/// a read-only file system, a folder made immutable): the kernel's own check, which knows
/// owners, ACLs and root's rights, so that it refuses only what the write would. Found by the
/// write, it came after the whole run.
fn refuse_closed_folder(path: &Path, folder: &Path) -> Result<(), WriteError> {
    match why_closed(folder) {
        Some(reason) => Err(WriteError::ClosedFolder {
            path: path.to_path_buf(),
            // The current folder by its full path: "cannot write a new file in ." named no
            // folder to go and open up.
            folder: if folder == Path::new(".") {
                std::env::current_dir().unwrap_or_else(|_| folder.to_path_buf())
            } else {
                folder.to_path_buf()
            },
            reason,
        }),
        None => Ok(()),
    }
}

/// Why this process may not add a file to `folder` (no permission, a read-only file system, a
/// folder made immutable), by the kernel's own check; `None` where it may, or where the check
/// cannot tell (the write then says).
fn why_closed(folder: &Path) -> Option<io::Error> {
    let add = rustix::fs::Access::WRITE_OK | rustix::fs::Access::EXEC_OK;
    match kernel_allows(folder, add) {
        Err(
            errno @ (rustix::io::Errno::ACCESS | rustix::io::Errno::PERM | rustix::io::Errno::ROFS),
        ) => Some(io::Error::from_raw_os_error(errno.raw_os_error())),
        _ => None,
    }
}

/// Whether this process may add a file to `folder` as far as the kernel says ([`why_closed`]):
/// the live session asks it before offering to write a deleted plan again.
pub fn takes_new_files(folder: &Path) -> bool {
    why_closed(folder).is_none()
}

/// Writes straight into an existing file: a FIFO, a device, or (with `append`) a process's
/// open regular file.
fn write_into(path: &Path, fill: Fill, append: bool) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).append(append).open(path)?;
    fill_into(&mut file, fill)
}

/// What [`replace`] replaces: a file, whose permissions (and owner) the new text keeps, or
/// nothing yet, to be made with the permissions given (less the umask); or a file, `there`
/// or not, to be given exactly the permissions `mode`.
enum Replacing<'a> {
    File(&'a fs::Metadata),
    Exactly { mode: u32, there: bool },
    Nothing(u32),
}

/// Replaces the regular file `real` atomically, keeping its permissions and, where permitted,
/// its owner and group; or creates it.
fn replace(real: &Path, fill: Fill, replacing: Replacing) -> io::Result<()> {
    let folder = folder_of(real);
    // The mode asked of `open`: the kernel takes the umask off it, as for any new file (and a
    // folder's default ACL applies). tempfile's own default, 0600, would hide the file from
    // the group and everyone else whatever the umask says.
    let (mode, existing, in_place, exact) = match replacing {
        Replacing::File(meta) => (meta.permissions().mode() & 0o7777, Some(meta), true, true),
        Replacing::Exactly { mode, there } => (mode, None, there, true),
        Replacing::Nothing(new_mode) => (new_mode, None, false, false),
    };
    let created = tempfile::Builder::new()
        .prefix(".skypie-")
        .suffix(".tmp")
        .permissions(fs::Permissions::from_mode(mode & 0o777))
        .tempfile_in(folder);
    let mut temp = match created {
        Ok(temp) => temp,
        // A writable file in a folder that is not: write it in place, as editors do.
        Err(e) if in_place && e.kind() == io::ErrorKind::PermissionDenied => {
            return overwrite(real, fill);
        }
        Err(e) => return Err(without_temporary_name(e)),
    };
    let _pending = crate::interrupt::Pending::new(temp.path());
    if let Some(meta) = existing {
        // Owner and group where permitted (root may give both; anyone may give a group they
        // are in).
        if fchown(temp.as_file(), Some(meta.uid()), Some(meta.gid())).is_err() {
            let _ = fchown(temp.as_file(), None, Some(meta.gid()));
        }
    }
    // The exact mode: the umask may have narrowed it, and chown clears the set-id bits.
    if exact {
        temp.as_file()
            .set_permissions(fs::Permissions::from_mode(mode))?;
    }
    // Into the file itself: tempfile's own writer names the temporary file in its errors.
    fill_into(temp.as_file_mut(), fill)?;
    temp.as_file().sync_all()?;
    temp.persist(real).map_err(|e| e.error)?;
    // Make the rename itself durable (best effort: some file systems refuse to sync a folder).
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// tempfile's error names the temporary file it could not create (`Read-only file system (os
/// error 30) at path "/plans/.skypie-HnpYUT.tmp"`), a name the user never gave nor will see:
/// the reason alone, as for any other file skypie cannot write.
fn without_temporary_name(e: io::Error) -> io::Error {
    let text = e.to_string();
    match text.rfind(" at path \"") {
        Some(at) => io::Error::new(e.kind(), &text[..at]),
        None => e,
    }
}

/// Rewrites an existing file in place (not atomic: the fallback when its folder is not
/// writable). A write that fails partway (a full disk, a file size limit) puts the old text
/// back, which fits where it was: the file is written over, not truncated first, so the space
/// it held is still its own. A save whose disk filled cut a plan's last line `reps = 60` to
/// `reps = 6` and said only that the edits were kept. The old text is held only up to
/// [`KEPT_FOR_A_FAILED_OVERWRITE`]: a file larger than that (a per-sample export) is an output
/// to write again, not a plan.
fn overwrite(path: &Path, fill: Fill) -> io::Result<()> {
    let mut file = OpenOptions::new().read(true).write(true).open(path)?;
    let old = if file.metadata()?.len() <= KEPT_FOR_A_FAILED_OVERWRITE {
        let mut old = Vec::new();
        io::Read::read_to_end(&mut file, &mut old)?;
        io::Seek::rewind(&mut file)?;
        Some(old)
    } else {
        // Nothing to put back: emptied first, so a write cut short leaves the new text's
        // start alone, not followed by the old text's end.
        file.set_len(0)?;
        None
    };
    let written = fill_into(&mut file, fill).and_then(|()| {
        let end = io::Seek::stream_position(&mut file)?;
        file.set_len(end)?;
        file.sync_all()
    });
    let (Err(e), Some(old)) = (&written, old) else {
        return written;
    };
    // A put-back that failed may still have left every old byte in place (only its sync
    // failed): what the file holds says.
    let not_back = put_back(&mut file, &old)
        .err()
        .filter(|_| !fs::read(path).is_ok_and(|now| now == old));
    Err(match not_back {
        None => io::Error::new(e.kind(), format!("{e}; the file keeps its old text")),
        Some(again) => io::Error::new(
            e.kind(),
            format!(
                "{e}, and putting the old text back failed too ({again}): the file now holds \
                 part of the new text"
            ),
        ),
    })
}

/// Puts the old text back into `file` after a failed [`overwrite`]: the bytes the write
/// reached, and the old text's end should the file have been cut to the new text's length (the
/// write done, the sync failed). The write went in order from the file's start, the buffer's
/// last bytes as it was dropped after the error, so how far it reached is the file's own place,
/// not the buffer's. Only those bytes: a file already past a size limit takes none past it,
/// and the write reached none there either.
fn put_back(file: &mut fs::File, old: &[u8]) -> io::Result<()> {
    let reached = io::Seek::stream_position(file)?;
    let now = file.metadata()?.len();
    let old_len = old.len() as u64;
    let changed = if now < old_len {
        old_len
    } else {
        reached.min(old_len)
    };
    io::Seek::rewind(file)?;
    file.write_all(&old[..changed as usize])?;
    if now > old_len {
        file.set_len(old_len)?;
    }
    file.sync_all()
}

/// The largest file whose text [`overwrite`] holds to put back after a failed write.
const KEPT_FOR_A_FAILED_OVERWRITE: u64 = 64 << 20;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::{append_file, is_link};

    #[test]
    fn a_temporary_file_that_cannot_be_made_is_not_named_in_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone");
        let e = tempfile::Builder::new()
            .prefix(".skypie-")
            .tempfile_in(&gone)
            .unwrap_err();
        assert!(e.to_string().contains(".skypie-"), "tempfile names it: {e}");
        let said = without_temporary_name(e);
        assert_eq!(said.kind(), io::ErrorKind::NotFound);
        assert_eq!(said.to_string(), "No such file or directory (os error 2)");
    }

    #[test]
    fn a_new_file_never_replaces_an_existing_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml.recovered-20261130-120000.toml");
        create_new_file(&path, b"first", 0o666).unwrap();
        let error = create_new_file(&path, b"second", 0o666).unwrap_err();
        assert!(already_exists(&error), "{error}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "first");
    }

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn atomic_writes_replace_the_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml");
        fs::write(&path, "old contents that are longer").unwrap();
        write_file(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn a_symlink_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let real = dir.path().join("real/plan.toml");
        fs::write(&real, "old").unwrap();
        // A chain: plan.toml -> middle.toml -> real/plan.toml, both relative.
        let middle = dir.path().join("middle.toml");
        std::os::unix::fs::symlink("real/plan.toml", &middle).unwrap();
        let link = dir.path().join("plan.toml");
        std::os::unix::fs::symlink("middle.toml", &link).unwrap();
        write_file(&link, b"new").unwrap();
        assert!(is_link(&link), "link is still a link");
        assert!(is_link(&middle), "middle is still a link");
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path().join("real")).unwrap().count(), 1);
    }

    #[test]
    fn a_dangling_symlink_creates_the_file_it_names() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("plan.toml");
        std::os::unix::fs::symlink("elsewhere.toml", &link).unwrap();
        write_file(&link, b"new").unwrap();
        assert!(is_link(&link), "link is still a link");
        assert_eq!(
            fs::read_to_string(dir.path().join("elsewhere.toml")).unwrap(),
            "new"
        );
    }

    #[test]
    fn a_link_loop_is_an_error_naming_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        let b = dir.path().join("b.toml");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        let error = write_file(&a, b"new").unwrap_err().to_string();
        assert!(error.starts_with(&a.display().to_string()), "{error}");
        assert!(error.contains("symbolic links"), "{error}");
    }

    #[test]
    fn an_existing_file_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml");
        fs::write(&path, "old").unwrap();
        for wanted in [0o600, 0o640, 0o664, 0o755] {
            fs::set_permissions(&path, fs::Permissions::from_mode(wanted)).unwrap();
            write_file(&path, b"new").unwrap();
            assert_eq!(mode(&path), wanted, "{wanted:o}");
        }
    }

    #[test]
    fn an_existing_file_keeps_its_owner_and_group_where_permitted() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml");
        fs::write(&path, "old").unwrap();
        // Only root may give a file away; for anyone else the owner is theirs already and
        // there is nothing to keep.
        if std::os::unix::fs::chown(&path, Some(4321), Some(4322)).is_err() {
            return;
        }
        write_file(&path, b"new").unwrap();
        let meta = fs::metadata(&path).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (4321, 4322));
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }

    #[test]
    fn an_overwrite_in_place_that_fails_partway_puts_the_old_text_back() {
        // A plan in a folder that takes no new file is written in place; a disk that filled
        // after the first bytes cut `reps = 60` to `reps = 6`, and the session said only that
        // its edits were kept.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml");
        let old = "# padding\n[capacity]\nreps = 60\n";
        fs::write(&path, old).unwrap();
        let new = format!("# a longer comment than before{old}");
        let mut fill_then_fail = |out: &mut dyn Write| {
            out.write_all(&new.as_bytes()[..old.len() - 1])?;
            out.flush()?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "No space left"))
        };
        let error = overwrite(&path, &mut fill_then_fail).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
        assert_eq!(
            error.to_string(),
            "No space left; the file keeps its old text"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), old);
        // A file too large to hold is emptied first: a write cut short leaves the new text's
        // start, not followed by the old text's end.
        // (Sparse: its size is what counts, and writing 64 MiB took a second.)
        let large = fs::File::create(&path).unwrap();
        large.set_len(KEPT_FOR_A_FAILED_OVERWRITE + 1).unwrap();
        drop(large);
        let mut start_then_fail = |out: &mut dyn Write| {
            out.write_all(b"new")?;
            out.flush()?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "No space left"))
        };
        assert!(overwrite(&path, &mut start_then_fail).is_err());
        assert_eq!(fs::read(&path).unwrap(), b"new");
        // A write that completes, shorter or longer, leaves the new text alone.
        for new in ["reps = 6\n", "# longer\n[capacity]\nreps = 600000\n"] {
            overwrite(&path, &mut |out| out.write_all(new.as_bytes())).unwrap();
            assert_eq!(fs::read_to_string(&path).unwrap(), new);
        }
    }

    #[test]
    fn an_overwrite_in_place_puts_back_what_its_buffer_writes_after_the_error() {
        // The buffer writes the text it holds as it is dropped, after the write has failed:
        // those bytes reached the file too, shorter or longer than the old text.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml");
        let old = "# padding\n[capacity]\nreps = 60\n";
        for new in [
            "reps = 7",
            "# a longer comment than before\n[capacity]\nreps = 600\n",
        ] {
            fs::write(&path, old).unwrap();
            let mut buffer_then_fail = |out: &mut dyn Write| {
                out.write_all(new.as_bytes())?;
                Err(io::Error::new(io::ErrorKind::StorageFull, "No space left"))
            };
            let error = overwrite(&path, &mut buffer_then_fail).unwrap_err();
            assert_eq!(
                error.to_string(),
                "No space left; the file keeps its old text"
            );
            assert_eq!(fs::read_to_string(&path).unwrap(), old, "after {new:?}");
        }
    }

    #[test]
    fn an_overwrite_in_place_past_a_size_limit_already_says_the_file_keeps_its_old_text() {
        // A file already past the limit takes no byte past it, to put back or to write over:
        // it was said to "now hold part of the new text", though it held the old.
        let old: Vec<u8> = (0..2000u32).map(|i| b'a' + (i % 26) as u8).collect();
        // Made before the limit, which it is past.
        let Some(dir) = crate::files::in_a_size_limited_child(
            "files::write::tests::\
             an_overwrite_in_place_past_a_size_limit_already_says_the_file_keeps_its_old_text",
            |dir| fs::write(dir.join("plan.toml"), &old).unwrap(),
        ) else {
            return;
        };
        let path = dir.join("plan.toml");
        let new = vec![b'n'; 3000];
        let error = overwrite(&path, &mut |out| out.write_all(&new)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "File too large (os error 27); the file keeps its old text"
        );
        assert_eq!(fs::read(&path).unwrap(), old);
    }

    #[test]
    fn a_read_only_file_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        let error = write_file(&path, b"new").unwrap_err();
        assert!(matches!(error, WriteError::ReadOnly { .. }), "{error}");
        let message = error.to_string();
        assert!(message.contains("read-only"), "{message}");
        assert!(message.contains("another name"), "{message}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(mode(&path), 0o444, "never made writable");
        let error = append_file(&path, |_| "log".to_string(), 0o666).unwrap_err();
        assert!(matches!(error, WriteError::ReadOnly { .. }), "{error}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
    }

    #[test]
    fn a_file_on_a_read_only_file_system_is_not_told_to_be_made_writable() {
        // A tmpfs remounted read-only: "make it writable first" of a file whose mode is
        // rw-r--r--, which no chmod could mend.
        let path = Path::new("small/plan.toml");
        let error = read_only_by(path, Err(rustix::io::Errno::ROFS), 0o644).unwrap_err();
        assert_eq!(
            error.to_string(),
            "small/plan.toml: it is on a read-only file system; not overwriting it (save it \
             under another name, on another file system)"
        );
        let error = read_only_by(path, Err(rustix::io::Errno::ACCESS), 0o444).unwrap_err();
        assert!(error.to_string().contains("make it writable"), "{error}");
    }

    #[test]
    fn an_immutable_file_is_refused_as_read_only_whatever_its_mode() {
        // `chattr +i plan.toml` (mode rw-r--r--): the kernel's EPERM went unread, and the save
        // wrote a temporary file whose rename then failed, "Operation not permitted".
        let path = Path::new("plan.toml");
        let error = read_only_by(path, Err(rustix::io::Errno::PERM), 0o644);
        assert!(
            matches!(error, Err(WriteError::Immutable { .. })),
            "{error:?}"
        );
    }

    #[test]
    fn an_immutable_file_is_not_told_to_be_made_writable() {
        // "or make it writable first": its mode is rw-r--r-- already, and chmod cannot help.
        let path = Path::new("plan.toml");
        let error = read_only_by(path, Err(rustix::io::Errno::PERM), 0o644).unwrap_err();
        assert!(!error.to_string().contains("make it writable"), "{error}");
    }

    #[test]
    fn only_a_regular_file_is_refused_as_read_only_before_asking_to_replace_it() {
        // The writer refuses a read-only regular file and writes into a FIFO whatever its mode:
        // the question "replace it?" is spared for the first alone.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plan.toml");
        fs::write(&file, "old").unwrap();
        fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).unwrap();
        let error = refuse_read_only_file(&file).unwrap_err();
        assert!(matches!(error, WriteError::ReadOnly { .. }), "{error}");
        let fifo = dir.path().join("out.fifo");
        crate::files::make_fifo(&fifo, 0o444);
        assert_eq!(mode(&fifo), 0o444);
        assert!(refuse_read_only_file(&fifo).is_ok());
        assert!(refuse_read_only_file(&dir.path().join("new.toml")).is_ok());
    }

    #[test]
    fn a_fifo_is_written_into_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("out.fifo");
        crate::files::make_fifo(&fifo, 0o644);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
        };
        write_file(&fifo, b"through the pipe\n").unwrap();
        // First: the reader of a FIFO that was replaced would wait forever.
        assert!(std::os::unix::fs::FileTypeExt::is_fifo(
            &fs::symlink_metadata(&fifo).unwrap().file_type()
        ));
        assert_eq!(reader.join().unwrap(), "through the pipe\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_is_named_not_a_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nosuch/dir/report.html");
        let error = write_file(&path, b"x").unwrap_err().to_string();
        let folder = dir.path().join("nosuch/dir");
        assert_eq!(
            error,
            format!(
                "{}: cannot write: there is no folder {}",
                path.display(),
                folder.display()
            )
        );
    }

    #[test]
    fn a_folder_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let error = write_file(dir.path(), b"new").unwrap_err();
        assert!(matches!(error, WriteError::Folder { .. }), "{error}");
        assert_eq!(
            error.to_string(),
            format!(
                "{}: found a folder, expected a file to write",
                dir.path().display()
            )
        );
    }
}
