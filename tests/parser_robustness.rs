//! The parser and the editing entry points never panic, whatever they are given: random text,
//! random bytes, and random but valid TOML built from the real keys with hostile values. A
//! refusal always names where the text came from; an acceptance always evaluates.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::Config;
use skypie::scenario::field::{Domain, Kind};
use skypie::scenario::number::{Unit, format_exact};
use skypie::scenario::{BUILT_IN, Method, Section};
use skypie::{Field, Scenario, evaluate};
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, Value};

const ORIGIN: &str = "fuzz.toml";

/// Few enough cases that the file runs in seconds in a debug build; no regression files
/// written into the repository.
fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Parses `text`; a refusal must name the origin on every message line (the source lines shown
/// under a message start with a space), an acceptance must evaluate.
fn parse_and_evaluate(text: &str) -> Result<(), TestCaseError> {
    match Scenario::parse(text, ORIGIN) {
        Err(error) => {
            prop_assert!(!error.diagnostics.is_empty());
            let shown = error.to_string();
            prop_assert!(shown.starts_with(ORIGIN), "{}", shown);
            for line in shown.lines() {
                prop_assert!(
                    line.starts_with(ORIGIN) || line.starts_with(' '),
                    "{}",
                    shown
                );
            }
        }
        Ok(scenario) => evaluates(scenario)?,
    }
    Ok(())
}

/// Evaluates a scenario on 200 samples, by plain Monte Carlo and by Sobol points (256 of them,
/// turned toward the scenario's limits): no panic, and P(feasible) a probability.
fn evaluates(mut scenario: Scenario) -> Result<(), TestCaseError> {
    scenario.samples = 200;
    for method in [Method::MonteCarlo, Method::Sobol] {
        scenario.method = method;
        let p = evaluate(&scenario, false).headline.p_feasible;
        prop_assert!((0.0..=1.0).contains(&p), "{:?}: p_feasible {}", method, p);
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Strategies: numbers, number text, ranges, distribution tables, keys, documents.

/// Doubles a file might hold, hostile ones included.
fn float() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(f64::MAX),
        Just(-f64::MAX),
        Just(f64::MIN_POSITIVE),
        Just(0.0),
        Just(-0.0),
        Just(1e308),
        Just(1e-308),
        -2.0..2.0f64,
        0.0..1e9f64,
        -1e9..0.0f64,
        any::<f64>(),
    ]
}

/// Integers a file might hold.
fn integer() -> impl Strategy<Value = i64> {
    prop_oneof![
        -5..5i64,
        0..5000i64,
        Just(i64::MAX),
        Just(i64::MIN),
        any::<i64>()
    ]
}

/// Text in (and just outside) the number grammar: `3M`, `-12.5%`, `1,5M`, `2_500k`, `1e999`.
fn number_text() -> impl Strategy<Value = String> {
    let mantissa = prop_oneof![
        float().prop_map(|x| x.to_string()),
        integer().prop_map(|n| n.to_string()),
        "[0-9]{1,4}(\\.[0-9]{0,3})?",
        "[0-9]{1,3}(,[0-9]{1,4}){0,3}",
        "[0-9]{1,3}(_[0-9]{1,3}){0,2}",
        "[0-9]\\.?[0-9]?e-?[0-9]{1,4}",
        "[.,_+-]{0,3}[0-9]{0,2}",
    ];
    let sign = select(vec!["", "-", "+", " "]);
    let suffix = select(vec![
        "", "", "k", "K", "m", "M", "b", "B", "t", "T", "%", " M", "MM", "mil", "e", "x", "%%",
        " ", "∞", "Tn",
    ]);
    (sign, mantissa, suffix).prop_map(|(sign, body, suffix)| format!("{sign}{body}{suffix}"))
}

/// `"A to B"` with random ends and spellings of `to`.
fn range_text() -> impl Strategy<Value = String> {
    let to = select(vec![" to ", " TO ", " To ", "to", " to  ", " - "]);
    (number_text(), to, number_text()).prop_map(|(low, to, high)| format!("{low}{to}{high}"))
}

/// A value that is not a table.
fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => float().prop_map(Value::from),
        3 => integer().prop_map(Value::from),
        4 => number_text().prop_map(Value::from),
        3 => range_text().prop_map(Value::from),
        1 => any::<bool>().prop_map(Value::from),
        1 => any::<String>().prop_map(Value::from),
        1 => select(vec!["2026-04-01", "1979-05-27T07:32:00Z", "07:32:00"])
            .prop_map(|t| t.parse::<Value>().expect("a TOML date")),
    ]
}

