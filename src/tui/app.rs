//! The live session's state and how events change it. Pure: no terminal, no files, no
//! threads; the time of day comes from a clock the caller gives. [`App::handle`] takes a
//! [`Msg`] (a key, or a result from the worker or the file system) and returns the
//! [`Effect`]s the shell must carry out, so tests drive the whole session with key events.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::conflict::Sides;
use super::keys::{Action, action, is_quit};
use super::worker::{Computed, Notification};
use skypie::model::Detail;
use skypie::model::headline::Headline;
use skypie::report::format::probability;
use skypie::scenario::edit::{apply_edits, field_texts};
use skypie::scenario::nudge::{Nudge, nudge};
use skypie::scenario::value::read_text;
use skypie::scenario::{Diagnostic, Field, FieldValue, Scenario};

mod dialogs;

/// The smallest screen the session draws on; below it only `q` and Ctrl-C act.
pub const MIN_WIDTH: u16 = 80;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 24;

/// Something that happened: a key, or news from the worker or the file system.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    /// News from the model worker.
    Worker(Notification),
    Saved {
        path: PathBuf,
        text: String,
    },
    /// The file on disk is not what the session last read or wrote; `on_disk` is what it
    /// holds now.
    SaveConflict {
        path: PathBuf,
        on_disk: String,
    },
    SaveFailed(String),
    Exported(Vec<PathBuf>),
    ExportFailed(String),
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

/// What the keyboard is doing right now.
#[derive(Debug, Clone)]
pub enum Mode {
    Normal,
    /// Typing a new value for a field; `error` is the last refusal, shown inline.
    Editing {
        field: Field,
        input: Input,
        error: Option<String>,
    },
    /// Typing part of an input's name.
    Finding(Input),
    Help,
    /// Quitting with unsaved edits: save, discard, or stay.
    ConfirmQuit,
    /// `b` with a baseline pinned: pin the current results instead, clear it, or keep it.
    ConfirmBaseline,
    /// The file changed on disk: merge, overwrite, save as, reload, or back to the session.
    Conflict(Box<Conflict>),
    /// Merging, with keys changed on both sides: which side wins, key by key.
    Resolving(Box<Resolving>),
    /// Reloading from disk would drop unsaved edits: reload anyway or go back.
    ConfirmReload(Box<Conflict>),
    /// Naming the file to save to (the built-in scenario, or "save as" after a conflict).
    SavingAs(Input),
    /// A recovery file holds edits from a session that ended abruptly: load them or not.
    OfferRecovery(Box<Recovery>),
}

impl Mode {
    /// Whether the mode is a question drawn even on a too-small screen (so its keys act
    /// there); the editor, finding and help are not.
    pub fn is_question(&self) -> bool {
        !matches!(
            self,
            Mode::Normal | Mode::Editing { .. } | Mode::Finding(_) | Mode::Help
        )
    }
}

/// A save that found the file changed on disk.
#[derive(Debug, Clone)]
pub struct Conflict {
    /// The file the save was for.
    pub path: PathBuf,
    /// What the file holds now.
    pub on_disk: String,
    /// Which keys each side changed, or why the two cannot be merged.
    pub sides: Result<Sides, String>,
    /// Whether it is the session's own file (not a "save as" onto another one).
    pub same_file: bool,
}

/// A merge waiting for a choice on each key both sides changed.
#[derive(Debug, Clone)]
pub struct Resolving {
    /// The save that found the file changed.
    pub conflict: Conflict,
    /// Keys where the file's value was chosen so far.
    pub theirs_win: Vec<Field>,
    /// The position in `sides.both` of the key asked about now.
    pub next: usize,
}

impl Resolving {
    /// The keys both sides changed.
    pub fn both(&self) -> &[Field] {
        self.conflict.sides.as_ref().map_or(&[], |s| &s.both)
    }
}

