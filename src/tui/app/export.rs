//! `e`: what to export, and the files each choice writes beside the scenario's file (the
//! current folder for the built-in scenario): the summary table as CSV and Markdown, the board
//! report as one HTML page, or the comparison with the pinned baseline as CSV and Markdown.
//! The comparison's table is built here, by pure functions, every figure through
//! [`skypie::report::format`].

use std::ffi::OsString;
use std::path::PathBuf;

use super::{App, Effect, Mode};
use crate::tui::item::{self, Item};
use crate::tui::keys::ExportChoice;
use skypie::model::headline::Headline;
use skypie::report::COLUMNS;
use skypie::report::board::Changes;
use skypie::report::board::assumptions::{assumptions, correlations, run_changes};
use skypie::report::format::{
    achievable_money, capture, exact, money, p_beside_verdict, pace, points_shown, probability,
    probability_change, realistic_money, reps, required_pace, required_reps, requirement_change,
    signed,
};
use skypie::report::write::formula_guard;
use skypie::scenario::Scenario;
use skypie::scenario::number::{Unit, format_significant};

/// Why an export waits: the figures of the last edit are not in yet.
const STILL_COMPUTING: &str =
    "the figures of the last edit are still being computed: press e again once they are in";

/// Why the board report waits: the panels it draws from are not in yet.
const PANELS_COMPUTING: &str = "the board report needs the tornado, levers and frontier, still \
                                being computed: press e again once the panels are drawn";

/// The ends of the names of the files each export writes, after the scenario's: `.summary.csv`.
const SUMMARY: [&str; 2] = [".summary.csv", ".summary.md"];
/// See [`SUMMARY`].
const BOARD: [&str; 1] = [".report.html"];
/// See [`SUMMARY`].
const COMPARISON: [&str; 2] = [".comparison.csv", ".comparison.md"];

/// The ends of the names of the files `choice` writes (none for going back).
fn suffixes(choice: ExportChoice) -> &'static [&'static str] {
    match choice {
        ExportChoice::Summary => &SUMMARY,
        ExportChoice::Board => &BOARD,
        ExportChoice::Comparison => &COMPARISON,
        ExportChoice::Cancel => &[],
    }
}

impl App {
    /// `e`: asks what to export, once there are figures to export.
    pub(super) fn choose_export(&mut self) {
        if self.results.is_none() {
            self.tell_error("no results to export yet".to_string());
        } else {
            self.mode = Mode::ChoosingExport;
        }
    }

    /// Whether `e` offers this choice now: the comparison needs a pinned baseline.
    pub fn offers_export(&self, choice: ExportChoice) -> bool {
        choice != ExportChoice::Comparison || self.baseline.is_some()
    }

    /// The answer to `e`'s question: the files to write, or (`None`) the question stays.
    pub(super) fn answer_export(&mut self, choice: Option<ExportChoice>) -> Vec<Effect> {
        let Some(choice) = choice else {
            self.mode = Mode::ChoosingExport;
            return Vec::new();
        };
        if choice == ExportChoice::Cancel {
            return Vec::new();
        }
        // Every export is of one state: the figures of the scenario as it is now, in full.
        if self.is_computing() {
            self.turn_away(choice, STILL_COMPUTING);
            return Vec::new();
        }
        let files = match choice {
            ExportChoice::Summary => self.summary_files(),
            ExportChoice::Board => self.board_file(),
            ExportChoice::Comparison => self.comparison_files(),
            ExportChoice::Cancel => Some(Vec::new()),
        };
        match files {
            Some(files) => vec![Effect::Export(files)],
            None => Vec::new(),
        }
    }

    /// Figures arrived: an export turned away while they were computing is said to be
    /// possible now, unless the status line has moved on to something else meanwhile.
    pub(super) fn on_figures_arrived(&mut self) {
        let Some(choice) = self.export_waits else {
            return;
        };
        let ready = !self.is_computing()
            && (choice != ExportChoice::Board || self.current_detail().is_some());
        if !ready {
            return;
        }
        self.export_waits = None;
        let turned_away = [STILL_COMPUTING, PANELS_COMPUTING];
        if self
            .status
            .as_ref()
            .is_some_and(|s| turned_away.contains(&s.text.as_str()))
        {
            self.tell("the figures are in: e exports them".to_string());
        }
    }

