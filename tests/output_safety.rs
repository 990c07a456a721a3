//! Nothing lost, nothing leaked: the binary's writers save like an editor (symlinks, modes,
//! read-only files, FIFOs, line endings), what it prints never carries a terminal escape or a
//! spreadsheet formula, a name never turns into Markdown markup, a CSV number is never
//! hundreds of digits long, and a failing standard output is an error, not a panic.

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const ANECDOTE: &str = "scenarios/01-series-b-first-90-days.toml";
const ALL: [&str; 5] = [
    ANECDOTE,
    "scenarios/02-capacity-bound-team.toml",
    "scenarios/03-mature-vendor-run-rate.toml",
    "scenarios/04-multi-year-plan.toml",
    "scenarios/05-every-distribution.toml",
];

/// An earlier `eval` summary's first line, as CSV and as Markdown: what `--out` replaces.
const EARLIER_CSV: &str = "name,file,horizon_days\n";
const EARLIER_MD: &str = "| scenario | file | days |\n";

/// An earlier `--draws` file's header: what `--draws` replaces.
const EARLIER_DRAWS: &str = "market_in_window,achievable_revenue,feasible\n";

/// A name that retitles the terminal, rings its bell and clears the screen when printed raw.
const HOSTILE_NAME: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J";

fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("skypie")
}

fn skypie(args: &[&str]) -> Output {
    Command::new(binary())
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// `skypie eval` of the anecdote at 2,000 samples, in `format`, written with `--out out`.
fn anecdote_to(format: &str, out: &str) -> Output {
    skypie(&[
        "eval",
        "--samples",
        "2000",
        "-f",
        format,
        "--out",
        out,
        ANECDOTE,
    ])
}

/// skypie run in `folder` with `args`, its standard output appended to `file`, as the shell's
/// `>>` does.
fn appending_to(file: &Path, folder: &Path, args: &[&str]) -> Output {
    let shell = fs::OpenOptions::new().append(true).open(file).unwrap();
    Command::new(binary())
        .current_dir(folder)
        .args(args)
        .stdout(shell)
        .output()
        .unwrap()
}

/// skypie run in `folder` with `args`, `input` piped to its standard input (as `cat plan.toml |`
/// does), killed if it runs past half a minute: a run that hangs fails the test, not waits.
fn piped_in(folder: &Path, args: &[&str], input: &str) -> Output {
    assert_cmd::Command::cargo_bin("skypie")
        .unwrap()
        .current_dir(folder)
        .env("NO_COLOR", "1")
        .args(args)
        .write_stdin(input)
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn arg(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The anecdote with its name replaced (the name as TOML would write it, escapes and all).
fn anecdote_named(toml_name: &str) -> String {
    let original = fs::read_to_string(ANECDOTE).unwrap();
    let line = original
        .lines()
        .find(|l| l.starts_with("name = "))
        .expect("the anecdote has a name line");
    original.replace(line, &format!("name = {toml_name}"))
}

/// `s` as a TOML basic string, every control character as a \u escape.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if c.is_control() || c == '"' || c == '\\' {
            out += &format!("\\u{:04X}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out + "\""
}

#[test]
fn out_through_a_symlink_writes_the_real_file_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.csv");
    fs::write(&real, EARLIER_CSV).unwrap();
    let link = dir.path().join("summary.csv");
    std::os::unix::fs::symlink("real.csv", &link).unwrap();
    let output = anecdote_to("csv", &arg(&link));
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&real).unwrap().starts_with("name,file,"));
}

#[test]
fn no_output_replaces_a_scenario_being_read_or_another_output() {
    let dir = tempfile::tempdir().unwrap();
    let original = fs::read_to_string(ANECDOTE).unwrap();
    let plan = dir.path().join("plan.toml");
    let other = dir.path().join("other.toml");
    fs::write(&plan, &original).unwrap();
    fs::write(&other, &original).unwrap();
    std::os::unix::fs::symlink(&plan, dir.path().join("link.toml")).unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    let (p, o) = (arg(&plan), arg(&other));
    let link = arg(&dir.path().join("link.toml"));
    let roundabout = arg(&dir.path().join("sub/../plan.toml"));
    let out = arg(&dir.path().join("out.csv"));
    let cases: [(Vec<&str>, String); 9] = [
        (
            vec!["eval", &p, "--out", &p],
            format!(
                "--out {p} is the scenario file {p}: writing it would replace the scenario (choose another name)"
            ),
        ),
        (
            vec!["eval", &p, "--draws", &p],
            format!("--draws {p} is the scenario file"),
        ),
        (
            // A link leads to it, as README says it (it read "is the scenario file"); what to
            // do is said as for a link to a scenario the run does not read (it was not).
            vec!["eval", &p, "--out", &link],
            format!(
                "--out {link} leads to the scenario file {p}: writing it would replace the \
                 scenario (choose another name, or remove the link {link} first)"
            ),
        ),
        // The link given as the scenario: it is the link, or the file the link leads to.
        (
            vec!["eval", &link, "--out", &link],
            format!("--out {link} is the scenario file {link}:"),
        ),
        (
            vec!["eval", &link, "--out", &p],
            format!("--out {p} is the file the scenario {link} leads to:"),
        ),
        (
            vec!["eval", &p, "--out", &roundabout],
            "is the scenario file".into(),
        ),
        (
            vec!["eval", &p, &o, "--out", &o],
            format!("is the scenario file {o}"),
        ),
        (
            vec!["report", &p, "--out", &p],
            format!("--out {p} is the scenario file {p}"),
        ),
        (
            vec!["eval", &p, "--draws", &out, "--out", &out],
            format!("--out and --draws both name {out}: one would replace the other"),
        ),
    ];
    // The output a dangling link leads to, and standard input read from the plan itself.
    let dangling = arg(&dir.path().join("dangling.csv"));
    std::os::unix::fs::symlink(dir.path().join("new.csv"), &dangling).unwrap();
    let new = arg(&dir.path().join("new.csv"));
    let output = skypie(&["eval", &p, "--out", &dangling, "--draws", &new]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    let piped = Command::new(binary())
        .args(["eval", "-", "--out", "/dev/stdin"])
        .stdin(fs::File::open(&plan).unwrap())
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(2), "{}", text(&piped.stderr));
    // A scenario that is not there is said to be missing, not to be replaced.
    let missing = arg(&dir.path().join("missing.toml"));
    let output = skypie(&["eval", &missing, "--out", &missing]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    for (args, says) in cases {
        let output = skypie(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            text(&output.stderr).contains(&says),
            "{args:?}: {}",
            text(&output.stderr)
        );
        assert_eq!(fs::read_to_string(&plan).unwrap(), original, "{args:?}");
        assert_eq!(fs::read_to_string(&other).unwrap(), original, "{args:?}");
        assert!(!dir.path().join("out.csv").exists(), "{args:?}");
    }
}

#[test]
fn standard_input_redirected_from_the_scenario_is_no_link_to_remove() {
    // `eval - --out /dev/stdin < plan.toml` was told to "remove the link /dev/stdin first".
    // A copy: were the refusal lost, the summary would land in the worked example.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("plan.toml");
    fs::copy(ANECDOTE, &copy).unwrap();
    let plan = fs::File::open(&copy).unwrap();
    let output = Command::new(binary())
        .args(["eval", "-", "--out", "/dev/stdin"])
        .stdin(plan)
        .output()
        .unwrap();
    assert_eq!(
        refusal(&output),
        (
            Some(2),
            "error: --out /dev/stdin is the scenario file -: writing it would replace the \
             scenario (choose another name)"
                .to_string()
        )
    );
}

#[test]
fn no_output_replaces_a_scenario_file_the_run_does_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let original = fs::read_to_string(ANECDOTE).unwrap();
    fs::create_dir(dir.path().join("board")).unwrap();
    for name in ["board/b.toml", "board/g.toml", "board/g.report.html"] {
        fs::write(dir.path().join(name), &original).unwrap();
    }
    std::os::unix::fs::symlink("board/b.toml", dir.path().join("link.toml")).unwrap();
    let run = |args: &[&str]| skypie_in(dir.path(), args);
    let through_link = "leads to the scenario file board/b.toml: writing it would replace the \
                        scenario (choose another name, or remove the link link.toml first)";
    // Never advice to remove the scenario itself.
    let direct = "board/b.toml is a scenario file: writing it would replace the scenario \
                  (choose another name)";
    let cases: [(&[&str], String); 5] = [
        (
            &["eval", "board/g.toml", "--out", "link.toml"],
            format!("error: --out link.toml {through_link}"),
        ),
        (
            &["eval", "board/g.toml", "--draws", "link.toml"],
            format!("error: --draws link.toml {through_link}"),
        ),
        (
            &["eval", "board/g.toml", "-f", "csv", "--out", "board/b.toml"],
            format!("error: --out {direct}"),
        ),
        (
            &["report", "board/g.toml", "--out", "link.toml"],
            format!("error: --out link.toml {through_link}"),
        ),
        (
            &["report", "board/g.toml"],
            "error: without --out, the report board/g.report.html is a scenario file".into(),
        ),
    ];
    for (args, says) in cases {
        let output = run(args);
        let said = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {said}");
        assert!(said.starts_with(&says), "{args:?}: {said}");
        // A usage error of its own command, as clap's are.
        let usage = format!("Usage: skypie {} [OPTIONS]", args[0]);
        assert!(said.contains(&usage), "{args:?}: {said}");
        assert!(
            output.stdout.is_empty(),
            "{args:?}: nothing computed or printed"
        );
        for name in ["board/b.toml", "board/g.toml", "board/g.report.html"] {
            let now = fs::read_to_string(dir.path().join(name)).unwrap();
            assert_eq!(now, original, "{args:?}: {name}");
        }
        assert!(
            fs::symlink_metadata(dir.path().join("link.toml"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
    // `-` is standard output, never a file; appended by the shell to a scenario, it is refused
    // as standard output without `--out` is (it was written into b.toml, exit 0).
    let appended = Command::new(binary())
        .current_dir(dir.path())
        .args(["eval", "board/g.toml", "--samples", "1000", "-f", "csv"])
        .args(["--out", "-"])
        .stdout(
            fs::OpenOptions::new()
                .append(true)
                .open(dir.path().join("board/b.toml"))
                .unwrap(),
        )
        .output()
        .unwrap();
    assert_eq!(
        appended.status.code(),
        Some(2),
        "{}",
        text(&appended.stderr)
    );
    assert!(
        text(&appended.stderr).contains("the summary would be appended to the scenario"),
        "{}",
        text(&appended.stderr)
    );
    let b = fs::read_to_string(dir.path().join("board/b.toml")).unwrap();
    assert_eq!(b, original);
    // A scenario half mended (no longer one `check` accepts) is a .toml file, kept all the
    // same; a file that is neither (an earlier run's output) is replaced.
    fs::write(dir.path().join("broken.toml"), "horizon_days = \n").unwrap();
    let kept = run(&["eval", "board/g.toml", "--out", "broken.toml"]);
    assert_eq!(kept.status.code(), Some(2));
    assert!(
        text(&kept.stderr).starts_with(
            "error: --out broken.toml is a .toml file: no output is TOML, so it is not \
             replaced (choose another name)\n"
        ),
        "{}",
        text(&kept.stderr)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("broken.toml")).unwrap(),
        "horizon_days = \n"
    );
    // A new output named .toml would read as a scenario to `eval *.toml`.
    let named_toml = run(&["eval", "board/g.toml", "--out", "summary.toml"]);
    assert_eq!(named_toml.status.code(), Some(2));
    assert!(
        text(&named_toml.stderr).starts_with(
            "error: --out summary.toml names a .toml file: no output is TOML, and `eval *.toml` \
             would take it for a scenario"
        ),
        "{}",
        text(&named_toml.stderr)
    );
    assert!(!dir.path().join("summary.toml").exists());
    // So would one named `.toml` alone (a hidden file, written with the table, exit 0).
    let hidden = run(&["eval", "board/g.toml", "--out", ".toml"]);
    assert_eq!(hidden.status.code(), Some(2), "{}", text(&hidden.stderr));
    assert!(!dir.path().join(".toml").exists());
    // A backup of a scenario half mended, under any name, is a scenario all the same (a
    // value out of range, a misspelt key: replaced by the table, exit 0).
    for (name, edit) in [
        ("nearly.toml.orig", ("reps = 6", "reps = 6.5")),
        ("typo.txt", ("size =", "sise =")),
    ] {
        let backup = original.replacen(edit.0, edit.1, 1);
        assert_ne!(backup, original, "{name}");
        fs::write(dir.path().join(name), &backup).unwrap();
        let kept = run(&["eval", "board/g.toml", "-f", "csv", "--out", name]);
        assert_eq!(
            kept.status.code(),
            Some(2),
            "{name}: {}",
            text(&kept.stderr)
        );
        assert!(
            text(&kept.stderr).starts_with(&format!(
                "error: --out {name} is a scenario file: writing it would replace the scenario"
            )),
            "{}",
            text(&kept.stderr)
        );
        assert_eq!(fs::read_to_string(dir.path().join(name)).unwrap(), backup);
    }
    fs::write(dir.path().join("summary.csv"), EARLIER_CSV).unwrap();
    let replaced = run(&[
        "eval",
        "board/g.toml",
        "--samples",
        "1000",
        "--out",
        "summary.csv",
    ]);
    assert!(replaced.status.success(), "{}", text(&replaced.stderr));
}

#[test]
fn new_files_get_the_umasks_permissions() {
    let dir = tempfile::tempdir().unwrap();
    for (umask, wanted) in [("022", 0o644), ("027", 0o640), ("077", 0o600)] {
        let plan = dir.path().join(format!("plan-{umask}.toml"));
        let summary = dir.path().join(format!("summary-{umask}.csv"));
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask {umask}; \"$0\" new \"$1\" && \"$0\" eval --samples 2000 -f csv --out \"$2\" \"$1\""
            ))
            .arg(binary())
            .arg(&plan)
            .arg(&summary)
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(mode(&plan), wanted, "new under umask {umask}");
        assert_eq!(mode(&summary), wanted, "--out under umask {umask}");
    }
}

#[test]
fn a_private_plans_outputs_are_private_too() {
    // Under umask 022 a 0600 plan's summary, draws and board report were 0644.
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    let shared = dir.path().join("shared.toml");
    for path in [&plan, &shared] {
        assert!(skypie(&["new", &arg(path)]).status.success());
    }
    fs::set_permissions(&plan, fs::Permissions::from_mode(0o600)).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o644)).unwrap();
    let out = |name: &str| dir.path().join(name);
    let run = |args: &[&str]| {
        let status = Command::new("sh")
            .arg("-c")
            .arg("umask 022; exec \"$@\"")
            .arg("sh")
            .arg(binary())
            .args(args)
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "{args:?}");
    };
    let (summary, both, draws, report) = (
        out("summary.csv"),
        out("both.csv"),
        out("draws.csv"),
        out("board.html"),
    );
    let s = "--samples=2000";
    run(&["eval", s, "-f", "csv", "--out", &arg(&summary), &arg(&plan)]);
    // Made from a private plan and a shared one: private.
    run(&[
        "eval",
        s,
        "-f",
        "csv",
        "--out",
        &arg(&both),
        &arg(&shared),
        &arg(&plan),
    ]);
    run(&["eval", s, "--draws", &arg(&draws), &arg(&plan)]);
    run(&["report", s, "--out", &arg(&report), &arg(&plan)]);
    for path in [&summary, &both, &draws, &report] {
        assert_eq!(mode(path), 0o600, "{}", path.display());
    }
    // A shared plan's outputs are as any new file (the umask's).
    let open = out("open.csv");
    run(&["eval", s, "-f", "csv", "--out", &arg(&open), &arg(&shared)]);
    assert_eq!(mode(&open), 0o644);
}

