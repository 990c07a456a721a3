//! `skypie report`: the board report of each scenario given, written to an HTML file with the
//! one writer every file goes through.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::options::{
    Output, RunArgs, Threads, UsageConflict, adjust, file_named, file_to_read, load, output,
    refused_option,
};
use super::output_safety::{
    ANOTHER_NAME, ToStandardOutput, WritesOutputs, a_file_in_the_folder, clobbered, not_an_earlier,
    refuse_before_run,
};
use super::progress::{say_where_typing_goes, spinner};
use crate::files::{
    FittedData, OwnOutput, fitted_to, is_standard_output, mode_for_outputs_of, refuse_unwritable,
    same_file, through_proc, write_file_as,
};
use crate::terminal::{FAILED_STATUS, error_line, print_error};
use skypie::report::Row;
use skypie::report::board::{Board, Changes, evaluate, html};
use skypie::report::write::Format;
use skypie::scenario::{Scenario, ScenarioError};
use skypie::source::Source;
use skypie::text::{printable, shown_path};

/// `skypie report`'s arguments.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The scenario files (`-` reads standard input): a report for each.
    #[arg(required = true, value_parser = file_named(file_to_read))]
    pub files: Vec<Source>,
    /// Where to write the report of a single FILE (default: beside each FILE, as its name with
    /// `.report.html`); `-` is standard output. It replaces an earlier report only: never a
    /// scenario file, nor any other file.
    #[arg(long, short, value_parser = file_named(output))]
    pub out: Option<Output>,
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub threads: Threads,
    #[command(flatten)]
    eval_only: EvalOnly,
}

/// `eval`'s options that `report` has no use for, asked for with a value or without: refused
/// saying why and what does it, where clap's "unexpected argument" suggested `-- --detail`, a
/// file of that name (`eval`'s command line with `report` in its place).
#[derive(Debug, Args)]
struct EvalOnly {
    #[arg(long, short = 'f', hide = true, num_args = 0..=1)]
    format: Option<Vec<String>>,
    /// A flag, as `eval` takes it: with a value it took the file named after it
    /// (`--detail plan.toml`), and clap said no FILES were given.
    #[arg(long, hide = true)]
    detail: bool,
    #[arg(long, hide = true, num_args = 0..=1)]
    draws: Option<Vec<String>>,
    #[arg(long, hide = true, num_args = 0..=1, allow_hyphen_values = true)]
    max_memory: Option<Vec<String>>,
}

impl EvalOnly {
    /// Why `report` takes none of them: the first asked for.
    fn refused(&self) -> Option<UsageConflict> {
        let asked = [
            (
                "--format",
                self.format.is_some(),
                "it writes one web page (HTML); for a summary table in CSV, Markdown or JSON, \
                 skypie eval FILE --format csv|md|json",
            ),
            (
                "--detail",
                self.detail,
                "the report always has the detail (the tornado, levers, time path and frontier)",
            ),
            (
                "--draws",
                self.draws.is_some(),
                "for every sample in a CSV file, skypie eval FILE --draws samples.csv",
            ),
            (
                "--max-memory",
                self.max_memory.is_some(),
                "it writes one report at a time; the budget is for skypie eval's batches of files",
            ),
        ];
        refused_option("report", asked)
    }
}

/// Where the report goes without `--out`: `plan.toml` → `plan.report.html` beside it, standard
/// input → `report.html` in the current folder. So too standard input or a pipe by another
/// name, a path in /dev or /proc (`/dev/stdin`, `/dev/fd/63` that `<(cat plan.toml)` passes,
/// `/proc/self/fd/0`), even where the shell redirects a file in (`< plan.toml`): beside it is
/// no folder of the user's (`/dev/stdin.report.html` was written into /dev as root, and
/// `/dev/fd/63.report.html` failed after the work).
pub fn default_out(file: &Source) -> PathBuf {
    let path = file.path();
    let system = |folder| path.starts_with(folder);
    // A regular file there (`/dev/shm/plan.toml`) has its report beside it, but not one that
    // is a process's open file.
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file()) && !through_proc(path);
    if file.is_stdin() || ((system("/dev") || system("/proc")) && !regular) {
        PathBuf::from("report.html")
    } else {
        path.with_extension("report.html")
    }
}

