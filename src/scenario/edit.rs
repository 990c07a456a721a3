//! Writing edited values back into a scenario's text, keeping every comment, blank line and
//! key order outside the edited values (toml_edit). Pure: text in, text out.

use std::collections::BTreeMap;

use toml_edit::{DocumentMut, Item, Table, TableLike, Value};

use super::field::{Field, Section};
use super::value::value_from_text;

/// Why edits could not be written into a text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The text on disk is no longer valid TOML (someone broke it since it was opened).
    #[error("the file is not valid TOML any more: {0}")]
    NotToml(String),
    /// A table the key belongs in is something else in the file (`market = 3`).
    #[error("`{0}` is not a table in the file")]
    NotATable(String),
}

/// Rewrites `text` with each field set to the text a person typed for it (`"200k"` stays
/// `"200k"`), keeping the old value's surrounding spaces and trailing comment. Keys the file
/// lacked are added to their table (created at the end when missing). The rest of the file
/// comes back byte for byte: its byte order mark, its line endings (toml_edit writes `\n`
/// only, so a CRLF file gets its `\r\n` back) and the lack of a final newline (toml_edit
/// always ends with one).
pub fn apply_edits(text: &str, edits: &[(Field, String)]) -> Result<String, EditError> {
    edit_text(text, |document| {
        for (field, typed) in edits {
            set_value(document, *field, typed)?;
        }
        Ok(())
    })
}

/// Like [`apply_edits`] for one field, with `note` added to the line's trailing comment (the
/// comment the line had is kept; a note an earlier run of `skypie fit` left, which starts with
/// [`FIT_NOTE`], is replaced): what `skypie fit --into` writes. In an inline table
/// (`market = { size = … }`) no comment can go, so there the value is written without the note;
/// the second value says whether the note went in.
pub fn apply_with_note(
    text: &str,
    field: Field,
    typed: &str,
    note: &str,
) -> Result<(String, bool), EditError> {
    let mut noted = false;
    let edited = edit_text(text, |document| {
        let section = field.section();
        let inline = section != Section::Top
            && document
                .get(section.name())
                .is_some_and(Item::is_inline_table);
        let value = set_value(document, field, typed)?;
        if inline {
            return Ok(());
        }
        noted = true;
        let old = value
            .decor()
            .suffix()
            .and_then(|s| s.as_str())
            .unwrap_or("")
            .to_string();
        let kept = old.split(FIT_NOTE).next().unwrap_or("").trim_end();
        let kept = kept.strip_suffix(';').unwrap_or(kept).trim_end();
        let suffix = if kept.contains('#') {
            format!("{kept}; {note}")
        } else {
            format!("{}# {note}", if kept.is_empty() { "  " } else { kept })
        };
        value.decor_mut().set_suffix(suffix);
        Ok(())
    })?;
    Ok((edited, noted))
}

/// Sets the correlation `key` (as the file writes it, `"market.size ~ market.growth"`) to
/// `rho` in the `[correlation]` table, creating the key or the table when missing and keeping
/// the value's comment: what the live session saves after a correlation is nudged.
pub fn apply_correlation(text: &str, key: &str, rho: f64) -> Result<String, EditError> {
    edit_text(text, |document| {
        let root = document.as_table_mut();
        if !root.contains_key(super::correlation::TABLE) {
            root.insert(super::correlation::TABLE, Item::Table(Table::new()));
        }
        let table = root
            .get_mut(super::correlation::TABLE)
            .and_then(Item::as_table_like_mut)
            .ok_or_else(|| EditError::NotATable(super::correlation::TABLE.to_string()))?;
        let mut value = Value::from(rho);
        match table.get_mut(key) {
            Some(Item::Value(old)) => {
                *value.decor_mut() = old.decor().clone();
                *old = value;
            }
            _ => {
                table.insert(key, Item::Value(value));
            }
        }
        Ok(())
    })
}

/// How the note `skypie fit --into` leaves in a comment starts.
pub const FIT_NOTE: &str = "fitted by skypie fit";

/// Sets `field` to the text a person typed, keeping the old value's decor; the value set.
fn set_value<'d>(
    document: &'d mut DocumentMut,
    field: Field,
    typed: &str,
) -> Result<&'d mut Value, EditError> {
    let table = section_table(document, field.section())?;
    let mut value = value_from_text(typed);
    match table.get_mut(field.name()) {
        Some(Item::Value(old)) => {
            *value.decor_mut() = old.decor().clone();
            *old = value;
        }
        Some(other) => *other = Item::Value(value),
        None => {
            table.insert(field.name(), Item::Value(value));
        }
    }
    table
        .get_mut(field.name())
        .and_then(Item::as_value_mut)
        .ok_or_else(|| EditError::NotATable(field.key()))
}

