//! Grounding the inputs, against the real binary (README "Grounding the inputs"): correlated
//! inputs seen through `eval --draws`, benchmark warnings, and `skypie fit` with its errors.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

mod common;
use common::{skypie, spearman};

const CORRELATED: &str = "scenarios/07-inputs-that-move-together.toml";
const ACTUALS: &str = "scenarios/actuals/attainment.csv";

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn write(dir: &Path, name: &str, contents: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("the test file is written");
    path.to_string_lossy().into_owned()
}

/// A scenario with every input uncertain, in five different families, and three asked
/// correlations (one negative).
const EVERY_FAMILY: &str = r#"
schema = 1
horizon_days = 365
[target]
revenue = "3M"
[market]
size = "35M to 70M"
growth = "5% to 20%"
serviceable = { dist = "beta", alpha = 8, beta = 2 }
[share]
current = { dist = "uniform", min = 0.02, max = 0.05 }
gain_per_year = { dist = "pert", min = "1%", mode = "4%", max = "10%" }
ceiling = { dist = "triangular", min = 0.3, mode = 0.5, max = 0.7 }
[capacity]
reps = 6
quota_per_rep = { dist = "normal", mean = "1.2M", sd = "200k" }
attainment = { dist = "triangular", min = 0.4, mode = 0.8, max = 1.2 }
[correlation]
"market.size ~ market.growth" = -0.4
"share.gain_per_year ~ capacity.attainment" = 0.7
"market.serviceable ~ share.current" = 0.3
"#;

/// The columns of a `--draws` file, by header.
fn columns(csv: &str) -> Vec<(String, Vec<f64>)> {
    let mut lines = csv.lines();
    let header: Vec<String> = lines.next().unwrap().split(',').map(String::from).collect();
    let mut values = vec![Vec::new(); header.len()];
    for line in lines {
        for (column, cell) in values.iter_mut().zip(line.split(',')) {
            column.push(cell.parse::<f64>().unwrap());
        }
    }
    header.into_iter().zip(values).collect()
}

#[test]
fn draws_show_the_asked_rank_correlations_and_none_between_other_inputs() {
    let dir = TempDir::new().unwrap();
    let plan = write(dir.path(), "plan.toml", EVERY_FAMILY);
    let out = dir.path().join("draws.csv");
    let output = skypie(&[
        "eval",
        &plan,
        "--samples",
        "50000",
        "--draws",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let columns = columns(&std::fs::read_to_string(&out).unwrap());
    let inputs = &columns[..8];
    assert_eq!(inputs[0].1.len(), 50_000);
    let asked = [
        ("market.size", "market.growth", -0.4),
        ("share.gain_per_year", "capacity.attainment", 0.7),
        ("market.serviceable", "share.current", 0.3),
    ];
    for (i, (a, x)) in inputs.iter().enumerate() {
        for (b, y) in &inputs[i + 1..] {
            let expected = asked
                .iter()
                .find(|(p, q, _)| {
                    (*p, *q) == (a.as_str(), b.as_str()) || (*p, *q) == (b.as_str(), a.as_str())
                })
                .map_or(0.0, |(_, _, rho)| *rho);
            let measured = spearman(x, y);
            assert!(
                (measured - expected).abs() < 0.02,
                "{a} ~ {b}: rank correlation {measured}, asked {expected}"
            );
        }
    }
}

#[test]
fn draws_hold_the_samples_behind_every_figure() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("draws.csv");
    let output = skypie(&[
        "eval",
        CORRELATED,
        "--samples",
        "20000",
        "--format",
        "json",
        "--draws",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.starts_with(
        "market.size,market.growth,market.serviceable,share.current,share.gain_per_year,\
         share.ceiling,capacity.quota_per_rep,capacity.attainment,market_in_window,\
         achievable_revenue,feasible\n"
    ));
    let columns = columns(&csv);
    let column = |name: &str| &columns.iter().find(|(n, _)| n == name).unwrap().1;
    let feasible: f64 = column("feasible").iter().sum();
    assert_eq!(feasible / 20_000.0, json[0]["p_feasible"].as_f64().unwrap());
    let mut growth = column("market.growth").clone();
    growth.sort_by(f64::total_cmp);
    // "0% to 30%": the rate g itself, median 15% (not the model's k = ln 1.15 = 14%).
    assert!((growth[10_000] - 0.15).abs() < 0.005, "{}", growth[10_000]);
    assert!(column("market.serviceable").iter().all(|s| *s == 0.8));
}

#[test]
fn draws_take_one_scenario_and_results_do_not_depend_on_threads() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("draws.csv");
    let path = out.to_str().unwrap();
    let output = skypie(&["eval", CORRELATED, CORRELATED, "--draws", path]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("--draws writes the samples of one scenario"));
    assert!(!out.exists());
    let draws = |threads: &str| {
        let output = skypie(&[
            "eval",
            CORRELATED,
            "--samples",
            "20000",
            "--threads",
            threads,
            "--draws",
            path,
        ]);
        assert!(output.status.success(), "{}", text(&output.stderr));
        std::fs::read(&out).unwrap()
    };
    assert_eq!(draws("1"), draws("2"));
}

#[test]
fn json_echoes_the_correlations_as_given() {
    let output = skypie(&["eval", CORRELATED, "--samples", "2000", "--format", "json"]);
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let correlation = json[0]["correlation"].as_object().unwrap();
    let pairs: Vec<(&str, f64)> = correlation
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_f64().unwrap()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("market.growth ~ share.gain_per_year", 0.7),
            ("share.gain_per_year ~ capacity.attainment", 0.5)
        ]
    );
}

/// A plan far outside every benchmark: a 21-day ramp, attainment above quota, and a team
/// that more than doubles.
const OPTIMISTIC: &str = r#"
schema = 1
horizon_days = 180
[target]
revenue = "2M"
[market]
size = "20M to 40M"
[capacity]
reps = 2
new_reps = 5
ramp_days = 21
quota_per_rep = "800k"
attainment = "95% to 130%"
"#;

#[test]
fn assumptions_far_outside_benchmarks_warn_with_their_source_and_keep_exit_zero() {
    let dir = TempDir::new().unwrap();
    let plan = write(dir.path(), "plan.toml", OPTIMISTIC);
    let output = skypie(&["check", &plan]);
    assert_eq!(output.status.code(), Some(0));
    let said = text(&output.stdout);
    for expected in [
        "warning: capacity.ramp_days: 21 days for 5 new reps; the median AE ramp is about 5 \
         months (Bridge Group, SaaS AE Metrics)",
        "warning: capacity.attainment: median 111%; only about half of reps reach quota",
        "warning: capacity.new_reps: 5 new reps beside 2 ramped",
    ] {
        assert!(said.contains(expected), "{said}");
    }
    // One day for one new rep, in the singular.
    let one = write(
        dir.path(),
        "one.toml",
        &OPTIMISTIC
            .replace("new_reps = 5", "new_reps = 1")
            .replace("ramp_days = 21", "ramp_days = 1"),
    );
    let said = text(&skypie(&["check", &one]).stdout);
    assert!(
        said.contains("warning: capacity.ramp_days: 1 day for 1 new rep; "),
        "{said}"
    );
    // Counts grouped as everywhere (it read "12000 new reps beside 6000 ramped" under "has 6,000").
    let many = write(
        dir.path(),
        "many.toml",
        &OPTIMISTIC
            .replace("new_reps = 5", "new_reps = 12000")
            .replace("reps = 2\n", "reps = 6000\n"),
    );
    let said = text(&skypie(&["check", &many]).stdout);
    assert!(
        said.contains("capacity.ramp_days: 21 days for 12,000 new reps; ")
            && said.contains("capacity.new_reps: 12,000 new reps beside 6,000 ramped"),
        "{said}"
    );
    // A median just above 100% reads above it (it read "median 100%", the threshold itself).
    let just = write(
        dir.path(),
        "just.toml",
        &OPTIMISTIC.replace("\"95% to 130%\"", "\"100% to 100.5%\""),
    );
    let said = text(&skypie(&["check", &just]).stdout);
    assert!(
        said.contains("warning: capacity.attainment: median 100.2%; "),
        "{said}"
    );
    let output = skypie(&["eval", &plan, "--samples", "1000", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let warnings: Vec<&str> = json[0]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        warnings
            .iter()
            .filter(|w| w.starts_with("capacity."))
            .count(),
        3
    );
    let table = text(&skypie(&["eval", &plan, "--samples", "1000"]).stdout);
    assert!(
        table.contains("warning: capacity.ramp_days: 21 days"),
        "{table}"
    );
}

#[test]
fn a_scenario_can_turn_a_benchmark_check_off() {
    let dir = TempDir::new().unwrap();
    let text_with =
        format!("{OPTIMISTIC}[norms]\nignore = [\"capacity.ramp_days\", \"capacity.new_reps\"]\n");
    let plan = write(dir.path(), "plan.toml", &text_with);
    let said = text(&skypie(&["check", &plan]).stdout);
    assert!(!said.contains("capacity.ramp_days:"), "{said}");
    assert!(!said.contains("capacity.new_reps:"), "{said}");
    assert!(said.contains("capacity.attainment: median"), "{said}");
}

/// `skypie fit DATA --column COLUMN --into PLAN --key KEY`, then `extra` (`--form normal`).
fn fit_into(data: &str, column: &str, plan: &str, key: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "fit", data, "--column", column, "--into", plan, "--key", key,
    ];
    args.extend_from_slice(extra);
    skypie(&args)
}

