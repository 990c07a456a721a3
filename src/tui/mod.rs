//! The live planning session: the shell around [`app::App`]. It owns the terminal, the input
//! and worker threads and the file system; the app decides, the shell carries out.
//!
//! The terminal is restored on every way out: a normal quit, an error, SIGTERM, SIGHUP,
//! SIGINT or another signal that ends a process ([`crate::interrupt::ending`]), the end of input (a closed window: see [`input`]), and a panic (the hook set in
//! [`take_over_terminal`] restores it before the panic message is printed). Unsaved edits are
//! never lost: if the session ends in any of those but a quit, they are written first, to a
//! recovery file of their own ([`recovery`]); the next session on the file offers them.
//!
//! SIGTSTP from outside (`kill -TSTP`; Ctrl-Z in the session is a key) gives the terminal back
//! the same way and stops the session; once it is continued (`fg`) it takes the terminal over
//! again and redraws it all ([`stop_until_continued`]).

pub mod app;
pub mod conflict;
mod disk;
pub mod input;
pub mod item;
pub mod keys;
pub mod recovery;
mod recovery_files;
pub mod ui;
mod watchdog;
pub mod watcher;
pub mod worker;

#[cfg(test)]
mod tests;

use std::collections::VecDeque;
use std::fs;
use std::io::{IsTerminal, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use crate::terminal::print_error;
use anyhow::{Context, anyhow, bail};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind};
use signal_hook::consts::SIGTSTP;
use skypie::Scenario;
use skypie::source::Source;
use skypie::text::{command_path, printable, printable_lines, shown_path};

use crate::files::{
    Whereabouts, WriteError, ending_at, link_target, moved_since, read_text, whereabouts,
};
use app::{App, Effect, LogAppend, Msg, NO_LONGER_ON_DISK, NOR_ITS_FOLDER};
use disk::{
    Look, OpenPlan, PlanMode, append_session_log, changed_since, export, keep_log_rows, led_after,
    look_for, save, settles_the_plan,
};
use input::{HangUpCheck, Input};
use recovery_files::{
    fallback_folders, find_recovery, keep_edits, kept_text, mark_taken, recover, started_in,
};
use ui::Theme;
use watchdog::Watchdog;
use watcher::{Finding, Place, WATCH_EVERY, Watcher};
use worker::Worker;

// What the shell's tests (`use crate::tui::*`) take from here.
#[cfg(test)]
use crate::files::same_file;
#[cfg(test)]
use recovery_files::{create_recovery, fallbacks_in, full_path_from};

/// Who sits at the keyboard when `--roles` does not say, as `--roles` takes it.
pub const DEFAULT_ROLES: &str = "CEO,CMO";

/// [`DEFAULT_ROLES`], the two names.
pub fn default_roles() -> Roles {
    Roles(DEFAULT_ROLES.split(',').map(str::to_string).collect())
}

/// Who sits at the keyboard, as `--roles` names them: one name (an analyst alone), or more,
/// `r` passing the keyboard to the next; each different, for the session log to tell apart.
/// Made only by [`parse_roles`] and [`default_roles`], which keep it so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roles(Vec<String>);

/// Set to a character to make the session panic when that key is pressed: the check that a
/// crash restores the terminal and keeps the edits (README, troubleshooting).
pub const DEBUG_PANIC_VARIABLE: &str = "SKYPIE_DEBUG_PANIC";

/// Set to a character to make the session stop listening when that key is pressed, as one
/// stuck in a frame would: the check that a signal then still keeps the edits ([`watchdog`]).
pub const DEBUG_HANG_VARIABLE: &str = "SKYPIE_DEBUG_HANG";

/// The time of day for log entries, with the date: `2026-11-23 14:02:11`.
pub fn now() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Parses `--roles "Dana (CEO),Sam (CMO)"` (or one name, `--roles "Sam (CMO)"`) into the
/// names: a solo analyst was refused one, and had to make up a second person.
pub fn parse_roles(roles: &str) -> Result<Roles, String> {
    const AS: &str = "as \"Sam (CMO)\" or \"Dana (CEO),Sam (CMO)\"";
    let names: Vec<String> = roles.split(',').map(|r| r.trim().to_string()).collect();
    if names.iter().any(String::is_empty) {
        return Err(format!(
            "expected names separated by commas, none empty, {AS}"
        ));
    }
    // Names that show as typed: the title bar, the log panel and the log's Markdown would each
    // have shown `Dana\u{1b}[2J` differently, or cleared the screen.
    if let Some(name) = names.iter().find(|n| n.chars().any(skypie::text::hidden)) {
        return Err(format!(
            "found \"{}\", expected names without control or invisible characters, {AS}",
            printable(name)
        ));
    }
    // People the session log can tell apart.
    if let Some(twice) = names
        .iter()
        .enumerate()
        .find_map(|(i, name)| names[..i].contains(name).then_some(name))
    {
        return Err(format!(
            "expected different names (\"{twice}\" is there twice), {AS}"
        ));
    }
    Ok(Roles(names))
}