    /// Says an export must wait for figures still computing, and remembers it was asked for.
    fn turn_away(&mut self, choice: ExportChoice, why: &str) {
        self.tell_error(why.to_string());
        self.export_waits = Some(choice);
    }

    /// Where an export goes: beside the file, named after it (`plans/q3.toml` →
    /// `plans/q3.summary.csv`), or after the scenario in the current folder.
    pub fn export_path(&self, suffix: &str) -> PathBuf {
        let mut name: OsString = self.file.as_ref().map_or_else(
            || OsString::from(slug(&self.scenario.name)),
            |p| p.with_extension("").into_os_string(),
        );
        name.push(suffix);
        PathBuf::from(name)
    }

    /// The files `choice` writes, named as the status line names them once written
    /// (`plans/q3.summary.csv and .md`), for the question that offers them.
    pub fn export_names(&self, choice: ExportChoice) -> String {
        let paths: Vec<PathBuf> = suffixes(choice)
            .iter()
            .map(|suffix| self.export_path(suffix))
            .collect();
        exported_names(&paths)
    }

    /// The summary table as CSV and Markdown, with the detail when it has arrived.
    fn summary_files(&self) -> Option<Vec<(PathBuf, String)>> {
        let results = self.results.as_ref()?;
        let evaluation = skypie::Evaluation {
            headline: results.headline.clone(),
            detail: self.current_detail().cloned(),
        };
        let file = self.origin();
        let row = skypie::report::Row {
            file: &file,
            scenario: &self.scenario,
            evaluation: &evaluation,
        };
        // Markdown, for people, ends with the unsaved edits its figures include.
        let mut markdown = skypie::report::write::markdown(&[row]);
        if let Some(unsaved) = self.unsaved_changes() {
            let file = Some(&unsaved.file);
            let changes = unsaved.as_changes();
            let said = |key: &str, run: &str, in_file: Option<String>| {
                Some(format!("`{key}` {run} ({})", changes.file_says(&in_file?)))
            };
            let edited: Vec<String> = assumptions(&self.scenario, file)
                .into_iter()
                .filter_map(|a| said(&a.key, &a.written, a.in_file))
                .chain(
                    correlations(&self.scenario, file)
                        .into_iter()
                        .filter_map(|c| said(&c.pair, &c.rho, c.in_file)),
                )
                .chain(
                    run_changes(&self.scenario, &unsaved.file)
                        .into_iter()
                        .filter_map(|r| said(r.key, &r.run, Some(r.in_file))),
                )
                .collect();
            // Edits that write what the file says (`3,000,000` for `3M`) leave its figures.
            if !edited.is_empty() {
                markdown += &format!("\nWith {}: {}.\n", changes.how, edited.join("; "));
            }
        }
        Some(vec![
            (
                self.export_path(SUMMARY[0]),
                skypie::report::write::csv(&[row]),
            ),
            (self.export_path(SUMMARY[1]), markdown),
        ])
    }

    /// The board report, once the detail (tornado, levers, time path, frontier) is in.
    fn board_file(&mut self) -> Option<Vec<(PathBuf, String)>> {
        let (Some(results), Some(detail)) = (&self.results, self.current_detail()) else {
            self.turn_away(ExportChoice::Board, PANELS_COMPUTING);
            return None;
        };
        let evaluation = skypie::Evaluation {
            headline: results.headline.clone(),
            detail: Some(detail.clone()),
        };
        // The page says which file its figures come from and, with unsaved edits, marks each
        // value that differs from the file's.
        let file = self.origin();
        let in_file = self.unsaved_changes();
        let changes = in_file.as_ref().map(UnsavedChanges::as_changes);
        let row = skypie::report::Row {
            file: &file,
            scenario: &self.scenario,
            evaluation: &evaluation,
        };
        let html = skypie::report::board::html(&row, &results.histogram, changes);
        Some(vec![(self.export_path(BOARD[0]), html)])
    }

