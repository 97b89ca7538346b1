//! What a batch starts, as rows of `events.csv` in the archive: one row per letter (to each
//! addressee), SMS, court filing and enforcement application, dated the run's date, with the
//! document's outgoing number as `reference` and the ШПИ the Form 103 list gave it. `vzysk record`
//! appends them to the workspace's journal once the batch is sent, so that next month's plan knows
//! what went out. Each row carries `run=<as-of date>`: the same archive recorded twice adds nothing.
//! A letter that no Form 103 list carries (its address has no postal index) is not written as sent.

use super::batch::Batch;
use super::meta::Listed;
use crate::archive::spill::{TempLines, broken};
use crate::model::EventKind;
use chrono::NaiveDate;

/// The archive's journal of the batch, at its root.
pub const FILE: &str = "events.csv";
/// Its columns: those of the workspace's `events.csv`.
pub const HEADER: &[&str] = &["account", "date", "event", "reference", "details"];

/// The event a document starts, if any: a letter is sent, a filing filed, a writ presented.
pub fn event_of(m: &Listed) -> Option<EventKind> {
    let document = m.document?;
    let (event, by) = m.kind?.kind().starts?;
    by.is_none_or(|part| part == document).then_some(event)
}

/// The batch's journal as it is made: its rows on disk, sorted and written once at the end.
pub struct Journal {
    date: String,
    rows: TempLines,
}

impl Journal {
    pub fn new(as_of: NaiveDate) -> Result<Journal, String> {
        Ok(Journal {
            date: as_of.format("%Y-%m-%d").to_string(),
            rows: TempLines::new()?,
        })
    }

    fn push(
        &mut self,
        account: &str,
        kind: EventKind,
        reference: &str,
        details: Vec<String>,
    ) -> Result<(), String> {
        let details = details
            .into_iter()
            .filter(|d| !d.ends_with('='))
            .chain(std::iter::once(format!("run={}", self.date)))
            .collect::<Vec<_>>()
            .join(";");
        let row = [account, &self.date, kind.name(), reference, &details];
        let key = serde_json::to_string(&row).map_err(|e| e.to_string())?;
        self.rows.push_json(&key, &row)
    }

    /// The row of a filing or an enforcement application (letters are written as the Form 103
    /// lists send them, [`Journal::letter`]).
    pub fn document(&mut self, m: &Listed) -> Result<(), String> {
        let number = m.number.as_deref().unwrap_or("");
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        match event_of(m) {
            Some(kind @ (EventKind::OrderFiled | EventKind::ClaimFiled)) => {
                let details = vec![
                    format!("court={}", text(&m.recipient)),
                    format!("duty={}", text(&m.duty)),
                    format!("period={}", text(&m.months)),
                    format!(
                        "po={}",
                        m.payment_order.map(|n| n.to_string()).unwrap_or_default()
                    ),
                    // Co-owners are applied against one by one: which one this filing names.
                    match &m.debtors[..] {
                        [one] => format!("debtor={one}"),
                        _ => String::new(),
                    },
                ];
                self.push(&m.account, kind, number, details)
            }
            Some(kind @ (EventKind::WritSentBank | EventKind::WritSentFssp)) => {
                // The writ's number is the reference the case knows it by; the application's own
                // number goes with it.
                let to = match kind {
                    EventKind::WritSentBank => "bank",
                    _ => "department",
                };
                let details = vec![
                    format!("{to}={}", text(&m.recipient)),
                    format!("letter={number}"),
                ];
                self.push(&m.account, kind, m.writ.as_deref().unwrap_or(""), details)
            }
            // A creditor's claim beyond the ladder: sent by the department itself (`split.rs`).
            Some(kind)
                if m.kind
                    .is_some_and(|k| k.role() == super::kind::Role::Creditor) =>
            {
                let details = vec![
                    format!("sum={}", text(&m.total)),
                    format!("period={}", text(&m.months)),
                ];
                self.push(&m.account, kind, number, details)
            }
            _ => Ok(()),
        }
    }

    /// A letter as sent: its kind, account, outgoing number, the ШПИ its list gave it and the owner
    /// it names where it names one.
    pub fn letter(
        &mut self,
        kind: EventKind,
        account: &str,
        number: &str,
        shpi: &str,
        debtor: Option<&str>,
    ) -> Result<(), String> {
        let details = vec![
            "channel=registered_mail".to_string(),
            format!("rpo={shpi}"),
            debtor.map_or(String::new(), |d| format!("debtor={d}")),
        ];
        self.push(account, kind, number, details)
    }

    /// One row per warning sent as a text (`warning::sent_as_text`): its channel, where it went.
    pub fn warnings(
        &mut self,
        sent: &[(crate::law::channels::Channel, Vec<String>)],
    ) -> Result<(), String> {
        for (channel, row) in sent {
            let [account, debtor, to, number, ..] = &row[..] else {
                continue;
            };
            let details = vec![
                format!("channel={}", channel.name()),
                format!("to={to}"),
                format!("debtor={debtor}"),
            ];
            self.push(account, EventKind::WarningSent, number, details)?;
        }
        Ok(())
    }

    /// One row per SMS of the batch's list.
    pub fn sms(&mut self, accounts: &[String]) -> Result<(), String> {
        for account in accounts {
            self.push(account, EventKind::SmsSent, "", vec!["text=debt".into()])?;
        }
        Ok(())
    }

    /// The rows into `batch` (the table [`FILE`]), sorted, each once.
    pub fn write(self, batch: &mut Batch) -> Result<(), String> {
        let mut last = String::new();
        self.rows.read_sorted(|key, json| {
            if key != last {
                let row: Vec<String> = serde_json::from_str(json).map_err(|e| broken(&e))?;
                batch.row(FILE, HEADER, row);
                last = key.to_string();
            }
            Ok(())
        })?;
        Ok(())
    }
}
