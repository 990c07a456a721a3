//! The sampled inputs: one column per uncertain input, one row per Monte Carlo sample.
//!
//! Each input draws from its own random stream, split into fixed-size chunks, and each chunk's
//! stream is seeded from (seed, input, chunk). So the numbers are the same for any thread
//! count, and pinning or changing one input leaves every other input's draws untouched:
//! the common random numbers that the tornado and the levers compare against.

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;
use rayon::prelude::*;

use crate::distribution::Dist;
use crate::scenario::{Field, PerInput, Scenario};

/// Samples per chunk: the unit of parallel work and of random streams.
pub const CHUNK: usize = 8192;

/// One input's values across the samples.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// The same value in every sample.
    Fixed(f64),
    /// One value per sample, already clamped to the input's domain.
    Sampled(Vec<f64>),
}

impl Column {
    /// Draws `samples` values of `field`'s distribution `dist` from the streams of
    /// `(seed, stream)`, clamps them into the field's domain and keeps them as [`stored`]
    /// does, in one pass; returns the column with the number of values that were clamped.
    pub fn sample(
        field: Field,
        dist: &Dist,
        samples: usize,
        seed: u64,
        stream: u64,
    ) -> (Column, u64) {
        let domain = field.domain();
        if let Some(value) = dist.fixed_value() {
            return (Column::Fixed(stored(field, domain.clamp(value))), 0);
        }
        let (lowest, highest) = dist.support();
        let may_clamp = domain.clamp(lowest) != lowest || domain.clamp(highest) != highest;
        let rewrites = may_clamp || transform(field).is_some();
        let mut values = vec![0.0; samples];
        let clamped = values
            .par_chunks_mut(CHUNK)
            .enumerate()
            .map(|(chunk, out)| {
                let mut rng = Xoshiro256PlusPlus::seed_from_u64(stream_seed(seed, stream, chunk));
                dist.fill(&mut rng, out);
                if !rewrites {
                    return 0;
                }
                let mut clamped = 0;
                for v in out.iter_mut() {
                    let inside = domain.clamp(*v);
                    clamped += u64::from(inside != *v);
                    *v = stored(field, inside);
                }
                clamped
            })
            .sum();
        (Column::Sampled(values), clamped)
    }

    /// The column with `f` applied to every value (a lever's scaled or shifted input).
    pub fn map(&self, f: impl Fn(f64) -> f64 + Sync + Send) -> Column {
        match self {
            Column::Fixed(x) => Column::Fixed(f(*x)),
            Column::Sampled(values) => Column::Sampled(values.par_iter().map(|&v| f(v)).collect()),
        }
    }
}

/// The seed of one chunk's stream: SplitMix64's finaliser over (seed, input, chunk), so
/// neighbouring chunks and inputs get unrelated streams.
pub fn stream_seed(seed: u64, stream: u64, chunk: usize) -> u64 {
    let mut z = seed
        .wrapping_add(stream.wrapping_mul(0xD1B5_4A32_D192_ED03))
        .wrapping_add((chunk as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One sample's inputs, clamped to their domains, as their columns keep them (growth as
/// k = ln(1 + g), see [`stored`]).
pub type Sample = PerInput<f64>;

/// How an input's (clamped) value is kept in its column: the market's growth g as its
/// continuous rate k = ln(1 + g), taken once here rather than in every pass of the model over
/// the samples; every other input as it is.
pub fn stored(field: Field, value: f64) -> f64 {
    transform(field).map_or(value, |f| f(value))
}

/// The value people know from how its column keeps it: the inverse of [`stored`] (the
/// market's growth g = e^k − 1).
pub fn unstored(field: Field, kept: f64) -> f64 {
    if transform(field).is_some() {
        kept.exp_m1()
    } else {
        kept
    }
}

/// The function [`stored`] applies to `field`'s values, if any.
fn transform(field: Field) -> Option<fn(f64) -> f64> {
    (field == Field::MarketGrowth).then_some(f64::ln_1p as fn(f64) -> f64)
}

/// Every input's column for one scenario, each value as [`stored`] keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Draws {
    /// Number of samples.
    pub samples: usize,
    columns: PerInput<Column>,
    /// How many samples of each input were clamped into its domain.
    clamped: PerInput<u64>,
}

impl Draws {
    /// Samples every input of `scenario` (a scenario without `[capacity]` gets fixed,
    /// unused capacity columns). Input i draws from stream i: its slot in the field table.
    /// Correlated inputs are drawn together by their copula, from the same streams.
    pub fn sample(scenario: &Scenario) -> Draws {
        let samples = scenario.sample_count() as usize;
        let mut clamped = PerInput::from_fn(|_| 0);
        let mut correlated = super::copula::sample_correlated(scenario, samples);
        let columns = scenario.inputs.map(|field, dist| {
            let stream = field.slot().unwrap_or_default() as u64;
            let (column, count) = correlated[field]
                .take()
                .unwrap_or_else(|| Column::sample(field, dist, samples, scenario.seed, stream));
            clamped[field] = count;
            column
        });
        Draws {
            samples,
            columns,
            clamped,
        }
    }

    /// The column of one input.
    pub fn column(&self, field: Field) -> &Column {
        &self.columns[field]
    }

    /// How many samples of `field` were clamped.
    pub fn clamped(&self, field: Field) -> u64 {
        self.clamped[field]
    }

    /// A view of every column, to evaluate the model on.
    pub fn inputs(&self) -> Inputs<'_> {
        Inputs::new(self.samples, self.columns.map(|_, column| column))
    }
}

/// One column as the hot loop reads it: value i is `values[i * stride]`, with stride 0 for a
/// fixed column (a one-value slice), so reading needs no branch.
#[derive(Debug, Clone, Copy)]
struct ColumnView<'a> {
    values: &'a [f64],
    stride: usize,
}

