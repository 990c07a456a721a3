//! How a lever reads for people (docs/MODEL.md §7), in one place for every output (the terminal
//! table, the report and the live session): its value beside today's, rounded on the side that
//! still makes the plan realistic, why one is out of reach, and the combined lever.

use super::format::{
    SHOWN_DIGITS, apart, at_least, days, figure, money, pace, pace_at, probability, read_pace,
    reps, target_and_realistic, thousands,
};
use crate::model::headline::Headline;
use crate::model::levers::{self, CombinedLever, Lever, Limit, StoppedBy};
use crate::scenario::number::{Toward, Unit};
use crate::scenario::{Field, Scenario};

/// A lever as it is shown, beside the plan's own value of its input today.
#[derive(Debug, Clone, PartialEq)]
pub struct LeverShown {
    /// `$314k`, `486 days`, `×1.19`, `12 pts/yr`, `14 reps`, or `out of reach`: rounded on the
    /// side that still makes the plan realistic.
    pub value: String,
    /// Why a lever is out of reach: the other limit, or the end of the range searched.
    pub reason: Option<String>,
    /// Today's value in its unit: `$3M`, `90 days`, `×1`, `5.48 pts/yr`, `6 reps`.
    pub now: String,
    /// Today's value as a bare figure, for the live session's narrow levers tab: `$3M`,
    /// `1095`, `5.48` (pts/yr), `6`; empty for the market size, whose ×1 goes without saying.
    pub now_figure: String,
}

impl LeverShown {
    /// The value with its reason: `out of reach (at 10,000 reps, the market binds in 62% of
    /// samples)`, `out of reach (not within 3,650 days)`, `$314k`.
    pub fn text(&self) -> String {
        match &self.reason {
            Some(why) => format!("{} ({why})", self.value),
            None => self.value.clone(),
        }
    }
}

/// `lever` as shown beside the plan's value of its input today (the target, the horizon, ×1
/// for the market size, the share gain assumed at the medians, the reps). Where the plan falls
/// short, the target and the realistic one, and the pace planned and the one needed, never
/// read alike ([`target_and_realistic`], [`super::format::needed_and_planned_pace`]).
pub fn lever_shown(lever: &Lever, s: &Scenario, h: &Headline) -> LeverShown {
    let input = lever.input.field();
    let today = match input {
        Field::TargetRevenue => s.target_revenue,
        Field::HorizonDays => f64::from(s.horizon_days),
        Field::ShareGainPerYear => h.assumed_pace,
        Field::CapacityReps => f64::from(h.assumed_reps.unwrap_or(0)),
        _ => 1.0,
    };
    let (now_figure, value) = lever_figures(input, lever.value, today, &s.currency);
    let now = match input {
        Field::HorizonDays => days(s.horizon_days),
        Field::ShareGainPerYear => format!("{now_figure} pts/yr"),
        Field::CapacityReps => reps(today),
        Field::MarketSize => "×1".to_string(),
        _ => now_figure.clone(),
    };
    LeverShown {
        value,
        reason: out_of_reach_because(lever),
        now,
        now_figure,
    }
}

/// Why a lever is out of reach: the other limit (`at 10,000 reps, the market binds in 62%
/// of samples`), or else the end of the range searched (`not within 3,650 days`).
fn out_of_reach_because(lever: &Lever) -> Option<String> {
    match (lever.stopped_by, lever.value) {
        (Some(stop), _) => Some(stopped_by(lever.input.field(), stop)),
        (None, None) => Some(beyond_range(lever.input.field())),
        (None, Some(_)) => None,
    }
}

/// Today's value of a lever's `input` as a bare figure, and the lever's `value` as people
/// read it (see [`LeverShown`]), each pair picked by one call so that the two read apart.
fn lever_figures(input: Field, value: Option<f64>, today: f64, currency: &str) -> (String, String) {
    let pace_figure = |x: f64, digits| figure(x * 100.0, Unit::Plain, digits);
    let bare = |x: f64| format!("{x}");
    // Out of reach, a lever has no value for today's to read apart from.
    let Some(v) = value else {
        let now = match input {
            Field::TargetRevenue => money(today, currency),
            Field::ShareGainPerYear => pace_figure(today, SHOWN_DIGITS),
            Field::MarketSize => String::new(),
            _ => bare(today),
        };
        return (now, "out of reach".to_string());
    };
    // Each shown on its safe side: the target down, the smallest multiplier and pace up.
    match input {
        Field::HorizonDays => (bare(today), days(v as u32)),
        Field::MarketSize => (
            String::new(),
            format!("×{}", figure(at_least(v), Unit::Plain, SHOWN_DIGITS)),
        ),
        Field::ShareGainPerYear => {
            let [now, needed] = apart(today, v, Toward::Up, pace_figure, read_pace);
            (now, format!("{needed} pts/yr"))
        }
        Field::CapacityReps => (bare(today), reps(v)),
        _ => {
            let [now, realistic] = target_and_realistic(today, v, currency);
            (now, realistic)
        }
    }
}

