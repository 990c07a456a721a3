//! The shell's own pieces: role names, and saving against the file on disk.

use std::os::unix::fs::PermissionsExt;

use super::common::{self, plan_at};
use crate::tui::app::{Expect, Leads, LogAppend, Relinked, SaveRequest, session_log_name};
use crate::tui::disk::*;
use crate::tui::*;
use skypie::report::signature::{REPORT, signed};

/// Writes `text` to `path` and makes it read-only (a colleague's file, a locked export).
/// What an export of `files` (new ones 0666, the plan unchanged on disk) failed on, and why.
fn export_failure(files: &[(PathBuf, String)]) -> (PathBuf, String) {
    match export(files, 0o666, None) {
        Msg::ExportFailed { path, error } => (path, error),
        said => panic!("{said:?}"),
    }
}

fn read_only_file(path: &Path, text: &str) {
    fs::write(path, text).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(0o444)).unwrap();
}

#[test]
fn roles_are_one_name_or_more() {
    let names = |roles: &str| parse_roles(roles).map(|r| r.0);
    assert_eq!(
        names("Dana (CEO), Sam (CMO)"),
        Ok(vec!["Dana (CEO)".to_string(), "Sam (CMO)".to_string()])
    );
    assert_eq!(parse_roles(DEFAULT_ROLES), Ok(default_roles()));
    // An analyst alone was refused ("expected two names"), and had to make up a colleague.
    assert_eq!(names("Sam (CMO)"), Ok(vec!["Sam (CMO)".to_string()]));
    assert_eq!(names("a,b,c").map(|n| n.len()), Ok(3));
    assert!(parse_roles("a,").is_err());
    assert!(parse_roles(" ").is_err());
    // A name holding an escape or an invisible mark shows as something else, or not at all.
    assert_eq!(
        parse_roles("Dana\u{1b}[2J (CEO),Sam"),
        Err(
            "found \"Dana\\u001b[2J (CEO)\", expected names without control or invisible \
             characters, as \"Sam (CMO)\" or \"Dana (CEO),Sam (CMO)\""
                .to_string()
        )
    );
    assert!(parse_roles("Dana,\u{200b}Sam").is_err());
    // The session log names who made each edit: two alike could not be told apart.
    assert_eq!(
        parse_roles("Dana, Sam, Dana "),
        Err(
            "expected different names (\"Dana\" is there twice), as \"Sam (CMO)\" or \
             \"Dana (CEO),Sam (CMO)\""
                .to_string()
        )
    );
}

/// A session's first lines in its log.
fn starting_log() -> LogAppend {
    LogAppend {
        heading: "## Session of 2026-11-23 09:30:00 (A and B)".into(),
        text: "\n## Session of 2026-11-23 09:30:00 (A and B)\nlog\n".into(),
        after: String::new(),
    }
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
        session_log: starting_log(),
        relinked_to: None,
        mode: None,
    };
    assert!(matches!(
        save(&request, None, 0o666)[..],
        [Msg::SaveConflict { .. }]
    ));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "changed by someone else"
    );
    // Confirmed over the text the dialog showed: written.
    let forced = SaveRequest {
        expect: Expect::Text("changed by someone else".into()),
        ..request
    };
    assert!(matches!(
        save(&forced, None, 0o666)[..],
        [Msg::Saved { .. }]
    ));
    assert_eq!(fs::read_to_string(&path).unwrap(), "ours");
    assert_eq!(
        fs::read_to_string(session_log_name(&path)).unwrap(),
        starting_log().text
    );
}

#[test]
fn a_save_while_another_session_saves_the_file_waits_and_then_asks() {
    // Two sessions pressing s at once each read the file as they last saw it before either
    // wrote: both said "saved", and the later rename dropped the other's edit.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    fs::write(&path, "as both opened it").unwrap();
    // The other session, mid-save: it holds the file while it reads, compares and writes.
    let other = fs::File::open(&path).unwrap();
    other.lock().unwrap();
    let request = SaveRequest {
        path: path.clone(),
        text: "ours".into(),
        expect: Expect::Text("as both opened it".into()),
        session_log: starting_log(),
        relinked_to: None,
        mode: None,
    };
    let ours = std::thread::spawn(move || save(&request, None, 0o666));
    std::thread::sleep(std::time::Duration::from_millis(200));
    crate::files::write_file(&path, b"theirs").unwrap();
    drop(other);
    let said = ours.join().unwrap();
    assert!(matches!(said[..], [Msg::SaveConflict { .. }]), "{said:?}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "theirs");
}

#[test]
fn an_export_never_replaces_the_plan_or_its_session_log_through_a_link() {
    // `y.report.html` linking to y.toml: `e r` wrote the report over the open plan, and a
    // summary linked to the session log replaced the record of the edits.
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("y.toml");
    fs::write(&plan, skypie::scenario::BUILT_IN).unwrap();
    let log = dir.path().join("y.toml.session.md");
    fs::write(&log, "## Session of 2026-11-23 09:30:00 (A and B)\n").unwrap();
    let report = dir.path().join("y.report.html");
    std::os::unix::fs::symlink(&plan, &report).unwrap();
    let summary = dir.path().join("y.summary.md");
    std::os::unix::fs::symlink(&log, &summary).unwrap();
    let csv = dir.path().join("y.summary.csv");
    for (name, kind) in [(&report, "scenario file"), (&summary, "session log")] {
        let (_, error) = export_failure(&[
            (csv.clone(), "a,b\n".into()),
            (name.clone(), "exported".into()),
        ]);
        assert!(error.contains(&format!("leads to the {kind}")), "{error}");
        // Checked before anything is written: not the CSV either.
        assert!(!csv.exists());
    }
    assert_eq!(
        fs::read_to_string(&plan).unwrap(),
        skypie::scenario::BUILT_IN
    );
    assert!(
        fs::read_to_string(&log)
            .unwrap()
            .starts_with("## Session of")
    );
    // A link to a .toml not there yet: it would be made, holding an export.
    let dangling = dir.path().join("y.comparison.csv");
    std::os::unix::fs::symlink("new.toml", &dangling).unwrap();
    let said = export(&[(dangling, "a,b\n".into())], 0o666, None);
    assert!(matches!(said, Msg::ExportFailed { .. }), "{said:?}");
    assert!(!dir.path().join("new.toml").exists());
    // A name leading nowhere kept is written.
    let said = export(&[(csv.clone(), "a,b\n".into())], 0o666, None);
    assert!(matches!(said, Msg::Exported { .. }), "{said:?}");
}

#[test]
fn the_board_report_export_replaces_an_earlier_report_and_no_other_file() {
    // `y.report.html` holding notes of one's own was replaced by `e r`, unsaid.
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("y.report.html");
    fs::write(&report, "<p>notes for the board</p>").unwrap();
    let page =
        |title: &str| format!("<!DOCTYPE html><html><head><title>y{title}</title></head></html>");
    let with_title = page(skypie::report::board::TITLE_AFTER_THE_NAME);
    let (_, error) = export_failure(&[(report.clone(), with_title.clone())]);
    assert!(
        error.contains("holds a file that is no skypie report"),
        "{error}"
    );
    assert_eq!(
        fs::read_to_string(&report).unwrap(),
        "<p>notes for the board</p>"
    );
    // An earlier report, as the writer marks it, is replaced; so is any file by an export that
    // is no page.
    let earlier = signed(page(" — skypie board report"), REPORT);
    fs::write(&report, earlier).unwrap();
    let said = export(&[(report.clone(), with_title)], 0o666, None);
    assert!(matches!(said, Msg::Exported { .. }), "{said:?}");
    let csv = dir.path().join("y.summary.csv");
    fs::write(&csv, "notes").unwrap();
    let said = export(&[(csv, "a,b\n".into())], 0o666, None);
    assert!(matches!(said, Msg::Exported { .. }), "{said:?}");
}

#[test]
fn the_board_report_export_keeps_an_earlier_report_with_a_note_added_by_hand() {
    // `e` `r` replaced a report holding a CFO's note, unsaid, as `report` did.
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("y.report.html");
    let title = skypie::report::board::TITLE_AFTER_THE_NAME;
    let page = format!("<!DOCTYPE html><html><head><title>y{title}</title></head></html>");
    let noted = signed(page.clone(), REPORT).replacen("<head>", "<head><!-- CFO NOTE -->", 1);
    fs::write(&report, &noted).unwrap();
    let (_, error) = export_failure(&[(report.clone(), page)]);
    assert!(
        error.contains("holds a skypie report changed since it was written")
            && fs::read_to_string(&report).is_ok_and(|kept| kept == noted),
        "{error}"
    );
}

#[test]
fn saving_as_a_session_log_or_a_recovery_file_is_refused_without_asking_to_replace_it() {
    // `S` and `m.toml.session.md`, then `y` to "already exists": the log became TOML.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("m.toml"), skypie::scenario::BUILT_IN).unwrap();
    let log = dir.path().join("m.toml.session.md");
    fs::write(&log, starting_log().text).unwrap();
    let request = SaveRequest {
        path: log.clone(),
        text: "schema = 1".into(),
        expect: Expect::Nothing,
        session_log: starting_log(),
        relinked_to: None,
        mode: None,
    };
    let said = save(&request, None, 0o666);
    let [Msg::SaveFailed { error, .. }] = &said[..] else {
        panic!("{said:?}")
    };
    assert!(error.contains("it is the session log"), "{error}");
    assert_eq!(fs::read_to_string(&log).unwrap(), starting_log().text);
    // A new name of a log's: the plan would be taken for one.
    let new_log = dir.path().join("n.toml.session.md");
    let said = save(
        &SaveRequest {
            path: new_log.clone(),
            ..request
        },
        None,
        0o666,
    );
    let [Msg::SaveFailed { error, .. }] = &said[..] else {
        panic!("{said:?}")
    };
    assert!(error.contains("is a session log's"), "{error}");
    assert!(!new_log.exists());
    // A recovery file's name: the next `plan n.toml` offered the plan as a crash's edits.
    let save_as = |name: &str| {
        let request = SaveRequest {
            path: dir.path().join(name),
            text: "schema = 1".into(),
            expect: Expect::Nothing,
            session_log: starting_log(),
            relinked_to: None,
            mode: None,
        };
        save(&request, None, 0o666)
    };
    for (name, of) in [
        (
            "n.toml.recovered-20260101-000000.toml",
            "a recovery file of ",
        ),
        (
            "n.toml.recovered-20260101-000000-2.toml",
            "a recovery file of ",
        ),
        (
            "skypie-recovered-20260101-000000.toml",
            "the built-in scenario",
        ),
    ] {
        let said = save_as(name);
        let [Msg::SaveFailed { error, .. }] = &said[..] else {
            panic!("{name}: {said:?}")
        };
        assert!(error.contains(of), "{name}: {error}");
        assert!(!dir.path().join(name).exists(), "{name}");
    }
    // A name that only looks alike is a plan's.
    let said = save_as("n.recovered-plan.toml");
    assert!(matches!(&said[..], [Msg::Saved { .. }]), "{said:?}");
}

#[test]
fn saving_as_a_read_only_file_already_there_is_refused_without_asking_to_replace_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    read_only_file(&path, "theirs");
    let request = SaveRequest {
        path: path.clone(),
        text: "ours".into(),
        expect: Expect::Nothing,
        session_log: starting_log(),
        relinked_to: None,
        mode: None,
    };
    let said = save(&request, None, 0o666);
    assert!(
        matches!(&said[..], [Msg::SaveFailed { error, .. }] if error.contains("read-only")),
        "{said:?}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "theirs");
    // A writable one is asked about, as before.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    assert!(matches!(
        save(&request, None, 0o666)[..],
        [Msg::SaveConflict { .. }]
    ));
}