#[test]
fn an_existing_out_file_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("summary.md");
    fs::write(&out, EARLIER_MD).unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o640)).unwrap();
    let output = anecdote_to("md", &arg(&out));
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(mode(&out), 0o640);
    assert!(
        fs::read_to_string(&out)
            .unwrap()
            .starts_with("| scenario |")
    );
}

#[test]
fn a_report_replaces_an_earlier_report_and_no_other_file() {
    // `report --out real.pdf` replaced a PDF with the page, with a note only that it is HTML.
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    fs::copy(ANECDOTE, &plan).unwrap();
    let report = |out: Option<&Path>| {
        let mut args = vec![
            "report".to_string(),
            arg(&plan),
            "--samples".into(),
            "500".into(),
        ];
        if let Some(out) = out {
            args.extend(["--out".to_string(), arg(out)]);
        }
        skypie(&args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let pdf = dir.path().join("real.pdf");
    fs::write(&pdf, "%PDF-1.7 the board's deck").unwrap();
    let refused = report(Some(&pdf));
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
    assert!(
        text(&refused.stderr).starts_with(&format!(
            "error: --out {} holds a file that is no skypie report: writing the report would \
             replace it (choose another name)\n",
            arg(&pdf)
        )),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!(
        fs::read_to_string(&pdf).unwrap(),
        "%PDF-1.7 the board's deck"
    );
    // Through a link, the file it leads to is named.
    let link = dir.path().join("link.html");
    std::os::unix::fs::symlink(&pdf, &link).unwrap();
    let refused = report(Some(&link));
    assert!(
        text(&refused.stderr).contains("leads to")
            && text(&refused.stderr).contains("remove the link"),
        "{}",
        text(&refused.stderr)
    );
    // The report beside the plan, by its default name, holding something else.
    let beside = dir.path().join("plan.report.html");
    fs::write(&beside, "<p>my own notes</p>").unwrap();
    let refused = report(None);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("name another with --out"));
    // An earlier report, and an empty file, are written over.
    fs::remove_file(&beside).unwrap();
    for _ in 0..2 {
        let written = report(None);
        assert!(written.status.success(), "{}", text(&written.stderr));
    }
    let empty = dir.path().join("empty.html");
    fs::write(&empty, "").unwrap();
    assert!(report(Some(&empty)).status.success());
    assert!(
        fs::read_to_string(&empty)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
}

#[test]
fn new_force_through_a_link_replaces_only_a_plan() {
    // `plan.toml` a link to `actuals.csv`: `new --force plan.toml` replaced a year of actuals
    // with the template, where `new --force actuals.csv` is refused by its name.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("actuals.csv");
    fs::write(&data, "quarter,attainment\nQ1,0.72\n").unwrap();
    let link = dir.path().join("plan.toml");
    std::os::unix::fs::symlink(&data, &link).unwrap();
    let refused = skypie(&["new", "--force", &arg(&link)]);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
    assert_eq!(
        text(&refused.stderr),
        format!(
            "error: found {}, a link to {}, a file that is no skypie scenario: the template \
             would replace it (remove the link {} first, or name the file itself)\n",
            arg(&link),
            arg(&data),
            arg(&link)
        )
    );
    assert_eq!(
        fs::read_to_string(&data).unwrap(),
        "quarter,attainment\nQ1,0.72\n"
    );
    // The name as written, `.toml` added (`new --force plan` wrote through `plan.toml`); and
    // without --force, nothing would be replaced: "already exists".
    let typed = dir.path().join("plan");
    let refused = skypie(&["new", "--force", &arg(&typed)]);
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
    let asked = skypie(&["new", &arg(&link)]);
    assert_eq!(asked.status.code(), Some(1), "{}", text(&asked.stderr));
    assert!(text(&asked.stderr).contains("already exists"));
    assert_eq!(
        fs::read_to_string(&data).unwrap(),
        "quarter,attainment\nQ1,0.72\n"
    );
    // A link to a plan, under any name, is a plan to replace.
    let plan = dir.path().join("q3-plan");
    fs::copy(ANECDOTE, &plan).unwrap();
    fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(&plan, &link).unwrap();
    let replaced = skypie(&["new", "--force", &arg(&link)]);
    assert!(replaced.status.success(), "{}", text(&replaced.stderr));
    assert!(link.is_symlink());
    assert!(
        fs::read_to_string(&plan)
            .unwrap()
            .starts_with("# A skypie scenario")
    );
}

/// `skypie eval` of the anecdote at 2,000 samples with `args` after it.
fn anecdote_with(args: &[&str]) -> Output {
    let mut all = vec!["eval", "--samples", "2000", ANECDOTE];
    all.extend(args);
    skypie(&all)
}

/// The first line of `output`'s standard error, and its exit status.
fn refusal(output: &Output) -> (Option<i32>, String) {
    let stderr = text(&output.stderr);
    (
        output.status.code(),
        stderr.lines().next().unwrap_or_default().to_string(),
    )
}

/// The refusal of `flag` at `path`, a file of the user's that is no skypie `what`: another
/// name is the advice, never removing the user's file.
fn no_skypie(what: &str, flag: &str, path: &Path) -> String {
    let path = arg(path);
    format!(
        "error: {flag} {path} holds a file that is no skypie {what}: writing the {what} would \
         replace it (choose another name)"
    )
}

#[test]
fn out_onto_a_users_notes_is_refused_and_the_notes_kept() {
    // `eval plan.toml --out notes.md` replaced the notes with the summary, exit 0.
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.md");
    fs::write(&notes, "# Board prep\n\n- ask why Q3 slipped\n").unwrap();
    let refused = anecdote_with(&["--out", &arg(&notes)]);
    assert_eq!(
        refusal(&refused),
        (Some(2), no_skypie("summary", "--out", &notes))
    );
    assert_eq!(
        fs::read_to_string(&notes).unwrap(),
        "# Board prep\n\n- ask why Q3 slipped\n"
    );
}

#[test]
fn out_onto_a_users_read_only_notes_is_refused_as_notes_when_the_scenario_is_piped_in() {
    // `cat plan.toml | skypie eval - --out notes.md` with notes.md read-only was told it cannot
    // be written (exit 1), where the notes are no output to replace at all (exit 2).
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.md");
    fs::write(&notes, "# Board prep\n").unwrap();
    fs::set_permissions(&notes, fs::Permissions::from_mode(0o444)).unwrap();
    let plan = fs::read_to_string(ANECDOTE).unwrap();
    let args = ["eval", "-", "--samples", "100", "--out", "notes.md"];
    assert_eq!(
        refusal(&piped_in(dir.path(), &args, &plan)),
        (
            Some(2),
            no_skypie("summary", "--out", Path::new("notes.md"))
        )
    );
}

#[test]
fn out_onto_a_users_notes_is_refused_before_a_scenario_typed_in_is_read() {
    // `skypie eval - --out notes.md` at a terminal (a device, as /dev/null is) read the whole
    // scenario typed, to Ctrl-D, and only then refused the notes: the typing was lost.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.md"), "# Board prep\n").unwrap();
    let output = Command::new(binary())
        .current_dir(dir.path())
        .args(["eval", "-", "--out", "notes.md"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(
        refusal(&output),
        (
            Some(2),
            no_skypie("summary", "--out", Path::new("notes.md"))
        )
    );
}

#[test]
fn draws_onto_a_users_data_is_refused_and_the_data_kept() {
    // `--draws actuals.csv`, a typo for samples.csv, replaced two years of data, exit 0.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data.csv");
    let actuals = "quarter,attainment\n2025Q1,0.82\n2025Q2,0.91\n";
    fs::write(&data, actuals).unwrap();
    let refused = anecdote_with(&["--out", "/dev/null", "--draws", &arg(&data)]);
    assert_eq!(
        refusal(&refused),
        (Some(2), no_skypie("draws", "--draws", &data))
    );
    assert_eq!(fs::read_to_string(&data).unwrap(), actuals);
}

#[test]
fn out_through_a_link_to_a_users_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.md");
    fs::write(&notes, "my notes\n").unwrap();
    let link = dir.path().join("summary.md");
    std::os::unix::fs::symlink("notes.md", &link).unwrap();
    let refused = anecdote_with(&["--out", &arg(&link)]);
    let real = fs::canonicalize(&notes).unwrap();
    assert_eq!(
        refusal(&refused),
        (
            Some(2),
            format!(
                "error: --out {} leads to {}, a file that is no skypie summary: writing the \
                 summary would replace it (choose another name, or remove the link {} first)",
                arg(&link),
                arg(&real),
                arg(&link)
            )
        )
    );
}

#[test]
fn out_replaces_an_earlier_summary_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["table", "md", "csv", "json"] {
        for detail in [&[][..], &["--detail"][..]] {
            let path = dir.path().join(format!("summary-{format}{}", detail.len()));
            let out = arg(&path);
            let mut args = vec!["--format", format, "--out", &out];
            args.extend(detail);
            // The second run replaces the first's summary (seed 8, not the file's 7: another text).
            let first = anecdote_with(&args);
            let earlier = fs::read_to_string(&path).unwrap();
            args.extend(["--seed", "8"]);
            let second = anecdote_with(&args);
            assert!(
                first.status.success() && second.status.success(),
                "{format} {detail:?}: {}",
                text(&second.stderr)
            );
            assert_ne!(
                fs::read_to_string(&path).unwrap(),
                earlier,
                "{format} {detail:?}"
            );
        }
    }
}

#[test]
fn draws_replace_earlier_draws() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("samples.csv");
    let draws = arg(&path);
    let mut written = Vec::new();
    for seed in ["1", "2"] {
        let run = anecdote_with(&["--out", "/dev/null", "--draws", &draws, "--seed", seed]);
        assert!(run.status.success(), "{}", text(&run.stderr));
        written.push(fs::read_to_string(&path).unwrap());
    }
    assert_ne!(
        written[0], written[1],
        "the second seed's draws replaced the first's"
    );
}

/// `eval` with `args` onto `path`, then again after a note of one's own is appended to what it
/// wrote there: the second run's refusal, and whether the note is still there.
fn again_onto_a_note_appended(path: &Path, args: &[&str]) -> ((Option<i32>, String), bool) {
    let first = anecdote_with(args);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let mut file = fs::OpenOptions::new().append(true).open(path).unwrap();
    file.write_all(b"my extra note appended by hand\n").unwrap();
    let second = anecdote_with(args);
    let kept = fs::read_to_string(path)
        .unwrap()
        .ends_with("appended by hand\n");
    (refusal(&second), kept)
}

/// The refusal of `flag` at `path`, an earlier summary changed since skypie wrote it.
fn a_changed_summary(flag: &str, path: &Path) -> String {
    format!(
        "error: {flag} {} holds a skypie summary changed since it was written: writing the \
         summary would replace the changes (choose another name)",
        arg(path)
    )
}

#[test]
fn a_summary_too_large_to_read_whole_is_replaced_as_an_earlier_one() {
    // A CSV summary of a batch past 16 MB was refused as "a file that is no skypie summary".
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.csv");
    let first = anecdote_with(&["--out", &arg(&path)]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let written = fs::read_to_string(&path).unwrap();
    let row = written.lines().nth(1).unwrap().to_string() + "\n";
    let rows = row.repeat((17 << 20) / row.len() + 1);
    fs::write(&path, written + &rows).unwrap();
    let again = anecdote_with(&["--out", &arg(&path)]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(fs::metadata(&path).unwrap().len() < 1 << 20, "replaced");
}

#[test]
fn a_summary_with_a_note_appended_by_hand_is_refused_and_kept() {
    // `echo note >> s.md` then `eval --out s.md` again: the note was gone, exit 0; in CSV and
    // JSON (with `--detail`) alike.
    for (name, detail) in [
        ("s.md", None),
        ("s.csv", None),
        ("s.json", Some("--detail")),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        let out = arg(&path);
        let args: Vec<&str> = ["--out", out.as_str()].into_iter().chain(detail).collect();
        assert_eq!(
            again_onto_a_note_appended(&path, &args),
            ((Some(2), a_changed_summary("--out", &path)), true),
            "{name}"
        );
    }
}

#[test]
fn a_table_summary_with_a_figure_changed_by_hand_is_refused() {
    // A figure typed over in the table kept its lines' shapes: only the mark tells.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.txt");
    let args = ["--format", "table", "--out", &arg(&path)];
    assert!(anecdote_with(&args).status.success());
    let table = fs::read_to_string(&path).unwrap();
    fs::write(&path, table.replacen("pie in the sky", "realistic    ", 1)).unwrap();
    assert_eq!(
        refusal(&anecdote_with(&args)),
        (Some(2), a_changed_summary("--out", &path))
    );
}

#[test]
fn draws_with_a_note_appended_by_hand_are_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("samples.csv");
    let said = "error: --draws {} holds skypie draws changed since they were written: writing the \
                draws would replace the changes (choose another name)";
    assert_eq!(
        again_onto_a_note_appended(&path, &["--out", "/dev/null", "--draws", &arg(&path)]),
        ((Some(2), said.replace("{}", &arg(&path))), true)
    );
}

#[test]
fn a_summary_in_markdown_or_as_a_table_ends_with_its_mark_where_it_is_a_file() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["md", "table"] {
        let path = dir.path().join(format!("s.{format}"));
        assert!(
            anecdote_with(&["--format", format, "--out", &arg(&path)])
                .status
                .success()
        );
        let last = fs::read_to_string(&path)
            .unwrap()
            .lines()
            .last()
            .map(String::from);
        assert!(
            last.as_deref()
                .is_some_and(|l| l.starts_with("<!-- skypie summary, fnv-1a 64: ")),
            "{format}: {last:?}"
        );
    }
}

#[test]
fn a_summary_from_before_skypie_marked_them_is_replaced() {
    // Markdown and a table written by an earlier version, unmarked, are told by their first lines.
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("old.md");
    fs::write(
        &md,
        format!("{EARLIER_MD}|---|---|---|\n| q3 | q3.toml | 90 |\n"),
    )
    .unwrap();
    let run = anecdote_with(&["--out", &arg(&md)]);
    assert!(run.status.success(), "{}", text(&run.stderr));
}

#[test]
fn an_empty_file_is_written_as_a_summary_and_as_draws() {
    let dir = tempfile::tempdir().unwrap();
    let [out, draws] = ["empty.md", "empty.csv"].map(|name| dir.path().join(name));
    for empty in [&out, &draws] {
        fs::write(empty, "").unwrap();
    }
    let run = anecdote_with(&["--out", &arg(&out), "--draws", &arg(&draws)]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(
        fs::read_to_string(&out)
            .unwrap()
            .starts_with("| scenario |")
    );
    assert!(fs::read_to_string(&draws).unwrap().contains("feasible"));
}

#[test]
fn a_fifo_out_is_written_into_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("summary.fifo");
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        &fifo,
        rustix::fs::Mode::from_raw_mode(0o644),
    )
    .unwrap();
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let output = anecdote_to("json", &arg(&fifo));
    assert!(output.status.success(), "{}", text(&output.stderr));
    // First: the reader of a FIFO that was replaced would wait forever.
    let kind = fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&kind),
        "still a FIFO"
    );
    let read = reader.join().unwrap();
    assert!(read.starts_with('['), "{read}");
}

