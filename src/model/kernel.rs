//! The model on four samples at once (docs/MODEL.md §3–5): the market's window, what the
//! company's share of it earns, the installed base, the team's capacity, and what is
//! achievable. Every figure of every sample comes from this one function, so the headline,
//! the tornado, the levers, the time path and the frontier always agree to the last bit. The
//! closed forms that invert the model at the inputs' medians (the pace and reps needed, the
//! levers' thresholds in `headline.rs` and `levers.rs`) take its parts from here too
//! ([`Growth`], [`booked_per_rep_year`], [`installed_base`]); a change to the model is a change to them as well.
//!
//! Branch-free within the four lanes; the branches choose among whole paths, for all four
//! lanes at once: the short series where every lane's |kT| is below [`SHORT_BELOW`] (the
//! common path at plans' growth rates), the full series or `exp_m1` past it; and, only when
//! some lane needs them, the turning-time integrals where a share path reaches its cap or zero
//! inside the window, and the overflow paths where I0 or I1 passes the doubles
//! (`linear_part`, `past_the_doubles`, [`Outcome4::achievable_capture`]).

use wide::f64x4;

use super::plan::Plan;
use crate::scenario::{Field, PerInput};

/// Below this |kt| the integrals use their Taylor series (docs/MODEL.md §3): exact to the last
/// bits there, where the closed form of I1 loses ~2/|kt| of expm1's precision to cancellation.
pub const SERIES_BELOW: f64 = 0.5;

/// Terms of the series: at |x| < 0.5 the next term is below 1e-20 of the sum (a ten-thousandth
/// of the last bit).
const TERMS: usize = 17;

/// 1/(n+1)!, n = 0..TERMS: I0(t) = t·Σ xⁿ/(n+1)!.
pub const I0_SERIES: [f64; TERMS] = {
    let mut c = [0.0; TERMS];
    let mut factorial = 1.0;
    let mut n = 0;
    while n < TERMS {
        factorial *= (n + 1) as f64;
        c[n] = 1.0 / factorial;
        n += 1;
    }
    c
};

/// 1/(n!(n+2)), n = 0..TERMS: I1(t) = t²·Σ xⁿ/(n!(n+2)).
pub const I1_SERIES: [f64; TERMS] = {
    let mut c = [0.0; TERMS];
    let mut factorial = 1.0;
    let mut n = 0;
    while n < TERMS {
        if n > 0 {
            factorial *= n as f64;
        }
        c[n] = 1.0 / (factorial * (n + 2) as f64);
        n += 1;
    }
    c
};

/// Below this |kt| the first [`SHORT_TERMS`] terms of the series suffice: the next is below
/// 0.05⁹/10! ≈ 5·10⁻¹⁹ of the sum (a two-hundredth of the last bit). Most horizons and growth
/// rates are here (90 days at 20% a year is kt ≈ 0.045).
const SHORT_BELOW: f64 = 0.05;

/// Terms of the series below [`SHORT_BELOW`].
const SHORT_TERMS: usize = 9;

/// Σ cₙxⁿ over the first `terms` coefficients by Horner's rule, from the highest term, one
/// rounding per term (fused multiply-add).
#[inline(always)]
fn horner(c: &[f64; TERMS], terms: usize, x: f64x4) -> f64x4 {
    let mut sum = f64x4::splat(c[terms - 1]);
    for &cn in c[..terms - 1].iter().rev() {
        sum = sum.mul_add(x, f64x4::splat(cn));
    }
    sum
}