    /// With unsaved edits, the scenario as its file says it (as far as the session knows the
    /// file: the text it read or last wrote, which parses; should it not, the session's own
    /// scenario stands in, and only the edits' mention is left).
    fn unsaved_changes(&self) -> Option<UnsavedChanges> {
        self.is_dirty().then(|| UnsavedChanges {
            file: Scenario::parse(&self.saved_text, &self.origin())
                .unwrap_or_else(|_| self.scenario.clone()),
            source: if self.file.is_some() {
                "file"
            } else {
                "built-in scenario"
            },
        })
    }

    /// The comparison with the pinned baseline, as CSV and Markdown.
    fn comparison_files(&mut self) -> Option<Vec<(PathBuf, String)>> {
        let (Some(base), Some(results)) = (&self.baseline, &self.results) else {
            self.tell_error("no baseline to compare with: b pins the results".to_string());
            return None;
        };
        let inputs = self.baseline_scenario.as_ref().map(|b| (b, &self.scenario));
        let rows = comparison(base, &results.headline, &self.scenario, inputs);
        let name = self.scenario.name.clone();
        Some(vec![
            (self.export_path(COMPARISON[0]), comparison_csv(&rows)),
            (
                self.export_path(COMPARISON[1]),
                comparison_markdown(&name, inputs.is_some(), &rows),
            ),
        ])
    }
}

/// The scenario as its file says it, beside a session with unsaved edits.
struct UnsavedChanges {
    file: Scenario,
    /// `file`, or `built-in scenario`.
    source: &'static str,
}

impl UnsavedChanges {
    /// How the exports say it.
    fn as_changes(&self) -> Changes<'_> {
        Changes {
            file: &self.file,
            how: "this session's unsaved edits",
            by: "edited in this session",
            source: self.source,
        }
    }
}

/// One row of the comparison with the baseline: a headline figure or an input changed since,
/// the baseline's value, the value now and the change, each for a spreadsheet (`raw`: full
/// precision, the input as the file writes it) and for people (`shown`).
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    /// The figure's column key in the batch's CSV (`p_feasible`), or the input's dotted key.
    pub key: String,
    /// The figure's header in the batch's table (`P(feasible)`), or the input's dotted key.
    pub label: String,
    /// Whether it is an input (the rest are headline figures).
    pub input: bool,
    /// Baseline, now, change, at full precision.
    pub raw: [String; 3],
    /// Baseline, now, change, as people read them.
    pub shown: [String; 3],
}

/// One headline figure the comparison shows: its batch key (its header is the batch table's,
/// [`header`]), its value in a headline, and how it and a change of it read.
struct Figure {
    key: &'static str,
    value: fn(&Headline) -> Option<f64>,
    /// A figure as people read it, in a currency, beside verdicts at a confidence.
    shown: fn(f64, &str, f64) -> String,
    change: Change,
}

/// How a change of a figure reads.
enum Change {
    /// Signed, its size (without the sign, in a currency) written so: `+$120k`, `-5.13 pts`.
    Size(fn(f64, &str) -> String),
    /// A probability's ([`probability_change`]): never ±100 pts short of the whole way.
    Probability,
    /// A requirement's, its size written so ([`requirement_change`]): in words where either
    /// side reads "already covered".
    Requirement(fn(f64, &str) -> String),
}

impl Change {
    /// The change from `base` to `now` as people read it.
    fn shown(&self, base: f64, now: f64, currency: &str) -> String {
        match self {
            Change::Size(size) => signed(now - base, |d| size(d, currency)),
            Change::Probability => probability_change(now - base),
            Change::Requirement(size) => requirement_change(base, now, |d| size(d, currency)),
        }
    }
}

