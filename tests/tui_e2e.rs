//! The real binary in a real terminal (tmux): a session edits a scenario with the finder's key
//! sequence (`/revenue`, Enter, Enter, a value, Enter) and saves it; a forced panic, a `kill` and a closed window leave the terminal
//! usable (where it still exists) and the edits on disk, each crash in a file of its own (a
//! `kill` ends the session even on a terminal that reads nothing, a pty of the test's own); a
//! stop (SIGTSTP) gives the terminal back to the shell until `fg`.
//! Needs tmux (`.ci/run` installs it).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux session running one command, killed when dropped.
struct Tmux {
    name: String,
}

/// A tmux command on the tests' own server (`tmux -L skypie-e2e`), not the default one: keys
/// that someone else's tmux sends to "the current session" (a `send-keys` whose own target has
/// ended) never reach a test's session (a CI run beside a tester's session once read them).
fn tmux() -> Command {
    let mut command = Command::new("tmux");
    command.args(["-L", "skypie-e2e"]);
    command
}

/// An exact tmux target: a bare name may match another session's window by prefix (a
/// window called `bash` answers to `b`), and these tests must never touch someone else's.
fn exact(name: &str) -> String {
    format!("={name}:")
}

impl Tmux {
    fn start(name: &str, command: &str) -> Tmux {
        let available = tmux().arg("-V").output().is_ok_and(|o| o.status.success());
        assert!(available, "these tests need tmux: apt-get install tmux");
        let name = format!("{name}-{}", std::process::id());
        // Tests start sessions side by side; when no tmux server runs yet, two starting one
        // at once can fail ("server exited unexpectedly"), so a failed start is tried again.
        let mut output = None;
        for attempt in 0..5 {
            let started = tmux()
                .args([
                    "new-session",
                    "-d",
                    "-s",
                    &name,
                    "-x",
                    "100",
                    "-y",
                    "30",
                    command,
                ])
                .env("NO_COLOR", "1")
                .output()
                .expect("tmux starts");
            if started.status.success() {
                return Tmux { name };
            }
            output = Some(started);
            std::thread::sleep(Duration::from_millis(200 * (attempt + 1)));
        }
        panic!("tmux new-session failed five times: {output:?}");
    }

    fn screen(&self) -> String {
        let out = tmux()
            .args(["capture-pane", "-p", "-t", &exact(&self.name)])
            .output()
            .expect("tmux capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends keys as tmux names them (`Enter`, `C-u`, `Right`).
    fn keys(&self, keys: &[&str]) {
        for key in keys {
            let status = tmux()
                .args(["send-keys", "-t", &exact(&self.name), key])
                .status()
                .expect("tmux send-keys");
            assert!(status.success());
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// Sends keys as tmux names them in one `send-keys`, so that the session reads them at
    /// once (as a laggy link or a busy moment delivers them), not one after another.
    fn keys_at_once(&self, keys: &[&str]) {
        let status = tmux()
            .args(["send-keys", "-t", &exact(&self.name)])
            .args(keys)
            .status()
            .expect("tmux send-keys");
        assert!(status.success());
    }

    /// Types text literally.
    fn type_text(&self, text: &str) {
        let status = tmux()
            .args(["send-keys", "-l", "-t", &exact(&self.name), text])
            .status()
            .expect("tmux send-keys");
        assert!(status.success());
    }

    /// Waits until the screen shows `text` (the model runs in a debug build: be patient).
    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text))
    }

    /// Waits until the screen is as `seen` says, `what` in words for the failure.
    fn wait_until(&self, what: &str, seen: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let screen = self.screen();
            if seen(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "never saw {what}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// What tmux says of the window's pane in `format` (`#{alternate_on}`, `#{cursor_flag}`).
    fn shows(&self, format: &str) -> String {
        let output = tmux()
            .args(["display-message", "-p", "-t", &exact(&self.name), format])
            .output()
            .expect("tmux display-message");
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    }

    /// Resizes the window, as a person dragging its corner does.
    fn resize(&self, width: u16, height: u16) {
        let status = tmux()
            .args(["resize-window", "-t", &exact(&self.name)])
            .args(["-x", &width.to_string(), "-y", &height.to_string()])
            .status()
            .expect("tmux resize-window");
        assert!(status.success());
    }
}

impl Tmux {
    /// Closes the window: tmux closes the terminal under whatever runs in it.
    fn close(&self) {
        let status = tmux()
            .args(["kill-session", "-t", &format!("={}", self.name)])
            .status()
            .expect("tmux kill-session");
        assert!(status.success());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = tmux()
            .args(["kill-session", "-t", &format!("={}", self.name)])
            .output();
    }
}

/// Whether process `pid` has ended: `kill -0` finds no such process, or it is a zombie
/// waiting for its parent to collect its exit status.
fn has_ended(pid: &str) -> bool {
    let alive = Command::new("kill")
        .args(["-0", pid])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let zombie = std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z'))
    });
    !alive || zombie
}

/// The recovery files in `dir`, oldest first, with their contents.
fn recovery_files(dir: &Path) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("the folder is readable")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(dir.join(&name)).ok()?;
            name.starts_with("plan.toml.recovered-")
                .then_some((name, text))
        })
        .collect();
    found.sort();
    found
}

/// Starts `skypie plan` on `path` in tmux with its pid in `dir/pid` and its standard error
/// in `dir/stderr`, makes `keys` edits, and waits until the screen says they are unsaved.
fn session_with_an_edit(name: &str, dir: &Path, path: &Path, keys: &[&str]) -> (Tmux, String) {
    let pid = dir.join("pid");
    let _ = std::fs::remove_file(&pid);
    let command = format!(
        "sh -c 'echo $$ > {pid}; exec {bin} plan {file}' 2> {err}",
        pid = pid.display(),
        bin = env!("CARGO_BIN_EXE_skypie"),
        file = path.display(),
        err = dir.join("stderr").display(),
    );
    let tmux = Tmux::start(name, &command);
    tmux.wait_for("PIE IN THE SKY");
    tmux.keys(keys);
    tmux.wait_for("unsaved edits");
    let pid = wait_for_file(&pid).trim().to_string();
    (tmux, pid)
}

