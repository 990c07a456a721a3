//! The live planning session: the shell around [`app::App`]. It owns the terminal, the input
//! and worker threads and the file system; the app decides, the shell carries out.
//!
//! The terminal is restored on every way out: a normal quit, an error, SIGTERM, SIGHUP,
//! SIGINT or another signal that ends a process ([`crate::interrupt::ENDING`]), the end of input (a closed window: see [`input`]), and a panic (the hook set in
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
pub mod ui;
mod watchdog;
pub mod worker;

#[cfg(test)]
mod tests;

use std::collections::VecDeque;
use std::ffi::OsString;
use std::fs;
use std::io::{IsTerminal, Write};
use std::os::unix::fs::DirBuilderExt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use crate::terminal::print_error;
use anyhow::{Context, anyhow, bail};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind};
use signal_hook::consts::SIGTSTP;
use skypie::scenario::ScenarioError;
use skypie::source::Source;
use skypie::text::{printable, printable_lines};

use crate::files::{
    Whereabouts, WriteError, already_exists, create_new_file, ending_at, link_target,
    mode_for_copies_of, moved_since, read_text, same_file, same_path, whereabouts,
};
use app::{App, Effect, Msg};
use disk::{
    OpenPlan, PlanMode, Stamp, append_session_log, changed_since, export, led_after,
    look_at_conflict, save, settles_the_plan,
};
use input::{HangUpCheck, Input};
use ui::Theme;
use watchdog::Watchdog;
use worker::Worker;

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
    let typed = shell_word(&named);
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

/// `path` as a shell word to type after a command ([`skypie::text::shell_word`]: a line
/// break in a name as `$'a\nb.toml'`, which a terminal shows on one line), kept from reading
/// as an option (`./-x.toml`).
fn shell_word(path: &Path) -> String {
    let name = path.to_string_lossy();
    let name = if name.starts_with('-') {
        format!("./{name}")
    } else {
        name.into_owned()
    };
    skypie::text::shell_word(&name)
}

