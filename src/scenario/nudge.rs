//! Nudging a value up or down by a sensible step (the live session's ←/→), as a pure function
//! of the value: amounts move to the next point of a decimal grid (3M → 3.1M, 995k → 1M,
//! 1M → 990k; Shift: ten steps), percentages by one point (Shift: ten), days by a week (Shift:
//! thirty days), counts by one (Shift: five). A range or distribution moves as a whole: every
//! location parameter by the same step.

use super::field::{Field, Kind};
use super::number::{LISTED_DIGITS, Unit};
use super::value::FieldValue;
use super::{MAX_SAMPLES, Method, SOBOL_MIN_SAMPLES, sobol_points};
use crate::distribution::{Dist, DistError, Family, Form, Shape, param};

/// Which way, and how far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nudge {
    Up,
    Down,
    BigUp,
    BigDown,
}

impl Nudge {
    fn up(self) -> bool {
        matches!(self, Nudge::Up | Nudge::BigUp)
    }

    fn sign(self) -> f64 {
        if self.up() { 1.0 } else { -1.0 }
    }

    fn big(self) -> bool {
        matches!(self, Nudge::BigUp | Nudge::BigDown)
    }
}

/// Why a value cannot be nudged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CannotNudge(pub String);

/// The step for an amount near `magnitude`: one unit of its second significant digit.
fn decimal_step(magnitude: f64) -> f64 {
    if magnitude <= 0.0 || !magnitude.is_finite() {
        return 1.0;
    }
    10f64.powf(magnitude.log10().floor() - 1.0)
}

/// The step for an amount at `at` moving one way: [`decimal_step`] of the values the move goes
/// into, so that toward zero from a power of ten it is the smaller decade's (1M down by 10k,
/// not 100k) and a step down and back up returns to where it started.
fn grid_step(at: f64, up: bool) -> f64 {
    let toward_zero = at != 0.0 && (at > 0.0) != up;
    let magnitude = at.abs();
    decimal_step(if toward_zero {
        magnitude * (1.0 - 1e-12)
    } else {
        magnitude
    })
}

/// An amount moved to the next point of its decimal grid that way ([`grid_step`] apart, at
/// least `least`: a count moves by whole ones), so that one off the grid lands on it (995k →
/// 1M, not 1.005M); Shift moves ten such steps (3M → 4M, 1M → 900k → 1M).
fn along_grid(x: f64, direction: Nudge, least: f64) -> f64 {
    let up = direction.up();
    let steps = if direction.big() { 10 } else { 1 };
    (0..steps).fold(x, |x, _| {
        let step = grid_step(x, up).max(least);
        let at = x / step;
        // Binary noise (3.1M / 100k = 31.000000000000004) is on the grid.
        let at = if (at - at.round()).abs() < 1e-9 * at.abs().max(1.0) {
            at.round()
        } else {
            at
        };
        let next = if up {
            at.floor() + 1.0
        } else {
            at.ceil() - 1.0
        };
        tidy(next * step)
    })
}

/// A single value of `field` one nudge `direction`: a percentage by its points, an amount or
/// a count along its decimal grid.
fn single_moved(field: Field, x: f64, direction: Nudge) -> f64 {
    match field.unit() {
        Unit::Percent => tidy(x + step_for(field, x, direction)),
        _ => along_grid(x, direction, 0.0),
    }
}

/// Rounds away the binary noise of adding decimal steps (0.1 + 0.2 → 0.3).
fn tidy(x: f64) -> f64 {
    let rounded: f64 = format!("{x:.12e}").parse().unwrap_or(x);
    if rounded.abs() < 1e-12 { 0.0 } else { rounded }
}

