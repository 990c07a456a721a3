//! The number grammar of scenario files (README, "Scenario files") and its inverse.
//!
//! A number is an optional sign, digits with optional `_` or `,` separators, optional decimals
//! and exponent, then an optional suffix: `k` (×1e3), `M` (×1e6), `B` (×1e9), `T` (×1e12) or `%`
//! (×0.01). `"3M"`, `"250k"`, `"1.2B"`, `"2.5T"`, `"12%"`, `"-5%"`, `"1,000,000"`, `"2_500"`, `"1e6"` are numbers.
//! The formatters write numbers back in this grammar, so what they print parses again.

use std::fmt;

use super::currency::{CURRENCY_ABBREVIATIONS, is_currency_sign, mark_before};
use super::error::shown;

/// Why a piece of text is not a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Nothing (or only white space) where a number belongs.
    Empty,
    /// Text that is not a number at all.
    NotANumber,
    /// A `,` or `_` that does not separate groups of three digits (`1,50,000`; `6_5M` read 65M),
    /// where the number is no decimal comma's either ([`NumberError::DecimalComma`]).
    BadThousands(char),
    /// Commas grouping by three after a first group that starts with 0 (`0,500,000`): no
    /// thousands are written so (`0,500M` is a decimal comma's, [`NumberError::DecimalComma`]).
    ZeroFirstGroup,
    /// A number as a spreadsheet set to a decimal comma writes it (`0,81`, `6,5M`, `1.250.000`,
    /// `1.250.000,50`, `0,500M`, which read as groups was 500M): the number written with a
    /// decimal point. A number both ways (`1,500`) reads with a decimal point, as everywhere.
    DecimalComma(String),
    /// A letter after the number that is not `k`, `M`, `B`, `T` or `%`.
    UnknownSuffix(String),
    /// A number too large to be finite.
    Overflow,
    /// A number not 0 too small to be told from it (`1e-400`, which read as 0: a lognormal
    /// range from it became another family, a target of it "expected a number > 0").
    Underflow,
    /// A currency with the number, a sign or a three-letter code, before it or after it
    /// (`$300,000`, `€3M`, `3M €`, `300k CHF`, `USD 3M`): amounts are written without one (the
    /// file's `currency` names it). With the number as it would be written, where it is one.
    Currency(Box<WithCurrency>),
    /// Digits grouped by three with spaces (`3 000 000`, as many locales write them, often with
    /// non-breaking spaces): the number written without them.
    SpacedThousands(String),
    /// Digits grouped by three with apostrophes (`3'000'000`, as Switzerland writes them): the
    /// number written without them.
    QuotedThousands(String),
    /// An amount of no cents as Swiss and German prices write it (`1200.-`, `1'200.-`,
    /// `1.200,-`): the number without its ending (`ending`, the mark before the `-`) and the
    /// marks that group its thousands (`grouped`, where it has them).
    NoCents {
        number: String,
        ending: char,
        grouped: Option<char>,
    },
    /// Two numbers side by side (`400M 800M`, two spreadsheet cells pasted with a tab between
    /// them). Said as such: where the key takes a range, what is expected shows how one is
    /// written (`35M to 70M`); where it does not, a range would be no answer.
    SideBySide,
    /// A negative as accounts write it, in parentheses (`(1.5%)`, a spreadsheet's accounting
    /// format): the number written with a minus.
    Parenthesised(String),
    /// A minus sign as slides and word processors write it (`−5%`, U+2212, or an en dash
    /// before a digit): the number written with `-`. The session and `--set` take it as typed;
    /// a file's grammar is the ASCII one every reader of the file shares.
    MinusSign(String),
    /// A number in quotes as word processors write them (`“3M”`, `‘3M’`, `„3M“`, `«3M»`, copied
    /// from a document): the number written with the straight quotes TOML takes.
    CurlyQuotes(String),
    /// A magnitude spelt out (`1.2mn`, `6.5 million`, `3MM`), which the live session and
    /// `--set` take as typed and a file does not ([`with_magnitude_suffixes`]): the number with
    /// the grammar's suffix.
    SpeltMagnitude(String),
    /// Percentage points as skypie writes a pace (`84.1 pts/yr`, copied from a table or a
    /// lever): the number as the percentage a key takes, `84.1%`.
    Points(String),
}

/// What [`NumberError::Currency`] found (boxed: the error stays small beside the cells a fit
/// carries it with).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WithCurrency {
    /// The sign or code, as written.
    pub currency: String,
    /// The amount without it, where that is a number.
    pub number: Option<String>,
}

impl NumberError {
    /// `found` with why it is no number, where the reason fits what the key takes, a number in
    /// `unit` (`None`: a table's parameter, which may be any): one that speaks of amounts (a
    /// currency; a suffix other than k, M, B, T and %; a magnitude spelt out) only for amounts,
    /// and of points only for percentages. A count of days or samples or a correlation is told
    /// no more than that the text is no number here (`horizon_days = "90 days"` read "unknown
    /// suffix `days` (use k, M, B, T or %)", and is told "write 90" where its key is read;
    /// `growth = "$5%"` "write amounts without `$`").
    pub fn beside(&self, found: String, unit: Option<Unit>) -> String {
        if self.fits(unit) {
            format!("{found} ({self})")
        } else {
            found
        }
    }

    /// Whether why the text is no number is worth saying for a key of `unit` ([`Self::beside`]).
    fn fits(&self, unit: Option<Unit>) -> bool {
        match self {
            Self::Currency(_)
            | Self::NoCents { .. }
            | Self::UnknownSuffix(_)
            | Self::SpeltMagnitude(_) => unit.is_none_or(|unit| unit == Unit::Amount),
            // Points are a percentage: no amount, count or correlation (`horizon_days = "90
            // pts"` was told to write `90%`).
            Self::Points(_) => unit.is_none_or(|unit| unit == Unit::Percent),
            _ => true,
        }
    }

    /// [`Self::beside`] for `key`, which takes numbers in `unit` that `admits`: a text that
    /// reads as a number the key refuses is said to, not told to write it (`"(3M)"` for a
    /// revenue was told to write `-3M`, `"1,5"` for a confidence `1.5`, then refused for it);
    /// what it takes, the message's `expected` says.
    pub fn beside_key(
        &self,
        found: String,
        unit: Unit,
        key: &str,
        admits: impl Fn(f64) -> bool,
    ) -> String {
        let refused = |number: &&str| parse_number(number).is_ok_and(|x| !admits(x));
        match (self.what(), self.told().filter(refused)) {
            (Some(what), Some(number)) if self.fits(Some(unit)) => format!(
                "{found} ({what}; it reads as {}, which {key} does not take)",
                shown(number)
            ),
            _ => self.beside(found, Some(unit)),
        }
    }

    /// What a text told a number to write is, without that number (`a negative as accounts
    /// write it`); `None` for an error that tells none.
    fn what(&self) -> Option<String> {
        Some(match self {
            Self::DecimalComma(_) => {
                "a number as a spreadsheet set to a decimal comma writes it".to_string()
            }
            Self::SpacedThousands(_) => grouped_with(' '),
            Self::QuotedThousands(_) => grouped_with('\''),
            Self::NoCents {
                ending, grouped, ..
            } => match grouped {
                Some(mark) => format!("{} and `{ending}-` for no cents", grouped_with(*mark)),
                None => format!("`{ending}-` for no cents"),
            },
            Self::Parenthesised(_) => "a negative as accounts write it".to_string(),
            Self::MinusSign(_) => "a minus sign as slides write it".to_string(),
            Self::CurlyQuotes(_) => "quotes as word processors write them".to_string(),
            Self::SpeltMagnitude(_) => "a magnitude spelt out".to_string(),
            Self::Points(_) => "percentage points, as skypie writes a pace".to_string(),
            Self::Currency(_) => "a currency".to_string(),
            _ => return None,
        })
    }

    /// Whether a range with the error in an end is told whole, each end as the grammar writes
    /// it ([`parse_range`]).
    fn told_end_by_end(&self) -> bool {
        matches!(
            self,
            Self::SpeltMagnitude(_)
                | Self::Points(_)
                | Self::QuotedThousands(_)
                | Self::Parenthesised(_)
                | Self::MinusSign(_)
                | Self::NoCents { .. }
        )
    }

    /// The number the error tells to write in place of the text, where it tells one.
    fn told(&self) -> Option<&str> {
        match self {
            Self::DecimalComma(n)
            | Self::SpacedThousands(n)
            | Self::QuotedThousands(n)
            | Self::NoCents { number: n, .. }
            | Self::Parenthesised(n)
            | Self::MinusSign(n)
            | Self::CurlyQuotes(n)
            | Self::SpeltMagnitude(n)
            | Self::Points(n) => Some(n),
            Self::Currency(found) => found.number.as_deref(),
            _ => None,
        }
    }

    /// A currency written with `amount` (the text beside it). The amount is the example of how
    /// to write it where it is a number, not a percentage (`$3M` → 3M; `12 kr` → 12, where "as
    /// in 300k" was no amount typed; `$-3M` → -3M, which its key may then refuse, where "as in
    /// 300k" hid why; `$10%` → 300k), written with a decimal point where it has a decimal comma
    /// (`€1.250.000,50` → 1250000.5, where one mend led to another refusal).
    fn currency(currency: impl Into<String>, amount: &str) -> NumberError {
        let amount = amount.trim();
        // Never a text that starts with a sign itself: `$$$…` would be read again, and again.
        let plain = !amount.starts_with(is_currency_sign) && !amount.ends_with('%');
        let amount = match decimal_comma(amount) {
            Some(NumberError::DecimalComma(point)) if parse_grammar(amount).is_err() => point,
            _ => amount.to_string(),
        };
        let number = (plain && parse_grammar(&amount).is_ok()).then_some(amount);
        NumberError::Currency(Box::new(WithCurrency {
            currency: currency.into(),
            number,
        }))
    }

    /// The error with the number it tells to write (`write `3.5M``) as `written` writes it:
    /// in quotes, for a value found without them, where TOML reads it only so.
    pub fn told_as(self, written: impl Fn(&str) -> String) -> NumberError {
        match self {
            Self::DecimalComma(n) => Self::DecimalComma(written(&n)),
            Self::SpacedThousands(n) => Self::SpacedThousands(written(&n)),
            Self::QuotedThousands(n) => Self::QuotedThousands(written(&n)),
            Self::NoCents {
                number,
                ending,
                grouped,
            } => Self::NoCents {
                number: written(&number),
                ending,
                grouped,
            },
            Self::Parenthesised(n) => Self::Parenthesised(written(&n)),
            Self::MinusSign(n) => Self::MinusSign(written(&n)),
            Self::SpeltMagnitude(n) => Self::SpeltMagnitude(written(&n)),
            Self::Points(n) => Self::Points(written(&n)),
            Self::Currency(found) => Self::Currency(Box::new(WithCurrency {
                number: found.number.as_deref().map(written),
                ..*found
            })),
            other => other,
        }
    }
}

/// How to write an amount found with a currency's sign or code: `write amounts without `$`,
/// as in 1,200`, said alike of a scenario's value and of a data cell `fit` reads.
pub fn without_currency(currency: &str, number: &str) -> String {
    format!(
        "write amounts without `{}`, as in {}",
        shown(currency),
        shown(number)
    )
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = self.what().unwrap_or_default();
        match self {
            Self::Empty => write!(f, "nothing where a number belongs"),
            Self::NotANumber => write!(f, "not a number"),
            Self::BadThousands(separator) => {
                let example = ["1", "500", "000"].join(&separator.to_string());
                write!(
                    f,
                    "`{separator}` must separate groups of three digits, as in {example}"
                )
            }
            Self::ZeroFirstGroup => write!(f, "`,` after a leading 0 groups no thousands"),
            Self::UnknownSuffix(s) => {
                let amounts: Vec<&str> = AMOUNT_SUFFIXES.iter().map(|(s, _, _)| *s).collect();
                write!(
                    f,
                    "unknown suffix `{}` (use {} or %)",
                    shown(s),
                    amounts.join(", ")
                )
            }
            Self::Overflow => write!(f, "too large"),
            Self::Underflow => write!(f, "too small to tell from 0"),
            Self::Currency(found) => {
                let WithCurrency { currency, number } = found.as_ref();
                let number = number.as_deref().unwrap_or("300k");
                write!(f, "{what}; {}", without_currency(currency, number))
            }
            Self::SideBySide => write!(f, "two numbers side by side"),
            Self::MinusSign(number) => write!(f, "{what}; write `{}`, with `-`", shown(number)),
            Self::CurlyQuotes(number) => write!(
                f,
                "{what}; write \"{}\", with straight quotes",
                shown(number)
            ),
            Self::DecimalComma(number)
            | Self::SpacedThousands(number)
            | Self::QuotedThousands(number)
            | Self::NoCents { number, .. }
            | Self::Parenthesised(number)
            | Self::SpeltMagnitude(number)
            | Self::Points(number) => write!(f, "{what}; write `{}`", shown(number)),
        }
    }
}

