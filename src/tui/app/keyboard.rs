//! Keys outside the questions: which mode takes a key, and what it does in normal mode, the
//! value editor and the finder. The questions' keys are in [`super::quit`],
//! [`super::baseline`] (with pinning), [`super::conflict`] (merging and reloading too),
//! [`super::save_as`] and [`super::recovery`].

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_input::backend::crossterm::EventHandler;
use tui_input::{Input, InputRequest};

use super::history::{How, Step};
use super::letters::is_a_letter;
use super::mode::Panel;
use super::{App, Effect, LogPaging, Mode};

use crate::tui::item::{self, Item, find, rho_text};
use crate::tui::keys::{
    Action, AltInLine, CONFIRM_BASELINE, CONFIRM_QUIT, CONFIRM_RELOAD, CONFLICT, ConflictAnswer,
    EDITOR, EXPORT, Entry, FINDER, NORMAL, OFFER_RECOVERY, RESOLVING, RecoveryAnswer, after_escape,
    alt_in_a_line, is_ctrl_shift_z, is_ctrl_z, is_interrupt, is_quit, line_feed_as_enter,
    no_suspend, no_undo_here, with_alt,
};
use skypie::scenario::correlation::{nudged, read_rho};
use skypie::scenario::nudge::{Nudge, nudge_under};
use skypie::scenario::number::thousands;
use skypie::scenario::{Correlation, Field};

/// The most characters of a paste's line that are typed in.
pub(super) const PASTE_MOST: usize = 4096;

impl App {
    /// Whether the Log tab is on screen: the tab picked, or every panel shown (120×40).
    fn log_on_screen(&self) -> bool {
        self.panel == Panel::Log || self.screen.is_some_and(|(w, h)| Panel::all_fit(w, h))
    }

    /// A paste: its lines typed into the value being edited or the search ([`pasted_value`]),
    /// its first line into the name a file is saved under (replacing a suggested name), as
    /// [`pasted_line`] cleans it.
    /// Inserted into the input itself, never run as keys, so a pasted newline, `q` or `d`
    /// cannot apply, quit or discard anything (not even behind the too-small screen, where `q`
    /// quits); outside those it only says where a paste goes. A paste that changes the value
    /// being edited clears the refusal of the text that was there.
    pub(super) fn on_paste(&mut self, text: &str) {
        let line = match self.mode {
            Mode::SavingAs(_) => {
                // Two lines pasted as a name: the first was taken unsaid.
                let count = lines_with_text(text).count();
                if count > 1 {
                    self.tell(format!(
                        "pasted the first of {count} lines: a file name is one line"
                    ));
                }
                pasted_line(text)
            }
            _ => pasted_value(text),
        };
        // No value, search or file name is that long; typing 200,000 characters one by one held
        // the session (and a SIGTERM) for half a minute.
        let length = line.chars().count();
        let typed = line.chars().take(PASTE_MOST).map(InputRequest::InsertChar);
        if length > PASTE_MOST && self.mode.has_text_field() {
            let [first, all] = [PASTE_MOST as u64, length as u64].map(thousands);
            self.tell(format!(
                "pasted the first {first} of {all} characters: nothing typed here is that long"
            ));
        }
        match &mut self.mode {
            Mode::Editing { input, error, .. } => {
                let before = input.value().to_string();
                typed.for_each(|c| {
                    input.handle(c);
                });
                if input.value() != before {
                    *error = None;
                }
            }
            Mode::Finding { input, note } => {
                *note = None;
                typed.for_each(|c| {
                    input.handle(c);
                });
            }
            Mode::SavingAs(name) => typed.for_each(|c| name.handle(c)),
            // A question takes its keys: Enter is none of its answers.
            mode if mode.is_question() => {
                self.tell("a paste is no answer: the question takes one of its keys".to_string());
            }
            _ => self.tell("to paste a value, open its editor first (Enter)".to_string()),
        }
    }

