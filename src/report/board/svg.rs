//! The building blocks of the board report's charts: linear scales, round-numbered ticks and
//! coordinates written with one decimal, so that a chart's SVG is small and reads the same on
//! every machine. The charts are hand-written SVG, styled by the page's CSS classes (so print
//! colours live in one stylesheet) and escaped by the template engine like the rest of the page.

use maud::{Markup, html};

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

/// About `count` round values (1, 2, 2.5 or 5 times a power of ten apart) from `low` to `high`
/// inclusive; empty for an empty or non-finite interval.
pub fn ticks(low: f64, high: f64, count: usize) -> Vec<f64> {
    let span = high - low;
    if !(span.is_finite() && span > 0.0) || count == 0 {
        return Vec::new();
    }
    let rough = span / count as f64;
    let power = 10f64.powf(rough.log10().floor());
    let multiple = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|m| m * power >= rough)
        .unwrap_or(10.0);
    let step = multiple * power;
    // i·step as i·multiple/10ᵏ for a step below 1, so 3 × 0.2 reads 0.6, not 0.6000000000000001.
    let value = |i: i64| {
        if power < 1.0 {
            i as f64 * multiple / (1.0 / power).round()
        } else {
            i as f64 * step
        }
    };
    let first = (low / step).ceil() as i64;
    let last = (high / step + 1e-9).floor() as i64;
    (first..=last).map(value).collect()
}

/// The largest finite value of `values`, at least 0: how high a chart of them must reach.
pub fn largest_finite(values: impl IntoIterator<Item = f64>) -> f64 {
    values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max)
}

/// The smallest round number (1, 2, 2.5 or 5 times a power of ten) at or above `x`, for the
/// top of an axis; `None` unless `x` is positive and finite.
pub fn nice_ceiling(x: f64) -> Option<f64> {
    if !(x.is_finite() && x > 0.0) {
        return None;
    }
    let power = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|v| *v >= x)
}

/// A horizontal axis at `y`: a line along the scale's range, and at each tick a mark and its
/// label below.
pub fn x_axis(scale: &Scale, y: f64, ticks: &[(f64, String)]) -> Markup {
    html! {
        line.axis x1=(coord(scale.range.0)) x2=(coord(scale.range.1)) y1=(coord(y)) y2=(coord(y)) {}
        @for (value, label) in ticks {
            @let x = coord(scale.at(*value));
            line.axis x1=(x) x2=(x) y1=(coord(y)) y2=(coord(y + 4.0)) {}
            text.tick x=(x) y=(coord(y + 17.0)) text-anchor="middle" { (label) }
        }
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
    fn ticks_are_round_numbers_inside_the_interval() {
        assert_eq!(ticks(0.0, 1.0, 5), [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(ticks(0.0, 930_000.0, 4), [0.0, 250e3, 500e3, 750e3]);
        assert_eq!(ticks(35.0, 90.0, 5), [40.0, 60.0, 80.0]);
        assert!(ticks(1.0, 1.0, 5).is_empty());
        assert!(ticks(0.0, f64::INFINITY, 5).is_empty());
    }

    #[test]
    fn an_axis_ends_on_the_next_round_number() {
        assert_eq!(nice_ceiling(0.0097), Some(0.01));
        assert_eq!(nice_ceiling(0.93), Some(1.0));
        assert_eq!(nice_ceiling(4.6e5), Some(5e5));
        assert_eq!(nice_ceiling(2.1e6), Some(2.5e6));
        assert_eq!(nice_ceiling(0.0), None);
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
    fn coordinates_have_one_decimal() {
        assert_eq!(coord(12.345), "12.3");
        assert_eq!(coord(-0.01), "0.0");
        assert_eq!(points([(1.0, 2.0), (3.26, 4.0)]), "1.0,2.0 3.3,4.0");
    }
}
