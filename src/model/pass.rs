//! One pass over the samples, chunk by chunk and block by block: the inputs of a block come
//! from a [`Source`] (random streams, or columns already drawn), the kernel evaluates them,
//! and the pass tallies counts and means and keeps what the order statistics need — the values
//! inside brackets read off a pilot (the first chunks) around each wanted rank, gathered into
//! one buffer per bracket, and a count of the values below each bracket (docs/MODEL.md §6
//! "Finding order statistics"). No column of N values is needed, so a headline over a million
//! samples touches about 10 MB, not 60.
//!
//! Determinism: a chunk's numbers depend only on its index, each chunk's sums are reduced in a
//! fixed order (lanes, then lane 0..3), chunks are folded in chunk order, counts are integers
//! and order statistics are exact, so any thread count gives the same bits.

use std::sync::Mutex;

use rayon::prelude::*;
use wide::f64x4;

use super::kernel::{Outcome4, capture4, count, outcome4};
use super::plan::Plan;
use super::stats::{OrderStatistics, key, keys4, select_keys, value_of};
use crate::scenario::{Field, PerInput};

/// Samples per chunk: the unit of parallel work and of random streams.
pub const CHUNK: usize = 8192;

/// Vectors of four samples per block: 256 samples, the eight inputs' buffers in 16 KB (L1;
/// more inputs may want fewer).
pub const VECS: usize = 64;

/// The chunks whose every value sets the brackets (the pilot): 16,384 samples.
const PILOT_CHUNKS: usize = 2;

/// Standard deviations of a pilot quantile's rank a bracket reaches on each side: a rank
/// falls outside once in about 150,000 (two-sided 4.5σ), and then the pass runs again.
const BRACKET_SIGMAS: f64 = 4.5;

/// One block of every input's values, four samples per vector.
pub type Block = PerInput<[f64x4; VECS]>;

/// Where a pass's inputs come from, chunk by chunk.
pub trait Source: Sync {
    /// What a chunk keeps between its blocks (its random streams' state).
    type Chunk;
    /// The state of chunk `chunk`.
    fn open(&self, chunk: usize) -> Self::Chunk;
    /// With Sobol points, the points of each independent scramble: sample i belongs to
    /// replicate i / this (the pass then counts feasible samples per replicate).
    fn replicate_size(&self) -> Option<usize> {
        None
    }
    /// Fills the first ⌈`count`/4⌉ vectors of `block` with the chunk's next `count` samples
    /// (values as the columns keep them: clamped, growth as k; lanes past `count` hold
    /// anything); returns how many of those samples of each input were clamped.
    fn fill(&self, chunk: &mut Self::Chunk, block: &mut Block, count: usize) -> PerInput<u64>;
}

/// Counts and means over the samples, added chunk by chunk in chunk order.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Tally {
    pub feasible: u64,
    /// Samples whose required capture R/W exceeds 1 (beyond a rounding: `Outcome4::beyond_the_window`).
    pub over_market: u64,
    pub capacity_binds: u64,
    pub empty_window: u64,
    /// Samples whose W or A is NaN (inputs past the limits of floating point).
    pub not_a_number: u64,
    pub mean_window: f64,
    pub mean_required: f64,
    pub mean_achievable: f64,
    pub mean_capture: f64,
}

impl Tally {
    fn add(self, o: Tally) -> Tally {
        Tally {
            feasible: self.feasible + o.feasible,
            over_market: self.over_market + o.over_market,
            capacity_binds: self.capacity_binds + o.capacity_binds,
            empty_window: self.empty_window + o.empty_window,
            not_a_number: self.not_a_number + o.not_a_number,
            mean_window: self.mean_window + o.mean_window,
            mean_required: self.mean_required + o.mean_required,
            mean_achievable: self.mean_achievable + o.mean_achievable,
            mean_capture: self.mean_capture + o.mean_capture,
        }
    }
}

/// A per-sample figure whose order statistics a pass can find.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// W.
    Window,
    /// A.
    Achievable,
    /// A/W.
    Capture,
    /// An uncertain input, as its column keeps it.
    Input(Field),
}

/// The ranks (0-based, ascending) of each figure whose values a pass must find.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Wants {
    pub ranks: Vec<(Figure, Vec<usize>)>,
}