/// Parses `text`, lets `edit` change the document, and writes it back keeping the rest of the
/// file byte for byte: its byte order mark, its line endings (toml_edit writes `\n` only, so a
/// CRLF file gets its `\r\n` back) and the lack of a final newline (toml_edit always ends
/// with one).
fn edit_text(
    text: &str,
    edit: impl FnOnce(&mut DocumentMut) -> Result<(), EditError>,
) -> Result<String, EditError> {
    let bom = text.starts_with('\u{feff}');
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let crlf = uses_crlf(body);
    let mut document: DocumentMut = body
        .parse()
        .map_err(|e: toml_edit::TomlError| EditError::NotToml(e.message().to_string()))?;
    edit(&mut document)?;
    let mut out = document.to_string();
    if !body.ends_with('\n') && out.ends_with('\n') {
        out.pop();
    }
    if crlf {
        out = out.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    Ok(if bom { format!("\u{feff}{out}") } else { out })
}

/// Whether a text ends its lines with `\r\n`: when most of its line ends are (a file that
/// mixes the two comes back with the one it uses most).
fn uses_crlf(text: &str) -> bool {
    let crlf = text.matches("\r\n").count();
    let lf = text.matches('\n').count() - crlf;
    crlf > lf
}

/// What the file says for each numeric field it sets, as a person would type it again:
/// string values without their quotes (`35M to 70M`), anything else as written
/// (`{ dist = "uniform", min = 0.02, max = 0.05 }`). The live session's editor starts from it.
pub fn field_texts(text: &str) -> BTreeMap<Field, String> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Ok(document) = body.parse::<DocumentMut>() else {
        return BTreeMap::new();
    };
    Field::ALL
        .into_iter()
        .filter_map(|field| {
            let table: &dyn TableLike = match field.section() {
                Section::Top => document.as_table(),
                section => document.get(section.name())?.as_table_like()?,
            };
            let item = table.get(field.name())?;
            let text = match item.as_value() {
                Some(Value::String(s)) => s.value().clone(),
                Some(value) => {
                    let mut value = value.clone();
                    value.decor_mut().clear();
                    value.to_string().trim().to_string()
                }
                None => return None,
            };
            Some((field, text))
        })
        .collect()
}

