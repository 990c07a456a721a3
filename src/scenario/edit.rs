//! Writing edited values back into a scenario's text, keeping every comment, blank line and
//! key order outside the edited values (toml_edit). Pure: text in, text out.

use std::collections::BTreeMap;

use toml_edit::{Decor, DocumentMut, InlineTable, Item, Table, TableLike, Value};
use unicode_width::UnicodeWidthStr;

use super::field::{Field, Section, field_table};
use super::fit_note::FitNote;
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
/// `"200k"`), keeping the old value's surrounding spaces and trailing comment (less the note
/// of an earlier `skypie fit`, which no longer holds for the value typed). Keys the file
/// lacked are added to their table (created at the end when missing). The rest of the file
/// comes back byte for byte: its byte order mark, its line endings (toml_edit writes `\n`
/// only, so a CRLF file gets its `\r\n` back) and the lack of a final newline (toml_edit
/// always ends with one).
pub fn apply_edits(text: &str, edits: &[(Field, String)]) -> Result<String, EditError> {
    edit_text(text, |document| {
        for (field, typed) in edits {
            let decor = set_value(document, *field, typed)?;
            // A value changed by hand is no longer the fit the note names.
            let comment = decor.suffix().and_then(|s| s.as_str()).unwrap_or("");
            if FitNote::find_in(comment).is_some() {
                let kept = without_fit_note(comment);
                let kept = if kept.trim() == "#" { "" } else { kept };
                decor.set_suffix(kept.to_string());
            }
        }
        Ok(())
    })
}

/// `field` in `text` as `opened` (the text a session opened) writes it: its value or table
/// with its comments there, or no key at all where `opened` has none. An edit taken back
/// after a save: typing the opened value again would write `confidence = "80%"` into a file
/// that never set it, or a range where the file had a `[market.size]` table.
pub fn restore_field(text: &str, opened: &str, field: Field) -> Result<String, EditError> {
    let opened = parse_document(opened)?;
    let (section, name) = (field.section(), field.name());
    let was = field_table(opened.as_table(), section)
        .and_then(|table| Some((table.get(name)?, table.key(name)?)));
    edit_text(text, |document| {
        let Some((item, key)) = was else {
            if section == Section::Top {
                remove_value(document.as_table_mut(), false, name);
            } else if let Some(table) = document.get_mut(section.name()) {
                let inline = table.is_inline_table();
                if let Some(table) = table.as_table_like_mut() {
                    remove_value(table, inline, name);
                }
            }
            return Ok(());
        };
        let table = section_table(document, section)?;
        table.insert(name, item.clone());
        if let Some(mut restored) = table.key_mut(name) {
            *restored.leaf_decor_mut() = key.leaf_decor().clone();
        }
        Ok(())
    })
}

/// A line's trailing comment without the note an earlier `skypie fit` left at its end (and the
/// `;` that joined it to the comment before it), less trailing spaces.
fn without_fit_note(comment: &str) -> &str {
    let end = FitNote::find_in(comment).map_or(comment.len(), |(_, note)| note.start);
    let kept = comment[..end].trim_end();
    kept.strip_suffix(';').unwrap_or(kept).trim_end()
}

/// Like [`apply_edits`] for one field, with `note` added to the line's trailing comment (the
/// comment the line had is kept; the note an earlier run of `skypie fit` left is replaced; a
/// key written as a table has it on its header line): what `skypie fit --into` writes. In an
/// inline table (`market = { size = … }`) no comment can go, so there the value is written
/// without the note; the second value says whether the note went in.
pub fn apply_with_note(
    text: &str,
    field: Field,
    typed: &str,
    note: &FitNote,
) -> Result<(String, bool), EditError> {
    let mut noted = false;
    let edited = edit_text(text, |document| {
        let section = field.section();
        let inline = section != Section::Top && is_inline(document, section.name());
        let decor = set_value(document, field, typed)?;
        if inline {
            return Ok(());
        }
        noted = true;
        let old = decor
            .suffix()
            .and_then(|s| s.as_str())
            .unwrap_or("")
            .to_string();
        let kept = without_fit_note(&old);
        let suffix = if kept.contains('#') {
            format!("{kept}; {note}")
        } else {
            format!("{}# {note}", if kept.is_empty() { "  " } else { kept })
        };
        decor.set_suffix(suffix);
        Ok(())
    })?;
    Ok((edited, noted))
}

/// Sets the correlation `key` (as the file writes it, `"market.size ~ market.growth"`) to
/// `rho` in the `[correlation]` table, creating the key or the table when missing and keeping
/// the value's comment: what the live session saves after a correlation is nudged.
pub fn apply_correlation(text: &str, key: &str, rho: f64) -> Result<String, EditError> {
    edit_text(text, |document| {
        let inline = is_inline(document, super::correlation::TABLE);
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
                // A comment lined up with the others' stays in its column (0.7 to 0.75).
                let mut decor = old.decor().clone();
                if !inline {
                    keep_comment_column(&mut decor, shown_width(old), shown_width(&value));
                }
                *value.decor_mut() = decor;
                *old = value;
            }
            Some(other) => *other = Item::Value(value),
            None => append_value(table, inline, key, value),
        }
        Ok(())
    })
}

/// Removes the correlation `key` (as the file writes it) from the `[correlation]` table, with
/// its line and the comment at its end; comment lines above it are a person's words and stay
/// where they are: above the key after it, or, when it was the last, after the key before it
/// (under the table's header when it was the only one). The text comes back unchanged when
/// the file does not set it.
pub fn remove_correlation(text: &str, key: &str) -> Result<String, EditError> {
    edit_text(text, |document| {
        let Some(table) = document.as_table_mut().get_mut(super::correlation::TABLE) else {
            return Ok(());
        };
        let Some(table) = table.as_table_mut() else {
            if let Some(inline) = table.as_table_like_mut() {
                inline.remove(key);
            }
            return Ok(());
        };
        let above = table
            .key(key)
            .and_then(|k| k.leaf_decor().prefix()?.as_str())
            .filter(|prefix| prefix.contains('#'))
            .map(str::to_string);
        let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
        let at = keys.iter().position(|k| k == key);
        let next = at.and_then(|at| keys.get(at + 1)).cloned();
        let previous = at
            .and_then(|at| at.checked_sub(1))
            .map(|at| keys[at].clone())
            .filter(|previous| table.get(previous).is_some_and(Item::is_value));
        table.remove(key);
        let Some(above) = above else {
            return Ok(());
        };
        match next.and_then(|next| table.key_mut(&next)) {
            Some(mut next) => put_before(next.leaf_decor_mut(), &above),
            // No key after it to carry them: the lines follow the line before, the key before
            // it (not the header, where they would read as the first pair's) or the header,
            // after its comment.
            None => {
                let decor = match previous.and_then(|p| table.get_mut(&p)?.as_value_mut()) {
                    Some(value) => value.decor_mut(),
                    None => table.decor_mut(),
                };
                let own = decor.suffix().and_then(|s| s.as_str()).unwrap_or("");
                decor.set_suffix(format!("{own}\n{}", above.trim_end_matches(['\n', '\r'])));
            }
        }
        Ok(())
    })
}

/// Adds `name = value` after the keys of `table`; in an inline table (`inline`), before the
/// space that closes it, which is the last value's: `serviceable = "51%", growth = "1%" }`,
/// not `serviceable = "51%" , growth = "1%" }`.
fn append_value(table: &mut dyn TableLike, inline: bool, name: &str, mut value: Value) {
    if inline
        && let Some((_, Item::Value(last))) = table.iter_mut().last()
        && let Some(space) = last.decor().suffix().and_then(|s| s.as_str())
        && space.trim().is_empty()
    {
        value.decor_mut().set_suffix(space.to_string());
        last.decor_mut().set_suffix("");
    }
    table.insert(name, Item::Value(value));
}

