//! What the commands share: how `eval` and `report` run the model (`--samples`, `--seed`,
//! `--method`, `--set`), reading a scenario (`check` too), the names of files to write (`new`
//! and `fit --into` too), and what is refused before anything is computed (an output that
//! would replace a scenario, arguments that cannot go together).

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use clap::Args;

use crate::files::{
    STDOUT, STDOUT_TYPED, holds_a_scenario, is_standard_output, kept_from_outputs, named_toml,
    read_text, same_file,
};
use skypie::scenario::fit_note::FIT_NOTE;
use skypie::scenario::value::{read_whole_text, whole_numbers};
use skypie::scenario::{
    Consistency, Diagnostic, Field, FieldValue, FitNote, METHOD_KEY, Method, Scenario,
    ScenarioError, check_override_key, override_key_set, plan_name, sets_correlation,
};
use skypie::source::Source;
use skypie::text::{hidden, printable, shell_word, shown_path};

/// How to run the model, for `eval` and `report`: each overrides the file's own setting.
// The fields' doc comments are `--help`'s text, which names the file's `[run]` table as the
// file writes it: no link.
#[allow(rustdoc::broken_intra_doc_links)]
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Samples (overrides [run] samples), written as in the file: 100000, 250k, 1M, 1e6; at
    /// most 10,000,000 are drawn, then for Sobol points rounded up to a power of two (at most
    /// 16,777,216).
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
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = assignment)]
    pub overrides: Vec<String>,
}

/// How many worker threads `eval` and `report` run on (`--threads`): results are identical for
/// every count.
#[derive(Debug, Args)]
pub struct Threads {
    /// Worker threads, 1 to 1024 (results are identical for every count; at most 64, or four
    /// a core where that is more, are started).
    #[arg(long = "threads", value_name = "N", allow_hyphen_values = true, value_parser = parse_threads)]
    pub asked: Option<u64>,
}

impl Threads {
    /// Starts the worker threads asked for (without `--threads`, rayon's default: one a
    /// core). Once per process, before any work.
    pub fn start(&self) -> anyhow::Result<()> {
        if let Some(asked) = self.asked {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads_started(asked))
                .build_global()?;
        }
        Ok(())
    }
}

/// The most worker threads `--threads` takes.
const MAX_THREADS: u64 = 1024;

