//! The histogram of achievable revenue drawn as text: eighth-block columns, the target's
//! column marked, a revenue scale, and the samples outside the range counted.

use ratatui::layout::Rect;
use ratatui::style::{Color, Stylize};
use ratatui::text::{Line, Span};

use super::Theme;
use skypie::report::axis::ticks;
use skypie::report::format::{amount, thousands, tick_amount};
use skypie::report::histogram::Histogram;

/// The histogram as text: one column per slice of the range, eighth-blocks for height, the
/// target's column marked, green where the target is met (in the column the target crosses,
/// its foot, as tall as its share beyond the target); below it a revenue scale, and a line
/// with the target and how many samples fall outside the range shown.
pub(super) fn histogram_lines(
    h: &Histogram,
    target: f64,
    target_label: &str,
    area: Rect,
    theme: Theme,
) -> Vec<Line<'static>> {
    const LEVELS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let width = area.width as usize;
    // The two rows below the bars: the revenue scale and the target's line.
    let rows = area.height.saturating_sub(2) as usize;
    if width == 0 || rows == 0 || h.counts.is_empty() {
        return Vec::new();
    }
    let span = h.high - h.low;
    // Column c covers revenue [low + c·span/width, low + (c+1)·span/width).
    let column_of = |x: f64| ((x - h.low) / span * width as f64).floor() as usize;
    let target_column = (h.low..h.high).contains(&target).then(|| column_of(target));
    // Per column, once: its height in eighths of a row, and how many of them meet the target
    // (the eighths at its foot drawn green).
    let columns = resample(&h.counts, width);
    let reaching = resample(&h.reaching, width);
    let tallest = columns.iter().copied().max().unwrap_or(0).max(1);
    let bars: Vec<(usize, usize, bool)> = columns
        .iter()
        .zip(&reaching)
        .enumerate()
        .map(|(c, (count, reach))| {
            // Rescaled so that the tallest column fills every row: rows × 8 eighths.
            let eighths = (*count as f64 / tallest as f64 * (rows * 8) as f64).round() as usize;
            // The share of the column's slice that makes the target: none where none of its
            // samples does, all where all do (every sample of a plan with nothing uncertain,
            // a rounding short of its target, makes it: its one column read half red beside
            // P(feasible) 100%), and else, in the slice the target crosses, the part on its
            // side (a column is drawn as one density, its samples spread evenly across it).
            let (left, right) = (column_edge(h, c, width), column_edge(h, c + 1, width));
            let beyond = if *reach == 0 {
                0.0
            } else if reach == count {
                1.0
            } else {
                ((right - target) / (right - left)).clamp(0.0, 1.0)
            };
            let met = (eighths as f64 * beyond).round() as usize;
            (eighths, met, beyond >= 0.5)
        })
        .collect();
    let mut lines = Vec::with_capacity(rows + 2);
    for row in 0..rows {
        // Row 0 is the top: a row shows the part of each bar above the eighths below it.
        let floor = (rows - 1 - row) * 8;
        let spans: Vec<Span> = bars
            .iter()
            .enumerate()
            .map(|(c, &(eighths, met, mostly_met))| {
                let level = eighths.saturating_sub(floor).min(8);
                // The target's line runs through the empty rows above its column's bar.
                if Some(c) == target_column && level == 0 {
                    return Span::styled("│", theme.fg(Color::Yellow));
                }
                // A cell is green when most of what it draws meets the target (a blank one
                // takes its column's colour).
                let met_here = met.saturating_sub(floor).min(level);
                let green = match level {
                    0 => mostly_met,
                    _ => met_here * 2 >= level,
                };
                let color = if green { Color::Green } else { Color::Red };
                Span::styled(LEVELS[level].to_string(), theme.fg(color))
            })
            .collect();
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(revenue_scale(h, width)).dark_gray());
    lines.push(
        Line::from(target_and_tails(
            h,
            target,
            target_label,
            target_column,
            width,
        ))
        .dark_gray(),
    );
    lines
}

/// Where column `c` of `width` starts (and column c − 1 ends) on the revenue axis.
fn column_edge(h: &Histogram, c: usize, width: usize) -> f64 {
    h.low + (h.high - h.low) * c as f64 / width as f64
}

