//! One column of a CSV file of past actuals, read as numbers (`skypie fit DATA.csv --column
//! NAME`): text in, the column's numbers or one clear error out. The file's name is only
//! for the messages; reading the file is the binary's.
//!
//! The fields may be separated by commas, semicolons or tabs (see [`Separator::of`]); cells
//! are in the scenario number grammar with a decimal point, an amount perhaps with a currency
//! sign before it as a spreadsheet's currency format writes it ([`figure`]), and a file
//! separated by `;` or tabs may come from a spreadsheet set to a decimal comma, whose numbers
//! are refused rather than misread (see [`Reading`]).

use std::borrow::Cow;
use std::fmt;

use crate::scenario::currency::{
    CURRENCY_ABBREVIATIONS, is_currency_code, is_currency_sign, mark_before,
};
use crate::scenario::error::{did_you_mean, line_column};
use crate::scenario::number::{
    NumberError, Unit, amount_beside_currency, marks_swapped, parse_number, point_readings,
    with_ascii_minus, with_decimal_mark, without_currency,
};
use crate::text::{printable, zero_width};

/// One column of a CSV file, read as numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The numbers, top to bottom.
    pub values: Vec<f64>,
    /// The unit the cells are written in: percent when every cell ends in `%`, an amount when
    /// one has a k, M, B or T suffix or a currency sign, else plain.
    pub unit: Unit,
    /// Where each value came from, top to bottom.
    pub rows: Vec<Row>,
    /// Its position in the header, from 1, for messages naming a cell (`q.csv:3:2: quota`).
    pub column_number: usize,
}

/// Where a value of a column came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The line its row starts on, from 1.
    pub line: u64,
    /// Its cell, as written.
    pub written: String,
    /// Another cell of the row that names it a summary of the others (`Total`, `Average`), as
    /// written.
    pub summary: Option<String>,
}

impl Row {
    /// Its cell as the number grammar reads it: without the currency sign of an amount
    /// (`$1,200,000` reads `1,200,000`, [`figure`]).
    pub fn figure(&self) -> Cow<'_, str> {
        figure(&self.written)
    }

    /// The currency sign before its amount (`$` of `$1,200,000`), if any ([`figure`]).
    pub fn currency_sign(&self) -> Option<char> {
        without_currency_sign(&self.written).map(|(sign, _)| sign)
    }

    /// The unit its cell is written in: an amount with a currency sign or a suffix, a
    /// percentage, or plain.
    pub fn unit(&self) -> Unit {
        unit_of(&self.written)
    }
}

/// `cell` as the number grammar reads it: an amount with a currency sign before it, as a
/// spreadsheet's currency or accounting format exports it (`$1,200,000`, `-$1,200.50`, `$-950`,
/// `€ 3.5M`, `($1,200)`, `$(1,200)`), without the sign; any other cell as it is. The number left is read
/// as any cell's (its thousands grouped by three, its decimal mark checked), so the sign takes
/// nothing away that a plain cell would be refused for. A sign after the number (`1,200 €`), a
/// code (`USD 1,200`) or a sign beside a percentage (`$5%`) is left, refused with the number to
/// write ([`UnreadCurrency`]). Nothing is converted: the amounts are fitted as written.
fn figure(cell: &str) -> Cow<'_, str> {
    without_currency_sign(cell).map_or(Cow::Borrowed(cell), |(_, number)| Cow::Owned(number))
}

/// [`figure`]'s currency sign and amount without it; `None` for a cell with none before it.
fn without_currency_sign(cell: &str) -> Option<(char, String)> {
    let text = cell.trim();
    // An accountant's negative keeps its parentheses, for the grammar to say how to write it.
    let (open, inner, close) = match text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(inner) => ("(", inner.trim(), ")"),
        None => ("", text, ""),
    };
    let (minus, rest) = match inner.strip_prefix(['-', '+']) {
        Some(rest) => (&inner[..1], rest),
        None => ("", inner),
    };
    let sign = rest.chars().next().filter(|c| is_currency_sign(*c))?;
    let number = rest[sign.len_utf8()..].trim_start();
    // One sign of its own at most (`$-950`, not `-$-950`), and a figure after it.
    let signed = minus.is_empty() && number.starts_with(['-', '+']);
    let digits = number
        .strip_prefix(['-', '+'])
        .filter(|_| signed)
        .unwrap_or(number);
    // `$(1,200)` keeps its parentheses as `($1,200)` does, if it has no other sign.
    let digits = (digits.strip_prefix('('))
        .filter(|_| open.is_empty() && minus.is_empty() && !signed)
        .unwrap_or(digits);
    let a_figure = digits.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    (a_figure && !number.ends_with('%')).then(|| (sign, format!("{open}{minus}{number}{close}")))
}

/// The unit `cell` is written in: an amount where a currency sign says so, else as the
/// grammar's suffix says ([`Unit::written`]).
fn unit_of(cell: &str) -> Unit {
    match without_currency_sign(cell) {
        Some(_) => Unit::Amount,
        None => Unit::written(cell),
    }
}

/// Where in a cell a word names its row a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stands {
    /// Alone: `Mean`, not `Mean Street`.
    Alone,
    /// Alone or first: `Sum (Q1-Q4)`, not `Mike Sum`.
    First,
    /// Alone, first or last: `Total 2025`, `2022 Total`, as Excel's Subtotal command writes it.
    FirstOrLast,
    /// Last: `2022 Ergebnis`, as German Excel's pivot tables write it.
    Last,
}

/// The words that name a row a summary of the rows above it, where in the cell, and whether
/// they name an average: in English and as the spreadsheets of German, Dutch, French, Italian,
/// Spanish, Portuguese and Polish offices write their totals, their pivot tables' results and
/// their averages (`Gesamtergebnis`, `Eindtotaal`, `Totale complessivo`, `2022 Suma`, `Ø`).
/// Not `Media` (an average in Italian, Spanish and Portuguese): a segment so named among
/// others read as a summary row, and the `Total` under them was then fitted.
const SUMMARY_LABELS: [(&str, Stands, bool); 34] = [
    ("total", Stands::FirstOrLast, false),
    ("totals", Stands::FirstOrLast, false),
    ("subtotal", Stands::FirstOrLast, false),
    ("sub-total", Stands::FirstOrLast, false),
    ("grand total", Stands::First, false),
    ("sum", Stands::First, false),
    ("gesamt", Stands::FirstOrLast, false),
    ("insgesamt", Stands::First, false),
    ("summe", Stands::FirstOrLast, false),
    ("gesamtsumme", Stands::First, false),
    ("gesamtergebnis", Stands::First, false),
    ("zwischensumme", Stands::First, false),
    ("ergebnis", Stands::Last, false),
    ("totaal", Stands::FirstOrLast, false),
    ("eindtotaal", Stands::First, false),
    ("subtotaal", Stands::First, false),
    ("totale", Stands::FirstOrLast, false),
    ("subtotale", Stands::First, false),
    ("somma", Stands::First, false),
    ("suma", Stands::FirstOrLast, false),
    ("soma", Stands::First, false),
    ("razem", Stands::FirstOrLast, false),
    ("median", Stands::Alone, false),
    ("overall", Stands::Alone, false),
    ("average", Stands::FirstOrLast, true),
    ("avg", Stands::FirstOrLast, true),
    ("mean", Stands::Alone, true),
    ("mittelwert", Stands::FirstOrLast, true),
    ("durchschnitt", Stands::FirstOrLast, true),
    ("ø", Stands::First, true),
    ("moyenne", Stands::FirstOrLast, true),
    ("gemiddelde", Stands::FirstOrLast, true),
    ("promedio", Stands::First, true),
    ("średnia", Stands::Alone, true),
];

/// `cell` as a label is compared: trimmed, in small letters, without a closing `:` or `.`
/// (`Total:`, `Avg.`).
fn label_words(cell: &str) -> String {
    cell.trim().trim_end_matches([':', '.']).to_lowercase()
}

/// Whether `cell` names its row a summary: `Total`, `TOTAL:`, `Total: 2025`, `Average
/// attainment`, `Grand total 2025`, `2022 Total`, `Mean`, `Gesamtergebnis`, `2022 Ergebnis`;
/// not `Summer`, `Totally`, `Meantime`, `Mean Street`, `Checksum` or `Media & Entertainment`.
fn names_a_summary(cell: &str) -> bool {
    let cell = label_words(cell);
    // The last word, after a space or a hyphen (`Q1 sub-total`).
    let last = cell.rfind([' ', '-']).map(|at| &cell[at + 1..]);
    let first = |word: &str| {
        cell.strip_prefix(word)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':', '(']))
    };
    SUMMARY_LABELS
        .iter()
        .any(|&(word, stands, _)| match stands {
            Stands::Alone => cell == word,
            Stands::First => first(word),
            Stands::FirstOrLast => first(word) || last == Some(word),
            Stands::Last => last == Some(word),
        })
}

/// Whether a summary's label names an average (`Average`, `Avg 2024`, `Team average`,
/// `Mean`), not a tier (`Above average`, `Below avg`).
fn names_an_average(label: &str) -> bool {
    let label = label_words(label);
    let words: Vec<&str> = label.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    let average =
        |w: &&str| (SUMMARY_LABELS.iter()).any(|&(word, _, average)| average && word == *w);
    let tier = words
        .iter()
        .any(|w| matches!(*w, "above" | "below" | "under" | "over"));
    !tier && (words.first().is_some_and(average) || words.last().is_some_and(average))
}

/// A value is taken for the sum of the others only beside at least this many others that are
/// not 0 (eight quarters, or the months of a year): among a few small values one is their sum
/// by chance (1, 2, 3, 1, 2 and 9).
const SUM_OF_AT_LEAST: usize = 8;

/// Values that differ by less than this share (0.1%) are taken for equal in
/// [`Column::sums_of_the_others`]: a spreadsheet may write a total at fewer digits than its parts.
const SUM_TOLERANCE: f64 = 1e-3;

impl Column {
    /// Whether a cell shows that the column's point is a decimal point: one that reads as a
    /// number only with a decimal point (`12.5`, `0.850`, `1,200.50`, `"1,200,000"`), where
    /// `250.000` alone may group thousands.
    pub fn shows_a_decimal_point(&self) -> bool {
        self.rows
            .iter()
            .any(|row| reading(&row.written).is_ok_and(|r| r.shows_the_point()))
    }

    /// Notes on rows that look like a spreadsheet's summary of the others rather than one more
    /// actual: a row another cell of which says `Total` or `Average`, and a value that is the
    /// sum of all the others. Each is fitted as one more value, so the note names its line
    /// (`path` is the file's name for the messages) and says what to do.
    pub fn summary_notes(&self, path: &str) -> Vec<String> {
        self.notes_by_line(path)
            .into_iter()
            .map(|(_, note)| note)
            .collect()
    }

    /// [`Column::summary_notes`], each with the line it is about.
    fn notes_by_line(&self, path: &str) -> Vec<(u64, String)> {
        let path = printable(path);
        let mut notes = Vec::new();
        for (row, is_sum) in self.rows.iter().zip(self.sums_of_the_others()) {
            let written = printable(&row.written);
            if let Some(label) = &row.summary {
                notes.push((
                    row.line,
                    format!(
                        "{path}:{}: the row says `{}`: a spreadsheet's summary row is fitted as \
                         one more value ({written}); delete the row if it is not an actual.",
                        row.line,
                        printable(label)
                    ),
                ));
                continue;
            }
            if is_sum {
                notes.push((
                    row.line,
                    format!(
                        "{path}:{}: {written} is the sum of {}: a total row? It is fitted as one \
                         more value; delete the row if it is not an actual.",
                        row.line,
                        self.the_others()
                    ),
                ));
            }
        }
        notes
    }

    /// The row whose value is the sum of all the others (see [`Column::sums_of_the_others`]),
    /// as a spreadsheet's total row is, by its index; the last one when two are (a total goes
    /// at the bottom, and with one left out the other is no longer the sum of the rest).
    fn total(&self) -> Option<usize> {
        self.sums_of_the_others().iter().rposition(|is| *is)
    }

