//! Correlated inputs (docs/MODEL.md §11): a Gaussian copula by inverse-CDF sampling. Each
//! correlated input draws independent standard normals from its own stream (the same stream
//! and chunking as an uncorrelated input, so the numbers are the same for any thread count);
//! per sample the normals are correlated by a factor A of the normal-score correlation matrix
//! (A·Aᵀ = R, r = 2·sin(π·ρ/6)), and each correlated normal z becomes the input's value
//! Q(Φ(z)) through its own quantile function, so every input keeps its marginal exactly.
//! Inputs without correlations never come here and keep their own samplers. In long runs a PERT
//! or beta member reads Q(Φ(z)) from a score table's nodes ([`Copula::for_run`]).

use crate::distribution::ScoreTable;
use crate::scenario::correlation::{factor, normal_score_matrix};
use crate::scenario::{Field, Scenario};

/// One correlated input.
#[derive(Debug, Clone)]
struct Member {
    field: Field,
    /// Its law's values at scores (exact, or from nodes in a long run).
    values: ScoreTable,
}

/// The correlated inputs of a scenario and the factor that correlates their normals.
#[derive(Debug, Clone)]
pub struct Copula {
    /// The inputs in at least one correlation with another sampled input, in field order.
    members: Vec<Member>,
    /// A, row-major k×k, with A·Aᵀ the normal-score correlation matrix of the members.
    factor: Vec<f64>,
}

impl Copula {
    /// The copula of the correlations `scenario` applies (between two sampled inputs); `None`
    /// when there are none. The scenario's correlations were checked when it was read (or
    /// set), so the matrix is positive semi-definite.
    pub fn of(scenario: &Scenario) -> Option<Copula> {
        let correlations = scenario.effective_correlations();
        let fields = crate::scenario::correlation::inputs(&correlations);
        if fields.is_empty() {
            return None;
        }
        let matrix = normal_score_matrix(&fields, &correlations);
        let members = fields
            .iter()
            .map(|&field| Member {
                field,
                values: ScoreTable::exact(scenario.dist(field)),
            })
            .collect();
        Some(Copula {
            members,
            factor: factor(&matrix),
        })
    }

    /// The copula as a run of `samples` samples reads it: each member's values from
    /// [`ScoreTable::for_run`] (nodes for PERT and beta in long runs, whose values are within
    /// `ScoreTable::TOLERANCE` of the exact quantile).
    pub fn for_run(mut self, samples: usize) -> Copula {
        for member in &mut self.members {
            member.values = ScoreTable::for_run(member.values.dist(), samples);
        }
        self
    }

