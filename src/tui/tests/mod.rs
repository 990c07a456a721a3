//! The live session driven by key events, with no terminal: the app's state changes, the
//! files it asks to write, and its screens drawn on a test backend (snapshots at 80×24 and
//! 120×40). The real binary in a real terminal is tested in tests/tui_e2e.rs.

mod app;
/// The tests' session set-up, also for the app's own test modules (its private fields).
pub(in crate::tui) mod common;
mod correlations;
mod export;
mod fuzz;
mod recovery;
mod render;
mod saving;
mod shell;
mod watch;
