//! The live session as a state machine: key events in, scenario, log, undo, baseline and
//! dialogs out. No terminal: computations the app asks for are run here, synchronously.

use std::path::PathBuf;

use super::common::{
    answers_to, colleague_saved, ctrl, dialog_text, press, run, screen, session_on, status_text,
    the_save, type_target, typed, written,
};
use crate::tui::app::{App, Effect, Expect, LoggedP, Mode, Msg, key};
use crate::tui::item::Item;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use skypie::model::verdict::Verdict;
use skypie::scenario::{BUILT_IN, Field};

/// The built-in scenario at fewer samples, so every test runs quickly.
fn small_anecdote() -> String {
    BUILT_IN.replace("samples = 100000", "samples = 4000")
}

/// A session on `text` as if opened from `file`, with its first results in.
fn session(text: &str, file: Option<&str>) -> App {
    session_on(text, file)
}

fn shift(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::SHIFT))
}

#[test]
fn finding_and_typing_a_target_changes_the_verdict_and_logs_the_edit() {
    let mut app = session(&small_anecdote(), None);
    assert_eq!(
        app.results.as_ref().unwrap().headline.verdict,
        Verdict::PieInTheSky
    );
    type_target(&mut app, "200k");
    assert_eq!(app.scenario.target_revenue, 200e3);
    assert_eq!(
        app.edits.get(&Field::TargetRevenue).map(String::as_str),
        Some("200k")
    );
    assert_eq!(
        app.results.as_ref().unwrap().headline.verdict,
        Verdict::Realistic
    );
    let entry = app.log.last().expect("the edit is logged");
    assert_eq!(
        (
            entry.role.as_str(),
            entry.input.as_str(),
            entry.old.as_str(),
            entry.new.as_str()
        ),
        ("Dana (CEO)", "target.revenue", "3M", "200k")
    );
    assert_eq!(entry.time, "09:30:00");
    assert_eq!(entry.p_before.map(|p| p.p), Some(0.0));
    assert!(entry.p_after.is_some_and(|p| p.p > 0.9));
    assert!(app.is_dirty());
}

#[test]
fn the_editor_starts_from_what_the_file_says() {
    let mut app = session(&small_anecdote(), None);
    let mut keys = vec![key(KeyCode::Char('/'))];
    keys.extend(typed("current"));
    keys.extend([key(KeyCode::Enter), key(KeyCode::Enter)]);
    press(&mut app, &keys);
    let Mode::Editing { item, input, .. } = &app.mode else {
        panic!("the editor is open")
    };
    assert_eq!(*item, Item::Field(Field::ShareCurrent));
    assert_eq!(
        input.value(),
        "{ dist = \"uniform\", min = 0.02, max = 0.05 }"
    );
}

#[test]
fn an_invalid_value_is_explained_in_the_editor_and_changes_nothing() {
    let mut app = session(&small_anecdote(), None);
    let before = app.scenario.clone();
    let mut keys = vec![key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Down)];
    keys.extend([key(KeyCode::Enter), ctrl('u')]);
    keys.extend(typed("35M ot 70M"));
    keys.push(key(KeyCode::Enter));
    let effects = press(&mut app, &keys);
    assert!(effects.is_empty());
    assert_eq!(app.scenario, before);
    let Mode::Editing {
        error: Some(error), ..
    } = &app.mode
    else {
        panic!("the editor stays open with the error")
    };
    assert!(error.contains("market.size"), "{error}");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(matches!(app.mode, Mode::Normal));
    assert!(app.log.is_empty() && !app.is_dirty());
}

#[test]
fn arrows_nudge_both_ends_of_a_range_and_shift_takes_bigger_steps() {
    let mut app = session(&small_anecdote(), None);
    press(
        &mut app,
        &[key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Down)],
    );
    assert_eq!(app.selected_item(), Item::Field(Field::MarketSize));
    press(&mut app, &[key(KeyCode::Right)]);
    assert_eq!(app.field_text(Field::MarketSize), "36M to 71M");
    press(&mut app, &[shift(KeyCode::Right)]);
    assert_eq!(app.field_text(Field::MarketSize), "46M to 81M");
    press(&mut app, &[key(KeyCode::Left)]);
    assert_eq!(app.field_text(Field::MarketSize), "45M to 80M");
}

#[test]
fn under_sobol_points_a_sample_count_nudge_always_changes_the_points_drawn() {
    let text = small_anecdote().replace("seed = 7", "seed = 7\nmethod = \"sobol\"");
    let mut app = session(&text, None);
    let mut keys = finding("samples");
    keys.push(key(KeyCode::Right));
    press(&mut app, &keys);
    // 4000 draws 4096; one nudge draws twice as many (4000 → 5000 would have drawn 8192 too,
    // and 4100 ... 4900, nine presses, nothing new).
    assert_eq!(app.field_text(Field::RunSamples), "8192");
    press(&mut app, &[key(KeyCode::Left), key(KeyCode::Left)]);
    assert_eq!(app.field_text(Field::RunSamples), "2048");
}

#[test]
fn the_session_rests_only_when_the_worker_owes_it_nothing() {
    let mut app = session(&small_anecdote(), None);
    assert!(!app.awaits_worker(), "the first figures and panels are in");
    let effects = app.handle(key(KeyCode::Right));
    assert!(app.awaits_worker(), "a nudge is being computed");
    let (headline, panels) = answers_to(&effects);
    app.handle(headline);
    assert!(app.awaits_worker(), "the panels are still to come");
    app.handle(panels);
    assert!(!app.awaits_worker());
}

#[test]
fn a_line_typed_ahead_of_the_session_is_applied() {
    // `25M` and Enter typed while the session started, before the terminal was raw, end with
    // a line feed, read as Ctrl-J: the value stayed in its editor, unapplied.
    let mut app = session(&small_anecdote(), None);
    let mut keys = typed("25M");
    keys.push(ctrl('j'));
    press(&mut app, &keys);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.field_text(Field::TargetRevenue), "25M");
}

#[test]
fn esc_and_a_key_in_one_burst_close_a_question_and_the_key_acts() {
    // Arriving in one read (over SSH, or typed fast), Esc and `j` read as Alt+j, which nothing
    // binds: help stayed open and the `j` (the next input) was lost.
    let mut app = session(&small_anecdote(), None);
    let selected = app.selected;
    press(&mut app, &[key(KeyCode::Char('?'))]);
    press(&mut app, &[alt(KeyCode::Char('j'))]);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.selected, selected + 1);
    // A question: Esc is its way back, then `u` undoes.
    let before = app.field_text(Field::TargetRevenue);
    type_target(&mut app, "25M");
    press(&mut app, &[key(KeyCode::Char('q'))]);
    assert!(
        matches!(app.mode, Mode::ConfirmQuit { .. }),
        "{:?}",
        app.mode
    );
    press(&mut app, &[alt(KeyCode::Char('u'))]);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.field_text(Field::TargetRevenue), before, "undone");
    // Esc and Ctrl-R: the redo (it was lost).
    let ctrl_alt = KeyModifiers::CONTROL | KeyModifiers::ALT;
    press(
        &mut app,
        &[Msg::Key(KeyEvent::new(KeyCode::Char('r'), ctrl_alt))],
    );
    assert_eq!(app.field_text(Field::TargetRevenue), "25M", "redone");
    // Esc and Ctrl-C: Ctrl-C, which asks about the unsaved edit.
    press(
        &mut app,
        &[Msg::Key(KeyEvent::new(KeyCode::Char('c'), ctrl_alt))],
    );
    assert!(
        matches!(app.mode, Mode::ConfirmQuit { .. }),
        "{:?}",
        app.mode
    );
}

#[test]
fn esc_and_a_character_in_one_burst_close_a_line_of_text_as_the_same_keys_typed_slowly_do() {
    // `3`, Esc, `900k` and Enter, the Esc and the `9` in one read (over SSH): the Alt+9 did
    // nothing, the editor stayed open, and Enter applied 300k.
    let mut app = session(&small_anecdote(), None);
    let mut keys = editing("target");
    keys.extend(typed("3"));
    keys.push(alt(KeyCode::Char('9')));
    keys.extend(typed("00k"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    assert_eq!(app.field_text(Field::TargetRevenue), "900k");
    // In the finder: it closes, and `j` selects the next input.
    let selected = app.selected;
    press(&mut app, &[key(KeyCode::Char('/'))]);
    press(&mut app, &typed("gain"));
    press(&mut app, &[alt(KeyCode::Char('j'))]);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    assert_eq!(app.selected, selected + 1);
}

#[test]
fn an_alt_key_a_line_of_text_has_is_the_lines_and_never_drops_what_was_typed() {
    // Alt+← (a word left in many terminals) read as Esc and ←: the editor closed, its text
    // lost, and the input was nudged; macOS's Option+← (Esc and b) pinned a baseline.
    let mut app = session(&small_anecdote(), None);
    let mut keys = editing("horizon");
    keys.extend(typed("120 days"));
    keys.extend([alt(KeyCode::Left), alt(KeyCode::Char('b'))]);
    // Readline's other Alt keys, pressed on purpose, do nothing (Alt+u dropped the text, then
    // undid the last edit).
    keys.extend([alt(KeyCode::Char('u')), alt(KeyCode::Char('d'))]);
    keys.extend(typed("x"));
    press(&mut app, &keys);
    let Mode::Editing { input, .. } = &app.mode else {
        panic!("still editing: {:?}", app.mode)
    };
    assert_eq!(input.value(), "x120 days", "two words left, then typed");
    // Esc and Ctrl-U in one burst clears the line, as Ctrl-U does.
    let ctrl_alt_u = KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    );
    press(&mut app, &[Msg::Key(ctrl_alt_u)]);
    let Mode::Editing { input, .. } = &app.mode else {
        panic!("still editing: {:?}", app.mode)
    };
    assert_eq!(input.value(), "");
    assert_eq!(
        app.field_text(Field::HorizonDays),
        "90",
        "nothing applied or nudged"
    );
    assert!(app.baseline.is_none(), "no baseline pinned");
    // In the finder too.
    press(&mut app, &[key(KeyCode::Esc), key(KeyCode::Char('/'))]);
    press(&mut app, &typed("gain"));
    press(&mut app, &[alt(KeyCode::Right), alt(KeyCode::Left)]);
    press(&mut app, &typed("x"));
    let Mode::Finding { input: query, .. } = &app.mode else {
        panic!("still finding: {:?}", app.mode)
    };
    assert_eq!(query.value(), "xgain", "a word left, then typed");
}

fn alt(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::ALT))
}

