//! The plan's file changed on disk while the session has it open and nothing is asked (a
//! colleague's save, `sed -i`), as the shell finds it about once a second: reloaded with
//! nothing unsaved, marked with unsaved edits, and a text that does not read leaves the last
//! good plan on screen. Driven by the shell's word of what the file holds now.

use super::common::{
    colleague_saved, press, save_failed, screen, session_on, status_text, the_save, typed, written,
};
use crate::tui::app::{App, DELETED_SINCE, Leads, Mode, Msg, Relinked, key};
use crate::tui::disk::{Look, Looks, Watched, look_at_plan, look_for};
use crate::tui::keys::ConflictAnswer;
use crate::tui::watcher::{Finding, Place, Watcher};
use ratatui::crossterm::event::KeyCode;
use skypie::scenario::BUILT_IN;

/// The built-in scenario at fewer samples, so every test runs quickly.
fn plan() -> String {
    BUILT_IN.replace("samples = 100000", "samples = 4000")
}

/// The plan with a colleague's target (the tester's `sed -i` of `revenue`).
fn colleagues_target() -> String {
    plan().replace("revenue = \"3M\"", "revenue = \"4M\"")
}

/// The shell's word that `plan.toml`, looked at while nothing is asked, now holds `text`.
fn found(text: &str) -> Msg {
    Msg::ChangedOnDisk {
        path: "plan.toml".into(),
        now: Ok(text.to_string()),
        leads: Leads::AsBefore,
    }
}

