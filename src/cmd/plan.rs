//! `vzysk plan WS --as-of DATE` — for each account: the stage, the next step, its earliest date and why.
//!
//! Usage: `vzysk plan samples/ruza --as-of 2026-11-27 [--format table|csv|json] [--account A]...`
//!
//! The stage comes from `events.csv`, the sums from the same calculation as `vzysk calc`.
//! `vzysk generate --docs auto` makes exactly the documents the next step names.

use super::common::{Target, each_account};
use crate::docs::kinds::{step_name, step_title};
use crate::ladder::next_step;
use crate::law::calculation::calculate_account;
use crate::law::case::Case;
use crate::law::deadlines::deadlines;
use crate::money::fixed2;
use crate::report::Format;
use serde_json::{Value, json};
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

const CSV_HEADER: [&str; 9] = [
    "account",
    "debtor",
    "total",
    "stage",
    "next",
    "earliest",
    "reason",
    "deadline",
    "deadline_text",
];

/// The table's stage and step columns: words in Russian, codes in English.
fn widths() -> (usize, usize) {
    crate::lang::current().pick((25, 29), (18, 12))
}

/// One account's line in the format asked for (JSON: the object, for the `accounts` list).
fn line(format: Format, r: &Value, first: bool) -> Result<String, String> {
    let f = |k: &str| r[k].as_str().unwrap_or("").to_string();
    Ok(match format {
        Format::Json => {
            let text = serde_json::to_string_pretty(r).map_err(|e| e.to_string())?;
            format!(
                "{}\n    {}",
                if first { "" } else { "," },
                text.replace('\n', "\n    ")
            )
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(CSV_HEADER.map(f))
                .map_err(|e| e.to_string())?;
            String::from_utf8_lossy(&w.into_inner().map_err(|e| e.to_string())?).into_owned()
        }
        Format::Table => {
            let f = |k: &str| r[k].as_str().unwrap_or("—").to_string();
            // The date as a person reads it: dd.mm.yyyy in Russian, as JSON has it in English.
            let earliest = match crate::lang::current() {
                crate::lang::Lang::Ru => r["earliest"]
                    .as_str()
                    .and_then(crate::model::parse_date)
                    .map_or_else(|| f("earliest"), crate::russian::date),
                crate::lang::Lang::En => f("earliest"),
            };
            // In Russian the stage and the step in words, as the workbench shows them.
            let (stage, next) = match crate::lang::current() {
                crate::lang::Lang::Ru => (
                    crate::portfolio::labels::stage_label(&f("stage"), crate::lang::Lang::Ru)
                        .to_string(),
                    r["next_title"].as_str().unwrap_or("—").to_string(),
                ),
                crate::lang::Lang::En => (f("stage"), f("next")),
            };
            let (ws, wn) = widths();
            let mut text = format!(
                "{:<6} {stage:<ws$} {next:<wn$} {earliest:<11} {}\n",
                f("account"),
                f("reason")
            );
            // The deadlines to act on now, each on a line of its own under the account.
            for d in r["deadlines"].as_array().into_iter().flatten() {
                if d["urgent"] == true {
                    text.push_str(&format!(
                        "{:<6} ! {}\n",
                        "",
                        d["text"].as_str().unwrap_or("")
                    ));
                }
            }
            text
        }
    })
}

/// Each account is read, planned and written before the next: memory stays flat.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let as_of = args.target.as_of();
    let refusal = crate::tr!("plan.refused", "план не составлен", "cannot plan");
    let (mut ws, errors) = match args.target.load_indexed(&refusal) {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let cannot = |e: std::io::Error| super::common::output_failed(&e);
    let head = match args.format {
        Format::Json => format!("{{\n  \"as_of\": \"{as_of}\",\n  \"accounts\": ["),
        Format::Csv => format!("{}\n", CSV_HEADER.join(",")),
        Format::Table => {
            use crate::lang::say;
            let (ws, wn) = widths();
            format!(
                "{} {}\n{:<6} {:<ws$} {:<wn$} {:<11} {}\n",
                say("План на", "Plan as of"),
                crate::russian::date(as_of),
                say("Л/с", "Acct"),
                say("Стадия", "Stage"),
                say("Шаг", "Step"),
                say("Не ранее", "Not before"),
                say("Почему", "Why")
            )
        }
    };
    out.write_all(head.as_bytes()).map_err(cannot)?;
    let (claiming, conventions) = (ws.config.claiming.clone(), ws.config.conventions.clone());
    let mut written = 0;
    each_account(&mut ws, &args.target, |account, with_errors| {
        if let Some(errors) = with_errors {
            say!("vzysk: {}", errors.refusal(&account.id));
            return Ok(());
        }
        let calc = calculate_account(account, as_of, &conventions);
        let case = Case::of(account, &calc, &claiming);
        let p = next_step(&case);
        let deadlines = deadlines(&case);
        // The nearest deadline to act on, else the nearest of all.
        let first = deadlines.iter().find(|d| d.urgent).or(deadlines.first());
        let row = json!({
            "account": account.id,
            "debtor": account.debtors.iter().map(|d| d.full_name.as_str()).collect::<Vec<_>>().join(", "),
            "total": fixed2(calc.overdue + calc.penalty),
            "stage": p.stage,
            "next": step_name(p.step),
            "next_title": step_title(p.step),
            "docs": crate::docs::kinds::made_for(&p.steps).iter().map(|k| k.name()).collect::<Vec<_>>(),
            "earliest": p.earliest.map(|d| d.to_string()),
            "reason": p.reason,
            "reason_code": p.reason.code(),
            "deadline": first.map(|d| d.date.to_string()),
            "deadline_text": first.map(|d| d.text.clone()),
            "deadlines": deadlines.iter().map(|d| json!({
                "date": d.date.to_string(),
                "what": d.what,
                "text": d.text,
                "urgent": d.urgent,
            })).collect::<Vec<_>>(),
        });
        let text = line(args.format, &row, written == 0)?;
        written += 1;
        out.write_all(text.as_bytes()).map_err(cannot)
    })?;
    if args.format == Format::Json {
        let close = if written == 0 { "]\n}\n" } else { "\n  ]\n}\n" };
        out.write_all(close.as_bytes()).map_err(cannot)?;
    }
    out.flush().map_err(cannot)?;
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