/// Closes the window under the session and waits for the process to end: 30 s at most, a
/// bound for a hang, not a speed: the machines that run the tests are shared.
fn close_and_wait(tmux: &Tmux, pid: &str) {
    tmux.close();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !has_ended(pid) {
        assert!(
            Instant::now() < deadline,
            "skypie (pid {pid}) is still running 30 s after its window closed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits for a file the test's shell command writes when the binary has exited.
fn wait_for_file(path: &Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(text) = std::fs::read_to_string(path)
            && text.ends_with('\n')
        {
            return text;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{} never appeared", path.display());
}

/// After a session that ended abnormally, with its standard error in `dir/stderr` and
/// `stty -a` in `dir/stty`: raw mode is off, the alternate screen left, standard error says
/// `why` and where the edits went, and the edit (the target nudged to 3.1M) was kept.
fn assert_restored_and_kept(tmux: &Tmux, dir: &Path, why: &str) {
    let modes = wait_for_file(&dir.join("stty"));
    // Raw mode is off again: the line discipline echoes and works line by line.
    assert!(
        modes.contains(" icanon") && modes.contains(" echo "),
        "{modes}"
    );
    assert_eq!(
        tmux.shows("#{alternate_on}"),
        "0",
        "left the alternate screen"
    );
    // The shell's cursor shows again (a session ended by the watchdog left it hidden).
    assert_eq!(tmux.shows("#{cursor_flag}"), "1", "the cursor is shown");
    let stderr = std::fs::read_to_string(dir.join("stderr")).unwrap_or_default();
    assert!(stderr.contains(why), "{stderr}");
    assert!(stderr.contains("unsaved edits are in"), "{stderr}");
    // And how to take them up.
    assert!(stderr.contains("(`skypie plan "), "{stderr}");
    assert!(stderr.contains("` offers them)"), "{stderr}");
    let recovered = recovery_files(dir);
    assert_eq!(recovered.len(), 1, "one recovery file: {recovered:?}");
    assert!(
        recovered[0].1.contains("revenue = \"3.1M\""),
        "{recovered:?}"
    );
}

/// Sends SIGTERM to the process whose id is `pid` (as `echo $$` wrote it).
fn terminate(pid: &str) {
    send("TERM", pid);
}

/// Sends `signal` (`TERM`, `QUIT`) to the process whose id is `pid`.
fn send(signal: &str, pid: &str) {
    let killed = Command::new("kill")
        .args([format!("-{signal}"), pid.trim().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
}

/// `skypie plan FOLDER/plan.toml` started in `dir`, the plan a copy of `dir/plan.toml` (see
/// [`scenario_copy`]) in a new folder `dir/FOLDER`, its pid in `dir/pid`, its standard error
/// in `dir/stderr` and skypie's state folder under `dir/state` (returned), with the target
/// nudged once: an unsaved edit.
fn edited_in_a_folder(name: &str, dir: &Path, folder: &str) -> (Tmux, PathBuf) {
    edited_in_a_folder_with(name, dir, folder, "")
}

/// [`edited_in_a_folder`], skypie started with the environment `env` too
/// (`SKYPIE_DEBUG_HANG=!`).
fn edited_in_a_folder_with(name: &str, dir: &Path, folder: &str, env: &str) -> (Tmux, PathBuf) {
    std::fs::create_dir(dir.join(folder)).expect("a folder");
    std::fs::copy(dir.join("plan.toml"), dir.join(folder).join("plan.toml")).expect("the plan");
    let state = dir.join("state");
    let command = format!(
        "cd {dir} && XDG_STATE_HOME={state} sh -c 'echo $$ > pid; {env} exec {bin} plan \
         {folder}/plan.toml' 2> stderr; sleep 60",
        dir = dir.display(),
        state = state.display(),
        bin = env!("CARGO_BIN_EXE_skypie"),
    );
    let tmux = Tmux::start(name, &command);
    tmux.wait_for("PIE IN THE SKY");
    tmux.keys(&["Right"]);
    tmux.wait_for("unsaved edits");
    (tmux, state)
}

/// A copy of the 90-day anecdote at fewer samples in a fresh folder.
fn scenario_copy() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("plan.toml");
    let text = std::fs::read_to_string("scenarios/01-series-b-first-90-days.toml")
        .expect("the worked example exists")
        .replace("samples = 100000", "samples = 20000");
    std::fs::write(&path, &text).expect("write the copy");
    (dir, path, text)
}

/// `skypie plan path` in a tmux session named `name`, its exit status written to `exit`.
fn plan_writing_its_exit(name: &str, path: &Path, exit: &Path) -> Tmux {
    let command = format!(
        "{} plan {}; echo $? > {}",
        env!("CARGO_BIN_EXE_skypie"),
        path.display(),
        exit.display()
    );
    Tmux::start(name, &command)
}

#[test]
fn a_session_edits_the_target_saves_it_and_keeps_the_comments() {
    let (dir, path, original) = scenario_copy();
    let exit = dir.path().join("exit");
    let tmux = plan_writing_its_exit("skypie-e2e", &path, &exit);
    tmux.wait_for("PIE IN THE SKY");
    tmux.keys(&["/"]);
    tmux.type_text("revenue");
    tmux.keys(&["Enter", "Enter", "C-u"]);
    tmux.type_text("200k");
    tmux.keys(&["Enter"]);
    tmux.wait_for("REALISTIC");
    tmux.keys(&["s"]);
    tmux.wait_for("(session log: ");
    tmux.keys(&["q"]);
    assert_eq!(wait_for_file(&exit).trim(), "0", "skypie exited 0");

    let saved = std::fs::read_to_string(&path).expect("the file is still there");
    assert_eq!(
        saved,
        original.replace("revenue = \"3M\"  ", "revenue = \"200k\""),
        "only the edited value changed, comments (still lined up) and layout byte for byte"
    );
    assert!(saved.starts_with("# The 90-day anecdote"));
    let log = std::fs::read_to_string(dir.path().join("plan.toml.session.md"))
        .expect("the session log was appended");
    assert!(log.contains("## Session of"), "{log}");
    assert!(
        log.contains("| CEO | target.revenue | 3M | 200k | 0% |"),
        "{log}"
    );
}

#[test]
fn a_resized_window_is_drawn_again_at_its_new_size_before_any_key() {
    let (_dir, path, _) = scenario_copy();
    let exit = path.with_file_name("exit");
    let tmux = plan_writing_its_exit("skypie-e2e-resize", &path, &exit);
    tmux.wait_for("PIE IN THE SKY");
    let widest = |screen: &str| screen.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    // The title bar spans the window: its right end moves with the window's.
    tmux.resize(130, 36);
    tmux.wait_until("the screen drawn 130 columns wide", |s| widest(s) == 130);
    tmux.resize(80, 24);
    tmux.wait_until("the screen drawn 80 columns wide", |s| {
        widest(s) == 80 && s.contains("PIE IN THE SKY")
    });
}

#[test]
fn quitting_after_the_window_grew_leaves_nothing_of_the_session_on_the_screen() {
    // tmux put 13 lines of the session's last screen above the shell's prompt when the window
    // had grown during the session and the main screen came back.
    let (_dir, path, _) = scenario_copy();
    let exit = path.with_file_name("exit");
    let command = format!(
        "{} plan {}; echo $? > {}; sleep 60",
        env!("CARGO_BIN_EXE_skypie"),
        path.display(),
        exit.display()
    );
    let tmux = Tmux::start("skypie-e2e-grow", &command);
    tmux.wait_for("PIE IN THE SKY");
    tmux.resize(140, 44);
    tmux.wait_until("the screen drawn 140 columns wide", |s| {
        s.lines().any(|l| l.chars().count() == 140)
    });
    tmux.keys(&["q"]);
    wait_for_file(&exit);
    let screen = tmux.screen();
    assert!(
        !screen.contains("PIE IN THE SKY") && !screen.contains("ramp_days"),
        "{screen}"
    );
}

#[test]
fn a_panic_restores_the_terminal_and_keeps_the_edits() {
    let (dir, path, _) = scenario_copy();
    let stty = dir.path().join("stty");
    let command = format!(
        "SKYPIE_DEBUG_PANIC='!' {} plan {} 2> {}; stty -a > {}; sleep 60",
        env!("CARGO_BIN_EXE_skypie"),
        path.display(),
        dir.path().join("stderr").display(),
        stty.display()
    );
    let tmux = Tmux::start("skypie-panic", &command);
    tmux.wait_for("PIE IN THE SKY");
    tmux.keys(&["Right"]);
    tmux.wait_for("unsaved edits");
    tmux.keys(&["!"]);
    assert_restored_and_kept(&tmux, dir.path(), "forced panic");
}

#[test]
fn without_a_terminal_plan_points_at_eval() {
    // At eval of the file given: `plan scenarios/04-….toml` pointed at the anecdote's.
    let output = Command::new(env!("CARGO_BIN_EXE_skypie"))
        .args(["plan", "scenarios/04-multi-year-plan.toml"])
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "needs a terminal; to evaluate a scenario without one, use `skypie eval \
             scenarios/04-multi-year-plan.toml`"
        ),
        "{stderr}"
    );
    // Without a file, at eval of one.
    let output = Command::new(env!("CARGO_BIN_EXE_skypie"))
        .arg("plan")
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("use `skypie eval FILE` (e.g. skypie eval scenarios/01-"),
        "{stderr}"
    );
}

#[test]
fn on_a_dumb_terminal_plan_says_it_needs_one_that_draws() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (stderr, exit) = (dir.path().join("stderr"), dir.path().join("exit"));
    let command = format!(
        "TERM=dumb {} plan scenarios/01-series-b-first-90-days.toml 2> {}; echo $? > {}; \
         sleep 60",
        env!("CARGO_BIN_EXE_skypie"),
        stderr.display(),
        exit.display()
    );
    let _tmux = Tmux::start("skypie-dumb", &command);
    assert_eq!(wait_for_file(&exit).trim(), "1");
    let said = std::fs::read_to_string(&stderr).unwrap_or_default();
    // At eval of the file given (it said `skypie eval FILE`).
    assert!(
        said.contains("TERM is `dumb`")
            && said.contains("`skypie eval scenarios/01-series-b-first-90-days.toml` here"),
        "{said}"
    );
}

#[test]
fn a_long_evaluation_on_a_terminal_says_it_is_at_work_then_clears_the_line() {
    let exit = tempfile::NamedTempFile::new().expect("a temporary file");
    // 3,000,000 samples with --detail take seconds even optimised: long enough to be seen.
    let command = format!(
        "{} eval scenarios/01-series-b-first-90-days.toml --detail --samples 3M --out /dev/null; \
         echo \"exit $?\" > {}; sleep 60",
        env!("CARGO_BIN_EXE_skypie"),
        exit.path().display()
    );
    let tmux = Tmux::start("skypie-e2e-spin", &command);
    tmux.wait_for("evaluating scenarios/01-series-b-first-90-days.toml (");
    assert_eq!(wait_for_file(exit.path()), "exit 0\n");
    assert!(
        !tmux.screen().contains("evaluating"),
        "the line is cleared once done: {}",
        tmux.screen()
    );
    // A scenario typed at the terminal (`-`) gets no spinner drawn over the typing.
    let typing = Tmux::start(
        "skypie-e2e-typing",
        &format!("{} eval -; sleep 60", env!("CARGO_BIN_EXE_skypie")),
    );
    typing.wait_for("reading the scenario from the terminal: type or paste it, then Ctrl-D");
    typing.type_text("schema = 1");
    typing.wait_for("schema = 1");
    std::thread::sleep(Duration::from_millis(500));
    let screen = typing.screen();
    assert!(
        screen.contains("schema = 1") && !screen.contains("evaluating"),
        "{screen}"
    );
}

#[test]
fn csv_on_a_terminal_shows_a_names_control_characters_escaped() {
    // CSV is exact in a pipe (tests/output_safety.rs), but on a terminal a name's escape
    // would be obeyed, here turning the rest of the line red: it is shown as text instead.
    let (dir, path, text) = scenario_copy();
    let named = text.replace(
        "name = \"Series B — first 90 days\"",
        "name = \"Q3\\u001B[31mred\"",
    );
    assert_ne!(named, text, "the name line was found");
    std::fs::write(&path, named).expect("write the copy");
    let exit = dir.path().join("exit");
    let command = format!(
        "{} eval -f csv --samples 2000 {}; echo \"exit $?\" > {}; sleep 60",
        env!("CARGO_BIN_EXE_skypie"),
        path.display(),
        exit.display()
    );
    let tmux = Tmux::start("skypie-e2e-csv", &command);
    assert_eq!(wait_for_file(&exit), "exit 0\n");
    let screen = tmux.screen();
    assert!(screen.contains("Q3\\u001b[31mred,"), "{screen}");
}

#[test]
fn a_report_and_the_samples_written_say_they_are_at_work_and_clear_the_line() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let exit = dir.path().join("exit");
    let command = format!(
        "{bin} report scenarios/01-series-b-first-90-days.toml --samples 3M --out {report}; \
         {bin} eval scenarios/01-series-b-first-90-days.toml --samples 2M --out /dev/null \
         --draws {draws}; echo \"exit $?\" > {exit}; sleep 60",
        bin = env!("CARGO_BIN_EXE_skypie"),
        report = dir.path().join("r.html").display(),
        draws = dir.path().join("samples.csv").display(),
        exit = exit.display(),
    );
    let tmux = Tmux::start("skypie-e2e-report", &command);
    tmux.wait_for("evaluating scenarios/01-series-b-first-90-days.toml (");
    tmux.wait_for("writing ");
    assert_eq!(wait_for_file(&exit), "exit 0\n");
    let screen = tmux.screen();
    // The report's line starts its own line: the spinner was cleared before it.
    assert!(
        screen.lines().any(|l| l.starts_with("wrote ")) && !screen.contains("evaluating"),
        "{screen}"
    );
    assert!(!screen.contains("writing"), "{screen}");
}

