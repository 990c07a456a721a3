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
    Export,
    Help,
    Quit,
}

/// The action a key press means in the session's normal mode.
pub fn action(key: KeyEvent) -> Option<Action> {
    use Action::*;
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Up | KeyCode::Char('k') if !control => SelectPrevious,
        KeyCode::Down | KeyCode::Char('j') if !control => SelectNext,
        KeyCode::Left if shift => BigNudgeDown,
        KeyCode::Right if shift => BigNudgeUp,
        KeyCode::Left => NudgeDown,
        KeyCode::Right => NudgeUp,
        KeyCode::Char('-') => NudgeDown,
        KeyCode::Char('+') | KeyCode::Char('=') => NudgeUp,
        KeyCode::Enter => Edit,
        KeyCode::Char('/') => Find,
        KeyCode::Char('r') if control => Redo,
        KeyCode::Char('r') => SwitchRole,
        KeyCode::Char('b') => Baseline,
        KeyCode::Char('u') => Undo,
        KeyCode::Tab => NextPanel,
        KeyCode::BackTab => PreviousPanel,
        KeyCode::Char('s') => Save,
        KeyCode::Char('e') => Export,
        KeyCode::Char('?') => Help,
        KeyCode::Char('q') => Quit,
        KeyCode::Char('c') if control => Quit,
        _ => return None,
    })
}

/// The keys of the value editor (readline's, from tui-input), as help and the editor show them.
pub const EDITOR_KEYS: &str = "Enter applies · Esc cancels · Ctrl-U clears · Ctrl-W word";

/// Every binding as help shows it: the keys, then what they do.
pub const HELP: [(&str, &str); 13] = [
    ("↑ ↓  k j", "select an input"),
    (
        "← →  - +",
        "nudge its value down / up (Shift-← →: bigger steps)",
    ),
    (
        "Enter",
        "type a value: 3M · 35M to 70M · { dist = \"normal\", … }",
    ),
    ("  editing", EDITOR_KEYS),
    ("/", "find an input by name; Enter selects the first match"),
    ("r", "switch who is editing (every edit is logged by name)"),
    ("b", "pin the results as a baseline (again: clear it)"),
    ("u  Ctrl-R", "undo / redo"),
    (
        "Tab",
        "next panel: histogram, tornado, levers, time path, log",
    ),
    ("s", "save (comments kept) and append the session log"),
    ("e", "export the summary table as CSV and Markdown"),
    ("?", "this help; any key closes it"),
    ("q  Ctrl-C", "quit (asks first when edits are unsaved)"),
];

/// The one-line hint at the bottom of the screen.
pub const HINT: &str =
    "↑↓ pick ←→ nudge ⏎ edit /find r role b base u undo s save e export ? help q quit";
