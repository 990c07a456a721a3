//! The file system at the edge: reading scenario files safely, and writing files the way an
//! editor saves them (README, "Saving, merging and recovery"). Every file skypie writes is
//! written here; the live session's shell (`tui/mod.rs`) also looks at files itself (where a
//! name leads, what changed on disk, which recovery files there are).

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt, fchown};
use std::path::{Path, PathBuf};

use skypie::scenario::{Diagnostic, Scenario, ScenarioError};
use skypie::source::Source;
use skypie::text::shown_path;

pub mod names;

pub use names::{
    ONLY_AN_EXTENSION, SESSION_LOG_SUFFIX, export_extension, home_hint, named_as_data,
    named_session_log, named_toml, names_a_web_page, scenario_name,
};

/// Why `source` could not be read as a scenario: `e`, or where it is named as data (`.csv`),
/// that it is actuals, with how `skypie fit` reads them (their header was told as TOML:
/// "quarter: found `quarter` with no value"), unless its `text` reads as a scenario. For
/// `eval`, `check`, `report` and `plan`.
pub fn told_as_data(e: ScenarioError, source: &Source, text: &str) -> ScenarioError {
    // A scenario named so keeps its own error: its first line of text is a key or a table.
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    let reads_as_toml = first.is_some_and(|l| l.contains('=') || l.starts_with('['));
    if source.is_stdin() || !named_as_data(source.path()) || reads_as_toml {
        return e;
    }
    let found = "a data file (actuals, as skypie fit reads them)";
    let d = Diagnostic::new(None, found, "a scenario file (.toml)").hint(format!(
        "skypie fit {} --column NAME fits an input to a column of it; --into plan.toml --key \
         KEY writes the fit into a plan",
        skypie::text::shell_word(source.as_typed())
    ));
    ScenarioError::single(source.as_typed(), d)
}

/// What a folder is called where a file belongs, in the messages of reading and writing alike
/// (`plans.toml: found a folder, expected …`).
const FOLDER: &str = "a folder";

/// A scenario file larger than this is refused rather than read whole.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads the text of a scenario file or standard input, refusing directories, huge files and
/// anything that is not UTF-8, each with a message naming the file.
pub fn read_text(source: &Source) -> Result<String, ScenarioError> {
    read_limited(source, FileKind::Scenario)
}

/// Reads a CSV file of past actuals (`skypie fit`) as [`read_text`] reads a scenario.
pub fn read_data(source: &Source) -> Result<String, ScenarioError> {
    read_limited(source, FileKind::Csv)
}

/// What a text file read by [`read_limited`] should be, as its messages say it.
#[derive(Clone, Copy)]
enum FileKind {
    Scenario,
    Csv,
}

impl FileKind {
    /// What the file should be: the "expected" of a missing file or a folder.
    fn what(self) -> &'static str {
        match self {
            FileKind::Scenario => "a scenario file (.toml)",
            FileKind::Csv => "a CSV file with a header row",
        }
    }

    /// The "expected" of a file that is there but cannot be read.
    fn readable(self) -> &'static str {
        match self {
            FileKind::Scenario => "a readable scenario file",
            FileKind::Csv => "a readable CSV file",
        }
    }

    /// The "expected" of text in another encoding.
    fn utf8(self) -> &'static str {
        match self {
            FileKind::Scenario => "a UTF-8 text file (TOML)",
            FileKind::Csv => "a UTF-8 text file (CSV)",
        }
    }

    /// The name of the "save as" choice that writes UTF-8 (a spreadsheet's, for CSV).
    fn save_as(self) -> &'static str {
        match self {
            FileKind::Scenario => "UTF-8",
            FileKind::Csv => "CSV UTF-8",
        }
    }
}

