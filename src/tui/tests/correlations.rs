//! Correlations as inputs of the live session, driven by key events: nudged by 0.05 (a nudge
//! the others cannot hold with is refused, naming the pair to loosen), typed, undone, logged,
//! saved in place with their comments, recovered and merged like any other value. And the
//! inputs a benchmark warns about, marked with `!`, the warning on the status line.

use super::common::{
    colleague_saved, ctrl, press, recovery_found, screen, session_on, the_save, type_target, typed,
    written,
};
use crate::tui::app::{App, Effect, Mode, Msg, RecoveredValue, key};
use crate::tui::item::Item;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use skypie::scenario::{BUILT_IN, Field};

/// Worked example 07 (two correlations) at fewer samples, so every test runs quickly.
fn together() -> String {
    include_str!("../../../scenarios/07-inputs-that-move-together.toml")
        .replace("samples = 100000", "samples = 4000")
}

/// The line of example 07 that sets the first correlation, with its comment.
const GROWTH_GAIN: &str =
    "\"market.growth ~ share.gain_per_year\" = 0.7        # in a slow market nobody gains share";

/// `text` without example 07's first correlation (its line, comment and all).
fn without_growth_gain(text: &str) -> String {
    text.replace(&format!("{GROWTH_GAIN}\n"), "")
}

/// The answer to a save of `text` when a colleague has saved it meanwhile with a horizon of
/// two years: the conflict is asked about; returns the file as the colleague saved it.
fn colleague_saved_two_years(app: &mut App, text: &str) -> String {
    let on_disk = text.replace(
        "horizon_days = 1095",
        "horizon_days = 730   # Sam: two years",
    );
    press(app, &[colleague_saved(on_disk.clone())]);
    on_disk
}

/// The anecdote with three correlations that can only just hold at once: loosening
/// `market.size ~ share.current` from 0.65 to 0.6 breaks them.
fn tight() -> String {
    BUILT_IN.replace("samples = 100000", "samples = 4000")
        + "\n[correlation]\n\
           \"market.size ~ market.growth\" = 0.9\n\
           \"market.growth ~ share.current\" = 0.9\n\
           \"market.size ~ share.current\" = 0.65   # the one to nudge\n"
}

/// Selects the first input whose name contains `query`, with the finder.
fn select(app: &mut App, query: &str) {
    let mut keys = vec![key(KeyCode::Char('/'))];
    keys.extend(typed(query));
    keys.push(key(KeyCode::Enter));
    press(app, &keys);
}

/// The rank correlation of a pair, as the session's scenario has it.
fn rho(app: &App, a: Field, b: Field) -> f64 {
    crate::tui::item::find(&app.scenario.correlations, a, b)
        .expect("the pair is correlated")
        .rho
}

/// The one save among `effects`.
fn shift(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::SHIFT))
}

#[test]
fn correlations_are_listed_after_the_other_inputs() {
    let app = session_on(&together(), None);
    let items = app.items();
    let n = items.len();
    assert_eq!(
        items[n - 2..],
        [
            Item::Correlation(Field::MarketGrowth, Field::ShareGainPerYear),
            Item::Correlation(Field::ShareGainPerYear, Field::CapacityAttainment),
        ]
    );
    assert!(matches!(items[n - 3], Item::Field(_)));
}

#[test]
fn the_quit_question_about_a_correlation_typed_that_does_not_read_offers_no_save() {
    // `0.5x` typed for a correlation, Ctrl-C: the question offered `s`, "s applies it and
    // saves", and `s` opened the editor again (only an input's value was read).
    let mut app = session_on(&together(), Some("plan.toml"));
    type_target(&mut app, "200k");
    select(&mut app, "growth ~ gain");
    let mut keys = vec![key(KeyCode::Enter), ctrl('u')];
    keys.extend(typed("0.5x"));
    keys.push(ctrl('c'));
    press(&mut app, &keys);
    assert_eq!(
        app.quit_question(),
        "`0.5x` typed for market.growth ~ share.gain_per_year is not applied yet and does not \
         read as typed: d quits without it, Esc goes back to it. There are unsaved edits."
    );
}