/// I0(t) = ∫₀ᵗ e^{ks} ds and I1(t) = ∫₀ᵗ s·e^{ks} ds per lane: the series below
/// [`SERIES_BELOW`], else expm1(x)/k and (expm1(x)(x − 1) + x)/k² with x = kt.
#[inline(always)]
pub fn integrate(k: f64x4, t: f64x4) -> (f64x4, f64x4) {
    let x = k * t;
    if x.abs().simd_lt(f64x4::splat(SHORT_BELOW)).all() {
        let s0 = t * horner(&I0_SERIES, SHORT_TERMS, x);
        return (s0, t * t * horner(&I1_SERIES, SHORT_TERMS, x));
    }
    let series = x.abs().simd_lt(f64x4::splat(SERIES_BELOW));
    let s0 = t * horner(&I0_SERIES, TERMS, x);
    let s1 = t * t * horner(&I1_SERIES, TERMS, x);
    if series.all() {
        return (s0, s1);
    }
    let em1 = x.exp_m1();
    let c0 = em1 / k;
    let c1 = (em1 * (x - f64x4::ONE) + x) / (k * k);
    (series.select(s0, c0), series.select(s1, c1))
}

/// ∫₀ᵗ e^{ks} ds and ∫₀ᵗ s·e^{ks} ds at one point in time, for the figures computed once per
/// scenario (the required pace and reps): [`integrate`] in lane 0, so that such a figure and a
/// pass over the samples agree to the last bit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Growth {
    /// I0(t) = ∫₀ᵗ e^{ks} ds, in years (the window's length weighted by growth).
    pub i0: f64,
    /// I1(t) = ∫₀ᵗ s·e^{ks} ds, in years².
    pub i1: f64,
}

impl Growth {
    /// Both integrals from 0 to `t` years at continuous rate `k`.
    pub fn integrate(k: f64, t: f64) -> Growth {
        let (i0, i1) = integrate(f64x4::splat(k), f64x4::splat(t));
        Growth {
            i0: i0.to_array()[0],
            i1: i1.to_array()[0],
        }
    }
}

/// What four samples say about the plan over the first `years` of it.
#[derive(Debug, Clone, Copy)]
pub struct Outcome4 {
    /// W = s·M·I0(T): the serviceable market's revenue inside the window.
    pub market_in_window: f64x4,
    /// A_market = s·M·∫₀ᵀ c(t)e^{kt} dt: what the company's share of it earns.
    pub market_revenue: f64x4,
    /// B = s·M·c0·I0(T): what today's share brings in with no new selling.
    pub installed_base: f64x4,
    /// C = quota·attainment·rep-years: new revenue the team can book (∞ without a team).
    pub capacity_revenue: f64x4,
    /// A_market and W without their factor s·M: ∫₀ᵀ c(t)e^{kt} dt and I0(T), whose ratio is
    /// A/W where A overflowed but they did not.
    share_integral: f64x4,
    i0: f64x4,
    /// The share path, for a window past the doubles (computed from only there).
    path: SharePath,
}

/// The share path c(t) = clamp(c0 + γt, 0, cap) over a window of `years`.
#[derive(Debug, Clone, Copy)]
struct SharePath {
    current: f64x4,
    gain: f64x4,
    cap: f64x4,
    years: f64x4,
}

impl SharePath {
    /// c(T): the share at the window's end, what A/W tends to as growth outruns the doubles.
    #[inline(always)]
    fn end_share(&self) -> f64x4 {
        (self.current + self.gain * self.years)
            .max(f64x4::ZERO)
            .min(self.cap)
    }
}

impl Outcome4 {
    /// B + C: the most the company can book when the team is the limit.
    #[inline(always)]
    pub fn team_limit(&self) -> f64x4 {
        self.installed_base + self.capacity_revenue
    }

    /// A = min(A_market, B + C), as a comparison so that a NaN market revenue stays NaN and
    /// is never feasible.
    #[inline(always)]
    pub fn achievable(&self) -> f64x4 {
        let team = self.team_limit();
        team.simd_lt(self.market_revenue)
            .select(team, self.market_revenue)
    }

