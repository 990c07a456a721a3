//! What an output must never replace (a scenario, a `.toml` file, a session log; for a board
//! report, `eval`'s summary or its draws, any file but an earlier one of its kind; for a
//! command's outputs, a scenario it reads,
//! another of them, a new `.toml` file and the data a scenario was fitted to), and what standard
//! output is never appended to (a scenario). The rules only: what a file is and why it is kept,
//! in words the command line and the live session share; the flags, the commands and what to
//! type instead are theirs to say (`cli::output_safety`, `tui::disk`).

use std::fs;
use std::path::{Path, PathBuf};

use skypie::report::COLUMNS;
use skypie::report::board::{TITLE_AFTER_THE_NAME, is_board_page};
use skypie::report::comparison::{CSV_HEADER, HEADING_ENDS};
use skypie::report::draws::OUTCOME_COLUMNS;
use skypie::report::signature::{COMPARISON, REPORT, SUMMARY, Signature, signature};
use skypie::scenario::{FitNote, Scenario};
use skypie::source::Source;

use super::links::resolve_links;
use super::read::{read_text, text_in_any_encoding};
use super::tracking::{FileId, inode, same_file};
use super::write::{STDOUT, is_standard_output, replaced};
use super::{SESSION_LOG_SUFFIX, named_toml};

/// What an output must never replace (README, "Saving, merging and recovery").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Protected {
    /// A scenario by its text, whatever its name (its correlations need not hold at once:
    /// `--set` may be mending them).
    Scenario(PathBuf),
    /// A `.toml` file that does not check: a scenario half mended, or another program's
    /// (no output of skypie is TOML).
    Toml(PathBuf),
    /// A live session's log (`<plan>.session.md`): the record of who changed what.
    SessionLog(PathBuf),
}

impl Protected {
    /// What it is, after "the": `scenario file`, `.toml file`, `session log`.
    pub fn kind(&self) -> &'static str {
        match self {
            Protected::Scenario(_) => "scenario file",
            Protected::Toml(_) => ".toml file",
            Protected::SessionLog(_) => "session log",
        }
    }

    /// Why an output does not replace it.
    pub fn why(&self) -> &'static str {
        match self {
            Protected::Scenario(_) => "writing it would replace the scenario",
            Protected::Toml(_) => "no output is TOML, so it is not replaced",
            Protected::SessionLog(_) => {
                "writing it would replace the record of the session's edits"
            }
        }
    }

    /// The file, links followed.
    pub fn path(&self) -> &Path {
        match self {
            Protected::Scenario(path) | Protected::Toml(path) | Protected::SessionLog(path) => path,
        }
    }

    /// What `path` is, as it leads here: `is a scenario file`, or, a link,
    /// `leads to the scenario file plans/q.toml`.
    pub fn what(&self, path: &Path) -> String {
        let real = self.path();
        if real == path {
            format!("is a {}", self.kind())
        } else {
            let real = skypie::text::printable(&real.to_string_lossy()).into_owned();
            format!("leads to the {} {real}", self.kind())
        }
    }

    /// Why an output at `path`, named `shown`, is refused, and what to do: `elsewhere` (how to
    /// write it under another name), or remove the link that leads here; never the file
    /// itself, which is the user's (a `.toml` file that is no scenario too: `Cargo.toml`).
    pub fn refusal(&self, path: &Path, shown: &str, elsewhere: &str) -> String {
        let what = self.what(path);
        let remedy = or_remove_the_link(self.path() != path, shown, elsewhere);
        format!("{shown} {what}: {} ({remedy})", self.why())
    }
}

/// Whether `path` is a plan's session log: named so, beside the plan it is named after (an
/// earlier `eval --format md --out weekly.session.md` is no log, and is replaced).
fn a_plans_session_log(path: &Path) -> bool {
    let name = path.to_string_lossy();
    name.strip_suffix(SESSION_LOG_SUFFIX)
        .is_some_and(|plan| Path::new(plan).is_file())
}

