//! What is drawn over the screen: the value editor, help, and the session's questions
//! (quit, baseline, a file changed on disk, merge, reload, save as, recovered edits, what to
//! export). Their
//! keys come from the key maps in [`crate::tui::keys`].

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};
use tui_input::Input;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{Theme, cut_to, wrapped_height};
use crate::tui::app::{App, Conflict, Mode, NO_BASELINE, Recovery, Relinked, Resolving, Suggested};
use crate::tui::conflict::{files_value, keys};
use crate::tui::item::Item;
use crate::tui::keys::{
    CONFIRM_BASELINE, CONFIRM_QUIT, CONFIRM_RELOAD, CONFLICT, ConflictAnswer, EDITOR, EXPORT,
    ExportChoice, Keymap, OFFER_RECOVERY, RESOLVING, RecoveryAnswer, SAVE_AS, help_rows, keys_line,
};
use skypie::report::format;
use skypie::text::shown_path;

/// A centred rectangle of the given size, inside `area`.
fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// A dialog's width on a screen of `area`: at most 76 columns.
fn dialog_width(area: Rect) -> u16 {
    area.width.min(76)
}

/// The columns inside a dialog's frame on a screen of `area`.
fn inner_width(area: Rect) -> usize {
    dialog_width(area).saturating_sub(2) as usize
}

/// Draws a framed text over the screen, as tall as its text needs (wrapped to the dialog's
/// width), and returns the area inside the frame. On a screen too short for all of it, its
/// start shows (see [`question`] for one whose answers must).
fn dialog(frame: &mut Frame, area: Rect, title: &str, text: Text<'static>) -> Rect {
    framed(frame, area, title, text, false)
}

/// Draws a question: a [`dialog`] whose end, its answers, stays in view on a screen too short
/// for all of it (a window shrunk to 20×5 while it is open), the text above cut from the top.
fn question(frame: &mut Frame, area: Rect, title: &str, text: Text<'static>) {
    framed(frame, area, title, text, true);
}

/// The columns cleared for a dialog at `rect` on a screen of `area`: a blank column either
/// side, where the screen has one, or the whole side where it leaves six or fewer: a
/// letter of the panel beneath beside the frame read as part of it ("╝e" at 80×24), and at
/// 81 to 85 columns a panel's letter and edge beyond the blank column read as one ("║ M│").
fn cleared_beside(rect: Rect, area: Rect) -> Rect {
    /// Columns beside a dialog that are cleared whole rather than shown.
    const FEW: u16 = 6;
    let left_gap = rect.x.saturating_sub(area.x);
    let right_gap = area.right().saturating_sub(rect.right());
    let left = if left_gap <= FEW { left_gap } else { 1 };
    let right = if right_gap <= FEW { right_gap } else { 1 };
    Rect {
        x: rect.x - left,
        width: rect.width + left + right,
        ..rect
    }
}

/// [`dialog`] and [`question`]: `keep_end` shows the end of a text taller than the screen.
fn framed(frame: &mut Frame, area: Rect, title: &str, text: Text<'static>, keep_end: bool) -> Rect {
    let width = dialog_width(area);
    let inner_width = inner_width(area);
    let height: usize = text
        .lines
        .iter()
        .map(|line| wrapped_height(&line.to_string(), inner_width))
        .sum();
    let rect = centred(area, width, (height as u16).saturating_add(2));
    frame.render_widget(Clear, cleared_beside(rect, area));
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(format!(" {title} "));
    let inner = block.inner(rect);
    let rows = usize::from(inner.height);
    let paragraph = if keep_end && height > rows {
        match fitted(&text, inner_width, rows) {
            Some(fitted) => Paragraph::new(fitted),
            None => {
                // Each line on one row, cut at the frame, so that every answer the rows
                // allow shows.
                let hidden = text.lines.len().saturating_sub(rows);
                Paragraph::new(text).scroll((u16::try_from(hidden).unwrap_or(u16::MAX), 0))
            }
        }
    } else {
        Paragraph::new(text).wrap(Wrap { trim: false })
    };
    frame.render_widget(paragraph.block(block), rect);
    inner
}