    /// A/W, what the company earns of the window (see [`capture4`]). Where A or W overflowed
    /// to ∞ (docs/MODEL.md §10, "A window past the largest double"; A/∞ read 0), s·M cancels:
    /// ∫c(t)e^{kt}dt / I0(T), the share's average over the window weighted by the market's
    /// revenue; where those overflowed too (growth beyond e^(709.78/T) a year), c(T), the
    /// share at the window's end, to which that average tends as growth grows (within γ/k,
    /// at most γ·T/709). With a team, never above c0 + C/W, what B + C makes of the window.
    /// `a` is [`Self::achievable`], which the caller has in hand.
    #[inline(always)]
    pub fn achievable_capture(&self, a: f64x4) -> f64x4 {
        let window = self.market_in_window;
        let ratio = capture4(a, window);
        let overflowed = a.is_inf() | window.is_inf();
        if !overflowed.any() {
            return ratio;
        }
        let average = self.share_integral / self.i0;
        let average = (average.is_nan() | average.is_inf()).select(self.path.end_share(), average);
        let team = self
            .capacity_revenue
            .is_inf()
            .select(average, self.path.current + self.capacity_revenue / window);
        overflowed.select(average.min(team), ratio)
    }

    /// Lanes whose sample makes `target`: A ≥ R to within a rounding ([`least_making`]), a
    /// tie counting as made (docs/MODEL.md §5); a NaN never does.
    #[inline(always)]
    pub fn makes(&self, target: f64x4) -> f64x4 {
        self.achievable().simd_ge(least_making4(target))
    }

    /// Lanes where not even the whole window makes `target` (W short of R as [`Self::makes`]
    /// reads it; a NaN or empty window is short): those that need more than all of it.
    #[inline(always)]
    pub fn beyond_the_window(&self, target: f64x4) -> f64x4 {
        !self.market_in_window.simd_ge(least_making4(target))
    }

    /// Lanes where the team binds: B + C < A_market (a tie counts as the market).
    #[inline(always)]
    pub fn capacity_binds(&self) -> f64x4 {
        self.team_limit().simd_lt(self.market_revenue)
    }
}

/// ∫₀ᵀ c(t)·e^{kt} dt per lane for c(t) = clamp(c0 + γt, 0, cap): linear until it reaches the
/// cap (γ > 0) or zero (γ < 0) at τ, flat after; c0·I0(τ) + γ·I1(τ) + plateau·(I0(T) − I0(τ)).
/// `overflows`: whether I1(T) overflowed in some lane (then [`linear_part`] takes care).
#[inline(always)]
fn share_integral(
    (c0, gain, cap): (f64x4, f64x4, f64x4),
    k: f64x4,
    years: f64x4,
    (i0, i1): (f64x4, f64x4),
    overflows: bool,
) -> f64x4 {
    let rising = gain.simd_gt(f64x4::ZERO);
    let falling = gain.simd_lt(f64x4::ZERO);
    let flat = !(rising | falling);
    // (cap − c0)/γ rising, c0/(−γ) = −c0/γ falling: one division.
    let turn = rising.select(cap - c0, -c0) / gain;
    let plateau = rising.select(cap, f64x4::ZERO);
    let straight = if overflows {
        linear_part((c0, gain), k, years, (i0, i1))
    } else {
        c0 * i0 + gain * i1
    };
    let turns = !flat & turn.simd_lt(years);
    let share = flat.select(c0 * i0, straight);
    if !turns.any() {
        return share;
    }
    let to = turns.select(turn, years);
    let (j0, j1) = integrate(k, to);
    // A plateau at 0 earns nothing, also where I0(T) overflowed (0·∞ would be NaN).
    let on_plateau = plateau
        .simd_eq(f64x4::ZERO)
        .select(f64x4::ZERO, plateau * (i0 - j0));
    // I1(τ) ≤ I1(T) for τ < T: it overflows only where I1(T) does.
    let linear = if overflows {
        linear_part((c0, gain), k, to, (j0, j1))
    } else {
        c0 * j0 + gain * j1
    };
    let turned = linear + on_plateau;
    turns.select(turned, share)
}

