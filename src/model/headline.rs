//! The headline figures (docs/MODEL.md §6): required capture, P(feasible), realistic target,
//! what each limit needs (pace, reps), binding limits and the verdict, from one pass over the
//! samples plus a few selections.

use serde::Serialize;

use super::draws::Draws;
use super::kernel::Growth;
use super::kernel::outcome4;
use super::kernel::{MADE_WITHIN, empty_market, least_making};
use super::outcome::{capture, makes};
use super::pass::{self, Figure, Passed, Source, Tally, Wants};
use super::plan::{Plan, Team};
use super::sampling::Sampler;
use super::stats::{
    Order, OrderStatistics, SUMMARY_PS, Summary, proportion, quantile_ranks, realistic_rank,
};
use super::verdict::Verdict;
use crate::scenario::field::MOST_GAIN_PER_YEAR;
use crate::scenario::number::thousands;
use crate::scenario::{Field, Method, PerInput, Scenario, Warning};
use wide::f64x4;

/// Share of samples in which each limit binds (a tie counts as the market).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Binding {
    pub market: f64,
    pub capacity: f64,
}

/// Why no share gain reaches the target, every input at its median: the share's cap keeps the
/// market short (docs/MODEL.md §4: a share cannot rise above its ceiling, or above today's
/// share where that is already above the ceiling, kept, never cut). A cap of 100% is the
/// whole serviceable market, decided here once for every sentence and cell that says it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MarketStop {
    /// The target is the most the window gives: only a share at its ceiling (below 100%) from
    /// day 0 books it (to a rounding, docs/MODEL.md §5), which no finite pace reaches.
    OnlyCeilingFromDayZero(f64),
    /// The same at a ceiling of 100%: only the whole serviceable market from day 0 books it.
    OnlyWholeMarketFromDayZero,
    /// The whole serviceable market falls short of the target, whatever the share's cap.
    WholeMarketShort,
    /// The share's ceiling, below 100%, stops it short.
    CeilingShort(f64),
    /// Today's share, above its ceiling and below 100%, is held there and stops it short.
    HeldTodayShort(f64),
}

/// Everything `eval` reports without `--detail`.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    /// N.
    pub samples: u64,
    /// F/N.
    pub p_feasible: f64,
    /// Its standard error: √(p(1−p)/N) under plain Monte Carlo, the spread of the scrambles'
    /// own estimates under Sobol points ([`p_feasible`]).
    pub p_feasible_se: f64,
    pub verdict: Verdict,
    /// W: the serviceable market's revenue inside the horizon.
    pub market_in_window: Summary,
    /// R/W.
    pub required_capture: Summary,
    /// A = min(A_market, B + C).
    pub achievable_revenue: Summary,
    /// A/W.
    pub achievable_capture: Summary,
    /// Share points per year the target needs, everything else at its median, the share's
    /// floor and ceiling ignored (the closed form JSON and CSV carry; see
    /// [`Headline::pace_needed`] for the one people read).
    pub required_pace: f64,
    /// The same with the share's floor (0) and cap as the model has them: what the market
    /// limit needs of the plan. Equal to `required_pace` where the share, at that pace, stays
    /// inside both over the window; +∞ where no pace reaches the target (the cap stops it).
    pub pace_with_clamps: f64,
    /// Median sampled share gain per year.
    pub assumed_pace: f64,
    /// How the share's cap alone keeps the market short of the target, everything at its
    /// median: no finite pace reaches it (`pace_with_clamps` is ∞), as where R ≥ s·M·cap·I0,
    /// the most the window gives with the share at its cap from day 0 (equal, only an
    /// infinite pace would), whatever [`Headline::required_pace`] (which ignores the ceiling)
    /// says. `None` otherwise, and for an empty market.
    pub market_stop: Option<MarketStop>,
    /// Ramped reps from day 0 the target needs, everything else at its median (signed; `None`
    /// without `[capacity]`).
    pub required_reps: Option<f64>,
    /// The ramped reps the plan has (`None` without `[capacity]`).
    pub assumed_reps: Option<u32>,
    /// The largest target feasible with probability ≥ confidence.
    pub realistic_target: f64,
    pub binding: Binding,
    pub warnings: Vec<Warning>,
    /// How the samples were drawn.
    pub method: Method,
    /// With Sobol points, the independent scrambles the standard error comes from.
    pub replicates: Option<usize>,
}

