//! The shell's reads and writes of the plan's own files: the file looked at again while a
//! question about it is open (and where its name leads), a save (the file, its lock and its
//! session log), the session log appended at quit, and an export's files. Each turns what the
//! app asked for into the message that says how it went.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use skypie::source::Source;
use skypie::text::{printable, shown_path};

use super::app::{
    App, DELETED_SINCE, Expect, Leads, LogAppend, Msg, Relinked, SaveRequest, session_log_name,
};
use super::recovery_files::{full_path, in_a_fallback};
use super::{led_to, through_a_folder_link};
use crate::files::{
    OwnOutput, Protected, SESSION_LOG_SUFFIX, Whereabouts, WriteError, already_exists, append_file,
    create_new_file, folder_of, kept_from_outputs, lock_for_saving, mode_for_copies_of,
    mode_for_outputs_of, moved_with_its_folder, named_session_log, numbered, other_than_an_earlier,
    read_text, refuse_read_only_file, refuse_unwritable, same_path, write_file_as,
    write_file_in_mode,
};

/// What the watcher looks at on disk for the app ([`look_for`]), as the app's state says it on
/// the UI thread; the looking (a `stat`, a read, where the name leads) is the watcher's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Look {
    /// The plan's file while no question is open ([`App::watches_its_file`]).
    Plan {
        path: PathBuf,
        /// Where its name led when last read, saved or looked at ([`leads_now`]).
        led: Option<PathBuf>,
        /// Whether to read it though it looks unchanged ([`App::rereads_after_undo`]).
        reread: bool,
        /// Which text the session holds as the file's ([`App::saved_version`]): a finding read
        /// before the session's own save came after it, unlike the look, and reloaded the
        /// plan from before the save.
        known: u64,
    },
    /// The file the open question about a change on disk is about ([`App::conflict_shown`]).
    Question {
        path: PathBuf,
        led: Option<PathBuf>,
        /// The file this session opened, while the question says its link leads elsewhere.
        opened: Option<PathBuf>,
    },
}

/// What the watcher is to look at for `app` now, `led` where the plan's name led when last
/// read, saved or looked at: the file of the open question about it, else the plan's while
/// nothing is asked, else nothing.
pub(super) fn look_for(app: &App, led: Option<&Path>) -> Option<Look> {
    let led = led.map(Path::to_path_buf);
    if let Some(path) = app.conflict_shown() {
        return Some(Look::Question {
            path: path.to_path_buf(),
            led,
            opened: app.relinked_from().map(Path::to_path_buf),
        });
    }
    Some(Look::Plan {
        path: app.watches_its_file()?.to_path_buf(),
        led,
        reread: app.rereads_after_undo(),
        known: app.saved_version(),
    })
}

/// The two files the watcher looks at, each as last found: the plan's and the open question's
/// (which goes back to [`Watched::NEVER`] once no question is open).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Looks {
    pub(super) plan: Watched,
    pub(super) question: Watched,
}

impl Looks {
    /// Neither looked at yet.
    pub(super) const NEVER: Looks = Looks {
        plan: Watched::NEVER,
        question: Watched::NEVER,
    };

    /// `look` carried out, once it is the same on two looks in a row
    /// ([`Watched::look_settled`]): the message that says what the file holds now, and where
    /// its name leads, for the app to reload it, mark it, or show it in the open question. A
    /// plan's name, a link, pointed elsewhere (or replaced by a file) is found so: its `stat`
    /// follows the name.
    pub(super) fn look(&mut self, look: Option<&Look>) -> Option<Msg> {
        if !matches!(look, Some(Look::Question { .. })) {
            self.question = Watched::NEVER;
        }
        match look? {
            Look::Question { path, led, opened } => {
                let now = self.question.look_settled(path)?;
                Some(Msg::ChangedOnDisk {
                    leads: leads_now(path, led.as_deref(), opened.as_deref()),
                    path: path.clone(),
                    now,
                })
            }
            Look::Plan {
                path, led, reread, ..
            } => {
                // Read once when the edits are gone, not at every look: with a link pointed
                // elsewhere since, nothing was sent, the mark stayed, and the file (16 MiB at
                // most) was read each second.
                if *reread && !self.plan.reread {
                    self.plan.read = Looked::Never;
                }
                self.plan.reread = *reread;
                let now = self.plan.look_settled(path)?;
                Some(Msg::ChangedOnDisk {
                    leads: leads_now(path, led.as_deref(), None),
                    path: path.clone(),
                    now,
                })
            }
        }
    }

