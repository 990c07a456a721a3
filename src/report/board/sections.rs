//! The report's six sections, each a heading of [`super::SECTIONS`], a chart or a table, and a note
//! that says in words what it shows.

use maud::{Markup, html};

use super::assumptions::{assumptions as assumption_rows, correlations as correlation_lines};
use super::{
    ACHIEVABLE, ASSUMPTIONS, Changes, FRONTIER, SENSITIVITY, TIME_PATH, fan_chart, frontier_chart,
    histogram_chart, tornado_chart,
};
use crate::model::sensitivity::SensitivityOf;
use crate::model::verdict::Verdict;
use crate::model::{Detail, RealisticFrom};
use crate::report::Row;
use crate::report::format::{
    self, LONGEST_HORIZON_SAID, NOTHING_UNCERTAIN, days, p_beside_verdict, thousands,
};
use crate::report::histogram::{Histogram, Place};
use crate::report::lever::{
    COMBINED_LEVER, NO_TARGET_REALISTIC, ShareGainNote, combined_beside_now, lever_name,
    lever_shown, no_target_realistic,
};
use crate::text::printable;

/// A section with its heading and, without the detail, a note that it was not computed.
fn section(heading: &str, detail: Option<&Detail>, body: impl FnOnce(&Detail) -> Markup) -> Markup {
    html! {
        section {
            h2 { (heading) }
            @match detail {
                Some(detail) => (body(detail)),
                None => p.note { "Not computed yet." },
            }
        }
    }
}

/// The histogram of achievable revenue with the target.
pub fn achievable_revenue(row: &Row, histogram: &Histogram) -> Markup {
    let h = &row.evaluation.headline;
    let s = row.scenario;
    let plan = row.plan_money();
    let target = plan.money(s.target_revenue);
    let a = &h.achievable_revenue;
    let outside = histogram.below + histogram.above;
    let drawn = histogram.counts.iter().any(|n| *n > 0);
    html! {
        section {
            h2 { (ACHIEVABLE) }
            figure {
                (histogram_chart::chart(histogram, s.target_revenue, plan))
                p.note {
                    "What the plan can book in " (days(s.horizon_days)) ", across "
                    (thousands(h.samples)) " " (format::samples_noun(h.samples)) ": P10 " (plan.achievable(a.p10)) ", P50 "
                    (plan.achievable(a.p50)) ", P90 " (plan.achievable(a.p90)) ". "
                    // Named by where the chart marks the target (a line, or an arrow at the
                    // edge it lies beyond), not by colour alone: a print may have none.
                    @if !drawn {
                        // Every sample overflowed (a market of 1e300 growing 1,000,000% a
                        // year): no bar to name, green or not.
                        "No sample has a finite value to draw (see the warnings); P(feasible) "
                        (p_beside_verdict(h.p_feasible, s.confidence)) "."
                    } @else if h.p_feasible > 0.0 {
                        @match histogram.place(s.target_revenue) {
                            Place::Beyond => {
                                "The target of " (target) " lies beyond the range drawn (→): "
                                "only the samples past it reach it; P(feasible) "
                            }
                            Place::Below => {
                                "The target of " (target) " lies below the range drawn (←): "
                                "every bar (green) reaches it; P(feasible) "
                            }
                            Place::Within if histogram.is_crossed() => {
                                "The bars beyond the target line and the lower part of the bar "
                                "it crosses (green) hold the samples that reach the target of "
                                (target) ": P(feasible) "
                            }
                            Place::Within => {
                                "The bars at and beyond the target line (green) reach the "
                                "target of " (target) ": P(feasible) "
                            }
                        }
                        (p_beside_verdict(h.p_feasible, s.confidence)) "."
                    } @else {
                        "No sample reaches the target of " (target) "."
                    }
                    @if outside > 0 && drawn {
                        " " (thousands(outside)) " " (format::samples_noun(outside))
                        @if outside == 1 { " lies" } @else { " lie" }
                        " outside the range drawn."
                    }
                }
            }
        }
    }
}

/// The tornado.
pub fn sensitivity(row: &Row) -> Markup {
    let h = &row.evaluation.headline;
    section(SENSITIVITY, row.evaluation.detail.as_ref(), |d| {
        let now = d.sensitivity_of.now(h);
        html! {
            @if d.sensitivity.is_empty() {
                p.note { (NOTHING_UNCERTAIN) }
            } @else {
                figure {
                    (tornado_chart::chart(&d.sensitivity, d.sensitivity_of, now, row.plan_money(), row.scenario.confidence))
                    p.note { (tornado_note(row, d)) }
                }
            }
        }
    })
}

/// The tornado's order, as `model::sensitivity::tornado` sorts its bars.
const TORNADO_ORDER: &str = "ordered by the gap between the two pins, widest first; equal gaps \
    by how far the farther pin lands from today's figure.";

