//! Terminal input on a thread of its own, and noticing that the terminal is gone.
//!
//! Why a thread: a terminal that is gone (a closed window, `tmux kill-session`, a dropped SSH
//! connection) stays readable forever while `read` returns 0 or fails with EIO. crossterm's
//! default unix event source (mio, `event/source/unix/mio.rs`) then never leaves its read
//! loop, whatever the timeout, and burns a core (crossterm issue #793); a session waiting for
//! keys there could never look at its SIGHUP flag again, and its unsaved edits were lost. So:
//! - the main loop never calls crossterm's event functions: this thread does, and forwards
//!   what it reads over a channel; the main loop waits on the channel with a short timeout,
//!   so it always gets back to the signal flag, the worker and [`HangUpCheck::hung_up`];
//! - this thread asks crossterm only when poll(2) says standard input has something, and
//!   reports POLLHUP, POLLERR and POLLNVAL (and any read error) as the end of input instead.
//!
//! crossterm is built with its `use-dev-tty` source (`event/source/unix/tty.rs`, Cargo.toml),
//! which waits with poll(2) too. The mio source waits with edge-triggered epoll and reads at
//! most 1,024 bytes per wake-up: a burst longer than that (1,500 typed `+`, a long paste
//! without bracketed paste) stopped after 1,024 bytes until the next key, while poll(2) kept
//! saying "readable" and this thread spun asking. That source answers nothing to a zero
//! timeout, so it is always given [`DRAIN`].
//!
//! Some systems (older macOS) answer poll(2) on a terminal with POLLNVAL even while it is
//! alive; [`HangUpCheck::probe`] notices that at start and falls back to waiting inside
//! crossterm with a timeout (the main loop still sees SIGHUP).

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};
use rustix::event::{PollFd, PollFlags, Timespec, poll};
use signal_hook::consts::SIGWINCH;

/// How long the input thread waits for a key before looking again (and picking up a resize).
const WAIT: Duration = Duration::from_millis(100);

/// How long crossterm may wait for the next event while the thread hands on what has arrived
/// (crossterm's poll(2) source reads nothing when given no time at all).
const DRAIN: Duration = Duration::from_millis(1);

/// What the input thread reports.
#[derive(Debug)]
pub enum Input {
    /// A key, a resize, or any other terminal event.
    Event(Event),
    /// No more input will come: why, in words ("the terminal hung up").
    Ended(String),
}

/// Whether poll(2) on standard input tells a hang-up from a live terminal here.
#[derive(Debug, Clone, Copy)]
pub struct HangUpCheck {
    works: bool,
}

impl HangUpCheck {
    /// Probes standard input once, at the start, while the terminal is known to be alive.
    pub fn probe() -> HangUpCheck {
        HangUpCheck {
            works: !matches!(readiness(Duration::ZERO), Ok(r) if r.contains(PollFlags::NVAL)),
        }
    }

    /// Why the terminal is gone, if it is: hung up, an error on it, or no longer open.
    pub fn hung_up(self) -> Option<String> {
        if !self.works {
            return None;
        }
        match readiness(Duration::ZERO) {
            Ok(ready) => ended(ready),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => None,
            Err(e) => Some(format!("cannot watch the terminal: {e}")),
        }
    }
}

/// Starts the input thread; its events arrive on the returned channel, which disconnects
/// once it has reported [`Input::Ended`].
pub fn spawn(check: HangUpCheck) -> io::Result<Receiver<Input>> {
    let (sender, events) = channel();
    let resized = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(SIGWINCH, Arc::clone(&resized))?;
    // crossterm opens its reader, with the pipe its own SIGWINCH handler writes to, on the
    // first call: now, so that a resize before the first key is not lost.
    event::poll(Duration::ZERO)?;
    thread::Builder::new()
        .name("terminal input".into())
        .spawn(move || read_terminal(check, &resized, &sender))?;
    Ok(events)
}