/// Takes `name` out of `table`, the undoing of [`append_value`]: in an inline table
/// (`inline`), the space that closed it after the value taken out goes to the new last one
/// (`serviceable = "80%"}` was left).
fn remove_value(table: &mut dyn TableLike, inline: bool, name: &str) {
    let last = table.iter().last().map(|(key, _)| key.to_string());
    let Some(removed) = table.remove(name) else {
        return;
    };
    let space = removed
        .as_value()
        .and_then(|v| v.decor().suffix()?.as_str().map(str::to_string))
        .filter(|space| space.trim().is_empty());
    if inline
        && last.as_deref() == Some(name)
        && let Some(space) = space
        && let Some((_, Item::Value(new_last))) = table.iter_mut().last()
    {
        new_last.decor_mut().set_suffix(space);
    }
}

/// Whether the document writes the table `name` inline (`market = { size = … }`).
fn is_inline(document: &DocumentMut, name: &str) -> bool {
    document.get(name).is_some_and(Item::is_inline_table)
}

/// The comments inside an inline table written over several lines (TOML 1.1), in order: each
/// `# …` of its keys' and values' decor and of the space before its closing brace (not its own
/// decor, the closing line's comment, which its key's line keeps).
fn inline_comments(table: &InlineTable) -> Vec<String> {
    let raw =
        |raw: Option<&toml_edit::RawString>| raw.and_then(|r| r.as_str()).unwrap_or("").to_string();
    let mut text = String::new();
    for (key, value) in table.iter() {
        if let Some(key) = table.key(key) {
            text.push_str(&raw(key.leaf_decor().prefix()));
            text.push_str(&raw(key.leaf_decor().suffix()));
        }
        text.push_str(&raw(value.decor().prefix()));
        text.push_str(&raw(value.decor().suffix()));
        text.push('\n');
    }
    text.push_str(table.trailing().as_str().unwrap_or(""));
    text.lines()
        .filter_map(|line| line.find('#').map(|at| line[at..].trim_end().to_string()))
        .collect()
}

/// One key's line in an inline table over several lines (TOML 1.1), as [`replace_inline_keys`]
/// moves it: the lines above the key (comment lines, indent), the key's and the value's own
/// decor, and the rest of its line after its comma, whose comment is this key's (toml_edit
/// keeps it before the next key).
struct InlineLine {
    key: String,
    above: String,
    key_decor: Decor,
    value: Value,
    tail: String,
}

/// A table's whitespace before a key split at its first line break: the rest of the line
/// before (with its comment, which is that line's), then the lines above the key.
fn split_line_end(raw: &str) -> (&str, &str) {
    raw.split_at(raw.find('\n').map_or(0, |at| at + 1))
}

/// `raw` without its comments: a comment line goes whole, a comment after a value (on the
/// first line where `raw` starts `mid_line`) leaves its line break. What a key takes of a line
/// whose comments were another key's.
fn without_comments(raw: &str, mid_line: bool) -> String {
    raw.split_inclusive('\n')
        .enumerate()
        .filter_map(|(i, piece)| {
            let Some(at) = piece.find('#') else {
                return Some(piece.to_string());
            };
            let before = piece[..at].trim_end();
            let end = if piece.ends_with('\n') { "\n" } else { "" };
            ((i == 0 && mid_line) || !before.is_empty()).then(|| format!("{before}{end}"))
        })
        .collect()
}

/// Sets the keys of the inline table `old` to `new`'s in place, so that one written over
/// several lines (TOML 1.1) keeps the comments inside it, which setting it whole lost: a key
/// kept keeps its line (the comment lines above it, the comment at its end, its spacing); a
/// key added takes the spacing of one dropped, in order, never its comments, which described
/// another parameter. The dropped keys' comments come back, each with the line it was about
/// commented out (`# attainment.min = 0.5   # low`, `name` the key as the lines around it
/// name it), to go above the table's key. The table's own decor, with the comment of its key's
/// line, stays; where `}` ends a dropped key's line, the comment after it is that key's.
fn replace_inline_keys(old: &mut InlineTable, name: &str, new: InlineTable) -> Vec<String> {
    let raw =
        |raw: Option<&toml_edit::RawString>| raw.and_then(|r| r.as_str()).unwrap_or("").to_string();
    let prefixes: Vec<String> = old
        .iter()
        .map(|(key, _)| raw(old.key(key).and_then(|k| k.leaf_decor().prefix())))
        .chain([raw(Some(old.trailing()))])
        .collect();
    let (opening, _) = split_line_end(prefixes.first().map_or("", String::as_str));
    let opening = opening.to_string();
    let mut lines: Vec<InlineLine> = old
        .iter()
        .enumerate()
        .filter_map(|(i, (key, value))| {
            let (_, above) = split_line_end(&prefixes[i]);
            let (tail, _) = split_line_end(&prefixes[i + 1]);
            Some(InlineLine {
                key: key.to_string(),
                above: above.to_string(),
                key_decor: old.key(key)?.leaf_decor().clone(),
                value: value.clone(),
                tail: tail.to_string(),
            })
        })
        .collect();
    let (_, closing) = split_line_end(prefixes.last().map_or("", String::as_str));
    let closing = closing.to_string();
    // `}` on the last key's line, below the key's own: the comment after it is that key's.
    let over_lines = prefixes.iter().any(|p| p.contains('\n'))
        || old
            .iter()
            .any(|(_, v)| raw(v.decor().suffix()).contains('\n'));
    let closes_last = lines.last().is_some_and(|last| {
        !format!("{}{}", raw(last.value.decor().suffix()), last.tail).contains('\n')
    });
    if over_lines
        && closes_last
        && let Some(last) = lines.last_mut()
        && !new.contains_key(&last.key)
    {
        last.tail = raw(old.decor().suffix());
        old.decor_mut().set_suffix("");
    }
    let dropped: Vec<&InlineLine> = lines.iter().filter(|l| !new.contains_key(&l.key)).collect();
    let mut free = dropped.iter();
    let mut taken: Vec<(String, Option<InlineLine>)> = Vec::new();
    for (key, _) in new.iter() {
        let line = match lines.iter().find(|l| l.key == key) {
            Some(kept) => Some(InlineLine {
                key: kept.key.clone(),
                above: kept.above.clone(),
                key_decor: kept.key_decor.clone(),
                value: kept.value.clone(),
                tail: kept.tail.clone(),
            }),
            None => free.next().map(|line| {
                let mut value = line.value.clone();
                let suffix = without_comments(&raw(value.decor().suffix()), true);
                value.decor_mut().set_suffix(suffix);
                InlineLine {
                    key: line.key.clone(),
                    above: without_comments(&line.above, false),
                    key_decor: line.key_decor.clone(),
                    value,
                    tail: without_comments(&line.tail, true),
                }
            }),
        };
        taken.push((key.to_string(), line));
    }
    let said: Vec<String> = dropped
        .iter()
        .flat_map(|line| {
            let above = line.above.lines().filter(|l| l.contains('#'));
            let above = above.map(|l| l.trim().to_string());
            let end = format!("{}{}", raw(line.value.decor().suffix()), line.tail);
            let end = end.trim_end();
            let mut bare = line.value.clone();
            bare.decor_mut().clear();
            let commented = end
                .contains('#')
                .then(|| format!("# {name}.{} = {bare}{end}", line.key));
            above.chain(commented).collect::<Vec<_>>()
        })
        .collect();
    let last_tail = taken
        .last()
        .and_then(|(_, line)| line.as_ref().map(|l| l.tail.clone()))
        .unwrap_or_default();
    let closing_space = lines
        .last()
        .and_then(|line| line.value.decor().suffix()?.as_str())
        .unwrap_or(" ")
        .to_string();
    old.clear();
    let (mut before, mut indent) = (opening, String::new());
    for ((key, line), (_, mut value)) in taken.iter().zip(new) {
        let Some(line) = line else {
            // A key no line was left for: on a line of its own where the one before ends
            // its line, at that line's indent.
            old.insert(key, value);
            if let Some(mut key) = old.key_mut(key)
                && !before.is_empty()
            {
                key.leaf_decor_mut().set_prefix(format!("{before}{indent}"));
            }
            before = String::new();
            continue;
        };
        *value.decor_mut() = line.value.decor().clone();
        old.insert(key, value);
        if let Some(mut key) = old.key_mut(key) {
            let decor = key.leaf_decor_mut();
            *decor = line.key_decor.clone();
            decor.set_prefix(format!("{before}{}", line.above));
        }
        before = line.tail.clone();
        indent = line.above.rsplit('\n').next().unwrap_or("").to_string();
    }
    old.set_trailing(format!("{last_tail}{closing}"));
    // What follows the last value is the table's, before its `}` (spaces, or the line break
    // of a table over several lines): it goes to the last key whichever it is, and a key no
    // longer last gives up such white space before its comma (`{ low = "50%", high = "110%" }`
    // refitted read `mean = "79.75%" , sd = "13.5%"}`).
    let last = old.len().saturating_sub(1);
    for (i, (_, value)) in old.iter_mut().enumerate() {
        let blank = value
            .decor()
            .suffix()
            .and_then(|s| s.as_str())
            .is_none_or(|s| s.trim().is_empty());
        if i == last {
            value.decor_mut().set_suffix(closing_space.as_str());
        } else if blank {
            value.decor_mut().set_suffix("");
        }
    }
    said
}

