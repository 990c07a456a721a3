//! The report's tornado: for each uncertain input, what P(feasible) (or, when that is 0 or 1 at
//! every pin, the realistic target) becomes with the input at its own P10 and at its P90, as
//! two bars from today's figure, the widest swing on top.

use maud::{Markup, html};

use super::svg::{Anchor, Extent, Scale, WIDTH, coord, money_ticks_x, text_width, x_axis, x_title};
use crate::model::sensitivity::{Sensitivity, SensitivityOf};
use crate::report::axis::{largest_finite, nice_ceiling, ticks};
use crate::report::format::{PlanMoney, percent, pinned, pinned_pair};

const ROW: f64 = 30.0;
const LABEL_RIGHT: f64 = 190.0;
/// Room between the input keys and the axis for a label left of a bar that starts at zero.
const LEFT: f64 = 262.0;
const RIGHT: f64 = WIDTH - 60.0;
const TOP: f64 = 46.0;
/// The font size of a bar's figure (`svg .value` in style.css).
const VALUE_SIZE: f64 = 11.0;
/// The left edge of the figures' room: a little right of the input keys, which end at
/// `LABEL_RIGHT`.
const FIGURES_LEFT: f64 = LABEL_RIGHT + 8.0;

/// The tornado of `bars` (largest swing first) around `now` (today's P(feasible) or realistic
/// target, whichever `of` says the bars measure), money as the plan's reads (`plan`: at the
/// digits its realistic target is shown with beside its target), P(feasible) beside verdicts
/// at `confidence`.
pub fn chart(
    bars: &[Sensitivity],
    of: SensitivityOf,
    now: f64,
    plan: PlanMoney,
    confidence: f64,
) -> Markup {
    let top_value = axis_top(bars, of, now);
    let x = Scale::new((0.0, top_value), (LEFT, RIGHT));
    let base = axis_y(bars.len());
    let height = base + BELOW_AXIS;
    // A tick is a place on the axis, not an estimate: 0.02% reads as it is, where a P(feasible)
    // that small reads "< 0.1%". Money in the currency where it fits, else the currency named
    // once under the axis, and the bars' figures then amounts too ("448k Swiss francs" ran
    // past the chart's edge).
    let (tick_marks, currency_title) = match of {
        SensitivityOf::PFeasible => (
            ticks(0.0, top_value, 5)
                .into_iter()
                .map(|v| (v, percent(v)))
                .collect(),
            None,
        ),
        SensitivityOf::RealisticTarget => {
            money_ticks_x(ticks(0.0, top_value, 5), plan.currency, &x)
        }
    };
    // The figures as everywhere: realistic targets rounded down, P(feasible) never onto a
    // verdict's threshold from below (to three digits at the extremes).
    let realistic = |v: f64| match currency_title {
        Some(_) => plan.realistic_amount(v),
        None => plan.realistic(v),
    };
    let show = |v: f64| match of {
        SensitivityOf::PFeasible => pinned(v, confidence),
        SensitivityOf::RealisticTarget => realistic(v),
    };
    // A bar's two ends, told apart where they differ ([`pinned_pair`]).
    let show_ends = |low: f64, high: f64| match of {
        SensitivityOf::PFeasible => pinned_pair(low, high, confidence),
        SensitivityOf::RealisticTarget => [realistic(low), realistic(high)],
    };
    html! {
        svg.chart viewBox={"0 0 " (WIDTH) " " (coord(height))} role="img"
            style=[print_height(bars.len())]
            aria-label="Tornado: the figure with each input at its own 10th and 90th percentile" {
            rect.swatch.low x=(coord(LEFT)) y="6" width="10" height="10" {}
            text.legend x=(coord(LEFT + 14.0)) y="15" { "input at its P10" }
            rect.swatch.high x=(coord(LEFT + 130.0)) y="6" width="10" height="10" {}
            text.legend x=(coord(LEFT + 144.0)) y="15" { "input at its P90" }
            @for (i, bar) in bars.iter().enumerate() {
                (row(&x, TOP + ROW * i as f64, bar, of, now, &show_ends))
            }
            line.now x1=(coord(x.at(now))) x2=(coord(x.at(now))) y1=(coord(TOP - 6.0))
                y2=(coord(base)) {}
            text.now x=(coord(x.at(now))) y=(coord(TOP - 9.0)) text-anchor="middle" {
                "now " (show(now))
            }
            (x_axis(&x, base, &tick_marks))
            @if let Some(title) = &currency_title {
                (x_title(&x, base, title))
            }
        }
    }
}

/// The y of the axis under a tornado of `rows` rows.
fn axis_y(rows: usize) -> f64 {
    TOP + ROW * rows as f64 + 6.0
}

