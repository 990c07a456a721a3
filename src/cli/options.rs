//! What the commands share: how `eval` and `report` run the model (`--samples`, `--seed`,
//! `--method`, `--set`), reading a scenario (`check` too), the names of files to write (`new`
//! and `fit --into` too), and arguments that cannot go together ([`UsageConflict`]). What an
//! output is refused for is `output_safety`'s.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use clap::Args;

use crate::files::{STDOUT, STDOUT_TYPED, is_standard_output, read_text};
use skypie::scenario::value::{read_whole_text, whole_numbers};
use skypie::scenario::{
    Consistency, Diagnostic, Field, FieldValue, METHOD_KEY, Method, Scenario, ScenarioError,
    check_override_key, override_key_set, plan_name, sets_correlation,
};
use skypie::source::Source;
use skypie::text::{hidden, shell_word};

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

/// `--threads`: a whole number from 1 to [`MAX_THREADS`], written as `--samples` and `--seed`
/// are (`1e3`, `1k`, `1,000`; `1e3` was refused where `--seed 1e3` was read).
fn parse_threads(text: &str) -> Result<u64, String> {
    let expected = whole_numbers(1, MAX_THREADS);
    match read_whole_text(Field::RunSamples, text) {
        Ok(n) if (1..=MAX_THREADS).contains(&n) => Ok(n),
        Ok(_) => Err(format!("found {}, expected {expected}", text.trim())),
        Err(refused) => Err(Diagnostic {
            key: None,
            expected,
            ..refused
        }
        .to_string()),
    }
}

impl RunArgs {
    /// The options that change what the file says, as they could be typed again (`--set
    /// target.revenue=2M --method sobol`, quoted for a POSIX shell where needed), of those
    /// `changed` marks ([`RunArgs::changed_in`]); `None` when there are none.
    pub fn as_typed(&self, changed: &[bool]) -> Option<String> {
        let words: Vec<String> = self
            .changes()
            .iter()
            .zip(changed)
            .filter(|(_, changed)| **changed)
            .flat_map(|(change, _)| {
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

    /// Which of the options (in [`RunArgs::changes`]' order) change `file`, a scenario as read:
    /// `--seed 7` on a file whose seed is 7 changes nothing, nor does a `--set` of a value to
    /// what the file says (a name, a currency or a pair is taken as changed).
    pub fn changed_in(&self, file: &Scenario) -> Vec<bool> {
        let differs = |field: Field, set: &dyn Fn(&mut Scenario) -> bool| {
            let mut one = file.clone();
            !set(&mut one) || one.value(field) != file.value(field)
        };
        (self.changes().iter())
            .map(|change| match change {
                RunChange::Whole(field, n) => differs(*field, &|one: &mut Scenario| {
                    one.set(*field, FieldValue::Integer(*n)).is_ok()
                }),
                RunChange::Method(method) => *method != file.method,
                RunChange::Set(assignment) => {
                    let key = override_key_set(assignment);
                    match Field::ALL.into_iter().find(|f| Some(f.key()) == key) {
                        Some(field) => differs(field, &|one: &mut Scenario| {
                            one.apply_override(assignment).is_ok()
                        }),
                        None => true,
                    }
                }
            })
            .collect()
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
            Some(UsageConflict::new(
                command,
                format!("{other} and {one} both set {key}: give it once"),
            ))
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

/// An output named on the command line ([`output_path`]), with its name as typed: `-` and
/// `/dev/stdout` are one path, and what skypie says of it names the one the user typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Where it is written.
    pub path: PathBuf,
    /// Its name as typed, shown as text.
    pub typed: String,
}

impl std::ops::Deref for Output {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.path
    }
}

/// An output's name ([`output_path`]), kept as typed too ([`Output`]).
pub fn output(name: &OsStr) -> Result<Output, String> {
    Ok(Output {
        path: output_path(name)?,
        typed: name.to_string_lossy().into_owned(),
    })
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
    command: &'static str,
    /// What cannot go together, and why.
    message: String,
}

impl UsageConflict {
    /// The usage error of `command` (`eval`, `report`, `plan`, …) that `message` says.
    pub fn new(command: &'static str, message: impl Into<String>) -> UsageConflict {
        UsageConflict {
            command,
            message: message.into(),
        }
    }

    /// The subcommand whose usage is shown with it.
    pub fn command(&self) -> &'static str {
        self.command
    }
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
    Some(UsageConflict::new(
        command,
        format!("{command} takes no {flag}: {why}"),
    ))
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

/// Reads and parses one scenario, named in errors as typed (`-:8:12: …`).
pub fn load(source: &Source, consistency: Consistency) -> Result<Scenario, ScenarioError> {
    let text = read_text(source).map_err(|e| with_the_scenarios_in_it(e, source))?;
    Scenario::parse_with(&text, source.as_typed(), consistency)
        .map_err(|e| crate::files::told_as_data(e, source, &text))
}

/// A folder given as a scenario (`check board`), told the files in it to give instead and how
/// many there are (`board/*.toml`, 3 .toml files), or that it holds none.
fn with_the_scenarios_in_it(mut error: ScenarioError, source: &Source) -> ScenarioError {
    let folder = source.path();
    if source.is_stdin() || !folder.is_dir() {
        return error;
    }
    // One that cannot be listed is not said to hold none.
    let Ok(entries) = std::fs::read_dir(folder) else {
        return error;
    };
    // As the shell's `*.toml` matches them: hidden names left out.
    let tomls = (entries.filter_map(Result::ok))
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.ends_with(".toml") && !name.starts_with('.') && entry.path().is_file()
        })
        .count();
    let pattern = format!("{}/*.toml", source.as_command_word().trim_end_matches('/'));
    let hint = match tomls {
        0 => "it holds no .toml file".to_string(),
        1 => format!("for the scenario in it: {pattern}, 1 .toml file"),
        n => format!("for the scenarios in it: {pattern}, {n} .toml files"),
    };
    if let Some(diagnostic) = error.diagnostics.first_mut() {
        diagnostic.hint.get_or_insert(hint);
    }
    error
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
    fn threads_are_written_as_samples_and_seeds_are() {
        for typed in ["1e3", "1k", "1,000", "1000"] {
            assert_eq!(parse_threads(typed), Ok(1000), "{typed}");
        }
    }

    #[test]
    fn threads_not_a_whole_number_in_range_are_refused_as_a_seed_is() {
        let expected = "expected a whole number from 1 to 1,024";
        assert_eq!(parse_threads("2.5"), Err(format!("found 2.5, {expected}")));
        assert_eq!(parse_threads("2e3"), Err(format!("found 2e3, {expected}")));
        assert_eq!(parse_threads("0"), Err(format!("found 0, {expected}")));
    }

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