/// How digits grouped with `mark` are said: `digits grouped with spaces`, `digits grouped with
/// `'``.
fn grouped_with(mark: char) -> String {
    match mark {
        mark if mark.is_whitespace() => "digits grouped with spaces".to_string(),
        mark => format!("digits grouped with `{mark}`"),
    }
}

/// Three capitals that say a magnitude, not a currency: million and billion in German, Italian,
/// French, Dutch and others (`1.5 MIO`, `2 MLN`, `3 MRD`, Italian `3 MLD`), thousand (`TSD`). Those that say one
/// magnitude to every reader are in [`SPELT_MAGNITUDES`] too, and read as its suffix; `MIL`,
/// `BIO` and `BLN` differ by language (a `Bio.` is a German trillion), and stay refused.
const MAGNITUDE_WORDS: [&str; 8] = ["MIO", "MLN", "MIL", "BIO", "BLN", "MRD", "MLD", "TSD"];

/// A fraction (a share gain a year, a difference of probabilities) as its figure in percentage
/// points at `digits` significant digits, without a unit: 0.0548 → `5.48` (a lever's row shows
/// a pace so, beside the lever's value).
pub fn points_figure(x: f64, digits: usize) -> String {
    format_for_people(x * 100.0, Unit::Plain, digits)
}

/// The significant digits P(feasible)'s uncertainty is said to (`± 0.3 pts`), beside it and
/// where too few samples are warned of (`only to about ±2 pts at worst`), so the two read alike.
pub const UNCERTAINTY_DIGITS: usize = 1;

/// Magnitudes as people spell them after an amount, and the suffix the grammar writes for each
/// (`1.2bn`, `3mm`, `6.5 million`, `250 thousand`, `2 millions`; German and Dutch `1.5 Mio`,
/// `2 mln`, `3 Mrd`, `5 Tsd`; Italian `3 mld`). Not `mil` nor `bil`, which read a thousand or a
/// million as people differ.
const SPELT_MAGNITUDES: [(&str, &str); 17] = [
    ("thousand", "k"),
    ("million", "M"),
    ("billion", "B"),
    ("trillion", "T"),
    ("thousands", "k"),
    ("millions", "M"),
    ("billions", "B"),
    ("trillions", "T"),
    ("mm", "M"),
    ("mn", "M"),
    ("bn", "B"),
    ("tn", "T"),
    ("mio", "M"),
    ("mln", "M"),
    ("mrd", "B"),
    ("mld", "B"),
    ("tsd", "k"),
];

/// `typed` with a magnitude spelt out after a number written as the grammar's suffix
/// (`1.2bn` → `1.2B`, `6.5 million` → `6.5M`, `3mm to 4mm` → `3M to 4M`), as executives write
/// amounts; a word that only begins like one (`3 millionaires`) is left, for the grammar to
/// refuse.
pub fn with_magnitude_suffixes(typed: &str) -> std::borrow::Cow<'_, str> {
    with_words_as_suffixes(typed, &SPELT_MAGNITUDES)
}

/// Percentage points as skypie writes a pace and people write a share's change (`pts/yr`,
/// `pts`, `pp`), longest first, each a percentage.
const POINTS: [(&str, &str); 6] = [
    ("pts/year", "%"),
    ("pts/yr", "%"),
    ("pt/yr", "%"),
    ("pts", "%"),
    ("pt", "%"),
    ("pp", "%"),
];

/// `typed` with points after a number written as the percentage they are (`12.1 pts/yr` →
/// `12.1%`, `2 pts to 8 pts` → `2% to 8%`), as the tables and levers show a share gain.
pub fn with_points_as_percent(typed: &str) -> std::borrow::Cow<'_, str> {
    with_words_as_suffixes(typed, &POINTS)
}

