//! The live session saving like an editor: a file changed on disk is merged key by key (a key
//! both sides changed is asked about), saved under another name, reloaded, or overwritten;
//! the session log says which; a recovery file left by a session that ended abruptly is
//! offered when the file is opened. Driven by key events and the shell's answers, no terminal.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use super::common::{
    START_FOLDER, colleague_saved, ctrl, is_folder, press, recovery_found, session_on,
    session_seeing, the_save, typed, written,
};
use crate::tui::app::{App, Effect, Expect, Leads, Mode, Msg, RecoveredValue, SaveRequest, key};
use crate::tui::item::Item;
use crate::tui::keys::{ConflictAnswer, QuitAnswer};
use ratatui::crossterm::event::KeyCode;
use skypie::scenario::{BUILT_IN, Field};

/// The built-in scenario at fewer samples, so every test runs quickly.
fn plan() -> String {
    BUILT_IN.replace("samples = 100000", "samples = 4000")
}

/// A session on `plan.toml` whose target was edited to 200k, and whose save found the file
/// on disk changed to `on_disk`.
fn conflicted(on_disk: &str) -> App {
    let mut app = session_on(&plan(), Some("plan.toml"));
    let mut keys = vec![key(KeyCode::Enter), ctrl_u()];
    keys.extend(typed("200k"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    assert_eq!(app.scenario.target_revenue, 200e3);
    let save = press(&mut app, &[key(KeyCode::Char('s'))]);
    assert!(matches!(&save[..], [Effect::Save(_)]), "{save:?}");
    press(&mut app, &[colleague_saved(on_disk)]);
    assert!(matches!(app.mode, Mode::Conflict(_)));
    app
}

#[test]
fn a_question_answered_while_figures_compute_reads_no_move_in_the_log() {
    // Esc on a save's question while the edit's figures were still computing logged a row
    // that read `P … → 48.8%` once they came, as if leaving the file as it is had moved it.
    let mut app = session_on(&plan(), Some("plan.toml"));
    let pending = app.handle(key(KeyCode::Right));
    let (headline, _) = super::common::answers_to(&pending);
    let save = app.handle(key(KeyCode::Char('s')));
    assert!(matches!(&save[..], [Effect::Save(_)]), "{save:?}");
    app.handle(colleague_saved(plan().replace("3M", "4M")));
    assert!(matches!(app.mode, Mode::Conflict(_)));
    app.handle(key(KeyCode::Esc));
    app.handle(headline);
    let row = app.log.last().expect("a row for the answer");
    assert!(row.new.contains("left it as it is"), "{row:?}");
    assert_eq!(row.p_before, row.p_after, "{row:?}");
    assert!(row.p_after.is_some(), "{row:?}");
}

fn ctrl_u() -> Msg {
    super::common::ctrl('u')
}

/// The one save among `effects`.
/// A session on `file` whose target was nudged up (3M → 3.1M), and the save `s` asks for.
fn nudged_then_saving(file: &str) -> (App, SaveRequest) {
    let mut app = session_on(&plan(), Some(file));
    press(&mut app, &[key(KeyCode::Right)]);
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    (app, request)
}

/// Tells the app its save went through.
fn saved(app: &mut App, request: &SaveRequest) -> Vec<Effect> {
    press(app, &[written(request.path.clone(), &request.text)])
}

/// A colleague's edit to the file: a longer horizon and a comment.
fn colleagues_edit() -> String {
    plan().replace(
        "horizon_days = 90",
        "horizon_days = 180   # Sam: two quarters",
    )
}

#[test]
fn a_merge_keeps_the_other_sides_edit_and_this_sessions() {
    let on_disk = colleagues_edit();
    let mut app = conflicted(&on_disk);
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('m'))]));
    assert_eq!(
        request.text,
        // Its comment stays in its column.
        on_disk.replace("revenue = \"3M\"  ", "revenue = \"200k\""),
        "the file as it is now, with only this session's key written in"
    );
    assert_eq!(
        request.expect,
        Expect::Text(on_disk),
        "a third change meanwhile is caught"
    );
    saved(&mut app, &request);
    assert_eq!(app.scenario.horizon_days, 180, "the session now has theirs");
    assert_eq!(app.scenario.target_revenue, 200e3, "and keeps its own");
    assert!(!app.is_dirty());
    assert!(
        request
            .session_log.text
            .contains("| file changed on disk | changed there: horizon_days | merged this session's edits into it |"),
        "{}",
        request.session_log.text
    );
    // Its "after" is the merged file's P(feasible): unknown when the log was written with the
    // save, and the merged figures' once they are in (not the figures from before the merge).
    let merge_line = request.session_log.text.lines().last().unwrap_or("");
    assert!(merge_line.ends_with("| … |"), "{merge_line}");
    let merged = app.results.as_ref().map(|r| r.headline.p_feasible);
    let entry = app.log.last().expect("the merge's entry");
    assert_eq!(entry.p_after.map(|p| p.p), merged);
    assert_ne!(entry.p_after, entry.p_before, "180 days change the odds");
    // The next save starts from the merged file.
    press(&mut app, &[key(KeyCode::Right)]);
    let next = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert_eq!(next.expect, Expect::Text(request.text.clone()));
    assert!(
        next.text
            .contains("horizon_days = 180   # Sam: two quarters")
    );
}

#[test]
fn a_merge_whose_save_finds_the_file_changed_again_says_why_it_asks_anew() {
    // Changed again while the merge's questions were open: the question came back from the
    // top, the status line saying nothing of why the answers given were gone.
    let mut app = conflicted(&colleagues_edit());
    the_save(&press(&mut app, &[key(KeyCode::Char('m'))]));
    let again = colleagues_edit().replace("horizon_days = 180", "horizon_days = 200");
    press(&mut app, &[colleague_saved(&again)]);
    assert!(matches!(app.mode, Mode::Conflict(_)), "{:?}", app.mode);
    let said = super::common::status_text(&app);
    assert_eq!(
        said,
        "plan.toml changed on disk again before the answer was saved: nothing written; the \
         question says what it holds now"
    );
}

#[test]
fn a_file_changed_while_a_merge_asks_about_a_key_is_asked_about_anew() {
    // The per-key question went on offering "the file: 2.5M" the file no longer held (the
    // shell looked only while the first question was open), and `t` was refused on saving.
    let on_disk = colleagues_edit().replace("revenue = \"3M\"", "revenue = \"2.5M\"");
    let mut app = conflicted(&on_disk);
    press(&mut app, &[key(KeyCode::Char('m'))]);
    assert!(matches!(app.mode, Mode::Resolving(_)), "{:?}", app.mode);
    assert_eq!(
        app.conflict_shown(),
        Some(Path::new("plan.toml")),
        "looked at"
    );
    let again = on_disk.replace("revenue = \"2.5M\"", "revenue = \"2.7M\"");
    let changed = |now: &str| Msg::ChangedOnDisk {
        path: "plan.toml".into(),
        now: Ok(now.to_string()),
        leads: Leads::AsBefore,
    };
    // As it was: nothing to say, the question stays.
    press(&mut app, &[changed(&on_disk)]);
    assert!(matches!(app.mode, Mode::Resolving(_)), "{:?}", app.mode);
    press(&mut app, &[changed(&again)]);
    let Mode::Conflict(c) = &app.mode else {
        panic!("asked anew: {:?}", app.mode)
    };
    assert_eq!(c.on_disk, again);
    assert_eq!(
        super::common::status_text(&app),
        "plan.toml changed on disk again: the question says what it holds now (the merge \
         starts over)"
    );
}

#[test]
fn a_key_changed_on_both_sides_is_asked_about_and_the_files_value_can_win() {
    let on_disk = colleagues_edit().replace("revenue = \"3M\"", "revenue = \"2M\"");
    let mut app = conflicted(&on_disk);
    assert!(press(&mut app, &[key(KeyCode::Char('m'))]).is_empty());
    let Mode::Resolving(resolving) = &app.mode else {
        panic!("merge asks about the key both changed: {:?}", app.mode)
    };
    assert_eq!(resolving.both(), [Item::Field(Field::TargetRevenue)]);
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('t'))]));
    assert_eq!(request.text, on_disk, "the file's 2M stays");
    assert!(
        request
            .session_log
            .text
            .contains("merged, keeping the file's target.revenue")
    );
    saved(&mut app, &request);
    assert_eq!(app.scenario.target_revenue, 2e6);
    assert!(!app.is_dirty());
}

#[test]
fn a_table_the_file_removed_is_merged_whole_not_one_key_of_it() {
    // A colleague removed [capacity]; this session changed the quota. Keeping this session's
    // quota wrote a [capacity] of that key alone: a team of 0 reps (P(feasible) < 0.1%) that
    // neither side wrote, and the question said the file's quota was "(left out: the default)".
    let (plan, ours, theirs) =
        merged_after_removing(&plan(), "[capacity]", "[run]", "quota", "1.5M");
    assert_eq!(
        table_keys_in(&ours, "[capacity]"),
        table_keys_in(&plan.replace("\"1.2M\"", "\"1.5M\""), "[capacity]"),
        "{ours}"
    );
    let reread = skypie::scenario::Scenario::parse(&ours, "merged").unwrap();
    let capacity = reread.capacity.expect("the team is back");
    assert_eq!(
        (capacity.reps, capacity.new_reps, capacity.ramp_days),
        (6, 4, 120)
    );
    assert!(!theirs.contains("[capacity]"), "the file's: no team");
    // So with [share]: a share gain alone read today's share as 0 and no ceiling.
    let (plan, ours, theirs) =
        merged_after_removing(&self::plan(), "[share]", "[capacity]", "gain", "4% to 17%");
    assert_eq!(
        table_keys_in(&ours, "[share]"),
        table_keys_in(&plan.replace("\"2% to 15%\"", "\"4% to 17%\""), "[share]"),
        "{ours}"
    );
    assert!(!theirs.contains("[share]"));
    // The keys the plan writes come back, not every key the table can have.
    let small = plan
        .replace("new_reps = 4 ", "# new_reps")
        .replace("ramp_days = 120", "");
    let (_, ours, _) = merged_after_removing(&small, "[capacity]", "[run]", "quota", "1.5M");
    let team = table_keys_in(&ours, "[capacity]");
    assert!(
        !team
            .iter()
            .any(|k| k.starts_with("new_reps") || k.starts_with("ramp_days")),
        "{team:?}"
    );
}

/// A session on `plan` that changes the input found by `query` to `value` and saves, the
/// file on disk having lost its `table` (up to `next`) since, and merges, keeping this
/// session's value and then, anew, the file's: the plan, and the two texts the merges save.
fn merged_after_removing(
    plan: &str,
    table: &str,
    next: &str,
    query: &str,
    value: &str,
) -> (String, String, String) {
    let plan = plan.to_string();
    let (start, end) = (plan.find(table).unwrap(), plan.find(next).unwrap());
    let on_disk = format!("{}{}", &plan[..start], &plan[end..]);
    let merged_keeping = |answer: char| {
        let mut app = session_on(&plan, Some("plan.toml"));
        let mut keys = vec![key(KeyCode::Char('/'))];
        keys.extend(typed(query));
        keys.extend([key(KeyCode::Enter), key(KeyCode::Enter), ctrl_u()]);
        keys.extend(typed(value));
        keys.push(key(KeyCode::Enter));
        press(&mut app, &keys);
        assert_eq!(app.edits.len(), 1, "{:?}", app.edits);
        the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
        press(&mut app, &[colleague_saved(&on_disk)]);
        press(&mut app, &[key(KeyCode::Char('m'))]);
        let asked = super::common::dialog_text(&super::common::screen(&app, 100, 30));
        let said = format!("the file:     no {table}: the table was removed");
        assert!(asked.contains(&said), "{asked}");
        let one = format!("One answer for the whole {table}: o writes this session's {table} back");
        assert!(asked.contains(&one), "{asked}");
        let merged = the_save(&press(&mut app, &[key(KeyCode::Char(answer))]));
        let back = format!("this session's {table} written back whole");
        assert_eq!(
            merged.session_log.text.contains(&back),
            answer == 'o',
            "{}",
            merged.session_log.text
        );
        merged.text
    };
    let (ours, theirs) = (merged_keeping('o'), merged_keeping('t'));
    assert_eq!(theirs, on_disk);
    (plan, ours, theirs)
}

/// The `key = value` lines of a text's `table`, values as written, comments and layout aside.
fn table_keys_in(text: &str, table: &str) -> Vec<String> {
    let rest = &text[text.find(table).unwrap_or(text.len())..];
    rest.lines()
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .filter_map(|line| line.split('#').next())
        .map(|line| line.split_whitespace().collect::<String>())
        .filter(|line| !line.is_empty())
        .collect()
}

#[test]
fn this_sessions_value_can_win_a_key_changed_on_both_sides() {
    let on_disk = colleagues_edit().replace("revenue = \"3M\"", "revenue = \"2M\"");
    let mut app = conflicted(&on_disk);
    let request = the_save(&press(
        &mut app,
        &[key(KeyCode::Char('m')), key(KeyCode::Char('O'))],
    ));
    assert_eq!(
        request.text,
        on_disk.replace("revenue = \"2M\"  ", "revenue = \"200k\"")
    );
    // Esc in the question goes back to the conflict, not to the session.
    let mut app = conflicted(&on_disk);
    press(&mut app, &[key(KeyCode::Char('m')), key(KeyCode::Esc)]);
    assert!(matches!(app.mode, Mode::Conflict(_)));
}

#[test]
fn a_merge_keeping_this_sessions_value_logs_the_files_value_it_replaced() {
    // 02's target set to 7M here, 6.8M (and a rep more) there: `m` then `o` logged
    // `merged this session's edits into it`, as if nothing of the file's had been written
    // over, where `t` logged `merged, keeping the file's target.revenue`.
    let team = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml")
        .expect("the worked example")
        .replace("samples = 100000", "samples = 2000");
    let on_disk = team
        .replace("revenue = \"6.5M\"", "revenue = \"6.8M\"")
        .replace("reps = 3 ", "reps = 4 ");
    let mut app = session_on(&team, Some("plan.toml"));
    super::common::type_target(&mut app, "7M");
    the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    press(&mut app, &[colleague_saved(&on_disk)]);
    let request = the_save(&press(
        &mut app,
        &[key(KeyCode::Char('m')), key(KeyCode::Char('o'))],
    ));
    assert!(
        request.text.contains("revenue = \"7M\""),
        "{}",
        request.text
    );
    assert!(
        request.session_log.text.contains(
            "| file changed on disk | changed there: target.revenue, capacity.reps | merged, \
             keeping this session's target.revenue (7M over the file's 6.8M) |"
        ),
        "{}",
        request.session_log.text
    );
    // This session's value for one key, the file's for another: the row says both.
    let mut app = session_on(&team, Some("plan.toml"));
    super::common::type_target(&mut app, "7M");
    let mut keys = vec![key(KeyCode::Char('/'))];
    keys.extend(typed("capacity.reps"));
    keys.extend([key(KeyCode::Enter), key(KeyCode::Enter), ctrl_u()]);
    keys.extend(typed("5"));
    keys.extend([key(KeyCode::Enter), key(KeyCode::Char('s'))]);
    the_save(&press(&mut app, &keys));
    press(&mut app, &[colleague_saved(&on_disk)]);
    let request = the_save(&press(
        &mut app,
        &[
            key(KeyCode::Char('m')),
            key(KeyCode::Char('o')),
            key(KeyCode::Char('t')),
        ],
    ));
    assert!(
        request.session_log.text.contains(
            "| merged, keeping this session's target.revenue (7M over the file's 6.8M) and the \
             file's capacity.reps |"
        ),
        "{}",
        request.session_log.text
    );
}

#[test]
fn a_merge_names_the_files_value_of_a_key_it_writes_as_a_table() {
    // The market's size written as `[market.size]` with its keys under it: the question and
    // the log said the file's value was "(left out: the default)", where the file had one.
    let plan = std::fs::read_to_string("scenarios/01-series-b-first-90-days.toml")
        .expect("the worked example")
        .replace("samples = 100000", "samples = 2000")
        .replace("size = \"35M to 70M\"", "")
        .replace(
            "[share]",
            "[market.size]\ndist = \"normal\"\nmean = \"50M\"\nsd = \"8M\"\n\n[share]",
        );
    let on_disk = plan.replace("mean = \"50M\"", "mean = \"55M\"");
    let mut app = session_on(&plan, Some("plan.toml"));
    let mut keys = vec![key(KeyCode::Char('/'))];
    keys.extend(typed("market.size"));
    keys.extend([key(KeyCode::Enter), key(KeyCode::Enter), ctrl_u()]);
    keys.extend(typed("40M to 80M"));
    keys.extend([key(KeyCode::Enter), key(KeyCode::Char('s'))]);
    the_save(&press(&mut app, &keys));
    press(&mut app, &[colleague_saved(&on_disk)]);
    press(&mut app, &[key(KeyCode::Char('m'))]);
    let question = super::common::screen(&app, 120, 40);
    assert!(!question.contains("left out"), "{question}");
    assert!(question.contains("mean = \"55M\""), "{question}");
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('o'))]));
    let log = &request.session_log.text;
    assert!(
        log.contains("keeping this session's market.size (40M to 80M over the file's { dist = "),
        "{log}"
    );
    assert!(!log.contains("left out"), "{log}");
}