    /// What was found and read forgotten (not what the looks before saw): the next settled look
    /// reads each file again. A finding the app was no longer in a state to take (an editor
    /// opened meanwhile) is found again so.
    pub(super) fn forget_what_was_read(&mut self) {
        self.plan.read = Looked::Never;
        self.question.read = Looked::Never;
    }
}

/// While `app` asks about its file changed on disk, that file looked at again ([`Looks::look`]
/// of [`look_for`]), as the watcher does once a second; for tests, without a thread.
#[cfg(test)]
pub(super) fn look_at_conflict(app: &App, looked: &mut Watched, led: Option<&Path>) -> Option<Msg> {
    let look = look_for(app, led).filter(|look| matches!(look, Look::Question { .. }));
    let mut looks = Looks {
        plan: Watched::NEVER,
        question: *looked,
    };
    let msg = looks.look(look.as_ref());
    *looked = looks.question;
    msg
}

/// While no question is open, the plan's file looked at again ([`Looks::look`] of
/// [`look_for`]), as the watcher does once a second; for tests, without a thread.
#[cfg(test)]
pub(super) fn look_at_plan(app: &App, watched: &mut Watched, led: Option<&Path>) -> Option<Msg> {
    let look = look_for(app, led).filter(|look| matches!(look, Look::Plan { .. }));
    let mut looks = Looks {
        plan: *watched,
        question: Watched::NEVER,
    };
    let msg = looks.look(look.as_ref());
    *watched = looks.plan;
    msg
}

/// Where `path`, the plan's name, leads now against `led`, where it led when last read, saved
/// or looked at. A name that is gone (the link itself removed) is "deleted since", not a link
/// to another file: it read "link.toml now leads to link.toml, another file". A link whose
/// file was deleted leads where it did (`led_to` names a missing file by its folder's path).
/// `opened`: the file this session opened, while a question says its link leads elsewhere; a
/// name gone carries it, for a link made again to be measured from it ([`Leads::Nowhere`]).
/// A name gone through a folder link pointed at another folder (`ln -sfn f2 cur`, no plan in
/// `f2/`) leads to a file not there in that other folder: the plan was not deleted, and a save
/// wrote a new one in `f2/` unasked.
pub(super) fn leads_now(path: &Path, led: Option<&Path>, opened: Option<&Path>) -> Leads {
    let gone = fs::symlink_metadata(path).is_err();
    if gone && !through_a_folder_link(path) {
        return Leads::Nowhere {
            opened: opened.map(Path::to_path_buf),
        };
    }
    let now = led_to(path);
    let folder = |file: &Path| fs::canonicalize(folder_of(file)).ok();
    // (A link to a folder not there names no file to write: it read "cur/plan.toml now leads
    // to cur/plan.toml, another file", and the answer's save failed.)
    let elsewhere = |was: &Path| was != now && folder(&now).is_some_and(|f| folder(was) != Some(f));
    if gone && !led.is_some_and(elsewhere) && led != Some(now.as_path()) {
        return Leads::Nowhere {
            opened: opened.map(Path::to_path_buf),
        };
    }
    match led {
        Some(was) if was != now => Leads::Elsewhere(Relinked {
            was: was.to_path_buf(),
            now,
        }),
        _ => Leads::AsBefore,
    }
}

/// What says whether a file may have changed since last looked at: a change to it, or a file
/// put in its place, changes at least one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FileStamp {
    /// Its size in bytes: most edits change it.
    len: u64,
    /// Its modification time (`None` where the system keeps none): an edit that keeps the size.
    modified: Option<SystemTime>,
    /// Its change time's seconds: a `chmod`, or a modification time set back, changes only this.
    ctime_secs: i64,
    /// Its change time's nanoseconds: a second change within the same second.
    ctime_nanos: i64,
    /// Its inode: a file renamed over it (a save, an editor's) is another, whatever its times.
    inode: u64,
}

