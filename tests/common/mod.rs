//! Helpers that more than one test binary needs.
// Each test binary compiles all of them and uses some.
#![allow(dead_code)]

use std::process::Output;

use assert_cmd::Command;
use skypie::Scenario;

/// The worked example at `path`, evaluated with `samples` samples.
pub fn example(path: &str, samples: u64) -> Scenario {
    let text = std::fs::read_to_string(path).expect("the worked example exists");
    let mut scenario = Scenario::parse(&text, path).expect("the worked example parses");
    scenario.samples = samples;
    scenario
}

/// The binary run with `args`, without colour, to its end.
pub fn skypie(args: &[&str]) -> Output {
    Command::cargo_bin("skypie")
        .expect("the binary is built")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Ranks 0..n of `values` (continuous draws: ties have probability 0).
pub fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut rank = vec![0.0; values.len()];
    for (r, i) in order.into_iter().enumerate() {
        rank[i] = r as f64;
    }
    rank
}

/// Spearman's rank correlation.
pub fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let (ra, rb) = (ranks(a), ranks(b));
    let n = a.len() as f64;
    let mean = (n - 1.0) / 2.0;
    let cov: f64 = ra
        .iter()
        .zip(&rb)
        .map(|(x, y)| (x - mean) * (y - mean))
        .sum();
    let var: f64 = ra.iter().map(|x| (x - mean).powi(2)).sum();
    cov / var
}
