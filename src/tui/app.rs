//! The live session's state and how events change it. Pure: no terminal, no files, no
//! threads; the time of day comes from a clock the caller gives, and whether a name is a
//! folder from a check it gives. [`App::handle`] takes a
//! [`Msg`] (a key, or a result from the worker or the file system) and returns the
//! [`Effect`]s the shell must carry out, so tests drive the whole session with key events.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::KeyEventKind;
#[cfg(test)]
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::item::{self, Item};
use super::keys::ExportChoice;
use super::worker::{Computed, Notification};
use skypie::model::Detail;
use skypie::model::headline::Headline;
use skypie::report::format::PlanMoney;
use skypie::scenario::edit::field_texts;
use skypie::scenario::{Correlation, Field, Scenario, Warning};
use skypie::text::shown_path;

mod baseline;
mod conflict;
mod export;
mod history;
mod keyboard;
mod letters;
mod mode;
mod on_disk;
mod protocol;
mod quit;
mod recovery;
mod save_as;
mod saving;
mod session_log;
mod suggestion;
mod watch;

pub use export::NO_BASELINE;
use export::exported_names;
use history::Snapshot;
use letters::Letters;
pub use mode::{Conflict, Mode, Panel, RecoveredValue, Recovery, Resolving};
pub use protocol::{DELETED_SINCE, Effect, Expect, Leads, LogAppend, Msg, Relinked, SaveRequest};
use saving::{SaveInFlight, Saved};
use session_log::LogMarks;
pub use session_log::{LogEntry, LogPaging, LoggedP, session_log_name};
pub use suggestion::Suggested;
pub(crate) use watch::no_longer_on_disk;
pub use watch::{DiskChange, NO_LONGER_ON_DISK, NOR_ITS_FOLDER, Went};

/// The smallest screen the session draws on; below it only `q` and Ctrl-C act (and the keys
/// of a question, which is drawn even there).
pub const MIN_WIDTH: u16 = 80;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 24;

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
    /// The file names `text` mentions, as it writes them: where it is too long for the
    /// status line these are cut in the middle, so that what it says of them (why a save
    /// failed) stays on the screen.
    pub names: Vec<String>,
    /// Where in `text` the instruction for the question still open begins (`; type another
    /// name, or Esc`): what closing the question takes off, the rest said still. Kept apart
    /// from the wording, so that no message reworded changes what stays said.
    instruction_at: Option<usize>,
}

impl Status {
    /// A message about the files `names`.
    fn naming(text: String, error: bool, names: &[impl AsRef<Path>]) -> Status {
        let names = names.iter().map(|n| shown_path(n.as_ref())).collect();
        Status {
            text,
            error,
            names,
            instruction_at: None,
        }
    }

    /// What stays said once the question its instruction is for is closed: the text before
    /// the instruction; `None` when it was all instruction.
    fn without_instruction(mut self) -> Option<Status> {
        match self.instruction_at.take() {
            Some(0) => None,
            Some(at) => {
                self.text.truncate(at);
                Some(self)
            }
            None => Some(self),
        }
    }
}

/// A baseline pinned with `b`: its figures, and the plan they are of (the comparison lists the
/// inputs changed since).
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    pub headline: Headline,
    pub scenario: Scenario,
    /// When it was pinned (the session's clock): a recovery file's offer names it.
    pub pinned_at: String,
}

