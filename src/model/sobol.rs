//! Randomised quasi-Monte Carlo (docs/MODEL.md §12): Owen-scrambled Sobol points from
//! `sobol_burley`'s building blocks, as full 32-bit integers, in independent scrambles.
//!
//! `sobol_burley::sample` returns an f32 with 23 bits (k·2⁻²³, 0 included), which would cut
//! the normal's tails at Φ⁻¹(2⁻²⁴) ≈ 5.3σ and can hit Φ⁻¹(0) = −∞. The same steps written
//! with `parts` give the scrambled u32 itself (its top 23 bits are exactly what `sample`
//! returns; a test checks it), which we map to (x + ½)·2⁻³², open, tails to ≈ 6.3σ.
//!
//! Limits of the crate: 2¹⁶ points per sequence, 256 dimensions. Independent replicates for a
//! standard error: one scramble seed per replicate (its own index shuffle and digit scramble).

use wide::f64x4;

use super::lanes::stream_seed;
use super::pass::VECS;
use crate::scenario::field::INPUT_COUNT;
use sobol_burley::parts::{
    Int4, hash, hash_int4, owen_scramble_int4_rev, owen_scramble_rev, sobol_int4_rev, sobol_rev,
};

/// The scrambled Sobol coordinate of point `index` in `dimension` for scramble `seed`,
/// as `sobol_burley::sample` computes it, before its conversion to f32.
#[inline(always)]
pub fn sobol_u32(index: u32, dimension: u32, seed: u32) -> u32 {
    let shuffled_rev = owen_scramble_rev(index.reverse_bits(), hash(seed ^ 0x79c6_8e4a));
    let sobol = sobol_rev(shuffled_rev, dimension);
    let scramble = {
        let seed = seed.wrapping_mul(0x9c8f_2d3b);
        let ds = dimension >> 2;
        ds ^ seed ^ [0x912f_69ba, 0x174f_18ab, 0x691e_72ca, 0xb40c_c1b8][dimension as usize & 0b11]
    };
    owen_scramble_rev(sobol, hash(scramble)).reverse_bits()
}

/// (x + ½)·2⁻³²: a u32 as a uniform in the open interval (0, 1), exactly.
#[inline(always)]
pub fn open01(x: u32) -> f64 {
    (f64::from(x) + 0.5) * (1.0 / 4_294_967_296.0)
}

/// The scramble seed of replicate `r` of a run seeded `seed`.
pub fn replicate_seed(seed: u64, r: u64) -> u64 {
    stream_seed(seed, 0x5_0B01, r)
}

/// The points of one scrambled sequence in as many dimensions as there are inputs, four
/// dimensions at a time with the crate's SIMD path: the index shuffle and the direction-vector
/// walk are shared by four dimensions. A run with d uncertain inputs reads dimensions 0 … d − 1
/// (`sampling.rs` turns them into the inputs' scores).
#[derive(Debug, Clone)]
pub struct Scramble {
    seed: u32,
    /// The per-dimension-set scramble hashes, fixed for the seed.
    scrambles: Vec<Int4>,
}

/// Groups of four dimensions that cover every input.
const GROUPS: usize = INPUT_COUNT.div_ceil(4);

impl Scramble {
    /// The sequence scrambled by `seed` (folded to 32 bits).
    pub fn new(seed: u64) -> Scramble {
        let seed = (seed ^ (seed >> 32)) as u32;
        let scrambles = (0..GROUPS as u32)
            .map(|group| {
                let s: Int4 = [seed.wrapping_mul(0x9c8f_2d3b); 4].into();
                let d: Int4 = [group; 4].into();
                hash_int4(s ^ d ^ [0x912f_69ba, 0x174f_18ab, 0x691e_72ca, 0xb40c_c1b8].into())
            })
            .collect();
        Scramble { seed, scrambles }
    }

    /// Point `index`'s coordinates in (0, 1), one per dimension; equal to
    /// `sobol_u32(index, d, seed)` mapped by [`open01`] (a test checks it).
    #[inline(always)]
    pub fn point(&self, index: u32) -> [f64; 4 * GROUPS] {
        let shuffled = owen_scramble_rev(index.reverse_bits(), hash(self.seed ^ 0x79c6_8e4a));
        let mut out = [0.0; 4 * GROUPS];
        for (group, scramble) in self.scrambles.iter().enumerate() {
            let sobol = sobol_int4_rev(shuffled, group as u32);
            let x: [u32; 4] = owen_scramble_int4_rev(sobol, *scramble)
                .reverse_bits()
                .into();
            for (k, v) in x.iter().enumerate() {
                out[4 * group + k] = open01(*v);
            }
        }
        out
    }
}

