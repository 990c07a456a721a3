//! Standard normal deviates four at a time: Box–Muller (plain Monte Carlo) and Wichura's
//! AS241 (PPND16) inverse CDF (quasi-Monte Carlo, where each uniform must map to one normal),
//! both on `wide::f64x4`, plus a scalar AS241 (docs/MODEL.md §8).
//!
//! Polynomials here are written with plain `*` and `+`, never `mul_add`: Rust never contracts
//! them into FMA, so they round alike in any build. `wide`'s own exp/ln/sin_cos use `mul_add`
//! (an FMA in the x86-64-v3 build this crate is compiled for, .cargo/config.toml).

#![allow(clippy::excessive_precision)] // coefficients as published; the compiler rounds them

use wide::f64x4;

use super::wide_fast::sin_cos_half_turn;

/// AS241 PPND16 coefficients, central region |p − ½| ≤ 0.425: z = q·A(r)/B(r), r = 0.180625 − q².
const A: [f64; 8] = [
    3.387_132_872_796_366_608,
    1.331_416_678_917_843_774_5e2,
    1.971_590_950_306_551_442_7e3,
    1.373_169_376_550_946_112_5e4,
    4.592_195_393_154_987_145_7e4,
    6.726_577_092_700_870_085_3e4,
    3.343_057_558_358_812_810_5e4,
    2.509_080_928_730_122_672_7e3,
];
const B: [f64; 8] = [
    1.0,
    4.231_333_070_160_091_125_2e1,
    6.871_870_074_920_579_083e2,
    5.394_196_021_424_751_107_7e3,
    2.121_379_430_158_659_586_7e4,
    3.930_789_580_009_271_061e4,
    2.872_908_573_572_194_267_4e4,
    5.226_495_278_852_854_561e3,
];
/// Tail, r = √(−ln min(p, 1−p)) ≤ 5: C(r − 1.6)/D(r − 1.6).
const C: [f64; 8] = [
    1.423_437_110_749_683_577_34,
    4.630_337_846_156_545_295_9,
    5.769_497_221_460_691_405_5,
    3.647_848_324_763_204_605_04,
    1.270_458_252_452_368_382_58,
    2.417_807_251_774_506_117_7e-1,
    2.272_384_498_926_918_458_33e-2,
    7.745_450_142_783_414_076_4e-4,
];
const D: [f64; 8] = [
    1.0,
    2.053_191_626_637_758_821_87,
    1.676_384_830_183_803_849_4,
    6.897_673_349_851_000_045_5e-1,
    1.481_039_764_274_800_745_9e-1,
    1.519_866_656_361_645_719_66e-2,
    5.475_938_084_995_344_946e-4,
    1.050_750_071_644_416_843_24e-9,
];
/// Far tail, r > 5 (p < 1.4e-11): E(r − 5)/F(r − 5).
const E: [f64; 8] = [
    6.657_904_643_501_103_777_2,
    5.463_784_911_164_114_369_9,
    1.784_826_539_917_291_335_8,
    2.965_605_718_285_048_912_3e-1,
    2.653_218_952_657_612_309_3e-2,
    1.242_660_947_388_078_438_6e-3,
    2.711_555_568_743_487_578_15e-5,
    2.010_334_399_292_288_132_65e-7,
];
const F: [f64; 8] = [
    1.0,
    5.998_322_065_558_879_376_9e-1,
    1.369_298_809_227_358_053_1e-1,
    1.487_536_129_085_061_485_25e-2,
    7.868_691_311_456_132_591e-4,
    1.846_318_317_510_054_681_8e-5,
    1.421_511_758_316_445_888_7e-7,
    2.044_263_103_389_939_785_64e-15,
];

#[inline(always)]
fn horner4(c: &[f64; 8], x: f64x4) -> f64x4 {
    let mut acc = f64x4::splat(c[7]);
    for &ci in c[..7].iter().rev() {
        acc = acc * x + f64x4::splat(ci);
    }
    acc
}

