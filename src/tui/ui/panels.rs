//! The panels below the headline: the histogram, the tornado, the levers, the time path and
//! the session log; as tabs on a small screen, all at once on a large one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Tabs, Wrap};

use super::histogram::histogram_lines;
use super::{Theme, cut_at_word, wrapped_height};
use crate::tui::app::{App, LogEntry, LogPaging, LoggedP, Panel};
use crate::tui::item::Item;
use skypie::model::frontier;
use skypie::model::sensitivity::{Sensitivity, SensitivityOf};
use skypie::model::verdict::Verdict;
use skypie::report::format::{self, amount};
use skypie::report::lever::{COMBINED_LEVER, ShareGainNote, combined_beside_now, lever_shown};
use skypie::scenario::Field;
use skypie::text::printable;
use unicode_width::UnicodeWidthStr;

/// One panel under a row of tabs (a screen smaller than 120×40).
pub(super) fn draw_tabbed_panel(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let [tabs_area, panel] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let selected = Panel::ALL.iter().position(|p| *p == app.panel).unwrap_or(0);
    let (titles, divider) = tab_titles(tabs_area.width as usize);
    let tabs = Tabs::new(titles)
        .select(selected)
        .highlight_style(Style::new().add_modifier(Modifier::REVERSED))
        .padding("", "")
        .divider(divider);
    frame.render_widget(tabs, tabs_area);
    draw_panel(app, app.panel, frame, panel, theme);
}

/// The tabs' names and the divider between them: the full names with ` │ ` where they fit,
/// else the first of the narrower forms that does (at 80 columns, the short names with `│`).
fn tab_titles(width: usize) -> (Vec<&'static str>, &'static str) {
    let full: Vec<&'static str> = Panel::ALL.iter().map(|p| p.title()).collect();
    let short: Vec<&'static str> = Panel::ALL.iter().map(|p| p.short_title()).collect();
    let forms = [
        (full.clone(), " │ "),
        (short.clone(), " │ "),
        (full, "│"),
        (short, "│"),
    ];
    let fits = |(titles, divider): &(Vec<&str>, &str)| {
        let names: usize = titles.iter().map(|t| t.chars().count()).sum();
        names + divider.chars().count() * (titles.len() - 1) <= width
    };
    let last = forms[forms.len() - 1].clone();
    forms.into_iter().find(fits).unwrap_or(last)
}

/// Every panel at once (from 120×40), in two columns: the histogram, the time path and the
/// frontier (as tall as its rows) on the left; the tornado (as tall as its bars), the levers
/// and the session log on the right.
pub(super) fn draw_all_panels(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    // The frontier's header, a row per horizon, the line under them, and the frame.
    let horizons = frontier::horizons(app.figured().horizon_days).len() as u16;
    let frontier_height = (horizons + 4).min(area.height / 2);
    let [histogram, path, frontier_area] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Fill(1),
        Constraint::Length(frontier_height),
    ])
    .areas(left);
    // Its rows (a bar per uncertain input, or the line that says there is none) and the frame,
    // up to a third of the height; with the note under the bars where that leaves room for it.
    let (bars, note) = tornado_rows(app, right.width.saturating_sub(2));
    let third = area.height / 3;
    let with_note = bars + note + 2;
    let rows = if with_note <= usize::from(third) {
        with_note
    } else {
        bars + 2
    };
    // Bars whose ranges in words wrap may take up to half the height: an input cut off the
    // bottom would go unsaid.
    let most = if bars + 2 > usize::from(third) {
        area.height / 2
    } else {
        third
    };
    let tornado_height = u16::try_from(rows).unwrap_or(u16::MAX).min(most);
    let [tornado, levers, log] = Layout::vertical([
        Constraint::Length(tornado_height),
        Constraint::Fill(3),
        Constraint::Fill(2),
    ])
    .areas(right);
    draw_panel(app, Panel::Histogram, frame, histogram, theme);
    draw_panel(app, Panel::TimePath, frame, path, theme);
    draw_panel(app, Panel::Frontier, frame, frontier_area, theme);
    draw_panel(app, Panel::Tornado, frame, tornado, theme);
    draw_panel(app, Panel::Levers, frame, levers, theme);
    draw_panel(app, Panel::Log, frame, log, theme);
}

