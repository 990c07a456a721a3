//! Quitting: `q` (or Ctrl-C) quits at once when nothing would be lost, and otherwise asks
//! first (unsaved edits, a value still being typed, entries the session log could not take,
//! or a plan whose file is gone from disk since it was saved), then saves and quits, quits
//! without saving, or goes back to the session.

use skypie::text::shown_path;
use std::path::{Path, PathBuf};

use super::mode::{QuitSaves, Unwritable};
use super::watch::{LEADS_TO_A_FILE_GONE, NO_LONGER_ON_DISK, NOR_ITS_FOLDER, renamed_said};
use super::{App, Effect, Expect, Mode};
use crate::tui::item::Item;
use crate::tui::keys::QuitAnswer;

/// What the quit question says `S` does on a read-only plan with unsaved edits.
const S_SAVES_EDITS: &str = "saves them under another name";

impl App {
    /// Quits, or asks first when there are unsaved edits, entries the session log could not
    /// take, a value Ctrl-C interrupted the typing of (it went, unasked, with no other edit),
    /// or no copy of the plan left on disk (its file deleted, or made a folder, since it was
    /// saved: `q` went without a word).
    pub(super) fn quit(&mut self) -> Vec<Effect> {
        let typed = self
            .interrupted_edit
            .as_ref()
            .and_then(|editing| self.unapplied(editing));
        let plan_gone = self.plan_is_gone();
        if self.is_dirty()
            || self.log_behind()
            || typed.is_some()
            || self.plan_lost_by_quitting(plan_gone)
        {
            // A read-only plan: `s` was offered, and its save refused; so where its last save
            // failed and the file refuses writes still. A full disk may have room now: `s`
            // tries again.
            let unwritable = (self.file.as_deref())
                .filter(|_| !plan_gone)
                .and_then(|file| {
                    if (self.disk.is_read_only)(file) {
                        Some(Unwritable::ReadOnly)
                    } else {
                        (self.last_save_failed.is_some() && (self.disk.refuses_writes)(file))
                            .then_some(Unwritable::FailedLastSave)
                    }
                });
            let saves = QuitSaves {
                can_save: self.saves_to_its_name(plan_gone) && unwritable.is_none(),
                typed_reads: self.interrupted_value_reads(),
            };
            self.mode = Mode::ConfirmQuit {
                plan_gone: plan_gone.then(|| self.gone_from_its_name(saves)).flatten(),
                unwritable,
                saves,
            };
            Vec::new()
        } else {
            vec![Effect::Quit]
        }
    }

    /// Whether the plan's file is gone from its name as the disk is now: deleted, made a
    /// folder, or holding no plan (emptied).
    fn plan_is_gone(&self) -> bool {
        self.file
            .as_deref()
            .is_some_and(|f| !self.is_a_file(f) || !(self.disk.holds_a_plan)(f))
    }

    /// Whether quitting, with nothing unsaved, leaves no copy of the plan at its name: its file
    /// `gone` from it (or no plan there now; renamed in its folder, asked too, for `s` to write
    /// it again), not moved with its folder, nor a link's name gone (removed, the file it led
    /// to may be there; a link left leading nowhere is the plan deleted).
    fn plan_lost_by_quitting(&self, gone: bool) -> bool {
        gone && self.moved_away_to().is_none()
            && !self.file.as_deref().is_some_and(|f| self.link_gone(f))
    }

    /// Whether `file`, the plan's name, was a link when the session opened it and is no link
    /// now (removed, or something else put in its place): the file it led to may be there.
    fn link_gone(&self, file: &Path) -> bool {
        self.through_a_link && !(self.disk.is_a_link)(file)
    }

    /// Whether `file`, the plan's name, was a link that is now gone with no file in its place:
    /// the file it led to may still be there, and a save writes a file of that name.
    pub(super) fn link_removed(&self, file: &Path) -> bool {
        self.link_gone(file) && !self.is_a_file(file)
    }

    /// What the save that ended the session said, when it was a save-and-quit: the terminal
    /// says it once the session is gone.
    pub fn saved_and_quit(&self) -> Option<&str> {
        self.saved_and_quit.as_deref()
    }

