//! Currencies as a scenario names them and as people write them beside an amount: the signs
//! shown before a figure (`€3M`), the codes shown after it (`3M CHF`), a code one slip from ISO
//! 4217 said so, and the marks taken off an amount copied from the screen (`€5.93M` typed in
//! the live session reads 5.93M). The number grammar itself is [`super::number`]'s, which
//! refuses a currency written into a file's amount.

/// The currencies people write with a sign, by their codes: an amount is refused with the sign
/// before it (`€3M`) or after it (`3M €`), and the figures are written with it (`€3M`,
/// [`with_currency`]), for a `currency` given as either.
pub const CURRENCY_SIGNS: [(&str, char); 5] = [
    ("USD", '$'),
    ("EUR", '€'),
    ("GBP", '£'),
    ("JPY", '¥'),
    ("INR", '₹'),
];

/// Currencies as written beside an amount in letters that are no code: the Nordic crowns'
/// `kr`, the złoty's `zł`, the Czech crown's `Kč`, the forint's `Ft`, the leu's `lei`, the
/// Swiss franc's `Fr.` and the rupee's `Rs`. Said to be a currency, where they read "unknown
/// suffix `kr` (use k, M, B, T or %)".
pub const CURRENCY_ABBREVIATIONS: [&str; 8] = ["kr", "zł", "Kč", "Ft", "lei", "Fr.", "Fr", "Rs"];

/// Codes people write for a currency that ISO 4217 does not list, or lists under another:
/// the yuan's `RMB` and offshore `CNH`, Taiwan's `NTD`, Israel's `NIS`, pence's `GBX`, and
/// bitcoin's and ether's. Said nothing of (`RMB` read "did you mean RUB?", the rouble).
const CURRENCY_CODES_IN_USE: [&str; 7] = ["RMB", "CNH", "NTD", "NIS", "GBX", "BTC", "ETH"];

/// What to say of a `currency` written as three letters that are no ISO 4217 code, nor one
/// of [`CURRENCY_CODES_IN_USE`], nor one of [`CURRENCY_SIGNS`]' codes in any case (`usd` is
/// shown as `$`): the codes one slip away (`UDS`: `USD or UZS`; `chf`: `CHF`), as every amount
/// of the tables and the board report is shown with it, in capitals ("3M UDS"). A sign or a
/// word (`€`, `euros`) is the user's own and said nothing of.
pub fn currency_slip(currency: &str) -> Option<String> {
    let code = currency.trim();
    if code.len() != 3 || !code.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let upper = code.to_ascii_uppercase();
    if currency_sign(code).is_some() || (upper == code && is_currency_code(code)) {
        return None;
    }
    let letters: Vec<char> = upper.chars().collect();
    let with = |change: &dyn Fn(&mut Vec<char>)| {
        let mut changed = letters.clone();
        change(&mut changed);
        changed.into_iter().collect::<String>()
    };
    // The codes one slip away: the capitals, two letters swapped, one letter another.
    let swapped = (0..2).map(|i| with(&|l| l.swap(i, i + 1)));
    let replaced = (0..3).flat_map(|i| ('A'..='Z').map(move |c| (i, c)));
    let replaced = replaced.map(|(i, c)| with(&|l| l[i] = c));
    let mut near: Vec<String> = Vec::new();
    for candidate in std::iter::once(upper.clone())
        .chain(swapped)
        .chain(replaced)
    {
        if candidate != code && is_currency_code(&candidate) && !near.contains(&candidate) {
            near.push(candidate);
        }
    }
    let meant = match near.as_slice() {
        [] => String::new(),
        [first, ..] if *first == upper => format!(" (did you mean {upper}?)"),
        near => {
            let shown: Vec<&str> = near.iter().take(3).map(String::as_str).collect();
            format!(" (did you mean {}?)", shown.join(" or "))
        }
    };
    // As the tables show it: in capitals (`chf` read "shown with it as written" beside
    // "2M CHF").
    Some(format!(
        "currency: {code} is no ISO 4217 code{meant}; amounts are shown with {}",
        currency_code(code)
    ))
}

/// The sign an amount in `currency` (as a scenario writes it: `USD`, `usd`, or `$` itself) is
/// shown with; `None` for one shown by its code after the amount (`3M CHF`) or not at all.
pub fn currency_sign(currency: &str) -> Option<char> {
    let written = currency.trim();
    CURRENCY_SIGNS
        .iter()
        .find(|(code, sign)| written.eq_ignore_ascii_case(code) || written.chars().eq([*sign]))
        .map(|(_, sign)| *sign)
}

