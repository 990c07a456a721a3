//! Saving: the request the shell carries out, what the session does once the file is
//! written, and continuing from another text (a merge saved, or the file reloaded).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::conflict::AFTER_THE_MERGE;
use super::watch::{WAS_NO_LONGER_ON_DISK, renamed_said};
use super::{App, Effect, Expect, SaveRequest, Went, session_log_name};
use crate::tui::item::{self, Item};
use skypie::scenario::edit::{
    EditError, apply_correlation, apply_edits, field_texts, remove_correlation, restore_field,
};
use skypie::scenario::{Correlation, Field, Scenario};
use skypie::text::{command_path, shown_path};

/// What waits on a save being made, or on the name asked for one: what the session does once
/// it is answered.
#[derive(Default)]
pub(super) struct SaveInFlight {
    /// A quit waits on the save (and on any question it asks): once written, the session ends.
    pub(super) quit_after_save: bool,
    /// The log entry (an index into [`App::log`]) of a conflict's choice (overwrite, merge, save
    /// as) whose save is being made: a save that does not write the file says so in it. The
    /// index holds because the shell answers a save before the next key (saves are synchronous)
    /// and `record` never merges an edit into a conflict's entry.
    pub(super) choice_in_save: Option<usize>,
    /// The conflict's name in the log and what changed on disk, while a conflict's "save as"
    /// waits for its name: logged with the choice once the name is given, or as "left it as it
    /// is" when the name is cancelled.
    pub(super) conflict_saving_as: Option<(&'static str, String)>,
    /// The file a name typed to save as leads to, and the name as typed, while its save is
    /// being made: a save that cannot write it asks for a name again, this one kept.
    pub(super) saving_as: Option<(PathBuf, String)>,
    /// After a merge is saved, the session continues from the merged text with these edits,
    /// and these inputs still marked as changed in this session.
    pub(super) rebase_on_save: Option<(BTreeMap<Field, String>, Vec<Item>)>,
}

/// Where a save went, as the shell says it ([`super::Msg::Saved`]): the file written and its
/// session log.
pub(super) struct Saved {
    /// The file, as the session names it.
    pub(super) path: PathBuf,
    /// `path` in full: a relative name made absolute against the folder skypie was started
    /// from.
    pub(super) full_path: PathBuf,
    /// The file the save expected was no longer on disk: it was written again.
    pub(super) recreated: bool,
    /// Its session log (beside the file a link leads to, for a file saved through a link).
    pub(super) log: PathBuf,
    /// Why the log could not be appended, when it could not.
    pub(super) log_failed: Option<String>,
}

/// What the session does once a save is settled ([`App::settle_save`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AfterSave {
    /// A quit waited on the save, and the file and its log are written: the session ends.
    Quit,
    /// No quit waited on the save, or its log could not be written: the session goes on.
    StayOpen,
}

/// A merge saved and read back ([`App::take_as_saved`]): the figures of the merged plan to
/// compute, or why it cannot be read.
type MergeReadBack = Result<Vec<Effect>, String>;

/// What a save says of itself.
struct SaveMessage {
    /// On the status line.
    status: String,
    /// On the terminal once a save that quits is done: where things went (never "undo starts
    /// here", with no session left to undo in).
    on_exit: String,
}

