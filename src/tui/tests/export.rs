//! `e`: a small question, then the files it asks the shell to write (the summary table, the
//! board report, the comparison with the pinned baseline) and what they say. Driven by key
//! events, no terminal: the effects are checked, not carried out.

use std::path::PathBuf;

use super::common::{answers_to, ctrl, press, session_on, status_text, type_target, typed};
use crate::tui::app::{App, Effect, Mode, Msg, key};
use ratatui::crossterm::event::KeyCode;
use skypie::report::format;
use skypie::report::signature::{SUMMARY, Signature, signature};
use skypie::scenario::BUILT_IN;

/// The built-in scenario at fewer samples, so every test runs quickly.
fn small_anecdote() -> String {
    BUILT_IN.replace("samples = 100000", "samples = 4000")
}

/// The files an export asks to write, by path.
fn exported(effects: &[Effect]) -> Vec<(PathBuf, String)> {
    match effects {
        [Effect::Export(files)] => files.clone(),
        other => panic!("expected one export, got {other:?}"),
    }
}

/// The paths of `files`.
fn paths(files: &[(PathBuf, String)]) -> Vec<PathBuf> {
    files.iter().map(|(p, _)| p.clone()).collect()
}

/// The cells of a Markdown table's row that starts with `first`.
fn md_row(text: &str, first: &str) -> Vec<String> {
    let line = text
        .lines()
        .find(|l| l.starts_with(&format!("| {first} |")))
        .unwrap_or_else(|| panic!("no row {first}:\n{text}"));
    line.trim_matches('|')
        .split(" | ")
        .map(|c| c.trim().to_string())
        .collect()
}

/// A Markdown export's text above its mark, its last line.
fn above_the_mark(text: &str) -> &str {
    let lines = text.strip_suffix('\n').unwrap_or(text);
    lines.rfind('\n').map_or(text, |at| &text[..=at])
}

