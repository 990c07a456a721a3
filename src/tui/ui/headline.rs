//! The headline: what share of the market the target needs, P(feasible), the verdict and
//! the realistic target, the changes against a baseline, and each limit's requirement (at
//! the inputs' medians, as the frame's bottom edge says).

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{Theme, wrapped_height};
use crate::tui::app::{App, Baseline};
use crate::tui::worker::Computed;
use skypie::model::headline::Headline;
use skypie::report::comparison::compared_figures;
use skypie::report::format;
use skypie::scenario::Method;

/// Draws the headline at the top of `area`, as tall as its text wraps to (leaving the panels
/// at least 8 rows), with how many `warnings` its figures have; returns the height it took.
pub(super) fn draw_headline(
    app: &App,
    warnings: usize,
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
) -> u16 {
    // Two passes: the wrapped height is known only once the lines are laid out at the
    // frame's width, so the headline is drawn once at a guess (taller with a baseline),
    // measured, and drawn again over a cleared area if the guess was wrong. The +2 is the
    // frame's top and bottom border.
    let guess = if app.baseline.is_some() { 10 } else { 8 };
    let needed = draw_in(
        app,
        warnings,
        frame,
        Rect {
            height: guess,
            ..area
        },
        theme,
    ) + 2;
    // The panels keep seven rows (their tabs and a frame of five): the headline's last lines,
    // the limits, went under its edge at 80×24 with a baseline and a long market line.
    let height = needed.clamp(3, area.height.saturating_sub(7).max(3));
    if height != guess {
        frame.render_widget(Clear, area);
        draw_in(app, warnings, frame, Rect { height, ..area }, theme);
    }
    height
}

/// Draws the headline in `area`; returns the rows its text needs inside the frame.
fn draw_in(app: &App, warnings: usize, frame: &mut Frame, area: Rect, theme: Theme) -> u16 {
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
    // A verdict beside a value whose unit slipped (a target of "30%", 0.3 dollars, read
    // REALISTIC in green) says there is something to read, on the frame (it takes no row
    // from the panels); the inputs list marks where, and selecting one says what.
    let block = match format::warnings_beside_verdict(warnings) {
        Some(warnings) => {
            block.title(Line::from(format!(" ! {warnings} ")).style(theme.fg(Color::Yellow)))
        }
        None => block,
    };
    let limit_lines = format::limits(&results.headline);
    let wide = area.width >= WIDE;
    let footnotes = limits_at(&limit_lines);
    // Below the wide form, how often the team binds: on the edge, the lines having no room
    // for it (the market binds in the rest). A share of the samples, said so: beside "inputs
    // at their medians", "Team binds 34.2%" read as a figure at the medians.
    let team_binds = limit_lines
        .iter()
        .find(|limit| limit.of == format::Limit::Team)
        .filter(|_| !wide)
        .map(|team| format!(" {} binds {} of samples ", team.of.name(), team.binds));
    let mut lines = figures(app, results, theme);
    if let Some(base) = &app.baseline {
        lines.push(against(app, base, &results.headline, theme));
    }
    // Last, just above the edge that says how they are figured.
    lines.extend(limits(limit_lines, wide));
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
    // Rows the frame cannot hold (a short window, the status line taking three rows): the
    // edge says so, as the panels' lists do. The last line, a limit, went missing unsaid
    // beside an edge naming it.
    let hidden = rows.saturating_sub(usize::from(area.height.saturating_sub(2)));
    let more = (hidden > 0).then(|| format!(" ↓ {hidden} more "));
    let team_binds = team_binds.map(|binds| Line::from(binds).style(style));
    let block = bottom_edge(block, team_binds, &footnotes, more, area.width);
    frame.render_widget(
        Paragraph::new(lines)
            .style(style)
            .wrap(Wrap { trim: true })
            .block(block),
        area,
    );
    rows as u16
}

/// The three lines that answer the question: the share of the market the target needs,
/// P(feasible), and the verdict with the realistic target, each with the horizon and
/// confidence it was figured for (while a new state is computed, the old figures stay).
fn figures(app: &App, results: &Computed, theme: Theme) -> Vec<Line<'static>> {
    let (h, estimate) = (&results.headline, results.estimate);
    let s = &results.scenario;
    let capture = &h.required_capture;
    // Stale figures are dimmed as a whole: bold inside them would read as fresh where a
    // terminal's bold wins over its faint.
    let stale = app.is_stale();
    let strong = |style: Style| {
        if stale {
            style.remove_modifier(Modifier::BOLD)
        } else {
            style
        }
    };
    let bold = strong(Style::new().add_modifier(Modifier::BOLD));
    let verdict = strong(theme.verdict(h.verdict));
    vec![
        Line::from(vec![
            Span::raw("Needs "),
            Span::styled(format::capture(capture.p50), bold),
            Span::raw(format!(
                " of the serviceable market's revenue in {}{}",
                format::days(s.horizon_days),
                format::capture_spread(capture)
            )),
        ]),
        Line::from(vec![
            Span::raw("P(feasible) "),
            Span::styled(format::p_feasible(h, s.confidence), bold),
            Span::raw(if estimate { " (estimate)" } else { "" }),
            // The file's [run] method, which the inputs list does not show.
            Span::raw(if s.method == Method::Sobol {
                " · Sobol points"
            } else {
                ""
            }),
        ]),
        Line::from(vec![
            Span::styled(h.verdict.label().to_uppercase(), verdict),
            Span::raw(format!(
                " · realistic at {}: {}",
                format::confidence(s.confidence),
                app.plan_money().realistic(h.realistic_target),
            )),
        ]),
    ]
}

