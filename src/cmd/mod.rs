//! The command line: one file per subcommand, each with its usage at the top.

pub mod calc;
pub mod check;
pub mod generate;

use crate::diag::Diagnostic;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "vzysk",
    version,
    about = "Utility-debt records in, enforcement documents out: exact penalties, duty and court packages",
    after_help = "Start with `vzysk check samples/ruza`, then `vzysk calc samples/ruza --as-of 2026-11-27`."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Check(check::Args),
    Calc(calc::Args),
    Generate(generate::Args),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(a) => check::run(a),
        Command::Calc(a) => calc::run(a),
        Command::Generate(a) => generate::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("vzysk: {e}");
            ExitCode::from(2)
        }
    }
}

/// `--as-of`: a date in either accepted form.
pub fn parse_as_of(text: &str) -> Result<NaiveDate, String> {
    crate::workspace::parse::parse_date(text)
        .ok_or_else(|| format!("\"{text}\" is not a date: write YYYY-MM-DD"))
}

/// Today, for `--as-of` when it is not given. The only place the wall clock is read.
pub fn today() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    chrono::DateTime::from_timestamp(secs as i64, 0).map_or(NaiveDate::MIN, |t| t.date_naive())
}

/// Prints diagnostics to stderr and returns how many were errors.
pub fn print_diagnostics(diags: &[Diagnostic], with_warnings: bool) -> usize {
    let mut errors = 0;
    for d in diags {
        if d.is_error() {
            errors += 1;
        }
        if d.is_error() || with_warnings {
            eprintln!("{d}");
        }
    }
    errors
}