/// The existing file a write to `path` would replace (links followed, as
/// [`write_file`](super::write_file) follows them), if an output must not: a scenario, any
/// `.toml` file, or a session log. `None` for a new file, for one written into rather than
/// replaced (standard output, a FIFO, a device), and for any other file.
pub fn kept_from_outputs(path: &Path) -> Option<Protected> {
    let Ok(meta) = fs::metadata(path) else {
        // A link to a file not there yet: the write creates the file it names, which is no
        // output's if it is named as a scenario (`dl.csv` leading to `new.toml` got CSV) or a
        // session log.
        let real = resolve_links(path).ok()?.real;
        return if real == path {
            None
        } else if a_plans_session_log(&real) {
            Some(Protected::SessionLog(real))
        } else {
            named_toml(&real).then_some(Protected::Toml(real))
        };
    };
    let real = replaced(path, &meta).ok()??;
    if a_plans_session_log(&real) {
        return Some(Protected::SessionLog(real));
    }
    let checks = holds_a_scenario(&real);
    // The file the link leads to is what would be replaced, and so what counts (`x.toml`
    // leading to data.csv is a CSV file).
    match (checks, named_toml(&real)) {
        (true, _) => Some(Protected::Scenario(real)),
        (false, true) => Some(Protected::Toml(real)),
        (false, false) => None,
    }
}

/// An output a command replaces only where the file there is an earlier one of its own as skypie
/// wrote it ([`other_than_an_earlier`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnOutput {
    /// `report`'s board page, by its title and its mark.
    Report,
    /// `eval`'s summary, in any of its formats: by its mark, or read whole.
    Summary,
    /// `eval --draws`'s samples, by their header and their last line.
    Draws,
    /// The live session's comparison with its baseline: by its mark, or read whole.
    Comparison,
}

impl OwnOutput {
    /// Which output `contents`, written by skypie, is: the live session's exports are told
    /// apart by what they hold, as their rule for what they replace is each one's.
    pub fn of(contents: &str) -> Option<OwnOutput> {
        if is_board_page(contents) {
            Some(OwnOutput::Report)
        } else if is_a_comparison(contents) {
            Some(OwnOutput::Comparison)
        } else {
            is_a_summary(contents).then_some(OwnOutput::Summary)
        }
    }

    /// What it is, after "no skypie" and "writing the".
    fn noun(self) -> &'static str {
        match self {
            OwnOutput::Report => REPORT,
            OwnOutput::Summary => SUMMARY,
            OwnOutput::Draws => "draws",
            OwnOutput::Comparison => COMPARISON,
        }
    }

    /// What it is, changed since skypie wrote it, after "holds".
    fn changed(self) -> &'static str {
        match self {
            OwnOutput::Report => "a skypie report changed since it was written",
            OwnOutput::Summary => "a skypie summary changed since it was written",
            OwnOutput::Draws => "skypie draws changed since they were written",
            OwnOutput::Comparison => "a skypie comparison changed since it was written",
        }
    }

    /// What the file at `path`, of `len` bytes, is to this output: a report or a summary is
    /// read whole and told by its mark ([`signature`]), CSV and JSON, with no room for one, by
    /// reading as a summary throughout; draws by their ends ([`draws_found`]).
    fn found(self, path: &Path, len: u64) -> Found {
        use std::io::Read as _;
        if self == OwnOutput::Draws {
            return draws_found(path);
        }
        let mut whole = Vec::new();
        let read =
            fs::File::open(path).and_then(|f| f.take(READ_WHOLE_UP_TO).read_to_end(&mut whole));
        if read.is_err() {
            return Found::Other;
        }
        let text = String::from_utf8_lossy(&whole);
        if len > READ_WHOLE_UP_TO {
            // Too large to read whole (a summary of thousands of scenarios): told by its first
            // lines, as before outputs were marked, not refused as no summary.
            return match self {
                OwnOutput::Summary if is_a_summary(&text) => Found::Earlier,
                _ => Found::Other,
            };
        }
        match (self, signature(&text, self.noun())) {
            (OwnOutput::Report, _)
                if !text.contains(&format!("{TITLE_AFTER_THE_NAME}</title>")) =>
            {
                Found::Other
            }
            (_, Signature::Intact) => Found::Earlier,
            (_, Signature::Changed) => Found::Changed,
            // A report from before the page was marked.
            (OwnOutput::Report, Signature::Unsigned) => Found::Earlier,
            (OwnOutput::Comparison, Signature::Unsigned) if !is_a_comparison(&text) => Found::Other,
            // Markdown from before the comparison was marked; CSV, read whole.
            (OwnOutput::Comparison, Signature::Unsigned)
                if text.trim_start_matches('\u{feff}').starts_with('#')
                    || reads_whole_as_csv(&text) =>
            {
                Found::Earlier
            }
            // Its header, but a row added by hand: changed, as a summary's is said.
            (OwnOutput::Comparison, Signature::Unsigned) => Found::Changed,
            (_, Signature::Unsigned) if !is_a_summary(&text) => Found::Other,
            (_, Signature::Unsigned) if reads_whole_as_a_summary(&text) => Found::Earlier,
            (_, Signature::Unsigned) => Found::Changed,
        }
    }
}

