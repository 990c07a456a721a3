//! `skypie fit`'s maximum-likelihood fits from the outside: the closed-form estimates for
//! normal and lognormal, and each form recovered first by AIC from draws of itself.

use proptest::prelude::*;
use rand::SeedableRng;
use skypie::distribution::{Dist, Family, Form};
use skypie::fit::{fit, rank, rounded};

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
            let fits = rank(&values).unwrap().fits;
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

/// The beta's ln L at (alpha, beta), written out: Σ (α−1)·ln x + (β−1)·ln(1−x) − n·ln B(α, β).
fn beta_log_likelihood(values: &[f64], alpha: f64, beta: f64) -> f64 {
    let ln_b = statrs::function::beta::ln_beta(alpha, beta);
    values
        .iter()
        .map(|x| (alpha - 1.0) * x.ln() + (beta - 1.0) * (-x).ln_1p() - ln_b)
        .sum()
}

#[test]
fn a_beta_is_the_maximum_of_its_likelihood_up_to_the_largest_shapes_a_scenario_takes() {
    // The likelihood equations ψ(α) − ψ(α+β) = mean ln x, ψ(β) − ψ(α+β) = mean ln(1−x),
    // solved by hand (mpmath, 60 digits): one fit of spread shares, one of shares so narrow
    // that beta is 989,415, just inside the 1,000,000 a scenario accepts (docs/MODEL.md §2).
    let cases = [
        (
            vec![0.79, 0.8, 0.81, 0.805, 0.795, 0.8, 0.798],
            [3528.42839883871, 883.68242532611],
            25.8520803219298,
        ),
        (
            vec![0.000487, 0.000497, 0.000533, 0.000513, 0.000467],
            [494.36076414383, 989415.05842863],
            46.4286064383341,
        ),
        (
            vec![1e-9, 0.5, 0.6, 0.7, 0.8],
            [0.1730347167, 0.4105888604],
            11.1036950124,
        ),
    ];
    for (values, shapes, log_likelihood) in cases {
        let beta = fit(Family::Beta, &values).unwrap().unwrap();
        for (fitted, exact) in beta.params.iter().zip(shapes) {
            assert!(
                (fitted / exact - 1.0).abs() < 1e-3,
                "{:?} of {values:?}",
                beta.params
            );
        }
        assert!(
            (beta.log_likelihood - log_likelihood).abs() < 1e-6,
            "{values:?}"
        );
        let written = beta_log_likelihood(&values, beta.params[0], beta.params[1]);
        assert!((beta.log_likelihood - written).abs() < 1e-6 * written.abs().max(1.0));
    }
}

#[test]
fn a_beta_whose_likeliest_shapes_pass_a_million_is_not_fitted_rather_than_ranked_at_the_bound() {
    // Values so close together that the likeliest beta has shapes past the 1,000,000 a
    // scenario accepts (docs/MODEL.md §2): by hand (mpmath) Beta(8.0e13, 2.0e13) with ln L
    // 78.08, Beta(1.27e9, 3.18e8), Beta(627, 1.25e6). The search stopped at its bound and the
    // table ranked Beta(1e6, 1e6) (ln L −2.2M, its median at 50% for data all at 80%).
    let near = vec![0.8, 0.8000001, 0.8, 0.8, 0.8];
    let narrow: Vec<f64> = (0..30)
        .map(|i| 0.8 + 1e-5 * ((i % 7) as f64 - 3.0))
        .collect();
    let tiny_share = [
        0.0487, 0.0497, 0.0533, 0.0513, 0.0467, 0.0500, 0.0488, 0.0503, 0.0468, 0.0505, 0.0505,
        0.0532,
    ];
    let tiny_share: Vec<f64> = tiny_share.iter().map(|p| p / 100.0).collect();
    for values in [near, narrow, tiny_share] {
        let ranking = rank(&values).unwrap();
        let ranked: Vec<String> = ranking
            .fits
            .iter()
            .map(|f| format!("{} {:?}", f.family.name(), f.params))
            .collect();
        let why = ranking
            .not_fitted
            .iter()
            .find(|(form, _)| *form == Family::Beta)
            .map(|(_, why)| why.to_string());
        let why = why.unwrap_or_else(|| panic!("beta ranked: {ranked:?}"));
        assert!(why.contains("1,000,000"), "{why}");
        assert_eq!(fit(Family::Beta, &values).unwrap().map(|f| f.params), None);
    }
}