#[cfg(test)]
#[inline(always)]
fn horner(c: &[f64; 8], x: f64) -> f64 {
    let mut acc = c[7];
    for &ci in c[..7].iter().rev() {
        acc = acc * x + ci;
    }
    acc
}

/// Φ⁻¹(p) for p in (0, 1), scalar AS241 (PPND16; Wichura 1988, ~1e-16 relative): the
/// reference [`as241x4`] is checked against, to the bit.
#[cfg(test)]
fn as241(p: f64) -> f64 {
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q * horner(&A, r) / horner(&B, r);
    }
    let r = if q < 0.0 { p } else { 1.0 - p };
    let r = (-r.ln()).sqrt();
    let z = if r <= 5.0 {
        let r = r - 1.6;
        horner(&C, r) / horner(&D, r)
    } else {
        let r = r - 5.0;
        horner(&E, r) / horner(&F, r)
    };
    if q < 0.0 { -z } else { z }
}

/// Φ⁻¹(p) for four p in (0, 1): AS241 with the central rational always computed, the tail
/// (one `ln`, one `sqrt`, one rational) only when some lane needs it (85% of single draws are
/// central, so 52% of vectors skip it), and the far tail only when a lane has p < 1.4e-11.
#[inline(always)]
pub fn as241x4(p: f64x4) -> f64x4 {
    let half = f64x4::splat(0.5);
    let q = p - half;
    let central = q.abs().simd_le(f64x4::splat(0.425));
    let r = f64x4::splat(0.180625) - q * q;
    let zc = q * horner4(&A, r) / horner4(&B, r);
    if central.all() {
        return zc;
    }
    let lower = q.simd_lt(f64x4::ZERO);
    // min(p, 1 − p); 1 − p is exact for p ≥ ½.
    let tail_p = lower.select(p, f64x4::ONE - p);
    let r = (-tail_p.ln()).sqrt();
    let near = r.simd_le(f64x4::splat(5.0));
    let rn = r - f64x4::splat(1.6);
    let mut zt = horner4(&C, rn) / horner4(&D, rn);
    if !(near | central).all() {
        let rf = r - f64x4::splat(5.0);
        zt = near.select(zt, horner4(&E, rf) / horner4(&F, rf));
    }
    let zt = lower.select(-zt, zt);
    central.select(zc, zt)
}

/// Box–Muller: two uniforms in (0, 1) per lane give two independent normals per lane,
/// √(−2 ln u1)·(cos θ, sin θ) with θ = 2π(u2 − ½) ∈ (−π, π) (a small argument for sin_cos).
#[inline(always)]
pub fn box_muller(u1: f64x4, u2: f64x4) -> (f64x4, f64x4) {
    let radius = (f64x4::splat(-2.0) * u1.ln()).sqrt();
    let theta = (u2 - f64x4::splat(0.5)) * f64x4::splat(std::f64::consts::TAU);
    let (s, c) = sin_cos_half_turn(theta);
    (radius * c, radius * s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use statrs::distribution::{ContinuousCDF, Normal};

    #[test]
    fn vector_and_scalar_as241_agree_to_the_bit() {
        let ps = [
            1e-300,
            1e-20,
            1e-12,
            1e-5,
            0.02,
            0.07,
            0.2,
            0.5,
            0.9,
            0.975,
            1.0 - 1e-12,
        ];
        for chunk in ps.chunks(4) {
            let mut p = [0.5; 4];
            p[..chunk.len()].copy_from_slice(chunk);
            let z = as241x4(f64x4::new(p)).to_array();
            for i in 0..4 {
                assert_eq!(z[i], as241(p[i]), "p = {}", p[i]);
            }
        }
    }

    #[test]
    fn as241_matches_statrs() {
        let n = Normal::standard();
        for p in [1e-15, 1e-8, 0.001, 0.05, 0.3, 0.5, 0.8, 0.999] {
            let a = as241(p);
            let b = n.inverse_cdf(p);
            assert!((a - b).abs() <= 1e-14 * b.abs().max(1.0), "{p}: {a} vs {b}");
        }
    }
}