/// For a scenario file that is not there, in a folder that is: the commands that start a plan
/// there (`skypie new 'q3 plan.toml', then skypie plan 'q3 plan.toml'`), the name quoted for
/// the shell and kept from reading as an option (`./-x.toml`).
fn how_to_start(path: &Path) -> Option<String> {
    let missing = is_missing(path);
    let folder_there = crate::files::is_folder_now(crate::files::folder_of(path));
    if !missing || !folder_there {
        return None;
    }
    // `new q3` writes q3.toml: the name it writes is the one to plan (`plan q3` said "skypie
    // new q3, then skypie plan q3", which failed again the same way).
    let named = crate::files::scenario_name(path)?;
    let typed = command_path(&named);
    if named != path && named.is_file() {
        return Some(format!("{typed} is there: skypie plan {typed}"));
    }
    Some(format!(
        "to start a plan there: skypie new {typed}, then skypie plan {typed}"
    ))
}

/// Whether nothing is under the name `path`, not even a link to nothing.
fn is_missing(path: &Path) -> bool {
    fs::symlink_metadata(path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
}

/// For a scenario file that is not there (deleted or renamed after a session on it ended
/// without saving): the newest recovery file that session left, which holds the whole plan
/// with its edits, and how to take it up again. "no such file" and how to start a new plan
/// sent the user to a template, away from the plan the recovery file holds.
fn kept_of_missing(path: &Path) -> Option<String> {
    is_missing(path).then(|| kept_of(path)).flatten()
}

/// The newest recovery file of the plan `path`, and how to take it up again ([`kept_of_missing`];
/// also for a file there that holds no plan now: emptied by `> plan.toml`, it was said to be
/// empty, and `skypie new` was suggested, the recovery file unnamed).
fn kept_of(path: &Path) -> Option<String> {
    let Some(Msg::RecoveryFound { found, .. }) = find_recovery(Some(path), &fallback_folders())
    else {
        return None;
    };
    // Newest first: those that cannot be read, newer than the one offered, are named too, as
    // the offer at an open names them (their edits may be the newer ones).
    let readable = found.iter().position(|(_, text)| text.is_ok());
    let unread: Vec<String> = found[..readable.unwrap_or(found.len())]
        .iter()
        .filter_map(|(p, text)| {
            let why = text.as_ref().err()?.first_unnamed();
            Some(format!(
                "{} could not be read ({why})",
                printable(&p.to_string_lossy())
            ))
        })
        .collect();
    let offered = readable.map(|i| {
        format!(
            "a session's unsaved edits to it were kept, with the whole plan, in {}: to take \
             them up again, {}",
            command_path(&found[i].0),
            copied_back(&found[i].0, path)
        )
    });
    let unread = (!unread.is_empty()).then(|| {
        format!(
            "{} recovery file {}: its edits may be newer",
            if offered.is_some() { "a newer" } else { "its" },
            unread.join("; ")
        )
    });
    match (offered, unread) {
        (Some(offered), Some(unread)) => Some(format!("{offered}; {unread}")),
        (offered, unread) => offered.or(unread),
    }
}

/// Runs the session on `file` (the built-in scenario when `None`) until the user quits.
pub fn run(file: Option<PathBuf>, roles: Roles, color: bool) -> anyhow::Result<()> {
    // Asked while the folder is there to ask about: the file's full name depends on it.
    started_in();
    let text = read_plan(file.as_deref())?;
    let disk = app::Disk {
        is_folder: crate::files::is_folder_now,
        is_there: |path| path.exists(),
        is_special: crate::files::is_special,
        holds_a_plan: |path| {
            read_text(&Source::file(path)).is_ok_and(|text| Scenario::parse(&text, "").is_ok())
        },
        takes_new_files: crate::files::takes_new_files,
        is_a_link: Path::is_symlink,
        is_read_only: |path| crate::files::refuse_read_only_file(path).is_err(),
        refuses_writes: crate::files::refuses_writes,
        leads_to: crate::files::link_target,
        home: || {
            std::env::var_os("HOME")
                .filter(|home| !home.is_empty())
                .map(PathBuf::from)
        },
    };
    let named = file.as_deref().map(skypie::source::Source::file);
    let path = file.clone();
    let (mut app, mut effects) = App::new(&text, file, roles.0, now, disk).map_err(|e| {
        let e = match &named {
            Some(source) => crate::files::told_as_data(e, source, &text),
            None => e,
        };
        match path.as_deref().and_then(kept_of) {
            Some(kept) => anyhow!("{e:#}\n({kept})"),
            None => anyhow!("{e:#}"),
        }
    })?;
    // A plan that cannot be read is said so first, with or without a terminal.
    refuse_without_a_terminal(path.as_deref())?;
    if let Some(found) = find_recovery(app.file.as_deref(), &fallback_folders()) {
        effects.extend(app.handle(found));
    }
    if app.file.as_deref().is_some_and(Path::is_symlink) {
        app.opened_through_a_link();
    }
    let worker = Worker::spawn();
    let watcher = Watcher::spawn(WATCH_EVERY);
    let Signals { stop, suspend } = listen_for_signals()?;
    let hang_up = HangUpCheck::probe();
    let mut terminal = take_over_terminal().context("cannot take over the terminal")?;
    let watchdog = watch(&stop);
    // The file the plan's name led to when the session last read or saved it: where its log
    // and recovery files go at the end, whatever a link leads to by then.
    let resolved_plan = std::cell::RefCell::new(app.file.as_deref().map(led_to));
    // Where that file was, its folder held open: where the ending keeps and logs the edits
    // when that folder was renamed since.
    let plan_whereabouts =
        std::cell::RefCell::new(resolved_plan.borrow().as_deref().and_then(whereabouts));
    // The plan's permissions, as last seen: its saves', exports' and recovery files' own.
    let plan_mode = std::cell::RefCell::new(PlanMode::of(app.file.as_deref()));
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let events = input::spawn(hang_up).context("cannot start reading the terminal")?;
        let shell = Shell {
            watchdog: &watchdog,
            worker: &worker,
            events: &events,
            stop: &stop,
            suspend: &suspend,
            hang_up,
            theme: Theme { color },
            plan_mode: &plan_mode,
            watcher: &watcher,
            watching: std::cell::RefCell::new(None),
            placed: std::cell::RefCell::new(Placed::Untold),
            plan_whereabouts: &plan_whereabouts,
            resolved_plan: &resolved_plan,
        };
        shell.run(&mut terminal, &mut app, effects)
    }));
    if !watchdog.take_the_ending() {
        // The watchdog is keeping the edits and ending the process (the loop came back after
        // it gave up on it): two endings would write the edits twice.
        loop {
            std::thread::park();
        }
    }
    let led = edits_home(&app, resolved_plan.into_inner());
    let (file, led) = ending_at(app.file.clone(), led, plan_whereabouts.borrow().as_ref());
    let (file, led) = (file.as_deref(), led.as_deref());
    let mode = plan_mode.borrow_mut().for_outputs(app.file.as_deref());
    match outcome {
        Ok(Ok(())) => {
            end_cleanly(&app, file, led);
            Ok(())
        }
        Ok(Err(error)) => Err(end_after_failure(
            &app, file, led, mode, terminal, false, error,
        )),
        Err(_) => {
            let error = anyhow!("skypie stopped on an internal error (the message is above)");
            Err(end_after_failure(
                &app, file, led, mode, terminal, true, error,
            ))
        }
    }
}

