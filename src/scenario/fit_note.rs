//! The note `skypie fit --into` leaves in the comment beside a fitted value
//! (`fitted by skypie fit to actuals/attainment.csv (n = 28)`): written here, and read back here
//! by everything that needs it (the edit that drops it, the board report, the check that keeps
//! the data from being overwritten).

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use toml_edit::{Item, Table};

use super::field::{Field, field_table};

/// How the note starts.
pub const FIT_NOTE: &str = "fitted by skypie fit";

/// Where a fitted value came from: the data file and how many values were fitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FitNote {
    /// The data file as the note writes it: from the scenario's folder, control characters
    /// escaped (`actuals/q.csv`).
    pub data: String,
    /// How many values were fitted.
    pub n: usize,
}

impl fmt::Display for FitNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{FIT_NOTE} to {} (n = {})", self.data, self.n)
    }
}

impl FitNote {
    /// Every way `comment` reads as a note: from each `fitted by skypie fit to ` in it, the data
    /// up to each ` (n = N)` after it, in order. A path may hold ` (n = ` or even the note's
    /// words, and a person may add words after the note, so the data a note names is any of
    /// these: what keeps the data from being overwritten checks them all.
    pub fn readings(comment: &str) -> impl Iterator<Item = (usize, FitNote)> + '_ {
        let marker = format!("{FIT_NOTE} to ");
        let starts: Vec<usize> = comment.match_indices(&marker).map(|(at, _)| at).collect();
        starts.into_iter().flat_map(move |start| {
            let after = &comment[start + marker.len()..];
            after.match_indices(" (n = ").filter_map(move |(at, open)| {
                let n = count(&after[at + open.len()..])?;
                let data = after[..at].to_string();
                Some((start, FitNote { data, n }))
            })
        })
    }

    /// The note in `comment` and where it is. It runs from the first of its [readings](
    /// FitNote::readings) to the comment's end, less trailing spaces (words a person added after
    /// it, and an earlier note a person cut short, go with it: an edit drops them all). The
    /// note read is the last one begun, up to its first ` (n = N)`: `fit` writes its note
    /// after what was there (`old.csv; fitted by skypie fit to a.csv (n = 8)`), and words
    /// after it may hold a count of their own (`; Q3 only (n = 4)`).
    pub fn find_in(comment: &str) -> Option<(FitNote, Range<usize>)> {
        let mut readings = Self::readings(comment);
        let (first, mut note) = readings.next()?;
        let mut begun = first;
        for (start, reading) in readings {
            if start > begun {
                (begun, note) = (start, reading);
            }
        }
        let end = first + comment[first..].trim_end().len();
        Some((note, first..end))
    }
}

