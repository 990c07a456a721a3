//! The scenario file, schema 1 (README, "Scenario files"): a revenue target, a horizon, the market and the
//! company's share, each value a number or a distribution. Parsing is pure (text in, scenario
//! or located errors out); reading files is the caller's business.

pub mod correlation;
pub mod currency;
pub mod edit;
pub mod error;
pub mod field;
pub mod fit_note;
pub mod item;
pub mod norms;
pub mod nudge;
pub mod number;
mod overrides;
mod parse;
pub mod slips;
mod syntax_error;
mod typed;
pub mod value;

pub use correlation::Correlation;
pub use error::{Diagnostic, ScenarioError};
pub use field::{Field, PerInput, Section};
pub use fit_note::FitNote;
pub use overrides::{
    METHOD_KEY, check_override_key, override_key_set, read_method, sets_correlation,
};
pub use parse::plan_name;
pub use typed::FACTOR_SIGNS;
pub use value::FieldValue;

use std::collections::BTreeMap;

use crate::distribution::Dist;

/// Samples when the file does not say.
pub const DEFAULT_SAMPLES: u64 = 100_000;
/// Seed when the file does not say: a fixed constant, so results are reproducible.
pub const DEFAULT_SEED: u64 = 20_260_401;
/// Sample counts above this are capped here, with a warning.
pub const MAX_SAMPLES: u64 = 10_000_000;
/// Below this many samples of an uncertain plan under plain Monte Carlo, a warning says how
/// loosely P(feasible) is read.
pub const FEW_SAMPLES: u64 = 1_000;
/// The samples that read P(feasible) to within a point (a standard error of at most half a
/// point, 1/(2√N)) whatever it is.
const SAMPLES_TO_A_POINT: u64 = 10_000;
/// The schema version this build reads.
pub const SCHEMA: i64 = 1;

/// A scenario: everything the model needs, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// What the plan is called in reports.
    pub name: String,
    /// Currency code for display only.
    pub currency: String,
    /// R: revenue the plan books inside the horizon.
    pub target_revenue: f64,
    /// Days the target covers (as many as `Field::HorizonDays` takes).
    pub horizon_days: u32,
    /// P(feasible) we call realistic (as high as `Field::Confidence` takes).
    pub confidence: f64,
    /// Every uncertain input's distribution, the file's or its default (a capacity input of a
    /// scenario without `[capacity]` holds an unused default).
    pub inputs: PerInput<Dist>,
    /// The sales team's counts, when the file has `[capacity]`.
    pub capacity: Option<Capacity>,
    /// Monte Carlo samples, as asked (the model draws [`Scenario::sample_count`]).
    pub samples: u64,
    /// Random seed.
    pub seed: u64,
    /// How the samples are drawn (`[run] method`).
    pub method: Method,
    /// Whether the file writes `[run] method`, or leaves it to its default (a report that
    /// runs another method says which).
    pub method_written: bool,
    /// The rank correlations `[correlation]` asks for, in file order.
    pub correlations: Vec<Correlation>,
    /// The benchmark checks `[norms] ignore` turns off (by the input each is about).
    pub norms_ignored: Vec<Field>,
    /// Where a fitted input came from, as the note `skypie fit --into` left beside it says
    /// (`fitted by skypie fit to actuals/attainment.csv (n = 28)`).
    pub fit_notes: BTreeMap<Field, String>,
    /// The line of its text each input is written on, from 1 (for messages about a value).
    pub lines: BTreeMap<Field, u32>,
    /// The line each correlation is written on and the value written there, by its key as
    /// written (a pair `--set` adds has none).
    pub correlation_lines: BTreeMap<String, (u32, f64)>,
    /// The line `currency` is written on, where the file writes one.
    pub currency_line: Option<u32>,
}

/// How the samples' uniforms are made (`[run] method`, `--method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    /// Plain Monte Carlo: independent pseudo-random draws (`mc`, the default).
    #[default]
    MonteCarlo,
    /// Randomised quasi-Monte Carlo: Owen-scrambled Sobol points in independent scrambles
    /// (`sobol`); the sample count is a power of two.
    Sobol,
}

impl Method {
    /// Every method, as the file and `--method` name them.
    pub const ALL: [Method; 2] = [Method::MonteCarlo, Method::Sobol];

    /// The name in the file and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Method::MonteCarlo => "mc",
            Method::Sobol => "sobol",
        }
    }

    /// The method a name means.
    pub fn from_name(name: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.name() == name.trim())
    }

    /// The samples this method draws for `samples` asked: at most [`MAX_SAMPLES`]; for Sobol
    /// points rounded up to a power of two.
    pub fn sample_count(self, samples: u64) -> u64 {
        match self {
            Method::MonteCarlo => samples.min(MAX_SAMPLES),
            Method::Sobol => sobol_points(samples),
        }
    }
}

/// Sobol points come in a power of two (at least this many: one per independent scramble).
pub const SOBOL_MIN_SAMPLES: u64 = 16;

/// The Sobol points a run asked for `samples` draws: at most [`MAX_SAMPLES`] asked, then
/// rounded up to a power of two, at least [`SOBOL_MIN_SAMPLES`].
pub fn sobol_points(samples: u64) -> u64 {
    samples
        .clamp(SOBOL_MIN_SAMPLES, MAX_SAMPLES)
        .next_power_of_two()
}

/// `[capacity]`'s counts: the sales team as a second limit (its quota and attainment are
/// uncertain inputs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capacity {
    pub reps: u32,
    pub new_reps: u32,
    pub ramp_days: u32,
}

/// The value an input takes when the file leaves it out (0 for a required one, which a valid
/// file always gives). Every default in the field table is finite, so `fixed` accepts it.
pub fn default_dist(field: Field) -> Dist {
    Dist::fixed(field.default_value().unwrap_or(0.0)).unwrap_or_default()
}