impl WritesOutputs for ReportArgs {
    const COMMAND: &'static str = "report";

    fn files(&self) -> &[Source] {
        &self.files
    }

    fn options_refused(&self) -> Option<UsageConflict> {
        let conflict = |message| Some(UsageConflict::new(Self::COMMAND, message));
        if let Some(conflict) = self.eval_only.refused() {
            return Some(conflict);
        }
        if let Some(conflict) = self.run.set_twice(Self::COMMAND) {
            return Some(conflict);
        }
        if self.out.is_some() && self.files.len() > 1 {
            return conflict(format!(
                "--out names one report, and {} scenario files were given: without --out each \
                 report goes beside its file (FILE.report.html)",
                self.files.len()
            ));
        }
        // `--out summary.csv` wrote the HTML page under a name every spreadsheet opens as a
        // table.
        if let Some(out) = self
            .out
            .as_deref()
            .filter(|out| Format::of_file(out).is_some())
        {
            let name = out.display().to_string();
            let out = printable(&name);
            return conflict(format!(
                "--out {out} is named as a summary table is, and report writes a web page \
                 (HTML): for the table, skypie eval FILE --out {out}; for the report, a name \
                 ending in .html"
            ));
        }
        None
    }

    fn outputs(&self) -> Vec<(&'static str, OwnOutput, PathBuf)> {
        let report = OwnOutput::Report;
        match &self.out {
            Some(out) => vec![(Placed::ByOut.named_as(), report, out.path.clone())],
            None => self
                .files
                .iter()
                .map(|f| (Placed::BesideItsFile.named_as(), report, default_out(f)))
                .collect(),
        }
    }

    fn one_refused_refuses_all(&self) -> bool {
        self.out.is_some() || self.files.len() == 1
    }

    fn another_name(&self) -> &'static str {
        self.placed().another_name()
    }

    fn outputs_meet(&self, outputs: &[(&str, &Path)]) -> Option<String> {
        shared_name(&self.files, outputs)
    }

    fn to_standard_output(&self) -> Option<ToStandardOutput> {
        // `--out -` appended by the shell to a scenario that is not read (`>> other.toml`; one
        // that is, `--out` itself names).
        let to_standard_output = self.out.as_deref().is_some_and(is_standard_output);
        to_standard_output.then_some(ToStandardOutput {
            what: "the report",
            by: (self.out.as_ref())
                .map(|out| ("--out", Some(out.typed.clone())))
                .into_iter()
                .collect(),
        })
    }
}

impl ReportArgs {
    /// Where its reports go: where `--out` says, or each beside its file.
    fn placed(&self) -> Placed {
        if self.out.is_some() {
            Placed::ByOut
        } else {
            Placed::BesideItsFile
        }
    }
}

/// Where a report goes, which says what names it in a message and what mends a name refused.
#[derive(Debug, Clone, Copy)]
enum Placed {
    /// The file `--out` names.
    ByOut,
    /// Beside its file, without `--out` ([`default_out`]).
    BesideItsFile,
}

impl Placed {
    /// What names the report in a message: its flag, or where it goes without one.
    fn named_as(self) -> &'static str {
        match self {
            Placed::ByOut => "--out",
            Placed::BesideItsFile => "without --out, the report",
        }
    }

    /// What mends a name refused: a report beside its file is renamed with `--out`.
    fn another_name(self) -> &'static str {
        match self {
            Placed::ByOut => ANOTHER_NAME,
            Placed::BesideItsFile => "name another with --out",
        }
    }
}

