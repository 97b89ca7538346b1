//! What recording a source into the journal comes to ([`Recorded`]): each new event with the row
//! it comes from ([`NewEvent`]), and what makes two events the same, so that an event the journal
//! holds already is not added again.

use crate::diag::Diagnostic;
use crate::model::{Event, EventKind};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// An event to add to the journal, and the row it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEvent {
    pub account: String,
    pub date: NaiveDate,
    pub kind: EventKind,
    pub reference: String,
    pub details: String,
    /// `file:line` of the row it comes from.
    pub origin: String,
}

impl NewEvent {
    /// An event account `account`'s journal holds, as a new one would be: to compare them.
    pub(super) fn held(account: &str, e: &Event) -> NewEvent {
        NewEvent {
            account: account.to_string(),
            date: e.date,
            kind: e.kind,
            reference: e.reference.clone().unwrap_or_default(),
            details: e
                .details
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(";"),
            origin: String::new(),
        }
    }

    /// The row of `events.csv`: account, date, event, reference, details.
    pub fn row(&self) -> [String; 5] {
        [
            self.account.clone(),
            self.date.format("%Y-%m-%d").to_string(),
            self.kind.name().to_string(),
            self.reference.clone(),
            self.details.clone(),
        ]
    }

    /// The event as the case reads it, on `line` of the journal.
    pub(super) fn as_event(&self, line: u64) -> Event {
        Event {
            line,
            date: self.date,
            kind: self.kind,
            reference: Some(self.reference.clone()).filter(|r| !r.is_empty()),
            details: details(&self.details)
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    pub(super) fn detail(&self, key: &str) -> Option<&str> {
        details(&self.details)
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
    }

    /// What makes two events the same: an archive's event (its `run=`) whatever day it is
    /// recorded as, any other on its day too; by meaning, never by text — the details as a set of
    /// key=value pairs, spaces and empty pairs aside (`court=s165 ; mark=force;` is
    /// `mark=force;court=s165`).
    pub(super) fn key(&self) -> EventKey {
        let day = self.detail("run").is_none().then_some(self.date);
        (
            self.account.trim().to_string(),
            day,
            self.kind,
            self.reference.trim().to_string(),
            details_set(&self.details),
        )
    }
}

/// What makes two events the same (see [`NewEvent::key`]).
pub(super) type EventKey = (
    String,
    Option<NaiveDate>,
    EventKind,
    String,
    BTreeSet<(String, String)>,
);

/// Details as a set of key=value pairs, spaces and empty pairs aside.
fn details_set(text: &str) -> BTreeSet<(String, String)> {
    details(text)
        .filter(|(k, _)| !k.is_empty())
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn details(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.split(';')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.trim(), v.trim()))
}

/// What recording a source comes to: the events to add, in order; how many the journal holds
/// already; the rows refused (with why) and the rows that are no event (skipped, with why).
#[derive(Debug, Default)]
pub struct Recorded {
    pub added: Vec<NewEvent>,
    pub known: usize,
    pub refused: Vec<Diagnostic>,
    pub skipped: Vec<Diagnostic>,
}