/// What the tornado's bars measure, in words, and the inputs whose tails decide the plan.
fn tornado_note(row: &Row, detail: &Detail) -> String {
    let of = detail.sensitivity_of;
    let p_now = row.evaluation.headline.p_feasible;
    let tails = format::tornado_tails(&detail.sensitivity, of, p_now, row.scenario.confidence);
    let measures = match of {
        SensitivityOf::PFeasible => format!(
            "P(feasible) with each uncertain input pinned at its own 10th and 90th percentile, \
             every other input as sampled; {TORNADO_ORDER}"
        ),
        // Each pin reads 0 or 100%, whatever today's P(feasible) is (docs/MODEL.md §7).
        SensitivityOf::RealisticTarget => format!(
            "P(feasible) is 0 or 100% at every pin, so the bars show the realistic target at {} \
             confidence instead: each uncertain input pinned at its own 10th and 90th \
             percentile, every other input as sampled; {TORNADO_ORDER}",
            format::confidence(row.scenario.confidence)
        ),
    };
    match tails {
        Some(tails) => format!("{measures} {tails}"),
        None => measures,
    }
}

/// The levers, with today's value beside each.
pub fn levers(row: &Row) -> Markup {
    let confidence = format::confidence(row.scenario.confidence);
    // Already realistic, a lever's value is how far it could go the other way.
    let verdict = row.evaluation.headline.verdict;
    let column = format::levers_column(verdict);
    // The last row moves two levers at once: "each value alone" read as said of it too.
    let note = |combined: bool| {
        let alone = if combined {
            "alone (the last row: the two together)"
        } else {
            "alone"
        };
        if verdict == Verdict::Realistic {
            format!(
                "The plan is already realistic. Each value is how far that lever {alone} could \
                 go, every other input unchanged, with P(feasible) still at {confidence} or \
                 more on the same samples (the target up to it; the others down to it)."
            )
        } else {
            format!(
                "Each value {alone}, every other input unchanged, brings P(feasible) to \
                 {confidence} on the same samples."
            )
        }
    };
    let heading = format::levers_heading(verdict);
    section(heading, row.evaluation.detail.as_ref(), |d| {
        let note = note(d.combined_lever.is_some());
        html! {
            table.levers {
                thead { tr { th { "lever" } th { "today" } th { (column) } } }
                tbody {
                    @for lever in &d.levers {
                        @let shown = lever_shown(lever, row.scenario, &row.evaluation.headline);
                        tr {
                            td { (lever_name(lever.input)) " " code { (lever.input.key()) } }
                            td { (shown.now) }
                            td { (shown.text()) }
                        }
                    }
                    @if let Some(c) = &d.combined_lever {
                        @let [now, value] = combined_beside_now(c, &row.evaluation.headline);
                        tr {
                            td { (COMBINED_LEVER) }
                            td { (now) }
                            td { (value) }
                        }
                    }
                }
            }
            p.note { (note) }
            @if let Some(gain) = ShareGainNote::of(
                &d.levers,
                d.combined_lever.as_ref(),
                row.scenario,
                &row.evaluation.headline,
            ) {
                p.note { (gain.text()) }
            }
            @if let Some(sobol) = format::on_this_runs_points(&row.evaluation.headline) {
                p.note { (sobol) }
            }
        }
    })
}

/// The fan chart of the time path.
pub fn time_path(row: &Row) -> Markup {
    let s = row.scenario;
    section(TIME_PATH, row.evaluation.detail.as_ref(), |d| {
        let last = d.time_path.last();
        html! {
            figure {
                (fan_chart::chart(&d.time_path, s.target_revenue, s.horizon_days, &s.currency))
                p.note {
                    "Cumulative revenue from day 0: what the plan can have booked by each day "
                    "(P10 to P90, and the median), against a straight line to the target of "
                    (row.plan_money().money(s.target_revenue)) " on day " (s.horizon_days) "."
                    @if let Some(last) = last {
                        " By day " (last.day) " the median is " (row.plan_money().achievable(last.p50)) "."
                    }
                }
            }
        }
    })
}

/// The frontier: the answer in one sentence, the chart and the table.
pub fn frontier(row: &Row) -> Markup {
    let s = row.scenario;
    let plan = row.plan_money();
    section(FRONTIER, row.evaluation.detail.as_ref(), |d| {
        html! {
            figure {
                p.answer { (frontier_answer(row, d)) }
                (frontier_chart::chart(&d.frontier, s.target_revenue, s.horizon_days, plan, s.confidence))
            }
            table.frontier {
                thead {
                    tr {
                        th.num { "days" } th.num { "P(feasible) of " (plan.money(s.target_revenue)) }
                        th.num { "realistic target" } th.num { "needs (P50 capture)" }
                    }
                }
                tbody {
                    @for (days, figures) in format::frontier_rows(d, plan, s.confidence) {
                        tr {
                            td.num { (days) @if days == s.horizon_days { " (plan)" } }
                            @for figure in figures {
                                td.num { (figure) }
                            }
                        }
                    }
                }
            }
            p.note {
                "The same target and the same samples over other horizons. The realistic target "
                "is what the plan books with " (format::confidence(s.confidence)) " confidence by then. "
                // Ten years beside 90 days looked like a sudden leap between neighbours.
                "The bars stand one a horizon, side by side, not on a time scale."
            }
            @if let Some(sobol) = format::on_this_runs_points(&row.evaluation.headline) {
                p.note { (sobol) }
            }
        }
    })
}