#[test]
fn a_save_whose_session_log_cannot_be_appended_writes_the_file_and_says_why_not_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    // A folder where the log should be: appending to it fails, even for root.
    fs::create_dir(session_log_name(&path)).unwrap();
    let said = save(
        &SaveRequest {
            path: path.clone(),
            text: "ours".into(),
            expect: Expect::Nothing,
            session_log: starting_log(),
            relinked_to: None,
            mode: None,
        },
        None,
        0o666,
    );
    let [
        Msg::Saved {
            log_failed: Some(why),
            ..
        },
    ] = &said[..]
    else {
        panic!("a save whose log failed: {said:?}");
    };
    assert!(why.contains("folder"), "{why}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "ours");
}

#[test]
fn saving_as_a_folder_says_it_is_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let request = SaveRequest {
        path: dir.path().to_path_buf(),
        text: "ours".into(),
        expect: Expect::Nothing,
        session_log: starting_log(),
        relinked_to: None,
        mode: None,
    };
    let said = save(&request, None, 0o666);
    let [Msg::SaveFailed { error: message, .. }] = &said[..] else {
        panic!("a failed save: {said:?}");
    };
    assert_eq!(
        message,
        &format!(
            "{}: found a folder, expected a file to write",
            dir.path().display()
        )
    );
}

#[test]
fn saving_onto_a_pipe_is_refused_at_once_not_waited_on() {
    // A FIFO with no writer: reading it to compare with the session's text waited for good,
    // the session's keys and signals with it (a stand-in for a hung drive; a tester).
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("plan.toml");
    crate::files::make_fifo(&fifo, 0o644);
    for expect in [Expect::Nothing, Expect::Text(String::new())] {
        let request = SaveRequest {
            path: fifo.clone(),
            text: "ours".into(),
            expect,
            session_log: starting_log(),
            relinked_to: None,
            mode: None,
        };
        let said = save(&request, None, 0o666);
        let [Msg::SaveFailed { error: message, .. }] = &said[..] else {
            panic!("a failed save: {said:?}");
        };
        assert!(message.ends_with("it is not a regular file (a pipe, a device or a socket)"));
    }
}

#[test]
fn a_pipe_at_the_session_logs_name_is_refused_at_once_not_waited_on() {
    // `mkfifo plan.toml.session.md`: the save wrote the plan, then read the log to place its
    // rows and waited for a writer for good, the session's keys with it (a tester).
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    crate::files::make_fifo(&session_log_name(&plan), 0o644);
    let request = SaveRequest {
        path: plan.clone(),
        text: "ours".into(),
        expect: Expect::Nothing,
        session_log: starting_log(),
        relinked_to: None,
        mode: None,
    };
    let said = save(&request, None, 0o666);
    let [Msg::Saved { log_failed, .. }] = &said[..] else {
        panic!("a save: {said:?}");
    };
    let why = log_failed.as_deref().unwrap_or_default();
    assert!(why.contains("is a pipe, a device or a socket"), "{why}");
    assert_eq!(fs::read_to_string(&plan).unwrap(), "ours");
}

#[test]
fn a_save_to_a_file_deleted_since_it_was_read_writes_it_again_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q1.toml");
    let request = SaveRequest {
        path: path.clone(),
        text: "ours".into(),
        expect: Expect::Text("what we opened".into()),
        session_log: LogAppend::default(),
        relinked_to: None,
        mode: None,
    };
    let said = save(&request, None, 0o666);
    assert!(
        matches!(
            &said[..],
            [Msg::Saved {
                recreated: true,
                ..
            }]
        ),
        "{said:?}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "ours");
    let again = save(
        &SaveRequest {
            expect: Expect::Text("ours".into()),
            ..request.clone()
        },
        None,
        0o666,
    );
    assert!(
        matches!(
            &again[..],
            [Msg::Saved {
                recreated: false,
                ..
            }]
        ),
        "the file is there now: {again:?}"
    );
    fs::remove_file(&path).unwrap();
    let new_name = save(
        &SaveRequest {
            expect: Expect::Nothing,
            ..request
        },
        None,
        0o666,
    );
    assert!(
        matches!(
            &new_name[..],
            [Msg::Saved {
                recreated: false,
                ..
            }]
        ),
        "a new name is expected not to be there: {new_name:?}"
    );
}

#[test]
fn a_save_under_a_relative_name_says_its_full_path() {
    let dir = tempfile::tempdir().unwrap();
    // The temporary folder, named relative to the folder the tests run in.
    let here = std::env::current_dir().unwrap();
    let up = "../".repeat(here.components().count() - 1);
    let relative =
        PathBuf::from(up).join(dir.path().strip_prefix("/").unwrap().join("plan-2.toml"));
    assert!(relative.is_relative());
    let said = save(
        &SaveRequest {
            path: relative.clone(),
            text: "ours".into(),
            expect: Expect::Nothing,
            session_log: LogAppend::default(),
            relinked_to: None,
            mode: None,
        },
        None,
        0o666,
    );
    let [
        Msg::Saved {
            path, full_path, ..
        },
    ] = &said[..]
    else {
        panic!("a save: {said:?}");
    };
    assert_eq!(path, &relative, "the session keeps the name as typed");
    assert_eq!(full_path, &here.join(&relative));
    assert_eq!(
        fs::read_to_string(dir.path().join("plan-2.toml")).unwrap(),
        "ours"
    );
}

#[test]
fn rows_saved_after_another_sessions_go_under_this_sessions_heading_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    // Two sessions started in the same second by the same names: their headings read alike.
    let heading = "## Session of 2026-11-23 09:30:00 (CEO and CMO)";
    let appending = |text: &str, after: &str| LogAppend {
        heading: heading.to_string(),
        text: text.to_string(),
        after: after.to_string(),
    };
    let saving = |log: LogAppend| {
        let said = save(
            &SaveRequest {
                path: path.clone(),
                text: "plan".into(),
                expect: Expect::Text("plan".into()),
                session_log: log,
                relinked_to: None,
                mode: None,
            },
            None,
            0o666,
        );
        assert!(
            matches!(
                said[..],
                [Msg::Saved {
                    log_failed: None,
                    ..
                }]
            ),
            "{said:?}"
        );
    };
    let a1 = format!("\n{heading}\n\n| a1 |\n");
    saving(appending(&a1, ""));
    saving(appending("| a2 |\n", &a1));
    let b1 = format!("\n{heading}\n\n| b1 |\n");
    saving(appending(&b1, ""));
    saving(appending("| a3 |\n", "| a2 |\n"));
    saving(appending("| a4 |\n", "| a3 |\n"));
    let log = fs::read_to_string(session_log_name(&path)).unwrap();
    let (before, continued) = log
        .split_once(&format!("\n{heading}, continued\n"))
        .expect("A's heading again, after B's");
    assert!(
        before.contains("| a1 |\n| a2 |\n") && before.ends_with("| b1 |\n"),
        "{log}"
    );
    assert_eq!(
        continued,
        "\n| time | who | input | old | new | P(feasible) before | after |\n\
         |---|---|---|---|---|---|---|\n| a3 |\n| a4 |\n",
        "one table of A's rows, its heading said once"
    );
    // A log removed since: the rows still come under their session's heading.
    fs::remove_file(session_log_name(&path)).unwrap();
    saving(appending(
        "\nThe session ended abruptly: …\n\n| time |\n| b2 |\n",
        &b1,
    ));
    let log = fs::read_to_string(session_log_name(&path)).unwrap();
    assert_eq!(
        log,
        format!("\n{heading}, continued\n\nThe session ended abruptly: …\n\n| time |\n| b2 |\n"),
        "a note brings its own table head"
    );
}