/// ∫₀ᵉ (c0 + γt)·e^{kt} dt = c0·I0(e) + γ·I1(e), the share path's linear part up to `end`.
/// Where I1 overflowed but I0 did not (kT past about 703.2, or a window of years), it is
/// computed as I0·(c0 + γ(e − 1/k)) + γe/k (since e^{ke} = 1 + k·I0), which is finite there,
/// not as γ·∞ (±∞).
#[inline(always)]
fn linear_part(
    (c0, gain): (f64x4, f64x4),
    k: f64x4,
    end: f64x4,
    (i0, i1): (f64x4, f64x4),
) -> f64x4 {
    let sum = c0 * i0 + gain * i1;
    let overflowed = i1.is_inf() & !i0.is_inf();
    if !overflowed.any() {
        return sum;
    }
    let factored = i0 * (c0 + gain * (end - f64x4::ONE / k)) + gain * end / k;
    overflowed.select(factored, sum)
}

/// The share integral in lanes where growth beyond e^(709.78/T) a year overflowed I0(T) to ∞,
/// as the model means it rather than as 0·∞ and ∞ − ∞ leave it (NaN): ∞ where a share is held
/// at the window's end, 0 where none ever is, and where the share fell to 0 inside the window,
/// what it earned before (∞ if that overflowed too).
#[inline(never)]
fn past_the_doubles(path: &SharePath, share: f64x4) -> f64x4 {
    let (zero, infinite) = (f64x4::ZERO, f64x4::splat(f64::INFINITY));
    let never_held = path.current.simd_eq(zero) & path.gain.simd_le(zero);
    let before_zero = (share.is_nan() | share.is_inf()).select(infinite, share);
    path.end_share()
        .simd_gt(zero)
        .select(infinite, never_held.select(zero, before_zero))
}

/// q·a: what one ramped rep books in a year (quota × attainment), for four samples here and
/// for one where a closed form inverts C = q·a·rep-years (the reps needed, the reps lever).
#[inline(always)]
pub fn booked_per_rep_year<T: Copy + std::ops::Mul<Output = T>>(x: &PerInput<T>) -> T {
    x[Field::CapacityQuotaPerRep] * x[Field::CapacityAttainment]
}

/// B = s·M·(c0·I0): the installed base's revenue inside the window (the serviceable market
/// `market` = s·M, today's share `current` = c0, the window's growth integral `i0` = I0), for
/// four samples here and for one where a closed form takes it off the target (the reps needed).
/// Grouped as A_market's flat share is (s·M times c0·I0), so that without a share gain and a
/// team that books nothing B + C equals A_market to the bit: a tie, which counts as the market
/// binding, not as the team in the samples where rounding fell short.
#[inline(always)]
pub fn installed_base<T: Copy + std::ops::Mul<Output = T>>(market: T, current: T, i0: T) -> T {
    market * (current * i0)
}

/// Whether the serviceable market s·M (`market`) is empty: it is 0, so there is nothing to
/// take a share of, and no share of it, however fast the market grows, books anything
/// (docs/MODEL.md §5, "No market, no revenue"). The one test of it: the model's samples
/// ([`empty_market4`], which zero their window, market revenue and installed base rather than
/// make 0·∞ a NaN) and the closed forms at the medians (the pace and reps needed and the cap
/// that stops the market, in `headline.rs`). Samples and medians are clamped to their inputs'
/// domains, so s·M is never below 0. Not the same as a market too small to gain share in
/// (`report::format`, which reads a pace needed past the doubles as that too), nor as an
/// empty window, W = 0 ([`super::outcome::capture`]).
#[inline(always)]
pub fn empty_market(market: f64) -> bool {
    market == 0.0
}

/// [`empty_market`] per lane, bit for bit.
#[inline(always)]
fn empty_market4(market: f64x4) -> f64x4 {
    market.simd_eq(f64x4::ZERO)
}

