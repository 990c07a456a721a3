//! The report's assumptions: every value of the scenario as written, and for an uncertain
//! input the P10, P50 and P90 of its distribution, clamped to the input's domain (the values
//! the model draws between); then the correlations between inputs. A value that differs from
//! the file's (`--set`, or the session's unsaved edits) carries the file's own; one that
//! `skypie fit` wrote, where it came from.

use crate::report::format::{money, percent, thousands};
use crate::scenario::number::{Unit, format_exact, format_significant};
use crate::scenario::{Field, FieldValue, Scenario, Section};

/// One line of the assumptions table.
#[derive(Debug, Clone, PartialEq)]
pub struct Assumption {
    /// The dotted key, as in the file: `market.size`.
    pub key: String,
    /// What the value means, in words.
    pub meaning: &'static str,
    /// The value run, as people write it: `35M to 70M`.
    pub written: String,
    /// P10, P50 and P90 of an uncertain input; `None` for a fixed value.
    pub quantiles: Option<[String; 3]>,
    /// What the file says, when the value run differs from it: `3M`, or for a key it leaves
    /// out, `nothing, 0% by default`.
    pub in_file: Option<String>,
    /// Where the value came from, for a value run as `skypie fit --into` wrote it: `fitted by
    /// skypie fit to actuals/attainment.csv (n = 28)`.
    pub fitted: Option<String>,
}

/// Every value of the plan `scenario` has (a capacity value only with `[capacity]`), in the
/// field table's order; the run's sample count and seed are not assumptions about the plan
/// (the report's footer gives them). `file` is the scenario as its file says it, when what was
/// run differs from it: each value that differs carries the file's.
pub fn assumptions(scenario: &Scenario, file: Option<&Scenario>) -> Vec<Assumption> {
    Field::ALL
        .into_iter()
        .filter(|field| field.section() != Section::Run)
        .filter_map(|field| {
            let value = scenario.value(field)?;
            let quantiles = match &value {
                FieldValue::Dist(dist) if dist.is_uncertain() => Some([0.1, 0.5, 0.9].map(|p| {
                    let x = field.domain().clamp(dist.quantile(p));
                    shown(x, field.unit(), &scenario.currency)
                })),
                _ => None,
            };
            // Every figure in full, as the file has it: two values that differ never read
            // alike, and none reads other than the file says (`3_141_592.65` read `3.142M`).
            let unit = field.unit();
            let written = value.display_exact(unit);
            // A key the file leaves out has its default, which the file does not say: "the
            // file says 0%" was said of a growth the file never wrote.
            let in_file = file.and_then(|f| {
                let in_file = f.value(field).filter(|in_file| *in_file != value)?;
                let shown = in_file.display_exact(unit);
                Some(file_says(shown, f.lines.contains_key(&field)))
            });
            // A value changed since (`--set`, the session) is no longer the fit.
            let fitted = match in_file {
                None => file.unwrap_or(scenario).fit_notes.get(&field).cloned(),
                Some(_) => None,
            };
            Some(Assumption {
                key: field.key(),
                meaning: field.description(),
                written,
                quantiles,
                in_file,
                fitted,
            })
        })
        .collect()
}

/// Whether `scenario` runs a value, a correlation or a currency other than its `file`'s (the
/// currency names every amount, and has its CSV column): a `--set` of what the file already
/// says changes no figure.
pub fn values_changed(scenario: &Scenario, file: &Scenario) -> bool {
    // The values compared as the assumptions compare them, without writing every one out
    // with its percentiles (a batch of 10,000 files did, for each).
    scenario.currency != file.currency
        || Field::ALL
            .into_iter()
            .filter(|field| field.section() != Section::Run)
            .any(|field| scenario.value(field) != file.value(field))
        || correlations(scenario, Some(file))
            .iter()
            .any(|c| c.in_file.is_some())
}

/// One correlation the file (or `--set`) asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct CorrelationLine {
    /// The pair: `market.growth ~ share.gain_per_year`.
    pub pair: String,
    /// The rank correlation as written: `0.7`.
    pub rho: String,
    /// Why it has no effect, when it has none: one of its inputs is not sampled.
    pub no_effect: Option<String>,
    /// What the file says of the pair, when the ρ run differs from it: `0.5`, or `none` for a
    /// pair the file does not name.
    pub in_file: Option<String>,
}

/// The correlations of `scenario`, in the file's order; `file` as for [`assumptions`].
pub fn correlations(scenario: &Scenario, file: Option<&Scenario>) -> Vec<CorrelationLine> {
    scenario
        .correlations
        .iter()
        .map(|c| {
            let in_file = file.and_then(|file| {
                match file.correlations.iter().find(|f| f.is_pair(c.a, c.b)) {
                    Some(f) if f.rho == c.rho => None,
                    Some(f) => Some(format_exact(f.rho, Unit::Plain)),
                    None => Some("none".to_string()),
                }
            });
            CorrelationLine {
                pair: c.name(),
                rho: format_exact(c.rho, Unit::Plain),
                no_effect: scenario
                    .unsampled(c.a, c.b)
                    .map(|fixed| format!("no effect: {} is not sampled", fixed.key())),
                in_file,
            }
        })
        .collect()
}