/// What a warning is about: the line `check` says it at, the input the live session marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum About {
    Field(Field),
    /// A correlation, by its key as the file writes it.
    Pair(String),
    /// The plan's `currency`.
    Currency,
}

/// A warning as said (`market.size: 1203 of 100,000 samples clamped to ≥ 0`), with what it is
/// about: an input or a correlation, or nothing the file writes (`None`: a run's figures, such
/// as an empty market window). JSON carries the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub about: Option<About>,
    pub text: String,
}

impl Warning {
    /// A warning about `field`.
    pub fn of(field: Field, text: String) -> Warning {
        Warning {
            about: Some(About::Field(field)),
            text,
        }
    }

    /// Whether it is about the input `field`.
    pub fn is_about(&self, field: Field) -> bool {
        self.about == Some(About::Field(field))
    }
}

impl serde::Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

/// The share of an input's samples clamped into what its key takes that `check` warns of
/// (`eval` counts any it clamped).
const CLAMPED_WORTH_SAYING: f64 = 0.01;

/// A share of samples clamped one way too small to say apart from the others (0.01%).
const NEGLIGIBLE_SHARE: f64 = CLAMPED_WORTH_SAYING / 100.0;

/// The largest number a sample takes, as the warnings write it (`1.8e308`).
fn largest_number() -> String {
    number::format_for_people(f64::MAX, number::Unit::Plain, 2)
}

/// Samples past the largest number, in a warning: they overflow to ∞, no value a key refuses.
fn overflow_words() -> String {
    format!(
        "overflow past the largest number ({}), and are clamped to it",
        largest_number()
    )
}

impl Scenario {
    /// Parses scenario text. `origin` names the source in errors (a path, `-` for standard
    /// input); a file without `name` is named after it ([`plan_name`]).
    pub fn parse(text: &str, origin: &str) -> Result<Scenario, ScenarioError> {
        parse::parse(text, origin, Consistency::Checked)
    }

    /// [`Scenario::parse`], or, with [`Consistency::Deferred`], for a scenario whose
    /// correlations `--set` changes next: whether they can all hold at once is then left to
    /// [`Scenario::check_correlations`] after the changes, so that `--set` can mend a file
    /// whose own set cannot.
    pub fn parse_with(
        text: &str,
        origin: &str,
        consistency: Consistency,
    ) -> Result<Scenario, ScenarioError> {
        parse::parse(text, origin, consistency)
    }

    /// Whether `text` is a scenario in the making, whether or not it parses as one: TOML with
    /// a `schema` key or a `[target]` or `[market]` table (every scenario that parses has the
    /// last two; a backup with a typo or a value out of range too, which no output may
    /// replace; an output of skypie is no TOML). Text that is no TOML because of a slip in a
    /// line of a scenario's keys (`revenue = 6.5M`, `revenue: "6.5M"`, a key given twice: a
    /// backup half mended) or in something left open at its end (a list without its `]`) is
    /// one when a line of it is `schema = …`, `[target]` or `[market]`; text whose TOML ends
    /// at another line (`---`, `Results:`, or an output appended: a log that begins with a
    /// scenario, README's `echo --- >> run.log`) is not. With any line ends.
    pub fn looks_like(text: &str) -> bool {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // With an old Mac's line ends too (TOML takes no carriage return alone).
        let text = crate::text::with_newlines(text);
        let text = text.as_ref();
        let keys = ["schema", "target", "market"];
        match text.parse::<toml_edit::DocumentMut>() {
            Ok(document) => keys.iter().any(|key| document.contains_key(key)),
            Err(error) => syntax_error::slipped_scenario(text, &error),
        }
    }

    /// The samples the model draws ([`Method::sample_count`]).
    pub fn sample_count(&self) -> u64 {
        self.method.sample_count(self.samples)
    }

    /// What is worth saying about the scenario that is not an error, in this order: the
    /// sample count (more than [`MAX_SAMPLES`] asked, rounded up for Sobol points, or, under
    /// plain Monte Carlo with an input sampled, fewer than [`FEW_SAMPLES`], with how loosely
    /// they read P(feasible)); a correlation with an input that is not sampled (it has no
    /// effect); a share ceiling below today's share where the share may gain (no gain raises
    /// it); a `[capacity]` with no team ([`Scenario::team_of_none`]); a `currency` that is no ISO 4217 code ([`currency::currency_slip`]); then, each in
    /// field order: inputs with many of their samples clamped into what their key takes
    /// ([`Scenario::clamping_warning`]), values whose size says their unit slipped ([`slips`]),
    /// and assumptions far outside published benchmarks ([`norms`]). Each says what it is
    /// about (an input, a correlation or the currency).
    pub fn warnings(&self) -> Vec<Warning> {
        let mut warnings = self.sample_count_warnings();
        warnings.extend(self.correlation_warnings());
        if let Some(text) = self.ceiling_below_share() {
            warnings.push(Warning::of(Field::ShareCeiling, text));
        }
        if let Some(text) = self.team_of_none() {
            warnings.push(Warning::of(Field::CapacityReps, text));
        }
        if let Some(text) = currency::currency_slip(&self.currency) {
            warnings.push(Warning {
                about: Some(About::Currency),
                text,
            });
        }
        warnings.extend(
            Field::ALL
                .into_iter()
                .filter_map(|field| Some(Warning::of(field, self.clamping_warning(field)?))),
        );
        warnings.extend(
            slips::check(self)
                .into_iter()
                .map(|(field, w)| Warning::of(field, w)),
        );
        warnings.extend(
            norms::check(self)
                .into_iter()
                .map(|w| Warning::of(w.field, w.message)),
        );
        warnings
    }