/// The worker threads started for `--threads asked`: more than four a core (and 64 at the
/// least) only wait on one another, spinning (1,024 on two cores took 20 times as long as 2);
/// results are the same for any count, so no more are started.
fn threads_started(asked: u64) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    usize::try_from(asked)
        .unwrap_or(usize::MAX)
        .min((4 * cores).max(64))
}

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
        let quoted: Vec<String> = words.iter().map(|w| shell_word(w)).collect();
        Some(quoted.join(" "))
    }

    /// Two options that set the same key (`--set horizon_days=90 --set horizon_days=120`,
    /// `--samples 5000 --set run.samples=1000`), of which one won unsaid: a usage error for
    /// `command`, naming both.
    pub fn set_twice(&self, command: &'static str) -> Option<UsageConflict> {
        let typed: Vec<(String, String)> = self
            .overrides
            .iter()
            .filter_map(|a| Some((override_key_set(a)?, format!("--set {}", shell_word(a)))))
            .chain(
                [
                    (
                        Field::RunSamples.key(),
                        "--samples",
                        self.samples.map(|n| n.to_string()),
                    ),
                    (
                        Field::RunSeed.key(),
                        "--seed",
                        self.seed.map(|n| n.to_string()),
                    ),
                    (
                        METHOD_KEY.to_string(),
                        "--method",
                        self.method.map(|m| m.name().to_string()),
                    ),
                ]
                .into_iter()
                .filter_map(|(key, option, value)| Some((key, format!("{option} {}", value?)))),
            )
            .collect();
        // Listed by option (the --sets, then --samples, --seed, --method), not as typed.
        typed.iter().enumerate().find_map(|(i, (key, one))| {
            let (_, other) = typed[..i].iter().find(|(k, _)| k == key)?;
            Some(UsageConflict {
                command,
                message: format!("{other} and {one} both set {key}: give it once"),
            })
        })
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

/// A `--set` assignment whose key some scenario takes: a key no scenario has is a usage error
/// (exit 2) said once, not the same refusal for each file of a batch (exit 1).
fn assignment(text: &str) -> Result<String, String> {
    check_override_key(text)
        .map(|()| text.to_string())
        .map_err(|refused| refused.to_string())
}

/// `--method`'s values: plain Monte Carlo or scrambled Sobol points.
fn method_parser() -> impl clap::builder::TypedValueParser<Value = Method> {
    let names = Method::ALL.map(|m| {
        let help = match m {
            Method::MonteCarlo => "plain Monte Carlo (independent draws; the default)".to_string(),
            // A scramble holds at most 65,536 points: a larger run takes more of them (JSON's
            // `replicates`), which the help said nothing of.
            Method::Sobol => {
                use skypie::model::sobol::{MAX_PER_REPLICATE, REPLICATES};
                use skypie::scenario::number::thousands;
                format!(
                    "randomised quasi-Monte Carlo: scrambled Sobol points, a power of two of \
                     them, the standard error from {REPLICATES} independent scrambles (more past \
                     {}, {} points a scramble at most)",
                    thousands((REPLICATES * MAX_PER_REPLICATE) as u64),
                    thousands(MAX_PER_REPLICATE as u64),
                )
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

/// clap's parser of a file's name as the file system has it, UTF-8 or not (a plan named in
/// Latin-1 opens, and a batch with one such name among others is evaluated: clap's own
/// `String` refused the whole command line), read into a value by `read` or refused by it.
pub fn file_named<T: Clone + Send + Sync + 'static>(
    read: fn(&OsStr) -> Result<T, String>,
) -> impl clap::builder::TypedValueParser<Value = T> {
    clap::builder::TypedValueParser::try_map(
        clap::builder::OsStringValueParser::new(),
        move |name: OsString| read(&name),
    )
}

/// The name of a file to write (`new FILE`, `fit --into`) or open (`plan FILE`), refused when
/// empty: clap then names the option, before anything is computed or printed.
pub fn file_name(name: &OsStr) -> Result<PathBuf, String> {
    if name.is_empty() {
        return Err(EMPTY_FILE_NAME.to_string());
    }
    Ok(PathBuf::from(name))
}

/// A file to read (`eval`, `check`, `report`, `plan`, `fit`), `-` standard input, refused when
/// empty (`eval "$PLAN"` with `PLAN` unset said "error: : found no such file", exit 1).
pub fn file_to_read(name: &OsStr) -> Result<Source, String> {
    if name.is_empty() {
        return Err(format!("{EMPTY_FILE_NAME}, or - for standard input"));
    }
    Ok(Source::from_arg(name))
}

/// The scenario `fit --into` writes into, refused when empty, or `-`: a scenario is edited in
/// place, and `-` would be read as standard input and written as a file named `-`.
pub fn scenario_to_edit(name: &OsStr) -> Result<PathBuf, String> {
    if Source::from_arg(name).is_stdin() {
        return Err(
            "found -, expected the name of a scenario file to write into (--into edits a file in \
             place; standard input and output are not one)"
                .to_string(),
        );
    }
    file_name(name)
}

/// An output file's name: `-` is standard output (`/dev/stdout`), as `-` is standard input for
/// a scenario, not a file named `-`; an empty name is refused as [`file_name`] refuses it.
pub fn output_path(name: &OsStr) -> Result<PathBuf, String> {
    if name == STDOUT_TYPED {
        return Ok(PathBuf::from(STDOUT));
    }
    template_name(name)
}

/// The name of an output that takes `-` for standard output (`new FILE`, which prints the
/// template there as without FILE; [`output_path`]): refused when empty as [`file_name`]
/// refuses it, saying so.
pub fn template_name(name: &OsStr) -> Result<PathBuf, String> {
    file_name(name).map_err(|_| format!("{EMPTY_FILE_NAME}, or - for standard output"))
}

/// Whether an output named `out` (or none, `None`) goes to standard output: no `--out`, `-`,
/// or one of standard output's names (`/dev/stdout`, `/dev/fd/1`).
pub fn to_standard_output(out: Option<&Path>) -> bool {
    out.is_none_or(is_standard_output)
}

/// Arguments that cannot go together (`--draws` with several files, an output that would
/// replace a scenario): refused as clap refuses a usage error, with the command's usage and
/// status 2, before anything is computed or written (`cli::failure` says it so).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct UsageConflict {
    /// The subcommand whose usage is shown: `eval`, `report`.
    pub command: &'static str,
    /// What cannot go together, and why.
    pub message: String,
}

/// The first of `asked` (an option, whether it was given, and why `command` takes none) that
/// was given, as the usage error `command` says it: `report takes no --detail: …`. For the
/// options of `eval` that `plan` and `report` refuse in their own words, where clap's
/// "unexpected argument" suggested passing them as files (`-- --detail`).
pub fn refused_option<'a>(
    command: &'static str,
    asked: impl IntoIterator<Item = (&'a str, bool, &'a str)>,
) -> Option<UsageConflict> {
    let (flag, _, why) = asked.into_iter().find(|(_, asked, _)| *asked)?;
    Some(UsageConflict {
        command,
        message: format!("{command} takes no {flag}: {why}"),
    })
}

/// Standard input named more than once among `files`: what the usage error says, naming it as
/// typed.
pub fn stdin_twice(files: &[Source]) -> Option<String> {
    (files.iter().filter(|f| f.is_stdin()).count() > 1).then(|| {
        let stdin = Source::Stdin;
        format!(
            "{} ({}) can be read only once",
            stdin.as_typed(),
            stdin.name()
        )
    })
}

/// What a refused output's name is mended by, said in each refusal.
const ANOTHER_NAME: &str = "choose another name";

/// An output that would replace a scenario file being read, another output, or any other
/// existing scenario or `.toml` file (through a link, the file it leads to;
/// [`kept_from_outputs`]): what it says, for a usage error. Nothing is
/// computed or written then, so a typo in `--out` never costs a plan. `-` (standard output)
/// is refused only where the shell points it at a scenario being read.
pub fn clobbered(outputs: &[(&str, &Path)], files: &[Source]) -> Option<String> {
    // A scenario that is not there is for the loader to say so, not "would be replaced".
    let inputs: Vec<&Source> = files
        .iter()
        .filter(|f| f.is_stdin() || f.path().exists())
        .collect();
    let fitted = fitted_to(&inputs);
    for (i, (flag, out)) in outputs.iter().enumerate() {
        let path = out.display().to_string();
        // `-` reaches here as /dev/stdout ([`output_path`]): named as typed.
        let shown = if *out == Path::new(STDOUT) {
            "- (standard output)".into()
        } else {
            printable(&path)
        };
        if let Some(file) = inputs.iter().find(|f| same_file(out, f.path())) {
            // A link to it "is" it to nobody who made the link (README says "leads to"), and
            // nor is the file a scenario given as a link leads to; a name typed alike is it.
            // Standard output (`-`, written through the link /dev/stdout) is the file itself.
            let typed = printable(file.as_typed());
            let named_alike = Path::new(file.as_typed()) == *out;
            let through_link = out.is_symlink() && *out != Path::new(STDOUT);
            let is = if named_alike {
                format!("is the scenario file {typed}")
            } else if through_link {
                format!("leads to the scenario file {typed}")
            } else if !file.is_stdin() && file.path().is_symlink() {
                format!("is the file the scenario {typed} leads to")
            } else {
                format!("is the scenario file {typed}")
            };
            // What to do, as for any other scenario an output would replace
            // (`Protected::refusal`), and as for standard output the shell points at it.
            let remedy = if *out == Path::new(STDOUT) {
                "send the output to another file".to_string()
            } else if through_link && !named_alike {
                format!("{ANOTHER_NAME}, or remove the link {shown} first")
            } else {
                ANOTHER_NAME.to_string()
            };
            return Some(format!(
                "{flag} {shown} {is}: writing it would replace the scenario ({remedy})"
            ));
        }
        if let Some((other, _)) = outputs[i + 1..].iter().find(|(_, o)| same_file(out, o)) {
            return Some(format!(
                "{flag} and {other} both name {shown}: one would replace the other"
            ));
        }
        // A new output named .toml; one that names a scenario not there is for the loader.
        let an_input = files.iter().any(|f| Path::new(f.as_typed()) == *out);
        let new_toml = !out.exists() && !an_input && named_toml(out);
        if new_toml {
            return Some(format!(
                "{flag} {shown} names a .toml file: no output is TOML, and `eval *.toml` would \
                 take it for a scenario (choose another name: .csv, .md or .json for eval, .html for \
                 report)"
            ));
        }
        if let Some(kept) = kept_from_outputs(out) {
            let refusal = kept.refusal(out, &shown, ANOTHER_NAME);
            return Some(format!("{flag} {refusal}"));
        }
        if let Some(fitted) = fitted.iter().find(|f| same_file(out, &f.path)) {
            return Some(format!(
                "{flag} {shown} is the data {} was fitted to (its note says \"{FIT_NOTE} to \
                 {}\"): writing it would replace the actuals (choose another name)",
                if fitted.scenario.is_stdin() {
                    format!("the scenario on {}", fitted.scenario.name()).into()
                } else {
                    printable(fitted.scenario.name())
                },
                printable(&fitted.written)
            ));
        }
    }
    None
}

/// A data file a scenario's fit note names.
struct Fitted<'a> {
    /// The scenario, as given.
    scenario: &'a Source,
    /// The data file as the note writes it, from the scenario's folder (`actuals/q.csv`).
    written: String,
    /// That file, from here.
    path: PathBuf,
}

/// The data files the fit notes on the scenario `files`' lines name (`attainment = … #
/// fitted by skypie fit to actuals/attainment.csv (n = 28)`; `fit --into` writes the path from
/// the folder of the file the scenario's links lead to). Regular files only: reading a pipe
/// (`-`, `/dev/fd/0`, `<(cat plan.toml)`) here would leave nothing for the run: a scenario
/// piped in is checked once read, by [`fitted_unplaced`]. A note on a line commented out is no
/// longer a value's.
fn fitted_to<'a>(files: &[&'a Source]) -> Vec<Fitted<'a>> {
    let mut found = Vec::new();
    for file in files.iter().filter(|f| !piped(f)) {
        // Standard input redirected from a file (`eval - < plans/q3.toml`) is read again
        // through its path, from its start, and its folder is that file's.
        let path = file.path();
        let Ok(text) = read_text(&Source::file(path)) else {
            continue;
        };
        // From the folder of the file its links lead to, where `fit --into` wrote the note
        // from (`plan.toml -> plans/q3.toml` names `../actuals/q.csv` from plans/).
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let folder = real.parent().unwrap_or(Path::new(""));
        let live = text
            .lines()
            .filter(|line| !line.trim_start().starts_with('#'));
        // Every reading of a note: the one a path holding ` (n = ` needs, and the one words
        // after the note need, are both kept from being overwritten.
        for (_, note) in live.flat_map(FitNote::readings) {
            found.push(Fitted {
                scenario: file,
                path: folder.join(&note.data),
                written: note.data,
            });
        }
    }
    found
}