#[test]
fn plan_on_a_file_that_is_not_there_says_how_to_start_one() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let missing = dir.path().join("board plan.toml");
    let output = Command::new(env!("CARGO_BIN_EXE_skypie"))
        .arg("plan")
        .arg(&missing)
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let typed = format!("'{}'", missing.display());
    assert!(
        stderr.contains("found no such file")
            && stderr.contains(&format!("skypie new {typed}, then skypie plan {typed}")),
        "{stderr}"
    );
    assert!(!missing.exists(), "nothing is written");
    // In a folder that is not there either, `skypie new` could not write it: no such advice.
    let nowhere = dir.path().join("gone/plan.toml");
    let output = Command::new(env!("CARGO_BIN_EXE_skypie"))
        .arg("plan")
        .arg(&nowhere)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("found no such file") && !stderr.contains("skypie new"),
        "{stderr}"
    );
    // A name without .toml: the name `new` writes, which `plan` then opens (it said "skypie
    // new q3, then skypie plan q3", and `new q3` writes q3.toml); once it is there, that.
    let plan = |name: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_skypie"))
            .current_dir(dir.path())
            .args(["plan", name])
            .output()
            .expect("the binary runs");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let said = plan("q3");
    assert!(
        said.contains("skypie new q3.toml, then skypie plan q3.toml"),
        "{said}"
    );
    std::fs::write(dir.path().join("q3.toml"), "schema = 1\n").expect("write");
    let said = plan("q3");
    assert!(
        said.contains("q3.toml is there: skypie plan q3.toml"),
        "{said}"
    );
}

