//! The model's hot paths on the 90-day anecdote: sampling, the headline (what every keystroke
//! in the live session recomputes), the detail (tornado, levers, time path), and the headline
//! `skypie eval` computes under each sampling method at the sizes README's "Speed" compares.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use skypie::Scenario;
use skypie::model::{analyse, draws::Draws, headline::headline_with_achievable};
use skypie::report::histogram::Histogram;
use skypie::scenario::{BUILT_IN, Method};

fn anecdote(samples: u64) -> Scenario {
    let mut scenario = Scenario::parse(BUILT_IN, "built-in").expect("the built-in scenario parses");
    scenario.samples = samples;
    scenario
}

fn model(c: &mut Criterion) {
    let mut group = c.benchmark_group("anecdote");
    group.sample_size(20);
    for samples in [10_000u64, 100_000, 1_000_000] {
        let scenario = anecdote(samples);
        group.throughput(Throughput::Elements(samples));
        group.bench_with_input(BenchmarkId::new("sample", samples), &scenario, |b, s| {
            b.iter(|| Draws::sample(black_box(s)))
        });
        let draws = Draws::sample(&scenario);
        group.bench_with_input(
            BenchmarkId::new("headline_on_draws", samples),
            &scenario,
            |b, s| b.iter(|| headline_with_achievable(black_box(s), &draws)),
        );
        group.bench_with_input(BenchmarkId::new("headline", samples), &scenario, |b, s| {
            b.iter(|| headline_with_achievable(black_box(s), &Draws::sample(s)))
        });
        if samples <= 100_000 {
            let h = headline_with_achievable(&scenario, &draws).headline;
            group.bench_with_input(
                BenchmarkId::new("detail_on_draws", samples),
                &scenario,
                |b, s| b.iter(|| analyse(black_box(s), &draws, &h, || false)),
            );
        }
    }
    group.finish();
}

/// What the live session recomputes per keystroke at the built-in 100,000 samples: a new
/// target reuses the sampled inputs (the worker caches them); a new market size resamples, and
/// so does a new horizon under Sobol points.
fn session(c: &mut Criterion) {
    let mut group = c.benchmark_group("session");
    group.sample_size(30);
    let scenario = anecdote(100_000);
    let draws = Draws::sample(&scenario);
    group.bench_function("retarget_100000", |b| {
        let mut edited = scenario.clone();
        edited.target_revenue = 200e3;
        b.iter(|| keystroke(black_box(&edited), &draws))
    });
    group.bench_function("edit_market_size_100000", |b| {
        let mut edited = scenario.clone();
        edited
            .set_text(skypie::Field::MarketSize, "36M to 71M")
            .expect("a valid range");
        b.iter(|| keystroke(black_box(&edited), &Draws::sample(&edited)))
    });
    // Under Sobol points (100,000 rounded up to 131,072) the points are turned for the plan,
    // so a new horizon draws them anew (under plain Monte Carlo it would reuse them).
    group.bench_function("edit_horizon_sobol_131072", |b| {
        let mut edited = scenario.clone();
        edited.method = Method::Sobol;
        edited.horizon_days += 7;
        b.iter(|| keystroke(black_box(&edited), &Draws::sample(&edited)))
    });
    group.finish();
}

/// `skypie eval`'s headline (`skypie::evaluate` without detail: one fused pass that draws as it
/// goes) under each method, at the sizes README's "Speed" compares: plain Monte Carlo at 1,000,000
/// samples and Sobol points at 65,536 (16 scrambles of 4,096), meant to be about as precise.
/// `tools/reference/speed.py` times the same two as whole processes against NumPy. And Sobol
/// points on the worked example with a PERT and a beta input, whose values come from score
/// tables (`distribution::ScoreTable`).
fn methods(c: &mut Criterion) {
    let mut group = c.benchmark_group("method");
    group.sample_size(20);
    for (method, samples) in [(Method::MonteCarlo, 1_000_000u64), (Method::Sobol, 65_536)] {
        let mut scenario = anecdote(samples);
        scenario.method = method;
        group.throughput(Throughput::Elements(samples));
        group.bench_with_input(
            BenchmarkId::new(method.name(), samples),
            &scenario,
            |b, s| b.iter(|| skypie::evaluate(black_box(s), false)),
        );
    }
    let text = include_str!("../scenarios/05-every-distribution.toml");
    let mut every = Scenario::parse(text, "05").expect("the worked example parses");
    (every.method, every.samples) = (Method::Sobol, 65_536);
    group.throughput(Throughput::Elements(every.samples));
    group.bench_with_input(
        BenchmarkId::new("sobol_pert_beta", every.samples),
        &every,
        |b, s| b.iter(|| skypie::evaluate(black_box(s), false)),
    );
    group.finish();
}

/// The headline (sampling included) of the worked example whose inputs move together, with its
/// `[correlation]` table (a Gaussian copula over three inputs) and without it (every input
/// from its own sampler): what the correlations cost.
fn correlated(c: &mut Criterion) {
    let mut group = c.benchmark_group("correlated");
    group.sample_size(20);
    let text = include_str!("../scenarios/07-inputs-that-move-together.toml");
    let with = Scenario::parse(text, "07").expect("the worked example parses");
    let mut without = with.clone();
    without.correlations.clear();
    for samples in [100_000u64, 1_000_000] {
        group.throughput(Throughput::Elements(samples));
        for (name, scenario) in [("correlated", &with), ("uncorrelated", &without)] {
            let mut scenario = scenario.clone();
            scenario.samples = samples;
            group.bench_with_input(BenchmarkId::new(name, samples), &scenario, |b, s| {
                b.iter(|| headline_with_achievable(black_box(s), &Draws::sample(s)))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, model, session, methods, correlated);
criterion_main!(benches);

/// What the live session computes on a keystroke: the headline and the histogram beside it.
fn keystroke(scenario: &Scenario, draws: &Draws) -> Histogram {
    let evaluated = headline_with_achievable(scenario, draws);
    Histogram::of(&evaluated.achievable, scenario.target_revenue)
}