#[test]
fn a_plan_taken_up_from_a_recovery_file_is_saved_without_skypies_header() {
    // `cp plan.toml.recovered-….toml plan.toml`, as `skypie plan` says: the header naming the
    // edits, the plan's folder and what each input was stayed in the plan through every save.
    let keys = ["target.revenue".to_string()];
    let before = [("target.revenue".to_string(), Some("6.5M".to_string()))];
    let kept = crate::tui::recovery::with_origin(
        &crate::tui::recovery::with_before(
            &crate::tui::recovery::with_edited(&plan(), &keys),
            &before,
        ),
        Path::new("/plans/plan.toml"),
    );
    let mut app = session_on(&kept, Some("plan.toml"));
    let save = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert_eq!(save.text, plan());
}

#[test]
fn save_as_writes_this_sessions_version_under_a_new_name() {
    let mut app = conflicted(&colleagues_edit());
    assert!(press(&mut app, &[key(KeyCode::Char('S'))]).is_empty());
    let Mode::SavingAs(input) = &app.mode else {
        panic!("asks for a name")
    };
    assert_eq!(input.value(), "plan-2.toml");
    let request = the_save(&press(&mut app, &[key(KeyCode::Enter)]));
    assert_eq!(request.path, PathBuf::from("plan-2.toml"));
    assert_eq!(
        request.expect,
        Expect::Nothing,
        "never over another file unasked"
    );
    assert!(request.text.contains("revenue = \"200k\""));
    assert!(
        request.text.contains("horizon_days = 90"),
        "this session's version"
    );
    saved(&mut app, &request);
    assert_eq!(app.file, Some(PathBuf::from("plan-2.toml")));
    assert!(!app.is_dirty());
}

#[test]
fn reload_asks_before_dropping_edits_then_takes_the_file_as_it_is() {
    let on_disk = colleagues_edit();
    let mut app = conflicted(&on_disk);
    assert!(press(&mut app, &[key(KeyCode::Char('R'))]).is_empty());
    assert!(matches!(app.mode, Mode::ConfirmReload(_)), "asks first");
    press(&mut app, &[key(KeyCode::Char('n'))]);
    assert!(matches!(app.mode, Mode::Conflict(_)), "n goes back");
    assert_eq!(app.scenario.target_revenue, 200e3, "nothing dropped yet");
    press(
        &mut app,
        &[key(KeyCode::Char('R')), key(KeyCode::Char('y'))],
    );
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.scenario.target_revenue, 3e6, "the edit is dropped");
    assert_eq!(app.scenario.horizon_days, 180);
    assert!(!app.is_dirty() && app.edits.is_empty());
    let entry = app.log.last().expect("the choice is logged");
    assert_eq!(entry.input, "file changed on disk");
    assert_eq!(
        entry.new,
        "reloaded it; dropped this session's target.revenue"
    );
    // The next save expects the file as reloaded.
    press(&mut app, &[key(KeyCode::Right)]);
    let next = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert_eq!(next.expect, Expect::Text(on_disk));
}

#[test]
fn a_session_ending_after_a_reload_says_the_edits_it_dropped_are_kept_nowhere() {
    // 200k typed, R y (dropping it), 3.1M nudged, then the terminal closed: the log said "the
    // edits below were not saved. They are in plan.toml.recovered-…" above the 200k, which the
    // reload had dropped and no recovery file holds.
    let mut app = conflicted(&colleagues_edit());
    press(
        &mut app,
        &[key(KeyCode::Char('R')), key(KeyCode::Char('y'))],
    );
    press(&mut app, &[key(KeyCode::Right)]);
    let kept = PathBuf::from("plan.toml.recovered-20261206-093000.toml");
    let log = app.abrupt_end_log(Some(&kept)).text;
    let (dropped, kept_rows) = log
        .split_once("The session ended abruptly: the edits below were not saved. They are in")
        .unwrap_or_else(|| panic!("{log}"));
    assert!(
        dropped.contains(
            "The rows below end with a reload from disk, which dropped the unsaved edits among \
             them."
        ) && dropped.contains("| 200k |")
            && dropped.contains("reloaded it; dropped this session's target.revenue"),
        "{log}"
    );
    assert!(
        kept_rows.contains("| 3M | 3.1M |") && !kept_rows.contains("200k"),
        "{log}"
    );
    // Quit instead: the reload's rows are said alike, and only the nudge discarded.
    let log = app.quit_log().text;
    let (dropped, discarded) = log
        .split_once("The session was quit without saving the edits among the rows below")
        .unwrap_or_else(|| panic!("{log}"));
    assert!(dropped.contains("| 200k |"), "{log}");
    assert!(!discarded.contains("200k"), "{log}");
}

/// Presses `edit`, then `s`, which finds the file changed on disk to `theirs`, then `R` `y`:
/// the session reloads the file as it is.
fn reloaded_after(app: &mut App, edit: &[Msg], theirs: &str) {
    press(app, edit);
    press(app, &[key(KeyCode::Char('s')), colleague_saved(theirs)]);
    press(app, &[key(KeyCode::Char('R')), key(KeyCode::Char('y'))]);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
}

#[test]
fn a_reload_keeps_the_mark_of_an_edit_this_session_saved_that_the_file_still_has() {
    // Target nudged and saved, then a colleague's change to the horizon, and R y: the target's
    // • went, though this session had changed it (README: "saved or not").
    let (mut app, first) = nudged_then_saving("plan.toml");
    saved(&mut app, &first);
    let target = Item::Field(Field::TargetRevenue);
    assert!(app.is_edited(target));
    let theirs = first
        .text
        .replace("horizon_days = 90", "horizon_days = 180");
    assert_ne!(theirs, first.text);
    let next = app.items()[app.selected + 1];
    reloaded_after(
        &mut app,
        &[key(KeyCode::Down), key(KeyCode::Right)],
        &theirs,
    );
    assert_eq!(app.scenario.horizon_days, 180, "theirs");
    assert!(
        app.is_edited(target),
        "saved by this session, still in the file"
    );
    assert!(!app.is_edited(next), "the unsaved edit is dropped");
    assert!(!app.is_dirty());
    // A value of this session's save that the other side changed since is theirs: no mark.
    let (mut app, first) = nudged_then_saving("plan.toml");
    saved(&mut app, &first);
    let theirs = first.text.replace("revenue = \"3.1M\"", "revenue = \"5M\"");
    assert_ne!(theirs, first.text);
    reloaded_after(&mut app, &[key(KeyCode::Right)], &theirs);
    assert_eq!(app.scenario.target_revenue, 5e6);
    assert!(!app.is_edited(target));
    // The same value written another way there (`3100000`) is still this session's.
    let (mut app, first) = nudged_then_saving("plan.toml");
    saved(&mut app, &first);
    let theirs = first
        .text
        .replace("revenue = \"3.1M\"", "revenue = 3100000")
        .replace("horizon_days = 90", "horizon_days = 180");
    reloaded_after(&mut app, &[key(KeyCode::Right)], &theirs);
    assert_eq!(app.scenario.horizon_days, 180, "theirs");
    assert!(app.is_edited(target), "the same value, another spelling");
    // A correlation nudged and saved keeps its mark too, a later unsaved nudge dropped.
    let (mut app, pair) = on_a_correlation_of_07();
    let nudged = [key(KeyCode::Right), key(KeyCode::Char('s'))];
    let first = the_save(&press(&mut app, &nudged));
    saved(&mut app, &first);
    let theirs = first.text.replace("seed = 17", "seed = 18");
    assert_ne!(theirs, first.text);
    reloaded_after(&mut app, &[key(KeyCode::Right)], &theirs);
    assert!(app.is_edited(pair), "{pair:?}");
    assert!(!app.is_dirty());
    let other = app
        .items()
        .into_iter()
        .rfind(|i| matches!(i, Item::Correlation(..)));
    let other = other.expect("07's second pair");
    assert!(
        other != pair && !app.is_edited(other),
        "never changed: {other:?}"
    );
    // Reloaded again: still this session's change, still marked.
    let again = theirs.replace("seed = 18", "seed = 19");
    reloaded_after(&mut app, &[key(KeyCode::Right)], &again);
    assert!(app.is_edited(pair), "{pair:?}");
}

/// A session on `plan.toml` holding the worked example 07 (at 2,000 samples), its first
/// correlation selected, and that pair.
fn on_a_correlation_of_07() -> (App, Item) {
    let text = fs::read_to_string("scenarios/07-inputs-that-move-together.toml")
        .expect("07")
        .replace("samples = 100000", "samples = 2000");
    let mut app = session_on(&text, Some("plan.toml"));
    let pair = app
        .items()
        .into_iter()
        .position(|i| matches!(i, Item::Correlation(..)));
    app.selected = pair.expect("07 has correlations");
    let pair = app.selected_item();
    (app, pair)
}

#[test]
fn a_merge_keeps_the_mark_of_a_correlation_this_session_saved_that_the_file_still_has() {
    // A pair nudged and saved, then a colleague's change to the seed, a nudge of another input
    // and `s` `m`: the pair's • went, where a reload kept it.
    let (mut app, pair) = on_a_correlation_of_07();
    let first = the_save(&press(
        &mut app,
        &[key(KeyCode::Right), key(KeyCode::Char('s'))],
    ));
    saved(&mut app, &first);
    let theirs = first.text.replace("seed = 17", "seed = 18");
    assert_ne!(theirs, first.text);
    app.selected = 0;
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('s'))]);
    press(&mut app, &[colleague_saved(&theirs)]);
    let merged = the_save(&press(&mut app, &[key(KeyCode::Char('m'))]));
    saved(&mut app, &merged);
    assert!(app.is_edited(pair), "{pair:?}");
}

#[test]
fn a_reload_asked_on_quitting_says_the_session_goes_on() {
    // q, s (save, then quit), the file changed on disk, R y: the session reloaded and stayed
    // open, the quit dropped unsaid.
    let mut app = session_on(&plan(), Some("plan.toml"));
    let mut keys = vec![key(KeyCode::Enter), ctrl_u()];
    keys.extend(typed("200k"));
    keys.extend([key(KeyCode::Enter), key(KeyCode::Char('q'))]);
    press(&mut app, &keys);
    let save = press(&mut app, &[key(KeyCode::Char('s'))]);
    assert!(matches!(&save[..], [Effect::Save(_)]), "{save:?}");
    let on_disk = colleagues_edit();
    press(&mut app, &[colleague_saved(&on_disk)]);
    press(
        &mut app,
        &[key(KeyCode::Char('R')), key(KeyCode::Char('y'))],
    );
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("reloaded plan.toml from disk; undo starts here; q quits")
    );
}

#[test]
fn a_reload_with_no_edits_of_this_session_logs_none_dropped_in_words() {
    // `s` with nothing unsaved, the file changed on disk: the log read "dropped this
    // session's none".
    let mut app = session_on(&plan(), Some("plan.toml"));
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    press(
        &mut app,
        &[Msg::SaveConflict {
            path: request.path,
            on_disk: colleagues_edit(),
            relinked: None,
        }],
    );
    assert!(matches!(app.mode, Mode::Conflict(_)), "{:?}", app.mode);
    press(&mut app, &[key(KeyCode::Char('R'))]);
    // Nothing to drop: no "Reload?" asked first.
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    assert_eq!(app.scenario.horizon_days, 180, "reloaded");
    let entry = app.log.last().expect("the choice is logged");
    assert_eq!(entry.new, "reloaded it; this session had no unsaved edits");
}

#[test]
fn a_reload_over_undone_edits_logs_that_their_redo_was_dropped() {
    // It logged "this session had no unsaved edits" and said nothing of the redo it took.
    let mut app = session_on(&plan(), Some("plan.toml"));
    let mut keys = vec![key(KeyCode::Enter), ctrl('u')];
    keys.extend(typed("640k"));
    keys.extend([key(KeyCode::Enter), key(KeyCode::Char('u'))]);
    press(&mut app, &keys);
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    press(
        &mut app,
        &[Msg::SaveConflict {
            path: request.path,
            on_disk: colleagues_edit(),
            relinked: None,
        }],
    );
    press(&mut app, &[key(KeyCode::Char('R'))]);
    let entry = app.log.last().expect("the choice is logged");
    assert_eq!(
        entry.new,
        "reloaded it; this session had no unsaved edits, and dropped the undone edits redo \
         brought back"
    );
}

#[test]
fn the_question_about_a_file_changed_on_disk_says_what_it_holds_now() {
    // Broken when the save found it, mended while the question was open: the question still
    // said "not a valid scenario" and offered no merge.
    let mut app = conflicted("schema = 1\nhorizon_days =");
    let Mode::Conflict(c) = &app.mode else {
        panic!("asks")
    };
    assert!(!c.offers(ConflictAnswer::Merge));
    assert_eq!(app.conflict_shown(), Some(Path::new("plan.toml")));
    let looked = |app: &mut App, path: &str, now: Result<String, String>| {
        let path = path.into();
        press(
            app,
            &[Msg::ChangedOnDisk {
                path,
                now,
                leads: Leads::AsBefore,
            }],
        );
        let Mode::Conflict(c) = &app.mode else {
            panic!("still asks: {:?}", app.mode)
        };
        let said = super::common::status_text(app);
        ((**c).clone(), said)
    };
    let (c, said) = looked(&mut app, "plan.toml", Ok(colleagues_edit()));
    assert!(c.offers(ConflictAnswer::Merge), "{:?}", c.sides);
    assert_eq!(c.on_disk, colleagues_edit());
    assert_eq!(
        said,
        "plan.toml changed on disk again: the question says what it holds now"
    );
    // A y pressed as the question changed is taken for one given to the text before: asked
    // again (it overwrote what the question had just come to show); the next one is taken.
    assert!(press(&mut app, &[key(KeyCode::Char('y'))]).is_empty());
    assert!(matches!(app.mode, Mode::Conflict(_)), "{:?}", app.mode);
    let said = super::common::status_text(&app);
    assert!(said.contains("changed on disk again just now"), "{said}");
    // Deleted, or unreadable: nothing to merge or reload, and said so.
    app.status = None;
    let (c, said) = looked(&mut app, "plan.toml", Err("was deleted since".into()));
    assert_eq!(
        c.sides,
        Err("the file on disk was deleted since".to_string())
    );
    assert!(!c.offers(ConflictAnswer::Merge) && !c.offers(ConflictAnswer::Reload));
    assert!(said.contains("changed on disk again"), "{said}");
    // Looked at again as it was: nothing new to say.
    app.status = None;
    let (_, said) = looked(&mut app, "plan.toml", Err("was deleted since".into()));
    assert_eq!(said, "");
    // Back with the text the question showed before: merge is offered again.
    let (c, _) = looked(&mut app, "plan.toml", Ok(colleagues_edit()));
    assert!(c.offers(ConflictAnswer::Merge), "{:?}", c.sides);
    // Another file's change leaves the question as it is.
    let (c, _) = looked(&mut app, "other.toml", Err("was deleted since".into()));
    assert!(c.offers(ConflictAnswer::Merge));
    // Once answered, a change is the next save's to find.
    press(&mut app, &[key(KeyCode::Char('n'))]);
    assert!(app.conflict_shown().is_none());
}

#[test]
fn a_file_put_back_as_this_session_saved_it_closes_the_question_saying_so() {
    // Broken when the save found it, then put back byte for byte: the question read "changed
    // on disk since this session opened or saved it" beside "Changed there: none".
    let mut app = conflicted("schema = 1\nhorizon_days =");
    press(
        &mut app,
        &[Msg::ChangedOnDisk {
            path: "plan.toml".into(),
            now: Ok(plan()),
            leads: Leads::AsBefore,
        }],
    );
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    let said = super::common::status_text(&app);
    assert_eq!(
        said,
        "plan.toml is back as this session last read or saved it: nothing to merge; s saves"
    );
    assert!(app.is_dirty(), "the edit is still unsaved");
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert!(
        request.text.contains("revenue = \"200k\""),
        "{}",
        request.text
    );
    // A save-and-quit waiting on the question says the quit is called off.
    let mut app = conflicted("schema = 1\nhorizon_days =");
    app.mode = Mode::Normal;
    press(&mut app, &[key(KeyCode::Char('q'))]);
    let save = press(&mut app, &[key(KeyCode::Char('s'))]);
    assert!(matches!(&save[..], [Effect::Save(_)]), "{save:?}");
    press(&mut app, &[colleague_saved("schema = 1\nhorizon_days =")]);
    press(
        &mut app,
        &[Msg::ChangedOnDisk {
            path: "plan.toml".into(),
            now: Ok(plan()),
            leads: Leads::AsBefore,
        }],
    );
    let said = super::common::status_text(&app);
    assert!(said.ends_with("s saves, then q quits"), "{said}");
    // A save-as's other file put back as this file was saved is still that other file's.
    let mut app = conflicted(&colleagues_edit());
    press(
        &mut app,
        &[Msg::ChangedOnDisk {
            path: "other.toml".into(),
            now: Ok(plan()),
            leads: Leads::AsBefore,
        }],
    );
    assert!(matches!(app.mode, Mode::Conflict(_)), "{:?}", app.mode);
}