/// What a recovery file would change.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovery {
    /// The newest recovery file.
    pub path: PathBuf,
    /// How many older recovery files lie beside it.
    pub older: usize,
    /// Key, the value now, the recovered value (as the file writes them).
    pub changes: Vec<(Field, String, String)>,
}

/// The tab shown below the headline when the screen is small.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Histogram,
    Tornado,
    Levers,
    TimePath,
    Log,
}

impl Panel {
    pub const ALL: [Panel; 5] = [
        Panel::Histogram,
        Panel::Tornado,
        Panel::Levers,
        Panel::TimePath,
        Panel::Log,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Panel::Histogram => "Histogram",
            Panel::Tornado => "Tornado",
            Panel::Levers => "Levers",
            Panel::TimePath => "Time path",
            Panel::Log => "Log",
        }
    }

    fn step(self, by: isize) -> Panel {
        let i = Panel::ALL.iter().position(|p| *p == self).unwrap_or(0) as isize;
        Panel::ALL[(i + by).rem_euclid(Panel::ALL.len() as isize) as usize]
    }
}

/// One edit in the session log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub time: String,
    pub role: String,
    /// The dotted key, or `undo`/`redo` notes.
    pub input: String,
    pub old: String,
    pub new: String,
    pub p_before: Option<f64>,
    pub p_after: Option<f64>,
    /// The state of the scenario the edit produced.
    generation: u64,
}

/// A state to go back to.
#[derive(Debug, Clone)]
struct Snapshot {
    scenario: Scenario,
    edits: BTreeMap<Field, String>,
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// The whole session.
pub struct App {
    pub scenario: Scenario,
    /// The file being planned; `None` for the built-in scenario until it is saved.
    pub file: Option<PathBuf>,
    /// The text as opened: edits are applied to it, so its comments and layout survive.
    base_text: String,
    /// What the file on disk holds as far as the session knows.
    saved_text: String,
    /// What the file says for each field, to start the editor from.
    file_texts: BTreeMap<Field, String>,
    /// The text typed for each field changed in this session (saved as typed).
    pub edits: BTreeMap<Field, String>,
    saved_edits: BTreeMap<Field, String>,
    pub selected: usize,
    pub mode: Mode,
    pub roles: [String; 2],
    pub active_role: usize,
    pub log: Vec<LogEntry>,
    log_written: usize,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// The state of the scenario; every change makes a new one.
    pub generation: u64,
    pub results: Option<Computed>,
    pub detail: Option<(u64, Detail)>,
    pub baseline: Option<Headline>,
    pub panel: Panel,
    pub status: Option<Status>,
    quit_after_save: bool,
    /// After a merge is saved, the session continues from the merged text with these edits.
    rebase_on_save: Option<BTreeMap<Field, String>>,
    /// The terminal's size, once the shell has said (tests may leave it unknown: full size).
    pub screen: Option<(u16, u16)>,
    clock: fn() -> String,
    started: String,
}

/// A key press, for tests.
#[cfg(test)]
pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::from(code))
}