/// `typed` with each of `words` (a whole word, in any case, right after a number or one space
/// after it) written as its suffix; the first of `words` that fits is taken.
fn with_words_as_suffixes<'t>(
    typed: &'t str,
    words: &[(&str, &'static str)],
) -> std::borrow::Cow<'t, str> {
    // The word `text` starts with, a whole word: its length and suffix.
    let word_at = |text: &str| {
        words.iter().find_map(|(word, suffix)| {
            let found = text.get(..word.len())?;
            let ends = !text[word.len()..].starts_with(|c: char| c.is_alphanumeric());
            (found.eq_ignore_ascii_case(word) && ends).then_some((word.len(), *suffix))
        })
    };
    let mut out = String::with_capacity(typed.len());
    let mut rest = typed;
    while let Some(c) = rest.chars().next() {
        let after_number = out.ends_with(|c: char| c.is_ascii_digit() || c == '.');
        let spelt = if !after_number {
            None
        } else if c == ' ' {
            word_at(&rest[1..]).map(|(len, suffix)| (len + 1, suffix))
        } else {
            word_at(rest)
        };
        match spelt {
            Some((len, suffix)) => {
                out.push_str(suffix);
                rest = &rest[len..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if out == typed {
        std::borrow::Cow::Borrowed(typed)
    } else {
        std::borrow::Cow::Owned(out)
    }
}

/// Parses a number in the scenario grammar: `3M` → 3e6, `12%` → 0.12, `1,000` → 1000.
///
/// The suffix shifts the decimal exponent before the text is converted, so `"1.2M"` is the
/// double nearest to 1,200,000 exactly, with no multiplication rounding.
pub fn parse_number(text: &str) -> Result<f64, NumberError> {
    match parse_grammar(text) {
        Err(NumberError::NotANumber) => Err(grouped_thousands(text.trim())
            .map(|(number, told)| told(number))
            .or_else(|| currency_around(text.trim()))
            .or_else(|| abbreviation_around(text.trim()))
            .or_else(|| no_cents(text.trim()))
            .or_else(|| side_by_side(text))
            .or_else(|| parenthesised(text.trim()))
            .or_else(|| minus_sign(text.trim()))
            .or_else(|| curly_quoted(text.trim()))
            .or_else(|| decimal_comma(text.trim()))
            .or_else(|| spelt_magnitude(text.trim()))
            .or_else(|| points(text.trim()))
            .unwrap_or(NumberError::NotANumber)),
        Err(e @ (NumberError::BadThousands(',') | NumberError::ZeroFirstGroup)) => {
            match decimal_comma(text.trim()) {
                // `0,000`: nought either way.
                Some(NumberError::DecimalComma(number))
                    if e == NumberError::ZeroFirstGroup
                        && parse_grammar(&number) == parse_grammar(&text.replace(',', "")) =>
                {
                    parse_grammar(&number)
                }
                found => Err(found.unwrap_or(e)),
            }
        }
        // `1500 CHF`: a code in capitals reads as a currency, not as a suffix (`1.5 MIO` and its
        // kin are no currency: below, a magnitude spelt out).
        Err(NumberError::UnknownSuffix(code))
            if code.len() == 3
                && code.chars().all(|c| c.is_ascii_uppercase())
                && !MAGNITUDE_WORDS.contains(&code.as_str()) =>
        {
            let amount = text.trim().strip_suffix(code.as_str()).unwrap_or_default();
            Err(NumberError::currency(code, amount))
        }
        Err(unknown @ NumberError::UnknownSuffix(_)) => Err(abbreviation_around(text.trim())
            .or_else(|| spelt_magnitude(text.trim()))
            .or_else(|| points(text.trim()))
            .unwrap_or(unknown)),
        read => read,
    }
}

/// `1.2mn`, `6.5 million`: the number with the grammar's suffix, where that is one
/// ([`with_magnitude_suffixes`]); `None` otherwise.
fn spelt_magnitude(text: &str) -> Option<NumberError> {
    rewritten(text, with_magnitude_suffixes, NumberError::SpeltMagnitude)
}

/// `84.1 pts/yr`, `5 pts`, `2pp`: the number as a percentage (`84.1%`,
/// [`with_points_as_percent`]), where that is one; `None` otherwise.
fn points(text: &str) -> Option<NumberError> {
    rewritten(text, with_points_as_percent, NumberError::Points)
}

/// `text` as `rewrite` writes it, said as `said`, where `rewrite` changes it into a number.
fn rewritten(
    text: &str,
    rewrite: fn(&str) -> std::borrow::Cow<'_, str>,
    said: fn(String) -> NumberError,
) -> Option<NumberError> {
    let number = rewrite(text);
    let number = (number != text).then(|| number.into_owned())?;
    parse_grammar(&number).is_ok().then(|| said(number))
}

/// `0,81`, `6,5M`, `1.250.000,50`, `1 250 000,50` (a decimal comma, `.` or spaces grouping the
/// thousands): the number with a decimal point, where that is one; `None` otherwise, and for
/// text with one point and no comma (`1.250` is a number).
fn decimal_comma(text: &str) -> Option<NumberError> {
    if !text.contains(',') && text.matches('.').count() < 2 {
        return None;
    }
    let unspaced = without_spaced_thousands(text);
    let text = unspaced.as_deref().unwrap_or(text);
    // Read with `.` and `,` swapped, so that the grammar checks the points group by three
    // (`1.2.3` is no number either way).
    parse_grammar(&marks_swapped(text))
        .is_ok()
        .then(|| NumberError::DecimalComma(with_decimal_mark(text, ',')))
}

/// `text` with `.` and `,` swapped: a number as a spreadsheet set to a decimal comma writes it
/// (`1.250,5`) in the grammar's marks (`1,250.5`), and the other way round.
pub fn marks_swapped(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ',' => '.',
            '.' => ',',
            c => c,
        })
        .collect()
}

/// `−5%` (a minus sign from a slide): `-5%`, where that is a number; `None` otherwise.
fn minus_sign(text: &str) -> Option<NumberError> {
    let ascii = with_ascii_minus(text);
    let number = (ascii != text).then(|| ascii.into_owned())?;
    parse_grammar(&number)
        .is_ok()
        .then_some(NumberError::MinusSign(number))
}

/// `“3M”` (or `‘3M’`, `„3M“`, `«3M»`): the number inside, where it is one; `None` otherwise.
fn curly_quoted(text: &str) -> Option<NumberError> {
    // Either side may take any of them: documents pair them in several ways (`„3M“`, `»3M«`).
    const QUOTES: [char; 7] = ['“', '”', '‘', '’', '„', '«', '»'];
    let inner = text.strip_prefix(QUOTES)?;
    let inner = inner.strip_suffix(QUOTES)?.trim();
    parse_grammar(inner)
        .is_ok()
        .then(|| NumberError::CurlyQuotes(inner.to_string()))
}

/// `400M 800M` (any white space between, a tab from a spreadsheet too); `None` unless the
/// text is exactly two numbers.
fn side_by_side(text: &str) -> Option<NumberError> {
    let mut words = text.split_whitespace();
    let (first, second) = (words.next()?, words.next()?);
    let numbers = parse_grammar(first).is_ok() && parse_grammar(second).is_ok();
    (numbers && words.next().is_none()).then_some(NumberError::SideBySide)
}

/// `(1.5%)` as `-1.5%`, where what the parentheses hold is a number with no sign of its own.
fn parenthesised(text: &str) -> Option<NumberError> {
    let inner = text.strip_prefix('(')?.strip_suffix(')')?.trim();
    let unsigned = !inner.starts_with(['-', '+']);
    (unsigned && parse_grammar(inner).is_ok())
        .then(|| NumberError::Parenthesised(format!("-{inner}")))
}

/// `3'000'000` (or `1’500.5`, `12'000k`) without the apostrophes between its digit groups:
/// `None` unless there are such marks, the first after one to three digits and each before a
/// group of exactly three.
fn without_quoted_thousands(text: &str) -> Option<String> {
    let mut parts = text.split(['\'', '’']);
    let first = parts.next()?;
    let rest: Vec<&str> = parts.collect();
    let digits = first.trim_start_matches(['+', '-']);
    let grouped = !rest.is_empty()
        && (1..=3).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && rest.iter().enumerate().all(|(i, part)| {
            let group = part.len() - part.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            group == 3 && (i + 1 == rest.len() || part.len() == 3)
        });
    grouped.then(|| rest.iter().fold(first.to_string(), |n, part| n + part))
}

/// `3M €`, `3M€`, `300k CHF`, `USD 3M`, `CHF1200`, `US$1,200`, `1 200 CHF`, `CHF1'200.-`: a
/// number ([`amount_beside_currency`]: perhaps grouped as a locale writes it, or of no cents),
/// and a currency sign after it or a three-letter code on either side (before it, in capitals:
/// `max 3M` is no currency; with no space, a currency's mark only, [`mark_before`]), as `fit`
/// reads them in data. Not with a percentage, which is no amount: `10% YoY` is a growth rate
/// with a word after it.
fn currency_around(text: &str) -> Option<NumberError> {
    let is_code = |word: &str| word.len() == 3 && word.chars().all(|c| c.is_ascii_alphabetic());
    let (number, currency) = match text.char_indices().last()? {
        (i, c) if is_currency_sign(c) => (&text[..i], &text[i..]),
        _ => match text.rsplit_once(char::is_whitespace) {
            Some((number, word)) if is_code(word) => (number, word),
            _ => match text.split_once(char::is_whitespace) {
                Some((word, number)) if is_code(word) && word == word.to_ascii_uppercase() => {
                    (number, word)
                }
                _ => {
                    let (mark, number) = mark_before(text)?;
                    (number, mark)
                }
            },
        },
    };
    let number = amount_beside_currency("", number)?;
    (!number.ends_with('%')).then(|| NumberError::currency(currency, &number))
}

/// `written` (the figures beside a currency's mark) with `minus` before it as the grammar
/// reads it, where it is a number: with a decimal point where it has a decimal comma
/// (`1.250,50`: `1250.50`), without the spaces or apostrophes grouping its thousands (`1 200`,
/// `1'200.00`), and without the `,-` or `.-` of no cents (`1.200,-`, `1'200.-`: `1200`).
pub fn amount_beside_currency(minus: &str, written: &str) -> Option<String> {
    let written = written.trim();
    let no_cents = written.strip_suffix(",-").or(written.strip_suffix(".-"));
    let figures = no_cents.unwrap_or(written);
    let figures = match parse_number(figures) {
        Err(NumberError::SpacedThousands(plain) | NumberError::QuotedThousands(plain)) => plain,
        Err(NumberError::DecimalComma(plain)) if no_cents.is_none() => plain,
        // `1,200.-`, `1_200.-`: commas and underscores group thousands where a point ends the
        // figures, as in `1,200` and `1_200`.
        Ok(_) if written.ends_with(".-") => figures.replace([',', '_'], ""),
        Ok(_) => figures.to_string(),
        // `1.200.000,-` is checked below, as a whole number grouped with points.
        Err(_) if no_cents.is_some() => figures.to_string(),
        Err(_) => return None,
    };
    match no_cents {
        // Written so where the decimal mark is a comma: a point groups thousands.
        Some(_) => (figures.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && parse_number(&figures.replace('.', ",")).is_ok())
        .then(|| format!("{minus}{}", figures.replace('.', ""))),
        None => Some(format!("{minus}{figures}")),
    }
}

/// `1200.-`, `1'200.-`, `1.200,-` (an amount of no cents as Swiss and German prices write it,
/// left once the plan's own `CHF` is taken off a value typed): the number as the grammar writes
/// it ([`amount_beside_currency`]), where it is one; `None` otherwise.
fn no_cents(text: &str) -> Option<NumberError> {
    let figures = text.strip_suffix('-')?;
    let ending = figures.chars().last().filter(|c| matches!(c, '.' | ','))?;
    let (minus, unsigned) = match text.strip_prefix('-') {
        Some(unsigned) => ("-", unsigned),
        None => ("", text),
    };
    let number = amount_beside_currency(minus, unsigned)?;
    let grouped = (figures[minus.len()..figures.len() - 1].chars()).find(|c| !c.is_ascii_digit());
    Some(NumberError::NoCents {
        number,
        ending,
        grouped,
    })
}

/// `1200 kr`, `1200kr`, `Fr. 1200`, `kr1200`, `1 200 kr`: a currency's abbreviation
/// ([`CURRENCY_ABBREVIATIONS`]) on either side of a number, said as a code is (`1200 kr` read
/// "unknown suffix `kr` (use k, M, B, T or %)"). Not with a percentage, which is no amount.
fn abbreviation_around(text: &str) -> Option<NumberError> {
    CURRENCY_ABBREVIATIONS.iter().find_map(|word| {
        let before = (text.strip_prefix(word))
            .filter(|n| n.starts_with(|c: char| c.is_whitespace() || c.is_ascii_digit()));
        let after = (text.strip_suffix(word))
            .filter(|n| n.ends_with(|c: char| c.is_whitespace() || c.is_ascii_digit()));
        // Grouped as a locale writes it (`1 200 kr`, `1'200 Fr.`): as the grammar writes it.
        let number = amount_beside_currency("", before.or(after)?)?;
        (!number.ends_with('%')).then(|| NumberError::currency(*word, &number))
    })
}

/// How a number written otherwise is told: with the number as the grammar writes it.
type Told = fn(String) -> NumberError;

/// `text` without the spaces (`3 000 000`), else the apostrophes (`3'000'000`), that group its
/// thousands, where that makes a number, and how that grouping is told; `None` otherwise.
fn grouped_thousands(text: &str) -> Option<(String, Told)> {
    let reads = |number: &String| parse_grammar(number).is_ok();
    match without_spaced_thousands(text).filter(reads) {
        Some(number) => Some((number, NumberError::SpacedThousands)),
        None => {
            let number = without_quoted_thousands(text).filter(reads)?;
            Some((number, NumberError::QuotedThousands))
        }
    }
}

/// `3 000 000` (or `1 500.5`, `1 500 M`, with non-breaking or thin spaces) without the spaces
/// between its digit groups: `None` unless there are such spaces, each after a group of one to
/// three digits (not decimals) and before a group of exactly three, so that `35 70` stays no
/// number rather than reading 3570.
fn without_spaced_thousands(text: &str) -> Option<String> {
    let mut number = String::with_capacity(text.len());
    let mut rest = text;
    let mut spaced = false;
    while let Some(space) = rest.find(char::is_whitespace) {
        let (before, after) = (&rest[..space], rest[space..].trim_start());
        let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let group_before =
            before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        // Not decimals, nor an exponent (`1e-1 000` is no 1e-1000).
        let ahead = &before[..before.len() - group_before];
        let starts_number = !ahead.ends_with(['.', ',']) && !ahead.contains(['e', 'E']);
        let group_after = digits(after);
        let joins = (1..=3).contains(&group_before)
            && starts_number
            && group_after == 3
            && !after[3..].starts_with(|c: char| c.is_ascii_digit());
        number.push_str(before);
        if !joins {
            number.push_str(&rest[space..rest.len() - after.len()]);
        }
        spaced |= joins;
        rest = after;
    }
    number.push_str(rest);
    spaced.then_some(number)
}

/// [`parse_number`] without the look at spaced digits its refusal takes.
fn parse_grammar(text: &str) -> Result<f64, NumberError> {
    let (cleaned, exponent) = read_decimal(text)?;
    let value: f64 = format!("{cleaned}e{exponent}")
        .parse()
        .map_err(|_| NumberError::NotANumber)?;
    if !value.is_finite() {
        Err(NumberError::Overflow)
    } else if value == 0.0 && cleaned.bytes().any(|b| matches!(b, b'1'..=b'9')) {
        Err(NumberError::Underflow)
    } else {
        Ok(value)
    }
}

/// `typed` with a minus sign as a person may have typed or pasted it written `-`: the minus
/// sign (`−5%`, as word processors and slides write it), and an en dash where it can only
/// be a sign, before a digit at the start or after a space (`–4%`, `-8% to –2%`; `3%–5%` is a
/// range written with a dash, refused with how to write one).
pub fn with_ascii_minus(typed: &str) -> std::borrow::Cow<'_, str> {
    if !typed.contains(['\u{2212}', '\u{2013}']) {
        return std::borrow::Cow::Borrowed(typed);
    }
    let mut out = String::with_capacity(typed.len());
    let mut before: Option<char> = None;
    let mut chars = typed.chars().peekable();
    while let Some(c) = chars.next() {
        let a_sign = c == '\u{2212}'
            || (c == '\u{2013}'
                && before.is_none_or(char::is_whitespace)
                && chars
                    .peek()
                    .is_some_and(|n| n.is_ascii_digit() || *n == '.'));
        out.push(if a_sign { '-' } else { c });
        before = Some(c);
    }
    std::borrow::Cow::Owned(out)
}

/// What a person typed for a value with each run of spaces and tabs written as one space: a
/// value pasted from a spreadsheet or a mail, `max = "900k"` then 4,000 spaces before its `}`,
/// was written to the file and the session log with every one of them. Spaces and tabs only
/// part what they stand between, in TOML and in its strings alike: a value's strings are value
/// forms (`"35M to 70M"`) and names of families (`"pert"`), never text whose spacing says
/// anything (a plan's name is no value). Everything else is kept as typed; the ends are for
/// the caller to trim.
pub fn with_spaces_collapsed(typed: &str) -> std::borrow::Cow<'_, str> {
    let blank = |c: char| c == ' ' || c == '\t';
    let mut out = String::with_capacity(typed.len());
    let mut in_run = false;
    for c in typed.chars() {
        if blank(c) {
            if !in_run {
                out.push(' ');
            }
            in_run = true;
        } else {
            in_run = false;
            out.push(c);
        }
    }
    if out == typed {
        std::borrow::Cow::Borrowed(typed)
    } else {
        std::borrow::Cow::Owned(out)
    }
}

/// `250.000` or `-1.500` (one to three digits, the first not 0, a point, exactly three digits,
/// nothing more): a point that may group thousands, as German, Spanish or Brazilian files write
/// 250,000, where the grammar's point is a decimal point (250). For a key whose values are
/// amounts or counts, where both are numbers it could mean: what was found with both readings,
/// `"250.000" (250, or 250,000 with the point grouping thousands)`, and how to write each,
/// `write 250000 for 250,000, or 250`. `None` for any other text.
pub fn point_or_thousands(text: &str) -> Option<(String, String)> {
    let (readings, hint) = point_readings(text)?;
    Some((format!("\"{}\" ({readings})", text.trim()), hint))
}

/// [`point_or_thousands`] without the text: its two readings, `250, or 250,000 with the point
/// grouping thousands`, and how to write each, for a message that shows the text as written
/// around it (`fit`'s `$250.000`).
pub fn point_readings(text: &str) -> Option<(String, String)> {
    let PointGrouping {
        written,
        grouped,
        ungrouped,
    } = PointGrouping::of(text)?;
    // Read with a decimal point, as written less its trailing zeros: 6.500 is 6.5.
    let decimal = with_decimal_mark(written, '.');
    Some((
        format!("{decimal}, or {grouped} with the point grouping thousands"),
        format!("write {ungrouped} for {grouped}, or {decimal}"),
    ))
}

