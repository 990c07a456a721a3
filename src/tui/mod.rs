//! The live planning session (SPEC §4): the shell around [`app::App`]. It owns the terminal,
//! the worker thread and the file system; the app decides, the shell carries out.
//!
//! The terminal is restored on every way out: a normal quit, an error, SIGTERM or SIGHUP, and a
//! panic (ratatui's hook restores it before the panic message is printed). Unsaved edits are
//! never lost: if the session ends in any of those but a quit, they are written to
//! `<file>.recovered.toml`.

pub mod app;
pub mod keys;
pub mod ui;
pub mod worker;

use std::collections::VecDeque;
use std::fs;
use std::io::IsTerminal;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, anyhow, bail};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};
use signal_hook::consts::{SIGHUP, SIGTERM};

use crate::files::{append_file, read_text, write_file};
use app::{App, Effect, Expect, Msg, SaveRequest, session_log_path};
use ui::Theme;
use worker::Worker;

/// Who sits at the keyboard when `--roles` does not say.
pub const DEFAULT_ROLES: &str = "CEO,CMO";

/// Set to a character to make the session panic when that key is pressed: the check that a
/// crash restores the terminal and keeps the edits (README, troubleshooting).
pub const DEBUG_PANIC_VARIABLE: &str = "SKYPIE_DEBUG_PANIC";

/// The time of day for log entries, with the date: `2026-11-23 14:02:11`.
pub fn now() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Parses `--roles "Dana (CEO),Sam (CMO)"` into the two names.
pub fn parse_roles(roles: &str) -> anyhow::Result<[String; 2]> {
    let names: Vec<String> = roles.split(',').map(|r| r.trim().to_string()).collect();
    match <[String; 2]>::try_from(names) {
        Ok(pair) if pair.iter().all(|n| !n.is_empty()) => Ok(pair),
        _ => bail!(
            "--roles takes two names separated by a comma, e.g. --roles \"Dana (CEO),Sam (CMO)\""
        ),
    }
}

/// Runs the session on `file` (the built-in scenario when `None`) until the user quits.
pub fn run(file: Option<PathBuf>, roles: [String; 2], color: bool) -> anyhow::Result<()> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the live session needs a terminal; to evaluate a scenario without one, use \
             `skypie eval FILE` (e.g. skypie eval scenarios/01-series-b-first-90-days.toml)"
        );
    }
    let text = match &file {
        Some(path) => read_text(&path.to_string_lossy()).map_err(|e| anyhow!("{e}"))?,
        None => crate::scenario::BUILT_IN.to_string(),
    };
    let (mut app, effects) = App::new(&text, file, roles, now).map_err(|e| anyhow!("{e}"))?;
    let worker = Worker::spawn();
    // `kill` and a closed terminal window end the session like an error: the terminal is
    // restored and unsaved edits are kept (Ctrl-C is a key in the session, not a signal).
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [SIGTERM, SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .context("cannot listen for termination signals")?;
    }
    let mut terminal = ratatui::try_init().context("cannot take over the terminal")?;
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        event_loop(
            &mut terminal,
            &mut app,
            &worker,
            effects,
            &stop,
            Theme { color },
        )
    }));
    // After a panic, ratatui's hook has restored the terminal already; restoring twice would
    // move the cursor back over the panic message.
    let failure = match outcome {
        Ok(result) => {
            ratatui::restore();
            match result {
                Ok(()) => return Ok(()),
                Err(error) => error,
            }
        }
        Err(_) => anyhow!("skypie stopped on an internal error (the message is above)"),
    };
    match recover(&app) {
        Some(Ok(path)) => {
            Err(failure.context(format!("your unsaved edits are in {}", path.display())))
        }
        Some(Err(e)) => {
            Err(failure.context(format!("and the unsaved edits could not be kept: {e}")))
        }
        None => Err(failure),
    }
}

/// Writes the unsaved edits beside the file (or in the current folder) after a crash.
fn recover(app: &App) -> Option<std::io::Result<PathBuf>> {
    let text = app.recovery_text()?;
    let path = match &app.file {
        Some(file) => {
            let mut name = file.as_os_str().to_owned();
            name.push(".recovered.toml");
            PathBuf::from(name)
        }
        None => PathBuf::from("skypie-recovered.toml"),
    };
    Some(
        write_file(&path, text.as_bytes())
            .map(|()| path)
            .map_err(std::io::Error::other),
    )
}

