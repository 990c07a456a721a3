//! Bad scenario files against the real binary: `skypie check` never panics, exits 1, and says
//! on standard error which file, which line, which key, what it found and what it expected.
//! Each test writes one malformed file to a temporary folder and checks it.

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

/// A small valid scenario; tests that need a valid file start from it.
const GOOD: &str = "\
schema = 1
horizon_days = 90

[target]
revenue = \"3M\"

[market]
size = \"35M to 70M\"
";

/// What `skypie` said about one run.
struct Run {
    /// The file's path as it was passed on the command line.
    path: String,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Asserts the run failed with exit code 1 and named the file.
    fn fails(&self) -> &Self {
        assert_eq!(self.code, Some(1), "exit code; stderr:\n{}", self.stderr);
        assert!(
            self.stderr.contains(&self.path),
            "stderr does not name {}:\n{}",
            self.path,
            self.stderr
        );
        assert!(
            !self.stderr.contains("panicked"),
            "skypie panicked:\n{}",
            self.stderr
        );
        self
    }

    /// Asserts the run failed and returns the message located at `line`, which names `key`
    /// and says what it `found`.
    fn fails_at(&self, line: usize, key: &str, found: &str) -> String {
        self.fails();
        let prefix = format!("{}:{line}:", self.path);
        let message = self
            .messages()
            .find(|m| m.starts_with(&prefix) && m.contains(&format!(": {key}: found ")))
            .unwrap_or_else(|| panic!("no message for {key} at line {line}:\n{}", self.stderr));
        assert!(
            message.contains(found),
            "the message does not show {found:?}: {message}"
        );
        message.to_string()
    }

    /// Every message on standard error, without the `error: ` that starts the first (the
    /// source lines shown under a message, which start with a space, are not messages).
    fn messages(&self) -> impl Iterator<Item = &str> {
        self.stderr
            .lines()
            .filter(|l| !l.starts_with(' '))
            .map(|l| l.strip_prefix("error: ").unwrap_or(l))
    }

    /// The line numbers of the located messages, in the order they were printed.
    fn lines(&self) -> Vec<usize> {
        let prefix = format!("{}:", self.path);
        self.messages()
            .filter_map(|m| m.strip_prefix(&prefix))
            .filter_map(|rest| rest.split(':').next()?.parse().ok())
            .collect()
    }
}

