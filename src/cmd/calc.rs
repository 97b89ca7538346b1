//! `vzysk calc WS --as-of DATE` — what each account owes: principal per month, the penalty table,
//! the state duty, with the conventions used.
//!
//! Usage: `vzysk calc samples/ruza --as-of 2026-11-27 [--format table|csv|json] [--account A]...`
//!
//! Needs only `account` and `full_name` of an account plus its ledger. An account with an error in
//! any of its rows is refused (listed on stderr and under `refused` in JSON); an error that belongs
//! to no account (a missing column, a bad `vzysk.toml`) stops the run. Exit status 1 when anything
//! was refused.

use super::common::Target;
use crate::law::calculation::calculate_account;
use crate::report::{self, Calculated};
use std::io::Write;
use std::process::ExitCode;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

/// Calculate debts, penalties and state duty.
#[derive(clap::Args)]
#[command(
    after_help = "Example: vzysk calc samples/ruza --as-of 2026-11-27 --format json --account 1001"
)]
pub struct Args {
    #[command(flatten)]
    pub target: Target,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let as_of = args.target.as_of();
    let (ws, errors) = match args.target.load("cannot calculate") {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let conv = &ws.config.conventions;
    let mut results = Vec::new();
    let mut refused = Vec::new();
    for account in &ws.accounts {
        if !args.target.wants(&account.id) {
            continue;
        }
        if let Some(errors) = ws.with_errors.get(&account.id) {
            refused.push((account.id.clone(), errors.reason()));
            continue;
        }
        results.push(Calculated {
            account,
            calc: calculate_account(account, as_of, conv),
        });
    }
    for (a, why) in &refused {
        eprintln!("vzysk: account {a} refused: {why}");
    }
    let text = match args.format {
        Format::Json => {
            let mut s =
                serde_json::to_string_pretty(&report::json(as_of, conv, &results, &refused))
                    .map_err(|e| e.to_string())?;
            s.push('\n');
            s
        }
        Format::Csv => report::csv(&results).map_err(|e| e.to_string())?,
        Format::Table => report::table(as_of, conv, &results),
    };
    std::io::stdout()
        .write_all(text.as_bytes())
        .map_err(|e| format!("cannot write the output: {e}"))?;
    Ok(if errors > 0 || !refused.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