    /// What a total is the sum of, as its note says: `all the other values`, or with rows
    /// labelled as summaries, which the sum leaves out, `all the other values but the summary
    /// rows`.
    fn the_others(&self) -> &'static str {
        if self.rows.iter().any(|row| row.summary.is_some()) {
            "all the other values but the summary rows"
        } else {
            "all the other values"
        }
    }

    /// The rows that are the sum of the other rows', to within [`SUM_TOLERANCE`], beside at
    /// least [`SUM_OF_AT_LEAST`] of them that are not 0, by index: one pass to sum the rows,
    /// one to compare. Rows another cell of which names them a summary (`Average`) are not
    /// among the others: a spreadsheet's total sums the actuals, not the average under it.
    /// In a column with values of both signs (a market's monthly growth), where one value is
    /// the sum of the others by chance (6% of twelve months' growth of 0.5% ± 1.5%, to 0.1%:
    /// 0.2% mid-column was left out), only the last plain row, the largest in size, is one,
    /// as a spreadsheet's total is (revenue with one month's refunds under a total row).
    fn sums_of_the_others(&self) -> Vec<bool> {
        let plain = || {
            self.rows
                .iter()
                .zip(&self.values)
                .filter(|(row, _)| row.summary.is_none())
                .map(|(_, &v)| v)
        };
        let signed = plain().any(|v| v < 0.0) && plain().any(|v| v > 0.0);
        let largest = plain().map(f64::abs).fold(0.0, f64::max);
        let last_plain = self.rows.iter().rposition(|row| row.summary.is_none());
        let sum: f64 = plain().sum();
        let non_zero = plain().filter(|v| *v != 0.0).count();
        self.rows
            .iter()
            .zip(&self.values)
            .enumerate()
            .map(|(i, (row, &value))| {
                // A plain row is among the sum; it is not among its own others.
                let own = row.summary.is_none();
                let others = if own { sum - value } else { sum };
                let parts = non_zero - usize::from(own && value != 0.0);
                value != 0.0
                    && parts >= SUM_OF_AT_LEAST
                    && (value - others).abs() <= SUM_TOLERANCE * value.abs()
                    && (!signed || (Some(i) == last_plain && value.abs() == largest))
            })
            .collect()
    }

    /// The rows that summarise others rather than being actuals, by index, each with what it
    /// is: a row labelled a summary ([`names_a_summary`]) whose value is the sum or the
    /// average of the plain rows since the last labelled one (`2022 Total` under its four
    /// quarters, as Excel's Subtotal command writes it: a subtotal), or of all the plain rows;
    /// and the unlabelled total ([`Column::total`]). A labelled row that is neither is an
    /// actual as far as can be told, and keeps its note ([`Column::summary_notes`]).
    fn summaries(&self) -> Vec<(usize, String)> {
        // The unlabelled total is no actual to sum or average either.
        let total = self.total().filter(|&i| self.rows[i].summary.is_none());
        let actual = |i: usize, row: &Row| row.summary.is_none() && Some(i) != total;
        let actuals: Vec<f64> = (self.rows.iter().zip(&self.values).enumerate())
            .filter(|(i, (row, _))| actual(*i, row))
            .map(|(_, (_, &v))| v)
            .collect();
        let all = actuals.len();
        let all_mean = actuals.iter().sum::<f64>() / all as f64;
        let labelled = self.rows.iter().filter(|r| r.summary.is_some()).count();
        let but = if labelled > 1 {
            " but the summary rows"
        } else {
            ""
        };
        let mut found = Vec::new();
        // The actual rows above the current one, nearest first: a subtotal sums a run of them
        // back from it, past the subtotals under it (a year's total under its quarters'); an
        // average is only of the rows since the last labelled row.
        let mut above: Vec<f64> = Vec::new();
        let mut group = 0usize;
        for (i, (row, &value)) in self.rows.iter().zip(&self.values).enumerate() {
            if actual(i, row) {
                above.push(value);
                group += 1;
                continue;
            }
            let Some(label) = &row.summary else {
                continue;
            };
            let equals = |x: f64| value != 0.0 && (value - x).abs() <= SUM_TOLERANCE * value.abs();
            let mut sum = 0.0;
            let run = above.iter().rev().enumerate().find_map(|(k, v)| {
                sum += v;
                (k >= 1 && equals(sum)).then_some(k + 1)
            });
            let group_mean = above[above.len() - group..].iter().sum::<f64>() / group as f64;
            let what = match run {
                Some(n) if n == all => {
                    Some(format!("the sum of all the other values{but}, a total row"))
                }
                Some(n) => Some(format!("the sum of the {n} rows above it, a subtotal")),
                // An average says so, and is of three rows at least: two values and their mean
                // (90%, 110%, 100%) are common among actuals.
                None if names_an_average(label)
                    && group >= 3
                    && group < all
                    && equals(group_mean) =>
                {
                    Some(format!("the average of the {group} rows above it"))
                }
                None if names_an_average(label) && all >= 3 && equals(all_mean) => {
                    Some(format!("the average of all the other values{but}"))
                }
                None => None,
            };
            found.extend(what.map(|what| (i, what)));
            group = 0;
        }
        if let Some(total) = total {
            found.push((
                total,
                format!("the sum of {}, a total row", self.the_others()),
            ));
            found.sort_by_key(|(i, _)| *i);
        }
        found
    }

    /// The column to fit and the notes on its rows: without its summary rows
    /// ([`Column::summaries`]: totals, subtotals, averages) unless `keep_total`, with a note
    /// naming each row left out and how to keep it, then [`Column::summary_notes`] on the rows
    /// fitted. A total fitted as one more value would pull the fit far above every actual (the
    /// sum of nine quarters is nine times one), and `check` cannot tell it was; the detection
    /// is a heuristic, so a value that only happens to equal a sum can still be fitted with
    /// `--keep-total`.
    pub fn to_fit(self, path: &str, keep_total: bool) -> (Column, Vec<String>) {
        let summaries = if keep_total {
            Vec::new()
        } else {
            self.summaries()
        };
        if summaries.is_empty() {
            let notes = self.summary_notes(path);
            return (self, notes);
        }
        let (mut values, mut rows) = (self.values, self.rows);
        let mut left_out = Vec::new();
        for (index, what) in summaries.into_iter().rev() {
            values.remove(index);
            left_out.push((rows.remove(index), what));
        }
        let cells: Vec<&str> = rows.iter().map(|r| r.written.as_str()).collect();
        let kept = Column {
            unit: written_unit(&cells),
            values,
            rows,
            column_number: self.column_number,
        };
        // In line order, those of rows fitted among those left out.
        let mut notes = kept.notes_by_line(path);
        for (row, what) in left_out {
            let label = row.summary.as_ref().map_or(String::new(), |label| {
                format!("the row says `{}` and ", printable(label))
            });
            notes.push((
                row.line,
                format!(
                    "{}:{}: {label}{} is {what}: it is left out of the fit; if it is an actual, \
                     fit it as one more value with --keep-total.",
                    printable(path),
                    row.line,
                    printable(&row.written),
                ),
            ));
        }
        notes.sort_by_key(|(line, _)| *line);
        (kept, notes.into_iter().map(|(_, note)| note).collect())
    }
}

/// Where a cell is, as messages name it: `file:line:column: name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellAt {
    /// The file's name as the messages give it.
    pub path: String,
    /// The line its row starts on, from 1.
    pub line: u64,
    /// Its column's position in the header, from 1.
    pub column_number: usize,
    /// Its column's name.
    pub column: String,
}

impl fmt::Display for CellAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let CellAt {
            path,
            line,
            column_number,
            column,
        } = self;
        write!(f, "{path}:{line}:{column_number}: {column}")
    }
}

/// Why a column of a CSV file cannot be read as numbers. Each message names the file, and
/// where it can the line and column, what was found and what was expected.
#[derive(Debug, thiserror::Error)]
pub enum ColumnError {
    /// csv could not read the header row.
    #[error("{path}: cannot read the header row")]
    Header {
        path: String,
        #[source]
        source: csv::Error,
    },
    /// Not even a header row.
    #[error("{path}: found an empty file, expected a header row naming the columns")]
    Empty { path: String },
    /// No header names the column; `near` is the name that was likely meant.
    #[error(
        "{path}: no column `{}`; the columns are {}{}{}{}",
        printable(.column),
        .columns.join(", "),
        .near.as_ref().map_or(String::new(), |near| format!(" (did you mean `{near}`?)")),
        .header_below.map_or(String::new(), |line| format!(
            " (the first line is read as the header row, and line {line} names `{}`: remove \
             the lines above it)",
            printable(.column)
        )),
        if *.numbers_first {
            figures_first(.column, .columns.len())
        } else {
            String::new()
        }
    )]
    NoColumn {
        path: String,
        column: String,
        columns: Vec<String>,
        near: Option<String>,
        /// The line that names the column, when the first names one column only: a title
        /// line above the header row ("Quarterly attainment report").
        header_below: Option<usize>,
        /// Whether the first line is figures, not names: columns pasted without their header.
        numbers_first: bool,
    },
    /// The header names the column more than once: the fit would be of whichever came first.
    #[error("{}", repeated(.path, .column, .positions))]
    Repeated {
        path: String,
        column: String,
        /// Where the header names it, from 1.
        positions: Vec<usize>,
    },
    /// A column of percentages with a figure without `%` in it, or the other way round (a
    /// cell pasted from another column): `85%` and `710k`, or `81` and `71%`, fitted as one
    /// column gave an amount of $0.95, or a growth of 8100%.
    #[error(
        "{at}: found `{}`, {}, where line {first_line} has `{}`, {}: expected one kind of \
         figure in a column, all percentages (as 85%) or none (a cell from another column?)",
        shown_cell(.written),
        kind(.written),
        shown_cell(.first),
        kind(.first)
    )]
    MixedUnits {
        at: CellAt,
        written: String,
        /// The column's first figure that is not 0, and its line.
        first: String,
        first_line: u64,
    },
    /// A row with more or fewer fields than the header, shown (a footer line `Total records:
    /// 28`, or `1,200,000` unquoted in a comma-separated file, which `commas` says may be it).
    #[error(
        "{path}:{line}: found {}, expected {expected} as in the header row (the row reads `{}`){}",
        fields(*.found),
        printable(&shown_row(.row)),
        if *.commas {
            "; a number with thousands commas is written in quotes there (\"1,200,000\")"
        } else {
            ""
        }
    )]
    RowLength {
        path: String,
        line: u64,
        found: u64,
        expected: u64,
        row: String,
        commas: bool,
    },
    /// Anything else csv refuses.
    #[error("{path}: not a CSV file")]
    NotCsv {
        path: String,
        #[source]
        source: csv::Error,
    },
    /// A quoted cell with more after its closing quote (`"9"0%`), which csv would read as
    /// the two run together (`90%`); `written` is the cell as the file has it.
    #[error(
        "{at}: found `{}` (text after the closing quote), expected the cell wholly inside its \
         quotes or with no quotes",
        shown_cell(.written)
    )]
    AfterQuote { at: CellAt, written: String },
    /// A cell whose opening quote is never closed, which csv reads to the end of the file as
    /// one cell; `written` is its first line.
    #[error(
        "{at}: found `{}` (a quote that is never closed: the rest of the file would be this one \
         cell), expected a closing quote at the end of the cell, or no quotes",
        shown_cell(.written)
    )]
    UnclosedQuote { at: CellAt, written: String },
    /// An empty cell (or only white space): nothing to fit.
    #[error(
        "{at}: found an empty cell, expected a number such as 0.85, 85% or 1.2M (fill it in, \
         or delete the row if there is no value for it)"
    )]
    Blank { at: CellAt },
    /// A spreadsheet's error where a formula failed (`#N/A`, `#DIV/0!`): no figure to fit.
    #[error(
        "{at}: found `{}`, expected a number such as 0.85, 85% or 1.2M (`{}` is a spreadsheet's \
         error, not a figure: fix the formula or delete the row)",
        shown_cell(.cell),
        shown_cell(.cell)
    )]
    SpreadsheetError { at: CellAt, cell: String },
    /// A cell that is no number; the column's own name is the header row written again
    /// (files pasted one under another).
    #[error(
        "{at}: found `{}` ({reason}), expected a number such as 0.85, 85% or 1.2M{}",
        shown_cell(.cell),
        if *.cell == .at.column {
            " (the header row again? delete the line)"
        } else {
            ""
        }
    )]
    NotANumber {
        at: CellAt,
        cell: String,
        reason: NumberError,
    },
    /// A currency written where `fit` reads none ([`UnreadCurrency`]): after the number, as a
    /// code, or on a percentage.
    #[error(
        "{at}: found `{}` ({}), expected a number such as 0.85, 85% or 1.2M",
        shown_cell(.cell),
        Advice(.mark, *.separator)
    )]
    CurrencyUnread {
        at: CellAt,
        cell: String,
        /// Boxed: the error stays small beside the cells a fit carries it with.
        mark: Box<UnreadCurrency>,
        /// The file's, for the number told to be written as a cell of it ([`as_a_cell`]).
        separator: Separator,
    },
    /// A number written with a decimal comma (`85,5%`), in a file separated by `;` or tabs.
    #[error(
        "{at}: found `{}` (a number as a spreadsheet set to a decimal comma writes it), \
         expected it with a decimal point: `{}`",
        shown_cell(.cell),
        shown_cell(&with_decimal_mark(&figure(.cell), ','))
    )]
    DecimalComma { at: CellAt, cell: String },
    /// A number that reads as two (`1,500`: 1500, or 1.5 with a decimal comma), in a file
    /// separated by `;` or tabs, and no cell of the column settles which.
    #[error("{}", two_ways(.at, .cell, *.separator))]
    TwoWays {
        at: CellAt,
        cell: String,
        separator: Separator,
    },
    /// A cell refused, and the lines of the other cells of its column refused for the same
    /// reason ([`ColumnError::same_reason`]): one fix mends them all, where a run told one each.
    #[error("{first}\n{}", more_like_it(.lines))]
    MoreLikeIt {
        first: Box<ColumnError>,
        lines: Vec<u64>,
    },
}