/// A question taller than its `rows` of `width`: its answers (the lines after its last blank
/// line) each on a row, and above them as much of what it says as the rows left hold,
/// wrapped, cut with "…" (at 30×10 the quit question's sentence was cut at the frame after
/// its first words, three rows left empty under the answers). `None` where the answers and
/// one row of it do not fit.
fn fitted(text: &Text<'static>, width: usize, rows: usize) -> Option<Text<'static>> {
    let lines = &text.lines;
    let blank = lines.iter().rposition(|line| line.width() == 0)?;
    let answers = &lines[blank + 1..];
    let room = rows
        .checked_sub(answers.len() + 1)
        .filter(|room| *room > 0)?;
    // A line that fits a row stays as it is, styled; a longer one is wrapped, its indent kept.
    let mut said: Vec<Line<'static>> = Vec::new();
    for line in &lines[..blank] {
        if line.width() <= width {
            said.push(line.clone());
            continue;
        }
        let text = line.to_string();
        let indent = text.len() - text.trim_start_matches(' ').len();
        let indent = if indent < width / 2 { indent } else { 0 };
        let rows = super::wrap_rows(&text[indent..], width.saturating_sub(indent));
        // In the style it starts with (a note in grey is grey throughout).
        let style = line.spans.first().map_or(line.style, |span| span.style);
        let rows = rows
            .into_iter()
            .map(|row| format!("{}{row}", &text[..indent]));
        said.extend(rows.map(|row| Line::from(Span::styled(row, style))));
    }
    if said.len() > room {
        said.truncate(room);
        if let Some(last) = said.last_mut() {
            // `…` after the last word, never after a space; the line's own style kept.
            let style = last.spans.first().map_or(last.style, |span| span.style);
            let cut = cut_to(&format!("{last}…"), width);
            let cut = format!("{}…", cut.trim_end_matches('…').trim_end());
            *last = Line::from(Span::styled(cut, style));
        }
    }
    let mut fitted = said;
    fitted.push(Line::from(""));
    fitted.extend(answers.iter().cloned());
    Some(Text::from(fitted))
}

/// A question's answers, from its key map: each key and what it does, for the answers
/// `offered` lets the question give.
fn answers<A: Copy>(map: &Keymap<A>, offered: impl Fn(A) -> bool) -> Vec<Line<'static>> {
    answers_saying(map, offered, |_| None)
}

/// [`answers`], an answer's words replaced where `says` has other words for it (what it does
/// here, where its keymap's words are not true).
fn answers_saying<A: Copy>(
    map: &Keymap<A>,
    offered: impl Fn(A) -> bool,
    says: impl Fn(A) -> Option<&'static str>,
) -> Vec<Line<'static>> {
    // The answers' words in one column, two spaces past the longest label (`k n Esc`).
    let width = map
        .bindings
        .iter()
        .map(|binding| binding.label.chars().count() + 2)
        .max()
        .unwrap_or(0)
        .max(7);
    map.bindings
        .iter()
        .filter(|binding| binding.keys.iter().all(|(_, action)| offered(*action)))
        .map(|binding| {
            Line::from(vec![
                Span::styled(
                    format!("{:<width$}", binding.label),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(
                    (binding.keys.first())
                        .and_then(|(_, action)| says(*action))
                        .unwrap_or(binding.what),
                ),
            ])
        })
        .collect()
}

/// Draws what the mode puts over the screen: the editor, help, or a question.
pub(super) fn draw_overlay(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    match &app.mode {
        Mode::Editing { item, input, error } => {
            draw_editor(app, frame, area, theme, *item, input, error.as_deref());
        }
        Mode::SavingAs(name) => draw_save_as(app, frame, area, name),
        Mode::Help { keys_alone } => draw_help(app, frame, area, *keys_alone),
        Mode::ConfirmQuit { .. } => {
            let mut lines = vec![Line::from(app.quit_question()), Line::from("")];
            lines.extend(answers(&CONFIRM_QUIT, |answer| app.offers(answer)));
            question(frame, area, "Quit?", Text::from(lines));
        }
        Mode::ConfirmBaseline => {
            // As the headline's `vs baseline` reads it: beside the verdicts of the baseline's
            // confidence and today's, never rounded onto either's threshold.
            let pinned = app.baseline.as_ref().map_or_else(String::new, |b| {
                let confidences = [b.scenario.confidence, app.scenario.confidence];
                format::p_beside_verdicts(b.headline.p_feasible, &confidences)
            });
            let mut lines = vec![
                Line::from(format!("A baseline is pinned (P(feasible) {pinned}).")),
                Line::from(""),
            ];
            lines.extend(answers(&CONFIRM_BASELINE, |_| true));
            question(frame, area, "Baseline", Text::from(lines));
        }
        Mode::Conflict(conflict) => draw_conflict(app, frame, area, conflict),
        Mode::Resolving(resolving) => draw_resolving(app, frame, area, resolving),
        Mode::ConfirmReload(conflict) => draw_reload(app, frame, area, conflict),
        Mode::OfferRecovery(recovery) => draw_recovery(frame, area, recovery),
        Mode::ChoosingExport => draw_export(app, frame, area),
        Mode::Normal | Mode::Finding { .. } => {}
    }
}

