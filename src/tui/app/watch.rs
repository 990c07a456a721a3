//! The plan's file changed on disk while no question about it is open (a colleague's save,
//! `sed -i`), as the shell finds it looking about once a second: with nothing unsaved the
//! session reloads it and says what changed; with unsaved edits it marks the plan changed on
//! disk, and `s` asks how to merge (conflict.rs).

use std::path::{Path, PathBuf};

use super::conflict::Reloading;
use super::{App, DELETED_SINCE, Effect, Leads, Mode};
use skypie::scenario::Scenario;
use skypie::text::shown_path;

/// The plan's file as last found on disk, where it holds neither what this session last read
/// or saved nor a plan it reloaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskChange {
    /// Changed there while this session had unsaved edits: `s` asks how to merge.
    Changed,
    /// Changed into what does not read as a plan (`why`, in brief: `plan.toml:3:8: …`), or
    /// cannot be read: the last good plan stays on screen, read again at the next change.
    Unreadable(String),
    /// Gone from its name (deleted, or its link removed or leading to a file deleted): `s`
    /// writes it again.
    Gone,
}

/// Where the plan went from its name, as the title and the quit question say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Went {
    /// Moved with its folder (`d1/` renamed `d3/`): `s` saves it there ([`App::moved_away_to`]).
    WithItsFolder(PathBuf),
    /// Renamed within its folder (`mv cmp.toml cmp.toml.bak`): named, never saved into
    /// ([`App::renamed_away_to`]); `s` writes the plan's own name again.
    Renamed(PathBuf),
}

/// How the session says a plan's file is gone from its name, wherever it says it (a macro,
/// for the wordings built on it to be constants).
macro_rules! no_longer_on_disk {
    () => {
        "no longer on disk"
    };
}
pub(crate) use no_longer_on_disk;

/// What the status line says of a plan's file deleted, where its name is no link.
pub const NO_LONGER_ON_DISK: &str = concat!("is ", no_longer_on_disk!());

/// What is said of a plan renamed within its folder to `now` ([`App::renamed_away_to`]): the
/// status line, the quit question and the save that writes its name again say it alike, and
/// the renamed file is never saved into.
pub(super) fn renamed_said(now: &Path) -> String {
    format!("was renamed to {} (left as it is)", shown_path(now))
}

/// What is said after [`NO_LONGER_ON_DISK`] where the plan's folder is gone too.
pub const NOR_ITS_FOLDER: &str = "nor its folder";

/// What a save says of a plan's file it found deleted, and wrote again.
pub(super) const WAS_NO_LONGER_ON_DISK: &str = concat!("was ", no_longer_on_disk!());

/// What the status line says of a plan's name, a link, left leading to a file deleted.
pub(super) const LEADS_TO_A_FILE_GONE: &str = concat!("leads to a file ", no_longer_on_disk!());

impl App {
    /// The file the shell looks at for a change on disk: the plan's, while nothing is open
    /// but the inputs (or help), so that no value, name or answer is being typed against a
    /// plan that changes under it; not while a question found its name a link pointed
    /// elsewhere (that question's answer settles which file the plan is).
    pub fn watches_its_file(&self) -> Option<&Path> {
        let idle = matches!(self.mode, Mode::Normal | Mode::Help { .. });
        (idle && self.relinked_home.is_none())
            .then_some(self.file.as_deref())
            .flatten()
    }

    /// Whether the shell should read the plan's file again though it looks unchanged: it was
    /// found changed while there were unsaved edits, and there are none now (undone), so it
    /// can be reloaded.
    pub fn rereads_after_undo(&self) -> bool {
        self.disk_change == Some(DiskChange::Changed) && self.work_at_risk().is_none()
    }

