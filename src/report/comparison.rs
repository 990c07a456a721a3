//! The comparison with a baseline (the live session's `e`, then the comparison): every figure
//! of the batch table ([`COLUMNS`]) in its order, the verdict first, then each input and
//! correlation changed since, for a spreadsheet and for people, every figure through
//! [`crate::report::format`]. Pure functions; the session's export writes what they build.

use crate::model::headline::Headline;
use crate::report::figure::Reading;
use crate::report::format::{PlanMoney, as_shown, exact, same_currency};
use crate::report::markdown::{escape, pipe_table};
use crate::report::write::{csv_text, formula_guard};
use crate::report::{COLUMNS, header};
use crate::scenario::Scenario;
use crate::scenario::item::{self, Item};

/// One row of the comparison with the baseline: a headline figure or an input changed since,
/// the baseline's value, the value now and the change, each for a spreadsheet (`raw`: full
/// precision, the input as the file writes it) and for people (`shown`).
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    /// The figure's column key in the batch's CSV (`p_feasible`), or the input's dotted key.
    pub key: String,
    /// The figure's header in the batch's table (`P(feasible)`), or the input's dotted key.
    pub label: String,
    /// Whether it is an input (the rest are headline figures).
    pub input: bool,
    /// Baseline, now, change, at full precision.
    pub raw: [String; 3],
    /// Baseline, now, change, as people read them.
    pub shown: [String; 3],
}

/// The comparison of the figures `now` with the `base`line's ([`compared_figures`]), then
/// every input and correlation whose value changed between the plan the baseline is of
/// (`base_plan`) and `scenario` (the session's plan now), its currency too.
pub fn comparison(
    base: &Headline,
    now: &Headline,
    base_plan: &Scenario,
    scenario: &Scenario,
) -> Vec<Compared> {
    let mut rows = compared_figures(base, now, base_plan, scenario);
    if !same_currency(&base_plan.currency, &scenario.currency) {
        rows.push(Compared {
            key: "currency".to_string(),
            label: "currency".to_string(),
            input: true,
            raw: [&base_plan.currency, &scenario.currency, ""].map(str::to_string),
            shown: [&base_plan.currency, &scenario.currency, "changed"].map(str::to_string),
        });
    }
    rows.extend(changed_inputs(base_plan, scenario));
    rows
}

/// The figures `now` beside the `base`line's (the verdict first, then the batch table's
/// figures), each side's money in its own plan's currency (a change of money between two
/// currencies is none to compute: it reads "another currency", and its CSV cell is empty) and
/// P(feasible) beside its verdicts at its own confidence, never rounded onto those of the
/// other side's (one probability reads alike at both): the comparison without the inputs,
/// which the session's headline reads each frame.
pub fn compared_figures(
    base: &Headline,
    now: &Headline,
    base_plan: &Scenario,
    scenario: &Scenario,
) -> Vec<Compared> {
    let currency = &scenario.currency;
    let verdict_change = match now.verdict.cmp(&base.verdict) {
        std::cmp::Ordering::Greater => "better",
        std::cmp::Ordering::Less => "worse",
        std::cmp::Ordering::Equal => "no change",
    };
    let mut rows = vec![Compared {
        key: "verdict".to_string(),
        label: header("verdict").to_string(),
        input: false,
        raw: [
            base.verdict.key().to_string(),
            now.verdict.key().to_string(),
            String::new(),
        ],
        shown: [
            base.verdict.label().to_string(),
            now.verdict.label().to_string(),
            verdict_change.to_string(),
        ],
    }];
    let [base_money, now_money] = PlanMoney::compared(
        (base_plan, base.realistic_target),
        (scenario, now.realistic_target),
    );
    let currencies_differ = !same_currency(&base_plan.currency, &scenario.currency);
    let reading = |headline, plan: &Scenario, other: &Scenario, money| Reading {
        headline,
        money,
        confidence: plan.confidence,
        compared_at: other.confidence,
        confidence_said: base_plan.confidence != scenario.confidence,
    };
    let base_reading = reading(base, base_plan, scenario, base_money);
    let now_reading = reading(now, scenario, base_plan, now_money);
    for column in &COLUMNS {
        let Some(figure) = column.figure() else {
            continue;
        };
        let (b, n) = ((figure.value)(base), (figure.value)(now));
        // The CSV keeps the signed difference as data (README, "The live planning session",
        // its paragraph on the comparison).
        let apart = figure.money && currencies_differ;
        let raw_change = match (figure.in_csv(base), figure.in_csv(now)) {
            (Some(b), Some(n)) if !apart => exact(n - b),
            _ => String::new(),
        };
        let shown_b = figure.human(&base_reading);
        let shown_n = figure.human(&now_reading);
        // For people, the change of what the two columns say.
        let shown_change = match (b, n) {
            (Some(_), Some(_)) if apart => ANOTHER_CURRENCY.to_string(),
            (Some(b), Some(n)) => {
                let (b, n) = as_shown((b, &shown_b), (n, &shown_n), currency);
                figure.change.shown((b, base), (n, now), currency)
            }
            _ => String::new(),
        };
        rows.push(Compared {
            key: column.key.to_string(),
            label: column.header.to_string(),
            input: false,
            raw: [figure.raw(base), figure.raw(now), raw_change],
            shown: [shown_b, shown_n, shown_change],
        });
    }
    rows
}

