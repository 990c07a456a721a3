//! How figures read for people, in one place for every output (the terminal table, Markdown,
//! the sentences and the live session): money with its currency and k/M/B/T, fractions as
//! percentages, probabilities that never claim a certainty the samples do not show, and each
//! limit's requirement in words, the detail sections' headings, and the verdict's colour.
//! JSON keeps plain numbers and does not come here; CSV's numbers at full precision do
//! ([`exact`], [`RoundTrip`]).

use crate::model::headline::{Headline, MarketStop};
use crate::model::kernel::{MADE_WITHIN, most_made_by};
use crate::model::sensitivity::{Sensitivity, SensitivityOf};
use crate::model::stats::Summary;
use crate::model::verdict::{Tone, Verdict};
use crate::model::{Detail, RealisticFrom};
use crate::scenario::Scenario;
use crate::scenario::currency::{CurrencyMark, currency_mark, with_currency};
use crate::scenario::field::LONGEST_HORIZON_DAYS;
/// A count as people read it (`100,000`), where the counts of samples are written too.
pub use crate::scenario::number::thousands;
use crate::scenario::number::{
    LISTED_DIGITS, Toward, UNCERTAINTY_DIGITS, Unit, format_for_people, format_in_powers_of_ten,
    format_significant, is_in_powers_of_ten, parse_number, round_significant,
    round_significant_toward, written_in_powers_of_ten,
};

/// The longest horizon a plan may have (and the horizon lever tries) in words: "not realistic
/// within ten years". The lever's cell reads it in days ("not within 3650 days").
pub const LONGEST_HORIZON_SAID: &str = "ten years";
const _: () = assert!(
    LONGEST_HORIZON_DAYS == 10 * 365,
    "LONGEST_HORIZON_SAID says ten years"
);

/// The significant digits figures are shown with.
pub(super) const SHOWN_DIGITS: usize = 3;

/// An amount without a currency: `3M`, `419k`, `1.23B` (axis labels, where the currency is
/// said once in the title).
pub fn amount(x: f64) -> String {
    format_for_people(x, Unit::Amount, SHOWN_DIGITS)
}

/// `x` rounded down at the digits shown.
pub(super) fn at_most(x: f64) -> f64 {
    round_significant_toward(x, SHOWN_DIGITS, Toward::Down)
}

/// `x` rounded up at the digits shown: the smallest value that works, shown, still works.
pub(super) fn at_least(x: f64) -> f64 {
    round_significant_toward(x, SHOWN_DIGITS, Toward::Up)
}

/// The most significant digits a plan's money takes to read its target and its realistic
/// target in order ([`PlanMoney::of`]): past them, a target to the dollar of tens of millions,
/// the digits shown, where those read them in order.
const MOST_DIGITS_APART: usize = 8;

/// How one plan's money reads: in its currency, at the significant digits that keep its target
/// and its realistic target in their true order ([`digits_apart`]), so that wherever the
/// target is shown (a chart's marker, a caption, a table's heading) it reads as it does beside
/// the realistic target. Three digits, or the four the target is written with
/// ([`target_digits`]), unless the two would read alike or out of order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanMoney<'a> {
    pub currency: &'a str,
    pub digits: usize,
}

