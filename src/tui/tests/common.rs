//! Helpers for the live-session tests: a session with its results computed at once (the
//! worker's job, done synchronously) and key presses that run what they ask for.

use std::path::{Path, PathBuf};

use crate::tui::app::{App, Effect, Msg, SaveRequest, key, session_log_name};
use crate::tui::ui::{Theme, draw};
use crate::tui::worker::{Notification, computed};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use skypie::Scenario;
use skypie::model::draws::Draws;

/// The folder the tests' sessions are started from, as far as a save's full path says.
pub const START_FOLDER: &str = "/home/dana/plans";

/// What the shell says once it has written `text` to `path` (a file that was on disk, or a
/// new one), `path` taken from [`START_FOLDER`].
pub fn written(path: impl Into<PathBuf>, text: &str) -> Msg {
    let path = path.into();
    Msg::Saved {
        full_path: PathBuf::from(START_FOLDER).join(&path),
        log: session_log_name(&path),
        path,
        text: text.to_string(),
        recreated: false,
        log_failed: None,
    }
}

/// A fixed clock, so log entries are the same on every run.
pub fn clock() -> String {
    "2026-11-23 09:30:00".to_string()
}

/// The folders the tests' sessions find: the current one, `reports`, `plans` and `q3` in
/// [`START_FOLDER`], `/srv/shared`, and a test's own temporary folders.
pub fn is_folder(path: &Path) -> bool {
    [".", "reports", "plans", "q3", "/srv/shared"]
        .iter()
        .any(|folder| path == Path::new(folder))
        || (path.is_absolute() && path.is_dir())
}

/// The file system the tests' sessions see: the folders of [`is_folder`], and every plan
/// there.
pub const DISK: crate::tui::app::Disk = crate::tui::app::Disk {
    is_folder,
    is_there: |_| true,
    is_special: |_| false,
    holds_a_plan: |_| true,
    takes_new_files: |_| true,
    is_a_link: |_| false,
    is_read_only: |_| false,
    refuses_writes: |_| false,
    leads_to: Path::to_path_buf,
    home: || Some(PathBuf::from("/home/dana")),
};

/// A session on `text` as if opened from `file`, with its first results in.
pub fn session_on(text: &str, file: Option<&str>) -> App {
    session_seeing(text, file, DISK)
}

/// [`session_on`], the file system as `disk` sees it (a plan deleted or moved since, a folder
/// gone).
pub fn session_seeing(text: &str, file: Option<&str>, disk: crate::tui::app::Disk) -> App {
    let roles = ["Dana (CEO)".to_string(), "Sam (CMO)".to_string()];
    let (mut app, effects) =
        App::new(text, file.map(PathBuf::from), roles, clock, disk).expect("the scenario parses");
    run(&mut app, effects);
    app
}

/// [`session_on`], edited by `roles` in turn (names as `--roles` gives them).
pub fn session_of(text: &str, file: Option<&str>, roles: &[&str]) -> App {
    let roles: Vec<String> = roles.iter().map(|r| r.to_string()).collect();
    let (mut app, effects) =
        App::new(text, file.map(PathBuf::from), roles, clock, DISK).expect("the scenario parses");
    run(&mut app, effects);
    app
}

/// Carries out compute effects at once; returns every other effect.
pub fn run(app: &mut App, effects: Vec<Effect>) -> Vec<Effect> {
    let mut others = Vec::new();
    for effect in effects {
        match effect {
            Effect::Compute {
                generation,
                scenario,
            } => {
                let (headline, panels) = worker_answers(generation, &scenario);
                app.handle(headline);
                app.handle(panels);
            }
            other => others.push(other),
        }
    }
    others
}

/// What the worker sends for the one computation `effects` ask for.
pub fn answers_to(effects: &[Effect]) -> (Msg, Msg) {
    match effects {
        [
            Effect::Compute {
                generation,
                scenario,
            },
        ] => worker_answers(*generation, scenario),
        other => panic!("one computation: {other:?}"),
    }
}

/// What the worker sends for one state, in its order: the headline, then the panels (the
/// tornado, levers, time path and frontier), for a test to deliver when it likes.
pub fn worker_answers(generation: u64, scenario: &Scenario) -> (Msg, Msg) {
    let draws = Draws::sample(scenario);
    let shown = computed(scenario, &draws, generation, false);
    let headline = shown.headline.clone();
    let detail =
        skypie::model::analyse(scenario, &draws, &headline, || false).expect("not cancelled");
    (
        Msg::Worker(Notification::Headline(Box::new(shown))),
        Msg::Worker(Notification::Detail { generation, detail }),
    )
}

