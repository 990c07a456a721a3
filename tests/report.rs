//! The board report: every section, nothing from the network, user text escaped, the charts'
//! SVG as snapshots, and `skypie report` from the outside (where it writes, and that a broken
//! file writes nothing and says what `eval` says).

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use skypie::model::verdict::Verdict;
use skypie::report::Row;
use skypie::report::board::svg::{Anchor, Extent, text_width};
use skypie::report::board::{
    LEVERS, evaluate, fan_chart, frontier_chart, histogram_chart, html, sections_of, tornado_chart,
};
use skypie::report::format::PlanMoney;
use skypie::report::histogram::Histogram;
use skypie::report::signature::{REPORT, Signature, signature};
use skypie::scenario::number::Unit;
use skypie::scenario::{Field, Method};
use skypie::{Evaluation, Scenario};

mod common;
use common::example;

const ANECDOTE: &str = "scenarios/01-series-b-first-90-days.toml";
const TEAM: &str = "scenarios/02-capacity-bound-team.toml";

/// The report of `scenario` as the binary writes it.
fn report_of(scenario: &Scenario, file: &str) -> String {
    let board = evaluate(scenario);
    let row = Row {
        file,
        scenario,
        evaluation: &board.evaluation,
    };
    html(&row, &board.histogram, None)
}

fn detail(evaluation: &Evaluation) -> &skypie::Detail {
    evaluation
        .detail
        .as_ref()
        .expect("the report computes the detail")
}

#[test]
fn every_worked_example_has_every_section() {
    for entry in std::fs::read_dir("scenarios").expect("the scenarios folder") {
        let path = entry.expect("a folder entry").path();
        let path = path.to_string_lossy();
        if !path.ends_with(".toml") {
            continue;
        }
        let scenario = example(&path, 2_000);
        let page = report_of(&scenario, &path);
        assert!(page.starts_with("<!DOCTYPE html>"), "{path}");
        let mut at = Vec::new();
        // A realistic plan's levers say how far each could go, under a heading that says so
        // (03's read "What would make it realistic" above "The plan is already realistic").
        let verdict = evaluate(&scenario).evaluation.headline.verdict;
        let other = if verdict == Verdict::Realistic {
            LEVERS
        } else {
            skypie::report::format::LEVERS_HEADING_REALISTIC
        };
        assert!(
            !page.contains(&format!("<h2>{other}</h2>")),
            "{path}: {other}"
        );
        for heading in sections_of(verdict) {
            let tag = format!("<h2>{heading}</h2>");
            assert_eq!(page.matches(&tag).count(), 1, "{path}: {heading}");
            at.extend(page.find(&tag));
        }
        assert!(at.is_sorted(), "{path}: the sections out of order");
    }
}

#[test]
fn the_assumptions_list_the_correlations_that_make_07_a_stretch() {
    let path = "scenarios/07-inputs-that-move-together.toml";
    let mut scenario = example(path, 2_000);
    scenario
        .set_correlation(Field::MarketServiceable, Field::MarketSize, 0.3)
        .expect("a pair that can hold");
    let page = report_of(&scenario, path);
    for row in [
        "<td><code>market.growth ~ share.gain_per_year</code></td><td>0.7</td><td class=\"fixed\"></td>",
        "<td><code>share.gain_per_year ~ capacity.attainment</code></td><td>0.5</td>",
        "<td><code>market.serviceable ~ market.size</code></td><td>0.3</td>\
         <td class=\"fixed\">no effect: market.serviceable is not sampled</td>",
    ] {
        assert!(page.contains(row), "{row}");
    }
    let independent = report_of(&example(ANECDOTE, 2_000), ANECDOTE);
    assert!(!independent.contains("inputs that move together"));
    // The P50 of the share gain as written (3.74% of 2% to 7%) beside the pace planned, the
    // median of the samples (3.65 pts/yr at 1,000): two medians of one input, unexplained.
    let note = "P10, P50 and P90 are each input's own, as written";
    assert!(independent.contains(note));
    let fixed = Scenario::parse(
        "schema = 1\nhorizon_days = 90\n[target]\nrevenue = \"3M\"\n[market]\nsize = \"20M\"\n",
        "fixed.toml",
    )
    .expect("it parses");
    assert!(
        !report_of(&fixed, "fixed.toml").contains(note),
        "nothing drawn"
    );
}

#[test]
fn a_plan_that_books_its_target_to_a_rounding_draws_its_bar_as_reaching_it() {
    // 30% of 100M over three years books 90M less a rounding, which makes 90M: P(feasible)
    // 100%, but the histogram drew its one bar as short of the target.
    let text = "schema = 1\nhorizon_days = 1095\n[target]\nrevenue = \"90M\"\n[market]\n\
                size = \"100M\"\n[share]\ncurrent = 0.3\n";
    let mut scenario = Scenario::parse(text, "round.toml").expect("it parses");
    scenario.samples = 1000;
    let page = report_of(&scenario, "round.toml");
    assert!(page.contains("<rect class=\"bar reaches\""), "{page}");
    assert!(!page.contains("<rect class=\"bar\""), "{page}");
}

#[test]
fn a_plan_whose_every_sample_overflows_names_no_bar() {
    // A market of 1e300 growing 1,000,000% a year: the chart drew nothing over a range of 0 to
    // ∞, and its caption spoke of the bars beyond the target line (green).
    let text = "schema = 1\nhorizon_days = 3650\n[target]\nrevenue = \"3M\"\n[market]\n\
                size = \"1e300\"\ngrowth = \"1000000%\"\n[share]\ncurrent = 0.5\n\
                gain_per_year = 0.1\n";
    let mut scenario = Scenario::parse(text, "huge.toml").expect("it parses");
    scenario.samples = 2000;
    let page = report_of(&scenario, "huge.toml");
    assert!(
        page.contains("No sample has a finite value to draw (see the warnings)"),
        "{page}"
    );
    assert!(!page.contains("(green)"));
}

#[test]
fn the_tornado_says_its_order_and_which_input_its_tails_decide() {
    // Today's share wide (0.01% to 8%): pinned at either end it reads below today's 1.2%, so its
    // bar runs far from today's line, yet its two pins differ little and it ranked low under
    // "the widest swing first": a board read the longest bar as barely mattering.
    let text = std::fs::read_to_string(ANECDOTE).expect("the worked example exists");
    let wide = text
        .replace(
            "current = { dist = \"uniform\", min = 0.02, max = 0.05 }",
            "current = \"0.01% to 8%\"",
        )
        .replace(
            "gain_per_year = \"2% to 15%\"",
            "gain_per_year = \"0.01% to 30%\"",
        );
    assert_ne!(wide, text);
    let mut scenario = Scenario::parse(&wide, "wide.toml").expect("parses");
    scenario.samples = 20_000;
    let page = report_of(&scenario, "wide.toml");
    assert!(
        page.contains(
            "ordered by the gap between the two pins, widest first; equal gaps by how far the \
             farther pin lands from today's figure."
        ),
        "{page}"
    );
    assert!(
        page.contains("share.current lowers P(feasible) pinned at either end"),
        "{page}"
    );
}

#[test]
fn a_tornado_of_more_inputs_prints_taller_so_its_text_prints_as_large() {
    // Every chart printed at most 58 mm tall: 05's eight inputs printed at 5.5 pt, the
    // anecdote's five at 8.4.
    let print_height = |path: &str| {
        let page = report_of(&example(path, 2_000), path);
        let at = page.find("--print-height: ")? + "--print-height: ".len();
        Some(page[at..at + page[at..].find("mm")?].to_string())
    };
    assert_eq!(
        print_height("scenarios/01-series-b-first-90-days.toml"),
        None
    );
    // Eight rows against five: (46 + 8·30 + 40) / (46 + 5·30 + 40) of 58 mm.
    assert_eq!(
        print_height("scenarios/05-every-distribution.toml").as_deref(),
        Some("80")
    );
    let css = include_str!("../src/report/board/style.css");
    assert!(css.contains("svg.chart { max-height: var(--print-height, 58mm); }"));
}

#[test]
fn the_report_fetches_nothing_and_runs_nothing() {
    let page = report_of(&example(ANECDOTE, 2_000), ANECDOTE);
    for forbidden in [
        "http://", "https://", "<script", "<link", "<img", "<iframe", "@import", "url(", "src=",
    ] {
        assert!(!page.contains(forbidden), "the report holds {forbidden}");
    }
    assert!(
        page.contains("<style>") && page.contains("<svg"),
        "inline CSS and SVG"
    );
}