/// The largest number of points one scrambled sequence gives (`sobol_burley`'s limit).
pub const MAX_PER_REPLICATE: usize = 1 << 16;

/// Independent scrambles the standard error is measured from (more when a run has more
/// points than 16 scrambles can hold).
pub const REPLICATES: usize = 16;

/// The points of a run: `replicates` independent scrambles of `per_replicate` points each;
/// sample i is point i mod per_replicate of scramble i / per_replicate.
#[derive(Debug, Clone)]
pub struct Points {
    pub per_replicate: usize,
    scrambles: Vec<Scramble>,
}

impl Points {
    /// The points of a run of `samples` samples (a power of two, at least [`REPLICATES`]).
    pub fn new(seed: u64, samples: usize) -> Points {
        let replicates = REPLICATES.max(samples / MAX_PER_REPLICATE);
        let per_replicate = (samples / replicates).max(1);
        let scrambles = (0..replicates as u64)
            .map(|r| Scramble::new(replicate_seed(seed, r)))
            .collect();
        Points {
            per_replicate,
            scrambles,
        }
    }

    /// How many independent scrambles.
    pub fn replicates(&self) -> usize {
        self.scrambles.len()
    }

    /// The uniforms of samples `start`, `start + 1`, … (4·`vecs` of them) in every dimension:
    /// `[dimension][vector]`.
    pub fn block(&self, start: usize, vecs: usize) -> [[f64x4; VECS]; INPUT_COUNT] {
        let mut out = [[f64x4::ZERO; VECS]; INPUT_COUNT];
        for v in 0..vecs {
            let points: [[f64; 4 * GROUPS]; 4] = std::array::from_fn(|lane| {
                let i = start + 4 * v + lane;
                // Past the last sample (the lanes a pass ignores), the last scramble's points.
                let r = (i / self.per_replicate).min(self.scrambles.len() - 1);
                self.scrambles[r].point((i % self.per_replicate) as u32)
            });
            for (d, dimension) in out.iter_mut().enumerate() {
                dimension[v] = f64x4::new(points.map(|p| p[d]));
            }
        }
        out
    }
}

// A Sobol run has at least one point per scramble: the scenario's rounding
// (`Scenario::sample_count`) rounds up to this many.
const _: () = assert!(REPLICATES as u64 == crate::scenario::SOBOL_MIN_SAMPLES);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uniform_is_never_0_or_1_and_sits_at_the_middle_of_its_cell() {
        // A scrambled 0 read as u = 0 would turn into Φ⁻¹(0) = −∞.
        assert_eq!(open01(0), 0.5 / 4_294_967_296.0);
        assert_eq!(open01(1), 1.5 / 4_294_967_296.0);
        assert!(open01(u32::MAX) < 1.0);
        assert_eq!(1.0 - open01(u32::MAX), open01(0));
    }

    #[test]
    fn a_run_past_a_scrambles_points_takes_more_scrambles() {
        // The points' index has 16 bits: 16 scrambles of 2²¹ / 16 = 131,072 would each repeat
        // their 65,536 points twice.
        for (samples, replicates) in [(1 << 16, 16), (1 << 20, 16), (1 << 21, 32), (1 << 23, 128)] {
            let points = Points::new(7, samples);
            assert_eq!(points.replicates(), replicates, "{samples}");
            assert!(points.per_replicate <= MAX_PER_REPLICATE, "{samples}");
            assert_eq!(points.per_replicate * replicates, samples, "{samples}");
        }
    }

    #[test]
    fn the_u32_is_what_sobol_burley_rounds_to_f32() {
        for seed in [0u32, 1, 12345] {
            for d in 0..8 {
                for i in 0..2000 {
                    let x = sobol_u32(i, d, seed);
                    let f = sobol_burley::sample(i, d, seed);
                    assert_eq!(f32::from_bits((x >> 9) | 0x3f80_0000) - 1.0, f);
                }
            }
        }
    }

    #[test]
    fn the_four_dimension_path_gives_the_same_points() {
        for seed in [7u64, 1 << 40, 123_456_789] {
            let s8 = Scramble::new(seed);
            let s32 = (seed ^ (seed >> 32)) as u32;
            for i in 0..3000 {
                let p = s8.point(i);
                for (d, x) in p.iter().enumerate().take(INPUT_COUNT) {
                    assert_eq!(*x, open01(sobol_u32(i, d as u32, s32)));
                }
            }
        }
    }

    #[test]
    fn each_dimension_is_stratified() {
        // Any 2^m consecutive-from-0 points put exactly one point in each of 2^m strata.
        for d in 0..5 {
            let mut hit = [false; 1024];
            for i in 0..1024 {
                hit[(sobol_u32(i, d, 99) >> 22) as usize] = true;
            }
            assert!(hit.iter().all(|h| *h));
        }
    }
}