/// The input thread: wait for input (or a hang-up) on standard input, then hand everything
/// crossterm has parsed to the session, until the terminal ends or the session stops
/// listening.
fn read_terminal(check: HangUpCheck, resized: &AtomicBool, events: &Sender<Input>) {
    // After handing on events, crossterm is asked again at once: given [`DRAIN`] and delayed
    // longer (a busy machine), it may still hold parsed events that no new byte announces.
    let mut wait = WAIT;
    loop {
        let crossterm_wait = if check.works {
            let ready = match readiness(wait) {
                Ok(ready) => {
                    if let Some(why) = ended(ready) {
                        let _ = events.send(Input::Ended(why));
                        return;
                    }
                    ready
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => PollFlags::empty(),
                Err(e) => {
                    let _ = events.send(Input::Ended(format!("cannot watch the terminal: {e}")));
                    return;
                }
            };
            // crossterm is asked only when it has something to give: bytes to read, events it
            // may still hold, or a SIGWINCH it caught, which it turns into a resize event. It
            // spins through the last millisecond of any wait (it polls for the whole
            // milliseconds left), so asking it on every idle wake-up kept a core 1% busy.
            let resize = resized.swap(false, Ordering::Relaxed);
            if wait.is_zero() {
                // Events handed on: crossterm may hold more it has parsed, and looks at them
                // only while its wait has time left. Given a whole WAIT (it returns as soon as
                // it has one), a thread held off the CPU for a moment cannot leave a key with
                // it until the next byte arrives.
                WAIT
            } else if ready.contains(PollFlags::IN) || resize {
                DRAIN
            } else {
                wait = WAIT;
                continue;
            }
        } else {
            WAIT
        };
        match forward(crossterm_wait, events) {
            Ok(handed_on) => wait = if handed_on { Duration::ZERO } else { WAIT },
            Err(why) => {
                if let Some(why) = why {
                    let _ = events.send(Input::Ended(why));
                }
                return;
            }
        }
    }
}

/// Hands every event crossterm has ready to the session; whether there were any.
/// `Err(Some(why))` when reading failed, `Err(None)` when the session no longer listens.
fn forward(wait: Duration, events: &Sender<Input>) -> Result<bool, Option<String>> {
    let cannot_read = |e: io::Error| Some(format!("cannot read the terminal: {e}"));
    let mut wait = wait;
    let mut handed_on = false;
    while event::poll(wait).map_err(cannot_read)? {
        let read = event::read().map_err(cannot_read)?;
        events.send(Input::Event(read)).map_err(|_| None)?;
        wait = DRAIN;
        handed_on = true;
    }
    Ok(handed_on)
}

/// What poll(2) says of standard input within `wait`: empty when nothing happened.
fn readiness(wait: Duration) -> io::Result<PollFlags> {
    let stdin = io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let timeout = Timespec::try_from(wait).map_err(io::Error::other)?;
    poll(&mut fds, Some(&timeout))?;
    Ok(fds[0].revents())
}

/// The end of input, in words, if the poll(2) answer says so.
fn ended(ready: PollFlags) -> Option<String> {
    if ready.contains(PollFlags::NVAL) {
        Some("the terminal is no longer open".into())
    } else if ready.contains(PollFlags::HUP) {
        Some("the terminal hung up".into())
    } else if ready.contains(PollFlags::ERR) {
        Some("the terminal reported an error".into())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hang_up_error_and_closed_descriptor_end_input_but_data_does_not() {
        assert_eq!(ended(PollFlags::IN), None);
        assert_eq!(ended(PollFlags::empty()), None);
        let hup = ended(PollFlags::IN | PollFlags::HUP).unwrap();
        assert!(hup.contains("hung up"), "{hup}");
        assert!(ended(PollFlags::ERR).unwrap().contains("error"));
        assert!(ended(PollFlags::NVAL).unwrap().contains("no longer open"));
    }
}
