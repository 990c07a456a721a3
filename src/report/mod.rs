//! Output: one scenario's results as a JSON record and as the headline columns that the table,
//! CSV and Markdown writers share (README "Batch evaluation and exports"). The column list
//! lives here and nowhere else (the comparison with a baseline shows its figures, in this
//! order, under these headers, read as here, [`Cells::Figure`]).

pub mod axis;
pub mod board;
pub mod comparison;
pub mod draws;
pub mod figure;
pub mod format;
pub mod histogram;
pub mod lever;
pub mod markdown;
pub mod signature;
pub mod write;

use serde::Serialize;

use crate::model::Evaluation;
use crate::model::frontier::FrontierPoint;
use crate::model::headline::{Binding, Headline};
use crate::model::levers::{CombinedLever, Lever};
use crate::model::sensitivity::{Sensitivity, SensitivityOf};
use crate::model::stats::Summary;
use crate::model::time_path::TimePoint;
use crate::model::verdict::Verdict;
use crate::scenario::{Correlation, Scenario, Warning};
use figure::{Change, Figure, Reading};
use format::exact;

/// One evaluated scenario, with the file it came from.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// The path as the user gave it (`-` for standard input).
    pub file: &'a str,
    pub scenario: &'a Scenario,
    pub evaluation: &'a Evaluation,
}

impl Row<'_> {
    fn headline(&self) -> &Headline {
        &self.evaluation.headline
    }

    /// How this plan's money reads: its target and realistic target in their true order.
    pub fn plan_money(&self) -> format::PlanMoney<'_> {
        format::PlanMoney::of(
            self.scenario.target_revenue,
            self.headline().realistic_target,
            &self.scenario.currency,
        )
    }

    /// The target and the realistic target as shown side by side (never alike when they
    /// differ in verdict).
    fn target_and_realistic(&self) -> [String; 2] {
        format::target_and_realistic(
            self.scenario.target_revenue,
            self.headline().realistic_target,
            &self.scenario.currency,
        )
    }
}

/// The JSON object for one scenario, keys in the documented order (non-finite numbers become
/// null).
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub name: &'a str,
    pub file: &'a str,
    pub horizon_days: u32,
    pub target: f64,
    pub samples: u64,
    pub seed: u64,
    /// `mc` or `sobol`.
    pub method: &'static str,
    /// With Sobol points, the independent scrambles the standard error comes from.
    pub replicates: Option<usize>,
    pub confidence: f64,
    pub p_feasible: f64,
    pub p_feasible_se: f64,
    pub verdict: Verdict,
    pub market_in_window: Summary,
    pub required_capture: Summary,
    pub achievable_revenue: Summary,
    pub achievable_capture: Summary,
    pub required_pace: f64,
    pub assumed_pace: f64,
    pub required_reps: Option<f64>,
    pub assumed_reps: Option<u32>,
    pub realistic_target: f64,
    pub binding: Binding,
    pub warnings: &'a [Warning],
    pub currency: &'a str,
    /// The rank correlations as the file gives them (its key → ρ), in file order.
    pub correlation: Correlations<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity_of: Option<SensitivityOf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<&'a [Sensitivity]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub levers: Option<&'a [Lever]>,
    /// With `--detail`: the combined lever, or null when it is not needed or not found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub combined_lever: Option<Option<CombinedLever>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_path: Option<&'a [TimePoint]>,
    /// With `--detail`: the same target over other horizons.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frontier: Option<&'a [FrontierPoint]>,
}

