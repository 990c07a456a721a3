//! Drawing the uncertain inputs (docs/MODEL.md §8, §12), four samples at a time: each input's law
//! turned into a recipe from uniforms, its random streams for one chunk, and the block of
//! values it fills — clamped into the input's domain and kept as its column keeps it (the
//! market's growth as k = ln(1 + g)). A [`Sampler`] is a pass's [`Source`]; the columns of
//! [`super::draws::Draws`] are filled by the same code, so a column and a pass agree exactly.
//!
//! Plain Monte Carlo draws from a 4-lane xoshiro256++ per (seed, input, chunk) and makes
//! normals by Box–Muller. Randomised quasi-Monte Carlo reads Owen-scrambled Sobol points, makes
//! normals by the inverse CDF (AS241), turns them toward the limits ([`Rotation`]) and gives
//! each input its value at its score z: the normal and lognormal laws directly, the others at
//! Φ(z) through their inverse CDF. PERT and beta inputs keep rand_distr's samplers (Monte
//! Carlo), one value at a time; under Sobol their quantile comes from a [`ScoreTable`], whose
//! nodes long runs read and short runs compute exactly.

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;
use wide::f64x4;

use super::copula::Copula;
use super::kernel::outcome4;
use super::lanes::{Xoshiro4, lane_seed};
use super::normal::{as241x4, box_muller};
use super::pass::{Block, CHUNK, Source, VECS};
use super::plan::Plan;
use super::rotation::Rotation;
use super::sample::Stored;
use super::sobol::Points;
use super::wide_fast;
use crate::distribution::{Dist, Family, ScoreTable, Shape, standard_normal_cdf};
use crate::scenario::field::INPUT_COUNT;
use crate::scenario::{Field, Method, PerInput, Scenario};

/// How one input's values are made: fixed, from standard normals, from uniforms, or by the
/// distribution itself. Every match that makes values from it or its parts lists each case,
/// so that a new case cannot fall through to a wrong value (those that only ask whether it is
/// fixed, or which stream it reads, need not).
#[derive(Debug, Clone)]
enum Recipe {
    Fixed(f64),
    FromNormal(FromNormal),
    FromUniform(FromUniform),
    /// PERT and beta: the distribution's own sampler (Monte Carlo) or its values at scores
    /// (Sobol), value by value.
    Other(Box<ScoreTable>),
}

/// A law whose values are a standard normal's, scaled.
#[derive(Debug, Clone, Copy)]
enum FromNormal {
    Normal { mean: f64, sd: f64 },
    LogNormal { mu: f64, sigma: f64 },
}

/// A law whose inverse CDF is in closed form: one uniform per value.
#[derive(Debug, Clone, Copy)]
enum FromUniform {
    Uniform { min: f64, width: f64 },
    Triangular { min: f64, mode: f64, max: f64 },
}

impl Recipe {
    fn of(dist: &Dist) -> Recipe {
        if let Some(x) = dist.fixed_value() {
            return Recipe::Fixed(x);
        }
        if let Some((shape, location, scale)) = dist.normal_parameters() {
            return Recipe::FromNormal(match shape {
                Shape::Normal => FromNormal::Normal {
                    mean: location,
                    sd: scale,
                },
                Shape::LogNormal => FromNormal::LogNormal {
                    mu: location,
                    sigma: scale,
                },
            });
        }
        match dist.table_form() {
            Some((Family::Uniform, &[min, max])) => Recipe::FromUniform(FromUniform::Uniform {
                min,
                width: max - min,
            }),
            Some((Family::Triangular, &[min, mode, max])) => {
                Recipe::FromUniform(FromUniform::Triangular { min, mode, max })
            }
            // Every family is named, so that a new one is routed here on purpose: its values
            // by its quantile, value by value (exact, and slow), unless it gets a recipe above.
            Some((Family::Pert | Family::Beta, _)) => {
                Recipe::Other(Box::new(ScoreTable::exact(dist)))
            }
            // A normal or lognormal table is a normal above; a 90% interval is one too.
            Some((
                Family::Normal | Family::LogNormal | Family::Uniform | Family::Triangular,
                _,
            ))
            | None => Recipe::Other(Box::new(ScoreTable::exact(dist))),
        }
    }
}