#[test]
fn e_asks_what_to_export_and_esc_writes_nothing() {
    let mut app = session_on(&small_anecdote(), Some("plans/q3.toml"));
    assert!(press(&mut app, &[key(KeyCode::Char('e'))]).is_empty());
    assert!(matches!(app.mode, Mode::ChoosingExport));
    // A stray key leaves the question open; the comparison is not offered without a baseline.
    assert!(
        press(
            &mut app,
            &[key(KeyCode::Char('x')), key(KeyCode::Char('c'))]
        )
        .is_empty()
    );
    assert!(matches!(app.mode, Mode::ChoosingExport));
    // The `c` says why it does nothing: it did nothing, unsaid, and the keys typed on behind it
    // were taken as answers (a tester).
    let said = app.status.as_ref().map(|s| s.text.as_str());
    assert_eq!(
        said,
        Some("a comparison needs a baseline: Esc, then b pins the results as they are")
    );
    assert!(press(&mut app, &[key(KeyCode::Esc)]).is_empty());
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn the_summary_table_is_written_as_csv_and_markdown_beside_the_file() {
    let mut app = session_on(&small_anecdote(), Some("plans/q3.toml"));
    let files = exported(&press(
        &mut app,
        &[key(KeyCode::Char('e')), key(KeyCode::Char('t'))],
    ));
    assert_eq!(
        paths(&files),
        [
            PathBuf::from("plans/q3.summary.csv"),
            PathBuf::from("plans/q3.summary.md")
        ]
    );
    assert!(files[0].1.starts_with("name,file,horizon_days"));
    assert!(
        files[1].1.contains("What would make it realistic"),
        "the detail is exported too"
    );
}

#[test]
fn the_summarys_markdown_lists_the_unsaved_edits_its_figures_include() {
    let mut app = session_on(&small_anecdote(), Some("plans/q3.toml"));
    let summary = |app: &mut App| {
        exported(&press(
            app,
            &[key(KeyCode::Char('e')), key(KeyCode::Char('t'))],
        ))[1]
            .1
            .clone()
    };
    assert!(
        !summary(&mut app).contains("unsaved edits"),
        "nothing to say"
    );
    press(&mut app, &[key(KeyCode::Right)]);
    let markdown = summary(&mut app);
    assert!(
        above_the_mark(&markdown).ends_with(
            "\nWith this session's unsaved edits: `target.revenue` 3.1M (the file says 3M).\n"
        ),
        "{markdown}"
    );
}

#[test]
fn an_edit_of_a_key_the_file_leaves_out_is_said_as_its_default() {
    // The file writes no growth: "`market.growth` 5% (the file says 0%)", which it never said.
    let text = small_anecdote().replace(
        "growth = \"5% to 20%\"        # annual growth rate of the market (default 0)\n",
        "",
    );
    assert_ne!(text, small_anecdote(), "the growth line was found");
    let mut app = session_on(&text, Some("plans/q3.toml"));
    let mut keys = vec![key(KeyCode::Char('/'))];
    keys.extend(typed("growth"));
    keys.extend([key(KeyCode::Enter), key(KeyCode::Enter)]);
    keys.push(ctrl('u'));
    keys.extend(typed("5%"));
    keys.push(key(KeyCode::Enter));
    press(&mut app, &keys);
    let summary = exported(&press(
        &mut app,
        &[key(KeyCode::Char('e')), key(KeyCode::Char('t'))],
    ));
    let markdown = &summary[1].1;
    assert!(
        above_the_mark(markdown).ends_with(
            "\nWith this session's unsaved edits: `market.growth` 5% (the file says nothing, 0% \
             by default).\n"
        ),
        "{markdown}"
    );
}

#[test]
fn exports_whose_seed_or_sample_count_is_not_the_files_say_the_files() {
    // Only the seed nudged: the summary ended "With this session's unsaved edits: ." and the
    // board report said its figures come from the file with the same changes, naming none.
    let mut app = session_on(&small_anecdote(), Some("plans/q3.toml"));
    let seed = app.scenario.seed;
    let mut keys = vec![key(KeyCode::Char('/'))];
    keys.extend(typed("seed"));
    keys.extend([key(KeyCode::Enter), key(KeyCode::Right)]);
    press(&mut app, &keys);
    let nudged = app.scenario.seed;
    assert_ne!(nudged, seed);
    let summary = exported(&press(
        &mut app,
        &[key(KeyCode::Char('e')), key(KeyCode::Char('t'))],
    ));
    let markdown = &summary[1].1;
    assert!(
        above_the_mark(markdown).ends_with(&format!(
            "\nWith this session's unsaved edits: `run.seed` {nudged} (the file says {seed}).\n"
        )),
        "{markdown}"
    );
    let report = exported(&press(
        &mut app,
        &[key(KeyCode::Char('e')), key(KeyCode::Char('r'))],
    ));
    let page = &report[0].1;
    assert!(
        page.contains(&format!(
            "4,000 Monte Carlo samples, seed {nudged} (the file says run.seed {seed}). "
        )),
        "{page}"
    );
}

#[test]
fn the_board_report_is_one_html_page_beside_the_file() {
    let mut app = session_on(&small_anecdote(), Some("plans/q3.toml"));
    let files = exported(&press(
        &mut app,
        &[key(KeyCode::Char('e')), key(KeyCode::Char('r'))],
    ));
    assert_eq!(paths(&files), [PathBuf::from("plans/q3.report.html")]);
    let html = &files[0].1;
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..80]);
    for section in skypie::report::board::SECTIONS {
        assert!(html.contains(section), "{section} missing");
    }
    let realistic = app.results.as_ref().unwrap().headline.realistic_target;
    assert!(
        html.contains(&format!(
            "<dd>{}</dd>",
            format::PlanMoney::shown("USD").realistic(realistic)
        )),
        "the headline's card shows the realistic target rounded down"
    );
    assert!(
        html.contains("<code>plans/q3.toml</code>"),
        "the file it is of"
    );
    // The page `skypie report` writes of the file, to the byte: its histogram's bars were
    // binned as the session's panel bins them, between edges widened to figures it writes.
    let board = skypie::report::board::evaluate(&app.scenario);
    let row = skypie::report::Row {
        file: "plans/q3.toml",
        scenario: &app.scenario,
        evaluation: &board.evaluation,
    };
    assert!(
        *html == skypie::report::board::html(&row, &board.histogram, None),
        "the session's page is not skypie report's"
    );
    // With unsaved edits, the page does not claim to be the file's.
    press(&mut app, &[key(KeyCode::Right)]);
    let edited = exported(&press(
        &mut app,
        &[key(KeyCode::Char('e')), key(KeyCode::Char('r'))],
    ));
    let page = &edited[0].1;
    assert!(
        page.contains("<code>plans/q3.toml</code></bdi> with <bdi>this session"),
        "the page says its figures are not the file's"
    );
    assert!(
        page.contains("<span class=\"changed\">edited in this session; the file says 3M</span>"),
        "and marks the value edited with the file's own"
    );
    assert_eq!(
        page.matches("class=\"changed\"").count(),
        1,
        "and only that"
    );
    // The status line says where it went, and how to read it.
    let exported = Msg::Exported {
        paths: paths(&files),
        plan_changed: None,
    };
    press(&mut app, &[exported]);
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "exported plans/q3.report.html: open it in a browser to read or print it"
    );
}

