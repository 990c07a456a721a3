//! The `skypie` binary from the outside: every output format (golden snapshots), the exit
//! codes, the flags, and the promises README makes about them.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::skypie;

const ANECDOTE: &str = "scenarios/01-series-b-first-90-days.toml";
const TEAM: &str = "scenarios/02-capacity-bound-team.toml";
const ALL: [&str; 8] = [
    ANECDOTE,
    TEAM,
    "scenarios/03-mature-vendor-run-rate.toml",
    "scenarios/04-multi-year-plan.toml",
    "scenarios/05-every-distribution.toml",
    "scenarios/06-doubling-with-both-limits.toml",
    "scenarios/07-inputs-that-move-together.toml",
    "scenarios/08-attainment-from-past-quarters.toml",
];

#[test]
fn every_worked_example_is_evaluated_by_these_tests() {
    let mut on_disk: Vec<String> = std::fs::read_dir("scenarios")
        .expect("the scenarios folder")
        .filter_map(|e| e.ok())
        .map(|e| format!("scenarios/{}", e.file_name().to_string_lossy()))
        .filter(|name| name.ends_with(".toml"))
        .collect();
    on_disk.sort();
    assert_eq!(
        on_disk, ALL,
        "a new worked example belongs in ALL (and its snapshots)"
    );
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(args: &[&str]) -> Value {
    let output = skypie(args);
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).expect("eval --format json prints JSON")
}

/// `eval` of every worked example at a small sample count, in the given format.
fn eval_all(format: &str) -> String {
    let mut args = vec!["eval", "--samples", "2000", "--format", format];
    args.extend(ALL);
    let output = skypie(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
}

#[test]
fn json_output_of_every_example_is_stable() {
    insta::assert_snapshot!("eval_json", eval_all("json"));
}

#[test]
fn json_output_over_several_chunks_and_under_sobol_points_is_stable() {
    // The pins above are at 2,000 samples: one chunk, plain Monte Carlo. Chunks folded in
    // another order than theirs, or Sobol points drawn otherwise, moved only last digits that
    // nothing pinned (the means at 30,000 samples, every figure under Sobol points).
    let mut out = String::new();
    for (samples, method) in [("30000", "mc"), ("32768", "sobol")] {
        let args = ["eval", TEAM, "--samples", samples, "--method", method];
        let output = skypie(&[&args[..], &["--format", "json"]].concat());
        assert!(output.status.success(), "{}", stderr(&output));
        out += &stdout(&output);
    }
    insta::assert_snapshot!("eval_json_over_chunks", out);
}

#[test]
fn the_help_says_when_a_sobol_run_takes_more_scrambles_as_json_counts_them() {
    // It said "16 independent scrambles" whatever the size; 2M points take 32.
    let help = stdout(&skypie(&["eval", "--help"])).replace("\n            ", " ");
    assert!(
        help.contains("from 16 independent scrambles (more past 1,048,576, 65,536 points a"),
        "{help}"
    );
    let at = |samples: &str| {
        let args = [
            "eval",
            "scenarios/02-capacity-bound-team.toml",
            "--method",
            "sobol",
        ];
        json(&[&args[..], &["--samples", samples, "--format", "json"]].concat())[0]["replicates"]
            .clone()
    };
    assert_eq!(at("1048576"), 16);
    assert_eq!(at("2097152"), 32);
}

#[test]
fn a_set_written_as_a_change_is_refused_with_the_sum_meant() {
    // `--set capacity.new_reps=+3` set the anecdote's 4 new reps to 3, unsaid.
    let run = |set: &str| skypie(&["eval", ANECDOTE, "--samples", "1000", "--set", set]);
    let output = run("capacity.new_reps=+3");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(
            "capacity.new_reps: found `+3`, a change, expected a whole number from 0 to 1,000,000 \
             (a value typed replaces the one there: type 7 for 4 + 3)"
        ),
        "{}",
        stderr(&output)
    );
    // A sum the input would refuse is not offered; a share gain takes a sign.
    let output = run("capacity.new_reps=+3.5");
    assert!(
        stderr(&output).contains("type the value itself"),
        "{}",
        stderr(&output)
    );
    assert!(run("share.gain_per_year=+5%").status.success());
}

#[test]
fn json_writes_a_gain_typed_minus_zero_as_zero() {
    // It wrote `"assumed_pace": -0.0`.
    let output = skypie(&[
        "eval",
        "--detail",
        "--format",
        "json",
        "--samples",
        "2000",
        "--set",
        "share.gain_per_year=-0%",
        ANECDOTE,
    ]);
    let text = stdout(&output);
    assert!(text.contains("\"assumed_pace\": 0.0,"), "{text}");
    assert!(!text.contains("-0.0"), "{text}");
}

#[test]
fn the_frontiers_capture_column_reads_in_one_notation() {
    // A target of $0.3 needs 0.00000995% in 30 days and 2.12e-7% in 1095: decimals above
    // powers of ten in one column.
    let output = skypie(&[
        "eval",
        "--detail",
        "--samples",
        "2000",
        "--set",
        "target.revenue=0.3",
        "scenarios/04-multi-year-plan.toml",
    ]);
    let text = stdout(&output);
    let frontier = text
        .split("Frontier (")
        .nth(1)
        .unwrap_or_else(|| panic!("no frontier: {text}"));
    let needs: Vec<&str> = frontier
        .lines()
        .filter(|line| line.starts_with("│ ") && line.contains('%'))
        .filter_map(|line| line.split('┆').nth(3))
        .map(|cell| cell.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .collect();
    assert_eq!(needs.len(), 7, "{frontier}");
    assert!(needs.iter().all(|cell| cell.contains('e')), "{needs:?}");
}

#[test]
fn csv_output_is_stable() {
    insta::assert_snapshot!("eval_csv", eval_all("csv"));
}

#[test]
fn markdown_output_is_stable() {
    insta::assert_snapshot!("eval_md", eval_all("md"));
    // `--format markdown` is md, as `--out x.markdown` is (it was refused).
    assert_eq!(eval_all("markdown"), eval_all("md"));
}

#[test]
fn table_output_is_stable() {
    insta::assert_snapshot!("eval_table", eval_all("table"));
}

#[test]
fn detail_output_is_stable() {
    let output = skypie(&["eval", "--samples", "2000", "--detail", ANECDOTE]);
    assert!(output.status.success(), "{}", stderr(&output));
    insta::assert_snapshot!("eval_detail_table", stdout(&output));
}

#[test]
fn a_tornado_of_a_rare_plan_tells_its_pins_apart() {
    // P(feasible) 0.2%: four of the ten ends read "< 0.1%", as 0.02% and 0.018% alike.
    let output = skypie(&["eval", "--detail", "--set", "target.revenue=1M", ANECDOTE]);
    let out = stdout(&output);
    let row = |input: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("│ {input} ")) && l.contains(" pts"))
            .unwrap_or_else(|| panic!("a tornado row for {input}: {out}"))
            .to_string()
    };
    assert!(!out.contains("< 0.1%"), "{out}");
    assert!(row("share.current").contains("┆ 0.02%  ┆ 0.56%"), "{out}");
    assert!(
        row("share.gain_per_year").contains("┆ 0.018% ┆ 0.288%"),
        "{out}"
    );
}

#[test]
fn a_target_beyond_the_whole_market_blames_the_market_not_the_ceiling() {
    // 02 at 1B needs 641% of its market window: "the share's 40% ceiling stops it short" and
    // "out of reach: the ceiling stops it" read as if a higher ceiling would do.
    let output = skypie(&["eval", "--detail", "--set", "target.revenue=1B", TEAM]);
    let out = stdout(&output);
    assert!(
        out.contains("but even the whole serviceable market falls short of the target"),
        "{out}"
    );
    assert!(
        out.contains("out of reach: the whole market falls short"),
        "{out}"
    );
    assert!(!out.contains("ceiling"), "{out}");
    // Where the whole market would do, the ceiling is still what stops it; and so where the
    // sentence says the target needs less than the whole window (156M, "needs 99.97%"), though
    // at the medians the whole market falls a hair short.
    for target in ["100M", "156M"] {
        let set = format!("target.revenue={target}");
        let out = stdout(&skypie(&["eval", "--set", &set, TEAM]));
        assert!(
            out.contains("but the share's 40% ceiling stops it short"),
            "{out}"
        );
    }
}

#[test]
fn a_plan_with_nothing_realistic_is_offered_no_target_of_zero() {
    // An empty market books nothing: the target lever read "makes it realistic: $0", a target
    // no file can hold (it must be above 0).
    let output = skypie(&["eval", "--detail", "--set", "market.size=0", ANECDOTE]);
    let out = stdout(&output);
    let row = out
        .lines()
        .find(|l| l.starts_with("│ target.revenue "))
        .unwrap_or_else(|| panic!("the target's lever: {out}"));
    assert!(
        row.contains("┆ out of reach (no target above 0 is realistic at 80%)"),
        "{row}"
    );
    // Nor is a bigger multiple of nothing, or a longer horizon over it: "not within ×100" and
    // "not within 3650 days" read as if more might.
    for lever in [
        "│ horizon_days ",
        "│ market.size ",
        "│ share.gain_per_year ",
    ] {
        let levers = out
            .split_once("What would make it realistic")
            .map_or("", |(_, levers)| levers);
        let row = levers
            .lines()
            .find(|l| l.starts_with(lever))
            .unwrap_or_else(|| panic!("{lever}: {out}"));
        assert!(row.contains("┆ out of reach (empty market)"), "{row}");
    }
}

#[test]
fn a_market_size_the_team_keeps_out_of_reach_says_the_team_binds() {
    // 02 without an installed base: a larger market grows no revenue past the team's, and the
    // lever read "not within ×100" beside the other levers naming the limit that binds.
    let out = stdout(&skypie(&[
        "eval",
        "--detail",
        "--samples",
        "2000",
        "--set",
        "share.current=0",
        TEAM,
    ]));
    let levers = out
        .split_once("What would make it realistic")
        .map_or("", |(_, levers)| levers);
    let row = levers
        .lines()
        .find(|l| l.starts_with("│ market.size "))
        .unwrap_or_else(|| panic!("the market size's lever: {out}"));
    assert!(
        row.contains("┆ out of reach (at ×100, the team binds in 100% of samples)"),
        "{row}"
    );
}

#[test]
fn the_batch_table_reads_the_market_binding_as_the_report_does() {
    // 02 with ten reps: the table's `market binds 98.2%` beside the report's "98.18%" (read
    // beside the team's 1.82%).
    let out = stdout(&skypie(&["eval", "--set", "capacity.reps=10", TEAM]));
    assert!(
        out.lines()
            .any(|l| l.starts_with("│ market binds ") && l.contains("┆ 98.18% ")),
        "{out}"
    );
}

#[test]
fn a_tornado_tells_apart_two_pins_that_differ_by_less_than_its_digits() {
    // 07's quota moves P(feasible) from 77.614% to 77.622%: both read "77.6%", beside a swing
    // of "0 pts", in a tornado ranked by that swing. The swing is the swing's own figure (a
    // hundredth of a point between the rounded pins).
    let output = skypie(&[
        "eval",
        "--detail",
        "scenarios/07-inputs-that-move-together.toml",
    ]);
    let out = stdout(&output);
    let row = out
        .lines()
        .find(|l| l.starts_with("│ capacity.quota_per_rep ") && l.contains(" pts"))
        .unwrap_or_else(|| panic!("the quota's tornado row: {out}"));
    assert!(row.contains("┆ 77.61%  ┆ 77.62%  ┆ 0.008 pts "), "{row}");
    assert!(!out.contains(" 0 pts "), "{out}");
}

#[test]
fn a_tornado_of_realistic_targets_reads_them_as_the_headline_does() {
    // A target written with four digits shows the realistic target with four ($313.6k); the
    // tornado's pins read three ($313k), and an input that moves nothing read another figure
    // than the headline's beside it.
    let output = skypie(&[
        "eval",
        "--detail",
        "--samples",
        "5000",
        "--set",
        "target.revenue=3.183M",
        ANECDOTE,
    ]);
    let out = stdout(&output);
    let realistic = out
        .lines()
        .find(|l| l.starts_with("│ realistic target "))
        .and_then(|l| l.split('┆').nth(1))
        .and_then(|cell| cell.trim_end_matches('│').trim().strip_suffix(" at 80%"))
        .unwrap_or_else(|| panic!("a realistic target: {out}"));
    assert_eq!(realistic, "$313.6k", "{out}");
    let unmoved = out
        .lines()
        .find(|l| l.starts_with("│ capacity.attainment ") && l.contains("┆ $0 "))
        .unwrap_or_else(|| panic!("a pin that moves nothing: {out}"));
    assert!(
        unmoved.contains(&format!("┆ {realistic} ┆ {realistic} ┆")),
        "{unmoved}"
    );
}

#[test]
fn a_plan_exactly_on_its_line_reads_on_it_in_every_row_of_the_time_path() {
    // 30% of a flat 100M market books 90M over three years on a straight line: the required
    // line read "$82.3M" (to the nearest) beside "$82.2M" booked (rounded down) on day 1001.
    let out = detail_md_of(
        "schema = 1\nhorizon_days = 1095\n[target]\nrevenue = \"90M\"\n[market]\n\
         size = \"100M\"\ngrowth = 0\n[share]\ncurrent = \"30%\"\ngain_per_year = 0\n\
         [run]\nsamples = 100\n",
    );
    let rows = time_path_rows(&out);
    assert!(rows.len() >= 100, "{out}");
    for row in rows {
        // day, required, P10, P50, P90: every one the line's figure.
        assert!(row[2..6].iter().all(|cell| *cell == row[2]), "{row:?}");
    }
}

#[test]
fn a_line_a_rounding_above_a_round_figure_reads_that_figure() {
    // 10% of a flat 36.5M market books exactly 10k a day; the line's 700k on day 70 comes out
    // 700,000.0000000001 in doubles and read "$701k", rounded up as a requirement, beside a
    // booking of exactly 700k (docs/MODEL.md §5: a rounding short is made).
    let out = detail_md_of(
        "schema = 1\nhorizon_days = 1000\n[target]\nrevenue = \"10M\"\n[market]\n\
         size = \"36.5M\"\n[share]\ncurrent = \"10%\"\n[run]\nsamples = 101\n",
    );
    let rows = time_path_rows(&out);
    assert!(rows.len() >= 50, "{out}");
    for row in rows {
        let day: f64 = row[1].trim_end_matches(" (plan)").parse().unwrap();
        let required = parse_money(row[2]);
        assert!((required / (day * 10_000.0) - 1.0).abs() < 1e-12, "{row:?}");
        assert!(row[2..6].iter().all(|cell| *cell == row[2]), "{row:?}");
    }
}