/// One input as the sampler draws it.
#[derive(Debug, Clone)]
struct Input {
    recipe: Recipe,
    /// Its domain, into which sampled values are clamped.
    low: f64,
    high: f64,
    /// Whether any value the law can draw falls outside the domain (else clamping is skipped).
    may_clamp: bool,
    /// How its column keeps its values (the market's growth as k = ln(1 + g)).
    kept: Stored,
}

impl Input {
    fn of(field: Field, dist: &Dist) -> Input {
        let domain = field.domain();
        let (lowest, highest) = dist.support();
        let may_clamp = domain.clamp(lowest) != lowest || domain.clamp(highest) != highest;
        let low = domain.clamp(f64::NEG_INFINITY);
        let high = domain.clamp(f64::INFINITY);
        Input {
            recipe: Recipe::of(dist),
            low,
            high,
            may_clamp,
            kept: Stored::of(field),
        }
    }
}

/// Where one input's numbers come from inside one chunk.
enum Stream {
    Fixed,
    Lanes(Xoshiro4),
    Scalar(Xoshiro256PlusPlus),
}

/// A chunk's streams: one per input (Monte Carlo), or the Sobol points' position.
pub struct Streams {
    inputs: PerInput<Stream>,
    /// The next sample's index in the whole run (for Sobol points).
    next: usize,
}

/// Draws a scenario's inputs: a pass's source of fresh samples.
pub struct Sampler {
    inputs: PerInput<Input>,
    /// The correlated inputs (a Gaussian copula), when the scenario asks for correlations.
    copula: Option<Copula>,
    /// Whether each input is one of the copula's (drawn as a normal, then transformed).
    correlated: PerInput<bool>,
    seed: u64,
    method: Method,
    /// Sobol: the points and how they are turned.
    sobol: Option<Sobol>,
}

/// Randomised quasi-Monte Carlo: the uncertain inputs' standard normal scores are z = Q·w,
/// with w_k = Φ⁻¹ of Sobol dimension k (docs/MODEL.md §12).
#[derive(Debug, Clone)]
struct Sobol {
    points: Points,
    /// The uncertain inputs in field order: z_i is the score of `uncertain[i]`.
    uncertain: Vec<Field>,
    rotation: Rotation,
}

/// The half-width, in standard deviations of a score, of the secants that find the directions
/// in which each limit grows fastest: wide enough that a kink near the median (a share that
/// reaches its ceiling) does not hide an input, narrow enough to stay near the median.
const SECANT: f64 = 1.0;

impl Sampler {
    /// The sampler of `scenario`'s inputs by `method`, for `samples` samples.
    /// Values at scores (Sobol points, a copula's correlated normals) come from
    /// [`ScoreTable::for_run`]: from nodes for PERT and beta in long runs.
    pub fn new(scenario: &Scenario, method: Method, samples: usize) -> Sampler {
        let mut sampler = Sampler::turned(scenario, method, samples);
        sampler.copula = sampler.copula.map(|copula| copula.for_run(samples));
        if sampler.sobol.is_some() {
            // A correlated input takes its values from the copula's table instead.
            for (field, input) in sampler.inputs.iter_mut() {
                if let (Recipe::Other(table), false) =
                    (&mut input.recipe, sampler.correlated[field])
                {
                    **table = ScoreTable::for_run(table.dist(), samples);
                }
            }
        }
        sampler
    }

    /// The sampler whose values at scores are all computed exactly (no table has nodes): its
    /// points and how they are turned.
    fn turned(scenario: &Scenario, method: Method, samples: usize) -> Sampler {
        let copula = Copula::of(scenario);
        let members: Vec<Field> = copula.iter().flat_map(Copula::fields).collect();
        let mut sampler = Sampler {
            inputs: scenario.inputs.map(Input::of),
            correlated: PerInput::from_fn(|field| members.contains(&field)),
            copula,
            seed: scenario.seed,
            method,
            sobol: None,
        };
        if method == Method::Sobol {
            // Every input whose law is not fixed gets a score, as `from_scores` reads one for
            // it (for a valid scenario the same as `Scenario::uncertain_fields`).
            let uncertain: Vec<Field> = Field::INPUTS
                .into_iter()
                .filter(|field| !matches!(sampler.inputs[*field].recipe, Recipe::Fixed(_)))
                .collect();
            let directions = sampler.limits_directions(&Plan::of(scenario), &uncertain);
            sampler.sobol = Some(Sobol {
                points: Points::new(scenario.seed, samples),
                rotation: Rotation::toward(&directions, uncertain.len()),
                uncertain,
            });
        }
        sampler
    }