    /// What the quit question says is at stake: a value being typed when Ctrl-C asked, which
    /// `s` applies, unsaved edits, or entries of the session log that the last save could not
    /// append; and where the plan is when it is gone from its name.
    pub fn quit_question(&self) -> String {
        let Some((key, value)) = self.typing() else {
            return self.at_stake();
        };
        // `s` only where the question offers it (a read-only plan's save is refused), and
        // where the value reads (`25M to`: `s` opened its editor again, saying why).
        let reads = match self.mode {
            Mode::ConfirmQuit { saves, .. } => saves.typed_reads,
            _ => self.interrupted_value_reads(),
        };
        let (reads, save) = match (reads, self.offers(QuitAnswer::SaveThenQuit)) {
            (false, _) => (" and does not read as typed", ""),
            (true, true) => ("", "s applies it and saves, "),
            (true, false) => ("", ""),
        };
        // Quoted as code: unquoted, a table typed up to a comma read `mu = 17.72035, , typed`.
        let typed = format!(
            "{} typed for {key} is not applied yet{reads}: {save}d quits without it, Esc goes \
             back to it.",
            skypie::report::markdown::code(&value)
        );
        match self.plan_gone() {
            _ if self.is_dirty() || self.log_behind() => format!("{typed} {}", self.at_stake()),
            // Where `s` writes it (the question left the plan moved unsaid).
            Some(gone) => format!("{typed} {gone}"),
            None => match self.unwritable_said() {
                Some(said) => format!("{typed} {said}"),
                None => typed,
            },
        }
    }

    /// Whether the value Ctrl-C interrupted the typing of reads as its input's value, as Enter
    /// reads it (an input's or a correlation's), which the quit question's `s` applies.
    fn interrupted_value_reads(&self) -> bool {
        match &self.interrupted_edit {
            Some(Mode::Editing { item, input, .. }) => self.read_edit(*item, input.value()).is_ok(),
            _ => true,
        }
    }

    /// Where the quit question found the plan's file read-only: that it is, and how `S` keeps
    /// what is at stake (`saves`: "plan.toml is read-only: S saves them under another name,
    /// then quits.").
    fn read_only_said(&self, saves: &str) -> Option<String> {
        let file = self.file.as_deref()?;
        let Mode::ConfirmQuit {
            unwritable: Some(why),
            ..
        } = self.mode
        else {
            return None;
        };
        // `S` is no answer while a value typed does not read (`25M to`): not said to save.
        if !self.offers(QuitAnswer::SaveAsThenQuit) {
            return None;
        }
        Some(format!(
            "{} {}: S {saves}, then quits.",
            shown_path(file),
            why.said()
        ))
    }

    /// What the quit question says of the plan's last save where it failed: that the file
    /// refuses writes ([`App::read_only_said`]), or why it failed and that `s` tries again.
    fn unwritable_said(&self) -> Option<String> {
        (self.read_only_said(S_SAVES_EDITS)).or_else(|| self.retry_said())
    }

    /// Where the plan's last save failed and the quit question offers `s` (a full disk, not a
    /// file that refuses writes): why, and that `s` tries again.
    fn retry_said(&self) -> Option<String> {
        let why = self.last_save_failed.as_deref()?;
        let file = shown_path(self.file.as_deref()?);
        self.offers(QuitAnswer::SaveThenQuit)
            .then(|| format!("{file}'s last save failed ({why}): s tries again."))
    }

    /// The quit question's unsaved edits, entries of the session log that the last save
    /// could not append, or, with neither, the plan gone from disk since it was saved.
    fn at_stake(&self) -> String {
        if self.is_dirty() {
            return match (self.plan_gone(), self.unwritable_said()) {
                (Some(gone), _) => format!("There are unsaved edits, and {gone}"),
                (None, Some(said)) => format!("There are unsaved edits, and {said}"),
                (None, None) => "There are unsaved edits.".to_string(),
            };
        }
        let gone = self.plan_gone();
        if !self.log_behind()
            && let Some(gone) = gone
        {
            return format!("Nothing is unsaved, but {gone}");
        }
        // The plan gone from disk too: said after (it went unsaid beside the entries).
        let gone = gone.map(|gone| format!(" And {gone}")).unwrap_or_default();
        let entries = self.log.len().saturating_sub(self.log_marks.written);
        let (noun, them) = if entries == 1 {
            ("entry", "it")
        } else {
            ("entries", "them")
        };
        // `s` only where the question offers it: on a read-only plan (or one gone where no save
        // writes it) it said "s tries again", and `s` did nothing. A read-only plan's `S` keeps
        // them: a new name's log takes the whole session.
        let again = if self.offers(QuitAnswer::SaveThenQuit) {
            "s tries again; "
        } else {
            ""
        };
        let read_only = self
            .read_only_said("saves the plan under another name, with the whole session in its log")
            .map(|read_only| format!(" {read_only}"))
            .unwrap_or_default();
        // Not lost: an ending keeps them in a fallback folder where the log cannot take them.
        format!(
            "The session log could not be written: {again}d leaves its {entries} {noun} in \
             skypie's state folder if the log still cannot take {them}.{read_only}{gone}"
        )
    }

