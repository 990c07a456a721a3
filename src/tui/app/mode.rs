//! What the keyboard is doing ([`Mode`]), the questions the session may be asking, and the
//! panel shown below the headline.

use std::path::PathBuf;

use tui_input::Input;

use crate::tui::conflict::Sides;
use crate::tui::item::Item;
use crate::tui::keys::{ConflictAnswer, QuitAnswer, ReloadAnswer};
use skypie::scenario::value::read_text;

use super::{Relinked, Suggested};

/// What the keyboard is doing right now.
#[derive(Debug, Clone)]
pub enum Mode {
    Normal,
    /// Typing a new value for an input (a field or a correlation); `error` is the last
    /// refusal, shown inline.
    Editing {
        item: Item,
        input: Input,
        error: Option<String>,
    },
    /// Typing part of an input's name; `note`, said in place of the first match until the
    /// next key (why Ctrl-Z undoes nothing).
    Finding {
        input: Input,
        note: Option<String>,
    },
    /// The keys, and the warnings about no input above them. `keys_alone`: the second page,
    /// that `?` opens where the first gave the warnings the room and cut the keys.
    Help {
        keys_alone: bool,
    },
    /// Quitting with unsaved edits: save, discard, or stay. What the disk said when asked, so
    /// that drawing the question looks at nothing: `plan_gone`, where the plan's file was not
    /// on disk (or held no plan), the sentence saying where it is or that discarding leaves no
    /// copy of it; `unwritable`, why its file is one a save refuses, if it is; `saves`, which
    /// save it offers.
    ConfirmQuit {
        plan_gone: Option<String>,
        unwritable: Option<Unwritable>,
        saves: QuitSaves,
    },
    /// `b` with a baseline pinned: pin the current results instead, clear it, or keep it.
    ConfirmBaseline,
    /// The file changed on disk: merge, overwrite, save as, reload, or back to the session.
    Conflict(Box<Conflict>),
    /// Merging, with keys changed on both sides: which side wins, key by key.
    Resolving(Box<Resolving>),
    /// Reloading from disk would drop unsaved edits: reload anyway or go back.
    ConfirmReload(Box<Conflict>),
    /// Naming the file to save to (the built-in scenario, `S`, or "save as" after a
    /// conflict), starting from a suggested name.
    SavingAs(Suggested),
    /// A recovery file holds edits from a session that ended abruptly: load them or not.
    OfferRecovery(Box<Recovery>),
    /// `e`: which export to write (the summary table, the board report, the comparison).
    ChoosingExport,
}

impl Mode {
    /// Whether the mode is a question drawn even on a too-small screen (so its keys act
    /// there); the editor, finding and help are not.
    pub fn is_question(&self) -> bool {
        !matches!(
            self,
            Mode::Normal | Mode::Editing { .. } | Mode::Finding { .. } | Mode::Help { .. }
        )
    }

    /// Whether the mode has a line of text being typed (a value, a search, a file's name): a
    /// paste goes into it, and an Alt key is its own ([`crate::tui::keys::alt_in_a_line`]).
    pub fn has_text_field(&self) -> bool {
        matches!(
            self,
            Mode::Editing { .. } | Mode::Finding { .. } | Mode::SavingAs(_)
        )
    }
}

/// A save that found the file changed on disk.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The file the save was for.
    pub path: PathBuf,
    /// What the file held when last read (a file deleted or unreadable since keeps it, and
    /// `sides` says why there is nothing to merge).
    pub on_disk: String,
    /// Which keys each side changed, or why the two cannot be merged.
    pub sides: Result<Sides, String>,
    /// Whether it is the session's own file (not a "save as" onto another one).
    pub same_file: bool,
    /// Whether the file changed again since the last key, and the question with it: the next
    /// answer is taken for one given to the text before, and asked again.
    pub changed_unseen: bool,
    /// The file the plan's name (a symbolic link) led to when this session last read or saved
    /// it, where it leads to another now: the question says so, as every key of another plan
    /// reads "changed there", and an answer writes into that other plan; or, where the name is
    /// a file of its own now ([`Conflict::link_replaced`]), into it, the plan edited there.
    pub relinked: Option<Relinked>,
    /// Where the plan is now when it was moved with its folder and this file was put where it
    /// was (`mv g1 g2; mkdir g1`, another plan copied in): the question says so, and offers
    /// no merge, which wrote this session's edits into that other plan.
    pub moved_to: Option<PathBuf>,
    /// Whether `y` can write over what is at `path`: not once the name is a folder, a pipe, a
    /// device or a socket (`mkfifo plan.toml` while the question was open), which the save
    /// refuses.
    pub overwrites: bool,
    /// Whether this session had unsaved edits when asked: without any there is nothing of its
    /// own to merge, and writing its version back would only undo the change made there.
    pub edits_here: bool,
}

