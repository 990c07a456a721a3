//! The report's frontier chart: the realistic target by horizon as bars, the plan's target as a
//! line across them, and P(feasible) of the plan's target under each horizon, so "not 3M in 90
//! days, but by month 16" can be read off one picture.

use maud::{Markup, html};

use super::svg::{Anchor, Extent, Scale, WIDTH, coord, money_axis, text_width, y_grid, y_title};
use crate::model::frontier::FrontierPoint;
use crate::report::axis::{largest_finite, ticks};
use crate::report::format::{PlanMoney, days, p_beside_verdict};

const HEIGHT: f64 = 280.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = WIDTH - 20.0;
const TOP: f64 = 34.0;
const BASE: f64 = HEIGHT - 58.0;
/// Below the legend's line: the highest a label in the plot may reach.
const BELOW_LEGEND: f64 = 20.0;
/// How far a label's baseline sits above what it labels, a bar's top or the target line.
const GAP: f64 = 5.0;
/// The font size of a bar's value (`svg .value` in style.css).
const VALUE_SIZE: f64 = 11.0;
/// The font size of the target's label (`svg text` in style.css).
const TARGET_SIZE: f64 = 12.0;

/// The frontier `points` as bars of the realistic target (the scenario's own horizon,
/// `own_days`, marked), the `target` as a line with its label where [`place_labels`] finds
/// room; money as `plan` shows it (the target and the realistic targets at its digits).
pub fn chart(
    points: &[FrontierPoint],
    target: f64,
    own_days: u32,
    plan: PlanMoney,
    confidence: f64,
) -> Markup {
    let currency = plan.currency;
    let y = y_scale(points, target);
    let slot = slot_width(points.len());
    let (money_ticks, title) = money_axis(ticks(y.domain.0, y.domain.1, 5), currency, LEFT);
    let target_y = y.at(target);
    // Each bar's figure in the currency where every one fits its slot, else as an amount, and
    // the target's alike, the money axis naming the currency ("148.1k Swiss francs (CHF)" ran
    // into the next bar's).
    let values: Vec<String> = points
        .iter()
        .map(|p| plan.realistic(p.realistic_target))
        .collect();
    let with_currency = values
        .iter()
        .all(|v| text_width(v, VALUE_SIZE) <= slot - 6.0);
    let (values, target_label) = if with_currency {
        (values, format!("target {}", plan.money(target)))
    } else {
        let amounts = points
            .iter()
            .map(|p| plan.realistic_amount(p.realistic_target))
            .collect();
        (amounts, format!("target {}", plan.amount(target)))
    };
    let placed = place_labels(
        &value_labels(points, &y, &values, own_days),
        target_y,
        text_width(&target_label, TARGET_SIZE),
    );
    html! {
        svg.chart viewBox={"0 0 " (WIDTH) " " (HEIGHT)} role="img"
            aria-label="Frontier: the realistic target and P(feasible) of the target by horizon" {
            rect.swatch.realistic x=(coord(LEFT)) y="6" width="14" height="10" {}
            text.legend x=(coord(LEFT + 18.0)) y="15" { "realistic target by then" }
            line.required x1=(coord(LEFT + 200.0)) x2=(coord(LEFT + 220.0)) y1="11" y2="11" {}
            text.legend x=(coord(LEFT + 224.0)) y="15" { "the plan's target" }
            text.legend x=(coord(LEFT + 360.0)) y="15" { "P: P(feasible) of the target by then" }
            (y_grid(&y, (LEFT, RIGHT), &money_ticks))
            @if let Some(title) = &title {
                (y_title(&y, title))
            }
            @for (((i, p), value), spot) in points.iter().enumerate().zip(&values).zip(&placed.values) {
                @let middle = bar_middle(i, points.len());
                @let bar = bar_box(i, points.len(), y.at(p.realistic_target));
                rect class=(if p.days == own_days { "realistic own" } else { "realistic" })
                    x=(coord(bar.left)) y=(coord(bar.top)) width=(coord(bar.right - bar.left))
                    height=(coord(bar.bottom - bar.top)) {}
                text.value x=(coord(spot.x)) y=(coord(spot.y))
                    text-anchor=(spot.anchor.attribute()) { (value) }
                text.tick x=(coord(middle)) y=(coord(BASE + 17.0)) text-anchor="middle" {
                    (days(p.days)) @if p.days == own_days { " (plan)" }
                }
                text.odds x=(coord(middle)) y=(coord(BASE + 35.0)) text-anchor="middle" {
                    "P " (p_beside_verdict(p.p_feasible, confidence))
                }
            }
            line.axis x1=(coord(LEFT)) x2=(coord(RIGHT)) y1=(coord(BASE)) y2=(coord(BASE)) {}
            line.required x1=(coord(LEFT)) x2=(coord(RIGHT)) y1=(coord(target_y))
                y2=(coord(target_y)) {}
            // A halo keeps the label legible where it lies over a bar.
            text.target.halo x=(coord(placed.target.x)) y=(coord(placed.target.y))
                text-anchor=(placed.target.anchor.attribute()) {
                (target_label)
            }
        }
    }
}

