//! The building blocks of the board report's charts: linear scales, axes (their round values
//! from [`axis`](crate::report::axis)) and coordinates written with one decimal, so that a
//! chart's SVG is small and reads the same on every machine. The charts are hand-written SVG,
//! styled by the page's CSS classes (so print colours live in one stylesheet) and escaped by
//! the template engine like the rest of the page.

use maud::{Markup, html};

use crate::report::format::{tick_amount, tick_money};

/// The width of every chart's drawing, in SVG user units (the page scales it to fit).
pub const WIDTH: f64 = 720.0;

/// Maps a domain interval linearly onto a range of SVG coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// The values at the two ends.
    pub domain: (f64, f64),
    /// The coordinates of the two ends.
    pub range: (f64, f64),
}

impl Scale {
    /// A scale from `domain` onto `range`.
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Scale {
        Scale { domain, range }
    }

    /// The coordinate of `x`; the middle of the range for an empty or non-finite domain, and
    /// the nearer end for a value outside the domain (a chart never draws off its frame).
    pub fn at(&self, x: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        let span = d1 - d0;
        if !(span.is_finite() && span > 0.0) || x.is_nan() {
            return (r0 + r1) / 2.0;
        }
        let t = ((x - d0) / span).clamp(0.0, 1.0);
        r0 + t * (r1 - r0)
    }
}

/// A coordinate as SVG reads it: one decimal, no `-0.0`.
pub fn coord(x: f64) -> String {
    let text = format!("{x:.1}");
    if text == "-0.0" {
        "0.0".to_string()
    } else {
        text
    }
}

/// The font size of an axis's tick labels (`svg .tick` in style.css).
pub const TICK_SIZE: f64 = 11.0;

/// A horizontal axis at `y`: a line along the scale's range, and at each tick a mark and its
/// label below, centred on the mark where it fits (see [`tick_label_x`]).
pub fn x_axis(scale: &Scale, y: f64, ticks: &[(f64, String)]) -> Markup {
    html! {
        line.axis x1=(coord(scale.range.0)) x2=(coord(scale.range.1)) y1=(coord(y)) y2=(coord(y)) {}
        @for (value, label) in ticks {
            @let x = scale.at(*value);
            @let label_x = tick_label_x(x, text_width(label, TICK_SIZE));
            line.axis x1=(coord(x)) x2=(coord(x)) y1=(coord(y)) y2=(coord(y + 4.0)) {}
            text.tick x=(coord(label_x)) y=(coord(y + 17.0)) text-anchor="middle" { (label) }
        }
    }
}

/// The middle of a tick's label `width` wide: the tick's `x`, or as little beside it as keeps
/// the label inside the chart, so "day 1000" on the last tick is not cut at the edge.
pub fn tick_label_x(x: f64, width: f64) -> f64 {
    // Room for a label's capital letters, wider than the figures `text_width` measures by.
    let half = width / 2.0 + 2.0;
    if 2.0 * half >= WIDTH {
        return WIDTH / 2.0;
    }
    x.clamp(half, WIDTH - half)
}

/// A vertical money axis left of a plot that starts at `left`: its ticks at `values` in
/// `currency` where every label fits left of the plot (`$10M`, `7.5M CHF`), else as amounts
/// (`200M`) with the currency as the axis's title, turned along it at the chart's left edge
/// (`200M Swiss francs` ran past that edge, leaving `wiss francs` and no amount).
pub fn money_axis(
    values: Vec<f64>,
    currency: &str,
    left: f64,
) -> (Vec<(f64, String)>, Option<String>) {
    let room = left - 6.0 - 2.0;
    let with_currency: Vec<(f64, String)> = values
        .iter()
        .map(|v| (*v, tick_money(*v, currency)))
        .collect();
    if with_currency
        .iter()
        .all(|(_, label)| text_width(label, TICK_SIZE) <= room)
    {
        return (with_currency, None);
    }
    let amounts = values.into_iter().map(|v| (v, tick_amount(v))).collect();
    (amounts, Some(currency.to_string()))
}

/// A horizontal money axis's ticks at `values` on `scale`: in `currency` where every label fits
/// the room between two ticks (`$10M`, `7.5M CHF`), else as amounts (`200M`), the currency
/// then said once, under the axis ([`x_title`]): `100k Swiss francs` on every tick ran into
/// the next ("0 Swiss franc100k Swiss franc200k…").
pub fn money_ticks_x(
    values: Vec<f64>,
    currency: &str,
    scale: &Scale,
) -> (Vec<(f64, String)>, Option<String>) {
    let with_currency: Vec<(f64, String)> = values
        .iter()
        .map(|v| (*v, tick_money(*v, currency)))
        .collect();
    // Where [`x_axis`] puts each label: its left and right ends.
    let ends = |(value, label): &(f64, String)| {
        let width = text_width(label, TICK_SIZE);
        let middle = tick_label_x(scale.at(*value), width);
        (middle - width / 2.0, middle + width / 2.0)
    };
    let apart = with_currency
        .windows(2)
        .all(|pair| ends(&pair[0]).1 + 8.0 <= ends(&pair[1]).0);
    if apart {
        return (with_currency, None);
    }
    let amounts = values.into_iter().map(|v| (v, tick_amount(v))).collect();
    (amounts, Some(currency.to_string()))
}

