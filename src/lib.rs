//! skypie: a sales-target sanity modeller.
//!
//! A [`Scenario`] holds a revenue target, a horizon and the market's and company's
//! (uncertain) numbers; [`evaluate`] says what share of the serviceable market the target
//! needs and how likely it is; [`report`] turns the results into the tables, JSON and text
//! people read, and into the board report (an HTML page with its charts). The library does no I/O and knows no terminal: the `skypie` binary (its
//! command line, its files and its live session) reads files, prints and draws.

pub mod distribution;
pub mod fit;
pub mod model;
pub mod report;
pub mod scenario;
pub mod source;
pub mod text;

pub use model::{Detail, Evaluation, evaluate};
pub use scenario::{Diagnostic, Field, Scenario, ScenarioError};
