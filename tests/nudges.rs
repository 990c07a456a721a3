//! The live session's ← → on every input of every worked example, both ways, many times: each
//! nudge gives a value the scenario takes, saved as the session writes it (the value's text put
//! in the file in place of the old one) it reads back as the same value, so the figures on
//! screen are the saved file's; and a run of nudges one way either moves on or stops with a
//! reason, never in a loop.

use std::fs;

use skypie::scenario::Method;
use skypie::scenario::edit::apply_edits;
use skypie::scenario::nudge::{CannotNudge, Nudge, nudge_under};
use skypie::{Field, Scenario};

/// How many presses of one key each input gets, one way.
const PRESSES: usize = 40;

#[test]
fn every_nudge_of_every_input_saves_as_the_value_the_session_computed() {
    let mut nudged = 0;
    for entry in fs::read_dir("scenarios").expect("the worked examples") {
        let path = entry.expect("a folder entry").path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("a worked example");
        for method in Method::ALL {
            let mut scenario = Scenario::parse(&text, "example").expect("the example parses");
            scenario.method = method;
            for field in Field::ALL {
                for direction in [Nudge::Up, Nudge::Down, Nudge::BigUp, Nudge::BigDown] {
                    nudged += presses(
                        &path.display().to_string(),
                        &text,
                        &scenario,
                        field,
                        direction,
                    );
                }
            }
        }
    }
    assert!(nudged > 1000, "only {nudged} nudges were tried");
}

/// Presses one key on `field` up to [`PRESSES`] times, checking each step; how many moved.
fn presses(
    example: &str,
    text: &str,
    scenario: &Scenario,
    field: Field,
    direction: Nudge,
) -> usize {
    let mut scenario = scenario.clone();
    let Some(mut value) = scenario.value(field) else {
        return 0;
    };
    let method = scenario.method;
    let at = |step| {
        format!(
            "{example}, {} under {method:?}, {direction:?} #{step}",
            field.key()
        )
    };
    for step in 0..PRESSES {
        let moved = match nudge_under(scenario.method, field, &value, direction) {
            Ok(moved) => moved,
            Err(CannotNudge(why)) => {
                assert!(!why.is_empty(), "{}: refused without a reason", at(step));
                return step;
            }
        };
        assert_ne!(moved, value, "{}: a nudge that changes nothing", at(step));
        scenario
            .set(field, moved.clone())
            .unwrap_or_else(|e| panic!("{}: the scenario refuses {moved:?}: {e}", at(step)));
        let written = moved.to_text(field.unit());
        let saved = apply_edits(text, &[(field, written.clone())])
            .unwrap_or_else(|e| panic!("{}: cannot write {written}: {e}", at(step)));
        let read = Scenario::parse(&saved, "saved")
            .unwrap_or_else(|e| panic!("{}: the saved {written} does not parse: {e}", at(step)));
        assert_eq!(
            read.value(field),
            Some(moved.clone()),
            "{}: saved as {written}, read back otherwise",
            at(step)
        );
        value = moved;
    }
    PRESSES
}