impl Saved {
    /// What the save says: the file, named in full where it was saved under a new name
    /// (`same_file` false: where it went), and said written again where it was no longer on
    /// disk; its session log, where that took this save's rows (`logged`); after a merge, that
    /// it was merged, or that the merged file cannot be read back. A plan renamed within its
    /// folder (`renamed_to`) is said so, as the status line said it, not "no longer on disk".
    fn message(
        &self,
        same_file: bool,
        logged: bool,
        merge: Option<&MergeReadBack>,
        renamed_to: Option<&Path>,
    ) -> SaveMessage {
        let was_gone = match renamed_to {
            Some(now) => renamed_said(now),
            None => WAS_NO_LONGER_ON_DISK.to_string(),
        };
        let shown = if same_file {
            &self.path
        } else {
            &self.full_path
        };
        let log_said = if logged {
            // Beside the file as saved, the log is named as the file is; beside the file a
            // link leads to, in full.
            let log = if self.log == session_log_name(&self.path) {
                session_log_name(shown)
            } else {
                self.log.clone()
            };
            format!(" (session log: {})", shown_path(&log))
        } else {
            String::new()
        };
        let saved = if self.recreated {
            format!("{} {was_gone}; saved it again{log_said}", shown_path(shown))
        } else {
            format!("saved {}{log_said}", shown_path(shown))
        };
        match merge {
            None => SaveMessage {
                status: saved.clone(),
                on_exit: saved,
            },
            Some(Ok(_)) => {
                // Deleted between the question and the answer's save: written again, as a
                // save says it (it read "merged into race.toml and saved", the file back unsaid).
                let merged = if self.recreated {
                    format!(
                        "{} {was_gone}; merged into it and saved it again{log_said}",
                        shown_path(&self.path)
                    )
                } else {
                    format!("merged into {} and saved{log_said}", shown_path(&self.path))
                };
                SaveMessage {
                    status: format!("{merged}; undo starts here"),
                    // A quit leaves no session to show the merged plan's figures in: the file's
                    // changes may have moved the verdict, unseen.
                    on_exit: format!(
                        "{merged}; the merged plan's figures were not shown: skypie eval {} \
                         gives them",
                        command_path(&self.path)
                    ),
                }
            }
            Some(Err(e)) => {
                let status = format!("{saved}, but the merged file cannot be read back: {e}");
                SaveMessage {
                    on_exit: status.clone(),
                    status,
                }
            }
        }
    }

    /// The names the message may give: the file and its log, as saved and in full.
    fn names(&self) -> [PathBuf; 5] {
        [
            session_log_name(&self.full_path),
            session_log_name(&self.path),
            self.log.clone(),
            self.full_path.clone(),
            self.path.clone(),
        ]
    }
}