/// The value of `field` one step up or down, or why it cannot move.
pub fn nudge(
    field: Field,
    value: &FieldValue,
    direction: Nudge,
) -> Result<FieldValue, CannotNudge> {
    match (field.kind(), value) {
        (Kind::Integer { min, max }, FieldValue::Integer(n)) => {
            let by = |step: i128| i128::from(*n) + step * direction.sign() as i128;
            let moved = match (field, direction.big()) {
                (Field::HorizonDays | Field::CapacityRampDays, false) => by(7),
                (Field::HorizonDays | Field::CapacityRampDays, true) => by(30),
                // Along the decimal grid, by whole samples (9 → 10; a tenth was no step).
                // A count written above MAX_SAMPLES (20M) draws MAX_SAMPLES: it moves from there.
                (Field::RunSamples, _) => {
                    along_grid((*n).min(MAX_SAMPLES) as f64, direction, 1.0) as i128
                }
                (_, false) => by(1),
                (_, true) => by(5),
            };
            // A run never draws more than MAX_SAMPLES: a nudge past it would change no figure.
            let max = if field == Field::RunSamples {
                max.min(super::MAX_SAMPLES)
            } else {
                max
            };
            let clamped = moved.clamp(i128::from(min), i128::from(max));
            // Nowhere, or back against the way asked (20M up to 10M: an edit that changes no
            // figure), is no step.
            let forward = if direction.up() {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Less
            };
            if clamped.cmp(&i128::from(*n)) != forward {
                return Err(if *n > MAX_SAMPLES && field == Field::RunSamples {
                    CannotNudge(format!(
                        "{} cannot move up: a run draws {MAX_SAMPLES} at most ({n} asked)",
                        field.key()
                    ))
                } else {
                    at_edge(field, &n.to_string())
                });
            }
            Ok(FieldValue::Integer(clamped as u64))
        }
        (Kind::Number, FieldValue::Number(x)) => {
            move_within(field, *x, single_moved(field, *x, direction)).map(FieldValue::Number)
        }
        (Kind::Distribution, FieldValue::Dist(dist)) => {
            shift(field, dist, direction).map(FieldValue::Dist)
        }
        _ => Err(CannotNudge(format!("{} cannot be nudged", field.key()))),
    }
}

/// [`nudge`] for a run with `method`: under Sobol points `run.samples` moves from one power of
/// two to the next (Shift: eight times as many, or an eighth), so that each nudge changes the
/// points drawn (100k and 110k both draw 131,072). At the top it is [`MAX_SAMPLES`], which
/// draws the most.
pub fn nudge_under(
    method: Method,
    field: Field,
    value: &FieldValue,
    direction: Nudge,
) -> Result<FieldValue, CannotNudge> {
    let (Method::Sobol, Field::RunSamples, FieldValue::Integer(n)) = (method, field, value) else {
        return nudge(field, value, direction);
    };
    let drawn = sobol_points(*n);
    let factor = if direction.big() { 8 } else { 2 };
    let most = sobol_points(MAX_SAMPLES);
    let moved = match direction.up() {
        true => drawn.saturating_mul(factor).min(most),
        false => (drawn / factor).max(SOBOL_MIN_SAMPLES),
    };
    if moved == drawn {
        // Grouped as the warning beside it groups them ("10,000,000 … 16,777,216").
        let [asked, drawn] = [*n, drawn].map(super::number::thousands);
        return Err(at_edge(field, &format!("{asked} (Sobol points: {drawn})")));
    }
    Ok(FieldValue::Integer(if moved == most {
        MAX_SAMPLES
    } else {
        moved
    }))
}

/// The signed step for a value of `field` near `at`.
fn step_for(field: Field, at: f64, direction: Nudge) -> f64 {
    let size = match field.unit() {
        Unit::Percent if direction.big() => 0.10,
        Unit::Percent => 0.01,
        _ if direction.big() => 10.0 * grid_step(at, direction.up()),
        _ => grid_step(at, direction.up()),
    };
    size * direction.sign()
}