impl FileStamp {
    /// The stamp of the file `meta` describes.
    fn of(meta: &fs::Metadata) -> FileStamp {
        use std::os::unix::fs::MetadataExt;
        FileStamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            ctime_secs: meta.ctime(),
            ctime_nanos: meta.ctime_nsec(),
            inode: meta.ino(),
        }
    }
}

/// A file as last looked at ([`look_again`]): each state differs from the others, so a look
/// that finds another reads the file again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Looked {
    /// Not looked at yet (or not since the last question closed): the next look reads it.
    Never,
    /// Not there (or its metadata could not be read).
    Absent,
    /// There, as this stamp says.
    Seen(FileStamp),
}

/// The plan's file as the watch, or the question about it, last found it ([`Looks`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Watched {
    /// As last read: a look that finds it otherwise reads it again.
    read: Looked,
    /// As the look before found it: a file is read only once it stays so for a look.
    seen: Looked,
    /// Whether the last look found it to be read again ([`App::rereads_after_undo`]).
    reread: bool,
}

impl Watched {
    /// Not looked at yet: read once it is found the same on two looks.
    pub(super) const NEVER: Watched = Watched {
        read: Looked::Never,
        seen: Looked::Never,
        reread: false,
    };

    /// The file at `path` looked at again ([`look_again`]) once it is the same on two looks in
    /// a row: a file read while another program wrote it in place reloaded a plan without its
    /// last tables (or put them, missing, in the open question, which `R` then reloaded).
    fn look_settled(&mut self, path: &Path) -> Option<Result<String, String>> {
        let seen = stamp_of(path);
        let settled = seen == self.seen;
        self.seen = seen;
        if !settled {
            return None;
        }
        look_again(path, &mut self.read)
    }
}

/// The file at `path` as a look finds it now.
fn stamp_of(path: &Path) -> Looked {
    fs::metadata(path)
        .ok()
        .map_or(Looked::Absent, |m| Looked::Seen(FileStamp::of(&m)))
}

/// The file at `path` looked at again, if it may have changed since `looked` (updated): what
/// it holds now ([`read_on_disk`]), or why there is nothing to merge or reload (`was deleted
/// since`, `cannot be read: …`). Looking costs a `stat` a look; the file is read only when
/// that changed.
pub(super) fn look_again(path: &Path, looked: &mut Looked) -> Option<Result<String, String>> {
    let meta = fs::metadata(path).ok();
    let now = meta
        .as_ref()
        .map_or(Looked::Absent, |m| Looked::Seen(FileStamp::of(m)));
    if *looked == now {
        return None;
    }
    *looked = now;
    if meta.is_some_and(|m| !m.is_file()) {
        return Some(Err("is no longer a file".to_string()));
    }
    Some(match read_on_disk(path) {
        Ok(Some(text)) => Ok(text),
        Ok(None) => Err(DELETED_SINCE.to_string()),
        Err(why) => Err(format!("cannot be read: {why}")),
    })
}

/// The text a save, or the question about a change on disk, compares with: `None` when there
/// is no file, else read as a scenario is (16 MiB of UTF-8 at most), or why it cannot be.
pub(super) fn read_on_disk(path: &Path) -> Result<Option<String>, String> {
    match fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        _ => read_text(&Source::file(path))
            .map(Some)
            .map_err(|e| e.first_unnamed()),
    }
}

/// Whether the plan's file at `path` no longer holds `saved`, the text the session last read or
/// saved (a colleague's save, a deletion), for the message after an export. Read as a save
/// reads it ([`read_on_disk`]), and only a file: a FIFO under its name would block the
/// session, which read it whole, of any size.
pub(super) fn changed_since(path: &Path, saved: &str) -> bool {
    if !fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return true;
    }
    !matches!(read_on_disk(path), Ok(Some(text)) if text == saved)
}

/// The permissions of new files made from the plan a session has open (its saves and
/// exports, [`mode_for_outputs_of`]), as last seen on disk: a private plan deleted during the
/// session and saved again was made 0644, as any new file.
pub(super) struct PlanMode {
    /// The plan they were seen of, and its outputs' permissions then.
    seen: Option<(PathBuf, u32)>,
}

