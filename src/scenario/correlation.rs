//! Rank correlations between uncertain inputs (docs/MODEL.md §11 "Correlated inputs"): the
//! `[correlation]` table, whose keys join two distribution inputs with `~` and whose values
//! are Spearman rank correlations ρ in [−1, 1], read with their spans; and the check that a
//! set of them can hold at once (their normal-score matrix is positive semi-definite), which
//! says which pairs to loosen when it cannot.

use nalgebra::{Cholesky, DMatrix, SymmetricEigen};
use toml_edit::{Item, TableLike};

use super::Consistency;
use super::error::{Diagnostic, did_you_mean, shown};
use super::field::Field;
use super::number::{Unit, format_exact, parse_number};
use super::value::{describe, number_of};

/// The table's name in the file.
pub const TABLE: &str = "correlation";

/// How far the live session nudges a correlation.
pub const NUDGE_STEP: f64 = 0.05;

/// What a correlation's value must be, as errors say it.
const RHO: &str = "a rank correlation from -1 to 1";

/// An eigenvalue this far below zero is rounding, not an inconsistency.
const PSD_TOLERANCE: f64 = 1e-10;

/// One asked rank correlation between two distribution inputs.
#[derive(Debug, Clone, PartialEq)]
pub struct Correlation {
    /// The key as the file writes it (`"market.size ~ market.growth"`), echoed in JSON.
    pub key: String,
    /// The first input named.
    pub a: Field,
    /// The second input named.
    pub b: Field,
    /// Spearman's rank correlation, in [−1, 1].
    pub rho: f64,
}

impl Correlation {
    /// A correlation between `a` and `b`, keyed as `a ~ b`.
    pub fn new(a: Field, b: Field, rho: f64) -> Correlation {
        Correlation {
            key: pair_name(a, b),
            a,
            b,
            rho,
        }
    }

    /// Whether this is the pair {a, b}, in either order.
    pub fn is_pair(&self, a: Field, b: Field) -> bool {
        (self.a, self.b) == (a, b) || (self.a, self.b) == (b, a)
    }

    /// The pair as messages name it: `market.size ~ market.growth`, its inputs in the order
    /// the file names them. Never cut short, unlike the key as the file writes it (which may
    /// hold any spacing around the `~`).
    pub fn name(&self) -> String {
        pair_name(self.a, self.b)
    }

    /// The pair as messages address it: `correlation."market.size ~ market.growth"`.
    pub fn dotted_key(&self) -> String {
        format!("{TABLE}.\"{}\"", self.name())
    }
}

/// `a ~ b`.
fn pair_name(a: Field, b: Field) -> String {
    format!("{} ~ {}", a.key(), b.key())
}

/// `correlation."KEY"`, the way TOML would address the key. A key that joins the names of two
/// inputs is named whole, `a ~ b` as every other message names a pair ([`Correlation::name`]):
/// `share.gain_per_year ~ capacity.attainment` read `share.gain_per_year ~ capacity.attainmen…`,
/// cut where other text from the file is ([`shown`], at
/// [`LONGEST_VALUE_SHOWN`](super::error::LONGEST_VALUE_SHOWN)), which any other key keeps (it
/// may be anything typed, of any length).
fn dotted(key: &str) -> String {
    match key.split('~').map(str::trim).collect::<Vec<_>>().as_slice() {
        [a, b] if let (Some(a), Some(b)) = (Field::from_key(a), Field::from_key(b)) => {
            format!("{TABLE}.\"{}\"", pair_name(a, b))
        }
        _ => format!("{TABLE}.\"{}\"", shown(key)),
    }
}

/// The Pearson correlation of the normal scores that gives rank correlation ρ under a
/// Gaussian copula: r = 2·sin(π·ρ/6) (Pearson 1907; docs/MODEL.md §11).
pub fn normal_score(rho: f64) -> f64 {
    2.0 * (std::f64::consts::PI * rho / 6.0).sin()
}

/// The normal-score correlation matrix over `members`, from the pairs among them (1 on the
/// diagonal, 0 for pairs not asked).
pub fn normal_score_matrix(members: &[Field], correlations: &[Correlation]) -> DMatrix<f64> {
    let mut matrix = DMatrix::identity(members.len(), members.len());
    let index = |f: Field| members.iter().position(|m| *m == f);
    for c in correlations {
        if let (Some(i), Some(j)) = (index(c.a), index(c.b)) {
            let r = normal_score(c.rho);
            matrix[(i, j)] = r;
            matrix[(j, i)] = r;
        }
    }
    matrix
}