/// "Reload?": the unsaved edits a reload drops, or why the file cannot be reloaded now (it
/// changed while asked: broken, deleted, or its link re-pointed at another plan), and then
/// only the way back. It asked "Reload plan.toml from disk?" of a link now leading elsewhere,
/// whose `y` could only refuse.
fn draw_reload(app: &App, frame: &mut Frame, area: Rect, conflict: &Conflict) {
    let path = shown_path(&conflict.path);
    let why_not = match (&conflict.relinked, &conflict.sides) {
        (Some(Relinked { was, now }), _) if !conflict.link_replaced() => Some(format!(
            "{path} now leads to {}, another plan: it led to {} when this session opened or \
             saved it.",
            shown_path(now),
            shown_path(was)
        )),
        (_, Err(why)) => Some(format!("{why}.")),
        (_, Ok(_)) => None,
    };
    let mut lines = match why_not {
        Some(why) => vec![
            Line::from(format!(
                "{path} cannot be reloaded now: it changed on disk again."
            )),
            Line::from(why),
        ],
        None => vec![
            Line::from(format!("Reload {path} from disk?")),
            Line::from(format!(
                "This session's unsaved edits are dropped: {}.",
                app.unsaved_keys()
            )),
        ],
    };
    lines.push(Line::from(""));
    lines.extend(answers(&CONFIRM_RELOAD, |a| conflict.offers_on_reload(a)));
    question(frame, area, "Reload?", Text::from(lines));
}

/// The value editor: the text, what the input is, an example, its keys, what is worth
/// knowing about the input (a benchmark it is far outside, a correlation without effect), and
/// the last refusal.
fn draw_editor(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
    item: Item,
    input: &Input,
    error: Option<&str>,
) {
    let (what, example) = match item {
        Item::Field(field) => (
            field.description().to_string(),
            field.examples().join(" · "),
        ),
        Item::Correlation(a, b) => (
            format!(
                "How {} and {} move together: a Spearman rank correlation from -1 to 1 (0: \
                 independent)",
                a.key(),
                b.key()
            ),
            "0.5 · -0.3 · 0".to_string(),
        ),
    };
    let width = inner_width(area);
    let rows = |notes: &[Line]| -> usize {
        notes
            .iter()
            .map(|line| wrapped_height(&line.to_string(), width))
            .sum()
    };
    let mut notes = vec![
        Line::from(what).dark_gray(),
        Line::from(format!("e.g. {example}")).dark_gray(),
        Line::from(keys_line(&EDITOR)).dark_gray(),
    ];
    if let Some(note) = match item {
        Item::Field(field) => app.fit_note(field),
        Item::Correlation(..) => None,
    } {
        let said = format!("{note}: a value typed replaces the fit");
        notes.insert(1, Line::from(said).dark_gray());
    }
    // `usd 450k`: what the letters did before the `4` opened this, where the status line is hidden.
    if let Some(said) = app.letters_before_value() {
        let said = within_rows(said, width, NOTE_ROWS);
        notes.push(Line::from(Span::styled(said, theme.fg(Color::Yellow))));
    }
    // What is known about the value now, unless the typed text is refused: stacked above the
    // refusal, a target's "less than $100" read as said of the `-5M` typed.
    if let Some(caveat) = app.caveat(item).filter(|_| error.is_none()) {
        let caveat = within_rows(&caveat, width, NOTE_ROWS);
        notes.push(Line::from(Span::styled(caveat, theme.fg(Color::Yellow))));
    }
    if let Some(error) = error {
        // A refusal takes the rows the screen leaves beside the field's own (NOTE_ROWS at
        // least): cut, a correlation's second way out ("or `a ~ b` from 0.5 to 0.4") was lost.
        let spare = usize::from(area.height).saturating_sub(2 + FIELD_ROWS + 1 + rows(&notes));
        let error = within_rows(error, width, spare.max(NOTE_ROWS));
        notes.push(Line::from(Span::styled(error, theme.fg(Color::Red))));
    }
    // The text takes what the frame and the notes below it leave, up to FIELD_ROWS: a long
    // paste shows the rows around the cursor, so the reason for a refusal stays in view.
    let room = usize::from(area.height).saturating_sub(2 + 1 + rows(&notes));
    let field = FieldRows::new(input, width, room.clamp(1, FIELD_ROWS));
    let mut lines = field.lines(Style::new());
    lines.push(Line::from(field.hidden()).dark_gray());
    lines.extend(notes);
    let inner = dialog(frame, area, &item.key(), Text::from(lines));
    field.place_cursor(frame, inner, 0);
}

/// The name to save under (dimmed, and said to be, while it is the untouched suggestion),
/// with why it is asked and its keys.
fn draw_save_as(app: &App, frame: &mut Frame, area: Rect, name: &Suggested) {
    let why = if app.file.is_none() {
        "The built-in scenario has no file. Save it as:"
    } else {
        "Save this session's version as:"
    };
    let (style, note) = if name.untouched {
        (
            Style::new().add_modifier(Modifier::DIM),
            "a suggestion: typing replaces it; ← → or Backspace edit it",
        )
    } else {
        (Style::new(), "")
    };
    // The label above the field, as a form reads; the name takes a few rows at most.
    let width = inner_width(area);
    let field = FieldRows::new(&name.input, width, FIELD_ROWS);
    let mut lines = vec![Line::from(why).dark_gray()];
    lines.extend(field.lines(style));
    lines.push(Line::from(note).dark_gray());
    lines.push(Line::from(keys_line(&SAVE_AS)).dark_gray());
    let inner = dialog(frame, area, "Save as", Text::from(lines));
    field.place_cursor(frame, inner, wrapped_height(why, width) as u16);
}