impl ColumnError {
    /// Whether `other` refuses its cell for the reason this one does, so that one fix mends
    /// both: `85,5%` and `92,1%`, `0,7` and `1,500`, `#N/A` and `#REF!`, `US$900` and
    /// `US$1,200`; not `n/a` and `85,5%`, nor `US$900` and `CHF900`.
    fn same_reason(&self, other: &ColumnError) -> bool {
        use std::mem::discriminant;
        match (self, other) {
            (
                ColumnError::NotANumber { at, cell, reason },
                ColumnError::NotANumber {
                    at: other_at,
                    cell: other_cell,
                    reason: other_reason,
                },
            ) => {
                // The header row again is told so, apart from other text.
                discriminant(reason) == discriminant(other_reason)
                    && (*cell == at.column) == (*other_cell == other_at.column)
            }
            (
                ColumnError::CurrencyUnread { mark, .. },
                ColumnError::CurrencyUnread {
                    mark: other_mark, ..
                },
            ) => {
                discriminant(mark.as_ref()) == discriminant(other_mark.as_ref())
                    && mark.written() == other_mark.written()
            }
            // A column with a decimal comma writes its cells that read two ways with one.
            (ColumnError::DecimalComma { .. }, ColumnError::TwoWays { .. })
            | (ColumnError::TwoWays { .. }, ColumnError::DecimalComma { .. }) => true,
            _ => discriminant(self) == discriminant(other),
        }
    }
}

/// [`ColumnError::NoColumn`]'s hint where the first line, of `columns` fields, holds figures:
/// the line of names to put above them.
fn figures_first(column: &str, columns: usize) -> String {
    let line = match columns {
        1 => format!("a line `{}`", printable(column)),
        n => format!(
            "a line naming its {n} columns, `{}` among them,",
            printable(column)
        ),
    };
    format!(" (the first line holds figures, not names: put {line} above them)")
}

/// Whether a header row of `names` is figures: every one a number, and with more than one,
/// not all whole numbers up to 2100, which may name years, quarters or months (`2024,2025`).
fn holds_figures(names: &[&str]) -> bool {
    let figures: Option<Vec<f64>> = (names.iter())
        .map(|name| parse_number(&figure(name)).ok())
        .collect();
    let could_name = |x: &f64| x.fract() == 0.0 && (0.0..=2100.0).contains(x);
    figures.is_some_and(|figures| figures.len() == 1 || !figures.iter().all(could_name))
}

/// [`ColumnError::Repeated`]'s message: `the header names column `a` twice (columns 1 and 2):
/// rename one`.
fn repeated(path: &str, column: &str, positions: &[usize]) -> String {
    let positions: Vec<String> = positions.iter().map(usize::to_string).collect();
    let (earlier, last) = positions.split_at(positions.len().saturating_sub(1));
    let last = last.join("");
    let (times, rename) = match earlier.len() {
        1 => ("twice".to_string(), "rename one"),
        n => (format!("{} times", n + 1), "rename all but one"),
    };
    format!(
        "{path}: the header names column `{}` {times} (columns {} and {last}): {rename}",
        printable(column),
        earlier.join(", "),
    )
}

/// [`ColumnError::TwoWays`]'s message: the cell, both its readings, and how to write it.
fn two_ways(at: &CellAt, cell: &str, separator: Separator) -> String {
    let number = figure(cell);
    let (point, comma) = (
        with_decimal_mark(&number, '.'),
        with_decimal_mark(&number, ','),
    );
    format!(
        "{at}: found `{}`, which reads as `{}`, or as `{}` with a decimal comma (common in {} \
         files), expected the number written one way: `{}` or `{}`",
        shown_cell(cell),
        shown_cell(&point),
        shown_cell(&comma),
        separator.name(),
        shown_cell(&point),
        shown_cell(&comma)
    )
}

/// The line (from 1) among the first twenty that names `column` as one of its fields.
fn header_line(text: &str, separator: Separator, column: &str) -> Option<usize> {
    let split = char::from(separator.byte());
    text.lines()
        .take(20)
        .position(|line| {
            line.split(split)
                .any(|field| field.trim().trim_matches('"').trim() == column)
        })
        .map(|i| i + 1)
}

/// The numbers of `column` in the CSV `text` of the file `path` (a name for the messages), and
/// the unit its cells are written in. A column the header names twice, a row with more or
/// fewer fields than the header, and a quoted cell with more after its closing quote are
/// refused: each would fit something other than the analyst meant, without a word.
pub fn read_column(path: &str, text: &str, column: &str) -> Result<Column, ColumnError> {
    let (text, declared) = as_a_spreadsheet_wrote_it(text);
    let text = text.as_ref();
    let separator = declared.unwrap_or_else(|| Separator::of(text));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator.byte())
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|source| ColumnError::Header {
            path: path.to_string(),
            source,
        })?
        .clone();
    // A quote never closed, in field `field` of a row, opening at byte `begin`: any field, as
    // csv reads the rest of the file into it, named (`column`) at the line the quote opens on.
    let unclosed = |(field, begin, written): (usize, usize, &str), column: String| {
        ColumnError::UnclosedQuote {
            at: CellAt {
                path: path.to_string(),
                line: u64::from(line_column(text, begin).0),
                column_number: field + 1,
                column,
            },
            written: written.to_string(),
        }
    };
    // In the header row, where csv read the rest of the file as one name.
    if let Some(cell) = unclosed_quote(text, 0, separator.byte()) {
        return Err(unclosed(cell, "the header row".to_string()));
    }
    // A row's field, by its header's name, or as past them.
    let named = |field: usize| {
        (headers.get(field)).map_or_else(
            || format!("past the header's {} columns", headers.len()),
            shown_cell,
        )
    };
    let index = column_index(&headers, (path, text, separator), column)?;
    let at = |line: u64| CellAt {
        path: path.to_string(),
        line,
        column_number: index + 1,
        column: column.to_string(),
    };
    let mut cells = Vec::new();
    let mut summaries = Vec::new();
    let mut lines = Lines::new(text);
    for record in reader.records() {
        let record = record.map_err(|e| {
            let Some((start, found, expected)) = unequal_lengths(&e) else {
                return ColumnError::NotCsv {
                    path: path.to_string(),
                    source: e,
                };
            };
            let line = lines.line_of(start);
            // A row cut short by a quote never closed: the quote is the mistake.
            let start = usize::try_from(start).unwrap_or(usize::MAX);
            if let Some(cell) = unclosed_quote(text, start, separator.byte()) {
                return unclosed(cell, named(cell.0));
            }
            let row = usize::try_from(line.saturating_sub(1))
                .ok()
                .and_then(|i| text.lines().nth(i))
                .unwrap_or("");
            ColumnError::RowLength {
                path: path.to_string(),
                line,
                found,
                expected,
                row: row.trim_end_matches('\r').to_string(),
                commas: separator == Separator::Comma && found > expected,
            }
        })?;
        // A spreadsheet's blank row (`,,,`) is skipped, as a blank line is.
        if record.iter().all(str::is_empty) {
            continue;
        }
        let start = record.position().map_or(0, |p| p.byte());
        let line = lines.line_of(start);
        let start = usize::try_from(start).unwrap_or(usize::MAX);
        if let Some(cell) = unclosed_quote(text, start, separator.byte()) {
            return Err(unclosed(cell, named(cell.0)));
        }
        if let Some(written) = text_after_quote(text, start, index, separator.byte()) {
            return Err(ColumnError::AfterQuote {
                at: at(line),
                written: written.to_string(),
            });
        }
        // A minus pasted from a slide (`−1.5%`) is a minus, as `--set` reads it.
        let cell = with_ascii_minus(record.get(index).unwrap_or(""));
        cells.push((line, cell.into_owned()));
        summaries.push(
            record
                .iter()
                .enumerate()
                .find(|(i, cell)| *i != index && names_a_summary(cell))
                .map(|(_, cell)| cell.to_string()),
        );
    }
    let values = numbers(&cells, separator, &at)?;
    let rows: Vec<Row> = cells
        .into_iter()
        .zip(summaries)
        .map(|((line, written), summary)| Row {
            line,
            written,
            summary,
        })
        .collect();
    if let Some((other, first)) = mixed_units(&rows, &values) {
        return Err(ColumnError::MixedUnits {
            at: at(other.line),
            written: other.written.clone(),
            first: first.written.clone(),
            first_line: first.line,
        });
    }
    let cells: Vec<&str> = rows.iter().map(|r| r.written.as_str()).collect();
    Ok(Column {
        values,
        unit: written_unit(&cells),
        rows,
        column_number: index + 1,
    })
}

/// `text` as the rest of [`read_column`] reads it, and the separator a first line `sep=;`
/// declares (Excel's), if any. A spreadsheet's "CSV UTF-8" starts with a byte order mark,
/// which is not part of a name. Excel for Mac's "CSV (Macintosh)" ends each line in a carriage
/// return alone: read as line ends, a cell is named at its own line (every one was at line 1,
/// and a ragged row "read" the whole file); a file with newlines is read as it is (Windows'
/// `\r\n` is counted by [`Lines`], and a quoted cell keeps its own line ends), not copied.
/// The `sep=;` line is no header: left blank (a blank line is skipped), so that every line
/// keeps its number.
fn as_a_spreadsheet_wrote_it(text: &str) -> (std::borrow::Cow<'_, str>, Option<Separator>) {
    use std::borrow::Cow;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = match text.contains('\n') {
        true => Cow::Borrowed(text),
        false => crate::text::with_newlines(text),
    };
    let declared = declared_separator(&text);
    // A file of the `sep=;` line alone holds nothing after it: empty, as a file without one.
    let after_the_first_line = |text: &str| text.find('\n').unwrap_or(text.len());
    let text = match (declared, text) {
        (None, text) => text,
        (Some(_), Cow::Borrowed(text)) => Cow::Borrowed(&text[after_the_first_line(text)..]),
        (Some(_), Cow::Owned(text)) => Cow::Owned(text[after_the_first_line(&text)..].to_string()),
    };
    (text, declared)
}

/// A row of another length than the header's, as csv says it: where the row starts (a byte),
/// and its length and the header's. `None` for any other error.
fn unequal_lengths(error: &csv::Error) -> Option<(u64, u64, u64)> {
    match error.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => Some((pos.as_ref().map_or(0, |p| p.byte()), *len, *expected_len)),
        _ => None,
    }
}

/// `error` with the sign of the other amounts of the column (`cells`) where it refuses a sign
/// after the number that is another (`1,300,000 €` among `$` cells), so that its advice keeps to
/// the column's currency: "write `€1,300,000`" was then refused as a second currency.
fn mixed_currencies(error: ColumnError, cells: &[(u64, String)]) -> ColumnError {
    let ColumnError::CurrencyUnread {
        at,
        cell,
        mut mark,
        separator,
    } = error
    else {
        return error;
    };
    if let UnreadCurrency::SignAfter { sign, other, .. } = mark.as_mut() {
        *other = (cells.iter())
            .find_map(|(_, cell)| without_currency_sign(cell).map(|(sign, _)| sign))
            .filter(|other| other != sign);
    }
    ColumnError::CurrencyUnread {
        at,
        cell,
        mark,
        separator,
    }
}

/// The numbers the `cells` (each with its line) write, in a file cut by `separator`; a cell
/// that is no number is named by `at` its line.
fn numbers(
    cells: &[(u64, String)],
    separator: Separator,
    at: &dyn Fn(u64) -> CellAt,
) -> Result<Vec<f64>, ColumnError> {
    let read: Box<dyn Iterator<Item = Result<f64, ColumnError>>> = match separator {
        Separator::Comma => Box::new(cells.iter().map(|(line, cell)| {
            parse_number(&figure(cell)).map_err(|e| not_a_number(at(*line), cell, e, separator))
        })),
        _ => Box::new(decimal_point_numbers(cells, separator, at)),
    };
    let mut values = Vec::with_capacity(cells.len());
    // The cell told, and the lines of the others refused for the same reason.
    let mut refused: Option<(ColumnError, Vec<u64>)> = None;
    for (read, (line, _)) in read.zip(cells) {
        let error = match read {
            // A cell `-0` is 0: as a fit's end it read `"min": -0.0` in JSON.
            Ok(value) => {
                values.push(value + 0.0);
                continue;
            }
            Err(error) => error,
        };
        let two_ways = |e: &ColumnError| matches!(e, ColumnError::TwoWays { .. });
        match &mut refused {
            // A cell no number either way says more than one that reads two ways (`85,5%`
            // says the file's decimal mark), and is told first; a decimal comma's cell is
            // the same fix as those (`1,500` is 1.5 there), which count with it.
            Some((first, lines)) if two_ways(first) && !two_ways(&error) => {
                let lines = match (error.same_reason(first), &*first) {
                    (true, ColumnError::TwoWays { at, .. }) => {
                        [vec![at.line], std::mem::take(lines)].concat()
                    }
                    _ => Vec::new(),
                };
                refused = Some((error, lines));
            }
            Some((first, lines)) => {
                if first.same_reason(&error) {
                    lines.push(*line);
                }
            }
            None => refused = Some((error, Vec::new())),
        }
    }
    match refused {
        None => Ok(values),
        Some((first, lines)) if lines.is_empty() => Err(mixed_currencies(first, cells)),
        Some((first, lines)) => Err(ColumnError::MoreLikeIt {
            first: Box::new(mixed_currencies(first, cells)),
            lines,
        }),
    }
}

