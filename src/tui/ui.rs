//! Drawing the live session: a pure function of the [`App`]; no model, no I/O. At 80×24 the
//! panels below the headline are tabs; from 120×40 they are all on screen at once.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Position, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Axis, Block, BorderType, Chart, Clear, Dataset, GraphType, List, ListItem, ListState,
    Paragraph, Tabs, Wrap,
};
use tui_input::Input;

use super::app::{App, Conflict, Mode, Panel, Recovery, Resolving};
pub use super::app::{MIN_HEIGHT, MIN_WIDTH};
use super::conflict::keys;
use super::keys::{
    CONFIRM_BASELINE, CONFIRM_QUIT, CONFIRM_RELOAD, CONFLICT, EDITOR, Keymap, OFFER_RECOVERY,
    RESOLVING, SAVE_AS, help_rows, hint_line, keys_line,
};
use skypie::model::verdict::{Tone, Verdict};
use skypie::report::format::{self, amount, money, percent, probability};
use skypie::report::histogram::Histogram;
use skypie::scenario::number::{Unit, format_significant};
use skypie::scenario::{Field, Section};

/// Colours, or none (NO_COLOR).
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    fn verdict(self, verdict: Verdict) -> Style {
        // ratatui's Yellow is the dark shade; LightYellow matches the table's.
        let color = match verdict.tone() {
            Tone::Good => Color::Green,
            Tone::Fair => Color::LightYellow,
            Tone::Poor => Color::Magenta,
            Tone::Bad => Color::Red,
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
    let [title, body, status, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_title(app, frame, title, theme);
    let wide = area.width >= 120 && area.height >= 40;
    let [inputs, right] =
        Layout::horizontal([Constraint::Length(34), Constraint::Min(0)]).areas(body);
    draw_inputs(app, frame, inputs, theme);
    // The headline is as tall as its wrapped text (the panels keep at least 8 rows): drawn
    // once at a guess to measure, and again over a cleared area if the guess was wrong.
    let guess = if app.baseline.is_some() { 10 } else { 8 };
    let needed = draw_headline(
        app,
        frame,
        Rect {
            height: guess,
            ..right
        },
        theme,
    ) + 2;
    let height = needed.clamp(3, right.height.saturating_sub(8).max(3));
    if height != guess {
        frame.render_widget(Clear, right);
        draw_headline(app, frame, Rect { height, ..right }, theme);
    }
    let [_, panels] =
        Layout::vertical([Constraint::Length(height), Constraint::Min(0)]).areas(right);
    if wide {
        draw_all_panels(app, frame, panels, theme);
    } else {
        draw_tabbed_panel(app, frame, panels, theme);
    }
    draw_status(app, frame, status, theme);
    frame.render_widget(Paragraph::new(hint_line()).dark_gray(), hint);
    draw_overlay(app, frame, area, theme);
}

/// The message for a screen below 80×24, and over it the question the session is asking, if
/// any (quitting asks about unsaved edits even here).
fn draw_too_small(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let text = format!(
        "Terminal too small: {}×{}.\nskypie needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\nEnlarge the window, or press q to quit.",
        area.width, area.height
    );
    let question = app.mode.is_question();
    let y = if question {
        0
    } else {
        area.height.saturating_sub(3) / 2
    };
    let centred = Rect::new(area.x, area.y + y, area.width, area.height.min(3));
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        centred,
    );
    if question {
        draw_overlay(app, frame, area, theme);
    }
}

fn draw_title(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let file = app.file.as_ref().map_or_else(
        || "built-in scenario".to_string(),
        |p| p.display().to_string(),
    );
    let right = Line::from(vec![
        Span::raw("editing: "),
        Span::styled(
            app.role().to_string(),
            theme.fg(Color::Magenta).add_modifier(Modifier::BOLD),
        ),
        Span::raw(" (r) "),
    ])
    .alignment(Alignment::Right);
    // The scenario's name, then the file, give way (cut with an ellipsis) to who is editing.
    let room = (area.width as usize).saturating_sub(right.width() + " skypie ".len() + 1);
    let name_room = room.saturating_sub(file.chars().count() + "·  · ".chars().count());
    let what = format!(
        "· {} · {file}",
        cut_to(&app.scenario.name, name_room.max(1))
    );
    let what = cut_to(&what, room);
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

/// The display name of a section in the inputs list.
fn section_title(section: Section) -> &'static str {
    match section {
        Section::Top | Section::Target => "plan",
        Section::Market => "market",
        Section::Share => "share",
        Section::Capacity => "capacity",
        Section::Run => "run",
    }
}

fn draw_inputs(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let fields = app.fields();
    let mut items = Vec::new();
    let mut selected_row = 0;
    let mut last_title = "";
    for (i, field) in fields.iter().enumerate() {
        let title = section_title(field.section());
        if title != last_title {
            items.push(ListItem::new(Line::from(Span::styled(
                title.to_string(),
                theme.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            ))));
            last_title = title;
        }
        if i == app.selected {
            selected_row = items.len();
        }
        // `revenue` alone would not say what it is under the "plan" heading.
        let name = if *field == Field::TargetRevenue {
            "target"
        } else {
            field.name()
        };
        // The marker, a space, the name column and a space take 16 of the inner width.
        let room = area.width.saturating_sub(2 + 16) as usize;
        let value = app.scenario.value(*field).map_or_else(String::new, |v| {
            cut_to(&v.display_within(field.unit(), room), room)
        });
        let edited = if app.edits.contains_key(field) {
            "•"
        } else {
            " "
        };
        items.push(ListItem::new(Line::from(vec![
            Span::styled(edited.to_string(), theme.fg(Color::Yellow)),
            Span::raw(format!(" {name:<13} ")),
            Span::raw(value),
        ])));
    }
    let list = List::new(items)
        .block(
            Block::bordered()
                .border_type(BorderType::Rounded)
                .title(" Inputs "),
        )
        .highlight_style(Style::new().add_modifier(Modifier::REVERSED));
    let mut state = ListState::default().with_selected(Some(selected_row));
    frame.render_stateful_widget(list, area, &mut state);
}

/// `text`, or its first `room` characters ending in an ellipsis when it is longer.
fn cut_to(text: &str, room: usize) -> String {
    if text.chars().count() <= room {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(room.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Draws the headline; returns the rows its text needs inside the frame.
fn draw_headline(app: &App, frame: &mut Frame, area: Rect, theme: Theme) -> u16 {
    let computing = if app.is_computing() {
        " computing… "
    } else {
        ""
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(" Headline ")
        .title(
            Line::from(computing)
                .alignment(Alignment::Right)
                .dark_gray(),
        );
    let Some(results) = &app.results else {
        frame.render_widget(Paragraph::new("computing…").block(block), area);
        return 1;
    };
    let h = &results.headline;
    let s = &app.scenario;
    let rc = &h.required_capture;
    let estimate = if results.estimate { " (estimate)" } else { "" };
    let mut lines = vec![
        Line::from(vec![
            Span::raw("Needs "),
            Span::styled(percent(rc.p50), Style::new().add_modifier(Modifier::BOLD)),
            Span::raw(format!(
                " of the serviceable market's revenue in {} days (P10–P90 {}–{})",
                s.horizon_days,
                percent(rc.p10),
                percent(rc.p90)
            )),
        ]),
        Line::from(vec![
            Span::raw("P(feasible) "),
            Span::styled(
                format::p_feasible(h),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Span::raw(estimate),
        ]),
        Line::from(vec![
            Span::styled(h.verdict.label().to_uppercase(), theme.verdict(h.verdict)),
            Span::raw(format!(
                " · realistic at {}: {}",
                percent(s.confidence),
                money(h.realistic_target, &s.currency),
            )),
        ]),
    ];
    // Each limit's requirement; where the panel is wide enough, how often it binds.
    let binds = [h.binding.market, h.binding.capacity];
    for (limit, share) in format::limits(h).into_iter().zip(binds) {
        lines.push(Line::from(if area.width >= 70 {
            format!("{limit} · binds in {}", probability(share))
        } else {
            limit
        }));
    }
    if let Some(base) = &app.baseline {
        let points = (h.p_feasible - base.p_feasible) * 100.0;
        lines.push(Line::from(Span::styled(
            format!(
                "vs baseline: P {} → {} ({points:+.1} pts) · needs {} → {} · realistic {} → {}",
                probability(base.p_feasible),
                probability(h.p_feasible),
                percent(base.required_capture.p50),
                percent(rc.p50),
                money(base.realistic_target, &s.currency),
                money(h.realistic_target, &s.currency)
            ),
            theme.fg(Color::Cyan),
        )));
    }
    // Until the new figures land, the old ones are shown dimmed: they are not this state's.
    let style = if app.is_stale() {
        Style::new().add_modifier(Modifier::DIM)
    } else {
        Style::new()
    };
    let width = area.width.saturating_sub(2) as usize;
    let rows: usize = lines
        .iter()
        .map(|l| wrapped_height(&l.to_string(), width))
        .sum();
    frame.render_widget(
        Paragraph::new(lines)
            .style(style)
            .wrap(Wrap { trim: true })
            .block(block),
        area,
    );
    rows as u16
}

fn draw_tabbed_panel(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let [tabs_area, panel] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let selected = Panel::ALL.iter().position(|p| *p == app.panel).unwrap_or(0);
    let tabs = Tabs::new(Panel::ALL.iter().map(|p| p.title()))
        .select(selected)
        .highlight_style(Style::new().add_modifier(Modifier::REVERSED))
        .padding("", "")
        .divider(" │ ");
    frame.render_widget(tabs, tabs_area);
    draw_panel(app, app.panel, frame, panel, theme);
}

fn draw_all_panels(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let [top, middle, bottom] = Layout::vertical([
        Constraint::Percentage(38),
        Constraint::Percentage(37),
        Constraint::Percentage(25),
    ])
    .areas(area);
    let [histogram, tornado] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);
    let [path, levers] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(middle);
    draw_panel(app, Panel::Histogram, frame, histogram, theme);
    draw_panel(app, Panel::Tornado, frame, tornado, theme);
    draw_panel(app, Panel::TimePath, frame, path, theme);
    draw_panel(app, Panel::Levers, frame, levers, theme);
    draw_panel(app, Panel::Log, frame, bottom, theme);
}

fn draw_panel(app: &App, panel: Panel, frame: &mut Frame, area: Rect, theme: Theme) {
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(format!(" {} ", panel_heading(panel)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let waiting = || Paragraph::new("computing…").dark_gray();
    match panel {
        Panel::Histogram => match &app.results {
            Some(r) => frame.render_widget(
                Paragraph::new(histogram_lines(
                    &r.histogram,
                    app.scenario.target_revenue,
                    inner,
                    theme,
                )),
                inner,
            ),
            None => frame.render_widget(waiting(), inner),
        },
        Panel::Tornado => match app.current_detail() {
            Some(d) => frame.render_widget(
                Paragraph::new(tornado_lines(app, d, inner.width, theme)),
                inner,
            ),
            None => frame.render_widget(waiting(), inner),
        },
        Panel::Levers => match app.current_detail() {
            Some(d) => frame.render_widget(
                Paragraph::new(lever_lines(app, d)).wrap(Wrap { trim: false }),
                inner,
            ),
            None => frame.render_widget(waiting(), inner),
        },
        Panel::TimePath => match app.current_detail() {
            Some(d) => draw_time_path(app, d, frame, inner, theme),
            None => frame.render_widget(waiting(), inner),
        },
        Panel::Log => frame.render_widget(
            Paragraph::new(log_lines(app, inner)).wrap(Wrap { trim: false }),
            inner,
        ),
    }
}

fn panel_heading(panel: Panel) -> &'static str {
    match panel {
        Panel::Histogram => "Achievable revenue · │ target",
        Panel::Tornado => "P(feasible) at each input's P10…P90",
        Panel::Levers => "What would make it realistic",
        Panel::TimePath => "Required vs achievable, cumulative",
        Panel::Log => "Session log",
    }
}

/// The histogram as text: one column per slice of the range, eighth-blocks for height, the
/// target's column marked, green where the target is met; below it a revenue scale, and a
/// line with the target and how many samples fall outside the range shown.
fn histogram_lines(h: &Histogram, target: f64, area: Rect, theme: Theme) -> Vec<Line<'static>> {
    const LEVELS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let width = area.width as usize;
    let rows = area.height.saturating_sub(2) as usize;
    if width == 0 || rows == 0 || h.counts.is_empty() {
        return Vec::new();
    }
    let span = h.high - h.low;
    let column_of = |x: f64| ((x - h.low) / span * width as f64).floor() as usize;
    let target_column = (h.low..h.high).contains(&target).then(|| column_of(target));
    // Per column, once: its height in eighths of a row, and its colour (green where a sample
    // there meets the target).
    let columns = resample(&h.counts, width);
    let tallest = columns.iter().copied().max().unwrap_or(0).max(1);
    let bars: Vec<(usize, Style)> = columns
        .iter()
        .enumerate()
        .map(|(c, count)| {
            let eighths = (*count as f64 / tallest as f64 * (rows * 8) as f64).round() as usize;
            let met = h.low + span * (c + 1) as f64 / width as f64 > target;
            let color = if met { Color::Green } else { Color::Red };
            (eighths, theme.fg(color))
        })
        .collect();
    let mut lines = Vec::with_capacity(rows + 2);
    for row in 0..rows {
        let floor = (rows - 1 - row) * 8;
        let spans: Vec<Span> = bars
            .iter()
            .enumerate()
            .map(|(c, (eighths, style))| {
                let level = eighths.saturating_sub(floor).min(8);
                if Some(c) == target_column && level == 0 {
                    Span::styled("│", theme.fg(Color::Yellow))
                } else {
                    Span::styled(LEVELS[level].to_string(), *style)
                }
            })
            .collect();
        lines.push(Line::from(spans));
    }
    lines.push(Line::from(revenue_scale(h, width)).dark_gray());
    lines.push(Line::from(target_and_tails(h, target, target_column, width)).dark_gray());
    lines
}

/// The histogram's bins summed into `width` columns (scaled per bin, so a column made of
/// more bins is not taller for it).
fn resample(counts: &[u64], width: usize) -> Vec<u64> {
    let bins = counts.len();
    (0..width)
        .map(|c| {
            let from = c * bins / width;
            let to = ((c + 1) * bins / width).max(from + 1).min(bins);
            counts[from..to].iter().sum::<u64>() * bins as u64 / (to - from) as u64
        })
        .collect()
}

/// Amounts at round steps under their columns: `0   250k   500k   750k`.
fn revenue_scale(h: &Histogram, width: usize) -> String {
    let mut row = vec![' '; width];
    let span = h.high - h.low;
    let step = round_step(span, (width / 9).max(1));
    let mut tick = (h.low / step).ceil() * step;
    let mut free_from = 0;
    while tick <= h.high {
        let label = amount(tick);
        let len = label.chars().count();
        let column = ((tick - h.low) / span * width as f64).round() as usize;
        let start = column
            .saturating_sub(len / 2)
            .min(width.saturating_sub(len));
        if start >= free_from && start + len <= width {
            for (i, ch) in label.chars().enumerate() {
                row[start + i] = ch;
            }
            free_from = start + len + 2;
        }
        tick += step;
    }
    row.into_iter().collect()
}

/// A round step (1, 2, 2.5 or 5 × 10ⁿ) that cuts `span` into at most `most` pieces.
fn round_step(span: f64, most: usize) -> f64 {
    let rough = span / most as f64;
    let power = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|step| *step >= rough)
        .unwrap_or(10.0 * power)
}

/// The target's marker under its column (or an arrow to it when it is off the range), and
/// how many samples lie below and above the range shown, each on its own side when it fits.
fn target_and_tails(h: &Histogram, target: f64, column: Option<usize>, width: usize) -> String {
    let label = amount(target);
    let markers: Vec<(String, usize)> = match column {
        Some(c) => {
            // The ▲ sits under the target's column: text to its right, or to its left.
            let right = format!("▲ target {label}");
            let left = format!("target {label} ▲");
            let (right_len, left_len) = (right.chars().count(), left.chars().count());
            let mut both = Vec::new();
            if c + right_len <= width {
                both.push((right, c));
            }
            if c + 1 >= left_len {
                both.push((left, c + 1 - left_len));
            }
            both
        }
        None if target >= h.high => {
            let text = format!("target {label} →");
            let start = width.saturating_sub(text.chars().count());
            vec![(text, start)]
        }
        None => vec![(format!("← target {label}"), 0)],
    };
    // The marker that leaves the most room for the tails (the first on a tie).
    let mut best: Option<(usize, Row)> = None;
    for (text, start) in markers {
        let mut row = Row::new(width);
        row.place(&text, start);
        let fitted = tails(h, &mut row);
        if best.as_ref().is_none_or(|(most, _)| fitted > *most) {
            best = Some((fitted, row));
        }
    }
    best.map_or_else(|| " ".repeat(width), |(_, row)| row.text())
}

/// Writes "n samples above/below" into `row`; how many found room.
fn tails(h: &Histogram, row: &mut Row) -> usize {
    let samples = |n: u64| if n == 1 { "sample" } else { "samples" };
    let width = row.cells.len();
    let sides = [
        (h.below, "below", h.low, false, h.above == 0),
        (h.above, "above", h.high, true, h.below == 0),
    ];
    let mut fitted = 0;
    for (n, side, edge, right, other_side_free) in sides {
        if n == 0 {
            continue;
        }
        let edge = amount(edge);
        let texts = [
            format!("{n} {} {side} {edge}", samples(n)),
            format!("{n} {side} {edge}"),
            format!("{n} {side}"),
        ];
        let at = |text: &String, right: bool| {
            if right {
                width.saturating_sub(text.chars().count())
            } else {
                0
            }
        };
        let placed = texts.iter().any(|t| row.place(t, at(t, right)))
            || (other_side_free && texts.iter().any(|t| row.place(t, at(t, !right))));
        fitted += usize::from(placed);
    }
    fitted
}

/// A row of text where labels are placed without overlapping, a space apart.
struct Row {
    cells: Vec<char>,
    taken: Vec<bool>,
}

impl Row {
    fn new(width: usize) -> Row {
        Row {
            cells: vec![' '; width],
            taken: vec![false; width],
        }
    }

    /// Writes `text` from `start` if it fits there; false if it does not.
    fn place(&mut self, text: &str, start: usize) -> bool {
        let len = text.chars().count();
        let width = self.cells.len();
        if start + len > width || self.taken[start..start + len].iter().any(|t| *t) {
            return false;
        }
        for (i, ch) in text.chars().enumerate() {
            self.cells[start + i] = ch;
        }
        self.taken[start.saturating_sub(1)..(start + len + 1).min(width)].fill(true);
        true
    }

    fn text(self) -> String {
        self.cells.into_iter().collect()
    }
}

fn tornado_lines(
    app: &App,
    detail: &skypie::Detail,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    if detail.sensitivity.is_empty() {
        return vec![Line::from("every input is fixed: nothing to vary")];
    }
    // name (22, the longest key) · P at P10 (7) · bar · P at P90 (8)
    let bar = (width as usize).saturating_sub(38);
    let p_now = app.results.as_ref().map_or(0.0, |r| r.headline.p_feasible);
    detail
        .sensitivity
        .iter()
        .map(|s| {
            let name = format!("{:<22}", s.input);
            let (low, high) = (probability(s.p_low), probability(s.p_high));
            if bar < 5 {
                return Line::from(format!("{name} {low:>6} → {high}"));
            }
            let at = |p: f64| ((p * bar as f64).round() as usize).min(bar - 1);
            let (from, to) = (at(s.p_low.min(s.p_high)), at(s.p_low.max(s.p_high)));
            let now = at(p_now);
            let cells: String = (0..bar)
                .map(|i| match i {
                    _ if i == now => '│',
                    _ if (from..=to).contains(&i) => '█',
                    _ => '·',
                })
                .collect();
            Line::from(vec![
                Span::raw(format!("{name} {low:>6} ")),
                Span::styled(cells, theme.fg(Color::Blue)),
                Span::raw(format!(" {high}")),
            ])
        })
        .collect()
}

fn lever_lines(app: &App, detail: &skypie::Detail) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(format!(
        "Alone, each makes P(feasible) {} at:",
        percent(app.scenario.confidence)
    ))];
    for lever in &detail.levers {
        let now = match lever.input {
            Field::TargetRevenue => money(app.scenario.target_revenue, &app.scenario.currency),
            Field::HorizonDays => app.scenario.horizon_days.to_string(),
            Field::ShareGainPerYear => app.results.as_ref().map_or_else(String::new, |r| {
                format_significant(r.headline.assumed_pace * 100.0, Unit::Plain, 3)
            }),
            Field::CapacityReps => app
                .scenario
                .capacity
                .as_ref()
                .map_or(0, |c| c.reps)
                .to_string(),
            _ => String::new(),
        };
        let value = format::lever_text(lever, &app.scenario.currency);
        let now = if now.is_empty() || lever.value.is_none() {
            String::new()
        } else {
            format!(" (now {now})")
        };
        lines.push(Line::from(format!("{:<20}{value}{now}", lever.input.key())));
    }
    if let Some(combined) = &detail.combined_lever {
        lines.push(Line::from(format!(
            "{}: {}",
            format::COMBINED_LEVER,
            format::combined_lever(combined)
        )));
    }
    lines
}

fn draw_time_path(app: &App, detail: &skypie::Detail, frame: &mut Frame, area: Rect, theme: Theme) {
    let path = &detail.time_path;
    let series = |f: fn(&skypie::model::time_path::TimePoint) -> f64| -> Vec<(f64, f64)> {
        std::iter::once((0.0, 0.0))
            .chain(path.iter().map(|p| (f64::from(p.day), f(p))))
            .collect()
    };
    let required = series(|p| p.required);
    let p10 = series(|p| p.p10);
    let p50 = series(|p| p.p50);
    let p90 = series(|p| p.p90);
    let top = path
        .iter()
        .map(|p| p.required.max(p.p90))
        .fold(0.0, f64::max)
        .max(1.0);
    let days = f64::from(app.scenario.horizon_days);
    let dataset = |data, marker, color| {
        Dataset::default()
            .marker(marker)
            .graph_type(GraphType::Line)
            .style(theme.fg(color))
            .data(data)
    };
    // Dots for the required path, so it stands apart without colour too; the achievable
    // percentiles never cross (P90 ≥ P50 ≥ P10).
    let legend = Line::from(vec![
        Span::styled("• required", theme.fg(Color::Yellow)),
        Span::raw("  achievable "),
        Span::styled("⣀ P90", theme.fg(Color::Green)),
        Span::raw(" "),
        Span::styled("⣀ P50", theme.fg(Color::Cyan)),
        Span::raw(" "),
        Span::styled("⣀ P10", theme.fg(Color::Red)),
    ]);
    let [legend_area, area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    frame.render_widget(legend, legend_area);
    let chart = Chart::new(vec![
        dataset(&required, Marker::Dot, Color::Yellow),
        dataset(&p90, Marker::Braille, Color::Green),
        dataset(&p50, Marker::Braille, Color::Cyan),
        dataset(&p10, Marker::Braille, Color::Red),
    ])
    .legend_position(None)
    .x_axis(Axis::default().bounds([0.0, days]).labels(vec![
        Line::from("day 0"),
        Line::from(format!("day {}", app.scenario.horizon_days)),
    ]))
    .y_axis(
        Axis::default()
            .bounds([0.0, top])
            .labels(vec![Line::from("0"), Line::from(amount(top))]),
    );
    frame.render_widget(chart, area);
}

/// The newest log entries that fit `area`, oldest first, each wrapped to its width.
fn log_lines(app: &App, area: Rect) -> Vec<Line<'static>> {
    if app.log.is_empty() {
        return vec![Line::from("no edits yet").dark_gray()];
    }
    let show = |p: Option<f64>| p.map_or("…".to_string(), probability);
    let mut rows = 0;
    let mut lines = Vec::new();
    for e in app.log.iter().rev() {
        let text = format!(
            "{} {}: {}: {} → {}   P {} → {}",
            e.time,
            e.role,
            e.input,
            e.old,
            e.new,
            show(e.p_before),
            show(e.p_after)
        );
        rows += wrapped_height(&text, area.width as usize);
        if rows > area.height as usize && !lines.is_empty() {
            break;
        }
        lines.push(Line::from(text));
    }
    lines.reverse();
    lines
}

fn draw_status(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let saved = if app.is_dirty() {
        "unsaved edits"
    } else {
        "saved"
    };
    let right = Line::from(Span::styled(
        format!("{saved} "),
        if app.is_dirty() {
            theme.fg(Color::Yellow)
        } else {
            Style::new().dark_gray()
        },
    ))
    .alignment(Alignment::Right);
    // A message too long to sit beside "unsaved edits" takes the whole line (the inputs
    // list still marks edited values), cut with an ellipsis if even that is too short.
    let message_width = app
        .status
        .as_ref()
        .map_or(0, |s| s.text.chars().count() + 2);
    let beside = area.width as usize >= message_width + saved.len() + 2;
    let finding = matches!(app.mode, Mode::Finding(_));
    if beside || finding {
        frame.render_widget(right, area);
    }
    if let Mode::Finding(input) = &app.mode {
        let hit = app.first_match(input.value()).map_or_else(
            || "no match".to_string(),
            |i| format!("→ {}", app.fields()[i].key()),
        );
        let text = format!("/{}   {hit}", input.value());
        frame.render_widget(Paragraph::new(text), area);
        frame.set_cursor_position(Position::new(
            area.x + 1 + input.visual_cursor() as u16,
            area.y,
        ));
        return;
    }
    if let Some(status) = &app.status {
        let style = if status.error {
            theme.fg(Color::Red)
        } else {
            Style::new()
        };
        let text = cut_to(&status.text, (area.width as usize).saturating_sub(2));
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {text}"), style)),
            area,
        );
    }
}

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

/// How many rows `line` takes when wrapped at word boundaries to `width` columns.
fn wrapped_height(line: &str, width: usize) -> usize {
    if width == 0 {
        return 1;
    }
    let (mut rows, mut column) = (1, 0);
    for word in line.split(' ') {
        let len = word.chars().count();
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

fn draw_overlay(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    match &app.mode {
        Mode::Editing {
            field,
            input,
            error,
        } => draw_editor(frame, area, theme, *field, input, error.as_deref()),
        Mode::SavingAs(input) => draw_save_as(app, frame, area, input),
        Mode::Help => draw_help(frame, area),
        Mode::ConfirmQuit => {
            let mut lines = vec![Line::from("There are unsaved edits."), Line::from("")];
            lines.extend(answers(&CONFIRM_QUIT, |_| true));
            dialog(frame, area, "Quit?", Text::from(lines));
        }
        Mode::ConfirmBaseline => {
            let pinned = app
                .baseline
                .as_ref()
                .map_or_else(String::new, |b| probability(b.p_feasible));
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
        Mode::Normal | Mode::Finding(_) => {}
    }
}

fn draw_editor(
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
    field: Field,
    input: &Input,
    error: Option<&str>,
) {
    let mut lines = vec![
        Line::from(input.value().to_string()),
        Line::from(""),
        Line::from(field.description()).dark_gray(),
        Line::from(format!("e.g. {}", example(field))).dark_gray(),
        Line::from(keys_line(&EDITOR)).dark_gray(),
    ];
    if let Some(error) = error {
        lines.push(Line::from(Span::styled(
            error.to_string(),
            theme.fg(Color::Red),
        )));
    }
    let inner = dialog(frame, area, &field.key(), Text::from(lines));
    place_cursor(frame, inner, input);
}

fn draw_save_as(app: &App, frame: &mut Frame, area: Rect, input: &Input) {
    let why = if app.file.is_none() {
        "The built-in scenario has no file. Save it as:"
    } else {
        "Save this session's version as:"
    };
    let lines = vec![
        Line::from(input.value().to_string()),
        Line::from(""),
        Line::from(why).dark_gray(),
        Line::from(keys_line(&SAVE_AS)).dark_gray(),
    ];
    let inner = dialog(frame, area, "Save as", Text::from(lines));
    place_cursor(frame, inner, input);
}

fn draw_help(frame: &mut Frame, area: Rect) {
    let mut lines: Vec<Line> = help_rows()
        .into_iter()
        .map(|(keys, what)| Line::from(format!("{keys:<11}{what}")))
        .collect();
    lines.insert(
        0,
        Line::from("Two people, one keyboard: the title bar shows who is editing."),
    );
    lines.insert(1, Line::from(""));
    dialog(frame, area, "Keys", Text::from(lines));
}

fn draw_conflict(frame: &mut Frame, area: Rect, conflict: &Conflict) {
    let mut lines = vec![Line::from(format!(
        "{} changed on disk since this session opened or saved it.",
        conflict.path.display()
    ))];
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
    dialog(frame, area, "The file changed on disk", Text::from(lines));
}

fn draw_resolving(app: &App, frame: &mut Frame, area: Rect, resolving: &Resolving) {
    let both = resolving.both();
    let Some(field) = both.get(resolving.next) else {
        return;
    };
    let on_disk = skypie::scenario::edit::field_texts(&resolving.conflict.on_disk);
    let theirs = on_disk
        .get(field)
        .cloned()
        .unwrap_or_else(|| "(left out: the default)".to_string());
    let mut lines = vec![
        Line::from(format!(
            "{} changed on both sides ({} of {}):",
            field.key(),
            resolving.next + 1,
            both.len()
        )),
        Line::from(format!("  this session: {}", app.field_text(*field))),
        Line::from(format!("  the file:     {theirs}")),
        Line::from(""),
    ];
    lines.extend(answers(&RESOLVING, |_| true));
    dialog(frame, area, "Merge", Text::from(lines));
}

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

    #[test]
    fn wrapping_counts_the_rows_a_line_takes() {
        assert_eq!(wrapped_height("", 10), 1);
        assert_eq!(wrapped_height("one two", 10), 1);
        assert_eq!(wrapped_height("one two three", 10), 2);
        assert_eq!(wrapped_height("abcdefghijklmnopqrstuvwxy", 10), 3);
    }

    #[test]
    fn the_target_marker_points_at_the_targets_column() {
        let h = Histogram {
            counts: vec![1; 40],
            low: 0.0,
            high: 1e6,
            below: 0,
            above: 375,
        };
        for column in [0, 9, 20, 39] {
            let target = (column as f64 + 0.5) / 40.0 * 1e6;
            let row = target_and_tails(&h, target, Some(column), 40);
            let arrow = row.chars().position(|c| c == '▲');
            assert_eq!(arrow, Some(column), "{row:?}");
            assert!(row.contains("375"), "the tail is counted: {row:?}");
        }
    }

    #[test]
    fn round_steps_cut_a_range_into_few_pieces() {
        assert_eq!(round_step(1_000_000.0, 4), 250_000.0);
        assert_eq!(round_step(923_000.0, 4), 250_000.0);
        assert_eq!(round_step(100.0, 10), 10.0);
    }
}
