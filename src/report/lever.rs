//! How a lever reads for people (docs/MODEL.md §7), in one place for every output (the terminal
//! table, the report and the live session): its value beside today's, rounded on the side that
//! still makes the plan realistic, why one is out of reach, and the combined lever. Each lever
//! is matched by its [`LeverKind`], with no fallback: a new lever must say how it reads.

use super::format::{
    SHOWN_DIGITS, apart, at_least, days, head_count, money, pace, pace_at, pace_shift,
    points_figure, probability, read_pace, reps, target_and_realistic, thousands, with_pace_unit,
};
use crate::distribution::Family;
use crate::model::headline::Headline;
use crate::model::levers::{self, CombinedLever, Lever, LeverKind, Limit, StoppedBy};
use crate::scenario::Scenario;
use crate::scenario::number::{Toward, Unit, format_for_people};

/// What a lever is called in words (the report's levers table).
pub fn lever_name(input: LeverKind) -> &'static str {
    match input {
        LeverKind::Target => "Target",
        LeverKind::Horizon => "Horizon",
        LeverKind::MarketSize => "Market size",
        LeverKind::ShareGain => "Share gain per year",
        LeverKind::Reps => "Ramped reps",
    }
}

/// A lever as it is shown, beside the plan's own value of its input today.
#[derive(Debug, Clone, PartialEq)]
pub struct LeverShown {
    /// `$314k`, `486 days`, `×1.19`, `12 pts/yr`, `14 reps`, or `out of reach`: rounded on the
    /// side that still makes the plan realistic.
    pub value: String,
    /// Whether a value makes the plan realistic (`value` is no `out of reach`).
    pub reached: bool,
    /// Why a lever is out of reach (the other limit, or the end of the range searched), or that
    /// a plan already realistic stays so beyond where the search stops.
    pub reason: Option<String>,
    /// The reason in a few words, for a narrow panel: `then the market binds` where the reason
    /// says at which end and in what share of samples (`the team binds` alone read as a
    /// contradiction beside a headline whose team binds in < 0.1% of samples as planned); else
    /// the reason itself.
    pub brief: Option<String>,
    /// Today's value in its unit: `$3M`, `90 days`, `×1`, `5.48 pts/yr`, `6 reps`.
    pub now: String,
    /// Today's value as a bare figure, for the live session's narrow levers tab: `$3M`,
    /// `1095`, `5.48` (pts/yr), `6`; empty for the market size, whose ×1 goes without saying.
    pub now_figure: String,
}

impl LeverShown {
    /// The value with its reason: `out of reach (at 10,000 reps, the market binds in 62% of
    /// samples)`, `out of reach (not within 3650 days)`, `$314k`.
    pub fn text(&self) -> String {
        match &self.reason {
            Some(why) => format!("{} ({why})", self.value),
            None => self.value.clone(),
        }
    }

    /// The value with its reason in brief: `out of reach (then the market binds)`.
    pub fn brief_text(&self) -> String {
        match &self.brief {
            Some(why) => format!("{} ({why})", self.value),
            None => self.value.clone(),
        }
    }
}

/// What the target lever says of a plan whose realistic target is 0, and the report of its
/// horizon: no target a plan can be given (it must be above 0) is realistic.
pub const NO_TARGET_REALISTIC: &str = "no target above 0 is realistic";

/// Whether a realistic target is none a plan can be given ([`NO_TARGET_REALISTIC`]): the plan
/// books nothing in more than 1 − confidence of its samples, so the figure is 0. The headline
/// still reads it ("realistic at 80%: $0", what it books at that confidence); only an offer of
/// it as a target says this instead.
pub fn no_target_realistic(realistic: f64) -> bool {
    realistic <= 0.0
}