/// How many lines of the other cells [`ColumnError::MoreLikeIt`] names.
const LINES_NAMED: usize = 3;

/// [`ColumnError::MoreLikeIt`]'s last line: `… and 27 more cells like it in this column (lines
/// 5, 6, 7, …)`.
fn more_like_it(lines: &[u64]) -> String {
    let named: Vec<String> = lines.iter().take(LINES_NAMED).map(u64::to_string).collect();
    let (cells, line) = match lines.len() {
        1 => ("cell", "line"),
        _ => ("cells", "lines"),
    };
    let rest = if lines.len() > LINES_NAMED {
        ", …"
    } else {
        ""
    };
    format!(
        "… and {} more {cells} like it in this column ({line} {}{rest})",
        lines.len(),
        named.join(", ")
    )
}

/// Where `column` is among the `headers` of the file `path` (its `text`, cut by `separator`):
/// refused when the header is empty, names no such column (with the name nearest to it, and
/// the line below that may be the real header), or names it twice.
fn column_index(
    headers: &csv::StringRecord,
    (path, text, separator): (&str, &str, Separator),
    column: &str,
) -> Result<usize, ColumnError> {
    if headers.is_empty() {
        return Err(ColumnError::Empty {
            path: path.to_string(),
        });
    }
    let positions: Vec<usize> = (headers.iter().enumerate())
        .filter(|(_, h)| name_of(h) == column)
        .map(|(i, _)| i)
        .collect();
    match positions[..] {
        [index] => Ok(index),
        [] => {
            let names: Vec<&str> = headers.iter().collect();
            // Suggested as it can be typed: without its zero-width characters.
            let typable: Vec<String> = names.iter().map(|n| name_of(n).into_owned()).collect();
            let typable: Vec<&str> = typable.iter().map(String::as_str).collect();
            let near = same_but_case(column, &typable)
                .or_else(|| did_you_mean(column, typable.iter().copied()));
            Err(ColumnError::NoColumn {
                path: path.to_string(),
                column: column.to_string(),
                // As written, but for control characters (a header's newline printed raw
                // split the message: `multi` / `line`), and cut as a cell is (a header of
                // 80,000 characters was printed whole).
                columns: names.iter().map(|n| shown_cell(n)).collect(),
                // A name with a line break in it (Excel's Alt+Enter) as a shell takes it:
                // `multi\nline` typed as shown is another name.
                near: near.map(|n| match n.chars().any(crate::text::hidden) {
                    true => format!("--column {}", crate::text::shell_word(n)),
                    false => n.to_string(),
                }),
                header_below: (names.len() == 1)
                    .then(|| header_line(text, separator, column))
                    .flatten(),
                numbers_first: holds_figures(&names),
            })
        }
        _ => Err(ColumnError::Repeated {
            path: path.to_string(),
            column: column.to_string(),
            positions: positions.iter().map(|i| i + 1).collect(),
        }),
    }
}

/// A row whose figure is written as a percentage where the first figure is not (or the other
/// way round), with that first row; a 0 is the same figure with or without its `%`.
fn mixed_units<'a>(rows: &'a [Row], values: &[f64]) -> Option<(&'a Row, &'a Row)> {
    let mut figures = rows.iter().zip(values).filter(|(_, v)| **v != 0.0);
    let (first, _) = figures.next()?;
    let (other, _) = figures.find(|(row, _)| percent(&row.written) != percent(&first.written))?;
    Some((other, first))
}

/// Whether a cell is written as a percentage (`85%`).
fn percent(cell: &str) -> bool {
    unit_of(cell) == Unit::Percent
}

/// What kind of figure a cell is, in a message: `a percentage`, `an amount` (`710k`,
/// `$710,000`), `a number without %`.
fn kind(cell: &str) -> &'static str {
    unit_of(cell).kind().unwrap_or("a number without %")
}

/// The lines records start on, from where csv says they start, counted as the reader goes
/// down the file: the newlines between one record and the next are counted once, where
/// counting them from the top for each record made reading a column quadratic in its rows.
struct Lines<'a> {
    /// The file's text.
    text: &'a [u8],
    /// The byte counted up to.
    at: usize,
    /// The newlines before `at`.
    newlines: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text: text.as_bytes(),
            at: 0,
            newlines: 0,
        }
    }

    /// The line of the record starting at `byte`, from 1: csv's own line count is one short
    /// per row ended by `\r\n`, and its offset may lie on the line ends before the record
    /// (the `\n` of the row before's `\r\n`, or blank lines): the record starts past them.
    /// Records come in order; one before the last asked about is counted from the top again.
    fn line_of(&mut self, byte: u64) -> u64 {
        let mut at = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        if at < self.at {
            (self.at, self.newlines) = (0, 0);
        }
        while matches!(self.text.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        self.newlines += self.text[self.at..at]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.at = at;
        (self.newlines + 1) as u64
    }
}

/// Field `index` of the record that starts at byte `start` of `text`, as written, when it is
/// quoted and has more than white space after its closing quote (`"9"0%`): csv reads that as
/// the two run together (`90%`). Fields are split as csv splits them: a quote opens a quoted
/// field only as its first character, `""` inside one is a quote, and a separator or line end
/// inside one is part of it.
fn text_after_quote(text: &str, start: usize, index: usize, separator: u8) -> Option<&str> {
    let field = FieldsWritten::of(text, start, separator).nth(index)?.ok()?;
    let more = (field.closed).is_some_and(|end| !text[end..field.end].trim().is_empty());
    more.then(|| text[field.begin..field.end].trim_end())
}

/// The field of the record that starts at byte `start` of `text` whose opening quote is never
/// closed, with where the quote is and its line as written from there (`"0.7`): csv reads the
/// rest of the file into it. Fields are split as in
/// [`FieldsWritten`].
fn unclosed_quote(text: &str, start: usize, separator: u8) -> Option<(usize, usize, &str)> {
    FieldsWritten::of(text, start, separator)
        .enumerate()
        .find_map(|(field, read)| {
            let begin = read.err()?;
            let line = text[begin..].lines().next().unwrap_or("");
            Some((field, begin, line.trim_end()))
        })
}

/// A field of a record as written: where it begins, where its closing quote ends (a quoted
/// field), and where it ends (at the separator after it, or the line's end).
struct FieldWritten {
    begin: usize,
    closed: Option<usize>,
    end: usize,
}

/// The fields of the record that starts at byte `at` of `text`, split at `separator` as the
/// file writes them, quotes and all (a doubled quote inside quotes is one): each one, or the
/// byte its quote opens at where that quote is never closed, which ends them.
struct FieldsWritten<'a> {
    bytes: &'a [u8],
    separator: u8,
    /// Where the next field begins; `None` once the record has ended.
    at: Option<usize>,
}

impl<'a> FieldsWritten<'a> {
    fn of(text: &'a str, start: usize, separator: u8) -> FieldsWritten<'a> {
        let bytes = text.as_bytes();
        // csv's offset may be the `\n` of the previous row's `\r\n` (see [`Lines::line_of`]).
        let mut at = start;
        while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        FieldsWritten {
            bytes,
            separator,
            at: Some(at),
        }
    }
}

impl Iterator for FieldsWritten<'_> {
    type Item = Result<FieldWritten, usize>;

    fn next(&mut self) -> Option<Self::Item> {
        let (bytes, separator) = (self.bytes, self.separator);
        let begin = self.at.take()?;
        let mut at = begin;
        let mut closed = None;
        if bytes.get(at) == Some(&b'"') {
            at += 1;
            loop {
                match bytes.get(at) {
                    None => return Some(Err(begin)),
                    Some(b'"') if bytes.get(at + 1) == Some(&b'"') => at += 2,
                    Some(b'"') => {
                        at += 1;
                        closed = Some(at);
                        break;
                    }
                    Some(_) => at += 1,
                }
            }
        }
        while bytes
            .get(at)
            .is_some_and(|b| *b != separator && *b != b'\n' && *b != b'\r')
        {
            at += 1;
        }
        // The record goes on after a separator only.
        self.at = (bytes.get(at) == Some(&separator)).then_some(at + 1);
        Some(Ok(FieldWritten {
            begin,
            closed,
            end: at,
        }))
    }
}

/// The name of `names` that is `name` but for letter case and surrounding spaces (`Att` for
/// `att`), which the typo measure ranks too far off for a short name.
fn same_but_case<'a>(name: &str, names: &[&'a str]) -> Option<&'a str> {
    let folded = name.trim().to_lowercase();
    names
        .iter()
        .copied()
        .find(|n| n.trim().to_lowercase() == folded)
}

/// A header as a name: without the zero-width characters a spreadsheet or a paste may leave in
/// it (U+200B, U+2060, U+FEFF), which made `\u200battainment` no `attainment`, and its
/// did-you-mean look like the name asked for.
fn name_of(header: &str) -> std::borrow::Cow<'_, str> {
    if header.contains(zero_width) {
        header.replace(zero_width, "").into()
    } else {
        header.into()
    }
}

/// The separator Excel's first line `sep=;` (or `sep=,`, `sep=` and a tab) names.
fn declared_separator(text: &str) -> Option<Separator> {
    // Quoted when the file went through another program's CSV writer (`"sep=;"`).
    let first = text.lines().next()?.trim_end_matches('\r');
    let first = first
        .strip_prefix('"')
        .and_then(|f| f.strip_suffix('"'))
        .unwrap_or(first);
    match first.strip_prefix("sep=")? {
        "," => Some(Separator::Comma),
        ";" => Some(Separator::Semicolon),
        "\t" => Some(Separator::Tab),
        _ => None,
    }
}

/// A row as a message shows it: at most [`LONGEST_CELL_SHOWN`] characters, cut with `…`.
fn shown_row(row: &str) -> String {
    crate::text::cut_after(row, LONGEST_CELL_SHOWN).into_owned()
}

/// The characters of a cell or a row a message shows, past which it is cut with `…`.
const LONGEST_CELL_SHOWN: usize = 60;

/// A cell as a message shows it: its hidden characters escaped, cut after
/// [`LONGEST_CELL_SHOWN`] characters (an 80,000-character cell was printed whole).
fn shown_cell(cell: &str) -> String {
    printable(&shown_row(cell)).into_owned()
}

/// The errors a spreadsheet writes in place of a formula's result, as Excel, LibreOffice and
/// Google Sheets export them.
const SPREADSHEET_ERRORS: [&str; 10] = [
    "#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NUM!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!",
    "#ERROR!",
];

/// The error for a cell at `at` that is not a number: an empty one, a spreadsheet's error,
/// one with a currency where none is read ([`UnreadCurrency`]), or another.
fn not_a_number(at: CellAt, cell: &str, reason: NumberError, separator: Separator) -> ColumnError {
    if SPREADSHEET_ERRORS
        .iter()
        .any(|e| e.eq_ignore_ascii_case(cell.trim()))
    {
        return ColumnError::SpreadsheetError {
            at,
            cell: cell.to_string(),
        };
    }
    let mark = (reason != NumberError::Empty)
        .then(|| UnreadCurrency::of(cell))
        .flatten();
    if let Some(mark) = mark {
        return ColumnError::CurrencyUnread {
            at,
            cell: cell.to_string(),
            mark: Box::new(mark),
            separator,
        };
    }
    match reason {
        NumberError::Empty => ColumnError::Blank { at },
        reason => ColumnError::NotANumber {
            at,
            cell: cell.to_string(),
            reason: reason.told_as(|number| as_a_cell(number, separator)),
        },
    }
}

