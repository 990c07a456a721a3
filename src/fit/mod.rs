//! Fitting a distribution to past actuals (`skypie fit`, README "Grounding the inputs"): each
//! form that applies to the data is fitted by maximum likelihood, and the fits are ranked by
//! AIC = 2k − 2·ln L (k parameters), with the Kolmogorov–Smirnov distance beside it.
//!
//! - normal: mean and sd of the values (sd with 1/n);
//! - lognormal (all values > 0): mu and sigma of their logarithms (1/n);
//! - uniform: the smallest and the largest value;
//! - triangular: for given ends the likeliest mode is one of the values (the likelihood is
//!   convex in the mode between two values), and for each value as the mode the likelihood
//!   has one maximum over the ends (it is concave in 1/(mode − min) and 1/(max − mode)),
//!   found by Newton's method. Up to 3,000 distinct values every one is tried, so the fit is
//!   the maximum of the likelihood, its mode at the smallest or largest value (and that end
//!   there) as well as inside; on more, the smallest, the largest and the mode a Nelder–Mead
//!   search (argmin) over the ends settles on are tried, each with the values around it;
//! - beta (all values in (0, 1)): alpha and beta by Nelder–Mead on ln α, ln β, from the
//!   sufficient statistics mean ln x and mean ln(1 − x), started at the method of moments and
//!   unbounded; not fitted when its likeliest shapes are outside those a scenario accepts
//!   (docs/MODEL.md §2: 0.001 to 1,000,000), as on values all within 10⁻⁵ of 0.8.
//!
//! A fit is ranked only when floating point can compute it honestly: finite parameters and
//! ln L, and a cumulative distribution inside [0, 1] at every value (values such as 1e300 or
//! 1e-300 overflow or underflow a form's formulas, and a NaN would pass for a KS of 0).

pub mod column;
mod search;

use serde::Serialize;

use crate::distribution::{Dist, Family};
use crate::scenario::number::{Toward, round_significant, round_significant_toward};

/// Fewer values than this say too little to choose a form.
pub const MIN_VALUES: usize = 5;

/// The forms `skypie fit` tries, in the order ties are listed.
pub const FORMS: [Family; 5] = [
    Family::Normal,
    Family::LogNormal,
    Family::Uniform,
    Family::Triangular,
    Family::Beta,
];

/// One form fitted to the data.
#[derive(Debug, Clone)]
pub struct Fit {
    /// The form.
    pub family: Family,
    /// Its maximum-likelihood parameters, in [`Family::params`] order.
    pub params: Vec<f64>,
    /// ln L at those parameters.
    pub log_likelihood: f64,
    /// 2k − 2·ln L: lower is better.
    pub aic: f64,
    /// The Kolmogorov–Smirnov distance: the largest gap between the fitted and the data's
    /// cumulative distribution.
    pub ks: f64,
    /// The fitted distribution.
    pub dist: Dist,
}

/// Why a set of values cannot be fitted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FitError {
    /// Fewer than [`MIN_VALUES`] values.
    #[error("{n} {noun}; fitting needs at least {MIN_VALUES}", n = .0, noun = values(*.0))]
    TooFew(usize),
    /// A value that is not a finite number.
    #[error("a value that is not a finite number ({0})")]
    NotFinite(f64),
    /// Every value is the same (as the data writes it, where the caller knows: `80%`, not
    /// `0.8`): no spread to fit.
    #[error("every value is {0}: there is no spread to fit (write it as a fixed value)")]
    NoSpread(String),
}

/// "value" or "values", for a count of `n`.
fn values(n: usize) -> &'static str {
    if n == 1 { "value" } else { "values" }
}

/// Why a form is left out of the ranking of values that can be fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NotFitted {
    /// A lognormal and a value at or below 0.
    #[error("needs every value above 0")]
    NeedsPositive,
    /// A beta and a value outside (0, 1).
    #[error("needs every value inside (0, 1)")]
    NeedsUnitInterval,
    /// The fit or its KS distance overflows or underflows floating point at these values.
    #[error("the values are too extreme to fit it")]
    TooExtreme,
    /// A beta whose likeliest shapes pass the largest a scenario accepts (docs/MODEL.md §2):
    /// values so close together that only a spike fits them.
    #[error(
        "the values lie too close together for it: its likeliest shapes pass 1,000,000, the \
         most a scenario accepts; a beta so narrow is all but a normal"
    )]
    TooConcentrated,
    /// A beta whose likeliest shapes fall below the smallest a scenario accepts
    /// (docs/MODEL.md §2): values crowded against 0 or 1.
    #[error(
        "the values crowd 0 or 1 too closely for it: its likeliest shapes fall below 0.001, \
         the least a scenario accepts"
    )]
    PiledAtTheEnds,
    /// The search for the likeliest parameters stopped without an answer.
    #[error("the fit failed")]
    Failed,
}