impl<'a> ColumnView<'a> {
    fn of(column: &'a Column) -> ColumnView<'a> {
        match column {
            Column::Fixed(x) => ColumnView {
                values: std::slice::from_ref(x),
                stride: 0,
            },
            Column::Sampled(values) => ColumnView { values, stride: 1 },
        }
    }

    #[inline]
    fn at(&self, i: usize) -> f64 {
        self.values[i * self.stride]
    }
}

/// A borrowed set of input columns; [`Inputs::with`] swaps one column without copying the rest.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    pub samples: usize,
    columns: PerInput<&'a Column>,
    views: PerInput<ColumnView<'a>>,
}

impl<'a> Inputs<'a> {
    fn new(samples: usize, columns: PerInput<&'a Column>) -> Inputs<'a> {
        Inputs {
            samples,
            columns,
            views: columns.map(|_, column| ColumnView::of(column)),
        }
    }

    /// The same inputs with `field` replaced by `column` (a pinned or lever-adjusted input).
    pub fn with(self, field: Field, column: &'a Column) -> Inputs<'a> {
        let mut columns = self.columns;
        columns[field] = column;
        Inputs::new(self.samples, columns)
    }

    /// Sample `i`'s inputs.
    #[inline]
    pub fn sample(&self, i: usize) -> Sample {
        self.views.map(|_, view| view.at(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_is_the_same_whichever_thread_pool_draws_it() {
        let dist = Dist::interval(1.0, 2.0, None).unwrap();
        let draw = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| Column::sample(Field::ShareGainPerYear, &dist, 3 * CHUNK + 17, 7, 0).0)
        };
        assert_eq!(draw(1), draw(2));
    }

    #[test]
    fn different_streams_and_seeds_give_different_columns() {
        let dist = Dist::uniform(0.0, 1.0).unwrap();
        let (a, _) = Column::sample(Field::ShareCurrent, &dist, 100, 7, 0);
        let (b, _) = Column::sample(Field::ShareCurrent, &dist, 100, 7, 1);
        let (c, _) = Column::sample(Field::ShareCurrent, &dist, 100, 8, 0);
        assert_ne!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn clamped_values_are_counted() {
        let dist = Dist::uniform(-1.0, 1.0).unwrap();
        let (column, clamped) = Column::sample(Field::MarketSize, &dist, 10_000, 1, 0);
        let Column::Sampled(values) = column else {
            panic!("a uniform input is sampled")
        };
        let zeros = values.iter().filter(|v| **v == 0.0).count() as u64;
        assert_eq!(zeros, clamped);
        assert!((4_500..5_500).contains(&clamped));
    }
}
