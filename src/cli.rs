//! The command line: clap definitions and the `eval`, `check` and `new` commands. Errors are
//! values until `main`, which prints them once and picks the exit code.

use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::batch::{DEFAULT_BUDGET, estimated_peak, parse_size, run_within_budget, show_size};
use crate::files::{
    Kept, WriteError, kept_from_outputs, read_text, same_file, write_file, write_file_with,
};
use crate::terminal::{CLOSED_PIPE_STATUS, OutputError, print, print_error};
use skypie::model::draws::Draws;
use skypie::report::Row;
use skypie::report::markdown;
use skypie::report::text::{printable, printable_lines};
use skypie::report::write::{Format, Style, render, shown_head};
use skypie::scenario::value::{read_whole_text, whole_numbers};
use skypie::scenario::{
    Consistency, Diagnostic, Field, FieldValue, Method, Scenario, ScenarioError, TEMPLATE,
    sets_correlation,
};
use skypie::{Evaluation, evaluate};

const EXAMPLES: &str = "\
Examples:
  skypie                                   plan live on the built-in 90-day anecdote
  skypie plan plan.toml                    plan live on a scenario file
  skypie eval scenarios/*.toml             a summary of each scenario
  skypie eval plan.toml --detail           add the tornado, levers, time path and frontier
  skypie eval plan.toml --set target.revenue=2M --set horizon_days=180
  skypie eval *.toml --format csv --out summary.csv
  skypie eval plan.toml --draws samples.csv     every sample, to check any figure
  skypie fit attainment.csv --column attainment fit a distribution to past actuals
  cat plan.toml | skypie eval - --format json
  skypie report plan.toml                  the board report: plan.report.html beside it
  skypie check *.toml                      validate only
  skypie new plan.toml                     write a commented template

Exit codes: 0 all good; 1 a scenario is invalid (the valid ones are still evaluated), an output
cannot be written, or plan has no terminal; 2 usage; 141 the reader of standard output went away.";

/// skypie: is this sales target realistic, or pie in the sky?
///
/// Shows what share of the serviceable market a revenue target needs inside its horizon, and
/// how likely it is (Monte Carlo over the uncertain market size, growth, share and sales
/// capacity).
#[derive(Debug, Parser)]
#[command(name = "skypie", version, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the live planning session on a scenario file.
    ///
    /// Two people, one keyboard: arrows select and nudge inputs, Enter types a value, r
    /// switches who is editing (every edit is logged with their name), b pins a baseline,
    /// u / Ctrl-R undo and redo, s saves (keeping the file's comments), e exports the summary
    /// table, the board report or the comparison with the baseline, ? shows every key, q quits.
    Plan(PlanArgs),
    /// Evaluate scenario files and summarise each.
    Eval(EvalArgs),
    /// Write the board report: one self-contained HTML page (charts included) to open in a
    /// browser, attach to a mail or print to PDF.
    ///
    /// The headline and verdict, achievable revenue against the target, the tornado, the
    /// levers, the time path, the frontier (the same target over other horizons) and every
    /// assumption with its P10/P50/P90. Written beside FILE as FILE's name with
    /// `.report.html` (`plan.toml` gives `plan.report.html`; standard input gives
    /// `report.html` in the current folder) unless --out says where.
    Report(crate::board::ReportArgs),
    /// Check scenario files without evaluating them.
    Check {
        /// Scenario files (`-` reads standard input).
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Fit a distribution to past actuals: one column of a CSV file, each form by maximum
    /// likelihood, best first by AIC; --into FILE --key KEY writes it into a scenario.
    Fit(crate::fit_command::FitArgs),
    /// Write a commented scenario template (to standard output without FILE).
    New {
        /// Where to write it; an existing file is left alone unless --force.
        #[arg(value_parser = file_name)]
        file: Option<PathBuf>,
        /// Overwrite FILE if it exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The scenario file (omit for the built-in 90-day anecdote).
    pub file: Option<PathBuf>,
    /// The two people at the keyboard, comma-separated.
    #[arg(long, default_value = crate::tui::DEFAULT_ROLES, value_parser = crate::tui::parse_roles)]
    pub roles: [String; 2],
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Scenario files (`-` reads standard input).
    #[arg(required = true)]
    pub files: Vec<String>,
    /// Output format.
    #[arg(long, short, value_parser = format_parser(), default_value = "table")]
    pub format: Format,
    /// Write the output to this file (atomically) instead of standard output; `-` is standard
    /// output. A scenario file is never replaced.
    #[arg(long, short, value_parser = output_path)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub run: RunArgs,
    /// Worker threads, 1 to 1024 (results are identical for every count).
    #[arg(long, value_name = "N", allow_hyphen_values = true, value_parser = parse_threads)]
    pub threads: Option<u64>,
    /// Also compute the tornado, the levers, the time path and the frontier.
    #[arg(long)]
    pub detail: bool,
    /// Also write every sample to this CSV file: the sampled inputs by key, then
    /// market_in_window, achievable_revenue and feasible (0/1). One scenario per call.
    #[arg(long, value_name = "OUT.csv", value_parser = output_path)]
    pub draws: Option<PathBuf>,
    /// Memory the batch may use at once, e.g. 512M or 2G: files are evaluated side by side
    /// only as far as it allows (a file at 10,000,000 samples needs about 700 MB; one that
    /// needs more than the budget runs alone).
    #[arg(
        long,
        value_name = "SIZE",
        default_value = DEFAULT_BUDGET,
        allow_hyphen_values = true,
        value_parser = parse_size
    )]
    pub max_memory: u64,
}

/// How to run the model, for `eval` and `report`: each overrides the file's own setting.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Samples (overrides [run] samples), written as in the file: 100000, 250k, 1M, 1e6; at
    /// most 10,000,000 are drawn; a power of two for Sobol points.
    #[arg(
        long,
        value_name = "N",
        allow_hyphen_values = true,
        value_parser = whole_number_of(Field::RunSamples)
    )]
    pub samples: Option<u64>,
    /// Random seed (overrides [run] seed), a whole number written as in the file.
    #[arg(
        long,
        value_name = "N",
        allow_hyphen_values = true,
        value_parser = whole_number_of(Field::RunSeed)
    )]
    pub seed: Option<u64>,
    /// How the samples are drawn (overrides [run] method).
    #[arg(long, value_parser = method_parser())]
    pub method: Option<Method>,
    /// Override a value, e.g. --set target.revenue=2M, or a correlation, e.g. --set
    /// 'market.size ~ market.growth=0.3' (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub overrides: Vec<String>,
}

impl RunArgs {
    /// The options that change what the file says, as they could be typed again (`--set
    /// target.revenue=2M --method sobol`, quoted for a POSIX shell where needed); `None` when
    /// there are none.
    pub fn as_typed(&self) -> Option<String> {
        let words: Vec<String> = self
            .changes()
            .iter()
            .flat_map(|change| {
                let (option, value) = match change {
                    RunChange::Set(assignment) => ("set", assignment.to_string()),
                    RunChange::Whole(field, n) => (field.name(), n.to_string()),
                    RunChange::Method(method) => ("method", method.name().to_string()),
                };
                [format!("--{option}"), value]
            })
            .collect();
        if words.is_empty() {
            return None;
        }
        // The one error is a NUL, which no command-line argument can hold.
        let joined = shlex::try_join(words.iter().map(String::as_str));
        Some(joined.unwrap_or_else(|_| words.join(" ")))
    }

    /// Whether a scenario's correlations must hold as its file is read: not when a `--set`
    /// changes one, which may mend the file's set ([`adjust`] checks them after).
    pub fn consistency(&self) -> Consistency {
        if self.overrides.iter().any(|a| sets_correlation(a)) {
            Consistency::Deferred
        } else {
            Consistency::Checked
        }
    }

    /// What the options change in a scenario, in the order [`adjust`] applies them: the
    /// `--set`s, then `--samples` and `--seed`, then `--method`.
    fn changes(&self) -> Vec<RunChange<'_>> {
        let sets = self.overrides.iter().map(|a| RunChange::Set(a));
        let numbers = [
            (Field::RunSamples, self.samples),
            (Field::RunSeed, self.seed),
        ]
        .into_iter()
        .filter_map(|(field, n)| Some(RunChange::Whole(field, n?)));
        let method = self.method.map(RunChange::Method);
        sets.chain(numbers).chain(method).collect()
    }
}

/// One change a run option makes to a scenario.
enum RunChange<'a> {
    /// `--set KEY=VALUE`.
    Set(&'a str),
    /// `--samples` or `--seed`, a whole number clap has checked.
    Whole(Field, u64),
    /// `--method`.
    Method(Method),
}

/// The most worker threads `--threads` takes.
const MAX_THREADS: u64 = 1024;

/// `--threads`: a whole number from 1 to [`MAX_THREADS`].
fn parse_threads(text: &str) -> Result<u64, String> {
    match text.trim().parse::<u64>() {
        Ok(n) if (1..=MAX_THREADS).contains(&n) => Ok(n),
        _ => Err(format!(
            "found {text}, expected {}",
            whole_numbers(1, MAX_THREADS)
        )),
    }
}

/// A run option that sets a whole-number key (`--samples`, `--seed`): read as the file's key
/// and `--set` read it (README "Scenario files": `1M`, `1e6`, `100,000`), within the key's
/// bounds. clap's refusal names the option, so the message leaves the key out.
fn whole_number_of(field: Field) -> impl Fn(&str) -> Result<u64, String> + Clone {
    move |text| {
        read_whole_text(field, text).map_err(|refused| {
            Diagnostic {
                key: None,
                ..refused
            }
            .to_string()
        })
    }
}

/// `--method`'s values: plain Monte Carlo or scrambled Sobol points.
fn method_parser() -> impl clap::builder::TypedValueParser<Value = Method> {
    let names = Method::ALL.map(|m| {
        let help = match m {
            Method::MonteCarlo => "plain Monte Carlo (independent draws; the default)",
            Method::Sobol => {
                "randomised quasi-Monte Carlo: scrambled Sobol points, a power of two of them, \
                 the standard error from 16 independent scrambles"
            }
        };
        clap::builder::PossibleValue::new(m.name()).help(help)
    });
    // PossibleValuesParser has already refused any other name.
    clap::builder::TypedValueParser::map(
        clap::builder::PossibleValuesParser::new(names),
        |name: String| Method::from_name(&name).unwrap_or_default(),
    )
}

/// What an empty file name is refused as (`--out ''`, or `--out "$OUT"` with `OUT` unset).
const EMPTY_FILE_NAME: &str = "found an empty file name, expected the name of a file";

/// The name of a file to write (`new FILE`, `fit --into`), refused when empty: clap then
/// names the option, before anything is computed or printed.
pub fn file_name(name: &str) -> Result<PathBuf, String> {
    if name.is_empty() {
        return Err(EMPTY_FILE_NAME.to_string());
    }
    Ok(PathBuf::from(name))
}

/// An output file's name: `-` is standard output (`/dev/stdout`), as `-` is standard input for
/// a scenario, not a file named `-`; an empty name is refused as [`file_name`] refuses it.
pub fn output_path(name: &str) -> Result<PathBuf, String> {
    if name == "-" {
        return Ok(PathBuf::from("/dev/stdout"));
    }
    file_name(name).map_err(|_| format!("{EMPTY_FILE_NAME}, or - for standard output"))
}

/// `--format`'s values, listed from the report's own list of formats.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    let names =
        Format::ALL.map(|f| clap::builder::PossibleValue::new(f.name()).help(f.description()));
    // PossibleValuesParser has already refused any other name.
    clap::builder::TypedValueParser::map(
        clap::builder::PossibleValuesParser::new(names),
        |name: String| name.parse().unwrap_or(Format::Table),
    )
}

/// A subcommand's definition (`eval`, `report`), for a usage error of its own.
fn subcommand(name: &str) -> clap::Command {
    let cli = <Cli as clap::CommandFactory>::command();
    let found = cli.find_subcommand(name).cloned();
    found.map_or(cli, |c| c.bin_name(format!("skypie {name}")))
}

/// A usage error of the subcommand `name`: two arguments that cannot go together.
pub fn conflict(name: &str, message: String) -> ExitCode {
    usage(
        &clap::Error::raw(clap::error::ErrorKind::ArgumentConflict, message)
            .format(&mut subcommand(name)),
    )
}

/// An output that would replace a scenario file being read, another output, or any other
/// existing scenario or `.toml` file (through a link, the file it leads to;
/// [`kept_from_outputs`]): what it says, for a usage error. Nothing is
/// computed or written then, so a typo in `--out` never costs a plan. `-` (standard output)
/// is never a file, so never refused.
pub fn clobbered(outputs: &[(&str, &Path)], files: &[String]) -> Option<String> {
    // A scenario that is not there is for the loader to say so, not "would be replaced".
    let inputs: Vec<&String> = files
        .iter()
        .filter(|f| *f == "-" || Path::new(f).exists())
        .collect();
    for (i, (flag, out)) in outputs.iter().enumerate() {
        let path = out.display().to_string();
        let shown = printable(&path);
        if let Some(file) = inputs.iter().find(|f| same_file(out, Path::new(f))) {
            return Some(format!(
                "{flag} {shown} is the scenario file {}: writing it would replace the scenario",
                printable(file)
            ));
        }
        if let Some((other, _)) = outputs[i + 1..].iter().find(|(_, o)| same_file(out, o)) {
            return Some(format!(
                "{flag} and {other} both name {shown}: one would replace the other"
            ));
        }
        // A new output named .toml; one that names a scenario not there is for the loader.
        let an_input = files.iter().any(|f| Path::new(f) == *out);
        let new_toml = !out.exists()
            && !an_input
            && out
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        if new_toml {
            return Some(format!(
                "{flag} {shown} names a .toml file: no output is TOML, and `eval *.toml` would \
                 take it for a scenario (choose another name: .csv, .md, .json or .html)"
            ));
        }
        if let Some(kept) = kept_from_outputs(out) {
            let (kind, real, why) = match &kept {
                Kept::Scenario(real) => (
                    "scenario file",
                    real,
                    "writing it would replace the scenario",
                ),
                Kept::Toml(real) => (
                    ".toml file",
                    real,
                    "no output is TOML, so it is not replaced",
                ),
            };
            let real = real.display().to_string();
            let (what, remove) = if real == path {
                (format!("is a {kind}"), shown.to_string())
            } else {
                (
                    format!("leads to the {kind} {}", printable(&real)),
                    format!("the link {shown}"),
                )
            };
            return Some(format!(
                "{flag} {shown} {what}: {why} (choose another name, or remove {remove} first)"
            ));
        }
    }
    None
}

/// Reads and parses one scenario file.
pub fn load(path: &str, consistency: Consistency) -> Result<Scenario, ScenarioError> {
    let text = read_text(path)?;
    let origin = if path == "-" { "<stdin>" } else { path };
    Scenario::parse_with(&text, origin, consistency)
}

/// Applies `--set` overrides, then `--samples`, `--seed` and `--method`, and checks the
/// correlations once every override is in. Errors name the file `path` they were applied to
/// and the option (`plan.toml: --set target.revenue=3bn: …`): with several files, each says
/// which.
pub fn adjust(scenario: &mut Scenario, path: &str, run: &RunArgs) -> Result<(), ScenarioError> {
    let file = if path == "-" { "<stdin>" } else { path };
    let origin = |option: &str| format!("{file}: {option}");
    for change in run.changes() {
        match change {
            RunChange::Set(assignment) => scenario
                .apply_override(assignment)
                .map_err(|d| ScenarioError::single(&origin(&format!("--set {assignment}")), d))?,
            // Set as whole numbers: a seed above 2^53 would not survive a round trip through
            // text and the number grammar.
            RunChange::Whole(field, n) => scenario
                .set(field, FieldValue::Integer(n))
                .map_err(|d| ScenarioError::single(&origin(&format!("--{}", field.name())), d))?,
            RunChange::Method(method) => scenario.method = method,
        }
    }
    // Once every --set is in: several pairs changed together may pass through sets that
    // cannot hold on the way to one that can.
    scenario
        .check_correlations()
        .map_err(|d| ScenarioError::single(&origin("--set"), d))
}

/// Prints an error to standard error, its control characters escaped, without tearing a
/// progress bar.
fn report_error(progress: &ProgressBar, error: &dyn std::fmt::Display) {
    progress.suspend(|| print_error(&error_line(error)));
}

/// `error: <message>` and a line break, safe for a terminal. The message is the error's
/// alternate form (`{:#}`): a scenario's further mistakes then start with `error: ` too.
pub fn error_line(error: &dyn std::fmt::Display) -> String {
    format!("error: {}\n", printable_lines(&format!("{error:#}")))
}

/// The exit code of a command's failure, after saying why on standard error: 1, or quietly
/// [`CLOSED_PIPE_STATUS`] when the reader of standard output went away.
pub fn failure(error: &anyhow::Error) -> ExitCode {
    let closed = error.chain().any(|e| {
        matches!(e.downcast_ref::<OutputError>(), Some(OutputError::Closed))
            || e.downcast_ref::<WriteError>()
                .is_some_and(WriteError::is_closed_pipe)
    });
    if closed {
        return ExitCode::from(CLOSED_PIPE_STATUS);
    }
    print_error(&error_line(&format!("{error:#}")));
    ExitCode::from(1)
}

/// What clap's refusal or its `--help` / `--version` ends in: help and version go to standard
/// output (a failure there is handled like any other output's), usage errors to standard
/// error with status 2. clap echoes the arguments it refuses, so when one holds a control
/// character the message is printed escaped (and without colour).
pub fn usage(error: &clap::Error) -> ExitCode {
    if error.use_stderr() {
        let clean = std::env::args_os().all(|a| !a.to_string_lossy().chars().any(char::is_control));
        if clean {
            let _ = error.print();
        } else {
            print_error(&printable_lines(&error.render().to_string()));
        }
        return ExitCode::from(2);
    }
    let printed = error
        .print()
        .and_then(|()| std::io::stdout().flush())
        .map_err(OutputError::from);
    match printed {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => failure(&e.into()),
    }
}

/// `skypie eval`.
pub fn eval(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    if args.draws.is_some() && args.files.len() != 1 {
        return Ok(conflict(
            "eval",
            format!(
                "--draws writes the samples of one scenario, but {} files were given",
                args.files.len()
            ),
        ));
    }
    if args.files.iter().filter(|f| *f == "-").count() > 1 {
        return Ok(conflict(
            "eval",
            "- (standard input) can be read only once".to_string(),
        ));
    }
    let outputs: Vec<(&str, &Path)> = [("--out", &args.out), ("--draws", &args.draws)]
        .into_iter()
        .filter_map(|(flag, path)| Some((flag, path.as_deref()?)))
        .collect();
    if let Some(message) = clobbered(&outputs, &args.files) {
        return Ok(conflict("eval", message));
    }
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads as usize)
            .build_global()?;
    }
    say_where_typing_goes(&args.files);
    let progress = progress_bar(&args.files);
    let (valid, failed) = load_all(args, &progress);
    warn_over_budget(args, &valid, &progress);
    let evaluations = evaluate_all(args, &valid, &progress);
    progress.finish_and_clear();
    let rows: Vec<Row> = valid
        .iter()
        .zip(&evaluations)
        .map(|((file, scenario), evaluation)| Row {
            file,
            scenario,
            evaluation,
        })
        .collect();
    if args.detail && args.format == Format::Csv {
        print_error(
            "note: CSV carries only the headline columns; for the detail (tornado, levers, time \
             path, frontier) use --format json or --format md\n",
        );
    }
    // With no scenario to show, JSON is `[]` and CSV its header; a file named by --out is
    // written whatever the format, so that it never keeps an earlier run's figures.
    if !rows.is_empty() || matches!(args.format, Format::Json | Format::Csv) || args.out.is_some() {
        write_output(args, &rows)?;
    }
    if let (Some(path), [(_, scenario)]) = (&args.draws, valid.as_slice()) {
        // Millions of rows take seconds; rows bound for a terminal or a pipe (`-`) are their
        // own sign of life, and a spinner would draw between them.
        let writing = if path.starts_with("/dev") {
            ProgressBar::hidden()
        } else {
            working(format!(
                "writing {}",
                printable(&path.display().to_string())
            ))
        };
        let draws = Draws::sample(scenario);
        let written = write_file_with(path, &mut |out| {
            skypie::report::draws::write_csv(scenario, &draws, out)
        });
        writing.finish_and_clear();
        written?;
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads and checks every file at once (it is cheap), reporting errors in argument order:
/// the valid scenarios with their paths, and whether any file failed.
fn load_all<'a>(args: &'a EvalArgs, progress: &ProgressBar) -> (Vec<(&'a str, Scenario)>, bool) {
    let loaded: Vec<Result<Scenario, ScenarioError>> = args
        .files
        .par_iter()
        .map(|path| {
            let mut scenario = load(path, args.run.consistency())?;
            adjust(&mut scenario, path, &args.run)?;
            Ok(scenario)
        })
        .collect();
    let mut valid = Vec::with_capacity(loaded.len());
    let mut failed = false;
    for (path, outcome) in args.files.iter().zip(loaded) {
        match outcome {
            Ok(scenario) => valid.push((path.as_str(), scenario)),
            Err(e) => {
                report_error(progress, &e);
                progress.inc(1);
                failed = true;
            }
        }
    }
    (valid, failed)
}

/// Warns of each scenario that needs more memory than `--max-memory` on its own.
fn warn_over_budget(args: &EvalArgs, valid: &[(&str, Scenario)], progress: &ProgressBar) {
    for (path, scenario) in valid {
        let needs = estimated_peak(scenario, args.detail);
        if needs > args.max_memory {
            progress.suspend(|| {
                print_error(&format!(
                    "warning: {}: needs about {} at {} samples, more than --max-memory {}; it \
                     is evaluated alone\n",
                    printable(path),
                    show_size(needs),
                    scenario.samples,
                    show_size(args.max_memory),
                ))
            });
        }
    }
}

/// Evaluates the scenarios: side by side (each also samples in parallel) only as far as the
/// memory budget allows; results come back in argument order, so the output never depends on
/// scheduling.
fn evaluate_all(
    args: &EvalArgs,
    valid: &[(&str, Scenario)],
    progress: &ProgressBar,
) -> Vec<Evaluation> {
    run_within_budget(
        valid,
        |(_, scenario)| estimated_peak(scenario, args.detail),
        args.max_memory,
        rayon::current_num_threads(),
        |(_, scenario)| {
            let evaluation = evaluate(scenario, args.detail);
            progress.inc(1);
            evaluation
        },
    )
}

/// Renders the rows and writes them to `--out` or standard output.
fn write_output(args: &EvalArgs, rows: &[Row]) -> anyhow::Result<()> {
    let to_terminal = args.out.is_none() && std::io::stdout().is_terminal();
    let style = Style {
        color: to_terminal && color_allowed(),
        width: to_terminal
            .then(|| ratatui::crossterm::terminal::size().ok().map(|(w, _)| w))
            .flatten(),
    };
    let mut rendered = render(args.format, rows, style);
    // The tables for people say when the figures are not the files' own; CSV and JSON, data
    // with a fixed set of keys, leave it to a note on standard error when a --set changed a
    // value (more samples or another seed change only the noise).
    if let Some(typed) = args.run.as_typed() {
        match args.format {
            Format::Table => {
                rendered += &format!("\nChanged on the command line: {}\n", printable(&typed));
            }
            Format::Md => {
                rendered += &format!(
                    "\nChanged on the command line: {}\n",
                    markdown::code(&typed)
                );
            }
            // Nothing was computed (each file refused), so no figure is "with" anything.
            Format::Csv | Format::Json if args.run.overrides.is_empty() || rows.is_empty() => {}
            Format::Csv | Format::Json => print_error(&format!(
                "note: the figures are with {} (changed on the command line), not the files' \
                 own\n",
                printable(&typed)
            )),
        }
    }
    // CSV's columns have no room for the warnings the other formats carry: standard error has.
    if args.format == Format::Csv {
        for row in rows {
            for warning in &row.evaluation.headline.warnings {
                print_error(&format!(
                    "warning: {}: {}\n",
                    printable(row.file),
                    printable(warning)
                ));
            }
        }
    }
    let text = match args.format {
        // The table escapes the names and paths it shows itself (its colours are escapes).
        Format::Table => Cow::Borrowed(rendered.as_str()),
        // Markdown is for people wherever it goes.
        Format::Md => printable_lines(&rendered),
        // CSV and JSON are data: exact in files and pipes, made safe only on a terminal.
        Format::Csv | Format::Json if to_terminal => printable_lines(&rendered),
        Format::Csv | Format::Json => Cow::Borrowed(rendered.as_str()),
    };
    match &args.out {
        Some(path) => Ok(write_file(path, text.as_bytes())?),
        None => Ok(print(&text)?),
    }
}

/// Colour unless NO_COLOR is set to anything non-empty (no-color.org).
pub fn color_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// A progress bar on standard error for batches, or for one file a spinner that says it is
/// at work (10,000,000 samples with `--detail` take half a minute); hidden when standard
/// error is not a terminal.
fn progress_bar(files: &[String]) -> ProgressBar {
    match files {
        [file] => spinner(file),
        _ if !std::io::stderr().is_terminal() => ProgressBar::hidden(),
        _ => {
            let bar = ProgressBar::with_draw_target(
                Some(files.len() as u64),
                ProgressDrawTarget::stderr(),
            );
            if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} scenarios") {
                bar.set_style(style);
            }
            bar
        }
    }
}

/// Says, on standard error, that a scenario is read from the terminal when one of `files` is
/// standard input and that is a terminal: otherwise the command waits without a word.
pub fn say_where_typing_goes(files: &[String]) {
    if files.iter().any(|f| typed_at_terminal(f)) {
        print_error("reading the scenario from the terminal: type or paste it, then Ctrl-D\n");
    }
}

/// Whether the scenario `file` is typed at the terminal: standard input, and that a terminal.
fn typed_at_terminal(file: &str) -> bool {
    matches!(file, "-" | "/dev/stdin") && std::io::stdin().is_terminal()
}

/// A spinner on standard error saying the scenario `file` is being evaluated: [`working`],
/// hidden too when the scenario is being typed at the terminal (`-` or `/dev/stdin`: the
/// spinner would draw over the typing).
pub fn spinner(file: &str) -> ProgressBar {
    if typed_at_terminal(file) {
        return ProgressBar::hidden();
    }
    working(format!("evaluating {}", printable(file)))
}

/// A spinner on standard error saying what is under way (`message`) and for how long, drawn
/// at once and cleared by its owner before anything else is printed; hidden when standard
/// error is not a terminal.
fn working(message: String) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let spinner = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
        spinner.set_style(style);
    }
    spinner.set_message(message);
    spinner.enable_steady_tick(std::time::Duration::from_millis(100));
    spinner
}

/// `skypie check`: parses every file, says which are fine, exits 1 if any is not.
pub fn check(files: &[String]) -> anyhow::Result<ExitCode> {
    let mut failed = false;
    for path in files {
        match load(path, Consistency::Checked) {
            Ok(scenario) => {
                let uncertain = match scenario.uncertain_fields().len() {
                    1 => "1 uncertain input".to_string(),
                    n => format!("{n} uncertain inputs"),
                };
                let correlated = match scenario.effective_correlations().len() {
                    0 => String::new(),
                    1 => ", 1 correlation".to_string(),
                    n => format!(", {n} correlations"),
                };
                let path = printable(path);
                let mut text = format!(
                    "{path}: ok ({}; {uncertain}{correlated})\n",
                    shown_head(&scenario.name)
                );
                let mut warnings = scenario.located_warnings();
                // In the file's order, as its errors are; a pair's warning (no line) last.
                warnings.sort_by_key(|(line, _)| line.unwrap_or(u32::MAX));
                for (line, warning) in warnings {
                    let at = line.map_or(String::new(), |line| format!(":{line}"));
                    text += &format!("{path}{at}: warning: {}\n", printable(&warning));
                }
                print(&text)?;
            }
            Err(e) => {
                print_error(&error_line(&e));
                failed = true;
            }
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `skypie new`: the template to standard output, or to a file that does not exist yet.
pub fn new(file: Option<&PathBuf>, force: bool) -> anyhow::Result<ExitCode> {
    let Some(path) = file.filter(|path| path.as_os_str() != "-") else {
        print(TEMPLATE)?;
        return Ok(ExitCode::SUCCESS);
    };
    let shown = path.display().to_string();
    let shown = printable(&shown);
    // A folder is said as the writer says it, --force or not: no flag makes it a file.
    if path.exists() && !force && !path.is_dir() {
        print_error(&format!(
            "error: {shown}: already exists; not overwriting it (use --force to replace it)\n"
        ));
        return Ok(ExitCode::from(1));
    }
    write_file(path, TEMPLATE.as_bytes())?;
    print_error(&format!(
        "wrote {shown}; edit it, then `skypie check {shown}` or `skypie plan {shown}`\n"
    ));
    Ok(ExitCode::SUCCESS)
}

/// `skypie` and `skypie plan`: the live planning session.
pub fn plan(file: Option<&PathBuf>, roles: [String; 2]) -> anyhow::Result<ExitCode> {
    crate::tui::run(file.cloned(), roles, color_allowed())?;
    Ok(ExitCode::SUCCESS)
}