/// The whole session.
pub struct App {
    pub scenario: Scenario,
    /// The file being planned; `None` for the built-in scenario until it is saved.
    pub file: Option<PathBuf>,
    /// The text as opened (or as merged or reloaded since): an edit taken back is written
    /// as it has the value.
    opened_text: String,
    /// What the file on disk holds as far as the session knows: the text as opened, then as
    /// last saved. A save writes the unsaved edits into a copy of it, so its comments and
    /// layout survive.
    saved_text: String,
    /// How many texts the session has taken as the file's since it opened (a save, a merge, a
    /// reload): the watcher's finding read before the last of them is stale ([`crate::tui::disk::Look`]).
    saved_version: u64,
    /// What the file says for each field, to start the editor from.
    file_texts: BTreeMap<Field, String>,
    /// The text typed for each field changed in this session (saved as typed).
    pub edits: BTreeMap<Field, String>,
    saved_edits: BTreeMap<Field, String>,
    /// The correlations as the text as opened sets them: a correlation that differs is an edit.
    base_correlations: Vec<Correlation>,
    /// The correlations as last saved.
    saved_correlations: Vec<Correlation>,
    /// The inputs this session changed that the file still had when it was reloaded from disk
    /// or merged: still marked as changed in this session.
    saved_before_reload: Vec<Item>,
    pub selected: usize,
    pub mode: Mode,
    /// Who is at the keyboard (one name or more, each different); `active_role` is editing.
    pub roles: Vec<String>,
    pub active_role: usize,
    /// The session log: one entry per edit or choice, oldest first.
    pub log: Vec<LogEntry>,
    /// How far the log is written to the files' session logs, saved and reloaded.
    log_marks: LogMarks,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// What undo starts at where it was cleared there, its history being of another text (`the
    /// reload from disk`, `the merge`): `u` with nothing left to undo says so.
    undo_starts_at: Option<&'static str>,
    /// The plan's file as last found on disk, where it no longer holds what this session last
    /// read or saved and was not reloaded ([`App::on_plan_changed`]): the title bar and the
    /// status line say so until a save, a reload or the file put back.
    pub disk_change: Option<DiskChange>,
    /// The state of the scenario; every change makes a new one.
    pub generation: u64,
    pub results: Option<Computed>,
    pub detail: Option<(u64, Detail)>,
    /// The figures pinned with `b`, and the plan they are of.
    pub baseline: Option<Baseline>,
    /// `b` pressed while the figures of this state (a generation) were computing: they are
    /// pinned once they are in (the figures then on screen were of the plan before the edit).
    pin_waits: Option<u64>,
    pub panel: Panel,
    /// How many of the newest log entries the Log tab scrolls past (PgUp, PgDn), to show
    /// earlier ones: its edge counted them with no way to read them.
    pub log_back: usize,
    /// Where the plan's name led when this session last read or saved it, once a question
    /// found the name (a link) pointed at another file since: the file the unsaved edits are
    /// of, whatever was answered, until a save or a reload makes the other file the plan
    /// ([`App::edits_belong_to`]).
    relinked_home: Option<PathBuf>,
    /// Where the plan is now, its folder renamed or moved since the session last read or
    /// saved it, as the shell last told ([`Msg::PlanMoved`]); what the session does with it
    /// goes by [`App::moved_away_to`].
    moved_to: Option<PathBuf>,
    /// The plan's new name in its folder, its own name gone there, as the shell last told
    /// ([`Msg::PlanRenamed`]); said by [`App::renamed_away_to`], never saved into.
    renamed_to: Option<PathBuf>,
    /// The recovery file whose values `l` loaded, with them: once a save writes them all, it
    /// is marked taken and not offered again ([`App::recovery_taken`]).
    recovery_loaded: Option<(PathBuf, Vec<(Item, String)>)>,
    /// [`App::went_away`] as found at the last word from the disk: the title's, for a frame
    /// drawn to look at no disk.
    went_away: Option<Went>,
    /// Whether the plan's file was read-only ([`Disk::is_read_only`]) at the last word from the
    /// disk: the title's, for a frame drawn to look at no disk.
    read_only: bool,
    /// Why the last save of the plan's own file failed, until a save is written (a failed
    /// save-as leaves it): the quit question says so, and offers `s` to try again unless the
    /// file refuses writes now ([`Disk::refuses_writes`]), where only `S` keeps them.
    last_save_failed: Option<String>,
    /// The value editor Ctrl-C closed to ask whether to quit: Esc ("stay") opens it again as
    /// it was (the value being typed was gone).
    interrupted_edit: Option<Mode>,
    /// What letters typed on the inputs list did, for the value editor a digit after them opens
    /// to say (`usd 450k`: `u` undid an edit, `s` saved, where the editor hides the status line).
    letters: Letters,
    /// How far PgUp and PgDn page the Log tab from the page last drawn (drawing sets it).
    pub log_paging: std::cell::Cell<LogPaging>,
    pub status: Option<Status>,
    /// What waits on a save being made, or on the name to save as.
    saving: SaveInFlight,
    /// What the save that ended the session said (`saved plan.toml (session log: …)`), for
    /// the terminal once the session is gone: a save-and-quit said nowhere where it wrote.
    saved_and_quit: Option<String>,
    /// An export turned away because its figures were computing: said once they are in.
    export_waits: Option<ExportChoice>,
    /// The terminal's size, once the shell has said (tests may leave it unknown: full size).
    pub screen: Option<(u16, u16)>,
    clock: fn() -> String,
    /// What the session asks of the file system.
    disk: Disk,
    /// Whether the plan's name was a link when the session opened it: gone from its name, the
    /// plan may still be where the link led.
    through_a_link: bool,
    started: String,
}

