//! The note `skypie fit --into` leaves in the comment beside a fitted value
//! (`fitted by skypie fit to actuals/attainment.csv (n = 28)`): written here, and read back here
//! by everything that needs it (the edit that drops it, the board report, the check that keeps
//! the data from being overwritten).

use std::fmt;
use std::ops::Range;

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
    /// The note in `comment` and where it is: from the first `fitted by skypie fit to ` (what a
    /// person wrote before it cannot hold one, as the note replaces any earlier one) to the
    /// comment's end, less trailing spaces. The data runs to the last ` (n = N)`, so a path
    /// holding ` (n = ` itself is read whole.
    pub fn find_in(comment: &str) -> Option<(FitNote, Range<usize>)> {
        let marker = format!("{FIT_NOTE} to ");
        let start = comment.find(&marker)?;
        let end = start + comment[start..].trim_end().len();
        let after = &comment[start + marker.len()..end];
        let (data, n) = after
            .rmatch_indices(" (n = ")
            .find_map(|(at, open)| Some((&after[..at], count(&after[at + open.len()..])?)))?;
        let data = data.to_string();
        Some((FitNote { data, n }, start..end))
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_path_holding_what_ends_a_note_is_read_whole() {
        // Cut at the first ` (n = `, this read `q`, with n = 3.
        for data in [
            "q (n = 3)/a.csv",
            "q (n = 3) (n = 4).csv",
            "fitted by skypie fit to x.csv",
        ] {
            assert_eq!(round_trip(data, 8).map(|r| r.data), Some(data.to_string()));
            assert_eq!(round_trip(data, 8).map(|r| r.n), Some(8));
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
}
