//! The command line: clap's definitions of the commands, the `check`, `new` and `plan`
//! commands, and how a failure ends (one message and an exit code). Errors are values until
//! `main`, which prints them once through [`failure`]. `eval`, `report` and `fit` are
//! modules of their own; `options` is what the commands share (the run options of `eval` and
//! `report`, reading a scenario, the names of files to write), `output_safety` what an output is
//! refused for before anything is computed (and in which order `eval` and `report` check theirs),
//! `progress` what they show while they work.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

pub mod batch;
pub mod eval;
pub mod fit;
mod options;
mod output_safety;
mod progress;
pub mod report;

use crate::files::{WriteError, write_file};
use crate::terminal::{
    CLOSED_PIPE_STATUS, FAILED_STATUS, OutputError, USAGE_STATUS, color_allowed, error_line, print,
    print_error,
};
use options::{UsageConflict, load, template_name};
use skypie::report::write::shown_head;
use skypie::scenario::{Consistency, TEMPLATE};
use skypie::source::Source;
use skypie::text::{hidden, printable, printable_lines};

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
  skypie report plans/*.toml               one report beside each file
  skypie check *.toml                      validate only
  skypie new plan.toml                     write a commented template

Exit codes: 0 all good; 1 a scenario is invalid (the valid ones are still evaluated), an output
cannot be written, or plan has no terminal; 2 usage, or a CPU without the AVX2 and FMA this build
needs; 141 the reader of standard output went away.";

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
    Eval(eval::EvalArgs),
    /// Write the board report: one self-contained HTML page (charts included) to open in a
    /// browser, attach to a mail or print to PDF.
    ///
    /// The headline and verdict, achievable revenue against the target, the tornado, the
    /// levers, the time path, the frontier (the same target over other horizons) and every
    /// assumption with its P10/P50/P90. Written beside each FILE as its name with
    /// `.report.html` (`plan.toml` gives `plan.report.html`; standard input gives
    /// `report.html` in the current folder) unless --out says where (for one FILE).
    Report(report::ReportArgs),
    /// Check scenario files without evaluating them.
    Check {
        /// Scenario files (`-` reads standard input).
        #[arg(required = true, value_parser = options::file_named(options::file_to_read))]
        files: Vec<Source>,
    },
    /// Fit a distribution to past actuals: one column of a CSV file, each form by maximum
    /// likelihood, best first by AIC; --into FILE --key KEY writes it into a scenario.
    Fit(fit::FitArgs),
    /// Write a commented scenario template (to standard output without FILE).
    New {
        /// Where to write it; an existing file is left alone unless --force.
        #[arg(value_parser = options::file_named(template_name))]
        file: Option<PathBuf>,
        /// Overwrite FILE if it exists.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// The scenario file (omit for the built-in 90-day anecdote).
    #[arg(value_parser = options::file_named(options::file_name))]
    pub file: Option<PathBuf>,
    /// Who is at the keyboard: one name, or several comma-separated (`r` passes it on).
    #[arg(long, default_value = crate::tui::DEFAULT_ROLES, value_parser = crate::tui::parse_roles)]
    pub roles: crate::tui::Roles,
    /// `eval`'s run options, which the session takes from the file (and edits among its
    /// inputs): asked for, with a value or without, once or again (`eval` takes `--set` more
    /// than once), they are refused saying so, where clap's own "unexpected argument" would
    /// suggest `-- --method`, a file of that name. Those `eval` reads a negative number for
    /// (to refuse it in its own words) take one here too, where clap would suggest `-- -1`.
    #[arg(long, hide = true, num_args = 0..=1, allow_hyphen_values = true)]
    samples: Option<Vec<String>>,
    #[arg(long, hide = true, num_args = 0..=1, allow_hyphen_values = true)]
    seed: Option<Vec<String>>,
    #[arg(long, hide = true, num_args = 0..=1)]
    method: Option<Vec<String>>,
    #[arg(long, hide = true, num_args = 0..=1)]
    set: Option<Vec<String>>,
    /// `eval`'s output options: the session shows its figures and exports them with `e`.
    #[arg(long, short = 'f', hide = true, num_args = 0..=1)]
    format: Option<Vec<String>>,
    #[arg(long, short = 'o', hide = true, num_args = 0..=1)]
    out: Option<Vec<String>>,
    #[arg(long, hide = true, num_args = 0..=1)]
    detail: Option<Vec<String>>,
    #[arg(long, hide = true, num_args = 0..=1)]
    draws: Option<Vec<String>>,
    /// `eval`'s options for a batch of files.
    #[arg(long, hide = true, num_args = 0..=1, allow_hyphen_values = true)]
    threads: Option<Vec<String>>,
    #[arg(long, hide = true, num_args = 0..=1, allow_hyphen_values = true)]
    max_memory: Option<Vec<String>>,
}

impl PlanArgs {
    /// Why the arguments cannot open a session: a run option `eval` takes and `plan` does not.
    pub fn refused(&self) -> Option<UsageConflict> {
        const RUN: &str = "the session runs the file as it says, and edits its values, \
                           run.samples and run.seed among them, as inputs (select one, then ← → \
                           or Enter); for Sobol points write method = \"sobol\" under [run] in \
                           the file";
        const OUTPUT: &str = "the session shows its figures, and e exports them (a summary \
                              table in CSV, Markdown or JSON, or the board report); skypie eval \
                              FILE writes them without a session";
        const BATCH: &str = "it is for skypie eval's batches of files; the session computes one \
                             plan at a time";
        let asked = [
            ("--samples", self.samples.is_some(), RUN),
            ("--seed", self.seed.is_some(), RUN),
            ("--method", self.method.is_some(), RUN),
            ("--set", self.set.is_some(), RUN),
            ("--format", self.format.is_some(), OUTPUT),
            ("--out", self.out.is_some(), OUTPUT),
            ("--detail", self.detail.is_some(), OUTPUT),
            ("--draws", self.draws.is_some(), OUTPUT),
            ("--threads", self.threads.is_some(), BATCH),
            ("--max-memory", self.max_memory.is_some(), BATCH),
        ];
        // `-` read the plan from standard input, and `s` then wrote a file named `-`, where
        // README promises none ever is; piped, it said to run `skypie eval ./-`, no such file.
        if self.file.as_deref() == Some(Path::new(skypie::source::STDIN_TYPED)) {
            return Some(UsageConflict::new(
                "plan",
                "the live session edits a scenario file and saves it there, and - is standard \
                 input: save the scenario to a file and plan that (skypie plan FILE), or evaluate \
                 it from standard input with skypie eval -",
            ));
        }
        options::refused_option("plan", asked)
    }
}

/// Whether no argument holds a control character. clap echoes the arguments it refuses, so
/// when one does, its refusal is printed escaped (and without colour) by [`usage`].
fn arguments_printable() -> bool {
    std::env::args_os().all(|a| !a.to_string_lossy().chars().any(hidden))
}

/// `command` unstyled when an argument holds a control character: clap's text then carries its
/// colour codes, which the escaping would show as text, and the only way to tell them from
/// the argument's own (clap's rendering without colour drops both) is to have none.
fn styled_for_the_arguments(command: clap::Command) -> clap::Command {
    if arguments_printable() {
        command
    } else {
        command.styles(clap::builder::Styles::plain())
    }
}

/// The command line, or clap's refusal of it (for [`usage`]).
pub fn parse() -> Result<Cli, clap::Error> {
    let mut cli = styled_for_the_arguments(<Cli as clap::CommandFactory>::command());
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mut matches = cli
        .try_get_matches_from_mut(&args)
        .map_err(with_where_a_file_or_an_analysis_goes)
        .map_err(|e| with_the_commands_that_take_it(e, &cli, args.get(1)))?;
    <Cli as clap::FromArgMatches>::from_arg_matches_mut(&mut matches)
        .map_err(|e| e.format(&mut cli))
}

/// The analyses `eval --detail` and the report hold, which a reader may take for commands: as
/// the tables name them and as the JSON keys do, with the analysis a key names where the tables
/// call it otherwise (`sensitivity` is the tornado).
const ANALYSES: [(&str, Option<&str>); 6] = [
    ("tornado", None),
    ("sensitivity", Some("the tornado")),
    ("levers", None),
    ("time-path", None),
    ("time_path", Some("the time path")),
    ("frontier", None),
];

/// A scenario file given where a command goes (`skypie plan.toml`), told the commands that
/// take it, and an analysis (`skypie frontier`) where it is: clap said only "unrecognized
/// subcommand 'plan.toml'".
fn with_where_a_file_or_an_analysis_goes(mut error: clap::Error) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let file = match error.get(ContextKind::InvalidSubcommand) {
        Some(ContextValue::String(file)) if error.kind() == ErrorKind::InvalidSubcommand => {
            file.clone()
        }
        _ => return error,
    };
    let path = std::path::Path::new(&file);
    let named_a_file = path.extension().is_some_and(|e| e == "toml") || path.is_file();
    let tips = if named_a_file {
        let word = skypie::text::command_path(path);
        [
            format!("to open it in the live session: skypie plan {word}"),
            format!("to evaluate it: skypie eval {word}"),
        ]
        .to_vec()
    } else if let Some((_, json_name_of)) = ANALYSES.iter().find(|(name, _)| *name == file) {
        (json_name_of.map(|analysis| format!("{file} is the JSON's name for {analysis}")))
            .into_iter()
            .chain([
                "the tornado, levers, time path and frontier: skypie eval FILE --detail"
                    .to_string(),
                "all of them in the board report: skypie report FILE".to_string(),
            ])
            .collect()
    } else {
        return error;
    };
    error.insert(
        ContextKind::Suggested,
        ContextValue::StyledStrs(
            tips.into_iter()
                .map(clap::builder::StyledStr::from)
                .collect(),
        ),
    );
    error
}

/// An option given to a command that takes none of that name (`skypie check plan.toml --format
/// json`), told the commands that do: clap's tip was to pass it as a file (`-- --format`).
fn with_the_commands_that_take_it(
    mut error: clap::Error,
    cli: &clap::Command,
    first: Option<&std::ffi::OsString>,
) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let option = match error.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(arg)) if error.kind() == ErrorKind::UnknownArgument => {
            arg.split('=').next().unwrap_or_default().to_string()
        }
        _ => return error,
    };
    // The command given: the `first` argument, where it names one (`skypie --format json
    // check` gave skypie itself the option). Read as given: an argument that is no UTF-8 (a
    // Latin-1 file name) is none, where `std::env::args` panicked on it.
    let given = first.and_then(|first| first.to_str());
    let Some(given) = given.filter(|g| cli.get_subcommands().any(|c| c.get_name() == *g)) else {
        return error;
    };
    let takes = |arg: &clap::Arg| {
        let long = option
            .strip_prefix("--")
            .map(|long| arg.get_long() == Some(long));
        let short = option.strip_prefix('-').and_then(|s| {
            let mut chars = s.chars();
            let c = chars.next()?;
            chars.next().is_none().then(|| arg.get_short() == Some(c))
        });
        !arg.is_hide_set() && (long == Some(true) || short == Some(true))
    };
    let others: Vec<&str> = cli
        .get_subcommands()
        .filter(|c| c.get_arguments().any(takes))
        .map(clap::Command::get_name)
        .collect();
    if others.is_empty() {
        return error;
    }
    let tip = format!(
        "{given} takes no {option}; it is an option of {} (skypie {} --help)",
        skypie::report::format::and_list(&others),
        others[0]
    );
    error.insert(
        ContextKind::Suggested,
        ContextValue::StyledStrs(vec![clap::builder::StyledStr::from(tip)]),
    );
    // Clap's "a similar argument exists: '--force'" beside it (`new --format`) was a second,
    // contrary tip.
    error.remove(ContextKind::SuggestedArg);
    error
}

/// A subcommand's definition (`eval`, `report`), for a usage error of its own.
fn subcommand(name: &str) -> clap::Command {
    let cli = <Cli as clap::CommandFactory>::command();
    let found = cli.find_subcommand(name).cloned();
    let command = found.map_or(cli, |c| c.bin_name(format!("skypie {name}")));
    styled_for_the_arguments(command)
}

/// The exit code of a command's failure, after saying why on standard error:
/// [`FAILED_STATUS`]; [`USAGE_STATUS`] with the command's usage for arguments that cannot go
/// together ([`UsageConflict`]), as clap says its own usage errors; or quietly
/// [`CLOSED_PIPE_STATUS`] when the reader of standard output went away.
pub fn failure(error: &anyhow::Error) -> ExitCode {
    let conflict = error
        .chain()
        .find_map(|e| e.downcast_ref::<UsageConflict>());
    if let Some(conflict) = conflict {
        return usage(
            &clap::Error::raw(
                clap::error::ErrorKind::ArgumentConflict,
                conflict.to_string(),
            )
            .format(&mut subcommand(conflict.command())),
        );
    }
    let closed = error.chain().any(|e| {
        matches!(e.downcast_ref::<OutputError>(), Some(OutputError::Closed))
            || e.downcast_ref::<WriteError>()
                .is_some_and(WriteError::is_closed_pipe)
    });
    if closed {
        return ExitCode::from(CLOSED_PIPE_STATUS);
    }
    print_error(&error_line(&format!("{error:#}")));
    ExitCode::from(FAILED_STATUS)
}

/// What clap's refusal or its `--help` / `--version` ends in: help and version go to standard
/// output (a failure there is handled like any other output's), usage errors to standard
/// error with [`USAGE_STATUS`]. clap echoes the arguments it refuses, so when one holds a control
/// character the message is printed escaped (and without colour): `'\u001b[2J'`, as typed.
pub fn usage(error: &clap::Error) -> ExitCode {
    if error.use_stderr() {
        if arguments_printable() {
            let _ = error.print();
        } else {
            // Unstyled ([`styled_for_the_arguments`]): the only control characters are the
            // arguments'.
            print_error(&printable_lines(&error.render().ansi().to_string()));
        }
        return ExitCode::from(USAGE_STATUS);
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

/// `skypie check`: parses every file, says which are fine, exits 1 if any is not.
pub fn check(files: &[Source]) -> anyhow::Result<ExitCode> {
    // `check plan.toml >> plan.toml` would append "plan.toml: ok" to the scenario, as
    // `check a.toml >> b.toml` would to b.toml.
    let appended =
        || output_safety::stdout_is_a_scenario("what check says", output_safety::ANOTHER_FILE);
    // `check 08.toml >> actuals/attainment.csv` appended "08.toml: ok" to the actuals.
    let fitted = || {
        let data = crate::files::fitted_to(files);
        output_safety::stdout_is_fitted_data(files, &data, output_safety::ANOTHER_FILE)
    };
    if let Some(message) = output_safety::stdout_is_input(files, false)
        .or_else(fitted)
        .or_else(appended)
    {
        return Err(UsageConflict::new("check", message).into());
    }
    let mut failed = false;
    for source in files {
        match load(source, Consistency::Checked) {
            Ok(scenario) => {
                let uncertain = match scenario.uncertain_fields().len() {
                    1 => "1 uncertain input".to_string(),
                    n => format!("{n} uncertain inputs"),
                };
                // A pair with an input that is not sampled has no effect (its warning below
                // says why): counted apart, so a file listing two does not read as one.
                let listed = scenario.correlations.len();
                let effective = scenario.effective_correlations().len();
                let noun = if listed == 1 {
                    "correlation"
                } else {
                    "correlations"
                };
                let correlated = match listed {
                    0 => String::new(),
                    _ if effective == listed => format!(", {listed} {noun}"),
                    _ => format!(", {effective} of {listed} {noun} in effect"),
                };
                let path = printable(source.as_typed());
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
        ExitCode::from(FAILED_STATUS)
    } else {
        ExitCode::SUCCESS
    })
}

/// `skypie new`: the template to standard output, or to a file that does not exist yet.
pub fn new(file: Option<&PathBuf>, force: bool) -> anyhow::Result<ExitCode> {
    let Some(path) = file.filter(|path| path.as_os_str() != crate::files::STDOUT_TYPED) else {
        let advice = "write it to a new file: skypie new FILE";
        if let Some(message) = output_safety::stdout_is_a_scenario("the template", advice) {
            return Err(UsageConflict::new("new", message).into());
        }
        print(TEMPLATE)?;
        return Ok(ExitCode::SUCCESS);
    };
    // A template in `q3.summary.md` would replace an export with a plan, and one in
    // `q3.toml.session.md` the record of a session's edits (`--force` replaced it).
    // (A folder is said as a folder, below.)
    let what = if path.is_dir() {
        None
    } else if crate::files::named_session_log(path) {
        Some("a session log's name".to_string())
    } else {
        crate::files::export_extension(path).map(|e| format!("a name for an export (.{e})"))
    };
    if let Some(what) = what {
        print_error(&error_line(&format!(
            "found {}, {what}, expected a scenario file name such as plan.toml",
            skypie::text::shown_path(path),
        )));
        return Ok(ExitCode::from(USAGE_STATUS));
    }
    // A new name without an extension gets `.toml`, as the live session's save-as gives it:
    // `skypie new q3` wrote a file `q3` that `eval *.toml` and `plan q3.toml` never found.
    // A name that is there (a device, a pipe, a file replaced with --force) is as typed.
    let with_toml;
    let path = if !path.as_os_str().as_encoded_bytes().ends_with(b"/")
        && std::fs::symlink_metadata(path).is_err()
    {
        let Some(named) = crate::files::scenario_name(path) else {
            print_error(&error_line(&format!(
                "found {}, {}, expected a file name such as plan.toml",
                skypie::text::shown_path(path),
                crate::files::ONLY_AN_EXTENSION
            )));
            return Ok(ExitCode::from(USAGE_STATUS));
        };
        with_toml = named;
        &with_toml
    } else {
        path
    };
    // Checked at the name written, `.toml` added: `new --force q3` wrote through `q3.toml`.
    // Without --force nothing is replaced, as "already exists" says.
    if let Some(real) = led_to_other_than_a_plan(path).filter(|_| force) {
        let shown = skypie::text::shown_path(path);
        print_error(&error_line(&format!(
            "found {shown}, a link to {}, a file that is no skypie scenario: the template would \
             replace it (remove the link {shown} first, or name the file itself)",
            skypie::text::shown_path(&real),
        )));
        return Ok(ExitCode::from(USAGE_STATUS));
    }
    let shown = path.display().to_string();
    let shown = printable(&shown);
    // A folder is said as the writer says it, --force or not: no flag makes it a file.
    if path.exists() && !force && !path.is_dir() {
        print_error(&error_line(&format!(
            "{shown}: already exists; not overwriting it (use --force to replace it)"
        )));
        return Ok(ExitCode::from(FAILED_STATUS));
    }
    write_file(path, TEMPLATE.as_bytes())?;
    // The commands as they can be pasted (`skypie check a b.toml` checked two files, and
    // `skypie check -x.toml` read an option).
    let word = skypie::text::command_path(path);
    print_error(&format!(
        "wrote {shown}; edit it, then `skypie check {word}` or `skypie plan {word}`\n"
    ));
    // Asked for by name, but a scenario under another extension is easily lost: said once.
    let a_file = path.is_file();
    if a_file && !crate::files::named_toml(path) {
        print_error(&format!(
            "note: {shown} is not named .toml: `skypie eval *.toml` passes it over, and no \
             output may replace it\n"
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// The file a link at `path` leads to, where `new --force` would replace a file the user did
/// not name that is no plan (`plan.toml` a link to `actuals.csv`: replaced, where the name
/// `actuals.csv` is refused): one named `.toml` or holding a scenario is a plan to replace.
fn led_to_other_than_a_plan(path: &Path) -> Option<PathBuf> {
    if !path.is_symlink() {
        return None;
    }
    let real = crate::files::link_target(path);
    let a_plan =
        !real.is_file() || crate::files::named_toml(&real) || crate::files::holds_a_scenario(&real);
    (!a_plan).then_some(real)
}

/// `skypie` and `skypie plan`: the live planning session.
pub fn plan(file: Option<&PathBuf>, roles: crate::tui::Roles) -> anyhow::Result<ExitCode> {
    crate::tui::run(file.cloned(), roles, color_allowed())?;
    Ok(ExitCode::SUCCESS)
}
