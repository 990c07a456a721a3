//! `skypie eval`: many scenario files evaluated side by side within a memory budget, their
//! summary written as a table, CSV, Markdown or JSON, and one scenario's samples with
//! `--draws`.

use std::borrow::Cow;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use indicatif::ProgressBar;
use rayon::prelude::*;

use super::batch::{DEFAULT_BUDGET, estimated_peak, parse_size, run_within_budget, show_size};
use super::options::{
    Output, RunArgs, Threads, UsageConflict, adjust, file_named, file_to_read, load, output,
    to_standard_output,
};
use super::output_safety::{
    ToStandardOutput, WritesOutputs, a_file_in_the_folder, refuse_before_run,
};
use super::progress::{progress_bar, say_where_typing_goes, working};
use crate::files::{
    OwnOutput, STDOUT, is_standard_output, mode_for_outputs_of, same_file, write_file_as,
    write_file_with,
};
use crate::terminal::{
    FAILED_STATUS, color_allowed, error_line, print, print_error, terminal_width,
};
use skypie::model::draws::Draws;
use skypie::report::Row;
use skypie::report::board::assumptions::values_changed;
use skypie::report::format::thousands;
use skypie::report::markdown;
use skypie::report::signature::{SUMMARY, signed};
use skypie::report::write::{Format, Style, render};
use skypie::scenario::Scenario;
use skypie::scenario::ScenarioError;
use skypie::source::Source;
use skypie::text::{printable, printable_lines, shown_path};
use skypie::{Evaluation, evaluate};

/// `skypie eval`'s arguments.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Scenario files (`-` reads standard input).
    #[arg(required = true, value_parser = file_named(file_to_read))]
    pub files: Vec<Source>,
    /// Output format [default: the --out file's extension (.csv, .json, .md or .markdown),
    /// else table].
    #[arg(long, short, value_parser = format_parser())]
    pub format: Option<Format>,
    /// Write the output to this file (atomically) instead of standard output; `-` is standard
    /// output. Only an earlier summary is replaced (never a scenario, nor any other file).
    #[arg(long, short, value_parser = file_named(output))]
    pub out: Option<Output>,
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub threads: Threads,
    /// Also compute the tornado, the levers, the time path and the frontier.
    #[arg(long)]
    pub detail: bool,
    /// Also write every sample to this CSV file: the sampled inputs by key, then
    /// market_in_window, achievable_revenue and feasible (0/1). One scenario per call. Only
    /// earlier draws are replaced.
    #[arg(long, value_name = "OUT.csv", value_parser = file_named(output))]
    pub draws: Option<Output>,
    /// Memory the batch may use at once, e.g. 512M or 2G: files are evaluated side by side
    /// only as far as it allows (a file at 10,000,000 samples needs about 57 MB, 706 MB with
    /// --detail and 5 uncertain inputs; one that needs more than the budget runs alone).
    #[arg(
        long,
        value_name = "SIZE",
        default_value = DEFAULT_BUDGET,
        allow_hyphen_values = true,
        value_parser = parse_size
    )]
    pub max_memory: u64,
}

impl EvalArgs {
    /// The format asked for, else the one `--out`'s extension names, else the table.
    pub fn format(&self) -> Format {
        self.format
            .or_else(|| self.out.as_deref().and_then(Format::of_file))
            .unwrap_or(Format::Table)
    }
}

/// `--format`'s values, listed from the report's own list of formats, each taking the
/// extensions that name it too (`markdown`, as `--out x.markdown` does).
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    let names = Format::ALL.map(|f| {
        clap::builder::PossibleValue::new(f.name())
            .help(f.description())
            .aliases(f.extensions().iter().filter(|e| **e != f.name()))
    });
    // PossibleValuesParser has already refused any other name.
    clap::builder::TypedValueParser::map(
        clap::builder::PossibleValuesParser::new(names),
        |name: String| name.parse().unwrap_or(Format::Table),
    )
}