#[test]
fn a_nudge_after_a_typed_value_logs_it_as_it_was_typed() {
    let mut app = session(&small_anecdote(), None);
    let mut keys = editing("samples");
    keys.extend(typed("1M"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    press(&mut app, &[key(KeyCode::Right)]);
    let row = app.log.last().expect("the nudge is logged");
    assert_eq!((row.old.as_str(), row.new.as_str()), ("1M", "1100000"));
}

#[test]
fn quick_nudges_of_one_input_make_one_log_entry() {
    let mut app = session(&small_anecdote(), None);
    // Results are not run between the presses: the three nudges are one burst.
    for _ in 0..3 {
        let _ = app.handle(key(KeyCode::Right));
    }
    assert_eq!(app.log.len(), 1);
    assert_eq!(
        (app.log[0].old.as_str(), app.log[0].new.as_str()),
        ("3M", "3.3M")
    );
}

#[test]
fn quick_nudges_back_to_where_they_started_leave_no_row() {
    // Up and down again before the figures came: a row `target.revenue | 3M | 3M`, a change
    // that changed nothing.
    let mut app = session(&small_anecdote(), None);
    type_target(&mut app, "200k");
    let rows = app.log.len();
    for nudge in [KeyCode::Right, KeyCode::Right, KeyCode::Left, KeyCode::Left] {
        let _ = app.handle(key(nudge));
    }
    assert_eq!(app.log.len(), rows, "{:?}", app.log.last());
    // However the value was spelt: `3100k`, → ←, read `3100k → 3.1M`.
    type_target(&mut app, "3100k");
    let rows = app.log.len();
    for nudge in [KeyCode::Right, KeyCode::Left] {
        let _ = app.handle(key(nudge));
    }
    assert_eq!(app.scenario.target_revenue, 3.1e6);
    assert_eq!(app.log.len(), rows, "{:?}", app.log.last());
    // Nor two undos that come back to the value: 3.1M, 3M, 3.1M undone twice.
    let mut app = session(&small_anecdote(), None);
    for nudge in [KeyCode::Right, KeyCode::Left, KeyCode::Right] {
        press(&mut app, &[key(nudge)]);
    }
    let rows = app.log.len();
    for _ in 0..2 {
        let _ = app.handle(key(KeyCode::Char('u')));
    }
    assert_eq!(app.scenario.target_revenue, 3.1e6);
    assert_eq!(app.log.len(), rows, "{:?}", app.log.last());
    // A third undo, to 3M, is a row again.
    let _ = app.handle(key(KeyCode::Char('u')));
    let undo = app.log.last().expect("a row");
    assert_eq!((undo.old.as_str(), undo.new.as_str()), ("3.1M", "3M"));
}

#[test]
fn an_input_changed_and_saved_stays_marked_when_typed_back() {
    // 400k saved, then 3M typed (the value the session opened with): the file says 400k,
    // the session 3M, and the input had no mark.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    type_target(&mut app, "400k");
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    press(&mut app, &[written("plan.toml", &request.text)]);
    type_target(&mut app, "3M");
    assert!(app.is_dirty());
    assert!(app.is_edited(Item::Field(Field::TargetRevenue)));
    let screen = super::common::screen(&app, 80, 24);
    assert!(screen.contains("│• target        3M"), "{screen}");
}

#[test]
fn a_value_nudged_up_and_back_is_no_edit_and_keeps_the_files_spelling() {
    // 02 writes `confidence = 0.8`: nudged up and back it read `80%`, stayed marked, and a
    // save rewrote the line.
    let text = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml")
        .expect("the worked example")
        .replace("samples = 100000", "samples = 2000");
    let mut app = session(&text, Some("plan.toml"));
    for name in ["confidence", "serviceable", "ceiling", "revenue"] {
        press(&mut app, &finding(name));
        press(&mut app, &[key(KeyCode::Right)]);
        assert!(app.is_dirty(), "{name} nudged up");
        press(&mut app, &[key(KeyCode::Left)]);
        assert!(!app.is_dirty(), "{name} nudged back: {:?}", app.edits);
        assert!(!app.is_edited(app.selected_item()), "{name}");
    }
    // Typed in another spelling, too: 80% for 0.8.
    let mut keys = editing("confidence");
    keys.extend(typed("80%"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    assert!(!app.is_dirty(), "{:?}", app.edits);
    assert_eq!(app.field_text(Field::Confidence), "0.8");
}

#[test]
fn values_typed_before_the_figures_come_are_each_logged() {
    // Three values typed in a burst made one row, 3M → 150k; undo then restored 5M, a value
    // the log never showed. Each typed value is an undo step, and a row, of its own.
    let mut app = session(&small_anecdote(), None);
    for value in ["100k", "5M", "150k"] {
        let mut keys = editing("revenue");
        keys.extend(typed(value));
        keys.push(key(KeyCode::Enter));
        for k in keys {
            let _ = app.handle(k);
        }
    }
    let rows: Vec<(&str, &str)> = app
        .log
        .iter()
        .map(|e| (e.old.as_str(), e.new.as_str()))
        .collect();
    assert_eq!(rows, [("3M", "100k"), ("100k", "5M"), ("5M", "150k")]);
    let _ = app.handle(key(KeyCode::Char('u')));
    assert_eq!(app.scenario.target_revenue, 5e6);
    let undo = app.log.last().expect("the undo is logged");
    assert_eq!((undo.old.as_str(), undo.new.as_str()), ("150k", "5M"));
}

#[test]
fn undo_and_redo_walk_the_history() {
    let mut app = session(&small_anecdote(), None);
    type_target(&mut app, "200k");
    press(&mut app, &[key(KeyCode::Char('u'))]);
    assert_eq!(app.scenario.target_revenue, 3e6);
    assert!(!app.is_dirty(), "undone back to the file");
    assert_eq!(app.log.last().unwrap().input, "undo target.revenue");
    press(&mut app, &[ctrl('r')]);
    assert_eq!(app.scenario.target_revenue, 200e3);
    assert_eq!(app.log.last().unwrap().new, "200k");
    press(&mut app, &[ctrl('r')]);
    assert_eq!(app.status.as_ref().unwrap().text, "nothing to redo");
}

#[test]
fn the_active_role_switches_and_signs_the_next_edit() {
    let mut app = session(&small_anecdote(), None);
    assert_eq!(app.role(), "Dana (CEO)");
    press(&mut app, &[key(KeyCode::Char('r'))]);
    assert_eq!(app.role(), "Sam (CMO)");
    press(&mut app, &[key(KeyCode::Right)]);
    assert_eq!(app.log.last().unwrap().role, "Sam (CMO)");
}

#[test]
fn one_person_alone_edits_signs_the_log_and_is_told_r_has_no_one_to_pass_to() {
    let (mut app, effects) = App::new(
        &small_anecdote(),
        Some(PathBuf::from("plan.toml")),
        vec!["Sam (CMO)".to_string()],
        || "2026-11-23 09:30:00".to_string(),
        crate::tui::tests::common::DISK,
    )
    .expect("the scenario parses");
    crate::tui::tests::common::run(&mut app, effects);
    press(&mut app, &[key(KeyCode::Char('r'))]);
    assert_eq!(app.role(), "Sam (CMO)");
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .starts_with("Sam (CMO) alone is editing"),
        "{:?}",
        app.status
    );
    let screen = crate::tui::tests::common::screen(&app, 80, 24);
    let title = screen.lines().next().unwrap_or_default();
    assert!(title.ends_with("editing: Sam (CMO) \""), "{title:?}");
    // Nor does the footer offer `r role`.
    let footer = screen.lines().last().unwrap_or_default();
    assert!(
        footer.contains("/find b base") && !footer.contains("r role"),
        "{footer}"
    );
    // Nor help: it opened on "Two people, one keyboard" and listed `r`.
    press(&mut app, &[key(KeyCode::Char('?'))]);
    let help = crate::tui::tests::common::screen(&app, 80, 24);
    assert!(
        !help.contains("Two people") && !help.contains("switch who"),
        "{help}"
    );
    assert!(help.contains("• marks an input changed"), "{help}");
    press(&mut app, &[key(KeyCode::Esc)]);
    type_target(&mut app, "200k");
    let effects = press(&mut app, &[key(KeyCode::Char('s'))]);
    let [Effect::Save(request)] = &effects[..] else {
        panic!("one save: {effects:?}")
    };
    let log = &request.session_log.text;
    assert!(
        log.contains("## Session of 2026-11-23 09:30:00 (Sam (CMO))\n"),
        "{log}"
    );
    assert!(
        log.contains("| Sam (CMO) | target.revenue | 3M | 200k |"),
        "{log}"
    );
}

#[test]
fn three_people_pass_the_keyboard_round() {
    let mut app = session(&small_anecdote(), None);
    app.roles.push("Kim (CFO)".to_string());
    let mut seen = Vec::new();
    for _ in 0..4 {
        press(&mut app, &[key(KeyCode::Char('r'))]);
        seen.push(app.role().to_string());
    }
    assert_eq!(seen, ["Sam (CMO)", "Kim (CFO)", "Dana (CEO)", "Sam (CMO)"]);
}

#[test]
fn quitting_with_unsaved_edits_asks_first() {
    let mut app = session(&small_anecdote(), None);
    assert_eq!(press(&mut app, &[key(KeyCode::Char('q'))]), [Effect::Quit]);
    let mut app = session(&small_anecdote(), None);
    type_target(&mut app, "200k");
    assert!(press(&mut app, &[key(KeyCode::Char('q'))]).is_empty());
    assert!(matches!(app.mode, Mode::ConfirmQuit { .. }));
    assert!(
        press(&mut app, &[key(KeyCode::Esc)]).is_empty(),
        "Esc stays"
    );
    assert!(matches!(app.mode, Mode::Normal));
    assert!(press(&mut app, &[ctrl('c')]).is_empty(), "Ctrl-C asks too");
    assert_eq!(press(&mut app, &[key(KeyCode::Char('d'))]), [Effect::Quit]);
}

#[test]
fn saving_writes_the_value_as_typed_and_keeps_the_comments() {
    let text = small_anecdote();
    let mut app = session(&text, Some("plan.toml"));
    type_target(&mut app, "200k");
    let effects = press(&mut app, &[key(KeyCode::Char('s'))]);
    let [Effect::Save(request)] = &effects[..] else {
        panic!("one save: {effects:?}")
    };
    assert_eq!(request.path, PathBuf::from("plan.toml"));
    assert_eq!(request.expect, Expect::Text(text.clone()));
    // Byte for byte the file, but for the edited value (its comment, lined up with the
    // others, stays in its column).
    assert_eq!(
        request.text,
        text.replace("revenue = \"3M\"  ", "revenue = \"200k\"")
    );
    assert!(
        request
            .session_log
            .text
            .contains("## Session of 2026-11-23 09:30:00 (Dana (CEO) and Sam (CMO))")
    );
    assert!(
        request
            .session_log
            .text
            .contains("| 09:30:00 | Dana (CEO) | target.revenue | 3M | 200k | 0% |")
    );
    let saved = request.text.clone();
    press(&mut app, &[written("plan.toml", &saved)]);
    assert!(!app.is_dirty());
    // The next save expects what was just written, and logs only the new entries.
    press(&mut app, &[key(KeyCode::Right)]);
    let effects = press(&mut app, &[key(KeyCode::Char('s'))]);
    let [Effect::Save(request)] = &effects[..] else {
        panic!("a save")
    };
    assert_eq!(request.expect, Expect::Text(saved));
    assert!(!request.session_log.text.contains("## Session"));
    assert_eq!(request.session_log.text.lines().count(), 1);
}

#[test]
fn a_file_changed_on_disk_is_overwritten_only_when_confirmed() {
    let text = small_anecdote();
    let on_disk = text.replace("horizon_days = 90", "horizon_days = 180");
    let mut app = session(&text, Some("plan.toml"));
    type_target(&mut app, "200k");
    let conflict = colleague_saved(on_disk.clone());
    press(&mut app, std::slice::from_ref(&conflict));
    assert!(matches!(app.mode, Mode::Conflict(_)));
    assert!(press(&mut app, &[key(KeyCode::Char('n'))]).is_empty());
    assert!(matches!(app.mode, Mode::Normal));
    assert!(app.is_dirty());
    press(&mut app, &[conflict]);
    let effects = press(&mut app, &[key(KeyCode::Char('y'))]);
    assert!(matches!(&effects[..], [Effect::Save(r)] if r.expect == Expect::Text(on_disk)));
}

#[test]
fn the_built_in_scenario_asks_for_a_file_name() {
    let mut app = session(&small_anecdote(), None);
    type_target(&mut app, "200k");
    assert!(press(&mut app, &[key(KeyCode::Char('s'))]).is_empty());
    assert!(matches!(app.mode, Mode::SavingAs(_)));
    let mut keys = vec![ctrl('u')];
    keys.extend(typed("q3.toml"));
    keys.push(key(KeyCode::Enter));
    let effects = press(&mut app, &keys);
    let [Effect::Save(request)] = &effects[..] else {
        panic!("a save")
    };
    assert_eq!(request.path, PathBuf::from("q3.toml"));
    assert_eq!(
        request.expect,
        Expect::Nothing,
        "never clobber an existing file unasked"
    );
    press(&mut app, &[written("q3.toml", &request.text)]);
    assert_eq!(app.file, Some(PathBuf::from("q3.toml")));
}

#[test]
fn saving_then_quitting_quits_after_the_save() {
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    type_target(&mut app, "200k");
    press(&mut app, &[key(KeyCode::Char('q'))]);
    let effects = press(&mut app, &[key(KeyCode::Char('s'))]);
    let [Effect::Save(request)] = &effects[..] else {
        panic!("a save")
    };
    let after = press(&mut app, &[written(request.path.clone(), &request.text)]);
    assert_eq!(after, [Effect::Quit]);
}

#[test]
fn saving_then_quitting_quits_after_the_save_a_changed_file_asked_about() {
    // q, s found the file changed on disk; y overwrote it, or m merged: saved, and the
    // session stayed open.
    let text = small_anecdote();
    let on_disk = text.replace("horizon_days = 90", "horizon_days = 180");
    for answer in ['y', 'm'] {
        let mut app = session(&text, Some("plan.toml"));
        type_target(&mut app, "200k");
        press(
            &mut app,
            &[key(KeyCode::Char('q')), key(KeyCode::Char('s'))],
        );
        let conflict = colleague_saved(on_disk.clone());
        let effects = press(&mut app, &[conflict, key(KeyCode::Char(answer))]);
        let [Effect::Save(request)] = &effects[..] else {
            panic!("{answer}: a save, got {effects:?} in {:?}", app.mode)
        };
        let after = press(&mut app, &[written(request.path.clone(), &request.text)]);
        assert!(after.contains(&Effect::Quit), "{answer}: {after:?}");
    }
}

#[test]
fn a_failed_save_is_reported_and_keeps_the_session_open() {
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    type_target(&mut app, "200k");
    press(
        &mut app,
        &[key(KeyCode::Char('q')), key(KeyCode::Char('s'))],
    );
    let after = press(
        &mut app,
        &[super::common::save_failed(
            "plan.toml",
            "plan.toml: cannot save: disk full",
        )],
    );
    assert!(after.is_empty(), "no quit after a failed save");
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.error && s.text.contains("disk full"))
    );
    assert!(
        app.status.as_ref().is_some_and(|s| s
            .text
            .ends_with("; the edits are kept: S saves them under another name")),
        "where else the edits can go"
    );
    assert!(app.is_dirty());
    // Its folder gone (renamed mid-session): the plan's new name saves it there.
    let mut app = session(&small_anecdote(), Some("d1/plan.toml"));
    type_target(&mut app, "200k");
    press(
        &mut app,
        &[super::common::save_failed(
            "d1/plan.toml",
            "d1/plan.toml: cannot write: there is no folder d1",
        )],
    );
    let said = super::common::status_text(&app);
    assert!(
        said.ends_with("(its folder renamed? S and the plan's new name saves it there)"),
        "{said}"
    );
}

#[test]
fn stale_results_never_replace_newer_ones() {
    let mut app = session(&small_anecdote(), None);
    // Two quick edits: generations 1 and 2; results arrive out of order.
    let first = app.handle(key(KeyCode::Right));
    let second = app.handle(key(KeyCode::Right));
    run(&mut app, second);
    let newest = app.results.clone().unwrap();
    assert_eq!(newest.generation, 2);
    run(&mut app, first);
    assert_eq!(app.results.as_ref().unwrap().generation, 2);
    assert_eq!(app.results.as_ref().unwrap().headline, newest.headline);
}

#[test]
fn help_opens_and_any_key_closes_it() {
    let mut app = session(&small_anecdote(), None);
    press(&mut app, &[key(KeyCode::Char('?'))]);
    assert!(matches!(app.mode, Mode::Help { keys_alone: false }));
    press(&mut app, &[key(KeyCode::Char('x'))]);
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn a_nudge_that_cannot_move_says_why() {
    let text = small_anecdote().replace(
        "serviceable = 0.8",
        "serviceable = { dist = \"beta\", alpha = 8, beta = 2 }",
    );
    let mut app = session(&text, None);
    let mut keys = vec![key(KeyCode::Char('/'))];
    keys.extend(typed("serviceable"));
    keys.extend([key(KeyCode::Enter), key(KeyCode::Right)]);
    assert!(press(&mut app, &keys).is_empty());
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.error && s.text.contains("beta"))
    );
}

