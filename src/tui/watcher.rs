//! The plan's file watched on a thread of its own: once a second a `stat`, and on a change a
//! read, of what the session says to look at ([`Look`]), and where the plan is once its folder
//! moved or it was renamed ([`Place`]); what it finds comes back as the messages the app takes
//! ([`Msg::ChangedOnDisk`], [`Msg::PlanMoved`], [`Msg::PlanRenamed`]), so a file on a hung
//! network mount stalls only this thread, not the keys (as gitui's asyncgit keeps git off its
//! UI). What a finding means for the session is the app's to decide (`App::on_plan_changed`).
//! Not here: saves and exports write on the UI thread, and a save looks where the plan is
//! first.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError, channel};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::app::Msg;
use super::disk::{Look, Looks};
use crate::files::{Whereabouts, moved_since};

/// How often the watched file is looked at, the plan's and an open question's alike: a `stat`,
/// and a read only when that changed and then held for a look (a file being written is not
/// read half written).
pub const WATCH_EVERY: Duration = Duration::from_secs(1);

/// What the session tells the watcher.
enum Order {
    /// Look at this from now on (nothing, while the app is in no state to take a change).
    Look(Option<Look>),
    /// Its last finding came when the app had moved on: find it again ([`Looks::forget_what_was_read`]).
    Forget,
    /// Where the plan is from now on; the count of places told, for its words to say which.
    Place(Place, u64),
}

/// Where the plan's file was when the session last read or saved it: the file its name led to,
/// and where that was, its folder held open; the watcher says where the plan is once that
/// folder was renamed or moved ([`moved_since`]).
#[derive(Debug, Clone, Default)]
pub(super) struct Place {
    pub led: Option<PathBuf>,
    pub was: Option<Whereabouts>,
}

impl Place {
    /// Where the plan is now, when its folder moved since ([`moved_since`]).
    pub(super) fn moved(&self) -> Option<PathBuf> {
        moved_since(self.led.as_deref(), self.was.as_ref())
    }

    /// Where the plan is now, and while it is moved, which of it and its old place hold a file;
    /// or, its name gone from its folder, what it was renamed to there.
    fn found(&self) -> Found {
        let now = self.moved();
        let files = now.as_deref().map(|now| {
            let was_there = self.led.as_deref().is_some_and(Path::exists);
            (now.exists(), was_there)
        });
        let renamed = (self.led.as_deref().zip(self.was.as_ref()))
            .and_then(|(led, was)| was.renamed_within(led));
        Found {
            now,
            files,
            renamed,
        }
    }
}

/// What the watcher last told of where the plan is: told again when any of it changes, as the
/// title's "moved" goes by whether the plan is there and nothing at its old place
/// (`App::moved_away_to`), which the frame does not look at the disk for.
#[derive(Debug, PartialEq, Eq)]
struct Found {
    now: Option<PathBuf>,
    files: Option<(bool, bool)>,
    renamed: Option<PathBuf>,
}

/// The watcher thread and its two channels.
pub struct Watcher {
    orders: Sender<Order>,
    found: Receiver<(Look, Msg)>,
    /// Where the plan is, each time that changes ([`Place::found`]), as the messages that say
    /// it, with the place it was found for ([`Watcher::places`]).
    moved: Receiver<(u64, Vec<Msg>)>,
    /// How many places were told: a word found for an earlier one (the plan's old place, just
    /// before a save under another name) is not of the plan now.
    places: Cell<u64>,
    _thread: JoinHandle<()>,
}

impl Watcher {
    /// Starts the watcher, looking every `every`, at nothing until told.
    pub fn spawn(every: Duration) -> Watcher {
        let (orders, order_queue) = channel();
        let (sender, found) = channel();
        let (mover, moved) = channel();
        let thread = thread::spawn(move || watch(order_queue, sender, mover, every));
        Watcher {
            orders,
            found,
            moved,
            places: Cell::new(0),
            _thread: thread,
        }
    }

    /// Looks at `look` from now on.
    pub(super) fn look_at(&self, look: Option<Look>) -> Result<(), WatcherStopped> {
        self.orders
            .send(Order::Look(look))
            .map_err(|_| WatcherStopped)
    }

