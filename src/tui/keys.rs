//! The live session's key bindings: one table per mode (as ratatui's component template keeps
//! a key map per mode). Each [`Binding`] names its keys with their modifiers, how help and the
//! questions write them, its word on a hint line, what it does, and the action the mode's
//! handler matches on. Dispatch ([`Keymap::action`]), the help screen ([`help_rows`]), the
//! bottom line ([`hint_line`]), the editor's keys line ([`keys_line`]) and every question's
//! list of answers are generated from these tables: nothing else matches a raw key (but for
//! Ctrl-Z, which no table binds, met with a word on why it does not suspend, or in the value
//! editor why it does not undo ([`is_ctrl_z`]), and an Alt key, read as Esc and the key or as a
//! line of text's own key: [`after_escape`], [`alt_in_a_line`]).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with the modifiers it needs (Shift only where it changes what the key does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key itself.
    pub code: KeyCode,
    /// Ctrl, Alt, or Shift (for a key that is not a character).
    pub modifiers: KeyModifiers,
}

impl Key {
    /// A key press as the tables write it: only Ctrl, Alt and Shift count, and a character's
    /// Shift is already in the character (`S`), so it is dropped there.
    fn of(event: KeyEvent) -> Key {
        let counted = KeyModifiers::SHIFT
            .union(KeyModifiers::CONTROL)
            .union(KeyModifiers::ALT);
        let mut modifiers = event.modifiers.intersection(counted);
        if let KeyCode::Char(_) = event.code {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Key {
            code: event.code,
            modifiers,
        }
    }
}

/// A key without modifiers.
const fn plain(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

/// A character key (`S` is Shift-s).
const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

/// Ctrl and a letter.
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

/// Shift and a key that is not a character.
const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::SHIFT,
    }
}

/// One line of help (or of a question's answers): the keys, each with the action it asks
/// for (two opposite actions may share a line, as ↑ and ↓ do), and how to describe them.
#[derive(Debug, Clone, Copy)]
pub struct Binding<A: 'static> {
    /// The keys and what each asks for.
    pub keys: &'static [(Key, A)],
    /// The keys as help and the questions write them: `n Esc`.
    pub label: &'static str,
    /// The binding on a hint line, if it is there: `u undo`.
    pub hint: Option<&'static str>,
    /// What it does, in help's words.
    pub what: &'static str,
}

/// What a mode does with a key none of its bindings has.
#[derive(Debug, Clone, Copy)]
pub enum Otherwise<A> {
    /// Nothing: the mode stays as it is.
    Nothing,
    /// This action (a question that any other key answers, or a text field that takes it).
    Act(A),
}

/// The bindings of one mode, in the order help and the questions list them.
#[derive(Debug, Clone, Copy)]
pub struct Keymap<A: 'static> {
    /// The mode's keys.
    pub bindings: &'static [Binding<A>],
    /// What the mode does with any other key.
    pub otherwise: Otherwise<A>,
}

impl<A: Copy> Keymap<A> {
    /// The action a key press asks for: its binding's, or what any other key does here.
    pub fn action(&self, event: KeyEvent) -> Option<A> {
        self.bound(event).or(match self.otherwise {
            Otherwise::Act(action) => Some(action),
            Otherwise::Nothing => None,
        })
    }

    /// The action of the binding a key press matches. A key with Shift that no binding has
    /// with Shift acts as the key alone (Shift-↑ selects like ↑; Shift-← is a key of its own).
    fn bound(&self, event: KeyEvent) -> Option<A> {
        let pressed = Key::of(event);
        let mut unshifted = pressed;
        unshifted.modifiers.remove(KeyModifiers::SHIFT);
        self.find(pressed).or_else(|| self.find(unshifted))
    }

    /// The action of the binding that has exactly this key.
    fn find(&self, pressed: Key) -> Option<A> {
        self.bindings
            .iter()
            .flat_map(|b| b.keys)
            .find(|(key, _)| *key == pressed)
            .map(|(_, action)| *action)
    }

    /// The hints of the bindings that have one, in order.
    fn hints(&self) -> impl Iterator<Item = &'static str> {
        self.bindings.iter().filter_map(|b| b.hint)
    }
}

/// Whether normal mode offers `binding` (on the hint line and in help): all but `r`, with
/// no one else at the keyboard to pass it to.
fn offered(binding: &Binding<Action>, others_at_the_keyboard: bool) -> bool {
    others_at_the_keyboard || binding.keys.iter().all(|(_, a)| *a != Action::SwitchRole)
}

/// Something a key asks the session to do in normal mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    SelectPrevious,
    SelectNext,
    NudgeDown,
    NudgeUp,
    BigNudgeDown,
    BigNudgeUp,
    Edit,
    /// A digit, a sign (a slide's `−` and `–` too), a point, a table's `{` or a currency sign:
    /// the editor, its value replaced by the character typed.
    TypeOver,
    Find,
    SwitchRole,
    Baseline,
    Undo,
    Redo,
    NextPanel,
    PreviousPanel,
    LogBack,
    LogForward,
    Save,
    SaveAs,
    Export,
    Help,
    Quit,
}

