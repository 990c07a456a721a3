//! What a command shows on standard error while it works: a spinner, a batch's progress bar,
//! and a word when it waits for a scenario typed at the terminal. Nothing is drawn where
//! standard error is not a terminal.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::terminal::print_error;
use skypie::source::Source;
use skypie::text::printable;

/// Says, on standard error, that a scenario is read from the terminal when one of `files` is
/// standard input and that is a terminal: otherwise the command waits without a word.
pub fn say_where_typing_goes(files: &[Source]) {
    if files.iter().any(typed_at_terminal) {
        print_error("reading the scenario from the terminal: type or paste it, then Ctrl-D\n");
    }
}

/// Whether the scenario `file` is typed at the terminal: standard input, and that a terminal.
fn typed_at_terminal(file: &Source) -> bool {
    file.reads_stdin() && std::io::stdin().is_terminal()
}

/// A spinner on standard error saying the scenario `file` is being evaluated: [`working`],
/// hidden too when the scenario is being typed at the terminal (`-` or `/dev/stdin`: the
/// spinner would draw over the typing).
pub fn spinner(file: &Source) -> ProgressBar {
    if typed_at_terminal(file) {
        return ProgressBar::hidden();
    }
    working(format!("evaluating {}", printable(file.name())))
}

/// A spinner on standard error saying what is under way (`message`) and for how long, drawn
/// at once and cleared by its owner before anything else is printed; hidden when standard
/// error is not a terminal.
pub fn working(message: String) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let spinner = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
        spinner.set_style(style);
    }
    spinner.set_message(message);
    spinner.enable_steady_tick(std::time::Duration::from_millis(100));
    spinner
}

/// A progress bar on standard error for batches, or for one file a spinner that says it is
/// at work (10,000,000 samples with `--detail` take half a minute); hidden when standard
/// error is not a terminal.
pub fn progress_bar(files: &[Source]) -> ProgressBar {
    match files {
        [file] => spinner(file),
        _ if !std::io::stderr().is_terminal() => ProgressBar::hidden(),
        _ => {
            let bar = ProgressBar::with_draw_target(
                Some(files.len() as u64),
                ProgressDrawTarget::stderr(),
            );
            if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} scenarios") {
                bar.set_style(style);
            }
            bar
        }
    }
}