/// For a scenario file that is not there (deleted or renamed after a session on it ended
/// without saving): the newest recovery file that session left, which holds the whole plan
/// with its edits, and how to take it up again. "no such file" and how to start a new plan
/// sent the user to a template, away from the plan the recovery file holds.
fn kept_of_missing(path: &Path) -> Option<String> {
    if !is_missing(path) {
        return None;
    }
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
    let file = shell_word(path);
    let offered = readable.map(|i| {
        let kept = shell_word(&found[i].0);
        format!(
            "a session's unsaved edits to it were kept, with the whole plan, in {kept}: to take \
             them up again, cp {kept} {file}, then skypie plan {file}"
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
    refuse_without_a_terminal(file.as_deref())?;
    let disk = app::Disk {
        is_folder: crate::files::is_folder_now,
        is_there: |path| path.exists(),
    };
    let named = file.as_deref().map(skypie::source::Source::file);
    let (mut app, mut effects) = App::new(&text, file, roles.0, now, disk).map_err(|e| {
        let e = match &named {
            Some(source) => crate::files::told_as_data(e, source, &text),
            None => e,
        };
        anyhow!("{e:#}")
    })?;
    if let Some(found) = find_recovery(app.file.as_deref(), &fallback_folders()) {
        effects.extend(app.handle(found));
    }
    let worker = Worker::spawn();
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
            plan_mode: std::cell::RefCell::new(PlanMode::of(app.file.as_deref())),
            looked: std::cell::Cell::new(None),
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
    match outcome {
        Ok(Ok(())) => {
            end_cleanly(&app, file, led);
            Ok(())
        }
        Ok(Err(error)) => Err(end_after_failure(&app, file, led, terminal, false, error)),
        Err(_) => {
            let error = anyhow!("skypie stopped on an internal error (the message is above)");
            Err(end_after_failure(&app, file, led, terminal, true, error))
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
        |path| format!("`skypie eval {}`", shell_word(path)),
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
    for signal in crate::interrupt::ENDING {
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
            Ok(path) => (String::new(), kept_in(&path)),
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
    if let Some(file) = file.filter(|_| !log.is_empty())
        && let Err(e) = append_session_log(file, &led_or_now(file, led), &log)
    {
        print_error(&format!(
            "note: the session log could not be appended: {e}\n"
        ));
    }
    // Written as the errors are, a terminal gone meanwhile ignored (`println!` would panic).
    if let Some(saved) = app.saved_and_quit() {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "skypie: {}", printable(saved));
        let _ = out.flush();
    }
}

/// After the session ended on `failure` (a signal, the end of input, a terminal gone, or a
/// panic, `panicked`): the unsaved edits kept in a recovery file of the plan `file`, the
/// terminal back, the session log appended, both beside `led` (see [`Shell::resolved_plan`]
/// and [`ending_at`]); the error, saying where the edits are.
fn end_after_failure(
    app: &App,
    file: Option<&Path>,
    led: Option<&Path>,
    mut terminal: DefaultTerminal,
    panicked: bool,
    failure: anyhow::Error,
) -> anyhow::Error {
    // The edits first: restoring a terminal that is gone can fail or take a while.
    let kept = recover(app, file, led, &fallback_folders());
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
            append_session_log(file, &led_or_now(file, led), &log).err()
        }
        _ => None,
    };
    let kept = match kept {
        Some(Ok(path)) => Some(kept_in(&path)),
        Some(Err(e)) => {
            let (shown, said) = kept_nowhere(app.recovery_text().as_deref(), &e);
            print_error(&shown);
            Some(said)
        }
        None => None,
    };
    let log_failed = log_failed.map(|e| format!("the session log could not be appended: {e}"));
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

/// Where the unsaved edits were kept, as the error that ends the session says it.
fn kept_in(path: &Path) -> String {
    format!(
        "your unsaved edits are in {}",
        printable(&path.display().to_string())
    )
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
    let pasting = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::DisableBracketedPaste,
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All)
    );
    ratatui::try_restore().and(pasting)
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

/// Where a recovery file goes when its file's folder cannot take it, in this order: skypie's
/// folder in the user's state folder (`$XDG_STATE_HOME/skypie`, else `~/.local/state/skypie`:
/// the same whichever folder the plan is reopened from, and kept over a restart), the current
/// folder, the temporary folder, and `/tmp` (README, "Saving, merging and recovery"). A plan
/// reopened looks in each. Edits kept in the current folder were offered only to a session
/// started from that folder, and a temporary folder that could not take them was the last try.
fn fallback_folders() -> Vec<PathBuf> {
    fallbacks_in(
        std::env::var_os("XDG_STATE_HOME").map(PathBuf::from),
        std::env::var_os("HOME").map(PathBuf::from),
        std::env::current_dir().ok(),
        std::env::temp_dir(),
    )
}

/// skypie's folder in the user's state folder.
const STATE_FOLDER: &str = "skypie";

/// [`fallback_folders`] from the state folder and home the environment names, the current
/// folder and the temporary folder; each once.
fn fallbacks_in(
    state_home: Option<PathBuf>,
    home: Option<PathBuf>,
    current: Option<PathBuf>,
    temporary: PathBuf,
) -> Vec<PathBuf> {
    // A relative XDG_STATE_HOME is to be ignored (the XDG Base Directory Specification).
    let state = state_home
        .filter(|state| state.is_absolute())
        .or_else(|| Some(home.filter(|home| home.is_absolute())?.join(".local/state")))
        .map(|state| state.join(STATE_FOLDER));
    let folders = [state, current, Some(temporary), Some(PathBuf::from("/tmp"))];
    let mut unique: Vec<PathBuf> = Vec::new();
    for folder in folders.into_iter().flatten() {
        if !unique.contains(&folder) {
            unique.push(folder);
        }
    }
    unique
}

/// `file` as a recovery file kept elsewhere names it: its full path, links resolved where it
/// still exists, else from the folder the session started in ([`started_in`]).
fn full_path(file: &Path) -> PathBuf {
    fs::canonicalize(file)
        .ok()
        .or_else(|| full_path_from(file, started_in()?))
        .unwrap_or_else(|| file.to_path_buf())
}

/// `file` as a full path, a relative one read from `folder`.
fn full_path_from(file: &Path, folder: &Path) -> Option<PathBuf> {
    std::path::absolute(folder.join(file)).ok()
}

/// The folder skypie started in, which every relative name it is given is relative to (it
/// never changes folder): asked once, at the start (`run` asks first), since a folder deleted
/// since has no name left to ask for. A session started in the plan's folder, which was then
/// deleted, named its edits "of plan.toml", and another folder's plan.toml was offered them.
fn started_in() -> Option<&'static Path> {
    static STARTED_IN: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    STARTED_IN
        .get_or_init(|| std::env::current_dir().ok())
        .as_deref()
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

/// The recovery files of `file` (or of the built-in scenario in the current folder), newest
/// first, for the app to offer the newest with something left to offer: beside it, or in one
/// of the `fallbacks` when it names `file` as its own.
/// Each candidate is read once; one that cannot be read is listed with why (the session names
/// it beside an older one it offers), and one that is no file (a folder of that name) is
/// passed over.
fn find_recovery(file: Option<&Path>, fallbacks: &[PathBuf]) -> Option<Msg> {
    // Opened through a symbolic link, the file's recovery files are beside the file the link
    // leads to (where its saves go), or beside the link (where earlier versions kept them).
    let real = file.map(led_to);
    let mut names = vec![file];
    if real.as_deref() != file {
        names.push(real.as_deref());
    }
    let mut found: Vec<(PathBuf, RecoveryText)> = Vec::new();
    for name in &names {
        // A link and its target of one name share the fallback folders' files, and a folder
        // link's files are its folder's (`scur/…` and `/…/q1/…`, one file counted as "1
        // older recovery file beside it"): once each.
        for recovery in recoveries_under(*name, file, fallbacks) {
            if !found
                .iter()
                .any(|(path, _)| *path == recovery.0 || same_file(path, &recovery.0))
            {
                found.push(recovery);
            }
        }
    }
    recovery::newest_first(&names, &mut found);
    let saved_since = saved_after(file, &found);
    (!found.is_empty()).then_some(Msg::RecoveryFound { found, saved_since })
}

/// The recovery files among `found` that `file` was saved after: its modification time is
/// later than theirs (a recovery file is written once, as its session ends).
fn saved_after(file: Option<&Path>, found: &[(PathBuf, RecoveryText)]) -> Vec<PathBuf> {
    let modified = |path: &Path| fs::metadata(path).and_then(|meta| meta.modified()).ok();
    let Some(saved) = file.and_then(modified) else {
        return Vec::new();
    };
    found
        .iter()
        .filter(|(path, _)| modified(path).is_some_and(|kept| kept < saved))
        .map(|(path, _)| path.clone())
        .collect()
}

/// A recovery file's text, or why it cannot be read.
type RecoveryText = Result<String, ScenarioError>;

/// The recovery files named after `name` (`file` itself, or the file its links lead to), with
/// their texts: beside it, or in one of the `fallbacks` when they name `file` as their own
/// (the built-in scenario's when they name none).
/// One beside it that cannot be read is listed with why; one elsewhere that cannot be read is
/// not (another folder's plan of the same name may have left it there).
fn recoveries_under(
    name: Option<&Path>,
    file: Option<&Path>,
    fallbacks: &[PathBuf],
) -> Vec<(PathBuf, RecoveryText)> {
    let read_all =
        |folder: &Path, place: &dyn Fn(OsString) -> PathBuf| -> Vec<(PathBuf, RecoveryText)> {
            let names: Vec<OsString> = fs::read_dir(folder)
                .into_iter()
                .flatten()
                .filter_map(|entry| Some(entry.ok()?.file_name()))
                .collect();
            recovery::recovery_files(name, &names)
                .into_iter()
                .map(place)
                .filter_map(|path| match fs::metadata(&path) {
                    // No file a session's edits were written to: a folder or a pipe of that name,
                    // or one gone since the folder was listed (or a link to nothing). A pipe is
                    // never opened: with no writer, reading it would wait for good.
                    Ok(meta) if !meta.is_file() => None,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                    _ => Some((path.clone(), read_text(&Source::file(&path)))),
                })
                .collect()
        };
    // Whether the file a recovery file names on its second line is this file; `None` for one
    // that names none (written before recovery files named theirs).
    let full = file.map(full_path);
    // A relative name (written before they were always full) says no folder: no file's.
    let names_this = |text: &str| {
        recovery::origin(text).map(|origin| {
            origin.is_absolute()
                && (full.as_ref() == Some(&origin)
                    || file.is_some_and(|file| same_path(&origin, file)))
        })
    };
    // Beside this file, one that names another file is not this file's: another session kept
    // it here for a plan of the same name whose own folder could not take it.
    let beside = recovery::folder(name);
    let beside_path = |recovery: OsString| match name {
        Some(name) => name.with_file_name(recovery),
        None => PathBuf::from(recovery),
    };
    let mut found: Vec<(PathBuf, RecoveryText)> = read_all(&beside, &beside_path)
        .into_iter()
        .filter(|(_, read)| match read {
            Ok(text) => file.is_none() || names_this(text) != Some(false),
            Err(_) => true,
        })
        .collect();
    // Elsewhere, only one that names this file (another folder's plan.toml shares its name);
    // for the built-in scenario, one that names no file: the built-in scenario's, kept there
    // when the folder its session started in could not take it, and offered to it anywhere
    // (it is the same plan everywhere; it was offered nowhere).
    let elsewhere = fallbacks
        .iter()
        .filter(|folder| !same_path(folder, &beside));
    // Only the user's own: /tmp is everyone's, and a file anyone can leave there would
    // otherwise be offered as this user's edits.
    let mine = |path: &Path| {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).is_ok_and(|meta| meta.uid() == rustix::process::getuid().as_raw())
    };
    for folder in elsewhere {
        found.extend(
            read_all(folder, &|name| folder.join(name))
                .into_iter()
                .filter(|(path, read)| {
                    mine(path)
                        && read.as_ref().is_ok_and(|text| match file {
                            Some(_) => names_this(text) == Some(true),
                            None => recovery::origin(text).is_none(),
                        })
                }),
        );
    }
    found
}

/// Writes the unsaved edits to a new recovery file (never over an older one) after the
/// session ended abruptly: of the plan `file`, beside `led`, else in one of the `fallbacks`,
/// naming the file it belongs to.
fn recover(
    app: &App,
    file: Option<&Path>,
    led: Option<&Path>,
    fallbacks: &[PathBuf],
) -> Option<std::io::Result<PathBuf>> {
    Some(keep_edits(file, led, app.recovery_text()?, fallbacks))
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

/// [`recover`] of `text`, the plan `file` with its unsaved edits, beside `led`, the file its
/// name led to when the session last read or saved it ([`Shell::resolved_plan`]).
fn keep_edits(
    file: Option<&Path>,
    led: Option<&Path>,
    text: String,
    fallbacks: &[PathBuf],
) -> std::io::Result<PathBuf> {
    let stamp = chrono::Local::now()
        .format(recovery::STAMP_FORMAT)
        .to_string();
    // Opened through a symbolic link: beside the file the link leads to, where its saves go,
    // and named after it, for a session opening that file by its own name to find; led to
    // when the session last read or saved it (a link pointed at another plan since took this
    // plan's edits there, and offered them to that plan).
    let real = file.map(|file| led_or_now(file, led));
    let mut failed = match create_recovery(real.as_deref(), None, &stamp, &text) {
        Ok(path) => return Ok(path),
        Err(error) => error.to_string(),
    };
    // Beside the file is gone or shut (its folder deleted, say): the fallback folders
    // ([`fallback_folders`]), so that the edits are kept somewhere the message names. There the
    // file's full name goes on the second line, for the next session on it to find.
    let text = match file {
        Some(file) => recovery::with_origin(&text, &full_path(file)),
        None => text,
    };
    let beside = recovery::folder(real.as_deref());
    for folder in fallbacks.iter().filter(|f| !same_path(f, &beside)) {
        // skypie's state folder may not be there yet: made private, as the plans it keeps (no
        // other folder is made: a temporary folder gone is not skypie's to make).
        if folder.file_name() == Some(STATE_FOLDER.as_ref()) {
            let _ = fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(folder);
        }
        match create_recovery(real.as_deref(), Some(folder), &stamp, &text) {
            Ok(path) => return Ok(path),
            Err(error) => failed += &format!("; nor {error}"),
        }
    }
    Err(std::io::Error::other(failed))
}

/// Writes `text` as a new recovery file of `file` beside it, or in `folder`, numbered past the
/// names taken there (README: `-2`, `-3`): the name is chosen among those not taken and created
/// only if still free, so a second session that took it meanwhile sends this one to the next.
fn create_recovery(
    file: Option<&Path>,
    folder: Option<&Path>,
    stamp: &str,
    text: &str,
) -> Result<PathBuf, WriteError> {
    let placed = |path: &Path| match folder {
        Some(folder) => folder.join(path.file_name().unwrap_or_default()),
        None => path.to_path_buf(),
    };
    loop {
        let name =
            recovery::recovery_path(file, stamp, |p| fs::symlink_metadata(placed(p)).is_ok());
        let path = placed(&name);
        match create_new_file(&path, text.as_bytes(), mode_for_copies_of(file)) {
            Ok(()) => return Ok(path),
            Err(e) if already_exists(&e) => continue,
            Err(e) => return Err(e),
        }
    }
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
    plan_mode: std::cell::RefCell<PlanMode>,
    /// The stamp of the file the open conflict question is about, when last looked at
    /// ([`look_again`]).
    looked: std::cell::Cell<Option<Stamp>>,
    /// The file the open plan's name led to (itself, unless a symbolic link) when this session
    /// last read or saved it: where its session log and recovery files go.
    resolved_plan: &'a std::cell::RefCell<Option<PathBuf>>,
    /// Where [`Shell::resolved_plan`] was, its folder known by device and inode, when last
    /// there: a save under another name into that folder renamed is a save of the plan moved
    /// with it.
    plan_whereabouts: &'a std::cell::RefCell<Option<Whereabouts>>,
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
                    self.watchdog
                        .keep(app.file.clone(), led, was, app.recovery_text());
                    touched = false;
                }
                terminal.draw(|frame| ui::draw(app, frame, self.theme))?;
                redraw = false;
            }
            let wait = if app.awaits_worker() { TICK } else { IDLE_TICK };
            for msg in self.next_messages(wait, keys)? {
                // Where the plan is, looked at before a key acts on it: an `s` read in the
                // same tick as a rename found the plan at its old name.
                if matches!(msg, Msg::Key(_))
                    && let Some(moved) = self.look_for_the_plan_moved(app)
                {
                    pending.extend(app.handle(moved));
                }
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
            // The question about a file changed on disk says what the file holds now, where
            // the plan's name leads measured from the file the session last read or saved (a
            // link's question declined: a colleague's edit there, found after the link was
            // pointed back, read as "another plan", and `y` wrote over it).
            let mut looked = self.looked.get();
            let led = self.edits_home(app);
            if let Some(msg) = look_at_conflict(app, &mut looked, led.as_deref()) {
                *self.resolved_plan.borrow_mut() = led_after(led, &msg, app.file.as_deref());
                pending.extend(app.handle(msg));
                redraw = true;
                touched = true;
            }
            self.looked.set(looked);
            if let Some(msg) = self.look_for_the_plan_moved(app) {
                pending.extend(app.handle(msg));
                redraw = true;
            }
        }
    }

    /// What the app is told when the plan was found moved with its folder since the session
    /// last read or saved it, or found back where its name leads: where it is now (the quit
    /// question offers to save there). `None` when the app knows already.
    fn look_for_the_plan_moved(&self, app: &App) -> Option<Msg> {
        let led = self.edits_home(app);
        let now = moved_since(led.as_deref(), self.plan_whereabouts.borrow().as_ref());
        (now.as_deref() != app.moved_to()).then_some(Msg::PlanMoved(now))
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