impl PlanMode {
    /// Seen at the session's start, of the plan it opens (none for the built-in scenario).
    pub(super) fn of(open: Option<&Path>) -> PlanMode {
        let mut mode = PlanMode { seen: None };
        mode.for_outputs(open);
        mode
    }

    /// The permissions for a new file made from the plan `open` now: its own when it is on
    /// disk (and remembered), else as it was last seen; a plan never seen (gone before the
    /// session could look) leaves them to its owner alone.
    pub(super) fn for_outputs(&mut self, open: Option<&Path>) -> u32 {
        let Some(open) = open else {
            return mode_for_outputs_of(None);
        };
        if fs::metadata(open).is_ok_and(|meta| meta.is_file()) {
            self.seen = Some((open.to_path_buf(), mode_for_outputs_of(Some(open))));
        }
        match &self.seen {
            Some((plan, mode)) if plan == open => *mode,
            _ => 0o600,
        }
    }
}

/// The plan the session has open, as a save needs to know it.
#[derive(Debug, Clone, Copy)]
pub(super) struct OpenPlan<'a> {
    /// Its name, as opened or last saved.
    pub name: &'a Path,
    /// The file its name led to (itself, unless a symbolic link) when the session last read or
    /// saved it.
    pub led: Option<&'a Path>,
    /// Where that file was then, its folder known by device and inode.
    pub was: Option<&'a Whereabouts>,
}

/// Saves: refuses (asks) when the file on disk is not what the session expects, when the
/// `open` plan's name, a symbolic link, no longer leads where it led when the session last
/// read or saved it, or when a save under another name names the file the session has open
/// (also moved since with its folder); writes the file atomically (a new one with permissions
/// `new_mode`, less the umask), then appends the session log (when there is something new to
/// log).
pub(super) fn save(request: &SaveRequest, open: Option<OpenPlan>, new_mode: u32) -> Vec<Msg> {
    let path = &request.path;
    // Each way a save fails says so of this file, and stops there.
    let failed = |error: String| {
        vec![Msg::SaveFailed {
            path: path.clone(),
            error,
        }]
    };
    if let Some(error) = refused_unread(request) {
        return failed(error);
    }
    // Held until the file is written: another session saving it waits, then reads this
    // one's text and asks (two at once both said "saved", and one edit was lost).
    let _locked = match lock_for_saving(path) {
        Ok(locked) => locked,
        Err(e) => {
            return failed(format!("{}: cannot save: {e}", shown_path(path)));
        }
    };
    // Read as a scenario is, 16 MiB of UTF-8 at most: a file grown past that is no plan to
    // compare or merge (a 300 MB one was read whole, 5 s and 1.8 GB, on the UI thread).
    let on_disk = match read_on_disk(path) {
        Ok(on_disk) => on_disk,
        Err(why) => {
            return failed(format!("{}: cannot save: {why}", shown_path(path)));
        }
    };
    let conflict = match (&request.expect, &on_disk) {
        (_, None) => false,
        (Expect::Nothing, Some(_)) => true,
        (Expect::Text(expected), Some(text)) => expected != text,
    };
    // Saving as a file already there: the plan itself under another of its names, or a file
    // to ask about replacing (not one that cannot be).
    if conflict && request.expect == Expect::Nothing {
        if let Some(named) = naming_the_open_plan(path, open) {
            return vec![named];
        }
        if let Err(e) = refuse_read_only_file(path) {
            return failed(e.to_string());
        }
    }
    let relinked = relinked_since(request, open);
    if conflict || relinked.is_some() {
        return vec![Msg::SaveConflict {
            path: path.clone(),
            on_disk: on_disk.unwrap_or_default(),
            relinked,
        }];
    }
    // A plan taken up from a recovery file (`cp`, as `skypie plan` says) gets back the
    // permissions its header recorded: the copy has the recovery file's.
    let written = match request.mode {
        Some(mode) => write_file_in_mode(path, request.text.as_bytes(), mode),
        None => write_file_as(path, request.text.as_bytes(), new_mode),
    };
    if let Err(e) = written {
        return failed(e.to_string());
    }
    let log_failed = if request.session_log.is_empty() {
        None
    } else {
        append_session_log(path, &led_to(path), &request.session_log)
            .err()
            .map(|e| e.to_string())
    };
    vec![Msg::Saved {
        path: path.clone(),
        text: request.text.clone(),
        full_path: std::path::absolute(path).unwrap_or_else(|_| path.clone()),
        // An answer to the question about a link pointed at a file not there yet wrote it, as
        // the question said: "no longer on disk; saved it again" was untrue of it.
        recreated: on_disk.is_none()
            && request.expect != Expect::Nothing
            && request.relinked_to.is_none(),
        log: session_log_of(path),
        log_failed,
    }]
}

