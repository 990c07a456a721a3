//! The session log: one entry per edit or choice, shown in the log panel and appended as
//! Markdown to `<file>.session.md` on every save.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::history::How;
use super::protocol::{LogAppend, SESSION_HEADING, TABLE_HEAD};
use super::{App, Mode};
use crate::tui::worker::Computed;
use skypie::report::format::p_beside_verdicts;
use skypie::report::markdown::{code, escape};

/// One edit in the session log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub time: String,
    pub role: String,
    /// The dotted key, or `undo`/`redo` notes.
    pub input: String,
    pub old: String,
    pub new: String,
    pub p_before: Option<LoggedP>,
    pub p_after: Option<LoggedP>,
    /// The state of the scenario the edit produced.
    pub(super) generation: u64,
    /// The state it started from, whose figures are its P(feasible) before, where they come
    /// after it was made (`None` for a note, whose before is given).
    pub(super) from_generation: Option<u64>,
    /// How it was made: a nudge, undo or redo the next of the same input may join.
    pub(super) how: How,
    /// The plan as the entry's first change found it, for one the next may join: joined by
    /// one that goes back to it, the entry goes (`None` for any other).
    pub(super) started: Option<Box<skypie::scenario::Scenario>>,
}

/// A log entry's P(feasible) with the confidence of the state it is of: the row reads it
/// beside that state's verdicts, as the headline did then (a baseline pinned at 99% read `99%`
/// in a log written at 80%, where the headline had read `98.9%`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoggedP {
    pub p: f64,
    pub confidence: f64,
}

impl LoggedP {
    /// A log entry's P(feasible) before and after as the panel and the file show them: beside
    /// the verdicts at their states' confidences, or `…` while figures are not in (or were
    /// overtaken), never rounded onto a threshold of either side's confidence (`confidence 80%
    /// → 99%` read 98.954% as `99%` beside `98.9%`, a change the samples do not show).
    pub fn both_shown(before: Option<LoggedP>, after: Option<LoggedP>) -> [String; 2] {
        let confidences: Vec<f64> = [before, after]
            .iter()
            .flatten()
            .map(|p| p.confidence)
            .collect();
        [before, after]
            .map(|p| p.map_or("…".to_string(), |p| p_beside_verdicts(p.p, &confidences)))
    }

    /// The P(feasible) of the state `computed` is of, at its confidence.
    pub(super) fn of(computed: &Computed) -> LoggedP {
        LoggedP {
            p: computed.headline.p_feasible,
            confidence: computed.scenario.confidence,
        }
    }
}

/// Where the session log stands against the files it is appended to: indices into
/// [`App::log`] up to which it is written, saved and reloaded, and the text last appended.
#[derive(Default)]
pub(super) struct LogMarks {
    /// The log's entries before this index are in the open file's session log.
    pub(super) written: usize,
    /// `written` for every file this session saved with its log, the open one's as it was when
    /// the session left it for another: a save back to it appends only what its log lacks.
    pub(super) written_to: BTreeMap<PathBuf, usize>,
    /// The log's entries before this index are of what the last save wrote into the file. A
    /// save that wrote the file but could not append its session log leaves the entries from
    /// `written` to here saved yet in no log: quitting asks before they are lost.
    pub(super) saved: usize,
    /// The log's entries before this index end with a reload from disk, which dropped the
    /// unsaved edits among them: those past the last save are not the ones a session's end
    /// says were kept (or discarded).
    pub(super) reloaded: usize,
    /// What the last append to the file's session log wrote: a save's rows continue its table
    /// only while the log still ends with it ([`LogAppend::placed`]).
    pub(super) tail: String,
}

/// How far PgUp and PgDn page the Log tab from the page last drawn (drawing sets it), like a
/// pager: none is skipped, however many rows each entry wraps onto (at the top and the
/// bottom a page may show again some of the one before).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogPaging {
    /// The later entries the page drawn scrolled past: where PgUp and PgDn page from.
    pub later: usize,
    /// The entries the page shows, or the earlier ones left where fewer: PgUp makes the entry
    /// above the oldest shown the newest shown (a fixed three skipped one where two fit).
    pub back: usize,
    /// The later entries that fit a page from the one below the newest shown: PgDn makes that
    /// one the oldest shown.
    pub forward: usize,
}