    /// The directions, in the scores of the `uncertain` inputs, in which ln A_market and
    /// ln(B + C) grow fastest around the median sample (secants over ±[`SECANT`] in each score),
    /// the limit that binds at the median first. Without `[capacity]`, B + C is ∞ and the team's
    /// direction is zero, so only the market's is used.
    fn limits_directions(&self, plan: &Plan, uncertain: &[Field]) -> Vec<Vec<f64>> {
        let d = uncertain.len();
        // Lane 0 is the median sample (every score 0); lanes 2j + 1 and 2j + 2 move score j
        // up and down.
        let lanes = 2 * d + 1;
        let vecs = lanes.div_ceil(4);
        let mut block: Block = PerInput::from_fn(|_| [f64x4::ZERO; VECS]);
        for (j, field) in uncertain.iter().enumerate() {
            for (v, vector) in block[*field][..vecs].iter_mut().enumerate() {
                *vector = f64x4::new(std::array::from_fn(|l| match 4 * v + l {
                    up if up == 2 * j + 1 => SECANT,
                    down if down == 2 * j + 2 => -SECANT,
                    _ => 0.0,
                }));
            }
        }
        self.values_from_scores(&mut block, vecs, lanes);
        // ln A_market and ln(B + C) in each lane.
        let (mut ln_market, mut ln_team) = (vec![0.0; 4 * vecs], vec![0.0; 4 * vecs]);
        for v in 0..vecs {
            let outcome = outcome4(plan, &block.map(|_, b| b[v]), plan.horizon_years);
            let market = outcome.market_revenue.to_array();
            let team = outcome.team_limit().to_array();
            for l in 0..4 {
                ln_market[4 * v + l] = market[l].ln();
                ln_team[4 * v + l] = team[l].ln();
            }
        }
        let secants = |limit: &[f64]| -> Vec<f64> {
            (0..d)
                .map(|j| secant(limit[0], limit[2 * j + 1], limit[2 * j + 2]))
                .collect()
        };
        // B + C < A_market: the team binds (a tie counts as the market, as in the model).
        if ln_team[0] < ln_market[0] {
            vec![secants(&ln_team), secants(&ln_market)]
        } else {
            vec![secants(&ln_market), secants(&ln_team)]
        }
    }

    /// Each input's value when it is fixed (as its column keeps it), `None` when sampled.
    pub fn fixed_values(&self) -> PerInput<Option<f64>> {
        self.inputs.map(|_, input| match input.recipe {
            Recipe::Fixed(x) => Some(input.kept.store(x.clamp(input.low, input.high))),
            _ => None,
        })
    }

    /// The Sobol points' replicates, when sampling by Sobol points.
    pub fn points(&self) -> Option<&Points> {
        self.sobol.as_ref().map(|sobol| &sobol.points)
    }

    /// How Sobol points are turned for this scenario (`None` under plain Monte Carlo): the
    /// draws depend on it as much as on the inputs' laws.
    pub fn rotation(&self) -> Option<&Rotation> {
        self.sobol.as_ref().map(|sobol| &sobol.rotation)
    }

    /// How `scenario`'s Sobol points are turned, without drawing anything (`None` under plain
    /// Monte Carlo, where nothing is computed): what a cache of its draws keys on besides the
    /// inputs' laws, the seed and the sample count.
    pub fn rotation_of(scenario: &Scenario) -> Option<Rotation> {
        if scenario.method != Method::Sobol {
            return None;
        }
        let sampler = Sampler::turned(scenario, Method::Sobol, scenario.sample_count() as usize);
        sampler.sobol.map(|sobol| sobol.rotation)
    }

    /// `block` holds each uncertain input's standard normal score; each becomes the input's
    /// value (fixed inputs take theirs), correlated through the copula, clamped and kept as its
    /// column keeps it. Returns the clamps among the first `count` values.
    fn values_from_scores(&self, block: &mut Block, vecs: usize, count: usize) -> PerInput<u64> {
        for field in Field::INPUTS {
            let input = &self.inputs[field];
            let out = &mut block[field][..vecs];
            if !self.correlated[field] {
                from_scores(input, out);
            }
        }
        self.finish(block, vecs, count)
    }

    /// The copula's members' normals become their values; every value is clamped into its
    /// domain and kept as its column keeps it. Returns the clamps among the first `count`.
    fn finish(&self, block: &mut Block, vecs: usize, count: usize) -> PerInput<u64> {
        if let Some(copula) = &self.copula {
            correlate(copula, block, vecs);
        }
        PerInput::from_fn(|field| {
            clamp_and_keep(&self.inputs[field], &mut block[field][..vecs], count)
        })
    }
}