/// What a pass found: the tallies, the order statistics it was asked for, the clamp counts,
/// and A for every sample when asked to keep it.
#[derive(Debug, Clone)]
pub struct Passed {
    pub tally: Tally,
    /// With replicates (Sobol points), the feasible samples of each.
    pub feasible_by_replicate: Option<Vec<u64>>,
    pub statistics: Vec<(Figure, OrderStatistics)>,
    pub clamped: PerInput<u64>,
    pub achievable: Option<Vec<f64>>,
}

impl Passed {
    /// The order statistics of `figure` (empty when none were asked for).
    pub fn statistics(&self, figure: Figure) -> Option<&OrderStatistics> {
        self.statistics
            .iter()
            .find(|(f, _)| *f == figure)
            .map(|(_, s)| s)
    }
}

/// One block's per-sample figures (-0.0 read as 0.0: an order statistic's sign bit must not
/// depend on which of two equal values was picked), and which lanes are samples.
struct BlockFigures {
    window: [f64x4; VECS],
    achievable: [f64x4; VECS],
    capture: [f64x4; VECS],
    valid: [f64x4; VECS],
}

impl Default for BlockFigures {
    fn default() -> BlockFigures {
        BlockFigures {
            window: [f64x4::ZERO; VECS],
            achievable: [f64x4::ZERO; VECS],
            capture: [f64x4::ZERO; VECS],
            valid: [f64x4::ZERO; VECS],
        }
    }
}

impl BlockFigures {
    /// The block's values of `figure` (an input's from the block of inputs).
    fn of<'a>(&'a self, figure: Figure, block: &'a Block) -> &'a [f64x4; VECS] {
        match figure {
            Figure::Window => &self.window,
            Figure::Achievable => &self.achievable,
            Figure::Capture => &self.capture,
            Figure::Input(field) => &block[field],
        }
    }
}

/// Runs the model over `samples` samples of `source` under `plan`, finding the order
/// statistics `wants` asks for; keeps A per sample when `keep_achievable`.
pub fn run<S: Source>(
    plan: &Plan,
    source: &S,
    samples: usize,
    wants: &Wants,
    keep_achievable: bool,
) -> Passed {
    let chunks = samples.div_ceil(CHUNK);
    let job = Job {
        plan,
        source,
        samples,
        wants,
        keep_achievable,
    };
    // A run no longer than the pilot is its own pilot, and one job: handing its chunks to
    // other threads would cost more than it saves (and a batch already runs its files side by
    // side). Every value is kept, so every rank is found.
    if job.is_pilot_only() {
        let pilot = (0..chunks)
            .map(|chunk| job.chunk(chunk, &Keep::All))
            .collect();
        return job.finish(pilot, None).0;
    }
    // The pilot: the first chunks, every value kept.
    let mut pilot: Vec<ChunkResult> = (0..PILOT_CHUNKS)
        .into_par_iter()
        .map(|chunk| job.chunk(chunk, &Keep::All))
        .collect();
    let brackets = Brackets::from_pilot(wants, &pilot, samples);
    let gathered = Gathered::new(&brackets, chunks);
    let mut results: Vec<ChunkResult> = (PILOT_CHUNKS..chunks)
        .into_par_iter()
        .map(|chunk| job.chunk(chunk, &Keep::Inside(&brackets, &gathered)))
        .collect();
    for chunk in pilot.iter_mut() {
        gathered.add(brackets.count(std::mem::take(&mut chunk.kept)));
    }
    pilot.append(&mut results);
    let results = pilot;
    let (passed, found) = job.finish(results, Some(gathered.into_kept()));
    if found {
        return passed;
    }
    // A rank outside its bracket (each about once in 150,000, so with 10–18 of them about one
    // run in 10,000), or a NaN among the values: the pass again, every value kept, and exact
    // selection on them.
    let results = (0..chunks)
        .into_par_iter()
        .map(|chunk| job.chunk(chunk, &Keep::All))
        .collect();
    job.finish(results, None).0
}

/// What a chunk keeps of its figures' values.
enum Keep<'a> {
    /// Every value (the pilot).
    All,
    /// The values inside the brackets, and a count of those below, added to what the other
    /// chunks gathered.
    Inside(&'a Brackets, &'a Gathered),
}

/// One chunk's results.
struct ChunkResult {
    tally: Tally,
    /// Feasible samples per replicate (empty without replicates).
    feasible_by_replicate: Vec<u64>,
    clamped: PerInput<u64>,
    kept: Vec<Bracketed>,
    achievable: Vec<f64>,
}