/// Reads a text file of at most [`MAX_FILE_BYTES`], with messages saying what `kind` of file
/// it should be.
fn read_limited(source: &Source, kind: FileKind) -> Result<String, ScenarioError> {
    let what = kind.what();
    let path = source.as_typed();
    let fail = |found: String, expected: &str| {
        ScenarioError::single(path, Diagnostic::new(None, found, expected))
    };
    let mut bytes = Vec::new();
    let read = match source {
        Source::Stdin => io::stdin().take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes),
        Source::File { path, .. } => match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                return Err(fail(FOLDER.into(), what));
            }
            Ok(_) => fs::File::open(path)
                .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)),
            Err(e) => Err(e),
        },
    };
    if let Err(e) = read {
        return Err(match e.kind() {
            io::ErrorKind::NotFound if matches!(source, Source::File { path, .. } if in_deleted_folder(path)) => {
                fail("no such file: the current folder was deleted".into(), what)
            }
            io::ErrorKind::NotFound => fail("no such file".into(), what),
            _ => fail(format!("an unreadable file ({e})"), kind.readable()),
        });
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(
            format!("a file over {} MiB", MAX_FILE_BYTES / 1024 / 1024),
            &format!("{what} of at most {} MiB", MAX_FILE_BYTES / 1024 / 1024),
        ));
    }
    // Excel's "Unicode Text" and Notepad's "Unicode" are UTF-16, which starts with a byte
    // order mark that is never UTF-8. Written without one, its Latin text is valid UTF-8 with
    // a 0 after (or before) each letter, and read as such it named a column `q\u0000u\u0000…`.
    let utf16 = if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        Some("UTF-16 text (its byte order mark says so)")
    } else if utf16_without_mark(&bytes) {
        Some("UTF-16 text without a byte order mark (every other byte is 0)")
    } else {
        None
    };
    if let Some(found) = utf16 {
        let mut d = Diagnostic::new(
            None,
            found,
            format!("{}: save it as {}", kind.utf8(), kind.save_as()),
        );
        d.location = Some(skypie::scenario::error::line_column("", 0));
        return Err(ScenarioError::single(path, d));
    }
    // A workbook, an image or any other file that is not text: said so, not read as text in
    // another encoding (a PNG's first byte was "`\x89` is `‰` in Windows-1252 …").
    if let Some(found) = not_text(&bytes, kind) {
        let mut d = Diagnostic::new(None, found.to_string(), kind.utf8());
        // At its 0 byte, where a text holds one (a stray byte on line 40 was said at 1:1).
        let at = match found {
            NotText::Kind(_) => 0,
            NotText::ZeroByte(at) => at,
        };
        let before = String::from_utf8_lossy(&bytes[..at]);
        d.location = Some(skypie::scenario::error::line_column(&before, before.len()));
        return Err(ScenarioError::single(path, d));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bad = e
            .utf8_error()
            .error_len()
            .unwrap_or(e.as_bytes().len() - valid);
        let bad = &e.as_bytes()[valid..valid + bad];
        let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let mut d = Diagnostic::new(
            None,
            "bytes that are not UTF-8 text",
            format!("{}: {}", kind.utf8(), not_utf8(bad, kind)),
        );
        d.location = Some(skypie::scenario::error::line_column(&text, text.len()));
        ScenarioError::single(path, d)
    })
}

/// Whether `bytes` are UTF-16 without a byte order mark: in the first 1,024 bytes, three
/// pairs of bytes in four or more hold a 0 on the same side and a letter on the other (UTF-16
/// writes Latin text so; UTF-8 text holds no 0 at all).
fn utf16_without_mark(bytes: &[u8]) -> bool {
    let pairs: Vec<&[u8]> = bytes[..bytes.len().min(1024)].chunks_exact(2).collect();
    let zero_on = |side: usize| {
        pairs
            .iter()
            .filter(|pair| pair[side] == 0 && pair[1 - side] != 0)
            .count()
    };
    pairs.len() >= 2 && 4 * zero_on(0).max(zero_on(1)) >= 3 * pairs.len()
}

/// What a file that is no text is, as "found" says it: by its first bytes where they name a
/// kind of file people mistake for a scenario or a CSV (a workbook, a PDF, an image, an
/// archive), else by a 0 byte, which text other than UTF-16 (told apart before) never holds.
fn not_text(bytes: &[u8], kind: FileKind) -> Option<NotText> {
    // Only a CSV is to be saved from a workbook.
    let (xlsx, xls) = match kind {
        FileKind::Csv => (
            "a zip archive, not text (an Excel workbook, .xlsx, is one: save it as CSV UTF-8)",
            "an Office document of before 2007, not text (an Excel .xls workbook is one: save \
             it as CSV UTF-8)",
        ),
        FileKind::Scenario => (
            "a zip archive, not text (an Excel workbook, .xlsx, is one)",
            "an Office document of before 2007, not text (an Excel .xls workbook is one)",
        ),
    };
    let kinds: [(&[u8], &'static str); 6] = [
        (b"PK\x03\x04", xlsx),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", xls),
        (b"%PDF", "a PDF document, not text"),
        (b"\x89PNG", "a PNG image, not text"),
        (b"\xff\xd8\xff", "a JPEG image, not text"),
        (b"\x1f\x8b", "gzip-compressed data, not text"),
    ];
    match kinds.iter().find(|(start, _)| bytes.starts_with(start)) {
        Some((_, found)) => Some(NotText::Kind(found)),
        None => bytes.iter().position(|b| *b == 0).map(NotText::ZeroByte),
    }
}

/// What [`not_text`] found: a kind of file by its first bytes, or a 0 byte at this offset.
#[derive(Debug, Clone, Copy)]
enum NotText {
    Kind(&'static str),
    ZeroByte(usize),
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotText::Kind(found) => f.write_str(found),
            NotText::ZeroByte(_) => f.write_str("a binary file, not text (it holds a 0 byte)"),
        }
    }
}

