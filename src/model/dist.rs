//! The distributions an input can take (SPEC §1 "Value forms").
//!
//! Constructors refuse nonsense (`sd ≤ 0`, `min ≥ max`, a mode outside its range), so sampling
//! never has to check. Sampling uses rand_distr; exact quantiles (the tornado's pins) use statrs.

use rand::Rng;
use rand_distr::{Beta as BetaSampler, Distribution as _, LogNormal, Normal, Pert, Triangular};
use statrs::distribution::{
    Beta as BetaCdf, ContinuousCDF, LogNormal as LogNormalCdf, Normal as NormalCdf,
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

/// One input's distribution, in the form the user wrote it.
#[derive(Debug, Clone, PartialEq)]
pub enum Dist {
    /// A known value.
    Fixed(f64),
    /// A 90% interval: `low` is the 5th and `high` the 95th percentile.
    Interval { low: f64, high: f64, shape: Shape },
    /// Normal with the given mean and standard deviation.
    Normal { mean: f64, sd: f64 },
    /// e^X with X normal(mu, sigma).
    LogNormal { mu: f64, sigma: f64 },
    /// Uniform on [min, max].
    Uniform { min: f64, max: f64 },
    /// Triangular on [min, max] peaking at mode.
    Triangular { min: f64, mode: f64, max: f64 },
    /// Beta-PERT on [min, max] with the given mode and λ = 4.
    Pert { min: f64, mode: f64, max: f64 },
    /// Beta(alpha, beta) on [0, 1].
    Beta { alpha: f64, beta: f64 },
}

/// A parameter that makes a distribution impossible, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistError {
    /// The parameter at fault (`sd`, `max`, ...), so the message can point at it.
    pub param: &'static str,
    /// What is wrong with it.
    pub message: String,
}