/// The flag that names the draws' file, as [`WritesOutputs::outputs`] names it.
const DRAWS: &str = "--draws";

/// Extensions of plain text, which the table is: `--out` with one writes it without a note.
const TEXT_EXTENSIONS: [&str; 4] = ["txt", "text", "log", "out"];

impl WritesOutputs for EvalArgs {
    const COMMAND: &'static str = "eval";

    fn files(&self) -> &[Source] {
        &self.files
    }

    fn options_refused(&self) -> Option<UsageConflict> {
        let conflict = |message| Some(UsageConflict::new(Self::COMMAND, message));
        if let Some(conflict) = self.run.set_twice(Self::COMMAND) {
            return Some(conflict);
        }
        if self.draws.is_some() && self.files.len() != 1 {
            return conflict(format!(
                "--draws writes the samples of one scenario, but {} files were given",
                self.files.len()
            ));
        }
        // `--out board.html` wrote the box-drawing table into a page no browser shows as one.
        let web_page = self
            .out
            .as_deref()
            .filter(|out| crate::files::names_a_web_page(out));
        if let (None, Some(out)) = (self.format, web_page) {
            return conflict(format!(
                "--out {} names a web page, and eval writes summary tables (table, csv, md, \
                 json): for the board report, skypie report FILE --out {}; for the table in it \
                 anyway, --format table",
                shown_path(out),
                shown_path(out)
            ));
        }
        None
    }

    /// A summary replaces only an earlier summary, the draws earlier draws: `--draws
    /// actuals.csv`, a typo for samples.csv, replaced two years of data, exit 0.
    fn outputs(&self) -> Vec<(&'static str, OwnOutput, PathBuf)> {
        [
            ("--out", OwnOutput::Summary, &self.out),
            (DRAWS, OwnOutput::Draws, &self.draws),
        ]
        .into_iter()
        .filter_map(|(flag, own, path)| Some((flag, own, path.as_deref()?.to_path_buf())))
        .collect()
    }

    fn one_refused_refuses_all(&self) -> bool {
        true
    }

    fn outputs_meet(&self, _: &[(&str, &Path)]) -> Option<String> {
        // `--draws -` after a CSV or JSON summary on standard output: one stream that no reader
        // of either parses (a JSON array with CSV rows after it). After a table for people, as
        // the README shows, it reads.
        let draws_to_standard_output = self.draws.as_deref().is_some_and(is_standard_output);
        let summary_to_standard_output = to_standard_output(self.out.as_deref());
        let format = self.format();
        if draws_to_standard_output
            && summary_to_standard_output
            && matches!(format, Format::Csv | Format::Json)
        {
            let name = format.name();
            return Some(format!(
                "the draws (--draws) and the {name} summary would both go to standard output, \
                 one after the other: no reader of {name} parses the two as one (send one to a \
                 file: --out summary.{name}, or --draws samples.csv)"
            ));
        }
        // `--draws o.csv > o.csv`: the shell points standard output, where the summary goes, at
        // the draws' file, and one replaced the other (the summary was lost, exit 0).
        if let Some(draws) = self.draws.as_deref()
            && summary_to_standard_output
            && !draws_to_standard_output
            && same_file(draws, Path::new(STDOUT))
        {
            return Some(format!(
                "--draws {} is where standard output goes too: the summary written there would \
                 be lost under the draws (send the summary to a file with --out, or the draws to \
                 another)",
                shown_path(draws)
            ));
        }
        None
    }