/// The chart's vertical scale: from 0 at the axis to a little above the highest bar or the
/// target, whichever is higher.
fn y_scale(points: &[FrontierPoint], target: f64) -> Scale {
    let highest = largest_finite(points.iter().map(|p| p.realistic_target).chain([target])) * 1.12;
    Scale::new((0.0, highest), (BASE, TOP))
}

/// The width of each of `count` bars' equal slots across the chart.
fn slot_width(count: usize) -> f64 {
    (RIGHT - LEFT) / count.max(1) as f64
}

/// The x of the middle of bar `i` of `count`.
fn bar_middle(i: usize, count: usize) -> f64 {
    LEFT + slot_width(count) * (i as f64 + 0.5)
}

/// The box of bar `i` of `count`, from `top` down to the axis: the middle 60% of its slot.
fn bar_box(i: usize, count: usize, top: f64) -> Extent {
    let (middle, half) = (bar_middle(i, count), slot_width(count) * 0.3);
    Extent {
        left: middle - half,
        right: middle + half,
        top,
        bottom: BASE,
    }
}

/// Each bar's value label to place, from its point and its `values` text (`own_days` the
/// plan's own horizon).
fn value_labels(
    points: &[FrontierPoint],
    y: &Scale,
    values: &[String],
    own_days: u32,
) -> Vec<ValueLabel> {
    points
        .iter()
        .zip(values)
        .enumerate()
        .map(|(i, (p, text))| ValueLabel {
            middle: bar_middle(i, points.len()),
            bar: bar_box(i, points.len(), y.at(p.realistic_target)),
            own: p.days == own_days,
            width: text_width(text, VALUE_SIZE),
        })
        .collect()
}

/// A bar's value label still to be placed: the middle of its bar, the bar's box, the text's
/// width, in SVG units, and whether it is the plan's own horizon's bar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ValueLabel {
    /// The x of the bar's middle.
    pub middle: f64,
    /// The bar's box.
    pub bar: Extent,
    /// How wide the value's text is.
    pub width: f64,
    /// Whether it is the plan's own horizon's bar, drawn dark: the target's label, whose
    /// halo keeps it legible over the others, never lies over it.
    pub own: bool,
}

/// Where a label is written: the x that `anchor` names, and the baseline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spot {
    /// The x coordinate.
    pub x: f64,
    /// The baseline's y.
    pub y: f64,
    /// Which point of the text `x` is.
    pub anchor: Anchor,
}

/// Where the frontier chart's labels go.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// Each bar's value, in the bars' order.
    pub values: Vec<Spot>,
    /// The target's label.
    pub target: Spot,
}

