//! The live session's key bindings, in one place: what each key does and how help describes
//! it. The app matches on [`Action`]s, never on raw keys, so this table is the whole truth.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Something a key asks the session to do (outside of dialogs and the editor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    SelectPrevious,
    SelectNext,
    NudgeDown,
    NudgeUp,
    BigNudgeDown,
    BigNudgeUp,
    Edit,
    Find,
    SwitchRole,
    Baseline,
    Undo,
    Redo,
    NextPanel,
    PreviousPanel,
    Save,
    SaveAs,
    Export,
    Help,
    Quit,
}

/// The action a key press means in the session's normal mode. Ctrl and Alt are part of the
/// key: Ctrl-U is not `u` (undo), so only the two Ctrl bindings below answer to Ctrl.
pub fn action(key: KeyEvent) -> Option<Action> {
    use Action::*;
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    if control && !alt {
        return match key.code {
            KeyCode::Char('r') => Some(Redo),
            KeyCode::Char('c') => Some(Quit),
            _ => None,
        };
    }
    if control || alt {
        return None;
    }
    Some(match key.code {
        KeyCode::Up | KeyCode::Char('k') => SelectPrevious,
        KeyCode::Down | KeyCode::Char('j') => SelectNext,
        KeyCode::Left if shift => BigNudgeDown,
        KeyCode::Right if shift => BigNudgeUp,
        KeyCode::Left => NudgeDown,
        KeyCode::Right => NudgeUp,
        KeyCode::Char('-') => NudgeDown,
        KeyCode::Char('+') | KeyCode::Char('=') => NudgeUp,
        KeyCode::Enter => Edit,
        KeyCode::Char('/') => Find,
        KeyCode::Char('r') => SwitchRole,
        KeyCode::Char('b') => Baseline,
        KeyCode::Char('u') => Undo,
        KeyCode::Tab => NextPanel,
        KeyCode::BackTab => PreviousPanel,
        KeyCode::Char('s') => Save,
        KeyCode::Char('S') => SaveAs,
        KeyCode::Char('e') => Export,
        KeyCode::Char('?') => Help,
        KeyCode::Char('q') => Quit,
        _ => return None,
    })
}

/// Whether a key quits (`q` or Ctrl-C): the only keys the too-small screen answers.
pub fn is_quit(key: KeyEvent) -> bool {
    action(key) == Some(Action::Quit)
}

/// The keys of the value editor (readline's, from tui-input), as help and the editor show them.
pub const EDITOR_KEYS: &str = "Enter applies · Esc cancels · Ctrl-U clears · Ctrl-W word";

/// One row of help: the keys, the actions they trigger, and what that does.
#[derive(Debug, Clone, Copy)]
pub struct Help {
    pub keys: &'static str,
    #[cfg_attr(not(test), allow(dead_code))]
    pub actions: &'static [Action],
    pub what: &'static str,
}

const fn row(keys: &'static str, actions: &'static [Action], what: &'static str) -> Help {
    Help {
        keys,
        actions,
        what,
    }
}

/// Every binding as help shows it (a test checks that every key [`action`] answers is here).
pub const HELP: [Help; 13] = [
    row(
        "↑ ↓  k j",
        &[Action::SelectPrevious, Action::SelectNext],
        "select an input",
    ),
    row(
        "← →  - +",
        &[
            Action::NudgeDown,
            Action::NudgeUp,
            Action::BigNudgeDown,
            Action::BigNudgeUp,
        ],
        "nudge its value down / up (Shift-← →: bigger steps)",
    ),
    row(
        "Enter",
        &[Action::Edit],
        "type a value: 3M · 35M to 70M · { dist = \"normal\", … }",
    ),
    row("  editing", &[], EDITOR_KEYS),
    row(
        "/",
        &[Action::Find],
        "find an input by name; Enter selects the first match",
    ),
    row(
        "r",
        &[Action::SwitchRole],
        "switch who is editing (every edit is logged by name)",
    ),
    row(
        "b",
        &[Action::Baseline],
        "pin the results as a baseline (again: asks to re-pin or clear)",
    ),
    row("u  Ctrl-R", &[Action::Undo, Action::Redo], "undo / redo"),
    row(
        "Tab  ⇧Tab",
        &[Action::NextPanel, Action::PreviousPanel],
        "switch panels: histogram, tornado, levers, time path, log",
    ),
    row(
        "s  S",
        &[Action::Save, Action::SaveAs],
        "save (comments kept), append the session log / save as",
    ),
    row(
        "e",
        &[Action::Export],
        "export the summary table as CSV and Markdown",
    ),
    row("?", &[Action::Help], "this help; any key closes it"),
    row(
        "q  Ctrl-C",
        &[Action::Quit],
        "quit (asks first when edits are unsaved)",
    ),
];

/// The one-line hint at the bottom of the screen.
pub const HINT: &str =
    "↑↓ pick ←→ nudge ⏎ edit /find r role b base u undo s save e export ? help q quit";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_the_session_answers_is_in_help() {
        let mut codes: Vec<KeyCode> = (' '..='~').map(KeyCode::Char).collect();
        codes.extend([
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Enter,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Esc,
            KeyCode::Backspace,
        ]);
        let modifiers = [
            KeyModifiers::NONE,
            KeyModifiers::SHIFT,
            KeyModifiers::CONTROL,
            KeyModifiers::ALT,
        ];
        let mut answered = 0;
        for code in codes {
            for m in modifiers {
                if let Some(a) = action(KeyEvent::new(code, m)) {
                    answered += 1;
                    let documented = HELP.iter().any(|row| row.actions.contains(&a));
                    assert!(documented, "{a:?} (from {code:?} {m:?}) is not in HELP");
                }
            }
        }
        assert!(answered > 20, "the sweep reached the bindings");
    }

    #[test]
    fn ctrl_and_alt_letters_are_not_plain_letters() {
        let with = |c: char, m: KeyModifiers| action(KeyEvent::new(KeyCode::Char(c), m));
        assert_eq!(with('u', KeyModifiers::NONE), Some(Action::Undo));
        assert_eq!(
            with('u', KeyModifiers::CONTROL),
            None,
            "Ctrl-U is the editor's, not undo"
        );
        assert_eq!(with('b', KeyModifiers::ALT), None);
        assert_eq!(with('r', KeyModifiers::CONTROL), Some(Action::Redo));
        assert_eq!(with('c', KeyModifiers::CONTROL), Some(Action::Quit));
        assert_eq!(with('?', KeyModifiers::SHIFT), Some(Action::Help));
    }
}
