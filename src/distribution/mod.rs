//! The distributions an input can take (docs/MODEL.md §2 "value forms"): a fixed number, a
//! 90% interval "A to B", or a table naming a [`Family`]. A leaf module: the scenario format
//! and the model both use it, and it knows neither.
//!
//! As statrs does, the constructors check every parameter (`sd > 0`, `min < max`, a mode
//! inside its range) and build the sampler and the quantile function at once, so a [`Dist`]
//! that exists can always be sampled and inverted: nothing downstream falls back to NaN.

mod beta_quantile;
mod family;
mod score_table;

pub use family::{Family, param};
pub use score_table::{ScoreTable, TABLE_FROM};

use rand::Rng;
use rand_distr::{Beta as BetaSampler, Distribution as _, LogNormal, Normal, Pert, Triangular};
use statrs::distribution::{
    Beta as BetaCdf, Continuous, ContinuousCDF, LogNormal as LogNormalCdf, Normal as NormalCdf,
    Triangular as TriangularCdf,
};

/// z such that a standard normal has 5% of its mass above it: a 90% interval spans ±z.
pub const Z90: f64 = 1.6448536;

/// Standard deviations within which a normal (or the normal under a lognormal) is taken to
/// draw; see [`Dist::support`].
pub const SUPPORT_SIGMAS: f64 = 40.0;

/// The family a 90% interval `"A to B"` is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Normal,
    LogNormal,
}

impl Shape {
    /// The family an interval "A to B" is read as when none is named: lognormal when the low
    /// end is positive, normal otherwise (Squiggle's convention).
    pub fn natural(low: f64) -> Shape {
        if low > 0.0 {
            Shape::LogNormal
        } else {
            Shape::Normal
        }
    }
}

/// How a distribution was written: what the file, the editor and the display show.
#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    /// A known value.
    Fixed(f64),
    /// A 90% interval: `low` is the 5th and `high` the 95th percentile.
    Interval { low: f64, high: f64, shape: Shape },
    /// A table naming its family, with the parameters in [`Family::params`] order.
    Table { family: Family, params: Vec<f64> },
}

/// One input's distribution: the form as written, and the checked law behind it.
#[derive(Debug, Clone)]
pub struct Dist {
    form: Form,
    law: Law,
}

/// The fixed value 0.
impl Default for Dist {
    fn default() -> Dist {
        Dist::new(Form::Fixed(0.0), Law::Fixed(0.0))
    }
}

/// Two distributions are the same when they were written the same way.
impl PartialEq for Dist {
    fn eq(&self, other: &Dist) -> bool {
        self.form == other.form
    }
}

/// The sampler and the quantile function of a checked distribution.
#[derive(Debug, Clone)]
enum Law {
    Fixed(f64),
    /// Normal(mean, sd): the sampler, the quantile function, and (mean, sd) for the support.
    Normal(Normal<f64>, NormalCdf, (f64, f64)),
    /// e^X, X normal(mu, sigma): likewise, with (mu, sigma).
    LogNormal(LogNormal<f64>, LogNormalCdf, (f64, f64)),
    Uniform {
        min: f64,
        width: f64,
    },
    Triangular(Triangular<f64>, TriangularCdf),
    /// Beta-PERT: a beta on [min, min + width].
    Pert {
        sampler: Pert<f64>,
        unit: BetaCdf,
        min: f64,
        width: f64,
    },
    Beta(BetaSampler<f64>, BetaCdf),
}

/// A parameter that makes a distribution impossible, and why. Shown (`to_string`) with its
/// numbers plain; [`DistError::expected_with`] shows them as the caller writes its input's
/// values.
#[derive(Debug, Clone, PartialEq)]
pub struct DistError {
    /// The parameter at fault (`sd`, `max`, ...), so the message can point at it.
    pub param: &'static str,
    /// What would be right.
    pub expected: Expected,
}

