//! Letters typed on the inputs list before a value: `usd 450k`, an amount after its currency's
//! code, has `u` undo an edit and `s` save, as keys must (an `s` saves at once), and the value
//! editor the `4` opens hid the status line, so neither was seen. That editor now says what the
//! letters did and how to get it back (docs/SESSION.md, Enter).

use std::path::Path;

use super::App;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use skypie::text::{and_list, shown_path};

/// What the letters and spaces typed on the inputs list since a key of another kind did.
#[derive(Debug, Default)]
pub(super) struct Letters {
    /// What they did, in order.
    did: Vec<Done>,
    /// An `s` among them whose save the shell has not answered yet.
    saving: bool,
    /// What the value editor opened right after them says, while it is open.
    pub(super) said: Option<String>,
}

/// One thing a letter key did to the plan or its file.
#[derive(Debug)]
enum Done {
    /// `u` undid these changes, as said: `market.size 450k (back to 400k)`.
    Undid(String),
    /// `s` saved the plan to this file.
    Saved(String),
}

impl Letters {
    /// A key other than a letter or a space ([`is_a_letter`]): what the letters before it did
    /// is no longer told by an editor opened after it.
    pub(super) fn forget(&mut self) {
        self.did.clear();
        self.saving = false;
    }

    /// `u` undid `changes` (none: nothing to undo).
    pub(super) fn undid(&mut self, changes: &[String]) {
        if !changes.is_empty() {
            self.did.push(Done::Undid(changes.join(", ")));
        }
    }

    /// `s` asked the shell to save; its answer says whether it did ([`Letters::answered`]).
    pub(super) fn asked_to_save(&mut self) {
        self.saving = true;
    }

    /// The shell's answer to a save: `saved`, the file written, or `None` (it failed, or asks
    /// first).
    pub(super) fn answered(&mut self, saved: Option<&Path>) {
        if std::mem::take(&mut self.saving)
            && let Some(path) = saved
        {
            self.did.push(Done::Saved(shown_path(path)));
        }
    }

    /// A value's editor opened right after the letters: what they did, for it to say, and the
    /// run ends.
    pub(super) fn open_value(&mut self) {
        self.said = self.told();
        self.forget();
    }

    /// `before this value, u undid market.size 450k (back to 400k) and s saved plan.toml: Esc,
    /// then Ctrl-R redoes it and s saves it again`; `None` where they did nothing.
    fn told(&self) -> Option<String> {
        if self.did.is_empty() {
            return None;
        }
        let did: Vec<String> = self
            .did
            .iter()
            .map(|done| match done {
                Done::Undid(changes) => format!("u undid {changes}"),
                Done::Saved(path) => format!("s saved {path}"),
            })
            .collect();
        let did: Vec<&str> = did.iter().map(String::as_str).collect();
        let undos = self
            .did
            .iter()
            .filter(|d| matches!(d, Done::Undid(_)))
            .count();
        // A save after an undo wrote the plan without the edit: redone, it is saved again.
        let saved_after_an_undo = self
            .did
            .iter()
            .skip_while(|d| !matches!(d, Done::Undid(_)))
            .any(|d| matches!(d, Done::Saved(_)));
        let them = if undos > 1 { "them" } else { "it" };
        let back = match (undos, saved_after_an_undo) {
            (0, _) => String::new(),
            (_, false) => format!(": Esc, then Ctrl-R redoes {them}"),
            (_, true) => format!(": Esc, then Ctrl-R redoes {them} and s saves {them} again"),
        };
        Some(format!("before this value, {}{back}", and_list(&did)))
    }
}

impl App {
    /// What the value editor open says the letters typed right before its first key did.
    pub fn letters_before_value(&self) -> Option<&str> {
        self.letters.said.as_deref()
    }
}

/// Whether `key` is a letter or a space typed without Ctrl or Alt: what a currency's code
/// before an amount (`usd 450k`) types.
pub(super) fn is_a_letter(key: KeyEvent) -> bool {
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    plain && matches!(key.code, KeyCode::Char(c) if c.is_alphabetic() || c == ' ')
}