    fn to_standard_output(&self) -> Option<ToStandardOutput> {
        // Without --out (or with `--out -`) the summary goes to standard output, which the
        // shell may have pointed at a scenario (`>> plan.toml`); with `--draws -` and the summary
        // in a file, the draws do (100,000 rows were appended to another scenario, exit 0).
        let summary = to_standard_output(self.out.as_deref())
            .then(|| ("--out", self.out.as_ref().map(|out| out.typed.clone())));
        let draws = (self.draws.as_ref())
            .filter(|draws| is_standard_output(draws))
            .map(|draws| (DRAWS, Some(draws.typed.clone())));
        // With `--draws -` and the summary both there, both are named (it named the summary).
        let what = match (&summary, &draws) {
            (Some(_), Some(_)) => "the summary and the draws",
            (Some(_), None) => "the summary",
            (None, Some(_)) => "the draws",
            (None, None) => return None,
        };
        Some(ToStandardOutput {
            what,
            by: summary.into_iter().chain(draws).collect(),
        })
    }
}

/// Notes on an `--out` whose name says another format than the one written.
fn note_out_format(args: &EvalArgs) {
    // `--format csv --out summary.json`: as asked, but the name says otherwise.
    if let (Some(asked), Some(out)) = (args.format, args.out.as_deref())
        && let Some(named) = Format::of_file(out).filter(|named| *named != asked)
    {
        print_error(&format!(
            "note: {} is written as {}, as --format asks, though its name says {}\n",
            shown_path(out),
            asked.name(),
            named.name()
        ));
    }
    // `--out summary.xlsx` (or `.tsv`): the box-drawing table, which no spreadsheet reads, was
    // written without a word. Said, not refused: the table is what was asked for by default.
    if let (None, Some(out)) = (args.format, args.out.as_deref())
        && let Some(extension) = out.extension().and_then(|e| e.to_str())
        && Format::of_file(out).is_none()
        && !TEXT_EXTENSIONS
            .iter()
            .any(|t| extension.eq_ignore_ascii_case(t))
    {
        let known: Vec<String> = Format::ALL
            .iter()
            .flat_map(|f| f.extensions())
            .map(|e| format!(".{e}"))
            .collect();
        print_error(&format!(
            "note: {} is written as the table for people: its extension names no format eval \
             writes ({}); for a spreadsheet, --format csv\n",
            shown_path(out),
            known.join(", ")
        ));
    }
}