/// The room under the axis, for its tick labels and title.
const BELOW_AXIS: f64 = 34.0;

/// The rows whose chart prints at the height every chart is held to on paper (style.css).
const PRINTED_ROWS: usize = 5;

/// How tall a tornado of `rows` rows prints, where it has more than [`PRINTED_ROWS`]: as tall
/// in proportion, so that its text prints as large (eight inputs printed at 5.5 pt, held to the
/// five-row height); `None` keeps the common height.
fn print_height(rows: usize) -> Option<String> {
    const COMMON_MM: f64 = 58.0;
    let height = |rows| axis_y(rows) + BELOW_AXIS;
    (rows > PRINTED_ROWS).then(|| {
        let mm = COMMON_MM * height(rows) / height(PRINTED_ROWS);
        format!("--print-height: {mm:.0}mm")
    })
}

/// The axis runs from 0 to a round value above the largest figure (at most 100% for
/// P(feasible)), so that small probabilities are not squashed against zero.
fn axis_top(bars: &[Sensitivity], of: SensitivityOf, now: f64) -> f64 {
    let largest = largest_finite(
        bars.iter()
            .flat_map(|b| {
                let (l, h) = b.ends(of);
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
    show_ends: &dyn Fn(f64, f64) -> [String; 2],
) -> Markup {
    let (low, high) = bar.ends(of);
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
        @for (figure, text) in labels(x, now, (low, high), show_ends(low, high)) {
            text class=(if figure.inside { "value inside" } else { "value" })
                x=(coord(figure.x)) y=(coord(middle)) dy="4"
                text-anchor=(figure.anchor.attribute()) { (text) }
        }
    }
}

/// Where a row's figures are written: each at the outer end of its bar when the two pins move
/// the figure in opposite directions; otherwise one figure, "P10 … · P90 …", at the farther end,
/// or "no change" beside today's line when neither pin moves it; each placed by
/// [`place_figure`].
fn labels(
    x: &Scale,
    now: f64,
    (low, high): (f64, f64),
    [low_text, high_text]: [String; 2],
) -> Vec<(Figure, String)> {
    let placed = |end: f64, text: String, alone: bool| {
        let width = text_width(&text, VALUE_SIZE);
        (place_figure(x.at(now), x.at(end), width, alone), text)
    };
    if (low - now) * (high - now) < 0.0 {
        return vec![placed(low, low_text, false), placed(high, high_text, false)];
    }
    let far = if (low - now).abs() >= (high - now).abs() {
        low
    } else {
        high
    };
    if far == now {
        return vec![placed(now, "no change".to_string(), true)];
    }
    let text = format!("P10 {low_text} · P90 {high_text}");
    vec![placed(far, text, true)]
}

/// Where a bar's figure is written: the x that `anchor` names, and whether it lies inside the
/// bar (white on the bar's colour).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    /// The x coordinate.
    pub x: f64,
    /// Which point of the text `x` is.
    pub anchor: Anchor,
    /// Whether the text is written over its bar.
    pub inside: bool,
}

/// Places a figure `width` wide for the bar from today's line at `now_x` to `end_x` (the same
/// x for "no change") at the first of: just beyond the bar's end; inside the bar against its
/// end, where the bar is long enough to hold it; and, for a row's only figure (`alone`), on
/// the other side of today's line; that stays right of the input keys and inside the chart.
/// To the first if none does.
pub fn place_figure(now_x: f64, end_x: f64, width: f64, alone: bool) -> Figure {
    // A figure keeps 4 units from a bar's end, and 6 from today's dashed line.
    let (bar_gap, line_gap) = (4.0, 6.0);
    let beyond_end = if end_x == now_x { line_gap } else { bar_gap };
    // +1 where the bar runs right of today's line, −1 where it runs left.
    let outwards = if end_x >= now_x { 1.0 } else { -1.0 };
    let (outward, inward) = if outwards > 0.0 {
        (Anchor::Start, Anchor::End)
    } else {
        (Anchor::End, Anchor::Start)
    };
    let outside = Figure {
        x: end_x + outwards * beyond_end,
        anchor: outward,
        inside: false,
    };
    let within = Figure {
        x: end_x - outwards * bar_gap,
        anchor: inward,
        inside: true,
    };
    let across = Figure {
        x: now_x - outwards * line_gap,
        anchor: inward,
        inside: false,
    };
    let bar_holds_it = (end_x - now_x).abs() >= width + bar_gap + line_gap;
    let fits = |f: &Figure| {
        let text = Extent::of_text(f.x, 0.0, f.anchor, width, VALUE_SIZE);
        text.left >= FIGURES_LEFT && text.right <= WIDTH
    };
    [
        Some(outside),
        bar_holds_it.then_some(within),
        alone.then_some(across),
    ]
    .into_iter()
    .flatten()
    .find(fits)
    .unwrap_or(outside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::format::probability;

    /// The chart's scale for P(feasible) up to `top`.
    fn axis(top: f64) -> Scale {
        Scale::new((0.0, top), (LEFT, RIGHT))
    }

    /// The box each of a row's figures takes, with whether it is inside its bar.
    fn boxes(x: &Scale, now: f64, low: f64, high: f64) -> Vec<(Extent, bool, String)> {
        labels(x, now, (low, high), [probability(low), probability(high)])
            .into_iter()
            .map(|(f, text)| {
                let width = text_width(&text, VALUE_SIZE);
                let extent = Extent::of_text(f.x, 0.0, f.anchor, width, VALUE_SIZE);
                (extent, f.inside, text)
            })
            .collect()
    }

    #[test]
    fn a_figure_near_zero_stays_clear_of_the_input_keys() {
        // 02 with a 10M target: P(feasible) < 0.1%, and market.size at either pin 0%. The
        // figure "P10 0% · P90 0%" was written left of the zero line, over "market.size".
        let x = axis(0.002);
        let [(figure, inside, text)] = boxes(&x, 0.0006, 0.0, 0.0).try_into().expect("one");
        assert!(figure.left >= FIGURES_LEFT, "{text:?} at {figure:?}");
        assert!(!inside || figure.left >= x.at(0.0), "inside its bar");
        // Nearer 0 the bar cannot hold it either: it goes across today's line, clear of the
        // line and of the bar left of it.
        let now = 0.0003;
        let [(figure, inside, text)] = boxes(&x, now, 0.0, 0.0).try_into().expect("one");
        assert!(!inside, "{text:?} at {figure:?}");
        assert!(
            figure.left >= x.at(now) + 6.0 - 1e-9,
            "{text:?} at {figure:?}"
        );
    }

    #[test]
    fn a_figure_left_of_the_axis_stays_off_the_input_keys() {
        // A bar from x 330 down to the axis's zero, with a figure ten characters wide: just
        // beyond the bar's end it would start at x 186, over the keys' last letters (they end
        // at LABEL_RIGHT), so it goes across today's line instead.
        let width = text_width("0123456789", VALUE_SIZE);
        let figure = place_figure(330.0, LEFT, width, true);
        let text = Extent::of_text(figure.x, 0.0, figure.anchor, width, VALUE_SIZE);
        assert!(
            text.left > LABEL_RIGHT,
            "{figure:?} starts at {}",
            text.left
        );
    }

    #[test]
    fn a_figure_inside_its_bar_sits_just_inside_the_bars_end() {
        // "P10 100% · P90 100%" has no room right of a bar ending at 100%, nor "P10 0% · P90
        // 0%" left of one ending at 0%: each is written inside, 4 units from the bar's end.
        let x = axis(1.0);
        let [(figure, inside, text)] = boxes(&x, 0.2, 1.0, 1.0).try_into().expect("one");
        assert!(inside, "{text:?} at {figure:?}");
        assert!(
            (figure.right - (x.at(1.0) - 4.0)).abs() < 1e-9,
            "{figure:?}"
        );
        let [(figure, inside, text)] = boxes(&x, 0.8, 0.0, 0.0).try_into().expect("one");
        assert!(inside, "{text:?} at {figure:?}");
        assert!((figure.left - (x.at(0.0) + 4.0)).abs() < 1e-9, "{figure:?}");
    }

    #[test]
    fn a_rows_only_figure_is_written_at_the_end_of_its_longer_bar() {
        // Both pins raise P(feasible) from 50%, P10 to 60% and P90 to 80%: the one figure
        // goes beyond the end of the P90 bar, which reaches further, not over it at 60%.
        let x = axis(1.0);
        let [(figure, inside, text)] = boxes(&x, 0.5, 0.6, 0.8).try_into().expect("one");
        assert_eq!(text, "P10 60% · P90 80%");
        assert!(
            !inside && figure.left >= x.at(0.8),
            "{text:?} at {figure:?}"
        );
    }

    #[test]
    fn a_bar_just_long_enough_for_its_figure_and_the_gaps_holds_it() {
        // From today's line at x 500 to 660, with no room beyond: a figure 150 wide fits inside
        // with 4 units to the bar's end and 6 to the line, and is written there.
        let figure = place_figure(500.0, 660.0, 150.0, true);
        assert_eq!(
            figure,
            Figure {
                x: 656.0,
                anchor: Anchor::End,
                inside: true
            }
        );
    }

    #[test]
    fn a_pin_that_leaves_the_figure_where_it_is_shares_the_other_pins_label() {
        // P10 moves P(feasible) from 50% to 30% and P90 leaves it at 50%: one bar, so one
        // figure naming both pins, not a "50%" beside today's line as if a second bar were there.
        let figures = labels(&axis(1.0), 0.5, (0.3, 0.5), ["30%".into(), "50%".into()]);
        let texts: Vec<&str> = figures.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["P10 30% · P90 50%"]);
    }

    /// The tornado of P(feasible) `bars` around today's `now`, at 80%, as SVG text.
    fn p_feasible_chart(bars: &[Sensitivity], now: f64) -> String {
        let plan = PlanMoney::shown("USD");
        chart(bars, SensitivityOf::PFeasible, now, plan, 0.8).into_string()
    }

    #[test]
    fn small_probabilities_get_an_axis_that_ends_just_above_them() {
        // P(feasible) of 12% to 20% at the pins: the axis ends at 25%, not at 100% with the
        // bars squashed against 0.
        let bars = [Sensitivity::of_p_feasible("market.size".into(), 0.12, 0.2)];
        let svg = p_feasible_chart(&bars, 0.15);
        assert!(svg.contains(">25%</text>"), "{svg}");
        assert!(!svg.contains(">100%</text>"), "{svg}");
    }

    #[test]
    fn the_ticks_of_an_axis_of_tiny_probabilities_read_apart() {
        // A one-day horizon: pins at 0.01% and 0.05%, and the ticks read "0%, < 0.1%, < 0.1%,
        // < 0.1%, < 0.1%, 0.1%", so the bars showed no scale.
        let bars = [Sensitivity::of_p_feasible(
            "market.size".into(),
            0.0001,
            0.0005,
        )];
        let svg = p_feasible_chart(&bars, 0.0003);
        let ticks: Vec<&str> = svg
            .split("<text class=\"tick\"")
            .skip(1)
            .filter_map(|t| t.split('>').nth(1)?.split('<').next())
            .collect();
        assert!(ticks.len() >= 3, "{svg}");
        assert!(!ticks.iter().any(|t| t.contains('<')), "{ticks:?}");
        let distinct: std::collections::HashSet<_> = ticks.iter().collect();
        assert_eq!(distinct.len(), ticks.len(), "{ticks:?}");
        assert!(ticks.contains(&"0.02%"), "{ticks:?}");
    }

    #[test]
    fn no_change_beside_todays_line_at_the_axis_end_stays_inside_the_chart() {
        // A horizon of 1000 days: P(feasible) 100%, and "no change" ran off the right edge.
        let x = axis(1.0);
        let [(figure, ..)] = boxes(&x, 1.0, 1.0, 1.0).try_into().expect("one");
        assert!(figure.right <= WIDTH, "{figure:?}");
        assert!(figure.right < x.at(1.0), "left of today's line");
    }

    #[test]
    fn a_figure_is_written_inside_its_bar_only_where_the_bar_holds_it() {
        // 05 over ten years: P(feasible) > 99.9% and a pin moving it to 100% drew a bar one
        // unit wide with "P10 > 99.9% · P90 100%" white inside it, on the white page.
        let x = axis(1.0);
        let [(figure, inside, _)] = boxes(&x, 0.9995, 0.9999, 1.0).try_into().expect("one");
        let bar = (x.at(0.9995), x.at(1.0));
        assert!(
            !inside || (figure.left >= bar.0 && figure.right <= bar.1),
            "{figure:?} inside the bar {bar:?}"
        );
        assert!(figure.right <= WIDTH, "{figure:?}");
    }

    #[test]
    fn every_figure_stays_right_of_the_keys_inside_the_chart_and_its_bar_and_clear_of_the_other() {
        let x = axis(1.0);
        let grid: Vec<f64> = (0..=40).map(|i| f64::from(i) / 40.0).collect();
        for &now in &grid {
            for &low in &grid {
                for &high in &grid {
                    let figures = boxes(&x, now, low, high);
                    for (i, (figure, inside, text)) in figures.iter().enumerate() {
                        let case = format!("now {now}, P10 {low}, P90 {high}: {text:?}");
                        assert!(figure.left >= FIGURES_LEFT, "{case} on the keys");
                        assert!(figure.right <= WIDTH, "{case} off the chart");
                        if *inside {
                            let far = if (low - now).abs() >= (high - now).abs() {
                                low
                            } else {
                                high
                            };
                            let end = match (figures.len(), i) {
                                (1, _) => far,
                                (_, 0) => low,
                                _ => high,
                            };
                            let (a, b) = (x.at(now), x.at(end));
                            let held = figure.left >= a.min(b) && figure.right <= a.max(b);
                            assert!(held, "{case} spills out of its bar");
                        }
                        for (other, ..) in &figures[i + 1..] {
                            assert!(!figure.overlaps(other), "{case} meets the other");
                        }
                    }
                }
            }
        }
    }
}