/// The count that opens `text`, closed by `)` (`28)`).
fn count(text: &str) -> Option<usize> {
    let (digits, _) = text.split_once(')')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The notes an earlier `skypie fit --into` left in `root`'s comments (`fitted by skypie fit
/// to actuals/attainment.csv (n = 28)`), by input: where each fitted value came from, for the
/// board report. A key written as a table of its own has it on its first line. `text` is what
/// `root` was parsed from: a parsed document's comments are spans of it.
pub(super) fn fit_notes(root: &Table, text: &str) -> BTreeMap<Field, String> {
    Field::ALL
        .into_iter()
        .filter_map(|field| {
            let table = field_table(root, field.section())?;
            let decor = match table.get(field.name())? {
                Item::Value(value) => value.decor(),
                Item::Table(own) if own.is_dotted() => own.iter().next()?.1.as_value()?.decor(),
                Item::Table(own) => own.decor(),
                _ => return None,
            };
            let raw = decor.suffix()?;
            let comment = raw.as_str().or_else(|| text.get(raw.span()?))?;
            let (_, note) = FitNote::find_in(comment)?;
            Some((field, comment[note].to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::edit::apply_with_note;
    use crate::scenario::edit::tests::{FILE, SUB_TABLE, fitted};

    /// The note for `data` and `n` as written, read back from a comment holding it.
    fn round_trip(data: &str, n: usize) -> Option<FitNote> {
        let note = FitNote {
            data: data.to_string(),
            n,
        };
        let comment = format!("   # the CEO's number; {note}  ");
        let (read, at) = FitNote::find_in(&comment)?;
        assert_eq!(&comment[at], note.to_string());
        Some(read)
    }

    #[test]
    fn a_note_reads_back_as_the_path_and_count_it_was_written_with() {
        for data in [
            "actuals/attainment.csv",
            "data (v2)/a b.csv",
            "it's \"q1\".csv",
            "données/été 2024 ü.csv",
            "../../big.csv",
        ] {
            let expected = FitNote {
                data: data.to_string(),
                n: 28,
            };
            assert_eq!(round_trip(data, 28), Some(expected), "{data}");
        }
    }

    #[test]
    fn every_reading_of_a_note_is_listed_for_the_check_that_keeps_the_data() {
        // A path holding ` (n = ` or the note's words is one of the readings, whole (cut at the
        // first ` (n = `, the check read `q` alone and let `q (n = 3)/a.csv` be overwritten).
        for data in [
            "q (n = 3)/a.csv",
            "q (n = 3) (n = 4).csv",
            "fitted by skypie fit to x.csv",
        ] {
            let comment = format!(
                "# {}",
                FitNote {
                    data: data.into(),
                    n: 8
                }
            );
            let readings: Vec<FitNote> = FitNote::readings(&comment).map(|(_, r)| r).collect();
            let whole = FitNote {
                data: data.to_string(),
                n: 8,
            };
            assert!(readings.contains(&whole), "{data}: {readings:?}");
        }
    }

    #[test]
    fn the_note_read_is_the_last_begun_up_to_its_first_count() {
        for (comment, data, n, from) in [
            // Words after the note with a count of their own: the data is still a.csv (read up
            // to the last count, it was "a.csv (n = 8); Q3 only", and a.csv went unprotected).
            (
                "# fitted by skypie fit to a.csv (n = 8); Q3 only (n = 4)",
                "a.csv",
                8,
                "fitted by skypie fit to a.csv (n = 8); Q3 only (n = 4)",
            ),
            // A note a person cut short, then fit's own after it: fit's is read (from the
            // first, it was "old.csv; fitted by skypie fit to a.csv"), and an edit drops both.
            (
                "# fitted by skypie fit to old.csv; fitted by skypie fit to a.csv (n = 8)",
                "a.csv",
                8,
                "fitted by skypie fit to old.csv; fitted by skypie fit to a.csv (n = 8)",
            ),
        ] {
            let (note, at) = FitNote::find_in(comment).unwrap();
            assert_eq!((note.data.as_str(), note.n), (data, n), "{comment}");
            assert_eq!(&comment[at], from, "{comment}");
        }
    }

    #[test]
    fn a_note_cut_short_at_its_words_is_no_note() {
        // Its trailing space made a slice run backwards: every command panicked on the file.
        for comment in [
            "  # fitted by skypie fit to ",
            "  # fitted by skypie fit to \r",
            "# fitted by skypie fit to  ",
        ] {
            assert_eq!(FitNote::find_in(comment), None, "{comment:?}");
            assert_eq!(FitNote::readings(comment).count(), 0, "{comment:?}");
        }
    }

    #[test]
    fn the_note_starts_at_its_words_and_ends_with_the_comment() {
        let comment = "  # from 5 quarters (n = 5); fitted by skypie fit to a.csv (n = 12)\r";
        let (note, at) = FitNote::find_in(comment).unwrap();
        assert_eq!((note.data.as_str(), note.n), ("a.csv", 12));
        assert_eq!(&comment[at], "fitted by skypie fit to a.csv (n = 12)");
        // Words a person added after it go with it.
        let comment = "# fitted by skypie fit to a.csv (n = 12), then rounded";
        let (note, at) = FitNote::find_in(comment).unwrap();
        assert_eq!((note.data.as_str(), note.n), ("a.csv", 12));
        assert_eq!(
            &comment[at],
            "fitted by skypie fit to a.csv (n = 12), then rounded"
        );
    }

    #[test]
    fn a_comment_without_the_whole_note_has_none() {
        for comment in [
            "# the CEO's number",
            "# fitted by skypie fit",
            "# fitted by skypie fit to a.csv",
            "# fitted by skypie fit to a.csv (n = many)",
            "# fitted by skypie fit to a.csv (n = )",
        ] {
            assert_eq!(FitNote::find_in(comment), None, "{comment}");
        }
    }

    #[test]
    fn the_notes_of_fitted_inputs_are_read_back_from_a_line_or_a_table_header() {
        let note = fitted(8);
        let notes_of = |text: &str| {
            let document = toml_edit::Document::parse(text).unwrap();
            fit_notes(document.as_table(), text)
        };
        let on_a_line = apply_with_note(FILE, Field::MarketSize, "40M to 80M", &note)
            .unwrap()
            .0;
        assert_eq!(
            notes_of(&on_a_line),
            BTreeMap::from([(Field::MarketSize, note.to_string())])
        );
        let typed = "{ dist = \"triangular\", min = \"22M\", mode = \"28M\", max = \"35M\" }";
        let on_a_header = apply_with_note(SUB_TABLE, Field::MarketSize, typed, &note)
            .unwrap()
            .0;
        assert_eq!(
            notes_of(&on_a_header),
            BTreeMap::from([(Field::MarketSize, note.to_string())])
        );
        assert!(notes_of(FILE).is_empty());
    }
}
