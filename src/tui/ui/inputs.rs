//! The inputs list: every input the scenario uses, under its section, with its value.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, List, ListItem, ListState};

use super::{Theme, cut_to};
use crate::tui::app::App;
use crate::tui::item::{Item, Said, no_effect};
use skypie::scenario::number::{LISTED_DIGITS, format_for_people};
use skypie::scenario::{Field, Section};
use unicode_width::UnicodeWidthStr;

/// The inputs list's width, its frame included.
pub(super) const INPUTS_WIDTH: u16 = 34;

/// The columns an input's name takes in its row: the longest names', `gain_per_year` and
/// `quota_per_rep` (the space after it is [`BEFORE_VALUE`]'s last column).
const NAME_WIDTH: usize = 13;

/// The columns of an input's row before its value: the two markers, the name and a space.
const BEFORE_VALUE: usize = 2 + NAME_WIDTH + 1;

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

/// The inputs list, the selected one highlighted, edited ones marked `•` and those a benchmark
/// warns about `!`; the correlations after the others, dimmed where they have no effect.
pub(super) fn draw_inputs(app: &App, said: &Said, frame: &mut Frame, area: Rect, theme: Theme) {
    let mut items = Vec::new();
    let mut selected_row = 0;
    let mut last_title = "";
    // Whether each row is an input's (not a section's title), to count those out of view.
    let mut of_input = Vec::new();
    // The markers and a space before the name; the name column and a space after it.
    let inner = area.width.saturating_sub(2) as usize;
    for (i, item) in app.items().into_iter().enumerate() {
        let title = match item {
            Item::Field(field) => section_title(field.section()),
            Item::Correlation(..) => "correlation",
        };
        if title != last_title {
            items.push(ListItem::new(Line::from(Span::styled(
                title.to_string(),
                theme.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            ))));
            last_title = title;
            of_input.push(false);
        }
        if i == app.selected {
            selected_row = items.len();
        }
        // A correlation without effect is counted among the headline's warnings too.
        let warned = match item {
            Item::Field(field) => said.warns_of(field),
            Item::Correlation(..) => no_effect(&app.scenario, item).is_some(),
        };
        items.push(ListItem::new(Line::from(item_spans(
            app, item, warned, inner, theme,
        ))));
        of_input.push(true);
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
    // At 80×24 the list ends at `run`: the inputs past the frame (the samples, the seed, the
    // correlations) are counted on its bottom edge, as the frontier counts its rows.
    let (first, shown) = (state.offset(), usize::from(area.height.saturating_sub(2)));
    let count = |rows: &[bool]| rows.iter().filter(|input| **input).count();
    let above = count(&of_input[..first.min(of_input.len())]);
    let below = count(of_input.get(first + shown..).unwrap_or_default());
    let note = match (above, below) {
        (0, 0) => String::new(),
        (0, below) => format!("↓ {below} more"),
        (above, 0) => format!("↑ {above} more"),
        (above, below) => format!("↑ {above} · ↓ {below} more"),
    };
    super::panels::draw_on_bottom_edge(frame, area, &note);
}

/// One input's row: its markers (`warned`: `check` warns of it), then its name and value (a
/// correlation: the pair and ρ, dimmed where it has no effect) within `inner` columns.
fn item_spans(
    app: &App,
    item: Item,
    warned: bool,
    inner: usize,
    theme: Theme,
) -> Vec<Span<'static>> {
    let edited = if app.is_edited(item) { "•" } else { " " };
    let mut spans = vec![
        Span::styled(edited.to_string(), theme.fg(Color::Yellow)),
        if warned {
            Span::styled("!", theme.fg(Color::LightRed).add_modifier(Modifier::BOLD))
        } else {
            Span::raw(" ")
        },
    ];
    match item {
        Item::Field(field) => {
            let name = item.label();
            spans.push(Span::raw(format!("{name:<NAME_WIDTH$} ")));
            spans.push(Span::raw(listed_value(app, field, inner)));
        }
        Item::Correlation(..) => {
            // The pair, then ρ: `growth ~ gain_per_year 0.7`.
            let value = app.item_text(item);
            let room = pair_room(inner, &value);
            let name = cut_to(&item.label(), room);
            let style = if no_effect(&app.scenario, item).is_some() {
                Style::new().add_modifier(Modifier::DIM)
            } else {
                Style::new()
            };
            spans.push(Span::styled(format!("{name:<room$} {value}"), style));
        }
    }
    spans
}

/// The columns a correlation's row has for its pair within `inner`, after the two markers and
/// before a space and its ρ (`value`).
fn pair_room(inner: usize, value: &str) -> usize {
    inner.saturating_sub(2 + 1 + value.width())
}

/// An input's value as its row in the list shows it, within the `inner` columns of the list.
fn listed_value(app: &App, field: Field, inner: usize) -> String {
    let room = inner.saturating_sub(BEFORE_VALUE);
    match app.scenario.value(field) {
        // Beside the headline's realistic target, at the digits that tell the two apart
        // (docs/MODEL.md §6): a target typed 11.614M read 11.61M, as the
        // realistic target did, beside STRETCH.
        Some(_) if field == Field::TargetRevenue => {
            let digits = app.plan_money().digits.max(LISTED_DIGITS);
            let target = format_for_people(app.scenario.target_revenue, field.unit(), digits);
            cut_to(&target, room)
        }
        Some(v) => cut_to(&v.display_within(field.unit(), room), room),
        None => String::new(),
    }
}

/// The selected input's value whole (`market.growth: triangular 0%/6%/20%`) where its row
/// in the list shows less of it (`triangular 0%/6…`, or a lognormal's median alone), for the
/// status line: at 80×24 it was read nowhere short of opening the editor. A correlation whose
/// pair the row cuts (`gain_per_year ~ quota_pe… 0.4`) is named whole with its ρ.
pub(super) fn whole_value_if_cut(app: &App, item: Item) -> Option<String> {
    let inner = usize::from(INPUTS_WIDTH - 2);
    match item {
        Item::Field(field) => {
            let whole = app.scenario.value(field)?.display(field.unit());
            (field != Field::TargetRevenue && listed_value(app, field, inner) != whole)
                .then(|| format!("{}: {whole}", field.key()))
        }
        Item::Correlation(..) => {
            let (pair, rho) = (item.label(), app.item_text(item));
            (cut_to(&pair, pair_room(inner, &rho)) != pair)
                .then(|| format!("{}: {rho}", item.key()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_input_name_fits_its_column_with_a_space_after_it() {
        // A longer name would run into its value (`quota_per_rep500k`).
        for field in Field::ALL {
            let label = Item::Field(field).label();
            assert!(
                label.width() <= NAME_WIDTH,
                "{label} is wider than {NAME_WIDTH}"
            );
        }
    }
}