/// The most an earlier report or summary is read of whole: a summary larger is told by its first
/// lines (a summary of a thousand scenarios with `--detail` is a few megabytes).
const READ_WHOLE_UP_TO: u64 = 16 << 20;

/// What a file an output would replace is to it ([`OwnOutput::found`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    /// An earlier one of its kind, as skypie wrote it: replaced.
    Earlier,
    /// An earlier one of its kind changed since skypie wrote it (a note added by hand): kept.
    Changed,
    /// Any other file: kept.
    Other,
}

/// A file an output would replace that is no earlier one of its kind ([`other_than_an_earlier`]).
#[derive(Debug)]
pub struct NotAnEarlier {
    /// What would replace it.
    output: OwnOutput,
    /// The file itself: where the name leads, through a link.
    real: PathBuf,
    /// Whether the name is a link to it.
    through_link: bool,
    /// Whether it is an earlier one changed since skypie wrote it, not another kind of file.
    changed: bool,
}

impl NotAnEarlier {
    /// Why an output at `shown` is refused, and what to do: `elsewhere` (how to write it under
    /// another name), or remove the link, where the name is one; never the file, the user's
    /// data, nor an earlier output changed by hand (the changes are someone's).
    pub fn refusal(&self, shown: &str, elsewhere: &str) -> String {
        let noun = self.output.noun();
        let (what, the_file) = if self.changed {
            (self.output.changed().to_string(), "the changes")
        } else {
            (format!("a file that is no skypie {noun}"), "it")
        };
        let place = if self.through_link {
            let real = skypie::text::printable(&self.real.to_string_lossy()).into_owned();
            format!("leads to {real},")
        } else {
            "holds".to_string()
        };
        let remedy = or_remove_the_link(self.through_link, shown, elsewhere);
        format!("{shown} {place} {what}: writing the {noun} would replace {the_file} ({remedy})")
    }
}

/// What mends an output refused at `shown`: `elsewhere`, and where `shown` is a link
/// (`through_link`), removing it, which loses nothing (removing the file would lose its data).
pub fn or_remove_the_link(through_link: bool, shown: &str, elsewhere: &str) -> String {
    if through_link {
        format!("{elsewhere}, or remove the link {shown} first")
    } else {
        elsewhere.to_string()
    }
}

/// The file `output` written to `path` would replace, where it is no earlier one of its kind
/// (`eval --draws actuals.csv` for samples.csv, `--out notes.md`: it was replaced, exit 0), or
/// one changed since skypie wrote it (a report or a summary with a note of one's own: it was
/// replaced, exit 0, the note lost). `None` where it may be written: no file there, an empty
/// one, an earlier one as written ([`OwnOutput::found`]), or no regular file (`/dev/null`, a
/// FIFO, standard output), which is written into.
pub fn other_than_an_earlier(path: &Path, output: OwnOutput) -> Option<NotAnEarlier> {
    let meta = fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() == 0 {
        return None;
    }
    let found = output.found(path, meta.len());
    (found != Found::Earlier).then(|| NotAnEarlier {
        output,
        real: fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        through_link: path.is_symlink(),
        changed: found == Found::Changed,
    })
}

/// Whether all of `text`, a summary by its first lines and unmarked, reads as one: CSV, every
/// record with its header's count of fields; JSON, an array of records each with a name and a
/// file. A table or Markdown without the mark is one from before skypie marked them, told by
/// its first lines as then.
fn reads_whole_as_a_summary(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    if text.starts_with(['┌', '|']) {
        return true;
    }
    if text.trim_start().starts_with('[') {
        let records = serde_json::from_str::<Vec<serde_json::Map<String, serde_json::Value>>>(text);
        let keys = [COLUMNS[0].key, COLUMNS[1].key];
        return records.is_ok_and(|r| r.iter().all(|r| keys.iter().all(|k| r.contains_key(*k))));
    }
    reads_whole_as_csv(text)
}