#[test]
fn a_quantile_short_of_its_line_never_reads_on_it_in_the_time_path() {
    // 04's P90 by day 902 is 14,804,041 against a line of 14,827,397: both read "$14.8M", the
    // booking rounded down and the line to the nearest. The line is a requirement, rounded up.
    let output = skypie(&[
        "eval",
        "--detail",
        "-f",
        "md",
        "scenarios/04-multi-year-plan.toml",
    ]);
    let json = json(&[
        "eval",
        "--detail",
        "scenarios/04-multi-year-plan.toml",
        "-f",
        "json",
    ]);
    let out = stdout(&output);
    let rows = time_path_rows(&out);
    let path = json[0]["time_path"].as_array().expect("a time path");
    assert_eq!(rows.len(), path.len(), "{out}");
    let read = |cell: &str| parse_money(cell);
    let mut short_seen = 0;
    for (row, p) in rows.iter().zip(path) {
        let required = p["required"].as_f64().unwrap();
        for (cell, key) in row[3..6].iter().zip(["p10", "p50", "p90"]) {
            let booked = p[key].as_f64().unwrap();
            if booked < required * (1.0 - 1e-12) {
                short_seen += 1;
                assert!(
                    read(cell) < read(row[2]),
                    "{key} short of the line reads on it: {row:?}"
                );
            }
        }
    }
    assert!(short_seen > 100, "{out}");
}

/// `eval --detail -f md` of a plan written as `scenario`: its standard output.
fn detail_md_of(scenario: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("line.toml");
    std::fs::write(&plan, scenario).unwrap();
    stdout(&skypie(&[
        "eval",
        "--detail",
        "-f",
        "md",
        &plan.to_string_lossy(),
    ]))
}

/// The time path's rows of a `--detail` Markdown output, each cell trimmed (the first and
/// last empty, around the table's bars): day, required, P10, P50, P90.
fn time_path_rows(out: &str) -> Vec<Vec<&str>> {
    out.lines()
        .skip_while(|l| !l.contains("Time path"))
        .take_while(|l| !l.contains("Frontier"))
        .filter(|l| l.starts_with("| ") && l.as_bytes().get(2).is_some_and(u8::is_ascii_digit))
        .map(|l| l.split('|').map(str::trim).collect())
        .collect()
}

/// An amount as the tables write it (`$14.8M`, `$181k`), typed back.
fn parse_money(cell: &str) -> f64 {
    let digits = cell.trim_start_matches('$');
    let (number, scale) = match digits.chars().last() {
        Some('k') => (&digits[..digits.len() - 1], 1e3),
        Some('M') => (&digits[..digits.len() - 1], 1e6),
        Some('B') => (&digits[..digits.len() - 1], 1e9),
        _ => (digits, 1.0),
    };
    number
        .replace(',', "")
        .parse::<f64>()
        .unwrap_or_else(|_| panic!("an amount: {cell}"))
        * scale
}

#[test]
fn the_share_gain_lever_says_its_figure_is_a_median_moved_with_every_sample() {
    // 01 over 200 days needs about 45.7 pts/yr at the median; typed as one value in place of
    // its range, that read a stretch: the lever moves every sample by the same points.
    let run = |gain: &str| {
        let set = format!("share.gain_per_year={gain}");
        let out = skypie(&[
            "eval",
            "--detail",
            "--samples",
            "5000",
            "--set",
            "horizon_days=200",
            "--set",
            &set,
            ANECDOTE,
        ]);
        stdout(&out)
    };
    let note = |out: &str| {
        out.lines()
            .find(|l| l.starts_with("The share gain's figure is its median"))
            .unwrap_or_else(|| panic!("the note under the levers: {out}"))
            .to_string()
    };
    // A normal range moved by as much moves every sample by as much: the plan figured. Its
    // low end rises past 0, where a range of those ends reads as a lognormal (61% where the
    // lever promised 80%): the note gives it as its table, which typed back is realistic.
    let normal = note(&run("-1% to 9%"));
    assert!(
        normal.contains("move the range by as much instead, written as its table, {"),
        "{normal}"
    );
    let table = normal
        .split_once("written as its table, ")
        .and_then(|(_, rest)| rest.split_once(" }"))
        .map(|(table, _)| format!("{table} }}"))
        .unwrap_or_else(|| panic!("{normal}"));
    assert!(table.starts_with("{ dist = \"normal\", low = "), "{table}");
    let typed_back = run(&table);
    assert!(
        typed_back.contains("│ verdict             ┆ realistic"),
        "{table}: {typed_back}"
    );
    // A lognormal's does not (its spread follows its ends: 80.1% at the lever read 79.9%, a
    // stretch, moved so).
    let lognormal = note(&run("2% to 9%"));
    assert!(
        lognormal.contains("so is its range moved by as much, as a lognormal's spread"),
        "{lognormal}"
    );
    assert!(!lognormal.contains("instead"), "{lognormal}");
    // One value: typed back, the figure is the plan, and nothing needs saying.
    let out = run("5%");
    assert!(out.contains("│ share.gain_per_year ┆ 5 pts/yr"), "{out}");
    assert!(!out.contains("The share gain's figure"), "{out}");
}

#[test]
fn the_share_gain_notes_shift_from_today_adds_up_to_the_levers_figure() {
    // The lever read "5.48 pts/yr ┆ 17.8 pts/yr" (its figure rounded up) over "+12.2 pts/yr
    // from today's 5.48 pts/yr" (the shift rounded to the nearest): 17.68 on a calculator.
    let out = stdout(&skypie(&[
        "eval",
        "--detail",
        "--set",
        "target.revenue=1.2M",
        "--set",
        "horizon_days=180",
        "--set",
        "market.size=30M to 80M",
        ANECDOTE,
    ]));
    let paces = |text: &str| -> Vec<f64> {
        text.split(" pts/yr")
            .filter_map(|before| before.rsplit([' ', '(', '+']).next()?.parse().ok())
            .collect()
    };
    let row = out
        .lines()
        .find(|l| l.contains("share.gain_per_year") && l.contains("pts/yr ┆"))
        .unwrap_or_else(|| panic!("the lever's row: {out}"));
    let [today, lever] = paces(row)[..] else {
        panic!("today's figure and the lever's: {row}")
    };
    let note = out
        .lines()
        .find(|l| l.starts_with("The share gain's figure is its median"))
        .unwrap_or_else(|| panic!("the note under the levers: {out}"));
    let [by, from] = paces(note)[..2] else {
        panic!("the shift and today's figure: {note}")
    };
    assert_eq!(from, today, "{note}\n{row}");
    assert!(
        (today + by - lever).abs() < 1e-9,
        "{today} + {by} ≠ {lever}: {note}"
    );
}

#[test]
fn a_share_gain_shift_too_small_for_the_figures_decimals_keeps_its_sign() {
    // 07 with growth and share gain moving together is already realistic; its lever lowers
    // the share gain a hair, and both figures read 2.45 pts/yr: the note said "+0.00 pts/yr
    // from today's 2.45 pts/yr" (the live session "share gain: +0.00 pts/yr on every sample").
    let out = stdout(&skypie(&[
        "eval",
        "--detail",
        "--set",
        "market.growth ~ share.gain_per_year=0.3",
        "scenarios/07-inputs-that-move-together.toml",
    ]));
    let note = out
        .lines()
        .find(|l| l.starts_with("The share gain's figure is its median"))
        .unwrap_or_else(|| panic!("the note under the levers: {out}"));
    let by = note
        .split_once("same points (")
        .and_then(|(_, after)| after.split_once(" pts/yr from today's"))
        .and_then(|(by, _)| by.parse::<f64>().ok())
        .unwrap_or_else(|| panic!("the shift: {note}"));
    assert!(by < 0.0, "{note}");
}

#[test]
fn json_carries_every_key_of_the_spec() {
    let all = json(&[
        "eval",
        "--samples",
        "2000",
        "--format",
        "json",
        ANECDOTE,
        TEAM,
    ]);
    let records = all.as_array().expect("a JSON array");
    assert_eq!(records.len(), 2);
    for record in records {
        for key in [
            "name",
            "file",
            "horizon_days",
            "target",
            "samples",
            "seed",
            "confidence",
            "p_feasible",
            "p_feasible_se",
            "verdict",
            "market_in_window",
            "required_capture",
            "achievable_revenue",
            "achievable_capture",
            "required_pace",
            "assumed_pace",
            "required_reps",
            "assumed_reps",
            "realistic_target",
            "binding",
            "warnings",
            "currency",
        ] {
            assert!(record.get(key).is_some(), "missing {key}");
        }
        // Both examples have a sales team: what it needs beside what it has.
        assert!(record["required_reps"].is_number());
        assert!(record["assumed_reps"].is_u64());
        for summary in [
            "market_in_window",
            "required_capture",
            "achievable_revenue",
            "achievable_capture",
        ] {
            for part in ["p10", "p50", "p90", "mean"] {
                assert!(record[summary][part].is_number(), "{summary}.{part}");
            }
        }
        assert!(record["binding"]["market"].is_number());
        assert!(record["binding"]["capacity"].is_number());
        assert!(
            record.get("sensitivity").is_none(),
            "detail only with --detail"
        );
    }
    assert_eq!(records[0]["file"], ANECDOTE);
    assert_eq!(records[0]["verdict"], "pie-in-the-sky");
}