    /// The correlated inputs, in field order (the order of [`Copula::values`]' slices).
    pub fn fields(&self) -> impl Iterator<Item = Field> + '_ {
        self.members.iter().map(|m| m.field)
    }

    /// One sample: the members' independent standard normals `z` become their values, before
    /// clamping, in `out`: x_i = Q_i(Φ((A·z)_i)).
    #[inline]
    pub fn values(&self, z: &[f64], out: &mut [f64]) {
        let k = self.members.len();
        for (i, (member, x)) in self.members.iter().zip(out.iter_mut()).enumerate() {
            let row = &self.factor[i * k..(i + 1) * k];
            let correlated: f64 = row.iter().zip(z).map(|(a, z)| a * z).sum();
            *x = member.values.at(correlated);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::distribution::TABLE_FROM;
    use crate::model::draws::{Column, Draws};

    fn scenario(correlations: &str) -> Scenario {
        let text = format!(
            "horizon_days = 365\n[target]\nrevenue = \"3M\"\n[market]\nsize = \"35M to 70M\"\n\
             growth = \"5% to 20%\"\nserviceable = {{ dist = \"beta\", alpha = 8, beta = 2 }}\n\
             [share]\ncurrent = {{ dist = \"pert\", min = 0.01, mode = 0.03, max = 0.08 }}\n\
             gain_per_year = \"1% to 6%\"\n[run]\nsamples = 20000\n{correlations}"
        );
        Scenario::parse(&text, "test").unwrap()
    }

    const PAIRS: &str = "[correlation]\n\"market.size ~ market.growth\" = -0.5\n\
                         \"market.serviceable ~ share.current\" = 0.6\n";

    #[test]
    fn inputs_outside_the_correlations_keep_their_draws_bit_for_bit() {
        let alone = Draws::sample(&scenario(""));
        let correlated = Draws::sample(&scenario(PAIRS));
        assert_eq!(
            alone.column(Field::ShareGainPerYear),
            correlated.column(Field::ShareGainPerYear)
        );
        // A correlated input is drawn another way (its quantile at a correlated normal).
        let changed = alone.column(Field::ShareCurrent) != correlated.column(Field::ShareCurrent);
        assert!(changed);
    }

    #[test]
    fn each_correlated_input_keeps_its_own_marginal() {
        let s = scenario(PAIRS);
        let draws = Draws::sample(&s);
        for field in [
            Field::MarketSize,
            Field::MarketServiceable,
            Field::ShareCurrent,
        ] {
            let Column::Sampled(values) = draws.column(field) else {
                panic!("{field:?} is sampled")
            };
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            let dist = s.dist(field);
            let n = sorted.len() as f64;
            let ks = sorted
                .iter()
                .enumerate()
                .map(|(i, x)| (dist.cdf(*x) - i as f64 / n).abs())
                .fold(0.0, f64::max);
            // The Kolmogorov–Smirnov 0.1% critical value at n = 20,000 is 1.95/√n = 0.0138.
            assert!(ks < 0.0138, "{field:?}: KS {ks}");
        }
    }

    // A tabulated copula gives its PERT and beta members their values from score tables, each
    // within the tables' tolerance of the exact quantile at the member's own correlated score
    // (fails if a table is read at the wrong score or belongs to another member), and leaves
    // the other members' values exact to the bit.
    #[test]
    fn tabulated_members_keep_their_values_to_the_tables_tolerance() {
        let s = scenario(PAIRS);
        let exact = Copula::of(&s).unwrap();
        let tabulated = exact.clone().for_run(TABLE_FROM);
        let fields: Vec<Field> = exact.fields().collect();
        let k = fields.len();
        let (mut a, mut b) = (vec![0.0; k], vec![0.0; k]);
        for i in 0..20_000 {
            // Scores spread over ±4 in every coordinate: Weyl sequences, i·α_j mod 1, with a
            // different irrational α_j per coordinate, so no two score vectors repeat.
            let z: Vec<f64> = (0..k)
                .map(|j| {
                    let alpha = (2.0 + j as f64).sqrt();
                    4.0 * (2.0 * (i as f64 * alpha).fract() - 1.0)
                })
                .collect();
            exact.values(&z, &mut a);
            tabulated.values(&z, &mut b);
            for (j, field) in fields.iter().enumerate() {
                let dist = s.dist(*field);
                if dist.quantile_is_iterative() {
                    let (low, high) = dist.support();
                    let bar = 2.0 * ScoreTable::TOLERANCE * (high - low);
                    assert!(
                        (a[j] - b[j]).abs() <= bar,
                        "{field:?}: {} vs {}",
                        b[j],
                        a[j]
                    );
                } else {
                    assert_eq!(a[j], b[j], "{field:?}");
                }
            }
        }
        let iterative = fields
            .iter()
            .filter(|f| s.dist(**f).quantile_is_iterative());
        assert_eq!(
            iterative.count(),
            2,
            "the PERT share and the beta serviceable part"
        );
    }

    // A run's sampler tabulates its copula from `TABLE_FROM` samples on: the same streams (one
    // chunk either way) give the correlated PERT share values that differ from the exact ones
    // one sample shorter, each by no more than the tables' tolerance. Fails when the sampler
    // does not tabulate the copula.
    #[test]
    fn a_long_run_reads_its_correlated_pert_and_beta_values_from_tables() {
        let mut s = scenario(PAIRS);
        s.samples = TABLE_FROM as u64;
        let tabulated = Draws::sample(&s);
        s.samples -= 1;
        let exact = Draws::sample(&s);
        for field in [Field::ShareCurrent, Field::MarketServiceable] {
            let (Column::Sampled(a), Column::Sampled(b)) =
                (tabulated.column(field), exact.column(field))
            else {
                panic!("{field:?} is sampled")
            };
            let (low, high) = s.dist(field).support();
            let bar = 2.0 * ScoreTable::TOLERANCE * (high - low);
            assert!(
                a.iter().zip(b).all(|(x, y)| (x - y).abs() <= bar),
                "{field:?}"
            );
            assert!(
                a.iter().zip(b).any(|(x, y)| x != y),
                "{field:?} is not tabulated"
            );
        }
    }

    #[test]
    fn correlated_columns_are_the_same_whichever_thread_pool_draws_them() {
        let mut s = scenario(PAIRS);
        s.samples = 3 * crate::model::pass::CHUNK as u64 + 17;
        let draw = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| Draws::sample(&s))
        };
        assert_eq!(draw(1), draw(2));
    }

    #[test]
    fn a_correlation_with_a_fixed_input_changes_nothing() {
        let with_fixed = "[correlation]\n\"market.size ~ share.ceiling\" = 0.9\n";
        assert!(Copula::of(&scenario(with_fixed)).is_none());
        assert_eq!(
            Draws::sample(&scenario(with_fixed)),
            Draws::sample(&scenario(""))
        );
    }
}