/// The histogram's bins summed into `width` columns (scaled per bin, so a column made of
/// more bins is not taller for it).
fn resample(counts: &[u64], width: usize) -> Vec<u64> {
    let bins = counts.len();
    (0..width)
        .map(|c| {
            // The bins from the one the column starts in to the one the next column starts
            // in; at least one, as a bin spans several columns when they outnumber the bins.
            let from = c * bins / width;
            let to = ((c + 1) * bins / width).max(from + 1).min(bins);
            // The mean count per bin, times `bins` so it stays a whole number: columns of
            // two bins and of one compare as densities (only their ratio is drawn).
            counts[from..to].iter().sum::<u64>() * bins as u64 / (to - from) as u64
        })
        .collect()
}

/// Amounts at round steps under their columns: `0   250k   500k   750k`.
fn revenue_scale(h: &Histogram, width: usize) -> String {
    let mut row = vec![' '; width];
    let span = h.high - h.low;
    // Where the next label may start: two spaces after the last one (a label that would
    // crowd it is left out).
    let mut free_from = 0;
    // About one label per 9 columns, at the round amounts the board's axes use.
    for tick in ticks(h.low, h.high, (width / 9).max(1)) {
        let label = tick_amount(tick);
        let len = label.chars().count();
        let column = ((tick - h.low) / span * width as f64).round() as usize;
        let centred = column as isize - (len / 2) as isize;
        let start = column
            .saturating_sub(len / 2)
            .min(width.saturating_sub(len));
        // A label pushed in from an edge by more than a column reads as a smaller (or larger)
        // amount than its own: `600k` drawn four columns in sat over a lone bar at 550k.
        let in_place = (start as isize - centred).abs() <= 1;
        if in_place && start >= free_from && start + len <= width {
            for (i, ch) in label.chars().enumerate() {
                row[start + i] = ch;
            }
            free_from = start + len + 2;
        }
    }
    row.into_iter().collect()
}

/// The target's marker (`label`, the target as the plan's money reads) under its column, or an
/// arrow to it when it is off the range, and how many samples lie below and above the range
/// shown, each on its own side when it fits.
fn target_and_tails(
    h: &Histogram,
    target: f64,
    label: &str,
    column: Option<usize>,
    width: usize,
) -> String {
    let markers: Vec<(String, usize)> = match column {
        Some(c) => {
            // The ▲ sits under the target's column: text to its right, or to its left.
            let right = format!("▲ target {label}");
            let left = format!("target {label} ▲");
            let (right_len, left_len) = (right.chars().count(), left.chars().count());
            let mut both = Vec::new();
            if c + right_len <= width {
                both.push((right, c));
            }
            if c + 1 >= left_len {
                both.push((left, c + 1 - left_len));
            }
            // A label too long for either side (`3.1M Swiss francs` mid-range at 80×24), or
            // one that leaves no room for both tails (`289 below 4.6M ▲ target 6.5M` hid the
            // 351 samples above 9.07M): the ▲ alone still marks the column on the scale above,
            // and the tails keep their room. Taken only where it fits more of them.
            both.push(("▲".to_string(), c));
            both
        }
        None if target >= h.high => {
            let text = format!("target {label} →");
            let start = width.saturating_sub(text.chars().count());
            vec![(text, start)]
        }
        None => vec![(format!("← target {label}"), 0)],
    };
    // The marker that leaves the most room for the tails (the first on a tie).
    let mut best: Option<(usize, Row)> = None;
    for (text, start) in markers {
        let mut row = Row::new(width);
        row.place(&text, start);
        let fitted = tails(h, &mut row);
        if best.as_ref().is_none_or(|(most, _)| fitted > *most) {
            best = Some((fitted, row));
        }
    }
    best.map_or_else(|| " ".repeat(width), |(_, row)| row.text())
}