#[test]
fn a_name_from_the_file_is_escaped_everywhere() {
    let mut scenario = example(ANECDOTE, 2_000);
    scenario.name = "<script>alert('board')</script> & \"Q3\"".to_string();
    scenario.currency = "<b>X</b>".to_string();
    let page = report_of(&scenario, "<i>plan</i>.toml");
    assert!(!page.contains("<script"), "no script element");
    assert!(!page.contains("<b>X</b>") && !page.contains("<i>plan"));
    assert!(page.contains("&lt;script&gt;alert('board')&lt;/script&gt; &amp; &quot;Q3&quot;"));
    assert!(page.contains("&lt;b&gt;X&lt;/b&gt;"), "the currency too");
    assert!(
        page.contains("&lt;i&gt;plan&lt;/i&gt;.toml"),
        "and the file name"
    );
}

#[test]
fn a_name_written_right_to_left_keeps_to_itself_beside_the_target() {
    // Unisolated, the browser took "$3M" into the name's run: `3$ :2027 خطة المبيعات M`.
    let mut scenario = example(ANECDOTE, 2_000);
    scenario.name = "خطة المبيعات 2027".to_string();
    let page = report_of(&scenario, "plan.toml");
    assert!(
        page.contains("<bdi>خطة المبيعات 2027</bdi>: $3M in 90 days"),
        "{page}"
    );
    assert!(page.contains("<h1 dir=\"auto\">خطة المبيعات 2027</h1>"));
    // A paragraph separator in the name ended the isolation, and "$3M" read "$3 … M" again.
    scenario.name = "Plan\u{2029}שלום 2026".to_string();
    let page = report_of(&scenario, "plan.toml");
    assert!(
        page.contains(r"<bdi>Plan\u2029שלום 2026</bdi>: $3M in 90 days"),
        "{page}"
    );
}

#[test]
fn a_currency_written_right_to_left_keeps_to_itself_beside_what_follows_it() {
    // Unmarked, the browser took what followed into the currency's run: "the target of 3M
    // ש״ח. 378 samples lie outside" read "the target of 3M 378 .ש״ח samples lie outside".
    let mut scenario = example(ANECDOTE, 2_000);
    for (currency, shown) in [("ש״ח", "ש״ח"), ("د.إ", "د.إ"), ("  ש״ח ", "ש״ח")] {
        scenario.currency = currency.to_string();
        let page = report_of(&scenario, "plan.toml");
        let marked = format!("{shown}\u{200e}");
        assert!(
            page.contains(&format!(": 3M {marked} in 90 days")),
            "{page}"
        );
        // Every figure (the sentences', the tables', the charts'), and nothing else.
        let figures = page.matches(&marked).count();
        assert!(figures > 20, "{currency:?}: {figures}");
        assert_eq!(page.matches(shown).count(), figures, "{currency:?}");
        assert_eq!(page.matches('\u{200e}').count(), figures, "{currency:?}");
    }
    // A name holding the currency is the name's, isolated as it is.
    scenario.name = "ש״ח 2026".to_string();
    let page = report_of(&scenario, "plan.toml");
    assert!(
        page.contains("<bdi>ש״ח 2026</bdi>: 3M ש״ח\u{200e} in 90 days"),
        "{page}"
    );
    // A currency written left to right reads in order unmarked.
    for currency in ["$", "USD", "chf", "zł"] {
        scenario.currency = currency.to_string();
        let page = report_of(&scenario, "plan.toml");
        assert!(!page.contains('\u{200e}'), "{currency}");
    }
}

#[test]
fn the_command_that_set_a_currency_written_right_to_left_is_quoted_as_typed() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_anecdote(dir.path());
    let args = ["report", "plan.toml", "--samples", "2000"];
    let output = skypie(
        &[&args[..], &["--set", "currency=ש״ח"]].concat(),
        dir.path(),
    );
    assert!(output.status.success(), "{output:?}");
    let page = std::fs::read_to_string(dir.path().join("plan.report.html")).expect("written");
    // To be copied back to a terminal: the page's mark is its figures' alone; isolated, the
    // command keeps to itself beside the sample count after it.
    assert!(
        page.contains(
            "</bdi> with <bdi>--set 'currency=ש״ח' --samples 2000</bdi>: 2,000 Monte Carlo"
        ),
        "{page}"
    );
}

#[test]
fn the_verdict_says_when_the_run_has_warnings_and_where_they_are() {
    let mut scenario = example(ANECDOTE, 2_000);
    let page = report_of(&scenario, "plan.toml");
    assert!(!page.contains("listed under Assumptions"), "none");
    // A ramp of 10 days: one benchmark warning.
    scenario.apply_override("capacity.ramp_days=10").unwrap();
    let page = report_of(&scenario, "plan.toml");
    assert!(
        page.contains(">1 warning, listed under Assumptions<"),
        "{page}"
    );
    // And more new reps than the team has: two.
    scenario.apply_override("capacity.ramp_days=10").unwrap();
    scenario.apply_override("capacity.new_reps=20").unwrap();
    let board = evaluate(&scenario);
    let warnings = board.evaluation.headline.warnings.len();
    assert!(warnings >= 2, "{:?}", board.evaluation.headline.warnings);
    let page = report_of(&scenario, "plan.toml");
    let said = format!("{warnings} warnings, listed under Assumptions");
    let verdict = page.find("class=\"verdict").unwrap();
    let sentence = page.find("class=\"sentence").unwrap();
    let at = page
        .find(&said)
        .unwrap_or_else(|| panic!("{said} not in {page}"));
    assert!(verdict < at && at < sentence, "beside the verdict");
}

#[test]
fn a_report_of_standard_input_says_so_where_it_names_the_file() {
    let page = report_of(&example(ANECDOTE, 2_000), "-");
    assert!(page.contains("Computed by skypie"));
    assert!(page.contains(" from standard input: "), "{page}");
    assert!(!page.contains("<code>-</code>"));
}

#[test]
fn the_frontier_section_answers_by_when() {
    let page = report_of(&example(ANECDOTE, 2_000), ANECDOTE);
    let evaluation = evaluate(&example(ANECDOTE, 2_000)).evaluation;
    let by = detail(&evaluation)
        .levers
        .iter()
        .find(|l| l.input == skypie::model::levers::LeverKind::Horizon)
        .and_then(|l| l.value)
        .expect("the anecdote is realistic within ten years");
    let shown = |x: f64| skypie::report::format::PlanMoney::shown("USD").realistic(x);
    let realistic = shown(evaluation.headline.realistic_target);
    let answer = format!("Not $3M in 90 days: $3M by day {by}, or {realistic} in 90 days");
    assert!(page.contains(&answer), "{answer}");
    // Its bars stand side by side, ten years beside 90 days: it says they are no time scale.
    assert!(page.contains("The bars stand one a horizon, side by side, not on a time scale."));
    // The table's realistic targets, rounded down as everywhere.
    for point in &detail(&evaluation).frontier {
        let cell = format!("<td class=\"num\">{}</td>", shown(point.realistic_target));
        assert!(page.contains(&cell), "{cell}");
    }
}

#[test]
fn a_target_just_above_the_realistic_one_reads_apart_from_it_in_the_report() {
    // 04's realistic target plus one dollar: a stretch, whose target and realistic target both
    // read "$11.6M" at three digits.
    let file = "scenarios/04-multi-year-plan.toml";
    let mut scenario = example(file, 20_000);
    let realistic = evaluate(&scenario).evaluation.headline.realistic_target;
    scenario.target_revenue = realistic + 1.0;
    let page = report_of(&scenario, file);
    let shown =
        skypie::report::format::target_and_realistic(scenario.target_revenue, realistic, "USD");
    let [target, realistic] = &shown;
    assert_ne!(target, realistic);
    for expected in [
        format!("{target} in 1095 days needs"),
        format!("Realistic at 75% confidence: {realistic}."),
        format!("<dd>{realistic}</dd>"),
        format!("or {realistic} in 1095 days"),
        format!("<td>{target}</td><td>{realistic}</td>"),
        // Wherever the target is shown alone, and the frontier's realistic targets, at the
        // same digits: the histogram's and the frontier chart's marker, the captions, the
        // frontier table's heading and the plan's own row.
        format!(">target {target}</text>"),
        format!("reach the target of {target}:"),
        format!("straight line to the target of {target} on day"),
        format!("P(feasible) of {target}</th>"),
        format!("<td class=\"num\">{realistic}</td>"),
        // and the assumptions' target as written, in full.
        format!(
            "<td>{}</td>",
            skypie::scenario::number::format_exact(scenario.target_revenue, Unit::Amount)
        ),
    ] {
        assert!(page.contains(&expected), "{expected}");
    }
}