#[test]
fn the_finder_finds_a_correlation_by_either_input_in_either_order_and_as_the_list_shows_it() {
    let mut app = session_on(&together(), None);
    let pair = Item::Correlation(Field::ShareGainPerYear, Field::CapacityAttainment);
    let shown = pair.label();
    assert_eq!(
        shown, "gain_per_year ~ attainment",
        "the inputs list's text"
    );
    for query in [
        "attainment ~",
        "~ attainment",
        "ATTAINMENT ~ gain",
        shown.as_str(),
        "attainment ~ gain_per_year",
        "capacity.attainment ~ share.gain_per_year",
        "share.gain_per_year ~ capacity.attainment",
        "year ~ capa",
    ] {
        app.selected = 0;
        select(&mut app, query);
        assert_eq!(app.selected_item(), pair, "/{query}");
        assert_eq!(app.status, None, "/{query} matched");
    }
    // A name alone still selects the input itself before any correlation it is in; the
    // order typed is preferred where both orders find a pair, and the other pair is found
    // by its other order as well.
    select(&mut app, "attainment");
    assert_eq!(app.selected_item(), Item::Field(Field::CapacityAttainment));
    select(&mut app, "gain_per_year ~");
    assert_eq!(app.selected_item(), pair);
    select(&mut app, "~ gain_per_year");
    assert_eq!(
        app.selected_item(),
        Item::Correlation(Field::MarketGrowth, Field::ShareGainPerYear)
    );
    select(&mut app, "gain_per_year ~ growth");
    assert_eq!(
        app.selected_item(),
        Item::Correlation(Field::MarketGrowth, Field::ShareGainPerYear)
    );
    select(&mut app, "attainment ~ growth");
    assert!(app.status.as_ref().is_some_and(|s| s.error), "no such pair");
}

#[test]
fn a_nudge_moves_a_correlation_by_a_twentieth_and_is_logged_and_recomputed() {
    let mut app = session_on(&together(), None);
    let before = app.results.as_ref().unwrap().headline.p_feasible;
    select(&mut app, "growth ~");
    assert_eq!(
        app.selected_item(),
        Item::Correlation(Field::MarketGrowth, Field::ShareGainPerYear)
    );
    let effects = app.handle(key(KeyCode::Right));
    assert!(
        matches!(&effects[..], [Effect::Compute { scenario, .. }]
            if crate::tui::item::find(&scenario.correlations, Field::MarketGrowth, Field::ShareGainPerYear)
                .is_some_and(|c| c.rho == 0.75)),
        "the new state is computed: {effects:?}"
    );
    super::common::run(&mut app, effects);
    assert_eq!(
        rho(&app, Field::MarketGrowth, Field::ShareGainPerYear),
        0.75
    );
    let entry = app.log.last().expect("the nudge is logged");
    assert_eq!(
        (entry.input.as_str(), entry.old.as_str(), entry.new.as_str()),
        ("market.growth ~ share.gain_per_year", "0.7", "0.75")
    );
    assert_eq!(entry.p_before.map(|p| p.p), Some(before));
    assert!(entry.p_after.is_some());
    assert!(app.is_dirty());
    assert!(app.is_edited(app.selected_item()));
    // Shift moves ten steps: 0.75 - 0.5, on the grid of hundredths.
    press(&mut app, &[shift(KeyCode::Left)]);
    assert_eq!(
        rho(&app, Field::MarketGrowth, Field::ShareGainPerYear),
        0.25
    );
    assert_eq!(app.item_text(app.selected_item()), "0.25");
}