/// What the first bytes that are not UTF-8 (`bad`, as Rust's UTF-8 check cuts them) would be
/// in Windows-1252, what Windows' "ANSI" and Excel's "CSV (Comma delimited)" write, and how to
/// mend the file: `\xe9` is `é` in Windows-1252 …; save it as CSV UTF-8, or convert it with
/// iconv -f windows-1252 -t utf-8.
fn not_utf8(bad: &[u8], kind: FileKind) -> String {
    let shown: String = bad.iter().map(|b| format!("\\x{b:02x}")).collect();
    let save = format!("save it as {}", kind.save_as());
    let Some(letters) = bad
        .iter()
        .map(|b| windows_1252(*b))
        .collect::<Option<String>>()
    else {
        return format!("`{shown}` is not Windows-1252 text either; {save}");
    };
    let writer = match kind {
        FileKind::Scenario => "Windows' \"ANSI\"",
        FileKind::Csv => "Excel's \"CSV (Comma delimited)\"",
    };
    format!(
        "`{shown}` is `{letters}` in Windows-1252, which {writer} writes; {save}, or convert it \
         with iconv -f windows-1252 -t utf-8"
    )
}

/// The character byte `b` stands for in Windows-1252 (Latin-1 with printable characters in
/// 0x80–0x9F), if a printable one.
fn windows_1252(b: u8) -> Option<char> {
    const HIGH: [char; 32] = [
        '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0',
        '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
    ];
    let c = match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    };
    (c != '\0' && !c.is_control()).then_some(c)
}

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
    /// plan, and broke it), a pipe or a device (opening a pipe that no one reads waited for
    /// good, and the session with it).
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
            && inode(path).is_some_and(|file| inode(Path::new("/dev/stdout")) == Some(file))
    }
}

/// The names of standard output, written through the process's own descriptor.
const STANDARD_OUTPUT: [&str; 3] = ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"];

/// Whether `path` is standard output by one of its names (`/dev/stdout`, which `-` is as an
/// output): written through the process's own descriptor, never replaced.
pub fn is_standard_output(path: &Path) -> bool {
    STANDARD_OUTPUT.iter().any(|name| path == Path::new(name))
}

/// Symbolic links followed before giving up (Linux's own limit).
const MAX_LINKS: usize = 40;

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
                (now.dev(), now.ino()) == (locked.dev(), locked.ino())
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
fn wait_for_lock(file: &fs::File, started: std::time::Instant) -> io::Result<bool> {
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

/// Whether two paths name one file, so that writing one would replace the other: the same
/// regular file (device and inode, after links) when both exist, else the same name in the
/// same folder once links are followed, as the writer follows them (a dangling link names
/// the file it would create). Standard input is compared by its path ([`Source::path`]): the
/// file it reads when that is a regular file (`< plan.toml`). Anything that is not a regular
/// file (`/dev/null`, a FIFO: written into, never replaced) names no file.
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
    folder: (u64, u64),
    file: Option<(u64, u64)>,
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

/// The device and inode of the file or folder at `path`, links followed: what it is, whatever
/// its name.
fn inode(path: &Path) -> Option<(u64, u64)> {
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
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
    Inode(u64, u64),
    Name(PathBuf),
}

fn identity(path: &Path) -> Option<Identity> {
    if let Ok(meta) = fs::metadata(path) {
        return meta
            .is_file()
            .then(|| Identity::Inode(meta.dev(), meta.ino()));
    }
    let real = resolve_links(path).ok()?.real;
    let folder = folder_of(&real);
    Some(Identity::Name(
        fs::canonicalize(folder).ok()?.join(real.file_name()?),
    ))
}

/// The folder a file is (or would be) in: `.` for a bare name.
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    }
}

/// Something that writes a file's contents into the writer it is given (perhaps more than
/// once: a fallback may start over on another file).
pub type Fill<'a> = &'a mut dyn FnMut(&mut dyn Write) -> io::Result<()>;

/// [`write_file_as`], with the contents streamed by `fill` (through a buffer) rather than held
/// in memory whole: the per-sample export, which can run to gigabytes.
pub fn write_file_with(path: &Path, fill: Fill, new_mode: u32) -> Result<(), WriteError> {
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
            Some(real) => replace(&real, fill, Replacing::File(&meta)).map_err(fail),
            None => write_into(path, fill, true).map_err(fail),
        },
        // A new file, or a link to one that does not exist yet: create what the link names.
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let link = resolve_links(path).map_err(fail)?;
            replace(&link.real, fill, Replacing::Nothing(new_mode)).map_err(fail)
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
fn replaced(path: &Path, meta: &fs::Metadata) -> io::Result<Option<PathBuf>> {
    if !meta.is_file() {
        return Ok(None);
    }
    let link = resolve_links(path)?;
    Ok((!link.through_proc).then_some(link.real))
}