/// [`point_or_thousands`] for a count whose point cannot be a decimal point (`horizon_days =
/// 1.095`, which read only "expected a whole number"): what was found, `"1.095" (no whole
/// number; 1,095 with the point grouping thousands)`, and how to write the count,
/// `write 1095 for 1,095`.
pub fn thousands_only(text: &str) -> Option<(String, String)> {
    let PointGrouping {
        written,
        grouped,
        ungrouped,
    } = PointGrouping::of(text)?;
    Some((
        format!("\"{written}\" (no whole number; {grouped} with the point grouping thousands)"),
        format!("write {ungrouped} for {grouped}"),
    ))
}

/// A number written as [`point_or_thousands`] says, in the two forms its messages show.
struct PointGrouping<'a> {
    /// As written, trimmed: `1.095`.
    written: &'a str,
    /// With a comma grouping its thousands: `1,095`.
    grouped: String,
    /// In the grammar, with no mark: `1095`.
    ungrouped: String,
}

impl PointGrouping<'_> {
    fn of(text: &str) -> Option<PointGrouping<'_>> {
        let written = text.trim();
        let (whole, decimals) = written.split_once('.')?;
        let digits = whole.strip_prefix(['-', '+']).unwrap_or(whole);
        let grouped = (1..=3).contains(&digits.len())
            && !digits.starts_with('0')
            && digits.bytes().all(|b| b.is_ascii_digit())
            && decimals.len() == 3
            && decimals.bytes().all(|b| b.is_ascii_digit());
        grouped.then(|| PointGrouping {
            written,
            grouped: format!("{whole},{decimals}"),
            ungrouped: with_decimal_mark(written, ','),
        })
    }
}

/// `cell` rewritten with a decimal point and no thousands separators, reading `decimal` as its
/// decimal mark and the other of `.` and `,` as a thousands separator (how a cell or a value
/// reads in each of the two conventions): `85,5%` with `,` is
/// `85.5%`, `1,500` with `.` is `1500` and with `,` is `1.5`.
pub fn with_decimal_mark(cell: &str, decimal: char) -> String {
    let grouping = if decimal == ',' { '.' } else { ',' };
    let end = cell
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '+' | '-' | '_')))
        .unwrap_or(cell.len());
    let (number, suffix) = cell.split_at(end);
    let number: String = number
        .chars()
        .filter(|c| *c != grouping)
        .map(|c| if c == decimal { '.' } else { c })
        .collect();
    let number = match number.split_once('.') {
        Some((whole, decimals)) => match decimals.trim_end_matches('0') {
            "" => whole.to_string(),
            decimals => format!("{whole}.{decimals}"),
        },
        None => number,
    };
    format!("{number}{suffix}")
}

/// A number in the scenario grammar read exactly, if it is a whole number `u64` holds:
/// `1e16`, `"9007199254740993.0"`, `2.5k`, `18,446,744,073,709,551,615` (a seed beyond what a
/// double holds exactly, which read through one was refused as "at most 2^64 − 1" or
/// rounded to another seed unsaid). `None` for anything else, or for more than `u64` holds.
pub fn whole_exactly(text: &str) -> Option<u64> {
    let (cleaned, exponent) = read_decimal(text).ok()?;
    let unsigned = cleaned.strip_prefix('+').unwrap_or(&cleaned);
    let (negative, unsigned) = match unsigned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, unsigned),
    };
    let (integer, decimals) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let mut digits = format!("{integer}{decimals}");
    let mut exponent = exponent.checked_sub(i64::try_from(decimals.len()).ok()?)?;
    // Trailing zeros first: `9007199254740993.0` is whole, `1.5` is not.
    while exponent < 0 && digits.ends_with('0') {
        digits.pop();
        exponent += 1;
    }
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Some(0);
    }
    if exponent < 0 || negative {
        return None;
    }
    let scale = 10u128.checked_pow(u32::try_from(exponent).ok()?)?;
    let value = digits.parse::<u128>().ok()?.checked_mul(scale)?;
    u64::try_from(value).ok()
}

/// A number in the scenario grammar as its decimal digits (`-1234.5`, separators gone) and the
/// power of ten they are multiplied by (a suffix's and an exponent's together).
fn read_decimal(text: &str) -> Result<(String, i64), NumberError> {
    let text = text.trim();
    if let Some(sign) = text.chars().next().filter(|c| is_currency_sign(*c)) {
        return Err(NumberError::currency(sign, &text[sign.len_utf8()..]));
    }
    if text.is_empty() {
        return Err(NumberError::Empty);
    }
    let (body, shift) = split_suffix(text)?;
    let mut cleaned = String::with_capacity(body.len() + 8);
    let mut chars = body.chars().peekable();
    if let Some(&sign) = chars.peek()
        && (sign == '+' || sign == '-')
    {
        cleaned.push(sign);
        chars.next();
    }
    let integer_part: String = chars
        .clone()
        .take_while(|c| c.is_ascii_digit() || *c == '_' || *c == ',')
        .collect();
    for _ in 0..integer_part.chars().count() {
        chars.next();
    }
    cleaned.push_str(&clean_digits(&integer_part)?);
    let rest: String = chars.collect();
    let mut rest = rest.as_str();
    let mut has_digits = !integer_part.is_empty();
    if let Some(after_dot) = rest.strip_prefix('.') {
        let decimals: String = after_dot
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '_')
            .collect();
        rest = &after_dot[decimals.len()..];
        if decimals.contains(',') || decimals.starts_with('_') || decimals.ends_with('_') {
            return Err(NumberError::NotANumber);
        }
        // Grouped by three from the point too (`1.234_567`): `1.2_3M` read 1.23M.
        let groups: Vec<&str> = decimals.split('_').collect();
        if let [whole @ .., last] = &groups[..]
            && !whole.is_empty()
            && (whole.iter().any(|g| g.len() != 3) || last.len() > 3)
        {
            return Err(NumberError::BadThousands('_'));
        }
        has_digits |= !decimals.is_empty();
        cleaned.push('.');
        cleaned.push_str(&decimals.replace('_', ""));
        if decimals.is_empty() {
            cleaned.push('0');
        }
    }
    if !has_digits {
        return Err(NumberError::NotANumber);
    }
    let mut exponent: i64 = 0;
    if let Some(after_e) = rest.strip_prefix(['e', 'E']) {
        exponent = after_e.parse().map_err(|_| NumberError::NotANumber)?;
        rest = "";
    }
    if !rest.is_empty() {
        return Err(NumberError::NotANumber);
    }
    Ok((cleaned, exponent.saturating_add(shift)))
}

/// The suffixes of amounts as the grammar writes them, smallest first, the decimal exponent
/// each adds and its scale (written out: `powi` promises no precision): the parser reads them
/// in either case, the formatter writes an amount with the largest its magnitude reaches, and a
/// message lists them.
const AMOUNT_SUFFIXES: [(&str, i32, f64); 4] =
    [("k", 3, 1e3), ("M", 6, 1e6), ("B", 9, 1e9), ("T", 12, 1e12)];

/// The decimal exponent an amount's suffix adds (`k` 3 … `T` 12), if `suffix` is one.
fn amount_suffix(suffix: &str) -> Option<i64> {
    AMOUNT_SUFFIXES
        .iter()
        .find(|(s, _, _)| suffix.eq_ignore_ascii_case(s))
        .map(|(_, exponent, _)| i64::from(*exponent))
}

/// Whether `suffix` (as [`suffix_of`] gives it) is an amount's: `k`, `M`, `B` or `T`.
pub fn is_amount_suffix(suffix: &str) -> bool {
    amount_suffix(suffix).is_some()
}

/// Splits `"3.5 M"` into `("3.5", 6)`: the body and the decimal exponent its suffix adds.
fn split_suffix(text: &str) -> Result<(&str, i64), NumberError> {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic() || *c == '%')
        .last()
        .map_or(text.len(), |(i, _)| i);
    let (body, suffix) = (text[..start].trim_end(), &text[start..]);
    let shift = match (suffix, amount_suffix(suffix)) {
        ("", _) => 0,
        ("%", _) => -2,
        (_, Some(exponent)) => exponent,
        _ => {
            // Only a body ending in a digit can be a suffix-free number; checking no other
            // keeps this from recursing once per word of "1 x x x ...".
            let body_is_number = body.ends_with(|c: char| c.is_ascii_digit() || c == '.')
                && parse_number(body).is_ok();
            return Err(if body_is_number && !suffix.eq_ignore_ascii_case("e") {
                NumberError::UnknownSuffix(suffix.to_string())
            } else {
                NumberError::NotANumber
            });
        }
    };
    Ok((body, shift))
}

/// The unit suffix a number is written with (`M` of `"35M"`, `%` of `"12 %"`), `""` for a bare
/// number; `None` for text that is no number.
pub fn suffix_of(text: &str) -> Option<&str> {
    parse_number(text).ok()?;
    let text = text.trim();
    let (body, _) = split_suffix(text).ok()?;
    Some(text[body.len()..].trim())
}

/// Removes `_` and `,` separators from a run of digits, checking that they group by three
/// (`6_5M` read 65M, where `6,5M` was refused).
fn clean_digits(digits: &str) -> Result<String, NumberError> {
    if digits.is_empty() {
        return Ok(String::new());
    }
    if digits.starts_with(['_', ','])
        || digits.ends_with(['_', ','])
        || digits.contains("__")
        || digits.contains(",,")
    {
        return Err(NumberError::NotANumber);
    }
    let groups: Vec<&str> = digits.split([',', '_']).collect();
    if let [first, rest @ ..] = &groups[..]
        && !rest.is_empty()
    {
        let separator = if digits.contains(',') { ',' } else { '_' };
        if !(1..=3).contains(&first.len()) || rest.iter().any(|g| g.len() != 3) {
            return Err(NumberError::BadThousands(separator));
        }
        // `0_500` is 500 as written: no decimal comma's.
        if first.starts_with('0') && separator == ',' {
            return Err(NumberError::ZeroFirstGroup);
        }
    }
    Ok(groups.concat())
}

/// Parses a range written `"A to B"` into its two ends (each in the number grammar), split as
/// [`split_range`] splits it.
///
/// Returns `None` when the text has no `to` between white space, so the caller can try a
/// plain number.
pub fn parse_range(text: &str) -> Option<Result<(f64, f64), NumberError>> {
    let (low, high) = split_range(text)?;
    let ends = parse_number(low).and_then(|low| Ok((low, parse_number(high)?)));
    // Spaced digits are named with the whole range written without them.
    Some(ends.map_err(|e| {
        match e {
            NumberError::SpacedThousands(_) => without_spaced_thousands(text.trim())
                .filter(|range| matches!(parse_range(range), Some(Ok(_))))
                .map_or(e, NumberError::SpacedThousands),
            // So is a decimal comma, both ends read with one (`1,250% to 2,5%` is `1.25% to
            // 2.5%`, not `1,250% to 2.5%`), where the range so written reads.
            NumberError::DecimalComma(_) => {
                let point = |end: &str| {
                    let end = end.trim();
                    // An end with one point and no comma has a decimal point (`1.5%`).
                    match end.contains(',') || parse_number(end).is_err() {
                        true => with_decimal_mark(end, ','),
                        false => end.to_string(),
                    }
                };
                let range = format!("{} to {}", point(low), point(high));
                match parse_range(&range) {
                    Some(Ok(_)) => NumberError::DecimalComma(range),
                    _ => e,
                }
            }
            // So are the rest, each end as the grammar writes it (`20mn to 40mn` was told
            // "write `20M`", `1'200 to 2'000` "write `1200`", a fixed number in place of the
            // range, and `(3M) to 5M` that the key takes no -3M, which a range's end may be).
            e if e.told_end_by_end() => {
                let end = |end: &str| {
                    let end = end.trim();
                    match parse_number(end) {
                        Err(e) if e.told_end_by_end() => e.told().unwrap_or(end).to_string(),
                        _ => end.to_string(),
                    }
                };
                let range = format!("{} to {}", end(low), end(high));
                // Where the range so written still does not read, why not (`20mn to 40xx`:
                // the `xx`, not "write `20M`").
                match parse_range(&range) {
                    Some(Ok(_)) => e.told_as(|_| range.clone()),
                    Some(Err(still)) => still,
                    None => e,
                }
            }
            e => e,
        }
    }))
}