/// The inputs a set of correlations names, in field order.
pub fn inputs(correlations: &[Correlation]) -> Vec<Field> {
    Field::INPUTS
        .into_iter()
        .filter(|f| correlations.iter().any(|c| c.a == *f || c.b == *f))
        .collect()
}

/// The smallest eigenvalue of a symmetric matrix, with its eigenvector.
fn least_eigen(matrix: &DMatrix<f64>) -> (f64, Vec<f64>) {
    let eigen = SymmetricEigen::new(matrix.clone());
    let (at, value) = eigen
        .eigenvalues
        .iter()
        .copied()
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or((0, 1.0));
    let vector = eigen.eigenvectors.column(at).iter().copied().collect();
    (value, vector)
}

/// Whether the correlations can all hold at once: their normal-score matrix is positive
/// semi-definite (a matrix of correlations of some random vector).
pub fn is_consistent(correlations: &[Correlation]) -> bool {
    let members = inputs(correlations);
    members.is_empty()
        || least_eigen(&normal_score_matrix(&members, correlations)).0 >= -PSD_TOLERANCE
}

/// A pair to loosen so that a set of correlations can hold at once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Loosen {
    /// Which correlation (an index into the set).
    pub index: usize,
    /// The nearest value (to two decimals) at which it makes the set consistent with every
    /// other pair unchanged; `None` when no value alone does and it must move with others.
    pub to: Option<f64>,
}

/// When the correlations cannot all hold at once, what to loosen: each pair that can make the
/// set consistent alone, with the nearest value that does (smallest change first); when no
/// pair alone can, the pairs that pull the matrix's most negative direction down the most
/// (largest −r_ij·v_i·v_j, v its eigenvector). `None` when the set is consistent.
pub fn pairs_to_loosen(correlations: &[Correlation]) -> Option<Vec<Loosen>> {
    if is_consistent(correlations) {
        return None;
    }
    let mut alone: Vec<(f64, Loosen)> = (0..correlations.len())
        .filter_map(|index| {
            let to = nearest_consistent(correlations, index)?;
            Some((
                (to - correlations[index].rho).abs(),
                Loosen {
                    index,
                    to: Some(to),
                },
            ))
        })
        .collect();
    if !alone.is_empty() {
        alone.sort_by(|a, b| a.0.total_cmp(&b.0));
        return Some(alone.into_iter().take(3).map(|(_, l)| l).collect());
    }
    let members = inputs(correlations);
    let (_, v) = least_eigen(&normal_score_matrix(&members, correlations));
    let index = |f: Field| members.iter().position(|m| *m == f).unwrap_or(0);
    let mut pulls: Vec<(f64, usize)> = correlations
        .iter()
        .enumerate()
        .map(|(k, c)| (-normal_score(c.rho) * v[index(c.a)] * v[index(c.b)], k))
        .filter(|(pull, _)| *pull > 0.0)
        .collect();
    pulls.sort_by(|x, y| y.0.total_cmp(&x.0));
    Some(
        pulls
            .into_iter()
            .take(3)
            .map(|(_, index)| Loosen { index, to: None })
            .collect(),
    )
}

/// The value nearest to correlation `index`'s own, on a grid of 0.01, at which the set holds
/// with every other pair unchanged; `None` when none does. The values that work form an
/// interval (the positive semi-definite matrices are convex and r is monotone in ρ).
fn nearest_consistent(correlations: &[Correlation], index: usize) -> Option<f64> {
    let mut trial = correlations.to_vec();
    let mut holds = |rho: f64| {
        trial[index].rho = rho;
        is_consistent(&trial)
    };
    // From the grid point nearest its own, that one first: 0.8443 advised 0.83, where 0.84
    // holds.
    let own = (correlations[index].rho * 100.0).round() as i32;
    (0..=200).find_map(|step| {
        [own - step, own + step]
            .into_iter()
            .filter(|v| (-100..=100).contains(v))
            .map(|v| f64::from(v) / 100.0)
            .find(|rho| holds(*rho))
    })
}