#[test]
fn keys_behind_the_too_small_screen_do_nothing_but_quit_asks_visibly() {
    let mut app = session(&small_anecdote(), None);
    press(&mut app, &[key(KeyCode::Right)]);
    let before = app.scenario.clone();
    press(
        &mut app,
        &[Msg::Resize {
            width: 60,
            height: 20,
        }],
    );
    for k in [
        key(KeyCode::Right),
        key(KeyCode::Down),
        key(KeyCode::Enter),
        key(KeyCode::Char('?')),
        key(KeyCode::Char('u')),
        key(KeyCode::Char('b')),
        key(KeyCode::Char('s')),
    ] {
        assert!(press(&mut app, &[k]).is_empty());
        assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    }
    assert_eq!(app.scenario, before);
    assert_eq!(app.selected, 0);
    assert!(app.baseline.is_none());
    // q asks, as at full size, and the question's keys work.
    assert!(press(&mut app, &[key(KeyCode::Char('q'))]).is_empty());
    assert!(matches!(app.mode, Mode::ConfirmQuit { .. }));
    assert_eq!(press(&mut app, &[key(KeyCode::Char('d'))]), [Effect::Quit]);
    // Without edits, Ctrl-C quits at once.
    let mut app = session(&small_anecdote(), None);
    press(
        &mut app,
        &[Msg::Resize {
            width: 79,
            height: 40,
        }],
    );
    assert_eq!(press(&mut app, &[ctrl('c')]), [Effect::Quit]);
}

#[test]
fn a_question_open_when_the_screen_shrinks_stays_open_and_takes_its_answers() {
    // Save-as, open when the window shrank below 80×24, is drawn over the message (README
    // "Terminal too small"): its name can still be typed, and Enter saves under it.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    type_target(&mut app, "200k");
    let mut keys = vec![key(KeyCode::Char('S')), ctrl('u')];
    keys.push(Msg::Resize {
        width: 60,
        height: 20,
    });
    keys.extend(typed("board"));
    keys.push(key(KeyCode::Enter));
    let request = the_save(&press(&mut app, &keys));
    assert_eq!(request.path, PathBuf::from("board.toml"));
    assert!(request.text.contains("200k"), "{}", request.text);
}

#[test]
fn enter_enter_changes_nothing_and_logs_nothing() {
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    let effects = press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert!(effects.is_empty());
    assert!(app.log.is_empty());
    assert!(!app.is_dirty());
    press(&mut app, &[key(KeyCode::Char('u'))]);
    assert_eq!(app.status.as_ref().unwrap().text, "nothing to undo");
    assert!(app.log.is_empty(), "no blank undo line either");
}

#[test]
fn typing_back_the_files_value_is_no_edit() {
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    press(&mut app, &[key(KeyCode::Right)]);
    assert!(app.is_dirty());
    press(&mut app, &[key(KeyCode::Left)]);
    assert_eq!(app.field_text(Field::TargetRevenue), "3M");
    assert!(!app.is_dirty(), "back to what the file says");
}

