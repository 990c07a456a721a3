//! Evaluating many scenario files at once without running out of memory: each file's peak is
//! estimated from its sample count, and files are evaluated concurrently only as far as a
//! memory budget allows (`eval --max-memory`). Results come back in argument order, so the
//! output is the same for any budget and any thread count.

use std::sync::{Condvar, Mutex, PoisonError};

use skypie::scenario::Scenario;

/// The default budget of `eval --max-memory`: 2 GiB.
pub const DEFAULT_BUDGET: &str = "2G";

/// Bytes per sample the headline alone holds at its peak: it draws its samples as it goes and
/// keeps only the values near each wanted quantile (a few percent of them, as 8-byte keys).
/// Measured with GNU time's maximum resident set size on `skypie eval FILE --samples N
/// --threads 2` for N = 5,000,000 and 10,000,000: a slope of 3.6 bytes per sample with 5
/// uncertain inputs (scenarios/01) and 4.4 with 8 (scenarios/05); rounded up here.
const PASS_BYTES_PER_SAMPLE: u64 = 6;

/// Bytes per sample `--detail` holds at its peak besides the inputs' columns: the analyses'
/// per-sample figures and order-statistics work. Measured as above with `--detail`: 72.3 bytes
/// per sample with 5 uncertain inputs and 96.2 with 8, that is 8 per input and about 32.2
/// besides; rounded up here.
const DETAIL_BYTES_PER_SAMPLE: u64 = 34;

/// Bytes per sample of each uncertain input's column (one `f64`; fixed inputs keep one value).
const INPUT_BYTES_PER_SAMPLE: u64 = 8;

/// The most memory evaluating `scenario` (with the detail or not) is expected to hold at
/// once, in bytes: for the samples it draws (capped, or rounded up for Sobol points), not the
/// count asked for.
pub fn estimated_peak(scenario: &Scenario, detail: bool) -> u64 {
    let per_sample = if detail {
        let inputs = scenario.uncertain_fields().len() as u64;
        DETAIL_BYTES_PER_SAMPLE + INPUT_BYTES_PER_SAMPLE * inputs
    } else {
        PASS_BYTES_PER_SAMPLE
    };
    scenario.sample_count().saturating_mul(per_sample)
}

/// Reads a memory size: bytes, or a number with `K`, `M`, `G` or `T` (powers of 1024, an
/// optional `B` or `iB` after it, any case): `512M`, `2G`, `1.5GiB`. For clap.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let refuse = || format!("found {text}, expected a memory size such as 512M or 2G");
    let lower = text.trim().to_ascii_lowercase();
    let without_b = lower
        .strip_suffix("ib")
        .or_else(|| lower.strip_suffix('b'))
        .unwrap_or(&lower);
    let (number, scale) = match without_b.char_indices().last() {
        Some((at, unit @ ('k' | 'm' | 'g' | 't'))) => {
            let power = match unit {
                'k' => 1,
                'm' => 2,
                'g' => 3,
                _ => 4,
            };
            (&without_b[..at], 1024f64.powi(power))
        }
        _ => (without_b, 1.0),
    };
    let value: f64 = number.trim().parse().map_err(|_| refuse())?;
    let bytes = value * scale;
    if !bytes.is_finite() || bytes < 1.0 || bytes > u64::MAX as f64 {
        return Err(refuse());
    }
    Ok(bytes as u64)
}

/// A size for people: `870 MB`, `2.0 GB`, `78 KB`, `512 bytes` (powers of 1024, like
/// [`parse_size`]).
pub fn show_size(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let x = bytes as f64;
    // The unit is chosen on the rounded figure: 1,048,575 bytes is 1 MB, not "1024 KB".
    if x >= KIB * KIB * (KIB - 0.5) {
        format!("{:.1} GB", x / (KIB * KIB * KIB))
    } else if x >= KIB * (KIB - 0.5) {
        format!("{:.0} MB", x / (KIB * KIB))
    } else if x >= KIB - 0.5 {
        format!("{:.0} KB", x / KIB)
    } else if bytes == 1 {
        "1 byte".to_string()
    } else {
        format!("{bytes} bytes")
    }
}