#[test]
fn a_link_pointed_at_another_plan_since_is_said_before_anything_is_written() {
    // link.toml led to real/plan.toml; someone pointed it at real/other.toml; `s` then `m`,
    // `O` wrote this session's edit into the other plan, the question saying only that every
    // key had changed there.
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    fs::create_dir(&real).unwrap();
    fs::write(real.join("plan.toml"), "as opened").unwrap();
    fs::write(real.join("other.toml"), "another plan").unwrap();
    let link = dir.path().join("link.toml");
    std::os::unix::fs::symlink("real/plan.toml", &link).unwrap();
    let was = led_to(&link);
    fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink("real/other.toml", &link).unwrap();
    let request = SaveRequest {
        path: link.clone(),
        text: "ours".into(),
        expect: Expect::Text("as opened".into()),
        session_log: LogAppend::default(),
        relinked_to: None,
        mode: None,
    };
    let said = save(&request, plan_at(&link, Some(&was)), 0o666);
    let now = led_to(&link);
    assert_ne!(now, was);
    let [
        Msg::SaveConflict {
            on_disk, relinked, ..
        },
    ] = &said[..]
    else {
        panic!("a conflict: {said:?}");
    };
    assert_eq!(on_disk, "another plan");
    assert_eq!(
        relinked,
        &Some(Relinked {
            was: was.clone(),
            now: now.clone()
        })
    );
    let asks_relinked = |said: &[Msg]| {
        matches!(
            said,
            [Msg::SaveConflict {
                relinked: Some(_),
                ..
            }]
        )
    };
    // Even where the other plan's text is this session's: another file all the same.
    fs::write(real.join("other.toml"), "as opened").unwrap();
    let said = save(&request, plan_at(&link, Some(&was)), 0o666);
    assert!(asks_relinked(&said), "{said:?}");
    assert_eq!(
        fs::read_to_string(real.join("plan.toml")).unwrap(),
        "as opened"
    );
    assert_eq!(
        fs::read_to_string(real.join("other.toml")).unwrap(),
        "as opened"
    );
    // The answer to the question is written where the question said it leads, the session
    // still knowing the plan it read.
    let answer = SaveRequest {
        relinked_to: Some(now.clone()),
        mode: None,
        ..request.clone()
    };
    let said = save(&answer, plan_at(&link, Some(&was)), 0o666);
    assert!(matches!(&said[..], [Msg::Saved { .. }]), "{said:?}");
    assert_eq!(fs::read_to_string(real.join("other.toml")).unwrap(), "ours");
    // Pointed at a file not there yet: asked too (it was written, "no longer on disk; saved it
    // again", the plan it opened left as it was).
    fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink("real/new.toml", &link).unwrap();
    let said = save(&request, plan_at(&link, Some(&was)), 0o666);
    assert!(asks_relinked(&said), "{said:?}");
    assert!(!real.join("new.toml").exists());
    // The link itself removed: no other plan to write into; written anew, as a deleted file
    // is (it asked whether "link.toml now leads to link.toml, another file").
    fs::remove_file(&link).unwrap();
    let said = save(&request, plan_at(&link, Some(&was)), 0o666);
    assert!(!asks_relinked(&said), "{said:?}");
}

#[test]
fn where_the_plans_name_leads_is_learnt_from_a_relinked_question_and_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, "a plan").unwrap();
    let was = Some(dir.path().join("before.toml"));
    let relinked = Msg::SaveConflict {
        path: plan.clone(),
        on_disk: String::new(),
        relinked: Some(Relinked {
            was: dir.path().join("before.toml"),
            now: dir.path().join("now.toml"),
        }),
    };
    // Said once: what the question named is where it leads from then on.
    assert_eq!(
        led_after(was.clone(), &relinked, Some(&plan)),
        Some(dir.path().join("now.toml"))
    );
    // A save: wherever the plan's name (after a save-as, the new one) leads.
    let saved = Msg::Saved {
        path: plan.clone(),
        text: String::new(),
        full_path: plan.clone(),
        recreated: false,
        log: session_log_name(&plan),
        log_failed: None,
    };
    assert_eq!(
        led_after(was.clone(), &saved, Some(&plan)),
        Some(led_to(&plan))
    );
    // Anything else leaves it be.
    let failed = Msg::SaveFailed {
        path: plan.clone(),
        error: "no".into(),
    };
    assert_eq!(led_after(was.clone(), &failed, Some(&plan)), was);
}

#[test]
fn a_save_under_another_name_that_leads_to_the_open_file_writes_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let open = dir.path().join("plan.toml");
    fs::write(&open, "as opened").unwrap();
    let link = dir.path().join("link.toml");
    std::os::unix::fs::symlink("plan.toml", &link).unwrap();
    let other = dir.path().join("other.toml");
    fs::write(&other, "another plan").unwrap();
    let saving_as = |path: &Path| SaveRequest {
        path: path.to_path_buf(),
        text: "ours".into(),
        expect: Expect::Nothing,
        session_log: LogAppend::default(),
        relinked_to: None,
        mode: None,
    };
    for name in [&link, &open] {
        let said = save(&saving_as(name), plan_at(&open, None), 0o666);
        assert!(
            matches!(&said[..], [Msg::NamesOpenFile { path, moved: false }] if path == name),
            "{said:?}"
        );
    }
    assert_eq!(fs::read_to_string(&open).unwrap(), "as opened");
    let said = save(&saving_as(&other), plan_at(&open, None), 0o666);
    assert!(matches!(said[..], [Msg::SaveConflict { .. }]), "{said:?}");
    // A hard link is another name: saving the open file (by rename) would leave it behind.
    let hard = dir.path().join("hard.toml");
    fs::hard_link(&open, &hard).unwrap();
    let said = save(&saving_as(&hard), plan_at(&open, None), 0o666);
    assert!(matches!(said[..], [Msg::SaveConflict { .. }]), "{said:?}");
    let said = save(&saving_as(&link), None, 0o666);
    assert!(
        matches!(said[..], [Msg::SaveConflict { .. }]),
        "the built-in scenario: {said:?}"
    );
}

/// A plan holding "as opened" in a new folder `folder` of `dir`, as a session opens it: its
/// path, and where it is.
fn opened_in(dir: &Path, folder: &str) -> (PathBuf, Option<Whereabouts>) {
    fs::create_dir(dir.join(folder)).unwrap();
    let opened = dir.join(folder).join("plan.toml");
    fs::write(&opened, "as opened").unwrap();
    let was = whereabouts(&opened);
    (opened, was)
}

#[test]
fn a_save_under_the_new_name_of_a_plan_moved_with_its_folder_is_a_save_of_the_plan() {
    // `d1/` renamed `d3/` mid-session, and the plan changed there by a colleague: `S` to
    // `d3/plan.toml` said "is not d1/plan.toml, the file this session has open: nothing to
    // merge", and `y` wrote over the colleague's edit.
    let dir = tempfile::tempdir().unwrap();
    let (d1, d3) = (dir.path().join("d1"), dir.path().join("d3"));
    let (opened, was) = opened_in(dir.path(), "d1");
    fs::rename(&d1, &d3).unwrap();
    fs::write(d3.join("plan.toml"), "a colleague's").unwrap();
    fs::write(d3.join("other.toml"), "another plan").unwrap();
    let saving_as = |path: PathBuf| SaveRequest {
        path,
        text: "ours".into(),
        expect: Expect::Nothing,
        session_log: LogAppend::default(),
        relinked_to: None,
        mode: None,
    };
    let plan = Some(OpenPlan {
        name: &opened,
        led: Some(&opened),
        was: was.as_ref(),
    });
    let said = save(&saving_as(d3.join("plan.toml")), plan, 0o666);
    assert!(
        matches!(&said[..], [Msg::NamesOpenFile { moved: true, .. }]),
        "{said:?}"
    );
    assert_eq!(
        fs::read_to_string(d3.join("plan.toml")).unwrap(),
        "a colleague's"
    );
    // Another file in that folder is another file.
    let said = save(&saving_as(d3.join("other.toml")), plan, 0o666);
    assert!(matches!(said[..], [Msg::SaveConflict { .. }]), "{said:?}");
    // A folder made anew under the old name (a sync tool, a script): the plan moved is
    // still the one in the renamed folder.
    fs::create_dir(&d1).unwrap();
    fs::write(d1.join("plan.toml"), "new").unwrap();
    let said = save(&saving_as(d3.join("plan.toml")), plan, 0o666);
    assert!(
        matches!(&said[..], [Msg::NamesOpenFile { moved: true, .. }]),
        "{said:?}"
    );
}

#[test]
fn a_save_of_a_plan_whose_folder_was_replaced_writes_nothing_unasked() {
    // `mv q3 q3-old; mkdir q3` with another plan there: a save goes by the plan's name, as an
    // editor's does (an archive made with `mv q3 q3-old; cp -a q3-old q3` is saved in q3/),
    // and never writes into the plan there unasked; with no `q3/` left, it fails (and says
    // that `S` and the new name saves it).
    let dir = tempfile::tempdir().unwrap();
    let (q3, old) = (dir.path().join("q3"), dir.path().join("q3-old"));
    let (opened, was) = opened_in(dir.path(), "q3");
    let saving = SaveRequest {
        path: opened.clone(),
        text: "ours".into(),
        expect: Expect::Text("as opened".into()),
        session_log: LogAppend::default(),
        relinked_to: None,
        mode: None,
    };
    let plan = Some(OpenPlan {
        name: &opened,
        led: Some(&opened),
        was: was.as_ref(),
    });
    fs::rename(&q3, &old).unwrap();
    let said = save(&saving, plan, 0o666);
    assert!(matches!(said[..], [Msg::SaveFailed { .. }]), "{said:?}");
    fs::create_dir(&q3).unwrap();
    fs::write(q3.join("plan.toml"), "another plan").unwrap();
    let said = save(&saving, plan, 0o666);
    assert!(matches!(said[..], [Msg::SaveConflict { .. }]), "{said:?}");
    assert_eq!(
        fs::read_to_string(q3.join("plan.toml")).unwrap(),
        "another plan"
    );
    assert_eq!(
        fs::read_to_string(old.join("plan.toml")).unwrap(),
        "as opened"
    );
}

/// `link` pointed at `target`, whatever it pointed at before (`ln -sfn target link`).
fn point(link: &Path, target: &str) {
    let _ = fs::remove_file(link);
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// `cur/plan.toml` opened in `dir` through the folder link `cur` → `from`, then `cur` pointed
/// at `to`: the plan's name, the file it led to when opened, and a save of this session's
/// version ("ours") of it, expecting the text it read ("as opened").
fn opened_through_a_folder_link(
    dir: &Path,
    from: &str,
    to: &str,
) -> (PathBuf, PathBuf, SaveRequest) {
    let cur = dir.join("cur");
    point(&cur, from);
    let open = cur.join("plan.toml");
    let was = led_to(&open);
    point(&cur, to);
    let request = SaveRequest {
        path: open.clone(),
        text: "ours".into(),
        expect: Expect::Text("as opened".into()),
        session_log: LogAppend::default(),
        relinked_to: None,
        mode: None,
    };
    (open, was, request)
}

#[test]
fn a_folder_link_pointed_at_another_plans_folder_is_another_plan_and_a_moved_plan_is_not() {
    // `cur` → `r1` opened as `cur/plan.toml`, then `cur` pointed at `r2`: `s` said every key
    // had changed there and offered a merge, which wrote into r2's plan.
    let dir = tempfile::tempdir().unwrap();
    for (folder, text) in [("r1", "as opened"), ("r2", "another plan")] {
        fs::create_dir(dir.path().join(folder)).unwrap();
        fs::write(dir.path().join(folder).join("plan.toml"), text).unwrap();
    }
    let (open, was, request) = opened_through_a_folder_link(dir.path(), "r1", "r2");
    let said = save(&request, plan_at(&open, Some(&was)), 0o666);
    let [Msg::SaveConflict { relinked, .. }] = &said[..] else {
        panic!("{said:?}")
    };
    let real = fs::canonicalize(dir.path()).unwrap();
    assert_eq!(
        relinked,
        &Some(Relinked {
            was: real.join("r1/plan.toml"),
            now: real.join("r2/plan.toml"),
        })
    );
    assert_eq!(
        fs::read_to_string(real.join("r2/plan.toml")).unwrap(),
        "another plan"
    );

    // The plan moved into another folder and linked to under its name: the same file (it
    // said "…/other/p1.toml is another plan than the one this session opened").
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, "as opened").unwrap();
    let where_it_was = whereabouts(&plan);
    fs::create_dir(dir.path().join("other")).unwrap();
    let moved = dir.path().join("other/p1.toml");
    fs::rename(&plan, &moved).unwrap();
    std::os::unix::fs::symlink("other/p1.toml", &plan).unwrap();
    let request = SaveRequest {
        path: plan.clone(),
        ..request
    };
    let open = Some(OpenPlan {
        name: &plan,
        led: Some(&plan),
        was: where_it_was.as_ref(),
    });
    let said = save(&request, open, 0o666);
    assert!(matches!(&said[..], [Msg::Saved { .. }]), "{said:?}");
    assert_eq!(fs::read_to_string(&moved).unwrap(), "ours");
}

