//! What an output is refused for before anything is computed or written, said as a usage error:
//! the one order `eval` and `report` check theirs in ([`refuse_before_run`]), and the words for
//! what `files::outputs` finds. The rules (which file an output may not replace) live there,
//! said without a flag or a command; the flags, the commands and what to type instead are
//! said here.

use std::path::{Path, PathBuf};

use super::options::{UsageConflict, stdin_twice};
use crate::files::{
    Clash, FittedData, OwnOutput, STDOUT, STDOUT_TYPED, WriteError, being_read, first_clash,
    fitted_to, from_a_pipe, is_standard_output, may_be_fitted_data, named_toml, or_remove_the_link,
    other_than_an_earlier, refuse_unwritable, standard_output_holds_a_scenario, the_pipe_read,
    through_proc,
};
use skypie::scenario::Scenario;
use skypie::scenario::fit_note::FIT_NOTE;
use skypie::source::Source;
use skypie::text::{printable, shown_path};

/// A command's outputs, each with what names it in a message (`--out`, `--draws`).
pub type NamedOutputs = Vec<(&'static str, PathBuf)>;

/// A command that reads scenario files and writes what it makes of them (`eval`, `report`), as
/// [`refuse_before_run`] asks it: the command says what is its own, the checks and their order
/// are the same for every one.
pub trait WritesOutputs {
    /// The command, as its usage errors name it.
    const COMMAND: &'static str;

    /// The scenario files it reads.
    fn files(&self) -> &[Source];

    /// Its options that cannot go together (`--set` twice, `--draws` with several files, an
    /// output named as another command's): the first, as its usage error.
    fn options_refused(&self) -> Option<UsageConflict>;

    /// The files it writes, each with what names it in a message (`--out`, `--draws`, `without
    /// --out, the report`) and what it is: each replaces only an earlier one of its kind
    /// ([`not_an_earlier`]).
    fn outputs(&self) -> Vec<(&'static str, OwnOutput, PathBuf)>;

    /// Whether one of its outputs that is refused (cannot be written, or would replace a file it
    /// may not) refuses the whole command before the run: an output named on the command line,
    /// or the one report of one file. Reports beside several files are not: the command says
    /// before the run each that is refused ([`clobbered`], [`refuse_unwritable`]), and still
    /// writes the others.
    fn one_refused_refuses_all(&self) -> bool;

    /// What mends the name of an output refused, said in each refusal ([`ANOTHER_NAME`]; a
    /// report beside its file is renamed with `--out`).
    fn another_name(&self) -> &'static str {
        ANOTHER_NAME
    }

    /// Two of its outputs that would meet in one file, or in standard output (`--draws` where
    /// the summary goes, two reports of one name): what the usage error says.
    fn outputs_meet(&self, outputs: &[(&str, &Path)]) -> Option<String>;

    /// What it writes to standard output, where it writes there (the shell may point it at a
    /// scenario), and the flags that send it there.
    fn to_standard_output(&self) -> Option<ToStandardOutput>;
}

/// What a command writes to standard output, which says what to do where it is refused.
#[derive(Debug, Clone)]
pub struct ToStandardOutput {
    /// What is written, as "… would be appended" names it: `the summary`, or all of it (`the
    /// summary and the draws`).
    pub what: &'static str,
    /// Each flag that names a file for it (`--out`, `--draws`), with the name it was given as
    /// typed (`-`, `/dev/stdout`), `None` where it goes there without the flag (`eval
    /// plan.toml`).
    pub by: Vec<(&'static str, Option<String>)>,
}

impl ToStandardOutput {
    /// The name `flag` was given as typed, where it sends output here.
    fn typed(&self, flag: &str) -> Option<String> {
        let (_, typed) = self.by.iter().find(|(by, _)| *by == flag)?;
        Some(printable(typed.as_deref()?).into_owned())
    }

    /// What mends its refusal: a file in its place, or a file named with each flag (`--out -`
    /// is mended by a file instead of `-`, not by naming one with --out).
    pub fn advice(&self) -> String {
        let each: Vec<String> = (self.by.iter())
            .map(|(flag, typed)| match typed {
                Some(typed) => format!("{flag} instead of {}", printable(typed)),
                None => flag.to_string(),
            })
            .collect();
        let named = match self.by.as_slice() {
            [(_, None)] => format!("name one with {}", each.join("")),
            [_] => format!("name a file with {}", each.join("")),
            _ => format!("name files with {}", each.join(" and with ")),
        };
        format!("{ANOTHER_FILE}, or {named}")
    }
}

/// What a refusal of standard output says to do instead, in every command's refusals: the
/// same words whatever the command writes there, which the refusal has named before them
/// (`the report would be appended to the scenario (send the output to another file, …)`).
pub const ANOTHER_FILE: &str = "send the output to another file";

/// What `command` refuses before anything is computed or written, in this order: its own
/// options that cannot go together; standard input named twice; an output into the pipe a
/// scenario is read from ([`into_the_pipe_read`]); its outputs that meet; an
/// output that would replace what no output may ([`clobbered`]) and one that would replace a
/// file that is no earlier one of its kind ([`not_an_earlier`]), where one refuses the whole
/// command ([`WritesOutputs::one_refused_refuses_all`]); standard output pointed at a scenario
/// being read, or appended to any other; and last an output that cannot be written, again where
/// one refuses the whole command. The first found is said (a usage error, or the
/// writer's for a file that cannot be written); else its outputs, each with what names it.
/// What a scenario read from a pipe was fitted to is known once it is read: the command asks
/// [`OnceRead::refuse`] once it has read them all, before the run.
pub fn refuse_before_run<C: WritesOutputs>(
    command: &C,
) -> anyhow::Result<(NamedOutputs, OnceRead)> {
    if let Some(conflict) = command.options_refused() {
        return Err(conflict.into());
    }
    let files = command.files();
    let outputs = command.outputs();
    let named: Vec<(&str, &Path)> = outputs.iter().map(|(f, _, o)| (*f, o.as_path())).collect();
    // Read from the scenarios once, where a check below asks.
    let fitted = std::cell::LazyCell::new(|| fitted_to(files));
    let mut held = None;
    let refused = stdin_twice(files)
        .or_else(|| into_the_pipe_read(&named, files, command.another_name()))
        .or_else(|| command.outputs_meet(&named))
        .or_else(|| {
            if !command.one_refused_refuses_all() {
                return None;
            }
            let stdout = command.to_standard_output();
            let another_name = command.another_name();
            clobbered(&named, files, &fitted, stdout, another_name).or_else(|| {
                let (refused, out) = (outputs.iter()).find_map(|(flag, own, out)| {
                    Some((not_an_earlier(*own, flag, another_name, out)?, out))
                })?;
                // The data a scenario piped in was fitted to is no earlier output either, and is
                // said as what it is once the scenario is read; not one typed at a terminal,
                // where the refusal would wait till the user had typed it all.
                if !(out.is_file() && files.iter().any(from_a_pipe)) {
                    return Some(refused);
                }
                held = Some(refused);
                None
            })
        })
        .or_else(|| {
            // `--out -` at a scenario being read is [`clobbered`]'s: this speaks without `--out`.
            let stdout = command.to_standard_output()?;
            let advice = stdout.advice();
            stdout_is_input(files, true)
                .or_else(|| stdout_is_fitted_data(files, &fitted, &advice))
                .or_else(|| stdout_is_a_scenario(stdout.what, &advice))
        });
    if let Some(message) = refused {
        return Err(UsageConflict::new(C::COMMAND, message).into());
    }
    // An output that cannot be written is said before the run, not after it (a refusal held
    // is said then whatever the scenario holds, before any write error).
    if command.one_refused_refuses_all() && held.is_none() {
        for (_, path) in &named {
            refuse_unwritable(path)?;
        }
    }
    let outputs = (outputs.into_iter())
        .map(|(flag, _, out)| (flag, out))
        .collect();
    let once_read = OnceRead {
        command: C::COMMAND,
        held,
    };
    Ok((outputs, once_read))
}

/// What a command refuses once its scenarios are read, before the run: the data a scenario
/// piped in was fitted to ([`fitted_unplaced`]), else a file that is no earlier output, whose
/// refusal [`refuse_before_run`] held till then. One place, so no command forgets the second.
#[must_use = "the refusal held till the scenarios are read is said only by `OnceRead::refuse`"]
#[derive(Debug)]
pub struct OnceRead {
    /// The command, as its usage errors name it.
    command: &'static str,
    /// The refusal of a file that is no earlier output, held till the scenarios are read.
    held: Option<String>,
}

impl OnceRead {
    /// The usage error for `read`, each scenario read with the outputs written of it.
    pub fn refuse<'a>(
        self,
        read: impl IntoIterator<Item = (&'a [(&'a str, &'a Path)], &'a Source, &'a Scenario)>,
    ) -> Result<(), UsageConflict> {
        let mut read = read.into_iter().peekable();
        // No scenario read (one piped in that does not parse): nothing is written, and its
        // error, said already, is the one mistake; the held refusal was a second error.
        if read.peek().is_none() {
            return Ok(());
        }
        let fitted =
            read.find_map(|(outputs, file, scenario)| fitted_unplaced(outputs, file, scenario));
        match fitted.or(self.held) {
            Some(message) => Err(UsageConflict::new(self.command, message)),
            None => Ok(()),
        }
    }
}

/// An output named as the pipe a scenario is read from ([`the_pipe_read`]): what the usage
/// error says, mended by `another_name`.
fn into_the_pipe_read(
    outputs: &[(&str, &Path)],
    files: &[Source],
    another_name: &str,
) -> Option<String> {
    outputs.iter().find_map(|(flag, out)| {
        let file = the_pipe_read(out, files)?;
        Some(format!(
            "{flag} {} is the pipe the scenario on {} is read from: the output would go back \
             into it unread, and a large one would wait there for good ({another_name})",
            shown_path(out),
            file.name()
        ))
    })
}

/// What a refused output's name is mended by, said in each refusal.
pub const ANOTHER_NAME: &str = "choose another name";

/// An output that would replace a scenario file being read, another output, a new or existing
/// `.toml` file, any other scenario, or the data a scenario being read was fitted to
/// ([`first_clash`], `fitted` the data [`fitted_to`]): what it says, mended by `another_name`. Nothing is computed or written
/// then, so a typo in `--out` never costs a plan. `-` (standard output) is refused only where
/// the shell points it at a scenario being read.
pub fn clobbered<'a>(
    outputs: &[(&str, &Path)],
    files: &'a [Source],
    fitted: &[FittedData<'a>],
    stdout: Option<ToStandardOutput>,
    another_name: &str,
) -> Option<String> {
    let paths: Vec<&Path> = outputs.iter().map(|(_, out)| *out).collect();
    let (i, clash) = first_clash(&paths, files, fitted)?;
    let (flag, out) = outputs[i];
    let path = out.display().to_string();
    // Standard output is named as such by any of its names, as typed (`-`, `/dev/stdout`, and
    // `/dev/fd/1` read as a link to the file the shell points it at), and is mended as in
    // every refusal of it: by a file in its place.
    let to_standard_output = is_standard_output(out);
    let stdout_typed = (stdout.as_ref())
        .and_then(|to| to.typed(flag))
        .unwrap_or_else(|| as_typed(out));
    let shown = if to_standard_output {
        format!("{stdout_typed} (standard output)").into()
    } else {
        printable(&path)
    };
    // Mended for all that goes there (`--draws -` with the summary: a file for each).
    let instead = stdout.as_ref().map_or_else(
        || format!("{ANOTHER_FILE}, or name a file with {flag} instead of {stdout_typed}"),
        ToStandardOutput::advice,
    );
    Some(match clash {
        Clash::Read(file) => {
            // A link to it "is" it to nobody who made the link (README says "leads to"), and
            // nor is the file a scenario given as a link leads to; a name typed alike is it.
            // Standard output (`-`, written through the link /dev/stdout, or /dev/fd/1) is the
            // file itself, and so is a name through /proc (`/dev/stdin` for `- < plan.toml`),
            // no link of the user's to remove.
            let typed = printable(file.as_typed());
            let named_alike = Path::new(file.as_typed()) == out;
            let through_link = out.is_symlink() && !to_standard_output && !through_proc(out);
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
            let remedy = if to_standard_output {
                instead.clone()
            } else {
                or_remove_the_link(through_link && !named_alike, &shown, another_name)
            };
            // The shell appends standard output (`>>`) or has emptied the file (`>`): the
            // output lands in it rather than replacing it.
            let would = if to_standard_output {
                "land in"
            } else {
                "replace"
            };
            format!("{flag} {shown} {is}: writing it would {would} the scenario ({remedy})")
        }
        Clash::Output(other) => {
            let (other, _) = outputs[other];
            format!("{flag} and {other} both name {shown}: one would replace the other")
        }
        Clash::NewToml => format!(
            "{flag} {shown} names a .toml file: no output is TOML, and `eval *.toml` would \
             take it for a scenario ({another_name}: .csv, .md or .json for eval, .html for \
             report)"
        ),
        Clash::Kept(kept) => {
            let refusal = kept.refusal(out, &shown, another_name);
            format!("{flag} {refusal}")
        }
        Clash::Fitted(fitted) => {
            let remedy = if to_standard_output {
                &instead
            } else {
                another_name
            };
            fitted_refusal(
                &format!("{flag} {shown}"),
                &fitted,
                to_standard_output,
                remedy,
            )
        }
    })
}

/// A file at `out` that `output` would replace and that is no earlier one of its kind
/// ([`other_than_an_earlier`]): what the refusal says, naming the output `named_as` and mending
/// it by `another_name`. Standard output is written into, never replaced.
pub fn not_an_earlier(
    output: OwnOutput,
    named_as: &str,
    another_name: &str,
    out: &Path,
) -> Option<String> {
    if is_standard_output(out) {
        return None;
    }
    let refused = other_than_an_earlier(out, output)?;
    Some(format!(
        "{named_as} {}",
        refused.refusal(&shown_path(out), another_name)
    ))
}

/// A folder given to an output's flag (`--out ../out/`) where a file is written, told a file in
/// it to name instead: for each `(flag, as given, file name)`, where the writer refused that
/// output as a folder that is there (the writer said only "found a folder, expected a file to
/// write"). A folder's name that leads to none (`--out nonexist/`) is left as the writer says
/// it: a file in it would be refused in turn.
pub fn a_file_in_the_folder(
    error: anyhow::Error,
    given: &[(&str, Option<&Path>, String)],
) -> anyhow::Error {
    let folder = match error.downcast_ref::<WriteError>() {
        Some(WriteError::Folder { path } | WriteError::FolderName { path }) => path,
        _ => return error,
    };
    let told = given
        .iter()
        .find(|(_, out, _)| *out == Some(folder.as_path()))
        .filter(|_| folder.is_dir());
    let Some((flag, _, name)) = told else {
        return error;
    };
    let file = folder.join(name);
    anyhow::anyhow!(
        "{error} ({flag} takes a file: name one in the folder, as {flag} {})",
        skypie::text::command_path(&file)
    )
}

/// An output as it was typed: `-`, which reaches here as /dev/stdout
/// ([`output_path`](super::options::output_path)), or its path.
fn as_typed(out: &Path) -> String {
    if out == Path::new(STDOUT) {
        STDOUT_TYPED.to_string()
    } else {
        printable(&out.display().to_string()).into_owned()
    }
}

/// `named` (`--out actuals.csv`, `standard output`) is the data `fitted`'s scenario was fitted
/// to: what the usage error says, ending in `remedy`. Where the shell points standard output at
/// it (`to_standard_output`), the output would land in the actuals (`>>` appends, `>` empties
/// the file first); a file named would replace them.
fn fitted_refusal(
    named: &str,
    fitted: &FittedData,
    to_standard_output: bool,
    remedy: &str,
) -> String {
    format!(
        "{named} is the data {} was fitted to (its note says \"{FIT_NOTE} to {}\"): writing it \
         would {} the actuals ({remedy})",
        if fitted.scenario.is_stdin() {
            format!("the scenario on {}", fitted.scenario.name()).into()
        } else {
            printable(fitted.scenario.name())
        },
        printable(&fitted.written),
        if to_standard_output {
            "land in"
        } else {
            "replace"
        },
    )
}

/// Standard output, when the shell points it at the data a scenario among `files` was fitted
/// to (`eval plan.toml >> actuals/attainment.csv`): what the usage error says, as [`clobbered`]
/// says it of `--out -` (`fitted` the data [`fitted_to`]). `advice` is the command's.
pub fn stdout_is_fitted_data<'a>(
    files: &'a [Source],
    fitted: &[FittedData<'a>],
    advice: &str,
) -> Option<String> {
    match first_clash(&[Path::new(STDOUT)], files, fitted)? {
        (_, Clash::Fitted(fitted)) => {
            Some(fitted_refusal("standard output", &fitted, true, advice))
        }
        _ => None,
    }
}

/// An existing output that may be the data a scenario piped in (`file`, read from a pipe) was
/// fitted to ([`may_be_fitted_data`]): what the usage error says (`cat plans/q3.toml | skypie
/// eval - --draws actuals/attainment.csv` replaced the 28 quarters). Checked once the scenario
/// is read, before anything is written.
fn fitted_unplaced(
    outputs: &[(&str, &Path)],
    file: &Source,
    scenario: &Scenario,
) -> Option<String> {
    outputs.iter().find_map(|(flag, out)| {
        let note = may_be_fitted_data(out, file, scenario)?;
        Some(format!(
            "{flag} {} may be the data the scenario on {} was fitted to (its note says \
             \"{FIT_NOTE} to {}\"), and a scenario piped in has no folder to tell: writing \
             it could replace the actuals ({ANOTHER_NAME}, or give the scenario's file)",
            shown_path(out),
            printable(file.name()),
            printable(&note.data)
        ))
    })
}

/// Standard output, when it is a scenario file being read (`eval plan.toml >> plan.toml`): what
/// the usage error says, as [`clobbered`] says it of `--out -`. The output appended to the
/// scenario would break it (and `check`, the next time, would say so); nothing is computed or
/// printed then. `None` for a terminal, a pipe or any other file.
/// `out` says whether the command takes `--out`, which the message then suggests.
pub fn stdout_is_input(files: &[Source], out: bool) -> Option<String> {
    let file = being_read(Path::new(STDOUT), files)?;
    Some(format!(
        "standard output is the scenario file {}: writing it would land in the scenario \
         ({ANOTHER_FILE}{})",
        printable(file.as_typed()),
        if out { ", or name one with --out" } else { "" }
    ))
}

/// Standard output, when it is the data file `fit` reads (`fit d.csv --column x >> d.csv`
/// appended the table to the data it fits; the next fit found "1 field, expected 3" at its
/// first line): what the usage error says, as [`stdout_is_input`] says it of a scenario.
pub fn stdout_is_data(data: &Source) -> Option<String> {
    being_read(Path::new(STDOUT), std::slice::from_ref(data))?;
    Some(format!(
        "standard output is the data file {}: the table would land in the data being fitted \
         ({ANOTHER_FILE})",
        printable(data.as_typed())
    ))
}

/// Standard output, when the shell appends it to an existing scenario (`new - >> plan.toml`,
/// `fit data.csv … >> plan.toml`; [`standard_output_holds_a_scenario`]): what the usage error
/// says, that `what` would be appended to it, and `advice`. A transcript that so far holds
/// only a scenario (`cat plan.toml > run.log`) is refused too, and the message says how to go
/// on (a line that is not TOML first).
pub fn stdout_is_a_scenario(what: &str, advice: &str) -> Option<String> {
    if !standard_output_holds_a_scenario() {
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