impl App {
    /// A session on `text` (the scenario's file contents, or the built-in scenario when `file`
    /// is `None`), with two people's names and a clock for the log. Returns the app and the
    /// first computation to run.
    pub fn new(
        text: &str,
        file: Option<PathBuf>,
        roles: [String; 2],
        clock: fn() -> String,
    ) -> Result<(App, Vec<Effect>), skypie::ScenarioError> {
        let origin = file
            .as_ref()
            .map_or_else(|| "built-in".to_string(), |p| p.display().to_string());
        let scenario = Scenario::parse(text, &origin)?;
        let started = clock();
        let app = App {
            scenario: scenario.clone(),
            file,
            base_text: text.to_string(),
            saved_text: text.to_string(),
            file_texts: field_texts(text),
            edits: BTreeMap::new(),
            saved_edits: BTreeMap::new(),
            selected: 0,
            mode: Mode::Normal,
            roles,
            active_role: 0,
            log: Vec::new(),
            log_written: 0,
            undo: Vec::new(),
            redo: Vec::new(),
            generation: 0,
            results: None,
            detail: None,
            baseline: None,
            panel: Panel::Histogram,
            status: None,
            quit_after_save: false,
            rebase_on_save: None,
            screen: None,
            clock,
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
        Field::ALL
            .into_iter()
            .filter(|f| self.scenario.uses(*f))
            .collect()
    }

    /// The field under the cursor.
    pub fn selected_field(&self) -> Field {
        let fields = self.fields();
        fields[self.selected.min(fields.len() - 1)]
    }

    /// Whether there are edits the file does not have yet.
    pub fn is_dirty(&self) -> bool {
        self.edits != self.saved_edits
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

    /// Whether the results on screen are for an older state than the scenario's.
    pub fn is_computing(&self) -> bool {
        self.results
            .as_ref()
            .is_none_or(|r| r.generation != self.generation || r.estimate)
    }

    /// The detail for the current state, if it has arrived.
    pub fn current_detail(&self) -> Option<&Detail> {
        self.detail
            .as_ref()
            .filter(|(g, _)| Some(*g) == self.results.as_ref().map(|r| r.generation))
            .map(|(_, d)| d)
    }

    /// The name of whoever is editing.
    pub fn role(&self) -> &str {
        &self.roles[self.active_role]
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

    /// Handles one event, returning the work it asks for.
    pub fn handle(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Key(key) if key.kind == KeyEventKind::Release => Vec::new(),
            Msg::Key(key) => self.on_key(key),
            Msg::Worker(Notification::Headline(computed)) => {
                self.on_computed(*computed);
                Vec::new()
            }
            Msg::Worker(Notification::Detail { generation, detail }) => {
                let newer = self.detail.as_ref().is_none_or(|(g, _)| generation >= *g);
                if newer && generation <= self.generation {
                    self.detail = Some((generation, detail));
                }
                Vec::new()
            }
            Msg::Saved { path, text } => self.on_saved(path, text),
            Msg::SaveConflict { path, on_disk } => {
                self.rebase_on_save = None;
                self.on_conflict(path, on_disk);
                Vec::new()
            }
            Msg::SaveFailed(error) | Msg::ExportFailed(error) => {
                self.quit_after_save = false;
                self.rebase_on_save = None;
                self.tell_error(error);
                Vec::new()
            }
            Msg::Resize { width, height } => {
                self.screen = Some((width, height));
                Vec::new()
            }
            Msg::RecoveryFound { path, text, older } => {
                self.on_recovery_found(path, &text, older);
                Vec::new()
            }
            Msg::Exported(paths) => {
                self.tell(format!("exported {}", exported_names(&paths)));
                Vec::new()
            }
        }
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        // Behind the too-small screen nothing is visible but the message (and a question, if
        // one is open): no key may change what cannot be seen.
        if self.is_too_small() && !self.mode.is_question() {
            return if is_quit(key) {
                self.mode = Mode::Normal;
                self.quit()
            } else {
                Vec::new()
            };
        }
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Normal => self.on_normal_key(key),
            Mode::Editing {
                field,
                mut input,
                error,
            } => match key.code {
                KeyCode::Esc => Vec::new(),
                KeyCode::Enter => self.apply_typed(field, input),
                _ => {
                    input.handle_event(&Event::Key(key));
                    self.mode = Mode::Editing {
                        field,
                        input,
                        error,
                    };
                    Vec::new()
                }
            },
            Mode::Finding(mut input) => match key.code {
                KeyCode::Esc => Vec::new(),
                KeyCode::Enter => {
                    self.find(input.value());
                    Vec::new()
                }
                _ => {
                    input.handle_event(&Event::Key(key));
                    self.mode = Mode::Finding(input);
                    Vec::new()
                }
            },
            Mode::Help => Vec::new(),
            Mode::ConfirmQuit => self.on_quit_key(key),
            Mode::ConfirmBaseline => self.on_baseline_key(key),
            Mode::Conflict(conflict) => self.on_conflict_key(conflict, key),
            Mode::Resolving(resolving) => self.on_resolving_key(resolving, key),
            Mode::ConfirmReload(conflict) => self.on_reload_key(conflict, key),
            Mode::SavingAs(input) => self.on_save_as_key(input, key),
            Mode::OfferRecovery(recovery) => self.on_recovery_key(recovery, key),
        }
    }

    fn on_normal_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(action) = action(key) else {
            return Vec::new();
        };
        if !matches!(action, Action::Save | Action::SaveAs | Action::Export) {
            self.status = None;
        }
        let count = self.fields().len();
        match action {
            Action::SelectPrevious => self.selected = (self.selected + count - 1) % count,
            Action::SelectNext => self.selected = (self.selected + 1) % count,
            Action::NudgeDown => return self.nudge(Nudge::Down),
            Action::NudgeUp => return self.nudge(Nudge::Up),
            Action::BigNudgeDown => return self.nudge(Nudge::BigDown),
            Action::BigNudgeUp => return self.nudge(Nudge::BigUp),
            Action::Edit => {
                let field = self.selected_field();
                let text = self.field_text(field);
                let cursor = text.chars().count();
                self.mode = Mode::Editing {
                    field,
                    input: Input::new(text).with_cursor(cursor),
                    error: None,
                };
            }
            Action::Find => self.mode = Mode::Finding(Input::default()),
            Action::SwitchRole => {
                self.active_role = 1 - self.active_role;
                self.tell(format!("{} is editing", self.role()));
            }
            Action::Baseline => self.baseline_key(),
            Action::Undo => return self.step_history(true),
            Action::Redo => return self.step_history(false),
            Action::NextPanel => self.panel = self.panel.step(1),
            Action::PreviousPanel => self.panel = self.panel.step(-1),
            Action::Save => return self.save(),
            Action::SaveAs => self.start_save_as(),
            Action::Export => return self.export(),
            Action::Help => self.mode = Mode::Help,
            Action::Quit => return self.quit(),
        }
        Vec::new()
    }