/// Normal mode: ↑ ↓ and the rest. Ctrl and Alt are part of the key: Ctrl-U is not `u` (undo).
pub const NORMAL: Keymap<Action> = Keymap {
    bindings: &[
        Binding {
            keys: &[
                (plain(KeyCode::Up), Action::SelectPrevious),
                (plain(KeyCode::Down), Action::SelectNext),
                (ch('k'), Action::SelectPrevious),
                (ch('j'), Action::SelectNext),
            ],
            label: "↑ ↓  k j",
            hint: Some("↑↓ pick"),
            what: "select an input",
        },
        Binding {
            keys: &[
                (plain(KeyCode::Left), Action::NudgeDown),
                (plain(KeyCode::Right), Action::NudgeUp),
                (shift(KeyCode::Left), Action::BigNudgeDown),
                (shift(KeyCode::Right), Action::BigNudgeUp),
            ],
            label: "← →",
            hint: Some("←→ nudge"),
            what: "nudge its value down / up (Shift-← →: bigger steps)",
        },
        Binding {
            keys: &[
                (plain(KeyCode::Enter), Action::Edit),
                (ch('0'), Action::TypeOver),
                (ch('1'), Action::TypeOver),
                (ch('2'), Action::TypeOver),
                (ch('3'), Action::TypeOver),
                (ch('4'), Action::TypeOver),
                (ch('5'), Action::TypeOver),
                (ch('6'), Action::TypeOver),
                (ch('7'), Action::TypeOver),
                (ch('8'), Action::TypeOver),
                (ch('9'), Action::TypeOver),
                // A sign or a point starts a value too: `-` and `+` nudged, so `-0.3` typed
                // on a correlation of 0.7 nudged it to 0.65, then set it to +0.3.
                (ch('-'), Action::TypeOver),
                (ch('+'), Action::TypeOver),
                (ch('.'), Action::TypeOver),
                // A minus sign or a dash copied from a slide (`−5%`, `–5%`) was dropped, and the
                // value read with its sign flipped; a table and a currency sign start one too,
                // to be read, or refused with why, as the editor reads them.
                (ch('\u{2212}'), Action::TypeOver),
                (ch('\u{2013}'), Action::TypeOver),
                (ch('{'), Action::TypeOver),
                (ch('$'), Action::TypeOver),
                (ch('€'), Action::TypeOver),
                (ch('£'), Action::TypeOver),
                (ch('¥'), Action::TypeOver),
                (ch('₹'), Action::TypeOver),
                // So does a factor, as the levers write the market size's (`×9.55`): dropped,
                // the `9.55` after it set a market of $9.55; the editor says what to type.
                (ch('×'), Action::TypeOver),
                (ch('*'), Action::TypeOver),
                (ch('x'), Action::TypeOver),
            ],
            label: "Enter",
            hint: Some("⏎ edit"),
            what: "type a value, or start with a digit or sign: -5% · 35M to 70M",
        },
        Binding {
            keys: &[(ch('/'), Action::Find)],
            label: "/",
            hint: Some("/find"),
            what: "find an input by name",
        },
        Binding {
            keys: &[(ch('r'), Action::SwitchRole)],
            label: "r",
            hint: Some("r role"),
            what: "switch who is editing (every edit is logged by name)",
        },
        Binding {
            keys: &[(ch('b'), Action::Baseline)],
            label: "b",
            hint: Some("b base"),
            what: "pin the results as a baseline (again: asks to re-pin or clear)",
        },
        Binding {
            keys: &[(ch('u'), Action::Undo), (ctrl('r'), Action::Redo)],
            label: "u  Ctrl-R",
            hint: Some("u undo"),
            what: "undo / redo",
        },
        Binding {
            keys: &[
                (plain(KeyCode::Tab), Action::NextPanel),
                (plain(KeyCode::BackTab), Action::PreviousPanel),
            ],
            label: "Tab  ⇧Tab",
            hint: None,
            what: "switch panels: histogram, tornado, levers, time, frontier, log",
        },
        Binding {
            keys: &[
                (plain(KeyCode::PageUp), Action::LogBack),
                (plain(KeyCode::PageDown), Action::LogForward),
            ],
            label: "PgUp  PgDn",
            hint: None,
            what: "the session log (Log tab): a page earlier / later",
        },
        Binding {
            keys: &[(ch('s'), Action::Save), (ch('S'), Action::SaveAs)],
            label: "s  S",
            hint: Some("s save"),
            what: "save (comments kept), append the session log / save as",
        },
        Binding {
            keys: &[(ch('e'), Action::Export)],
            label: "e",
            hint: Some("e export"),
            what: "export: the summary table, the board report, the comparison",
        },
        Binding {
            keys: &[(ch('?'), Action::Help)],
            label: "?",
            hint: Some("? help"),
            what: "this help; any key closes it",
        },
        Binding {
            keys: &[(ch('q'), Action::Quit), (INTERRUPT, Action::Quit)],
            label: "q  Ctrl-C",
            hint: Some("q quit"),
            what: "quit (Ctrl-C also from any prompt), asking about unsaved edits",
        },
    ],
    otherwise: Otherwise::Nothing,
};