/// The model for four samples (their inputs as the columns keep them: growth as k) over the
/// first `years` of `plan`.
#[inline(always)]
pub fn outcome4(plan: &Plan, x: &PerInput<f64x4>, years: f64) -> Outcome4 {
    let capacity_revenue = match &plan.team {
        Some(team) => booked_per_rep_year(x) * f64x4::splat(team.rep_years(years)),
        None => f64x4::splat(f64::INFINITY),
    };
    let market = x[Field::MarketServiceable] * x[Field::MarketSize];
    let k = x[Field::MarketGrowth];
    let current = x[Field::ShareCurrent];
    let t = f64x4::splat(years);
    let horizon = integrate(k, t);
    // A share above the ceiling is kept, not cut: the ceiling limits gains, not today's share.
    let cap = x[Field::ShareCeiling].max(current);
    let gain = x[Field::ShareGainPerYear];
    let path = SharePath {
        current,
        gain,
        cap,
        years: t,
    };
    // As computed, I1 overflows wherever I0 does (its closed form multiplies e^{kT} by kT − 1,
    // above 700 there): one look at it says whether anything here needs the rare paths.
    let overflows = horizon.1.is_inf().any();
    let mut share = share_integral((current, gain, cap), k, t, horizon, overflows);
    let mut base = installed_base(market, current, horizon.0);
    let overflowed = horizon.0.is_inf();
    if overflows && overflowed.any() {
        share = overflowed.select(past_the_doubles(&path, share), share);
        // Today's share of an overflowing window: ∞, or nothing for no share (not 0·∞).
        let held = current.simd_gt(f64x4::ZERO);
        let past = held.select(f64x4::splat(f64::INFINITY), f64x4::ZERO);
        base = overflowed.select(past, base);
    }
    // No market, no revenue, however fast "nothing" grows (0·∞ would be NaN).
    let empty = empty_market4(market);
    let nothing = |v: f64x4| empty.select(f64x4::ZERO, v);
    Outcome4 {
        market_in_window: nothing(market * horizon.0),
        market_revenue: nothing(market * share),
        installed_base: nothing(base),
        capacity_revenue,
        share_integral: share,
        i0: horizon.0,
        path,
    }
}

/// How far below the target, relative to it, an achievable revenue may fall and still make it:
/// a rounding of the model's sums, not a shortfall. 30% of a 100M market over three years
/// books 90M exactly, and 89,999,999.99999999 in doubles (docs/MODEL.md §5, "A rounding short
/// is made"). Far below a cent on any target, far above the model's rounding (about 10⁻¹⁵).
pub const MADE_WITHIN: f64 = 1e-12;

/// The least achievable revenue that makes `target`: R − R·[`MADE_WITHIN`], the one bar every
/// count of feasible samples, every lever and every requirement is measured against.
#[inline(always)]
pub fn least_making(target: f64) -> f64 {
    target - target * MADE_WITHIN
}

/// The largest target `achievable` makes: the R with [`least_making`]`(R) ≤ achievable` that
/// one step up loses (`least_making` never falls as R grows). What a realistic target reads as,
/// typed back (`report::format`); itself where not a positive finite number.
pub fn most_made_by(achievable: f64) -> f64 {
    let mut r = achievable / (1.0 - MADE_WITHIN);
    if !(achievable > 0.0 && r.is_finite()) {
        return achievable;
    }
    while least_making(r) > achievable {
        r = r.next_down();
    }
    while least_making(r.next_up()) <= achievable {
        r = r.next_up();
    }
    r
}

/// [`least_making`] per lane, bit for bit.
#[inline(always)]
fn least_making4(target: f64x4) -> f64x4 {
    target - target * f64x4::splat(MADE_WITHIN)
}

/// revenue / window per lane, with [`super::outcome::capture`]'s conventions at 0.
#[inline(always)]
pub fn capture4(revenue: f64x4, window: f64x4) -> f64x4 {
    let nothing_to_earn_from = revenue
        .simd_gt(f64x4::ZERO)
        .select(f64x4::splat(f64::INFINITY), f64x4::ZERO);
    window
        .simd_gt(f64x4::ZERO)
        .select(revenue / window, nothing_to_earn_from)
}