/// The headline figures the comparison shows, in the batch table's order.
const FIGURES: [Figure; 9] = [
    Figure {
        key: "p_feasible",
        value: |h| Some(h.p_feasible),
        shown: |x, _, confidence| p_beside_verdict(x, confidence),
        change: Change::Probability,
    },
    Figure {
        key: "required_capture_p50",
        value: |h| Some(h.required_capture.p50),
        shown: |x, _, _| capture(x),
        change: Change::Size(|x, _| points_shown(x)),
    },
    Figure {
        key: "achievable_revenue_p50",
        value: |h| Some(h.achievable_revenue.p50),
        shown: |x, currency, _| achievable_money(x, currency),
        change: Change::Size(money),
    },
    Figure {
        key: "realistic_target",
        value: |h| Some(h.realistic_target),
        shown: |x, currency, _| realistic_money(x, currency),
        change: Change::Size(money),
    },
    Figure {
        key: "required_pace",
        value: |h| Some(h.required_pace),
        shown: |x, _, _| required_pace(x),
        change: Change::Requirement(|x, _| pace(x)),
    },
    Figure {
        key: "assumed_pace",
        value: |h| Some(h.assumed_pace),
        shown: |x, _, _| pace(x),
        change: Change::Size(|x, _| pace(x)),
    },
    Figure {
        key: "required_reps",
        value: |h| h.required_reps,
        shown: |x, _, _| required_reps(Some(x)),
        change: Change::Requirement(|x, _| reps(x)),
    },
    Figure {
        key: "assumed_reps",
        value: |h| h.assumed_reps.map(f64::from),
        shown: |x, _, _| format_significant(x, Unit::Plain, 3),
        change: Change::Size(|x, _| reps(x)),
    },
    Figure {
        key: "binding_market",
        value: |h| Some(h.binding.market),
        shown: |x, _, _| probability(x),
        change: Change::Probability,
    },
];