/// Whether every record of `text`, read as CSV, has its header's count of fields.
fn reads_whole_as_csv(text: &str) -> bool {
    let mut csv = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    csv.records().all(|record| record.is_ok())
}

/// Whether `text` begins as the live session's comparison does: its CSV header, or its
/// Markdown heading (`# Q3 plan: now against the baseline`).
fn is_a_comparison(text: &str) -> bool {
    let first = text.trim_start_matches('\u{feff}').lines().next();
    let first = first.unwrap_or_default().trim_end_matches('\r');
    first == CSV_HEADER.join(",") || (first.starts_with("# ") && first.ends_with(HEADING_ENDS))
}

/// Whether `head` begins as an `eval` summary does, in any format, with `--detail` or not:
/// its first two columns, the scenario's name and its file (`name,file` in CSV, `| scenario |
/// file |` in Markdown, the first two keys of JSON's first record, the table's blank corner
/// above its `file` row), then any other of the summary's columns. Loose, so a summary from a
/// version with a column more or less is still one; `[]`, JSON's summary of no scenario, holds
/// nothing, as an empty file holds nothing.
fn is_a_summary(head: &str) -> bool {
    let [name, file] = [&COLUMNS[0], &COLUMNS[1]];
    let names = summary_column_names(head);
    let other = |n: &&str| (COLUMNS[2..].iter()).any(|c| c.key == *n || c.header == *n);
    head.trim() == "[]"
        || matches!(names.as_slice(), [first, second, rest @ ..]
            if [name.key, name.header, ""].contains(first)
                && [file.key, file.header].contains(second)
                && rest.iter().any(other))
}

/// The column names a summary's first lines give, in order, read as each format writes them:
/// CSV's header, Markdown's header row, the keys of JSON's first record (pretty-printed, one
/// a line), or the first cell of each of the table's rows (its figures' names, one a row).
fn summary_column_names(head: &str) -> Vec<&str> {
    let mut lines = head
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|line| line.trim_end_matches('\r'));
    let first = lines.next().unwrap_or_default();
    if first.starts_with('┌') {
        lines
            .take_while(|line| !line.starts_with('└'))
            .filter_map(|line| line.strip_prefix('│')?.split(['┆', '│']).next())
            .map(str::trim)
            .collect()
    } else if first.trim() == "[" {
        lines
            .skip_while(|line| line.trim() == "{")
            .map_while(|line| line.trim().strip_prefix('"')?.split_once("\":"))
            .map(|(key, _)| key)
            .collect()
    } else if first.starts_with('|') {
        first.trim_matches('|').split('|').map(str::trim).collect()
    } else {
        first.split(',').collect()
    }
}

/// What the draws at `path` are to new ones: earlier ones where they begin as draws do
/// ([`is_draws`]) and their last line has their header's count of fields (a note of one's own
/// appended has not); not read whole, as they may be a million rows.
fn draws_found(path: &Path) -> Found {
    use std::io::{Read as _, Seek as _, SeekFrom};
    let mut head = Vec::new();
    let mut tail = Vec::new();
    let read = fs::File::open(path).and_then(|mut f| {
        (&mut f).take(1 << 16).read_to_end(&mut head)?;
        let len = f.metadata()?.len();
        f.seek(SeekFrom::Start(len.saturating_sub(1 << 16)))?;
        f.read_to_end(&mut tail)
    });
    let head = String::from_utf8_lossy(&head);
    if read.is_err() || !is_draws(&head) {
        return Found::Other;
    }
    let fields = |line: &str| {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes());
        csv.records()
            .next()
            .and_then(Result::ok)
            .map(|record| record.len())
    };
    let tail = String::from_utf8_lossy(&tail);
    let header = head
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or_default();
    let last = tail
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or_default();
    if fields(last) == fields(header) {
        Found::Earlier
    } else {
        Found::Changed
    }
}

