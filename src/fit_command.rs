//! `skypie fit DATA.csv --column NAME`: a distribution for an input from past actuals (README
//! "Grounding the inputs"). Reads one column of a CSV file, fits each form (the library's
//! `skypie::fit`), prints them best first, and with `--into FILE --key KEY` writes the best
//! (or `--form`) into the scenario, keeping every comment and every other line.

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, anyhow, bail};
use clap::{Args, ValueEnum};
use comfy_table::{Table, presets};

use crate::files::{read_data, read_text, write_file};
use crate::terminal::{print, print_error};
use skypie::distribution::Family;
use skypie::fit::{Fit, FitRecord, NotFitted, Ranking, caveats, rank, rounded};
use skypie::report::text::printable;
use skypie::scenario::edit::{FIT_NOTE, apply_with_note};
use skypie::scenario::error::did_you_mean;
use skypie::scenario::field::Kind;
use skypie::scenario::number::{Unit, parse_number};
use skypie::scenario::{Field, FieldValue, Scenario};

/// Significant digits of the parameters in the value written to a scenario.
const WRITTEN_DIGITS: usize = 4;

/// `skypie fit`'s arguments.
#[derive(Debug, Args)]
pub struct FitArgs {
    /// A CSV file of past actuals with a header row, separated by commas, semicolons or tabs
    /// (cells in the scenario number grammar, with a decimal point: 0.85, 85%, 1.2M).
    pub data: String,
    /// The column to fit.
    #[arg(long)]
    pub column: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: FitFormat,
    /// Write the best fit into this scenario file (comments and every other line kept).
    #[arg(long, value_name = "FILE", requires = "key")]
    pub into: Option<PathBuf>,
    /// The distribution input to write, e.g. capacity.attainment.
    #[arg(long, requires = "into")]
    pub key: Option<String>,
    /// Write this form rather than the best by AIC.
    #[arg(long, requires = "into", value_parser = form_parser())]
    pub form: Option<Family>,
}

/// How `skypie fit` prints its ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FitFormat {
    /// A table for people.
    Table,
    /// A JSON array of {form, params, aic, ks, value}, best first.
    Json,
}

/// `--form`'s values: the forms `skypie fit` tries.
fn form_parser() -> impl clap::builder::TypedValueParser<Value = Family> {
    let names = skypie::fit::FORMS.map(Family::name);
    clap::builder::TypedValueParser::map(
        clap::builder::PossibleValuesParser::new(names),
        |name: String| Family::from_name(&name).unwrap_or(Family::Normal),
    )
}