/// `skypie report`: evaluates each scenario with its detail and writes its report. Everything
/// a report is refused for is said before any scenario is evaluated: a report that would
/// replace a scenario, a `.toml` file or any other file that is no earlier report, or cannot be
/// written (one beside each of several files is said, and its file left unread), a scenario that
/// fails to parse (said as `eval` says it), the data a scenario piped in was fitted to.
/// For the first two the other files' reports are still written, and the exit status is 1;
/// the last refuses the whole command (a usage error: no report is written).
pub fn report(args: &ReportArgs) -> anyhow::Result<ExitCode> {
    // `--out out/`: a file in it, named as the first scenario's report would be beside it.
    let out = args.out.as_ref().map(|o| o.path.as_path());
    let name = (args.files.first().map(default_out))
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
    let (outputs, once_read) = refuse_before_run(args).map_err(|e| match name {
        Some(name) => a_file_in_the_folder(e, &[("--out", out, name)]),
        None => e,
    })?;
    args.threads.start()?;
    let mut all_written = true;
    // Of the reports beside several files (one named by --out, or the one of one file,
    // [`refuse_before_run`] has checked already), each that is refused is said before any run,
    // not after the runs of the files before it, and its file is left unread.
    let checked = args.one_refused_refuses_all();
    let fitted = std::cell::LazyCell::new(|| fitted_to(&args.files));
    let mut to_report = Vec::with_capacity(outputs.len());
    for (file, (flag, out)) in args.files.iter().zip(&outputs) {
        let refused = if checked {
            None
        } else {
            refused_beside_one_of_several(file, out, &args.files, &fitted)
        };
        match refused {
            None => to_report.push((file, (*flag, out.as_path()))),
            Some(message) => {
                print_error(&error_line(&message));
                all_written = false;
            }
        }
    }
    let reading: Vec<Source> = to_report.iter().map(|(file, _)| (*file).clone()).collect();
    say_where_typing_goes(&reading);
    let mut loaded = Vec::with_capacity(to_report.len());
    for (file, output) in to_report {
        match load_one(file, &args.run) {
            Ok(scenarios) => loaded.push((file, output, scenarios)),
            Err(e) => {
                print_error(&error_line(&e));
                all_written = false;
            }
        }
    }
    // What a scenario piped in was fitted to is known once it is read: said before any run.
    let read = (loaded.iter())
        .map(|(file, output, (in_file, _))| (std::slice::from_ref(output), *file, in_file));
    once_read.refuse(read)?;
    for (file, (_, out), scenarios) in &loaded {
        match report_one(file, out, scenarios, &args.run) {
            Ok(()) => {}
            // One of several reports (never to standard output) that cannot be written is
            // said as a failure is, and the next is still written.
            Err(e) if args.files.len() > 1 => {
                print_error(&error_line(&format!("{e:#}")));
                all_written = false;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(if all_written {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(FAILED_STATUS)
    })
}

/// Why the report of `file`, one of several `files`, beside it at `out`, is refused, in the
/// order [`refuse_before_run`] says it of one report: it would replace what no output may
/// ([`clobbered`]), or a file that is no earlier report ([`not_an_earlier`]), or it cannot be
/// written. Refused alone, and renamed by reporting that file alone (`--out` names one report).
/// `fitted` is the data the `files` were fitted to ([`fitted_to`]), read once for every report.
fn refused_beside_one_of_several<'a>(
    file: &Source,
    out: &Path,
    files: &'a [Source],
    fitted: &[FittedData<'a>],
) -> Option<String> {
    let named_as = Placed::BesideItsFile.named_as();
    let alone = format!(
        "name another with skypie report {} --out NAME",
        file.as_command_word()
    );
    clobbered(&[(named_as, out)], files, fitted, None, &alone)
        .or_else(|| not_an_earlier(OwnOutput::Report, named_as, &alone, out))
        .or_else(|| refuse_unwritable(out).err().map(|e| e.to_string()))
}

/// Two files whose reports would have one name (`plan.toml` and `plan`, or a file given
/// twice), said naming the files, for a usage error.
fn shared_name(files: &[Source], outputs: &[(&str, &Path)]) -> Option<String> {
    files
        .iter()
        .zip(outputs)
        .enumerate()
        .find_map(|(i, (file, (_, out)))| {
            let (other, _) = files[i + 1..]
                .iter()
                .zip(&outputs[i + 1..])
                .find(|(_, (_, o))| same_file(out, o))?;
            let path = out.display().to_string();
            let out = printable(&path);
            // `a.toml` and `imm/../a.toml` are one file given twice, as `a.toml` twice is.
            Some(if other == file || same_file(file.path(), other.path()) {
                let typed = printable(file.as_typed());
                let again = printable(other.as_typed());
                let as_typed = if typed == again {
                    String::new()
                } else {
                    format!(" (the second time as {again})")
                };
                format!(
                    "{typed} is given twice{as_typed}: its report, {out}, would be written twice"
                )
            } else {
                format!(
                    "the reports of {} and {} both name {out}: one would replace the other",
                    printable(file.as_typed()),
                    printable(other.as_typed())
                )
            })
        })
}

/// The scenario `file` as its file has it and as the run takes it (`--set`, `--samples`, ...
/// applied), or why it cannot be read (said as `eval` says it).
fn load_one(file: &Source, run: &RunArgs) -> Result<(Scenario, Scenario), ScenarioError> {
    let in_file = load(file, run.consistency())?;
    let mut scenario = in_file.clone();
    adjust(&mut scenario, file, run)?;
    Ok((in_file, scenario))
}

/// The report of `file` (`in_file` as its file has it, `scenario` as the run takes it)
/// evaluated and written to `out`.
fn report_one(
    file: &Source,
    out: &Path,
    (in_file, scenario): &(Scenario, Scenario),
    run: &RunArgs,
) -> anyhow::Result<()> {
    let working = spinner(file);
    let Board {
        evaluation,
        histogram,
    } = evaluate(scenario);
    working.finish_and_clear();
    let row = Row {
        file: file.as_typed(),
        scenario,
        evaluation: &evaluation,
    };
    let typed = run.as_typed(&run.changed_in(in_file));
    let changes = typed.as_deref().map(|how| Changes {
        file: in_file,
        how,
        by: "set on the command line",
        source: "file",
    });
    let html = html(&row, &histogram, changes);
    write_file_as(out, html.as_bytes(), mode_for_outputs_of([file.path()]))?;
    // `-` reaches the writer as /dev/stdout, which is no name to give back, nor a file to
    // open in a browser.
    let verdict = evaluation.headline.verdict.label();
    let said = if is_standard_output(out) {
        format!(
            "wrote the report to standard output: {verdict}; saved as a .html file, it opens in a browser\n"
        )
    } else {
        format!("wrote {}: {verdict}; {}\n", shown_path(out), open_it(out))
    };
    print_error(&said);
    Ok(())
}

/// How to read the report written to `out`: in a browser, and where its name says another
/// kind of file (`--out board.pdf`, `.docx`), that it is a web page all the same (HTML written
/// under a name a PDF viewer opens, without a word), and for a PDF how to make one.
fn open_it(out: &Path) -> String {
    let said = "open it in a browser to read or print it";
    let Some(extension) = out.extension().and_then(|e| e.to_str()) else {
        return said.to_string();
    };
    if crate::files::names::names_a_web_page(out) {
        return said.to_string();
    }
    let pdf = if extension.eq_ignore_ascii_case("pdf") {
        " (for a PDF, print it to PDF from there)"
    } else {
        ""
    };
    format!(
        "it is a web page (HTML), though its name says .{}: {said}{pdf}",
        printable(extension)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_goes_beside_the_file_or_into_the_current_folder() {
        let default_out = |file| default_out(&Source::from_arg(file));
        assert_eq!(
            default_out("plans/q3.toml"),
            PathBuf::from("plans/q3.report.html")
        );
        assert_eq!(default_out("plan"), PathBuf::from("plan.report.html"));
        assert_eq!(default_out("-"), PathBuf::from("report.html"));
        for stdin in [
            "/dev/stdin",
            "/dev/fd/63",
            "/proc/self/fd/0",
            "/proc/123/fd/5",
        ] {
            assert_eq!(default_out(stdin), PathBuf::from("report.html"), "{stdin}");
        }
        // A folder whose name only starts alike is a folder of the user's.
        assert_eq!(
            default_out("/devices/plan.toml"),
            PathBuf::from("/devices/plan.report.html")
        );
    }
}