impl<'a> Record<'a> {
    /// The record of one row.
    pub fn of(row: Row<'a>) -> Record<'a> {
        // Every figure of the headline by name: one added to it is a compile error here
        // until the JSON has it, or says why not.
        let Headline {
            samples,
            p_feasible,
            p_feasible_se,
            verdict,
            market_in_window,
            required_capture,
            achievable_revenue,
            achievable_capture,
            required_pace,
            // Said to people as the pace needed (`Headline::pace_needed`); JSON keeps the
            // closed form, required_pace, that docs/MODEL.md §6 defines for other tools.
            pace_with_clamps: _,
            assumed_pace,
            // Said only in words, in the sentence's market line ("…, but the share's 30%
            // ceiling stops it short"); JSON keeps to figures.
            market_stop: _,
            required_reps,
            assumed_reps,
            realistic_target,
            binding,
            warnings,
            method,
            replicates,
        } = &row.evaluation.headline;
        let detail = row.evaluation.detail.as_ref();
        Record {
            name: &row.scenario.name,
            file: row.file,
            horizon_days: row.scenario.horizon_days,
            target: row.scenario.target_revenue,
            samples: *samples,
            seed: row.scenario.seed,
            method: method.name(),
            replicates: *replicates,
            confidence: row.scenario.confidence,
            p_feasible: *p_feasible,
            p_feasible_se: *p_feasible_se,
            verdict: *verdict,
            market_in_window: *market_in_window,
            required_capture: *required_capture,
            achievable_revenue: *achievable_revenue,
            achievable_capture: *achievable_capture,
            required_pace: *required_pace,
            assumed_pace: *assumed_pace,
            required_reps: *required_reps,
            assumed_reps: *assumed_reps,
            realistic_target: *realistic_target,
            binding: *binding,
            warnings,
            currency: &row.scenario.currency,
            correlation: Correlations(&row.scenario.correlations),
            sensitivity_of: detail.map(|d| d.sensitivity_of),
            sensitivity: detail.map(|d| d.sensitivity.as_slice()),
            levers: detail.map(|d| d.levers.as_slice()),
            combined_lever: detail.map(|d| d.combined_lever),
            time_path: detail.map(|d| d.time_path.as_slice()),
            frontier: detail.map(|d| d.frontier.as_slice()),
        }
    }
}

/// A scenario's correlations as JSON shows them: an object from each key as written to its ρ.
#[derive(Debug, Clone, Copy)]
pub struct Correlations<'a>(pub &'a [Correlation]);

impl Serialize for Correlations<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for c in self.0 {
            map.serialize_entry(&c.key, &c.rho)?;
        }
        map.end()
    }
}

/// One headline column: its CSV header, the header people read, and how its cells read.
pub struct Column {
    /// The machine name, the CSV header: `p_feasible`.
    pub key: &'static str,
    /// The header people read (the terminal table, Markdown): `P(feasible)`.
    pub header: &'static str,
    /// How its cells read, and whether the comparison with a baseline shows it.
    pub cells: Cells,
}

/// How a column's cells read: at full precision for CSV (`raw`), rounded for people for the
/// table and Markdown (`human`).
pub enum Cells {
    /// Not compared with a baseline figure by figure: the plan's name, file, terms and
    /// currency (a term changed shows among the comparison's inputs), the uncertainty (of a
    /// run's samples, not of the plan) and the verdict (the comparison's first row, of its own).
    Plain {
        raw: fn(&Row) -> String,
        human: fn(&Row) -> String,
    },
    /// A figure of the headline, which the comparison with a baseline shows too, in this
    /// order, each side read as here ([`comparison`]).
    Figure(Figure),
}

impl Column {
    /// The column's cell of `row` at full precision, for CSV.
    pub fn raw(&self, row: &Row) -> String {
        match &self.cells {
            Cells::Plain { raw, .. } => raw(row),
            Cells::Figure(figure) => figure.raw(row.headline()),
        }
    }

    /// The column's cell of `row` as people read it, for the table and Markdown.
    pub fn human(&self, row: &Row) -> String {
        match &self.cells {
            Cells::Plain { human, .. } => human(row),
            Cells::Figure(figure) => figure.human(&Reading::of(row)),
        }
    }

