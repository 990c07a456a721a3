//! The board report (README "Taking it to the board"): one self-contained HTML page for a board
//! pack. The headline sentence and verdict, then the histogram, the tornado, the levers, the
//! time path, the frontier and the assumptions, each a section with an SVG chart or a table.
//! Inline CSS and SVG only: no script, no font, no image and no link to the network, so the
//! file opens the same from a mail attachment. It prints on A4 and Letter alike (the page
//! margins are set, not the paper), one unbroken section at a time.
//!
//! The page comes from a template checked at compile time (maud), which escapes every value it
//! is given: a scenario's name is user input.

pub mod assumptions;
pub mod fan_chart;
pub mod frontier_chart;
pub mod histogram_chart;
mod sections;
pub mod svg;
pub mod tornado_chart;

use std::borrow::Cow;

use maud::{DOCTYPE, Markup, html};

use super::format::{self, and_list, days, p_beside_verdict, uncertainty};
use super::histogram::Histogram;
use super::signature::{REPORT, signed};
use super::{Row, after_the_name};
use crate::model::draws::Draws;
use crate::model::verdict::Tone;
use crate::model::{Evaluation, analyse, headline};
use crate::scenario::Scenario;
use crate::scenario::currency::currency_code;
use crate::source::Source;
use crate::text::printable;
use assumptions::RunChange;

/// The report's section headings, each named once (the levers' is the session's and the
/// Markdown's too).
pub const ACHIEVABLE: &str = "Achievable revenue";
pub const SENSITIVITY: &str = "Sensitivity";
pub const LEVERS: &str = crate::report::format::LEVERS_HEADING;
pub const TIME_PATH: &str = "Time path";
pub const FRONTIER: &str = "Frontier";
pub const ASSUMPTIONS: &str = "Assumptions";

/// The report's section headings, in the page's order (the levers' reads otherwise for a plan
/// already realistic, [`sections_of`]).
pub const SECTIONS: [&str; 6] = [
    ACHIEVABLE,
    SENSITIVITY,
    LEVERS,
    TIME_PATH,
    FRONTIER,
    ASSUMPTIONS,
];

/// The section headings of a report on a plan whose verdict is `verdict`, in the page's order.
pub fn sections_of(verdict: crate::model::verdict::Verdict) -> [&'static str; 6] {
    SECTIONS.map(|heading| match heading {
        LEVERS => crate::report::format::levers_heading(verdict),
        other => other,
    })
}

/// The page's stylesheet, inlined into every report.
const STYLE: &str = include_str!("style.css");

/// A scenario's results with everything the report draws.
#[derive(Debug, Clone)]
pub struct Board {
    /// The headline and the detail (always computed).
    pub evaluation: Evaluation,
    /// Achievable revenue across the samples, binned.
    pub histogram: Histogram,
}

/// Evaluates `scenario` for the report: the headline, the detail, and the histogram of the
/// achievable revenue, from one set of samples.
pub fn evaluate(scenario: &Scenario) -> Board {
    let draws = Draws::sample(scenario);
    let evaluated = headline::headline_with_achievable(scenario, &draws);
    let detail = analyse(scenario, &draws, &evaluated.headline, || false);
    Board {
        histogram: Histogram::of(&evaluated.achievable, scenario.target_revenue),
        evaluation: Evaluation {
            headline: evaluated.headline,
            detail,
        },
    }
}

/// How the scenario run differs from its file, for a report whose figures are not the file's
/// own: the assumptions mark each value that differs, and the footer says why, so that nobody
/// re-runs the file and wonders at other figures.
#[derive(Debug, Clone, Copy)]
pub struct Changes<'a> {
    /// The scenario as its file says it.
    pub file: &'a Scenario,
    /// What changed it, for the footer: `--set target.revenue=2M --method sobol`, or `this
    /// session's unsaved edits`.
    pub how: &'a str,
    /// What changed a value, for the assumptions: `set on the command line`.
    pub by: &'a str,
    /// What the values were changed from: `file`, or `built-in scenario`.
    pub source: &'a str,
}