    /// The position in [`App::fields`] of the first input whose key contains `query`
    /// (case-insensitive): what `/` selects, and what the status line previews.
    pub fn first_match(&self, query: &str) -> Option<usize> {
        let query = query.trim().to_lowercase();
        self.fields()
            .iter()
            .position(|f| f.key().to_lowercase().contains(&query))
    }

    /// Selects the first input matching `query`.
    fn find(&mut self, query: &str) {
        match self.first_match(query) {
            Some(i) => self.selected = i,
            None => self.tell_error(format!("no input matches \"{}\"", query.trim())),
        }
    }

    /// Applies what was typed in the editor, or keeps the editor open with the reason.
    fn apply_typed(&mut self, field: Field, input: Input) -> Vec<Effect> {
        let typed = input.value().trim().to_string();
        if typed == self.field_text(field) {
            // Enter, Enter: nothing changed, so nothing is logged or left unsaved.
            return Vec::new();
        }
        match read_text(field, &typed).and_then(|value| self.change(field, value, typed)) {
            Ok(effects) => effects,
            Err(diagnostic) => {
                self.mode = Mode::Editing {
                    field,
                    input,
                    error: Some(diagnostic.to_string()),
                };
                Vec::new()
            }
        }
    }

    /// Nudges the selected field.
    fn nudge(&mut self, direction: Nudge) -> Vec<Effect> {
        let field = self.selected_field();
        let Some(value) = self.scenario.value(field) else {
            return Vec::new();
        };
        match nudge(field, &value, direction) {
            Ok(moved) if moved == value => Vec::new(),
            Ok(moved) => {
                let text = moved.to_text(field.unit());
                self.change(field, moved, text).unwrap_or_else(|refused| {
                    self.tell_error(refused.to_string());
                    Vec::new()
                })
            }
            Err(reason) => {
                self.tell_error(reason.0);
                Vec::new()
            }
        }
    }

