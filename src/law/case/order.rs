//! The court order (ГПК ст.121–130, `legal-rules.md` §5.3) as the events tell it: its state, the
//! months it claimed, the duty paid for it.

use super::events::latest;
use crate::model::{Event, EventKind, MonthSpan, Period};
use crate::money::parse_amount;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Where a court order stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderState {
    /// Applied for; the court has not answered.
    Filed,
    /// Issued; enforceable once the objection term runs.
    Issued,
    /// Cancelled on the debtor's objection (ст.129): the claim is open.
    Cancelled,
    /// Refused (ст.125 ч.3): the claim is open.
    Refused,
    /// Returned (ст.125 ч.1): may be filed again once the defect is fixed.
    Returned,
}

impl OrderState {
    /// What became of the order, in the words of the plan and the refusals: "cancelled", …
    pub fn word(self) -> &'static str {
        match self {
            OrderState::Filed => "applied for",
            OrderState::Issued => "issued",
            OrderState::Cancelled => "cancelled",
            OrderState::Refused => "refused",
            OrderState::Returned => "returned",
        }
    }

    /// What happened to it, as «судебный приказ …» goes on.
    pub fn word_ru(self) -> &'static str {
        match self {
            OrderState::Filed => "запрошен",
            OrderState::Issued => "вынесен",
            OrderState::Cancelled => "отменён",
            OrderState::Refused => "не вынесен (отказ)",
            OrderState::Returned => "возвращён",
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct CourtOrder<'a> {
    /// The order's newest event, which gives its state.
    pub event: &'a Event,
    pub state: OrderState,
    /// The newest application (`order_filed`).
    pub filed: Option<&'a Event>,
    /// The months it claimed (`period=` of the filing, else of its newest event), where recorded.
    pub months: Option<MonthSpan>,
    /// The duty paid for it (`duty=` of the cancellation or refusal, else of the filing), credited
    /// to a claim once the order is cancelled or refused (`law::duty_credit`).
    pub duty_paid: Option<Decimal>,
}

impl CourtOrder<'_> {
    /// Cancelled or refused: the debt is now claimed by a statement of claim.
    pub fn failed(&self) -> bool {
        matches!(self.state, OrderState::Cancelled | OrderState::Refused)
    }

    /// Filed or issued: the court has the debt.
    pub fn pending(&self) -> bool {
        matches!(self.state, OrderState::Filed | OrderState::Issued)
    }

    /// The day of the application: of the filing, else of the order's newest event.
    pub fn filed_on(&self) -> NaiveDate {
        self.filed.map_or(self.event.date, |f| f.date)
    }

    /// Whether the order claimed the month `period` due on `due`: the months recorded, else every
    /// month due before the application (ГПК ст.135 ч.1 п.1.1: what the order could have covered).
    pub fn covers(&self, period: Period, due: NaiveDate) -> bool {
        match self.months {
            Some(span) => span.contains(period),
            None => due < self.filed_on(),
        }
    }
}

/// One application for a court order and what became of it: the next order event after it, if any.
#[derive(Clone, Copy, Debug)]
pub struct OrderRecord<'a> {
    pub filed: &'a Event,
    pub outcome: Option<&'a Event>,
    /// The months it claimed (`period=`); `None`: those due before its filing.
    pub months: Option<MonthSpan>,
}

impl OrderRecord<'_> {
    /// Returned (ГПК ст.125 ч.1): as if never filed.
    pub fn returned(&self) -> bool {
        self.outcome
            .is_some_and(|e| e.kind == EventKind::OrderReturned)
    }

    /// Whether it claimed the month `period` due on `due`.
    pub fn covers(&self, period: Period, due: NaiveDate) -> bool {
        match self.months {
            Some(span) => span.contains(period),
            None => due < self.filed.date,
        }
    }
}

/// Every application for a court order of `events`, oldest first, each with its outcome.
pub fn orders(ev: &[Event]) -> Vec<OrderRecord<'_>> {
    use EventKind as K;
    let mut sorted: Vec<&Event> = ev
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                K::OrderFiled
                    | K::OrderIssued
                    | K::OrderCancelled
                    | K::OrderRefused
                    | K::OrderReturned
            )
        })
        .collect();
    sorted.sort_by_key(|e| (e.date, e.line));
    let mut out: Vec<OrderRecord> = Vec::new();
    for e in sorted {
        if e.kind == K::OrderFiled {
            out.push(OrderRecord {
                filed: e,
                outcome: None,
                months: e.detail("period").and_then(MonthSpan::parse),
            });
        } else if let Some(last) = out.last_mut() {
            // The newest outcome counts: issued, then cancelled.
            last.outcome = Some(e);
            last.months = last
                .months
                .or(e.detail("period").and_then(MonthSpan::parse));
        } else {
            // An outcome with no application recorded: the application is taken to be its day's.
            out.push(OrderRecord {
                filed: e,
                outcome: Some(e),
                months: e.detail("period").and_then(MonthSpan::parse),
            });
        }
    }
    out
}

/// The court order of `events`, from its newest event.
pub fn court_order(ev: &[Event]) -> Option<CourtOrder<'_>> {
    use EventKind as K;
    let event = latest(
        ev,
        &[
            K::OrderFiled,
            K::OrderIssued,
            K::OrderCancelled,
            K::OrderRefused,
            K::OrderReturned,
        ],
    )?;
    let state = match event.kind {
        K::OrderIssued => OrderState::Issued,
        K::OrderCancelled => OrderState::Cancelled,
        K::OrderRefused => OrderState::Refused,
        K::OrderReturned => OrderState::Returned,
        _ => OrderState::Filed,
    };
    let filed = latest(ev, &[K::OrderFiled]);
    let months = filed
        .and_then(|f| f.detail("period"))
        .or_else(|| event.detail("period"))
        .and_then(MonthSpan::parse);
    let duty = |e: &Event| e.detail("duty").and_then(|v| parse_amount(v).ok());
    let duty_paid = latest(ev, &[K::OrderCancelled, K::OrderRefused, K::OrderFiled])
        .and_then(duty)
        .or_else(|| filed.and_then(duty));
    Some(CourtOrder {
        event,
        state,
        filed,
        months,
        duty_paid,
    })
}