/// The slope of ln L along one score from its values at the median (`middle`) and at ±[`SECANT`]
/// (`up`, `down`). Where one side is not finite (L is 0 there: an input clamped to 0 one SD
/// below the median), the secant is one-sided, so that the other inputs still set the
/// direction; with neither side finite, the score does not move it.
fn secant(middle: f64, up: f64, down: f64) -> f64 {
    match (up.is_finite(), down.is_finite()) {
        (true, true) => (up - down) / (2.0 * SECANT),
        (true, false) => (up - middle) / SECANT,
        (false, true) => (middle - down) / SECANT,
        (false, false) => 0.0,
    }
}

impl Sobol {
    /// The uncertain inputs' scores z = Q·w for the 4·`vecs` samples from `start`, into `block`.
    fn scores(&self, start: usize, vecs: usize, block: &mut Block) {
        let uniforms = self.points.block(start, vecs);
        let d = self.uncertain.len();
        let (mut w, mut z) = ([f64x4::ZERO; INPUT_COUNT], [f64x4::ZERO; INPUT_COUNT]);
        for v in 0..vecs {
            for (k, wk) in w[..d].iter_mut().enumerate() {
                *wk = as241x4(uniforms[k][v]);
            }
            self.rotation.apply(&w[..d], &mut z[..d]);
            for (field, zi) in self.uncertain.iter().zip(&z) {
                block[*field][v] = *zi;
            }
        }
    }
}

/// The random stream an uncertain input draws from under plain Monte Carlo, fixed for good:
/// a file and seed give the same figures whatever keys the field table gains, and wherever
/// (an input's slot, its place among the table's inputs, would move with them). A new input
/// takes the next number; keys that are not sampled have none.
fn stream(field: Field) -> u64 {
    match field {
        Field::MarketSize => 0,
        Field::MarketGrowth => 1,
        Field::MarketServiceable => 2,
        Field::ShareCurrent => 3,
        Field::ShareGainPerYear => 4,
        Field::ShareCeiling => 5,
        Field::CapacityQuotaPerRep => 6,
        Field::CapacityAttainment => 7,
        Field::TargetRevenue
        | Field::HorizonDays
        | Field::Confidence
        | Field::CapacityReps
        | Field::CapacityNewReps
        | Field::CapacityRampDays
        | Field::RunSamples
        | Field::RunSeed => unreachable!("{field:?} is no uncertain input"),
    }
}

impl Source for Sampler {
    type Chunk = Streams;

    fn replicate_size(&self) -> Option<usize> {
        self.points().map(|p| p.per_replicate)
    }

    fn open(&self, chunk: usize) -> Streams {
        let streams = self.inputs.map(|field, input| {
            let index = stream(field);
            match (&input.recipe, self.method) {
                (Recipe::Fixed(_), _) | (_, Method::Sobol) => Stream::Fixed,
                // A correlated input draws standard normals, whatever its law.
                _ if self.correlated[field] => {
                    Stream::Lanes(Xoshiro4::for_chunk(self.seed, index, chunk as u64))
                }
                (Recipe::Other(_), _) => Stream::Scalar(Xoshiro256PlusPlus::seed_from_u64(
                    lane_seed(self.seed, index, chunk as u64, 0),
                )),
                _ => Stream::Lanes(Xoshiro4::for_chunk(self.seed, index, chunk as u64)),
            }
        });
        Streams {
            inputs: streams,
            next: chunk * CHUNK,
        }
    }

    fn fill(&self, streams: &mut Streams, block: &mut Block, count: usize) -> PerInput<u64> {
        let vecs = count.div_ceil(4);
        let start = streams.next;
        streams.next += count;
        if let Some(sobol) = &self.sobol {
            sobol.scores(start, vecs, block);
            return self.values_from_scores(block, vecs, count);
        }
        for field in Field::INPUTS {
            let out = &mut block[field][..vecs];
            let stream = &mut streams.inputs[field];
            if self.correlated[field] {
                normals(stream, out);
            } else {
                draw(&self.inputs[field], stream, out);
            }
        }
        self.finish(block, vecs, count)
    }
}