impl Headline {
    /// The share gain a year people read as needed: the model's own, floor and cap included
    /// ([`Headline::pace_with_clamps`]), where some pace reaches the target; where none does,
    /// the closed form, said beside the cap that stops the market
    /// ([`Headline::market_stop`]).
    ///
    /// Within [`PACE_ROUNDING`] of 0 it is 0 (today's share books the target to the last bit,
    /// and the model's sum lands a rounding either side of it: "needs 0 pts/yr, plans -20",
    /// where "-4.16e-15" or "1.24e-15" was), unless 0 would put the plan's own pace on the
    /// other side of it.
    pub fn pace_needed(&self) -> f64 {
        let needed = if self.pace_with_clamps.is_finite() {
            self.pace_with_clamps
        } else {
            self.required_pace
        };
        let planned = self.assumed_pace;
        let same_side = (planned >= needed) == (planned >= 0.0);
        if needed.abs() < PACE_ROUNDING && same_side {
            0.0
        } else {
            needed
        }
    }
}

/// Below this, in share a year (10⁻¹⁰ pts/yr), a pace needed is the arithmetic's rounding:
/// today's share times the market, against a target equal to it, leaves a difference of some
/// 10⁻¹⁶ of it, over a horizon of a day at the least ([`Headline::pace_needed`]).
const PACE_ROUNDING: f64 = 1e-12;

/// The headline with the per-sample achievable revenue behind it (for a histogram).
#[derive(Debug, Clone)]
pub struct Evaluated {
    pub headline: Headline,
    /// A for every sample, in no particular order.
    pub achievable: Vec<f64>,
}

/// Which order statistics the headline needs from a pass over `samples` samples whose
/// sampled inputs are `sampled`: W's for its summary and for required capture R/W (a
/// decreasing function of W: mirrored ranks), A's with the realistic target's rank, A/W's,
/// and the median of every sampled input.
fn wants(samples: usize, realistic_rank: usize, sampled: &[Field]) -> Wants {
    let summary = |order| quantile_ranks(samples, &SUMMARY_PS, order);
    let sorted = |mut ranks: Vec<usize>| {
        ranks.sort_unstable();
        ranks.dedup();
        ranks
    };
    let mut window = summary(Order::Increasing);
    window.extend(summary(Order::Decreasing));
    let mut achievable = summary(Order::Increasing);
    achievable.push(realistic_rank);
    let mut ranks = vec![
        (Figure::Window, sorted(window)),
        (Figure::Achievable, sorted(achievable)),
        (Figure::Capture, sorted(summary(Order::Increasing))),
    ];
    let median = quantile_ranks(samples, &[0.5], Order::Increasing);
    ranks.extend(
        sampled
            .iter()
            .map(|field| (Figure::Input(*field), sorted(median.clone()))),
    );
    Wants { ranks }
}

/// The summaries of the per-sample figures, and the input medians, from the selections.
struct Summaries {
    market_in_window: Summary,
    required_capture: Summary,
    achievable_revenue: Summary,
    achievable_capture: Summary,
    realistic_target: f64,
    medians: PerInput<f64>,
}

impl Summaries {
    /// The summaries from a pass's order statistics; `fixed` holds the value of each input
    /// that is not sampled (its median).
    fn of(
        passed: &Passed,
        target: f64,
        realistic_rank: usize,
        fixed: &PerInput<Option<f64>>,
    ) -> Summaries {
        let total = &passed.tally;
        let empty = OrderStatistics::from_found(0, Vec::new());
        let stats = |figure| passed.statistics(figure).unwrap_or(&empty);
        let window = stats(Figure::Window);
        let achievable = stats(Figure::Achievable);
        Summaries {
            market_in_window: window.summary(total.mean_window),
            // R/W decreases with W, so its quantiles come from W's order statistics.
            required_capture: window.summary_of(
                total.mean_required,
                |w| capture(target, w),
                Order::Decreasing,
            ),
            achievable_revenue: achievable.summary(total.mean_achievable),
            achievable_capture: stats(Figure::Capture).summary(total.mean_capture),
            // The largest sampled A such that at least ⌈confidence·N⌉ samples have A at or
            // above it.
            realistic_target: achievable.value(realistic_rank),
            medians: fixed.map(|field, value| match value {
                Some(x) => *x,
                None => stats(Figure::Input(field)).quantile(0.5),
            }),
        }
    }
}