/// The file [`a_file_in_the_folder`] suggests for `--out` given a folder: the summary, in the
/// format asked (the table asked for by name is plain text, no note; else the format's own
/// extension, the table's Markdown where none is asked), and for `--draws` the samples.
fn files_in_a_folder(args: &EvalArgs) -> [(&'static str, Option<&Path>, String); 2] {
    let extension = match (args.format, args.format()) {
        (Some(Format::Table), _) => "txt",
        (_, format) => format.extensions().first().copied().unwrap_or("md"),
    };
    [
        ("--out", args.out.as_deref(), format!("summary.{extension}")),
        (DRAWS, args.draws.as_deref(), "samples.csv".to_string()),
    ]
}

/// `skypie eval`.
pub fn eval(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let (outputs, once_read) =
        refuse_before_run(args).map_err(|e| a_file_in_the_folder(e, &files_in_a_folder(args)))?;
    args.threads.start()?;
    say_where_typing_goes(&args.files);
    let progress = progress_bar(&args.files);
    let (valid, failed, set_changed, options_changed) = load_all(args, &progress);
    let outputs: Vec<(&str, &Path)> = outputs.iter().map(|(f, o)| (*f, o.as_path())).collect();
    let read = (valid.iter()).map(|(file, scenario)| (&outputs[..], *file, scenario));
    if let Err(refused) = once_read.refuse(read) {
        progress.finish_and_clear();
        return Err(refused.into());
    }
    warn_over_budget(args, &valid, &progress);
    let evaluations = evaluate_all(args, &valid, &progress);
    progress.finish_and_clear();
    let rows: Vec<Row> = valid
        .iter()
        .zip(&evaluations)
        .map(|((file, scenario), evaluation)| Row {
            file: file.as_typed(),
            scenario,
            evaluation,
        })
        .collect();
    if args.detail && !args.format().carries_detail() {
        print_error(
            "note: CSV carries only the headline columns; for the detail (tornado, levers, time \
             path, frontier) use --format json or --format md\n",
        );
    }
    // With no scenario to show, JSON is `[]` and CSV its header on standard output; a file
    // named by --out is left as it was: an empty table would replace the last good summary
    // (which a board pack or a script may be reading) with nothing, and the exit status and
    // the errors above already say that this run failed.
    // (A FIFO or a device is written as ever: a reader waits on it.)
    let out_file = args.out.as_deref().filter(|path| {
        !is_standard_output(path) && !std::fs::metadata(path).is_ok_and(|m| !m.is_file())
    });
    let summary = || match out_file {
        Some(path) if rows.is_empty() => {
            print_error(&format!(
                "note: no scenario was evaluated, so {} is not written{}\n",
                shown_path(path),
                if path.exists() {
                    " (it keeps what it held)"
                } else {
                    ""
                }
            ));
            Ok(())
        }
        Some(path) => {
            note_out_format(args);
            write_output(args, &rows, set_changed, &options_changed)?;
            // A summary of fewer scenarios than were asked for replaced a whole one, said only by
            // the errors above and the exit status: a script reading the file lost a row unsaid.
            if failed {
                let left_out = args.files.len() - rows.len();
                let [held, asked] = [rows.len() as u64, args.files.len() as u64].map(thousands);
                print_error(&format!(
                    "note: {} holds {held} of the {asked} scenarios asked for: the {} above that \
                     could not be evaluated {} left out\n",
                    shown_path(path),
                    if left_out == 1 { "one" } else { "ones" },
                    if left_out == 1 { "is" } else { "are" },
                ));
            }
            Ok(())
        }
        None if !rows.is_empty() || args.format().is_data() => {
            write_output(args, &rows, set_changed, &options_changed)
        }
        None => Ok(()),
    };
    let draws = || match (&args.draws, valid.as_slice()) {
        (Some(path), [(source, scenario)]) => write_draws(path, source, scenario),
        _ => Ok(()),
    };
    // A summary file is written after draws that go elsewhere than standard output, which
    // take seconds: a run stopped (Ctrl-C) or failing while it wrote them left the summary of
    // the run it never finished in place of the last good one. (A summary that then fails
    // leaves new draws beside the last summary, said by the error and the exit status.) With
    // the draws on standard output, which its reader may close early (`| head`), the summary
    // file comes first, as a summary on standard output does.
    let draws_elsewhere = args
        .draws
        .as_deref()
        .is_some_and(|d| !is_standard_output(d));
    if out_file.is_some() && draws_elsewhere {
        draws()?;
        summary()?;
    } else {
        summary()?;
        draws()?;
    }
    Ok(if failed {
        ExitCode::from(FAILED_STATUS)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads and checks every file at once (it is cheap), reporting errors in argument order:
/// the valid scenarios with their paths, whether any file failed, whether a `--set` changed a
/// value of any (one set to what the file says changes none), and which run options changed
/// any ([`RunArgs::changed_in`]).
fn load_all<'a>(args: &'a EvalArgs, progress: &ProgressBar) -> Loaded<'a> {
    // Each file's scenario, whether a --set changed a value of it, and which options changed it.
    type One = (Scenario, bool, Vec<bool>);
    let loaded: Vec<Result<One, ScenarioError>> = args
        .files
        .par_iter()
        .map(|source| {
            let mut scenario = load(source, args.run.consistency())?;
            let options_changed = args.run.changed_in(&scenario);
            // Compared with the file's only where a --set may have changed it.
            let file = (!args.run.overrides.is_empty()).then(|| scenario.clone());
            adjust(&mut scenario, source, &args.run)?;
            let changed = file.is_some_and(|file| values_changed(&scenario, &file));
            Ok((scenario, changed, options_changed))
        })
        .collect();
    let mut valid = Vec::with_capacity(loaded.len());
    let (mut failed, mut set_changed) = (false, false);
    let mut options_changed: Vec<bool> = Vec::new();
    for (source, outcome) in args.files.iter().zip(loaded) {
        match outcome {
            Ok((scenario, changed, options)) => {
                set_changed |= changed;
                if options_changed.is_empty() {
                    options_changed = options;
                } else {
                    for (any, this) in options_changed.iter_mut().zip(options) {
                        *any |= this;
                    }
                }
                valid.push((source, scenario));
            }
            Err(e) => {
                report_error(progress, &e);
                progress.inc(1);
                failed = true;
            }
        }
    }
    (valid, failed, set_changed, options_changed)
}

/// What [`load_all`] gives: the valid scenarios with their paths, whether any file failed,
/// whether a `--set` changed a value of any, and which run options changed any.
type Loaded<'a> = (Vec<(&'a Source, Scenario)>, bool, bool, Vec<bool>);