/// One panel in its frame, or "computing…" until its figures arrive.
fn draw_panel(app: &App, panel: Panel, frame: &mut Frame, area: Rect, theme: Theme) {
    // The heading sits in the top border, between the corners and a space either side.
    let room = (area.width as usize).saturating_sub(4);
    let heading = cut_at_word(panel_heading(app, panel), room);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(format!(" {heading} "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let waiting = || Paragraph::new("computing…").dark_gray();
    match panel {
        Panel::Histogram => match &app.results {
            Some(r) => frame.render_widget(
                Paragraph::new(histogram_lines(
                    &r.histogram,
                    app.figured().target_revenue,
                    &app.plan_money().amount(app.figured().target_revenue),
                    inner,
                    theme,
                )),
                inner,
            ),
            None => frame.render_widget(waiting(), inner),
        },
        Panel::Tornado => match app.current_detail() {
            Some(d) => {
                frame.render_widget(
                    Paragraph::new(tornado_lines(app, d, inner, theme)).wrap(Wrap { trim: false }),
                    inner,
                );
                // A heading cut before "at each input's P10 / P90" left the bars' two ends
                // unexplained.
                let ends = format::sensitivity_heading_through_ends(d.sensitivity_of);
                let ends_said = heading.starts_with(ends);
                if !ends_said && !d.sensitivity.is_empty() && TORNADO_ENDS.width() <= room {
                    draw_on_bottom_edge(frame, area, TORNADO_ENDS);
                }
            }
            None => frame.render_widget(waiting(), inner),
        },
        Panel::Levers => match app.current_detail() {
            Some(d) => {
                let (lines, left_out) = lever_lines(app, d, inner.width, inner.height);
                frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
                draw_on_bottom_edge(frame, area, &left_out);
            }
            None => frame.render_widget(waiting(), inner),
        },
        Panel::TimePath => match app.current_detail() {
            Some(d) => draw_time_path(app, d, frame, inner, theme),
            None => frame.render_widget(waiting(), inner),
        },
        Panel::Frontier => match app.current_detail() {
            Some(d) => {
                let (lines, left_out) = frontier_lines(app, d, inner.width, inner.height);
                frame.render_widget(Paragraph::new(lines), inner);
                draw_on_bottom_edge(frame, area, &left_out);
            }
            None => frame.render_widget(waiting(), inner),
        },
        Panel::Log => {
            let (lines, earlier, later) = log_lines(app, inner);
            // An entry wrapped at the gap before its P(feasible) starts its next row at "P",
            // not at two of the gap's spaces.
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
            draw_on_bottom_edge(frame, area, &log_note(earlier, later));
        }
    }
}

/// Writes `note` (dimmed, a space either side) on the bottom edge of the panel framed in
/// `area`, after its corner, as the headline says how its limits are figured: it takes no row
/// from the panel. Nothing for an empty note.
pub(super) fn draw_on_bottom_edge(frame: &mut Frame, area: Rect, note: &str) {
    if note.is_empty() || area.height < 2 {
        return;
    }
    let note = format!(" {note} ");
    let edge = Rect {
        x: area.x + 1,
        y: area.bottom() - 1,
        width: (note.width() as u16).min(area.width.saturating_sub(2)),
        height: 1,
    };
    frame.render_widget(Paragraph::new(note).dark_gray(), edge);
}

/// What each end of a tornado's bar is, on its bottom edge where its heading is cut before
/// saying it.
const TORNADO_ENDS: &str = "left: each input at P10 · right: at P90";

/// A panel's heading: the detail sections' are the batch tables' (from the report's one
/// list); the histogram and the log are the session's own. The tornado's says what its bars
/// measure, once the detail has said.
fn panel_heading(app: &App, panel: Panel) -> &'static str {
    match panel {
        Panel::Histogram => "Achievable revenue · │ target",
        Panel::Tornado => format::sensitivity_heading(
            app.current_detail()
                .map_or(SensitivityOf::PFeasible, |d| d.sensitivity_of),
        ),
        // Said in the title too: at 80×24 the panel's own first line ("Already realistic; each
        // alone stays so to:") is the first to go, and the same rows read the other way.
        Panel::Levers => match &app.results {
            Some(r) => format::levers_heading(r.headline.verdict),
            None => format::LEVERS_HEADING,
        },
        Panel::TimePath => format::TIME_PATH_HEADING,
        Panel::Frontier => format::FRONTIER_HEADING,
        Panel::Log => "Session log",
    }
}

/// What the tornado's bars measure, on which scale: each bar's two ends, the figure now, and
/// the scale's ends (the lowest and highest of them all, so that the bars use every cell).
struct TornadoScale {
    /// The realistic target (money) rather than P(feasible).
    by_target: bool,
    ends: Vec<(f64, f64)>,
    now: f64,
    bottom: f64,
    top: f64,
}

impl TornadoScale {
    fn of(app: &App, detail: &skypie::Detail) -> TornadoScale {
        let headline = app.results.as_ref().map(|r| &r.headline);
        let of = detail.sensitivity_of;
        let by_target = of == SensitivityOf::RealisticTarget;
        let ends: Vec<(f64, f64)> = detail.sensitivity.iter().map(|s| s.ends(of)).collect();
        let now = headline.map_or(0.0, |h| of.now(h));
        let figures = || {
            ends.iter()
                .flat_map(|(l, h)| [*l, *h])
                .chain([now])
                .filter(|x| x.is_finite())
        };
        let bottom = figures().fold(f64::INFINITY, f64::min);
        let top = figures().fold(f64::NEG_INFINITY, f64::max);
        TornadoScale {
            by_target,
            ends,
            now,
            bottom,
            top,
        }
    }

    /// A bar of `cells` cells from `low` to `high`, with a mark at the figure now.
    fn bar(&self, cells: usize, (low, high): (f64, f64)) -> String {
        // The bar's cells stand for the figures from the bottom of the scale to its top.
        let span = self.top - self.bottom;
        let at = |x: f64| {
            let share = if span > 0.0 {
                (x - self.bottom) / span
            } else {
                0.0
            };
            ((share * (cells - 1) as f64).round().max(0.0) as usize).min(cells - 1)
        };
        let (from, to) = (at(low.min(high)), at(low.max(high)));
        let now = at(self.now);
        (0..cells)
            .map(|i| match i {
                _ if i == now => '│',
                _ if (from..=to).contains(&i) => '█',
                _ => '·',
            })
            .collect()
    }
}

/// Bars narrower than this name their inputs as the inputs list does, without the table
/// (`attainment`, not `capacity.attainment`): those names are different too.
const NARROW_BAR: usize = 12;

/// The tornado: per input, the figure its bars measure at the input's P10 and P90, with a bar
/// between them and a mark at the figure now. That is P(feasible); when every pin leaves it at
/// 0 or 1 (the detail says so), the realistic target, in money. Under the bars where it fits
/// whole, the note on inputs whose pins both read on one side of now.
fn tornado_lines(
    app: &App,
    detail: &skypie::Detail,
    area: Rect,
    theme: Theme,
) -> Vec<Line<'static>> {
    let (mut lines, note) = tornado_parts(app, detail, area.width, theme);
    if let Some(note) = note {
        let rows = rows_of(&lines, area.width) + wrapped_height(&note, usize::from(area.width));
        if rows <= usize::from(area.height) {
            lines.push(Line::from(note).dark_gray());
        }
    }
    lines
}