/// The change of an amount of money whose two sides are in different currencies.
const ANOTHER_CURRENCY: &str = "another currency";

/// The inputs and correlations whose value differs between two scenarios, in the inputs
/// list's order: each as a file takes it (raw, in skypie's spelling: `80%` where the file may
/// say `0.8`) and as people read it.
fn changed_inputs(base: &Scenario, now: &Scenario) -> Vec<Compared> {
    let mut keys = item::items(now);
    for k in item::items(base) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys.into_iter()
        .filter_map(|k| {
            let (b, n) = (value_texts(base, k), value_texts(now, k));
            (b != n).then(|| {
                let none = || ("none".to_string(), "none".to_string());
                let ((b_raw, b_shown), (n_raw, n_shown)) =
                    (b.unwrap_or_else(none), n.unwrap_or_else(none));
                Compared {
                    key: k.key(),
                    label: k.key(),
                    input: true,
                    raw: [b_raw, n_raw, String::new()],
                    shown: [b_shown, n_shown, "changed".to_string()],
                }
            })
        })
        .collect()
}

/// An item's value in a scenario as the file writes it and as people read it; `None` when
/// the scenario lacks it.
fn value_texts(scenario: &Scenario, k: Item) -> Option<(String, String)> {
    match k {
        Item::Field(field) => scenario
            .value(field)
            .map(|v| (v.to_text(field.unit()), v.display(field.unit()))),
        Item::Correlation(a, b) => item::find(&scenario.correlations, a, b).map(|c| {
            let text = item::rho_text(c.rho);
            (text.clone(), text)
        }),
    }
}

/// The comparison as CSV: `figure,baseline,now,change`, numbers at full precision, cells a
/// spreadsheet would run as formulas guarded as the batch's CSV guards them.
pub fn comparison_csv(rows: &[Compared]) -> String {
    let header = CSV_HEADER.map(String::from).to_vec();
    let body = rows.iter().map(|row| {
        let mut record = vec![formula_guard(row.key.clone())];
        record.extend(row.raw.iter().map(|c| formula_guard(c.clone())));
        record
    });
    csv_text(std::iter::once(header).chain(body))
}

/// The comparison's CSV header, by which an earlier one is told.
pub const CSV_HEADER: [&str; 4] = ["figure", "baseline", "now", "change"];

/// What ends the Markdown comparison's heading, after the scenario's name.
pub const HEADING_ENDS: &str = ": now against the baseline";