/// How many files over the memory budget are named one by one; the rest are counted in one
/// line (`--max-memory 1` over 300 files said "evaluated alone" 300 times).
const OVER_BUDGET_NAMED: usize = 3;

/// Warns of each scenario that needs more memory than `--max-memory` on its own: the first
/// [`OVER_BUDGET_NAMED`] by name, then how many more.
fn warn_over_budget(args: &EvalArgs, valid: &[(&Source, Scenario)], progress: &ProgressBar) {
    let over: Vec<_> = valid
        .iter()
        .map(|(source, scenario)| (source, scenario, estimated_peak(scenario, args.detail)))
        .filter(|(_, _, needs)| *needs > args.max_memory)
        .collect();
    for (source, scenario, needs) in over.iter().take(OVER_BUDGET_NAMED) {
        // Sizes that round alike ("24 KB, more than 24 KB") are said in bytes.
        let (mut needed, mut budget) = (show_size(*needs), show_size(args.max_memory));
        if needed == budget {
            needed = format!("{} bytes", thousands(*needs));
            budget = format!("{} bytes", thousands(args.max_memory));
        }
        progress.suspend(|| {
            print_error(&format!(
                "warning: {}: needs about {needed} at {} samples, more than --max-memory \
                 {budget}; it is evaluated alone\n",
                printable(source.as_typed()),
                thousands(scenario.sample_count()),
            ))
        });
    }
    if over.len() > OVER_BUDGET_NAMED {
        let more = over.len() - OVER_BUDGET_NAMED;
        let (files, need, own, it) = if more == 1 {
            ("file", "needs", "its", "it is")
        } else {
            ("files", "need", "their", "each is")
        };
        let text = format!(
            "warning: {} more {files} {need} more than --max-memory {} on {own} own; {it} \
             evaluated alone\n",
            thousands(more as u64),
            show_size(args.max_memory),
        );
        progress.suspend(|| print_error(&text));
    }
}