#[test]
fn a_report_of_the_edited_built_in_scenario_names_it_not_a_file() {
    let mut app = session_on(&small_anecdote(), None);
    press(&mut app, &[key(KeyCode::Right)]);
    let page = &exported(&press(
        &mut app,
        &[key(KeyCode::Char('e')), key(KeyCode::Char('r'))],
    ))[0]
        .1;
    assert!(
        page.contains("edited in this session; the built-in scenario says 3M"),
        "no file to speak of"
    );
    assert!(page.contains("The same built-in scenario with the same changes"));
    assert!(!page.contains("the file says"));
}

#[test]
fn nothing_is_exported_while_the_figures_of_an_edit_are_computing() {
    let mut app = session_on(&small_anecdote(), None);
    // The edit's figures are not run: the screen still shows the old ones.
    let _ = app.handle(key(KeyCode::Right));
    let effects = press(
        &mut app,
        &[key(KeyCode::Char('e')), key(KeyCode::Char('r'))],
    );
    assert!(effects.is_empty(), "{effects:?}");
    let status = app.status.clone().unwrap();
    assert!(
        status.error && status.text.contains("press e again"),
        "{status:?}"
    );
}

#[test]
fn an_export_turned_away_while_computing_is_said_possible_once_the_figures_are_in() {
    let mut app = session_on(&small_anecdote(), None);
    // The edit's figures wait: the export is turned away, and said possible once they come.
    let pending = app.handle(key(KeyCode::Right));
    press(
        &mut app,
        &[key(KeyCode::Char('e')), key(KeyCode::Char('r'))],
    );
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("press e again"))
    );
    // The headline alone is not enough for the board report: its panels come after.
    let (headline, panels) = answers_to(&pending);
    app.handle(headline);
    assert!(
        app.status.as_ref().is_some_and(|s| s.error),
        "{:?}",
        app.status
    );
    app.handle(panels);
    let status = app.status.clone().expect("a status line");
    assert_eq!(status.text, "the figures are in: e exports them");
    assert!(!status.error);

    // A status line that moved on meanwhile (here, a save that failed) is left as it is.
    let pending = app.handle(key(KeyCode::Right));
    press(
        &mut app,
        &[key(KeyCode::Char('e')), key(KeyCode::Char('t'))],
    );
    press(
        &mut app,
        &[super::common::save_failed(
            "plan.toml",
            "plan.toml: disk full",
        )],
    );
    super::common::run(&mut app, pending);
    let status = app.status.clone().expect("a status line");
    assert!(
        status.text.starts_with("plan.toml: disk full"),
        "{status:?}"
    );
}

