//! The distribution families a scenario can name in `dist = "…"`, in one table: the name in
//! the file, the parameters in order, and how to build one. Parsing and `skypie fit` read this
//! table; display (`scenario/value.rs`), nudging (`scenario/nudge.rs`), the law itself
//! (`distribution/mod.rs`) and the sampler's recipes (`model/sampling.rs`) match on the family,
//! each naming every one, so a new family is a compile error in each place it needs a word.

use super::{Dist, DistError, Expected};

/// A named family of distributions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// Normal(mean, sd).
    Normal,
    /// e^X with X normal(mu, sigma).
    LogNormal,
    /// Uniform on [min, max].
    Uniform,
    /// Triangular on [min, max] peaking at mode.
    Triangular,
    /// Beta-PERT on [min, max] with the given mode and λ = 4.
    Pert,
    /// Beta(alpha, beta) on [0, 1].
    Beta,
}

impl Family {
    /// Whether its parameters name the ends of its support, `min` and `max` (uniform,
    /// triangular, PERT): a fit rounds them outward, so that no fitted value falls outside.
    pub fn has_bounds(self) -> bool {
        match self {
            Family::Uniform | Family::Triangular | Family::Pert => true,
            Family::Normal | Family::LogNormal | Family::Beta => false,
        }
    }

    /// Every family, in the order help and errors list them.
    pub const ALL: [Family; 6] = [
        Family::Normal,
        Family::LogNormal,
        Family::Uniform,
        Family::Triangular,
        Family::Pert,
        Family::Beta,
    ];

    /// The name a file writes in `dist = "…"`.
    pub fn name(self) -> &'static str {
        match self {
            Family::Normal => "normal",
            Family::LogNormal => "lognormal",
            Family::Uniform => "uniform",
            Family::Triangular => "triangular",
            Family::Pert => "pert",
            Family::Beta => "beta",
        }
    }

    /// The family a file names, if it is one.
    pub fn from_name(name: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The parameters a table of this family holds, in the order [`Family::build`] takes them.
    pub fn params(self) -> &'static [&'static str] {
        match self {
            Family::Normal => &["mean", "sd"],
            Family::LogNormal => &["mu", "sigma"],
            Family::Uniform => &["min", "max"],
            Family::Triangular | Family::Pert => &["min", "mode", "max"],
            Family::Beta => &["alpha", "beta"],
        }
    }

    /// Whether the parameters are amounts in the input's own unit (`"3M"`, `"12%"`), as opposed
    /// to shapes on another scale (lognormal's mu and sigma of ln X, beta's alpha and beta).
    pub fn params_in_input_units(self) -> bool {
        !matches!(self, Family::LogNormal | Family::Beta)
    }

    /// A distribution of this family from its parameters in [`Family::params`] order; the
    /// constructors check them, so nothing built here can sample NaN.
    pub fn build(self, values: &[f64]) -> Result<Dist, DistError> {
        let arity = self.params().len();
        if values.len() != arity {
            return Err(DistError {
                param: self.params()[values.len().min(arity - 1)],
                expected: Expected::Words(format!(
                    "{arity} parameters for a {} distribution",
                    self.name()
                )),
            });
        }
        match (self, values) {
            (Family::Normal, &[mean, sd]) => Dist::normal(mean, sd),
            (Family::LogNormal, &[mu, sigma]) => Dist::lognormal(mu, sigma),
            (Family::Uniform, &[min, max]) => Dist::uniform(min, max),
            (Family::Triangular, &[min, mode, max]) => Dist::triangular(min, mode, max),
            (Family::Pert, &[min, mode, max]) => Dist::pert(min, mode, max),
            (Family::Beta, &[alpha, beta]) => Dist::beta(alpha, beta),
            _ => unreachable!("the arity was checked against params()"),
        }
    }
}

/// A table's parameter by its place in [`Family::params`]: NaN past the end, which every
/// constructor refuses, so a checked table has them all.
pub fn param(params: &[f64], place: usize) -> f64 {
    params.get(place).copied().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_builds_from_its_own_parameters_and_round_trips() {
        let values = |f: Family| match f {
            Family::Beta => vec![2.0, 3.0],
            Family::LogNormal => vec![1.0, 0.5],
            _ if f.params().len() == 2 => vec![1.0, 2.0],
            _ => vec![1.0, 1.5, 2.0],
        };
        for family in Family::ALL {
            assert_eq!(Family::from_name(family.name()), Some(family));
            let dist = family.build(&values(family)).unwrap();
            assert_eq!(dist.table_form(), Some((family, values(family).as_slice())));
        }
        assert_eq!(Family::from_name("gamma"), None);
    }

    #[test]
    fn a_wrong_number_of_parameters_is_refused_not_a_panic() {
        assert!(Family::Normal.build(&[1.0]).is_err());
        assert!(Family::Pert.build(&[1.0, 2.0, 3.0, 4.0]).is_err());
    }
}