    /// The warnings about `[run] samples`, in this order: more asked than are drawn, rounded
    /// up for Sobol points, and too few to read P(feasible) closely.
    fn sample_count_warnings(&self) -> Vec<Warning> {
        [
            self.capped_samples_warning(),
            self.rounded_up_samples_warning(),
            self.few_samples_warning(),
        ]
        .into_iter()
        .flatten()
        .map(|text| Warning::of(Field::RunSamples, text))
        .collect()
    }

    /// A sample count above [`MAX_SAMPLES`], which is drawn instead.
    fn capped_samples_warning(&self) -> Option<String> {
        (self.samples > MAX_SAMPLES).then(|| {
            let [asked, most] = [self.samples, MAX_SAMPLES].map(number::thousands);
            format!(
                "{}: {asked} is more than {most}; using {most}",
                Field::RunSamples.key()
            )
        })
    }

    /// A sample count rounded up for Sobol points ([`sobol_points`]), and why.
    fn rounded_up_samples_warning(&self) -> Option<String> {
        let drawn = self.sample_count();
        (drawn != self.samples.min(MAX_SAMPLES)).then(|| {
            let asked = self.samples.min(MAX_SAMPLES);
            // 8 is a power of two already: what raised it is the floor of one point per
            // scramble ("8 rounded up to 16, a power of two" gave the wrong reason).
            let why = if asked < SOBOL_MIN_SAMPLES {
                "the fewest Sobol points a run takes (one per scramble)"
            } else {
                "a power of two, for Sobol points"
            };
            let [asked, drawn] = [asked, drawn].map(number::thousands);
            format!(
                "{}: {asked} rounded up to {drawn}, {why}",
                Field::RunSamples.key()
            )
        })
    }

    /// How loosely fewer than [`FEW_SAMPLES`] read P(feasible), under plain Monte Carlo where
    /// an input is sampled.
    fn few_samples_warning(&self) -> Option<String> {
        let drawn = self.sample_count();
        // Under Sobol points the run measures its own standard error from its scrambles, and
        // says it beside P(feasible): the bound below would contradict it.
        let plain = self.method == Method::MonteCarlo;
        (plain && drawn < FEW_SAMPLES && !self.uncertain_fields().is_empty()).then(|| {
            // Plain Monte Carlo's standard error at its largest, p = 1/2: a verdict from one
            // sample read "realistic" at "100% (1 of 1 sample)" with nothing to say how little
            // that is. Written as the uncertainty beside P(feasible) is (its whole points, else one
            // significant digit), so that at p = 1/2 the two read alike (2 samples read "±36"
            // beside "± 35 pts", 400 "±2.5" beside "± 2 pts").
            let worst = 0.5 / (drawn as f64).sqrt();
            let noun = if drawn == 1 {
                "sample reads"
            } else {
                "samples read"
            };
            format!(
                "{}: {drawn} {noun} P(feasible) only to about ±{} pts at worst; {} or \
                 more read it to within a point",
                Field::RunSamples.key(),
                number::points_figure(worst, number::UNCERTAINTY_DIGITS),
                number::format_for_people(SAMPLES_TO_A_POINT as f64, number::Unit::Plain, 5),
            )
        })
    }

    /// A warning for each correlation with an input the model does not sample, in file order:
    /// it has no effect.
    fn correlation_warnings(&self) -> Vec<Warning> {
        self.correlations
            .iter()
            .filter_map(|c| {
                let fixed = self.unsampled(c.a, c.b)?;
                Some(Warning {
                    about: Some(About::Pair(c.key.clone())),
                    text: format!(
                        "{}: {} is not sampled in this scenario, so the correlation has no effect",
                        c.dotted_key(),
                        fixed.key()
                    ),
                })
            })
            .collect()
    }

    /// [`Scenario::warnings`], each with the line of the text its input is written on, where
    /// the warning is about one written there (`check` says `plan.toml:22: warning: …`).
    pub fn located_warnings(&self) -> Vec<(Option<u32>, String)> {
        self.warnings()
            .into_iter()
            .map(|w| {
                let line = match &w.about {
                    Some(About::Field(f)) => self.lines.get(f).copied(),
                    Some(About::Pair(key)) => {
                        self.correlation_lines.get(key).map(|(line, _)| *line)
                    }
                    Some(About::Currency) => self.currency_line,
                    None => None,
                };
                (line, w.text)
            })
            .collect()
    }

    /// The scenario's warning that many of `field`'s samples are clamped into what its key
    /// takes, if it has one: a range whose median is outside it (`growth = "-150% to -105%"`),
    /// or 1% or more of it (`size = "-10M to 90M"`, a normal with 9.4% below 0), where `check`
    /// said ok while `eval` clamped the samples (and then counts them no more: one warning of
    /// it is enough). A slip's own warning says more.
    pub fn clamping_warning(&self, field: Field) -> Option<String> {
        if !self.is_sampled(field) || slips::of(self, field).is_some() {
            return None;
        }
        self.median_outside(field).or_else(|| {
            let (below, past_largest) = self.clamped_shares(field);
            let outside = below + past_largest;
            (outside >= CLAMPED_WORTH_SAYING).then(|| {
                let about = |share| number::format_for_people(share, number::Unit::Percent, 2);
                let domain = field.domain();
                let within = format!(
                    "fall outside what it takes ({}), and are {}",
                    domain.describe(),
                    domain.clamp_description()
                );
                // Each way for what it is: a normal both below 0 and past the largest number
                // read as all overflowing, its samples below 0 counted with the others.
                let said = match (below >= NEGLIGIBLE_SHARE, past_largest >= NEGLIGIBLE_SHARE) {
                    (true, true) => format!(
                        "about {} of its samples {within}; about {} {}",
                        about(below),
                        about(past_largest),
                        overflow_words()
                    ),
                    (_, true) => format!(
                        "about {} of its samples {}",
                        about(outside),
                        overflow_words()
                    ),
                    _ => format!("about {} of its samples {within}", about(outside)),
                };
                format!("{}: {said}", field.key())
            })
        })
    }

