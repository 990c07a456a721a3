//! Saving under a name (`S`, the built-in scenario's first save, or "save as" when the file
//! changed on disk): the name suggested, the keys that edit it, and the checks that refuse a
//! name before anything is written (a value typed for an input, a folder that does not exist,
//! an export's extension).

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::KeyEvent;

use super::conflict::LEFT_AS_IT_IS;
use super::{App, Effect, Expect, Mode, Status, Suggested};
use crate::tui::keys::{Entry, SAVE_AS, is_ctrl_z, no_undo_here};

/// The name save-as suggests for the built-in scenario, which has no file of its own.
const BUILT_IN_NAME: &str = "my-plan.toml";

/// The instruction that follows why a name typed to save as was refused, while the name is
/// asked for again (Esc takes it off as it closes the question, the refusal kept).
pub(super) const TYPE_ANOTHER: &str = "; type another name, or Esc";

/// Why a name typed to save as is refused, and the instruction that follows it while the name
/// is asked for again ([`App::tell_error_then`]).
type Refused = (String, &'static str);

impl App {
    /// Asks for a name to save under, suggesting one beside the file that no file has yet
    /// (`plan-2.toml`, else `plan-3.toml`, …), or the plan's new name once it was moved with
    /// its folder and its name leads nowhere ([`App::moved_away_to`]; a copy of the folder put
    /// back in its place is the plan by name, and takes `plan-2.toml`), or `my-plan.toml`
    /// (else `my-plan-2.toml`, …) for the built-in scenario. Where the plan's folder is gone
    /// (and the plan not moved with it) or takes no new file, the plan's own name in a folder
    /// that takes one ([`App::writable_elsewhere`]: `d1/plan.toml` → `plan.toml`, else
    /// `plan-2.toml`, …): a name in the plan's folder would be refused.
    pub(super) fn start_save_as(&mut self) {
        let is_there = self.disk.is_there;
        let suggestion = match (self.moved_away_to(), self.file.as_deref()) {
            (Some(now), _) => now.display().to_string(),
            (None, Some(file))
                if !self.takes_a_new_file(crate::files::folder_of(file))
                    && let Some(there) = self.writable_elsewhere(Path::new(
                        file.file_name().unwrap_or(file.as_os_str()),
                    )) =>
            {
                it_or_numbered(&there, is_there)
            }
            (None, Some(file)) => free_name(crate::files::numbered(file), is_there),
            (None, None) => {
                let name = Path::new(BUILT_IN_NAME);
                let there = self.writable_elsewhere(name);
                it_or_numbered(there.as_deref().unwrap_or(name), is_there)
            }
        };
        self.mode = Mode::SavingAs(Suggested::new(suggestion));
    }

    /// `name` in the folder skypie was started from, else in the home folder, whichever first
    /// takes a new file: on a read-only file system the current folder is often the plan's.
    fn writable_elsewhere(&self, name: &Path) -> Option<PathBuf> {
        if self.takes_a_new_file(Path::new(".")) {
            return Some(name.to_path_buf());
        }
        let home = (self.disk.home)()?;
        self.takes_a_new_file(&home).then(|| home.join(name))
    }

    /// Naming the file to save to: Enter saves (once there is a name), Esc cancels, Ctrl-Z
    /// says what Esc does, other keys edit the name (the first character typed replaces the
    /// suggested one).
    pub(super) fn on_save_as_key(&mut self, mut name: Suggested, key: KeyEvent) -> Vec<Effect> {
        // Said while the name is asked for: closing the question takes it off.
        if is_ctrl_z(key) {
            self.tell_instruction(&no_undo_here("drops the name and saves nothing"));
            self.mode = Mode::SavingAs(name);
            return Vec::new();
        }
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
                let effects = match self.saving.conflict_saving_as.take() {
                    Some((label, there)) => {
                        let choice = format!("saved this session's version as {}", path.display());
                        self.save_choice(label, there, choice, path, Expect::Nothing, None)
                    }
                    None => self.save_to(path, Expect::Nothing, None),
                };
                // Kept while its save is made, to ask again for a name it cannot write.
                self.saving.saving_as = (!effects.is_empty()).then_some(typed);
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
        self.saving.quit_after_save = false;
        // The refusal of the name stays said, not the instruction for a question now closed
        // (an instruction alone, "type a name to save as, or Esc", goes with it).
        self.status = self.status.take().and_then(Status::without_instruction);
        if let Some((label, there)) = self.saving.conflict_saving_as.take() {
            self.note(label, there, LEFT_AS_IT_IS.to_string());
        }
    }
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

/// Whether `typed`, a name to save as, reads as a value an input takes rather than a file's
/// name: a number with a currency sign before or after it (`$ 2M`, `2M$`), an amount with
/// its magnitude (`200k`, `3M`), a percentage (`12%`), a signed or decimal number (`+3`,
/// `-5%`, `1.5`), or a range (`2M to 3M`). A value typed at the inputs list with letters
/// before it has them taken for keys: `US$ 2M` opened this dialog at `S`, and Enter saved the
/// plan as `$ 2M.toml` and went on there, unsaid (`200k` too, which docs/SESSION.md listed as
/// refused). A whole number may name a plan (`2026`), and so may two side by side (`2025
/// 2026`); any name with `.toml` does (`3M.toml`, a customer's account plan). So does a value
/// after a word of up to three letters (`D 450k`): `USD 450k` typed at the inputs list had `S`
/// open this dialog (`U` is no key there), and Enter saved the plan as `D 450k.toml`.
fn reads_as_a_value(typed: &str) -> bool {
    let keys_left = typed
        .trim()
        .split_once(char::is_whitespace)
        .filter(|(word, _)| word.chars().count() <= 3 && word.chars().all(char::is_alphabetic));
    keys_left.is_some_and(|(_, value)| is_a_value(value)) || is_a_value(typed)
}

/// Whether `typed` is a value an input takes ([`reads_as_a_value`]).
fn is_a_value(typed: &str) -> bool {
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