/// Whether `head` begins as `eval --draws` writes every sample: a CSV header naming the last
/// two of its [`OUTCOME_COLUMNS`], `achievable_revenue` and `feasible` (the inputs' columns
/// before them are the scenario's own).
fn is_draws(head: &str) -> bool {
    let first = head.trim_start_matches('\u{feff}').lines().next();
    let names: Vec<&str> = first.unwrap_or_default().trim_end().split(',').collect();
    OUTCOME_COLUMNS[1..]
        .iter()
        .all(|column| names.contains(column))
}

/// Whether the file at `path` holds a scenario, by its tables: every one that checks has them,
/// and so does a backup half mended (a typo, a value out of range), which no full parse would
/// pass. In any encoding and with any line ends: a copy saved as "Unicode" (UTF-16), in
/// Windows-1252 or with an old Mac's line ends, which no command reads as a scenario until it
/// is mended, is a plan all the same. What no output replaces or appends to.
pub fn holds_a_scenario(path: &Path) -> bool {
    text_in_any_encoding(path).is_some_and(|text| Scenario::looks_like(&text))
}

/// Whether standard output is a file that holds a scenario ([`holds_a_scenario`], whatever its
/// name: a scenario named `plan` is one, and so is one half mended, with a typo in it): what the
/// shell appends to (`>> plan.toml`), which no output is appended to. A file the shell has
/// emptied (`>`) holds none, and is written as any other.
pub fn standard_output_holds_a_scenario() -> bool {
    let stdout = Path::new(STDOUT);
    // A scenario is a few kilobytes: a log of a megabyte and more is not read each run.
    let small = fs::metadata(stdout).is_ok_and(|m| m.is_file() && m.len() > 0 && m.len() < 1 << 20);
    // A scenario as an output judges one (`kept_from_outputs`): a backup with a typo in it
    // was appended to, where `--out` refused it, and so was a copy in another encoding.
    small && holds_a_scenario(stdout)
}

/// What a write to one of a command's outputs would replace that no output may
/// ([`first_clash`]).
#[derive(Debug)]
pub enum Clash<'a> {
    /// A scenario file being read.
    Read(&'a Source),
    /// Another of the outputs, by its place among them: one would replace the other.
    Output(usize),
    /// No file yet, named `.toml`: no output is TOML, and `eval *.toml` would take it for a
    /// scenario.
    NewToml,
    /// An existing file no output replaces ([`kept_from_outputs`]).
    Kept(Protected),
    /// The data a scenario being read was fitted to, as its fit note names it.
    Fitted(FittedData<'a>),
}

/// The first of `outputs` a write to which would replace what no output may, by its place
/// among them, and what: for each in turn, a scenario among `files` ([`being_read`]), an
/// output after it, a new file named `.toml` (one named as a scenario among `files` is for the
/// loader to say is not there), a file [`kept_from_outputs`], the data a scenario among
/// `files` was fitted to, `fitted` ([`fitted_to`]; where it is there: data not there is no
/// output's, whatever its name).
/// Standard output (`/dev/stdout`) is the file the shell points it at.
pub fn first_clash<'a>(
    outputs: &[&Path],
    files: &'a [Source],
    fitted: &[FittedData<'a>],
) -> Option<(usize, Clash<'a>)> {
    for (i, out) in outputs.iter().enumerate() {
        let an_input = files.iter().any(|f| Path::new(f.as_typed()) == *out);
        let clash = if let Some(file) = being_read(out, files) {
            Clash::Read(file)
        } else if let Some(other) = (outputs[i + 1..].iter())
            .position(|o| same_file(out, o) && !both_standard_output(out, o))
        {
            Clash::Output(i + 1 + other)
        } else if !out.exists() && !an_input && named_toml(out) {
            Clash::NewToml
        } else if let Some(kept) = kept_from_outputs(out) {
            Clash::Kept(kept)
        } else if let Some(data) = fitted
            .iter()
            .find(|f| f.path.exists() && same_file(out, &f.path))
        {
            Clash::Fitted(data.clone())
        } else {
            continue;
        };
        return Some((i, clash));
    }
    None
}

/// Whether `out` and `other` are both standard output (`--out - --draws -`): written into one
/// after the other, the shell's file as a terminal, never one replacing the other.
fn both_standard_output(out: &Path, other: &Path) -> bool {
    is_standard_output(out) && is_standard_output(other)
}

/// The scenario among `files` a write to `out` would replace: the same file, links followed as
/// the writer follows them (standard output, where the shell points it at one). A scenario
/// that is not there is for the loader to say so, not "would be replaced".
pub fn being_read<'a>(out: &Path, files: &'a [Source]) -> Option<&'a Source> {
    files
        .iter()
        .filter(|f| f.is_stdin() || f.path().exists())
        .find(|f| same_file(out, f.path()))
}