impl<'a> PlanMoney<'a> {
    /// The plan with target `target` and realistic target `realistic`, in `currency`.
    pub fn of(target: f64, realistic: f64, currency: &'a str) -> PlanMoney<'a> {
        let digits = |at_least| {
            let made = most_made_by(realistic);
            digits_apart(target, made, Toward::Down, read_money, at_least)
        };
        let wanted = target_digits(target);
        let apart = digits(wanted);
        // Four digits may round a target up past a realistic target a hair above it, which
        // then takes a dozen to read in order ($11.53958967756M); three, where they read it
        // in order, are what is shown there. Up to eight are no trouble: 12,345,000 beside a
        // realistic 12,345,600 reads $12.345M twice, not $12.3M (a target of 12.3M), and
        // 20,281,428, a dollar above its realistic target, $20.28143M, not $20.3M (another
        // target: 79.6% where it is 79.9%).
        PlanMoney {
            currency,
            digits: if apart > MOST_DIGITS_APART {
                digits(SHOWN_DIGITS)
            } else {
                apart
            },
        }
    }

    /// Two plans' money side by side (a baseline's and today's), both at the more digits
    /// either plan reads its own at (each at its own, a realistic target that did not move
    /// read "$314k → $314.5k: +$500" once the target took four), each in its own currency (a
    /// baseline pinned in dollars stays in dollars when the plan is turned to euros).
    pub fn compared(
        (base_plan, base_realistic): (&'a Scenario, f64),
        (plan, realistic): (&'a Scenario, f64),
    ) -> [PlanMoney<'a>; 2] {
        let digits = |plan: &Scenario, realistic| {
            PlanMoney::of(plan.target_revenue, realistic, &plan.currency).digits
        };
        let digits = digits(base_plan, base_realistic).max(digits(plan, realistic));
        [base_plan, plan].map(|plan| PlanMoney {
            currency: &plan.currency,
            digits,
        })
    }

    /// At the digits shown, for figures with no realistic target beside them.
    pub fn shown(currency: &'a str) -> PlanMoney<'a> {
        PlanMoney {
            currency,
            digits: SHOWN_DIGITS,
        }
    }

    /// An amount (the target, say): `$11.611M`.
    pub fn money(&self, x: f64) -> String {
        money_at(x, self.currency, self.digits)
    }

    /// An amount without the currency, for a chart's axis or marker: `11.611M`.
    pub fn amount(&self, x: f64) -> String {
        format_for_people(x, Unit::Amount, self.digits)
    }

    /// A realistic target, rounded down at these digits: `$11.61M`. Rounded down from the
    /// largest target it makes (`kernel::most_made_by`): an achievable revenue a rounding short
    /// of a figure makes that figure, so 89,999,999.99999999, what 30% of 100M books over three
    /// years, reads $90M, not $89.9M; whatever is shown, typed back, is made where `x` is, and
    /// a target reads above it exactly where `x` does not make it.
    pub fn realistic(&self, x: f64) -> String {
        self.money(self.realistic_value(x))
    }

    /// [`PlanMoney::realistic`] without the currency, for a chart whose axis names it once.
    pub fn realistic_amount(&self, x: f64) -> String {
        self.amount(self.realistic_value(x))
    }

    /// A realistic target as [`PlanMoney::realistic`] shows it, as a number.
    fn realistic_value(&self, x: f64) -> f64 {
        round_significant_toward(most_made_by(x), self.digits, Toward::Down)
    }

    /// A quantile of the achievable revenue (what the plan books in at least that share of
    /// samples), rounded down as a realistic target is, which is one of them: at 90%
    /// confidence the P10 and the realistic target read alike, never "$195M" beside "$194M".
    pub fn achievable(&self, x: f64) -> String {
        self.realistic(x)
    }

    /// The straight line's revenue by a day (the time path's "required", on the way to
    /// `target`), rounded up as a requirement is, so that a quantile short of it never reads
    /// on it (04's P90 at day 902, $23k short, read "$14.8M" beside "$14.8M" required); where
    /// the line reaches the target, the target as it reads everywhere. What is rounded up is
    /// the least that makes the line (docs/MODEL.md §5): a line of 700,000.0000000001, 700k in
    /// doubles, read "$701k".
    pub fn required_by(&self, required: f64, target: f64) -> String {
        if required >= target {
            return self.money(target);
        }
        let least = crate::model::kernel::least_making(required);
        self.money(round_significant_toward(least, self.digits, Toward::Up).min(target))
    }

    /// A quantile of what the plan has booked by a day, beside the straight line's `required`
    /// by then on the way to `target` (the time path's row, [`PlanMoney::required_by`]): as
    /// [`PlanMoney::achievable`], but one that makes the line (to a rounding, docs/MODEL.md §5)
    /// never reads below it. A plan exactly on its line read "$82.3M" required beside "$82.2M"
    /// booked in every row, the line rounded to the nearest and the booking down.
    pub fn achievable_by(&self, x: f64, required: f64, target: f64) -> String {
        let line = self.required_by(required, target);
        let shown = self.achievable(x);
        // An unbounded quantile (`$∞`) reads back as no number, which is not below the line.
        let below = matches!(
            (read_back(&shown, self.currency), read_back(&line, self.currency)),
            (Some(shown), Some(line)) if shown < line
        );
        if below && crate::model::outcome::makes(x, required) {
            line
        } else {
            shown
        }
    }
}

/// The target and the realistic target, as shown side by side: each at the digits shown, the
/// realistic one rounded down, or both at the digits it takes to read in their true order
/// ([`digits_apart`]): a target above the realistic one never reads the same ("$461.23k"
/// beside "$461.22k", not "$461k" twice), one below it never reads above it.
pub fn target_and_realistic(target: f64, realistic: f64, currency: &str) -> [String; 2] {
    let plan = PlanMoney::of(target, realistic, currency);
    [plan.money(target), plan.realistic(realistic)]
}

/// The share gain the target needs and the one the plan assumes, as shown side by side: the
/// need rounded up ([`pace_needed_text`]), both at the digits it takes to read in their true
/// order ("needs 3.749 pts/yr, plans 3.748", not 3.75 twice; never "needs 3.75, plans 3.74"
/// for a plan that has what it needs).
///
/// A need at or below zero reads "already covered by today's share" only where the plan keeps
/// to it: a plan losing share faster than the target allows reads both as figures ("needs
/// -3.44 pts/yr, plans -4 pts/yr"), never as covered beside a market that binds.
pub fn needed_and_planned_pace(needed: f64, planned: f64) -> [String; 2] {
    if pace_covered(needed, planned) {
        return [pace_needed_text(needed), pace(planned)];
    }
    let [planned, needed] = apart(planned, needed, Toward::Up, pace_at, read_pace);
    [needed, planned]
}

/// The pace a headline needs and the one it plans as a table's two cells show them (never
/// alike when the plan falls short of the need); where no pace reaches the target, why, as
/// the sentence says it (the table read "8.96 pts/yr" beside a plan of 10 and P(feasible)
/// 0%, and "∞ pts/yr" of an empty market).
pub fn pace_cells(h: &Headline) -> [String; 2] {
    let [needed, planned] = needed_and_planned_pace(h.pace_needed(), h.assumed_pace);
    let out_of_reach = |why| format!("out of reach: {why}");
    [no_pace_reaches(h).map_or(needed, out_of_reach), planned]
}

/// The significant digits at which a plan's figure `now` (shown at the nearest) and a `bound`
/// it is judged against (shown rounded toward its safe side, `toward`) read in their true
/// order: the digits shown, or as many more as it takes for a plan on the wrong side of the
/// bound (a target above the realistic one, a pace below the one needed) to read so, not
/// equal, for a plan on its right side (or at the bound) never to read on the wrong one, and
/// for the bound shown, typed back, to stay on its safe side. `read` is what a figure written
/// at some digits reads as, typed back ([`read_money`], [`read_pace`]): what is compared is
/// what people see ($17.95M is written 17.9M, not the 18M a tie rounded to even would be).
fn digits_apart(
    now: f64,
    bound: f64,
    toward: Toward,
    read: impl Fn(f64, usize) -> f64,
    at_least: usize,
) -> usize {
    // Not finite (an empty market's pace), there is no order for digits to keep.
    if !now.is_finite() || !bound.is_finite() {
        return at_least;
    }
    let short = match toward {
        Toward::Down => now > bound,
        Toward::Up => now < bound,
    };
    let reads_true = |digits: usize| {
        let shown_now = read(now, digits);
        let shown_bound = read(round_significant_toward(bound, digits, toward), digits);
        let order = match (toward, short) {
            (Toward::Down, true) => shown_now > shown_bound,
            (Toward::Down, false) => shown_now <= shown_bound,
            (Toward::Up, true) => shown_now < shown_bound,
            (Toward::Up, false) => shown_now >= shown_bound,
        };
        let safe = match toward {
            Toward::Down => shown_bound <= bound,
            Toward::Up => shown_bound >= bound,
        };
        order && safe
    };
    (at_least..=17)
        .find(|digits| reads_true(*digits))
        .unwrap_or(17)
}

/// The digits a target reads at, at the least: the three shown for a target they write
/// exactly, else four, as the live session's inputs list shows it (not $21.4M for $21.35M,
/// which is another target, nor $100M for $100.1M beside "needs 100.1%" of the market; and
/// 12,189,999 reads $12.19M as the inputs list shows it, not $12.2M), or as many more (up to
/// [`MOST_DIGITS_APART`]) as it takes for its last digit not to be a zero dropped: four write
/// 100.04M as $100M, the round target another plan types, so it reads $100.04M.
/// [`digits_apart`] takes more where the realistic target beside it would read out of order.
fn target_digits(target: f64) -> usize {
    if read_money(target, SHOWN_DIGITS) == target {
        return SHOWN_DIGITS;
    }
    let written = |digits| format_for_people(target, Unit::Amount, digits);
    (LISTED_DIGITS..=MOST_DIGITS_APART)
        .find(|&digits| written(digits) != written(digits - 1))
        .unwrap_or(LISTED_DIGITS)
}

/// What an amount written at `digits` significant digits reads as, typed back: the figure is
/// written from the amount divided by a thousand, a million, a billion or a trillion.
fn read_money(x: f64, digits: usize) -> f64 {
    parse_number(&format_for_people(x, Unit::Amount, digits)).unwrap_or(x)
}

/// What a pace written at `digits` significant digits reads as, typed back as a share gain
/// (`3.749%`).
pub(super) fn read_pace(x: f64, digits: usize) -> f64 {
    parse_number(&format!("{}%", pace_points(x, digits))).unwrap_or(x)
}

/// `now` and `bound` written by `write` at [`digits_apart`] (figures read back by `read`),
/// the bound rounded toward its side.
pub(super) fn apart(
    now: f64,
    bound: f64,
    toward: Toward,
    write: impl Fn(f64, usize) -> String,
    read: impl Fn(f64, usize) -> f64,
) -> [String; 2] {
    let digits = digits_apart(now, bound, toward, read, SHOWN_DIGITS);
    let shown_bound = round_significant_toward(bound, digits, toward);
    [write(now, digits), write(shown_bound, digits)]
}

/// An amount of money in the scenario's currency: `$3M`, `€419k`, `1.2M CHF`. The common
/// currencies take their symbol; any other code follows the amount. Three letters are a code,
/// read in capitals (`usd` is `$`, `chf` reads `CHF`); JSON and CSV keep it as written.
pub fn money(x: f64, currency: &str) -> String {
    money_at(x, currency, SHOWN_DIGITS)
}

/// An axis's tick in `currency` at the digits it has, at least the digits shown: a step of
/// 2.5 × 10ⁿ puts ticks at `$1.025M`, which [`money`] reads `$1.02M` beside `$1.05M`, and
/// the scale looks uneven and off its marks.
pub fn tick_money(x: f64, currency: &str) -> String {
    money_at(x, currency, tick_digits(x))
}

/// [`tick_money`] without the currency (the session's histogram scale): `1.025M`.
pub fn tick_amount(x: f64) -> String {
    format_for_people(x, Unit::Amount, tick_digits(x))
}

/// The fewest significant digits, at least the digits shown, that write the round value `x`
/// as it is (to a part in 10⁹: a tick computed in doubles may sit a hair off its round value).
fn tick_digits(x: f64) -> usize {
    (SHOWN_DIGITS..15)
        .find(|&digits| (round_significant(x, digits) - x).abs() <= 1e-9 * x.abs())
        .unwrap_or(SHOWN_DIGITS)
}

/// [`money`] with `digits` significant digits.
fn money_at(x: f64, currency: &str, digits: usize) -> String {
    with_currency(&format_for_people(x, Unit::Amount, digits), currency)
}

/// Whether two currencies as scenarios write them mark money alike (`USD`, `usd` and `$`):
/// one currency, though written two ways.
pub fn same_currency(a: &str, b: &str) -> bool {
    currency_mark(a) == currency_mark(b)
}

/// A fraction as a percentage with three significant digits: `30.4%`, `0.42%`.
pub fn percent(x: f64) -> String {
    format_for_people(x, Unit::Percent, SHOWN_DIGITS)
}

/// A realistic target (as shown) with the confidence it is realistic at: `$6.97M at 80%`,
/// the confidence as written (a 75% plan's realistic target beside an 80% one's is not the
/// same kind of figure; the comparison read "at 80%" of a confidence of 80.05%).
pub fn realistic_at(realistic: &str, confidence_written: f64) -> String {
    format!("{realistic} at {}", confidence(confidence_written))
}

/// The plan's confidence as written, in percent (`80%`, `80.05%`, `80.00001%`): the shortest
/// decimal that reads back as it, its point moved two places, never rounded like a result,
/// since a P(feasible) beside it must read as below it when it is (80.02% beside a
/// confidence of 80.05% read "80% … realistic at 80% confidence: stretch").
pub fn confidence(c: f64) -> String {
    // Rust writes the shortest digits that read back as `c`, never with an exponent.
    let written = c.to_string();
    let Some(digits) = written.strip_prefix("0.") else {
        return percent(c);
    };
    let (whole, fraction) = digits.split_at(digits.len().min(2));
    let whole = format!("{whole:0<2}");
    let whole = match whole.trim_start_matches('0') {
        "" => "0",
        whole => whole,
    };
    if fraction.is_empty() {
        format!("{whole}%")
    } else {
        format!("{whole}.{fraction}%")
    }
}

/// The spread of a share of the market the target needs, after the median it follows:
/// ` (P10–P90 23.2%–39.7%)`, or nothing when the two read alike (every input fixed).
pub fn capture_spread(capture: &Summary) -> String {
    let (p10, p90) = (self::capture(capture.p10), self::capture(capture.p90));
    if p10 == p90 {
        String::new()
    } else {
        format!(" (P10–P90 {p10}–{p90})")
    }
}

/// A share of the serviceable market's revenue (a capture), as [`percent`] writes it but never
/// reading as 100% unless it is: a target that needs more than the whole market reads so
/// ("100.04%", beside a verdict of impossible), one that needs a little less reads "99.96%".
/// A rounding either side of the whole market is the whole market, as the model counts it
/// (`kernel::MADE_WITHIN`): "100%", not "100.00000000000003%".
pub fn capture(x: f64) -> String {
    format_for_people(x, Unit::Percent, capture_digits(x))
}

/// A column of captures (the frontier's `needs (P50 capture)`), each as [`capture`] writes
/// it, all in powers of ten where one is (a target of $0.3 needs `9.95e-6%` in 30 days and
/// `2.12e-7%` in 1095, where the column read `0.00000995%` above `2.12e-7%`).
fn capture_column(xs: impl IntoIterator<Item = f64>) -> Vec<String> {
    let xs: Vec<f64> = xs.into_iter().collect();
    let cells: Vec<String> = xs.iter().map(|x| capture(*x)).collect();
    if !cells.iter().any(|cell| is_in_powers_of_ten(cell)) {
        return cells;
    }
    xs.iter()
        .map(|x| format_in_powers_of_ten(*x, Unit::Percent, capture_digits(*x)))
        .collect()
}

/// The frontier's figures, a row per horizon, as every output shows them: its days, then
/// P(feasible) beside its verdict, the realistic target at the plan's digits and the share
/// of the market the target needs (`needs (P50 capture)`, [`capture_column`]).
pub fn frontier_rows(detail: &Detail, plan: PlanMoney, confidence: f64) -> Vec<(u32, [String; 3])> {
    let needs = capture_column(detail.frontier.iter().map(|f| f.required_capture_p50));
    detail
        .frontier
        .iter()
        .zip(needs)
        .map(|(f, needs)| {
            let p = p_beside_verdict(f.p_feasible, confidence);
            (f.days, [p, plan.realistic(f.realistic_target), needs])
        })
        .collect()
}

/// The significant digits [`capture`] writes `x` with.
fn capture_digits(x: f64) -> usize {
    let side = |v: f64| {
        if (v - 1.0).abs() <= MADE_WITHIN {
            Some(std::cmp::Ordering::Equal)
        } else {
            v.partial_cmp(&1.0)
        }
    };
    let reads_true = |digits: usize| {
        let shown = parse_number(&format_for_people(x, Unit::Percent, digits)).unwrap_or(x);
        side(shown) == side(x)
    };
    (SHOWN_DIGITS..=17).find(|d| reads_true(*d)).unwrap_or(17)
}

/// Below this (and above 1 minus it) a probability reads "< 0.1%" ("> 99.9%").
const EXTREME: f64 = 0.001;

/// A probability or share of samples, at most three significant digits; `< 0.1%` and
/// `> 99.9%` at the extremes, so that only an exact 0 or 1 reads `0%` or `100%`.
pub fn probability(p: f64) -> String {
    if p > 0.0 && p < EXTREME {
        "< 0.1%".to_string()
    } else if p < 1.0 && p > 1.0 - EXTREME {
        "> 99.9%".to_string()
    } else {
        percent(p)
    }
}

/// What P(feasible)'s uncertainty says: `± 0.3 pts` where the estimate reads as a plain
/// percentage; at 0, 1 and the extremes the count itself (`0 of 100,000 samples`), which says
/// more than a standard error of 0.
pub fn uncertainty(p: f64, se: f64, samples: u64) -> String {
    if p <= EXTREME || p >= 1.0 - EXTREME {
        let feasible = (p * samples as f64).round() as u64;
        let [feasible, samples_said] = [feasible, samples].map(thousands);
        format!("{feasible} of {samples_said} {}", samples_noun(samples))
    } else {
        format!("± {}", points(se, UNCERTAINTY_DIGITS))
    }
}

/// `sample` or `samples`, as `count` of them reads: "across 1 samples" read so.
pub fn samples_noun(count: u64) -> &'static str {
    if count == 1 { "sample" } else { "samples" }
}

/// A difference of two probabilities in percentage points, to `digits` significant digits:
/// `56 pts`, `0.04 pts`, `1 pt` (a tornado's swing, a standard error).
pub fn points(x: f64, digits: usize) -> String {
    let points = points_figure(x, digits);
    let unit = if points == "1" { "pt" } else { "pts" };
    format!("{points} {unit}")
}

/// A difference of two shares in percentage points, at the digits figures are shown with:
/// `80 pts`, `5.13 pts`, `0.04 pts` (the comparison's change in the share of the market
/// needed; a change of a probability is [`probability_change`]).
pub fn points_shown(x: f64) -> String {
    points(x, SHOWN_DIGITS)
}

/// A change of a probability (P(feasible), how often a limit binds) as people read it, in
/// percentage points: `+5.13 pts`, `-0.04 pts`, `no change`, the headline's change against a
/// baseline and the comparison's alike. Like [`probability`], it claims no certainty the
/// samples do not show: a move short of the whole way (0 to 100% or back) never reads ±100 pts,
/// but is rounded toward zero at a digit more (0% → 99.995% reads `+99.99 pts`).
pub fn probability_change(delta: f64) -> String {
    signed(delta, |size| {
        // Short of the whole way but shown as it: a digit more, rounded toward zero.
        if size < 1.0 && round_significant(size * 100.0, SHOWN_DIGITS) >= 100.0 {
            let digits = SHOWN_DIGITS + 1;
            let short = round_significant_toward(size * 100.0, digits, Toward::Down);
            format!("{} pts", format_for_people(short, Unit::Plain, digits))
        } else {
            points_shown(size)
        }
    })
}

/// A change as people read it, its size written by `size`: `+5.13 pts`, `-$120k`, `no change`.
pub fn signed(delta: f64, size: impl Fn(f64) -> String) -> String {
    if delta > 0.0 {
        format!("+{}", size(delta))
    } else if delta < 0.0 {
        format!("-{}", size(-delta))
    } else {
        "no change".to_string()
    }
}

/// A figure as its text reads back, where the text is a number people can do sums with: an
/// amount in `currency` as [`money`] marks it (`$419k`, `-€5k`, `419k CHF`, `5.93M kr`), a
/// share (`29.1%`), points as the fraction they are of (`12.7 pts/yr` reads 0.127), reps
/// (`6.04 reps`), the figure before what it is at (`€5.93M at 80%`); `None` for a bound or words
/// (`< 0.1%`, `already covered by today's share`).
pub fn read_back(shown: &str, currency: &str) -> Option<f64> {
    let shown = shown.split_once(" at ").map_or(shown, |(figure, _)| figure);
    let (negative, rest) = match shown.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, shown),
    };
    let rest = match currency_mark(currency) {
        CurrencyMark::Sign(sign) => rest.strip_prefix(sign).unwrap_or(rest),
        CurrencyMark::After(code) => rest.strip_suffix(&format!(" {code}")).unwrap_or(rest),
        CurrencyMark::None => rest,
    };
    let (number, unit) = rest.split_once(' ').unwrap_or((rest, ""));
    let scale = match unit {
        PACE_UNIT | "pts" | "pt" => 0.01,
        "" | "reps" | "rep" => 1.0,
        _ => return None,
    };
    let x = parse_number(number).ok()? * scale;
    Some(if negative { -x } else { x })
}

/// The figures `base` and `now` as their texts read back ([`read_back`], amounts in
/// `currency`), for a change beside them that a calculator agrees with: `$419k` → `$537k` is
/// `+$118k`, though the unrounded figures are $118,855 apart (it read `+$119k`). As they are
/// where either text is no number, but alike where the texts are (`> 99.9%` twice read
/// `-0.054 pts`, a change no column shows).
pub fn as_shown(
    (base, base_text): (f64, &str),
    (now, now_text): (f64, &str),
    currency: &str,
) -> (f64, f64) {
    if base_text == now_text {
        return (base, base);
    }
    match (
        read_back(base_text, currency),
        read_back(now_text, currency),
    ) {
        (Some(b), Some(n)) => (b, n),
        _ => (base, now),
    }
}

/// P(feasible) as it reads beside its verdict: as [`probability`] writes it, but never rounded
/// up onto a verdict's threshold that it is below (79.996% at 80% confidence reads 79.9%, not
/// 80% beside "stretch"; 49.996% reads 49.9% beside "long shot").
pub fn p_beside_verdict(p: f64, confidence: f64) -> String {
    p_beside_verdicts(p, &[confidence])
}

/// P(feasible) as [`p_beside_verdict`] writes it, never rounded onto a threshold at any of
/// `confidences`: a comparison's two sides at 80% and 99% read 98.954% alike (`98.9%`), where
/// each at its own read `99%` beside `98.9%`, a change the samples do not show.
pub fn p_beside_verdicts(p: f64, confidences: &[f64]) -> String {
    let thresholds: Vec<f64> = confidences
        .iter()
        .flat_map(|&confidence| Verdict::thresholds(confidence))
        .collect();
    probability(below_thresholds(p, &thresholds, SHOWN_DIGITS))
}

/// `p` as it may be written at `digits` significant digits: itself, or rounded down where
/// written at the nearest it would read on one of the `thresholds` it is below.
fn below_thresholds(p: f64, thresholds: &[f64], digits: usize) -> f64 {
    // What is compared is what is written, read back: 0.7995 is written from 79.95000000000000284
    // (p × 100), which reads "80", though 0.7995 itself rounds to 0.799.
    let shown = parse_number(&format_for_people(p, Unit::Percent, digits)).unwrap_or(p);
    let crosses = thresholds.iter().any(|&t| p < t && shown >= t);
    if crosses {
        round_significant_toward(p, digits, Toward::Down)
    } else {
        p
    }
}

/// P(feasible) with one input pinned at its P10 or P90, as the tornado shows it: as beside the
/// verdict, but under 0.1% to three significant digits (`0.00261%`), and over 99.9% to as many
/// decimals as its distance from 100% takes (`99.914%`, 0.086 pts short), where every pin read
/// `< 0.1%` and the bars' ends told nothing apart.
pub fn pinned(p: f64, confidence: f64) -> String {
    if p > 0.0 && p < EXTREME {
        percent(p)
    } else if p < 1.0 && p > 1.0 - EXTREME {
        // Three significant digits of the points short of 100% (0.086 pts: 99.9140, then
        // the trailing zero dropped), at most as many decimals as a double holds.
        let short = (1.0 - p) * 100.0;
        let first = short.log10().floor() as i32;
        let decimals = (SHOWN_DIGITS as i32 - 1 - first).clamp(0, 17) as usize;
        let rounded = format!("{:.*}", decimals, p * 100.0);
        let rounded = rounded
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string();
        if rounded.starts_with("100") {
            // Short of 100% by less than its last digit: never read as a certainty.
            format!("{:.*}%", decimals, 100.0 - 10f64.powi(-(decimals as i32)))
        } else {
            format!("{rounded}%")
        }
    } else {
        p_beside_verdict(p, confidence)
    }
}

/// One tornado bar's two pins, `low` and `high`, as [`pinned`] writes each, but where the two
/// differ and would read alike, at as many more digits as tell them apart (77.614% and
/// 77.622% read `77.61%` and `77.62%`, where both read `77.6%` beside a swing of "0 pts", in a
/// tornado ranked by that swing).
pub fn pinned_pair(low: f64, high: f64, confidence: f64) -> [String; 2] {
    let shown = [pinned(low, confidence), pinned(high, confidence)];
    if shown[0] != shown[1] || low == high {
        return shown;
    }
    // Below a verdict's threshold, or below 100%, never read on it.
    let [a, b, c] = Verdict::thresholds(confidence);
    let at = |p: f64, digits| {
        let p = below_thresholds(p, &[a, b, c, 1.0], digits);
        format_for_people(p, Unit::Percent, digits)
    };
    (SHOWN_DIGITS + 1..=17)
        .map(|digits| [at(low, digits), at(high, digits)])
        .find(|pair| pair[0] != pair[1])
        .unwrap_or(shown)
}

/// Two shares of the samples that make up all of them (where the market binds, where the
/// team does) as they read side by side: the smaller as [`probability`] writes it, the larger
/// as what is left at the same decimals, so that they read as adding up (98.75% and 1.25%,
/// where each at its own three digits read 98.8% and 1.25%, 100.05% in all).
fn shares_of_all(a: f64, b: f64) -> [String; 2] {
    let smaller = a.min(b);
    let small = probability(smaller);
    // At the extremes ("< 0.1%" beside "> 99.9%") and at 0, each reads as it is.
    let Some(decimals) = small
        .strip_suffix('%')
        .filter(|_| smaller >= EXTREME)
        .map(|number| number.split_once('.').map_or(0, |(_, d)| d.len()))
    else {
        return [probability(a), probability(b)];
    };
    let left = 100.0 - parse_number(&small).unwrap_or(smaller) * 100.0;
    let large = format!("{left:.decimals$}");
    let large = if large.contains('.') {
        large.trim_end_matches('0').trim_end_matches('.')
    } else {
        &large
    };
    let large = format!("{large}%");
    if a <= b {
        [small, large]
    } else {
        [large, small]
    }
}

/// How often the market binds, and the team in the rest of the samples, as every output
/// reads them ([`shares_of_all`]): the batch table's `market binds`, the comparison, the
/// report's sentence and the session's limit lines alike (the table read 98.6% beside the
/// report's 98.65%).
pub fn binding_shares(market: f64) -> [String; 2] {
    shares_of_all(market, 1.0 - market)
}

/// P(feasible) with its uncertainty, beside its verdict at `confidence`: `31.2% ± 0.3 pts`,
/// `0% (0 of 100,000 samples)`.
pub fn p_feasible(h: &Headline, confidence: f64) -> String {
    let p = p_beside_verdict(h.p_feasible, confidence);
    let u = uncertainty(h.p_feasible, h.p_feasible_se, h.samples);
    if u.starts_with('±') {
        format!("{p} {u}")
    } else {
        format!("{p} ({u})")
    }
}

/// Under the frontier, the first day its target is realistic ([`Detail::realistic_from`]):
/// `realistic (P ≥ 80%) from day 395`, or not within ten years; `None` without the lever.
pub fn realistic_from(detail: &Detail, at: f64) -> Option<String> {
    let at = confidence(at);
    Some(match detail.realistic_from()? {
        RealisticFrom::Day(day) => format!("realistic (P ≥ {at}) from day {day}"),
        RealisticFrom::NotWithinRange => {
            format!("not realistic (P ≥ {at}) within {LONGEST_HORIZON_SAID}")
        }
    })
}

/// Under Sobol points, beside the levers and the frontier: their figures are on this run's
/// points, which a plan run at another horizon, team or share gain turns anew (docs/MODEL.md
/// §12), so there P(feasible) agrees within its standard error, not to the bit (03's horizon
/// lever of 360 days, run as the plan, read 79.99%: a stretch, without a word). `None` under
/// plain Monte Carlo, where the same samples are drawn.
pub fn on_this_runs_points(h: &Headline) -> Option<&'static str> {
    (h.method == crate::scenario::Method::Sobol).then_some(
        "Under Sobol points these figures are on this run's points; run as a plan of its own, \
         a value here (other than a target) turns the points anew, and its P(feasible) agrees \
         within its standard error: a value at the edge may read just short.",
    )
}