/// The copula's members' standard normals in `block` become their values, sample by sample:
/// x_i = Q_i(Φ((A·z)_i)) (see [`Copula::values`]).
fn correlate(copula: &Copula, block: &mut Block, vecs: usize) {
    let members: Vec<Field> = copula.fields().collect();
    let (mut z, mut x) = (vec![0.0; members.len()], vec![0.0; members.len()]);
    for v in 0..vecs {
        let lanes: Vec<[f64; 4]> = members.iter().map(|f| block[*f][v].to_array()).collect();
        let mut values = lanes.clone();
        for lane in 0..4 {
            for (zi, member) in z.iter_mut().zip(&lanes) {
                *zi = member[lane];
            }
            copula.values(&z, &mut x);
            for (value, xi) in values.iter_mut().zip(&x) {
                value[lane] = *xi;
            }
        }
        for (field, value) in members.iter().zip(values) {
            block[*field][v] = f64x4::new(value);
        }
    }
}

/// Standard normals from lanes by Box–Muller: two uniform vectors make two normal vectors;
/// an odd last one drops its twin.
fn normals(stream: &mut Stream, out: &mut [f64x4]) {
    let Stream::Lanes(lanes) = stream else {
        out.fill(f64x4::splat(f64::NAN));
        return;
    };
    for pair in out.chunks_mut(2) {
        let (z0, z1) = box_muller(lanes.next_open01(), lanes.next_open01());
        pair[0] = z0;
        if let Some(second) = pair.get_mut(1) {
            *second = z1;
        }
    }
}

/// Monte Carlo: one block of `input`'s values from its stream, before clamping.
fn draw(input: &Input, stream: &mut Stream, out: &mut [f64x4]) {
    match (stream, &input.recipe) {
        (_, Recipe::Fixed(x)) => out.fill(f64x4::splat(*x)),
        (Stream::Scalar(rng), Recipe::Other(table)) => {
            let mut values = [0.0; 4 * VECS];
            let values = &mut values[..4 * out.len()];
            table.dist().fill(rng, values);
            for (v, four) in out.iter_mut().zip(values.chunks_exact(4)) {
                *v = f64x4::new([four[0], four[1], four[2], four[3]]);
            }
        }
        (stream @ Stream::Lanes(_), Recipe::FromNormal(law)) => {
            normals(stream, out);
            scale_normals(*law, out);
        }
        (Stream::Lanes(lanes), Recipe::FromUniform(law)) => {
            for v in out.iter_mut() {
                *v = from_uniform(*law, lanes.next_open01());
            }
        }
        // A sampled recipe always has a stream of its kind (see `open`): no other pair occurs.
        (Stream::Fixed | Stream::Scalar(_), Recipe::FromNormal(_) | Recipe::FromUniform(_))
        | (Stream::Fixed | Stream::Lanes(_), Recipe::Other(_)) => out.fill(f64x4::splat(f64::NAN)),
    }
}

/// Quasi-Monte Carlo: one block of an uncorrelated `input`'s values from its standard normal
/// scores in `out` (a fixed input's value in every lane): the value at score z is Q(Φ(z)),
/// the law's quantile at the normal's probability of z (for a normal or lognormal law, its
/// own z).
fn from_scores(input: &Input, out: &mut [f64x4]) {
    let at_probability = |z: f64x4| f64x4::new(z.to_array().map(standard_normal_cdf));
    match &input.recipe {
        Recipe::Fixed(x) => out.fill(f64x4::splat(*x)),
        Recipe::Other(table) => {
            for v in out.iter_mut() {
                *v = f64x4::new(v.to_array().map(|z| table.at(z)));
            }
        }
        Recipe::FromNormal(law) => scale_normals(*law, out),
        Recipe::FromUniform(law) => {
            for v in out.iter_mut() {
                *v = from_uniform(*law, at_probability(*v));
            }
        }
    }
}

/// Standard normals in `out` become a normal or lognormal law's values.
fn scale_normals(law: FromNormal, out: &mut [f64x4]) {
    match law {
        FromNormal::Normal { mean, sd } => {
            let (mean, sd) = (f64x4::splat(mean), f64x4::splat(sd));
            out.iter_mut().for_each(|v| *v = mean + sd * *v);
        }
        FromNormal::LogNormal { mu, sigma } => {
            let (mu, sigma) = (f64x4::splat(mu), f64x4::splat(sigma));
            out.iter_mut()
                .for_each(|v| *v = wide_fast::exp(mu + sigma * *v));
        }
    }
}

