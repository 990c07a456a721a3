//! Batch evaluation: what `skypie eval` on a directory of 1,000 scenario files costs, minus the
//! printing.
//!
//! Setup (not timed) writes 1,000 variants of `scenarios/01-series-b-first-90-days.toml` into a
//! temporary directory: target revenues spread over 0.5M..=5.5M (so the verdicts vary) and
//! seeds 0..1000 (so no two files draw the same samples). Each iteration then, for every file in
//! turn, reads and parses it (as `skypie eval` does) and evaluates the headline with
//! `skypie::evaluate(&scenario, false)`: exactly the per-file work of a `skypie eval` batch
//! (without `--detail`). Files are processed one after another; each evaluation spreads its own
//! samples over the rayon pool, as the binary does.
//!
//! Two sizes: the file's own 100,000 samples, and 10,000 samples (`scenario.samples` set after
//! parsing, as `--samples 10000` does). Throughput is reported in files per second.
//!
//! An iteration (1,000 files) takes about 1.8 s at 10,000 samples and about 15 s at 100,000 on
//! the idle 2-core reference machine, so the group uses criterion's minimum of 10 samples in
//! flat sampling mode with a short warm-up and measurement time: every sample is then a single
//! iteration, and criterion's "Unable to complete 10 samples in 5.0s" warning is expected.
//! `cargo bench --bench batch` takes about three and a half minutes there (11 iterations of each
//! size, counting the warm-up), plus the build; longer when the machine is busy.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};

const FILES: usize = 1_000;
const TEMPLATE: &str = include_str!("../scenarios/01-series-b-first-90-days.toml");

/// Writes the 1,000 variants into `dir` and returns their paths.
fn write_variants(dir: &Path) -> Vec<PathBuf> {
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
    (0..FILES)
        .map(|i| {
            // 0.5M, 0.5055M, ... 5.5M: from comfortably realistic to pie in the sky.
            let revenue = 500_000 + i * 5_000_000 / (FILES - 1);
            let text = TEMPLATE
                .replace(REVENUE, &format!("revenue = {revenue}"))
                .replace(SEED, &format!("seed = {i}"));
            let path = dir.join(format!("variant-{i:04}.toml"));
            std::fs::write(&path, text).expect("write a scenario variant");
            path
        })
        .collect()
}

/// Parses and evaluates every file; returns a checksum so nothing is optimised away.
fn run_batch(paths: &[String], samples: Option<u64>) -> f64 {
    let mut sum = 0.0;
    for path in paths {
        let mut scenario = load(black_box(path)).expect("a valid variant");
        if let Some(n) = samples {
            scenario.samples = n;
        }
        let evaluation = skypie::evaluate(&scenario, false);
        sum += black_box(evaluation).headline.p_feasible;
    }
    sum
}

fn batch(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let paths: Vec<String> = write_variants(dir.path())
        .iter()
        .map(|p| p.to_str().expect("a UTF-8 temp path").to_owned())
        .collect();
    // Fail early, outside the timing, if a variant does not parse or the template's own sample
    // count (which the 100,000 case relies on) has changed.
    for path in &paths {
        let scenario = load(path).expect("every variant parses");
        assert_eq!(
            scenario.samples, 100_000,
            "{path}: the template's own sample count"
        );
    }

    let mut group = c.benchmark_group("batch_1000_files");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Elements(FILES as u64));
    // None: the file's own `samples = 100000`; Some(n): `scenario.samples = n` after parsing.
    for (samples, per_file) in [(10_000u64, Some(10_000u64)), (100_000, None)] {
        group.bench_with_input(
            BenchmarkId::new("parse_and_evaluate", format!("{samples}_samples")),
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