/// What an output must never replace (README, "Saving, merging and recovery").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Protected {
    /// A scenario by its text, whatever its name (its correlations need not hold at once:
    /// `--set` may be mending them).
    Scenario(PathBuf),
    /// A `.toml` file that does not check: a scenario half mended, or another program's
    /// (no output of skypie is TOML).
    Toml(PathBuf),
    /// A live session's log (`<plan>.session.md`): the record of who changed what.
    SessionLog(PathBuf),
}

impl Protected {
    /// What it is, after "the": `scenario file`, `.toml file`, `session log`.
    pub fn kind(&self) -> &'static str {
        match self {
            Protected::Scenario(_) => "scenario file",
            Protected::Toml(_) => ".toml file",
            Protected::SessionLog(_) => "session log",
        }
    }

    /// Why an output does not replace it.
    pub fn why(&self) -> &'static str {
        match self {
            Protected::Scenario(_) => "writing it would replace the scenario",
            Protected::Toml(_) => "no output is TOML, so it is not replaced",
            Protected::SessionLog(_) => {
                "writing it would replace the record of the session's edits"
            }
        }
    }

    /// The file, links followed.
    pub fn path(&self) -> &Path {
        match self {
            Protected::Scenario(path) | Protected::Toml(path) | Protected::SessionLog(path) => path,
        }
    }

    /// Why an output at `path`, named `shown`, is refused, and what to do: `elsewhere` (how to
    /// write it under another name), or remove the link that leads here, or a `.toml` file
    /// that is no scenario; never the scenario or the log themselves.
    pub fn refusal(&self, path: &Path, shown: &str, elsewhere: &str) -> String {
        let real = self.path();
        let (what, remove) = if real == path {
            let what = format!("is a {}", self.kind());
            (
                what,
                matches!(self, Protected::Toml(_)).then(|| shown.to_string()),
            )
        } else {
            let real = skypie::text::printable(&real.to_string_lossy()).into_owned();
            let what = format!("leads to the {} {real}", self.kind());
            (what, Some(format!("the link {shown}")))
        };
        let remedy = match remove {
            Some(remove) => format!("{elsewhere}, or remove {remove} first"),
            None => elsewhere.to_string(),
        };
        format!("{shown} {what}: {} ({remedy})", self.why())
    }
}

/// Whether `path` is a plan's session log: named so, beside the plan it is named after (an
/// earlier `eval --format md --out weekly.session.md` is no log, and is replaced).
fn a_plans_session_log(path: &Path) -> bool {
    let name = path.to_string_lossy();
    name.strip_suffix(SESSION_LOG_SUFFIX)
        .is_some_and(|plan| Path::new(plan).is_file())
}