#[test]
fn a_private_plans_recovery_file_and_session_log_are_private_too() {
    // A 0600 plan's unsaved edits and log were written 0644, readable by anyone.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    let text = skypie::scenario::BUILT_IN;
    fs::write(&path, text).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    let mut app = common::session_on(text, Some(&path.to_string_lossy()));
    common::type_target(&mut app, "200k");
    let kept = recover(&app, app.file.as_deref(), None, mode_of(&app), &[])
        .unwrap()
        .unwrap();
    append_session_log(&path, &led_to(&path), &app.abrupt_end_log(Some(&kept))).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&kept), 0o600);
    assert_eq!(mode(&session_log_name(&path)), 0o600);
    // A plan anyone may read keeps its copies so (the umask allowing).
    let shared = dir.path().join("shared.toml");
    read_only_file(&shared, text);
    assert_eq!(crate::files::mode_for_copies_of(Some(&shared)), 0o644);
    // No plan to ask (its folder gone, its edits bound for /tmp, say): the owner's alone.
    let gone = dir.path().join("gone/plan.toml");
    assert_eq!(crate::files::mode_for_copies_of(Some(&gone)), 0o600);
}

#[test]
fn a_private_plans_copy_and_exports_are_private_too() {
    // `S` to a new name and `e`'s files were 0644 beside a 0600 plan (the umask's).
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, skypie::scenario::BUILT_IN).unwrap();
    fs::set_permissions(&plan, fs::Permissions::from_mode(0o600)).unwrap();
    // Asked of the kernel (which takes the umask off): what the files below get whatever the
    // umask of the test (under 077 they would be 0600 anyway).
    assert_eq!(crate::files::mode_for_outputs_of([plan.as_path()]), 0o600);
    let mut modes = PlanMode::of(Some(&plan));
    let copy = dir.path().join("copy.toml");
    let request = SaveRequest {
        path: copy.clone(),
        text: "ours".into(),
        expect: Expect::Nothing,
        session_log: starting_log(),
        relinked_to: None,
        mode: None,
    };
    assert!(matches!(
        save(
            &request,
            plan_at(&plan, None),
            modes.for_outputs(Some(&plan))
        )[..],
        [Msg::Saved { .. }]
    ));
    let csv = dir.path().join("plan.summary.csv");
    let said = export(
        &[(csv.clone(), "a,b\n".into())],
        modes.for_outputs(Some(&plan)),
        None,
    );
    assert!(matches!(said, Msg::Exported { .. }), "{said:?}");
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&copy), 0o600);
    assert_eq!(mode(&csv), 0o600);
    // A file already there keeps its own; a group-readable plan's new files are so too.
    fs::set_permissions(&csv, fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(&plan, fs::Permissions::from_mode(0o640)).unwrap();
    let md = dir.path().join("plan.summary.md");
    let said = export(
        &[(csv.clone(), "c\n".into()), (md.clone(), "# p\n".into())],
        modes.for_outputs(Some(&plan)),
        None,
    );
    assert!(matches!(said, Msg::Exported { .. }), "{said:?}");
    assert_eq!(mode(&csv), 0o644);
    assert_eq!(mode(&md), 0o640 & !umask());
    // Deleted during the session and saved again, the plan is as private as it was (it was
    // made 0644, as any new file), and so is an export meanwhile.
    fs::set_permissions(&plan, fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(modes.for_outputs(Some(&plan)), 0o600);
    fs::remove_file(&plan).unwrap();
    let request = SaveRequest {
        path: plan.clone(),
        ..request
    };
    assert!(matches!(
        save(
            &request,
            plan_at(&plan, None),
            modes.for_outputs(Some(&plan))
        )[..],
        [Msg::Saved { .. }]
    ));
    assert_eq!(mode(&plan), 0o600);
    fs::remove_file(&plan).unwrap();
    let json = dir.path().join("plan.summary.json");
    let said = export(
        &[(json.clone(), "{}".into())],
        modes.for_outputs(Some(&plan)),
        None,
    );
    assert!(matches!(said, Msg::Exported { .. }), "{said:?}");
    assert_eq!(mode(&json), 0o600);
    // A plan the session never saw on disk leaves its files to their owner alone.
    let unseen = dir.path().join("unseen.toml");
    assert_eq!(modes.for_outputs(Some(&unseen)), 0o600);
    // The built-in scenario, from no file: as any new file.
    assert_eq!(PlanMode::of(None).for_outputs(None), 0o666);
}

/// The permissions a plan of permissions `plan_mode` has after its first save, taken up from
/// the recovery file its session kept in a fallback folder, its folder deleted (private there,
/// 0600), copied back (`cp`, as `skypie plan` says); `older`: the recovery file without the line
/// of its header that gives the plan's permissions, as written before it did.
fn saved_mode_taken_up_from_a_fallback(plan_mode: u32, older: bool) -> u32 {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("q3");
    let fallback = dir.path().join("state");
    fs::create_dir_all(&folder).unwrap();
    fs::create_dir_all(&fallback).unwrap();
    let path = folder.join("plan.toml");
    let text = skypie::scenario::BUILT_IN;
    fs::write(&path, text).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(plan_mode)).unwrap();
    let mut app = common::session_on(text, Some(&path.to_string_lossy()));
    common::type_target(&mut app, "200k");
    let seen = mode_of(&app);
    fs::remove_dir_all(&folder).unwrap();
    let kept = recover(&app, app.file.as_deref(), None, seen, &[fallback])
        .unwrap()
        .unwrap();
    fs::create_dir_all(&folder).unwrap();
    fs::copy(&kept, &path).unwrap();
    if older {
        let text = fs::read_to_string(&path).unwrap();
        let without: String = text
            .split_inclusive('\n')
            .filter(|line| !line.starts_with("# skypie: the plan's permissions: "))
            .collect();
        assert_ne!(without, text);
        fs::write(&path, without).unwrap();
    }
    let restored = fs::read_to_string(&path).unwrap();
    let mut app = common::session_on(&restored, Some(&path.to_string_lossy()));
    let request = common::the_save(&common::press(
        &mut app,
        &[app::key(ratatui::crossterm::event::KeyCode::Char('s'))],
    ));
    let new_mode = PlanMode::of(Some(&path)).for_outputs(Some(&path));
    let said = save(&request, plan_at(&path, None), new_mode);
    assert!(matches!(said[..], [Msg::Saved { .. }]), "{said:?}");
    fs::metadata(&path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_plan_taken_up_from_a_recovery_file_kept_elsewhere_gets_back_its_permissions() {
    // It stayed 0600, the recovery file's, through every save; then it was made as a new file
    // (the umask's): neither is the plan's. A mode neither gives, whatever the umask.
    let plan_mode = [0o640, 0o644, 0o660]
        .into_iter()
        .find(|mode| *mode != 0o666 & !umask())
        .unwrap();
    assert_eq!(
        saved_mode_taken_up_from_a_fallback(plan_mode, false),
        plan_mode
    );
}

#[test]
fn a_private_plan_taken_up_from_a_recovery_file_kept_elsewhere_stays_private() {
    // It was made as a new file, 0644 under umask 022.
    assert_eq!(saved_mode_taken_up_from_a_fallback(0o600, false), 0o600);
}

#[test]
fn a_plan_taken_up_from_an_older_recovery_file_keeps_the_copys_permissions() {
    // Its header does not say the plan's: the copy's (0600) are not opened up to others.
    assert_eq!(saved_mode_taken_up_from_a_fallback(0o644, true), 0o600);
}

/// This process's umask (read without changing it, from /proc).
fn umask() -> u32 {
    let status = fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("Umask:")).unwrap();
    u32::from_str_radix(line["Umask:".len()..].trim(), 8).unwrap()
}

#[test]
fn edits_go_first_to_skypies_state_folder_which_a_session_started_anywhere_looks_in() {
    // Kept in the current folder, they were offered only to a session started there; a
    // temporary folder that could not take them was the last try.
    let p = PathBuf::from;
    let (home, work) = (Some(p("/home/dana")), Some(p("/work")));
    assert_eq!(
        fallbacks_in(Some(p("/state")), home.clone(), work.clone(), p("/var/tmp")),
        [p("/state/skypie"), p("/work"), p("/var/tmp"), p("/tmp")]
    );
    // A relative XDG_STATE_HOME is ignored; each folder comes once.
    assert_eq!(
        fallbacks_in(Some(p("state")), home, work.clone(), p("/tmp")),
        [p("/home/dana/.local/state/skypie"), p("/work"), p("/tmp")]
    );
    assert_eq!(fallbacks_in(None, None, None, p("/tmp")), [p("/tmp")]);
    // The state folder is made, private, when it takes its first edits.
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state/skypie");
    let mut app = common::session_on(
        skypie::scenario::BUILT_IN,
        Some(&dir.path().join("gone/plan.toml").to_string_lossy()),
    );
    common::type_target(&mut app, "200k");
    let kept = recover(
        &app,
        app.file.as_deref(),
        None,
        mode_of(&app),
        std::slice::from_ref(&state),
    )
    .unwrap()
    .unwrap();
    assert_eq!(kept.parent(), Some(state.as_path()));
    assert_eq!(
        fs::metadata(&state).unwrap().permissions().mode() & 0o777,
        0o700
    );
}

#[test]
fn a_recovery_file_names_its_plan_by_its_full_path_even_once_its_folder_is_gone() {
    // Started in the plan's folder, which was deleted: the edits were "of plan.toml", and
    // another folder's plan.toml, opened from its own folder, was offered them.
    let p = PathBuf::from;
    assert_eq!(
        full_path_from(Path::new("plan.toml"), Path::new("/work/g2")),
        Some(p("/work/g2/plan.toml"))
    );
    assert_eq!(
        full_path_from(Path::new("/srv/plan.toml"), Path::new("/work")),
        Some(p("/srv/plan.toml"))
    );
    // A recovery file that names its plan without a folder is no plan's, even one of that
    // name where the tests run.
    let fallback = tempfile::tempdir().unwrap();
    let relative = recovery::with_origin(
        &recovery::with_edited(skypie::scenario::BUILT_IN, &["target.revenue".to_string()]),
        Path::new("Cargo.toml"),
    );
    fs::write(
        fallback
            .path()
            .join("Cargo.toml.recovered-20260101-000000.toml"),
        relative,
    )
    .unwrap();
    let found = find_recovery(
        Some(Path::new("Cargo.toml")),
        &[fallback.path().to_path_buf()],
    );
    assert!(found.is_none(), "{found:?}");
}

#[test]
fn the_built_in_scenarios_edits_kept_in_a_fallback_folder_are_offered_again() {
    // Kept in the state folder when the folder the session started in could not take them,
    // they were offered to no later session.
    let fallback = tempfile::tempdir().unwrap();
    let mut app = common::session_on(skypie::scenario::BUILT_IN, None);
    common::type_target(&mut app, "200k");
    let text = app.recovery_text().unwrap();
    let kept = create_recovery(None, Some(fallback.path()), "20260101-000000", &text).unwrap();
    let folders = [fallback.path().to_path_buf()];
    assert_offers_200k(&find_recovery(None, &folders), &kept);
    // Another user's file left there (a shared /tmp) is not this user's edits; where the
    // tests may not give a file away (not run as root), that cannot be set up here.
    let theirs = rustix::fs::Uid::from_raw(rustix::process::getuid().as_raw() + 4242);
    if rustix::fs::chown(&kept, Some(theirs), None).is_ok() {
        assert!(find_recovery(None, &folders).is_none());
        rustix::fs::chown(&kept, Some(rustix::process::getuid()), None).unwrap();
        assert_offers_200k(&find_recovery(None, &folders), &kept);
    }
    // A plan's edits kept there are not the built-in scenario's.
    let plan = recovery::with_origin(&text, Path::new("/work/plan.toml"));
    fs::remove_file(&kept).unwrap();
    fs::write(&kept, plan).unwrap();
    assert!(find_recovery(None, &folders).is_none());
}

#[test]
fn edits_no_folder_can_take_are_printed_for_the_user_to_copy() {
    let error = std::io::Error::other("plan.toml.recovered-1: cannot write; nor /tmp/…");
    let (shown, said) = kept_nowhere(Some("[target]\nrevenue = \"200k\"\n"), &error);
    assert!(
        shown.starts_with("[target]\nrevenue = \"200k\"\n"),
        "{shown}"
    );
    assert!(shown.contains("could not be written anywhere"), "{shown}");
    assert_eq!(
        said,
        "the unsaved edits could not be kept in a file (plan.toml.recovered-1: cannot write; \
         nor /tmp/…); the plan with them is above"
    );
}

#[test]
fn edits_kept_in_a_fallback_folder_are_offered_on_reopen_but_another_plan_tomls_are_not() {
    let files = tempfile::tempdir().unwrap();
    let fallback = tempfile::tempdir().unwrap();
    let folder = files.path().join("q3");
    let path = folder.join("plan.toml");
    let text = skypie::scenario::BUILT_IN;
    let mut app = common::session_on(text, Some(&path.to_string_lossy()));
    common::type_target(&mut app, "200k");
    // The file's folder is not there: the edits go to the fallback folder.
    let kept = recover(
        &app,
        app.file.as_deref(),
        None,
        mode_of(&app),
        &[fallback.path().to_path_buf()],
    )
    .unwrap()
    .unwrap();
    assert_eq!(kept.parent(), Some(fallback.path()));
    // Another folder's plan.toml crashed later, into the same fallback folder.
    let other = recovery::with_origin(
        &recovery::with_edited(text, &["target.revenue".to_string()]),
        Path::new("/elsewhere/plan.toml"),
    );
    let newer = fallback
        .path()
        .join("plan.toml.recovered-29991231-235959.toml");
    fs::write(&newer, other).unwrap();
    fs::create_dir(&folder).unwrap();
    fs::write(&path, text).unwrap();
    let found = find_recovery(Some(&path), &[fallback.path().to_path_buf()]);
    assert_offers_200k(&found, &kept);
}

/// That `found` offers the newest recovery file, `kept`, with the target typed as 200k.
fn assert_offers_200k(found: &Option<Msg>, kept: &Path) {
    assert!(
        matches!(newest(found), Some((path, text, 0)) if path == kept && text.contains("200k")),
        "{found:?}"
    );
}

/// The newest recovery file `found` lists, its text, and how many older ones it lists.
fn newest(found: &Option<Msg>) -> Option<(&Path, &str, usize)> {
    match found {
        Some(Msg::RecoveryFound { found: all, .. }) => {
            let (path, text) = all.first()?;
            Some((path, text.as_deref().ok()?, all.len() - 1))
        }
        _ => None,
    }
}

#[test]
fn edits_kept_for_a_plan_never_saved_are_offered_when_it_is_reopened_still_unsaved() {
    // Pins that the edits of a session on a file that is still not there (its folder never
    // made) are offered again: the recovery file names it by its full path, which is all that
    // can match, since a missing file has no real path to compare by.
    let files = tempfile::tempdir().unwrap();
    let fallback = tempfile::tempdir().unwrap();
    let path = files.path().join("q3").join("plan.toml");
    let mut app = common::session_on(skypie::scenario::BUILT_IN, Some(&path.to_string_lossy()));
    common::type_target(&mut app, "200k");
    let kept = recover(
        &app,
        app.file.as_deref(),
        None,
        mode_of(&app),
        &[fallback.path().to_path_buf()],
    )
    .unwrap()
    .unwrap();
    assert_eq!(kept.parent(), Some(fallback.path()));
    let found = find_recovery(Some(&path), &[fallback.path().to_path_buf()]);
    assert_offers_200k(&found, &kept);
}

#[test]
fn the_newest_recovery_file_is_offered_whichever_folder_keeps_it() {
    // A session's edits kept beside the plan, a later session's in a fallback folder (the
    // plan's folder could not take files then): the later ones are offered, the others older.
    let here = tempfile::tempdir().unwrap();
    let fallback = tempfile::tempdir().unwrap();
    let path = here.path().join("plan.toml");
    let text = skypie::scenario::BUILT_IN;
    fs::write(&path, text).unwrap();
    let ours = recovery::with_origin(text, &path);
    let earlier = here.path().join("plan.toml.recovered-20260101-000000.toml");
    fs::write(&earlier, &ours).unwrap();
    let later = fallback
        .path()
        .join("plan.toml.recovered-20270101-000000.toml");
    fs::write(&later, &ours).unwrap();
    let found = find_recovery(Some(&path), &[fallback.path().to_path_buf()]);
    assert!(
        matches!(newest(&found), Some((path, _, 1)) if path == later),
        "{found:?}"
    );
}

#[test]
fn recoveries_of_sessions_ending_together_are_numbered_in_a_fallback_folder_too() {
    // Three sessions on plans named plan.toml, each of whose folders cannot take files, end in
    // the same second: each keeps its edits, numbered -2, -3 as beside a file (the third's were
    // lost: the fallback folders took one name each).
    let files = tempfile::tempdir().unwrap();
    let fallback = tempfile::tempdir().unwrap();
    let mut kept = Vec::new();
    for folder in ["a", "b", "c"] {
        let path = files.path().join(folder).join("plan.toml");
        let mut app = common::session_on(skypie::scenario::BUILT_IN, Some(&path.to_string_lossy()));
        common::type_target(&mut app, "200k");
        let path = recover(
            &app,
            app.file.as_deref(),
            None,
            mode_of(&app),
            &[fallback.path().to_path_buf()],
        )
        .unwrap();
        kept.push(path.unwrap());
    }
    assert!(
        kept.iter().all(|p| p.parent() == Some(fallback.path())),
        "{kept:?}"
    );
    kept.dedup();
    assert_eq!(kept.len(), 3, "{kept:?}");
}

#[test]
fn a_recovery_file_beside_a_plan_that_names_another_plan_is_not_offered() {
    // Run from this folder, a session on ../y/plan.toml whose folder could not take files kept
    // its edits here, beside this folder's own plan.toml.
    let here = tempfile::tempdir().unwrap();
    let path = here.path().join("plan.toml");
    let text = skypie::scenario::BUILT_IN;
    fs::write(&path, text).unwrap();
    let others = recovery::with_origin(
        &recovery::with_edited(text, &["target.revenue".to_string()]),
        Path::new("/elsewhere/y/plan.toml"),
    );
    fs::write(
        here.path().join("plan.toml.recovered-29991231-235959.toml"),
        others,
    )
    .unwrap();
    assert!(find_recovery(Some(&path), &[]).is_none());
    // One that names this plan, or none (written before recovery files named theirs), is
    // (each newer than the last, so that it is the one offered).
    let ours = recovery::with_origin(text, &path);
    for (stamp, contents) in [
        ("20260101-000000", ours.as_str()),
        ("20270101-000000", text),
    ] {
        let kept = here
            .path()
            .join(format!("plan.toml.recovered-{stamp}.toml"));
        fs::write(&kept, contents).unwrap();
        let found = find_recovery(Some(&path), &[]);
        assert!(
            matches!(newest(&found), Some((path, _, _)) if path == kept),
            "{found:?}"
        );
    }
}

#[test]
fn a_newer_recovery_name_that_cannot_be_read_does_not_hide_an_older_recovery_file() {
    // Something under a newer recovery file's name that is no file (a folder) is passed over:
    // the older file's edits are still offered (nothing was offered before).
    let here = tempfile::tempdir().unwrap();
    let path = here.path().join("plan.toml");
    let text = skypie::scenario::BUILT_IN;
    fs::write(&path, text).unwrap();
    let kept = here.path().join("plan.toml.recovered-20260101-000000.toml");
    fs::write(&kept, text).unwrap();
    fs::create_dir(here.path().join("plan.toml.recovered-20270101-000000.toml")).unwrap();
    let found = find_recovery(Some(&path), &[]);
    assert!(
        matches!(newest(&found), Some((path, _, 0)) if path == kept),
        "{found:?}"
    );
}

/// A plan reached through a link: `work/link.toml` → `real/plan.toml` (the built-in
/// scenario), in a temporary folder that lasts as long as this does.
struct Linked {
    _root: tempfile::TempDir,
    real: PathBuf,
    work: PathBuf,
    plan: PathBuf,
    link: PathBuf,
}

impl Linked {
    fn new() -> Linked {
        let root = tempfile::tempdir().unwrap();
        let (real, work) = (root.path().join("real"), root.path().join("work"));
        fs::create_dir(&real).unwrap();
        fs::create_dir(&work).unwrap();
        let plan = real.join("plan.toml");
        let link = work.join("link.toml");
        fs::write(&plan, skypie::scenario::BUILT_IN).unwrap();
        std::os::unix::fs::symlink("../real/plan.toml", &link).unwrap();
        Linked {
            _root: root,
            real,
            work,
            plan,
            link,
        }
    }
}

#[test]
fn edits_of_a_session_through_a_link_are_offered_when_the_file_it_leads_to_is_opened() {
    // work/link.toml → real/plan.toml: the session saves into real/plan.toml, and its
    // recovery file sat beside the link, so opening real/plan.toml offered nothing.
    let linked = Linked::new();
    let Linked {
        real,
        work,
        plan,
        link,
        ..
    } = &linked;
    let mut app = common::session_on(skypie::scenario::BUILT_IN, Some(&link.to_string_lossy()));
    common::type_target(&mut app, "200k");
    let kept = recover(&app, app.file.as_deref(), None, mode_of(&app), &[])
        .unwrap()
        .unwrap();
    assert_eq!(kept.parent(), Some(real.as_path()), "{kept:?}");
    assert_offers_200k(&find_recovery(Some(plan), &[]), &kept);
    assert_offers_200k(&find_recovery(Some(link), &[]), &kept);
    // One an earlier version kept beside the link is still offered through the link, newest
    // first among both.
    let beside_link = work.join("link.toml.recovered-29991231-235959.toml");
    fs::rename(&kept, &beside_link).unwrap();
    assert_offers_200k(&find_recovery(Some(link), &[]), &beside_link);
}

#[test]
fn newer_recovery_files_that_cannot_be_read_are_named_when_an_older_one_is_offered() {
    // Two sessions ended after the one whose edits (200k) are kept: one's file is not UTF-8
    // text, the other's not TOML. The 200k is offered, the offer says that both newer files
    // cannot be read (the newest by name, with why), and neither is deleted.
    let here = tempfile::tempdir().unwrap();
    let path = here.path().join("plan.toml");
    let text = skypie::scenario::BUILT_IN;
    fs::write(&path, text).unwrap();
    let mut crashed = common::session_on(text, Some(&path.to_string_lossy()));
    common::type_target(&mut crashed, "200k");
    let kept = here.path().join("plan.toml.recovered-20260101-000000.toml");
    fs::write(&kept, crashed.recovery_text().unwrap()).unwrap();
    let not_utf8 = here.path().join("plan.toml.recovered-20270101-000000.toml");
    fs::write(&not_utf8, b"schema = 1\n\xff\xfegarbled\n").unwrap();
    let not_toml = here.path().join("plan.toml.recovered-20260601-000000.toml");
    fs::write(&not_toml, "schema = 1\n[target\n").unwrap();

    let mut app = common::session_on(text, Some(&path.to_string_lossy()));
    let found = find_recovery(Some(&path), &[]).expect("recovery files");
    common::press(&mut app, &[found]);
    assert!(
        matches!(&app.mode, app::Mode::OfferRecovery(offer) if offer.path == kept),
        "{:?}",
        app.mode
    );
    let screen = common::screen(&app, 120, 40);
    let said = common::dialog_text(&screen);
    // The newest is named with why, the other counted (a list of them pushed the answers
    // off the screen).
    let named = format!(
        "A newer recovery file, {}, could not be read",
        not_utf8.display()
    );
    assert!(said.contains(&named), "{named}:\n{screen}");
    assert!(
        said.contains("One more newer one could not be read either."),
        "{screen}"
    );
    assert!(said.contains("not UTF-8"), "{screen}");
    assert!(said.contains("it is left on disk"), "{screen}");
    common::press(
        &mut app,
        &[app::key(ratatui::crossterm::event::KeyCode::Char('l'))],
    );
    assert_eq!(app.scenario.target_revenue, 200e3);
    assert!(
        not_utf8.is_file() && not_toml.is_file(),
        "both are left on disk"
    );
    // With nothing else to offer, the newest that cannot be read is said on the status line.
    fs::remove_file(&kept).unwrap();
    let mut app = common::session_on(text, Some(&path.to_string_lossy()));
    let found = find_recovery(Some(&path), &[]).expect("recovery files");
    common::press(&mut app, &[found]);
    let status = app.status.clone().expect("a status line");
    assert!(status.error, "{status:?}");
    assert!(
        status.text.starts_with(&format!(
            "a recovery file cannot be read: {}:",
            not_utf8.display()
        )) && status.text.ends_with("; it is left on disk"),
        "{status:?}"
    );
}

#[test]
fn a_session_through_a_link_logs_beside_the_file_the_link_leads_to() {
    // work/link.toml → real/plan.toml: the recovery files are beside real/plan.toml, and so
    // is the session log, named after it, whichever name opened the plan.
    let linked = Linked::new();
    let Linked {
        real, work, link, ..
    } = &linked;
    let mut app = common::session_on(skypie::scenario::BUILT_IN, Some(&link.to_string_lossy()));
    common::type_target(&mut app, "200k");
    let request = common::the_save(&common::press(
        &mut app,
        &[app::key(ratatui::crossterm::event::KeyCode::Char('s'))],
    ));
    let said = save(&request, plan_at(link, None), 0o666);
    let log = real.join("plan.toml.session.md");
    assert!(
        fs::read_to_string(&log).unwrap().contains("200k"),
        "{said:?}"
    );
    assert!(!work.join("link.toml.session.md").exists(), "{said:?}");
    common::press(&mut app, &said);
    let status = app.status.clone().expect("a status line").text;
    assert!(
        status.ends_with(&format!("(session log: {})", log.display())),
        "{status}"
    );
    // A session through the link that ends abruptly logs its unsaved edits there too.
    common::type_target(&mut app, "300k");
    let kept = recover(&app, app.file.as_deref(), None, mode_of(&app), &[])
        .unwrap()
        .unwrap();
    append_session_log(link, &led_to(link), &app.abrupt_end_log(Some(&kept))).unwrap();
    assert!(fs::read_to_string(&log).unwrap().contains("300k"));
    assert!(!work.join("link.toml.session.md").exists());
}

#[test]
fn an_export_one_of_whose_files_cannot_be_written_writes_none() {
    // The summary's CSV was replaced, then its Markdown refused (a folder that takes no new
    // file, or none at all): half an export, said as a failure.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("plan.summary.csv");
    fs::write(&csv, "as it was\n").unwrap();
    let md = dir.path().join("gone/plan.summary.md");
    let (path, error) =
        export_failure(&[(csv.clone(), "a,b\n".into()), (md.clone(), "# p\n".into())]);
    assert_eq!(path, md);
    assert!(error.contains("there is no folder"), "{error}");
    assert_eq!(fs::read_to_string(&csv).unwrap(), "as it was\n");
}

#[test]
fn a_pipe_at_an_exports_name_is_refused_at_once_not_waited_on() {
    // `mkfifo plan.summary.csv`, then `e` `t`: opening it to write waited for a reader for
    // good, the session's keys with it (a tester); and the other file is not written either.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("plan.summary.csv");
    crate::files::make_fifo(&csv, 0o644);
    let md = dir.path().join("plan.summary.md");
    let (path, error) =
        export_failure(&[(md.clone(), "# p\n".into()), (csv.clone(), "a,b\n".into())]);
    assert_eq!(path, csv);
    assert!(error.contains("it is not a regular file"), "{error}");
    assert!(!md.exists());
}

#[test]
fn an_export_cut_short_after_one_file_was_written_says_which() {
    // A size limit let the CSV through and failed the Markdown: the status line named the
    // Markdown alone, and the CSV, now new beside a stale Markdown, went unsaid (a tester).
    let Some(dir) = crate::files::in_a_size_limited_child(
        "tui::tests::shell::an_export_cut_short_after_one_file_was_written_says_which",
        |_| {},
    ) else {
        return;
    };
    let csv = dir.join("plan.summary.csv");
    let md = dir.join("plan.summary.md");
    let (path, error) = export_failure(&[
        (csv.clone(), "a,b\n".into()),
        (md.clone(), "#".repeat(4096)),
    ]);
    assert_eq!(path, md);
    assert!(
        error.ends_with(&format!(" ({} was written)", csv.display())),
        "{error}"
    );
    assert_eq!(fs::read_to_string(&csv).unwrap(), "a,b\n");
    // Two written before the failure are both said, as a list ("a, b was written" read as one).
    let third = dir.join("plan.comparison.md");
    let (path, error) = export_failure(&[
        (csv.clone(), "c,d\n".into()),
        (md.clone(), "# p\n".into()),
        (third.clone(), "#".repeat(4096)),
    ]);
    assert_eq!(path, third);
    assert!(
        error.ends_with(&format!(
            " ({} and {} were written)",
            csv.display(),
            md.display()
        )),
        "{error}"
    );
}

#[test]
fn a_read_only_export_says_what_the_session_can_do_about_it() {
    // "save it under another name" named nothing the session does: an export takes the plan's
    // name, and no other.
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("plan.summary.md");
    read_only_file(&md, "as it was\n");
    let (_, error) = export_failure(&[(md.clone(), "# p\n".into())]);
    assert!(error.contains("read-only"), "{error}");
    assert!(
        error.contains("save the plan under another name (S): its exports take its name"),
        "{error}"
    );
    assert_eq!(fs::read_to_string(&md).unwrap(), "as it was\n");
}

#[test]
fn the_file_a_conflict_question_is_about_is_read_again_only_when_it_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    fs::write(&path, "schema = 1\nhorizon_days =").unwrap();
    let mut looked = Looked::Never;
    assert_eq!(
        look_again(&path, &mut looked),
        Some(Ok("schema = 1\nhorizon_days =".to_string()))
    );
    assert_eq!(look_again(&path, &mut looked), None, "unchanged: not read");
    // The same size: its times tell (a `chmod` changes only the change time).
    fs::write(&path, "schema = 1\nhorizon_days ?").unwrap();
    let old = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(old)
        .unwrap();
    assert_eq!(
        look_again(&path, &mut looked),
        Some(Ok("schema = 1\nhorizon_days ?".to_string()))
    );
    fs::write(&path, skypie::scenario::BUILT_IN).unwrap();
    assert_eq!(
        look_again(&path, &mut looked),
        Some(Ok(skypie::scenario::BUILT_IN.to_string()))
    );
    // Not text, too large, a folder, gone: why, never the old text as if it were now.
    fs::write(&path, b"\xff\xfe garbage").unwrap();
    let Some(Err(why)) = look_again(&path, &mut looked) else {
        panic!("UTF-16 is no scenario")
    };
    assert!(why.starts_with("cannot be read: "), "{why}");
    assert!(why.contains("found UTF-16 text"), "{why}");
    let big = fs::File::create(&path).unwrap();
    big.set_len(crate::files::MAX_FILE_BYTES + 1).unwrap();
    let Some(Err(why)) = look_again(&path, &mut looked) else {
        panic!("too large")
    };
    assert!(why.contains("a file over 16 MiB"), "{why}");
    fs::remove_file(&path).unwrap();
    assert_eq!(
        look_again(&path, &mut looked),
        Some(Err("was deleted since".to_string()))
    );
    assert_eq!(
        look_again(&path, &mut looked),
        None,
        "said once, not every tick"
    );
    fs::create_dir(&path).unwrap();
    assert_eq!(
        look_again(&path, &mut looked),
        Some(Err("is no longer a file".to_string()))
    );
}

