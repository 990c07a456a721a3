//! The random streams (docs/MODEL.md §8): a 4-lane xoshiro256++ in `wide::u64x4`, four
//! independent generators stepped together.
//!
//! Layout (fixed, whatever the CPU): lane ℓ of the generator for (seed, input, chunk) is an
//! ordinary xoshiro256++ seeded with SplitMix64 from `lane_seed(seed, input, chunk, ℓ)`, exactly
//! as `rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64` would seed it (a test checks this
//! lane by lane). Step j of the generator gives the samples 4j, 4j+1, 4j+2, 4j+3 of the chunk.
//! So a chunk's numbers depend only on (seed, input, chunk): never on the thread that runs it,
//! on the block size used inside the chunk, or on the vector width of the machine (an f64x8
//! kernel would run two of these side by side and keep the same sample order).
//!
//! Only shifts, xors, ors and 64-bit adds are needed, all in SSE2; no 64-bit multiply.

use wide::{f64x4, u64x4};

/// Number of lanes of the logical generator: part of the definition of the streams.
pub const LANES: usize = 4;

/// SplitMix64's finaliser over (seed, stream, chunk), so neighbouring chunks and inputs get
/// unrelated streams.
pub fn stream_seed(seed: u64, stream: u64, chunk: u64) -> u64 {
    let mut z = seed
        .wrapping_add(stream.wrapping_mul(0xD1B5_4A32_D192_ED03))
        .wrapping_add(chunk.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The u64 that seeds lane `lane` of (seed, input, chunk): the stream seed of "sub-chunk"
/// 4·chunk + lane (any injective mix would do; this one reuses [`stream_seed`]).
pub fn lane_seed(seed: u64, stream: u64, chunk: u64, lane: u64) -> u64 {
    stream_seed(seed, stream, chunk * LANES as u64 + lane)
}

/// SplitMix64, the generator rand_xoshiro uses to expand a u64 seed into 256 bits of state.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[inline(always)]
fn rotl(x: u64x4, k: u32) -> u64x4 {
    (x << k) | (x >> (64 - k))
}

/// Four xoshiro256++ generators, state word i of every lane in `s[i]`.
#[derive(Clone, Copy, Debug)]
pub struct Xoshiro4 {
    s: [u64x4; 4],
}

impl Xoshiro4 {
    /// Each lane seeded from its u64 as `Xoshiro256PlusPlus::seed_from_u64` does.
    pub fn from_lane_seeds(seeds: [u64; LANES]) -> Xoshiro4 {
        let mut words = [[0u64; LANES]; 4];
        for (lane, seed) in seeds.iter().enumerate() {
            let mut sm = *seed;
            for word in words.iter_mut() {
                word[lane] = splitmix64(&mut sm);
            }
            // An all-zero state is impossible from SplitMix64 in practice (rand_xoshiro
            // remaps it; the chance is 2^-256).
        }
        Xoshiro4 {
            s: words.map(u64x4::new),
        }
    }

    /// The generator of one input's stream in one chunk.
    pub fn for_chunk(seed: u64, stream: u64, chunk: u64) -> Xoshiro4 {
        Xoshiro4::from_lane_seeds(std::array::from_fn(|lane| {
            lane_seed(seed, stream, chunk, lane as u64)
        }))
    }

    /// One step of all four lanes: xoshiro256++'s output and state update.
    #[inline(always)]
    pub fn next_u64x4(&mut self) -> u64x4 {
        let [s0, s1, s2, s3] = self.s;
        let result = rotl(s0 + s3, 23) + s0;
        let t = s1 << 17;
        let s2 = s2 ^ s0;
        let s3 = s3 ^ s1;
        let s1 = s1 ^ s2;
        let s0 = s0 ^ s3;
        let s2 = s2 ^ t;
        let s3 = rotl(s3, 45);
        self.s = [s0, s1, s2, s3];
        result
    }

    /// Uniforms in the open interval (0, 1): the top 52 bits as the mantissa of [1, 2), minus
    /// (1 − 2⁻⁵³). Values (2m + 1)·2⁻⁵³, m = 0..2⁵²−1: exact (Sterbenz), symmetric about ½,
    /// never 0 or 1, so ln(u) and Φ⁻¹(u) are always finite. Three integer/float ops per lane.
    #[inline(always)]
    pub fn next_open01(&mut self) -> f64x4 {
        let bits = (self.next_u64x4() >> 12) | u64x4::splat(0x3FF0_0000_0000_0000);
        f64x4::from_bits(bits) - f64x4::splat(1.0 - f64::EPSILON / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_xoshiro::Xoshiro256PlusPlus;

    #[test]
    fn every_lane_is_the_scalar_generator() {
        let seeds = [1u64, 7, 0xDEAD_BEEF, u64::MAX];
        let mut v = Xoshiro4::from_lane_seeds(seeds);
        let mut scalar = seeds.map(Xoshiro256PlusPlus::seed_from_u64);
        for _ in 0..1000 {
            let x = v.next_u64x4().to_array();
            for lane in 0..4 {
                assert_eq!(x[lane], scalar[lane].next_u64());
            }
        }
    }
    #[test]
    fn open01_never_reaches_the_ends() {
        let lo = f64x4::from_bits(u64x4::splat(0x3FF0_0000_0000_0000))
            - f64x4::splat(1.0 - f64::EPSILON / 2.0);
        assert_eq!(lo.to_array()[0], f64::EPSILON / 2.0);
        let hi = f64x4::from_bits(u64x4::splat(0x3FFF_FFFF_FFFF_FFFF))
            - f64x4::splat(1.0 - f64::EPSILON / 2.0);
        assert_eq!(hi.to_array()[0], 1.0 - f64::EPSILON / 2.0);
    }
}