/// A uniform law's or a triangular law's values from uniforms in (0, 1).
#[inline(always)]
fn from_uniform(law: FromUniform, u: f64x4) -> f64x4 {
    match law {
        FromUniform::Uniform { min, width } => f64x4::splat(min) + f64x4::splat(width) * u,
        FromUniform::Triangular { min, mode, max } => {
            // F(mode) = (mode − min)/(max − min); below it x = min + √(u(max−min)(mode−min)),
            // above x = max − √((1−u)(max−min)(max−mode)).
            let range = max - min;
            let split = f64x4::splat((mode - min) / range);
            let low = f64x4::splat(min) + (u * f64x4::splat(range * (mode - min))).sqrt();
            let high =
                f64x4::splat(max) - ((f64x4::ONE - u) * f64x4::splat(range * (max - mode))).sqrt();
            u.simd_lt(split).select(low, high)
        }
    }
}

/// Clamps a block into the input's domain (counting the first `count` values that moved) and
/// keeps growth as k.
fn clamp_and_keep(input: &Input, out: &mut [f64x4], count: usize) -> u64 {
    let mut clamped = 0;
    if input.may_clamp {
        let (low, high) = (f64x4::splat(input.low), f64x4::splat(input.high));
        let lane = f64x4::new([0.0, 1.0, 2.0, 3.0]);
        for (i, v) in out.iter_mut().enumerate() {
            let inside = v.max(low).min(high);
            let valid = lane.simd_lt(f64x4::splat((count - 4 * i) as f64));
            clamped += super::kernel::count(valid & inside.simd_ne(*v));
            *v = inside;
        }
    }
    match (input.kept, &input.recipe) {
        // A fixed value is kept as `fixed_values` keeps it, by std's ln_1p rather than the
        // lanes' (1 ulp apart at times): a pass that draws as it goes and one over the drawn
        // columns, whose fixed column holds `fixed_values`', must read the same k to the bit.
        (Stored::AsIs, _) => {}
        (kept, Recipe::Fixed(_)) => {
            if let Some(first) = out.first() {
                let k = kept.store(first.to_array()[0]);
                out.fill(f64x4::splat(k));
            }
        }
        (kept, _) => out.iter_mut().for_each(|v| *v = kept.store4(*v)),
    }
    clamped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_input_draws_from_a_stream_of_its_own() {
        let mut streams: Vec<u64> = Field::INPUTS.into_iter().map(stream).collect();
        streams.sort_unstable();
        streams.dedup();
        assert_eq!(streams.len(), INPUT_COUNT);
    }

    /// The σ of ln X for a lognormal "low to high" 90% interval: (ln high − ln low)/(2·1.6448536).
    fn sigma(low: f64, high: f64) -> f64 {
        (high / low).ln() / (2.0 * 1.644_853_6)
    }

    fn column(text: &str, k: usize) -> Vec<f64> {
        let scenario = Scenario::parse(text, "test").unwrap();
        let sampler = Sampler::new(&scenario, Method::Sobol, 4096);
        sampler
            .rotation()
            .expect("Sobol points are turned")
            .column(k)
    }

    fn assert_along(column: &[f64], direction: &[f64]) {
        let length = direction.iter().map(|x| x * x).sum::<f64>().sqrt();
        for (c, d) in column.iter().zip(direction) {
            assert!(
                (c - d / length).abs() < 1e-12,
                "{column:?} is not along {direction:?}"
            );
        }
    }

    // ln A_market = ln s + ln M + a constant when only the size and the serviceable part are
    // uncertain: its direction in their scores is exactly (σ_M, σ_s), and the secants find it.
    #[test]
    fn without_a_team_the_first_dimension_moves_along_the_markets_direction() {
        let text = "horizon_days = 365\n[target]\nrevenue = \"1M\"\n[market]\n\
                    size = \"35M to 70M\"\nserviceable = \"10% to 40%\"\n[share]\n\
                    current = 0.02\ngain_per_year = 0.05\n";
        assert_along(&column(text, 0), &[sigma(35.0, 70.0), sigma(0.1, 0.4)]);
    }

    #[test]
    fn a_secant_is_two_sided_and_one_sided_where_a_side_is_not_finite() {
        assert_eq!(secant(5.0, 7.0, 1.0), 6.0 / (2.0 * SECANT));
        assert_eq!(secant(5.0, 7.0, f64::NEG_INFINITY), 2.0 / SECANT);
        assert_eq!(secant(5.0, f64::NAN, 1.0), 4.0 / SECANT);
        assert_eq!(secant(5.0, f64::INFINITY, f64::NEG_INFINITY), 0.0);
    }

    // With no share today, ln(B + C) = ln q + ln a + a constant. The attainment is a normal
    // that is clamped to 0 one SD below its median, where ln(B + C) is −∞: its secant is then
    // one-sided, (ln(0.22) − ln(0.1))/1 = ln 2.2, and the team's direction (which binds here)
    // is kept, (0, σ_q, ln 2.2) in the scores of size, quota and attainment. A secant across
    // both sides would be infinite and lose the whole direction.
    #[test]
    fn a_limit_that_reaches_zero_one_sd_away_keeps_its_direction_by_a_one_sided_secant() {
        let text = "horizon_days = 365\n[target]\nrevenue = \"1M\"\n[market]\n\
                    size = \"35M to 70M\"\n[share]\ncurrent = 0\ngain_per_year = 0.05\n\
                    [capacity]\nreps = 5\nquota_per_rep = \"400k to 600k\"\n\
                    attainment = { dist = \"normal\", mean = 0.1, sd = 0.12 }\n";
        assert_along(&column(text, 0), &[0.0, sigma(4e5, 6e5), 2.2_f64.ln()]);
    }

    /// One sample's w (Φ⁻¹ of its Sobol coordinates) and its scores z = Q·w.
    type WAndZ = (Vec<f64>, Vec<f64>);

    /// The first block of a Sobol `sampler`'s samples, and each sample's w (from statrs'
    /// inverse CDF rather than AS241) and z, for `d` uncertain inputs.
    fn first_block_and_scores(sampler: &Sampler, d: usize) -> (Block, Vec<WAndZ>) {
        use statrs::distribution::{ContinuousCDF, Normal};
        let (q, points) = (sampler.rotation().unwrap(), sampler.points().unwrap());
        let mut block: Block = PerInput::from_fn(|_| [f64x4::ZERO; VECS]);
        let mut streams = sampler.open(0);
        sampler.fill(&mut streams, &mut block, 4 * VECS);
        let uniforms = points.block(0, VECS);
        let normal = Normal::standard();
        let scores = (0..4 * VECS)
            .map(|sample| {
                let (v, l) = (sample / 4, sample % 4);
                let w: Vec<f64> = (0..d)
                    .map(|k| normal.inverse_cdf(uniforms[k][v].to_array()[l]))
                    .collect();
                let z = (0..d)
                    .map(|i| (0..d).map(|k| q.column(k)[i] * w[k]).sum())
                    .collect();
                (w, z)
            })
            .collect();
        (block, scores)
    }

    // With no share today, no growth and no team, ln A_market = ln M + ln s + ln g + a
    // constant, and Q's first column lies along (σ_M, σ_s, σ_g). So each input i must take its
    // own score of z = Q·w, ln X_i = μ_i + σ_i·z_i, in every sample, and ln(M·s·g) must move
    // with dimension 0 alone: |σ|·w_0 plus a constant. The w here come from statrs' inverse
    // CDF, not AS241.
    #[test]
    fn each_input_takes_its_own_score_and_dimension_zero_alone_moves_the_market() {
        let text = "horizon_days = 365\n[target]\nrevenue = \"1M\"\n[market]\n\
                    size = \"35M to 70M\"\nserviceable = \"10% to 40%\"\ngrowth = 0\n\
                    [share]\ncurrent = 0\ngain_per_year = \"2% to 8%\"\n";
        let scenario = Scenario::parse(text, "test").unwrap();
        let sampler = Sampler::new(&scenario, Method::Sobol, 4096);
        let fields = [
            Field::MarketSize,
            Field::MarketServiceable,
            Field::ShareGainPerYear,
        ];
        let sigmas = [sigma(35.0, 70.0), sigma(0.1, 0.4), sigma(0.02, 0.08)];
        let mus = [
            (35.0e6 * 70.0e6_f64).ln() / 2.0,
            0.04_f64.ln() / 2.0,
            0.0016_f64.ln() / 2.0,
        ];
        let length = sigmas.iter().map(|s| s * s).sum::<f64>().sqrt();

        let (block, scores) = first_block_and_scores(&sampler, 3);
        let mut spread = (f64::INFINITY, f64::NEG_INFINITY);
        for (sample, (w, z)) in scores.iter().enumerate() {
            let (v, l) = (sample / 4, sample % 4);
            let ln = |field: Field| block[field][v].to_array()[l].ln();
            for i in 0..3 {
                let expected = mus[i] + sigmas[i] * z[i];
                assert!(
                    (ln(fields[i]) - expected).abs() < 1e-9,
                    "sample {sample}: ln {:?} = {} is not μ + σ·z = {expected}",
                    fields[i],
                    ln(fields[i]),
                );
            }
            let market = fields.iter().map(|f| ln(*f)).sum::<f64>() - length * w[0];
            spread = (spread.0.min(market), spread.1.max(market));
        }
        assert!(
            spread.1 - spread.0 < 1e-9,
            "ln(M·s·g) − |σ|·w₀ varies by {spread:?}"
        );
    }

    // PERT and beta inputs of a long Sobol run read their values from a score table: each
    // value is the law's exact quantile at the input's own score z = Q·w, to the table's
    // tolerance (fails if the table is given the wrong law, or read at Φ(z) instead of z). A
    // short run computes every value exactly: its tables have no nodes.
    #[test]
    fn pert_and_beta_inputs_take_their_value_at_their_own_score() {
        use crate::distribution::TABLE_FROM;
        let text = "horizon_days = 365\n[target]\nrevenue = \"1M\"\n[market]\n\
                    size = \"50M\"\n\
                    serviceable = { dist = \"beta\", alpha = 15, beta = 5 }\n[share]\n\
                    current = { dist = \"pert\", min = \"1%\", mode = \"2%\", max = \"6%\" }\n\
                    gain_per_year = 0.01\n";
        let scenario = Scenario::parse(text, "test").unwrap();
        let fields = [Field::MarketServiceable, Field::ShareCurrent];
        let has_nodes = |sampler: &Sampler, field: Field| matches!(&sampler.inputs[field].recipe, Recipe::Other(table) if table.has_nodes());
        let short = Sampler::new(&scenario, Method::Sobol, TABLE_FROM / 2);
        assert!(fields.iter().all(|f| !has_nodes(&short, *f)));

        let sampler = Sampler::new(&scenario, Method::Sobol, TABLE_FROM);
        assert!(fields.iter().all(|f| has_nodes(&sampler, *f)));
        let (block, scores) = first_block_and_scores(&sampler, 2);
        for (sample, (_, z)) in scores.iter().enumerate() {
            let (v, l) = (sample / 4, sample % 4);
            for (i, field) in fields.iter().enumerate() {
                let z = z[i];
                let dist = &scenario.inputs[*field];
                let (low, high) = dist.support();
                let (got, exact) = (block[*field][v].to_array()[l], dist.at_normal_score(z));
                assert!(
                    (got - exact).abs() <= 2.0 * ScoreTable::TOLERANCE * (high - low),
                    "sample {sample}: {field:?} = {got}, its quantile at z = {z} is {exact}"
                );
            }
        }
    }

    // With no share today (B = 0) and a fixed gain, ln(B + C) = ln q + ln a + a constant and
    // ln A_market = ln M + ln s + a constant. Here the team binds at the median (C ≈ 0.41M
    // against A_market ≈ 0.88M), so its direction (0, 0, σ_q, σ_a) comes first and the
    // market's (σ_M, σ_s, 0, 0) second, in the scores of size, serviceable, quota and
    // attainment. Neither is an axis, so a turn that kept only the first direction (and let
    // the axes complete Q) would fail.
    #[test]
    fn the_limit_that_binds_at_the_median_takes_the_first_dimension() {
        let text = "horizon_days = 365\n[target]\nrevenue = \"1M\"\n[market]\n\
                    size = \"35M to 70M\"\nserviceable = \"50% to 100%\"\n[share]\n\
                    current = 0\ngain_per_year = 0.05\n\
                    [capacity]\nreps = 2\nquota_per_rep = \"200k to 400k\"\n\
                    attainment = \"60% to 90%\"\n";
        let team = [0.0, 0.0, sigma(200.0, 400.0), sigma(0.6, 0.9)];
        let market = [sigma(35.0, 70.0), sigma(0.5, 1.0), 0.0, 0.0];
        assert_along(&column(text, 0), &team);
        assert_along(&column(text, 1), &market);
        // Five times the reps (C ≈ 2.1M): the market binds at the median and comes first.
        let more_reps = text.replace("reps = 2", "reps = 10");
        assert_along(&column(&more_reps, 0), &market);
        assert_along(&column(&more_reps, 1), &team);
    }
}