#[test]
fn reload_asked_of_a_file_that_breaks_again_goes_back_to_the_question() {
    // `R`, the file broken again, `y`: "reloaded plan.toml from disk … saved" with the text
    // shown before, the disk holding the broken one.
    let mut app = conflicted(&colleagues_edit());
    press(&mut app, &[key(KeyCode::Char('R'))]);
    assert!(matches!(app.mode, Mode::ConfirmReload(_)), "{:?}", app.mode);
    assert_eq!(app.conflict_shown(), Some(Path::new("plan.toml")));
    let broken = format!("{}\nbroken again [[", colleagues_edit());
    let path = "plan.toml".into();
    press(
        &mut app,
        &[Msg::ChangedOnDisk {
            path,
            now: Ok(broken),
            leads: Leads::AsBefore,
        }],
    );
    // Still "Reload?", of the file as it is: its y says why it cannot (turned back into the
    // question, the same y overwrote the colleague's file).
    let Mode::ConfirmReload(c) = &app.mode else {
        panic!("still asks to reload: {:?}", app.mode)
    };
    assert!(!c.offers(ConflictAnswer::Reload));
    let y = [key(KeyCode::Char('y'))];
    assert!(press(&mut app, &y).is_empty(), "asked again");
    assert!(press(&mut app, &y).is_empty(), "nothing written");
    let said = super::common::status_text(&app);
    assert!(
        said.starts_with("cannot reload: the file on disk is not a valid scenario"),
        "{said}"
    );
    assert!(matches!(app.mode, Mode::Conflict(_)), "{:?}", app.mode);
    assert_eq!(app.scenario.target_revenue, 200e3, "nothing reloaded");
    // Changed but still reloadable: still asked, of the text as it is now.
    let mut app = conflicted(&colleagues_edit());
    press(&mut app, &[key(KeyCode::Char('R'))]);
    let newer = colleagues_edit().replace("horizon_days = 180", "horizon_days = 270");
    let path = "plan.toml".into();
    press(
        &mut app,
        &[Msg::ChangedOnDisk {
            path,
            now: Ok(newer),
            leads: Leads::AsBefore,
        }],
    );
    assert!(matches!(app.mode, Mode::ConfirmReload(_)), "{:?}", app.mode);
    // The first y may have been meant for the text before: asked again, saying so.
    press(&mut app, &[key(KeyCode::Char('y'))]);
    assert!(matches!(app.mode, Mode::ConfirmReload(_)), "{:?}", app.mode);
    let said = super::common::status_text(&app);
    assert!(said.contains("changed on disk again just now"), "{said}");
    assert_eq!(app.scenario.horizon_days, 90);
    press(&mut app, &[key(KeyCode::Char('y'))]);
    assert_eq!(app.scenario.horizon_days, 270, "the file as it is now");
}

#[test]
fn saving_as_onto_another_existing_file_offers_no_merge() {
    let mut app = session_on(&plan(), None);
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('s'))]);
    let mut keys = vec![ctrl_u()];
    keys.extend(typed("q3.toml"));
    keys.push(key(KeyCode::Enter));
    let request = the_save(&press(&mut app, &keys));
    assert_eq!(request.expect, Expect::Nothing);
    press(
        &mut app,
        &[Msg::SaveConflict {
            path: "q3.toml".into(),
            on_disk: "someone else's plan".into(),
            relinked: None,
        }],
    );
    assert!(press(&mut app, &[key(KeyCode::Char('m'))]).is_empty());
    assert!(press(&mut app, &[key(KeyCode::Char('R'))]).is_empty());
    assert!(
        matches!(app.mode, Mode::Conflict(_)),
        "neither m nor R applies"
    );
    let overwrite = the_save(&press(&mut app, &[key(KeyCode::Char('y'))]));
    assert_eq!(overwrite.expect, Expect::Text("someone else's plan".into()));
}

#[test]
fn a_recovery_file_is_offered_and_loads_as_unsaved_edits() {
    let text = plan();
    let recovered = text.replace("revenue = \"3M\"  ", "revenue = \"3.1M\"");
    let mut app = session_on(&text, Some("plan.toml"));
    let found = recovery_found(recovered.clone(), 1);
    press(&mut app, std::slice::from_ref(&found));
    let Mode::OfferRecovery(offer) = &app.mode else {
        panic!("the recovery file is offered: {:?}", app.mode)
    };
    assert_eq!(
        offer.changes,
        [RecoveredValue {
            item: Item::Field(Field::TargetRevenue),
            from: "3M".to_string(),
            to: "3.1M".to_string(),
            shown: ("3M".to_string(), "3.1M".to_string()),
            was: None,
        }]
    );
    press(&mut app, &[key(KeyCode::Char('l'))]);
    assert_eq!(app.scenario.target_revenue, 3.1e6);
    assert!(app.is_dirty(), "loaded values are unsaved edits");
    assert_eq!(app.log.last().unwrap().input, "recovered target.revenue");
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert_eq!(request.text, recovered, "a save writes them");

    // Keeping the file as it is changes nothing.
    let mut app = session_on(&text, Some("plan.toml"));
    press(&mut app, &[found.clone(), key(KeyCode::Char('k'))]);
    assert_eq!(app.scenario.target_revenue, 3e6);
    assert!(!app.is_dirty() && app.log.is_empty());
    let said = |app: &App| {
        app.status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    };
    assert!(
        said(&app).starts_with("kept the file as it is"),
        "{}",
        said(&app)
    );
    // The built-in scenario has no file to keep as it is (it said so).
    let mut app = session_on(&text, None);
    press(&mut app, &[found, key(KeyCode::Char('k'))]);
    assert!(
        said(&app).starts_with("kept the built-in scenario as it is"),
        "{}",
        said(&app)
    );
}

/// What a session on `text` that ends abruptly after `keys` keeps in its recovery file.
fn kept_after(text: &str, keys: &[Msg]) -> String {
    let mut crashed = session_on(text, Some("plan.toml"));
    press(&mut crashed, keys);
    crashed.recovery_text().expect("unsaved edits to keep")
}

/// A session on `on_disk` offered the recovery file `found` says, and what it offers.
fn offered(on_disk: &str, found: Msg) -> (App, crate::tui::app::Recovery) {
    let mut app = session_on(on_disk, Some("plan.toml"));
    press(&mut app, &[found]);
    let Mode::OfferRecovery(offer) = &app.mode else {
        panic!("the edit is offered: {:?}", app.mode)
    };
    let offer = (**offer).clone();
    (app, offer)
}

#[test]
fn a_recovery_offer_names_an_edited_input_someone_saved_since_and_what_it_was() {
    // A session nudged the target from 3M and was killed; a colleague then saved 3.5M. The
    // offer read "3.5M → 3.1M" as a plain edit, and `l`, `s` wrote over the colleague's 3.5M.
    let text = plan();
    let recovered = kept_after(&text, &[key(KeyCode::Right)]);
    assert!(
        recovered.contains("\n# skypie: before these edits: target.revenue = 3M\n"),
        "{recovered}"
    );
    let theirs = text.replace("revenue = \"3M\"", "revenue = \"3.5M\"");
    let (app, offer) = offered(&theirs, recovery_found(recovered.clone(), 0));
    assert_eq!(
        offer.changes[0].shown,
        ("3.5M".to_string(), "3.1M".to_string())
    );
    assert_eq!(offer.changes[0].was.as_deref(), Some("3M"));
    let said = super::common::dialog_text(&super::common::screen(&app, 100, 30));
    assert!(
        said.contains("Saved on disk since these edits: target.revenue (was 3M); l writes over"),
        "{said}"
    );
    // An input the file leaves out, edited and still left out: no change (it read "was not
    // in the file" of a file nobody saved).
    let no_confidence: String = text
        .lines()
        .filter(|line| !line.starts_with("confidence"))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_ne!(no_confidence, text, "the plan has a confidence line");
    let mut keys = vec![key(KeyCode::Char('/'))];
    keys.extend(typed("confidence"));
    keys.extend([key(KeyCode::Enter), key(KeyCode::Right)]);
    let kept = kept_after(&no_confidence, &keys);
    assert!(
        kept.contains("before these edits: confidence (not in the file)"),
        "{kept}"
    );
    let (_, offer) = offered(&no_confidence, recovery_found(kept, 0));
    assert_eq!(offer.changes[0].was, None);
    // The same value written another way (3000000 for 3M) is no change.
    let same = text.replace("revenue = \"3M\"", "revenue = 3000000");
    let (_, offer) = offered(&same, recovery_found(recovered.clone(), 0));
    assert_eq!(offer.changes[0].was, None);
    // Unchanged since, though the file was saved since (another input): nothing to say, not
    // "its values may be newer" of a file that says input by input.
    let kept = PathBuf::from("plan.toml.recovered-20261122-000000.toml");
    let found = Msg::RecoveryFound {
        found: vec![(kept.clone(), Ok(recovered))],
        saved_since: vec![kept],
    };
    let later = text.replace("horizon_days = 90", "horizon_days = 120");
    let (app, offer) = offered(&later, found);
    assert_eq!(offer.changes[0].was, None);
    let said = super::common::dialog_text(&super::common::screen(&app, 100, 30));
    assert!(
        !said.contains("saved after") && !said.contains("since"),
        "{said}"
    );
}

/// The recovery file [`super::common::recovery_found`] names.
const RECOVERED_AT: &str = "plan.toml.recovered-20261123-140211.toml";

#[test]
fn saving_the_edits_loaded_from_a_recovery_file_marks_it_taken() {
    let recovered = kept_after(&plan(), &[key(KeyCode::Right)]);
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(
        &mut app,
        &[recovery_found(recovered, 0), key(KeyCode::Char('l'))],
    );
    let save = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    let effects = press(&mut app, &[written("plan.toml", &save.text)]);
    assert!(
        effects.iter().any(|e| matches!(e,
            Effect::RecoveryTaken { recovery, .. } if recovery == Path::new(RECOVERED_AT))),
        "{effects:?}"
    );
}

#[test]
fn edits_loaded_from_a_recovery_file_saved_under_another_name_leave_it_unmarked() {
    // `l`, then `S other.toml`: the file was marked "loaded and saved into the plan", and the
    // next session on plan.toml, which lacks those edits, was not offered them.
    let recovered = kept_after(&plan(), &[key(KeyCode::Right)]);
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(
        &mut app,
        &[recovery_found(recovered, 0), key(KeyCode::Char('l'))],
    );
    let mut keys = vec![key(KeyCode::Char('S')), ctrl('u')];
    keys.extend(typed("other.toml"));
    keys.push(key(KeyCode::Enter));
    let save = the_save(&press(&mut app, &keys));
    let effects = press(&mut app, &[written("other.toml", &save.text)]);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::RecoveryTaken { .. })),
        "{effects:?}"
    );
}

#[test]
fn a_recovery_file_marked_loaded_and_saved_is_not_offered_once_the_plan_moved_on() {
    // Loaded and saved, then the target saved at 960k: the next open offered
    // `target.revenue 960k → 3.1M` again.
    let recovered = kept_after(&plan(), &[key(KeyCode::Right)]);
    let (header, rest) = recovered.split_once('\n').expect("a header line");
    let marked = format!(
        "{header}\n# skypie: loaded and saved into the plan since: plan.toml at 2026-11-23 \
         09:30:00\n{rest}"
    );
    let moved_on = plan().replace("revenue = \"3M\"", "revenue = \"960k\"");
    let mut app = session_on(&moved_on, Some("plan.toml"));
    press(&mut app, &[recovery_found(marked, 0)]);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
}

#[test]
fn a_recovery_file_offers_only_what_its_session_edited_never_undoing_a_save_since() {
    let text = plan();
    // One session nudges the target and is killed; another had saved a longer horizon since
    // the first opened the file, so the first's recovery file still says 90 days.
    let recovered = kept_after(&text, &[key(KeyCode::Right)]);
    assert!(recovered.starts_with("# skypie: this session's unsaved edits: target.revenue\n"));
    let saved_since = text.replace("horizon_days = 90", "horizon_days = 120");
    let mut app = session_on(&saved_since, Some("plan.toml"));
    press(&mut app, &[recovery_found(recovered, 0)]);
    let Mode::OfferRecovery(offer) = &app.mode else {
        panic!("the edit is offered: {:?}", app.mode)
    };
    assert_eq!(
        offer.changes,
        [RecoveredValue {
            item: Item::Field(Field::TargetRevenue),
            from: "3M".to_string(),
            to: "3.1M".to_string(),
            shown: ("3M".to_string(), "3.1M".to_string()),
            was: None,
        }],
        "not the horizon back to 90"
    );
    press(&mut app, &[key(KeyCode::Char('l'))]);
    assert_eq!(app.scenario.horizon_days, 120);
}

#[test]
fn a_recovery_files_edit_to_a_table_removed_since_is_never_called_deletable() {
    // Reps edited, the session killed, and [capacity] removed by a colleague: the next session
    // said the recovery file "holds nothing the file lacks: it can be deleted", and with a
    // share edit beside it, offered the share edit alone, the reps dropped unsaid.
    let text = plan();
    let (start, end) = (
        text.find("[capacity]").unwrap(),
        text.find("[run]").unwrap(),
    );
    let no_team = format!("{}{}", &text[..start], &text[end..]);
    let select = |query: &str| {
        let mut keys = vec![key(KeyCode::Char('/'))];
        keys.extend(typed(query));
        keys.push(key(KeyCode::Enter));
        keys
    };
    let reps = [select("reps"), vec![key(KeyCode::Right); 4]].concat();
    let recovered = kept_after(&text, &reps);
    assert!(recovered.contains("reps = 10"), "{recovered}");
    let mut app = session_on(&no_team, Some("plan.toml"));
    press(&mut app, &[recovery_found(recovered, 0)]);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    let said = super::common::status_text(&app);
    assert_eq!(
        said,
        "plan.toml.recovered-20261123-140211.toml holds edits to capacity.reps, of \
         [capacity], which plan.toml no longer has: it is left on disk (put the table back, and \
         open the plan again, to load them)"
    );
    // A newer one that cannot be read is said too (this message hid it).
    let mut app = session_on(&no_team, Some("plan.toml"));
    let found = vec![
        (
            "plan.toml.recovered-20261124-090000.toml".into(),
            Ok("schema = 1\n[target\n".to_string()),
        ),
        (
            "plan.toml.recovered-20261123-140211.toml".into(),
            Ok(kept_after(&text, &reps)),
        ),
    ];
    press(
        &mut app,
        &[Msg::RecoveryFound {
            found,
            saved_since: Vec::new(),
        }],
    );
    let said = super::common::status_text(&app);
    assert!(said.contains("holds edits to capacity.reps"), "{said}");
    assert!(
        said.contains("; a recovery file cannot be read: "),
        "{said}"
    );
    // Every key of a small team edited: not offered, and not called deletable either.
    let small = text[..start].to_string()
        + "[capacity]\nreps = 6\nquota_per_rep = \"1.2M\"\n\n"
        + &text[end..];
    let whole = [
        select("reps"),
        vec![key(KeyCode::Right)],
        select("quota"),
        vec![key(KeyCode::Right)],
    ]
    .concat();
    let mut app = session_on(&no_team, Some("plan.toml"));
    press(&mut app, &[recovery_found(kept_after(&small, &whole), 0)]);
    let said = super::common::status_text(&app);
    assert!(
        said.contains("holds edits to capacity.reps, capacity.quota_per_rep, of [capacity]"),
        "{said}"
    );
    // With an edit the file can take: that is offered, and the team's is said.
    let both = [reps, select("gain"), vec![key(KeyCode::Right)]].concat();
    let (app, offer) = offered(&no_team, recovery_found(kept_after(&text, &both), 0));
    let offered: Vec<Item> = offer.changes.iter().map(|c| c.item).collect();
    assert_eq!(offered, [Item::Field(Field::ShareGainPerYear)]);
    assert_eq!(offer.not_offered, [Item::Field(Field::CapacityReps)]);
    let shown = super::common::dialog_text(&super::common::screen(&app, 120, 30));
    assert!(
        shown.contains("Not offered: capacity.reps, of [capacity], which the file no longer has"),
        "{shown}"
    );
}

#[test]
fn a_recovery_file_names_only_edits_not_saved_and_never_undoes_a_later_save() {
    // The session nudges the target and saves it, then nudges the market's size and is
    // killed; a colleague saves 90M as the target after. The recovery file named the saved
    // target as unsaved, and reopening offered to put 3.1M back over the colleague's 90M.
    let (mut crashed, request) = nudged_then_saving("plan.toml");
    saved(&mut crashed, &request);
    let mut keys = vec![key(KeyCode::Char('/'))];
    keys.extend(typed("size"));
    keys.extend([key(KeyCode::Enter), key(KeyCode::Right)]);
    press(&mut crashed, &keys);
    assert_eq!(crashed.unsaved_keys(), "market.size");
    let recovered = crashed.recovery_text().expect("unsaved edits to keep");
    assert!(
        recovered.starts_with("# skypie: this session's unsaved edits: market.size\n"),
        "{recovered}"
    );
    let saved_since = request
        .text
        .replace("revenue = \"3.1M\"", "revenue = \"90M\"");
    assert_ne!(saved_since, request.text);
    let mut app = session_on(&saved_since, Some("plan.toml"));
    press(&mut app, &[recovery_found(recovered, 0)]);
    let Mode::OfferRecovery(offer) = &app.mode else {
        panic!("the market's size is offered: {:?}", app.mode)
    };
    let offered: Vec<Item> = offer.changes.iter().map(|c| c.item).collect();
    assert_eq!(offered, [Item::Field(Field::MarketSize)], "not the target");
    press(&mut app, &[key(KeyCode::Char('l'))]);
    assert_eq!(
        app.scenario.target_revenue, 90e6,
        "the colleague's target stays"
    );
    assert_eq!(
        app.unsaved_keys(),
        "market.size",
        "the nudge is back, unsaved"
    );
}

