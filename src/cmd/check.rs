//! `vzysk check WS` — validate a workspace and print every problem at once.
//!
//! Usage: `vzysk check samples/ruza`
//!
//! Each problem is one line, `file:row:column: error|warning: what is wrong — how to fix`, sorted by
//! file and row. Exit status 1 when any is an error, 0 otherwise (warnings alone do not fail).

use super::common::print_diagnostics;
use crate::workspace;
use std::path::PathBuf;
use std::process::ExitCode;

/// Validate a workspace: vzysk.toml, accounts.csv, ledger.csv, events.csv.
#[derive(clap::Args)]
#[command(after_help = "Example: vzysk check samples/ruza")]
pub struct Args {
    /// The workspace folder.
    pub workspace: PathBuf,
    #[command(flatten)]
    pub input: super::common::Input,
    /// Ledger dates after this day are reported; defaults to today.
    #[arg(long, value_parser = super::common::parse_as_of)]
    pub as_of: Option<chrono::NaiveDate>,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let (ws, [accounts, debtors, rows, events], diags) = workspace::check(
        &args.workspace,
        args.input
            .options(args.as_of.unwrap_or_else(super::common::today)),
    );
    let errors = print_diagnostics(&diags, true);
    // Every data row of every table, as the parser read it: used, or refused with a reason above.
    for tally in &ws.tallies {
        say!("  {}", tally.summary());
    }
    let warnings = diags
        .iter()
        .filter(|d| d.severity == crate::diag::Severity::Warning)
        .count();
    let (shown, with_errors) = (args.workspace.display(), ws.with_errors.len());
    let mut summary = crate::tr!(
        "check.summary",
        "{shown}: лицевых счетов — {accounts} (должников — {debtors}), строк ledger.csv — {rows}, событий — {events}; ошибок — {errors}, предупреждений — {warnings}",
        "{shown}: {accounts} accounts ({debtors} debtors), {rows} ledger rows, {events} events; {errors} error(s), {warnings} warning(s)"
    );
    if with_errors > 0 {
        summary = summary.join(
            "; ",
            &crate::tr!(
                "check.with_errors",
                "счетов с ошибками — {with_errors}",
                "accounts with errors: {with_errors}"
            ),
        );
    }
    say!("{summary}");
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
