//! The model over samples already drawn, four at a time: what the tornado, the levers, the time
//! path and the frontier re-evaluate under a changed plan or a replaced input column.
//!
//! Every sweep reads the columns block by block as the headline's pass does ([`Source`] for
//! [`Inputs`]) and runs [`outcome4`] on each vector, so a figure here is bit for bit the figure
//! the scalar [`super::outcome::outcome`] gives for the same sample. Chunks are the unit of
//! parallel work and their results are joined in chunk order: any thread count gives the same
//! values.

use rayon::prelude::*;
use wide::f64x4;

use super::draws::{CHUNK, Inputs};
use super::kernel::{Outcome4, count, outcome4};
use super::outcome::Outcome;
use super::pass::{Block, Source, VECS};
use super::plan::Plan;
use super::sample::Sample;
use crate::scenario::PerInput;

/// Calls `f` with every vector of chunk `chunk`'s samples and how many of its lanes are
/// samples (4 but at the end of the inputs).
fn for_each_vector(inputs: &Inputs, chunk: usize, mut f: impl FnMut(&PerInput<f64x4>, usize)) {
    let end = ((chunk + 1) * CHUNK).min(inputs.samples);
    let mut next = inputs.open(chunk);
    let mut block: Block = PerInput::from_fn(|_| [f64x4::ZERO; VECS]);
    while next < end {
        let count = (4 * VECS).min(end - next);
        inputs.fill(&mut next, &mut block, count);
        for v in 0..count.div_ceil(4) {
            let x = block.map(|_, values| values[v]);
            f(&x, (count - 4 * v).min(4));
        }
    }
}

/// How many samples' outcomes under `plan` over `years` pass `test` (a lane mask).
pub fn count_outcomes(
    plan: &Plan,
    inputs: &Inputs,
    years: f64,
    test: impl Fn(&Outcome4) -> f64x4 + Sync,
) -> u64 {
    (0..inputs.samples.div_ceil(CHUNK))
        .into_par_iter()
        .map(|chunk| {
            let mut passed = 0;
            for_each_vector(inputs, chunk, |x, lanes| {
                passed += count(test(&outcome4(plan, x, years)) & first_lanes(lanes));
            });
            passed
        })
        .sum()
}

/// F: how many samples make the target under `plan` (the common-random-number workhorse of
/// the tornado and the levers).
pub fn count_feasible(plan: &Plan, inputs: &Inputs) -> u64 {
    let target = f64x4::splat(plan.target_revenue);
    count_outcomes(plan, inputs, plan.horizon_years, |o| o.makes(target))
}

/// `K` figures of every sample under `plan` over `years`, each in sample order: `f` maps four
/// samples' outcomes and inputs to four values of each figure.
pub fn map_outcomes<const K: usize>(
    plan: &Plan,
    inputs: &Inputs,
    years: f64,
    f: impl Fn(&Outcome4, &PerInput<f64x4>) -> [f64x4; K] + Sync,
) -> [Vec<f64>; K] {
    map_samples(inputs, |x| f(&outcome4(plan, x, years), x))
}

/// `K` figures of every sample, each in sample order: `f` maps four samples' inputs to four
/// values of each figure.
pub fn map_samples<const K: usize>(
    inputs: &Inputs,
    f: impl Fn(&PerInput<f64x4>) -> [f64x4; K] + Sync,
) -> [Vec<f64>; K] {
    let chunks: Vec<[Vec<f64>; K]> = (0..inputs.samples.div_ceil(CHUNK))
        .into_par_iter()
        .map(|chunk| {
            let mut out: [Vec<f64>; K] = std::array::from_fn(|_| Vec::with_capacity(CHUNK));
            for_each_vector(inputs, chunk, |x, lanes| {
                for (out, v) in out.iter_mut().zip(f(x)) {
                    out.extend_from_slice(&v.to_array()[..lanes]);
                }
            });
            out
        })
        .collect();
    std::array::from_fn(|k| chunks.iter().flat_map(|c| c[k].iter().copied()).collect())
}

/// A for every sample under `plan`, in sample order (the tornado's realistic targets).
pub fn achievable_values(plan: &Plan, inputs: &Inputs) -> Vec<f64> {
    let [values] = map_outcomes(plan, inputs, plan.horizon_years, |o, _| [o.achievable()]);
    values
}

/// `f` of every sample's outcome and inputs, one lane at a time: for per-sample figures with
/// branches of their own (a lever's threshold), after the kernel ran on four samples at once.
pub fn per_sample(
    f: impl Fn(&Outcome, &Sample) -> f64 + Sync,
) -> impl Fn(&Outcome4, &PerInput<f64x4>) -> [f64x4; 1] + Sync {
    move |o, x| {
        let lane = |l: usize| f(&Outcome::lane(o, l), &x.map(|_, v| v.to_array()[l]));
        [f64x4::new([lane(0), lane(1), lane(2), lane(3)])]
    }
}

/// A mask of the first `lanes` lanes.
fn first_lanes(lanes: usize) -> f64x4 {
    let index = f64x4::new([0.0, 1.0, 2.0, 3.0]);
    index.simd_lt(f64x4::splat(lanes as f64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::draws::Draws;
    use crate::model::outcome::outcome;
    use crate::model::stats::quantiles;
    use crate::scenario::{BUILT_IN, Scenario};

    /// The sweeps agree with the scalar model sample by sample, including the last chunk's
    /// partial vector (a sample count that is not a multiple of 4 or of a chunk).
    #[test]
    fn sweeps_are_the_scalar_model_on_every_sample() {
        let mut scenario = Scenario::parse(BUILT_IN, "built-in").unwrap();
        scenario.samples = CHUNK as u64 + 4 * VECS as u64 + 3;
        let draws = Draws::sample(&scenario);
        let mut plan = Plan::of(&scenario);
        let inputs = draws.inputs();
        let scalar: Vec<Outcome> = (0..inputs.samples)
            .map(|i| outcome(&plan, &inputs.sample(i), plan.horizon_years))
            .collect();
        let achievable: Vec<f64> = scalar.iter().map(|o| o.achievable).collect();
        // A target some samples make and some miss.
        plan.target_revenue = quantiles(&achievable, [0.5])[0];
        assert_eq!(achievable_values(&plan, &inputs), achievable);
        let feasible = achievable
            .iter()
            .filter(|a| crate::model::outcome::makes(**a, plan.target_revenue))
            .count() as u64;
        assert!(0 < feasible && feasible < inputs.samples as u64);
        assert_eq!(count_feasible(&plan, &inputs), feasible);
        let every = |_: &Outcome4| f64x4::ZERO.simd_eq(f64x4::ZERO);
        let counted = count_outcomes(&plan, &inputs, plan.horizon_years, every);
        assert_eq!(
            counted, inputs.samples as u64,
            "the last vector's spare lane counted"
        );
        let [windows] = map_outcomes(&plan, &inputs, plan.horizon_years, |o, _| {
            [o.market_in_window]
        });
        let scalar_windows: Vec<f64> = scalar.iter().map(|o| o.market_in_window).collect();
        assert_eq!(windows, scalar_windows);
        let [bases] = map_outcomes(
            &plan,
            &inputs,
            plan.horizon_years,
            per_sample(|o, _| o.installed_base),
        );
        let scalar_bases: Vec<f64> = scalar.iter().map(|o| o.installed_base).collect();
        assert_eq!(bases, scalar_bases);
    }
}