/// The scenario among `files` read from a pipe (or a FIFO, a socket) that `out` names too, by
/// any name (`cat plan.toml | eval /dev/fd/0 --draws /dev/stdin`, `eval <(cat plan.toml)
/// --draws /dev/fd/63`): written into the pipe it is read from, no one reads the output, and
/// past the pipe's buffer the write waits for good. A regular file is [`being_read`]'s; a
/// terminal or `/dev/null` is written into harmlessly.
pub fn the_pipe_read<'a>(out: &Path, files: &'a [Source]) -> Option<&'a Source> {
    let out = inode(out)?;
    files
        .iter()
        .find(|f| pipe_of(f).is_some_and(|pipe| FileId::of(&pipe) == out))
}

/// Whether the scenario `file` is read from a pipe or a socket (`cat plan.toml |`, `<(…)`),
/// which hands over what it holds only once read; a terminal waits for the user to type it.
pub fn from_a_pipe(file: &Source) -> bool {
    pipe_of(file).is_some()
}

/// What the pipe or socket the scenario `file` is read from is, where it is one.
fn pipe_of(file: &Source) -> Option<fs::Metadata> {
    use std::os::unix::fs::FileTypeExt as _;
    let meta = fs::metadata(file.path()).ok()?;
    let kind = meta.file_type();
    (kind.is_fifo() || kind.is_socket()).then_some(meta)
}

/// A data file a scenario's fit note names: the actuals, which no output replaces.
#[derive(Debug, Clone)]
pub struct FittedData<'a> {
    /// The scenario, as given.
    pub scenario: &'a Source,
    /// The data file as the note writes it, from the scenario's folder (`actuals/q.csv`).
    pub written: String,
    /// That file, from here.
    pub path: PathBuf,
}