    /// Where the plan is, when the quit question found it gone from its name since it was
    /// opened ([`App::gone_from_its_name`], as it was asked).
    fn plan_gone(&self) -> Option<&str> {
        match &self.mode {
            Mode::ConfirmQuit { plan_gone, .. } => plan_gone.as_deref(),
            _ => None,
        }
    }

    /// Where the plan is, found gone from its name since it was opened: moved with its folder,
    /// which `s` saves the edits to; or deleted (emptied, a folder in its place), and `d`
    /// leaves neither the plan nor a copy, but where the name was a link (removed, or a folder
    /// in its place): the file it led to may still be there, as last saved. A save is named
    /// only where the question `saves` offers it (`25M to` typed: neither `s` nor `S`).
    fn gone_from_its_name(&self, saves: QuitSaves) -> Option<String> {
        let file = self.file.as_deref()?;
        let saving = saves.offers(QuitAnswer::SaveThenQuit);
        if let Some(now) = self.moved_away_to() {
            let saves_there = if saving {
                ", which s saves them to"
            } else {
                ""
            };
            return Some(format!(
                "{} was moved with its folder: it is now {}{saves_there}.",
                shown_path(file),
                shown_path(&now)
            ));
        }
        // Renamed in its folder (`mv cmp.toml cmp.toml.bak`), often a copy set aside: named,
        // and `s` writes the plan's own name again, never into it.
        if let Some(now) = self.renamed_away_to() {
            let then = match (saving, saves.offers(QuitAnswer::SaveAsThenQuit)) {
                (true, _) => format!("; s writes {} again", shown_path(file)),
                (false, true) => "; S saves it under another name, then quits".to_string(),
                (false, false) => String::new(),
            };
            return Some(format!(
                "{} {}{then}.",
                shown_path(file),
                renamed_said(&now)
            ));
        }
        // Whether `s` writes it again where it was ([`App::saves_to_its_name`]): not where a
        // folder has its name, its folder is gone too (renamed, say) or read-only.
        let writes = self.saves_to_its_name(true);
        // A link left leading nowhere: the file it led to was deleted (the link is there).
        let deleted = if (self.disk.is_a_link)(file) {
            LEADS_TO_A_FILE_GONE
        } else {
            NO_LONGER_ON_DISK
        };
        let gone = if (self.disk.is_folder)(file) {
            "is a folder now".to_string()
        } else if (self.disk.is_special)(file) {
            // `mkfifo plan.toml`: said to hold no plan, which `s` would write again, and the
            // save then refused it.
            format!("is {} now", crate::files::SPECIAL)
        } else if (self.disk.is_there)(file) {
            // Neither a folder nor special, so a file: emptied (`> plan.toml`) or written over
            // with what is no scenario.
            "no longer holds a plan".to_string()
        } else {
            self.deleted_said(file, deleted, writes)
        };
        let link_gone = self.link_removed(file);
        let left = if link_gone {
            "discarding leaves the plan only as last saved, where the link led (if that file is \
             still there)"
        } else {
            "discarding leaves no copy of the plan"
        };
        let then = match (saving, saves.offers(QuitAnswer::SaveAsThenQuit), link_gone) {
            (false, false, _) => "",
            (false, true, _) => "; S saves it under another name, then quits",
            // Written at the link's name, no longer the link: two copies that differ.
            (true, _, true) => "; s writes it again, as a file of that name",
            (true, _, false) => "; s writes it again",
        };
        Some(format!("{} {gone}: {left}{then}.", shown_path(file)))
    }

    /// Whether the quit question open offers `answer` ([`QuitSaves::offers`]).
    pub fn offers(&self, answer: QuitAnswer) -> bool {
        match self.mode {
            Mode::ConfirmQuit { saves, .. } => saves.offers(answer),
            _ => true,
        }
    }

    /// Whether `s` can write the plan, the quit question having found it gone from its name
    /// (`plan_gone`) or not: where it is, where it moved with its folder, or into its folder
    /// when that takes a new file.
    pub(super) fn saves_to_its_name(&self, plan_gone: bool) -> bool {
        !plan_gone
            || self.moved_away_to().is_some()
            || self.file.as_deref().is_none_or(|file| {
                self.is_a_file(file)
                    || (!(self.disk.is_there)(file)
                        && self.takes_a_new_file(&self.folder_written(file)))
            })
    }

    /// `deleted` (the words for a file, or a link left, gone from its name `file`), with why a
    /// save cannot write it again where `writes` says so: its folder read-only, or gone too.
    pub(super) fn deleted_said(&self, file: &Path, deleted: &str, writes: bool) -> String {
        if writes {
            deleted.to_string()
        } else if (self.disk.is_folder)(&self.folder_written(file)) {
            // Read-only (no permission, a read-only file system).
            format!("{deleted}, and its folder is read-only")
        } else {
            format!("{deleted}, {NOR_ITS_FOLDER}")
        }
    }

