//! Batch evaluation: what `skypie eval` on a directory of scenario files costs, minus the
//! printing.
//!
//! Setup (not timed) writes variants of `scenarios/01-series-b-first-90-days.toml` into a
//! temporary directory: target revenues spread over 0.5M..=5.5M (so the verdicts vary) and
//! seeds 0, 1, 2, … (so no two files draw the same samples). Each iteration then, for every file
//! in turn, reads and parses it (as `skypie eval` does) and evaluates the headline with
//! `skypie::evaluate(&scenario, false)`: exactly the per-file work of a `skypie eval` batch
//! (without `--detail`). Files are evaluated side by side on the rayon pool, as the binary does
//! (a run of 10,000 samples is one job on one thread; the binary also keeps a batch within its
//! memory budget, which these small runs never reach).
//!
//! Two batches of about equal work: 10,000 files at 10,000 samples (`scenario.samples` set after
//! parsing, as `--samples 10000` does; the batch README's "Speed" compares with NumPy's 1,000,000-sample
//! headline, which `tools/reference/speed.py` times as a whole process), and 1,000 files at
//! their own 100,000 samples. Throughput is reported in files per second.
//!
//! An iteration takes seconds on the 2-core reference machine (about 3 s and 2 s when it is
//! idle), so the group uses criterion's minimum of 10 samples in flat sampling
//! mode with a short warm-up and measurement time: every sample is then a single iteration, and
//! criterion's "Unable to complete 10 samples in 5.0s" warning is expected. `cargo bench
//! --bench batch` takes two to three minutes there (11 iterations of each batch, counting the
//! warm-up), plus the build; longer when the machine is busy.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use rayon::prelude::*;

const TEMPLATE: &str = include_str!("../scenarios/01-series-b-first-90-days.toml");

/// The batches: (files, samples per file; `None` for the file's own 100,000).
const BATCHES: [(usize, Option<u64>); 2] = [(10_000, Some(10_000)), (1_000, None)];

/// Writes `files` variants into `dir` and returns their paths.
fn write_variants(dir: &Path, files: usize) -> Vec<PathBuf> {
    const REVENUE: &str = "revenue = \"3M\"";
    const SEED: &str = "seed = 7";
    assert_eq!(
        TEMPLATE.matches(REVENUE).count(),
        1,
        "the template's target line moved"
    );
    assert_eq!(
        TEMPLATE.matches(SEED).count(),
        1,
        "the template's seed line moved"
    );
    (0..files)
        .map(|i| {
            // 0.5M, ... 5.5M in equal steps: from comfortably realistic to pie in the sky.
            let revenue = 500_000 + i * 5_000_000 / (files - 1);
            let text = TEMPLATE
                .replace(REVENUE, &format!("revenue = {revenue}"))
                .replace(SEED, &format!("seed = {i}"));
            let path = dir.join(format!("variant-{files}-{i:05}.toml"));
            std::fs::write(&path, text).expect("write a scenario variant");
            path
        })
        .collect()
}

/// Parses and evaluates every file, files in parallel; returns a checksum so nothing is
/// optimised away.
fn run_batch(paths: &[String], samples: Option<u64>) -> f64 {
    paths
        .par_iter()
        .map(|path| {
            let mut scenario = load(black_box(path)).expect("a valid variant");
            if let Some(n) = samples {
                scenario.samples = n;
            }
            let evaluation = skypie::evaluate(&scenario, false);
            black_box(evaluation).headline.p_feasible
        })
        .sum()
}

fn batch(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut group = c.benchmark_group("batch");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for (files, per_file) in BATCHES {
        let paths: Vec<String> = write_variants(dir.path(), files)
            .iter()
            .map(|p| p.to_str().expect("a UTF-8 temp path").to_owned())
            .collect();
        // Fail early, outside the timing, if a variant does not parse or the template's own
        // sample count (which the file's-own case relies on) has changed.
        for path in &paths {
            let scenario = load(path).expect("every variant parses");
            assert_eq!(
                scenario.samples, 100_000,
                "{path}: the template's own sample count"
            );
        }
        let samples = per_file.unwrap_or(100_000);
        group.throughput(Throughput::Elements(files as u64));
        group.bench_with_input(
            BenchmarkId::new(format!("{files}_files"), format!("{samples}_samples")),
            &per_file,
            |b, &per_file| b.iter(|| run_batch(&paths, per_file)),
        );
    }
    group.finish();
    drop(dir);
}

criterion_group!(benches, batch);
criterion_main!(benches);

/// Reads and parses one scenario file, as `skypie eval` does.
fn load(path: &str) -> Result<skypie::Scenario, skypie::ScenarioError> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    skypie::Scenario::parse(&text, path)
}