/// The plan's text: `file`'s, or the built-in scenario's. A missing file is said, with what
/// to do, wherever skypie runs (before the terminal is asked for).
fn read_plan(file: Option<&Path>) -> anyhow::Result<String> {
    let Some(path) = file else {
        return Ok(skypie::scenario::BUILT_IN.to_string());
    };
    let source = Source::from_arg(path);
    read_text(&source).map_err(
        |e| match kept_of_missing(path).or_else(|| how_to_start(path)) {
            Some(hint) => anyhow!("{e}\n({hint})"),
            None => anyhow!("{e}"),
        },
    )
}

/// Refuses to start without a terminal that can draw a screen, pointing at `eval` of the
/// file given (`plan q4.toml` was pointed at another file's eval).
fn refuse_without_a_terminal(file: Option<&Path>) -> anyhow::Result<()> {
    let eval = file.map_or_else(
        || {
            "`skypie eval FILE` (e.g. skypie eval scenarios/01-series-b-first-90-days.toml)"
                .to_string()
        },
        |path| format!("`skypie eval {}`", command_path(path)),
    );
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("the live session needs a terminal; to evaluate a scenario without one, use {eval}");
    }
    // A terminal that says it cannot move its cursor would show the screen as garbage.
    if std::env::var_os("TERM").is_some_and(|term| term == "dumb") {
        bail!(
            "the live session needs a terminal that can draw a screen, and TERM is `dumb`; \
             run it in a terminal emulator (or set TERM, e.g. TERM=xterm-256color), or use \
             {eval} here"
        );
    }
    Ok(())
}

/// The flags the signals set: `stop` by any that would end the process, `suspend` by SIGTSTP.
struct Signals {
    stop: Arc<AtomicBool>,
    suspend: Arc<AtomicBool>,
}

/// Listens for the signals: `kill` and a closed terminal window (any signal that would end the
/// process) end the session like an error, unsaved edits kept and the terminal restored
/// (Ctrl-C is a key in the session, not a signal); SIGTSTP stops it until continued.
fn listen_for_signals() -> anyhow::Result<Signals> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in crate::interrupt::ending() {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .context("cannot listen for termination signals")?;
    }
    let suspend = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(SIGTSTP, Arc::clone(&suspend))
        .context("cannot listen for the stop signal")?;
    Ok(Signals { stop, suspend })
}

/// The [`Watchdog`] on `stop`, which keeps the edits as [`recover`] does, and says so as
/// [`end_after_failure`] does, when the main loop does not answer it.
fn watch(stop: &Arc<AtomicBool>) -> Watchdog {
    Watchdog::spawn(
        Arc::clone(stop),
        |file, led, text| match keep_edits(
            file.as_deref(),
            led.as_deref(),
            text.clone(),
            &fallback_folders(),
        ) {
            Ok(path) => (String::new(), kept_in(&path, file.as_deref())),
            Err(e) => kept_nowhere(Some(&text), &e),
        },
        || {
            let _ = restore_terminal();
            // The main loop holds the terminal, whose drop would show the cursor: shown here
            // (the shell's cursor stayed hidden).
            let _ =
                ratatui::crossterm::execute!(std::io::stdout(), ratatui::crossterm::cursor::Show);
        },
    )
}

