//! Drawing the live session: a pure function of the [`App`]; no model, no I/O. At 80×24 the
//! panels below the headline are tabs; from 120×40 they are all on screen at once. This file
//! lays the screen out and draws its edges (title, status, hint line); the parts are drawn
//! in [`inputs`], [`headline`], [`panels`] (with the [`histogram`]) and [`dialogs`].

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::app::{App, DiskChange, MIN_HEIGHT, MIN_WIDTH, Mode, Panel, Went, no_longer_on_disk};
use super::item::Said;
use super::keys::hint_line;
use skypie::model::verdict::Verdict;
use skypie::report::format::{Hue, verdict_hue};
use skypie::text::{printable, shown_path};

mod dialogs;
mod headline;
mod histogram;
mod inputs;
mod panels;

use dialogs::draw_overlay;
use headline::draw_headline;
use inputs::{INPUTS_WIDTH, draw_inputs};
use panels::{draw_all_panels, draw_tabbed_panel};

/// Colours, or none (NO_COLOR).
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Text in `color`, or plain without colours.
    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// A verdict in bold, in its colour.
    fn verdict(self, verdict: Verdict) -> Style {
        // ratatui names the bright shades Light…: the same colours as the batch's table.
        let color = match verdict_hue(verdict) {
            Hue::Green => Color::LightGreen,
            Hue::Yellow => Color::LightYellow,
            Hue::Magenta => Color::LightMagenta,
            Hue::Red => Color::LightRed,
        };
        self.fg(color).add_modifier(Modifier::BOLD)
    }
}

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame, theme: Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(app, frame, area, theme);
        return;
    }
    // The warnings the list, the headline and the status line say, worked out once a frame.
    let said = app.said();
    let [title, body, status, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(status_height(app, &said, area.width)),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_title(app, frame, title, theme);
    let wide = Panel::all_fit(area.width, area.height);
    let [inputs, right] =
        Layout::horizontal([Constraint::Length(INPUTS_WIDTH), Constraint::Min(0)]).areas(body);
    draw_inputs(app, &said, frame, inputs, theme);
    let height = draw_headline(app, said.count, frame, right, theme);
    let [_, panels] =
        Layout::vertical([Constraint::Length(height), Constraint::Min(0)]).areas(right);
    if wide {
        draw_all_panels(app, frame, panels, theme);
    } else {
        draw_tabbed_panel(app, frame, panels, theme);
    }
    draw_status(app, &said, frame, status, theme);
    frame.render_widget(
        Paragraph::new(hint_line(app.roles.len() > 1)).dark_gray(),
        hint,
    );
    draw_overlay(app, frame, area, theme);
}

/// The message for a screen below 80×24, and over it the question the session is asking, if
/// any (quitting asks about unsaved edits even here).
fn draw_too_small(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let (width, height) = (area.width, area.height);
    // Text being typed behind it takes no key here: said, or typing into it went nowhere and
    // q quit with it gone. (A name to save as is a question, shown over this and typed into.)
    // A value typed is asked about at `q` (the name to find goes).
    let (typing, without) = match &app.mode {
        Mode::Editing { item, .. } => (
            Some(format!("{}'s value", item.key())),
            " (asking about a value typed)",
        ),
        Mode::Finding { .. } => (Some("an input's name to find".to_string()), " without it"),
        _ => (None, ""),
    };
    let way_on = match typing {
        Some(typing) => {
            format!("Enlarge the window to go on typing {typing}, or press q to quit{without}.")
        }
        None => "Enlarge the window, or press q to quit.".to_string(),
    };
    let whole = [
        format!("Terminal too small: {width}×{height}."),
        format!("skypie needs at least {MIN_WIDTH}×{MIN_HEIGHT}."),
        way_on,
    ];
    let rows = |lines: &[String]| -> usize {
        lines
            .iter()
            .map(|l| wrapped_height(l, usize::from(width)))
            .sum()
    };
    // On a very small screen, the short form, how to leave first: however few rows it has.
    let lines = if rows(&whole) <= usize::from(height) {
        whole.to_vec()
    } else {
        vec![
            "q quits".to_string(),
            format!("Too small: {width}×{height}"),
            format!("needs {MIN_WIDTH}×{MIN_HEIGHT}"),
        ]
    };
    let used = u16::try_from(rows(&lines)).unwrap_or(u16::MAX).min(height);
    let question = app.mode.is_question();
    let y = if question { 0 } else { (height - used) / 2 };
    let centred = Rect::new(area.x, area.y + y, width, used);
    frame.render_widget(
        Paragraph::new(lines.join("\n"))
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        centred,
    );
    if question {
        draw_overlay(app, frame, area, theme);
    }
}

