//! The report's frontier chart: the realistic target by horizon as bars, the plan's target as a
//! line across them, and P(feasible) of the plan's target under each horizon, so "not 3M in 90
//! days, but by month 16" can be read off one picture.

use maud::{Markup, html};

use super::svg::{Scale, WIDTH, coord, largest_finite, ticks, y_grid};
use crate::model::frontier::FrontierPoint;
use crate::report::format::{days, money, probability, realistic_money};

const HEIGHT: f64 = 280.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = WIDTH - 20.0;
const TOP: f64 = 34.0;
const BASE: f64 = HEIGHT - 58.0;

/// The frontier `points` as bars of the realistic target (the scenario's own horizon,
/// `own_days`, marked), the `target` as a line labelled at its left end, where the bars of the
/// shortest horizons are lowest; money in `currency`.
pub fn chart(points: &[FrontierPoint], target: f64, own_days: u32, currency: &str) -> Markup {
    let highest = largest_finite(points.iter().map(|p| p.realistic_target).chain([target])) * 1.12;
    let y = Scale::new((0.0, highest), (BASE, TOP));
    let slot = (RIGHT - LEFT) / points.len().max(1) as f64;
    let money_ticks: Vec<(f64, String)> = ticks(0.0, highest, 5)
        .into_iter()
        .map(|v| (v, money(v, currency)))
        .collect();
    let target_y = y.at(target);
    html! {
        svg.chart viewBox={"0 0 " (WIDTH) " " (HEIGHT)} role="img"
            aria-label="Frontier: the realistic target and P(feasible) of the target by horizon" {
            rect.swatch.realistic x=(coord(LEFT)) y="6" width="14" height="10" {}
            text.legend x=(coord(LEFT + 18.0)) y="15" { "realistic target by then" }
            line.required x1=(coord(LEFT + 200.0)) x2=(coord(LEFT + 220.0)) y1="11" y2="11" {}
            text.legend x=(coord(LEFT + 224.0)) y="15" { "the plan's target" }
            text.legend x=(coord(LEFT + 360.0)) y="15" { "P: P(feasible) of the target by then" }
            (y_grid(&y, (LEFT, RIGHT), &money_ticks))
            @for (i, p) in points.iter().enumerate() {
                @let middle = LEFT + slot * (i as f64 + 0.5);
                @let top = y.at(p.realistic_target);
                rect class=(if p.days == own_days { "realistic own" } else { "realistic" })
                    x=(coord(middle - slot * 0.3)) y=(coord(top)) width=(coord(slot * 0.6))
                    height=(coord(BASE - top)) {}
                text.value x=(coord(middle)) y=(coord(top - 5.0)) text-anchor="middle" {
                    (realistic_money(p.realistic_target, currency))
                }
                text.tick x=(coord(middle)) y=(coord(BASE + 17.0)) text-anchor="middle" {
                    (days(p.days)) @if p.days == own_days { " (plan)" }
                }
                text.odds x=(coord(middle)) y=(coord(BASE + 35.0)) text-anchor="middle" {
                    "P " (probability(p.p_feasible))
                }
            }
            line.axis x1=(coord(LEFT)) x2=(coord(RIGHT)) y1=(coord(BASE)) y2=(coord(BASE)) {}
            line.required x1=(coord(LEFT)) x2=(coord(RIGHT)) y1=(coord(target_y))
                y2=(coord(target_y)) {}
            text.target x=(coord(LEFT + 4.0)) y=(coord(target_y - 5.0)) text-anchor="start" {
                "target " (money(target, currency))
            }
        }
    }
}