/// Why a save is refused before its file is read, if it is: the name is a folder's, or a
/// pipe's, a device's or a socket's (only a regular file is read to compare: a FIFO with no
/// writer would wait for good, with the session's keys and signals waiting too); or, saving
/// as another name, a session log's (the plan would take the record of the edits' place,
/// after only the question any file already there gets).
fn refused_unread(request: &SaveRequest) -> Option<String> {
    let path = &request.path;
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Some(WriteError::Folder { path: path.clone() }.to_string());
        }
        Ok(meta) if !meta.is_file() => {
            return Some(format!(
                "{}: cannot save: it is not a regular file ({})",
                shown_path(path),
                crate::files::SPECIAL
            ));
        }
        _ => {}
    }
    if request.expect != Expect::Nothing {
        return None;
    }
    const TOML_NAME: &str = "choose a .toml name";
    let (why, remedy) = match kept_from_outputs(path) {
        Some(log @ Protected::SessionLog(_)) => (
            format!(
                "it is the {} {}, and {}",
                log.kind(),
                shown_path(log.path()),
                log.why()
            ),
            TOML_NAME,
        ),
        // A new one: the plan would be taken for a log, and its own log named `….md.session.md`.
        _ if named_session_log(path) => (
            format!("a name ending {SESSION_LOG_SUFFIX} is a session log's"),
            TOML_NAME,
        ),
        // The next session on that plan would offer this one as its crash's edits.
        _ if let Some(plan) = super::recovery::recovery_of(path) => (
            format!(
                "it is named as a recovery file of {}, which a session on it would offer as \
                 the edits of one that ended abruptly",
                plan.map_or("the built-in scenario".to_string(), |p| shown_path(&p))
            ),
            "choose another name",
        ),
        _ => return None,
    };
    Some(format!(
        "{}: cannot save as it: {why} ({remedy})",
        shown_path(path)
    ))
}

/// The answer to a save as `path`, a file already there, that is the `open` plan itself: a
/// link to it or its own name, or its new name after its folder was renamed (`s` finds no
/// `d1/`, and a save as `d3/p.toml` said "another file", `y` writing over a colleague's edit
/// unmerged). `None` for another file.
fn naming_the_open_plan(path: &Path, open: Option<OpenPlan>) -> Option<Msg> {
    let open = open?;
    let same = same_path(open.name, path);
    let moved = !same && open.was.is_some_and(|was| moved_with_its_folder(was, path));
    (same || moved).then(|| Msg::NamesOpenFile {
        path: path.to_path_buf(),
        moved,
    })
}

/// Where a save of the `open` plan finds its name, a link, pointed at another plan since:
/// every key of it would read "changed there", and an answer write into it, unsaid. By name
/// too: a link pointed at a file not there yet is no "same path" of anything. (A name gone
/// altogether, the link removed, leads to no other plan: written anew.) An answer to a
/// question about the link is written where the question said it leads; the plan itself
/// moved and linked to under its name is no other plan (it said "…/other/p1.toml is another
/// plan than the one this session opened").
fn relinked_since(request: &SaveRequest, open: Option<OpenPlan>) -> Option<Relinked> {
    let path = &request.path;
    let open = open?;
    if request.expect == Expect::Nothing || !(open.name == path || same_path(open.name, path)) {
        return None;
    }
    let led = request.relinked_to.as_deref().or(open.led);
    let Leads::Elsewhere(relinked) = leads_now(path, led, None) else {
        return None;
    };
    let moved = request.relinked_to.is_none()
        && open
            .was
            .is_some_and(|was| was.is_the_file_at(&relinked.now));
    (!moved).then_some(relinked)
}