/// Computes the headline of `scenario` from its sampled inputs (the live session's path:
/// the columns are kept for the detail, and A per sample for the histogram).
pub fn headline_with_achievable(scenario: &Scenario, draws: &Draws) -> Evaluated {
    let (headline, achievable) = headline_of_draws_keeping(scenario, draws, true);
    Evaluated {
        headline,
        achievable: achievable.unwrap_or_default(),
    }
}

/// The headline of `scenario` on already-sampled `draws`, without A per sample (`eval
/// --detail`, which has no histogram: it gathered 16 bytes a sample only to drop them).
pub fn headline_of_draws(scenario: &Scenario, draws: &Draws) -> Headline {
    headline_of_draws_keeping(scenario, draws, false).0
}

/// The headline of `scenario` on `draws`, with A per sample when `keep_achievable`.
fn headline_of_draws_keeping(
    scenario: &Scenario,
    draws: &Draws,
    keep_achievable: bool,
) -> (Headline, Option<Vec<f64>>) {
    let fixed = draws.inputs().fixed_values();
    let (headline, passed) =
        evaluate_pass(scenario, &draws.inputs(), &fixed, keep_achievable, |_| {
            draws.clamped_counts()
        });
    (headline, passed.achievable)
}

/// The headline of `scenario` from one pass that draws its samples as it goes (the batch's
/// path: no column is kept).
pub fn headline_drawn(scenario: &Scenario) -> Headline {
    let samples = scenario.sample_count() as usize;
    let sampler = Sampler::new(scenario, scenario.method, samples);
    let fixed = sampler.fixed_values();
    evaluate_pass(scenario, &sampler, &fixed, false, |passed| passed.clamped).0
}

/// P(feasible) and its standard error: binomial, or with replicates (Sobol points) the
/// spread of the replicates' own estimates, √(Σ(p_r − p̄)² / (R(R − 1))).
fn p_feasible(total: &Tally, samples: u64, by_replicate: Option<&[u64]>) -> (f64, f64) {
    let (p, binomial) = proportion(total.feasible, samples);
    let Some(counts) = by_replicate.filter(|c| c.len() > 1) else {
        return (p, binomial);
    };
    let r = counts.len() as f64;
    let size = samples as f64 / r;
    let spread: f64 = counts.iter().map(|&f| (f as f64 / size - p).powi(2)).sum();
    (p, (spread / (r * (r - 1.0))).sqrt())
}

/// The headline from one pass over `source`, whose fixed inputs' values are `fixed`;
/// `clamped` says how many samples of each input were clamped, given the pass.
fn evaluate_pass<S: Source>(
    scenario: &Scenario,
    source: &S,
    fixed: &PerInput<Option<f64>>,
    keep_achievable: bool,
    clamped: impl FnOnce(&Passed) -> PerInput<u64>,
) -> (Headline, Passed) {
    let plan = Plan::of(scenario);
    let n = scenario.sample_count() as usize;
    let samples = n as u64;
    let realistic_rank = realistic_rank(scenario.confidence, n);
    let sampled: Vec<Field> = Field::INPUTS
        .into_iter()
        .filter(|f| fixed[*f].is_none())
        .collect();
    let passed = pass::run(
        &plan,
        source,
        n,
        &wants(n, realistic_rank, &sampled),
        keep_achievable,
    );
    let s = Summaries::of(&passed, plan.target_revenue, realistic_rank, fixed);
    let at_medians = AtMedians::of(&plan, &s.medians);
    let required_pace = required_pace(&plan, &at_medians);
    let pace_with_clamps = pace_with_clamps(&plan, &at_medians, required_pace);
    let total = &passed.tally;
    let (p_feasible, p_feasible_se) =
        p_feasible(total, samples, passed.feasible_by_replicate.as_deref());
    let required_reps = plan
        .team
        .map(|team| required_reps(&plan, &team, &at_medians));
    let requirements = (required_pace, required_reps);
    let warnings = warnings(scenario, &clamped(&passed), n, total, &s, requirements);
    let headline = Headline {
        samples,
        p_feasible,
        p_feasible_se,
        verdict: Verdict::judge(
            total.over_market,
            total.feasible,
            samples,
            scenario.confidence,
        ),
        market_in_window: s.market_in_window,
        required_capture: s.required_capture,
        achievable_revenue: s.achievable_revenue,
        achievable_capture: s.achievable_capture,
        required_pace,
        pace_with_clamps,
        assumed_pace: s.medians[Field::ShareGainPerYear],
        market_stop: market_stop(
            &plan,
            &at_medians,
            (required_pace, pace_with_clamps),
            s.required_capture.p50,
        ),
        required_reps,
        assumed_reps: scenario.capacity.as_ref().map(|c| c.reps),
        realistic_target: s.realistic_target,
        binding: Binding {
            market: (samples - total.capacity_binds) as f64 / samples as f64,
            capacity: total.capacity_binds as f64 / samples as f64,
        },
        warnings,
        method: scenario.method,
        replicates: passed.feasible_by_replicate.as_ref().map(Vec::len),
    };
    (headline, passed)
}

