//! What a batch starts, as rows of `events.csv` in the archive: one row per letter (to each
//! addressee), SMS, court filing and enforcement application, dated the run's date, with the
//! document's outgoing number as `reference` and the ШПИ the Form 103 list gave it. `vzysk record`
//! appends them to the workspace's journal once the batch is sent, so that next month's plan knows
//! what went out. Each row carries `run=<as-of date>`: the same archive recorded twice adds nothing.

use super::batch::Batch;
use super::meta::Listed;
use super::rendered::Rendered;
use crate::kinds::{DocKind, Part};
use crate::model::EventKind;
use chrono::NaiveDate;
use std::collections::HashMap;

/// The archive's journal of the batch, at its root.
pub const FILE: &str = "events.csv";
/// Its columns: those of the workspace's `events.csv`.
pub const HEADER: &[&str] = &["account", "date", "event", "reference", "details"];

/// The ШПИ the Form 103 lists gave the letters: (account, addressee, outgoing number) → ШПИ.
pub type Tracking = HashMap<(String, String, String), String>;

/// The event a document starts, if any: a letter is sent, a filing filed, a writ presented.
fn event_of(m: &Listed) -> Option<EventKind> {
    Some(match (m.kind?, m.document?) {
        (DocKind::Notice, _) => EventKind::NoticeSent,
        (DocKind::Warning, _) => EventKind::WarningSent,
        (DocKind::CourtOrder, Part::Application) => EventKind::OrderFiled,
        (DocKind::Claim, Part::Statement) => EventKind::ClaimFiled,
        (DocKind::Bank, _) => EventKind::WritSentBank,
        (DocKind::Fssp, _) => EventKind::WritSentFssp,
        _ => return None,
    })
}

/// The rows of the batch's journal into `batch` (the table [`FILE`]): from the rendered documents,
/// the ШПИ given to their letters, and the accounts of the SMS list.
pub fn rows(
    rendered: &[Rendered],
    tracking: &Tracking,
    sms: &[String],
    as_of: NaiveDate,
    batch: &mut Batch,
) {
    let date = as_of.format("%Y-%m-%d").to_string();
    let run = format!("run={date}");
    let mut rows: Vec<[String; 5]> = Vec::new();
    let mut row = |account: &str, kind: EventKind, reference: &str, details: Vec<String>| {
        let details = details
            .into_iter()
            .filter(|d| !d.ends_with('='))
            .chain(std::iter::once(run.clone()))
            .collect::<Vec<_>>()
            .join(";");
        rows.push([
            account.to_string(),
            date.clone(),
            kind.name().to_string(),
            reference.to_string(),
            details,
        ]);
    };
    for m in rendered.iter().filter_map(|r| r.meta.as_ref()) {
        let Some(kind) = event_of(m) else { continue };
        let number = m.number.clone().unwrap_or_default();
        match kind {
            EventKind::NoticeSent | EventKind::WarningSent => {
                // One row per letter: the owner it went to where the letter names one owner.
                for to in m.mail.iter().flatten() {
                    let key = (m.account.clone(), to.name.clone(), number.clone());
                    let shpi = tracking.get(&key).cloned().unwrap_or_default();
                    let debtor = match m.debtors.as_slice() {
                        [one] => format!("debtor={one}"),
                        _ => String::new(),
                    };
                    let channel = "channel=registered_mail".to_string();
                    row(
                        &m.account,
                        kind,
                        &number,
                        vec![channel, format!("rpo={shpi}"), debtor],
                    );
                }
            }
            EventKind::OrderFiled | EventKind::ClaimFiled => {
                let details = vec![
                    format!("court={}", m.recipient.as_deref().unwrap_or("")),
                    format!("duty={}", m.duty.as_deref().unwrap_or("")),
                    format!("period={}", m.months.as_deref().unwrap_or("")),
                ];
                row(&m.account, kind, &number, details);
            }
            _ => {
                // The writ's number is the reference the case knows it by; the application's own
                // number goes with it.
                let to = match kind {
                    EventKind::WritSentBank => "bank",
                    _ => "department",
                };
                let details = vec![
                    format!("{to}={}", m.recipient.as_deref().unwrap_or("")),
                    format!("letter={number}"),
                ];
                row(&m.account, kind, m.writ.as_deref().unwrap_or(""), details);
            }
        }
    }
    for account in sms {
        row(account, EventKind::SmsSent, "", vec!["text=debt".into()]);
    }
    rows.sort();
    rows.dedup();
    for r in rows {
        batch.row(FILE, HEADER, r.into());
    }
}