/// How many rows the tornado's panel would show, `width` columns wide: its bars (or the line
/// that says every input is fixed), and its note wrapped (0 without one).
fn tornado_rows(app: &App, width: u16) -> (usize, usize) {
    let Some(detail) = app.current_detail() else {
        return (app.figured().uncertain_fields().len().max(1), 0);
    };
    let (lines, note) = tornado_parts(app, detail, width, Theme { color: false });
    let note_rows = note.map_or(0, |n| wrapped_height(&n, usize::from(width)));
    (rows_of(&lines, width), note_rows)
}

/// The rows `lines` take `width` columns wide, wrapped: a range in words with a long currency
/// (`244k Swiss francs → 448k Swiss francs`) takes two.
fn rows_of(lines: &[Line], width: u16) -> usize {
    lines
        .iter()
        .map(|line| wrapped_height(&line.to_string(), usize::from(width)))
        .sum()
}

/// The tornado's bars, `width` columns wide, and the note under them if there is one (see
/// [`format::tornado_tails`]), naming the inputs as the bars do.
fn tornado_parts(
    app: &App,
    detail: &skypie::Detail,
    width: u16,
    theme: Theme,
) -> (Vec<Line<'static>>, Option<String>) {
    if detail.sensitivity.is_empty() {
        return (
            vec![Line::from("every input is fixed: nothing to vary")],
            None,
        );
    }
    let (bars, names) = tornado_bars(app, detail, width, theme);
    let named: Vec<_> = detail
        .sensitivity
        .iter()
        .zip(names)
        .map(|(s, input)| Sensitivity { input, ..s.clone() })
        .collect();
    let p_now = app.results.as_ref().map(|r| r.headline.p_feasible);
    let of = detail.sensitivity_of;
    let confidence = app.figured().confidence;
    let note = p_now.and_then(|p| format::tornado_tails(&named, of, p, confidence));
    (bars, note)
}

/// The tornado's bars, one line each (a line never wider than `width`), and the names they
/// give the inputs.
fn tornado_bars(
    app: &App,
    detail: &skypie::Detail,
    width: u16,
    theme: Theme,
) -> (Vec<Line<'static>>, Vec<String>) {
    let plan = app.plan_money();
    let scale = TornadoScale::of(app, detail);
    let texts: Vec<(String, String)> = scale
        .ends
        .iter()
        .map(|&(l, h)| {
            if scale.by_target {
                (plan.realistic(l), plan.realistic(h))
            } else {
                let [l, h] = format::pinned_pair(l, h, app.figured().confidence);
                (l, h)
            }
        })
        .collect();
    let low_width = texts.iter().map(|t| t.0.width()).max().unwrap_or(0);
    let high_width = texts.iter().map(|t| t.1.width()).max().unwrap_or(0);
    // Beside the bar: the name (as wide as the longest) and a space, the figure at P10 and
    // a space, then a space and the figure at P90.
    let bar_beside = |names: &[String]| {
        let name_width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        let bar = (width as usize).saturating_sub(name_width + 1 + low_width + 1 + 1 + high_width);
        (name_width, bar)
    };
    let mut names: Vec<String> = detail.sensitivity.iter().map(|s| s.input.clone()).collect();
    let (mut name_width, mut bar) = bar_beside(&names);
    if bar < NARROW_BAR {
        // As the inputs list names them.
        names = names
            .into_iter()
            .map(|n| Field::from_key(&n).map_or(n, |f| Item::Field(f).label()))
            .collect();
        (name_width, bar) = bar_beside(&names);
    }
    let lines = names
        .iter()
        .zip(scale.ends.iter().zip(texts))
        .map(|(name, (ends, (low_text, high_text)))| {
            let name = format!("{name:<name_width$}");
            if bar < 5 {
                return Line::from(format!("{name} {low_text:>low_width$} → {high_text}"));
            }
            Line::from(vec![
                Span::raw(format!("{name} {low_text:>low_width$} ")),
                Span::styled(scale.bar(bar, *ends), theme.fg(Color::Blue)),
                Span::raw(format!(" {high_text}")),
            ])
        })
        .collect();
    (lines, names)
}