/// The code of `currency` as a scenario writes it (`USD`, `usd`, or `$` itself, which is
/// `USD`): what people write beside an amount in it (`3M EUR`, `EUR 3M`), and what the tables
/// show after one with no sign (`3M CHF`). Three letters in capitals (`chf` is `CHF`, where the
/// tables showed "1.2M CHF" and the session "this plan is in chf"); any other currency as
/// written (`zł`); empty for none.
pub fn currency_code(currency: &str) -> std::borrow::Cow<'_, str> {
    let written = currency.trim();
    if let Some((code, _)) = CURRENCY_SIGNS
        .iter()
        .find(|(_, sign)| written.chars().eq([*sign]))
    {
        return std::borrow::Cow::Borrowed(code);
    }
    if written.len() == 3 && written.chars().all(|c| c.is_ascii_alphabetic()) {
        std::borrow::Cow::Owned(written.to_ascii_uppercase())
    } else {
        std::borrow::Cow::Borrowed(written)
    }
}

/// Which currency a plan is in, as its messages begin (`this plan is in EUR`, the code as
/// [`currency_code`] writes it); `None` for a plan that names none.
pub fn plan_is_in(currency: &str) -> Option<String> {
    let code = currency_code(currency);
    (!code.is_empty()).then(|| format!("this plan is in {code}"))
}

/// An amount already written (`0.05`, `-5k`) marked with `currency` as every output marks money:
/// `$0.05`, `-€5k`, `3M CHF`, or bare in none (a warning read "0.05 , less than 100 ;" in a
/// plan without one).
pub fn with_currency(figure: &str, currency: &str) -> String {
    match currency_mark(currency) {
        CurrencyMark::Sign(sign) => match figure.strip_prefix('-') {
            Some(magnitude) => format!("-{sign}{magnitude}"),
            None => format!("{sign}{figure}"),
        },
        CurrencyMark::After(code) => format!("{figure} {code}"),
        CurrencyMark::None => figure.to_string(),
    }
}

/// How an amount in a currency is marked: a sign before it (`$3M`, `-€5k`), a code or a word
/// after it (`3M CHF`, `3M kr`), or nothing.
#[derive(PartialEq)]
pub(crate) enum CurrencyMark {
    Sign(char),
    After(String),
    None,
}

/// How `currency` (as the scenario writes it) marks an amount: `€` reads as `EUR` does (€3M),
/// not as a code after it (3M €); a three-letter code in capitals.
pub(crate) fn currency_mark(currency: &str) -> CurrencyMark {
    let code = currency_code(currency);
    match currency_sign(&code) {
        Some(sign) => CurrencyMark::Sign(sign),
        None if code.is_empty() => CurrencyMark::None,
        None => CurrencyMark::After(code.into_owned()),
    }
}

