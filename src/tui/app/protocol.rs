//! What the session and its shell say to each other: the [`Msg`]s the app is told (keys, the
//! worker's notifications, what became of a save) and the [`Effect`]s it asks the shell to
//! carry out (compute, save, export, quit).

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use crate::tui::worker::Notification;
use skypie::scenario::{Scenario, ScenarioError};

/// Something that happened: a key, or news from the worker or the file system.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    /// Text the terminal says was pasted (bracketed paste), never to be run as keys.
    Paste(String),
    /// News from the model worker.
    Worker(Notification),
    /// The file is written: `text` at `path` (as the session names it), which is `full_path`
    /// (a relative name made absolute against the folder skypie was started from);
    /// `recreated` when the file the save expected was no longer on disk; `log` its session
    /// log (beside the file a link leads to, named after it), and `log_failed` when that
    /// could not be appended, and why.
    Saved {
        path: PathBuf,
        text: String,
        full_path: PathBuf,
        recreated: bool,
        log: PathBuf,
        log_failed: Option<String>,
    },
    /// The file on disk is not what the session last read or wrote; `on_disk` is what it
    /// holds now.
    SaveConflict {
        path: PathBuf,
        on_disk: String,
        /// Where the open plan's name, a symbolic link, leads to another file than when this
        /// session last read or saved it (`on_disk` is that other's).
        relinked: Option<Relinked>,
    },
    /// While the question about a file changed on disk is open, the file looked at again:
    /// what it holds now, or why it holds nothing to merge ([`DELETED_SINCE`], `cannot be
    /// read: …`). The question said why a file since mended could not be merged, and offered
    /// no merge. `leads`: where the plan's name leads now, against where it led when last
    /// read, saved or looked at (a link pointed elsewhere, or back, or removed, while the
    /// question was open).
    ChangedOnDisk {
        path: PathBuf,
        now: Result<String, String>,
        leads: Leads,
    },
    /// A save under another name found that `path` is the file this session has open (a
    /// link to it, or its own name; `moved`: the file moved with its folder since, renamed):
    /// nothing was written.
    NamesOpenFile {
        path: PathBuf,
        moved: bool,
    },
    /// Where the plan is now, its folder renamed or moved since the session last read or
    /// saved it (`d1/` renamed `d3/`: `d3/plan.toml`), or `None` once its name leads to it
    /// again: the shell tells as it finds out ([`crate::files::moved_since`]).
    PlanMoved(Option<PathBuf>),
    /// The plan's file renamed within its folder since the session last read or saved it, its
    /// name gone there (`mv cmp.toml cmp.toml.bak`): its new name, said but never saved into
    /// (often a copy set aside), or `None` once not so ([`crate::files::Whereabouts::renamed_within`]).
    PlanRenamed(Option<PathBuf>),
    /// The file at `path` was not written, and why (`error` names the file).
    SaveFailed {
        path: PathBuf,
        error: String,
    },
    /// The export's files were written; `plan_changed` names the plan's file when its text on
    /// disk is no longer the one this session last read or saved (the export is of the
    /// session's plan, and its "the file says" of the file as read then).
    Exported {
        paths: Vec<PathBuf>,
        plan_changed: Option<PathBuf>,
    },
    /// The export to `path` was not written, and why (`error` names the file).
    ExportFailed {
        path: PathBuf,
        error: String,
    },
    /// The terminal's size: at the start and whenever it changes.
    Resize {
        width: u16,
        height: u16,
    },
    /// The recovery files of the file opened, newest first, each with its text, or why it
    /// cannot be read (a file whose mode lets no one read it, or that is not UTF-8 text): the
    /// newest with something left to offer is offered, and the newer ones that cannot be read
    /// are named with it. `saved_since` lists those the file was saved after (its modification
    /// time is later than theirs): what it holds now may be newer than what they offer.
    RecoveryFound {
        found: Vec<(PathBuf, Result<String, ScenarioError>)>,
        saved_since: Vec<PathBuf>,
    },
}

impl Msg {
    /// Whether this is the shell's answer to a save: written, refused, or found changed.
    pub fn answers_a_save(&self) -> bool {
        matches!(
            self,
            Msg::Saved { .. }
                | Msg::SaveConflict { .. }
                | Msg::NamesOpenFile { .. }
                | Msg::SaveFailed { .. }
        )
    }

    /// Whether this is a word of the disk (the watch's, a save's, a recovery's): where the title
    /// says the plan is, and whether it is read-only, are looked at again after it, not at every
    /// frame. Keys, pastes, the worker's figures and a resize say nothing of the disk.
    pub fn is_from_disk(&self) -> bool {
        !matches!(
            self,
            Msg::Key(_) | Msg::Paste(_) | Msg::Worker(_) | Msg::Resize { .. }
        )
    }
}