/// The forms fitted to a set of values, best first by AIC, and those left out with why.
#[derive(Debug, Clone)]
pub struct Ranking {
    /// The fits, best (lowest AIC) first.
    pub fits: Vec<Fit>,
    /// The forms of [`FORMS`] not fitted, in that order, and why.
    pub not_fitted: Vec<(Family, NotFitted)>,
}

/// Every form of [`FORMS`] fitted to `values` and ranked best first by AIC, or why not.
pub fn rank(values: &[f64]) -> Result<Ranking, FitError> {
    let sorted = checked(values)?;
    let (mut fits, mut not_fitted) = (Vec::new(), Vec::new());
    for family in FORMS {
        match fit_sorted(family, &sorted) {
            Ok(fit) => fits.push(fit),
            Err(why) => not_fitted.push((family, why)),
        }
    }
    fits.sort_by(|a, b| a.aic.total_cmp(&b.aic));
    Ok(Ranking { fits, not_fitted })
}

/// Forms whose AIC is within this of the best one's fit the data about as well (Burnham and
/// Anderson's rule of thumb: a difference up to 2 is substantial support for both).
pub const CLOSE_AIC: f64 = 2.0;

/// Below this many values a uniform ranked first deserves a warning: its range is the data's
/// own lowest and highest value, and few values rarely reach the true ends.
pub const FEW_VALUES: usize = 30;

/// What a person should know before trusting a ranking of `n` values (`fits` best first):
/// the forms the data hardly tell apart from the best, and a uniform ranked first on few values.
pub fn caveats(n: usize, fits: &[Fit]) -> Vec<String> {
    let Some(best) = fits.first() else {
        return Vec::new();
    };
    let mut caveats = Vec::new();
    let close: Vec<&str> = fits[1..]
        .iter()
        .filter(|f| f.aic - best.aic <= CLOSE_AIC)
        .map(|f| f.family.name())
        .collect();
    if let Some((last, more)) = close.split_last() {
        let forms = if more.is_empty() {
            format!("{last} is")
        } else {
            format!("{} and {last} are", more.join(", "))
        };
        caveats.push(format!(
            "{forms} within {CLOSE_AIC} of {}'s AIC: the data hardly tell them apart (the KS \
             column, and what you know of the input, can).",
            best.family.name(),
        ));
    }
    if best.family == Family::Uniform && n < FEW_VALUES {
        caveats.push(format!(
            "Only {n} values, and the uniform's range is their own lowest and highest: it gives \
             nothing outside them a chance. A form with tails is the more cautious choice."
        ));
    }
    caveats
}

/// `family` fitted to `values`; `Ok(None)` when it is not fitted (a lognormal needs every
/// value above 0, a beta every value inside (0, 1) and likeliest shapes a scenario accepts;
/// [`rank`] says why).
pub fn fit(family: Family, values: &[f64]) -> Result<Option<Fit>, FitError> {
    Ok(fit_sorted(family, &checked(values)?).ok())
}

