//! Every field of the field table goes all the way through: read from a file, set as a person
//! types it, written back in the file's grammar, sampled (the inputs: `--draws` has its column,
//! every row the value given) and echoed in the JSON where the JSON has it. A field added to the
//! table but missed by one of these fails here, naming the field.

use std::collections::BTreeMap;

use skypie::report::Row;
use skypie::report::draws::write_csv;
use skypie::report::write::json;
use skypie::scenario::Field;
use skypie::scenario::field::Kind;
use skypie::scenario::value::read_text;
use skypie::{Scenario, evaluate};

/// A valid value for `field`, in the file's grammar, that is not its default: so that a field
/// read into the wrong place (or not at all) shows.
fn distinctive(field: Field) -> String {
    match field.kind() {
        Kind::Integer { min, max } => (min + 1).min(max).max(min).to_string(),
        Kind::Number | Kind::Distribution => {
            let x = [0.37, 0.55, 1.3, 250.0]
                .into_iter()
                .find(|x| field.domain().admits(*x) && field.default_value() != Some(*x))
                .unwrap_or_else(|| panic!("{}: no test value in its domain", field.key()));
            x.to_string()
        }
    }
}

/// The smallest scenario that uses every field (it has a team), with `field` written as `text`.
fn file_with(field: Field, text: &str) -> String {
    let mut sections: BTreeMap<&str, BTreeMap<String, String>> = BTreeMap::new();
    let mut put = |section: &'static str, name: &str, value: &str| {
        sections
            .entry(section)
            .or_default()
            .insert(name.to_string(), value.to_string());
    };
    put("", "schema", "1");
    put("", "horizon_days", "90");
    put("target", "revenue", "\"3M\"");
    put("market", "size", "\"35M to 70M\"");
    put("capacity", "reps", "6");
    put("capacity", "quota_per_rep", "\"1.2M\"");
    put(field.section().name(), field.name(), text);
    let mut file = String::new();
    for (section, keys) in &sections {
        if !section.is_empty() {
            file.push_str(&format!("[{section}]\n"));
        }
        for (name, value) in keys {
            file.push_str(&format!("{name} = {value}\n"));
        }
    }
    file
}

fn base() -> Scenario {
    let text = file_with(Field::RunSeed, "7");
    Scenario::parse(&text, "base.toml").expect("the base scenario parses")
}

#[test]
fn every_field_reads_sets_and_writes_back_to_the_same_value() {
    for field in Field::ALL {
        let key = field.key();
        let text = distinctive(field);
        let expected = read_text(field, &text).unwrap_or_else(|e| panic!("{key}: {e:?}"));

        let file = file_with(field, &text);
        let parsed = Scenario::parse(&file, "f.toml").unwrap_or_else(|e| panic!("{key}: {e}"));
        assert_eq!(parsed.value(field), Some(expected.clone()), "{key} read");

        let mut set = base();
        assert_ne!(
            set.value(field),
            Some(expected.clone()),
            "{key}: the base differs"
        );
        set.set_text(field, &text)
            .unwrap_or_else(|e| panic!("{key}: {e:?}"));
        assert_eq!(set.value(field), Some(expected.clone()), "{key} set");

        let written = expected.to_text(field.unit());
        let again = read_text(field, &written).unwrap_or_else(|e| panic!("{key}: {e:?}"));
        assert_eq!(again, expected, "{key} written back as {written}");
    }
}

#[test]
fn every_input_is_sampled_into_its_own_column() {
    for field in Field::INPUTS {
        let key = field.key();
        let text = distinctive(field);
        let mut scenario = base();
        scenario.samples = 64;
        scenario
            .set_text(field, &text)
            .unwrap_or_else(|e| panic!("{key}: {e:?}"));
        let value: f64 = text.parse().expect("a plain number");
        let draws = skypie::model::draws::Draws::sample(&scenario);
        let mut csv = Vec::new();
        write_csv(&scenario, &draws, &mut csv).expect("writes to memory");
        let csv = String::from_utf8(csv).expect("UTF-8");
        let mut lines = csv.lines();
        let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
        let column = header
            .iter()
            .position(|h| *h == key)
            .unwrap_or_else(|| panic!("{key}: no --draws column in {header:?}"));
        let mut rows = 0;
        for line in lines {
            let cell: f64 = line
                .split(',')
                .nth(column)
                .expect("a cell")
                .parse()
                .expect("a number");
            assert!(
                (cell - value).abs() <= 1e-12 * value.abs(),
                "{key}: sampled {cell}, given {value}"
            );
            rows += 1;
        }
        assert_eq!(rows, 64, "{key}");
    }
}

#[test]
fn the_fields_the_json_echoes_come_back_as_given() {
    let echoed = [
        (Field::HorizonDays, "horizon_days"),
        (Field::TargetRevenue, "target"),
        (Field::Confidence, "confidence"),
        (Field::RunSamples, "samples"),
        (Field::RunSeed, "seed"),
        (Field::CapacityReps, "assumed_reps"),
    ];
    for (field, json_key) in echoed {
        let key = field.key();
        let text = match field {
            Field::RunSamples => "64".to_string(),
            _ => distinctive(field),
        };
        let mut scenario = base();
        scenario.samples = 64;
        scenario
            .set_text(field, &text)
            .unwrap_or_else(|e| panic!("{key}: {e:?}"));
        let evaluation = evaluate(&scenario, false);
        let row = Row {
            file: "f.toml",
            scenario: &scenario,
            evaluation: &evaluation,
        };
        let out: serde_json::Value = serde_json::from_str(&json(&[row])).expect("valid JSON");
        let out = out.as_array().map_or(&out, |rows| &rows[0]);
        let got = out[json_key]
            .as_f64()
            .unwrap_or_else(|| panic!("{key}: no number at {json_key} in {out}"));
        let want: f64 = text.parse().expect("a plain number");
        assert_eq!(got, want, "{key} as JSON {json_key}");
    }
}