#[test]
fn plan_on_a_file_gone_since_its_session_kept_edits_names_the_recovery_file() {
    // Renamed or deleted after a session on it ended unsaved: "no such file" and how to start a
    // new plan led to a template, away from the recovery file beside it with the whole plan.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let anecdote = std::fs::read_to_string("scenarios/01-series-b-first-90-days.toml").unwrap();
    let kept = dir.path().join("q4.toml.recovered-20261204-210038.toml");
    let edited = anecdote.replacen("horizon_days = 90", "horizon_days = 200", 1);
    std::fs::write(
        &kept,
        format!("# skypie: this session's unsaved edits: horizon_days\n{edited}"),
    )
    .unwrap();
    let plan = || {
        let output = Command::new(env!("CARGO_BIN_EXE_skypie"))
            .current_dir(dir.path())
            .env("XDG_STATE_HOME", dir.path().join("state"))
            .args(["plan", "q4.toml"])
            .output()
            .expect("the binary runs");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let said = plan();
    let kept = "q4.toml.recovered-20261204-210038.toml";
    assert!(
        said.contains("found no such file")
            && said.contains(&format!("kept, with the whole plan, in {kept}"))
            && said.contains(&format!("cp {kept} q4.toml, then skypie plan q4.toml"))
            && !said.contains("skypie new"),
        "{said}"
    );
    // A newer one that cannot be read is named too (its edits may be the newer ones), and alone
    // it is still named, not a template.
    let newer = dir.path().join("q4.toml.recovered-20261204-220000.toml");
    std::fs::write(&newer, b"schema = 1\n\xff\xfe broken\n").unwrap();
    let said = plan();
    assert!(
        said.contains(&format!("kept, with the whole plan, in {kept}"))
            && said.contains(
                "a newer recovery file q4.toml.recovered-20261204-220000.toml could not be read"
            ),
        "{said}"
    );
    std::fs::rename(dir.path().join(kept), dir.path().join("aside")).unwrap();
    let said = plan();
    assert!(
        said.contains("its recovery file q4.toml.recovered-20261204-220000.toml could not be read")
            && !said.contains("skypie new"),
        "{said}"
    );
    std::fs::remove_file(&newer).unwrap();
    std::fs::rename(dir.path().join("aside"), dir.path().join(kept)).unwrap();
    // Taken up as said, the plan opens with its edits: the copy is a scenario.
    std::fs::copy(dir.path().join(kept), dir.path().join("q4.toml")).unwrap();
    let check = Command::new(env!("CARGO_BIN_EXE_skypie"))
        .current_dir(dir.path())
        .args(["eval", "q4.toml", "--format", "json", "--samples", "1000"])
        .output()
        .expect("the binary runs");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(String::from_utf8_lossy(&check.stdout).contains("\"horizon_days\": 200"));
}

#[test]
fn roles_with_an_empty_or_a_repeated_name_are_a_usage_error() {
    let empty = "expected names separated by commas, none empty";
    let twice = "expected different names (\"Dana\" is there twice)";
    for (roles, said) in [
        ("", empty),
        ("Dana,", empty),
        ("Dana,,Sam", empty),
        ("Dana,Sam,Dana", twice),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_skypie"))
            .args([
                "plan",
                "--roles",
                roles,
                "scenarios/01-series-b-first-90-days.toml",
            ])
            .output()
            .expect("the binary runs");
        assert_eq!(output.status.code(), Some(2), "--roles {roles:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(said), "--roles {roles:?}: {stderr}");
    }
}

#[test]
fn standard_input_is_no_plan_to_edit() {
    // `plan -` read the plan from standard input and `s` wrote a file named `-`; piped, it
    // said to run `skypie eval ./-`, a file that is not there.
    let output = Command::new(env!("CARGO_BIN_EXE_skypie"))
        .args(["plan", "-"])
        .stdin(std::fs::File::open("scenarios/01-series-b-first-90-days.toml").unwrap())
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("- is standard input"), "{stderr}");
    assert!(stderr.contains("skypie eval -"), "{stderr}");
    assert!(!stderr.contains("./-"), "{stderr}");
}

#[test]
fn a_kill_restores_the_terminal_and_keeps_the_edits() {
    // SIGQUIT (`kill -QUIT`) left the alternate screen on, the cursor hidden, and no recovery
    // file; so did SIGABRT (a service manager's watchdog), SIGPWR, SIGSYS and the first
    // real-time signal (34 on Linux).
    for signal in ["TERM", "QUIT", "ABRT", "PWR", "SYS", "34"] {
        let (dir, path, _) = scenario_copy();
        let stty = dir.path().join("stty");
        let pid = dir.path().join("pid");
        let command = format!(
            "sh -c 'echo $$ > {pid}; exec {bin} plan {file}' 2> {err}; stty -a > {stty}; sleep 60",
            pid = pid.display(),
            bin = env!("CARGO_BIN_EXE_skypie"),
            file = path.display(),
            err = dir.path().join("stderr").display(),
            stty = stty.display(),
        );
        let tmux = Tmux::start(&format!("skypie-kill-{signal}"), &command);
        tmux.wait_for("PIE IN THE SKY");
        tmux.keys(&["Right"]);
        tmux.wait_for("unsaved edits");
        send(signal, &wait_for_file(&pid));
        assert_restored_and_kept(&tmux, dir.path(), "stopped by a signal");
    }
}

#[test]
fn a_save_past_the_file_size_limit_fails_and_keeps_the_edits() {
    // Under `ulimit -f`, the save's write raised SIGXFSZ, which ended the session: the edits
    // lost, the alternate screen left on, and the temporary file left beside the plan.
    let (dir, path, text) = scenario_copy();
    let command = format!(
        "sh -c 'ulimit -f 1; exec {bin} plan {file}'; sleep 60",
        bin = env!("CARGO_BIN_EXE_skypie"),
        file = path.display(),
    );
    let tmux = Tmux::start("skypie-file-size-limit", &command);
    tmux.wait_for("PIE IN THE SKY");
    tmux.keys(&["Right"]);
    tmux.wait_for("unsaved edits");
    tmux.keys(&["s"]);
    tmux.wait_for("File too large");
    // Still running, the edit still there to save elsewhere; the plan and its folder as they were.
    tmux.wait_for("• target        3.1M");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "plan.toml")
        .collect();
    assert!(left.is_empty(), "nothing else beside the plan: {left:?}");
}

#[test]
fn a_session_stuck_in_a_frame_still_keeps_the_edits_when_killed_or_its_window_closed() {
    // A chart that drew a line to ∞ held the main loop at 100% CPU: SIGTERM and a closed
    // window did nothing, and only `kill -9` ended it, the edits with it.
    for ending in ["TERM", "window"] {
        let (dir, path, _) = scenario_copy();
        let stty = dir.path().join("stty");
        let pid = dir.path().join("pid");
        let command = format!(
            "sh -c 'echo $$ > {pid}; SKYPIE_DEBUG_HANG=! exec {bin} plan {file}' 2> {err}; \
             stty -a > {stty}; sleep 60",
            pid = pid.display(),
            bin = env!("CARGO_BIN_EXE_skypie"),
            file = path.display(),
            err = dir.path().join("stderr").display(),
            stty = stty.display(),
        );
        let tmux = Tmux::start(&format!("skypie-stuck-{ending}"), &command);
        tmux.wait_for("PIE IN THE SKY");
        tmux.keys(&["Right"]);
        tmux.wait_for("unsaved edits");
        tmux.keys(&["!"]);
        let pid = wait_for_file(&pid).trim().to_string();
        if ending == "window" {
            close_and_wait(&tmux, &pid);
            let recovered = recovery_files(dir.path());
            assert_eq!(recovered.len(), 1, "{recovered:?}");
            assert!(
                recovered[0].1.contains("revenue = \"3.1M\""),
                "{recovered:?}"
            );
        } else {
            send(ending, &pid);
            assert_restored_and_kept(&tmux, dir.path(), "did not end within 3 seconds");
        }
    }
}