/// A correlation's unsaved change ([`App::pair_change`]).
enum PairChange<'a> {
    /// To this, under its key.
    Set(&'a Correlation),
    /// Taken out: as last saved.
    Dropped(&'a Correlation),
}

impl App {
    /// Starts a save: to the file, or asks for a name for the built-in scenario. A plan moved
    /// with its folder, nothing left at its name, is not written anew there unasked: the
    /// status line says where it is ([`App::moved_away_to`]).
    pub(super) fn save(&mut self) -> Vec<Effect> {
        match self.file.clone() {
            Some(path) if let Some(now) = self.moved_away_to() => {
                self.saving.quit_after_save = false;
                // Its name in a folder made anew can take the plan anew; in none, it cannot.
                let anew = if (self.disk.is_folder)(crate::files::folder_of(&path)) {
                    format!("; S and {} writes the plan anew there", shown_path(&path))
                } else {
                    String::new()
                };
                self.tell_error(format!(
                    "not saved: {} is no longer there: the plan was moved with its folder, and \
                     is now {} (S suggests it{anew})",
                    shown_path(&path),
                    shown_path(&now),
                ));
                Vec::new()
            }
            Some(path) => {
                let expect = Expect::Text(self.saved_text.clone());
                self.save_to(path, expect, None)
            }
            None => {
                self.start_save_as();
                Vec::new()
            }
        }
    }

    /// Saves this session's version to `path`: the request the shell carries out, or, when
    /// the edits cannot be written into the text, nothing but an error on the status line
    /// (the edits stay unsaved, and a quit waiting on the save waits no more).
    pub(super) fn save_to(
        &mut self,
        path: PathBuf,
        expect: Expect,
        relinked_to: Option<PathBuf>,
    ) -> Vec<Effect> {
        match self.session_text() {
            Ok(text) => vec![Effect::Save(SaveRequest {
                text,
                expect,
                session_log: self.session_log(&path),
                path,
                relinked_to,
                mode: self.recorded_mode(),
            })],
            Err(e) => {
                self.saving.quit_after_save = false;
                self.tell_error(format!(
                    "not saved: this session's edits cannot be written into the text: {e}"
                ));
                Vec::new()
            }
        }
    }

    /// This session's version: the edits the file does not have yet ([`App::unsaved_items`])
    /// written into the text as last saved (or as opened, before any save), so that what a
    /// save changed stays as it wrote it (a table it turned into a range keeps the figures it
    /// saved in its commented-out lines): the values as typed, an edit taken back as the text
    /// as opened has it, the correlations changed under the keys the file writes them with,
    /// those dropped taken out, comments kept; a plan taken up from a recovery file without the
    /// header skypie wrote there ([`crate::tui::recovery::without_header`]). The text parsed,
    /// so it is TOML and its sections and `[correlation]` are tables: no edit fails on it
    /// today, but a failure is an error, never the text without the edits.
    fn session_text(&self) -> Result<String, EditError> {
        let unsaved = self.unsaved_items();
        let edits: Vec<(Field, String)> = unsaved
            .iter()
            .filter_map(|item| match item {
                Item::Field(field) => Some((*field, self.edits.get(field)?.clone())),
                Item::Correlation(..) => None,
            })
            .collect();
        let mut text = apply_edits(&self.saved_text, &edits)?;
        for item in unsaved {
            text = match item {
                Item::Field(field) if !self.edits.contains_key(&field) => {
                    restore_field(&text, &self.opened_text, field)?
                }
                Item::Field(_) => text,
                Item::Correlation(a, b) => match self.pair_change(a, b) {
                    Some(PairChange::Set(now)) => apply_correlation(&text, &now.key, now.rho)?,
                    Some(PairChange::Dropped(saved)) => remove_correlation(&text, &saved.key)?,
                    None => text,
                },
            };
        }
        Ok(crate::tui::recovery::without_header(&text).unwrap_or(text))
    }

    /// The permissions a plan taken up from a recovery file had, as that file's header recorded
    /// them ([`crate::tui::recovery::mode`]), for its first save to give back (the copy has the
    /// recovery file's, private in a fallback folder); `None` for any other plan, and once
    /// saved, as the header is gone then ([`App::session_text`]).
    pub(super) fn recorded_mode(&self) -> Option<u32> {
        crate::tui::recovery::mode(&self.saved_text)
    }

    /// What a save does to the pair {a, b}, one of [`App::unsaved_items`]: sets it as the
    /// session has it, or takes it out under the key the file writes it with.
    fn pair_change(&self, a: Field, b: Field) -> Option<PairChange<'_>> {
        match item::find(&self.scenario.correlations, a, b) {
            Some(now) => Some(PairChange::Set(now)),
            None => item::find(&self.saved_correlations, a, b).map(PairChange::Dropped),
        }
    }

    /// The file is written, `text` where `saved` says: the session's edits count as saved
    /// ([`App::take_as_saved`]: after a merge the session continues from the merged text) and
    /// its log as written ([`App::settle_save`]), the save is said ([`Saved::message`]), and a
    /// quit waiting on the save goes ahead.
    pub(super) fn on_saved(&mut self, text: String, saved: Saved) -> Vec<Effect> {
        self.saving.choice_in_save = None;
        // Saved: the file written is the plan now, wherever a link led before.
        self.relinked_home = None;
        // What this save appended to the log, when it did, and whether it saved the file
        // open (both asked before `file` changes).
        let appended = self.session_log(&saved.path).text;
        let same_file = self.file.as_ref() == Some(&saved.path);
        let merge = self.take_as_saved(&saved.path, text);
        let logged = saved.log_failed.is_none() && !appended.is_empty();
        let renamed_to = match self.shown_went_away() {
            Some(Went::Renamed(now)) => Some(now.clone()),
            _ => None,
        };
        let message = saved.message(same_file, logged, merge.as_ref(), renamed_to.as_deref());
        let taken = self.recovery_taken();
        if self.settle_save(&saved, same_file, appended, message) == AfterSave::Quit {
            return taken.into_iter().chain([Effect::Quit]).collect();
        }
        // The merged plan's figures, where a merge was read back.
        let figures = merge.and_then(Result::ok).unwrap_or_default();
        taken.into_iter().chain(figures).collect()
    }

    /// What the file saved as `text` at `path` becomes for the session: the text as last saved,
    /// the one its edits and correlations count as saved in, and the file the session has
    /// open. After a merge is saved the session continues from the merged text: the figures to
    /// compute, or why it cannot be read back; `None` when no merge waited on the save.
    fn take_as_saved(&mut self, path: &Path, text: String) -> Option<MergeReadBack> {
        let merge = self.saving.rebase_on_save.take().map(|(kept, marks)| {
            let merged = self.rebase(&text, kept);
            if merged.is_ok() {
                self.undo_starts_at = Some("the merge");
            }
            self.saved_before_reload = marks;
            self.settle_merge_entry();
            merged
        });
        self.hold_as_the_files(text);
        self.disk_change = None;
        self.saved_edits = self.edits.clone();
        self.saved_correlations = self.scenario.correlations.clone();
        self.file = Some(path.to_path_buf());
        merge
    }

    /// A save written, settled: the session log's rows count as written where the log took
    /// them (`appended`, what went), the save is said on the status line (`message`), and a
    /// quit waiting on the save goes ahead ([`AfterSave::Quit`]: it says `message` on the way
    /// out). Where the log could not be appended the session says so in red and stays open,
    /// even if it was quitting: the entries are kept for the next save to append (`same_file`:
    /// the save was of the file the session had open).
    fn settle_save(
        &mut self,
        saved: &Saved,
        same_file: bool,
        appended: String,
        message: SaveMessage,
    ) -> AfterSave {
        self.last_save_failed = None;
        self.log_marks.saved = self.log.len();
        let names = saved.names();
        match &saved.log_failed {
            None => {
                self.log_marks.written = self.log.len();
                self.log_marks
                    .written_to
                    .insert(saved.path.clone(), self.log.len());
                if !appended.is_empty() {
                    self.log_marks.tail = appended;
                }
                self.tell_naming(message.status, &names);
                if std::mem::take(&mut self.saving.quit_after_save) {
                    self.saved_and_quit = Some(message.on_exit);
                    AfterSave::Quit
                } else {
                    AfterSave::StayOpen
                }
            }
            Some(why) => {
                // Nothing reached a new file's log: its next save writes what that log lacks,
                // all of it, heading first, unless this session saved to it before.
                if !same_file {
                    self.log_marks.written = self
                        .log_marks
                        .written_to
                        .get(&saved.path)
                        .copied()
                        .unwrap_or(0);
                }
                self.saving.quit_after_save = false;
                let text = format!(
                    "{}, but its session log could not be written ({why}); the next save tries \
                     again",
                    message.status
                );
                self.tell_error_naming(text, &names);
                AfterSave::StayOpen
            }
        }
    }

    /// A save under another name named the file this session has open (through a link, say,
    /// or its new name once its folder was renamed, `moved`: the session goes on under that
    /// name): it is saved as `s` saves it, checked against what the session last read or
    /// wrote, so a change on disk since is still caught (and offered for a merge). A
    /// conflict's "save as" choice is logged as not taken.
    pub(super) fn on_naming_open_file(&mut self, path: PathBuf, moved: bool) -> Vec<Effect> {
        let moved_from = self.file.clone().filter(|_| moved);
        self.choice_not_saved(&match &moved_from {
            Some(was) => format!(
                "{} is the file this session has open, {} moved with its folder",
                path.display(),
                was.display()
            ),
            None => format!("{} is the file this session has open", path.display()),
        });
        if moved_from.is_some() {
            // Its new name is the plan's: no longer "moved" (a colleague's change found there
            // read "another file", and a failed save "it is now" the name it had).
            self.file = Some(path);
            self.moved_to = None;
        }
        self.save()
    }

    /// A merge's log entry waits for the merged file's figures; once the merge is saved and
    /// read back, or has failed, it takes the figures of the state the session is in now.
    pub(super) fn settle_merge_entry(&mut self) {
        let (now, p) = (self.generation, self.figures_now());
        for entry in &mut self.log {
            if entry.generation == AFTER_THE_MERGE {
                entry.generation = now;
                entry.p_after = p;
            }
        }
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
        self.opened_text = text.to_string();
        self.hold_as_the_files(text.to_string());
        self.file_texts = field_texts(text);
        self.base_correlations = scenario.correlations.clone();
        self.saved_correlations = scenario.correlations.clone();
        self.scenario = scenario;
        self.saved_edits = kept.clone();
        self.edits = kept;
        // A merge takes the file's values: the marks a reload kept say nothing of them (a
        // reload sets its own after this).
        self.saved_before_reload.clear();
        self.undo.clear();
        self.redo.clear();
        self.undo_starts_at = None;
        self.disk_change = None;
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

    /// The unsaved edits written into the scenario's text, for a recovery file after a crash,
    /// headed by the keys they are (edits saved since the file was opened are in the text, as
    /// the file has them, but not named: reopening offers only what is named).
    /// Should they not go into the text, the text as last saved comes back with each unsaved
    /// edit in a comment at its end, so that none is lost.
    pub fn recovery_text(&self) -> Option<String> {
        // A value being typed and not entered is kept too, even with no edit.
        let typing = self.typing();
        if !self.is_dirty() && typing.is_none() {
            return None;
        }
        let edited: Vec<String> = self.unsaved_items().iter().map(|i| i.key()).collect();
        let in_text = self.session_text();
        let edits_in_text = in_text.is_ok();
        let text = in_text.unwrap_or_else(|e| {
            let mut text = self.saved_text.clone();
            if !text.is_empty() {
                text += if text.ends_with('\n') { "\n" } else { "\n\n" };
            }
            text +=
                &format!("# skypie could not write this session's edits into the text ({e}):\n");
            for unsaved in self.unsaved_items() {
                text += &match unsaved {
                    Item::Field(field) => {
                        format!("# {} = {:?}\n", field.key(), self.field_text(field))
                    }
                    Item::Correlation(a, b) => match self.pair_change(a, b) {
                        Some(PairChange::Set(c)) => {
                            format!("# [correlation] {:?} = {}\n", c.key, c.rho)
                        }
                        Some(PairChange::Dropped(c)) => {
                            format!("# [correlation] {:?} dropped\n", c.key)
                        }
                        None => String::new(),
                    },
                };
            }
            text
        });
        // What each edited input was in the file as last saved: a later session says which of
        // them someone else has saved since.
        let saved = field_texts(&self.saved_text);
        let before: Vec<(String, Option<String>)> = self
            .unsaved_items()
            .iter()
            .map(|item| match *item {
                Item::Field(field) => (field.key(), saved.get(&field).cloned()),
                // A pair the file did not have is "not in the file", as an input is.
                Item::Correlation(a, b) => (
                    item.key(),
                    item::find(&self.saved_correlations, a, b).map(|c| item::rho_text(c.rho)),
                ),
            })
            .collect();
        let recovery = crate::tui::recovery::with_edited(&text, &edited);
        let mut recovery = crate::tui::recovery::with_before(&recovery, &before);
        // The baseline's inputs are kept as they differ from the edited plan: from the text as
        // last saved, those it shares with the edits would come back at their saved values.
        if edits_in_text && let Some((pinned_at, inputs)) = self.baseline_to_keep() {
            recovery = crate::tui::recovery::with_baseline(&recovery, &pinned_at, &inputs);
        }
        Some(match typing {
            Some((key, typed)) => crate::tui::recovery::with_typed(&recovery, &key, &typed),
            None => recovery,
        })
    }
}

#[cfg(test)]
pub(super) mod tests {
    use std::path::PathBuf;

    use ratatui::crossterm::event::KeyCode;
    use skypie::scenario::{BUILT_IN, Field};

    use super::super::{App, Mode, Msg, key};

    /// A session on `plan.toml` whose text as opened (as last read or saved) makes `[market]`
    /// something other than a table: it no longer reads, and no edit can go into it.
    pub(in crate::tui::app) fn session_whose_text_does_not_read() -> App {
        let roles = ["Dana (CEO)".to_string(), "Sam (CMO)".to_string()];
        let clock = || "2026-12-01 09:30:00".to_string();
        let (mut app, _) = App::new(
            BUILT_IN,
            Some(PathBuf::from("plan.toml")),
            roles,
            clock,
            crate::tui::tests::common::DISK,
        )
        .expect("the built-in scenario parses");
        app.saved_text = "schema = 1\nmarket = 3 # not a table".to_string();
        app
    }

    /// [`session_whose_text_does_not_read`] with the market's size edited, which cannot go
    /// into that text.
    fn session_whose_edits_cannot_be_written() -> App {
        let mut app = session_whose_text_does_not_read();
        app.edits
            .insert(Field::MarketSize, "40M to 80M".to_string());
        app.scenario
            .set_correlation(Field::MarketSize, Field::MarketGrowth, 0.3)
            .expect("a correlation that can hold");
        app
    }

    #[test]
    fn a_save_whose_edits_cannot_be_written_into_the_text_says_so_and_saves_nothing() {
        let mut app = session_whose_edits_cannot_be_written();
        let effects = app.handle(key(KeyCode::Char('s')));
        assert!(effects.is_empty(), "nothing may be saved: {effects:?}");
        let status = app.status.clone().expect("a status line");
        assert!(status.error, "{status:?}");
        assert!(
            status.text.starts_with("not saved:") && status.text.contains("`market`"),
            "{status:?}"
        );
        assert!(app.is_dirty(), "the edit must stay unsaved");
        assert!(matches!(app.mode, Mode::Normal));
    }

    #[test]
    fn an_overwrite_that_cannot_be_saved_is_not_logged_as_done() {
        let mut app = session_whose_edits_cannot_be_written();
        let written = app.saved_text.clone();
        app.saved_text = BUILT_IN.to_string();
        assert!(!app.handle(key(KeyCode::Char('s'))).is_empty(), "a save");
        app.handle(Msg::SaveConflict {
            path: PathBuf::from("plan.toml"),
            on_disk: BUILT_IN.replace("horizon_days = 90", "horizon_days = 180"),
            relinked: None,
        });
        assert!(matches!(app.mode, Mode::Conflict(_)));
        app.saved_text = written;
        let effects = app.handle(key(KeyCode::Char('y')));
        assert!(effects.is_empty(), "nothing may be saved: {effects:?}");
        assert!(app.status.as_ref().is_some_and(|s| s.error));
        assert!(
            app.log.iter().all(|e| !e.new.contains("overwrote")),
            "{:?}",
            app.log
        );
    }

    #[test]
    fn a_quit_waiting_on_a_save_that_cannot_be_made_does_not_quit_later() {
        let mut app = session_whose_edits_cannot_be_written();
        assert!(app.handle(key(KeyCode::Char('q'))).is_empty());
        assert!(matches!(app.mode, Mode::ConfirmQuit { .. }));
        let effects = app.handle(key(KeyCode::Char('s')));
        assert!(effects.is_empty(), "neither a save nor a quit: {effects:?}");
        assert!(app.status.as_ref().is_some_and(|s| s.error));
        assert!(
            !app.saving.quit_after_save,
            "a later save must not quit the session"
        );
    }

    #[test]
    fn a_recovery_file_keeps_edits_that_cannot_be_written_into_the_text_as_comments() {
        let app = session_whose_edits_cannot_be_written();
        let text = app.recovery_text().expect("unsaved edits to keep");
        assert_eq!(
            text,
            "# skypie: this session's unsaved edits: market.size, market.size ~ market.growth\n\
             # skypie: before these edits: market.size (not in the file)\n\
             # skypie: before these edits: market.size ~ market.growth (not in the file)\n\
             schema = 1\nmarket = 3 # not a table\n\n\
             # skypie could not write this session's edits into the text \
             (`market` is not a table in the file):\n\
             # market.size = \"40M to 80M\"\n\
             # [correlation] \"market.size ~ market.growth\" = 0.3\n"
        );
    }
}