/// A currency beside a number where [`figure`] reads none, only a sign before an amount: with
/// what to write instead. Neither is read, for they are the owner's call: a sign after the
/// number is mostly a decimal comma's country's, and a code may be another currency's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnreadCurrency {
    /// A sign after the number (`1.200 €`), the number, and the sign of the column's other
    /// amounts where that is another (`$`: the advice keeps to the column's currency).
    SignAfter {
        sign: char,
        number: String,
        other: Option<char>,
    },
    /// A code, or letters before a sign (`CHF1200`, `1200 USD`, `US$1,200`), and the number.
    Code { code: String, number: String },
    /// A sign or a code beside a percentage (`$5%`), which is no amount, and the percentage.
    OnPercentage { mark: String, percent: String },
    /// Letters that are no suffix after a space (`1200 kg`), and the number: read "unknown
    /// suffix `kg` (use k, M, B, T or %)". A currency's abbreviation (`1200 kr`) is the
    /// grammar's to say ([`NumberError::Currency`]).
    Unit { word: String, number: String },
}

impl UnreadCurrency {
    /// The mark on `cell` where, without it, the cell is a number; `None` for any other cell.
    fn of(cell: &str) -> Option<UnreadCurrency> {
        let text = cell.trim();
        // An accountant's negative (`(1.200 €)`) is the number with a minus.
        let (paren_minus, text) = match text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
            Some(inner) => ("-", inner.trim()),
            None => ("", text),
        };
        let (minus, rest) = match text.strip_prefix(['-', '+']) {
            Some(_) if !paren_minus.is_empty() => return None,
            Some(rest) => (&text[..1], rest),
            None => (paren_minus, text),
        };
        let number = |written: &str| amount_beside_currency(minus, written);
        let marked = |mark: &str, number: String, code: bool| {
            let mark = mark.trim().to_string();
            Some(match (number.ends_with('%'), code) {
                (true, _) => UnreadCurrency::OnPercentage {
                    mark,
                    percent: number,
                },
                (false, true) => UnreadCurrency::Code { code: mark, number },
                (false, false) => UnreadCurrency::SignAfter {
                    sign: mark.chars().next()?,
                    number,
                    other: None,
                },
            })
        };
        // Before the number: a sign (`$5%`), a code (`CHF1200`), or letters and a sign (`US$`).
        if let Some((mark, figures)) = mark_before(rest)
            && let Some(number) = number(figures)
        {
            // A sign alone before the number is read, but on a percentage.
            let letters = !mark.starts_with(is_currency_sign);
            return match letters || number.ends_with('%') {
                true => marked(mark, number, letters),
                false => None,
            };
        }
        // After it: a sign (`1.200 €`), or a code (`1200 CHF`).
        let after_mark = match rest.char_indices().last()? {
            (i, c) if is_currency_sign(c) => Some((&rest[..i], &rest[i..])),
            _ => {
                let letters = rest.len()
                    - rest
                        .trim_end_matches(|c: char| c.is_ascii_uppercase())
                        .len();
                let at = rest.len() - letters;
                (is_currency_code(&rest[at..])).then_some((&rest[..at], &rest[at..]))
            }
        };
        if let Some((figures, after)) = after_mark {
            return marked(
                after,
                number(figures)?,
                !after.starts_with(is_currency_sign),
            );
        }
        // Beside a percentage, either side: a currency's abbreviation (`5% kr`, `Fr. 5%`), which
        // the grammar says is a currency only beside an amount (`1200 kr`).
        if let Some(marked) = CURRENCY_ABBREVIATIONS.iter().find_map(|word| {
            let figures = (rest.strip_suffix(word)).or_else(|| rest.strip_prefix(word))?;
            let percent = number(figures).filter(|n| n.ends_with('%'))?;
            marked(word, percent, true)
        }) {
            return Some(marked);
        }
        // After it, past a space: letters that are no suffix (`1200 kg`), where the grammar
        // finds an unknown suffix or no number (not `6.5 million`, `84.1 pts`, `1200 kr`).
        let (figures, word) = rest.rsplit_once(' ')?;
        let letters = word.strip_suffix('.').unwrap_or(word);
        let unread = matches!(
            parse_number(text),
            Err(NumberError::UnknownSuffix(_) | NumberError::NotANumber)
        );
        (unread && !letters.is_empty() && letters.chars().all(char::is_alphabetic))
            .then(|| number(figures))?
            .filter(|n| !n.ends_with('%'))
            .map(|number| UnreadCurrency::Unit {
                word: word.to_string(),
                number,
            })
    }

    /// The currency or unit as written (`€`, `US$`, `kg`).
    fn written(&self) -> Cow<'_, str> {
        match self {
            UnreadCurrency::SignAfter { sign, .. } => Cow::Owned(sign.to_string()),
            UnreadCurrency::Code { code: mark, .. }
            | UnreadCurrency::OnPercentage { mark, .. }
            | UnreadCurrency::Unit { word: mark, .. } => Cow::Borrowed(mark),
        }
    }
}

/// How to write `number`, found beside a currency, in a file cut by `separator`: `write
/// `1200``, or where its point may group thousands, both readings and how to write each (a
/// column whose other cells have a decimal point reads `1.300` as 1.3).
fn write_plainly(number: &str, separator: Separator) -> String {
    match point_readings(number) {
        Some((readings, hint)) => format!("`{}` is {readings}: {hint}", shown_cell(number)),
        None => format!("write `{}`", as_a_cell(&shown_cell(number), separator)),
    }
}

/// What to write for a cell with an [`UnreadCurrency`], in a file cut by the separator: a
/// number told as a cell of it (`"1,200"`: `1,200` unquoted split the row in two).
struct Advice<'a>(&'a UnreadCurrency, Separator);

impl fmt::Display for Advice<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Advice(mark, separator) = *self;
        let cell = |number: &str| as_a_cell(&shown_cell(number), separator);
        match mark {
            // Another sign would be refused beside the column's (`$`): the plain number only.
            UnreadCurrency::SignAfter {
                number,
                other: Some(other),
                ..
            } => write!(
                f,
                "a currency sign after the number, in a column of `{other}` amounts, so the \
                 column mixes currencies, which are not converted; if it is in `{other}`, {}",
                write_plainly(number, separator)
            ),
            // Its point may group thousands (`1.300 €`): the number is not echoed, as a column
            // whose other cells have a decimal point reads `1.300` as 1.3.
            UnreadCurrency::SignAfter { sign, number, .. } => match point_readings(number) {
                Some(_) => write!(
                    f,
                    "a currency sign after the number, where only one before it is read, and {}",
                    write_plainly(number, separator)
                ),
                // The minus before the sign, as amounts are written (`-€1200`, not `€-1200`).
                None => {
                    let (minus, magnitude) = match number.strip_prefix('-') {
                        Some(magnitude) => ("-", magnitude),
                        None => ("", number.as_str()),
                    };
                    write!(
                        f,
                        "a currency sign after the number, where only one before it is read; \
                         write `{}` or `{}`",
                        cell(&format!("{minus}{sign}{magnitude}")),
                        cell(number)
                    )
                }
            },
            UnreadCurrency::Code { code, number } => write!(
                f,
                "a currency code, which is not read; {}",
                without_currency(code, &as_a_cell(number, separator))
            ),
            UnreadCurrency::OnPercentage { mark, percent } => write!(
                f,
                "`{}` on a percentage, which is no amount; write `{}`",
                shown_cell(mark),
                cell(percent)
            ),
            UnreadCurrency::Unit { word, number } => write!(
                f,
                "`{}` is a currency or a unit, which is not read; {}",
                shown_cell(word),
                write_plainly(number, separator)
            ),
        }
    }
}

/// What separates the fields of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    /// `,`: what "CSV" means where the decimal mark is a point.
    Comma,
    /// `;`: what a spreadsheet set to a decimal comma writes as "CSV".
    Semicolon,
    /// A tab: "Text" and "Unicode Text" exports, and a copied range.
    Tab,
}

impl Separator {
    /// The separator a file uses: of `,`, `;` and tab, the one its header line has most of
    /// outside quotes, a comma when it has none or on a tie. A spreadsheet set to a decimal
    /// comma saves "CSV" with `;`, and "Text" exports use tabs.
    fn of(text: &str) -> Separator {
        let (mut quoted, mut counts) = (false, [0usize; 3]);
        for c in text.chars() {
            match c {
                '"' => quoted = !quoted,
                '\n' | '\r' if !quoted => break,
                ',' if !quoted => counts[0] += 1,
                ';' if !quoted => counts[1] += 1,
                '\t' if !quoted => counts[2] += 1,
                _ => {}
            }
        }
        let [comma, semicolon, tab] = counts;
        if semicolon > comma && semicolon >= tab {
            Separator::Semicolon
        } else if tab > comma && tab > semicolon {
            Separator::Tab
        } else {
            Separator::Comma
        }
    }

    /// The byte csv splits fields at.
    fn byte(self) -> u8 {
        match self {
            Separator::Comma => b',',
            Separator::Semicolon => b';',
            Separator::Tab => b'\t',
        }
    }

    /// Its name in a message: "semicolon-separated".
    fn name(self) -> &'static str {
        match self {
            Separator::Comma => "comma-separated",
            Separator::Semicolon => "semicolon-separated",
            Separator::Tab => "tab-separated",
        }
    }
}

/// How a cell reads with a decimal point (the number grammar) and with a decimal comma (`.`
/// and `,` swapped): a file separated by `;` or tabs may come from a spreadsheet set to either.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Reading {
    /// The same number either way (`85%`, `12`), or only with a decimal point (`0.85`,
    /// `1,200,000`).
    Point { value: f64, only: bool },
    /// A number only with a decimal comma (`85,5%`, `1.200.000`).
    CommaOnly,
    /// Two different numbers (`1,500`: 1500 or 1.5; `1.500`: 1.5 or 1500).
    TwoWays,
}

impl Reading {
    /// Whether the cell shows its point is a decimal point: a number only so read.
    fn shows_the_point(&self) -> bool {
        matches!(self, Reading::Point { only: true, .. })
    }
}

/// `cell` read both ways, or why it is no number with a decimal point nor a decimal comma.
fn reading(cell: &str) -> Result<Reading, NumberError> {
    let cell = figure(cell);
    match (parse_number(&cell), parse_number(&marks_swapped(&cell))) {
        (Ok(point), Ok(comma)) if point == comma => Ok(Reading::Point {
            value: point,
            only: false,
        }),
        (Ok(_), Ok(_)) => Ok(Reading::TwoWays),
        (Ok(point), Err(_)) => Ok(Reading::Point {
            value: point,
            only: true,
        }),
        (Err(_), Ok(_)) => Ok(Reading::CommaOnly),
        (Err(e), Err(_)) => Err(e),
    }
}

/// The numbers of a column of a file separated by `;` or tabs, read with a decimal point as in
/// every file, each or why its cell is refused. A cell that is a number only with a decimal
/// comma (`85,5%`) is refused, and so is one that reads as two numbers (`1,500`) unless another
/// cell of the column shows the decimal point (`0.85`, `1,200,000`); `at(line)` is where a cell
/// of the column is.
fn decimal_point_numbers<'a>(
    cells: &'a [(u64, String)],
    separator: Separator,
    at: &'a dyn Fn(u64) -> CellAt,
) -> impl Iterator<Item = Result<f64, ColumnError>> + 'a {
    let readings: Vec<Result<Reading, NumberError>> =
        cells.iter().map(|(_, cell)| reading(cell)).collect();
    let point_shown =
        (readings.iter()).any(|read| read.as_ref().is_ok_and(Reading::shows_the_point));
    let not_a_number = move |line: u64, cell: &str, e| not_a_number(at(line), cell, e, separator);
    readings
        .into_iter()
        .zip(cells)
        .map(move |(read, (line, cell))| match read {
            Err(e) => Err(not_a_number(*line, cell, e)),
            Ok(Reading::CommaOnly) => Err(ColumnError::DecimalComma {
                at: at(*line),
                cell: cell.clone(),
            }),
            Ok(Reading::Point { value, .. }) => Ok(value),
            // Shown a decimal point elsewhere, the column is read as a comma-separated file is.
            Ok(_) if point_shown => {
                parse_number(&figure(cell)).map_err(|e| not_a_number(*line, cell, e))
            }
            Ok(_) => Err(ColumnError::TwoWays {
                at: at(*line),
                cell: cell.clone(),
                separator,
            }),
        })
}

/// `number` as a cell of a file cut by `separator` holds it: in quotes where it holds the
/// separator (`"-1,200"`), which would cut it in two otherwise; elsewhere without grouping
/// commas that would read two ways (`1200`: `1,200` there is refused as 1200 or 1.2).
fn as_a_cell(number: &str, separator: Separator) -> String {
    if number.contains(char::from(separator.byte())) {
        format!("\"{number}\"")
    } else if matches!(reading(number), Ok(Reading::TwoWays)) && number.contains(',') {
        number.replace(',', "")
    } else {
        number.to_string()
    }
}

/// `n` fields, in words.
fn fields(n: u64) -> String {
    match n {
        1 => "1 field".to_string(),
        n => format!("{n} fields"),
    }
}