#[test]
fn a_nudge_the_other_correlations_cannot_hold_with_is_refused_and_names_the_pair_to_loosen() {
    let mut app = session_on(&tight(), None);
    select(&mut app, "size ~ market.growth");
    select(&mut app, "size ~ share");
    assert_eq!(
        app.selected_item(),
        Item::Correlation(Field::MarketSize, Field::ShareCurrent)
    );
    let scenario = app.scenario.clone();
    let effects = press(&mut app, &[key(KeyCode::Left)]);
    assert!(effects.is_empty(), "nothing to compute: {effects:?}");
    assert_eq!(app.scenario, scenario, "nothing changed");
    assert!(app.log.is_empty() && !app.is_dirty());
    let status = app.status.clone().expect("the refusal is said");
    assert!(status.error, "{status:?}");
    assert!(
        status
            .text
            .starts_with("market.size ~ share.current = 0.6 refused"),
        "{}",
        status.text
    );
    assert!(status.text.contains("change one of"), "{}", status.text);
    // The other way holds.
    press(&mut app, &[key(KeyCode::Right)]);
    assert_eq!(rho(&app, Field::MarketSize, Field::ShareCurrent), 0.7);
}

#[test]
fn a_refusal_leaves_the_status_line_once_a_save_begins() {
    let text = tight();
    let mut app = session_on(&text, Some("plan.toml"));
    type_target(&mut app, "200k");
    select(&mut app, "size ~ share");
    press(&mut app, &[key(KeyCode::Left)]);
    let refused = |app: &App| {
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("refused"))
    };
    assert!(refused(&app), "{:?}", app.status);
    the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    press(
        &mut app,
        &[Msg::SaveConflict {
            path: "plan.toml".into(),
            on_disk: text.replace("horizon_days = 90", "horizon_days = 180"),
            relinked: None,
        }],
    );
    assert!(matches!(app.mode, Mode::Conflict(_)), "{:?}", app.mode);
    assert!(!refused(&app), "{:?}", app.status);
    the_save(&press(&mut app, &[key(KeyCode::Char('m'))]));
    assert!(!refused(&app), "{:?}", app.status);
}

#[test]
fn a_correlation_at_one_cannot_be_nudged_higher_and_says_so() {
    // Alone: with the second pair at 0.5, ρ = 1 would make it 0.5 with growth as well.
    let text = together()
        .replace("share.gain_per_year\" = 0.7", "share.gain_per_year\" = 1")
        .replace("\"share.gain_per_year ~ capacity.attainment\" = 0.5", "");
    let mut app = session_on(&text, None);
    select(&mut app, "growth ~");
    assert!(press(&mut app, &[key(KeyCode::Right)]).is_empty());
    let status = app.status.clone().expect("said");
    assert!(status.text.contains("is 1, the highest"), "{status:?}");
}