/// The existing file a write to `path` would replace (links followed, as [`write_file`]
/// follows them), if an output must not: a scenario, any `.toml` file, or a session log.
/// `None` for a new
/// file, for one written into rather than replaced (standard output, a FIFO, a device), and
/// for any other file.
pub fn kept_from_outputs(path: &Path) -> Option<Protected> {
    let Ok(meta) = fs::metadata(path) else {
        // A link to a file not there yet: the write creates the file it names, which is no
        // output's if it is named as a scenario (`dl.csv` leading to `new.toml` got CSV) or a
        // session log.
        let real = resolve_links(path).ok()?.real;
        return if real == path {
            None
        } else if a_plans_session_log(&real) {
            Some(Protected::SessionLog(real))
        } else {
            named_toml(&real).then_some(Protected::Toml(real))
        };
    };
    let real = replaced(path, &meta).ok()??;
    if a_plans_session_log(&real) {
        return Some(Protected::SessionLog(real));
    }
    // Read as a scenario is read (the size cap, UTF-8), and a scenario by its tables: every
    // one that checks has them, and so does a backup half mended (a typo, a value out of
    // range), which no full parse would pass.
    let checks = read_text(&Source::file(&real)).is_ok_and(|text| Scenario::looks_like(&text));
    // The file the link leads to is what would be replaced, and so what counts (`x.toml`
    // leading to data.csv is a CSV file).
    match (checks, named_toml(&real)) {
        (true, _) => Some(Protected::Scenario(real)),
        (false, true) => Some(Protected::Toml(real)),
        (false, false) => None,
    }
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

/// Appends `text` to `path` (created with permissions `mode`, less the umask, if missing) and
/// flushes it to disk: the live session's log. A read-only file is refused as [`write_file`]
/// refuses it, and so is what no log is appended to ([`WriteError::NotALog`]: a scenario, a
/// `.toml` file, a pipe or a device).
pub fn append_file(path: &Path, text: &str, mode: u32) -> Result<(), WriteError> {
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
        Ok(_) => return Err(not_a_log(path, "is a pipe or a device".to_string())),
        _ => {}
    }
    match kept_from_outputs(path) {
        Some(Protected::SessionLog(_)) | None => {}
        Some(kept) => {
            let real = skypie::text::printable(&kept.path().to_string_lossy()).into_owned();
            let what = if kept.path() == path {
                format!("is a {}", kept.kind())
            } else {
                format!("leads to the {} {real}", kept.kind())
            };
            return Err(not_a_log(path, what));
        }
    }
    let made_here = fs::symlink_metadata(path).is_err();
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .mode(mode)
        .open(path)
        .map_err(fail)?;
    // Another session appending to the same log waits for this one (where the file system
    // has locks), so that taking back a cut-short text below never takes back its text; for
    // a while only (a save holds its plan's lock meanwhile, on the session's one thread).
    wait_for_lock(&file, std::time::Instant::now()).map_err(fail)?;
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
fn refuse_read_only(path: &Path, meta: &fs::Metadata) -> Result<(), WriteError> {
    let no_write_bits = meta.permissions().mode() & 0o222 == 0;
    let denied = || {
        rustix::fs::accessat(
            rustix::fs::CWD,
            path,
            rustix::fs::Access::WRITE_OK,
            rustix::fs::AtFlags::EACCESS,
        )
        .is_err_and(|e| e == rustix::io::Errno::ACCESS || e == rustix::io::Errno::ROFS)
    };
    if no_write_bits || denied() {
        return Err(WriteError::ReadOnly {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Refuses a new file `path` in a `folder` this process may not add a file to (no permission,
/// a read-only file system, a folder made immutable): the kernel's own check, which knows
/// owners, ACLs and root's rights, so that it refuses only what the write would. Found by the
/// write, it came after the whole run.
fn refuse_closed_folder(path: &Path, folder: &Path) -> Result<(), WriteError> {
    let add = rustix::fs::Access::WRITE_OK | rustix::fs::Access::EXEC_OK;
    match rustix::fs::accessat(rustix::fs::CWD, folder, add, rustix::fs::AtFlags::EACCESS) {
        Err(
            errno @ (rustix::io::Errno::ACCESS | rustix::io::Errno::PERM | rustix::io::Errno::ROFS),
        ) => Err(WriteError::ClosedFolder {
            path: path.to_path_buf(),
            folder: folder.to_path_buf(),
            reason: io::Error::from_raw_os_error(errno.raw_os_error()),
        }),
        _ => Ok(()),
    }
}

/// The file `path` names once its symbolic links are followed, where a save writes: `path`
/// itself when it is no link (or a chain that cannot be read).
pub fn link_target(path: &Path) -> PathBuf {
    resolve_links(path).map_or_else(|_| path.to_path_buf(), |resolved| resolved.real)
}

/// Where a chain of symbolic links ends.
struct Resolved {
    /// The file the last link names (which may not exist yet).
    real: PathBuf,
    /// Whether the chain passes through `/proc` (`/dev/stdout` is a link to
    /// `/proc/self/fd/1`): a process's open file, to be written into, never replaced.
    through_proc: bool,
}

/// Whether `path` reaches its file through `/proc`: a process's open file by another name
/// (`/dev/stdin`, `/dev/fd/0`, `/proc/self/fd/0`), a regular file when the shell redirects one
/// in (`< plan.toml`), but no name of a folder of the user's.
pub fn through_proc(path: &Path) -> bool {
    resolve_links(path).is_ok_and(|resolved| resolved.through_proc)
}

/// Follows the symbolic links from `path`, each link's target read relative to the folder the
/// link is in.
fn resolve_links(path: &Path) -> io::Result<Resolved> {
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

/// Writes straight into an existing file: a FIFO, a device, or (with `append`) a process's
/// open regular file.
fn write_into(path: &Path, fill: Fill, append: bool) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).append(append).open(path)?;
    fill_into(&mut file, fill)
}

/// What [`replace`] replaces: a file, whose permissions (and owner) the new text keeps, or
/// nothing yet, to be made with the permissions given.
enum Replacing<'a> {
    File(&'a fs::Metadata),
    Nothing(u32),
}

/// Replaces the regular file `real` atomically, keeping its permissions and, where permitted,
/// its owner and group; or creates it.
fn replace(real: &Path, fill: Fill, replacing: Replacing) -> io::Result<()> {
    let folder = folder_of(real);
    // The mode asked of `open`: the kernel takes the umask off it, as for any new file (and a
    // folder's default ACL applies). tempfile's own default, 0600, would hide the file from
    // the group and everyone else whatever the umask says.
    let (mode, existing) = match replacing {
        Replacing::File(meta) => (meta.permissions().mode() & 0o7777, Some(meta)),
        Replacing::Nothing(new_mode) => (new_mode, None),
    };
    let created = tempfile::Builder::new()
        .prefix(".skypie-")
        .suffix(".tmp")
        .permissions(fs::Permissions::from_mode(mode & 0o777))
        .tempfile_in(folder);
    let mut temp = match (created, existing) {
        (Ok(temp), _) => temp,
        // A writable file in a folder that is not: write it in place, as editors do.
        (Err(e), Some(_)) if e.kind() == io::ErrorKind::PermissionDenied => {
            return overwrite(real, fill);
        }
        (Err(e), _) => return Err(without_temporary_name(e)),
    };
    let _pending = crate::interrupt::Pending::new(temp.path());
    if let Some(meta) = existing {
        // Owner and group where permitted (root may give both; anyone may give a group they
        // are in), then the exact mode: the umask may have narrowed it, and chown clears the
        // set-id bits.
        if fchown(temp.as_file(), Some(meta.uid()), Some(meta.gid())).is_err() {
            let _ = fchown(temp.as_file(), None, Some(meta.gid()));
        }
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

/// Truncates and rewrites an existing file in place (not atomic: the fallback when its folder
/// is not writable).
fn overwrite(path: &Path, fill: Fill) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).truncate(true).open(path)?;
    fill_into(&mut file, fill)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file at `path`, to read.
    fn file_at(path: impl AsRef<Path>) -> Source {
        Source::file(path.as_ref())
    }

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

    #[test]
    fn only_a_scenario_or_a_toml_file_is_kept_from_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan.toml");
        fs::write(&plan, skypie::scenario::TEMPLATE).unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink("plan.toml", &link).unwrap();
        assert_eq!(
            kept_from_outputs(&plan),
            Some(Protected::Scenario(plan.clone()))
        );
        assert_eq!(
            kept_from_outputs(&link),
            Some(Protected::Scenario(plan.clone())),
            "where the link leads"
        );
        // A scenario half mended still is one; so is any TOML file, and a scenario by its text.
        let broken = dir.path().join("broken.toml");
        fs::write(&broken, "horizon_days = \n").unwrap();
        assert_eq!(
            kept_from_outputs(&broken),
            Some(Protected::Toml(broken.clone()))
        );
        let data = dir.path().join("data.csv");
        fs::write(&data, "n\n1\n").unwrap();
        let toml_link = dir.path().join("x.toml");
        std::os::unix::fs::symlink("data.csv", &toml_link).unwrap();
        assert_eq!(
            kept_from_outputs(&toml_link),
            None,
            "a link named .toml to a CSV file"
        );
        let named_otherwise = dir.path().join("plan.txt");
        fs::write(&named_otherwise, skypie::scenario::TEMPLATE).unwrap();
        assert!(matches!(
            kept_from_outputs(&named_otherwise),
            Some(Protected::Scenario(_))
        ));
        let csv = dir.path().join("summary.csv");
        fs::write(&csv, "name,file\n").unwrap();
        assert_eq!(kept_from_outputs(&csv), None, "not a scenario");
        assert_eq!(
            kept_from_outputs(&dir.path().join("new.toml")),
            None,
            "not there"
        );
        assert_eq!(
            kept_from_outputs(Path::new("/dev/null")),
            None,
            "written into"
        );
        assert_eq!(kept_from_outputs(dir.path()), None, "a folder");
    }

    #[test]
    fn a_file_that_cannot_be_read_is_named_as_what_it_should_be() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("actuals.csv");
        fs::write(&file, "q,att\n").unwrap();
        // A path through a file: there, but not readable (even for root).
        let through = file.join("x.csv").to_string_lossy().into_owned();
        let csv = read_data(&file_at(&through)).unwrap_err().to_string();
        assert!(csv.contains("expected a readable CSV file"), "{csv}");
        let toml = read_text(&file_at(&through)).unwrap_err().to_string();
        assert!(toml.contains("expected a readable scenario file"), "{toml}");
    }

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

    fn is_link(path: &Path) -> bool {
        fs::symlink_metadata(path).unwrap().file_type().is_symlink()
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
        let error = append_file(&path, "log", 0o666).unwrap_err();
        assert!(matches!(error, WriteError::ReadOnly { .. }), "{error}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
    }

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
        let error = append_file(&log, "| row |\n", 0o666).unwrap_err();
        assert!(matches!(error, WriteError::NotALog { .. }), "{error}");
        let said = error.to_string();
        assert!(said.contains("leads to the scenario file"), "{said}");
        assert!(said.contains("remove the link"), "{said}");
        assert_eq!(fs::read_to_string(&plan).unwrap(), "schema = 1\n");
        let fifo = dir.path().join("other.toml.session.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let error = append_file(&fifo, "| row |\n", 0o666).unwrap_err();
        assert!(
            error.to_string().contains("is a pipe or a device"),
            "{error}"
        );
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
        let made = std::process::Command::new("mkfifo")
            .args(["-m", "444"])
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        assert_eq!(mode(&fifo), 0o444);
        assert!(refuse_read_only_file(&fifo).is_ok());
        assert!(refuse_read_only_file(&dir.path().join("new.toml")).is_ok());
    }

    #[test]
    fn a_fifo_is_written_into_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("out.fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
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

    #[test]
    fn the_session_log_is_appended_to() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml.session.md");
        append_file(&path, "one\n", 0o666).unwrap();
        append_file(&path, "two\n", 0o666).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "one\ntwo\n");
    }

    #[test]
    fn a_log_text_cut_short_by_a_full_disk_is_taken_back() {
        // This test runs itself again in a child whose files cannot grow past 512 bytes (the
        // size limit, its signal ignored, fails a write as a full disk does), and checks there.
        let name = concat!(
            module_path!(),
            "::a_log_text_cut_short_by_a_full_disk_is_taken_back"
        );
        let name = name.split_once("::").unwrap().1;
        if std::env::var_os("SKYPIE_TEST_FULL_DISK").is_none() {
            let child = std::process::Command::new("sh")
                .args(["-c", "trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\""])
                .arg(std::env::current_exe().unwrap())
                .args(["--exact", name, "--test-threads=1"])
                .env("SKYPIE_TEST_FULL_DISK", "1")
                .output()
                .unwrap();
            let said = String::from_utf8_lossy(&child.stdout);
            assert!(child.status.success(), "{said}");
            assert!(said.contains("1 passed"), "the child ran the test: {said}");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let text = "x".repeat(4096);
        // A log made by this append is removed.
        let new = dir.path().join("new.session.md");
        assert!(append_file(&new, &text, 0o666).is_err());
        assert!(!new.exists(), "a log made here and cut short is removed");
        // A log that was there ends where it did, an empty one too (it is not removed).
        let kept = dir.path().join("kept.session.md");
        fs::write(&kept, "one\n").unwrap();
        assert!(append_file(&kept, &text, 0o666).is_err());
        assert_eq!(fs::read_to_string(&kept).unwrap(), "one\n");
        let empty = dir.path().join("empty.session.md");
        fs::write(&empty, "").unwrap();
        assert!(append_file(&empty, &text, 0o666).is_err());
        assert_eq!(
            fs::read_to_string(&empty).unwrap(),
            "",
            "still there, empty"
        );
        // A link to an empty log is the user's: it stays, and its file is only cut back.
        let link = dir.path().join("link.session.md");
        std::os::unix::fs::symlink(&empty, &link).unwrap();
        assert!(append_file(&link, &text, 0o666).is_err());
        assert!(is_link(&link), "the link stays");
        assert_eq!(fs::read_to_string(&empty).unwrap(), "");
    }

    #[test]
    fn directories_missing_files_and_binary_files_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let dir_name = dir.path().to_string_lossy().into_owned();
        assert!(
            read_text(&file_at(&dir_name))
                .unwrap_err()
                .to_string()
                .ends_with(": found a folder, expected a scenario file (.toml)")
        );
        let missing = dir.path().join("nope.toml").to_string_lossy().into_owned();
        assert!(
            read_text(&file_at(&missing))
                .unwrap_err()
                .to_string()
                .starts_with(&missing)
        );
        let binary = dir.path().join("bin.toml");
        fs::write(&binary, b"a = 1\n\xff\xfe").unwrap();
        let error = read_text(&file_at(&binary)).unwrap_err().to_string();
        assert!(
            error.contains(":2:1: found bytes that are not UTF-8"),
            "{error}"
        );
    }

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
        assert_eq!((now.dev(), now.ino()), (locked.dev(), locked.ino()));
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

    #[test]
    fn a_workbook_an_image_or_any_file_with_a_0_byte_is_named_no_text() {
        // A PNG read as a scenario was "`\x89` is `‰` in Windows-1252 …: convert it with iconv";
        // 100 0 bytes, "key with no value" at 1:101 under a caret line 100 columns wide.
        let dir = tempfile::tempdir().unwrap();
        let said =
            |name: &str, bytes: &[u8], read: fn(&Source) -> Result<String, ScenarioError>| {
                let path = dir.path().join(name);
                fs::write(&path, bytes).unwrap();
                read(&file_at(path)).unwrap_err().to_string()
            };
        let png = said("chart.toml", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", read_text);
        assert!(
            png.ends_with(":1:1: found a PNG image, not text, expected a UTF-8 text file (TOML)"),
            "{png}"
        );
        let xlsx = said("actuals.csv", b"PK\x03\x04\x14\0\x06\0", read_data);
        assert!(
            xlsx.ends_with(
                ":1:1: found a zip archive, not text (an Excel workbook, .xlsx, is one: save it \
                 as CSV UTF-8), expected a UTF-8 text file (CSV)"
            ),
            "{xlsx}"
        );
        // A workbook given as a scenario is not to be saved as CSV.
        let xlsx = said("plan.toml", b"PK\x03\x04\x14\0\x06\0", read_text);
        assert!(
            xlsx.ends_with(
                ": found a zip archive, not text (an Excel workbook, .xlsx, is one), \
                 expected a UTF-8 text file (TOML)"
            ),
            "{xlsx}"
        );
        let zeros = said("zeros.toml", &[0; 100], read_text);
        assert!(
            zeros.ends_with(
                ":1:1: found a binary file, not text (it holds a 0 byte), expected a UTF-8 text \
                 file (TOML)"
            ),
            "{zeros}"
        );
        // A stray 0 in a text is said where it is (it was said at 1:1), however far in.
        let mut stray = b"name = \"x\"\n".repeat(200);
        stray.extend(b"[target]\nrevenue = \"3M\"\0\n");
        let stray = said("stray.toml", &stray, read_text);
        assert!(stray.contains(":202:15: found a binary file"), "{stray}");
        // UTF-16 holds 0 bytes too, and is still named as such.
        let utf16 = said("utf16.csv", b"q\0u\0a\0r\0t\0e\0r\0\n\0", read_data);
        assert!(utf16.contains("found UTF-16 text"), "{utf16}");
    }

    #[test]
    fn windows_1252_text_is_shown_with_its_bytes_and_how_to_convert_it() {
        // Excel for Windows' "CSV (Comma delimited)": José Müller in Windows-1252. It said
        // only "found bytes that are not UTF-8 text, expected a UTF-8 text file (CSV)".
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cp1252.csv");
        fs::write(&path, b"rep,attainment\nJos\xe9 M\xfcller,80%\n").unwrap();
        let error = read_data(&file_at(&path)).unwrap_err().to_string();
        assert!(
            error.ends_with(
                ":2:4: found bytes that are not UTF-8 text, expected a UTF-8 text file (CSV): \
                 `\\xe9` is `é` in Windows-1252, which Excel's \"CSV (Comma delimited)\" \
                 writes; save it as CSV UTF-8, or convert it with iconv -f windows-1252 -t utf-8"
            ),
            "{error}"
        );
        // A scenario saved as Windows' "ANSI", with a euro sign; a byte Windows-1252 leaves
        // undefined gets no conversion to try.
        let plan = dir.path().join("plan.toml");
        fs::write(&plan, b"# budget in \x80\nschema = 1\n").unwrap();
        let error = read_text(&file_at(&plan)).unwrap_err().to_string();
        assert!(
            error.ends_with(
                ":1:13: found bytes that are not UTF-8 text, expected a UTF-8 text file (TOML): \
                 `\\x80` is `€` in Windows-1252, which Windows' \"ANSI\" writes; save it as \
                 UTF-8, or convert it with iconv -f windows-1252 -t utf-8"
            ),
            "{error}"
        );
        fs::write(&plan, b"schema = 1 # \x81\n").unwrap();
        let error = read_text(&file_at(&plan)).unwrap_err().to_string();
        assert!(
            error.ends_with("(TOML): `\\x81` is not Windows-1252 text either; save it as UTF-8"),
            "{error}"
        );
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_named_as_utf16() {
        // It was read as UTF-8 with a 0 after each letter: "no column `attainment`; the columns
        // are q\u0000u\u0000a\u0000…".
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nobom.csv");
        let text = "quarter\tattainment\n2020-Q1\t81%\n2020-Q2\t71%\n";
        fs::write(
            &path,
            text.encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
        )
        .unwrap();
        let error = read_data(&file_at(&path)).unwrap_err().to_string();
        assert!(
            error.ends_with(
                ":1:1: found UTF-16 text without a byte order mark (every other byte is 0), \
                 expected a UTF-8 text file (CSV): save it as CSV UTF-8"
            ),
            "{error}"
        );
        let plan = dir.path().join("plan.toml");
        let text = "schema = 1\nhorizon_days = 90\n";
        fs::write(
            &plan,
            text.encode_utf16()
                .flat_map(u16::to_be_bytes)
                .collect::<Vec<u8>>(),
        )
        .unwrap();
        let error = read_text(&file_at(&plan)).unwrap_err().to_string();
        assert!(
            error.ends_with(
                ":1:1: found UTF-16 text without a byte order mark (every other byte is 0), \
                 expected a UTF-8 text file (TOML): save it as UTF-8"
            ),
            "{error}"
        );
        // UTF-8 text, accented or not, is not taken for it.
        fs::write(&plan, "schema = 1 # José\n").unwrap();
        assert!(read_text(&file_at(&plan)).is_ok());
        fs::write(&plan, "a").unwrap();
        assert!(read_text(&file_at(&plan)).is_ok());
    }

    #[test]
    fn a_utf16_scenario_is_named_with_how_to_save_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml");
        let mut utf16 = vec![0xfe, 0xff];
        utf16.extend("schema = 1\n".encode_utf16().flat_map(u16::to_be_bytes));
        fs::write(&path, utf16).unwrap();
        let error = read_text(&file_at(&path)).unwrap_err().to_string();
        assert!(
            error.ends_with(
                ":1:1: found UTF-16 text (its byte order mark says so), expected a UTF-8 text \
                 file (TOML): save it as UTF-8"
            ),
            "{error}"
        );
    }
}