/// Writes "n samples above/below EDGE" into `row`; how many found room.
fn tails(h: &Histogram, row: &mut Row) -> usize {
    let samples = skypie::report::format::samples_noun;
    let width = row.cells.len();
    let sides = [
        (h.below, "below", h.low, false, h.above == 0),
        (h.above, "above", h.high, true, h.below == 0),
    ];
    let mut fitted = 0;
    for (n, side, edge, right, other_side_free) in sides {
        if n == 0 {
            continue;
        }
        let edge = amount(edge);
        // Never "n above" without its edge: beside "▲ target 18M" it would read as the
        // samples above the target. A count with no room for its edge is left out.
        let texts = [
            format!("{} {} {side} {edge}", thousands(n), samples(n)),
            format!("{} {side} {edge}", thousands(n)),
        ];
        let at = |text: &String, right: bool| {
            if right {
                width.saturating_sub(text.chars().count())
            } else {
                0
            }
        };
        // The longest text that fits on its own side, or on the other side when no tail
        // lies there.
        let placed = texts.iter().any(|t| row.place(t, at(t, right)))
            || (other_side_free && texts.iter().any(|t| row.place(t, at(t, !right))));
        fitted += usize::from(placed);
    }
    fitted
}

/// A row of text where labels are placed without overlapping, a space apart.
struct Row {
    cells: Vec<char>,
    taken: Vec<bool>,
}

impl Row {
    /// An empty row `width` columns wide.
    fn new(width: usize) -> Row {
        Row {
            cells: vec![' '; width],
            taken: vec![false; width],
        }
    }

    /// Writes `text` from `start` if it fits there; false if it does not.
    fn place(&mut self, text: &str, start: usize) -> bool {
        let len = text.chars().count();
        let width = self.cells.len();
        if start + len > width || self.taken[start..start + len].iter().any(|t| *t) {
            return false;
        }
        for (i, ch) in text.chars().enumerate() {
            self.cells[start + i] = ch;
        }
        self.taken[start.saturating_sub(1)..(start + len + 1).min(width)].fill(true);
        true
    }