/// A merge waiting for a choice on each key both sides changed.
#[derive(Debug, Clone)]
pub struct Resolving {
    /// The save that found the file changed.
    pub conflict: Conflict,
    /// Keys where the file's value was chosen so far.
    pub theirs_win: Vec<Item>,
    /// The position in `sides.both` of the key asked about now.
    pub next: usize,
}

impl Conflict {
    /// Where the question says the plan's name, a link pointed elsewhere, leads now: an
    /// answer's save is written there ([`SaveRequest::relinked_to`](super::SaveRequest)).
    pub fn leads_to(&self) -> Option<PathBuf> {
        self.relinked.as_ref().map(|r| r.now.clone())
    }

    /// Whether the plan's name, a link when last read or saved, is a file of its own now (an
    /// editor such as `sed -i` writes one in a link's place): the plan this session opened,
    /// edited there, not another plan, so its change can be merged.
    pub fn link_replaced(&self) -> bool {
        self.relinked
            .as_ref()
            .is_some_and(|r| r.is_a_file_at(&self.path))
    }

    /// Whether this conflict can be settled so: a merge and a reload need both texts to be
    /// valid scenarios, a reload needs the file to be the session's own, and an overwrite a
    /// file (or none) at its name ([`Conflict::overwrites`]). Of its own file with no edits
    /// here ([`Conflict::edits_here`]) there is no merge (`m` merged nothing), and an overwrite
    /// only where the file holds no plan now, this session's version being its last good copy
    /// (`y` put the old values back over a colleague's, unsaid).
    pub fn offers(&self, answer: ConflictAnswer) -> bool {
        let ours = self.edits_here || !self.same_file;
        match answer {
            ConflictAnswer::Merge => ours && self.sides.is_ok() && self.moved_to.is_none(),
            ConflictAnswer::Reload => self.same_file && self.sides.is_ok(),
            ConflictAnswer::Overwrite => (ours || self.sides.is_err()) && self.overwrites,
            ConflictAnswer::SaveAs | ConflictAnswer::Back => true,
        }
    }

    /// Whether the reload question about this conflict offers `answer`: back always, reload
    /// while the conflict offers one (the file may have changed again since it was asked;
    /// a `y` then says why it cannot, `App::answer_reload`).
    pub fn offers_on_reload(&self, answer: ReloadAnswer) -> bool {
        answer == ReloadAnswer::Back || self.offers(ConflictAnswer::Reload)
    }
}

/// Why the quit question found the plan's file one a save refuses, as it says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unwritable {
    /// Its permissions say so, or the kernel's check (a read-only file system, `chattr +i`).
    ReadOnly,
    /// They do not, but its last save this session failed and it refuses writes still.
    FailedLastSave,
}

impl Unwritable {
    /// What the question says of the file: "plan.toml is read-only".
    pub fn said(self) -> &'static str {
        match self {
            Unwritable::ReadOnly => "is read-only",
            Unwritable::FailedLastSave => "could not be written at the last save",
        }
    }
}

/// What the quit question found of its saves when asked: the answers it lists and the keys it
/// takes both come from [`QuitSaves::offers`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuitSaves {
    /// Whether `s` can write the plan to its name (else `S` in its place).
    pub can_save: bool,
    /// Whether the value typed and not applied, if any, reads: either save applies it first.
    pub typed_reads: bool,
}

impl QuitSaves {
    /// Whether the question offers `answer`: `s` where it can write the plan, else `S` in its
    /// place (the plan read-only, or gone with its folder, or a folder at its name, which no
    /// save can write to: `s` was listed, and failed); neither where the value typed does not
    /// read (`25M to`: `s` was listed, and opened its editor again).
    pub fn offers(self, answer: QuitAnswer) -> bool {
        match answer {
            QuitAnswer::SaveThenQuit => self.can_save && self.typed_reads,
            QuitAnswer::SaveAsThenQuit => !self.can_save && self.typed_reads,
            QuitAnswer::Discard | QuitAnswer::Stay => true,
        }
    }
}

impl Resolving {
    /// The keys both sides changed.
    pub fn both(&self) -> &[Item] {
        self.conflict.sides.as_ref().map_or(&[], |s| &s.both)
    }