#[test]
fn fit_ranks_the_forms_and_json_carries_their_parameters() {
    let output = skypie(&["fit", ACTUALS, "--column", "attainment", "--format", "json"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let fits: Value = serde_json::from_slice(&output.stdout).unwrap();
    let fits = fits.as_array().unwrap();
    let forms: Vec<&str> = fits.iter().map(|f| f["form"].as_str().unwrap()).collect();
    assert_eq!(forms, ["lognormal", "normal", "triangular", "uniform"]);
    let aic: Vec<f64> = fits.iter().map(|f| f["aic"].as_f64().unwrap()).collect();
    assert!(aic.windows(2).all(|w| w[0] <= w[1]));
    let uniform = &fits[3];
    assert_eq!(uniform["params"]["min"].as_f64(), Some(0.5));
    assert_eq!(uniform["params"]["max"].as_f64(), Some(1.13));
    assert_eq!(
        uniform["value"].as_str(),
        Some(r#"{ dist = "uniform", min = "50%", max = "113%" }"#)
    );
    let keys: Vec<&String> = fits[0]["params"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["mu", "sigma"]);
    // `-f json`, as `eval` takes it (it was refused as an unexpected argument).
    let short = skypie(&["fit", ACTUALS, "--column", "attainment", "-f", "json"]);
    assert_eq!(short.stdout, output.stdout, "{}", text(&short.stderr));
    let table = text(&skypie(&["fit", ACTUALS, "--column", "attainment"]).stdout);
    assert!(table.contains("Best by AIC: lognormal"), "{table}");
    assert!(
        table.contains("Not fitted: beta (needs every value inside (0, 1))"),
        "{table}"
    );
    assert!(
        table.contains("\nnormal is within 2 of lognormal's AIC: the data hardly tell them apart"),
        "{table}"
    );
    assert!(!table.contains("Only 28 values"), "{table}");
}

#[test]
fn fit_warns_when_a_uniform_ranks_first_on_few_values() {
    let dir = TempDir::new().unwrap();
    let actuals = std::fs::read_to_string(ACTUALS).unwrap();
    let first: Vec<&str> = actuals.lines().take(12).collect();
    let few = write(dir.path(), "few.csv", &first.join("\n"));
    let output = skypie(&["fit", &few, "--column", "attainment"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let table = text(&output.stdout);
    assert!(table.contains("Best by AIC: uniform"), "{table}");
    assert!(
        table.contains("Only 11 values, and the uniform's range is their own lowest and highest"),
        "{table}"
    );
}

#[test]
fn fit_points_at_a_spreadsheets_total_row_in_the_table_and_beside_json() {
    let dir = TempDir::new().unwrap();
    let quarters =
        "quarter,bookings\nQ1,1.2M\nQ2,1.5M\nQ3,0.9M\nQ4,1.1M\nQ5,1.3M\nQ6,1.4M\nQ7,1M\nQ8,1.2M\n";
    // A row labelled `Average` that is not the quarters' average is fitted, with a note.
    let labelled = write(
        dir.path(),
        "labelled.csv",
        &format!("{quarters}Average,1.25M\n"),
    );
    let output = skypie(&["fit", &labelled, "--column", "bookings"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let table = text(&output.stdout);
    assert!(
        table.contains(&format!(
            "{labelled}:10: the row says `Average`: a spreadsheet's summary row is fitted as one \
             more value (1.25M); delete the row if it is not an actual."
        )),
        "{table}"
    );
    // Their average is left out, as a total is.
    let average = write(
        dir.path(),
        "average.csv",
        &format!("{quarters}Average,1.2M\n"),
    );
    let table = text(&skypie(&["fit", &average, "--column", "bookings"]).stdout);
    assert!(
        table.contains(&format!(
            "{average}:10: the row says `Average` and 1.2M is the average of all the other \
             values: it is left out of the fit"
        )),
        "{table}"
    );
    // A total labelled so is left out, the note saying both.
    let total = write(dir.path(), "total.csv", &format!("{quarters}Total,9.6M\n"));
    let table = text(&skypie(&["fit", &total, "--column", "bookings"]).stdout);
    assert!(
        table.contains(&format!(
            "{total}:10: the row says `Total` and 9.6M is the sum of all the other values, a \
             total row: it is left out of the fit"
        )),
        "{table}"
    );
    // Unlabelled, the total is known by its value; JSON stays JSON, the note goes beside it.
    let unlabelled = write(dir.path(), "sum.csv", &format!("{quarters},9.6M\n"));
    let output = skypie(&[
        "fit",
        &unlabelled,
        "--column",
        "bookings",
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let fits: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(fits.is_array(), "{fits}");
    let said = text(&output.stderr);
    assert!(
        said.contains(&format!(
            "warning: {unlabelled}:10: 9.6M is the sum of all the other values, a total row: \
             it is left out of the fit"
        )),
        "{said}"
    );
    // Without it, no note.
    let actuals = write(dir.path(), "quarters.csv", quarters);
    let output = skypie(&["fit", &actuals, "--column", "bookings"]);
    assert!(
        !text(&output.stdout).contains("total"),
        "{}",
        text(&output.stdout)
    );
}

#[test]
fn fit_into_refusing_the_data_says_nothing_was_written() {
    // Key and slip refusals said so; `n/a` and too few values did not.
    let dir = TempDir::new().unwrap();
    let original = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml").unwrap();
    let plan = write(dir.path(), "plan.toml", &original);
    let refused = |csv: &str| {
        let data = write(dir.path(), "data.csv", csv);
        text(&fit_into(&data, "x", &plan, "capacity.attainment", &[]).stderr)
    };
    for csv in ["rep,x\na,1\nb,n/a\nc,3\n", "rep,x\na,80%\nb,90%\n"] {
        let said = refused(csv);
        assert!(said.ends_with(" (nothing was written)\n"), "{said}");
    }
}

#[test]
fn fit_into_from_a_data_file_it_cannot_read_says_nothing_was_written() {
    // A folder, a missing file or UTF-16 text said why, but not that the plan was left alone.
    let dir = TempDir::new().unwrap();
    let original = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml").unwrap();
    let plan = write(dir.path(), "plan.toml", &original);
    std::fs::create_dir(dir.path().join("folder.csv")).unwrap();
    std::fs::write(dir.path().join("utf16.csv"), b"\xff\xfea\x00\n\x00").unwrap();
    for data in ["folder.csv", "missing.csv", "utf16.csv"] {
        let data = dir.path().join(data).to_string_lossy().into_owned();
        let said = text(&fit_into(&data, "x", &plan, "capacity.attainment", &[]).stderr);
        assert!(said.ends_with(" (nothing was written)\n"), "{said}");
        assert_eq!(std::fs::read_to_string(&plan).unwrap(), original, "{data}");
    }
}

#[test]
fn fit_says_a_currency_abbreviation_after_an_amount_as_check_says_it_of_a_value() {
    // `fit` said "`kr` is a currency, which is not read; write `1200`", `check` of the same
    // value "unknown suffix `kr`".
    let dir = TempDir::new().unwrap();
    let data = write(dir.path(), "kr.csv", "rep,quota\nr,1200 kr\nr,1300\n");
    let said = text(&skypie(&["fit", &data, "--column", "quota"]).stderr);
    assert!(
        said.contains(&format!(
            "{data}:2:2: quota: found `1200 kr` (a currency; write amounts without `kr`, as in \
             1200)"
        )),
        "{said}"
    );
}

#[test]
fn fit_into_a_plan_a_session_saves_meanwhile_writes_nothing_and_says_so() {
    // A live session's save (which holds the file while it replaces it) between fit's read
    // and fit's write: fit wrote over the session's edit, or the session's rename over fit's.
    let dir = TempDir::new().unwrap();
    let original = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml").unwrap();
    let plan = write(dir.path(), "plan.toml", &original);
    let held = std::fs::File::open(&plan).unwrap();
    held.lock().unwrap();
    let fit = std::process::Command::new(assert_cmd::cargo::cargo_bin("skypie"))
        .args(["fit", ACTUALS, "--column", "attainment", "--into", &plan])
        .args(["--key", "capacity.attainment"])
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The session's save: its text renamed over the file fit read, then the file let go.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let session = original.replace("reps = 3", "reps = 4");
    let saved = dir.path().join("saved");
    std::fs::write(&saved, &session).unwrap();
    std::fs::rename(&saved, &plan).unwrap();
    drop(held);
    let output = fit.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let said = text(&output.stderr);
    assert!(said.contains("it changed since fit read it"), "{said}");
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), session);
}

#[test]
fn fit_into_changes_only_the_key_and_notes_the_data() {
    let dir = TempDir::new().unwrap();
    let original = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml").unwrap();
    let plan = write(dir.path(), "plan.toml", &original);
    let output = fit_into(
        ACTUALS,
        "attainment",
        &plan,
        "capacity.attainment",
        &["--form", "normal"],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    // Lognormal ranks first: the line under the table says the normal is what is written.
    let said = text(&output.stdout);
    assert!(
        said.contains("Best by AIC: lognormal") && said.contains("; writing normal (--form) into "),
        "{said}"
    );
    let edited = std::fs::read_to_string(&plan).unwrap();
    let (old, new): (Vec<&str>, Vec<&str>) = (original.lines().collect(), edited.lines().collect());
    assert_eq!(old.len(), new.len());
    let changed: Vec<(&&str, &&str)> = old.iter().zip(&new).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{edited}");
    let line = *changed[0].1;
    assert!(
        line.starts_with(
            "attainment = { dist = \"normal\", mean = \"79.75%\", sd = \"13.5%\" }   # teams \
             rarely book their whole quota; fitted by skypie fit to "
        ) && line.ends_with("attainment.csv (n = 28)"),
        "{line}"
    );
    assert_eq!(noted_data(line, &plan), std::fs::canonicalize(ACTUALS).ok());
    assert!(skypie(&["check", &plan]).status.success());
}

/// The file a fit's note in `line` names, found from the folder of the scenario at `plan`.
fn noted_data(line: &str, plan: &str) -> Option<std::path::PathBuf> {
    let (_, after) = line.split_once("fitted by skypie fit to ")?;
    let (named, _) = after.rsplit_once(" (n = ")?;
    let folder = Path::new(plan).parent()?;
    std::fs::canonicalize(folder.join(named)).ok()
}

#[test]
fn fit_errors_say_where_and_what() {
    let dir = TempDir::new().unwrap();
    let bad = write(
        dir.path(),
        "bad.csv",
        "quarter,attainment\nQ1,80%\nQ2,n/a\nQ3,70%\n",
    );
    let output = skypie(&["fit", &bad, "--column", "attainment"]);
    assert_eq!(output.status.code(), Some(1));
    let said = text(&output.stderr);
    assert!(
        said.contains(&format!("{bad}:3:2: attainment: found `n/a`")),
        "{said}"
    );
    // The same line on a spreadsheet's export: CRLF line ends, a byte order mark, a blank line.
    let crlf = write(
        dir.path(),
        "crlf.csv",
        "\u{feff}quarter,attainment\r\n\r\nQ1,80%\r\nQ2,n/a\r\nQ3,70%\r\n",
    );
    let said = text(&skypie(&["fit", &crlf, "--column", "attainment"]).stderr);
    assert!(
        said.contains(&format!("{crlf}:4:2: attainment: found `n/a`")),
        "{said}"
    );

    let few = write(dir.path(), "few.csv", "x\n1\n2\n3\n");
    let said = text(&skypie(&["fit", &few, "--column", "x"]).stderr);
    assert!(
        said.contains("3 values; fitting needs at least 5"),
        "{said}"
    );

    // Every value the same is named as the cells write it: `80%`, not the 0.8 it reads as.
    let same = write(dir.path(), "same.csv", "x\n80%\n80%\n80%\n80%\n80%\n");
    let said = text(&skypie(&["fit", &same, "--column", "x"]).stderr);
    assert!(
        said.contains("column x: every value is 80%: there is no spread to fit"),
        "{said}"
    );

    let said = text(&skypie(&["fit", ACTUALS, "--column", "attainmnt"]).stderr);
    assert!(
        said.contains("no column `attainmnt`; the columns are quarter, reps, attainment"),
        "{said}"
    );
    assert!(said.contains("did you mean `attainment`?"), "{said}");

    let plan = write(dir.path(), "plan.toml", OPTIMISTIC);
    let output = fit_into(ACTUALS, "attainment", &plan, "capacity.reps", &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("--key capacity.reps: a count that skypie takes as given"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), OPTIMISTIC);
}

#[test]
fn fit_refuses_a_quoted_cell_with_more_after_its_closing_quote() {
    let dir = TempDir::new().unwrap();
    // csv reads `"9"0%` as 90%: a stray quote would change the data without a word.
    let stray = write(
        dir.path(),
        "stray.csv",
        "q,x\n1,80%\n2,\"9\"0%\n3,70%\n4,85%\n5,95%\n",
    );
    let output = skypie(&["fit", &stray, "--column", "x"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let said = text(&output.stderr);
    assert!(
        said.contains(&format!(
            "{stray}:3:2: x: found `\"9\"0%` (text after the closing quote), expected the cell \
             wholly inside its quotes or with no quotes"
        )),
        "{said}"
    );
    // Quotes around a whole cell, a doubled quote and a separator inside them are fine.
    let quoted = write(
        dir.path(),
        "quoted.csv",
        "q,x\n\"Q1, \"\"late\"\"\",\"80%\"\nQ2,\"90%\" \nQ3,70%\nQ4,85%\nQ5,95%\n",
    );
    let output = skypie(&["fit", &quoted, "--column", "x"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
}

#[test]
fn fit_says_what_to_do_with_a_blank_cell() {
    let dir = TempDir::new().unwrap();
    for (name, data) in [
        ("blank.csv", "q,x\n1,80%\n2,\n3,70%\n4,85%\n5,95%\n"),
        ("blank-eu.csv", "q;x\n1;80%\n2; \n3;70%\n4;85%\n5;95%\n"),
    ] {
        let data = write(dir.path(), name, data);
        let output = skypie(&["fit", &data, "--column", "x"]);
        assert_eq!(output.status.code(), Some(1));
        let said = text(&output.stderr);
        assert!(
            said.contains(&format!(
                "{data}:3:2: x: found an empty cell, expected a number such as 0.85, 85% or 1.2M \
                 (fill it in, or delete the row if there is no value for it)"
            )),
            "{said}"
        );
    }
}

/// The forms `skypie fit --format json` ranks for `data`'s column x, with their KS distances.
fn ranked_forms(data: &str) -> Vec<(String, f64)> {
    let output = skypie(&["fit", data, "--column", "x", "--format", "json"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let fits: Value = serde_json::from_slice(&output.stdout).unwrap();
    fits.as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let form = f["form"].as_str().unwrap().to_string();
            (form, f["ks"].as_f64().unwrap())
        })
        .collect()
}

#[test]
fn fit_leaves_out_a_form_too_extreme_for_floating_point_rather_than_rank_a_made_up_ks() {
    let dir = TempDir::new().unwrap();
    // A triangular on 1 to 1e300 overflows its cumulative distribution (NaN passed for KS 0),
    // and a normal's deviation overflows.
    let huge = write(dir.path(), "huge.csv", "x\n1\n2\n3\n4\n1e300\n");
    let table = text(&skypie(&["fit", &huge, "--column", "x"]).stdout);
    assert!(
        table.contains(
            "Not fitted: normal (the values are too extreme to fit it), triangular (the values \
             are too extreme to fit it), beta (needs every value inside (0, 1))."
        ),
        "{table}"
    );
    assert!(!table.contains("┆ triangular"), "{table}");
    let ranked = ranked_forms(&huge);
    let forms: Vec<&str> = ranked.iter().map(|(form, _)| form.as_str()).collect();
    assert_eq!(forms, ["lognormal", "uniform"]);
    assert!(ranked.iter().all(|(_, ks)| *ks > 0.0), "{ranked:?}");

    // Near 1e-300 the beta's start underflows and it stayed at α = β = 1e6 with KS 1.
    let tiny = write(
        dir.path(),
        "tiny.csv",
        "x\n1e-300\n2e-300\n3e-300\n4e-300\n5e-300\n",
    );
    let table = text(&skypie(&["fit", &tiny, "--column", "x"]).stdout);
    assert!(
        table.contains("beta (the values are too extreme to fit it)"),
        "{table}"
    );
    let forms: Vec<String> = ranked_forms(&tiny).into_iter().map(|(f, _)| f).collect();
    assert_eq!(forms, ["uniform", "lognormal"]);

    // Asked for by name, the form is refused with the same reason and the scenario kept.
    let plan = write(dir.path(), "plan.toml", OPTIMISTIC);
    let output = fit_into(
        &huge,
        "x",
        &plan,
        "capacity.attainment",
        &["--form", "triangular"],
    );
    assert_eq!(output.status.code(), Some(1));
    let said = text(&output.stderr);
    assert!(
        said.contains(&format!(
            "{huge}: column x: cannot fit a triangular (--form): the values are too extreme to \
             fit it; nothing was written to {plan} (the forms fitted: lognormal, uniform)"
        )),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), OPTIMISTIC);
    let table = text(&output.stdout);
    assert!(
        table.contains("; triangular (--form) was not fitted, so nothing is written."),
        "the line under the table does not promise a write: {table}"
    );
}

#[test]
fn fit_with_no_form_it_can_fit_is_an_error_saying_why_of_each() {
    let dir = TempDir::new().unwrap();
    let data = write(
        dir.path(),
        "extreme.csv",
        "x\n-1e308\n1e308\n-1e308\n1e308\n0\n",
    );
    let output = skypie(&["fit", &data, "--column", "x"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "no empty table");
    let said = text(&output.stderr);
    assert!(
        said.contains("column x: no form could be fitted: normal (the values are too extreme"),
        "{said}"
    );
    assert!(
        said.contains("lognormal (needs every value above 0)"),
        "{said}"
    );
}

#[test]
fn fit_into_checks_the_scenario_first_and_writes_into_an_inline_table_without_a_note() {
    let dir = TempDir::new().unwrap();
    let into = |plan: &str| fit_into(ACTUALS, "attainment", plan, "capacity.attainment", &[]);
    let missing = dir.path().join("missing.toml");
    let output = into(&missing.to_string_lossy());
    assert_eq!(output.status.code(), Some(1));
    assert!(
        output.stdout.is_empty(),
        "no table that ends 'writing it into' it"
    );
    assert!(text(&output.stderr).contains("missing.toml: found no such file"));

    let inline = "horizon_days = 90\ntarget = { revenue = \"1M\" }\n\
                  market = { size = \"20M to 40M\" }\n\
                  capacity = { reps = 3, quota_per_rep = \"1M\", attainment = 0.7 }  # inline\n";
    let plan = write(dir.path(), "inline.toml", inline);
    let output = into(&plan);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr)
            .contains("(without the note naming the data: `capacity` is an inline table"),
        "{}",
        text(&output.stderr)
    );
    let written = std::fs::read_to_string(&plan).unwrap();
    assert!(
        written.contains("attainment = { dist = \"lognormal\""),
        "{written}"
    );
    assert!(
        written.ends_with("}  # inline\n"),
        "the line's comment kept: {written}"
    );
    assert!(skypie(&["check", &plan]).status.success());
}

#[test]
fn a_scenario_given_as_the_actuals_is_said_to_be_one() {
    // The two files swapped read the scenario's comment line as the header row: "no column
    // `attainment`; the columns are # A capacity-bound team: …".
    let plan = "scenarios/02-capacity-bound-team.toml";
    let output = skypie(&["fit", plan, "--column", "attainment"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        format!(
            "error: {plan}: found a scenario (TOML), expected a CSV file of past actuals to \
             fit; to write the fit into this scenario: skypie fit ACTUALS.csv --column \
             attainment --into {plan} --key KEY\n"
        )
    );
    assert!(output.stdout.is_empty());
    // A CSV file's own slip is said as before.
    let output = skypie(&["fit", ACTUALS, "--column", "attainmnt"]);
    assert!(text(&output.stderr).contains("no column `attainmnt`; the columns are quarter"));
}

#[test]
fn fit_into_a_data_file_or_a_read_only_scenario_says_so_before_the_table() {
    // `--into frac2.csv` read the CSV's header as TOML ("quarter: found `quarter` with no
    // value"); a read-only scenario was refused after a table that ended "writing it into".
    let dir = TempDir::new().unwrap();
    let other = write(dir.path(), "other.csv", "q,a\n1,80%\n");
    for into in [other.as_str(), ACTUALS] {
        let output = fit_into(ACTUALS, "attainment", into, "capacity.attainment", &[]);
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(
            text(&output.stderr),
            format!(
                "error: --into {into}: found a data file, expected the scenario file (.toml) to \
                 write the fit into (nothing was written)\n"
            )
        );
        assert!(output.stdout.is_empty());
    }
    let original = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml").unwrap();
    let plan = write(dir.path(), "plan.toml", &original);
    std::fs::set_permissions(&plan, std::fs::Permissions::from_mode(0o444)).unwrap();
    let output = fit_into(ACTUALS, "attainment", &plan, "capacity.attainment", &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "{}", text(&output.stdout));
    assert!(
        text(&output.stderr).contains("read-only"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), original);
}

#[test]
fn fit_into_a_pipe_is_refused_before_it_is_read() {
    // A pipe fed a plan was read, then opened to write the fit back, which waited for a reader
    // for good after "writing it into" (a tester). Refused whether or not anything feeds it
    // (this one has no writer, so the test cannot wait).
    let dir = TempDir::new().unwrap();
    let fifo = dir.path().join("plan.toml");
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        &fifo,
        rustix::fs::Mode::from_raw_mode(0o644),
    )
    .unwrap();
    let into = fifo.display().to_string();
    let output = fit_into(ACTUALS, "attainment", &into, "capacity.attainment", &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        format!(
            "error: --into {into}: found a pipe, a device or a socket, expected the scenario \
             file (.toml) to write the fit into, which is edited in place (nothing was \
             written)\n"
        )
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn fit_into_dash_is_a_usage_error_not_a_file_named_dash() {
    // `--into - < plan.toml` read the scenario from standard input and wrote it, fitted, to a
    // file named `-` in the current folder, with nothing on standard output and exit 0.
    let dir = TempDir::new().unwrap();
    let actuals = std::fs::canonicalize(ACTUALS).unwrap();
    let output = Command::cargo_bin("skypie")
        .unwrap()
        .current_dir(dir.path())
        .args(["fit", &actuals.to_string_lossy(), "--column", "attainment"])
        .args(["--into", "-", "--key", "capacity.attainment"])
        .write_stdin(std::fs::read("scenarios/02-capacity-bound-team.toml").unwrap())
        .output()
        .unwrap();
    let said = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(
        said.contains("invalid value '-' for '--into <FILE>': found -, expected the name of a scenario file to write into"),
        "{said}"
    );
    assert!(output.stdout.is_empty(), "nothing computed or printed");
    assert!(!dir.path().join("-").exists(), "no file named -");
}

#[test]
fn fit_into_a_key_the_scenario_cannot_take_names_no_line_the_file_does_not_have() {
    let dir = TempDir::new().unwrap();
    // Twelve lines and no [capacity]: attainment would need a table the file does not have.
    let without_capacity = "schema = 1\nhorizon_days = 365\n[target]\nrevenue = \"3M\"\n\
                            [market]\nsize = \"35M to 70M\"\ngrowth = \"5% to 20%\"\n\
                            serviceable = 0.8\n[share]\ncurrent = \"2% to 5%\"\n\
                            gain_per_year = \"1% to 10%\"\nceiling = 0.5\n";
    let plan = write(dir.path(), "plan.toml", without_capacity);
    let output = fit_into(ACTUALS, "attainment", &plan, "capacity.attainment", &[]);
    assert_eq!(output.status.code(), Some(1));
    let said = text(&output.stderr);
    assert_eq!(
        said,
        format!(
            "error: {plan}: capacity.attainment: found a scenario without a [capacity] table, \
             expected a [capacity] table (add one to the file first, with reps and quota_per_rep \
             at least: one value cannot add a team)\n"
        )
    );
    // Said before any fitting: no table that ends "writing it into" the file.
    assert_eq!(text(&output.stdout), "");
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), without_capacity);
}

#[test]
fn fit_refuses_a_column_the_header_names_twice() {
    let dir = TempDir::new().unwrap();
    let twice = write(
        dir.path(),
        "twice.csv",
        "a,a\n1,10\n2,20\n3,30\n4,40\n5,50\n",
    );
    let output = skypie(&["fit", &twice, "--column", "a"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let said = text(&output.stderr);
    assert!(
        said.contains(&format!(
            "{twice}: the header names column `a` twice (columns 1 and 2): rename one"
        )),
        "{said}"
    );
    let thrice = write(dir.path(), "thrice.csv", "a,b,a,c,a\n1,2,3,4,5\n");
    let said = text(&skypie(&["fit", &thrice, "--column", "a"]).stderr);
    assert!(
        said.contains("names column `a` 3 times (columns 1, 3 and 5): rename all but one"),
        "{said}"
    );
    // A name given twice to another column does not stand in the way.
    let other = write(
        dir.path(),
        "other.csv",
        "a,b,b\n1,0,0\n2,0,0\n3,0,0\n4,0,0\n6,0,0\n",
    );
    let output = skypie(&["fit", &other, "--column", "a"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
}

#[test]
fn fit_refuses_a_row_with_more_or_fewer_fields_than_the_header() {
    let dir = TempDir::new().unwrap();
    let short = write(dir.path(), "short.csv", "a,b\n1,2\n3\n5,6\n7,8\n9,1\n2,2\n");
    let output = skypie(&["fit", &short, "--column", "a"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let said = text(&output.stderr);
    assert!(
        said.contains(&format!(
            "{short}:3: found 1 field, expected 2 as in the header row"
        )),
        "{said}"
    );
    let long = write(
        dir.path(),
        "long.csv",
        "a,b\n1,2\n3,4\n5,6,7\n7,8\n9,1\n2,2\n",
    );
    let said = text(&skypie(&["fit", &long, "--column", "a"]).stderr);
    assert!(
        said.contains(&format!(
            "{long}:4: found 3 fields, expected 2 as in the header row"
        )),
        "{said}"
    );
    // A spreadsheet's export: byte order mark, CRLF line ends, a blank line.
    let crlf = write(
        dir.path(),
        "crlf.csv",
        "\u{feff}a,b\r\n\r\n1,2\r\n3\r\n5,6\r\n",
    );
    let said = text(&skypie(&["fit", &crlf, "--column", "a"]).stderr);
    assert!(
        said.contains(&format!("{crlf}:4: found 1 field, expected 2")),
        "{said}"
    );
    // Blank lines at the end are no rows.
    let trailing = write(
        dir.path(),
        "trailing.csv",
        "a,b\n1,2\n3,4\n5,6\n7,8\n9,1\n\n\r\n\n",
    );
    let output = skypie(&["fit", &trailing, "--column", "a"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with("5 values of `a`"));
}

#[test]
fn fit_counts_its_values_grouped_as_every_count_is() {
    // "1200 values of `a`" above a table whose figures group from four digits.
    let dir = TempDir::new().unwrap();
    let rows: String = (0..1200).map(|i| format!("{}\n", 100 + i % 37)).collect();
    let data = write(dir.path(), "many.csv", &format!("a\n{rows}"));
    let output = skypie(&["fit", &data, "--column", "a"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).starts_with("1,200 values of `a`"));
}

/// The parameters of the fit of `form` that `skypie fit --format json` gives `data`'s `column`.
fn fitted_params(data: &str, column: &str, form: &str) -> Value {
    let output = skypie(&["fit", data, "--column", column, "--format", "json"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let fits: Value = serde_json::from_slice(&output.stdout).unwrap();
    fits.as_array()
        .unwrap()
        .iter()
        .find(|f| f["form"] == form)
        .map(|f| f["params"].clone())
        .unwrap_or_else(|| panic!("no {form} in {fits}"))
}

#[test]
fn fit_reads_a_semicolon_or_tab_separated_export() {
    let dir = TempDir::new().unwrap();
    let european = write(
        dir.path(),
        "eu.csv",
        "Quartal;Zielerreichung\n2023-Q1;85%\n2023-Q2;92%\n2023-Q3;78%\n2023-Q4;101%\n\
         2024-Q1;66%\n2024-Q2;88%\n",
    );
    let uniform = fitted_params(&european, "Zielerreichung", "uniform");
    assert_eq!(
        (uniform["min"].as_f64(), uniform["max"].as_f64()),
        (Some(0.66), Some(1.01))
    );
    let tabs = write(
        dir.path(),
        "tab.csv",
        "q\tatt\n1\t80%\n2\t90%\n3\t70%\n4\t85%\n5\t95%\n",
    );
    let uniform = fitted_params(&tabs, "att", "uniform");
    assert_eq!(
        (uniform["min"].as_f64(), uniform["max"].as_f64()),
        (Some(0.7), Some(0.95))
    );
    // A header name with a comma in quotes does not make the file comma-separated.
    let quoted = write(
        dir.path(),
        "quoted.csv",
        "\"Umsatz, EUR\";Quartal\n10;1\n20;2\n30;3\n40;4\n50;5\n",
    );
    let uniform = fitted_params(&quoted, "Umsatz, EUR", "uniform");
    assert_eq!(
        (uniform["min"].as_f64(), uniform["max"].as_f64()),
        (Some(10.0), Some(50.0))
    );
}

#[test]
fn fit_reads_amounts_exported_with_a_currency_sign_as_the_amounts() {
    // `"$1,200,000"`, as a spreadsheet's currency format exports it, was refused: "a currency;
    // write amounts without `$`".
    let dir = TempDir::new().unwrap();
    let quotas = [
        "1,200,000",
        "1,350,000",
        "980,000",
        "1,100,000",
        "1,420,000.50",
    ];
    let plain: String = quotas.iter().map(|q| format!("r,\"{q}\"\n")).collect();
    let signed: String = quotas.iter().map(|q| format!("r,\"${q}\"\n")).collect();
    let plain = write(dir.path(), "plain.csv", &format!("rep,quota\n{plain}"));
    let signed = write(dir.path(), "signed.csv", &format!("rep,quota\n{signed}"));
    assert_eq!(
        fitted_params(&signed, "quota", "normal"),
        fitted_params(&plain, "quota", "normal")
    );
    // The figures after the sign are checked as any cell's: a point that may group thousands
    // into an amount, as a scenario refuses it, the cell quoted as written (it read
    // `"950.000"`, without the sign, and no column). The plan is in euros.
    let original = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml").unwrap();
    let plan = write(dir.path(), "plan.toml", &original);
    let grouped = write(
        dir.path(),
        "grouped.csv",
        "rep,quota\nr,€950.000\nr,€1\nr,€2\nr,€3\nr,€4\n",
    );
    let output = fit_into(&grouped, "quota", &plan, "capacity.quota_per_rep", &[]);
    assert_eq!(output.status.code(), Some(1));
    let said = text(&output.stderr);
    assert!(
        said.contains(
            "grouped.csv:2:2: quota: found `€950.000` (950, or 950,000 with the point grouping \
             thousands)"
        ),
        "{said}"
    );
    // Money is no fraction: a column of euros into an attainment is a wrong column or key.
    let euros: String = quotas.iter().map(|q| format!("r,\"€{q}\"\n")).collect();
    let euros = write(dir.path(), "euros.csv", &format!("rep,quota\n{euros}"));
    let output = fit_into(&euros, "quota", &plan, "capacity.attainment", &[]);
    assert_eq!(output.status.code(), Some(1));
    let said = text(&output.stderr);
    assert!(
        said.contains("holds amounts (as 1.2M), but capacity.attainment is a fraction"),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), original);
    // Nothing is converted: dollars into a plan in euros would be fitted as euros.
    let output = fit_into(&signed, "quota", &plan, "capacity.quota_per_rep", &[]);
    assert_eq!(output.status.code(), Some(1));
    let said = text(&output.stderr);
    assert!(
        said.contains(
            "signed.csv:2:2: quota: found `$1,200,000`, an amount in another currency, but the \
             scenario is in EUR: nothing is converted"
        ),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), original);
    // The plan's own sign is written in, as the plain figures would be.
    let output = fit_into(&euros, "quota", &plan, "capacity.quota_per_rep", &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_ne!(std::fs::read_to_string(&plan).unwrap(), original);
}

#[test]
fn fit_refuses_a_column_of_two_currencies_at_the_cell_of_the_second() {
    // `$1000` above `€2000` was fitted as one column of amounts, with or without --into; then
    // refused naming no cell, and "nothing was written" where nothing would have been.
    let dir = TempDir::new().unwrap();
    let mixed = write(
        dir.path(),
        "mixed.csv",
        "rep,quota\nr,$1000\nr,€2000\nr,$3000\nr,$4000\nr,$5000\n",
    );
    let output = skypie(&["fit", &mixed, "--column", "quota"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr).replace(&mixed, "mixed.csv"),
        "error: mixed.csv:3:2: quota: found `€2000`, where line 2 has `$1000`: amounts in two \
         currencies, and nothing is converted, so convert them to one first\n"
    );
}

#[test]
fn fit_takes_no_sign_into_a_plan_whose_currency_has_none_of_its_own() {
    // A plan in CAD took `€` as readily as `$`: its values are typed without a sign, and so
    // are its amounts fitted.
    let dir = TempDir::new().unwrap();
    let original = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml").unwrap();
    let in_cad = original.replace("currency = \"EUR\"", "currency = \"CAD\"");
    let plan = write(dir.path(), "plan.toml", &in_cad);
    let data = write(
        dir.path(),
        "quotas.csv",
        "rep,quota\nr,€1000\nr,€2000\nr,€3000\nr,€4000\nr,€5500\n",
    );
    let output = fit_into(&data, "quota", &plan, "capacity.quota_per_rep", &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains(
            "quotas.csv:2:2: quota: found `€1000`, with a currency sign, but the scenario is in \
             CAD, whose amounts are written without one"
        ),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), in_cad);
}

#[test]
fn fit_refuses_a_decimal_comma_and_a_number_that_reads_two_ways() {
    let dir = TempDir::new().unwrap();
    let refused = |name: &str, cell: &str| {
        let data = write(
            dir.path(),
            name,
            &format!("q;x\n1;2\n2;{cell}\n3;1\n4;3\n5;2\n"),
        );
        let output = skypie(&["fit", &data, "--column", "x"]);
        assert_eq!(output.status.code(), Some(1), "{cell} was read");
        assert!(output.stdout.is_empty());
        (data, text(&output.stderr))
    };
    let (data, said) = refused("percent.csv", "85,5%");
    assert!(
        said.contains(&format!(
            "{data}:3:2: x: found `85,5%` (a number as a spreadsheet set to a decimal comma \
             writes it), expected it with a decimal point: `85.5%`"
        )),
        "{said}"
    );
    let (_, said) = refused("half.csv", "1,5");
    assert!(
        said.contains("decimal point: `1.5`"),
        "1,5 is not 15: {said}"
    );
    let (_, said) = refused("million.csv", "1.200.000");
    assert!(said.contains("decimal point: `1200000`"), "{said}");
    let (data, said) = refused("comma.csv", "1,500");
    assert!(
        said.contains(&format!(
            "{data}:3:2: x: found `1,500`, which reads as `1500`, or as `1.5` with a decimal \
             comma (common in semicolon-separated files), expected the number written one way: \
             `1500` or `1.5`"
        )),
        "{said}"
    );
    let (_, said) = refused("dot.csv", "1.500");
    assert!(
        said.contains("reads as `1.5`, or as `1500` with a decimal comma"),
        "{said}"
    );
    // Another cell of the column that has a decimal point settles it.
    let settled = write(
        dir.path(),
        "settled.csv",
        "q;x\n1;0.5\n2;1.500\n3;1\n4;3\n5;\"2,500\"\n",
    );
    let uniform = fitted_params(&settled, "x", "uniform");
    assert_eq!(
        (uniform["min"].as_f64(), uniform["max"].as_f64()),
        (Some(0.5), Some(2500.0))
    );
    // In a comma-separated file a comma groups thousands, as everywhere in skypie.
    let commas = write(
        dir.path(),
        "commas.csv",
        "q,x\n1,2\n2,\"1,500\"\n3,1\n4,3\n5,2\n",
    );
    let uniform = fitted_params(&commas, "x", "uniform");
    assert_eq!(uniform["max"].as_f64(), Some(1500.0));
}

#[test]
fn fit_names_a_utf16_export_and_never_calls_a_csv_toml() {
    let dir = TempDir::new().unwrap();
    // What Excel's "Unicode Text" writes: little-endian UTF-16 after a byte order mark.
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(
        "q,att\n1,80%\n2,90%\n3,70%\n4,85%\n5,95%\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let path = dir.path().join("u16.csv");
    std::fs::write(&path, utf16).unwrap();
    let data = path.to_string_lossy().into_owned();
    let output = skypie(&["fit", &data, "--column", "att"]);
    assert_eq!(output.status.code(), Some(1));
    let said = text(&output.stderr);
    assert!(
        said.contains(&format!(
            "{data}:1:1: found UTF-16 text (its byte order mark says so), expected a UTF-8 text \
             file (CSV): save it as CSV UTF-8"
        )),
        "{said}"
    );
    let latin1 = dir.path().join("latin1.csv");
    std::fs::write(&latin1, b"q,Gr\xf6\xdfe\n1,2\n").unwrap();
    let said = text(&skypie(&["fit", &latin1.to_string_lossy(), "--column", "x"]).stderr);
    assert!(
        said.contains(
            ":1:5: found bytes that are not UTF-8 text, expected a UTF-8 text file (CSV)"
        ),
        "{said}"
    );
    assert!(!said.contains("TOML"), "{said}");
}

#[test]
fn fit_into_a_key_written_as_a_table_keeps_its_header_and_its_comment() {
    let dir = TempDir::new().unwrap();
    let original = "schema = 1\nhorizon_days = 180\n[target]\nrevenue = \"2M\"\n\n\
                    [market.size]   # a table\ndist = \"uniform\"\nmin = \"20M\"\nmax = \"40M\"\n";
    let plan = write(dir.path(), "sub.toml", original);
    let sizes = write(
        dir.path(),
        "sizes.csv",
        "year,size\n2021,28M\n2022,31M\n2023,30M\n2024,34M\n2025,32M\n",
    );
    let output = fit_into(&sizes, "size", &plan, "market.size", &["--form", "normal"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let edited = std::fs::read_to_string(&plan).unwrap();
    let kept = "schema = 1\nhorizon_days = 180\n[target]\nrevenue = \"2M\"\n\n\
                [market.size]   # a table; fitted by skypie fit to ";
    assert!(edited.starts_with(kept), "{edited}");
    assert!(
        edited.ends_with("(n = 5)\ndist = \"normal\"\nmean = \"31M\"\nsd = \"2M\"\n"),
        "{edited}"
    );
    assert!(skypie(&["check", &plan]).status.success());
}

#[test]
fn fit_into_a_table_keeps_its_lined_up_comments_in_their_column() {
    // README "Grounding the inputs": `--into` changes nothing else. `mean = 0.8        # avg`
    // became `mean = "79.75%"        # avg`, its comment moved right by the value's growth.
    let dir = TempDir::new().unwrap();
    let original = "schema = 1\nhorizon_days = 365\n[target]\nrevenue = \"5M\"\n\
                    [market]\nsize = \"80M to 120M\"\n[share]\ncurrent = \"5%\"\n\
                    [capacity]\nreps = 5\nquota_per_rep = \"1M\"\n\
                    [capacity.attainment]   # the team\n\
                    dist = \"normal\"   # shape\n\
                    mean = 0.8        # avg\n\
                    sd = 0.1          # spread\n";
    let plan = write(dir.path(), "t.toml", original);
    let actuals = write(
        dir.path(),
        "attainment.csv",
        "attainment\n0.7\n0.75\n0.8\n0.82\n0.85\n0.9\n0.78\n",
    );
    let key = "capacity.attainment";
    let output = fit_into(&actuals, "attainment", &plan, key, &["--form", "normal"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let edited = std::fs::read_to_string(&plan).unwrap();
    assert!(
        edited.ends_with(
            "(n = 7)\n\
             dist = \"normal\"   # shape\n\
             mean = \"80%\"      # avg\n\
             sd = \"6.071%\"     # spread\n"
        ),
        "{edited}"
    );
}

#[test]
fn a_cell_of_minus_zero_is_fitted_as_zero() {
    // `"min": -0.0` in the uniform's and the triangular's parameters, beside `min = 0`.
    let dir = TempDir::new().unwrap();
    let data = write(dir.path(), "negz.csv", "a\n-0\n0\n1\n2\n3\n");
    let output = skypie(&["fit", &data, "--column", "a", "--format", "json"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let json = text(&output.stdout);
    assert!(json.contains("\"min\": 0.0"), "{json}");
    assert!(!json.contains("-0.0") && !json.contains("-0,"), "{json}");
}

#[test]
fn key_without_into_shows_the_table_in_the_keys_unit() {
    // README: "The table shows the value in the unit the column is written in, or with
    // `--key` in the key's"; --key without --into was a usage error.
    let dir = TempDir::new().unwrap();
    let data = write(
        dir.path(),
        "g.csv",
        "g\n0.05\n0.07\n0.09\n0.06\n0.08\n0.12\n",
    );
    let plain = text(&skypie(&["fit", &data, "--column", "g"]).stdout);
    assert!(plain.contains("min = 0.05,"), "{plain}");
    let output = skypie(&["fit", &data, "--column", "g", "--key", "market.growth"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let keyed = text(&output.stdout);
    assert!(keyed.contains("min = \"5%\""), "{keyed}");
    assert!(keyed.contains("--into FILE --key KEY"), "{keyed}");
}

#[test]
fn a_title_line_above_the_header_row_is_pointed_at() {
    // "no column `attainment`; the columns are Quarterly attainment report", and no word
    // that the first line had been read as the header.
    let dir = TempDir::new().unwrap();
    let data = write(
        dir.path(),
        "title.csv",
        "Quarterly attainment report\nquarter,attainment\nQ1,80%\nQ2,90%\nQ3,70%\n",
    );
    let said = text(&skypie(&["fit", &data, "--column", "attainment"]).stderr);
    assert!(
        said.contains(
            "the columns are Quarterly attainment report (the first line is read as the header \
             row, and line 2 names `attainment`: remove the lines above it)"
        ),
        "{said}"
    );
}

#[test]
fn a_header_with_a_newline_is_shown_escaped_in_the_list_of_columns() {
    // A quoted header cell spanning two lines split the "no column" message in two, where a
    // carriage return or a tab in it was already shown as \r or \t.
    let dir = TempDir::new().unwrap();
    let data = write(
        dir.path(),
        "ml.csv",
        "q,\"multi\nline\"\nQ1,1\nQ2,2\nQ3,3\nQ4,4\nQ5,5\n",
    );
    let said = text(&skypie(&["fit", &data, "--column", "multi"]).stderr);
    assert_eq!(said.lines().count(), 1, "one line: {said}");
    assert!(
        said.contains("the columns are q, multi\\nline (did you mean `--column $'multi\\nline'`?)"),
        "{said}"
    );
    // As suggested, it is the column.
    let output = skypie(&["fit", &data, "--column", "multi\nline"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
}

#[test]
fn fit_suggests_a_column_that_differs_only_in_letter_case() {
    let dir = TempDir::new().unwrap();
    let data = write(
        dir.path(),
        "case.csv",
        "q,Att\n1,80%\n2,90%\n3,70%\n4,85%\n5,95%\n",
    );
    let said = text(&skypie(&["fit", &data, "--column", "att"]).stderr);
    assert!(
        said.contains("no column `att`; the columns are q, Att (did you mean `Att`?)"),
        "{said}"
    );
    let data = write(
        dir.path(),
        "german.csv",
        "Quartal,ZIELERREICHUNG\n1,80%\n2,90%\n3,70%\n4,85%\n5,95%\n",
    );
    let said = text(&skypie(&["fit", &data, "--column", "Zielerreichung"]).stderr);
    assert!(said.contains("(did you mean `ZIELERREICHUNG`?)"), "{said}");
}

#[test]
fn fit_says_a_count_is_no_uncertain_input_and_points_a_bare_name_at_its_key() {
    let dir = TempDir::new().unwrap();
    let plan = write(dir.path(), "plan.toml", OPTIMISTIC);
    let said = |key: &str| {
        let output = fit_into(ACTUALS, "attainment", &plan, key, &[]);
        assert_eq!(output.status.code(), Some(1), "{key}");
        text(&output.stderr)
    };
    let keys = "expected one of the keys fit can write: market.size, market.growth, \
                market.serviceable, share.current, share.gain_per_year, share.ceiling, \
                capacity.quota_per_rep, capacity.attainment";
    for count in ["capacity.reps", "capacity.ramp_days"] {
        let said = said(count);
        assert!(
            said.contains(&format!(
                "--key {count}: a count that skypie takes as given, not an uncertain input \
                 with a distribution to fit; {keys}\n"
            )),
            "{said}"
        );
        assert!(!said.contains("did you mean"), "{said}");
    }
    let said_reps = said("reps");
    assert!(
        said_reps.contains("--key reps: `capacity.reps` is a count that skypie takes as given"),
        "{said_reps}"
    );
    let said_attainment = said("attainment");
    assert!(
        said_attainment.contains(&format!(
            "--key attainment: not a key; {keys} (did you mean `capacity.attainment`?)"
        )),
        "{said_attainment}"
    );
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), OPTIMISTIC);
}

#[test]
fn fit_into_names_the_data_as_seen_from_the_scenario_s_folder() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir_all(dir.path().join("deep/plans")).unwrap();
    std::fs::copy(ACTUALS, dir.path().join("big.csv")).unwrap();
    let plan = write(&dir.path().join("deep/plans"), "p.toml", OPTIMISTIC);
    let output = Command::cargo_bin("skypie")
        .unwrap()
        .current_dir(dir.path())
        .args(["fit", "big.csv", "--column", "attainment"])
        .args([
            "--into",
            "deep/plans/p.toml",
            "--key",
            "capacity.attainment",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    let edited = std::fs::read_to_string(&plan).unwrap();
    assert!(
        edited.contains("# fitted by skypie fit to ../../big.csv (n = 28)\n"),
        "{edited}"
    );
}

#[test]
fn fit_into_names_data_piped_in_as_standard_input() {
    // The note read "fitted by skypie fit to - (n = 28)".
    let dir = TempDir::new().unwrap();
    let plan = write(dir.path(), "p.toml", OPTIMISTIC);
    let output = Command::cargo_bin("skypie")
        .unwrap()
        .args(["fit", "-", "--column", "attainment"])
        .args(["--into", &plan, "--key", "capacity.attainment"])
        .write_stdin(std::fs::read(ACTUALS).unwrap())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output.stderr));
    let edited = std::fs::read_to_string(&plan).unwrap();
    assert!(
        edited.contains("# fitted by skypie fit to standard input (n = 28)\n"),
        "{edited}"
    );
}

#[test]
fn fit_into_an_amount_refuses_a_point_grouping_thousands_as_a_scenario_does() {
    // A comma-separated column of `100.000`, `950.000` was written as a quota from 100 to 990,
    // where the scenario itself refuses "100.000" for an amount.
    let dir = TempDir::new().unwrap();
    let original = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml").unwrap();
    let plan = write(dir.path(), "plan.toml", &original);
    let quotas = write(
        dir.path(),
        "quotas.csv",
        "rep,quota\nA,800000\nB,950.000\nC,990000\n",
    );
    let output = fit_into(&quotas, "quota", &plan, "capacity.quota_per_rep", &[]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains(
            "quotas.csv:3:2: quota: found `950.000` (950, or 950,000 with the point grouping \
             thousands) for capacity.quota_per_rep, expected the amount written one way: write \
             950000 for 950,000, or 950 (nothing was written)"
        ),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), original);
    // Into a key that is no amount, three decimals are decimals.
    let rates = write(
        dir.path(),
        "rates.csv",
        "q,att\n1,0.850\n2,1.125\n3,0.975\n4,1.050\n5,0.900\n6,1.010\n",
    );
    let output = fit_into(&rates, "att", &plan, "capacity.attainment", &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
}

#[test]
fn fit_without_a_key_refuses_a_point_grouping_thousands_unless_the_column_shows_its_point() {
    // A comma-separated column of `100.000`, `950.000`, … fitted a uniform from 100 to 950,
    // as a German spreadsheet's 100,000 to 950,000 would have been meant.
    let dir = TempDir::new().unwrap();
    let quotas = write(
        dir.path(),
        "quotas.csv",
        "rep,quota\nA,100.000\nB,950.000\nC,250.000\nD,400.000\nE,700.000\n",
    );
    let output = skypie(&["fit", &quotas, "--column", "quota"]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains(
            "quotas.csv:2:2: quota: found `100.000` (100, or 100,000 with the point grouping \
             thousands), and no cell of the column shows which, expected the number written one \
             way: write 100000 for 100,000, or 100"
        ),
        "{}",
        text(&output.stderr)
    );
    // One cell with a decimal point (`250.5`) shows what the point is: read as decimals.
    let shown = write(
        dir.path(),
        "shown.csv",
        "rep,quota\nA,100.000\nB,950.000\nC,250.5\nD,400.000\nE,700.000\n",
    );
    let output = skypie(&["fit", &shown, "--column", "quota", "--format", "json"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let fits: Value = serde_json::from_slice(&output.stdout).unwrap();
    let uniform = (fits.as_array().unwrap().iter())
        .find(|f| f["form"] == "uniform")
        .unwrap();
    assert_eq!(uniform["params"]["max"], 950.0, "{uniform}");
    // `0.850` groups no thousands, so a `;` file of three-decimal fractions reads (it was
    // refused as `0.85` or `0850`).
    let rates = write(
        dir.path(),
        "rates.csv",
        "q;att\n1;0.850\n2;1.125\n3;0.975\n4;1.050\n5;0.900\n",
    );
    let output = skypie(&["fit", &rates, "--column", "att"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
}

#[test]
fn fit_into_says_what_check_would_say_of_the_key_written() {
    // A normal fitted to wide quotas puts a sixth of its samples below 0, clamped: `check`
    // said so after, while fit wrote it with no word.
    let dir = TempDir::new().unwrap();
    let original = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml").unwrap();
    let plan = write(dir.path(), "plan.toml", &original);
    let quotas = write(
        dir.path(),
        "wide.csv",
        "r,q\n1,100k\n2,2M\n3,50k\n4,1.5M\n5,80k\n6,3M\n",
    );
    let output = fit_into(
        &quotas,
        "q",
        &plan,
        "capacity.quota_per_rep",
        &["--form", "normal"],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let said = text(&output.stderr);
    assert!(
        said.contains(
            "\nwarning: capacity.quota_per_rep: about 16% of its samples fall outside what it \
             takes (a number ≥ 0), and are clamped to ≥ 0"
        ),
        "{said}"
    );
    // Fitted again, it is said again: of the value written, not of what changed.
    let output = fit_into(
        &quotas,
        "q",
        &plan,
        "capacity.quota_per_rep",
        &["--form", "normal"],
    );
    assert!(text(&output.stderr).contains("\nwarning: capacity.quota_per_rep: about 16%"));
    // A warning of another key the write brings is said too: a share fitted above the plan's
    // ceiling of 40% (check said it after).
    let shares = write(
        dir.path(),
        "shares.csv",
        "y,s\n1,60%\n2,70%\n3,80%\n4,75%\n5,65%\n",
    );
    let output = fit_into(&shares, "s", &plan, "share.current", &[]);
    assert!(
        text(&output.stderr).contains("\nwarning: share.ceiling: 40% is below today's share"),
        "{}",
        text(&output.stderr)
    );
    // The best fit (a lognormal) gives no such warning, and none is said.
    std::fs::write(&plan, &original).unwrap();
    let output = fit_into(&quotas, "q", &plan, "capacity.quota_per_rep", &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        !text(&output.stderr).contains("warning:"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn fit_into_refuses_percentages_for_money_and_amounts_for_a_fraction() {
    let dir = TempDir::new().unwrap();
    let original = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml").unwrap();
    let plan = write(dir.path(), "plan.toml", &original);
    // Attainment (81%, 71%, …) into the market's size would be a market of about $0.80.
    let output = fit_into(ACTUALS, "attainment", &plan, "market.size", &[]);
    assert!(!output.status.success());
    let said = text(&output.stderr);
    assert!(
        said.contains(
            "attainment.csv:2:3: attainment: found `81%`: the column holds percentages (as 85%), \
             but market.size is an amount of money (as 1.2M): check --column and --key (nothing \
             was written)"
        ),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), original);
    // Amounts into a fraction, the other way round.
    let deals = write(
        dir.path(),
        "deals.csv",
        "q,won\n1,1.2M\n2,900k\n3,1.1M\n4,1.4M\n5,1M\n",
    );
    let output = fit_into(&deals, "won", &plan, "share.current", &[]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("holds amounts (as 1.2M), but share.current is a fraction"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), original);
}

#[test]
fn fit_with_a_key_and_no_scenario_refuses_at_the_cell_without_saying_nothing_was_written() {
    // With --key alone, it said "deals.csv: column won holds amounts …: check --column and
    // --key (nothing was written)": no cell, and nothing was to be written.
    let dir = TempDir::new().unwrap();
    let deals = write(
        dir.path(),
        "deals.csv",
        "q,won\n1,1.2M\n2,900k\n3,1.1M\n4,1.4M\n5,1M\n",
    );
    let output = skypie(&["fit", &deals, "--column", "won", "--key", "share.current"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr).replace(&deals, "deals.csv"),
        "error: deals.csv:2:2: won: found `1.2M`: the column holds amounts (as 1.2M), but \
         share.current is a fraction (as 80%): check --column and --key\n"
    );
}

#[test]
fn fit_into_refuses_plain_numbers_whose_size_says_the_column_is_the_wrong_one() {
    let dir = TempDir::new().unwrap();
    let original = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml").unwrap();
    let plan = write(dir.path(), "plan.toml", &original);
    // A spreadsheet writes bookings as plain numbers: no suffix for the units check to see.
    let export = write(
        dir.path(),
        "export.csv",
        "quarter,attainment,bookings\nQ1,82%,\"152,000,000\"\nQ2,91%,\"171,500,000\"\n\
         Q3,76%,\"141,000,000\"\nQ4,88%,\"163,000,000\"\nQ5,95%,\"175,000,000\"\n",
    );
    let output = fit_into(&export, "bookings", &plan, "capacity.attainment", &[]);
    assert_eq!(output.status.code(), Some(1));
    let said = text(&output.stderr);
    assert!(
        said.contains(&format!(
            "error: {export}: column bookings, fitted: capacity.attainment: a median of "
        )) && said.ends_with("(check --column and --key; nothing was written)\n"),
        "{said}"
    );
    // Refused before the table, which ended "writing it into plan.toml as …".
    let table = text(&output.stdout);
    assert!(!table.contains("writing it into"), "{table}");
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), original);
    // Without --into, the table says the same under it, and JSON beside it: a value copied
    // from the table skipped the check.
    let fit = [
        "fit",
        &export,
        "--column",
        "bookings",
        "--key",
        "capacity.attainment",
    ];
    let warned = format!(
        "{export}: column bookings, fitted: capacity.attainment: a median of 158M, that is \
         15,800,000,000%"
    );
    let output = skypie(&fit);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let table = text(&output.stdout);
    assert!(
        table.contains(&warned) && table.contains("(check --column and --key; --into refuses it)"),
        "{table}"
    );
    let output = skypie(&[&fit[..], &["--format", "json"]].concat());
    assert!(text(&output.stderr).contains(&format!("warning: {warned}")));
    // The right column goes in.
    let output = fit_into(&export, "attainment", &plan, "capacity.attainment", &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
}

#[test]
fn fit_into_refuses_growth_rates_fitted_as_an_attainment() {
    // A column of growth rates (2% to 7%) fitted into the attainment was written, and `check`
    // said ok of a team whose median rep books under 5% of quota.
    let dir = TempDir::new().unwrap();
    let original = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml").unwrap();
    let plan = write(dir.path(), "plan.toml", &original);
    let data = write(dir.path(), "g.csv", "g\n3%\n5%\n4%\n6%\n2%\n7%\n");
    let output = fit_into(&data, "g", &plan, "capacity.attainment", &[]);
    let said = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(
        said.contains("a ramped rep booking under 10% of quota")
            && said.ends_with("(check --column and --key; nothing was written)\n"),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), original);
}

#[test]
fn fit_into_refuses_data_the_key_cannot_take_and_percentages_without_their_sign() {
    // A growth of -150%, or bare 3, 5, 4 meaning 3%: the uniform was written (-150% to -105%;
    // -100% to 700%), `check` said ok, and `eval` clamped every sample or read 300% growth.
    let dir = TempDir::new().unwrap();
    let original = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml").unwrap();
    let plan = write(dir.path(), "plan.toml", &original);
    let refused = |csv: &str, key: &str| {
        let data = write(dir.path(), "data.csv", csv);
        let output = fit_into(&data, "g", &plan, key, &[]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{key}: {}",
            text(&output.stderr)
        );
        assert_eq!(std::fs::read_to_string(&plan).unwrap(), original, "{key}");
        text(&output.stderr).replace(&data, "data.csv")
    };
    assert_eq!(
        refused(
            "y,g\n1,-150%\n2,-120%\n3,-105%\n4,-130%\n5,-110%\n",
            "market.growth"
        ),
        "error: data.csv:2:2: g: found `-150%`, expected a growth rate ≥ -99% for market.growth \
         (check --column and --key; nothing was written)\n"
    );
    assert!(
        refused("y,g\n1,5M\n2,-2.2M\n3,4M\n4,3M\n5,2M\n", "market.size")
            .starts_with("error: data.csv:3:2: g: found `-2.2M`, expected a number ≥ 0")
    );
    assert_eq!(
        refused("y,g\n1,3\n2,5\n3,4\n4,6\n5,2\n6,7\n", "market.growth"),
        "error: data.csv: column g: every figure is written without % and is 1 or more in size, \
         so line 2's `3` reads as 300% for market.growth: if they are percentages, write them \
         with % (3%) or as fractions (0.03) (nothing was written)\n"
    );
    // Amounts into a share are no percentages with the `%` left off: no way to write them
    // serves (it said "write them with % (412000%) or as fractions (4120)").
    assert_eq!(
        refused(
            "y,g\n1,412000\n2,500000\n3,450000\n4,380000\n5,440000\n",
            "share.current"
        ),
        "error: data.csv: column g: line 2's `412000` reads as 41200000% for share.current, and \
         as a percentage (412000%) it is still more than the whole market: check --column and \
         --key (nothing was written)\n"
    );
    // Percentages with one past 100 name that one, not the first (it said "`40` … as a
    // percentage (40%) it is still more than the whole market").
    assert!(
        refused(
            "y,g\n1,40\n2,55\n3,60\n4,101\n5,45\n6,50\n",
            "share.ceiling"
        )
        .contains(
            "line 5's `101` reads as 10100% for share.ceiling, and as a percentage (101%) it is \
             still more than the whole market"
        )
    );
    // The figure as written, in percent: `12.34` reads as 1234%, not 1230% (three digits).
    assert!(
        refused("y,g\n1,12.34\n2,2\n3,3\n4,2\n5,4\n", "market.growth")
            .contains("line 2's `12.34` reads as 1234% for market.growth")
    );
    // The fraction said is the one meant, not 0.011000000000000001.
    assert!(
        refused("y,g\n1,1.1\n2,2\n3,3\n4,2\n5,4\n", "market.growth")
            .contains("write them with % (1.1%) or as fractions (0.011)")
    );
    // Fractions go in, a share of the whole market (1) is one, and attainments of 1 and more
    // are a team beating quota.
    let data = write(dir.path(), "all.csv", "y,g\n1,1\n2,1\n3,0\n4,1\n5,1\n");
    let output = fit_into(&data, "g", &plan, "market.serviceable", &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let data = write(
        dir.path(),
        "ok.csv",
        "y,g\n1,0.03\n2,0.05\n3,0.04\n4,0.06\n5,0.02\n",
    );
    let output = fit_into(&data, "g", &plan, "market.growth", &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let data = write(
        dir.path(),
        "att.csv",
        "y,g\n1,1.05\n2,1.1\n3,1.2\n4,1.0\n5,1.15\n",
    );
    let output = fit_into(&data, "g", &plan, "capacity.attainment", &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
}

/// The ends (and the mode, when there is one) of a uniform, triangular or PERT written as a
/// scenario value (`{ dist = "uniform", min = "50.45%", max = "100%" }`), read back.
fn written_bounds(value: &str) -> Vec<(String, f64)> {
    value
        .trim_matches(['{', '}', ' '])
        .split(", ")
        .filter_map(|part| part.split_once(" = "))
        .filter(|(name, _)| ["min", "mode", "max"].contains(name))
        .map(|(name, x)| {
            let x = skypie::scenario::number::parse_number(x.trim_matches('"'));
            (
                name.to_string(),
                x.unwrap_or_else(|e| panic!("{value}: {e}")),
            )
        })
        .collect()
}

#[test]
fn a_bounded_fit_as_shown_and_as_written_holds_every_value_fitted() {
    let dir = TempDir::new().unwrap();
    let plan = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml").unwrap();
    // Values whose lowest and highest fall between two numbers of four significant digits,
    // in each unit the value is written in; `key` takes the unit.
    let columns = [
        (
            "x",
            &[
                "1.23456", "2.34567", "9.87654", "3.33333", "4.44444", "5.55555",
            ][..],
        ),
        (
            "att",
            &["50.4567%", "60%", "70%", "80%", "90%", "99.9951%"][..],
        ),
        (
            "bookings",
            &["1234", "1500", "2000", "1800", "1650", "1900", "13334"][..],
        ),
    ];
    for (column, cells) in columns {
        let values: Vec<f64> = cells
            .iter()
            .map(|c| skypie::scenario::number::parse_number(c).unwrap())
            .collect();
        let lowest = values.iter().copied().fold(f64::INFINITY, f64::min);
        let highest = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let data = write(
            dir.path(),
            &format!("{column}.csv"),
            &format!("{column}\n{}\n", cells.join("\n")),
        );
        let output = skypie(&["fit", &data, "--column", column, "--format", "json"]);
        assert!(output.status.success(), "{}", text(&output.stderr));
        let fits: Value = serde_json::from_slice(&output.stdout).unwrap();
        let table = text(&skypie(&["fit", &data, "--column", column]).stdout);
        let mut bounded = 0;
        for fit in fits.as_array().unwrap() {
            let value = fit["value"].as_str().unwrap();
            assert!(table.contains(value), "{value} not in\n{table}");
            let bounds = written_bounds(value);
            if bounds.is_empty() {
                continue;
            }
            bounded += 1;
            let (min, max) = (bounds[0].1, bounds[bounds.len() - 1].1);
            assert!(min <= lowest && highest <= max, "{value} for {cells:?}");
            assert!(
                bounds.iter().all(|(_, x)| (min..=max).contains(x)),
                "{value}"
            );
            // The parameters in JSON are the fit's own, which hold every value too.
            let params = &fit["params"];
            assert!(params["min"].as_f64().unwrap() <= lowest, "{params}");
            assert!(params["max"].as_f64().unwrap() >= highest, "{params}");
        }
        assert_eq!(bounded, 2, "uniform and triangular of {cells:?}: {fits}");
        // What --into writes is what the table shows, in the key's unit.
        let (key, unit_column) = match column {
            "bookings" => ("capacity.quota_per_rep", true),
            _ => ("capacity.attainment", column == "att"),
        };
        if !unit_column {
            continue;
        }
        for form in ["uniform", "triangular"] {
            let into = write(dir.path(), "plan.toml", &plan);
            let output = fit_into(&data, column, &into, key, &["--form", form]);
            assert!(output.status.success(), "{}", text(&output.stderr));
            let shown = text(&output.stdout);
            let edited = std::fs::read_to_string(&into).unwrap();
            let name = key.rsplit('.').next().unwrap();
            let line = edited
                .lines()
                .find(|l| l.starts_with(&format!("{name} = ")))
                .unwrap();
            let value = line[name.len() + 3..].split("   #").next().unwrap().trim();
            assert!(shown.contains(value), "{value} not in\n{shown}");
            let bounds = written_bounds(value);
            let (min, max) = (bounds[0].1, bounds[bounds.len() - 1].1);
            assert!(min <= lowest && highest <= max, "{line} for {cells:?}");
        }
    }
}

/// `skypie fit DATA --column COLUMN --format json` with `extra`: the fits, and what was said
/// on standard error.
fn json_fits(data: &str, column: &str, extra: &[&str]) -> (Value, String) {
    let mut args = vec!["fit", data, "--column", column, "--format", "json"];
    args.extend_from_slice(extra);
    let output = skypie(&args);
    assert!(output.status.success(), "{}", text(&output.stderr));
    (
        serde_json::from_slice(&output.stdout).unwrap(),
        text(&output.stderr),
    )
}

#[test]
fn fit_leaves_out_a_row_that_is_the_sum_of_the_others_unless_told_to_keep_it() {
    let dir = TempDir::new().unwrap();
    let quarters =
        "Quarter,Attainment\nQ,81%\nQ,71%\nQ,72%\nQ,50%\nQ,108%\nQ,96%\nQ,74%\nQ,90%\nQ,82%\n";
    let alone = write(dir.path(), "alone.csv", quarters);
    let summed = write(dir.path(), "summed.csv", &format!("{quarters}Summe,724%\n"));
    // The table, JSON and --into fit the quarters alone, and say which row was left out.
    let (fits, said) = json_fits(&summed, "Attainment", &[]);
    assert_eq!(fits, json_fits(&alone, "Attainment", &[]).0);
    assert!(
        said.contains(&format!(
            "warning: {summed}:11: the row says `Summe` and 724% is the sum of all the other \
             values, a total row: it is left out of the fit"
        )) && said.contains("--keep-total"),
        "{said}"
    );
    let table = text(&skypie(&["fit", &summed, "--column", "Attainment"]).stdout);
    assert!(table.starts_with("9 values of `Attainment`"), "{table}");
    assert!(
        table.contains(&format!(
            "{summed}:11: the row says `Summe` and 724% is the sum"
        )),
        "{table}"
    );
    let plan = std::fs::read_to_string("scenarios/02-capacity-bound-team.toml").unwrap();
    let into = write(dir.path(), "plan.toml", &plan);
    let output = fit_into(&summed, "Attainment", &into, "capacity.attainment", &[]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let best = fits[0]["value"].as_str().unwrap();
    let edited = std::fs::read_to_string(&into).unwrap();
    let line = edited
        .lines()
        .find(|l| l.starts_with("attainment = "))
        .unwrap();
    assert!(
        line.starts_with(&format!("attainment = {best} ")) && line.ends_with("(n = 9)"),
        "{line}"
    );
    // Kept, it is fitted as one more value, and the note says so.
    let (kept, said) = json_fits(&summed, "Attainment", &["--keep-total"]);
    assert_ne!(kept, fits);
    assert!(
        said.contains(&format!(
            "warning: {summed}:11: the row says `Summe`: a spreadsheet's summary row is fitted \
             as one more value (724%)"
        )),
        "{said}"
    );
}