    /// The row as text.
    fn text(self) -> String {
        self.cells.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_marker_points_at_the_targets_column() {
        let h = Histogram {
            counts: vec![1; 40],
            reaching: vec![0; 40],
            low: 0.0,
            high: 1e6,
            below: 0,
            above: 375,
        };
        for column in [0, 9, 20, 39] {
            let target = (column as f64 + 0.5) / 40.0 * 1e6;
            let row = target_and_tails(&h, target, &amount(target), Some(column), 40);
            let arrow = row.chars().position(|c| c == '▲');
            assert_eq!(arrow, Some(column), "{row:?}");
            assert!(row.contains("375"), "the tail is counted: {row:?}");
        }
    }

    /// `h` with the samples of each bin that make `target` counted as spread evenly across
    /// it (a bin the target crosses holds some either side).
    fn reaching(mut h: Histogram, target: f64) -> Histogram {
        let width = (h.high - h.low) / h.counts.len() as f64;
        h.reaching = (h.counts.iter().enumerate())
            .map(|(b, count)| {
                let right = h.low + width * (b + 1) as f64;
                let beyond = ((right - target) / width).clamp(0.0, 1.0);
                (*count as f64 * beyond).round() as u64
            })
            .collect();
        h
    }

    #[test]
    fn the_column_the_target_crosses_is_green_at_its_foot_as_far_as_its_share_beyond_it() {
        // Forty even columns over 0 … 1M, each 25k wide and ten rows tall: a target 40% into
        // its column leaves 60% of it beyond, the lower six rows; 80% into it, the lowest two.
        let flat = Histogram {
            counts: vec![100; 40],
            reaching: vec![0; 40],
            low: 0.0,
            high: 1e6,
            below: 0,
            above: 0,
        };
        for (target, green_rows) in [(310e3, 6), (320e3, 2), (300e3, 10)] {
            let h = reaching(flat.clone(), target);
            let area = Rect::new(0, 0, 40, 12);
            let lines = histogram_lines(&h, target, "t", area, Theme { color: true });
            let colour = |row: usize, column: usize| lines[row].spans[column].style.fg;
            let crossed: Vec<_> = (0..10).map(|row| colour(row, 12)).collect();
            let mut expected = vec![Some(Color::Red); 10 - green_rows];
            expected.resize(10, Some(Color::Green));
            assert_eq!(crossed, expected, "target {target}");
            // Its neighbours are whole: short of the target red, beyond it green.
            assert!((0..10).all(|row| colour(row, 11) == Some(Color::Red)));
            assert!((0..10).all(|row| colour(row, 13) == Some(Color::Green)));
        }
    }

    /// Forty bins of a hundred samples over `low … high`, with `below` and `above` outside.
    #[test]
    fn a_label_too_long_for_either_side_leaves_the_marker_and_the_tails() {
        // The row under the histogram was blank: neither "▲ target …" nor "target … ▲" fits.
        let h = flat(0.0, 5e6, 7, 500);
        for column in 19..=24 {
            let row = target_and_tails(&h, 3.1e6, "3.1M Swiss francs", Some(column), 44);
            assert_eq!(row.chars().position(|c| c == '▲'), Some(column), "{row:?}");
            assert!(row.contains("7") && row.contains("500"), "{row:?}");
        }
    }

    #[test]
    fn the_scale_reads_its_ticks_at_the_digits_they_have() {
        // Steps of 25k from 1M: 1.025M read "1.02M" and 1.075M "1.07M", off their marks and
        // unevenly apart.
        let scale = revenue_scale(&flat(1e6, 1.15e6, 0, 0), 54);
        let labels: Vec<&str> = scale.split_whitespace().collect();
        assert!(labels.contains(&"1.05M"), "{scale:?}");
        assert!(
            labels
                .iter()
                .all(|l| ["1M", "1.025M", "1.05M", "1.075M", "1.1M", "1.125M"].contains(l)),
            "{scale:?}"
        );
        assert!(
            !scale.contains("1.02M") && !scale.contains("1.07M"),
            "{scale:?}"
        );
    }

    fn flat(low: f64, high: f64, below: u64, above: u64) -> Histogram {
        Histogram {
            counts: vec![100; 40],
            reaching: vec![0; 40],
            low,
            high,
            below,
            above,
        }
    }

    #[test]
    fn a_histogram_away_from_zero_is_coloured_marked_and_scaled_from_its_low_end() {
        // 1M … 2M over forty columns of 25k: the target 1.31M crosses column 12 (1.3M …
        // 1.325M), 60% of it beyond the target, the lower six of its ten rows.
        let h = reaching(flat(1e6, 2e6, 0, 0), 1.31e6);
        let area = Rect::new(0, 0, 40, 12);
        let lines = histogram_lines(&h, 1.31e6, "1.31M", area, Theme { color: true });
        let colour = |row: usize, column: usize| lines[row].spans[column].style.fg;
        let crossed: Vec<_> = (0..10).map(|row| colour(row, 12)).collect();
        let mut expected = vec![Some(Color::Red); 4];
        expected.resize(10, Some(Color::Green));
        assert_eq!(crossed, expected);
        assert!((0..10).all(|row| colour(row, 11) == Some(Color::Red)));
        assert!((0..10).all(|row| colour(row, 13) == Some(Color::Green)));
        assert_eq!(
            lines[10].to_string(),
            "1M      1.25M     1.5M      1.75M     2M"
        );
        let marker = lines[11].to_string();
        assert_eq!(
            marker.chars().position(|c| c == '▲'),
            Some(12),
            "{marker:?}"
        );
    }

    #[test]
    fn a_column_whose_samples_all_make_the_target_is_green_though_the_target_crosses_it() {
        // Every sample of a plan with nothing uncertain books 89,999,999.99999999 of a 90M
        // target, which it makes: its one column read half red, half green.
        let mut counts = vec![0; 40];
        counts[36] = 1000;
        let mut made = vec![0; 40];
        made[36] = 1000;
        let h = Histogram {
            counts,
            reaching: made,
            low: 0.0,
            high: 99e6,
            below: 0,
            above: 0,
        };
        let area = Rect::new(0, 0, 40, 12);
        let lines = histogram_lines(&h, 90e6, "90M", area, Theme { color: true });
        let colour = |row: usize| lines[row].spans[36].style.fg;
        assert!((0..10).all(|row| colour(row) == Some(Color::Green)));
        // None of them: red all the way up.
        let none = Histogram {
            reaching: vec![0; 40],
            ..h
        };
        let lines = histogram_lines(&none, 89e6, "89M", area, Theme { color: true });
        assert!((0..10).all(|row| lines[row].spans[36].style.fg == Some(Color::Red)));
    }

    #[test]
    fn a_target_below_the_range_is_pointed_at_from_its_left_edge() {
        let row = target_and_tails(&flat(1e6, 2e6, 0, 0), 500e3, "500k", None, 44);
        assert!(row.starts_with("← target 500k "), "{row:?}");
    }

    #[test]
    fn a_long_target_marker_reads_to_the_left_of_its_column_where_only_that_fits() {
        // 26 characters: to the right of column 25 of 44 it would not fit, to its left just so.
        let label = "3.1M Swiss francs";
        let row = target_and_tails(&flat(0.0, 5e6, 0, 0), 3.1e6, label, Some(25), 44);
        assert_eq!(row, format!("target 3.1M Swiss francs ▲{:18}", ""));
    }

    #[test]
    fn a_tail_count_the_marker_crowds_off_its_side_goes_to_the_other_if_no_tail_is_there() {
        // The samples below, right of a target near the foot of the range.
        let h = flat(1e6, 2e6, 7, 0);
        let row = target_and_tails(&h, 1.05e6, "1.05M", Some(2), 44);
        assert_eq!(row, format!("  ▲ target 1.05M{:10}7 samples below 1M", ""));
    }

    #[test]
    fn a_tail_count_groups_its_thousands_as_the_headline_does() {
        // "37392 samples above 936k" beside "261 of 10,000,000" in the headline.
        let row = target_and_tails(&flat(0.0, 2e6, 0, 37_392), 0.3e6, "300k", Some(6), 44);
        assert!(row.contains("37,392 samples above 2M"), "{row}");
    }

    #[test]
    fn where_the_targets_label_leaves_no_room_for_both_tails_the_marker_alone_marks_it() {
        // "500 above 2M" would end the row touching the marker, and "500 above" alone, right
        // after "▲ target 1.31M", would read as the samples above the target (at 80×24 it
        // said "▲ target 18M 393 above" where 23,701 were); the tail was left out, and 02
        // read "289 below 4.6M    ▲ target 6.5M" with 351 samples above 9.07M unsaid. The
        // ▲ alone marks the target on the scale above, both tails with their edges.
        let row = target_and_tails(&flat(0.0, 2e6, 7, 500), 1.31e6, "1.31M", Some(18), 44);
        assert_eq!(
            row,
            format!("7 samples below 0 ▲{:5}500 samples above 2M", "")
        );
        // With no samples below, the count takes the free side, edge and all.
        let row = target_and_tails(&flat(0.0, 2e6, 0, 500), 1.31e6, "1.31M", Some(18), 44);
        assert_eq!(row, format!("500 above 2M{:6}▲ target 1.31M{:12}", "", ""));
    }

    #[test]
    fn the_target_marker_reads_to_the_side_that_leaves_room_for_both_tail_counts() {
        // To the right of column 26 it would crowd out the samples above; to its left, the
        // samples below keep room for their shortest text.
        let h = flat(1e6, 2e6, 7, 500);
        let row = target_and_tails(&h, 1.6e6, "1.6M", Some(26), 44);
        assert_eq!(row, "7 below 1M    target 1.6M ▲     500 above 2M");
    }

    #[test]
    fn a_scale_label_that_would_crowd_the_one_before_is_left_out() {
        // 1M … 1.05M in steps of 10k, nine columns apart: 1.05M, pushed left to fit at the
        // right edge, would come a space after 1.04M.
        let row = revenue_scale(&flat(1e6, 1.05e6, 0, 0), 45);
        assert_eq!(row, "1M     1.01M    1.02M    1.03M    1.04M      ");
    }

    #[test]
    fn a_scale_label_is_drawn_where_its_amount_is_or_not_at_all() {
        // Every sample $550k (fixed inputs): 0 … 605k over 44 columns. `600k`, its amount at
        // the right edge, was pushed four columns in, over the lone bar at 550k (column 40),
        // which then read as 600k.
        let row = revenue_scale(&flat(0.0, 605e3, 0, 0), 44);
        assert_eq!(row.trim_end(), "0            200k          400k");
        // Each label's middle is within a column of its amount's column.
        for (label, amount) in [("200k", 200e3), ("400k", 400e3)] {
            let start = row.find(label).unwrap();
            let column = amount / 605e3 * 44.0;
            let middle = start as f64 + label.len() as f64 / 2.0;
            assert!((middle - column).abs() <= 1.5, "{label}: {row:?}");
        }
    }
}