/// A representative value of a distribution, to size the step by.
fn location(dist: &Dist) -> f64 {
    match dist.form() {
        Form::Fixed(x) => *x,
        Form::Interval { low, high, .. } => (low + high) / 2.0,
        Form::Table { family, params } => {
            let p = |place| param(params, place);
            match family {
                Family::Normal => p(0),
                Family::LogNormal => p(0).exp(),
                Family::Uniform => (p(0) + p(1)) / 2.0,
                Family::Triangular | Family::Pert => p(1),
                Family::Beta => p(0) / (p(0) + p(1)),
            }
        }
    }
}

/// A single value of `field` moved from `x` to `moved`, stopping at the edge of the field's
/// domain; refused when even the edge is not a value the field takes (a target of 0).
fn move_within(field: Field, x: f64, moved: f64) -> Result<f64, CannotNudge> {
    let domain = field.domain();
    let kept = domain.clamp(moved);
    if domain.admits(kept) && kept != x {
        Ok(kept)
    } else {
        let shown = super::number::format_significant(x, field.unit(), LISTED_DIGITS);
        Err(at_edge(field, &shown))
    }
}

/// Why `field`, `shown` now, moves no further that way.
fn at_edge(field: Field, shown: &str) -> CannotNudge {
    CannotNudge(format!(
        "{} cannot move further: {shown} is at the edge of what it takes",
        field.key()
    ))
}

/// `step`, shortened so that the ends `low` and `high` stay in the domain of `field` (a bounded
/// law's support, its `ends` "lowest value" and "highest value", or a range's, "low end" and
/// "high end"); refused when the end it moves toward is already at the domain's edge (or, as
/// a file may write it, beyond).
fn support_kept(
    field: Field,
    (low, high): (f64, f64),
    ends: [&str; 2],
    step: f64,
) -> Result<f64, CannotNudge> {
    let (end, which) = if step < 0.0 {
        (low, ends[0])
    } else {
        (high, ends[1])
    };
    let room = field.domain().clamp(end + step) - end;
    if room * step > 0.0 {
        Ok(room)
    } else {
        let shown = super::number::format_significant(end, field.unit(), LISTED_DIGITS);
        Err(at_edge(field, &format!("its {which}, {shown},")))
    }
}