/// `lever` as shown beside the plan's value of its input today (the target, the horizon, ×1
/// for the market size, the share gain assumed at the medians, the reps). Where the plan falls
/// short, the target and the realistic one, and the pace planned and the one needed, never
/// read alike ([`target_and_realistic`], [`super::format::needed_and_planned_pace`]).
pub fn lever_shown(lever: &Lever, s: &Scenario, h: &Headline) -> LeverShown {
    let today = match lever.input {
        LeverKind::Target => s.target_revenue,
        LeverKind::Horizon => f64::from(s.horizon_days),
        LeverKind::MarketSize => 1.0,
        LeverKind::ShareGain => h.assumed_pace,
        LeverKind::Reps => f64::from(h.assumed_reps.unwrap_or(0)),
    };
    // A realistic target of 0 (the plan books nothing in more than 1 − confidence of its
    // samples) is no target to type ("makes it realistic: $0"): none above 0 is realistic.
    let none_realistic =
        lever.input == LeverKind::Target && lever.value.is_some_and(no_target_realistic);
    let reached = lever.value.filter(|_| !none_realistic);
    let (now_figure, mut value) = lever_figures(lever.input, reached, today, &s.currency);
    let mut reason = out_of_reach_because(lever);
    let mut brief = match lever.stopped_by {
        Some(stop) => Some(format!("then {} binds", limit_name(stop.limit))),
        None => reason.clone(),
    };
    if none_realistic {
        reason = Some(format!(
            "{NO_TARGET_REALISTIC} at {}",
            super::format::confidence(s.confidence)
        ));
        brief = Some(NO_TARGET_REALISTIC.to_string());
    }
    // A team larger than the reps lever's range: out of reach "at 10,000 reps" read as if
    // more reps than the plan's had been tried.
    if lever.input == LeverKind::Reps
        && lever.value.is_none()
        && today > f64::from(levers::REPS_RANGE.1)
    {
        let end = range_end(LeverKind::Reps);
        let stops = format!(
            "the search stops at {end}, fewer than the plan's {}",
            head_count(today as u32)
        );
        // What stops it there still says whether more reps would help: the market binding
        // in every sample says they would not (it read as if they might).
        reason = Some(match lever.stopped_by {
            Some(stop) => format!(
                "{stops}; there {} binds in {} of samples",
                limit_name(stop.limit),
                probability(stop.binds)
            ),
            None => stops,
        });
        if lever.stopped_by.is_none() {
            brief = Some(format!("the search stops at {end}"));
        }
    }
    // No pace reaches the target, every input at its median, where a cap stops the share or
    // the market is empty (the headline says which): "not even with 100 pts/yr more" read as
    // if more might. An empty market at the median (in half the samples or more) is why no
    // size multiple or horizon reaches it either: "not within ×100" read as if ×1000 might.
    let alone = lever.value.is_none() && lever.stopped_by.is_none();
    let why = match lever.input {
        LeverKind::ShareGain => super::format::no_pace_reaches(h),
        LeverKind::MarketSize | LeverKind::Horizon => {
            super::format::no_market_to_gain(h).then_some(super::format::EMPTY_MARKET)
        }
        LeverKind::Target | LeverKind::Reps => None,
    };
    if alone && let Some(why) = why {
        reason = Some(why.to_string());
        brief.clone_from(&reason);
    }
    // Still realistic at the end of the range searched: it stays so further still.
    if let Some(further) = beyond_search(lever) {
        value = format!("{value} {further}");
        reason = Some("the search stops there".to_string());
        brief.clone_from(&reason);
    }
    let now = match lever.input {
        LeverKind::Target => now_figure.clone(),
        LeverKind::Horizon => days(s.horizon_days),
        LeverKind::MarketSize => "×1".to_string(),
        LeverKind::ShareGain => with_pace_unit(&now_figure),
        LeverKind::Reps => reps(today),
    };
    LeverShown {
        value,
        reached: reached.is_some(),
        reason,
        brief,
        now,
        now_figure,
    }
}

