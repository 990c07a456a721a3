//! The last guard of the unsaved edits: a thread that keeps them when the session cannot.
//!
//! A signal that ends the session (`kill`, a closed window) sets a flag that the main loop
//! looks at between frames; it then keeps the edits, restores the terminal and says where
//! they are. A main loop stuck inside a frame never looks again: a chart that drew a line to
//! ∞ sat at 100% CPU, deaf to every key and signal, until `kill -9` took the edits with it.
//! So the main loop hands the watchdog the plan as a recovery file would hold it whenever
//! something happens ([`Watchdog::keep`]), and the watchdog, once the flag has been up for
//! [`GRACE`] with no ending under way, writes that recovery file itself, restores the
//! terminal, says where the edits are and ends the process.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use crate::files::{Whereabouts, ending_at};

/// How long after the signal the main loop has to start ending the session itself. It looks
/// at the flag at least every quarter of a second; a save to a slow disk may hold it longer.
pub const GRACE: Duration = Duration::from_secs(3);

/// How often the watchdog looks at the flag.
const LOOK_EVERY: Duration = Duration::from_millis(50);

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
                std::process::exit(1);
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
}
