//! `vzysk plan WS --as-of DATE` — for each account: the stage, the next step, its earliest date and why.
//!
//! Usage: `vzysk plan samples/ruza --as-of 2026-11-27 [--format table|csv|json] [--account A]...`
//!
//! The stage comes from `events.csv`, the sums from the same calculation as `vzysk calc`.
//! `vzysk generate --docs auto` makes exactly the documents the next step names.

use super::calc::Format;
use super::common::Target;
use crate::ladder::next_step;
use crate::law::calculation::calculate_account;
use crate::law::case::Case;
use crate::money::fixed2;
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;

/// Show the next step of every account.
#[derive(clap::Args)]
#[command(after_help = "Example: vzysk plan samples/ruza --as-of 2026-11-27")]
pub struct Args {
    #[command(flatten)]
    pub target: Target,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let as_of = args.target.as_of();
    let (ws, errors) = match args.target.load("cannot plan") {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let mut rows = Vec::new();
    for account in ws.accounts.iter().filter(|a| args.target.wants(&a.id)) {
        if let Some(errors) = ws.with_errors.get(&account.id) {
            eprintln!("vzysk: account {} refused: {}", account.id, errors.reason());
            continue;
        }
        let calc = calculate_account(account, as_of, &ws.config.conventions);
        let p = next_step(&Case::of(account, &calc, &ws.config.claiming));
        rows.push(json!({
            "account": account.id,
            "debtor": account.debtors.iter().map(|d| d.full_name.as_str()).collect::<Vec<_>>().join(", "),
            "total": fixed2(calc.overdue + calc.penalty),
            "stage": p.stage,
            "next": p.step.name(),
            "docs": p.docs.iter().map(|k| k.name()).collect::<Vec<_>>(),
            "earliest": p.earliest.map(|d| d.to_string()),
            "reason": p.reason,
        }));
    }
    let text = match args.format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(
                &json!({ "as_of": as_of.to_string(), "accounts": rows }),
            )
            .map_err(|e| e.to_string())?;
            s.push('\n');
            s
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record([
                "account", "debtor", "total", "stage", "next", "earliest", "reason",
            ])
            .map_err(|e| e.to_string())?;
            for r in &rows {
                let f = |k: &str| r[k].as_str().unwrap_or("").to_string();
                w.write_record([
                    f("account"),
                    f("debtor"),
                    f("total"),
                    f("stage"),
                    f("next"),
                    f("earliest"),
                    f("reason"),
                ])
                .map_err(|e| e.to_string())?;
            }
            String::from_utf8_lossy(&w.into_inner().map_err(|e| e.to_string())?).into_owned()
        }
        Format::Table => {
            let mut out = format!(
                "План на {}\n{:<6} {:<18} {:<12} {:<11} {}\n",
                as_of.format("%d.%m.%Y"),
                "Л/с",
                "Стадия",
                "Шаг",
                "Не ранее",
                "Почему"
            );
            for r in &rows {
                let f = |k: &str| r[k].as_str().unwrap_or("—").to_string();
                out.push_str(&format!(
                    "{:<6} {:<18} {:<12} {:<11} {}\n",
                    f("account"),
                    f("stage"),
                    f("next"),
                    f("earliest"),
                    f("reason")
                ));
            }
            out
        }
    };
    std::io::stdout()
        .write_all(text.as_bytes())
        .map_err(|e| format!("cannot write the output: {e}"))?;
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
