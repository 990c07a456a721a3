//! `wide`'s transcendental functions taken on the arguments the model gives them, to the bit
//! (docs/MODEL.md §8, "Accuracy of the approximations"). `wide`'s own functions handle every
//! argument (huge, infinite, NaN, subnormal results) with selects that run on every call, and
//! its `sin_cos` takes the quadrant by an f64→i64 conversion that an AVX2 build does lane by
//! lane. These repeat its arithmetic exactly (the same reductions, polynomials and fused
//! multiply-adds, in the same order) on the arguments the model gives them; `exp` hands any
//! other to `wide`. The tests compare them with `wide`'s own, bit for bit, so a `wide` that
//! changed its arithmetic would fail them rather than move the model's figures unseen.

#![allow(clippy::excessive_precision)] // coefficients as `wide` (and VCL) publish them

use wide::{f64x4, u64x4};

/// 2⁵²: a whole number n, 0 ≤ n < 2⁵², added to it sits in the low bits of the sum's bits.
const TWO_52: f64 = 4_503_599_627_370_496.0;

/// `wide`'s `f64x4::sin_cos` (Agner Fog's VCL) to the bit, for a finite θ in [−π, π] only
/// (Box–Muller's angle): the same reduction, polynomials and FMAs, with the quadrant q ∈
/// {0, 1, 2} read from the bits of y + 2⁵² rather than converted lane by lane (an AVX2 build has
/// no f64→i64 conversion, so `round_int` goes through two scalar halves), and without the checks
/// a large or non-finite θ needs.
#[inline(always)]
pub fn sin_cos_half_turn(theta: f64x4) -> (f64x4, f64x4) {
    const SIN: [f64; 6] = [
        -1.666_666_666_666_663_072_95E-1,
        8.333_333_333_322_118_588_78E-3,
        -1.984_126_982_958_953_859_96E-4,
        2.755_731_362_138_572_452_13E-6,
        -2.505_074_776_285_780_728_66E-8,
        1.589_623_015_765_465_680_60E-10,
    ];
    const COS: [f64; 6] = [
        4.166_666_666_666_659_292_18E-2,
        -1.388_888_888_887_305_641_16E-3,
        2.480_158_728_885_170_453_48E-5,
        -2.755_731_417_929_673_881_12E-7,
        2.087_570_084_197_473_167_78E-9,
        -1.135_853_652_138_768_173_00E-11,
    ];
    // π/2 in three parts (Cody–Waite), as `wide` has them.
    let dp1 = f64x4::splat(7.853_981_554_508_209_228_515_625E-1 * 2.);
    let dp2 = f64x4::splat(7.946_627_356_147_928_367_14E-9 * 2.);
    let dp3 = f64x4::splat(3.061_616_997_868_382_943_07E-17 * 2.);
    // `wide`'s polynomial_5!: c3·x + c2 by x², plus (c5·x + c4)·x⁴ + c1·x + c0.
    let poly = |x: f64x4, c: &[f64; 6]| {
        let c = |i: usize| f64x4::splat(c[i]);
        let x2 = x * x;
        let x4 = x2 * x2;
        c(3).mul_add(x, c(2))
            .mul_add(x2, c(5).mul_add(x, c(4)).mul_add(x4, c(1).mul_add(x, c(0))))
    };

    let xa = theta.abs();
    let y = (xa * f64x4::splat(2.0 / std::f64::consts::PI)).round_ties_even();
    // y is 0, 1 or 2, exact in the low bits of y + 2⁵².
    let q = (y + f64x4::splat(TWO_52)).to_bits();
    let x = y.mul_neg_add(dp3, y.mul_neg_add(dp2, y.mul_neg_add(dp1, xa)));
    let x2 = x * x;
    let s = (x * x2).mul_add(poly(x2, &SIN), x);
    let c = (x2 * x2).mul_add(
        poly(x2, &COS),
        x2.mul_neg_add(f64x4::splat(0.5), f64x4::ONE),
    );

    let one = u64x4::splat(1);
    let swap = f64x4::from_bits((q & one).simd_eq(one));
    let sign = f64x4::from_bits(u64x4::splat(1 << 63));
    let sin = swap.select(c, s) ^ (f64x4::from_bits((q << 62) ^ theta.to_bits()) & sign);
    let cos = swap.select(s, c) ^ f64x4::from_bits(((q + one) & u64x4::splat(2)) << 62);
    (sin, cos)
}