/// A figure's kept values in one chunk: per bracket, the count below it and the values
/// inside it (with [`Keep::All`], one bracket holding every value), as the integer keys that
/// order like `f64::total_cmp` (so selection works on them in place, without a copy).
#[derive(Debug, Clone, Default)]
struct Bracketed {
    below: Vec<u64>,
    inside: Vec<Vec<i64>>,
}

/// What a chunk adds up vector by vector: the tallies, the means' lane sums and, with
/// replicates, the feasible samples of each.
struct Sums {
    tally: Tally,
    /// W, R/W, A and A/W, each divided by N, per lane.
    lanes: [f64x4; 4],
    feasible_by_replicate: Vec<u64>,
    replicate_size: Option<usize>,
    target: f64x4,
    inv_n: f64x4,
}

impl Sums {
    fn new<S: Source>(job: &Job<S>) -> Sums {
        let replicate_size = job.source.replicate_size();
        Sums {
            tally: Tally::default(),
            lanes: [f64x4::ZERO; 4],
            feasible_by_replicate: vec![0; replicate_size.map_or(0, |m| job.samples.div_ceil(m))],
            replicate_size,
            target: f64x4::splat(job.plan.target_revenue),
            inv_n: f64x4::splat(1.0 / job.samples as f64),
        }
    }

    /// Adds four samples' outcomes (those of `valid` lanes; the first is sample `first`);
    /// returns their W, A and A/W as the order statistics read them (-0.0 as 0.0).
    #[inline(always)]
    fn add(&mut self, o: &Outcome4, valid: f64x4, first: usize) -> (f64x4, f64x4, f64x4) {
        let zero = f64x4::ZERO;
        let window = o.market_in_window + zero;
        let a = o.achievable() + zero;
        let need = capture4(self.target, window);
        let got = o.achievable_capture(a) + zero;
        let feasible = valid & o.makes(self.target);
        let tally = &mut self.tally;
        tally.feasible += count(feasible);
        if let Some(m) = self.replicate_size {
            let bits = feasible.to_bitmask();
            for l in (0..4).filter(|l| bits & (1 << l) != 0) {
                self.feasible_by_replicate[(first + l) / m] += 1;
            }
        }
        tally.over_market += count(valid & o.beyond_the_window(self.target));
        tally.capacity_binds += count(valid & o.capacity_binds());
        tally.empty_window += count(valid & window.simd_le(zero));
        tally.not_a_number += count(valid & (window.is_nan() | a.is_nan()));
        for (sum, value) in self.lanes.iter_mut().zip([window, need, a, got]) {
            *sum += valid.select(value * self.inv_n, zero);
        }
        (window, a, got)
    }

    /// The tallies with the means' lane sums reduced in lane order (the same on every machine
    /// and thread count), and the feasible samples per replicate.
    fn finish(self) -> (Tally, Vec<u64>) {
        let reduce = |s: f64x4| s.to_array().iter().fold(0.0, |a, b| a + b);
        let tally = Tally {
            mean_window: reduce(self.lanes[0]),
            mean_required: reduce(self.lanes[1]),
            mean_achievable: reduce(self.lanes[2]),
            mean_capture: reduce(self.lanes[3]),
            ..self.tally
        };
        (tally, self.feasible_by_replicate)
    }
}

/// Everything a chunk's work needs to know.
struct Job<'a, S> {
    plan: &'a Plan,
    source: &'a S,
    samples: usize,
    wants: &'a Wants,
    /// Whether to keep A for every sample.
    keep_achievable: bool,
}