#[test]
fn a_save_over_a_file_grown_past_16_mib_is_refused_without_reading_it_whole() {
    // It was read whole to compare (a 300 MB file: 5 s and 1.8 GB on the UI thread).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    let big = fs::File::create(&path).unwrap();
    big.set_len(crate::files::MAX_FILE_BYTES + 1).unwrap();
    let request = SaveRequest {
        path: path.clone(),
        text: skypie::scenario::BUILT_IN.into(),
        expect: Expect::Text(skypie::scenario::BUILT_IN.into()),
        session_log: starting_log(),
        relinked_to: None,
        mode: None,
    };
    let said = save(&request, plan_at(&path, None), 0o666);
    let [Msg::SaveFailed { error, .. }] = &said[..] else {
        panic!("{said:?}")
    };
    assert!(
        error.contains("cannot save: found a file over 16 MiB"),
        "{error}"
    );
    assert_eq!(
        fs::metadata(&path).unwrap().len(),
        crate::files::MAX_FILE_BYTES + 1,
        "left as it is"
    );
}

#[test]
fn the_file_a_question_is_about_is_looked_at_again_only_while_the_question_is_open() {
    use ratatui::crossterm::event::KeyCode;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    let text = skypie::scenario::BUILT_IN;
    fs::write(&path, text).unwrap();
    let mut app = common::session_on(text, path.to_str());
    let mut looked = Watched::NEVER;
    assert!(
        look_at_conflict(&app, &mut looked, None).is_none(),
        "no question"
    );
    let keys = [app::key(KeyCode::Right), app::key(KeyCode::Char('s'))];
    common::press(&mut app, &keys);
    let broken = format!("{text}\nbroken [[");
    fs::write(&path, &broken).unwrap();
    let on_disk = broken.clone();
    let asked = Msg::SaveConflict {
        path: path.clone(),
        on_disk,
        relinked: None,
    };
    common::press(&mut app, &[asked]);
    // The first look finds the file; the next, finding it the same, reads what the question
    // shows: the app finds nothing new in it.
    assert!(look_at_conflict(&app, &mut looked, None).is_none());
    let Some(Msg::ChangedOnDisk { now, .. }) = look_at_conflict(&app, &mut looked, None) else {
        panic!("looks")
    };
    assert_eq!(now, Ok(broken));
    assert!(
        look_at_conflict(&app, &mut looked, None).is_none(),
        "unchanged"
    );
    fs::write(
        &path,
        text.replace("horizon_days = 90", "horizon_days = 120"),
    )
    .unwrap();
    assert!(look_at_conflict(&app, &mut looked, None).is_none());
    let msg = look_at_conflict(&app, &mut looked, None).expect("changed");
    common::press(&mut app, &[msg]);
    let app::Mode::Conflict(c) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert!(c.offers(keys::ConflictAnswer::Merge), "{:?}", c.sides);
    // Answered, the file is the next save's to find.
    common::press(&mut app, &[app::key(KeyCode::Esc)]);
    assert!(look_at_conflict(&app, &mut looked, None).is_none());
    assert_eq!(looked, Watched::NEVER);
}

