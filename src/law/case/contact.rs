//! Before the court: the warnings of п.119 Правил № 354, the restriction of a service, the
//! instalment agreement — as the events tell them.

use super::events::{latest, newer};
use crate::law::calendar::add_days;
use crate::law::restriction::earliest_restriction;
use crate::model::{Event, EventKind};
use chrono::NaiveDate;

/// The п.119 warnings of the current cycle (since the service was last resumed).
#[derive(Clone, Debug, Default)]
pub struct Warning<'a> {
    /// The newest sent.
    pub sent: Option<&'a Event>,
    /// The newest delivered.
    pub delivered: Option<&'a Event>,
    /// Every delivery, oldest first: one to each owner where the owners are several (`debtor=`
    /// in its details; a delivery naming nobody counts for everyone).
    pub deliveries: Vec<&'a Event>,
}

impl<'a> Warning<'a> {
    pub fn of(events: &'a [Event], since: Option<&Event>) -> Warning<'a> {
        let in_cycle = |e: &&Event| since.is_none_or(|s| newer(e, s));
        let mut deliveries: Vec<&Event> = events
            .iter()
            .filter(|e| e.kind == EventKind::WarningDelivered)
            .filter(in_cycle)
            .collect();
        deliveries.sort_by_key(|e| (e.date, e.line));
        Warning {
            sent: latest(events, &[EventKind::WarningSent]).filter(in_cycle),
            delivered: deliveries.last().copied(),
            deliveries,
        }
    }

    /// The newest delivery to the debtor named `name`.
    pub fn delivered_to(&self, name: &str) -> Option<&'a Event> {
        self.deliveries
            .iter()
            .rev()
            .find(|e| e.detail("debtor").is_none_or(|d| d.trim() == name))
            .copied()
    }
}

/// Where the warnings of the cycle stand on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarningState<'a> {
    /// No warning in this cycle.
    None,
    /// Sent, not delivered since.
    AwaitingDelivery(&'a Event),
    /// Delivered; the 20 days run until the day before `restrict_from`.
    Running {
        delivered: &'a Event,
        restrict_from: NaiveDate,
    },
    /// Delivered and the 20 days have run: the next step is the restriction.
    Run(&'a Event),
    /// Delivered more than `Terms::warning_valid_days` ago: it no longer supports a restriction,
    /// and a new warning is sent.
    Stale(&'a Event),
}

impl<'a> Warning<'a> {
    /// The state on `as_of`, a delivery supporting a restriction for `valid_days`
    /// (`Terms::warning_valid_days`; `Case::warning_state` passes the workspace's).
    pub fn state(&self, as_of: NaiveDate, valid_days: u64) -> WarningState<'a> {
        match (self.sent, self.delivered) {
            (Some(s), d) if d.is_none_or(|d| newer(s, d)) => WarningState::AwaitingDelivery(s),
            (_, Some(d)) => {
                let from = earliest_restriction(d.date);
                if as_of > add_days(d.date, valid_days) {
                    WarningState::Stale(d)
                } else if as_of >= from {
                    WarningState::Run(d)
                } else {
                    WarningState::Running {
                        delivered: d,
                        restrict_from: from,
                    }
                }
            }
            _ => WarningState::None,
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Restriction<'a> {
    pub event: &'a Event,
    /// The service restricted (`service=` in the details), where the event says.
    pub service: Option<&'a str>,
}

impl Restriction<'_> {
    /// Restricted or suspended, not resumed since.
    pub fn in_force(&self) -> bool {
        self.event.kind != EventKind::Resumed
    }
}

/// The instalment agreement: the newest signed and the newest breach.
#[derive(Clone, Copy, Debug, Default)]
pub struct Agreement<'a> {
    pub signed: Option<&'a Event>,
    pub breached: Option<&'a Event>,
}

impl Agreement<'_> {
    /// Signed and not breached since: the ladder waits, and the debt is acknowledged (ГК ст.203).
    pub fn honoured(&self) -> bool {
        self.signed
            .is_some_and(|s| !self.breached.is_some_and(|b| newer(b, s)))
    }
}