/// Whether the scenario `file` is read from a pipe (`-` or `/dev/stdin` fed by `cat`, `<(…)`)
/// rather than a regular file: it has no folder, and is read once.
fn piped(file: &Source) -> bool {
    !std::fs::metadata(file.path()).is_ok_and(|m| m.is_file())
}

/// An existing output that may be the data a scenario piped in (`file`, read from a pipe) was
/// fitted to: its fit note names the data from the scenario's folder, which a pipe has none
/// of, so an output of the data's file name is refused (`cat plans/q3.toml | skypie eval -
/// --draws actuals/attainment.csv` replaced the 28 quarters). What the usage error says;
/// checked once the scenario is read, before anything is written.
pub fn fitted_unplaced(
    outputs: &[(&str, &Path)],
    file: &Source,
    scenario: &Scenario,
) -> Option<String> {
    if !piped(file) {
        return None;
    }
    for (flag, out) in outputs {
        if is_standard_output(out) || !out.is_file() {
            continue;
        }
        let name = out.file_name()?;
        let notes = scenario
            .fit_notes
            .values()
            .flat_map(|n| FitNote::readings(n));
        if let Some((_, note)) = notes
            .into_iter()
            .find(|(_, note)| Path::new(&note.data).file_name() == Some(name))
        {
            return Some(format!(
                "{flag} {} may be the data the scenario on {} was fitted to (its note says \
                 \"{FIT_NOTE} to {}\"), and a scenario piped in has no folder to tell: writing \
                 it could replace the actuals (choose another name, or give the scenario's file)",
                shown_path(out),
                printable(file.name()),
                printable(&note.data)
            ));
        }
    }
    None
}