#[test]
fn the_file_a_question_is_about_is_read_once_it_stayed_the_same_for_a_look() {
    // A file read while another program wrote it in place put half a plan in the open
    // question, which `R` then reloaded.
    use ratatui::crossterm::event::KeyCode;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    let text = skypie::scenario::BUILT_IN;
    fs::write(&path, text).unwrap();
    let mut app = common::session_on(text, path.to_str());
    common::press(
        &mut app,
        &[app::key(KeyCode::Right), app::key(KeyCode::Char('s'))],
    );
    let asked = Msg::SaveConflict {
        path: path.clone(),
        on_disk: text.to_string(),
        relinked: None,
    };
    common::press(&mut app, &[asked]);
    let mut looked = Watched::NEVER;
    look_at_conflict(&app, &mut looked, None);
    look_at_conflict(&app, &mut looked, None);
    fs::write(&path, "schema = 1\n[target]\nrevenue =").unwrap();
    assert!(look_at_conflict(&app, &mut looked, None).is_none());
}

#[test]
fn a_recovery_file_the_plan_was_saved_after_is_said_to_be_so() {
    // A colleague saved the plan after a session ended abruptly: loading its recovery file
    // brings back values older than the file's, and the offer did not say so.
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, skypie::scenario::BUILT_IN).unwrap();
    let mut app = common::session_on(skypie::scenario::BUILT_IN, Some("plan.toml"));
    common::type_target(&mut app, "200k");
    let kept = create_recovery(
        Some(&plan),
        None,
        "20260101-000000",
        &app.recovery_text().unwrap(),
    )
    .unwrap();
    let at = |path: &Path, secs: u64| {
        let when = std::time::UNIX_EPOCH + Duration::from_secs(secs);
        fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(when)
            .unwrap();
    };
    let saved_since = || match find_recovery(Some(&plan), &[]) {
        Some(Msg::RecoveryFound { saved_since, .. }) => saved_since,
        other => panic!("the recovery file is found: {other:?}"),
    };
    // Kept after the plan's last save: nothing to say.
    at(&plan, 1_000_000);
    at(&kept, 2_000_000);
    assert!(saved_since().is_empty());
    // The plan saved later.
    at(&plan, 3_000_000);
    assert_eq!(saved_since(), vec![kept]);
}