#[test]
fn what_the_plan_books_at_the_median_reads_alike_wherever_the_report_shows_it() {
    // The card, the histogram's note and the time path's note: all rounded down, as the
    // realistic target is (06's median read $5.37M on the card and $5.38M by day 365).
    for file in [TEAM, "scenarios/06-doubling-with-both-limits.toml"] {
        let scenario = example(file, 100_000);
        let board = evaluate(&scenario);
        let h = &board.evaluation.headline;
        let row = Row {
            file,
            scenario: &scenario,
            evaluation: &board.evaluation,
        };
        let p50 = row.plan_money().achievable(h.achievable_revenue.p50);
        let page = html(&row, &board.histogram, None);
        for expected in [
            format!("<dd>{p50}</dd>"),
            format!(", P50 {p50}, P90"),
            format!("the median is {p50}."),
        ] {
            assert!(page.contains(&expected), "{file}: {expected}");
        }
    }
}

#[test]
fn the_levers_note_says_the_last_row_moves_two_levers_together() {
    // 06's "reps and share gain together" sat under "Each value alone, every other input
    // unchanged, brings P(feasible) to 80%".
    for (file, combined) in [
        ("scenarios/06-doubling-with-both-limits.toml", true),
        (TEAM, false),
    ] {
        let scenario = example(file, 20_000);
        let board = evaluate(&scenario);
        let d = detail(&board.evaluation);
        assert_eq!(d.combined_lever.is_some(), combined, "{file}");
        let row = Row {
            file,
            scenario: &scenario,
            evaluation: &board.evaluation,
        };
        let page = html(&row, &board.histogram, None);
        assert_eq!(
            page.contains("alone (the last row: the two together)"),
            combined,
            "{file}"
        );
    }
}

#[test]
fn one_sample_is_said_as_one() {
    // `samples = 1` read "across 1 samples".
    for (n, said) in [(1, "1 Monte Carlo sample,"), (2, "2 Monte Carlo samples,")]
        .into_iter()
        .chain([(1, "across 1 sample: P10"), (2, "across 2 samples: P10")])
    {
        let scenario = example(ANECDOTE, n);
        let board = evaluate(&scenario);
        let row = Row {
            file: ANECDOTE,
            scenario: &scenario,
            evaluation: &board.evaluation,
        };
        let page = html(&row, &board.histogram, None);
        assert!(page.contains(said), "{said}");
        // The page is told from every other export, which the session checks before
        // replacing a file with it.
        assert!(skypie::report::board::is_board_page(&page));
    }
}

/// A chart's SVG one element per line, so a snapshot's diff shows what moved.
fn lines(svg: maud::Markup) -> String {
    svg.into_string().replace("><", ">\n<")
}

#[test]
fn the_charts_svg_is_stable_for_a_fixed_seed() {
    let scenario = example(ANECDOTE, 2_000);
    let board = evaluate(&scenario);
    let d = detail(&board.evaluation);
    let h = &board.evaluation.headline;
    let (r, days, usd) = (scenario.target_revenue, scenario.horizon_days, "USD");
    let plan = PlanMoney::of(r, h.realistic_target, usd);
    insta::assert_snapshot!(
        "histogram",
        lines(histogram_chart::chart(&board.histogram, r, plan))
    );
    insta::assert_snapshot!(
        "tornado_of_the_realistic_target",
        lines(tornado_chart::chart(
            &d.sensitivity,
            d.sensitivity_of,
            h.realistic_target,
            plan,
            scenario.confidence
        ))
    );
    insta::assert_snapshot!("fan", lines(fan_chart::chart(&d.time_path, r, days, usd)));
    insta::assert_snapshot!(
        "frontier",
        lines(frontier_chart::chart(
            &d.frontier,
            r,
            days,
            plan,
            scenario.confidence
        ))
    );
    let team_scenario = example(TEAM, 2_000);
    let team = evaluate(&team_scenario).evaluation;
    let d = detail(&team);
    insta::assert_snapshot!(
        "tornado_of_p_feasible",
        lines(tornado_chart::chart(
            &d.sensitivity,
            d.sensitivity_of,
            team.headline.p_feasible,
            PlanMoney::shown("EUR"),
            team_scenario.confidence
        ))
    );
}

/// The box of each text of a chart's SVG (one element a line, as [`lines`] writes it), from
/// its position, anchor and font size (the page's: 12 for the target and the tornado's input
/// keys, 11 for the rest), with the text for messages.
fn text_boxes(svg: &str) -> Vec<(String, Extent)> {
    let attribute = |line: &str, name: &str| -> Option<String> {
        let start = line.find(&format!(" {name}=\""))? + name.len() + 3;
        let length = line[start..].find('"')?;
        Some(line[start..start + length].to_string())
    };
    let number = |line: &str, name: &str| {
        attribute(line, name).map_or(0.0, |v| v.parse::<f64>().expect("a number"))
    };
    svg.lines()
        .filter(|line| line.starts_with("<text"))
        .map(|line| {
            let text =
                &line[line.find('>').expect("a tag") + 1..line.rfind("</text>").expect("closed")];
            let size = if line.contains("class=\"target") || line.contains("class=\"label") {
                12.0
            } else {
                11.0
            };
            let anchor = match attribute(line, "text-anchor").as_deref() {
                Some("middle") => Anchor::Middle,
                Some("end") => Anchor::End,
                _ => Anchor::Start,
            };
            let y = number(line, "y") + number(line, "dy");
            let width = text_width(text, size);
            let extent = Extent::of_text(number(line, "x"), y, anchor, width, size);
            // A title turned along a vertical axis (`rotate(-90 x y)` about its anchor): its box
            // turned a quarter about that point.
            let extent = if line.contains("rotate(-90") {
                let x = number(line, "x");
                Extent {
                    left: x - (y - extent.top),
                    right: x + (extent.bottom - y),
                    top: y - (extent.right - x),
                    bottom: y + (x - extent.left),
                }
            } else {
                extent
            };
            (text.to_string(), extent)
        })
        .collect()
}

#[test]
fn no_text_of_the_frontier_chart_meets_another_in_any_worked_example_wherever_the_target_lies() {
    for entry in std::fs::read_dir("scenarios").expect("the scenarios folder") {
        let path = entry.expect("a folder entry").path();
        let path = path.to_string_lossy();
        if !path.ends_with(".toml") {
            continue;
        }
        let scenario = example(&path, 2_000);
        let board = evaluate(&scenario);
        let frontier = &detail(&board.evaluation).frontier;
        // The file's own target, and each bar's top with the line just above, on and below it
        // (the realistic targets do not depend on the target, so one evaluation serves).
        let targets = frontier
            .iter()
            .flat_map(|p| [0.9, 0.97, 1.0, 1.03].map(|f| p.realistic_target * f))
            // and a dollar above the plan's realistic target, whose labels take more digits.
            .chain([
                scenario.target_revenue,
                board.evaluation.headline.realistic_target + 1.0,
            ]);
        // As the report shows it: the target at the digits that keep it apart from the plan's
        // realistic target.
        let realistic = board.evaluation.headline.realistic_target;
        // In its currency, and in one written out.
        let currencies = [scenario.currency.as_str(), "Swiss francs (CHF)"];
        for (target, currency) in targets.flat_map(|t| currencies.map(|c| (t, c))) {
            let svg = lines(frontier_chart::chart(
                frontier,
                target,
                scenario.horizon_days,
                PlanMoney::of(target, realistic, currency),
                scenario.confidence,
            ));
            let boxes = text_boxes(&svg);
            for (i, (text, extent)) in boxes.iter().enumerate() {
                for (other, other_extent) in &boxes[i + 1..] {
                    assert!(
                        !extent.overlaps(other_extent),
                        "{path}, target {target}, {currency}: {text:?} meets {other:?}"
                    );
                }
            }
        }
    }
}

