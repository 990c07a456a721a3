//! Letters typed on the inputs list before a value: `usd 450k`, an amount after its currency's
//! code, has each letter act as its key, as keys must (an `s` saves at once), and the value
//! editor the `4` opens hid the status line, so nothing they did was seen. That editor now
//! says what the status line said while they were typed, and where they moved the selection
//! (docs/SESSION.md, Enter).

use super::{App, Effect, Mode, Msg, Status};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use skypie::text::and_list;

/// What the letters and spaces typed since a key of another kind did, as the user saw it.
#[derive(Debug, Default)]
pub(super) struct Letters {
    /// The last key, where it was a letter or a space: a run is being typed.
    run: Option<char>,
    /// What the run did, in order: `u said "undid …"`.
    did: Vec<String>,
    /// The letter of the run that asked what to export (`e`), heard as its question opened.
    asked_export: Option<char>,
    /// What the value editor opened right after a run says, while it is open.
    said: Option<String>,
}

impl Letters {
    /// A key: a letter or a space ([`is_a_letter`]) goes on with the run, a key that opens the
    /// value editor (`opens_value`) hands what the run did to it, any other ends the run; in
    /// the editor (`editing`) letters are text, and what it says stays.
    pub(super) fn key(&mut self, key: KeyEvent, opens_value: bool, editing: bool) {
        if !editing {
            self.said = None;
        }
        self.run = match key.code {
            KeyCode::Char(c) if is_a_letter(key) && !editing => Some(c),
            _ => None,
        };
        if opens_value {
            self.said = told(&self.did);
        }
        if self.run.is_none() {
            self.did.clear();
            self.asked_export = None;
        }
    }

    /// After a message: what changed on screen while a run is being typed (the status line,
    /// the selection, the export question `asked_export`, the baseline's `asked_baseline`) is
    /// kept for the editor a value typed next opens.
    fn heard(
        &mut self,
        status: (Option<&Status>, Option<&Status>),
        selected: [String; 2],
        [asked_export, asked_baseline]: [bool; 2],
    ) {
        let Some(letter) = self.run else {
            return;
        };
        if asked_export {
            self.asked_export = Some(letter);
        }
        // `gbp 450k`: only `p said "baseline kept"` was said, not what asked.
        if asked_baseline {
            self.did.push(format!(
                "{letter} asked what to do with the baseline pinned"
            ));
        }
        if let (before, Some(now)) = status
            && before != Some(now)
        {
            self.did.push(format!("{letter} said \"{}\"", now.text));
        }
        let [before, now] = selected;
        if before != now {
            self.did.push(format!(
                "{letter} moved the selection from {before} to {now} (Esc, then ↑ ↓ select it again)"
            ));
        }
    }

    /// The value's first key `c` closed the export question a letter of the run asked, which
    /// shows nowhere else: `e asked what to export; the 4 closed its question`.
    pub(super) fn closed_export(&mut self, c: char) {
        if let Some(letter) = self.asked_export.take() {
            self.did.push(format!(
                "{letter} asked what to export; the {c} closed its question, nothing exported"
            ));
        }
    }
}

/// `before this value, letters were keys: u said "undid …" and s said "saved plan.toml"`;
/// `None` where they did nothing that showed.
fn told(did: &[String]) -> Option<String> {
    if did.is_empty() {
        return None;
    }
    let did: Vec<&str> = did.iter().map(String::as_str).collect();
    Some(format!(
        "before this value, letters were keys: {}",
        and_list(&did)
    ))
}

impl App {
    /// What the value editor open says the letters typed right before its first key did.
    pub fn letters_before_value(&self) -> Option<&str> {
        self.letters.said.as_deref()
    }

    /// Whether `msg` may show what a run of letters did: a letter outside the value editor,
    /// which may start one, or anything [`answers_a_key`] while one is on (no other message
    /// is looked at, nor a letter typed in the editor).
    pub(super) fn may_hear(&self, msg: &Msg) -> bool {
        // With any modifier: Alt and a letter is Esc and the letter, which may start a run,
        // from the editor too.
        let editing = matches!(self.mode, Mode::Editing { .. });
        let letter = matches!(msg, Msg::Key(key)
            if letter_or_space(key) && !(editing && is_a_letter(*key)));
        answers_a_key(msg) && (self.letters.run.is_some() || letter)
    }

    /// Handles a message with `handle`, noting what a run of letters changed on screen where
    /// the message may show it (`hear`, [`App::may_hear`]): only then is the screen copied.
    pub(super) fn hearing_letters(
        &mut self,
        hear: bool,
        handle: impl FnOnce(&mut App) -> Vec<Effect>,
    ) -> Vec<Effect> {
        if !hear {
            return handle(self);
        }
        let status = self.status.clone();
        let selected = self.selected_key();
        let asking = |app: &App| {
            let mode = &app.mode;
            [
                matches!(mode, Mode::ChoosingExport),
                matches!(mode, Mode::ConfirmBaseline),
            ]
        };
        let before = asking(self);
        let handled = handle(self);
        let now = asking(self);
        let asked = [0, 1].map(|i| now[i] && !before[i]);
        let selected = [selected, self.selected_key()];
        let status = (status.as_ref(), self.status.as_ref());
        self.letters.heard(status, selected, asked);
        handled
    }

    /// The selected input's key, as the list names it.
    fn selected_key(&self) -> String {
        self.selected_item().key()
    }
}

/// Whether `msg` is a key, or the shell's answer to what a key asked (a save, an export), which
/// it carries out before the next key: what a letter's status message may come with.
fn answers_a_key(msg: &Msg) -> bool {
    matches!(
        msg,
        Msg::Key(_) | Msg::Exported { .. } | Msg::ExportFailed { .. }
    ) || msg.answers_a_save()
}

/// Whether `key` is a letter or a space typed without Ctrl or Alt: what a currency's code
/// before an amount (`usd 450k`) types.
pub(super) fn is_a_letter(key: KeyEvent) -> bool {
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    plain && letter_or_space(&key)
}

/// Whether `key` types a letter or a space, with whatever modifiers.
fn letter_or_space(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(c) if c.is_alphabetic() || c == ' ')
}