/// What a refused parameter should be.
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    /// In words: "sd > 0".
    Words(String),
    /// Greater than the parameter `bound`, which is `value`: "max greater than min (30M)".
    Above { bound: &'static str, value: f64 },
    /// The mode between min and max: "mode between min (0.5) and max (1.1)".
    Between { min: f64, max: f64 },
}

impl DistError {
    /// What would be right, with the other parameters' values written by `number` (a money
    /// input's as `30M`, a percentage's as `50%`).
    pub fn expected_with(&self, number: impl Fn(f64) -> String) -> String {
        match &self.expected {
            Expected::Words(words) => words.clone(),
            Expected::Above { bound, value } => {
                format!("{} greater than {bound} ({})", self.param, number(*value))
            }
            Expected::Between { min, max } => {
                format!(
                    "mode between min ({}) and max ({})",
                    number(*min),
                    number(*max)
                )
            }
        }
    }
}

impl std::fmt::Display for DistError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.expected_with(show))
    }
}

/// A parameter refused: `expected` says what would be right ("a number > 0").
fn refuse(param: &'static str, expected: impl Into<String>) -> DistError {
    DistError {
        param,
        expected: Expected::Words(expected.into()),
    }
}

/// A number as a message shows it: plain when short, in exponent form when huge or tiny.
fn show(x: f64) -> String {
    if x != 0.0 && (x.abs() >= 1e15 || x.abs() < 1e-6) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// The largest lognormal `mu` whose median, e^mu, is a number: ln of the largest double.
const LARGEST_MU: f64 = 709.782_712_893_384;

/// What a lognormal's `mu` is, said where it was written as its median (`mu = "50M"`, or
/// `mu = 800`): "the natural logarithm of the median (a median of 50M is mu = 17.73)";
/// `median` is the figure as written, `None` where it names no positive number.
pub fn mu_is_the_log_of_the_median(median: Option<(&str, f64)>) -> String {
    let what = "the natural logarithm of the median";
    match median {
        Some((written, x)) if x > 0.0 => {
            format!("{what} (a median of {written} is mu = {:.2})", x.ln())
        }
        _ => what.to_string(),
    }
}

fn finite(param: &'static str, x: f64) -> Result<f64, DistError> {
    if x.is_finite() {
        Ok(x)
    } else {
        Err(refuse(param, format!("a finite number for {param}")))
    }
}

fn positive(param: &'static str, x: f64) -> Result<f64, DistError> {
    if finite(param, x)? > 0.0 {
        Ok(x)
    } else {
        Err(refuse(param, format!("{param} > 0")))
    }
}

/// Φ(z), the standard normal's cumulative probability: erfc(−z/√2)/2 (accurate in both tails).
pub fn standard_normal_cdf(z: f64) -> f64 {
    0.5 * statrs::function::erf::erfc(-z / std::f64::consts::SQRT_2)
}

/// Beta shapes outside this range are refused: beyond it the distribution is a spike at 0 or
/// 1 and its quantiles cannot be computed in reasonable time.
const BETA_SHAPES: (f64, f64) = (1e-3, 1e6);

fn beta_shape(param: &'static str, x: f64) -> Result<f64, DistError> {
    if (BETA_SHAPES.0..=BETA_SHAPES.1).contains(&finite(param, x)?) {
        Ok(x)
    } else {
        Err(refuse(param, format!("{param} from 0.001 to 1,000,000")))
    }
}

/// `min` < `max`, both finite, and the width between them a number too: `-1e308` to `1e308`
/// drew 1.8e308 for every sample (the width overflowed), read as a stretch.
fn ordered(min: f64, max: f64) -> Result<(), DistError> {
    if finite("min", min)? < finite("max", max)? {
        if (max - min).is_finite() {
            Ok(())
        } else {
            Err(refuse(
                "max",
                format!("max − min at most {:e} (the largest number)", f64::MAX),
            ))
        }
    } else {
        Err(DistError {
            param: "max",
            expected: Expected::Above {
                bound: "min",
                value: min,
            },
        })
    }
}

fn mode_within(min: f64, mode: f64, max: f64) -> Result<(), DistError> {
    ordered(min, max)?;
    if (min..=max).contains(&finite("mode", mode)?) {
        Ok(())
    } else {
        Err(DistError {
            param: "mode",
            expected: Expected::Between { min, max },
        })
    }
}

/// A library constructor refused parameters the checks above let through: say so rather
/// than panic (it would be a gap in the checks, reported against the last parameter).
fn built<T, E: std::fmt::Display>(
    param: &'static str,
    result: Result<T, E>,
) -> Result<T, DistError> {
    result.map_err(|e| refuse(param, format!("parameters a distribution accepts ({e})")))
}

/// The normal behind a normal-shaped interval: mean = (A+B)/2 and sd = (B−A)/(2z); for a
/// lognormal interval, mu and sigma of ln X.
fn interval_parameters(low: f64, high: f64, shape: Shape) -> (f64, f64) {
    let (a, b) = match shape {
        Shape::Normal => (low, high),
        Shape::LogNormal => (low.ln(), high.ln()),
    };
    ((a + b) / 2.0, (b - a) / (2.0 * Z90))
}

/// Beta-PERT's shape with λ = 4: α = 1 + 4(mode−min)/(max−min), β = 1 + 4(max−mode)/(max−min).
fn pert_shape(min: f64, mode: f64, max: f64) -> (f64, f64) {
    let range = max - min;
    (
        1.0 + 4.0 * (mode - min) / range,
        1.0 + 4.0 * (max - mode) / range,
    )
}

impl Law {
    fn normal(mean: f64, sd: f64) -> Result<Law, DistError> {
        Ok(Law::Normal(
            built("sd", Normal::new(mean, sd))?,
            built("sd", NormalCdf::new(mean, sd))?,
            (mean, sd),
        ))
    }

    fn lognormal(mu: f64, sigma: f64) -> Result<Law, DistError> {
        Ok(Law::LogNormal(
            built("sigma", LogNormal::new(mu, sigma))?,
            built("sigma", LogNormalCdf::new(mu, sigma))?,
            (mu, sigma),
        ))
    }
}

impl Dist {
    fn new(form: Form, law: Law) -> Dist {
        Dist { form, law }
    }

    /// The family whose spread changes when the numbers it is written with all move by the
    /// same amount (a lognormal: `2% to 15%` moved down a point is wider in proportion; a beta,
    /// on [0, 1] whatever its shapes): its values then move by other amounts than its ends.
    /// `None` for a fixed value and the families a move of its ends moves every value by as
    /// much (normal, uniform, triangular, PERT).
    pub fn spread_follows_its_ends(&self) -> Option<Family> {
        match self.law {
            Law::LogNormal(..) => Some(Family::LogNormal),
            Law::Beta(..) => Some(Family::Beta),
            Law::Fixed(_)
            | Law::Normal(..)
            | Law::Uniform { .. }
            | Law::Triangular(..)
            | Law::Pert { .. } => None,
        }
    }

    /// A known value; it must be finite.
    pub fn fixed(value: f64) -> Result<Dist, DistError> {
        let x = finite("value", value)?;
        Ok(Dist::new(Form::Fixed(x), Law::Fixed(x)))
    }

    /// A 90% interval from `low` to `high`: lognormal when 0 < low < high, else normal, unless
    /// `shape` forces one. Lognormal needs low > 0.
    pub fn interval(low: f64, high: f64, shape: Option<Shape>) -> Result<Dist, DistError> {
        finite("low", low)?;
        finite("high", high)?;
        if low >= high {
            return Err(DistError {
                param: "high",
                expected: Expected::Above {
                    bound: "low",
                    value: low,
                },
            });
        }
        let shape = shape.unwrap_or(Shape::natural(low));
        if shape == Shape::LogNormal && low <= 0.0 {
            return Err(refuse(
                "low",
                "low > 0 (both ends of a lognormal range are above 0)",
            ));
        }
        let (location, scale) = interval_parameters(low, high, shape);
        // `-1e308 to 1e308`: each end a number, their distance not (the library then said
        // "variation parameter is non-finite").
        if !location.is_finite() || !scale.is_finite() {
            return Err(refuse(
                "high",
                "ends closer together: high − low is beyond the largest number there is (about \
                 1.8e308)",
            ));
        }
        let law = match shape {
            Shape::Normal => Law::normal(location, scale)?,
            Shape::LogNormal => Law::lognormal(location, scale)?,
        };
        Ok(Dist::new(Form::Interval { low, high, shape }, law))
    }

    fn table(family: Family, params: &[f64], law: Law) -> Dist {
        Dist::new(
            Form::Table {
                family,
                params: params.to_vec(),
            },
            law,
        )
    }

    /// Normal with the given mean and standard deviation (sd > 0).
    pub fn normal(mean: f64, sd: f64) -> Result<Dist, DistError> {
        let (mean, sd) = (finite("mean", mean)?, positive("sd", sd)?);
        Ok(Dist::table(
            Family::Normal,
            &[mean, sd],
            Law::normal(mean, sd)?,
        ))
    }

    /// e^X with X normal(mu, sigma), sigma > 0.
    pub fn lognormal(mu: f64, sigma: f64) -> Result<Dist, DistError> {
        let (mu, sigma) = (finite("mu", mu)?, positive("sigma", sigma)?);
        // mu is the logarithm of the median: `mu = 800`, a median of e^800, made every sample
        // the largest number, and a plan on it read "realistic".
        if mu > LARGEST_MU {
            return Err(refuse(
                "mu",
                format!(
                    "mu at most {LARGEST_MU:.2}: mu is {}",
                    mu_is_the_log_of_the_median(Some((&show(mu), mu)))
                ),
            ));
        }
        Ok(Dist::table(
            Family::LogNormal,
            &[mu, sigma],
            Law::lognormal(mu, sigma)?,
        ))
    }

    /// Uniform on [min, max], min < max.
    pub fn uniform(min: f64, max: f64) -> Result<Dist, DistError> {
        ordered(min, max)?;
        let law = Law::Uniform {
            min,
            width: max - min,
        };
        Ok(Dist::table(Family::Uniform, &[min, max], law))
    }

    /// Triangular on [min, max] peaking at mode.
    pub fn triangular(min: f64, mode: f64, max: f64) -> Result<Dist, DistError> {
        mode_within(min, mode, max)?;
        // Its quantiles take the square root of a product of two widths: past √(largest
        // number) that product is ∞ (0 to 2e154 read P(feasible) 48.3% beside "impossible").
        let most = f64::MAX.sqrt();
        if max - min >= most {
            return Err(refuse(
                "max",
                format!(
                    "max − min below {most:.2e} (a triangular's quantiles multiply two widths)"
                ),
            ));
        }
        let law = Law::Triangular(
            built("mode", Triangular::new(min, max, mode))?,
            built("mode", TriangularCdf::new(min, max, mode))?,
        );
        Ok(Dist::table(Family::Triangular, &[min, mode, max], law))
    }

    /// Beta-PERT on [min, max] with the given mode and λ = 4.
    pub fn pert(min: f64, mode: f64, max: f64) -> Result<Dist, DistError> {
        mode_within(min, mode, max)?;
        let (alpha, beta) = pert_shape(min, mode, max);
        let law = Law::Pert {
            sampler: built("mode", Pert::new(min, max).with_mode(mode))?,
            unit: built("mode", BetaCdf::new(alpha, beta))?,
            min,
            width: max - min,
        };
        Ok(Dist::table(Family::Pert, &[min, mode, max], law))
    }

    /// Beta(alpha, beta) on [0, 1], both shapes from 0.001 to 1,000,000.
    pub fn beta(alpha: f64, beta: f64) -> Result<Dist, DistError> {
        let (alpha, beta) = (beta_shape("alpha", alpha)?, beta_shape("beta", beta)?);
        let law = Law::Beta(
            built("beta", BetaSampler::new(alpha, beta))?,
            built("beta", BetaCdf::new(alpha, beta))?,
        );
        Ok(Dist::table(Family::Beta, &[alpha, beta], law))
    }

    /// How the distribution was written.
    pub fn form(&self) -> &Form {
        &self.form
    }

    /// The value when the input is known, `None` when it is uncertain.
    pub fn fixed_value(&self) -> Option<f64> {
        match self.form {
            Form::Fixed(x) => Some(x),
            _ => None,
        }
    }

    /// Whether the input is uncertain (sampled).
    pub fn is_uncertain(&self) -> bool {
        self.fixed_value().is_none()
    }

    /// The ends and shape of a 90% interval, when it was written as one.
    pub fn interval_form(&self) -> Option<(f64, f64, Shape)> {
        match self.form {
            Form::Interval { low, high, shape } => Some((low, high, shape)),
            _ => None,
        }
    }

    /// The family and parameters of a table, when it was written as one.
    pub fn table_form(&self) -> Option<(Family, &[f64])> {
        match &self.form {
            Form::Table { family, params } => Some((*family, params)),
            _ => None,
        }
    }

    /// The normal behind a normal-shaped distribution (a 90% interval or a normal or
    /// lognormal table): its shape and the (mean, sd) of X, or of ln X for a lognormal.
    pub fn normal_parameters(&self) -> Option<(Shape, f64, f64)> {
        match &self.law {
            Law::Normal(.., (mean, sd)) => Some((Shape::Normal, *mean, *sd)),
            Law::LogNormal(.., (mu, sigma)) => Some((Shape::LogNormal, *mu, *sigma)),
            _ => None,
        }
    }

    /// The p-quantile of the distribution (before clamping), p in [0, 1].
    pub fn quantile(&self, p: f64) -> f64 {
        if p.is_nan() {
            // statrs' inverse CDFs panic on NaN; a NaN probability has a NaN quantile.
            return f64::NAN;
        }
        let p = p.clamp(0.0, 1.0);
        match &self.law {
            Law::Fixed(x) => *x,
            Law::Normal(_, cdf, _) => cdf.inverse_cdf(p),
            Law::LogNormal(_, cdf, _) => cdf.inverse_cdf(p),
            Law::Uniform { min, width } => min + width * p,
            Law::Triangular(_, cdf) => cdf.inverse_cdf(p),
            Law::Pert {
                unit, min, width, ..
            } => min + width * beta_quantile::beta_quantile(unit, p),
            Law::Beta(_, cdf) => beta_quantile::beta_quantile(cdf, p),
        }
    }

    /// The value at standard normal score `z`: Q(Φ(z)), the quantile at the normal's
    /// probability of z, which is how a Gaussian copula gives each input its own marginal. For a
    /// normal that is mean + sd·z and for a lognormal e^(mu + sigma·z), computed so (the same
    /// number, without losing the tails to Φ's rounding near 0 and 1).
    pub fn at_normal_score(&self, z: f64) -> f64 {
        match &self.law {
            Law::Normal(.., (mean, sd)) => mean + sd * z,
            Law::LogNormal(.., (mu, sigma)) => (mu + sigma * z).exp(),
            _ => self.quantile(standard_normal_cdf(z)),
        }
    }

    /// The cumulative probability at `x`: P(X ≤ x).
    pub fn cdf(&self, x: f64) -> f64 {
        match &self.law {
            Law::Fixed(v) => f64::from(u8::from(x >= *v)),
            Law::Normal(_, cdf, _) => cdf.cdf(x),
            Law::LogNormal(_, cdf, _) => cdf.cdf(x),
            Law::Uniform { min, width } => ((x - min) / width).clamp(0.0, 1.0),
            Law::Triangular(_, cdf) => cdf.cdf(x),
            Law::Pert {
                unit, min, width, ..
            } => unit.cdf(((x - min) / width).clamp(0.0, 1.0)),
            Law::Beta(_, cdf) => cdf.cdf(x.clamp(0.0, 1.0)),
        }
    }

    /// Whether the quantile function is computed by iteration (PERT and beta: statrs inverts the
    /// incomplete beta function), about 0.7 µs a value: a long run reads such a law's values
    /// at scores from a [`ScoreTable`].
    pub fn quantile_is_iterative(&self) -> bool {
        matches!(self.law, Law::Pert { .. } | Law::Beta(..))
    }

    /// The probability density at `x` of a PERT or beta law, the slopes of its [`ScoreTable`];
    /// NaN for the others, which never get a table's nodes (a NaN slope would make each
    /// interval compute its values exactly).
    fn density(&self, x: f64) -> f64 {
        match &self.law {
            Law::Pert {
                unit, min, width, ..
            } => unit.pdf((x - min) / width) / width,
            Law::Beta(_, cdf) => cdf.pdf(x),
            _ => f64::NAN,
        }
    }

    /// The smallest and largest values a sample can take.
    ///
    /// Normal draws are taken to lie within [`SUPPORT_SIGMAS`] standard deviations: beyond is
    /// a probability below 1e-300 (and rand_distr's ziggurat cannot reach past about 15).
    /// A support that reaches a domain's edge, or overflows, makes sampling clamp.
    pub fn support(&self) -> (f64, f64) {
        match &self.law {
            Law::Fixed(x) => (*x, *x),
            Law::Uniform { min, width } => (*min, min + width),
            Law::Pert { min, width, .. } => (*min, min + width),
            Law::Triangular(_, cdf) => (cdf.inverse_cdf(0.0), cdf.inverse_cdf(1.0)),
            Law::Beta(..) => (0.0, 1.0),
            Law::Normal(.., (mean, sd)) => (mean - SUPPORT_SIGMAS * sd, mean + SUPPORT_SIGMAS * sd),
            Law::LogNormal(.., (mu, sigma)) => (0.0, (mu + SUPPORT_SIGMAS * sigma).exp()),
        }
    }

    /// Fills `out` with independent draws from `rng`.
    pub fn fill<R: Rng + ?Sized>(&self, rng: &mut R, out: &mut [f64]) {
        match &self.law {
            Law::Fixed(x) => out.fill(*x),
            Law::Normal(d, ..) => out.iter_mut().for_each(|v| *v = d.sample(rng)),
            Law::LogNormal(d, ..) => out.iter_mut().for_each(|v| *v = d.sample(rng)),
            Law::Uniform { min, width } => out.iter_mut().for_each(|v| {
                let unit: f64 = rand::RngExt::random(rng);
                *v = min + width * unit;
            }),
            Law::Triangular(d, _) => out.iter_mut().for_each(|v| *v = d.sample(rng)),
            Law::Pert { sampler, .. } => out.iter_mut().for_each(|v| *v = sampler.sample(rng)),
            Law::Beta(d, _) => out.iter_mut().for_each(|v| *v = d.sample(rng)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_positive_range_is_lognormal_with_its_ends_at_p5_and_p95() {
        let d = Dist::interval(35e6, 70e6, None).unwrap();
        assert_eq!(d.interval_form(), Some((35e6, 70e6, Shape::LogNormal)));
        assert!((d.quantile(0.05) / 35e6 - 1.0).abs() < 1e-6);
        assert!((d.quantile(0.95) / 70e6 - 1.0).abs() < 1e-6);
        assert!((d.quantile(0.5) - (35e6f64 * 70e6).sqrt()).abs() < 1.0);
    }

    #[test]
    fn a_range_through_zero_is_normal() {
        let d = Dist::interval(-0.05, 0.1, None).unwrap();
        assert_eq!(d.interval_form(), Some((-0.05, 0.1, Shape::Normal)));
        assert!((d.quantile(0.5) - 0.025).abs() < 1e-12);
        assert!((d.quantile(0.05) + 0.05).abs() < 1e-6);
    }

    #[test]
    fn impossible_parameters_are_refused() {
        assert_eq!(Dist::normal(1.0, 0.0).unwrap_err().param, "sd");
        assert_eq!(Dist::lognormal(1.0, -1.0).unwrap_err().param, "sigma");
        assert_eq!(Dist::uniform(2.0, 1.0).unwrap_err().param, "max");
        assert_eq!(Dist::triangular(0.0, 2.0, 1.0).unwrap_err().param, "mode");
        assert_eq!(Dist::pert(0.0, -1.0, 1.0).unwrap_err().param, "mode");
        assert_eq!(Dist::beta(0.0, 1.0).unwrap_err().param, "alpha");
        assert_eq!(Dist::interval(5.0, 5.0, None).unwrap_err().param, "high");
        assert_eq!(
            Dist::interval(-1.0, 5.0, Some(Shape::LogNormal))
                .unwrap_err()
                .param,
            "low"
        );
        assert_eq!(Dist::fixed(f64::NAN).unwrap_err().param, "value");
        assert_eq!(Dist::uniform(0.0, f64::INFINITY).unwrap_err().param, "max");
        // A width past the largest number: every sample was 1.8e308.
        for refused in [
            Dist::uniform(-1e308, 1e308),
            Dist::triangular(-1e308, 0.0, 1e308),
            Dist::triangular(0.0, 1e154, 2e154),
            Dist::pert(-1e308, 0.0, 1e308),
        ] {
            let refused = refused.unwrap_err();
            assert_eq!(refused.param, "max");
            assert!(refused.to_string().starts_with("max − min "), "{refused}");
        }
        assert!(Dist::uniform(-8e307, 8e307).is_ok());
        // A triangular's widest whose quantiles are numbers.
        let wide = Dist::triangular(0.0, 1e153, 1.3e154).unwrap();
        assert!(
            [0.01, 0.5, 0.99]
                .iter()
                .all(|p| wide.quantile(*p).is_finite())
        );
        assert_eq!(Dist::beta(1e-300, 1e300).unwrap_err().param, "alpha");
        assert_eq!(Dist::normal(1.0, 0.0).unwrap_err().to_string(), "sd > 0");
        assert_eq!(
            Dist::uniform(1e308, 1.0).unwrap_err().to_string(),
            "max greater than min (1e308)"
        );
    }

    #[test]
    fn quantiles_of_bounded_distributions_stay_in_their_bounds() {
        let dists = [
            Dist::uniform(1.0, 3.0).unwrap(),
            Dist::triangular(1.0, 1.5, 3.0).unwrap(),
            Dist::pert(1.0, 2.5, 3.0).unwrap(),
        ];
        for d in dists {
            assert!((d.quantile(0.0) - 1.0).abs() < 1e-9, "{d:?}");
            assert!((d.quantile(1.0) - 3.0).abs() < 1e-9, "{d:?}");
            assert!(d.quantile(0.1) < d.quantile(0.9));
        }
        let beta = Dist::beta(2.0, 2.0).unwrap();
        assert!((beta.quantile(0.5) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn sample_medians_match_the_quantile_function() {
        use rand::SeedableRng;
        let dists = [
            Dist::interval(35e6, 70e6, None).unwrap(),
            Dist::normal(10.0, 2.0).unwrap(),
            Dist::uniform(0.02, 0.05).unwrap(),
            Dist::triangular(0.0, 0.2, 1.0).unwrap(),
            Dist::pert(0.0, 0.2, 1.0).unwrap(),
            Dist::beta(2.0, 5.0).unwrap(),
        ];
        for d in dists {
            let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(1);
            let mut values = vec![0.0; 40_001];
            d.fill(&mut rng, &mut values);
            values.sort_by(f64::total_cmp);
            let (p10, p90) = (d.quantile(0.1), d.quantile(0.9));
            let tolerance = 0.02 * (p90 - p10);
            assert!(
                (values[20_000] - d.quantile(0.5)).abs() < tolerance,
                "{d:?}"
            );
            assert!((values[4_000] - p10).abs() < tolerance, "{d:?}");
        }
    }
}