/// The box of a chart's drawing, from its SVG's `viewBox`.
fn frame(svg: &str) -> Extent {
    let start = svg.find("viewBox=\"").expect("a viewBox") + 9;
    let numbers: Vec<f64> = svg[start..start + svg[start..].find('"').expect("closed")]
        .split(' ')
        .map(|n| n.parse().expect("a number"))
        .collect();
    Extent {
        left: numbers[0],
        right: numbers[0] + numbers[2],
        top: numbers[1],
        bottom: numbers[1] + numbers[3],
    }
}

#[test]
fn no_text_of_the_histogram_tornado_or_time_path_meets_another_or_leaves_the_chart() {
    // Each worked example with its target far below, around and far above what it can book,
    // over a day, a round 100 and 1000 days and ten years, in its currency, in one without a
    // symbol and in one written out ("448k Swiss francs" ran past the tornado's edge, and the
    // ticks' "100k Swiss francs" into one another).
    for entry in std::fs::read_dir("scenarios").expect("the scenarios folder") {
        let path = entry.expect("a folder entry").path();
        let path = path.to_string_lossy();
        if !path.ends_with(".toml") {
            continue;
        }
        let file = example(&path, 2_000);
        let targets = [0.001, 0.5, 1.5, 4.0, 100.0].map(|f| (f * file.target_revenue, None));
        let horizons = [1, 100, 1000, 3650].map(|d| (file.target_revenue, Some(d)));
        for (target, horizon) in targets.into_iter().chain(horizons) {
            let mut scenario = file.clone();
            scenario.target_revenue = target;
            scenario.horizon_days = horizon.unwrap_or(file.horizon_days);
            let board = evaluate(&scenario);
            let d = detail(&board.evaluation);
            let h = &board.evaluation.headline;
            let now = match d.sensitivity_of {
                skypie::model::sensitivity::SensitivityOf::PFeasible => h.p_feasible,
                skypie::model::sensitivity::SensitivityOf::RealisticTarget => h.realistic_target,
            };
            for currency in [file.currency.as_str(), "CHF", "Swiss francs (CHF)"] {
                let days = scenario.horizon_days;
                let charts = [
                    histogram_chart::chart(
                        &board.histogram,
                        target,
                        PlanMoney::of(target, h.realistic_target, currency),
                    ),
                    tornado_chart::chart(
                        &d.sensitivity,
                        d.sensitivity_of,
                        now,
                        PlanMoney::of(target, h.realistic_target, currency),
                        scenario.confidence,
                    ),
                    fan_chart::chart(&d.time_path, target, days, currency),
                ];
                for (chart, name) in charts
                    .into_iter()
                    .zip(["histogram", "tornado", "time path"])
                {
                    let svg = lines(chart);
                    let frame = frame(&svg);
                    let case = format!("{path}, {name}, target {target}, {days} days, {currency}");
                    let boxes = text_boxes(&svg);
                    for (i, (text, extent)) in boxes.iter().enumerate() {
                        assert!(extent.inside(&frame), "{case}: {text:?} is cut off");
                        for (other, other_extent) in &boxes[i + 1..] {
                            assert!(
                                !meets(extent, other_extent),
                                "{case}: {text:?} meets {other:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}

/// Whether two text boxes share more than half a unit each way: [`Extent::of_text`] errs on
/// the large side, and by it the time path's "$0" (its lowest money label) and "day 0" below
/// it share 0.2, where Chromium draws them 0.4 apart.
fn meets(a: &Extent, b: &Extent) -> bool {
    let shrunk = |e: &Extent| Extent {
        left: e.left + 0.25,
        right: e.right - 0.25,
        top: e.top + 0.25,
        bottom: e.bottom - 0.25,
    };
    shrunk(a).overlaps(&shrunk(b))
}

fn skypie(args: &[&str], dir: &Path) -> Output {
    Command::cargo_bin("skypie")
        .expect("the binary is built")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn copy_anecdote(dir: &Path) {
    std::fs::copy(ANECDOTE, dir.join("plan.toml")).expect("copy the anecdote");
}

#[test]
fn report_writes_the_page_beside_the_file() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_anecdote(dir.path());
    let output = skypie(&["report", "plan.toml", "--samples", "2000"], dir.path());
    assert!(output.status.success(), "{output:?}");
    let page = std::fs::read_to_string(dir.path().join("plan.report.html")).expect("written");
    assert!(page.contains("<h2>Frontier</h2>"));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.starts_with("wrote plan.report.html: pie in the sky"),
        "{said}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn a_report_with_a_note_added_by_hand_is_refused_and_kept_as_it_was() {
    // A CFO's note written into plan.report.html went with the next `report`, exit 0.
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_anecdote(dir.path());
    let written = skypie(&["report", "plan.toml", "--samples", "2000"], dir.path());
    assert!(written.status.success(), "{written:?}");
    let page = dir.path().join("plan.report.html");
    let noted = std::fs::read_to_string(&page).expect("written").replacen(
        "<body>",
        "<body><p>CFO NOTE: numbers agreed with Sam</p>",
        1,
    );
    std::fs::write(&page, &noted).expect("the note written");
    let refused = skypie(&["report", "plan.toml", "--samples", "2000"], dir.path());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(
        (
            refused.status.code(),
            said.lines().next(),
            std::fs::read_to_string(&page).ok() == Some(noted)
        ),
        (
            Some(2),
            Some(
                "error: without --out, the report plan.report.html holds a skypie report changed \
                 since it was written: writing the report would replace the changes (name another \
                 with --out)"
            ),
            true
        )
    );
}

#[test]
fn a_report_as_skypie_wrote_it_is_replaced() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_anecdote(dir.path());
    let page = dir.path().join("plan.report.html");
    let mut written = Vec::new();
    for seed in ["1", "2"] {
        let run = &["report", "plan.toml", "--samples", "2000", "--seed", seed];
        let output = skypie(run, dir.path());
        assert!(output.status.success(), "{output:?}");
        written.push(std::fs::read_to_string(&page).expect("written"));
    }
    assert_ne!(written[0], written[1], "seed 2's report replaced seed 1's");
}

#[test]
fn the_reports_last_line_is_its_mark_a_digest_of_the_page_above_it() {
    let page = report_of(&example(ANECDOTE, 2_000), ANECDOTE);
    assert_eq!(
        signature(&page, REPORT),
        Signature::Intact,
        "{}",
        page.lines().last().unwrap_or_default()
    );
}

#[test]
fn report_takes_threads_as_eval_does_and_the_page_is_the_same_for_any_count() {
    // `eval`'s command line with `report` in its place was refused: "unexpected argument
    // '--threads'", with clap's tip to pass it as a file name.
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_anecdote(dir.path());
    let page = |threads: &str| {
        let args = [
            "report",
            "plan.toml",
            "--samples",
            "4000",
            "--threads",
            threads,
            "--out",
            "-",
        ];
        let output = skypie(&args, dir.path());
        assert!(output.status.success(), "{threads}: {output:?}");
        String::from_utf8(output.stdout).expect("the page is UTF-8")
    };
    let one = page("1");
    assert!(one.contains("<h2>Frontier</h2>"));
    assert_eq!(one, page("3"));
    let output = skypie(&["report", "plan.toml", "--threads", "0"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("found 0, expected"), "{said}");
}

#[test]
fn evals_output_options_are_refused_saying_what_does_it_not_as_files() {
    // `eval`'s command line with `report` in its place: clap said "unexpected argument
    // '--detail'", with a tip to pass it as a file name (`-- --detail`).
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_anecdote(dir.path());
    for (args, said) in [
        (
            vec!["--detail"],
            "report takes no --detail: the report always has the detail",
        ),
        (
            vec!["--format", "csv"],
            "report takes no --format: it writes one web page (HTML)",
        ),
        (vec!["-f", "json"], "report takes no --format"),
        (
            vec!["--draws", "d.csv"],
            "skypie eval FILE --draws samples.csv",
        ),
        (vec!["--max-memory", "-1"], "report takes no --max-memory"),
        // Before the file, as `eval`'s usage puts them: `--detail plan.toml` took the file
        // for its value, and clap said no FILES were given.
        (vec!["BEFORE", "--detail"], "report takes no --detail"),
        (
            vec!["BEFORE", "--format", "csv"],
            "report takes no --format",
        ),
    ] {
        let mut asked = vec!["report"];
        match args.split_first() {
            Some((&"BEFORE", flags)) => asked.extend(flags.iter().chain(&["plan.toml"])),
            _ => asked.extend(["plan.toml"].iter().chain(&args)),
        }
        let output = skypie(&asked, dir.path());
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        assert!(stderr.contains(said), "{args:?}: {stderr}");
        assert!(!stderr.contains("-- --"), "{args:?}: {stderr}");
        assert!(!dir.path().join("plan.report.html").exists(), "{args:?}");
    }
}

#[test]
fn a_report_named_as_a_summary_table_is_refused_before_anything_is_written() {
    // `report --out summary.csv` wrote the web page under a name a spreadsheet opens.
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_anecdote(dir.path());
    for name in ["summary.csv", "board.JSON", "notes.md", "notes.markdown"] {
        let output = skypie(&["report", "plan.toml", "--out", name], dir.path());
        assert_eq!(output.status.code(), Some(2), "{name}");
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains("report writes a web page (HTML)"), "{said}");
        assert!(
            said.contains(&format!("skypie eval FILE --out {name}")),
            "{said}"
        );
        assert!(!dir.path().join(name).exists(), "{name}");
    }
}

#[test]
fn report_writes_where_out_says_and_standard_input_into_the_current_folder() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_anecdote(dir.path());
    let args = [
        "report",
        "plan.toml",
        "--samples",
        "2000",
        "--out",
        "board.html",
    ];
    assert!(skypie(&args, dir.path()).status.success());
    assert!(dir.path().join("board.html").is_file());
    assert!(!dir.path().join("plan.report.html").exists());
    let text = std::fs::read(ANECDOTE).expect("the anecdote");
    let output = Command::cargo_bin("skypie")
        .expect("the binary is built")
        .current_dir(dir.path())
        .args([
            "report",
            "-",
            "--samples",
            "2000",
            "--set",
            "target.revenue=200k",
        ])
        .write_stdin(text)
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{output:?}");
    let page = std::fs::read_to_string(dir.path().join("report.html")).expect("written");
    assert!(page.contains("$200k in 90 days"), "--set applies");
    // Standard input by another name is standard input: `report /dev/stdin` wrote
    // /dev/stdin.report.html into /dev, and `report /dev/fd/0` (or `<(cat plan.toml)`) failed
    // after the work, trying /dev/fd/0.report.html.
    std::fs::remove_file(dir.path().join("report.html")).expect("removed");
    let output = Command::cargo_bin("skypie")
        .expect("the binary is built")
        .current_dir(dir.path())
        .args(["report", "/dev/fd/0", "--samples", "2000"])
        .write_stdin(std::fs::read(ANECDOTE).expect("the anecdote"))
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{output:?}");
    assert!(dir.path().join("report.html").is_file());
    assert!(
        String::from_utf8_lossy(&output.stderr).starts_with("wrote report.html: "),
        "{output:?}"
    );
    // So with a file redirected in (`report /dev/stdin < plan.toml`): standard input is then a
    // regular file, and its report went beside /dev/stdin, into /dev.
    std::fs::remove_file(dir.path().join("report.html")).expect("removed");
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("skypie"))
        .current_dir(dir.path())
        .args(["report", "/dev/stdin", "--samples", "2000"])
        .stdin(std::fs::File::open(ANECDOTE).expect("the anecdote"))
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr).starts_with("wrote report.html: "),
        "{output:?}"
    );
    assert!(dir.path().join("report.html").is_file());
}

#[test]
fn report_writes_a_report_beside_each_file_and_out_names_only_one() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_anecdote(dir.path());
    std::fs::copy(TEAM, dir.path().join("team.toml")).expect("copy 02");
    std::fs::write(
        dir.path().join("broken.toml"),
        "schema = 1\n[market]\nsise = 5\n",
    )
    .expect("write the broken file");
    let args = [
        "report",
        "plan.toml",
        "broken.toml",
        "team.toml",
        "--samples",
        "2000",
    ];
    let output = skypie(&args, dir.path());
    // Each file that reads gets its report; the one that does not is said, and exit is 1.
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    for page in ["plan.report.html", "team.report.html"] {
        let text = std::fs::read_to_string(dir.path().join(page)).expect("written");
        assert!(text.contains("<h2>Frontier</h2>"), "{page}");
    }
    assert!(!dir.path().join("broken.report.html").exists());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("wrote plan.report.html: pie in the sky"),
        "{said}"
    );
    assert!(said.contains("broken.toml:3:1"), "{said}");
    assert!(said.contains("wrote team.report.html: stretch"), "{said}");
    // --out names one report: with two files it is a usage error, and nothing is written.
    let output = skypie(
        &["report", "plan.toml", "team.toml", "--out", "board.html"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("--out names one report, and 2 scenario files"),
        "{said}"
    );
    assert!(!dir.path().join("board.html").exists());
}

#[test]
fn a_report_that_cannot_be_written_is_said_and_the_others_are_still_written() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_anecdote(dir.path());
    std::fs::copy(ANECDOTE, dir.path().join("shut.toml")).expect("copy the anecdote");
    std::fs::copy(TEAM, dir.path().join("team.toml")).expect("copy 02");
    // A folder where shut.toml's report would go: it cannot be written there.
    std::fs::create_dir(dir.path().join("shut.report.html")).expect("a folder");
    let args = [
        "report",
        "plan.toml",
        "shut.toml",
        "team.toml",
        "--samples",
        "2000",
    ];
    let output = skypie(&args, dir.path());
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("shut.report.html"), "{said}");
    for page in ["plan.report.html", "team.report.html"] {
        assert!(dir.path().join(page).is_file(), "{page}: {said}");
    }
    // Said before any report is run: it came after plan.toml's run and report.
    let refused = said.find("error: shut.report.html: found a folder");
    let first_written = said.find("wrote plan.report.html");
    assert!(
        matches!((refused, first_written), (Some(r), Some(w)) if r < w),
        "{said}"
    );
}

