//! The sampled inputs: one column per uncertain input, one row per Monte Carlo sample.
//!
//! Each input draws from its own random stream, split into fixed-size chunks, and each chunk's
//! stream is seeded from (seed, input, chunk). So the numbers are the same for any thread
//! count. Under plain Monte Carlo, pinning or changing one input leaves every other input's
//! draws untouched: the common random numbers that the tornado and the levers compare against.
//! Under Sobol points the turn of the points toward the limits depends on every input's law and
//! on the plan (docs/MODEL.md §12), so a changed input moves every input's draws (the same
//! points, turned anew).

use rayon::prelude::*;
use wide::f64x4;

pub use super::pass::CHUNK;
use super::pass::{Block, Source, VECS};
use super::sample::Sample;
use super::sampling::Sampler;

use super::rotation::Rotation;
use crate::distribution::Dist;
use crate::scenario::{Correlation, Field, Method, PerInput, Scenario};

/// One input's values across the samples.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// The same value in every sample.
    Fixed(f64),
    /// One value per sample, already clamped to the input's domain.
    Sampled(Vec<f64>),
}

impl Column {
    /// The column with `f` applied to every value (a lever's scaled or shifted input).
    pub fn map(&self, f: impl Fn(f64) -> f64 + Sync + Send) -> Column {
        match self {
            Column::Fixed(x) => Column::Fixed(f(*x)),
            Column::Sampled(values) => Column::Sampled(values.par_iter().map(|&v| f(v)).collect()),
        }
    }
}

/// What a scenario's draws depend on, and nothing else of it: two scenarios of one key draw
/// the same values ([`Draws::sample`] reads these), so a cache of draws (the live session's)
/// keys on it. Beside `sample` so that a new dependency is added to both at once.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawsKey {
    samples: u64,
    seed: u64,
    method: Method,
    dists: PerInput<Dist>,
    /// The rank correlations the copula applies (a nudged correlation reorders the draws).
    correlations: Vec<Correlation>,
    /// How Sobol points are turned toward the limits: it follows the plan (its horizon, its
    /// team), so a new horizon under Sobol points is sampled anew.
    rotation: Option<Rotation>,
}

impl DrawsKey {
    /// The key of `scenario`'s draws.
    pub fn of(scenario: &Scenario) -> DrawsKey {
        DrawsKey {
            samples: scenario.sample_count(),
            seed: scenario.seed,
            method: scenario.method,
            dists: scenario.inputs.clone(),
            correlations: scenario.effective_correlations(),
            rotation: Sampler::rotation_of(scenario),
        }
    }
}

/// Every input's column for one scenario, each value as [`Stored`](super::sample::Stored) keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Draws {
    /// Number of samples.
    pub samples: usize,
    /// With Sobol points, the points of each independent scramble.
    pub replicate_size: Option<usize>,
    columns: PerInput<Column>,
    /// How many samples of each input were clamped into its domain.
    clamped: PerInput<u64>,
}

impl Draws {
    /// Samples every input of `scenario` (a scenario without `[capacity]` gets fixed,
    /// unused capacity columns). Each input draws from a stream of its own (`sampling::stream`).
    /// Correlated inputs are drawn together by their copula, from the same streams.
    pub fn sample(scenario: &Scenario) -> Draws {
        let samples = scenario.sample_count() as usize;
        Draws::from_sampler(&Sampler::new(scenario, scenario.method, samples), samples)
    }