/// The fewest columns of the scenario's name the title bar shows beside the file.
const MIN_NAME: usize = 8;

/// The fewest columns of a role's name the title bar keeps.
const MIN_ROLE: usize = 12;

/// The title bar: skypie, the scenario's name and file, and who is editing.
fn draw_title(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    // Control characters shown as typed (`nl\nname.toml`): the terminal would drop them.
    // Moved with its folder (and nothing left at its name), the plan is named where it is now:
    // the old name beside the quit question's "it is now d3/plan.toml" read as two plans.
    let file = match (&app.file, app.shown_went_away()) {
        (None, _) => "built-in scenario".to_string(),
        (Some(_), Some(Went::WithItsFolder(now))) if app.shown_read_only() => {
            format!("{} (moved, read-only)", shown_path(now))
        }
        (Some(_), Some(Went::WithItsFolder(now))) => format!("{} (moved)", shown_path(now)),
        // Its new name alone: the folder is the same.
        (Some(file), Some(Went::Renamed(now))) => {
            let name = std::path::Path::new(now.file_name().unwrap_or_default());
            format!("{} (renamed to {})", shown_path(file), shown_path(name))
        }
        // Found changed there and not reloaded (unsaved edits, or a text that does not read).
        (Some(file), None) if app.disk_change == Some(DiskChange::Gone) => {
            format!("{} ({})", shown_path(file), no_longer_on_disk!())
        }
        (Some(file), None) if app.disk_change.is_some() => {
            format!("{} (changed on disk)", shown_path(file))
        }
        // `s` would be refused: said before it is pressed.
        (Some(file), None) if app.shown_read_only() => format!("{} (read-only)", shown_path(file)),
        (Some(file), None) => shown_path(file),
    };
    // Who is editing, cut to a third of the bar (a long role name hid skypie and the file).
    let width = area.width as usize;
    let role = cut_to(app.role(), (width / 3).max(MIN_ROLE));
    let right = Line::from(vec![
        Span::raw("editing: "),
        Span::styled(role, theme.fg(Color::Magenta).add_modifier(Modifier::BOLD)),
        // `r` passes the keyboard on, where there is someone to pass it to.
        Span::raw(if app.roles.len() > 1 { " (r) " } else { " " }),
    ])
    .alignment(Alignment::Right);
    // The scenario's name gives way first (cut with an ellipsis, to [`MIN_NAME`] columns),
    // then the file's folders, then the name goes: the file's own name is what tells
    // `q3-v2.toml` from `q3-v3.toml` (the name was dropped where the folders could give way).
    let room = width.saturating_sub(right.width() + " skypie ".len() + 1);
    let name = printable(&app.scenario.name);
    let around = "·  · ".width();
    let least_name = name.width().min(MIN_NAME);
    let what = if room >= file.width() + around + least_name {
        format!("· {} · {file}", cut_to(&name, room - file.width() - around))
    } else if room >= around + least_name + own_name_width(&file) + MIN_FOLDER {
        // The name takes up to half of the room, as far as the file's own name and a few of
        // its folders stay (at 120 columns it was cut to 8 beside 70 columns of folders).
        let shared = room - around;
        let name_room = name
            .width()
            .min((shared / 2).max(least_name))
            .min(shared - own_name_width(&file) - MIN_FOLDER);
        let path = cut_folders(&file, shared - name_room);
        format!("· {} · {path}", cut_to(&name, name_room))
    } else {
        format!(
            "· {}",
            cut_folders(&file, room.saturating_sub("· ".width()))
        )
    };
    let left = Line::from(vec![
        Span::styled(
            " skypie ",
            theme.fg(Color::Cyan).add_modifier(Modifier::BOLD),
        ),
        Span::raw(what),
    ]);
    frame.render_widget(left, area);
    frame.render_widget(right, area);
}