#[test]
fn a_board_report_asked_for_between_the_headline_and_the_panels_is_said_possible_with_them() {
    let mut app = session_on(&small_anecdote(), None);
    let pending = app.handle(key(KeyCode::Right));
    let (headline, panels) = answers_to(&pending);
    app.handle(headline);
    // The headline is in, the panels are not: the board report waits for them.
    let effects = press(
        &mut app,
        &[key(KeyCode::Char('e')), key(KeyCode::Char('r'))],
    );
    assert!(effects.is_empty(), "{effects:?}");
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.error && s.text.contains("once the panels are drawn")),
        "{:?}",
        app.status
    );
    app.handle(panels);
    let status = app.status.clone().expect("a status line");
    assert_eq!(status.text, "the figures are in: e exports them");
}

#[test]
fn a_summary_asked_for_between_the_headline_and_the_panels_waits_for_them() {
    // Between the headline and the panels, `e t` wrote the headline alone, unsaid, where a
    // moment later the same keys wrote the tornado, levers, time path and frontier too.
    let mut app = session_on(&small_anecdote(), None);
    let pending = app.handle(key(KeyCode::Right));
    let (headline, panels) = answers_to(&pending);
    app.handle(headline);
    let keys = [key(KeyCode::Char('e')), key(KeyCode::Char('t'))];
    let effects = press(&mut app, &keys);
    assert!(effects.is_empty(), "{effects:?}");
    let status = app.status.clone().expect("a status line");
    assert!(
        status.error && status.text.contains("once the panels are drawn"),
        "{status:?}"
    );
    app.handle(panels);
    let status = app.status.clone().expect("a status line");
    assert_eq!(status.text, "the figures are in: e exports them");
    let files = exported(&press(&mut app, &keys));
    let md = &files[1].1;
    for section in [
        "Sensitivity",
        "What would make it realistic",
        "Time path",
        "Frontier",
    ] {
        assert!(md.contains(section), "{section} in\n{md}");
    }
}

/// A session with the baseline pinned, then the target set to 200k.
fn compared() -> App {
    let mut app = session_on(&small_anecdote(), Some("plan.toml"));
    press(&mut app, &[key(KeyCode::Char('b'))]);
    type_target(&mut app, "200k");
    app
}

#[test]
fn the_comparison_with_the_baseline_has_baseline_now_and_change() {
    let mut app = compared();
    let base = app.baseline.clone().unwrap().headline;
    let now = app.results.as_ref().unwrap().headline.clone();
    let files = exported(&press(
        &mut app,
        &[key(KeyCode::Char('e')), key(KeyCode::Char('c'))],
    ));
    assert_eq!(
        paths(&files),
        [
            PathBuf::from("plan.comparison.csv"),
            PathBuf::from("plan.comparison.md")
        ]
    );
    let (csv, md) = (&files[0].1, &files[1].1);
    assert!(md.starts_with("# Series B — first 90 days: now against the baseline"));
    assert!(md.contains("| figure | baseline | now | change |"));
    let points = format!(
        "+{} pts",
        skypie::scenario::number::format_significant(
            (now.p_feasible - base.p_feasible) * 100.0,
            skypie::scenario::number::Unit::Plain,
            3
        )
    );
    assert_eq!(
        md_row(md, "P(feasible)"),
        [
            "P(feasible)".to_string(),
            format::probability(base.p_feasible),
            format::probability(now.p_feasible),
            points
        ]
    );
    assert_eq!(
        md_row(md, "verdict"),
        ["verdict", "pie in the sky", "realistic", "better"]
    );
    let fell = base.realistic_target - now.realistic_target;
    let realistic = md_row(md, "realistic target");
    assert_eq!(
        realistic[1],
        format::PlanMoney::shown("USD").realistic(base.realistic_target)
    );
    if fell != 0.0 {
        assert!(realistic[3].starts_with(['+', '-']), "{realistic:?}");
    }
    assert!(md.contains("## Inputs changed since the baseline"));
    assert_eq!(
        md_row(md, "target.revenue"),
        ["target.revenue", "3M", "200k", "changed"]
    );
    // The CSV: machine keys and full precision.
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("figure,baseline,now,change"));
    assert!(csv.contains(&format!(
        "p_feasible,{},{},{}",
        base.p_feasible,
        now.p_feasible,
        now.p_feasible - base.p_feasible
    )));
    assert!(csv.contains("target.revenue,3M,200k,"), "{csv}");
    assert!(csv.contains("verdict,pie-in-the-sky,realistic,"), "{csv}");
}