/// How many warnings a plan has, beside its verdict (`1 warning`, `3 warnings`); `None` for
/// none. The board report and the live session say where they are listed.
pub fn warnings_beside_verdict(n: usize) -> Option<String> {
    match n {
        0 => None,
        1 => Some("1 warning".to_string()),
        n => Some(format!("{n} warnings")),
    }
}

/// A number of days, as the tables' `days` column writes it: `1 day`, `90 days`, `1095 days`
/// (a label beside the frontier's horizons, kept whole as the `days` column's bare numbers).
pub fn days(n: u32) -> String {
    match n {
        1 => "1 day".to_string(),
        n => format!("{n} days"),
    }
}

/// Share points per year: `217 pts/yr`, `5.48 pts/yr`.
pub fn pace(x: f64) -> String {
    pace_at(x, SHOWN_DIGITS)
}

/// [`pace`] with `digits` significant digits.
pub(super) fn pace_at(x: f64, digits: usize) -> String {
    with_pace_unit(&pace_points(x, digits))
}

/// A pace's figure in points at `digits`, rounded at them as a percentage is (`1,230`, where
/// every digit of 1234.56 was written).
fn pace_points(x: f64, digits: usize) -> String {
    format_for_people(round_significant(x * 100.0, digits), Unit::Plain, digits)
}