/// Every key, from the key maps.
fn draw_help(app: &App, frame: &mut Frame, area: Rect, keys_alone: bool) {
    let together = app.roles.len() > 1;
    // One person alone has no one to pass the keyboard to: neither the line nor `r`.
    let intro = [
        "Two people, one keyboard: the title bar shows who is editing.",
        LEGEND[0],
        LEGEND[1],
        "",
    ];
    let intro = &intro[usize::from(!together)..];
    // The status line shows only the first warning about no input ("! 1 of 2: …"), cut where
    // long, and sends here to read it whole: every one is here, above the keys.
    let unmarked: Vec<String> = app
        .said()
        .about_no_input
        .into_iter()
        .map(|w| format!("! {w}"))
        .collect();
    // Over the warnings, `?` shows the keys alone rather than closing help: its row says so.
    let first_page = !unmarked.is_empty() && !keys_alone;
    let keys: Vec<String> = help_rows(together)
        .into_iter()
        .map(|(keys, what)| match keys {
            "?" if first_page => format!("{keys:<11}the keys alone; any other key closes help"),
            _ => format!("{keys:<11}{what}"),
        })
        .collect();
    let mut lines: Vec<String> = intro.iter().map(|t| t.to_string()).collect();
    if first_page {
        let width = inner_width(area);
        let rows =
            |texts: &[String]| -> usize { texts.iter().map(|t| wrapped_height(t, width)).sum() };
        // The title and hint rows are left in view; the frame is two more.
        let inner = usize::from(area.height).saturating_sub(2 + 2);
        lines = warnings_above_keys(unmarked, keys, inner, rows);
    } else {
        lines.extend(keys);
    }
    dialog(
        frame,
        area,
        "Keys",
        Text::from(lines.into_iter().map(Line::from).collect::<Vec<_>>()),
    );
}

/// The help's legend of the inputs list's marks.
const LEGEND: [&str; 2] = [
    "In the list, • marks an input changed in this session (saved or not),",
    "and ! one with a warning: picked, the status line says it.",
];

/// The help's first page where there are warnings about no input, in `inner` rows (`rows`
/// counts those texts take): the legend of • and !, the warnings under a heading, then the
/// keys. Where all of it does not fit, the warnings stay whole, as the status line promises
/// (at 80×24 two were cut to a row each, and said nowhere whole): the heading and the legend
/// give way first, then the last keys, with a row saying that `?` shows every key (the keys
/// alone, [`Mode::Help`]); warnings taller than the screen are shown as many as fit whole,
/// with the count of the rest.
fn warnings_above_keys(
    warnings: Vec<String>,
    keys: Vec<String>,
    inner: usize,
    rows: impl Fn(&[String]) -> usize,
) -> Vec<String> {
    const HEADING: &str = "Warnings not about one input:";
    let legend: Vec<String> = LEGEND.map(String::from).to_vec();
    let heading = vec![HEADING.to_string()];
    let blank = vec![String::new()];
    let all = [&legend, &heading, &warnings, &blank, &keys];
    if all.iter().map(|part| rows(part)).sum::<usize>() <= inner {
        return all.into_iter().flatten().cloned().collect();
    }
    // Without the heading and the blank row, the legend kept (docs/SESSION.md, `?`).
    if rows(&legend) + rows(&warnings) + rows(&keys) <= inner {
        return [legend, warnings, keys].concat();
    }
    if rows(&warnings) + rows(&keys) <= inner {
        return [warnings, keys].concat();
    }
    let more = |n: usize| format!("… and {n} more keys: ? shows every key");
    // The warnings whole, the keys that fit below them and a row for the rest.
    // How many of `texts`, from the first, fit in `room` rows.
    let fitting = |texts: &[String], room: usize| {
        let mut left = room;
        texts
            .iter()
            .take_while(|text| {
                let taken = rows(std::slice::from_ref(*text));
                let fits = taken <= left;
                left = left.saturating_sub(taken);
                fits
            })
            .count()
    };
    let mut lines = warnings.clone();
    if rows(&lines) + 1 < inner {
        let shown = fitting(&keys, inner - rows(&lines) - 1);
        lines.extend(keys[..shown].iter().cloned());
        lines.push(more(keys.len() - shown));
        return lines;
    }
    // Taller than the screen: those that fit whole, and the count of the rest.
    let fit = fitting(&warnings, inner.saturating_sub(1));
    let mut lines: Vec<String> = warnings[..fit].to_vec();
    lines.push(if fit == warnings.len() {
        more(keys.len())
    } else {
        format!(
            "… and {} more: a taller window shows them, as skypie eval FILE does; ? shows the \
             keys",
            warnings.len() - fit
        )
    });
    lines
}