/// A horizontal axis's `title` (the currency its amounts are in), under its tick labels at the
/// axis's right end; `y` is the axis's.
pub fn x_title(scale: &Scale, y: f64, title: &str) -> Markup {
    html! {
        text.tick x=(coord(scale.range.1)) y=(coord(y + 30.0)) text-anchor="end" { (title) }
    }
}

/// A vertical axis's `title`, turned along the axis at the chart's left edge, centred on the
/// scale's range.
pub fn y_title(scale: &Scale, title: &str) -> Markup {
    let (x, y) = (coord(12.0), coord((scale.range.0 + scale.range.1) / 2.0));
    html! {
        text.tick x=(x) y=(y) text-anchor="middle" transform={"rotate(-90 " (x) " " (y) ")"} { (title) }
    }
}

/// Horizontal grid lines across `x_range` at each tick of a vertical scale, labelled at the
/// left end.
pub fn y_grid(scale: &Scale, x_range: (f64, f64), ticks: &[(f64, String)]) -> Markup {
    html! {
        @for (value, label) in ticks {
            @let y = coord(scale.at(*value));
            line.grid x1=(coord(x_range.0)) x2=(coord(x_range.1)) y1=(y) y2=(y) {}
            text.tick x=(coord(x_range.0 - 6.0)) y=(y) dy="4" text-anchor="end" { (label) }
        }
    }
}

/// Which point of a text its x coordinate names, as SVG's `text-anchor` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// x is where the text starts.
    Start,
    /// x is the text's middle.
    Middle,
    /// x is where the text ends.
    End,
}

impl Anchor {
    /// The value of the `text-anchor` attribute.
    pub fn attribute(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A guess at the width of `text` in a font of `size` units, on the wide side: 0.66 of the size
/// a character, where DejaVu Sans (the widest of the page's fonts) measures 0.64 for a figure
/// and 0.63 for the bold target label in Chromium; a direction mark (the one after a currency
/// written right to left, [`super::currency_on_page`]) takes none.
pub fn text_width(text: &str, size: f64) -> f64 {
    let shown = text.chars().filter(|c| !crate::text::direction_mark(*c));
    shown.count() as f64 * size * 0.66
}

/// The box a line of text (or any rectangle) takes, in SVG units; y grows downwards.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extent {
    /// The left edge.
    pub left: f64,
    /// The right edge.
    pub right: f64,
    /// The top edge.
    pub top: f64,
    /// The bottom edge.
    pub bottom: f64,
}

impl Extent {
    /// The box of a text `width` wide in a font of `size`, written at `x` (the point `anchor`
    /// names) on the baseline `y`: from the font's ascent above the baseline (0.95 of the size)
    /// to its descent below (0.25), as Chromium's bounding box of DejaVu Sans has it.
    pub fn of_text(x: f64, y: f64, anchor: Anchor, width: f64, size: f64) -> Extent {
        let left = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - width / 2.0,
            Anchor::End => x - width,
        };
        Extent {
            left,
            right: left + width,
            top: y - 0.95 * size,
            bottom: y + 0.25 * size,
        }
    }

    /// Whether the two boxes share some area (boxes that only touch do not).
    pub fn overlaps(&self, other: &Extent) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }

    /// Whether the box lies wholly inside `frame`.
    pub fn inside(&self, frame: &Extent) -> bool {
        self.left >= frame.left
            && self.right <= frame.right
            && self.top >= frame.top
            && self.bottom <= frame.bottom
    }
}