/// `skypie fit`.
pub fn fit(args: &FitArgs) -> anyhow::Result<ExitCode> {
    let field = args.key.as_deref().map(input_field).transpose()?;
    // The scenario to write into is read (once) and checked first: a missing or broken file
    // is said before a table that ends "writing it into" it.
    let scenario_text = match &args.into {
        Some(path) => {
            let shown = path.display().to_string();
            let text = read_text(&shown)?;
            Scenario::parse(&text, &shown).map_err(|e| anyhow!("{e:#}"))?;
            Some(text)
        }
        None => None,
    };
    let text = read_data(&args.data)?;
    let (values, written_unit) = read_column(&args.data, &text, &args.column)?;
    if let (Some(_), Some(field)) = (&args.into, field) {
        units_agree(args, written_unit, field)?;
    }
    let unit = field.map_or(written_unit, Field::unit);
    let ranking =
        rank(&values).with_context(|| format!("{}: column {}", args.data, args.column))?;
    let fits = &ranking.fits;
    if fits.is_empty() {
        let why: Vec<String> = ranking.not_fitted.iter().map(left_out).collect();
        bail!(
            "{}: column {}: no form could be fitted: {}",
            args.data,
            args.column,
            why.join(", ")
        );
    }
    let value = |fit: &Fit| FieldValue::Dist(rounded(fit, WRITTEN_DIGITS)).to_text(unit);
    // The form `--into` writes: the best, or the one --form names (`None` when it was not
    // fitted). The table's last line and the write both go by it.
    let chosen = match args.form {
        None => fits.first(),
        Some(form) => fits.iter().find(|f| f.family == form),
    };
    match args.format {
        FitFormat::Json => {
            let records: Vec<FitRecord> = fits.iter().map(|f| FitRecord::of(f, value(f))).collect();
            print(&format!("{}\n", serde_json::to_string_pretty(&records)?))?;
        }
        FitFormat::Table => print(&table(args, &values, &ranking, chosen, &value))?,
    }
    if let (Some(path), Some(text), Some(field)) = (&args.into, &scenario_text, field) {
        let chosen = chosen.ok_or_else(|| {
            let why = ranking
                .not_fitted
                .iter()
                .find(|(form, _)| Some(*form) == args.form)
                .map_or_else(|| "it was not fitted".to_string(), left_out);
            anyhow!("{}: column {}: {why}", args.data, args.column)
        })?;
        write_into(path, text, field, &value(chosen), &args.data, values.len())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses to write a column of percentages into an amount of money, or one of amounts
/// (`1.2M`) into a fraction: a wrong `--column` or `--key`, which would make a market of $0.80.
/// A column of plain numbers says nothing either way.
fn units_agree(args: &FitArgs, written: Unit, field: Field) -> anyhow::Result<()> {
    let what = |unit: Unit| match unit {
        Unit::Percent => Some("percentages (as 85%)"),
        Unit::Amount => Some("amounts (as 1.2M)"),
        Unit::Plain => None,
    };
    let key_is = match field.unit() {
        Unit::Percent => "a fraction (as 80%)",
        Unit::Amount => "an amount of money (as 1.2M)",
        Unit::Plain => return Ok(()),
    };
    match what(written) {
        Some(column_is) if written != field.unit() => bail!(
            "{}: column {} holds {column_is}, but {} is {key_is}: check --column and --key \
             (nothing was written)",
            args.data,
            args.column,
            field.key()
        ),
        _ => Ok(()),
    }
}

/// A form that was not fitted, and why.
fn left_out((form, why): &(Family, NotFitted)) -> String {
    format!("{} ({why})", form.name())
}

/// The distribution input `--key` names, or why it is not one: a key that holds a fixed
/// count or number says so, and a key's bare name (`attainment`) points at its full key.
fn input_field(key: &str) -> anyhow::Result<Field> {
    let exact = Field::from_key(key);
    if let Some(field) = exact.filter(|f| f.slot().is_some()) {
        return Ok(field);
    }
    let inputs: Vec<String> = Field::INPUTS.iter().map(|f| f.key()).collect();
    let expected = format!(
        "expected one of the keys fit can write: {}",
        inputs.join(", ")
    );
    let key_shown = printable(key);
    // The field whose own name is the key's last part: `attainment`, `market.attainment`.
    let named = exact.or_else(|| {
        let name = key.rsplit('.').next()?;
        Field::ALL.into_iter().find(|f| f.name() == name)
    });
    match named {
        Some(field) if field.slot().is_none() => {
            let what = match field.kind() {
                Kind::Integer { .. } if field != Field::RunSeed => "a count",
                Kind::Integer { .. } => "a whole number",
                _ => "a single number",
            };
            let which = if exact.is_some() {
                String::new()
            } else {
                format!("`{}` is ", field.key())
            };
            bail!(
                "--key {key_shown}: {which}{what} that skypie takes as given, not an uncertain \
                 input with a distribution to fit; {expected}"
            )
        }
        Some(field) => bail!(
            "--key {key_shown}: not a key; {expected} (did you mean `{}`?)",
            field.key()
        ),
        None => {
            let hint = did_you_mean(key, inputs.iter().map(String::as_str))
                .map_or(String::new(), |near| format!(" (did you mean `{near}`?)"));
            bail!("--key {key_shown}: not a distribution input; {expected}{hint}")
        }
    }
}

/// The line a record starts on, from where csv says it starts: csv's own line count is one
/// short per row ended by `\r\n`, and its offset may be that `\r\n`'s `\n`.
fn line_of(text: &str, byte: u64) -> u64 {
    let at = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
    let on_a_line_end = text.as_bytes().get(at) == Some(&b'\n');
    let newlines = text.as_bytes()[..at]
        .iter()
        .filter(|b| **b == b'\n')
        .count();
    (newlines + 1 + usize::from(on_a_line_end)) as u64
}

/// The numbers of one column, and the unit its cells are written in (percent when every cell
/// ends in `%`, an amount when one has a k, M or B suffix). A column the header names twice,
/// and a row with more or fewer fields than the header, are refused: either would fit
/// something other than the analyst meant, without a word. The fields may be separated by
/// commas, semicolons or tabs (see [`Separator::of`]).
fn read_column(path: &str, text: &str, column: &str) -> anyhow::Result<(Vec<f64>, Unit)> {
    // A spreadsheet's "CSV UTF-8" starts with a byte order mark, which is not part of a name.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let separator = Separator::of(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator.byte())
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .with_context(|| format!("{path}: cannot read the header row"))?
        .clone();
    if headers.is_empty() {
        bail!("{path}: found an empty file, expected a header row naming the columns");
    }
    let Some(index) = headers.iter().position(|h| h == column) else {
        let names: Vec<&str> = headers.iter().collect();
        let hint = same_but_case(column, &names)
            .or_else(|| did_you_mean(column, names.iter().copied()))
            .map_or(String::new(), |near| format!(" (did you mean `{near}`?)"));
        bail!(
            "{path}: no column `{}`; the columns are {}{hint}",
            printable(column),
            names.join(", ")
        );
    };
    let positions: Vec<String> = headers
        .iter()
        .enumerate()
        .filter(|(_, h)| *h == column)
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    if let Some((last, earlier @ [_, ..])) = positions.split_last() {
        let (times, rename) = match earlier.len() {
            1 => ("twice".to_string(), "rename one"),
            n => (format!("{} times", n + 1), "rename all but one"),
        };
        bail!(
            "{path}: the header names column `{}` {times} (columns {} and {last}): {rename}",
            printable(column),
            earlier.join(", "),
        );
    }
    let mut cells = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| match e.kind() {
            csv::ErrorKind::UnequalLengths {
                pos,
                expected_len,
                len,
            } => {
                let line = pos.as_ref().map_or(0, |p| line_of(text, p.byte()));
                anyhow!(
                    "{path}:{line}: found {}, expected {} as in the header row",
                    fields(*len),
                    expected_len
                )
            }
            _ => anyhow!(e).context(format!("{path}: not a CSV file")),
        })?;
        let line = record.position().map_or(0, |p| line_of(text, p.byte()));
        cells.push((line, record.get(index).unwrap_or("").to_string()));
    }
    let at = |line: u64| format!("{path}:{line}:{}: {column}", index + 1);
    let values = match separator {
        Separator::Comma => cells
            .iter()
            .map(|(line, cell)| parse_number(cell).map_err(|e| not_a_number(&at(*line), cell, e)))
            .collect::<anyhow::Result<Vec<f64>>>()?,
        _ => decimal_point_numbers(&cells, separator, &at)?,
    };
    let cells: Vec<String> = cells.into_iter().map(|(_, cell)| cell).collect();
    Ok((values, written_unit(&cells)))
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

/// The error for a cell that is not a number; `at` is `file:line:column: name`.
fn not_a_number(at: &str, cell: &str, e: impl std::fmt::Display) -> anyhow::Error {
    anyhow!(
        "{at}: found `{}` ({e}), expected a number such as 0.85, 85% or 1.2M",
        printable(cell)
    )
}

/// What separates the fields of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Separator {
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

/// `cell` read both ways, or why it is no number with a decimal point nor a decimal comma.
fn reading(cell: &str) -> Result<Reading, skypie::scenario::number::NumberError> {
    let swapped: String = cell
        .chars()
        .map(|c| match c {
            ',' => '.',
            '.' => ',',
            c => c,
        })
        .collect();
    match (parse_number(cell), parse_number(&swapped)) {
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
/// every file. A cell that is a number only with a decimal comma (`85,5%`) is refused, and so
/// is one that reads as two numbers (`1,500`) unless another cell of the column shows the
/// decimal point (`0.85`, `1,200,000`); `at(line)` is `file:line:column: name`.
fn decimal_point_numbers(
    cells: &[(u64, String)],
    separator: Separator,
    at: &dyn Fn(u64) -> String,
) -> anyhow::Result<Vec<f64>> {
    let mut readings = Vec::with_capacity(cells.len());
    for (line, cell) in cells {
        let read = reading(cell).map_err(|e| not_a_number(&at(*line), cell, e))?;
        if read == Reading::CommaOnly {
            bail!(
                "{}: found `{}` (a number as a spreadsheet set to a decimal comma writes it), \
                 expected it with a decimal point: `{}`",
                at(*line),
                printable(cell),
                printable(&with_decimal(cell, ','))
            );
        }
        readings.push(read);
    }
    let point_shown = readings
        .iter()
        .any(|r| matches!(r, Reading::Point { only: true, .. }));
    readings
        .iter()
        .zip(cells)
        .map(|(read, (line, cell))| match read {
            Reading::Point { value, .. } => Ok(*value),
            // Shown a decimal point elsewhere, the column is read as a comma-separated file is.
            _ if point_shown => parse_number(cell).map_err(|e| not_a_number(&at(*line), cell, e)),
            _ => {
                let (point, comma) = (with_decimal(cell, '.'), with_decimal(cell, ','));
                Err(anyhow!(
                    "{}: found `{}`, which reads as `{}`, or as `{}` with a decimal comma \
                     (common in {} files), expected the number written one way: `{}` or `{}`",
                    at(*line),
                    printable(cell),
                    printable(&point),
                    printable(&comma),
                    separator.name(),
                    printable(&point),
                    printable(&comma)
                ))
            }
        })
        .collect()
}

/// `cell` rewritten with a decimal point and no thousands separators, reading `decimal` as its
/// decimal mark and the other of `.` and `,` as a thousands separator: `85,5%` with `,` is
/// `85.5%`, `1,500` with `.` is `1500` and with `,` is `1.5`.
fn with_decimal(cell: &str, decimal: char) -> String {
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

/// `n` fields, in words.
fn fields(n: u64) -> String {
    match n {
        1 => "1 field".to_string(),
        n => format!("{n} fields"),
    }
}

/// The unit a column's cells are written in.
fn written_unit(cells: &[String]) -> Unit {
    if !cells.is_empty() && cells.iter().all(|c| c.ends_with('%')) {
        Unit::Percent
    } else if cells
        .iter()
        .any(|c| c.ends_with(['k', 'K', 'm', 'M', 'b', 'B']))
    {
        Unit::Amount
    } else {
        Unit::Plain
    }
}

/// The table people read: the data in one line, the fits best first, and how to use one.
fn table(
    args: &FitArgs,
    values: &[f64],
    ranking: &Ranking,
    chosen: Option<&Fit>,
    value: &dyn Fn(&Fit) -> String,
) -> String {
    let fits = &ranking.fits;
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    table.force_no_tty();
    table.set_header(["rank", "form", "AIC", "KS", "value"]);
    for (rank, fit) in fits.iter().enumerate() {
        table.add_row([
            (rank + 1).to_string(),
            fit.family.name().to_string(),
            format!("{:.1}", fit.aic),
            format!("{:.3}", fit.ks),
            value(fit),
        ]);
    }
    let left_out: Vec<String> = ranking.not_fitted.iter().map(left_out).collect();
    let left_out = if left_out.is_empty() {
        String::new()
    } else {
        format!("Not fitted: {}.\n", left_out.join(", "))
    };
    let best = fits.first().map_or("nothing", |f| f.family.name());
    let into = match (&args.into, &args.key) {
        (Some(file), Some(key)) => {
            let file = printable(&file.display().to_string()).into_owned();
            match chosen {
                // --form names a form that was not fitted: the error after the table says why.
                None => format!(
                    "{} (--form) was not fitted, so nothing is written",
                    args.form.map_or("the form", Family::name)
                ),
                // --form chooses another form than the best: say which is written.
                Some(c) if fits.first().is_some_and(|best| best.family != c.family) => {
                    format!("writing {} (--form) into {file} as {key}", c.family.name())
                }
                Some(_) => format!("writing it into {file} as {key}"),
            }
        }
        _ => "write it into a scenario with --into FILE --key KEY".to_string(),
    };
    let caveats: String = caveats(values.len(), fits)
        .iter()
        .map(|c| format!("{c}\n"))
        .collect();
    format!(
        "{} values of `{}` in {}\n{table}\n{left_out}Best by AIC: {best} (lower AIC is better; KS \
         is the largest gap between the fitted and the data's cumulative distribution); {into}.\n\
         {caveats}",
        values.len(),
        printable(&args.column),
        printable(&args.data),
    )
}

/// Writes `typed` into `field` of the scenario at `path`, whose text is `text`, with a note
/// naming the data and n, after checking the result is still a valid scenario.
fn write_into(
    path: &Path,
    text: &str,
    field: Field,
    typed: &str,
    data: &str,
    n: usize,
) -> anyhow::Result<()> {
    let shown = path.display().to_string();
    let note = format!(
        "{FIT_NOTE} to {} (n = {n})",
        printable(&seen_from(path, data))
    );
    let (edited, noted) =
        apply_with_note(text, field, typed, &note).map_err(|e| anyhow!("{shown}: {e}"))?;
    Scenario::parse(&edited, &shown)
        .map_err(|e| anyhow!("{e:#}\n(the fitted value was not written)"))?;
    write_file(path, edited.as_bytes())?;
    let unnoted = if noted {
        String::new()
    } else {
        format!(
            " (without the note naming the data: `{}` is an inline table, where no comment can go)",
            field.section().name()
        )
    };
    print_error(&format!(
        "wrote {} = {} into {}{unnoted}\n",
        field.key(),
        printable(typed),
        printable(&shown)
    ));
    Ok(())
}

/// The data file's path as seen from the scenario's folder, for the note in the scenario: relative
/// when the two share a folder below the root (`actuals/q.csv`, `../data/q.csv`), else
/// absolute. Folders are resolved as the file system sees them (the scenario's own links too,
/// since the write goes to the file they lead to); the data file keeps the name it was given.
/// Standard input (`-`), or a path that cannot be resolved, is left as given.
fn seen_from(scenario: &Path, data: &str) -> String {
    if data == "-" {
        return data.to_string();
    }
    let resolved = || -> Option<String> {
        let data = Path::new(data);
        let folder = match data.parent() {
            Some(folder) if !folder.as_os_str().is_empty() => folder,
            _ => Path::new("."),
        };
        let data = folder.canonicalize().ok()?.join(data.file_name()?);
        let from = scenario.canonicalize().ok()?.parent()?.to_path_buf();
        let (to, from): (Vec<Component>, Vec<Component>) =
            (data.components().collect(), from.components().collect());
        let shared = to.iter().zip(&from).take_while(|(a, b)| a == b).count();
        // Only the root in common: a path up to it and down again says less than the whole.
        if shared <= 1 {
            return Some(data.display().to_string());
        }
        let up = std::iter::repeat_n(Component::ParentDir, from.len() - shared);
        let relative: PathBuf = up.chain(to[shared..].iter().copied()).collect();
        Some(relative.display().to_string())
    };
    resolved().unwrap_or_else(|| data.to_string())
}
