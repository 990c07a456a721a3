//! The writers: table (for terminals and logs), CSV (RFC 4180), Markdown and JSON. Each turns
//! rows into text; where the text goes is the caller's business.

use comfy_table::{Cell, Color, ContentArrangement, Table, presets};

use super::format::{
    FRONTIER_HEADING, Hue, NOTHING_UNCERTAIN, TIME_PATH_HEADING, frontier_rows, levers_column,
    levers_heading, money, pinned_pair, points, sensitivity_heading, tornado_tails, verdict_hue,
};
use super::lever::{COMBINED_LEVER, ShareGainNote, combined_beside_now, lever_shown};
use super::markdown::{escape, escape_line, heading, pipe_table};
use super::{COLUMNS, Record, Row, sentence};
use crate::model::Detail;
use crate::model::sensitivity::SensitivityOf;
use crate::text::printable;

/// The output formats of `eval` (the live session's export writes CSV and Markdown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A table for people, then one sentence per scenario (the default, but for an `--out` file
    /// whose extension names another format).
    Table,
    /// The headline columns as RFC 4180 CSV, full precision.
    Csv,
    /// The headline columns as a Markdown table (plus detail sections with --detail).
    Md,
    /// A JSON array, one object per scenario, with every key README lists.
    Json,
}

impl Format {
    /// Every format, as `--format` lists them.
    pub const ALL: [Format; 4] = [Format::Table, Format::Csv, Format::Md, Format::Json];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Csv => "csv",
            Format::Md => "md",
            Format::Json => "json",
        }
    }

    /// The file extensions that name the format (lower case, without the dot).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Table => &[],
            Format::Csv => &["csv"],
            Format::Md => &["md", "markdown"],
            Format::Json => &["json"],
        }
    }

    /// The format a file's extension names ([`Format::extensions`], in any case), for an
    /// `--out` given without `--format`: a table of box-drawing characters in `summary.csv`
    /// was nobody's wish.
    pub fn of_file(path: &std::path::Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.extensions().contains(&extension.as_str()))
    }

    /// Whether the format is data with a fixed set of keys (CSV, JSON) rather than text for
    /// people: written even when no scenario was evaluated (`[]`, a bare header).
    pub fn is_data(self) -> bool {
        match self {
            Format::Csv | Format::Json => true,
            Format::Table | Format::Md => false,
        }
    }

    /// Whether the format has room for `--detail` (tornado, levers, time path, frontier) and
    /// for the warnings; where it has not (CSV's headline columns), standard error says so.
    pub fn carries_detail(self) -> bool {
        match self {
            Format::Csv => false,
            Format::Table | Format::Md | Format::Json => true,
        }
    }

    /// What the format is for, as `--help` says it.
    pub fn description(self) -> &'static str {
        match self {
            Format::Table => "a table for people, then one sentence per scenario",
            Format::Csv => "the headline columns as RFC 4180 CSV, full precision",
            Format::Md => "the headline columns as a Markdown table (with --detail, the detail)",
            Format::Json => "a JSON array, one object per scenario",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    /// Its name, or an extension that names it (`markdown`, as `--out x.markdown` takes it).
    fn from_str(name: &str) -> Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == name || f.extensions().contains(&name))
            .ok_or_else(|| format!("unknown format `{name}`"))
    }
}

/// How the table format may decorate its output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// Colour the verdicts (only on a terminal, never with NO_COLOR).
    pub color: bool,
    /// Wrap the table to this many columns (a terminal's width).
    pub width: Option<u16>,
}

/// Renders `rows` in `format`.
pub fn render(format: Format, rows: &[Row], style: Style) -> String {
    match format {
        Format::Table => table(rows, style),
        Format::Csv => csv(rows),
        Format::Md => markdown(rows),
        Format::Json => json(rows),
    }
}