#[test]
fn an_older_recovery_file_is_offered_once_the_newest_ones_edits_are_in_the_file() {
    // Two sessions on plan.toml are killed: the first had nudged the target, the second the
    // horizon. The second's file (the newest) was offered, loaded and saved at the last open;
    // the first's target edit was never offered again, though its file is still there.
    let text = plan();
    let target_edit = kept_after(&text, &[key(KeyCode::Right)]);
    let mut second = session_on(&text, Some("plan.toml"));
    press(&mut second, &[key(KeyCode::Down), key(KeyCode::Right)]);
    let horizon_edit = second.recovery_text().expect("unsaved edits to keep");
    assert!(horizon_edit.starts_with("# skypie: this session's unsaved edits: horizon_days\n"));
    let saved = the_save(&press(&mut second, &[key(KeyCode::Char('s'))])).text;
    let mut app = session_on(&saved, Some("plan.toml"));
    let newest = PathBuf::from("plan.toml.recovered-20261123-140212.toml");
    let older = PathBuf::from("plan.toml.recovered-20261123-140211.toml");
    let found = vec![
        (newest.clone(), Ok(horizon_edit)),
        (older.clone(), Ok(target_edit.clone())),
    ];
    press(
        &mut app,
        &[Msg::RecoveryFound {
            found,
            saved_since: Vec::new(),
        }],
    );
    let Mode::OfferRecovery(offer) = &app.mode else {
        panic!("the older file is offered: {:?}", app.mode)
    };
    assert_eq!((&offer.path, offer.older), (&older, 0));
    assert_eq!(offer.changes.len(), 1, "{:?}", offer.changes);
    assert_eq!(offer.changes[0].item, Item::Field(Field::TargetRevenue));
    assert_eq!(offer.changes[0].to, "3.1M");

    // But never a value a newer file's session edited too: the second session had loaded the
    // first's 3.1M, moved on to 3.2M and ended; 3.2M was loaded and saved since.
    let mut second = session_on(&text, Some("plan.toml"));
    press(&mut second, &[key(KeyCode::Right), key(KeyCode::Right)]);
    let later_edit = second.recovery_text().expect("unsaved edits to keep");
    let saved = the_save(&press(&mut second, &[key(KeyCode::Char('s'))])).text;
    assert!(saved.contains("revenue = \"3.2M\""), "{saved}");
    let mut app = session_on(&saved, Some("plan.toml"));
    let found = vec![(newest, Ok(later_edit)), (older, Ok(target_edit))];
    press(
        &mut app,
        &[Msg::RecoveryFound {
            found,
            saved_since: Vec::new(),
        }],
    );
    assert!(
        matches!(app.mode, Mode::Normal),
        "3.1M is not offered back: {:?}",
        app.mode
    );
}

#[test]
fn a_recovery_file_that_matches_the_file_is_not_offered() {
    let text = plan();
    let mut app = session_on(&text, Some("plan.toml"));
    press(
        &mut app,
        &[recovery_found(
            text.replace("revenue = \"3M\"", "revenue = 3000000"),
            0,
        )],
    );
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn capital_s_saves_under_another_name_at_any_time() {
    let mut app = session_on(&plan(), Some("plans/q3.toml"));
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('S'))]);
    let Mode::SavingAs(input) = &app.mode else {
        panic!("asks for a name: {:?}", app.mode)
    };
    assert_eq!(input.value(), "plans/q3-2.toml");
    let request = the_save(&press(&mut app, &[key(KeyCode::Enter)]));
    assert_eq!(request.path, PathBuf::from("plans/q3-2.toml"));
    assert_eq!(request.expect, Expect::Nothing);
    assert!(request.text.contains("revenue = \"3.1M\""));
}

#[test]
fn save_as_suggests_a_name_no_file_has_yet() {
    // plans/q3-2.toml there, `S` suggested it, and Enter asked whether to write over it.
    // The name `S` suggests for `file`, the folders `takes_new_files` says so taking one.
    let suggested_where =
        |file: Option<&str>, is_there: fn(&Path) -> bool, takes_new_files: fn(&Path) -> bool| {
            let disk = crate::tui::app::Disk {
                is_folder,
                is_there,
                takes_new_files,
                ..super::common::DISK
            };
            let mut app = session_seeing(&plan(), file, disk);
            press(&mut app, &[key(KeyCode::Char('S'))]);
            let Mode::SavingAs(input) = &app.mode else {
                panic!("asks for a name: {:?}", app.mode)
            };
            input.value().to_string()
        };
    let suggested =
        |file: Option<&str>, is_there: fn(&Path) -> bool| suggested_where(file, is_there, |_| true);
    let q3_and_q3_2 = |p: &Path| p.ends_with("q3.toml") || p.ends_with("q3-2.toml");
    assert_eq!(
        suggested(Some("plans/q3.toml"), q3_and_q3_2),
        "plans/q3-3.toml"
    );
    assert_eq!(
        suggested(Some("plans/q3.toml"), |_| false),
        "plans/q3-2.toml"
    );
    let mine = |p: &Path| p == Path::new("my-plan.toml");
    assert_eq!(suggested(None, mine), "my-plan-2.toml");
    assert_eq!(suggested(None, |_| false), "my-plan.toml");
    // Every name taken: the first, and saving there asks first.
    assert_eq!(suggested(Some("q3.toml"), |_| true), "q3-2.toml");
    // A name numbered so goes on from its number (plan-2.toml suggested plan-2-2.toml); a
    // year is no such number.
    assert_eq!(suggested(Some("q3-2.toml"), |_| false), "q3-3.toml");
    assert_eq!(suggested(Some("q3-9.toml"), q3_and_q3_2), "q3-10.toml");
    assert_eq!(suggested(Some("q3-2026.toml"), |_| false), "q3-2026-2.toml");
    assert_eq!(
        suggested(Some("r-2026-12.toml"), |_| false),
        "r-2026-12-2.toml"
    );
    for odd in ["q3-1", "q3-02", "q3-+5", "q3-100"] {
        let name = format!("{odd}.toml");
        assert_eq!(suggested(Some(&name), |_| false), format!("{odd}-2.toml"));
    }
    // The plan's folder gone (deleted, not moved): its name here, where a save can write it
    // (it suggested d1/q3-2.toml, refused: there is no folder d1/).
    assert_eq!(suggested(Some("d1/q3.toml"), |_| false), "q3.toml");
    assert_eq!(suggested(Some("d1/q3.toml"), q3_and_q3_2), "q3-3.toml");
    // The same where the plan's folder takes no new file (read-only): plans/q3-2.toml was
    // refused, "cannot write a new file in plans".
    let nothing_there = |_: &Path| false;
    assert_eq!(
        suggested_where(Some("plans/q3.toml"), nothing_there, |f| f
            != Path::new("plans")),
        "q3.toml"
    );
    // The folder skypie was started from read-only too, or the plan in it: a name beside the
    // plan, as before (its own name there would be refused as well).
    assert_eq!(
        suggested_where(Some("plans/q3.toml"), nothing_there, |_| false),
        "plans/q3-2.toml"
    );
    assert_eq!(
        suggested_where(Some("q3.toml"), nothing_there, |f| f != Path::new(".")),
        "q3-2.toml"
    );
}

/// The name `S` suggests in a session on `file` where only the home folder of
/// [`super::common::DISK`], `/home/dana`, takes a new file (a read-only file system, skypie
/// started in the plan's folder), and only `file` is on disk.
fn suggested_on_a_read_only_file_system(file: Option<&str>) -> String {
    let disk = crate::tui::app::Disk {
        is_folder: |p| is_folder(p) || p == Path::new("/home/dana"),
        is_there: |p| p == Path::new("plan.toml"),
        takes_new_files: |folder| folder == Path::new("/home/dana"),
        ..super::common::DISK
    };
    let mut app = session_seeing(&plan(), file, disk);
    press(&mut app, &[key(KeyCode::Char('S'))]);
    match &app.mode {
        Mode::SavingAs(input) => input.value().to_string(),
        other => format!("no name asked for: {other:?}"),
    }
}

#[test]
fn save_as_suggests_the_home_folder_where_neither_the_plans_folder_nor_the_current_one_takes_a_file()
 {
    // It suggested plan-2.toml beside the plan, which the save refused again.
    assert_eq!(
        suggested_on_a_read_only_file_system(Some("plan.toml")),
        "/home/dana/plan.toml"
    );
}

#[test]
fn save_as_suggests_the_home_folder_for_the_built_in_scenario_where_the_current_one_takes_no_file()
{
    assert_eq!(
        suggested_on_a_read_only_file_system(None),
        "/home/dana/my-plan.toml"
    );
}

#[test]
fn saving_as_a_link_to_the_open_file_saves_the_open_file() {
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('S'))]);
    press(&mut app, &typed("link.toml"));
    let named = the_save(&press(&mut app, &[key(KeyCode::Enter)]));
    assert_eq!(named.path, PathBuf::from("link.toml"));
    // The shell finds link.toml leads to plan.toml: the session saves plan.toml as `s` does,
    // checked against the text it opened, rather than asking about "another file".
    let again = the_save(&app.handle(Msg::NamesOpenFile {
        path: named.path.clone(),
        moved: false,
    }));
    assert_eq!(again.path, PathBuf::from("plan.toml"));
    assert_eq!(again.expect, Expect::Text(plan()));
    assert_eq!(again.text, named.text);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    saved(&mut app, &again);
    assert_eq!(app.file, Some(PathBuf::from("plan.toml")));
    assert!(!app.is_dirty());
}

#[test]
fn saving_as_the_new_name_of_a_plan_moved_with_its_folder_offers_the_merge() {
    // plans/ renamed q3/ mid-session and the plan changed there: it said "is not plans/plan.toml,
    // the file this session has open: nothing to merge", and `y` wrote over the change.
    let mut app = session_on(&plan(), Some("plans/plan.toml"));
    press(
        &mut app,
        &[key(KeyCode::Right), key(KeyCode::Char('S')), ctrl_u()],
    );
    press(&mut app, &typed("q3/plan.toml"));
    let named = the_save(&press(&mut app, &[key(KeyCode::Enter)]));
    let again = the_save(&app.handle(Msg::NamesOpenFile {
        path: named.path.clone(),
        moved: true,
    }));
    assert_eq!(again.path, PathBuf::from("q3/plan.toml"));
    assert_eq!(
        again.expect,
        Expect::Text(plan()),
        "checked against the text opened"
    );
    press(
        &mut app,
        &[Msg::SaveConflict {
            path: again.path.clone(),
            on_disk: colleagues_edit(),
            relinked: None,
        }],
    );
    let Mode::Conflict(conflict) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert!(
        conflict.offers(ConflictAnswer::Merge),
        "{:?}",
        conflict.sides
    );
    let merged = the_save(&press(&mut app, &[key(KeyCode::Char('m'))]));
    assert!(
        merged
            .text
            .contains("horizon_days = 180   # Sam: two quarters")
    );
    assert!(merged.text.contains("revenue = \"3.1M\""));
}

#[test]
fn saving_under_a_bare_name_says_the_full_path_it_went_to() {
    let (mut app, own) = nudged_then_saving("plans/q1.toml");
    saved(&mut app, &own);
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("saved plans/q1.toml (session log: plans/q1.toml.session.md)"),
        "the session's own file is named as it was opened"
    );
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('S'))]);
    press(&mut app, &typed("plan-2.toml"));
    let elsewhere = the_save(&press(&mut app, &[key(KeyCode::Enter)]));
    assert_eq!(
        elsewhere.path,
        PathBuf::from("plan-2.toml"),
        "relative to the folder skypie was started from, as typed"
    );
    saved(&mut app, &elsewhere);
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some(
            "saved /home/dana/plans/plan-2.toml \
             (session log: /home/dana/plans/plan-2.toml.session.md)"
        )
    );
    assert_eq!(app.file, Some(PathBuf::from("plan-2.toml")));
}

#[test]
fn a_save_after_the_file_was_deleted_writes_it_again_and_says_so() {
    let (mut app, request) = nudged_then_saving("plans/q1.toml");
    press(
        &mut app,
        &[Msg::Saved {
            path: request.path.clone(),
            text: request.text.clone(),
            full_path: PathBuf::from("/home/dana/plans/plans/q1.toml"),
            recreated: true,
            log: PathBuf::from("plans/q1.toml.session.md"),
            log_failed: None,
        }],
    );
    let status = app.status.clone().expect("a status line");
    assert_eq!(
        status.text,
        "plans/q1.toml was no longer on disk; saved it again \
         (session log: plans/q1.toml.session.md)"
    );
    assert!(!app.is_dirty(), "the edits are saved");
}

/// The path saving as `keys` (after `open`, the key that asks for a name) asks to write.
fn saved_as(file: Option<&str>, open: char, keys: &[Msg]) -> PathBuf {
    let mut app = session_on(&plan(), file);
    press(&mut app, &[key(KeyCode::Char(open))]);
    assert!(matches!(app.mode, Mode::SavingAs(_)), "{:?}", app.mode);
    press(&mut app, keys);
    the_save(&press(&mut app, &[key(KeyCode::Enter)])).path
}

#[test]
fn saving_as_a_folder_saves_inside_it_under_the_files_own_name() {
    // `reports` is a folder (common::is_folder): named with or without its `/`.
    let q3 = Some("plans/q3.toml");
    assert_eq!(
        saved_as(q3, 'S', &typed("reports/")),
        PathBuf::from("reports/q3.toml")
    );
    assert_eq!(
        saved_as(q3, 'S', &typed("reports")),
        PathBuf::from("reports/q3.toml"),
        "not reports.toml beside it"
    );
    assert_eq!(
        saved_as(None, 's', &typed("/srv/shared/")),
        PathBuf::from("/srv/shared/my-plan.toml"),
        "the built-in scenario under the name it suggests"
    );
    // The same checks as any new name: a file already there is asked about.
    let mut app = session_on(&plan(), q3);
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('S'))]);
    press(&mut app, &typed("reports"));
    let request = the_save(&press(&mut app, &[key(KeyCode::Enter)]));
    assert_eq!(request.expect, Expect::Nothing);
}

#[test]
fn saving_as_a_folder_that_does_not_exist_is_refused_and_the_name_kept_to_fix() {
    let mut app = session_on(&plan(), Some("plans/q3.toml"));
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('S'))]);
    press(&mut app, &typed("drafts/"));
    let effects = press(&mut app, &[key(KeyCode::Enter)]);
    assert!(effects.is_empty(), "nothing is written: {effects:?}");
    let status = app.status.clone().expect("a status line");
    assert!(status.error);
    assert!(
        status.text.contains("there is no folder drafts/"),
        "{}",
        status.text
    );
    let Mode::SavingAs(name) = &app.mode else {
        panic!("still asks for a name: {:?}", app.mode)
    };
    assert_eq!(name.value(), "drafts/");
    assert!(app.is_dirty());
    // Enter on no name says so, where the refusal of the name before stayed.
    press(&mut app, &[ctrl('u'), key(KeyCode::Enter)]);
    let said = super::common::status_text(&app);
    assert!(said.contains("type a name to save as, or Esc"), "{said}");
    assert!(matches!(app.mode, Mode::SavingAs(_)), "{:?}", app.mode);
    press(&mut app, &typed("drafts/"));
    // A file in a folder that does not exist, too: it was written, failed, and the dialog
    // closed with the name gone.
    press(&mut app, &[ctrl('u')]);
    press(&mut app, &typed("drafts/q3-v2.toml"));
    let effects = press(&mut app, &[key(KeyCode::Enter)]);
    assert!(effects.is_empty(), "nothing is written: {effects:?}");
    let said = super::common::status_text(&app);
    assert!(said.contains("there is no folder drafts/;"), "{said}");
    let Mode::SavingAs(name) = &app.mode else {
        panic!("still asks for a name: {:?}", app.mode)
    };
    assert_eq!(name.value(), "drafts/q3-v2.toml");
    // In a folder that is there, it is saved.
    press(&mut app, &[ctrl('u')]);
    press(&mut app, &typed("reports/q3-v2.toml"));
    let request = the_save(&press(&mut app, &[key(KeyCode::Enter)]));
    assert_eq!(request.path, PathBuf::from("reports/q3-v2.toml"));
    press(&mut app, &[key(KeyCode::Char('S'))]);
    // `~/` is a folder only to a shell: said so, with what to type.
    press(&mut app, &[ctrl('u')]);
    press(&mut app, &typed("~/"));
    press(&mut app, &[key(KeyCode::Enter)]);
    let said = super::common::status_text(&app);
    assert!(
        said.contains("there is no folder ~/ (~ is your home folder only to a shell: type the folder's full path)"),
        "{said}"
    );
}