/// Moves `dist` one nudge `direction`: a fixed value as a single one, a range or law by
/// moving every location parameter by the same step.
fn shift(field: Field, dist: &Dist, direction: Nudge) -> Result<Dist, CannotNudge> {
    let step = step_for(field, location(dist), direction);
    let move_by = |x: f64| tidy(x + step);
    let refused = |e: DistError| {
        let written =
            e.expected_with(|x| super::number::format_significant(x, field.unit(), LISTED_DIGITS));
        CannotNudge(format!("cannot move it that far: it needs {written}"))
    };
    match dist.form() {
        Form::Fixed(x) => move_within(field, *x, single_moved(field, *x, direction))
            .and_then(|x| Dist::fixed(x).map_err(refused)),
        // The range moves, its family stays: "0% to 30%" is a normal, and "1% to 31%" alone
        // would read as a lognormal with a third of the median (a nudge up would cut
        // P(feasible)), so the moved range keeps its shape written out where it must.
        // Its ends stop at the domain's edge, as a law's support does: a serviceable share
        // of "60% to 85%" went to "90% to 115%" in three Shift-→, most samples clamped to 100%.
        Form::Interval { low, high, shape } => {
            let step = support_kept(field, (*low, *high), ["low end", "high end"], step)?;
            let (low, high) = (tidy(low + step), tidy(high + step));
            if *shape == Shape::LogNormal && low <= 0.0 {
                return Err(CannotNudge(
                    "a lognormal range's low end must stay above 0: press Enter to type another \
                     range"
                        .into(),
                ));
            }
            let forced = (*shape != Shape::natural(low)).then_some(*shape);
            Dist::interval(low, high, forced).map_err(refused)
        }
        Form::Table { family, params } => {
            let p = |place| param(params, place);
            match family {
                Family::Beta => Err(CannotNudge(
                    "a beta distribution has no location to nudge: press Enter to edit it".into(),
                )),
                // The median e^mu moves by the step; sigma (the spread in log terms) stays. The
                // new mu is written to six decimals (the median within 5e-7 of the step's), not
                // as the seventeen digits of a logarithm.
                Family::LogNormal => {
                    let (mu, sigma) = (p(0), p(1));
                    let median = mu.exp();
                    let moved = median + step;
                    if moved <= 0.0 {
                        return Err(CannotNudge("a lognormal's median must stay above 0".into()));
                    }
                    let mu = mu + (moved / median).ln();
                    let mu = format!("{mu:.6}").parse().unwrap_or(mu);
                    Dist::lognormal(mu, sigma).map_err(refused)
                }
                Family::Normal => Dist::normal(move_by(p(0)), p(1)).map_err(refused),
                // Every parameter is a location, the first and last the support's ends: the
                // law moves only as far as they stay in the domain (an attainment from −10%
                // would have its lowest part clamped to 0).
                Family::Uniform | Family::Triangular | Family::Pert => {
                    let (low, high) = (params[0], params[params.len() - 1]);
                    let ends = ["lowest value", "highest value"];
                    let step = support_kept(field, (low, high), ends, step)?;
                    let moved: Vec<f64> = params.iter().map(|x| tidy(x + step)).collect();
                    family.build(&moved).map_err(refused)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(field: Field, text: &str) -> FieldValue {
        let mut s = crate::scenario::Scenario::parse(crate::scenario::BUILT_IN, "b").unwrap();
        s.set_text(field, text).unwrap();
        s.value(field).unwrap()
    }

    #[test]
    fn amounts_move_on_a_decimal_grid() {
        let v = FieldValue::Number(3e6);
        assert_eq!(
            nudge(Field::TargetRevenue, &v, Nudge::Up),
            Ok(FieldValue::Number(3.1e6))
        );
        assert_eq!(
            nudge(Field::TargetRevenue, &v, Nudge::BigUp),
            Ok(FieldValue::Number(4e6))
        );
        assert_eq!(
            nudge(Field::TargetRevenue, &v, Nudge::Down),
            Ok(FieldValue::Number(2.9e6))
        );
    }

    #[test]
    fn a_nudge_at_the_edge_says_so_for_every_kind_of_input() {
        let refused = |field: Field, value: FieldValue, direction| {
            let Err(CannotNudge(why)) = nudge(field, &value, direction) else {
                panic!("{} moved past its edge", field.key())
            };
            assert!(
                why.starts_with(&format!("{} cannot move further", field.key())),
                "{why}"
            );
        };
        refused(Field::HorizonDays, FieldValue::Integer(3650), Nudge::Up);
        refused(Field::CapacityReps, FieldValue::Integer(0), Nudge::BigDown);
        refused(Field::Confidence, FieldValue::Number(0.99), Nudge::Up);
        refused(
            Field::MarketGrowth,
            dist(Field::MarketGrowth, "-99%"),
            Nudge::Down,
        );
        refused(
            Field::ShareCeiling,
            dist(Field::ShareCeiling, "100%"),
            Nudge::Up,
        );
        // A run draws at most 10,000,000 samples: the nudge stops there, and a count above it
        // draws that many, so up it is at the edge (not an edit down to 10,000,000 that
        // changes no figure) and down it moves from there.
        refused(
            Field::RunSamples,
            FieldValue::Integer(10_000_000),
            Nudge::Up,
        );
        assert_eq!(
            nudge(
                Field::RunSamples,
                &FieldValue::Integer(9_900_000),
                Nudge::BigUp
            ),
            Ok(FieldValue::Integer(10_000_000))
        );
        assert_eq!(
            nudge(
                Field::RunSamples,
                &FieldValue::Integer(20_000_000),
                Nudge::Up
            ),
            Err(CannotNudge(
                "run.samples cannot move up: a run draws 10000000 at most (20000000 asked)"
                    .to_string()
            ))
        );
        assert_eq!(
            nudge(
                Field::RunSamples,
                &FieldValue::Integer(1_000_000_000),
                Nudge::Down
            ),
            Ok(FieldValue::Integer(9_900_000))
        );
        // Inside the domain a nudge that lands on its edge still moves.
        assert_eq!(
            nudge(Field::HorizonDays, &FieldValue::Integer(3645), Nudge::Up),
            Ok(FieldValue::Integer(3650))
        );
    }

    #[test]
    fn a_seed_beyond_the_largest_toml_integer_moves_up_to_its_edge_and_stops_there() {
        // A seed above 9223372036854775807 is saved as a string; a nudge up moved it down to
        // that number.
        let most = FieldValue::Integer(u64::MAX);
        let below = FieldValue::Integer(u64::MAX - 1);
        assert_eq!(nudge(Field::RunSeed, &below, Nudge::Up), Ok(most.clone()));
        assert_eq!(
            nudge(Field::RunSeed, &most, Nudge::Up),
            Err(CannotNudge(
                "run.seed cannot move further: 18446744073709551615 is at the edge of what it \
                 takes"
                    .into()
            ))
        );
    }

    #[test]
    fn a_range_moves_as_a_whole() {
        let moved = nudge(
            Field::MarketSize,
            &dist(Field::MarketSize, "35M to 70M"),
            Nudge::Up,
        );
        assert_eq!(moved, Ok(dist(Field::MarketSize, "36M to 71M")));
        let moved = nudge(
            Field::MarketGrowth,
            &dist(Field::MarketGrowth, "5% to 20%"),
            Nudge::Down,
        );
        assert_eq!(moved, Ok(dist(Field::MarketGrowth, "4% to 19%")));
    }

    #[test]
    fn a_range_keeps_its_family_when_its_low_end_crosses_zero() {
        // "0% to 30%" is a normal (median 15%); "1% to 31%" as written would be a lognormal
        // with a median near 5.6%: the nudge keeps it a normal.
        let growth = dist(Field::MarketGrowth, "0% to 30%");
        let Ok(FieldValue::Dist(up)) = nudge(Field::MarketGrowth, &growth, Nudge::Up) else {
            panic!("a range moves");
        };
        assert_eq!(
            up.interval_form(),
            Some((0.01, 0.31, Shape::Normal)),
            "{:?}",
            up.form()
        );
        assert!(
            (up.quantile(0.5) - 0.16).abs() < 1e-9,
            "{}",
            up.quantile(0.5)
        );
        // A lognormal range cannot reach 0: refused, not turned into a normal.
        let positive = dist(Field::MarketGrowth, "1% to 31%");
        let refused = nudge(Field::MarketGrowth, &positive, Nudge::Down).unwrap_err();
        assert!(refused.0.contains("must stay above 0"), "{}", refused.0);
    }

    #[test]
    fn fractions_stay_in_their_domain() {
        let nearly = dist(Field::MarketServiceable, "99.5%");
        assert_eq!(
            nudge(Field::MarketServiceable, &nearly, Nudge::Up),
            Ok(dist(Field::MarketServiceable, "1"))
        );
        let full = dist(Field::MarketServiceable, "1");
        assert!(nudge(Field::MarketServiceable, &full, Nudge::Up).is_err());
        let none = dist(Field::ShareCurrent, "0");
        assert!(nudge(Field::ShareCurrent, &none, Nudge::BigDown).is_err());
    }

    #[test]
    fn a_range_moves_only_as_far_as_its_ends_stay_in_the_domain() {
        // Three Shift-→ took a serviceable share of 60% to 85% to 90% to 115%, 59% of the
        // samples clamped to the whole market, where a fixed share stops at 100%.
        let field = Field::MarketServiceable;
        let range = dist(field, "70% to 95%");
        assert_eq!(
            nudge(field, &range, Nudge::BigUp),
            Ok(dist(field, "75% to 100%"))
        );
        let at_top = dist(field, "75% to 100%");
        let Err(CannotNudge(why)) = nudge(field, &at_top, Nudge::Up) else {
            panic!("a serviceable share moved past 100%");
        };
        assert_eq!(
            why,
            "market.serviceable cannot move further: its high end, 100%, is at the edge of what \
             it takes"
        );
        assert_eq!(
            nudge(field, &at_top, Nudge::Down),
            Ok(dist(field, "74% to 99%"))
        );
        // And its low end at 0: a share from 0% to 30% moves up only.
        let from_zero = dist(Field::ShareCurrent, "0% to 30%");
        assert!(nudge(Field::ShareCurrent, &from_zero, Nudge::Down).is_err());
        assert_eq!(
            nudge(Field::ShareCurrent, &from_zero, Nudge::Up).map(|v| v.display(Unit::Percent)),
            Ok("1% to 31% (normal)".to_string())
        );
    }

    #[test]
    fn a_bounded_law_moves_only_as_far_as_its_support_stays_in_the_domain() {
        let table = "{ dist = \"pert\", min = \"5%\", mode = \"30%\", max = \"70%\" }";
        let pert = dist(Field::CapacityAttainment, table);
        let to_zero = "{ dist = \"pert\", min = \"0\", mode = \"25%\", max = \"65%\" }";
        assert_eq!(
            nudge(Field::CapacityAttainment, &pert, Nudge::BigDown),
            Ok(dist(Field::CapacityAttainment, to_zero))
        );
        let at_zero = dist(Field::CapacityAttainment, to_zero);
        let Err(CannotNudge(why)) = nudge(Field::CapacityAttainment, &at_zero, Nudge::Down) else {
            panic!("an attainment from 0 moved below it");
        };
        assert_eq!(
            why,
            "capacity.attainment cannot move further: its lowest value, 0%, is at the edge of what \
             it takes"
        );
        assert!(nudge(Field::CapacityAttainment, &at_zero, Nudge::Up).is_ok());
        // A fraction's support stops at 100%, a growth rate's at -99%.
        let uniform = dist(
            Field::ShareCeiling,
            "{ dist = \"uniform\", min = \"40%\", max = \"95%\" }",
        );
        assert_eq!(
            nudge(Field::ShareCeiling, &uniform, Nudge::BigUp),
            Ok(dist(
                Field::ShareCeiling,
                "{ dist = \"uniform\", min = \"45%\", max = \"1\" }"
            ))
        );
        let falling = "{ dist = \"triangular\", min = \"-95%\", mode = \"-50%\", max = \"0\" }";
        let falling = dist(Field::MarketGrowth, falling);
        let floor = "{ dist = \"triangular\", min = \"-99%\", mode = \"-54%\", max = \"-4%\" }";
        assert_eq!(
            nudge(Field::MarketGrowth, &falling, Nudge::BigDown),
            Ok(dist(Field::MarketGrowth, floor))
        );
    }

    #[test]
    fn under_sobol_points_the_sample_count_moves_by_powers_of_two() {
        let samples = |n| FieldValue::Integer(n);
        let moved =
            |n, direction| nudge_under(Method::Sobol, Field::RunSamples, &samples(n), direction);
        // 100k draws 131,072: a nudge draws twice as many, or half.
        assert_eq!(moved(100_000, Nudge::Up), Ok(samples(262_144)));
        assert_eq!(moved(100_000, Nudge::Down), Ok(samples(65_536)));
        assert_eq!(moved(65_536, Nudge::BigUp), Ok(samples(524_288)));
        // The most drawn is what 10,000,000 asks for; the fewest, 16.
        assert_eq!(moved(8_388_608, Nudge::Up), Ok(samples(MAX_SAMPLES)));
        assert_eq!(moved(4_000_000, Nudge::BigUp), Ok(samples(MAX_SAMPLES)));
        let Err(CannotNudge(why)) = moved(MAX_SAMPLES, Nudge::Up) else {
            panic!("moved past the most points a run draws");
        };
        assert_eq!(
            why,
            "run.samples cannot move further: 10,000,000 (Sobol points: 16,777,216) is at the \
             edge of what it takes"
        );
        assert_eq!(moved(MAX_SAMPLES, Nudge::Down), Ok(samples(8_388_608)));
        assert_eq!(moved(100, Nudge::BigDown), Ok(samples(16)));
        assert!(moved(16, Nudge::Down).is_err());
        // Plain Monte Carlo keeps the decimal grid.
        assert_eq!(
            nudge_under(
                Method::MonteCarlo,
                Field::RunSamples,
                &samples(100_000),
                Nudge::Up
            ),
            Ok(samples(110_000))
        );
    }

    #[test]
    fn days_move_by_weeks_and_counts_by_ones() {
        let days = FieldValue::Integer(90);
        assert_eq!(
            nudge(Field::HorizonDays, &days, Nudge::Up),
            Ok(FieldValue::Integer(97))
        );
        assert_eq!(
            nudge(Field::HorizonDays, &days, Nudge::BigDown),
            Ok(FieldValue::Integer(60))
        );
        let three = FieldValue::Integer(3);
        assert_eq!(
            nudge(Field::HorizonDays, &three, Nudge::Down),
            Ok(FieldValue::Integer(1))
        );
        let one = FieldValue::Integer(1);
        assert!(nudge(Field::HorizonDays, &one, Nudge::Down).is_err());
        let reps = FieldValue::Integer(0);
        assert!(nudge(Field::CapacityReps, &reps, Nudge::Down).is_err());
        assert_eq!(
            nudge(Field::CapacityReps, &reps, Nudge::BigUp),
            Ok(FieldValue::Integer(5))
        );
    }

    #[test]
    fn confidence_stops_at_its_bounds() {
        let high = FieldValue::Number(0.99);
        assert!(nudge(Field::Confidence, &high, Nudge::Up).is_err());
        let nearly = FieldValue::Number(0.985);
        assert_eq!(
            nudge(Field::Confidence, &nearly, Nudge::Up),
            Ok(FieldValue::Number(0.99))
        );
        let low = FieldValue::Number(0.52);
        assert_eq!(
            nudge(Field::Confidence, &low, Nudge::BigDown),
            Ok(FieldValue::Number(0.5))
        );
    }

    #[test]
    fn the_target_steps_down_in_ever_smaller_steps_and_never_reaches_zero() {
        // Shift-← from 1M is ten steps of 10k, not one of 1M (which reached 0, refused).
        let one_million = FieldValue::Number(1e6);
        assert_eq!(
            nudge(Field::TargetRevenue, &one_million, Nudge::BigDown),
            Ok(FieldValue::Number(9e5))
        );
        let small = FieldValue::Number(1.0);
        assert_eq!(
            nudge(Field::TargetRevenue, &small, Nudge::Down),
            Ok(FieldValue::Number(0.99))
        );
    }

    #[test]
    fn a_nudge_down_and_back_up_returns_and_a_value_off_the_grid_lands_on_it() {
        let moved =
            |field: Field, x: f64, direction| match nudge(field, &FieldValue::Number(x), direction)
            {
                Ok(FieldValue::Number(y)) => y,
                other => panic!("{x} did not move: {other:?}"),
            };
        let target = Field::TargetRevenue;
        // Across a power of ten: 1M ← 990k (was 900k, and → then gave 910k).
        assert_eq!(moved(target, 1e6, Nudge::Down), 9.9e5);
        assert_eq!(moved(target, 9.9e5, Nudge::Up), 1e6);
        assert_eq!(moved(target, 1e6, Nudge::BigDown), 9e5);
        assert_eq!(moved(target, 9e5, Nudge::BigUp), 1e6);
        // Off the grid, onto it (995k → 1.005M before; 1.005M ← 905k).
        assert_eq!(moved(target, 9.95e5, Nudge::Up), 1e6);
        assert_eq!(moved(target, 1.005e6, Nudge::Down), 1e6);
        assert_eq!(moved(target, 3.05e6, Nudge::Up), 3.1e6);
        assert_eq!(moved(target, 1.23456e6, Nudge::Up), 1.3e6);
        // On it, by whole steps (binary noise is on the grid).
        assert_eq!(moved(target, 3.1e6, Nudge::Up), 3.2e6);
        assert_eq!(moved(target, 3.1e6, Nudge::BigUp), 4.1e6);
        assert_eq!(moved(target, 9.9e6, Nudge::Up), 1e7);
        // Every amount, as a single value or a fixed distribution, and the sample count.
        let quota = dist(Field::CapacityQuotaPerRep, "1M");
        let Ok(down) = nudge(Field::CapacityQuotaPerRep, &quota, Nudge::Down) else {
            panic!("a quota moves");
        };
        assert_eq!(down, dist(Field::CapacityQuotaPerRep, "990k"));
        assert_eq!(
            nudge(Field::CapacityQuotaPerRep, &down, Nudge::Up),
            Ok(quota)
        );
        let samples = FieldValue::Integer(100_000);
        let Ok(fewer) = nudge(Field::RunSamples, &samples, Nudge::Down) else {
            panic!("the sample count moves");
        };
        assert_eq!(fewer, FieldValue::Integer(99_000));
        assert_eq!(nudge(Field::RunSamples, &fewer, Nudge::Up), Ok(samples));
        // Below ten, by whole samples: 10 ← 9 → 10 (9 → was "at the edge", a tenth of a
        // sample being no step), Shift ten of them.
        let count =
            |n: u64, direction| nudge(Field::RunSamples, &FieldValue::Integer(n), direction);
        assert_eq!(count(10, Nudge::Down), Ok(FieldValue::Integer(9)));
        assert_eq!(count(9, Nudge::Up), Ok(FieldValue::Integer(10)));
        assert_eq!(count(5, Nudge::BigUp), Ok(FieldValue::Integer(15)));
        // A range whose middle is a power of ten returns too.
        let range = dist(Field::MarketSize, "500k to 1.5M");
        let Ok(down) = nudge(Field::MarketSize, &range, Nudge::Down) else {
            panic!("a range moves");
        };
        assert_eq!(down, dist(Field::MarketSize, "490k to 1.49M"));
        assert_eq!(nudge(Field::MarketSize, &down, Nudge::Up), Ok(range));
    }

    #[test]
    fn a_lognormal_moves_its_median_by_the_step_and_writes_a_short_mu() {
        let written = dist(
            Field::MarketSize,
            "{ dist = \"lognormal\", mu = 17.7, sigma = 0.3 }",
        );
        let Ok(FieldValue::Dist(moved)) = nudge(Field::MarketSize, &written, Nudge::Up) else {
            panic!("a lognormal moves");
        };
        let Form::Table { params, .. } = moved.form() else {
            panic!("still a table");
        };
        let (mu, sigma) = (params[0], params[1]);
        assert_eq!(sigma, 0.3);
        // e^17.7 = 48.6M: the median moves by 1M, to within 5e-7 of it.
        let median = 17.7f64.exp() + 1e6;
        assert!((mu.exp() / median - 1.0).abs() < 5e-7, "{}", mu.exp());
        assert!(mu.to_string().len() <= "17.720350".len(), "mu = {mu}");
    }

    #[test]
    fn beta_distributions_ask_to_be_edited() {
        let beta = dist(
            Field::MarketServiceable,
            "{ dist = \"beta\", alpha = 2, beta = 2 }",
        );
        assert!(nudge(Field::MarketServiceable, &beta, Nudge::Up).is_err());
    }
}