    /// How `field`'s clamped samples are said where the run counts them: below what its key
    /// takes, past the largest number, or either, as far as its distribution reaches each way.
    pub fn clamped_words(&self, field: Field) -> String {
        match self.clamped_shares(field) {
            (below, past_largest) if past_largest > 0.0 && below > 0.0 => format!(
                "{} or, past the largest number ({}), to it",
                field.domain().clamp_description(),
                largest_number()
            ),
            (_, past_largest) if past_largest > 0.0 => overflow_words(),
            _ => field.domain().clamp_description().to_string(),
        }
    }

    /// The shares of `field`'s samples its distribution puts below what its key takes (or
    /// above it, short of the largest number) and past the largest number, which overflow.
    fn clamped_shares(&self, field: Field) -> (f64, f64) {
        let dist = self.dist(field);
        let (low, high) = field.domain().clamp_bounds();
        let (below, above) = (dist.cdf(low), 1.0 - dist.cdf(high));
        match high == f64::MAX {
            true => (below, above),
            false => (below + above, 0.0),
        }
    }

    /// The warning that `field` is a range whose median its key does not take, so that most
    /// of its samples are clamped (`growth = "-150% to -105%"`), if it is one.
    fn median_outside(&self, field: Field) -> Option<String> {
        if !self.is_sampled(field) {
            return None;
        }
        let domain = field.domain();
        let dist = self.dist(field);
        let median = dist.quantile(0.5);
        // Outside by more than rounding: a PERT centred on 0 (`share.current` from -10% to
        // 10%) has its median at 0 but computed at -5e-14, and read "a median of -5.13e-14%
        // … most of its samples are clamped" where half are.
        // The spread's two quantiles only for a median the key does not take: the session
        // asks for the warnings every frame.
        let (low, high) = domain.clamp_bounds();
        let outside = !domain.admits(median) && {
            let spread = dist.quantile(0.95) - dist.quantile(0.05);
            (median - median.clamp(low, high)).abs() > 1e-9 * spread
        };
        outside.then(|| {
            format!(
                "{}: a median of {}, outside what it takes ({}): most of its samples are {}",
                field.key(),
                number::format_for_people(median, field.unit(), 3),
                domain.describe(),
                domain.clamp_description()
            )
        })
    }

    /// The warnings about a value that is likely not what was meant, in field order: a slip of
    /// its unit ([`slips`]), or a range whose median its key does not take, so that most of
    /// its samples are clamped (`growth = "-5 to -2"`). The figures are computed as written
    /// (docs/MODEL.md §2); the board report says these beside the verdict they may have made,
    /// where `current = "2 to 5"`, meant as 2%–5%, read "realistic" over "2 warnings, listed
    /// under Assumptions".
    pub fn doubtful_values(&self) -> Vec<String> {
        Field::ALL
            .into_iter()
            .filter_map(|field| slips::of(self, field).or_else(|| self.median_outside(field)))
            .collect()
    }

    /// [`Scenario::warnings`] about an input (a slip of its unit, many samples clamped, a
    /// benchmark far off, a sample count past what is drawn), each with its input: what the
    /// live session marks `!` and says when the input is selected.
    pub fn input_warnings(&self) -> Vec<(Field, String)> {
        self.warnings()
            .into_iter()
            .filter_map(|w| match w.about {
                Some(About::Field(field)) => Some((field, w.text)),
                _ => None,
            })
            .collect()
    }

    /// Whether the model samples `field`: an uncertain input it uses.
    pub fn is_sampled(&self, field: Field) -> bool {
        field.slot().is_some() && self.uses(field) && self.dist(field).is_uncertain()
    }

    /// The input of the pair {a, b} the model does not sample (a fixed value, or a team
    /// input without `[capacity]`), which leaves their correlation without effect.
    pub fn unsampled(&self, a: Field, b: Field) -> Option<Field> {
        [a, b].into_iter().find(|f| !self.is_sampled(*f))
    }

    /// The correlations the model applies: those between two sampled inputs.
    pub fn effective_correlations(&self) -> Vec<Correlation> {
        self.correlations
            .iter()
            .filter(|c| self.unsampled(c.a, c.b).is_none())
            .cloned()
            .collect()
    }

    /// Sets the rank correlation of the pair {a, b} (adding it when absent), refused with the
    /// pairs to loosen when the set could then not hold at once: the live session's nudge
    /// (by [`correlation::NUDGE_STEP`]) and edit of a correlation.
    pub fn set_correlation(&mut self, a: Field, b: Field, rho: f64) -> Result<(), Diagnostic> {
        self.correlations = correlation::with(&self.correlations, a, b, rho)?;
        Ok(())
    }

    /// Drops the pair {a, b} (nothing to do when absent), refused with the pairs to loosen
    /// when the others could then not hold at once.
    pub fn drop_correlation(&mut self, a: Field, b: Field) -> Result<(), Diagnostic> {
        self.correlations = correlation::without(&self.correlations, a, b)?;
        Ok(())
    }

    /// Whether the correlations can all hold at once, with the pairs to loosen when not: a
    /// file read with [`Scenario::parse`] has passed this check; after `--set` changes pairs
    /// (or on a file read with [`Scenario::parse_with`] and [`Consistency::Deferred`]) they may not.
    pub fn check_correlations(&self) -> Result<(), Diagnostic> {
        // A pair's line, while it holds the value written there (a `--set` value is not).
        let line = |k: usize| {
            let c = self.correlations.get(k)?;
            let (line, rho) = self.correlation_lines.get(&c.key)?;
            (*rho == c.rho).then_some(*line)
        };
        correlation::hold_at_once(&self.correlations, line)
    }

