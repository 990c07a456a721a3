//! The inputs list: every input the scenario uses, under its section, with its value.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, List, ListItem, ListState};

use super::{Theme, cut_to};
use crate::tui::app::App;
use skypie::scenario::{Field, Section};

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

/// The inputs list, the selected one highlighted and edited ones marked `•`.
pub(super) fn draw_inputs(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
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