/// A save found the file changed (or, saving as, another file already there): what differs
/// on each side, and the answers it offers.
fn draw_conflict(app: &App, frame: &mut Frame, area: Rect, conflict: &Conflict) {
    let (title, first) = if conflict.link_replaced() {
        ("The link is a file now", String::new())
    } else if conflict.relinked.is_some() {
        ("The link leads to another file", String::new())
    } else if let Some(now) = &conflict.moved_to {
        (
            "Another file is where the plan was",
            format!(
                "is another file, put where this session's plan was: the plan was moved with its \
                 folder, and is now {} (S and that name saves there; no merge: these edits are \
                 that plan's).",
                shown_path(now)
            ),
        )
    } else if conflict.same_file {
        (
            "The file changed on disk",
            "changed on disk since this session opened or saved it.".to_string(),
        )
    } else {
        ("The file already exists", "already exists.".to_string())
    };
    let mut lines = vec![Line::from(match &conflict.relinked {
        // (`sed -i` and some editors write a file in a link's place: "link.toml now leads to
        // link.toml, another file" read as another plan, and `y` undid the edit made there.)
        Some(Relinked { was, .. }) if conflict.link_replaced() => format!(
            "{} is no longer a link: a file stands in its place, the plan edited there (as \
             `sed -i` and some editors leave it); it led to {} when this session opened or \
             saved it, which stays as it is (an answer writes into {}).",
            shown_path(&conflict.path),
            shown_path(was),
            shown_path(&conflict.path)
        ),
        Some(Relinked { was, now }) => format!(
            "{} now leads to {}, another file: it led to {} when this session opened or saved \
             it (an answer writes into the file it leads to now).",
            shown_path(&conflict.path),
            shown_path(now),
            shown_path(was)
        ),
        None => format!("{} {first}", shown_path(&conflict.path)),
    })];
    // Where no merge is offered (a file put where the plan was), none is spoken of.
    let merges = conflict.offers(ConflictAnswer::Merge);
    match &conflict.sides {
        Ok(sides) => {
            // Keys the session does not edit (a name, comments): an overwrite loses them.
            let them = |n: usize| {
                // "comments or layout" are more than one thing too.
                if n == 1 && !sides.theirs_else[0].contains(" or ") {
                    "it"
                } else {
                    "them"
                }
            };
            let note = match sides.theirs_else.len() {
                0 => String::new(),
                _ if !conflict.offers(ConflictAnswer::Overwrite) => String::new(),
                _ if !merges => format!(" (y writes over the {})", sides.theirs_else.join(", ")),
                n => format!(
                    " (y writes over the {}; m keeps {})",
                    sides.theirs_else.join(", "),
                    them(n)
                ),
            };
            lines.push(Line::from(format!(
                "Changed there: {}{note}",
                sides.theirs_said()
            )));
            lines.push(Line::from(format!("Changed here:  {}", keys(&sides.ours))));
            if !sides.both.is_empty() {
                lines.push(Line::from(format!(
                    "Changed on both sides{}: {}",
                    if merges { " (merge asks)" } else { "" },
                    keys(&sides.both)
                )));
            }
        }
        Err(why) => lines.push(Line::from(why.clone())),
    }
    lines.push(Line::from(""));
    // No unsaved edits here: R's "drops this session's edits" read beside "Changed here: none".
    let reload_drops = match (conflict.edits_here, app.has_undone_edits()) {
        (true, _) => None,
        (false, true) => Some("reload it from disk (drops the undone edits Ctrl-R brings back)"),
        (false, false) => Some("reload it from disk (this session has no edits to drop)"),
    };
    lines.extend(answers_saying(
        &CONFLICT,
        |answer| conflict.offers(answer),
        |answer| reload_drops.filter(|_| answer == ConflictAnswer::Reload),
    ));
    question(frame, area, title, Text::from(lines));
}

