//! What the live session looks like, as golden snapshots of the screen (ratatui's TestBackend):
//! the built-in scenario at 80×24 and 120×40, the editor with an error, the help overlay and
//! the too-small screen. Colours are off (they are not part of the snapshot's text).

mod common;

use common::{ctrl, press, session_on, typed};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use skypie::scenario::BUILT_IN;
use skypie::tui::app::{App, key};
use skypie::tui::ui::{Theme, draw};

/// The built-in scenario with its results in, as the session shows it once computed.
fn session(file: Option<&str>) -> App {
    session_on(BUILT_IN, file)
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| draw(app, frame, Theme { color: false }))
        .expect("drawing never fails on a test backend");
    terminal.backend().to_string()
}

#[test]
fn the_built_in_scenario_at_80_by_24() {
    let app = session(None);
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("Needs 30.3% of the serviceable market's"),
        "{text}"
    );
    assert!(text.contains("PIE IN THE SKY"), "{text}");
    insta::assert_snapshot!("built_in_80x24", text);
}

#[test]
fn a_large_terminal_shows_every_panel_at_once() {
    let team = include_str!("../scenarios/02-capacity-bound-team.toml");
    let mut app = session_on(team, Some("scenarios/02-capacity-bound-team.toml"));
    // One edit and a baseline, so the log and the deltas have something to show.
    press(&mut app, &[key(KeyCode::Char('b')), key(KeyCode::Right)]);
    let text = screen(&app, 120, 40);
    for panel in [
        "Achievable revenue",
        "P(feasible) at each",
        "What would make it realistic",
        "Required vs achievable",
        "Session log",
        "vs baseline",
    ] {
        assert!(text.contains(panel), "{panel} missing:\n{text}");
    }
    insta::assert_snapshot!("edited_120x40", text);
}

#[test]
fn the_editor_shows_why_a_value_is_refused() {
    let mut app = session(None);
    let mut keys = vec![
        key(KeyCode::Down),
        key(KeyCode::Down),
        key(KeyCode::Down),
        key(KeyCode::Enter),
        ctrl('u'),
    ];
    keys.extend(typed("35M ot 70M"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    let text = screen(&app, 80, 24);
    assert!(text.contains("market.size"), "{text}");
    insta::assert_snapshot!("editor_error_80x24", text);
}

#[test]
fn help_lists_every_key() {
    let mut app = session(None);
    press(&mut app, &[key(KeyCode::Char('?'))]);
    let text = screen(&app, 80, 24);
    for row in skypie::tui::keys::HELP {
        assert!(
            text.contains(row.keys),
            "{} missing from help:\n{text}",
            row.keys
        );
    }
    insta::assert_snapshot!("help_80x24", text);
}

#[test]
fn a_tiny_terminal_says_so_instead_of_drawing_garbage() {
    let app = session(None);
    let text = screen(&app, 60, 20);
    assert!(text.contains("Terminal too small: 60×20"), "{text}");
    insta::assert_snapshot!("too_small_60x20", text);
}

#[test]
fn every_panel_draws_at_80_by_24() {
    let mut app = session(None);
    for _ in 0..5 {
        press(&mut app, &[key(KeyCode::Tab)]);
        let text = screen(&app, 80, 24);
        assert!(!text.contains("computing…"), "{text}");
    }
}

#[test]
fn finding_previews_the_input_enter_would_select() {
    let mut app = session(None);
    let mut keys = vec![key(KeyCode::Char('/'))];
    keys.extend(typed("GAIN"));
    press(&mut app, &keys);
    let text = screen(&app, 80, 24);
    assert!(text.contains("/GAIN   → share.gain_per_year"), "{text}");
    press(&mut app, &typed("zz"));
    assert!(screen(&app, 80, 24).contains("no match"));
}