/// The unit a column's cells are written in.
fn written_unit(cells: &[&str]) -> Unit {
    if !cells.is_empty() && cells.iter().all(|c| percent(c)) {
        Unit::Percent
    } else if cells.iter().any(|c| unit_of(c) == Unit::Amount) {
        Unit::Amount
    } else {
        Unit::Plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_header_is_listed_cut_not_whole() {
        let text = format!("q,{}\n1,2\n", "h".repeat(80_000));
        let said = read_column("a.csv", &text, "attainment")
            .expect_err("no such column")
            .to_string();
        assert!(
            said.starts_with("a.csv: no column `attainment`; the columns are "),
            "{said}"
        );
        assert!(said.len() < 400, "{} bytes", said.len());
    }

    #[test]
    fn a_long_bad_cell_is_shown_cut_not_whole() {
        // An 80,000-character cell was printed whole, in each message that named it.
        let long = "x".repeat(80_000);
        let mixed = format!("85{}", "%".repeat(80_000));
        for cell in [long, mixed] {
            let text = format!("attainment\n0.8\n{cell}\n0.7\n");
            let said = read_column("a.csv", &text, "attainment")
                .expect_err("no number")
                .to_string();
            assert!(said.starts_with("a.csv:3:1: attainment: found `"), "{said}");
            assert!(said.len() < 400, "{} bytes", said.len());
            assert!(said.contains("…"), "{said}");
        }
    }

    #[test]
    fn the_separator_is_the_one_the_header_line_uses_most_outside_quotes() {
        assert_eq!(Separator::of("a,b\n1;2;3\n"), Separator::Comma);
        assert_eq!(Separator::of("\"a, b\";c\n"), Separator::Semicolon);
        assert_eq!(Separator::of("a\tb\tc,d\n"), Separator::Tab);
        assert_eq!(Separator::of("a\n"), Separator::Comma);
    }

    #[test]
    fn lines_counted_down_the_file_are_the_lines_counted_from_the_top() {
        let text = "a,b\r\n\r\n\"x,\r\ny\",1\r\n2,3\n\n4,5\r\n";
        // A record starts past any line ends at its offset.
        let from_top = |at: usize| {
            let bytes = text.as_bytes();
            let start = (at..bytes.len())
                .find(|&i| !matches!(bytes[i], b'\r' | b'\n'))
                .unwrap_or(bytes.len());
            (bytes[..start].iter().filter(|b| **b == b'\n').count() + 1) as u64
        };
        let mut lines = Lines::new(text);
        for at in 0..=text.len() {
            assert_eq!(lines.line_of(at as u64), from_top(at), "byte {at}");
        }
        // Asked again about an earlier record, it counts from the top.
        assert_eq!(lines.line_of(5), from_top(5));
    }

    #[test]
    fn a_row_after_blank_crlf_lines_is_named_by_its_own_line() {
        // csv's offset for the row lies on the blank line before it: it read ":2:" for line 3.
        for (text, line) in [
            ("a,b\r\n\r\nx,oops\r\n", 3),
            ("a,b\r\n\r\n\r\nx,oops\r\n", 4),
            ("a,b\n\nx,oops\n", 3),
            ("a,b\r\nx,oops\r\n", 2),
            // Excel for Mac's "CSV (Macintosh)": every cell was at line 1.
            ("a,b\rw,1\r\rx,oops\r", 4),
        ] {
            match read_column("c.csv", text, "b") {
                Err(ColumnError::NotANumber { at, .. }) => assert_eq!(at.line, line, "{text:?}"),
                other => panic!("{text:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_stray_quote_is_found_behind_quoted_separators_and_crlf_line_ends() {
        let text = "a;b\r\n\r\n\"x;\r\ny\";1\r\n\"2\"\"\";\"9\"0%\r\n";
        match read_column("s.csv", text, "b") {
            Err(ColumnError::AfterQuote { at, written }) => {
                assert_eq!((at.line, written.as_str()), (5, "\"9\"0%"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_quote_never_closed_is_named_where_it_opens_not_as_the_rest_of_the_file() {
        // csv read `"0.7` and every line after it as one cell: "found `0.7\n4,0.85…` (not a
        // number)". In the column fitted, in another (a row then one field short), or past a
        // quoted cell that holds a line end.
        let cases = [
            ("q,a\n1,0.8\n3,\"0.7\n4,0.85\n5,0.75\n", 3, 2, "a", "\"0.7"),
            ("q,a\n1,0.8\n\"2,0.9\n3,0.7\n", 3, 1, "q", "\"2,0.9"),
            (
                "q;a\r\n\"x\r\ny\";1\r\n\"2;\"\"3\r\n",
                4,
                1,
                "q",
                "\"2;\"\"3",
            ),
            // On the line the quote opens on, not its row's first; past the header's columns.
            ("q,r,a\n\"x\ny\",1,\"0.7\n4,5,0.8\n", 3, 3, "a", "\"0.7"),
            (
                "q,a\n1,0.8,\"3\n4,0.9\n",
                2,
                3,
                "past the header's 2 columns",
                "\"3",
            ),
        ];
        for (text, line, column_number, column, shown) in cases {
            match read_column("u.csv", text, "a") {
                Err(ColumnError::UnclosedQuote { at, written }) => {
                    assert_eq!(
                        (
                            at.line,
                            at.column_number,
                            at.column.as_str(),
                            written.as_str()
                        ),
                        (line, column_number, column, shown),
                        "{text:?}"
                    );
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
        // Quotes closed, over lines or not, are read as before.
        let text = "q,a\n\"x\ny\",0.9\n3,\"0.7\"\n";
        assert_eq!(read_column("u.csv", text, "a").unwrap().values, [0.9, 0.7]);
    }

    #[test]
    fn a_quote_never_closed_in_the_header_row_is_named_where_it_opens() {
        // It read as a column named `att\n0.5,0.3\n0.6,0.4`, offered as a did-you-mean.
        let said = read_column("h.csv", "quota,\"att\n0.5,0.3\n0.6,0.4\n", "att")
            .unwrap_err()
            .to_string();
        assert_eq!(
            said,
            "h.csv:1:2: the header row: found `\"att` (a quote that is never closed: the rest of \
             the file would be this one cell), expected a closing quote at the end of the cell, \
             or no quotes"
        );
    }

    #[test]
    fn a_first_line_of_figures_in_several_columns_is_said_to_hold_figures() {
        // Only a file of one column was told so.
        let said = read_column("n.csv", "120000,0.3\n135000,0.28\n", "att")
            .unwrap_err()
            .to_string();
        assert_eq!(
            said,
            "n.csv: no column `att`; the columns are 120000, 0.3 (the first line holds figures, \
             not names: put a line naming its 2 columns, `att` among them, above them)"
        );
    }

    #[test]
    fn a_header_row_of_years_is_read_as_names() {
        let said = read_column("y.csv", "2024,2025\n0.8,0.9\n", "att")
            .unwrap_err()
            .to_string();
        assert_eq!(said, "y.csv: no column `att`; the columns are 2024, 2025");
    }

    #[test]
    fn a_spreadsheets_blank_row_is_skipped_but_one_empty_cell_is_not() {
        let text = "q,region,att\n1,Kanto,80%\n,,\n2,Kansai,90%\n , ,\n";
        let column = read_column("q.csv", text, "att").unwrap();
        assert_eq!(column.values, vec![0.8, 0.9]);
        match read_column("q.csv", "q,region,att\n1,Kanto,80%\n2,Kansai,\n", "att") {
            Err(ColumnError::Blank { at }) => assert_eq!(at.line, 3),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_spreadsheets_error_in_a_cell_is_told_to_be_fixed_or_its_row_deleted() {
        // Each read a bare "(not a number)", where an empty cell is told what to do.
        for error in [
            "#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NUM!", "#NAME?", "#NULL!",
        ] {
            for (separator, text) in [
                (",", "q,a\nQ1,0.8\nQ2,ERR\n"),
                (";", "q;a\nQ1;0.8\nQ2;ERR\n"),
            ] {
                let said = read_column("e.csv", &text.replace("ERR", error), "a")
                    .unwrap_err()
                    .to_string();
                assert_eq!(
                    said,
                    format!(
                        "e.csv:3:2: a: found `{error}`, expected a number such as 0.85, 85% or \
                         1.2M (`{error}` is a spreadsheet's error, not a figure: fix the formula \
                         or delete the row)"
                    ),
                    "separated by `{separator}`"
                );
            }
        }
    }

    #[test]
    fn a_column_of_cells_refused_alike_is_told_how_many_more_and_where() {
        // 28 cells with a decimal comma were told one a run: 28 runs to mend them.
        let cells: String = (1..=28).map(|q| format!("Q{q};0,{}\n", 60 + q)).collect();
        let said = read_column("d.csv", &format!("q;a\n{cells}"), "a")
            .unwrap_err()
            .to_string();
        assert_eq!(
            said,
            "d.csv:2:2: a: found `0,61` (a number as a spreadsheet set to a decimal comma writes \
             it), expected it with a decimal point: `0.61`\n… and 27 more cells like it in this \
             column (lines 3, 4, 5, …)"
        );
    }

    #[test]
    fn only_cells_refused_for_the_same_reason_are_counted_with_the_first() {
        let text = "q;a\nQ1;0,61\nQ2;n/a\nQ3;\nQ4;0,62\nQ5;0.7\n";
        let said = read_column("d.csv", text, "a").unwrap_err().to_string();
        assert!(
            said.ends_with("\n… and 1 more cell like it in this column (line 5)"),
            "{said}"
        );
    }

    #[test]
    fn cells_that_read_two_ways_are_counted_with_a_decimal_comma_told_in_their_column() {
        // `1,500` was set aside, uncounted, while `0,7` was told; once `0,7` and `0,8` were
        // written `0.7` and `0.8`, the column showed the point and `1,500` read as 1500.
        let text = "q;a\nQ1;1,500\nQ2;1,600\nQ3;0,7\nQ4;0,8\nQ5;1,700\n";
        let said = read_column("m.csv", text, "a").unwrap_err().to_string();
        assert!(
            said.ends_with("\n… and 4 more cells like it in this column (lines 2, 3, 5, …)"),
            "{said}"
        );
    }

    #[test]
    fn a_column_of_percentages_is_read_as_fractions_in_percent() {
        let column = read_column("q.csv", "\u{feff}q;att\r\n1;80%\r\n2;92.5%\r\n", "att").unwrap();
        assert_eq!(
            column,
            Column {
                values: vec![0.8, 0.925],
                unit: Unit::Percent,
                rows: vec![
                    Row {
                        line: 2,
                        written: "80%".into(),
                        summary: None
                    },
                    Row {
                        line: 3,
                        written: "92.5%".into(),
                        summary: None
                    },
                ],
                column_number: 2,
            }
        );
    }

    #[test]
    fn a_summary_row_is_named_by_its_label_or_by_being_the_sum_of_the_others() {
        let labels = [
            "Total",
            "TOTAL:",
            "Grand total",
            "average attainment",
            "Sum (Q1-Q4)",
            "Total: 2025",
            "Mean",
            "Median:",
            // Last in the cell, as Excel's Subtotal command writes it.
            "2022 Total",
            "Q1-Q4 Total",
            "Q1 sub-total",
            "Team average",
            "Gesamt 2024",
            // As German, Dutch, Italian, Spanish, Portuguese and Polish spreadsheets write
            // them (these were fitted as actuals, without a note).
            "Gesamtergebnis",
            "2022 Ergebnis",
            "Eindtotaal",
            "Totale complessivo",
            "Suma",
            "Soma",
            "Razem",
            "Durchschnitt",
            "Moyenne",
            "Ø",
            "Avg.",
            "2022 Suma",
            "2022 gesamt",
            "Ø Umsatz",
            "Promedio general",
            "Moyenne générale",
            "Gemiddelde 2022",
        ];
        for label in labels {
            assert!(names_a_summary(label), "{label}");
        }
        for label in [
            "Summer",
            "Meantime",
            "Mean Street",
            "Q4",
            "totally",
            "",
            "Checksum",
            "Mike Sum",
            "Total-ly",
            "Media & Entertainment",
            "Social media",
        ] {
            assert!(!names_a_summary(label), "{label}");
        }
        let notes =
            |file: &str, text: &str| read_column(file, text, "n").unwrap().summary_notes(file);
        let text = "q,n\n1,80%\n2,90%\nAverage,85%\n3,70%\n4,95%\n";
        let said = notes("a.csv", text);
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(
            said[0].starts_with("a.csv:4: the row says `Average`"),
            "{said:?}"
        );
        // A total written at fewer digits than its parts is still their sum (4.83M for 4.834M,
        // 0.08% off); 0.15% off is not.
        let text = "q,n\n1,1.234M\n2,2.1M\n3,0.5M\n4,0.7M\n5,0.3M\n6,0.4M\n7,0.6M\n8,0.1M\n\
                    9,5.93M\n";
        let said = notes("s.csv", text);
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].starts_with("s.csv:10: 5.93M is the sum of all the other values"));
        assert!(notes("s.csv", &text.replace("5.93M", "5.925M")).is_empty());
        // Eight parts that are not 0 make a sum; seven do not (among a few small values one is
        // their sum by chance), nor do zeros, which are the sum of zeros.
        let seven = "n\n1\n2\n3\n0\n4\n5\n6\n7\n28\n";
        assert_eq!(notes("f.csv", seven).len(), 0);
        assert_eq!(notes("f.csv", &seven.replace("28", "8\n36")).len(), 1);
        assert!(notes("f.csv", "n\n1\n2\n3\n1\n2\n9\n").is_empty());
        assert!(notes("f.csv", "n\n1%\n2%\n3%\n0%\n6%\n").is_empty());
        assert!(notes("z.csv", "n\n0\n0\n0\n0\n0\n0\n0\n").is_empty());
        // A segment named as some language names an average (`Media`) is no summary row, so
        // the `Total` under the segments is still their sum, and left out (it was fitted).
        let segments = "s,b\nRetail,1.2M\nFinance,2.4M\nMedia,0.9M\nHealth,1.5M\nEnergy,1.1M\n\
                        Total,7.1M\n";
        let (fitted, said) = read_column("v.csv", segments, "b")
            .unwrap()
            .to_fit("v.csv", false);
        assert_eq!(fitted.values.len(), 5, "{said:?}");
        assert!(!fitted.values.contains(&7.1e6), "{said:?}");
        // German Excel's average and pivot total are left out as English ones are.
        for (text, kept) in [
            ("q,n\n1,80%\n2,90%\n3,70%\nDurchschnitt,80%\n", 3),
            ("q;n\n1;1M\n2;2M\n3;3M\n4;1M\nGesamtergebnis;7M\n", 4),
        ] {
            let (fitted, said) = read_column("de.csv", text, "n")
                .unwrap()
                .to_fit("de.csv", false);
            assert_eq!(fitted.values.len(), kept, "{text} {said:?}");
        }
    }

    #[test]
    fn an_average_row_under_the_total_does_not_hide_it() {
        // Twelve months, their total, and their average: the total is the sum of the months,
        // not of the months and the average, and is left out; so is the average, labelled
        // and the months' mean (it was fitted as one more value, with a note).
        let months: String = (0..12)
            .map(|m| format!("2024-{},{}\n", m + 1, 107 + 7 * m))
            .collect();
        for (total, average) in [(",1746\n", "Avg,145.5\n"), ("Total,1746\n", "Avg,145.5\n")] {
            for text in [
                format!("m,x\n{months}{total}{average}"),
                format!("m,x\n{months}{average}{total}"),
            ] {
                let column = read_column("sum.csv", &text, "x").unwrap();
                let (fitted, said) = column.to_fit("sum.csv", false);
                assert_eq!(fitted.values.len(), 12, "{text}");
                assert!(!fitted.values.contains(&1746.0), "{text}");
                assert_eq!(said.len(), 2, "{said:?}");
                // With a labelled total beside it, the average is of the rows but the
                // summary rows; an unlabelled total is no summary row.
                let but = if total.starts_with("Total") {
                    " but the summary rows"
                } else {
                    ""
                };
                assert!(
                    said.iter().any(|s| s.contains(&format!(
                        "the row says `Avg` and 145.5 is the average of all the other values{but}: \
                         it is left out"
                    ))),
                    "{said:?}"
                );
                assert!(
                    said.iter().any(|s| s.contains(
                        "1746 is the sum of all the other values but the summary rows, a total \
                         row: it is left out"
                    )),
                    "{said:?}"
                );
            }
        }
    }

    #[test]
    fn what_spreadsheets_add_to_a_csv_is_read_or_named() {
        // Excel's `sep=;` line named the separator: "no column `attainment`; the columns are
        // sep=". Lines keep their numbers.
        let column = read_column("s.csv", "sep=;\r\nq;a\r\n1;81%\r\n2;x\r\n", "a").unwrap_err();
        assert!(
            column.to_string().starts_with("s.csv:4:2: a: found `x`"),
            "{column}"
        );
        for first in ["sep=;", "\"sep=;\""] {
            let text = format!("{first}\nq;a\n1;81%\n2;71%\n");
            assert_eq!(
                read_column("s.csv", &text, "a").unwrap().values,
                [0.81, 0.71]
            );
        }
        // The line alone, with or without its line end, is an empty file, not a header `sep=`.
        for text in ["sep=;", "sep=;\n"] {
            let error = read_column("s.csv", text, "a").unwrap_err().to_string();
            assert!(error.starts_with("s.csv: found an empty file"), "{error}");
        }
        // A zero-width space in a header is no part of its name (the did-you-mean looked like
        // the name asked for).
        let column = read_column("z.csv", "q,\u{200b}a\n1,81%\n2,71%\n", "a").unwrap();
        assert_eq!(column.values, [0.81, 0.71]);
        let error = read_column("z.csv", "q,\u{200b}Attain\n1,81%\n", "attain").unwrap_err();
        assert!(
            error.to_string().ends_with("(did you mean `Attain`?)"),
            "suggested as it can be typed: {error}"
        );
        // A row of the wrong length is shown, with the quotes a number with commas needs.
        let error = read_column("u.csv", "rep,b\nr1,\"900,000\"\nr2,1,200,000\n", "b")
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "u.csv:3: found 4 fields, expected 2 as in the header row (the row reads \
             `r2,1,200,000`); a number with thousands commas is written in quotes there \
             (\"1,200,000\")"
        );
        // The header row written again is said to be one.
        let error = read_column("h.csv", "q,a\n1,81%\nq,a\n2,71%\n", "a")
            .unwrap_err()
            .to_string();
        assert!(
            error.ends_with("(the header row again? delete the line)"),
            "{error}"
        );
        // A slide's minus is a minus; an accountant's negative says how to write it (both
        // were a bare "not a number").
        let column = read_column("m.csv", "q,g\nQ1,\u{2212}1.5%\nQ2,2%\n", "g").unwrap();
        assert_eq!(column.values, [-0.015, 0.02]);
        let error = read_column("b.csv", "q,g\nQ1,(1.5%)\nQ2,2%\n", "g")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("found `(1.5%)` (a negative as accounts write it; write `-1.5%`)"),
            "{error}"
        );
        // A column pasted without its header: "no column `att`; the columns are 0.81".
        let error = read_column("n.csv", "0.81\n0.71\n0.9\n", "att")
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "n.csv: no column `att`; the columns are 0.81 (the first line holds figures, not \
             names: put a line `att` above them)"
        );
    }

    #[test]
    fn an_amount_exported_with_its_currency_sign_reads_as_the_amount() {
        // A spreadsheet's currency format exports `"$1,200,000"`: refused as "a currency;
        // write amounts without `$`", cell by cell, for the whole column.
        let signed = "q,booked\nQ1,\"$1,200,000\"\nQ2,\"-$1,350.50\"\nQ3,$-980\nQ4,€ 3.5M\n";
        let column = read_column("s.csv", signed, "booked").unwrap();
        assert_eq!(column.values, [1_200_000.0, -1350.5, -980.0, 3_500_000.0]);
        assert_eq!(column.unit, Unit::Amount, "a currency sign marks an amount");
        assert_eq!(column.rows[0].written, "$1,200,000", "kept as written");
        let semicolons = "q;booked\nQ1;$1,200,000\nQ2;$950,000.50\n";
        let column = read_column("s.csv", semicolons, "booked").unwrap();
        assert_eq!(column.values, [1_200_000.0, 950_000.5]);
        // What follows the sign is read as any cell is, and refused as one would be.
        let refused = |cell: &str| {
            let text = format!("q,a\nQ1,\"{cell}\"\n");
            read_column("r.csv", &text, "a").unwrap_err().to_string()
        };
        let grouped = refused("$1,20,000");
        assert!(
            grouped.contains("`,` must separate groups of three digits"),
            "{grouped}"
        );
        let accounts = refused("($1,200)");
        assert!(
            accounts.contains("(a negative as accounts write it; write `\"-1,200\"`)"),
            "{accounts}"
        );
        for cell in ["$5%", "-$-5", "US$1,200", "1,200 €", "$$5"] {
            let said = refused(cell);
            assert!(said.contains(&format!("found `{cell}`")), "{cell}: {said}");
        }
        let decimal_comma = read_column("e.csv", "q;a\nQ1;€1.250,50\n", "a")
            .unwrap_err()
            .to_string();
        assert!(
            decimal_comma.ends_with("expected it with a decimal point: `1250.5`"),
            "{decimal_comma}"
        );
        // A scenario's value keeps the grammar, which writes amounts without a currency.
        assert!(parse_number("$1,200,000").is_err());
    }

    /// Asserts each cell, alone in a column, is refused with its reason.
    fn refused_as(cases: &[(&str, &str)]) {
        for (cell, reason) in cases {
            let text = format!("q,a\nQ1,\"{cell}\"\n");
            assert_eq!(
                read_column("r.csv", &text, "a").unwrap_err().to_string(),
                format!(
                    "r.csv:2:2: a: found `{cell}` ({reason}), expected a number such as 0.85, \
                     85% or 1.2M"
                )
            );
        }
    }

    #[test]
    fn a_cell_told_in_a_comma_separated_file_reads_as_one_cell_when_written_as_told() {
        // `"(1,200)"` was told to write `-1,200`, which, written so, cut the row in three.
        let error = read_column("b.csv", "q,a\nQ1,\"(1,200)\"\n", "a")
            .unwrap_err()
            .to_string();
        let told = error
            .split_once("write `")
            .and_then(|(_, rest)| rest.split('`').next())
            .unwrap_or_else(|| panic!("no cell told: {error}"));
        let column = read_column("b.csv", &format!("q,a\nQ1,{told}\n"), "a")
            .map(|c| c.values)
            .map_err(|e| e.to_string());
        assert_eq!(column, Ok(vec![-1200.0]), "told {told}");
    }

    #[test]
    fn a_currency_fit_does_not_read_is_refused_with_what_to_write() {
        // A sign after the number, a code or a sign on a percentage read "a currency; write
        // amounts without `€`, as in 300k" or "not a number"; `$(1,200)` "as in 300k" where
        // `($1,200)` and `(1,200)` said to write `-1,200`.
        refused_as(&[
            (
                "1200 €",
                "a currency sign after the number, where only one before it is read; write \
                 `€1200` or `1200`",
            ),
            // Its point read either way: not echoed (`1.200`, written back, was fitted as 1.2
            // beside a cell with a decimal point).
            (
                "1.200 €",
                "a currency sign after the number, where only one before it is read, and \
                 `1.200` is 1.2, or 1,200 with the point grouping thousands: write 1200 for \
                 1,200, or 1.2",
            ),
            (
                "CHF1200",
                "a currency code, which is not read; write amounts without `CHF`, as in 1200",
            ),
            ("$5%", "`$` on a percentage, which is no amount; write `5%`"),
            (
                "$(1,200)",
                "a negative as accounts write it; write `\"-1,200\"`",
            ),
        ]);
    }

    #[test]
    fn a_number_told_beside_an_unread_currency_is_quoted_in_a_comma_separated_file() {
        // `"US$1,200"` was told to write `1,200`, which, written so, split the row in two.
        refused_as(&[
            (
                "US$1,200",
                "a currency code, which is not read; write amounts without `US$`, as in \
                 \"1,200\"",
            ),
            (
                "1,200 €",
                "a currency sign after the number, where only one before it is read; write \
                 `\"€1,200\"` or `\"1,200\"`",
            ),
            (
                "1,200 kg",
                "`kg` is a currency or a unit, which is not read; write `\"1,200\"`",
            ),
        ]);
    }

    #[test]
    fn a_number_told_beside_an_unread_currency_is_ungrouped_where_its_commas_read_two_ways() {
        // `1,200 €` was told `€1,200` or `1,200`, which, typed so, read two ways and was refused.
        for (separator, file) in [(";", "s.csv"), ("\t", "t.csv")] {
            let text = format!("q{separator}a\nQ1{separator}1,200 €\nQ2{separator}900\n");
            assert!(
                read_column(file, &text, "a")
                    .unwrap_err()
                    .to_string()
                    .contains("write `€1200` or `1200`"),
                "{file}"
            );
        }
    }

    #[test]
    fn a_number_told_beside_a_currency_code_is_ungrouped_where_its_commas_read_two_ways() {
        // `1,200 CHF` and `1,200 kr` were told "as in 1,200", refused in turn as reading two ways.
        for (separator, cell) in [(";", "1,200 CHF"), ("\t", "1,200 kr")] {
            let text = format!("q{separator}a\nQ1{separator}{cell}\nQ2{separator}900\n");
            assert!(
                read_column("c.csv", &text, "a")
                    .unwrap_err()
                    .to_string()
                    .contains(", as in 1200)"),
                "{cell}"
            );
        }
    }

    #[test]
    fn letters_after_an_amount_are_said_to_be_a_currency_with_the_number_to_write() {
        // `1200 kr` read "unknown suffix `kr` (use k, M, B, T or %)", toward k, M, B and T; then
        // "`kr` is a currency, which is not read; write `1200`", where a scenario's value read
        // the unknown suffix. Said now as the grammar says it of a scenario's value.
        refused_as(&[
            (
                "1200 kr",
                "a currency; write amounts without `kr`, as in 1200",
            ),
            (
                "1200 zł",
                "a currency; write amounts without `zł`, as in 1200",
            ),
            (
                "Fr. 1200",
                "a currency; write amounts without `Fr.`, as in 1200",
            ),
            (
                "1200 kg",
                "`kg` is a currency or a unit, which is not read; write `1200`",
            ),
        ]);
    }

    #[test]
    fn a_currency_abbreviation_on_a_percentage_is_refused_with_the_percentage_to_write() {
        // `5% kr` read "not a number".
        refused_as(&[
            (
                "5% kr",
                "`kr` on a percentage, which is no amount; write `5%`",
            ),
            (
                "Fr. 5%",
                "`Fr.` on a percentage, which is no amount; write `5%`",
            ),
        ]);
    }

    #[test]
    fn a_code_before_an_amount_grouped_with_apostrophes_is_refused_with_the_plain_number() {
        refused_as(&[(
            "CHF1'200",
            "a currency code, which is not read; write amounts without `CHF`, as in 1200",
        )]);
    }

    #[test]
    fn a_code_before_an_amount_of_no_cents_grouped_with_apostrophes_is_refused_with_the_plain_number()
     {
        // `CHF1'200.-` read a bare "(not a number)".
        refused_as(&[(
            "CHF1'200.-",
            "a currency code, which is not read; write amounts without `CHF`, as in 1200",
        )]);
    }

    #[test]
    fn an_amount_grouped_or_signed_as_a_locale_writes_it_beside_a_currency_says_what_to_write() {
        // Each read a bare "(not a number)".
        refused_as(&[
            (
                "CHF 1'200.00",
                "a currency code, which is not read; write amounts without `CHF`, as in 1200.00",
            ),
            (
                "-1 200 €",
                "a currency sign after the number, where only one before it is read; write \
                 `-€1200` or `-1200`",
            ),
            (
                "(1.200 €)",
                "a currency sign after the number, where only one before it is read, and \
                 `-1.200` is -1.2, or -1,200 with the point grouping thousands: write -1200 for \
                 -1,200, or -1.2",
            ),
            (
                "1.200,- €",
                "a currency sign after the number, where only one before it is read; write \
                 `€1200` or `1200`",
            ),
        ]);
    }

    #[test]
    fn a_sign_after_an_amount_in_a_column_of_another_sign_is_advised_the_plain_number() {
        // It was advised "write `€1,300,000`", then refused as a column of two currencies.
        let text = "q,a\nQ1,$1200\nQ2,\"1,300,000 €\"\n";
        assert_eq!(
            read_column("r.csv", text, "a").unwrap_err().to_string(),
            "r.csv:3:2: a: found `1,300,000 €` (a currency sign after the number, in a column \
             of `$` amounts, so the column mixes currencies, which are not converted; if it is \
             in `$`, write `\"1,300,000\"`), expected a number such as 0.85, 85% or 1.2M"
        );
    }

    #[test]
    fn a_column_of_percentages_and_figures_without_them_is_refused() {
        // One attainment pasted among quotas was fitted as a uniform from $0.95 to 900k; a
        // column alternating 81 and 71% as values from 0.71 to 81, unremarked.
        let refused = |text: &str| read_column("m.csv", text, "q").unwrap_err().to_string();
        assert_eq!(
            refused("q\n810k\n720k\n700k\n900k\n850k\n95%\n"),
            "m.csv:7:1: q: found `95%`, a percentage, where line 2 has `810k`, an amount: \
             expected one kind of figure in a column, all percentages (as 85%) or none (a cell \
             from another column?)"
        );
        assert!(refused("q\n81\n71%\n90\n").starts_with(
            "m.csv:3:1: q: found `71%`, a percentage, where line 2 has `81`, a number \
                 without %:"
        ));
        // A 0 is the same either way; amounts and plain numbers are both amounts.
        assert!(read_column("z.csv", "q\n0\n5%\n0%\n7%\n", "q").is_ok());
        assert!(read_column("a.csv", "q\n1.2M\n1500000\n900k\n", "q").is_ok());
    }

    #[test]
    fn excel_subtotals_and_their_grand_total_are_left_out() {
        // Excel's Data → Subtotal writes `2022 Total` under each year's quarters and `Grand
        // Total` at the end: the three subtotals were fitted as actuals, unremarked (the median
        // 2.2M where the quarters' is 1.45M, sigma five times too wide).
        let text = "year,quarter,bookings\n2022,Q1,1.2M\n2022,Q2,1.5M\n2022,Q3,1.1M\n\
                    2022,Q4,1.4M\n2022 Total,,5.2M\n2023,Q1,1.3M\n2023,Q2,1.6M\n2023,Q3,1.2M\n\
                    2023,Q4,1.7M\n2023 Total,,5.8M\n2024,Q1,1.5M\n2024,Q2,1.8M\n2024,Q3,1.4M\n\
                    2024,Q4,1.9M\n2024 Total,,6.6M\nGrand Total,,17.6M\n";
        let column = read_column("sub.csv", text, "bookings").unwrap();
        let (fitted, said) = column.clone().to_fit("sub.csv", false);
        assert_eq!(fitted.values.len(), 12, "{said:?}");
        assert!(
            fitted.values.iter().all(|v| *v < 2e6),
            "{:?}",
            fitted.values
        );
        assert_eq!(said.len(), 4, "{said:?}");
        assert_eq!(
            said[0],
            "sub.csv:6: the row says `2022 Total` and 5.2M is the sum of the 4 rows above it, a \
             subtotal: it is left out of the fit; if it is an actual, fit it as one more value \
             with --keep-total."
        );
        assert!(
            said[3].starts_with(
                "sub.csv:17: the row says `Grand Total` and 17.6M is the sum of all the other \
                 values but the summary rows, a total row"
            ),
            "{said:?}"
        );
        // Kept, each still has its note.
        let (kept, said) = column.to_fit("sub.csv", true);
        assert_eq!(kept.values.len(), 16);
        assert_eq!(said.len(), 4, "{said:?}");
        // A labelled row that is neither a sum nor an average of the rows is fitted, with its
        // note, as before; a labelled total of five quarters is left out (fewer than the eight
        // an unlabelled sum needs: the label says what it is).
        let text = "q,v\nQ1,1.2M\nQ2,1.5M\nQ3,1.1M\nQ4,1.4M\nQ5,1.3M\n";
        let odd = read_column("o.csv", &format!("{text}Total,9M\n"), "v").unwrap();
        let (fitted, said) = odd.to_fit("o.csv", false);
        assert_eq!(fitted.values.len(), 6);
        assert!(said[0].contains("is fitted as one more value"), "{said:?}");
        let five = read_column("f.csv", &format!("{text}Total,6.5M\n"), "v").unwrap();
        let (fitted, said) = five.to_fit("f.csv", false);
        assert_eq!(fitted.values.len(), 5, "{said:?}");
        // Subtotals nested (Excel's Subtotal run twice): a year's total is the sum of its
        // months past its quarters' totals (it was fitted, its group restarting at each
        // quarter's).
        let mut nested = String::from("m,b\n");
        for year in [2023, 2024] {
            for quarter in 1..=4 {
                for month in 0..3 {
                    nested += &format!(
                        "{year}-{quarter}-{month},{}\n",
                        300 + 10 * (quarter + month)
                    );
                }
                nested += &format!("Q{quarter} Total,{}\n", 3 * 300 + 10 * (3 * quarter + 3));
            }
            nested += &format!("{year} Total,{}\n", 12 * 300 + 10 * (3 * 10 + 12));
        }
        nested += &format!("Grand Total,{}\n", 2 * (12 * 300 + 10 * (3 * 10 + 12)));
        // One labelled row more that is no sum: its note goes in line order among the others'.
        let nested = nested.replacen("2023-3-0,", "Stray total,5\n2023-3-0,", 1);
        let column = read_column("n.csv", &nested, "b").unwrap();
        let (fitted, said) = column.to_fit("n.csv", false);
        assert_eq!(fitted.values.len(), 25, "{said:?}");
        let lines: Vec<u64> = said
            .iter()
            .map(|s| s.split(':').nth(1).unwrap().parse().unwrap())
            .collect();
        assert!(lines.is_sorted(), "{said:?}");
        assert!(
            said.iter()
                .any(|s| s.contains("`2023 Total` and 4020 is the sum of the 12 rows above it")),
            "{said:?}"
        );
        // A label that only looks like a summary keeps its row beside two values it is the
        // mean of (`Sum Li`, a tier `Above average`); an average of three and more is left out.
        for label in ["Sum Li", "Above average"] {
            let text = format!("rep,a\nAnn,90%\nBob,110%\n{label},100%\nCy,70%\nDi,80%\n");
            let (fitted, _) = read_column("l.csv", &text, "a")
                .unwrap()
                .to_fit("l.csv", false);
            assert_eq!(fitted.values.len(), 5, "{label}");
        }
        let text = "rep,a\nAnn,90%\nBob,110%\nCy,70%\nAverage,90%\nDi,80%\nEd,60%\n";
        let (fitted, said) = read_column("a.csv", text, "a")
            .unwrap()
            .to_fit("a.csv", false);
        assert_eq!(fitted.values.len(), 5, "{said:?}");
        assert!(
            said[0]
                .contains("the row says `Average` and 90% is the average of the 3 rows above it"),
            "{said:?}"
        );
    }

    #[test]
    fn a_total_row_is_left_out_of_the_fit_unless_kept() {
        let text = "q,n\n1,80%\n2,70%\n3,90%\n4,50%\n5,110%\n6,95%\n7,75%\n8,85%\nSumme,655%\n";
        let column = read_column("t.csv", text, "n").unwrap();
        assert_eq!(column.total(), Some(8));
        let (fitted, said) = column.clone().to_fit("t.csv", false);
        assert_eq!(fitted.values, column.values[..8]);
        assert_eq!(fitted.rows, column.rows[..8]);
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].starts_with(
            "t.csv:10: the row says `Summe` and 655% is the sum of all the other values, a total \
             row: it is left out"
        ));
        assert!(said[0].contains("--keep-total"), "{said:?}");
        let (kept, said) = column.clone().to_fit("t.csv", true);
        assert_eq!(kept, column);
        assert_eq!(said, column.summary_notes("t.csv"));
        // Values of both signs: a month's growth of 0.2% that was the sum of the ten others
        // was left out as a total row. Labelled, a total is still one.
        let growth = "0.8%\n0.2%\n2.1%\n-3.0%\n-0.3%\n0.1%\n3.2%\n-2.5%\n-1.2%\n-0.5%\n1.5%\n";
        let column = read_column("g.csv", &format!("g\n{growth}"), "g").unwrap();
        assert_eq!(column.total(), None);
        let (fitted, said) = column.to_fit("g.csv", false);
        assert_eq!((fitted.values.len(), said), (11, Vec::<String>::new()));
        let labelled: String = growth.lines().map(|g| format!("m,{g}\n")).collect();
        let text = format!("month,g\n{labelled}Total,0.4%\n");
        let (fitted, said) = read_column("t.csv", &text, "g")
            .unwrap()
            .to_fit("t.csv", false);
        assert_eq!(fitted.values.len(), 11, "{said:?}");
        // There a total is the last row, the largest in size: revenue with a month's refunds.
        let revenue = "120k\n135k\n-8k\n150k\n160k\n142k\n170k\n181k\n190k\n1240k\n";
        let column = read_column("r.csv", &format!("rev\n{revenue}"), "rev").unwrap();
        assert_eq!(column.total(), Some(9));
        // The last row the sum of the others but not the largest: no total.
        let column = read_column("s.csv", "n\n5\n-4\n3\n-2\n4\n-3\n2\n-1\n4\n", "n").unwrap();
        assert_eq!(column.total(), None);
        // Two values that are each the sum of the others (the rest summing to 0): one is the
        // total, the last, and with it left out the other is an actual like any.
        let text = "n\n-1\n1\n-2\n2\n-3\n3\n-4\n4\n5\n5\n";
        let column = read_column("z.csv", text, "n").unwrap();
        assert_eq!(column.total(), Some(9));
        let (fitted, said) = column.to_fit("z.csv", false);
        assert_eq!(fitted.values.len(), 9);
        assert_eq!(said.len(), 1, "{said:?}");
        // Seven parts make no total.
        let column = read_column("f.csv", "n\n1\n2\n3\n0\n4\n5\n6\n7\n28\n", "n").unwrap();
        assert_eq!(column.total(), None);
    }
}