/// One key changed on both sides (or a table the file removed): both values, and the answers.
fn draw_resolving(app: &App, frame: &mut Frame, area: Rect, resolving: &Resolving) {
    let both = resolving.both();
    let Some(item) = both.get(resolving.next) else {
        return;
    };
    let on_disk = &resolving.conflict.on_disk;
    let sides = resolving.conflict.sides.as_ref().ok();
    let questions = sides.map(|s| s.questions()).unwrap_or_default();
    let number = questions
        .iter()
        .position(|q| q.contains(&resolving.next))
        .map_or(1, |n| n + 1);
    let asked = &both[resolving.question()];
    let removed = sides.and_then(|s| s.removed_table_of(*item));
    // A table removed is none, its keys this session's all shown; a key's value in the file
    // is the one the session log names if this session's replaces it.
    let (ours, theirs) = match *item {
        _ if let Some(table) = removed => (
            asked
                .iter()
                .map(|k| format!("{} {}", k.key(), app.item_text(*k)))
                .collect::<Vec<_>>()
                .join(", "),
            format!("no [{}]: the table was removed", table.name()),
        ),
        _ => (
            app.item_text(*item),
            files_value(on_disk, *item).unwrap_or_else(|| "(left out: the default)".to_string()),
        ),
    };
    let mut lines = vec![
        Line::from(format!(
            "{} changed on both sides ({number} of {}):",
            keys(asked),
            questions.len().max(1)
        )),
        Line::from(format!("  this session: {ours}")),
        Line::from(format!("  the file:     {theirs}")),
    ];
    if let Some(table) = removed {
        lines.push(Line::from(format!(
            "One answer for the whole [{table}]: o writes this session's [{table}] back whole, \
             t keeps it removed.",
            table = table.name()
        )));
    }
    lines.push(Line::from(""));
    lines.extend(answers(&RESOLVING, |_| true));
    question(frame, area, "Merge", Text::from(lines));
}

/// A recovery file: the values it would change (the first few), and the answers.
fn draw_recovery(frame: &mut Frame, area: Rect, recovery: &Recovery) {
    const SHOWN: usize = 6;
    let older = match recovery.older {
        0 => String::new(),
        1 => " (1 older recovery file beside it)".to_string(),
        n => format!(" ({n} older recovery files beside it)"),
    };
    // A value being typed alone is no edit: said as what it is, and `l` as what it does.
    let typed_alone = recovery.changes.is_empty();
    let holds = if typed_alone {
        "a value being typed when its session ended abruptly"
    } else {
        "edits from a session that ended abruptly"
    };
    let mut lines = vec![Line::from(format!(
        "{} holds {holds}{older}:",
        shown_path(&recovery.path)
    ))];
    let shown = &recovery.changes[..recovery.changes.len().min(SHOWN)];
    let key_width = shown
        .iter()
        .map(|change| change.item.key().len())
        .max()
        .unwrap_or(0);
    for change in shown {
        let key = change.item.key();
        let (from, to) = &change.shown;
        lines.push(Line::from(format!("  {key:<key_width$}  {from} → {to}")));
    }
    if recovery.changes.len() > SHOWN {
        lines.push(Line::from(format!(
            "  … and {} more",
            recovery.changes.len() - SHOWN
        )));
    }
    if let Some((key, typed)) = &recovery.typed {
        lines.push(Line::from(format!(
            "{key}: {typed} was being typed, not entered; l puts it back in its editor."
        )));
    }
    if let Some((pinned_at, _)) = &recovery.baseline {
        let at = crate::tui::recovery::clock_time(pinned_at);
        let loads = if typed_alone { "" } else { "loads them and " };
        lines.push(Line::from(format!(
            "l {loads}pins again the baseline pinned at {at}."
        )));
    }
    // Someone saved an edited input since: loading writes over that save.
    let since: Vec<String> = recovery
        .changes
        .iter()
        .filter_map(|change| {
            Some(format!(
                "{} (was {})",
                change.item.key(),
                change.was.as_ref()?
            ))
        })
        .collect();
    // The first few by name, as the changes are: the answers stay on screen.
    const NAMED: usize = 3;
    if !since.is_empty() {
        let more = match since.len().saturating_sub(NAMED) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        lines.push(Line::from(format!(
            "Saved on disk since these edits: {}{more}; l writes over that.",
            since[..since.len().min(NAMED)].join(", ")
        )));
    }
    if !recovery.not_offered.is_empty() {
        let stay = if recovery.not_offered.len() > 1 {
            "they stay"
        } else {
            "it stays"
        };
        lines.push(Line::from(format!(
            "Not offered: {}, of {}, which the file no longer has; {stay} in the recovery file.",
            keys(&recovery.not_offered),
            crate::tui::item::tables(&recovery.not_offered)
        )));
    }
    if recovery.saved_since {
        // Someone saved the file after the session ended: its values may be the newer ones.
        lines.push(Line::from(
            "The file was saved after these edits were kept: its values may be newer.",
        ));
    }
    // A newer one's edits may be newer than these: it is said, and left for the user to see to.
    // The newest is named with why; past it a count, so that the answers stay on screen.
    if let Some((path, why)) = recovery.unreadable.first() {
        lines.push(Line::from(format!(
            "A newer recovery file, {}, could not be read: {why}; it is left on disk.",
            shown_path(path)
        )));
    }
    match recovery.unreadable.len() {
        0 | 1 => {}
        2 => lines.push(Line::from("One more newer one could not be read either.")),
        n => lines.push(Line::from(format!(
            "{} more newer ones could not be read either.",
            n - 1
        ))),
    }
    lines.push(Line::from(""));
    lines.extend(answers_saying(
        &OFFER_RECOVERY,
        |_| true,
        |answer| {
            (typed_alone && answer == RecoveryAnswer::Load)
                .then_some("put the value back in its editor")
        },
    ));
    let title = if typed_alone {
        "Recovered value"
    } else {
        "Recovered edits"
    };
    question(frame, area, title, Text::from(lines));
}

