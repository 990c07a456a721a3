//! The headline figures (docs/MODEL.md §6): required capture, P(feasible), realistic target,
//! what each limit needs (pace, reps), binding limits and the verdict, from one pass over the
//! samples plus a few selections.

use rayon::prelude::*;
use serde::Serialize;

use super::draws::{CHUNK, Column, Draws};
use super::integrals::Growth;
use super::outcome::{Plan, Team, capture, outcome};
use super::stats::{Order, OrderStatistics, Summary, needed_count, proportion, quantile_ranks};
use super::verdict::Verdict;
use crate::scenario::{Field, PerInput, Scenario};

/// Share of samples in which each limit binds (a tie counts as the market).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Binding {
    pub market: f64,
    pub capacity: f64,
}

/// Everything `eval` reports without `--detail`.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    /// N.
    pub samples: u64,
    /// F/N.
    pub p_feasible: f64,
    /// √(p(1−p)/N).
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
    /// Share points per year the target needs, everything else at its median.
    pub required_pace: f64,
    /// Median sampled share gain per year.
    pub assumed_pace: f64,
    /// Ramped reps from day 0 the target needs, everything else at its median (signed; `None`
    /// without `[capacity]`).
    pub required_reps: Option<f64>,
    /// The ramped reps the plan has (`None` without `[capacity]`).
    pub assumed_reps: Option<u32>,
    /// The largest target feasible with probability ≥ confidence.
    pub realistic_target: f64,
    pub binding: Binding,
    pub warnings: Vec<String>,
}

/// The headline with the per-sample achievable revenue behind it (for a histogram).
#[derive(Debug, Clone)]
pub struct Evaluated {
    pub headline: Headline,
    /// A for every sample, in no particular order.
    pub achievable: Vec<f64>,
}

/// Per-chunk tallies, added up in chunk order so the totals never depend on thread count.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    feasible: u64,
    over_market: u64,
    capacity_binds: u64,
    empty_window: u64,
    mean_window: f64,
    mean_required: f64,
    mean_achievable: f64,
    mean_capture: f64,
}

impl Tally {
    fn add(self, o: Tally) -> Tally {
        Tally {
            feasible: self.feasible + o.feasible,
            over_market: self.over_market + o.over_market,
            capacity_binds: self.capacity_binds + o.capacity_binds,
            empty_window: self.empty_window + o.empty_window,
            mean_window: self.mean_window + o.mean_window,
            mean_required: self.mean_required + o.mean_required,
            mean_achievable: self.mean_achievable + o.mean_achievable,
            mean_capture: self.mean_capture + o.mean_capture,
        }
    }
}

/// The per-sample figures the summaries are taken from.
struct Figures {
    /// W per sample.
    window: Vec<f64>,
    /// A per sample.
    achievable: Vec<f64>,
    /// A/W per sample.
    achieved: Vec<f64>,
    total: Tally,
}

/// Runs the model on every sample: the figures to summarise and the counts, in one pass.
fn figures(plan: &Plan, draws: &Draws) -> Figures {
    let inputs = draws.inputs();
    let n = draws.samples;
    let target = plan.target_revenue;
    let (mut window, mut achievable, mut achieved) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    let tallies: Vec<Tally> = window
        .par_chunks_mut(CHUNK)
        .zip(achievable.par_chunks_mut(CHUNK))
        .zip(achieved.par_chunks_mut(CHUNK))
        .enumerate()
        .map(|(chunk, ((window, achievable), achieved))| {
            let mut t = Tally::default();
            let n = n as f64;
            for j in 0..window.len() {
                let o = outcome(plan, &inputs.sample(chunk * CHUNK + j), plan.horizon_years);
                let a = o.achievable();
                let need = capture(target, o.market_in_window);
                let got = capture(a, o.market_in_window);
                (window[j], achievable[j], achieved[j]) = (o.market_in_window, a, got);
                t.feasible += u64::from(a >= target);
                t.over_market += u64::from(need > 1.0);
                t.capacity_binds += u64::from(o.capacity_binds());
                t.empty_window += u64::from(o.market_in_window <= 0.0);
                t.mean_window += o.market_in_window / n;
                t.mean_required += need / n;
                t.mean_achievable += a / n;
                t.mean_capture += got / n;
            }
            t
        })
        .collect();
    Figures {
        window,
        achievable,
        achieved,
        total: tallies.into_iter().fold(Tally::default(), Tally::add),
    }
}

