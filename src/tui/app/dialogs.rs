//! The session's questions: quitting, the pinned baseline, a file changed on disk (merge,
//! overwrite, save as, reload), a name to save under, and a recovery file from a session that
//! ended abruptly. While one is open it takes the keys; each returns the work it asks for.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::KeyEvent;

use super::mode::quit_offers;
use super::{
    App, Conflict, Effect, Expect, Leads, Mode, RecoveredValue, Recovery, Relinked, Resolving,
    SaveRequest, Status, Suggested,
};
use crate::tui::conflict::{self, keys};
use crate::tui::item::{Item, NO_RHO, find, rho_text};
use crate::tui::keys::{
    BaselineAnswer, ConflictAnswer, Entry, MergeAnswer, QuitAnswer, RecoveryAnswer, ReloadAnswer,
    SAVE_AS,
};
use skypie::scenario::correlation::{read_pair_key, read_rho};
use skypie::scenario::edit::field_texts;
use skypie::scenario::value::read_text;
use skypie::scenario::{Field, Scenario, ScenarioError, Section};

/// The name save-as suggests for the built-in scenario, which has no file of its own.
const BUILT_IN_NAME: &str = "my-plan.toml";

/// The log's name for a save that found the file changed on disk.
const CONFLICT: &str = "file changed on disk";

/// The log's name for a save as a name another file already has.
const EXISTS: &str = "file already exists";

/// The log's word for a conflict left unsettled: nothing was saved.
const LEFT_AS_IT_IS: &str = "left it as it is (not saved)";

/// The instruction that follows why a name typed to save as was refused, while the name is
/// asked for again (Esc takes it off as it closes the question, the refusal kept).
pub(super) const TYPE_ANOTHER: &str = "; type another name, or Esc";