/// After a quit: the terminal back, and the rows no save wrote to the session log (edits
/// discarded at quit, a reload) appended to the log of the plan `file`, beside `led` (see
/// [`Shell::resolved_plan`] and [`ending_at`]).
fn end_cleanly(app: &App, file: Option<&Path>, led: Option<&Path>) {
    let _ = restore_terminal();
    let log = app.quit_log();
    if let Some(file) = file.filter(|_| !log.is_empty()) {
        let led = led_or_now(file, led);
        if let Err(e) = append_session_log(file, &led, &log) {
            print_error(&format!(
                "note: {}\n",
                log_kept_elsewhere(file, &led, &log, &e)
            ));
        }
    }
    // Written as the errors are, a terminal gone meanwhile ignored (`println!` would panic).
    if let Some(saved) = app.saved_and_quit() {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "skypie: {}", printable(saved));
        let _ = out.flush();
    }
}

/// After the session ended on `failure` (a signal, the end of input, a terminal gone, or a
/// panic, `panicked`): the unsaved edits kept in a recovery file of the plan `file` (with
/// `mode`, its permissions), the terminal back, the session log appended, both beside `led`
/// (see [`Shell::resolved_plan`] and [`ending_at`]); the error, saying where the edits are.
fn end_after_failure(
    app: &App,
    file: Option<&Path>,
    led: Option<&Path>,
    mode: u32,
    mut terminal: DefaultTerminal,
    panicked: bool,
    failure: anyhow::Error,
) -> anyhow::Error {
    // Bounded, as the watchdog's ending is: a recovery file written to a hung disk never ended
    // the session; the plan with its edits is printed then, where they are not kept yet.
    let kept_yet: Arc<Mutex<EditsKept>> = Arc::default();
    let _bound = {
        let (kept_yet, text) = (Arc::clone(&kept_yet), app.recovery_text());
        let (failure, file) = (failure.to_string(), file.map(Path::to_path_buf));
        watchdog::ending_bound(move || {
            let restore = || {
                if !panicked {
                    let _ = restore_terminal();
                }
            };
            let ended = EndingOverran {
                failure: &failure,
                kept: &kept_yet,
                text,
                file: file.as_deref(),
            };
            ended.say_goodbye(restore, |said| print_error(&said));
        })
    };
    // The edits first: restoring a terminal that is gone can fail or take a while.
    let kept = recover(app, file, led, mode, &fallback_folders());
    let now = match &kept {
        None => Some(EditsKept::NothingToKeep),
        Some(Ok(path)) => Some(EditsKept::At(path.clone())),
        Some(Err(_)) => None,
    };
    if let Some(now) = now {
        *kept_yet.lock().unwrap_or_else(PoisonError::into_inner) = now;
    }
    // After a panic, the hook has restored the terminal already; restoring twice would move
    // the cursor back over the panic message.
    if !panicked {
        let _ = restore_terminal();
    }
    // Dropping the terminal shows the cursor, and on a terminal that is gone it would print
    // (and fail to print) an error: show it here, and if that fails, drop nothing.
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
    // Who made the edits, when, and P(feasible) go to the session log: those saved whose log
    // could not be written then, and those kept unsaved, marked so.
    let kept_path = match &kept {
        Some(Ok(path)) => Some(path.as_path()),
        _ => None,
    };
    let log = app.abrupt_end_log(kept_path);
    let log_failed = match file {
        Some(file) if !log.is_empty() => {
            let led = led_or_now(file, led);
            let failed = append_session_log(file, &led, &log).err();
            failed.map(|e| log_kept_elsewhere(file, &led, &log, &e))
        }
        _ => None,
    };
    let kept = match kept {
        Some(Ok(path)) => Some(kept_in(&path, file)),
        Some(Err(e)) => {
            let (shown, said) = kept_nowhere(app.recovery_text().as_deref(), &e);
            print_error(&shown);
            Some(said)
        }
        None => None,
    };
    let context = match (kept, log_failed) {
        (Some(kept), Some(why)) => Some(format!("{kept} ({why})")),
        (Some(said), None) | (None, Some(said)) => Some(said),
        (None, None) => None,
    };
    match context {
        Some(context) => failure.context(context),
        None => failure,
    }
}

/// How far an ending after a failure got with the unsaved edits, for its bound's goodbye.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
enum EditsKept {
    /// Not kept yet (or they could not be): the goodbye prints the plan with them.
    #[default]
    NotYet,
    /// There were none.
    NothingToKeep,
    /// Kept in this recovery file.
    At(PathBuf),
}

/// An ending after `failure` that overran [`watchdog::ENDING_WITHIN`]: the edits `kept` so
/// far (looked at once the terminal is back), `text` the plan with them, of the plan `file`.
struct EndingOverran<'a> {
    failure: &'a str,
    kept: &'a Mutex<EditsKept>,
    text: Option<String>,
    file: Option<&'a Path>,
}