/// What the session asks of the file system as it decides: the shell's looks, tests give
/// their own.
#[derive(Debug, Clone, Copy)]
pub struct Disk {
    /// Whether a path names a folder (a file typed to save as may be one).
    pub is_folder: fn(&Path) -> bool,
    /// Whether there is a file at a path (the plan's, deleted since it was opened?).
    pub is_there: fn(&Path) -> bool,
    /// Whether a path names neither a file nor a folder: a pipe, a device or a socket, which
    /// no save writes over (the plan's, replaced by `mkfifo` since it was opened?).
    pub is_special: fn(&Path) -> bool,
    /// Whether the file at a path reads as a scenario (the plan's, emptied since it was saved,
    /// `skypie eval plan.toml > plan.toml`?).
    pub holds_a_plan: fn(&Path) -> bool,
    /// Whether a folder takes a new file (the plan's, to write a deleted plan again: not
    /// without permission, nor on a read-only file system).
    pub takes_new_files: fn(&Path) -> bool,
    /// Whether a path's name is itself a symbolic link (one that leads nowhere too).
    pub is_a_link: fn(&Path) -> bool,
    /// Whether the file at a path is one a save refuses to write (no `w` in its mode, a
    /// read-only file system, `chattr +i`): the plan's, which the quit question then offers no
    /// `s` for.
    pub is_read_only: fn(&Path) -> bool,
    /// Whether the file at a path refuses a write now by the kernel's check, as a full disk does
    /// not: the quit question after a failed save. A file so is found read-only too, by the same
    /// check, unless made so between the two looks.
    pub refuses_writes: fn(&Path) -> bool,
    /// The file a path leads to once its links are followed (itself when it is no link): where
    /// a save writes.
    pub leads_to: fn(&Path) -> PathBuf,
    /// The home folder, if known: where save-as suggests a name when neither the plan's folder
    /// nor the current one takes a new file (a read-only file system).
    pub home: fn() -> Option<PathBuf>,
}

/// A key press, for tests.
#[cfg(test)]
pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::from(code))
}

impl App {
    /// A session on `text` (the scenario's file contents, or the built-in scenario when `file`
    /// is `None`), with the names of who is at the keyboard (one or more), a clock for the log
    /// and the looks at the file system it needs. Returns the app and the first computation to
    /// run.
    pub fn new(
        text: &str,
        file: Option<PathBuf>,
        roles: impl Into<Vec<String>>,
        clock: fn() -> String,
        disk: Disk,
    ) -> Result<(App, Vec<Effect>), skypie::ScenarioError> {
        let origin = file
            .as_ref()
            .map_or_else(|| "built-in".to_string(), |p| p.display().to_string());
        let scenario = Scenario::parse(text, &origin)?;
        let started = clock();
        let read_only = (file.as_deref()).is_some_and(|f| (disk.is_read_only)(f));
        let app = App {
            scenario: scenario.clone(),
            file,
            opened_text: text.to_string(),
            saved_text: text.to_string(),
            saved_version: 0,
            file_texts: field_texts(text),
            edits: BTreeMap::new(),
            saved_edits: BTreeMap::new(),
            base_correlations: scenario.correlations.clone(),
            saved_correlations: scenario.correlations.clone(),
            saved_before_reload: Vec::new(),
            selected: 0,
            mode: Mode::Normal,
            roles: roles.into(),
            active_role: 0,
            log: Vec::new(),
            log_marks: LogMarks::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            undo_starts_at: None,
            disk_change: None,
            generation: 0,
            results: None,
            detail: None,
            baseline: None,
            pin_waits: None,
            panel: Panel::Histogram,
            log_back: 0,
            relinked_home: None,
            moved_to: None,
            read_only,
            recovery_loaded: None,
            renamed_to: None,
            went_away: None,
            last_save_failed: None,
            interrupted_edit: None,
            letters: Letters::default(),
            // Before any page is drawn, one entry at a time: none is skipped.
            log_paging: std::cell::Cell::new(LogPaging {
                later: 0,
                back: 1,
                forward: 1,
            }),
            status: None,
            saving: SaveInFlight::default(),
            saved_and_quit: None,
            export_waits: None,
            screen: None,
            clock,
            disk,
            through_a_link: false,
            started,
        };
        Ok((
            app,
            vec![Effect::Compute {
                generation: 0,
                scenario: Box::new(scenario),
            }],
        ))
    }

    /// The fields the session lists, in file order (capacity only with `[capacity]`).
    pub fn fields(&self) -> Vec<Field> {
        self.scenario.used_fields().collect()
    }

    /// The rows of the inputs list: the fields, then the correlations.
    pub fn items(&self) -> Vec<Item> {
        item::items(&self.scenario)
    }

    /// The row under the cursor.
    pub fn selected_item(&self) -> Item {
        let items = self.items();
        items[self.selected.min(items.len() - 1)]
    }

    /// Whether there are edits the file does not have yet ([`App::unsaved_items`]).
    pub fn is_dirty(&self) -> bool {
        !self.unsaved_items().is_empty()
    }