/// The values sorted, or why they cannot be fitted.
fn checked(values: &[f64]) -> Result<Vec<f64>, FitError> {
    if values.len() < MIN_VALUES {
        return Err(FitError::TooFew(values.len()));
    }
    if let Some(bad) = values.iter().find(|v| !v.is_finite()) {
        return Err(FitError::NotFinite(*bad));
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    if sorted[0] == sorted[sorted.len() - 1] {
        return Err(FitError::NoSpread(sorted[0].to_string()));
    }
    Ok(sorted)
}

/// `family` fitted to sorted values, or why not.
fn fit_sorted(family: Family, sorted: &[f64]) -> Result<Fit, NotFitted> {
    let (params, log_likelihood) = match family {
        Family::Normal => normal(sorted),
        Family::LogNormal => lognormal(sorted)?,
        Family::Uniform => uniform(sorted),
        Family::Triangular => search::triangular(sorted)?,
        Family::Beta => search::beta(sorted)?,
        Family::Pert => return Err(NotFitted::Failed),
    };
    if !log_likelihood.is_finite() || params.iter().any(|p| !p.is_finite()) {
        return Err(NotFitted::TooExtreme);
    }
    let dist = family.build(&params).map_err(|_| NotFitted::TooExtreme)?;
    let cdf: Vec<f64> = sorted.iter().map(|x| dist.cdf(*x)).collect();
    if !cdf.iter().all(|f| (0.0..=1.0).contains(f)) {
        return Err(NotFitted::TooExtreme);
    }
    let k = params.len() as f64;
    Ok(Fit {
        family,
        ks: ks_of(&cdf),
        aic: 2.0 * k - 2.0 * log_likelihood,
        params,
        log_likelihood,
        dist,
    })
}

/// The mean and the standard deviation with 1/n (the maximum-likelihood estimates).
fn mean_sd(values: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let n = values.clone().count() as f64;
    let mean = values.clone().sum::<f64>() / n;
    let variance = values.map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
    (mean, variance.sqrt())
}

/// ln L of n normal values at their MLE: −n/2 · (ln(2π·sd²) + 1).
fn normal_log_likelihood(n: f64, sd: f64) -> f64 {
    -n / 2.0 * ((2.0 * std::f64::consts::PI * sd * sd).ln() + 1.0)
}

fn normal(sorted: &[f64]) -> (Vec<f64>, f64) {
    let (mean, sd) = mean_sd(sorted.iter().copied());
    let n = sorted.len() as f64;
    (vec![mean, sd], normal_log_likelihood(n, sd))
}

/// The logs' normal fit; ln L is the normal's less Σ ln x (the Jacobian of x = e^y).
fn lognormal(sorted: &[f64]) -> Result<(Vec<f64>, f64), NotFitted> {
    if sorted[0] <= 0.0 {
        return Err(NotFitted::NeedsPositive);
    }
    let logs = sorted.iter().map(|x| x.ln());
    let (mu, sigma) = mean_sd(logs.clone());
    let n = sorted.len() as f64;
    let log_likelihood = normal_log_likelihood(n, sigma) - logs.sum::<f64>();
    Ok((vec![mu, sigma], log_likelihood))
}

/// min and max of the values; ln L = −n·ln(max − min).
fn uniform(sorted: &[f64]) -> (Vec<f64>, f64) {
    let (min, max) = (sorted[0], sorted[sorted.len() - 1]);
    let n = sorted.len() as f64;
    (vec![min, max], -n * (max - min).ln())
}

/// The Kolmogorov–Smirnov distance of sorted values from `dist`: max over i of
/// max(F(x₍ᵢ₎) − i/n, (i+1)/n − F(x₍ᵢ₎)).
pub fn ks_distance(sorted: &[f64], dist: &Dist) -> f64 {
    let cdf: Vec<f64> = sorted.iter().map(|x| dist.cdf(*x)).collect();
    ks_of(&cdf)
}

/// The Kolmogorov–Smirnov distance from F(x₍ᵢ₎), the fitted cumulative distribution at the
/// sorted values.
fn ks_of(cdf: &[f64]) -> f64 {
    let n = cdf.len() as f64;
    cdf.iter()
        .enumerate()
        .map(|(i, f)| (f - i as f64 / n).max((i + 1) as f64 / n - f))
        .fold(0.0, f64::max)
}

/// A fit as JSON shows it: `{form, params, aic, ks, value}`.
#[derive(Debug, Serialize)]
pub struct FitRecord {
    /// The form's name in a scenario (`lognormal`).
    pub form: &'static str,
    /// The parameters by the names a scenario gives them (`mu`, `sigma`), in that order.
    pub params: Params,
    pub aic: f64,
    pub ks: f64,
    /// The value as it would be written in a scenario.
    pub value: String,
}

impl FitRecord {
    /// The record of `fit`, whose value is written as `value`.
    pub fn of(fit: &Fit, value: String) -> FitRecord {
        FitRecord {
            form: fit.family.name(),
            params: Params(
                fit.family
                    .params()
                    .iter()
                    .copied()
                    .zip(fit.params.clone())
                    .collect(),
            ),
            aic: fit.aic,
            ks: fit.ks,
            value,
        }
    }
}

/// Named parameters, shown as a JSON object in [`Family::params`] order.
#[derive(Debug, Clone, PartialEq)]
pub struct Params(pub Vec<(&'static str, f64)>);

impl Serialize for Params {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, x) in &self.0 {
            map.serialize_entry(name, x)?;
        }
        map.end()
    }
}

/// The fitted distribution as a person would write it: its parameters rounded to
/// `digits` significant digits (lognormal's mu, a logarithm, to two more), or exactly when
/// rounding would make them invalid. The ends of a form with bounded support (uniform,
/// triangular, PERT) are rounded outward, `min` down and `max` up: rounded to the nearest, an
/// end could leave out a value the fit was made from, which a uniform then gives no chance at
/// all. A mode, rounded to the nearest, stays between them (rounding keeps order).
pub fn rounded(fit: &Fit, digits: usize) -> Dist {
    let bounded = fit.family.has_bounds();
    let params: Vec<f64> = fit
        .params
        .iter()
        .zip(fit.family.params())
        .map(|(x, name)| match (fit.family, *name) {
            (Family::LogNormal, "mu") => round_significant(*x, digits + 2),
            (_, "min") if bounded => round_significant_toward(*x, digits, Toward::Down),
            (_, "max") if bounded => round_significant_toward(*x, digits, Toward::Up),
            _ => round_significant(*x, digits),
        })
        .collect();
    fit.family
        .build(&params)
        .unwrap_or_else(|_| fit.dist.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATA: [f64; 8] = [0.62, 0.71, 0.55, 0.93, 0.78, 0.84, 0.69, 0.74];

    /// A fit of `family` with `aic`, for the caveats (no other field is read).
    fn ranked(family: Family, aic: f64) -> Fit {
        Fit {
            family,
            params: Vec::new(),
            log_likelihood: f64::NAN,
            aic,
            ks: f64::NAN,
            dist: Dist::default(),
        }
    }

    #[test]
    fn the_ks_distance_is_the_largest_gap_on_either_side_of_each_step() {
        // Against a uniform on [0, 1], five values with a gap above 0.3: the data's CDF is 0.8
        // just below 1, the law's 0.3 just above 0.3, a gap of 0.5 that only the side after
        // each step shows (the side before reads 0.2).
        let uniform = Dist::uniform(0.0, 1.0).unwrap();
        assert_eq!(ks_distance(&[0.0, 0.1, 0.2, 0.3, 1.0], &uniform), 0.5);
        assert!((ks_distance(&[0.5, 0.6, 0.7, 0.8, 0.9], &uniform) - 0.5).abs() < 1e-15);
    }

    #[test]
    fn a_lognormals_mu_keeps_two_more_digits_than_the_rest() {
        // mu is a logarithm: at four digits a median near 50M (mu = 17.7285) moves 0.15%.
        let fit = Fit {
            family: Family::LogNormal,
            params: vec![17.728_512_3, 0.213_456],
            ..ranked(Family::LogNormal, 0.0)
        };
        let written = rounded(&fit, 4);
        let (_, mu, sigma) = written.normal_parameters().unwrap();
        assert_eq!((mu, sigma), (17.7285, 0.2135));
    }

    #[test]
    fn caveats_name_the_forms_within_two_of_the_best_aic_and_a_uniform_first_on_few_values() {
        let fits = [
            ranked(Family::Uniform, -8.0),
            ranked(Family::Normal, -6.0),
            ranked(Family::LogNormal, -5.9),
        ];
        let said = caveats(29, &fits);
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(
            said[0].starts_with("normal is within 2 of uniform's AIC"),
            "{said:?}"
        );
        assert!(said[1].starts_with("Only 29 values"), "{said:?}");
        assert_eq!(caveats(30, &fits).len(), 1, "30 values are not few");
        let fits = [
            ranked(Family::LogNormal, -28.8),
            ranked(Family::Normal, -28.7),
            ranked(Family::Triangular, -26.8),
            ranked(Family::Uniform, -21.9),
        ];
        let said = caveats(28, &fits);
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].starts_with("normal and triangular are within 2 of lognormal's AIC"));
        assert!(caveats(28, &fits[2..]).is_empty(), "6.9 apart is not close");
        assert!(caveats(5, &[]).is_empty());
    }

    #[test]
    fn normal_and_lognormal_are_the_closed_form_estimates() {
        let fits = rank(&DATA).unwrap().fits;
        let normal = fits.iter().find(|f| f.family == Family::Normal).unwrap();
        let n = DATA.len() as f64;
        let mean = DATA.iter().sum::<f64>() / n;
        let sd = (DATA.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
        assert!((normal.params[0] - mean).abs() < 1e-12);
        assert!((normal.params[1] - sd).abs() < 1e-12);
        let lognormal = fits.iter().find(|f| f.family == Family::LogNormal).unwrap();
        let mu = DATA.iter().map(|x| x.ln()).sum::<f64>() / n;
        assert!((lognormal.params[0] - mu).abs() < 1e-12);
    }

    #[test]
    fn forms_that_do_not_apply_are_left_out() {
        let values = [-1.0, 0.5, 2.0, 3.0, 4.5];
        let forms: Vec<Family> = rank(&values)
            .unwrap()
            .fits
            .iter()
            .map(|f| f.family)
            .collect();
        assert!(!forms.contains(&Family::LogNormal));
        assert!(!forms.contains(&Family::Beta));
        assert!(forms.contains(&Family::Triangular));
    }

    #[test]
    fn too_few_or_identical_values_are_refused() {
        assert_eq!(rank(&[1.0, 2.0]).unwrap_err(), FitError::TooFew(2));
        // It said "1 values".
        let one = rank(&[1.0]).unwrap_err().to_string();
        assert_eq!(one, "1 value; fitting needs at least 5");
        assert_eq!(rank(&[3.0; 6]).unwrap_err(), FitError::NoSpread("3".into()));
    }

    #[test]
    fn a_form_too_extreme_for_floating_point_is_not_ranked() {
        let ranking = rank(&[1.0, 2.0, 3.0, 4.0, 1e300]).unwrap();
        assert!(
            ranking
                .not_fitted
                .contains(&(Family::Triangular, NotFitted::TooExtreme)),
            "{:?}",
            ranking.not_fitted
        );
        assert!(ranking.fits.iter().all(|f| f.aic.is_finite()
            && f.ks > 0.0
            && f.ks <= 1.0
            && f.params.iter().all(|p| p.is_finite())));
        let tiny = [1e-300, 2e-300, 3e-300, 4e-300, 5e-300];
        let ranking = rank(&tiny).unwrap();
        assert!(
            ranking
                .not_fitted
                .contains(&(Family::Beta, NotFitted::TooExtreme)),
            "{:?}",
            ranking.not_fitted
        );
        assert_eq!(fit(Family::Beta, &tiny).unwrap().map(|f| f.params), None);
        let ordinary = rank(&DATA).unwrap();
        assert_eq!(
            ordinary.fits.len(),
            FORMS.len(),
            "{:?}",
            ordinary.not_fitted
        );
    }

    #[test]
    fn an_end_rounded_outward_moves_only_away_from_the_values_and_keeps_its_digits() {
        assert_eq!(round_significant_toward(1.23456, 4, Toward::Down), 1.234);
        assert_eq!(round_significant_toward(13334.0, 4, Toward::Up), 13340.0);
        assert_eq!(round_significant_toward(0.99996, 4, Toward::Down), 0.9999);
        assert_eq!(round_significant_toward(9999.6, 4, Toward::Up), 10000.0);
        assert_eq!(round_significant_toward(-1.23456, 4, Toward::Down), -1.235);
        assert_eq!(round_significant_toward(-1.23456, 4, Toward::Up), -1.234);
        // A number already at four digits, or 0, stays as it is.
        for x in [0.5, 1.13, -250.0, 0.0] {
            assert_eq!(round_significant_toward(x, 4, Toward::Down), x);
            assert_eq!(round_significant_toward(x, 4, Toward::Up), x);
        }
    }

    #[test]
    fn the_ks_distance_of_a_perfect_grid_is_one_step() {
        let uniform = Dist::uniform(0.0, 1.0).unwrap();
        let grid: Vec<f64> = (0..10).map(|i| (i as f64 + 0.5) / 10.0).collect();
        assert!((ks_distance(&grid, &uniform) - 0.05).abs() < 1e-12);
    }
}
