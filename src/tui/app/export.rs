//! `e`: the summary table as CSV and Markdown, written beside the file.

use std::path::PathBuf;

use super::{App, Effect};

impl App {
    /// The summary table as CSV and Markdown, beside the file (or in the current folder).
    pub(super) fn export(&mut self) -> Vec<Effect> {
        let Some(results) = &self.results else {
            self.tell_error("no results to export yet".to_string());
            return Vec::new();
        };
        let evaluation = skypie::Evaluation {
            headline: results.headline.clone(),
            detail: self.current_detail().cloned(),
        };
        let stem = self.file.as_ref().map_or_else(
            || PathBuf::from(slug(&self.scenario.name)),
            |p| p.with_extension(""),
        );
        let file = self.origin();
        let row = skypie::report::Row {
            file: &file,
            scenario: &self.scenario,
            evaluation: &evaluation,
        };
        let with = |ext: &str| PathBuf::from(format!("{}.summary.{ext}", stem.display()));
        vec![Effect::Export(vec![
            (with("csv"), skypie::report::write::csv(&[row])),
            (with("md"), skypie::report::write::markdown(&[row])),
        ])]
    }
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