/// Whether a key quits (`q` or Ctrl-C): the only keys the too-small screen answers.
pub fn is_quit(key: KeyEvent) -> bool {
    NORMAL.bound(key) == Some(Action::Quit)
}

/// Ctrl-C: quits from normal mode, and from every other mode too, once what is open there is
/// closed ([`crate::tui::app::App`]'s `interrupt`); in a text field it is never typed.
pub const INTERRUPT: Key = ctrl('c');

/// Whether a key is Ctrl-C ([`INTERRUPT`]), whatever mode the session is in.
pub fn is_interrupt(key: KeyEvent) -> bool {
    Key::of(key) == INTERRUPT
}

/// Whether a key is Ctrl-Z: bound nowhere, as the session owns the terminal (it suspends
/// nothing) and a line of text keeps no history to undo; in normal mode and in each line of
/// text a word says so ([`no_undo_here`]). Not Ctrl-Shift-Z, a redo in many programs.
pub fn is_ctrl_z(key: KeyEvent) -> bool {
    key.code == KeyCode::Char('z')
        && key.modifiers.contains(KeyModifiers::CONTROL)
        && !key.modifiers.contains(KeyModifiers::SHIFT)
}

/// Whether a key is Ctrl-Shift-Z, redo in many programs: normal mode says which key redoes
/// here. A terminal that tells it from Ctrl-Z sends `Z`, or `z` with Shift.
pub fn is_ctrl_shift_z(key: KeyEvent) -> bool {
    let shifted = key.code == KeyCode::Char('Z') || key.modifiers.contains(KeyModifiers::SHIFT);
    matches!(key.code, KeyCode::Char('z' | 'Z'))
        && key.modifiers.contains(KeyModifiers::CONTROL)
        && shifted
}

/// What Ctrl-Z says outside a line of text, `instead` the way out there (`q quits …`).
pub fn no_suspend(instead: &str) -> String {
    format!("Ctrl-Z does not suspend skypie: {instead}")
}

/// What Ctrl-Z says in a line of text (the value editor, the finder, the name to save as),
/// which keeps no history to undo: what Esc does there instead, `esc_does`.
pub fn no_undo_here(esc_does: &str) -> String {
    format!("Ctrl-Z does not undo here: Esc {esc_does}")
}

/// Enter for Ctrl-J, a line feed: a line typed ahead of the session (`25M` and Enter while it
/// starts, before the terminal is raw) ends with one, which a raw terminal reads as Ctrl-J, and
/// the value stayed in its editor, unapplied; the key unchanged otherwise.
pub fn line_feed_as_enter(key: KeyEvent) -> KeyEvent {
    if Key::of(key) == ctrl('j') {
        KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
    } else {
        key
    }
}

/// The key an Alt+key stands for when it is Esc and that key in one burst (a terminal sends
/// Esc, then the key's bytes; arriving in one read, as over SSH or typed fast, they read as
/// Alt and the key): no table binds Alt, so both were lost (an editor left open, an undo not
/// done). Only a character (with Ctrl or not: Esc and Ctrl-R lost the redo), Enter or Tab:
/// `None` for any other key (an Alt+arrow is left alone: it is pressed so in many terminals,
/// and Alt+← read as ← nudged).
pub fn after_escape(key: KeyEvent) -> Option<KeyEvent> {
    let burst = matches!(key.code, KeyCode::Char(_) | KeyCode::Enter | KeyCode::Tab);
    (with_alt(key) && burst).then(|| without_alt(key))
}

/// Whether `key` is pressed with Alt.
pub fn with_alt(key: KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::ALT)
}

/// `key` without its Alt.
fn without_alt(key: KeyEvent) -> KeyEvent {
    KeyEvent::new(key.code, key.modifiers.difference(KeyModifiers::ALT))
}

/// Alt keys readline gives a line of text that these lines do not have (Alt+d deletes a word
/// on, Alt+u, Alt+l and Alt+c change a word's case, Alt+t transposes, Alt+y yanks, Alt+. the
/// last argument): pressed on purpose, they do nothing there, never Esc and the key (Alt+u
/// dropped what was typed, then undid the last edit).
const READLINE_ALT: [char; 7] = ['d', 'u', 'l', 'c', 't', 'y', '.'];