impl<S: Source> Job<'_, S> {
    /// Whether the run is no longer than the pilot (and so is its own pilot).
    fn is_pilot_only(&self) -> bool {
        self.samples <= PILOT_CHUNKS * CHUNK
    }

    /// One chunk: blocks of inputs, the kernel, the tallies and the kept values.
    fn chunk(&self, chunk: usize, keep: &Keep) -> ChunkResult {
        let n = CHUNK.min(self.samples - chunk * CHUNK);
        let mut streams = self.source.open(chunk);
        let mut block: Block = PerInput::from_fn(|_| [f64x4::ZERO; VECS]);
        let mut sums = Sums::new(self);
        let mut clamped = PerInput::from_fn(|_| 0);
        let mut kept = self.empty_kept(keep);
        let mut achievable = Vec::with_capacity(if self.keep_achievable { n } else { 0 });
        let lane = f64x4::new([0.0, 1.0, 2.0, 3.0]);
        // Reused block after block: a block reads only the vectors it wrote.
        let mut figures = BlockFigures::default();
        let mut buffer = [0; 4 * VECS];
        let mut start = 0;
        while start < n {
            let in_block = (4 * VECS).min(n - start);
            let vecs = in_block.div_ceil(4);
            let counts = self.source.fill(&mut streams, &mut block, in_block);
            for field in Field::INPUTS {
                clamped[field] += counts[field];
            }
            for v in 0..vecs {
                let o = outcome4(self.plan, &block.map(|_, b| b[v]), self.plan.horizon_years);
                // Lanes past the end of the chunk (only in its last vector) count for nothing.
                let live = n - start - 4 * v;
                let valid = lane.simd_lt(f64x4::splat(live as f64));
                let (window, a, got) = sums.add(&o, valid, chunk * CHUNK + start + 4 * v);
                (figures.window[v], figures.achievable[v]) = (window, a);
                (figures.capture[v], figures.valid[v]) = (got, valid);
                if self.keep_achievable {
                    achievable.extend_from_slice(&a.to_array()[..live.min(4)]);
                }
            }
            self.keep(keep, &mut kept, (&figures, &block, vecs), &mut buffer);
            start += 4 * vecs;
        }
        let (tally, feasible_by_replicate) = sums.finish();
        if let Keep::Inside(_, gathered) = keep {
            gathered.add(std::mem::take(&mut kept));
        }
        ChunkResult {
            tally,
            feasible_by_replicate,
            clamped,
            kept,
            achievable,
        }
    }

    /// Per wanted figure, room for what the chunk keeps.
    fn empty_kept(&self, keep: &Keep) -> Vec<Bracketed> {
        self.wants
            .ranks
            .iter()
            .enumerate()
            .map(|(i, _)| {
                // Room for what a chunk is expected to keep (from the pilot), so the buffers
                // are not grown (copied, their pages faulted in again) chunk after chunk.
                let room: Vec<usize> = match keep {
                    Keep::All => vec![CHUNK],
                    Keep::Inside(b, _) => b.expected[i].clone(),
                };
                Bracketed {
                    below: vec![0; room.len()],
                    inside: room.into_iter().map(Vec::with_capacity).collect(),
                }
            })
            .collect()
    }

    /// Keeps one block's values of every wanted figure: per figure and bracket, one tight
    /// loop over the block's vectors (the bracket's ends and its buffer stay in registers).
    fn keep(
        &self,
        keep: &Keep,
        kept: &mut [Bracketed],
        (figures, block, vecs): (&BlockFigures, &Block, usize),
        buffer: &mut [i64; 4 * VECS],
    ) {
        let valid = &figures.valid[..vecs];
        for (i, (figure, _)) in self.wants.ranks.iter().enumerate() {
            let values = &figures.of(*figure, block)[..vecs];
            match keep {
                Keep::All => {
                    // Every lane is a sample but in the chunk's last vector.
                    let all = &mut kept[i].inside[0];
                    for (x, ok) in values.iter().zip(valid) {
                        let bits = ok.to_bitmask();
                        let keys = keys4(*x);
                        if bits == 0b1111 {
                            all.extend_from_slice(&keys);
                        } else {
                            push_lanes(all, keys, bits);
                        }
                    }
                }
                Keep::Inside(brackets, _) => {
                    let kept = &mut kept[i];
                    for (b, &(low, high)) in brackets.figures[i].iter().enumerate() {
                        let (low, high) = (f64x4::splat(low), f64x4::splat(high));
                        // Kept values are compacted into a local buffer without a branch
                        // (whether a lane is inside is unpredictable), then appended at once.
                        let (mut below, mut n) = (0, 0);
                        for (x, ok) in values.iter().zip(valid) {
                            let under = *ok & x.simd_lt(low);
                            below += count(under);
                            let bits = (*ok & !under & x.simd_le(high)).to_bitmask();
                            for (l, lane) in keys4(*x).into_iter().enumerate() {
                                buffer[n] = lane;
                                n += ((bits >> l) & 1) as usize;
                            }
                        }
                        kept.below[b] += below;
                        kept.inside[b].extend_from_slice(&buffer[..n]);
                    }
                }
            }
        }
    }

    /// Adds the chunks' results in chunk order and reads the order statistics off the kept
    /// values (`gathered`, or else each chunk's own); says whether every rank was found (none
    /// is read when a value is NaN, whose place the brackets cannot know, unless every value
    /// was kept).
    fn finish(
        &self,
        results: Vec<ChunkResult>,
        gathered: Option<Vec<Bracketed>>,
    ) -> (Passed, bool) {
        let mut tally = Tally::default();
        let mut clamped = PerInput::from_fn(|_| 0);
        let mut achievable = self
            .keep_achievable
            .then(|| Vec::with_capacity(self.samples));
        // Without brackets, each chunk kept every value.
        let kept_all = gathered.is_none();
        let mut feasible_by_replicate = self
            .source
            .replicate_size()
            .map(|m| vec![0u64; self.samples.div_ceil(m)]);
        // Each figure's kept values, chunk by chunk.
        let mut per_figure: Vec<Vec<Bracketed>> =
            self.wants.ranks.iter().map(|_| Vec::new()).collect();
        for result in results {
            tally = tally.add(result.tally);
            if let Some(by) = feasible_by_replicate.as_mut() {
                for (total, count) in by.iter_mut().zip(&result.feasible_by_replicate) {
                    *total += count;
                }
            }
            for field in Field::INPUTS {
                clamped[field] += result.clamped[field];
            }
            if let Some(all) = achievable.as_mut() {
                all.extend_from_slice(&result.achievable);
            }
            for (figure, kept) in per_figure.iter_mut().zip(result.kept) {
                figure.push(kept);
            }
        }
        let statistics = if tally.not_a_number > 0 && !kept_all {
            None
        } else if let Some(gathered) = gathered {
            self.read(gathered)
        } else {
            self.read(per_figure.into_iter().map(merge).collect())
        };
        let found = statistics.is_some();
        let passed = Passed {
            tally,
            feasible_by_replicate,
            statistics: statistics.unwrap_or_default(),
            clamped,
            achievable,
        };
        (passed, found)
    }

    /// Each wanted rank from the bracket that holds it (figures in parallel); `None` if any
    /// bracket missed.
    fn read(&self, per_figure: Vec<Bracketed>) -> Option<Vec<(Figure, OrderStatistics)>> {
        let figure = |((figure, ranks), kept): (&(Figure, Vec<usize>), Bracketed)| {
            let mut inside = kept.inside;
            // Each rank's bracket: the one whose kept values hold it.
            let mut local: Vec<Vec<usize>> = vec![Vec::new(); inside.len()];
            for &rank in ranks {
                let b = kept.below.iter().enumerate().rposition(|(b, below)| {
                    let below = *below as usize;
                    below <= rank && rank < below + inside[b].len()
                })?;
                local[b].push(rank - kept.below[b] as usize);
            }
            let mut found = Vec::with_capacity(ranks.len());
            for (b, wanted) in local.iter().enumerate() {
                let values = select_keys(&mut inside[b], wanted);
                let below = kept.below[b] as usize;
                found.extend(wanted.iter().zip(values).map(|(r, v)| (below + r, v)));
            }
            Some((*figure, OrderStatistics::from_found(self.samples, found)))
        };
        let figures = self.wants.ranks.iter().zip(per_figure);
        // A small run is one job (see `run`); a large one reads its figures in parallel.
        if self.is_pilot_only() {
            figures.map(figure).collect()
        } else {
            figures.par_bridge().map(figure).collect()
        }
    }
}

