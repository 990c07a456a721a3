//! The last guard of the unsaved edits: a thread that keeps them when the session cannot.
//!
//! A signal that ends the session (`kill`, a closed window) sets a flag that the main loop
//! looks at between frames; it then keeps the edits, restores the terminal and says where
//! they are. A main loop stuck inside a frame never looks again: a chart that drew a line to
//! ∞ sat at 100% CPU, deaf to every key and signal, until `kill -9` took the edits with it.
//! So the main loop hands the watchdog the plan as a recovery file would hold it whenever
//! something happens ([`Watchdog::keep`]), and the watchdog, once the flag has been up for
//! [`GRACE`] with no ending under way, writes that recovery file itself, restores the
//! terminal, says where the edits are and ends the process. A terminal nobody reads (a
//! stalled SSH link) blocks every write to it, the watchdog's too: it gives the restoring and
//! the messages [`GOODBYE_WITHIN`], then ends the process all the same.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use crate::files::{Whereabouts, ending_at};
use crate::terminal::FAILED_STATUS;

/// How long after the signal the main loop has to start ending the session itself. It looks
/// at the flag at least every quarter of a second; a save to a slow disk may hold it longer.
pub const GRACE: Duration = Duration::from_secs(3);

/// How often the watchdog looks at the flag.
const LOOK_EVERY: Duration = Duration::from_millis(50);

/// How long the terminal's restoring and the messages get once the edits are kept: writes to
/// a terminal nobody reads (a stalled SSH link) block until someone does, maybe never.
const GOODBYE_WITHIN: Duration = Duration::from_secs(2);

/// What an ending keeps: the plan's file (as last named: a save as names another), the file
/// that name led to when the session last read or saved it (a link may lead elsewhere since)
/// and where that was (its folder may be renamed since), and the plan with its unsaved edits,
/// `None` when there are none.
#[derive(Debug, Default)]
struct Kept {
    file: Option<PathBuf>,
    led: Option<PathBuf>,
    was: Option<Whereabouts>,
    text: Option<String>,
}

/// The handle the main loop holds.
pub struct Watchdog {
    kept: Arc<Mutex<Kept>>,
    /// Taken by whichever ends the session first: the main loop, or the watchdog.
    ending: Arc<AtomicBool>,
}

impl Watchdog {
    /// Starts watching `stop`; `keep_edits` is how an ending keeps the edits (it returns what
    /// to show once the terminal is back, and what the error then says of where they are),
    /// `restore` gives the terminal back.
    pub fn spawn(
        stop: Arc<AtomicBool>,
        keep_edits: impl Fn(Option<PathBuf>, Option<PathBuf>, String) -> (String, String)
        + Send
        + 'static,
        restore: impl Fn() + Send + 'static,
    ) -> Watchdog {
        let kept = Arc::new(Mutex::new(Kept::default()));
        let ending = Arc::new(AtomicBool::new(false));
        let watchdog = Watchdog {
            kept: Arc::clone(&kept),
            ending: Arc::clone(&ending),
        };
        let spawned = thread::Builder::new()
            .name("skypie-watchdog".to_string())
            .spawn(move || {
                if !stuck_after_signal(&stop, &ending) {
                    return;
                }
                let kept =
                    std::mem::take(&mut *kept.lock().unwrap_or_else(PoisonError::into_inner));
                let (file, led) = ending_at(kept.file, kept.led, kept.was.as_ref());
                let said = kept.text.map(|text| keep_edits(file, led, text));
                let goodbye = move || {
                    restore();
                    let said = said.map_or_else(String::new, |(shown, said)| {
                        crate::terminal::print_error(&shown);
                        format!(": {said}")
                    });
                    crate::terminal::print_error(&format!(
                        "error: the session was stopped by a signal and did not end within {} \
                         seconds{said}\n",
                        GRACE.as_secs()
                    ));
                };
                end_after(goodbye)
            });
        // Without the thread the session runs as before: the main loop still ends it.
        drop(spawned);
        watchdog
    }

    /// What an ending would keep now: `text`, the plan with its unsaved edits (`None`
    /// without any), of `file`, which led to `led` when the session last read or saved it,
    /// `was` where that was then.
    pub fn keep(
        &self,
        file: Option<PathBuf>,
        led: Option<PathBuf>,
        was: Option<Whereabouts>,
        text: Option<String>,
    ) {
        *self.kept.lock().unwrap_or_else(PoisonError::into_inner) = Kept {
            file,
            led,
            was,
            text,
        };
    }

    /// The main loop ends the session itself: true if the watchdog has not (then it never
    /// will); false if it has begun to, and the process is about to end.
    pub fn take_the_ending(&self) -> bool {
        !self.ending.swap(true, Ordering::SeqCst)
    }
}