/// The data files the fit notes on the scenario `files`' lines name (`attainment = … #
/// fitted by skypie fit to actuals/attainment.csv (n = 28)`; `fit --into` writes the path from
/// the folder of the file the scenario's links lead to). Regular files only: reading a pipe
/// (`-`, `/dev/fd/0`, `<(cat plan.toml)`) here would leave nothing for the run: a scenario
/// piped in is checked once read ([`may_be_fitted_data`]). A note on a line commented out is no
/// longer a value's. Each file is read for them here, once for all the outputs checked.
pub fn fitted_to(files: &[Source]) -> Vec<FittedData<'_>> {
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
        let real = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let folder = real.parent().unwrap_or(Path::new(""));
        let live = text
            .lines()
            .filter(|line| !line.trim_start().starts_with('#'));
        // Every reading of a note: the one a path holding ` (n = ` needs, and the one words
        // after the note need, are both kept from being overwritten.
        for (_, note) in live.flat_map(FitNote::readings) {
            found.push(FittedData {
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
pub fn piped(file: &Source) -> bool {
    !fs::metadata(file.path()).is_ok_and(|m| m.is_file())
}

/// The fit note of `scenario`, read from a pipe (`file`), whose data has the file name of
/// `out`, an existing file: its note names the data from the scenario's folder, which a pipe
/// has none of, so `out` may be the data it was fitted to. `None` for a scenario read from its
/// file (its data is found by [`first_clash`]) and for standard output.
pub fn may_be_fitted_data(out: &Path, file: &Source, scenario: &Scenario) -> Option<FitNote> {
    if !piped(file) || is_standard_output(out) || !out.is_file() {
        return None;
    }
    let name = out.file_name()?;
    let notes = scenario
        .fit_notes
        .values()
        .flat_map(|n| FitNote::readings(n));
    notes
        .map(|(_, note)| note)
        .find(|note| Path::new(&note.data).file_name() == Some(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outputs_clash_is_found_output_by_output_in_one_order() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan.toml");
        fs::write(&plan, skypie::scenario::TEMPLATE).unwrap();
        let files = [Source::file(&plan)];
        let csv = dir.path().join("x.csv");
        let new_toml = dir.path().join("new.toml");
        let clash = |outputs: &[&Path]| first_clash(outputs, &files, &fitted_to(&files));
        // The scenario being read is said before another output of the same name.
        assert!(matches!(clash(&[&plan, &plan]), Some((0, Clash::Read(_)))));
        assert!(matches!(clash(&[&csv, &csv]), Some((0, Clash::Output(1)))));
        // Output by output: the first is fine, the second a new `.toml` file.
        assert!(matches!(
            clash(&[&csv, &new_toml]),
            Some((1, Clash::NewToml))
        ));
        // A scenario named, not there, is for the loader to say so.
        let missing = [Source::file(&new_toml)];
        assert!(first_clash(&[&new_toml], &missing, &fitted_to(&missing)).is_none());
    }

    #[test]
    fn a_scenario_saved_in_another_encoding_is_kept_from_outputs() {
        // `eval q.toml --out lat.md` replaced lat.md, a Windows-1252 copy of a plan, and so a
        // UTF-16 one, with exit 0: read as UTF-8 they were no scenario.
        let dir = tempfile::tempdir().unwrap();
        let plan = skypie::scenario::TEMPLATE.replacen("# ", "# Überschlag — ", 1);
        let latin1: Vec<u8> = plan
            .chars()
            .map(|c| match c {
                '—' => 0x97,
                c => u8::try_from(u32::from(c)).unwrap_or(b'?'),
            })
            .collect();
        assert!(String::from_utf8(latin1.clone()).is_err());
        let little: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(plan.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let big_unmarked: Vec<u8> = plan.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let utf32: Vec<u8> = [0xff, 0xfe, 0, 0]
            .into_iter()
            .chain(plan.chars().flat_map(|c| u32::from(c).to_le_bytes()))
            .collect();
        let utf32_unmarked: Vec<u8> = plan
            .chars()
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect();
        for (name, bytes) in [
            ("lat.md", latin1),
            ("le.csv", little),
            ("be.json", big_unmarked),
            ("utf32.txt", utf32),
            ("utf32be.txt", utf32_unmarked),
        ] {
            let copy = dir.path().join(name);
            fs::write(&copy, bytes).unwrap();
            assert_eq!(
                kept_from_outputs(&copy),
                Some(Protected::Scenario(copy.clone())),
                "{name}"
            );
        }
        // Another file in another encoding is no scenario: replaced.
        let notes = dir.path().join("notes.md");
        fs::write(&notes, b"caf\xe9 au lait\n").unwrap();
        assert_eq!(kept_from_outputs(&notes), None);
    }

    #[test]
    fn a_comparison_csv_with_a_row_added_by_hand_is_said_changed_as_a_summary_is() {
        // It was "a file that is no skypie comparison", where a summary's is "changed".
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("plan.comparison.csv");
        let header = skypie::report::comparison::CSV_HEADER.join(",");
        fs::write(&csv, format!("{header}\nP,0.1,0.2,0.1\nmy note\n")).unwrap();
        let kept = other_than_an_earlier(&csv, OwnOutput::Comparison);
        assert!(kept.as_ref().is_some_and(|k| k.changed), "{kept:?}");
    }

    #[test]
    fn only_a_scenario_or_a_toml_file_is_kept_from_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan.toml");
        fs::write(&plan, skypie::scenario::TEMPLATE).unwrap();
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink("plan.toml", &link).unwrap();
        assert_eq!(
            kept_from_outputs(&plan),
            Some(Protected::Scenario(plan.clone()))
        );
        assert_eq!(
            kept_from_outputs(&link),
            Some(Protected::Scenario(plan.clone())),
            "where the link leads"
        );
        // A scenario half mended still is one; so is any TOML file, and a scenario by its text.
        let broken = dir.path().join("broken.toml");
        fs::write(&broken, "horizon_days = \n").unwrap();
        assert_eq!(
            kept_from_outputs(&broken),
            Some(Protected::Toml(broken.clone()))
        );
        let data = dir.path().join("data.csv");
        fs::write(&data, "n\n1\n").unwrap();
        let toml_link = dir.path().join("x.toml");
        std::os::unix::fs::symlink("data.csv", &toml_link).unwrap();
        assert_eq!(
            kept_from_outputs(&toml_link),
            None,
            "a link named .toml to a CSV file"
        );
        let named_otherwise = dir.path().join("plan.txt");
        fs::write(&named_otherwise, skypie::scenario::TEMPLATE).unwrap();
        assert!(matches!(
            kept_from_outputs(&named_otherwise),
            Some(Protected::Scenario(_))
        ));
        // A backup whose syntax slipped, which no TOML parser reads: `--out plan.toml.orig`
        // replaced it with exit 0. Its lines say what it is, under any of its slips.
        let slips = [
            ("revenue = \"2M\"", "revenue = 2M"),
            ("revenue = \"2M\"", "revenue: \"2M\""),
            ("reps = 4", "reps = 4\nreps = 5"),
            ("[market]", "[ market ]  # the whole market\nsize = 35M"),
        ];
        for (good, slipped) in slips {
            let backup = dir.path().join("plan.toml.orig");
            let text = skypie::scenario::TEMPLATE.replacen(good, slipped, 1);
            assert_ne!(text, skypie::scenario::TEMPLATE, "{good}");
            fs::write(&backup, text).unwrap();
            assert_eq!(
                kept_from_outputs(&backup),
                Some(Protected::Scenario(backup.clone())),
                "{slipped}"
            );
        }
        // A slip left open at the end (a list without its `]`), and a file with only one of
        // a scenario's marks, slipped: kept too.
        let open = skypie::scenario::TEMPLATE.replacen(
            "# [norms]\n# ignore = [\"capacity.ramp_days\"]",
            "[norms]\nignore = [\n  \"capacity.ramp_days\",",
            1,
        );
        let marks = [
            "[target]\nrevenue = 3M\n".to_string(),
            "schema = 1\nhorizon_days: 90\n".to_string(),
            "[market]\nsize = \"35M\"\nsize = \"40M\"\n".to_string(),
            // A table-written input over lines (TOML 1.1), a parameter unquoted.
            "[market]\nsize = { dist = \"normal\",\n  mean = 30M,\n  sd = \"5M\" }\n".to_string(),
            // A key and a table misspelt.
            "[target]\nrevnue = 6.5M\n".to_string(),
            "[market]\nsize = \"3M\"\n[targte\n".to_string(),
        ];
        for text in std::iter::once(open).chain(marks) {
            let backup = dir.path().join("plan.toml.orig");
            fs::write(&backup, &text).unwrap();
            assert_eq!(
                kept_from_outputs(&backup),
                Some(Protected::Scenario(backup.clone())),
                "{text}"
            );
        }
        // A log that begins with a scenario, its TOML ended by a line that is none (README's
        // `echo --- >> run.log`, a heading with a colon), then outputs: appended to, as README
        // says.
        let log = dir.path().join("run.log");
        for after in [
            "---\n",
            "=== Results ===\n",
            "Results:\n",
            "Note: the weekly run\n",
            "Run at 10:00\n",
            "[Run 2]\n",
            "[]\n",
            "[\n  {\n    \"name\": \"x\"\n",
            "name,file\nx,y\n",
        ] {
            fs::write(&log, format!("{}{after}", skypie::scenario::TEMPLATE)).unwrap();
            assert_eq!(kept_from_outputs(&log), None, "{after}");
        }
        let notes = dir.path().join("notes.txt");
        fs::write(&notes, "targets: [targetting] = 3M\nschemas\n").unwrap();
        assert_eq!(kept_from_outputs(&notes), None, "no scenario's lines");
        let csv = dir.path().join("summary.csv");
        fs::write(&csv, "name,file\n").unwrap();
        assert_eq!(kept_from_outputs(&csv), None, "not a scenario");
        assert_eq!(
            kept_from_outputs(&dir.path().join("new.toml")),
            None,
            "not there"
        );
        assert_eq!(
            kept_from_outputs(Path::new("/dev/null")),
            None,
            "written into"
        );
        assert_eq!(kept_from_outputs(dir.path()), None, "a folder");
    }
}