    /// The folder a save of `file` writes in: the folder of the file it leads to, through a
    /// link that is there (a link whose file was deleted is written through), else its own.
    fn folder_written(&self, file: &Path) -> PathBuf {
        crate::files::folder_of(&(self.disk.leads_to)(file)).to_path_buf()
    }

    /// "There are unsaved edits": save (to its name, or to one asked for) then quit, discard
    /// and quit, or stay; `answer` is one the question offers (the key's dispatch filters it by
    /// [`QuitSaves::offers`]), and `plan_gone`, `unwritable` and `saves` are the question's
    /// findings as it was asked.
    pub(super) fn answer_quit(
        &mut self,
        answer: Option<QuitAnswer>,
        plan_gone: Option<String>,
        unwritable: Option<Unwritable>,
        saves: QuitSaves,
    ) -> Vec<Effect> {
        let gone = plan_gone.is_some();
        match answer {
            Some(save @ (QuitAnswer::SaveThenQuit | QuitAnswer::SaveAsThenQuit)) => {
                let mut effects = match self.apply_interrupted() {
                    Ok(effects) => effects,
                    Err(refused) => return refused,
                };
                // The same value typed another way (`3m` over `3M`), and nothing else: nothing
                // to write ("saved" said of a file written as it was).
                if !self.is_dirty() && !self.log_behind() && !self.plan_lost_by_quitting(gone) {
                    effects.push(Effect::Quit);
                    return effects;
                }
                self.saving.quit_after_save = true;
                // The session ends once the name asked for is saved; Esc there goes back to it.
                if save == QuitAnswer::SaveAsThenQuit {
                    self.start_save_as();
                    return effects;
                }
                effects.extend(match self.moved_away_to().filter(|_| gone) {
                    // Where the question said: a save as the plan's new name, which the
                    // shell finds is the plan moved, and saves as `s` does.
                    Some(now) => self.save_to(now, Expect::Nothing, None),
                    None => self.save(),
                });
                effects
            }
            // The plan gone from disk since the question was asked (`q`, then `rm plan.toml`,
            // or `rm -r d3` where it said the plan was moved there, then `d`): discarding would
            // now leave no copy, which the question did not say. Asked again, saying so.
            Some(QuitAnswer::Discard)
                if self.plan_lost_by_quitting(self.plan_is_gone())
                    && self.gone_from_its_name(saves) != plan_gone =>
            {
                self.quit()
            }
            Some(QuitAnswer::Discard) => vec![Effect::Quit],
            // Back where Ctrl-C was: in the editor, the value as it was being typed.
            Some(QuitAnswer::Stay) => {
                if let Some(editing) = self.interrupted_edit.take() {
                    self.mode = editing;
                }
                Vec::new()
            }
            None => {
                self.mode = Mode::ConfirmQuit {
                    plan_gone,
                    unwritable,
                    saves,
                };
                Vec::new()
            }
        }
    }

    /// Applies the value Ctrl-C interrupted the typing of, as the quit question's `s` says it
    /// does before saving; `Err` when it was refused: its editor is open again, saying why,
    /// and nothing is to be saved.
    fn apply_interrupted(&mut self) -> Result<Vec<Effect>, Vec<Effect>> {
        let editing = self.interrupted_edit.take();
        let Some(Mode::Editing { item, input, .. }) =
            editing.filter(|editing| self.unapplied(editing).is_some())
        else {
            return Ok(Vec::new());
        };
        let warned_before = self.warnings_of(item);
        let effects = self.apply_typed(item, input);
        if matches!(self.mode, Mode::Editing { .. }) {
            return Err(effects);
        }
        // `30%` typed for the target ($0.3) was saved and the session gone before its `!` was
        // seen: a value the session warns of is applied and shown, not saved.
        let warned = self.warnings_of(item);
        match warned.into_iter().find(|w| !warned_before.contains(w)) {
            Some(warning) => {
                self.mode = Mode::Normal;
                self.tell(format!(
                    "not saved: {warning}. The value is applied: s saves it as it is, u undoes it"
                ));
                Err(effects)
            }
            None => Ok(effects),
        }
    }

    /// What the scenario warns of `item`'s value ([`skypie::scenario::Scenario::input_warnings`], which the `!`
    /// beside it on the inputs list also comes from).
    fn warnings_of(&self, item: Item) -> Vec<String> {
        let field = match item {
            Item::Field(field) => field,
            Item::Correlation(..) => return Vec::new(),
        };
        (self.scenario.input_warnings().into_iter())
            .filter_map(|(about, warning)| (about == field).then_some(warning))
            .collect()
    }
}
