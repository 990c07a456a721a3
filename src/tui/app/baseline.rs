//! The baseline `b` pins, the figures the headline compares against: pinned at once, or once
//! the figures of the last edit are in; and the question `b` asks when one is already pinned
//! (pin the plan as it is now in its place, clear the baseline, or keep it).

use super::{App, Baseline, Effect, Mode};
use crate::tui::keys::BaselineAnswer;

impl App {
    /// `b`: pins the results, or asks what to do with the baseline already pinned (a stray
    /// key must not lose it).
    pub(super) fn baseline_key(&mut self) {
        if self.baseline.is_some() {
            self.mode = Mode::ConfirmBaseline;
        } else {
            self.pin_baseline();
        }
    }

    /// Pins the figures of the plan as it is now as the baseline the headline compares
    /// against; while they are computing, once they are in (pressed right after an edit, the
    /// figures on screen were of the plan before it, and the comparison could not say which
    /// inputs changed since).
    pub(super) fn pin_baseline(&mut self) {
        if self.results.is_none() {
            self.tell_error("no results to pin yet".to_string());
        } else if self.is_computing() {
            self.pin_waits = Some(self.generation);
            self.tell(PIN_WAITS.to_string());
        } else if let Some(results) = &self.results {
            // Pinned over another (`b` `p`): logged as the first pin was, it read as one.
            let (old, new) = if self.baseline.is_some() {
                ("pinned", "pinned again")
            } else {
                ("—", "pinned")
            };
            self.baseline = Some(Baseline {
                headline: results.headline.clone(),
                scenario: self.scenario.clone(),
                pinned_at: (self.clock)(),
            });
            self.pin_waits = None;
            // In the log, so that a comparison exported later can be traced to when its
            // baseline was taken.
            self.note(BASELINE_ROW, old.to_string(), new.to_string());
            self.tell("baseline pinned: the headline now shows changes against it".to_string());
        }
    }

    /// New figures in: a baseline waiting for them is pinned, or, the plan changed again
    /// before they came, not (said, so that no one reads changes against a baseline they
    /// did not pin).
    pub(super) fn pin_if_waiting(&mut self) {
        let Some(waiting) = self.pin_waits else {
            return;
        };
        if waiting != self.generation {
            self.pin_waits = None;
            self.tell(
                "the baseline was not pinned: the plan changed again before its figures were \
                 in; b pins the plan as it is now"
                    .to_string(),
            );
        } else if !self.is_computing() {
            self.pin_baseline();
        }
    }

    /// `b` with a baseline pinned: re-pin, clear, or (any other key) keep it.
    pub(super) fn answer_baseline(&mut self, answer: Option<BaselineAnswer>) -> Vec<Effect> {
        match answer {
            Some(BaselineAnswer::Repin) => self.pin_baseline(),
            // Either answer calls off a pin waiting for figures (a cleared baseline came back
            // when they arrived).
            Some(BaselineAnswer::Clear) => {
                if self.baseline.is_some() {
                    self.note(BASELINE_ROW, "pinned".to_string(), "cleared".to_string());
                }
                self.baseline = None;
                self.pin_waits = None;
                self.tell("baseline cleared".to_string());
            }
            Some(BaselineAnswer::Keep) | None => {
                self.pin_waits = None;
                self.tell("baseline kept".to_string());
            }
        }
        Vec::new()
    }
}

/// The session log's name for the baseline's row (pinned, cleared).
pub(super) const BASELINE_ROW: &str = "baseline";

/// Said when `b` waits for the figures of the last edit.
pub(super) const PIN_WAITS: &str =
    "the figures of the last edit are computing: the baseline is pinned at them once they are in";
