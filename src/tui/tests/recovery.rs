//! A session that ended abruptly keeps in its recovery file what the next session on the plan
//! offers back: here, what is kept beyond the unsaved edits (docs/SESSION.md, "Recovery").

use ratatui::crossterm::event::KeyCode;
use skypie::scenario::{BUILT_IN, Field};

use super::common::{ctrl, dialog_text, press, recovery_found, screen, session_on, typed};
use crate::tui::app::{App, Mode, key};
use crate::tui::item::Item;

/// The built-in scenario at fewer samples, so every test runs quickly.
fn plan() -> String {
    BUILT_IN.replace("samples = 100000", "samples = 4000")
}

/// A session on plan.toml that ended with `3.5M` typed for target.revenue and not entered,
/// and the next session on it, offered its recovery file.
fn offered_a_value_being_typed() -> App {
    let mut crashed = session_on(&plan(), Some("plan.toml"));
    let mut keys = vec![key(KeyCode::Enter), ctrl('u')];
    keys.extend(typed("3.5M"));
    press(&mut crashed, &keys);
    let Some(kept) = crashed.recovery_text() else {
        panic!("a value being typed is kept: {:?}", crashed.mode)
    };
    let mut next = session_on(&plan(), Some("plan.toml"));
    press(&mut next, &[recovery_found(kept, 0)]);
    next
}

#[test]
fn a_value_being_typed_when_the_session_ended_is_named_in_the_recovery_offer() {
    let app = offered_a_value_being_typed();
    let said = dialog_text(&screen(&app, 120, 40));
    assert!(
        said.contains("target.revenue: 3.5M was being typed, not entered"),
        "{said}"
    );
}

#[test]
fn a_recovery_offer_taken_puts_the_value_being_typed_back_in_its_editor() {
    let mut app = offered_a_value_being_typed();
    press(&mut app, &[key(KeyCode::Char('l'))]);
    let editing = match &app.mode {
        Mode::Editing { item, input, .. } => Some((*item, input.value().to_string())),
        _ => None,
    };
    assert_eq!(
        editing,
        Some((Item::Field(Field::TargetRevenue), "3.5M".to_string()))
    );
}

#[test]
fn a_recovery_offer_taken_does_not_apply_the_value_being_typed() {
    let mut app = offered_a_value_being_typed();
    press(&mut app, &[key(KeyCode::Char('l'))]);
    assert_eq!(app.field_text(Field::TargetRevenue), "3M");
}

/// A session on plan.toml that pinned a baseline, then nudged the target up and ended
/// abruptly, and the baseline it had pinned.
fn kept_with_a_baseline() -> (String, crate::tui::app::Baseline) {
    let mut crashed = session_on(&plan(), Some("plan.toml"));
    press(
        &mut crashed,
        &[key(KeyCode::Char('b')), key(KeyCode::Right)],
    );
    let (Some(kept), Some(pinned)) = (crashed.recovery_text(), crashed.baseline) else {
        panic!("an edit and a baseline to keep")
    };
    (kept, pinned)
}

#[test]
fn a_recovery_offer_says_it_pins_again_the_baseline_its_session_had_pinned() {
    let (kept, _) = kept_with_a_baseline();
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(&mut app, &[recovery_found(kept, 0)]);
    let said = dialog_text(&screen(&app, 120, 40));
    assert!(said.contains("the baseline pinned at 09:30"), "{said}");
}

#[test]
fn a_recovery_offer_taken_pins_again_the_baseline_its_session_had_pinned() {
    let (kept, pinned) = kept_with_a_baseline();
    let mut app = session_on(&plan(), Some("plan.toml"));
    press(
        &mut app,
        &[recovery_found(kept, 0), key(KeyCode::Char('l'))],
    );
    let repinned = app
        .baseline
        .map(|b| (b.headline, b.scenario.target_revenue));
    assert_eq!(
        repinned,
        Some((pinned.headline, pinned.scenario.target_revenue))
    );
}

#[test]
fn the_session_log_says_which_recovery_file_keeps_a_value_being_typed() {
    let mut app = session_on(&plan(), Some("plan.toml"));
    let mut keys = vec![key(KeyCode::Enter), ctrl('u')];
    keys.extend(typed("3.5M"));
    press(&mut app, &keys);
    let kept = std::path::Path::new("plan.toml.recovered-20261123-140211.toml");
    let log = app.abrupt_end_log(Some(kept)).text;
    assert!(
        log.ends_with(
            "not yet applied: `3.5M`. It is in `plan.toml.recovered-20261123-140211.toml`.\n"
        ),
        "{log}"
    );
}

#[test]
fn a_baseline_pinned_before_a_reload_changed_the_sampling_method_is_not_pinned_again_wrongly() {
    // Pinned under plain Monte Carlo, the file reloaded with `method = "sobol"`, an edit, an
    // abrupt end: `l` pinned it again under Sobol, its figures not the ones pinned.
    let mut crashed = session_on(&plan(), Some("plan.toml"));
    press(&mut crashed, &[key(KeyCode::Char('b'))]);
    let sobol = plan().replace("samples = 4000", "samples = 4096\nmethod = \"sobol\"");
    press(
        &mut crashed,
        &[
            crate::tui::app::Msg::ChangedOnDisk {
                path: "plan.toml".into(),
                now: Ok(sobol),
                leads: crate::tui::app::Leads::AsBefore,
            },
            key(KeyCode::Right),
        ],
    );
    assert!(crashed.baseline.is_some(), "still pinned after the reload");
    let Some(kept) = crashed.recovery_text() else {
        panic!("an edit to keep")
    };
    assert_eq!(crate::tui::recovery::baseline(&kept), None, "{kept}");
}

#[test]
fn a_recovery_file_of_a_value_being_typed_alone_is_offered_as_that_not_as_edits() {
    // It said "holds edits from a session that ended abruptly:" over no edit, and "l load them
    // as unsaved edits", where l opens an editor.
    let app = offered_a_value_being_typed();
    let said = dialog_text(&screen(&app, 120, 40));
    assert!(
        said.contains("holds a value being typed when its session ended"),
        "{said}"
    );
    assert!(said.contains("put the value back in its editor"), "{said}");
    assert!(!said.contains("edits"), "{said}");
    let shown = screen(&app, 120, 40);
    assert!(!shown.contains("Recovered edits"), "{shown}");
}