/// A key written as a table of its own (`[market.size]`, or dotted keys) set to the plain
/// value `new`: `new` with the first line's trailing comment, and what goes above its line:
/// the comment lines above the header (or above a dotted table's first line), then its other
/// lines' comments, each key commented out by its dotted name (`# attainment.min = 0.5`), as
/// its lines move out of the table into the section beside the new value.
fn table_as_a_line(
    old: &mut Table,
    dotted_name: &str,
    mut new: Value,
) -> (Option<toml_edit::RawString>, Value) {
    let above = if old.is_dotted() {
        old.iter()
            .next()
            .and_then(|(key, _)| old.key(key)?.leaf_decor().prefix().cloned())
    } else {
        old.decor().prefix().cloned()
    };
    // The first line of dotted keys is the one whose comment the new line takes.
    let first = old.iter().next().map(|(key, _)| key.to_string());
    let dotted = old.is_dotted();
    let inside = lost_comments(old, &format!("{dotted_name}."), |key| {
        !(dotted && Some(key) == first.as_deref())
    });
    let above = match (above, inside.is_empty()) {
        (above, true) => above,
        (above, false) => {
            let above = above.as_ref().and_then(|a| a.as_str()).unwrap_or("");
            Some(format!("{above}{inside}").into())
        }
    };
    let comment = comment_decor(old).and_then(|d| d.suffix().cloned());
    if let Some(comment) = comment {
        new.decor_mut().set_suffix(comment);
    }
    (above, new)
}

/// Puts the comment `lines` on lines of their own above a key, at its indent, after the
/// lines its decor already has above it.
fn put_lines_above(decor: &mut Decor, lines: &[String]) {
    let prefix = decor.prefix().and_then(|p| p.as_str()).unwrap_or("");
    let (before, indent) = prefix.split_at(prefix.rfind('\n').map_or(0, |at| at + 1));
    let above: String = lines
        .iter()
        .map(|comment| format!("{indent}{comment}\n"))
        .collect();
    decor.set_prefix(format!("{before}{above}{indent}"));
}

/// Puts `lines` (comment lines) before what a key's decor already has before it.
fn put_before(decor: &mut Decor, lines: &str) {
    let own = decor.prefix().and_then(|p| p.as_str()).unwrap_or("");
    decor.set_prefix(format!("{lines}{own}"));
}

/// Sets `field` to the text a person typed, keeping the old value's decor; the decor that holds
/// the edited line's trailing comment. A key the file writes as a table of its own
/// (`[market.size]` with `dist = …` lines) stays one when the new value is a table too: its
/// header, with its comments, stays where it is and its keys become the new value's. Set to
/// anything else, it becomes a `name = value` line with the header's comments on it.
fn set_value<'d>(
    document: &'d mut DocumentMut,
    field: Field,
    typed: &str,
) -> Result<&'d mut Decor, EditError> {
    let inline = field.section() != Section::Top && is_inline(document, field.section().name());
    let table = section_table(document, field.section())?;
    let value = value_from_text(typed);
    let name = field.name();
    // The key as the lines around it name it: `capacity.attainment` where `[capacity]` is
    // itself written as dotted keys at the top of the file.
    let dotted_name = if table.is_dotted() {
        format!("{}.{name}", field.section().name())
    } else {
        name.to_string()
    };
    // Where the other lines' comments line up, the column this line's may go back to.
    let lined_up = (!inline && !table.is_dotted())
        .then(|| Some((value_start(table, name)?, neighbours_column(table, name)?)))
        .flatten();
    let mut comments_inside = Vec::new();
    match (table.get_mut(name), value) {
        (Some(Item::Table(old)), Value::InlineTable(new)) => replace_keys(old, &dotted_name, new),
        (Some(Item::Table(old)), new) => {
            let (above, new) = table_as_a_line(old, &dotted_name, new);
            table.insert(name, Item::Value(new));
            if let Some(mut key) = table.key_mut(name) {
                let decor = key.leaf_decor_mut();
                decor.clear();
                if let Some(above) = above {
                    decor.set_prefix(above);
                }
            }
        }
        (Some(Item::Value(Value::InlineTable(old))), Value::InlineTable(new)) => {
            // A table for a table on one line (a fit's over a range's table): its comment,
            // lined up with others, keeps its column, as a plain value's does.
            let width = |table: &InlineTable| {
                let shown = shown_text(&Value::InlineTable(table.clone()));
                (!shown.contains('\n')).then(|| shown.width())
            };
            let before = width(old);
            comments_inside = replace_inline_keys(old, &dotted_name, new);
            // In a section written inline (`capacity = { … }`) no line above the key is its
            // own: the dropped parameters' lines stay inside, above its first key.
            let first = old.iter().next().map(|(key, _)| key.to_string());
            if inline
                && let Some(first) = first
                && let Some(mut key) = old.key_mut(&first)
            {
                put_lines_above(key.leaf_decor_mut(), &std::mem::take(&mut comments_inside));
            }
            if let (Some(before), Some(after)) = (before, width(old)) {
                keep_comment_column(old.decor_mut(), before, after);
            }
        }
        (Some(Item::Value(old)), mut new) => {
            let mut decor = old.decor().clone();
            // A plain value for a plain value, as the session's edits are. A table for a
            // value or a value for a table keeps the spaces its line had, so that the round
            // trip (a fit, then the range back) leaves the comment where it was.
            if !old.is_inline_table() && !new.is_inline_table() {
                keep_comment_column(&mut decor, shown_width(old), shown_width(&new));
            }
            // Only a comment the old value pushed right (a table, or a value reaching the
            // column): one the user put further right stays where they put it.
            if let Some((start, column)) = lined_up
                && !new.is_inline_table()
                && (old.is_inline_table() || start + shown_width(old) + 2 > column)
            {
                let was = comment_column(old.decor(), start + shown_width(old));
                back_to_column(&mut decor, was, start + shown_width(&new), column);
            }
            if let Some(old) = old.as_inline_table() {
                comments_inside = inline_comments(old);
            }
            *new.decor_mut() = decor;
            *old = new;
        }
        (Some(other), new) => *other = Item::Value(new),
        (None, new) => append_value(table, inline, name, new),
    }
    // An inline table over several lines (TOML 1.1) set to a plain value: the comments that
    // were inside it go on lines of their own above its key, as a table's own do.
    if !comments_inside.is_empty()
        && !inline
        && let Some(mut key) = table.key_mut(name)
    {
        put_lines_above(key.leaf_decor_mut(), &comments_inside);
    }
    match table.get_mut(name) {
        Some(Item::Value(value)) => Ok(value.decor_mut()),
        Some(Item::Table(table)) => {
            comment_decor(table).ok_or_else(|| EditError::NotATable(field.key()))
        }
        _ => Err(EditError::NotATable(field.key())),
    }
}