    /// What a reload would drop, in the words of the message that says it was not done:
    /// unsaved edits, or edits undone that redo brings back (a reload cleared them, unsaid).
    fn work_at_risk(&self) -> Option<&'static str> {
        if self.is_dirty() {
            Some("unsaved edits")
        } else if !self.redo.is_empty() {
            Some("undone edits that redo brings back")
        } else {
            None
        }
    }

    /// The plan's file at `path` found changed on disk, holding `now` (or why it cannot be
    /// read), its name leading where `leads` says: reloaded with nothing unsaved, else
    /// marked ([`App::disk_change`]); a text that does not read keeps the last good plan.
    pub(super) fn on_plan_changed(
        &mut self,
        path: PathBuf,
        now: Result<String, String>,
        leads: Leads,
    ) -> Vec<Effect> {
        if self.file.as_ref() != Some(&path) {
            return Vec::new();
        }
        // A link replaced by a file (`sed -i`) is a change like any other: reloaded, or asked
        // about at `s`.
        let name_gone = matches!(leads, Leads::Nowhere { .. });
        if name_gone || now.as_ref().is_err_and(|why| why == DELETED_SINCE) {
            self.found_gone(&path, !name_gone && self.through_a_link);
            return Vec::new();
        }
        let name = shown_path(&path);
        // A link pointed at another file (`ln -sfn other.toml plan.toml`) leads to another
        // plan, never reloaded as this one changed (it read "reloaded" and listed the other
        // plan's keys as changes): marked, and `s` asks about the link.
        if let Leads::Elsewhere(relinked) = &leads
            && !relinked.is_a_file_at(&path)
        {
            if self.disk_change != Some(DiskChange::Changed) {
                let text = format!(
                    "{name} now leads to {}, another file: s asks what to do",
                    shown_path(&relinked.now)
                );
                self.tell_naming(text, &[&path, &relinked.now]);
            }
            self.disk_change = Some(DiskChange::Changed);
            return Vec::new();
        }
        let text = match now {
            Ok(text) if text == self.saved_text => {
                if self.disk_change.take().is_some() {
                    let text = format!("{name} is back as this session last read or saved it");
                    self.tell_naming(text, &[&path]);
                }
                return Vec::new();
            }
            Ok(text) => text,
            Err(why) => {
                self.unreadable(&path, format!("{name} {why}"));
                return Vec::new();
            }
        };
        if let Some(work) = self.work_at_risk() {
            // A save that failed half written, its put-back too: its red message stayed but a
            // second, replaced by this one of the session's own partial write.
            let save_failed =
                (self.status.as_ref()).is_some_and(|s| s.error && s.names.contains(&name));
            if self.disk_change != Some(DiskChange::Changed) && !save_failed {
                // With nothing unsaved there is nothing to merge: `s` offers the reload.
                let asks = if self.is_dirty() {
                    "how to merge"
                } else {
                    "whether to reload it"
                };
                let text = format!(
                    "{name} changed on disk: not reloaded, as this session has {work}; s asks \
                     {asks}"
                );
                self.tell_naming(text, &[&path]);
            }
            self.disk_change = Some(DiskChange::Changed);
            return Vec::new();
        }
        if let Err(e) = Scenario::parse(&text, &self.origin()) {
            self.unreadable(&path, e.first());
            return Vec::new();
        }
        let conflict = self.conflict_over(path, text, None);
        self.reload_as(Box::new(conflict), Reloading::FoundChanged)
    }

    /// The plan's file at `path` found gone from its name (`link_left`: its name a link left
    /// leading to a file deleted): said once, and marked until a save writes it again or it is
    /// back; it read `saved`. A plan moved with its folder is said so by the title bar.
    fn found_gone(&mut self, path: &Path, link_left: bool) {
        if self.moved_to.is_some() || self.disk_change == Some(DiskChange::Gone) {
            return;
        }
        self.disk_change = Some(DiskChange::Gone);
        if self.renamed_away_to().is_some() {
            self.found_renamed();
            return;
        }
        self.say_gone(path, link_left);
    }

    /// What [`App::found_gone`] says of the plan gone from its name at `path`: said again where
    /// the copy it was renamed to is gone too.
    pub(super) fn say_gone(&mut self, path: &Path, link_left: bool) {
        let gone = if link_left {
            LEADS_TO_A_FILE_GONE
        } else {
            NO_LONGER_ON_DISK
        };
        // `rm -r` of its folder: "s writes it again", and the save failed.
        let writes = self.saves_to_its_name(true);
        // The link itself removed: the file it led to may well be there.
        let link_removed = self.link_removed(path);
        let then = match (writes, link_removed) {
            (false, _) => "S saves it under another name",
            (true, true) => {
                "the file it led to may still be there; s writes the plan again as a file of \
                 that name"
            }
            (true, false) => "s writes it again",
        };
        let gone = self.deleted_said(path, gone, writes);
        let text = format!("{} {gone}: {then}", shown_path(path));
        self.tell_naming(text, &[path]);
    }

    /// The plan's file found renamed within its folder ([`App::renamed_away_to`]): its status
    /// line said "no longer on disk", where the title names it.
    pub(super) fn found_renamed(&mut self) {
        let (Some(file), Some(now)) = (self.file.clone(), self.renamed_away_to()) else {
            return;
        };
        let then = if self.saves_to_its_name(true) {
            format!("s writes {} again", shown_path(&file))
        } else {
            "S saves it under another name".to_string()
        };
        let text = format!("{} {}: {then}", shown_path(&file), renamed_said(&now));
        self.tell_naming(text, &[&file, &now]);
    }

    /// The plan's file found changed into what the session cannot read (`why`): said once
    /// for each new reason, and marked, the last good plan kept.
    pub(super) fn unreadable(&mut self, path: &Path, why: String) {
        let marked = Some(DiskChange::Unreadable(why.clone()));
        if self.disk_change != marked {
            let text = format!(
                "{} changed on disk but does not read now ({why}): the plan as last read stays; \
                 it is read again when the file changes",
                shown_path(path)
            );
            self.tell_error_naming(text, &[path]);
        }
        self.disk_change = marked;
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use skypie::scenario::BUILT_IN;

    use super::super::{Leads, Mode, Msg};

    #[test]
    fn a_plan_found_changed_that_cannot_be_compared_opens_no_question() {
        // Its sides not read (the text last read or saved no longer parsing), the reload went
        // back to a conflict question nobody had asked for.
        let mut app = super::super::saving::tests::session_whose_text_does_not_read();
        app.handle(Msg::ChangedOnDisk {
            path: PathBuf::from("plan.toml"),
            now: Ok(BUILT_IN.replace("horizon_days = 90", "horizon_days = 180")),
            leads: Leads::AsBefore,
        });
        assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    }
}