/// A run setting (sample count, seed, method) that differs from the file's. The assumptions
/// leave the run to the report's footer; a report or summary whose run is not the file's names
/// each setting, so that the file with the same changes gives the same figures.
#[derive(Debug, Clone, PartialEq)]
pub struct RunChange {
    /// The dotted key: `run.seed`.
    pub key: &'static str,
    /// The value run, as the footer writes it: `210,000`, `12`, `sobol`.
    pub run: String,
    /// The file's, or the default it leaves the setting to.
    pub in_file: String,
    /// Whether the file writes the setting (without it, `in_file` is its default).
    pub written: bool,
}

impl RunChange {
    /// What the file says of the setting, as the assumptions say a value: `100,000`, or
    /// `nothing, 100,000 by default` for one it leaves out.
    pub fn in_file_said(&self) -> String {
        file_says(self.in_file.clone(), self.written)
    }
}

/// What a file says of a value: `shown` where it writes it, else `nothing, shown by default`.
fn file_says(shown: String, written: bool) -> String {
    if written {
        shown
    } else {
        format!("nothing, {shown} by default")
    }
}

/// The run settings in which `scenario` differs from `file`, in the file's order. Two sample
/// counts that draw as many under the run's method (both at or above the cap, or rounded up
/// to one power of two for Sobol points) are no change.
pub fn run_changes(scenario: &Scenario, file: &Scenario) -> Vec<RunChange> {
    // Each setting as written, and as it decides the figures.
    let shown = |s: &Scenario| {
        let (seed, method) = (s.seed.to_string(), s.method.name().to_string());
        let drawn = thousands(scenario.method.sample_count(s.samples));
        [
            ("run.samples", thousands(s.samples), drawn),
            ("run.seed", seed.clone(), seed),
            ("run.method", method.clone(), method),
        ]
    };
    let written = [
        file.lines.contains_key(&Field::RunSamples),
        file.lines.contains_key(&Field::RunSeed),
        file.method_written,
    ];
    shown(scenario)
        .into_iter()
        .zip(shown(file))
        .zip(written)
        .filter(|(((_, _, run), (_, _, in_file)), _)| run != in_file)
        .map(|(((key, run, _), (_, in_file, _)), written)| RunChange {
            key,
            run,
            in_file,
            written,
        })
        .collect()
}