#[test]
fn a_file_that_is_no_report_at_one_reports_name_refuses_that_report_alone_as_a_folder_does() {
    // `report plan.toml notes.toml` with notes.report.html one's own notes stopped the batch
    // (exit 2, no report written), where a folder there stops only its own report.
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_anecdote(dir.path());
    std::fs::copy(ANECDOTE, dir.path().join("notes.toml")).expect("copy the anecdote");
    std::fs::copy(TEAM, dir.path().join("team.toml")).expect("copy 02");
    let notes = dir.path().join("notes.report.html");
    std::fs::write(&notes, "<p>my own notes</p>").expect("write the notes");
    let args = [
        "report",
        "plan.toml",
        "notes.toml",
        "team.toml",
        "--samples",
        "2000",
    ];
    let output = skypie(&args, dir.path());
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{said}");
    for page in ["plan.report.html", "team.report.html"] {
        assert!(dir.path().join(page).is_file(), "{page}: {said}");
    }
    assert_eq!(
        std::fs::read_to_string(&notes).ok().as_deref(),
        Some("<p>my own notes</p>"),
        "{said}"
    );
}

#[test]
fn a_scenario_at_one_reports_name_refuses_that_report_alone_as_a_file_that_is_no_report_does() {
    // `report a.toml b.toml` with b.report.html a copy of a scenario stopped the batch (exit 2,
    // no report written), where a file that is no report there stops only its own report.
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_anecdote(dir.path());
    std::fs::copy(ANECDOTE, dir.path().join("b.toml")).expect("copy the anecdote");
    let copy = dir.path().join("b.report.html");
    std::fs::copy(ANECDOTE, &copy).expect("copy the anecdote");
    let output = skypie(
        &["report", "plan.toml", "b.toml", "--samples", "2000"],
        dir.path(),
    );
    let said = String::from_utf8_lossy(&output.stderr);
    let kept = std::fs::read(&copy).ok() == std::fs::read(ANECDOTE).ok();
    assert_eq!(
        (
            output.status.code(),
            dir.path().join("plan.report.html").is_file(),
            kept
        ),
        (Some(1), true, true),
        "exit status, the other report written, the scenario kept: {said}"
    );
}