/// Evaluates the scenarios: side by side (each also samples in parallel) only as far as the
/// memory budget allows; results come back in argument order, so the output never depends on
/// scheduling.
fn evaluate_all(
    args: &EvalArgs,
    valid: &[(&Source, Scenario)],
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

/// Samples `scenario` again and writes every sample to `path` (`--draws`).
fn write_draws(path: &Path, source: &Source, scenario: &Scenario) -> anyhow::Result<()> {
    // Millions of rows take seconds; rows bound for a terminal or a pipe (`-`) are their own
    // sign of life, and a spinner would draw between them.
    let writing = if path.starts_with("/dev") {
        ProgressBar::hidden()
    } else {
        working(format!("writing {}", shown_path(path)))
    };
    // `--draws samples.json` wrote CSV under a name every reader of JSON opens, unsaid (as
    // `--out` says it).
    if let Some(named) = Format::of_file(path).filter(|named| *named != Format::Csv) {
        print_error(&format!(
            "note: {} is written as csv, as --draws writes every sample, though its name says \
             {}\n",
            shown_path(path),
            named.name()
        ));
    }
    let draws = Draws::sample(scenario);
    let written = write_file_with(
        path,
        &mut |out| skypie::report::draws::write_csv(scenario, &draws, out),
        mode_for_outputs_of([source.path()]),
    );
    writing.finish_and_clear();
    Ok(written?)
}

/// Renders the rows and writes them to `--out` or standard output; `set_changed`, whether a
/// `--set` changed a value of any of them; `options_changed`, which run options changed any
/// ([`RunArgs::changed_in`]): the tables for people name those alone.
fn write_output(
    args: &EvalArgs,
    rows: &[Row],
    set_changed: bool,
    options_changed: &[bool],
) -> anyhow::Result<()> {
    let to_terminal = args.out.is_none() && std::io::stdout().is_terminal();
    let style = Style {
        color: to_terminal && color_allowed(),
        width: to_terminal.then(terminal_width).flatten(),
    };
    let format = args.format();
    let mut rendered = render(format, rows, style);
    // The tables for people say when the figures are not the files' own; CSV and JSON, data
    // with a fixed set of keys, leave it to a note on standard error when a --set changed a
    // value (more samples or another seed change only the noise; a --set of what the file
    // says, nothing: it read "not the files' own").
    if let Some(typed) = args.run.as_typed(options_changed) {
        match format {
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
            Format::Csv | Format::Json if !set_changed || rows.is_empty() => {}
            Format::Csv | Format::Json => print_error(&format!(
                "note: the figures are with {} (changed on the command line), not the files' \
                 own\n",
                printable(&typed)
            )),
        }
    }
    // CSV's columns have no room for the warnings the other formats carry: standard error has.
    if !format.carries_detail() {
        for row in rows {
            for warning in &row.evaluation.headline.warnings {
                let said = skypie::report::write::warning_of(true, row.file, &warning.text);
                print_error(&format!("{}\n", printable(&said)));
            }
        }
    }
    let text = match format {
        // The table escapes the names and paths it shows itself (its colours are escapes).
        Format::Table => Cow::Borrowed(rendered.as_str()),
        // Markdown is for people wherever it goes.
        Format::Md => printable_lines(&rendered),
        // CSV and JSON are data: exact in files and pipes, made safe only on a terminal.
        Format::Csv | Format::Json if to_terminal => printable_lines(&rendered),
        Format::Csv | Format::Json => Cow::Borrowed(rendered.as_str()),
    };
    match &args.out {
        Some(path) => {
            // Text for people is marked where it is kept, so one changed since is not replaced
            // (CSV and JSON, with no room for a mark, are read whole: `other_than_an_earlier`).
            let text = match format {
                Format::Table | Format::Md if !is_standard_output(path) => {
                    Cow::Owned(signed(text.into_owned(), SUMMARY))
                }
                _ => text,
            };
            let mode = mode_for_outputs_of(args.files.iter().map(Source::path));
            Ok(write_file_as(path, text.as_bytes(), mode)?)
        }
        None => Ok(print(&text)?),
    }
}

/// Prints an error to standard error, its control characters escaped, without tearing a
/// progress bar.
fn report_error(progress: &ProgressBar, error: &dyn std::fmt::Display) {
    progress.suspend(|| print_error(&error_line(error)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_names_every_extension_that_picks_a_format() {
        use clap::CommandFactory;
        let mut cli = super::super::Cli::command();
        let help = cli
            .find_subcommand_mut("eval")
            .map(|eval| eval.render_long_help().to_string())
            .unwrap_or_default();
        for extension in Format::ALL.iter().flat_map(|f| f.extensions()) {
            assert!(
                help.contains(&format!(".{extension}")),
                ".{extension}: {help}"
            );
        }
    }
}
