//! `skypie report`: the board report of one scenario, written to an HTML file with the one
//! writer every file goes through.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::options::{RunArgs, UsageConflict, adjust, clobbered, load, output_path};
use super::progress::{say_where_typing_goes, spinner};
use crate::files::write_file;
use crate::terminal::{error_line, print_error};
use skypie::report::Row;
use skypie::report::board::{Board, Changes, evaluate, html};
use skypie::report::text::printable;

/// `skypie report`'s arguments.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The scenario file (`-` reads standard input).
    pub file: String,
    /// Where to write the report (default: beside FILE, as FILE's name with `.report.html`);
    /// `-` is standard output. A scenario file is never replaced.
    #[arg(long, short, value_parser = output_path)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub run: RunArgs,
}

/// Where the report goes without `--out`: `plan.toml` → `plan.report.html` beside it, standard
/// input → `report.html` in the current folder.
pub fn default_out(file: &str) -> PathBuf {
    if file == "-" {
        PathBuf::from("report.html")
    } else {
        Path::new(file).with_extension("report.html")
    }
}

/// `skypie report`: evaluates the scenario with its detail and writes the report. A scenario
/// that fails to parse is said as `eval` says it, exit 1, and no file is written.
pub fn report(args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let out = args.out.clone().unwrap_or_else(|| default_out(&args.file));
    let label = match args.out {
        Some(_) => "--out",
        None => "without --out, the report",
    };
    if let Some(message) = clobbered(&[(label, &out)], std::slice::from_ref(&args.file)) {
        return Err(UsageConflict {
            command: "report",
            message,
        }
        .into());
    }
    say_where_typing_goes(std::slice::from_ref(&args.file));
    let loaded = load(&args.file, args.run.consistency()).and_then(|in_file| {
        let mut scenario = in_file.clone();
        adjust(&mut scenario, &args.file, &args.run)?;
        Ok((in_file, scenario))
    });
    let (in_file, scenario) = match loaded {
        Ok(both) => both,
        Err(e) => {
            print_error(&error_line(&e));
            return Ok(ExitCode::from(1));
        }
    };
    let working = spinner(&args.file);
    let Board {
        evaluation,
        histogram,
    } = evaluate(&scenario);
    working.finish_and_clear();
    let row = Row {
        file: &args.file,
        scenario: &scenario,
        evaluation: &evaluation,
    };
    let typed = args.run.as_typed();
    let changes = typed.as_deref().map(|how| Changes {
        file: &in_file,
        how,
        by: "set on the command line",
        source: "file",
    });
    write_file(&out, html(&row, &histogram, changes).as_bytes())?;
    // `-` reaches the writer as /dev/stdout, which is no name to give back.
    let shown = if out == Path::new("/dev/stdout") {
        "standard output".to_string()
    } else {
        out.display().to_string()
    };
    print_error(&format!(
        "wrote {}: {}; open it in a browser to read or print it\n",
        printable(&shown),
        evaluation.headline.verdict.label()
    ));
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_goes_beside_the_file_or_into_the_current_folder() {
        assert_eq!(
            default_out("plans/q3.toml"),
            PathBuf::from("plans/q3.report.html")
        );
        assert_eq!(default_out("plan"), PathBuf::from("plan.report.html"));
        assert_eq!(default_out("-"), PathBuf::from("report.html"));
    }
}