/// The fewest columns of a file's folders the title bar shows beside the scenario's name
/// (`/tm…`), with the ellipsis.
const MIN_FOLDER: usize = 4;

/// The columns a path's own name takes with the `/` before it (all of it, for a bare name).
fn own_name_width(path: &str) -> usize {
    path.rfind('/').map_or(path, |slash| &path[slash..]).width()
}

/// `path`, or where it is wider than `room` columns, its folders cut at their end so that
/// its own name stays whole (`/home/da…/q3-board-v3.toml`); cut in the middle when even
/// that name does not fit.
fn cut_folders(path: &str, room: usize) -> String {
    if path.width() <= room {
        return path.to_string();
    }
    let own = own_name_width(path);
    match path.rfind('/') {
        Some(slash) if own + 2 <= room => {
            let folders = start_within(&path[..slash], room - own - 1);
            format!("{folders}…{}", &path[slash..])
        }
        _ => cut_middle(path, room),
    }
}

/// `text`, or as much of its start as fits in `room` columns, ending in an ellipsis, when it
/// is wider (a CJK character takes two columns).
fn cut_to(text: &str, room: usize) -> String {
    if text.width() <= room {
        return text.to_string();
    }
    let mut cut = start_within(text, room.saturating_sub(1));
    cut.push('…');
    cut
}

/// `text`, or its start and its end around an ellipsis in `room` columns when it is wider: a
/// file name keeps its folder and the end of its name (`/home/dana/pl…board v2.toml`).
fn cut_middle(text: &str, room: usize) -> String {
    if text.width() <= room {
        return text.to_string();
    }
    let kept = room.saturating_sub(1);
    let start = start_within(text, kept - kept / 2);
    let reversed: String = text.chars().rev().collect();
    let end: String = start_within(&reversed, kept / 2).chars().rev().collect();
    format!("{start}…{end}")
}

/// The longest start of `text` that takes at most `room` columns.
fn start_within(text: &str, room: usize) -> String {
    let mut used = 0;
    text.chars()
        .take_while(|c| {
            used += c.width().unwrap_or(0);
            used <= room
        })
        .collect()
}

/// `text`, or as many of its words as fit in `room` characters followed by an ellipsis (a
/// panel's heading in its border); a first word longer than `room` is cut inside.
fn cut_at_word(text: &str, room: usize) -> String {
    if text.width() <= room {
        return text.to_string();
    }
    let mut kept = String::new();
    for word in text.split(' ') {
        let longer = if kept.is_empty() {
            word.to_string()
        } else {
            format!("{kept} {word}")
        };
        if longer.width() + 1 > room {
            break;
        }
        kept = longer;
    }
    if kept.is_empty() {
        return cut_to(text, room);
    }
    // A heading cut after "(…" or ":" reads better without it.
    let kept = kept.trim_end_matches([':', '(', ',', '·', ' ']);
    format!("{kept}…")
}

/// What the status line says outside the finder, as it fits in [`STATUS_ROWS`] rows of a
/// screen `width` columns wide: the last message, or else what is worth knowing about the
/// selected input (a benchmark it is far outside, a correlation without effect), as a
/// warning, or else a warning about no input (an empty market window) on one row beside the
/// save state, or else its value whole where the inputs list cuts it. `None` when there is
/// nothing to say.
fn status_message(app: &App, said: &Said, width: u16) -> Option<(String, Style)> {
    let room = usize::from(width).saturating_sub(2);
    if let Some(status) = &app.status {
        let style = if status.error {
            Style::new().fg(Color::Red)
        } else {
            Style::new()
        };
        let text = fit_status(&status.text, &status.names, room, STATUS_ROWS);
        return Some((text, style));
    }
    if !matches!(app.mode, Mode::Normal) {
        return None;
    }
    let warning = Style::new().fg(Color::Yellow);
    if let Some(caveat) = said.caveat(&app.scenario, app.selected_item()) {
        return Some((cut_to(&format!("! {caveat}"), room * STATUS_ROWS), warning));
    }
    // Else the first warning the headline counts that no input's row can mark (samples with
    // an empty market window), saying how many there are: on one row beside the save state,
    // which a warning shown whichever input is selected must not hide; else the selected
    // value whole (it hid that warning).
    let unmarked = &said.about_no_input;
    let Some(first) = unmarked.first() else {
        let whole = inputs::whole_value_if_cut(app, app.selected_item())?;
        return Some((cut_to(&whole, room * STATUS_ROWS), Style::new()));
    };
    let text = match unmarked.len() {
        1 => format!("! {first}"),
        n => format!("! 1 of {n}: {first}"),
    };
    let beside = room.saturating_sub(save_state(app).width() + 2);
    Some((cut_naming_help(&text, beside), warning))
}