/// The levers: the value at which each alone makes the plan realistic, beside its value now,
/// and the combined lever. In fewer than `height` rows of `width`, the heading is kept first
/// (without it `market.size ×1.4` says nothing of what it makes; the values now are in the
/// inputs list too), then each value now, then why a lever is out of reach (in full lever by
/// lever, in order, the rest in brief; or none), as much as fits: every lever and the
/// combined one stay, and no row is left empty that the heading or a reason could have (at
/// 80×24 the heading went with the reasons, two rows left blank). Returned with what the
/// panel's bottom edge says of the share gain's note where it does not fit (it went unsaid,
/// with a baseline pinned at 80×24), else nothing.
fn lever_lines(
    app: &App,
    detail: &skypie::Detail,
    width: u16,
    height: u16,
) -> (Vec<Line<'static>>, String) {
    let rows = LeverRows::of(app, detail);
    let fits = |form: LeverText| {
        let rows: usize = rows
            .texts(form)
            .iter()
            .map(|t| wrapped_height(t, usize::from(width)))
            .sum();
        rows <= usize::from(height)
    };
    let bare = LeverText {
        heading: false,
        reasons: 0,
        briefs: false,
        now: false,
        note: false,
    };
    let mut form = bare;
    let headed = LeverText {
        heading: true,
        ..bare
    };
    if fits(headed) {
        form = headed;
    }
    let with_now = LeverText { now: true, ..form };
    if fits(with_now) {
        form = with_now;
    }
    // Every lever says why it is out of reach, in full as far as that fits and in brief
    // after, or none does (at 80×24 the reps lever read "out of reach" alone below a share
    // gain's reason in full, as if it had none).
    (form.reasons, form.briefs) = (0..=rows.levers.len())
        .rev()
        .find(|&reasons| {
            fits(LeverText {
                reasons,
                briefs: true,
                ..form
            })
        })
        .map_or((0, false), |reasons| (reasons, true));
    // Last, where it fits: how to type an uncertain share gain's figure back (the range moved,
    // not one value), as the note under the exported levers says it.
    let noted = LeverText { note: true, ..form };
    if fits(noted) {
        form = noted;
    }
    let left_out = if rows.note.is_some() && !form.note {
        NOTE_NOT_SHOWN.to_string()
    } else {
        String::new()
    };
    let lines = rows.texts(form).into_iter().map(Line::from).collect();
    (lines, left_out)
}

/// The levers panel's bottom edge where the share gain's note does not fit.
const NOTE_NOT_SHOWN: &str = "↓ share gain's note not shown";

/// How much the levers' panel says: the heading, why each of the first `reasons` levers is out
/// of reach (and, with `briefs`, why each after it is, in brief), each value now, the share
/// gain's note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LeverText {
    heading: bool,
    reasons: usize,
    briefs: bool,
    now: bool,
    note: bool,
}

/// The levers' panel in parts, each worked out once: the heading, each lever's key, value,
/// value with its reason, value with its reason in brief and value now (` (now $3M)`, or
/// nothing), the combined lever, and the share gain's note ([`ShareGainNote::brief`]).
struct LeverRows {
    heading: String,
    levers: Vec<[String; 5]>,
    combined: Option<String>,
    note: Option<String>,
}

impl LeverRows {
    fn of(app: &App, detail: &skypie::Detail) -> LeverRows {
        let confidence = format::confidence(app.figured().confidence);
        let results = app.results.as_ref();
        let realistic = results.is_some_and(|r| r.headline.verdict == Verdict::Realistic);
        // Already realistic, "0 reps" is room to spare, not advice to let the team go.
        let heading = if realistic {
            "Already realistic; each alone stays so to:".to_string()
        } else {
            format!("Alone, each makes P(feasible) {confidence} at:")
        };
        // The detail is these results' (`App::current_detail`), so they are in.
        let Some(h) = results.map(|r| &r.headline) else {
            return LeverRows {
                heading,
                levers: Vec::new(),
                combined: None,
                note: None,
            };
        };
        let s = app.figured();
        let levers = detail
            .levers
            .iter()
            .map(|lever| {
                let shown = lever_shown(lever, s, h);
                let now = if shown.now_figure.is_empty() || !shown.reached {
                    String::new()
                } else {
                    format!(" (now {})", shown.now_figure)
                };
                let (text, brief) = (shown.text(), shown.brief_text());
                [lever.input.key(), shown.value, text, brief, now]
            })
            .collect();
        let combined = detail.combined_lever.as_ref().map(|combined| {
            let [_, value] = combined_beside_now(combined, h);
            format!("{}: {value}", COMBINED_LEVER)
        });
        let note = ShareGainNote::of(&detail.levers, detail.combined_lever.as_ref(), s, h)
            .map(|note| note.brief());
        LeverRows {
            heading,
            levers,
            combined,
            note,
        }
    }

    /// The panel's lines in `form`.
    fn texts(&self, form: LeverText) -> Vec<String> {
        let heading = form.heading.then(|| self.heading.clone());
        let levers = self
            .levers
            .iter()
            .enumerate()
            .map(|(i, [key, value, text, brief, now])| {
                let value = if i < form.reasons {
                    text
                } else if form.briefs {
                    brief
                } else {
                    value
                };
                let now = if form.now { now.as_str() } else { "" };
                format!("{key:<20}{value}{now}")
            });
        let note = self.note.clone().filter(|_| form.note);
        heading
            .into_iter()
            .chain(levers)
            .chain(self.combined.clone())
            .chain(note)
            .collect()
    }
}