    /// The keys (a range of [`Resolving::both`]) the question asked now settles: the one, or
    /// every key of a table the file removed ([`Sides::settled_at`](crate::tui::conflict::Sides)).
    pub fn question(&self) -> std::ops::Range<usize> {
        let settled = self
            .conflict
            .sides
            .as_ref()
            .map_or(1, |s| s.settled_at(self.next));
        self.next..(self.next + settled).min(self.both().len())
    }
}

/// What a recovery file would change.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovery {
    /// The newest recovery file with something left to offer.
    pub path: PathBuf,
    /// How many older recovery files lie beside it (newer ones have nothing left to offer,
    /// or cannot be read).
    pub older: usize,
    /// The newer recovery files that cannot be read, with why (their names left out): their
    /// edits may be newer than these, and they are left on disk.
    pub unreadable: Vec<(PathBuf, String)>,
    /// The values it would change, in the inputs list's order.
    pub changes: Vec<RecoveredValue>,
    /// Its edits to a table the file has no key of now (removed since): not offered, as one
    /// key alone would make a table neither wrote (a quota and no reps); they stay in it.
    pub not_offered: Vec<Item>,
    /// Whether the file was saved after it was written, where it does not say what its edited
    /// inputs were before (then each changed since is named instead): the file's values may
    /// be newer.
    pub saved_since: bool,
    /// A value its session was typing and had not entered (the input's key, the text): shown,
    /// and taken back into its editor, never applied unseen.
    pub typed: Option<(String, String)>,
    /// The baseline its session had pinned: when, and the plan it is of (its inputs kept),
    /// pinned again when the offer is taken.
    pub baseline: Option<(String, Box<skypie::scenario::Scenario>)>,
}

/// One value a recovery file would change.
#[derive(Debug, Clone, PartialEq)]
pub struct RecoveredValue {
    /// The input or correlation it changes.
    pub item: Item,
    /// The value now, as the file writes it (what the log keeps).
    pub from: String,
    /// The recovered value, as the recovery file writes it (what loading reads).
    pub to: String,
    /// Both as the inputs list shows values: `0.8` and `"81%"` read `80%` and `81%`.
    pub shown: (String, String),
    /// Where the file has changed this input since the recovery file's session made its edit
    /// (someone else saved it), what it was then, shown as `shown` is (`not in the file`
    /// where the file did not have it): loading writes over that later save.
    pub was: Option<String>,
}

impl RecoveredValue {
    /// The change of `item` from `from` to `to`, each shown as the inputs list shows it (a
    /// text that does not read as the key's value, as it is).
    pub fn new(item: Item, from: String, to: String) -> RecoveredValue {
        let shown = (Self::show(item, &from), Self::show(item, &to));
        RecoveredValue {
            item,
            from,
            to,
            shown,
            was: None,
        }
    }

    /// `text`, a value of `item` as a file writes it, as the inputs list shows it (as it is,
    /// where it does not read as the key's value).
    pub fn show(item: Item, text: &str) -> String {
        match item {
            Item::Field(field) => read_text(field, text)
                .map_or_else(|_| text.to_string(), |value| value.display(field.unit())),
            Item::Correlation(..) => text.to_string(),
        }
    }
}

/// The tab shown below the headline when the screen is small.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Histogram,
    Tornado,
    Levers,
    TimePath,
    Frontier,
    Log,
}

impl Panel {
    /// Whether a screen of `width`×`height` shows every panel at once (from 120×40): then there
    /// are no tabs to move between.
    pub fn all_fit(width: u16, height: u16) -> bool {
        width >= 120 && height >= 40
    }

    /// Every panel, in the order of the tabs.
    pub const ALL: [Panel; 6] = [
        Panel::Histogram,
        Panel::Tornado,
        Panel::Levers,
        Panel::TimePath,
        Panel::Frontier,
        Panel::Log,
    ];

    /// The panel's name on its tab.
    pub fn title(self) -> &'static str {
        match self {
            Panel::Histogram => "Histogram",
            Panel::Tornado => "Tornado",
            Panel::Levers => "Levers",
            Panel::TimePath => "Time path",
            Panel::Frontier => "Frontier",
            Panel::Log => "Log",
        }
    }

    /// The panel's name on a tab where the full names do not fit (80 columns).
    pub fn short_title(self) -> &'static str {
        match self {
            Panel::TimePath => "Time",
            panel => panel.title(),
        }
    }

    /// The panel `by` tabs on (Tab: 1, Shift-Tab: -1), wrapping around.
    pub(super) fn step(self, by: isize) -> Panel {
        let i = Panel::ALL.iter().position(|p| *p == self).unwrap_or(0) as isize;
        Panel::ALL[(i + by).rem_euclid(Panel::ALL.len() as isize) as usize]
    }
}