    /// Tells where the plan is from now on (`place`, [`Place`]).
    pub(super) fn place(&self, place: Place) -> Result<(), WatcherStopped> {
        self.places.set(self.places.get() + 1);
        self.orders
            .send(Order::Place(place, self.places.get()))
            .map_err(|_| WatcherStopped)
    }

    /// The newest word of where the plan is, if any came since last asked for the place told
    /// last: the messages the app takes ([`Msg::PlanMoved`], [`Msg::PlanRenamed`]).
    pub(super) fn moved(&self) -> Result<Vec<Msg>, WatcherStopped> {
        let mut newest = Vec::new();
        loop {
            match self.moved.try_recv() {
                Ok((place, said)) if place == self.places.get() => newest = said,
                Ok(_) => {}
                Err(TryRecvError::Empty) => return Ok(newest),
                Err(TryRecvError::Disconnected) => return Err(WatcherStopped),
            }
        }
    }

    /// Has the last finding found again: it came for a look the app has moved on from.
    fn forget(&self) -> Result<(), WatcherStopped> {
        self.orders.send(Order::Forget).map_err(|_| WatcherStopped)
    }

    /// A finding that has arrived for `look`, what the app is in a state to take now; one for
    /// a look it has moved on from (an editor opened since) is dropped and found again.
    pub(super) fn finding_for(&self, look: Option<&Look>) -> Result<Finding, WatcherStopped> {
        let Some((looked, msg)) = self.try_recv()? else {
            return Ok(Finding::Nothing);
        };
        if look != Some(&looked) {
            self.forget()?;
            return Ok(Finding::Dropped);
        }
        Ok(Finding::Taken(msg))
    }

    /// A finding that has arrived, with the look it answers, without waiting; `Err` when the
    /// watcher has stopped.
    pub(super) fn try_recv(&self) -> Result<Option<(Look, Msg)>, WatcherStopped> {
        match self.found.try_recv() {
            Ok(found) => Ok(Some(found)),
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => Err(WatcherStopped),
        }
    }
}

/// What [`Watcher::finding_for`] found.
#[derive(Debug)]
pub(super) enum Finding {
    /// Nothing has arrived.
    Nothing,
    /// A finding for a look the app has moved on from: the watcher finds it again.
    Dropped,
    /// A finding for the look asked about, for the app.
    Taken(Msg),
}

/// The watcher thread has ended (it panicked: the message is on the terminal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the watch of the plan's file stopped")]
pub struct WatcherStopped;

/// The watcher's loop: the newest order taken as it comes, a look every `every`; where the
/// plan is sent when it changes, or when told a new place.
fn watch(
    orders: Receiver<Order>,
    found: Sender<(Look, Msg)>,
    moved: Sender<(u64, Vec<Msg>)>,
    every: Duration,
) {
    let mut looks = Looks::NEVER;
    let mut look: Option<Look> = None;
    let mut place: Option<(Place, u64)> = None;
    let mut told: Option<Found> = None;
    let mut next = Instant::now() + every;
    loop {
        match orders.recv_timeout(next.saturating_duration_since(Instant::now())) {
            Ok(Order::Look(now)) => look = now,
            Ok(Order::Forget) => looks.forget_what_was_read(),
            Ok(Order::Place(now, count)) => {
                place = Some((now, count));
                told = None;
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        if Instant::now() < next {
            continue;
        }
        next = Instant::now() + every;
        if let Some((found, count)) = place.as_ref().map(|(p, count)| (p.found(), *count))
            && told.as_ref() != Some(&found)
        {
            let said = vec![
                Msg::PlanMoved(found.now.clone()),
                Msg::PlanRenamed(found.renamed.clone()),
            ];
            if moved.send((count, said)).is_err() {
                return;
            }
            told = Some(found);
        }
        let msg = looks.look(look.as_ref());
        if let (Some(look), Some(msg)) = (&look, msg)
            && found.send((look.clone(), msg)).is_err()
        {
            return;
        }
    }
}