/// The unit a share gain is written in: points a year.
const PACE_UNIT: &str = "pts/yr";

pub(super) use crate::scenario::number::points_figure;

/// A share gain's figure in points ([`points_figure`], or a difference of two such figures as
/// written) with its unit: `5.48 pts/yr`.
pub(super) fn with_pace_unit(points: &str) -> String {
    format!("{points} {PACE_UNIT}")
}

/// A shift of the share gain, its figure in points as written (`12.32`, `-0.00629`), with its
/// sign and unit: `+12.32 pts/yr`, `-0.00629 pts/yr`. A figure without a minus takes `+`, 0
/// too (where [`signed`] would say `no change`, a lever's shift reads as one).
pub(super) fn pace_shift(points: &str) -> String {
    let sign = if points.starts_with('-') { "" } else { "+" };
    with_pace_unit(&format!("{sign}{points}"))
}

/// A head count, whole, grouped as every count is ([`thousands`]: `1500`, `12,000`): the
/// team planned read `1,500` beside `2820 reps` needed.
pub fn head_count(n: u32) -> String {
    thousands(u64::from(n))
}

/// A count of reps, which may be fractional where it is a requirement: `4.5 reps`, `14 reps`.
pub fn reps(x: f64) -> String {
    counted(x, "rep")
}

/// `x` of `noun` at the digits shown: `1 rep`, `4.5 reps`, `10.6 ramped reps`.
fn counted(x: f64, noun: &str) -> String {
    counted_at(x, noun, SHOWN_DIGITS)
}

/// [`counted`] at `digits` significant digits.
fn counted_at(x: f64, noun: &str, digits: usize) -> String {
    let n = format_for_people(x, Unit::Plain, digits);
    if n == "1" {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The share gain the target needs ([`Headline::pace_needed`], not the closed form
/// [`Headline::required_pace`]), as people read it: `217 pts/yr`, or that today's share
/// already covers it (a requirement at or below zero is never shown as a number). Rounded up
/// at the digits shown, as a requirement: 7.104 pts/yr beside a plan of 7.1 reads "needs 7.11".
fn pace_needed_text(x: f64) -> String {
    if x <= 0.0 {
        "already covered by today's share".to_string()
    } else {
        pace(at_least(x))
    }
}

/// Whether there is no market to gain share in, every input at its median: the required pace
/// is ∞ (the median serviceable market is 0), or its points overflow. The sentence says
/// "Market: empty", a table's "pace needed" cell `out of reach: empty market`. Wider, on
/// purpose, than the model's empty market (`model::kernel::empty_market`, s·M = 0, which
/// makes the required pace ∞): a headline keeps no s·M to ask it of, and a market so small
/// that its pace in points a year passes the doubles (1e-300) has no share people can gain
/// either, though the model's `Headline::market_stop` may name a cap for it.
pub fn no_market_to_gain(h: &Headline) -> bool {
    h.required_pace * 100.0 == f64::INFINITY
}

/// Why no pace reaches the target at `stop`, as the sentences say it after the plan's pace:
/// "even the whole serviceable market falls short of the target".
fn no_pace_reason(stop: MarketStop) -> String {
    match stop {
        MarketStop::OnlyWholeMarketFromDayZero => {
            "only the whole serviceable market from day 0 books it".to_string()
        }
        MarketStop::OnlyCeilingFromDayZero(cap) => {
            format!(
                "only a share at its {} ceiling from day 0 books it",
                percent(cap)
            )
        }
        MarketStop::WholeMarketShort => {
            "even the whole serviceable market falls short of the target".to_string()
        }
        MarketStop::CeilingShort(cap) => {
            format!(
                "the share's {} ceiling stops it short at any pace",
                percent(cap)
            )
        }
        MarketStop::HeldTodayShort(cap) => format!(
            "a share held at today's {} (above its ceiling) stops it short at any pace",
            percent(cap)
        ),
    }
}

/// Why no lever of the market (share gain, size, horizon) reaches a target, said after "out of
/// reach": the serviceable market at its median is 0.
pub const EMPTY_MARKET: &str = "empty market";

/// Why no share gain reaches the target, every input at its median: the market is empty, or
/// the share's cap keeps it short ([`limits`] says the same in its sentence); `None` where
/// some pace does. A table's "pace needed" cell says it after "out of reach: " ("none: held
/// above its ceiling" read as no gain needed, beside "none" for no rep needed), and so does
/// the share-gain lever out of reach.
pub fn no_pace_reaches(h: &Headline) -> Option<&'static str> {
    if no_market_to_gain(h) {
        return Some(EMPTY_MARKET);
    }
    h.market_stop.map(|stop| match stop {
        MarketStop::OnlyWholeMarketFromDayZero => "only the whole market from day 0",
        MarketStop::OnlyCeilingFromDayZero(_) => "only the ceiling from day 0",
        MarketStop::WholeMarketShort => "the whole market falls short",
        MarketStop::CeilingShort(_) => "the ceiling stops it",
        MarketStop::HeldTodayShort(_) => "share held above its ceiling",
    })
}

/// Whether today's share covers the target at the plan's own pace: no gain is needed, and the
/// plan loses no more share than the target allows.
pub fn pace_covered(needed: f64, planned: f64) -> bool {
    needed <= 0.0 && planned >= needed
}

/// Whether the target needs no ramped rep: the installed base and the hires cover it.
pub fn reps_covered(needed: f64) -> bool {
    needed <= 0.0
}

/// The reps needed of a plan without `[capacity]`, as people read it.
pub const NO_TEAM_NEEDED: &str = "no team in the plan";

/// The ramped reps planned of a plan without `[capacity]`, as people read it.
pub const NO_TEAM_PLANNED: &str = "no team";

/// The reps the target needs: `14 reps`, `none` (the installed base and the hires cover it:
/// not "already covered by today's team", which read as a contradiction beside a team of 0
/// ramped reps), or `no team`, as [`reps_needed`].
pub fn required_reps(x: Option<f64>) -> String {
    match x {
        None => NO_TEAM_NEEDED.to_string(),
        Some(x) if reps_covered(x) => "none".to_string(),
        Some(x) => reps_needed(x, "rep"),
    }
}

/// A count of reps the target needs, of `noun`: rounded up at the digits shown, as a
/// requirement (3.004 reps beside 3 reads "3.01 reps"), but never past the next whole rep,
/// which covers it (3,060.25 reps read "3070 reps", nine more than it needs: "3061 reps").
fn reps_needed(x: f64, noun: &str) -> String {
    // Past the sizes written in powers of ten, at the digits shown (every digit was).
    if written_in_powers_of_ten(x) {
        return counted(at_least(x), noun);
    }
    let shown = at_least(x).min(x.ceil());
    let whole_digits = format!("{:.0}", shown.trunc()).len();
    counted_at(shown, noun, SHOWN_DIGITS.max(whole_digits))
}

/// A change of a requirement (the pace or the reps needed), each side with whether it reads
/// covered ([`pace_covered`], [`reps_covered`]), its size written by `size`: where
/// either side is covered, the change is said in words (`now covered`, `no longer covered`,
/// and `no change` between two that read alike), never as a difference that takes in the
/// negative figure those words hide (218 pts/yr → covered is not "-229 pts/yr").
pub fn requirement_change(
    (base, base_covered): (f64, bool),
    (now, now_covered): (f64, bool),
    size: impl Fn(f64) -> String,
) -> String {
    match (base_covered, now_covered) {
        (true, true) => "no change".to_string(),
        (false, true) => "now covered".to_string(),
        (true, false) => "no longer covered".to_string(),
        (false, false) => signed(now - base, size),
    }
}

/// Which limit binds how often, for a plan with a team: "The team binds in 81.4% of samples,
/// the market in 18.6%" (the one that binds more first). The limits' lines are figured at the
/// medians, so "Team: needs 2.83 ramped reps, has 3" can sit beside a team that binds in most
/// samples; this says so. `None` without a team (the market is then all there is).
pub fn binding(h: &Headline) -> Option<String> {
    h.assumed_reps?;
    let (team, market) = (h.binding.capacity, h.binding.market);
    let [market_shown, team_shown] = binding_shares(market);
    let [(first, p), (second, q)] = if team > market {
        [("team", team_shown), ("market", market_shown)]
    } else {
        [("market", market_shown), ("team", team_shown)]
    };
    Some(format!(
        "The {first} binds in {p} of samples, the {second} in {q}."
    ))
}

/// What [`limits`] are figured at: every input at its median, not sample by sample (so a
/// limit "already covered" can sit beside a plan that is a stretch). Said with them wherever
/// they are shown: the sentence ends "(inputs at their medians)".
pub const LIMITS_AT: &str = "inputs at their medians";

/// [`LIMITS_AT`] where an edge has no room for it: the session's headline at 80 columns,
/// whose edge also says how often the team binds (`Team binds < 0.1%`).
pub const LIMITS_AT_SHORT: &str = "at medians";

/// One of the two limits on what a plan books, [`limits`]' lines each about one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// The share of the market the plan can gain.
    Market,
    /// What its ramped reps can book.
    Team,
}

impl Limit {
    /// Its name, as its line, the footnote on the limits and the session's edge say it
    /// (`Team binds 0%`).
    pub fn name(self) -> &'static str {
        match self {
            Limit::Market => "Market",
            Limit::Team => "Team",
        }
    }
}

/// Each limit's requirement beside what the plan has: "Market: needs 7.1 pts/yr, plans 8 pts/yr"
/// and, with a team, "Team: needs 14 ramped reps, has 8"; a requirement already met says so
/// ("already covered by today's share", "needs no ramped rep"), a market with nothing to gain
/// share in (the median serviceable market is 0, so the pace needed is ∞) says that, and one
/// no pace reaches says why ([`no_pace_reason`]), each in a line short enough for the live
/// session's narrowest headline.
pub fn limits(h: &Headline) -> Vec<LimitLine> {
    let needed = h.pace_needed();
    let name = Limit::Market.name();
    let market = if no_market_to_gain(h) {
        format!("{name}: empty, no share to gain")
    } else if pace_covered(needed, h.assumed_pace) {
        format!("{name}: {}", pace_needed_text(needed))
    } else {
        let [needs, plans] = needed_and_planned_pace(needed, h.assumed_pace);
        format!("{name}: needs {needs}, plans {plans}")
    };
    // No pace reaches the target past the cap: the plan's pace and why none reaches it, and
    // no pace needed, as the table says "out of reach" (the closed form, which ignores the
    // cap, read as a pace that would do: docs/MODEL.md §5). An empty market has no cap to stop
    // it: a market of 1e-300 read "empty, no share to gain, but the share's 40% ceiling stops
    // it short".
    let [_, plans] = needed_and_planned_pace(needed, h.assumed_pace);
    let market = match h.market_stop.filter(|_| !no_market_to_gain(h)) {
        Some(stop) => format!("{name}: plans {plans}, but {}", no_pace_reason(stop)),
        None => market,
    };
    // How often each binds, read as adding up beside the other's.
    let [market_binds, team_binds] = binding_shares(h.binding.market);
    let mut lines = vec![LimitLine {
        of: Limit::Market,
        line: market,
        binds: market_binds,
    }];
    if let (Some(needed), Some(has)) = (h.required_reps, h.assumed_reps) {
        let name = Limit::Team.name();
        let line = if reps_covered(needed) {
            format!("{name}: needs no ramped rep, has {}", head_count(has))
        } else {
            // Ramped reps (new hires already counted in the need): "has 6" beside 6 reps and 4
            // new hires read as a team of 6. Rounded up, as a requirement.
            let needed = reps_needed(needed, "ramped rep");
            format!("{name}: needs {needed}, has {}", head_count(has))
        };
        lines.push(LimitLine {
            of: Limit::Team,
            line,
            binds: team_binds,
        });
    }
    lines
}

