//! The outputs of `vzysk calc`: the JSON contract (README «Output contract»), a CSV for spreadsheets and a table
//! for the terminal. Amounts in JSON and CSV are strings with two decimals.

use crate::lang::say;
use crate::law::calculation::AccountCalc;
use crate::law::conventions::Conventions;
use crate::model::Account;
use crate::model::CourtKind;
use crate::money::{fixed2, ru_with};
use chrono::NaiveDate;
use serde_json::{Value, json};
use std::fmt::Write as _;

/// One account's result with the data it was made from.
pub struct Calculated<'a> {
    pub account: &'a Account,
    pub calc: AccountCalc,
}

fn date(d: NaiveDate) -> String {
    d.to_string()
}

pub fn account_json(c: &Calculated) -> Value {
    let calc = &c.calc;
    json!({
        "account": c.account.id,
        "debtors": c.account.debtors.iter().map(|d| json!({
            "full_name": d.full_name,
            "share": d.share.map(|s| s.to_string()),
        })).collect::<Vec<_>>(),
        "principal": fixed2(calc.principal),
        "penalty": fixed2(calc.penalty),
        "total": fixed2(calc.total),
        "credit": fixed2(calc.credit),
        "overdue": fixed2(calc.overdue),
        "periods": calc.months.iter().map(|m| json!({
            "period": m.period.to_string(),
            "due_date": date(m.due),
            "charged": fixed2(m.charged),
            "paid": fixed2(m.paid),
            "debt": fixed2(m.debt),
            "penalty": fixed2(m.penalty),
            "time_barred": m.time_barred,
            "limitation_ends": m.limitation_ends.map(date),
            "limitation": {
                "ends": m.limitation.ends.map(date),
                "state": m.limitation.state,
                "why": m.limitation.why,
            },
            "payments": m.payments.iter().map(|(d, a)| json!({"date": date(*d), "amount": fixed2(*a)})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "allocation": calc.applied.iter().map(|a| json!({
            "date": date(a.date),
            "amount": fixed2(a.amount),
            "named": a.named.map(|p| p.to_string()),
            "to": a.to.iter().map(|c| json!({
                "period": calc.months.get(c.month).map(|m| m.period.to_string()),
                "amount": fixed2(c.amount),
                "why": c.why,
            })).collect::<Vec<_>>(),
            "credit": fixed2(a.credit),
        })).collect::<Vec<_>>(),
        "penalty_rows": calc.rows.iter().map(|r| json!({
            "period": r.period.to_string(),
            "from": date(r.from),
            "to": date(r.to),
            "days": r.days,
            "base": fixed2(r.base),
            "rate": r.rate.normalize().to_string(),
            "fraction": r.fraction.to_string(),
            "amount": fixed2(r.amount),
            "note": note(r.moratorium.as_deref(), r.paid_on),
            "moratorium": r.moratorium.is_some(),
        })).collect::<Vec<_>>(),
        "state_duty": {
            "court_order": calc.duty.as_ref().filter(|_| calc.court_order_allowed).map(|d| fixed2(d.court_order)),
            "claim": calc.duty.as_ref().map(|d| fixed2(d.claim)),
            "scale": calc.duty.as_ref().map(|d| d.scale.source),
        },
        "court_order_allowed": calc.court_order_allowed,
        "claim_court": calc.claim_court,
        "warnings": calc.warnings,
    })
}

/// The note of a penalty row: the moratorium that zeroes it, or the payment its part was paid by.
pub fn note(moratorium: Option<&str>, paid_on: Option<NaiveDate>) -> String {
    match (moratorium, paid_on) {
        (Some(m), _) => {
            crate::tr!("calc.note.moratorium", "мораторий: {m}", "moratorium: {m}").to_string()
        }
        (None, Some(d)) => {
            let day = crate::russian::date(d);
            crate::tr!(
                "calc.note.paid_part",
                "часть долга, оплаченная {day}",
                "the part of the debt paid on {day}"
            )
            .to_string()
        }
        (None, None) => String::new(),
    }
}

/// `value` as pretty JSON whose lines after the first are indented by `indent` spaces: a part of
/// the whole document, written as `serde_json::to_string_pretty` would write the whole.
fn pretty_at(value: &Value, indent: usize) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.replace('\n', &format!("\n{}", " ".repeat(indent)))
}

/// The calc output, written account by account as each is calculated: memory does not grow with
/// the number of accounts, in any format.
pub struct Stream<W: std::io::Write> {
    out: W,
    format: Format,
    written: usize,
}

/// One CSV record as its line.
fn csv_line<I: IntoIterator<Item = T>, T: AsRef<[u8]>>(record: I) -> std::io::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(record).map_err(std::io::Error::other)?;
    w.into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}

/// The formats of `calc`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

impl<W: std::io::Write> Stream<W> {
    /// Starts the output: the JSON document's head, the CSV header, the table's conventions.
    pub fn begin(
        mut out: W,
        format: Format,
        as_of: NaiveDate,
        conv: &Conventions,
    ) -> std::io::Result<Stream<W>> {
        match format {
            Format::Json => write!(
                out,
                "{{\n  \"as_of\": {},\n  \"tool\": {},\n  \"conventions\": {},\n  \"accounts\": [",
                Value::from(date(as_of)),
                Value::from(format!("vzysk {}", env!("CARGO_PKG_VERSION"))),
                pretty_at(&conv.describe(), 2)
            )?,
            Format::Csv => out.write_all(&csv_line(CSV_HEADER)?)?,
            Format::Table => out.write_all(table_head(as_of, conv).as_bytes())?,
        }
        Ok(Stream {
            out,
            format,
            written: 0,
        })
    }

    /// One account's result.
    pub fn account(&mut self, c: &Calculated) -> std::io::Result<()> {
        match self.format {
            Format::Json => {
                let sep = if self.written == 0 { "" } else { "," };
                write!(self.out, "{sep}\n    {}", pretty_at(&account_json(c), 4))?;
            }
            Format::Csv => self.out.write_all(&csv_line(csv_row(c))?)?,
            Format::Table => self.out.write_all(table_account(c).as_bytes())?,
        }
        self.written += 1;
        Ok(())
    }

    /// Ends the output: the JSON document's refusals and its close.
    pub fn end(mut self, refused: &[(String, crate::lang::Text)]) -> std::io::Result<()> {
        if self.format == Format::Json {
            let refused: Vec<Value> = refused
                .iter()
                .map(|(a, why)| json!({"account": a, "code": why.code(), "reason": why}))
                .collect();
            let close = if self.written == 0 { "]" } else { "\n  ]" };
            write!(
                self.out,
                "{close},\n  \"refused\": {}\n}}\n",
                pretty_at(&Value::from(refused), 2)
            )?;
        }
        self.out.flush()
    }
}

pub const CSV_HEADER: &[&str] = &[
    "account",
    "full_name",
    "periods",
    "principal",
    "overdue",
    "penalty",
    "total",
    "credit",
    "duty_court_order",
    "duty_claim",
    "claim_court",
    "warnings",
];

/// One row per account, for a spreadsheet.
fn csv_row(c: &Calculated) -> Vec<String> {
    let calc = &c.calc;
    let names: Vec<&str> = c
        .account
        .debtors
        .iter()
        .map(|d| d.full_name.as_str())
        .collect();
    let span = match (calc.months.first(), calc.months.last()) {
        (Some(a), Some(b)) => format!("{}..{}", a.period, b.period),
        _ => String::new(),
    };
    let duty = calc.duty.as_ref();
    vec![
        c.account.id.clone(),
        names.join("; "),
        span,
        fixed2(calc.principal),
        fixed2(calc.overdue),
        fixed2(calc.penalty),
        fixed2(calc.total),
        fixed2(calc.credit),
        duty.filter(|_| calc.court_order_allowed)
            .map(|d| fixed2(d.court_order))
            .unwrap_or_default(),
        duty.map(|d| fixed2(d.claim)).unwrap_or_default(),
        calc.claim_court.name().to_string(),
        calc.warnings
            .iter()
            .map(|w| w.as_str())
            .collect::<Vec<_>>()
            .join(" | "),
    ]
}

/// The head of the table for a terminal of at least 100 columns: the conventions.
fn table_head(as_of: NaiveDate, conv: &Conventions) -> String {
    let mut out = String::new();
    let c = conv.describe();
    let _ = writeln!(
        out,
        "{} {} · rate_date={} rounding={}\n  allocation={} end_inclusive={} due_day={}{}",
        say("Расчёт на", "Calculation as of"),
        crate::russian::date(as_of),
        c["rate_date"].as_str().unwrap_or(""),
        c["rounding"].as_str().unwrap_or(""),
        c["allocation"].as_str().unwrap_or(""),
        conv.end_inclusive,
        conv.due_day,
        conv.fixed_rate
            .map(|r| format!(" fixed_rate={r}"))
            .unwrap_or_default(),
    );
    let mor: Vec<String> = conv
        .moratoria
        .iter()
        .map(|m| {
            format!(
                "{} {}–{}",
                m.name,
                crate::russian::date(m.from),
                crate::russian::date(m.to)
            )
        })
        .collect();
    let mor = if mor.is_empty() {
        say("нет", "none").to_string()
    } else {
        mor.join("; ")
    };
    wrap(&mut out, &mor, say("Мораторий: ", "Moratoria: "), 100);
    out
}

/// One account's section of the table.
fn table_account(r: &Calculated) -> String {
    let m = |d| ru_with(d, ' ');
    let mut out = String::new();
    {
        let calc = &r.calc;
        let names: Vec<&str> = r
            .account
            .debtors
            .iter()
            .map(|d| d.full_name.as_str())
            .collect();
        let _ = writeln!(out, "\n{}", "─".repeat(100));
        let _ = writeln!(
            out,
            "{} {} — {}",
            say("Л/с", "Account"),
            r.account.id,
            names.join(", ")
        );
        let _ = writeln!(
            out,
            "{:<8} {:>10} {:>14} {:>14} {:>14} {:>12}",
            say("Период", "Period"),
            say("Срок", "Due"),
            say("Начислено", "Charged"),
            say("Оплачено", "Paid"),
            say("Долг", "Debt"),
            say("Пени", "Penalty")
        );
        let settled = calc
            .months
            .iter()
            .filter(|mo| mo.debt.is_zero() && mo.penalty.is_zero())
            .count();
        for mo in calc
            .months
            .iter()
            .filter(|mo| !(mo.debt.is_zero() && mo.penalty.is_zero()))
        {
            let line = format!(
                "{:<8} {:>10} {:>14} {:>14} {:>14} {:>12}  {}",
                mo.period.to_string(),
                crate::russian::date(mo.due),
                m(mo.charged),
                m(mo.paid),
                m(mo.debt),
                m(mo.penalty),
                if mo.time_barred {
                    say("давность", "time-barred")
                } else {
                    ""
                },
            );
            let _ = writeln!(out, "{}", line.trim_end());
        }
        if settled > 0 {
            let _ = writeln!(
                out,
                "{}",
                crate::tr!(
                    "calc.table.settled",
                    "(и {settled} мес. оплачено без пеней)",
                    "(and {settled} month(s) paid with no penalty)"
                )
            );
        }
        let duty = calc.duty.as_ref();
        let _ = writeln!(
            out,
            "{} {} · {} {} · {} {}{}",
            say("Итого: долг", "Total: debt"),
            m(calc.principal),
            say("пени", "penalty"),
            m(calc.penalty),
            say("всего", "in all"),
            m(calc.total),
            if calc.credit.is_zero() {
                String::new()
            } else {
                format!(" · {} {}", say("переплата", "overpaid"), m(calc.credit))
            }
        );
        let _ = writeln!(
            out,
            "{} {} · {} {} ({})",
            say("Госпошлина: приказ", "State duty: court order"),
            match duty {
                Some(d) if calc.court_order_allowed => m(d.court_order),
                _ => "—".into(),
            },
            say("иск", "claim"),
            duty.map(|d| m(d.claim)).unwrap_or_else(|| "—".into()),
            match calc.claim_court {
                CourtKind::Magistrate =>
                    say("иск — мировому судье", "a claim goes to the magistrate"),
                CourtKind::District =>
                    say("иск — в районный суд", "a claim goes to the district court"),
            }
        );
        for w in &calc.warnings {
            wrap(&mut out, w.as_str(), "  ! ", 100);
        }
    }
    out
}

/// Writes `text` word-wrapped to `width` characters, the first line after `lead`, the rest indented.
fn wrap(out: &mut String, text: &str, lead: &str, width: usize) {
    let indent = " ".repeat(lead.chars().count());
    let mut line = lead.to_string();
    let mut len = line.chars().count();
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if len + 1 + w > width && len > indent.len() {
            out.push_str(line.trim_end());
            out.push('\n');
            line = indent.clone();
            len = indent.len();
        }
        if len > indent.len() {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += w;
    }
    out.push_str(line.trim_end());
    out.push('\n');
}
