//! Saving: the request the shell carries out, what the session does once the file is
//! written, and continuing from another text (a merge saved, or the file reloaded).

use std::collections::BTreeMap;
use std::path::PathBuf;

use tui_input::Input;

use super::{App, Effect, Expect, Mode, SaveRequest, session_log_path};
use skypie::scenario::edit::{apply_correlation, apply_edits, field_texts};
use skypie::scenario::{Field, Scenario};

impl App {
    /// Starts a save: to the file, or asks for a name for the built-in scenario.
    pub(super) fn save(&mut self) -> Vec<Effect> {
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

    /// A save of this session's version (its edits written into the text as opened: the
    /// values as typed, the correlations changed under the keys the file writes them with,
    /// their comments kept) to `path`.
    pub(super) fn save_request(&self, path: PathBuf, expect: Expect) -> SaveRequest {
        let edits: Vec<(Field, String)> = self.edits.iter().map(|(f, t)| (*f, t.clone())).collect();
        // The base text parsed when the session opened, so it is TOML and its [correlation]
        // is a table: neither edit can fail on it.
        let text = self
            .correlation_edits()
            .into_iter()
            .fold(apply_edits(&self.base_text, &edits), |text, c| {
                text.and_then(|text| apply_correlation(&text, &c.key, c.rho))
            });
        let text = text.unwrap_or_else(|_| self.base_text.clone());
        SaveRequest {
            path,
            text,
            expect,
            session_log: self.session_log(),
        }
    }

    /// The file is written: the session's edits count as saved and its log as written; after
    /// a merge the session continues from the merged text, and a quit waiting on the save
    /// goes ahead.
    pub(super) fn on_saved(&mut self, path: PathBuf, text: String) -> Vec<Effect> {
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
        self.saved_correlations = self.scenario.correlations.clone();
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
    pub(super) fn rebase(
        &mut self,
        text: &str,
        kept: BTreeMap<Field, String>,
    ) -> Result<Vec<Effect>, String> {
        let scenario = Scenario::parse(text, &self.origin()).map_err(|e| e.to_string())?;
        self.base_text = text.to_string();
        self.saved_text = text.to_string();
        self.file_texts = field_texts(text);
        self.base_correlations = scenario.correlations.clone();
        self.saved_correlations = scenario.correlations.clone();
        self.scenario = scenario;
        self.saved_edits = kept.clone();
        self.edits = kept;
        self.undo.clear();
        self.redo.clear();
        self.selected = self.selected.min(self.items().len() - 1);
        self.generation += 1;
        Ok(vec![Effect::Compute {
            generation: self.generation,
            scenario: Box::new(self.scenario.clone()),
        }])
    }

    /// The file's name for messages, or `built-in`.
    pub(super) fn origin(&self) -> String {
        self.file
            .as_ref()
            .map_or_else(|| "built-in".to_string(), |p| p.display().to_string())
    }

    /// The unsaved edits written into the scenario's text, for a recovery file after a crash.
    pub fn recovery_text(&self) -> Option<String> {
        self.is_dirty()
            .then(|| self.save_request(PathBuf::new(), Expect::Anything).text)
    }
}
