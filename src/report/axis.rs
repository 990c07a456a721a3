//! Where a chart's axis puts its marks: round values (1, 2, 2.5 or 5 times a power of ten)
//! across an interval, and the round value an axis ends on. Arithmetic only, for the board
//! report's charts and the live session's histogram alike.

/// About `count` round values (1, 2, 2.5 or 5 times a power of ten apart) from `low` to `high`
/// inclusive; empty for an empty or non-finite interval, and for one so narrow that its round
/// step underflows (a chart of a target of 5e-324).
pub fn ticks(low: f64, high: f64, count: usize) -> Vec<f64> {
    let span = high - low;
    if !(span.is_finite() && span > 0.0) || count == 0 {
        return Vec::new();
    }
    let rough = span / count as f64;
    let (power, multiple) = round_step(rough);
    if !(power.is_normal() && (1.0 / power).is_finite()) {
        return Vec::new();
    }
    let multiple = multiple.unwrap_or(10.0);
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
    let (power, multiple) = round_step(x);
    multiple.map(|m| m * power)
}

/// The power of ten at or below `x`, and the least of 1, 2, 2.5, 5 and 10 that times it
/// reaches `x` (`None` where none does, as rounding may have it): a round step for `x`.
fn round_step(x: f64) -> (f64, Option<f64>) {
    let power = 10f64.powf(x.log10().floor());
    let multiple = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|m| m * power >= x);
    (power, multiple)
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
        // A span whose round step underflows has no ticks (it asked for 2^63 of them, and
        // the report of a target of 5e-324 died of it); one just above still has its few.
        assert!(ticks(0.0, 1e-323, 5).is_empty());
        assert!(ticks(0.0, 5e-324, 5).is_empty());
        assert_eq!(ticks(0.0, 1e-300, 5).len(), 6);
    }

    #[test]
    fn an_axis_ends_on_the_next_round_number() {
        assert_eq!(nice_ceiling(0.0097), Some(0.01));
        assert_eq!(nice_ceiling(0.93), Some(1.0));
        assert_eq!(nice_ceiling(4.6e5), Some(5e5));
        assert_eq!(nice_ceiling(2.1e6), Some(2.5e6));
        assert_eq!(nice_ceiling(0.0), None);
    }
}