/// Where the open plan's name leads as the session knows it after the shell's `msg`, `open`
/// the plan's name then: once a save found a link pointed elsewhere and asked, or the question
/// open found it pointed elsewhere again, where it leads now (said once: the answers, and the
/// saves after, are to that file); once the link is removed, the file the session opened;
/// once a save is made, or the plan is found moved with its folder, wherever the plan's name
/// leads (a save-as moves the session to another name).
pub(super) fn led_after(led: Option<PathBuf>, msg: &Msg, open: Option<&Path>) -> Option<PathBuf> {
    match msg {
        Msg::SaveConflict {
            relinked: Some(relinked),
            ..
        } => Some(relinked.now.clone()),
        // Looked at while asked about: the question now says where it leads.
        Msg::ChangedOnDisk {
            leads: Leads::Elsewhere(moved),
            ..
        } => Some(moved.now.clone()),
        // The link removed: a link made again is measured against the file this session
        // opened, not the one the question last named (a link put back at that other plan would
        // read "as before", and `y` write into it).
        Msg::ChangedOnDisk {
            leads: Leads::Nowhere { opened },
            ..
        } => opened.clone().or(led),
        msg if settles_the_plan(msg) => open.map(led_to),
        _ => led,
    }
}

/// Whether `msg` settles which file the plan is anew: a save made, or the plan found moved
/// with its folder. Where the plan's name leads, and where that file is, are taken anew then
/// ([`led_after`]; the shell's whereabouts: after a question about a link pointed elsewhere,
/// the other plan's passed for the plan moved there, and the next `s` wrote into it unasked).
pub(super) fn settles_the_plan(msg: &Msg) -> bool {
    matches!(
        msg,
        Msg::Saved { .. } | Msg::NamesOpenFile { moved: true, .. }
    )
}

/// Where `file`'s session log is: beside it, or, when it is a symbolic link, beside the file
/// it leads to and named after that (where its saves and recovery files go), so that one plan
/// has one log whichever name opened it.
pub(super) fn session_log_of(file: &Path) -> PathBuf {
    session_log_name(&led_to(file))
}

/// Appends `log` to the session log of the plan `file`, which is beside `led`, the file its
/// name led to when the session last read or saved it (itself, unless a link; see
/// [`session_log_of`]: a link pointed at another plan since does not take this plan's log
/// there), placed for what the log holds once the append has its lock (see
/// [`LogAppend::placed`]; a log that cannot be read is taken for empty, which at worst repeats
/// the session's heading).
pub(super) fn append_session_log(
    file: &Path,
    led: &Path,
    log: &LogAppend,
) -> Result<(), WriteError> {
    let path = session_log_name(led);
    append_file(&path, |now| log.placed(now), mode_for_copies_of(Some(file)))
}

/// The session log's rows, `log`, that the log of the plan `file` (beside `led`) could not
/// take (`why`: its folder read-only, say), kept in a new file of a fallback folder, as
/// unsaved edits are ([`in_a_fallback`]): `plan.toml.session-rows.md` there, numbered past the
/// names taken (`plan.toml.session-rows-2.md`), under a line naming the log they belong to;
/// never a session log's own name (the current folder's `plan.toml.session.md` is its
/// plan's). Where it is.
pub(super) fn keep_log_rows(
    file: &Path,
    led: &Path,
    log: &LogAppend,
    why: &WriteError,
    fallbacks: &[PathBuf],
) -> std::io::Result<PathBuf> {
    let log_path = session_log_name(led);
    let text = format!(
        "Rows of the session log {}, which could not be written there ({why}):\n\n{}",
        full_path(&log_path).display(),
        log.placed("")
    );
    let name = log_path.file_name().unwrap_or_default().to_string_lossy();
    let rows = format!("{}-rows.md", name.strip_suffix(".md").unwrap_or(&name));
    let mode = mode_for_copies_of(Some(file));
    in_a_fallback(fallbacks, folder_of(&log_path), why.to_string(), |folder| {
        let first = folder.join(&rows);
        let mut names = numbered(&first);
        let mut path = first.clone();
        loop {
            match create_new_file(&path, text.as_bytes(), mode) {
                Ok(()) => return Ok(path),
                // Every name taken: the last refusal says so.
                Err(e) if already_exists(&e) => match names.next() {
                    Some(next) => path = next,
                    None => return Err(e),
                },
                Err(e) => return Err(e),
            }
        }
    })
}