/// Keeps a trailing comment that was lined up (more than one space before its `#`) in its
/// column when the value before it grows or shrinks from `old` to `new` columns, so that
/// comments aligned down a table stay aligned after a save; one space at least. A comment
/// one space after its value keeps that one space.
fn keep_comment_column(decor: &mut Decor, old: usize, new: usize) {
    let Some(suffix) = decor.suffix().and_then(|s| s.as_str()) else {
        return;
    };
    let comment = suffix.trim_start_matches(' ');
    let spaces = suffix.len() - comment.len();
    if !comment.starts_with('#') || spaces < 2 {
        return;
    }
    let spaces = (spaces + old).saturating_sub(new).max(1);
    decor.set_suffix(format!("{}{comment}", " ".repeat(spaces)));
}

/// A trailing comment pushed right of the `column` its neighbours' comments line up at (it was
/// at `was`, after a table or a long value) goes back to it once the value ends before it again
/// (at `end`), as it would have stayed there had the value never grown.
fn back_to_column(decor: &mut Decor, was: Option<usize>, end: usize, column: usize) {
    let Some(comment) = decor.suffix().and_then(|s| s.as_str()) else {
        return;
    };
    let comment = comment.trim_start_matches(' ');
    if comment.starts_with('#') && was.is_some_and(|was| was > column) && end < column {
        decor.set_suffix(format!("{}{comment}", " ".repeat(column - end)));
    }
}

/// The column of the trailing comment on a line whose value ends at column `end`, if it has one.
fn comment_column(decor: &Decor, end: usize) -> Option<usize> {
    let suffix = decor.suffix()?.as_str()?;
    let comment = suffix.trim_start_matches(' ');
    comment
        .starts_with('#')
        .then(|| end + suffix.len() - comment.len())
}

/// The column `name`'s value starts at on its line (`size = ` is 7), where it is a value.
fn value_start(table: &dyn TableLike, name: &str) -> Option<usize> {
    let (key, item) = table.get_key_value(name)?;
    let raw = |raw: Option<&toml_edit::RawString>, default: &'static str| {
        let text = raw
            .map_or(Some(default), |raw| raw.as_str())
            .unwrap_or(default);
        // Only the key's own line: comment lines above it are in its prefix.
        text.rsplit('\n').next().unwrap_or(text).width()
    };
    let decor = key.leaf_decor();
    let value = item.as_value()?;
    Some(
        raw(decor.prefix(), "")
            + key.display_repr().width()
            + raw(decor.suffix(), " ")
            + "=".len()
            + raw(value.decor().prefix(), " "),
    )
}

/// The column the trailing comments of the table's lines other than `name`'s line up at (two
/// spaces or more before each `#`), where they all share one.
fn neighbours_column(table: &dyn TableLike, name: &str) -> Option<usize> {
    let mut columns = table
        .iter()
        .filter(|(key, _)| *key != name)
        .filter_map(|(key, item)| {
            let value = item.as_value()?;
            let shown = shown_text(value);
            let suffix = value.decor().suffix()?.as_str()?;
            let lined_up = suffix.starts_with("  ") && !shown.contains('\n');
            let end = value_start(table, key)? + shown.width();
            comment_column(value.decor(), end).filter(|_| lined_up)
        });
    let first = columns.next()?;
    columns.all(|column| column == first).then_some(first)
}

/// The columns a value takes on its line, as written (without the spaces and comment
/// around it).
fn shown_width(value: &Value) -> usize {
    shown_text(value).width()
}

/// A value as its line writes it, without the spaces and comment around it.
fn shown_text(value: &Value) -> String {
    let mut bare = value.clone();
    bare.decor_mut().clear();
    bare.to_string()
}

/// The decor of a table's first line, whose suffix is its trailing comment: the header's
/// (`[market.size]   # …`), or for dotted keys (`size.dist = … # …`) the first value's.
fn comment_decor(table: &mut Table) -> Option<&mut Decor> {
    if !table.is_dotted() {
        return Some(table.decor_mut());
    }
    let (_, first) = table.iter_mut().next()?;
    Some(first.as_value_mut()?.decor_mut())
}

/// The comments of the keys of `table` that `lost` says go: the comment lines above each,
/// and a line's trailing comment with the line it was about, commented out (`# min = "20M"
/// # bottom-up`), so that no comment is lost with its value. Each key is written after
/// `prefix`: `size.` where the lines stand among the section's own keys (dotted keys, or a
/// table replaced by one value; `# min = 0.5` read there as a key of its own).
fn lost_comments(table: &Table, prefix: &str, lost: impl Fn(&str) -> bool) -> String {
    let mut kept = String::new();
    for (key, item) in table.iter().filter(|(key, _)| lost(key)) {
        let above = table
            .key(key)
            .and_then(|k| k.leaf_decor().prefix()?.as_str());
        if let Some(above) = above.filter(|above| above.contains('#')) {
            kept += above;
        }
        let Some(value) = item.as_value() else {
            continue;
        };
        let trailing = value.decor().suffix().and_then(|s| s.as_str());
        if let Some(comment) = trailing.filter(|comment| comment.contains('#')) {
            let mut bare = value.clone();
            bare.decor_mut().clear();
            // Every line of it commented out (an array or a string may span several).
            let bare = bare.to_string().replace('\n', "\n# ");
            kept += &format!("# {prefix}{key} = {bare}{comment}\n");
        }
    }
    kept
}