/// The table a section's keys live in, created if the file has none.
fn section_table(
    document: &mut DocumentMut,
    section: Section,
) -> Result<&mut dyn TableLike, EditError> {
    if section == Section::Top {
        return Ok(document.as_table_mut());
    }
    let name = section.name();
    let root = document.as_table_mut();
    if !root.contains_key(name) {
        root.insert(name, Item::Table(Table::new()));
    }
    root.get_mut(name)
        .and_then(Item::as_table_like_mut)
        .ok_or_else(|| EditError::NotATable(name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\
# The plan.
schema = 1
horizon_days = 90   # one quarter

[target]
revenue = \"3M\"      # the CEO's number

[market]
size = \"35M to 70M\"
";

    #[test]
    fn an_edit_changes_only_the_value() {
        let out = apply_edits(FILE, &[(Field::TargetRevenue, "200k".into())]).unwrap();
        assert_eq!(out, FILE.replace("\"3M\"", "\"200k\""));
        let out = apply_edits(FILE, &[(Field::TargetRevenue, "200k".into())]).unwrap();
        assert!(
            out.contains("revenue = \"200k\"      # the CEO's number"),
            "{out}"
        );
    }

    #[test]
    fn numbers_tables_and_ranges_are_written_as_typed() {
        let edits = [
            (Field::HorizonDays, "120".to_string()),
            (
                Field::MarketSize,
                "{ dist = \"normal\", mean = \"50M\", sd = \"5M\" }".to_string(),
            ),
        ];
        let out = apply_edits(FILE, &edits).unwrap();
        assert!(out.contains("horizon_days = 120   # one quarter"), "{out}");
        assert!(
            out.contains("size = { dist = \"normal\", mean = \"50M\", sd = \"5M\" }"),
            "{out}"
        );
    }

    #[test]
    fn missing_keys_and_tables_are_added() {
        let out = apply_edits(FILE, &[(Field::MarketGrowth, "5% to 20%".into())]).unwrap();
        assert!(
            out.contains("size = \"35M to 70M\"\ngrowth = \"5% to 20%\""),
            "{out}"
        );
        let out = apply_edits(FILE, &[(Field::ShareCeiling, "0.6".into())]).unwrap();
        assert!(out.ends_with("[share]\nceiling = 0.6\n"), "{out}");
        assert!(out.starts_with(FILE));
    }

    #[test]
    fn field_texts_are_what_the_file_says() {
        let texts = field_texts(crate::scenario::BUILT_IN);
        assert_eq!(texts[&Field::TargetRevenue], "3M");
        assert_eq!(texts[&Field::MarketSize], "35M to 70M");
        assert_eq!(texts[&Field::HorizonDays], "90");
        assert_eq!(
            texts[&Field::ShareCurrent],
            "{ dist = \"uniform\", min = 0.02, max = 0.05 }"
        );
    }

    #[test]
    fn a_byte_order_mark_survives() {
        let with_bom = format!("\u{feff}{FILE}");
        let out = apply_edits(&with_bom, &[(Field::HorizonDays, "91".into())]).unwrap();
        assert_eq!(out, with_bom.replace("= 90 ", "= 91 "));
    }

    #[test]
    fn a_crlf_file_stays_crlf_and_only_the_edited_line_changes() {
        let crlf = FILE.replace('\n', "\r\n");
        let out = apply_edits(&crlf, &[(Field::TargetRevenue, "200k".into())]).unwrap();
        assert_eq!(out, crlf.replace("\"3M\"", "\"200k\""));
        let with_bom = format!("\u{feff}{crlf}");
        let out = apply_edits(&with_bom, &[(Field::HorizonDays, "91".into())]).unwrap();
        assert_eq!(out, with_bom.replace("= 90 ", "= 91 "));
    }

    #[test]
    fn a_crlf_file_gets_crlf_on_added_lines() {
        let crlf = FILE.replace('\n', "\r\n");
        let out = apply_edits(&crlf, &[(Field::ShareCeiling, "0.6".into())]).unwrap();
        assert_eq!(out, format!("{crlf}\r\n[share]\r\nceiling = 0.6\r\n"));
    }

    #[test]
    fn no_final_newline_is_added() {
        let bare = FILE.trim_end();
        let out = apply_edits(bare, &[(Field::MarketSize, "40M to 80M".into())]).unwrap();
        assert_eq!(out, bare.replace("35M to 70M", "40M to 80M"));
        let crlf = bare.replace('\n', "\r\n");
        let out = apply_edits(&crlf, &[(Field::HorizonDays, "91".into())]).unwrap();
        assert_eq!(out, crlf.replace("= 90 ", "= 91 "));
        let out = apply_edits(bare, &[(Field::ShareCeiling, "0.6".into())]).unwrap();
        assert_eq!(out, format!("{bare}\n\n[share]\nceiling = 0.6"));
    }

    #[test]
    fn a_fitted_value_keeps_the_line_s_comment_and_adds_a_note_once() {
        let note = |n: u32| format!("{FIT_NOTE} to actuals.csv (n = {n})");
        let out = apply_with_note(FILE, Field::TargetRevenue, "2M", &note(8))
            .unwrap()
            .0;
        assert_eq!(
            out,
            FILE.replace(
                "\"3M\"      # the CEO's number",
                &format!("\"2M\"      # the CEO's number; {}", note(8))
            )
        );
        let again = apply_with_note(&out, Field::TargetRevenue, "2.5M", &note(9))
            .unwrap()
            .0;
        assert!(
            again.contains(&format!("# the CEO's number; {}\n", note(9))),
            "{again}"
        );
        let bare = apply_with_note(FILE, Field::MarketSize, "40M to 80M", &note(8))
            .unwrap()
            .0;
        assert!(
            bare.contains(&format!("size = \"40M to 80M\"  # {}\n", note(8))),
            "{bare}"
        );
    }

    #[test]
    fn a_nudged_correlation_is_saved_in_place_or_added() {
        let with =
            format!("{FILE}\n[correlation]\n\"market.size ~ market.growth\" = -0.4  # why\n");
        let out = apply_correlation(&with, "market.size ~ market.growth", -0.35).unwrap();
        assert_eq!(out, with.replace("-0.4", "-0.35"));
        let out = apply_correlation(FILE, "market.size ~ market.growth", 0.2).unwrap();
        assert!(
            out.ends_with("[correlation]\n\"market.size ~ market.growth\" = 0.2\n"),
            "{out}"
        );
        crate::scenario::Scenario::parse(&out, "test").unwrap();
    }

    #[test]
    fn no_edits_give_the_text_back_unchanged() {
        for text in [
            FILE.to_string(),
            FILE.replace('\n', "\r\n"),
            FILE.trim_end().to_string(),
        ] {
            assert_eq!(apply_edits(&text, &[]).unwrap(), text);
        }
    }
}