/// One figure's kept values over every chunk: counts added, values appended (in chunk order).
fn merge(chunks: Vec<Bracketed>) -> Bracketed {
    let brackets = chunks.first().map_or(0, |k| k.below.len());
    let mut total = Bracketed {
        below: vec![0; brackets],
        inside: (0..brackets)
            .map(|b| Vec::with_capacity(chunks.iter().map(|k| k.inside[b].len()).sum()))
            .collect(),
    };
    for chunk in chunks {
        for (b, (below, inside)) in chunk.below.into_iter().zip(chunk.inside).enumerate() {
            total.below[b] += below;
            total.inside[b].extend(inside);
        }
    }
    total
}

/// Appends the lanes of `lanes` whose bit is set in `bits`, without a branch per lane (the
/// bits are unpredictable): all four are written, and the length advances by those kept.
#[inline(always)]
fn push_lanes(values: &mut Vec<i64>, lanes: [i64; 4], bits: u32) {
    let start = values.len();
    values.extend_from_slice(&lanes);
    let mut end = start;
    for (l, x) in lanes.into_iter().enumerate() {
        values[end] = x;
        end += ((bits >> l) & 1) as usize;
    }
    values.truncate(end);
}

/// What the chunks keep inside the brackets, gathered as each chunk ends: one buffer per figure
/// and bracket for the whole pass, so the kept values are written once and never merged (a
/// copy per chunk held to the end would double the pages a pass touches). The order in which
/// chunks add theirs depends on the threads; counts are integers and the selection is exact,
/// so what is read off does not.
struct Gathered {
    figures: Vec<Mutex<Bracketed>>,
}