/// A session on `plan.toml` whose target was typed as 200k (unsaved).
fn edited() -> App {
    let mut app = session_on(&plan(), Some("plan.toml"));
    let mut keys = vec![key(KeyCode::Enter), super::common::ctrl('u')];
    keys.extend(typed("200k"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    assert_eq!(app.scenario.target_revenue, 200e3);
    app
}

#[test]
fn a_plan_changed_on_disk_with_nothing_unsaved_is_reloaded_saying_what_changed() {
    // It went on showing the old target, "saved", until someone pressed `s`.
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(&mut app, &[found(&colleagues_target())]);
    assert_eq!(app.scenario.target_revenue, 4e6);
    assert_eq!(
        status_text(&app),
        "plan.toml changed on disk: reloaded (target.revenue); undo starts here"
    );
}

#[test]
fn a_plan_found_as_the_session_read_it_is_no_change() {
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(&mut app, &[found(&plan())]);
    assert!(app.log.is_empty() && app.status.is_none(), "{:?}", app.log);
}

#[test]
fn an_automatic_reload_is_a_row_of_the_session_log_saying_nothing_was_dropped() {
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(&mut app, &[found(&colleagues_target())]);
    let row = app.log.last().expect("the reload is logged");
    assert_eq!(
        (row.input.as_str(), row.old.as_str(), row.new.as_str()),
        (
            "file changed on disk",
            "changed there: target.revenue",
            "reloaded it on finding it changed; this session had no unsaved edits"
        )
    );
}

#[test]
fn quitting_after_an_automatic_reload_logs_it_as_nothing_left_unsaved() {
    // Not "…a reload from disk, which dropped the unsaved edits among them": it dropped none.
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(&mut app, &[found(&colleagues_target())]);
    let text = app.quit_log().text;
    assert!(
        text.contains("The session was quit after the rows below, with nothing left unsaved.")
            && !text.contains("dropped"),
        "{text}"
    );
}

#[test]
fn undo_after_an_automatic_reload_says_undo_starts_there() {
    // The old target never comes back by `u`: undo's history was of the text before.
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(&mut app, &[key(KeyCode::Right)]);
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    press(&mut app, &[written("plan.toml", &request.text)]);
    let on_disk = request
        .text
        .replace("horizon_days = 90", "horizon_days = 180");
    press(&mut app, &[found(&on_disk), key(KeyCode::Char('u'))]);
    assert_eq!(
        status_text(&app),
        "nothing to undo: undo starts at the reload from disk"
    );
}

#[test]
fn a_plan_changed_on_disk_into_what_does_not_read_keeps_the_last_good_plan() {
    // A colleague mid-edit, or a typo saved: the session neither reloads nor ends.
    let mut app = session_on(&plan(), Some("plan.toml"));
    let broken = plan().replace("revenue = \"3M\"", "revenue = \"4M");
    press(&mut app, &[found(&broken)]);
    assert_eq!(app.scenario.target_revenue, 3e6, "the last good plan");
    let said = status_text(&app);
    assert!(
        said.starts_with("plan.toml changed on disk but does not read now (plan.toml:15:")
            && said.ends_with(
                "): the plan as last read stays; it is read again when the file changes"
            ),
        "{said}"
    );
}

#[test]
fn a_plan_mended_on_disk_after_it_did_not_read_is_reloaded() {
    let mut app = session_on(&plan(), Some("plan.toml"));
    let broken = plan().replace("revenue = \"3M\"", "revenue = \"4M");
    press(&mut app, &[found(&broken), found(&colleagues_target())]);
    assert_eq!(app.scenario.target_revenue, 4e6);
}

/// The screen at 80×24 with the status line's message gone, and its lines: what stays of the
/// marks of a file changed on disk (the title bar's, line 0; the status line's right side,
/// line 22).
fn marked_at_80_columns(app: &mut App) -> (String, Vec<String>) {
    app.status = None;
    let shown = screen(app, 80, 24);
    let lines = shown.lines().map(str::to_string).collect();
    (shown, lines)
}

/// Asserts that the status line's right side (row 22 at 80 columns) says `said`.
fn says_on_the_right(app: &mut App, said: &str) {
    let (shown, lines) = marked_at_80_columns(app);
    assert!(lines[22].contains(said), "{shown}");
}

#[test]
fn a_plan_that_does_not_read_on_disk_is_marked_on_the_title_and_status_line() {
    let mut app = session_on(&plan(), Some("plan.toml"));
    let broken = plan().replace("revenue = \"3M\"", "revenue = \"4M");
    press(&mut app, &[found(&broken)]);
    let (shown, lines) = marked_at_80_columns(&mut app);
    assert!(lines[0].contains("plan.toml (changed on disk)"), "{shown}");
    assert!(
        lines[22].contains("not reloaded: the file does not read"),
        "{shown}"
    );
}

/// The shell's word that `plan.toml`, looked at while nothing is asked, is gone from its name.
fn deleted() -> Msg {
    deleted_at("plan.toml")
}

/// The shell's word that the plan's name `path` is gone from disk.
fn deleted_at(path: &str) -> Msg {
    Msg::ChangedOnDisk {
        path: path.into(),
        now: Err(DELETED_SINCE.to_string()),
        leads: Leads::Nowhere { opened: None },
    }
}

#[test]
fn a_plan_whose_link_was_removed_is_not_said_to_be_gone_with_the_file_it_led_to() {
    // `rm link.toml`: "link.toml is no longer on disk: s writes it again", where the file it
    // led to was most likely there (the quit question said so).
    let disk = crate::tui::app::Disk {
        is_there: |path| path != std::path::Path::new("link.toml"),
        ..super::common::DISK
    };
    let mut app = super::common::session_seeing(&plan(), Some("link.toml"), disk);
    app.opened_through_a_link();
    press(&mut app, &[deleted_at("link.toml")]);
    assert_eq!(
        status_text(&app),
        "link.toml is no longer on disk: the file it led to may still be there; s writes the \
         plan again as a file of that name"
    );
}

#[test]
fn a_plan_deleted_with_its_folder_says_s_cannot_write_it_again() {
    // `rm -r d9`: "d9/plan.toml is no longer on disk: s writes it again", and `s` failed.
    let disk = crate::tui::app::Disk {
        is_there: |path| path != std::path::Path::new("d9/plan.toml"),
        ..super::common::DISK
    };
    let mut app = super::common::session_seeing(&plan(), Some("d9/plan.toml"), disk);
    press(&mut app, &[deleted_at("d9/plan.toml")]);
    assert_eq!(
        status_text(&app),
        "d9/plan.toml is no longer on disk, nor its folder: S saves it under another name"
    );
}

#[test]
fn a_plan_deleted_on_disk_says_so_and_that_s_writes_it_again() {
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(&mut app, &[deleted()]);
    assert_eq!(
        status_text(&app),
        "plan.toml is no longer on disk: s writes it again"
    );
}

#[test]
fn a_plan_deleted_on_disk_with_nothing_unsaved_is_marked_gone_not_saved() {
    // It read `saved`, with no mark, until `q`.
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(&mut app, &[deleted()]);
    let (shown, lines) = marked_at_80_columns(&mut app);
    assert!(
        lines[0].contains("plan.toml (no longer on disk)"),
        "{shown}"
    );
    assert!(
        lines[22].contains("the file is no longer on disk"),
        "{shown}"
    );
}

#[test]
fn a_plan_deleted_on_disk_with_unsaved_edits_is_marked_gone() {
    let mut app = edited();
    press(&mut app, &[deleted()]);
    says_on_the_right(&mut app, "unsaved edits; the file is no longer on disk");
}

#[test]
fn a_plan_that_cannot_be_read_with_unsaved_edits_is_marked_so_on_the_status_line() {
    // `chmod 000 plan.toml`: it read "the file changed on disk: s asks", and `s` failed.
    let mut app = edited();
    let unreadable = Msg::ChangedOnDisk {
        path: "plan.toml".into(),
        now: Err("cannot be read: plan.toml: Permission denied (os error 13)".to_string()),
        leads: Leads::AsBefore,
    };
    press(&mut app, &[unreadable]);
    says_on_the_right(&mut app, "unsaved edits; the file does not read");
}

/// The shell's word that `plan.toml`, a link, now leads to another file holding `text`.
fn relinked(text: &str) -> Msg {
    Msg::ChangedOnDisk {
        path: "plan.toml".into(),
        now: Ok(text.to_string()),
        leads: Leads::Elsewhere(Relinked {
            was: "/plans/real/plan.toml".into(),
            now: "/plans/real/other.toml".into(),
        }),
    }
}

#[test]
fn a_plan_whose_link_leads_elsewhere_now_with_nothing_unsaved_is_marked_not_reloaded() {
    // `ln -sfn other.toml plan.toml`: it went on showing the old plan, `saved`; then another
    // plan was reloaded as if this one had changed, its keys listed as changes.
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(&mut app, &[relinked(&colleagues_target())]);
    assert_eq!(app.scenario.target_revenue, 3e6, "this plan stays");
    assert_eq!(
        status_text(&app),
        "plan.toml now leads to /plans/real/other.toml, another file: s asks what to do"
    );
    let (shown, lines) = marked_at_80_columns(&mut app);
    assert!(lines[0].contains("(changed on disk)"), "{shown}");
}

#[test]
fn a_plan_whose_link_leads_elsewhere_now_with_unsaved_edits_is_marked_changed() {
    let mut app = edited();
    press(&mut app, &[relinked(&colleagues_target())]);
    says_on_the_right(&mut app, "unsaved edits; the file changed on disk: s asks");
}

#[test]
fn a_plan_changed_on_disk_with_unsaved_edits_is_not_reloaded() {
    let mut app = edited();
    press(&mut app, &[found(&colleagues_target())]);
    assert_eq!(app.scenario.target_revenue, 200e3, "the edit stays");
    assert_eq!(
        status_text(&app),
        "plan.toml changed on disk: not reloaded, as this session has unsaved edits; s asks \
         how to merge"
    );
}

#[test]
fn a_plan_changed_on_disk_with_unsaved_edits_stays_marked_on_the_title_and_status_line() {
    // Nobody learned of the colleague's change until `s` asked.
    let mut app = edited();
    press(&mut app, &[found(&colleagues_target())]);
    let (shown, lines) = marked_at_80_columns(&mut app);
    assert!(lines[0].contains("plan.toml (changed on disk)"), "{shown}");
    assert!(
        lines[22].contains("unsaved edits; the file changed on disk: s asks"),
        "{shown}"
    );
}

#[test]
fn a_plan_changed_on_disk_while_edits_were_unsaved_is_reloaded_once_they_are_typed_back() {
    let mut app = edited();
    press(&mut app, &[found(&colleagues_target())]);
    let mut keys = vec![key(KeyCode::Enter), super::common::ctrl('u')];
    keys.extend(typed("3M"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    assert!(app.rereads_after_undo(), "the shell reads the file again");
    press(&mut app, &[found(&colleagues_target())]);
    assert_eq!(app.scenario.target_revenue, 4e6);
}

#[test]
fn a_plan_changed_on_disk_while_edits_were_unsaved_is_not_reread_once_they_are_undone() {
    // Reloaded then, it cleared redo: Ctrl-R said "nothing to redo" and 200k was gone.
    let mut app = edited();
    press(&mut app, &[found(&colleagues_target())]);
    press(&mut app, &[key(KeyCode::Char('u'))]);
    assert!(!app.rereads_after_undo());
}

#[test]
fn edits_undone_still_come_back_by_redo_after_the_plan_changed_on_disk() {
    let mut app = edited();
    press(&mut app, &[found(&colleagues_target())]);
    press(&mut app, &[key(KeyCode::Char('u'))]);
    press(
        &mut app,
        &[found(&colleagues_target()), super::common::ctrl('r')],
    );
    assert_eq!(app.scenario.target_revenue, 200e3);
}

#[test]
fn a_plan_changed_on_disk_after_edits_were_undone_is_not_reloaded_over_their_redo() {
    let mut app = edited();
    press(&mut app, &[key(KeyCode::Char('u'))]);
    press(&mut app, &[found(&colleagues_target())]);
    assert_eq!(
        status_text(&app),
        "plan.toml changed on disk: not reloaded, as this session has undone edits that redo \
         brings back; s asks whether to reload it"
    );
}

#[test]
fn a_save_failure_stays_said_when_the_plan_is_then_found_changed_on_disk() {
    // Its put-back failing too, the session's own partial write was found within a second
    // and "changed on disk: not reloaded…" replaced the red message.
    let mut app = edited();
    press(&mut app, &[key(KeyCode::Char('s'))]);
    let failed = save_failed(
        "plan.toml",
        "plan.toml: cannot save: No space left on device",
    );
    press(&mut app, &[failed, found("[run]\nsamples = 4")]);
    assert!(
        app.status.as_ref().is_some_and(|s| s.error),
        "{:?}",
        app.status
    );
}

#[test]
fn the_file_is_not_watched_while_a_value_is_being_typed() {
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(matches!(app.mode, Mode::Editing { .. }), "{:?}", app.mode);
    assert_eq!(app.watches_its_file(), None);
}

#[test]
fn saving_with_no_edits_a_file_changed_on_disk_offers_no_merge() {
    // "Changed here: none" beside `m`, merging nothing.
    let conflict = saved_unedited_over(&colleagues_target());
    assert!(!conflict.offers(ConflictAnswer::Merge));
}

#[test]
fn saving_with_no_edits_a_file_changed_on_disk_offers_no_overwrite() {
    // `y` put the old target back over the colleague's, unsaid.
    let conflict = saved_unedited_over(&colleagues_target());
    assert!(!conflict.offers(ConflictAnswer::Overwrite));
}

#[test]
fn saving_with_no_edits_a_file_that_holds_no_plan_still_offers_to_write_it_again() {
    // Emptied by `eval plan.toml > plan.toml`: this session's version is its last good copy.
    let conflict = saved_unedited_over("");
    assert!(conflict.offers(ConflictAnswer::Overwrite));
}

#[test]
fn saving_with_no_edits_a_file_changed_on_disk_offers_its_reload() {
    let conflict = saved_unedited_over(&colleagues_target());
    assert!(conflict.offers(ConflictAnswer::Reload));
}

/// The question `s` asks in a session with no edits, its save finding `on_disk`.
fn saved_unedited_over(on_disk: &str) -> crate::tui::app::Conflict {
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(&mut app, &[key(KeyCode::Char('s'))]);
    press(&mut app, &[colleague_saved(on_disk)]);
    match app.mode {
        Mode::Conflict(c) => *c,
        other => panic!("asks: {other:?}"),
    }
}

#[test]
fn a_finding_read_before_the_sessions_own_save_is_dropped_not_reloaded() {
    // A save two seconds after opening: the watcher's read from before it came in after it,
    // and the plan from before the save was reloaded over it, "plan.toml changed on disk:
    // reloaded (target.revenue)" (a tester).
    let (mut app, _, dir) = watching();
    let path = dir.path().join("plan.toml");
    let watcher = Watcher::spawn(std::time::Duration::from_millis(5));
    watcher
        .look_at(Some(plan_look(&app, &path)))
        .expect("watching");
    // The save, answered before the watcher's finding of the file as it was is taken.
    let request = the_save(&press(
        &mut app,
        &[key(KeyCode::Right), key(KeyCode::Char('s'))],
    ));
    press(&mut app, &[written(path.clone(), &request.text)]);
    let saved = app.scenario.target_revenue;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let found = loop {
        match watcher.finding_for(Some(&plan_look(&app, &path))) {
            Ok(Finding::Nothing) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Ok(found) => break found,
            Err(stopped) => panic!("{stopped}"),
        }
    };
    if let Finding::Taken(msg) = found {
        press(&mut app, &[msg]);
    }
    assert_eq!(app.scenario.target_revenue, saved, "the save stays");
    assert!(!app.is_dirty());
}

/// A session on a real `plan.toml` in a folder of its own, the watch having read it (two looks
/// found it the same), with the folder (kept while the test runs).
fn watching() -> (App, Watched, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("plan.toml");
    std::fs::write(&path, plan()).expect("written");
    let app = session_on(&plan(), path.to_str());
    let mut watched = Watched::NEVER;
    look_at_plan(&app, &mut watched, Some(&path));
    look_at_plan(&app, &mut watched, Some(&path));
    (app, watched, dir)
}

#[test]
fn a_plan_file_unchanged_since_the_last_look_is_no_message() {
    let (app, mut watched, dir) = watching();
    let path = dir.path().join("plan.toml");
    assert!(look_at_plan(&app, &mut watched, Some(&path)).is_none());
}

#[test]
fn a_plan_file_changed_on_disk_is_said_once_it_has_stayed_so_for_a_look() {
    let (app, mut watched, dir) = watching();
    let path = dir.path().join("plan.toml");
    std::fs::write(&path, colleagues_target()).expect("written");
    look_at_plan(&app, &mut watched, Some(&path));
    let said = look_at_plan(&app, &mut watched, Some(&path));
    assert!(
        matches!(&said, Some(Msg::ChangedOnDisk { now: Ok(text), .. }) if *text == colleagues_target()),
        "{said:?}"
    );
}

#[test]
fn a_plan_file_deleted_on_disk_is_said_once_it_has_stayed_so_for_a_look() {
    // The watch left a name gone to the next save: nothing was said until `q`.
    let (app, mut watched, dir) = watching();
    let path = dir.path().join("plan.toml");
    std::fs::remove_file(&path).expect("removed");
    look_at_plan(&app, &mut watched, Some(&path));
    let said = look_at_plan(&app, &mut watched, Some(&path));
    assert!(
        matches!(&said, Some(Msg::ChangedOnDisk { now: Err(why), .. }) if why == DELETED_SINCE),
        "{said:?}"
    );
}

/// A session on `link.toml`, a link to `plan.toml` in a folder of its own, the watch having
/// read it, with where the link leads and the folder (kept while the test runs).
fn watching_a_link() -> (App, Watched, std::path::PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let target = dir.path().join("plan.toml");
    std::fs::write(&target, plan()).expect("written");
    let link = dir.path().join("link.toml");
    std::os::unix::fs::symlink(&target, &link).expect("linked");
    let app = session_on(&plan(), link.to_str());
    let mut watched = Watched::NEVER;
    look_at_plan(&app, &mut watched, Some(&target));
    look_at_plan(&app, &mut watched, Some(&target));
    (app, watched, target, dir)
}

#[test]
fn a_plan_whose_link_is_pointed_at_another_file_is_said_once_it_has_stayed_so_for_a_look() {
    // `ln -sfn other.toml link.toml`: the watch left it to the next save, unsaid.
    let (app, mut watched, target, dir) = watching_a_link();
    let other = dir.path().join("other.toml");
    std::fs::write(&other, colleagues_target()).expect("written");
    let link = dir.path().join("link.toml");
    std::fs::remove_file(&link).expect("unlinked");
    std::os::unix::fs::symlink(&other, &link).expect("linked");
    look_at_plan(&app, &mut watched, Some(&target));
    let said = look_at_plan(&app, &mut watched, Some(&target));
    assert!(
        matches!(&said, Some(Msg::ChangedOnDisk { now: Ok(text), .. }) if *text == colleagues_target()),
        "{said:?}"
    );
}

#[test]
fn a_plan_whose_link_is_replaced_by_a_file_is_said_once_it_has_stayed_so_for_a_look() {
    // `sed -i link.toml` writes a file in the link's place: unsaid too.
    let (app, mut watched, target, dir) = watching_a_link();
    let link = dir.path().join("link.toml");
    std::fs::remove_file(&link).expect("unlinked");
    std::fs::write(&link, colleagues_target()).expect("written");
    look_at_plan(&app, &mut watched, Some(&target));
    let said = look_at_plan(&app, &mut watched, Some(&target));
    assert!(
        matches!(&said, Some(Msg::ChangedOnDisk { now: Ok(text), .. }) if *text == colleagues_target()),
        "{said:?}"
    );
}

#[test]
fn a_plan_file_found_changed_is_not_read_while_it_may_still_be_being_written() {
    // Read mid-write (another program writing it in place), it reloaded the plan without its
    // last tables: "reloaded ([capacity] removed, [run] removed)".
    let (app, mut watched, dir) = watching();
    let path = dir.path().join("plan.toml");
    let whole = plan();
    let half: Vec<&str> = whole.lines().take(whole.lines().count() / 2).collect();
    std::fs::write(&path, half.join("\n")).expect("written");
    assert!(look_at_plan(&app, &mut watched, Some(&path)).is_none());
}

/// What the watcher is told to look at for `app`, its plan's name leading to `path` as before.
fn plan_look(app: &App, path: &std::path::Path) -> Look {
    look_for(app, Some(path)).expect("the plan watched")
}

#[test]
fn the_watcher_says_what_the_plan_file_holds_from_a_thread_of_its_own() {
    // The `stat` and the read ran on the thread that draws and reads keys: a file on a hung
    // network mount froze both.
    let (app, _, dir) = watching();
    let path = dir.path().join("plan.toml");
    let watcher = Watcher::spawn(std::time::Duration::from_millis(5));
    watcher
        .look_at(Some(plan_look(&app, &path)))
        .expect("watching");
    std::fs::write(&path, colleagues_target()).expect("written");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut found = None;
    while found.is_none() && std::time::Instant::now() < deadline {
        match watcher.try_recv() {
            Ok(Some((_, Msg::ChangedOnDisk { now: Ok(text), .. })))
                if text == colleagues_target() =>
            {
                found = Some(text);
            }
            Ok(_) => std::thread::sleep(std::time::Duration::from_millis(5)),
            Err(stopped) => panic!("{stopped}"),
        }
    }
    assert_eq!(found, Some(colleagues_target()));
}

#[test]
fn forgetting_what_was_read_reads_an_unchanged_file_again() {
    // Found as an editor opened, the finding is dropped: the next looks would find the file as
    // read, and the change never reloaded.
    let (app, watched, dir) = watching();
    let path = dir.path().join("plan.toml");
    let look = Some(plan_look(&app, &path));
    let mut looks = Looks {
        plan: watched,
        question: Watched::NEVER,
    };
    std::fs::write(&path, colleagues_target()).expect("written");
    looks.look(look.as_ref());
    assert!(looks.look(look.as_ref()).is_some(), "found");
    looks.forget_what_was_read();
    assert!(
        matches!(looks.look(look.as_ref()), Some(Msg::ChangedOnDisk { now: Ok(text), .. }) if text == colleagues_target())
    );
}

#[test]
fn a_finding_dropped_as_the_app_moved_on_is_found_again() {
    // Found as an editor opened, the finding was dropped: the change was never reloaded.
    let (app, _, dir) = watching();
    let path = dir.path().join("plan.toml");
    let look = plan_look(&app, &path);
    let watcher = Watcher::spawn(std::time::Duration::from_millis(5));
    watcher.look_at(Some(look.clone())).expect("watching");
    std::fs::write(&path, colleagues_target()).expect("written");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut dropped = false;
    let mut taken = None;
    while taken.is_none() && std::time::Instant::now() < deadline {
        // The app in an editor until a finding came, then back at the inputs.
        let now = dropped.then_some(&look);
        match watcher.finding_for(now) {
            Ok(Finding::Dropped) => dropped = true,
            Ok(Finding::Taken(msg)) => taken = Some(msg),
            Ok(Finding::Nothing) => std::thread::sleep(std::time::Duration::from_millis(5)),
            Err(stopped) => panic!("{stopped}"),
        }
    }
    assert!(
        matches!(&taken, Some(Msg::ChangedOnDisk { now: Ok(text), .. }) if *text == colleagues_target()),
        "{taken:?}"
    );
}

#[test]
fn while_a_question_is_open_the_watch_is_told_to_look_at_its_file() {
    // The shell looked at it each tick (20 to 250 ms), reading it after it held still a fifth
    // of the time the plan's file must: the watcher looks at both, on one second.
    let (mut app, _, dir) = watching();
    let path = dir.path().join("plan.toml");
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('s'))]);
    press(
        &mut app,
        &[Msg::SaveConflict {
            path: path.clone(),
            on_disk: colleagues_target(),
            relinked: None,
        }],
    );
    assert!(
        matches!(look_for(&app, Some(&path)), Some(Look::Question { path: asked, .. }) if asked == path),
        "{:?}",
        app.mode
    );
}

#[test]
fn the_watcher_says_where_the_plan_is_once_its_folder_was_renamed() {
    // The shell looked on the thread that reads keys, each tick and before each key: a plan in
    // a folder on a hung network mount stalled them.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (d1, d3) = (dir.path().join("d1"), dir.path().join("d3"));
    std::fs::create_dir(&d1).expect("a folder");
    let path = d1.join("plan.toml");
    std::fs::write(&path, plan()).expect("written");
    let watcher = watcher_of(path);
    std::fs::rename(&d1, &d3).expect("renamed");
    let now = first_said(&watcher, |msg| match msg {
        Msg::PlanMoved(now) => now.clone(),
        _ => None,
    })
    .expect("said where");
    assert!(
        crate::files::same_path(&now, &d3.join("plan.toml")),
        "{now:?}"
    );
}

/// The first place `watcher` says of the plan that `said` reads from its words (within 10
/// seconds).
fn first_said(
    watcher: &Watcher,
    said: impl Fn(&Msg) -> Option<std::path::PathBuf>,
) -> Option<std::path::PathBuf> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        match watcher.moved() {
            Ok(words) => {
                if let Some(now) = words.iter().find_map(&said) {
                    return Some(now);
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(stopped) => panic!("{stopped}"),
        }
    }
    None
}

#[test]
fn the_watcher_says_what_the_plan_was_renamed_to_within_its_folder() {
    // `mv cmp.toml cmp.toml.bak`: said "no longer on disk", the plan there under its new name.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (path, bak) = (dir.path().join("cmp.toml"), dir.path().join("cmp.toml.bak"));
    std::fs::write(&path, plan()).expect("written");
    let watcher = watcher_of(path.clone());
    std::fs::rename(&path, &bak).expect("renamed");
    let renamed = first_said(&watcher, |msg| match msg {
        Msg::PlanRenamed(now) => now.clone(),
        _ => None,
    });
    assert_eq!(renamed, Some(bak));
}

/// A watcher looking every 5 ms at the plan at `path`, told where it is.
fn watcher_of(path: std::path::PathBuf) -> Watcher {
    let watcher = Watcher::spawn(std::time::Duration::from_millis(5));
    let was = crate::files::whereabouts(&path);
    watcher
        .place(Place {
            led: Some(path),
            was,
        })
        .expect("watching");
    watcher
}

#[test]
fn a_word_of_where_the_plan_moved_found_for_its_place_before_a_save_as_is_dropped() {
    // Found for `d1/plan.toml` moved to `d3/`, and read just after `S` saved the plan as
    // `other.toml`: it was taken for where `other.toml` is now.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (d1, d3) = (dir.path().join("d1"), dir.path().join("d3"));
    std::fs::create_dir(&d1).expect("a folder");
    let (path, other) = (d1.join("plan.toml"), dir.path().join("other.toml"));
    std::fs::write(&path, plan()).expect("written");
    std::fs::write(&other, plan()).expect("written");
    let watcher = watcher_of(path);
    std::fs::rename(&d1, &d3).expect("renamed");
    // Long enough for the watch to have found the move, many times over.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let was = crate::files::whereabouts(&other);
    watcher
        .place(Place {
            led: Some(other),
            was,
        })
        .expect("watching");
    let words = watcher.moved();
    assert!(
        !matches!(&words, Ok(words) if words.iter().any(|w| matches!(w, Msg::PlanMoved(Some(_))))),
        "{words:?}"
    );
}

/// A session on `d1/plan.toml` after `mv d1 d3`, before its watch found where the plan is.
fn moved_with_its_folder_unseen() -> App {
    super::common::session_seeing(
        &plan(),
        Some("d1/plan.toml"),
        crate::tui::app::Disk {
            is_there: |path| path != std::path::Path::new("d1/plan.toml"),
            is_folder: |_| false,
            ..super::common::DISK
        },
    )
}

thread_local! {
    /// How many times [`looked_at`] was asked, on this test's thread.
    static LOOKS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Whether a file is there, after `mv d1 d3`, each look counted ([`LOOKS`]).
fn looked_at(path: &std::path::Path) -> bool {
    LOOKS.with(|looks| looks.set(looks.get() + 1));
    path != std::path::Path::new("d1/plan.toml")
}

#[test]
fn a_frame_of_a_plan_moved_with_its_folder_looks_at_no_disk() {
    // The title bar looked for the plan at its new place and nothing at its old at every frame.
    let mut app = super::common::session_seeing(
        &plan(),
        Some("d1/plan.toml"),
        crate::tui::app::Disk {
            is_there: looked_at,
            is_folder: |_| false,
            ..super::common::DISK
        },
    );
    press(&mut app, &[Msg::PlanMoved(Some("d3/plan.toml".into()))]);
    LOOKS.with(|looks| looks.set(0));
    screen(&app, 80, 24);
    assert_eq!(LOOKS.with(std::cell::Cell::get), 0);
}

#[test]
fn a_quit_question_with_nothing_unsaved_closes_once_the_plan_is_found_moved() {
    // With nothing unsaved it stayed open saying "discarding leaves no copy of the plan",
    // untrue, and its `S` quit with no name asked.
    let mut app = moved_with_its_folder_unseen();
    press(&mut app, &[key(KeyCode::Char('q'))]);
    assert!(
        matches!(app.mode, Mode::ConfirmQuit { .. }),
        "{:?}",
        app.mode
    );
    press(&mut app, &[Msg::PlanMoved(Some("d3/plan.toml".into()))]);
    assert_eq!(
        status_text(&app),
        "d1/plan.toml was moved with its folder: it is now d3/plan.toml, and nothing is unsaved"
    );
}

#[test]
fn a_quit_question_asked_before_the_plan_was_found_moved_says_where_it_is() {
    // `mv d1 d3`, then `q` before the watch's next look: "d1/plan.toml is no longer on disk,
    // nor its folder", and no `s`, once the shell no longer looked before each key.
    let mut app = moved_with_its_folder_unseen();
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('q'))]);
    press(&mut app, &[Msg::PlanMoved(Some("d3/plan.toml".into()))]);
    assert!(
        app.quit_question()
            .contains("d1/plan.toml was moved with its folder: it is now d3/plan.toml"),
        "{}",
        app.quit_question()
    );
}