impl EndingOverran<'_> {
    /// The terminal given back first (`restore`), as the watchdog's goodbye does: the plan
    /// printed onto the alternate screen in raw mode went with it; then `say` told where the
    /// edits are.
    fn say_goodbye(self, restore: impl FnOnce(), say: impl FnOnce(String)) {
        restore();
        let late = std::io::Error::other(format!(
            "it did not finish within {} seconds",
            watchdog::ENDING_WITHIN.as_secs()
        ));
        let kept = self
            .kept
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let (shown, said) = match (kept, self.text) {
            (EditsKept::At(path), _) => (String::new(), kept_in(&path, self.file)),
            (EditsKept::NotYet, Some(text)) => kept_nowhere(Some(&text), &late),
            _ => (String::new(), format!("the session's ending hung: {late}")),
        };
        say(format!("{shown}error: {}: {said}\n", self.failure));
    }
}

/// What became of the session log's rows that the log of the plan `file` (beside `led`) could
/// not take (`e`): kept in a fallback folder, as unsaved edits are ([`keep_log_rows`]; they
/// went nowhere), or lost, and why.
fn log_kept_elsewhere(file: &Path, led: &Path, log: &LogAppend, e: &WriteError) -> String {
    match keep_log_rows(file, led, log, e, &fallback_folders()) {
        Ok(path) => format!(
            "the session log could not be appended ({e}); its rows are in {}",
            shown_path(&path)
        ),
        Err(nor) => format!("the session log could not be appended: {nor}"),
    }
}

/// Where the unsaved edits of the plan `file` were kept, as the error that ends the session
/// says it, and how to take them up: opening the plan offers them (it read as if the edits
/// had to be copied back by hand).
fn kept_in(path: &Path, file: Option<&Path>) -> String {
    let kept = format!("your unsaved edits are in {}", shown_path(path));
    match file {
        // Deleted while the session ran: `skypie plan gone.toml` found no such file.
        Some(file) if is_missing(file) => {
            let name = shown_path(file);
            let back = copied_back(path, file);
            if crate::files::folder_of(file).is_dir() {
                return format!("{kept}, with the whole plan ({name} {NO_LONGER_ON_DISK}: {back})");
            }
            // Its folder gone too: moved where the session cannot follow it (another file
            // system), or deleted; `mkdir -p d1` beside a `d3/` moved made a second copy.
            let file_name = file.file_name().unwrap_or_default().to_string_lossy();
            format!(
                "{kept}, with the whole plan ({name} {NO_LONGER_ON_DISK}, {NOR_ITS_FOLDER}: where \
                 the folder was moved, cp {} into it as {}, then skypie plan that; where it was \
                 deleted, {back})",
                command_path(path),
                printable(&file_name)
            )
        }
        Some(file) => format!("{kept} (`skypie plan {}` offers them)", command_path(file)),
        None => kept,
    }
}

/// The commands that put the plan kept in `kept` back at `file` and open it, as they paste:
/// its folder made first where it is gone too (`cp` into it failed).
fn copied_back(kept: &Path, file: &Path) -> String {
    let folder = crate::files::folder_of(file);
    let make_folder = if folder.is_dir() {
        String::new()
    } else {
        format!("mkdir -p {}, ", command_path(folder))
    };
    let (kept, file) = (command_path(kept), command_path(file));
    format!("{make_folder}cp {kept} {file}, then skypie plan {file}")
}

/// When no folder could take the unsaved edits: the plan with them, to print before the error
/// (the terminal, if it is still there, is the last place left), and what the error says.
/// It read "error: and the unsaved edits could not be kept: …", and the edits were gone.
fn kept_nowhere(text: Option<&str>, error: &std::io::Error) -> (String, String) {
    let shown = text.map_or_else(String::new, |text| {
        format!(
            "{}\n(the plan with the unsaved edits, which could not be written anywhere: copy \
             it into a file to keep them)\n",
            printable_lines(text)
        )
    });
    let said = format!(
        "the unsaved edits could not be kept in a file ({error}); the plan with them is above"
    );
    (shown, said)
}

/// Undoes [`take_over_terminal`]: bracketed paste off, the session's screen cleared, then
/// ratatui's restore (raw mode off, the main screen back). Cleared first: tmux, after the
/// window grew during the session, put the last screen's lines above the shell's prompt when
/// the main screen came back.
fn restore_terminal() -> std::io::Result<()> {
    // Raw mode off first: it writes nothing, so a terminal nobody reads (a stalled SSH link),
    // where the writes after it block, still gets its line editing and echo back.
    let raw = ratatui::crossterm::terminal::disable_raw_mode();
    let screen = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::DisableBracketedPaste,
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All),
        ratatui::crossterm::terminal::LeaveAlternateScreen
    );
    raw.and(screen)
}

/// Raw mode, the alternate screen and bracketed paste, like `ratatui::try_init`, with a panic hook that
/// restores the terminal without printing anything itself: on a terminal that is gone,
/// ratatui's own hook would fail to print its error and panic inside the panic.
fn take_over_terminal() -> std::io::Result<DefaultTerminal> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = restore_terminal();
        previous(info);
    }));
    enter_session_screen()?;
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(std::io::stdout()))
}

