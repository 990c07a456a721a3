//! Changing an input, and undoing it: every change is an undo point, a log entry and a new
//! state of the scenario to compute.

use std::collections::BTreeMap;

use super::session_log::time_of_day;
use super::{App, Effect, LogEntry};
use skypie::scenario::{Diagnostic, Field, FieldValue, Scenario};

/// A state to go back to.
#[derive(Debug, Clone)]
pub(super) struct Snapshot {
    pub(super) scenario: Scenario,
    pub(super) edits: BTreeMap<Field, String>,
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
        let old = self.field_text(field);
        let before = self.snapshot();
        self.scenario.set(field, value)?;
        self.undo.push(before);
        self.redo.clear();
        self.set_edit(field, typed.clone());
        Ok(self.record(field.key(), old, typed))
    }

    /// Notes what was typed for a field; typing back what the file says is no edit at all.
    pub(super) fn set_edit(&mut self, field: Field, typed: String) {
        if self.file_texts.get(&field) == Some(&typed) {
            self.edits.remove(&field);
        } else {
            self.edits.insert(field, typed);
        }
    }

    /// Adds a log entry for the new state and asks for its results. Repeated nudges of one
    /// input by one person, before results arrive, make one entry rather than many.
    pub(super) fn record(&mut self, input: String, old: String, new: String) -> Vec<Effect> {
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

    /// The state as it is now, to return to.
    pub(super) fn snapshot(&self) -> Snapshot {
        Snapshot {
            scenario: self.scenario.clone(),
            edits: self.edits.clone(),
        }
    }

    /// Undo (`back`) or redo one change.
    pub(super) fn step_history(&mut self, back: bool) -> Vec<Effect> {
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
    pub(super) fn record_nothing(&mut self, back: bool) -> Vec<Effect> {
        let word = if back { "undone" } else { "redone" };
        self.tell(format!("{word}: no input changed"));
        Vec::new()
    }
}