/// What the share gain's figure is, under the levers, where the plan's share gain is
/// uncertain and a lever (alone or with the reps) moves it: the lever adds the same points to
/// every sample, and its figure is the median then. Typed in as one fixed value in place of
/// the range, it is another plan (02's 45.5 pts/yr read 79.1% so, a stretch); moving the range
/// by as much is the plan the lever figured.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareGainNote {
    /// How far the lever moves every sample, as its figure and today's read beside each other
    /// on its row (`+12.32 pts/yr` between 5.48 and 17.8): today's figure and the shift add up
    /// to the lever's on a calculator (the shift itself, 12.22 rounded to `+12.2`, read 17.68).
    /// Where the two read alike, the shift at its own digits (`-0.00629 pts/yr`).
    by: String,
    /// The median share gain the plan assumes today, as its row shows it (`5.48 pts/yr`).
    today: String,
    /// The share gain's family, where its range moved by as much is not the plan the lever
    /// figured (a lognormal's spread follows its ends: 80.1% at the lever read 79.9%, a
    /// stretch, moved so).
    spread_follows: Option<Family>,
    /// The range moved by as much, written as its table, where written as a range it would
    /// read as another family: `-1% to 9%` (a normal, its low end below 0) moved by 3.1 pts/yr
    /// is `{ dist = "normal", low = "2.1%", high = "12.1%" }`; typed `2.1% to 12.1%`, as the
    /// note said, it read as a lognormal, and P(feasible) 61% where the lever promised 80%.
    moved_as: Option<String>,
}

impl ShareGainNote {
    /// The note of the share-gain lever (alone, else the combined one); `None` where the
    /// share gain is one value (typed back, the figure is the plan) or no lever moves it.
    pub fn of(
        levers: &[Lever],
        combined: Option<&CombinedLever>,
        s: &Scenario,
        h: &Headline,
    ) -> Option<ShareGainNote> {
        let moved = levers
            .iter()
            .find(|l| l.input == LeverKind::ShareGain)
            .and_then(|l| l.value)
            .or(combined.map(|c| c.gain_per_year))?;
        if !s.is_sampled(crate::scenario::Field::ShareGainPerYear) {
            return None;
        }
        // As the lever's row and the combined lever's show them, side by side.
        let [today, lever] = apart(h.assumed_pace, moved, Toward::Up, points_figure, read_pace);
        // Figures that read alike leave a shift too small for their decimals: `+0.00` was read
        // where the lever moved every sample by -0.00629 pts/yr (07 with growth ~ share gain at
        // 0.3, both 2.45 pts/yr); its own digits show its sign.
        let by = written_difference(&lever, &today)
            .filter(|by| by.parse::<f64>().is_ok_and(|by| by != 0.0))
            .unwrap_or_else(|| points_figure(moved - h.assumed_pace, SHOWN_DIGITS));
        let gain = &s.inputs[crate::scenario::Field::ShareGainPerYear];
        Some(ShareGainNote {
            moved_as: by
                .parse::<f64>()
                .ok()
                .and_then(|by| table_moved(gain, by / 100.0)),
            by: pace_shift(&by),
            today: with_pace_unit(&today),
            spread_follows: gain.spread_follows_its_ends(),
        })
    }

    /// The note in full, under the exported levers.
    pub fn text(&self) -> String {
        let moved = format!(
            "The share gain's figure is its median once the lever moves every sample by the \
             same points ({} from today's {}): typed in as one value in place of its range it \
             is another plan, whose P(feasible) may land a little either side of the \
             confidence;",
            self.by, self.today,
        );
        match (self.spread_follows, &self.moved_as) {
            (None, Some(table)) => format!(
                "{moved} move the range by as much instead, written as its table, {table}, which \
                 keeps its shape (as a range of those ends it would read as another)."
            ),
            (None, None) => format!("{moved} move the range by as much instead."),
            (Some(Family::Beta), _) => format!(
                "{moved} a beta cannot be moved by as much, as its values stay within 0 and 1: \
                 written as a range moved by as much (a normal, uniform, triangular or PERT \
                 one), it is that plan."
            ),
            (Some(family), _) => format!(
                "{moved} so is its range moved by as much, as a {}'s spread changes with its \
                 ends (moved down, it can fall short). Type a range moved a little further and \
                 read its P(feasible).",
                family.name()
            ),
        }
    }