/// What is worth saying about the results: the scenario's own warnings, clamped samples, an
/// empty window, figures that overflow, an undefined pace and a team no count of reps makes.
fn warnings(
    scenario: &Scenario,
    clamped: &PerInput<u64>,
    samples: usize,
    total: &Tally,
    s: &Summaries,
    (required_pace, required_reps): (f64, Option<f64>),
) -> Vec<Warning> {
    let about_figures = |text: String| Warning { about: None, text };
    let mut warnings = scenario.warnings();
    warnings.extend(clamp_warnings(scenario, clamped, samples));
    if total.empty_window > 0 {
        let [empty, all] = [total.empty_window, samples as u64].map(thousands);
        warnings.push(about_figures(format!(
            "the market window is empty in {empty} of {all} samples: the capture the target \
             needs is ∞ there"
        )));
    }
    // Past the limits of floating point (sizes near 1e308), figures overflow to ∞.
    let summaries = [
        ("market_in_window", &s.market_in_window),
        ("achievable_revenue", &s.achievable_revenue),
        ("achievable_capture", &s.achievable_capture),
    ];
    for (name, s) in summaries {
        // Which of its figures are ∞ says how many samples are: "in some samples" was said of
        // a plan whose every sample overflowed. A quantile ∞ makes every later one ∞, and the
        // mean (a sum of x/N).
        let (how_many, figures) = if !s.p10.is_finite() {
            ("most samples", "P10, P50, P90 and mean")
        } else if !s.p50.is_finite() {
            ("many samples", "P50, P90 and mean")
        } else if !s.p90.is_finite() {
            ("some samples", "P90 and mean")
        } else if !s.mean.is_finite() {
            ("a few samples", "mean")
        } else {
            continue;
        };
        warnings.push(about_figures(format!(
            "{name} overflows to ∞ in {how_many} (inputs near the limits of floating point): \
             ∞ (inf in CSV, null in JSON) for its {figures}"
        )));
    }
    if !required_pace.is_finite() {
        warnings.push(about_figures(
            "required_pace is undefined: the median serviceable market is 0 (or so small that \
             the target over it overflows)"
                .to_string(),
        ));
    }
    // JSON writes it null, as it does for a plan without a team (docs/MODEL.md §6). Only +∞:
    // −∞ is an installed base past every target (a growth of 1e308), no rep needed ("none").
    if required_reps == Some(f64::INFINITY) {
        warnings.push(about_figures(
            "required_reps is ∞: at the medians a ramped rep books nothing, or too little to \
             count (quota_per_rep × attainment), and the installed base and new reps fall \
             short of the target; shown as ∞ (inf in CSV, null in JSON)"
                .to_string(),
        ));
    }
    warnings
}

/// Every input at its own sample median (docs/MODEL.md §5): the inputs, s·M, and the growth
/// integrals over the horizon, which each limit's requirement reads.
struct AtMedians<'a> {
    inputs: &'a PerInput<f64>,
    /// s·M.
    market: f64,
    /// I0(T) and I1(T) at the median k.
    growth: Growth,
}