/// `typed` without the marks an amount in `currency` is shown with, so that a figure copied
/// from the screen reads as the number it shows: the sign before a number (`€5.93M` →
/// `5.93M`, `$2M to $3M` → `2M to 3M`, `€ 3M`, and before a signed one, `$-3M` → `-3M`), or
/// after it as many Europeans write it (`3M€`, `3M €`), or the code after or before it
/// (`3M CHF`, `EUR 3M` → `3M`). Another currency's marks are left, for the grammar to refuse,
/// and so are those beside a percentage (`€5%`, `5%€`, `5% EUR`) or between digits (`3€50`).
pub fn without_currency_marks<'a>(typed: &'a str, currency: &str) -> std::borrow::Cow<'a, str> {
    let code = currency.trim();
    // A number follows, and it is no percentage (`€5%` is a slip to be refused, not 5%).
    let before_number = |rest: &str| {
        let token = rest
            .split(|c: char| c.is_whitespace() || "\"',{}".contains(c))
            .next()
            .unwrap_or("");
        // A signed one too (`$-3M` is -3M, refused as no amount > 0, not as a currency).
        let unsigned = rest.strip_prefix(['-', '+']).unwrap_or(rest);
        unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.') && !token.ends_with('%')
    };
    // Shown with a sign before the amount, or with its code after or before it (`3M EUR`,
    // `EUR 3M`, refused in a plan in euros as "write amounts without `EUR`"): the code of a
    // currency the file names by its sign too.
    let sign = currency_sign(code);
    let word = Some(currency_code(code)).filter(|w| !w.is_empty());
    let word = word.as_deref();
    let starts_with_word = |text: &str| {
        word.filter(|w| {
            text.get(..w.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(w))
                && !text[w.len()..].starts_with(|c: char| c.is_alphabetic())
        })
        .map(str::len)
    };
    let mut out = String::with_capacity(typed.len());
    let mut rest = typed;
    // Where in `out` the last amount whose mark came off before it starts: one amount has one
    // mark (`$3M$` read 3M).
    let mut marked_before = None;
    let amount_start = |out: &str| {
        let amount = out.trim_end();
        amount
            .char_indices()
            .rfind(|(_, c)| c.is_whitespace() || "\"',{}".contains(*c))
            .map_or(0, |(i, c)| i + c.len_utf8())
    };
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        let unmarked = || marked_before != Some(amount_start(&out));
        let code_after = c == ' '
            && starts_with_word(after)
                .is_some_and(|len| !after[len..].starts_with(|c: char| c.is_alphanumeric()))
            && out.ends_with(|c: char| c.is_ascii_alphanumeric())
            && unmarked();
        // After an amount: its last digit or suffix, then the sign, then the end, a space, or
        // the end of a table's quoted value (`sd = "5M€" }`).
        let sign_after = out
            .trim_end()
            .ends_with(|c: char| c.is_ascii_alphanumeric())
            && after
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || "\"',}".contains(c));
        // Before an amount, at the start of a word: in `3€50` (3.50 euros, as many write it)
        // the sign is a decimal point, and taking it off read 350.
        let word_starts = !out.ends_with(|c: char| c.is_ascii_alphanumeric() || ".,".contains(c));
        let code_before = starts_with_word(rest)
            .filter(|len| word_starts && before_number(rest[*len..].trim_start()));
        if Some(c) == sign && word_starts && before_number(after.trim_start()) {
            rest = after.trim_start();
            marked_before = Some(out.len());
        } else if let Some(len) = code_before {
            rest = rest[len..].trim_start();
            marked_before = Some(out.len());
        } else if Some(c) == sign && sign_after && unmarked() {
            // With the space before it (`30M €`: the log read `30M to 80M `).
            out.truncate(out.trim_end().len());
            rest = after;
        } else if code_after {
            rest = &after[starts_with_word(after).unwrap_or(0)..];
        } else {
            out.push(c);
            rest = after;
        }
    }
    if out == typed {
        std::borrow::Cow::Borrowed(typed)
    } else {
        std::borrow::Cow::Owned(out)
    }
}

/// The mark of a currency before an amount and the text after it: a sign, perhaps after up to
/// three capitals (`$5%`, `US$1,200`), or a code (`CHF1200`, `CHF 1200`); `None` for text that
/// starts with neither. What follows is the caller's to read as a number.
pub fn mark_before(text: &str) -> Option<(&str, &str)> {
    let letters = text.len()
        - text
            .trim_start_matches(|c: char| c.is_ascii_uppercase())
            .len();
    let sign = text[letters..]
        .chars()
        .next()
        .filter(|c| is_currency_sign(*c));
    let marked = match sign {
        Some(_) => letters <= 3,
        None => letters > 0 && is_currency_code(&text[..letters]),
    };
    marked.then(|| text.split_at(letters + sign.map_or(0, char::len_utf8)))
}

/// Whether `code` is a currency's code as written in capitals: ISO 4217's (`CHF`), or one of
/// [`CURRENCY_CODES_IN_USE`] (`RMB`).
pub fn is_currency_code(code: &str) -> bool {
    iso_currency::Currency::from_code(code).is_some() || CURRENCY_CODES_IN_USE.contains(&code)
}

/// Whether `c` is one of the [`CURRENCY_SIGNS`].
pub fn is_currency_sign(c: char) -> bool {
    CURRENCY_SIGNS.iter().any(|(_, sign)| *sign == c)
}

/// Whether `typed` has the sign or the code of a currency other than `currency` in it (`$3M`,
/// `3M USD` in a plan in euros). The plan's own sign or code is none, even where the text is
/// refused for other reasons (`3€50`, `€5%`).
pub(super) fn names_another_currency(typed: &str, currency: &str) -> bool {
    let own = currency_code(currency);
    let own = own.as_ref();
    let other_sign = typed
        .chars()
        .any(|c| is_currency_sign(c) && currency_sign(own) != Some(c));
    let other_code = typed.split(|c: char| !c.is_ascii_alphabetic()).any(|word| {
        // Any code written in capitals (`3M CHF`, `CHF1'200.-`), the signs' in any case.
        let in_capitals = word.len() == 3 && word.bytes().all(|b| b.is_ascii_uppercase());
        !word.eq_ignore_ascii_case(own)
            && ((in_capitals && is_currency_code(word))
                || (CURRENCY_SIGNS.iter()).any(|(code, _)| word.eq_ignore_ascii_case(code)))
    });
    other_sign || other_code
}