    /// The note in a few words, for the live session's narrow levers panel: `share gain: move
    /// its range by +0.113 pts/yr, not to one value`, or where the range moved so is another
    /// plan too, `share gain: +0.113 pts/yr on every sample, not its lognormal range moved so`.
    pub fn brief(&self) -> String {
        let by = &self.by;
        match (self.spread_follows, &self.moved_as) {
            (None, Some(table)) => format!("share gain: type {table} (its range moved by {by})"),
            (None, None) => format!("share gain: move its range by {by}, not to one value"),
            (Some(family), _) => format!(
                "share gain: {by} on every sample, not its {} range moved so",
                family.name()
            ),
        }
    }
}

/// `gain`, a range, moved by `by` (a fraction a year) and written as its table, where moved
/// so and written as a range it would read as another family (a normal range whose low end
/// rises past 0 reads as a lognormal); `None` otherwise.
fn table_moved(gain: &crate::distribution::Dist, by: f64) -> Option<String> {
    use crate::distribution::{Form, Shape};
    let &Form::Interval { low, high, shape } = gain.form() else {
        return None;
    };
    // At twelve digits: -1% + 3.1% is 2.1%, not 2.0999999999999998%.
    let moved = |x: f64| crate::scenario::number::round_significant(x + by, 12);
    let (low, high) = (moved(low), moved(high));
    if shape == Shape::natural(low) {
        return None;
    }
    let dist = crate::distribution::Dist::interval(low, high, Some(shape)).ok()?;
    Some(crate::scenario::value::FieldValue::Dist(dist).to_text(Unit::Percent))
}

/// `after − before`, two figures as written (`17.8`, `5.48`), at the decimals of the finer
/// (`12.32`): the shift that takes one figure shown to the other, as a calculator reads them.
/// `None` for a figure not written in plain decimals (a power of ten, a grouped thousand).
fn written_difference(after: &str, before: &str) -> Option<String> {
    let plain = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    };
    let decimals = |s: &str| s.split_once('.').map_or(0, |(_, d)| d.len());
    if !plain(after) || !plain(before) {
        return None;
    }
    let by = after.parse::<f64>().ok()? - before.parse::<f64>().ok()?;
    let digits = decimals(after).max(decimals(before));
    Some(format!("{by:.digits$}"))
}

/// For a lever whose value is the low end of the range searched ([`Lever::search_end`]), the
/// words that say it goes further: `or less`, `or lower`.
fn beyond_search(lever: &Lever) -> Option<&'static str> {
    if !lever.search_end {
        return None;
    }
    match lever.input {
        LeverKind::MarketSize => Some("or less"),
        LeverKind::ShareGain => Some("or lower"),
        // The horizon's 1 day and the reps' 0 are the ends of what the input can take.
        LeverKind::Target | LeverKind::Horizon | LeverKind::Reps => None,
    }
}

/// Why a lever is out of reach: the other limit (`at 10,000 reps, the market binds in 62%
/// of samples`), or else the end of the range searched (`not within 3650 days`).
fn out_of_reach_because(lever: &Lever) -> Option<String> {
    match (lever.stopped_by, lever.value) {
        (Some(stop), _) => Some(stopped_by(lever.input, stop)),
        (None, None) => Some(beyond_range(lever.input)),
        (None, Some(_)) => None,
    }
}