impl<'a> AtMedians<'a> {
    fn of(plan: &Plan, medians: &'a PerInput<f64>) -> AtMedians<'a> {
        AtMedians {
            inputs: medians,
            market: medians[Field::MarketServiceable] * medians[Field::MarketSize],
            growth: Growth::integrate(medians[Field::MarketGrowth], plan.horizon_years),
        }
    }
}

/// Share points per year the target needs, every input at its median and capacity and the
/// share clamps ignored: A_market is affine in γ, so required = (R/(s·M) − c0·I0) / I1
/// (negative: today's share already makes it).
fn required_pace(plan: &Plan, at: &AtMedians) -> f64 {
    let (m, market, Growth { i0, i1 }) = (at.inputs, at.market, at.growth);
    if empty_market(market) {
        return f64::INFINITY;
    }
    let current = m[Field::ShareCurrent];
    let pace = (plan.target_revenue / market - current * i0) / i1;
    if i1.is_infinite() && (plan.target_revenue / market).is_finite() {
        // Growth beyond about e^(703/T) a year overflows I1 (docs/MODEL.md §10): R/(s·M·I1)
        // tends to 0 and I0/I1 to 1/(T − 1/k).
        let k = m[Field::MarketGrowth];
        0.0 - current / (plan.horizon_years - 1.0 / k)
    } else {
        pace
    }
}

/// The share gain a year the market limit needs, every input at its median, with the share's
/// floor and cap as the model has them (docs/MODEL.md §6, "Pace needed"): the smallest gain
/// whose market revenue, by the model itself, reaches the target, searched from `closed`,
/// the closed form (the same where the share at that pace stays within [0, cap] over the
/// window, up to a rounding of the model's sum; A_market is non-decreasing in γ); +∞ where
/// none does.
fn pace_with_clamps(plan: &Plan, at: &AtMedians, closed: f64) -> f64 {
    let m = at.inputs;
    let (current, years) = (m[Field::ShareCurrent], plan.horizon_years);
    let cap = m[Field::ShareCeiling].max(current);
    if !closed.is_finite() {
        return closed;
    }
    // A_market at the medians, from today's share `from` at `gain` a year.
    let market = |from: f64, gain: f64| {
        let mut x = m.map(|_, v| f64x4::splat(*v));
        x[Field::ShareCurrent] = f64x4::splat(from);
        x[Field::ShareGainPerYear] = f64x4::splat(gain);
        outcome4(plan, &x, years).market_revenue.to_array()[0]
    };
    let target = plan.target_revenue;
    let makes_it = |gain: f64| makes(market(current, gain), target);
    let mut at_the_cap = false;
    if current + closed * years > cap {
        // The most any pace gives is the share at its cap from day 0.
        let most = market(cap, 0.0);
        if !makes(most, target) {
            return f64::INFINITY;
        }
        at_the_cap = (most - target).abs() <= target * MADE_WITHIN;
    }
    // Past the cap the closed form asks too little (the cap cuts the path), past the floor
    // too much (the floor holds it up); inside both it is the answer, but the model's own sum
    // lands a rounding either side of R there (45M from 100M·(0.1 + 0.7/2) read
    // 44,999,999.99999999: "needs 70, plans 70" beside P(feasible) 0%; 39.5M at 59 pts/yr
    // read "needs 59.1" beside 100%).
    let pace = smallest_near(closed, &makes_it);
    // A target that needs the share at its cap from day 0, to a rounding, from below it: a
    // pace past the most a plan can state (100 pts/yr) gets there only by that rounding
    // (100M of a 100M market from 25% "needed 28,200,000,000,000 pts/yr"). One a plan can
    // state is said: today's 29.99999% a hair below a 30% cap needs 0.556 pts/yr.
    if at_the_cap && current < cap && pace > MOST_GAIN_PER_YEAR {
        f64::INFINITY
    } else {
        pace
    }
}

/// The smallest gain at which `makes_it`, from `found`: a step of one ulp of it (of the
/// smallest normal number at 0) is doubled away from it, up where it fails and down where it
/// makes it, until `makes_it` turns, then the two are bisected to adjacent floats: a hundred
/// or so evaluations of the model from a closed form off by a rounding or by a clamp (some two
/// thousand from exactly 0, whose steps start among the subnormal numbers). +∞
/// where nothing above makes it; where everything below does, the lowest tried.
fn smallest_near(found: f64, makes_it: &impl Fn(f64) -> bool) -> f64 {
    if !found.is_finite() {
        return found;
    }
    let made = makes_it(found);
    let (mut short, mut makes) = (found, found);
    let mut step = f64::EPSILON * found.abs().max(f64::MIN_POSITIVE);
    loop {
        let next = if made { found - step } else { found + step };
        if !next.is_finite() {
            return if made { makes } else { f64::INFINITY };
        }
        let turned = makes_it(next) != made;
        match (made, turned) {
            (true, true) | (false, false) => short = next,
            (true, false) | (false, true) => makes = next,
        }
        if turned {
            break;
        }
        step *= 2.0;
    }
    loop {
        let middle = 0.5 * (short + makes);
        if middle == short || middle == makes {
            return makes;
        }
        if makes_it(middle) {
            makes = middle;
        } else {
            short = middle;
        }
    }
}

/// How the share's cap keeps the market short of the target at any pace, every input at its
/// median (see [`Headline::market_stop`]): no pace the model has reaches it (`pace_with_clamps`
/// is ∞ where the closed form, `closed`, is finite). `capture_needed` is the median capture
/// the sentence says the target needs.
fn market_stop(
    plan: &Plan,
    at: &AtMedians,
    (closed, pace_with_clamps): (f64, f64),
    capture_needed: f64,
) -> Option<MarketStop> {
    // An empty market ([`empty_market`]) is said as such: no share of it, capped or not, books
    // anything, so no cap stops it.
    let stopped = closed.is_finite() && pace_with_clamps == f64::INFINITY;
    if empty_market(at.market) || !stopped {
        return None;
    }
    let (ceiling, today) = (
        at.inputs[Field::ShareCeiling],
        at.inputs[Field::ShareCurrent],
    );
    let held_today = today > ceiling;
    let cap = ceiling.max(today);
    // The whole serviceable market from day 0 short of the target is what stops it, whatever
    // the cap below it (02 at a 1B target needs 641% of the window, and read "the share's 40%
    // ceiling stops it short", as if a higher ceiling would do): said where the capture the
    // sentence says the target needs is above 100% too (02 at 156M, "needs 99.97%" of the
    // window, read "even the whole serviceable market falls short"), else the cap.
    let whole_market_short =
        !makes(at.market * at.growth.i0, plan.target_revenue) && capture_needed > 1.0;
    let whole_market = cap >= 1.0 || whole_market_short;
    // The most the window gives a share that cannot rise above its cap, s·M·cap·I0: a target
    // equal to it is made, though no finite pace from a lower share reaches it. A share held
    // at today's level books it only by a pace of 0, which reaches it.
    let from_day_zero = !held_today && makes(at.market * cap * at.growth.i0, plan.target_revenue);
    Some(match (from_day_zero, whole_market, held_today) {
        (true, true, _) => MarketStop::OnlyWholeMarketFromDayZero,
        (true, false, _) => MarketStop::OnlyCeilingFromDayZero(cap),
        (false, true, _) => MarketStop::WholeMarketShort,
        (false, false, false) => MarketStop::CeilingShort(cap),
        (false, false, true) => MarketStop::HeldTodayShort(cap),
    })
}

/// Ramped reps from day 0 that make B + C reach the target, every input at its median:
/// ((R − B)/(q·a) − new_reps·ramped(T)) / T, with B = s·M·c0·I0 (signed: at or below zero,
/// the installed base and the hires already cover it). A team that books nothing needs ∞
/// reps, unless the installed base alone reaches the target.
fn required_reps(plan: &Plan, team: &Team, at: &AtMedians) -> f64 {
    let (m, market, i0) = (at.inputs, at.market, at.growth.i0);
    let t = plan.horizon_years;
    // No market or no share today, no base (0·∞ would be NaN when growth overflows I0).
    let current = m[Field::ShareCurrent];
    let base = if empty_market(market) || current == 0.0 {
        0.0
    } else {
        super::kernel::installed_base(market, current, i0)
    };
    let beyond_base = least_making(plan.target_revenue) - base;
    team.reps_to_book(beyond_base, super::kernel::booked_per_rep_year(m), t)
}

/// "market.size: 1203 of 100,000 samples clamped to ≥ 0", one per input that needed it, but
/// those the scenario's own warnings already say are clamped, as many as that or more.
fn clamp_warnings(scenario: &Scenario, clamped: &PerInput<u64>, samples: usize) -> Vec<Warning> {
    Field::INPUTS
        .iter()
        .filter(|f| {
            scenario.uses(**f) && clamped[**f] > 0 && scenario.clamping_warning(**f).is_none()
        })
        .map(|f| {
            let [some, all] = [clamped[*f], samples as u64].map(thousands);
            let text = format!(
                "{}: {some} of {all} samples {}",
                f.key(),
                scenario.clamped_words(*f)
            );
            Warning::of(*f, text)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The run's own warnings about `field` in `plan`.
    fn run_warnings_about(plan: &str, field: Field) -> Vec<String> {
        let scenario = crate::Scenario::parse(plan, "s.toml").expect("a plan");
        let evaluation = crate::evaluate(&scenario, false);
        (evaluation.headline.warnings.into_iter())
            .filter(|w| w.is_about(field))
            .map(|w| w.text)
            .collect()
    }

    #[test]
    fn a_few_samples_clamped_below_0_are_said_clamped_to_0_only() {
        // 0.6% of a normal market below 0, none past the largest number: it read "clamped to
        // ≥ 0 (or to a finite number)".
        let plan = "schema = 1\nhorizon_days = 90\n[target]\nrevenue = \"1M\"\n[market]\n\
                    size = { dist = \"normal\", mean = 6e6, sd = 2.4e6 }\n[share]\n\
                    current = 0.05\n[run]\nsamples = 10000\n";
        let said = run_warnings_about(plan, Field::MarketSize);
        assert!(
            said.len() == 1 && said[0].ends_with(" of 10,000 samples clamped to ≥ 0"),
            "{said:?}"
        );
    }

    #[test]
    fn a_few_samples_past_the_largest_number_are_said_to_overflow() {
        // 0.04% of a lognormal market past 1.8e308, none below 0.
        let plan = "schema = 1\nhorizon_days = 90\n[target]\nrevenue = \"1M\"\n[market]\n\
                    size = \"1e290 to 1e302\"\n[share]\ncurrent = 0.05\n[run]\n\
                    samples = 100000\n";
        let said = run_warnings_about(plan, Field::MarketSize);
        assert!(
            said.len() == 1
                && said[0].ends_with(
                    " of 100,000 samples overflow past the largest number (1.8e308), and are \
                     clamped to it"
                ),
            "{said:?}"
        );
    }

    #[test]
    fn sobols_standard_error_is_the_spread_of_the_scrambles_estimates() {
        // Two scrambles of four points with 1 and 3 feasible: p = 4/8, the scrambles say 0.25
        // and 0.75, and √(((0.25 − 0.5)² + (0.75 − 0.5)²) / (2·(2 − 1))) = 0.25.
        let total = Tally {
            feasible: 4,
            ..Tally::default()
        };
        assert_eq!(p_feasible(&total, 8, Some(&[1, 3])), (0.5, 0.25));
    }

    #[test]
    fn a_pace_needed_of_a_roundings_size_is_0_unless_0_puts_the_plan_on_its_other_side() {
        // A flat 100M market, 2% of it today and 2M to book in a year: today's share books
        // the target, and the pace needed is 0 to a rounding.
        let text = "schema = 1\nhorizon_days = 365\n[target]\nrevenue = \"2M\"\n[market]\n\
                    size = \"100M\"\n[share]\ncurrent = \"2%\"\ngain_per_year = 0\n\
                    [run]\nsamples = 1000\n";
        let scenario = crate::Scenario::parse(text, "s.toml").unwrap();
        let mut h = headline_drawn(&scenario);
        // A rounding either side of 0, the plan at 0 (or gaining): read as 0.
        for (needed, planned) in [(1e-15, 1e-15), (-4e-15, 0.0), (1e-15, 0.05)] {
            (h.pace_with_clamps, h.assumed_pace) = (needed, planned);
            assert_eq!(h.pace_needed(), 0.0, "needs {needed}, plans {planned}");
        }
        // Not where 0 would put the plan's pace on the other side: a plan a rounding short
        // (plans 0, needs 1e-15) would read "needs 0, plans 0", as covered; one a rounding
        // ahead while losing share (needs -1e-15, plans -5e-16) would read short of 0.
        for (needed, planned) in [(1e-15, 0.0), (1e-15, 5e-16), (-1e-15, -5e-16)] {
            (h.pace_with_clamps, h.assumed_pace) = (needed, planned);
            assert_eq!(h.pace_needed(), needed, "needs {needed}, plans {planned}");
        }
    }

    #[test]
    fn the_headline_on_draws_is_the_same_with_or_without_each_samples_revenue_kept() {
        // `eval --detail` keeps no A per sample (it gathered them only to drop them).
        for method in [
            crate::scenario::Method::MonteCarlo,
            crate::scenario::Method::Sobol,
        ] {
            let text = include_str!("../../scenarios/02-capacity-bound-team.toml")
                .replace("samples = 100000", "samples = 20000");
            let mut scenario = crate::Scenario::parse(&text, "02").unwrap();
            scenario.method = method;
            let draws = Draws::sample(&scenario);
            let kept = headline_with_achievable(&scenario, &draws);
            assert_eq!(kept.achievable.len(), scenario.sample_count() as usize);
            assert_eq!(
                headline_of_draws(&scenario, &draws),
                kept.headline,
                "{method:?}"
            );
            assert_eq!(headline_drawn(&scenario), kept.headline, "{method:?}");
        }
    }

    #[test]
    fn without_a_share_today_a_team_needs_its_reps_however_the_market_grows() {
        // No share today: no installed base, even where growth overflows I0 to ∞ (the base was
        // 1B · 0 · ∞, NaN, and the headline read "needs n/a ramped reps"). 50M over ten years
        // at 1M a rep-year is 5 reps.
        let text = "schema = 1\nhorizon_days = 3650\n[target]\nrevenue = \"50M\"\n[market]\n\
                    size = \"1B\"\ngrowth = 1e100\n[share]\ngain_per_year = \"1%\"\n\
                    [capacity]\nreps = 5\nquota_per_rep = \"1M\"\nattainment = 1\n[run]\n\
                    samples = 1000\n";
        let scenario = crate::Scenario::parse(text, "s.toml").unwrap();
        let headline = headline_drawn(&scenario);
        let reps = headline.required_reps.unwrap();
        assert!((reps - 5.0).abs() < 1e-9, "{reps}");
    }

    #[test]
    fn with_no_reps_and_no_share_gain_the_tie_counts_as_the_market_binding() {
        // No reps, no gain: the team's limit B + 0 and the market's c0 are one figure, a tie
        // in every sample, which counts as the market (docs/MODEL.md §5). Computed in another
        // order, B fell an ulp short in 18% of samples: "the team binds in 18%". With a gain
        // the market's limit is higher and the team (booking nothing new) binds throughout.
        let text = |gain: &str| {
            format!(
                "schema = 1\nhorizon_days = 365\n[target]\nrevenue = \"1M\"\n[market]\n\
                 size = \"10M to 20M\"\ngrowth = \"0% to 10%\"\n[share]\n\
                 current = \"5% to 10%\"\ngain_per_year = {gain}\n[capacity]\nreps = 0\n\
                 quota_per_rep = \"100k\"\n[run]\nsamples = 10000\nseed = 1\n"
            )
        };
        for method in [
            crate::scenario::Method::MonteCarlo,
            crate::scenario::Method::Sobol,
        ] {
            let mut scenario = crate::Scenario::parse(&text("0"), "s.toml").unwrap();
            scenario.method = method;
            let binding = headline_drawn(&scenario).binding;
            assert_eq!((binding.market, binding.capacity), (1.0, 0.0), "{method:?}");
            let mut gaining = crate::Scenario::parse(&text("\"1%\""), "s.toml").unwrap();
            gaining.method = method;
            let binding = headline_drawn(&gaining).binding;
            assert_eq!((binding.market, binding.capacity), (0.0, 1.0), "{method:?}");
        }
    }
}