/// The frontier: for each horizon, P(feasible) of the plan's target, the realistic target and
/// the share of the market the target needs, the plan's own horizon in bold; then the day
/// from which the target is realistic. In fewer than `height` rows, the heading and that
/// last line stay, and so do the rows nearest the plan's own horizon. Returned with the lines:
/// what is left out (the rows, [`left_out`], and the last column where money in a long
/// currency leaves it no room), empty when everything is shown.
fn frontier_lines(
    app: &App,
    detail: &skypie::Detail,
    width: u16,
    height: u16,
) -> (Vec<Line<'static>>, String) {
    let s = app.figured();
    let plan = app.plan_money();
    let header = ["days", "P(feasible)", "realistic", "needs (P50)"];
    let rows: Vec<[String; 4]> = format::frontier_rows(detail, plan, s.confidence)
        .into_iter()
        .map(|(days, [p, realistic, needs])| [days.to_string(), p, realistic, needs])
        .collect();
    let mut widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].width())
                .chain([header[i].width()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let total =
        |widths: &[usize], gap: usize| widths.iter().sum::<usize>() + gap * (widths.len() - 1);
    // A table wider than the panel even with single spaces (money in a long currency: `2.35M
    // Swiss francs`) leaves out its last column, heading and all, rather than a heading whose
    // figures are cut off the right edge.
    let needs_left_out = total(&widths, 1) > usize::from(width);
    if needs_left_out {
        widths.pop();
    }
    let marker = " ◂";
    let fits = |gap: usize, marked: bool| {
        total(&widths, gap) + if marked { marker.chars().count() } else { 0 } <= width as usize
    };
    // The widest gap that leaves room for the plan's marker; without it only when even the
    // narrowest gap leaves none.
    // (Four columns: narrowing the gaps frees three cells, more than the mark's two.)
    let (gap, marked) = [(2, true), (1, true)]
        .into_iter()
        .find(|(gap, marked)| fits(*gap, *marked))
        .unwrap_or((1, false));
    let line = |cells: &[String]| {
        cells
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:>w$}"))
            .collect::<Vec<_>>()
            .join(&" ".repeat(gap))
    };
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let mut lines = vec![Line::from(line(&header)).add_modifier(Modifier::UNDERLINED)];
    // The rows that fit between the heading and the answer, nearest the plan's horizon first.
    let room = usize::from(height).saturating_sub(2);
    let mut nearest: Vec<usize> = (0..rows.len()).collect();
    nearest.sort_by_key(|i| detail.frontier[*i].days.abs_diff(s.horizon_days));
    nearest.truncate(room);
    let (mut above, mut below) = (Vec::new(), Vec::new());
    for (i, (f, row)) in detail.frontier.iter().zip(&rows).enumerate() {
        if !nearest.contains(&i) {
            if f.days < s.horizon_days {
                above.push(f.days);
            } else {
                below.push(f.days);
            }
            continue;
        }
        if f.days == s.horizon_days {
            let text = line(row) + if marked { marker } else { "" };
            lines.push(Line::from(text).add_modifier(Modifier::BOLD));
        } else {
            lines.push(Line::from(line(row)));
        }
    }
    lines.push(Line::from(
        format::realistic_from(detail, s.confidence).unwrap_or_default(),
    ));
    // Said, as the rows are (the column went unsaid), the rows' note in the room left beside it.
    let column_note = if needs_left_out {
        format!("{} not shown", header[3])
    } else {
        String::new()
    };
    let beside = match column_note.width() {
        0 => 0,
        note => note + " · ".width(),
    };
    let room = usize::from(width).saturating_sub(beside);
    let rows_left_out = left_out(&above, &below, room);
    let note = match (column_note.is_empty(), rows_left_out.is_empty()) {
        (_, true) => column_note,
        (true, false) => rows_left_out,
        (false, false) => format!("{column_note} · {rows_left_out}"),
    };
    (lines, note)
}

