//! The model on a worker thread: the session sends every new state of the scenario, the worker
//! answers with the headline (a quick estimate first when the full run would take longer than
//! a frame) and then the detail. It always works on the newest state it has been sent, and
//! skips the detail of a state that has already been replaced, so input never waits on it.
//! It knows nothing of the session: it answers in [`Notification`]s, which the app consumes
//! (as gitui's asyncgit notifies its UI).

use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::thread::{self, JoinHandle};

use skypie::model::Detail;
use skypie::model::analyse;
use skypie::model::draws::{Draws, DrawsKey};
use skypie::model::headline::{Headline, headline_with_achievable};
use skypie::report::histogram::{self, Histogram};
use skypie::scenario::Scenario;

/// Above this many samples the worker first sends an estimate on this many.
pub const QUICK_SAMPLES: u64 = 100_000;

/// A headline the worker computed for one state of the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    /// Which state of the scenario it belongs to.
    pub generation: u64,
    /// That state as computed (a quick estimate's at its smaller sample count): until the next
    /// state's figures land, the old ones are shown (dimmed) with the horizon, confidence and
    /// target they were figured for, not the state's being typed ([`App::figured`]).
    ///
    /// [`App::figured`]: crate::tui::app::App::figured
    pub scenario: Scenario,
    /// The headline figures.
    pub headline: Headline,
    /// Achievable revenue, binned for the histogram panel (its edges as the panel writes them).
    pub histogram: Histogram,
    /// The same, binned as `skypie report` bins it: the board report the session exports is
    /// that command's page (the panel's edges, widened to figures it writes, moved its bars).
    /// Only of a full run: an estimate is never exported.
    pub board_histogram: Option<Histogram>,
    /// True for a quick estimate on fewer samples, to be refined.
    pub estimate: bool,
}

/// What the worker tells whoever sent it a job.
#[derive(Debug, Clone)]
pub enum Notification {
    /// The headline of one state (first a quick estimate, when the full run is long).
    Headline(Box<Computed>),
    /// The tornado, levers and time path of one state.
    Detail { generation: u64, detail: Detail },
}

/// A job: one state of the scenario.
struct Job {
    generation: u64,
    scenario: Scenario,
}

/// The worker thread and its two channels.
pub struct Worker {
    jobs: Sender<Job>,
    results: Receiver<Notification>,
    _thread: JoinHandle<()>,
}

impl Worker {
    /// Starts the worker.
    pub fn spawn() -> Worker {
        let (jobs, job_queue) = channel::<Job>();
        let (sender, results) = channel::<Notification>();
        let thread = thread::spawn(move || work(job_queue, sender));
        Worker {
            jobs,
            results,
            _thread: thread,
        }
    }

    /// Asks for the results of one state of the scenario; false when the worker has stopped.
    pub fn compute(&self, generation: u64, scenario: Scenario) -> bool {
        self.jobs
            .send(Job {
                generation,
                scenario,
            })
            .is_ok()
    }

    /// Results that have arrived, without waiting.
    pub fn try_recv(&self) -> Result<Option<Notification>, WorkerStopped> {
        match self.results.try_recv() {
            Ok(notification) => Ok(Some(notification)),
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => Err(WorkerStopped),
        }
    }
}

/// The worker thread has ended (it panicked: the message is on the terminal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the model worker stopped")]
pub struct WorkerStopped;

/// The sampled inputs of the last two scenario states asked for (the quick estimate's and
/// the full run's), reused while the inputs they depend on do not change.
#[derive(Default)]
struct DrawsCache {
    slots: Vec<(DrawsKey, Draws)>,
}

impl DrawsCache {
    /// The draws of `scenario`: the cached ones if its key matches, or a new sampling that
    /// replaces the older of the two slots.
    fn get(&mut self, scenario: &Scenario) -> &Draws {
        let key = DrawsKey::of(scenario);
        let slot = match self.slots.iter().position(|(k, _)| *k == key) {
            Some(slot) => slot,
            None => {
                if self.slots.len() == 2 {
                    self.slots.remove(0);
                }
                self.slots.push((key, Draws::sample(scenario)));
                self.slots.len() - 1
            }
        };
        &self.slots[slot].1
    }
}

