//! `vzysk calc WS --as-of DATE` — what each account owes: principal per month, the penalty table,
//! the state duty, with the conventions used.
//!
//! Usage: `vzysk calc samples/ruza --as-of 2026-11-27 [--format table|csv|json] [--account A]...`
//!
//! Needs only `account` and `full_name` of an account plus its ledger. An account with an error in
//! any of its rows is refused (listed on stderr and under `refused` in JSON); an error that belongs
//! to no account (a missing column, a bad `vzysk.toml`) stops the run. Exit status 1 when anything
//! was refused.

use super::common::{Target, each_account};
use crate::law::calculation::calculate_account;
use crate::report::{Calculated, Format, Stream};
use std::process::ExitCode;

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

/// Each account is read (its ledger from the file), calculated and written before the next: the
/// output streams, in every format, and memory stays flat however many accounts there are.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let as_of = args.target.as_of();
    let refusal = crate::tr!("calc.refused", "расчёт не выполнен", "cannot calculate");
    let (mut ws, errors) = match args.target.load_indexed(&refusal) {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let conv = ws.config.conventions.clone();
    let out = std::io::BufWriter::new(std::io::stdout().lock());
    let cannot = |e: std::io::Error| super::common::output_failed(&e);
    let mut stream = Stream::begin(out, args.format, as_of, &conv).map_err(cannot)?;
    let mut refused = Vec::new();
    each_account(&mut ws, &args.target, |account, with_errors| {
        if let Some(errors) = with_errors {
            say!("vzysk: {}", errors.refusal(&account.id));
            refused.push((account.id.clone(), errors.reason()));
            return Ok(());
        }
        let calc = calculate_account(account, as_of, &conv);
        stream
            .account(&Calculated { account, calc })
            .map_err(cannot)
    })?;
    stream.end(&refused).map_err(cannot)?;
    Ok(if errors > 0 || !refused.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