/// The two ends of `"A to B"`, split at the first `to` (in any case) with white space on both
/// sides, which may be a pasted non-breaking space (`35M\u{a0}to 70M`); `None` if there is none.
pub fn split_range(text: &str) -> Option<(&str, &str)> {
    text.char_indices().find_map(|(at, c)| {
        let after = text.get(at + c.len_utf8()..)?;
        let word = after.get(..2)?;
        let space = after[2..].chars().next()?;
        (c.is_whitespace() && word.eq_ignore_ascii_case("to") && space.is_whitespace())
            .then(|| (&text[..at], &after[2 + space.len_utf8()..]))
    })
}

/// How a quantity is written for people: money with k/M/B/T, fractions as percentages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// An amount of money (or any large count): `3M`, `250k`.
    Amount,
    /// A fraction or rate: `12%`.
    Percent,
    /// A plain number: `90`, `0.8`.
    Plain,
}

impl Unit {
    /// The unit `text`, a number in the grammar, is written in: a percentage (`12%`), an amount
    /// (a k, M, B or T suffix: `3M`), or plain (`0.8`, and any text that is no number).
    pub fn written(text: &str) -> Unit {
        match suffix_of(text) {
            Some("%") => Unit::Percent,
            Some(suffix) if is_amount_suffix(suffix) => Unit::Amount,
            _ => Unit::Plain,
        }
    }

    /// What a figure in it is, in a message: `a percentage`, `an amount`; `None` for plain.
    pub fn kind(self) -> Option<&'static str> {
        match self {
            Unit::Percent => Some("a percentage"),
            Unit::Amount => Some("an amount"),
            Unit::Plain => None,
        }
    }
}

/// Writes `value` in the grammar with the fewest significant digits that parse back to
/// exactly `value`: 3e6 → `3M`, 0.125 → `12.5%`, 36_750_000 → `36.75M`.
pub fn format_exact(value: f64, unit: Unit) -> String {
    (1..=17)
        .map(|digits| format_significant(value, unit, digits))
        .find(|text| parse_number(text) == Ok(value))
        .unwrap_or_else(|| format!("{value:e}"))
}

/// The significant digits an input's value is shown at where people read it (the live
/// session's inputs list, a nudge's refusal, a target written with them).
pub const LISTED_DIGITS: usize = 4;

/// Writes `value` in the grammar rounded to `digits` significant digits, for display:
/// 36_750_000 with 3 digits → `36.8M`.
pub fn format_significant(value: f64, unit: Unit, digits: usize) -> String {
    if !value.is_finite() {
        return if value.is_nan() {
            "n/a".to_string()
        } else if value > 0.0 {
            "∞".to_string()
        } else {
            "-∞".to_string()
        };
    }
    let (scaled, suffix) = match unit {
        Unit::Percent => (value * 100.0, "%"),
        Unit::Plain => (value, ""),
        // From a million trillion, an amount reads in powers of ten: `1e300`, not 300 digits
        // and a T.
        Unit::Amount if amount_in_powers_of_ten(value, digits) => (value, ""),
        Unit::Amount => {
            let magnitude = round_significant(value.abs(), digits);
            // The largest suffix the magnitude reaches.
            AMOUNT_SUFFIXES
                .iter()
                .rev()
                .map(|(suffix, _, scale)| (*suffix, *scale))
                .find(|(_, scale)| magnitude >= *scale)
                .map_or((value, ""), |(suffix, scale)| (value / scale, suffix))
        }
    };
    if !scaled.is_finite() {
        // A percentage of a finite value may still overflow.
        return format_significant(scaled, Unit::Plain, digits);
    }
    // Beyond a thousand trillion (amounts: a million trillion, above), and below a millionth (a
    // target of 1e-300 read "0", a value the file may not hold), figures are written in powers
    // of ten.
    let magnitude = round_significant(scaled.abs(), digits);
    if written_in_powers_of_ten(magnitude) {
        return format!("{}{suffix}", scientific(scaled, digits));
    }
    // A percentage or trillions of a thousand or more keep to their digits too (`2770%`, not
    // `2766%`, beside `1230 reps`; `1030T`); a plain figure is written whole, as its caller
    // rounded it.
    let scaled = if unit != Unit::Plain && magnitude >= 10f64.powi(digits as i32) {
        magnitude.copysign(scaled)
    } else {
        scaled
    };
    format!("{}{suffix}", trim_decimal(scaled, digits))
}

/// `value` as [`format_significant`] writes it, but in powers of ten whatever its size
/// (`4.42e1%`, `3.41e-7%`): a column one of whose figures is read so, so that the column reads
/// in one notation. 0 and figures that are not finite read as [`format_significant`] writes
/// them; an amount is written without its suffix (`3e6`).
pub fn format_in_powers_of_ten(value: f64, unit: Unit, digits: usize) -> String {
    let (scaled, suffix) = match unit {
        Unit::Percent => (value * 100.0, "%"),
        Unit::Amount | Unit::Plain => (value, ""),
    };
    if scaled == 0.0 || !scaled.is_finite() {
        return format_significant(value, unit, digits);
    }
    format!("{}{suffix}", scientific(scaled, digits))
}

/// Whether a figure the grammar writes (`3.41e-7%`, `$3.98e18`) is in powers of ten: no other
/// figure it writes has a digit before an `e` (`∞`, `n/a`, `%`, `k`, `M`, `B`, `T`).
pub fn is_in_powers_of_ten(figure: &str) -> bool {
    figure
        .as_bytes()
        .windows(2)
        .any(|pair| pair[0].is_ascii_digit() && pair[1] == b'e')
}

/// `value` with `digits` significant digits in `unit`, as [`format_significant`] writes it,
/// with its thousands grouped as people read them ([`for_people`]: `2,016,814`,
/// `713,225,628%`; `2016` stays). For people only (tables, sentences, warnings): the grammar
/// itself never groups, as the files it writes must read back (`alpha = 12,000` in an inline
/// table is not TOML).
pub fn format_for_people(value: f64, unit: Unit, digits: usize) -> String {
    for_people(&format_significant(value, unit, digits))
}