/// Gives a table the keys and values of `new`, in its order. A key it had keeps its line's
/// decor (its comment; one lined up with the others' stays in its column, as on a value's line);
/// the comments of a key it loses (the lines above it, and its trailing comment with its old
/// line, commented out) move to the top of the table, named as the table's own keys are
/// (`attainment.min` for dotted keys, `name` the key as the lines around it name it; `min`
/// under `[…attainment]`).
fn replace_keys(table: &mut Table, name: &str, new: InlineTable) {
    // Each key with its line's decor and its old value (its comment, and the columns it took).
    let old: Vec<(String, Decor, Option<Value>)> = table
        .iter()
        .filter_map(|(key, _)| {
            let key_decor = table.key(key)?.leaf_decor().clone();
            let old_value = table.get(key)?.as_value().cloned();
            Some((key.to_string(), key_decor, old_value))
        })
        .collect();
    let prefix = if table.is_dotted() {
        format!("{name}.")
    } else {
        String::new()
    };
    let orphaned = lost_comments(table, &prefix, |key| !new.contains_key(key));
    table.clear();
    for (i, (key, value)) in new.into_iter().enumerate() {
        let mut value = value;
        let kept = old.iter().find(|(name, ..)| *name == key);
        match kept {
            // `mean = 0.8        # avg` fitted to "79.75%": the comment stays where it was
            // (README "Grounding the inputs": `--into` changes nothing else).
            Some((_, _, Some(old_value))) => {
                let mut decor = old_value.decor().clone();
                keep_comment_column(&mut decor, shown_width(old_value), shown_width(&value));
                *value.decor_mut() = decor;
            }
            _ => value.decor_mut().clear(),
        }
        table.insert(&key, Item::Value(value));
        let Some(mut key_mut) = table.key_mut(&key) else {
            continue;
        };
        let decor = key_mut.leaf_decor_mut();
        match kept {
            Some((_, key_decor, _)) => *decor = key_decor.clone(),
            None => decor.clear(),
        }
        if i == 0 && !orphaned.is_empty() {
            put_before(decor, &orphaned);
        }
    }
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
    let mut document = parse_document(body)?;
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
    let Ok(document) = parse_document(text) else {
        return BTreeMap::new();
    };
    Field::ALL
        .into_iter()
        .filter_map(|field| {
            let table = field_table(document.as_table(), field.section())?;
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

/// `text` parsed for editing, less its byte order mark (which [`edit_text`] puts back).
fn parse_document(text: &str) -> Result<DocumentMut, EditError> {
    text.strip_prefix('\u{feff}')
        .unwrap_or(text)
        .parse()
        .map_err(|e: toml_edit::TomlError| EditError::NotToml(e.message().to_string()))
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
    if !document.contains_key(name) {
        // A new table goes after the comment lines that end the file: they belong to the
        // table above them (`# attainment goes here` under [capacity] was left under [share]).
        let mut table = Table::new();
        let trailing = document.trailing().as_str().unwrap_or("").to_string();
        if trailing.contains('#') {
            table.decor_mut().set_prefix(format!("{trailing}\n"));
            document.set_trailing("");
        }
        document.as_table_mut().insert(name, Item::Table(table));
    }
    let root = document.as_table_mut();
    root.get_mut(name)
        .and_then(Item::as_table_like_mut)
        .ok_or_else(|| EditError::NotATable(name.to_string()))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::scenario::fit_note::fit_notes;

    /// The note `fit --into` leaves for `n` values of `actuals.csv`.
    pub(in crate::scenario) fn fitted(n: usize) -> FitNote {
        FitNote {
            data: "actuals.csv".to_string(),
            n,
        }
    }

    pub(in crate::scenario) const FILE: &str = "\
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
        // Two characters longer: the comment, lined up with the one above, keeps its column.
        assert_eq!(out, FILE.replace("\"3M\"  ", "\"200k\""));
        assert!(
            out.contains("revenue = \"200k\"    # the CEO's number"),
            "{out}"
        );
    }

    #[test]
    fn a_table_written_over_a_table_is_spaced_as_written_its_comment_in_its_column() {
        // A fit over `{ low = "50%", high = "110%" }`: `mean = "79.75%" , sd = "13.5%"}`, its
        // comment moved out of the column of the one above.
        let text = "schema = 1\n[target]\nrevenue = \"3M\"\n[market]\nsize = \"10M\"\n\
                    [capacity]\nreps = 4                                                              # today\n\
                    attainment = { low = \"50%\", high = \"110%\" }                           # gut feel\n";
        let fit = "{ dist = \"normal\", mean = \"79.75%\", sd = \"13.5%\" }";
        let out = apply_edits(text, &[(Field::CapacityAttainment, fit.to_string())]).unwrap();
        let line = out.lines().find(|l| l.starts_with("attainment")).unwrap();
        assert!(line.starts_with(&format!("attainment = {fit} ")), "{out}");
        let column = |line: &str| line.find('#');
        let reps = out.lines().find(|l| l.starts_with("reps")).unwrap();
        assert_eq!(column(line), column(reps), "{out}");
        // A table over lines (TOML 1.1) whose `}` has a line of its own keeps it, after the
        // key now last; the key that was last gives it up.
        let lines = "schema = 1\n[target]\nrevenue = \"3M\"\n[market]\nsize = \"10M\"\n\
                     [capacity]\nreps = 4\nattainment = { low = \"50%\",  # bottom\n  \
                     high = \"110%\"\n}\n";
        let three = "{ dist = \"uniform\", min = \"50%\", max = \"110%\" }";
        let over = apply_edits(lines, &[(Field::CapacityAttainment, three.to_string())]).unwrap();
        assert!(over.ends_with("max = \"110%\"\n}\n"), "{over}");
        assert!(!over.contains("\n,") && !over.contains(" ,"), "{over}");
        // And back, shorter: still in the column, spaced as written.
        let range = "{ low = \"50%\", high = \"110%\" }";
        let back = apply_edits(&out, &[(Field::CapacityAttainment, range.to_string())]).unwrap();
        assert_eq!(back, text);
    }

    #[test]
    fn an_inline_table_over_several_lines_keeps_the_comments_inside_it() {
        // TOML 1.1 lets an inline table run over lines with comments: set as a whole, its
        // `# the family` and `# low` were lost, only the closing line's `# high` kept.
        let file = "schema = 1\n[target]\nrevenue = \"3M\"\n[market]\nsize = \"10M\"\n[share]\n\
                    current = { dist = \"uniform\",   # the family\n            \
                    min = 0.02,       # low\n            max = 0.05 }      # high\n";
        let typed = "{ dist = \"uniform\", min = \"3%\", max = \"6%\" }".to_string();
        let out = apply_edits(file, &[(Field::ShareCurrent, typed)]).unwrap();
        let want = file
            .replace("0.02,", "\"3%\",")
            .replace("0.05 }", "\"6%\" }");
        assert_eq!(out, want);
        // Another family: a key it keeps stays on its line with its comment; the others take
        // the lines of those it drops, not their comments (`# low` was left on `mean`), which
        // go above the table with the lines they were about.
        let typed = "{ dist = \"normal\", mean = \"4%\", sd = \"1%\" }".to_string();
        let out = apply_edits(file, &[(Field::ShareCurrent, typed)]).unwrap();
        assert_eq!(
            out,
            "schema = 1\n[target]\nrevenue = \"3M\"\n[market]\nsize = \"10M\"\n[share]\n\
             # current.min = 0.02       # low\n# current.max = 0.05       # high\n\
             current = { dist = \"normal\",   # the family\n            \
             mean = \"4%\",\n            sd = \"1%\" }\n"
        );
        // Fewer keys: the comment of one dropped goes above the table alike.
        let typed = "{ dist = \"uniform\", max = \"6%\" }".to_string();
        let out = apply_edits(file, &[(Field::ShareCurrent, typed)]).unwrap();
        assert!(
            out.contains(
                "# current.min = 0.02       # low\n\
                 current = { dist = \"uniform\",   # the family\n            \
                 max = \"6%\" }      # high\n"
            ),
            "{out}"
        );
        // A plain value: the comments inside go above its line, the closing one stays on it.
        let out = apply_edits(file, &[(Field::ShareCurrent, "3%".to_string())]).unwrap();
        assert!(
            out.contains("[share]\n# the family\n# low\ncurrent = \"3%\"      # high\n"),
            "{out}"
        );
    }

    #[test]
    fn a_fitted_inline_table_over_lines_gives_no_parameter_the_comment_of_another() {
        // `fit --into` left `# low` on `mean` and `# typical` on `sd`, the lines of the
        // uniform's `min` and `max` it took.
        let file = "[capacity]\nreps = 3\nattainment = {\n  dist = \"uniform\",\n  \
                    # the range\n  min = 0.5,   # low\n  max = 0.9,   # typical\n}\n";
        let typed = "{ dist = \"normal\", mean = \"79.75%\", sd = \"13.5%\" }";
        let note = fitted(8);
        let (out, _) = apply_with_note(file, Field::CapacityAttainment, typed, &note).unwrap();
        assert_eq!(
            out,
            format!(
                "[capacity]\nreps = 3\n# the range\n# attainment.min = 0.5   # low\n\
                 # attainment.max = 0.9   # typical\nattainment = {{\n  dist = \"normal\",\n  \
                 mean = \"79.75%\",\n  sd = \"13.5%\",\n}}  # {note}\n"
            )
        );
    }

    #[test]
    fn a_fitted_inline_table_inside_an_inline_section_keeps_the_dropped_comments_inside() {
        // With `[capacity]` itself inline there was no line above the key: `# low` and
        // `# typical` were dropped, work lost.
        let file = "capacity = { reps = 3, attainment = {\n  dist = \"uniform\",\n  \
                    min = 0.5,   # low\n  max = 0.9,   # typical\n} }\n";
        let typed = "{ dist = \"normal\", mean = \"79.75%\", sd = \"13.5%\" }";
        let out = apply_edits(file, &[(Field::CapacityAttainment, typed.to_string())]).unwrap();
        assert!(
            out.contains("# low") && out.contains("# typical") && out.contains("mean = "),
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
        assert!(out.contains("horizon_days = 120  # one quarter"), "{out}");
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
        assert_eq!(out, crlf.replace("\"3M\"  ", "\"200k\""));
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
        let note = |n| fitted(n).to_string();
        let out = apply_with_note(FILE, Field::TargetRevenue, "2M", &fitted(8))
            .unwrap()
            .0;
        assert_eq!(
            out,
            FILE.replace(
                "\"3M\"      # the CEO's number",
                &format!("\"2M\"      # the CEO's number; {}", note(8))
            )
        );
        let again = apply_with_note(&out, Field::TargetRevenue, "2.5M", &fitted(9))
            .unwrap()
            .0;
        assert!(
            again.contains(&format!("# the CEO's number; {}\n", note(9))),
            "{again}"
        );
        let bare = apply_with_note(FILE, Field::MarketSize, "40M to 80M", &fitted(8))
            .unwrap()
            .0;
        assert!(
            bare.contains(&format!("size = \"40M to 80M\"  # {}\n", note(8))),
            "{bare}"
        );
    }

    #[test]
    fn comments_lined_up_stay_in_their_column_when_a_value_grows_or_shrinks() {
        let text = "[market]\nsize = \"60M to 90M\"     # analyst report\ngrowth = \"5% to 15%\"      # same\nserviceable = 0.5 # by hand\n";
        let column = |out: &str, key: &str| {
            let line = out.lines().find(|l| l.starts_with(key)).unwrap();
            line[..line.find('#').unwrap()].width()
        };
        for size in ["6M", "60M to 90M", "600M to 900M", "\u{5e02}\u{5834} 60M"] {
            let edits = [
                (Field::MarketSize, format!("\"{size}\"")),
                (Field::MarketServiceable, "1".to_string()),
            ];
            let out = apply_edits(text, &edits).unwrap();
            assert_eq!(column(&out, "size"), column(text, "size"), "{out}");
            assert_eq!(column(&out, "growth"), column(text, "growth"), "{out}");
            // One space before the `#` was no alignment: it stays one.
            assert!(out.contains("serviceable = 1 # by hand\n"), "{out}");
        }
        // A value longer than the room keeps one space before its comment.
        let long = "\"60M to 90M, about 75M by the analysts' median estimate\"";
        let out = apply_edits(text, &[(Field::MarketSize, long.to_string())]).unwrap();
        assert!(
            out.contains(&format!("size = {long} # analyst report\n")),
            "{out}"
        );
        // A table, for a value, keeps the spaces its line had.
        let table = "{ dist = \"normal\", mean = \"50M\", sd = \"5M\" }";
        let out = apply_edits(text, &[(Field::MarketSize, table.to_string())]).unwrap();
        assert!(
            out.contains(&format!("size = {table}     # analyst")),
            "{out}"
        );
    }

    #[test]
    fn a_comment_pushed_right_by_a_table_goes_back_to_its_neighbours_column_with_a_short_value() {
        // Growth through a table and back to `5%` read `growth = "5%"        # annual …`,
        // left of the comments above and below it.
        let column = |out: &str, key: &str| {
            let line = out.lines().find(|l| l.starts_with(key)).unwrap();
            line.find('#')
        };
        let table = "{ dist = \"normal\", mean = \"8%\", sd = \"3%\" }";
        let out = apply_edits(
            crate::scenario::TEMPLATE,
            &[(Field::MarketGrowth, table.to_string())],
        )
        .unwrap();
        let back = apply_edits(&out, &[(Field::MarketGrowth, "\"5%\"".into())]).unwrap();
        assert_eq!(column(&back, "growth"), column(&back, "size"), "{back}");
    }

    #[test]
    fn a_comment_put_right_of_its_neighbours_stays_where_it_was_put() {
        // `growth = "8%"` with its comment put further right than the others' on purpose: a
        // new value moved it back to their column, though no value had pushed it.
        let column = |out: &str, key: &str| {
            let line = out.lines().find(|l| l.starts_with(key)).unwrap();
            line.find('#')
        };
        let placed = crate::scenario::TEMPLATE
            .lines()
            .find(|l| l.starts_with("growth"))
            .unwrap();
        let (value, comment) = placed.split_once('#').unwrap();
        let moved = format!("{}{}#{comment}", value.trim_end(), " ".repeat(30));
        let file = crate::scenario::TEMPLATE.replace(placed, &moved);
        let out = apply_edits(&file, &[(Field::MarketGrowth, "\"9%\"".into())]).unwrap();
        assert_eq!(column(&out, "growth"), column(&file, "growth"), "{out}");
    }

    #[test]
    fn a_fitted_value_changed_by_hand_loses_the_note_but_keeps_its_comment() {
        let note = fitted(8);
        let fitted = apply_with_note(FILE, Field::TargetRevenue, "2M", &note)
            .unwrap()
            .0;
        let typed = apply_edits(&fitted, &[(Field::TargetRevenue, "2.2M".into())]).unwrap();
        assert_eq!(
            typed,
            FILE.replace(
                "\"3M\"      # the CEO's number",
                "\"2.2M\"    # the CEO's number"
            )
        );
        // A comment that was the note alone goes whole.
        let bare = apply_with_note(FILE, Field::MarketSize, "40M to 80M", &note)
            .unwrap()
            .0;
        let typed = apply_edits(&bare, &[(Field::MarketSize, "45M to 80M".into())]).unwrap();
        assert!(typed.contains("size = \"45M to 80M\"\n"), "{typed}");
        // Without a note, the comment is kept as it was, in its column.
        let plain = apply_edits(FILE, &[(Field::TargetRevenue, "2.2M".into())]).unwrap();
        assert!(
            plain.contains("\"2.2M\"    # the CEO's number\n"),
            "{plain}"
        );
    }

    #[test]
    fn a_comment_that_only_mentions_skypie_fit_is_kept_when_the_value_is_edited() {
        // Not the note `fit --into` writes (no data, no n): a person's words, once cut away.
        let file = FILE.replace("# the CEO's number", "# fitted by skypie fit, then rounded");
        let out = apply_edits(&file, &[(Field::TargetRevenue, "2.2M".into())]).unwrap();
        assert_eq!(out, file.replace("\"3M\"  ", "\"2.2M\""));
        assert!(fit_notes(toml_edit::Document::parse(&file).unwrap().as_table(), &file).is_empty());
    }

    /// [`FILE`] with `market.size` written as a table of its own.
    pub(in crate::scenario) const SUB_TABLE: &str = "\
[market]
growth = 0.05

# the size, from the board deck
[market.size]   # a table
dist = \"uniform\"
# the low case
min = \"20M\"     # bottom-up
max = \"40M\"
";

    #[test]
    fn a_key_written_as_a_table_stays_one_keeping_its_header_and_comments() {
        let note = fitted(8);
        let typed = "{ dist = \"triangular\", min = \"22M\", mode = \"28M\", max = \"35M\" }";
        let (out, noted) = apply_with_note(SUB_TABLE, Field::MarketSize, typed, &note).unwrap();
        assert!(noted);
        assert_eq!(
            out,
            format!(
                "[market]\ngrowth = 0.05\n\n# the size, from the board deck\n\
                 [market.size]   # a table; {note}\ndist = \"triangular\"\n# the low case\n\
                 min = \"22M\"     # bottom-up\nmode = \"28M\"\nmax = \"35M\"\n"
            )
        );
        let typed = "{ dist = \"lognormal\", mu = 17.1, sigma = 0.2 }";
        let out = apply_edits(SUB_TABLE, &[(Field::MarketSize, typed.into())]).unwrap();
        assert!(
            out.ends_with(
                "[market.size]   # a table\n# the low case\n# min = \"20M\"     # bottom-up\n\
                 dist = \"lognormal\"\nmu = 17.1\nsigma = 0.2\n"
            ),
            "a lost key's comment line stays, and its trailing comment with its old line: {out}"
        );
    }

    #[test]
    fn a_fitted_table_keeps_the_comments_of_the_lines_it_replaces() {
        // `# low` went with `min = 0.5` when `fit --into` wrote a normal over a uniform.
        let file = "[capacity]   # team\nreps = 3\n\n[capacity.attainment]   # from the board deck\n\
                    dist = \"uniform\"\nmin = 0.5   # low\nmax = 0.9\n";
        let typed = "{ dist = \"normal\", mean = \"79.75%\", sd = \"13.5%\" }";
        let note = fitted(8);
        let (out, _) = apply_with_note(file, Field::CapacityAttainment, typed, &note).unwrap();
        assert_eq!(
            out,
            format!(
                "[capacity]   # team\nreps = 3\n\n[capacity.attainment]   # from the board deck; \
                 {note}\n# min = 0.5   # low\ndist = \"normal\"\nmean = \"79.75%\"\nsd = \"13.5%\"\n"
            )
        );
        let dotted = "[capacity]\nreps = 3\nattainment.dist = \"uniform\"\n\
                      attainment.min = 0.5   # low\nattainment.max = 0.9   # stretch\n";
        let (out, _) = apply_with_note(dotted, Field::CapacityAttainment, typed, &note).unwrap();
        // Named as the section's keys are: `# min = 0.5` under [capacity] would read as a key
        // of the team's, and uncommented it is one skypie refuses.
        assert!(
            out.contains("\n# attainment.min = 0.5   # low\n")
                && out.contains("\n# attainment.max = 0.9   # stretch\n"),
            "{out}"
        );
        // `[capacity]` itself written as dotted keys at the top of the file: named from there.
        let root = "schema = 1\ncapacity.reps = 3\ncapacity.attainment.dist = \"uniform\"\n\
                    capacity.attainment.min = 0.5   # low\ncapacity.attainment.max = 0.9\n";
        let (out, _) = apply_with_note(root, Field::CapacityAttainment, typed, &note).unwrap();
        assert!(
            out.contains("\n# capacity.attainment.min = 0.5   # low\n"),
            "{out}"
        );
    }

    #[test]
    fn a_table_s_lined_up_comments_stay_in_their_column_when_its_values_change() {
        // `mean = 0.8        # avg` was written `mean = "79.75%"        # avg`, by a fit and
        // by a session's save alike: the comment moved right by the value's growth.
        let file = "[capacity.attainment]   # the team\ndist = \"normal\"   # shape\n\
                    mean = 0.8        # avg\nsd = 0.1          # spread\n";
        let typed = "{ dist = \"normal\", mean = \"79.75%\", sd = \"13.5%\" }";
        let values = "dist = \"normal\"   # shape\nmean = \"79.75%\"   # avg\n\
                      sd = \"13.5%\"      # spread\n";
        let saved = apply_edits(file, &[(Field::CapacityAttainment, typed.into())]).unwrap();
        assert_eq!(
            saved,
            format!("[capacity.attainment]   # the team\n{values}")
        );
        let (fitted, _) =
            apply_with_note(file, Field::CapacityAttainment, typed, &fitted(8)).unwrap();
        assert!(fitted.ends_with(&format!("(n = 8)\n{values}")), "{fitted}");
        // Among dotted keys too; a comment one space after its value keeps that one space.
        let dotted = "[capacity]\nattainment.dist = \"normal\" # shape\n\
                      attainment.mean = 0.8          # avg\n\
                      attainment.sd = 0.1            # spread\n";
        let saved = apply_edits(dotted, &[(Field::CapacityAttainment, typed.into())]).unwrap();
        assert_eq!(
            saved,
            "[capacity]\nattainment.dist = \"normal\" # shape\n\
             attainment.mean = \"79.75%\"     # avg\n\
             attainment.sd = \"13.5%\"        # spread\n"
        );
    }

    #[test]
    fn a_table_added_at_the_end_comes_after_the_comment_lines_that_end_the_file() {
        // `# attainment goes here`, the last line of [capacity], was left under a new [share].
        let file = "schema = 1\n[capacity]\nreps = 9\n# attainment goes here\n";
        let note = fitted(8);
        let (out, _) = apply_with_note(file, Field::ShareGainPerYear, "5% to 12%", &note).unwrap();
        assert_eq!(
            out,
            format!(
                "schema = 1\n[capacity]\nreps = 9\n# attainment goes here\n\n[share]\n\
                 gain_per_year = \"5% to 12%\"  # {note}\n"
            )
        );
    }

    #[test]
    fn a_key_written_as_a_table_set_to_a_plain_value_is_a_line_with_its_comments() {
        // The comments inside the table stay above the line (they were lost).
        let out = apply_edits(SUB_TABLE, &[(Field::MarketSize, "20M to 40M".into())]).unwrap();
        assert_eq!(
            out,
            "[market]\ngrowth = 0.05\n\n# the size, from the board deck\n# the low case\n\
             # size.min = \"20M\"     # bottom-up\nsize = \"20M to 40M\"   # a table\n"
        );
        let dotted = "[market]\ngrowth = 0.05\n# why\nsize.dist = \"uniform\"  # d\n\
                      size.min = \"20M\"\nsize.max = \"40M\"\n";
        let note = fitted(8);
        let out = apply_with_note(dotted, Field::MarketSize, "20M to 40M", &note)
            .unwrap()
            .0;
        assert_eq!(
            out,
            format!("[market]\ngrowth = 0.05\n# why\nsize = \"20M to 40M\"  # d; {note}\n")
        );
        let typed = "{ dist = \"normal\", mean = \"28M\", sd = \"4M\" }";
        let out = apply_with_note(dotted, Field::MarketSize, typed, &note)
            .unwrap()
            .0;
        assert_eq!(
            out,
            format!(
                "[market]\ngrowth = 0.05\n# why\nsize.dist = \"normal\"   # d; {note}\n\
                 size.mean = \"28M\"\nsize.sd = \"4M\"\n"
            )
        );
    }

    #[test]
    fn a_nudged_correlation_is_saved_in_place_or_added() {
        let with =
            format!("{FILE}\n[correlation]\n\"market.size ~ market.growth\" = -0.4  # why\n");
        let out = apply_correlation(&with, "market.size ~ market.growth", -0.35).unwrap();
        // Its comment stays in its column, one space after the value at least.
        assert_eq!(out, with.replace("-0.4  # why", "-0.35 # why"));
        let out = apply_correlation(FILE, "market.size ~ market.growth", 0.2).unwrap();
        assert!(
            out.ends_with("[correlation]\n\"market.size ~ market.growth\" = 0.2\n"),
            "{out}"
        );
        crate::scenario::Scenario::parse(&out, "test").unwrap();
    }

    #[test]
    fn a_key_added_to_an_inline_table_goes_before_its_closing_space() {
        // It went after it: `serviceable = "51%" , growth = "1%" }`.
        let text = "schema = 1\nmarket = { size = \"20M to 40M\", serviceable = 0.5 }\n";
        let edits = [
            (Field::MarketServiceable, "51%".to_string()),
            (Field::MarketGrowth, "1%".to_string()),
        ];
        let out = apply_edits(text, &edits).unwrap();
        assert_eq!(
            out,
            "schema = 1\nmarket = { size = \"20M to 40M\", serviceable = \"51%\", growth = \"1%\" }\n"
        );
        // A pair added to an inline [correlation] table alike.
        let pairs = "schema = 1\ncorrelation = { \"market.size ~ market.growth\" = 0.3 }\n";
        let out = apply_correlation(pairs, "share.current ~ share.gain_per_year", 0.2).unwrap();
        assert_eq!(
            out,
            "schema = 1\ncorrelation = { \"market.size ~ market.growth\" = 0.3, \"share.current ~ share.gain_per_year\" = 0.2 }\n"
        );
        // Written tight, it stays tight.
        let tight = "schema = 1\nmarket = {size = \"20M to 40M\"}\n";
        let out = apply_edits(tight, &[(Field::MarketGrowth, "1%".to_string())]).unwrap();
        assert!(out.contains("{size = \"20M to 40M\","), "{out}");
        assert!(!out.contains(" ,"), "{out}");
    }

    #[test]
    fn a_key_added_to_an_inline_table_and_taken_back_leaves_the_line_as_it_was() {
        // The space before `}` went with the key taken out: `serviceable = "80%"}`.
        let opened =
            "schema = 1\nmarket = { size = \"35M to 70M\", serviceable = \"80%\" }   # inline\n";
        let added = apply_edits(opened, &[(Field::MarketGrowth, "1%".to_string())]).unwrap();
        assert!(
            added.contains("\"80%\", growth = \"1%\" }   # inline"),
            "{added}"
        );
        let back = restore_field(&added, opened, Field::MarketGrowth).unwrap();
        assert_eq!(back, opened);
    }

    #[test]
    fn a_changed_correlation_keeps_its_comment_in_the_column_of_the_others() {
        // 0.7 to 0.75 moved its `#` a column right of the line below's.
        let text = "schema = 1\n[correlation]\n\"market.growth ~ share.gain_per_year\" = 0.7   # a\n\"market.size ~ market.growth\" = -0.4          # b\n";
        let out = apply_correlation(text, "market.growth ~ share.gain_per_year", 0.75).unwrap();
        let column = |line: &str| line.find('#').unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(column(lines[2]), column(lines[3]), "{out}");
        assert!(lines[2].contains("= 0.75  # a"), "{out}");
    }

    #[test]
    fn a_dropped_correlation_leaves_an_inline_table_s_other_pairs() {
        let at = "horizon_days = 90   # one quarter\n";
        let inline = |pairs: &str| FILE.replace(at, &format!("{at}correlation = {{ {pairs} }}\n"));
        let both =
            "\"market.size ~ market.growth\" = -0.4, \"market.growth ~ share.current\" = 0.7";
        let out = remove_correlation(&inline(both), "market.size ~ market.growth").unwrap();
        assert_eq!(out, inline("\"market.growth ~ share.current\" = 0.7"));
    }

    #[test]
    fn a_dropped_correlation_loses_its_line_but_not_the_comments_above_the_next() {
        let with = format!(
            "{FILE}\n[correlation]\n# from the 2025 board pack\n\
             \"market.size ~ market.growth\" = -0.4  # why\n\
             # slow markets\n\"market.growth ~ share.gain_per_year\" = 0.7\n"
        );
        let out = remove_correlation(&with, "market.size ~ market.growth").unwrap();
        assert_eq!(
            out,
            format!(
                "{FILE}\n[correlation]\n# from the 2025 board pack\n\
                 # slow markets\n\"market.growth ~ share.gain_per_year\" = 0.7\n"
            )
        );
        let out = remove_correlation(&out, "market.growth ~ share.gain_per_year").unwrap();
        assert_eq!(
            out,
            format!("{FILE}\n[correlation]\n# from the 2025 board pack\n# slow markets\n")
        );
        crate::scenario::Scenario::parse(&out, "test").unwrap();
        assert_eq!(
            remove_correlation(FILE, "market.size ~ market.growth").unwrap(),
            FILE
        );
    }

    #[test]
    fn dropping_the_only_correlation_keeps_every_comment_line_under_the_header() {
        let pair = "\"market.size ~ market.growth\" = -0.4  # why\n";
        let with = format!(
            "{FILE}\n[correlation]  # pairs\n# from the 2025 board pack\n\n# slow markets\n{pair}"
        );
        let out = remove_correlation(&with, "market.size ~ market.growth").unwrap();
        assert_eq!(out, with.replace(pair, ""));
        crate::scenario::Scenario::parse(&out, "test").unwrap();
        // Another table after it: the lines stay between the two headers.
        let later = "\n[sales]\nreps = 4\n";
        let with = format!("{FILE}\n[correlation]\n# note\n{pair}{later}");
        let out = remove_correlation(&with, "market.size ~ market.growth").unwrap();
        assert_eq!(out, with.replace(pair, ""));
        // Line ends as the file writes them.
        let crlf = format!("{FILE}\n[correlation]\n# note\n{pair}").replace('\n', "\r\n");
        let out = remove_correlation(&crlf, "market.size ~ market.growth").unwrap();
        assert_eq!(out, crlf.replace(&pair.replace('\n', "\r\n"), ""));
    }

    #[test]
    fn dropping_the_last_of_several_correlations_keeps_its_comment_lines_where_they_were() {
        let first = "\"market.growth ~ share.gain_per_year\" = 0.7  # both follow the cycle\n";
        let last = "\"market.size ~ market.growth\" = -0.4\n";
        let with = format!("{FILE}\n[correlation]\n{first}# from the 2025 board pack\n{last}");
        let out = remove_correlation(&with, "market.size ~ market.growth").unwrap();
        // Not moved up under the header, where they would read as the first pair's.
        assert_eq!(out, with.replace(last, ""));
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