#[test]
fn a_link_pointed_back_or_elsewhere_while_asked_is_what_the_question_says() {
    // link.toml → real/plan.toml, pointed at real/other.toml: `s` asks "The link leads to
    // another file". Pointed back while the question was open, it went on naming other.toml
    // (the status line saying the file changed), and its `y` was refused, then asked again.
    use ratatui::crossterm::event::KeyCode;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    fs::create_dir(&real).unwrap();
    let text = skypie::scenario::BUILT_IN;
    fs::write(real.join("plan.toml"), text).unwrap();
    fs::write(real.join("other.toml"), text.replace("= 90", "= 91")).unwrap();
    fs::write(real.join("third.toml"), text.replace("= 90", "= 92")).unwrap();
    let link = dir.path().join("link.toml");
    let point = |to: &str| {
        let _ = fs::remove_file(&link);
        std::os::unix::fs::symlink(to, &link).unwrap();
    };
    point("real/plan.toml");
    let mut app = common::session_on(text, link.to_str());
    let mut led = Some(led_to(&link));
    let keys = [app::key(KeyCode::Right), app::key(KeyCode::Char('s'))];
    common::press(&mut app, &keys);
    point("real/other.toml");
    let asked = Msg::SaveConflict {
        path: link.clone(),
        on_disk: fs::read_to_string(&link).unwrap(),
        relinked: Some(Relinked {
            was: led.clone().unwrap(),
            now: led_to(&link),
        }),
    };
    led = led_after(led, &asked, Some(&link));
    common::press(&mut app, &[asked]);
    let mut looked = Watched::NEVER;
    // Looked at twice: a file is read once it is the same on two looks.
    let mut look = |app: &mut App, led: &mut Option<PathBuf>| {
        look_at_conflict(app, &mut looked, led.as_deref());
        if let Some(msg) = look_at_conflict(app, &mut looked, led.as_deref()) {
            *led = led_after(led.take(), &msg, Some(&link));
            common::press(app, &[msg]);
        }
    };
    look(&mut app, &mut led);
    let relinked_to = |app: &App| match &app.mode {
        app::Mode::Conflict(c) => c.relinked.as_ref().map(|r| r.now.clone()),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        relinked_to(&app),
        Some(real.join("other.toml").canonicalize().unwrap())
    );
    // Pointed at a third file: the question names it.
    point("real/third.toml");
    look(&mut app, &mut led);
    let third = real.join("third.toml").canonicalize().unwrap();
    assert_eq!(relinked_to(&app), Some(third.clone()));
    // The link removed: the file was deleted, not a link to another ("link.toml now leads to
    // link.toml, another file"), and no longer the other plan it led to either.
    fs::remove_file(&link).unwrap();
    look(&mut app, &mut led);
    assert_eq!(relinked_to(&app), None);
    let app::Mode::Conflict(c) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(
        c.sides,
        Err("the file on disk was deleted since".to_string())
    );
    // Made again at the other plan: asked about as that, against the plan this session opened
    // (measured against the file the question last named, it read "as before", and `y` wrote
    // into it).
    point("real/third.toml");
    look(&mut app, &mut led);
    assert_eq!(relinked_to(&app), Some(third.clone()));
    let app::Mode::Conflict(c) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(
        c.relinked.as_ref().map(|r| r.was.clone()),
        Some(real.join("plan.toml").canonicalize().unwrap())
    );
    // Pointed back at the plan as this session read it: no question left.
    point("real/plan.toml");
    look(&mut app, &mut led);
    assert!(matches!(app.mode, app::Mode::Normal), "{:?}", app.mode);
    let said = super::common::status_text(&app);
    assert!(
        said.contains("is back as this session last read or saved it"),
        "{said}"
    );
    // And the next save is to the plan, asked about as nothing else.
    assert_eq!(led, Some(led_to(&link)));
}