    /// The figure of the headline the column shows, if it shows one.
    pub(crate) fn figure(&self) -> Option<&Figure> {
        match &self.cells {
            Cells::Plain { .. } => None,
            Cells::Figure(figure) => Some(figure),
        }
    }
}

impl<'a> Reading<'a> {
    /// How `row`'s figures read in the batch table: the confidence always said beside the
    /// realistic target, as a batch may mix confidences (a 75% plan's realistic target beside
    /// an 80% one's is not the same kind of figure).
    fn of(row: &'a Row) -> Reading<'a> {
        Reading {
            headline: row.headline(),
            money: row.plan_money(),
            confidence: row.scenario.confidence,
            compared_at: row.scenario.confidence,
            confidence_said: true,
        }
    }
}

/// The headline columns, in their documented order.
pub const COLUMNS: [Column; 16] = [
    Column {
        key: "name",
        header: "scenario",
        cells: Cells::Plain {
            raw: |r| r.scenario.name.clone(),
            human: |r| r.scenario.name.clone(),
        },
    },
    Column {
        key: "file",
        header: "file",
        cells: Cells::Plain {
            raw: |r| r.file.to_string(),
            human: |r| r.file.to_string(),
        },
    },
    Column {
        key: "horizon_days",
        header: "days",
        cells: Cells::Plain {
            raw: |r| r.scenario.horizon_days.to_string(),
            human: |r| r.scenario.horizon_days.to_string(),
        },
    },
    Column {
        key: "target",
        header: "target",
        cells: Cells::Plain {
            raw: |r| exact(r.scenario.target_revenue),
            human: |r| {
                let [target, _] = r.target_and_realistic();
                target
            },
        },
    },
    Column {
        key: "p_feasible",
        header: "P(feasible)",
        cells: Cells::Figure(Figure {
            value: |h| Some(h.p_feasible),
            data: None,
            shown: |x, r| format::p_beside_verdicts(x, &[r.confidence, r.compared_at]),
            absent: "",
            money: false,
            change: Change::Probability,
        }),
    },
    Column {
        key: "p_feasible_se",
        header: "uncertainty",
        cells: Cells::Plain {
            raw: |r| exact(r.headline().p_feasible_se),
            human: |r| {
                let h = r.headline();
                format::uncertainty(h.p_feasible, h.p_feasible_se, h.samples)
            },
        },
    },
    Column {
        key: "verdict",
        header: "verdict",
        cells: Cells::Plain {
            raw: |r| r.headline().verdict.key().to_string(),
            human: |r| r.headline().verdict.label().to_string(),
        },
    },
    Column {
        key: "required_capture_p50",
        header: "needs (P50 capture)",
        cells: Cells::Figure(Figure {
            value: |h| Some(h.required_capture.p50),
            data: None,
            shown: |x, _| format::capture(x),
            absent: "",
            money: false,
            change: Change::Size(|x, _| format::points_shown(x)),
        }),
    },
    Column {
        key: "achievable_revenue_p50",
        header: "achievable P50",
        cells: Cells::Figure(Figure {
            value: |h| Some(h.achievable_revenue.p50),
            data: None,
            shown: |x, r| r.money.achievable(x),
            absent: "",
            money: true,
            change: Change::Size(format::money),
        }),
    },
    Column {
        key: "realistic_target",
        header: "realistic target",
        cells: Cells::Figure(Figure {
            value: |h| Some(h.realistic_target),
            data: None,
            shown: |x, r| {
                let target = r.money.realistic(x);
                if r.confidence_said {
                    format::realistic_at(&target, r.confidence)
                } else {
                    target
                }
            },
            absent: "",
            money: true,
            change: Change::Size(format::money),
        }),
    },
    Column {
        key: "required_pace",
        header: "pace needed",
        cells: Cells::Figure(Figure {
            value: |h| Some(h.pace_needed()),
            data: Some(|h| Some(h.required_pace)),
            // Beside the pace planned, or why no pace reaches the target (it read "8.96 pts/yr"
            // beside P(feasible) 0% where the ceiling stops it).
            shown: |_, r| {
                let [needed, _] = format::pace_cells(r.headline);
                needed
            },
            absent: "",
            money: false,
            change: Change::Pace,
        }),
    },
    Column {
        key: "assumed_pace",
        header: "pace planned",
        cells: Cells::Figure(Figure {
            value: |h| Some(h.assumed_pace),
            data: None,
            // Beside the pace needed, at the digits that tell the two apart.
            shown: |_, r| {
                let [_, planned] = format::pace_cells(r.headline);
                planned
            },
            absent: "",
            money: false,
            change: Change::Size(|x, _| format::pace(x)),
        }),
    },
    Column {
        key: "required_reps",
        header: "ramped reps needed",
        cells: Cells::Figure(Figure {
            value: |h| h.required_reps,
            data: None,
            shown: |x, _| format::required_reps(Some(x)),
            absent: format::NO_TEAM_NEEDED,
            money: false,
            change: Change::Requirement {
                size: |x, _| format::reps(x),
                covered: |x, _| format::reps_covered(x),
            },
        }),
    },
    Column {
        key: "assumed_reps",
        header: "ramped reps planned",
        cells: Cells::Figure(Figure {
            value: |h| h.assumed_reps.map(f64::from),
            data: None,
            // A head count, whole (1234 read "1230" in the comparison).
            shown: |x, _| format::head_count(x as u32),
            absent: format::NO_TEAM_PLANNED,
            money: false,
            change: Change::Size(|x, _| format::reps(x)),
        }),
    },
    Column {
        key: "binding_market",
        header: "market binds",
        cells: Cells::Figure(Figure {
            value: |h| Some(h.binding.market),
            data: None,
            shown: |x, _| {
                let [market, _] = format::binding_shares(x);
                market
            },
            absent: "",
            money: false,
            change: Change::Probability,
        }),
    },
    Column {
        key: "currency",
        header: "currency",
        cells: Cells::Plain {
            raw: |r| r.scenario.currency.clone(),
            // As written, but for the white space around it (`" €"` read as a blank and a sign).
            human: |r| r.scenario.currency.trim().to_string(),
        },
    },
];

/// The batch table's header of the column `key`.
pub(crate) fn header(key: &'static str) -> &'static str {
    COLUMNS
        .iter()
        .find(|c| c.key == key)
        .map_or(key, |c| c.header)
}

/// The sentence that ends a pie-in-the-sky plan, for one scenario: "$3M in 90 days needs 30.3%
/// of the serviceable market's revenue in that window (…); P(feasible) 0% (0 of 100,000
/// samples): pie in the sky. Realistic at 80% confidence: $314k. Market: needs … (inputs at
/// their medians)": the limits are figured with every input at its median, not per sample.
/// It starts with `name`, the scenario's name as the format shows it (the terminal table cuts
/// it as its header does, [`write::shown_head`]).
pub fn sentence(row: &Row, name: &str) -> String {
    format!("{name}{}", after_the_name(row))
}

/// The headline sentence after the plan's name: ": $3M in 90 days needs …" (the board report
/// sets the name apart, so that a name written right to left keeps to itself).
pub fn after_the_name(row: &Row) -> String {
    let h = row.headline();
    let s = row.scenario;
    let capture = &h.required_capture;
    let [target, realistic] = row.target_and_realistic();
    format!(
        ": {target} in {} needs {} of the serviceable market's revenue in that window{}; \
         P(feasible) {}: {}. Realistic at {} confidence: {realistic}. {} ({}).",
        format::days(s.horizon_days),
        format::capture(capture.p50),
        format::capture_spread(capture),
        format::p_feasible(h, s.confidence),
        h.verdict.label(),
        format::confidence(s.confidence),
        format::limits(h)
            .into_iter()
            .map(|limit| limit.line)
            .collect::<Vec<_>>()
            .join(" · "),
        format::LIMITS_AT,
    )
}
