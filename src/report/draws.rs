//! The per-sample export (`skypie eval FILE --draws OUT.csv`, README "Grounding the inputs"):
//! one CSV row per Monte Carlo sample, so any figure can be checked in a spreadsheet or a
//! notebook. Columns: every distribution input the model uses, by dotted key, as the model saw
//! it (after clamping; the market's growth as the rate g, not the k = ln(1 + g) the model
//! keeps), then `market_in_window`, `achievable_revenue` and `feasible` (0 or 1).

use std::fmt::Write as _;
use std::io::{self, Write};

use rayon::prelude::*;

use crate::model::draws::{CHUNK, Draws, Inputs};
use crate::model::outcome::{makes, outcome};
use crate::model::plan::Plan;
use crate::model::sample::unstored;
use crate::report::format::RoundTrip;
use crate::scenario::{Field, Scenario};

/// Chunks of rows formatted in parallel before they are written in order: a bounded amount of
/// text in memory (about 1.5 MB a chunk) however many samples there are.
const CHUNKS_AT_ONCE: usize = 16;

/// The inputs that get a column: every distribution input the model uses, in field order
/// (a fixed one repeats its value, so each row recomputes on its own).
pub fn input_columns(scenario: &Scenario) -> Vec<Field> {
    scenario.used_inputs().collect()
}

/// The columns after the inputs', in order: what every sample came to.
pub const OUTCOME_COLUMNS: [&str; 3] = ["market_in_window", "achievable_revenue", "feasible"];

/// The header row's names, in order.
pub fn header(scenario: &Scenario) -> Vec<String> {
    let mut names: Vec<String> = input_columns(scenario).iter().map(|f| f.key()).collect();
    names.extend(OUTCOME_COLUMNS.map(String::from));
    names
}

/// Writes the header and one row per sample of `draws` (the draws of `scenario`) to `out`,
/// each number as the summary's CSV writes a finite one ([`RoundTrip`]: the shortest text that
/// reads back the same); a value that is not finite as `inf`, `-inf` or `NaN`, which Python
/// and pandas read as numbers and a spreadsheet as text (the summary's CSV too).
pub fn write_csv(scenario: &Scenario, draws: &Draws, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", header(scenario).join(","))?;
    let plan = Plan::of(scenario);
    let fields = input_columns(scenario);
    let inputs = draws.inputs();
    let chunks = draws.samples.div_ceil(CHUNK);
    for first in (0..chunks).step_by(CHUNKS_AT_ONCE) {
        let texts: Vec<String> = (first..(first + CHUNKS_AT_ONCE).min(chunks))
            .into_par_iter()
            .map(|chunk| rows(&plan, &fields, &inputs, chunk))
            .collect();
        for text in texts {
            out.write_all(text.as_bytes())?;
        }
    }
    Ok(())
}

/// The rows of one chunk of samples.
fn rows(plan: &Plan, fields: &[Field], inputs: &Inputs, chunk: usize) -> String {
    let end = ((chunk + 1) * CHUNK).min(inputs.samples);
    let mut text = String::with_capacity((end - chunk * CHUNK) * 24 * (fields.len() + 3));
    for i in chunk * CHUNK..end {
        let x = inputs.sample(i);
        for field in fields {
            let _ = write!(text, "{},", RoundTrip(unstored(*field, x[*field])));
        }
        let o = outcome(plan, &x, plan.horizon_years);
        let a = o.achievable;
        let feasible = u8::from(makes(a, plan.target_revenue));
        let market = o.market_in_window;
        let _ = writeln!(text, "{},{},{feasible}", RoundTrip(market), RoundTrip(a));
    }
    text
}