/// A figure the grammar writes (`150000000%`, `-2016814`, `1.5M`), its whole digits grouped
/// as people read them ([`group_thousands`]): `150,000,000%`, `-2,016,814`, `1.5M`.
pub fn for_people(figure: &str) -> String {
    let sign = usize::from(figure.starts_with('-'));
    let whole = figure[sign..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(figure.len(), |end| sign + end);
    format!(
        "{}{}{}",
        &figure[..sign],
        group_thousands(&figure[sign..whole]),
        &figure[whole..]
    )
}

/// A whole number as people read a count, grouped as every figure is ([`group_thousands`]):
/// `100,000` samples, `1,000` samples.
pub fn thousands(n: u64) -> String {
    group_thousands(&n.to_string())
}

/// The fewest whole digits a number is grouped at: `1,157` and `100,000` are, `999` is not.
/// The one rule for every count and figure people read: from five, "needs 1157 ramped reps"
/// read beside "10,000 reps", and `1450 pts/yr` beside `1,170,000 pts/yr`.
const GROUPED_FROM_DIGITS: usize = 4;

/// Digits with a comma before each group of three from the right, from
/// [`GROUPED_FROM_DIGITS`] digits on: `1234567` → `1,234,567`, `123` stays.
fn group_thousands(digits: &str) -> String {
    if digits.len() < GROUPED_FROM_DIGITS {
        return digits.to_string();
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Whether a figure of this size (not 0) is written in powers of ten: from a thousand trillion
/// on, and below a millionth.
pub fn written_in_powers_of_ten(x: f64) -> bool {
    x.abs() >= PLAIN_BELOW || (x != 0.0 && x.abs() < PLAIN_ABOVE)
}

/// Below this magnitude (and above 0), figures are written in powers of ten.
const PLAIN_ABOVE: f64 = 1e-6;

/// From this magnitude on, figures are written in powers of ten.
const PLAIN_BELOW: f64 = 1e15;

/// From this magnitude on, amounts are written in powers of ten (`1e18`), past any plan (in
/// VND, $40T); below it they keep the `T` and let its digits grow (`1,040T` beside `878T` on one
/// axis, where powers of ten read `1.04e15`), in tables, warnings and files alike.
const AMOUNTS_IN_POWERS_OF_TEN: f64 = 1e18;

/// Whether the amount `value` at `digits` significant digits is written in powers of ten
/// ([`AMOUNTS_IN_POWERS_OF_TEN`], decided on the figure as rounded: 9.996e17 reads `1e18`).
pub(crate) fn amount_in_powers_of_ten(value: f64, digits: usize) -> bool {
    round_significant(value.abs(), digits) >= AMOUNTS_IN_POWERS_OF_TEN
}

/// `digits` significant digits in powers of ten, without trailing zeros: `9.94e301`, `1e300`.
fn scientific(value: f64, digits: usize) -> String {
    let text = format!("{:.*e}", digits.saturating_sub(1), value);
    match text.split_once('e') {
        Some((mantissa, exponent)) if mantissa.contains('.') => {
            let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
            format!("{mantissa}e{exponent}")
        }
        _ => text,
    }
}

/// Rounds to `digits` significant digits (used to pick the suffix after rounding: 999.9k → 1M).
pub fn round_significant(value: f64, digits: usize) -> f64 {
    if value == 0.0 {
        return 0.0;
    }
    let text = format!("{:.*e}", digits.saturating_sub(1), value);
    text.parse().unwrap_or(value)
}

/// Which way a figure is rounded where the way matters: a bound shown to people must stay on
/// its safe side when it is typed back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toward {
    /// The largest figure with `digits` significant digits at most the value (a realistic
    /// target: any lower target is realistic too).
    Down,
    /// The smallest one at least the value (a lever's smallest value that works).
    Up,
}

/// `value` rounded to `digits` significant digits `toward` one side: 20,281,427 down is
/// 20,200,000 and up 20,300,000. The result is the `f64` nearest that decimal, as it parses
/// back when typed, and is never on the wrong side of `value`.
pub fn round_significant_toward(value: f64, digits: usize, toward: Toward) -> f64 {
    let nearest = round_significant(value, digits);
    let on_its_side = match toward {
        Toward::Down => nearest <= value,
        Toward::Up => nearest >= value,
    };
    if !value.is_finite() || on_its_side {
        return nearest;
    }
    // One step in the last shown digit: `4.69e6` → mantissa 469, exponent 4 → 468e4.
    let text = format!("{:.*e}", digits.saturating_sub(1), value);
    let Some((mantissa, exponent)) = text.split_once('e') else {
        return value;
    };
    let (Ok(mantissa), Ok(exponent)) = (
        mantissa.replace('.', "").parse::<i64>(),
        exponent.parse::<i64>(),
    ) else {
        return value;
    };
    let step = match toward {
        Toward::Down => -1,
        Toward::Up => 1,
    };
    let mut shifted = exponent - digits.saturating_sub(1) as i64;
    let mut stepped = mantissa + step;
    // Stepping below the decade keeps every digit: 1.00e2 down is 99.9, not 99.
    let smallest = 10i64.pow(digits.saturating_sub(1) as u32);
    if stepped.abs() < smallest {
        stepped = mantissa.signum() * (smallest * 10 - 1);
        shifted -= 1;
    }
    format!("{stepped}e{shifted}").parse().unwrap_or(value)
}

/// Formats with `digits` significant digits in plain decimal notation, without trailing zeros.
fn trim_decimal(value: f64, digits: usize) -> String {
    if value == 0.0 {
        return "0".to_string();
    }
    let magnitude = value.abs().log10().floor() as i64;
    let decimals = (digits as i64 - 1 - magnitude).clamp(0, 20) as usize;
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    if text == "-0" { "0".to_string() } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::currency::without_currency_marks;

    #[test]
    fn a_bound_rounds_to_its_safe_side_at_the_digits_shown() {
        let down = |v| round_significant_toward(v, 3, Toward::Down);
        let up = |v| round_significant_toward(v, 3, Toward::Up);
        assert_eq!(down(20_281_427.7), 20_200_000.0);
        assert_eq!(up(20_281_427.7), 20_300_000.0);
        assert_eq!(down(20_241_427.7), 20_200_000.0, "nearest is already below");
        assert_eq!(up(1.1803), 1.19);
        assert_eq!(down(1.1803), 1.18);
        // The digit count can change across a power of ten, both ways.
        assert_eq!(down(100.4), 100.0);
        assert_eq!(down(99.96), 99.9);
        assert_eq!(up(999.4), 1000.0);
        assert_eq!(down(100.96), 100.0, "still in the decade: no step below it");
        assert_eq!(up(-99.96), -99.9, "below the decade, the sign kept");
        assert_eq!(up(0.1004), 0.101);
        // Negative figures (a share gain's pace can be below zero), and exact ones.
        assert_eq!(up(-0.002474), -0.00247);
        assert_eq!(down(-0.002474), -0.00248);
        assert_eq!(down(4.69e6), 4.69e6);
        assert_eq!(up(0.469), 0.469);
        assert_eq!(down(0.0), 0.0);
        assert!(down(f64::INFINITY).is_infinite());
    }

    #[test]
    fn a_bound_rounded_toward_its_side_never_crosses_the_value() {
        // Values one float step either side of a shown figure, where rounding the division
        // by a power of ten would go wrong.
        for shown in [0.469, 4.69e6, 1.18, 0.0101, 7.77, 123e-9, 9.99e14] {
            for v in [f64::next_down(shown), shown, f64::next_up(shown)] {
                let d = round_significant_toward(v, 3, Toward::Down);
                let u = round_significant_toward(v, 3, Toward::Up);
                assert!(d <= v && u >= v, "{v:e}: {d:e} .. {u:e}");
                assert_eq!(d, round_significant(d, 3), "{d:e} is shown as it is");
                assert_eq!(u, round_significant(u, 3), "{u:e} is shown as it is");
            }
        }
    }

    #[test]
    fn suffixes_scale_by_powers_of_ten() {
        assert_eq!(parse_number("3M"), Ok(3e6));
        assert_eq!(parse_number("250k"), Ok(250e3));
        assert_eq!(parse_number("1.2B"), Ok(1.2e9));
        assert_eq!(parse_number("2.5T"), Ok(2.5e12));
        assert_eq!(parse_number("3t"), Ok(3e12));
        assert_eq!(parse_number("12%"), Ok(0.12));
        assert_eq!(parse_number("-5%"), Ok(-0.05));
        assert_eq!(parse_number("3m"), Ok(3e6));
        assert_eq!(parse_number("2K"), Ok(2e3));
        assert_eq!(parse_number("1.2M"), Ok(1_200_000.0));
    }

    #[test]
    fn separators_signs_exponents_and_white_space_are_accepted() {
        assert_eq!(parse_number(" 1,000,000 "), Ok(1e6));
        assert_eq!(parse_number("2_500"), Ok(2500.0));
        assert_eq!(parse_number("+1e6"), Ok(1e6));
        assert_eq!(parse_number("1.5e-3"), Ok(0.0015));
        assert_eq!(parse_number("3 M"), Ok(3e6));
        assert_eq!(parse_number(".5"), Ok(0.5));
        assert_eq!(parse_number("7."), Ok(7.0));
    }

    #[test]
    fn a_file_s_magnitude_spelt_out_or_pace_in_points_is_told_the_number_to_write() {
        // A file's `"1.2mn"` read "unknown suffix `mn`"; `"84.1 pts/yr"`, copied from a lever,
        // "(not a number)".
        for (typed, write) in [("1.2mn", "1.2M"), ("6.5 million", "6.5M"), ("3MM", "3M")] {
            assert_eq!(
                parse_number(typed),
                Err(NumberError::SpeltMagnitude(write.to_string())),
                "{typed}"
            );
        }
        for (typed, write) in [("84.1 pts/yr", "84.1%"), ("5pts", "5%"), ("-2 PP", "-2%")] {
            assert_eq!(
                parse_number(typed),
                Err(NumberError::Points(write.to_string())),
                "{typed}"
            );
        }
        // In a range, the whole range so written (`20mn to 40mn` was told "write `20M`", a
        // fixed number in its place), where that reads; else why it does not.
        for (typed, write) in [
            ("20mn to 40mn", "20M to 40M"),
            ("20M to 40 million", "20M to 40M"),
        ] {
            assert_eq!(
                parse_range(typed),
                Some(Err(NumberError::SpeltMagnitude(write.to_string()))),
                "{typed}"
            );
        }
        assert_eq!(
            parse_range("2 pts/yr to 8 pts/yr"),
            Some(Err(NumberError::Points("2% to 8%".to_string())))
        );
        assert_eq!(
            parse_range("20mn to 40xx"),
            Some(Err(NumberError::UnknownSuffix("xx".to_string())))
        );
        // Said only where it fits the key: points to a percentage key, magnitudes to amounts.
        let points = NumberError::Points("5%".into());
        for unit in [Unit::Amount, Unit::Plain] {
            // Not to an amount, nor to a count of days (`"90 pts"` was told to write `90%`).
            assert_eq!(points.beside("\"5 pts\"".into(), Some(unit)), "\"5 pts\"");
        }
        assert!(
            points
                .beside("\"5 pts\"".into(), Some(Unit::Percent))
                .ends_with("write `5%`)")
        );
        let spelt = NumberError::SpeltMagnitude("6.5M".into());
        assert_eq!(spelt.beside("x".into(), Some(Unit::Percent)), "x");
        assert!(spelt.beside("x".into(), None).ends_with("write `6.5M`)"));
        // Neither where what is before the unit is no plain number.
        assert_eq!(parse_number("5% pts"), Err(NumberError::NotANumber));
        assert_eq!(
            parse_number("3 millionaires"),
            Err(NumberError::UnknownSuffix("millionaires".into()))
        );
    }

    #[test]
    fn magnitudes_spelt_out_after_a_number_are_its_suffix() {
        assert_eq!(with_magnitude_suffixes("1.2bn"), "1.2B");
        assert_eq!(with_magnitude_suffixes("6.5 million"), "6.5M");
        assert_eq!(with_magnitude_suffixes("3mm to 4MM"), "3M to 4M");
        assert_eq!(with_magnitude_suffixes("250 Thousand"), "250k");
        assert_eq!(with_magnitude_suffixes("2 trillion"), "2T");
        assert_eq!(with_magnitude_suffixes("2 millions"), "2M");
        assert_eq!(with_magnitude_suffixes("1.5 Mio"), "1.5M");
        assert_eq!(with_magnitude_suffixes("3 MRD"), "3B");
        assert_eq!(
            with_magnitude_suffixes("2 mil"),
            "2 mil",
            "a thousand or a million"
        );
        // Not after a number, or only the start of a word: left as typed.
        assert_eq!(with_magnitude_suffixes("million"), "million");
        assert_eq!(with_magnitude_suffixes("3 millionaires"), "3 millionaires");
        assert_eq!(with_magnitude_suffixes("3mmx"), "3mmx");
        assert_eq!(with_magnitude_suffixes("35M to 70M"), "35M to 70M");
        assert!(parse_number(&with_magnitude_suffixes("6.5 million")) == Ok(6.5e6));
    }

    #[test]
    fn a_currency_sign_is_refused_with_how_to_write_the_amount() {
        let currency = |currency: &str, number: Option<&str>| {
            Err(NumberError::Currency(Box::new(WithCurrency {
                currency: currency.into(),
                number: number.map(str::to_string),
            })))
        };
        assert_eq!(parse_number("$300,000"), currency("$", Some("300,000")));
        // With a decimal comma too, the amount to write has a point (it took two mends).
        assert_eq!(
            parse_number("€1.250.000,50"),
            currency("€", Some("1250000.5"))
        );
        // The plan's own marks come off what a person types, another currency's stay.
        assert_eq!(without_currency_marks("€5.93M", "EUR"), "5.93M");
        assert_eq!(without_currency_marks("$2M to $3M", "usd"), "2M to 3M");
        assert_eq!(without_currency_marks("$2M", "$"), "2M");
        assert_eq!(without_currency_marks("€2M", "USD"), "€2M");
        // Spaced from the amount, or after it, as many Europeans write it (`€ 3M` and `3M€`
        // were refused with "write amounts without `€`", where `€5.93M` was taken).
        assert_eq!(without_currency_marks("€ 3M", "EUR"), "3M");
        assert_eq!(without_currency_marks("3M€", "EUR"), "3M");
        assert_eq!(
            parse_range(&without_currency_marks("3M € to 5,5M €", "EUR")).map(|r| r.is_ok()),
            Some(false),
            "a decimal comma is still refused"
        );
        assert_eq!(
            parse_range(&without_currency_marks("3M € to 5M €", "EUR")),
            Some(Ok((3e6, 5e6)))
        );
        assert_eq!(without_currency_marks("5%€", "EUR"), "5%€");
        assert_eq!(without_currency_marks("30M€ to 80M €", "EUR"), "30M to 80M");
        assert_eq!(
            without_currency_marks("{ mean = \"€50M\", sd = \"5M€\" }", "EUR"),
            "{ mean = \"50M\", sd = \"5M\" }"
        );
        assert_eq!(without_currency_marks("€ 5%", "EUR"), "€ 5%");
        assert_eq!(without_currency_marks("€€3M", "EUR"), "€3M");
        // One amount has one mark: `$3M$` read 3M. Each amount of a range may have its own.
        assert_eq!(without_currency_marks("$3M$", "USD"), "3M$");
        assert_eq!(without_currency_marks("€ 3M €", "EUR"), "3M €");
        assert_eq!(without_currency_marks("EUR 3M EUR", "EUR"), "3M EUR");
        assert_eq!(without_currency_marks("€3M to 5M€", "EUR"), "3M to 5M");
        assert_eq!(without_currency_marks("€3M€ to 5M", "EUR"), "3M€ to 5M");
        assert!(parse_number(&without_currency_marks("$3M$", "USD")).is_err());
        // A sign between digits is a decimal point to some (3.50 euros), never one to drop.
        assert_eq!(without_currency_marks("3€50", "EUR"), "3€50");
        assert!(parse_number(&without_currency_marks("3€50", "EUR")).is_err());
        assert_eq!(without_currency_marks("2M to €3M", "EUR"), "2M to 3M");
        assert_eq!(without_currency_marks("-€3M", "EUR"), "-3M");
        // A signed amount after the sign is an amount, refused (if at all) for its sign.
        assert_eq!(without_currency_marks("$-3M", "USD"), "-3M");
        assert_eq!(without_currency_marks("€+2M", "EUR"), "+2M");
        assert_eq!(without_currency_marks("€-5%", "EUR"), "€-5%");
        assert_eq!(
            parse_number("$-3M").map_err(|e| e.to_string()),
            Err("a currency; write amounts without `$`, as in -3M".to_string()),
            "the amount as typed, where \"as in 300k\" hid that it is negative"
        );
        assert_eq!(
            without_currency_marks("€5%", "EUR"),
            "€5%",
            "a percentage stays refused"
        );
        assert_eq!(
            without_currency_marks("3M CHF to 4M CHF", "CHF"),
            "3M to 4M"
        );
        assert_eq!(without_currency_marks("3M CHFX", "CHF"), "3M CHFX");
        // The code beside the amount, after or before it, for a currency with a sign too
        // (`3M EUR` and `EUR 3M` were refused in a plan in euros).
        assert_eq!(without_currency_marks("3M EUR", "EUR"), "3M");
        assert_eq!(
            without_currency_marks("EUR 3M to EUR 5M", "EUR"),
            "3M to 5M"
        );
        assert_eq!(without_currency_marks("usd 2M", "$"), "2M");
        assert_eq!(without_currency_marks("CHF 300k", "CHF"), "300k");
        assert_eq!(without_currency_marks("EUR 3M", "USD"), "EUR 3M");
        assert_eq!(without_currency_marks("EURO 3M", "EUR"), "EURO 3M");
        assert_eq!(without_currency_marks("EUR 5%", "EUR"), "EUR 5%");
        assert_eq!(without_currency_marks("3EUR", "EUR"), "3EUR");
        assert_eq!(without_currency_marks("5% EUR", "EUR"), "5% EUR");
        assert_eq!(without_currency_marks("5% CHF", "CHF"), "5% CHF");
        // A code that is not three letters is a code all the same (copied from the tables).
        assert_eq!(without_currency_marks("3M zł", "zł"), "3M");
        assert_eq!(without_currency_marks("R$ 3M", "R$"), "3M");
        assert_eq!(without_currency_marks("3M Fr.", "Fr."), "3M");
        assert_eq!(
            without_currency_marks("{ mean = \"$3M\" }", "USD"),
            "{ mean = \"3M\" }"
        );
        assert_eq!(without_currency_marks("3M", ""), "3M");
        assert_eq!(parse_number(" €2M"), currency("€", Some("2M")));
        assert_eq!(parse_number("$3x"), currency("$", None));
        // The example is the amount typed, without its currency (it was 300k whatever the
        // amount).
        let said = parse_number("$3M").unwrap_err().to_string();
        assert!(
            said.contains("write amounts without `$`, as in 3M"),
            "{said}"
        );
        // Where the rest reads as no amount, the example is one: not a percentage.
        for typed in ["$", "$10%"] {
            let said = parse_number(typed).unwrap_err().to_string();
            assert!(said.contains("as in 300k"), "{typed}: {said}");
        }
        // A long run of signs is refused as any other text (it was read again per sign, until
        // the stack overflowed at 40,000).
        let signs = "$".repeat(100_000);
        assert!(matches!(
            parse_number(&signs),
            Err(NumberError::Currency(_))
        ));
    }

    #[test]
    fn a_long_unknown_suffix_is_cut_in_the_message_as_found_text_is() {
        let said = parse_number(&format!("3M{}", "x".repeat(2_000)))
            .unwrap_err()
            .to_string();
        assert_eq!(
            said,
            format!(
                "unknown suffix `M{}…` (use k, M, B, T or %)",
                "x".repeat(39)
            )
        );
    }

    #[test]
    fn malformed_numbers_are_refused_with_the_reason() {
        assert_eq!(parse_number(""), Err(NumberError::Empty));
        assert_eq!(parse_number("abc"), Err(NumberError::NotANumber));
        assert_eq!(
            parse_number("1,5M"),
            Err(NumberError::DecimalComma("1.5M".into()))
        );
        assert_eq!(
            parse_number("1,50,000"),
            Err(NumberError::BadThousands(','))
        );
        assert_eq!(parse_number("1.2.3,5"), Err(NumberError::NotANumber));
        // So must `_`: `6_5M` read 65M.
        assert_eq!(parse_number("6_5M"), Err(NumberError::BadThousands('_')));
        assert_eq!(
            parse_number("10_00_000"),
            Err(NumberError::BadThousands('_'))
        );
        assert_eq!(parse_number("2_500"), Ok(2500.0));
        // `0,500M` is half a million with a decimal comma; read as groups it was 500M.
        let comma = |number: &str| Err(NumberError::DecimalComma(number.into()));
        assert_eq!(parse_number("0,500M"), comma("0.5M"));
        assert_eq!(parse_number("-0,250"), comma("-0.25"));
        assert_eq!(parse_number("0_500"), Ok(500.0));
        assert_eq!(parse_number("0,000"), Ok(0.0));
        assert_eq!(parse_number("0,000M"), Ok(0.0));
        assert_eq!(parse_number("0,500,000"), Err(NumberError::ZeroFirstGroup));
        assert_eq!(parse_number("0.500"), Ok(0.5));
        // Any number a spreadsheet set to a decimal comma writes is said so, with the number
        // to write (`1.250.000` was "not a number", `6,5M` "`,` must separate groups of three").
        assert_eq!(parse_number("0,81"), comma("0.81"));
        assert_eq!(parse_number("6,5M"), comma("6.5M"));
        assert_eq!(parse_number("81,5%"), comma("81.5%"));
        assert_eq!(parse_number("1.250.000"), comma("1250000"));
        assert_eq!(parse_number("1.250.000,50"), comma("1250000.5"));
        assert_eq!(parse_number("1.250,5"), comma("1250.5"));
        assert_eq!(parse_number("1 250 000,50"), comma("1250000.5"));
        assert_eq!(parse_number("1,500"), Ok(1500.0));
        assert_eq!(parse_number("1,5,0"), Err(NumberError::BadThousands(',')));
        // A range is said whole, both ends with a point.
        let range = |text| parse_range(text).map(|r| r.map_err(|e| e.to_string()));
        assert_eq!(
            range("1.5% to 2,5%"),
            Some(Err(
                "a number as a spreadsheet set to a decimal comma writes it; write `1.5% to 2.5%`"
                    .into()
            ))
        );
        assert_eq!(
            parse_range("0,5M to 0,8M"),
            Some(Err(NumberError::DecimalComma("0.5M to 0.8M".into())))
        );
        // Both ends with a decimal comma, the one that reads with a point too (`1,250%` was
        // kept, and `1,250% to 2.5%` offered, 1250% to 2.5%); a range that would not read is
        // offered no mend.
        assert_eq!(
            parse_range("1,250% to 2,5%"),
            Some(Err(NumberError::DecimalComma("1.25% to 2.5%".into())))
        );
        assert_eq!(
            parse_range("1,5% to abc"),
            Some(Err(NumberError::DecimalComma("1.5%".into())))
        );
        assert_eq!(
            NumberError::DecimalComma("6.5M".into()).to_string(),
            "a number as a spreadsheet set to a decimal comma writes it; write `6.5M`"
        );
        assert_eq!(parse_number("3_141_592.65"), Ok(3_141_592.65));
        // After the point, by three from it: `1.2_3M` read 1.23M.
        assert_eq!(parse_number("1.234_567"), Ok(1.234_567));
        assert_eq!(parse_number("1.234_5"), Ok(1.234_5));
        assert_eq!(parse_number("1.2_3M"), Err(NumberError::BadThousands('_')));
        assert_eq!(
            parse_number("3.141_5926"),
            Err(NumberError::BadThousands('_'))
        );
        assert_eq!(
            NumberError::BadThousands('_').to_string(),
            "`_` must separate groups of three digits, as in 1_500_000"
        );
        assert_eq!(
            parse_number("3 mil"),
            Err(NumberError::UnknownSuffix("mil".into()))
        );
        assert_eq!(parse_number("NaN"), Err(NumberError::NotANumber));
        assert_eq!(parse_number("inf"), Err(NumberError::NotANumber));
        assert_eq!(parse_number("1e999"), Err(NumberError::Overflow));
        assert_eq!(parse_number("1e-400"), Err(NumberError::Underflow));
        // A minus sign or an en dash as a sign, not a dash between two numbers.
        assert_eq!(with_ascii_minus("\u{2212}5%"), "-5%");
        assert_eq!(with_ascii_minus("\u{2013}4% to \u{2013}.5%"), "-4% to -.5%");
        assert_eq!(with_ascii_minus("3%\u{2013}5%"), "3%\u{2013}5%");
        assert_eq!(with_ascii_minus("3% \u{2013} 5%"), "3% \u{2013} 5%");
        // Runs of spaces as one space, in a value's strings too.
        assert_eq!(with_spaces_collapsed("35M \t  to\t70M"), "35M to 70M");
        assert_eq!(
            with_spaces_collapsed("{ a = \"x   y\",   b = 'p \t q',  c = \"\\\"  \" }"),
            "{ a = \"x y\", b = 'p q', c = \"\\\" \" }"
        );
        assert!(matches!(
            with_spaces_collapsed("3M to 4M"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(parse_number("-2.5e-999"), Err(NumberError::Underflow));
        assert_eq!(parse_number("0e-400"), Ok(0.0));
        assert_eq!(parse_number("0.000e5"), Ok(0.0));
        assert_eq!(parse_number("1__0"), Err(NumberError::NotANumber));
        assert_eq!(parse_number("-"), Err(NumberError::NotANumber));
        assert_eq!(parse_number("%"), Err(NumberError::NotANumber));
        assert_eq!(parse_number("1.2.3"), Err(NumberError::NotANumber));
        let many_words = format!("1{}", " x".repeat(300_000));
        assert_eq!(parse_number(&many_words), Err(NumberError::NotANumber));
    }

    #[test]
    fn the_unit_a_number_is_written_in_is_told_by_its_suffix() {
        assert_eq!(Unit::written("12%"), Unit::Percent);
        assert_eq!(Unit::written("81 %"), Unit::Percent);
        assert_eq!(Unit::written("3M"), Unit::Amount);
        assert_eq!(Unit::written("250k"), Unit::Amount);
        assert_eq!(Unit::written("0.8"), Unit::Plain);
        assert_eq!(Unit::written("lots%"), Unit::Plain);
        assert_eq!(Unit::Percent.kind(), Some("a percentage"));
        assert_eq!(Unit::Amount.kind(), Some("an amount"));
        assert_eq!(Unit::Plain.kind(), None);
    }

    #[test]
    fn ranges_split_on_to() {
        assert_eq!(parse_range("35M to 70M"), Some(Ok((35e6, 70e6))));
        assert_eq!(parse_range("5% TO 20%"), Some(Ok((0.05, 0.2))));
        assert_eq!(parse_range("35M  to  70M"), Some(Ok((35e6, 70e6))));
        assert_eq!(parse_range("35M"), None);
        assert_eq!(parse_range("35M to"), None);
        assert_eq!(parse_range("35Mto 70M"), None);
        assert!(matches!(parse_range("x to 3"), Some(Err(_))));
    }

    #[test]
    fn a_range_pasted_with_non_breaking_spaces_splits_on_to() {
        // A spreadsheet's cell copied whole keeps its non-breaking (or narrow) spaces.
        assert_eq!(parse_range("35M\u{a0}to\u{a0}70M"), Some(Ok((35e6, 70e6))));
        assert_eq!(parse_range("1.5M to\u{202f}2M"), Some(Ok((1.5e6, 2e6))));
        assert_eq!(split_range("1%\u{a0}TO 2%"), Some(("1%", "2%")));
    }

    /// What a number written with `currency` beside it is told: write `number` instead.
    fn told_currency(currency: &str, number: &str) -> Result<f64, NumberError> {
        Err(NumberError::Currency(Box::new(WithCurrency {
            currency: currency.into(),
            number: Some(number.into()),
        })))
    }

    #[test]
    fn an_amount_under_a_thousand_beside_a_currency_is_the_amount_to_write() {
        // `12 kr` was told "as in 300k", an amount not typed.
        assert_eq!(
            parse_number("12 kr").map_err(|e| e.to_string()),
            Err("a currency; write amounts without `kr`, as in 12".to_string())
        );
    }

    #[test]
    fn a_currency_code_against_the_amount_is_a_currency_as_a_spaced_one_is() {
        // `CHF1200` read "not a number", where `USD 450k` is told the currency.
        assert_eq!(
            parse_number("CHF1200").map_err(|e| e.to_string()),
            Err("a currency; write amounts without `CHF`, as in 1200".to_string())
        );
    }

    #[test]
    fn an_amount_beside_a_currency_as_fit_reads_it_in_data_is_a_currency_with_the_plain_number() {
        // Each read "not a number", where `fit` read them in a CSV file's cells.
        for (typed, currency, number) in [
            ("CHF1'200.-", "CHF", "1200"),
            ("CHF 1'200.-", "CHF", "1200"),
            ("1.200,- €", "€", "1200"),
            ("US$1,200", "US$", "1,200"),
            ("1'200.- Fr.", "Fr.", "1200"),
        ] {
            assert_eq!(
                parse_number(typed),
                told_currency(currency, number),
                "{typed}"
            );
        }
    }

    #[test]
    fn letters_against_an_amount_that_are_no_currency_code_are_no_currency() {
        for typed in ["max3M", "ABC1200", "Q31200"] {
            assert_eq!(parse_number(typed), Err(NumberError::NotANumber), "{typed}");
        }
    }

    #[test]
    fn an_amount_grouped_as_a_locale_writes_it_beside_a_code_or_sign_is_a_currency() {
        // Each read "not a number", where `1 200 kr` was told the currency.
        for (typed, currency, number) in [
            ("1 200 CHF", "CHF", "1200"),
            ("CHF 1'200", "CHF", "1200"),
            ("1 200 €", "€", "1200"),
        ] {
            assert_eq!(
                parse_number(typed),
                told_currency(currency, number),
                "{typed}"
            );
        }
    }

    #[test]
    fn a_currency_abbreviation_beside_an_amount_is_a_currency_as_a_code_is() {
        // `1200 kr` read "unknown suffix `kr` (use k, M, B, T or %)", `Fr. 1200` "not a number".
        for (typed, currency, number) in [
            ("1200 kr", "kr", "1200"),
            ("1200kr", "kr", "1200"),
            ("1 200 kr", "kr", "1200"),
            ("3M zł", "zł", "3M"),
            ("Fr. 1200", "Fr.", "1200"),
            ("1'200 Fr.", "Fr.", "1200"),
            ("kr1200", "kr", "1200"),
        ] {
            assert_eq!(
                parse_number(typed),
                told_currency(currency, number),
                "{typed}"
            );
        }
        // A percentage is no amount, and letters around an abbreviation make another word.
        for typed in ["5% kr", "Fr. 5%", "1200 Mkr", "Rs.5"] {
            assert!(
                !matches!(parse_number(typed), Err(NumberError::Currency(_))),
                "{typed}"
            );
        }
    }

    #[test]
    fn apostrophe_groups_and_a_currency_after_the_number_are_refused_saying_what_to_write() {
        for (typed, written) in [
            ("3'000'000", "3000000"),
            ("3’000’000", "3000000"),
            ("-12'500.25", "-12500.25"),
            ("1'500k", "1500k"),
        ] {
            assert_eq!(
                parse_number(typed),
                Err(NumberError::QuotedThousands(written.into())),
                "{typed}"
            );
        }
        for typed in ["30'00", "1234'567", "'000", "3'000'00"] {
            assert_eq!(parse_number(typed), Err(NumberError::NotANumber), "{typed}");
        }
        for (typed, currency, number) in [
            ("3M €", "€", "3M"),
            ("3M€", "€", "3M"),
            ("300k CHF", "CHF", "300k"),
            ("1,500 CHF", "CHF", "1,500"),
            ("1500CHF", "CHF", "1500"),
            ("2M usd", "usd", "2M"),
            ("USD 3M", "USD", "3M"),
            ("CHF  1,500", "CHF", "1,500"),
        ] {
            assert_eq!(
                parse_number(typed),
                told_currency(currency, number),
                "{typed}"
            );
        }
        // A word before a number is a currency only as a code in capitals.
        for typed in [
            "3M Acme",
            "M€",
            "3M to 4M CHF",
            "Acme 3M",
            "USD 10%",
            "max 3M",
            "abt 3M",
        ] {
            assert_eq!(parse_number(typed), Err(NumberError::NotANumber), "{typed}");
        }
        // German and Dutch millions are told as the grammar writes them.
        assert_eq!(
            parse_number("1.5 mio"),
            Err(NumberError::SpeltMagnitude("1.5M".into()))
        );
        assert_eq!(
            parse_number("1.5 MIO"),
            Err(NumberError::SpeltMagnitude("1.5M".into()))
        );
        // Italian milliards: told "a currency; … as in 1.5" once the currency's example took
        // any amount.
        assert_eq!(
            parse_number("1.5 MLD"),
            Err(NumberError::SpeltMagnitude("1.5B".into()))
        );
        assert_eq!(
            NumberError::QuotedThousands("3000000".into()).to_string(),
            "digits grouped with `'`; write `3000000`"
        );
        assert_eq!(
            parse_number("USD 3M").unwrap_err().to_string(),
            "a currency; write amounts without `USD`, as in 3M"
        );
        // A magnitude in capitals is no currency: `1.5 MIO` is told above, and one that reads
        // two ways is refused as no suffix.
        assert_eq!(
            parse_number("1.5 BIO"),
            Err(NumberError::UnknownSuffix("BIO".into()))
        );
    }

    #[test]
    fn a_word_after_a_percentage_is_no_currency() {
        // A growth rate written `10% YoY` read "a currency after the number; write amounts
        // without `YoY`".
        for typed in ["10% YoY", "5% pts", "12 % USD", "3%€"] {
            assert_eq!(parse_number(typed), Err(NumberError::NotANumber), "{typed}");
        }
    }

    #[test]
    fn digits_grouped_with_spaces_are_refused_with_the_number_written_without_them() {
        for (typed, written) in [
            ("3 000 000", "3000000"),
            ("3\u{a0}000\u{a0}000", "3000000"),
            ("1\u{202f}500.5", "1500.5"),
            ("1 500 M", "1500 M"),
            ("-12 500%", "-12500%"),
        ] {
            assert_eq!(
                parse_number(typed),
                Err(NumberError::SpacedThousands(written.into())),
                "{typed}"
            );
        }
        // Not groups of three after the first, or spaces among decimals: no number, but two
        // side by side (said so: they may be two cells pasted from a spreadsheet), or none.
        for typed in [
            "35 70",
            "12345 678",
            "1 5000",
            "1.5 000",
            "1e-1 000",
            "400M\t800M",
        ] {
            assert_eq!(parse_number(typed), Err(NumberError::SideBySide), "{typed}");
        }
        for typed in ["1 500 70", "35 70 80", "to 70"] {
            assert_eq!(parse_number(typed), Err(NumberError::NotANumber), "{typed}");
        }
        assert_eq!(
            NumberError::SideBySide.to_string(),
            "two numbers side by side"
        );
        assert_eq!(
            NumberError::SpacedThousands("3000000".into()).to_string(),
            "digits grouped with spaces; write `3000000`"
        );
        // A range is named whole.
        assert_eq!(
            parse_range("1 500 000 to 3M"),
            Some(Err(NumberError::SpacedThousands("1500000 to 3M".into())))
        );
        assert_eq!(
            parse_range("1M to 2 500 000"),
            Some(Err(NumberError::SpacedThousands("1M to 2500000".into())))
        );
        // Unless the other end is no number either: then the end is named alone.
        assert_eq!(
            parse_range("1 500 to x"),
            Some(Err(NumberError::SpacedThousands("1500".into())))
        );
    }

    #[test]
    fn a_whole_number_is_read_exactly_in_any_form_the_grammar_has() {
        assert_eq!(whole_exactly("1e16"), Some(10_000_000_000_000_000));
        assert_eq!(
            whole_exactly("9007199254740993.0"),
            Some(9_007_199_254_740_993)
        );
        assert_eq!(whole_exactly("2.5k"), Some(2_500));
        assert_eq!(whole_exactly("18,446,744,073,709,551,615"), Some(u64::MAX));
        assert_eq!(whole_exactly("0.000"), Some(0));
        assert_eq!(whole_exactly("-0"), Some(0));
        for not in [
            "1.5",
            "18446744073709551616",
            "1e20",
            "-1",
            "5%",
            "abc",
            "1e-1",
            "",
        ] {
            assert_eq!(whole_exactly(not), None, "{not}");
        }
    }

    #[test]
    fn exact_formatting_round_trips() {
        for value in [
            3e6,
            250e3,
            0.12,
            36_750_000.0,
            0.05,
            1.0 / 3.0,
            123.456,
            0.0,
            -0.02,
        ] {
            for unit in [Unit::Amount, Unit::Percent, Unit::Plain] {
                let text = format_exact(value, unit);
                assert_eq!(parse_number(&text), Ok(value), "{value} as {text}");
            }
        }
        assert_eq!(format_exact(3e6, Unit::Amount), "3M");
        assert_eq!(format_exact(0.125, Unit::Percent), "12.5%");
        assert_eq!(format_exact(90.0, Unit::Plain), "90");
    }

    #[test]
    fn display_formatting_rounds_to_significant_digits() {
        assert_eq!(format_significant(36_750_000.0, Unit::Amount, 3), "36.8M");
        assert_eq!(format_significant(999_950.0, Unit::Amount, 3), "1M");
        assert_eq!(format_significant(0.30149, Unit::Percent, 3), "30.1%");
        assert_eq!(format_significant(f64::INFINITY, Unit::Percent, 3), "∞");
        // Huge figures in powers of ten; a percentage that overflows is ∞, not `inf%`.
        assert_eq!(format_significant(1e300, Unit::Amount, 3), "1e300");
        assert_eq!(format_significant(-2.5e18, Unit::Amount, 3), "-2.5e18");
        assert_eq!(format_significant(999e12, Unit::Amount, 3), "999T");
        assert_eq!(format_significant(999_950e6, Unit::Amount, 3), "1T");
        assert_eq!(format_significant(2.5e12, Unit::Amount, 3), "2.5T");
        // From a thousand trillion to a million trillion, an amount keeps the T at its digits.
        assert_eq!(format_significant(1.0304e15, Unit::Amount, 3), "1030T");
        assert_eq!(format_significant(-9.9949e17, Unit::Amount, 3), "-999000T");
        assert_eq!(format_significant(9.9951e17, Unit::Amount, 3), "1e18");
        assert_eq!(
            format_significant(9.9434e299, Unit::Percent, 3),
            "9.94e301%"
        );
        assert_eq!(format_significant(1.2e307, Unit::Percent, 3), "∞");
        assert_eq!(format_significant(8.0352e299, Unit::Plain, 3), "8.04e299");
        // Tiny figures too: a target of 1e-300 is not "0" (which the file may not hold).
        assert_eq!(format_significant(1e-300, Unit::Amount, 4), "1e-300");
        assert_eq!(format_significant(-5e-7, Unit::Plain, 3), "-5e-7");
        assert_eq!(format_significant(0.000_001, Unit::Plain, 3), "0.000001");
        assert_eq!(format_significant(0.0, Unit::Plain, 3), "0");
        // The cut is on the figure as rounded: 999,999,999,999,999.9 reads 1e15.
        assert_eq!(
            format_significant(9.999_999_999_999_999e14, Unit::Plain, 3),
            "1e15"
        );
        assert_eq!(format_significant(9.9999e12, Unit::Percent, 3), "1e15%");
        assert_eq!(format_exact(1e300, Unit::Amount), "1e300");
        assert_eq!(format_significant(-0.0001, Unit::Plain, 1), "-0.0001");
        // A percentage of a thousand or more at its digits too: a capture needed of 2766%
        // read every digit beside `1230 reps`, and 640825995% as many.
        assert_eq!(format_for_people(27.66, Unit::Percent, 3), "2,770%");
        assert_eq!(format_for_people(-27.66, Unit::Percent, 3), "-2,770%");
        assert_eq!(
            format_for_people(6_408_259.95, Unit::Percent, 3),
            "641,000,000%"
        );
        assert_eq!(format_for_people(9.994, Unit::Percent, 3), "999%");
        assert_eq!(format_for_people(9.996, Unit::Percent, 3), "1,000%");
        assert_eq!(format_for_people(27.66, Unit::Percent, 4), "2,766%");
        assert_eq!(
            format_for_people(2766.0, Unit::Plain, 3),
            "2,766",
            "plain: as rounded"
        );
    }

    #[test]
    fn counts_and_figures_are_grouped_by_one_rule_from_four_digits() {
        // A count of samples read `1,000` where a figure of the same size read `1000`.
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(9999), "9,999");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(100_000), "100,000");
        for n in [999u64, 1000, 2016, 12_000, 1_000_000] {
            assert_eq!(
                thousands(n),
                format_for_people(n as f64, Unit::Plain, 20),
                "{n}"
            );
        }
        assert_eq!(for_people("-2016814"), "-2,016,814");
        // Said together, they read alike: "9388 of 100,000 samples" read as two rules.
        assert_eq!(for_people("7730%"), "7,730%");
        assert_eq!(for_people("-2016"), "-2,016");
        assert_eq!(for_people("150000000%"), "150,000,000%");
        assert_eq!(for_people("1.5M"), "1.5M");
    }
}