/// The width of the frame (a terminal of 110 columns) from which each limit line says how
/// often it binds; below it, the bottom edge says how often the team does.
const WIDE: u16 = 76;

/// Each limit's requirement; where the frame is `wide`, how often it binds (a share of the
/// samples, where the requirement is at the medians).
fn limits(limit_lines: Vec<format::LimitLine>, wide: bool) -> Vec<Line<'static>> {
    limit_lines
        .into_iter()
        .map(|limit| {
            Line::from(if wide {
                format!("{} · binds in {} of samples", limit.line, limit.binds)
            } else {
                limit.line
            })
        })
        .collect()
}

/// What the frame's bottom edge says of the limit lines just above it: that they are figured
/// with every input at its median (beside a verdict of every sample, "already covered" would
/// otherwise read as a contradiction). On the edge, it takes no row from the panels. Whole
/// first, then shorter, for an edge that also says how often the team binds.
fn limits_at(limit_lines: &[format::LimitLine]) -> [String; 3] {
    let which: Vec<&str> = limit_lines.iter().map(|limit| limit.of.name()).collect();
    [
        format!(" {}: {} ", which.join(", "), format::LIMITS_AT),
        format!(" {} ", format::LIMITS_AT),
        format!(" {} ", format::LIMITS_AT_SHORT),
    ]
}

/// The frame's bottom edge: how often the team binds (`team_binds`, below the wide form) on
/// its left, under the Team line; the rows the frame cannot hold (`more`) on its right; and
/// the limits' footnote (`footnotes`, whole first) as whole as fits beside them, or not at
/// all. At 80 columns "Team: needs 10.6 ramped reps, has 6" read, beside "reps out of reach",
/// as "hire 5", of a team that binds in no sample; said on the line, the line wrapped, and
/// a row of the panels went (the levers' notes, the frontier's rows).
fn bottom_edge(
    block: Block<'static>,
    team_binds: Option<Line<'static>>,
    footnotes: &[String],
    more: Option<String>,
    width: u16,
) -> Block<'static> {
    // The edge less its corners, and a column of it between each two things it says.
    let room = usize::from(width.saturating_sub(2));
    let beside = [
        team_binds.as_ref().map(Line::width),
        more.as_deref().map(UnicodeWidthStr::width),
    ];
    let taken: usize = beside.iter().flatten().map(|width| width + 1).sum();
    // Not cut: "Market, Team: inputs at their med ↓ 1 more" read as one cut line.
    let footnote = footnotes
        .iter()
        .find(|footnote| taken + footnote.width() <= room)
        .map(|footnote| Line::from(footnote.clone()));
    // Beside the team's share, on the right, as a note apart.
    let footnote = match &team_binds {
        Some(_) => footnote.map(Line::right_aligned),
        None => footnote,
    };
    [
        team_binds,
        footnote,
        more.map(|more| Line::from(more).right_aligned()),
    ]
    .into_iter()
    .flatten()
    .fold(block, Block::title_bottom)
}

/// The changes against the pinned baseline: P(feasible), the capture needed and the realistic
/// target, as the comparison export reads them ([`compared_figures`]: each in its own plan's
/// currency, P beside its own verdicts, the change of what the two figures say).
fn against(app: &App, baseline: &Baseline, h: &Headline, theme: Theme) -> Line<'static> {
    let rows = compared_figures(&baseline.headline, h, &baseline.scenario, app.figured());
    let shown = |key: &str| {
        rows.iter()
            .find(|row| row.key == key)
            .map_or_else(Default::default, |row| row.shown.clone())
    };
    let [p_was, p_is, p_change] = shown("p_feasible");
    let [needs_was, needs_is, _] = shown("required_capture_p50");
    let [realistic_was, realistic_is, _] = shown("realistic_target");
    Line::from(Span::styled(
        format!(
            "vs baseline: P {p_was} → {p_is} ({p_change}) · needs {needs_was} → {needs_is} · \
             realistic {realistic_was} → {realistic_is}"
        ),
        theme.fg(Color::Cyan),
    ))
}