/// Standard output, when it is a scenario file being read (`eval plan.toml >> plan.toml`): what
/// the usage error says, as [`clobbered`] says it of `--out -`. The output appended to the
/// scenario would break it (and `check`, the next time, would say so); nothing is computed or
/// printed then. `None` for a terminal, a pipe or any other file.
/// `out` says whether the command takes `--out`, which the message then suggests.
pub fn stdout_is_input(files: &[Source], out: bool) -> Option<String> {
    let stdout = Path::new(STDOUT);
    let file = files
        .iter()
        .filter(|f| f.is_stdin() || f.path().exists())
        .find(|f| same_file(stdout, f.path()))?;
    Some(format!(
        "standard output is the scenario file {}: writing it would replace the scenario (send \
         the output to another file{})",
        printable(file.as_typed()),
        if out { ", or name one with --out" } else { "" }
    ))
}

/// Standard output, when the shell appends it to an existing scenario (`new - >> plan.toml`,
/// `fit data.csv … >> plan.toml`): what the usage error says, that `what` would be appended
/// to it, and `advice`. A file the shell has emptied (`>`) holds no scenario, and is written
/// as any other. The text decides, whatever the file's name (a scenario named `plan` is one,
/// and so is one half mended, with a typo in it):
/// a transcript that so far holds only a scenario (`cat plan.toml > run.log`) is refused too,
/// and the message says how to go on (a line that is not TOML first).
pub fn stdout_is_a_scenario(what: &str, advice: &str) -> Option<String> {
    let stdout = Path::new(STDOUT);
    // A scenario is a few kilobytes: a log of a megabyte and more is not read each run.
    if !std::fs::metadata(stdout).is_ok_and(|m| m.is_file() && m.len() > 0 && m.len() < 1 << 20) {
        return None;
    }
    // A scenario as `--out` judges one (`files::kept_from_outputs`): a backup with a typo in
    // it was appended to, where `--out` refused it, and so was a copy in another encoding.
    if !holds_a_scenario(Path::new(STDOUT)) {
        return None;
    }
    let real = std::fs::read_link("/proc/self/fd/1").ok();
    // A log meant to begin with a scenario is told how to go on; a `.toml` file is a scenario
    // (following that advice would break it).
    let a_toml_file = real.as_deref().is_some_and(named_toml);
    let log = if a_toml_file {
        ""
    } else {
        "; a log that is to begin with a scenario takes a line that is not TOML after it first, \
         as `echo --- >> run.log`"
    };
    // A log is named as what it is, a file holding a scenario (it read "the scenario file
    // log.txt", which no command had been given).
    let name = match &real {
        Some(real) if a_toml_file => format!("the scenario file {}", shown_path(real)),
        Some(real) => format!("{}, a file that holds a scenario", shown_path(real)),
        None => "a scenario".to_string(),
    };
    Some(format!(
        "standard output is {name}: {what} would be appended to the scenario ({advice}{log})"
    ))
}