/// How many lanes of a comparison's mask are set.
#[inline(always)]
pub fn count(mask: f64x4) -> u64 {
    u64::from(mask.to_bitmask().count_ones())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nan_market_revenue_is_never_achievable() {
        // 0·∞ at the limits of floating point: `f64::min` would have taken the team's ∞.
        let zero = f64x4::ZERO;
        let o = Outcome4 {
            market_in_window: f64x4::splat(f64::INFINITY),
            market_revenue: f64x4::splat(f64::NAN),
            installed_base: zero,
            capacity_revenue: f64x4::splat(f64::INFINITY),
            share_integral: zero,
            i0: zero,
            path: SharePath {
                current: zero,
                gain: zero,
                cap: zero,
                years: zero,
            },
        };
        assert!(o.achievable().to_array().iter().all(|a| a.is_nan()));
        assert!(!o.makes(f64x4::splat(1.0)).any());
    }

    fn close(a: f64, b: f64, relative: f64) -> bool {
        (a - b).abs() <= relative * b.abs().max(f64::MIN_POSITIVE)
    }

    /// Numerical ∫₀ᵗ f by composite Simpson with many panels, as an independent check.
    fn simpson(f: impl Fn(f64) -> f64, t: f64) -> f64 {
        let n = 20_000;
        let h = t / n as f64;
        let inner: f64 = (1..n)
            .map(|i| f(i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 })
            .sum();
        (f(0.0) + f(t) + inner) * h / 3.0
    }

    #[test]
    fn the_integrals_match_numerical_integration_on_both_sides_of_the_series() {
        let cases = [
            (0.2, 1.0),
            (-0.5, 3.0),
            (0.001, 0.5),
            (1.5, 2.0),
            (0.04, 0.2),
        ];
        for (k, t) in cases {
            let (i0, i1) = integrate(f64x4::splat(k), f64x4::splat(t));
            let (i0, i1) = (i0.to_array()[0], i1.to_array()[0]);
            assert!(
                close(i0, simpson(|s| (k * s).exp(), t), 1e-10),
                "I0 {k} {t}"
            );
            assert!(
                close(i1, simpson(|s| s * (k * s).exp(), t), 1e-10),
                "I1 {k} {t}"
            );
        }
    }

    #[test]
    fn the_series_and_the_closed_form_agree_where_they_meet() {
        for side in [-1.0, 1.0] {
            let edge = |x: f64| integrate(f64x4::splat(x), f64x4::ONE);
            let (below, above) = (
                edge(side * (SERIES_BELOW - 1e-14)),
                edge(side * (SERIES_BELOW + 1e-14)),
            );
            for (b, a) in [(below.0, above.0), (below.1, above.1)] {
                assert!(close(b.to_array()[0], a.to_array()[0], 1e-12));
            }
        }
    }

    #[test]
    fn the_short_series_is_the_long_one_to_the_last_bit() {
        // Where all four lanes are below SHORT_BELOW the short series is used; one lane past
        // it sends the vector through the long one, which this compares against.
        let mut worst = 0.0f64;
        for i in 0..=2000 {
            let x = SHORT_BELOW * (i as f64 / 1000.0 - 1.0) * (1.0 - 1e-12);
            let short = integrate(f64x4::splat(x), f64x4::ONE);
            let long = integrate(f64x4::new([x, 0.3, 0.3, 0.3]), f64x4::ONE);
            for (s, l) in [(short.0, long.0), (short.1, long.1)] {
                let (s, l) = (s.to_array()[0], l.to_array()[0]);
                worst = worst.max((s - l).abs() / l.abs());
            }
        }
        assert!(
            worst <= f64::EPSILON,
            "short and long series differ by {worst:e}"
        );
    }

    #[test]
    fn without_growth_the_integrals_are_t_and_half_t_squared() {
        let (i0, i1) = integrate(f64x4::ZERO, f64x4::splat(0.25));
        assert_eq!(i0.to_array()[0], 0.25);
        assert_eq!(i1.to_array()[0], 0.25 * 0.25 / 2.0);
    }

    #[test]
    fn the_series_coefficients_are_the_factorials() {
        assert_eq!(I0_SERIES[..4], [1.0, 1.0 / 2.0, 1.0 / 6.0, 1.0 / 24.0]);
        assert_eq!(
            I1_SERIES[..4],
            [1.0 / 2.0, 1.0 / 3.0, 1.0 / 8.0, 1.0 / 30.0]
        );
    }

    #[test]
    fn horner_sums_exactly_the_first_terms_coefficients() {
        // 1 + 2·10 + 3·100 = 321: no term past `terms`, none counted twice.
        let mut c = [0.0; TERMS];
        for (n, cn) in c.iter_mut().enumerate() {
            *cn = (n + 1) as f64;
        }
        assert_eq!(horner(&c, 3, f64x4::splat(10.0)).to_array()[0], 321.0);
    }

    fn splat(x: f64) -> f64x4 {
        f64x4::splat(x)
    }

    /// The share path's integral for one sample, through the vector code.
    fn share(c0: f64, gain: f64, cap: f64, k: f64, t: f64) -> f64 {
        let horizon = integrate(splat(k), splat(t));
        let overflows = horizon.1.is_inf().any();
        share_integral(
            (splat(c0), splat(gain), splat(cap)),
            splat(k),
            splat(t),
            horizon,
            overflows,
        )
        .to_array()[0]
    }

    #[test]
    fn a_flat_share_earns_its_share_of_the_window() {
        let k = 0.1f64.ln_1p();
        assert_eq!(
            share(0.3, 0.0, 0.6, k, 0.5),
            0.3 * integrate(splat(k), splat(0.5)).0.to_array()[0]
        );
    }

    #[test]
    fn the_share_path_integral_matches_numerical_integration_through_its_kinks() {
        let cases = [
            (0.1, 0.5, 0.3, 0.2, 1.0),   // reaches the cap at t = 0.4
            (0.1, -0.4, 0.6, 0.1, 1.0),  // reaches zero at t = 0.25
            (0.1, 0.05, 0.6, -0.3, 2.0), // never reaches the cap
            (0.6, 0.2, 0.6, 0.0, 1.0),   // starts at the cap
        ];
        for (c0, gain, cap, k, t) in cases {
            let exact = share(c0, gain, cap, k, t);
            let path = |s: f64| (c0 + gain * s).clamp(0.0, cap) * (k * s).exp();
            assert!(
                close(exact, simpson(path, t), 1e-7),
                "{c0} {gain} {cap} {k} {t}"
            );
        }
    }

    #[test]
    fn a_sample_beside_one_whose_window_overflows_is_integrated_as_alone() {
        // Four samples share a vector: no growth, a market shrinking 99% a year and 10% growth
        // beside growth of 1e306 a year, whose I1 overflows over a year (kT ≈ 704.6). Each of
        // the three is worked out to the bit as it is with no such neighbour.
        let (c0, gain, cap, t) = (0.05, 0.01, 1.0, 1.0);
        let growth = [0.0, 0.01f64.ln(), 1e306f64.ln(), 0.1f64.ln_1p()];
        let k = f64x4::new(growth);
        let horizon = integrate(k, splat(t));
        assert!(horizon.1.to_array()[2].is_infinite());
        let together = share_integral(
            (splat(c0), splat(gain), splat(cap)),
            k,
            splat(t),
            horizon,
            true,
        )
        .to_array();
        for lane in [0, 1, 3] {
            let alone = share(c0, gain, cap, growth[lane], t);
            assert_eq!(together[lane], alone, "growth k = {}", growth[lane]);
        }
    }
}
