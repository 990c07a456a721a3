//! `skypie fit`'s maximum-likelihood fits from the outside: the closed-form estimates for
//! normal and lognormal, and each form recovered first by AIC from draws of itself.

use proptest::prelude::*;
use rand::SeedableRng;
use skypie::distribution::{Dist, Family, Form};
use skypie::fit::{fit, fit_all, rounded};

/// `n` draws of `dist` from a seeded stream.
fn draws(dist: &Dist, n: usize, seed: u64) -> Vec<f64> {
    let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut values = vec![0.0; n];
    dist.fill(&mut rng, &mut values);
    values
}

#[test]
fn normal_parameters_are_the_sample_mean_and_the_1_over_n_deviation() {
    let values = draws(&Dist::normal(-3.0, 2.5).unwrap(), 997, 1);
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let sd = (values.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
    let normal = fit(Family::Normal, &values).unwrap().unwrap();
    assert!((normal.params[0] - mean).abs() <= 1e-9 * mean.abs());
    assert!((normal.params[1] - sd).abs() <= 1e-9 * sd);
    let expected = -n / 2.0 * ((2.0 * std::f64::consts::PI * sd * sd).ln() + 1.0);
    assert!((normal.log_likelihood - expected).abs() <= 1e-9 * expected.abs());
    assert!((normal.aic - (4.0 - 2.0 * expected)).abs() <= 1e-9 * normal.aic.abs());
}

#[test]
fn lognormal_parameters_are_the_mean_and_deviation_of_the_logs() {
    let values = draws(&Dist::lognormal(13.5, 0.4).unwrap(), 1001, 2);
    let n = values.len() as f64;
    let logs: Vec<f64> = values.iter().map(|x| x.ln()).collect();
    let mu = logs.iter().sum::<f64>() / n;
    let sigma = (logs.iter().map(|y| (y - mu).powi(2)).sum::<f64>() / n).sqrt();
    let lognormal = fit(Family::LogNormal, &values).unwrap().unwrap();
    assert!((lognormal.params[0] - mu).abs() <= 1e-9 * mu.abs());
    assert!((lognormal.params[1] - sigma).abs() <= 1e-9 * sigma);
    let expected = -n / 2.0 * ((2.0 * std::f64::consts::PI * sigma * sigma).ln() + 1.0)
        - logs.iter().sum::<f64>();
    assert!((lognormal.log_likelihood - expected).abs() <= 1e-9 * expected.abs());
}

/// A distribution of `family` with parameters drawn from `unit` values in [0, 1), chosen so
/// the form is identifiable from 10,000 draws: values below 0 for a normal (so a lognormal
/// does not apply), ranges reaching outside (0, 1) for uniform and triangular (so a beta does
/// not), skew for a lognormal, shapes away from 1 for a beta (Beta(1, 1) is the uniform).
fn known(family: Family, u: [f64; 3]) -> Dist {
    match family {
        Family::Normal => Dist::normal(-2.0 + 4.0 * u[0], 1.0 + 4.0 * u[1]),
        Family::LogNormal => Dist::lognormal(-1.0 + 4.0 * u[0], 0.3 + 0.7 * u[1]),
        Family::Uniform => Dist::uniform(-5.0 + 10.0 * u[0], 6.0 + 10.0 * u[0] + 9.0 * u[1]),
        Family::Triangular => {
            let (min, width) = (-5.0 + 10.0 * u[0], 1.0 + 9.0 * u[1]);
            Dist::triangular(min, min + width * (0.1 + 0.8 * u[2]), min + width)
        }
        _ => Dist::beta(2.0 + 4.0 * u[0], 2.0 + 4.0 * u[1]),
    }
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10))]

    #[test]
    fn fitting_ten_thousand_draws_of_each_form_recovers_it_first_by_aic(
        u in proptest::array::uniform3(0.0f64..1.0),
        seed in 0u64..1_000_000,
    ) {
        for family in skypie::fit::FORMS {
            let values = draws(&known(family, u), 10_000, seed);
            let fits = fit_all(&values).unwrap();
            let ranking: Vec<String> = fits
                .iter()
                .map(|f| format!("{} {:.1}", f.family.name(), f.aic))
                .collect();
            prop_assert_eq!(fits[0].family, family, "{:?}", ranking);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// However many digits the values have, and at whatever scale, the uniform and the
    /// triangular as a scenario would write them (four significant digits) reach every value
    /// they were fitted to, and the mode stays between the ends.
    #[test]
    fn a_bounded_fit_rounded_as_written_holds_every_value(
        digits in proptest::collection::vec(-99_999_999i64..99_999_999, 5..30),
        scale in -12i32..12,
    ) {
        let values: Vec<f64> = digits
            .iter()
            .map(|d| format!("{d}e{scale}").parse().unwrap())
            .collect();
        let lowest = values.iter().copied().fold(f64::INFINITY, f64::min);
        let highest = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        prop_assume!(lowest < highest);
        for family in [Family::Uniform, Family::Triangular] {
            let Some(fitted) = fit(family, &values).unwrap() else {
                continue;
            };
            let written = rounded(&fitted, 4);
            let Form::Table { family: shape, params } = written.form() else {
                panic!("{written:?}");
            };
            prop_assert_eq!(*shape, family);
            let (min, max) = (params[0], params[params.len() - 1]);
            prop_assert!(min <= lowest && highest <= max, "{:?} of {:?}", params, values);
            prop_assert!(params.iter().all(|x| (min..=max).contains(x)), "{:?}", params);
        }
    }
}