/// A factor A of a positive semi-definite correlation matrix R, A·Aᵀ = R, row-major: the
/// lower-triangular Cholesky factor when R is positive definite, else (ρ = ±1 makes R
/// singular) the symmetric square root V·√Λ·Vᵀ with Λ's rounding negatives set to 0.
pub fn factor(matrix: &DMatrix<f64>) -> Vec<f64> {
    // A pivot near zero (ρ = ±1 gives r within an ulp of 1) would make Cholesky divide by it.
    let well_conditioned = least_eigen(matrix).0 > 1e-8;
    let cholesky = well_conditioned
        .then(|| Cholesky::new(matrix.clone()))
        .flatten();
    let root = match cholesky {
        Some(cholesky) => cholesky.l(),
        None => {
            let eigen = SymmetricEigen::new(matrix.clone());
            let roots = eigen.eigenvalues.map(|l| l.max(0.0).sqrt());
            &eigen.eigenvectors * DMatrix::from_diagonal(&roots) * eigen.eigenvectors.transpose()
        }
    };
    let n = matrix.nrows();
    (0..n * n).map(|k| root[(k / n, k % n)]).collect()
}

/// A copy of `correlations` with the pair {a, b} set to ρ (added when absent), refused when
/// the set could then not hold at once: what the live session calls on a nudge or an edit.
pub fn with(
    correlations: &[Correlation],
    a: Field,
    b: Field,
    rho: f64,
) -> Result<Vec<Correlation>, Diagnostic> {
    let mut out = correlations.to_vec();
    set_pair(&mut out, a, b, rho)?;
    let found = format!(
        "{}, which the other correlations cannot hold with",
        format_exact(rho, Unit::Plain)
    );
    holding(out, &Correlation::new(a, b, rho).dotted_key(), found)
}

/// `correlations` when they can all hold at once; else the refusal of the change that made
/// them, to the pair `key`, found as `found`, with the pairs to change instead.
fn holding(
    correlations: Vec<Correlation>,
    key: &str,
    found: String,
) -> Result<Vec<Correlation>, Diagnostic> {
    match pairs_to_loosen(&correlations) {
        None => Ok(correlations),
        Some(loosen) => Err(Diagnostic::new(
            Some(key),
            found,
            "a set of correlations that can all hold at once",
        )
        .hint(loosen_hint(&correlations, &loosen, |_| None))),
    }
}

/// A copy of `correlations` without the pair {a, b}, refused when the others could then not
/// hold at once (0.9 between each of three inputs holds; two of them at 0.9 and the third at
/// 0 does not): what the live session calls to load a recovery file whose session dropped a
/// pair.
pub fn without(
    correlations: &[Correlation],
    a: Field,
    b: Field,
) -> Result<Vec<Correlation>, Diagnostic> {
    let (dropped, out): (Vec<Correlation>, Vec<Correlation>) =
        correlations.iter().cloned().partition(|c| c.is_pair(a, b));
    let key = dropped.first().map_or_else(
        || Correlation::new(a, b, 0.0).dotted_key(),
        Correlation::dotted_key,
    );
    let found = "none, which the other correlations cannot hold without".to_string();
    holding(out, &key, found)
}

/// Sets the pair {a, b} to ρ in `correlations` (added when absent), whether or not the set
/// can then hold at once: for several changes made together (`--set`), which
/// [`hold_at_once`] checks once they are all made.
pub fn set_pair(
    correlations: &mut Vec<Correlation>,
    a: Field,
    b: Field,
    rho: f64,
) -> Result<(), Diagnostic> {
    let key = Correlation::new(a, b, rho).dotted_key();
    if !(-1.0..=1.0).contains(&rho) {
        return Err(Diagnostic::new(
            Some(&key),
            format_exact(rho, Unit::Plain),
            RHO,
        ));
    }
    if a == b || a.slot().is_none() || b.slot().is_none() {
        return Err(Diagnostic::new(
            Some(&key),
            "a pair that is not two different uncertain inputs",
            "two different distribution inputs",
        ));
    }
    match correlations.iter_mut().find(|c| c.is_pair(a, b)) {
        Some(c) => c.rho = rho,
        None => correlations.push(Correlation::new(a, b, rho)),
    }
    Ok(())
}

/// Whether `correlations` can all hold at once; when not, which pairs to loosen, each with
/// its line where `line` (by index) knows it.
pub fn hold_at_once(
    correlations: &[Correlation],
    line: impl Fn(usize) -> Option<u32>,
) -> Result<(), Diagnostic> {
    match pairs_to_loosen(correlations) {
        None => Ok(()),
        Some(loosen) => Err(Diagnostic::new(
            Some(TABLE),
            "correlations that cannot all hold at once (their normal-score matrix is not \
             positive semi-definite)",
            "a consistent set",
        )
        .hint(loosen_hint(correlations, &loosen, line))),
    }
}

