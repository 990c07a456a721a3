//! The `skypie` binary: parse arguments, dispatch, turn errors into one message and an exit code.

use std::process::ExitCode;

mod cli;
#[cfg(all(target_arch = "x86_64", target_feature = "avx2"))]
mod cpu;
mod files;
mod interrupt;
mod terminal;
mod tui;

use cli::Command;

fn main() -> ExitCode {
    #[cfg(all(target_arch = "x86_64", target_feature = "avx2"))]
    cpu::exit_unless_supported();
    run()
}

/// Everything after the CPU check, never inlined into `main`: it may use AVX2 anywhere.
#[inline(never)]
fn run() -> ExitCode {
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(error) => return cli::usage(&error),
    };
    // A write past `ulimit -f` fails as any failed write does, for every command.
    interrupt::fail_writes_past_the_file_size_limit();
    // The live session keeps unsaved edits on these signals itself; every other command
    // removes the temporary file it is writing.
    if !matches!(cli.command, None | Some(Command::Plan(_))) {
        interrupt::clean_up_on_signals();
    }
    let result = match &cli.command {
        None => cli::plan(None, tui::default_roles()),
        Some(Command::Plan(args)) => match args.refused() {
            Some(refused) => Err(refused.into()),
            None => cli::plan(args.file.as_ref(), args.roles.clone()),
        },
        Some(Command::Eval(args)) => cli::eval::eval(args),
        Some(Command::Report(args)) => cli::report::report(args),
        Some(Command::Check { files }) => cli::check(files),
        Some(Command::New { file, force }) => cli::new(file.as_ref(), *force),
        Some(Command::Fit(args)) => cli::fit::fit(args),
    };
    result.unwrap_or_else(|error| cli::failure(&error))
}
