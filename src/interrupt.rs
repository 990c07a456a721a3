//! A command interrupted (Ctrl-C, `kill`, a closed terminal) leaves no half-written file: the
//! temporary file a write goes through is removed before the process ends as the signal would
//! have ended it. (The live session handles these signals itself, to keep unsaved edits.)

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

use signal_hook::consts::{
    SIGABRT, SIGALRM, SIGHUP, SIGINT, SIGIO, SIGPROF, SIGQUIT, SIGSYS, SIGTERM, SIGTRAP, SIGUSR1,
    SIGUSR2, SIGVTALRM, SIGXCPU, SIGXFSZ,
};
use signal_hook::iterator::Signals;

/// The signals that end a process unasked and can be caught: Ctrl-C, `kill`, a closed
/// terminal, `kill -QUIT`, the rarer ones a timer, another program or a CPU-time limit
/// (`ulimit -t`, a batch scheduler) sends, and those only `kill` sends as a rule (SIGABRT from a
/// service manager's watchdog, SIGIO, SIGSYS, SIGTRAP and, on Linux, SIGSTKFLT, SIGPWR and the
/// real-time signals: each ended the session with its edits lost and the alternate screen left
/// on). A command other than the session still dumps core on SIGQUIT or SIGABRT once its
/// temporary files are gone; the session ends as on any other, its edits kept and the terminal
/// restored. An abort from within (`std::process::abort`) still ends the process at once.
/// SIGXFSZ is not one: see [`fail_writes_past_the_file_size_limit`].
pub fn ending() -> Vec<i32> {
    let mut signals = vec![
        SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGALRM, SIGUSR1, SIGUSR2, SIGXCPU, SIGVTALRM, SIGPROF,
        SIGABRT, SIGIO, SIGSYS, SIGTRAP,
    ];
    #[cfg(target_os = "linux")]
    signals.extend([libc::SIGSTKFLT, libc::SIGPWR]);
    #[cfg(target_os = "linux")]
    signals.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    signals
}

/// A write past the file-size limit (`ulimit -f`) fails with "File too large" and is said as
/// any failed write is, its temporary file removed, where the signal it raises ended the process
/// (and the live session, its edits with it) and left the temporary file behind. The signal is
/// caught and nothing done: the write then fails.
pub fn fail_writes_past_the_file_size_limit() {
    let _ = signal_hook::flag::register(SIGXFSZ, Arc::new(AtomicBool::new(false)));
}

/// The temporary files being written now.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// From here on, the [`ending`] signals remove the pending temporary files, then end the
/// process as the signal's default action would (the shell sees 130, 143 or 129 as before).
/// The signals are taken over in the listening thread itself: should it not start, or not
/// register, they keep their default action.
pub fn clean_up_on_signals() {
    let _ = std::thread::Builder::new()
        .name("interrupt".to_string())
        .spawn(|| {
            let Ok(mut signals) = Signals::new(ending()) else {
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
