//! When the file changed on disk while the session had it open: which keys each side changed
//! since the session last read or wrote the file, and the merge of this session's values onto
//! the file as it is now (toml_edit, key by key, so the other side's comments and keys stay).
//! Pure: texts in, texts out.

use skypie::scenario::edit::apply_edits;
use skypie::scenario::{Field, Scenario};

/// Which keys each side changed since the text both started from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sides {
    /// Keys the file on disk changed.
    pub theirs: Vec<Field>,
    /// Keys this session changed.
    pub ours: Vec<Field>,
    /// Keys both sides changed, to different values: someone has to choose.
    pub both: Vec<Field>,
}

/// Compares the text the session last read or wrote (`base`), the file as it is now (`disk`)
/// and the session's scenario, value by value (so `"3M"` and `3000000` are the same value).
/// Fails, with the reason, when either text is not a valid scenario.
pub fn sides(base: &str, disk: &str, session: &Scenario, origin: &str) -> Result<Sides, String> {
    let base = Scenario::parse(base, origin).map_err(|e| first_line(&e.to_string()))?;
    let disk = Scenario::parse(disk, origin).map_err(|e| {
        format!(
            "the file on disk is not a valid scenario now: {}",
            first_line(&e.to_string())
        )
    })?;
    let changed = |a: &Scenario, b: &Scenario| -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|f| a.value(*f) != b.value(*f))
            .collect()
    };
    let theirs = changed(&base, &disk);
    let ours = changed(&base, session);
    let both = ours
        .iter()
        .copied()
        .filter(|f| theirs.contains(f) && session.value(*f) != disk.value(*f))
        .collect();
    Ok(Sides { theirs, ours, both })
}

/// The file as it is on disk with each of `ours` (a key and the text this session has for
/// it) written in, checked to be a valid scenario.
pub fn merge(disk: &str, ours: &[(Field, String)], origin: &str) -> Result<String, String> {
    let merged = apply_edits(disk, ours).map_err(|e| e.to_string())?;
    Scenario::parse(&merged, origin).map_err(|e| first_line(&e.to_string()))?;
    Ok(merged)
}

/// Dotted keys joined for a message: `target.revenue, horizon_days`; `none` when empty.
pub fn keys(fields: &[Field]) -> String {
    if fields.is_empty() {
        return "none".to_string();
    }
    fields
        .iter()
        .map(|f| f.key())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The first line of an error message (the rest shows the file's line and a caret).
fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "\
schema = 1
horizon_days = 90   # a quarter

[target]
revenue = \"3M\"

[market]
size = \"35M to 70M\"
";

    #[test]
    fn each_side_is_seen_and_a_key_changed_on_both_is_listed() {
        let disk = BASE.replace("90", "180").replace("\"3M\"", "\"2M\"");
        let mut session = Scenario::parse(BASE, "plan.toml").unwrap();
        session.target_revenue = 2.5e6;
        session.inputs[Field::MarketSize] = skypie::distribution::Dist::fixed(5e7).unwrap();
        let sides = sides(BASE, &disk, &session, "plan.toml").unwrap();
        assert_eq!(sides.theirs, [Field::TargetRevenue, Field::HorizonDays]);
        assert_eq!(sides.ours, [Field::TargetRevenue, Field::MarketSize]);
        assert_eq!(sides.both, [Field::TargetRevenue]);
    }

    #[test]
    fn the_same_change_on_both_sides_is_no_conflict() {
        let disk = BASE.replace("\"3M\"", "3000000");
        let mut session = Scenario::parse(BASE, "plan.toml").unwrap();
        session.target_revenue = 3e6;
        let sides = sides(BASE, &disk, &session, "plan.toml").unwrap();
        assert!(
            sides.theirs.is_empty() && sides.both.is_empty(),
            "{sides:?}"
        );
    }

    #[test]
    fn a_merge_keeps_the_other_sides_keys_and_comments() {
        let disk = BASE.replace("90   # a quarter", "180   # two quarters");
        let merged = merge(&disk, &[(Field::TargetRevenue, "200k".into())], "p").unwrap();
        assert_eq!(merged, disk.replace("\"3M\"", "\"200k\""));
    }

    #[test]
    fn a_broken_file_on_disk_cannot_be_merged() {
        let session = Scenario::parse(BASE, "plan.toml").unwrap();
        let error = sides(BASE, "schema = 1\nhorizon_days = ", &session, "plan.toml");
        assert!(error.unwrap_err().contains("not a valid scenario now"));
    }
}