/// Why a name typed to save as is refused, and the instruction that follows it while the name
/// is asked for again ([`App::tell_error_then`]).
type Refused = (String, &'static str);

/// The generation a merge's log entry waits for: the merged file's, which exists only once the
/// merge is saved ([`App::on_saved`] gives the entry its number then).
pub(super) const AFTER_THE_MERGE: u64 = u64::MAX;

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
            self.mode = Mode::ConfirmQuit {
                plan_gone: plan_gone.then(|| self.gone_from_its_name()).flatten(),
                can_save: self.saves_to_its_name(plan_gone),
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

    /// Whether `folder` is a folder that takes a new file (not read-only).
    fn takes_a_new_file(&self, folder: &Path) -> bool {
        (self.disk.is_folder)(folder) && (self.disk.takes_new_files)(folder)
    }

    /// Whether there is a file (not a folder, nor a pipe, a device or a socket) at `path`.
    pub(super) fn is_a_file(&self, path: &Path) -> bool {
        (self.disk.is_there)(path) && !(self.disk.is_folder)(path) && !(self.disk.is_special)(path)
    }

    /// Whether quitting, with nothing unsaved, leaves no copy of the plan: its file `gone`
    /// from its name (or no plan there now), not moved with its folder, nor a link's name gone
    /// (removed, the file it led to may be there; a link left leading nowhere is the plan
    /// deleted).
    fn plan_lost_by_quitting(&self, gone: bool) -> bool {
        gone && self.moved_away_to().is_none()
            && !self.file.as_deref().is_some_and(|f| self.link_gone(f))
    }

    /// Whether `file`, the plan's name, was a link when the session opened it and is no link
    /// now (removed, or something else put in its place): the file it led to may be there.
    fn link_gone(&self, file: &Path) -> bool {
        self.through_a_link && !(self.disk.is_a_link)(file)
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
        let typed = format!(
            "{}, typed for {key}, is not applied yet: s applies it and saves, d quits without \
             it, Esc goes back to it.",
            skypie::text::printable(&value)
        );
        match self.plan_gone() {
            _ if self.is_dirty() || self.log_behind() => format!("{typed} {}", self.at_stake()),
            // Where `s` writes it (the question left the plan moved unsaid).
            Some(gone) => format!("{typed} {gone}"),
            None => typed,
        }
    }

    /// The quit question's unsaved edits, entries of the session log that the last save
    /// could not append, or, with neither, the plan gone from disk since it was saved.
    fn at_stake(&self) -> String {
        if self.is_dirty() {
            return match self.plan_gone() {
                Some(gone) => format!("There are unsaved edits, and {gone}"),
                None => "There are unsaved edits.".to_string(),
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
        let entries = self.log.len().saturating_sub(self.log_written);
        let (noun, them) = if entries == 1 {
            ("entry", "it")
        } else {
            ("entries", "them")
        };
        // Not lost: an ending keeps them in a fallback folder where the log cannot take them.
        format!(
            "The session log could not be written: s tries again; d leaves its {entries} {noun} \
             in skypie's state folder if the log still cannot take {them}.{gone}"
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
    /// in its place): the file it led to may still be there, as last saved.
    fn gone_from_its_name(&self) -> Option<String> {
        let file = self.file.as_deref()?;
        if let Some(now) = self.moved_away_to() {
            return Some(format!(
                "{} was moved with its folder: it is now {}, which s saves them to.",
                file.display(),
                now.display()
            ));
        }
        // Whether `s` writes it again where it was ([`App::saves_to_its_name`]): not where a
        // folder has its name, its folder is gone too (renamed, say) or read-only.
        let writes = self.saves_to_its_name(true);
        // A link left leading nowhere: the file it led to was deleted (the link is there).
        let deleted = if (self.disk.is_a_link)(file) {
            "leads to a file no longer on disk"
        } else {
            "is no longer on disk"
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
        } else if writes {
            deleted.to_string()
        } else if (self.disk.is_folder)(&self.folder_written(file)) {
            // Read-only (no permission, a read-only file system).
            format!("{deleted}, and its folder is read-only")
        } else {
            format!("{deleted}, nor its folder")
        };
        let link_gone = self.link_gone(file) && !self.is_a_file(file);
        let left = if link_gone {
            "discarding leaves the plan only as last saved, where the link led (if that file is \
             still there)"
        } else {
            "discarding leaves no copy of the plan"
        };
        let then = match (writes, link_gone) {
            (false, _) => "Esc, then S, saves it under another name",
            // Written at the link's name, no longer the link: two copies that differ.
            (true, true) => "s writes it again, as a file of that name",
            (true, false) => "s writes it again",
        };
        Some(format!("{} {gone}: {left}; {then}.", file.display()))
    }

    /// Whether the quit question open offers `answer` ([`quit_offers`]).
    pub fn offers(&self, answer: QuitAnswer) -> bool {
        match self.mode {
            Mode::ConfirmQuit { can_save, .. } => quit_offers(can_save, answer),
            _ => true,
        }
    }

    /// Whether `s` can write the plan, the quit question having found it gone from its name
    /// (`plan_gone`) or not: where it is, where it moved with its folder, or into its folder
    /// when that takes a new file.
    fn saves_to_its_name(&self, plan_gone: bool) -> bool {
        !plan_gone
            || self.moved_away_to().is_some()
            || self.file.as_deref().is_none_or(|file| {
                self.is_a_file(file)
                    || (!(self.disk.is_there)(file)
                        && self.takes_a_new_file(&self.folder_written(file)))
            })
    }

    /// The folder a save of `file` writes in: the folder of the file it leads to, through a
    /// link that is there (a link whose file was deleted is written through), else its own.
    fn folder_written(&self, file: &Path) -> PathBuf {
        crate::files::folder_of(&(self.disk.leads_to)(file)).to_path_buf()
    }

    /// "There are unsaved edits": save then quit, discard and quit, or stay; `answer` is one
    /// the question offers (the key's dispatch filters it by [`quit_offers`]), and `plan_gone`
    /// and `can_save` are the question's findings as it was asked.
    pub(super) fn answer_quit(
        &mut self,
        answer: Option<QuitAnswer>,
        plan_gone: Option<String>,
        can_save: bool,
    ) -> Vec<Effect> {
        let gone = plan_gone.is_some();
        match answer {
            Some(QuitAnswer::SaveThenQuit) => {
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
                self.quit_after_save = true;
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
                    && self.gone_from_its_name() != plan_gone =>
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
                    can_save,
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
        let effects = self.apply_typed(item, input);
        if matches!(self.mode, Mode::Editing { .. }) {
            Err(effects)
        } else {
            Ok(effects)
        }
    }

    /// `b` with a baseline pinned: re-pin, clear, or (any other key) keep it.
    pub(super) fn answer_baseline(&mut self, answer: Option<BaselineAnswer>) -> Vec<Effect> {
        match answer {
            Some(BaselineAnswer::Repin) => self.pin_baseline(),
            // Either answer calls off a pin waiting for figures (a cleared baseline came back
            // when they arrived).
            Some(BaselineAnswer::Clear) => {
                if self.baseline.is_some() {
                    let row = super::keyboard::BASELINE_ROW;
                    self.note(row, "pinned".to_string(), "cleared".to_string());
                }
                self.baseline = None;
                self.pin_waits = None;
                self.tell("baseline cleared".to_string());
            }
            Some(BaselineAnswer::Keep) | None => {
                self.pin_waits = None;
                self.tell("baseline kept".to_string());
            }
        }
        Vec::new()
    }

    /// A save found the file changed: works out what each side changed and asks.
    pub(super) fn on_conflict(
        &mut self,
        path: PathBuf,
        on_disk: String,
        relinked: Option<Relinked>,
    ) {
        self.found_relinked(relinked.as_ref());
        let conflict = self.conflict_over(path, on_disk, relinked);
        self.mode = Mode::Conflict(Box::new(conflict));
    }

    /// What each side changed, the file at `path` holding `on_disk`; nothing to merge with
    /// another plan (a file saved as onto, or the one a link now leads to, `relinked`).
    fn conflict_over(
        &self,
        path: PathBuf,
        on_disk: String,
        relinked: Option<Relinked>,
    ) -> Conflict {
        let same_file = self.file.as_ref() == Some(&path);
        // A link replaced by a file (`sed -i`): this plan, edited there.
        let replaced = relinked.as_ref().is_some_and(|r| r.is_a_file_at(&path));
        let sides = if let Some(Relinked { now, .. }) = relinked.as_ref().filter(|_| !replaced) {
            // Another plan: its keys against this one's last saved text would read as all
            // changed there, and a merge take that text for a base it never had.
            Err(self.nothing_to_merge_at(now))
        } else if same_file {
            conflict::sides(&self.saved_text, &on_disk, &self.scenario, &self.origin())
        } else {
            // Not "not the one this session opened": a link pointed elsewhere since leaves
            // the file it opened under another name.
            Err(match &self.file {
                Some(open) => format!(
                    "{} is not {}, the file this session has open: nothing to merge",
                    path.display(),
                    open.display()
                ),
                None => format!(
                    "{} is a file of its own (this session has the built-in scenario open): \
                     nothing to merge",
                    path.display()
                ),
            })
        };
        // A file put where the plan was, its folder moved away: the question says where the
        // plan is.
        let moved_to = self
            .moved_to
            .clone()
            .filter(|now| same_file && relinked.is_none() && *now != path);
        Conflict {
            path,
            on_disk,
            sides,
            same_file,
            changed_unseen: false,
            relinked,
            moved_to,
            overwrites: true,
        }
    }

    /// Why a link pointed at `now`, another file, has nothing to merge: another plan, or no
    /// file yet. Said alike when the question is asked and when the file is looked at again
    /// (a link to a file not there read "another plan", then "the file on disk was deleted
    /// since", untrue, and the change swallowed the first answer).
    fn nothing_to_merge_at(&self, now: &Path) -> String {
        if (self.disk.is_there)(now) {
            format!(
                "{} is another plan than the one this session opened: nothing to merge",
                now.display()
            )
        } else {
            format!(
                "{} is not there: nothing to merge (an answer writes it)",
                now.display()
            )
        }
    }

    /// An answer that acts on the file (`acts`) to a question that changed with the file since
    /// the last key is taken for one given to the text before: `None`, the question asked
    /// again (`asked`, the mode it was) and saying so. A key pressed within a tick of a
    /// colleague's save overwrote what the question had just come to show.
    fn seen_first(
        &mut self,
        mut c: Box<Conflict>,
        acts: bool,
        asked: fn(Box<Conflict>) -> Mode,
    ) -> Option<Box<Conflict>> {
        let unseen = std::mem::take(&mut c.changed_unseen);
        if !(unseen && acts) {
            return Some(c);
        }
        let text = format!(
            "{} changed on disk again just now: read what the question says, then answer again",
            c.path.display()
        );
        self.tell_naming(text, &[&c.path]);
        self.mode = asked(c);
        None
    }

    /// The file the open question about a change on disk is about, looked at again: what it
    /// holds now, or why it holds nothing to merge or reload (deleted, unreadable, too
    /// large). The question says it, and the status line says that it changed, so that an
    /// answer is not given to a text that moved under it unseen.
    pub(super) fn on_changed_on_disk(
        &mut self,
        path: PathBuf,
        now: Result<String, String>,
        leads: Leads,
    ) {
        // A merge under way asks again, of the file as it is now: its per-key question went on
        // offering "the file's" value the file no longer held.
        let (c, confirming, merging) = match &self.mode {
            Mode::Conflict(c) => (&**c, false, false),
            Mode::ConfirmReload(c) => (&**c, true, false),
            Mode::Resolving(r) => (&r.conflict, false, true),
            _ => return,
        };
        if c.path != path {
            return;
        }
        // A link pointed elsewhere while the question was open is asked about as leading to
        // where it leads now; pointed back to the file this session read, as that file; removed,
        // as a file deleted. The question went on naming the file it no longer led to.
        let relinked = match (c.relinked.clone(), leads) {
            (_, Leads::Nowhere { .. }) => None,
            (asked, Leads::AsBefore) => asked,
            (Some(asked), Leads::Elsewhere(moved)) if moved.now == asked.was => None,
            (Some(asked), Leads::Elsewhere(moved)) => Some(Relinked {
                was: asked.was,
                now: moved.now,
            }),
            (None, Leads::Elsewhere(moved)) => Some(moved),
        };
        // Put back as this session last saved it (or read it): nothing changed there to merge,
        // overwrite or keep. The question read "changed on disk" beside "Changed there: none".
        let this_file = self.file.as_deref() == Some(path.as_path()) && relinked.is_none();
        if !confirming && this_file && now.as_ref().is_ok_and(|text| *text == self.saved_text) {
            let quitting = std::mem::take(&mut self.quit_after_save);
            self.mode = Mode::Normal;
            let text = format!(
                "{} is back as this session last read or saved it: nothing to merge; s saves{}",
                path.display(),
                if quitting { ", then q quits" } else { "" }
            );
            self.tell_naming(text, &[&path]);
            return;
        }
        let relinked_now = relinked.clone();
        let mut looked = match now {
            Ok(on_disk) => self.conflict_over(path, on_disk, relinked),
            Err(why) => Conflict {
                sides: Err(match &relinked {
                    Some(Relinked { now, .. }) if !(self.disk.is_there)(now) => {
                        self.nothing_to_merge_at(now)
                    }
                    _ => format!("the file on disk {why}"),
                }),
                // Neither a file nor gone: a folder, a pipe, a device or a socket now.
                overwrites: !(self.disk.is_folder)(&path) && !(self.disk.is_special)(&path),
                relinked,
                ..c.clone()
            },
        };
        if (&looked.on_disk, &looked.sides, &looked.relinked) == (&c.on_disk, &c.sides, &c.relinked)
            && looked.overwrites == c.overwrites
        {
            return;
        }
        self.found_relinked(relinked_now.as_ref());
        looked.changed_unseen = true;
        let text = format!(
            "{} changed on disk again: the question says what it holds now{}",
            looked.path.display(),
            if merging {
                " (the merge starts over)"
            } else {
                ""
            }
        );
        self.tell_naming(text, &[&looked.path]);
        // "Reload?" stays asked, of the file as it is now: its `y` then reloads it or says why
        // it cannot. Turned back into the question, the same `y` overwrote the file.
        self.mode = if confirming {
            Mode::ConfirmReload(Box::new(looked))
        } else {
            Mode::Conflict(Box::new(looked))
        };
    }

    /// The file changed on disk: merge, overwrite, save as, reload, or back to the session
    /// (`answer` is one the conflict [offers](Conflict::offers), or `None` to keep asking).
    pub(super) fn answer_conflict(
        &mut self,
        c: Box<Conflict>,
        answer: Option<ConflictAnswer>,
    ) -> Vec<Effect> {
        let acts = answer.is_some_and(|a| a != ConflictAnswer::Back);
        let Some(c) = self.seen_first(c, acts, Mode::Conflict) else {
            return Vec::new();
        };
        match answer {
            Some(ConflictAnswer::Merge) => self.start_merge(*c),
            Some(ConflictAnswer::Overwrite) => {
                // The overwrite confirmed is of the file the dialog showed: one changed again
                // since (a colleague's second save) is asked about again, not overwritten.
                let choice = "overwrote it with this session's version".to_string();
                let expect = Expect::Text(c.on_disk.clone());
                let (label, there) = (logged_as(&c), what_changed_there(&c));
                let (path, leads_to) = (c.path.clone(), c.leads_to());
                self.save_choice(label, there, choice, path, expect, leads_to)
            }
            Some(ConflictAnswer::SaveAs) => {
                self.conflict_saving_as = Some((logged_as(&c), what_changed_there(&c)));
                self.start_save_as();
                Vec::new()
            }
            Some(ConflictAnswer::Reload) => {
                if self.is_dirty() {
                    self.mode = Mode::ConfirmReload(c);
                    Vec::new()
                } else {
                    self.reload(c)
                }
            }
            Some(ConflictAnswer::Back) => {
                self.quit_after_save = false;
                self.note_choice(&c, LEFT_AS_IT_IS.to_string());
                self.tell("not saved: the file on disk was left as it is".to_string());
                Vec::new()
            }
            None => {
                self.mode = Mode::Conflict(c);
                Vec::new()
            }
        }
    }

    /// Logs how a conflict was settled.
    fn note_choice(&mut self, c: &Conflict, choice: String) {
        self.note(logged_as(c), what_changed_there(c), choice);
    }

    /// Saves a conflict's choice (`leads_to`: [`SaveRequest::relinked_to`]): logged first, so
    /// that the save's own log holds it; a save that cannot be made takes the entry back, and
    /// one that fails says so in it.
    fn save_choice(
        &mut self,
        label: &'static str,
        there: String,
        choice: String,
        path: PathBuf,
        expect: Expect,
        leads_to: Option<PathBuf>,
    ) -> Vec<Effect> {
        self.note(label, there, choice);
        let save = self.save_to(path, expect, leads_to);
        if save.is_empty() {
            self.log.pop();
        } else {
            self.choice_in_save = Some(self.log.len() - 1);
        }
        save
    }

    /// The save carrying a conflict's choice did not write the file: its log entry says so.
    pub(super) fn choice_not_saved(&mut self, why: &str) {
        if let Some(entry) = self.choice_in_save.take().and_then(|i| self.log.get_mut(i)) {
            entry.new += &format!(" (not saved: {why})");
        }
    }

    /// Merges at once when no key changed on both sides; otherwise asks about each.
    fn start_merge(&mut self, c: Conflict) -> Vec<Effect> {
        let resolving = Resolving {
            conflict: c,
            theirs_win: Vec::new(),
            next: 0,
        };
        if resolving.both().is_empty() {
            return self.merge(Box::new(resolving.conflict), &[]);
        }
        self.mode = Mode::Resolving(Box::new(resolving));
        Vec::new()
    }

    /// A choice for the key changed on both sides that is being asked about (or for the whole
    /// table, where the file removed it): this session's value, the file's, or the same for it
    /// and every key after it.
    pub(super) fn answer_merge(
        &mut self,
        mut r: Box<Resolving>,
        answer: Option<MergeAnswer>,
    ) -> Vec<Effect> {
        let both = r.both().to_vec();
        let answered = r.question();
        match answer {
            Some(MergeAnswer::Ours) => r.next = answered.end,
            Some(MergeAnswer::Theirs) => {
                r.theirs_win.extend(&both[answered.clone()]);
                r.next = answered.end;
            }
            Some(MergeAnswer::OursForTheRest) => r.next = both.len(),
            Some(MergeAnswer::TheirsForTheRest) => {
                r.theirs_win.extend(&both[r.next..]);
                r.next = both.len();
            }
            Some(MergeAnswer::Back) => {
                self.mode = Mode::Conflict(Box::new(r.conflict));
                return Vec::new();
            }
            None => {}
        }
        if r.next >= both.len() {
            let theirs_win = std::mem::take(&mut r.theirs_win);
            return self.merge(Box::new(r.conflict), &theirs_win);
        }
        self.mode = Mode::Resolving(r);
        Vec::new()
    }

    /// Writes this session's values (but those in `theirs_win`) into the file as it is now,
    /// and saves that; the session then continues from the merged file.
    fn merge(&mut self, c: Box<Conflict>, theirs_win: &[Item]) -> Vec<Effect> {
        let Ok(sides) = &c.sides else {
            return self.back_to_conflict(c, None);
        };
        let mine: Vec<(Item, String)> = sides
            .ours
            .iter()
            .filter(|k| !theirs_win.contains(k))
            .map(|k| (*k, self.item_text(*k)))
            .collect();
        let text = match conflict::merge(
            &c.on_disk,
            &self.with_whole_tables(sides, &mine),
            &self.origin(),
        ) {
            Ok(text) => text,
            Err(e) => return self.back_to_conflict(c, Some(format!("cannot merge: {e}"))),
        };
        // The edits the merged file carries: this session's, but where the other side
        // changed the key since and this session's value was not chosen.
        let mut kept: BTreeMap<Field, String> = self
            .edits
            .iter()
            .filter(|(f, _)| !sides.theirs.contains(&Item::Field(**f)))
            .map(|(f, t)| (*f, t.clone()))
            .collect();
        kept.extend(mine.iter().cloned().filter_map(|(k, text)| match k {
            Item::Field(field) => Some((field, text)),
            Item::Correlation(..) => None,
        }));
        let choice = self.merge_choice(&c, sides, theirs_win, &mine);
        let before = self.figures_now();
        self.note_change(logged_as(&c), what_changed_there(&c), choice, before);
        self.choice_in_save = Some(self.log.len() - 1);
        // Its "after" is the merged file's P(feasible): unknown until the merge is saved and
        // computed (the session log written with this save says `…`).
        if let Some(entry) = self.log.last_mut() {
            entry.generation = AFTER_THE_MERGE;
        }
        self.rebase_on_save = Some(kept);
        vec![Effect::Save(SaveRequest {
            path: c.path.clone(),
            text,
            expect: Expect::Text(c.on_disk.clone()),
            session_log: self.session_log(&c.path),
            relinked_to: c.leads_to(),
        })]
    }

    /// What the session log says a merge of `c` chose, `mine` written and `theirs_win` taken
    /// from the file. Each key asked about says which side's value the file now has, and where
    /// it is this session's, the file's value it replaced (README, "Saving, merging and
    /// recovery": the session log records which was chosen), so that a colleague's 6.8M
    /// written over by 7M is on record. A table the file removed is said whole.
    fn merge_choice(
        &self,
        c: &Conflict,
        sides: &conflict::Sides,
        theirs_win: &[Item],
        mine: &[(Item, String)],
    ) -> String {
        let ours_over_theirs: Vec<String> = sides
            .both
            .iter()
            .filter(|k| !theirs_win.contains(k) && sides.removed_table_of(**k).is_none())
            .map(|k| {
                let over =
                    conflict::files_value(&c.on_disk, *k).unwrap_or_else(|| "default".to_string());
                format!(
                    "{} ({} over the file's {over})",
                    k.key(),
                    self.item_text(*k)
                )
            })
            .collect();
        let mut kept_sides = Vec::new();
        if !ours_over_theirs.is_empty() {
            kept_sides.push(format!("this session's {}", ours_over_theirs.join(", ")));
        }
        if !theirs_win.is_empty() {
            kept_sides.push(format!("the file's {}", keys(theirs_win)));
        }
        let mut choice = if kept_sides.is_empty() {
            "merged this session's edits into it".to_string()
        } else {
            format!("merged, keeping {}", kept_sides.join(" and "))
        };
        let mut back: Vec<_> = mine
            .iter()
            .filter_map(|(k, _)| sides.removed_table_of(*k))
            .map(|t| format!("[{}]", t.name()))
            .collect();
        back.dedup();
        if !back.is_empty() {
            choice += &format!(", this session's {} written back whole", back.join(" and "));
        }
        choice
    }

    /// The values a merge writes: `mine`, but where the file removed a table and this
    /// session's value of one of its keys is kept, the table comes back whole, every key of it
    /// this session's plan writes, in field order, not that key alone (a quota and no reps: a
    /// team neither side wrote).
    fn with_whole_tables(
        &self,
        sides: &conflict::Sides,
        mine: &[(Item, String)],
    ) -> Vec<(Item, String)> {
        let kept: Vec<_> = mine
            .iter()
            .filter_map(|(k, _)| sides.removed_table_of(*k))
            .collect();
        let back = Field::ALL
            .into_iter()
            .filter(|f| kept.contains(&f.section()))
            .filter(|f| self.edits.contains_key(f) || self.file_texts.contains_key(f))
            .map(|f| (Item::Field(f), self.item_text(Item::Field(f))));
        let rest = mine
            .iter()
            .filter(|(k, _)| {
                sides
                    .removed_table_of(*k)
                    .is_none_or(|t| !kept.contains(&t))
            })
            .cloned();
        back.chain(rest).collect()
    }

    /// Reloading would drop unsaved edits: reload, or (any other key) back to the conflict.
    pub(super) fn answer_reload(
        &mut self,
        c: Box<Conflict>,
        answer: Option<ReloadAnswer>,
    ) -> Vec<Effect> {
        let acts = answer == Some(ReloadAnswer::Reload);
        let Some(c) = self.seen_first(c, acts, Mode::ConfirmReload) else {
            return Vec::new();
        };
        match answer {
            Some(ReloadAnswer::Reload) => self.reload(c),
            Some(ReloadAnswer::Back) | None => self.back_to_conflict(c, None),
        }
    }

    /// Continues from the file as it is on disk, dropping this session's unsaved edits.
    fn reload(&mut self, c: Box<Conflict>) -> Vec<Effect> {
        // Deleted, unreadable or broken since "Reload?" was asked: said, and back to the
        // question (it reloaded the text shown before, and said "saved").
        if let Err(why) = &c.sides {
            let said = format!("cannot reload: {why}");
            return self.back_to_conflict(c, Some(said));
        }
        // A quit that waited on the save waits no more: the reload is this session going on
        // (it stayed open after q, s, R, unsaid).
        let quitting = std::mem::take(&mut self.quit_after_save);
        let dropped = if !self.is_dirty() {
            "reloaded it; this session had no unsaved edits".to_string()
        } else {
            format!(
                "reloaded it; dropped this session's {}",
                self.unsaved_keys()
            )
        };
        // The reload changes the plan: its row's "before" is the state it left.
        let before = self.figures_now();
        // An edit this session saved that the file still has keeps its mark (• changed in
        // this session, saved or not), a correlation's and a table's too; one the other side
        // changed since is theirs (the question's `theirs`: by value, so `3M` written again as
        // `3000000` is still this session's). A reload is offered only with both sides read.
        let theirs: &[Item] = c.sides.as_ref().map_or(&[], |sides| &sides.theirs);
        let marks: Vec<Item> = (self.items().into_iter())
            .filter(|item| self.saved_a_change(*item) && !theirs.contains(item))
            .collect();
        match self.rebase(&c.on_disk, BTreeMap::new()) {
            Ok(effects) => {
                self.relinked_home = None;
                self.saved_before_reload = marks;
                self.note_change(logged_as(&c), what_changed_there(&c), dropped, before);
                self.log_reloaded = self.log.len();
                let text = format!(
                    "reloaded {} from disk; undo starts here{}",
                    c.path.display(),
                    if quitting { "; q quits" } else { "" }
                );
                self.tell_naming(text, &[&c.path]);
                let mut effects = effects;
                effects.push(Effect::PlanRead);
                effects
            }
            Err(e) => self.back_to_conflict(c, Some(format!("cannot reload: {e}"))),
        }
    }

    /// Back to the question about the file changed on disk, saying `why` where something
    /// failed (a merge or a reload): nothing else happens.
    fn back_to_conflict(&mut self, c: Box<Conflict>, why: Option<String>) -> Vec<Effect> {
        if let Some(why) = why {
            self.tell_error(why);
        }
        self.mode = Mode::Conflict(c);
        Vec::new()
    }

    /// The keys whose edits are not saved yet, for messages.
    pub fn unsaved_keys(&self) -> String {
        keys(&self.unsaved_items())
    }

    /// Asks for a name to save under, suggesting one beside the file that no file has yet
    /// (`plan-2.toml`, else `plan-3.toml`, …), or the plan's new name once it was moved with
    /// its folder and its name leads nowhere ([`App::moved_away_to`]; a copy of the folder put
    /// back in its place is the plan by name, and takes `plan-2.toml`), or `my-plan.toml`
    /// (else `my-plan-2.toml`, …) for the built-in scenario. Where the plan's folder is gone
    /// (and the plan not moved with it) or takes no new file, the plan's own name in the folder
    /// skypie was started from, where that takes one (`d1/plan.toml` → `plan.toml`, else
    /// `plan-2.toml`, …): a name in the plan's folder would be refused.
    pub(super) fn start_save_as(&mut self) {
        let is_there = self.disk.is_there;
        let suggestion = match (self.moved_away_to(), self.file.as_deref()) {
            (Some(now), _) => now.display().to_string(),
            (None, Some(file))
                if !self.takes_a_new_file(crate::files::folder_of(file))
                    && self.takes_a_new_file(Path::new(".")) =>
            {
                let here = Path::new(file.file_name().unwrap_or(file.as_os_str()));
                it_or_numbered(here, is_there)
            }
            (None, Some(file)) => free_name(crate::files::numbered(file), is_there),
            (None, None) => it_or_numbered(Path::new(BUILT_IN_NAME), is_there),
        };
        self.mode = Mode::SavingAs(Suggested::new(suggestion));
    }

    /// Naming the file to save to: Enter saves (once there is a name), Esc cancels, other
    /// keys edit the name (the first character typed replaces the suggested one).
    pub(super) fn on_save_as_key(&mut self, mut name: Suggested, key: KeyEvent) -> Vec<Effect> {
        match SAVE_AS.action(key) {
            Some(Entry::Cancel) => {
                self.cancel_save_as();
                Vec::new()
            }
            Some(Entry::Confirm) if !name.value().trim().is_empty() => {
                let path = match self.save_as_path(name.value().trim()) {
                    Ok(path) => path,
                    Err((why, instruction)) => {
                        self.tell_error_then(why, instruction);
                        self.mode = Mode::SavingAs(name);
                        return Vec::new();
                    }
                };
                let typed = (path.clone(), name.value().to_string());
                let effects = match self.conflict_saving_as.take() {
                    Some((label, there)) => {
                        let choice = format!("saved this session's version as {}", path.display());
                        self.save_choice(label, there, choice, path, Expect::Nothing, None)
                    }
                    None => self.save_to(path, Expect::Nothing, None),
                };
                // Kept while its save is made, to ask again for a name it cannot write.
                self.saving_as = (!effects.is_empty()).then_some(typed);
                effects
            }
            // Enter on no name: said, in place of what the last name was refused for.
            Some(Entry::Confirm) => {
                self.tell_error_then(String::new(), "type a name to save as, or Esc");
                self.mode = Mode::SavingAs(name);
                Vec::new()
            }
            Some(Entry::Type) | None => {
                name.handle_key(key);
                self.mode = Mode::SavingAs(name);
                Vec::new()
            }
        }
    }

    /// The file a name typed to save as names (docs/SESSION.md, `s, S`): a folder (a name
    /// ending in `/`, or one that is a folder) takes the file's own name inside it (the
    /// suggested one for the built-in scenario), and a name without an extension gets `.toml`.
    /// A name whose folder does not exist (`drafts/`, `drafts/q3.toml`) is refused, saying so,
    /// before anything is written: the name stays to correct.
    fn save_as_path(&self, typed: &str) -> Result<PathBuf, Refused> {
        if reads_as_a_value(typed) {
            let why = format!(
                "not saved: {typed} reads as a value, not a file name (a value is typed on its \
                 input's row: Esc, then type it there; a plan named so is typed with .toml)"
            );
            return Err((why, TYPE_ANOTHER));
        }
        let named = PathBuf::from(typed);
        let is_folder = (self.disk.is_folder)(&named);
        let no_folder = |folder: &str| {
            let hint = crate::files::names::home_hint(Path::new(folder));
            let why = format!("not saved: there is no folder {folder}{hint}");
            (why, TYPE_ANOTHER)
        };
        // `plan.toml`, `./plan.toml` or `./` in the current folder, deleted since the session
        // started there.
        let here = Path::new(".");
        let gone = || {
            let why = "not saved: the current folder was deleted".to_string();
            (why, "; type a full path (/…/plan.toml), or Esc")
        };
        if typed.ends_with(std::path::is_separator) && !is_folder {
            return Err(if named == here {
                gone()
            } else {
                no_folder(typed)
            });
        }
        let folder = crate::files::folder_of(&named);
        if !is_folder && !(self.disk.is_folder)(folder) {
            return Err(if folder != here {
                no_folder(&format!("{}/", folder.display()))
            } else {
                gone()
            });
        }
        if is_folder {
            let own = self
                .file
                .as_deref()
                .and_then(Path::file_name)
                .map_or_else(|| PathBuf::from(BUILT_IN_NAME), PathBuf::from);
            return Ok(named.join(own));
        }
        if let Some(extension) = crate::files::names::export_extension(&named) {
            let why = format!(
                "not saved: {typed} is named as an export (.{extension}), not a plan: a plan is \
                 a .toml file"
            );
            return Err((why, TYPE_ANOTHER));
        }
        // A scenario is a .toml file: `boardv2` saves as boardv2.toml.
        crate::files::names::scenario_name(&named).ok_or_else(|| {
            let why = format!(
                "not saved: {typed} is {}",
                crate::files::names::ONLY_AN_EXTENSION
            );
            (why, "; type a name, or Esc")
        })
    }

    /// No name after all: nothing is saved, a quit waiting on the save waits no more, and a
    /// conflict's "save as" is logged as leaving the file as it is.
    pub(super) fn cancel_save_as(&mut self) {
        self.quit_after_save = false;
        // The refusal of the name stays said, not the instruction for a question now closed
        // (an instruction alone, "type a name to save as, or Esc", goes with it).
        self.status = self.status.take().and_then(Status::without_instruction);
        if let Some((label, there)) = self.conflict_saving_as.take() {
            self.note(label, there, LEFT_AS_IT_IS.to_string());
        }
    }

    /// Recovery files were found (newest first): offers the newest that holds something the
    /// file lacks. One whose edits are all in the file by now (loaded and saved at an earlier
    /// open) does not hide an older one's: each is offered at every open until deleted, but
    /// never an input a newer one's session edited too. Newer ones that cannot be read are
    /// named in the offer: what they hold may be newer than what it offers.
    pub(super) fn on_recovery_found(
        &mut self,
        found: Vec<(PathBuf, Result<String, ScenarioError>)>,
        saved_since: &[PathBuf],
    ) {
        let mut first_word: Option<Result<&Path, String>> = None;
        // What newer files' sessions edited: an older file's value of the same input is
        // older than theirs (one session loaded the other's edits, moved on and ended too),
        // and is not offered back.
        let mut newer: Vec<Option<Vec<String>>> = Vec::new();
        let mut unreadable: Vec<(PathBuf, String)> = Vec::new();
        // The first file whose only edits are to a table the file no longer has, and those.
        let mut kept_for_a_removed_table: Option<(&Path, Vec<Item>)> = None;
        for (i, (path, read)) in found.iter().enumerate() {
            let changes = read.as_ref().map_err(|e| e.clone()).and_then(|text| {
                let (changes, not_offered) = self.recovered_changes(path, text)?;
                let superseded = |item| {
                    newer
                        .iter()
                        .any(|keys| edited_includes(keys.as_deref(), item))
                };
                let left: Vec<_> = changes
                    .into_iter()
                    .filter(|c| !superseded(c.item))
                    .collect();
                let not_offered: Vec<_> = not_offered
                    .into_iter()
                    .filter(|k| !superseded(*k))
                    .collect();
                newer.push(crate::tui::recovery::edited(text));
                Ok((left, not_offered))
            });
            match changes {
                Ok((changes, not_offered)) if !changes.is_empty() => {
                    // Said as a whole only where the file cannot say it input by input: one
                    // written before it said what its inputs were, or a correlation edited.
                    let unsaid = read.as_ref().is_ok_and(|text| {
                        let before = crate::tui::recovery::before(text);
                        let said = |c: &&RecoveredValue| {
                            crate::tui::recovery::before_of(&before, c.item).is_some()
                        };
                        !changes.iter().all(|c| said(&c))
                    });
                    self.mode = Mode::OfferRecovery(Box::new(Recovery {
                        path: path.clone(),
                        older: found.len() - i - 1,
                        unreadable,
                        changes,
                        not_offered,
                        saved_since: saved_since.contains(path) && unsaid,
                    }));
                    return;
                }
                Ok((_, not_offered)) if !not_offered.is_empty() => {
                    kept_for_a_removed_table.get_or_insert((path, not_offered));
                }
                Ok(_) => {
                    first_word.get_or_insert(Ok(path));
                }
                Err(why) => {
                    unreadable.push((path.clone(), why.first_unnamed()));
                    first_word.get_or_insert(Err(why.first()));
                }
            };
        }
        self.tell_nothing_offered(kept_for_a_removed_table, first_word);
    }

    /// When no recovery file has anything to offer, says why: the first whose only edits are
    /// to a table the file no longer has (`kept_for_a_removed_table`, its path and those
    /// edits), else the first found (`first_word`): one that holds nothing the file lacks, or
    /// why one cannot be read.
    fn tell_nothing_offered(
        &mut self,
        kept_for_a_removed_table: Option<(&Path, Vec<Item>)>,
        first_word: Option<Result<&Path, String>>,
    ) {
        if let Some((path, items)) = kept_for_a_removed_table {
            let mut text = format!(
                "{} holds edits to {}, of {}, which {} no longer has: it is left on disk (put the \
                 table back, and open the plan again, to load them)",
                path.display(),
                keys(&items),
                crate::tui::item::tables(&items),
                self.origin()
            );
            // One that cannot be read is said too (it was, before this message came first).
            if let Some(Err(why)) = first_word {
                text += &format!("; {}", unreadable_recovery(&why));
            }
            self.tell_naming(text, &[path]);
            return;
        }
        match first_word {
            Some(Ok(path)) => {
                let text = format!(
                    "{} holds nothing the file lacks: it can be deleted",
                    path.display()
                );
                self.tell_naming(text, &[path]);
            }
            Some(Err(why)) => self.tell_error(unreadable_recovery(&why)),
            None => {}
        }
    }

    /// What the recovery file at `path` holding `text` would change: only what its session
    /// edited, where it differs from this session's values; then its edits to a table the file
    /// has no key of now and it writes keys of that were not edited (the table was removed
    /// since), which are not offered ([`Recovery::not_offered`]); `Err` with why it cannot be
    /// read.
    fn recovered_changes(
        &self,
        path: &Path,
        text: &str,
    ) -> Result<(Vec<RecoveredValue>, Vec<Item>), ScenarioError> {
        let recovered = Scenario::parse(text, &path.display().to_string())?;
        // Only what the crashed session edited: the rest of its file may be older than a
        // save another session made since.
        let edited = crate::tui::recovery::edited(text);
        let was_edited = |item: Item| edited_includes(edited.as_deref(), item);
        // What the file had before the edits, where a save since has changed it.
        let before = crate::tui::recovery::before(text);
        let (mut changes, not_offered) =
            self.recovered_field_changes(&recovered, text, &before, &was_edited);
        changes.extend(self.recovered_pair_changes(&recovered, &before, &was_edited));
        Ok((changes, not_offered))
    }

    /// [`App::recovered_changes`] of the inputs: those `was_edited` that `recovered` (read
    /// from `text`) has at another value, each with what the file had `before` the edits where
    /// a save since changed it; then the edits not offered, to a table removed since.
    fn recovered_field_changes(
        &self,
        recovered: &Scenario,
        text: &str,
        before: &BTreeMap<String, Option<String>>,
        was_edited: &dyn Fn(Item) -> bool,
    ) -> (Vec<RecoveredValue>, Vec<Item>) {
        let texts = field_texts(text);
        // Compared as values where both are in the file (`6_500_000` saved for `6.5M` is no
        // change), else by whether the file has it: an input it leaves out reads its default.
        let changed_since = |f: Field| {
            let then = before.get(&f.key())?;
            let now = self.file_texts.get(&f);
            let changed = match (then, now) {
                (Some(then), Some(now)) => match (read_text(f, then), read_text(f, now)) {
                    (Ok(a), Ok(b)) => a != b,
                    _ => then != now,
                },
                (then, now) => then.is_some() != now.is_some(),
            };
            changed.then(|| match then {
                Some(then) => RecoveredValue::show(Item::Field(f), then),
                None => "not in the file".to_string(),
            })
        };
        // A key the plan cannot take now (no [capacity]), or one of a table the file has no
        // key of and the recovery file writes keys of that were not edited (so it had them).
        let removed = |f: &Field| {
            let table = f.section();
            let in_table = |g: &&Field| g.section() == table;
            !self.scenario.uses(*f)
                || (table != Section::Top
                    && !self.file_texts.keys().any(|g| in_table(&g))
                    && texts
                        .keys()
                        .filter(in_table)
                        .any(|g| !was_edited(Item::Field(*g))))
        };
        let not_offered: Vec<Item> = Field::ALL
            .into_iter()
            .filter(|f| was_edited(Item::Field(*f)) && texts.contains_key(f) && removed(f))
            .map(Item::Field)
            .collect();
        let changes: Vec<RecoveredValue> = self
            .fields()
            .into_iter()
            .filter(|f| was_edited(Item::Field(*f)) && !not_offered.contains(&Item::Field(*f)))
            .filter(|f| recovered.value(*f) != self.scenario.value(*f))
            .filter_map(|f| {
                let to = texts
                    .get(&f)
                    .cloned()
                    .or_else(|| recovered.value(f).map(|v| v.to_text(f.unit())))?;
                let mut change = RecoveredValue::new(Item::Field(f), self.field_text(f), to);
                change.was = changed_since(f);
                Some(change)
            })
            .collect();
        (changes, not_offered)
    }

    /// [`App::recovered_changes`] of the correlation pairs: those `was_edited` whose ρ in
    /// `recovered` differs from the plan's (a pair set, changed or dropped), each with the ρ
    /// the file had `before` the edits where a save since changed it.
    fn recovered_pair_changes(
        &self,
        recovered: &Scenario,
        before: &BTreeMap<String, Option<String>>,
        was_edited: &dyn Fn(Item) -> bool,
    ) -> Vec<RecoveredValue> {
        // A pair's ρ then against the file's now (`None`: the file has no such pair).
        let pair_changed_since = |item: Item, now: Option<f64>| {
            let then = crate::tui::recovery::before_of(before, item)?;
            let then_rho = then.as_ref().and_then(|t| t.parse::<f64>().ok());
            (then_rho != now).then(|| then.clone().unwrap_or_else(|| NO_RHO.to_string()))
        };
        let mut changes: Vec<RecoveredValue> = recovered
            .correlations
            .iter()
            .filter_map(|c| {
                if !was_edited(Item::of(c)) {
                    return None;
                }
                let now = find(&self.scenario.correlations, c.a, c.b);
                (now.map(|n| n.rho) != Some(c.rho)).then(|| {
                    let item = now.map_or_else(|| Item::of(c), Item::of);
                    let from = now.map_or_else(|| NO_RHO.to_string(), |n| rho_text(n.rho));
                    let mut change = RecoveredValue::new(item, from, rho_text(c.rho));
                    change.was = pair_changed_since(item, now.map(|n| n.rho));
                    change
                })
            })
            .collect();
        // And the pairs the crashed session dropped, which the file has.
        changes.extend(
            self.scenario
                .correlations
                .iter()
                .filter(|c| was_edited(Item::of(c)))
                .filter(|c| find(&recovered.correlations, c.a, c.b).is_none())
                .map(|c| {
                    let mut change =
                        RecoveredValue::new(Item::of(c), rho_text(c.rho), NO_RHO.to_string());
                    change.was = pair_changed_since(Item::of(c), Some(c.rho));
                    change
                }),
        );
        changes
    }

    /// A recovery file's offer: load its values, or keep the file for later.
    pub(super) fn answer_recovery(
        &mut self,
        r: Box<Recovery>,
        answer: Option<RecoveryAnswer>,
    ) -> Vec<Effect> {
        match answer {
            Some(RecoveryAnswer::Load) => self.load_recovery(*r),
            Some(RecoveryAnswer::Keep) => {
                // The built-in scenario has no file to keep as it is: the edits are kept.
                let kept = if self.file.is_some() {
                    "kept the file as it is"
                } else {
                    "kept the built-in scenario as it is"
                };
                let text = format!("{kept} ({} is still there)", r.path.display());
                self.tell_naming(text, &[&r.path]);
                Vec::new()
            }
            None => {
                self.mode = Mode::OfferRecovery(r);
                Vec::new()
            }
        }
    }

    /// Takes the recovered values as this session's edits (one undo step; `s` saves them).
    fn load_recovery(&mut self, r: Recovery) -> Vec<Effect> {
        let before = self.snapshot();
        let mut loaded = Vec::new();
        let mut refused = Vec::new();
        for RecoveredValue { item, from, to, .. } in r.changes {
            let set = match item {
                Item::Field(field) => read_text(field, &to)
                    .and_then(|v| self.scenario.set(field, v))
                    .map(|()| self.set_edit(field, to.clone())),
                Item::Correlation(a, b) if to == NO_RHO => self.scenario.drop_correlation(a, b),
                Item::Correlation(a, b) => read_rho(&item.key(), &to)
                    .and_then(|rho| self.scenario.set_correlation(a, b, rho)),
            };
            match set {
                Ok(()) => loaded.push((item, from, to)),
                Err(e) => refused.push(e.to_string()),
            }
        }
        if loaded.is_empty() {
            self.tell_error(format!("nothing recovered: {}", refused.join("; ")));
            return Vec::new();
        }
        self.undo.push(before);
        self.redo.clear();
        let fields: Vec<Item> = loaded.iter().map(|(f, _, _)| *f).collect();
        let old: Vec<String> = loaded.iter().map(|(_, o, _)| o.clone()).collect();
        let new: Vec<String> = loaded.iter().map(|(_, _, n)| n.clone()).collect();
        let effects = self.record(
            format!("recovered {}", keys(&fields)),
            old.join(", "),
            new.join(", "),
        );
        let name = r.path.file_name().unwrap_or(r.path.as_os_str());
        let mut message = format!(
            "loaded {} from {}: s saves, u undoes",
            keys(&fields),
            name.display()
        );
        if !refused.is_empty() {
            message += &format!(" (refused: {})", refused.join("; "));
        }
        self.tell_naming(message, &[name]);
        effects
    }
}

/// Whether a recovery file's first line (its `edited` keys; `None` for a file without that
/// line, whose every difference counts) includes `item`: a correlation by its pair in either
/// order.
fn edited_includes(edited: Option<&[String]>, item: Item) -> bool {
    edited.is_none_or(|keys| {
        keys.iter().any(|k| match (item, read_pair_key(k)) {
            (Item::Correlation(a, b), Ok(pair)) => pair == (a, b) || pair == (b, a),
            _ => *k == item.key(),
        })
    })
}

/// `name` itself where no file has it, else the first of its numbered names no file has
/// ([`free_name`]).
fn it_or_numbered(name: &Path, is_there: fn(&Path) -> bool) -> String {
    let names = std::iter::once(name.to_path_buf()).chain(crate::files::numbered(name));
    free_name(names, is_there)
}

/// The first of `names` no file has (`is_there`), to suggest; the first of all when every one
/// is taken (saving there then asks before writing over it).
fn free_name(names: impl Iterator<Item = PathBuf>, is_there: fn(&Path) -> bool) -> String {
    let names: Vec<PathBuf> = names.collect();
    let free = names.iter().find(|name| !is_there(name)).or(names.first());
    free.map(|name| name.display().to_string())
        .unwrap_or_default()
}

/// The conflict's name in the log: the file changed on disk, or (saving as) another file
/// already has the name.
fn logged_as(c: &Conflict) -> &'static str {
    if c.same_file { CONFLICT } else { EXISTS }
}

/// What the log says changed on disk: the keys changed there, or why they cannot be told.
fn what_changed_there(c: &Conflict) -> String {
    match &c.sides {
        Ok(sides) => format!("changed there: {}", sides.theirs_said()),
        Err(why) => why.clone(),
    }
}

/// Whether `typed`, a name to save as, reads as a value an input takes rather than a file's
/// name: a number with a currency sign before or after it (`$ 2M`, `2M$`), an amount with
/// its magnitude (`200k`, `3M`), a percentage (`12%`), a signed or decimal number (`+3`,
/// `-5%`, `1.5`), or a range (`2M to 3M`). A value typed at the inputs list with letters
/// before it has them taken for keys: `US$ 2M` opened this dialog at `S`, and Enter saved the
/// plan as `$ 2M.toml` and went on there, unsaid (`200k` too, which docs/SESSION.md listed as
/// refused). A whole number may name a plan (`2026`), and so may two side by side (`2025
/// 2026`); any name with `.toml` does (`3M.toml`, a customer's account plan).
fn reads_as_a_value(typed: &str) -> bool {
    use skypie::scenario::currency::is_currency_sign;
    use skypie::scenario::number::{parse_range, suffix_of, with_ascii_minus};
    let typed = typed.trim();
    let bare: String = typed.chars().filter(|c| !is_currency_sign(*c)).collect();
    let had_currency_sign = bare.len() < typed.len();
    let bare = with_ascii_minus(bare.trim()).into_owned();
    if let Some(ends) = parse_range(&bare) {
        return ends.is_ok();
    }
    // A number with a suffix (`200k`, `12%`), a sign or a point; `suffix_of` reads it once.
    let Some(suffix) = suffix_of(&bare) else {
        return false;
    };
    had_currency_sign || !suffix.is_empty() || bare.contains('.') || bare.starts_with(['+', '-'])
}

/// A recovery file that cannot be read, said where its offer would be: `why`, and that it is
/// kept.
fn unreadable_recovery(why: &str) -> String {
    format!("a recovery file cannot be read: {why}; it is left on disk")
}
