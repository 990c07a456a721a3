//! A recovery file, the edits of a session that ended abruptly: which of the files found is
//! offered, what it would change of the plan as it is now, and loading its values as this
//! session's edits or keeping the file for later. Reading and writing the files themselves is
//! [`crate::tui::recovery`] and [`crate::tui::recovery_files`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{App, Baseline, Effect, Mode, RecoveredValue, Recovery};
use crate::tui::conflict::keys;
use crate::tui::item::{Item, NO_RHO, find, rho_text};
use crate::tui::keys::RecoveryAnswer;
use skypie::scenario::correlation::{read_pair_key, read_rho};
use skypie::scenario::edit::field_texts;
use skypie::scenario::value::read_text;
use skypie::scenario::{Field, Scenario, ScenarioError, Section};
use skypie::text::{printable, shown_path};

impl App {
    /// Recovery files were found (newest first): offers the newest that holds something the
    /// file lacks. One whose edits are all in the file by now does not hide an older one's:
    /// each is offered at every open until deleted, but one marked loaded and saved
    /// ([`App::recovery_taken`]), and never an input a newer one's session edited too. Newer
    /// ones that cannot be read are named in the offer: what they hold may be newer than what
    /// it offers.
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
            // Loaded and saved at an earlier open: its edits are the file's history now.
            if let Ok(text) = read
                && crate::tui::recovery::taken(text)
            {
                newer.push(crate::tui::recovery::edited(text));
                continue;
            }
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
            let typed = read.as_ref().ok().and_then(|text| self.typed_offered(text));
            match changes {
                Ok((changes, not_offered)) if !changes.is_empty() || typed.is_some() => {
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
                        typed,
                        baseline: read
                            .as_ref()
                            .ok()
                            .and_then(|text| baseline_read_back(path, text)),
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
                shown_path(path),
                keys(&items),
                crate::tui::item::tables(&items),
                printable(&self.origin())
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
                    shown_path(path)
                );
                self.tell_naming(text, &[path]);
            }
            Some(Err(why)) => self.tell_error(unreadable_recovery(&why)),
            None => {}
        }
    }

    /// The value a recovery file's `text` keeps as being typed ([`crate::tui::recovery::typed`]),
    /// where it is not what its input holds now in any spelling (an input gone is shown still).
    fn typed_offered(&self, text: &str) -> Option<(String, String)> {
        let (key, typed) = crate::tui::recovery::typed(text)?;
        let item = self.items().into_iter().find(|item| item.key() == key);
        (!item.is_some_and(|item| self.holds_already(item, &typed))).then_some((key, typed))
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
                let text = format!("{kept} ({} is still there)", shown_path(&r.path));
                self.tell_naming(text, &[&r.path]);
                Vec::new()
            }
            None => {
                self.mode = Mode::OfferRecovery(r);
                Vec::new()
            }
        }
    }

    /// Takes the recovered values as this session's edits, pins its baseline again and puts a
    /// value being typed back into its editor.
    fn load_recovery(&mut self, mut r: Recovery) -> Vec<Effect> {
        let typed = r.typed.take();
        let baseline = r.baseline.take();
        let effects = self.load_recovered_values(r);
        if let Some((pinned_at, scenario)) = baseline {
            self.repin(pinned_at, *scenario);
        }
        if let Some((key, typed)) = typed {
            self.retype(&key, typed);
        }
        effects
    }

    /// The baseline pinned when a recovery file's session ended, pinned again: its figures
    /// computed here from its inputs (the seed and samples among them, so they are the same).
    fn repin(&mut self, pinned_at: String, scenario: Scenario) {
        let draws = skypie::model::draws::Draws::sample(&scenario);
        let headline =
            skypie::model::headline::headline_with_achievable(&scenario, &draws).headline;
        self.baseline = Some(Baseline {
            headline,
            scenario,
            pinned_at: pinned_at.clone(),
        });
        self.note(
            super::baseline::BASELINE_ROW,
            "—".to_string(),
            format!("pinned again from the recovery file (pinned at {pinned_at})"),
        );
        let said = self.status.take().map(|s| format!("{}; ", s.text));
        self.tell(format!(
            "{}the baseline pinned at {} is pinned again",
            said.unwrap_or_default(),
            crate::tui::recovery::clock_time(&pinned_at)
        ));
    }

    /// The baseline pinned, for a recovery file ([`crate::tui::recovery::with_baseline`]):
    /// when, and each input where it differs from the plan now (a pair's ρ, or `none`);
    /// `None` without one, or with an input it has and the plan does not (no text to set it by).
    pub(super) fn baseline_to_keep(&self) -> Option<(String, Vec<(String, String)>)> {
        let baseline = self.baseline.as_ref()?;
        let (then, now) = (&baseline.scenario, &self.scenario);
        // No input says these (a reload between the pin and the end can change them): pinned
        // again with the plan's, its figures would not be the ones pinned.
        if then.method != now.method || then.currency != now.currency {
            return None;
        }
        let mut inputs = Vec::new();
        for field in Field::ALL {
            if then.value(field) != now.value(field) {
                let text = then.value(field)?.to_text(field.unit());
                inputs.push((field.key(), text));
            }
        }
        for c in &then.correlations {
            if find(&now.correlations, c.a, c.b).map(|n| n.rho) != Some(c.rho) {
                inputs.push((Item::of(c).key(), rho_text(c.rho)));
            }
        }
        for c in &now.correlations {
            if find(&then.correlations, c.a, c.b).is_none() {
                inputs.push((Item::of(c).key(), NO_RHO.to_string()));
            }
        }
        Some((baseline.pinned_at.clone(), inputs))
    }

    /// A value a recovery file keeps as being typed (`key`'s `typed`), back in its input's
    /// editor, for Enter to enter or Esc to drop; said on the status line where the input is
    /// gone.
    fn retype(&mut self, key: &str, typed: String) {
        let found = self.items().iter().position(|item| item.key() == key);
        let Some(at) = found else {
            let said = self.status.take().map(|s| format!("{}; ", s.text));
            self.tell(format!(
                "{}{key}: {typed} was being typed, not entered; the plan has no {key} now",
                said.unwrap_or_default()
            ));
            return;
        };
        self.selected = at;
        let cursor = typed.chars().count();
        self.mode = Mode::Editing {
            item: self.selected_item(),
            input: tui_input::Input::new(typed).with_cursor(cursor),
            error: None,
        };
    }

    /// Takes the recovered values as this session's edits (one undo step; `s` saves them).
    fn load_recovered_values(&mut self, r: Recovery) -> Vec<Effect> {
        if r.changes.is_empty() {
            // A value being typed alone: nothing else is loaded.
            self.recovery_loaded = Some((r.path, Vec::new()));
            return Vec::new();
        }
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
            shown_path(Path::new(name))
        );
        if !refused.is_empty() {
            message += &format!(" (refused: {})", refused.join("; "));
        }
        self.tell_naming(message, &[name]);
        let loaded = loaded.into_iter().map(|(item, _, to)| (item, to));
        self.recovery_loaded = Some((r.path, loaded.collect()));
        effects
    }

    /// The recovery file loaded, once a save has written every value loaded from it: marked
    /// taken, so the next open does not offer its edits back over later saves.
    pub(super) fn recovery_taken(&mut self) -> Option<Effect> {
        let (recovery, loaded) = self.recovery_loaded.as_ref()?;
        // Only a save into the plan it was kept for (`S other.toml` leaves plan.toml without
        // its edits, which its next open must still offer).
        let plan = self.file.clone()?;
        if crate::tui::recovery::recovery_of(recovery) != Some(Some(plan.clone())) {
            return None;
        }
        let holds = |(item, to): &(Item, String)| match *item {
            Item::Field(f) => read_text(f, to).ok() == self.scenario.value(f),
            Item::Correlation(a, b) => {
                let now = find(&self.scenario.correlations, a, b);
                now.map_or_else(|| NO_RHO.to_string(), |c| rho_text(c.rho)) == *to
            }
        };
        if !loaded.iter().all(holds) {
            return None;
        }
        let (recovery, _) = self.recovery_loaded.take()?;
        Some(Effect::RecoveryTaken {
            recovery,
            plan,
            when: (self.clock)(),
        })
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

/// The baseline a recovery file at `path` holding `text` keeps ([`crate::tui::recovery::baseline`]):
/// when it was pinned, and its plan, the plan kept with the baseline's inputs set; `None`
/// without one, or where an input does not read.
fn baseline_read_back(path: &Path, text: &str) -> Option<(String, Box<Scenario>)> {
    let (pinned_at, inputs) = crate::tui::recovery::baseline(text)?;
    let mut scenario = Scenario::parse(text, &path.display().to_string()).ok()?;
    for (key, value) in inputs {
        let set = match Field::ALL.into_iter().find(|f| f.key() == key) {
            Some(field) => read_text(field, &value).and_then(|v| scenario.set(field, v)),
            None => {
                let (a, b) = read_pair_key(&key).ok()?;
                if value == NO_RHO {
                    scenario.drop_correlation(a, b)
                } else {
                    read_rho(&key, &value).and_then(|rho| scenario.set_correlation(a, b, rho))
                }
            }
        };
        set.ok()?;
    }
    Some((pinned_at, Box::new(scenario)))
}

/// A recovery file that cannot be read, said where its offer would be: `why`, and that it is
/// kept.
fn unreadable_recovery(why: &str) -> String {
    format!("a recovery file cannot be read: {why}; it is left on disk")
}
