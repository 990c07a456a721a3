//! Changing an input, and undoing it: every change is an undo point, a log entry and a new
//! state of the scenario to compute.

use std::collections::BTreeMap;

use super::session_log::time_of_day;
use super::{App, Effect, LogEntry};
use crate::tui::item::{Item, rho_text};
use skypie::scenario::{Diagnostic, Field, FieldValue, Scenario};

/// A state to go back to.
#[derive(Debug, Clone)]
pub(super) struct Snapshot {
    pub(super) scenario: Scenario,
    pub(super) edits: BTreeMap<Field, String>,
}

/// How a change was made, for its log entry: a nudge, an undo or a redo (repeated ones of one
/// input by one person, before figures arrive, make one entry: 200 undos held down were 200
/// rows), or set any other way (typed, loaded from a recovery file: each its own entry, as each
/// is its own undo step).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum How {
    Set,
    Nudged,
    Stepped,
    /// A choice that changes no value (a pin, an export, a question answered): its P(feasible)
    /// before and after are the one state's, and figures that come later give both (it read
    /// `P … → 48.8%`, as if it had moved it).
    Noted,
}

impl App {
    /// Sets one field and records the change (undo point, log entry, recomputation), or says
    /// why the scenario refuses the value (the scenario is then unchanged).
    pub(super) fn change(
        &mut self,
        field: Field,
        value: FieldValue,
        typed: String,
    ) -> Result<Vec<Effect>, Diagnostic> {
        self.change_from(field, value, typed, How::Set)
    }

    /// [`App::change`] by a nudge (`how`) or otherwise, its log entry saying the value before
    /// as [`App::logged_text`] does (`45% → 46%`, not the file's `0.45` beside the new `46%`).
    pub(super) fn change_from(
        &mut self,
        field: Field,
        value: FieldValue,
        typed: String,
        how: How,
    ) -> Result<Vec<Effect>, Diagnostic> {
        let old = self.logged_text(Item::Field(field));
        let before = self.snapshot();
        self.scenario.set(field, value)?;
        let from = before.scenario.clone();
        self.undo.push(before);
        self.redo.clear();
        self.set_edit(field, typed);
        // Typed back as the file writes it (`0.8`), it is no edit, and reads as `80%`.
        let new = self.logged_text(Item::Field(field));
        Ok(self.record_as(field.key(), [old, new], how, Some(from)))
    }

    /// Sets the rank correlation of the pair {a, b} and records the change, or says why the
    /// correlations refuse it (they could not all hold at once; the hint names the pair to
    /// loosen), changing nothing.
    pub(super) fn change_correlation(
        &mut self,
        a: Field,
        b: Field,
        rho: f64,
        how: How,
    ) -> Result<Vec<Effect>, Diagnostic> {
        let item = Item::Correlation(a, b);
        let old = self.item_text(item);
        let before = self.snapshot();
        self.scenario.set_correlation(a, b, rho)?;
        let from = before.scenario.clone();
        self.undo.push(before);
        self.redo.clear();
        Ok(self.record_as(item.key(), [old, rho_text(rho)], how, Some(from)))
    }

    /// Notes what was typed for a field, once the scenario holds its value; typing (or
    /// nudging) back what the file says, however spelt, is no edit at all, and the file keeps
    /// its spelling: `confidence = 0.8` nudged up and back read `80%`, marked changed, and the
    /// save rewrote it.
    pub(super) fn set_edit(&mut self, field: Field, typed: String) {
        let filed = self.file_texts.get(&field).is_some_and(|text| {
            *text == typed
                || self
                    .scenario
                    .read_typed(field, text)
                    .is_ok_and(|value| Some(value) == self.scenario.value(field))
        });
        if filed {
            self.edits.remove(&field);
        } else {
            self.edits.insert(field, typed);
        }
    }

    /// Adds a log entry for the new state and asks for its results: a change made neither by
    /// a nudge nor by undo or redo (a recovery loaded), an entry of its own
    /// ([`App::record_as`]).
    pub(super) fn record(&mut self, input: String, old: String, new: String) -> Vec<Effect> {
        self.record_as(input, [old, new], How::Set, None)
    }