/// ρ moved `steps` nudges of [`NUDGE_STEP`] up (down, when negative), each from the 0.05 grid
/// and within [−1, 1], and read on the grid of hundredths ([`on_grid`]): the first nudge
/// moves from the grid point nearest ρ, and a nudge past ±1 stays there.
pub fn nudged(rho: f64, steps: i32) -> f64 {
    if steps == 0 {
        return on_grid(rho);
    }
    let at = (rho / NUDGE_STEP).round() + f64::from(steps);
    on_grid((at * NUDGE_STEP).clamp(-1.0, 1.0))
}

/// A rank correlation on the grid of hundredths, the finest a nudge or a mended set lands on:
/// the nudge's steps of 0.05 add up to 0.35000000000000003, which the file should read as 0.35.
pub fn on_grid(rho: f64) -> f64 {
    (rho * 100.0).round() / 100.0
}

/// Reads a typed rank correlation (`0.5`, `-0.3`, `35%`), refusing one outside [−1, 1].
pub fn read_rho(key: &str, typed: &str) -> Result<f64, Diagnostic> {
    match parse_number(&super::number::with_ascii_minus(typed)) {
        // + 0.0 makes a typed -0 the 0 it means (JSON would show -0.0).
        Ok(rho) if (-1.0..=1.0).contains(&rho) => Ok(rho + 0.0),
        Ok(_) => Err(Diagnostic::new(Some(key), typed.to_string(), RHO)),
        // As a number's refusal says it (`` ` ` `` for nothing was no word at all), unless the
        // reason is one for amounts.
        Err(e) => Err(Diagnostic::new(
            Some(key),
            e.beside(format!("`{typed}`"), Some(Unit::Plain)),
            RHO,
        )),
    }
}

/// Reads a pair named as `--set` names it: the file's key (`market.size ~ market.growth`),
/// alone or quoted under the table (`correlation."market.size ~ market.growth"`, or in single
/// quotes).
pub fn read_pair_key(text: &str) -> Result<(Field, Field), Diagnostic> {
    let key = text.trim();
    let key = key
        .strip_prefix(TABLE)
        .and_then(|k| k.strip_prefix('.'))
        .unwrap_or(key)
        .trim_matches(['"', '\'']);
    read_pair(key, &dotted(key))
}

/// "change one of: `a ~ b` from 0.9 to 0.63 (line 12), or `c ~ d` from 0.5 to -0.2 (line 13)"
/// (`= 0.9 to 0.63` read as a range, one that holds the refused 0.9; not "loosen": a pair
/// may have to move away from 0, as with two pairs at 1 the third must be 1 too), or, when no
/// pair alone can, "loosen these together: `a ~ b` = 0.9, …".
fn loosen_hint(
    correlations: &[Correlation],
    loosen: &[Loosen],
    line: impl Fn(usize) -> Option<u32>,
) -> String {
    let named: Vec<String> = loosen
        .iter()
        .map(|l| {
            let c = &correlations[l.index];
            let change = match l.to {
                Some(to) => format!("from {} to {to}", c.rho),
                None => format!("= {}", c.rho),
            };
            let at = line(l.index).map_or(String::new(), |n| format!(" (line {n})"));
            format!("`{}` {change}{at}", c.name())
        })
        .collect();
    if loosen.iter().all(|l| l.to.is_some()) {
        format!("change one of: {}", named.join(", or "))
    } else {
        format!("loosen these together: {}", named.join(", "))
    }
}

/// Whether a key names a pair (`market.size ~ market.growth`), as `--set` writes one.
pub fn is_pair_key(key: &str) -> bool {
    key.contains('~')
}

