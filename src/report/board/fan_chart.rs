//! The report's fan chart of the time path: cumulative achievable revenue from day 0 to the
//! horizon as a P10–P90 band with its median, beside the straight line the target requires.

use maud::{Markup, html};

use super::svg::{Scale, WIDTH, coord, money_axis, points, x_axis, y_grid, y_title};
use crate::model::time_path::TimePoint;
use crate::report::axis::{largest_finite, ticks};

const HEIGHT: f64 = 270.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = WIDTH - 20.0;
const TOP: f64 = 34.0;
const BASE: f64 = HEIGHT - 34.0;

/// The time path `path` (its checkpoints, the last at `horizon_days`) as a fan chart, with the
/// required line up to `target`; money in `currency`.
pub fn chart(path: &[TimePoint], target: f64, horizon_days: u32, currency: &str) -> Markup {
    let days = f64::from(horizon_days);
    let highest = largest_finite(
        path.iter()
            .flat_map(|p| [p.p90, p.required])
            .chain([target]),
    ) * 1.05;
    let x = Scale::new((0.0, days), (LEFT, RIGHT));
    let y = Scale::new((0.0, highest), (BASE, TOP));
    // Every cumulative figure is 0 on day 0.
    let at = |pick: fn(&TimePoint) -> f64| {
        std::iter::once((x.at(0.0), y.at(0.0)))
            .chain(path.iter().map(|p| (x.at(f64::from(p.day)), y.at(pick(p)))))
            .collect::<Vec<_>>()
    };
    let mut band = at(|p| p.p90);
    band.extend(at(|p| p.p10).into_iter().rev());
    // Whole days only: a horizon of a few days has no tick at day 0.2.
    let day_ticks: Vec<(f64, String)> = ticks(0.0, days, 6)
        .into_iter()
        .filter(|d| d.fract() == 0.0)
        .map(|d| (d, format!("day {d}")))
        .collect();
    let (money_ticks, title) = money_axis(ticks(0.0, highest, 5), currency, LEFT);
    html! {
        svg.chart viewBox={"0 0 " (WIDTH) " " (HEIGHT)} role="img"
            aria-label="Time path: cumulative achievable revenue, P10 to P90, and the required line"
        {
            (legend())
            (y_grid(&y, (LEFT, RIGHT), &money_ticks))
            @if let Some(title) = &title {
                (y_title(&y, title))
            }
            polygon.band points=(points(band)) {}
            polyline.median points=(points(at(|p| p.p50))) {}
            polyline.required points=(points(at(|p| p.required))) {}
            (x_axis(&x, BASE, &day_ticks))
        }
    }
}

/// What the band and the two lines are.
fn legend() -> Markup {
    html! {
        rect.swatch.band x=(coord(LEFT)) y="6" width="14" height="10" {}
        text.legend x=(coord(LEFT + 18.0)) y="15" { "achievable, P10–P90" }
        line.median x1=(coord(LEFT + 170.0)) x2=(coord(LEFT + 190.0)) y1="11" y2="11" {}
        text.legend x=(coord(LEFT + 194.0)) y="15" { "achievable, P50" }
        line.required x1=(coord(LEFT + 320.0)) x2=(coord(LEFT + 340.0)) y1="11" y2="11" {}
        text.legend x=(coord(LEFT + 344.0)) y="15" { "required (a straight line to the target)" }
    }
}