/// Runs `job` on every item on up to `workers` threads, never starting an item while the
/// items in flight and it would cost more than `budget` by `cost` (an item costing more than
/// the whole budget runs alone). Items start in order; results come back in order.
///
/// The workers are plain threads, not the rayon pool's: a job (an evaluation) spreads its
/// own work over the pool, and a pool thread must never block waiting for the budget (it
/// could be holding, further up its stack, the very job that would free it).
pub fn run_within_budget<T, R>(
    items: &[T],
    cost: impl Fn(&T) -> u64 + Sync,
    budget: u64,
    workers: usize,
    job: impl Fn(&T) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    struct InFlight {
        next: usize,
        cost: u64,
    }
    let state = Mutex::new(InFlight { next: 0, cost: 0 });
    let freed = Condvar::new();
    let lock = || state.lock().unwrap_or_else(PoisonError::into_inner);
    // Waits for the next item that fits; None when every item has started.
    let take = || {
        let mut in_flight = lock();
        loop {
            let item = items.get(in_flight.next)?;
            let needs = cost(item).min(budget);
            if in_flight.cost == 0 || in_flight.cost + needs <= budget {
                let index = in_flight.next;
                in_flight.next += 1;
                in_flight.cost += needs;
                return Some((index, needs));
            }
            in_flight = freed
                .wait(in_flight)
                .unwrap_or_else(PoisonError::into_inner);
        }
    };
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers.clamp(1, items.len().max(1)))
            .map(|_| {
                scope.spawn(|| {
                    let mut results = Vec::new();
                    while let Some((index, needs)) = take() {
                        results.push((index, job(&items[index])));
                        lock().cost -= needs;
                        freed.notify_all();
                    }
                    results
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::Duration;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert_eq!(parse_size("2gib"), Ok(2 << 30));
        assert_eq!(parse_size("1.5GB"), Ok(3 << 29));
        assert_eq!(parse_size("64k"), Ok(64 << 10));
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        for bad in ["", "G", "-1G", "0", "two gigs", "1e400"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
        assert_eq!(show_size(870 << 20), "870 MB");
        assert_eq!(show_size(2 << 30), "2.0 GB");
        // Under a megabyte it does not round to "0 MB" (`--max-memory 1`).
        assert_eq!(show_size(80_000), "78 KB");
        assert_eq!(show_size(1), "1 byte");
        assert_eq!(show_size(512), "512 bytes");
        assert_eq!(show_size(1_048_575), "1 MB");
        assert_eq!(show_size((1 << 30) - 1), "1.0 GB");
        assert_eq!(show_size(1_073_217_536), "1.0 GB"); // 1023.5 MB
        assert_eq!(show_size(1_073_217_535), "1023 MB");
        assert_eq!(show_size(1023), "1023 bytes");
    }

    #[test]
    fn the_estimate_grows_with_samples_and_with_the_detail_uncertain_inputs() {
        let mut scenario = Scenario::parse(skypie::scenario::BUILT_IN, "built-in").unwrap();
        scenario.samples = 10_000_000;
        let inputs = scenario.uncertain_fields().len() as u64;
        assert_eq!(
            estimated_peak(&scenario, true),
            10_000_000 * (DETAIL_BYTES_PER_SAMPLE + 8 * inputs)
        );
        assert_eq!(
            estimated_peak(&scenario, false),
            10_000_000 * PASS_BYTES_PER_SAMPLE
        );
        // A count above the cap draws 10,000,000 (it warned of 5.6 GB at 1e9 samples, where
        // 57 MB are used); under Sobol points the capped count is rounded up to 2^24.
        scenario.samples = 1_000_000_000;
        assert_eq!(
            estimated_peak(&scenario, false),
            10_000_000 * PASS_BYTES_PER_SAMPLE
        );
        scenario.method = skypie::scenario::Method::Sobol;
        assert_eq!(
            estimated_peak(&scenario, false),
            (1 << 24) * PASS_BYTES_PER_SAMPLE
        );
    }

    #[test]
    fn the_help_sizes_a_file_as_the_warning_does() {
        // It said 60 MB (740 MB with --detail) where the warning reads 57 MB: sizes here are
        // in powers of 1024, as --max-memory reads them.
        let mut scenario = Scenario::parse(skypie::scenario::BUILT_IN, "built-in").unwrap();
        scenario.samples = 10_000_000;
        assert_eq!(scenario.uncertain_fields().len(), 5);
        let eval = clap::Command::new("eval");
        let eval = <crate::cli::eval::EvalArgs as clap::Args>::augment_args(eval);
        let help = eval
            .get_arguments()
            .find(|a| a.get_id() == "max_memory")
            .and_then(|a| a.get_help())
            .map(ToString::to_string)
            .unwrap_or_default();
        for detail in [false, true] {
            let size = show_size(estimated_peak(&scenario, detail));
            assert!(help.contains(&size), "{size}: {help}");
        }
    }

    /// Runs jobs that record how much of the budget is in flight; returns the highest seen.
    fn highest_in_flight(costs: &[u64], budget: u64, workers: usize) -> (u64, Vec<usize>) {
        let in_flight = AtomicU64::new(0);
        let highest = AtomicU64::new(0);
        let order: Vec<usize> = (0..costs.len()).collect();
        let results = run_within_budget(
            &order,
            |&i| costs[i],
            budget,
            workers,
            |&i| {
                let now = in_flight.fetch_add(costs[i], Ordering::SeqCst) + costs[i];
                highest.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(5));
                in_flight.fetch_sub(costs[i], Ordering::SeqCst);
                i
            },
        );
        (highest.into_inner(), results)
    }

    #[test]
    fn jobs_in_flight_never_cost_more_than_the_budget() {
        let costs = [600, 600, 600, 600, 600, 600, 600, 600];
        let (highest, results) = highest_in_flight(&costs, 2000, 8);
        assert!(highest <= 2000, "{highest}");
        assert_eq!(results, (0..8).collect::<Vec<_>>(), "results in order");
    }

    #[test]
    fn a_job_over_the_budget_runs_alone() {
        let costs = [100, 5000, 100, 100];
        let (highest, results) = highest_in_flight(&costs, 1000, 4);
        assert_eq!(highest, 5000, "nothing ran beside the big one");
        assert_eq!(results, vec![0, 1, 2, 3]);
    }

    #[test]
    fn small_jobs_run_side_by_side_up_to_the_workers() {
        let (_, results) = highest_in_flight(&[1; 20], 1000, 3);
        assert_eq!(results, (0..20).collect::<Vec<_>>());
        assert!(run_within_budget(&[] as &[u8], |_| 1, 1, 4, |_| ()).is_empty());
    }
}