#[test]
fn saving_as_a_name_in_a_current_folder_since_deleted_is_refused_and_the_name_kept() {
    // The session started in a folder that was then deleted: `plan-2.toml` was written,
    // failed with "No such file or directory", and the dialog closed with the name gone.
    fn not_the_current_folder(path: &Path) -> bool {
        path != Path::new(".") && super::common::is_folder(path)
    }
    let disk = crate::tui::app::Disk {
        is_folder: not_the_current_folder,
        ..super::common::DISK
    };
    let mut app = super::common::session_seeing(&plan(), Some("plan.toml"), disk);
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('S'))]);
    let effects = press(&mut app, &[key(KeyCode::Enter)]);
    assert!(effects.is_empty(), "nothing is written: {effects:?}");
    let said = super::common::status_text(&app);
    assert!(
        said.contains("not saved: the current folder was deleted; type a full path"),
        "{said}"
    );
    let Mode::SavingAs(name) = &app.mode else {
        panic!("still asks for a name: {:?}", app.mode)
    };
    assert_eq!(name.value(), "plan-2.toml");
    // Written with its folder, `./`: the same (it read "there is no folder ./").
    press(&mut app, &[ctrl('u')]);
    press(&mut app, &typed("./plan-2.toml"));
    assert!(press(&mut app, &[key(KeyCode::Enter)]).is_empty());
    let said = super::common::status_text(&app);
    assert!(said.contains("the current folder was deleted"), "{said}");
    press(&mut app, &[ctrl('u')]);
    press(&mut app, &typed("./"));
    assert!(press(&mut app, &[key(KeyCode::Enter)]).is_empty());
    let said = super::common::status_text(&app);
    assert!(said.contains("the current folder was deleted"), "{said}");
    // A full path in a folder that is there is saved.
    press(&mut app, &[ctrl('u')]);
    press(&mut app, &typed("/srv/shared/plan.toml"));
    let request = the_save(&press(&mut app, &[key(KeyCode::Enter)]));
    assert_eq!(request.path, PathBuf::from("/srv/shared/plan.toml"));
    // Esc leaves the refusal said, and its instruction, now past, gone.
    let mut app = super::common::session_seeing(&plan(), Some("plan.toml"), disk);
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('S'))]);
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Esc)]);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    let said = super::common::status_text(&app);
    assert!(
        said.contains("not saved: the current folder was deleted") && !said.contains("type a"),
        "{said}"
    );
}

#[test]
fn typing_or_pasting_replaces_the_suggested_name_but_moving_or_deleting_first_edits_it() {
    // The built-in scenario suggests my-plan.toml; `S` on a file suggests one beside it.
    assert_eq!(saved_as(None, 's', &[]), PathBuf::from("my-plan.toml"));
    assert_eq!(
        saved_as(None, 's', &typed("mine.toml")),
        PathBuf::from("mine.toml")
    );
    assert_eq!(
        saved_as(Some("plans/q3.toml"), 'S', &typed("q4.toml")),
        PathBuf::from("q4.toml")
    );
    // A name without an extension is a scenario all the same.
    assert_eq!(
        saved_as(Some("plans/q3.toml"), 'S', &typed("boardv2")),
        PathBuf::from("boardv2.toml")
    );
    let pasted = [
        Msg::Paste("q4.toml".to_string()),
        Msg::Paste("-final".to_string()),
    ];
    assert_eq!(
        saved_as(None, 's', &pasted),
        PathBuf::from("q4.toml-final"),
        "a paste replaces the suggestion; the next one adds to what is there"
    );
    let mut moved = vec![key(KeyCode::Left); 5];
    moved.extend(typed("-q3"));
    assert_eq!(
        saved_as(None, 's', &moved),
        PathBuf::from("my-plan-q3.toml")
    );
    let mut deleted = vec![key(KeyCode::Backspace); 7];
    deleted.extend(typed("-v2.toml"));
    assert_eq!(
        saved_as(Some("plans/q3.toml"), 'S', &deleted),
        PathBuf::from("plans/q3-v2.toml")
    );
}

#[test]
fn a_name_for_an_export_is_asked_for_again() {
    // Saved as `q3.summary.md` (after "already exists: overwrite?"), the plan replaced the
    // summary exported there, and the next exports were named `q3.summary.summary.md`.
    for name in ["q3.summary.md", "q3.report.HTML", "q3.csv", "q3.json"] {
        let mut app = session_on(&plan(), Some("q3.toml"));
        press(&mut app, &[key(KeyCode::Char('S')), ctrl('u')]);
        press(&mut app, &typed(name));
        assert!(press(&mut app, &[key(KeyCode::Enter)]).is_empty(), "{name}");
        let said = super::common::status_text(&app);
        let extension = name.rsplit('.').next().unwrap_or_default().to_lowercase();
        assert_eq!(
            said,
            format!(
                "not saved: {name} is named as an export (.{extension}), not a plan: a plan is a \
                 .toml file; type another name, or Esc"
            )
        );
        assert!(matches!(app.mode, Mode::SavingAs(_)), "{:?}", app.mode);
    }
}

#[test]
fn a_name_that_is_only_the_extension_is_asked_for_again() {
    // `.toml` saved a hidden `.toml.toml`.
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(&mut app, &[key(KeyCode::Char('S')), ctrl('u')]);
    press(&mut app, &typed(".toml"));
    assert!(press(&mut app, &[key(KeyCode::Enter)]).is_empty());
    let said = super::common::status_text(&app);
    assert_eq!(
        said,
        "not saved: .toml is an extension with no name before it; type a name, or Esc"
    );
    assert!(matches!(app.mode, Mode::SavingAs(_)), "{:?}", app.mode);
    // Esc closes the question: why stays said, the instruction for it goes.
    press(&mut app, &[key(KeyCode::Esc)]);
    let said = super::common::status_text(&app);
    assert_eq!(
        said,
        "not saved: .toml is an extension with no name before it"
    );
    // An instruction alone goes with the question.
    press(&mut app, &[key(KeyCode::Char('S')), ctrl('u')]);
    press(&mut app, &[key(KeyCode::Enter)]);
    let said = super::common::status_text(&app);
    assert_eq!(said, "type a name to save as, or Esc");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.status, None);
}

#[test]
fn a_session_save_keeps_crlf_and_mode_byte_for_byte_but_the_edited_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    let original = skypie::scenario::BUILT_IN
        .replace("samples = 100000", "samples = 4000")
        .replace('\n', "\r\n");
    fs::write(&path, &original).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let opened = fs::read_to_string(&path).unwrap();
    let mut app = session_on(&opened, Some(&path.to_string_lossy()));
    // The first input is the target: → nudges it; s saves.
    let effects = press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('s'))]);
    let [Effect::Save(request)] = &effects[..] else {
        panic!("one save: {effects:?}")
    };
    crate::files::write_file(&request.path, request.text.as_bytes()).unwrap();
    let saved = fs::read_to_string(&path).unwrap();
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );
    let before: Vec<&str> = original.split_inclusive('\n').collect();
    let after: Vec<&str> = saved.split_inclusive('\n').collect();
    assert_eq!(before.len(), after.len(), "{saved}");
    let changed: Vec<(&str, &str)> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b != a)
        .map(|(b, a)| (*b, *a))
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].0.starts_with("revenue = ") && changed[0].1.ends_with("\r\n"));
}

#[test]
fn a_merge_that_cannot_be_saved_logs_the_figures_the_session_stays_at() {
    let mut app = conflicted(&colleagues_edit());
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('m'))]));
    assert!(
        request
            .session_log
            .text
            .lines()
            .last()
            .unwrap_or("")
            .ends_with("| … |")
    );
    press(
        &mut app,
        &[super::common::save_failed(
            "plan.toml",
            "plan.toml: cannot write: disk full",
        )],
    );
    let now = app.results.as_ref().map(|r| r.headline.p_feasible);
    let entry = app.log.last().expect("the merge's entry");
    assert!(
        entry.new.starts_with("merged") && entry.new.ends_with("(not saved: the write failed)"),
        "{entry:?}"
    );
    assert_eq!(entry.p_after.map(|p| p.p), now, "not pending for ever");
}

#[test]
fn an_overwrite_is_in_the_log_its_own_save_writes() {
    let mut app = conflicted(&colleagues_edit());
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('y'))]));
    assert_eq!(request.expect, Expect::Text(colleagues_edit()));
    assert!(
        request.session_log.text.contains(
            "| file changed on disk | changed there: horizon_days | overwrote it with this session's version |"
        ),
        "{}",
        request.session_log.text
    );
    saved(&mut app, &request);
    assert_eq!(
        app.log
            .iter()
            .filter(|e| e.new.starts_with("overwrote"))
            .count(),
        1
    );
}

/// The target nudged, then saved as `name` (typed over the name suggested): the save asked.
fn nudged_and_saved_as(app: &mut App, name: &str) -> SaveRequest {
    press(
        app,
        &[key(KeyCode::Right), key(KeyCode::Char('S')), ctrl('u')],
    );
    press(app, &typed(name));
    the_save(&press(app, &[key(KeyCode::Enter)]))
}

#[test]
fn saving_under_another_name_writes_the_whole_session_into_the_new_files_log() {
    let (mut app, first) = nudged_then_saving("plan.toml");
    assert!(first.session_log.text.contains("## Session of"));
    assert!(
        first
            .session_log
            .text
            .contains("| target.revenue | 3M | 3.1M |")
    );
    saved(&mut app, &first);
    press(&mut app, &[key(KeyCode::Right)]);
    let second = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert!(
        !second.session_log.text.contains("## Session of")
            && !second.session_log.text.contains("| 3M |"),
        "plan.toml's log already has the first edit: {}",
        second.session_log.text
    );
    saved(&mut app, &second);
    press(&mut app, &[key(KeyCode::Char('S'))]);
    let elsewhere = the_save(&press(&mut app, &[key(KeyCode::Enter)]));
    assert_eq!(elsewhere.path, PathBuf::from("plan-2.toml"));
    let log = &elsewhere.session_log.text;
    assert!(log.contains("## Session of"), "{log}");
    assert!(
        log.contains("| 3M | 3.1M |") && log.contains("| 3.1M | 3.2M |"),
        "plan-2.toml's log tells how it was made: {log}"
    );
    // Saved back under its first name: its log had the heading and both edits already, and
    // got them again (a second identical heading, every row twice); it gets only what it
    // lacks.
    saved(&mut app, &elsewhere);
    let back = nudged_and_saved_as(&mut app, "plan.toml");
    assert_eq!(back.path, PathBuf::from("plan.toml"));
    let log = &back.session_log.text;
    assert!(
        !log.contains("## Session of") && !log.contains("| 3M |"),
        "{log}"
    );
    assert!(log.contains("| 3.2M | 3.3M |"), "{log}");
    // Then as plan-2.toml again, its log refused this time: the save after it wrote the
    // heading and every entry into plan-2.toml's log a second time (nothing had reached it,
    // the session counted, where everything up to 3.2M had before).
    saved(&mut app, &back);
    let refused = nudged_and_saved_as(&mut app, "plan-2.toml");
    press(&mut app, &[written_but_not_logged(&refused)]);
    let again = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    let log = &again.session_log.text;
    assert!(
        !log.contains("## Session of") && !log.contains("| 3M |"),
        "{log}"
    );
    assert!(
        log.contains("| 3.2M | 3.3M |") && log.contains("| 3.3M | 3.4M |"),
        "{log}"
    );
}

#[test]
fn a_save_with_nothing_new_to_log_leaves_the_session_log_alone() {
    let mut app = session_on(&plan(), None);
    press(&mut app, &[key(KeyCode::Char('s'))]);
    let request = the_save(&press(&mut app, &[key(KeyCode::Enter)]));
    assert_eq!(request.session_log.text, "", "no edit, no log");
    saved(&mut app, &request);
    let status = app.status.clone().expect("a status line");
    assert_eq!(
        status.text,
        format!("saved {START_FOLDER}/my-plan.toml"),
        "names no log it did not write"
    );

    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("plan.toml");
    let shell = crate::tui::save(
        &SaveRequest {
            path: path.clone(),
            text: plan(),
            expect: Expect::Nothing,
            session_log: crate::tui::app::LogAppend::default(),
            relinked_to: None,
            mode: None,
        },
        None,
        0o666,
    );
    assert!(matches!(shell[..], [Msg::Saved { .. }]), "{shell:?}");
    assert!(
        !crate::tui::app::session_log_name(&path).exists(),
        "no empty .session.md"
    );
}

#[test]
fn a_conflicts_save_as_is_logged_once_saved_and_as_not_saved_when_cancelled() {
    let mut app = conflicted(&colleagues_edit());
    press(&mut app, &[key(KeyCode::Char('S')), key(KeyCode::Esc)]);
    let last = app.log.last().expect("the choice is logged");
    assert_eq!(last.new, "left it as it is (not saved)", "{:?}", app.log);
    assert!(app.log.iter().all(|e| !e.new.starts_with("saved")));

    let mut app = conflicted(&colleagues_edit());
    press(&mut app, &[key(KeyCode::Char('S'))]);
    assert!(
        app.log.iter().all(|e| e.input != "file changed on disk"),
        "nothing is saved yet: {:?}",
        app.log
    );
    let request = the_save(&press(&mut app, &[key(KeyCode::Enter)]));
    assert!(
        request.session_log.text.contains(
            "| file changed on disk | changed there: horizon_days | saved this session's version as plan-2.toml |"
        ),
        "{}",
        request.session_log.text
    );
}

#[test]
fn a_conflicts_choice_whose_save_fails_says_it_was_not_saved() {
    let mut app = conflicted(&colleagues_edit());
    the_save(&press(&mut app, &[key(KeyCode::Char('y'))]));
    press(
        &mut app,
        &[super::common::save_failed(
            "plan.toml",
            "plan.toml: cannot write: disk full",
        )],
    );
    let entry = app.log.last().expect("the choice's entry");
    assert_eq!(
        entry.new,
        "overwrote it with this session's version (not saved: the write failed)"
    );

    let mut app = conflicted(&colleagues_edit());
    press(&mut app, &[key(KeyCode::Char('S'))]);
    let request = the_save(&press(&mut app, &[key(KeyCode::Enter)]));
    press(
        &mut app,
        &[Msg::SaveConflict {
            path: request.path.clone(),
            on_disk: "someone else's plan".into(),
            relinked: None,
        }],
    );
    let entry = app.log.last().expect("the choice's entry");
    assert!(
        entry.new.ends_with("(not saved: plan-2.toml exists)"),
        "{entry:?}"
    );
}

#[test]
fn saving_as_a_name_another_file_has_is_logged_as_such() {
    // Logged "file changed on disk", beside "../plan.toml is another file, not the one this
    // session opened".
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(
        &mut app,
        &[key(KeyCode::Right), key(KeyCode::Char('S')), ctrl('u')],
    );
    press(&mut app, &typed("other.toml"));
    let request = the_save(&press(&mut app, &[key(KeyCode::Enter)]));
    press(
        &mut app,
        &[Msg::SaveConflict {
            path: request.path.clone(),
            on_disk: "someone else's plan".into(),
            relinked: None,
        }],
    );
    press(&mut app, &[key(KeyCode::Char('n'))]);
    let entry = app.log.last().expect("the choice's entry");
    assert_eq!(entry.input, "file already exists", "{entry:?}");
    assert_eq!(entry.new, "left it as it is (not saved)", "{entry:?}");
}

#[test]
fn the_session_log_shows_names_as_typed_never_as_markup() {
    let mut app =
        super::common::session_of(&plan(), Some("plan.toml"), &["Dana *CEO*", "Sam <b>|CMO"]);
    press(&mut app, &[key(KeyCode::Right)]);
    let log = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]))
        .session_log
        .text;
    assert!(
        log.contains("(Dana \\*CEO\\* and Sam \\<b>\\|CMO)"),
        "{log}"
    );
    assert!(log.contains("| Dana \\*CEO\\* | target.revenue |"), "{log}");
}

#[test]
fn a_later_save_that_fails_leaves_an_earlier_saved_choice_as_it_was() {
    let mut app = conflicted(&colleagues_edit());
    let overwrite = the_save(&press(&mut app, &[key(KeyCode::Char('y'))]));
    saved(&mut app, &overwrite);
    press(&mut app, &[key(KeyCode::Right)]);
    the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    press(
        &mut app,
        &[super::common::save_failed(
            "plan.toml",
            "plan.toml: cannot write: disk full",
        )],
    );
    let choice = app
        .log
        .iter()
        .find(|e| e.new.starts_with("overwrote"))
        .expect("the overwrite's entry");
    assert_eq!(choice.new, "overwrote it with this session's version");
}

/// What the shell sends when the file is written but its session log is not.
fn written_but_not_logged(request: &SaveRequest) -> Msg {
    let Msg::Saved {
        path,
        text,
        full_path,
        recreated,
        log,
        ..
    } = written(request.path.clone(), &request.text)
    else {
        unreachable!("written() is a save")
    };
    Msg::Saved {
        path,
        text,
        full_path,
        recreated,
        log,
        log_failed: Some("disk full".into()),
    }
}