/// `/revenue`, Enter, Enter, Ctrl-U, `target`, Enter: finds the target and types a new one,
/// running what it asks to compute; returns the rest.
pub fn type_target(app: &mut App, target: &str) -> Vec<Effect> {
    let mut keys = vec![key(KeyCode::Char('/'))];
    keys.extend(typed("revenue"));
    keys.extend([key(KeyCode::Enter), key(KeyCode::Enter), ctrl('u')]);
    keys.extend(typed(target));
    keys.push(key(KeyCode::Enter));
    press(app, &keys)
}

/// Presses keys one after another, running what they ask to compute; returns the rest.
pub fn press(app: &mut App, keys: &[Msg]) -> Vec<Effect> {
    let mut others = Vec::new();
    for k in keys {
        let effects = app.handle(k.clone());
        others.extend(run(app, effects));
    }
    others
}

/// The keys that type `text`.
pub fn typed(text: &str) -> Vec<Msg> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

/// The shell's word that beside plan.toml lies a recovery file holding `text`, with `older`
/// older ones beside it (holding the same).
pub fn recovery_found(text: impl Into<String>, older: usize) -> Msg {
    let text = text.into();
    let mut found = vec![(
        "plan.toml.recovered-20261123-140211.toml".into(),
        Ok(text.clone()),
    )];
    found.extend((0..older).map(|n| {
        let path = format!("plan.toml.recovered-20261122-{:06}.toml", older - n);
        (path.into(), Ok(text.clone()))
    }));
    Msg::RecoveryFound {
        found,
        saved_since: Vec::new(),
    }
}

/// Ctrl and a letter.
pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// What the status line says (nothing: empty).
pub fn status_text(app: &App) -> String {
    app.status.clone().map(|s| s.text).unwrap_or_default()
}

/// The shell's word that the save of `path` failed, and why (`error` names the file).
pub fn save_failed(path: &str, error: &str) -> Msg {
    Msg::SaveFailed {
        path: path.into(),
        error: error.into(),
    }
}

/// The shell's word that the save of `plan.toml` found it changed on disk: `on_disk` is the
/// file as a colleague saved it meanwhile.
pub fn colleague_saved(on_disk: impl Into<String>) -> Msg {
    Msg::SaveConflict {
        path: "plan.toml".into(),
        on_disk: on_disk.into(),
        relinked: None,
    }
}

/// The one save `effects` ask for.
pub fn the_save(effects: &[Effect]) -> SaveRequest {
    match effects {
        [Effect::Save(request)] => request.clone(),
        other => panic!("expected one save, got {other:?}"),
    }
}

/// The screen at `width`×`height`, as drawn (colours off).
pub fn screen(app: &App, width: u16, height: u16) -> String {
    screen_and_cursor(app, width, height).0
}

/// The screen at `width`×`height`, and where the terminal's cursor is on it.
pub fn screen_and_cursor(app: &App, width: u16, height: u16) -> (String, (u16, u16)) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| draw(app, frame, Theme { color: false }))
        .expect("drawing never fails on a test backend");
    let cursor = ratatui::backend::Backend::get_cursor_position(terminal.backend_mut())
        .expect("a test backend knows its cursor");
    // A space no row breaks at (the log's `P 53.8% → 48.8%`) shows as a space.
    let text = terminal.backend().to_string().replace('\u{a0}', " ");
    (text, (cursor.x, cursor.y))
}

/// The rows inside the question or help drawn over the screen (its frame is double-lined).
pub fn dialog_rows(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let from = line.find('║')? + '║'.len_utf8();
            let to = line.rfind('║')?;
            (from <= to).then(|| line[from..to].trim_end().to_string())
        })
        .collect()
}

/// The dialog's text as one line, its rows trimmed and joined by spaces: what it says,
/// however the box wraps it.
pub fn dialog_text(text: &str) -> String {
    dialog_rows(text)
        .iter()
        .map(|row| row.trim())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The plan `name` open, its name having led to `led` when last read or saved.
pub fn plan_at<'a>(name: &'a Path, led: Option<&'a Path>) -> Option<crate::tui::OpenPlan<'a>> {
    Some(crate::tui::OpenPlan {
        name,
        led,
        was: None,
    })
}