/// One of [`limits`]: which limit, its line, and the share of samples in which it binds
/// (as [`shares_of_all`] writes it beside the other limit's).
#[derive(Debug, Clone, PartialEq)]
pub struct LimitLine {
    pub of: Limit,
    pub line: String,
    pub binds: String,
}

/// A plain number: `∞` when it is not finite.
pub fn number(x: f64) -> String {
    format_significant(x, Unit::Plain, 6)
}

/// A number at full precision for a spreadsheet ([`RoundTrip`]), `inf` or `-inf` when it is
/// not finite, as `--draws` writes it: spreadsheets and Python read it as a number, where `∞`
/// (for people) read as text (docs/MODEL.md §10).
pub fn exact(x: f64) -> String {
    RoundTrip(x).to_string()
}

/// The magnitudes a full-precision number is written at in plain decimals (and 0); outside,
/// in powers of ten. At most 21 digits before the point, as JavaScript writes numbers
/// (ECMA-262, Number::toString), and down to 1e-8, below the smallest probability a run
/// reports (1 in 10,000,000 samples, the most it draws) and that probability's standard
/// error: every figure of an ordinary scenario reads as it always has.
const PLAIN_DECIMALS: std::ops::Range<f64> = 1e-8..1e21;

/// An `f64` as CSV writes it: the shortest text that reads back to the same number, with the
/// digits JSON writes (ryu's: where two shortest texts are equally near, the even one, as
/// Python's `repr`; Rust's own formatting chose the other, so CSV read 0.8507461547851563 where
/// JSON read …562), in plain decimals from 1e-8 up to 1e21 (`0.3018`, `3000000`) and in powers
/// of ten outside (`1e308`, `5.689477326635349e-302`, not 300 digits). Python's `float()` and
/// spreadsheets read both forms. Not finite: `inf`, `-inf`, `NaN`. A zero is `0`, never `-0`.
#[derive(Debug, Clone, Copy)]
pub struct RoundTrip(pub f64);

impl std::fmt::Display for RoundTrip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let x = self.0;
        if x == 0.0 {
            // Zero, whatever its sign: a -0 (a value clamped from a fixed `-0%`) means nothing
            // to a reader of the figures.
            return f.write_str("0");
        }
        if !x.is_finite() {
            return write!(f, "{x}");
        }
        let sign = if x < 0.0 { "-" } else { "" };
        let (digits, point) = shortest_digits(x.abs());
        let text = if PLAIN_DECIMALS.contains(&x.abs()) {
            match usize::try_from(point) {
                // Below 1: zeros after the point first (0.0000001 is ("1", -6)).
                Err(_) | Ok(0) => {
                    format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
                }
                Ok(p) if p >= digits.len() => format!("{digits}{}", "0".repeat(p - digits.len())),
                Ok(p) => format!("{}.{}", &digits[..p], &digits[p..]),
            }
        } else {
            let (first, rest) = digits.split_at(1);
            let rest = if rest.is_empty() {
                String::new()
            } else {
                format!(".{rest}")
            };
            format!("{first}{rest}e{}", point - 1)
        };
        write!(f, "{sign}{text}")
    }
}

/// The shortest digits of a positive finite `x` that read back to it, as ryu (and so JSON)
/// writes them, without leading or trailing zeros, and where the point goes: `x` is
/// 0.`digits` × 10^`point` (0.3018 is ("3018", 0), 3000000 is ("3", 7)).
fn shortest_digits(x: f64) -> (String, i32) {
    let mut buffer = ryu::Buffer::new();
    let text = buffer.format_finite(x);
    let (mantissa, exponent) = match text.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let whole = mantissa.find('.').unwrap_or(mantissa.len());
    let all: String = mantissa.chars().filter(|c| *c != '.').collect();
    let leading = all.len() - all.trim_start_matches('0').len();
    let digits = all
        .trim_start_matches('0')
        .trim_end_matches('0')
        .to_string();
    (digits, whole as i32 - leading as i32 + exponent)
}

/// The tornado of a scenario whose every input is fixed, which has no bars.
pub const NOTHING_UNCERTAIN: &str =
    "Every input is fixed: there is no uncertainty for the result to be sensitive to.";

/// The words [`sensitivity_heading`] begins with, through what each bar's two ends are: a
/// panel too narrow for them says the ends on its edge instead.
pub fn sensitivity_heading_through_ends(of: SensitivityOf) -> &'static str {
    let heading = sensitivity_heading(of);
    // What follows the ends, in brackets, is a note a narrow panel can go without.
    heading.split(" (").next().unwrap_or(heading)
}

/// The tornado's heading, by what its bars measure (the batch's table and Markdown, the
/// session's panel).
pub fn sensitivity_heading(of: SensitivityOf) -> &'static str {
    match of {
        SensitivityOf::PFeasible => "Sensitivity: P(feasible) at each input's P10 / P90",
        SensitivityOf::RealisticTarget => {
            "Sensitivity: the realistic target at each input's P10 / P90 (P(feasible) is 0 \
             or 100% at every pin)"
        }
    }
}

/// What the tornado's bars cannot show on their own: an input whose pins at P10 and at P90
/// both read below today's P(feasible) (or both above) is one whose tails decide the plan.
/// Pinned, every sample takes that percentile, so a bigger market at P90 can read as "worse
/// than today" when the plan is feasible mostly beyond P90. Only a pin that reads apart from
/// today's figure, as both are shown at `confidence`, counts (77.6% beside 77.6% is no
/// finding). `None` when no input does so, or when the bars measure the realistic target.
pub fn tornado_tails(
    bars: &[Sensitivity],
    of: SensitivityOf,
    p_now: f64,
    confidence: f64,
) -> Option<String> {
    if of != SensitivityOf::PFeasible {
        return None;
    }
    let now = pinned(p_now, confidence);
    let reads_apart = |p: f64| pinned(p, confidence) != now;
    let keys = |side: &dyn Fn(f64) -> bool| -> Vec<&str> {
        let apart = |p: f64| side(p) && reads_apart(p);
        let both = bars.iter().filter(|s| apart(s.p_low) && apart(s.p_high));
        both.map(|s| s.input.as_str()).collect()
    };
    let below = keys(&|p| p < p_now);
    let above = keys(&|p| p > p_now);
    let said = |keys: &[&str], one: &str, many: &str, why: &str| {
        let (verb, whose) = if keys.len() == 1 {
            (one, "it lies")
        } else {
            (many, "one lies")
        };
        format!(
            "{} {verb} P(feasible) pinned at either end: some samples {why} {whose} beyond its \
             P10 or P90, and a pin takes that away.",
            and_list(keys)
        )
    };
    let mut sentences = Vec::new();
    if !below.is_empty() {
        sentences.push(said(&below, "lowers", "lower", "are feasible only because"));
    }
    if !above.is_empty() {
        sentences.push(said(&above, "raises", "raise", "fall short only because"));
    }
    (!sentences.is_empty()).then(|| sentences.join(" "))
}

pub use crate::text::and_list;

/// The levers' heading.
pub const LEVERS_HEADING: &str = "What would make it realistic";

/// The levers' heading for a plan already realistic, whose levers say how far each could go
/// the other way: "0 reps" is room to spare, not advice to let the team go.
pub const LEVERS_HEADING_REALISTIC: &str = "Already realistic: how far each lever alone could go";

/// The levers' heading for a plan whose verdict is `verdict`, in every output (the table, the
/// Markdown, the report, the session).
pub fn levers_heading(verdict: Verdict) -> &'static str {
    if verdict == Verdict::Realistic {
        LEVERS_HEADING_REALISTIC
    } else {
        LEVERS_HEADING
    }
}

/// The header of the levers' value column for a verdict: what the value does ("makes it
/// realistic"), or, for a plan already realistic, how far it could go ("still realistic as
/// far as": "0 reps" is room to spare, not advice to let the team go). The terminal table
/// read "value" where the board report read "makes it realistic".
pub fn levers_column(verdict: Verdict) -> &'static str {
    if verdict == Verdict::Realistic {
        "still realistic as far as"
    } else {
        "makes it realistic"
    }
}

/// The time path's heading.
pub const TIME_PATH_HEADING: &str = "Time path (cumulative revenue)";

/// The frontier's heading.
pub const FRONTIER_HEADING: &str =
    "Frontier (the same target over other horizons, on the same samples)";

/// A colour as every output that colours names it: one of the bright half of a terminal's
/// sixteen colours. Each renderer converts it to its own type (comfy-table calls these
/// `Green`…, ratatui `LightGreen`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hue {
    Green,
    Yellow,
    Magenta,
    Red,
}

