//! A save that found the plan's file changed on disk (a colleague saved it, say): the question
//! asking what to do (merge, overwrite, save as, reload, or back to the session), the merge
//! asked key by key where both sides changed a value, reloading the file, and the question
//! asked again when the file changes while it is open. Reading the two sides and merging the
//! texts is [`crate::tui::conflict`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{App, Conflict, Effect, Expect, Leads, Mode, Relinked, Resolving, SaveRequest};
use crate::tui::conflict::{self, keys};
use crate::tui::item::Item;
use crate::tui::keys::{ConflictAnswer, MergeAnswer, ReloadAnswer};
use skypie::scenario::Field;
use skypie::text::shown_path;

/// The log's name for a save that found the file changed on disk.
const CONFLICT: &str = "file changed on disk";

/// The log's name for a save as a name another file already has.
const EXISTS: &str = "file already exists";

/// The log's word for a conflict left unsettled: nothing was saved.
pub(super) const LEFT_AS_IT_IS: &str = "left it as it is (not saved)";

/// The generation a merge's log entry waits for: the merged file's, which exists only once the
/// merge is saved ([`App::on_saved`] gives the entry its number then).
pub(super) const AFTER_THE_MERGE: u64 = u64::MAX;

impl App {
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
    pub(super) fn conflict_over(
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
                    shown_path(&path),
                    shown_path(open)
                ),
                None => format!(
                    "{} is a file of its own (this session has the built-in scenario open): \
                     nothing to merge",
                    shown_path(&path)
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
            edits_here: self.is_dirty(),
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
                shown_path(now)
            )
        } else {
            format!(
                "{} is not there: nothing to merge (an answer writes it)",
                shown_path(now)
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
            shown_path(&c.path)
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
            let quitting = std::mem::take(&mut self.saving.quit_after_save);
            self.mode = Mode::Normal;
            let text = format!(
                "{} is back as this session last read or saved it: nothing to merge; s saves{}",
                shown_path(&path),
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
            shown_path(&looked.path),
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
                self.saving.conflict_saving_as = Some((logged_as(&c), what_changed_there(&c)));
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
                self.saving.quit_after_save = false;
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
    pub(super) fn save_choice(
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
            self.saving.choice_in_save = Some(self.log.len() - 1);
        }
        save
    }

    /// The save carrying a conflict's choice did not write the file: its log entry says so.
    pub(super) fn choice_not_saved(&mut self, why: &str) {
        if let Some(entry) = self
            .saving
            .choice_in_save
            .take()
            .and_then(|i| self.log.get_mut(i))
        {
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
        self.saving.choice_in_save = Some(self.log.len() - 1);
        // Its "after" is the merged file's P(feasible): unknown until the merge is saved and
        // computed (the session log written with this save says `…`).
        if let Some(entry) = self.log.last_mut() {
            entry.generation = AFTER_THE_MERGE;
        }
        // What this session changed that the merged file has as this session has it keeps its
        // mark (• changed in this session, saved or not), as after a reload: it was lost.
        let marks = (self.items().into_iter())
            .filter(|item| self.is_edited(*item))
            .filter(|item| mine.iter().any(|(k, _)| k == item) || !sides.theirs.contains(item))
            .collect();
        self.saving.rebase_on_save = Some((kept, marks));
        vec![Effect::Save(SaveRequest {
            path: c.path.clone(),
            text,
            expect: Expect::Text(c.on_disk.clone()),
            session_log: self.session_log(&c.path),
            relinked_to: c.leads_to(),
            mode: self.recorded_mode(),
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
        self.reload_as(c, Reloading::Answered)
    }

    /// [`App::reload`], `how` the reload came: an answer to the question, or the file found
    /// changed with nothing unsaved ([`App::on_plan_changed`]); each says so in the log and
    /// on the status line.
    pub(super) fn reload_as(&mut self, c: Box<Conflict>, how: Reloading) -> Vec<Effect> {
        // Deleted, unreadable or broken since "Reload?" was asked: said, and back to the
        // question (it reloaded the text shown before, and said "saved").
        if let Err(why) = &c.sides {
            let why = why.clone();
            return self.reload_failed(c, how, why);
        }
        // A quit that waited on the save waits no more: the reload is this session going on
        // (it stayed open after q, s, R, unsaid).
        let quitting = std::mem::take(&mut self.saving.quit_after_save);
        let dirty = self.is_dirty();
        let dropped = if how == Reloading::FoundChanged {
            "reloaded it on finding it changed; this session had no unsaved edits".to_string()
        } else if !dirty && !self.redo.is_empty() {
            // The reload clears the redo history: the log says what it took.
            "reloaded it; this session had no unsaved edits, and dropped the undone edits redo \
             brought back"
                .to_string()
        } else if !dirty {
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
                // Only a reload that dropped edits is one the session's end says so of ("…
                // which dropped the unsaved edits among them" read of a reload that dropped none).
                if dirty {
                    self.log_marks.reloaded = self.log.len();
                }
                self.undo_starts_at = Some("the reload from disk");
                let text = match how {
                    Reloading::Answered => format!(
                        "reloaded {} from disk; undo starts here{}",
                        shown_path(&c.path),
                        if quitting { "; q quits" } else { "" }
                    ),
                    Reloading::FoundChanged => format!(
                        "{} changed on disk: reloaded ({}); undo starts here",
                        shown_path(&c.path),
                        c.sides
                            .as_ref()
                            .map_or_else(|_| String::new(), |s| s.theirs_said())
                    ),
                };
                self.tell_naming(text, &[&c.path]);
                let mut effects = effects;
                effects.push(Effect::PlanRead);
                effects
            }
            Err(e) => self.reload_failed(c, how, e),
        }
    }

    /// A reload that failed (`why`): back to the question it answered, or, the file found
    /// changed with no question open, marked as not reading (it opened a question unasked).
    fn reload_failed(&mut self, c: Box<Conflict>, how: Reloading, why: String) -> Vec<Effect> {
        match how {
            Reloading::Answered => self.back_to_conflict(c, Some(format!("cannot reload: {why}"))),
            Reloading::FoundChanged => {
                self.unreadable(&c.path, why);
                Vec::new()
            }
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
}

/// How a reload came ([`App::reload_as`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reloading {
    /// `R` answered to the question about the file changed on disk.
    Answered,
    /// The file found changed on disk while this session had nothing unsaved.
    FoundChanged,
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