/// Today's value of a lever's `input` as a bare figure, and the lever's `value` as people
/// read it (see [`LeverShown`]), each pair picked by one call so that the two read apart.
fn lever_figures(
    input: LeverKind,
    value: Option<f64>,
    today: f64,
    currency: &str,
) -> (String, String) {
    let bare = |x: f64| format!("{x}");
    // Out of reach, a lever has no value for today's to read apart from.
    let Some(v) = value else {
        let now = match input {
            LeverKind::Target => money(today, currency),
            LeverKind::Horizon | LeverKind::Reps => bare(today),
            LeverKind::MarketSize => String::new(),
            LeverKind::ShareGain => points_figure(today, SHOWN_DIGITS),
        };
        return (now, "out of reach".to_string());
    };
    // Each shown on its safe side: the target down, the smallest multiplier and pace up.
    match input {
        LeverKind::Target => {
            let [now, realistic] = target_and_realistic(today, v, currency);
            (now, realistic)
        }
        LeverKind::Horizon => (bare(today), days(v as u32)),
        LeverKind::MarketSize => (
            String::new(),
            format!(
                "×{}",
                format_for_people(at_least(v), Unit::Plain, SHOWN_DIGITS)
            ),
        ),
        LeverKind::ShareGain => {
            let [now, needed] = apart(today, v, Toward::Up, points_figure, read_pace);
            (now, with_pace_unit(&needed))
        }
        LeverKind::Reps => (bare(today), reps(v)),
    }
}

/// The end of the range a lever's search considers, as people read it: `0` (the target),
/// `3650 days`, `×100`, `100 pts/yr more`, `10,000 reps`.
fn range_end(input: LeverKind) -> String {
    match input {
        LeverKind::Target => "0".to_string(),
        LeverKind::Horizon => days(levers::HORIZON_RANGE.1),
        LeverKind::MarketSize => format!("×{}", levers::SIZE_RANGE.1),
        LeverKind::ShareGain => format!("{} more", pace(levers::GAIN_RANGE.1)),
        LeverKind::Reps => format!("{} reps", thousands(u64::from(levers::REPS_RANGE.1))),
    }
}

/// The end of a lever's range, for one that nothing in it reaches: `not within 3650 days`.
fn beyond_range(input: LeverKind) -> String {
    let end = range_end(input);
    match input {
        LeverKind::Target => format!("not even at {end}"),
        LeverKind::Horizon | LeverKind::MarketSize | LeverKind::Reps => {
            format!("not within {end}")
        }
        LeverKind::ShareGain => format!("not even with {end}"),
    }
}

/// Why a lever out of reach stops short, at the top of its range: "at 10,000 reps, the market
/// binds in 62% of samples" (beside a headline that may say the market binds in fewer:
/// that is with today's reps). Only the reps, share-gain and market-size levers are ever
/// stopped by the other limit (docs/MODEL.md §7).
fn stopped_by(input: LeverKind, stop: StoppedBy) -> String {
    let end = range_end(input);
    format!(
        "at {end}, {} binds in {} of samples",
        limit_name(stop.limit),
        probability(stop.binds)
    )
}