#[test]
fn a_session_log_that_cannot_be_appended_says_so_and_the_next_save_tries_again() {
    let (mut app, request) = nudged_then_saving("plan.toml");
    press(&mut app, &[written_but_not_logged(&request)]);
    let status = app.status.clone().expect("a status line");
    assert!(status.error, "{status:?}");
    assert_eq!(
        status.text,
        "saved plan.toml, but its session log could not be written (disk full); \
         the next save tries again"
    );
    assert!(!app.is_dirty(), "the file itself was saved");
    // The entry that did not reach the log goes with the next save, beside the new one.
    press(&mut app, &[key(KeyCode::Right)]);
    let next = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert!(
        next.session_log.text.contains("| 3M | 3.1M |"),
        "{}",
        next.session_log.text
    );
    assert!(
        next.session_log.text.contains("| 3.1M | 3.2M |"),
        "{}",
        next.session_log.text
    );
    // Once logged, it is not appended twice.
    saved(&mut app, &next);
    press(&mut app, &[key(KeyCode::Right)]);
    let third = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert!(
        !third.session_log.text.contains("| 3M | 3.1M |"),
        "{}",
        third.session_log.text
    );
    // A save that wrote nothing still says where the edits can go.
    press(
        &mut app,
        &[super::common::save_failed(
            "plan.toml",
            "plan.toml: disk full",
        )],
    );
    let status = app.status.clone().expect("a status line");
    assert!(
        status.text.ends_with("S saves them under another name"),
        "{status:?}"
    );
}

/// A save-as of `app` named `name` that the shell could not write: the name is asked again.
fn save_as_refused(app: &mut App, name: &str) {
    press(app, &[ctrl_u()]);
    press(app, &typed(name));
    let request = the_save(&press(app, &[key(KeyCode::Enter)]));
    press(
        app,
        &[Msg::SaveFailed {
            path: request.path,
            error: format!(
                "{name}: cannot save as it: a name ending .session.md is a session log's"
            ),
        }],
    );
    let Mode::SavingAs(kept) = &app.mode else {
        panic!("asks for a name again: {:?}", app.mode)
    };
    assert_eq!(kept.value(), name, "as typed");
}

#[test]
fn a_save_as_that_cannot_be_written_asks_again_and_still_quits_once_saved() {
    // Save-and-quit on the built-in scenario under a log's name: the name was asked again,
    // and the save under a good one then left the session open.
    let mut app = session_on(BUILT_IN, None);
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('q'))]);
    press(&mut app, &[key(KeyCode::Char('s'))]);
    assert!(matches!(app.mode, Mode::SavingAs(_)), "{:?}", app.mode);
    save_as_refused(&mut app, "q3.session.md");
    press(&mut app, &[ctrl_u()]);
    press(&mut app, &typed("q3.toml"));
    let request = the_save(&press(&mut app, &[key(KeyCode::Enter)]));
    assert!(saved(&mut app, &request).contains(&Effect::Quit));
    // With nothing unsaved too: the dialog closed with the name gone.
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(&mut app, &[key(KeyCode::Char('S'))]);
    save_as_refused(&mut app, "copy.session.md");
    // A plain save that fails is no save-as: it says where else the edits can go.
    press(&mut app, &[key(KeyCode::Esc), key(KeyCode::Right)]);
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    press(
        &mut app,
        &[Msg::SaveFailed {
            path: request.path,
            error: "plan.toml: cannot save: Permission denied".into(),
        }],
    );
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
}

/// A session on `plan.toml`, on `disk`, nudged and saved without its log (the log refused),
/// then asked to quit.
fn quitting_after_a_save_whose_log_failed(disk: crate::tui::app::Disk) -> App {
    let mut app = session_seeing(&plan(), Some("plan.toml"), disk);
    press(&mut app, &[key(KeyCode::Right)]);
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    press(&mut app, &[written_but_not_logged(&request)]);
    press(&mut app, &[key(KeyCode::Char('q'))]);
    app
}

#[test]
fn the_quit_question_over_log_entries_says_the_plan_is_gone_too() {
    // Saved (the log refused), then `rm plan.toml`, then `q`: it spoke of the entries alone.
    let deleted = crate::tui::app::Disk {
        is_there: |_| false,
        ..super::common::DISK
    };
    let app = quitting_after_a_save_whose_log_failed(deleted);
    assert_eq!(
        app.quit_question(),
        "The session log could not be written: s tries again; d leaves its 1 entry in skypie's \
         state folder if the log still cannot take it. And plan.toml is no longer on disk: \
         discarding leaves no copy of the plan; s writes it again."
    );
}

#[test]
fn the_quit_question_over_log_entries_offers_no_s_where_s_is_no_answer() {
    // Saved (the log refused), the plan read-only, then `q`: it said "s tries again", and `s`
    // did nothing there.
    let read_only = crate::tui::app::Disk {
        is_read_only: |_| true,
        ..super::common::DISK
    };
    let app = quitting_after_a_save_whose_log_failed(read_only);
    assert!(!app.offers(QuitAnswer::SaveThenQuit));
    assert_eq!(
        app.quit_question(),
        "The session log could not be written: d leaves its 1 entry in skypie's state folder \
         if the log still cannot take it. plan.toml is read-only: S saves the plan under \
         another name, with the whole session in its log, then quits."
    );
    // Deleted, its folder read-only: `s` cannot write it again either.
    let closed = crate::tui::app::Disk {
        is_there: |_| false,
        takes_new_files: |_| false,
        ..super::common::DISK
    };
    let app = quitting_after_a_save_whose_log_failed(closed);
    assert!(!app.offers(QuitAnswer::SaveThenQuit));
    assert_eq!(
        app.quit_question(),
        "The session log could not be written: d leaves its 1 entry in skypie's state folder \
         if the log still cannot take it. And plan.toml is no longer on disk, and its folder is \
         read-only: discarding leaves no copy of the plan; S saves it under another name, then \
         quits."
    );
}

#[test]
fn save_and_quit_stays_open_when_the_session_log_cannot_be_appended() {
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('q'))]);
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    let after = press(&mut app, &[written_but_not_logged(&request)]);
    assert!(
        !after.contains(&Effect::Quit),
        "quitting would hide that the log was not written: {after:?}"
    );
    assert!(app.status.as_ref().is_some_and(|s| s.error));
    // The file is saved, but quitting now would lose the entry the log did not take: asked.
    assert!(!app.is_dirty());
    assert!(press(&mut app, &[key(KeyCode::Char('q'))]).is_empty());
    assert!(
        matches!(app.mode, Mode::ConfirmQuit { .. }),
        "{:?}",
        app.mode
    );
    assert_eq!(
        app.quit_question(),
        "The session log could not be written: s tries again; d leaves its 1 entry in \
         skypie's state folder if the log still cannot take it."
    );
    // s saves again, the log with it: the entry goes out with that save.
    let again = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert!(
        again.session_log.text.contains("| 3M | 3.1M |"),
        "{}",
        again.session_log.text
    );
    assert_eq!(
        press(&mut app, &[written_but_not_logged(&again)]),
        [],
        "still not logged: still open"
    );
    // Once a save's log goes through, the quit asked for earlier is over and q asks nothing.
    press(&mut app, &[key(KeyCode::Right)]);
    let later = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert!(!saved(&mut app, &later).contains(&Effect::Quit));
    assert_eq!(app.saved_and_quit(), None, "no quit waited on that save");
    assert_eq!(press(&mut app, &[key(KeyCode::Char('q'))]), [Effect::Quit]);
}

#[test]
fn a_save_and_quit_leaves_what_the_save_said_for_the_terminal() {
    // q, s: the session ended, and where the plan was written was said nowhere.
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(&mut app, &[key(KeyCode::Right)]);
    assert!(press(&mut app, &[key(KeyCode::Char('q'))]).is_empty());
    let save = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert_eq!(app.saved_and_quit(), None, "not saved yet");
    assert_eq!(saved(&mut app, &save), [Effect::Quit]);
    let said = app.saved_and_quit().unwrap_or_default();
    assert!(said.starts_with("saved plan.toml"), "{said}");
}

#[test]
fn a_save_and_quit_through_a_merge_says_where_things_went_and_nothing_of_undo() {
    // q, s, then m on the file changed on disk: the terminal read "merged into plan.toml and
    // saved; undo starts here", after the session was gone, and no session log; then only
    // where things went, where the file's changes had moved the verdict, unseen.
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(&mut app, &[key(KeyCode::Right)]);
    assert!(press(&mut app, &[key(KeyCode::Char('q'))]).is_empty());
    let save = press(&mut app, &[key(KeyCode::Char('s'))]);
    assert!(matches!(&save[..], [Effect::Save(_)]), "{save:?}");
    press(&mut app, &[colleague_saved(colleagues_edit())]);
    let merged = the_save(&press(&mut app, &[key(KeyCode::Char('m'))]));
    assert_eq!(saved(&mut app, &merged), [Effect::Quit]);
    let said = app.saved_and_quit().unwrap_or_default();
    assert_eq!(
        said,
        "merged into plan.toml and saved (session log: plan.toml.session.md); the merged \
         plan's figures were not shown: skypie eval plan.toml gives them"
    );
}

#[test]
fn a_merge_saved_after_the_file_was_deleted_says_it_wrote_the_file_again() {
    // `rm race.toml` between the question and `m`: "merged into race.toml and saved", the
    // file back on disk and nothing said of its deletion (a tester).
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("plan.toml");
    fs::write(&path, colleagues_edit()).expect("written");
    let mut app = session_on(&plan(), path.to_str());
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('s'))]);
    press(
        &mut app,
        &[Msg::SaveConflict {
            path: path.clone(),
            on_disk: colleagues_edit(),
            relinked: None,
        }],
    );
    let merged = the_save(&press(&mut app, &[key(KeyCode::Char('m'))]));
    fs::remove_file(&path).expect("deleted");
    let open = crate::tui::disk::OpenPlan {
        name: &path,
        led: Some(&path),
        was: None,
    };
    press(
        &mut app,
        &crate::tui::disk::save(&merged, Some(open), 0o644),
    );
    let shown = path.display();
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some(
            format!(
                "{shown} was no longer on disk; merged into it and saved it again (session log: \
                 {shown}.session.md); undo starts here"
            )
            .as_str()
        )
    );
}

#[test]
fn a_new_files_log_that_cannot_be_appended_is_written_whole_by_the_next_save() {
    let (mut app, own) = nudged_then_saving("plan.toml");
    saved(&mut app, &own);
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('S'))]);
    let request = the_save(&press(&mut app, &[key(KeyCode::Enter)]));
    assert_eq!(request.path, PathBuf::from("plan-2.toml"));
    press(&mut app, &[written_but_not_logged(&request)]);
    let next = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert!(
        next.session_log.text.starts_with("\n## Session of"),
        "the heading plan-2.toml.session.md never got: {}",
        next.session_log.text
    );
    assert_eq!(
        next.session_log.text.lines().nth(1),
        Some(next.session_log.heading.as_str()),
        "the heading a later save looks for in the log"
    );
    assert!(
        next.session_log.text.contains("| 3M | 3.1M |"),
        "{}",
        next.session_log.text
    );
}

#[test]
fn a_value_typed_and_not_applied_when_the_session_ends_abruptly_is_in_the_log() {
    // A range half typed (`60% to`) when the terminal closed was in neither the recovery file
    // nor the log: gone with the window.
    let (mut app, first) = nudged_then_saving("plan.toml");
    saved(&mut app, &first);
    let mut keys = vec![key(KeyCode::Enter), ctrl('u')];
    keys.extend(typed("2.5M to"));
    press(&mut app, &keys);
    let log = app.abrupt_end_log(None).text;
    assert_eq!(
        log,
        "\nThe session ended while Dana (CEO) was typing a value for `target.revenue`, not yet \
         applied: `2.5M to`.\n"
    );
    // The editor opened on the value and left as it was holds nothing of its own.
    press(&mut app, &[key(KeyCode::Esc), key(KeyCode::Enter)]);
    assert_eq!(app.abrupt_end_log(None).text, "");
    // Ctrl-C while typing, the quit question open: still said, as "stay" would bring it back.
    let mut keys = vec![
        key(KeyCode::Esc),
        key(KeyCode::Right),
        key(KeyCode::Enter),
        ctrl('u'),
    ];
    keys.extend(typed("4M to"));
    keys.push(ctrl('c'));
    press(&mut app, &keys);
    assert!(
        matches!(app.mode, Mode::ConfirmQuit { .. }),
        "{:?}",
        app.mode
    );
    let log = app.abrupt_end_log(None).text;
    assert!(log.contains("not yet applied: `4M to`."), "{log}");
}

#[test]
fn a_session_ending_abruptly_logs_only_its_unsaved_edits_in_a_table_of_their_own() {
    let kept = PathBuf::from("plan.toml.recovered-20261123-093000.toml");
    let (mut app, first) = nudged_then_saving("plan.toml");
    // Before any save, the whole session: its heading, the note, then the edit.
    let all = app.abrupt_end_log(Some(&kept)).text;
    assert!(all.starts_with("\n## Session of"), "{all}");
    assert!(all.contains("| target.revenue | 3M | 3.1M |"), "{all}");
    saved(&mut app, &first);
    assert_eq!(
        app.abrupt_end_log(Some(&kept)).text,
        "",
        "nothing unsaved, nothing to log"
    );
    press(&mut app, &[key(KeyCode::Right)]);
    let log = app.abrupt_end_log(Some(&kept)).text;
    // After a save, only the edit since, under the note and a table head of its own: the
    // saved row above it in the file is not taken for unsaved.
    let note = "The session ended abruptly: the edits below were not saved. They are in \
                `plan.toml.recovered-20261123-093000.toml`.";
    assert!(
        log.starts_with(&format!("\n{note}\n\n| time | who |")),
        "{log}"
    );
    assert!(
        log.contains("| 3.1M | 3.2M |") && !log.contains("| 3M |"),
        "{log}"
    );
    assert!(!log.contains("## Session of"), "{log}");
    // Kept elsewhere (the file's folder was gone), the note gives the whole path.
    let elsewhere = PathBuf::from("/tmp/plan.toml.recovered-20261123-093000.toml");
    let log = app.abrupt_end_log(Some(&elsewhere)).text;
    assert!(
        log.contains("They are in `/tmp/plan.toml.recovered-20261123-093000.toml`."),
        "{log}"
    );
}

#[test]
fn a_session_quit_without_saving_logs_what_was_tried() {
    // `q` `d` (or a reload that dropped the edits, then `q`) wrote no session log: the
    // what-ifs of a meeting, tried and dropped, left no trace.
    let mut app = session_on(&plan(), Some("plan.toml"));
    assert_eq!(app.quit_log().text, "", "nothing done, nothing to log");
    press(&mut app, &[key(KeyCode::Right)]);
    let log = app.quit_log().text;
    assert!(log.starts_with("\n## Session of"), "{log}");
    assert!(
        log.contains(
            "The session was quit without saving the edits among the rows below: they were discarded.\n\n| time |"
        ),
        "{log}"
    );
    assert!(log.contains("| target.revenue | 3M | 3.1M |"), "{log}");
    // Saved, then an edit undone: only the rows since, and nothing left unsaved.
    let (mut app, first) = nudged_then_saving("plan.toml");
    saved(&mut app, &first);
    assert_eq!(app.quit_log().text, "", "all in the log already");
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('u'))]);
    let log = app.quit_log().text;
    assert!(
        log.starts_with(
            "\nThe session was quit after the rows below, with nothing left unsaved.\n\n| time |"
        ),
        "{log}"
    );
    assert!(
        log.contains("| 3.1M | 3.2M |") && !log.contains("| 3M | 3.1M |"),
        "{log}"
    );
    // The built-in scenario keeps no log.
    let mut app = session_on(&plan(), None);
    press(&mut app, &[key(KeyCode::Right)]);
    assert_eq!(app.quit_log().text, "");
}

#[test]
fn a_save_tells_the_shell_what_it_last_appended_to_the_log() {
    let (mut app, first) = nudged_then_saving("plan.toml");
    assert_eq!(first.session_log.after, "", "nothing appended yet");
    saved(&mut app, &first);
    press(&mut app, &[key(KeyCode::Right)]);
    let second = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert_eq!(second.session_log.after, first.session_log.text);
    // A log that could not be appended leaves what was last appended as it was.
    press(&mut app, &[written_but_not_logged(&second)]);
    press(&mut app, &[key(KeyCode::Right)]);
    let third = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert_eq!(third.session_log.after, first.session_log.text);
}

#[test]
fn a_nudge_before_its_figures_never_rewrites_a_saved_entry_the_log_could_not_take() {
    let mut app = session_on(&plan(), Some("plan.toml"));
    // Figures not in yet (the compute is not run): a second nudge would join the first.
    app.handle(key(KeyCode::Right));
    let request = the_save(&app.handle(key(KeyCode::Char('s'))));
    app.handle(written_but_not_logged(&request));
    app.handle(key(KeyCode::Right));
    let changes: Vec<(&str, &str)> = app
        .log
        .iter()
        .map(|e| (e.old.as_str(), e.new.as_str()))
        .collect();
    assert_eq!(
        changes,
        [("3M", "3.1M"), ("3.1M", "3.2M")],
        "the saved 3.1M stays what was saved"
    );
}

#[test]
fn an_edit_undone_in_a_session_with_nothing_saved_quits_without_asking() {
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('u'))]);
    assert!(!app.is_dirty());
    let effects = press(&mut app, &[key(KeyCode::Char('q'))]);
    assert!(
        matches!(effects[..], [Effect::Quit]),
        "no log entry of a saved state is at stake: {effects:?} {:?}",
        app.mode
    );
}