/// Runs `skypie ARGS...` and collects what it said.
fn skypie(args: &[&str], path: &str) -> Run {
    let output = Command::cargo_bin("skypie")
        .expect("the skypie binary is built")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("skypie runs");
    Run {
        path: path.to_string(),
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Writes `contents` to `name` in `dir` and returns its path as a string.
fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("the test file is written");
    path.to_string_lossy().into_owned()
}

/// `skypie check` on a file holding `contents`.
fn check(contents: impl AsRef<[u8]>) -> Run {
    let dir = TempDir::new().expect("a temporary folder");
    let path = write(dir.path(), "plan.toml", contents);
    skypie(&["check", &path], &path)
}

/// GOOD with `market.size` (line 8) set to `value`.
fn with_size(value: &str) -> String {
    GOOD.replace("size = \"35M to 70M\"", &format!("size = {value}"))
}

/// GOOD with `line` added to the end of `[market]`, as line 9.
fn with_market_line(line: &str) -> String {
    format!("{GOOD}{line}\n")
}

// ---------------------------------------------------------------------------------------------
// Files that are not TOML at all.

#[test]
fn a_distribution_parameter_out_of_range_is_named_as_written() {
    // `alpha = 1e7` read "found 10000000.0" above the line that says 1e7.
    let run = check(with_size(r#"{ dist = "beta", alpha = 1e7, beta = 2 }"#));
    let message = run.fails_at(8, "market.size.alpha", "found 1e7,");
    assert!(
        message.contains("expected alpha from 0.001 to 1,000,000"),
        "{message}"
    );
}

#[test]
fn an_empty_file_is_said_to_be_empty_once() {
    // `skypie eval plan.toml > plan.toml` empties it: three keys read "found nothing".
    for (text, found) in [
        ("", "found an empty file"),
        ("\n  \n", "found an empty file"),
        ("# the plan for Q3\n\n", "found nothing but comments"),
    ] {
        let run = check(text);
        run.fails();
        let messages: Vec<&str> = run.messages().collect();
        assert_eq!(messages.len(), 1, "{}", run.stderr);
        assert_eq!(run.lines(), [1], "{}", run.stderr);
        assert!(
            messages[0].contains(&format!(
                ": {found}, expected a scenario: horizon_days, [target] revenue and [market] \
                 size at the least (`skypie new FILE` writes a scenario to start from)"
            )),
            "{}",
            run.stderr
        );
    }
    // A key or a table, and the keys missing are each said.
    let run = check("schema = 1\n");
    assert_eq!(run.messages().count(), 3, "{}", run.stderr);
}

#[test]
fn an_unclosed_string_names_its_line() {
    let run = check("schema = 1\nname = \"Series B\nhorizon_days = 90\n");
    run.fails_at(2, "name", "found `\"Series B` with no closing `\"`");
}

#[test]
fn an_unclosed_string_keeps_a_hash_that_is_part_of_the_text() {
    // `"Deal #4` was told to write `name = "Deal"`, `#4` taken for a comment.
    let run = check("schema = 1\nname = \"Deal #4\nhorizon_days = 90\n");
    run.fails_at(2, "name", "found `\"Deal #4` with no closing `\"`");
}

#[test]
fn an_unclosed_string_is_shown_where_it_opens_not_at_the_comment_it_took_in() {
    // The message pointed at the line's end and showed only the comment's tail, cut off
    // before the `"2M` where the string opens.
    let comment = "# revenue the plan books inside the horizon (one number)";
    let run = check(GOOD.replace(
        "revenue = \"3M\"",
        &format!("revenue = \"2M              {comment}"),
    ));
    run.fails_at(5, "target.revenue", "found `\"2M` with no closing `\"`");
    assert!(
        run.stderr
            .contains(&format!(":5:11: target.revenue: found `\"2M` with no closing `\"`, expected `\"` after the text, on the same line (write it in quotes: revenue = \"2M\")\n 5 | revenue = \"2M              {comment}\n   |           ^^^\n")),
        "{}",
        run.stderr
    );
}

#[test]
fn a_key_written_with_spaces_is_named_with_how_to_write_it() {
    // `gain per year = …` read "found `per year = …`, expected valid TOML (key with no value,
    // expected `=`)": no key, and what it found started mid-key.
    let share = format!("{GOOD}\n[share]\ngain per year = \"3% to 10%\"  # share points a year\n");
    let top = GOOD.replace("horizon_days = 90", "horizon days = 90");
    for (file, line, key, written) in [
        (
            share,
            11,
            "share.gain_per_year",
            "gain_per_year = \"3% to 10%\"",
        ),
        (top, 2, "horizon_days", "horizon_days = 90"),
    ] {
        let message = check(file).fails_at(line, key, "a key written with spaces,");
        assert!(
            message.ends_with(&format!("(write {written})")),
            "{message}"
        );
    }
}

#[test]
fn a_key_written_with_a_colon_is_named_with_how_to_write_it() {
    // `gain_per_year: = …` read "found `:`, expected valid TOML (invalid unquoted key, …)".
    for line in [
        "gain_per_year: = \"3% to 10%\"",
        "gain_per_year: \"3% to 10%\"",
    ] {
        let run = check(format!("{GOOD}\n[share]\n{line}\n"));
        run.fails_at(
            11,
            "share.gain_per_year",
            "found `gain_per_year:`, a key written with a `:`, expected `gain_per_year` and then \
             `=` (write gain_per_year = \"3% to 10%\")",
        );
    }
}

#[test]
fn a_key_and_a_value_with_no_equals_sign_between_are_named_with_how_to_write_them() {
    // `gain_per_year "3%"` read "found `"3%"`, expected valid TOML (key with no value, expected
    // `=`)": no key, and TOML's words.
    for (line, found) in [
        ("gain_per_year \"3%\"", "`gain_per_year \"3%\"`"),
        ("gain_per_year 3%   # a year", "`gain_per_year 3%`"),
    ] {
        let run = check(format!("{GOOD}\n[share]\n{line}\n"));
        run.fails_at(
            11,
            "share.gain_per_year",
            &format!(
                "found {found}, a key and a value with no `=` between, expected `gain_per_year = \
                 \"3%\"`"
            ),
        );
    }
}

#[test]
fn a_key_and_a_value_with_no_equals_sign_between_are_named_at_the_top_in_words_and_with_letters() {
    // Told as `gain_per_year "3%"` is: each line its key, what was found and how to write it.
    let in_table = |table: &str, line: &str| format!("{GOOD}\n[{table}]\n{line}\n");
    for (text, line, key, found, expected) in [
        (
            GOOD.replace("horizon_days = 90", "horizon_days 90"),
            2,
            "horizon_days",
            "`horizon_days 90`",
            "`horizon_days = 90`",
        ),
        (
            in_table("share", "gain per year 3%"),
            11,
            "share.gain_per_year",
            "`gain per year 3%`",
            "`gain_per_year = \"3%\"`",
        ),
        (
            in_table("run", "method mc"),
            11,
            "run.method",
            "`method mc`",
            "`method = \"mc\"`",
        ),
    ] {
        check(text).fails_at(
            line,
            key,
            &format!("found {found}, a key and a value with no `=` between, expected {expected}"),
        );
    }
}

#[test]
fn a_misspelt_key_and_a_value_with_no_equals_sign_between_are_told_the_key_it_is_nearest() {
    let run = check(format!("{GOOD}\n[share]\ngain_per_yer 3%\n"));
    let message = run.fails_at(
        11,
        "share.gain_per_year",
        "found `gain_per_yer 3%`, a key and a value with no `=` between, expected \
         `gain_per_year = \"3%\"`",
    );
    assert!(
        message.ends_with("(did you mean `gain_per_year`?)"),
        "{message}"
    );
}

#[test]
fn a_misspelt_key_written_with_spaces_is_told_the_key_it_is_nearest() {
    let run = check(format!("{GOOD}\n[share]\ngain per yer = \"1%\"\n"));
    let message = run.fails_at(11, "share.gain_per_year", "found `gain per yer`");
    assert!(
        message.ends_with("(did you mean `gain_per_year`? write gain_per_year = \"1%\")"),
        "{message}"
    );
}

#[test]
fn a_key_with_nothing_after_its_equals_sign_asks_for_a_value_not_quotes() {
    for line in ["horizon_days = ", "horizon_days =    # to do"] {
        let run = check(format!("schema = 1\n{line}\n"));
        run.fails();
        assert_eq!(run.lines(), [2], "{}", run.stderr);
        assert!(
            run.stderr.contains(
                ": found nothing after `horizon_days =`, expected a whole number of days from 1 \
                 to 3,650, on the same line"
            ),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("literal string"), "{}", run.stderr);
    }
    // A family is named, in quotes.
    let run = check(with_size("{ dist = }"));
    assert!(
        run.stderr.contains(
            "found nothing after `dist =`, expected a family in quotes, one of normal, lognormal, \
             uniform, triangular, pert, beta, on the same line"
        ),
        "{}",
        run.stderr
    );
    // Inside an inline table the key is the table's own, not the line up to it; a table left
    // open at the line's end is read on into the next lines, and the message still names it.
    let open_table = "{ dist = \"normal\", low = \"35M\", high =";
    let in_the_middle = GOOD.replace("size = \"35M to 70M\"", &format!("size = {open_table}"));
    let in_the_middle = in_the_middle.replace("[market]", "[market]\ngrowth = \"5%\"");
    let files = [
        (with_size("{ low = }"), 8),
        (with_size("{ low = , high = \"70M\" }"), 8),
        (with_size(open_table), 8),
        (
            format!("{in_the_middle}\n# a comment\n[capacity]\nreps = 4\n"),
            9,
        ),
    ];
    for (contents, line) in files {
        let table = contents.clone();
        let run = check(contents);
        run.fails();
        assert_eq!(run.lines(), [line], "{table}: {}", run.stderr);
        // What the key takes: an input's parameter (`low`, `high`) a number (it said "a
        // value: a number, or a text in quotes").
        assert!(
            run.stderr
                .contains("expected a number such as 3M or 12%, on the same line"),
            "{table}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains(": found nothing after `")
                && !run.stderr.contains("after `size")
                && !run.stderr.contains("literal string"),
            "{table}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_key_with_no_equals_sign_and_no_value_is_named_with_what_it_takes() {
    // It named the key before it (`market.size.mean`), quoted the rest of the line with its
    // comment, and added TOML's "invalid literal string, expected `'`".
    let files = [
        (
            "{ dist = \"normal\", mean = \"30M\", sd }   # to do",
            "market.size.sd",
            "`sd`",
        ),
        ("{ low = \"20M\", high }", "market.size.high", "`high`"),
        (
            "{ dist = \"normal\", sd, mean = \"30M\" }",
            "market.size.sd",
            "`sd`",
        ),
        (
            "{ dist = \"normal\", \"sd\" }",
            "market.size.sd",
            "`\"sd\"`",
        ),
        // With a key after it, TOML stops at that key (it said "found `mean = 3 }`, expected
        // valid TOML (missing assignment between key-value pairs, expected `=`)").
        ("{ sd mean = 3 }", "market.size.sd", "`sd`"),
        // In a table inside the table, by its whole path (it was `market.size.a`).
        (
            "{ mean = \"3M\", sd = { a b = 1 } }",
            "market.size.sd.a",
            "`a`",
        ),
    ];
    for (table, key, written) in files {
        let run = check(with_size(table));
        assert_eq!(run.lines(), [8], "{table}: {}", run.stderr);
        let message = run.fails_at(8, key, &format!("found {written} with no value"));
        let name = key.rsplit('.').next().unwrap_or(key);
        // A parameter of the input's table takes a number; a key deeper down, anything.
        let takes = if key.matches('.').count() == 2 {
            "a number such as 3M or 12%"
        } else {
            "a value: a number, or a text in quotes"
        };
        assert!(
            message.ends_with(&format!("expected `{name} = ` followed by {takes}")),
            "{table}: {message}"
        );
        assert!(
            !message.contains("literal string") && !message.contains("to do"),
            "{table}: {message}"
        );
    }
    // A number with thousands commas in a table: TOML reads `3` and a key `000` (it said
    // "market.size.000: found `000` with no value").
    let commas = check(with_size(
        "{ dist = \"normal\", mean = 3,000,000, sd = \"1M\" }",
    ));
    let message = commas.fails_at(
        8,
        "market.size.mean",
        "found `3,000,000`, whose commas TOML takes to end the value",
    );
    assert!(
        message.ends_with(
            "expected a number without commas, 3000000 (write it in quotes: mean = \"3,000,000\")"
        ),
        "{message}"
    );
    assert!(commas.stderr.contains(" ^^^^^^^^^\n"), "{}", commas.stderr);
    // A decimal comma is not read as thousands (it was told "a number without commas, 15",
    // and to quote `"1,5"`, which is refused in turn); a signed number is one too.
    let decimal = check(with_size("{ dist = \"normal\", low = 1,5, high = 2 }"));
    let message = decimal.fails_at(8, "market.size.low", "found `1,5`, whose comma");
    assert!(
        message.ends_with("expected a number with a decimal point, as 1.5"),
        "{message}"
    );
    let signed = check(with_size("{ mean = -3,000, sd = \"1M\" }"));
    signed.fails_at(
        8,
        "market.size.mean",
        "found `-3,000`, whose comma TOML takes",
    );
    // Tables inside tables on one line, at the top (it was `market.sd`).
    let nested = check(GOOD.replace(
        "schema = 1",
        "schema = 1\nmarket = { size = { sd mean = 3 } }",
    ));
    nested.fails_at(2, "market.size.sd", "found `sd` with no value");
    // What the key takes, where skypie knows it: a family, an input's value.
    let dist = check(with_size("{ dist }"));
    let message = dist.fails_at(8, "market.size.dist", "found `dist` with no value");
    assert!(
        message.ends_with(
            "expected `dist = ` followed by a family in quotes, one of normal, \
             lognormal, uniform, triangular, pert, beta"
        ),
        "{message}"
    );
    let days = check(GOOD.replace("horizon_days = 90", "horizon_days   # to do"));
    let message = days.fails_at(2, "horizon_days", "found `horizon_days` with no value");
    assert!(
        message.ends_with(
            "expected `horizon_days = ` followed by a whole number of days from 1 to 3,650"
        ),
        "{message}"
    );
    // With its `=` but nothing after it, the same key is named.
    let equals = check(with_size("{ dist = \"normal\", mean = \"30M\", sd = }"));
    equals.fails_at(8, "market.size.sd", "found nothing after `sd =`");
    // A comma left out between two keys is said so, at the second, without the line's rest.
    let comma = check(with_size("{ dist = \"normal\" mean = \"30M\" }   # to do"));
    let message = comma.fails_at(
        8,
        "market.size.mean",
        "found `mean` with no comma before it",
    );
    assert!(
        message.ends_with("expected `,` between the keys of an inline table"),
        "{message}"
    );
    // So after a number, where TOML stops at the key's `=` ("found `= 5 }`, expected valid
    // TOML (extra assignment between key-value pairs, expected `,`)").
    let number = check(with_size("{ dist = \"normal\", mean = 30 sd = 5 }"));
    number.fails_at(8, "market.size.sd", "found `sd` with no comma before it");
    // At the key itself, column 37.
    assert!(
        number.stderr.contains(":8:37: market.size.sd"),
        "{}",
        number.stderr
    );
}

#[test]
fn a_quoted_key_is_named_like_a_plain_one() {
    // `"size" = 5M` was reported without its key, and told to quote the value with no key.
    for key in ["\"size\"", "'size'"] {
        let run = check(GOOD.replace("size = \"35M to 70M\"", &format!("{key} = 5M")));
        let message = run.fails_at(8, "market.size", "found `5M` without quotes");
        assert!(
            message.contains("expected a number ≥ 0")
                && message.ends_with("(write it in quotes: size = \"5M\")"),
            "{message}"
        );
    }
    let word = check(GOOD.replace("size = \"35M to 70M\"", "\"size\" = normal"));
    let message = word.fails_at(8, "market.size", "found `normal` without quotes");
    assert!(
        message.contains(
            "(a distribution is a table naming its family in quotes: size = { dist = \"normal\""
        ),
        "{message}"
    );
    // Under a quoted table name, and inside an inline table, too.
    let table = check(
        GOOD.replace("[market]", "[\"market\"]")
            .replace("size = \"35M to 70M\"", "size = 5M"),
    );
    table.fails_at(8, "market.size", "found `5M` without quotes");
    let inner = check(with_size("{ 'dist' = normal }"));
    inner.fails_at(8, "market.size.dist", "found `normal` without quotes");
}

#[test]
fn an_inline_table_left_open_is_named_at_its_own_line_not_the_next() {
    let open = with_size("{ dist = \"normal\", low = \"35M\", high = \"70M\"   # to do");
    let run = check(format!("{open}growth = \"5%\"\n\n[capacity]\nreps = 4\n"));
    run.fails();
    assert_eq!(run.lines(), [8], "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "found an inline table whose `{` is not closed on its line, expected `}` at the end \
             of that line"
        ),
        "{}",
        run.stderr
    );
    // Braces inside a quoted string or a comment open nothing: a mistake on the next line is
    // that line's own.
    let quoted = check(format!("{}growth 5%\n", with_size("\"{ 35M to 70M\"  # {")));
    assert_eq!(quoted.lines(), [9], "{}", quoted.stderr);
    assert!(!quoted.stderr.contains("not closed"), "{}", quoted.stderr);
}

#[test]
fn a_missing_equals_sign_names_its_line_without_suggesting_quotes() {
    let run = check("schema = 1\nhorizon_days 90\n");
    run.fails();
    assert!(
        run.stderr.contains(&format!("{}:2:", run.path)),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`=`"), "{}", run.stderr);
    assert!(!run.stderr.contains("quotes"), "{}", run.stderr);
}

#[test]
fn a_duplicate_key_names_the_second_one() {
    let run = check("schema = 1\nhorizon_days = 90\nhorizon_days = 91\n");
    run.fails();
    assert!(
        run.stderr
            .contains(&format!("{}:3:1: found `horizon_days`", run.path)),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("duplicate key"), "{}", run.stderr);
    // And where the first one is, so that a long file need not be searched for it.
    assert!(
        run.stderr
            .contains("`horizon_days` is already set on line 2: keep one of the two"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_key_repeated_inside_an_inline_table_is_named_not_the_key_before_it() {
    // It read "market.growth: found `size`" and "market.size.sigma: found `mu`".
    let cases = [
        (
            "market = { size = \"1M\", growth = 0.1, size = \"2M\" }",
            "3:39: market.size: found `size`",
        ),
        (
            "[market]\nsize = { dist = \"lognormal\", mu = 17, sigma = 0.2, mu = 18 }",
            "4:52: market.size.mu: found `mu`",
        ),
        // A dotted key keeps its dots (it read `market.mu`).
        (
            "market = { size.mu = 17, size.mu = 18 }",
            "3:31: market.size.mu: found `mu`",
        ),
    ];
    for (market, said) in cases {
        let run = check(format!(
            "schema = 1\nhorizon_days = 90\n{market}\n[target]\nrevenue = \"3M\"\n"
        ));
        run.fails();
        assert!(run.stderr.contains(said), "{}", run.stderr);
        assert!(
            run.stderr
                .contains("is already set earlier in the same { … }: keep one of the two"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn a_repeated_key_or_table_says_where_it_was_first_set() {
    // A table opened twice, a key set twice in a table opened further up (the path is the
    // table's and the key's, quoted as the file quotes it), a key set again as a table.
    let cases = [
        (
            format!("{GOOD}[share]\ncurrent = 0.05\n\n[target]\nconfidence = 0.9\n"),
            "[target] is already opened on line 4: put its keys under one",
        ),
        (
            format!(
                "{GOOD}[correlation]\n\"market.size ~ market.growth\" = 0.3\n\n\
                 \"market.size ~ market.growth\" = 0.5\n"
            ),
            "`correlation.\"market.size ~ market.growth\"` is already set on line 10",
        ),
        (
            format!("{GOOD}growth = \"5%\"\n[market.growth]\nlow = 0.05\n"),
            "`market.growth` is already set on line 9: keep one of the two",
        ),
        // The table in force is the parsed one: a `\"\"\"` in a comment is no string (it hid
        // the headers after it, and the hint named a key of the table before it or none).
        (
            format!(
                "{GOOD}# long notes go in \"\"\" quotes\n[share.current]\nlow = 0.01\nhigh = 0.02\n\
                 low = 0.015\n"
            ),
            "`share.current.low` is already set on line 11: keep one of the two",
        ),
    ];
    for (text, said) in cases {
        let run = check(&text);
        run.fails();
        assert!(run.stderr.contains(said), "{text}\n{}", run.stderr);
    }
    // A repeat inside one inline table is on the line shown: no other line to point to.
    let run = check(with_size("{ low = 1, low = 2 }"));
    run.fails();
    assert!(!run.stderr.contains("on line"), "{}", run.stderr);
}

#[test]
fn an_unclosed_table_header_names_its_line() {
    let run = check("schema = 1\n[market\nsize = 3\n");
    run.fails();
    assert!(
        run.stderr.contains(&format!("{}:2:", run.path)),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`]`"), "{}", run.stderr);
}

#[test]
fn an_unquoted_3m_is_told_to_quote_it() {
    let run = check(GOOD.replace("revenue = \"3M\"", "revenue = 3M"));
    run.fails();
    assert!(
        run.stderr
            .contains(&format!("{}:5:11: target.revenue: found `3M`", run.path)),
        "{}",
        run.stderr
    );
    // What the key takes, not TOML's "string values must be quoted, expected literal string".
    assert!(
        run.stderr.contains(
            "found `3M` without quotes, expected a number > 0 (one number such as \"3M\", not a \
             range) (write it in quotes: revenue = \"3M\")"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("literal string"), "{}", run.stderr);
}

#[test]
fn a_value_toml_cannot_read_is_named_by_its_key() {
    // A seed past 2^64 is no TOML integer: the error said where, not which key. And it was
    // told to write it in quotes, where it is refused all the same.
    let seed = check(GOOD.replace("[market]", "[run]\nseed = 18446744073709551616\n[market]"));
    seed.fails();
    assert!(
        seed.stderr.contains(
            ":8:8: run.seed: found `18446744073709551616`, expected a whole number ≥ 0, at \
             most 18,446,744,073,709,551,615\n"
        ),
        "{}",
        seed.stderr
    );
    // Inside an inline table, the key within it; at the top, the key alone.
    let low = check(with_size("{ dist = \"normal\", low = 1e99999, high = 2 }"));
    low.fails();
    assert!(
        low.stderr.contains(": market.size.low: found"),
        "{}",
        low.stderr
    );
    let days = check(GOOD.replace("horizon_days = 90", "horizon_days = 9_0_"));
    days.fails();
    assert!(
        days.stderr.contains(": horizon_days: found"),
        "{}",
        days.stderr
    );
    // A dotted key at the top is named as the input it is, and the hint writes it as the line
    // does (it named no key, and said "a value: a number, or a text in quotes").
    let dotted = check(GOOD.replace("horizon_days = 90", "horizon_days = 90\nmarket.size = 5M"));
    dotted.fails();
    assert!(
        dotted.stderr.contains(
            ":3:15: market.size: found `5M` without quotes, expected a number ≥ 0, as a number"
        ),
        "{}",
        dotted.stderr
    );
    assert!(
        dotted
            .stderr
            .contains("(write it in quotes: market.size = \"5M\")"),
        "{}",
        dotted.stderr
    );
}

/// GOOD in Swiss francs, its `target.revenue` (line 6) set to `value`.
fn in_francs_with_revenue(value: &str) -> String {
    GOOD.replace("horizon_days = 90", "horizon_days = 90\ncurrency = \"CHF\"")
        .replace("revenue = \"3M\"", &format!("revenue = {value}"))
}

#[test]
fn an_amount_of_no_cents_grouped_with_apostrophes_is_told_the_number_to_write() {
    // `1'200.-`, as Swiss prices write 1,200 francs, read "not a number".
    check(in_francs_with_revenue("\"1'200.-\"")).fails_at(
        6,
        "target.revenue",
        "found \"1'200.-\" (digits grouped with `'` and `.-` for no cents; write `1200`)",
    );
}

#[test]
fn an_amount_of_no_cents_is_told_the_number_to_write() {
    // Each read "not a number", as `1'200.-` did.
    for (value, told) in [
        (
            "1.200,-",
            "digits grouped with `.` and `,-` for no cents; write `1200`",
        ),
        ("1200.-", "`.-` for no cents; write `1200`"),
    ] {
        check(in_francs_with_revenue(&format!("\"{value}\""))).fails_at(
            6,
            "target.revenue",
            &format!("found \"{value}\" ({told})"),
        );
    }
}

#[test]
fn a_negative_as_accounts_write_it_is_told_the_key_takes_none_not_to_write_it() {
    // `(3M)` was told to write `-3M`, which the revenue then refused.
    check(GOOD.replace("revenue = \"3M\"", "revenue = \"(3M)\"")).fails_at(
        5,
        "target.revenue",
        "found \"(3M)\" (a negative as accounts write it; it reads as -3M, which target.revenue \
         does not take)",
    );
}

#[test]
fn a_negative_the_key_refuses_leaves_its_limits_to_what_is_expected() {
    // It read "…; it reads as -90, and horizon_days must be a whole number ≥ 0), expected a
    // whole number of days from 1 to 3,650": the limits twice, and two of them.
    check(GOOD.replace("horizon_days = 90", "horizon_days = \"(90)\"")).fails_at(
        2,
        "horizon_days",
        "found \"(90)\" (a negative as accounts write it; it reads as -90, which horizon_days \
         does not take), expected a whole number of days from 1 to 3,650",
    );
}

#[test]
fn a_number_written_otherwise_beyond_its_keys_limits_is_said_to_read_as_it_not_told_to_write_it() {
    // Each was told a number to write (`1.5`, `9000`, `-0`), which the key then refused.
    for (contents, line, key, found) in [
        (
            GOOD.replace(
                "horizon_days = 90",
                "horizon_days = 90\nconfidence = \"1,5\"",
            ),
            3,
            "confidence",
            "found \"1,5\" (a number as a spreadsheet set to a decimal comma writes it; it reads \
             as 1.5, which confidence does not take)",
        ),
        (
            format!("{GOOD}\n[share]\nceiling = \"1,5\"\n"),
            11,
            "share.ceiling",
            "found \"1,5\" (a number as a spreadsheet set to a decimal comma writes it; it reads \
             as 1.5, which share.ceiling does not take)",
        ),
        (
            GOOD.replace("horizon_days = 90", "horizon_days = \"9'000\""),
            2,
            "horizon_days",
            "found \"9'000\" (digits grouped with `'`; it reads as 9000, which horizon_days does \
             not take)",
        ),
        (
            GOOD.replace("revenue = \"3M\"", "revenue = \"(0)\""),
            5,
            "target.revenue",
            "found \"(0)\" (a negative as accounts write it; it reads as -0, which target.revenue \
             does not take)",
        ),
    ] {
        check(contents).fails_at(line, key, found);
    }
}

#[test]
fn a_negative_amount_of_no_cents_is_told_the_key_takes_none_not_to_write_it() {
    // `-1'200.-` was told to write `-1200`, which the revenue then refused.
    check(in_francs_with_revenue("\"-1'200.-\"")).fails_at(
        6,
        "target.revenue",
        "found \"-1'200.-\" (digits grouped with `'` and `.-` for no cents; it reads as -1200, \
         which target.revenue does not take)",
    );
}

#[test]
fn an_amount_of_no_cents_grouped_with_underscores_is_told_the_number_to_write() {
    // `1_200.-` read "not a number", where `1'200.-` was told.
    check(in_francs_with_revenue("\"1_200.-\"")).fails_at(
        6,
        "target.revenue",
        "found \"1_200.-\" (digits grouped with `_` and `.-` for no cents; write `1200`)",
    );
}

#[test]
fn a_range_with_a_negative_as_accounts_write_it_is_told_the_range_to_write() {
    // It read "it reads as -3M, and market.size must be a number ≥ 0", where a range's end may
    // be negative (`-3M to 5M` reads), and the range was lost.
    check(with_size("\"(3M) to 5M\"")).fails_at(
        8,
        "market.size",
        "found \"(3M) to 5M\" (a negative as accounts write it; write `-3M to 5M`)",
    );
}

#[test]
fn a_growth_range_with_a_negative_as_accounts_write_it_is_told_the_range_to_write() {
    // It was told "write `-3%`", one number in place of the range.
    check(with_market_line("growth = \"(3%) to 5%\"")).fails_at(
        9,
        "market.growth",
        "found \"(3%) to 5%\" (a negative as accounts write it; write `-3% to 5%`)",
    );
}

#[test]
fn a_range_of_amounts_of_no_cents_is_told_the_range_to_write() {
    // It was told "write `1200`", one number in place of the range.
    check(with_size("\"1'200.- to 2'000.-\"")).fails_at(
        8,
        "market.size",
        "found \"1'200.- to 2'000.-\" (digits grouped with `'` and `.-` for no cents; write \
         `1200 to 2000`)",
    );
}

#[test]
fn a_range_grouped_with_apostrophes_is_told_the_range_to_write() {
    // It was told "write `1200`", one number in place of the range.
    check(GOOD.replace("\"35M to 70M\"", "\"1'200 to 2'000\"")).fails_at(
        8,
        "market.size",
        "found \"1'200 to 2'000\" (digits grouped with `'`; write `1200 to 2000`)",
    );
}

#[test]
fn an_amount_of_no_cents_grouped_with_commas_is_told_the_number_to_write() {
    // `1,200.-` read "not a number", where `1,200` reads and `1'200.-` was told.
    check(in_francs_with_revenue("\"1,200.-\"")).fails_at(
        6,
        "target.revenue",
        "found \"1,200.-\" (digits grouped with `,` and `.-` for no cents; write `1200`)",
    );
}

#[test]
fn a_set_amount_of_no_cents_in_the_plans_own_currency_is_told_the_number_to_write() {
    // `CHF1'200.-` in a plan in francs read "not a number": its `CHF` was taken off, and
    // `1'200.-` was told nothing.
    let dir = TempDir::new().expect("a temporary folder");
    let path = write(dir.path(), "plan.toml", in_francs_with_revenue("\"3M\""));
    let run = skypie(
        &["eval", &path, "--set", "target.revenue=CHF1'200.-"],
        &path,
    );
    assert!(
        run.stderr.contains(
            "found \"CHF1'200.-\" (digits grouped with `'` and `.-` for no cents; write `1200`)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn an_amount_with_a_currency_abbreviation_after_it_is_told_to_be_written_without_it() {
    // It read "unknown suffix `kr` (use k, M, B, T or %)", where `fit` said it was a currency.
    let run = check(GOOD.replace("revenue = \"3M\"", "revenue = \"1200 kr\""));
    let message = run.fails_at(5, "target.revenue", "found \"1200 kr\"");
    assert!(
        message.contains("(a currency; write amounts without `kr`, as in 1200)"),
        "{message}"
    );
}

#[test]
fn a_value_toml_stops_inside_is_shown_whole_and_read_as_its_key_reads_it() {
    // TOML stops at `,000,000` of 3,000,000 and at `.0` of 1.0.0: the message showed that
    // piece, with TOML's words ("unexpected key or value, expected newline, `#`"), and hinted
    // quotes around it (`write it in quotes: ".0"`).
    let cases = [
        (
            "revenue = \"3M\"",
            "revenue = 3,000,000 # three",
            "5:11: target.revenue: found `3,000,000` without quotes, expected a number > 0 (one \
             number such as \"3M\", not a range) (write it in quotes: revenue = \"3,000,000\")",
        ),
        (
            "revenue = \"3M\"",
            "revenue = 1.0.0",
            "5:11: target.revenue: found `1.0.0` (not a number), expected a number > 0",
        ),
        (
            "revenue = \"3M\"",
            "revenue = $3M",
            "5:11: target.revenue: found `$3M` (a currency; write amounts without `$`, as in \"3M\"",
        ),
        (
            "horizon_days = 90",
            "horizon_days = 90M",
            "2:16: horizon_days: found `90M`, expected a whole number of days from 1 to 3,650\n",
        ),
        (
            "schema = 1",
            "schema = 1.0.0",
            "1:10: schema: found `1.0.0`, expected 1 (this version of skypie reads schema 1)",
        ),
    ];
    for (line, written, said) in cases {
        let run = check(GOOD.replace(line, written));
        run.fails();
        assert!(run.stderr.contains(said), "{written}: {}", run.stderr);
        assert!(
            !run.stderr.contains("valid TOML"),
            "{written}: {}",
            run.stderr
        );
        // The caret is under the whole value.
        let value = written.split(" = ").nth(1).unwrap_or_default();
        let value = value.split(" #").next().unwrap_or_default();
        let carets = run
            .stderr
            .lines()
            .find(|l| l.contains('^'))
            .unwrap_or_default();
        assert_eq!(
            carets.matches('^').count(),
            value.chars().count(),
            "{written}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_parameter_toml_cannot_read_says_it_takes_a_number() {
    // Under `[market.size]`, `mean = 1.0.0` said TOML's "invalid float, expected nothing".
    let table = "[market.size]\ndist = \"normal\"\nmean = 1.0.0\nsd = \"1M\"";
    let run = check(GOOD.replace("[market]\nsize = \"35M to 70M\"", table));
    let message = run.fails_at(9, "market.size.mean", "found `1.0.0`");
    assert!(
        message.ends_with("found `1.0.0` (not a number), expected a number such as 3M or 12%"),
        "{message}"
    );
    // And why, as the quoted form says (it said only what it takes).
    let table = table.replace("1.0.0", "1e400");
    let run = check(GOOD.replace("[market]\nsize = \"35M to 70M\"", &table));
    run.fails_at(9, "market.size.mean", "found `1e400` (too large)");
}

#[test]
fn a_lognormal_range_below_zero_says_so_once() {
    // It read "expected a lognormal range needs low > 0, found -1000000".
    let lognormal = check(with_size(
        "{ dist = \"lognormal\", low = \"-1M\", high = \"5M\" }",
    ));
    lognormal.fails();
    assert!(
        lognormal.stderr.contains(
            "market.size.low: found \"-1M\", expected low > 0 (both ends of a lognormal range \
             are above 0)\n"
        ),
        "{}",
        lognormal.stderr
    );
}

#[test]
fn an_unquoted_range_is_told_to_quote_it() {
    let run = check(with_size("35M to 70M"));
    run.fails();
    assert!(
        run.stderr.contains(&format!("{}:8:", run.path)),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "market.size: found `35M to 70M` without quotes, expected a number ≥ 0, as a number"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("(write it in quotes: size = \"35M to 70M\")"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_family_without_quotes_is_told_to_quote_it_with_its_key() {
    // TOML read `normal` as a misspelt `nan` ("invalid float, expected `nan`").
    let dist = check(with_size("{ dist = normal, mean = \"50M\", sd = \"5M\" }"));
    let message = dist.fails_at(8, "market.size.dist", "found `normal` without quotes");
    assert!(
        message.contains(
            "expected a family in quotes, one of normal, lognormal, uniform, triangular, pert, \
             beta (write it in quotes: dist = \"normal\")"
        ),
        "{message}"
    );
    assert!(!message.contains("nan"), "{message}");
    // A family's name in another case is quoted as the file must write it ("Normal" in quotes
    // is refused in turn); a word that is no family gets no quoting hint.
    let capital = check(with_size("{ dist = Normal, mean = \"50M\", sd = \"5M\" }"));
    let message = capital.fails_at(8, "market.size.dist", "found `Normal` without quotes");
    assert!(
        message.contains("(write it in quotes: dist = \"normal\")"),
        "{message}"
    );
    let other = check(with_size(
        "{ dist = gaussian, mean = \"50M\", sd = \"5M\" }",
    ));
    let message = other.fails_at(8, "market.size.dist", "found `gaussian` without quotes");
    assert!(!message.contains("write it in quotes"), "{message}");
}

#[test]
fn a_text_key_without_quotes_is_told_to_quote_it_with_its_key() {
    // TOML read a word such as `USD` as "string values must be quoted, expected literal
    // string".
    let texts = [
        ("currency = USD", 2, "currency", "currency = \"USD\""),
        ("name = My plan", 2, "name", "name = \"My plan\""),
        // A comma is the name's own outside an array or inline table (it got no hint).
        (
            "name = Series B, 2024",
            2,
            "name",
            "name = \"Series B, 2024\"",
        ),
        ("[run]\nmethod = mc", 3, "run.method", "method = \"mc\""),
    ];
    for (line, at, key, quoted) in texts {
        let run = check(GOOD.replace("schema = 1", &format!("schema = 1\n{line}")));
        let message = run.fails_at(at, key, "without quotes, expected a quoted string");
        assert!(
            message.contains(&format!("(write it in quotes: {quoted})")),
            "{message}"
        );
        assert!(!message.contains("literal string"), "{message}");
    }
    // After a quoted value, no value starts: not said to lack quotes.
    let after = check(GOOD.replace("schema = 1", "schema = 1\nname = \"My\" plan"));
    let message = after.fails_at(2, "name", "found `plan`");
    assert!(!message.contains("quotes"), "{message}");
}

#[test]
fn a_word_without_quotes_in_an_array_is_told_to_quote_it_where_that_mends_it() {
    // An input's value in an array is refused whatever its quotes: no quoting hint
    // (`write it in quotes: "20M"` led to "found an array").
    let array = check(with_size("[20M, 40M]"));
    let message = array.fails_at(8, "market.size", "found `20M` without quotes");
    assert!(!message.contains("write it in quotes"), "{message}");
    // In a list of keys, the value alone.
    let ignore = check(format!("{GOOD}[norms]\nignore = [capacity.ramp_days]\n"));
    let message = ignore.fails_at(10, "norms.ignore", "`capacity.ramp_days` without quotes");
    assert!(
        message.contains("(write it in quotes: \"capacity.ramp_days\")"),
        "{message}"
    );
}

#[test]
fn a_family_written_as_an_inputs_value_is_pointed_at_the_table_form() {
    // Quoting would not help (`serviceable = "normal"` is no number): the table it meant.
    let run = check(with_market_line("serviceable = normal"));
    let message = run.fails_at(
        9,
        "market.serviceable",
        "found `normal` without quotes, expected a fraction from 0 to 1",
    );
    assert!(
        message.contains(
            "(a distribution is a table naming its family in quotes: serviceable = { dist = \
             \"normal\", mean = …, sd = … })"
        ),
        "{message}"
    );
    assert!(!message.contains("nan"), "{message}");
    // Any other word: what the key takes, and no hint to quote it.
    let days = check(GOOD.replace("horizon_days = 90", "horizon_days = ninety"));
    let message = days.fails_at(2, "horizon_days", "found `ninety` without quotes");
    assert!(
        message.ends_with("expected a whole number of days from 1 to 3,650"),
        "{message}"
    );
    let low = check(with_size("{ low = lots, high = \"70M\" }"));
    let message = low.fails_at(8, "market.size.low", "found `lots` without quotes");
    assert!(!message.contains("write it in quotes"), "{message}");
}

#[test]
fn binary_garbage_is_refused_as_no_text() {
    let run = check(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe");
    run.fails();
    assert!(
        run.stderr.contains(":1:1: found a PNG image, not text"),
        "{}",
        run.stderr
    );
    let run = check(b"schema = 1\n\xff\xfe garbled\n");
    run.fails();
    assert!(run.stderr.contains("not UTF-8"), "{}", run.stderr);
}

#[test]
fn control_characters_are_refused_and_shown_escaped() {
    let run = check("schema = 1\nname = \"a\u{1}b\"\n");
    run.fails();
    assert!(
        run.stderr.contains(&format!("{}:2:", run.path)),
        "{}",
        run.stderr
    );
    // Spelled as the file would write it in TOML (`\u0001`), not as Rust's `\u{1}`.
    assert!(run.stderr.contains("a\\u0001b"), "{}", run.stderr);
    assert!(!run.stderr.contains('\u{1}'), "{}", run.stderr);
}

#[test]
fn deeply_nested_arrays_are_refused_without_overflowing_the_stack() {
    let run = check(format!("{GOOD}growth = {}\n", "[".repeat(100_000)));
    run.fails();
    assert!(run.stderr.contains("valid TOML"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------------------------
// Required keys.

#[test]
fn a_missing_target_table_names_target_revenue() {
    let run = check("schema = 1\nhorizon_days = 90\n[market]\nsize = 3\n");
    let message = run.fails_at(5, "target.revenue", "nothing");
    assert!(message.contains("[target] revenue = \"3M\""), "{message}");
    assert_eq!(run.messages().count(), 1, "{}", run.stderr);
}

#[test]
fn an_empty_target_table_names_target_revenue() {
    let run = check(GOOD.replace("revenue = \"3M\"\n", ""));
    // At the table's header, the place to add it.
    run.fails_at(4, "target.revenue", "nothing");
}

#[test]
fn a_missing_horizon_is_named() {
    let run = check(GOOD.replace("horizon_days = 90\n", ""));
    let message = run.fails_at(8, "horizon_days", "nothing");
    assert!(message.contains("horizon_days = 90"), "{message}");
}

#[test]
fn a_missing_market_size_is_named() {
    let run = check(GOOD.replace("size = \"35M to 70M\"\n", "growth = 0.1\n"));
    run.fails_at(7, "market.size", "nothing");
}

#[test]
fn a_capacity_table_without_quota_per_rep_is_named() {
    let run = check(format!("{GOOD}\n[capacity]\nreps = 6\n"));
    let message = run.fails_at(10, "capacity.quota_per_rep", "nothing");
    assert!(message.contains("quota_per_rep = \"1.2M\""), "{message}");
}

#[test]
fn a_table_given_as_a_value_is_one_message_not_also_its_keys_missing() {
    let run = check(
        GOOD.replace("[market]\nsize = \"35M to 70M\"\n", "")
            .replace("horizon_days = 90\n", "horizon_days = 90\nmarket = 3\n"),
    );
    run.fails_at(3, "market", "3");
    assert_eq!(run.messages().count(), 1, "{}", run.stderr);
}

#[test]
fn a_misspelt_required_key_is_one_message_not_also_called_missing() {
    let run = check(GOOD.replace("size =", "siz ="));
    let message = run.fails_at(8, "market.siz", "an unknown key `siz`");
    assert!(message.contains("did you mean `size`?"), "{message}");
    assert_eq!(run.messages().count(), 1, "{}", run.stderr);
}

#[test]
fn a_misspelt_table_is_one_message_not_also_its_keys_missing() {
    let run = check(GOOD.replace("[market]", "[Market]"));
    let message = run.fails_at(7, "Market", "an unknown key `Market`");
    assert!(message.contains("did you mean `market`?"), "{message}");
    assert_eq!(run.messages().count(), 1, "{}", run.stderr);
}

#[test]
fn a_required_key_with_a_bad_value_is_not_also_called_missing() {
    let run = check(with_size("\"lots\""));
    run.fails_at(8, "market.size", "\"lots\"");
    assert_eq!(run.messages().count(), 1, "{}", run.stderr);
}

// ---------------------------------------------------------------------------------------------
// Unknown keys.

#[test]
fn an_unknown_top_level_key_suggests_the_nearest() {
    let run = check(GOOD.replace("horizon_days", "horizn_days"));
    let message = run.fails_at(2, "horizn_days", "`horizn_days`");
    assert!(
        message.contains("did you mean `horizon_days`?"),
        "{message}"
    );
}

#[test]
fn an_unknown_market_key_suggests_size() {
    let run = check(GOOD.replace("size =", "sise ="));
    let message = run.fails_at(8, "market.sise", "`sise`");
    assert!(message.contains("did you mean `size`?"), "{message}");
}

#[test]
fn a_market_key_at_the_top_level_belongs_in_market() {
    let run = check(format!("size = \"35M\"\n{GOOD}"));
    let message = run.fails_at(1, "size", "`size`");
    assert!(message.contains("belongs in [market]"), "{message}");
}

#[test]
fn a_top_level_key_inside_a_table_belongs_at_the_top_level() {
    let run = check(with_market_line("confidence = 0.9"));
    let message = run.fails_at(9, "market.confidence", "`confidence`");
    assert!(message.contains("belongs at the top level"), "{message}");
    assert!(!message.contains("[]"), "{message}");
}

#[test]
fn a_required_key_written_inside_a_table_is_reported_once_where_it_was_written() {
    // `horizon_days` under [market]: said to belong at the top level, then again as
    // "horizon_days: found nothing", about a key the user did write.
    let run = check(with_market_line("horizon_days = 90").replace("horizon_days = 90\n\n", "\n"));
    let message = run.fails_at(8, "market.horizon_days", "`horizon_days`");
    assert!(message.contains("belongs at the top level"), "{message}");
    assert_eq!(run.messages().count(), 1, "{}", run.stderr);
}

#[test]
fn a_required_key_appended_under_norms_or_correlation_is_said_where_it_belongs_once() {
    // The template's last tables, where keys get appended: "found an unknown key", then
    // "horizon_days: found nothing" about the key on the line above it.
    let without = GOOD.replace("horizon_days = 90\n", "");
    for (table, key) in [
        ("[norms]\nignore = []", "norms.horizon_days"),
        ("[correlation]", "correlation.\"horizon_days\""),
    ] {
        let run = check(format!("{without}\n{table}\nhorizon_days = 90\n"));
        let line = without.lines().count() + table.lines().count() + 2;
        let message = run.fails_at(line, key, "`horizon_days`");
        assert!(message.contains("belongs at the top level"), "{message}");
        assert_eq!(run.messages().count(), 1, "{}", run.stderr);
    }
    // A dotted key there: said where it belongs as written (the message named only `market`,
    // and `market.size` was no longer said to be missing).
    let without = GOOD.replace("size = \"35M to 70M\"\n", "");
    let run = check(format!(
        "{without}\n[norms]\nignore = []\nmarket.size = \"35M to 70M\"\n"
    ));
    let line = without.lines().count() + 4;
    let message = run.fails_at(line, "norms.market", "`market`");
    assert!(
        message.contains("`market.size` belongs in [market] as `size`"),
        "{message}"
    );
    assert_eq!(run.messages().count(), 1, "{}", run.stderr);
}

#[test]
fn a_key_written_in_the_wrong_table_and_in_its_own_is_told_to_keep_one() {
    // `growth = "5%"` under [target] beside [market]'s own was told to go to [market], which
    // would write it twice.
    let good = GOOD.replace("revenue = \"3M\"\n", "revenue = \"3M\"\nsize = \"40M\"\n");
    let message = check(&good).fails_at(6, "target.size", "`size`");
    assert!(
        message.ends_with(
            "(`size` belongs in [market], and is written there already: keep one of the two)"
        ),
        "{message}"
    );
    // Not where [market] lacks it.
    let message = check(good.replace("size = \"35M to 70M\"\n", "growth = 0.1\n")).fails_at(
        6,
        "target.size",
        "`size`",
    );
    assert!(
        message.ends_with("(`size` belongs in [market])"),
        "{message}"
    );
    // A table written inside another: the keys its own table has.
    let run = check(GOOD.replace(
        "revenue = \"3M\"\n",
        "revenue = \"3M\"\nmarket = { size = \"1M\", growth = \"3%\" }\n",
    ));
    let message = run.fails_at(6, "target.market", "`market`");
    assert!(
        message.ends_with("not inside [target]; [market] has `size` already: keep one of the two)"),
        "{message}"
    );
}

#[test]
fn a_table_written_inside_another_is_said_so_and_its_keys_not_missing() {
    // `market = { … }` under [target] read "unknown key `market`" with no word of where it
    // belongs, then "market.size: found nothing" about the key written in it.
    let run = check(GOOD.replace(
        "\n[market]\nsize = \"35M to 70M\"\n",
        "market = { size = \"35M to 70M\" }\n",
    ));
    let message = run.fails_at(6, "target.market", "`market`");
    assert!(
        message.contains(
            "`market` is a table of its own: write its keys under [market], not inside [target]"
        ),
        "{message}"
    );
    assert_eq!(run.messages().count(), 1, "{}", run.stderr);
    // Only the keys written in it are not reported missing: `size` left out still is.
    let run = check(GOOD.replace(
        "\n[market]\nsize = \"35M to 70M\"\n",
        "market = { growth = \"5%\" }\n",
    ));
    run.fails_at(6, "target.market", "`market`");
    assert!(
        run.messages()
            .any(|m| m.contains("market.size: found nothing")),
        "{}",
        run.stderr
    );
    // Written as a value, it has no keys to move.
    let run = check(GOOD.replace("\n[market]\nsize = \"35M to 70M\"\n", "market = \"35M\"\n"));
    let message = run.fails_at(6, "target.market", "`market`");
    assert!(
        message.contains("`market` is a table of its own, [market], not a key of [target]"),
        "{message}"
    );
    // A dotted key: `share.current` under [market].
    let run = check(with_market_line("share.current = 0.1"));
    let message = run.fails_at(9, "market.share", "`share`");
    assert!(
        message.contains("write its keys under [share]"),
        "{message}"
    );
}

#[test]
fn the_top_levels_text_keys_inside_a_table_belong_at_the_top_level() {
    for key in ["name", "currency"] {
        let run = check(with_market_line(&format!("{key} = \"Q3\"")));
        let message = run.fails_at(9, &format!("market.{key}"), &format!("`{key}`"));
        assert!(message.contains("belongs at the top level"), "{message}");
    }
}

#[test]
fn a_quoted_key_with_a_newline_stays_on_one_line() {
    let run = check(format!("\"a\\nb\" = 1\n{GOOD}"));
    let message = run.fails_at(1, "a\\nb", "`a\\nb`");
    assert!(message.contains("in the top level"), "{message}");
}

#[test]
fn a_two_megabyte_unknown_key_gets_a_short_message() {
    let run = check(format!("{} = 1\n{GOOD}", "k".repeat(2 << 20)));
    run.fails_at(1, &format!("{}…", "k".repeat(40)), "unknown key");
    assert!(run.stderr.len() < 2000, "{} bytes", run.stderr.len());
}

#[test]
fn thousands_of_unknown_keys_stop_at_a_hundred_problems() {
    let keys: String = (0..20_000).map(|i| format!("key{i} = 1\n")).collect();
    let run = check(format!("{keys}{GOOD}"));
    run.fails_at(1, "key0", "`key0`");
    assert!(run.stderr.contains("reading stopped"), "{}", run.stderr);
    assert_eq!(run.messages().count(), 101);
}

#[test]
fn an_unknown_dist_name_suggests_the_nearest() {
    let run = check(with_size("{ dist = \"lognorm\", mu = 17, sigma = 0.3 }"));
    let message = run.fails_at(8, "market.size.dist", "\"lognorm\"");
    assert!(message.contains("did you mean \"lognormal\"?"), "{message}");
}

#[test]
fn an_unknown_key_in_a_distribution_table_suggests_the_parameter() {
    let run = check(with_size(
        "{ dist = \"normal\", mean = \"50M\", stdev = \"5M\" }",
    ));
    let message = run.fails_at(8, "market.size.stdev", "`stdev`");
    assert!(message.contains("did you mean `sd`?"), "{message}");
}

#[test]
fn a_distribution_table_missing_a_parameter_names_it() {
    let run = check(with_size("{ dist = \"normal\", mean = \"50M\" }"));
    run.fails_at(8, "market.size", "no `sd`");
}

#[test]
fn a_section_that_is_not_a_table_is_named() {
    let run = check("horizon_days = 90\nmarket = 3\n[target]\nrevenue = \"3M\"\n");
    let message = run.fails_at(2, "market", "3");
    assert!(message.contains("a [market] table"), "{message}");
}

// ---------------------------------------------------------------------------------------------
// Values of the wrong type or form.

#[test]
fn a_boolean_market_size_is_the_wrong_type() {
    let message = check(with_size("true")).fails_at(8, "market.size", "found true");
    assert!(message.contains("expected a number ≥ 0"), "{message}");
}

#[test]
fn an_array_market_size_is_the_wrong_type() {
    check(with_size("[35e6, 70e6]")).fails_at(8, "market.size", "an array");
}

#[test]
fn a_date_market_size_is_the_wrong_type() {
    check(with_size("2026-04-01")).fails_at(8, "market.size", "2026-04-01");
}

#[test]
fn a_word_is_not_a_number() {
    let message = check(with_size("\"lots\"")).fails_at(8, "market.size", "\"lots\"");
    assert!(message.contains("not a number"), "{message}");
}

#[test]
fn a_decimal_comma_is_not_a_number() {
    let message = check(with_size("\"1,5M\"")).fails_at(8, "market.size", "\"1,5M\"");
    assert!(
        message
            .contains("(a number as a spreadsheet set to a decimal comma writes it; write `1.5M`)"),
        "{message}"
    );
    // So is a German spreadsheet's 1,250,000 (it was "not a number").
    let message = check(with_size("\"1.250.000\"")).fails_at(8, "market.size", "\"1.250.000\"");
    assert!(message.contains("write `1250000`"), "{message}");
}

/// The value a refusal tells to write (`write `"3.5M"``, `as in "3M"`), as it says it.
fn told_value(message: &str) -> Option<&str> {
    if let Some((_, rest)) = message.split_once("write `") {
        return rest.split('`').next();
    }
    let (_, rest) = message.split_once(", as in ")?;
    rest.split(')').next()
}

#[test]
fn a_bare_value_is_told_a_value_that_reads_as_typed() {
    // `revenue = 3,5M` was told to write `3.5M`, which, typed so, was refused for its quotes.
    for bare in [
        "3,5M",
        "1.200.000",
        "12,5 %",
        "3M EUR",
        "3.5 million",
        "3 000 000",
        "35,5M to 70,5M",
    ] {
        let message = check(with_size(bare)).fails_at(8, "market.size", bare);
        let told = told_value(&message).unwrap_or_else(|| panic!("no value told: {message}"));
        let run = check(with_size(told));
        assert_eq!(run.code, Some(0), "{bare} told {told}: {}", run.stderr);
    }
}

#[test]
fn an_unknown_suffix_is_named() {
    let message = check(with_size("\"3 mil\"")).fails_at(8, "market.size", "\"3 mil\"");
    assert!(message.contains("unknown suffix `mil`"), "{message}");
}

#[test]
fn a_value_of_many_words_is_refused_without_overflowing_the_stack() {
    let words = format!("\"1{}\"", " x".repeat(300_000));
    let run = check(with_size(&words));
    let message = run.fails_at(8, "market.size", "not a number");
    assert!(message.len() < 400, "{message}");
}

#[test]
fn a_reversed_range_names_the_key_and_line() {
    let message = check(with_size("\"70M to 35M\"")).fails_at(8, "market.size", "\"70M to 35M\"");
    assert!(
        message.contains("write the low end first: \"35M to 70M\""),
        "{message}"
    );
}

#[test]
fn a_reversed_range_pasted_with_non_breaking_spaces_is_turned_round_whole() {
    let message = check(with_size("\"70M\u{a0}to\u{a0}35M\"")).fails_at(
        8,
        "market.size",
        "70M\u{a0}to\u{a0}35M",
    );
    assert!(
        message.contains("write the low end first: \"35M to 70M\""),
        "{message}"
    );
}

#[test]
fn digits_grouped_with_spaces_are_named_with_the_number_written_without_them() {
    let message = check(with_size("\"35\u{a0}000\u{a0}000 to 70M\"")).fails_at(
        8,
        "market.size",
        "35\u{a0}000\u{a0}000 to 70M",
    );
    assert!(
        message.contains("digits grouped with spaces; write `35000000 to 70M`"),
        "{message}"
    );
}

#[test]
fn a_range_with_its_unit_on_one_end_only_is_refused_with_the_unit_on_both() {
    // "35 to 70M" was read as 35 USD to 70M with no word; "5 to 20%" was refused with the hint
    // "20% to 5", which was then read as 20% to 500%.
    let message = check(with_size("\"35 to 70M\"")).fails_at(
        8,
        "market.size",
        "found \"35 to 70M\" (an M on one end only)",
    );
    assert!(
        message.contains(
            "expected a range \"A to B\" with its unit on both ends (a bare 35 is 35, not 35M)"
        ),
        "{message}"
    );
    assert!(
        message.contains("(write the M on both ends: \"35M to 70M\")"),
        "{message}"
    );
    for growth in ["5 to 20%", "20% to 5", "5% to 20"] {
        let message = check(with_market_line(&format!("growth = \"{growth}\""))).fails_at(
            9,
            "market.growth",
            "(a % on one end only)",
        );
        assert!(
            message.contains("(write the % on both ends: \"5% to 20%\")"),
            "{message}"
        );
        assert!(!message.contains("low end first"), "{message}");
    }
    // The hint, taken literally, is a range `check` takes.
    let run = check(with_market_line("growth = \"5% to 20%\""));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn a_range_with_equal_ends_suggests_one_number() {
    let message = check(with_size("\"35M to 35M\"")).fails_at(8, "market.size", "\"35M to 35M\"");
    assert!(message.contains("write one number: \"35M\""), "{message}");
}

#[test]
fn a_reversed_table_range_names_high() {
    check(with_size("{ low = \"70M\", high = \"35M\" }")).fails_at(
        8,
        "market.size.high",
        "\"35M\"",
    );
}

#[test]
fn nan_is_not_a_number() {
    check(with_size("nan")).fails_at(8, "market.size", "found nan");
}

#[test]
fn infinity_is_not_a_number() {
    check(with_size("inf")).fails_at(8, "market.size", "found inf");
    check(with_size("-inf")).fails_at(8, "market.size", "found -inf");
}

#[test]
fn a_number_too_large_for_a_double_is_named() {
    let message = check(with_size("\"1e999\"")).fails_at(8, "market.size", "\"1e999\"");
    assert!(message.contains("too large"), "{message}");
}

#[test]
fn a_name_that_is_not_a_string_is_named() {
    let run = check(format!("name = 3\n{GOOD}"));
    let message = run.fails_at(1, "name", "3");
    assert!(message.contains("a quoted string"), "{message}");
}

// ---------------------------------------------------------------------------------------------
// Values outside their domain.

#[test]
fn a_negative_fixed_market_size_is_refused() {
    let message = check(with_size("\"-5M\"")).fails_at(8, "market.size", "-5M");
    assert!(message.contains("≥ 0"), "{message}");
}

#[test]
fn a_serviceable_fraction_above_one_is_refused() {
    let message =
        check(with_market_line("serviceable = 1.2")).fails_at(9, "market.serviceable", "120%");
    assert!(message.contains("from 0 to 1"), "{message}");
}

#[test]
fn a_share_written_as_a_bare_percentage_is_shown_as_written_with_how_to_write_it() {
    // `serviceable = 30` said only "found 3000%", a figure nobody wrote.
    let message = check(with_market_line("serviceable = 30")).fails_at(
        9,
        "market.serviceable",
        "found 30 (3,000%), expected a fraction from 0 to 1",
    );
    assert!(
        message.ends_with("(for 30%, write \"30%\" or 0.3)"),
        "{message}"
    );
    let run = check(format!("{GOOD}\n[share]\ngain_per_year = -5.5\n"));
    let message = run.fails_at(11, "share.gain_per_year", "found -5.5 (-550%)");
    assert!(message.contains("write \"-5.5%\" or -0.055"), "{message}");
    // The fraction `"1.1%"` reads as, not 1.1 / 100 (`0.011000000000000001`).
    let message =
        check(with_market_line("serviceable = 1.1")).fails_at(9, "market.serviceable", "110%");
    assert!(
        message.ends_with("(for 1.1%, write \"1.1%\" or 0.011)"),
        "{message}"
    );
    let message = check(with_market_line("serviceable = \"30\"")).fails_at(
        9,
        "market.serviceable",
        "found \"30\" (3,000%)",
    );
    assert!(
        message.ends_with("(for 30%, write \"30%\" or 0.3)"),
        "{message}"
    );
    // A negative share is no slip of the percent sign: "-30%" is refused too.
    let message =
        check(with_market_line("serviceable = -30")).fails_at(9, "market.serviceable", "found -30");
    assert!(!message.contains("write"), "{message}");
    // Past 100 it is no percentage slip: no advice to write it as one.
    let message = check(with_market_line("serviceable = 300")).fails_at(
        9,
        "market.serviceable",
        "found 300 (30,000%)",
    );
    assert!(!message.contains("write"), "{message}");
}

#[test]
fn a_market_shrinking_by_more_than_all_of_it_is_refused() {
    let message =
        check(with_market_line("growth = \"-150%\"")).fails_at(9, "market.growth", "-150%");
    assert!(message.contains("≥ -99%"), "{message}");
}

#[test]
fn a_fixed_share_gain_above_one_is_refused() {
    let run = check(format!("{GOOD}\n[share]\ngain_per_year = 2.0\n"));
    let message = run.fails_at(11, "share.gain_per_year", "200%");
    assert!(message.contains("-100% to 100%"), "{message}");
}

#[test]
fn a_zero_day_horizon_is_refused() {
    let message = check(GOOD.replace("= 90", "= 0")).fails_at(2, "horizon_days", "found 0");
    // Grouped, as every key's limits are (it read "from 1 to 3650").
    assert!(message.contains("from 1 to 3,650"), "{message}");
}

#[test]
fn a_horizon_over_ten_years_is_refused() {
    check(GOOD.replace("= 90", "= 4000")).fails_at(2, "horizon_days", "4000");
}

#[test]
fn a_fractional_horizon_is_refused() {
    check(GOOD.replace("= 90", "= 90.5")).fails_at(2, "horizon_days", "90.5");
}

#[test]
fn a_confidence_below_one_half_is_refused() {
    let run = check(format!("confidence = 0.3\n{GOOD}"));
    let message = run.fails_at(1, "confidence", "0.3");
    assert!(message.contains("from 0.5 to 0.99"), "{message}");
}

#[test]
fn a_range_for_the_target_is_refused() {
    let run = check(GOOD.replace("\"3M\"", "\"1M to 3M\""));
    let message = run.fails_at(5, "target.revenue", "\"1M to 3M\"");
    // Said once: a hint "(target.revenue takes a single number)" said it again.
    assert!(
        message.ends_with("expected a number > 0 (one number such as \"3M\", not a range)"),
        "{message}"
    );
    assert_eq!(run.messages().count(), 1, "{}", run.stderr);
}

#[test]
fn a_range_wider_than_any_number_says_so_in_its_own_words() {
    // The library's "variation parameter is non-finite in (log)normal distribution".
    let run = check(GOOD.replace("\"35M to 70M\"", "\"-1e308 to 1e308\""));
    let message = run.fails_at(8, "market.size", "\"-1e308 to 1e308\"");
    assert!(
        message.contains("expected ends closer together: high − low is beyond the largest number"),
        "{message}"
    );
}

#[test]
fn a_zero_target_is_refused() {
    let message = check(GOOD.replace("\"3M\"", "0")).fails_at(5, "target.revenue", "found 0");
    assert!(message.contains("> 0"), "{message}");
}

#[test]
fn a_negative_or_fractional_rep_count_is_refused() {
    let capacity = "\n[capacity]\nquota_per_rep = \"1.2M\"\n";
    check(format!("{GOOD}{capacity}reps = -1\n")).fails_at(12, "capacity.reps", "-1");
    check(format!("{GOOD}{capacity}new_reps = 1.5\n")).fails_at(12, "capacity.new_reps", "1.5");
}

#[test]
fn schema_two_is_refused() {
    let message = check(GOOD.replace("schema = 1", "schema = 2")).fails_at(1, "schema", "2");
    assert!(message.contains("reads schema 1"), "{message}");
}

#[test]
fn zero_samples_are_refused() {
    let run = check(format!("{GOOD}\n[run]\nsamples = 0\n"));
    let message = run.fails_at(11, "run.samples", "found 0");
    assert!(message.contains("a whole number from 1 to"), "{message}");
}

#[test]
fn a_whole_number_key_says_why_a_text_is_no_number() {
    // `samples = "1 000"` said only `found "1 000"`, where an amount says how to write it.
    let run = check(format!("{GOOD}\n[run]\nsamples = \"1 000\"\n"));
    run.fails_at(
        11,
        "run.samples",
        "found \"1 000\" (digits grouped with spaces; write `1000`), expected a whole number",
    );
    // A reason for amounts is none for a count: `90 days` is no "unknown suffix (use k, M, B
    // or %)", `$1000` samples no currency to leave out.
    for value in ["\"90 days\"", "\"$1000\"", "\"7x\""] {
        let run = check(format!("{GOOD}\n[run]\nseed = {value}\n"));
        run.fails_at(11, "run.seed", &format!("found {value}, expected"));
    }
}

#[test]
fn a_negative_seed_is_refused() {
    let run = check(format!("{GOOD}\n[run]\nseed = -7\n"));
    let message = run.fails_at(11, "run.seed", "-7");
    assert!(message.contains("≥ 0"), "{message}");
}

#[test]
fn a_seed_too_large_for_toml_is_a_syntax_error_on_its_line() {
    let run = check(format!("{GOOD}\n[run]\nseed = 99999999999999999999\n"));
    run.fails();
    assert!(
        run.stderr.contains(&format!("{}:11:", run.path)),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------------------------
// Distribution parameters.

#[test]
fn a_normal_with_zero_sd_names_sd() {
    check(with_size("{ dist = \"normal\", mean = \"50M\", sd = 0 }")).fails_at(
        8,
        "market.size.sd",
        "found 0",
    );
}

#[test]
fn a_lognormal_with_negative_sigma_names_sigma() {
    check(with_size("{ dist = \"lognormal\", mu = 17, sigma = -1 }")).fails_at(
        8,
        "market.size.sigma",
        "-1",
    );
}

#[test]
fn a_number_in_quotes_from_a_word_processor_is_said_with_straight_quotes() {
    // `revenue = “3M”`, copied from a document, read "(not a number)".
    for (written, inner) in [
        ("“3M”", "3M"),
        ("‘3M’", "3M"),
        ("„2.5M“", "2.5M"),
        ("«40M»", "40M"),
    ] {
        check(GOOD.replace("\"3M\"", written)).fails_at(
            5,
            "target.revenue",
            &format!(
                "(quotes as word processors write them; write \"{inner}\", with straight quotes)"
            ),
        );
    }
    // Quotes around no number are no such slip.
    let message = check(GOOD.replace("\"3M\"", "“soon”")).fails_at(5, "target.revenue", "found");
    assert!(!message.contains("word processors"), "{message}");
}

#[test]
fn a_minus_sign_pasted_from_a_slide_is_said_with_the_number_to_write() {
    // It read "(not a number)", though `--set` and the session take it as typed; a range is
    // told whole (it was told one end, `-5%`).
    for (growth, write) in [
        ("\"\u{2212}5% to 15%\"", "-5% to 15%"),
        ("\"\u{2013}5% to 15%\"", "-5% to 15%"),
        ("\"-8% to \u{2212}2%\"", "-8% to -2%"),
        ("\"\u{2212}3%\"", "-3%"),
    ] {
        check(with_market_line(&format!("growth = {growth}"))).fails_at(
            9,
            "market.growth",
            &format!("(a minus sign as slides write it; write `{write}`, with `-`)"),
        );
    }
    // A range written with a dash is no minus: said as before.
    let message =
        check(with_market_line("growth = \"3%\u{2013}5%\"")).fails_at(9, "market.growth", "found");
    assert!(!message.contains("minus sign"), "{message}");
}

#[test]
fn a_lognormal_mu_written_as_the_median_is_refused_with_its_logarithm() {
    // `mu = "50M"` made every sample the largest number: "realistic", with a warning of
    // samples below 0.
    let message = check(with_size(
        "{ dist = \"lognormal\", mu = \"50M\", sigma = 0.2 }",
    ))
    .fails_at(8, "market.size.mu", "found \"50M\" (an amount)");
    assert!(
        message.contains("the natural logarithm of the median (a median of 50M is mu = 17.73)"),
        "{message}"
    );
    assert!(message.contains("low = …, high = …"), "{message}");
    let message = check(with_size("{ dist = \"lognormal\", mu = 800, sigma = 0.2 }")).fails_at(
        8,
        "market.size.mu",
        "found 800",
    );
    assert!(
        message.contains("expected mu at most 709.78: mu is the natural logarithm of the median")
            && message.contains("(a median of 800 is mu = 6.68)"),
        "{message}"
    );
    // The median written bare, the likeliest slip, is read back as one.
    let message = check(with_size(
        "{ dist = \"lognormal\", mu = 50000000, sigma = 0.2 }",
    ))
    .fails_at(8, "market.size.mu", "found 50000000");
    assert!(
        message.contains("(a median of 50000000 is mu = 17.73)"),
        "{message}"
    );
    check(with_size(
        "{ dist = \"lognormal\", mu = 709.79, sigma = 0.2 }",
    ))
    .fails_at(8, "market.size.mu", "found 709.79");
    // A shape is no amount either; a plain mu whose median is a number is taken.
    check(with_market_line(
        "serviceable = { dist = \"beta\", alpha = \"2k\", beta = 2 }",
    ))
    .fails_at(9, "market.serviceable.alpha", "found \"2k\" (an amount)");
    let run = check(with_size(
        "{ dist = \"lognormal\", mu = 17.7, sigma = 0.2 }",
    ));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let run = check(with_size(
        "{ dist = \"lognormal\", mu = 709.78, sigma = 0.2 }",
    ));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // A lognormal's 90% interval takes one unit, as any range does.
    check(with_size(
        "{ dist = \"lognormal\", low = \"5%\", high = \"20M\" }",
    ))
    .fails_at(
        8,
        "market.size.high",
        "found \"20M\" (an amount, where `low` is 5%",
    );
}

#[test]
fn a_beta_with_zero_alpha_names_alpha() {
    check(with_market_line(
        "serviceable = { dist = \"beta\", alpha = 0, beta = 2 }",
    ))
    .fails_at(9, "market.serviceable.alpha", "found 0");
}

#[test]
fn a_triangular_mode_outside_its_range_names_mode() {
    let message = check(with_size(
        "{ dist = \"triangular\", min = 1, mode = 5, max = 3 }",
    ))
    .fails_at(8, "market.size.mode", "found 5");
    assert!(
        message.contains("expected mode between min (1) and max (3)"),
        "{message}"
    );
}

#[test]
fn a_refused_parameter_names_the_others_as_its_input_writes_its_values() {
    // They read as raw numbers: "mode between min (30000000) and max (40000000)", and a
    // percentage's "found "120%", expected mode between min (0.5) and max (1.1)".
    let message = check(with_size(
        "{ dist = \"pert\", min = \"30M\", mode = \"50M\", max = \"40M\" }",
    ))
    .fails_at(8, "market.size.mode", "found \"50M\"");
    assert!(
        message.contains("expected mode between min (30M) and max (40M)"),
        "{message}"
    );
    let message = check(with_size("{ dist = \"uniform\", min = 3e7, max = 2e7 }")).fails_at(
        8,
        "market.size.max",
        "found 2",
    );
    assert!(
        message.contains("expected max greater than min (30M)"),
        "{message}"
    );
    let message = check(with_size("{ low = \"30M\", high = \"20M\" }")).fails_at(
        8,
        "market.size.high",
        "found \"20M\"",
    );
    assert!(
        message.contains("expected high greater than low (30M)"),
        "{message}"
    );
    let message = check(with_market_line(
        "serviceable = { dist = \"triangular\", min = 0.5, mode = \"120%\", max = 1.1 }",
    ))
    .fails_at(9, "market.serviceable.mode", "found \"120%\"");
    assert!(
        message.contains("expected mode between min (50%) and max (110%)"),
        "{message}"
    );
}

#[test]
fn a_pert_mode_outside_its_range_names_mode() {
    check(with_size("{ dist = \"pert\", min = 1, mode = 0, max = 3 }")).fails_at(
        8,
        "market.size.mode",
        "found 0",
    );
}

#[test]
fn a_uniform_with_min_not_below_max_names_max() {
    check(with_size("{ dist = \"uniform\", min = 3, max = 3 }")).fails_at(
        8,
        "market.size.max",
        "found 3",
    );
    check(with_size("{ dist = \"uniform\", min = 4, max = 3 }")).fails_at(
        8,
        "market.size.max",
        "found 3",
    );
}

#[test]
fn a_lognormal_interval_with_low_not_above_zero_names_low() {
    check(with_size(
        "{ dist = \"lognormal\", low = 0, high = \"70M\" }",
    ))
    .fails_at(8, "market.size.low", "found 0");
    check(with_size(
        "{ dist = \"lognormal\", low = -1, high = \"70M\" }",
    ))
    .fails_at(8, "market.size.low", "found -1");
}

#[test]
fn a_non_numeric_parameter_names_the_parameter() {
    check(with_size("{ dist = \"normal\", mean = nan, sd = 1 }")).fails_at(
        8,
        "market.size.mean",
        "found nan",
    );
}

#[test]
fn a_distribution_written_as_its_own_table_is_located_at_the_parameter() {
    let without_size = GOOD.replace("size = \"35M to 70M\"\n", "");
    let text = format!("{without_size}[market.size]\ndist = \"normal\"\nmean = 1\nsd = -1\n");
    check(text).fails_at(11, "market.size.sd", "-1");
}

// ---------------------------------------------------------------------------------------------
// Several problems, several files, odd files.

#[test]
fn every_problem_in_a_file_is_reported_in_line_order() {
    let run = check(
        "\
schema = 1
horizon_days = 0
confidence = 2
[target]
revenue = \"-3M\"
[market]
size = \"70M to 35M\"
sise = 4
[run]
samples = 0
",
    );
    run.fails_at(2, "horizon_days", "0");
    run.fails_at(3, "confidence", "2");
    run.fails_at(5, "target.revenue", "\"-3M\"");
    run.fails_at(7, "market.size", "\"70M to 35M\"");
    run.fails_at(8, "market.sise", "`sise`");
    run.fails_at(10, "run.samples", "0");
    assert_eq!(run.lines(), [2, 3, 5, 7, 8, 10], "{}", run.stderr);
    // Each mistake is an error of its own, as a compiler says them.
    let starts: Vec<&str> = run.stderr.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(starts.len(), 6, "{}", run.stderr);
    assert!(
        starts.iter().all(|l| l.starts_with("error: ")),
        "{}",
        run.stderr
    );
}

#[test]
fn a_directory_is_refused_by_name() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().to_string_lossy().into_owned();
    let run = skypie(&["check", &path], &path);
    run.fails();
    assert!(
        run.stderr
            .contains(&format!("{path}: found a folder, expected a scenario file")),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_file_is_refused_by_name() {
    let dir = TempDir::new().unwrap();
    let path = dir
        .path()
        .join("no-such-plan.toml")
        .to_string_lossy()
        .into_owned();
    let run = skypie(&["check", &path], &path);
    run.fails();
    assert!(run.stderr.contains("no such file"), "{}", run.stderr);
}

#[test]
fn a_two_megabyte_name_is_accepted() {
    let text = GOOD.replace(
        "schema = 1",
        &format!("schema = 1\nname = \"{}\"", "x".repeat(2 << 20)),
    );
    let run = check(text);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn a_two_megabyte_comment_line_is_accepted() {
    let run = check(format!("# {}\n{GOOD}", "x".repeat(2 << 20)));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains(": ok"), "{}", run.stdout);
}

#[test]
fn a_two_megabyte_unquoted_value_gets_a_short_message() {
    let run = check(format!("name = {}\n{GOOD}", "x".repeat(2 << 20)));
    run.fails();
    assert!(
        run.stderr.contains(&format!("{}:1:8:", run.path)),
        "{}",
        run.stderr
    );
    assert!(run.stderr.len() < 1000, "{} bytes", run.stderr.len());
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_are_accepted() {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(GOOD.replace('\n', "\r\n").bytes());
    let run = check(bytes);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains(": ok"), "{}", run.stdout);
}

#[test]
fn crlf_line_ends_do_not_shift_error_lines() {
    let run = check(format!("\u{feff}{}", with_size("\"70M to 35M\"")).replace('\n', "\r\n"));
    let message = run.fails_at(8, "market.size", "\"70M to 35M\"");
    assert!(!message.contains('\r'), "{message:?}");
}

#[test]
fn an_error_in_a_crlf_file_reads_as_in_an_lf_file() {
    // A string left open at a CRLF line's end was said a column further on than in the LF
    // file, with a `\r` shown at the end of its line.
    for slip in [
        ("revenue = \"3M\"", "revenue = \"3M"),
        ("[market]", "[market"),
    ] {
        let lf = GOOD.replace(slip.0, slip.1);
        let (crlf, lf) = (check(lf.replace('\n', "\r\n")), check(lf));
        assert_eq!(
            crlf.stderr.replace(&crlf.path, "plan.toml"),
            lf.stderr.replace(&lf.path, "plan.toml")
        );
    }
}

#[test]
fn lines_ended_by_a_carriage_return_alone_are_said_with_how_to_convert_them() {
    // An old Mac's line ends: TOML's "carriage return must be followed by newline", said at
    // `schema` with the rest of the file as what it found.
    let run = check(GOOD.replace('\n', "\r"));
    run.fails();
    let first = run.messages().next().unwrap_or_default();
    assert!(
        first.contains(":1:")
            && first.contains("found a carriage return alone, not followed by a newline")
            && first.ends_with("(tr '\\r' '\\n' < old.toml > new.toml converts it))"),
        "{}",
        run.stderr
    );
    // Converted twice (`\r\r\n`): converting again would double every line; removing mends it.
    let run = check(GOOD.replace('\n', "\r\r\n"));
    let first = run.messages().next().unwrap_or_default();
    assert!(
        first.ends_with(
            "(remove it: tr -d '\\r' < old.toml > new.toml removes every carriage return)"
        ),
        "{}",
        run.stderr
    );
    // CRLF line ends are line ends (`crlf_line_ends_do_not_shift_error_lines` says the rest).
    assert_eq!(check(GOOD.replace('\n', "\r\n")).code, Some(0));
}

#[test]
fn a_space_pasted_from_a_word_processor_is_said_where_it_is() {
    // A non-breaking space looks like a space: it was blamed on what stood beside it
    // (`revenue = 3000000` told to take quotes, `"3M" # note` read as "found `# note`").
    for (line, written, column) in [
        (5, "revenue = 3000000\u{a0}", 18),
        (5, "revenue = \"3M\"\u{a0}# the CEO's number", 15),
        (5, "\u{a0}\u{a0}revenue = \"3M\"", 1),
        (5, "revenue\u{2009}= \"3M\"", 8),
        (5, "revenue = \"3M\"\u{200d}", 15),
    ] {
        let run = check(GOOD.replace("revenue = \"3M\"", written));
        run.fails();
        let first = run.messages().next().unwrap_or_default();
        let odd = written.chars().find(|c| !c.is_ascii()).unwrap_or(' ');
        let name = if odd == '\u{a0}' {
            "a non-breaking space (U+00A0)".to_string()
        } else {
            format!("(U+{:04X})", u32::from(odd))
        };
        assert!(
            first.contains(&format!(":{line}:{column}: found "))
                && first.contains(&name)
                && first.contains("expected an ordinary space or tab"),
            "{written:?}: {}",
            run.stderr
        );
    }
    // Said at the one TOML stopped at, not at one before it inside a string.
    let run = check(GOOD.replace("schema = 1", "schema = 1\nname = \"Q1\u{a0}plan\"\u{a0}"));
    let first = run.messages().next().unwrap_or_default();
    assert!(
        first.contains(":2:17: found a non-breaking space"),
        "{}",
        run.stderr
    );
    // Inside a string it is part of the text, and a slip beside it is still the slip's.
    assert_eq!(
        check(GOOD.replace("schema = 1", "schema = 1\nname = \"Q1\u{a0}plan\"")).code,
        Some(0)
    );
    let run = check(GOOD.replace("revenue = \"3M\"", "revenue = 3M\u{a0}"));
    run.fails_at(5, "target.revenue", "`3M` without quotes");
}

/// Standard input is named as typed, `-`, as check's `-: ok` and every other message about a
/// file read from it names it.
#[test]
fn an_error_on_standard_input_names_it_as_typed() {
    let output = Command::cargo_bin("skypie")
        .unwrap()
        .args(["check", "-"])
        .write_stdin(with_size("\"70M to 35M\""))
        .output()
        .unwrap();
    let run = Run {
        path: "-".to_string(),
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    run.fails_at(8, "market.size", "\"70M to 35M\"");
}

#[test]
fn checking_a_good_and_a_bad_file_reports_both_and_exits_one() {
    let dir = TempDir::new().unwrap();
    let good = write(dir.path(), "good.toml", GOOD);
    let bad = write(dir.path(), "bad.toml", with_size("\"70M to 35M\""));
    let run = skypie(&["check", &good, &bad], &bad);
    run.fails_at(8, "market.size", "\"70M to 35M\"");
    assert!(
        run.stdout.contains(&format!("{good}: ok")),
        "{}",
        run.stdout
    );
    assert!(!run.stderr.contains(&good), "{}", run.stderr);
}

#[test]
fn actuals_given_where_a_plan_belongs_are_told_as_data_with_how_fit_reads_them() {
    // Their header was told as TOML: "quarter: found `quarter` with no value".
    let dir = TempDir::new().unwrap();
    let actuals = write(
        dir.path(),
        "won.csv",
        "quarter,reps,attainment\n2025-Q1,4,81%\n",
    );
    for command in ["check", "eval", "report"] {
        let run = skypie(&[command, &actuals], &actuals);
        assert_eq!(run.code, Some(1), "{command}: {}", run.stderr);
        let said: Vec<&str> = run.messages().collect();
        assert_eq!(
            said,
            [format!(
                "{actuals}: found a data file (actuals, as skypie fit reads them), expected a \
                 scenario file (.toml) (skypie fit {actuals} --column NAME fits an input to a \
                 column of it; --into plan.toml --key KEY writes the fit into a plan)"
            )],
            "{command}"
        );
    }
    // Named as an option would be, the command to paste keeps it a file (`skypie fit
    // -won.csv` read an option).
    write(dir.path(), "-won.csv", "quarter,reps\n2025-Q1,4\n");
    let run = Command::cargo_bin("skypie")
        .expect("the skypie binary is built")
        .args(["eval", "--", "-won.csv"])
        .current_dir(dir.path())
        .output()
        .expect("skypie runs");
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(
        said.contains("(skypie fit ./-won.csv --column NAME"),
        "{said}"
    );
    // A scenario named .csv is read as the scenario it is, and its errors are its own.
    let plan = write(dir.path(), "plan.csv", GOOD);
    let run = skypie(&["check", &plan], &plan);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let typo = write(dir.path(), "typo.csv", with_size("\"70M to 35M\""));
    skypie(&["check", &typo], &typo).fails_at(8, "market.size", "\"70M to 35M\"");
}

#[test]
fn evaluating_a_good_and_a_bad_file_prints_the_good_row_and_exits_one() {
    let dir = TempDir::new().unwrap();
    let good = write(dir.path(), "good.toml", GOOD);
    let bad = write(dir.path(), "bad.toml", with_size("\"70M to 35M\""));
    let run = skypie(
        &["eval", &good, &bad, "--samples", "2000", "--format", "csv"],
        &bad,
    );
    run.fails_at(8, "market.size", "\"70M to 35M\"");
    let rows: Vec<&str> = run.stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 1, "{}", run.stdout);
    assert!(rows[0].contains(&good), "{}", run.stdout);
    assert!(!run.stdout.contains(&bad), "{}", run.stdout);
}

#[test]
fn an_extreme_beta_shape_is_refused_rather_than_hanging_the_tornado() {
    let message = check(with_market_line(
        "serviceable = { dist = \"beta\", alpha = 1e-300, beta = 1e300 }",
    ))
    .fails_at(9, "market.serviceable.alpha", "found 1e-300");
    assert!(message.contains("from 0.001 to 1,000,000"), "{message}");
}

#[test]
fn a_quoted_dotted_key_at_the_top_is_not_a_key_of_a_table() {
    // `"market.size"` is one key with a dot in it, not [market] size.
    check(format!("\"market.size\" = 3\n{GOOD}")).fails_at(1, "market.size", "unknown key");
}

// ---------------------------------------------------------------------------------------------
// Correlations (README "Grounding the inputs"): each problem names the file, the line and the
// key `correlation."a ~ b"`.

/// GOOD with growth and current share uncertain (lines 9 and 12), then `[correlation]` on
/// line 14 holding `lines` from line 15 on.
fn with_correlations(lines: &[&str]) -> String {
    format!(
        "{GOOD}growth = \"5% to 20%\"\n\n[share]\ncurrent = \"2% to 5%\"\n\n[correlation]\n{}\n",
        lines.join("\n")
    )
}

#[test]
fn a_correlation_with_an_unknown_input_suggests_the_nearest() {
    let run = check(with_correlations(&[
        r#""market.sise ~ market.growth" = 0.3"#,
    ]));
    let message = run.fails_at(
        15,
        r#"correlation."market.sise ~ market.growth""#,
        "an unknown input `market.sise`",
    );
    assert!(message.contains("did you mean `market.size`?"), "{message}");
}

#[test]
fn a_correlation_of_an_input_with_itself_is_refused() {
    let run = check(with_correlations(&[r#""market.size ~ market.size" = 0.3"#]));
    run.fails_at(
        15,
        r#"correlation."market.size ~ market.size""#,
        "the same input twice",
    );
}

#[test]
fn a_pair_listed_twice_in_either_order_names_the_second_and_the_first() {
    let run = check(with_correlations(&[
        r#""market.size ~ market.growth" = 0.3"#,
        r#""share.current ~ market.size" = 0.1"#,
        r#""market.growth ~ market.size" = -0.2"#,
    ]));
    let message = run.fails_at(
        17,
        r#"correlation."market.growth ~ market.size""#,
        "a pair listed twice",
    );
    assert!(message.contains("already sets it on line 15"), "{message}");
}

#[test]
fn a_correlation_outside_minus_one_to_one_is_refused() {
    let run = check(with_correlations(&[
        r#""market.size ~ market.growth" = 1.2"#,
    ]));
    let message = run.fails_at(15, r#"correlation."market.size ~ market.growth""#, "1.2");
    assert!(message.contains("from -1 to 1"), "{message}");
    let run = check(with_correlations(&[
        r#""market.size ~ market.growth" = "lots""#,
    ]));
    run.fails_at(15, r#"correlation."market.size ~ market.growth""#, "lots");
    // No advice for amounts, as the session gives none when one is typed (the file said
    // "write amounts without `$`, as in 300k").
    let run = check(with_correlations(&[
        r#""market.size ~ market.growth" = "$0.3""#,
    ]));
    run.fails_at(
        15,
        r#"correlation."market.size ~ market.growth""#,
        r#"found "$0.3", expected a rank correlation"#,
    );
}

#[test]
fn a_correlation_between_two_long_names_is_named_whole() {
    // `correlation."share.gain_per_year ~ capacity.attainmen…"`: the pair was cut at 40
    // characters, where every other message about a pair names it whole.
    let pair = r#"correlation."share.gain_per_year ~ capacity.attainment""#;
    let run = check(with_correlations(&[
        r#""share.gain_per_year ~ capacity.attainment" = 2"#,
    ]));
    let message = run.fails_at(
        15,
        pair,
        "found 2, expected a rank correlation from -1 to 1",
    );
    assert!(!message.contains('…'), "{message}");
    // However the file spaces it, and when it is the same input twice.
    let run = check(with_correlations(&[
        r#""share.gain_per_year~   capacity.attainment" = 2"#,
    ]));
    run.fails_at(15, pair, "found 2");
    let run = check(with_correlations(&[
        r#""share.gain_per_year ~ share.gain_per_year" = 0.3"#,
    ]));
    run.fails_at(
        15,
        r#"correlation."share.gain_per_year ~ share.gain_per_year""#,
        "the same input twice",
    );
    // A key that is no pair of inputs is the file's text, cut where long.
    let long = format!("{} ~ market.size", "x".repeat(50));
    let run = check(with_correlations(&[&format!("\"{long}\" = 0.3")]));
    run.fails_at(
        15,
        &format!("correlation.\"{}…\"", &long[..40]),
        "an unknown input",
    );
}

#[test]
fn a_key_without_two_inputs_is_refused() {
    let run = check(with_correlations(&[r#""market.size" = 0.3"#]));
    let message = run.fails_at(15, r#"correlation."market.size""#, "`market.size`");
    assert!(message.contains("joined by ~"), "{message}");
    let run = check(with_correlations(&[
        r#""horizon_days ~ market.size" = 0.3"#,
    ]));
    run.fails_at(
        15,
        r#"correlation."horizon_days ~ market.size""#,
        "not an uncertain input",
    );
}

#[test]
fn check_counts_a_pair_without_effect_apart_from_those_in_effect() {
    // Two pairs listed, one with `share.gain_per_year`, which this file does not sample: "1
    // correlation" read as if the file listed one.
    let run = check(with_correlations(&[
        r#""market.size ~ market.growth" = 0.3"#,
        r#""market.growth ~ share.gain_per_year" = 0.3"#,
    ]));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(
        run.stdout
            .contains("3 uncertain inputs, 1 of 2 correlations in effect)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("has no effect"), "{}", run.stdout);
    let run = check(with_correlations(&[
        r#""market.size ~ market.growth" = 0.3"#,
        r#""market.growth ~ share.current" = 0.3"#,
    ]));
    assert!(
        run.stdout.contains("3 uncertain inputs, 2 correlations)"),
        "{}",
        run.stdout
    );
}

#[test]
fn correlations_that_cannot_hold_together_name_the_pairs_to_loosen() {
    let run = check(with_correlations(&[
        r#""market.size ~ market.growth" = 0.9"#,
        r#""market.growth ~ share.current" = 0.9"#,
        r#""market.size ~ share.current" = -0.9"#,
    ]));
    let message = run.fails_at(14, "correlation", "cannot all hold at once");
    assert!(message.contains("positive semi-definite"), "{message}");
    for (pair, line) in [
        ("market.size ~ market.growth", 15),
        ("market.growth ~ share.current", 16),
        ("market.size ~ share.current", 17),
    ] {
        assert!(
            message.contains(&format!("`{pair}`")) && message.contains(&format!("(line {line})")),
            "{message}"
        );
    }
}

#[test]
fn a_correlation_with_a_fixed_input_is_a_warning_not_an_error() {
    let text = with_correlations(&[r#""market.size ~ market.serviceable" = 0.3"#]);
    let run = check(text);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    // At the pair's line, as every other warning is at its input's (it had none).
    assert!(
        run.stdout.contains(&format!(
            r#"{}:15: warning: correlation."market.size ~ market.serviceable": market.serviceable is not sampled"#,
            run.path
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn an_unknown_norm_to_ignore_suggests_its_key() {
    let run = check(format!("{GOOD}\n[norms]\nignore = [\"ramp_days\"]\n"));
    let message = run.fails_at(11, "norms.ignore", "\"ramp_days\"");
    assert!(
        message.contains("did you mean \"capacity.ramp_days\"?"),
        "{message}"
    );
}

#[test]
fn a_value_whose_size_says_its_unit_slipped_is_warned_of_and_still_checks() {
    // A growth line given the size's amounts, and a size given a percentage: the grammar reads
    // both (exit 0), and `check` says what each would mean and how the key is written.
    // Each names the line its value is on, as errors do.
    for (contents, key, found) in [
        (
            with_market_line("growth = \"5M to 20M\""),
            "9: warning: market.growth",
            "a median of 10M, that is 1,000,000,000%; if not meant, rates are written with % \
             (\"12%\") or as a fraction (0.12): a bare 12 is 1200%",
        ),
        (
            with_size("\"20% to 80%\""),
            "8: warning: market.size",
            "a median of $0.4, less than $100; amounts are written in full",
        ),
    ] {
        let run = check(&contents);
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        let expected = format!("{}:{key}: {found}", run.path);
        assert!(run.stdout.contains(&expected), "{}", run.stdout);
    }
    // Several, in the file's order.
    let run = check(
        GOOD.replace(
            "horizon_days = 90",
            "horizon_days = 90\n[run]\nsamples = 20000000",
        )
        .replace("revenue = \"3M\"", "revenue = 50"),
    );
    let warned: Vec<usize> = run
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix(&format!("{}:", run.path)))
        .filter_map(|rest| rest.split(':').next()?.parse().ok())
        .collect();
    assert_eq!(warned.len(), 2, "{}", run.stdout);
    assert!(warned.is_sorted(), "{}", run.stdout);
    // The same plan written as meant has no warning.
    let run = check(with_market_line("growth = \"5% to 20%\""));
    assert!(!run.stdout.contains("warning"), "{}", run.stdout);
}

#[test]
fn a_method_in_capitals_is_refused_with_the_name_it_meant() {
    // `method = "Sobol"` said "expected one of mc, sobol" and nothing nearer.
    let message =
        check(format!("{GOOD}\n[run]\nmethod = \"Sobol\"\n")).fails_at(11, "run.method", "`Sobol`");
    assert!(message.contains("did you mean \"sobol\"?"), "{message}");
}

#[test]
fn a_confidence_out_of_range_is_told_the_range_in_percent_too() {
    // "found 49%, expected a probability from 0.5 to 0.99" read as two scales.
    let message = check(GOOD.replace(
        "horizon_days = 90",
        "horizon_days = 90\nconfidence = \"49%\"",
    ))
    .fails_at(3, "confidence", "49%");
    assert!(
        message.contains("from 0.5 to 0.99 (50% to 99%)"),
        "{message}"
    );
}

#[test]
fn a_capacity_table_without_reps_is_warned_of_as_a_team_of_none() {
    // `[capacity]` with only `quota_per_rep` was a team of 0 by the defaults, said by nothing.
    let run = check(format!("{GOOD}\n[capacity]\nquota_per_rep = \"1M\"\n"));
    assert!(
        run.stdout.contains("warning: capacity.reps: a team of 0"),
        "{}",
        run.stdout
    );
}
