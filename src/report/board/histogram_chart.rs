//! The report's histogram of achievable revenue, with the target marked: the samples that
//! reach the target in another colour, so the share that make it can be seen at a glance.

use maud::{Markup, html};

use super::svg::{Scale, WIDTH, coord, money_ticks_x, x_axis, x_title};
use crate::report::axis::ticks;
use crate::report::format::PlanMoney;
use crate::report::histogram::{Histogram, Place};

const HEIGHT: f64 = 230.0;
const LEFT: f64 = 16.0;
const RIGHT: f64 = WIDTH - 16.0;
const TOP: f64 = 30.0;
const BASE: f64 = HEIGHT - 34.0;

/// The histogram `h` of achievable revenue as SVG, with a line (or, when it lies outside the
/// drawn range, an arrow at that edge) at `target`; money as `plan` shows it.
pub fn chart(h: &Histogram, target: f64, plan: PlanMoney) -> Markup {
    let currency = plan.currency;
    let x = Scale::new((h.low, h.high), (LEFT, RIGHT));
    let tallest = h.counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let y = Scale::new((0.0, tallest), (BASE, TOP));
    let width = (h.high - h.low) / h.counts.len().max(1) as f64;
    let (tick_marks, currency_title) = money_ticks_x(ticks(h.low, h.high, 6), currency, &x);
    html! {
        svg.chart viewBox={"0 0 " (WIDTH) " " (HEIGHT)} role="img"
            aria-label="Histogram of achievable revenue across the samples, with the target" {
            @for (i, (&count, &reaching)) in h.counts.iter().zip(&h.reaching).enumerate() {
                @let start = h.low + i as f64 * width;
                @let (x0, x1) = (x.at(start), x.at(start + width));
                @let (bar_x, bar_width) = (coord(x0 + 0.5), coord((x1 - x0 - 1.0).max(0.5)));
                // The samples that reach the target at the bottom (green), the rest above them:
                // the bar the target line crosses holds some of each.
                @let split = y.at(reaching as f64);
                @let top = y.at(count as f64);
                @if reaching > 0 {
                    rect.bar.reaches x=(bar_x) y=(coord(split)) width=(bar_width)
                        height=(coord(BASE - split)) {}
                }
                @if count > reaching {
                    rect.bar x=(bar_x) y=(coord(top)) width=(bar_width)
                        height=(coord(split - top)) {}
                }
            }
            (x_axis(&x, BASE, &tick_marks))
            @if let Some(title) = &currency_title {
                (x_title(&x, BASE, title))
            }
            (target_mark(&x, h, target, plan))
        }
    }
}

/// The target as a vertical line with its label, or an arrow at the edge it lies beyond.
fn target_mark(x: &Scale, h: &Histogram, target: f64, plan: PlanMoney) -> Markup {
    let label = format!("target {}", plan.money(target));
    match h.place(target) {
        Place::Beyond => html! {
            text.target x=(coord(RIGHT)) y=(coord(TOP - 12.0)) text-anchor="end" {
                (label) " →"
            }
        },
        Place::Below => html! {
            text.target x=(coord(LEFT)) y=(coord(TOP - 12.0)) text-anchor="start" {
                "← " (label)
            }
        },
        Place::Within => {
            let at = x.at(target);
            let anchor = if at < LEFT + 70.0 {
                "start"
            } else if at > RIGHT - 70.0 {
                "end"
            } else {
                "middle"
            };
            html! {
                line.target x1=(coord(at)) x2=(coord(at)) y1=(coord(TOP - 8.0)) y2=(coord(BASE)) {}
                text.target x=(coord(at)) y=(coord(TOP - 12.0)) text-anchor=(anchor) { (label) }
            }
        }
    }
}