#[test]
fn a_scenario_at_one_of_several_reports_names_is_named_and_mended_by_reporting_its_scenario_alone()
{
    // It said "(choose another name)", which --out, naming one report, could not do here.
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_anecdote(dir.path());
    std::fs::copy(ANECDOTE, dir.path().join("b.toml")).expect("copy the anecdote");
    std::fs::copy(ANECDOTE, dir.path().join("b.report.html")).expect("copy the anecdote");
    let output = skypie(
        &["report", "plan.toml", "b.toml", "--samples", "2000"],
        dir.path(),
    );
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.starts_with(
            "error: without --out, the report b.report.html is a scenario file: writing it would \
             replace the scenario (name another with skypie report b.toml --out NAME)\n"
        ),
        "{said}"
    );
}

#[test]
fn a_file_that_is_no_report_at_one_of_several_reports_names_is_mended_by_reporting_its_scenario_alone()
 {
    // "name another with --out" could not be followed: --out names the report of one file.
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_anecdote(dir.path());
    std::fs::copy(ANECDOTE, dir.path().join("notes.toml")).expect("copy the anecdote");
    std::fs::write(dir.path().join("notes.report.html"), "<p>my own notes</p>")
        .expect("write the notes");
    let output = skypie(
        &["report", "plan.toml", "notes.toml", "--samples", "2000"],
        dir.path(),
    );
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.starts_with(
            "error: without --out, the report notes.report.html holds a file that is no skypie \
             report: writing the report would replace it (name another with skypie report \
             notes.toml --out NAME)\n"
        ),
        "{said}"
    );
}

#[test]
fn the_command_that_reports_one_of_several_scenarios_alone_quotes_a_name_with_a_space() {
    // "skypie report q3 plan.toml --out NAME" reported two files, `q3` and `plan.toml`.
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_anecdote(dir.path());
    std::fs::copy(ANECDOTE, dir.path().join("q3 plan.toml")).expect("copy the anecdote");
    std::fs::write(
        dir.path().join("q3 plan.report.html"),
        "<p>my own notes</p>",
    )
    .expect("write the notes");
    let output = skypie(
        &["report", "plan.toml", "q3 plan.toml", "--samples", "2000"],
        dir.path(),
    );
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("(name another with skypie report 'q3 plan.toml' --out NAME)"),
        "{said}"
    );
}

#[test]
fn a_report_beside_its_file_that_cannot_be_written_is_refused_before_the_run_as_eval_refuses_it() {
    // `report plan.toml` ran the model, then found plan.report.html a folder; `eval --out`
    // says so before it reads the scenario. A broken scenario shows which came first: it was
    // said, and the folder only once it was mended and run.
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        dir.path().join("plan.toml"),
        "schema = 1\n[market]\nsise = 5\n",
    )
    .expect("write the broken file");
    std::fs::create_dir(dir.path().join("plan.report.html")).expect("a folder");
    let report = skypie(&["report", "plan.toml"], dir.path());
    // (`--format`: without it, eval refuses a name ending in .html as the report's.)
    let eval = skypie(
        &[
            "eval",
            "plan.toml",
            "-f",
            "table",
            "--out",
            "plan.report.html",
        ],
        dir.path(),
    );
    assert_eq!(report.status.code(), Some(1), "{report:?}");
    let said = String::from_utf8_lossy(&report.stderr);
    assert_eq!(
        said,
        "error: plan.report.html: found a folder, expected a file to write\n"
    );
    // eval's --out, typed, is told a file in the folder too.
    let evals = String::from_utf8_lossy(&eval.stderr);
    assert!(evals.starts_with(said.trim_end()), "{evals}");
}

#[test]
fn the_data_a_piped_scenario_was_fitted_to_is_refused_before_any_report_is_run() {
    // `cat q3.toml | skypie report plan.toml -`, where the piped plan's fit note names a file
    // called report.html and one is there: plan.toml's report was run and written, then the
    // piped one refused (exit 1). `eval` refuses its outputs so before the run.
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_anecdote(dir.path());
    let fitted = std::fs::read_to_string(ANECDOTE)
        .expect("the anecdote")
        .replacen(
            "# team-average fraction of quota actually booked",
            "# fitted by skypie fit to report.html (n = 28)",
            1,
        );
    assert!(
        fitted.contains("(n = 28)"),
        "the anecdote's attainment has its comment"
    );
    std::fs::write(dir.path().join("report.html"), "").expect("an empty report.html");
    let output = Command::cargo_bin("skypie")
        .expect("the binary is built")
        .current_dir(dir.path())
        .args(["report", "plan.toml", "-", "--samples", "2000"])
        .write_stdin(fitted)
        .output()
        .expect("the binary runs");
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(
        said.contains("report.html may be the data the scenario on standard input was fitted to"),
        "{said}"
    );
    assert!(!said.contains("wrote"), "{said}");
    assert!(!dir.path().join("plan.report.html").exists(), "{said}");
}

#[test]
fn reports_that_would_share_a_name_are_refused_naming_their_files() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_anecdote(dir.path());
    std::fs::copy(ANECDOTE, dir.path().join("plan")).expect("copy the anecdote again");
    // It read "without --out, the report and without --out, the report both name …".
    for (args, said) in [
        (
            vec!["report", "plan.toml", "plan"],
            "the reports of plan.toml and plan both name plan.report.html",
        ),
        (
            vec!["report", "plan.toml", "plan.toml"],
            "plan.toml is given twice: its report, plan.report.html, would be written twice",
        ),
        (
            vec!["report", "-", "-"],
            "- (standard input) can be read only once",
        ),
    ] {
        let output = skypie(&args, dir.path());
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(said), "{stderr}");
        assert!(!dir.path().join("plan.report.html").exists());
    }
}

#[test]
fn one_file_given_by_two_names_is_said_to_be_given_twice() {
    // `report plan.toml sub/../plan.toml` read "the reports of plan.toml and sub/../plan.toml
    // both name plan.report.html: one would replace the other", of one file.
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_anecdote(dir.path());
    std::fs::create_dir(dir.path().join("sub")).expect("a folder");
    let output = skypie(&["report", "plan.toml", "sub/../plan.toml"], dir.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "plan.toml is given twice (the second time as sub/../plan.toml): its report, \
             plan.report.html, would be written twice"
        ),
        "{stderr}"
    );
}

#[test]
fn a_broken_file_says_what_eval_says_and_writes_no_report() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let broken = "schema = 1\nhorizon_days = 90\n[target]\nrevenue = \"3M\"\n[market]\nsise = 5\n";
    std::fs::write(dir.path().join("plan.toml"), broken).expect("write the file");
    let report = skypie(&["report", "plan.toml"], dir.path());
    let eval = skypie(&["eval", "plan.toml"], dir.path());
    assert_eq!(report.status.code(), Some(1));
    assert_eq!(report.stderr, eval.stderr);
    assert!(String::from_utf8_lossy(&report.stderr).contains("plan.toml:6:1"));
    let files: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
    assert_eq!(files.len(), 1, "only plan.toml: no report file");
}

#[test]
fn a_report_run_with_command_line_changes_marks_them_and_says_how_to_get_its_figures_again() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::copy(
        "scenarios/07-inputs-that-move-together.toml",
        dir.path().join("plan.toml"),
    )
    .expect("copy 07");
    let footer = |page: &str| {
        let start = page.find("<footer>").expect("a footer");
        page[start..].to_string()
    };
    let plain = skypie(&["report", "plan.toml", "--samples", "2048"], dir.path());
    assert!(plain.status.success(), "{plain:?}");
    let page = std::fs::read_to_string(dir.path().join("plan.report.html")).expect("written");
    assert!(!page.contains("class=\"changed\""), "nothing changed");
    assert!(
        footer(&page).contains("2,048 Monte Carlo samples, seed"),
        "{}",
        footer(&page)
    );

    let args = [
        "report",
        "plan.toml",
        "--set",
        "target.revenue=2M",
        "--set",
        "market.growth ~ share.gain_per_year=0.2",
        "--method",
        "sobol",
        "--samples",
        "2048",
        "--seed",
        "5",
    ];
    let changed = skypie(&args, dir.path());
    assert!(changed.status.success(), "{changed:?}");
    let page = std::fs::read_to_string(dir.path().join("plan.report.html")).expect("written");
    let file_says = |value: &str| {
        format!("<span class=\"changed\">set on the command line; the file says {value}</span>")
    };
    assert!(
        page.contains(&format!("<td>2M{}</td>", file_says("20M"))),
        "the target is marked with the file's own value"
    );
    assert!(
        page.contains(&format!("<td>0.2{}</td>", file_says("0.7"))),
        "the correlation too"
    );
    assert_eq!(
        page.matches("class=\"changed\"").count(),
        2,
        "and nothing else"
    );
    let footer = footer(&page);
    assert!(
        footer.contains(
            "<bdi><code>plan.toml</code></bdi> with <bdi>--set 'target.revenue=2M' --set \
             'market.growth ~ share.gain_per_year=0.2' --samples 2048 --seed 5 --method \
             sobol</bdi>: \
             2,048 scrambled Sobol points (16 independent scrambles), seed 5 (the file says \
             run.samples 100,000, run.seed 17; it leaves run.method to its default, mc)."
        ),
        "{footer}"
    );
    assert!(
        footer.contains("The same file with the same changes"),
        "{footer}"
    );
}

