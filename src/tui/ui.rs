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

use super::app::{App, Histogram, Mode, Panel};
use super::keys::{EDITOR_KEYS, HELP, HINT};
use crate::model::verdict::{Tone, Verdict};
use crate::report::format::{self, amount, money, percent, probability};
use crate::scenario::number::{Unit, format_significant};
use crate::scenario::{Field, Section};

/// The smallest screen the session draws on.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

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
        draw_too_small(frame, area);
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
    let [inputs, right] =
        Layout::horizontal([Constraint::Length(34), Constraint::Min(0)]).areas(body);
    draw_inputs(app, frame, inputs, theme);
    let headline_height = if app.baseline.is_some() { 11 } else { 9 };
    let [headline, panels] =
        Layout::vertical([Constraint::Length(headline_height), Constraint::Min(0)]).areas(right);
    draw_headline(app, frame, headline, theme);
    if area.width >= 120 && area.height >= 40 {
        draw_all_panels(app, frame, panels, theme);
    } else {
        draw_tabbed_panel(app, frame, panels, theme);
    }
    draw_status(app, frame, status, theme);
    frame.render_widget(Paragraph::new(HINT).dark_gray(), hint);
    draw_overlay(app, frame, area, theme);
}

fn draw_too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "Terminal too small: {}×{}.\nskypie needs at least {MIN_WIDTH}×{MIN_HEIGHT}.\nEnlarge the window, or press q to quit.",
        area.width, area.height
    );
    let y = area.height.saturating_sub(3) / 2;
    let centred = Rect::new(area.x, area.y + y, area.width, area.height.min(3));
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        centred,
    );
}

fn draw_title(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let file = app.file.as_ref().map_or_else(
        || "built-in scenario".to_string(),
        |p| p.display().to_string(),
    );
    let left = Line::from(vec![
        Span::styled(
            " skypie ",
            theme.fg(Color::Cyan).add_modifier(Modifier::BOLD),
        ),
        Span::raw(format!("· {} · {file}", app.scenario.name)),
    ]);
    let right = Line::from(vec![
        Span::raw("editing: "),
        Span::styled(
            app.role().to_string(),
            theme.fg(Color::Magenta).add_modifier(Modifier::BOLD),
        ),
        Span::raw(" (r) "),
    ])
    .alignment(Alignment::Right);
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
        let value = app
            .scenario
            .value(*field)
            .map_or_else(String::new, |v| v.display(field.unit()));
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

fn draw_headline(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
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
        return;
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
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
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
            Some(d) => frame.render_widget(Paragraph::new(lever_lines(app, d)), inner),
            None => frame.render_widget(waiting(), inner),
        },
        Panel::TimePath => match app.current_detail() {
            Some(d) => draw_time_path(app, d, frame, inner, theme),
            None => frame.render_widget(waiting(), inner),
        },
        Panel::Log => frame.render_widget(Paragraph::new(log_lines(app, inner.height)), inner),
    }
}

fn panel_heading(panel: Panel) -> &'static str {
    match panel {
        Panel::Histogram => "Achievable revenue · │ target",
        Panel::Tornado => "P(feasible) at each input's P10 … P90",
        Panel::Levers => "What would make it realistic",
        Panel::TimePath => "Required vs achievable, cumulative",
        Panel::Log => "Session log",
    }
}

/// The histogram as text: one column per slice of the range, eighth-blocks for height, the
/// target's column marked, green where the target is met.
fn histogram_lines(h: &Histogram, target: f64, area: Rect, theme: Theme) -> Vec<Line<'static>> {
    const LEVELS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let width = area.width as usize;
    let rows = area.height.saturating_sub(1) as usize;
    if width == 0 || rows == 0 {
        return Vec::new();
    }
    let bins = h.counts.len();
    let columns: Vec<u64> = (0..width)
        .map(|c| {
            let (from, to) = (
                c * bins / width,
                ((c + 1) * bins / width).max(c * bins / width + 1),
            );
            h.counts[from..to.min(bins)].iter().sum::<u64>() * bins as u64 / (to - from) as u64
        })
        .collect();
    let tallest = columns.iter().copied().max().unwrap_or(0).max(1);
    let target_column = (target / h.high * width as f64).floor() as usize;
    // Per column, once: its height in eighths of a row, and its colour (green where a sample
    // there meets the target).
    let bars: Vec<(usize, Style)> = columns
        .iter()
        .enumerate()
        .map(|(c, count)| {
            let eighths = (*count as f64 / tallest as f64 * (rows * 8) as f64).round() as usize;
            let met = h.high * (c + 1) as f64 / width as f64 > target;
            (
                eighths,
                theme.fg(if met { Color::Green } else { Color::Red }),
            )
        })
        .collect();
    let mut lines = Vec::with_capacity(rows + 1);
    for row in 0..rows {
        let floor = (rows - 1 - row) * 8;
        let spans: Vec<Span> = bars
            .iter()
            .enumerate()
            .map(|(c, (eighths, style))| {
                let level = eighths.saturating_sub(floor).min(8);
                if c == target_column && level == 0 {
                    Span::styled("│", theme.fg(Color::Yellow))
                } else {
                    Span::styled(LEVELS[level].to_string(), *style)
                }
            })
            .collect();
        lines.push(Line::from(spans));
    }
    let left = "0";
    let right = amount(h.high);
    let marker = format!("▲ target {}", amount(target));
    let mut axis = vec![' '; width];
    for (i, ch) in left.chars().enumerate().take(width) {
        axis[i] = ch;
    }
    let start = target_column.min(width.saturating_sub(marker.chars().count()));
    for (i, ch) in marker.chars().enumerate() {
        if let Some(slot) = axis.get_mut(start + i) {
            *slot = ch;
        }
    }
    let right_start = width.saturating_sub(right.chars().count());
    if right_start > start + marker.chars().count() {
        for (i, ch) in right.chars().enumerate() {
            axis[right_start + i] = ch;
        }
    }
    lines.push(Line::from(axis.into_iter().collect::<String>()).dark_gray());
    lines
}

