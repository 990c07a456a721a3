//! A name to type that starts as a suggestion (`my-plan.toml`, `plan-2.toml`): the first
//! character typed, or a paste, replaces it, while moving the cursor or deleting first keeps
//! it to edit, as a selected default behaves in most text fields.

use ratatui::crossterm::event::{Event, KeyEvent};
use tui_input::backend::crossterm::to_input_request;
use tui_input::{Input, InputRequest};

/// The text being typed, and whether it is still the suggestion it started as.
#[derive(Debug, Clone)]
pub struct Suggested {
    pub input: Input,
    /// Nothing has been typed or edited yet: the next character replaces the whole text.
    pub untouched: bool,
}

impl Suggested {
    /// A field holding `suggestion`, the cursor after it.
    pub fn new(suggestion: String) -> Suggested {
        Suggested {
            input: Input::new(suggestion),
            untouched: true,
        }
    }

    /// A field holding `name` as the person's own text (a name refused, to correct).
    pub fn typed(name: String) -> Suggested {
        Suggested {
            input: Input::new(name),
            untouched: false,
        }
    }

    /// The text as it stands.
    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// A key for the text (keys the text field has no use for change nothing).
    pub fn handle_key(&mut self, key: KeyEvent) {
        if let Some(request) = to_input_request(&Event::Key(key)) {
            self.handle(request);
        }
    }

    /// An edit: a character while the suggestion is untouched replaces it; any edit makes
    /// the text the person's own.
    pub fn handle(&mut self, request: InputRequest) {
        if self.untouched && matches!(request, InputRequest::InsertChar(_)) {
            self.input.reset();
        }
        self.untouched = false;
        self.input.handle(request);
    }
}