/// Where a warning cut on the status line is read whole.
const WHOLE_IN_HELP: &str = " (? says it whole)";

/// `text` cut to `room` columns, and where it is cut, saying that `?` shows it whole (its
/// end, "the capture the target needs is ∞", was read nowhere at 80 columns); cut after a
/// whole word ([`cut_at_word`]: "empty in 100,…" read as 100 samples, of 100,000).
fn cut_naming_help(text: &str, room: usize) -> String {
    let hint = WHOLE_IN_HELP.width();
    if text.width() <= room || room < 2 * hint {
        return cut_to(text, room);
    }
    format!("{}{WHOLE_IN_HELP}", cut_at_word(text, room - hint))
}

/// The narrowest a file name is cut to in a message too long for the status line.
const NAME_ROOM: usize = 9;

/// `text` as it fits in `rows` rows of `width` columns, wrapped at words: whole when it
/// fits; else with the file names it mentions (`names`) cut in the middle, all to the same
/// widest room that makes it fit, so that what it says of them (why a save failed) stays;
/// else, even with them at [`NAME_ROOM`], cut at its end.
fn fit_status(text: &str, names: &[String], width: usize, rows: usize) -> String {
    let fits = |t: &str| wrapped_height(t, width) <= rows;
    if fits(text) {
        return text.to_string();
    }
    let spans = name_spans(text, names);
    let widest = spans.iter().map(|r| text[r.clone()].width()).max();
    let with_names_in = |room: usize| {
        let mut cut = String::new();
        let mut from = 0;
        for span in &spans {
            cut += &text[from..span.start];
            cut += &cut_middle(&text[span.clone()], room);
            from = span.end;
        }
        cut + &text[from..]
    };
    // The widest room that fits, found by halving [NAME_ROOM, widest): fewer columns for
    // the names never make the text take more rows.
    let (mut fitting, mut too_wide) = (NAME_ROOM, widest.unwrap_or(NAME_ROOM));
    while fitting + 1 < too_wide {
        let middle = (fitting + too_wide) / 2;
        if fits(&with_names_in(middle)) {
            fitting = middle;
        } else {
            too_wide = middle;
        }
    }
    let cut = with_names_in(fitting);
    if fits(&cut) {
        cut
    } else {
        cut_to(&cut, width * rows)
    }
}

/// Where in `text` the file `names` are written, in order and without overlapping (the
/// longest first: `plan.toml.session.md` is not cut as `plan.toml` and a rest).
fn name_spans(text: &str, names: &[String]) -> Vec<std::ops::Range<usize>> {
    let mut longest_first: Vec<&String> = names.iter().filter(|n| !n.is_empty()).collect();
    longest_first.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
    for name in longest_first {
        for (start, _) in text.match_indices(name.as_str()) {
            let span = start..start + name.len();
            if spans
                .iter()
                .all(|s| s.end <= span.start || span.end <= s.start)
            {
                spans.push(span);
            }
        }
    }
    spans.sort_by_key(|s| s.start);
    spans
}

/// The most rows the status line grows to for a long message (a benchmark's source, the
/// pair of correlations to loosen), so it can be read at 80 columns.
const STATUS_ROWS: usize = 4;

/// The status line's height: one row, or as many as a message too long for it wraps to.
fn status_height(app: &App, said: &Said, width: u16) -> u16 {
    if matches!(app.mode, Mode::Finding { .. }) {
        return 1;
    }
    let Some((text, _)) = status_message(app, said, width) else {
        return 1;
    };
    let rows = wrapped_height(&text, (width as usize).saturating_sub(2));
    rows.clamp(1, STATUS_ROWS) as u16
}