/// A limit as a lever's reason names it: `the market`, `the team`.
fn limit_name(limit: Limit) -> &'static str {
    match limit {
        Limit::Market => "the market",
        Limit::Capacity => "the team",
    }
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

    #[test]
    fn a_lever_is_shown_on_the_side_that_still_makes_the_plan_realistic() {
        let shown = |input, v| lever_figures(input, Some(v), 30e6, "USD").1;
        assert_eq!(shown(LeverKind::Target, 20_281_427.7), "$20.2M");
        assert_eq!(shown(LeverKind::MarketSize, 1.1803), "×1.19");
        assert_eq!(shown(LeverKind::ShareGain, 0.071_04), "7.11 pts/yr");
        assert_eq!(shown(LeverKind::Horizon, 1.0), "1 day");
        assert_eq!(shown(LeverKind::Reps, 11.0), "11 reps");
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
    fn a_lever_still_realistic_at_the_end_of_the_search_says_it_goes_further() {
        // $1k in 90 days: realistic with a hundredth of the market, and with the share falling
        // 100 points a year faster; both once read as if the plan stopped being so there.
        let text = crate::scenario::BUILT_IN
            .replace("samples = 100000", "samples = 1000")
            .replace(r#"revenue = "3M""#, r#"revenue = "1k""#);
        let s = Scenario::parse(&text, "built-in").unwrap();
        let evaluation = crate::model::evaluate(&s, true);
        let (h, detail) = (&evaluation.headline, evaluation.detail.unwrap());
        let shown = |input| {
            let lever = detail.levers.iter().find(|l| l.input == input).unwrap();
            lever_shown(lever, &s, h).text()
        };
        assert_eq!(
            shown(LeverKind::MarketSize),
            "×0.01 or less (the search stops there)"
        );
        let gain = shown(LeverKind::ShareGain);
        assert!(
            gain.ends_with(" pts/yr or lower (the search stops there)"),
            "{gain}"
        );
        // The ends of what an input can take say nothing more.
        assert_eq!(shown(LeverKind::Horizon), "1 day");
        assert_eq!(shown(LeverKind::Reps), "0 reps");
        // A lever found inside the range reads as before.
        let mut inside = detail.levers[2].clone();
        (inside.value, inside.search_end) = (Some(0.011), false);
        assert_eq!(lever_shown(&inside, &s, h).text(), "×0.011");
    }

    #[test]
    fn a_team_larger_than_the_reps_levers_range_is_not_said_to_be_past_it() {
        // 12,000 reps today, out of reach: "at 10,000 reps, the market binds in 99.4% of
        // samples" read as if a larger team had been tried.
        let s = Scenario::parse(crate::scenario::BUILT_IN, "built-in").unwrap();
        let mut h = crate::model::headline::headline_drawn(&s);
        h.assumed_reps = Some(12_000);
        let lever = Lever {
            input: LeverKind::Reps,
            value: None,
            stopped_by: Some(StoppedBy {
                limit: Limit::Market,
                binds: 0.994,
            }),
            search_end: false,
        };
        let shown = lever_shown(&lever, &s, &h);
        assert_eq!(
            shown.text(),
            "out of reach (the search stops at 10,000 reps, fewer than the plan's 12,000; there \
             the market binds in 99.4% of samples)"
        );
        assert_eq!(shown.brief_text(), "out of reach (then the market binds)");
        // Nothing binding there: the range's end alone.
        let unstopped = Lever {
            stopped_by: None,
            ..lever.clone()
        };
        let shown = lever_shown(&unstopped, &s, &h);
        assert_eq!(
            shown.text(),
            "out of reach (the search stops at 10,000 reps, fewer than the plan's 12,000)"
        );
        assert_eq!(
            shown.brief_text(),
            "out of reach (the search stops at 10,000 reps)"
        );
        // Within the range, as before.
        h.assumed_reps = Some(9_000);
        let within = lever_shown(&lever, &s, &h).text();
        assert!(
            within.contains("at 10,000 reps, the market binds"),
            "{within}"
        );
    }

    #[test]
    fn a_lever_out_of_reach_says_why() {
        let out_of_reach = |input| Lever {
            input,
            value: None,
            stopped_by: None,
            search_end: false,
        };
        let said = |input| out_of_reach_because(&out_of_reach(input)).unwrap_or_default();
        assert_eq!(said(LeverKind::Horizon), "not within 3650 days");
        assert_eq!(said(LeverKind::MarketSize), "not within ×100");
        assert_eq!(said(LeverKind::ShareGain), "not even with 100 pts/yr more");
        assert_eq!(said(LeverKind::Reps), "not within 10,000 reps");
        let shown = LeverShown {
            value: "out of reach".into(),
            reached: false,
            reason: Some(said(LeverKind::Horizon)),
            brief: Some(said(LeverKind::Horizon)),
            now: "90 days".into(),
            now_figure: "90".into(),
        };
        assert_eq!(shown.text(), "out of reach (not within 3650 days)");
    }
}