/// `e`: where the files go, and the exports it offers (the comparison with a baseline).
fn draw_export(app: &App, frame: &mut Frame, area: Rect) {
    let beside = match &app.file {
        Some(file) => format!("beside {}", shown_path(file)),
        None => "in the current folder".to_string(),
    };
    let mut names: Vec<String> = [
        ExportChoice::Summary,
        ExportChoice::Board,
        ExportChoice::Comparison,
    ]
    .into_iter()
    .filter(|choice| app.offers_export(*choice))
    .map(|choice| app.export_names(choice))
    .collect();
    let last = names.pop().unwrap_or_default();
    let names = if names.is_empty() {
        last
    } else {
        format!("{} or {last}", names.join(", "))
    };
    let mut lines = vec![Line::from(format!(
        "Write the figures as they are now, {beside}, to {names}:"
    ))];
    if !app.offers_export(ExportChoice::Comparison) {
        lines.push(Line::from(format!("({NO_BASELINE}.)")).dark_gray());
    }
    lines.push(Line::from(""));
    lines.extend(answers(&EXPORT, |choice| app.offers_export(choice)));
    question(frame, area, "Export", Text::from(lines));
}

/// The most rows a text field takes in a dialog (a longer text shows the rows around the
/// cursor), so that a 2,000-character paste leaves the dialog on the screen.
const FIELD_ROWS: usize = 5;

/// The most rows the editor gives a refusal or a caveat; past them it is cut with `…`.
const NOTE_ROWS: usize = 4;

/// A text field laid out in rows of the dialog's width, cut anywhere as a terminal wraps a
/// long line, of which the rows around the cursor are shown.
struct FieldRows {
    /// The rows shown.
    rows: Vec<String>,
    /// The cursor's column and its row among those shown.
    cursor: (usize, usize),
    /// How many rows are above and below those shown.
    above: usize,
    below: usize,
}

impl FieldRows {
    /// `input` in rows of `width` columns, at most `shown` of them: from the first, or, for a
    /// text longer than that, up to the cursor's row (the end of a paste).
    fn new(input: &Input, width: usize, shown: usize) -> FieldRows {
        let width = width.max(1);
        let mut rows = vec![String::new()];
        let (mut column, mut cursor) = (0, None);
        for (i, c) in input.value().chars().enumerate() {
            let wide = c.width().unwrap_or(0);
            if column + wide > width {
                rows.push(String::new());
                column = 0;
            }
            if i == input.cursor() {
                cursor = Some((column, rows.len() - 1));
            }
            rows.last_mut().expect("one row at least").push(c);
            column += wide;
        }
        let cursor = cursor.unwrap_or_else(|| {
            if column >= width {
                rows.push(String::new());
                column = 0;
            }
            (column, rows.len() - 1)
        });
        let shown = shown.max(1);
        let above = (cursor.1 + 1).saturating_sub(shown);
        let below = rows.len().saturating_sub(above + shown);
        let rows: Vec<String> = rows.into_iter().skip(above).take(shown).collect();
        FieldRows {
            rows,
            cursor: (cursor.0, cursor.1 - above),
            above,
            below,
        }
    }

    /// The rows shown, as the dialog's lines.
    fn lines(&self, style: Style) -> Vec<Line<'static>> {
        self.rows
            .iter()
            .map(|row| Line::styled(row.clone(), style))
            .collect()
    }

    /// What is not shown (`↑ 22 rows above`), or nothing when the whole text is.
    fn hidden(&self) -> String {
        let rows = |n: usize| {
            if n == 1 {
                "1 row".to_string()
            } else {
                format!("{n} rows")
            }
        };
        let mut parts = Vec::new();
        if self.above > 0 {
            parts.push(format!("↑ {} above", rows(self.above)));
        }
        if self.below > 0 {
            parts.push(format!("↓ {} below", rows(self.below)));
        }
        parts.join(" · ")
    }

    /// Puts the terminal's cursor on the field, whose first row is `top` rows into `inner`.
    fn place_cursor(&self, frame: &mut Frame, inner: Rect, top: u16) {
        let (column, row) = self.cursor;
        let x = (column as u16).min(inner.width.saturating_sub(1));
        let y = (top + row as u16).min(inner.height.saturating_sub(1));
        frame.set_cursor_position(Position::new(inner.x + x, inner.y + y));
    }
}