/// The frontier's rows left out, by their days, above and below those shown (`↑ 30, 60 ·
/// ↓ 730 days not shown`), or only how many where that is wider than `room`; empty for none.
fn left_out(above: &[u32], below: &[u32], room: usize) -> String {
    let count = above.len() + below.len();
    if count == 0 {
        return String::new();
    }
    let days = |side: &[u32]| {
        side.iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut sides = Vec::new();
    if !above.is_empty() {
        sides.push(format!("↑ {}", days(above)));
    }
    if !below.is_empty() {
        sides.push(format!("↓ {}", days(below)));
    }
    let named = format!("{} days not shown", sides.join(" · "));
    if named.width() + 2 <= room {
        named
    } else if count == 1 {
        "1 row not shown".to_string()
    } else {
        format!("{count} rows not shown")
    }
}

/// The time path's glyphs for P90 and P10, in its chart and its legend alike: the upper half
/// of a cell for the upper percentile, the lower half for the lower, so that the two differ
/// without colour too (with NO_COLOR both were `▄`, told apart by colour alone).
const P90_GLYPH: char = '▀';
const P10_GLYPH: char = '▄';
/// A cell the whole band from P10 to P90 lies within: both halves (P50 between them). It was
/// P10's `▄` alone, as if P90 were at zero.
const BAND_GLYPH: char = '█';

/// The time path: cumulative required revenue against achievable P10, P50 and P90.
fn draw_time_path(app: &App, detail: &skypie::Detail, frame: &mut Frame, area: Rect, theme: Theme) {
    let path = &detail.time_path;
    let top = path
        .iter()
        .flat_map(|p| [p.required, p.p90])
        .filter(|x| x.is_finite())
        .fold(0.0, f64::max)
        .max(1.0);
    // Drawn as shares of the top, 0 to 1: the chart multiplies a value by the plot's rows
    // before dividing by its range, so a target of 1e308 overflowed to ∞, and the line to the
    // point drawn there never ended (the session hung, deaf to every key and signal). A
    // figure past the top (∞) sits on it, one that is no number at the bottom.
    let share = |x: f64| {
        let share = x / top;
        if share.is_nan() {
            0.0
        } else {
            share.clamp(0.0, 1.0)
        }
    };
    let series = |f: fn(&skypie::model::time_path::TimePoint) -> f64| -> Vec<(f64, f64)> {
        std::iter::once((0.0, 0.0))
            .chain(path.iter().map(|p| (f64::from(p.day), share(f(p)))))
            .collect()
    };
    let lines = PathLines {
        required: series(|p| p.required),
        p10: series(|p| p.p10),
        p50: series(|p| p.p50),
        p90: series(|p| p.p90),
    };
    // Dots for the required path and half blocks for the outer percentiles, so that each
    // stands apart without colour too (NO_COLOR, or red and green to a colour-blind eye: the
    // three percentiles read alike); P10 and P90 never cross P50 (P90 ≥ P50 ≥ P10).
    let legend = Line::from(vec![
        Span::styled("• required", theme.fg(Color::Yellow)),
        Span::raw("  achievable "),
        Span::styled(format!("{P90_GLYPH} P90"), theme.fg(Color::Green)),
        Span::raw(" "),
        Span::styled("⣀ P50", theme.fg(Color::Cyan)),
        Span::raw(" "),
        Span::styled(format!("{P10_GLYPH} P10"), theme.fg(Color::Red)),
    ]);
    let [legend_area, area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    frame.render_widget(legend, legend_area);
    let horizon = app.figured().horizon_days;
    let chart = time_path_lines(
        &lines,
        f64::from(horizon),
        [&amount(top), &format!("day {horizon}")],
        (area.width, area.height),
        theme,
    );
    frame.render_widget(Paragraph::new(chart), area);
}

/// The time path's lines, each from day 0, as (day, share of the chart's top) points.
struct PathLines {
    required: Vec<(f64, f64)>,
    p10: Vec<(f64, f64)>,
    p50: Vec<(f64, f64)>,
    p90: Vec<(f64, f64)>,
}

/// What one cell of the time path's plot holds: whether the required path, P90 and P10 pass
/// through it, whether the whole band from P10 to P90 lies within it somewhere along it, and
/// which of its braille dots P50 passes through (none: 0).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct PlotCell {
    required: bool,
    p90: bool,
    p10: bool,
    band: bool,
    p50: u8,
}

/// The time path's chart below its legend, `width`×`height` in all: the top amount and 0 left
/// of the y axis, the plot, the x axis, and the first and last days under it (`labels`: the
/// top amount and the last day), laid out as ratatui's chart laid them out. Every line is
/// placed at the resolution of braille dots (2×4 a cell), so that all four fall into the cells
/// alike, and each cell shows what it holds, as far as one glyph can: the required path's `•`
/// on top (where the plan is close it runs among the percentiles, and drawn under them it would
/// be hidden just where it matters); where the band from P10 to P90 lies within the cell, `█`
/// (P50 between them; in colour, P90's green over P10's red); else P50's dots over P10's `▄`
/// or P90's `▀` (drawn under those, the median was hidden wherever it shared a cell with
/// either: at 120×40 nowhere on the anecdote's chart, whose legend promises it).
fn time_path_lines(
    lines: &PathLines,
    days: f64,
    labels: [&str; 2],
    (width, height): (u16, u16),
    theme: Theme,
) -> Vec<Line<'static>> {
    let [top_label, last_day] = labels;
    let first_day = "day 0";
    // The widest amount, or the first day's label but its last character (which sits under the
    // axis), at most a third of the width.
    let label_width = top_label
        .width()
        .max(first_day.width() - 1)
        .min(usize::from(width) / 3);
    let plot_width = usize::from(width).saturating_sub(label_width + 1);
    let plot_height = usize::from(height).saturating_sub(2);
    if plot_width == 0 || plot_height == 0 {
        return Vec::new();
    }
    let cells = plot_cells(lines, days, plot_width, plot_height);
    let mut out = Vec::with_capacity(plot_height + 2);
    for (row, cells) in cells.iter().enumerate() {
        let label = match row {
            0 => top_label,
            r if r + 1 == plot_height => "0",
            _ => "",
        };
        let label: String = label.chars().take(label_width).collect();
        let mut spans = vec![Span::raw(format!("{label:<label_width$}│"))];
        spans.extend(cells.iter().map(|cell| plot_span(*cell, theme)));
        out.push(Line::from(spans));
    }
    out.push(Line::from(format!(
        "{:label_width$}└{}",
        "",
        "─".repeat(plot_width)
    )));
    out.push(Line::from(format!(
        "{first_day:>first$}{last_day:>plot_width$}",
        first = label_width + 1
    )));
    out
}

/// The glyph of one cell of the time path's plot, in its colours (see [`time_path_lines`]).
fn plot_span(cell: PlotCell, theme: Theme) -> Span<'static> {
    if cell.required {
        Span::styled("•", theme.fg(Color::Yellow))
    } else if cell.band || (cell.p90 && cell.p10 && cell.p50 == 0) {
        if theme.color {
            // The upper half P90's, the lower P10's, as in the legend.
            Span::styled(
                P90_GLYPH.to_string(),
                Style::new().fg(Color::Green).bg(Color::Red),
            )
        } else {
            Span::raw(BAND_GLYPH.to_string())
        }
    } else if cell.p50 != 0 {
        let dots = char::from_u32(0x2800 + u32::from(cell.p50)).unwrap_or('⣀');
        Span::styled(dots.to_string(), theme.fg(Color::Cyan))
    } else if cell.p90 {
        Span::styled(P90_GLYPH.to_string(), theme.fg(Color::Green))
    } else if cell.p10 {
        Span::styled(P10_GLYPH.to_string(), theme.fg(Color::Red))
    } else {
        Span::raw(" ")
    }
}