/// A JSON array of one record per row, pretty-printed, ending in a newline.
pub fn json(rows: &[Row]) -> String {
    let records: Vec<Record> = rows.iter().map(|r| Record::of(*r)).collect();
    // Serialising plain data with string keys cannot fail.
    let mut text = pretty_json(&records).unwrap_or_else(|e| format!("{e}"));
    text.push('\n');
    text
}

/// `value` as pretty-printed JSON, as every JSON skypie writes is (`eval`'s, `fit`'s): a zero
/// is `0.0` whatever its sign, never `-0.0` (a share gain typed `-0%`), as CSV writes `0`
/// ([`super::format::RoundTrip`]).
pub fn pretty_json<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    let formatter = UnsignedZero(serde_json::ser::PrettyFormatter::new());
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out, formatter,
    ))?;
    // serde_json writes UTF-8 only.
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// serde_json's pretty layout, with every zero written without its sign.
struct UnsignedZero<'a>(serde_json::ser::PrettyFormatter<'a>);

impl serde_json::ser::Formatter for UnsignedZero<'_> {
    fn write_f64<W: ?Sized + std::io::Write>(&mut self, w: &mut W, x: f64) -> std::io::Result<()> {
        // -0.0 == 0.0: either is written as 0.0.
        self.0.write_f64(w, if x == 0.0 { 0.0 } else { x })
    }

    fn write_f32<W: ?Sized + std::io::Write>(&mut self, w: &mut W, x: f32) -> std::io::Result<()> {
        self.0.write_f32(w, if x == 0.0 { 0.0 } else { x })
    }

    // The layout, as PrettyFormatter writes it.
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// The headline columns as CSV with a header row, numbers at full precision, text cells
/// guarded against spreadsheet formulas (`formula_guard`).
pub fn csv(rows: &[Row]) -> String {
    let header = COLUMNS.iter().map(|c| c.key.to_string()).collect();
    let body = rows
        .iter()
        .map(|r| COLUMNS.iter().map(|c| formula_guard(c.raw(r))).collect());
    csv_text(std::iter::once(header).chain(body))
}