/// A drawn value as people read it: money in the scenario's currency, a percentage, or a
/// plain number.
fn shown(x: f64, unit: Unit, currency: &str) -> String {
    match unit {
        Unit::Amount => money(x, currency),
        Unit::Percent => percent(x),
        Unit::Plain => format_significant(x, Unit::Plain, 3),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncertain_inputs_carry_their_clamped_percentiles_and_fixed_ones_none() {
        let scenario = Scenario::parse(
            "horizon_days = 90\n[target]\nrevenue = \"3M\"\n[market]\nsize = \"35M to 70M\"\n\
             serviceable = { dist = \"normal\", mean = 0.95, sd = 0.1 }\n",
            "a.toml",
        )
        .unwrap();
        let rows = assumptions(&scenario, None);
        let row = |key: &str| rows.iter().find(|r| r.key == key).unwrap();
        assert_eq!(row("target.revenue").written, "3M");
        assert_eq!(row("target.revenue").quantiles, None);
        assert_eq!(
            row("market.size").quantiles,
            Some(["$37.8M".into(), "$49.5M".into(), "$64.8M".into()])
        );
        // P90 of normal(95%, 10%) is 107.8%: clamped to the domain's 100%.
        let serviceable = row("market.serviceable").quantiles.clone().unwrap();
        assert_eq!(serviceable[2], "100%");
        assert!(rows.iter().all(|r| !r.key.starts_with("capacity.")));
        assert!(rows.iter().all(|r| !r.key.starts_with("run.")));
    }

    #[test]
    fn an_input_that_could_be_uncertain_but_is_written_as_one_value_reads_fixed() {
        // `serviceable = 0.8`: no P10, P50 and P90 of 80% each, where the table says "fixed".
        let scenario = Scenario::parse(crate::scenario::BUILT_IN, "plan.toml").unwrap();
        let rows = assumptions(&scenario, None);
        let serviceable = rows.iter().find(|r| r.key == "market.serviceable").unwrap();
        assert_eq!(
            (serviceable.written.as_str(), &serviceable.quantiles),
            ("80%", &None)
        );
    }

    #[test]
    fn every_value_reads_in_full_and_the_confidence_stays_a_percentage() {
        // As the file has them, not to four digits: `3_141_592.65` read `3.142M`, a range's
        // `35,123,456` read `35.12M`, a mean of 0.0345678 read `3.457%`. The confidence is no
        // amount, and reads "80%", not "0.8".
        let mut scenario = Scenario::parse(crate::scenario::BUILT_IN, "plan.toml").unwrap();
        scenario
            .set_text(Field::TargetRevenue, "3_141_592.65")
            .unwrap();
        scenario
            .set_text(Field::MarketSize, "\"35,123,456 to 70,987,654\"")
            .unwrap();
        scenario
            .set_text(
                Field::ShareCurrent,
                "{ dist = \"normal\", mean = 0.0345678, sd = 0.005123 }",
            )
            .unwrap();
        let rows = assumptions(&scenario, None);
        let written = |key: &str| rows.iter().find(|r| r.key == key).unwrap().written.clone();
        assert_eq!(written("target.revenue"), "3.14159265M");
        assert_eq!(written("market.size"), "35.123456M to 70.987654M");
        assert_eq!(written("share.current"), "normal(3.45678%, sd 0.5123%)");
        assert_eq!(written("confidence"), "80%");
    }

    #[test]
    fn a_value_that_differs_from_the_files_carries_the_files_each_in_full() {
        let file = Scenario::parse(crate::scenario::BUILT_IN, "plan.toml").unwrap();
        let mut run = file.clone();
        run.set_text(Field::TargetRevenue, "3.0001M").unwrap();
        run.set_text(Field::HorizonDays, "120").unwrap();
        let rows = assumptions(&run, Some(&file));
        let row = |key: &str| rows.iter().find(|r| r.key == key).unwrap();
        let target = row("target.revenue");
        assert_eq!(
            (target.written.as_str(), target.in_file.as_deref()),
            ("3.0001M", Some("3M"))
        );
        let days = row("horizon_days");
        assert_eq!(
            (days.written.as_str(), days.in_file.as_deref()),
            ("120", Some("90"))
        );
        let unchanged = rows.iter().filter(|r| r.in_file.is_none()).count();
        assert_eq!(unchanged, rows.len() - 2);
        // An added pair is one the file does not name.
        let mut paired = file.clone();
        paired
            .set_correlation(Field::MarketSize, Field::MarketGrowth, 0.3)
            .unwrap();
        let lines = correlations(&paired, Some(&file));
        assert_eq!(lines[0].in_file.as_deref(), Some("none"));
    }

    #[test]
    fn a_run_setting_the_file_leaves_out_is_said_as_its_default() {
        // The footer said "the file says run.seed 20260401, run.method mc" of a file with no
        // [run] table at all.
        let text = "horizon_days = 90\n[target]\nrevenue = \"3M\"\n[market]\nsize = \"35M\"\n";
        let file = Scenario::parse(text, "bare.toml").unwrap();
        let mut run = file.clone();
        run.seed = 3;
        run.method = crate::scenario::Method::Sobol;
        let changes = run_changes(&run, &file);
        let said: Vec<String> = changes.iter().map(RunChange::in_file_said).collect();
        let default_seed = crate::scenario::DEFAULT_SEED;
        assert_eq!(
            said,
            [
                format!("nothing, {default_seed} by default"),
                "nothing, mc by default".into()
            ]
        );
        let board = crate::report::board::Changes {
            file: &file,
            how: "--seed 3 --method sobol",
            by: "set on the command line",
            source: "file",
        };
        assert_eq!(
            board.file_says_of_run(&changes),
            format!(
                "the file leaves run.seed and run.method to their defaults, {default_seed} and mc"
            )
        );
        // A file that writes them says them.
        let written = format!("{text}[run]\nseed = 4\nmethod = \"mc\"\n");
        let file = Scenario::parse(&written, "run.toml").unwrap();
        let changes = run_changes(&run, &file);
        assert_eq!(
            board.file_says_of_run(&changes),
            "the file says run.seed 4, run.method mc"
        );
        assert_eq!(changes[0].in_file_said(), "4");
    }

    #[test]
    fn a_sample_count_above_the_cap_is_no_change_where_the_file_draws_as_many() {
        // The file asks the cap, the run twice it: both draw 10,000,000, and the report read
        // "10,000,000 Monte Carlo samples (the file says run.samples 10,000,000)".
        let mut file = Scenario::parse(crate::scenario::BUILT_IN, "plan.toml").unwrap();
        file.samples = 10_000_000;
        let mut run = file.clone();
        run.samples = 20_000_000;
        assert_eq!(run_changes(&run, &file), []);
        run.samples = 5_000_000;
        let keys: Vec<&str> = run_changes(&run, &file).iter().map(|r| r.key).collect();
        assert_eq!(keys, ["run.samples"]);
        // Under Sobol points 100,000 and 110,000 both draw 131,072: the figures are alike.
        file.samples = 100_000;
        run.samples = 110_000;
        run.method = crate::scenario::Method::Sobol;
        let keys: Vec<&str> = run_changes(&run, &file).iter().map(|r| r.key).collect();
        assert_eq!(keys, ["run.method"]);
        file.method = crate::scenario::Method::Sobol;
        assert_eq!(run_changes(&run, &file), []);
        run.samples = 140_000;
        let keys: Vec<&str> = run_changes(&run, &file).iter().map(|r| r.key).collect();
        assert_eq!(keys, ["run.samples"]);
    }
}