#[test]
fn an_already_realistic_plans_levers_read_as_room_not_advice() {
    // 03 is realistic: its levers say how far each could go and stay so (its reps lever would
    // otherwise read as "0 reps makes it realistic").
    let path = "scenarios/03-mature-vendor-run-rate.toml";
    let scenario = example(path, 2_000);
    let board = evaluate(&scenario);
    assert_eq!(
        board.evaluation.headline.verdict,
        skypie::model::verdict::Verdict::Realistic
    );
    let page = report_of(&scenario, path);
    assert!(
        page.contains("<th>still realistic as far as</th>"),
        "the column"
    );
    assert!(page.contains("The plan is already realistic."), "the note");
    assert!(!page.contains("makes it realistic</th>"));
    let stretch = report_of(&example(TEAM, 2_000), TEAM);
    assert!(stretch.contains("<th>makes it realistic</th>"));
}

#[test]
fn a_horizon_of_a_day_reads_in_whole_days() {
    let mut scenario = example(ANECDOTE, 2_000);
    scenario.horizon_days = 1;
    let page = report_of(&scenario, ANECDOTE);
    assert!(!page.contains("day 0."), "no tick between days");
    assert!(page.contains("in 1 day"), "one day, not \"1 days\"");
    assert!(!page.contains("1 days"));
}

#[test]
fn a_fitted_input_says_in_the_assumptions_where_it_came_from_until_it_is_changed() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let fitted = "scenarios/08-attainment-from-past-quarters.toml";
    std::fs::copy(fitted, dir.path().join("plan.toml")).expect("copy the example");
    let note = "fitted by skypie fit to actuals/attainment.csv (n = 28)";
    let report = |extra: &[&str]| {
        let mut args = vec!["report", "plan.toml", "--samples", "2000"];
        args.extend_from_slice(extra);
        let output = skypie(&args, dir.path());
        assert!(output.status.success(), "{output:?}");
        std::fs::read_to_string(dir.path().join("plan.report.html")).expect("written")
    };
    let page = report(&[]);
    let assumptions = page
        .split("<table class=\"assumptions\">")
        .nth(1)
        .expect("the assumptions table");
    let row = assumptions
        .split("<tr>")
        .find(|r| r.contains("capacity.attainment"))
        .expect("attainment's row");
    assert!(
        row.contains(&format!("<span class=\"source\">{note}</span>")),
        "{row}"
    );
    // Set on the command line, the value run is not the fit any more.
    let page = report(&["--set", "capacity.attainment=70%"]);
    assert!(!page.contains(note), "the note goes with the fitted value");
}

/// The heights of the chart's bars of `class` (`"bar"` or `"bar reaches"`), summed.
fn bar_height(svg: &str, class: &str) -> f64 {
    svg.split("<rect ")
        .filter(|rect| rect.starts_with(&format!("class=\"{class}\"")))
        .map(|rect| {
            let height = rect.split("height=\"").nth(1).expect("a height");
            let height = &height[..height.find('"').expect("its end")];
            height.parse::<f64>().expect("a number")
        })
        .sum()
}

#[test]
fn the_histogram_s_green_holds_exactly_the_samples_that_reach_the_target() {
    // The bar the target line crosses was drawn blue whole: on 05 the green bars held 26% of
    // the samples drawn where P(feasible) is 32%. Each example, its target where it is and
    // moved inside a bar, under both methods.
    for path in [TEAM, "scenarios/05-every-distribution.toml"] {
        for method in [Method::MonteCarlo, Method::Sobol] {
            let mut scenario = example(path, 16_384);
            scenario.method = method;
            for target in [scenario.target_revenue, scenario.target_revenue * 1.0137] {
                scenario.target_revenue = target;
                let board = evaluate(&scenario);
                let h = &board.histogram;
                let n = board.evaluation.headline.samples;
                let feasible = (board.evaluation.headline.p_feasible * n as f64).round() as u64;
                let reaching: u64 = h.reaching.iter().sum();
                // The target lies inside the range drawn: the samples past it all reach it.
                assert!(h.low < target && target < h.high, "{path} {target}");
                assert_eq!(reaching + h.above, feasible, "{path} {method:?} {target}");
                let drawn: u64 = h.counts.iter().sum();
                let plan = PlanMoney::of(target, target, &scenario.currency);
                let svg = histogram_chart::chart(h, target, plan).into_string();
                let (green, blue) = (bar_height(&svg, "bar reaches"), bar_height(&svg, "bar"));
                let share = green / (green + blue);
                let expected = reaching as f64 / drawn as f64;
                assert!(
                    (share - expected).abs() < 0.005,
                    "{path} {method:?} {target}: green {share} of the bars, {expected} of the samples"
                );
            }
        }
    }
}

#[test]
fn the_histogram_s_note_says_which_bars_reach_the_target_without_colour_too() {
    // A print in black and white has no green: the note names the bars by the target's line,
    // and the bar it crosses by its part below.
    let page = report_of(&example(TEAM, 2_000), TEAM);
    assert!(
        page.contains(
            "The bars beyond the target line and the lower part of the bar it crosses (green) \
             hold the samples that reach the target of"
        ),
        "{page}"
    );
    // A target on a bin's edge crosses no bar.
    let scenario = example(TEAM, 2_000);
    let board = evaluate(&scenario);
    let h = &board.histogram;
    let width = (h.high - h.low) / h.counts.len() as f64;
    let on_an_edge = Histogram {
        reaching: (h.counts.iter().enumerate())
            .map(|(i, &count)| {
                let start = h.low + i as f64 * width;
                if start >= scenario.target_revenue {
                    count
                } else {
                    0
                }
            })
            .collect(),
        ..h.clone()
    };
    let row = Row {
        file: TEAM,
        scenario: &scenario,
        evaluation: &board.evaluation,
    };
    let page = html(&row, &on_an_edge, None);
    assert!(
        page.contains("The bars at and beyond the target line (green) reach the target of"),
        "{page}"
    );
}

#[test]
fn the_histogram_s_note_names_no_target_line_where_the_target_lies_off_the_range_drawn() {
    // A target past the range drawn is an arrow at its edge, with no line and no green bar,
    // where the note said "The bars at and beyond the target line (green) reach the target".
    let scenario = example(TEAM, 2_000);
    let board = evaluate(&scenario);
    assert!(board.evaluation.headline.p_feasible > 0.0);
    let row = Row {
        file: TEAM,
        scenario: &scenario,
        evaluation: &board.evaluation,
    };
    let target = scenario.target_revenue;
    let beyond = Histogram {
        high: target * 0.8,
        ..board.histogram.clone()
    };
    let page = html(&row, &beyond, None);
    assert!(!page.contains("target line"), "{page}");
    assert!(
        page.contains("lies beyond the range drawn (→): only the samples past it reach it"),
        "{page}"
    );
    let below = Histogram {
        low: target * 1.2,
        high: target * 2.0,
        ..board.histogram.clone()
    };
    let page = html(&row, &below, None);
    assert!(!page.contains("target line"), "{page}");
    assert!(
        page.contains("lies below the range drawn (←): every bar (green) reaches it"),
        "{page}"
    );
}