impl App {
    /// Adds a log entry for a choice that changes no value (a pin, an export, a question left
    /// as it is): its P(feasible) before and after are the state's own.
    pub(super) fn note(&mut self, input: &str, old: String, new: String) {
        let p = self.figures_now();
        self.push_note(input, old, new, [p, p], How::Noted);
    }

    /// Adds a log entry for a choice that changes the plan, not by an edit (a reload, a
    /// merge): `before` is the P(feasible) of the state it left, and its "after" comes with
    /// the figures of the state the session is in now.
    pub(super) fn note_change(
        &mut self,
        input: &str,
        old: String,
        new: String,
        before: Option<LoggedP>,
    ) {
        self.push_note(input, old, new, [before, None], How::Set);
    }

    fn push_note(
        &mut self,
        input: &str,
        old: String,
        new: String,
        p: [Option<LoggedP>; 2],
        how: How,
    ) {
        // It shows in the log, as an edit does: scrolled back, the page shifted by one.
        self.log_back = 0;
        let [p_before, p_after] = p;
        self.log.push(LogEntry {
            time: time_of_day(&(self.clock)()),
            role: self.role().to_string(),
            input: input.to_string(),
            old,
            new,
            p_before,
            p_after,
            generation: self.generation,
            from_generation: None,
            how,
            started: None,
        });
    }

    /// The Markdown to append to `path`'s session log: the entries not written to it yet,
    /// under a section header the first time. A file other than the one this session last
    /// saved (a save under another name) gets the whole session, or, saved to before, what
    /// its log lacks (a save as `plan-2.toml` and back wrote the heading and every entry
    /// into `plan.toml`'s log again); nothing new, nothing at all.
    pub(super) fn session_log(&self, path: &Path) -> LogAppend {
        let from = if self.file.as_deref() == Some(path) {
            self.log_marks.written
        } else {
            self.log_marks.written_to.get(path).copied().unwrap_or(0)
        };
        if from == self.log.len() {
            return LogAppend::default();
        }
        let mut out = String::new();
        if from == 0 {
            out += &self.log_heading();
            out += TABLE_HEAD;
        }
        self.log_append(out + &self.log_rows(from..self.log.len()))
    }

    /// `text` to append to this session's log.
    fn log_append(&self, text: String) -> LogAppend {
        LogAppend {
            heading: self.heading_line(),
            text,
            after: self.log_marks.tail.clone(),
        }
    }

    /// Whether the last save wrote the file but not its session log: entries of saved states
    /// are in no log yet.
    pub(super) fn log_behind(&self) -> bool {
        self.log_marks.written < self.log_marks.saved
    }

    /// The Markdown to append to the file's session log when the session ends abruptly
    /// ([`App::ending`]): the rows since the last save under a line saying what became of their
    /// edits (kept in the recovery file `kept`, kept nowhere, or none unsaved), then a value
    /// being typed and not applied, so that it is not lost with the terminal.
    pub fn abrupt_end_log(&self, kept: Option<&Path>) -> LogAppend {
        // Named as seen from the log, which lies beside the file: beside it too.
        let kept = kept.map(|kept| {
            let beside = self.file.as_deref().and_then(Path::parent) == kept.parent();
            let name = match kept.file_name() {
                Some(name) if beside => PathBuf::from(name),
                _ => std::path::absolute(kept).unwrap_or_else(|_| kept.to_path_buf()),
            };
            code(&name.display().to_string())
        });
        let after_save = match &kept {
            // Kept for a value being typed alone, there were no edits.
            Some(name) if self.is_dirty() => format!(
                "\nThe session ended abruptly: the edits below were not saved. They are in \
                 {name}.\n"
            ),
            None if self.is_dirty() => "\nThe session ended abruptly: the edits among the rows \
                                        below were not saved, and no file could keep them.\n"
                .to_string(),
            _ => "\nThe session ended abruptly after the rows below, with nothing left \
                  unsaved.\n"
                .to_string(),
        };
        let typing = self.typing().map(|(key, text)| {
            let kept = kept.as_ref().map(|name| format!(" It is in {name}."));
            format!(
                "\nThe session ended while {} was typing a value for {}, not yet applied: {}.{}\n",
                escape(self.role()),
                code(&key),
                code(&text),
                kept.unwrap_or_default()
            )
        });
        self.ending(&after_save, typing)
    }