    /// Whether there are undone edits that Ctrl-R brings back: a reload drops them too.
    pub fn has_undone_edits(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The items whose edits the file does not have yet (each field's text, each correlation's
    /// ρ, against the last save's): what quitting would drop, and what a recovery file offers
    /// back. An edit saved since is not one of them, so a recovery file never offers a value a
    /// colleague saved after this session's save back to this session's.
    pub fn unsaved_items(&self) -> Vec<Item> {
        let now = &self.scenario.correlations;
        let saved = &self.saved_correlations;
        let fields = Field::ALL
            .into_iter()
            .filter(|f| self.edits.get(f) != self.saved_edits.get(f))
            .map(Item::Field);
        let changed = now
            .iter()
            .filter(|c| item::find(saved, c.a, c.b).map(|s| s.rho) != Some(c.rho));
        let dropped = saved.iter().filter(|s| item::find(now, s.a, s.b).is_none());
        fields.chain(changed.chain(dropped).map(Item::of)).collect()
    }

    /// Where a fitted input came from while its value is still the fit's (`fitted by skypie
    /// fit to actuals/attainment.csv (n = 28)`, the note `fit --into` left beside it): the
    /// editor says it. The session showed a fitted input as any other.
    pub fn fit_note(&self, field: Field) -> Option<&str> {
        self.scenario
            .fit_notes
            .get(&field)
            .map(String::as_str)
            .filter(|_| !self.is_edited(Item::Field(field)))
    }

    /// Whether this session saved a change of `item` (or had, before a reload or a merge).
    pub(super) fn saved_a_change(&self, item: Item) -> bool {
        self.saved_before_reload.contains(&item)
            || match item {
                Item::Field(field) => self.saved_edits.contains_key(&field),
                Item::Correlation(a, b) => {
                    let rho = |set: &[Correlation]| item::find(set, a, b).map(|c| c.rho);
                    rho(&self.saved_correlations) != rho(&self.base_correlations)
                }
            }
    }

    /// Whether an item was changed in this session (the inputs list marks it).
    pub fn is_edited(&self, item: Item) -> bool {
        // Changed by a save (typed back to the value it was opened with after a save, it
        // differs from the file, and had no mark), or edited now.
        self.saved_a_change(item)
            || match item {
                Item::Field(field) => self.edits.contains_key(&field),
                Item::Correlation(a, b) => {
                    let rho = |set: &[Correlation]| item::find(set, a, b).map(|c| c.rho);
                    rho(&self.scenario.correlations) != rho(&self.base_correlations)
                }
            }
    }

    /// What the inputs list says about an item once selected: every warning about it (a
    /// benchmark it is far outside, samples clamped into its domain, a sample count capped),
    /// as `eval` says them, or why a correlation has no effect.
    pub fn caveat(&self, item: Item) -> Option<String> {
        self.said().caveat(&self.scenario, item)
    }

    /// Every warning the session says of this state and the figures shown ([`item::Said`]),
    /// for a frame to work out once.
    pub fn said(&self) -> item::Said {
        item::Said::of(&self.scenario, &self.shown_warnings())
    }

    /// The warnings of the figures shown, which the headline counts and the inputs list and
    /// status line say: this state's full run, or until it is in, its quick estimate or the
    /// state before (shown dimmed), so that a mark does not blink off at each keystroke. But
    /// an estimate's about its own sample count ("100000 rounded up to 131072" beside a
    /// run.samples of 8388608): not the plan's.
    fn shown_warnings(&self) -> Vec<Warning> {
        let Some(results) = &self.results else {
            return Vec::new();
        };
        results
            .headline
            .warnings
            .iter()
            .filter(|w| !(results.estimate && w.is_about(Field::RunSamples)))
            .cloned()
            .collect()
    }

    /// How the plan's money reads ([`PlanMoney`]): its target and its realistic target, once
    /// figures are in, at the digits that keep them in their true order, as `eval` and the
    /// board report show them.
    pub fn plan_money(&self) -> PlanMoney<'_> {
        // The target and currency the figures were computed for (those typed may be newer).
        let figured = self.figured();
        match &self.results {
            Some(r) => PlanMoney::of(
                figured.target_revenue,
                r.headline.realistic_target,
                &figured.currency,
            ),
            None => PlanMoney::shown(&figured.currency),
        }
    }

    /// The file this session's unsaved edits are of, where a link to it was pointed at another
    /// file since the session last read or saved it (a save declined then kept them there):
    /// where an ending keeps them and logs them. `None` where that is where the plan's name
    /// led when last read or saved, as the shell knows it.
    pub fn edits_belong_to(&self) -> Option<&Path> {
        self.relinked_home.as_deref()
    }

    /// Says the plan's name was a link when the session opened it (the shell looks).
    pub fn opened_through_a_link(&mut self) {
        self.through_a_link = true;
    }

    /// Where the plan is now, as the shell last told ([`Msg::PlanMoved`]).
    pub fn moved_to(&self) -> Option<&Path> {
        self.moved_to.as_deref()
    }

    /// [`App::went_away`] as last found, where the title says it: no look at the disk.
    pub fn shown_went_away(&self) -> Option<&Went> {
        self.went_away.as_ref()
    }

    /// Whether the plan's file was read-only as last found, where the title says it: no look at
    /// the disk.
    pub fn shown_read_only(&self) -> bool {
        self.read_only
    }

    /// Where the plan is now when it was moved with its folder, is there, and nothing is left
    /// at its name (a folder made anew under the old name, or none): a save by its name would
    /// write another plan there; `s` says where it is, the quit question's `s` saves there,
    /// and `S` suggests it. `None` while its name leads to a file (a copy of the folder put
    /// back in its place is saved by name, as an editor does), or the moved plan was deleted.
    pub(super) fn moved_away_to(&self) -> Option<PathBuf> {
        let file = self.file.as_deref()?;
        self.moved_to
            .clone()
            .filter(|now| !self.is_a_file(file) && (self.disk.is_there)(now))
    }

    /// The plan's new name in its folder when it was renamed there, is there, and nothing is
    /// at its name, which is no link (a link's file renamed is not the name renamed).
    pub(super) fn renamed_away_to(&self) -> Option<PathBuf> {
        let file = self.file.as_deref()?;
        let gone = !self.is_a_file(file) && !(self.disk.is_a_link)(file);
        self.renamed_to
            .clone()
            .filter(|now| gone && (self.disk.is_there)(now))
    }

    /// Where the plan went from its name, if it is gone from it: moved with its folder, or
    /// renamed within it.
    pub(super) fn went_away(&self) -> Option<Went> {
        (self.moved_away_to().map(Went::WithItsFolder))
            .or_else(|| self.renamed_away_to().map(Went::Renamed))
    }

    /// Remembers where the plan's name led before a link was found pointed elsewhere
    /// ([`App::edits_belong_to`]), the first time it is found so.
    pub(super) fn found_relinked(&mut self, relinked: Option<&Relinked>) {
        if let Some(relinked) = relinked
            && self.relinked_home.is_none()
        {
            self.relinked_home = Some(relinked.was.clone());
        }
    }

    /// Where the plan's name led when this session read or saved it, while the open question
    /// says it leads to another file now ([`Relinked::was`]).
    pub fn relinked_from(&self) -> Option<&Path> {
        match &self.mode {
            Mode::Conflict(c) | Mode::ConfirmReload(c) => {
                c.relinked.as_ref().map(|r| r.was.as_path())
            }
            _ => None,
        }
    }

    /// The file the open question about a change on disk (or its "Reload?") is about: the
    /// shell looks at it again while the question is open ([`Msg::ChangedOnDisk`]).
    pub fn conflict_shown(&self) -> Option<&Path> {
        match &self.mode {
            // Another file a save-as found there is only asked about as it stands.
            Mode::Conflict(c) | Mode::ConfirmReload(c) if c.same_file => Some(&c.path),
            Mode::Resolving(r) if r.conflict.same_file => Some(&r.conflict.path),
            _ => None,
        }
    }

    /// The file's text as this session last read or saved it.
    pub fn saved_text(&self) -> &str {
        &self.saved_text
    }

    /// Which of the texts taken as the file's [`App::saved_text`] is: one more after each save,
    /// merge or reload.
    pub fn saved_version(&self) -> u64 {
        self.saved_version
    }

    /// Takes `text` as what the file holds (a save, a merge, a reload), with the version that
    /// makes the watcher's findings from before it stale.
    fn hold_as_the_files(&mut self, text: String) {
        self.saved_text = text;
        self.saved_version += 1;
    }

    /// P(feasible) of the state the session is in, once its full run is in: the figure a log
    /// entry gives as its "before" or "after". A quick estimate is none (a row logged "0%"
    /// after it, then the full run's "< 0.1%" beside it, as the row before's after).
    pub(super) fn figures_now(&self) -> Option<LoggedP> {
        self.results
            .as_ref()
            .filter(|r| r.generation == self.generation && !r.estimate)
            .map(LoggedP::of)
    }

    /// Whether the results on screen belong to an earlier state of the scenario (an edit is
    /// being computed): the screen dims them.
    pub fn is_stale(&self) -> bool {
        self.results
            .as_ref()
            .is_some_and(|r| r.generation != self.generation)
    }

    /// Whether the screen is below the size the session draws on.
    pub fn is_too_small(&self) -> bool {
        self.screen
            .is_some_and(|(w, h)| w < MIN_WIDTH || h < MIN_HEIGHT)
    }

    /// Whether the full run of the scenario's current state is not in yet: no results, an
    /// older state's ([`App::is_stale`]), or only the current state's quick estimate.
    pub fn is_computing(&self) -> bool {
        self.results
            .as_ref()
            .is_none_or(|r| r.generation != self.generation || r.estimate)
    }

    /// Whether the worker still owes figures for the state on screen (its headline, or the
    /// panels' detail): the session then looks for them every frame, and otherwise rests.
    pub fn awaits_worker(&self) -> bool {
        self.is_computing() || self.current_detail().is_none()
    }

    /// The scenario the figures on screen were computed for: the last results' state, older
    /// than the one being typed while a recompute runs (the figures are then dimmed, and read
    /// with their own target, horizon and confidence), or the session's own before any.
    pub fn figured(&self) -> &Scenario {
        self.results
            .as_ref()
            .map_or(&self.scenario, |r| &r.scenario)
    }

    /// The tornado, levers, time path and frontier of the results on screen, once in.
    pub fn current_detail(&self) -> Option<&Detail> {
        self.detail
            .as_ref()
            .filter(|(g, _)| Some(*g) == self.results.as_ref().map(|r| r.generation))
            .map(|(_, d)| d)
    }

    /// The name of whoever is editing.
    pub fn role(&self) -> &str {
        self.roles.get(self.active_role).map_or("", String::as_str)
    }

    /// The text a field's value is written as: what was typed for it this session, what the
    /// file says, or the value in the file's grammar.
    pub fn field_text(&self, field: Field) -> String {
        if let Some(typed) = self.edits.get(&field) {
            return typed.clone();
        }
        if let Some(text) = self.file_texts.get(&field) {
            return text.clone();
        }
        self.scenario
            .value(field)
            .map_or_else(String::new, |v| v.to_text(field.unit()))
    }

    /// An item's value as the session log shows it: as typed this session, else in the key's
    /// own form (the file's `0.8` is `80%`), so that a row's two sides read alike (`81% → 80%`,
    /// not `81% → 0.8`) and rows read as a chain (`1M` typed, then `1M → 1.1M`). A percentage
    /// typed as a fraction (`0.9` for the confidence) is in the key's own form too: `80% → 0.9`
    /// read as 0.9%.
    pub fn logged_text(&self, item: Item) -> String {
        match item {
            Item::Field(field) => match (self.edits.get(&field), self.scenario.value(field)) {
                (Some(typed), Some(value))
                    if field.unit() == skypie::scenario::number::Unit::Percent
                        && !typed.contains('%') =>
                {
                    value.to_text(field.unit())
                }
                (Some(typed), _) => typed.clone(),
                (None, Some(value)) => value.to_text(field.unit()),
                (None, None) => self.field_text(field),
            },
            Item::Correlation(..) => self.item_text(item),
        }
    }

    /// The text an item's value is written as: a field's (see [`App::field_text`]), or a
    /// correlation's ρ (`0.35`); empty for a correlation the scenario does not have.
    pub fn item_text(&self, item: Item) -> String {
        match item {
            Item::Field(field) => self.field_text(field),
            Item::Correlation(a, b) => item::find(&self.scenario.correlations, a, b)
                .map_or_else(|| item::NO_RHO.to_string(), |c| item::rho_text(c.rho)),
        }
    }

    /// Handles one event, returning the work it asks for.
    pub fn handle(&mut self, msg: Msg) -> Vec<Effect> {
        let hear = self.may_hear(&msg);
        let from_disk = msg.is_from_disk();
        let effects = self.hearing_letters(hear, |app| app.handle_heard(msg));
        if from_disk {
            self.went_away = self.went_away();
            // Of the plan where it is: moved with its folder, its old name holds nothing.
            let plan = self.moved_away_to().or_else(|| self.file.clone());
            self.read_only = plan.is_some_and(|f| (self.disk.is_read_only)(&f));
        }
        effects
    }

    /// [`App::handle`], but for what the letters typed just before are told.
    fn handle_heard(&mut self, msg: Msg) -> Vec<Effect> {
        // Any answer to a save ends what a save-as kept for it.
        let saving_as = if msg.answers_a_save() {
            self.saving.saving_as.take()
        } else {
            None
        };
        match msg {
            Msg::Key(key) if key.kind == KeyEventKind::Release => Vec::new(),
            Msg::Key(key) => self.on_key(key),
            Msg::Paste(text) => {
                self.on_paste(&text);
                Vec::new()
            }
            Msg::Worker(Notification::Headline(computed)) => {
                self.on_computed(*computed);
                self.on_figures_arrived();
                self.pin_if_waiting();
                Vec::new()
            }
            Msg::Worker(Notification::Detail { generation, detail }) => {
                let newer = self.detail.as_ref().is_none_or(|(g, _)| generation >= *g);
                if newer && generation <= self.generation {
                    self.detail = Some((generation, detail));
                }
                self.on_figures_arrived();
                Vec::new()
            }
            Msg::Saved {
                path,
                text,
                full_path,
                recreated,
                log,
                log_failed,
            } => {
                let saved = Saved {
                    path,
                    full_path,
                    recreated,
                    log,
                    log_failed,
                };
                self.on_saved(text, saved)
            }
            Msg::SaveConflict {
                path,
                on_disk,
                relinked,
            } => {
                self.on_save_conflict(path, on_disk, relinked);
                Vec::new()
            }
            Msg::ChangedOnDisk { path, now, leads } if self.watches_its_file().is_some() => {
                self.on_plan_changed(path, now, leads)
            }
            Msg::ChangedOnDisk { path, now, leads } => {
                self.on_changed_on_disk(path, now, leads);
                Vec::new()
            }
            Msg::NamesOpenFile { path, moved } => self.on_naming_open_file(path, moved),
            // A name typed to save as that could not be written (a session log's, no
            // permission, a name too long) is asked for again, as typed, to correct: the
            // dialog closed with it gone. A save-and-quit still quits once it is saved.
            Msg::SaveFailed { path, error }
                if saving_as.as_ref().is_some_and(|(to, _)| *to == path)
                    && matches!(self.mode, Mode::Normal) =>
            {
                let typed = saving_as.map(|(_, typed)| typed);
                let quit = self.saving.quit_after_save;
                let effects = self.on_write_failed(error, &path);
                self.instruct(save_as::TYPE_ANOTHER);
                self.saving.quit_after_save = quit;
                self.mode = Mode::SavingAs(Suggested::typed(typed.unwrap_or_default()));
                effects
            }
            // A failed save still has the edits: it says where else they can go (and, its
            // folder gone, that a folder renamed is found by the plan's new name).
            Msg::SaveFailed { path, error } if self.is_dirty() => {
                let renamed = match self.moved_away_to().filter(|now| *now != path) {
                    Some(now) => format!(" (it is now {}: S suggests it)", shown_path(&now)),
                    None if !(self.disk.is_folder)(crate::files::folder_of(&path)) => {
                        " (its folder renamed? S and the plan's new name saves it there)"
                            .to_string()
                    }
                    None => String::new(),
                };
                if saving_as.is_none() {
                    self.last_save_failed = Some(error.clone());
                }
                self.on_write_failed(
                    format!(
                        "{error}; the edits are kept: S saves them under another name{renamed}"
                    ),
                    &path,
                )
            }
            Msg::SaveFailed { path, error } | Msg::ExportFailed { path, error } => {
                self.on_write_failed(error, &path)
            }
            Msg::PlanMoved(now) => {
                let found_moved = now.is_some() && now != self.moved_to;
                self.moved_to = now;
                // Asked before the shell's watch found where (`q` just after `mv d1 d3`): asked
                // again, saying where, or closed where nothing is at stake now. A plan gone
                // since is left to `d`'s own check, which asks again saying so.
                if found_moved && matches!(self.mode, Mode::ConfirmQuit { .. }) {
                    if self.quit().is_empty() {
                        return Vec::new();
                    }
                    // Nothing is lost by quitting now: the question's "no copy" no longer
                    // holds, and it stays closed (its `S` quit with no name asked).
                    self.mode = Mode::Normal;
                    if let (Some(file), Some(now)) = (&self.file, &self.moved_to) {
                        let text = format!(
                            "{} was moved with its folder: it is now {}, and nothing is unsaved",
                            shown_path(file),
                            shown_path(now)
                        );
                        self.tell(text);
                    }
                }
                Vec::new()
            }
            Msg::PlanRenamed(now) => {
                let found_renamed = now.is_some() && now != self.renamed_to;
                // The copy it was renamed to gone too (`rm plan.toml.bak`): gone, said so.
                let copy_gone = now.is_none() && self.renamed_to.is_some();
                self.renamed_to = now;
                // Asked before the watch found it (`q` just after `mv`): asked again, naming it.
                if found_renamed && matches!(self.mode, Mode::ConfirmQuit { .. }) {
                    return self.quit();
                }
                if found_renamed {
                    self.found_renamed();
                } else if copy_gone
                    && self.disk_change == Some(DiskChange::Gone)
                    && let Some(file) = self.file.clone()
                    && !self.is_a_file(&file)
                {
                    self.say_gone(&file, false);
                }
                Vec::new()
            }
            Msg::Resize { width, height } => {
                self.screen = Some((width, height));
                Vec::new()
            }
            Msg::RecoveryFound { found, saved_since } => {
                self.on_recovery_found(found, &saved_since);
                Vec::new()
            }
            Msg::Exported {
                paths,
                plan_changed,
            } => {
                self.on_exported(paths, plan_changed);
                Vec::new()
            }
        }
    }

    /// A save found the file changed on disk since the session read or saved it (or, saving
    /// as, a file of that name): the question about it is asked.
    fn on_save_conflict(&mut self, path: PathBuf, on_disk: String, relinked: Option<Relinked>) {
        let again = self.file.as_ref() == Some(&path);
        let why = if again {
            "the file changed on disk again".to_string()
        } else {
            format!("{} exists", path.display())
        };
        // An answer (a merge, an overwrite) whose save found the file changed since the
        // question: the question is asked anew, and says why (it came back from the top with
        // nothing said, the answers given to it gone). (A link found pointed elsewhere is its
        // own question, which says so.)
        let answered = again && self.saving.choice_in_save.is_some() && relinked.is_none();
        self.choice_not_saved(&why);
        self.saving.rebase_on_save = None;
        self.settle_merge_entry();
        if answered {
            let text = format!(
                "{} changed on disk again before the answer was saved: nothing written; the \
                 question says what it holds now",
                shown_path(&path)
            );
            self.tell_naming(text, &[&path]);
        }
        self.on_conflict(path, on_disk, relinked);
    }

    /// The exports were written: said, with a note where the plan changed on disk since
    /// (`plan_changed`), and logged (an export is part of the meeting's record).
    fn on_exported(&mut self, paths: Vec<PathBuf>, plan_changed: Option<PathBuf>) {
        let open = paths
            .iter()
            .any(|p| crate::files::names::names_a_web_page(p));
        let hint = if open {
            ": open it in a browser to read or print it"
        } else {
            ""
        };
        let names = exported_names(&paths);
        self.note("export", "—".to_string(), names.clone());
        let mut text = format!("exported {names}{hint}");
        let mut named = paths;
        // A colleague's save since: the export read as the file's, and its "the file says 120M
        // to 180M" as the file now, which says otherwise.
        if let Some(plan) = plan_changed {
            text += &format!(
                "; note: {} changed on disk since this session read or saved it: the export is \
                 of this session's plan (s saves, asking about the change)",
                shown_path(&plan)
            );
            named.push(plan);
        }
        self.tell_naming(text, &named);
    }

    /// Shows a headline from the worker, unless a newer one is shown already; a full run
    /// (not an estimate) also gives the log entry of its state its P(feasible) after.
    fn on_computed(&mut self, computed: Computed) {
        let newer = match &self.results {
            None => true,
            Some(shown) => {
                computed.generation > shown.generation
                    || (computed.generation == shown.generation && shown.estimate)
            }
        };
        if !newer || computed.generation > self.generation {
            return;
        }
        // Only the entry of exactly this state takes its figure: an edit whose state was
        // overtaken by the next before its figures came (the worker runs only the newest)
        // keeps `…`, rather than the next edit's figure.
        if !computed.estimate {
            let p = LoggedP::of(&computed);
            for entry in self.log.iter_mut().filter(|e| e.p_after.is_none()) {
                if entry.generation == computed.generation {
                    entry.p_after = Some(p);
                    if entry.how == history::How::Noted {
                        entry.p_before.get_or_insert(p);
                    }
                }
                // The edit made from this state before its figures came: its before is them
                // (it read `…` beside the row above's after, the same figure).
                if entry.from_generation == Some(computed.generation) {
                    entry.p_before.get_or_insert(p);
                }
            }
        }
        self.results = Some(computed);
    }

    /// A save or an export to `path` that could not be written: nothing waits on it any more
    /// (a quit, a merge's rebase or its log entry), and the status line says why.
    fn on_write_failed(&mut self, error: String, path: &Path) -> Vec<Effect> {
        self.choice_not_saved("the write failed");
        self.saving.quit_after_save = false;
        self.saving.rebase_on_save = None;
        self.settle_merge_entry();
        self.tell_error_naming(error, &[path]);
        Vec::new()
    }

    /// Says something on the status line.
    fn tell(&mut self, text: String) {
        self.tell_naming(text, &[] as &[&Path]);
    }

    /// Says on the status line, in red, what went wrong.
    pub(super) fn tell_error(&mut self, text: String) {
        self.tell_error_naming(text, &[] as &[&Path]);
    }

    /// Says on the status line, in red, why an answer to the question still open was refused
    /// (`refusal`), then `instruction`, what to do while it stays open.
    fn tell_error_then(&mut self, refusal: String, instruction: &str) {
        self.tell_error(refusal);
        self.instruct(instruction);
    }

    /// Says `instruction` alone on the status line, what to do while the question stays open:
    /// closing it takes it off ([`App::instruct`]).
    fn tell_instruction(&mut self, instruction: &str) {
        self.tell(String::new());
        self.instruct(instruction);
    }

    /// Adds `instruction` to what the status line says, apart ([`Status::instruction_at`]):
    /// closing the question it is for takes it off.
    fn instruct(&mut self, instruction: &str) {
        if let Some(status) = &mut self.status {
            status.instruction_at = Some(status.text.len());
            status.text += instruction;
        }
    }

    /// Says something about the files `names` on the status line (see [`Status::names`]).
    fn tell_naming(&mut self, text: String, names: &[impl AsRef<Path>]) {
        self.status = Some(Status::naming(text, false, names));
    }

    /// Says on the status line, in red, what went wrong with the files `names`.
    fn tell_error_naming(&mut self, text: String, names: &[impl AsRef<Path>]) {
        self.status = Some(Status::naming(text, true, names));
    }
}