#[test]
fn the_histogram_s_note_counts_the_samples_outside_the_range_drawn_on_either_side() {
    // A tail on one side only is still samples the bars leave out.
    let scenario = example(TEAM, 2_000);
    let board = evaluate(&scenario);
    let row = Row {
        file: TEAM,
        scenario: &scenario,
        evaluation: &board.evaluation,
    };
    let with_tails = |below, above| Histogram {
        below,
        above,
        ..board.histogram.clone()
    };
    let page = html(&row, &with_tails(0, 1_234), None);
    assert!(
        page.contains(" 1,234 samples lie outside the range drawn."),
        "{page}"
    );
    let page = html(&row, &with_tails(3, 1_234), None);
    assert!(
        page.contains(" 1,237 samples lie outside the range drawn."),
        "{page}"
    );
    let page = html(&row, &with_tails(0, 0), None);
    assert!(!page.contains("outside the range drawn"), "{page}");
}

#[test]
fn each_lever_is_named_in_words_beside_its_key() {
    // The capacity-bound team has every lever: the four of a plan and its ramped reps.
    let page = report_of(&example(TEAM, 2_000), TEAM);
    for (name, key) in [
        ("Target", "target.revenue"),
        ("Horizon", "horizon_days"),
        ("Market size", "market.size"),
        ("Share gain per year", "share.gain_per_year"),
        ("Ramped reps", "capacity.reps"),
    ] {
        let cell = format!("<td>{name} <code>{key}</code></td>");
        assert!(page.contains(&cell), "{cell} missing:\n{page}");
    }
}

#[test]
fn a_target_of_the_smallest_double_still_gets_its_report() {
    // `check` and `eval` take a target of 5e-324 (with a unit-slip warning); the report's
    // frontier chart asked for 2^63 ticks on an axis that narrow and died.
    for size in ["{ dist = \"normal\", mean = 0.0, sd = 1000000.0 }", "0"] {
        let text = format!(
            "schema = 1\nhorizon_days = 365\n[target]\nrevenue = 5e-324\n[market]\n\
             size = {size}\n[share]\ncurrent = 0.1\n[run]\nsamples = 1000\nseed = 1\n"
        );
        let scenario = Scenario::parse(&text, "tiny.toml").expect("it parses");
        let page = report_of(&scenario, "tiny.toml");
        assert!(page.contains("<h2>Frontier</h2>"), "every section: {size}");
    }
}

#[test]
fn the_header_says_which_limit_binds_sample_by_sample() {
    // 02 reads "Team: needs 2.83 ramped reps, has 3" (at the medians) while its team binds in
    // about 81% of samples: the report said nothing of that, where eval's table and the
    // session do.
    let scenario = example(TEAM, 2_000);
    let h = evaluate(&scenario).evaluation.headline;
    assert!(h.binding.capacity > 0.7, "{:?}", h.binding);
    let said = format!(
        "The team binds in {} of samples, the market in {}.",
        skypie::report::format::probability(h.binding.capacity),
        skypie::report::format::probability(h.binding.market)
    );
    assert!(report_of(&scenario, TEAM).contains(&said), "{said}");
    // Without a team there is only the market: nothing to say.
    let text = "schema = 1\nhorizon_days = 365\n[target]\nrevenue = \"5M\"\n[market]\n\
                size = \"80M to 120M\"\n[share]\ncurrent = \"5%\"\n[run]\nsamples = 2000\n";
    let alone = Scenario::parse(text, "alone.toml").expect("the scenario parses");
    assert!(!report_of(&alone, "alone.toml").contains(" binds in "));
}

#[test]
fn a_plan_with_nothing_realistic_is_offered_no_target_of_zero() {
    // An empty market: the frontier's answer read "$0 in 90 days is realistic at 80%
    // confidence", and the target lever "$0".
    let text = std::fs::read_to_string(ANECDOTE)
        .expect("01 reads")
        .replace("size = \"35M to 70M\"", "size = 0")
        .replace("samples = 100000", "samples = 2000");
    let scenario = Scenario::parse(&text, ANECDOTE).expect("01 parses");
    let page = report_of(&scenario, ANECDOTE);
    assert!(
        page.contains(
            "Not $3M in 90 days, nor within ten years; in 90 days, no target above 0 is \
             realistic at 80% confidence."
        ),
        "{page}"
    );
    assert!(!page.contains("$0 in 90 days"), "{page}");
    assert!(
        page.contains("no target above 0 is realistic at 80%"),
        "{page}"
    );
}

#[test]
fn the_two_limits_binding_shares_read_as_adding_up() {
    // 02 with ten reps: the market binds in 98.182% of samples, the team in 1.818%, and the
    // header read "98.2%" and "1.82%", 100.02% in all.
    let text = std::fs::read_to_string(TEAM)
        .expect("02 reads")
        .replace("reps = 3 ", "reps = 10 ");
    let scenario = Scenario::parse(&text, TEAM).expect("02 parses");
    let h = evaluate(&scenario).evaluation.headline;
    let (market, team) = (h.binding.market, h.binding.capacity);
    let read = |p: f64| skypie::report::format::probability(p);
    // Each at its own three digits, they do not add up.
    assert_eq!([read(market), read(team)], ["98.2%", "1.82%"]);
    let page = report_of(&scenario, TEAM);
    assert!(
        page.contains("The market binds in 98.18% of samples, the team in 1.82%."),
        "{page}"
    );
}

#[test]
fn a_value_likely_not_meant_is_said_under_the_verdict_it_made() {
    // `current = 2 to 5`, meant as 2%–5%, clamps every sample to 100%: the header read
    // "realistic" beside "2 warnings, listed under Assumptions", and nothing more.
    let text = std::fs::read_to_string(ANECDOTE).expect("the example reads");
    let plain = Scenario::parse(&text, ANECDOTE).expect("it parses");
    let header = |page: &str| page[..page.find("<dl").expect("the figures")].to_string();
    let page = report_of(&plain, ANECDOTE);
    assert!(!header(&page).contains("Check this value"), "{page}");
    for (written, key) in [
        (
            "current = { dist = \"uniform\", min = 2, max = 5 }",
            "share.current: a median of 3.5",
        ),
        // Not a slip of units, but most samples clamped all the same.
        (
            "current = \"-5% to -1%\"",
            "share.current: a median of -3%, outside",
        ),
    ] {
        let line = text
            .lines()
            .find(|l| l.starts_with("current ="))
            .expect("a share");
        let slipped = Scenario::parse(&text.replace(line, written), ANECDOTE).expect("it parses");
        let page = report_of(&slipped, ANECDOTE);
        let header = header(&page);
        assert!(
            header.contains(&format!(
                "Check this value first; the figures rest on it: {key}"
            )),
            "{written}:\n{header}"
        );
    }
}

#[test]
fn a_tornado_of_the_realistic_target_says_what_the_pins_read_not_today_s_p() {
    // One uncertain input: pinned at its P10 the plan never reaches the target, at its P90
    // always, so the bars show the realistic target; today's P(feasible) is about 44%, which
    // no pin "stays at".
    let text = "schema = 1\nname = \"One uncertain input\"\nhorizon_days = 365\n\
                [target]\nrevenue = \"5M\"\n[market]\nsize = \"80M to 120M\"\n\
                [share]\ncurrent = \"5%\"\n[run]\nsamples = 4000\n";
    let scenario = Scenario::parse(text, "one.toml").expect("the scenario parses");
    let board = evaluate(&scenario);
    let p = board.evaluation.headline.p_feasible;
    assert!(p > 0.2 && p < 0.8, "{p}");
    assert_eq!(
        detail(&board.evaluation).sensitivity_of,
        skypie::model::sensitivity::SensitivityOf::RealisticTarget
    );
    let page = report_of(&scenario, "one.toml");
    assert!(!page.contains("stays at"), "no pin reads today's P");
    assert!(
        page.contains(
            "P(feasible) is 0 or 100% at every pin, so the bars show the realistic target"
        ),
        "what the pins read"
    );
    // Today's line reads the realistic target as the headline does: at four digits for a
    // target written with four (it read three, "now $4.96M" beside a headline's "$4.968M").
    let text = text.replace("\"5M\"", "\"5.001M\"");
    let scenario = Scenario::parse(&text, "one.toml").expect("the scenario parses");
    let h = evaluate(&scenario).evaluation.headline;
    let plan = skypie::report::format::PlanMoney::of(5_001_000.0, h.realistic_target, "USD");
    assert_eq!(plan.digits, 4);
    let now = format!("now {}", plan.realistic(h.realistic_target));
    assert!(report_of(&scenario, "one.toml").contains(&now), "{now}");
}