#[test]
fn a_read_only_plan_is_marked_on_the_title() {
    // `chmod 444 plan.toml`: it read `saved` until `s` was refused.
    let read_only = crate::tui::app::Disk {
        is_read_only: |_| true,
        ..super::common::DISK
    };
    let mut app = super::common::session_seeing(&plan(), Some("plan.toml"), read_only);
    let (shown, lines) = marked_at_80_columns(&mut app);
    assert!(lines[0].contains("plan.toml (read-only)"), "{shown}");
}

thread_local! {
    /// Whether the plan is read-only, as [`read_only_now`] finds it on this test's thread.
    static READ_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the plan is read-only: as [`READ_ONLY`] says.
fn read_only_now(_: &std::path::Path) -> bool {
    READ_ONLY.with(std::cell::Cell::get)
}

#[test]
fn a_plan_made_read_only_during_the_session_is_marked_once_the_watch_finds_it() {
    let mut app = super::common::session_seeing(
        &plan(),
        Some("plan.toml"),
        crate::tui::app::Disk {
            is_read_only: read_only_now,
            ..super::common::DISK
        },
    );
    // `chmod a-w plan.toml`: its change time changed, and the watch read it, unchanged.
    READ_ONLY.with(|read_only| read_only.set(true));
    press(&mut app, &[found(&plan())]);
    let (shown, lines) = marked_at_80_columns(&mut app);
    assert!(lines[0].contains("plan.toml (read-only)"), "{shown}");
}

/// A session on `cmp.toml`, the file no longer at its name (`mv cmp.toml cmp.toml.bak`).
fn cmp_gone_from_its_name() -> App {
    super::common::session_seeing(
        &plan(),
        Some("cmp.toml"),
        crate::tui::app::Disk {
            is_there: |path| path != std::path::Path::new("cmp.toml"),
            ..super::common::DISK
        },
    )
}

/// A session on `cmp.toml` after `mv cmp.toml cmp.toml.bak`, the watch having found it renamed.
fn renamed_in_its_folder() -> App {
    let mut app = cmp_gone_from_its_name();
    press(&mut app, &[Msg::PlanRenamed(Some("cmp.toml.bak".into()))]);
    app
}

#[test]
fn a_plan_renamed_in_its_folder_is_named_by_its_new_name_on_the_title() {
    // It read `cmp.toml (no longer on disk)`, the plan there as `cmp.toml.bak`.
    let mut app = renamed_in_its_folder();
    press(&mut app, &[deleted_at("cmp.toml")]);
    let (shown, lines) = marked_at_80_columns(&mut app);
    assert!(
        lines[0].contains("· cmp.toml (renamed to cmp.toml.bak) "),
        "{shown}"
    );
}

#[test]
fn the_status_line_of_a_plan_renamed_in_its_folder_names_it_whichever_word_comes_first() {
    // It said "cmp.toml is no longer on disk: s writes it again" and, at its right, "the file is
    // no longer on disk", beside a title naming cmp.toml.bak.
    for rename_first in [true, false] {
        let mut app = cmp_gone_from_its_name();
        let renamed = Msg::PlanRenamed(Some("cmp.toml.bak".into()));
        let words = if rename_first {
            [renamed, deleted_at("cmp.toml")]
        } else {
            [deleted_at("cmp.toml"), renamed]
        };
        press(&mut app, &words);
        assert_eq!(
            status_text(&app),
            "cmp.toml was renamed to cmp.toml.bak (left as it is): s writes cmp.toml again"
        );
        says_on_the_right(&mut app, "the file was renamed");
    }
}

#[test]
fn a_plan_renamed_and_then_its_copy_deleted_is_said_to_be_gone() {
    // `mv plan.toml plan.toml.bak`, then `rm plan.toml.bak`: the status line still said
    // "… was renamed to plan.toml.bak (left as it is)", a copy no longer there.
    let mut app = renamed_in_its_folder();
    press(&mut app, &[deleted_at("cmp.toml"), Msg::PlanRenamed(None)]);
    assert_eq!(
        status_text(&app),
        "cmp.toml is no longer on disk: s writes it again"
    );
}

#[test]
fn a_save_of_a_plan_renamed_in_its_folder_says_so_not_that_it_was_gone() {
    // "cmp.toml was no longer on disk; saved it again", after the status line had said it was
    // renamed to cmp.toml.bak.
    let mut app = renamed_in_its_folder();
    press(&mut app, &[deleted_at("cmp.toml"), key(KeyCode::Right)]);
    press(&mut app, &[key(KeyCode::Char('s'))]);
    let mut saved = written("cmp.toml", &plan());
    if let Msg::Saved { recreated, .. } = &mut saved {
        *recreated = true;
    }
    press(&mut app, &[saved]);
    assert!(
        status_text(&app)
            .starts_with("cmp.toml was renamed to cmp.toml.bak (left as it is); saved it again"),
        "{}",
        status_text(&app)
    );
}

#[test]
fn the_quit_question_of_a_plan_renamed_in_its_folder_names_it_and_says_no_copy_is_lost() {
    // "Nothing is unsaved, but cmp.toml is no longer on disk: discarding leaves no copy of
    // the plan; s writes it again.", the plan there as `cmp.toml.bak`.
    let mut app = renamed_in_its_folder();
    press(&mut app, &[key(KeyCode::Char('q'))]);
    assert_eq!(
        app.quit_question(),
        "Nothing is unsaved, but cmp.toml was renamed to cmp.toml.bak (left as it is); s \
         writes cmp.toml again."
    );
}

#[test]
fn the_quit_questions_s_writes_a_plan_renamed_in_its_folder_at_its_own_name_not_into_the_copy() {
    // A rename followed by inode had `s` write the session's edits into `cmp.toml.bak`, the
    // user's copy set aside.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (path, bak) = (dir.path().join("cmp.toml"), dir.path().join("cmp.toml.bak"));
    std::fs::write(&path, plan()).expect("written");
    let was = crate::files::whereabouts(&path);
    let disk = crate::tui::app::Disk {
        is_there: |path| path.exists(),
        ..super::common::DISK
    };
    let mut app = super::common::session_seeing(&plan(), path.to_str(), disk);
    std::fs::rename(&path, &bak).expect("renamed");
    press(&mut app, &[Msg::PlanRenamed(Some(bak.clone()))]);
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('q'))]);
    let save = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    let open = crate::tui::disk::OpenPlan {
        name: &path,
        led: Some(&path),
        was: was.as_ref(),
    };
    press(&mut app, &crate::tui::disk::save(&save, Some(open), 0o644));
    let on_disk = (
        std::fs::read_to_string(&bak),
        std::fs::read_to_string(&path),
    );
    assert_eq!(
        (on_disk.0.ok(), on_disk.1.ok()),
        (Some(plan()), Some(save.text))
    );
}
