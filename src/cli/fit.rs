//! `skypie fit DATA.csv --column NAME`: a distribution for an input from past actuals (README
//! "Grounding the inputs"). Reads the CSV file and its column (`skypie::fit::column`), fits
//! each form (the library's `skypie::fit`), prints them best first, and with `--into FILE --key KEY` writes the best
//! (or `--form`) into the scenario, keeping every comment and every other line.

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, anyhow, bail};
use clap::{Args, ValueEnum};
use comfy_table::{Table, presets};

use super::options::{UsageConflict, file_named, file_to_read, scenario_to_edit};
use super::output_safety::ANOTHER_FILE;
use crate::files::{
    folder_of, lock_for_saving, read_data, read_text, refuse_read_only_file, same_file, write_file,
};
use crate::terminal::{print, print_error};
use skypie::distribution::Family;
use skypie::fit::column::{CellAt, Column, read_column};
use skypie::fit::{Fit, FitError, FitRecord, NotFitted, Ranking, caveats, rank, rounded};
use skypie::scenario::currency::{currency_code, currency_sign};
use skypie::scenario::edit::apply_with_note;
use skypie::scenario::error::did_you_mean;
use skypie::scenario::field::{Domain, Kind};
use skypie::scenario::number::{Unit, format_exact, format_significant, point_readings, thousands};
use skypie::scenario::{
    About, Field, FieldValue, FitNote, Scenario, ScenarioError, default_dist, slips,
};
use skypie::source::Source;
use skypie::text::{printable, shown_path};

/// Significant digits of the parameters in the value written to a scenario.
const WRITTEN_DIGITS: usize = 4;

/// `skypie fit`'s arguments.
#[derive(Debug, Args)]
pub struct FitArgs {
    /// A CSV file of past actuals with a header row, separated by commas, semicolons or tabs
    /// (cells in the scenario number grammar, with a decimal point: 0.85, 85%, 1.2M).
    #[arg(value_parser = file_named(file_to_read))]
    pub data: Source,
    /// The column to fit.
    #[arg(long)]
    pub column: String,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "table")]
    pub format: FitFormat,
    /// Write the best fit into this scenario file (comments and every other line kept).
    #[arg(long, value_name = "FILE", requires = "key", value_parser = file_named(scenario_to_edit))]
    pub into: Option<PathBuf>,
    /// The distribution input to write (or, without --into, whose unit the table shows),
    /// e.g. capacity.attainment.
    #[arg(long)]
    pub key: Option<String>,
    /// Write this form rather than the best by AIC.
    #[arg(long, requires = "into", value_parser = form_parser())]
    pub form: Option<Family>,
    /// Fit every row that looks like a spreadsheet's summary as one more value: a value that is
    /// the sum of all the others, and a row labelled Total, Subtotal or Average that is the sum
    /// or average of the rows above it. Without this each is left out, with a warning naming
    /// its line.
    #[arg(long)]
    pub keep_total: bool,
}

impl FitArgs {
    /// The data file and the column as a message names them, `q.csv: column attainment`, each
    /// printable (a name with a line break in it said on one line).
    fn at_column(&self) -> String {
        format!(
            "{}: column {}",
            printable(self.data.as_typed()),
            printable(&self.column)
        )
    }

    /// A cell of `column` as a message names it, `q.csv:3:2: attainment`, as the cells it
    /// could not read are named (`CellAt`).
    fn at_cell(&self, column: &Column, line: u64) -> CellAt {
        CellAt {
            path: printable(self.data.as_typed()).into_owned(),
            line,
            column_number: column.column_number,
            column: printable(&self.column).into_owned(),
        }
    }

    /// What a refusal ends with, ` (nothing was written)`, where `--into` names a scenario:
    /// without it nothing would have been written anyway.
    fn nothing_written(&self) -> String {
        self.into
            .as_ref()
            .map_or(String::new(), |_| format!(" ({NOTHING_WRITTEN})"))
    }

    /// `error` ending as every refusal under `--into` does ([`FitArgs::nothing_written`]): the
    /// data's refusals (`n/a`, too few values) said nothing of the scenario.
    fn refused(&self, error: anyhow::Error) -> anyhow::Error {
        match self.into {
            Some(_) => anyhow!("{error:#}{}", self.nothing_written()),
            None => error,
        }
    }
}