/// What to do with a file an export would replace that is no earlier one as skypie wrote it:
/// the file is the user's, so it is kept, and the export waits for its name.
const KEEP_IT: &str = "nothing written: rename it to keep it, then e again";

/// Why an export's file cannot be written, with what the session can do: an export takes the
/// plan's name, so a read-only one is mended by making it writable or saving the plan under
/// another name ("save it under another name", as `eval --out` says it, named nothing here).
fn export_refusal(error: WriteError) -> String {
    match error {
        WriteError::ReadOnly { path } => format!(
            "{}: the file is read-only; not overwriting it (make it writable first, or save the \
             plan under another name (S): its exports take its name)",
            shown_path(&path)
        ),
        other => other.to_string(),
    }
}

/// Writes an export's files (new ones with permissions `new_mode`, less the umask: the
/// plan's, [`PlanMode`]), or says why not: a write that failed, or a name that leads to what
/// no export replaces (a scenario, a `.toml` file, a session log). `plan_changed` is the
/// plan's file when it changed on disk since the session read or saved it, for the message.
pub(super) fn export(
    files: &[(PathBuf, String)],
    new_mode: u32,
    plan_changed: Option<PathBuf>,
) -> Msg {
    // A link under an export's name may lead to the plan itself or its session log, and a
    // name may not be writable (a folder that takes no new file): every name is checked
    // before any is written, as `eval --out` checks its own (the summary's CSV was replaced
    // and its Markdown refused).
    let shown: Vec<String> = files
        .iter()
        .map(|(path, _)| printable(&path.to_string_lossy()).into_owned())
        .collect();
    for ((path, contents), shown) in files.iter().zip(&shown) {
        // Each export replaces an earlier one of its own only, as `report` and `eval --out` do.
        let elsewhere = "save the plan under another name (S) first";
        let refused = match kept_from_outputs(path) {
            Some(kept) => Some(kept.refusal(path, shown, elsewhere)),
            // A FIFO at an export's name waited for a reader for good, the session's keys
            // with it (`eval --out` writes into one: its reader may open it after).
            None if crate::files::is_special(path) => Some(format!(
                "{shown}: not written: it is not a regular file ({}), and the session writes \
                 its exports as files (remove it first)",
                crate::files::SPECIAL
            )),
            // The file it would replace is read: an earlier export edited by hand is kept.
            None => {
                match OwnOutput::of(contents).and_then(|own| other_than_an_earlier(path, own)) {
                    Some(not_an_earlier) => Some(not_an_earlier.refusal(shown, KEEP_IT)),
                    None => refuse_unwritable(path).err().map(export_refusal),
                }
            }
        };
        if let Some(error) = refused {
            return Msg::ExportFailed {
                path: path.clone(),
                error,
            };
        }
    }
    for (i, (path, contents)) in files.iter().enumerate() {
        if let Err(e) = write_file_as(path, contents.as_bytes(), new_mode) {
            // A write that fails after another was made (a full disk, a size limit) leaves
            // the pair half new: said, where the CSV went unsaid beside the Markdown's failure.
            let written: Vec<&str> = shown[..i].iter().map(String::as_str).collect();
            let error = match written.len() {
                0 => export_refusal(e),
                n => format!(
                    "{} ({} {} written)",
                    export_refusal(e),
                    skypie::text::and_list(&written),
                    if n == 1 { "was" } else { "were" }
                ),
            };
            return Msg::ExportFailed {
                path: path.clone(),
                error,
            };
        }
    }
    Msg::Exported {
        paths: files.iter().map(|(p, _)| p.clone()).collect(),
        plan_changed,
    }
}