/// The comparison as Markdown: a heading with the scenario's name, the figures' table, then
/// the inputs changed since the baseline (or that none did).
pub fn comparison_markdown(name: &str, rows: &[Compared]) -> String {
    let table = |first: &str, rows: &[&Compared]| {
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|row| {
                [&row.label]
                    .into_iter()
                    .chain(&row.shown)
                    .cloned()
                    .collect()
            })
            .collect();
        pipe_table(&[first, "baseline", "now", "change"], &cells)
    };
    let figures: Vec<&Compared> = rows.iter().filter(|r| !r.input).collect();
    let inputs: Vec<&Compared> = rows.iter().filter(|r| r.input).collect();
    let mut out = format!(
        "# {}{HEADING_ENDS}\n\n{}",
        escape(name),
        table("figure", &figures)
    );
    out += "\n## Inputs changed since the baseline\n\n";
    if inputs.is_empty() {
        out += "None: the inputs are as they were when the baseline was pinned.\n";
    } else {
        out += &table("input", &inputs);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::format::{money, needed_and_planned_pace, signed};

    #[test]
    fn a_pace_needed_reads_as_the_batch_table_reads_it_beside_the_pace_planned() {
        // 03 with its share falling 2–6 pts/yr: the target allows a loss of about 3.4 a year
        // and the plan loses 4; once it loses 1–3 a year, today's share covers it.
        let plan = |gain: &str| {
            let text = include_str!("../../scenarios/03-mature-vendor-run-rate.toml")
                .replace("samples = 100000", "samples = 2000");
            let mut s = Scenario::parse(&text, "03").unwrap();
            s.set_text(crate::scenario::Field::ShareGainPerYear, gain)
                .unwrap();
            let h = crate::model::headline::headline_drawn(&s);
            (s, h)
        };
        let (_, losing) = plan("-6% to -2%");
        let (covered_plan, covered) = plan("-3% to -1%");
        assert!(losing.required_pace < 0.0 && losing.assumed_pace < losing.required_pace);
        let rows = comparison(&losing, &covered, &covered_plan, &covered_plan);
        let pace = rows.iter().find(|r| r.key == "required_pace").unwrap();
        let [needed, _] = needed_and_planned_pace(losing.pace_needed(), losing.assumed_pace);
        assert!(needed.ends_with(" pts/yr"), "{needed}");
        assert_eq!(
            pace.shown,
            [
                needed,
                "already covered by today's share".into(),
                "now covered".into()
            ]
        );
        // The pace planned reads beside the one needed as in the batch table: 3.748 short of
        // 3.749, never 3.75 beside 3.749 (a plan short of its need read as having more).
        let mut short = losing.clone();
        (short.pace_with_clamps, short.assumed_pace) = (0.037_49, 0.037_48);
        let rows = comparison(&short, &short, &covered_plan, &covered_plan);
        let shown = |key| rows.iter().find(|r| r.key == key).unwrap().shown[0].clone();
        assert_eq!(
            [shown("required_pace"), shown("assumed_pace")],
            ["3.749 pts/yr", "3.748 pts/yr"]
        );
        // Where the share would cross its floor or cap, people read the pace the model needs,
        // while the CSV keeps required_pace under its key, as the batch CSV does.
        let mut clamped = losing.clone();
        clamped.pace_with_clamps = 0.5;
        let rows = comparison(&clamped, &clamped, &covered_plan, &covered_plan);
        let pace = rows.iter().find(|r| r.key == "required_pace").unwrap();
        assert_eq!(pace.shown[0], "50 pts/yr");
        assert_eq!(pace.raw[0], exact(losing.required_pace));
        assert_eq!(pace.raw[2], exact(0.0));
        // Where no pace reaches the target, the row says why, as the batch table does, and
        // the change is in words.
        let mut stopped = losing.clone();
        stopped.market_stop = Some(crate::model::headline::MarketStop::CeilingShort(0.2));
        let rows = comparison(&losing, &stopped, &covered_plan, &covered_plan);
        let pace = rows.iter().find(|r| r.key == "required_pace").unwrap();
        assert_eq!(pace.shown[1], "out of reach: the ceiling stops it");
        assert_eq!(pace.shown[2], "now out of reach");
        // And back: no longer covered, not a difference with the figure "covered" hides.
        let rows = comparison(&covered, &losing, &covered_plan, &covered_plan);
        let pace = rows.iter().find(|r| r.key == "required_pace").unwrap();
        assert_eq!(pace.shown[2], "no longer covered");
    }

    #[test]
    fn each_change_is_of_the_two_figures_beside_it_in_the_plans_currency() {
        // $419k → $537k read "+$119k" (the unrounded figures' difference), and in kroner the
        // change was of the unrounded figures whatever the sign.
        for (currency, change) in [("USD", "+$118k"), ("kr", "+118k kr")] {
            let text = include_str!("../../scenarios/01-series-b-first-90-days.toml")
                .replace("samples = 100000", "samples = 2000");
            let mut plan = Scenario::parse(&text, "01").unwrap();
            plan.currency = currency.to_string();
            let mut base = crate::model::headline::headline_drawn(&plan);
            let mut now = base.clone();
            base.achievable_revenue.p50 = 419_003.0;
            now.achievable_revenue.p50 = 537_858.0;
            let rows = comparison(&base, &now, &plan, &plan);
            let row = rows
                .iter()
                .find(|r| r.key == "achievable_revenue_p50")
                .unwrap();
            assert_eq!(row.shown[2], change, "{:?}", row.shown);
            assert_eq!(
                row.raw[2],
                exact(537_858.0 - 419_003.0),
                "the CSV's is exact"
            );
        }
    }

    #[test]
    fn a_baseline_keeps_its_currency_when_the_plans_changes() {
        // Pinned in dollars, the plan's currency merged to EUR from disk: the baseline's
        // column read €20.2M, and the changed inputs said nothing of the currency.
        let text = include_str!("../../scenarios/03-mature-vendor-run-rate.toml")
            .replace("samples = 100000", "samples = 2000");
        let dollars = Scenario::parse(&text, "03").unwrap();
        let mut euros = dollars.clone();
        euros.currency = "EUR".to_string();
        let h = crate::model::headline::headline_drawn(&dollars);
        let rows = comparison(&h, &h, &dollars, &euros);
        let row = |key: &str| rows.iter().find(|r| r.key == key).unwrap();
        for key in ["realistic_target", "achievable_revenue_p50"] {
            let [was, is, change] = &row(key).shown;
            assert!(was.starts_with('$') && is.starts_with('€'), "{was} → {is}");
            assert_eq!(was[1..], is[3..], "the same figure");
            assert_eq!(change, "another currency");
            assert_eq!(row(key).raw[2], "", "no difference of two currencies");
        }
        let currency = row("currency");
        assert!(currency.input);
        assert_eq!(currency.shown, ["USD", "EUR", "changed"].map(String::from));
        // One currency, however written: no currency row, the change computed.
        for spelt in ["USD", "usd", "$"] {
            let mut same = dollars.clone();
            same.currency = spelt.to_string();
            let rows = comparison(&h, &h, &dollars, &same);
            assert!(rows.iter().all(|r| r.key != "currency"), "{spelt}");
            let realistic = rows.iter().find(|r| r.key == "realistic_target").unwrap();
            assert_eq!(realistic.shown[2], "no change", "{spelt}");
        }
    }

    #[test]
    fn money_reads_at_the_digits_its_headline_shows_it_with() {
        // A target of $12.18M with a realistic $12.15M: the headline reads "$12.15M", the
        // comparison read "$12.1M" (three digits), a figure a person looking at both took
        // for another.
        let text = include_str!("../../scenarios/01-series-b-first-90-days.toml")
            .replace("samples = 100000", "samples = 2000");
        let mut plan = Scenario::parse(&text, "01").unwrap();
        plan.target_revenue = 12_180_000.0;
        let mut base = crate::model::headline::headline_drawn(&plan);
        base.realistic_target = 12_150_000.0;
        base.achievable_revenue.p50 = 12_170_000.0;
        let rows = comparison(&base, &base, &plan, &plan);
        let shown = |key| rows.iter().find(|r| r.key == key).unwrap().shown[0].clone();
        let headline =
            crate::report::format::target_and_realistic(12_180_000.0, 12_150_000.0, "USD");
        assert_eq!(headline, ["$12.18M", "$12.15M"]);
        assert_eq!(shown("realistic_target"), "$12.15M");
        assert_eq!(shown("achievable_revenue_p50"), "$12.17M");
        // A baseline whose target three digits write, and a target now that takes four: the
        // realistic target did not move, and reads so ("$12.1M → $12.15M: +$50k" read as
        // though it had).
        let mut round = plan.clone();
        round.target_revenue = 12e6;
        let rows = comparison(&base, &base, &round, &plan);
        let row = rows.iter().find(|r| r.key == "realistic_target").unwrap();
        assert_eq!(
            row.shown,
            ["$12.15M", "$12.15M", "no change"].map(String::from)
        );
    }

    #[test]
    fn a_realistic_target_at_another_confidence_is_said_with_it() {
        // 80% → 90% with nothing else changed read "$19.3M → $16.1M: -$3.2M" as if the plan
        // had lost ground.
        let text = include_str!("../../scenarios/01-series-b-first-90-days.toml")
            .replace("samples = 100000", "samples = 2000");
        let base_plan = Scenario::parse(&text, "01").unwrap();
        let mut plan = base_plan.clone();
        plan.confidence = 0.9;
        let base = crate::model::headline::headline_drawn(&base_plan);
        let now = crate::model::headline::headline_drawn(&plan);
        let rows = comparison(&base, &now, &base_plan, &plan);
        let row = rows.iter().find(|r| r.key == "realistic_target").unwrap();
        assert!(row.shown[0].ends_with(" at 80%"), "{:?}", row.shown);
        assert!(row.shown[1].ends_with(" at 90%"), "{:?}", row.shown);
        // The change is of the two figures as they read, here too.
        let figure = |text: &str| crate::report::format::read_back(text, "USD");
        let (b, n) = (
            figure(&row.shown[0]).unwrap(),
            figure(&row.shown[1]).unwrap(),
        );
        assert_eq!(
            row.shown[2],
            signed(n - b, |d| money(d, "USD")),
            "{:?}",
            row.shown
        );
        // At one confidence, the figures alone.
        let rows = comparison(&base, &base, &base_plan, &base_plan);
        let row = rows.iter().find(|r| r.key == "realistic_target").unwrap();
        assert!(!row.shown[0].contains(" at "), "{:?}", row.shown);
    }

    /// 01 pinned at 80% confidence with P(feasible) `p_base`, compared at 99% with `p_now`:
    /// the P(feasible) row as people read it.
    fn p_pinned_at_80_compared_at_99(p_base: f64, p_now: f64) -> [String; 3] {
        let text = include_str!("../../scenarios/01-series-b-first-90-days.toml")
            .replace("samples = 100000", "samples = 2000");
        let base_plan = Scenario::parse(&text, "01").unwrap();
        let mut plan = base_plan.clone();
        plan.confidence = 0.99;
        let mut base = crate::model::headline::headline_drawn(&base_plan);
        let mut now = base.clone();
        (base.p_feasible, now.p_feasible) = (p_base, p_now);
        let rows = comparison(&base, &now, &base_plan, &plan);
        let row = rows.iter().find(|r| r.key == "p_feasible").unwrap();
        row.shown.clone()
    }

    #[test]
    fn a_p_feasible_only_the_confidence_moved_reads_alike_on_both_sides() {
        // 98.954% read `99%` at 80% and `98.9%` at 99%: "-0.1 pts", where the CSV said 0.
        assert_eq!(
            p_pinned_at_80_compared_at_99(0.989_54, 0.989_54),
            ["98.9%", "98.9%", "no change"].map(String::from)
        );
    }

    #[test]
    fn a_p_feasible_that_moved_across_another_confidence_reads_its_change() {
        assert_eq!(
            p_pinned_at_80_compared_at_99(0.989_54, 0.995),
            ["98.9%", "99.5%", "+0.6 pts"].map(String::from)
        );
    }

    #[test]
    fn each_side_reads_as_the_batch_table_reads_its_plan() {
        // The comparison wrote a confidence of 80.05% as "at 80%" (the table "at 80.05%", as
        // written) and 1,234 reps planned as "1230" (the table "1234"); of a plan without a
        // team (03), "no team" where the table says the reps needed are "no team in the plan".
        for text in [
            include_str!("../../scenarios/02-capacity-bound-team.toml"),
            include_str!("../../scenarios/03-mature-vendor-run-rate.toml"),
        ] {
            let text = text.replace("samples = 100000", "samples = 2000");
            let base_plan = Scenario::parse(&text, "plan").unwrap();
            let mut plan = base_plan.clone();
            plan.confidence = 0.8005;
            let base = crate::model::evaluate(&base_plan, false);
            let mut now = crate::model::evaluate(&plan, false);
            if now.headline.assumed_reps.is_some() {
                now.headline.assumed_reps = Some(1234);
            }
            let rows = comparison(&base.headline, &now.headline, &base_plan, &plan);
            for (side, plan, evaluation) in [(0, &base_plan, &base), (1, &plan, &now)] {
                let row = crate::report::Row {
                    file: "plan",
                    scenario: plan,
                    evaluation,
                };
                for column in COLUMNS.iter().filter(|c| c.figure().is_some()) {
                    let compared = rows.iter().find(|r| r.key == column.key).unwrap();
                    assert_eq!(
                        compared.shown[side],
                        column.human(&row),
                        "{}: {}",
                        base_plan.name,
                        column.key
                    );
                }
            }
        }
    }

    #[test]
    fn every_column_that_another_run_of_the_plan_reads_otherwise_is_compared() {
        // A figure of the run added to the batch table as a plain column would be missing from
        // the comparison, unremarked. The uncertainty alone is not compared: it is of a run's
        // samples, not of the plan.
        let text = include_str!("../../scenarios/02-capacity-bound-team.toml")
            .replace("samples = 100000", "samples = 2000");
        let plan = Scenario::parse(&text, "02").unwrap();
        let mut reseeded = plan.clone();
        reseeded.seed += 1;
        let base = crate::model::evaluate(&plan, false);
        let now = crate::model::evaluate(&reseeded, false);
        let rows = comparison(&base.headline, &now.headline, &plan, &reseeded);
        let row = |scenario, evaluation| crate::report::Row {
            file: "02",
            scenario,
            evaluation,
        };
        let compared = |key| rows.iter().any(|r: &Compared| !r.input && r.key == key);
        let uncompared: Vec<&str> = COLUMNS
            .iter()
            .filter(|c| c.key != "p_feasible_se")
            .filter(|c| c.human(&row(&plan, &base)) != c.human(&row(&reseeded, &now)))
            .filter(|c| !compared(c.key))
            .map(|c| c.key)
            .collect();
        assert!(uncompared.is_empty(), "{uncompared:?}");
        // Nor a figure no reseeding moves (the ramped reps the plan has): the columns left out
        // of the comparison are these, each for its reason (`Cells::Plain`), and a new one
        // is a decision, not a default.
        let plain: Vec<&str> = COLUMNS
            .iter()
            .filter(|c| c.figure().is_none())
            .map(|c| c.key)
            .collect();
        assert_eq!(
            plain,
            [
                "name",
                "file",
                "horizon_days",
                "target",
                "p_feasible_se",
                "verdict",
                "currency"
            ]
        );
    }
}
