//! Drawing the uncertain inputs (docs/MODEL.md §8, §12), four samples at a time: each input's law
//! turned into a recipe from uniforms, its random streams for one chunk, and the block of
//! values it fills — clamped into the input's domain and kept as its column keeps it (the
//! market's growth as k = ln(1 + g)). A [`Sampler`] is a pass's [`Source`]; the columns of
//! [`super::draws::Draws`] are filled by the same code, so a column and a pass agree exactly.
//!
//! Plain Monte Carlo draws from a 4-lane xoshiro256++ per (seed, input, chunk) and makes
//! normals by Box–Muller; randomised quasi-Monte Carlo reads Owen-scrambled Sobol points and
//! makes normals by the inverse CDF (AS241). PERT and beta inputs keep rand_distr's samplers
//! (Monte Carlo) or statrs' quantile function (Sobol), one value at a time.

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;
use wide::f64x4;

use super::copula::Copula;
use super::draws::keeps_log_growth;
use super::lanes::{Xoshiro4, lane_seed};
use super::normal::{as241x4, box_muller};
use super::pass::{Block, CHUNK, Source, VECS};
use super::sobol::Points;
use crate::distribution::{Dist, Shape};
use crate::scenario::{Field, Method, PerInput, Scenario};

/// How one input's values are made from uniforms.
#[derive(Debug, Clone)]
enum Law {
    Fixed(f64),
    Uniform {
        min: f64,
        width: f64,
    },
    Normal {
        mean: f64,
        sd: f64,
    },
    LogNormal {
        mu: f64,
        sigma: f64,
    },
    /// Inverse CDF in closed form: one uniform per value.
    Triangular {
        min: f64,
        mode: f64,
        max: f64,
    },
    /// PERT and beta: the distribution's own sampler or quantile function, value by value.
    Other(Dist),
}

impl Law {
    fn of(dist: &Dist) -> Law {
        if let Some(x) = dist.fixed_value() {
            return Law::Fixed(x);
        }
        if let Some((shape, location, scale)) = dist.normal_parameters() {
            return match shape {
                Shape::Normal => Law::Normal {
                    mean: location,
                    sd: scale,
                },
                Shape::LogNormal => Law::LogNormal {
                    mu: location,
                    sigma: scale,
                },
            };
        }
        match dist.table_form() {
            Some((crate::distribution::Family::Uniform, &[min, max])) => Law::Uniform {
                min,
                width: max - min,
            },
            Some((crate::distribution::Family::Triangular, &[min, mode, max])) => {
                Law::Triangular { min, mode, max }
            }
            _ => Law::Other(dist.clone()),
        }
    }

    /// Whether the law makes its values from a standard normal.
    fn is_normal(&self) -> bool {
        matches!(self, Law::Normal { .. } | Law::LogNormal { .. })
    }
}

/// One input as the sampler draws it.
#[derive(Debug, Clone)]
struct Input {
    law: Law,
    /// Its domain, into which sampled values are clamped.
    low: f64,
    high: f64,
    /// Whether any value the law can draw falls outside the domain (else clamping is skipped).
    may_clamp: bool,
    /// Whether its column keeps ln(1 + x) (the market's growth).
    keeps_k: bool,
}