/// Reads and parses one scenario, named in errors as typed (`-:8:12: …`).
pub fn load(source: &Source, consistency: Consistency) -> Result<Scenario, ScenarioError> {
    let text = read_text(source)?;
    Scenario::parse_with(&text, source.as_typed(), consistency)
        .map_err(|e| crate::files::told_as_data(e, source, &text))
}

/// Applies `--set` overrides, then `--samples`, `--seed` and `--method`, and checks the
/// correlations once every override is in. Errors name the `source` they were applied to as
/// typed, and the option (`plan.toml: --set target.revenue=3zz: …`): with several files, each
/// says which.
pub fn adjust(
    scenario: &mut Scenario,
    source: &Source,
    run: &RunArgs,
) -> Result<(), ScenarioError> {
    let file = source.as_typed();
    let origin = |option: &str| format!("{file}: {option}");
    for change in run.changes() {
        match change {
            RunChange::Set(assignment) => scenario.apply_override(assignment).map_err(|d| {
                // A newline in it is shown as bash reads it back, never as a line break.
                let shown = if assignment.chars().any(hidden) {
                    shell_word(assignment)
                } else {
                    assignment.to_string()
                };
                ScenarioError::single(&origin(&format!("--set {shown}")), d)
            })?,
            // Set as whole numbers: a seed above 2^53 would not survive a round trip through
            // text and the number grammar.
            RunChange::Whole(field, n) => scenario
                .set(field, FieldValue::Integer(n))
                .map_err(|d| ScenarioError::single(&origin(&format!("--{}", field.name())), d))?,
            RunChange::Method(method) => scenario.method = method,
        }
    }
    scenario.name = plan_name(Some(&scenario.name), file);
    // Once every --set is in: several pairs changed together may pass through sets that
    // cannot hold on the way to one that can.
    scenario
        .check_correlations()
        .map_err(|d| ScenarioError::single(&origin("--set"), d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_asked_beyond_what_can_run_are_not_all_started() {
        // 1,024 threads on two cores spun for seconds on a run that takes a tenth of one.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let most = (4 * cores).max(64);
        assert_eq!(threads_started(MAX_THREADS), most.min(1024));
        assert_eq!(threads_started(8), 8);
        assert_eq!(threads_started(1), 1);
    }
}