impl Changes<'_> {
    /// What the file (or the built-in scenario) says of a value that differs: `the file says
    /// 3M`.
    pub fn file_says(&self, value: &str) -> String {
        format!("the {} says {value}", self.source)
    }

    /// What the file says of the run settings that differ, for the footer: `the file says
    /// run.samples 100,000`, and of those it leaves out, `the file leaves run.seed and
    /// run.method to their defaults, 20260401 and mc` (it said "the file says run.seed
    /// 20260401" of a file without one).
    pub fn file_says_of_run(&self, run: &[RunChange]) -> String {
        let (written, defaults): (Vec<&RunChange>, Vec<&RunChange>) =
            run.iter().partition(|r| r.written);
        let mut said = Vec::new();
        if !written.is_empty() {
            let values = written.iter().map(|r| format!("{} {}", r.key, r.in_file));
            said.push(self.file_says(&values.collect::<Vec<_>>().join(", ")));
        }
        if !defaults.is_empty() {
            let who = match said.is_empty() {
                true => format!("the {}", self.source),
                false => "it".to_string(),
            };
            let keys: Vec<&str> = defaults.iter().map(|r| r.key).collect();
            let values: Vec<&str> = defaults.iter().map(|r| r.in_file.as_str()).collect();
            let their = if defaults.len() == 1 {
                "its default"
            } else {
                "their defaults"
            };
            said.push(format!(
                "{who} leaves {} to {their}, {}",
                and_list(&keys),
                and_list(&values)
            ));
        }
        said.join("; ")
    }
}

/// What the page's title says after the plan's name: also how `report` tells a report from
/// any other file (one without its mark, [`signed`], is from before skypie marked them).
pub const TITLE_AFTER_THE_NAME: &str = " — skypie board report";

/// Whether `text` is a report [`html()`] wrote: the one output that is a web page.
pub fn is_board_page(text: &str) -> bool {
    text.starts_with("<!DOCTYPE html>")
}

/// U+200E LEFT-TO-RIGHT MARK: a letter to the bidirectional algorithm, with nothing to show.
pub const LEFT_TO_RIGHT_MARK: char = '\u{200e}';

/// `currency` as the page writes it beside an amount, escaped as any user text is
/// ([`printable`]); one written right to left (`ש״ח`, `د.إ`) as its code ([`currency_code`]:
/// trimmed) followed by a [`LEFT_TO_RIGHT_MARK`], which ends its run: unmarked, the browser
/// took what follows into it, "target of 3M ש״ח. 378 samples" reading "target of 3M 378 .ש״ח
/// samples". A mark rather than the name's `<bdi>`: figures are written into sentences as
/// text, and into the charts' SVG, which has no `<bdi>`.
pub fn currency_on_page(currency: &str) -> Cow<'_, str> {
    let code = currency_code(currency);
    if code.chars().any(reads_right_to_left) {
        Cow::Owned(format!("{}{LEFT_TO_RIGHT_MARK}", printable(&code)))
    } else {
        printable(currency)
    }
}

/// Whether `c` is of a script written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and
/// the rest of U+0590–U+08FF, their presentation forms, and the historic scripts of the
/// planes above): the ranges Unicode gives a right-to-left direction by default.
fn reads_right_to_left(c: char) -> bool {
    matches!(
        c,
        '\u{0590}'..='\u{08ff}'
            | '\u{fb1d}'..='\u{fdff}'
            | '\u{fe70}'..='\u{fefe}'
            | '\u{10800}'..='\u{10fff}'
            | '\u{1e800}'..='\u{1efff}'
    )
}

/// `scenario` with its currency as the page writes it ([`currency_on_page`]), so that every
/// figure the page shows (the sentences', the tables', the charts') is written with it;
/// `scenario` itself where that is its own.
fn with_money_on_page(scenario: &Scenario) -> Cow<'_, Scenario> {
    match currency_on_page(&scenario.currency) {
        Cow::Borrowed(_) => Cow::Borrowed(scenario),
        Cow::Owned(currency) => Cow::Owned(Scenario {
            currency,
            ..scenario.clone()
        }),
    }
}

/// The report of one evaluated scenario as a complete HTML document. `histogram` is the
/// achievable revenue across the samples; without the detail (`row.evaluation.detail` is
/// `None`) the sections that need it say so. `changes` says how what was run differs from
/// the file, if it does. Its last line is its mark ([`signed`]).
pub fn html(row: &Row, histogram: &Histogram, changes: Option<Changes>) -> String {
    let name = printable(&row.scenario.name);
    let on_page = with_money_on_page(row.scenario);
    let row = &Row {
        scenario: &on_page,
        ..*row
    };
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light";
                title { (name) (TITLE_AFTER_THE_NAME) }
                style { (maud::PreEscaped(STYLE)) }
            }
            body {
                main {
                    (header(row, &name))
                    (sections::achievable_revenue(row, histogram))
                    (sections::sensitivity(row))
                    (sections::levers(row))
                    (sections::time_path(row))
                    (sections::frontier(row))
                    (sections::assumptions(row, changes))
                    (footer(row, changes))
                }
            }
        }
    };
    signed(page.into_string(), REPORT)
}