/// Draws, waits for a key or a result, lets the app decide, carries out what it asks.
fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    worker: &Worker,
    initial: Vec<Effect>,
    stop: &AtomicBool,
    theme: Theme,
) -> anyhow::Result<()> {
    let panic_key = std::env::var(DEBUG_PANIC_VARIABLE)
        .ok()
        .and_then(|v| v.chars().next());
    let mut pending: VecDeque<Effect> = initial.into();
    let mut redraw = true;
    loop {
        if stop.load(Ordering::Relaxed) {
            bail!("the session was stopped by a signal");
        }
        while let Some(effect) = pending.pop_front() {
            redraw = true;
            match effect {
                Effect::Quit => return Ok(()),
                Effect::Compute {
                    generation,
                    scenario,
                } => {
                    if !worker.compute(generation, *scenario) {
                        bail!("the model worker stopped");
                    }
                }
                Effect::Save(request) => {
                    for msg in save(&request) {
                        pending.extend(app.handle(msg));
                    }
                }
                Effect::Export(files) => pending.extend(app.handle(export(&files))),
            }
        }
        if redraw {
            terminal.draw(|frame| ui::draw(app, frame, theme))?;
            redraw = false;
        }
        if event::poll(Duration::from_millis(20))? {
            match event::read()? {
                Event::Key(key) => {
                    if panic_key.is_some_and(|c| key.code == event::KeyCode::Char(c)) {
                        panic!("forced panic ({DEBUG_PANIC_VARIABLE} is set)");
                    }
                    pending.extend(app.handle(Msg::Key(key)));
                }
                Event::Resize(..) => {}
                _ => continue,
            }
            redraw = true;
        }
        while let Some(msg) = worker.try_recv()? {
            pending.extend(app.handle(msg));
            redraw = true;
        }
    }
}

/// Saves: refuses (asks) when the file on disk is not what the session expects, writes the
/// file atomically, then appends the session log.
fn save(request: &SaveRequest) -> Vec<Msg> {
    let path = &request.path;
    let on_disk = match fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return vec![Msg::SaveFailed(format!(
                "{}: cannot read: {e}",
                path.display()
            ))];
        }
    };
    let conflict = match (&request.expect, &on_disk) {
        (Expect::Anything, _) | (_, None) => false,
        (Expect::Nothing, Some(_)) => true,
        (Expect::Text(expected), Some(text)) => expected != text,
    };
    if conflict {
        return vec![Msg::SaveConflict { path: path.clone() }];
    }
    if let Err(e) = write_file(path, request.text.as_bytes()) {
        return vec![Msg::SaveFailed(e.to_string())];
    }
    let mut msgs = vec![Msg::Saved {
        path: path.clone(),
        text: request.text.clone(),
    }];
    if let Err(e) = append_file(&session_log_path(path), &request.session_log) {
        msgs.push(Msg::SaveFailed(format!(
            "saved {}, but the session log could not be written: {e}",
            path.display()
        )));
    }
    msgs
}

fn export(files: &[(PathBuf, String)]) -> Msg {
    for (path, contents) in files {
        if let Err(e) = write_file(path, contents.as_bytes()) {
            return Msg::ExportFailed(e.to_string());
        }
    }
    Msg::Exported(files.iter().map(|(p, _)| p.clone()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_two_names() {
        let roles = parse_roles("Dana (CEO), Sam (CMO)").unwrap();
        assert_eq!(roles, ["Dana (CEO)".to_string(), "Sam (CMO)".to_string()]);
        assert!(parse_roles("one").is_err());
        assert!(parse_roles("a,b,c").is_err());
        assert!(parse_roles("a,").is_err());
    }

    #[test]
    fn a_save_refuses_to_clobber_a_changed_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.toml");
        fs::write(&path, "changed by someone else").unwrap();
        let request = SaveRequest {
            path: path.clone(),
            text: "ours".into(),
            expect: Expect::Text("what we opened".into()),
            session_log: "log\n".into(),
        };
        assert!(matches!(save(&request)[..], [Msg::SaveConflict { .. }]));
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "changed by someone else"
        );
        let forced = SaveRequest {
            expect: Expect::Anything,
            ..request
        };
        assert!(matches!(save(&forced)[..], [Msg::Saved { .. }]));
        assert_eq!(fs::read_to_string(&path).unwrap(), "ours");
        assert_eq!(
            fs::read_to_string(session_log_path(&path)).unwrap(),
            "log\n"
        );
    }
}