/// ln L of the triangular (min a, mode c, max b) at `values`, written out: a value below the
/// mode has density 2(x − a)/((b − a)(c − a)), one above it 2(b − x)/((b − a)(b − c)), one at
/// it 2/(b − a).
fn triangular_log_likelihood(values: &[f64], [a, c, b]: [f64; 3]) -> f64 {
    let density = |x: f64| {
        if x < c {
            2.0 * (x - a) / ((b - a) * (c - a))
        } else if x > c {
            2.0 * (b - x) / ((b - a) * (b - c))
        } else {
            2.0 / (b - a)
        }
    };
    values.iter().map(|x| density(*x).ln()).sum()
}

#[test]
fn a_triangular_is_the_likeliest_one_when_that_has_its_mode_at_the_smallest_or_largest_value() {
    // Nelder–Mead over the ends from one start stopped at a mode inside the data: on the first
    // values min 0.6557, mode 0.8106, max 1.007 (AIC −13.0, ranked 5th below beta's −13.57),
    // where min = mode = 0.7006, the smallest value, and max 1.028 give −13.83; on the second
    // mode 0.91 (AIC −5.479) where min 0.572 and mode = max = 1.05 give −5.946. The maxima,
    // by hand (Python: each value as the mode, golden sections over the ends; the other end
    // of the best, the mode at an end, by bisection on the derivative of ln L).
    let cases = [
        (
            vec![
                0.9596, 0.7006, 0.8734, 0.8033, 0.7318, 0.8106, 0.8272, 0.8909,
            ],
            [0.7006, 0.7006, 1.0280],
            [0.7006, 0.7006, 1.0278903852853425],
            9.916255174356188,
        ),
        (
            vec![0.82, 0.91, 0.77, 1.05, 0.68, 0.88, 0.95],
            [0.572, 1.05, 1.05],
            [0.5720391458371157, 1.05, 1.05],
            5.973244646745885,
        ),
    ];
    for (values, better, exact, log_likelihood) in &cases {
        let fitted = fit(Family::Triangular, values).unwrap().unwrap();
        let params: [f64; 3] = fitted.params.clone().try_into().unwrap();
        assert!(
            fitted.log_likelihood >= triangular_log_likelihood(values, *better),
            "{params:?}: ln L {} of {values:?}",
            fitted.log_likelihood
        );
        let written = triangular_log_likelihood(values, params);
        assert!((fitted.log_likelihood - written).abs() < 1e-12, "{written}");
        assert!((fitted.log_likelihood - log_likelihood).abs() < 1e-12);
        for (fitted, exact) in params.iter().zip(exact) {
            assert!((fitted - exact).abs() < 1e-12, "{params:?}");
        }
    }
    // Ranked as it is: 4th, above beta (AIC −13.57).
    let ranking = rank(&cases[0].0).unwrap();
    let forms: Vec<&str> = ranking.fits.iter().map(|f| f.family.name()).collect();
    assert_eq!(forms[3..], ["triangular", "beta"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// No triangular does better than the fitted one: not one with its mode and an end at the
    /// smallest or the largest value, nor any of a grid of ends (from 10⁻⁶ to 100 times the
    /// data's range beyond them) around any value as the mode. Values skewed either way (u^p)
    /// put the likeliest mode at an end often.
    #[test]
    fn no_triangular_is_likelier_than_the_fitted_one(
        unit in proptest::collection::vec(0.0f64..1.0, 5..13),
        power in 0.2f64..5.0,
    ) {
        let values: Vec<f64> = unit.iter().map(|u| 10.0 + u.powf(power)).collect();
        let Some(fitted) = fit(Family::Triangular, &values).unwrap() else {
            return Err(TestCaseError::reject("no spread"));
        };
        let (low, high) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), x| {
            (l.min(*x), h.max(*x))
        });
        let width = high - low;
        let beyond: Vec<f64> = (-24..=8).map(|k| width * 10f64.powf(k as f64 / 4.0)).collect();
        for &c in &values {
            let mins = beyond.iter().map(|by| low - by).chain((c == low).then_some(low));
            for a in mins {
                let maxes = beyond.iter().map(|by| high + by).chain((c == high).then_some(high));
                for b in maxes {
                    let tried = triangular_log_likelihood(&values, [a, c, b]);
                    prop_assert!(
                        fitted.log_likelihood >= tried - 1e-9,
                        "{:?} (ln L {}) below {:?} (ln L {tried}) on {values:?}",
                        fitted.params, fitted.log_likelihood, [a, c, b]
                    );
                }
            }
        }
    }
}