/// `text`, cut with `…` where it would wrap to more than `rows` rows of `width` columns.
fn within_rows(text: &str, width: usize, rows: usize) -> String {
    let mut room = text.width();
    let mut cut = text.to_string();
    while room > 1 && wrapped_height(&cut, width) > rows {
        room = room.min(width * rows).saturating_sub(1);
        cut = cut_to(text, room);
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_keeps_every_warning_whole_and_says_what_it_cut() {
        let texts = |n: usize, what: &str| (1..=n).map(|i| format!("{what} {i}")).collect();
        let rows = |texts: &[String]| texts.len();
        // All of it where it fits; the keys give way before a warning does.
        assert_eq!(
            warnings_above_keys(texts(2, "w"), texts(3, "k"), 9, rows).len(),
            2 + 1 + 2 + 1 + 3
        );
        assert_eq!(
            warnings_above_keys(texts(2, "w"), texts(3, "k"), 4, rows),
            ["w 1", "w 2", "k 1", "… and 2 more keys: ? shows every key"]
        );
        // The warnings filling all but the last row: no key fits, and that row says so (it
        // read "… and 0 more: a taller window shows them").
        assert_eq!(
            warnings_above_keys(texts(3, "w"), texts(5, "k"), 4, rows),
            ["w 1", "w 2", "w 3", "… and 5 more keys: ? shows every key"]
        );
        // Taller than the window: those that fit, and the count of the rest.
        assert_eq!(
            warnings_above_keys(texts(5, "w"), texts(5, "k"), 3, rows),
            [
                "w 1",
                "w 2",
                "… and 3 more: a taller window shows them, as skypie eval FILE does; ? shows the \
                 keys"
            ]
        );
    }

    #[test]
    fn a_long_field_shows_the_rows_around_its_cursor() {
        let text = "a".repeat(25);
        let at_end = FieldRows::new(&Input::new(text.clone()), 10, 2);
        assert_eq!(at_end.rows, ["a".repeat(10), "a".repeat(5)]);
        assert_eq!(at_end.cursor, (5, 1));
        assert_eq!(at_end.hidden(), "↑ 1 row above");
        let at_start = FieldRows::new(&Input::new(text).with_cursor(0), 10, 2);
        assert_eq!(at_start.rows, ["a".repeat(10), "a".repeat(10)]);
        assert_eq!(at_start.cursor, (0, 0));
        assert_eq!(at_start.hidden(), "↓ 1 row below");
        let full = FieldRows::new(&Input::new("a".repeat(20)), 10, 5);
        assert_eq!(
            full.cursor,
            (0, 2),
            "past a full row, the cursor starts the next"
        );
        assert_eq!(full.hidden(), "");
    }

    #[test]
    fn a_long_note_is_cut_to_the_rows_it_may_take() {
        let note = "one two three four five six seven";
        assert_eq!(within_rows(note, 40, 2), note);
        let cut = within_rows(note, 9, 2);
        assert!(cut.ends_with('…') && wrapped_height(&cut, 9) <= 2, "{cut}");
    }

    #[test]
    fn a_long_note_keeps_as_much_as_its_rows_hold() {
        // Two rows of nine: "one two" and "three fo…", not a shorter cut that leaves room.
        let note = "one two three four five six seven";
        assert_eq!(within_rows(note, 9, 2), "one two three fo…");
    }

    #[test]
    fn a_question_fitted_to_few_rows_keeps_its_styles_and_indents() {
        let grey = Style::new().fg(Color::DarkGray);
        let text = Text::from(vec![
            Line::from(Span::styled("a note", grey)),
            Line::from("  this session: 3M, and the file on disk since: 4M"),
            Line::from(""),
            Line::from("y  yes"),
            Line::from("n  no"),
        ]);
        let seven = fitted(&text, 20, 7).expect("the answers and a row fit");
        let rows: Vec<String> = seven.lines.iter().map(ToString::to_string).collect();
        assert_eq!(seven.lines[0], text.lines[0], "styled as it was");
        assert_eq!(rows[1], "  this session: 3M,", "{rows:?}");
        assert!(rows[2].starts_with("  and the file"), "{rows:?}");
        assert_eq!(rows[3], "  disk since: 4M");
        assert_eq!(rows[4..], ["", "y  yes", "n  no"]);
        // Cut to the rows there are, with "…" after a word, not after a space.
        let cut = fitted(&text, 20, 5).expect("fits");
        let rows: Vec<String> = cut.lines.iter().map(ToString::to_string).collect();
        assert_eq!(rows[1], "  this session: 3M,…", "{rows:?}");
        assert_eq!(fitted(&text, 20, 3), None, "the answers alone fill it");
        // A styled line cut keeps its style, and a cut at a space puts `…` after the word.
        let styled = Text::from(vec![
            Line::from(Span::styled("aaa b cc", grey)),
            Line::from(""),
            Line::from("y"),
        ]);
        let cut = fitted(&styled, 5, 3).expect("fits");
        assert_eq!(cut.lines[0].to_string(), "aaa…");
        assert_eq!(cut.lines[0].spans[0].style, grey);
    }
}