/// What the file on disk must hold for a save to go ahead without asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// Exactly this text: what the session opened or last saved, or what the dialog that
    /// asked to overwrite showed (a file changed again since is asked about again).
    Text(String),
    /// No file at all (saving the built-in scenario under a new name).
    Nothing,
}

/// Markdown to append to a session log (`<file>.session.md`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogAppend {
    /// This session's heading in the log: `## Session of 2026-11-23 09:30:00 (CEO and CMO)`.
    pub heading: String,
    /// The Markdown: the heading and a table when it starts the session's part of the log,
    /// else rows of its table (or a note over a table of their own).
    pub text: String,
    /// What this session last appended to this log, empty before its first append.
    pub after: String,
}

impl LogAppend {
    /// Nothing to append.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The text to append to a log that reads `log_now`. Rows continue the table the log
    /// ends with, so unless it still ends with what this session last appended (a second
    /// session saved the same file since, though its heading may read alike, or the log was
    /// edited or removed), they go under this session's heading again, marked "continued",
    /// with a table head: no row reads as another session's.
    pub fn placed(&self, log_now: &str) -> String {
        let starts_its_part = self.text.starts_with(&format!("\n{}\n", self.heading));
        let still_last = !self.after.is_empty() && log_now.ends_with(&self.after);
        if self.text.is_empty() || starts_its_part || still_last {
            return self.text.clone();
        }
        let table = if self.text.starts_with('|') {
            TABLE_HEAD
        } else {
            ""
        };
        format!("\n{}{CONTINUED}\n{table}{}", self.heading, self.text)
    }
}

/// How a session's heading in its log starts.
pub(super) const SESSION_HEADING: &str = "## Session of ";

/// After a session's heading repeated further down its log.
const CONTINUED: &str = ", continued";

/// The head of a session log's table of entries.
pub(super) const TABLE_HEAD: &str = "\n| time | who | input | old | new | P(feasible) before | after |\n\
                                     |---|---|---|---|---|---|---|\n";

/// The open plan's name is a symbolic link that leads to another file (`now`) than when this
/// session last read or saved it (`was`): someone pointed it elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relinked {
    pub was: PathBuf,
    pub now: PathBuf,
}

impl Relinked {
    /// Whether the name `name` leads to itself now: no link any more, a file of its own (an
    /// editor such as `sed -i` writes one in a link's place), the plan edited there.
    pub fn is_a_file_at(&self, name: &std::path::Path) -> bool {
        self.now == name
    }
}

/// Where the plan's name leads, looked at while a question about it is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Leads {
    /// Where it led before (or it is no link).
    AsBefore,
    /// A link pointed at another file since (`now`), from `was`.
    Elsewhere(Relinked),
    /// No file of that name any more (the link itself removed): nothing another plan could
    /// be written into. `opened`: the file this session opened, where a question said the
    /// link led elsewhere: the shell measures a link made again from it.
    Nowhere { opened: Option<PathBuf> },
}

/// Why a file looked at holds nothing ([`Msg::ChangedOnDisk`]): none is at its name, where
/// another reason is that it cannot be read.
pub const DELETED_SINCE: &str = "was deleted since";

/// A save for the shell to carry out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveRequest {
    pub path: PathBuf,
    pub text: String,
    pub expect: Expect,
    /// What to append to `<file>.session.md` once the file is written.
    pub session_log: LogAppend,
    /// Where the plan's name, a symbolic link, was found to lead to when a save asked about
    /// it, for the answer's save (`y`, `m`): it writes there, and asks again only if the link
    /// leads elsewhere by then. `None` for any other save, which asks when the link no longer
    /// leads to the file the session last read or saved.
    pub relinked_to: Option<PathBuf>,
    /// The exact permissions to write the file with, where the plan was taken up from a
    /// recovery file that recorded its plan's ([`super::App::recorded_mode`]); `None`: as any
    /// save.
    pub mode: Option<u32>,
}

/// Work for the shell.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Recompute the results of this state of the scenario.
    Compute {
        generation: u64,
        scenario: Box<Scenario>,
    },
    Save(SaveRequest),
    /// Write these exports.
    Export(Vec<(PathBuf, String)>),
    /// The plan was read anew from its file (reloaded): which file the plan's name leads to,
    /// and where that is, are taken anew (a reload of another plan put in its folder's place
    /// was taken for the old one, moved).
    PlanRead,
    /// The recovery file `recovery`'s edits were loaded and saved into `plan` at `when`: it is
    /// marked so, not to be offered again ([`crate::tui::recovery::with_taken`]).
    RecoveryTaken {
        recovery: PathBuf,
        plan: PathBuf,
        when: String,
    },
    Quit,
}