#[test]
fn an_undo_names_what_it_undid_in_the_spelling_typed() {
    let mut app = session(&small_anecdote(), None);
    let mut keys = vec![key(KeyCode::Enter), ctrl('u')];
    keys.extend(typed("3500k"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    assert_eq!(app.log.len(), 1);
    press(&mut app, &[key(KeyCode::Char('u'))]);
    let undo = app.log.last().unwrap();
    assert_eq!(undo.input, "undo target.revenue");
    assert_eq!((undo.old.as_str(), undo.new.as_str()), ("3500k", "3M"));
    assert!(app.log.iter().all(|e| !e.input.trim().is_empty()));
}

#[test]
fn the_log_writes_both_sides_of_a_row_in_the_keys_own_form() {
    // The file says `serviceable = 0.8`: a nudge logged `80% → 81%`, its undo `81% → 0.8`, a
    // typed value `0.8 → 83%`.
    let mut app = session(&small_anecdote(), None);
    let mut keys = vec![key(KeyCode::Char('/'))];
    keys.extend(typed("serviceable"));
    keys.extend([
        key(KeyCode::Enter),
        key(KeyCode::Right),
        key(KeyCode::Char('u')),
    ]);
    keys.extend([key(KeyCode::Enter), ctrl('u')]);
    keys.extend(typed("83%"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    let rows: Vec<(&str, &str, &str)> = app
        .log
        .iter()
        .map(|e| (e.input.as_str(), e.old.as_str(), e.new.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("market.serviceable", "80%", "81%"),
            ("undo market.serviceable", "81%", "80%"),
            ("market.serviceable", "80%", "83%"),
        ]
    );
    // Typed back as the file writes it, it is no edit, and reads in the key's form too.
    let mut keys = vec![key(KeyCode::Enter), ctrl('u')];
    keys.extend(typed("0.8"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    let last = app.log.last().unwrap();
    assert_eq!((last.old.as_str(), last.new.as_str()), ("83%", "80%"));
    // A percentage typed as a fraction reads as one, both where it is typed and where a later
    // row starts from it: `80% → 0.9` read as 0.9%.
    for (typed_text, logged) in [("0.9", ("80%", "90%")), ("0.95", ("90%", "95%"))] {
        let mut keys = vec![key(KeyCode::Enter), ctrl('u')];
        keys.extend(typed(typed_text));
        keys.push(key(KeyCode::Enter));
        press(&mut app, &keys);
        let last = app.log.last().unwrap();
        assert_eq!((last.old.as_str(), last.new.as_str()), logged);
    }
    // What is saved stays as typed.
    assert_eq!(app.field_text(Field::MarketServiceable), "0.95");
    // A percentage typed as one is logged as typed, its trailing zero too.
    let mut keys = vec![key(KeyCode::Enter), ctrl('u')];
    keys.extend(typed("82.50%"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    let last = app.log.last().unwrap();
    assert_eq!((last.old.as_str(), last.new.as_str()), ("95%", "82.50%"));
}

#[test]
fn undos_of_one_input_faster_than_their_figures_make_one_row() {
    // 200 undos held down were 200 rows of `… → …`, burying the meeting's edits.
    let mut app = session(&small_anecdote(), None);
    for value in ["200k", "300k", "400k"] {
        type_target(&mut app, value);
    }
    let rows = app.log.len();
    // Handled without computing: their figures are not in yet.
    for _ in 0..3 {
        app.handle(key(KeyCode::Char('u')));
    }
    assert_eq!(app.log.len(), rows + 1, "{:?}", app.log);
    let undo = app.log.last().unwrap();
    assert_eq!(undo.input, "undo target.revenue");
    assert_eq!((undo.old.as_str(), undo.new.as_str()), ("400k", "3M"));
    // A redo is a row of its own, and each undo step was still one step.
    press(&mut app, &[ctrl('r')]);
    assert_eq!(app.scenario.target_revenue, 200e3);
    let redo = app.log.last().unwrap();
    assert_eq!(
        (redo.input.as_str(), redo.old.as_str(), redo.new.as_str()),
        ("redo target.revenue", "3M", "200k")
    );
}

#[test]
fn ctrl_u_outside_the_editor_does_nothing() {
    let mut app = session(&small_anecdote(), None);
    type_target(&mut app, "200k");
    let log = app.log.len();
    assert!(press(&mut app, &[ctrl('u')]).is_empty());
    assert_eq!(app.scenario.target_revenue, 200e3, "not an undo");
    assert_eq!(app.log.len(), log);
}

#[test]
fn a_stray_b_asks_before_the_pinned_baseline_is_lost() {
    let mut app = session(&small_anecdote(), None);
    press(&mut app, &[key(KeyCode::Char('b'))]);
    let pinned = app.baseline.clone().expect("pinned");
    type_target(&mut app, "200k");
    press(&mut app, &[key(KeyCode::Char('b'))]);
    assert!(matches!(app.mode, Mode::ConfirmBaseline));
    press(&mut app, &[key(KeyCode::Char('b'))]);
    assert_eq!(app.baseline.as_ref(), Some(&pinned), "a second b keeps it");
    press(&mut app, &[key(KeyCode::Char('b')), key(KeyCode::Enter)]);
    let repinned = app.baseline.clone().expect("re-pinned");
    assert_ne!(
        repinned.headline.p_feasible, pinned.headline.p_feasible,
        "at the current results"
    );
    press(&mut app, &[key(KeyCode::Char('b')), key(KeyCode::Delete)]);
    assert!(app.baseline.is_none(), "Delete clears it");
}

#[test]
fn b_right_after_an_edit_pins_that_edits_figures_once_they_are_in() {
    // `→` then `b` at once pinned the figures of the plan before the nudge, and the
    // comparison said the inputs changed since were "Not known".
    let mut app = session(&small_anecdote(), None);
    type_target(&mut app, "400k");
    let before = app.results.as_ref().expect("figures").headline.clone();
    let effects = app.handle(key(KeyCode::Right));
    app.handle(key(KeyCode::Char('b')));
    assert!(app.baseline.is_none(), "not the figures before the nudge");
    assert!(
        app.status.as_ref().is_some_and(|s| s
            .text
            .starts_with("the figures of the last edit are computing")),
        "{:?}",
        app.status
    );
    let (headline, panels) = answers_to(&effects);
    app.handle(headline);
    app.handle(panels);
    let pinned = app
        .baseline
        .clone()
        .expect("pinned once the figures are in")
        .headline;
    let now = app.results.as_ref().expect("figures").headline.clone();
    assert_eq!(pinned, now);
    assert_ne!(pinned.p_feasible, before.p_feasible);
    // Edited again before the figures came: nothing pinned, and said.
    let mut app = session(&small_anecdote(), None);
    let first = app.handle(key(KeyCode::Right));
    app.handle(key(KeyCode::Char('b')));
    let second = app.handle(key(KeyCode::Right));
    let (headline, _) = answers_to(&first);
    app.handle(headline);
    assert!(app.baseline.is_none());
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.starts_with("the baseline was not pinned")),
        "{:?}",
        app.status
    );
    let (headline, panels) = answers_to(&second);
    app.handle(headline);
    app.handle(panels);
    assert!(app.baseline.is_none(), "only b pins");
    // A baseline cleared while a re-pin waits stays cleared when the figures come.
    press(&mut app, &[key(KeyCode::Char('b'))]);
    assert!(app.baseline.is_some());
    let effects = app.handle(key(KeyCode::Right));
    app.handle(key(KeyCode::Char('b')));
    app.handle(key(KeyCode::Enter));
    app.handle(key(KeyCode::Char('b')));
    app.handle(key(KeyCode::Delete));
    let (headline, panels) = answers_to(&effects);
    app.handle(headline);
    app.handle(panels);
    assert!(app.baseline.is_none(), "cleared, and it stays so");
    // Before any figures there is nothing to pin, nor any edit to wait for.
    let roles = ["Dana (CEO)".to_string(), "Sam (CMO)".to_string()];
    let (mut app, _) = App::new(
        &small_anecdote(),
        None,
        roles,
        super::common::clock,
        super::common::DISK,
    )
    .expect("the scenario parses");
    app.handle(key(KeyCode::Char('b')));
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text == "no results to pin yet"),
        "{:?}",
        app.status
    );
}

#[test]
fn the_log_records_the_baseline_and_the_exports_made_from_it() {
    // The session log held only edits: a comparison exported against a baseline could not be
    // traced to when the baseline was taken.
    let mut app = session(&small_anecdote(), Some("plans/q3.toml"));
    let rows = |app: &App| -> Vec<(String, String, String)> {
        app.log
            .iter()
            .map(|e| (e.input.clone(), e.old.clone(), e.new.clone()))
            .collect()
    };
    press(&mut app, &[key(KeyCode::Char('b'))]);
    type_target(&mut app, "200k");
    press(
        &mut app,
        &[Msg::Exported {
            paths: vec![
                PathBuf::from("plans/q3.comparison.csv"),
                PathBuf::from("plans/q3.comparison.md"),
            ],
            plan_changed: None,
        }],
    );
    press(&mut app, &[key(KeyCode::Char('b')), key(KeyCode::Delete)]);
    // Pinned, then pinned again over it (`b` Enter), which read as a first pin.
    let again = [key(KeyCode::Char('b')), key(KeyCode::Enter)];
    press(&mut app, &[key(KeyCode::Char('b'))]);
    press(&mut app, &again);
    let row = |input: &str, old: &str, new: &str| (input.into(), old.into(), new.into());
    assert_eq!(
        rows(&app),
        [
            row("baseline", "—", "pinned"),
            row("target.revenue", "3M", "200k"),
            row("export", "—", "plans/q3.comparison.csv and .md"),
            row("baseline", "pinned", "cleared"),
            row("baseline", "—", "pinned"),
            row("baseline", "pinned", "pinned again"),
        ]
    );
    // Written with the next save, as every row is.
    let save = press(&mut app, &[key(KeyCode::Char('s'))]);
    let request = super::common::the_save(&save);
    assert!(
        request
            .session_log
            .text
            .contains("| baseline | — | pinned |"),
        "{}",
        request.session_log.text
    );
}

#[test]
fn a_log_row_reads_p_feasible_at_the_confidence_it_had_when_it_happened() {
    // A baseline pinned at 99% beside a headline reading 98.9%, saved after a move to 80%:
    // its row read `99%`, at the confidence of the save.
    let plan = small_anecdote().replace("confidence = 0.8 ", "confidence = 0.99");
    let mut app = session(&plan, Some("plan.toml"));
    if let Some(results) = app.results.as_mut() {
        results.headline.p_feasible = 0.989_54;
    }
    press(
        &mut app,
        &[key(KeyCode::Char('b')), key(KeyCode::Char('/'))],
    );
    let mut keys = typed("confidence");
    keys.extend([key(KeyCode::Enter), key(KeyCode::Enter), ctrl('u')]);
    keys.extend(typed("80%"));
    keys.extend([key(KeyCode::Enter), key(KeyCode::Char('s'))]);
    let save = press(&mut app, &keys);
    let log = &the_save(&save).session_log.text;
    assert!(
        log.contains("| baseline | — | pinned | 98.9% | 98.9% |"),
        "{log}"
    );
}

#[test]
fn a_log_row_of_a_confidence_changed_reads_the_same_p_feasible_alike_on_both_sides() {
    // `confidence 80% → 99%`, the samples unmoved: the row read `99% | 98.9%`, a change of P
    // the comparison with a baseline no longer shows.
    let at = |confidence| {
        Some(LoggedP {
            p: 0.989_54,
            confidence,
        })
    };
    assert_eq!(LoggedP::both_shown(at(0.8), at(0.99)), ["98.9%", "98.9%"]);
    assert_eq!(LoggedP::both_shown(at(0.8), at(0.8)), ["99%", "99%"]);
}

#[test]
fn a_digit_typed_on_an_input_starts_its_value_afresh() {
    // An executive types the number: `25M` then Enter did nothing without Enter first.
    let mut app = session(&small_anecdote(), None);
    let mut keys = typed("25M");
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    assert_eq!(app.scenario.target_revenue, 25e6);
    // Esc leaves the value as it was, as in the editor opened by Enter.
    press(&mut app, &[key(KeyCode::Char('7')), key(KeyCode::Esc)]);
    assert_eq!(app.scenario.target_revenue, 25e6);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
}

#[test]
fn an_amount_typed_as_the_session_shows_it_is_read_and_saved_without_its_currency() {
    // The levers show `$2.58M`; typed back, it was refused: "a currency; write amounts
    // without `$`".
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    let mut keys = editing("revenue");
    keys.extend(typed("$2.5M"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    assert_eq!(app.scenario.target_revenue, 2.5e6);
    let save = press(&mut app, &[key(KeyCode::Char('s'))]);
    let request = super::common::the_save(&save);
    assert!(
        request.text.contains("revenue = \"2.5M\""),
        "{}",
        request.text
    );
    // Another currency's sign is still refused.
    let mut keys = editing("revenue");
    keys.extend(typed("€3M"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    let error = refusal(&app);
    assert!(error.contains("a currency"), "{error}");
}

#[test]
fn a_sign_typed_on_an_input_starts_a_value_and_nudges_nothing() {
    // `-5%` typed on a growth of 5% to 20% nudged it down a point with `-`, then set it to 5%
    // with `5%` Enter: the sign lost, unsaid, in two rows of the log.
    let mut app = session(&small_anecdote(), None);
    press(&mut app, &finding("growth"));
    assert_eq!(app.selected_item(), Item::Field(Field::MarketGrowth));
    let mut keys = typed("-5%");
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    assert_eq!(app.field_text(Field::MarketGrowth), "-5%");
    assert_eq!(app.log.len(), 1, "one edit, no nudge");
    // A minus sign or a dash from a slide, typed or pasted as keys: it was dropped, and the
    // growth read +3%.
    let mut keys = typed("\u{2212}3%");
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    assert_eq!(app.field_text(Field::MarketGrowth), "-3%");
    // A dash before a digit at the start is a sign too (it was refused as "not a number").
    let mut keys = typed("\u{2013}4%");
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    assert_eq!(app.field_text(Field::MarketGrowth), "-4%");
    // `+` starts a value too, which a count cannot take as a change: refused, not read as 1.
    let mut keys = finding("reps");
    keys.extend(typed("+1"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    assert_eq!(app.selected_item(), Item::Field(Field::CapacityReps));
    let error = refusal(&app);
    assert!(error.contains("type 7 for 6 + 1"), "{error}");
    assert_eq!(app.log.len(), 3, "the three growths");
}

#[test]
fn the_export_message_names_both_files_briefly() {
    let mut app = session(&small_anecdote(), Some("plans/q3.toml"));
    press(
        &mut app,
        &[Msg::Exported {
            paths: vec![
                PathBuf::from("plans/q3.summary.csv"),
                PathBuf::from("plans/q3.summary.md"),
            ],
            plan_changed: None,
        }],
    );
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "exported plans/q3.summary.csv and .md"
    );
    // The plan changed on disk since (a colleague's save): the export read as the file's,
    // its "the file says 120M to 180M" as the file now, which said otherwise.
    press(
        &mut app,
        &[Msg::Exported {
            paths: vec![PathBuf::from("plans/q3.report.html")],
            plan_changed: Some(PathBuf::from("plans/q3.toml")),
        }],
    );
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "exported plans/q3.report.html: open it in a browser to read or print it; note: \
         plans/q3.toml changed on disk since this session read or saved it: the export is of \
         this session's plan (s saves, asking about the change)"
    );
}

#[test]
fn a_paste_is_typed_into_the_editor_and_never_run_as_keys() {
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    type_target(&mut app, "200k");
    assert!(app.is_dirty());
    // A spreadsheet cell with its newline, then what would quit and discard as keys; its
    // control characters (an escape, a bell) are dropped.
    let mut keys = vec![key(KeyCode::Char('/'))];
    keys.extend(typed("horizon"));
    keys.extend([key(KeyCode::Enter), key(KeyCode::Enter), ctrl('u')]);
    keys.push(Msg::Paste("1\u{1b}8\u{7}0\rqd\r".to_string()));
    let effects = press(&mut app, &keys);
    assert!(effects.is_empty(), "{effects:?}");
    let Mode::Editing { input, .. } = &app.mode else {
        panic!("still editing: {:?}", app.mode);
    };
    // Its lines are text in the editor, read as one value: refused, nothing applied.
    assert_eq!(input.value(), "180 qd");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(matches!(app.mode, Mode::Editing { .. }), "{:?}", app.mode);
    assert_ne!(app.scenario.horizon_days, 180);
    press(
        &mut app,
        &[ctrl('u'), Msg::Paste("\n 270 \n\n".to_string())],
    );
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(
        app.scenario.horizon_days, 270,
        "the lines with text, trimmed"
    );
    // A table written over several lines reads whole (its first line alone was refused as
    // unclosed).
    let mut keys = finding("growth");
    keys.extend([key(KeyCode::Enter), ctrl('u')]);
    keys.push(Msg::Paste(
        "{ dist = \"normal\",\n  mean = \"8%\",\r\n  sd = \"3%\" }\n".to_string(),
    ));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    assert_eq!(
        app.field_text(Field::MarketGrowth),
        "{ dist = \"normal\", mean = \"8%\", sd = \"3%\" }"
    );
    // Outside an editor a paste does nothing but say where it goes.
    let effects = press(&mut app, &[Msg::Paste("qd".to_string())]);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(matches!(app.mode, Mode::Normal));
    assert!(app.is_dirty(), "the edits are still there");
    let said = app.status.as_ref().map(|s| s.text.clone());
    assert_eq!(
        said.as_deref(),
        Some("to paste a value, open its editor first (Enter)")
    );
    // In a question, a paste is no answer, and Enter is none of its keys: it says so.
    press(
        &mut app,
        &[key(KeyCode::Char('q')), Msg::Paste("dddd".to_string())],
    );
    assert!(matches!(app.mode, Mode::ConfirmQuit { .. }));
    assert_eq!(
        status_text(&app),
        "a paste is no answer: the question takes one of its keys"
    );
    press(&mut app, &[key(KeyCode::Esc)]);
    // A paste cut at its most is said while it is typed, and no longer once a value is
    // applied in its place.
    let cut = "pasted the first 4,096 of 5,000";
    press(
        &mut app,
        &[key(KeyCode::Enter), Msg::Paste("x".repeat(5000))],
    );
    assert!(status_text(&app).starts_with(cut));
    // Refused, the cut text still there: still said.
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(matches!(app.mode, Mode::Editing { .. }));
    assert!(status_text(&app).starts_with(cut), "{}", status_text(&app));
    let mut keys = vec![ctrl('u')];
    keys.extend(typed("4M"));
    press(&mut app, &keys);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(status_text(&app), "");
    // Behind the too-small screen `q` quits: a pasted `q` is still only text.
    let mut keys = vec![key(KeyCode::Enter), ctrl('u')];
    keys.push(Msg::Resize {
        width: 40,
        height: 10,
    });
    keys.push(Msg::Paste("qd".to_string()));
    let effects = press(&mut app, &keys);
    assert!(effects.is_empty(), "{effects:?}");
    assert!(app.is_dirty());
}

#[test]
fn a_pasted_values_runs_of_spaces_are_saved_and_logged_as_one() {
    // A table pasted with 4,000 spaces before its `}` was saved as pasted: the file's line and
    // the session log's row each carried the 4,000 spaces.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    let mut keys = finding("quota");
    keys.extend([key(KeyCode::Enter), ctrl('u')]);
    keys.push(Msg::Paste(format!(
        "{{ dist = \"pert\",   min = \"400k\", mode = \"600k\", max = \"900k\"{}}}",
        " ".repeat(4000)
    )));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    let written = "{ dist = \"pert\", min = \"400k\", mode = \"600k\", max = \"900k\" }";
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    let line = request
        .text
        .lines()
        .find(|l| l.starts_with("quota_per_rep"))
        .unwrap_or_default();
    assert_eq!(
        line,
        format!("quota_per_rep = {written}      # annual quota of a ramped rep")
    );
    let row = request
        .session_log
        .text
        .lines()
        .find(|l| l.contains("capacity.quota_per_rep"))
        .unwrap_or_default()
        .to_string();
    assert!(
        row.contains(&format!("| 1.2M | {} |", written.replace('|', "\\|"))),
        "{row}"
    );
    // In quotes too: a value's strings are value forms and names of families, where a run of
    // spaces says what one does (`max = "900k    "` brought the paste's spaces back).
    let mut keys = editing("attainment");
    keys.extend(typed("  \"50%  to  100%\"   "));
    keys.push(key(KeyCode::Enter));
    keys.extend(editing("growth"));
    keys.extend(typed("5%   to    20%"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    for written in ["attainment = \"50% to 100%\"", "growth = \"5% to 20%\""] {
        assert!(request.text.contains(written), "{}", request.text);
    }
}

#[test]
fn a_paste_longer_than_any_value_is_cut_and_said_so() {
    // 200,000 characters were typed one by one into the editor, each insert reading the whole
    // text: half a minute with the session (and a SIGTERM) held up.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    let mut keys = editing_market_size();
    keys.push(Msg::Paste("1".repeat(200_000)));
    press(&mut app, &keys);
    assert_eq!(text_typed(&app), "1".repeat(4096));
    let said = app.status.as_ref().map(|s| s.text.clone());
    assert_eq!(
        said.as_deref(),
        Some("pasted the first 4,096 of 200,000 characters: nothing typed here is that long")
    );
    // One as long as the most is all typed, and nothing said.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    let mut keys = finding("horizon");
    keys.extend([key(KeyCode::Enter), ctrl('u')]);
    keys.push(Msg::Paste("9".repeat(4096)));
    press(&mut app, &keys);
    assert_eq!(text_typed(&app).len(), 4096);
    assert!(app.status.is_none(), "{:?}", app.status);
}

/// The text in the editor, the finder or the name prompt.
fn text_typed(app: &App) -> String {
    match &app.mode {
        Mode::Editing { input, .. } | Mode::Finding { input, .. } => input.value().to_string(),
        Mode::SavingAs(name) => name.value().to_string(),
        other => panic!("nothing is being typed: {other:?}"),
    }
}

/// `/market.size`, Enter, Enter, Ctrl-U: the market size's editor, emptied.
fn editing_market_size() -> Vec<Msg> {
    editing("market.size")
}

/// `/name`, Enter: finds an input and selects it.
fn finding(name: &str) -> Vec<Msg> {
    let mut keys = vec![key(KeyCode::Char('/'))];
    keys.extend(typed(name));
    keys.push(key(KeyCode::Enter));
    keys
}

/// Finds an input and opens its editor, emptied (Enter, Ctrl-U), to type a value.
fn editing(name: &str) -> Vec<Msg> {
    let mut keys = finding(name);
    keys.extend([key(KeyCode::Enter), ctrl('u')]);
    keys
}

/// Why the editor, still open, refuses what was typed.
fn refusal(app: &App) -> String {
    let Mode::Editing { error, .. } = &app.mode else {
        panic!("the editor stays open: {:?}", app.mode)
    };
    error.clone().unwrap_or_default()
}

#[test]
fn an_amount_typed_as_an_executive_spells_it_goes_into_the_file_in_the_grammar() {
    // "1.2bn" was refused as an unknown suffix `bn`; a minus sign from a slide as no number.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    type_target(&mut app, "1.2bn");
    assert_eq!(app.scenario.target_revenue, 1.2e9);
    assert_eq!(
        app.edits.get(&Field::TargetRevenue).map(String::as_str),
        Some("1.2B")
    );
    let mut keys = editing("market.growth");
    keys.extend(typed("\u{2212}5%"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    assert_eq!(
        app.edits.get(&Field::MarketGrowth).map(String::as_str),
        Some("-5%")
    );
}

#[test]
fn a_lever_s_factor_typed_in_the_list_is_refused_with_the_value_it_gives() {
    // The levers read "market.size ×9.55"; typed back in the list, the `×` was dropped and the
    // `9.55` after it set a market of $9.55, with a verdict of impossible (a tester).
    for factor in ["×9.55", "x9.55", "*9.55"] {
        let mut app = session(&small_anecdote(), Some("plan.toml"));
        let mut keys = finding("market.size");
        keys.extend(typed(factor));
        keys.push(key(KeyCode::Enter));
        press(&mut app, &keys);
        let error = refusal(&app);
        assert!(
            error.contains(&format!(
                "{factor} is a factor, not a value: type what it gives, 334.25M to 668.5M \
                 (×9.55 of 35M to 70M)"
            )),
            "{error}"
        );
        assert!(app.log.is_empty() && !app.is_dirty());
    }
}

#[test]
fn a_value_typed_as_a_change_is_refused_with_the_sum_meant() {
    // "What if we hire 3 more": `+3` read as 3, and a team of 6 became 3, unsaid.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    let mut keys = editing("horizon_days");
    keys.extend(typed("+30"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    let error = refusal(&app);
    assert!(error.contains("`+30`, a change"), "{error}");
    assert!(
        error.contains("a value typed replaces the one there: type 120 for 90 + 30"),
        "{error}"
    );
    assert_eq!(app.scenario.horizon_days, 90);
    assert!(app.log.is_empty() && !app.is_dirty());
    // `+250.000` may be 250 or 250,000: no sum offered (it read "type 2.00025M for 2M + 250.000").
    let mut keys = vec![key(KeyCode::Esc)];
    keys.extend(editing("revenue"));
    keys.extend(typed("+250.000"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    let error = refusal(&app);
    assert!(error.contains("type the value itself"), "{error}");
    // A range has no one sum to offer.
    let mut keys = vec![key(KeyCode::Esc)];
    keys.extend(editing_market_size());
    keys.extend(typed("+5M"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    let error = refusal(&app);
    assert!(error.contains("type the value itself"), "{error}");
    // On a percentage, `+5%` is 5 points more; a bare `+5` could be points or a fraction.
    let mut keys = vec![key(KeyCode::Esc)];
    keys.extend(editing("confidence"));
    keys.extend(typed("+5%"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    let error = refusal(&app);
    assert!(error.contains("type 85% for 80% + 5%"), "{error}");
    press(&mut app, &[ctrl('u')]);
    press(&mut app, &typed("+5"));
    press(&mut app, &[key(KeyCode::Enter)]);
    let error = refusal(&app);
    assert!(error.contains("type the value itself"), "{error}");
    // A share gain takes a sign: `+6%` is a value, as `-6%` is.
    let mut keys = vec![key(KeyCode::Esc)];
    keys.extend(editing("gain_per_year"));
    keys.extend(typed("+6%"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    assert!(matches!(app.mode, Mode::Normal), "applied: {:?}", app.mode);
    assert_eq!(
        app.scenario.value(Field::ShareGainPerYear),
        skypie::scenario::value::read_text(Field::ShareGainPerYear, "6%").ok()
    );
}

#[test]
fn the_same_value_in_another_spelling_is_no_edit() {
    // `3m` over `3M`, `90.0` over `90`: each was logged, an undo step that changed nothing,
    // the file marked unsaved (and `90.0` saved as a TOML float).
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    type_target(&mut app, "3m");
    let mut keys = editing("horizon_days");
    keys.extend(typed("90.0"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    assert!(app.log.is_empty(), "{:?}", app.log);
    assert!(!app.is_dirty());
    // Nothing to undo: `u` says so rather than step back over nothing.
    press(&mut app, &[key(KeyCode::Char('u'))]);
    let said = super::common::status_text(&app);
    assert!(said.contains("nothing to undo"), "{said}");
    // Another value is an edit, as ever.
    type_target(&mut app, "3.5m");
    assert_eq!(app.log.len(), 1);
    assert!(app.is_dirty());
}

#[test]
fn tab_with_every_panel_on_screen_says_why_it_moves_nothing() {
    // At 120×40 every panel is drawn: Tab changed a tab no one could see, and said nothing.
    let mut app = session(&small_anecdote(), None);
    let resized = |width, height| Msg::Resize { width, height };
    press(&mut app, &[resized(120, 40), key(KeyCode::Tab)]);
    let said = super::common::status_text(&app);
    assert_eq!(
        said,
        "every panel is on screen at this size: Tab picks one below 120×40"
    );
    assert_eq!(app.panel, crate::tui::app::Panel::Histogram);
    // Smaller, Tab moves to the next tab, as ever.
    press(&mut app, &[resized(100, 30), key(KeyCode::Tab)]);
    assert_eq!(app.panel, crate::tui::app::Panel::Tornado);
}

#[test]
fn a_tab_in_a_paste_is_a_space_in_the_editor_the_finder_and_a_file_name() {
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    let mut keys = editing_market_size();
    keys.push(Msg::Paste("1.5M\tto 2M\n".to_string()));
    press(&mut app, &keys);
    assert_eq!(text_typed(&app), "1.5M to 2M");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(matches!(app.mode, Mode::Normal), "applied: {:?}", app.mode);
    assert_eq!(
        app.edits.get(&Field::MarketSize).map(String::as_str),
        Some("1.5M to 2M")
    );
    // Two cells copied side by side keep apart, as do a vertical tab and a form feed.
    let mut keys = editing_market_size();
    keys.push(Msg::Paste("35M\t70M\t".to_string()));
    press(&mut app, &keys);
    assert_eq!(text_typed(&app), "35M 70M");
    let mut keys = vec![ctrl('u')];
    keys.push(Msg::Paste("35M\u{b}to\u{c}70M".to_string()));
    press(&mut app, &keys);
    assert_eq!(text_typed(&app), "35M to 70M");
    // The finder: a correlation's pair as a spreadsheet lists it.
    let mut keys = vec![key(KeyCode::Esc), key(KeyCode::Char('/'))];
    keys.push(Msg::Paste("share\tgain".to_string()));
    press(&mut app, &keys);
    assert_eq!(text_typed(&app), "share gain");
    // A file name: the space it reads, never two words glued into one.
    let mut keys = vec![key(KeyCode::Esc), key(KeyCode::Char('S'))];
    keys.push(Msg::Paste("q3\tboard".to_string()));
    press(&mut app, &keys);
    assert_eq!(text_typed(&app), "q3 board");
    let effects = press(&mut app, &[key(KeyCode::Enter)]);
    let [Effect::Save(request)] = &effects[..] else {
        panic!("a save: {effects:?}")
    };
    assert_eq!(request.path, PathBuf::from("q3 board.toml"));
}

#[test]
fn a_name_pasted_over_several_lines_says_only_its_first_is_taken() {
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    let mut keys = vec![key(KeyCode::Char('S')), ctrl('u')];
    keys.push(Msg::Paste("\nq3-board\r\nq4-board\n\n".to_string()));
    press(&mut app, &keys);
    assert_eq!(text_typed(&app), "q3-board");
    assert_eq!(
        super::common::status_text(&app),
        "pasted the first of 2 lines: a file name is one line"
    );
    // One line with line ends around it is one name, and nothing is said.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    let mut keys = vec![key(KeyCode::Char('S')), ctrl('u')];
    keys.push(Msg::Paste("\nq3-board\r\n".to_string()));
    press(&mut app, &keys);
    assert_eq!(text_typed(&app), "q3-board");
    assert!(app.status.is_none(), "{:?}", app.status);
}

#[test]
fn the_editors_refusal_goes_once_the_text_it_was_about_changes() {
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    let mut keys = editing_market_size();
    keys.extend(typed("35M ot 70M"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    let refusal = |app: &App| match &app.mode {
        Mode::Editing { error, .. } => error.clone(),
        other => panic!("still editing: {other:?}"),
    };
    assert!(refusal(&app).is_some_and(|e| e.contains("35M ot 70M")));
    // Moving the cursor leaves the text, and the refusal, as they are.
    press(&mut app, &[key(KeyCode::Left), key(KeyCode::Home)]);
    assert!(refusal(&app).is_some(), "the text is unchanged");
    // Ctrl-U, then a paste: the refusal was of text no longer there.
    press(&mut app, &[ctrl('u')]);
    assert_eq!(refusal(&app), None, "cleared with the text");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(refusal(&app).is_some(), "an empty value is refused");
    press(&mut app, &[Msg::Paste("40M to 80M".to_string())]);
    assert_eq!(refusal(&app), None, "a paste changes the text too");
    // Typed keys alike.
    press(&mut app, &[key(KeyCode::Char('x')), key(KeyCode::Enter)]);
    assert!(refusal(&app).is_some());
    press(&mut app, &[key(KeyCode::Backspace)]);
    assert_eq!(refusal(&app), None);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    assert_eq!(
        app.edits.get(&Field::MarketSize).map(String::as_str),
        Some("40M to 80M")
    );
}

#[test]
fn every_warning_the_headline_counts_of_an_input_marks_it() {
    // `samples = 20000000` was counted "! 1 warning" on the headline, and no input was marked.
    let text = small_anecdote().replace("samples = 4000", "samples = 20000000");
    let scenario = skypie::scenario::Scenario::parse(&text, "plan.toml").unwrap();
    let marked = crate::tui::item::warnings(&scenario, &[]);
    assert!(
        marked
            .iter()
            .any(|(field, said)| *field == Field::RunSamples && said.contains("using 10,000,000")),
        "{marked:?}"
    );
}

#[test]
fn a_quick_estimate_is_no_log_rows_before() {
    // A run past 100,000 samples shows a quick estimate first. An edit made then logged the
    // estimate ("0%") as its "before", beside the row above's "after" from the full run
    // ("< 0.1%"): the log borrowed a figure no row has.
    let mut app = session(&small_anecdote(), None);
    let effects = app.handle(key(KeyCode::Right));
    let [Effect::Compute { generation, .. }] = &effects[..] else {
        panic!("one computation: {effects:?}");
    };
    let first_state = app.scenario.clone();
    let mut quick = app.scenario.clone();
    quick.samples = crate::tui::worker::QUICK_SAMPLES;
    let draws = skypie::model::draws::Draws::sample(&quick);
    let estimate = crate::tui::worker::computed(&quick, &draws, *generation, true);
    app.handle(Msg::Worker(crate::tui::worker::Notification::Headline(
        Box::new(estimate),
    )));
    assert!(app.results.as_ref().is_some_and(|r| r.estimate));
    // The next edit, of another input, before the full run: its "before" is `…`.
    app.handle(key(KeyCode::Down));
    app.handle(key(KeyCode::Right));
    assert_eq!(app.log.len(), 2);
    assert_eq!(app.log[1].p_before, None, "{:?}", app.log);
    assert_eq!(
        LoggedP::both_shown(app.log[1].p_before, app.log[1].p_after)[0],
        "…"
    );
    // Then the full run of the first edit's state comes: the row above takes it as its
    // after, and this row as its before (it read `…` beside the row above's 76.1%).
    let draws = skypie::model::draws::Draws::sample(&first_state);
    let full = crate::tui::worker::computed(&first_state, &draws, *generation, false);
    let p = full.headline.p_feasible;
    app.handle(Msg::Worker(crate::tui::worker::Notification::Headline(
        Box::new(full),
    )));
    assert_eq!(app.log[0].p_after.map(|p| p.p), Some(p), "{:?}", app.log);
    assert_eq!(app.log[1].p_before.map(|p| p.p), Some(p), "{:?}", app.log);
}

#[test]
fn a_quick_estimate_s_warnings_are_not_said_of_the_full_run_s_inputs() {
    let text = small_anecdote().replace("seed = 7", "seed = 7\nmethod = \"sobol\"");
    let mut app = session(&text, None);
    let mut keys = editing("samples");
    keys.extend(typed("300000"));
    press(&mut app, &keys);
    let effects = app.handle(key(KeyCode::Enter));
    let [
        Effect::Compute {
            generation,
            scenario,
        },
    ] = &effects[..]
    else {
        panic!("one computation: {effects:?}");
    };
    // The worker's first answer: an estimate on 100,000 samples, 131,072 Sobol points.
    let mut quick = (**scenario).clone();
    quick.samples = crate::tui::worker::QUICK_SAMPLES;
    let draws = skypie::model::draws::Draws::sample(&quick);
    let estimate = crate::tui::worker::computed(&quick, &draws, *generation, true);
    app.handle(Msg::Worker(crate::tui::worker::Notification::Headline(
        Box::new(estimate),
    )));
    // The input's own (300000 rounded up to 524288), never the estimate's (100000 to 131072).
    let said = app.caveat(Item::Field(Field::RunSamples));
    assert!(
        said.as_deref()
            .is_some_and(|s| s.contains("300,000 rounded up to 524,288")),
        "{said:?}"
    );
    // The full run's own: 300000 rounded up to 524288.
    let (headline, _) = answers_to(&effects);
    app.handle(headline);
    let said = app.caveat(Item::Field(Field::RunSamples));
    assert!(
        said.as_deref()
            .is_some_and(|s| s.contains("300,000 rounded up to 524,288")),
        "{said:?}"
    );
}

#[test]
fn what_the_run_warns_of_an_input_is_said_when_it_is_selected() {
    // 0.27% of a normal(50M, sd 18M) is below 0: too few for the scenario's own warning, the
    // run counts them.
    let size = "size = { dist = \"normal\", mean = \"50M\", sd = \"18M\" }";
    let text = small_anecdote().replace("size = \"35M to 70M\"", size);
    let app = session(&text, None);
    let said = app.caveat(Item::Field(Field::MarketSize));
    let said = said.expect("a caveat for the clamped input");
    assert!(
        said.starts_with("market.size: ") && said.contains(" of 4,000 samples clamped to ≥ 0"),
        "{said}"
    );
    assert_eq!(app.caveat(Item::Field(Field::MarketGrowth)), None);
    // 29% below 0: the scenario says how much, once; the run's count would say it again.
    let text = small_anecdote().replace("size = \"35M to 70M\"", "size = \"-5M to 10M\"");
    let app = session(&text, None);
    let said = app.caveat(Item::Field(Field::MarketSize));
    assert_eq!(
        said.as_deref(),
        Some(
            "market.size: about 29% of its samples fall outside what it takes (a number ≥ 0), \
             and are clamped to ≥ 0"
        )
    );
}

#[test]
fn ctrl_z_says_it_does_not_suspend_and_changes_nothing() {
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    let effects = press(&mut app, &[ctrl('z')]);
    assert!(effects.is_empty());
    let status = app.status.as_ref().expect("it says so");
    assert!(
        status
            .text
            .contains("Ctrl-Z does not suspend skypie: q quits"),
        "{}",
        status.text
    );
    assert!(matches!(app.mode, Mode::Normal));
    assert!(!app.is_dirty());
}

#[test]
fn ctrl_z_in_the_editor_says_how_to_undo_and_keeps_what_was_typed() {
    // It did nothing, unsaid: the line keeps no history, and `u` steps back applied values.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    press(&mut app, &[key(KeyCode::Enter), ctrl('u')]);
    press(&mut app, &typed("25M"));
    assert!(press(&mut app, &[ctrl('z')]).is_empty());
    assert_eq!(
        status_text(&app),
        "Ctrl-Z does not undo here: Esc keeps the old value; u undoes it once applied"
    );
    let Mode::Editing { input, .. } = &app.mode else {
        panic!("still editing: {:?}", app.mode)
    };
    assert_eq!(input.value(), "25M");
    assert!(!app.is_dirty());
    // Shown under the editor at 80×24.
    let text = screen(&app, 80, 24);
    assert!(text.contains("Ctrl-Z does not undo here"), "{text}");
}

#[test]
fn esc_after_ctrl_z_in_the_editor_leaves_no_word_of_the_editor_gone() {
    // The status line still said "Ctrl-Z does not undo here: Esc keeps the old value…" with
    // the editor closed.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    press(
        &mut app,
        &[key(KeyCode::Enter), ctrl('z'), key(KeyCode::Esc)],
    );
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    assert!(
        !status_text(&app).contains("Ctrl-Z"),
        "{}",
        status_text(&app)
    );
}

/// Ctrl-Shift-Z as a terminal that tells it from Ctrl-Z sends it: `Z`, or `z` with Shift.
fn ctrl_shift_z() -> [Msg; 2] {
    let ctrl_shift = KeyModifiers::CONTROL | KeyModifiers::SHIFT;
    [
        Msg::Key(KeyEvent::new(KeyCode::Char('Z'), ctrl_shift)),
        Msg::Key(KeyEvent::new(KeyCode::Char('z'), ctrl_shift)),
    ]
}

#[test]
fn ctrl_shift_z_in_the_editor_is_no_undo_to_say_anything_of() {
    // Redo in many programs, it was said to be an undo that Ctrl-Z is not.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    press(&mut app, &[key(KeyCode::Enter)]);
    for redo in ctrl_shift_z() {
        press(&mut app, &[redo]);
        assert_eq!(status_text(&app), "");
    }
}

#[test]
fn ctrl_shift_z_says_which_key_redoes() {
    // It said "Ctrl-Z does not suspend skypie", or nothing.
    for redo in ctrl_shift_z() {
        let mut app = session(&small_anecdote(), Some("plan.toml"));
        press(&mut app, &[redo]);
        assert_eq!(
            status_text(&app),
            "Ctrl-Shift-Z does not redo here: Ctrl-R does"
        );
    }
}

#[test]
fn ctrl_z_in_the_finder_says_what_esc_does_where_the_match_shows() {
    // It did nothing, unsaid.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    press(&mut app, &[key(KeyCode::Char('/'))]);
    press(&mut app, &typed("rev"));
    press(&mut app, &[ctrl('z')]);
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("/rev   Ctrl-Z does not undo here: Esc closes the search"),
        "{text}"
    );
}

#[test]
fn ctrl_z_in_the_name_to_save_as_says_what_esc_does() {
    // It did nothing, unsaid.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    press(&mut app, &[key(KeyCode::Char('S'))]);
    press(&mut app, &[ctrl('z')]);
    assert_eq!(
        status_text(&app),
        "Ctrl-Z does not undo here: Esc drops the name and saves nothing"
    );
}

#[test]
fn an_edit_overtaken_before_its_figures_came_logs_no_made_up_figures() {
    let mut app = session(&small_anecdote(), None);
    let p0 = app.results.as_ref().unwrap().headline.p_feasible;
    // Two edits of different inputs, the first's figures never computed (the worker runs only
    // the newest state), then the second's run.
    let _ = app.handle(key(KeyCode::Right));
    let _ = app.handle(key(KeyCode::Down));
    let second = app.handle(key(KeyCode::Left));
    run(&mut app, second);
    let p2 = app.results.as_ref().unwrap().headline.p_feasible;
    assert_eq!(app.log.len(), 2);
    let (first, last) = (&app.log[0], &app.log[1]);
    assert_eq!(
        first.p_before.map(|p| p.p),
        Some(p0),
        "the first starts from the figures shown"
    );
    assert_eq!(
        first.p_after, None,
        "its own state was never computed: not the next one's"
    );
    assert_eq!(
        last.p_before, None,
        "nor does the next start from the figures before the first"
    );
    assert_eq!(last.p_after.map(|p| p.p), Some(p2));
}

/// Opens a mode from a session without edits and with edits (the target typed as 200k),
/// presses Ctrl-C in it, and returns both sessions with what Ctrl-C asked for.
fn ctrl_c_in(opening: &[Msg]) -> [(App, Vec<Effect>); 2] {
    [false, true].map(|edited| {
        let mut app = session(&small_anecdote(), None);
        if edited {
            type_target(&mut app, "200k");
        }
        press(&mut app, opening);
        let effects = press(&mut app, &[ctrl('c')]);
        (app, effects)
    })
}

/// What Ctrl-C does outside a prompt, asserted of the two sessions [`ctrl_c_in`] returns:
/// without edits it quits; with them it asks, and the edit is still there to save.
fn quits_or_asks(pressed: [(App, Vec<Effect>); 2], mode: &str) {
    let [(clean, quit), (edited, asked)] = pressed;
    assert_eq!(quit, [Effect::Quit], "{mode}: quits without edits");
    // No edit (a baseline pinned has its row in the log, which is no edit).
    let edits = clean.log.iter().filter(|e| e.input != "baseline").count();
    assert!(edits == 0 && !clean.is_dirty(), "{mode}: no edit");
    assert!(asked.is_empty(), "{mode}: {asked:?}");
    assert!(
        matches!(edited.mode, Mode::ConfirmQuit { .. }),
        "{mode}: asks about the unsaved edit: {:?}",
        edited.mode
    );
    assert_eq!(edited.scenario.target_revenue, 200e3, "{mode}");
    let edits = edited.log.iter().filter(|e| e.input != "baseline").count();
    assert_eq!(edits, 1, "{mode}: only the edit made before");
}

#[test]
fn ctrl_c_in_the_value_editor_asks_about_what_was_typed() {
    let mut opening = vec![key(KeyCode::Enter), ctrl('u')];
    opening.extend(typed("99M"));
    // With no other edit it quit at once, the value typed gone unasked; now it asks, and
    // says what each answer does with it.
    let [(mut clean, quit), (mut edited, _)] = ctrl_c_in(&opening);
    assert!(quit.is_empty(), "{quit:?}");
    let asked = "`99M` typed for target.revenue is not applied yet: s applies it and saves, d \
                 quits without it, Esc goes back to it.";
    assert_eq!(clean.quit_question(), asked);
    // Nothing but the value typed is at stake: the answers speak of no edits ("d discard them
    // and quit" read as if there were some).
    let shown = screen(&clean, 120, 40);
    assert!(shown.contains("d      discard and quit"), "{shown}");
    assert_eq!(
        edited.quit_question(),
        format!("{asked} There are unsaved edits.")
    );
    assert_eq!(edited.scenario.target_revenue, 200e3);
    assert_eq!(
        press(&mut clean, &[key(KeyCode::Char('d'))]),
        [Effect::Quit]
    );
    // `s` applies it, then saves (it saved without it, and said "saved"): the built-in
    // scenario's save asks for a name.
    press(&mut edited, &[key(KeyCode::Char('s'))]);
    assert_eq!(edited.scenario.target_revenue, 99e6);
    assert!(
        matches!(edited.mode, Mode::SavingAs(_)),
        "{:?}",
        edited.mode
    );
    // The same value typed another way is nothing to ask about, as Enter on it is no edit
    // (it was asked about as "not applied yet", and `s` then quit, writing nothing).
    let mut same = vec![key(KeyCode::Enter), ctrl('u')];
    same.extend(typed("3m"));
    let [(_, quit), _] = ctrl_c_in(&same);
    assert_eq!(quit, [Effect::Quit]);
    // Nothing typed, or the value as it was: nothing to ask about.
    let [(_, quit), _] = ctrl_c_in(&[key(KeyCode::Enter)]);
    assert_eq!(quit, [Effect::Quit]);
    // Asked, and answered "stay": back in the editor with the value as it was being typed
    // (it was gone).
    let [_, (mut edited, _)] = ctrl_c_in(&opening);
    press(&mut edited, &[key(KeyCode::Esc)]);
    let Mode::Editing { input, .. } = &edited.mode else {
        panic!("back in the editor: {:?}", edited.mode)
    };
    assert_eq!(input.value(), "99M");
    press(&mut edited, &[key(KeyCode::Enter)]);
    assert_eq!(edited.scenario.target_revenue, 99e6);
    // Not when the question was answered otherwise and asked again later.
    let [_, (mut edited, _)] = ctrl_c_in(&opening);
    press(&mut edited, &[key(KeyCode::Char('s'))]);
    assert!(
        matches!(edited.mode, Mode::SavingAs(_)),
        "{:?}",
        edited.mode
    );
    press(&mut edited, &[key(KeyCode::Esc), key(KeyCode::Char('q'))]);
    assert!(
        matches!(edited.mode, Mode::ConfirmQuit { .. }),
        "{:?}",
        edited.mode
    );
    press(&mut edited, &[key(KeyCode::Esc)]);
    assert!(matches!(edited.mode, Mode::Normal), "{:?}", edited.mode);
}

#[test]
fn the_quit_question_quotes_a_value_typed_and_not_applied_as_code() {
    // A table typed up to a comma read `mu = 17.72035,, typed for`, unquoted.
    let mut opening = vec![key(KeyCode::Enter), ctrl('u')];
    opening.extend(typed("{ dist = \"lognormal\", mu = 17.72035,"));
    let [(clean, _), _] = ctrl_c_in(&opening);
    assert_eq!(
        clean.quit_question(),
        "`{ dist = \"lognormal\", mu = 17.72035,` typed for target.revenue is not applied yet \
         and does not read as typed: d quits without it, Esc goes back to it."
    );
}

#[test]
fn the_quit_question_offers_no_save_of_a_value_typed_that_does_not_read() {
    // `25M to`: it said "s applies it and saves", and `s` opened the editor again instead.
    let mut opening = vec![key(KeyCode::Enter), ctrl('u')];
    opening.extend(typed("25M to"));
    let [(clean, _), _] = ctrl_c_in(&opening);
    assert_eq!(
        clean.quit_question(),
        "`25M to` typed for target.revenue is not applied yet and does not read as typed: d \
         quits without it, Esc goes back to it."
    );
}

#[test]
fn s_at_the_quit_question_about_a_value_typed_that_does_not_read_keeps_the_question() {
    // `25M to`: the question offers no save, and `s` opened the value's editor again.
    let mut opening = vec![key(KeyCode::Enter), ctrl('u')];
    opening.extend(typed("25M to"));
    let [_, (mut edited, _)] = ctrl_c_in(&opening);
    press(&mut edited, &[key(KeyCode::Char('s'))]);
    assert!(
        matches!(edited.mode, Mode::ConfirmQuit { .. }),
        "{:?}",
        edited.mode
    );
}

#[test]
fn the_quit_question_about_a_value_typed_that_does_not_read_says_no_save_as_of_a_read_only_plan() {
    // "plan.toml is read-only: S saves them under another name", and `S` opened the value's
    // editor again.
    let read_only = crate::tui::app::Disk {
        is_read_only: |_| true,
        ..super::common::DISK
    };
    let mut app = super::common::session_seeing(&small_anecdote(), Some("plan.toml"), read_only);
    type_target(&mut app, "200k");
    press(&mut app, &[key(KeyCode::Enter), ctrl('u')]);
    press(&mut app, &typed("25M to"));
    press(&mut app, &[ctrl('c')]);
    assert_eq!(
        app.quit_question(),
        "`25M to` typed for target.revenue is not applied yet and does not read as typed: d \
         quits without it, Esc goes back to it. There are unsaved edits."
    );
}

#[test]
fn a_value_the_session_warns_of_is_applied_and_shown_by_the_quit_questions_save_not_saved() {
    // `30%` typed for the target, Ctrl-C, `s`: saved as $0.3 and the session gone, its `!`
    // never on screen (a tester).
    let mut opening = vec![key(KeyCode::Enter), ctrl('u')];
    opening.extend(typed("30%"));
    let mut edited = session(&small_anecdote(), Some("plan.toml"));
    type_target(&mut edited, "200k");
    press(&mut edited, &opening);
    press(&mut edited, &[ctrl('c')]);
    assert!(matches!(edited.mode, Mode::ConfirmQuit { .. }), "asks");
    let effects = press(&mut edited, &[key(KeyCode::Char('s'))]);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::Save(_) | Effect::Quit)),
        "{effects:?}"
    );
    assert_eq!(edited.scenario.target_revenue, 0.3, "applied");
    assert!(matches!(edited.mode, Mode::Normal), "{:?}", edited.mode);
    let said = status_text(&edited);
    assert!(
        said.starts_with("not saved: target.revenue: $0.3, less than $100")
            && said.ends_with("The value is applied: s saves it as it is, u undoes it"),
        "{said}"
    );
}

/// What the value editor open shows, at 100×30.
fn editor_text(app: &App) -> String {
    dialog_text(&screen(app, 100, 30))
}

#[test]
fn a_value_typed_after_usd_has_its_editor_say_what_u_undid_and_s_saved() {
    // `usd 450k`: `u` undoes, `s` saves, and the `4` opens the editor, whose box hid the
    // status line: neither was seen.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    type_target(&mut app, "450k");
    press(&mut app, &typed("u"));
    let save = the_save(&press(&mut app, &typed("s")));
    press(&mut app, &[written("plan.toml", &save.text)]);
    press(&mut app, &typed("d 450k"));
    let shown = editor_text(&app);
    assert!(
        shown.contains(
            "before this value, letters were keys: u said \"undid target.revenue 450k (back to \
             3M): Ctrl-R redoes it\" and s said \"saved plan.toml"
        ),
        "{shown}"
    );
}

#[test]
fn gbp_typed_before_a_value_keeps_the_baseline_pinned() {
    // `b` asks about the baseline pinned; `p` re-pinned it, and nothing brought it back.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    press(&mut app, &typed("b"));
    let pinned = app.baseline.clone();
    type_target(&mut app, "200k");
    press(&mut app, &typed("gbp 450k"));
    assert_eq!(app.baseline, pinned);
}

/// A session with a baseline pinned and an edit since, on the inputs list.
fn pinned_then_edited() -> App {
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    press(&mut app, &typed("b"));
    type_target(&mut app, "200k");
    app
}

#[test]
fn every_currency_code_with_a_letter_after_its_b_typed_before_a_value_keeps_the_baseline() {
    // `xbc 450k` (XBC is ISO 4217's): `b` asks, and `c` cleared it for good.
    let letters = || 'a'..='z';
    let codes =
        letters().flat_map(|a| letters().flat_map(move |b| letters().map(move |c| [a, b, c])));
    let codes: Vec<String> = codes
        .map(String::from_iter)
        .filter(|code| code[..2].contains('b'))
        .filter(|code| skypie::scenario::currency::is_currency_code(&code.to_uppercase()))
        .collect();
    assert!(codes.contains(&"xbc".to_string()), "{codes:?}");
    let lost: Vec<&String> = codes
        .iter()
        .filter(|code| {
            let mut app = pinned_then_edited();
            press(&mut app, &typed(&format!("{code} 450k")));
            app.baseline.is_none()
        })
        .collect();
    assert!(lost.is_empty(), "{lost:?}");
}

#[test]
fn a_currency_code_typed_after_a_stray_b_keeps_the_baseline() {
    // `b`, then `chf 450k`: `c` cleared it for good.
    let mut app = pinned_then_edited();
    press(&mut app, &typed("bchf 450k"));
    assert!(app.baseline.is_some());
}

#[test]
fn gbp_typed_before_a_value_has_its_editor_say_the_baseline_was_kept() {
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    press(&mut app, &typed("b"));
    type_target(&mut app, "200k");
    press(&mut app, &typed("gbp 450k"));
    let shown = editor_text(&app);
    assert!(shown.contains("p said \"baseline kept\""), "{shown}");
}

#[test]
fn eur_typed_before_a_value_has_its_editor_say_what_r_exported() {
    // `e` asks what to export and `r` writes the report: said on the status line the `4` hid.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    press(&mut app, &typed("eu"));
    let files = match press(&mut app, &typed("r")).as_slice() {
        [Effect::Export(files)] => files.iter().map(|(path, _)| path.clone()).collect(),
        other => panic!("expected one export, got {other:?}"),
    };
    let exported = Msg::Exported {
        paths: files,
        plan_changed: None,
    };
    press(&mut app, &[exported]);
    press(&mut app, &typed(" 450k"));
    let shown = editor_text(&app);
    assert!(
        shown.contains("r said \"exported plan.report.html: open it in a browser"),
        "{shown}"
    );
}

#[test]
fn jpy_typed_before_a_value_has_its_editor_say_the_selection_moved() {
    // `j` selects the next input, and the value went to it unseen.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    let first = app.selected_item().key();
    press(&mut app, &typed("jpy 450k"));
    let next = app.selected_item().key();
    let shown = editor_text(&app);
    assert!(
        shown.contains(&format!(
            "j moved the selection from {first} to {next} (Esc, then ↑ ↓ select it again)"
        )),
        "{shown}"
    );
}

#[test]
fn sek_typed_before_a_value_has_the_value_typed_not_taken_by_the_export_question() {
    // `s` saves, `e` asks what to export, and ` 450k` went to its question.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    type_target(&mut app, "200k");
    let save = the_save(&press(&mut app, &typed("s")));
    press(&mut app, &[written("plan.toml", &save.text)]);
    press(&mut app, &typed("ek 450k"));
    let typing = match &app.mode {
        Mode::Editing { input, .. } => input.value().to_string(),
        other => format!("{other:?}"),
    };
    assert_eq!(typing, "450k");
}

#[test]
fn a_digit_at_the_export_question_on_a_screen_too_small_opens_no_editor_unseen() {
    // Below 80×24 the editor is not drawn, and every key after it was ignored but q.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    press(&mut app, &typed("e"));
    press(
        &mut app,
        &[
            Msg::Resize {
                width: 70,
                height: 20,
            },
            key(KeyCode::Char('4')),
        ],
    );
    assert!(matches!(app.mode, Mode::ChoosingExport), "{:?}", app.mode);
}

#[test]
fn sek_typed_before_a_value_has_its_editor_say_s_saved_and_e_exported_nothing() {
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    type_target(&mut app, "200k");
    let save = the_save(&press(&mut app, &typed("s")));
    press(&mut app, &[written("plan.toml", &save.text)]);
    press(&mut app, &typed("ek 450k"));
    let shown = editor_text(&app);
    assert!(
        shown.contains("and e asked what to export; the 4 closed its question, nothing exported")
            && shown.contains("s said \"saved plan.toml"),
        "{shown}"
    );
}

#[test]
fn zar_typed_before_a_value_has_its_editor_say_who_r_passed_the_keyboard_to() {
    // `r` passes the keyboard: the value typed next is logged as the next person's.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    press(&mut app, &typed("zar 450k"));
    let shown = editor_text(&app);
    assert!(
        shown.contains("r said \"Sam (CMO) is editing: r passes the keyboard on\""),
        "{shown}"
    );
}

#[test]
fn a_value_typed_after_another_key_than_a_letter_says_nothing_of_an_undo_before_it() {
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    type_target(&mut app, "450k");
    press(&mut app, &[key(KeyCode::Char('u')), key(KeyCode::Down)]);
    press(&mut app, &typed("450k"));
    assert_eq!(app.letters_before_value(), None);
}

#[test]
fn a_value_typed_after_a_question_closed_with_esc_says_nothing_of_an_undo_before_it() {
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    type_target(&mut app, "450k");
    press(&mut app, &typed("ue"));
    press(&mut app, &[key(KeyCode::Esc)]);
    press(&mut app, &typed("450k"));
    assert_eq!(app.letters_before_value(), None);
}

#[test]
fn ctrl_c_in_the_finder_drops_the_query_and_quits_or_asks() {
    let mut opening = vec![key(KeyCode::Char('/'))];
    opening.extend(typed("size"));
    let pressed = ctrl_c_in(&opening);
    assert_eq!(pressed[0].0.selected, 0, "nothing was selected");
    quits_or_asks(pressed, "finder");
}

#[test]
fn ctrl_c_while_naming_the_file_saves_nothing_and_quits_or_asks() {
    let mut opening = vec![key(KeyCode::Char('S'))];
    opening.extend(typed("board"));
    // The save-as prompt asks for no save, on either session.
    quits_or_asks(ctrl_c_in(&opening), "save as");
}

#[test]
fn ctrl_c_in_help_and_in_the_export_question_quits_or_asks() {
    quits_or_asks(ctrl_c_in(&[key(KeyCode::Char('?'))]), "help");
    // Nothing is exported on the way out.
    quits_or_asks(ctrl_c_in(&[key(KeyCode::Char('e'))]), "export");
}

#[test]
fn ctrl_c_in_the_baseline_question_keeps_the_baseline_and_quits_or_asks() {
    let b = key(KeyCode::Char('b'));
    let pressed = ctrl_c_in(&[b.clone(), b]);
    assert!(pressed.iter().all(|(app, _)| app.baseline.is_some()));
    quits_or_asks(pressed, "baseline");
}

#[test]
fn ctrl_c_in_the_quit_question_asks_again_and_never_discards() {
    let mut app = session(&small_anecdote(), None);
    type_target(&mut app, "200k");
    press(&mut app, &[key(KeyCode::Char('q'))]);
    for _ in 0..2 {
        assert!(press(&mut app, &[ctrl('c')]).is_empty(), "no quit");
        assert!(
            matches!(app.mode, Mode::ConfirmQuit { .. }),
            "{:?}",
            app.mode
        );
    }
    assert!(app.is_dirty() && app.scenario.target_revenue == 200e3);
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(matches!(app.mode, Mode::Normal), "Esc still stays");
}

#[test]
fn ctrl_c_while_naming_the_file_to_save_and_quit_saves_nothing_and_asks_again() {
    let mut app = session(&small_anecdote(), None);
    type_target(&mut app, "200k");
    let keys = [key(KeyCode::Char('q')), key(KeyCode::Char('s'))];
    assert!(press(&mut app, &keys).is_empty());
    assert!(matches!(app.mode, Mode::SavingAs(_)), "{:?}", app.mode);
    assert!(press(&mut app, &[ctrl('c')]).is_empty(), "nothing saved");
    assert!(
        matches!(app.mode, Mode::ConfirmQuit { .. }),
        "{:?}",
        app.mode
    );
    // The quit no longer waits on a save: saving now asks for a name, it does not quit.
    press(&mut app, &[key(KeyCode::Esc), key(KeyCode::Char('s'))]);
    let mut keys = typed("q3.toml");
    keys.push(key(KeyCode::Enter));
    let save = press(&mut app, &keys);
    let saved = press(&mut app, &[written("q3.toml", "")]);
    assert!(matches!(&save[..], [Effect::Save(_)]), "{save:?}");
    assert!(saved.is_empty(), "no quit after this save: {saved:?}");
}

#[test]
fn a_nudge_is_logged_in_one_form_before_and_after() {
    // The file writes serviceable as a fraction (0.8); a nudge writes a percentage.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    let mut keys = vec![key(KeyCode::Char('/'))];
    keys.extend(typed("serviceable"));
    keys.extend([key(KeyCode::Enter), key(KeyCode::Right)]);
    press(&mut app, &keys);
    let entry = app.log.last().expect("the nudge is logged");
    assert_eq!(entry.input, "market.serviceable");
    assert_eq!(
        (entry.old.as_str(), entry.new.as_str()),
        ("80%", "81%"),
        "not 0.8 → 81%"
    );
}

#[test]
fn a_nudge_past_an_input_s_edge_says_so_and_is_no_edit() {
    let text = small_anecdote().replace("horizon_days = 90", "horizon_days = 3650");
    let mut app = session(&text, Some("plan.toml"));
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Right)]);
    assert_eq!(app.selected_item(), Item::Field(Field::HorizonDays));
    assert!(!app.is_dirty());
    let status = app.status.as_ref().map(|s| s.text.as_str());
    assert_eq!(
        status,
        Some("horizon_days cannot move further: 3650 is at the edge of what it takes")
    );
}

#[test]
fn the_finder_takes_an_input_whose_word_the_text_begins_first() {
    // `/s` selected horizon_days (its last letter) ahead of size, serviceable and the rest.
    let mut app = session(&small_anecdote(), None);
    let selected = |app: &App| app.items()[app.selected].key();
    press(&mut app, &finding("s"));
    assert_eq!(selected(&app), "market.size");
    press(&mut app, &finding("ser"));
    assert_eq!(selected(&app), "market.serviceable");
    // A word's start anywhere in the key: `days` begins the second word of horizon_days.
    press(&mut app, &finding("days"));
    assert_eq!(selected(&app), "horizon_days");
    // Inside a word only, it is found all the same.
    press(&mut app, &finding("rizon"));
    assert_eq!(selected(&app), "horizon_days");
}

#[test]
fn enter_on_an_empty_finder_leaves_the_selection_where_it_was() {
    // `/` then Enter selected the target, wherever the selection was.
    let mut app = session(&small_anecdote(), None);
    press(&mut app, &finding("ceiling"));
    let before = app.selected;
    press(&mut app, &finding(""));
    assert_eq!(app.selected, before);
    assert!(
        app.status.as_ref().is_none_or(|s| !s.error),
        "{:?}",
        app.status
    );
    assert_eq!(app.first_match("  "), None);
}

#[test]
fn redo_says_what_it_redid() {
    // `u` said "undid target.revenue 450k (back to 3M): Ctrl-R redoes it"; Ctrl-R said nothing.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    type_target(&mut app, "450k");
    press(&mut app, &[key(KeyCode::Char('u')), ctrl('r')]);
    assert_eq!(
        status_text(&app),
        "redid target.revenue 450k (was 3M): u undoes it"
    );
}

#[test]
fn undo_after_a_merge_says_it_starts_at_the_merge() {
    // It said "nothing to undo", where after a reload it says why.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    type_target(&mut app, "450k");
    press(&mut app, &[key(KeyCode::Char('s'))]);
    let colleagues = small_anecdote().replace("horizon_days = 90", "horizon_days = 180");
    press(&mut app, &[colleague_saved(colleagues)]);
    let merged = the_save(&press(&mut app, &[key(KeyCode::Char('m'))]));
    press(&mut app, &[written("plan.toml", &merged.text)]);
    press(&mut app, &[key(KeyCode::Char('u'))]);
    assert_eq!(
        status_text(&app),
        "nothing to undo: undo starts at the merge"
    );
}

#[test]
fn gbp_typed_before_a_value_has_its_editor_say_b_asked_about_the_baseline() {
    // It said only `p said "baseline kept"`, not what asked (as `e asked what to export` is).
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    press(&mut app, &typed("b"));
    type_target(&mut app, "200k");
    press(&mut app, &typed("gbp 450k"));
    let shown = editor_text(&app);
    assert!(
        shown.contains("b asked what to do with the baseline pinned and p said \"baseline kept\""),
        "{shown}"
    );
}

#[test]
fn ctrl_z_in_the_quit_question_says_it_does_not_suspend_and_keeps_it_open() {
    // It did nothing, unsaid.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    press(
        &mut app,
        &[key(KeyCode::Right), key(KeyCode::Char('q')), ctrl('z')],
    );
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("Ctrl-Z does not suspend skypie: the question takes one of its keys")
            && text.contains("discard and quit"),
        "{text}"
    );
}

#[test]
fn ctrl_z_in_the_export_question_says_it_does_not_suspend_and_keeps_it_open() {
    // It did nothing, unsaid.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    press(&mut app, &[key(KeyCode::Char('e')), ctrl('z')]);
    assert_eq!(
        (status_text(&app), matches!(app.mode, Mode::ChoosingExport)),
        (
            "Ctrl-Z does not suspend skypie: the question takes one of its keys".to_string(),
            true
        )
    );
}

#[test]
fn ctrl_z_in_the_baseline_question_says_it_does_not_suspend_and_keeps_it_open() {
    // It closed it, "baseline kept", as any other key keeps it.
    let mut app = session(&small_anecdote(), Some("plan.toml"));
    press(
        &mut app,
        &[key(KeyCode::Char('b')), key(KeyCode::Char('b')), ctrl('z')],
    );
    assert_eq!(
        (status_text(&app), matches!(app.mode, Mode::ConfirmBaseline)),
        (
            "Ctrl-Z does not suspend skypie: the question takes one of its keys".to_string(),
            true
        )
    );
}