/// A terminal of the test's own (`openpty`), 80×24: its master end, which the test reads
/// and resizes as a terminal window would, and the end the session runs on.
fn open_terminal() -> (std::fs::File, std::os::fd::OwnedFd) {
    use std::os::fd::FromRawFd;
    let (mut master, mut session) = (-1, -1);
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes the two descriptors it opens into the integers given; the name
    // and the settings may be null.
    let opened = unsafe {
        libc::openpty(
            &mut master,
            &mut session,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            &size,
        )
    };
    assert_eq!(opened, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: both are open descriptors that nothing else owns.
    unsafe {
        (
            std::fs::File::from_raw_fd(master),
            std::os::fd::OwnedFd::from_raw_fd(session),
        )
    }
}

/// Resizes the terminal whose master end is `master`: the session gets SIGWINCH and draws
/// the whole screen again.
fn resize_terminal(master: &std::fs::File, rows: u16, columns: u16) {
    use std::os::fd::AsRawFd;
    let size = libc::winsize {
        ws_row: rows,
        ws_col: columns,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCSWINSZ reads one winsize from the pointer given.
    let resized = unsafe { libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &size) };
    assert_eq!(
        resized,
        0,
        "TIOCSWINSZ: {}",
        std::io::Error::last_os_error()
    );
}

/// Reads what the session writes to the terminal whose master end is `master` until it has
/// written `text` (60 s at most).
fn read_until(master: &mut std::fs::File, text: &str) {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use std::io::Read;
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut written = Vec::new();
    while !String::from_utf8_lossy(&written).contains(text) {
        assert!(
            Instant::now() < deadline,
            "the session never wrote {text:?}; it wrote:\n{}",
            String::from_utf8_lossy(&written)
        );
        let tenth = Timespec {
            tv_sec: 0,
            tv_nsec: 100_000_000,
        };
        let mut fds = [PollFd::new(&*master, PollFlags::IN)];
        if poll(&mut fds, Some(&tenth)).is_ok_and(|ready| ready > 0) {
            let mut buffer = [0; 65536];
            let read = master.read(&mut buffer).expect("the terminal reads");
            written.extend_from_slice(&buffer[..read]);
        }
    }
}

/// Whether the main thread of process `pid` is blocked writing to its standard output, as
/// `/proc/PID/syscall` says (`1 0x1 …` on x86-64); `None` where it does not say.
fn writing_to_standard_output(pid: u32) -> Option<bool> {
    let syscall = std::fs::read_to_string(format!("/proc/{pid}/syscall")).ok()?;
    Some(syscall.starts_with(&format!("{} 0x1 ", libc::SYS_write)))
}

#[test]
fn a_signal_ends_a_session_whose_terminal_reads_nothing_and_keeps_the_edits() {
    // A stalled SSH link: the watchdog wrote the recovery file, then blocked restoring the
    // terminal nobody read, and the process hung until someone read it again.
    use std::os::fd::AsRawFd;
    use std::os::unix::process::CommandExt;
    let (dir, path, _) = scenario_copy();
    let (mut master, session) = open_terminal();
    let terminal = session.try_clone().expect("a descriptor");
    let mut command = Command::new(env!("CARGO_BIN_EXE_skypie"));
    command
        .args([std::ffi::OsStr::new("plan"), path.as_os_str()])
        .current_dir(dir.path())
        .env("TERM", "xterm-256color")
        .env("HOME", dir.path())
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .stdin(session.try_clone().expect("a descriptor"))
        .stdout(session.try_clone().expect("a descriptor"))
        .stderr(session);
    // SAFETY: between fork and exec, setsid and ioctl only, both async-signal-safe: the
    // terminal becomes the session's controlling one, as a terminal window's shell has it.
    unsafe {
        command.pre_exec(|| {
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = command.spawn().expect("skypie starts");
    drop(command);
    read_until(&mut master, "PIE IN THE SKY");
    std::io::Write::write_all(&mut master, b"\x1b[C").expect("a key: Right");
    read_until(&mut master, "unsaved edits");
    // Nobody reads any more: resizes fill the terminal with screens until a frame's write
    // blocks (where /proc does not say so, 500 resizes do).
    let deadline = Instant::now() + Duration::from_secs(60);
    let (mut blocked_looks, mut resizes) = (0, 0u16);
    while blocked_looks < 20 {
        assert!(Instant::now() < deadline, "the session never blocked");
        resize_terminal(&master, 24 + resizes % 20, 80 + resizes % 50);
        resizes += 1;
        std::thread::sleep(Duration::from_millis(10));
        blocked_looks = match writing_to_standard_output(child.id()) {
            Some(true) => blocked_looks + 1,
            Some(false) => 0,
            None if resizes >= 500 => 20,
            None => 0,
        };
    }
    send("TERM", &child.id().to_string());
    // A bound for a hang, not a speed: the watchdog waits 3 s, its goodbye 2 s more.
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("the session's status") {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let recovered = recovery_files(dir.path());
    assert_eq!(
        (status.and_then(|s| s.code()), recovered.len()),
        (Some(1), 1),
        "ended within 20 s with status 1, the edits in a recovery file: {recovered:?}"
    );
    // The terminal edits lines and echoes again: raw mode was left before the writes blocked.
    // SAFETY: termios is plain integers and arrays, for which zeroes are a value.
    let mut settings: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: tcgetattr fills the struct given from an open descriptor.
    let read = unsafe { libc::tcgetattr(terminal.as_raw_fd(), &mut settings) };
    assert_eq!(read, 0, "tcgetattr: {}", std::io::Error::last_os_error());
    assert_eq!(
        settings.c_lflag & (libc::ICANON | libc::ECHO),
        libc::ICANON | libc::ECHO,
        "the terminal is left in raw mode"
    );
}

#[test]
fn closing_the_window_ends_the_session_and_keeps_the_edit() {
    let (dir, path, _) = scenario_copy();
    let (tmux, pid) = session_with_an_edit("skypie-close", dir.path(), &path, &["Right"]);
    close_and_wait(&tmux, &pid);
    let recovered = recovery_files(dir.path());
    assert_eq!(recovered.len(), 1, "{recovered:?}");
    let (name, text) = &recovered[0];
    assert!(text.contains("revenue = \"3.1M\""), "{text}");
    // The edited input on the first line, the plan's permissions on the next (for a plan
    // taken up from the file to get them back), what it was before on the next, then the
    // file, its comments kept.
    let (edited, rest) = text.split_once('\n').expect("a first line");
    assert_eq!(
        edited,
        "# skypie: this session's unsaved edits: target.revenue"
    );
    let (mode, rest) = rest.split_once('\n').expect("a second line");
    let plan_mode = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(&path).map_or(0, |m| m.permissions().mode() & 0o777)
    };
    assert_eq!(
        mode,
        format!("# skypie: the plan's permissions: {plan_mode:04o}")
    );
    let (before, file) = rest.split_once('\n').expect("a third line");
    assert_eq!(before, "# skypie: before these edits: target.revenue = 3M");
    assert!(
        file.starts_with("# The 90-day anecdote"),
        "the file's comments are kept"
    );
    let stderr = std::fs::read_to_string(dir.path().join("stderr")).unwrap_or_default();
    assert!(
        stderr.contains(name.as_str()),
        "says where the edits are: {stderr}"
    );
    // Who made the edit, and when, is in the session log, marked unsaved, with where it went.
    let log = std::fs::read_to_string(dir.path().join("plan.toml.session.md")).unwrap_or_default();
    assert!(
        log.contains("| CEO | target.revenue | 3M | 3.1M |"),
        "{log}"
    );
    assert!(
        log.contains("The session ended abruptly: the edits below were not saved. They are in `"),
        "{log}"
    );
    assert!(log.contains(name.as_str()), "{log}");
}

#[test]
fn a_second_crash_keeps_both_recovery_files_and_the_next_session_offers_the_newest() {
    let (dir, path, _) = scenario_copy();
    let (tmux, pid) = session_with_an_edit("skypie-crash1", dir.path(), &path, &["Right"]);
    close_and_wait(&tmux, &pid);
    drop(tmux);

    // The second session is told about the first crash, keeps the file as it is, edits on.
    let command = format!(
        "sh -c 'echo $$ > {pid}; exec {bin} plan {file}' 2> {err}",
        pid = dir.path().join("pid").display(),
        bin = env!("CARGO_BIN_EXE_skypie"),
        file = path.display(),
        err = dir.path().join("stderr").display(),
    );
    let _ = std::fs::remove_file(dir.path().join("pid"));
    let tmux = Tmux::start("skypie-crash2", &command);
    let offer = tmux.wait_for("ended abruptly");
    assert!(offer.contains("target.revenue  3M → 3.1M"), "{offer}");
    tmux.keys(&["k"]);
    tmux.wait_for("kept the file as it is");
    tmux.keys(&["Right", "Right"]);
    tmux.wait_for("unsaved edits");
    let pid = wait_for_file(&dir.path().join("pid")).trim().to_string();
    close_and_wait(&tmux, &pid);
    drop(tmux);

    let recovered = recovery_files(dir.path());
    assert_eq!(
        recovered.len(),
        2,
        "neither crash overwrote the other: {recovered:?}"
    );
    let values: Vec<bool> = ["3.1M", "3.2M"]
        .iter()
        .map(|v| {
            recovered
                .iter()
                .any(|(_, t)| t.contains(&format!("revenue = \"{v}\"")))
        })
        .collect();
    assert_eq!(values, [true, true], "{recovered:?}");

    // The next session offers the newest, says there is an older one, and loads it.
    let exit = dir.path().join("exit");
    let tmux = plan_writing_its_exit("skypie-crash3", &path, &exit);
    let offer = tmux.wait_for("ended abruptly");
    assert!(offer.contains("1 older"), "{offer}");
    assert!(offer.contains("3M → 3.2M"), "{offer}");
    tmux.keys(&["l"]);
    tmux.wait_for("loaded target.revenue");
    tmux.keys(&["s"]);
    tmux.wait_for("(session log: ");
    tmux.keys(&["q"]);
    assert_eq!(wait_for_file(&exit).trim(), "0");
    let saved = std::fs::read_to_string(&path).expect("the file is there");
    assert!(saved.contains("revenue = \"3.2M\""), "{saved}");
}

#[test]
fn edits_are_kept_in_skypies_state_folder_when_the_files_folder_is_gone_and_offered_from_anywhere()
{
    // Kept in the current folder, they were offered only to a session started there again.
    let (dir, _, text) = scenario_copy();
    let gone = dir.path().join("gone");
    std::fs::create_dir(&gone).expect("a folder");
    std::fs::write(gone.join("plan.toml"), &text).expect("the plan");
    let state = dir.path().join("state");
    let pid = dir.path().join("pid");
    let command = format!(
        "cd {dir} && XDG_STATE_HOME={state} sh -c 'echo $$ > pid; exec {bin} plan gone/plan.toml' \
         2> stderr; sleep 60",
        dir = dir.path().display(),
        state = state.display(),
        bin = env!("CARGO_BIN_EXE_skypie"),
    );
    let tmux = Tmux::start("skypie-gone", &command);
    tmux.wait_for("PIE IN THE SKY");
    tmux.keys(&["Right"]);
    tmux.wait_for("unsaved edits");
    std::fs::remove_dir_all(&gone).expect("the folder goes");
    terminate(&wait_for_file(&pid));
    let stderr = wait_for_file(&dir.path().join("stderr"));
    let recovered = recovery_files(&state.join("skypie"));
    assert_eq!(recovered.len(), 1, "{recovered:?}; {stderr}");
    let (name, kept) = &recovered[0];
    assert!(kept.contains("revenue = \"3.1M\""), "{kept}");
    assert!(
        stderr.contains(name.as_str()),
        "the message names it: {stderr}"
    );
    assert!(
        recovery_files(dir.path()).is_empty(),
        "not in the current folder"
    );
    drop(tmux);
    // The plan back, opened from its own folder: the edits are offered.
    std::fs::create_dir(&gone).expect("the folder again");
    std::fs::write(gone.join("plan.toml"), &text).expect("the plan again");
    let command = format!(
        "cd {gone} && XDG_STATE_HOME={state} {bin} plan plan.toml",
        gone = gone.display(),
        state = state.display(),
        bin = env!("CARGO_BIN_EXE_skypie"),
    );
    let tmux = Tmux::start("skypie-gone-again", &command);
    let offer = tmux.wait_for("ended abruptly");
    assert!(offer.contains("3M → 3.1M"), "{offer}");
}

/// A session on `d1/plan.toml` in a fresh folder ([`edited_in_a_folder_with`], skypie
/// started with `env`), its target nudged, then `d1/` renamed `d3/` while it runs.
struct Renamed {
    dir: tempfile::TempDir,
    d1: PathBuf,
    d3: PathBuf,
    tmux: Tmux,
    /// skypie's state folder.
    state: PathBuf,
}

fn renamed_mid_session(name: &str, env: &str) -> Renamed {
    let (dir, _, _) = scenario_copy();
    let (d1, d3) = (dir.path().join("d1"), dir.path().join("d3"));
    let (tmux, state) = edited_in_a_folder_with(name, dir.path(), "d1", env);
    std::fs::rename(&d1, &d3).expect("the folder renamed");
    Renamed {
        dir,
        d1,
        d3,
        tmux,
        state,
    }
}

/// After the session `renamed` ended abruptly, with `stderr`: its edit kept in one recovery
/// file where the plan is now, which standard error names, and nothing in the state folder.
fn assert_kept_where_the_plan_is_now(renamed: &Renamed, stderr: &str) {
    let recovered = recovery_files(&renamed.d3);
    assert_eq!(recovered.len(), 1, "{recovered:?}; {stderr}");
    assert!(
        recovered[0].1.contains("revenue = \"3.1M\""),
        "{recovered:?}"
    );
    assert!(stderr.contains("d3/plan.toml.recovered-"), "{stderr}");
    assert!(!renamed.state.exists(), "nothing in the state folder");
}

#[test]
fn a_session_killed_after_its_folder_was_renamed_keeps_its_edits_where_the_plan_is_now() {
    // They went to skypie's state folder, named after the folder that was gone, and a session
    // on the plan's new name was never offered them; the session log's rows went nowhere.
    let renamed = renamed_mid_session("skypie-e2e-folder-renamed", "");
    terminate(&wait_for_file(&renamed.dir.path().join("pid")));
    let stderr = wait_for_file(&renamed.dir.path().join("stderr"));
    assert_kept_where_the_plan_is_now(&renamed, &stderr);
    let (d3, state) = (renamed.d3.clone(), renamed.state.clone());
    let log = std::fs::read_to_string(d3.join("plan.toml.session.md")).expect("the session log");
    assert!(log.contains("3.1M"), "{log}");
    drop(renamed.tmux);
    // Opened by its new name, the plan is offered its edits.
    let command = format!(
        "cd {d3} && XDG_STATE_HOME={state} {bin} plan plan.toml",
        d3 = d3.display(),
        state = state.display(),
        bin = env!("CARGO_BIN_EXE_skypie"),
    );
    let tmux = Tmux::start("skypie-e2e-folder-renamed-again", &command);
    let offer = tmux.wait_for("ended abruptly");
    assert!(offer.contains("3M → 3.1M"), "{offer}");
}

#[test]
fn a_session_stuck_after_its_folder_was_renamed_keeps_its_edits_where_the_plan_is_now() {
    // The watchdog's ending (the main loop stuck in a frame, then SIGTERM) after `mv d1 d3`:
    // the edits go where the plan is now, as the main loop's ending puts them.
    let renamed = renamed_mid_session("skypie-e2e-folder-renamed-stuck", "SKYPIE_DEBUG_HANG=!");
    renamed.tmux.keys(&["!"]);
    send("TERM", &wait_for_file(&renamed.dir.path().join("pid")));
    let stderr = wait_for_file(&renamed.dir.path().join("stderr"));
    assert!(stderr.contains("did not end within 3 seconds"), "{stderr}");
    assert_kept_where_the_plan_is_now(&renamed, &stderr);
    assert!(!renamed.d1.exists(), "nothing made at the old name");
}

#[test]
fn quitting_after_the_plans_folder_was_renamed_offers_to_save_where_it_is_now() {
    // `mv d1 d3` mid-session, then `q`: the question said d1/plan.toml was "no longer on
    // disk, nor its folder" and offered `S`, no answer there. It says where the plan is now,
    // and `s` saves the edits there and quits.
    // (Bound by reference: the temporary folder lives as long as `renamed`.)
    let renamed = renamed_mid_session("skypie-e2e-folder-renamed-quit", "");
    let Renamed { d1, d3, tmux, .. } = &renamed;
    // (The question is asked anew once the watch finds where.)
    tmux.keys(&["q"]);
    let asked = tmux.wait_for("moved with its folder");
    assert!(asked.contains("d3/plan.toml"), "{asked}");
    tmux.keys(&["s"]);
    let said = tmux.wait_for("skypie: saved");
    assert!(said.contains("d3/plan.toml"), "{said}");
    let saved = std::fs::read_to_string(d3.join("plan.toml")).expect("the plan");
    assert!(saved.contains("revenue = \"3.1M\""), "{saved}");
    assert!(!d1.exists(), "nothing made at the old name");
}

#[test]
fn a_plan_reloaded_after_its_folder_was_replaced_keeps_its_edits_beside_the_plan_reloaded() {
    // `mv q3 q3-old; mkdir q3` with another plan, `s` asks, R y reloads that plan: the
    // session's plan is q3/plan.toml now, and the edits made on it went, killed, to q3-old/,
    // taken for the old plan moved.
    let (dir, _, text) = scenario_copy();
    let (q3, old) = (dir.path().join("q3"), dir.path().join("q3-old"));
    let (tmux, _) = edited_in_a_folder("skypie-e2e-folder-replaced-reload", dir.path(), "q3");
    std::fs::rename(&q3, &old).expect("the folder renamed");
    std::fs::create_dir(&q3).expect("a folder made anew");
    let other = text.replace("horizon_days = 90", "horizon_days = 120");
    std::fs::write(q3.join("plan.toml"), &other).expect("another plan");
    tmux.keys(&["s"]);
    tmux.wait_for("is another file, put where");
    tmux.keys(&["R"]);
    tmux.wait_for("Reload?");
    tmux.keys(&["y"]);
    tmux.wait_for("reloaded");
    tmux.keys(&["Right"]);
    tmux.wait_for("unsaved edits");
    terminate(&wait_for_file(&dir.path().join("pid")));
    let stderr = wait_for_file(&dir.path().join("stderr"));
    assert_eq!(recovery_files(&q3).len(), 1, "{stderr}");
    assert!(recovery_files(&old).is_empty(), "{stderr}");
}

#[test]
fn ctrl_c_in_the_value_editor_asks_and_d_drops_the_value_and_the_unsaved_edit() {
    let (dir, path, original) = scenario_copy();
    let exit = dir.path().join("exit");
    let tmux = plan_writing_its_exit("skypie-e2e-ctrl-c", &path, &exit);
    tmux.wait_for("PIE IN THE SKY");
    tmux.keys(&["Right"]);
    tmux.wait_for("unsaved edits");
    tmux.keys(&["Enter", "C-u"]);
    tmux.type_text("99M");
    tmux.wait_for("99M");
    tmux.keys(&["C-c"]);
    let asked = tmux.wait_for("There are unsaved edits.");
    assert!(
        asked.contains("`99M` typed for"),
        "the typed value is named:\n{asked}"
    );
    tmux.keys(&["d"]);
    assert_eq!(wait_for_file(&exit).trim(), "0", "skypie exited 0");
    assert_eq!(
        std::fs::read_to_string(&path).expect("the file is still there"),
        original,
        "nothing saved"
    );
    // The edit discarded is in the session log (quit without a save, it left no trace).
    let mut log_name = path.clone().into_os_string();
    log_name.push(".session.md");
    let log = std::fs::read_to_string(&log_name).expect("the session log");
    assert!(
        log.contains("The session was quit without saving the edits among the rows below: they were discarded."),
        "{log}"
    );
    assert!(log.contains("| target.revenue |"), "{log}");
}

#[test]
fn a_key_read_with_a_save_is_an_edit_after_it_not_one_the_save_counts_as_saved() {
    // `s` and `→` in one read (a laggy link, a busy moment): the plan was saved as `s` found
    // it, and the edit `→` made was counted as saved too, so `q` quit without asking and the
    // edit was in neither the file nor its log.
    let (dir, path, original) = scenario_copy();
    let exit = dir.path().join("exit");
    let tmux = plan_writing_its_exit("skypie-e2e-save-then-key", &path, &exit);
    tmux.wait_for("PIE IN THE SKY");
    tmux.keys(&["Right"]);
    tmux.wait_for("unsaved edits");
    tmux.keys_at_once(&["s", "Right"]);
    // The second nudge (3M → 3.1M → 3.2M) shows once the save is done.
    tmux.wait_for("target        3.2M");
    let saved = std::fs::read_to_string(&path).expect("the file is still there");
    assert_ne!(saved, original, "the first edit is saved");
    assert!(saved.contains("revenue = \"3.1M\""), "{saved}");
    tmux.keys(&["q"]);
    tmux.wait_for("There are unsaved edits.");
    tmux.keys(&["d"]);
    assert_eq!(wait_for_file(&exit).trim(), "0", "skypie exited 0");
    assert_eq!(
        std::fs::read_to_string(&path).expect("the file is still there"),
        saved,
        "the second edit was discarded, as asked"
    );
}

#[test]
fn a_link_pointed_at_another_plan_mid_session_takes_neither_its_log_nor_its_edits_there() {
    // The session opened `link.toml` → `plan.toml`; the link was then pointed at `other.toml`.
    // The session's log rows and recovery file followed the link: into the log of a plan never
    // edited, and offered to it as its own edits, while `plan.toml` was offered nothing.
    let (dir, path, original) = scenario_copy();
    let other = dir.path().join("other.toml");
    std::fs::write(&other, &original).expect("another plan");
    let link = dir.path().join("link.toml");
    let point_link_at = |target: &Path| {
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(target, &link).expect("a link");
    };
    let log_of = |name: &str| std::fs::read_to_string(dir.path().join(name));
    let nothing_of_the_other_plan = || {
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("the folder is readable")
            .filter_map(|entry| Some(entry.ok()?.file_name().to_string_lossy().into_owned()))
            .collect();
        assert!(
            !names.iter().any(|name| name.starts_with("other.toml.")),
            "nothing of this session is the other plan's: {names:?}"
        );
    };

    // A session opened through the link, with an edit, and the link then pointed at the
    // other plan.
    let edited_then_relinked = |session: &str, exit: &Path| {
        point_link_at(&path);
        let tmux = plan_writing_its_exit(session, &link, exit);
        tmux.wait_for("PIE IN THE SKY");
        tmux.keys(&["Right"]);
        tmux.wait_for("unsaved edits");
        point_link_at(&other);
        tmux
    };
    // `s` asked about the other plan, and the question declined, the screen then saying `then`.
    let asked_and_declined = |tmux: &Tmux, then: &str| {
        tmux.keys(&["s"]);
        tmux.wait_for("another file");
        tmux.keys(&["Escape"]);
        tmux.wait_for(then);
    };

    // Quit without saving: the discarded edit is logged beside the plan edited.
    let exit = dir.path().join("exit");
    let tmux = edited_then_relinked("skypie-e2e-relinked-quit", &exit);
    tmux.keys(&["q"]);
    tmux.wait_for("There are unsaved edits.");
    tmux.keys(&["d"]);
    assert_eq!(wait_for_file(&exit).trim(), "0", "skypie exited 0");
    let log = log_of("plan.toml.session.md").expect("the edited plan's log");
    assert!(log.contains("| target.revenue |"), "{log}");
    assert!(
        log_of("other.toml.session.md").is_err(),
        "no log for the other plan"
    );
    drop(tmux);

    // Ended by a closed window: the edits are kept beside the plan edited, named after it.
    point_link_at(&path);
    let (tmux, pid) =
        session_with_an_edit("skypie-e2e-relinked-closed", dir.path(), &link, &["Right"]);
    point_link_at(&other);
    close_and_wait(&tmux, &pid);
    let recovered = recovery_files(dir.path());
    assert_eq!(recovered.len(), 1, "{recovered:?}");
    assert!(
        recovered[0].1.contains("revenue = \"3.1M\""),
        "{recovered:?}"
    );
    nothing_of_the_other_plan();
    for (name, _) in &recovered {
        std::fs::remove_file(dir.path().join(name)).expect("the recovery file");
    }

    // A save asked about the link now leading elsewhere, and declined: the edits are still
    // the plan's (they went beside the other plan, and were offered to it).
    point_link_at(&path);
    let (tmux, pid) = session_with_an_edit(
        "skypie-e2e-relinked-declined",
        dir.path(),
        &link,
        &["Right"],
    );
    point_link_at(&other);
    asked_and_declined(&tmux, "unsaved edits");
    // And `s` again, the link still there: asked again (it wrote into the other plan).
    asked_and_declined(&tmux, "left as it is");
    assert_eq!(
        std::fs::read_to_string(&other).expect("the other plan"),
        original
    );
    terminate(&pid);
    close_and_wait(&tmux, &pid);
    let recovered = recovery_files(dir.path());
    assert_eq!(recovered.len(), 1, "{recovered:?}");
    nothing_of_the_other_plan();
    for (name, _) in &recovered {
        std::fs::remove_file(dir.path().join(name)).expect("the recovery file");
    }

    // Declined, then the link pointed back: `s` saves the plan, as the file it is (it said
    // the link "led to …/other.toml when this session opened or saved it", and that the plan
    // was "another plan than the one this session opened").
    let exit = dir.path().join("exit-back");
    let tmux = edited_then_relinked("skypie-e2e-relinked-back", &exit);
    asked_and_declined(&tmux, "unsaved edits");
    point_link_at(&path);
    tmux.keys(&["s"]);
    let said = tmux.wait_for("link.toml (session log:");
    assert!(!said.contains("another"), "{said}");
    let saved = std::fs::read_to_string(&path).expect("the plan");
    assert!(saved.contains("revenue = \"3.1M\""), "{saved}");
    assert_eq!(
        std::fs::read_to_string(&other).expect("the other plan"),
        original
    );
    // And so where a colleague changed the plan meanwhile: their change is offered for a
    // merge (it was called another plan, and `y` wrote over it).
    tmux.keys(&["Right"]);
    tmux.wait_for("unsaved edits");
    point_link_at(&other);
    asked_and_declined(&tmux, "left as it is");
    let colleagues = saved.replace("horizon_days = 90", "horizon_days = 91");
    assert_ne!(colleagues, saved);
    std::fs::write(&path, &colleagues).expect("the colleague's save");
    point_link_at(&path);
    tmux.keys(&["s"]);
    let asked = tmux.wait_for("Changed there: horizon_days");
    assert!(!asked.contains("another plan"), "{asked}");
    tmux.keys(&["m"]);
    tmux.wait_for("merged into");
    let merged = std::fs::read_to_string(&path).expect("the plan");
    assert!(merged.contains("horizon_days = 91"), "{merged}");
    assert!(merged.contains("revenue = \"3.2M\""), "{merged}");
    tmux.keys(&["q"]);
    assert_eq!(wait_for_file(&exit).trim(), "0", "skypie exited 0");
}

#[test]
fn an_export_after_the_plan_changed_on_disk_says_so() {
    // A colleague's save, then `e t`: the summary read as the file's, and its "the file says
    // 120M to 180M" as the file now, which said otherwise; nothing on the screen said so.
    let (dir, path, original) = scenario_copy();
    let exit = dir.path().join("exit");
    let tmux = plan_writing_its_exit("skypie-e2e-export-changed", &path, &exit);
    tmux.wait_for("PIE IN THE SKY");
    tmux.keys(&["Right"]);
    tmux.wait_for("unsaved edits");
    let colleagues = original.replace("horizon_days = 90", "horizon_days = 91");
    assert_ne!(colleagues, original);
    std::fs::write(&path, colleagues).expect("the colleague's save");
    // The summary waits for the panels: asked again until they are in.
    let said = tmux.wait_until("the export said", |screen| {
        if screen.contains("exported ") {
            return true;
        }
        tmux.keys(&["e", "t"]);
        false
    });
    let words = said.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("changed on disk since this session read or saved it"),
        "{said}"
    );
    tmux.keys(&["q", "d"]);
    assert_eq!(wait_for_file(&exit).trim(), "0", "skypie exited 0");
}

#[test]
fn a_burst_of_more_than_1024_keys_is_applied_in_full() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("plan.toml");
    let text = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml")
        .expect("the worked example exists")
        .replace("samples = 100000", "samples = 20000");
    std::fs::write(&path, &text).expect("write the copy");
    let exit = dir.path().join("exit");
    let tmux = plan_writing_its_exit("skypie-e2e-burst", &path, &exit);
    tmux.wait_for("growth        8% to 15%");
    tmux.keys(&["Down", "Down", "Down", "Down"]);
    // 1,500 keys at once: each → raises market growth by a point.
    tmux.keys(&["Right"; 1500]);
    tmux.wait_for("growth        1,508% to 1,515%");
    tmux.keys(&["s"]);
    tmux.wait_for("(session log: ");
    tmux.keys(&["q"]);
    assert_eq!(wait_for_file(&exit).trim(), "0", "skypie exited 0");
}

#[test]
fn a_full_disk_leaves_no_empty_recovery_file_or_session_log() {
    let (dir, _, _) = scenario_copy();
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).expect("a temporary folder of its own");
    let pid = dir.path().join("pid");
    // `ulimit -f 0`: every write into a file fails, as on a full disk (SIGXFSZ ignored, so
    // the write fails rather than the process being killed).
    let command = format!(
        "sh -c 'echo $$ > {pid}; trap \"\" XFSZ; ulimit -f 0; cd {dir}; \
         TMPDIR={tmp} XDG_STATE_HOME={tmp} exec {bin} plan plan.toml' 2> /dev/null",
        pid = pid.display(),
        dir = dir.path().display(),
        tmp = tmp.display(),
        bin = env!("CARGO_BIN_EXE_skypie"),
    );
    let tmux = Tmux::start("skypie-e2e-full-disk", &command);
    tmux.wait_for("PIE IN THE SKY");
    tmux.keys(&["Right"]);
    tmux.wait_for("unsaved edits");
    let pid = wait_for_file(&pid).trim().to_string();
    close_and_wait(&tmux, &pid);
    let left: Vec<String> = [dir.path(), tmp.as_path()]
        .iter()
        .flat_map(|folder| std::fs::read_dir(folder).expect("the folder is readable"))
        .filter_map(|entry| Some(entry.ok()?.file_name().to_string_lossy().into_owned()))
        .filter(|name| name.contains(".recovered-") || name.ends_with(".session.md"))
        .collect();
    assert!(left.is_empty(), "files cut short were left: {left:?}");
}

#[test]
fn saving_as_a_folder_saves_inside_it_and_asks_before_replacing_a_file_there() {
    let (dir, path, _) = scenario_copy();
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).expect("make the folder");
    let exit = dir.path().join("exit");
    let tmux = plan_writing_its_exit("skypie-e2e-save-in-folder", &path, &exit);
    tmux.wait_for("PIE IN THE SKY");
    tmux.keys(&["Right", "S"]);
    tmux.wait_for("Save as");
    tmux.type_text(&reports.display().to_string());
    tmux.keys(&["Enter"]);
    let inside = reports.join("plan.toml");
    tmux.wait_for(&format!("saved {}", inside.display()));
    assert!(
        inside.is_file(),
        "the file is in the folder, under its own name"
    );
    assert!(!dir.path().join("reports.toml").exists(), "not beside it");
    // The first file's folder, named with its `/`: the file there is asked about, not
    // replaced.
    tmux.keys(&["Right", "S"]);
    tmux.wait_for("Save as");
    tmux.type_text(&format!("{}/", dir.path().display()));
    tmux.keys(&["Enter"]);
    tmux.wait_for("already exists");
    tmux.keys(&["C-c"]);
    tmux.wait_for("There are unsaved edits.");
    tmux.keys(&["d"]);
    assert_eq!(wait_for_file(&exit).trim(), "0", "skypie exited 0");
}