    /// A key goes to the mode the session is in; each mode's table says what it asks for.
    pub(super) fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        // In a line of text an Alt key is the line's own key, nothing, or Esc and the key.
        if with_alt(key) && self.mode.has_text_field() {
            return match alt_in_a_line(key) {
                AltInLine::LineKey(key) => self.on_key(key),
                AltInLine::Nothing => Vec::new(),
                AltInLine::EscThenKey(after) => self.esc_then(after),
            };
        }
        // Anywhere else too, Alt and a character is Esc and that key in one burst.
        if let Some(after) = after_escape(key) {
            return self.esc_then(after);
        }
        let key = line_feed_as_enter(key);
        let opens_value = self.opens_value(key);
        // `sek 450k`: `e` asked what to export, and the value went to its question unsaid.
        if let (true, Mode::ChoosingExport, KeyCode::Char(c)) = (opens_value, &self.mode, key.code)
        {
            self.letters.closed_export(c);
        }
        let editing = matches!(self.mode, Mode::Editing { .. });
        self.letters.key(key, opens_value, editing);
        if is_interrupt(key) {
            return self.interrupt();
        }
        // Behind the too-small screen nothing is visible but the message (and a question, if
        // one is open): no key may change what cannot be seen.
        // `q` there closes what is open as Ctrl-C does: a value being typed is asked about.
        if self.is_too_small() && !self.mode.is_question() {
            return if is_quit(key) {
                self.interrupt()
            } else {
                Vec::new()
            };
        }
        // In a question Ctrl-Z did nothing, unsaid, or (the baseline's) kept it as any key does:
        // said as everywhere, the question left open.
        if is_ctrl_z(key) && self.mode.is_question() && !self.mode.has_text_field() {
            self.tell_error(no_suspend("the question takes one of its keys"));
            return Vec::new();
        }
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Normal => self.on_normal_key(key),
            Mode::Editing { item, input, error } => self.on_editor_key(item, input, error, key),
            Mode::Finding { input, .. } => self.on_finder_key(input, key),
            // `?` on the first page, where it shows warnings about no input, opens the keys
            // alone (the warnings, shown whole, may leave the keys no room); any other key
            // closes help.
            Mode::Help { keys_alone: false }
                if NORMAL.action(key) == Some(Action::Help)
                    && !self.said().about_no_input.is_empty() =>
            {
                self.mode = Mode::Help { keys_alone: true };
                Vec::new()
            }
            Mode::Help { .. } => Vec::new(),
            Mode::ConfirmQuit {
                plan_gone,
                unwritable,
                saves,
            } => {
                let answer = CONFIRM_QUIT.action(key).filter(|a| saves.offers(*a));
                self.answer_quit(answer, plan_gone, unwritable, saves)
            }
            Mode::ConfirmBaseline => self.answer_baseline(CONFIRM_BASELINE.action(key)),
            Mode::Conflict(conflict) => {
                let answer = CONFLICT.action(key).filter(|a| conflict.offers(*a));
                self.answer_conflict(conflict, answer)
            }
            Mode::Resolving(resolving) => self.answer_merge(resolving, RESOLVING.action(key)),
            // Not filtered by what the question offers, as the others are: a `y` the question
            // no longer offers (the file broke again) says why it cannot reload, where read
            // as "back" it left the conflict's question open to the next `y`, which
            // overwrites the file.
            Mode::ConfirmReload(conflict) => {
                self.answer_reload(conflict, CONFIRM_RELOAD.action(key))
            }
            Mode::SavingAs(input) => self.on_save_as_key(input, key),
            Mode::OfferRecovery(recovery) => {
                self.answer_recovery(recovery, OFFER_RECOVERY.action(key))
            }
            // A value typed is no answer: it closes the question, as Esc would, and is typed.
            Mode::ChoosingExport if opens_value => self.on_normal_key(key),
            Mode::ChoosingExport => self.answer_export(EXPORT.action(key)),
        }
    }

    /// Esc and a key that came in one burst, read as Alt and the key: Esc, then the key.
    fn esc_then(&mut self, after: KeyEvent) -> Vec<Effect> {
        let mut effects = self.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        effects.extend(self.on_key(after));
        effects
    }

    /// Ctrl-C, in any mode: closes what is open as its own way back does, then does what
    /// Ctrl-C does in normal mode: quits, or asks first when there are unsaved edits or a value
    /// was being typed. A name to find or a file name typed goes; a value being typed is
    /// kept for the question (`s` applies it, "stay" opens its editor again); a question
    /// takes the answer that changes nothing (the baseline kept, a file changed on disk left
    /// as it is, a recovery file kept for later). In the quit question itself Ctrl-C asks
    /// again: the safe reading, as it never discards edits (`d` does).
    fn interrupt(&mut self) -> Vec<Effect> {
        let mut effects = match std::mem::replace(&mut self.mode, Mode::Normal) {
            editing @ Mode::Editing { .. } => {
                self.interrupted_edit = Some(editing);
                Vec::new()
            }
            Mode::Normal
            | Mode::Finding { .. }
            | Mode::Help { .. }
            | Mode::ConfirmQuit { .. }
            | Mode::ConfirmBaseline
            | Mode::ChoosingExport => Vec::new(),
            Mode::SavingAs(_) => {
                self.cancel_save_as();
                Vec::new()
            }
            Mode::Conflict(c) | Mode::ConfirmReload(c) => {
                self.answer_conflict(c, Some(ConflictAnswer::Back))
            }
            Mode::Resolving(r) => {
                self.answer_conflict(Box::new(r.conflict), Some(ConflictAnswer::Back))
            }
            Mode::OfferRecovery(r) => self.answer_recovery(r, Some(RecoveryAnswer::Keep)),
        };
        effects.extend(self.quit());
        // Not asked (nothing unsaved): the session ends, and the text with it.
        if !matches!(self.mode, Mode::ConfirmQuit { .. }) {
            self.interrupted_edit = None;
        }
        effects
    }

    /// Whether `key` opens the value editor, typed over: a digit where the session waits for a
    /// key, or at `e`'s question, whose answers are letters, one that is no letter (`x` is a
    /// factor's, and a stray key there).
    fn opens_value(&self, key: KeyEvent) -> bool {
        let here = match self.mode {
            Mode::Normal => true,
            // Below 80×24 the editor it would open is not drawn.
            Mode::ChoosingExport => !is_a_letter(key) && !self.is_too_small(),
            _ => false,
        };
        here && NORMAL.action(key) == Some(Action::TypeOver)
    }

    /// The value editor: Enter applies, Esc cancels, Ctrl-Z says how to undo, other keys edit
    /// the text.
    fn on_editor_key(
        &mut self,
        item: Item,
        mut input: Input,
        error: Option<String>,
        key: KeyEvent,
    ) -> Vec<Effect> {
        // Ctrl-Z, undo in most editors, did nothing here, unsaid: the line keeps no history
        // (tui-input has none), and the session's undo steps back values applied. Said as
        // docs/SESSION.md's Enter row says it.
        let ctrl_z_note = || no_undo_here("keeps the old value; u undoes it once applied");
        if is_ctrl_z(key) {
            self.tell(ctrl_z_note());
            self.mode = Mode::Editing { item, input, error };
            return Vec::new();
        }
        match EDITOR.action(key) {
            Some(Entry::Confirm) => self.apply_typed(item, input),
            Some(Entry::Cancel) => {
                // The note said what Esc would do; once done, it tells of an editor gone.
                if self
                    .status
                    .as_ref()
                    .is_some_and(|s| s.text == ctrl_z_note())
                {
                    self.status = None;
                }
                Vec::new()
            }
            Some(Entry::Type) | None => {
                let before = input.value().to_string();
                input.handle_event(&Event::Key(key));
                // The refusal is of the text it was given: once that changes, it goes.
                let error = error.filter(|_| input.value() == before);
                self.mode = Mode::Editing { item, input, error };
                Vec::new()
            }
        }
    }

    /// The finder: Enter selects the first match, Esc cancels, Ctrl-Z says what Esc does, other
    /// keys edit the query.
    fn on_finder_key(&mut self, mut input: Input, key: KeyEvent) -> Vec<Effect> {
        // Said where the first match shows: the finder's line is the status line.
        if is_ctrl_z(key) {
            let note = Some(no_undo_here("closes the search"));
            self.mode = Mode::Finding { input, note };
            return Vec::new();
        }
        match FINDER.action(key) {
            Some(Entry::Confirm) => self.find(input.value()),
            Some(Entry::Cancel) => {}
            Some(Entry::Type) | None => {
                input.handle_event(&Event::Key(key));
                self.mode = Mode::Finding { input, note: None };
            }
        }
        Vec::new()
    }

    /// Normal mode: what [`NORMAL`] says the key asks for.
    fn on_normal_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let action = NORMAL.action(key);
        let Some(action) = action else {
            // The session owns the terminal, so Ctrl-Z reaches it as a key: say so, or what is
            // typed next for a shell would run as keys here.
            if is_ctrl_z(key) {
                self.tell_error(no_suspend("q quits (asking about unsaved edits)"));
            }
            // Redo in many programs, bound nowhere here: the key that redoes, said.
            if is_ctrl_shift_z(key) {
                self.tell("Ctrl-Shift-Z does not redo here: Ctrl-R does".to_string());
            }
            return Vec::new();
        };
        // A key starts something new, so the last message goes (a save's questions, too, are
        // asked under an empty status line); an export turned away keeps its "press e again".
        if action != Action::Export {
            self.status = None;
        }
        let count = self.items().len();
        match action {
            Action::SelectPrevious => self.selected = (self.selected + count - 1) % count,
            Action::SelectNext => self.selected = (self.selected + 1) % count,
            Action::NudgeDown => return self.nudge(Nudge::Down),
            Action::NudgeUp => return self.nudge(Nudge::Up),
            Action::BigNudgeDown => return self.nudge(Nudge::BigDown),
            Action::BigNudgeUp => return self.nudge(Nudge::BigUp),
            Action::Edit | Action::TypeOver => {
                let item = self.selected_item();
                // A digit (a sign, a point) typed where the session waits for a key starts the
                // value afresh, as a spreadsheet's cell does: typing `25M` did nothing, with no
                // word why.
                let text = match (action, key.code) {
                    (Action::TypeOver, KeyCode::Char(first)) => first.to_string(),
                    _ => self.item_text(item),
                };
                let cursor = text.chars().count();
                self.mode = Mode::Editing {
                    item,
                    input: Input::new(text).with_cursor(cursor),
                    error: None,
                };
            }
            Action::Find => {
                self.mode = Mode::Finding {
                    input: Input::default(),
                    note: None,
                }
            }
            // One row at 80 columns (naming an example, it wrapped mid-name).
            Action::SwitchRole if self.roles.len() < 2 => self.tell(format!(
                "{} alone is editing (skypie plan --roles names more)",
                self.role()
            )),
            Action::SwitchRole => {
                self.active_role = (self.active_role + 1) % self.roles.len();
                self.tell(format!(
                    "{} is editing: r passes the keyboard on",
                    self.role()
                ));
            }
            Action::Baseline => self.baseline_key(),
            Action::Undo => return self.step_saying(Step::Undo),
            Action::Redo => return self.step_saying(Step::Redo),
            // Every panel on screen: Tab did nothing visible, and said nothing.
            Action::NextPanel | Action::PreviousPanel
                if self.screen.is_some_and(|(w, h)| Panel::all_fit(w, h)) =>
            {
                self.tell(
                    "every panel is on screen at this size: Tab picks one below 120×40".to_string(),
                );
            }
            Action::NextPanel => self.panel = self.panel.step(1),
            Action::PreviousPanel => self.panel = self.panel.step(-1),
            // Opened as it was: paging back at once passed over the newest entries, never seen
            // (by a page drawn before the edits since).
            Action::LogBack if !self.log_on_screen() => self.panel = Panel::Log,
            // From the page drawn; a second press before the next draw pages on from where
            // the first left it, by the same page.
            Action::LogBack => self.page_log(|paging, entries| {
                (paging.later + paging.back).min(entries.saturating_sub(1))
            }),
            Action::LogForward => {
                self.page_log(|paging, _| paging.later.saturating_sub(paging.forward));
            }
            Action::Save => return self.save(),
            Action::SaveAs => self.start_save_as(),
            Action::Export => self.choose_export(),
            Action::Help => self.mode = Mode::Help { keys_alone: false },
            Action::Quit => return self.quit(),
        }
        Vec::new()
    }

    /// Undoes or redoes one change, saying what it changed, as the log's row may be out of view
    /// (and the editor a value typed next opens says it: `usd 450k`); a redo said nothing.
    fn step_saying(&mut self, step: Step) -> Vec<Effect> {
        let (effects, stepped) = self.step_history(step);
        if !stepped.is_empty() {
            let it = if stepped.len() > 1 { "them" } else { "it" };
            let (did, back) = match step {
                Step::Undo => ("undid", "Ctrl-R redoes"),
                Step::Redo => ("redid", "u undoes"),
            };
            self.tell(format!("{did} {}: {back} {it}", stepped.join(", ")));
        }
        effects
    }

    /// Scrolls the Log tab to the entries `later` says (from the page drawn, and the number of
    /// entries), and keeps that as the page a second press before the next draw pages from.
    fn page_log(&mut self, later: impl Fn(LogPaging, usize) -> usize) {
        let paging = self.log_paging.get();
        self.log_back = later(paging, self.log.len());
        self.log_paging.set(LogPaging {
            later: self.log_back,
            ..paging
        });
    }

    /// The position in [`App::items`] of the first input `query` finds (see
    /// [`item::finds`]): one with a word it begins first (`s` finds market.size before
    /// horizon_days, [`item::starts_a_word`]), a correlation's inputs in the order typed
    /// before the other way round: what `/` selects, and what the status line previews.
    pub fn first_match(&self, query: &str) -> Option<usize> {
        // Nothing typed finds nothing: Enter on it moved the selection to the target.
        if query.trim().is_empty() {
            return None;
        }
        let items = self.items();
        let first = |either_order, at_word: bool| {
            items.iter().position(|i| {
                item::finds(*i, query, either_order) && (!at_word || item::starts_a_word(*i, query))
            })
        };
        first(false, true)
            .or_else(|| first(false, false))
            .or_else(|| first(true, false))
    }

    /// What the finder makes of `query`: the position in [`App::items`] of the input Enter
    /// selects ([`App::first_match`]), or what the status line says instead. The status line
    /// while typing and the message Enter leaves both come from here, so that Enter never says
    /// less than was shown (docs/SESSION.md, `/`).
    pub fn finder_answer(&self, query: &str) -> Result<usize, String> {
        if query.trim().is_empty() {
            return Err("type part of an input's name (gain, new reps)".to_string());
        }
        if let Some(i) = self.first_match(query) {
            return Ok(i);
        }
        // Two inputs around `~` that each name some input but no pair the file has: a pair is
        // added in the file, not here; one input on both sides is no pair at all (`zz ~` names
        // no input: no match).
        let Some(sides) = query.split_once('~').map(|(a, b)| [a, b]) else {
            return Err("no match".to_string());
        };
        let named = sides.map(|side| self.inputs_named(side));
        if named.iter().any(Vec::is_empty) {
            return Err("no match".to_string());
        }
        if named[0].len() == 1 && named[0] == named[1] {
            return Err("no match: an input is not correlated with itself".to_string());
        }
        Err("no match: only the file's [correlation] pairs".to_string())
    }

    /// The inputs (not correlations) of the list a finder's `side` of `~` names.
    fn inputs_named(&self, side: &str) -> Vec<Field> {
        if side.trim().is_empty() {
            return Vec::new();
        }
        self.items()
            .into_iter()
            .filter_map(|i| match i {
                Item::Field(field) if item::finds(i, side, false) => Some(field),
                _ => None,
            })
            .collect()
    }

    /// Selects the input `query` finds, or says what the finder said while it was typed
    /// (`/zz   no match`): the query is gone from the screen once Enter closes the finder.
    pub(super) fn find(&mut self, query: &str) {
        if query.trim().is_empty() {
            return;
        }
        match self.finder_answer(query) {
            Ok(i) => self.selected = i,
            Err(said) => self.tell_error(format!("/{query}   {said}")),
        }
    }

    /// Whether `typed` is the value `item` holds now ([`App::read_edit`] reads it as no edit):
    /// an interrupt loses nothing of it.
    pub(super) fn holds_already(&self, item: Item, typed: &str) -> bool {
        matches!(self.read_edit(item, typed), Ok(None))
    }

    /// What `typed` would set `item` to, read as the file would read it; `None` where it is
    /// the value `item` holds now, as the file writes it or in another spelling (`20m` over
    /// `20M`, `0.3` over `30%`, `90.0` over `90`, `0.70` over a correlation of 0.7): Enter on
    /// it is no edit (each was logged, an undo step that changed nothing, and the file marked
    /// unsaved, `90.0` saved as a float).
    pub(super) fn read_edit(
        &self,
        item: Item,
        typed: &str,
    ) -> Result<Option<Edit>, skypie::scenario::Diagnostic> {
        let typed = typed.trim();
        match item {
            Item::Field(field) => {
                // `$2.5M`, as the session shows amounts, is written to the file as `2.5M`.
                let for_file = self.scenario.as_a_file_writes(field, typed).into_owned();
                if for_file == self.item_text(item) {
                    return Ok(None);
                }
                let value = self.scenario.read_typed(field, typed)?;
                Ok((self.scenario.value(field).as_ref() != Some(&value))
                    .then_some(Edit::Field(field, value, for_file)))
            }
            Item::Correlation(a, b) => {
                let key = Correlation::new(a, b, 0.0).dotted_key();
                let now = find(&self.scenario.correlations, a, b).map(|c| c.rho);
                if typed == self.item_text(item) {
                    return Ok(None);
                }
                let rho = read_rho(&key, typed)?;
                Ok((Some(rho) != now).then_some(Edit::Correlation(a, b, rho)))
            }
        }
    }

    /// Applies what was typed in the editor, or keeps the editor open with the reason.
    pub(super) fn apply_typed(&mut self, item: Item, input: Input) -> Vec<Effect> {
        // What was said of the text being typed (a paste cut at its most) goes once a value is
        // applied in its place, as a key outside the editor takes the last message away; a
        // value refused keeps it, the text still there.
        let said = self.status.take();
        // Enter, Enter: nothing changed, so nothing is logged or left unsaved.
        let applied = self
            .read_edit(item, input.value())
            .and_then(|edit| match edit {
                None => Ok(Vec::new()),
                Some(Edit::Field(field, value, for_file)) => self.change(field, value, for_file),
                Some(Edit::Correlation(a, b, rho)) => self.change_correlation(a, b, rho, How::Set),
            });
        match applied {
            Ok(effects) => effects,
            Err(diagnostic) => {
                self.status = said;
                self.mode = Mode::Editing {
                    item,
                    input,
                    error: Some(diagnostic.to_string()),
                };
                Vec::new()
            }
        }
    }

    /// Nudges the selected input: a field by its own step, a correlation by 0.05.
    pub(super) fn nudge(&mut self, direction: Nudge) -> Vec<Effect> {
        match self.selected_item() {
            Item::Field(field) => self.nudge_field(field, direction),
            Item::Correlation(a, b) => self.nudge_correlation(a, b, direction),
        }
    }

    /// Nudges a field's value.
    fn nudge_field(&mut self, field: Field, direction: Nudge) -> Vec<Effect> {
        let Some(value) = self.scenario.value(field) else {
            return Vec::new();
        };
        match nudge_under(self.scenario.method, field, &value, direction) {
            Ok(moved) if moved == value => Vec::new(),
            Ok(moved) => {
                let text = moved.to_text(field.unit());
                self.change_from(field, moved, text, How::Nudged)
                    .unwrap_or_else(|refused| {
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

    /// Nudges a rank correlation by
    /// [`NUDGE_STEP`](skypie::scenario::correlation::NUDGE_STEP) (Shift: ten steps), within [−1, 1]. A nudge
    /// the other correlations cannot hold with is refused on the status line, naming the pair
    /// to loosen, and changes nothing.
    fn nudge_correlation(&mut self, a: Field, b: Field, direction: Nudge) -> Vec<Effect> {
        let Some(rho) = find(&self.scenario.correlations, a, b).map(|c| c.rho) else {
            return Vec::new();
        };
        let steps = match direction {
            Nudge::Up => 1,
            Nudge::Down => -1,
            Nudge::BigUp => 10,
            Nudge::BigDown => -10,
        };
        let key = Item::Correlation(a, b).key();
        let moved = nudged(rho, steps);
        if moved == rho {
            let end = if steps > 0 {
                "1, the highest"
            } else {
                "-1, the lowest"
            };
            self.tell_error(format!("{key} is {end} a rank correlation can be"));
            return Vec::new();
        }
        self.change_correlation(a, b, moved, How::Nudged)
            .unwrap_or_else(|refused| {
                let why = refused.hint.unwrap_or(refused.expected);
                self.tell_error(format!(
                    "{key} = {} refused: the correlations could not all hold at once; {why}",
                    rho_text(moved)
                ));
                Vec::new()
            })
    }
}

/// What a paste types (docs/SESSION.md, `Enter`): its first line with text, trimmed;
/// a tab or another white-space control character in it becomes a space (two cells copied
/// side by side, `35M⇥70M`, read `35M 70M`, not `35M70M`), and other control characters
/// (an escape) are dropped. Terminals paste a line end as `\r` (tmux, xterm) or `\n`.
pub(super) fn pasted_line(text: &str) -> String {
    cleaned(lines_with_text(text).next().unwrap_or(""))
}

/// A paste's lines with text in them. Terminals paste a line end as `\r` (tmux, xterm) or `\n`.
fn lines_with_text(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\r', '\n']).filter(|l| !l.trim().is_empty())
}

/// What a paste types into a value or a search: its lines with text, each trimmed, joined by
/// a space, and cleaned as [`pasted_line`] cleans one. A table written over several lines
/// (`{ dist = "normal",⏎mean = "8%",⏎sd = "3%" }`) reads whole, and two cells copied down a
/// column read `35M 70M`, refused as two numbers: the first line alone was taken, unsaid (the
/// table refused as unclosed, the second cell dropped).
pub(super) fn pasted_value(text: &str) -> String {
    let lines: Vec<String> = text
        .split(['\r', '\n'])
        .map(cleaned)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join(" ")
}

/// A pasted line trimmed, a white-space control character in it a space, another dropped.
fn cleaned(line: &str) -> String {
    line.trim()
        .chars()
        .filter_map(|c| match c {
            c if c.is_control() && c.is_whitespace() => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// A value typed that changes its input ([`App::read_edit`]): the field's value and its text
/// as the file writes it, or a correlation's pair and rho.
pub(super) enum Edit {
    Field(Field, skypie::scenario::FieldValue, String),
    Correlation(Field, Field, f64),
}