#[test]
fn detail_adds_sensitivity_levers_time_path_and_frontier() {
    let all = json(&[
        "eval",
        "--samples",
        "2000",
        "--detail",
        "--format",
        "json",
        TEAM,
    ]);
    let record = &all[0];
    assert_eq!(record["sensitivity_of"], "p_feasible");
    let bar = &record["sensitivity"][0];
    for key in ["input", "p_low", "p_high", "swing"] {
        assert!(bar.get(key).is_some(), "sensitivity.{key}");
    }
    assert!(
        record.get("combined_lever").is_some_and(|c| c.is_null()),
        "reps alone reach it, so no pair is needed"
    );
    let levers: Vec<&str> = record["levers"]
        .as_array()
        .expect("levers")
        .iter()
        .map(|l| l["input"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        levers,
        [
            "target.revenue",
            "horizon_days",
            "market.size",
            "share.gain_per_year",
            "capacity.reps"
        ]
    );
    let last = record["time_path"]
        .as_array()
        .and_then(|p| p.last())
        .expect("time path");
    assert_eq!(last["day"], 365);
    for key in ["required", "p10", "p50", "p90"] {
        assert!(last[key].is_number(), "time_path.{key}");
    }
    let frontier = record["frontier"].as_array().expect("frontier");
    let days: Vec<u64> = frontier.iter().filter_map(|f| f["days"].as_u64()).collect();
    assert_eq!(days, [30, 60, 90, 180, 365, 730]);
    for key in ["p_feasible", "realistic_target", "required_capture_p50"] {
        assert!(frontier[0][key].is_number(), "frontier.{key}");
    }
}

#[test]
fn the_thread_count_never_changes_the_output() {
    let run = |threads: &str| {
        let mut args = vec!["eval", "--samples", "30000", "--detail", "--format", "json"];
        args.extend(["--threads", threads]);
        args.extend(ALL);
        let output = skypie(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(
            stdout(&output).contains("\"time_path\""),
            "a full detailed run"
        );
        stdout(&output)
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert_eq!(one, run("1"), "and runs repeat exactly");
}

#[test]
fn the_largest_seed_is_a_seed() {
    let all = json(&[
        "eval",
        "--samples",
        "2000",
        "--format",
        "json",
        "--seed",
        "18446744073709551615",
        TEAM,
    ]);
    assert_eq!(all[0]["seed"], 18446744073709551615u64);
}

#[test]
fn a_seed_written_with_an_exponent_or_a_decimal_point_is_the_seed_written() {
    // `--seed 1e16` was refused as "a whole number ≥ 0, at most 18446744073709551615", and
    // `9007199254740993.0` (past 2^53) became the seed 9007199254740992, unsaid.
    for (written, seed) in [
        ("1e16", 10_000_000_000_000_000u64),
        ("9007199254740993.0", 9_007_199_254_740_993),
        ("1e19", 10_000_000_000_000_000_000),
        // TOML's underscores, in the exponent too.
        ("1e1_6", 10_000_000_000_000_000),
        ("5e0_0", 5),
    ] {
        let by_option = json(&[
            "eval",
            "--samples",
            "2000",
            "--format",
            "json",
            "--seed",
            written,
            TEAM,
        ]);
        assert_eq!(by_option[0]["seed"], seed, "--seed {written}");
        let dir = tempfile::tempdir().expect("a temporary folder");
        let file = dir.path().join("plan.toml");
        let text = std::fs::read_to_string(TEAM).expect("the example");
        let text = text.replace("seed = 2", &format!("seed = {written}"));
        assert!(text.contains(&format!("seed = {written}")));
        std::fs::write(&file, text).expect("a copy");
        let in_file = json(&[
            "eval",
            "--samples",
            "2000",
            "--format",
            "json",
            &file.to_string_lossy(),
        ]);
        assert_eq!(in_file[0]["seed"], seed, "seed = {written}");
    }
    // Not a whole number, or past what a seed holds: refused.
    for refused in ["1.5", "1e20"] {
        let output = skypie(&["eval", "--seed", refused, TEAM]);
        assert_eq!(output.status.code(), Some(2), "{refused}");
    }
}

#[test]
fn a_different_seed_changes_the_output() {
    let run = |seed: &str| {
        stdout(&skypie(&[
            "eval",
            "--samples",
            "2000",
            "--format",
            "json",
            "--seed",
            seed,
            TEAM,
        ]))
    };
    assert_ne!(run("1"), run("2"));
}

#[test]
fn under_sobol_points_the_levers_and_frontier_say_a_value_run_anew_agrees_within_its_error() {
    // 03's horizon lever read "still realistic as far as 360 days" and its frontier "realistic
    // from day 360"; run at 360 days the plan read 79.99%, a stretch, and nothing said why.
    let said = "Under Sobol points these figures are on this run's points";
    for format in ["table", "md"] {
        let sobol = stdout(&skypie(&[
            "eval",
            "scenarios/03-mature-vendor-run-rate.toml",
            "--detail",
            "--method",
            "sobol",
            "--samples",
            "4096",
            "--format",
            format,
        ]));
        // Under the levers and under the frontier.
        assert_eq!(sobol.matches(said).count(), 2, "{sobol}");
        let mc = stdout(&skypie(&[
            "eval",
            "scenarios/03-mature-vendor-run-rate.toml",
            "--detail",
            "--samples",
            "4096",
            "--format",
            format,
        ]));
        assert!(!mc.contains(said), "{mc}");
    }
    // And the board report, under its levers and its frontier.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("r.html");
    let output = skypie(&[
        "report",
        "scenarios/03-mature-vendor-run-rate.toml",
        "--method",
        "sobol",
        "--samples",
        "4096",
        "--out",
        &out.to_string_lossy(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let html = std::fs::read_to_string(&out).expect("the report");
    assert_eq!(html.matches(said).count(), 2, "{html}");
}

#[test]
fn rerunning_at_the_realistic_target_is_realistic() {
    let first = json(&["eval", "--samples", "5000", "--format", "json", TEAM]);
    let target = first[0]["realistic_target"].as_f64().expect("a number");
    let set = format!("target.revenue={target}");
    let again = json(&[
        "eval",
        "--samples",
        "5000",
        "--format",
        "json",
        "--set",
        &set,
        TEAM,
    ]);
    assert_eq!(again[0]["target"].as_f64(), Some(target));
    assert_eq!(again[0]["verdict"], "realistic");
}

/// The amount in a figure as shown (`$314k`, `€5.93M`, `1.2M CHF`), as it would be typed.
fn typed_back(shown: &str) -> String {
    let amount = shown.trim_start_matches(['$', '€', '£', '¥']);
    amount.split(' ').next().unwrap_or(amount).to_string()
}

#[test]
fn the_realistic_target_as_shown_is_realistic_when_typed_back() {
    // Shown at three digits, rounded down: $20,281,428 reads $20.2M, for $20.3M is a stretch.
    for file in ALL {
        let table = stdout(&skypie(&["eval", "--samples", "20000", file]));
        let shown = table
            .split("confidence: ")
            .nth(1)
            .and_then(|rest| rest.split(". ").next())
            .unwrap_or_else(|| panic!("{file}: no realistic target in\n{table}"));
        let set = format!("target.revenue={}", typed_back(shown));
        let again = json(&[
            "eval",
            "--samples",
            "20000",
            "--format",
            "json",
            "--set",
            &set,
            file,
        ]);
        assert_eq!(again[0]["verdict"], "realistic", "{file}: {set}");
    }
}

#[test]
fn a_target_just_above_the_realistic_one_never_reads_the_same() {
    // A target one dollar above the realistic one is a stretch: the sentence, the table and
    // the target lever show both with the digits it takes to tell them apart (04's
    // $11,610,783 and $11,610,784 read "$11.6M" both at three digits, as 05's and 07's do).
    // The share-gain check below runs where the lever has a value; it must run somewhere.
    let mut paces_compared = 0;
    for file in ALL {
        let exact = json(&["eval", "--format", "json", "--samples", "20000", file]);
        let realistic = exact[0]["realistic_target"]
            .as_f64()
            .expect("a realistic target");
        let set = format!("target.revenue={}", realistic + 1.0);
        let args = [
            "eval",
            "--detail",
            "--samples",
            "20000",
            "--set",
            &set,
            file,
        ];
        let table = stdout(&skypie(&args));
        let sentence = table
            .lines()
            .find(|l| l.contains(" confidence: "))
            .unwrap_or_else(|| panic!("{file}: no sentence in\n{table}"));
        let target = sentence
            .split(": ")
            .nth(1)
            .and_then(|r| r.split(' ').next());
        let shown = sentence
            .split("confidence: ")
            .nth(1)
            .and_then(|r| r.split(". ").next());
        let (Some(target), Some(shown)) = (target, shown) else {
            panic!("{file}: no target or realistic target in {sentence}");
        };
        assert_ne!(target, shown, "{file}: {sentence}");
        // The table's rows and the target lever show the same pair.
        for (row, figure) in [("│ target ", target), ("│ realistic target ", shown)] {
            let line = table.lines().find(|l| l.starts_with(row));
            assert!(
                line.is_some_and(|l| l.contains(figure)),
                "{file}: {row}{figure}"
            );
        }
        let lever = table.lines().find(|l| l.starts_with("│ target.revenue "));
        let lever = lever.unwrap_or_else(|| panic!("{file}: no target lever in\n{table}"));
        assert!(lever.contains(shown), "{file}: {lever} beside {sentence}");
        assert!(
            lever.contains(target),
            "{file}: today's {target} in {lever}"
        );
        // So close to realistic, the share gain needed is a hair above the one planned: the
        // levers table's "today" and value read apart too (its row, not the tornado's).
        let gain = table
            .lines()
            .find(|l| l.starts_with("│ share.gain_per_year ") && l.contains("pts/yr"));
        if let Some(cells) = gain.map(|l| {
            l.split('┆')
                .map(|c| c.trim_matches(['│', ' ']))
                .collect::<Vec<_>>()
        }) && cells[2].ends_with("pts/yr")
        {
            assert_ne!(cells[1], cells[2], "{file}: {cells:?}");
            paces_compared += 1;
        }
        // The realistic target as shown, typed back, is still realistic.
        let back = format!("target.revenue={}", typed_back(shown));
        let args = [
            "eval",
            "--format",
            "json",
            "--samples",
            "20000",
            "--set",
            &back,
            file,
        ];
        assert_eq!(json(&args)[0]["verdict"], "realistic", "{file}: {back}");
    }
    assert!(
        paces_compared > 0,
        "no share-gain lever with a value to compare"
    );
}

#[test]
fn a_pace_planned_just_short_of_the_one_needed_reads_apart_in_the_table_as_in_the_sentence() {
    // Every input fixed, one year, no growth: the target needs 2·R/M = 3.749 pts/yr and the
    // plan assumes 3.748, both "3.75 pts/yr" at three digits.
    let args = [
        "eval",
        ANECDOTE,
        "--samples",
        "2000",
        "--set",
        "horizon_days=365",
        "--set",
        "market.size=100M",
        "--set",
        "market.growth=0",
        "--set",
        "market.serviceable=1",
        "--set",
        "share.current=0",
        "--set",
        "share.gain_per_year=3.748%",
        "--set",
        "target.revenue=1874500",
    ];
    let output = skypie(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.contains("Market: needs 3.749 pts/yr, plans 3.748 pts/yr"),
        "{out}"
    );
    for (row, figure) in [
        ("│ pace needed ", "3.749 pts/yr"),
        ("│ pace planned ", "3.748 pts/yr"),
    ] {
        let line = out.lines().find(|l| l.starts_with(row));
        assert!(
            line.is_some_and(|l| l.contains(figure)),
            "{row}{figure} in\n{out}"
        );
    }
}

#[test]
fn a_plan_losing_share_faster_than_the_target_allows_is_never_read_as_covered() {
    // 03 with its share falling 2–6 pts/yr: the target allows a loss of 3.44 a year at the
    // medians and the plan loses 4, the market binding in every sample. Its need, below zero,
    // read "already covered by today's share" beside a long shot.
    let mature = "scenarios/03-mature-vendor-run-rate.toml";
    let output = skypie(&["eval", mature, "--set", "share.gain_per_year=-6% to -2%"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(!out.contains("covered by today's share"), "{out}");
    assert!(
        out.contains("Market: needs -3.43 pts/yr, plans -4 pts/yr"),
        "{out}"
    );
    // Losing less than the target allows is covered, as before.
    let output = skypie(&["eval", mature, "--set", "share.gain_per_year=-3% to -1%"]);
    let out = stdout(&output);
    assert!(
        out.contains("Market: already covered by today's share"),
        "{out}"
    );
}

#[test]
fn an_output_never_replaces_a_plans_session_log_but_may_replace_a_file_named_like_one() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.toml");
    std::fs::copy(ANECDOTE, &plan).unwrap();
    let log = dir.path().join("plan.toml.session.md");
    std::fs::write(&log, "## Session of 2026-11-23 09:30:00 (A and B)\n").unwrap();
    let plan_arg = plan.to_string_lossy().into_owned();
    let out = |path: &std::path::Path| {
        let path = path.to_string_lossy().into_owned();
        skypie(&[
            "eval",
            "--samples",
            "500",
            "--out",
            &path,
            "-f",
            "md",
            &plan_arg,
        ])
    };
    let refused = out(&log);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("is a session log: writing it would replace the record"),
        "{}",
        stderr(&refused)
    );
    assert!(
        std::fs::read_to_string(&log)
            .unwrap()
            .starts_with("## Session of")
    );
    // An earlier Markdown output named so, beside no plan of that name: replaced.
    let weekly = dir.path().join("weekly.session.md");
    std::fs::write(&weekly, "| scenario | file | days |\n").unwrap();
    assert!(out(&weekly).status.success());
    assert!(
        std::fs::read_to_string(&weekly)
            .unwrap()
            .contains("Series B")
    );
}

#[test]
fn a_market_size_lever_as_shown_makes_the_plan_realistic() {
    // 02's market must grow by ×1.1803: shown ×1.19, since ×1.18 leaves it a stretch.
    let table = stdout(&skypie(&["eval", "--detail", TEAM]));
    let line = table
        .lines()
        .find(|l| l.contains("market.size") && l.contains('×'))
        .unwrap_or_else(|| panic!("no market.size lever in\n{table}"));
    // The lever's value, after today's ×1.
    let factor: f64 = line
        .rsplit('×')
        .next()
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|x| x.parse().ok())
        .unwrap_or_else(|| panic!("no factor in {line}"));
    // The file's "250M to 350M", scaled: the same samples, each times the factor.
    let set = format!("market.size={} to {}", 250e6 * factor, 350e6 * factor);
    let scaled = json(&["eval", "--format", "json", "--set", &set, TEAM]);
    assert_eq!(scaled[0]["verdict"], "realistic", "{set}");
}

#[test]
fn the_levers_of_a_plan_already_realistic_say_how_far_it_could_go() {
    // 03 is realistic: "0 reps" or "×0.986" is room to spare, not what would make it so.
    let mature = "scenarios/03-mature-vendor-run-rate.toml";
    for format in ["table", "md"] {
        let detail = |file| {
            let args = [
                "eval",
                "--detail",
                "--samples",
                "5000",
                "--format",
                format,
                file,
            ];
            stdout(&skypie(&args))
        };
        let out = detail(mature);
        assert!(
            out.contains("Already realistic: how far each lever alone could go")
                && out.contains("still realistic as far as"),
            "{format}: {out}"
        );
        assert!(!out.contains("What would make it realistic"), "{format}");
        let anecdote = detail(ANECDOTE);
        assert!(
            anecdote.contains("What would make it realistic"),
            "{format}"
        );
    }
}

#[test]
fn p_feasible_just_below_a_threshold_never_reads_as_on_it() {
    // One dollar above the realistic target: P(feasible) 0.79999, a stretch at 80%. Every
    // P(feasible) in the output reads 79.9%, the frontier's and the tornado's too.
    let args = [
        "eval",
        ANECDOTE,
        "--detail",
        "--set",
        "share.gain_per_year=14% to 27%",
        "--set",
        "target.revenue=461162",
    ];
    let json = json(&[&args[..], &["--format", "json"]].concat());
    assert_eq!(json[0]["p_feasible"].as_f64(), Some(0.79999));
    assert_eq!(json[0]["verdict"], "stretch");
    for format in ["table", "md"] {
        let out = stdout(&skypie(&[&args[..], &["--format", format]].concat()));
        assert!(out.contains("79.9%"), "{out}");
        // The confidence itself is 80% (the sentence's "at 80% confidence", the realistic
        // target's "at 80%", the frontier's "realistic (P ≥ 80%) from day …").
        let on_it = out.replace(" at 80%", "").replace("(P ≥ 80%)", "");
        assert!(!on_it.contains(" 80%"), "{format}: {out}");
    }
    // The board report's charts too: the frontier's bar of the plan's horizon and the tornado.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let page = dir.path().join("plan.html");
    let out = page.to_string_lossy();
    let report = skypie(&[&["report", ANECDOTE], &args[3..], &["--out", &out]].concat());
    assert!(report.status.success(), "{}", stderr(&report));
    let html = std::fs::read_to_string(&page).expect("the report");
    assert!(html.contains(">P 79.9%<") && html.contains(">now 79.9%<"));
    assert!(!html.contains(">P 80%<") && !html.contains(">now 80%<"));
}

#[test]
fn a_target_todays_share_books_to_the_last_bit_needs_no_pace_in_floating_point_noise() {
    // A flat market of 100M, 10% of it today, the target that 10% over a year: today's share
    // books it, but for a rounding. The pace needed read "-4.16e-15 pts/yr" (table, sentence,
    // report) and the share-gain lever "0.0000763 pts/yr", the search's width showing.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let plan = dir.path().join("losing.toml");
    let text = "schema = 1\nname = \"losing share\"\nhorizon_days = 365\n[target]\nrevenue = \"10M\"\n\
                [market]\nsize = \"100M\"\n[share]\ncurrent = 0.1\ngain_per_year = -0.2\n\
                [run]\nsamples = 1000\n";
    std::fs::write(&plan, text).expect("the plan written");
    let output = skypie(&["eval", &plan.to_string_lossy(), "--detail"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(!out.contains("e-1"), "{out}");
    assert!(
        out.contains("Market: needs 0 pts/yr, plans -20 pts/yr"),
        "{out}"
    );
    let row = |start: &str| {
        out.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_default()
    };
    assert!(row("│ pace needed ").contains("┆ 0 pts/yr "), "{out}");
    assert!(
        row("│ share.gain_per_year ").contains("┆ 0 pts/yr"),
        "{out}"
    );
    // The rounding above 0: 30% of 100M over three years is 90M less a rounding. Beside a
    // plan that loses share it read "needs 1.24e-15 pts/yr"; a plan of 0, which falls short
    // by it alone, read "pie in the sky" at P(feasible) 0% beside a realistic target of
    // $89.9M: a rounding short is made, so today's share covers it.
    let three_years = |gain: &str| {
        let text = format!(
            "schema = 1\nhorizon_days = 1095\n[target]\nrevenue = \"90M\"\n[market]\n\
             size = \"100M\"\n[share]\ncurrent = 0.3\ngain_per_year = {gain}\n\
             [run]\nsamples = 1000\n"
        );
        std::fs::write(&plan, text).expect("the plan written");
        let output = skypie(&["eval", &plan.to_string_lossy()]);
        assert!(output.status.success(), "{}", stderr(&output));
        stdout(&output)
    };
    let out = three_years("-0.2");
    assert!(
        out.contains("Market: needs 0 pts/yr, plans -20 pts/yr"),
        "{out}"
    );
    let out = three_years("0");
    assert!(out.contains("P(feasible) 100%"), "{out}");
    assert!(
        out.contains("realistic. Realistic at 80% confidence: $90M."),
        "{out}"
    );
    assert!(
        out.contains("Market: already covered by today's share"),
        "{out}"
    );
}

#[test]
fn counts_said_together_are_grouped_alike() {
    // A market that is empty in about 9% of 100,000 samples read "empty in 9388 of 100,000
    // samples": a four-digit count beside a grouped one is grouped too.
    let output = skypie(&["eval", ANECDOTE, "--set", "market.size=-10M to 90M"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    let said = out
        .lines()
        .find_map(|l| l.strip_prefix("warning: the market window is empty in "))
        .unwrap_or_else(|| panic!("no empty-window warning: {out}"));
    let (empty, rest) = said.split_once(" of ").expect("a count of a whole");
    assert!(rest.starts_with("100,000 samples"), "{said}");
    assert!(
        empty.len() == 5 && empty.as_bytes()[1] == b',',
        "a four-digit count beside 100,000, grouped as it is: {said}"
    );
}

#[test]
fn an_empty_market_is_said_in_words_not_as_an_infinite_pace() {
    let empty = [
        "eval",
        ANECDOTE,
        "--set",
        "market.size=0",
        "--samples",
        "2000",
    ];
    let output = skypie(&empty);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.contains("Market: empty, no share to gain · Team: needs"),
        "{out}"
    );
    assert!(!out.contains("needs ∞ pts/yr"), "{out}");
    assert!(
        out.contains("warning: required_pace is undefined: the median serviceable market is 0")
    );
    // A market of 1e-300 is as empty: its pace overflows, and nothing prints as `inf`.
    let output = skypie(&["eval", ANECDOTE, "--set", "market.size=1e-300"]);
    let out = stdout(&output);
    assert!(out.contains("Market: empty, no share to gain ·"), "{out}");
    // An empty market has no ceiling to stop it: 02's read "empty, no share to gain, but the
    // share's 40% ceiling stops it short".
    let plan = "scenarios/02-capacity-bound-team.toml";
    let output = skypie(&[
        "eval",
        plan,
        "--set",
        "market.size=1e-300",
        "--samples",
        "2000",
    ]);
    let out = stdout(&output);
    assert!(out.contains("Market: empty, no share to gain ·"), "{out}");
    assert!(!out.contains("inf"), "{out}");
    // CSV, for spreadsheets and scripts, writes the infinite figures as `--draws` does, `inf`,
    // which reads back as a number (`∞` read as text).
    let csv = stdout(&skypie(&[&empty[..], &["-f", "csv"]].concat()));
    let lines: Vec<&str> = csv.lines().collect();
    let cell = |key: &str| {
        let at = lines[0].split(',').position(|k| k == key).expect(key);
        lines[1].split(',').nth(at).expect(key).to_string()
    };
    for key in ["required_capture_p50", "required_pace"] {
        assert_eq!(cell(key), "inf", "{key}: {csv}");
        assert_eq!(cell(key).parse::<f64>(), Ok(f64::INFINITY));
    }
}

#[test]
fn set_changes_a_correlation_by_its_pair_and_refuses_a_set_that_cannot_hold() {
    const TOGETHER: &str = "scenarios/07-inputs-that-move-together.toml";
    let run = |set: &[&str]| {
        let mut args = vec!["eval", TOGETHER, "--samples", "20000", "--format", "json"];
        for s in set {
            args.extend(["--set", s]);
        }
        json(&args)[0].clone()
    };
    let file = run(&[]);
    let loose = run(&[
        "market.growth ~ share.gain_per_year=0",
        "correlation.'share.gain_per_year ~ capacity.attainment'=-35%",
        "share.current~market.size=0.2",
        "market.size ~ market.growth=-0",
    ]);
    assert_eq!(
        loose["correlation"],
        serde_json::json!({
            "market.growth ~ share.gain_per_year": 0.0,
            "share.gain_per_year ~ capacity.attainment": -0.35,
            "share.current ~ market.size": 0.2,
            "market.size ~ market.growth": 0.0,
        })
    );
    // A typed -0 is the 0 it means, not -0.0 (which serde_json counts equal to 0.0).
    let zero = loose["correlation"]["market.size ~ market.growth"].as_f64();
    assert!(zero.is_some_and(f64::is_sign_positive), "{loose}");
    // Inputs that no longer move together make the plan likelier (82.6% without the table).
    let (p_file, p_loose) = (&file["p_feasible"], &loose["p_feasible"]);
    assert!(p_loose.as_f64() > p_file.as_f64(), "{p_loose} vs {p_file}");

    // Checked once all are set, so the order of two changes made together does not matter.
    let together = [
        "market.growth ~ capacity.attainment=-0.9",
        "market.growth ~ share.gain_per_year=-0.7",
    ];
    let one_way = run(&together);
    let other_way = run(&[together[1], together[0]]);
    assert_eq!(one_way["correlation"], other_way["correlation"]);
    assert_eq!(
        one_way["correlation"]["market.growth ~ capacity.attainment"],
        -0.9
    );

    let refused = skypie(&["eval", TOGETHER, "--set", "market.size ~ market.growth=0.9"]);
    assert_eq!(refused.status.code(), Some(1));
    let error = stderr(&refused);
    assert!(
        error.contains("--set: correlation: found correlations that cannot all hold at once")
            && error.contains(
                "change one of: `market.growth ~ share.gain_per_year` from 0.7 to 0.34 (line 39), \
                 or `market.size ~ market.growth` from 0.9 to 0.52"
            ),
        "{error}"
    );
    // A pair no scenario has is a usage error (2), said once; a value is refused per file (1).
    for (set, says, code) in [
        (
            "market.size ~ market.sise=0.2",
            "did you mean `market.size`?",
            2,
        ),
        ("market.size ~ market.size=0.2", "the same input twice", 2),
        (
            "market.size ~ market.growth=1.5",
            "found 1.5, expected a rank correlation from -1 to 1",
            1,
        ),
    ] {
        let output = skypie(&["eval", TOGETHER, "--set", set]);
        assert_eq!(output.status.code(), Some(code), "{set}");
        assert!(stderr(&output).contains(says), "{set}: {}", stderr(&output));
    }
}

#[test]
fn set_can_mend_a_files_correlations_that_cannot_all_hold() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    let pairs = "\n[correlation]\n\"market.size ~ market.growth\" = 0.9\n\
                 \"market.growth ~ share.current\" = 0.9\n\"market.size ~ share.current\" = -0.9\n";
    let text = std::fs::read_to_string(ANECDOTE).unwrap();
    let text = match text.split_once("\n[correlation]") {
        Some((before, _)) => format!("{before}{pairs}"),
        None => format!("{text}{pairs}"),
    };
    std::fs::write(&bad, text).unwrap();
    let bad = bad.to_str().unwrap();
    // As read, the file is refused where its table is, with the pair to change and how far.
    let refused = skypie(&["eval", bad]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("`market.size ~ share.current` from -0.9 to 0.64"));
    // The change it names, made with --set, is a scenario that runs.
    let mended = skypie(&[
        "eval",
        bad,
        "--samples",
        "2000",
        "--set",
        "market.size ~ share.current=0.64",
    ]);
    assert_eq!(mended.status.code(), Some(0), "{}", stderr(&mended));
    for command in ["eval", "report"] {
        let other = skypie(&[
            command,
            bad,
            "--set",
            "market.size ~ share.gain_per_year=0.1",
        ]);
        assert_eq!(other.status.code(), Some(1), "{command}");
        assert!(
            stderr(&other).contains("--set: correlation: found correlations that cannot all hold"),
            "{command}: a change that does not mend it: {}",
            stderr(&other)
        );
        // The file's pairs still say where they are written.
        assert!(
            stderr(&other).contains("`market.size ~ share.current` from -0.9 to 0.64 (line "),
            "{command}: {}",
            stderr(&other)
        );
    }
    // A pair --set gives another value is not credited to the line the file's value is on.
    let overridden = skypie(&["eval", bad, "--set", "market.size ~ share.current=0.5"]);
    assert!(
        stderr(&overridden).contains("`market.size ~ share.current` from 0.5 to 0.64)")
            || stderr(&overridden).contains("`market.size ~ share.current` from 0.5 to 0.64,"),
        "{}",
        stderr(&overridden)
    );
    // Without a correlation among the --set, the file's own message, with its lines.
    let unrelated = skypie(&["eval", bad, "--set", "target.revenue=2M"]);
    assert!(
        stderr(&unrelated).contains("(line "),
        "{}",
        stderr(&unrelated)
    );
}

#[test]
fn set_overrides_values_and_names_bad_ones() {
    let all = json(&[
        "eval",
        "--samples",
        "2000",
        "--format",
        "json",
        "--set",
        "horizon_days=180",
        "--set",
        "target.revenue=2M",
        ANECDOTE,
    ]);
    assert_eq!(all[0]["horizon_days"], 180);
    assert_eq!(all[0]["target"].as_f64(), Some(2e6));
    // A blank name is no name, as in the file: the file's stem heads the row (it was blank,
    // and the sentence began ": $3M in 90 days").
    for blank in ["name=", "name=\"  \""] {
        let renamed = json(&[
            "eval",
            "--samples",
            "200",
            "-f",
            "json",
            "--set",
            blank,
            ANECDOTE,
        ]);
        assert_eq!(renamed[0]["name"], "01-series-b-first-90-days", "{blank}");
    }
    // A key no scenario has: one usage error before any file is read, not one per file.
    let bad = skypie(&["eval", "--set", "market.sise=3M", ANECDOTE, TEAM]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(stdout(&bad), "");
    assert_eq!(
        stderr(&bad).matches("market.sise").count(),
        2,
        "{}",
        stderr(&bad)
    );
    assert!(
        stderr(&bad).contains(
            "error: invalid value 'market.sise=3M' for '--set <KEY=VALUE>': found the key \
             `market.sise`, expected a scenario key such as target.revenue or market.size"
        ),
        "{}",
        stderr(&bad)
    );
    assert!(
        stderr(&bad).contains("did you mean `market.size`?"),
        "{}",
        stderr(&bad)
    );
    // Refused in every file, each named; CSV then computed nothing "with" the value.
    let refused = skypie(&[
        "eval",
        "--set",
        "target.revenue=3zz",
        "--format",
        "csv",
        ANECDOTE,
        TEAM,
    ]);
    assert_eq!(refused.status.code(), Some(1));
    let said = stderr(&refused);
    for file in [ANECDOTE, TEAM] {
        assert!(
            said.contains(&format!(
                "error: {file}: --set target.revenue=3zz: target.revenue: found \"3zz\""
            )),
            "{said}"
        );
    }
    assert!(!said.contains("the figures are with"), "{said}");
}

#[test]
fn an_invalid_file_fails_the_run_but_not_the_others() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "schema = 1\nhorizon_days = 90\n[target]\nrevenue = \"lots\"\n",
    )
    .expect("write");
    let bad = bad.to_string_lossy().into_owned();
    let output = skypie(&[
        "eval",
        "--samples",
        "2000",
        "--format",
        "csv",
        ANECDOTE,
        &bad,
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("Series B"),
        "the valid file is still printed"
    );
    assert!(
        stderr(&output).contains(&format!("{bad}:4:11: target.revenue")),
        "{}",
        stderr(&output)
    );
}

#[test]
fn standard_input_is_read_once() {
    let output = skypie(&["eval", "-", "-"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("- (standard input) can be read only once"));
    assert!(stderr(&output).contains("Usage: skypie eval [OPTIONS] <FILES>..."));
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        vec!["eval"],
        vec!["eval", "--no-such-flag", ANECDOTE],
        vec!["eval", "--threads", "0", ANECDOTE],
        vec!["eval", "--samples", "0", ANECDOTE],
        vec!["eval", "--format", "xml", ANECDOTE],
        vec!["frobnicate"],
    ] {
        assert_eq!(skypie(&args).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn a_negative_number_is_refused_as_the_value_of_its_flag() {
    for (args, value, flag, expected) in [
        (
            vec!["eval", ANECDOTE, "--samples", "-5"],
            "-5",
            "--samples",
            "found -5, expected a whole number from 1 to 18,446,744,073,709,551,615 (at most 10,000,000 are drawn)",
        ),
        (
            vec!["eval", ANECDOTE, "--seed", "-1"],
            "-1",
            "--seed",
            "found -1, expected a whole number ≥ 0",
        ),
        (
            vec!["eval", ANECDOTE, "--threads", "-1"],
            "-1",
            "--threads",
            "found -1, expected a whole number from 1 to 1,024",
        ),
        (
            vec!["eval", ANECDOTE, "--max-memory", "-1G"],
            "-1G",
            "--max-memory",
            "found -1G, expected a memory size such as 512M or 2G",
        ),
        (
            vec!["report", ANECDOTE, "--samples", "-1M"],
            "-1M",
            "--samples",
            "expected a whole number from 1 to",
        ),
        (
            vec!["report", ANECDOTE, "--seed", "-7"],
            "-7",
            "--seed",
            "expected a whole number ≥ 0",
        ),
    ] {
        let output = skypie(&args);
        let said = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {said}");
        assert!(
            said.contains(&format!("invalid value '{value}' for '{flag} <")),
            "{args:?}: {said}"
        );
        assert!(said.contains(expected), "{args:?}: {said}");
        assert!(!said.contains("tip:"), "{args:?}: {said}");
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn samples_and_seed_are_written_as_in_the_scenario_file() {
    let run = |samples: &str, seed: &str| {
        json(&[
            "eval",
            ANECDOTE,
            "--samples",
            samples,
            "--seed",
            seed,
            "-f",
            "json",
        ])
    };
    let plain = run("2000", "7000");
    assert_eq!(plain[0]["samples"], 2000);
    for (samples, seed) in [("2k", "7k"), ("2e3", "7e3"), ("2,000", "7_000")] {
        assert_eq!(
            run(samples, seed),
            plain,
            "--samples {samples} --seed {seed}"
        );
    }
    for refused in ["1.5", "2 to 3", "lots"] {
        let output = skypie(&["eval", ANECDOTE, "--samples", refused]);
        let said = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{refused}: {said}");
        assert!(
            said.contains(&format!(
                "invalid value '{refused}' for '--samples <N>': found "
            )),
            "{refused}: {said}"
        );
    }
}

#[test]
fn out_writes_the_table_to_a_file_and_nothing_to_stdout() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("summary.csv");
    let out_arg = out.to_string_lossy().into_owned();
    let output = skypie(&[
        "eval",
        "--samples",
        "2000",
        "--format",
        "csv",
        "--out",
        &out_arg,
        ANECDOTE,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    let written = std::fs::read_to_string(&out).expect("the file was written");
    assert!(
        written.starts_with("name,file,horizon_days,target,p_feasible"),
        "{written}"
    );
}

#[test]
fn a_report_named_as_another_kind_of_file_is_written_as_a_web_page_and_says_so() {
    // `--out board.pdf` wrote the HTML page under a name a PDF viewer opens, without a word.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let said_of = |name: &str| {
        let page = dir.path().join(name);
        let out = page.to_string_lossy().into_owned();
        let run = skypie(&["report", ANECDOTE, "--samples", "2000", "--out", &out]);
        assert!(run.status.success(), "{}", stderr(&run));
        let html = std::fs::read_to_string(&page).expect("the report");
        assert!(html.starts_with("<!DOCTYPE html>"), "{name}");
        (out, stderr(&run))
    };
    let (out, said) = said_of("board.pdf");
    assert_eq!(
        said,
        format!(
            "wrote {out}: pie in the sky; it is a web page (HTML), though its name says .pdf: \
             open it in a browser to read or print it (for a PDF, print it to PDF from there)\n"
        )
    );
    let (out, said) = said_of("board.docx");
    assert!(
        said.ends_with(&format!(
            "wrote {out}: pie in the sky; it is a web page (HTML), though its name says .docx: \
             open it in a browser to read or print it\n"
        )),
        "{said}"
    );
    for name in ["board.html", "board.HTM"] {
        let (out, said) = said_of(name);
        assert_eq!(
            said,
            format!("wrote {out}: pie in the sky; open it in a browser to read or print it\n")
        );
    }
    // A report not written says nothing of its name.
    let missing = dir.path().join("missing.toml");
    let run = skypie(&["report", &missing.to_string_lossy(), "--out", "c.pdf"]);
    assert!(!stderr(&run).contains("web page"), "{}", stderr(&run));
}

#[test]
fn a_dash_reads_the_scenario_from_standard_input() {
    let text = std::fs::read_to_string(ANECDOTE).expect("the example exists");
    let output = Command::cargo_bin("skypie")
        .expect("the binary is built")
        .args(["eval", "--samples", "2000", "--format", "json", "-"])
        .write_stdin(text)
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{}", stderr(&output));
    let all: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(all[0]["file"], "-");
    assert_eq!(all[0]["name"], "Series B — first 90 days");
}

#[test]
fn a_plan_without_a_name_on_standard_input_is_named_standard_input() {
    let text = std::fs::read_to_string(ANECDOTE).expect("the example exists");
    let nameless: String = text
        .lines()
        .filter(|line| !line.starts_with("name ="))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_ne!(nameless, text, "the example has a name to take out");
    let output = Command::cargo_bin("skypie")
        .expect("the binary is built")
        .args(["eval", "--samples", "2000", "--format", "json", "-"])
        .write_stdin(nameless)
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{}", stderr(&output));
    let all: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(all[0]["name"], "standard input");
    assert_eq!(all[0]["file"], "-");
}

#[test]
fn a_refused_set_on_standard_input_names_it_as_typed() {
    let text = std::fs::read_to_string(ANECDOTE).expect("the example exists");
    let output = Command::cargo_bin("skypie")
        .expect("the binary is built")
        .args(["eval", "-", "--set", "target.revenue=3zz"])
        .write_stdin(text)
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("error: -: --set target.revenue=3zz: "),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_template_passes_check() {
    let template = skypie(&["new"]);
    assert!(template.status.success());
    let checked = Command::cargo_bin("skypie")
        .expect("the binary is built")
        .args(["check", "-"])
        .write_stdin(template.stdout)
        .output()
        .expect("the binary runs");
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert!(stdout(&checked).contains("-: ok"));
}

#[test]
fn new_writes_a_file_but_never_over_an_existing_one() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("plan.toml");
    let path_arg = path.to_string_lossy().into_owned();
    assert!(skypie(&["new", &path_arg]).status.success());
    assert!(skypie(&["check", &path_arg]).status.success());
    std::fs::write(&path, "my precious plan").expect("write");
    let again = skypie(&["new", &path_arg]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "my precious plan"
    );
    assert!(skypie(&["new", "--force", &path_arg]).status.success());
    // A folder is never offered --force, which could not make it a file.
    let folder = dir.path().join("plans.toml");
    std::fs::create_dir(&folder).expect("a folder");
    let said = stderr(&skypie(&["new", &folder.to_string_lossy()]));
    assert!(said.contains("found a folder, expected a file"), "{said}");
    assert!(!said.contains("--force"), "{said}");
    // The commands it suggests paste as they are: `skypie check a b.toml` checked two files.
    let spaced = dir.path().join("a b.toml");
    let said = stderr(&skypie(&["new", &spaced.to_string_lossy()]));
    let quoted = format!("'{}'", spaced.display());
    let dashed = stderr(
        &Command::cargo_bin("skypie")
            .expect("the binary is built")
            .current_dir(dir.path())
            .args(["new", "--", "-x.toml"])
            .output()
            .expect("the binary runs"),
    );
    assert!(dashed.contains("`skypie check ./-x.toml`"), "{dashed}");
    assert!(
        said.contains(&format!(
            "`skypie check {quoted}` or `skypie plan {quoted}`"
        )),
        "{said}"
    );
}

/// A copy of 02 in `dir` under a name that is not UTF-8: `caf\xe9.toml`, in Latin-1.
fn latin_1_plan(dir: &std::path::Path) -> std::path::PathBuf {
    use std::os::unix::ffi::OsStrExt;
    let name = dir.join(std::ffi::OsStr::from_bytes(b"caf\xe9.toml"));
    std::fs::copy(TEAM, &name).expect("a plan named in Latin-1");
    name
}

#[test]
fn plan_takes_a_file_name_that_is_not_utf8() {
    // Refusing an empty name, `plan` refused every Latin-1 name too ("invalid UTF-8", exit 2);
    // then it read the name through a lossy conversion, and said a file that is there was not
    // ("lat\u{fffd}.toml: found no such file").
    let dir = tempfile::tempdir().expect("a temporary folder");
    let name = latin_1_plan(dir.path());
    let output = Command::cargo_bin("skypie")
        .expect("the binary is built")
        .arg("plan")
        .arg(&name)
        .env("XDG_STATE_HOME", dir.path())
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    // Read, and only then refused for want of a terminal (the tests have none).
    assert!(
        stderr(&output).contains("the live session needs a terminal"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_file_name_that_is_not_utf8_is_read_and_written_among_others() {
    // One Latin-1 name among a batch stopped it all: "invalid UTF-8 was detected in one or
    // more arguments", exit 2, no file evaluated; `--out` could not name such a file either.
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let latin = latin_1_plan(dir.path());
    let other = dir.path().join("plan.toml");
    std::fs::copy(TEAM, &other).expect("a plan");
    let out = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"r\xe9sum\xe9.csv"));
    let output = Command::cargo_bin("skypie")
        .expect("the binary is built")
        .args(["eval", "--samples", "2000", "--out"])
        .arg(&out)
        .arg(&latin)
        .arg(&other)
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{}", stderr(&output));
    let written = std::fs::read_to_string(&out).expect("the CSV under the name given");
    assert_eq!(
        written.lines().count(),
        3,
        "a header and both plans: {written}"
    );
    let checked = Command::cargo_bin("skypie")
        .expect("the binary is built")
        .arg("check")
        .arg(&latin)
        .output()
        .expect("the binary runs");
    assert!(checked.status.success(), "{}", stderr(&checked));
}

#[test]
fn new_gives_a_name_without_an_extension_toml_as_save_as_does() {
    // `skypie new q3` wrote a file `q3`, which `eval *.toml` and `plan q3.toml` never found.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let typed = dir.path().join("q3");
    let output = skypie(&["new", &typed.to_string_lossy()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("q3.toml").is_file());
    assert!(!typed.exists());
    assert!(
        stderr(&output).contains("q3.toml; edit it"),
        "{}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains("note:"), "{}", stderr(&output));
    // Another extension is as asked, and said (`new x.txt` wrote TOML there unsaid); one
    // that names an export is refused, below.
    let txt = dir.path().join("x.txt");
    let output = skypie(&["new", &txt.to_string_lossy()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("x.txt is not named .toml: `skypie eval *.toml` passes it over"),
        "{}",
        stderr(&output)
    );
    // A name that is there is as typed: replaced with --force, never given another name.
    std::fs::write(&typed, "kept").expect("write");
    let again = skypie(&["new", &typed.to_string_lossy()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"));
    assert!(
        skypie(&["new", "--force", &typed.to_string_lossy()])
            .status
            .success()
    );
    assert!(
        std::fs::read_to_string(&typed)
            .expect("read")
            .contains("schema = 1")
    );
    // Only the extension: no name to give it (it wrote a hidden `.toml.toml`).
    let bare = dir.path().join(".toml");
    let output = skypie(&["new", &bare.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("an extension with no name before it"),
        "{}",
        stderr(&output)
    );
    assert!(!bare.exists() && !dir.path().join(".toml.toml").exists());
    // A name for an export: a template there would replace the export with a plan. A
    // session log's name: `--force` replaced the record of a session's edits.
    for (name, held, said) in [
        (
            "q3.summary.md",
            "| the summary |",
            "a name for an export (.md), expected a scenario file name",
        ),
        (
            "q3.toml.session.md",
            "## Session of …",
            "a session log's name",
        ),
    ] {
        let kept = dir.path().join(name);
        std::fs::write(&kept, held).expect("a file to keep");
        let output = skypie(&["new", "--force", &kept.to_string_lossy()]);
        assert_eq!(output.status.code(), Some(2), "{name}");
        assert!(stderr(&output).contains(said), "{}", stderr(&output));
        assert_eq!(std::fs::read_to_string(&kept).expect("read"), held);
    }
    // A folder named as an export is said as a folder, as any other.
    let folder = dir.path().join("notes.md");
    std::fs::create_dir(&folder).expect("a folder");
    let output = skypie(&["new", &folder.to_string_lossy()]);
    assert!(
        stderr(&output).contains("found a folder, expected a file to write"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn eval_out_a_folder_is_told_a_file_in_it_in_the_format_asked() {
    // `--out ../out/` said "found a folder, expected a file to write" and named no file.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("a folder");
    let (out, new) = (
        out.display().to_string(),
        dir.path().join("new").display().to_string(),
    );
    for (flag, typed, format, told) in [
        (
            "--out",
            format!("{out}/"),
            None,
            format!("{out}/summary.md"),
        ),
        (
            "--out",
            out.clone(),
            Some("csv"),
            format!("{out}/summary.csv"),
        ),
        (
            "--out",
            out.clone(),
            Some("json"),
            format!("{out}/summary.json"),
        ),
        ("--draws", out.clone(), None, format!("{out}/samples.csv")),
    ] {
        let mut args = vec!["eval", ANECDOTE, "--samples", "1000", flag, &typed];
        args.extend(format.iter().flat_map(|f| ["--format", *f]));
        let said = stderr(&skypie(&args));
        assert!(
            said.contains(&format!(
                "({flag} takes a file: name one in the folder, as {flag} {told})"
            )),
            "{args:?}: {said}"
        );
    }
    // A folder's name that leads to none: a file in it would be refused in turn.
    let said = stderr(&skypie(&["eval", ANECDOTE, "--out", &format!("{new}/")]));
    assert!(!said.contains("takes a file"), "{said}");
}

#[test]
fn report_out_a_folder_is_told_the_report_beside_it_in_it() {
    // `report plan.toml --out out/` said only "found a folder, expected a file to write".
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("a folder");
    let out = out.display().to_string();
    let said = stderr(&skypie(&[
        "report",
        ANECDOTE,
        "--samples",
        "1000",
        "--out",
        &out,
    ]));
    assert!(
        said.contains(&format!(
            "(--out takes a file: name one in the folder, as --out \
             {out}/01-series-b-first-90-days.report.html)"
        )),
        "{said}"
    );
}

#[test]
fn a_scenario_piped_in_that_does_not_parse_is_told_its_parse_error_alone() {
    // `printf 'target = [\n' | skypie eval - --draws d.csv` said the parse error, then that
    // d.csv is no earlier draws (a refusal held till the scenario is read): two errors for one.
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("d.csv"), "quarter,attainment\n1,0.9\n").expect("data");
    std::fs::write(dir.path().join("notes.html"), "<p>notes</p>\n").expect("a page");
    for args in [
        ["eval", "-", "--draws", "d.csv"],
        ["report", "-", "--out", "notes.html"],
    ] {
        let output = Command::cargo_bin("skypie")
            .expect("the binary is built")
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .args(args)
            .write_stdin("target = [\n")
            .timeout(std::time::Duration::from_secs(30))
            .output()
            .expect("the binary runs");
        let said = stderr(&output);
        assert_eq!(said.matches("error:").count(), 1, "{args:?}: {said}");
        assert_eq!(output.status.code(), Some(1), "{args:?}: {said}");
    }
    // Neither the data nor the page was touched.
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).expect("still there");
    assert_eq!(read("d.csv"), "quarter,attainment\n1,0.9\n");
    assert_eq!(read("notes.html"), "<p>notes</p>\n");
}

#[test]
fn a_folder_given_as_a_scenario_is_told_the_toml_files_in_it() {
    // `skypie check board` said "found a folder, expected a scenario file" and no more.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let board = dir.path().join("board");
    std::fs::create_dir(&board).expect("a folder");
    for name in ["q3.toml", "q4.toml", "notes.csv"] {
        std::fs::write(board.join(name), "").expect("a file");
    }
    let board = board.display().to_string();
    for command in ["check", "eval"] {
        let said = stderr(&skypie(&[command, &board]));
        let told = format!("(for the scenarios in it: {board}/*.toml, 2 .toml files)");
        assert!(said.contains(&told), "{command}: {said}");
    }
}

#[test]
fn a_folder_given_as_a_scenario_without_toml_files_is_told_so() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let said = stderr(&skypie(&["check", &dir.path().display().to_string()]));
    assert!(said.contains("(it holds no .toml file)"), "{said}");
}

#[test]
fn a_folder_is_said_alike_where_a_file_is_read_or_written() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let folder = dir.path().join("adir.toml");
    std::fs::create_dir(&folder).expect("a folder");
    let folder = folder.to_string_lossy().into_owned();
    let found = format!("error: {folder}: found a folder, expected a ");
    for args in [
        vec!["check", &folder],
        vec!["eval", &folder],
        vec!["new", &folder],
        vec!["eval", ANECDOTE, "--samples", "1000", "--out", &folder],
        vec!["report", ANECDOTE, "--samples", "1000", "--out", &folder],
    ] {
        let output = skypie(&args);
        let said = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {said}");
        assert!(said.starts_with(&found), "{args:?}: {said}");
    }
}

#[test]
fn options_set_to_what_the_file_says_are_not_said_to_have_changed_it() {
    // `--seed 7 --set target.revenue=3M` on the anecdote (seed 7, 3M) ended "Changed on the
    // command line: --seed 7 --set 'target.revenue=3M'", figures the file's own.
    let same = stdout(&skypie(&[
        "eval",
        ANECDOTE,
        "--samples",
        "2000",
        "--seed",
        "7",
        "--method",
        "mc",
        "--set",
        "target.revenue=3M",
    ]));
    assert!(
        same.ends_with("\nChanged on the command line: --samples 2000\n"),
        "{same}"
    );
}

#[test]
fn the_tables_for_people_say_what_the_command_line_changed() {
    let plain = stdout(&skypie(&["eval", ANECDOTE]));
    assert!(!plain.contains("Changed on the command line"), "{plain}");
    let set = [
        "eval",
        ANECDOTE,
        "--set",
        "target.revenue=2M",
        "--method",
        "sobol",
    ];
    let typed = "--set 'target.revenue=2M' --method sobol";
    let table = stdout(&skypie(&set));
    assert!(
        table.ends_with(&format!("\nChanged on the command line: {typed}\n")),
        "{table}"
    );
    let markdown = stdout(&skypie(&[&set[..], &["-f", "md"]].concat()));
    assert!(
        markdown.ends_with(&format!("\nChanged on the command line: `{typed}`\n")),
        "{markdown}"
    );
    // A backtick in a value takes a longer fence, so the code span still holds it all.
    let name = stdout(&skypie(&[
        "eval", ANECDOTE, "-f", "md", "--set", "name=a`b",
    ]));
    assert!(
        name.ends_with("\nChanged on the command line: ``--set 'name=a`b'``\n"),
        "{name}"
    );
    // A refused one is named the same way, its text on one line (it broke the message's line,
    // and showed TOML's multi-line string).
    let refused = skypie(&["eval", ANECDOTE, "--set", "market.size=5M\nx"]);
    assert!(
        stderr(&refused).contains(
            ": --set $'market.size=5M\\nx': market.size: found \"5M\\nx\" (not a number)"
        ),
        "{}",
        stderr(&refused)
    );
    // Its quotes and backslashes escaped as TOML writes them (`""a\nb""` read as two strings).
    let quoted = skypie(&["eval", ANECDOTE, "--set", "market.size=\"a\\\nb\""]);
    assert!(
        stderr(&quoted).contains("found \"\\\"a\\\\\\nb\\\"\" (not a number)"),
        "{}",
        stderr(&quoted)
    );
    // A newline in a value is written as bash reads it back, `$'…'` (it read `'name=x\ny'`,
    // which a shell takes as a backslash and an n).
    let newline = stdout(&skypie(&["eval", ANECDOTE, "--set", "name=x\ny's"]));
    assert!(
        newline.ends_with("\nChanged on the command line: --set $'name=x\\ny\\'s'\n"),
        "{newline}"
    );
    // A turn of direction too (in plain quotes it read as a backslash, a u and digits).
    let bidi = stdout(&skypie(&["eval", ANECDOTE, "--set", "name=x\u{202e}y"]));
    assert!(
        bidi.ends_with("\nChanged on the command line: --set $'name=x\\u202ey'\n"),
        "{bidi}"
    );
    let csv = skypie(&[&set[..], &["-f", "csv"]].concat());
    assert!(
        !stdout(&csv).contains("Changed"),
        "CSV stays one header and one row a file"
    );
    assert!(
        stderr(&csv).contains(&format!(
            "note: the figures are with {typed} (changed on the command line), not the files' own"
        )),
        "{}",
        stderr(&csv)
    );
    // A --set of what the file says changes no figure, and is no note (it said "not the
    // files' own"); the table still lists it, as typed.
    let same = skypie(&["eval", ANECDOTE, "--set", "target.revenue=3M", "-f", "csv"]);
    assert!(
        !stderr(&same).contains("note: the figures are with"),
        "{}",
        stderr(&same)
    );
    // Another currency names every amount: a note.
    let other = skypie(&["eval", ANECDOTE, "--set", "currency=EUR", "-f", "csv"]);
    assert!(
        stderr(&other).contains("note: the figures are with"),
        "{}",
        stderr(&other)
    );
}

#[test]
fn markdown_lists_the_warnings_the_table_gives() {
    let args = [
        "eval",
        ANECDOTE,
        "--samples",
        "2000",
        "--set",
        "capacity.ramp_days=21",
    ];
    let table = stdout(&skypie(&args));
    let warning =
        "capacity.ramp_days: 21 days for 4 new reps; the median AE ramp is about 5 months";
    assert!(table.contains(&format!("warning: {warning}")), "{table}");
    let markdown = stdout(&skypie(&[&args[..], &["--format", "md"]].concat()));
    assert!(
        markdown.contains(&format!("\n- warning: {warning}")),
        "{markdown}"
    );
    // CSV has no column for them: standard error says them, file by file.
    let csv = skypie(&[&args[..], &["--format", "csv"]].concat());
    assert!(
        stderr(&csv).contains(&format!("warning: {ANECDOTE}: {warning}")),
        "{}",
        stderr(&csv)
    );
}

#[test]
fn check_shows_a_long_name_cut_as_the_table_does() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("long.toml");
    let name = "Q".repeat(100_000);
    let text = std::fs::read_to_string(ANECDOTE)
        .expect("the example exists")
        .replace(
            "name = \"Series B — first 90 days\"",
            &format!("name = \"{name}\""),
        );
    std::fs::write(&path, text).expect("write");
    let output = skypie(&["check", &path.to_string_lossy()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stdout(&output);
    assert!(
        said.contains(&format!(": ok ({}…; ", "Q".repeat(59))),
        "{}",
        &said[..200.min(said.len())]
    );
    assert!(said.len() < 500, "{} bytes", said.len());
}

#[test]
fn check_counts_the_uncertain_inputs_in_words() {
    let scenario = |size: &str| {
        format!(
            "schema = 1\nhorizon_days = 90\n[target]\nrevenue = \"1M\"\n\
             [market]\nsize = {size}\ngrowth = 0.1\n[share]\ncurrent = 0.05\n\
             gain_per_year = 0.01\n"
        )
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (size, said) in [
        ("\"40M to 60M\"", "1 uncertain input)"),
        ("\"50M\"", "0 uncertain inputs)"),
    ] {
        let path = dir.path().join("one.toml");
        std::fs::write(&path, scenario(size)).expect("write");
        let output = skypie(&["check", &path.to_string_lossy()]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(stdout(&output).contains(said), "{}", stdout(&output));
    }
}

#[test]
fn check_reports_capped_sample_counts_as_warnings() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("big.toml");
    let text = std::fs::read_to_string(ANECDOTE)
        .expect("the example exists")
        .replace("samples = 100000", "samples = 20000000");
    std::fs::write(&path, text).expect("write");
    let output = skypie(&["check", &path.to_string_lossy()]);
    assert!(output.status.success());
    assert!(
        stdout(&output)
            .contains("run.samples: 20,000,000 is more than 10,000,000; using 10,000,000"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn help_teaches_with_examples() {
    let help = stdout(&skypie(&["--help"]));
    assert!(help.contains("Examples:"));
    assert!(help.contains("skypie eval scenarios/*.toml"));
    let eval_help = stdout(&skypie(&["eval", "--help"]));
    assert!(eval_help.contains("--set"));
}

#[test]
fn markdown_with_detail_carries_every_detail_section() {
    let output = skypie(&[
        "eval",
        "--samples",
        "2000",
        "--detail",
        "--format",
        "md",
        ANECDOTE,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    for heading in [
        "**Sensitivity",
        "**What would make it realistic**",
        "**Time path",
        "**Frontier",
    ] {
        assert!(text.contains(heading), "{heading} in:\n{text}");
    }
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
}

#[test]
fn a_tornados_swing_is_in_points_beside_its_two_probabilities() {
    let args = [
        "eval",
        "--samples",
        "20000",
        "--detail",
        TEAM,
        "--format",
        "json",
    ];
    let detail = json(&args);
    let first = &detail[0]["sensitivity"][0];
    let (low, high) = (first["p_low"].as_f64(), first["p_high"].as_f64());
    let swing = (high.unwrap_or(0.0) - low.unwrap_or(0.0)).abs() * 100.0;
    let table = stdout(&skypie(&args[..5]));
    let row = table
        .lines()
        .find(|l| l.contains(first["input"].as_str().unwrap_or("?")) && l.contains("pts"))
        .unwrap_or_else(|| panic!("a row in points:\n{table}"));
    let shown = format!(
        "{} pts",
        skypie::scenario::number::format_significant(
            swing,
            skypie::scenario::number::Unit::Plain,
            3
        )
    );
    assert!(row.contains(&shown), "{shown} in {row}");
}

#[test]
fn csv_with_detail_says_on_stderr_where_the_detail_is() {
    let output = skypie(&[
        "eval",
        "--samples",
        "2000",
        "--detail",
        "--format",
        "csv",
        ANECDOTE,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let note = stderr(&output);
    assert!(note.contains("CSV carries only the headline"), "{note}");
    assert!(note.contains("--format json"), "{note}");
    assert_eq!(stdout(&output).lines().count(), 2, "a header and one row");
    let plain = skypie(&["eval", "--samples", "2000", "--format", "csv", ANECDOTE]);
    assert!(stderr(&plain).is_empty(), "no note without --detail");
}

#[test]
fn the_combined_lever_sits_beside_todays_reps_and_share_gain() {
    // 06 needs both levers at once: today's reps and pace, as the table above says them, then
    // the pair that makes it realistic.
    let args = [
        "eval",
        "--detail",
        "--samples",
        "20000",
        "scenarios/06-doubling-with-both-limits.toml",
    ];
    let table = stdout(&skypie(&args));
    let cell = |row: &str| {
        let line = table.lines().find(|l| l.starts_with(&format!("│ {row} ")));
        let line = line.unwrap_or_else(|| panic!("no {row} row in\n{table}"));
        let cells = line
            .split('┆')
            .map(|c| c.trim_matches(['│', ' ']).to_string());
        cells.collect::<Vec<_>>()
    };
    let (reps, pace) = (
        cell("ramped reps planned")[1].clone(),
        cell("pace planned")[1].clone(),
    );
    let combined = cell("reps and share gain together");
    assert_eq!(
        combined[1],
        format!("{reps} reps and {pace}"),
        "{combined:?}"
    );
    assert!(combined[2].contains(" reps and ") && combined[2].ends_with("pts/yr"));
}

#[test]
fn with_detail_the_warnings_stay_under_the_sentence_they_qualify() {
    for format in ["table", "md"] {
        let output = skypie(&[
            "eval",
            ANECDOTE,
            "--detail",
            "--samples",
            "2000",
            "--set",
            "market.growth=5",
            "--format",
            format,
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        let said = String::from_utf8_lossy(&output.stdout).into_owned();
        let at = |what: &str| said.find(what).unwrap_or_else(|| panic!("{what}: {said}"));
        let warning = at("warning: market.growth: 5, that is 500%");
        assert!(at("pie in the sky") < warning, "{said}");
        assert!(warning < at("Sensitivity"), "{format}: {said}");
    }
}

#[test]
fn with_every_input_fixed_the_sensitivity_says_so_instead_of_an_empty_table() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let fixed = dir.path().join("fixed.toml");
    std::fs::write(
        &fixed,
        "schema = 1\nhorizon_days = 200\n[target]\nrevenue = \"5M\"\n[market]\nsize = \"100M\"\n\
         growth = 0.12\n[share]\ncurrent = 0.02\ngain_per_year = 0.04\n",
    )
    .expect("write");
    let file = fixed.to_string_lossy();
    for format in ["table", "md"] {
        let said = stdout(&skypie(&[
            "eval",
            &file,
            "--detail",
            "--samples",
            "1000",
            "--format",
            format,
        ]));
        let after = said
            .split_once("Sensitivity: ")
            .map(|(_, rest)| rest)
            .unwrap_or_else(|| panic!("{said}"));
        // A spread of one value is no spread: "(P10–P90 8.84%–8.84%)" is left out.
        assert!(said.contains("in that window; P(feasible)"), "{said}");
        let (heading, body) = after.split_once('\n').expect("a heading line");
        assert!(heading.contains("at each input's P10 / P90"), "{heading}");
        assert!(
            body.trim_start()
                .starts_with("Every input is fixed: there is no uncertainty"),
            "{format}: {said}"
        );
    }
}

#[test]
fn a_confidence_is_shown_as_written_so_a_p_below_it_reads_below_it() {
    // P(feasible) 80.02% at a confidence of 80.05%: a stretch, which read "80% … stretch.
    // Realistic at 80% confidence" when the confidence was rounded as a result is.
    let output = skypie(&[
        "eval",
        TEAM,
        "--set",
        "target.revenue=5937344.5814220775",
        "--set",
        "confidence=0.8005",
    ]);
    let text = stdout(&output);
    assert!(
        text.contains("P(feasible) 80% ± 0.1 pts: stretch"),
        "{text}"
    );
    assert!(text.contains("Realistic at 80.05% confidence"), "{text}");
}

#[test]
fn the_time_paths_last_required_figure_reads_as_the_target_does() {
    // A target of $11,610,784 beside a realistic $11.61M reads $11.611M in the sentence; the
    // time path's last row (the target itself) read $11.6M, below the realistic target.
    let output = skypie(&[
        "eval",
        "scenarios/04-multi-year-plan.toml",
        "--set",
        "target.revenue=11610784",
        "--detail",
    ]);
    let text = stdout(&output);
    assert!(text.contains("$11.611M in 1095 days"), "{text}");
    let last_row = text
        .lines()
        .rfind(|l| l.starts_with("│ 1095 ┆ $"))
        .unwrap_or_default();
    assert!(last_row.starts_with("│ 1095 ┆ $11.611M ┆"), "{text}");
}

#[test]
fn the_achievable_median_reads_as_the_realistic_target_at_even_odds() {
    // At 50% confidence the realistic target is the achievable revenue's median (6,575,869
    // against a P50 of 6,575,868): they read "€6.58M" beside "€6.57M" when the median was
    // rounded to the nearest and the realistic target down.
    let output = skypie(&["eval", TEAM, "--set", "confidence=0.5"]);
    let text = stdout(&output);
    let row = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("│ {name}")))
            .and_then(|l| l.split(['┆', '│']).nth(2))
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    assert_eq!(row("achievable P50"), "€6.57M", "{text}");
    assert_eq!(row("realistic target"), "€6.57M at 50%", "{text}");
}

#[test]
fn a_file_over_the_memory_budget_is_sized_by_the_samples_it_draws() {
    // 3,000 Sobol points are 4,096 drawn: 24 KB for the headline, over a 20K budget. The
    // estimate read the count asked for (a file asking 1e9 samples was said to need 5.6 GB,
    // where the cap draws 10,000,000 in 57 MB).
    let output = skypie(&[
        "eval",
        ANECDOTE,
        TEAM,
        "--samples",
        "3000",
        "--method",
        "sobol",
        "--max-memory",
        "20K",
        "--format",
        "csv",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(&format!(
            "warning: {ANECDOTE}: needs about 24 KB at 4,096 samples, more than --max-memory \
             20 KB; it is evaluated alone"
        )),
        "{}",
        stderr(&output)
    );
}

#[test]
fn files_over_the_memory_budget_are_named_three_then_counted() {
    // `--max-memory 1` over 300 files said "it is evaluated alone" 300 times.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let files: Vec<String> = (1..=6)
        .map(|i| {
            let path = dir.path().join(format!("p{i}.toml"));
            std::fs::copy(ANECDOTE, &path).expect("copy");
            path.to_string_lossy().into_owned()
        })
        .collect();
    let mut args = vec![
        "eval",
        "--samples",
        "1000",
        "--max-memory",
        "1",
        "--format",
        "csv",
    ];
    args.extend(files.iter().map(String::as_str));
    let output = skypie(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stderr(&output);
    assert_eq!(said.matches("; it is evaluated alone").count(), 3, "{said}");
    assert!(
        said.contains(
            "warning: 3 more files need more than --max-memory 1 byte on their own; each is \
             evaluated alone"
        ),
        "{said}"
    );
    assert_eq!(
        stdout(&output).lines().count(),
        7,
        "every file is evaluated"
    );
}

#[test]
fn a_file_that_needs_exactly_the_memory_budget_is_not_warned_about() {
    // 4,096 samples at 6 bytes each are 24 KB for the headline: within a 24K budget, more
    // than one a byte smaller (README: a file that needs more than the budget runs alone).
    let warned = |budget: &str| {
        let output = skypie(&[
            "eval",
            ANECDOTE,
            "--samples",
            "4096",
            "--max-memory",
            budget,
            "--format",
            "csv",
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
        stderr(&output)
    };
    assert!(
        !warned("24K").contains("more than --max-memory"),
        "24,576 bytes fit a 24K budget"
    );
    // Both round to 24 KB: said in bytes, or the warning would read "24 KB, more than 24 KB".
    assert!(
        warned("24575").contains(
            "needs about 24,576 bytes at 4,096 samples, more than --max-memory 24,575 bytes"
        ),
        "24,576 bytes are more than 24,575"
    );
}

#[test]
fn an_input_whose_pins_both_raise_p_feasible_is_explained_under_the_tornado() {
    // A seed-stage plan at 3% whose attainment, pinned at P10 or at P90, reads 3.1% both
    // times with a swing of 0: the bars alone say it does not matter, and at both ends above
    // today's figure. The sentence under the tornado says why, in every format.
    let plan = include_str!("fixtures/seed-stage.toml");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("acme.toml");
    std::fs::write(&path, plan).expect("the plan is written");
    let file = path.to_string_lossy();
    let said = "capacity.attainment raises P(feasible) pinned at either end: some samples fall \
                short only because it lies beyond its P10 or P90, and a pin takes that away.";
    for format in ["table", "md"] {
        let out = stdout(&skypie(&["eval", &file, "--detail", "--format", format]));
        assert!(out.contains(said), "{format}: {out}");
    }
    let page = dir.path().join("acme.html");
    let report = skypie(&["report", &file, "--out", &page.to_string_lossy()]);
    assert!(report.status.success(), "{}", stderr(&report));
    let html = std::fs::read_to_string(&page).expect("the report is written");
    assert!(html.contains(said), "{html}");
    // Without such an input, nothing is added.
    let out = stdout(&skypie(&["eval", ANECDOTE, "--detail"]));
    assert!(!out.contains("pinned at either end"), "{out}");
}

#[test]
fn a_target_just_over_the_whole_market_never_reads_as_needing_100_percent() {
    // A P50 capture of 100.04% read "needs 100%" beside a verdict of impossible (more than
    // the whole serviceable market in at least half the samples).
    let args = [
        "eval",
        ANECDOTE,
        "--samples",
        "2000",
        "--set",
        "target.revenue=9942894",
    ];
    let json = json(&[&args[..], &["--format", "json"]].concat());
    let p50 = json[0]["required_capture"]["p50"]
        .as_f64()
        .unwrap_or_default();
    assert!(p50 > 1.0 && p50 < 1.0005, "{p50}");
    assert_eq!(json[0]["verdict"], "impossible");
    for format in ["table", "md"] {
        let out = stdout(&skypie(&[&args[..], &["--format", format]].concat()));
        assert!(
            out.contains("needs 100.04% of the serviceable market"),
            "{out}"
        );
        // The table's cell too.
        assert_eq!(out.matches("100.04%").count(), 2, "{format}: {out}");
    }
}

#[test]
fn plan_refuses_eval_s_run_options_saying_where_the_session_takes_them_from() {
    for args in [
        vec!["plan", "--method", "sobol", ANECDOTE],
        vec!["plan", ANECDOTE, "--samples", "1M"],
        vec!["plan", "--seed=7"],
        vec!["plan", ANECDOTE, "--set", "target.revenue=2M"],
        // Repeated, as `eval` takes --set (it read "cannot be used multiple times").
        vec![
            "plan",
            ANECDOTE,
            "--set",
            "target.revenue=2M",
            "--set",
            "horizon_days=180",
        ],
        vec!["plan", "--seed", "1", "--seed", "2"],
    ] {
        let output = skypie(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let said = stderr(&output);
        let flag = args[1..]
            .iter()
            .find(|a| a.starts_with("--"))
            .expect("a flag");
        let flag = flag.split('=').next().expect("its name");
        assert!(said.contains(&format!("plan takes no {flag}:")), "{said}");
        assert!(said.contains("method = \"sobol\" under [run]"), "{said}");
        assert!(
            !said.contains("-- --"),
            "no tip to pass it as a file: {said}"
        );
    }
}

#[test]
fn plan_refuses_eval_s_output_and_batch_options_saying_where_to_find_them() {
    for (args, flag, said_instead) in [
        (
            vec!["plan", ANECDOTE, "-f", "json"],
            "--format",
            "e exports them",
        ),
        (vec!["plan", "--format=csv"], "--format", "e exports them"),
        (
            vec!["plan", ANECDOTE, "-o", "out.csv"],
            "--out",
            "e exports them",
        ),
        (
            vec!["plan", ANECDOTE, "--detail"],
            "--detail",
            "e exports them",
        ),
        (
            vec!["plan", "--draws", "d.csv"],
            "--draws",
            "e exports them",
        ),
        (
            vec!["plan", ANECDOTE, "--threads", "2"],
            "--threads",
            "eval's batches",
        ),
        (
            vec!["plan", "--max-memory", "1G"],
            "--max-memory",
            "eval's batches",
        ),
    ] {
        let output = skypie(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let said = stderr(&output);
        assert!(said.contains(&format!("plan takes no {flag}:")), "{said}");
        assert!(said.contains(said_instead), "{said}");
        assert!(
            !said.contains("-- --"),
            "no tip to pass it as a file: {said}"
        );
    }
}

#[test]
fn plan_refuses_a_negative_number_for_eval_s_options_without_suggesting_it_is_a_file() {
    for (args, flag) in [
        (vec!["plan", ANECDOTE, "--threads", "-1"], "--threads"),
        (vec!["plan", "--max-memory", "-1"], "--max-memory"),
        (vec!["plan", ANECDOTE, "--samples", "-5"], "--samples"),
        (vec!["plan", "--seed", "-1", ANECDOTE], "--seed"),
    ] {
        let output = skypie(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let said = stderr(&output);
        assert!(said.contains(&format!("plan takes no {flag}:")), "{said}");
        assert!(
            !said.contains("'-- -"),
            "no tip to pass it as a file: {said}"
        );
    }
}

#[test]
fn a_currency_written_with_spaces_reads_without_them_in_the_tables() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let text = std::fs::read_to_string(ANECDOTE).expect("the anecdote");
    let plan = dir.path().join("plan.toml");
    std::fs::write(
        &plan,
        text.replace("currency = \"USD\"", "currency = \" € \""),
    )
    .expect("write the plan");
    let plan = plan.to_string_lossy();
    let output = skypie(&["eval", &plan, "--samples", "2000", "--format", "md"]);
    assert!(output.status.success(), "{output:?}");
    let md = stdout(&output);
    let row = md.lines().nth(2).expect("the plan's row");
    assert!(row.ends_with("| € |"), "{row}");
}

#[test]
fn out_without_format_writes_the_format_its_name_says() {
    // `--out summary.csv` alone wrote the box-drawing table into the CSV file.
    let dir = tempfile::tempdir().unwrap();
    let written = |name: &str, format: Option<&str>| {
        let out = dir.path().join(name);
        let out_arg = out.to_string_lossy().into_owned();
        let mut args = vec!["eval", "--samples", "2000", "--out", &out_arg, ANECDOTE];
        if let Some(format) = format {
            args.extend(["--format", format]);
        }
        let output = skypie(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        std::fs::read_to_string(&out).unwrap()
    };
    assert!(written("summary.csv", None).starts_with("name,file,"));
    assert!(written("summary.JSON", None).starts_with('['));
    assert!(written("summary.md", None).starts_with("| scenario |"));
    assert!(written("summary.markdown", None).starts_with("| scenario |"));
    assert!(written("summary.txt", None).starts_with('┌'));
    // A format asked for is the one written, whatever the name.
    assert!(written("table.csv", Some("table")).starts_with('┌'));
    assert!(written("table.html", Some("table")).starts_with('┌'));
    // A web page is the board report's: said, nothing computed or written.
    let page = dir.path().join("board.html");
    let output = skypie(&["eval", "--out", &page.to_string_lossy(), ANECDOTE]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("for the board report, skypie report FILE --out"));
    assert!(!page.exists());
}

#[test]
fn a_batch_tables_warnings_each_name_their_file() {
    // Under each sentence, `warning: target.revenue: …` named no file.
    let output = skypie(&[
        "eval",
        "--samples",
        "2000",
        "--set",
        "target.revenue=30%",
        ANECDOTE,
        TEAM,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let warnings: Vec<&str> = text.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 2, "{text}");
    assert!(warnings[0].starts_with(&format!("warning: {ANECDOTE}: target.revenue: ")));
    assert!(warnings[1].starts_with(&format!("warning: {TEAM}: target.revenue: ")));
    // Markdown's too.
    let md = stdout(&skypie(&[
        "eval",
        "--samples",
        "2000",
        "--format",
        "md",
        "--set",
        "target.revenue=30%",
        ANECDOTE,
        TEAM,
    ]));
    assert!(
        md.contains(&format!("\n- warning: {TEAM}: target.revenue: ")),
        "{md}"
    );
    // One file: no name to tell it from another.
    let text = stdout(&skypie(&[
        "eval",
        "--samples",
        "2000",
        "--set",
        "target.revenue=30%",
        TEAM,
    ]));
    assert!(text.contains("\nwarning: target.revenue: "), "{text}");
}

#[test]
fn the_detail_frontier_marks_the_plans_horizon_and_says_from_which_day_it_is_realistic() {
    // As the session and the board report do: the table and Markdown showed neither.
    for format in ["table", "md"] {
        let out = stdout(&skypie(&[
            "eval",
            "--detail",
            "--samples",
            "4000",
            "--format",
            format,
            ANECDOTE,
        ]));
        let frontier = &out[out.find("Frontier").expect("a frontier")..];
        assert!(frontier.contains("90 (plan)"), "{format}: {frontier}");
        assert!(!frontier.contains("365 (plan)"), "{format}: {frontier}");
        assert!(
            frontier.contains("realistic (P ≥ 80%) from day "),
            "{format}: {frontier}"
        );
    }
}

#[test]
fn a_key_set_twice_on_the_command_line_is_a_usage_error_naming_both() {
    // The later won unsaid: `--set horizon_days=90 --set horizon_days=120` ran 120 days.
    let cases: [(&[&str], &str); 4] = [
        (
            &["--set", "horizon_days=90", "--set", "horizon_days=120"],
            "error: --set 'horizon_days=90' and --set 'horizon_days=120' both set horizon_days",
        ),
        (
            &["--samples", "5000", "--set", "run.samples=1000"],
            "error: --set 'run.samples=1000' and --samples 5000 both set run.samples",
        ),
        (
            &["--method", "sobol", "--set", "run.method=mc"],
            "both set run.method",
        ),
        (
            &[
                "--set",
                "market.size ~ market.growth=0.3",
                "--set",
                "market.growth ~ market.size=0.5",
            ],
            "both set market.size ~ market.growth",
        ),
    ];
    for (options, said) in cases {
        for command in ["eval", "report"] {
            let mut args = vec![command, ANECDOTE];
            args.extend(options);
            let output = skypie(&args);
            assert_eq!(output.status.code(), Some(2), "{args:?}");
            assert!(stderr(&output).contains(said), "{}", stderr(&output));
            assert!(stdout(&output).is_empty());
        }
    }
    // Two keys, each once: run.
    let output = skypie(&[
        "eval",
        ANECDOTE,
        "--samples",
        "2000",
        "--set",
        "horizon_days=120",
        "--set",
        "target.revenue=2M",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn an_out_file_whose_extension_names_no_format_says_it_holds_the_table() {
    // `--out summary.xlsx` wrote the box-drawing table, which no spreadsheet reads, without a
    // word.
    let dir = tempfile::tempdir().unwrap();
    for (name, noted) in [
        ("summary.xlsx", true),
        ("summary.TSV", true),
        ("summary.txt", false),
        ("summary", false),
    ] {
        let out = dir.path().join(name).display().to_string();
        let output = skypie(&["eval", ANECDOTE, "--samples", "2000", "--out", &out]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let note = format!(
            "note: {out} is written as the table for people: its extension names no format eval \
             writes (.csv, .md, .markdown, .json); for a spreadsheet, --format csv\n"
        );
        assert_eq!(stderr(&output), if noted { note } else { String::new() });
        let written = std::fs::read_to_string(&out).unwrap();
        assert!(written.starts_with('┌'), "{written}");
    }
    // Nothing evaluated, nothing written: no note that it holds the table.
    let out = dir.path().join("none.xlsx").display().to_string();
    let output = skypie(&["eval", "no-such.toml", "--out", &out]);
    assert!(
        !stderr(&output).contains("is written as"),
        "{}",
        stderr(&output)
    );
    // Asked for by name: as asked, without a note.
    let out = dir.path().join("asked.xlsx").display().to_string();
    let output = skypie(&[
        "eval",
        ANECDOTE,
        "--samples",
        "2000",
        "-f",
        "table",
        "--out",
        &out,
    ]);
    assert_eq!(stderr(&output), "");
}

#[test]
fn draws_on_standard_output_after_a_csv_or_json_summary_there_are_refused() {
    // `--draws - --format json` wrote a JSON array with CSV rows after it: exit 0, and no
    // reader of JSON parsed it.
    // By either name of standard output (`/dev/stdout` was told `--draws -`).
    for (format, draws) in [("json", "-"), ("csv", "-"), ("csv", "/dev/stdout")] {
        let args = ["eval", ANECDOTE, "--samples", "100", "--format", format];
        let output = skypie(&[&args[..], &["--draws", draws]].concat());
        assert_eq!(output.status.code(), Some(2), "{format}");
        assert!(stdout(&output).is_empty(), "{format}");
        assert!(
            stderr(&output).starts_with(&format!(
                "error: the draws (--draws) and the {format} summary would both go to standard \
                 output"
            )),
            "{}",
            stderr(&output)
        );
    }
    // The summary sent to a file, or a table for people first (as README shows): written.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s.json").display().to_string();
    let args = ["eval", ANECDOTE, "--samples", "100", "--draws", "-"];
    let to_a_file = skypie(&[&args[..], &["--format", "json", "--out", &out]].concat());
    assert_eq!(to_a_file.status.code(), Some(0), "{}", stderr(&to_a_file));
    assert!(stdout(&to_a_file).starts_with("market.size,"));
    let table = skypie(&args);
    assert_eq!(table.status.code(), Some(0), "{}", stderr(&table));
    assert!(stdout(&table).contains("\nmarket.size,"));
}

#[test]
fn draws_to_the_file_standard_output_goes_to_are_refused() {
    // `eval plan.toml --format csv --draws o.csv > o.csv`: exit 0, and o.csv held the draws
    // alone, the summary lost under them.
    let dir = tempfile::tempdir().unwrap();
    let both = dir.path().join("o.csv");
    let shell = std::fs::File::create(&both).unwrap();
    let args = ["eval", ANECDOTE, "--samples", "100", "-f", "csv", "--draws"];
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("skypie"))
        .args(args)
        .arg(&both)
        .stdout(shell)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("is where standard output goes too"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(&both).unwrap(),
        "",
        "nothing written"
    );
}

#[test]
fn draws_named_as_another_format_are_written_as_csv_with_a_note() {
    // `--draws d.json` wrote CSV into a .json without a word, where `--out` says so.
    let dir = tempfile::tempdir().unwrap();
    for (name, note) in [
        ("d.json", true),
        ("d.md", true),
        ("d.csv", false),
        ("d.txt", false),
    ] {
        let draws = dir.path().join(name);
        let draws_arg = draws.display().to_string();
        let args = [
            "eval",
            ANECDOTE,
            "--samples",
            "2000",
            "--format",
            "csv",
            "--draws",
            &draws_arg,
        ];
        let output = skypie(&args);
        assert_eq!(output.status.code(), Some(0), "{name}");
        let named = name.rsplit('.').next().unwrap_or_default();
        let expected = if note {
            format!(
                "note: {draws_arg} is written as csv, as --draws writes every sample, though its \
                 name says {named}\n"
            )
        } else {
            String::new()
        };
        assert_eq!(stderr(&output), expected, "{name}");
        let written = std::fs::read_to_string(&draws).unwrap();
        assert!(written.starts_with("market.size,"), "{name}: {written:.80}");
    }
}

#[test]
fn a_format_asked_against_the_outputs_name_is_written_as_asked_with_a_note() {
    // `--format csv --out summary.json` wrote CSV into a .json without a word.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("summary.json");
    let out_arg = out.display().to_string();
    let args = [
        "eval",
        ANECDOTE,
        "--samples",
        "2000",
        "--format",
        "csv",
        "--out",
        &out_arg,
    ];
    let output = skypie(&args);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stderr(&output),
        format!("note: {out_arg} is written as csv, as --format asks, though its name says json\n")
    );
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.starts_with("name,file,"), "{written}");
    // Asked as named, or named nothing the formats know: no note.
    for (format, name) in [("json", "summary.json"), ("csv", "summary.txt")] {
        let out_arg = dir.path().join(name).display().to_string();
        let args = [
            "eval",
            ANECDOTE,
            "--samples",
            "2000",
            "--format",
            format,
            "--out",
            &out_arg,
        ];
        let output = skypie(&args);
        assert_eq!(stderr(&output), "", "{format} {name}");
    }
}

#[test]
fn the_tables_pace_needed_says_why_no_pace_reaches_the_target() {
    // Only the sentence said it: the table read "pace needed 8.96 pts/yr" beside a plan of 10
    // and P(feasible) 0% (a 10% ceiling gives at most 27.9M of 30M), and "∞ pts/yr" of an
    // empty market.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let plan = dir.path().join("capped.toml");
    std::fs::write(
        &plan,
        "schema = 1\nhorizon_days = 365\n[target]\nrevenue = \"30M\"\n[market]\n\
         size = \"100M\"\ngrowth = \"500%\"\n[share]\ncurrent = 0.05\ngain_per_year = 0.1\n\
         ceiling = 0.1\n[run]\nsamples = 200\n",
    )
    .expect("write");
    let plan = plan.to_string_lossy().into_owned();
    for format in ["table", "md"] {
        let out = stdout(&skypie(&["eval", &plan, "--format", format]));
        assert!(
            out.contains("out of reach: the ceiling stops it"),
            "{format}:\n{out}"
        );
    }
    let out = stdout(&skypie(&[
        "eval",
        &plan,
        "--set",
        "market.serviceable=0",
        "--format",
        "md",
    ]));
    assert!(out.contains("out of reach: empty market"), "{out}");
    // Today's share above the ceiling, held there: it read "none: held above its ceiling",
    // as if no gain were needed, beside a sentence saying it stops the target short.
    let out = stdout(&skypie(&["eval", &plan, "--set", "share.ceiling=4%"]));
    assert!(
        out.contains("pace needed         ┆ out of reach: share held above its ceiling"),
        "{out}"
    );
    // The CSV keeps required_pace as defined, a figure.
    let out = stdout(&skypie(&["eval", &plan, "--format", "csv"]));
    assert!(!out.contains("out of reach"), "{out}");
    // So does the share-gain lever, which read "out of reach (not even with 100 pts/yr
    // more)", as if more might.
    let out = stdout(&skypie(&["eval", &plan, "--detail"]));
    let lever = out.lines().find(|l| l.contains("│ share.gain_per_year"));
    assert!(
        lever.is_some_and(|l| l.contains("out of reach (the ceiling stops it)")),
        "{out}"
    );
}

#[test]
fn a_team_no_count_of_reps_makes_is_said_beside_its_null() {
    // JSON wrote `"required_reps": null` with no warning, as it writes a plan without a team;
    // the table says ∞ ramped reps.
    for set in ["capacity.attainment=0", "capacity.quota_per_rep=0"] {
        let json = skypie(&[
            "eval",
            "scenarios/02-capacity-bound-team.toml",
            "--samples",
            "1000",
            "--set",
            set,
            "--format",
            "json",
        ]);
        let out = stdout(&json);
        assert!(out.contains("\"required_reps\": null"), "{out}");
        assert!(
            out.contains("\"required_reps is ∞: at the medians a ramped rep books nothing"),
            "{out}"
        );
    }
    // Nor where an installed base past every target needs none (−∞: the table says "none").
    for set in [&[][..], &["--set", "market.growth=1e308"]] {
        let plan = [
            "eval",
            "scenarios/02-capacity-bound-team.toml",
            "--samples",
            "1000",
        ];
        let json = stdout(&skypie(&[&plan[..], set, &["--format", "json"]].concat()));
        assert!(!json.contains("required_reps is"), "{json}");
    }
}

#[test]
fn a_scenario_given_where_a_command_goes_is_told_the_commands_that_take_it() {
    // `skypie plan.toml` said only "unrecognized subcommand".
    let output = skypie(&["scenarios/02-capacity-bound-team.toml"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("tip: to open it in the live session: skypie plan scenarios/02-"),
        "{err}"
    );
    assert!(
        err.contains("tip: to evaluate it: skypie eval scenarios/02-"),
        "{err}"
    );
    // A mistyped command is not taken for a file.
    let err = stderr(&skypie(&["evl", "x"]));
    assert!(
        err.contains("'eval'") && !err.contains("live session"),
        "{err}"
    );
}

#[test]
fn an_analysis_given_as_a_command_is_told_where_it_is() {
    // `skypie frontier` said only "unrecognized subcommand 'frontier'"; so did `skypie
    // sensitivity` and `skypie time_path`, as the JSON names the tornado and the time path.
    // The JSON's names are told the analysis they name, which the tip names otherwise.
    for (analysis, json_name_of) in [
        ("frontier", ""),
        ("tornado", ""),
        ("levers", ""),
        ("time-path", ""),
        (
            "sensitivity",
            "tip: sensitivity is the JSON's name for the tornado\n",
        ),
        (
            "time_path",
            "tip: time_path is the JSON's name for the time path\n",
        ),
    ] {
        let err = stderr(&skypie(&[analysis]));
        assert!(
            err.contains(&format!(
                "{json_name_of}  tip: the tornado, levers, time path and frontier: skypie eval \
                 FILE --detail"
            )),
            "{analysis}: {err}"
        );
    }
}

#[test]
fn an_option_of_another_command_is_told_the_commands_that_take_it() {
    // `check plan.toml --format json` was told to pass `-- --format`, as a file's name.
    let plan = "scenarios/02-capacity-bound-team.toml";
    for (args, tip) in [
        (
            &["check", plan, "--format", "json"][..],
            "tip: check takes no --format; it is an option of eval and fit (skypie eval --help)",
        ),
        (
            &["check", plan, "--set=target.revenue=2M"][..],
            "tip: check takes no --set; it is an option of eval and report",
        ),
        (
            &["eval", plan, "--roles", "Dana"][..],
            "tip: eval takes no --roles; it is an option of plan (skypie plan --help)",
        ),
        (&["check", plan, "-o", "x"][..], "tip: check takes no -o;"),
    ] {
        let output = skypie(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let err = stderr(&output);
        assert!(
            err.contains(tip) && !err.contains("-- -"),
            "{args:?}: {err}"
        );
    }
    // A misspelt option keeps clap's own tip.
    let err = stderr(&skypie(&["eval", plan, "--fromat", "json"]));
    assert!(
        err.contains("a similar argument exists: '--format'"),
        "{err}"
    );
    // Where the tip applies it is the only one: `new --format` was also told "a similar
    // argument exists: '--force'".
    let err = stderr(&skypie(&["new", "--format", "json"]));
    assert!(
        err.contains("tip: new takes no --format") && !err.contains("similar argument"),
        "{err}"
    );
    // An option before any command is skypie's own, not the command's after it.
    let err = stderr(&skypie(&["--format", "json", "check", plan]));
    assert!(!err.contains("check takes no"), "{err}");
    // An argument that is no UTF-8 after an unknown option: a usage error, where reading the
    // arguments as text panicked (exit 101).
    use std::os::unix::ffi::OsStrExt;
    let latin_1 = std::ffi::OsStr::from_bytes(b"caf\xe9.toml");
    let run = |args: &[&std::ffi::OsStr]| {
        Command::cargo_bin("skypie")
            .expect("the binary is built")
            .args(args)
            .output()
            .expect("the binary runs")
    };
    let output = run(&["--bogus".as_ref(), latin_1]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let output = run(&["check".as_ref(), latin_1, "--format".as_ref()]);
    let err = stderr(&output);
    assert!(err.contains("tip: check takes no --format"), "{err}");
}

#[test]
fn the_levers_value_column_is_headed_alike_in_the_table_markdown_and_the_report() {
    // The table and Markdown read "value" where the board report read "makes it realistic".
    for (plan, column) in [
        (
            "scenarios/02-capacity-bound-team.toml",
            "makes it realistic",
        ),
        (
            "scenarios/03-mature-vendor-run-rate.toml",
            "still realistic as far as",
        ),
    ] {
        let detail = ["eval", plan, "--detail", "--samples", "2000"];
        let md = stdout(&skypie(&[&detail[..], &["--format", "md"]].concat()));
        assert!(
            md.contains(&format!("| lever | today | {column} |")),
            "{md}"
        );
        let table = stdout(&skypie(&detail));
        assert!(table.contains(&format!("┆ {column} ")), "{table}");
        let dir = tempfile::TempDir::new().expect("a temporary folder");
        let page = dir.path().join("board.html");
        let page_arg = page.to_string_lossy().into_owned();
        let report = skypie(&["report", plan, "--samples", "2000", "--out", &page_arg]);
        assert!(report.status.success(), "{}", stderr(&report));
        let html = std::fs::read_to_string(&page).expect("the report is written");
        assert!(html.contains(&format!("<th>{column}</th>")), "{column}");
    }
}

/// `eval` of 02 (a plan in euros) on 1,000 samples with one `--set`.
fn eval_02_with(set: &str) -> Output {
    let plan = "scenarios/02-capacity-bound-team.toml";
    skypie(&["eval", plan, "--samples", "1000", "--set", set])
}

#[test]
fn set_takes_an_amount_as_the_tables_show_it_in_the_plans_currency() {
    // 02 is in euros: the levers say `€5.93M`, which --set refused as a currency.
    let output = eval_02_with("target.revenue=€5.93M");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("│ target              ┆ €5.93M"),
        "{}",
        stdout(&output)
    );
    // Another currency's sign is a slip, refused as before.
    let output = eval_02_with("target.revenue=$5.93M");
    assert!(!output.status.success());
    assert!(stderr(&output).contains("a currency; write amounts without `$`"));
    // The plan's own sign before a percentage is a slip too (it ran with a target of €0.05),
    // and a refusal quotes what was typed, not the text without its sign.
    for (typed, said) in [("€5%", "found \"€5%\""), ("-€5M", "found \"-€5M\"")] {
        let output = eval_02_with(&format!("target.revenue={typed}"));
        assert!(!output.status.success(), "{typed}");
        assert!(stderr(&output).contains(said), "{}", stderr(&output));
    }
}

#[test]
fn set_takes_amounts_as_executives_spell_them() {
    // "1.2bn", "6.5 million", "3mm" and a minus sign from a slide were refused as unknown
    // suffixes or no number; each reads as the grammar's suffix.
    for (set, shown) in [
        ("target.revenue=1.2bn", "€1.2B"),
        ("target.revenue=€6.5 million", "€6.5M"),
        ("target.revenue=3mm", "€3M"),
    ] {
        let output = eval_02_with(set);
        assert!(output.status.success(), "{set}: {}", stderr(&output));
        let out = stdout(&output);
        assert!(
            out.contains(&format!("│ target              ┆ {shown} ")),
            "{set}: {out}"
        );
    }
    let output = eval_02_with("market.growth=\u{2212}5%");
    assert!(output.status.success(), "{}", stderr(&output));
    // A share gain as the tables and levers show it: `84.1 pts/yr` was "(not a number)".
    for points in ["12.1 pts/yr", "12.1 pts", "12.1 pts/year"] {
        let output = eval_02_with(&format!("share.gain_per_year={points}"));
        assert!(output.status.success(), "{points}: {}", stderr(&output));
        assert!(
            stdout(&output).contains("┆ 12.1 pts/yr "),
            "{}",
            stdout(&output)
        );
    }
    // Points are no count: `90 pts` of days is not told to write `90%`.
    let output = eval_02_with("horizon_days=90 pts");
    assert!(!stderr(&output).contains("90%"), "{}", stderr(&output));
    // A word that only begins like one is still refused, quoted as typed.
    let output = eval_02_with("target.revenue=3 millionaires");
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("found \"3 millionaires\""),
        "{}",
        stderr(&output)
    );
}

/// A recovery file of the plan `plan` (the worked example 02 with its edits), as a session
/// ended after its folder was gone leaves it in skypie's state folder under `state`.
fn kept_in_the_state_folder(state: &Path, plan: &Path) -> PathBuf {
    let kept_in = state.join("skypie");
    std::fs::create_dir_all(&kept_in).unwrap();
    let text = std::fs::read_to_string(TEAM).unwrap();
    let kept = kept_in.join("plan.toml.recovered-20261206-092723.toml");
    std::fs::write(
        &kept,
        format!(
            "# skypie: this session's unsaved edits: target.revenue\n\
             # skypie: the unsaved edits of: {}\n{text}",
            plan.display()
        ),
    )
    .unwrap();
    kept
}

/// `skypie plan NAME` started in `dir`, its state folder there: what it says on standard error.
fn plan_said(dir: &Path, name: &str) -> String {
    let output = Command::cargo_bin("skypie")
        .expect("the binary is built")
        .args(["plan", name])
        .current_dir(dir)
        .env("XDG_STATE_HOME", dir)
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(1));
    stderr(&output)
}

#[test]
fn a_plan_gone_with_its_folder_is_taken_up_again_by_making_the_folder_first() {
    // `d1/` deleted while a session on d1/plan.toml ended: its edits were kept in the state
    // folder, and the way back read "cp …recovered….toml d1/plan.toml", which fails there.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let kept = kept_in_the_state_folder(dir.path(), &dir.path().join("d1").join("plan.toml"));
    let said = plan_said(dir.path(), "d1/plan.toml");
    assert!(
        said.contains(&format!(
            "to take them up again, mkdir -p d1, cp {} d1/plan.toml, then skypie plan d1/plan.toml",
            kept.display()
        )),
        "{said}"
    );
    // Its folder there: no mkdir.
    std::fs::create_dir(dir.path().join("d1")).unwrap();
    let said = plan_said(dir.path(), "d1/plan.toml");
    assert!(said.contains("to take them up again, cp "), "{said}");
}

#[test]
fn a_plan_emptied_since_its_session_ended_names_the_recovery_file_that_holds_it() {
    // `skypie eval plan.toml > plan.toml` empties it (the shell first): `plan` said only "found
    // an empty file … skypie new FILE writes a scenario", and the recovery file went unnamed.
    let dir = tempfile::tempdir().expect("a temporary folder");
    let plan = dir.path().join("plan.toml");
    std::fs::write(&plan, "").unwrap();
    let kept = kept_in_the_state_folder(dir.path(), &plan);
    let said = plan_said(dir.path(), "plan.toml");
    assert!(said.contains("found an empty file"), "{said}");
    assert!(
        said.contains(&format!(
            "to take them up again, cp {} plan.toml, then skypie plan plan.toml",
            kept.display()
        )),
        "{said}"
    );
    // Said before the want of a terminal (the tests have none).
    assert!(!said.contains("needs a terminal"), "{said}");
}