#[test]
fn a_typed_correlation_is_checked_like_the_file() {
    let mut app = session_on(&tight(), None);
    select(&mut app, "size ~ share");
    let mut keys = vec![key(KeyCode::Enter), ctrl('u')];
    keys.extend(typed("1.5"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    let Mode::Editing { error: Some(e), .. } = &app.mode else {
        panic!("the editor stays open with the reason: {:?}", app.mode)
    };
    assert!(e.contains("a rank correlation from -1 to 1"), "{e}");
    let mut keys = vec![ctrl('u')];
    keys.extend(typed("0.3"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    let Mode::Editing { error: Some(e), .. } = &app.mode else {
        panic!(
            "a set that cannot hold is refused in the editor: {:?}",
            app.mode
        )
    };
    assert!(e.contains("change one of"), "{e}");
    assert_eq!(rho(&app, Field::MarketSize, Field::ShareCurrent), 0.65);
    // The same value written another way is no edit.
    let mut keys = vec![ctrl('u')];
    keys.extend(typed("0.650"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    assert!(matches!(app.mode, Mode::Normal));
    assert!(app.log.is_empty() && !app.is_dirty());
    let mut keys = vec![key(KeyCode::Enter), ctrl('u')];
    keys.extend(typed("0.8"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(rho(&app, Field::MarketSize, Field::ShareCurrent), 0.8);
    assert_eq!(app.log.last().unwrap().new, "0.8");
}

#[test]
fn undo_and_redo_bring_a_correlation_back() {
    let mut app = session_on(&together(), None);
    select(&mut app, "growth ~");
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('u'))]);
    assert_eq!(rho(&app, Field::MarketGrowth, Field::ShareGainPerYear), 0.7);
    assert!(!app.is_dirty(), "undone back to the file");
    let entry = app.log.last().unwrap();
    assert_eq!(
        (entry.input.as_str(), entry.old.as_str(), entry.new.as_str()),
        ("undo market.growth ~ share.gain_per_year", "0.75", "0.7")
    );
    press(&mut app, &[ctrl('r')]);
    assert_eq!(
        rho(&app, Field::MarketGrowth, Field::ShareGainPerYear),
        0.75
    );
    assert!(app.is_dirty());
}

#[test]
fn saving_writes_a_nudged_correlation_in_place_and_keeps_its_comment() {
    let text = together();
    let mut app = session_on(&text, Some("plan.toml"));
    select(&mut app, "growth ~");
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Right)]);
    select(&mut app, "revenue");
    press(&mut app, &[key(KeyCode::Right)]);
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    let expected = text
        .replace(GROWTH_GAIN, &GROWTH_GAIN.replace("= 0.7 ", "= 0.8 "))
        .replace("revenue = \"20M\"", "revenue = \"21M\"");
    assert_eq!(request.text, expected, "only the two values change");
    assert!(
        request
            .session_log
            .text
            .contains("| market.growth ~ share.gain_per_year | 0.75 | 0.8 |"),
        "{}",
        request.session_log.text
    );
    press(&mut app, &[written("plan.toml", &request.text)]);
    assert!(!app.is_dirty());
    // A correlation nudged back to the file's value is no edit: the next save leaves it be.
    select(&mut app, "growth ~");
    press(&mut app, &[key(KeyCode::Left), key(KeyCode::Left)]);
    assert!(app.is_dirty(), "it differs from what was saved");
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert!(request.text.contains(GROWTH_GAIN), "{}", request.text);
}

#[test]
fn a_recovery_file_with_a_nudged_correlation_is_offered_and_loads_it() {
    let text = together();
    let mut crashed = session_on(&text, Some("plan.toml"));
    select(&mut crashed, "growth ~");
    press(&mut crashed, &[key(KeyCode::Left)]);
    let recovered = crashed.recovery_text().expect("unsaved edits to keep");
    // Its comment stays in its column: the value's new digit takes a space.
    assert!(recovered.contains(&GROWTH_GAIN.replace("= 0.7  ", "= 0.65 ")));

    let mut app = session_on(&text, Some("plan.toml"));
    press(&mut app, &[recovery_found(recovered.clone(), 0)]);
    let Mode::OfferRecovery(offer) = &app.mode else {
        panic!("the correlation is offered: {:?}", app.mode)
    };
    let pair = Item::Correlation(Field::MarketGrowth, Field::ShareGainPerYear);
    assert_eq!(
        offer.changes,
        [RecoveredValue {
            item: pair,
            from: "0.7".to_string(),
            to: "0.65".to_string(),
            shown: ("0.7".to_string(), "0.65".to_string()),
            was: None,
        }]
    );
    press(&mut app, &[key(KeyCode::Char('l'))]);
    assert_eq!(
        rho(&app, Field::MarketGrowth, Field::ShareGainPerYear),
        0.65
    );
    assert!(app.is_dirty());
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    let (edited, rest) = recovered.split_once('\n').expect("a first line");
    assert_eq!(
        edited,
        "# skypie: this session's unsaved edits: market.growth ~ share.gain_per_year"
    );
    let (before, file) = rest.split_once('\n').expect("a second line");
    assert_eq!(
        before,
        "# skypie: before these edits: market.growth ~ share.gain_per_year = 0.7"
    );
    assert_eq!(request.text, file);
    // A colleague saved 0.6 since: named, with what it was.
    let theirs = text.replace("= 0.7  ", "= 0.6  ");
    assert_ne!(theirs, text);
    let mut app = session_on(&theirs, Some("plan.toml"));
    press(&mut app, &[recovery_found(recovered, 0)]);
    let Mode::OfferRecovery(offer) = &app.mode else {
        panic!("the correlation is offered: {:?}", app.mode)
    };
    assert_eq!(offer.changes[0].shown.0, "0.6");
    assert_eq!(offer.changes[0].was.as_deref(), Some("0.7"));
    assert!(!offer.saved_since);
}

#[test]
fn a_merge_keeps_a_colleagues_change_and_this_sessions_correlation() {
    let text = together();
    let mut app = session_on(&text, Some("plan.toml"));
    select(&mut app, "gain_per_year ~");
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('s'))]);
    let on_disk = colleague_saved_two_years(&mut app, &text);
    let Mode::Conflict(conflict) = &app.mode else {
        panic!("the conflict is asked about: {:?}", app.mode)
    };
    let sides = conflict.sides.as_ref().expect("both parse");
    assert_eq!(sides.theirs, [Item::Field(Field::HorizonDays)]);
    assert_eq!(
        sides.ours,
        [Item::Correlation(
            Field::ShareGainPerYear,
            Field::CapacityAttainment
        )]
    );
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('m'))]));
    let line = "\"share.gain_per_year ~ capacity.attainment\" = 0.5  # good share years";
    assert_eq!(
        request.text,
        on_disk.replace(line, &line.replace("0.5  ", "0.55 "))
    );
}