/// Raw mode, the alternate screen and bracketed paste: what [`restore_terminal`] undoes.
fn enter_session_screen() -> std::io::Result<()> {
    ratatui::crossterm::terminal::enable_raw_mode()?;
    // Bracketed paste: a paste arrives as one event, never as keys (a pasted newline would
    // be Enter, and a pasted `q` then `d` would quit and discard).
    ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen,
        ratatui::crossterm::event::EnableBracketedPaste
    )
}

/// Stopped from outside (SIGTSTP: docs/SESSION.md, `q, Ctrl-C`): gives the terminal
/// back to the shell as a quit does (the cursor shown too), stops as SIGTSTP would have, and
/// once continued (`fg`) takes the terminal over again and draws everything anew. A terminal
/// that cannot be taken back ends the session as any terminal failure does.
fn stop_until_continued(terminal: &mut DefaultTerminal) -> std::io::Result<()> {
    // What cannot be undone on the way out does not keep the session from stopping.
    let _ = restore_terminal();
    let _ = terminal.show_cursor();
    // The session's SIGTSTP handler stands in for the default action: this stops the process
    // (with SIGSTOP) and returns when it is continued.
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    enter_session_screen()?;
    terminal.clear()
}

/// The file `file` leads to when it is a symbolic link or in a folder reached through one
/// (`cur/plan.toml`, `cur` a link to `r1`), as a full path (`work/../real/plan.toml` reads
/// `/home/dana/real/plan.toml`); `file` itself otherwise. A file the link leads to that is not
/// there (deleted since) is named by its folder's full path, so that it reads as the file it
/// led to when it was there. A folder link pointed elsewhere mid-session leads the plan's name
/// to another plan, as a link to the file itself does: it was taken for a colleague's edit,
/// and a merge wrote into the other plan.
fn led_to(file: &Path) -> PathBuf {
    let real = link_target(file);
    if real == file && !through_a_folder_link(file) {
        return real;
    }
    fs::canonicalize(&real).unwrap_or_else(|_| {
        let folder = real.parent().and_then(|p| fs::canonicalize(p).ok());
        match (folder, real.file_name()) {
            (Some(folder), Some(name)) => folder.join(name),
            _ => real,
        }
    })
}

/// Whether `file` is named through a folder that is a symbolic link (`cur/plan.toml`, `cur` a
/// link to `r1`).
fn through_a_folder_link(file: &Path) -> bool {
    file.ancestors()
        .skip(1)
        .filter(|folder| !folder.as_os_str().is_empty())
        .any(|folder| fs::symlink_metadata(folder).is_ok_and(|m| m.file_type().is_symlink()))
}

/// Where an ending keeps and logs `app`'s edits: beside the file they are of, which is where
/// the plan's name led as the shell last knew it (`led`), unless a link was pointed elsewhere
/// since and a save there declined ([`App::edits_belong_to`]).
fn edits_home(app: &App, led: Option<PathBuf>) -> Option<PathBuf> {
    app.edits_belong_to().map(Path::to_path_buf).or(led)
}

/// Where `led` says `file` led when the session last read or saved it, else where it leads
/// now.
fn led_or_now(file: &Path, led: Option<&Path>) -> PathBuf {
    led.map_or_else(|| led_to(file), Path::to_path_buf)
}

/// How long the main loop waits for a key before it looks at everything else again: the
/// signal flag, the terminal's hang-up, the worker's results. A frame while the worker owes
/// figures; a quarter of a second otherwise, so an idle session barely wakes the CPU (a key
/// still arrives at once: the wait ends with it).
const TICK: Duration = Duration::from_millis(20);
const IDLE_TICK: Duration = Duration::from_millis(250);

/// The keys that make the session panic or stop listening, for the checks that either still
/// keeps the edits ([`DEBUG_PANIC_VARIABLE`], [`DEBUG_HANG_VARIABLE`]).
#[derive(Debug, Clone, Copy)]
struct DebugKeys {
    panic: Option<char>,
    hang: Option<char>,
}

/// What the main loop listens to, and how it draws.
struct Shell<'a> {
    /// Told what an ending would keep, whenever something happens.
    watchdog: &'a Watchdog,
    worker: &'a Worker,
    events: &'a Receiver<Input>,
    stop: &'a AtomicBool,
    /// Set by SIGTSTP: stop until continued.
    suspend: &'a AtomicBool,
    hang_up: HangUpCheck,
    theme: Theme,
    /// The open plan's permissions, as last seen on disk.
    plan_mode: &'a std::cell::RefCell<PlanMode>,
    /// Looks at the plan's file, or the open question's, off this thread.
    watcher: &'a Watcher,
    /// What the watcher was last told to look at ([`disk::look_for`]).
    watching: std::cell::RefCell<Option<Look>>,
    /// Where the watcher was last told the plan's file led ([`Place`]).
    placed: std::cell::RefCell<Placed>,
    /// The file the open plan's name led to (itself, unless a symbolic link) when this session
    /// last read or saved it: where its session log and recovery files go.
    resolved_plan: &'a std::cell::RefCell<Option<PathBuf>>,
    /// Where [`Shell::resolved_plan`] was, its folder known by device and inode, when last
    /// there: a save under another name into that folder renamed is a save of the plan moved
    /// with it.
    plan_whereabouts: &'a std::cell::RefCell<Option<Whereabouts>>,
}