#[test]
fn a_requirement_covered_on_either_side_reads_so_in_the_change_too() {
    // 3M needs 218 pts/yr and 10.6 reps at the medians; 200k is covered by today's share and
    // team, the requirements then below zero.
    let mut app = compared();
    let base = app.baseline.clone().unwrap().headline;
    let now = app.results.as_ref().unwrap().headline.clone();
    assert!(base.required_pace > 0.0 && now.required_pace < 0.0);
    let (base_reps, now_reps) = (base.required_reps.unwrap(), now.required_reps.unwrap());
    assert!(base_reps > 0.0 && now_reps < 0.0);
    let files = exported(&press(
        &mut app,
        &[key(KeyCode::Char('e')), key(KeyCode::Char('c'))],
    ));
    let (csv, md) = (&files[0].1, &files[1].1);
    assert_eq!(
        md_row(md, "pace needed"),
        [
            "pace needed".to_string(),
            format::needed_and_planned_pace(base.required_pace, base.assumed_pace)[0].clone(),
            "already covered by today's share".to_string(),
            "now covered".to_string()
        ]
    );
    assert_eq!(
        md_row(md, "ramped reps needed")[2..],
        ["none", "now covered"]
    );
    // The CSV is data: the signed figures, in full.
    assert!(
        csv.contains(&format!(
            "required_pace,{},{},{}",
            base.required_pace,
            now.required_pace,
            now.required_pace - base.required_pace
        )),
        "{csv}"
    );
    // The other way, and covered on both sides: the hidden figures stay hidden.
    press(&mut app, &[key(KeyCode::Char('b')), key(KeyCode::Enter)]);
    type_target(&mut app, "3M");
    let files = exported(&press(
        &mut app,
        &[key(KeyCode::Char('e')), key(KeyCode::Char('c'))],
    ));
    assert_eq!(md_row(&files[1].1, "pace needed")[3], "no longer covered");
    assert_eq!(
        md_row(&files[1].1, "ramped reps needed")[3],
        "no longer covered"
    );
    press(&mut app, &[key(KeyCode::Char('u'))]);
    type_target(&mut app, "150k");
    let files = exported(&press(
        &mut app,
        &[key(KeyCode::Char('e')), key(KeyCode::Char('c'))],
    ));
    assert_eq!(md_row(&files[1].1, "pace needed")[3], "no change");
    assert_eq!(md_row(&files[1].1, "ramped reps needed")[3], "no change");
}

#[test]
fn a_comparison_cell_a_spreadsheet_would_run_is_guarded() {
    let text = small_anecdote().replace("growth = \"5% to 20%\"", "growth = \"-5% to 20%\"");
    let mut app = session_on(&text, None);
    press(&mut app, &[key(KeyCode::Char('b'))]);
    let mut keys = vec![key(KeyCode::Char('/'))];
    keys.extend(typed("growth"));
    keys.extend([key(KeyCode::Enter), key(KeyCode::Right)]);
    keys.extend([key(KeyCode::Char('e')), key(KeyCode::Char('c'))]);
    let files = exported(&press(&mut app, &keys));
    let csv = &files[0].1;
    assert!(
        csv.contains("market.growth,'-5% to 20%,'-4% to 21%,"),
        "a value starting with - that is not a number is text:\n{csv}"
    );
}

#[test]
fn the_comparisons_markdown_shows_the_name_as_written_not_as_markup() {
    let text = small_anecdote().replace("Series B — first 90 days", "Plan *bold* <b>x</b> _u_");
    let mut app = session_on(&text, None);
    let files = exported(&press(
        &mut app,
        &[
            key(KeyCode::Char('b')),
            key(KeyCode::Char('e')),
            key(KeyCode::Char('c')),
        ],
    ));
    let md = &files[1].1;
    assert!(
        md.starts_with(r"# Plan \*bold\* \<b>x\</b> \_u\_: now against the baseline"),
        "{md}"
    );
}

