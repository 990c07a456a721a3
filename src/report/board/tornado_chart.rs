//! The report's tornado: for each uncertain input, what P(feasible) (or, when that is 0 or 1 at
//! every pin, the realistic target) becomes with the input at its own P10 and at its P90, as
//! two bars from today's figure, the widest swing on top.

use maud::{Markup, html};

use super::svg::{Scale, WIDTH, coord, largest_finite, nice_ceiling, ticks, x_axis};
use crate::model::sensitivity::{Sensitivity, SensitivityOf};
use crate::report::format::{money, probability, realistic_money};

const ROW: f64 = 30.0;
const LABEL_RIGHT: f64 = 190.0;
/// Room between the input keys and the axis for a label left of a bar that starts at zero.
const LEFT: f64 = 262.0;
const RIGHT: f64 = WIDTH - 60.0;
const TOP: f64 = 46.0;

/// One bar's two ends in the figure the tornado measures.
fn ends(bar: &Sensitivity, of: SensitivityOf) -> (f64, f64) {
    match (of, bar.target_low, bar.target_high) {
        (SensitivityOf::RealisticTarget, Some(low), Some(high)) => (low, high),
        _ => (bar.p_low, bar.p_high),
    }
}

/// The tornado of `bars` (largest swing first) around `now` (today's P(feasible) or realistic
/// target, whichever `of` says the bars measure), money in `currency`.
pub fn chart(bars: &[Sensitivity], of: SensitivityOf, now: f64, currency: &str) -> Markup {
    // The figures: realistic targets read rounded down, as everywhere; the axis's ticks as
    // they are.
    let show = |v: f64| match of {
        SensitivityOf::PFeasible => probability(v),
        SensitivityOf::RealisticTarget => realistic_money(v, currency),
    };
    let tick = |v: f64| match of {
        SensitivityOf::PFeasible => probability(v),
        SensitivityOf::RealisticTarget => money(v, currency),
    };
    let top_value = axis_top(bars, of, now);
    let x = Scale::new((0.0, top_value), (LEFT, RIGHT));
    let base = TOP + ROW * bars.len() as f64 + 6.0;
    let height = base + 34.0;
    let tick_marks: Vec<(f64, String)> = ticks(0.0, top_value, 5)
        .into_iter()
        .map(|v| (v, tick(v)))
        .collect();
    html! {
        svg.chart viewBox={"0 0 " (WIDTH) " " (coord(height))} role="img"
            aria-label="Tornado: the figure with each input at its own 10th and 90th percentile" {
            rect.swatch.low x=(coord(LEFT)) y="6" width="10" height="10" {}
            text.legend x=(coord(LEFT + 14.0)) y="15" { "input at its P10" }
            rect.swatch.high x=(coord(LEFT + 130.0)) y="6" width="10" height="10" {}
            text.legend x=(coord(LEFT + 144.0)) y="15" { "input at its P90" }
            @for (i, bar) in bars.iter().enumerate() {
                (row(&x, TOP + ROW * i as f64, bar, of, now, &show))
            }
            line.now x1=(coord(x.at(now))) x2=(coord(x.at(now))) y1=(coord(TOP - 6.0))
                y2=(coord(base)) {}
            text.now x=(coord(x.at(now))) y=(coord(TOP - 9.0)) text-anchor="middle" {
                "now " (show(now))
            }
            (x_axis(&x, base, &tick_marks))
        }
    }
}

/// The axis runs from 0 to a round value above the largest figure (at most 100% for
/// P(feasible)), so that small probabilities are not squashed against zero.
fn axis_top(bars: &[Sensitivity], of: SensitivityOf, now: f64) -> f64 {
    let largest = largest_finite(
        bars.iter()
            .flat_map(|b| {
                let (l, h) = ends(b, of);
                [l, h]
            })
            .chain([now]),
    );
    let top = nice_ceiling(largest * 1.08).unwrap_or(1.0);
    match of {
        SensitivityOf::PFeasible => top.min(1.0),
        SensitivityOf::RealisticTarget => top,
    }
}

/// One input's row: its key, then a bar from `now` to each pin's figure, labelled at its end.
fn row(
    x: &Scale,
    y: f64,
    bar: &Sensitivity,
    of: SensitivityOf,
    now: f64,
    show: &dyn Fn(f64) -> String,
) -> Markup {
    let (low, high) = ends(bar, of);
    let middle = y + ROW / 2.0;
    let span = |value: f64| {
        let (a, b) = (x.at(now), x.at(value));
        (a.min(b), (a - b).abs().max(1.0))
    };
    // The pin that moves the figure further is drawn first, so the nearer one stays visible.
    let mut segments = [(span(low), "low"), (span(high), "high")];
    segments.sort_by(|a, b| b.0.1.total_cmp(&a.0.1));
    html! {
        text.label x=(coord(LABEL_RIGHT)) y=(coord(middle)) dy="4" text-anchor="end" {
            (bar.input)
        }
        @for ((left, width), class) in segments {
            rect class={"pin " (class)} x=(coord(left)) y=(coord(y + 6.0)) width=(coord(width))
                height=(coord(ROW - 12.0)) {}
        }
        @for (at, anchor, class, text) in labels(x, now, low, high, show) {
            text class=(class) x=(coord(at)) y=(coord(middle)) dy="4" text-anchor=(anchor) {
                (text)
            }
        }
    }
}

/// Where a row's figures are written: each at the outer end of its bar when the two pins move
/// the figure in opposite directions; otherwise one label, "P10 … · P90 …", at the farther end
/// (inside the bar when it would run off the chart), or "no change" when neither pin moves it.
fn labels(
    x: &Scale,
    now: f64,
    low: f64,
    high: f64,
    show: &dyn Fn(f64) -> String,
) -> Vec<(f64, &'static str, &'static str, String)> {
    let outside = |value: f64| {
        if value < now {
            (x.at(value) - 4.0, "end")
        } else {
            (x.at(value) + 4.0, "start")
        }
    };
    if (low - now) * (high - now) < 0.0 {
        return [low, high]
            .into_iter()
            .map(|v| {
                let (at, anchor) = outside(v);
                (at, anchor, "value", show(v))
            })
            .collect();
    }
    let far = if (low - now).abs() >= (high - now).abs() {
        low
    } else {
        high
    };
    if far == now {
        return vec![(x.at(now) + 6.0, "start", "value", "no change".to_string())];
    }
    let text = format!("P10 {} · P90 {}", show(low), show(high));
    let (at, anchor) = outside(far);
    if anchor == "start" && at > RIGHT - 110.0 {
        return vec![(x.at(far) - 4.0, "end", "value inside", text)];
    }
    vec![(at, anchor, "value", text)]
}