#[test]
fn an_abrupt_end_after_a_log_failure_logs_the_saved_edits_as_saved() {
    let kept = PathBuf::from("plan.toml.recovered-20261123-093000.toml");
    let (mut app, request) = nudged_then_saving("plan.toml");
    press(&mut app, &[written_but_not_logged(&request)]);
    // Nothing unsaved (no recovery file): the saved edit still reaches the log, as saved.
    let log = app.abrupt_end_log(None).text;
    let saved_note = "The edits below were saved, but the session log could not be written then.";
    assert!(log.starts_with("\n## Session of"), "{log}");
    assert!(
        log.contains(&format!("{saved_note}\n\n| time | who |")),
        "{log}"
    );
    assert!(log.contains("| 3M | 3.1M |"), "{log}");
    assert!(!log.contains("were not saved"), "{log}");
    // An edit since: the saved one as saved, the new one as unsaved, each in its own table.
    press(&mut app, &[key(KeyCode::Right)]);
    let log = app.abrupt_end_log(Some(&kept)).text;
    let (saved, unsaved) = log
        .split_once("The session ended abruptly: the edits below were not saved.")
        .expect("a table of unsaved edits");
    assert!(
        saved.contains(saved_note) && saved.contains("| 3M | 3.1M |"),
        "{log}"
    );
    assert!(
        unsaved.contains("| 3.1M | 3.2M |") && !unsaved.contains("| 3M |"),
        "{log}"
    );
    // Its recovery file could not be made: the saved edit is logged all the same, and the
    // unsaved one as lost (it went unrecorded).
    let log = app.abrupt_end_log(None).text;
    assert!(log.contains("| 3M | 3.1M |"), "{log}");
    assert!(
        log.contains(
            "The session ended abruptly: the edits among the rows below were not saved, and no \
             file could keep them.\n\n| time |"
        ),
        "{log}"
    );
    assert!(log.contains("| 3.1M | 3.2M |"), "{log}");
    // Rows after the last save with nothing unsaved (an edit undone, a pin): logged too, where
    // only edits kept in a recovery file were.
    let (mut app, request) = nudged_then_saving("plan.toml");
    press(&mut app, &[written(request.path.clone(), &request.text)]);
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('u'))]);
    assert!(!app.is_dirty());
    let log = app.abrupt_end_log(None).text;
    assert!(
        log.starts_with(
            "\nThe session ended abruptly after the rows below, with nothing left unsaved.\n"
        ),
        "{log}"
    );
    assert!(log.contains("| 3.1M | 3.2M |"), "{log}");
}

/// Ctrl-C while the session asks what to do with a file changed on disk, from the question
/// `opening` leads to: the file is left as it is, nothing is saved or dropped, and the quit
/// asks about the edit that was not saved.
fn ctrl_c_leaves_the_file_as_it_is(on_disk: &str, opening: &[Msg], question: &str) {
    let mut app = conflicted(on_disk);
    press(&mut app, opening);
    assert!(!matches!(app.mode, Mode::Conflict(_)), "{question} is open");
    assert!(
        press(&mut app, &[ctrl_c()]).is_empty(),
        "{question}: no save"
    );
    assert!(matches!(app.mode, Mode::ConfirmQuit { .. }), "{question}");
    assert_eq!(app.scenario.target_revenue, 200e3, "{question}: kept");
    assert!(app.is_dirty(), "{question}");
    let entry = app.log.last().expect("the choice is logged");
    assert_eq!(entry.input, "file changed on disk", "{question}");
    assert!(entry.new.contains("left it as it is"), "{}", entry.new);
}

fn ctrl_c() -> Msg {
    super::common::ctrl('c')
}

#[test]
fn ctrl_c_in_a_conflict_leaves_the_file_as_it_is_and_asks_about_the_edits() {
    let mut app = conflicted(&colleagues_edit());
    assert!(press(&mut app, &[ctrl_c()]).is_empty(), "no save");
    assert!(
        matches!(app.mode, Mode::ConfirmQuit { .. }),
        "{:?}",
        app.mode
    );
    assert_eq!(app.scenario.target_revenue, 200e3);
    assert!(app.log.last().unwrap().new.contains("left it as it is"));
    // Merging key by key, reloading over the edits, naming the file to save as.
    let both = colleagues_edit().replace("revenue = \"3M\"", "revenue = \"2M\"");
    ctrl_c_leaves_the_file_as_it_is(&both, &[key(KeyCode::Char('m'))], "merge");
    let reload = [key(KeyCode::Char('R'))];
    ctrl_c_leaves_the_file_as_it_is(&colleagues_edit(), &reload, "reload");
    let save_as = [key(KeyCode::Char('S'))];
    ctrl_c_leaves_the_file_as_it_is(&colleagues_edit(), &save_as, "save as");
}

#[test]
fn ctrl_c_in_a_recovery_offer_keeps_the_file_for_later_and_quits() {
    let text = plan();
    let mut app = session_on(&text, Some("plan.toml"));
    let found = recovery_found(text.replace("revenue = \"3M\"", "revenue = \"3.1M\""), 0);
    press(&mut app, &[found]);
    assert!(matches!(app.mode, Mode::OfferRecovery(_)));
    assert_eq!(press(&mut app, &[ctrl_c()]), [Effect::Quit]);
    assert_eq!(app.scenario.target_revenue, 3e6, "nothing loaded");
}

#[test]
fn an_overwrite_confirmed_before_a_colleagues_second_save_asks_again_and_keeps_it() {
    // The dialog named horizon_days; while it was open the colleague saved again, a new
    // confidence. `y` overwrote both, the second unasked (a tester; `m` already re-asked).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    let name = path.to_str().unwrap();
    let mut app = session_on(&plan(), Some(name));
    press(&mut app, &[key(KeyCode::Right)]);
    let first = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    fs::write(&path, colleagues_edit()).unwrap();
    let said = crate::tui::save(&first, super::common::plan_at(&path, None), 0o666);
    assert!(matches!(&said[..], [Msg::SaveConflict { .. }]), "{said:?}");
    press(&mut app, &said);
    assert!(matches!(app.mode, Mode::Conflict(_)));
    let second = colleagues_edit().replace("confidence = 0.8", "confidence = 0.76");
    assert_ne!(second, colleagues_edit(), "the colleague's second edit");
    fs::write(&path, &second).unwrap();
    let overwrite = the_save(&press(&mut app, &[key(KeyCode::Char('y'))]));
    let said = crate::tui::save(&overwrite, super::common::plan_at(&path, None), 0o666);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        second,
        "not overwritten"
    );
    press(&mut app, &said);
    let Mode::Conflict(conflict) = &app.mode else {
        panic!("asked again: {:?}", app.mode)
    };
    let there = &conflict.sides.as_ref().unwrap().theirs;
    assert!(
        there.contains(&Item::Field(Field::Confidence))
            && there.contains(&Item::Field(Field::HorizonDays)),
        "the dialog names both of the colleague's edits: {there:?}"
    );
    // Confirmed again, over the file as it is now: written.
    let overwrite = the_save(&press(&mut app, &[key(KeyCode::Char('y'))]));
    let said = crate::tui::save(&overwrite, super::common::plan_at(&path, None), 0o666);
    assert!(matches!(&said[..], [Msg::Saved { .. }]), "{said:?}");
    assert_eq!(fs::read_to_string(&path).unwrap(), overwrite.text);
}

