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

use super::{Theme, wrapped_height};
use crate::tui::app::{App, Conflict, Mode, Recovery, Resolving, Suggested};
use crate::tui::conflict::keys;
use crate::tui::item::{Item, find, rho_text};
use crate::tui::keys::{
    CONFIRM_BASELINE, CONFIRM_QUIT, CONFIRM_RELOAD, CONFLICT, EDITOR, EXPORT, ExportChoice, Keymap,
    OFFER_RECOVERY, RESOLVING, SAVE_AS, help_rows, keys_line,
};
use skypie::report::format;
use skypie::scenario::{Field, Scenario};

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

/// Draws a framed question over the screen, as tall as its text needs (wrapped to the
/// dialog's width), and returns the area inside the frame.
fn dialog(frame: &mut Frame, area: Rect, title: &str, text: Text<'static>) -> Rect {
    let width = area.width.min(76);
    let inner_width = width.saturating_sub(2) as usize;
    let height: usize = text
        .lines
        .iter()
        .map(|line| wrapped_height(&line.to_string(), inner_width))
        .sum();
    let rect = centred(area, width, (height as u16).saturating_add(2));
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(format!(" {title} "));
    let inner = block.inner(rect);
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: false }).block(block),
        rect,
    );
    inner
}

/// A question's answers, from its key map: each key and what it does, for the answers
/// `offered` lets the question give.
fn answers<A: Copy>(map: &Keymap<A>, offered: impl Fn(A) -> bool) -> Vec<Line<'static>> {
    map.bindings
        .iter()
        .filter(|binding| binding.keys.iter().all(|(_, action)| offered(*action)))
        .map(|binding| {
            Line::from(vec![
                Span::styled(
                    format!("{:<7}", binding.label),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(binding.what),
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
        Mode::Help => draw_help(frame, area),
        Mode::ConfirmQuit => {
            let mut lines = vec![Line::from("There are unsaved edits."), Line::from("")];
            lines.extend(answers(&CONFIRM_QUIT, |_| true));
            dialog(frame, area, "Quit?", Text::from(lines));
        }
        Mode::ConfirmBaseline => {
            let pinned = app.baseline.as_ref().map_or_else(String::new, |b| {
                format::p_beside_verdict(b.p_feasible, app.scenario.confidence)
            });
            let mut lines = vec![
                Line::from(format!("A baseline is pinned (P(feasible) {pinned}).")),
                Line::from(""),
            ];
            lines.extend(answers(&CONFIRM_BASELINE, |_| true));
            dialog(frame, area, "Baseline", Text::from(lines));
        }
        Mode::Conflict(conflict) => draw_conflict(frame, area, conflict),
        Mode::Resolving(resolving) => draw_resolving(app, frame, area, resolving),
        Mode::ConfirmReload(conflict) => {
            let mut lines = vec![
                Line::from(format!("Reload {} from disk?", conflict.path.display())),
                Line::from(format!(
                    "This session's unsaved edits are dropped: {}.",
                    app.unsaved_keys()
                )),
                Line::from(""),
            ];
            lines.extend(answers(&CONFIRM_RELOAD, |_| true));
            dialog(frame, area, "Reload?", Text::from(lines));
        }
        Mode::OfferRecovery(recovery) => draw_recovery(frame, area, recovery),
        Mode::ChoosingExport => draw_export(app, frame, area),
        Mode::Normal | Mode::Finding(_) => {}
    }
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
        Item::Field(field) => (field.description().to_string(), example(field)),
        Item::Correlation(a, b) => (
            format!(
                "How {} and {} move together: a Spearman rank correlation from -1 to 1 (0: \
                 independent)",
                a.key(),
                b.key()
            ),
            "0.5 · -0.3 · 0",
        ),
    };
    let mut lines = vec![
        Line::from(input.value().to_string()),
        Line::from(""),
        Line::from(what).dark_gray(),
        Line::from(format!("e.g. {example}")).dark_gray(),
        Line::from(keys_line(&EDITOR)).dark_gray(),
    ];
    if let Some(caveat) = app.caveat(item) {
        lines.push(Line::from(Span::styled(caveat, theme.fg(Color::Yellow))));
    }
    if let Some(error) = error {
        lines.push(Line::from(Span::styled(
            error.to_string(),
            theme.fg(Color::Red),
        )));
    }
    let inner = dialog(frame, area, &item.key(), Text::from(lines));
    place_cursor(frame, inner, input);
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
    let lines = vec![
        Line::styled(name.value().to_string(), style),
        Line::from(note).dark_gray(),
        Line::from(why).dark_gray(),
        Line::from(keys_line(&SAVE_AS)).dark_gray(),
    ];
    let inner = dialog(frame, area, "Save as", Text::from(lines));
    place_cursor(frame, inner, &name.input);
}

/// Every key, from the key maps.
fn draw_help(frame: &mut Frame, area: Rect) {
    let mut lines: Vec<Line> = help_rows()
        .into_iter()
        .map(|(keys, what)| Line::from(format!("{keys:<11}{what}")))
        .collect();
    lines.insert(
        0,
        Line::from("Two people, one keyboard: the title bar shows who is editing."),
    );
    lines.insert(
        1,
        Line::from("In the list, • marks an input changed in this session (saved or not)."),
    );
    lines.insert(2, Line::from(""));
    dialog(frame, area, "Keys", Text::from(lines));
}

/// A save found the file changed (or, saving as, another file already there): what differs
/// on each side, and the answers it offers.
fn draw_conflict(frame: &mut Frame, area: Rect, conflict: &Conflict) {
    let (title, first) = if conflict.same_file {
        (
            "The file changed on disk",
            "changed on disk since this session opened or saved it.",
        )
    } else {
        ("The file already exists", "already exists.")
    };
    let mut lines = vec![Line::from(format!("{} {first}", conflict.path.display()))];
    match &conflict.sides {
        Ok(sides) => {
            lines.push(Line::from(format!(
                "Changed there: {}",
                keys(&sides.theirs)
            )));
            lines.push(Line::from(format!("Changed here:  {}", keys(&sides.ours))));
            if !sides.both.is_empty() {
                lines.push(Line::from(format!(
                    "Changed on both sides (merge asks): {}",
                    keys(&sides.both)
                )));
            }
        }
        Err(why) => lines.push(Line::from(why.clone())),
    }
    lines.push(Line::from(""));
    lines.extend(answers(&CONFLICT, |answer| conflict.offers(answer)));
    dialog(frame, area, title, Text::from(lines));
}

/// One key changed on both sides: both values, and the answers.
fn draw_resolving(app: &App, frame: &mut Frame, area: Rect, resolving: &Resolving) {
    let both = resolving.both();
    let Some(item) = both.get(resolving.next) else {
        return;
    };
    let on_disk = &resolving.conflict.on_disk;
    let theirs = match *item {
        Item::Field(field) => skypie::scenario::edit::field_texts(on_disk)
            .get(&field)
            .cloned(),
        Item::Correlation(a, b) => Scenario::parse(on_disk, "on disk")
            .ok()
            .and_then(|s| find(&s.correlations, a, b).map(|c| rho_text(c.rho))),
    }
    .unwrap_or_else(|| "(left out: the default)".to_string());
    let mut lines = vec![
        Line::from(format!(
            "{} changed on both sides ({} of {}):",
            item.key(),
            resolving.next + 1,
            both.len()
        )),
        Line::from(format!("  this session: {}", app.item_text(*item))),
        Line::from(format!("  the file:     {theirs}")),
        Line::from(""),
    ];
    lines.extend(answers(&RESOLVING, |_| true));
    dialog(frame, area, "Merge", Text::from(lines));
}

/// A recovery file: the values it would change (the first few), and the answers.
fn draw_recovery(frame: &mut Frame, area: Rect, recovery: &Recovery) {
    const SHOWN: usize = 6;
    let older = match recovery.older {
        0 => String::new(),
        1 => " (1 older recovery file beside it)".to_string(),
        n => format!(" ({n} older recovery files beside it)"),
    };
    let mut lines = vec![Line::from(format!(
        "{} holds edits from a session that ended abruptly{older}:",
        recovery.path.display()
    ))];
    let shown = &recovery.changes[..recovery.changes.len().min(SHOWN)];
    let key_width = shown
        .iter()
        .map(|(f, _, _)| f.key().len())
        .max()
        .unwrap_or(0);
    for (field, from, to) in shown {
        let key = field.key();
        lines.push(Line::from(format!("  {key:<key_width$}  {from} → {to}")));
    }
    if recovery.changes.len() > SHOWN {
        lines.push(Line::from(format!(
            "  … and {} more",
            recovery.changes.len() - SHOWN
        )));
    }
    lines.push(Line::from(""));
    lines.extend(answers(&OFFER_RECOVERY, |_| true));
    dialog(frame, area, "Recovered edits", Text::from(lines));
}

/// `e`: where the files go, and the exports it offers (the comparison with a baseline).
fn draw_export(app: &App, frame: &mut Frame, area: Rect) {
    let beside = match &app.file {
        Some(file) => format!("beside {}", file.display()),
        None => "in the current folder".to_string(),
    };
    let stem = app.export_path("");
    let mut lines = vec![Line::from(format!(
        "Write the figures as they are now to {}.… {beside}:",
        stem.display()
    ))];
    if !app.offers_export(ExportChoice::Comparison) {
        lines.push(
            Line::from("(A comparison needs a baseline: b pins the results as they are.)")
                .dark_gray(),
        );
    }
    lines.push(Line::from(""));
    lines.extend(answers(&EXPORT, |choice| app.offers_export(choice)));
    dialog(frame, area, "Export", Text::from(lines));
}

/// What a value typed for `field` can look like, in the forms it accepts.
pub fn example(field: Field) -> &'static str {
    match field {
        Field::TargetRevenue => "3M · 250k",
        Field::HorizonDays => "90 · 180",
        Field::Confidence => "80% · 0.9",
        Field::MarketSize => {
            "50M · 35M to 70M · { dist = \"normal\", mean = \"50M\", sd = \"5M\" }"
        }
        Field::CapacityQuotaPerRep => {
            "1.2M · 800k to 1.5M · { dist = \"normal\", mean = \"1.2M\", sd = \"200k\" }"
        }
        Field::MarketGrowth | Field::ShareGainPerYear => {
            "10% · 5% to 20% · { dist = \"normal\", mean = \"10%\", sd = \"3%\" }"
        }
        Field::CapacityAttainment => {
            "80% · 50% to 110% · { dist = \"pert\", min = \"50%\", mode = \"80%\", max = \"110%\" }"
        }
        Field::MarketServiceable | Field::ShareCurrent | Field::ShareCeiling => {
            "12% · 5% to 20% · { dist = \"pert\", min = \"5%\", mode = \"8%\", max = \"20%\" }"
        }
        Field::CapacityReps | Field::CapacityNewReps => "6 · 10",
        Field::CapacityRampDays => "90 · 120",
        Field::RunSamples => "100000 · 1000000",
        Field::RunSeed => "42 · 7",
    }
}

/// Puts the terminal's cursor where the text field's is, on the first row of `inner`.
fn place_cursor(frame: &mut Frame, inner: Rect, input: &Input) {
    let scroll = input.visual_scroll(inner.width as usize);
    let x = input.visual_cursor().saturating_sub(scroll) as u16;
    frame.set_cursor_position(Position::new(
        inner.x + x.min(inner.width.saturating_sub(1)),
        inner.y,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use skypie::scenario::value::read_text;
    #[test]
    fn every_example_is_a_value_its_input_accepts() {
        for field in Field::ALL {
            for form in example(field).split(" · ") {
                assert!(
                    read_text(field, form).is_ok(),
                    "{}: the example {form:?} is refused",
                    field.key()
                );
            }
        }
    }
}
