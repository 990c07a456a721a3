//! skypie: a sales-target sanity modeller.
//!
//! A [`Scenario`] holds a revenue target, a horizon and the market's and company's
//! (uncertain) numbers; [`evaluate`] says what share of the serviceable market the target
//! needs and how likely it is. The library does no I/O and knows no terminal: the `skypie`
//! binary reads files and prints, the live session draws.

pub mod batch;
pub mod cli;
pub mod dist;
pub mod files;
pub mod model;
pub mod report;
pub mod scenario;
pub mod terminal;
pub mod tui;

pub use model::{Detail, Evaluation, evaluate};
pub use scenario::{Diagnostic, Field, Scenario, ScenarioError};