/// The batch table's header of the column `key`.
fn header(key: &'static str) -> &'static str {
    COLUMNS
        .iter()
        .find(|c| c.key == key)
        .map_or(key, |c| c.header)
}

/// The comparison of the figures `now` with the `base`line's (the verdict first, then the
/// batch table's figures), money in the currency of `scenario` (the session's now) and
/// P(feasible) beside its verdicts at its confidence; with the two scenarios (`inputs`: the
/// baseline's, now's), then every input and correlation whose value changed between them.
pub fn comparison(
    base: &Headline,
    now: &Headline,
    scenario: &Scenario,
    inputs: Option<(&Scenario, &Scenario)>,
) -> Vec<Compared> {
    let currency = &scenario.currency;
    let verdict_change = match now.verdict.cmp(&base.verdict) {
        std::cmp::Ordering::Greater => "better",
        std::cmp::Ordering::Less => "worse",
        std::cmp::Ordering::Equal => "no change",
    };
    let mut rows = vec![Compared {
        key: "verdict".to_string(),
        label: header("verdict").to_string(),
        input: false,
        raw: [
            base.verdict.key().to_string(),
            now.verdict.key().to_string(),
            String::new(),
        ],
        shown: [
            base.verdict.label().to_string(),
            now.verdict.label().to_string(),
            verdict_change.to_string(),
        ],
    }];
    for figure in &FIGURES {
        let (b, n) = ((figure.value)(base), (figure.value)(now));
        let raw = |x: Option<f64>| x.map_or_else(String::new, exact);
        let shown = |x: Option<f64>| {
            x.map_or_else(
                || "no team".to_string(),
                |x| (figure.shown)(x, currency, scenario.confidence),
            )
        };
        // The CSV keeps the signed difference as data (README, "The comparison").
        let (raw_change, shown_change) = match (b, n) {
            (Some(b), Some(n)) => (exact(n - b), figure.change.shown(b, n, currency)),
            _ => (String::new(), String::new()),
        };
        rows.push(Compared {
            key: figure.key.to_string(),
            label: header(figure.key).to_string(),
            input: false,
            raw: [raw(b), raw(n), raw_change],
            shown: [shown(b), shown(n), shown_change],
        });
    }
    if let Some((base, now)) = inputs {
        rows.extend(changed_inputs(base, now));
    }
    rows
}

/// The inputs and correlations whose value differs between two scenarios, in the inputs
/// list's order: each as the file writes it (raw) and as people read it.
fn changed_inputs(base: &Scenario, now: &Scenario) -> Vec<Compared> {
    let mut keys = item::items(now);
    for k in item::items(base) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys.into_iter()
        .filter_map(|k| {
            let (b, n) = (value_texts(base, k), value_texts(now, k));
            (b != n).then(|| {
                let none = || ("none".to_string(), "none".to_string());
                let ((b_raw, b_shown), (n_raw, n_shown)) =
                    (b.unwrap_or_else(none), n.unwrap_or_else(none));
                Compared {
                    key: k.key(),
                    label: k.key(),
                    input: true,
                    raw: [b_raw, n_raw, String::new()],
                    shown: [b_shown, n_shown, "changed".to_string()],
                }
            })
        })
        .collect()
}

/// An item's value in a scenario as the file writes it and as people read it; `None` when
/// the scenario lacks it.
fn value_texts(scenario: &Scenario, k: Item) -> Option<(String, String)> {
    match k {
        Item::Field(field) => scenario
            .value(field)
            .map(|v| (v.to_text(field.unit()), v.display(field.unit()))),
        Item::Correlation(a, b) => item::find(&scenario.correlations, a, b).map(|c| {
            let text = item::rho_text(c.rho);
            (text.clone(), text)
        }),
    }
}

/// The comparison as CSV: `figure,baseline,now,change`, numbers at full precision, cells a
/// spreadsheet would run as formulas guarded as the batch's CSV guards them.
pub fn comparison_csv(rows: &[Compared]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(["figure", "baseline", "now", "change"]);
    for row in rows {
        let mut record = vec![formula_guard(row.key.clone())];
        record.extend(row.raw.iter().map(|c| formula_guard(c.clone())));
        // Writing to memory cannot fail.
        let _ = writer.write_record(&record);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The comparison as Markdown: a heading with the scenario's name, the figures' table, then
/// the inputs changed since the baseline (or why they are not listed).
pub fn comparison_markdown(name: &str, with_inputs: bool, rows: &[Compared]) -> String {
    let cell = skypie::report::markdown::escape;
    let table = |first: &str, rows: &[&Compared]| {
        let mut out = format!("| {first} | baseline | now | change |\n|---|---|---|---|\n");
        for row in rows {
            let [b, n, c] = &row.shown;
            out += &format!(
                "| {} | {} | {} | {} |\n",
                cell(&row.label),
                cell(b),
                cell(n),
                cell(c)
            );
        }
        out
    };
    let figures: Vec<&Compared> = rows.iter().filter(|r| !r.input).collect();
    let inputs: Vec<&Compared> = rows.iter().filter(|r| r.input).collect();
    let mut out = format!(
        "# {}: now against the baseline\n\n{}",
        cell(name),
        table("figure", &figures)
    );
    out += "\n## Inputs changed since the baseline\n\n";
    if !with_inputs {
        out += "Not known: the baseline was pinned while newer figures were being computed.\n";
    } else if inputs.is_empty() {
        out += "None: the inputs are as they were when the baseline was pinned.\n";
    } else {
        out += &table("input", &inputs);
    }
    out
}

/// The exported files for the status line, short enough for it: `plans/q3.summary.csv and
/// .md` when they differ only in their extension.
pub(super) fn exported_names(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let same_stem = paths
        .windows(2)
        .all(|pair| pair[0].with_extension("") == pair[1].with_extension(""));
    match (names.split_first(), same_stem) {
        (Some((first, rest)), true) if !rest.is_empty() => {
            let others: Vec<String> = paths[1..]
                .iter()
                .map(|p| format!(".{}", p.extension().unwrap_or_default().display()))
                .collect();
            format!("{first} and {}", others.join(" and "))
        }
        _ => names.join(" and "),
    }
}

/// A file-name-friendly version of a scenario's name.
fn slug(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "scenario".to_string()
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_compared_figure_is_a_batch_column_and_in_its_order() {
        // A renamed column would otherwise show its raw key as the row's label.
        let at = |key: &str| COLUMNS.iter().position(|c| c.key == key);
        let places: Vec<Option<usize>> = FIGURES.iter().map(|f| at(f.key)).collect();
        assert!(places.iter().all(Option::is_some), "{places:?}");
        assert!(places.is_sorted(), "{places:?}");
    }

    #[test]
    fn every_figure_of_the_batch_table_is_compared() {
        // A figure added to the batch table but not to FIGURES would be missing from the
        // session's comparison, unremarked. These columns are no figure of a run: the plan's
        // name, file and terms (a term changed shows among the inputs), the uncertainty and the
        // currency; the verdict has the first row of its own.
        let not_figures = [
            "name",
            "file",
            "horizon_days",
            "target",
            "p_feasible_se",
            "verdict",
            "currency",
        ];
        for column in &COLUMNS {
            let compared = FIGURES.iter().any(|f| f.key == column.key);
            assert_ne!(
                compared,
                not_figures.contains(&column.key),
                "{}",
                column.key
            );
        }
    }
}