    /// Every input's column, `samples` values drawn by `sampler` chunk by chunk in parallel
    /// (the same blocks a pass over the sampler draws, so the same values).
    pub fn from_sampler(sampler: &Sampler, samples: usize) -> Draws {
        let fixed = sampler.fixed_values();
        let mut values: PerInput<Vec<f64>> = fixed.map(|_, value| match value {
            Some(_) => Vec::new(),
            None => vec![0.0; samples],
        });
        // Chunk-major views of the sampled columns: chunk c of every column at once.
        let mut parts: Vec<PerInput<Option<&mut [f64]>>> = (0..samples.div_ceil(CHUNK))
            .map(|_| PerInput::from_fn(|_| None))
            .collect();
        for (field, column) in values.iter_mut() {
            for (chunk, part) in column.chunks_mut(CHUNK).enumerate() {
                parts[chunk][field] = Some(part);
            }
        }
        let counts: Vec<PerInput<u64>> = parts
            .into_par_iter()
            .enumerate()
            .map(|(chunk, mut part)| fill_chunk(sampler, chunk, &mut part))
            .collect();
        let mut clamped = PerInput::from_fn(|_| 0);
        for count in counts {
            for field in Field::INPUTS {
                clamped[field] += count[field];
            }
        }
        let mut values = Some(values);
        let columns = fixed.map(|field, value| match value {
            Some(x) => Column::Fixed(*x),
            None => Column::Sampled(
                values
                    .as_mut()
                    .map(|v| std::mem::take(&mut v[field]))
                    .unwrap_or_default(),
            ),
        });
        Draws {
            samples,
            replicate_size: sampler.points().map(|p| p.per_replicate),
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

    /// How many samples of each input were clamped.
    pub fn clamped_counts(&self) -> PerInput<u64> {
        self.clamped
    }

    /// A view of every column, to evaluate the model on.
    pub fn inputs(&self) -> Inputs<'_> {
        Inputs::new(
            self.samples,
            self.replicate_size,
            self.columns.map(|_, column| column),
        )
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
    /// With Sobol points, the points of each independent scramble.
    pub replicate_size: Option<usize>,
    columns: PerInput<&'a Column>,
    views: PerInput<ColumnView<'a>>,
}

impl<'a> Inputs<'a> {
    fn new(
        samples: usize,
        replicate_size: Option<usize>,
        columns: PerInput<&'a Column>,
    ) -> Inputs<'a> {
        Inputs {
            samples,
            replicate_size,
            columns,
            views: columns.map(|_, column| ColumnView::of(column)),
        }
    }

    /// The same inputs with `field` replaced by `column` (a pinned or lever-adjusted input).
    pub fn with(self, field: Field, column: &'a Column) -> Inputs<'a> {
        let mut columns = self.columns;
        columns[field] = column;
        Inputs::new(self.samples, self.replicate_size, columns)
    }

    /// Each input's value when its column is fixed, `None` when it is sampled.
    pub fn fixed_values(&self) -> PerInput<Option<f64>> {
        self.views
            .map(|_, view| (view.stride == 0).then(|| view.values[0]))
    }

    /// Sample `i`'s inputs.
    #[inline]
    pub fn sample(&self, i: usize) -> Sample {
        self.views.map(|_, view| view.at(i))
    }
}

/// Fills chunk `chunk` of the sampled columns (`part`) block by block; returns the clamps.
fn fill_chunk(
    sampler: &Sampler,
    chunk: usize,
    part: &mut PerInput<Option<&mut [f64]>>,
) -> PerInput<u64> {
    let n = part
        .values()
        .iter()
        .flatten()
        .map(|p| p.len())
        .next()
        .unwrap_or(0);
    let mut streams = sampler.open(chunk);
    let mut block: Block = PerInput::from_fn(|_| [f64x4::ZERO; VECS]);
    let mut clamped = PerInput::from_fn(|_| 0);
    let mut start = 0;
    while start < n {
        let count = (4 * VECS).min(n - start);
        let counts = sampler.fill(&mut streams, &mut block, count);
        for field in Field::INPUTS {
            clamped[field] += counts[field];
            if let Some(out) = part[field].as_mut() {
                let values = block[field].iter().flat_map(|v| v.to_array());
                for (slot, x) in out[start..start + count].iter_mut().zip(values) {
                    *slot = x;
                }
            }
        }
        start += count;
    }
    clamped
}

/// Columns already drawn as a pass's source: a block copies four values of each column per
/// vector (a fixed column's one value in every lane). Clamps were counted when drawn.
impl Source for Inputs<'_> {
    /// The next sample to read.
    type Chunk = usize;

    fn replicate_size(&self) -> Option<usize> {
        self.replicate_size
    }

    fn open(&self, chunk: usize) -> usize {
        chunk * CHUNK
    }

    fn fill(&self, next: &mut usize, block: &mut Block, count: usize) -> PerInput<u64> {
        let vecs = count.div_ceil(4);
        let end = (*next + count).min(self.samples);
        for field in Field::INPUTS {
            let view = &self.views[field];
            let out = &mut block[field];
            if view.stride == 0 {
                out[..vecs].fill(f64x4::splat(view.values[0]));
                continue;
            }
            for (v, vector) in out[..vecs].iter_mut().enumerate() {
                let at = *next + 4 * v;
                // Past the end, lanes repeat the last sample (the pass ignores them).
                let lane = |l: usize| view.values[(at + l).min(end - 1)];
                *vector = f64x4::new([lane(0), lane(1), lane(2), lane(3)]);
            }
        }
        *next = end;
        PerInput::from_fn(|_| 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::BUILT_IN;

    fn anecdote(samples: u64, seed: u64) -> Scenario {
        let mut s = Scenario::parse(BUILT_IN, "built-in").unwrap();
        s.samples = samples;
        s.seed = seed;
        s
    }

    #[test]
    fn columns_are_the_same_whichever_thread_pool_draws_them() {
        let scenario = anecdote(3 * CHUNK as u64 + 17, 7);
        let draw = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| Draws::sample(&scenario))
        };
        assert_eq!(draw(1), draw(2));
    }

    #[test]
    fn different_seeds_give_different_columns_and_inputs_their_own_streams() {
        let a = Draws::sample(&anecdote(100, 7));
        let b = Draws::sample(&anecdote(100, 8));
        assert_ne!(a.column(Field::MarketSize), b.column(Field::MarketSize));
        // Size and gain are both lognormal ranges: their own streams, unrelated draws.
        let (Column::Sampled(size), Column::Sampled(gain)) = (
            a.column(Field::MarketSize),
            a.column(Field::ShareGainPerYear),
        ) else {
            panic!("both are sampled")
        };
        let z = |v: &[f64]| v.iter().map(|x| x.ln()).collect::<Vec<_>>();
        assert_ne!(z(size)[0] / z(size)[1], z(gain)[0] / z(gain)[1]);
    }

    #[test]
    fn clamped_values_are_counted() {
        let mut scenario = anecdote(10_000, 1);
        scenario
            .apply_override("market.size={ dist = \"uniform\", min = -1, max = 1 }")
            .unwrap();
        let draws = Draws::sample(&scenario);
        let Column::Sampled(values) = draws.column(Field::MarketSize) else {
            panic!("a uniform input is sampled")
        };
        let zeros = values.iter().filter(|v| **v == 0.0).count() as u64;
        assert_eq!(zeros, draws.clamped(Field::MarketSize));
        assert!((4_500..5_500).contains(&zeros), "{zeros}");
    }

    #[test]
    fn draws_past_either_end_of_a_domain_are_clamped_whatever_the_law() {
        // Each law starts inside its input's domain and runs past one end of it: a normal size
        // below 0, and a uniform, a normal and a lognormal (a range) serviceable part above 1.
        let cases = [
            (
                "market.size",
                "{ dist = \"normal\", mean = 1e6, sd = 4e5 }",
                0.0,
            ),
            (
                "market.serviceable",
                "{ dist = \"uniform\", min = 0.6, max = 1.1 }",
                1.0,
            ),
            (
                "market.serviceable",
                "{ dist = \"normal\", mean = 0.97, sd = 0.02 }",
                1.0,
            ),
            ("market.serviceable", "\"0.9 to 1.05\"", 1.0),
        ];
        for (key, law, end) in cases {
            let mut scenario = anecdote(10_000, 1);
            scenario.apply_override(&format!("{key}={law}")).unwrap();
            let field = Field::from_key(key).unwrap();
            let draws = Draws::sample(&scenario);
            let Column::Sampled(values) = draws.column(field) else {
                panic!("{key} is sampled")
            };
            let domain = field.domain();
            assert!(
                values.iter().all(|v| domain.clamp(*v) == *v),
                "{key} = {law}"
            );
            let at_the_end = values.iter().filter(|v| **v == end).count() as u64;
            assert!(at_the_end > 0, "{key} = {law}");
            assert_eq!(at_the_end, draws.clamped(field), "{key} = {law}");
        }
    }

    #[test]
    fn every_chunk_of_a_pert_or_beta_input_draws_values_of_its_own() {
        // Their plain Monte Carlo stream seeded by the input alone repeated the first chunk's
        // 8,192 values in every chunk: 100,000 samples of 05 held 8,192 distinct values, and
        // its uncertainty read as if they were 100,000.
        for law in [
            "{ dist = \"pert\", min = 0.01, mode = 0.03, max = 0.06 }",
            "{ dist = \"beta\", alpha = 2, beta = 30 }",
        ] {
            let mut scenario = anecdote(3 * CHUNK as u64, 1);
            scenario
                .apply_override(&format!("share.current={law}"))
                .unwrap();
            let draws = Draws::sample(&scenario);
            let Column::Sampled(values) = draws.column(Field::ShareCurrent) else {
                panic!("{law} is sampled")
            };
            let mut distinct: Vec<u64> = values.iter().map(|v| v.to_bits()).collect();
            distinct.sort_unstable();
            distinct.dedup();
            assert!(
                distinct.len() > 3 * CHUNK - 10,
                "{law}: {} distinct",
                distinct.len()
            );
        }
    }

    #[test]
    fn the_clamped_count_is_every_value_at_the_end_whatever_the_last_partial_vector() {
        // A normal today's share with about 1% of its mass below 0: the count read one more
        // than the values at 0 when a padding lane of the last, partial vector of four was
        // counted (samples = 10,001).
        let text = "schema = 1\nhorizon_days = 365\n[target]\nrevenue = \"1M\"\n[market]\n\
                    size = \"100M\"\n[share]\ncurrent = { dist = \"normal\", mean = 0.02, \
                    sd = 0.0085 }\n";
        for samples in [10_001, 10_002, 10_003] {
            for seed in 190..=200 {
                let mut scenario = Scenario::parse(text, "clamp.toml").unwrap();
                (scenario.samples, scenario.seed) = (samples, seed);
                let draws = Draws::sample(&scenario);
                let Column::Sampled(values) = draws.column(Field::ShareCurrent) else {
                    panic!("sampled")
                };
                let at_zero = values.iter().filter(|v| **v == 0.0).count() as u64;
                assert_eq!(
                    draws.clamped(Field::ShareCurrent),
                    at_zero,
                    "{samples} {seed}"
                );
            }
        }
        // A normal whose fourth standard deviation stays inside the domain still reaches past
        // it (a support of 4 sd kept 12 in a million negative attainments).
        let (low, _) = Dist::normal(0.5, 0.12).unwrap().support();
        assert!(low < 0.0, "{low}");
    }

    #[test]
    fn a_pass_over_the_sampler_and_over_its_columns_see_the_same_values() {
        let scenario = anecdote(2 * CHUNK as u64 + 5, 3);
        let draws = Draws::sample(&scenario);
        let sampler = Sampler::new(&scenario, scenario.method, draws.samples);
        let direct = Draws::from_sampler(&sampler, draws.samples);
        assert_eq!(direct, draws);
    }
}