/// What an Alt key ([`with_alt`]) does in a line of text (a value, a name to find, a file
/// name): [`alt_in_a_line`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AltInLine {
    /// The line's own key, without Alt: read as Esc, Alt+← (a word left in many terminals)
    /// dropped what was typed and then nudged the input.
    LineKey(KeyEvent),
    /// Nothing: one of [`READLINE_ALT`], or an Alt key that is neither the line's nor a burst.
    Nothing,
    /// Esc, closing the line, then this key: as anywhere ([`after_escape`]), a burst means what
    /// the same keys typed slowly mean (`3`, Esc, `900k` over SSH applied 300k).
    EscThenKey(KeyEvent),
}

/// The one rule for an Alt key in a line of text. The line's own keys first: Alt+← and Alt+b
/// (macOS's Option+← sends Esc and b) a word left, Alt+→ and Alt+f a word right, as readline
/// and most terminals have them (the line's Ctrl+← and Ctrl+→), Alt+Backspace deletes a word
/// (Ctrl-W), and with Ctrl as well the Ctrl key itself (Esc and Ctrl-U in one burst clears the
/// line); then [`READLINE_ALT`], which does nothing; then any other Alt and a character, Enter
/// or Tab, which is Esc and the key ([`after_escape`]); anything else does nothing.
pub fn alt_in_a_line(key: KeyEvent) -> AltInLine {
    let ctrl = |code| KeyEvent::new(code, KeyModifiers::CONTROL);
    match key.code {
        _ if key.modifiers.contains(KeyModifiers::CONTROL) => AltInLine::LineKey(without_alt(key)),
        KeyCode::Left | KeyCode::Char('b') => AltInLine::LineKey(ctrl(KeyCode::Left)),
        KeyCode::Right | KeyCode::Char('f') => AltInLine::LineKey(ctrl(KeyCode::Right)),
        KeyCode::Backspace => AltInLine::LineKey(ctrl(KeyCode::Char('w'))),
        KeyCode::Char(c) if READLINE_ALT.contains(&c) => AltInLine::Nothing,
        _ => after_escape(key).map_or(AltInLine::Nothing, AltInLine::EscThenKey),
    }
}

/// What a key does in a line of text being typed (a value, a name to find, a file name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// Take the text.
    Confirm,
    /// Close the field, changing nothing.
    Cancel,
    /// Hand the key to the text field (tui-input's readline keys: typing, ← →, Ctrl-U, …).
    Type,
}

/// Esc in a text field: what was typed is dropped.
const CANCEL: Binding<Entry> = Binding {
    keys: &[(plain(KeyCode::Esc), Entry::Cancel)],
    label: "Esc",
    hint: Some("Esc cancels"),
    what: "cancel",
};

/// The value editor (Enter on an input).
pub const EDITOR: Keymap<Entry> = Keymap {
    bindings: &[
        Binding {
            keys: &[(plain(KeyCode::Enter), Entry::Confirm)],
            label: "Enter",
            hint: Some("Enter applies"),
            what: "apply the value",
        },
        CANCEL,
        Binding {
            keys: &[(ctrl('u'), Entry::Type)],
            label: "Ctrl-U",
            hint: Some("Ctrl-U clears"),
            what: "clear the value",
        },
        Binding {
            keys: &[(ctrl('w'), Entry::Type)],
            label: "Ctrl-W",
            hint: Some("Ctrl-W word"),
            what: "delete the word before the cursor",
        },
    ],
    otherwise: Otherwise::Act(Entry::Type),
};

/// The finder (`/`): the status line shows the first match as it is typed.
pub const FINDER: Keymap<Entry> = Keymap {
    bindings: &[
        Binding {
            keys: &[(plain(KeyCode::Enter), Entry::Confirm)],
            label: "Enter",
            hint: Some("Enter selects the first match"),
            what: "select the first match",
        },
        CANCEL,
    ],
    otherwise: Otherwise::Act(Entry::Type),
};

/// Naming the file to save to.
pub const SAVE_AS: Keymap<Entry> = Keymap {
    bindings: &[
        Binding {
            keys: &[(plain(KeyCode::Enter), Entry::Confirm)],
            label: "Enter",
            hint: Some("Enter saves"),
            what: "save under this name",
        },
        CANCEL,
    ],
    otherwise: Otherwise::Act(Entry::Type),
};

/// The answers to "There are unsaved edits" when quitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuitAnswer {
    SaveThenQuit,
    /// Where `s` cannot write the plan (read-only, gone with its folder): a name asked for.
    SaveAsThenQuit,
    Discard,
    Stay,
}