/// The name, the verdict, the sentence and four key figures.
fn header(row: &Row, name: &str) -> Markup {
    let h = &row.evaluation.headline;
    let tone = match h.verdict.tone() {
        Tone::Good => "verdict tone-good",
        Tone::Fair => "verdict tone-fair",
        Tone::Poor => "verdict tone-poor",
        Tone::Bad => "verdict tone-bad",
    };
    html! {
        header {
            p.kicker { "skypie · is this sales target realistic?" }
            h1 dir="auto" { (name) }
            span class=(tone) { (h.verdict.label()) }
            // Warnings sit at the end, under the assumptions: a reader of the verdict learns
            // here that there are some.
            @if let Some(warnings) = format::warnings_beside_verdict(h.warnings.len()) {
                span.warned { (warnings) ", listed under Assumptions" }
            }
            // The name isolated: one written right to left took the target beside it into
            // its run (`3$ :2027 خطة المبيعات M in 90 days`). The currency, the one user text
            // after it, comes escaped already ([`currency_on_page`]): escaped again, its mark
            // read `\u200e`.
            p.sentence { bdi { (name) } (after_the_name(row)) }
            // A value likely not meant, under the verdict it may have made, not only counted.
            @for doubt in row.scenario.doubtful_values() {
                p.note.doubt { "Check this value first; the figures rest on it: " (doubt) }
            }
            // The limits above are figured at the medians: what binds sample by sample.
            @if let Some(binding) = format::binding(h) {
                p.note.binds { (binding) }
            }
            dl.figures {
                div {
                    dt { "P(feasible)" }
                    dd {
                        (p_beside_verdict(h.p_feasible, row.scenario.confidence))
                        small { (uncertainty(h.p_feasible, h.p_feasible_se, h.samples)) }
                    }
                }
                div {
                    dt { "Needs (P50 capture)" }
                    dd {
                        (format::capture(h.required_capture.p50))
                        small {
                            "of the serviceable market's revenue in "
                            (days(row.scenario.horizon_days))
                        }
                    }
                }
                div {
                    dt { "Achievable, P50" }
                    dd { (row.plan_money().achievable(h.achievable_revenue.p50)) }
                }
                div {
                    dt { "Realistic target at " (format::confidence(row.scenario.confidence)) }
                    dd { (row.target_and_realistic()[1]) }
                }
            }
        }
    }
}

/// Where the figures come from: the file and what changed it, how many samples of which
/// method, and the seed.
fn footer(row: &Row, changes: Option<Changes>) -> Markup {
    let h = &row.evaluation.headline;
    let samples = super::format::thousands(h.samples);
    let drawn = match h.replicates {
        Some(r) => format!("{samples} scrambled Sobol points ({r} independent scrambles)"),
        None => format!(
            "{samples} Monte Carlo {}",
            super::format::samples_noun(h.samples)
        ),
    };
    html! {
        footer {
            "Computed by skypie " (env!("CARGO_PKG_VERSION")) " from "
            @let source = Source::from_arg(row.file);
            @if source.is_stdin() {
                (source.name())
            } @else {
                bdi { code { (printable(source.as_typed())) } }
            }
            // Isolated: a value written right to left in it (`--set currency=ש״ח`) took the
            // text after it into its run ("--set 'currency=100,000 :'ש״ח Monte Carlo").
            @if let Some(changes) = changes {
                " with " bdi { (printable(changes.how)) }
            }
            ": " (drawn) ", seed " (row.scenario.seed)
            @if let Some(changes) = changes {
                @let run = assumptions::run_changes(row.scenario, changes.file);
                @if !run.is_empty() {
                    " (" (changes.file_says_of_run(&run)) ")"
                }
            }
            ". "
            @if let Some(changes) = changes {
                "The same " (changes.source) " with the same changes, \
                 seed and sample count gives the same figures. "
            } @else {
                "The same file, seed and sample count give the same figures. "
            }
            "The model and its definitions: docs/MODEL.md in skypie's source."
        }
    }
}