/// What the watcher was last told of where the plan's file led ([`Shell::placed`]).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Placed {
    /// Nothing yet, or not since the plan was settled anew: told at the next look.
    Untold,
    /// No file: the built-in scenario.
    NoFile,
    /// The file the plan's name led to.
    Led(PathBuf),
}

impl Placed {
    /// Told that the plan's name led to `led`.
    fn told(led: Option<PathBuf>) -> Placed {
        led.map_or(Placed::NoFile, Placed::Led)
    }

    /// Whether this is what was told of `led` (asked each tick: no copy of the path made).
    fn is_of(&self, led: Option<&Path>) -> bool {
        match self {
            Placed::Untold => false,
            Placed::NoFile => led.is_none(),
            Placed::Led(told) => led == Some(told.as_path()),
        }
    }
}

impl Shell<'_> {
    /// Draws, waits for a key or a result, lets the app decide, carries out what it asks.
    /// Returns when the app quits; fails when the session must end: a signal, the end of
    /// input, a terminal that cannot be drawn on, a worker that stopped.
    fn run(
        &self,
        terminal: &mut DefaultTerminal,
        app: &mut App,
        initial: Vec<Effect>,
    ) -> anyhow::Result<()> {
        let debug_key = |variable| {
            std::env::var(variable)
                .ok()
                .and_then(|v: String| v.chars().next())
        };
        let keys = DebugKeys {
            panic: debug_key(DEBUG_PANIC_VARIABLE),
            hang: debug_key(DEBUG_HANG_VARIABLE),
        };
        let size = terminal.size()?;
        let mut pending: VecDeque<Effect> = app
            .handle(Msg::Resize {
                width: size.width,
                height: size.height,
            })
            .into();
        pending.extend(initial);
        let mut redraw = true;
        // Whether anything but the worker's figures came in since the watchdog was last told
        // what an ending would keep.
        let mut touched = true;
        loop {
            if self.stop.load(Ordering::Relaxed) {
                bail!("the session was stopped by a signal");
            }
            if let Some(why) = self.hang_up.hung_up() {
                bail!("{why}");
            }
            if self.suspend.swap(false, Ordering::Relaxed) {
                stop_until_continued(terminal).context("cannot take the terminal back")?;
                redraw = true;
            }
            redraw |= !pending.is_empty();
            // A save, a reload or an answer may change what the edits are.
            touched |= !pending.is_empty();
            if self.carry_out(app, &mut pending)? {
                return Ok(());
            }
            if redraw {
                // What an ending would keep, before the frame (where the 1e308 hang was); only
                // after something but the worker's figures came in (the render loop wrote the
                // plan out, 63 µs, for every estimate).
                if touched {
                    let led = self.edits_home(app);
                    let was = self.plan_whereabouts.borrow().clone();
                    let mode = self.plan_mode.borrow_mut().for_outputs(app.file.as_deref());
                    self.watchdog
                        .keep(app.file.clone(), led, was, kept_text(app, mode));
                    touched = false;
                }
                terminal.draw(|frame| ui::draw(app, frame, self.theme))?;
                redraw = false;
            }
            let wait = if app.awaits_worker() { TICK } else { IDLE_TICK };
            for msg in self.next_messages(wait, keys)? {
                touched |= !matches!(msg, Msg::Worker(_));
                pending.extend(app.handle(msg));
                redraw = true;
                // Each message's work is done before the next is handled, as keys are typed:
                // `s` and `→` read at once saved the plan as `s` found it, then counted the
                // edit `→` made since as saved too.
                if self.carry_out(app, &mut pending)? {
                    return Ok(());
                }
            }
            if self.take_a_finding(app, &mut pending)? {
                redraw = true;
                touched = true;
            }
            for msg in self.watcher.moved()? {
                pending.extend(app.handle(msg));
                redraw = true;
            }
        }
    }

    /// The watcher told what to look at as the app is now, and what it found, if anything,
    /// given to the app; true when it was. The plan's file while nothing is asked: a
    /// colleague's save is reloaded, or marked where there are unsaved edits (it went unseen
    /// until `s`). The file an open question is about: the question says what it holds now,
    /// where the plan's name leads measured from the file the session last read or saved (a
    /// link's question declined: a colleague's edit there, found after the link was pointed
    /// back, read as "another plan", and `y` wrote over it). A finding for a look the app has
    /// moved on from (an editor opened since) is found again, not lost.
    fn take_a_finding(
        &self,
        app: &mut App,
        pending: &mut VecDeque<Effect>,
    ) -> anyhow::Result<bool> {
        let led = self.edits_home(app);
        if !self.placed.borrow().is_of(led.as_deref()) {
            let was = self.plan_whereabouts.borrow().clone();
            self.watcher.place(Place {
                led: led.clone(),
                was,
            })?;
            *self.placed.borrow_mut() = Placed::told(led.clone());
        }
        let look = look_for(app, led.as_deref());
        if *self.watching.borrow() != look {
            self.watcher.look_at(look.clone())?;
            *self.watching.borrow_mut() = look.clone();
        }
        let Finding::Taken(msg) = self.watcher.finding_for(look.as_ref())? else {
            return Ok(false);
        };
        if matches!(look, Some(Look::Question { .. })) {
            *self.resolved_plan.borrow_mut() = led_after(led, &msg, app.file.as_deref());
        }
        pending.extend(app.handle(msg));
        Ok(true)
    }

    /// Where an ending would keep and log the edits now ([`edits_home`]): the file the plan's
    /// name led to as the shell last knew it, unless the app says they belong elsewhere.
    fn edits_home(&self, app: &App) -> Option<PathBuf> {
        edits_home(app, self.resolved_plan.borrow().clone())
    }

    /// Which file the plan is, settled anew (a save made, the plan found moved with its
    /// folder, a reload): `led`, where its name leads now, and where that file is (kept as it
    /// was where its folder cannot be looked at).
    fn settle(&self, led: Option<PathBuf>) {
        if let Some(now) = led.as_deref().and_then(whereabouts) {
            *self.plan_whereabouts.borrow_mut() = Some(now);
        }
        *self.resolved_plan.borrow_mut() = led;
        *self.placed.borrow_mut() = Placed::Untold;
    }

    /// Carries out the app's effects, and those its answers ask for; true when it quits.
    fn carry_out(&self, app: &mut App, pending: &mut VecDeque<Effect>) -> anyhow::Result<bool> {
        while let Some(effect) = pending.pop_front() {
            match effect {
                Effect::Quit => return Ok(true),
                Effect::Compute {
                    generation,
                    scenario,
                } => {
                    if !self.worker.compute(generation, *scenario) {
                        bail!("the model worker stopped");
                    }
                }
                Effect::Save(request) => {
                    // Where the plan is, looked at as the save touches the disk anyway (the
                    // watcher says it once a second): an `s` read as the folder was renamed
                    // found the plan at its old name.
                    let now = moved_since(
                        self.edits_home(app).as_deref(),
                        self.plan_whereabouts.borrow().as_ref(),
                    );
                    if now.as_deref() != app.moved_to() {
                        pending.extend(app.handle(Msg::PlanMoved(now)));
                    }
                    let open = app.file.as_deref();
                    let new_mode = self.plan_mode.borrow_mut().for_outputs(open);
                    // The file the session last read or saved: a save asked about a link
                    // pointed elsewhere and declined leaves the plan there.
                    let led = self.edits_home(app);
                    let was = self.plan_whereabouts.borrow().clone();
                    let open = open.map(|name| OpenPlan {
                        name,
                        led: led.as_deref(),
                        was: was.as_ref(),
                    });
                    for msg in save(&request, open, new_mode) {
                        let said = msg.clone();
                        pending.extend(app.handle(msg));
                        let led = led_after(self.resolved_plan.take(), &said, app.file.as_deref());
                        if settles_the_plan(&said) {
                            self.settle(led);
                        } else {
                            *self.resolved_plan.borrow_mut() = led;
                        }
                    }
                }
                Effect::PlanRead => self.settle(app.file.as_deref().map(led_to)),
                Effect::RecoveryTaken {
                    recovery,
                    plan,
                    when,
                } => {
                    // Unmarked, it is offered again at the next open, where `k` keeps the file.
                    if let Err(why) = mark_taken(&recovery, &plan, &when) {
                        app.tell_error(format!(
                            "{why}: not marked as loaded and saved (where it is still there, the next open offers it again)"
                        ));
                    }
                }
                Effect::Export(files) => {
                    let new_mode = self.plan_mode.borrow_mut().for_outputs(app.file.as_deref());
                    let plan_changed = app
                        .file
                        .as_ref()
                        .filter(|file| changed_since(file, app.saved_text()))
                        .cloned();
                    pending.extend(app.handle(export(&files, new_mode, plan_changed)));
                }
            }
        }
        Ok(false)
    }

    /// Waits up to `wait` for input, then takes all input and results that have arrived.
    fn next_messages(&self, wait: Duration, debug: DebugKeys) -> anyhow::Result<Vec<Msg>> {
        let first = match self.events.recv_timeout(wait) {
            Ok(input) => Some(input),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => bail!("the terminal input stopped"),
        };
        let mut msgs = Vec::new();
        for input in first.into_iter().chain(self.events.try_iter()) {
            match input {
                Input::Ended(why) => bail!("{why}"),
                Input::Event(Event::Key(key)) => {
                    let is = |debug: Option<char>| {
                        debug.is_some_and(|c| key.code == KeyCode::Char(c))
                            && key.kind == KeyEventKind::Press
                    };
                    if is(debug.panic) {
                        panic!("forced panic ({DEBUG_PANIC_VARIABLE} is set)");
                    }
                    if is(debug.hang) {
                        loop {
                            std::thread::sleep(Duration::from_secs(1));
                        }
                    }
                    msgs.push(Msg::Key(key));
                }
                Input::Event(Event::Paste(text)) => msgs.push(Msg::Paste(text)),
                Input::Event(Event::Resize(width, height)) => {
                    msgs.push(Msg::Resize { width, height });
                }
                Input::Event(_) => {}
            }
        }
        while let Some(notification) = self.worker.try_recv()? {
            msgs.push(Msg::Worker(notification));
        }
        Ok(msgs)
    }
}