    /// A `[capacity]` naming neither `reps` nor `new_reps`: a team of 0 by their defaults,
    /// which `eval` showed as "ramped reps planned 0" with nothing said.
    fn team_of_none(&self) -> Option<String> {
        let team = self.capacity.as_ref()?;
        let written = [Field::CapacityReps, Field::CapacityNewReps]
            .iter()
            .any(|field| self.lines.contains_key(field));
        (!written && team.reps == 0 && team.new_reps == 0).then(|| {
            format!(
                "{}: a team of 0: neither reps nor new_reps is given under [capacity] (each \
                 defaults to 0), so the team books nothing; write reps = N",
                Field::CapacityReps.key()
            )
        })
    }

    /// A share ceiling whose median is below today's share's, where the share may gain: the
    /// share is then held where it is (docs/MODEL.md §4, cap = max(ceiling, c0)), so no gain
    /// raises it, where `check` said `ok` and the plan's figures moved unsaid (a ceiling of
    /// `0.01` written for 10%).
    fn ceiling_below_share(&self) -> Option<String> {
        let median = |field: Field| self.dist(field).quantile(0.5);
        let (ceiling, current) = (median(Field::ShareCeiling), median(Field::ShareCurrent));
        let gains = self.dist(Field::ShareGainPerYear).quantile(0.95) > 0.0;
        let shown = |x: f64| number::format_for_people(x, number::Unit::Percent, 3);
        // A share beyond 100% is a slip, said as one (`slips`).
        (gains && ceiling < current && current <= 1.0).then(|| {
            // One line of the live session's status line at 80 columns.
            format!(
                "{}: {} is below today's share, {} (medians): no gain raises it",
                Field::ShareCeiling.key(),
                shown(ceiling),
                shown(current)
            )
        })
    }

    /// The distribution of an input (a capacity input of a scenario without `[capacity]` is
    /// its unused default).
    pub fn dist(&self, field: Field) -> &Dist {
        &self.inputs[field]
    }

    /// Whether the model uses `field` (capacity fields only with `[capacity]`).
    pub fn uses(&self, field: Field) -> bool {
        field.section() != Section::Capacity || self.capacity.is_some()
    }

    /// The fields the model uses ([`Scenario::uses`]), in file order: the live session's
    /// inputs list.
    pub fn used_fields(&self) -> impl Iterator<Item = Field> + '_ {
        Field::ALL.into_iter().filter(|f| self.uses(*f))
    }

    /// The distribution inputs the model uses, fixed or sampled, in field order: `--draws`'
    /// columns.
    pub fn used_inputs(&self) -> impl Iterator<Item = Field> + '_ {
        Field::INPUTS.into_iter().filter(|f| self.uses(*f))
    }

    /// The inputs the model samples ([`Scenario::is_sampled`]), in field order.
    pub fn uncertain_fields(&self) -> Vec<Field> {
        Field::INPUTS
            .into_iter()
            .filter(|f| self.is_sampled(*f))
            .collect()
    }

    /// The value of a field, `None` for a capacity field without `[capacity]`.
    pub fn value(&self, field: Field) -> Option<FieldValue> {
        use FieldValue::{Integer as I, Number as N};
        if !self.uses(field) {
            return None;
        }
        if field.slot().is_some() {
            return Some(FieldValue::Dist(self.inputs[field].clone()));
        }
        let capacity = self.capacity.as_ref();
        Some(match field {
            Field::TargetRevenue => N(self.target_revenue),
            Field::HorizonDays => I(u64::from(self.horizon_days)),
            Field::Confidence => N(self.confidence),
            Field::CapacityReps => I(u64::from(capacity?.reps)),
            Field::CapacityNewReps => I(u64::from(capacity?.new_reps)),
            Field::CapacityRampDays => I(u64::from(capacity?.ramp_days)),
            Field::RunSamples => I(self.samples),
            Field::RunSeed => I(self.seed),
            // Uncertain inputs, answered above from their slot. Listed, not `_`: a new fixed
            // key must say here where its value is, or it would read as absent.
            Field::MarketSize
            | Field::MarketGrowth
            | Field::MarketServiceable
            | Field::ShareCurrent
            | Field::ShareGainPerYear
            | Field::ShareCeiling
            | Field::CapacityQuotaPerRep
            | Field::CapacityAttainment => return None,
        })
    }

    /// Sets a field to a value already checked for it (read with [`value::read_field`] or
    /// [`value::read_text`], as a file's, a typed one's or a recovery file's is). A capacity
    /// field of a scenario without `[capacity]` is refused.
    pub fn set(&mut self, field: Field, value: FieldValue) -> Result<(), Diagnostic> {
        let key = field.key();
        if !self.uses(field) {
            return Err(Diagnostic::new(
                Some(&key),
                "a scenario without a [capacity] table",
                "a [capacity] table",
            )
            // It said "expected [capacity] with quota_per_rep", and `--set
            // capacity.quota_per_rep=1M` was refused the same.
            .hint("add one to the file first, with reps and quota_per_rep at least: one value cannot add a team"));
        }
        let mismatch = || {
            Diagnostic::new(
                Some(&key),
                "a value of another kind",
                value::expected(field),
            )
        };
        let as_u32 = |n: u64| u32::try_from(n).map_err(|_| mismatch());
        let capacity = self.capacity.as_mut();
        match (field, value) {
            (field, FieldValue::Dist(d)) if field.slot().is_some() => self.inputs[field] = d,
            (Field::TargetRevenue, FieldValue::Number(x)) => self.target_revenue = x,
            (Field::Confidence, FieldValue::Number(x)) => self.confidence = x,
            (Field::HorizonDays, FieldValue::Integer(n)) => self.horizon_days = as_u32(n)?,
            (Field::RunSamples, FieldValue::Integer(n)) => self.samples = n,
            (Field::RunSeed, FieldValue::Integer(n)) => self.seed = n,
            (Field::CapacityReps, FieldValue::Integer(n)) => {
                capacity.ok_or_else(mismatch)?.reps = as_u32(n)?;
            }
            (Field::CapacityNewReps, FieldValue::Integer(n)) => {
                capacity.ok_or_else(mismatch)?.new_reps = as_u32(n)?;
            }
            (Field::CapacityRampDays, FieldValue::Integer(n)) => {
                capacity.ok_or_else(mismatch)?.ramp_days = as_u32(n)?;
            }
            _ => return Err(mismatch()),
        }
        Ok(())
    }

    /// Sets a field from what a person typed ([`Scenario::read_typed`]).
    pub fn set_text(&mut self, field: Field, text: &str) -> Result<(), Diagnostic> {
        let value = self.read_typed(field, text)?;
        self.set(field, value)
    }
}