#[test]
fn out_to_dev_stdout_reaches_standard_output() {
    let output = anecdote_to("csv", "/dev/stdout");
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with("name,file,"));
}

#[test]
fn a_read_only_file_is_refused_with_a_hint_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("summary.csv");
    fs::write(&out, EARLIER_CSV).unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o444)).unwrap();
    let output = anecdote_to("csv", &arg(&out));
    assert_eq!(output.status.code(), Some(1));
    let message = text(&output.stderr);
    assert!(
        message.starts_with(&format!("error: {}: ", out.display())),
        "{message}"
    );
    assert!(
        message.contains("read-only") && message.contains("another name"),
        "{message}"
    );
    assert_eq!(fs::read_to_string(&out).unwrap(), EARLIER_CSV);
    // `new --force` too (onto a name that is no export's, which `new` refuses first).
    let notes = dir.path().join("notes.txt");
    fs::write(&notes, "precious").unwrap();
    fs::set_permissions(&notes, fs::Permissions::from_mode(0o444)).unwrap();
    let forced = skypie(&["new", "--force", &arg(&notes)]);
    assert_eq!(forced.status.code(), Some(1));
    assert_eq!(fs::read_to_string(&notes).unwrap(), "precious");
    assert_eq!(mode(&notes), 0o444);
}

#[test]
fn a_write_that_fails_says_where_and_why_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("no-such-folder/summary.csv");
    let output = skypie(&["eval", "--samples", "2000", "--out", &arg(&out), ANECDOTE]);
    assert_eq!(output.status.code(), Some(1));
    let message = text(&output.stderr);
    let folder = dir.path().join("no-such-folder");
    assert_eq!(
        message,
        format!(
            "error: {}: cannot write: there is no folder {}\n",
            out.display(),
            folder.display()
        )
    );
}

