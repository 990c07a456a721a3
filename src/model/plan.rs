//! The plan's fixed terms: the revenue to book, the horizon (docs/MODEL.md §2), and the sales
//! team that books it (§5). Every figure of the model is about one plan; its uncertain inputs are
//! the samples'.

use crate::scenario::Scenario;

/// Days in the model's year.
pub const DAYS_PER_YEAR: f64 = 365.0;

/// The plan's fixed terms: what it must book, by when, and the team that books it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plan {
    /// R: revenue the plan books inside the horizon.
    pub target_revenue: f64,
    /// T = horizon_days / 365.
    pub horizon_years: f64,
    /// The sales team, when the scenario has `[capacity]`.
    pub team: Option<Team>,
}

/// The sales team's fixed terms (its quota and attainment are sampled inputs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Team {
    /// Fully ramped reps at day 0.
    pub reps: f64,
    /// Reps starting at day 0, ramping linearly.
    pub new_reps: f64,
    /// Tr = ramp_days / 365.
    pub ramp_years: f64,
}

impl Team {
    /// Rep-years a team books by `t` years: reps·t + new_reps·ramped(t).
    pub fn rep_years(&self, t: f64) -> f64 {
        self.reps * t + self.new_reps * self.ramped_years(t)
    }

    /// The ramped reps from day 0 a team needs to have booked `rep_years` rep-years by `t`
    /// years, its new reps as they are: [`Team::rep_years`] solved for `reps`,
    /// (rep_years − new_reps·ramped(t))/t. Below zero when the new reps alone book more.
    pub fn reps_for(&self, rep_years: f64, t: f64) -> f64 {
        (rep_years - self.new_reps * self.ramped_years(t)) / t
    }

    /// The ramped reps from day 0 a team needs to book `revenue` by `t` years at
    /// `per_rep_year` (quota × attainment) a rep-year: [`Team::reps_for`] of
    /// revenue/per_rep_year. Signed: at or below zero, the new reps alone (or nothing) book
    /// it. Where a rep books nothing, ∞ if there is something to book, else as for nothing to
    /// book; a revenue that is not a number gives none.
    pub fn reps_to_book(&self, revenue: f64, per_rep_year: f64, t: f64) -> f64 {
        let books_nothing = per_rep_year <= 0.0;
        let rep_years = if books_nothing && revenue > 0.0 {
            f64::INFINITY
        } else if books_nothing && revenue <= 0.0 {
            0.0
        } else {
            revenue / per_rep_year
        };
        self.reps_for(rep_years, t)
    }

    /// Years of full productivity one new rep has given by `t`: t²/(2·Tr) while ramping
    /// (t ≤ Tr), t − Tr/2 after. With Tr = 0, `t ≤ 0` is false, so new reps count as ramped.
    pub fn ramped_years(&self, t: f64) -> f64 {
        if t <= self.ramp_years {
            t * t / (2.0 * self.ramp_years)
        } else {
            t - self.ramp_years / 2.0
        }
    }
}

impl Plan {
    /// The fixed terms of `scenario`.
    pub fn of(scenario: &Scenario) -> Plan {
        Plan {
            target_revenue: scenario.target_revenue,
            horizon_years: f64::from(scenario.horizon_days) / DAYS_PER_YEAR,
            team: scenario.capacity.as_ref().map(|c| Team {
                reps: f64::from(c.reps),
                new_reps: f64::from(c.new_reps),
                ramp_years: f64::from(c.ramp_days) / DAYS_PER_YEAR,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reps_that_book_nothing_need_no_rep_for_nothing_and_infinitely_many_for_anything() {
        let team = Team {
            reps: 0.0,
            new_reps: 2.0,
            ramp_years: 0.0,
        };
        assert_eq!(team.reps_to_book(1e6, 0.0, 1.0), f64::INFINITY);
        // Nothing to book: the hires alone do it, two reps to spare.
        assert_eq!(team.reps_to_book(-5.0, 0.0, 1.0), -2.0);
        assert_eq!(team.reps_to_book(1e6, 500e3, 1.0), 0.0);
        // A sample whose installed base is not a number never makes the target.
        assert!(team.reps_to_book(f64::NAN, 0.0, 1.0).is_nan());
    }

    #[test]
    fn without_a_ramp_new_reps_count_as_ramped() {
        let team = Team {
            reps: 0.0,
            new_reps: 3.0,
            ramp_years: 0.0,
        };
        assert_eq!(team.rep_years(0.25), 0.75);
    }

    #[test]
    fn the_reps_a_team_needs_are_the_reps_that_book_those_rep_years() {
        for (t, ramp_years) in [(0.25, 0.5), (1.0, 0.3), (2.0, 0.0)] {
            let team = Team {
                reps: 3.0,
                new_reps: 2.0,
                ramp_years,
            };
            let reps = team.reps_for(team.rep_years(t), t);
            assert!((reps - 3.0).abs() < 1e-12, "{reps} at t = {t}");
        }
    }
}