/// Whether a parsed `[correlation]` table must be a set that can hold at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consistency {
    /// Checked as the file is read: a set that cannot hold is refused there, with its lines.
    Checked,
    /// Left for [`Scenario::check_correlations`], once `--set` has changed pairs.
    Deferred,
}

/// The text of the built-in scenario: the 90-day anecdote (`scenarios/` holds it first).
pub const BUILT_IN: &str = include_str!("../../scenarios/01-series-b-first-90-days.toml");

/// The commented template `skypie new` writes.
pub const TEMPLATE: &str = include_str!("template.toml");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_currency_code_that_is_no_iso_code_is_said_with_the_codes_meant() {
        // `UDS` was shown on the board report as "3M UDS" without a word.
        let said = |currency: &str| {
            let text =
                BUILT_IN.replacen("currency = \"USD\"", &format!("currency = {currency:?}"), 1);
            let scenario = Scenario::parse(&text, "x").expect("it parses");
            assert_eq!(scenario.currency, currency);
            // Said at the line the file writes it on.
            let located: Vec<(Option<u32>, String)> = (scenario.located_warnings().into_iter())
                .filter(|(_, w)| w.starts_with("currency: "))
                .collect();
            located.first().map(|(line, text)| {
                assert_eq!(*line, Some(11), "{text}");
                text.clone()
            })
        };
        // As the tables show it: `chf` in capitals (it said "as written", beside "2M CHF").
        let shown = |code: &str| format!("; amounts are shown with {code}");
        assert_eq!(
            said("UDS"),
            Some(format!(
                "currency: UDS is no ISO 4217 code (did you mean USD or UZS?){}",
                shown("UDS")
            ))
        );
        assert_eq!(
            said("chf"),
            Some(format!(
                "currency: chf is no ISO 4217 code (did you mean CHF?){}",
                shown("CHF")
            ))
        );
        assert_eq!(
            said("EUO"),
            Some(format!(
                "currency: EUO is no ISO 4217 code (did you mean EUR?){}",
                shown("EUO")
            ))
        );
        assert_eq!(
            said("QQQ"),
            Some(format!("currency: QQQ is no ISO 4217 code{}", shown("QQQ")))
        );
        // Codes ISO lists, codes in use it does not (`RMB` read "did you mean RUB?", the
        // rouble), the signs' codes in any case (`usd` is shown as `$`), signs and words.
        for own in [
            "USD", "EUR", "CHF", "JPY", "RMB", "NTD", "CNH", "usd", "eur", "€", "euros", "US$",
        ] {
            assert_eq!(said(own), None, "{own}");
        }
    }

    #[test]
    fn every_scenario_that_parses_looks_like_one() {
        // An output is kept from replacing a file that looks like a scenario; the guard
        // asks nothing else, so every file that checks must look like one, a BOM or not.
        for entry in std::fs::read_dir("scenarios").expect("the worked examples") {
            let path = entry.expect("an entry").path();
            if path.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("readable");
            assert!(Scenario::parse(&text, "x").is_ok(), "{path:?}");
            assert!(Scenario::looks_like(&text), "{path:?}");
            assert!(Scenario::looks_like(&format!("\u{feff}{text}")), "{path:?}");
            // Saved with an old Mac's line ends (`fit` took such a plan given as its data for
            // a CSV).
            assert!(Scenario::looks_like(&text.replace('\n', "\r")), "{path:?}");
            // Half mended: a value out of range, a key misspelt.
            let broken = text.replacen("horizon_days =", "horizon_dayz =", 1);
            assert!(Scenario::parse(&broken, "x").is_err(), "{path:?}");
            assert!(Scenario::looks_like(&broken), "{path:?}");
        }
    }

    #[test]
    fn a_scenario_as_cat_shows_it_does_not_look_like_one() {
        // `cat -A plan.toml > r3.log` was kept from `skypie check … >> r3.log`, and the advice
        // to mend it (`echo --- >> r3.log`) left it so.
        let text = include_str!("../../scenarios/01-series-b-first-90-days.toml");
        let shown: String = text.lines().map(|line| format!("{line}$\n")).collect();
        assert!(!Scenario::looks_like(&shown), "{shown}");
    }

    /// What `s` warns of, as said.
    fn texts(s: &Scenario) -> Vec<String> {
        s.warnings().into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn the_built_in_scenario_and_the_template_parse() {
        let anecdote = Scenario::parse(BUILT_IN, "built-in").unwrap();
        assert_eq!(anecdote.target_revenue, 3e6);
        assert_eq!(anecdote.horizon_days, 90);
        assert!(anecdote.capacity.is_some());
        Scenario::parse(TEMPLATE, "template").unwrap();
    }

    #[test]
    fn the_template_writes_every_key_a_scenario_takes() {
        let written = |table: &str, key: &str| {
            let mut section = "";
            TEMPLATE.lines().any(|line| {
                let line = line.trim_start_matches(['#', ' ']);
                if let Some(name) = line.strip_prefix('[') {
                    section = name.trim_end_matches(']');
                }
                section == table && line.starts_with(&format!("{key} ="))
            })
        };
        for field in Field::ALL {
            let key = field.key();
            let (table, name) = key.rsplit_once('.').unwrap_or(("", &key));
            assert!(written(table, name), "{key}");
        }
        let others = [
            ("", "schema"),
            ("", "name"),
            ("", "currency"),
            ("norms", "ignore"),
            ("run", "method"),
        ];
        for (table, key) in others {
            assert!(written(table, key), "{table}.{key}");
        }
    }

    #[test]
    fn a_run_of_few_samples_says_how_loosely_it_reads_p() {
        let mut s = Scenario::parse(BUILT_IN, "built-in").unwrap();
        let few = |s: &Scenario| {
            texts(s)
                .into_iter()
                .filter(|t| t.starts_with("run.samples:"))
                .collect::<Vec<_>>()
        };
        s.samples = 1;
        assert_eq!(
            few(&s),
            [
                "run.samples: 1 sample reads P(feasible) only to about ±50 pts at worst; 10,000 \
              or more read it to within a point"
            ]
        );
        s.samples = 999;
        assert_eq!(
            few(&s),
            [
                "run.samples: 999 samples read P(feasible) only to about ±2 pts at worst; \
              10,000 or more read it to within a point"
            ]
        );
        // As the uncertainty beside P(feasible) reads at p = 1/2 ("± 35 pts"), not rounded up.
        s.samples = 2;
        assert!(
            few(&s)[0].contains("only to about ±35 pts"),
            "{:?}",
            few(&s)
        );
        s.samples = FEW_SAMPLES;
        assert!(few(&s).is_empty());
        // Under Sobol points the run measures its own standard error, which the bound would
        // contradict (64 points: "± 3 pts" beside "only to about ±6.3 pts").
        s.samples = 50;
        s.method = Method::Sobol;
        assert!(!few(&s).iter().any(|t| t.contains("only to about")));
        // With every input fixed, one sample is the answer, exactly.
        let fixed = "schema = 1\nhorizon_days = 90\n[target]\nrevenue = \"1M\"\n\
                     [market]\nsize = \"50M\"\n[share]\ncurrent = \"5%\"\n\
                     [run]\nsamples = 1\n";
        assert!(few(&Scenario::parse(fixed, "fixed.toml").unwrap()).is_empty());
    }

    #[test]
    fn a_swiss_amount_of_no_cents_with_its_code_is_told_the_plain_amount_to_write() {
        // `CHF1'200.-` read "not a number", where `fit` read it in a CSV file.
        let text = BUILT_IN.replace("revenue = \"3M\"", "revenue = \"CHF1'200.-\"");
        let refused = Scenario::parse(&text, "plan.toml").map(|_| ()).unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("(a currency; write amounts without `CHF`, as in 1200)"),
            "{refused}"
        );
    }

    #[test]
    fn a_blank_name_is_the_files_stem() {
        let blank = BUILT_IN.replace("name = \"Series B — first 90 days\"", "name = \"  \"");
        let s = Scenario::parse(&blank, "plans/q3.toml").unwrap();
        assert_eq!(s.name, "q3");
    }

    #[test]
    fn set_text_checks_like_the_file_does() {
        let mut s = Scenario::parse(BUILT_IN, "built-in").unwrap();
        s.set_text(Field::TargetRevenue, "200k").unwrap();
        assert_eq!(s.target_revenue, 200e3);
        let error = s.set_text(Field::MarketServiceable, "1.5").unwrap_err();
        assert_eq!(error.key.as_deref(), Some("market.serviceable"));
        assert_eq!(s.inputs[Field::MarketServiceable].fixed_value(), Some(0.8));
    }

    #[test]
    fn a_range_written_with_a_dash_is_refused_with_how_to_write_it() {
        let mut s = Scenario::parse(BUILT_IN, "built-in").unwrap();
        let said =
            |s: &mut Scenario, field, text: &str| s.set_text(field, text).unwrap_err().to_string();
        let size = said(&mut s, Field::MarketSize, "35M-70M");
        assert!(
            size.ends_with("(a range is written with \"to\": \"35M to 70M\")"),
            "{size}"
        );
        let growth = said(&mut s, Field::MarketGrowth, "5% – 20%");
        assert!(growth.contains("\"5% to 20%\""), "{growth}");
        // A leading minus is a sign, not a dash between two ends.
        let current = said(&mut s, Field::ShareCurrent, "-1%-2%");
        assert!(current.contains("\"-1% to 2%\""), "{current}");
        // Text that is no range gets no such hint.
        let typo = said(&mut s, Field::MarketSize, "35M-");
        assert!(!typo.contains("written with"), "{typo}");
    }

    #[test]
    fn a_range_outside_what_its_key_takes_is_warned_of_when_much_of_it_is() {
        // `check` said ok on a growth of -150% to -105%, which `eval` clamped nearly whole.
        let mut s = Scenario::parse(BUILT_IN, "built-in").unwrap();
        s.apply_override("market.growth=-150% to -105%").unwrap();
        assert_eq!(
            texts(&s),
            [
                "market.growth: a median of -127%, outside what it takes (a growth rate ≥ -99%): \
              most of its samples are clamped to ≥ -99%"
            ]
        );
        // Partly outside, its median inside: how much, when 1% or more (a normal from -120%
        // to 20% has 12.5% below -99%); `check` said ok while `eval` clamped them.
        s.apply_override("market.growth=-120% to 20%").unwrap();
        assert_eq!(
            texts(&s),
            [
                "market.growth: about 12% of its samples fall outside what it takes (a growth \
                 rate ≥ -99%), and are clamped to ≥ -99%"
            ]
        );
        // A tail of 0.004% is not worth a word.
        s.apply_override("market.growth=-50% to 20%").unwrap();
        assert!(texts(&s).is_empty(), "{:?}", texts(&s));
        // Above what it takes too: a serviceable share whose 95th percentile is under 100%
        // (no slip) has 4.8% of its samples above it.
        s.apply_override("market.serviceable={ dist = \"normal\", mean = 0.85, sd = 0.09 }")
            .unwrap();
        assert_eq!(
            texts(&s),
            [
                "market.serviceable: about 4.8% of its samples fall outside what it takes (a \
                 fraction from 0 to 1 (0% to 100%)), and are clamped to 0%–100%"
            ]
        );
        s.apply_override("market.serviceable=0.8").unwrap();
        // A slip says more, once (a share with the % left off).
        s.apply_override("share.current=2 to 5").unwrap();
        let said = texts(&s);
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].contains("more than the whole market"), "{said:?}");
    }

    #[test]
    fn samples_past_the_largest_number_are_said_to_overflow() {
        let mut s = Scenario::parse(BUILT_IN, "built-in").unwrap();
        s.apply_override("market.size=1e300 to 1e308").unwrap();
        assert_eq!(
            texts(&s),
            [
                "market.size: about 4% of its samples overflow past the largest number (1.8e308), \
                 and are clamped to it"
            ]
        );
    }

    #[test]
    fn samples_below_what_a_key_takes_and_past_the_largest_number_are_each_said_for_what_they_are()
    {
        // 6.7% below 0 and 38% past the largest number read "about 45% … overflow".
        let mut s = Scenario::parse(BUILT_IN, "built-in").unwrap();
        s.apply_override("market.size={ dist = \"normal\", mean = 1.5e308, sd = 1e308 }")
            .unwrap();
        assert_eq!(
            texts(&s),
            [
                "market.size: about 6.7% of its samples fall outside what it takes (a number ≥ \
                 0), and are clamped to ≥ 0; about 38% overflow past the largest number \
                 (1.8e308), and are clamped to it"
            ]
        );
    }

    #[test]
    fn a_range_whose_median_is_on_the_edge_is_said_to_be_half_outside() {
        // A PERT centred on 0 has its median at 0, computed at -5e-14: it read "a median of
        // -5.13e-14%, outside what it takes … most of its samples are clamped".
        let mut s = Scenario::parse(BUILT_IN, "built-in").unwrap();
        s.apply_override("share.current={ dist = \"pert\", min = -0.1, mode = 0, max = 0.1 }")
            .unwrap();
        assert_eq!(
            texts(&s),
            [
                "share.current: about 50% of its samples fall outside what it takes (a fraction \
                 from 0 to 1 (0% to 100%)), and are clamped to 0%–100%"
            ]
        );
        assert!(s.doubtful_values().is_empty());
        // Outside by more than rounding, it is a median outside.
        s.apply_override("share.current={ dist = \"pert\", min = -0.1, mode = -0.001, max = 0.1 }")
            .unwrap();
        assert!(texts(&s)[0].contains("a median of -0."), "{:?}", texts(&s));
    }

    #[test]
    fn huge_sample_counts_are_capped_with_a_warning() {
        let mut s = Scenario::parse(BUILT_IN, "built-in").unwrap();
        s.apply_override("run.samples=20M").unwrap();
        assert_eq!(s.sample_count(), MAX_SAMPLES);
        assert_eq!(texts(&s).len(), 1);
        s.apply_override("run.samples=1000").unwrap();
        assert_eq!(s.sample_count(), 1000);
        assert!(texts(&s).is_empty());
    }

    #[test]
    fn sobol_sample_counts_rounded_up_say_why() {
        let mut s = Scenario::parse(BUILT_IN, "built-in").unwrap();
        s.method = Method::Sobol;
        s.apply_override("run.samples=5000").unwrap();
        assert_eq!(
            texts(&s),
            ["run.samples: 5,000 rounded up to 8,192, a power of two, for Sobol points"]
        );
        // 8 is a power of two: the floor of one point per scramble raised it.
        s.apply_override("run.samples=8").unwrap();
        assert_eq!(
            texts(&s),
            [
                "run.samples: 8 rounded up to 16, the fewest Sobol points a run takes (one per \
                 scramble)"
            ]
        );
        s.apply_override("run.samples=16").unwrap();
        assert!(texts(&s).is_empty(), "{:?}", texts(&s));
    }

    #[test]
    fn a_ceiling_below_todays_share_is_warned_of_where_the_share_may_gain() {
        // `ceiling = 0.01` under a share of 2–5%: `check` said ok, and the share was held
        // where it is, the gain of 2–15 pts/yr ignored.
        let mut s = Scenario::parse(BUILT_IN, "built-in").unwrap();
        assert!(texts(&s).is_empty());
        s.apply_override("share.ceiling=0.01").unwrap();
        assert_eq!(
            texts(&s),
            ["share.ceiling: 1% is below today's share, 3.5% (medians): no gain raises it"]
        );
        // At today's share, or where the share cannot gain, the ceiling holds nothing back.
        s.apply_override("share.ceiling=3.5%").unwrap();
        assert!(texts(&s).is_empty());
        s.apply_override("share.ceiling=0.01").unwrap();
        s.apply_override("share.gain_per_year=-5% to -1%").unwrap();
        assert!(texts(&s).is_empty());
    }
}