/// Which of the plot's `width`×`height` cells (rows from the top) each line passes through.
fn plot_cells(lines: &PathLines, days: f64, width: usize, height: usize) -> Vec<Vec<PlotCell>> {
    let mut cells = vec![vec![PlotCell::default(); width]; height];
    let rows = |line: &Vec<(f64, f64)>| line_rows(line, days, 2 * width, 4 * height);
    let [required, p90, p10, p50] = [&lines.required, &lines.p90, &lines.p10, &lines.p50].map(rows);
    for (x, y) in line_dots(&required) {
        cells[y / 4][x / 2].required = true;
    }
    for (x, y) in line_dots(&p90) {
        cells[y / 4][x / 2].p90 = true;
    }
    for (x, y) in line_dots(&p10) {
        cells[y / 4][x / 2].p10 = true;
    }
    for (x, y) in line_dots(&p50) {
        cells[y / 4][x / 2].p50 |= BRAILLE_DOT[y % 4][x % 2];
    }
    // At a column of dots where P10 and P90 fall in one cell, the band is narrower than it.
    // Where P10's line is P90's (one sample, or every input fixed) there is no band but P50's
    // line, which the band's `▀` hid.
    if lines.p90 != lines.p10 {
        for (x, (high, low)) in p90.iter().zip(&p10).enumerate() {
            if high / 4 == low / 4 {
                cells[high / 4][x / 2].band = true;
            }
        }
    }
    cells
}

/// The bit of a braille character (from U+2800) for each dot of its 2×4, row by row.
const BRAILLE_DOT: [[u8; 2]; 4] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]];

/// The row of dots (from the top, of `rows`) a line of (day, share) points is at in each of
/// `columns` columns of dots, the first at day 0, the last at `days`.
fn line_rows(line: &[(f64, f64)], days: f64, columns: usize, rows: usize) -> Vec<usize> {
    (0..columns)
        .map(|column| {
            let day = if columns > 1 {
                days * column as f64 / (columns - 1) as f64
            } else {
                0.0
            };
            let share = share_on(line, day).clamp(0.0, 1.0);
            // `as` saturates, and a share within 0 and 1 is a row within the plot.
            ((1.0 - share) * rows.saturating_sub(1) as f64).round() as usize
        })
        .collect()
}

/// The dots (column, row) a line at `rows` (see [`line_rows`]) passes through: its row in each
/// column, joined to the next column's by the dots between them, half in each column.
fn line_dots(rows: &[usize]) -> impl Iterator<Item = (usize, usize)> + '_ {
    rows.iter().enumerate().flat_map(move |(column, &row)| {
        // Halfway to a neighbour, this column's side of it.
        let toward = |other: Option<&usize>| {
            other.map_or(row, |&other| {
                if other > row {
                    row + (other - row) / 2
                } else {
                    row - (row - other) / 2
                }
            })
        };
        let before = toward(column.checked_sub(1).and_then(|c| rows.get(c)));
        let after = toward(rows.get(column + 1));
        let low = row.min(before).min(after);
        let high = row.max(before).max(after);
        (low..=high).map(move |y| (column, y))
    })
}

/// A line's share on `day`, straight between its points (a day past the last: the last's).
fn share_on(line: &[(f64, f64)], day: f64) -> f64 {
    let Some(&(_, last)) = line.last() else {
        return 0.0;
    };
    line.windows(2)
        .find(|pair| day <= pair[1].0)
        .map_or(last, |pair| {
            let [(x0, y0), (x1, y1)] = [pair[0], pair[1]];
            if x1 > x0 {
                y0 + (y1 - y0) * ((day - x0) / (x1 - x0)).clamp(0.0, 1.0)
            } else {
                y1
            }
        })
}

/// What the Log tab's edge says of the entries it does not show, and the keys that show them:
/// `↑ 8 earlier edits (PgUp)`, scrolled back `↑ 4 earlier, ↓ 3 later (PgUp PgDn)`
/// (it counted them with no way to read them).
fn log_note(earlier: usize, later: usize) -> String {
    let edits = |n: usize| if n == 1 { "edit" } else { "edits" };
    match (earlier, later) {
        (0, 0) => String::new(),
        (n, 0) => format!("↑ {n} earlier {} (PgUp)", edits(n)),
        (0, n) => format!("↓ {n} later {} (PgDn)", edits(n)),
        // Short enough for the 41 columns of the 120×40 tab (the keys were cut off).
        (up, down) => format!("↑ {up} earlier, ↓ {down} later (PgUp PgDn)"),
    }
}

/// A space no row is broken at (ratatui's wrapping and [`wrapped_height`] keep it).
const NBSP: &str = "\u{a0}";