/// A parameter refused: `expected` says what would be right ("a number > 0").
fn refuse(param: &'static str, expected: impl Into<String>) -> DistError {
    DistError {
        param,
        message: expected.into(),
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

fn ordered(min: f64, max: f64) -> Result<(), DistError> {
    if finite("min", min)? < finite("max", max)? {
        Ok(())
    } else {
        Err(refuse(
            "max",
            format!("max greater than min ({})", show(min)),
        ))
    }
}

fn mode_within(min: f64, mode: f64, max: f64) -> Result<(), DistError> {
    ordered(min, max)?;
    if (min..=max).contains(&finite("mode", mode)?) {
        Ok(())
    } else {
        Err(refuse(
            "mode",
            format!("mode between min ({}) and max ({})", show(min), show(max)),
        ))
    }
}

impl Dist {
    /// A known value; it must be finite.
    pub fn fixed(value: f64) -> Result<Dist, DistError> {
        Ok(Dist::Fixed(finite("value", value)?))
    }

    /// A 90% interval from `low` to `high`: lognormal when 0 < low < high, else normal, unless
    /// `shape` forces one. Lognormal needs low > 0.
    pub fn interval(low: f64, high: f64, shape: Option<Shape>) -> Result<Dist, DistError> {
        finite("low", low)?;
        finite("high", high)?;
        if low >= high {
            return Err(refuse(
                "high",
                format!("high greater than low ({})", show(low)),
            ));
        }
        let natural = Shape::natural(low);
        let shape = shape.unwrap_or(natural);
        if shape == Shape::LogNormal && low <= 0.0 {
            return Err(refuse(
                "low",
                format!("a lognormal range needs low > 0, found {low}"),
            ));
        }
        Ok(Dist::Interval { low, high, shape })
    }

    pub fn normal(mean: f64, sd: f64) -> Result<Dist, DistError> {
        Ok(Dist::Normal {
            mean: finite("mean", mean)?,
            sd: positive("sd", sd)?,
        })
    }

    pub fn lognormal(mu: f64, sigma: f64) -> Result<Dist, DistError> {
        Ok(Dist::LogNormal {
            mu: finite("mu", mu)?,
            sigma: positive("sigma", sigma)?,
        })
    }

    pub fn uniform(min: f64, max: f64) -> Result<Dist, DistError> {
        ordered(min, max)?;
        Ok(Dist::Uniform { min, max })
    }

    pub fn triangular(min: f64, mode: f64, max: f64) -> Result<Dist, DistError> {
        mode_within(min, mode, max)?;
        Ok(Dist::Triangular { min, mode, max })
    }

    pub fn pert(min: f64, mode: f64, max: f64) -> Result<Dist, DistError> {
        mode_within(min, mode, max)?;
        Ok(Dist::Pert { min, mode, max })
    }

    pub fn beta(alpha: f64, beta: f64) -> Result<Dist, DistError> {
        Ok(Dist::Beta {
            alpha: beta_shape("alpha", alpha)?,
            beta: beta_shape("beta", beta)?,
        })
    }

    /// The value when the input is known, `None` when it is uncertain.
    pub fn fixed_value(&self) -> Option<f64> {
        match self {
            Dist::Fixed(x) => Some(*x),
            _ => None,
        }
    }

    /// Whether the input is uncertain (sampled).
    pub fn is_uncertain(&self) -> bool {
        self.fixed_value().is_none()
    }

    /// The parameters of the normal behind a normal-shaped form: a 90% interval gives
    /// mean = (A+B)/2 and sd = (B−A)/(2z); for lognormal forms these are mu and sigma of ln X.
    fn normal_parameters(&self) -> Option<(Shape, f64, f64)> {
        match *self {
            Dist::Interval { low, high, shape } => Some(match shape {
                Shape::Normal => (shape, (low + high) / 2.0, (high - low) / (2.0 * Z90)),
                Shape::LogNormal => {
                    let (a, b) = (low.ln(), high.ln());
                    (shape, (a + b) / 2.0, (b - a) / (2.0 * Z90))
                }
            }),
            Dist::Normal { mean, sd } => Some((Shape::Normal, mean, sd)),
            Dist::LogNormal { mu, sigma } => Some((Shape::LogNormal, mu, sigma)),
            _ => None,
        }
    }

    /// The p-quantile of the distribution (before clamping).
    pub fn quantile(&self, p: f64) -> f64 {
        let p = p.clamp(0.0, 1.0);
        // The constructors have checked every parameter, so the statrs constructors succeed;
        // NaN would only surface for parameters they refused.
        match *self {
            Dist::Fixed(x) => x,
            Dist::Interval { .. } | Dist::Normal { .. } | Dist::LogNormal { .. } => {
                match self.normal_parameters() {
                    Some((Shape::Normal, mean, sd)) => {
                        NormalCdf::new(mean, sd).map_or(f64::NAN, |d| d.inverse_cdf(p))
                    }
                    Some((Shape::LogNormal, mu, sigma)) => {
                        LogNormalCdf::new(mu, sigma).map_or(f64::NAN, |d| d.inverse_cdf(p))
                    }
                    None => f64::NAN,
                }
            }
            Dist::Uniform { min, max } => min + (max - min) * p,
            Dist::Triangular { min, mode, max } => {
                TriangularCdf::new(min, max, mode).map_or(f64::NAN, |d| d.inverse_cdf(p))
            }
            Dist::Pert { min, mode, max } => {
                let (alpha, beta) = pert_shape(min, mode, max);
                let unit = BetaCdf::new(alpha, beta).map_or(f64::NAN, |d| d.inverse_cdf(p));
                min + (max - min) * unit
            }
            Dist::Beta { alpha, beta } => {
                BetaCdf::new(alpha, beta).map_or(f64::NAN, |d| d.inverse_cdf(p))
            }
        }
    }

    /// The smallest and largest values a sample can take.
    ///
    /// Normal draws are taken to lie within [`SUPPORT_SIGMAS`] standard deviations: beyond is
    /// a probability below 1e-300 (and rand_distr's ziggurat cannot reach past about 15).
    /// A support that reaches a domain's edge, or overflows, makes sampling clamp.
    pub fn support(&self) -> (f64, f64) {
        match *self {
            Dist::Fixed(x) => (x, x),
            Dist::Uniform { min, max }
            | Dist::Triangular { min, max, .. }
            | Dist::Pert { min, max, .. } => (min, max),
            Dist::Beta { .. } => (0.0, 1.0),
            _ => match self.normal_parameters() {
                Some((Shape::LogNormal, mu, sigma)) => (0.0, (mu + SUPPORT_SIGMAS * sigma).exp()),
                Some((Shape::Normal, mean, sd)) => {
                    (mean - SUPPORT_SIGMAS * sd, mean + SUPPORT_SIGMAS * sd)
                }
                None => (f64::NEG_INFINITY, f64::INFINITY),
            },
        }
    }

    /// A sampler for this distribution.
    pub fn sampler(&self) -> Sampler {
        match *self {
            Dist::Fixed(x) => Sampler::Fixed(x),
            Dist::Interval { .. } | Dist::Normal { .. } | Dist::LogNormal { .. } => {
                match self.normal_parameters() {
                    Some((Shape::Normal, mean, sd)) => {
                        Normal::new(mean, sd).map_or(Sampler::Fixed(f64::NAN), Sampler::Normal)
                    }
                    Some((Shape::LogNormal, mu, sigma)) => LogNormal::new(mu, sigma)
                        .map_or(Sampler::Fixed(f64::NAN), Sampler::LogNormal),
                    None => Sampler::Fixed(f64::NAN),
                }
            }
            Dist::Uniform { min, max } => Sampler::Uniform {
                min,
                width: max - min,
            },
            Dist::Triangular { min, mode, max } => Triangular::new(min, max, mode)
                .map_or(Sampler::Fixed(f64::NAN), Sampler::Triangular),
            Dist::Pert { min, mode, max } => Pert::new(min, max)
                .with_mode(mode)
                .map_or(Sampler::Fixed(f64::NAN), Sampler::Pert),
            Dist::Beta { alpha, beta } => {
                BetaSampler::new(alpha, beta).map_or(Sampler::Fixed(f64::NAN), Sampler::Beta)
            }
        }
    }
}

/// Beta-PERT's shape with λ = 4: α = 1 + 4(mode−min)/(max−min), β = 1 + 4(max−mode)/(max−min).
fn pert_shape(min: f64, mode: f64, max: f64) -> (f64, f64) {
    let range = max - min;
    (
        1.0 + 4.0 * (mode - min) / range,
        1.0 + 4.0 * (max - mode) / range,
    )
}

/// Draws values of one distribution; built once per column, used in the sampling loop.
#[derive(Debug, Clone)]
pub enum Sampler {
    Fixed(f64),
    Normal(Normal<f64>),
    LogNormal(LogNormal<f64>),
    Uniform { min: f64, width: f64 },
    Triangular(Triangular<f64>),
    Pert(Pert<f64>),
    Beta(BetaSampler<f64>),
}

impl Sampler {
    /// Fills `out` with independent draws from `rng`.
    pub fn fill<R: Rng + ?Sized>(&self, rng: &mut R, out: &mut [f64]) {
        match self {
            Sampler::Fixed(x) => out.fill(*x),
            Sampler::Normal(d) => out.iter_mut().for_each(|v| *v = d.sample(rng)),
            Sampler::LogNormal(d) => out.iter_mut().for_each(|v| *v = d.sample(rng)),
            Sampler::Uniform { min, width } => out.iter_mut().for_each(|v| {
                let unit: f64 = rand::RngExt::random(rng);
                *v = min + width * unit;
            }),
            Sampler::Triangular(d) => out.iter_mut().for_each(|v| *v = d.sample(rng)),
            Sampler::Pert(d) => out.iter_mut().for_each(|v| *v = d.sample(rng)),
            Sampler::Beta(d) => out.iter_mut().for_each(|v| *v = d.sample(rng)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_positive_range_is_lognormal_with_its_ends_at_p5_and_p95() {
        let d = Dist::interval(35e6, 70e6, None).unwrap();
        assert!(matches!(
            d,
            Dist::Interval {
                shape: Shape::LogNormal,
                ..
            }
        ));
        assert!((d.quantile(0.05) / 35e6 - 1.0).abs() < 1e-6);
        assert!((d.quantile(0.95) / 70e6 - 1.0).abs() < 1e-6);
        assert!((d.quantile(0.5) - (35e6f64 * 70e6).sqrt()).abs() < 1.0);
    }

    #[test]
    fn a_range_through_zero_is_normal() {
        let d = Dist::interval(-0.05, 0.1, None).unwrap();
        assert!(matches!(
            d,
            Dist::Interval {
                shape: Shape::Normal,
                ..
            }
        ));
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
        assert_eq!(Dist::beta(1e-300, 1e300).unwrap_err().param, "alpha");
        assert_eq!(Dist::normal(1.0, 0.0).unwrap_err().message, "sd > 0");
        assert_eq!(
            Dist::uniform(1e308, 1.0).unwrap_err().message,
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
            d.sampler().fill(&mut rng, &mut values);
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