/// Quitting with unsaved edits. Any other key leaves the question open.
pub const CONFIRM_QUIT: Keymap<QuitAnswer> = Keymap {
    bindings: &[
        Binding {
            keys: &[(ch('s'), QuitAnswer::SaveThenQuit)],
            label: "s",
            hint: None,
            what: "save, then quit",
        },
        Binding {
            keys: &[(ch('S'), QuitAnswer::SaveAsThenQuit)],
            label: "S",
            hint: None,
            what: "save under another name, then quit",
        },
        Binding {
            keys: &[(ch('d'), QuitAnswer::Discard)],
            label: "d",
            hint: None,
            what: "discard and quit",
        },
        Binding {
            keys: &[
                (ch('n'), QuitAnswer::Stay),
                (plain(KeyCode::Esc), QuitAnswer::Stay),
            ],
            label: "n Esc",
            hint: None,
            what: "stay",
        },
    ],
    otherwise: Otherwise::Nothing,
};

/// The answers to `b` with a baseline pinned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaselineAnswer {
    Repin,
    Clear,
    Keep,
}

/// `b` with a baseline pinned: any key but Enter and Delete keeps it (a stray key must not lose
/// it).
pub const CONFIRM_BASELINE: Keymap<BaselineAnswer> = Keymap {
    bindings: &[
        Binding {
            // Not `p`: `gbp 450k` typed on the list re-pinned, the baseline lost for good.
            keys: &[(plain(KeyCode::Enter), BaselineAnswer::Repin)],
            label: "Enter",
            hint: None,
            what: "pin the current results instead",
        },
        Binding {
            // No letter: every letter begins a currency's code (`chf 450k` typed after a stray
            // `b` cleared it with its `c`), and `c` follows the `b` of `xbc`.
            keys: &[(plain(KeyCode::Delete), BaselineAnswer::Clear)],
            label: "Delete",
            hint: None,
            what: "clear it",
        },
        Binding {
            keys: &[(plain(KeyCode::Esc), BaselineAnswer::Keep)],
            label: "Esc",
            hint: None,
            what: "keep it",
        },
    ],
    otherwise: Otherwise::Act(BaselineAnswer::Keep),
};

/// What `e` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportChoice {
    /// The summary table, as CSV and Markdown.
    Summary,
    /// The board report, one HTML page.
    Board,
    /// The comparison with the pinned baseline, as CSV and Markdown.
    Comparison,
    /// Nothing.
    Cancel,
}

/// `e`: what to export. The comparison is offered only with a baseline pinned
/// ([`crate::tui::app::App::offers_export`]); any other key leaves the question open.
pub const EXPORT: Keymap<ExportChoice> = Keymap {
    bindings: &[
        Binding {
            keys: &[(ch('t'), ExportChoice::Summary)],
            label: "t",
            hint: Some("t table"),
            what: "the summary table, as CSV and Markdown",
        },
        Binding {
            keys: &[(ch('r'), ExportChoice::Board)],
            label: "r",
            hint: Some("r report"),
            what: "the board report, one HTML page to print or mail",
        },
        Binding {
            keys: &[(ch('c'), ExportChoice::Comparison)],
            label: "c",
            hint: Some("c comparison"),
            what: "the comparison with the baseline, as CSV and Markdown",
        },
        Binding {
            keys: &[
                (ch('n'), ExportChoice::Cancel),
                (plain(KeyCode::Esc), ExportChoice::Cancel),
            ],
            label: "n Esc",
            hint: None,
            what: "back, nothing written",
        },
    ],
    otherwise: Otherwise::Nothing,
};

/// The answers to a save that found the file changed on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictAnswer {
    Merge,
    Overwrite,
    SaveAs,
    Reload,
    Back,
}

/// A save found the file changed on disk. Merge and reload are offered only where they can
/// be done ([`crate::tui::app::Conflict::offers`]); any other key leaves the question open.
pub const CONFLICT: Keymap<ConflictAnswer> = Keymap {
    bindings: &[
        Binding {
            keys: &[(ch('m'), ConflictAnswer::Merge)],
            label: "m",
            hint: None,
            what: "merge this session's edits into the file as it is now",
        },
        Binding {
            keys: &[(ch('y'), ConflictAnswer::Overwrite)],
            label: "y",
            hint: None,
            what: "overwrite it with this session's version",
        },
        Binding {
            keys: &[(ch('S'), ConflictAnswer::SaveAs)],
            label: "S",
            hint: None,
            what: "save this session's version under another name",
        },
        Binding {
            keys: &[(ch('R'), ConflictAnswer::Reload)],
            label: "R",
            hint: None,
            what: "reload it from disk (drops this session's edits)",
        },
        Binding {
            keys: &[
                (ch('n'), ConflictAnswer::Back),
                (plain(KeyCode::Esc), ConflictAnswer::Back),
            ],
            label: "n Esc",
            hint: None,
            what: "back to the session, nothing saved",
        },
    ],
    otherwise: Otherwise::Nothing,
};