/// `records` as CSV text, the header among them: the batch's CSV and the comparison's.
pub fn csv_text(records: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for record in records {
        // Writing to memory cannot fail.
        let _ = writer.write_record(&record);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A CSV cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or
/// a carriage return) with a leading `'`, which makes it text (OWASP, "CSV Injection"). A
/// number is data and stays a number: `-0.12` (a negative pace) is left as it is, and so is a
/// lone `-` (standard input's file name), which no spreadsheet runs. Rust reads `-inf`, `+NaN`
/// and `-1e999` as numbers, a spreadsheet as a formula (`#NAME?` where a scenario's name
/// was): only a finite number is one. (No figure of the summary is ever `-inf`: the
/// infinite ones, a pace into an empty market, are `inf`, which no spreadsheet runs.)
pub fn formula_guard(cell: String) -> String {
    let formula_like = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let number = cell.parse::<f64>().is_ok_and(f64::is_finite) || cell == "-";
    if formula_like && !number {
        format!("'{cell}")
    } else {
        cell
    }
}

/// A scenario's warning as a batch says it: naming its `file` among several (a sentence names
/// the scenario, not the file), as CSV's on standard error always do.
pub fn warning_of(named: bool, file: &str, warning: &str) -> String {
    if named {
        format!("warning: {file}: {warning}")
    } else {
        format!("warning: {warning}")
    }
}

/// The headline columns as a Markdown table, then each scenario's sentence, warnings and
/// detail, every text escaped ([`super::markdown`]) so that it reads as written.
pub fn markdown(rows: &[Row]) -> String {
    let header: Vec<&str> = COLUMNS.iter().map(|c| c.header).collect();
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| COLUMNS.iter().map(|c| c.human(r)).collect())
        .collect();
    let mut out = pipe_table(&header, &body);
    for row in rows {
        out += &format!("\n{}\n", escape_line(&sentence(row, &row.scenario.name)));
        // Under the sentence they qualify, not below the detail; in a batch, naming the file.
        let warnings = &row.evaluation.headline.warnings;
        if !warnings.is_empty() {
            out += "\n";
            for warning in warnings {
                let said = warning_of(rows.len() > 1, row.file, &warning.text);
                out += &format!("- {}\n", escape(&said));
            }
        }
        if let Some(detail) = &row.evaluation.detail {
            out += &format!("\n### {}\n", heading(&row.scenario.name));
            for t in detail_tables(row, detail) {
                // Only the tornado can have no rows: every input fixed.
                let body = if t.rows.is_empty() {
                    format!("{NOTHING_UNCERTAIN}\n")
                } else {
                    pipe_table(&t.header, &t.rows)
                };
                out += &format!("\n**{}**\n\n{body}", t.title);
                for note in t.notes.iter().flatten() {
                    out += &format!("\n{}\n", escape_line(note));
                }
            }
        }
    }
    out
}

/// The columns the terminal table shows its own way: the name heads the table, the file is cut
/// at its start (keeping its end), the verdict takes its colour.
const NAME: &str = "name";
const FILE: &str = "file";
const VERDICT: &str = "verdict";

/// The terminal table: one column per scenario and one row per headline figure (so it fits a
/// terminal however many figures there are), then each one's sentence, warnings and detail.
/// On a terminal, as many scenarios as fit its width side by side ([`side_by_side`]), the rest
/// in tables below, each with the figures' names: ten scenarios in 80 columns were ten columns
/// five characters wide. Elsewhere (a file, a pipe) one table, however wide.
pub fn table(rows: &[Row], style: Style) -> String {
    let per_table = style.width.map_or(rows.len(), side_by_side).max(1);
    let tables: Vec<String> = rows
        .chunks(per_table)
        .map(|some| headline_table(some, style))
        .collect();
    let mut out = tables.join("\n");
    for row in rows {
        // Named as the table's header names it, cut alike.
        let name = shown_head(&row.scenario.name);
        out += &format!("\n{}\n", printable(&sentence(row, &name)));
        // Under the sentence they qualify, not below the detail.
        for warning in &row.evaluation.headline.warnings {
            let said = warning_of(rows.len() > 1, row.file, &warning.text);
            out += &format!("{}\n", printable(&said));
        }
        if let Some(detail) = &row.evaluation.detail {
            for t in detail_tables(row, detail) {
                // Only the tornado can have no rows: every input fixed.
                if t.rows.is_empty() {
                    out += &format!("\n{}\n{NOTHING_UNCERTAIN}\n", t.title);
                    continue;
                }
                let mut table = new_table(style);
                table.set_header(t.header);
                for row in t.rows {
                    table.add_row(row);
                }
                out += &format!("\n{}\n{table}\n", t.title);
                for note in t.notes.iter().flatten() {
                    out += &format!("{}\n", printable(note));
                }
            }
        }
    }
    out
}

/// How many scenarios' columns a terminal `width` columns wide shows side by side, beside the
/// figures' names: each at least [`NARROWEST_SCENARIO`] wide, wrapped within it.
fn side_by_side(width: u16) -> usize {
    usize::from(width).saturating_sub(NARROWEST_SCENARIO) / NARROWEST_SCENARIO
}

/// The narrowest a column of the headline table reads in, its border and padding in:
/// "needs (P50 capture)" and "already covered by today's share" wrap in two lines.
const NARROWEST_SCENARIO: usize = 20;

/// The headline table of `rows`, a column each.
fn headline_table(rows: &[Row], style: Style) -> String {
    let mut table = new_table(style);
    let mut header = vec![Cell::new("")];
    header.extend(rows.iter().map(|r| Cell::new(shown_head(&r.scenario.name))));
    table.set_header(header);
    for column in COLUMNS.iter().filter(|c| c.key != NAME) {
        let mut line = vec![Cell::new(column.header)];
        line.extend(rows.iter().map(|row| {
            let text = column.human(row);
            let cell = Cell::new(if column.key == FILE {
                shown_tail(&text)
            } else {
                shown_head(&text)
            });
            if column.key == VERDICT && style.color {
                cell.fg(color(verdict_hue(row.evaluation.headline.verdict)))
            } else {
                cell
            }
        }));
        table.add_row(line);
    }
    format!("{table}\n")
}

/// The most characters of a name, a path or a figure a table cell shows: comfy-table lays a
/// table out in time quadratic in a cell's width (a 3 MB name took seconds). JSON and CSV
/// carry the full text.
pub const CELL_WIDTH: usize = 60;

/// A cell's text safe for a terminal ([`printable`]) and cut to [`CELL_WIDTH`] characters,
/// ending in `…` when cut: for names.
pub fn shown_head(text: &str) -> String {
    let shown = printable(text);
    if shown.chars().count() <= CELL_WIDTH {
        return shown.into_owned();
    }
    let mut cut: String = shown.chars().take(CELL_WIDTH - 1).collect();
    cut.push('…');
    cut
}

/// Like [`shown_head`], but keeps the end, starting with `…` when cut: for file paths, whose
/// last part names the file.
fn shown_tail(text: &str) -> String {
    let shown = printable(text);
    let count = shown.chars().count();
    if count <= CELL_WIDTH {
        return shown.into_owned();
    }
    std::iter::once('…')
        .chain(shown.chars().skip(count - (CELL_WIDTH - 1)))
        .collect()
}

fn new_table(style: Style) -> Table {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    match style.width {
        Some(width) => {
            table.set_content_arrangement(ContentArrangement::Dynamic);
            table.set_width(width);
        }
        None => {
            table.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    if style.color {
        table.enforce_styling();
    } else {
        table.force_no_tty();
    }
    table
}

/// comfy-table's colour for a [`Hue`] (its plain names are the bright shades).
fn color(hue: Hue) -> Color {
    match hue {
        Hue::Green => Color::Green,
        Hue::Yellow => Color::Yellow,
        Hue::Magenta => Color::Magenta,
        Hue::Red => Color::Red,
    }
}

/// A titled table of text cells, for any table writer.
struct TextTable {
    title: &'static str,
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    /// The sentences under the table (the tornado's tails), each a line of its own.
    notes: Vec<Option<String>>,
}

/// The tornado, levers, time path and frontier of `row` as text tables.
fn detail_tables(row: &Row, detail: &Detail) -> Vec<TextTable> {
    // At the plan's digits: the required revenue's last row is the target, which reads as the
    // sentence has it ($11.611M beside a realistic $11.61M, not $11.6M), the rows before it
    // rounded up, as a requirement; what the plan can book is rounded down, as the realistic
    // target is.
    let (plan, target) = (row.plan_money(), row.scenario.target_revenue);
    let mut tables = vec![
        tornado_table(detail, row),
        levers_table(row, detail),
        TextTable {
            title: TIME_PATH_HEADING,
            header: vec!["day", "required", "achievable P10", "P50", "P90"],
            rows: detail
                .time_path
                .iter()
                .map(|p| {
                    vec![
                        p.day.to_string(),
                        plan.required_by(p.required, target),
                        plan.achievable_by(p.p10, p.required, target),
                        plan.achievable_by(p.p50, p.required, target),
                        plan.achievable_by(p.p90, p.required, target),
                    ]
                })
                .collect(),
            notes: Vec::new(),
        },
    ];
    tables.push(frontier_table(row, detail));
    tables
}

/// The frontier: the same target over other horizons, its realistic targets at the plan's
/// digits, as the sentence above has the plan's own.
fn frontier_table(row: &Row, detail: &Detail) -> TextTable {
    let plan = row.plan_money();
    let confidence = row.scenario.confidence;
    TextTable {
        title: FRONTIER_HEADING,
        header: vec![
            "days",
            "P(feasible)",
            "realistic target",
            "needs (P50 capture)",
        ],
        rows: frontier_rows(detail, plan, confidence)
            .into_iter()
            .map(|(days, figures)| {
                // The plan's own row marked, as the board report marks it.
                let days = if days == row.scenario.horizon_days {
                    format!("{days} (plan)")
                } else {
                    days.to_string()
                };
                std::iter::once(days).chain(figures).collect()
            })
            .collect(),
        notes: vec![
            super::format::realistic_from(detail, confidence),
            super::format::on_this_runs_points(&row.evaluation.headline).map(str::to_string),
        ],
    }
}

/// The tornado: P(feasible) at each input's P10 and P90, or the realistic target there when
/// P(feasible) is 0 or 1 at every pin; under it, the inputs whose tails decide the plan.
fn tornado_table(detail: &Detail, row: &Row) -> TextTable {
    let (currency, confidence) = (&row.scenario.currency, row.scenario.confidence);
    let by_target = detail.sensitivity_of == SensitivityOf::RealisticTarget;
    // The swing itself (docs/MODEL.md §7, JSON's `swing`), which orders the rows, at three
    // digits: the difference of the two pins as shown, rounded, overstated a swing of $13.6
    // between $2.72k and $2.74k as $20, and ranked 3.12 pts above 3.14 pts.
    let plan = row.plan_money();
    let rows = detail
        .sensitivity
        .iter()
        .map(|s| {
            let (low, high) = s.ends(detail.sensitivity_of);
            let ([at_low, at_high], swing) = if by_target {
                (
                    [low, high].map(|x| plan.realistic(x)),
                    money(s.swing, currency),
                )
            } else {
                (pinned_pair(low, high, confidence), points(s.swing, 3))
            };
            vec![s.input.clone(), at_low, at_high, swing]
        })
        .collect();
    TextTable {
        title: sensitivity_heading(detail.sensitivity_of),
        header: vec!["input", "at P10", "at P90", "swing"],
        rows,
        notes: vec![tornado_tails(
            &detail.sensitivity,
            detail.sensitivity_of,
            row.headline().p_feasible,
            confidence,
        )],
    }
}

/// The levers, with what stops the ones out of reach, and the combined lever; for a plan
/// already `realistic`, how far each could go the other way, said so.
fn levers_table(row: &Row, detail: &Detail) -> TextTable {
    let (s, h) = (row.scenario, &row.evaluation.headline);
    let mut rows: Vec<Vec<String>> = detail
        .levers
        .iter()
        .map(|l| {
            let shown = lever_shown(l, s, h);
            let value = shown.text();
            vec![l.input.key(), shown.now, value]
        })
        .collect();
    if let Some(c) = &detail.combined_lever {
        let [now, value] = combined_beside_now(c, h);
        rows.push(vec![COMBINED_LEVER.to_string(), now, value]);
    }
    TextTable {
        title: levers_heading(h.verdict),
        header: vec!["lever", "today", levers_column(h.verdict)],
        rows,
        notes: vec![
            ShareGainNote::of(&detail.levers, detail.combined_lever.as_ref(), s, h)
                .map(|note| note.text()),
            super::format::on_this_runs_points(h).map(str::to_string),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_never_writes_a_negative_zero() {
        // `"assumed_pace": -0.0` for a share gain typed `-0%`.
        let text = pretty_json(&[-0.0f64, 0.0, -1.5, 2.0]).expect("numbers");
        assert_eq!(text, "[\n  0.0,\n  0.0,\n  -1.5,\n  2.0\n]");
        let nested = serde_json::json!({"a": {"b": [-0.0]}});
        assert_eq!(
            pretty_json(&nested).expect("a map"),
            serde_json::to_string_pretty(&serde_json::json!({"a": {"b": [0.0]}})).expect("a map")
        );
    }

    #[test]
    fn the_columns_the_table_shows_its_own_way_are_columns() {
        // A renamed column would lose its cut or colour silently.
        for key in [NAME, FILE, VERDICT] {
            assert!(COLUMNS.iter().any(|c| c.key == key), "{key}");
        }
    }

    #[test]
    fn formulas_are_guarded_and_numbers_are_not() {
        for formula in [
            "=1+1",
            "+1+1",
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(A1)",
            "\tx",
            "\rx",
            // Numbers to Rust, formulas to a spreadsheet (a scenario named so read #NAME?).
            "-inf",
            "+inf",
            "-NaN",
            "-infinity",
            "-1e999",
        ] {
            assert_eq!(formula_guard(formula.into()), format!("'{formula}"));
        }
        for kept in [
            "-0.1",
            "-12",
            "-1e-300",
            "+5",
            "inf",
            "NaN",
            "-",
            "0.5",
            "Series B",
            "pie-in-the-sky",
            "",
        ] {
            assert_eq!(formula_guard(kept.into()), kept);
        }
    }

    #[test]
    fn long_names_are_cut_and_long_paths_keep_their_end() {
        let name = "n".repeat(1000);
        let shown = shown_head(&name);
        assert_eq!(shown.chars().count(), CELL_WIDTH);
        assert!(shown.ends_with("n…"));
        let path = format!("{}/plan.toml", "d".repeat(1000));
        let shown = shown_tail(&path);
        assert_eq!(shown.chars().count(), CELL_WIDTH);
        assert!(shown.starts_with("…d") && shown.ends_with("/plan.toml"));
        assert_eq!(shown_head("short"), "short");
        assert_eq!(shown_tail("a/b.toml"), "a/b.toml");
        assert_eq!(shown_head("\u{1b}[2J"), "\\u001b[2J");
    }

    #[test]
    fn on_a_terminal_as_many_scenarios_as_fit_its_width_stand_side_by_side() {
        let text = crate::scenario::BUILT_IN.replace("samples = 100000", "samples = 500");
        use crate::scenario::Scenario;
        let scenarios: Vec<Scenario> = (1..=7)
            .map(|i| {
                let named = text.replace("Series B — first 90 days", &format!("Plan {i}"));
                Scenario::parse(&named, "plan.toml").unwrap()
            })
            .collect();
        let evaluations: Vec<_> = scenarios
            .iter()
            .map(|s| crate::model::evaluate(s, false))
            .collect();
        let rows: Vec<Row> = scenarios
            .iter()
            .zip(&evaluations)
            .map(|(scenario, evaluation)| Row {
                file: "plan.toml",
                scenario,
                evaluation,
            })
            .collect();
        let tables = |width| {
            let out = table(
                &rows,
                Style {
                    color: false,
                    width,
                },
            );
            let widest = out.lines().filter(|l| l.starts_with(['┌', '│', '└']));
            let widest = widest.map(|l| l.chars().count()).max().unwrap_or(0);
            (out.matches('┌').count(), widest)
        };
        // Three a table at 80 columns (seven were seven columns of eight characters).
        assert_eq!(tables(Some(80)), (3, 80));
        let (count, widest) = tables(Some(120));
        assert_eq!(count, 2);
        assert!(widest <= 120, "{widest}");
        // Too narrow for two: one a table. Into a file or a pipe: one table.
        assert_eq!(tables(Some(30)).0, 7);
        assert_eq!(tables(None).0, 1);
    }

    #[test]
    fn no_output_looks_like_a_scenario() {
        // An output is kept from replacing a file that looks like a scenario: none of them may.
        let anecdote =
            crate::Scenario::parse(crate::scenario::BUILT_IN, "x").expect("the built-in");
        let evaluation = crate::evaluate(&anecdote, false);
        let rows = [Row {
            file: "x.toml",
            scenario: &anecdote,
            evaluation: &evaluation,
        }];
        let style = Style {
            color: false,
            width: None,
        };
        for format in Format::ALL {
            let text = render(format, &rows, style);
            assert!(!crate::Scenario::looks_like(&text), "{format:?}: {text}");
        }
    }
}