/// The distribution families, some misspelt.
fn dist_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(vec!["normal", "lognormal", "uniform", "triangular", "pert", "beta"])
            .prop_map(str::to_string),
        1 => select(vec!["normol", "gaussian", "Normal", "", "log-normal"]).prop_map(str::to_string),
        1 => "[a-z]{0,10}",
    ]
}

/// Parameter names a distribution table may hold, and some it may not.
fn param_name() -> impl Strategy<Value = String> {
    let known = vec![
        "low", "high", "mean", "sd", "mu", "sigma", "min", "mode", "max", "alpha", "beta", "dist",
    ];
    prop_oneof![6 => select(known).prop_map(str::to_string), 1 => "[a-z_]{1,8}"]
}

/// `{ dist = ..., param = ..., ... }` with random names and values.
fn dist_table() -> impl Strategy<Value = Value> {
    let entry = (param_name(), scalar());
    (proptest::option::of(dist_name()), vec(entry, 0..5)).prop_map(|(dist, entries)| {
        let mut table = InlineTable::new();
        if let Some(dist) = dist {
            table.insert("dist", Value::from(dist));
        }
        for (name, value) in entries {
            table.insert(&name, value);
        }
        Value::InlineTable(table)
    })
}

/// Any value: mostly scalars, some distribution tables, a few arrays.
fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => scalar(),
        3 => dist_table(),
        1 => vec(scalar(), 0..4).prop_map(|items| Value::Array(items.into_iter().collect())),
        1 => Just(Value::Array(Array::new())),
    ]
}