impl Input {
    fn of(field: Field, dist: &Dist) -> Input {
        let domain = field.domain();
        let (lowest, highest) = dist.support();
        let may_clamp = domain.clamp(lowest) != lowest || domain.clamp(highest) != highest;
        let low = domain.clamp(f64::NEG_INFINITY);
        let high = domain.clamp(f64::INFINITY);
        Input {
            law: Law::of(dist),
            low,
            high,
            may_clamp,
            keeps_k: keeps_log_growth(field),
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
    /// Sobol: the points of each replicate.
    points: Option<Points>,
}

impl Sampler {
    /// The sampler of `scenario`'s inputs by `method`, for `samples` samples.
    pub fn new(scenario: &Scenario, method: Method, samples: usize) -> Sampler {
        let copula = Copula::of(scenario);
        let members: Vec<Field> = copula.iter().flat_map(Copula::fields).collect();
        Sampler {
            inputs: scenario.inputs.map(Input::of),
            correlated: PerInput::from_fn(|field| members.contains(&field)),
            copula,
            seed: scenario.seed,
            method,
            points: (method == Method::Sobol).then(|| Points::new(scenario.seed, samples)),
        }
    }

    /// Each input's value when it is fixed (as its column keeps it), `None` when sampled.
    pub fn fixed_values(&self) -> PerInput<Option<f64>> {
        self.inputs.map(|_, input| match input.law {
            Law::Fixed(x) => Some(keep(input, x.clamp(input.low, input.high))),
            _ => None,
        })
    }

    /// The Sobol points' replicates, when sampling by Sobol points.
    pub fn points(&self) -> Option<&Points> {
        self.points.as_ref()
    }
}

/// A value as its column keeps it (growth as k).
fn keep(input: &Input, x: f64) -> f64 {
    if input.keeps_k { x.ln_1p() } else { x }
}

impl Source for Sampler {
    type Chunk = Streams;

    fn replicate_size(&self) -> Option<usize> {
        self.points.as_ref().map(|p| p.per_replicate)
    }

    fn open(&self, chunk: usize) -> Streams {
        let streams =
            self.inputs.map(|field, input| {
                let slot = field.slot().unwrap_or_default() as u64;
                match (&input.law, self.method) {
                    (Law::Fixed(_), _) | (_, Method::Sobol) => Stream::Fixed,
                    // A correlated input draws standard normals, whatever its law.
                    _ if self.correlated[field] => {
                        Stream::Lanes(Xoshiro4::for_chunk(self.seed, slot, chunk as u64))
                    }
                    (Law::Other(_), _) => Stream::Scalar(Xoshiro256PlusPlus::seed_from_u64(
                        lane_seed(self.seed, slot, chunk as u64, 0),
                    )),
                    _ => Stream::Lanes(Xoshiro4::for_chunk(self.seed, slot, chunk as u64)),
                }
            });
        Streams {
            inputs: streams,
            next: chunk * CHUNK,
        }
    }

    fn fill(&self, streams: &mut Streams, block: &mut Block, count: usize) -> PerInput<u64> {
        let vecs = count.div_ceil(4);
        let uniforms = self
            .points
            .as_ref()
            .map(|points| points.block(streams.next, vecs));
        streams.next += count;
        let mut clamped = PerInput::from_fn(|_| 0);
        for field in Field::INPUTS {
            let input = &self.inputs[field];
            let out = &mut block[field][..vecs];
            let uniforms = uniforms
                .as_ref()
                .map(|u| &u[field.slot().unwrap_or_default()][..vecs]);
            match (self.correlated[field], uniforms) {
                (true, Some(u)) => u
                    .iter()
                    .zip(out.iter_mut())
                    .for_each(|(u, z)| *z = as241x4(*u)),
                (true, None) => normals(&mut streams.inputs[field], out),
                (false, Some(u)) => from_uniforms(input, u, out),
                (false, None) => draw(input, &mut streams.inputs[field], out),
            }
        }
        if let Some(copula) = &self.copula {
            correlate(copula, block, vecs);
        }
        for field in Field::INPUTS {
            let out = &mut block[field][..vecs];
            clamped[field] = clamp_and_keep(&self.inputs[field], out, count);
        }
        clamped
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
    match (stream, &input.law) {
        (_, Law::Fixed(x)) => out.fill(f64x4::splat(*x)),
        (Stream::Scalar(rng), Law::Other(dist)) => {
            let mut values = [0.0; 4 * VECS];
            let values = &mut values[..4 * out.len()];
            dist.fill(rng, values);
            for (v, four) in out.iter_mut().zip(values.chunks_exact(4)) {
                *v = f64x4::new([four[0], four[1], four[2], four[3]]);
            }
        }
        (stream @ Stream::Lanes(_), law) if law.is_normal() => {
            normals(stream, out);
            scale_normals(law, out);
        }
        (Stream::Lanes(lanes), law) => {
            for v in out.iter_mut() {
                *v = from_uniform(law, lanes.next_open01());
            }
        }
        // A sampled law always has a stream of its kind (see `open`).
        _ => out.fill(f64x4::splat(f64::NAN)),
    }
}

/// Quasi-Monte Carlo: one block of `input`'s values from its uniforms (one per value).
fn from_uniforms(input: &Input, uniforms: &[f64x4], out: &mut [f64x4]) {
    match &input.law {
        Law::Fixed(x) => out.fill(f64x4::splat(*x)),
        Law::Other(dist) => {
            for (v, u) in out.iter_mut().zip(uniforms) {
                *v = f64x4::new(u.to_array().map(|p| dist.quantile(p)));
            }
        }
        law if law.is_normal() => {
            for (v, u) in out.iter_mut().zip(uniforms) {
                *v = as241x4(*u);
            }
            scale_normals(law, out);
        }
        law => {
            for (v, u) in out.iter_mut().zip(uniforms) {
                *v = from_uniform(law, *u);
            }
        }
    }
}

/// Standard normals in `out` become a normal or lognormal law's values.
fn scale_normals(law: &Law, out: &mut [f64x4]) {
    match *law {
        Law::Normal { mean, sd } => {
            let (mean, sd) = (f64x4::splat(mean), f64x4::splat(sd));
            out.iter_mut().for_each(|v| *v = mean + sd * *v);
        }
        Law::LogNormal { mu, sigma } => {
            let (mu, sigma) = (f64x4::splat(mu), f64x4::splat(sigma));
            out.iter_mut().for_each(|v| *v = (mu + sigma * *v).exp());
        }
        _ => {}
    }
}

/// A uniform law's or a triangular law's values from uniforms in (0, 1).
#[inline(always)]
fn from_uniform(law: &Law, u: f64x4) -> f64x4 {
    match *law {
        Law::Uniform { min, width } => f64x4::splat(min) + f64x4::splat(width) * u,
        Law::Triangular { min, mode, max } => {
            // F(mode) = (mode − min)/(max − min); below it x = min + √(u(max−min)(mode−min)),
            // above x = max − √((1−u)(max−min)(max−mode)).
            let range = max - min;
            let split = f64x4::splat((mode - min) / range);
            let low = f64x4::splat(min) + (u * f64x4::splat(range * (mode - min))).sqrt();
            let high =
                f64x4::splat(max) - ((f64x4::ONE - u) * f64x4::splat(range * (max - mode))).sqrt();
            u.simd_lt(split).select(low, high)
        }
        _ => f64x4::splat(f64::NAN),
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
    if input.keeps_k {
        out.iter_mut().for_each(|v| *v = v.ln_1p());
    }
    clamped
}
