//! A command interrupted (Ctrl-C, `kill`, a closed terminal) leaves no half-written file: the
//! temporary file a write goes through is removed before the process ends as the signal would
//! have ended it. (The live session handles these signals itself, to keep unsaved edits.)

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use signal_hook::consts::{
    SIGALRM, SIGHUP, SIGINT, SIGPROF, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGVTALRM, SIGXCPU,
};
use signal_hook::iterator::Signals;

/// The signals that end a process unasked and can be caught: Ctrl-C, `kill`, a closed
/// terminal, `kill -QUIT`, and the rarer ones a timer, another program or a CPU-time limit
/// (`ulimit -t`, a batch scheduler) sends. A command other than the session still dumps core
/// on SIGQUIT once its temporary files are gone; the session ends as on any other, its edits
/// kept and the terminal restored (SIGQUIT left the alternate screen on, and no recovery
/// file). SIGXFSZ is left to dump core, as it is meant to.
pub const ENDING: [i32; 10] = [
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGALRM, SIGUSR1, SIGUSR2, SIGXCPU, SIGVTALRM, SIGPROF,
];

/// The temporary files being written now.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// From here on, the [`ENDING`] signals remove the pending temporary files, then end the
/// process as the signal's default action would (the shell sees 130, 143 or 129 as before).
/// The signals are taken over in the listening thread itself: should it not start, or not
/// register, they keep their default action.
pub fn clean_up_on_signals() {
    let _ = std::thread::Builder::new()
        .name("interrupt".to_string())
        .spawn(|| {
            let Ok(mut signals) = Signals::new(ENDING) else {
                return;
            };
            if let Some(signal) = signals.forever().next() {
                remove_pending();
                // Ends the process; should it not, exit with the status a shell would show.
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
}

/// Removes every pending temporary file.
fn remove_pending() {
    let pending = PENDING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    for path in pending.iter() {
        let _ = std::fs::remove_file(path);
    }
}

/// A temporary file being written: removed if a signal ends the process before it is dropped.
pub struct Pending(PathBuf);

impl Pending {
    /// Marks `path` pending until the returned guard is dropped.
    pub fn new(path: &Path) -> Pending {
        let mut pending = PENDING
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        pending.push(path.to_path_buf());
        Pending(path.to_path_buf())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let mut pending = PENDING
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(at) = pending.iter().position(|p| *p == self.0) {
            pending.swap_remove(at);
        }
    }
}