/// The answers for a key changed on both sides, while merging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeAnswer {
    Ours,
    Theirs,
    OursForTheRest,
    TheirsForTheRest,
    Back,
}

/// Merging, key by key. Any other key leaves the question open.
pub const RESOLVING: Keymap<MergeAnswer> = Keymap {
    bindings: &[
        Binding {
            keys: &[(ch('o'), MergeAnswer::Ours)],
            label: "o",
            hint: None,
            what: "keep this session's value",
        },
        Binding {
            keys: &[(ch('t'), MergeAnswer::Theirs)],
            label: "t",
            hint: None,
            what: "keep the file's value",
        },
        Binding {
            keys: &[(ch('O'), MergeAnswer::OursForTheRest)],
            label: "O",
            hint: None,
            what: "this session's for this key and the rest",
        },
        Binding {
            keys: &[(ch('T'), MergeAnswer::TheirsForTheRest)],
            label: "T",
            hint: None,
            what: "the file's for this key and the rest",
        },
        Binding {
            keys: &[
                (ch('n'), MergeAnswer::Back),
                (plain(KeyCode::Esc), MergeAnswer::Back),
            ],
            label: "n Esc",
            hint: None,
            what: "back",
        },
    ],
    otherwise: Otherwise::Nothing,
};

/// The answers to reloading over unsaved edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReloadAnswer {
    Reload,
    Back,
}

/// Reloading would drop unsaved edits: only `y` reloads, any other key goes back.
pub const CONFIRM_RELOAD: Keymap<ReloadAnswer> = Keymap {
    bindings: &[
        Binding {
            keys: &[(ch('y'), ReloadAnswer::Reload)],
            label: "y",
            hint: None,
            what: "reload",
        },
        Binding {
            keys: &[
                (ch('n'), ReloadAnswer::Back),
                (plain(KeyCode::Esc), ReloadAnswer::Back),
            ],
            label: "n Esc",
            hint: None,
            what: "back",
        },
    ],
    otherwise: Otherwise::Act(ReloadAnswer::Back),
};

/// The answers to a recovery file's offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecoveryAnswer {
    Load,
    Keep,
}

/// A recovery file holds edits from a session that ended abruptly. Any other key leaves the
/// question open.
pub const OFFER_RECOVERY: Keymap<RecoveryAnswer> = Keymap {
    bindings: &[
        Binding {
            keys: &[(ch('l'), RecoveryAnswer::Load)],
            label: "l",
            hint: None,
            what: "load them as unsaved edits (s saves, u undoes)",
        },
        Binding {
            keys: &[
                (ch('k'), RecoveryAnswer::Keep),
                (ch('n'), RecoveryAnswer::Keep),
                (plain(KeyCode::Esc), RecoveryAnswer::Keep),
            ],
            label: "k n Esc",
            hint: None,
            what: "keep it for later (offered at each open until you delete it)",
        },
    ],
    otherwise: Otherwise::Nothing,
};

/// The line at the bottom of the screen: normal mode's hints.
pub fn hint_line(others_at_the_keyboard: bool) -> String {
    let hints: Vec<&str> = (NORMAL.bindings.iter())
        .filter(|b| offered(b, others_at_the_keyboard))
        .filter_map(|b| b.hint)
        .collect();
    hints.join(" ")
}

/// A text field's keys in one line: `Enter applies · Esc cancels · Ctrl-U clears · …`.
pub fn keys_line<A: Copy>(map: &Keymap<A>) -> String {
    map.hints().collect::<Vec<_>>().join(" · ")
}