/// Where a key goes: its table (`""` for the top level) and its name. Mostly the real keys.
fn key() -> impl Strategy<Value = (&'static str, String)> {
    let mut known: Vec<(&'static str, String)> = Field::ALL
        .iter()
        .map(|f| (f.section().name(), f.name().to_string()))
        .collect();
    for text_key in Section::Top.text_keys() {
        known.push(("", text_key.to_string()));
    }
    for section in Section::ALL {
        known.push(("", section.name().to_string()));
    }
    let sections: Vec<&'static str> = Section::ALL.iter().map(|s| s.name()).collect();
    prop_oneof![
        8 => select(known),
        1 => (select(sections), "[a-z_]{1,12}"),
        1 => (Just(""), any::<String>()),
    ]
}

/// One key (its table and name) and its value, and whether an inline-table value is written
/// as a standard table (`[market.size]`) instead.
type Entry = ((&'static str, String), Value, bool);

/// A random key with a random value.
fn entry() -> impl Strategy<Value = Entry> {
    (key(), value(), prop::bool::weighted(0.2))
}

/// Puts `entry` into `document`, skipping it when its table is something else already.
fn insert(document: &mut DocumentMut, ((section, name), value, standard): Entry) {
    let item = match value {
        Value::InlineTable(table) if standard => Item::Table(table.into_table()),
        value => Item::Value(value),
    };
    let root = document.as_table_mut();
    if section.is_empty() {
        root.insert(&name, item);
        return;
    }
    let table = root
        .entry(section)
        .or_insert_with(|| Item::Table(Table::new()));
    if let Some(table) = table.as_table_like_mut() {
        table.insert(&name, item);
    }
}

/// The three keys a scenario needs, with valid values, so that random entries on top of them
/// often leave a scenario that parses.
fn skeleton() -> impl Strategy<Value = DocumentMut> {
    (1..=3650i64, 1.0..1e9f64, 1.0..1e9f64, 1.0..10.0f64).prop_map(
        |(days, revenue, low, spread)| {
            let mut document = DocumentMut::new();
            document["schema"] = toml_edit::value(1);
            document["horizon_days"] = toml_edit::value(days);
            document["target"]["revenue"] = toml_edit::value(revenue);
            document["market"]["size"] = toml_edit::value(format!("{low} to {}", low * spread));
            document
        },
    )
}

/// Valid TOML mixing the real keys with random values; half start from a valid skeleton.
fn document() -> impl Strategy<Value = String> {
    let start = prop_oneof![Just(DocumentMut::new()), skeleton()];
    (start, vec(entry(), 0..10)).prop_map(|(mut document, entries)| {
        for entry in entries {
            insert(&mut document, entry);
        }
        document.to_string()
    })
}

/// A well-formed distribution table with parameters drawn from `low..high`.
fn well_formed_table(low: f64, high: f64) -> impl Strategy<Value = Value> {
    let families = vec![
        "normal",
        "lognormal",
        "uniform",
        "triangular",
        "pert",
        "beta",
    ];
    (select(families), vec(low..high, 3)).prop_map(|(family, p)| {
        let (a, b) = (p[0], p[1]);
        let mut sorted = p.clone();
        sorted.sort_by(f64::total_cmp);
        let params: Vec<(&str, f64)> = match family {
            "normal" => vec![("mean", a), ("sd", b.abs().max(1e-3))],
            "lognormal" => vec![
                ("mu", a.abs().min(20.0)),
                ("sigma", b.abs().clamp(1e-3, 2.0)),
            ],
            "beta" => vec![("alpha", a.abs().max(0.1)), ("beta", b.abs().max(0.1))],
            "uniform" => vec![("min", sorted[0]), ("max", sorted[2] + 1e-3)],
            _ => vec![
                ("min", sorted[0]),
                ("mode", sorted[1]),
                ("max", sorted[2] + 1e-3),
            ],
        };
        let mut table = InlineTable::new();
        table.insert("dist", Value::from(family));
        for (name, x) in params {
            table.insert(name, Value::from(x));
        }
        Value::InlineTable(table)
    })
}

/// A value in (or, sometimes, just outside) what `field` accepts: whole numbers for counts,
/// numbers and ranges on the field's scale, well-formed distribution tables.
fn plausible_value(field: Field) -> BoxedStrategy<Value> {
    let (low, high) = match field.domain() {
        Domain::UnitInterval => (-0.1, 1.1),
        Domain::Growth => (-0.8, 0.8),
        Domain::GainPerYear => (-0.5, 0.5),
        Domain::Confidence => (0.5, 0.99),
        _ if field.unit() == Unit::Percent => (0.0, 1.5),
        _ => (0.0, 1e8),
    };
    let range = (low..high, 0.0..1.0f64).prop_map(move |(a, w)| {
        let b = a + w * (high - low) + 1e-6;
        Value::from(format!(
            "{} to {}",
            format_exact(a, field.unit()),
            format_exact(b, field.unit())
        ))
    });
    let fixed = (low..high).prop_map(Value::from);
    let plausible = match field.kind() {
        Kind::Integer { min, max } => (min..=max.min(min + 4000))
            .prop_map(|n| Value::from(n as i64))
            .boxed(),
        Kind::Number => fixed.boxed(),
        Kind::Distribution => prop_oneof![
            3 => fixed,
            3 => range,
            3 => well_formed_table(low, high),
            1 => well_formed_table(-1e300, 1e300),
            1 => (1e-300..1e300f64).prop_map(|x| Value::from(format!("{x:e} to 1.7e308"))),
        ]
        .boxed(),
    };
    prop_oneof![12 => plausible, 1 => value()].boxed()
}

/// A skeleton with real keys set to plausible values: mostly scenarios that parse.
fn plausible_document() -> impl Strategy<Value = String> {
    let entry = select(Field::ALL.to_vec()).prop_flat_map(|field| {
        let place = (field.section().name(), field.name().to_string());
        (
            Just(place),
            plausible_value(field),
            prop::bool::weighted(0.1),
        )
    });
    let with_capacity = prop::bool::weighted(0.5);
    (skeleton(), with_capacity, vec(entry, 0..8)).prop_map(|(mut document, capacity, entries)| {
        if capacity {
            document["capacity"]["quota_per_rep"] = toml_edit::value("1.2M");
        }
        for entry in entries {
            insert(&mut document, entry);
        }
        document.to_string()
    })
}

/// Text a person might type into the editor or `--set`: values, broken values, anything.
fn typed_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => value().prop_map(|v| v.to_string()),
        2 => number_text(),
        2 => range_text(),
        2 => any::<String>(),
        1 => "[{}\\[\\]\"'=,.a-z0-9 %-]{0,40}",
    ]
}

// ---------------------------------------------------------------------------------------------
// The properties.

proptest! {
    #![proptest_config(config(3000))]

    #[test]
    fn any_string_is_parsed_or_refused_by_name(text in any::<String>()) {
        parse_and_evaluate(&text)?;
    }

    #[test]
    fn toml_shaped_text_is_parsed_or_refused_by_name(
        text in "([a-z_.]{0,12} ?= ?[\"'\\[\\]{}0-9a-zA-Z.,%_ +-]{0,16}\n|\\[[a-z.]{0,10}\\]\n|#.{0,10}\n)*"
    ) {
        parse_and_evaluate(&text)?;
    }

    #[test]
    fn any_bytes_read_lossily_are_parsed_or_refused_by_name(bytes in vec(any::<u8>(), 0..512)) {
        parse_and_evaluate(&String::from_utf8_lossy(&bytes))?;
    }
}

proptest! {
    #![proptest_config(config(1500))]

    #[test]
    fn valid_toml_with_hostile_values_is_parsed_or_refused_by_name(text in document()) {
        prop_assert!(text.parse::<DocumentMut>().is_ok(), "the strategy wrote bad TOML:\n{}", text);
        parse_and_evaluate(&text)?;
    }

    #[test]
    fn scenarios_that_parse_evaluate_to_a_probability(text in plausible_document()) {
        parse_and_evaluate(&text)?;
    }

}

proptest! {
    #![proptest_config(config(3000))]

    #[test]
    fn set_text_never_panics(field in select(Field::ALL.to_vec()), text in typed_text()) {
        let mut scenario = Scenario::parse(BUILT_IN, "built-in").expect("the built-in parses");
        let before = scenario.clone();
        match scenario.set_text(field, &text) {
            Ok(()) => evaluates(scenario)?,
            Err(diagnostic) => {
                prop_assert_eq!(&scenario, &before, "a refused edit changed the scenario");
                prop_assert!(!diagnostic.to_string().is_empty());
            }
        }
    }

    #[test]
    fn apply_override_never_panics_on_any_text(text in any::<String>()) {
        let mut scenario = Scenario::parse(BUILT_IN, "built-in").expect("the built-in parses");
        if scenario.apply_override(&text).is_ok() {
            evaluates(scenario)?;
        }
    }

    #[test]
    fn apply_override_never_panics_on_real_keys(
        field in select(Field::ALL.to_vec()),
        separator in select(vec!["=", " = ", "==", "= "]),
        text in typed_text(),
    ) {
        let mut scenario = Scenario::parse(BUILT_IN, "built-in").expect("the built-in parses");
        if scenario.apply_override(&format!("{}{separator}{text}", field.key())).is_ok() {
            evaluates(scenario)?;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// `[correlation]` tables of random pairs and values, over a scenario with every input
// uncertain: refused with located messages or evaluated, never a panic (singular and
// inconsistent sets included).

/// A scenario with every distribution input uncertain, in several families.
const EVERY_INPUT_UNCERTAIN: &str = r#"
horizon_days = 365
[target]
revenue = "3M"
[market]
size = "35M to 70M"
growth = "-5% to 20%"
serviceable = { dist = "beta", alpha = 8, beta = 2 }
[share]
current = { dist = "uniform", min = 0.02, max = 0.05 }
gain_per_year = { dist = "pert", min = "1%", mode = "4%", max = "10%" }
ceiling = { dist = "triangular", min = 0.3, mode = 0.5, max = 0.7 }
[capacity]
reps = 6
quota_per_rep = { dist = "normal", mean = "1.2M", sd = "200k" }
attainment = "50% to 110%"
"#;

/// An input name a correlation key might hold: the real ones, typos, other keys, garbage.
fn correlation_side() -> impl Strategy<Value = String> {
    let mut names: Vec<String> = Field::INPUTS.iter().map(|f| f.key()).collect();
    names.extend(
        [
            "market.sise",
            "horizon_days",
            "capacity.reps",
            "",
            "~",
            "x ~ y",
        ]
        .map(String::from),
    );
    select(names)
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn random_correlation_tables_never_panic(
        pairs in vec((correlation_side(), correlation_side(), prop_oneof![
            (-1.0f64..=1.0),
            Just(1.0),
            Just(-1.0),
            float(),
        ]), 0..10),
    ) {
        let mut text = format!("{EVERY_INPUT_UNCERTAIN}[correlation]\n");
        for (a, b, rho) in &pairs {
            let value = if rho.is_finite() { format!("{rho:?}") } else { "\"nan\"".to_string() };
            text += &format!("{:?} = {value}\n", format!("{a} ~ {b}"));
        }
        parse_and_evaluate(&text)?;
    }
}