    /// Adds a log entry for the new state, `[old, new]` as the log says them, and asks for its
    /// results. Repeated nudges, or undos, or redos, of one input by one person, before results
    /// arrive, make one entry rather than many ([`How`]), and none where they end at the plan
    /// the entry started `from` (the value however spelt); anything else is an entry of its
    /// own, as it is an undo step of its own (three values typed before the figures came made
    /// one row, and undo then restored one the log never showed).
    fn record_as(
        &mut self,
        input: String,
        [old, new]: [String; 2],
        how: How,
        from: Option<Scenario>,
    ) -> Vec<Effect> {
        // P(feasible) before: the figures of the state this edit starts from, if they are in;
        // an edit made while the last one's figures were still computing has no "before" of
        // its own (`…`), rather than the one before that.
        let p_now = self.figures_now();
        self.generation += 1;
        // An edit shows in the log: scrolled back, the Log tab returns to the newest entries.
        self.log_back = 0;
        let role = self.role().to_string();
        // An entry of a saved state stays as it was saved.
        let last_unsaved = self.log_marks.saved < self.log.len();
        match self.log.last_mut() {
            Some(last)
                if how != How::Set
                    && last.how == how
                    && last.input == input
                    && last.role == role
                    && last.p_after.is_none()
                    && last_unsaved =>
            {
                last.new = new;
                last.generation = self.generation;
                // Back where the row started (a nudge up and one down, two undos over the same
                // value, `3100k` → → ← ← reading `3.1M`): no row, as no change ("undo
                // target.revenue | 3.1T | 3.1T").
                if last.started.as_deref() == Some(&self.scenario) {
                    self.log.pop();
                }
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
                from_generation: Some(self.generation - 1),
                how,
                started: from.filter(|_| how != How::Set).map(Box::new),
            }),
        }
        vec![Effect::Compute {
            generation: self.generation,
            scenario: Box::new(self.scenario.clone()),
        }]
    }

    /// The state as it is now, to return to.
    pub(super) fn snapshot(&self) -> Snapshot {
        Snapshot {
            scenario: self.scenario.clone(),
            edits: self.edits.clone(),
        }
    }

    /// Undoes or redoes one change; with the effects, each input it changed as said
    /// (`market.size 450k (back to 400k)`).
    pub(super) fn step_history(&mut self, step: Step) -> (Vec<Effect>, Vec<String>) {
        let current = self.snapshot();
        let (from, to) = match step {
            Step::Undo => (&mut self.undo, &mut self.redo),
            Step::Redo => (&mut self.redo, &mut self.undo),
        };
        let Some(target) = from.pop() else {
            let starts_at = (self.undo_starts_at)
                .filter(|_| step == Step::Undo)
                .map(|at| format!(": undo starts at {at}"));
            self.tell(format!(
                "nothing to {}{}",
                step.name(),
                starts_at.unwrap_or_default()
            ));
            return (Vec::new(), Vec::new());
        };
        let from = current.scenario.clone();
        to.push(current);
        let items = self.items();
        let old_texts: Vec<String> = items.iter().map(|i| self.item_text(*i)).collect();
        let old_logged: Vec<String> = items.iter().map(|i| self.logged_text(*i)).collect();
        let old_values: Vec<Option<FieldValue>> = items.iter().map(|i| self.value(*i)).collect();
        self.scenario = target.scenario;
        self.edits = target.edits;
        // An item changed if its value or the text it is saved as did.
        let changed: Vec<usize> = (0..items.len())
            .filter(|i| {
                old_values[*i] != self.value(items[*i])
                    || old_texts[*i] != self.item_text(items[*i])
            })
            .collect();
        if changed.is_empty() {
            return (self.record_nothing(step), Vec::new());
        }
        let keys: Vec<String> = changed.iter().map(|i| items[*i].key()).collect();
        let old: Vec<String> = changed.iter().map(|i| old_logged[*i].clone()).collect();
        let new: Vec<String> = changed
            .iter()
            .map(|i| self.logged_text(items[*i]))
            .collect();
        // `target.revenue 2.3M (back to 2M)` undone, `target.revenue 2.3M (was 2M)` redone.
        let said = (keys.iter().zip(&old).zip(&new))
            .map(|((key, old), new)| match step {
                Step::Undo => format!("{key} {old} (back to {new})"),
                Step::Redo => format!("{key} {new} (was {old})"),
            })
            .collect();
        let effects = self.record_as(
            format!("{} {}", step.name(), keys.join(", ")),
            [old.join(", "), new.join(", ")],
            How::Stepped,
            Some(from),
        );
        (effects, said)
    }

    /// An item's value, to compare: a field's, or a correlation's ρ as a number.
    fn value(&self, item: Item) -> Option<FieldValue> {
        match item {
            Item::Field(field) => self.scenario.value(field),
            Item::Correlation(a, b) => crate::tui::item::find(&self.scenario.correlations, a, b)
                .map(|c| FieldValue::Number(c.rho)),
        }
    }

    /// An undo or redo step that changes nothing visible (none is made today): no log line.
    pub(super) fn record_nothing(&mut self, step: Step) -> Vec<Effect> {
        let done = match step {
            Step::Undo => "undone",
            Step::Redo => "redone",
        };
        self.tell(format!("{done}: no input changed"));
        Vec::new()
    }
}

/// Which way a step through the edits goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    Undo,
    Redo,
}

impl Step {
    /// The step as the log and the status line name it.
    fn name(self) -> &'static str {
        match self {
            Step::Undo => "undo",
            Step::Redo => "redo",
        }
    }
}