fn tornado_lines(
    app: &App,
    detail: &crate::Detail,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    if detail.sensitivity.is_empty() {
        return vec![Line::from("every input is fixed: nothing to vary")];
    }
    // name (19) · P at P10 (7) · bar · P at P90 (8)
    let bar = (width as usize).saturating_sub(35);
    let p_now = app.results.as_ref().map_or(0.0, |r| r.headline.p_feasible);
    detail
        .sensitivity
        .iter()
        .map(|s| {
            let name = format!("{:<19}", s.input);
            let (low, high) = (probability(s.p_low), probability(s.p_high));
            if bar < 8 {
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

fn lever_lines(app: &App, detail: &crate::Detail) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(format!(
        "Where P(feasible) reaches {}, one at a time:",
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

fn draw_time_path(app: &App, detail: &crate::Detail, frame: &mut Frame, area: Rect, theme: Theme) {
    let path = &detail.time_path;
    let series = |f: fn(&crate::model::time_path::TimePoint) -> f64| -> Vec<(f64, f64)> {
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
    fn dataset<'a>(name: &'static str, data: &'a [(f64, f64)], style: Style) -> Dataset<'a> {
        Dataset::default()
            .name(name)
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(style)
            .data(data)
    }
    let chart = Chart::new(vec![
        dataset("required", &required, theme.fg(Color::Yellow)),
        dataset("P90", &p90, theme.fg(Color::Green)),
        dataset("P50", &p50, theme.fg(Color::Cyan)),
        dataset("P10", &p10, theme.fg(Color::Red)),
    ])
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

fn log_lines(app: &App, height: u16) -> Vec<Line<'static>> {
    if app.log.is_empty() {
        return vec![Line::from("no edits yet").dark_gray()];
    }
    let show = |p: Option<f64>| p.map_or("…".to_string(), probability);
    let skip = app.log.len().saturating_sub(height as usize);
    app.log[skip..]
        .iter()
        .map(|e| {
            Line::from(format!(
                "{} {}: {} {} → {}   P {} → {}",
                e.time,
                e.role,
                e.input,
                e.old,
                e.new,
                show(e.p_before),
                show(e.p_after)
            ))
        })
        .collect()
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
    frame.render_widget(right, area);
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
        frame.render_widget(
            Paragraph::new(Span::styled(format!(" {}", status.text), style)),
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

fn dialog(frame: &mut Frame, area: Rect, title: &str, text: Text<'static>, height: u16) -> Rect {
    let rect = centred(area, 72, height);
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

fn draw_overlay(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    match &app.mode {
        Mode::Editing {
            field,
            input,
            error,
        } => {
            let mut lines = vec![
                Line::from(input.value().to_string()),
                Line::from(""),
                Line::from(
                    "3M · 35M to 70M · 12% · { dist = \"normal\", mean = \"3M\", sd = \"500k\" }",
                )
                .dark_gray(),
                Line::from(EDITOR_KEYS).dark_gray(),
            ];
            if let Some(error) = error {
                lines.push(Line::from(Span::styled(
                    error.clone(),
                    theme.fg(Color::Red),
                )));
            }
            let title = format!("{}: {}", field.key(), field.description());
            let inner = dialog(frame, area, &title, Text::from(lines), 9);
            place_cursor(frame, inner, input);
        }
        Mode::SavingAs(input) => {
            let lines = vec![
                Line::from(input.value().to_string()),
                Line::from(""),
                Line::from(
                    "The built-in scenario has no file. Save it as (Enter saves, Esc cancels):",
                )
                .dark_gray(),
            ];
            let inner = dialog(frame, area, "Save as", Text::from(lines), 6);
            place_cursor(frame, inner, input);
        }
        Mode::Help => {
            let mut lines: Vec<Line> = HELP
                .iter()
                .map(|row| Line::from(format!("{:<11}{}", row.keys, row.what)))
                .collect();
            lines.insert(
                0,
                Line::from("Two people, one keyboard: the title bar shows who is editing."),
            );
            lines.insert(1, Line::from(""));
            dialog(
                frame,
                area,
                "Keys",
                Text::from(lines),
                HELP.len() as u16 + 4,
            );
        }
        Mode::ConfirmQuit => {
            let text = Text::from(vec![
                Line::from("There are unsaved edits."),
                Line::from(""),
                Line::from("s  save, then quit     d  discard them and quit     Esc  stay"),
            ]);
            dialog(frame, area, "Quit?", text, 5);
        }
        Mode::ConfirmOverwrite(path) => {
            let text = Text::from(vec![
                Line::from(format!(
                    "{} changed on disk since it was opened.",
                    path.display()
                )),
                Line::from(""),
                Line::from(
                    "y  overwrite it with this session's version     n  keep the file on disk",
                ),
            ]);
            dialog(frame, area, "Overwrite?", text, 5);
        }
        Mode::Normal | Mode::Finding(_) => {}
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