impl Gathered {
    /// Empty buffers with room for what `chunks` chunks are expected to keep.
    fn new(brackets: &Brackets, chunks: usize) -> Gathered {
        let figures = brackets
            .expected
            .iter()
            .map(|room| {
                Mutex::new(Bracketed {
                    below: vec![0; room.len()],
                    inside: room
                        .iter()
                        .map(|r| Vec::with_capacity(r * chunks))
                        .collect(),
                })
            })
            .collect();
        Gathered { figures }
    }

    /// Adds one chunk's kept values (per figure, per bracket).
    fn add(&self, kept: Vec<Bracketed>) {
        for (total, chunk) in self.figures.iter().zip(kept) {
            // A poisoned lock means another chunk panicked, which ends the pass anyway.
            let mut total = total.lock().unwrap_or_else(|e| e.into_inner());
            for (b, (below, inside)) in chunk.below.into_iter().zip(chunk.inside).enumerate() {
                total.below[b] += below;
                total.inside[b].extend_from_slice(&inside);
            }
        }
    }

    fn into_kept(self) -> Vec<Bracketed> {
        self.figures
            .into_iter()
            .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
            .collect()
    }
}

/// For each wanted figure, value ranges [low, high] around its wanted ranks, read off the
/// pilot's values (overlapping ranges merged).
struct Brackets {
    figures: Vec<Vec<(f64, f64)>>,
    /// Per figure and bracket, how many values a chunk is expected to keep (with room).
    expected: Vec<Vec<usize>>,
}

/// One figure's brackets from its pilot `values`: around each wanted rank r of `samples`, the
/// values at pilot ranks r·m/N ± (kσ + 2), σ = √(m·p(1−p)) the spread of a sample quantile's
/// rank and k = [`BRACKET_SIGMAS`]; overlapping brackets merge (docs/MODEL.md §6, "Finding
/// order statistics", inside the headline's pass). Not the full columns' bracketing
/// (`stats::select_by_brackets`), on purpose: the pass never holds its N values, so the only
/// sample it has before counting is its first chunks (not a strided one), and a margin per
/// rank, tighter in the tails, keeps what every chunk gathers small; its ends are f64 for the
/// vector compares of [`Job::keep`], and a miss runs the pass again. What is read off is the
/// same exact selection ([`select_keys`]) either way.
fn bracket_ranges(ranks: &[usize], keys: &mut [i64], samples: usize) -> Vec<(f64, f64)> {
    let m = keys.len();
    if m == 0 {
        return vec![(f64::NEG_INFINITY, f64::INFINITY)];
    }
    let ends: Vec<(Option<usize>, Option<usize>)> = ranks
        .iter()
        .map(|&r| {
            let p = r as f64 / samples as f64;
            let centre = p * m as f64;
            let margin = BRACKET_SIGMAS * (m as f64 * p * (1.0 - p)).sqrt() + 2.0;
            let low = (centre - margin).floor();
            let high = (centre + margin).ceil();
            let low = (low >= 0.0).then_some(low as usize);
            let high = (high < m as f64).then_some(high as usize);
            (low, high)
        })
        .collect();
    // The pilot ranks the brackets need, found by selection (not a full sort).
    let mut wanted: Vec<usize> = ends.iter().flat_map(|(a, b)| [*a, *b]).flatten().collect();
    wanted.sort_unstable();
    wanted.dedup();
    let found = select_keys(keys, &wanted);
    let value = |i: usize| wanted.binary_search(&i).map_or(f64::NAN, |j| found[j]);
    let mut ranges: Vec<(f64, f64)> = Vec::new();
    for (low, high) in ends {
        let low = low.map_or(f64::NEG_INFINITY, value);
        let high = high.map_or(f64::INFINITY, value);
        match ranges.last_mut() {
            Some(last) if low <= last.1 => last.1 = last.1.max(high),
            _ => ranges.push((low, high)),
        }
    }
    ranges
}