/// The log entries that fit `area`, the newest but the `app.log_back` scrolled past, oldest
/// first, each wrapped to its width; how many earlier ones do not fit, and how many later ones
/// are scrolled past (the panel's edge counts them: ten of fourteen rows were gone unsaid).
fn log_lines(app: &App, area: Rect) -> (Vec<Line<'static>>, usize, usize) {
    if app.log.is_empty() {
        return (vec![Line::from("no edits yet").dark_gray()], 0, 0);
    }
    // P(feasible) before and after, kept on one row where the entry wraps (no space to break
    // at: a row ended in "P" alone, its figures on the next).
    let shown =
        |e: &LogEntry| LoggedP::both_shown(e.p_before, e.p_after).map(|p| p.replace(' ', NBSP));
    // A file's name in an entry (a save under another name) shown as typed, `plan\u001bx.toml`:
    // the terminal would drop its control characters.
    let text_of = |e: &LogEntry| {
        let [before, after] = shown(e);
        let text = format!(
            "{} {}: {}: {} → {}   P{NBSP}{}{NBSP}→{NBSP}{}",
            e.time, e.role, e.input, e.old, e.new, before, after
        );
        printable(&text).into_owned()
    };
    // Scrolled back no further than a panel full of the oldest entries (PgUp went on to one
    // entry above blank rows): those are counted from the oldest until the panel is full, each
    // frame only while scrolled back (it measured the whole log again for every step back).
    // How many of `entries`, in their order, fill the panel's rows.
    let fitting = |entries: &[LogEntry]| {
        let mut rows = 0;
        entries
            .iter()
            .take_while(|e| {
                rows += wrapped_height(&text_of(e), area.width as usize);
                rows <= area.height as usize
            })
            .count()
    };
    let later = if app.log_back == 0 {
        0
    } else {
        let oldest_that_fit = fitting(&app.log);
        app.log_back
            .min(app.log.len() - 1)
            .min(app.log.len() - oldest_that_fit)
    };
    let mut rows = 0;
    let mut lines = Vec::new();
    for e in app.log.iter().rev().skip(later) {
        let text = text_of(e);
        rows += wrapped_height(&text, area.width as usize);
        if rows > area.height as usize && !lines.is_empty() {
            break;
        }
        lines.push(Line::from(text));
    }
    let earlier = app.log.len() - later - lines.len();
    // PgDn's page: from the entry below the newest shown, as many later ones as fit (moving
    // by the entries shown skipped some where the later ones wrap onto more rows).
    let forward = fitting(&app.log[app.log.len() - later..]).max(later.min(1));
    // From the page drawn: at the top it shows fewer scrolled past than PgUp asked (a panel
    // full of the oldest), and PgDn from what was asked did nothing for a press or two.
    app.log_paging.set(LogPaging {
        later,
        back: lines.len().min(earlier),
        forward,
    });
    lines.reverse();
    (lines, earlier, later)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_path_line_leaves_no_row_of_dots_out_where_it_is_steep() {
        // From the bottom to the top between two columns of dots: half the rows in each.
        let rows = line_rows(&[(0.0, 0.0), (1.0, 1.0)], 1.0, 2, 8);
        assert_eq!(rows, [7, 0]);
        let dots: Vec<_> = line_dots(&rows).collect();
        assert_eq!(
            dots,
            [
                (0, 4),
                (0, 5),
                (0, 6),
                (0, 7),
                (1, 0),
                (1, 1),
                (1, 2),
                (1, 3)
            ]
        );
        // Straight between its points, and the last point's past them.
        let line = [(0.0, 0.0), (7.0, 0.5), (14.0, 1.0)];
        assert_eq!(share_on(&line, 3.5), 0.25);
        assert_eq!(share_on(&line, 10.5), 0.75);
        assert_eq!(share_on(&line, 20.0), 1.0);
        assert_eq!(share_on(&[], 1.0), 0.0);
    }

    #[test]
    fn a_time_path_cell_shows_p50_over_one_end_of_the_band_and_both_ends_over_p50() {
        let flat = |share| vec![(0.0, share), (10.0, share)];
        let cell = |p10, p50, p90| {
            let lines = PathLines {
                required: flat(1.0),
                p10: flat(p10),
                p50: flat(p50),
                p90: flat(p90),
            };
            // Two rows of cells, 8 rows of dots: the bottom cell holds shares up to 3.5/7.
            let cells = plot_cells(&lines, 10.0, 1, 2);
            plot_span(cells[1][0], Theme { color: false })
                .content
                .into_owned()
        };
        // P50 on the bottom row of dots of the bottom cell, P90 in the top cell: P50 shows.
        assert_eq!(cell(0.0, 0.0, 1.0), "⣀");
        // P50 in the top cell with P90, P10 in the bottom cell alone.
        assert_eq!(cell(0.0, 1.0, 1.0), "▄");
        // All three within the bottom cell: both ends.
        assert_eq!(cell(0.0, 0.1, 0.2), "█");
    }

    #[test]
    fn the_frontiers_rows_left_out_are_named_or_counted_where_names_do_not_fit() {
        assert_eq!(left_out(&[], &[], 44), "");
        assert_eq!(left_out(&[], &[730], 44), "↓ 730 days not shown");
        assert_eq!(
            left_out(&[30, 60], &[730], 44),
            "↑ 30, 60 · ↓ 730 days not shown"
        );
        assert_eq!(left_out(&[30, 60], &[730], 20), "3 rows not shown");
        assert_eq!(left_out(&[30], &[], 10), "1 row not shown");
    }

    #[test]
    fn the_rows_left_out_are_named_only_where_a_space_either_side_fits_too() {
        // The note sits on the bottom edge as ` ↓ 730 days not shown `: 22 columns of the
        // panel's inner width, or the count.
        assert_eq!(left_out(&[], &[730], 22), "↓ 730 days not shown");
        assert_eq!(left_out(&[], &[730], 21), "1 row not shown");
        assert_eq!(left_out(&[], &[730], 20), "1 row not shown");
    }
}