/// A session on `text` (example 07) that nudged its first correlation up and saved, when the
/// file on disk was meanwhile `on_disk`: the conflict answered with a merge.
fn growth_gain_nudged_and_merged(text: &str, on_disk: &str) -> App {
    let mut app = session_on(text, Some("plan.toml"));
    select(&mut app, "growth ~");
    press(&mut app, &[key(KeyCode::Right), key(KeyCode::Char('s'))]);
    press(
        &mut app,
        &[colleague_saved(on_disk), key(KeyCode::Char('m'))],
    );
    app
}

#[test]
fn a_correlation_changed_on_both_sides_is_asked_about() {
    let text = together();
    let on_disk = text.replace(GROWTH_GAIN, &GROWTH_GAIN.replace("= 0.7 ", "= 0.6 "));
    let mut app = growth_gain_nudged_and_merged(&text, &on_disk);
    let Mode::Resolving(resolving) = &app.mode else {
        panic!(
            "the key changed on both sides is asked about: {:?}",
            app.mode
        )
    };
    assert_eq!(
        resolving.both(),
        [Item::Correlation(
            Field::MarketGrowth,
            Field::ShareGainPerYear
        )]
    );
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('t'))]));
    assert_eq!(request.text, on_disk, "the file's value was chosen");
}

#[test]
fn a_correlation_the_file_dropped_is_asked_about_as_none() {
    // Nudged here, deleted from the file meanwhile: the merge shows the file's side as the
    // inputs list shows a pair without a value ("none": the inputs move independently), not
    // as a key left out for its default.
    let text = together();
    let app = growth_gain_nudged_and_merged(&text, &without_growth_gain(&text));
    assert!(matches!(app.mode, Mode::Resolving(_)), "{:?}", app.mode);
    let shown = screen(&app, 100, 30);
    assert!(shown.contains("the file:     none"), "{shown}");
    assert!(!shown.contains("the default"), "{shown}");
}

/// The anecdote with a team ramping in three weeks, which the benchmarks warn about.
fn quick_ramp() -> String {
    BUILT_IN
        .replace("samples = 100000", "samples = 4000")
        .replace("ramp_days = 120", "ramp_days = 21")
}

#[test]
fn an_input_a_benchmark_warns_about_is_marked_and_its_selection_says_why() {
    let mut app = session_on(&quick_ramp(), None);
    let ramp = Item::Field(Field::CapacityRampDays);
    let warning = app
        .caveat(ramp)
        .expect("the ramp is far below the benchmark");
    assert!(
        warning.starts_with("capacity.ramp_days: 21 days for 4 new reps; the median AE ramp"),
        "{warning}"
    );
    assert_eq!(app.caveat(Item::Field(Field::CapacityReps)), None);
    select(&mut app, "ramp");
    assert_eq!(app.selected_item(), ramp);
    // Nudged up to the benchmark's floor, the warning goes.
    for _ in 0..6 {
        press(&mut app, &[key(KeyCode::Right)]);
    }
    assert_eq!(app.scenario.capacity.unwrap().ramp_days, 63);
    assert_eq!(app.caveat(ramp), None);
}