/// Places the labels so that no text meets another, the target line or the axis labels. Each
/// bar's value goes just above its bar, or just above the target line where the line would
/// strike it through. The target's label (`target_width` wide, on the line at `line_y`) goes
/// to the first of: the line's left end above it (where the shortest horizons' bars are
/// lowest), the left end below it, the right end above, the right end below, then the same a
/// label's height farther from the line each time, that meets no value and not the plan's own
/// bar (a ten-year plan's, at the right end, lay under it) and stays between the legend and
/// the axis; to the first if none does.
pub fn place_labels(bars: &[ValueLabel], line_y: f64, target_width: f64) -> Placement {
    // The line's stroke and a unit of clearance on either side.
    let line = Extent {
        left: LEFT,
        right: RIGHT,
        top: line_y - 2.0,
        bottom: line_y + 2.0,
    };
    let value_box =
        |v: &ValueLabel, y: f64| Extent::of_text(v.middle, y, Anchor::Middle, v.width, VALUE_SIZE);
    let values: Vec<Spot> = bars
        .iter()
        .map(|v| {
            let above_bar = v.bar.top - GAP;
            let struck = value_box(v, above_bar).overlaps(&line);
            Spot {
                x: v.middle,
                y: if struck { line_y - GAP } else { above_bar },
                anchor: Anchor::Middle,
            }
        })
        .collect();
    let taken: Vec<Extent> = bars
        .iter()
        .zip(&values)
        .map(|(v, spot)| value_box(v, spot.y))
        .chain(bars.iter().filter(|v| v.own).map(|v| v.bar))
        .collect();
    let frame = Extent {
        left: LEFT,
        right: RIGHT,
        top: BELOW_LEGEND,
        bottom: BASE,
    };
    let above = line_y - GAP;
    // As far below the line as `above` is above it: the gap, then the capitals' height.
    let below = line_y + GAP + 0.7 * TARGET_SIZE;
    // A label's height (its box's, [`Extent::of_text`]): the step away from the line.
    let step = 1.2 * TARGET_SIZE;
    // At least one row: its first spot is where the label goes when none is free.
    let rows = (((BASE - BELOW_LEGEND) / step).ceil() as usize).max(1);
    let candidates: Vec<Spot> = (0..rows)
        .flat_map(|row| {
            let away = row as f64 * step;
            [
                (LEFT + 4.0, above - away, Anchor::Start),
                (LEFT + 4.0, below + away, Anchor::Start),
                (RIGHT - 4.0, above - away, Anchor::End),
                (RIGHT - 4.0, below + away, Anchor::End),
            ]
            .map(|(x, y, anchor)| Spot { x, y, anchor })
        })
        .collect();
    let free = |spot: &Spot| {
        let label = Extent::of_text(spot.x, spot.y, spot.anchor, target_width, TARGET_SIZE);
        label.inside(&frame) && !taken.iter().any(|t| t.overlaps(&label))
    };
    let target = candidates
        .iter()
        .copied()
        .find(free)
        .unwrap_or(candidates[0]);
    Placement { values, target }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::format::money;

    /// The frontier of a plan whose realistic targets by horizon are `values`.
    fn points(values: &[f64]) -> Vec<FrontierPoint> {
        values
            .iter()
            .enumerate()
            .map(|(i, &realistic_target)| FrontierPoint {
                days: 30 * (i as u32 + 1),
                p_feasible: 0.5,
                realistic_target,
                required_capture_p50: 0.1,
            })
            .collect()
    }

    /// The anecdote's realistic targets at 30, 60, 90, 180, 365 and 730 days.
    const ANECDOTE: [f64; 6] = [90.1e3, 195e3, 315e3, 748e3, 1.97e6, 5.73e6];

    /// The labels of the chart of `values` against `target`, placed, with the boxes they take:
    /// the values' boxes, the target label's box and the line's y.
    fn placed(values: &[f64], target: f64) -> (Placement, Vec<Extent>, Extent, f64) {
        placed_with_own(values, target, 0)
    }

    /// [`placed`], the bar of `own_days` the plan's own.
    fn placed_with_own(
        values: &[f64],
        target: f64,
        own_days: u32,
    ) -> (Placement, Vec<Extent>, Extent, f64) {
        let points = points(values);
        let y = y_scale(&points, target);
        let texts: Vec<String> = values.iter().map(|v| money(*v, "USD")).collect();
        let labels = value_labels(&points, &y, &texts, own_days);
        let target_width = text_width(&format!("target {}", money(target, "USD")), TARGET_SIZE);
        let placement = place_labels(&labels, y.at(target), target_width);
        let value_boxes = labels
            .iter()
            .zip(&placement.values)
            .map(|(l, s)| Extent::of_text(s.x, s.y, s.anchor, l.width, VALUE_SIZE))
            .collect();
        let t = placement.target;
        let target_box = Extent::of_text(t.x, t.y, t.anchor, target_width, TARGET_SIZE);
        (placement, value_boxes, target_box, y.at(target))
    }

    #[test]
    fn the_target_label_stays_at_the_left_end_above_its_line_when_nothing_is_there() {
        let (placement, ..) = placed(&ANECDOTE, 3e6);
        let line_y = y_scale(&points(&ANECDOTE), 3e6).at(3e6);
        assert_eq!(
            placement.target,
            Spot {
                x: LEFT + 4.0,
                y: line_y - GAP,
                anchor: Anchor::Start
            }
        );
    }

    #[test]
    fn the_target_label_leaves_the_first_bars_value_readable() {
        // A target of $100k puts the line just above the 30-day bar of $90.1k, where the
        // label at the line's left end used to be written over "$90.1k".
        let (placement, values, target, _) = placed(&ANECDOTE, 100e3);
        assert!(
            !values[0].overlaps(&target),
            "{target:?} meets {:?}",
            values[0]
        );
        assert_ne!(placement.target.x, LEFT + 4.0, "moved off the left end");
    }

    #[test]
    fn the_target_label_goes_under_its_line_at_the_left_end_when_a_value_sits_above_it() {
        // A target of $2.05M just above the 30-day bar of $2M: that bar's value moves above
        // the line, where the label would start, so the label goes under the line at its left
        // end, as far below the line as it would have been above it.
        let (placement, values, target, line_y) = placed(&[2e6, 2.5e6, 3e6], 2.05e6);
        assert_eq!(
            placement.values[0].y,
            line_y - GAP,
            "the value moved above the line"
        );
        assert!(
            !values[0].overlaps(&target),
            "{target:?} meets {:?}",
            values[0]
        );
        assert_eq!(placement.target.x, LEFT + 4.0, "{:?}", placement.target);
        assert_eq!(placement.target.anchor, Anchor::Start);
        let gap_above = GAP;
        let capitals_below = placement.target.y - 0.7 * TARGET_SIZE - line_y;
        assert!(
            (capitals_below - gap_above).abs() < 1e-9,
            "{:?} under the line at {line_y}",
            placement.target
        );
    }

    #[test]
    fn a_value_the_target_line_would_strike_through_moves_above_the_line() {
        // $19.3M just under a $20M target: the line ran through the bar's value.
        let values = [216e3, 452e3, 708e3, 1.58e6, 3.85e6, 10.2e6, 19.3e6];
        let (placement, boxes, _, line_y) = placed(&values, 20e6);
        let last = boxes[6];
        assert!(
            last.bottom < line_y - 1.0,
            "{last:?} above the line at {line_y}"
        );
        assert_eq!(placement.values[6].y, line_y - GAP);
        let bar_top = y_scale(&points(&values), 20e6).at(3.85e6);
        assert_eq!(placement.values[4].y, bar_top - GAP, "the others stay");
    }

    #[test]
    fn the_target_label_never_lies_over_the_plans_own_bar() {
        // A ten-year plan (its bar the seventh, 210 days here): its bar of $92.4M rose
        // through the label at the line's right end, where the short horizons' values took
        // the left end.
        let values = [90.1e3, 195e3, 314e3, 747e3, 1.96e6, 5.72e6, 92.4e6];
        let (_, _, label, _) = placed_with_own(&values, 3e6, 210);
        let y = y_scale(&points(&values), 3e6);
        let own = bar_box(6, values.len(), y.at(92.4e6));
        assert!(!own.overlaps(&label), "{label:?} over {own:?}");
    }

    #[test]
    fn the_target_label_never_goes_below_the_axis() {
        // A target near 0: below its line is the days' labels' place.
        let (_, _, target, _) = placed(&ANECDOTE, 5e3);
        assert!(target.bottom <= BASE, "{target:?}");
    }

    #[test]
    fn no_label_meets_another_or_the_target_line_wherever_the_target_lies() {
        let plans: [&[f64]; 3] = [
            &ANECDOTE,
            &[104e3, 218e3, 343e3, 779e3, 1.98e6, 5.7e6, 11.6e6],
            &[232e3, 521e3, 868e3, 2.24e6, 5.94e6, 12.6e6],
        ];
        let frame = Extent {
            left: LEFT,
            right: RIGHT,
            top: BELOW_LEGEND,
            bottom: BASE,
        };
        for values in plans {
            let highest = values[values.len() - 1];
            for step in 1..=600 {
                let target = highest * step as f64 / 400.0;
                let (_, boxes, label, line_y) = placed(values, target);
                let line = Extent {
                    left: LEFT,
                    right: RIGHT,
                    top: line_y - 1.0,
                    bottom: line_y + 1.0,
                };
                assert!(label.inside(&frame), "target {target}: {label:?}");
                assert!(!label.overlaps(&line), "target {target}: label on its line");
                for (i, value) in boxes.iter().enumerate() {
                    assert!(
                        !value.overlaps(&label),
                        "target {target}: bar {i} and target"
                    );
                    assert!(
                        !value.overlaps(&line),
                        "target {target}: line through bar {i}"
                    );
                    for other in &boxes[i + 1..] {
                        assert!(!value.overlaps(other), "target {target}: bar {i}");
                    }
                }
            }
        }
    }
}