/// Ends the process once `goodbye` is said, or once [`GOODBYE_WITHIN`] has passed without.
fn end_after(goodbye: impl FnOnce() + Send + 'static) -> ! {
    if finished_within(GOODBYE_WITHIN, goodbye) {
        std::process::exit(FAILED_STATUS.into());
    }
    // `std::process::exit` flushes standard output's buffer where no thread holds its lock, and
    // would block on the terminal as the goodbye did.
    // SAFETY: `_exit` only ends the process; it touches no memory of this one.
    unsafe { libc::_exit(FAILED_STATUS.into()) }
}

/// How long the main loop's ending after a failure gets to keep the edits and give the
/// terminal back: what an ending from a signal gets, the watchdog's grace and its goodbye.
pub const ENDING_WITHIN: Duration = Duration::from_secs(GRACE.as_secs() + GOODBYE_WITHIN.as_secs());

/// Held while an ending runs ([`ending_bound`]); dropped once it is done.
pub struct EndingBound {
    _done: mpsc::Sender<()>,
}

/// Ends the process, saying `goodbye` as the watchdog says its own, unless the returned
/// bound is dropped within [`ENDING_WITHIN`]: an ending stuck (a recovery file written to a
/// hung disk) never exited, the session's terminal held for good.
pub fn ending_bound(goodbye: impl FnOnce() + Send + 'static) -> EndingBound {
    bound_within(ENDING_WITHIN, move || end_after(goodbye))
}

/// Runs `overrun` on a thread of its own unless the returned bound is dropped within `within`.
fn bound_within(within: Duration, overrun: impl FnOnce() + Send + 'static) -> EndingBound {
    let (done, waited) = mpsc::channel();
    let spawned = thread::Builder::new()
        .name("skypie-ending-bound".to_string())
        .spawn(move || {
            if waited.recv_timeout(within) == Err(mpsc::RecvTimeoutError::Timeout) {
                overrun();
            }
        });
    // Without the thread the ending runs unbounded, as before.
    drop(spawned);
    EndingBound { _done: done }
}

/// Waits for `stop`, then for [`GRACE`]: true when the ending is then still nobody's, and the
/// watchdog has taken it.
fn stuck_after_signal(stop: &AtomicBool, ending: &AtomicBool) -> bool {
    while !stop.load(Ordering::SeqCst) {
        if ending.load(Ordering::SeqCst) {
            return false;
        }
        thread::sleep(LOOK_EVERY);
    }
    let since = Instant::now();
    while since.elapsed() < GRACE {
        if ending.load(Ordering::SeqCst) {
            return false;
        }
        thread::sleep(LOOK_EVERY);
    }
    !ending.swap(true, Ordering::SeqCst)
}

/// Runs `job` on a thread of its own and waits `within` at most: true if it finished (false
/// too when no thread could be started, and the job never ran).
fn finished_within(within: Duration, job: impl FnOnce() + Send + 'static) -> bool {
    let (done, finished) = mpsc::channel();
    let spawned = thread::Builder::new()
        .name("skypie-goodbye".to_string())
        .spawn(move || {
            job();
            let _ = done.send(());
        });
    spawned.is_ok() && finished.recv_timeout(within).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_main_loop_that_ends_the_session_keeps_the_ending_from_the_watchdog() {
        let (stop, ending) = (AtomicBool::new(true), AtomicBool::new(true));
        assert!(!stuck_after_signal(&stop, &ending));
        // Without a signal the watchdog never takes it, and ends with the session.
        let (stop, ending) = (AtomicBool::new(false), AtomicBool::new(true));
        assert!(!stuck_after_signal(&stop, &ending));
    }

    #[test]
    fn once_the_watchdog_has_taken_the_ending_the_main_loop_cannot() {
        let (stop, ending) = (
            Arc::new(AtomicBool::new(false)),
            Arc::new(AtomicBool::new(false)),
        );
        let watchdog = Watchdog {
            kept: Arc::new(Mutex::new(Kept::default())),
            ending: Arc::clone(&ending),
        };
        stop.store(true, Ordering::SeqCst);
        assert!(stuck_after_signal(&stop, &ending), "nobody else ended it");
        assert!(!watchdog.take_the_ending());
    }

    #[test]
    fn a_goodbye_that_blocks_forever_is_given_up_on_after_its_time() {
        assert!(!finished_within(Duration::from_millis(200), || {
            loop {
                thread::park();
            }
        }));
    }

    #[test]
    fn an_ending_that_overruns_its_bound_is_ended() {
        let (overran, heard) = mpsc::channel();
        let _bound = bound_within(Duration::from_millis(10), move || {
            let _ = overran.send(());
        });
        assert_eq!(heard.recv(), Ok(()));
    }

    #[test]
    fn an_ending_done_within_its_bound_is_left_to_end_itself() {
        let (overran, heard) = mpsc::channel::<()>();
        let bound = bound_within(Duration::from_secs(60), move || {
            let _ = overran.send(());
        });
        drop(bound);
        // The bound's thread ends without running it, and drops its sender with it.
        assert!(heard.recv().is_err());
    }

    #[test]
    fn a_goodbye_that_finishes_in_time_says_so() {
        assert!(finished_within(Duration::from_secs(60), || {}));
    }
}