#[test]
fn an_export_asks_whether_the_plan_changed_without_reading_what_is_no_file() {
    // The export read the plan with `read_to_string`: a FIFO under its name blocked the
    // session for good, and a file of any size was read whole.
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, "as read").unwrap();
    assert!(!changed_since(&plan, "as read"));
    fs::write(&plan, "a colleague's save").unwrap();
    assert!(changed_since(&plan, "as read"));
    fs::remove_file(&plan).unwrap();
    assert!(changed_since(&plan, "as read"), "deleted");
    crate::files::make_fifo(&plan, 0o644);
    assert!(changed_since(&plan, "as read"), "a FIFO, not read");
}

#[test]
fn a_recovery_file_found_through_a_folder_link_is_counted_once() {
    // `scur` a link to `q1/`, which holds one recovery file: opened as `scur/plan.toml`, the
    // offer said "(1 older recovery file beside it)", the one file found by both names.
    let dir = tempfile::tempdir().unwrap();
    let q1 = dir.path().join("q1");
    fs::create_dir(&q1).unwrap();
    let plan = q1.join("plan.toml");
    fs::write(&plan, skypie::scenario::BUILT_IN).unwrap();
    let mut app = common::session_on(skypie::scenario::BUILT_IN, Some("plan.toml"));
    common::type_target(&mut app, "200k");
    let kept = keep_edits(Some(&plan), None, app.recovery_text().unwrap(), &[]).unwrap();
    let link = dir.path().join("scur");
    std::os::unix::fs::symlink(&q1, &link).unwrap();
    let Some(app::Msg::RecoveryFound { found, .. }) =
        find_recovery(Some(&link.join("plan.toml")), &[])
    else {
        panic!("the recovery file is found")
    };
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(same_file(&found[0].0, &kept));
}

#[test]
fn a_folder_link_pointed_at_a_folder_without_the_plan_is_asked_about_never_written_unasked() {
    // `cur` → `f1` opened as `cur/plan.toml`, then `ln -sfn f2 cur`, `f2/` without a plan:
    // `s` said "cur/plan.toml was no longer on disk; saved it again" and wrote a new plan in
    // f2/, the plan in f1/ left without the edits.
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("f1")).unwrap();
    fs::create_dir(dir.path().join("f2")).unwrap();
    fs::write(dir.path().join("f1/plan.toml"), "as opened").unwrap();
    let (open, was, request) = opened_through_a_folder_link(dir.path(), "f1", "f2");
    let cur = dir.path().join("cur");
    let said = save(&request, plan_at(&open, Some(&was)), 0o666);
    let [Msg::SaveConflict { relinked, .. }] = &said[..] else {
        panic!("{said:?}")
    };
    let real = fs::canonicalize(dir.path()).unwrap();
    assert_eq!(
        relinked,
        &Some(Relinked {
            was: real.join("f1/plan.toml"),
            now: real.join("f2/plan.toml"),
        })
    );
    assert!(!dir.path().join("f2/plan.toml").exists(), "nothing written");
    // The question's answer writes it there, a new file, not one "no longer on disk".
    let answer = SaveRequest {
        relinked_to: Some(real.join("f2/plan.toml")),
        mode: None,
        ..request.clone()
    };
    let said = save(&answer, plan_at(&open, Some(&was)), 0o666);
    assert!(
        matches!(
            &said[..],
            [Msg::Saved {
                recreated: false,
                ..
            }]
        ),
        "{said:?}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("f2/plan.toml")).unwrap(),
        "ours"
    );
    fs::remove_file(dir.path().join("f2/plan.toml")).unwrap();
    // Asked, the question names where the link leads; looked at again, it still leads there
    // (not "deleted since", and no change to swallow the first answer).
    assert_eq!(
        leads_now(&open, Some(&real.join("f2/plan.toml")), Some(&was)),
        Leads::AsBefore
    );
    // Pointed at a folder not there, it names no file to write: as a file deleted (it read
    // "cur/plan.toml now leads to cur/plan.toml, another file").
    point(&cur, "f9");
    assert!(matches!(
        leads_now(&open, Some(&was), None),
        Leads::Nowhere { .. }
    ));
    // The plan itself deleted in its own folder is a file deleted, written again by a save.
    point(&cur, "f1");
    fs::remove_file(dir.path().join("f1/plan.toml")).unwrap();
    let said = save(&request, plan_at(&open, Some(&was)), 0o666);
    assert!(
        matches!(
            &said[..],
            [Msg::Saved {
                recreated: true,
                ..
            }]
        ),
        "{said:?}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("f1/plan.toml")).unwrap(),
        "ours"
    );
}

#[test]
fn session_log_rows_its_log_cannot_take_are_kept_in_a_fallback_folder() {
    // The plan's folder read-only at quit: "note: the session log could not be appended", and
    // the rows (who, when, P before and after) went nowhere, where unsaved edits are kept in
    // the state folder. (A folder in the log's place refuses it for root too.)
    let dir = tempfile::tempdir().unwrap();
    let fallback = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, "schema = 1").unwrap();
    fs::create_dir(session_log_name(&plan)).unwrap();
    let log = starting_log();
    let refused = append_session_log(&plan, &plan, &log).unwrap_err();
    let folders = [fallback.path().to_path_buf()];
    let kept = keep_log_rows(&plan, &plan, &log, &refused, &folders).unwrap();
    assert_eq!(kept, fallback.path().join("plan.toml.session-rows.md"));
    let text = fs::read_to_string(&kept).unwrap();
    assert!(
        text.starts_with(&format!(
            "Rows of the session log {}, which could not be written there (",
            session_log_name(&plan).display()
        )),
        "{text}"
    );
    assert!(text.ends_with(&log.placed("")), "{text}");
    // A second session's rows do not replace the first's.
    let again = keep_log_rows(&plan, &plan, &log, &refused, &folders).unwrap();
    assert_eq!(again, fallback.path().join("plan.toml.session-rows-2.md"));
    // Never a session log's own name: in the current folder, plan.toml.session.md is the log
    // of another plan.toml.
    assert!(!fallback.path().join("plan.toml.session.md").exists());
    assert_eq!(fs::read_to_string(&kept).unwrap(), text);
    // No folder takes them: every failure is said.
    let nowhere = [dir.path().join("gone")];
    let lost = keep_log_rows(&plan, &plan, &log, &refused, &nowhere).unwrap_err();
    assert!(lost.to_string().contains("; nor "), "{lost}");
}

/// The permissions of `app`'s plan as its session sees them, for its recovery file to record.
fn mode_of(app: &App) -> u32 {
    PlanMode::of(app.file.as_deref()).for_outputs(app.file.as_deref())
}

#[test]
fn edits_kept_at_an_ending_after_the_plan_was_deleted_say_how_to_put_it_back() {
    // `rm gone.toml` while the session had edits, then SIGTERM: "(`skypie plan gone.toml`
    // offers them)", a command that found no such file (a tester).
    let dir = tempfile::tempdir().expect("a temporary folder");
    let gone = dir.path().join("gone.toml");
    let kept = dir.path().join("gone.toml.recovered-20261207-183000.toml");
    let said = crate::tui::kept_in(&kept, Some(&gone));
    let (kept, gone) = (kept.display(), gone.display());
    assert_eq!(
        said,
        format!(
            "your unsaved edits are in {kept}, with the whole plan ({gone} is no longer on disk: \
             cp {kept} {gone}, then skypie plan {gone})"
        )
    );
}

#[test]
fn edits_kept_at_an_ending_after_the_plans_folder_went_say_it_may_have_been_moved() {
    // `mv d1 /mnt/other/d3` (another file system, where the session cannot follow it), then
    // SIGTERM: "mkdir -p d1, cp …", a second copy of the plan beside the one moved.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let gone = dir.path().join("d1").join("plan.toml");
    let kept = dir.path().join("plan.toml.recovered-20261207-183000.toml");
    let said = crate::tui::kept_in(&kept, Some(&gone));
    let (kept, gone, d1) = (
        kept.display(),
        gone.display(),
        dir.path().join("d1").display().to_string(),
    );
    assert_eq!(
        said,
        format!(
            "your unsaved edits are in {kept}, with the whole plan ({gone} is no longer on disk, \
             nor its folder: where the folder was moved, cp {kept} into it as plan.toml, then \
             skypie plan that; where it was deleted, mkdir -p {d1}, cp {kept} {gone}, then \
             skypie plan {gone})"
        )
    );
}

/// What the goodbye of an ending after a failure that overran its bound does, in order: the
/// terminal restored, then what it says; the edits kept as `kept` says.
fn overran_goodbye(kept: EditsKept) -> Vec<String> {
    let heard = std::cell::RefCell::new(Vec::new());
    let ended = EndingOverran {
        failure: "the terminal input stopped",
        kept: &std::sync::Mutex::new(kept),
        text: Some("[target]\nrevenue = \"200k\"\n".to_string()),
        file: None,
    };
    ended.say_goodbye(
        || heard.borrow_mut().push("(terminal restored)".to_string()),
        |said| heard.borrow_mut().push(said),
    );
    heard.into_inner()
}

#[test]
fn an_ending_that_overran_its_bound_says_where_the_edits_were_kept() {
    // Its goodbye had no test of its own, only its bound's: the recovery file could go unsaid.
    let kept = PathBuf::from("plan.toml.recovered-20261207-183000.toml");
    let heard = overran_goodbye(EditsKept::At(kept));
    assert_eq!(
        heard.last().map(String::as_str),
        Some(
            "error: the terminal input stopped: your unsaved edits are in \
             plan.toml.recovered-20261207-183000.toml\n"
        )
    );
}

#[test]
fn an_ending_that_overran_its_bound_gives_the_terminal_back_before_it_says_anything() {
    // Printed in raw mode onto the alternate screen, its words went with the screen.
    let heard = overran_goodbye(EditsKept::NotYet);
    assert_eq!(
        heard.first().map(String::as_str),
        Some("(terminal restored)")
    );
}
