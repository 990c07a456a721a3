//! `e`: what to export, and the files each choice writes beside the scenario's file (the
//! current folder for the built-in scenario): the summary table as CSV and Markdown, the board
//! report as one HTML page, or the comparison with the pinned baseline as CSV and Markdown.
//! The comparison's table is built by [`skypie::report::comparison`].

use std::ffi::OsString;
use std::path::PathBuf;

use super::{App, Effect, Mode};
use crate::tui::keys::ExportChoice;
use skypie::report::board::Changes;
use skypie::report::board::assumptions::{assumptions, correlations, run_changes};
use skypie::report::comparison::{comparison, comparison_csv, comparison_markdown};
use skypie::report::signature::{self, signed};
use skypie::scenario::Scenario;
use skypie::text::shown_path;

/// Why an export waits: the figures of the last edit are not in yet.
const STILL_COMPUTING: &str =
    "the figures of the last edit are still being computed: press e again once they are in";

/// Why the board report and the summary wait: the panels they carry are not in yet.
const PANELS_COMPUTING: &str = "the export needs the tornado, levers and frontier, still being \
                                computed: press e again once the panels are drawn";

/// Why `e` offers no comparison: nothing to compare with yet. `b` pins outside the question.
pub const NO_BASELINE: &str =
    "a comparison needs a baseline: Esc, then b pins the results as they are";

/// The ends of the names of the files each export writes, after the scenario's: `.summary.csv`.
const SUMMARY: [&str; 2] = [".summary.csv", ".summary.md"];
/// See [`SUMMARY`].
const BOARD: [&str; 1] = [".report.html"];
/// See [`SUMMARY`].
const COMPARISON: [&str; 2] = [".comparison.csv", ".comparison.md"];

/// Whether `choice` carries the panels (tornado, levers, time path, frontier), and so waits for
/// them: the summary and the board report do, the comparison does not.
fn needs_panels(choice: ExportChoice) -> bool {
    matches!(choice, ExportChoice::Summary | ExportChoice::Board)
}

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

    /// The answer to `e`'s question: the files to write, or (`None`, or a choice not offered)
    /// the question stays.
    pub(super) fn answer_export(&mut self, choice: Option<ExportChoice>) -> Vec<Effect> {
        let Some(choice) = choice.filter(|c| self.offers_export(*c)) else {
            // `c` with no baseline pinned did nothing and said nothing, and the keys typed on
            // behind it were taken as answers (a tester).
            if choice.is_some() {
                self.tell_error(NO_BASELINE.to_string());
            }
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
        // The summary and the board report carry the panels: they wait for them too (the
        // figures in full are taken only for them).
        let in_full = needs_panels(choice).then(|| self.in_full());
        if in_full.as_ref().is_some_and(Option::is_none) {
            self.turn_away(choice, PANELS_COMPUTING);
            return Vec::new();
        }
        let files = match (choice, in_full.flatten()) {
            (ExportChoice::Summary, Some(evaluation)) => self.summary_files(&evaluation),
            (ExportChoice::Board, Some(evaluation)) => self.board_file(&evaluation),
            (ExportChoice::Comparison, _) => self.comparison_files(),
            // Turned away above, or nothing to write.
            (ExportChoice::Summary | ExportChoice::Board, None) | (ExportChoice::Cancel, _) => None,
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
        let ready =
            !self.is_computing() && (!needs_panels(choice) || self.current_detail().is_some());
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

    /// The figures shown with their panels (tornado, levers, time path, frontier), once in.
    fn in_full(&self) -> Option<skypie::Evaluation> {
        Some(skypie::Evaluation {
            headline: self.results.as_ref()?.headline.clone(),
            detail: Some(self.current_detail()?.clone()),
        })
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

    /// The summary table as CSV and Markdown, with the detail (as `eval --detail` writes it),
    /// once it is in: between the headline and the panels it wrote the headline alone,
    /// unsaid, where a moment later the same key wrote the tornado, levers and frontier too.
    fn summary_files(&self, evaluation: &skypie::Evaluation) -> Option<Vec<(PathBuf, String)>> {
        let file = self.origin();
        let row = skypie::report::Row {
            file: &file,
            scenario: &self.scenario,
            evaluation,
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
                        .filter_map(|r| said(r.key, &r.run, Some(r.in_file_said()))),
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
            // Marked, as `eval --out` marks it, so an earlier one edited by hand is kept.
            (
                self.export_path(SUMMARY[1]),
                signed(markdown, signature::SUMMARY),
            ),
        ])
    }

    /// The board report, once the detail (tornado, levers, time path, frontier) is in.
    fn board_file(&self, evaluation: &skypie::Evaluation) -> Option<Vec<(PathBuf, String)>> {
        // The page says which file its figures come from and, with unsaved edits, marks each
        // value that differs from the file's.
        let file = self.origin();
        let in_file = self.unsaved_changes();
        let changes = in_file.as_ref().map(UnsavedChanges::as_changes);
        let row = skypie::report::Row {
            file: &file,
            scenario: &self.scenario,
            evaluation,
        };
        let histogram = self.results.as_ref()?.board_histogram.as_ref()?;
        let html = skypie::report::board::html(&row, histogram, changes);
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
        let rows = comparison(
            &base.headline,
            &results.headline,
            &base.scenario,
            &self.scenario,
        );
        let name = self.scenario.name.clone();
        Some(vec![
            (self.export_path(COMPARISON[0]), comparison_csv(&rows)),
            (
                self.export_path(COMPARISON[1]),
                signed(comparison_markdown(&name, &rows), signature::COMPARISON),
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

/// The exported files for the status line, short enough for it: `plans/q3.summary.csv and
/// .md` when they differ only in their extension.
pub(super) fn exported_names(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths.iter().map(|p| shown_path(p)).collect();
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