#[test]
fn a_pair_a_crashed_session_dropped_is_offered_as_none_and_saved_without_it() {
    let pair = Item::Correlation(Field::MarketGrowth, Field::ShareGainPerYear);
    let text = together();
    let without = without_growth_gain(&text);
    // A session on the file without the pair loads it from a recovery file, saves it, then
    // undoes the loading: the pair is dropped, and that is not saved when the session dies.
    let mut crashed = session_on(&without, Some("plan.toml"));
    let offered = crate::tui::recovery::with_edited(&text, &[pair.key()]);
    press(
        &mut crashed,
        &[recovery_found(offered, 0), key(KeyCode::Char('l'))],
    );
    let saved = the_save(&press(&mut crashed, &[key(KeyCode::Char('s'))])).text;
    assert!(
        saved.contains("\"market.growth ~ share.gain_per_year\" = 0.7"),
        "{saved}"
    );
    press(
        &mut crashed,
        &[written("plan.toml", &saved), key(KeyCode::Char('u'))],
    );
    let recovered = crashed.recovery_text().expect("the undo is unsaved");
    let (edited, rest) = recovered.split_once('\n').expect("a first line");
    assert_eq!(
        edited,
        format!("# skypie: this session's unsaved edits: {}", pair.key())
    );
    let (before, kept) = rest.split_once('\n').expect("a second line");
    assert_eq!(
        before,
        format!("# skypie: before these edits: {} = 0.7", pair.key())
    );
    assert_eq!(kept, without);

    // Reopening the saved file offers to drop the pair again, and the save drops it.
    let mut app = session_on(&saved, Some("plan.toml"));
    press(&mut app, &[recovery_found(recovered, 0)]);
    let Mode::OfferRecovery(offer) = &app.mode else {
        panic!("the dropped pair is offered: {:?}", app.mode)
    };
    assert_eq!(
        offer.changes,
        [RecoveredValue {
            item: pair,
            from: "0.7".to_string(),
            to: "none".to_string(),
            shown: ("0.7".to_string(), "none".to_string()),
            was: None,
        }]
    );
    press(&mut app, &[key(KeyCode::Char('l'))]);
    let now = &app.scenario.correlations;
    assert!(crate::tui::item::find(now, Field::MarketGrowth, Field::ShareGainPerYear).is_none());
    assert!(app.is_dirty());
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('s'))]));
    assert_eq!(request.text, without);
    assert!(
        request.session_log.text.contains("| 0.7 | none |"),
        "{}",
        request.session_log.text
    );
}

#[test]
fn a_merge_drops_a_pair_this_session_dropped_and_keeps_a_colleagues_change() {
    let pair = Item::Correlation(Field::MarketGrowth, Field::ShareGainPerYear);
    let text = together();
    let without = without_growth_gain(&text);
    let mut app = session_on(&text, Some("plan.toml"));
    let recovered = crate::tui::recovery::with_edited(&without, &[pair.key()]);
    press(
        &mut app,
        &[recovery_found(recovered, 0), key(KeyCode::Char('l'))],
    );
    press(&mut app, &[key(KeyCode::Char('s'))]);
    let on_disk = colleague_saved_two_years(&mut app, &text);
    let Mode::Conflict(conflict) = &app.mode else {
        panic!("the conflict is asked about: {:?}", app.mode)
    };
    let sides = conflict.sides.as_ref().expect("both parse");
    assert_eq!(sides.ours, [pair]);
    let request = the_save(&press(&mut app, &[key(KeyCode::Char('m'))]));
    assert_eq!(request.text, without_growth_gain(&on_disk));
}