/// The worker's loop: newest job first, headline, then detail unless replaced.
fn work(jobs: Receiver<Job>, results: Sender<Notification>) {
    let mut cache = DrawsCache::default();
    let mut next: Option<Job> = None;
    loop {
        let Some(mut job) = next.take().or_else(|| jobs.recv().ok()) else {
            return;
        };
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        match serve(&job, &mut cache, &jobs, &results) {
            Served::Done => {}
            Served::Replaced(newer) => next = Some(*newer),
            Served::NoOneListens => return,
        }
    }
}

/// How a job ended.
enum Served {
    /// Its headline and detail were sent (or the detail was not needed).
    Done,
    /// A newer state arrived first: what was left of this one was dropped.
    Replaced(Box<Job>),
    /// The session has gone.
    NoOneListens,
}

/// One job: a quick estimate first when the full run is long, then the headline, then the
/// detail, each dropped as soon as a newer state is waiting in `jobs`.
fn serve(
    job: &Job,
    cache: &mut DrawsCache,
    jobs: &Receiver<Job>,
    results: &Sender<Notification>,
) -> Served {
    let replaced = || jobs.try_recv().ok().map(Box::new);
    let scenario = &job.scenario;
    if scenario.sample_count() > QUICK_SAMPLES {
        let mut quick = scenario.clone();
        quick.samples = QUICK_SAMPLES;
        let estimate = computed(&quick, cache.get(&quick), job.generation, true);
        if results
            .send(Notification::Headline(Box::new(estimate)))
            .is_err()
        {
            return Served::NoOneListens;
        }
        // A burst of nudges: the newest state's estimate next, not this state's full run (a
        // second at 10M samples, which the burst's last estimate waited on).
        if let Some(newer) = replaced() {
            return Served::Replaced(newer);
        }
    }
    let draws = cache.get(scenario);
    let shown = computed(scenario, draws, job.generation, false);
    let headline = shown.headline.clone();
    if results
        .send(Notification::Headline(Box::new(shown)))
        .is_err()
    {
        return Served::NoOneListens;
    }
    // The detail, abandoned as soon as a newer state arrives (it is kept for the next turn).
    if let Some(newer) = replaced() {
        return Served::Replaced(newer);
    }
    let mut newer = None;
    let mut stop = || {
        newer = replaced();
        newer.is_some()
    };
    let Some(detail) = analyse(scenario, draws, &headline, &mut stop) else {
        return newer.map_or(Served::Done, Served::Replaced);
    };
    let done = Notification::Detail {
        generation: job.generation,
        detail,
    };
    if results.send(done).is_err() {
        return Served::NoOneListens;
    }
    Served::Done
}