#[test]
fn draws_that_fail_leave_the_last_good_summary_in_place() {
    // The summary was written first, then the draws: a run whose draws failed (or that was
    // stopped while it wrote them) replaced the good summary with its own, exit status 1.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("summary.csv");
    let out = arg(&out);
    let good = skypie(&["eval", "--samples", "2000", "--out", &out, ANECDOTE]);
    assert!(good.status.success(), "{}", text(&good.stderr));
    let before = fs::read(&out).unwrap();
    let what_if = skypie(&[
        "eval",
        "--samples",
        "2000",
        "--set",
        "target.revenue=1",
        "--draws",
        "/dev/full",
        "--out",
        &out,
        ANECDOTE,
    ]);
    assert_eq!(what_if.status.code(), Some(1));
    assert!(
        text(&what_if.stderr).contains("/dev/full: cannot write"),
        "{}",
        text(&what_if.stderr)
    );
    assert_eq!(text(&fs::read(&out).unwrap()), text(&before));
    // Draws on standard output, which its reader may close or fill early (`| head`): the
    // summary file comes first, as it did, and is written (the draws first lost it).
    let fresh = dir.path().join("fresh.md");
    let output = to_dev_full(&[
        "eval",
        "--samples",
        "2000",
        "--out",
        &arg(&fresh),
        "--draws",
        "-",
        ANECDOTE,
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(
        fs::read_to_string(&fresh).is_ok_and(|md| md.starts_with('|')),
        "{}",
        text(&output.stderr)
    );
}

/// A folder this process may not add a file to, closed for the life of the guard: `chmod
/// a-w` for a user, made immutable (`chattr +i`) for root, whom permissions do not stop.
struct ClosedFolder(PathBuf);

impl ClosedFolder {
    fn new(path: PathBuf) -> ClosedFolder {
        fs::create_dir(&path).unwrap();
        if rustix::process::geteuid().is_root() {
            let made = Command::new("chattr").arg("+i").arg(&path).status();
            assert!(
                made.is_ok_and(|s| s.success()),
                "root needs chattr (e2fsprogs) and a file system with attributes to close a folder"
            );
        } else {
            fs::set_permissions(&path, fs::Permissions::from_mode(0o555)).unwrap();
        }
        ClosedFolder(path)
    }
}

impl Drop for ClosedFolder {
    fn drop(&mut self) {
        if rustix::process::geteuid().is_root() {
            let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
        } else {
            let _ = fs::set_permissions(&self.0, fs::Permissions::from_mode(0o755));
        }
    }
}

#[test]
fn a_folder_that_takes_no_new_file_is_refused_before_the_run() {
    // Found by the write after the whole run (half a minute at 10M samples), with `--out`
    // written meanwhile and `--draws` not.
    let dir = tempfile::tempdir().unwrap();
    let closed = ClosedFolder::new(dir.path().join("closed"));
    let summary = dir.path().join("summary.csv");
    let draws = closed.0.join("draws.csv");
    let output = skypie(&[
        "eval",
        "--samples",
        "2000",
        "--out",
        &arg(&summary),
        "--draws",
        &arg(&draws),
        ANECDOTE,
    ]);
    assert_eq!(output.status.code(), Some(1));
    let message = text(&output.stderr);
    assert!(
        message.starts_with(&format!(
            "error: {}: cannot write a new file in {}: ",
            draws.display(),
            closed.0.display()
        )),
        "{message}"
    );
    assert!(!summary.exists());
    assert!(!draws.exists());
    // A report too, before its run.
    let board = closed.0.join("board.html");
    let output = skypie(&[
        "report",
        "--samples",
        "2000",
        "--out",
        &arg(&board),
        ANECDOTE,
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("cannot write a new file in"),
        "{}",
        text(&output.stderr)
    );
    // A name without a folder, in a current folder that takes none: the folder by its full
    // path ("cannot write a new file in ." named none).
    let output = Command::new(binary())
        .env("NO_COLOR", "1")
        .current_dir(&closed.0)
        .args(["eval", "--samples", "2000", "--out", "summary.csv"])
        .arg(std::env::current_dir().unwrap().join(ANECDOTE))
        .output()
        .expect("the binary runs");
    assert!(
        text(&output.stderr).starts_with(&format!(
            "error: summary.csv: cannot write a new file in {}: ",
            closed.0.display()
        )),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn a_name_no_file_can_have_is_refused_before_the_run() {
    // `newdir/`, `plan.toml/x.html` and a name over 255 bytes were found by the write, after
    // the whole run (half a minute at 10M samples), as "Not a directory (os error 20)"; the
    // summary of `--out` was written meanwhile and `--draws` not.
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    fs::copy(ANECDOTE, &plan).unwrap();
    let summary = dir.path().join("summary.csv");
    let long = dir.path().join(format!("{}.csv", "x".repeat(300)));
    let cases = [
        (
            format!("{}/newdir/", dir.path().display()),
            "found a folder's name (it ends in /), expected a file to write".to_string(),
        ),
        (
            format!("{}/x.csv", plan.display()),
            format!("cannot write: {} is a file, not a folder", plan.display()),
        ),
        (
            long.display().to_string(),
            "cannot write: File name too long".to_string(),
        ),
    ];
    for (draws, said) in cases {
        let output = skypie(&[
            "eval",
            "--samples",
            "2000",
            "--out",
            &arg(&summary),
            "--draws",
            &draws,
            &arg(&plan),
        ]);
        assert_eq!(output.status.code(), Some(1));
        let message = text(&output.stderr);
        assert!(
            message.starts_with(&format!("error: {draws}: {said}")),
            "{message}"
        );
        assert!(!summary.exists(), "{draws}");
    }
    let output = skypie(&[
        "report",
        "--samples",
        "2000",
        "--out",
        "newdir/",
        &arg(&plan),
    ]);
    assert!(
        text(&output.stderr).contains("newdir/: found a folder's name"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = dir.path().join("hostile.toml");
    fs::write(&hostile, anecdote_named(&toml_string(HOSTILE_NAME))).unwrap();
    let hostile = arg(&hostile);
    let missing = arg(&dir.path().join(format!("missing{HOSTILE_NAME}.toml")));
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", &hostile],
        vec!["check", &missing],
        vec!["eval", "--samples", "2000", &hostile],
        vec!["eval", "--samples", "2000", "--detail", &hostile],
        vec!["eval", "--samples", "2000", "-f", "md", &hostile],
        vec!["eval", "--samples", "2000", "-f", "json", &hostile],
        vec!["eval", "--samples", "2000", &missing, &hostile],
        vec!["eval", "--set", "\u{1b}[2J=1", &hostile],
        vec!["eval", "--set", "target.revenue=\u{1b}[2J", &hostile],
        vec!["new", "--force", &missing],
        vec!["eval", "--format", "\u{1b}[2J", &hostile],
        vec!["\u{1b}]0;pwned\u{7}"],
    ];
    for args in runs {
        let output = skypie(&args);
        for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
            assert!(
                !bytes.iter().any(|b| *b == 0x1b || *b == 0x07),
                "{args:?}: {stream} carries a control character: {}",
                text(bytes)
            );
        }
    }
    // Shown escaped, so a person can see what the file says.
    let check = skypie(&["check", &hostile]);
    assert!(
        text(&check.stdout).contains(": ok (\\u001b]0;pwned\\u0007\\u001b[2J;"),
        "{}",
        text(&check.stdout)
    );
}

#[test]
fn a_line_break_in_a_file_name_is_shown_escaped_so_an_error_stays_one_line() {
    // `nl⏎name.toml:20:1: …` read as an error about a file named `name.toml`.
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("nl\nname.toml");
    let anecdote = fs::read_to_string(ANECDOTE).unwrap();
    fs::write(&broken, anecdote.replacen("\nsize = ", "\nsise = ", 1)).unwrap();
    let missing = dir.path().join("no\nsuch.toml");
    let no_folder = dir.path().join("dir\nx/a.csv");
    let data = dir.path().join("d\nat.csv");
    fs::write(&data, "quarter,won\nq1,1.2M\nq2,abc\n").unwrap();
    for args in [
        vec!["plan".to_string(), arg(&missing)],
        vec![
            "fit".to_string(),
            "--column".to_string(),
            "won".to_string(),
            arg(&data),
        ],
        vec![
            "fit".to_string(),
            "--column".to_string(),
            "lost".to_string(),
            arg(&data),
        ],
        vec!["check".to_string(), arg(&broken)],
        vec!["eval".to_string(), arg(&missing)],
        vec![
            "eval".to_string(),
            "--out".to_string(),
            arg(&no_folder),
            ANECDOTE.to_string(),
        ],
        vec!["new".to_string(), arg(&broken)],
    ] {
        let output = Command::new(binary()).args(&args).output().unwrap();
        let stderr = text(&output.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        assert!(
            lines.first().is_some_and(|l| l.starts_with("error: ")
                && l.contains("\\n")
                && !l.ends_with("nl")),
            "{args:?}: {stderr}"
        );
        // Any further line is the file's own text under the error, never the rest of a name.
        assert!(
            !lines.iter().skip(1).any(|l| l.starts_with("name.toml")
                || l.starts_with("such.toml")
                || l.starts_with("x/a.csv")
                || l.starts_with("at.csv")),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn an_argument_clap_refuses_is_shown_escaped_as_typed_not_with_its_control_characters_dropped() {
    for (args, shown) in [
        (
            vec!["eval", "--format", "\u{1b}[2J", ANECDOTE],
            "error: invalid value '\\u001b[2J' for '--format <FORMAT>'",
        ),
        (
            vec!["eval", "--no-such\u{7}", ANECDOTE],
            "error: unexpected argument '--no-such\\u0007' found",
        ),
        (
            vec!["eval", "-", "-", "\u{7}.toml"],
            "error: - (standard input) can be read only once",
        ),
    ] {
        // Forced colour too: clap's own colour codes are never shown as escaped text.
        for colour in ["NO_COLOR", "CLICOLOR_FORCE"] {
            let output = Command::new(binary())
                .env_remove("NO_COLOR")
                .env(colour, "1")
                .args(&args)
                .stdin(Stdio::null())
                .output()
                .expect("the binary runs");
            let said = text(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{args:?} {colour}: {said}");
            assert!(said.starts_with(shown), "{args:?} {colour}: {said}");
            assert!(!said.contains("\\u001b[1m"), "{args:?} {colour}: {said}");
        }
    }
}

#[test]
fn csv_in_a_pipe_keeps_a_name_byte_for_byte() {
    // CSV is data: escaped only for a terminal, exact for the program it is piped into.
    let dir = tempfile::tempdir().unwrap();
    let hostile = dir.path().join("hostile.toml");
    fs::write(&hostile, anecdote_named(&toml_string(HOSTILE_NAME))).unwrap();
    let output = skypie(&["eval", "--samples", "2000", "-f", "csv", &arg(&hostile)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let mut reader = csv::Reader::from_reader(&output.stdout[..]);
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[0], HOSTILE_NAME);
}

#[test]
fn a_table_in_a_pipe_has_no_colour_even_where_colour_is_allowed() {
    // Colour is for a terminal: with NO_COLOR unset, the table piped elsewhere is plain text.
    let output = Command::new(binary())
        .env_remove("NO_COLOR")
        .args(["eval", "--samples", "2000", ANECDOTE])
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        !output.stdout.contains(&0x1b),
        "an escape in the table: {}",
        text(&output.stdout)
    );
}

#[test]
fn a_usage_error_keeps_its_colour_unless_an_argument_holds_a_control_character() {
    // CLICOLOR_FORCE stands in for a terminal: clap colours its refusals there.
    let refused = |format: &str| {
        Command::new(binary())
            .env_remove("NO_COLOR")
            .env("CLICOLOR_FORCE", "1")
            .args(["eval", "--format", format, ANECDOTE])
            .output()
            .expect("the binary runs")
    };
    let typo = refused("xml");
    assert_eq!(typo.status.code(), Some(2), "{}", text(&typo.stderr));
    assert!(
        typo.stderr.contains(&0x1b),
        "no colour: {}",
        text(&typo.stderr)
    );
    let hostile = refused("\u{1b}[2J");
    assert_eq!(hostile.status.code(), Some(2), "{}", text(&hostile.stderr));
    assert!(
        !hostile.stderr.contains(&0x1b),
        "an escape: {}",
        text(&hostile.stderr)
    );
}

#[test]
fn csv_cells_that_look_like_formulas_are_guarded_and_numbers_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("formula.toml");
    fs::write(&path, anecdote_named("\"=HYPERLINK(\\\"http://x\\\")\"")).unwrap();
    // A small target needs a negative pace: a number that starts with `-`.
    let output = skypie(&[
        "eval",
        "--samples",
        "2000",
        "-f",
        "csv",
        "--set",
        "target.revenue=200k",
        &arg(&path),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let mut reader = csv::Reader::from_reader(&output.stdout[..]);
    let header = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let cell = |key: &str| &row[header.iter().position(|h| h == key).unwrap()];
    assert_eq!(cell("name"), "'=HYPERLINK(\"http://x\")");
    let pace = cell("required_pace");
    assert!(pace.starts_with('-'), "{pace}");
    assert!(
        pace.parse::<f64>().is_ok(),
        "a negative pace stays a number: {pace}"
    );
}

#[test]
fn a_name_reads_as_written_in_markdown_never_as_markup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("markup.toml");
    let name = "# Plan *bold* <b>x</b> _u_ [link](x) `code` a|b";
    fs::write(&path, anecdote_named(&toml_string(name))).unwrap();
    let output = skypie(&[
        "eval",
        "--samples",
        "2000",
        "--detail",
        "-f",
        "md",
        &arg(&path),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let md = text(&output.stdout);
    let escaped = r"# Plan \*bold\* \<b>x\</b> \_u\_ [link\](x) \`code\` a\|b";
    assert!(
        md.contains(&format!("\n| {escaped} | ")),
        "the table's cell:\n{md}"
    );
    assert!(
        md.contains(&format!("\n\\{escaped}: ")),
        "the sentence:\n{md}"
    );
    assert!(
        md.contains(&format!("\n### {escaped}\n")),
        "the detail's heading:\n{md}"
    );
}

/// The most characters a full-precision number takes in CSV: `-0.000000012345678901234567`.
const LONGEST_CSV_NUMBER: usize = 27;

/// Every cell of `csv` (a header row, then data) that is a number: (column, cell).
fn csv_numbers(csv: &[u8]) -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_reader(csv);
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .flat_map(|row| {
            let row = row.unwrap();
            header
                .iter()
                .zip(row.iter())
                .filter(|(_, cell)| cell.parse::<f64>().is_ok())
                .map(|(key, cell)| (key.to_string(), cell.to_string()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn csv_writes_figures_of_extreme_magnitude_in_powers_of_ten() {
    // A market of 1e308 makes the needed capture about 1e-302 and the achievable revenue 1e306.
    let output = skypie(&[
        "eval",
        "--samples",
        "2000",
        "-f",
        "csv",
        "--set",
        "market.size=1e308",
        ANECDOTE,
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let numbers = csv_numbers(&output.stdout);
    for (key, cell) in &numbers {
        assert!(cell.len() <= LONGEST_CSV_NUMBER, "{key}: {cell}");
    }
    let cell = |key: &str| &numbers.iter().find(|(k, _)| k == key).unwrap().1;
    assert!(cell("required_capture_p50").contains("e-30"), "{numbers:?}");
    assert!(
        cell("achievable_revenue_p50").contains("e30"),
        "{numbers:?}"
    );
}

#[test]
fn draws_write_figures_of_extreme_magnitude_in_powers_of_ten() {
    let dir = tempfile::tempdir().unwrap();
    let draws = dir.path().join("draws.csv");
    let output = skypie(&[
        "eval",
        "--samples",
        "100",
        "--set",
        "market.size=1e308",
        "--draws",
        &arg(&draws),
        ANECDOTE,
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let numbers = csv_numbers(&fs::read(&draws).unwrap());
    assert_eq!(numbers[0], ("market.size".to_string(), "1e308".to_string()));
    for (key, cell) in &numbers {
        assert!(cell.len() <= LONGEST_CSV_NUMBER, "{key}: {cell}");
    }
}

proptest::proptest! {
    #[test]
    fn a_csv_number_reads_back_as_the_same_f64(bits in proptest::num::u64::ANY) {
        let x = f64::from_bits(bits);
        proptest::prop_assume!(x.is_finite());
        let cell = skypie::report::format::RoundTrip(x).to_string();
        proptest::prop_assert_eq!(cell.parse::<f64>(), Ok(x), "{}", cell);
        proptest::prop_assert!(cell.len() <= LONGEST_CSV_NUMBER, "{}", cell);
    }
}

/// Standard output opened on `/dev/full`: every write fails with "no space left".
fn to_dev_full(args: &[&str]) -> Output {
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    Command::new(binary())
        .args(args)
        .stdout(full)
        .output()
        .unwrap()
}

/// Every command, in every format that prints.
fn every_printing_command() -> Vec<Vec<&'static str>> {
    let eval = |format: &'static str| vec!["eval", "--samples", "2000", "-f", format, ANECDOTE];
    vec![
        vec!["check", ANECDOTE],
        vec!["new"],
        eval("table"),
        eval("csv"),
        eval("md"),
        eval("json"),
        vec!["--help"],
        vec!["eval", "--help"],
        vec!["--version"],
    ]
}

#[test]
fn a_full_standard_output_is_an_error_not_a_panic() {
    for args in every_printing_command() {
        let output = to_dev_full(&args);
        let message = text(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {message}");
        assert!(
            message.starts_with("error: cannot write to standard output: "),
            "{args:?}: {message}"
        );
        assert!(!message.contains("panicked"), "{args:?}: {message}");
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    for args in every_printing_command() {
        ends_quietly_on_a_closed_pipe(&args);
    }
}

/// Runs `skypie ARGS` with standard output a pipe nobody reads: it must end with 141 (a
/// shell's status for SIGPIPE) and say nothing.
fn ends_quietly_on_a_closed_pipe(args: &[&str]) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = Command::new(binary())
        .args(args)
        .stdout(writer)
        .output()
        .unwrap();
    let said = text(&output.stderr);
    assert_eq!(output.status.code(), Some(141), "{args:?}: {said}");
    assert!(said.is_empty(), "{args:?}: {said}");
}

#[test]
fn a_long_name_is_cut_in_the_table_and_its_sentence_and_kept_whole_in_json_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.toml");
    let name = "n".repeat(3_000_000);
    fs::write(&path, anecdote_named(&format!("\"{name}\""))).unwrap();
    let path = arg(&path);
    let table = skypie(&["eval", "--samples", "1000", &path]);
    assert!(table.status.success(), "{}", text(&table.stderr));
    let table = text(&table.stdout);
    let grid: Vec<&str> = table.lines().take_while(|l| !l.is_empty()).collect();
    assert!(grid[1].contains("nnn…"), "{}", grid[1]);
    assert!(grid.iter().all(|l| l.chars().count() < 120), "{}", grid[1]);
    // The sentence under the table names it as the table does.
    let cut = format!("{}…", "n".repeat(59));
    assert!(grid[1].contains(&cut), "{}", grid[1]);
    let sentence = table
        .lines()
        .find(|l| l.contains(" in 90 days needs "))
        .unwrap();
    assert!(sentence.starts_with(&format!("{cut}: ")), "{sentence:.200}");
    assert!(
        table.lines().all(|l| l.len() < 1000),
        "no line carries the name whole"
    );
    let json = skypie(&["eval", "--samples", "1000", "-f", "json", &path]);
    let all: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(all[0]["name"].as_str().map(str::len), Some(3_000_000));
    let csv = skypie(&["eval", "--samples", "1000", "-f", "csv", &path]);
    assert!(text(&csv.stdout).contains(&name));
}

#[test]
fn the_output_is_the_same_for_any_thread_count_and_memory_budget() {
    let run = |threads: &str, budget: &str| {
        let mut args = vec![
            "eval",
            "--samples",
            "20000",
            "-f",
            "json",
            "--threads",
            threads,
        ];
        args.extend(["--max-memory", budget]);
        args.extend(ALL);
        let output = skypie(&args);
        assert!(output.status.success(), "{}", text(&output.stderr));
        output
    };
    let reference = run("2", "2G");
    for (threads, budget) in [("1", "2G"), ("4", "1"), ("3", "1M"), ("8", "64G")] {
        let output = run(threads, budget);
        assert_eq!(
            text(&output.stdout),
            text(&reference.stdout),
            "--threads {threads} --max-memory {budget}"
        );
    }
    let tight = run("2", "1");
    assert!(
        text(&tight.stderr).contains("more than --max-memory"),
        "{}",
        text(&tight.stderr)
    );
}

#[test]
fn a_closed_pipe_behind_a_file_name_ends_quietly_too() {
    // `--draws /dev/stdout | head -1`: the file writer meets the closed pipe, not the printer
    // (the table goes to /dev/null, so that it is not the table that meets it first).
    let commands = [
        vec![
            "eval",
            "--samples",
            "2000",
            "--out",
            "/dev/null",
            "--draws",
            "/dev/stdout",
            ANECDOTE,
        ],
        vec![
            "eval",
            "--samples",
            "2000",
            "--out",
            "/dev/stdout",
            ANECDOTE,
        ],
        vec![
            "report",
            "--samples",
            "2000",
            "--out",
            "/dev/stdout",
            ANECDOTE,
        ],
    ];
    for args in commands {
        ends_quietly_on_a_closed_pipe(&args);
    }
}

#[test]
fn a_failed_write_to_a_named_file_is_said_even_when_it_is_a_pipe() {
    // No space: an error, exit 1, never taken for a closed standard output.
    for command in ["eval", "report"] {
        let args = [command, "--samples", "2000", "--out", "/dev/full", ANECDOTE];
        let output = Command::new(binary()).args(args).output().unwrap();
        let said = text(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {said}");
        assert!(
            said.contains("/dev/full: cannot write: No space left on device"),
            "{args:?}: {said}"
        );
    }
    // A FIFO whose reader leaves early (a compressor that died): said, not quiet.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("draws.fifo");
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        &fifo,
        rustix::fs::Mode::from_raw_mode(0o644),
    )
    .unwrap();
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            use std::io::Read;
            let mut first = [0u8; 10];
            fs::File::open(&fifo)
                .unwrap()
                .read_exact(&mut first)
                .unwrap();
        })
    };
    let output = Command::new(binary())
        .args(["eval", "--samples", "20000", "--draws"])
        .arg(&fifo)
        .arg(ANECDOTE)
        .stdout(Stdio::null())
        .output()
        .unwrap();
    reader.join().unwrap();
    let said = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(said.contains("cannot write: Broken pipe"), "{said}");
}

#[test]
fn an_interrupted_write_leaves_no_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    // And the rarer ones: a timer's, another program's, a CPU-time limit's (each left a
    // partial --draws file behind, hundreds of MB at 10M samples).
    let rarer = [
        ("QUIT", 3),
        ("USR1", 10),
        ("USR2", 12),
        ("ALRM", 14),
        ("XCPU", 24),
        ("VTALRM", 26),
        ("PROF", 27),
    ];
    for (signal, number) in [("INT", 2), ("TERM", 15), ("HUP", 1)]
        .into_iter()
        .chain(rarer)
    {
        let dir = tempfile::tempdir().unwrap();
        let scenario = dir.path().join("plan.toml");
        fs::copy(ANECDOTE, &scenario).unwrap();
        let mut child = Command::new(binary())
            .current_dir(dir.path())
            .args([
                "eval",
                "plan.toml",
                "--samples",
                "10000000",
                "--draws",
                "draws.csv",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let temporary = || {
            fs::read_dir(dir.path())
                .unwrap()
                .filter_map(|e| e.ok())
                .filter(|e| e.file_name().to_string_lossy().starts_with(".skypie-"))
                .count()
        };
        // Wait until the rows are being written into the temporary file.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while temporary() == 0 {
            assert!(std::time::Instant::now() < deadline, "no temporary file");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let killed = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        assert_eq!(
            status.signal(),
            Some(number),
            "{signal}: ended by it, as before"
        );
        assert_eq!(temporary(), 0, "{signal}: the temporary file is gone");
        assert!(
            !dir.path().join("draws.csv").exists(),
            "{signal}: nothing half-written"
        );
    }
}

#[test]
fn a_batch_where_every_file_fails_leaves_out_as_it_was() {
    // It was replaced by an empty table (CSV its header, Markdown its header row, JSON `[]`):
    // the last good summary, which a board pack may be reading, was lost to a typo.
    let dir = tempfile::tempdir().unwrap();
    fs::copy(ANECDOTE, dir.path().join("good.toml")).unwrap();
    fs::write(dir.path().join("bad.toml"), "horizon_days = 0\n").unwrap();
    for format in ["csv", "json", "md", "table"] {
        let out = dir.path().join(format!("summary.{format}"));
        let run = |files: &[&str]| {
            Command::new(binary())
                .current_dir(dir.path())
                .args(["eval", "--samples", "1000", "-f", format, "--out"])
                .arg(&out)
                .args(files)
                .output()
                .unwrap()
        };
        assert!(run(&["good.toml"]).status.success(), "{format}");
        let yesterday = fs::read_to_string(&out).unwrap();
        let output = run(&["bad.toml"]);
        assert_eq!(output.status.code(), Some(1), "{format}");
        assert_eq!(fs::read_to_string(&out).unwrap(), yesterday, "{format}");
        let said = text(&output.stderr);
        assert!(
            said.contains(&format!(
                "note: no scenario was evaluated, so {} is not written (it keeps what it held)",
                out.display()
            )),
            "{format}: {said}"
        );
        // One file evaluated among failures: its figures are written, the run still fails.
        let output = run(&["bad.toml", "good.toml"]);
        assert_eq!(output.status.code(), Some(1), "{format}");
        let written = fs::read_to_string(&out).unwrap();
        assert!(written.contains("good.toml"), "{format}: {written}");
        // Said: a summary of fewer scenarios than asked for replaced a whole one unsaid.
        let said = text(&output.stderr);
        assert!(
            said.contains(&format!(
                "note: {} holds 1 of the 2 scenarios asked for: the one above that could not be \
                 evaluated is left out",
                out.display()
            )),
            "{format}: {said}"
        );
    }
    // No file is created when there was none.
    let new = dir.path().join("new.csv");
    let output = Command::new(binary())
        .current_dir(dir.path())
        .args(["eval", "bad.toml", "--out", "new.csv"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(!new.exists());
    assert!(
        text(&output.stderr)
            .contains("note: no scenario was evaluated, so new.csv is not written\n"),
        "{}",
        text(&output.stderr)
    );
    // Standard output still gets JSON's `[]` and CSV's header, as without --out.
    for out in ["-", "/dev/stdout"] {
        let output = Command::new(binary())
            .current_dir(dir.path())
            .args(["eval", "bad.toml", "-f", "json", "--out", out])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(text(&output.stdout).trim(), "[]", "{out}");
    }
}

#[test]
fn a_dash_for_an_output_is_standard_output_not_a_file_named_dash() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(ANECDOTE, dir.path().join("plan.toml")).unwrap();
    let run = |args: &[&str]| skypie_in(dir.path(), args);
    let csv = run(&[
        "eval",
        "plan.toml",
        "--samples",
        "1000",
        "-f",
        "csv",
        "--out",
        "-",
    ]);
    assert!(csv.status.success(), "{}", text(&csv.stderr));
    assert!(text(&csv.stdout).starts_with("name,file,"));
    let draws = run(&[
        "eval",
        "plan.toml",
        "--samples",
        "1000",
        "--draws",
        "-",
        "-f",
        "md",
    ]);
    assert!(draws.status.success(), "{}", text(&draws.stderr));
    assert!(text(&draws.stdout).contains("market.size,"), "the rows");
    let report = run(&["report", "plan.toml", "--samples", "1000", "--out", "-"]);
    assert!(report.status.success(), "{}", text(&report.stderr));
    assert!(text(&report.stdout).starts_with("<!DOCTYPE html>"));
    assert!(
        text(&report.stderr).starts_with("wrote the report to standard output: ")
            && text(&report.stderr).ends_with("saved as a .html file, it opens in a browser\n"),
        "{}",
        text(&report.stderr)
    );
    let template = run(&["new", "-"]);
    assert!(template.status.success(), "{}", text(&template.stderr));
    assert!(text(&template.stdout).starts_with("# A skypie scenario."));
    assert!(!dir.path().join("-").exists(), "no file named -");
}

#[test]
fn a_dash_writes_where_the_shell_is_in_the_file_standard_output_is() {
    // `{ echo FIRST; skypie eval … --out -; echo LAST; } > log`: the shell's writes and
    // skypie's share one place in the log. Reopened by name, standard output kept a place of
    // its own, and LAST landed on skypie's first bytes.
    let dir = tempfile::tempdir().unwrap();
    fs::copy(ANECDOTE, dir.path().join("plan.toml")).unwrap();
    let outputs: [(&[&str], &str); 4] = [
        (
            &[
                "eval",
                "plan.toml",
                "--samples",
                "1000",
                "-f",
                "csv",
                "--out",
                "-",
            ],
            "name,file,",
        ),
        (
            &[
                "eval",
                "plan.toml",
                "--samples",
                "50",
                "--draws",
                "-",
                "-f",
                "md",
            ],
            "| scenario | file |",
        ),
        (
            &["report", "plan.toml", "--samples", "1000", "--out", "-"],
            "<!DOCTYPE html>",
        ),
        (&["new", "-"], "# A skypie scenario."),
    ];
    for (args, starts) in outputs {
        let log = dir.path().join("log");
        let mut shell = fs::File::create(&log).unwrap();
        shell.write_all(b"FIRST\n").unwrap();
        let output = Command::new(binary())
            .current_dir(dir.path())
            .args(args)
            .stdout(shell.try_clone().unwrap())
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", text(&output.stderr));
        shell.write_all(b"LAST\n").unwrap();
        let written = fs::read_to_string(&log).unwrap();
        assert!(
            written.starts_with(&format!("FIRST\n{starts}")),
            "{args:?}: {written}"
        );
        assert!(written.ends_with("LAST\n"), "{args:?}: {written}");
    }
}

#[test]
fn out_dash_appended_to_the_scenario_it_reads_is_told_to_name_a_file_as_at_another_scenario() {
    // `report plan.toml --out - >> plan.toml` said only "(send the output to another file)",
    // where `>> other.toml` also said "or name a file with --out instead of -".
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    fs::copy(ANECDOTE, &plan).unwrap();
    let output = appending_to(&plan, dir.path(), &["report", "plan.toml", "--out", "-"]);
    let said = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(
        said.contains(
            "writing it would land in the scenario (send the output to another file, or name a \
             file with --out instead of -)"
        ),
        "{said}"
    );
}

#[test]
fn standard_output_appended_to_the_scenario_being_read_is_refused_as_out_dash_is() {
    // `eval plan.toml >> plan.toml` exited 0 and appended the summary to the scenario, which
    // then no longer parsed; `--out - >> plan.toml` was already refused.
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    fs::copy(ANECDOTE, &plan).unwrap();
    let before = fs::read(&plan).unwrap();
    let runs: [(&[&str], &str); 9] = [
        (
            &["eval", "plan.toml", "--samples", "1000"],
            "standard output",
        ),
        (
            &["eval", "plan.toml", "--samples", "1000", "-f", "csv"],
            "standard output",
        ),
        (
            &["eval", "-", "--samples", "1000", "-f", "json"],
            "standard output",
        ),
        // As typed: `-`, not the /dev/stdout it is written through.
        (
            &["eval", "plan.toml", "--out", "-"],
            "--out - (standard output)",
        ),
        // Standard output by another name is named so: it was taken for a link to the scenario
        // ("leads to the scenario file plan.toml … remove the link /dev/fd/1 first").
        (
            &["eval", "plan.toml", "--out", "/dev/fd/1"],
            "--out /dev/fd/1 (standard output)",
        ),
        (
            &["eval", "plan.toml", "--draws", "/proc/self/fd/1"],
            "--draws /proc/self/fd/1 (standard output)",
        ),
        (
            &["report", "plan.toml", "--out", "/dev/fd/1"],
            "--out /dev/fd/1 (standard output)",
        ),
        // It read "--out - (standard output)", a name not typed.
        (
            &["report", "plan.toml", "--out", "/dev/stdout"],
            "--out /dev/stdout (standard output)",
        ),
        (&["check", "plan.toml"], "standard output"),
    ];
    for (args, named) in runs {
        let shell = fs::OpenOptions::new().append(true).open(&plan).unwrap();
        let output = Command::new(binary())
            .current_dir(dir.path())
            .args(args)
            .stdin(fs::File::open(&plan).unwrap())
            .stdout(shell)
            .output()
            .unwrap();
        let said = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {said}");
        let file = if args[1] == "-" { "-" } else { "plan.toml" };
        assert!(
            said.contains(&format!(
                "{named} is the scenario file {file}: writing it would land in the scenario \
                 (send the output to another file"
            )),
            "{args:?}: {said}"
        );
        assert_eq!(
            fs::read(&plan).unwrap(),
            before,
            "{args:?}: the scenario is kept"
        );
    }
    // `new -` appended to an existing scenario: the template after it, a duplicate of every
    // key. And `fit`'s table, or the summary of another scenario, appended to it (both were
    // written into the scenario, exit 0).
    let actuals = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/actuals/attainment.csv");
    let fit = ["fit", &arg(&actuals), "--column", "attainment"];
    let anecdote = Path::new(env!("CARGO_MANIFEST_DIR")).join(ANECDOTE);
    let other = ["eval", &arg(&anecdote), "--samples", "1000"];
    // `--out -` is standard output too (it was written into the scenario, exit 0).
    let other_dash = ["eval", &arg(&anecdote), "--samples", "1000", "--out", "-"];
    let report_dash = ["report", &arg(&anecdote), "--samples", "1000", "--out", "-"];
    // `/dev/fd/1` is standard output by another name (it was taken for a link to the scenario:
    // "remove the link /dev/fd/1 first").
    let eval_fd = [
        "eval",
        &arg(&anecdote),
        "--samples",
        "1000",
        "--out",
        "/dev/fd/1",
    ];
    let report_fd = [
        "report",
        &arg(&anecdote),
        "--samples",
        "1000",
        "--out",
        "/dev/fd/1",
    ];
    for (args, what) in [
        (&["new", "-"][..], "the template"),
        (&["new"], "the template"),
        (&fit, "the table"),
        (&other, "the summary"),
        (&other_dash, "the summary"),
        (&report_dash, "the report"),
        (&eval_fd, "the summary"),
        (&report_fd, "the report"),
        (&["check", &arg(&anecdote)], "what check says"),
    ] {
        let output = appending_to(&plan, dir.path(), args);
        let said = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {said}");
        assert!(
            said.contains(&format!(
                "plan.toml: {what} would be appended to the scenario"
            )),
            "{args:?}: {said}"
        );
        // What to do is said in one wording whatever is written: `report` said "send the
        // report to another file" where `eval` said "send the output to another file".
        // Where `--out` sent it there, a file is named with --out in its place.
        let out_given = args.iter().position(|a| *a == "--out");
        let in_its_place = out_given.map(|at| {
            format!(
                "(send the output to another file, or name a file with --out instead of {})",
                args[at + 1]
            )
        });
        let advice = match (args[0], in_its_place.as_deref()) {
            ("eval" | "report", Some(in_its_place)) => in_its_place,
            ("eval" | "report", None) => {
                "(send the output to another file, or name one with --out)"
            }
            ("check", _) => "(send the output to another file",
            ("fit", _) => {
                "(write the fit into it with --into FILE --key KEY, or send the output to \
                      another file"
            }
            _ => "(write it to a new file: skypie new FILE",
        };
        assert!(said.contains(advice), "{args:?}: {said}");
        assert_eq!(
            fs::read(&plan).unwrap(),
            before,
            "{args:?}: the scenario is kept"
        );
    }
    // Standard output appended to any other file is written as before, and `new` into an
    // empty one (`new > plan.toml`: the shell has emptied it).
    let empty = dir.path().join("empty.toml");
    let output = Command::new(binary())
        .current_dir(dir.path())
        .args(["new", "-"])
        .stdout(fs::File::create(&empty).unwrap())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        fs::read_to_string(&empty)
            .unwrap()
            .starts_with("# A skypie scenario.")
    );
    // A scenario whose name does not end in .toml is one all the same (`new - >> plan`
    // broke it, for a while); a transcript that so far holds only a scenario is refused too,
    // and told how to go on: a line that is not TOML after the scenario.
    let log = dir.path().join("log.txt");
    fs::copy(dir.path().join("plan.toml"), dir.path().join("plan")).unwrap();
    fs::copy(dir.path().join("plan.toml"), &log).unwrap();
    // `new - >> target`.
    let new_appended_to = |target: &Path| appending_to(target, dir.path(), &["new", "-"]);
    for name in ["plan", "log.txt"] {
        let target = dir.path().join(name);
        let output = new_appended_to(&target);
        let said = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {said}");
        // Named as what it is: it read "the scenario file log.txt", given to no command.
        assert!(
            said.contains(&format!(
                "standard output is {}, a file that holds a scenario: ",
                target.display()
            )),
            "{name}: {said}"
        );
        assert!(
            said.contains("a line that is not TOML after it first, as `echo --- >> run.log`"),
            "{name}: {said}"
        );
        assert_eq!(fs::read(&target).unwrap(), before, "{name}: kept");
    }
    // A scenario half mended (a key misspelt, which `check` refuses) is one all the same, as
    // for `--out`: the summary, a report and the template were appended to it.
    let typo = dir.path().join("typo.toml.orig");
    let half_mended =
        "schema = 1\nhorizon_days = 90\n[target]\nrevenue = \"3M\"\n[market]\nsise = \"5M\"\n";
    fs::write(&typo, half_mended).unwrap();
    let output = new_appended_to(&typo);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("the template would be appended to the scenario"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(fs::read_to_string(&typo).unwrap(), half_mended);
    // A .toml file is a scenario: not told how to make it a log (that would break it).
    let output = new_appended_to(&plan);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        !text(&output.stderr).contains("echo ---"),
        "{}",
        text(&output.stderr)
    );
    fs::OpenOptions::new()
        .append(true)
        .open(&log)
        .unwrap()
        .write_all(b"---\n")
        .unwrap();
    for args in [
        &["eval", "plan.toml", "--samples", "1000"][..],
        &["check", "plan.toml"],
    ] {
        let shell = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .unwrap();
        let output = Command::new(binary())
            .current_dir(dir.path())
            .args(args)
            .stdout(shell)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{args:?}: {}",
            text(&output.stderr)
        );
    }
    let logged = fs::read_to_string(&log).unwrap();
    assert!(logged.as_bytes().starts_with(&before), "{logged}");
    assert!(logged.contains("plan.toml: ok"), "{logged}");
}

#[test]
fn an_empty_file_name_is_a_usage_error_before_anything_is_printed() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(ANECDOTE, dir.path().join("plan.toml")).unwrap();
    let data = "scenarios/actuals/attainment.csv";
    let data = fs::canonicalize(data).unwrap();
    let data = arg(&data);
    // Each output that takes `-` for standard output says so (`new ''` did not).
    let cases: [(Vec<&str>, &str, bool); 11] = [
        (
            vec!["eval", "plan.toml", "--out", ""],
            "'--out <OUT>'",
            true,
        ),
        (vec!["eval", "plan.toml", "-o", ""], "'--out <OUT>'", true),
        (
            vec!["eval", "plan.toml", "--draws", ""],
            "'--draws <OUT.csv>'",
            true,
        ),
        (
            vec!["report", "plan.toml", "--out", ""],
            "'--out <OUT>'",
            true,
        ),
        (
            vec![
                "fit",
                &data,
                "--column",
                "attainment",
                "--into",
                "",
                "--key",
                "capacity.attainment",
            ],
            "'--into <FILE>'",
            false,
        ),
        (vec!["new", ""], "'[FILE]'", true),
        // A file to read, empty, was looked for: "error: : found no such file", exit 1.
        (vec!["eval", ""], "'<FILES>...'", false),
        (vec!["check", ""], "'<FILES>...'", false),
        (vec!["report", ""], "'<FILES>...'", false),
        (vec!["plan", ""], "'[FILE]'", false),
        (vec!["fit", "", "--column", "x"], "'<DATA>'", false),
    ];
    for (args, flag, stdout) in cases {
        let output = Command::new(binary())
            .current_dir(dir.path())
            .args(&args)
            .output()
            .unwrap();
        let said = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {said}");
        assert!(
            said.contains(&format!(
                "invalid value '' for {flag}: found an empty file name, expected the name of a file"
            )),
            "{args:?}: {said}"
        );
        assert_eq!(
            said.contains("expected the name of a file, or - for standard output"),
            stdout,
            "{args:?}: {said}"
        );
        assert!(output.stdout.is_empty(), "{args:?}: nothing printed");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "{args:?}");
    }
}

/// Runs `skypie ARGS...` in the folder `dir`.
fn skypie_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(binary())
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_write_cut_short_names_the_users_file_not_the_temporary_one() {
    // With files limited to 1 KiB (a full disk says "No space left on device" the same way),
    // `new` failed with `plan.toml: cannot write: File too large (os error 27) at path
    // "/…/./.skypie-715q5n.tmp"`: a name the user never gave, `/./` and all.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.toml");
    let output = Command::new("bash")
        .args(["-c", "ulimit -f 1; trap '' XFSZ; exec \"$0\" \"$@\""])
        .arg(binary())
        .args(["new", &arg(&out)])
        .output()
        .expect("bash runs");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        format!(
            "error: {}: cannot write: File too large (os error 27)\n",
            out.display()
        )
    );
    assert!(!out.exists());
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "no temporary file left: {left:?}");
}

#[test]
fn an_output_that_cannot_be_written_is_refused_before_anything_is_computed_or_written() {
    // `--draws nodir/d.csv` was found only after the evaluation (half a minute at 10M samples)
    // and after `--out x.csv` had been written: the command failed and left half its outputs.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.csv");
    let draws = dir.path().join("nodir/d.csv");
    let output = skypie(&[
        "eval",
        "--samples",
        "2000",
        "--out",
        &arg(&out),
        "--draws",
        &arg(&draws),
        ANECDOTE,
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        format!(
            "error: {}: cannot write: there is no folder {}\n",
            draws.display(),
            dir.path().join("nodir").display()
        )
    );
    assert!(!out.exists(), "nothing written");
    // A folder, or a read-only file, named as the report is refused alike.
    let output = skypie(&[
        "report",
        "--samples",
        "2000",
        "--out",
        &arg(dir.path()),
        ANECDOTE,
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("expected a file to write"),
        "{}",
        text(&output.stderr)
    );
}

/// A folder with `plan.toml`, the worked example fitted to `actuals/attainment.csv` (the 28
/// quarters), and the actuals beside it, as its note names them: the folder and the actuals'
/// path.
fn fitted_beside() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    fs::create_dir(dir.path().join("actuals")).unwrap();
    let actuals = dir.path().join("actuals/attainment.csv");
    fs::copy(root.join("actuals/attainment.csv"), &actuals).unwrap();
    let example = root.join("08-attainment-from-past-quarters.toml");
    fs::copy(example, dir.path().join("plan.toml")).unwrap();
    (dir, actuals)
}

#[test]
fn standard_output_appended_to_the_actuals_is_told_to_go_to_another_file() {
    // `eval 08.toml --out - >> actuals/attainment.csv` said "writing it would replace the
    // actuals (choose another name)": the shell appends, and `-` is no name to change.
    let (dir, actuals) = fitted_beside();
    let before = fs::read(&actuals).unwrap();
    let output = appending_to(
        &actuals,
        dir.path(),
        &["eval", "plan.toml", "--samples", "100", "--out", "-"],
    );
    let said = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(
        said.contains(
            "--out - (standard output) is the data plan.toml was fitted to (its note says \
             \"fitted by skypie fit to actuals/attainment.csv\"): writing it would land in the \
             actuals (send the output to another file, or name a file with --out instead of -)"
        ),
        "{said}"
    );
    assert_eq!(fs::read(&actuals).unwrap(), before, "the actuals are kept");
    // Without --out too: the summary was appended to the actuals, exit 0.
    let output = appending_to(
        &actuals,
        dir.path(),
        &["eval", "plan.toml", "--samples", "100"],
    );
    let said = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(
        said.contains(
            "standard output is the data plan.toml was fitted to (its note says \"fitted by \
             skypie fit to actuals/attainment.csv\"): writing it would land in the actuals (send \
             the output to another file, or name one with --out)"
        ),
        "{said}"
    );
    assert_eq!(fs::read(&actuals).unwrap(), before, "the actuals are kept");
}

#[test]
fn no_command_appends_to_the_data_it_fits_nor_to_the_actuals_of_what_it_checks() {
    // `fit d.csv … >> d.csv` appended the table to the data (the next fit failed at its first
    // line); `check 08.toml >> actuals/attainment.csv` appended "08.toml: ok" to the actuals.
    let (dir, actuals) = fitted_beside();
    let before = fs::read(&actuals).unwrap();
    let runs: [(&[&str], &str); 2] = [
        (
            &["fit", "actuals/attainment.csv", "--column", "attainment"],
            "standard output is the data file actuals/attainment.csv: the table would land in \
             the data being fitted (send the output to another file)",
        ),
        (
            &["check", "plan.toml"],
            "standard output is the data plan.toml was fitted to",
        ),
    ];
    for (args, expected) in runs {
        let output = appending_to(&actuals, dir.path(), args);
        let said = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {said}");
        assert!(said.contains(expected), "{args:?}: {said}");
        assert_eq!(
            fs::read(&actuals).unwrap(),
            before,
            "{args:?}: the data kept"
        );
    }
}

#[test]
fn draws_to_standard_output_are_not_appended_to_another_scenario() {
    // `eval plan.toml --draws - --out x.md >> b.toml` appended 100,000 rows to b.toml, exit 0.
    let dir = tempfile::tempdir().unwrap();
    fs::copy(ANECDOTE, dir.path().join("plan.toml")).unwrap();
    let other = dir.path().join("b.toml");
    fs::copy(ANECDOTE, &other).unwrap();
    let before = fs::read(&other).unwrap();
    let args = [
        "eval",
        "plan.toml",
        "--samples",
        "100",
        "--draws",
        "-",
        "--out",
        "x.md",
    ];
    let output = appending_to(&other, dir.path(), &args);
    let said = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(said.contains("the draws would be appended"), "{said}");
    assert_eq!(fs::read(&other).unwrap(), before, "the scenario kept");
    assert!(!dir.path().join("x.md").exists(), "nothing written");
}

#[test]
fn no_output_replaces_the_actuals_a_scenario_was_fitted_to() {
    // `eval 08.toml --draws actuals/attainment.csv` replaced the 28 quarters the scenario's
    // own note says its attainment was fitted to, exit 0.
    let (dir, actuals) = fitted_beside();
    let plan = dir.path().join("plan.toml");
    let before = fs::read(&actuals).unwrap();
    for flag in ["--draws", "--out"] {
        let output = Command::new(binary())
            .current_dir(dir.path())
            .args([
                "eval",
                "plan.toml",
                "--samples",
                "100",
                flag,
                "actuals/attainment.csv",
            ])
            .output()
            .unwrap();
        let said = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{flag}: {said}");
        assert!(
            said.contains("is the data plan.toml was fitted to")
                && said.contains("\"fitted by skypie fit to actuals/attainment.csv\""),
            "{flag}: {said}"
        );
        assert_eq!(
            fs::read(&actuals).unwrap(),
            before,
            "{flag}: the actuals are kept"
        );
    }
    // The note's path is from the scenario's folder: a scenario in sub/ names
    // sub/actuals/attainment.csv, and ./actuals/attainment.csv is no data of its (refused only
    // as a file that is no earlier draws).
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::copy(&plan, dir.path().join("sub/plan.toml")).unwrap();
    let output = Command::new(binary())
        .current_dir(dir.path())
        .args([
            "eval",
            "sub/plan.toml",
            "--samples",
            "100",
            "--draws",
            "actuals/attainment.csv",
        ])
        .output()
        .unwrap();
    assert!(
        text(&output.stderr).starts_with(
            "error: --draws actuals/attainment.csv holds a file that is no skypie draws"
        ),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn an_output_is_never_refused_as_the_data_a_scenario_was_fitted_to_where_no_data_is() {
    // `skypie report - --out gone.html < plan.toml`, its note naming gone.html, which was no
    // file: "--out gone.html is the data the scenario on standard input was fitted to", exit 2.
    let (dir, _) = fitted_beside();
    let plan = dir.path().join("plan.toml");
    let fitted = fs::read_to_string(&plan)
        .unwrap()
        .replace("actuals/attainment.csv", "gone.html");
    fs::write(&plan, fitted).unwrap();
    let output = Command::new(binary())
        .current_dir(dir.path())
        .args(["report", "-", "--samples", "100", "--out", "gone.html"])
        .stdin(fs::File::open(&plan).unwrap())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
}

#[test]
fn the_summary_and_draws_both_appended_to_another_scenario_are_both_named() {
    // `eval plan.toml --draws - >> b.toml` said "the summary would be appended": the draws
    // would go there too, and naming a file with --out alone still sent them.
    let dir = tempfile::tempdir().unwrap();
    fs::copy(ANECDOTE, dir.path().join("plan.toml")).unwrap();
    let other = dir.path().join("b.toml");
    fs::copy(ANECDOTE, &other).unwrap();
    let args = ["eval", "plan.toml", "--samples", "100", "--draws", "-"];
    let said = text(&appending_to(&other, dir.path(), &args).stderr);
    assert!(
        said.contains(
            "the summary and the draws would be appended to the scenario (send the output to \
             another file, or name files with --out and with --draws instead of -)"
        ),
        "{said}"
    );
}

#[test]
fn the_summary_and_draws_both_appended_to_the_scenario_being_read_are_both_mended() {
    // `eval plan.toml --draws - >> plan.toml` was told "name a file with --draws instead of -",
    // after which the summary still went there.
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    fs::copy(ANECDOTE, &plan).unwrap();
    let args = ["eval", "plan.toml", "--samples", "100", "--draws", "-"];
    let said = text(&appending_to(&plan, dir.path(), &args).stderr);
    assert!(
        said.contains("(send the output to another file, or name files with --out and with --draws instead of -)"),
        "{said}"
    );
}

#[test]
fn the_table_and_draws_both_to_standard_output_reach_a_file_the_shell_points_it_at() {
    // `eval plan.toml --out - --draws - > run.txt` was refused as "--out and --draws both
    // name - (standard output): one would replace the other", where in a terminal both show.
    let dir = tempfile::tempdir().unwrap();
    fs::copy(ANECDOTE, dir.path().join("plan.toml")).unwrap();
    let run = dir.path().join("run.txt");
    let output = Command::new(binary())
        .current_dir(dir.path())
        .args([
            "eval",
            "plan.toml",
            "--samples",
            "100",
            "--out",
            "-",
            "--draws",
            "-",
        ])
        .stdout(fs::File::create(&run).unwrap())
        .output()
        .unwrap();
    let written = fs::read_to_string(&run).unwrap_or_default();
    assert_eq!(
        (output.status.code(), written.lines().count() > 100),
        (Some(0), true),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn out_dash_appended_to_another_scenario_is_told_to_name_a_file_in_its_place() {
    // `report a.toml --out - >> b.toml` said "(…, or name one with --out)" to a user who had
    // named one with --out: `-`.
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.toml");
    fs::copy(ANECDOTE, &other).unwrap();
    let anecdote = arg(&Path::new(env!("CARGO_MANIFEST_DIR")).join(ANECDOTE));
    let args = ["report", &anecdote, "--samples", "100", "--out", "-"];
    let output = appending_to(&other, dir.path(), &args);
    assert!(
        text(&output.stderr).contains(
            "the report would be appended to the scenario (send the output to another file, \
             or name a file with --out instead of -)"
        ),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn out_dev_stdout_appended_to_another_scenario_is_told_to_name_a_file_in_its_place_as_typed() {
    // `--out /dev/stdout` was told "instead of -", a name the user had not typed.
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.toml");
    fs::copy(ANECDOTE, &other).unwrap();
    let anecdote = arg(&Path::new(env!("CARGO_MANIFEST_DIR")).join(ANECDOTE));
    let args = [
        "report",
        &anecdote,
        "--samples",
        "100",
        "--out",
        "/dev/stdout",
    ];
    let output = appending_to(&other, dir.path(), &args);
    assert!(
        text(&output.stderr).contains("or name a file with --out instead of /dev/stdout)"),
        "{}",
        text(&output.stderr)
    );
}

/// A folder with `actuals/attainment.csv` (the 28 quarters) and `plans/q3.toml`, the worked
/// example fitted to them, its note naming them from plans/ (`../actuals/attainment.csv`), as
/// `fit --into` writes it: the folder, the actuals' path and the plan's text.
fn fitted_from_plans() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    for folder in ["actuals", "plans"] {
        fs::create_dir(dir.path().join(folder)).unwrap();
    }
    let actuals = dir.path().join("actuals/attainment.csv");
    fs::copy(root.join("actuals/attainment.csv"), &actuals).unwrap();
    let example = fs::read_to_string(root.join("08-attainment-from-past-quarters.toml")).unwrap();
    let plan = example.replace("fit to actuals/", "fit to ../actuals/");
    assert_ne!(plan, example, "the example has the note");
    fs::write(dir.path().join("plans/q3.toml"), &plan).unwrap();
    (dir, actuals, plan)
}

#[test]
fn the_actuals_are_kept_when_the_scenario_is_read_through_a_link() {
    // `fit --into` writes the note from the folder of the file a link leads to
    // (`../actuals/attainment.csv` from plans/), but the note was read from the link's folder:
    // `eval current.toml --draws actuals/attainment.csv` replaced the 28 quarters, exit 0.
    let (dir, actuals, _) = fitted_from_plans();
    std::os::unix::fs::symlink("plans/q3.toml", dir.path().join("current.toml")).unwrap();
    let before = fs::read(&actuals).unwrap();
    for (command, flag) in [("eval", "--draws"), ("eval", "--out"), ("report", "--out")] {
        let output = Command::new(binary())
            .current_dir(dir.path())
            .args([command, "current.toml", "--samples", "100", flag])
            .arg("actuals/attainment.csv")
            .output()
            .unwrap();
        let said = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{command} {flag}: {said}");
        // report refuses a name any summary table has before it reads the plan.
        let why = match command {
            "report" => "report writes a web page (HTML)",
            _ => "is the data current.toml was fitted to",
        };
        assert!(said.contains(why), "{command} {flag}: {said}");
        assert_eq!(fs::read(&actuals).unwrap(), before, "{command} {flag}");
    }
    // And a file the note would name from the link's folder is no data of its: it was refused
    // as "the data current.toml was fitted to".
    fs::create_dir_all(dir.path().join("deep/a")).unwrap();
    fs::create_dir(dir.path().join("deep/actuals")).unwrap();
    std::os::unix::fs::symlink(
        "../../plans/q3.toml",
        dir.path().join("deep/a/current.toml"),
    )
    .unwrap();
    let output = Command::new(binary())
        .current_dir(dir.path())
        .args(["eval", "deep/a/current.toml", "--samples", "100", "--draws"])
        .arg("deep/actuals/attainment.csv")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(fs::read(&actuals).unwrap(), before);
}

#[test]
fn the_actuals_are_kept_when_the_scenario_comes_on_standard_input() {
    // `cat plans/q3.toml | skypie eval - --draws actuals/attainment.csv` replaced the 28
    // quarters, exit 0: a pipe has no folder to read the note's path from. Redirected from the
    // file (`< plans/q3.toml`), standard input is that file, folder and all.
    let (dir, actuals, plan) = fitted_from_plans();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let before = fs::read(&actuals).unwrap();
    let run = |args: &[&str], stdin: Stdio| {
        let output = Command::new(binary())
            .current_dir(dir.path())
            .args(args)
            .stdin(stdin)
            .output()
            .unwrap();
        (output.status.code(), text(&output.stderr))
    };
    let piped = |args: &[&str], plan: &str| {
        let output = piped_in(dir.path(), args, plan);
        (output.status.code(), text(&output.stderr))
    };
    for args in [
        &[
            "eval",
            "-",
            "--samples",
            "100",
            "--draws",
            "actuals/attainment.csv",
        ][..],
        &[
            "eval",
            "-",
            "--samples",
            "100",
            "--out",
            "actuals/attainment.csv",
        ],
        // (`report --out` refuses any name a summary table has, before reading the plan.)
    ] {
        // Data that is no earlier summary nor draws is refused as the data it may be, once the
        // plan is read.
        let (code, said) = piped(args, &plan);
        assert_eq!(code, Some(2), "{args:?}: {said}");
        assert!(
            said.contains("may be the data the scenario on standard input was fitted to"),
            "{args:?}: {said}"
        );
        assert_eq!(fs::read(&actuals).unwrap(), before, "{args:?}");
        let file = fs::File::open(dir.path().join("plans/q3.toml")).unwrap();
        let (code, said) = run(args, Stdio::from(file));
        assert_eq!(code, Some(2), "{args:?} < plans/q3.toml: {said}");
        assert!(
            said.contains("is the data the scenario on standard input was fitted to"),
            "{args:?} < plans/q3.toml: {said}"
        );
        assert_eq!(fs::read(&actuals).unwrap(), before, "{args:?}");
    }
    // A scenario piped in with no fit note writes a file of that name as any other.
    let unfitted = fs::read_to_string(root.join("01-series-b-first-90-days.toml")).unwrap();
    let other = dir.path().join("attainment.csv");
    fs::write(&other, EARLIER_DRAWS).unwrap();
    let (code, said) = piped(
        &["eval", "-", "--samples", "100", "--draws", "attainment.csv"],
        &unfitted,
    );
    assert_eq!(code, Some(0), "{said}");
    assert_ne!(fs::read_to_string(&other).unwrap(), EARLIER_DRAWS);
}

#[test]
fn the_data_a_piped_scenario_was_fitted_to_is_refused_as_that_data_not_as_a_file_of_ones_own() {
    // `cat q3.toml | skypie eval - --draws actuals/attainment.csv` was told the actuals hold
    // "a file that is no skypie draws", where `eval plans/q3.toml` is told they are its data.
    let (dir, _, plan) = fitted_from_plans();
    let args = [
        "eval",
        "-",
        "--samples",
        "100",
        "--draws",
        "actuals/attainment.csv",
    ];
    assert_eq!(
        refusal(&piped_in(dir.path(), &args, &plan)),
        (
            Some(2),
            "error: --draws actuals/attainment.csv may be the data the scenario on standard \
             input was fitted to (its note says \"fitted by skypie fit to \
             ../actuals/attainment.csv\"), and a scenario piped in has no folder to tell: \
             writing it could replace the actuals (choose another name, or give the scenario's \
             file)"
                .to_string()
        )
    );
}

#[test]
fn a_report_onto_the_page_a_piped_scenario_was_fitted_to_is_refused_as_that_data() {
    // `report - --out` onto a file of one's own is refused once the scenario is read, and a
    // page its fit note names is said to be that data, not a file that is no report.
    let (dir, _) = fitted_beside();
    let plan = fs::read_to_string(dir.path().join("plan.toml"))
        .unwrap()
        .replace("actuals/attainment.csv", "quarters.html");
    fs::write(dir.path().join("quarters.html"), "<p>28 quarters</p>\n").unwrap();
    let args = ["report", "-", "--samples", "100", "--out", "quarters.html"];
    assert_eq!(
        refusal(&piped_in(dir.path(), &args, &plan)),
        (
            Some(2),
            "error: --out quarters.html may be the data the scenario on standard input was \
             fitted to (its note says \"fitted by skypie fit to quarters.html\"), and a scenario \
             piped in has no folder to tell: writing it could replace the actuals (choose \
             another name, or give the scenario's file)"
                .to_string()
        )
    );
}

#[test]
fn an_output_into_the_pipe_the_scenario_is_read_from_is_refused_before_the_run() {
    // `cat plan.toml | skypie eval - --draws /dev/stdin --samples 5000` wrote the draws into
    // the pipe it read the plan from and waited there for good (at 100 samples, exit 0 and the
    // draws lost); `--out /dev/stdin` lost the summary, `report --out /dev/fd/0` the report.
    let dir = tempfile::tempdir().unwrap();
    let plan = fs::read_to_string(ANECDOTE).unwrap();
    for (command, flag, out) in [
        ("eval", "--draws", "/dev/stdin"),
        ("eval", "--out", "/dev/stdin"),
        ("report", "--out", "/dev/fd/0"),
    ] {
        let args = [command, "-", "--samples", "5000", flag, out];
        assert_eq!(
            refusal(&piped_in(dir.path(), &args, &plan)),
            (
                Some(2),
                format!(
                    "error: {flag} {out} is the pipe the scenario on standard input is read \
                     from: the output would go back into it unread, and a large one would wait \
                     there for good (choose another name)"
                )
            ),
            "{command} {flag}"
        );
    }
}

#[test]
fn an_output_into_the_pipe_a_scenario_is_read_from_by_another_name_is_refused_before_the_run() {
    // `cat plan.toml | skypie eval /dev/fd/0 --draws /dev/stdin --samples 5000` wrote the draws
    // into the pipe it read the plan from and waited there for good.
    let dir = tempfile::tempdir().unwrap();
    let plan = fs::read_to_string(ANECDOTE).unwrap();
    let args = [
        "eval",
        "/dev/fd/0",
        "--samples",
        "5000",
        "--draws",
        "/dev/stdin",
    ];
    assert_eq!(
        refusal(&piped_in(dir.path(), &args, &plan)),
        (
            Some(2),
            "error: --draws /dev/stdin is the pipe the scenario on /dev/fd/0 is read from: the \
             output would go back into it unread, and a large one would wait there for good \
             (choose another name)"
                .to_string()
        )
    );
}

#[test]
fn draws_to_standard_output_by_its_path_are_written_when_the_scenario_is_piped_in() {
    // Standard output is no pipe the scenario is read from: `--draws /dev/stdout` writes there.
    let dir = tempfile::tempdir().unwrap();
    let plan = fs::read_to_string(ANECDOTE).unwrap();
    let args = [
        "eval",
        "-",
        "--samples",
        "100",
        "--out",
        "s.md",
        "--draws",
        "/dev/stdout",
    ];
    let output = piped_in(dir.path(), &args, &plan);
    let header = text(&output.stdout).lines().next().map(str::to_string);
    assert!(
        header.is_some_and(|h| h.ends_with("achievable_revenue,feasible")),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn the_actuals_a_scenario_was_fitted_to_are_kept_whatever_their_folder_is_called() {
    // A folder named `q (n = 3)` cut the note's path at its first ` (n = `: `--out` replaced
    // the 28 quarters in `q (n = 3)/attainment.csv`, exit 0. Read to the last ` (n = ` instead,
    // words after the note with a count of their own, or an earlier note a person cut short,
    // let `--out` replace the data the note names.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let example = fs::read_to_string(root.join("08-attainment-from-past-quarters.toml")).unwrap();
    for (data, note) in [
        (
            "q (n = 3)/attainment.csv",
            "fitted by skypie fit to q (n = 3)/attainment.csv (n = 28)",
        ),
        (
            "attainment.csv",
            "fitted by skypie fit to attainment.csv (n = 28); Q3 only (n = 4)",
        ),
        (
            "attainment.csv",
            "fitted by skypie fit to old.csv; fitted by skypie fit to attainment.csv (n = 28)",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        if let Some(folder) = Path::new(data).parent() {
            fs::create_dir_all(dir.path().join(folder)).unwrap();
        }
        fs::copy(root.join("actuals/attainment.csv"), dir.path().join(data)).unwrap();
        let noted = example.replace(
            "fitted by skypie fit to actuals/attainment.csv (n = 28)",
            note,
        );
        assert_ne!(noted, example, "the example has the note");
        fs::write(dir.path().join("plan.toml"), noted).unwrap();
        let before = fs::read(dir.path().join(data)).unwrap();
        let output = Command::new(binary())
            .current_dir(dir.path())
            .args(["eval", "plan.toml", "--samples", "100", "--out", data])
            .output()
            .unwrap();
        let said = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{note}: {said}");
        assert!(
            said.contains(&format!("\"fitted by skypie fit to {data}\"")),
            "{note}: {said}"
        );
        assert_eq!(fs::read(dir.path().join(data)).unwrap(), before, "{note}");
    }
}

#[test]
fn an_output_in_a_current_folder_since_deleted_is_refused_before_the_run_in_words() {
    // Started in a folder that was then deleted: `--out out.csv` said "No such file or
    // directory (os error 2)" after the run.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let gone = dir.path().join("gone");
    fs::create_dir(&gone).expect("a folder to delete");
    let scenario = std::env::current_dir()
        .expect("the crate's folder")
        .join(ANECDOTE);
    let script = format!(
        "cd '{}' && rmdir \"$PWD\" && exec '{}' eval '{}' --samples 2000 --out out.csv",
        gone.display(),
        binary().display(),
        scenario.display()
    );
    let out = Command::new("sh")
        .args(["-c", &script])
        .output()
        .expect("sh runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("out.csv: cannot write: the current folder was deleted"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "no figures: {:?}", out.stdout);
    assert!(!gone.exists());
}

#[test]
fn names_from_a_current_folder_since_deleted_say_so_and_how_to_write_elsewhere() {
    // `--out ../out.csv` said "No such file or directory (os error 2)", though its folder is
    // there; `eval plan.toml` said only "no such file" of a folder that is gone.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let gone = dir.path().join("gone");
    fs::copy(ANECDOTE, dir.path().join("plan.toml")).expect("the anecdote beside it");
    let run = |args: &str| {
        let script = format!(
            "mkdir -p '{0}' && cd '{0}' && rmdir \"$PWD\" && exec '{1}' {args}",
            gone.display(),
            binary().display(),
        );
        let out = Command::new("sh")
            .args(["-c", &script])
            .output()
            .expect("sh runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run("eval ../plan.toml --samples 2000 --out ../out.csv");
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(
            "../out.csv: cannot write: the current folder was deleted (name the file by its \
             full path)"
        ),
        "{err}"
    );
    assert!(!dir.path().join("out.csv").exists());
    let (code, err) = run("eval plan.toml --samples 2000");
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("plan.toml: found no such file: the current folder was deleted"),
        "{err}"
    );
    // No plan can be started there: `skypie new plan.toml` is not offered.
    let (code, err) = run("plan plan.toml");
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("the current folder was deleted"), "{err}");
    assert!(!err.contains("skypie new"), "{err}");
    // A file elsewhere that is not there is only not there.
    let (_, err) = run("eval ./../none.toml");
    assert!(
        err.contains("./../none.toml: found no such file, expected"),
        "{err}"
    );
    let (_, err) = run("eval ../none.toml");
    assert!(
        err.contains("../none.toml: found no such file, expected"),
        "{err}"
    );
}

#[test]
fn a_write_past_the_file_size_limit_is_said_and_leaves_nothing_behind() {
    // Under `ulimit -f`, the write raised SIGXFSZ, which ended the process with a core dump and
    // left its temporary file beside the output.
    let dir = tempfile::tempdir().unwrap();
    fs::copy(ANECDOTE, dir.path().join("plan.toml")).unwrap();
    let output = Command::new("sh")
        .current_dir(dir.path())
        .arg("-c")
        .arg(format!(
            "ulimit -f 1; exec {} eval plan.toml --detail --samples 1000 --out out.md",
            binary().display()
        ))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("out.md: cannot write: File too large"),
        "{}",
        text(&output.stderr)
    );
    let mut left: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["plan.toml"], "nothing written, nothing left behind");
}

#[test]
fn a_scenario_in_another_encoding_or_with_old_mac_line_ends_is_never_replaced_nor_appended_to() {
    // `eval … >> plan16.md` appended to a UTF-16 copy of a plan, and `--out cr.md` replaced one
    // whose lines end in a carriage return alone, with exit 0: read as UTF-8 lines, neither
    // looked like a scenario.
    let dir = tempfile::tempdir().unwrap();
    let plan = fs::read_to_string(ANECDOTE).unwrap();
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(plan.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let copies = [
        ("plan16.md", utf16),
        ("cr.md", plan.replace('\n', "\r").into_bytes()),
    ];
    for (name, bytes) in copies {
        let copy = dir.path().join(name);
        fs::write(&copy, &bytes).unwrap();
        let out = Command::new(binary())
            .args(["eval", ANECDOTE, "--samples", "1000", "--out"])
            .arg(&copy)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}: {}", text(&out.stderr));
        let appended = Command::new(binary())
            .args(["eval", ANECDOTE, "--samples", "1000"])
            .stdout(fs::OpenOptions::new().append(true).open(&copy).unwrap())
            .output()
            .unwrap();
        assert_eq!(
            appended.status.code(),
            Some(2),
            "{name}: {}",
            text(&appended.stderr)
        );
        assert_eq!(fs::read(&copy).unwrap(), bytes, "{name} kept");
    }
}