/// What every refusal of `--into` ends with: the scenario is as it was.
const NOTHING_WRITTEN: &str = "nothing was written";

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

/// `error`, said of the data file `named` holding `text`, or, where that file is a scenario (the
/// two files swapped: `fit plan.toml --column attainment`), that it is one: its comment line
/// was read as the header row, "the columns are # A skypie scenario. …".
fn scenario_as_data(error: anyhow::Error, named: &str, text: &str, column: &str) -> anyhow::Error {
    if !skypie::Scenario::looks_like(text) {
        return error;
    }
    // The whole command: "add --into plan.toml" to the command given read the scenario as
    // the data once more.
    anyhow::anyhow!(
        "{named}: found a scenario (TOML), expected a CSV file of past actuals to fit; to write \
         the fit into this scenario: skypie fit ACTUALS.csv --column {} --into {} --key KEY",
        skypie::text::shell_word(column),
        skypie::text::shell_word(named)
    )
}

/// `skypie fit`.
pub fn fit(args: &FitArgs) -> anyhow::Result<ExitCode> {
    // `fit data.csv --column x >> plan.toml` would append the table to the scenario.
    let advice = format!("write the fit into it with --into FILE --key KEY, or {ANOTHER_FILE}");
    if let Some(message) = super::output_safety::stdout_is_a_scenario("the table", &advice) {
        return Err(UsageConflict::new("fit", message).into());
    }
    if let Some(message) = super::output_safety::stdout_is_data(&args.data) {
        return Err(UsageConflict::new("fit", message).into());
    }
    let field = args.key.as_deref().map(input_field).transpose()?;
    let scenario_text = scenario_to_write_into(args, field)?;
    let text = read_data(&args.data).map_err(|e| args.refused(e.into()))?;
    // Named in messages as people read it: a line break in the name read as two lines.
    let named = printable(args.data.as_typed()).into_owned();
    let column = read_column(&named, &text, &args.column)
        .map_err(|e| args.refused(scenario_as_data(e.into(), &named, &text, &args.column)))?;
    let (column, mut summary_notes) = column.to_fit(&named, args.keep_total);
    one_currency(args, &column, scenario_text.as_ref().map(|(_, plan)| plan))?;
    point_grouping(args, &column, field)?;
    if let Some(field) = field {
        units_agree(args, &column, field)?;
        percent_points(args, &column, field)?;
        within_the_domain(args, &column, field)?;
    }
    let Column {
        values,
        unit: written_unit,
        rows,
        ..
    } = column;
    let unit = field.map_or(written_unit, Field::unit);
    let ranking = rank(&values)
        .map_err(|e| match (e, rows.first()) {
            // Said as the cells write it: `80%`, not the 0.8 it is read as.
            (FitError::NoSpread(_), Some(row)) => FitError::NoSpread(row.written.trim().into()),
            (e, _) => e,
        })
        .with_context(|| args.at_column())
        .map_err(|e| args.refused(e))?;
    let fits = &ranking.fits;
    if fits.is_empty() {
        let why: Vec<String> = ranking.not_fitted.iter().map(left_out).collect();
        bail!(
            "{}: no form could be fitted: {}{}",
            args.at_column(),
            why.join(", "),
            args.nothing_written()
        );
    }
    let value = |fit: &Fit| FieldValue::Dist(rounded(fit, WRITTEN_DIGITS)).to_text(unit);
    // The form `--into` writes: the best, or the one --form names (`None` when it was not
    // fitted). The table's last line and the write both go by it.
    let chosen = match args.form {
        None => fits.first(),
        Some(form) => fits.iter().find(|f| f.family == form),
    };
    // A fit whose size says the column is the wrong one is refused before the table, which
    // would end "writing it into" the file.
    if let (Some((_, scenario)), Some(field), Some(chosen)) = (&scenario_text, field, chosen) {
        no_slip(args, scenario, field, &value(chosen))?;
    }
    // Without --into, the same slip is a warning: a value copied from the table skipped it.
    if let (None, Some(field), Some(chosen)) = (&scenario_text, field, chosen) {
        // No plan names the currency: the built-in's inputs, in none.
        let stand_in = Scenario::parse(skypie::scenario::BUILT_IN, "").ok();
        let stand_in = stand_in.map(|plan| Scenario {
            currency: String::new(),
            ..plan
        });
        let slip = stand_in.and_then(|plan| slip_in(&plan, field, &value(chosen)));
        if let Some(slip) = slip {
            summary_notes.push(format!(
                "{}, fitted: {slip} (check --column and --key; --into refuses it)",
                args.at_column()
            ));
        }
    }
    match args.format {
        FitFormat::Json => {
            let records: Vec<FitRecord> = fits.iter().map(|f| FitRecord::of(f, value(f))).collect();
            print(&format!(
                "{}\n",
                skypie::report::write::pretty_json(&records)?
            ))?;
            for note in &summary_notes {
                print_error(&format!("warning: {note}\n"));
            }
        }
        FitFormat::Table => print(&table(
            args,
            &values,
            &ranking,
            chosen,
            &value,
            &summary_notes,
        ))?,
    }
    if let (Some(path), Some((text, scenario)), Some(field)) = (&args.into, &scenario_text, field) {
        let chosen = chosen.ok_or_else(|| form_not_fitted(args, &ranking, path))?;
        let typed = value(chosen);
        write_into(
            path,
            text,
            scenario,
            field,
            &typed,
            &args.data,
            values.len(),
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The scenario `--into` names, read (once) and checked before anything is fitted: a missing
/// or broken file, the data itself named as the scenario, a read-only file, or a `field` the
/// file cannot take (attainment into a file without `[capacity]`) is said before a table that
/// would end "writing it into" it. `None` without `--into`.
fn scenario_to_write_into(
    args: &FitArgs,
    field: Option<Field>,
) -> anyhow::Result<Option<(String, Scenario)>> {
    let Some(path) = &args.into else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    // The data itself, or another CSV, named as the scenario: its header was read as TOML
    // ("quarter: found `quarter` with no value").
    if crate::files::named_as_data(path) || same_file(path, args.data.path()) {
        bail!(
            "--into {}: found a data file, expected the scenario file (.toml) to write the fit \
             into ({NOTHING_WRITTEN})",
            printable(&shown)
        );
    }
    refuse_read_only_file(path)?;
    // A pipe fed a plan was read, then opened to write it back, which waited for a reader for
    // good after "writing it into": a file edited in place is a regular file.
    if crate::files::is_special(path) {
        bail!(
            "--into {}: found {}, expected the scenario file (.toml) to write the fit into, \
             which is edited in place ({NOTHING_WRITTEN})",
            printable(&shown),
            crate::files::SPECIAL
        );
    }
    let text = read_text(&Source::file(path))?;
    let scenario = Scenario::parse(&text, &shown).map_err(|e| anyhow!("{e:#}"))?;
    if let Some(field) = field {
        let mut trial = scenario.clone();
        trial
            .set(field, FieldValue::Dist(default_dist(field)))
            .map_err(|d| anyhow!("{:#}", ScenarioError::single(&shown, d)))?;
    }
    Ok(Some((text, scenario)))
}

/// Why `--form` names a form that was not fitted, so nothing is written to `path`: why it was
/// left out (or that it was not tried), and the forms that were fitted.
fn form_not_fitted(args: &FitArgs, ranking: &Ranking, path: &Path) -> anyhow::Error {
    let form = args.form.map_or("the form", Family::name);
    let why = ranking
        .not_fitted
        .iter()
        .find(|(form, _)| Some(*form) == args.form)
        .map_or_else(
            || "it was not tried".to_string(),
            |(_, why)| why.to_string(),
        );
    let fitted: Vec<&str> = ranking.fits.iter().map(|f| f.family.name()).collect();
    anyhow!(
        "{}: cannot fit a {form} (--form): {why}; {NOTHING_WRITTEN} to {} (the forms fitted: \
         {})",
        args.at_column(),
        shown_path(path),
        fitted.join(", ")
    )
}

/// Refuses to write a column of percentages into an amount of money, or one of amounts
/// (`1.2M`) into a fraction: a wrong `--column` or `--key`, which would make a market of $0.80.
/// A column of plain numbers says nothing either way. Named at its first cell in its unit.
fn units_agree(args: &FitArgs, column: &Column, field: Field) -> anyhow::Result<()> {
    let written = column.unit;
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
    let Some(column_is) = what(written).filter(|_| written != field.unit()) else {
        return Ok(());
    };
    let Some(row) = column.rows.iter().find(|row| row.unit() == written) else {
        return Ok(());
    };
    bail!(
        "{}: found `{}`: the column holds {column_is}, but {} is {key_is}: check --column and \
         --key{}",
        args.at_cell(column, row.line),
        printable(&row.written),
        field.key(),
        args.nothing_written()
    )
}

/// Refuses a cell written `250.000` where it may be 250,000 (`number::point_or_thousands`): for
/// a key of amounts, as a scenario refuses the value (a comma-separated quota column of
/// `100.000`, `950.000` was written as a uniform from 100 to 990); without a key, unless
/// another cell of the column shows its point is a decimal point (`12.5`, `0.85`), as a file
/// separated by `;` or tabs is read. Into a key of fractions (a share, an attainment) three
/// decimals are decimals, as in a scenario.
fn point_grouping(args: &FitArgs, column: &Column, field: Option<Field>) -> anyhow::Result<()> {
    let Some((row, (readings, hint))) = column
        .rows
        .iter()
        .find_map(|row| Some((row, point_readings(&row.figure())?)))
    else {
        return Ok(());
    };
    // Whether the point may group thousands here (the column read again only then).
    let may_group = match field {
        Some(field) => field.unit() == Unit::Amount,
        None => !column.shows_a_decimal_point(),
    };
    if !may_group {
        return Ok(());
    }
    let at = args.at_cell(column, row.line);
    // The cell as the file writes it (`$950.000`), its readings those of the figure.
    let found = format!("`{}` ({readings})", printable(&row.written));
    match field {
        Some(field) => bail!(
            "{at}: found {found} for {}, expected the amount written one way: {hint}{}",
            field.key(),
            args.nothing_written()
        ),
        None => bail!(
            "{at}: found {found}, and no cell of the column shows which, expected the number \
             written one way: {hint}"
        ),
    }
}

/// Refuses a column of figures without `%` every one of which is 1 or more (3, 5, -1, 7) for a
/// growth, a share or a share's gain: percentage points with the `%` left off, which read as
/// fractions are 300% and more (a uniform from -100% to 700% growth was written, and `check`
/// said ok). Attainments of 1 and more are a team beating quota, and are left to the slip check.
fn percent_points(args: &FitArgs, column: &Column, field: Field) -> anyhow::Result<()> {
    let fraction = field.domain().is_share() || field.domain() == Domain::Growth;
    let figures: Vec<f64> = column
        .values
        .iter()
        .copied()
        .filter(|v| *v != 0.0)
        .collect();
    // A share of exactly 1 is the whole market, a fraction it may be: one beyond it is not.
    let beyond = field.domain() == Domain::Growth || figures.iter().any(|v| v.abs() > 1.0);
    if !fraction
        || column.unit != Unit::Plain
        || figures.is_empty()
        || figures.iter().any(|v| v.abs() < 1.0)
        || !beyond
    {
        return Ok(());
    }
    let mut rows = column.rows.iter().zip(&column.values);
    // A share read as percentages is still more than the whole market past 100 of them
    // (`412000` is no 412,000%): no way to write it serves, the column or the key is wrong.
    if field.domain().is_share()
        && let Some((row, value)) = rows.clone().find(|(_, v)| **v > 100.0)
    {
        let written = printable(&row.written);
        bail!(
            "{}: line {}'s `{written}` reads as {} for {}, and as a percentage ({written}%) it \
             is still more than the whole market: check --column and --key{}",
            args.at_column(),
            row.line,
            format_exact(*value, Unit::Percent),
            field.key(),
            args.nothing_written()
        )
    }
    let Some((row, value)) = rows.find(|(_, v)| **v != 0.0) else {
        return Ok(());
    };
    let written = printable(&row.written);
    bail!(
        "{}: every figure is written without % and is 1 or more in size, so line {}'s \
         `{written}` reads as {} for {}: if they are percentages, write them with % \
         ({written}%) or as fractions ({}){}",
        args.at_column(),
        row.line,
        format_exact(*value, Unit::Percent),
        field.key(),
        format_significant(value / 100.0, Unit::Plain, 6),
        args.nothing_written()
    )
}

/// Refuses a column holding a value `field` cannot take (a growth of -150%, a market of -2.2M,
/// an attainment of -40%), naming its line: fitted, the range was written and `check` said ok,
/// while `eval` clamped most samples. Data the key cannot hold is the wrong column, key or data.
fn within_the_domain(args: &FitArgs, column: &Column, field: Field) -> anyhow::Result<()> {
    let domain = field.domain();
    match column
        .rows
        .iter()
        .zip(&column.values)
        .find(|(_, v)| !domain.admits(**v))
    {
        Some((row, _)) => bail!(
            "{}: found `{}`, expected {} for {} (check --column and --key{})",
            args.at_cell(column, row.line),
            printable(&row.written),
            domain.describe(),
            field.key(),
            args.into
                .as_ref()
                .map_or(String::new(), |_| format!("; {NOTHING_WRITTEN}"))
        ),
        None => Ok(()),
    }
}

/// Refuses a column whose amounts carry two currencies' signs (`$1,000` above `€2,000`), or,
/// into a `scenario`, a sign of another currency than the plan's (`€ 3.5M` into a plan in
/// USD): nothing is converted, so they would be fitted as one currency. A plan whose currency
/// has no sign of its own here (`CAD`, `euros`) takes none, as its typed values take none.
fn one_currency(
    args: &FitArgs,
    column: &Column,
    scenario: Option<&Scenario>,
) -> anyhow::Result<()> {
    let mut signed = column
        .rows
        .iter()
        .filter_map(|row| Some((row, row.currency_sign()?)));
    let Some((first, sign)) = signed.next() else {
        return Ok(());
    };
    if let Some((other, _)) = signed.find(|(_, other)| *other != sign) {
        bail!(
            "{}: found `{}`, where line {} has `{}`: amounts in two currencies, and nothing is \
             converted, so convert them to one first{}",
            args.at_cell(column, other.line),
            printable(&other.written),
            first.line,
            printable(&first.written),
            args.nothing_written()
        )
    }
    let Some(plan) = scenario else {
        return Ok(());
    };
    let currency = currency_code(&plan.currency);
    match currency_sign(&plan.currency) {
        Some(own) if own == sign => return Ok(()),
        Some(_) => {}
        // A plan in a currency written without a sign here (`CAD`, `euros`) is given amounts
        // without one, as its values are typed (`$` may be the Canadian dollar's, or not).
        None if !currency.is_empty() => bail!(
            "{}: found `{}`, with a currency sign, but the scenario is in {currency}, whose \
             amounts are written without one: write them without the sign if they are in \
             {currency}, or convert them first ({NOTHING_WRITTEN})",
            args.at_cell(column, first.line),
            printable(&first.written)
        ),
        None => return Ok(()),
    }
    bail!(
        "{}: found `{}`, an amount in another currency, but the scenario is in {currency}: \
         nothing is converted, so convert the amounts to {currency} first, or write them \
         without the sign if they are in {currency} ({NOTHING_WRITTEN})",
        args.at_cell(column, first.line),
        printable(&first.written)
    )
}

/// Refuses a fitted value whose size says the column is the wrong one, as `check` would warn
/// of it in the file: a column of plain numbers carries no unit for [`units_agree`] to
/// compare, so bookings of 152,000,000 fitted into an attainment get this far.
fn no_slip(args: &FitArgs, scenario: &Scenario, field: Field, typed: &str) -> anyhow::Result<()> {
    match slip_in(scenario, field, typed) {
        Some(slip) => bail!(
            "{}, fitted: {slip}\n(check --column and --key; {NOTHING_WRITTEN})",
            args.at_column()
        ),
        None => Ok(()),
    }
}

/// What `check` would warn of `scenario` with `typed` as its `field` ([`slips::of`]); `None`
/// also for a value the key cannot take at all, which the write says, checking it first.
fn slip_in(scenario: &Scenario, field: Field, typed: &str) -> Option<String> {
    let mut fitted = scenario.clone();
    fitted.set_text(field, typed).ok()?;
    slips::of(&fitted, field)
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

/// The table people read: the data in one line, the fits best first, how to use one, and
/// what to beware of (`notes` on the data, after the fit's own caveats).
fn table(
    args: &FitArgs,
    values: &[f64],
    ranking: &Ranking,
    chosen: Option<&Fit>,
    value: &dyn Fn(&Fit) -> String,
    notes: &[String],
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
            let file = shown_path(file);
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
        .chain(notes)
        .map(|c| format!("{c}\n"))
        .collect();
    format!(
        "{} values of `{}` in {}\n{table}\n{left_out}Best by AIC: {best} (lower AIC is better; KS \
         is the largest gap between the fitted and the data's cumulative distribution); {into}.\n\
         {caveats}",
        thousands(values.len() as u64),
        printable(&args.column),
        printable(args.data.as_typed()),
    )
}

/// Writes `typed` into `field` of the scenario at `path`, whose text is `text` and which reads
/// as `scenario`, with a note naming the data and n, after checking the result is still a
/// valid scenario.
fn write_into(
    path: &Path,
    text: &str,
    scenario: &Scenario,
    field: Field,
    typed: &str,
    data: &Source,
    n: usize,
) -> anyhow::Result<()> {
    let shown = path.display().to_string();
    let note = FitNote {
        data: printable(&seen_from(path, data)).into_owned(),
        n,
    };
    // Checked on the scenario as the file is, so a refusal of the value speaks of the file on
    // disk, not of lines only the edited text has (a key the file cannot take at all was
    // refused before fitting).
    scenario.clone().set_text(field, typed).map_err(|d| {
        let e = ScenarioError::single(&shown, d);
        anyhow!("{e:#}\n(the fitted value was not written)")
    })?;
    let (edited, noted) =
        apply_with_note(text, field, typed, &note).map_err(|e| anyhow!("{shown}: {e}"))?;
    // The edited text is checked too; its lines are not the file's, so none is named.
    let written = Scenario::parse(&edited, &shown).map_err(|mut e| {
        for d in &mut e.diagnostics {
            (d.location, d.source) = (None, None);
        }
        anyhow!("{e:#}\n(in the file as it would be with the fitted value, which was not written)")
    })?;
    // As a live session saves: the file held while it is read again and replaced, so that a
    // session saving it meanwhile is neither overwritten nor overwrites the fitted value.
    let _held = lock_for_saving(path).map_err(|e| anyhow!("{shown}: cannot write: {e}"))?;
    if read_text(&Source::file(path)).ok().as_deref() != Some(text) {
        bail!(
            "{shown}: it changed since fit read it (a live session saving it?); \
             {NOTHING_WRITTEN}: run the fit again"
        );
    }
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
    // What `check` would now say of the key (a normal of wide spread with a sixth of its
    // samples below 0, clamped), said as the fit is written, not at the next check: every
    // warning of the value written, so also where the value it replaced had the same one, and
    // any other the write brings (a share fitted above the plan's ceiling warns of the ceiling).
    let before: Vec<String> = scenario.warnings().into_iter().map(|w| w.text).collect();
    for warning in written.warnings() {
        if warning.about == Some(About::Field(field)) || !before.contains(&warning.text) {
            print_error(&format!("warning: {}\n", warning.text));
        }
    }
    Ok(())
}

/// The data file's path as seen from the scenario's folder, for the note in the scenario: relative
/// when the two share a folder below the root (`actuals/q.csv`, `../data/q.csv`), else
/// absolute. Folders are resolved as the file system sees them (the scenario's own links too,
/// since the write goes to the file they lead to); the data file keeps the name it was given.
/// Standard input (`-`), or a path that cannot be resolved, is left as given.
fn seen_from(scenario: &Path, data: &Source) -> String {
    let given = data.as_typed();
    // `-` named no data to a reader of the plan (or of its board report).
    if data.is_stdin() {
        return "standard input".to_string();
    }
    let resolved = || -> Option<String> {
        let data = Path::new(given);
        let data = folder_of(data).canonicalize().ok()?.join(data.file_name()?);
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
    resolved().unwrap_or_else(|| given.to_string())
}