/// What the status line says of saving: edits the file lacks, everything saved, or, for the
/// built-in scenario until its first save, that there is no file to have saved to; and the
/// file found changed on disk and not reloaded ([`App::disk_change`]), which `s` asks about.
fn save_state(app: &App) -> &'static str {
    // Renamed within its folder: the title names the new name, which "no longer on disk" denied.
    let renamed = matches!(app.shown_went_away(), Some(Went::Renamed(_)));
    match (app.is_dirty(), &app.disk_change) {
        (true, Some(DiskChange::Gone)) if renamed => return "unsaved edits; the file was renamed",
        (false, Some(DiskChange::Gone)) if renamed => return "the file was renamed",
        (true, Some(DiskChange::Gone)) => {
            return concat!("unsaved edits; the file is ", no_longer_on_disk!());
        }
        (false, Some(DiskChange::Gone)) => return concat!("the file is ", no_longer_on_disk!()),
        (true, Some(DiskChange::Unreadable(_))) => return "unsaved edits; the file does not read",
        (true, Some(DiskChange::Changed)) => {
            return "unsaved edits; the file changed on disk: s asks";
        }
        (false, Some(DiskChange::Unreadable(_))) => return "not reloaded: the file does not read",
        (false, Some(DiskChange::Changed)) => return "the file changed on disk",
        _ => {}
    }
    if app.is_dirty() {
        "unsaved edits"
    } else if app.file.is_none() {
        "not saved to a file"
    } else {
        "saved"
    }
}

/// The status line: the last message (or the finder's query and its first match, or what is
/// worth knowing about the selected input), and whether there are unsaved edits.
fn draw_status(app: &App, said: &Said, frame: &mut Frame, area: Rect, theme: Theme) {
    let saved = save_state(app);
    let right = Line::from(Span::styled(
        format!("{saved} "),
        if app.is_dirty() || app.disk_change.is_some() {
            theme.fg(Color::Yellow)
        } else {
            Style::new().dark_gray()
        },
    ))
    .alignment(Alignment::Right);
    let message = status_message(app, said, area.width);
    // A message too long to sit beside "unsaved edits" takes the whole line (the inputs
    // list still marks edited values), wrapped onto a few more rows if even that is too
    // short (see `fit_status` for what gives way past them). Widths are in columns.
    let message_width = message.as_ref().map_or(0, |m| m.0.width() + 2);
    let fits_beside = |width: usize| area.width as usize >= width + saved.len() + 2;
    if let Mode::Finding { input, note } = &app.mode {
        // Nothing typed yet is no search that failed (it read "/   no match").
        let hit = match (note, app.finder_answer(input.value())) {
            (Some(note), _) => note.clone(),
            (None, Ok(i)) => format!("→ {}", app.items()[i].key()),
            (None, Err(said)) => said,
        };
        let text = format!("/{}   {hit}", input.value());
        // Beside the save state where both fit; else the search takes the line (its end
        // ran into "saved": "…gain_per_yearved").
        if fits_beside(text.width()) {
            frame.render_widget(right, area);
        }
        frame.render_widget(Paragraph::new(text), area);
        frame.set_cursor_position(Position::new(
            area.x + 1 + input.visual_cursor() as u16,
            area.y,
        ));
        return;
    }
    if fits_beside(message_width) {
        frame.render_widget(right, area);
    }
    if let Some((text, style)) = message {
        let style = if theme.color { style } else { Style::new() };
        frame.render_widget(
            Paragraph::new(Span::styled(text, style))
                .wrap(Wrap { trim: true })
                .block(
                    ratatui::widgets::Block::new()
                        .padding(ratatui::widgets::Padding::horizontal(1)),
                ),
            area,
        );
    }
}

/// How many rows `line` takes when wrapped at word boundaries to `width` columns.
fn wrapped_height(line: &str, width: usize) -> usize {
    if width == 0 {
        return 1;
    }
    let (mut rows, mut column) = (1, 0);
    for word in line.split(' ') {
        let len = word.width();
        if column == 0 {
            column = len;
        } else if column + 1 + len <= width {
            column += 1 + len;
        } else {
            rows += 1;
            column = len;
        }
        while column > width {
            rows += 1;
            column -= width;
        }
    }
    rows
}