/// The end of a lever's range, for one that nothing in it reaches.
fn beyond_range(input: Field) -> String {
    match input {
        Field::HorizonDays => format!(
            "not within {} days",
            thousands(u64::from(levers::HORIZON_RANGE.1))
        ),
        Field::MarketSize => format!("not within ×{}", levers::SIZE_RANGE.1),
        Field::ShareGainPerYear => format!("not even with {} more", pace(levers::GAIN_RANGE.1)),
        Field::CapacityReps => format!(
            "not within {} reps",
            thousands(u64::from(levers::REPS_RANGE.1))
        ),
        _ => "not even at 0".to_string(),
    }
}

/// Why a lever out of reach stops short, at the top of its range: "at 10,000 reps, the market
/// binds in 62% of samples" (beside a headline that may say the market binds in fewer:
/// that is with today's reps).
fn stopped_by(input: Field, stop: StoppedBy) -> String {
    let lever = match input {
        Field::CapacityReps => format!("{} reps", thousands(u64::from(levers::REPS_RANGE.1))),
        _ => format!("{} more", pace(levers::GAIN_RANGE.1)),
    };
    let limit = match stop.limit {
        Limit::Market => "the market",
        Limit::Capacity => "the team",
    };
    format!(
        "at {lever}, {limit} binds in {} of samples",
        probability(stop.binds)
    )
}

/// How the combined lever is named beside the single ones.
pub const COMBINED_LEVER: &str = "reps and share gain together";

/// The reps and the share gain today beside the combined lever's value (the smallest pair that
/// makes the plan realistic, its pace rounded up): `6 reps and 5.48 pts/yr` beside `11 reps and
/// 12.1 pts/yr`; a pace the lever needs above today's never reads alike it
/// (`3.755` beside `3.756`, not `3.76` twice).
pub fn combined_beside_now(c: &CombinedLever, h: &Headline) -> [String; 2] {
    let [today, needed] = apart(
        h.assumed_pace,
        c.gain_per_year,
        Toward::Up,
        pace_at,
        read_pace,
    );
    [
        format!(
            "{} and {today}",
            reps(f64::from(h.assumed_reps.unwrap_or(0)))
        ),
        format!("{} and {needed}", reps(f64::from(c.reps))),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::levers::LeverKind;

    #[test]
    fn a_lever_is_shown_on_the_side_that_still_makes_the_plan_realistic() {
        let shown = |input, v| lever_figures(input, Some(v), 30e6, "USD").1;
        assert_eq!(shown(Field::TargetRevenue, 20_281_427.7), "$20.2M");
        assert_eq!(shown(Field::MarketSize, 1.1803), "×1.19");
        assert_eq!(shown(Field::ShareGainPerYear, 0.071_04), "7.11 pts/yr");
        assert_eq!(shown(Field::HorizonDays, 1.0), "1 day");
        assert_eq!(shown(Field::CapacityReps, 11.0), "11 reps");
    }

    #[test]
    fn the_combined_levers_pace_never_reads_alike_todays_when_it_needs_more() {
        let text = crate::scenario::BUILT_IN.replace("samples = 100000", "samples = 1000");
        let s = Scenario::parse(&text, "built-in").unwrap();
        let mut h = crate::model::headline::headline_drawn(&s);
        h.assumed_reps = Some(6);
        h.assumed_pace = 0.037_551;
        let needing = |gain_per_year| {
            combined_beside_now(
                &CombinedLever {
                    reps: 11,
                    gain_per_year,
                },
                &h,
            )
        };
        // 3.7551 reads 3.76 at the nearest, and so does 3.7559 rounded up.
        assert_eq!(
            needing(0.037_559),
            ["6 reps and 3.755 pts/yr", "11 reps and 3.756 pts/yr"]
        );
        assert_eq!(
            needing(0.121_04),
            ["6 reps and 3.76 pts/yr", "11 reps and 12.2 pts/yr"]
        );
    }

    #[test]
    fn a_lever_out_of_reach_says_why() {
        let out_of_reach = |input| Lever {
            input,
            value: None,
            stopped_by: None,
        };
        let said = |input| out_of_reach_because(&out_of_reach(input)).unwrap_or_default();
        assert_eq!(said(LeverKind::Horizon), "not within 3,650 days");
        assert_eq!(said(LeverKind::MarketSize), "not within ×100");
        assert_eq!(said(LeverKind::ShareGain), "not even with 100 pts/yr more");
        assert_eq!(said(LeverKind::Reps), "not within 10,000 reps");
        let shown = LeverShown {
            value: "out of reach".into(),
            reason: Some(said(LeverKind::Horizon)),
            now: "90 days".into(),
            now_figure: "90".into(),
        };
        assert_eq!(shown.text(), "out of reach (not within 3,650 days)");
    }
}