/// Reads a `[correlation]` table: the correlations it asks for, each with the line it is
/// written on, or every problem found in it, located in `text`; whether they can all hold at
/// once too, unless `consistency` defers it.
pub fn read(
    item: &Item,
    text: &str,
    consistency: Consistency,
) -> Result<Vec<(Correlation, Option<u32>)>, Vec<Diagnostic>> {
    let Some(table) = item.as_table_like() else {
        return Err(vec![
            Diagnostic::new(Some(TABLE), describe(item), "a [correlation] table")
                .at(text, item.span()),
        ]);
    };
    let mut found: Vec<(Correlation, Option<u32>)> = Vec::new();
    let mut problems = Vec::new();
    for (key, value) in table.iter() {
        let span = table
            .key(key)
            .and_then(|k| k.span())
            .or_else(|| value.span());
        match read_one(key, value, text, &found) {
            Ok(c) => {
                let line = span
                    .clone()
                    .map(|s| super::error::line_column(text, s.start).0);
                found.push((c, line));
            }
            Err(d) if d.location.is_some() => problems.push(d),
            Err(d) => problems.push(d.at(text, span)),
        }
    }
    if problems.is_empty() && consistency == Consistency::Checked {
        let correlations: Vec<Correlation> = found.iter().map(|(c, _)| c.clone()).collect();
        if let Err(d) = hold_at_once(&correlations, |k| found[k].1) {
            problems.push(d.at(text, header_span(table, item)));
        }
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

/// The `[correlation]` header (or the inline table) of the table.
fn header_span(table: &dyn TableLike, item: &Item) -> Option<std::ops::Range<usize>> {
    item.span()
        .or_else(|| table.iter().next().and_then(|(k, _)| table.key(k)?.span()))
}

/// Reads one `"a ~ b" = ρ` entry, refusing a pair already in `earlier`.
fn read_one(
    key: &str,
    value: &Item,
    text: &str,
    earlier: &[(Correlation, Option<u32>)],
) -> Result<Correlation, Diagnostic> {
    let dotted_key = dotted(key);
    let (a, b) = read_pair(key, &dotted_key)?;
    if let Some((first, line)) = earlier.iter().find(|(c, _)| c.is_pair(a, b)) {
        let said = line.map_or(String::new(), |l| format!(" on line {l}"));
        return Err(
            Diagnostic::new(Some(&dotted_key), "a pair listed twice", "each pair once")
                .hint(format!("`{}` already sets it{said}", first.name())),
        );
    }
    let rho = number_of(value, text, Some(Unit::Plain))
        .map_err(|found| Diagnostic::new(Some(&dotted_key), found, RHO).at(text, value.span()))?;
    if !(-1.0..=1.0).contains(&rho) {
        return Err(Diagnostic::new(Some(&dotted_key), describe(value), RHO).at(text, value.span()));
    }
    Ok(Correlation {
        key: key.to_string(),
        a,
        b,
        rho,
    })
}

/// The two different inputs of a key `"a ~ b"`.
fn read_pair(key: &str, dotted_key: &str) -> Result<(Field, Field), Diagnostic> {
    let parts: Vec<&str> = key.split('~').map(str::trim).collect();
    let [a, b] = parts.as_slice() else {
        return Err(Diagnostic::new(
            Some(dotted_key),
            format!("`{}`", shown(key)),
            "two inputs joined by ~, as in \"market.size ~ market.growth\"",
        ));
    };
    let (a, b) = (read_input(a, dotted_key)?, read_input(b, dotted_key)?);
    if a == b {
        return Err(Diagnostic::new(
            Some(dotted_key),
            format!("the same input twice ({})", a.key()),
            "two different inputs",
        ));
    }
    Ok((a, b))
}

/// One side of a pair: a distribution input's dotted key.
fn read_input(name: &str, dotted_key: &str) -> Result<Field, Diagnostic> {
    if let Some(field) = Field::from_key(name).filter(|f| f.slot().is_some()) {
        return Ok(field);
    }
    let keys: Vec<String> = Field::INPUTS.iter().map(|f| f.key()).collect();
    let found = match Field::from_key(name) {
        Some(_) => format!("`{}`, which is not an uncertain input", shown(name)),
        None => format!("an unknown input `{}`", shown(name)),
    };
    let mut d = Diagnostic::new(
        Some(dotted_key),
        found,
        format!("two of {}", keys.join(", ")),
    );
    let near = (name.len() <= 64)
        .then(|| did_you_mean(name, keys.iter().map(String::as_str)))
        .flatten()
        .map(str::to_string)
        .or_else(|| {
            let tail = format!(".{name}");
            keys.iter().find(|k| k.ends_with(&tail)).cloned()
        });
    if let Some(near) = near {
        d = d.hint(format!("did you mean `{near}`?"));
    }
    Err(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_correlation_is_a_number_from_minus_one_to_one() {
        assert_eq!(read_rho("k", "-0.3"), Ok(-0.3));
        // A minus sign from a slide, as every other input takes it (it was "not a number").
        assert_eq!(read_rho("k", "\u{2212}0.3"), Ok(-0.3));
        assert_eq!(read_rho("k", "\u{2013}0.3"), Ok(-0.3));
        assert_eq!(read_rho("k", "35%"), Ok(0.35));
        assert!(
            read_rho("k", "1.2")
                .unwrap_err()
                .to_string()
                .contains("from -1 to 1")
        );
        assert!(read_rho("k", "lots").is_err());
        // Nothing typed is said in words, as a number's refusal says it (it read "found ``").
        let said = read_rho("k", "").unwrap_err().to_string();
        assert!(
            said.starts_with("k: found `` (nothing where a number belongs)"),
            "{said}"
        );
        // A reason for amounts is none for a correlation.
        for typed in ["$0.3", "0.3x"] {
            let said = read_rho("k", typed).unwrap_err().to_string();
            assert!(
                said.starts_with(&format!("k: found `{typed}`, expected")),
                "{said}"
            );
        }
    }

    #[test]
    fn a_refusal_names_each_pair_whole_however_long_or_however_the_file_spaces_it() {
        let file = [Correlation {
            key: "share.gain_per_year~   capacity.attainment".to_string(),
            ..Correlation::new(Field::ShareGainPerYear, Field::CapacityAttainment, 0.5)
        }];
        let both = with(&file, Field::MarketGrowth, Field::ShareGainPerYear, 0.7).unwrap();
        let refused = with(&both, Field::MarketGrowth, Field::ShareGainPerYear, 0.85)
            .unwrap_err()
            .to_string();
        assert!(
            refused.contains("`share.gain_per_year ~ capacity.attainment` from 0.5 to 0.49"),
            "{refused}"
        );
        assert!(!refused.contains('…'), "{refused}");
        assert_eq!(
            both[0].dotted_key(),
            "correlation.\"share.gain_per_year ~ capacity.attainment\""
        );
    }

    #[test]
    fn a_pair_is_dropped_only_when_the_others_can_hold_without_it() {
        let (size, growth, current) = (Field::MarketSize, Field::MarketGrowth, Field::ShareCurrent);
        let all = [
            Correlation::new(size, growth, 0.9),
            Correlation::new(growth, current, 0.9),
            Correlation::new(size, current, 0.9),
        ];
        assert_eq!(pairs_to_loosen(&all), None);
        // Without size ~ current, two pairs at 0.9 would have it 0: no normal-score matrix.
        let refused = without(&all, current, size).unwrap_err().to_string();
        assert!(
            refused.contains("none, which the other correlations cannot hold without"),
            "{refused}"
        );
        assert!(refused.contains("market.size ~ share.current"), "{refused}");
        let two = &all[..2];
        let one = without(two, current, growth).unwrap();
        assert_eq!(one, [Correlation::new(size, growth, 0.9)]);
        assert_eq!(without(&one, current, growth).unwrap(), one);
    }

    #[test]
    fn a_pair_is_named_by_its_key_alone_or_under_the_table() {
        let pair = Ok((Field::MarketSize, Field::MarketGrowth));
        assert_eq!(read_pair_key("market.size ~ market.growth"), pair);
        assert_eq!(read_pair_key(" market.size~market.growth "), pair);
        assert_eq!(
            read_pair_key("correlation.\"market.size ~ market.growth\""),
            pair
        );
        let same = read_pair_key("market.size ~ market.size").unwrap_err();
        assert!(same.to_string().contains("the same input twice"), "{same}");
        let typo = read_pair_key("market.sise ~ market.growth").unwrap_err();
        assert!(
            typo.to_string().contains("did you mean `market.size`?"),
            "{typo}"
        );
        let fixed = read_pair_key("market.size ~ target.revenue").unwrap_err();
        assert!(
            fixed.to_string().contains("not an uncertain input"),
            "{fixed}"
        );
    }

    fn pair(a: Field, b: Field, rho: f64) -> Correlation {
        Correlation::new(a, b, rho)
    }

    #[test]
    fn the_normal_score_of_a_rank_correlation_keeps_its_ends_and_sign() {
        assert_eq!(normal_score(0.0), 0.0);
        assert!((normal_score(1.0) - 1.0).abs() < 1e-15);
        assert!((normal_score(-0.5) + 2.0 * (std::f64::consts::PI / 12.0).sin()).abs() < 1e-15);
        assert!(normal_score(0.5) > 0.5);
    }

    #[test]
    fn three_strong_correlations_that_cannot_hold_together_are_refused_with_the_pair_to_loosen() {
        use Field::*;
        let set = [
            pair(MarketSize, MarketGrowth, 0.9),
            pair(MarketGrowth, ShareCurrent, 0.9),
            pair(MarketSize, ShareCurrent, -0.9),
        ];
        assert!(!is_consistent(&set));
        let loosen = pairs_to_loosen(&set).unwrap();
        assert!(!loosen.is_empty());
        for l in loosen {
            let mut fixed = set.to_vec();
            fixed[l.index].rho = l.to.unwrap();
            assert!(is_consistent(&fixed), "{l:?}");
            // Two decimals: a hundredth less far is not enough.
            fixed[l.index].rho += 0.01 * (set[l.index].rho - fixed[l.index].rho).signum();
            assert!(!is_consistent(&fixed), "{l:?}");
        }
    }

    #[test]
    fn a_value_off_the_grid_is_advised_the_nearest_hundredth_that_holds() {
        // 07 with growth ~ gain at 0.8443 (it holds up to 0.844267): "0.8443 to 0.83", a
        // hundredth further than 0.84, which holds.
        use Field::*;
        let set = [
            pair(MarketGrowth, ShareGainPerYear, 0.8443),
            pair(ShareGainPerYear, CapacityAttainment, 0.5),
        ];
        let loosen = pairs_to_loosen(&set).expect("cannot hold");
        assert_eq!(
            (loosen[0].index, loosen[0].to),
            (0, Some(0.84)),
            "{loosen:?}"
        );
        assert_eq!(
            (loosen[1].index, loosen[1].to),
            (1, Some(0.49)),
            "{loosen:?}"
        );
    }

    #[test]
    fn a_factor_reproduces_the_matrix_even_when_it_is_singular() {
        use Field::*;
        for rho in [0.3, 1.0, -1.0] {
            let set = [
                pair(MarketSize, MarketGrowth, rho),
                pair(MarketSize, ShareCurrent, 0.2),
                pair(MarketGrowth, ShareCurrent, 0.2 * rho),
            ];
            assert!(is_consistent(&set));
            let members = inputs(&set);
            let matrix = normal_score_matrix(&members, &set);
            let a = factor(&matrix);
            let n = members.len();
            for i in 0..n {
                for j in 0..n {
                    let product: f64 = (0..n).map(|k| a[i * n + k] * a[j * n + k]).sum();
                    assert!((product - matrix[(i, j)]).abs() < 1e-9, "rho {rho}");
                }
            }
        }
    }

    #[test]
    fn a_nudge_moves_on_the_grid_and_a_breaking_one_is_refused() {
        use Field::*;
        assert_eq!(nudged(0.4, 1), 0.45);
        assert_eq!(nudged(1.0, 1), 1.0);
        assert_eq!(nudged(-0.98, -1), -1.0);
        assert_eq!(
            nudged(0.3, 1),
            0.35,
            "on the hundredths, not 0.35000000000000003"
        );
        assert_eq!(nudged(0.7, -3), 0.55);
        assert_eq!(nudged(0.9, 10), 1.0);
        assert_eq!(nudged(-0.95, -10), -1.0);
        // Many nudges at once land where as many single nudges do, from on or off the grid.
        for rho in [-1.0, -0.98, -0.33, 0.0, 0.12, 0.3, 0.97, 1.0] {
            for steps in -45i32..=45 {
                let one_by_one =
                    (0..steps.unsigned_abs()).fold(rho, |at, _| nudged(at, steps.signum()));
                assert_eq!(nudged(rho, steps), on_grid(one_by_one), "{rho} {steps}");
            }
        }
        let set = vec![
            pair(MarketSize, MarketGrowth, 0.9),
            pair(MarketGrowth, ShareCurrent, 0.9),
        ];
        assert!(with(&set, MarketSize, ShareCurrent, 0.8).is_ok());
        let refused = with(&set, ShareCurrent, MarketSize, 0.5).unwrap_err();
        assert!(refused.hint.unwrap().starts_with("change one of"));
        assert!(with(&set, MarketSize, MarketSize, 0.1).is_err());
        assert!(with(&set, MarketSize, HorizonDays, 0.1).is_err());
    }
}