#[test]
fn sigtstp_gives_the_terminal_back_and_fg_brings_the_session_back() {
    let (dir, path, _) = scenario_copy();
    let pid = dir.path().join("pid");
    let stty = dir.path().join("stty");
    let tmux = Tmux::start(
        "skypie-e2e-sigtstp",
        "env -i TERM=screen PATH=/usr/bin:/bin PS1='$ ' bash --norc --noprofile",
    );
    tmux.type_text(&format!(
        "sh -c 'echo $$ > {pid}; exec {bin} plan {file}'",
        pid = pid.display(),
        bin = env!("CARGO_BIN_EXE_skypie"),
        file = path.display(),
    ));
    tmux.keys(&["Enter"]);
    tmux.wait_for("PIE IN THE SKY");
    tmux.keys(&["Right"]);
    tmux.wait_for("unsaved edits");
    let pid = wait_for_file(&pid).trim().to_string();
    let stopped = Command::new("kill")
        .args(["-TSTP", &pid])
        .status()
        .expect("kill runs");
    assert!(stopped.success());
    let shell = tmux.wait_for("Stopped");
    assert!(
        !shell.contains("PIE IN THE SKY"),
        "the shell's own screen is back, not the session's:\n{shell}"
    );
    tmux.type_text(&format!("stty -a > {}", stty.display()));
    tmux.keys(&["Enter"]);
    let modes = wait_for_file(&stty);
    let words: Vec<&str> = modes.split_whitespace().collect();
    assert!(
        words.contains(&"icanon") && words.contains(&"echo"),
        "the terminal is cooked again: {modes}"
    );
    tmux.type_text("fg");
    tmux.keys(&["Enter"]);
    tmux.wait_for("PIE IN THE SKY");
    tmux.keys(&["Right"]);
    // A second → acts at once, without Enter: the target goes 3M → 3.1M → 3.2M.
    tmux.wait_for("3.2M");
    tmux.keys(&["q"]);
    tmux.wait_for("There are unsaved edits.");
    tmux.keys(&["d"]);
    let deadline = Instant::now() + Duration::from_secs(30);
    while !has_ended(&pid) {
        assert!(Instant::now() < deadline, "skypie (pid {pid}) did not quit");
        std::thread::sleep(Duration::from_millis(20));
    }
}