/// A polyline's `points` attribute from (x, y) coordinates.
pub fn points(xy: impl IntoIterator<Item = (f64, f64)>) -> String {
    xy.into_iter()
        .map(|(x, y)| format!("{},{}", coord(x), coord(y)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_money_axis_whose_labels_do_not_fit_names_its_currency_once() {
        // `200M Swiss francs` right-aligned 64 units in was cut at the chart's edge.
        let values = vec![0.0, 100e6, 200e6];
        let (ticks, title) = money_axis(values.clone(), "Swiss francs", 70.0);
        assert_eq!(title.as_deref(), Some("Swiss francs"));
        assert_eq!(ticks[2], (200e6, "200M".to_string()));
        let (ticks, title) = money_axis(values.clone(), "USD", 70.0);
        assert_eq!((ticks[2].1.as_str(), title), ("$200M", None));
        let (ticks, title) = money_axis(values, "CHF", 70.0);
        assert_eq!((ticks[2].1.as_str(), title), ("200M CHF", None));
        let turned = y_title(&Scale::new((0.0, 1.0), (200.0, 40.0)), "Swiss francs").into_string();
        assert!(turned.contains("rotate(-90 12.0 120.0)"), "{turned}");
    }

    #[test]
    fn a_scale_maps_ends_to_ends_and_keeps_values_inside_the_frame() {
        let s = Scale::new((0.0, 10.0), (100.0, 300.0));
        assert_eq!(s.at(0.0), 100.0);
        assert_eq!(s.at(5.0), 200.0);
        assert_eq!(s.at(20.0), 300.0);
        assert_eq!(s.at(f64::INFINITY), 300.0);
        let flipped = Scale::new((0.0, 1.0), (200.0, 20.0));
        assert_eq!(flipped.at(1.0), 20.0);
        assert_eq!(Scale::new((1.0, 1.0), (0.0, 10.0)).at(1.0), 5.0);
    }

    #[test]
    fn text_boxes_meet_only_where_they_share_area() {
        let word = Extent::of_text(100.0, 50.0, Anchor::Middle, 40.0, 10.0);
        assert_eq!(
            word,
            Extent {
                left: 80.0,
                right: 120.0,
                top: 40.5,
                bottom: 52.5
            }
        );
        let right_of_it = Extent::of_text(120.0, 50.0, Anchor::Start, 40.0, 10.0);
        assert!(!word.overlaps(&right_of_it), "touching is not meeting");
        assert!(
            !right_of_it.overlaps(&word),
            "touching is not meeting, either way round"
        );
        let under_it = Extent {
            top: word.bottom,
            bottom: word.bottom + 12.0,
            ..word
        };
        assert!(
            !word.overlaps(&under_it) && !under_it.overlaps(&word),
            "nor one line on the next"
        );
        let ending_inside = Extent::of_text(110.0, 45.0, Anchor::End, 40.0, 10.0);
        assert!(word.overlaps(&ending_inside) && ending_inside.overlaps(&word));
        let frame = Extent {
            left: 0.0,
            right: 200.0,
            top: 0.0,
            bottom: 52.5,
        };
        assert!(word.inside(&frame));
        assert!(!Extent::of_text(100.0, 51.0, Anchor::Middle, 40.0, 10.0).inside(&frame));
    }

    #[test]
    fn a_tick_label_at_the_charts_edge_moves_inside_it() {
        // The last day tick of a 1000-day time path sits at x 700 of 720; centred on it,
        // "day 1000" ran 6 units past the edge and read "day 100".
        let width = text_width("day 1000", TICK_SIZE);
        let x = tick_label_x(700.0, width);
        assert!(
            Extent::of_text(x, 0.0, Anchor::Middle, width, TICK_SIZE).right <= WIDTH + 1e-9,
            "{x}"
        );
        let first = tick_label_x(16.0, text_width("12M CHF", TICK_SIZE));
        assert!(
            first - text_width("12M CHF", TICK_SIZE) / 2.0 >= -1e-9,
            "{first}"
        );
        assert_eq!(tick_label_x(300.0, width), 300.0, "a label with room stays");
        assert_eq!(tick_label_x(16.0, text_width("$0", TICK_SIZE)), 16.0);
    }

    #[test]
    fn a_tick_label_moves_off_its_tick_only_as_far_as_the_edge_needs() {
        // "day 1000" at x 700 ends at the chart's edge, less the 2 units for its capitals,
        // and no further left of its tick; "12M CHF" at x 16 likewise starts 2 from the left.
        let width = text_width("day 1000", TICK_SIZE);
        let right = tick_label_x(700.0, width) + width / 2.0;
        assert!((right - (WIDTH - 2.0)).abs() < 1e-9, "ends at {right}");
        let width = text_width("12M CHF", TICK_SIZE);
        let left = tick_label_x(16.0, width) - width / 2.0;
        assert!((left - 2.0).abs() < 1e-9, "starts at {left}");
    }

    #[test]
    fn a_tick_label_wider_than_the_chart_is_centred_on_it() {
        // A currency written out long enough: no x keeps it inside, so it is centred.
        let width = text_width(&format!("12M {}", "Swiss francs ".repeat(9)), TICK_SIZE);
        assert!(width > WIDTH, "{width}");
        assert_eq!(tick_label_x(100.0, width), WIDTH / 2.0);
        assert_eq!(tick_label_x(700.0, width), WIDTH / 2.0);
    }

    #[test]
    fn a_text_is_measured_a_little_wider_than_chromium_draws_it() {
        // DejaVu Sans, the widest of the page's fonts, draws a figure 0.64 of the font size
        // wide in Chromium: the layout keeps labels apart by a measure just above that, so a
        // measure below it lets labels meet on the page, and one far above pushes them about.
        let drawn = 10.0 * 0.64 * TICK_SIZE;
        let measured = text_width("1234567890", TICK_SIZE);
        assert!(
            measured >= drawn && measured <= 1.05 * drawn,
            "{measured} for {drawn}"
        );
        assert_eq!(text_width("", TICK_SIZE), 0.0);
    }

    #[test]
    fn coordinates_have_one_decimal() {
        assert_eq!(coord(12.345), "12.3");
        assert_eq!(coord(-0.01), "0.0");
        assert_eq!(points([(1.0, 2.0), (3.26, 4.0)]), "1.0,2.0 3.3,4.0");
    }
}