/// The headline of a scenario on its draws, with the histogram of achievable revenue.
pub fn computed(scenario: &Scenario, draws: &Draws, generation: u64, estimate: bool) -> Computed {
    let evaluated = headline_with_achievable(scenario, draws);
    let (achievable, target) = (&evaluated.achievable, scenario.target_revenue);
    // One selection of the range for both; the board report's histogram only for a full run
    // (an estimate is never exported).
    let (low, high) = histogram::range(achievable, target);
    Computed {
        generation,
        scenario: scenario.clone(),
        headline: evaluated.headline,
        histogram: Histogram::at_written_edges(achievable, (low, high), target),
        board_histogram: (!estimate).then(|| histogram::binned(achievable, low, high, target)),
        estimate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use skypie::scenario::Method;

    /// The sampled market-size column's buffer: it identifies one sampling.
    fn sampling(draws: &Draws) -> *const f64 {
        match draws.column(skypie::scenario::Field::MarketSize) {
            skypie::model::draws::Column::Sampled(values) => values.as_ptr(),
            skypie::model::draws::Column::Fixed(_) => std::ptr::null(),
        }
    }

    #[test]
    fn quick_and_full_draws_are_both_kept_between_jobs() {
        let mut full = Scenario::parse(skypie::scenario::BUILT_IN, "b").unwrap();
        full.samples = 3_000;
        let mut quick = full.clone();
        quick.samples = 1_000;
        let mut cache = DrawsCache::default();
        let first_quick = sampling(cache.get(&quick));
        let first_full = sampling(cache.get(&full));
        // A new target changes neither: both come back without resampling.
        full.target_revenue = 1.0;
        quick.target_revenue = 1.0;
        assert_eq!(sampling(cache.get(&quick)), first_quick);
        assert_eq!(sampling(cache.get(&full)), first_full);
        full.seed += 1;
        assert_ne!(sampling(cache.get(&full)), first_full);
    }

    #[test]
    fn under_sobol_points_a_new_horizon_or_team_is_sampled_anew_and_a_new_target_is_not() {
        let mut scenario = Scenario::parse(skypie::scenario::BUILT_IN, "b").unwrap();
        scenario.method = Method::Sobol;
        scenario.samples = 4_096;
        let mut cache = DrawsCache::default();
        let size = |draws: &Draws| draws.column(skypie::scenario::Field::MarketSize).clone();
        let first = sampling(cache.get(&scenario));
        let before = size(cache.get(&scenario));
        scenario.target_revenue *= 2.0;
        assert_eq!(
            sampling(cache.get(&scenario)),
            first,
            "the points do not follow the target: the cached draws serve"
        );
        scenario.horizon_days *= 4;
        let after = size(cache.get(&scenario));
        assert!(after != before, "the points are turned for the new horizon");
        assert_eq!(after, size(&Draws::sample(&scenario)));
        // A team ten times the size: B + C leans on its capacity term, and its direction turns.
        use skypie::scenario::{Field, FieldValue};
        scenario
            .set(Field::CapacityReps, FieldValue::Integer(60))
            .unwrap();
        let with_team = size(cache.get(&scenario));
        assert!(with_team != after, "the points are turned for the new team");
        assert_eq!(with_team, size(&Draws::sample(&scenario)));
    }

    #[test]
    fn a_changed_correlation_is_sampled_anew() {
        use skypie::scenario::Field::{MarketGrowth, MarketSize};
        let text = format!(
            "{}\n[correlation]\n\"market.size ~ market.growth\" = 0.5\n",
            skypie::scenario::BUILT_IN
        );
        let mut scenario = Scenario::parse(&text, "b").unwrap();
        scenario.samples = 2_000;
        let mut cache = DrawsCache::default();
        let before = cache.get(&scenario).column(MarketGrowth).clone();
        scenario
            .set_correlation(MarketSize, MarketGrowth, -0.5)
            .unwrap();
        let after = cache.get(&scenario).column(MarketGrowth).clone();
        assert_ne!(before, after, "the draws follow the new correlation");
        assert_eq!(after, Draws::sample(&scenario).column(MarketGrowth).clone());
    }

    #[test]
    fn a_state_replaced_during_its_estimate_gets_no_full_run() {
        // A burst of nudges at 10M samples: each state's full run (a second) went on after
        // its estimate, and the newest state's estimate waited on it.
        let mut scenario = Scenario::parse(skypie::scenario::BUILT_IN, "b").unwrap();
        scenario.samples = QUICK_SAMPLES + 1;
        let (send_job, jobs) = channel::<Job>();
        let (sender, results) = channel::<Notification>();
        let newer = Job {
            generation: 2,
            scenario: scenario.clone(),
        };
        send_job.send(newer).unwrap();
        let first = Job {
            generation: 1,
            scenario,
        };
        let served = serve(&first, &mut DrawsCache::default(), &jobs, &sender);
        assert!(matches!(served, Served::Replaced(job) if job.generation == 2));
        let sent: Vec<Notification> = results.try_iter().collect();
        assert!(
            matches!(&sent[..], [Notification::Headline(c)] if c.estimate && c.generation == 1),
            "only the estimate: {sent:?}"
        );
    }

    #[test]
    fn the_worker_answers_the_newest_state() {
        let worker = Worker::spawn();
        let mut scenario = Scenario::parse(skypie::scenario::BUILT_IN, "b").unwrap();
        scenario.samples = 5_000;
        assert!(worker.compute(1, scenario.clone()));
        scenario.target_revenue = 200e3;
        assert!(worker.compute(2, scenario));
        let mut last_headline = None;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while std::time::Instant::now() < deadline {
            match worker.try_recv() {
                Ok(Some(Notification::Headline(c))) => last_headline = Some(c),
                Ok(Some(Notification::Detail { generation: 2, .. })) => break,
                Ok(_) => std::thread::sleep(std::time::Duration::from_millis(5)),
                Err(stopped) => panic!("{stopped}"),
            }
        }
        let last = last_headline.expect("a headline arrived");
        assert_eq!(last.generation, 2);
        assert_eq!(last.headline.samples, 5_000);
    }
}