/// Help's rows, keys and what they do: normal mode's bindings, each followed by the keys of
/// the text field it opens (the editor, the finder); `r` only with others at the keyboard, as
/// the hint line offers it.
pub fn help_rows(others_at_the_keyboard: bool) -> Vec<(&'static str, String)> {
    let mut rows = Vec::new();
    for binding in (NORMAL.bindings.iter()).filter(|b| offered(b, others_at_the_keyboard)) {
        rows.push((binding.label, binding.what.to_string()));
        let opens = |action| binding.keys.iter().any(|(_, a)| *a == action);
        if opens(Action::Edit) {
            rows.push(("  editing", keys_line(&EDITOR)));
        }
        if opens(Action::Find) {
            rows.push(("  finding", keys_line(&FINDER)));
        }
        if opens(Action::Export) {
            rows.push(("  export", keys_line(&EXPORT)));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hint_line_fits_the_narrowest_screen_whole() {
        // A new hint past 80 columns would cut "q quit" off the end.
        let width = hint_line(true).chars().count();
        assert!(width <= usize::from(crate::tui::app::MIN_WIDTH), "{width}");
        assert!(hint_line(true).ends_with("q quit"), "{}", hint_line(true));
    }

    #[test]
    fn help_names_every_panel_tab_switches_to() {
        let what = NORMAL
            .bindings
            .iter()
            .find(|b| b.keys.iter().any(|(_, a)| *a == Action::NextPanel))
            .map_or("", |b| b.what);
        for panel in crate::tui::app::Panel::ALL {
            let name = panel.short_title().to_lowercase();
            assert!(what.contains(&name), "{name} missing from {what:?}");
        }
    }

    /// Every key a test presses: printable characters and the named keys, with each modifier.
    fn every_key() -> Vec<KeyEvent> {
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
            KeyCode::Delete,
            KeyCode::PageUp,
            KeyCode::PageDown,
        ]);
        let modifiers = [
            KeyModifiers::NONE,
            KeyModifiers::SHIFT,
            KeyModifiers::CONTROL,
            KeyModifiers::ALT,
        ];
        codes
            .into_iter()
            .flat_map(|code| modifiers.map(|m| KeyEvent::new(code, m)))
            .collect()
    }

    /// The key a label's word names: `↑`, `Enter`, `⇧Tab`, `Ctrl-R`, `S`.
    fn named(word: &str) -> Key {
        match word {
            "↑" => plain(KeyCode::Up),
            "↓" => plain(KeyCode::Down),
            "←" => plain(KeyCode::Left),
            "→" => plain(KeyCode::Right),
            "Enter" => plain(KeyCode::Enter),
            "Esc" => plain(KeyCode::Esc),
            "Tab" => plain(KeyCode::Tab),
            "⇧Tab" => plain(KeyCode::BackTab),
            "PgUp" => plain(KeyCode::PageUp),
            "PgDn" => plain(KeyCode::PageDown),
            "Delete" => plain(KeyCode::Delete),
            _ => match word.strip_prefix("Ctrl-") {
                Some(letter) => ctrl(letter.to_ascii_lowercase().chars().next().unwrap()),
                None => {
                    assert_eq!(word.chars().count(), 1, "{word:?} names no key");
                    ch(word.chars().next().unwrap())
                }
            },
        }
    }

    /// A mode's table read as a person would: every key the mode answers is on a line of its
    /// documentation, named by its label (but the keys that start `typed`, a value typed
    /// over), every key a label names does what its line says, and no key is bound twice.
    fn check<A: Copy + PartialEq + std::fmt::Debug>(
        mode: &str,
        map: &Keymap<A>,
        typed: Option<A>,
    ) -> usize {
        for binding in map.bindings {
            assert!(!binding.what.is_empty(), "{mode}: {binding:?} says nothing");
            let named: Vec<Key> = binding.label.split_whitespace().map(named).collect();
            for (word, key) in binding.label.split_whitespace().zip(&named) {
                assert!(
                    binding.keys.iter().any(|(k, _)| k == key),
                    "{mode}: the label {:?} names {word}, which its line does not bind",
                    binding.label
                );
            }
            for (key, action) in binding.keys {
                // `← →`'s line says what Shift does to them.
                let shifted = key.modifiers == KeyModifiers::SHIFT
                    && named.contains(&plain(key.code))
                    && binding.what.contains("Shift");
                assert!(
                    named.contains(key) || shifted || Some(*action) == typed,
                    "{mode}: {key:?} does {action:?}, which the label {:?} does not name",
                    binding.label
                );
            }
        }
        let keys: Vec<Key> = map
            .bindings
            .iter()
            .flat_map(|b| b.keys)
            .map(|k| k.0)
            .collect();
        for (i, key) in keys.iter().enumerate() {
            assert!(!keys[..i].contains(key), "{mode}: {key:?} is bound twice");
        }
        let mut answered = 0;
        for event in every_key() {
            if let Some(action) = map.bound(event) {
                answered += 1;
                let documented = map
                    .bindings
                    .iter()
                    .any(|b| b.keys.iter().any(|(_, a)| *a == action) && !b.label.is_empty());
                assert!(
                    documented,
                    "{mode}: {action:?} (from {event:?}) is undocumented"
                );
            }
        }
        answered
    }

    #[test]
    fn every_key_the_session_answers_is_documented() {
        assert!(
            check("normal", &NORMAL, Some(Action::TypeOver)) > 20,
            "the sweep reached the bindings"
        );
        check("editor", &EDITOR, None);
        check("finder", &FINDER, None);
        check("save as", &SAVE_AS, None);
        check("quit", &CONFIRM_QUIT, None);
        check("baseline", &CONFIRM_BASELINE, None);
        check("conflict", &CONFLICT, None);
        check("merge", &RESOLVING, None);
        check("reload", &CONFIRM_RELOAD, None);
        check("recovery", &OFFER_RECOVERY, None);
        check("export", &EXPORT, None);
        // Normal mode is documented by help, whose rows are its bindings; alone at the
        // keyboard, all but `r`, as the hint line offers them.
        for others in [true, false] {
            let rows = help_rows(others);
            for binding in NORMAL.bindings {
                let shown = rows.iter().any(|(label, _)| *label == binding.label);
                assert_eq!(shown, others || binding.label != "r", "{}", binding.label);
            }
            assert_eq!(hint_line(others).contains("r role"), others);
        }
    }

    #[test]
    fn every_currency_sign_slide_minus_and_factor_sign_the_editor_reads_starts_a_value() {
        use skypie::scenario::currency::CURRENCY_SIGNS;
        use skypie::scenario::number::with_ascii_minus;
        let slide_minuses = ['\u{2212}', '\u{2013}'];
        for minus in slide_minuses {
            assert_eq!(with_ascii_minus(&format!("{minus}5%")), "-5%", "{minus:?}");
        }
        let signs = CURRENCY_SIGNS.iter().map(|(_, sign)| *sign);
        let factors = skypie::scenario::FACTOR_SIGNS;
        for c in signs.chain(slide_minuses).chain(factors) {
            assert_eq!(
                NORMAL.action(KeyEvent::from(KeyCode::Char(c))),
                Some(Action::TypeOver),
                "{c} does not start a value"
            );
        }
    }

    #[test]
    fn alt_and_a_character_enter_or_tab_is_esc_then_the_key() {
        let alt = |code| KeyEvent::new(code, KeyModifiers::ALT);
        let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
        assert_eq!(
            after_escape(alt(KeyCode::Char('u'))),
            Some(plain(KeyCode::Char('u')))
        );
        assert_eq!(
            after_escape(alt(KeyCode::Enter)),
            Some(plain(KeyCode::Enter))
        );
        // An Alt+arrow is pressed so: an arrow after Esc has its own sequence.
        assert_eq!(after_escape(alt(KeyCode::Down)), None);
        assert_eq!(after_escape(alt(KeyCode::Backspace)), None);
        // Esc and Ctrl-R in one burst: the redo.
        let ctrl_alt_r = KeyEvent::new(
            KeyCode::Char('r'),
            KeyModifiers::CONTROL | KeyModifiers::ALT,
        );
        assert_eq!(
            after_escape(ctrl_alt_r),
            Some(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL))
        );
        // Esc and Ctrl-C in one burst (Ctrl+Alt+C) is Esc, then Ctrl-C.
        let ctrl_alt_c = KeyEvent::new(
            KeyCode::Char('c'),
            KeyModifiers::CONTROL | KeyModifiers::ALT,
        );
        assert!(after_escape(ctrl_alt_c).is_some_and(is_interrupt));
        assert_eq!(after_escape(plain(KeyCode::Char('u'))), None);
    }

    #[test]
    fn an_alt_key_in_a_line_is_the_lines_own_key_nothing_or_esc_then_the_key() {
        let alt = |code| KeyEvent::new(code, KeyModifiers::ALT);
        let ctrl = |code| KeyEvent::new(code, KeyModifiers::CONTROL);
        assert_eq!(
            alt_in_a_line(alt(KeyCode::Char('b'))),
            AltInLine::LineKey(ctrl(KeyCode::Left))
        );
        assert_eq!(alt_in_a_line(alt(KeyCode::Char('u'))), AltInLine::Nothing);
        assert_eq!(alt_in_a_line(alt(KeyCode::Down)), AltInLine::Nothing);
        assert_eq!(
            alt_in_a_line(alt(KeyCode::Char('9'))),
            AltInLine::EscThenKey(KeyEvent::from(KeyCode::Char('9')))
        );
    }

    #[test]
    fn ctrl_and_alt_letters_are_not_plain_letters() {
        let with = |c: char, m: KeyModifiers| NORMAL.action(KeyEvent::new(KeyCode::Char(c), m));
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
        assert_eq!(with('S', KeyModifiers::SHIFT), Some(Action::SaveAs));
    }

    #[test]
    fn shift_counts_only_where_a_key_has_a_shifted_binding() {
        let shifted = |code| NORMAL.action(KeyEvent::new(code, KeyModifiers::SHIFT));
        assert_eq!(shifted(KeyCode::Left), Some(Action::BigNudgeDown));
        assert_eq!(shifted(KeyCode::Up), Some(Action::SelectPrevious));
        assert_eq!(shifted(KeyCode::BackTab), Some(Action::PreviousPanel));
    }

    #[test]
    fn a_text_field_takes_every_key_it_does_not_bind() {
        let typed = |c| EDITOR.action(KeyEvent::from(KeyCode::Char(c)));
        assert_eq!(typed('x'), Some(Entry::Type));
        assert_eq!(
            EDITOR.action(KeyEvent::from(KeyCode::Enter)),
            Some(Entry::Confirm)
        );
        assert_eq!(
            CONFIRM_QUIT.action(KeyEvent::from(KeyCode::Char('x'))),
            None
        );
    }
}