/// Each input's sample median after clamping, as its column keeps it (growth as k): a fixed
/// input's value, or the median of its column.
fn input_medians(draws: &Draws) -> PerInput<f64> {
    let ranks = quantile_ranks(draws.samples, &[0.5], Order::Increasing);
    let selected: Vec<Option<f64>> = Field::INPUTS
        .par_iter()
        .map(|field| match draws.column(*field) {
            Column::Sampled(values) => {
                Some(OrderStatistics::select(values, ranks.clone()).quantile(0.5))
            }
            Column::Fixed(_) => None,
        })
        .collect();
    PerInput::from_fn(|field| match draws.column(field) {
        Column::Fixed(x) => *x,
        Column::Sampled(_) => selected[field.slot().unwrap_or_default()].unwrap_or(f64::NAN),
    })
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

/// Every order statistic the headline needs, one selection per figure, all in parallel.
fn summaries(figures: &Figures, draws: &Draws, target: f64, realistic_rank: usize) -> Summaries {
    let total = &figures.total;
    let summarise = |values: &[f64], extra: &[usize]| OrderStatistics::for_summary(values, extra);
    let ((window, capture_stats), (achievable, medians)) = rayon::join(
        || {
            rayon::join(
                || summarise(&figures.window, &[]),
                || summarise(&figures.achieved, &[]),
            )
        },
        || {
            rayon::join(
                || summarise(&figures.achievable, &[realistic_rank]),
                || input_medians(draws),
            )
        },
    );
    Summaries {
        market_in_window: window.summary(total.mean_window),
        // R/W decreases with W, so its quantiles come from W's order statistics.
        required_capture: window.summary_of(
            total.mean_required,
            |w| capture(target, w),
            Order::Decreasing,
        ),
        achievable_revenue: achievable.summary(total.mean_achievable),
        achievable_capture: capture_stats.summary(total.mean_capture),
        // The largest sampled A such that at least ⌈confidence·N⌉ samples have A at or above it.
        realistic_target: achievable.value(realistic_rank),
        medians,
    }
}

/// Computes the headline of `scenario` from its sampled inputs.
pub fn headline(scenario: &Scenario, draws: &Draws) -> Evaluated {
    let plan = Plan::of(scenario);
    let samples = draws.samples as u64;
    let figures = figures(&plan, draws);
    // confidence ≥ 0.5, so 1 ≤ needed ≤ N.
    let realistic_rank = draws.samples - needed_count(scenario.confidence, samples) as usize;
    let s = summaries(&figures, draws, plan.target_revenue, realistic_rank);
    let required_pace = required_pace(&plan, &s.medians);
    let total = &figures.total;
    let (p_feasible, p_feasible_se) = proportion(total.feasible, samples);
    let warnings = warnings(scenario, draws, total, &s, required_pace);
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
        assumed_pace: s.medians[Field::ShareGainPerYear],
        required_reps: plan
            .team
            .map(|team| required_reps(&plan, &team, &s.medians)),
        assumed_reps: scenario.capacity.as_ref().map(|c| c.reps),
        realistic_target: s.realistic_target,
        binding: Binding {
            market: (samples - total.capacity_binds) as f64 / samples as f64,
            capacity: total.capacity_binds as f64 / samples as f64,
        },
        warnings,
    };
    Evaluated {
        headline,
        achievable: figures.achievable,
    }
}

/// What is worth saying about the results: the scenario's own warnings, clamped samples, an
/// empty window, figures that overflow and an undefined pace.
fn warnings(
    scenario: &Scenario,
    draws: &Draws,
    total: &Tally,
    s: &Summaries,
    required_pace: f64,
) -> Vec<String> {
    let mut warnings = scenario.warnings();
    warnings.extend(clamp_warnings(scenario, draws));
    if total.empty_window > 0 {
        warnings.push(format!(
            "market_in_window is 0 in {} of {} samples: required capture is ∞ there",
            total.empty_window, draws.samples
        ));
    }
    // Past the limits of floating point (sizes near 1e308), figures overflow to ∞.
    let summaries = [
        ("market_in_window", &s.market_in_window),
        ("achievable_revenue", &s.achievable_revenue),
        ("achievable_capture", &s.achievable_capture),
    ];
    for (name, s) in summaries {
        if [s.p10, s.p50, s.p90, s.mean].iter().any(|x| !x.is_finite()) {
            warnings.push(format!(
                "{name} overflows to ∞ in some samples (inputs near the limits of floating \
                 point); shown as null / ∞"
            ));
        }
    }
    if !required_pace.is_finite() {
        warnings.push("required_pace is undefined: the median serviceable market is 0".to_string());
    }
    warnings
}

/// Share points per year the target needs, every input at its median and capacity and the
/// share clamps ignored: A_market is affine in γ, so required = (R/(s·M) − c0·I0) / I1
/// (negative: today's share already makes it).
fn required_pace(plan: &Plan, m: &PerInput<f64>) -> f64 {
    let Growth { i0, i1 } = Growth::integrate(m[Field::MarketGrowth], plan.horizon_years);
    let market = m[Field::MarketServiceable] * m[Field::MarketSize];
    if market > 0.0 {
        (plan.target_revenue / market - m[Field::ShareCurrent] * i0) / i1
    } else {
        f64::INFINITY
    }
}

/// Ramped reps from day 0 that make B + C reach the target, every input at its median:
/// ((R − B)/(q·a) − new_reps·ramped(T)) / T, with B = s·M·c0·I0 (signed: at or below zero,
/// today's team already covers it). A team that books nothing needs ∞ reps, unless the
/// installed base alone reaches the target.
fn required_reps(plan: &Plan, team: &Team, m: &PerInput<f64>) -> f64 {
    let t = plan.horizon_years;
    let Growth { i0, .. } = Growth::integrate(m[Field::MarketGrowth], t);
    let market = m[Field::MarketServiceable] * m[Field::MarketSize];
    // No market, no base (0·∞ would be NaN when growth overflows I0).
    let base = if market == 0.0 {
        0.0
    } else {
        market * m[Field::ShareCurrent] * i0
    };
    let beyond_base = plan.target_revenue - base;
    let per_rep_year = m[Field::CapacityQuotaPerRep] * m[Field::CapacityAttainment];
    let rep_years = if per_rep_year > 0.0 {
        beyond_base / per_rep_year
    } else if beyond_base > 0.0 {
        f64::INFINITY
    } else {
        0.0
    };
    (rep_years - team.new_reps * team.ramped_years(t)) / t
}

/// "market.size: 1203 of 100000 samples clamped to ≥ 0", one per input that needed it.
fn clamp_warnings(scenario: &Scenario, draws: &Draws) -> Vec<String> {
    Field::INPUTS
        .iter()
        .filter(|f| scenario.uses(**f) && draws.clamped(**f) > 0)
        .map(|f| {
            format!(
                "{}: {} of {} samples {}",
                f.key(),
                draws.clamped(*f),
                draws.samples,
                f.domain().clamp_description()
            )
        })
        .collect()
}