impl Brackets {
    /// Brackets from the pilot's values ([`bracket_ranges`]), with room for what a chunk is
    /// expected to keep in each (the pilot's share, plus a quarter).
    fn from_pilot(wants: &Wants, pilot: &[ChunkResult], samples: usize) -> Brackets {
        // Each figure's pilot values (their keys), all chunks together.
        let mut keys: Vec<Vec<i64>> = (0..wants.ranks.len())
            .map(|i| {
                pilot
                    .iter()
                    .flat_map(|c| c.kept[i].inside[0].iter().copied())
                    .collect()
            })
            .collect();
        let figures: Vec<Vec<(f64, f64)>> = wants
            .ranks
            .par_iter()
            .zip(&mut keys)
            .map(|((_, ranks), keys)| bracket_ranges(ranks, keys, samples))
            .collect();
        let expected = figures
            .iter()
            .zip(&keys)
            .map(|(ranges, keys)| {
                let m = keys.len().max(1);
                ranges
                    .iter()
                    .map(|&(low, high)| {
                        let (low, high) = (key(low), key(high));
                        let inside = keys.iter().filter(|k| **k >= low && **k <= high);
                        inside.count() * CHUNK * 5 / (4 * m) + 64
                    })
                    .collect()
            })
            .collect();
        Brackets { figures, expected }
    }

    /// The pilot's kept values (all of them) sorted into these brackets.
    fn count(&self, kept: Vec<Bracketed>) -> Vec<Bracketed> {
        kept.iter()
            .zip(&self.figures)
            .map(|(all, ranges)| {
                let mut out = Bracketed {
                    below: vec![0; ranges.len()],
                    inside: vec![Vec::new(); ranges.len()],
                };
                for &k in &all.inside[0] {
                    let x = value_of(k);
                    for (b, &(low, high)) in ranges.iter().enumerate() {
                        if x < low {
                            out.below[b] += 1;
                        } else if x <= high {
                            out.inside[b].push(k);
                        }
                    }
                }
                out
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample::stored;
    use crate::scenario::Scenario;

    /// Fixed inputs but the market's size: the sample's index, plus a billion after the
    /// pilot's chunks, so that the later values all lie above the brackets the pilot sets.
    struct Misleading {
        fixed: PerInput<f64>,
    }

    fn size_of(i: usize) -> f64 {
        let later = if i < PILOT_CHUNKS * CHUNK { 0.0 } else { 1e9 };
        later + i as f64
    }

    impl Source for Misleading {
        type Chunk = usize;

        fn open(&self, chunk: usize) -> usize {
            chunk * CHUNK
        }

        fn fill(&self, next: &mut usize, block: &mut Block, count: usize) -> PerInput<u64> {
            for v in 0..count.div_ceil(4) {
                for field in Field::INPUTS {
                    block[field][v] = f64x4::splat(self.fixed[field]);
                }
                let sizes = std::array::from_fn(|lane| size_of(*next + 4 * v + lane));
                block[Field::MarketSize][v] = f64x4::new(sizes);
            }
            *next += count;
            PerInput::from_fn(|_| 0)
        }
    }

    #[test]
    fn a_pilot_that_misleads_the_brackets_still_gives_exact_order_statistics() {
        let text = "schema = 1\nhorizon_days = 90\n[target]\nrevenue = 1\n[market]\nsize = 1\n";
        let scenario = Scenario::parse(text, "t.toml").expect("parses");
        let fixed = PerInput::from_fn(|field| {
            stored(
                field,
                scenario.dist(field).fixed_value().expect("all fixed"),
            )
        });
        let samples = 5 * CHUNK + 100;
        let ranks = vec![samples / 10, samples / 2, samples - 1];
        let wants = Wants {
            ranks: vec![(Figure::Input(Field::MarketSize), ranks.clone())],
        };
        let passed = run(
            &Plan::of(&scenario),
            &Misleading { fixed },
            samples,
            &wants,
            false,
        );
        let mut sizes: Vec<f64> = (0..samples).map(size_of).collect();
        sizes.sort_by(f64::total_cmp);
        let found = passed
            .statistics(Figure::Input(Field::MarketSize))
            .expect("the statistics asked for");
        for rank in ranks {
            assert_eq!(found.value(rank), sizes[rank], "rank {rank}");
        }
    }
}
