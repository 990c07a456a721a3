//! What the session and its shell say to each other: the [`Msg`]s the app is told (keys, the
//! worker's notifications, what became of a save) and the [`Effect`]s it asks the shell to
//! carry out (compute, save, export, quit).

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use crate::tui::worker::Notification;
use skypie::scenario::Scenario;

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
    /// `recreated` when the file the save expected was no longer on disk; `log_failed` when
    /// its session log could not be appended, and why.
    Saved {
        path: PathBuf,
        text: String,
        full_path: PathBuf,
        recreated: bool,
        log_failed: Option<String>,
    },
    /// The file on disk is not what the session last read or wrote; `on_disk` is what it
    /// holds now.
    SaveConflict {
        path: PathBuf,
        on_disk: String,
    },
    /// The file at `path` was not written, and why (`error` names the file).
    SaveFailed {
        path: PathBuf,
        error: String,
    },
    Exported(Vec<PathBuf>),
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
    /// The newest recovery file beside the file opened (`older`: how many more there are).
    RecoveryFound {
        path: PathBuf,
        text: String,
        older: usize,
    },
}

/// What the file on disk must hold for a save to go ahead without asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// Exactly this text (what the session opened or last saved).
    Text(String),
    /// No file at all (saving the built-in scenario under a new name).
    Nothing,
    /// Anything: the user confirmed the overwrite.
    Anything,
}

/// A save for the shell to carry out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveRequest {
    pub path: PathBuf,
    pub text: String,
    pub expect: Expect,
    /// Markdown to append to `<file>.session.md` once the file is written.
    pub session_log: String,
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
    Quit,
}