#[test]
fn a_value_typed_over_a_table_after_saving_it_comments_out_the_table_as_saved() {
    // The table's mean nudged to 51M and saved, then a range typed over it: the save
    // commented out `mean = "50M"`, the table as opened, where the file said 51M.
    let text = skypie::scenario::BUILT_IN.replace(
        "size = \"35M to 70M\"         # annual revenue of the whole market at day 0 (TAM)\n",
        "",
    ) + "\n[market.size]        # TAM\ndist = \"normal\"\nmean = \"50M\"         # analyst figure\nsd = \"5M\"            # spread\n";
    let mut app = session_on(&text, Some("plan.toml"));
    let mut keys = vec![key(KeyCode::Char('/'))];
    keys.extend(typed("market.size"));
    keys.extend([key(KeyCode::Enter), key(KeyCode::Right)]);
    press(&mut app, &keys);
    let first = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert!(
        first
            .text
            .contains("mean = \"51M\"         # analyst figure"),
        "{}",
        first.text
    );
    app.handle(written("plan.toml", &first.text));
    let mut keys = vec![key(KeyCode::Enter), ctrl('u')];
    keys.extend(typed("40M to 60M"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    let second = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert!(
        second.text.contains("# size.mean = \"51M\""),
        "{}",
        second.text
    );
    assert!(!second.text.contains("50M"), "{}", second.text);
    assert!(
        second.text.contains("size = \"40M to 60M\""),
        "{}",
        second.text
    );
    // And what it expects on disk is what it wrote.
    assert_eq!(second.expect, Expect::Text(first.text.clone()));
    // Taken back with undo after that save, the value goes back to the table's, as saved.
    app.handle(written("plan.toml", &second.text));
    press(&mut app, &[key(KeyCode::Char('u'))]);
    let third = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    let reread = skypie::scenario::Scenario::parse(&third.text, "plan.toml").unwrap();
    let first_read = skypie::scenario::Scenario::parse(&first.text, "plan.toml").unwrap();
    assert_eq!(
        reread.value(skypie::scenario::Field::MarketSize),
        first_read.value(skypie::scenario::Field::MarketSize)
    );
}

#[test]
fn an_edit_taken_back_after_a_save_is_written_as_the_file_was_opened() {
    // Typed back as the opened value, a key the file never set was written into it
    // (`confidence = "80%"`), and a table-written input became a range.
    let opened = skypie::scenario::BUILT_IN
        .replace(
            "confidence = 0.8            # P(feasible) we call \"realistic\" (default 0.8)\n",
            "",
        )
        .replace(
            "size = \"35M to 70M\"         # annual revenue of the whole market at day 0 (TAM)\n",
            "",
        )
        + "\n[market.size]        # TAM\ndist = \"normal\"\nmean = \"50M\"         # analyst figure\nsd = \"5M\"            # spread\n";
    let mut app = session_on(&opened, Some("plan.toml"));
    for (name, value) in [("confidence", "90%"), ("market.size", "40M to 60M")] {
        let mut keys = vec![key(KeyCode::Char('/'))];
        keys.extend(typed(name));
        keys.extend([key(KeyCode::Enter), key(KeyCode::Enter), ctrl('u')]);
        keys.extend(typed(value));
        keys.push(key(KeyCode::Enter));
        press(&mut app, &keys);
    }
    let first = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert!(
        first.text.contains("confidence = \"90%\""),
        "{}",
        first.text
    );
    assert!(
        first.text.contains("size = \"40M to 60M\""),
        "{}",
        first.text
    );
    app.handle(written("plan.toml", &first.text));
    press(
        &mut app,
        &[key(KeyCode::Char('u')), key(KeyCode::Char('u'))],
    );
    let second = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    // Both taken back: the file as it was opened, byte for byte.
    assert_eq!(second.text, opened);
}

/// A session on `d1/plan.toml` with an edit, after `d1/` was renamed `d3/`: the shell found
/// the plan there, and nothing is at its old name.
fn moved_with_its_folder() -> App {
    moved_with_its_folder_on(crate::tui::app::Disk {
        is_there: |path| path != Path::new("d1/plan.toml"),
        ..super::common::DISK
    })
}

/// The shell's word that the save asked for after `mv d1 d3` (`s` at the quit question) names
/// the plan moved, d3/plan.toml; the save the session then asks for.
fn saved_at_its_new_name(app: &mut App) -> SaveRequest {
    the_save(&press(
        app,
        &[Msg::NamesOpenFile {
            path: "d3/plan.toml".into(),
            moved: true,
        }],
    ))
}

/// [`moved_with_its_folder`], then `q` and `s`: the save of the edits at d3/plan.toml asked
/// for, not yet written.
fn quit_and_saving_at_its_new_name() -> App {
    let mut app = moved_with_its_folder();
    press(&mut app, &[key(KeyCode::Char('q'))]);
    the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    saved_at_its_new_name(&mut app);
    app
}

/// [`moved_with_its_folder`], the file system as `disk` sees it.
fn moved_with_its_folder_on(disk: crate::tui::app::Disk) -> App {
    let mut app = super::common::session_seeing(&plan(), Some("d1/plan.toml"), disk);
    press(
        &mut app,
        &[
            key(KeyCode::Right),
            Msg::PlanMoved(Some("d3/plan.toml".into())),
        ],
    );
    app
}

#[test]
fn discarding_asks_again_when_the_folder_the_plan_moved_to_is_deleted_while_asked() {
    // The question said "d1/plan.toml was moved with its folder: it is now d3/plan.toml",
    // then `rm -r d3`, then `d`: it quit, and no copy of the plan was left, unsaid.
    use std::sync::atomic::{AtomicBool, Ordering};
    static D3_GONE: AtomicBool = AtomicBool::new(false);
    let mut app = moved_with_its_folder_on(crate::tui::app::Disk {
        is_there: |path| {
            path != Path::new("d1/plan.toml")
                && !(D3_GONE.load(Ordering::SeqCst) && path == Path::new("d3/plan.toml"))
        },
        ..super::common::DISK
    });
    press(&mut app, &[key(KeyCode::Char('q'))]);
    assert!(app.quit_question().contains("moved with its folder"));
    D3_GONE.store(true, Ordering::SeqCst);
    assert_eq!(
        press(&mut app, &[key(KeyCode::Char('d'))]),
        [],
        "asked again"
    );
    assert_eq!(
        app.quit_question(),
        "There are unsaved edits, and d1/plan.toml is no longer on disk, nor its folder: \
         discarding leaves no copy of the plan; S saves it under another name, then quits."
    );
    assert_eq!(press(&mut app, &[key(KeyCode::Char('d'))]), [Effect::Quit]);
}

#[test]
fn discarding_asks_again_when_the_watch_finds_the_folder_the_plan_moved_to_deleted() {
    // The watch's word that the plan went (`PlanMoved(None)`) asked the question again in
    // its new words, and `d` then quit, no copy of the plan left (a reviewer).
    use std::sync::atomic::{AtomicBool, Ordering};
    static D3_GONE: AtomicBool = AtomicBool::new(false);
    let mut app = moved_with_its_folder_on(crate::tui::app::Disk {
        is_there: |path| {
            path != Path::new("d1/plan.toml")
                && !(D3_GONE.load(Ordering::SeqCst) && path == Path::new("d3/plan.toml"))
        },
        ..super::common::DISK
    });
    press(&mut app, &[key(KeyCode::Char('q'))]);
    D3_GONE.store(true, Ordering::SeqCst);
    press(&mut app, &[Msg::PlanMoved(None)]);
    assert_eq!(
        press(&mut app, &[key(KeyCode::Char('d'))]),
        [],
        "asked again"
    );
}

#[test]
fn quitting_after_the_plans_folder_was_renamed_saves_the_edits_where_it_is_now() {
    // `mv d1 d3` mid-session, then `q`: the question said "d1/plan.toml is no longer on disk,
    // nor its folder: discarding leaves no copy of the plan; S saves it under another name",
    // untrue (the plan is in d3/), and `S` is no answer there.
    let mut app = moved_with_its_folder();
    press(&mut app, &[key(KeyCode::Char('q'))]);
    assert_eq!(
        app.quit_question(),
        "There are unsaved edits, and d1/plan.toml was moved with its folder: it is now \
         d3/plan.toml, which s saves them to."
    );
    // `s`: a save as the plan's new name, which the shell finds is the plan moved (checked
    // against the text the session last read, so a colleague's change there is asked about),
    // and the session quits once it is written there.
    let asked = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert_eq!(
        (asked.path.as_path(), &asked.expect),
        (Path::new("d3/plan.toml"), &Expect::Nothing)
    );
    let save = saved_at_its_new_name(&mut app);
    assert_eq!(save.path, Path::new("d3/plan.toml"));
    assert_eq!(save.expect, Expect::Text(plan()));
    let after = press(&mut app, &[written("d3/plan.toml", &save.text)]);
    assert!(matches!(&after[..], [Effect::Quit]), "{after:?}");
}

#[test]
fn the_title_bar_names_the_plan_where_it_is_after_its_folder_was_renamed() {
    let title = |app: &App| {
        let screen = super::common::screen(app, 80, 24);
        screen.lines().next().unwrap_or_default().to_string()
    };
    let mut app = moved_with_its_folder();
    assert!(
        title(&app).contains("· d3/plan.toml (moved)"),
        "{}",
        title(&app)
    );
    // Saved there, it is the plan's name again.
    let save = saved_at_its_new_name(&mut app);
    press(&mut app, &[written("d3/plan.toml", &save.text)]);
    assert!(title(&app).contains("· d3/plan.toml "), "{}", title(&app));
    assert!(!title(&app).contains("moved"), "{}", title(&app));
}

#[test]
fn a_save_failed_after_the_plans_folder_was_renamed_says_where_it_is_and_s_suggests_it() {
    let mut app = moved_with_its_folder();
    press(
        &mut app,
        &[super::common::save_failed(
            "d1/plan.toml",
            "d1/plan.toml: cannot write: there is no folder d1",
        )],
    );
    let said = super::common::status_text(&app);
    assert!(
        said.ends_with(
            "the edits are kept: S saves them under another name (it is now \
             d3/plan.toml: S suggests it)"
        ),
        "{said}"
    );
    press(&mut app, &[key(KeyCode::Char('S'))]);
    let Mode::SavingAs(name) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(name.value(), "d3/plan.toml");
    // A folder copied back under the old name (`mv q3 q3-old; cp -a q3-old q3`): the plan's
    // name leads to a plan again, and `S` suggests a name beside it, never the archive.
    let mut app = session_on(&plan(), Some("q3/plan.toml"));
    press(
        &mut app,
        &[
            key(KeyCode::Right),
            Msg::PlanMoved(Some("q3-old/plan.toml".into())),
            key(KeyCode::Char('S')),
        ],
    );
    let Mode::SavingAs(name) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(name.value(), "q3/plan-2.toml");
    // A save there failed (read-only, say): nothing says "S suggests" the archive.
    press(
        &mut app,
        &[
            key(KeyCode::Esc),
            super::common::save_failed("q3/plan.toml", "q3/plan.toml: cannot write: read-only"),
        ],
    );
    let said = super::common::status_text(&app);
    assert!(!said.contains("it is now"), "{said}");
}

#[test]
fn a_value_typed_with_letters_before_it_is_not_taken_for_a_file_name() {
    // `US$ 2M` typed at the inputs list: `S` opened save-as, `$ 2M` replaced the suggested
    // name, and Enter saved the plan as `$ 2M.toml` and went on there (every later `s` too).
    let mut app = session_on(&plan(), Some("plans/q3.toml"));
    press(&mut app, &[key(KeyCode::Right)]);
    press(&mut app, &typed("US$ 2M"));
    let effects = press(&mut app, &[key(KeyCode::Enter)]);
    assert!(effects.is_empty(), "nothing is written: {effects:?}");
    let said = super::common::status_text(&app);
    assert!(
        said.contains("$ 2M reads as a value, not a file name"),
        "{said}"
    );
    assert_eq!(app.file.as_deref(), Some(Path::new("plans/q3.toml")));
    // So do an amount, a percentage and a range; a bare number may name a plan. An amount
    // with its magnitude (`200k`) was saved as `200k.toml`, where the docs said it is refused.
    for value in [
        "12%", "€3M", "2M to 3M", "−5%", "2M$", "3M €", "1.5", "+3", "5%€", "200k", "3M", "5B",
        "200 k", "D 450k", "SD 3M", "d 12%",
    ] {
        press(&mut app, &[ctrl('u')]);
        press(&mut app, &typed(value));
        let effects = press(&mut app, &[key(KeyCode::Enter)]);
        assert!(effects.is_empty(), "{value}: {effects:?}");
    }
    // A whole number, two side by side, or a value with .toml (3M, a customer's account plan),
    // may name a plan.
    for (name, file) in [
        ("2026", "2026.toml"),
        ("3M.toml", "3M.toml"),
        ("2025 2026", "2025 2026.toml"),
        ("FY 2026", "FY 2026.toml"),
        ("Plan 3M", "Plan 3M.toml"),
        ("12%.toml", "12%.toml"),
    ] {
        let mut app = session_on(&plan(), Some("plans/q3.toml"));
        press(
            &mut app,
            &[key(KeyCode::Right), key(KeyCode::Char('S')), ctrl('u')],
        );
        press(&mut app, &typed(name));
        let save = the_save(&press(&mut app, &[key(KeyCode::Enter)]));
        assert_eq!(save.path, Path::new(file));
    }
}

#[test]
fn s_on_a_plan_moved_with_its_folder_says_where_it_is_and_writes_nothing_at_its_old_name() {
    // `mv h1 h2; mkdir h1`, then `s`: it wrote a new h1/plan.toml ("was no longer on disk;
    // saved it again"), the plan in h2/ left without the edits.
    let mut app = moved_with_its_folder();
    let effects = press(&mut app, &[key(KeyCode::Char('s'))]);
    assert!(effects.is_empty(), "nothing is written: {effects:?}");
    let said = super::common::status_text(&app);
    // No d1/ to write it in (a plain `mv`): no word of writing it anew there, which S refused.
    assert_eq!(
        said,
        "not saved: d1/plan.toml is no longer there: the plan was moved with its folder, and \
         is now d3/plan.toml (S suggests it)"
    );
    assert!(app.is_dirty());
    // A d1/ made anew can take it anew, and says so.
    let mut anew = moved_with_its_folder_on(crate::tui::app::Disk {
        is_there: |path| path != Path::new("d1/plan.toml"),
        is_folder: |path| path == Path::new("d1") || super::common::is_folder(path),
        ..super::common::DISK
    });
    press(&mut anew, &[key(KeyCode::Char('s'))]);
    let said = super::common::status_text(&anew);
    assert!(
        said.ends_with("(S suggests it; S and d1/plan.toml writes the plan anew there)"),
        "{said}"
    );
    // Back where its name leads (the folder renamed back): saved by name again.
    press(&mut app, &[Msg::PlanMoved(None)]);
    let save = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert_eq!(save.path, Path::new("d1/plan.toml"));
}

#[test]
fn a_file_put_where_the_moved_plan_was_is_asked_about_as_another_file_not_merged() {
    // `mv g1 g2; mkdir g1; cp other.toml g1/plan.toml`, then `s`: "g1/plan.toml changed on
    // disk", with a merge offered, which wrote this session's edits into the other plan.
    let mut app = session_on(&plan(), Some("g1/plan.toml"));
    press(
        &mut app,
        &[
            key(KeyCode::Right),
            Msg::PlanMoved(Some("g2/plan.toml".into())),
        ],
    );
    the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    let other = plan()
        .replace("horizon_days = 90", "horizon_days = 120")
        .replace("revenue = \"3M\"", "revenue = \"5M\"")
        .replace("first 90 days", "another plan");
    press(
        &mut app,
        &[Msg::SaveConflict {
            path: "g1/plan.toml".into(),
            on_disk: other,
            relinked: None,
        }],
    );
    let Mode::Conflict(conflict) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(
        conflict.moved_to.as_deref(),
        Some(Path::new("g2/plan.toml"))
    );
    // A reload continues on the file there, which may be what was meant; a merge is not
    // offered, nor taken.
    assert!(!conflict.offers(ConflictAnswer::Merge));
    assert!(conflict.offers(ConflictAnswer::Reload));
    let effects = press(&mut app, &[key(KeyCode::Char('m'))]);
    assert!(effects.is_empty(), "{effects:?}");
    let text = super::common::dialog_text(&super::common::screen(&app, 100, 30));
    assert!(
        text.contains(
            "g1/plan.toml is another file, put where this session's plan was: the plan was \
             moved with its folder, and is now g2/plan.toml (S and that name saves there; no \
             merge: these edits are that plan's)."
        ),
        "{text}"
    );
    // No merge spoken of either (it said "m keeps it" and "merge asks").
    assert!(text.contains("(y writes over the name)"), "{text}");
    assert!(
        text.contains("Changed on both sides: target.revenue"),
        "{text}"
    );
    assert!(
        !text.contains("m keeps") && !text.contains("merge asks"),
        "{text}"
    );
}

#[test]
fn the_plan_saved_under_its_new_name_is_no_longer_moved() {
    // After `mv d7 d8`, the quit question's `s` saved as d8/plan.toml and found a colleague's
    // change there: it was asked about as "another file, put where this session's plan was:
    // … is now d8/plan.toml", no merge offered; a failed save there said "it is now
    // d8/plan.toml: S suggests it", and `S` suggested d8/plan-2.toml.
    let mut app = quit_and_saving_at_its_new_name();
    let theirs = plan().replace("horizon_days = 90", "horizon_days = 120");
    press(
        &mut app,
        &[Msg::SaveConflict {
            path: "d3/plan.toml".into(),
            on_disk: theirs,
            relinked: None,
        }],
    );
    let Mode::Conflict(conflict) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(conflict.moved_to, None);
    assert!(conflict.offers(ConflictAnswer::Merge));
    let mut app = quit_and_saving_at_its_new_name();
    press(
        &mut app,
        &[super::common::save_failed(
            "d3/plan.toml",
            "d3/plan.toml: cannot write: read-only",
        )],
    );
    let said = super::common::status_text(&app);
    assert!(!said.contains("it is now"), "{said}");
}

#[test]
fn a_link_pointed_at_a_file_not_there_yet_says_so_and_looked_at_again_asks_nothing_new() {
    // `ln -sfn real/new.toml L/link.toml`, then `s`: the question said "another plan", then,
    // looked at again, "the file on disk was deleted since" (real/plan.toml was not), and the
    // status line "changed on disk again", which made the first answer count for nothing.
    let disk = crate::tui::app::Disk {
        is_there: |path| path != Path::new("real/new.toml"),
        ..super::common::DISK
    };
    let mut app = super::common::session_seeing(&plan(), Some("L/link.toml"), disk);
    press(&mut app, &[key(KeyCode::Right)]);
    the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    let relinked = crate::tui::app::Relinked {
        was: "real/plan.toml".into(),
        now: "real/new.toml".into(),
    };
    press(
        &mut app,
        &[Msg::SaveConflict {
            path: "L/link.toml".into(),
            on_disk: String::new(),
            relinked: Some(relinked.clone()),
        }],
    );
    let said = "real/new.toml is not there: nothing to merge (an answer writes it)";
    let Mode::Conflict(asked) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(asked.sides.clone().err().as_deref(), Some(said));
    let status = app.status.clone();
    press(
        &mut app,
        &[Msg::ChangedOnDisk {
            path: "L/link.toml".into(),
            now: Err("was deleted since".into()),
            leads: Leads::AsBefore,
        }],
    );
    let Mode::Conflict(looked) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(looked.sides.clone().err().as_deref(), Some(said));
    assert!(!looked.changed_unseen);
    assert_eq!(app.status, status, "nothing new said");
}

#[test]
fn a_value_typed_when_the_plan_was_moved_is_asked_about_with_where_s_saves_it() {
    // Only a value being typed at stake, the plan moved with its folder: the question left out
    // where `s` writes it.
    let mut app = moved_with_its_folder();
    press(&mut app, &[key(KeyCode::Char('u'))]);
    assert!(!app.is_dirty());
    press(&mut app, &[key(KeyCode::Enter), ctrl_u()]);
    press(&mut app, &typed("4M"));
    press(&mut app, &[ctrl('c')]);
    let asked = app.quit_question();
    assert!(
        asked.starts_with("`4M` typed for target.revenue")
            && asked.ends_with(
                "d1/plan.toml was moved with its folder: it is now d3/plan.toml, which s saves \
                 them to."
            ),
        "{asked}"
    );
    let save = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert_eq!(save.path, Path::new("d3/plan.toml"));
    assert!(save.text.contains("revenue = \"4M\""), "{}", save.text);
}

#[test]
fn quitting_after_a_save_of_the_plan_failed_offers_to_save_it_under_another_name() {
    // A plan whose save was refused though it was not found read-only ([`REFUSES_WRITES`]):
    // `q` offered `s` again, whose save failed the same way, `S` unsaid.
    let mut app = session_seeing(&plan(), Some("plan.toml"), REFUSES_WRITES);
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('q'))]);
    the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    let error = "plan.toml: cannot write: Operation not permitted (os error 1)";
    press(&mut app, &[super::common::save_failed("plan.toml", error)]);
    press(&mut app, &[key(KeyCode::Char('q'))]);
    assert_eq!(
        app.quit_question(),
        "There are unsaved edits, and plan.toml could not be written at the last save: S saves \
         them under another name, then quits."
    );
}

/// [`refused_a_save`], then `q`, `S` and `elsewhere.toml` typed: the save Enter asks for.
fn saved_as_from_the_quit_question(app: &mut App) -> SaveRequest {
    press(app, &[key(KeyCode::Char('q')), key(KeyCode::Char('S'))]);
    press(app, &typed("elsewhere.toml"));
    the_save(&press(app, &[key(KeyCode::Enter)]))
}

#[test]
fn s_in_the_quit_question_after_a_failed_save_saves_the_plan_under_the_name_typed() {
    // It said "Esc, then S", and offered no `S`: leaving with the work kept took four keys
    // more, and a second `q`.
    let mut app = refused_a_save();
    let request = saved_as_from_the_quit_question(&mut app);
    assert_eq!(request.path, PathBuf::from("elsewhere.toml"));
}

#[test]
fn s_in_the_quit_question_quits_once_the_plan_is_saved_under_the_name_typed() {
    let mut app = refused_a_save();
    let request = saved_as_from_the_quit_question(&mut app);
    assert_eq!(saved(&mut app, &request), [Effect::Quit]);
}

#[test]
fn esc_on_the_name_the_quit_question_s_asks_for_goes_back_to_the_session_for_good() {
    // The session goes on: a later save under another name does not quit it.
    let mut app = refused_a_save();
    press(
        &mut app,
        &[key(KeyCode::Char('q')), key(KeyCode::Char('S'))],
    );
    press(&mut app, &[key(KeyCode::Esc), key(KeyCode::Char('S'))]);
    press(&mut app, &typed("elsewhere.toml"));
    let request = the_save(&press(&mut app, &[key(KeyCode::Enter)]));
    assert_eq!(saved(&mut app, &request), []);
}

#[test]
fn the_quit_question_offers_s_to_save_under_another_name_only_where_it_offers_no_s() {
    // As drawn: the answers listed come from the same key map the keys are filtered by (the
    // pair of `offers` alone restated `can_save`).
    let offered = |app: &App| {
        let drawn = super::common::dialog_text(&super::common::screen(app, 120, 40));
        (
            drawn.contains("save, then quit"),
            drawn.contains("save under another name, then quit"),
        )
    };
    let mut refused = refused_a_save();
    press(&mut refused, &[key(KeyCode::Char('q'))]);
    let full_disk = quitting_after_a_save_on_a_full_disk();
    assert_eq!(
        [offered(&refused), offered(&full_disk)],
        [(false, true), (true, false)]
    );
}

/// The disk of a plan not found read-only whose file then refused the save: made read-only
/// between the two looks, say (`Disk::is_read_only` asks the kernel as `Disk::refuses_writes`
/// does, and finds `chattr +i` read-only since this file was written).
const REFUSES_WRITES: crate::tui::app::Disk = crate::tui::app::Disk {
    refuses_writes: |_| true,
    ..super::common::DISK
};

/// What a save on a full disk fails with.
const DISK_FULL: &str = "plan.toml: cannot write: No space left on device (os error 28)";

/// A session on `plan.toml`, nudged, whose save the disk refused ([`REFUSES_WRITES`]).
fn refused_a_save() -> App {
    let mut app = session_seeing(&plan(), Some("plan.toml"), REFUSES_WRITES);
    press(&mut app, &[key(KeyCode::Right)]);
    the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    let error = "plan.toml: cannot write: Operation not permitted (os error 1)";
    press(&mut app, &[super::common::save_failed("plan.toml", error)]);
    app
}

/// A session on `plan.toml`, nudged, whose save failed on a full disk, quitting.
fn quitting_after_a_save_on_a_full_disk() -> App {
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(&mut app, &[key(KeyCode::Right)]);
    the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    press(
        &mut app,
        &[super::common::save_failed("plan.toml", DISK_FULL)],
    );
    press(&mut app, &[key(KeyCode::Char('q'))]);
    app
}

#[test]
fn quitting_after_a_save_failed_on_a_full_disk_offers_s_to_try_again() {
    // Any failed save dropped `s` until a save was written: room freed since, only `S` was left.
    let app = quitting_after_a_save_on_a_full_disk();
    assert!(app.offers(QuitAnswer::SaveThenQuit));
}

#[test]
fn quitting_after_a_save_failed_on_a_full_disk_says_why_and_that_s_tries_again() {
    let app = quitting_after_a_save_on_a_full_disk();
    assert_eq!(
        app.quit_question(),
        format!(
            "There are unsaved edits, and plan.toml's last save failed ({DISK_FULL}): s tries \
             again."
        )
    );
}

#[test]
fn a_failed_save_as_leaves_the_plan_s_own_failed_save_marked() {
    // The save-as's failure, answered while help was open, cleared the mark: `q` offered `s`
    // on the immutable plan.
    let mut app = refused_a_save();
    press(&mut app, &[key(KeyCode::Char('S'))]);
    press(&mut app, &typed("other.toml"));
    the_save(&press(&mut app, &[key(KeyCode::Enter)]));
    press(&mut app, &[key(KeyCode::Char('?'))]);
    let error = "other.toml: cannot write: Permission denied (os error 13)";
    press(&mut app, &[super::common::save_failed("other.toml", error)]);
    press(&mut app, &[key(KeyCode::Esc), key(KeyCode::Char('q'))]);
    assert!(!app.offers(QuitAnswer::SaveThenQuit), "{:?}", app.mode);
}

#[test]
fn quitting_after_a_failed_save_offers_no_save_to_its_name() {
    let mut app = refused_a_save();
    press(&mut app, &[key(KeyCode::Char('q'))]);
    assert!(!app.offers(QuitAnswer::SaveThenQuit));
}

#[test]
fn a_save_written_after_a_failed_one_offers_its_save_at_quit_again() {
    let mut app = refused_a_save();
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    saved(&mut app, &request);
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('q'))]);
    assert!(app.offers(QuitAnswer::SaveThenQuit));
}