/// `line` word-wrapped to `width` columns, row by row, as [`wrapped_height`] counts its rows
/// (a word wider than a row split across rows).
fn wrap_rows(line: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let (mut rows, mut row, mut column) = (Vec::new(), String::new(), 0);
    for word in line.split(' ') {
        if column > 0 && column + 1 + word.width() <= width {
            row.push(' ');
            column += 1;
        } else if column > 0 {
            rows.push(std::mem::take(&mut row));
            column = 0;
        }
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            if column + w > width {
                rows.push(std::mem::take(&mut row));
                column = 0;
            }
            row.push(c);
            column += w;
        }
    }
    rows.push(row);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_makes_the_rows_wrapped_height_counts() {
        let line = "22M, typed for target.revenue, is not applied yet: s applies it and saves";
        for width in [1, 5, 10, 13, 28, 40, 80] {
            let rows = wrap_rows(line, width);
            assert_eq!(rows.len(), wrapped_height(line, width), "{width}: {rows:?}");
            assert!(rows.iter().all(|r| r.width() <= width), "{width}: {rows:?}");
            assert_eq!(rows.concat().replace(' ', ""), line.replace(' ', ""));
        }
    }

    #[test]
    fn a_long_heading_is_cut_after_a_whole_word() {
        assert_eq!(
            cut_at_word("Frontier (the same target)", 40),
            "Frontier (the same target)"
        );
        assert_eq!(
            cut_at_word("Frontier (the same target)", 16),
            "Frontier (the…"
        );
        assert_eq!(cut_at_word("Sensitivity: the target", 14), "Sensitivity…");
        assert_eq!(cut_at_word("Sensitivity", 5), "Sens…");
    }

    #[test]
    fn cutting_measures_in_columns_a_wide_character_taking_two() {
        assert_eq!(cut_to("取締役会", 8), "取締役会");
        assert_eq!(cut_to("取締役会", 7), "取締役…");
        assert_eq!(cut_to("取締役会", 6), "取締…");
        assert_eq!(cut_middle("取締役会 board v2.toml", 12), "取締役….toml");
        assert_eq!(cut_middle("取締役会 board v2.toml", 13), "取締役…2.toml");
        assert_eq!(cut_middle("plan.toml", 9), "plan.toml");
        assert_eq!(cut_middle("abcdefghij", 5), "ab…ij");
        assert_eq!(wrapped_height("取締役会 取締役会", 16), 2);
    }

    #[test]
    fn a_message_too_long_for_its_rows_gives_way_in_the_middle_of_its_file_names() {
        let name = format!("plans/{}.toml", "x".repeat(100));
        let log = format!("{name}.session.md");
        let text = format!("saved {name} (session log: {log}), but no more room");
        let names = [name.clone(), log];
        let fitted = fit_status(&text, &names, 40, 3);
        assert!(wrapped_height(&fitted, 40) <= 3, "{fitted}");
        assert!(fitted.starts_with("saved plans/x"), "{fitted}");
        assert!(
            fitted.ends_with(".session.md), but no more room"),
            "{fitted}"
        );
        assert_eq!(fitted.matches('…').count(), 2, "{fitted}");
        // The log's name is cut as one name, to the same room as the plan's, not as the plan's
        // name (which begins it) and a rest left whole.
        let plan_cut = fitted["saved ".len()..]
            .split(' ')
            .next()
            .unwrap_or_default();
        let log_cut = fitted
            .split("(session log: ")
            .nth(1)
            .and_then(|rest| rest.split(')').next())
            .unwrap_or_default();
        assert_eq!(plan_cut.width(), log_cut.width(), "{fitted}");
        // A message without a file name, or that still does not fit, is cut at its end.
        let long = "word ".repeat(40);
        assert_eq!(fit_status(&long, &[], 40, 3).width(), 40 * 3);
        assert_eq!(fit_status("fits", &names, 40, 3), "fits");
    }

    #[test]
    fn wrapping_counts_the_rows_a_line_takes() {
        assert_eq!(wrapped_height("", 10), 1);
        assert_eq!(wrapped_height("one two", 10), 1);
        assert_eq!(wrapped_height("one two three", 10), 2);
        assert_eq!(wrapped_height("abcdefghijklmnopqrstuvwxy", 10), 3);
    }
}