    /// Sets one field and records the change (undo point, log entry, recomputation), or says
    /// why the scenario refuses the value (the scenario is then unchanged).
    fn change(
        &mut self,
        field: Field,
        value: FieldValue,
        typed: String,
    ) -> Result<Vec<Effect>, Diagnostic> {
        let old = self.field_text(field);
        let before = self.snapshot();
        self.scenario.set(field, value)?;
        self.undo.push(before);
        self.redo.clear();
        self.set_edit(field, typed.clone());
        Ok(self.record(field.key(), old, typed))
    }

    /// Notes what was typed for a field; typing back what the file says is no edit at all.
    fn set_edit(&mut self, field: Field, typed: String) {
        if self.file_texts.get(&field) == Some(&typed) {
            self.edits.remove(&field);
        } else {
            self.edits.insert(field, typed);
        }
    }

    /// Adds a log entry for the new state and asks for its results. Repeated nudges of one
    /// input by one person, before results arrive, make one entry rather than many.
    fn record(&mut self, input: String, old: String, new: String) -> Vec<Effect> {
        self.generation += 1;
        let p_now = self.results.as_ref().map(|r| r.headline.p_feasible);
        let role = self.role().to_string();
        let last_unwritten = self.log_written < self.log.len();
        match self.log.last_mut() {
            Some(last)
                if last.input == input
                    && last.role == role
                    && last.p_after.is_none()
                    && last_unwritten =>
            {
                last.new = new;
                last.generation = self.generation;
            }
            _ => self.log.push(LogEntry {
                time: time_of_day(&(self.clock)()),
                role,
                input,
                old,
                new,
                p_before: p_now,
                p_after: None,
                generation: self.generation,
            }),
        }
        vec![Effect::Compute {
            generation: self.generation,
            scenario: Box::new(self.scenario.clone()),
        }]
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            scenario: self.scenario.clone(),
            edits: self.edits.clone(),
        }
    }

    /// Undo (`back`) or redo one change.
    fn step_history(&mut self, back: bool) -> Vec<Effect> {
        let current = self.snapshot();
        let (from, to) = if back {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some(target) = from.pop() else {
            self.tell(
                if back {
                    "nothing to undo"
                } else {
                    "nothing to redo"
                }
                .to_string(),
            );
            return Vec::new();
        };
        to.push(current);
        let old_texts: Vec<String> = Field::ALL.iter().map(|f| self.field_text(*f)).collect();
        let old_values: Vec<Option<FieldValue>> =
            Field::ALL.iter().map(|f| self.scenario.value(*f)).collect();
        self.scenario = target.scenario;
        self.edits = target.edits;
        // A field changed if its value or the text it is saved as did.
        let changed: Vec<usize> = (0..Field::ALL.len())
            .filter(|i| {
                let field = Field::ALL[*i];
                old_values[*i] != self.scenario.value(field)
                    || old_texts[*i] != self.field_text(field)
            })
            .collect();
        if changed.is_empty() {
            return self.record_nothing(back);
        }
        let keys: Vec<String> = changed.iter().map(|i| Field::ALL[*i].key()).collect();
        let old: Vec<String> = changed.iter().map(|i| old_texts[*i].clone()).collect();
        let new: Vec<String> = changed
            .iter()
            .map(|i| self.field_text(Field::ALL[*i]))
            .collect();
        let word = if back { "undo" } else { "redo" };
        self.record(
            format!("{word} {}", keys.join(", ")),
            old.join(", "),
            new.join(", "),
        )
    }

    /// An undo or redo step that changes nothing visible (none is made today): no log line.
    fn record_nothing(&mut self, back: bool) -> Vec<Effect> {
        let word = if back { "undone" } else { "redone" };
        self.tell(format!("{word}: no input changed"));
        Vec::new()
    }

    /// `b`: pins the results, or asks what to do with the baseline already pinned (a stray
    /// key must not lose it).
    fn baseline_key(&mut self) {
        if self.baseline.is_some() {
            self.mode = Mode::ConfirmBaseline;
        } else {
            self.pin_baseline();
        }
    }

    fn pin_baseline(&mut self) {
        if let Some(results) = &self.results {
            self.baseline = Some(results.headline.clone());
            self.tell("baseline pinned: the headline now shows changes against it".to_string());
        } else {
            self.tell_error("no results to pin yet".to_string());
        }
    }

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
        if !computed.estimate {
            let p = computed.headline.p_feasible;
            for entry in self.log.iter_mut().filter(|e| e.p_after.is_none()) {
                if entry.generation <= computed.generation {
                    entry.p_after = Some(p);
                }
            }
        }
        self.results = Some(computed);
    }

    /// Starts a save: to the file, or asks for a name for the built-in scenario.
    fn save(&mut self) -> Vec<Effect> {
        match self.file.clone() {
            Some(path) => {
                let expect = Expect::Text(self.saved_text.clone());
                vec![Effect::Save(self.save_request(path, expect))]
            }
            None => {
                self.mode = Mode::SavingAs(Input::new("my-plan.toml".to_string()));
                Vec::new()
            }
        }
    }

    fn save_request(&self, path: PathBuf, expect: Expect) -> SaveRequest {
        let edits: Vec<(Field, String)> = self.edits.iter().map(|(f, t)| (*f, t.clone())).collect();
        // The base text parsed when the session opened; it still does.
        let text = apply_edits(&self.base_text, &edits).unwrap_or_else(|_| self.base_text.clone());
        SaveRequest {
            path,
            text,
            expect,
            session_log: self.session_log(),
        }
    }

    fn on_saved(&mut self, path: PathBuf, text: String) -> Vec<Effect> {
        let mut effects = Vec::new();
        let mut message = format!(
            "saved {} (session log: {})",
            path.display(),
            session_log_path(&path).display()
        );
        if let Some(kept) = self.rebase_on_save.take() {
            match self.rebase(&text, kept) {
                Ok(compute) => {
                    effects = compute;
                    message = format!("merged into {} and saved; undo starts here", path.display());
                }
                Err(e) => message += &format!(", but the merged file cannot be read back: {e}"),
            }
        }
        self.saved_text = text;
        self.saved_edits = self.edits.clone();
        self.log_written = self.log.len();
        self.tell(message);
        self.file = Some(path);
        if std::mem::take(&mut self.quit_after_save) {
            return vec![Effect::Quit];
        }
        effects
    }

    /// Continues the session from `text` (a merged file, or the file reloaded from disk) as
    /// if it had just been opened, with `kept` as the edits already in it. Undo starts over:
    /// older states belong to another text.
    fn rebase(&mut self, text: &str, kept: BTreeMap<Field, String>) -> Result<Vec<Effect>, String> {
        let scenario = Scenario::parse(text, &self.origin()).map_err(|e| e.to_string())?;
        self.base_text = text.to_string();
        self.saved_text = text.to_string();
        self.file_texts = field_texts(text);
        self.scenario = scenario;
        self.saved_edits = kept.clone();
        self.edits = kept;
        self.undo.clear();
        self.redo.clear();
        self.selected = self.selected.min(self.fields().len() - 1);
        self.generation += 1;
        Ok(vec![Effect::Compute {
            generation: self.generation,
            scenario: Box::new(self.scenario.clone()),
        }])
    }

    /// The file's name for messages, or `built-in`.
    fn origin(&self) -> String {
        self.file
            .as_ref()
            .map_or_else(|| "built-in".to_string(), |p| p.display().to_string())
    }

    /// Adds a log entry for a choice that is not an edit (a conflict resolved, a reload).
    fn note(&mut self, input: &str, old: String, new: String) {
        let p = self.results.as_ref().map(|r| r.headline.p_feasible);
        self.log.push(LogEntry {
            time: time_of_day(&(self.clock)()),
            role: self.role().to_string(),
            input: input.to_string(),
            old,
            new,
            p_before: p,
            p_after: if self.is_stale() { None } else { p },
            generation: self.generation,
        });
    }

    /// The Markdown to append to the session log: a section header the first time, then the
    /// entries not written yet.
    fn session_log(&self) -> String {
        let mut out = String::new();
        if self.log_written == 0 {
            out += &format!(
                "\n## Session of {} ({} and {})\n\n\
                 | time | who | input | old | new | P(feasible) before | after |\n\
                 |---|---|---|---|---|---|---|\n",
                self.started, self.roles[0], self.roles[1]
            );
        }
        let show = |p: Option<f64>| p.map_or("…".to_string(), probability);
        for e in &self.log[self.log_written..] {
            let cell = |s: &str| s.replace('|', "\\|");
            out += &format!(
                "| {} | {} | {} | {} | {} | {} | {} |\n",
                e.time,
                cell(&e.role),
                cell(&e.input),
                cell(&e.old),
                cell(&e.new),
                show(e.p_before),
                show(e.p_after)
            );
        }
        out
    }

    /// The summary table as CSV and Markdown, beside the file (or in the current folder).
    fn export(&mut self) -> Vec<Effect> {
        let Some(results) = &self.results else {
            self.tell_error("no results to export yet".to_string());
            return Vec::new();
        };
        let evaluation = skypie::Evaluation {
            headline: results.headline.clone(),
            detail: self.current_detail().cloned(),
        };
        let stem = self.file.as_ref().map_or_else(
            || PathBuf::from(slug(&self.scenario.name)),
            |p| p.with_extension(""),
        );
        let file = self
            .file
            .as_ref()
            .map_or_else(|| "built-in".to_string(), |p| p.display().to_string());
        let row = skypie::report::Row {
            file: &file,
            scenario: &self.scenario,
            evaluation: &evaluation,
        };
        let with = |ext: &str| PathBuf::from(format!("{}.summary.{ext}", stem.display()));
        vec![Effect::Export(vec![
            (with("csv"), skypie::report::write::csv(&[row])),
            (with("md"), skypie::report::write::markdown(&[row])),
        ])]
    }

    fn tell(&mut self, text: String) {
        self.status = Some(Status { text, error: false });
    }

    fn tell_error(&mut self, text: String) {
        self.status = Some(Status { text, error: true });
    }

    /// The unsaved edits written into the scenario's text, for a recovery file after a crash.
    pub fn recovery_text(&self) -> Option<String> {
        self.is_dirty()
            .then(|| self.save_request(PathBuf::new(), Expect::Anything).text)
    }
}

/// Where a scenario's session log goes: `<file>.session.md`.
pub fn session_log_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".session.md");
    PathBuf::from(name)
}

/// The exported files for the status line, short enough for it: `plans/q3.summary.csv and
/// .md` when they differ only in their extension.
fn exported_names(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let same_stem = paths
        .windows(2)
        .all(|pair| pair[0].with_extension("") == pair[1].with_extension(""));
    match (names.split_first(), same_stem) {
        (Some((first, rest)), true) if !rest.is_empty() => {
            let others: Vec<String> = paths[1..]
                .iter()
                .map(|p| format!(".{}", p.extension().unwrap_or_default().display()))
                .collect();
            format!("{first} and {}", others.join(" and "))
        }
        _ => names.join(" and "),
    }
}

/// `14:02:11` from the clock's `2026-11-23 14:02:11`.
fn time_of_day(stamp: &str) -> String {
    stamp
        .split_once(' ')
        .map_or(stamp, |(_, time)| time)
        .to_string()
}

/// A file-name-friendly version of a scenario's name.
fn slug(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "scenario".to_string()
    } else {
        slug
    }
}
