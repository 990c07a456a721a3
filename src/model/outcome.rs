//! One Monte Carlo sample of the model (docs/MODEL.md §5): how much revenue the window holds,
//! how much the company's share of it earns, how much of that today's share brings in with no
//! new selling (the installed base), and how much new revenue its sales team can book.

use wide::f64x4;

use super::kernel;
use super::plan::Plan;
use super::sample::Sample;

/// What one sample says about the plan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// W = s·M·I0(T): the serviceable market's revenue inside the window.
    pub market_in_window: f64,
    /// A_market = s·M·∫₀ᵀ c(t)e^{kt} dt: what the company's share of it earns.
    pub market_revenue: f64,
    /// B = s·M·c0·I0(T): what today's share brings in with no new selling.
    pub installed_base: f64,
    /// C = quota·attainment·rep-years: the new revenue the team can book (∞ without
    /// `[capacity]`).
    pub capacity_revenue: f64,
    /// A = min(A_market, B + C): what the company can book ([`kernel::Outcome4::achievable`],
    /// the one place the rule is written).
    pub achievable: f64,
}

/// The model for one sample over the first `years` of the plan: [`kernel::outcome4`] on the
/// sample in every lane, so a figure for one sample is bit for bit the figure the passes over
/// all samples compute.
#[inline]
pub fn outcome(plan: &Plan, x: &Sample, years: f64) -> Outcome {
    let lanes = x.map(|_, v| f64x4::splat(*v));
    Outcome::lane(&kernel::outcome4(plan, &lanes, years), 0)
}

impl Outcome {
    /// Lane `l` of four samples' outcomes.
    #[inline]
    pub fn lane(o: &kernel::Outcome4, l: usize) -> Outcome {
        Outcome {
            market_in_window: o.market_in_window.to_array()[l],
            market_revenue: o.market_revenue.to_array()[l],
            installed_base: o.installed_base.to_array()[l],
            capacity_revenue: o.capacity_revenue.to_array()[l],
            achievable: o.achievable().to_array()[l],
        }
    }
}

/// What a capture of `revenue` out of `market_in_window` is; 0 when the window holds nothing
/// and nothing is earned (0/0), ∞ when something must be earned from nothing. (What is earned
/// of a window that overflowed to ∞ is `kernel::Outcome4::achievable_capture`'s to say.)
#[inline]
pub fn capture(revenue: f64, market_in_window: f64) -> f64 {
    if market_in_window > 0.0 {
        revenue / market_in_window
    } else if revenue > 0.0 {
        f64::INFINITY
    } else {
        0.0
    }
}