/// A session on `plan.toml` in `dir`, its results in.
fn session_in(dir: &std::path::Path) -> App {
    let plan = dir.join("plan.toml");
    session_on(&small_anecdote(), plan.to_str())
}

/// Asks for the export `keys` choose and writes it as the shell does, the app told how it went.
fn export_on_disk(app: &mut App, keys: &[char]) {
    let keys: Vec<Msg> = keys.iter().map(|c| key(KeyCode::Char(*c))).collect();
    let files = exported(&press(app, &keys));
    let said = crate::tui::disk::export(&files, 0o666, None);
    app.handle(said);
}

/// `file` with `note` added at its end, as by hand.
fn add_by_hand(file: &std::path::Path, note: &str) -> String {
    let noted = std::fs::read_to_string(file).unwrap_or_default() + note;
    std::fs::write(file, &noted).unwrap_or_else(|e| panic!("{e}"));
    noted
}

#[test]
fn the_summarys_markdown_export_carries_skypies_mark() {
    let mut app = session_on(&small_anecdote(), Some("plans/q3.toml"));
    let files = exported(&press(
        &mut app,
        &[key(KeyCode::Char('e')), key(KeyCode::Char('t'))],
    ));
    assert_eq!(signature(&files[1].1, SUMMARY), Signature::Intact);
}

#[test]
fn a_summary_export_edited_by_hand_is_kept_as_it_is() {
    // A note added to plan.summary.md was replaced by the next `e` `t`, unsaid.
    let dir = tempfile::tempdir().unwrap();
    let mut app = session_in(dir.path());
    export_on_disk(&mut app, &['e', 't']);
    let md = dir.path().join("plan.summary.md");
    let noted = add_by_hand(&md, "\nCFO: check the ramp with Sam.\n");
    export_on_disk(&mut app, &['e', 't']);
    assert_eq!(std::fs::read_to_string(&md).ok(), Some(noted));
}

#[test]
fn the_status_line_says_an_export_edited_by_hand_was_kept_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = session_in(dir.path());
    export_on_disk(&mut app, &['e', 't']);
    add_by_hand(&dir.path().join("plan.summary.md"), "my note\n");
    export_on_disk(&mut app, &['e', 't']);
    let said = status_text(&app);
    assert!(
        said.ends_with(
            "plan.summary.md holds a skypie summary changed since it was written: writing the \
             summary would replace the changes (nothing written: rename it to keep it, then e \
             again)"
        ),
        "{said}"
    );
}

#[test]
fn an_earlier_summary_export_as_skypie_wrote_it_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = session_in(dir.path());
    export_on_disk(&mut app, &['e', 't']);
    press(&mut app, &[key(KeyCode::Right)]);
    let files = exported(&press(
        &mut app,
        &[key(KeyCode::Char('e')), key(KeyCode::Char('t'))],
    ));
    app.handle(crate::tui::disk::export(&files, 0o666, None));
    let md = dir.path().join("plan.summary.md");
    assert_eq!(
        std::fs::read_to_string(&md).ok().as_ref(),
        Some(&files[1].1)
    );
}

#[test]
fn a_summary_csv_export_with_a_row_added_by_hand_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = session_in(dir.path());
    export_on_disk(&mut app, &['e', 't']);
    let csv = dir.path().join("plan.summary.csv");
    let noted = add_by_hand(&csv, "checked with finance,ok\n");
    export_on_disk(&mut app, &['e', 't']);
    assert_eq!(std::fs::read_to_string(&csv).ok(), Some(noted));
}

#[test]
fn a_comparison_export_edited_by_hand_is_kept_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = session_in(dir.path());
    press(&mut app, &[key(KeyCode::Char('b')), key(KeyCode::Right)]);
    export_on_disk(&mut app, &['e', 'c']);
    let md = dir.path().join("plan.comparison.md");
    let noted = add_by_hand(&md, "\nThe board asked for this one.\n");
    export_on_disk(&mut app, &['e', 'c']);
    assert_eq!(std::fs::read_to_string(&md).ok(), Some(noted));
}