    /// The Markdown to append to the file's session log when the session is quit
    /// ([`App::ending`]): the rows since the last save under a line saying whether their edits
    /// were discarded. Quit without a save (or after a reload), the what-ifs of a meeting left
    /// no trace.
    pub fn quit_log(&self) -> LogAppend {
        let after_save = if self.is_dirty() {
            "\nThe session was quit without saving the edits among the rows below: they were \
             discarded.\n"
        } else {
            "\nThe session was quit after the rows below, with nothing left unsaved.\n"
        };
        self.ending(after_save, None)
    }

    /// What a session's end appends to its file's log: its heading when nothing of the session
    /// is in the log yet; the entries of saved states the log could not take when they were
    /// saved, under a line saying so; the rows since the last save under `after_save`; then
    /// `last`. Empty without a file (the built-in scenario keeps no log) or with nothing to say.
    fn ending(&self, after_save: &str, last: Option<String>) -> LogAppend {
        let saved = self.log_marks.written..self.log_marks.saved;
        // Rows since the last save that end with a reload: their edits were dropped then, and
        // are neither in a recovery file nor discarded by the quit ("the edits below were not
        // saved. They are in …" listed an edit the reload had dropped).
        let settled = self.log_marks.saved.max(self.log_marks.reloaded);
        let reloaded = self.log_marks.saved..settled;
        let after = settled..self.log.len();
        if self.file.is_none()
            || (saved.is_empty() && reloaded.is_empty() && after.is_empty() && last.is_none())
        {
            return LogAppend::default();
        }
        let mut out = if self.log_marks.written == 0 {
            self.log_heading()
        } else {
            String::new()
        };
        if !saved.is_empty() {
            out += "\nThe edits below were saved, but the session log could not be written then.\n";
            out += TABLE_HEAD;
            out += &self.log_rows(saved);
        }
        if !reloaded.is_empty() {
            out += "\nThe rows below end with a reload from disk, which dropped the unsaved edits \
                    among them.\n";
            out += TABLE_HEAD;
            out += &self.log_rows(reloaded);
        }
        if !after.is_empty() {
            out += after_save;
            out += TABLE_HEAD;
            out += &self.log_rows(after);
        }
        out += &last.unwrap_or_default();
        self.log_append(out)
    }

    /// What the value editor holds and has not applied: the input's key and the text, when
    /// it is neither empty nor the input's own value in any spelling ([`App::holds_already`]); also while the quit question Ctrl-C
    /// asked is open, as "stay" would bring it back.
    pub(super) fn typing(&self) -> Option<(String, String)> {
        match &self.mode {
            Mode::ConfirmQuit { .. } => self.unapplied(self.interrupted_edit.as_ref()?),
            mode => self.unapplied(mode),
        }
    }

    /// What the value editor `editing` holds and has not applied ([`App::typing`]).
    pub(super) fn unapplied(&self, editing: &Mode) -> Option<(String, String)> {
        match editing {
            Mode::Editing { item, input, .. }
                if !input.value().trim().is_empty()
                    && !self.holds_already(*item, input.value()) =>
            {
                Some((item.key(), input.value().to_string()))
            }
            _ => None,
        }
    }

    /// The session's heading in its log, as a paragraph.
    fn log_heading(&self) -> String {
        format!("\n{}\n", self.heading_line())
    }

    /// The session's heading line in its log: when it started and who took part.
    fn heading_line(&self) -> String {
        let names: Vec<String> = self.roles.iter().map(|r| escape(r)).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        format!(
            "{SESSION_HEADING}{} ({})",
            self.started,
            skypie::report::format::and_list(&names)
        )
    }

    /// The log's entries in `rows`, one table row each.
    fn log_rows(&self, rows: std::ops::Range<usize>) -> String {
        let mut out = String::new();
        for e in &self.log[rows] {
            let [before, after] = LoggedP::both_shown(e.p_before, e.p_after);
            // A name or a value reads as typed, never as markup or another column.
            let cell = escape;
            out += &format!(
                "| {} | {} | {} | {} | {} | {} | {} |\n",
                e.time,
                cell(&e.role),
                cell(&e.input),
                cell(&e.old),
                cell(&e.new),
                before,
                after
            );
        }
        out
    }
}

pub use crate::files::names::session_log_name;

/// `14:02:11` from the clock's `2026-11-23 14:02:11`.
pub(super) fn time_of_day(stamp: &str) -> String {
    stamp
        .split_once(' ')
        .map_or(stamp, |(_, time)| time)
        .to_string()
}