/// The colour of a verdict, by its tone: green is realistic, red is not going to happen.
pub fn verdict_hue(verdict: Verdict) -> Hue {
    match verdict.tone() {
        Tone::Good => Hue::Green,
        Tone::Fair => Hue::Yellow,
        Tone::Poor => Hue::Magenta,
        Tone::Bad => Hue::Red,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_tornado_headings_words_through_its_bars_ends_stop_at_the_ends() {
        for of in [SensitivityOf::PFeasible, SensitivityOf::RealisticTarget] {
            let through_ends = sensitivity_heading_through_ends(of);
            assert!(
                through_ends.ends_with("each input's P10 / P90"),
                "{through_ends}"
            );
        }
    }

    #[test]
    fn a_column_of_captures_reads_in_one_notation() {
        // Decimals above powers of ten in the frontier of a $0.3 target.
        assert_eq!(
            capture_column([9.95e-8, 1.6e-8, 2.12e-9]),
            ["9.95e-6%", "1.6e-6%", "2.12e-7%"]
        );
        assert_eq!(capture_column([0.442, 1.22e-14]), ["4.42e1%", "1.22e-12%"]);
        // An ordinary column as each cell reads alone, 0 and ∞ too.
        assert_eq!(
            capture_column([0.302, 0.0001, 0.0, f64::INFINITY]),
            ["30.2%", "0.01%", "0%", "∞"]
        );
        assert_eq!(capture_column([1e-9, 0.0]), ["1e-7%", "0%"]);
    }
    use crate::scenario::number::round_significant;

    /// A tornado bar of `input` pinned to `p_low` and `p_high`.
    fn bar(input: &str, p_low: f64, p_high: f64) -> Sensitivity {
        Sensitivity::of_p_feasible(input.to_string(), p_low, p_high)
    }

    #[test]
    fn a_realistic_target_a_rounding_short_of_a_figure_reads_as_that_figure() {
        // What 30% of 100M books over three years: 90M less a rounding, which makes 90M.
        assert_eq!(
            PlanMoney::shown("USD").realistic(89_999_999.999_999_99),
            "$90M"
        );
        // Anything further short still rounds down, so that typed back it is made.
        assert_eq!(PlanMoney::shown("USD").realistic(89_999_999.9), "$89.9M");
        assert_eq!(PlanMoney::shown("USD").realistic(20_281_427.0), "$20.2M");
    }

    #[test]
    fn a_capture_reads_on_its_own_side_of_the_whole_market() {
        // 100.04% read "100%" beside a verdict of impossible (more than the whole market).
        assert_eq!(capture(1.0004), "100.04%");
        assert_eq!(capture(0.99996), "99.996%");
        assert_eq!(capture(1.0), "100%");
        // A rounding above the whole market is the whole market: 70% of 2.9M over two years
        // against 4.06M, which reads realistic.
        assert_eq!(capture(1.0000000000000002), "100%");
        assert_eq!(capture(0.30412), "30.4%");
        assert_eq!(capture(2.5), "250%");
        assert_eq!(capture(f64::INFINITY), percent(f64::INFINITY));
        let spread = Summary {
            p10: 0.99996,
            p50: 1.0,
            p90: 1.0004,
            mean: 1.0,
        };
        assert_eq!(capture_spread(&spread), " (P10–P90 99.996%–100.04%)");
        // Grouped alike: `7730%–13,200%` read as two notations.
        let spread = Summary {
            p10: 77.3,
            p50: 101.0,
            p90: 132.0,
            mean: 101.0,
        };
        assert_eq!(capture_spread(&spread), " (P10–P90 7,730%–13,200%)");
        assert_eq!(
            capture_column([300.6, 49.9, 0.9]),
            ["30,100%", "4,990%", "90%"]
        );
    }

    #[test]
    fn the_tornado_names_inputs_whose_pins_both_read_on_one_side_of_today() {
        let p = SensitivityOf::PFeasible;
        // A bigger market at P90 reading below today's 0.172%: the plan needs it beyond P90.
        let bars = [
            bar("market.size", 0.0, 0.0014),
            bar("share.current", 0.0005, 0.003),
        ];
        assert_eq!(
            tornado_tails(&bars, p, 0.00172, 0.8).as_deref(),
            Some(
                "market.size lowers P(feasible) pinned at either end: some samples are feasible \
                 only because it lies beyond its P10 or P90, and a pin takes that away."
            )
        );
        let bars = [
            bar("capacity.attainment", 0.0311, 0.0311),
            bar("capacity.quota_per_rep", 0.031, 0.0312),
            bar("market.size", 0.005, 0.066),
        ];
        assert_eq!(
            tornado_tails(&bars, p, 0.0299, 0.8).as_deref(),
            Some(
                "capacity.attainment and capacity.quota_per_rep raise P(feasible) pinned at \
                 either end: some samples fall short only because one lies beyond its P10 or \
                 P90, and a pin takes that away."
            )
        );
        // Pins on either side of today, or reading as today does (77.6% beside 77.6%), or a
        // tornado of the realistic target: nothing to say.
        assert_eq!(tornado_tails(&bars[2..], p, 0.0299, 0.8), None);
        let same = [bar("capacity.attainment", 0.77603, 0.77606)];
        assert_eq!(tornado_tails(&same, p, 0.77600, 0.8), None);
        let target = SensitivityOf::RealisticTarget;
        assert_eq!(tornado_tails(&bars, target, 0.0299, 0.8), None);
    }

    #[test]
    fn a_confidence_reads_as_written() {
        for (c, shown) in [
            (0.8, "80%"),
            (0.95, "95%"),
            (0.8005, "80.05%"),
            (0.5385, "53.85%"),
            (0.5, "50%"),
            (0.99, "99%"),
            (0.8000001, "80.00001%"),
        ] {
            assert_eq!(confidence(c), shown);
        }
    }

    #[test]
    fn a_target_above_the_realistic_one_never_reads_the_same() {
        let pair = |t, r| target_and_realistic(t, r, "USD");
        // One dollar apart, a stretch: both take digits until they differ.
        assert_eq!(pair(461_230.6, 461_229.6), ["$461.23k", "$461.22k"]);
        assert_eq!(pair(461_400.0, 461_000.0), ["$461.4k", "$461k"]);
        // A target a dollar past a round figure reads as typed, not as the round one ($461k).
        assert_eq!(pair(461_001.0, 460_999.7), ["$461.001k", "$460.999k"]);
        // Apart at the digits shown, or the target at or below the realistic one: as always.
        assert_eq!(pair(3e6, 2.47e6), ["$3M", "$2.47M"]);
        assert_eq!(pair(461_000.0, 461_230.0), ["$461k", "$461k"]);
        assert_eq!(pair(461_230.0, 461_230.0), ["$461.2k", "$461.2k"]);
        // A target below the realistic one never reads above it ($3M beside $2.99M).
        assert_eq!(pair(2_996_000.0, 2_999_000.0), ["$2.996M", "$2.999M"]);
        // A target a rounding above the realistic one (10⁻¹³ of it) is made by it: both read
        // alike, and typed back it is realistic.
        assert_eq!(pair(1e6 + 1e-7, 1e6), ["$1M", "$1M"]);
        // Any two targets further apart, however close, read apart, and the realistic one
        // shown is never above the realistic target (typed back, it is realistic).
        for (t, r) in [
            (1e6 + 1e-5, 1e6),
            (20_281_428.0, 20_281_427.7),
            (0.5, 0.499_999),
        ] {
            let [shown_t, shown_r] = pair(t, r);
            assert_ne!(shown_t, shown_r);
            let digits = shown_r.trim_start_matches('$');
            let back = crate::scenario::number::parse_number(digits).unwrap();
            assert!(back <= r, "{shown_r} for {r}");
        }
    }

    #[test]
    fn a_target_written_with_four_digits_reads_with_them() {
        let pair = |t, r| target_and_realistic(t, r, "USD");
        // Not $21.4M, which is another target, nor $100M beside "needs 100.1%".
        assert_eq!(pair(21_350_000.0, 20e6), ["$21.35M", "$20M"]);
        assert_eq!(pair(100.1e6, 120e6), ["$100.1M", "$120M"]);
        assert_eq!(pair(6.5e6, 5.234e6), ["$6.5M", "$5.23M"]);
        // Beyond four digits, four, as the live session's inputs list shows the target: a
        // target of 12,189,999 read $12.2M beside the list's 12.19M (and 12,180,000.0001
        // $12.2M, where 12.18M read $12.18M).
        assert_eq!(pair(1_234_560.0, 1e6), ["$1.235M", "$1M"]);
        assert_eq!(pair(12_189_999.0, 6.97e6), ["$12.19M", "$6.97M"]);
        assert_eq!(pair(12_180_000.000_1, 6.97e6), ["$12.18M", "$6.97M"]);
        // A target typed as the realistic one to the last digit is made by it: at four digits
        // it would round up past it, and a dozen digits read them in order; three do.
        let own = 11_539_589.677_562_26;
        assert_eq!(pair(own, own), ["$11.5M", "$11.5M"]);
        // A digit more where that reads them in order: not $12.3M, which is another target.
        assert_eq!(pair(12_345_000.0, 12_345_600.0), ["$12.345M", "$12.345M"]);
        // Seven, a dollar above its realistic target: $20.3M (three digits, in order beside
        // $20.2M) is another target, with another P(feasible).
        assert_eq!(
            pair(20_281_428.0, 20_281_427.7),
            ["$20.28143M", "$20.28142M"]
        );
        // Nine would be too many: the digits shown, which read them in order.
        assert_eq!(pair(20_281_423.4, 20_281_423.2), ["$20.3M", "$20.2M"]);
        for target in [1_234_500.0, 12_189_999.0, 3_141_592.65] {
            let listed =
                crate::scenario::number::format_significant(target, Unit::Amount, LISTED_DIGITS);
            assert_eq!(pair(target, 1e6)[0], format!("${listed}"));
        }
        // A target written with four digits just below the realistic one keeps them.
        assert_eq!(pair(11.54e6, 11_540_000.2), ["$11.54M", "$11.54M"]);
        assert_eq!(
            PlanMoney::of(21_350_000.0, 20e6, "USD").money(21_350_000.0),
            "$21.35M"
        );
    }

    #[test]
    fn a_target_four_digits_would_write_as_a_round_one_reads_as_typed() {
        let target = |t| PlanMoney::of(t, 2.79e6, "USD").money(t);
        assert_eq!(
            [target(100.04e6), target(100.004e6), target(999.96e3)],
            ["$100.04M", "$100.004M", "$999.96k"]
        );
    }

    #[test]
    fn reps_and_paces_group_from_four_digits_as_every_count_does() {
        assert_eq!(
            [required_reps(Some(1157.0)), pace(14.5), head_count(10_000)],
            ["1,157 reps", "1,450 pts/yr", "10,000"]
        );
    }

    #[test]
    fn amounts_past_a_thousand_trillion_read_in_trillions_beside_those_below() {
        let axis = [8.78e14, 1.0404e15, -2.5e15, 9.99e17].map(|x| money(x, "USD"));
        assert_eq!(axis, ["$878T", "$1,040T", "-$2,500T", "$999,000T"]);
        // Past any plan, in powers of ten: not 300 digits and a T.
        assert_eq!([1e18, 1e300].map(|x| money(x, "USD")), ["$1e18", "$1e300"]);
    }

    #[test]
    fn an_amount_in_trillions_reads_back_as_itself() {
        let plan = PlanMoney::of(5.0004e15, 4.1e15, "VND");
        assert_eq!(plan.money(5.0004e15), "5,000.4T VND");
        assert_eq!(read_back(&plan.money(5.0004e15), "VND"), Some(5.0004e15));
    }

    #[test]
    fn a_share_gain_shift_reads_with_its_sign_and_unit() {
        assert_eq!(pace_shift("0"), "+0 pts/yr");
        assert_eq!(pace_shift("12.32"), "+12.32 pts/yr");
        assert_eq!(pace_shift("-0.00629"), "-0.00629 pts/yr");
    }

    #[test]
    fn a_plan_short_of_the_share_gain_it_needs_never_reads_as_having_it() {
        assert_eq!(
            needed_and_planned_pace(0.037_489, 0.037_481),
            ["3.749 pts/yr", "3.748 pts/yr"]
        );
        // Apart already, or the plan ahead of the need, or no need: as always.
        assert_eq!(
            needed_and_planned_pace(0.0273, 0.0375),
            ["2.73 pts/yr", "3.75 pts/yr"]
        );
        assert_eq!(
            needed_and_planned_pace(0.037_48, 0.037_49),
            ["3.75 pts/yr", "3.75 pts/yr"]
        );
        // A plan that has what it needs never reads as short of it (the tester's 04 at a
        // target of 13.89M: needs 3.74054, plans 3.74085 read "needs 3.75, plans 3.74").
        assert_eq!(
            needed_and_planned_pace(0.037_405_4, 0.037_408_5),
            ["3.741 pts/yr", "3.741 pts/yr"]
        );
        assert_eq!(
            needed_and_planned_pace(-0.01, 0.0375),
            ["already covered by today's share", "3.75 pts/yr"]
        );
        assert_eq!(
            needed_and_planned_pace(-0.0344, -0.03),
            ["already covered by today's share", "-3 pts/yr"]
        );
        // Losing exactly as much as the target allows is covered.
        assert_eq!(
            needed_and_planned_pace(-0.0344, -0.0344)[0],
            "already covered by today's share"
        );
        // Losing share faster than the target allows is no covered need (the tester's 03 with
        // its share falling 2–6 pts/yr: covered, beside a market binding in every sample).
        assert_eq!(
            needed_and_planned_pace(-0.034_41, -0.04),
            ["-3.44 pts/yr", "-4 pts/yr"]
        );
        assert_eq!(
            needed_and_planned_pace(-0.034_41, -0.034_42),
            ["-3.441 pts/yr", "-3.442 pts/yr"]
        );
    }

    #[test]
    fn a_plan_on_the_safe_side_of_its_bound_never_reads_beyond_it() {
        let pair = |t, r| target_and_realistic(t, r, "USD");
        // $1,879,000 rounds up to $1.88M and the realistic $1,879,900 down to $1.87M at three
        // digits: a realistic target that would read as a stretch.
        assert_eq!(pair(1_879_000.0, 1_879_900.0), ["$1.879M", "$1.879M"]);
        assert_eq!(pair(1_879_000.0, 1_879_000.4), ["$1.879M", "$1.879M"]);
        // Equal: at the target's digits, four as the inputs list shows it.
        assert_eq!(pair(461_239.0, 461_239.0), ["$461.2k", "$461.2k"]);
        // A pace planned above the need (3.7449 nearest is 3.74; the need 3.7401 up is 3.75).
        assert_eq!(
            needed_and_planned_pace(0.037_401, 0.037_449),
            ["3.741 pts/yr", "3.745 pts/yr"]
        );
    }

    #[test]
    fn the_order_kept_is_the_order_written() {
        // What is compared is what is written: $17.95M is written 17.9M (17.95 has no exact
        // double, and the figure is written from the amount in millions), not the 18M a tie
        // rounded to even would be; beside a realistic $17.93M that read "$17.9M" twice.
        let pair = |t, r| target_and_realistic(t, r, "USD");
        assert_eq!(pair(17_950_000.0, 17_930_000.0), ["$17.95M", "$17.93M"]);
        // And $41.45M is written 41.5M: beside a realistic $41,450,400 it read as a stretch.
        assert_eq!(pair(41_450_000.0, 41_450_400.0), ["$41.45M", "$41.45M"]);
        // A trillion reads in T, not in thousands of billions (¥1201B, before T), at the four
        // digits a target three do not write takes.
        assert_eq!(
            target_and_realistic(1_201_200_000_000.0, 1_201_231_446_248.0, "JPY"),
            ["¥1.201T", "¥1.201T"]
        );
        // At the bound, a plan reads at it, not beyond it ($6.59k beside $6.58k).
        assert_eq!(
            pair(6_585.831_332_128_692, 6_585.831_332_128_692),
            ["$6.5858k", "$6.5858k"]
        );
        assert_eq!(
            needed_and_planned_pace(0.008_904_8, 0.008_904_8),
            ["0.8905 pts/yr", "0.8905 pts/yr"]
        );
    }

    #[test]
    fn a_plan_read_back_keeps_its_order_with_its_bound() {
        // Pairs from a fixed generator: round and ragged figures, near and far apart, equal.
        // Typed back, the realistic target shown is realistic and reads on the target's true
        // side; the pace needed shown is at least the need and reads on the plan's true side.
        // Figures a few doubles apart are left out: there, dividing by a million or
        // multiplying by a hundred moves the figure written.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut pair = |from: f64, to: f64| {
            let a = 10f64.powf(from + (to - from) * next());
            let a = round_significant(a, 2 + (next() * 5.0) as usize);
            let b = match (next() * 3.0) as u32 {
                0 => round_significant(a * (1.0 + (next() - 0.5) * 1e-3), 4),
                1 => a * (1.0 + (next() - 0.5) * 10f64.powf(-12.0 * next())),
                _ => a,
            };
            let (a, b) = if next() < 0.5 { (a, b) } else { (b, a) };
            let near = a != b && (a - b).abs() < a.abs() * 1e-14;
            (!near).then_some((a, b))
        };
        let parse = |text: &str| crate::scenario::number::parse_number(text).unwrap();
        for _ in 0..20_000 {
            if let Some((t, r)) = pair(2.0, 13.0) {
                let [shown_t, shown_r] = target_and_realistic(t, r, "");
                let (back_t, back_r) = (parse(&shown_t), parse(&shown_r));
                let makes = crate::model::outcome::makes;
                assert!(makes(r, back_r), "{t} {r}: {shown_r}");
                assert_eq!(
                    makes(r, t),
                    back_t <= back_r,
                    "{t} {r}: {shown_t} {shown_r}"
                );
            }
            if let Some((needed, planned)) = pair(-5.0, 0.0) {
                let [shown_n, shown_p] = needed_and_planned_pace(needed, planned);
                let back = |text: &str| parse(&text.replace(" pts/yr", "%"));
                let (back_n, back_p) = (back(&shown_n), back(&shown_p));
                assert!(back_n >= needed, "{needed} {planned}: {shown_n}");
                assert_eq!(planned < needed, back_p < back_n, "{needed} {planned}");
            }
        }
    }

    #[test]
    fn p_feasible_never_reads_as_a_better_verdict_than_it_has() {
        assert_eq!(p_beside_verdict(0.799_96, 0.8), "79.9%");
        assert_eq!(p_beside_verdict(0.8, 0.8), "80%");
        assert_eq!(p_beside_verdict(0.499_96, 0.8), "49.9%");
        assert_eq!(p_beside_verdict(0.199_96, 0.8), "19.9%");
        assert_eq!(
            p_beside_verdict(0.544_7, 0.8),
            "54.5%",
            "elsewhere the nearest"
        );
        assert_eq!(p_beside_verdict(0.899_96, 0.9), "89.9%");
        assert_eq!(p_beside_verdict(0.0001, 0.8), "< 0.1%");
        // 79,950 of 100,000: p × 100 is 79.95000000000000284, written "80" at three digits.
        assert_eq!(p_beside_verdict(0.7995, 0.8), "79.9%");
        assert_eq!(p_beside_verdict(0.4995, 0.8), "49.9%");
        assert_eq!(p_beside_verdict(0.8995, 0.9), "89.9%");
    }

    #[test]
    fn a_requirement_is_shown_rounded_up_beside_what_the_plan_has() {
        assert_eq!(required_reps(Some(3.004)), "3.01 reps");
        assert_eq!(required_reps(Some(3.0)), "3 reps");
        assert_eq!(pace_needed_text(0.071_04), "7.11 pts/yr");
        assert_eq!(pace(0.071_04), "7.1 pts/yr", "what the plan has: nearest");
    }

    #[test]
    fn large_figures_group_their_thousands_for_people() {
        // At three digits, as a percentage: every digit read 2,016,814.
        assert_eq!(pace(20_168.14), "2,020,000 pts/yr");
        // At three digits, as every percentage (`2770%`, not `2766%`).
        assert_eq!(percent(7_132_256.28), "713,000,000%");
        assert_eq!(points(-125.005, 6), "-12,500.5 pts");
        assert_eq!(reps(2016.0), "2,016 reps");
        assert_eq!(money(999e12, "USD"), "$999T");
        assert_eq!(percent(0.0548), "5.48%");
        assert_eq!(format_for_people(1e300, Unit::Plain, 3), "1e300");
    }

    #[test]
    fn ticks_read_at_the_digits_they_have() {
        assert_eq!(tick_money(1.025e6, "USD"), "$1.025M");
        assert_eq!(tick_money(1.05e6, "USD"), "$1.05M");
        assert_eq!(tick_money(0.0, "USD"), "$0");
        assert_eq!(tick_amount(10.75e6), "10.75M");
        // Summed step by step: 0.1 + 0.2 is not 0.3, and still reads 300k.
        assert_eq!(tick_amount((0.1 + 0.2) * 1e6), "300k");
    }

    #[test]
    fn a_change_is_of_what_the_two_figures_say() {
        // $419,003 → $537,858 read "$419k → $537k (+$119k)"; 29.14% → 58.66% "(+29.5 pts)".
        let money_of = |x: f64, currency: &str| PlanMoney::shown(currency).achievable(x);
        for (currency, change) in [("$", "+$118k"), ("kr", "+118k kr"), ("chf", "+118k CHF")] {
            let (b, n) = as_shown(
                (419_003.0, &money_of(419_003.0, currency)),
                (537_858.0, &money_of(537_858.0, currency)),
                currency,
            );
            assert_eq!(signed(n - b, |d| money(d, currency)), change, "{currency}");
        }
        let p = |x| p_beside_verdict(x, 0.8);
        let (b, n) = as_shown((0.2914, &p(0.2914)), (0.5866, &p(0.5866)), "$");
        assert_eq!(probability_change(n - b), "+29.6 pts");
        // Points, a sign and thousands read back as written; a currency named "pts" is a code.
        assert_eq!(read_back("12.7 pts/yr", "$"), Some(0.127));
        assert_eq!(read_back("12.7 pts/yr", "pts"), Some(0.127));
        assert_eq!(read_back("5k PTS", "pts"), Some(5000.0));
        assert_eq!(read_back("-€5k", "EUR"), Some(-5000.0));
        assert_eq!(read_back("12,000", ""), Some(12_000.0));
        assert_eq!(read_back("6.04 reps", "$"), Some(6.04));
        assert_eq!(read_back("$∞", "$"), None);
        assert_eq!(read_back("5.93M kr at 80%", "kr"), Some(5.93e6));
        // A bound or words are no figure to subtract: the change is of the figures themselves.
        for words in [
            "< 0.1%",
            "> 99.9%",
            "already covered by today's share",
            "none",
            "5k kr",
        ] {
            assert_eq!(read_back(words, "$"), None, "{words}");
        }
        assert_eq!(
            as_shown((0.0004, "< 0.1%"), (0.3, "30%"), "$"),
            (0.0004, 0.3)
        );
    }

    #[test]
    fn two_figures_that_read_alike_as_a_bound_read_no_change() {
        let (b, n) = as_shown((0.999_54, "> 99.9%"), (0.999_0, "> 99.9%"), "$");
        assert_eq!(probability_change(n - b), "no change");
    }

    #[test]
    fn figures_read_as_people_write_them() {
        assert_eq!(amount(3e6), "3M");
        assert_eq!(money(418_961.8, "USD"), "$419k");
        assert_eq!(money(3e6, "EUR"), "€3M");
        // A code written in small letters reads as the code (`1.5M usd` read as a typo).
        assert_eq!(money(1.5e6, "usd"), "$1.5M");
        assert_eq!(money(1.2e6, " chf "), "1.2M CHF");
        assert_eq!(money(1.2e6, "points"), "1.2M points");
        assert_eq!(money(1.2e6, "CHF"), "1.2M CHF");
        assert_eq!(money(-5e3, "GBP"), "-£5k");
        // The sign itself reads as its code does (it read `3M €`, and `EUR` `€3M`).
        assert_eq!(money(3e6, "€"), "€3M");
        assert_eq!(money(3e6, " ¥"), "¥3M");
        assert_eq!(money(-5e3, "£"), "-£5k");
        assert_eq!(money(3e6, "$"), "$3M");
        // Each sign a typed amount is refused with reads before the figure as its code does.
        assert_eq!(money(3e6, "₹"), "₹3M");
        assert_eq!(money(3e6, "INR"), "₹3M");
        assert_eq!(percent(0.30353), "30.4%");
        assert_eq!(pace(2.1717), "217 pts/yr");
        assert_eq!(pace(0.0548), "5.48 pts/yr");
        assert_eq!(number(f64::INFINITY), "∞");
        assert_eq!(reps(4.5), "4.5 reps");
        assert_eq!(thousands(100_000), "100,000");
        // A head count groups as the reps needed beside it do (`1,500` sat by `2820 reps`).
        assert_eq!(head_count(1500), "1,500");
        assert_eq!(head_count(12_000), "12,000");
        assert_eq!(reps(2820.0), "2,820 reps");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn full_precision_numbers_use_powers_of_ten_only_at_the_extremes() {
        assert_eq!(exact(1e308), "1e308");
        assert_eq!(exact(5.689477326635349e-302), "5.689477326635349e-302");
        assert_eq!(exact(-4.848732648265318e300), "-4.848732648265318e300");
        assert_eq!(exact(1e21), "1e21");
        assert_eq!(exact(9.99e20), "999000000000000000000");
        assert_eq!(exact(3e6), "3000000");
        assert_eq!(exact(0.30184370634288954), "0.30184370634288954");
        assert_eq!(exact(-0.03477850285322103), "-0.03477850285322103");
        assert_eq!(exact(1e-7), "0.0000001");
        assert_eq!(exact(1e-8), "0.00000001");
        assert_eq!(exact(9.9e-9), "9.9e-9");
        assert_eq!(exact(0.0), "0");
        assert_eq!(exact(-0.0), "0", "a -0 (a clamped -0%) read -0 in --draws");
        assert_eq!(
            exact(f64::INFINITY),
            "inf",
            "as --draws writes it; `∞` read as text"
        );
        assert_eq!(exact(f64::INFINITY).parse::<f64>(), Ok(f64::INFINITY));
        assert_eq!(RoundTrip(f64::NEG_INFINITY).to_string(), "-inf");
    }

    #[test]
    fn csv_writes_the_digits_json_writes() {
        // 111509/131072 lies halfway between two shortest texts: CSV read …563, JSON …562.
        let p = 111_509.0 / 131_072.0;
        assert_eq!(exact(p), "0.8507461547851562");
        assert_eq!(exact(p), serde_json::to_string(&p).unwrap());
        // Over many doubles of every magnitude: the same number, and JSON's digits.
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let x = f64::from_bits(state);
            if !x.is_finite() {
                continue;
            }
            let written = exact(x);
            assert_eq!(written.parse::<f64>(), Ok(x), "{x:e}: {written}");
            let json = serde_json::to_string(&x).unwrap();
            let digits = |t: &str| -> String {
                let mantissa = t.split(['e', 'E']).next().unwrap_or(t);
                let d: String = mantissa.chars().filter(char::is_ascii_digit).collect();
                d.trim_matches('0').to_string()
            };
            assert_eq!(
                digits(&written),
                digits(&json),
                "{x:e}: {written} vs {json}"
            );
        }
    }

    #[test]
    fn a_pinned_probability_at_the_extremes_reads_its_digits() {
        // 261 of 10,000,000 samples feasible: every bar's ends read "< 0.1%".
        assert_eq!(pinned(0.0000261, 0.8), "0.00261%");
        assert_eq!(pinned(0.0000372, 0.8), "0.00372%");
        assert_eq!(pinned(0.99914, 0.8), "99.914%");
        assert_eq!(pinned(0.99974, 0.8), "99.974%");
        assert_eq!(pinned(0.9999999, 0.8), "99.99999%");
        assert_eq!(pinned(0.99999996, 0.8), "99.999996%");
        // Beyond where `figure` writes powers of ten: it read "99%".
        assert_eq!(pinned(1.0 - 1e-9, 0.8), "99.9999999%");
        assert_eq!(pinned(0.0, 0.8), "0%");
        assert_eq!(pinned(1.0, 0.8), "100%");
        // Elsewhere as beside the verdict: never rounded up onto a threshold.
        assert_eq!(pinned(0.79996, 0.8), p_beside_verdict(0.79996, 0.8));
        assert_eq!(pinned(0.31234, 0.8), "31.2%");
    }

    #[test]
    fn a_bars_two_pins_read_apart_where_they_differ() {
        // 07's quota: 77.614% and 77.622% both read "77.6%", beside a swing of "0 pts", in a
        // tornado ranked by that swing.
        assert_eq!(pinned_pair(0.77614, 0.77622, 0.8), ["77.61%", "77.62%"]);
        assert_eq!(
            pinned_pair(0.776141, 0.776142, 0.8),
            ["77.6141%", "77.6142%"]
        );
        // Apart already, or the same: as each reads alone.
        assert_eq!(pinned_pair(0.31234, 0.41, 0.8), ["31.2%", "41%"]);
        assert_eq!(pinned_pair(0.77614, 0.77614, 0.8), ["77.6%", "77.6%"]);
        assert_eq!(
            pinned_pair(0.000_026_1, 0.000_026_12, 0.8),
            ["0.00261%", "0.002612%"]
        );
        // Never rounded up onto a threshold it is below, nor onto 100%.
        let [low, high] = pinned_pair(0.799_999_4, 0.799_999_6, 0.8);
        assert!(
            low.starts_with("79.9999") && high.starts_with("79.9999"),
            "{low} {high}"
        );
        assert_ne!(low, high);
        let [low, high] = pinned_pair(0.999_999_991, 0.999_999_992, 0.8);
        assert_eq!(
            [low.as_str(), high.as_str()],
            ["99.9999991%", "99.9999992%"]
        );
    }

    #[test]
    fn shares_of_all_the_samples_read_as_adding_up() {
        // 02 with its share's range widened: the market binds in 98.755%, the team in 1.245%;
        // each at three digits read 98.8% and 1.25%, 100.05% in all.
        assert_eq!(
            shares_of_all(0.987548828125, 0.012451171875),
            ["98.75%", "1.25%"]
        );
        assert_eq!(shares_of_all(0.186, 0.814), ["18.6%", "81.4%"]);
        assert_eq!(shares_of_all(0.5, 0.5), ["50%", "50%"]);
        assert_eq!(shares_of_all(2.0 / 3.0, 1.0 / 3.0), ["66.7%", "33.3%"]);
        assert_eq!(shares_of_all(0.9, 0.1), ["90%", "10%"]);
        assert_eq!(shares_of_all(0.004567, 0.995433), ["0.457%", "99.543%"]);
        // At the extremes and at the ends, as each reads alone.
        assert_eq!(shares_of_all(1.0, 0.0), ["100%", "0%"]);
        assert_eq!(shares_of_all(0.99996, 0.00004), ["> 99.9%", "< 0.1%"]);
    }

    #[test]
    fn probabilities_never_round_to_a_certainty() {
        assert_eq!(probability(0.0), "0%");
        assert_eq!(probability(1.0), "100%");
        assert_eq!(probability(0.00004), "< 0.1%");
        assert_eq!(probability(0.99983), "> 99.9%");
        assert_eq!(probability(0.001), "0.1%");
        assert_eq!(probability(0.31249), "31.2%");
        assert_eq!(probability(0.98765), "98.8%");
    }

    #[test]
    fn uncertainty_is_a_count_where_a_standard_error_would_say_nothing() {
        assert_eq!(uncertainty(0.0, 0.0, 100_000), "0 of 100,000 samples");
        assert_eq!(
            uncertainty(0.00002, 1.4e-5, 100_000),
            "2 of 100,000 samples"
        );
        assert_eq!(uncertainty(1.0, 0.0, 2_000), "2,000 of 2,000 samples");
        assert_eq!(uncertainty(0.0, 0.0, 1), "0 of 1 sample");
        assert_eq!(uncertainty(0.3, 0.00145, 100_000), "± 0.1 pts");
        assert_eq!(uncertainty(0.5, 0.0035, 20_000), "± 0.4 pts");
        assert_eq!(points(0.5637, 3), "56.4 pts");
        assert_eq!(points(0.01, 3), "1 pt");
        assert_eq!(points(0.000_4, 3), "0.04 pts");
    }

    #[test]
    fn a_change_to_or_from_a_covered_requirement_never_shows_the_hidden_figure() {
        let change = |b: f64, n: f64| requirement_change((b, b <= 0.0), (n, n <= 0.0), pace);
        assert_eq!(change(2.18, -0.11), "now covered");
        assert_eq!(change(-0.11, 0.05), "no longer covered");
        assert_eq!(change(0.0, 0.05), "no longer covered");
        assert_eq!(change(-0.11, -0.3), "no change");
        assert_eq!(change(-0.11, 0.0), "no change");
        assert_eq!(change(0.05, 0.0548), "+0.48 pts/yr");
        assert_eq!(change(0.0548, 0.05), "-0.48 pts/yr");
        // A need below zero that a plan losing more share does not keep to is a figure.
        let uncovered = requirement_change((-0.0344, false), (-0.02, false), pace);
        assert_eq!(uncovered, "+1.44 pts/yr");
        let now_covered = requirement_change((-0.0344, false), (-0.02, true), pace);
        assert_eq!(now_covered, "now covered");
    }

    #[test]
    fn a_change_of_a_probability_reads_100_points_only_for_the_whole_way() {
        assert_eq!(probability_change(0.99995), "+99.99 pts");
        assert_eq!(probability_change(-0.99995), "-99.99 pts");
        assert_eq!(probability_change(0.999_999_9), "+99.99 pts");
        assert_eq!(probability_change(0.99956), "+99.95 pts");
        assert_eq!(probability_change(1.0), "+100 pts");
        assert_eq!(probability_change(-1.0), "-100 pts");
        assert_eq!(probability_change(0.9994), "+99.9 pts");
        assert_eq!(probability_change(0.0513), "+5.13 pts");
        assert_eq!(probability_change(0.01), "+1 pt");
        assert_eq!(probability_change(0.0), "no change");
    }

    #[test]
    fn requirements_at_or_below_zero_are_never_shown_as_numbers() {
        assert_eq!(pace_needed_text(-0.119), "already covered by today's share");
        assert_eq!(required_reps(Some(-3.0)), "none");
        assert_eq!(required_reps(Some(0.0)), "none");
        assert_eq!(required_reps(Some(13.2)), "13.2 reps");
        // Past three digits, the next whole rep: not 3070, nine more than needed.
        assert_eq!(required_reps(Some(3060.25)), "3,061 reps");
        assert_eq!(required_reps(Some(999.2)), "1,000 reps");
        assert_eq!(required_reps(Some(1_299_999.5)), "1,300,000 reps");
        assert_eq!(required_reps(Some(10.55)), "10.6 reps");
        assert_eq!(required_reps(Some(1.714_552_130_98e15)), "1.72e15 reps");
        assert_eq!(required_reps(None), "no team in the plan");
    }

    #[test]
    fn an_unbounded_quantile_on_the_time_path_reads_unbounded_not_on_the_line() {
        // A market of 1e300 growing 100-fold a year overflows: the P50 by day 3456 read
        // "$9.47M", the required line's figure, where JSON had null and the headline `$∞`.
        let plan = PlanMoney::of(10e6, f64::INFINITY, "$");
        assert_eq!(plan.achievable_by(f64::INFINITY, 9.47e6, 10e6), "$∞");
        // A quantile on its line to a rounding still reads the line's figure.
        let on_line = 82.3e6 * (1.0 - 1e-13);
        assert_eq!(plan.achievable_by(on_line, 82.3e6, 100e6), "$82.3M");
    }

    #[test]
    fn the_few_samples_warning_reads_its_bound_as_the_uncertainty_beside_p_feasible_at_a_half() {
        let mut s = crate::Scenario::parse(crate::scenario::BUILT_IN, "x").expect("the built-in");
        for n in [2u64, 50, 200, 400, 999] {
            s.samples = n;
            let beside = uncertainty(0.5, (0.25 / n as f64).sqrt(), n);
            let bound = format!("only to about {}", beside.replace("± ", "±"));
            // At these counts under plain Monte Carlo the few-samples warning is the only one
            // about run.samples.
            let warnings = s.warnings();
            let few: Vec<&str> = (warnings.iter())
                .filter(|w| w.is_about(crate::scenario::Field::RunSamples))
                .map(|w| w.text.as_str())
                .collect();
            assert!(
                matches!(few[..], [warning] if warning.contains(&bound)),
                "{n}: {bound} not in {few:?}"
            );
        }
    }
}