/// Whether an achievable revenue makes `target`: [`kernel::Outcome4::makes`] for one value.
#[inline]
pub fn makes(achievable: f64, target: f64) -> bool {
    achievable >= kernel::least_making(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plan::Team;
    use crate::scenario::Field;

    /// A sample with the given inputs (growth as k); every other input as in [`sample`].
    fn with(changes: &[(Field, f64)]) -> Sample {
        let mut x = sample();
        for (field, value) in changes {
            x[*field] = *value;
        }
        x
    }

    fn sample() -> Sample {
        Sample::from_fn(|field| match field {
            Field::MarketSize => 100e6,
            Field::MarketServiceable => 0.5,
            Field::ShareCurrent => 0.1,
            Field::ShareCeiling => 1.0,
            Field::CapacityQuotaPerRep => 1e6,
            Field::CapacityAttainment => 1.0,
            _ => 0.0,
        })
    }

    #[test]
    fn every_uncertain_input_moves_what_a_sample_books() {
        // A sample where every input has a say: the market grows, the share gains until the
        // ceiling stops it inside the year, and a team books. An input the field table lists
        // but the model reads nowhere would leave all four figures unchanged.
        let plan = Plan {
            target_revenue: 1e6,
            horizon_years: 1.0,
            team: Some(Team {
                reps: 2.0,
                new_reps: 1.0,
                ramp_years: 0.25,
            }),
        };
        let x = with(&[
            (Field::MarketGrowth, 0.1),
            (Field::ShareGainPerYear, 0.05),
            (Field::ShareCeiling, 0.12),
            (Field::CapacityAttainment, 0.8),
        ]);
        let before = outcome(&plan, &x, 1.0);
        for field in Field::INPUTS {
            let mut moved = x;
            moved[field] = x[field] * 1.05 + 0.01;
            assert_ne!(
                outcome(&plan, &moved, 1.0),
                before,
                "{field:?} moves nothing"
            );
        }
    }

    #[test]
    fn a_flat_market_and_share_give_exact_revenues() {
        let plan = Plan {
            target_revenue: 1e6,
            horizon_years: 0.5,
            team: None,
        };
        let o = outcome(&plan, &sample(), 0.5);
        assert_eq!(o.market_in_window, 25e6);
        assert_eq!(o.market_revenue, 2.5e6);
        assert_eq!(o.achievable, 2.5e6);
        assert!(o.achievable >= o.market_revenue, "the market binds");
    }

    #[test]
    fn a_small_team_limits_only_the_revenue_beyond_the_installed_base() {
        let team = Team {
            reps: 1.0,
            new_reps: 2.0,
            ramp_years: 1.0,
        };
        // Half a year: 1 rep · 0.5 + 2 new reps · 0.5²/2.
        assert_eq!(team.rep_years(0.5), 0.5 + 2.0 * 0.125);
        // Two years: ramped reps count from half the ramp on.
        assert_eq!(team.rep_years(2.0), 2.0 + 2.0 * 1.5);
        let plan = Plan {
            target_revenue: 1e6,
            horizon_years: 0.5,
            team: Some(team),
        };
        // s·M = 50M; c(t) = 10% + 40%·t: A_market = 50M·(0.1·0.5 + 0.4·0.125) = 5M,
        // of which today's 10% brings B = 50M·0.1·0.5 = 2.5M; the team adds C = 0.75M.
        let x = with(&[(Field::ShareGainPerYear, 0.4)]);
        let o = outcome(&plan, &x, 0.5);
        assert_eq!(o.market_revenue, 5e6);
        assert_eq!(o.installed_base, 2.5e6);
        assert_eq!(o.capacity_revenue, 0.75e6);
        assert!(o.achievable < o.market_revenue, "the team binds");
        assert_eq!(o.achievable, 3.25e6);
    }

    #[test]
    fn a_team_never_books_less_than_the_installed_base() {
        let plan = Plan {
            target_revenue: 1e6,
            horizon_years: 0.5,
            team: Some(Team {
                reps: 0.0,
                new_reps: 0.0,
                ramp_years: 0.0,
            }),
        };
        let o = outcome(&plan, &sample(), 0.5);
        assert_eq!(o.achievable, o.installed_base);
        assert_eq!(o.achievable, 2.5e6);
    }

    #[test]
    fn a_tie_between_market_and_team_counts_as_the_market() {
        // s·M = 8M, c(t) = 25% + 50%·t over one year: A_market = 8M·(0.25 + 0.25) = 4M;
        // B = 2M and C = 1M·0.5·4 = 2M, so B + C = A_market exactly.
        let plan = Plan {
            target_revenue: 1e6,
            horizon_years: 1.0,
            team: Some(Team {
                reps: 4.0,
                new_reps: 0.0,
                ramp_years: 0.0,
            }),
        };
        let x = with(&[
            (Field::MarketSize, 8e6),
            (Field::MarketServiceable, 1.0),
            (Field::ShareCurrent, 0.25),
            (Field::ShareGainPerYear, 0.5),
            (Field::CapacityAttainment, 0.5),
        ]);
        let o = outcome(&plan, &x, 1.0);
        assert_eq!(o.market_revenue, 4e6);
        assert_eq!((o.installed_base + o.capacity_revenue), 4e6);
        assert!(o.achievable >= o.market_revenue, "the market binds");
    }

    #[test]
    fn no_market_earns_nothing_however_fast_it_grows() {
        let plan = Plan {
            target_revenue: 1e6,
            horizon_years: 10.0,
            team: None,
        };
        let x = with(&[
            (Field::MarketSize, 0.0),
            (Field::MarketGrowth, f64::MAX.ln_1p()),
        ]);
        let o = outcome(&plan, &x, 10.0);
        assert_eq!(o.market_in_window, 0.0);
        assert_eq!(o.achievable, 0.0);
    }

    #[test]
    fn a_capture_from_an_empty_window_is_infinite_unless_nothing_is_earned() {
        assert_eq!(capture(1.0, 0.0), f64::INFINITY);
        assert_eq!(capture(0.0, 0.0), 0.0);
        assert_eq!(capture(1.0, 4.0), 0.25);
    }
}