/// "Not $3M in 90 days: $3M by day 486, or $314k in 90 days (each at 80% confidence)."
fn frontier_answer(row: &Row, d: &Detail) -> String {
    let s = row.scenario;
    let h = &row.evaluation.headline;
    let [target, realistic] = row.target_and_realistic();
    let (days, confidence) = (days(s.horizon_days), format::confidence(s.confidence));
    if h.verdict == Verdict::Realistic {
        return format!(
            "{target} in {days} is realistic at {confidence} confidence; the realistic \
             target is {}.",
            realistic
        );
    }
    // A realistic target of 0 is no target to offer ("$0 in 90 days is realistic").
    let none = no_target_realistic(h.realistic_target);
    match d.realistic_from() {
        Some(RealisticFrom::Day(day)) if none => format!(
            "Not {target} in {days}: {target} by day {day} (at {confidence} confidence); in \
             {days}, {NO_TARGET_REALISTIC}."
        ),
        Some(RealisticFrom::Day(day)) => format!(
            "Not {target} in {days}: {target} by day {day}, or {} in {days} (each at \
             {confidence} confidence).",
            realistic
        ),
        Some(RealisticFrom::NotWithinRange) | None if none => format!(
            "Not {target} in {days}, nor within {LONGEST_HORIZON_SAID}; in {days}, \
             {NO_TARGET_REALISTIC} at {confidence} confidence."
        ),
        Some(RealisticFrom::NotWithinRange) | None => format!(
            "Not {target} in {days}, nor within {LONGEST_HORIZON_SAID}: {} in {days} is \
             realistic at {confidence} confidence.",
            realistic
        ),
    }
}

/// Every value as written, the uncertain ones with their P10, P50 and P90, and the warnings;
/// a value that differs from the file's says so, and what the file says.
pub fn assumptions(row: &Row, changes: Option<Changes>) -> Markup {
    let file = changes.map(|c| c.file);
    let changed = |in_file: &str| changes.map(|c| format!("{}; {}", c.by, c.file_says(in_file)));
    let warnings = &row.evaluation.headline.warnings;
    html! {
        section {
            h2 { (ASSUMPTIONS) }
            @let rows = assumption_rows(row.scenario, file);
            table.assumptions {
                thead {
                    tr {
                        th { "input" } th { "as written" }
                        th.num { "P10" } th.num { "P50" } th.num { "P90" }
                    }
                }
                tbody {
                    @for a in &rows {
                        tr {
                            td { code { (a.key) } span.meaning { (a.meaning) } }
                            td {
                                (a.written)
                                @if let Some(said) = a.in_file.as_deref().and_then(changed) {
                                    span.changed { (said) }
                                }
                                @if let Some(fitted) = &a.fitted {
                                    span.source { (printable(fitted)) }
                                }
                            }
                            @match &a.quantiles {
                                Some([p10, p50, p90]) => {
                                    td.num { (p10) } td.num { (p50) } td.num { (p90) }
                                }
                                None => td.fixed colspan="3" { "fixed" },
                            }
                        }
                    }
                }
            }
            @if rows.iter().any(|a| a.quantiles.is_some()) {
                p.note {
                    "P10, P50 and P90 are each input's own, as written; the figures above are of "
                    "the samples drawn (the pace planned is their median), which differ from "
                    "these by sampling noise."
                }
            }
            @let correlations = correlation_lines(row.scenario, file);
            @if !correlations.is_empty() {
                table.assumptions {
                    thead {
                        tr { th { "inputs that move together" } th { "rank correlation" } th {} }
                    }
                    tbody {
                        @for c in &correlations {
                            tr {
                                td { code { (c.pair) } }
                                td {
                                    (c.rho)
                                    @if let Some(said) = c.in_file.as_deref().and_then(changed) {
                                        span.changed { (said) }
                                    }
                                }
                                td.fixed { (c.no_effect.as_deref().unwrap_or("")) }
                            }
                        }
                    }
                }
            }
            @if warnings.is_empty() {
                p.note { "No warnings." }
            } @else {
                ul.warnings {
                    @for w in warnings { li { "warning: " (printable(&w.text)) } }
                }
            }
        }
    }
}