/// e^x as `wide`'s `f64x4::exp`, to the bit (a lognormal's values e^{μ+σz}). When every lane
/// is within ±700, `wide` takes no special case (no overflow, no subnormal result, its scale
/// exactly 1), so this runs only its main path; otherwise it calls `wide`.
#[inline(always)]
pub fn exp(x: f64x4) -> f64x4 {
    // 1/n! for n = 2 … 13.
    const P: [f64; 12] = [
        1.0 / 2.0,
        1.0 / 6.0,
        1.0 / 24.0,
        1.0 / 120.0,
        1.0 / 720.0,
        1.0 / 5040.0,
        1.0 / 40320.0,
        1.0 / 362880.0,
        1.0 / 3628800.0,
        1.0 / 39916800.0,
        1.0 / 479001600.0,
        1.0 / 6227020800.0,
    ];
    if !x.abs().simd_le(f64x4::splat(700.0)).all() {
        return x.exp();
    }
    let c = |n: usize| f64x4::splat(P[n - 2]);
    // ln 2 in two parts, as `wide` has them (after fdlibm).
    let (ln2_hi, ln2_lo) = (
        f64x4::splat(0.693145751953125),
        f64x4::splat(1.42860682030941723212E-6),
    );
    let r = (x * f64x4::LOG2_E).round_ties_even();
    let y = r.mul_neg_add(ln2_lo, r.mul_neg_add(ln2_hi, x));
    // `wide`'s polynomial_13!: y + y²/2 + … + y¹³/13!, grouped as it groups them.
    let y2 = y * y;
    let y4 = y2 * y2;
    let y8 = y4 * y4;
    let z = y8.mul_add(
        y4.mul_add(
            y.mul_add(c(13), c(12)),
            y2.mul_add(y.mul_add(c(11), c(10)), y.mul_add(c(9), c(8))),
        ),
        y4.mul_add(
            y2.mul_add(y.mul_add(c(7), c(6)), y.mul_add(c(5), c(4))),
            y2.mul_add(y.mul_add(c(3), c(2)), y),
        ),
    );
    // 2^r from r's bits: r + 1023 + 2⁵² holds the biased exponent in its low bits.
    let two_r = f64x4::from_bits((r + f64x4::splat(1023.0 + TWO_52)).to_bits() << 52);
    (z + f64x4::ONE) * two_r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits(v: f64x4) -> [u64; 4] {
        v.to_array().map(f64::to_bits)
    }

    #[test]
    fn half_turn_sin_cos_is_wides_to_the_bit() {
        // Every quadrant boundary and both ends, their neighbours, and a dense sweep.
        let pi = std::f64::consts::PI;
        let mut thetas = vec![0.0, -0.0, pi, -pi, 1e-300, -1e-300];
        for k in [-2.0, -1.5, -1.0, -0.5, 0.5, 1.0, 1.5, 2.0] {
            let t: f64 = k * std::f64::consts::FRAC_PI_2;
            thetas.extend([t, t.next_up(), t.next_down()]);
        }
        let n = 200_003;
        thetas.extend((0..n).map(|i| -pi + 2.0 * pi * (i as f64 + 0.5) / n as f64));
        thetas.retain(|t: &f64| t.abs() <= pi);
        for chunk in thetas.chunks(4) {
            let mut lanes = [0.25; 4];
            lanes[..chunk.len()].copy_from_slice(chunk);
            let theta = f64x4::new(lanes);
            let (s, c) = sin_cos_half_turn(theta);
            let (ws, wc) = theta.sin_cos();
            assert_eq!((bits(s), bits(c)), (bits(ws), bits(wc)), "θ = {lanes:?}");
        }
    }

    #[test]
    fn exp_is_wides_to_the_bit() {
        // The fast path's edges and past them (wide's own path), where results turn subnormal
        // or overflow, the specials, and a dense sweep of the range lognormals live in.
        let mut xs = vec![
            0.0, -0.0, 700.0, -700.0, 709.7, 710.0, -740.0, -745.5, -1e4, 1e4,
        ];
        xs.extend([
            700.0f64.next_up(),
            (-700.0f64).next_down(),
            f64::INFINITY,
            -f64::INFINITY,
        ]);
        xs.extend([f64::NAN, 1e-300, -1e-300, f64::MIN_POSITIVE]);
        let n = 400_009;
        xs.extend((0..n).map(|i| -700.0 + 1400.0 * (i as f64 + 0.5) / n as f64));
        xs.extend((0..n).map(|i| -40.0 + 80.0 * (i as f64 + 0.5) / n as f64));
        for chunk in xs.chunks(4) {
            let mut lanes = [1.5; 4];
            lanes[..chunk.len()].copy_from_slice(chunk);
            let x = f64x4::new(lanes);
            assert_eq!(bits(exp(x)), bits(x.exp()), "x = {lanes:?}");
        }
        // One lane past ±700 sends all four to `wide`: still its bits.
        let mixed = f64x4::new([1.0, 2.0, 800.0, -3.0]);
        assert_eq!(bits(exp(mixed)), bits(mixed.exp()));
    }
}
