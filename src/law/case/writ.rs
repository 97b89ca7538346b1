//! The enforceable document (a writ of execution, or a court order's copy in force) as the events
//! tell it: where it is, and until when it may be presented (229-ФЗ ст.21–22, `legal-rules.md`
//! §13.3–13.4). One original: it is at the bank or with the bailiffs, never both.

use super::events::{latest, newer, newest};
use crate::law::writ_term::writ_term_ends;
use crate::model::{Event, EventKind, parse_date};
use crate::money::parse_amount;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Where the original of a writ is presented: the debtor's bank (229-ФЗ ст.8) or the bailiffs (ст.30).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    Bank,
    Bailiffs,
}

impl Route {
    /// «в банк», «в службу судебных приставов».
    pub fn to_ru(self) -> &'static str {
        match self {
            Route::Bank => "в банк",
            Route::Bailiffs => "в службу судебных приставов",
        }
    }
}

/// What happened to the writ since it was issued.
#[derive(Clone, Copy, Debug)]
pub enum Presentation<'a> {
    /// Not presented yet.
    None,
    /// Presented and not back.
    Out { to: Route, since: &'a Event },
    /// Presented and returned to the claimant.
    Returned { from: Route, on: &'a Event },
}

/// What the enforceable document is, as the papers presenting it must name it (229-ФЗ ст.12 ч.1:
/// a writ of execution and a court order are both enforceable documents, and the bank and the
/// bailiffs are told which): `document=order` or `document=list` (with `series=`) in the
/// `writ_issued` event's details, else what the case shows — a judgment or a claim before it is
/// a writ of execution, an issued court order alone is the order itself. Never guessed beyond
/// that: an unknown form is named «исполнительный документ».
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Form {
    CourtOrder,
    WritOfExecution { series: Option<String> },
    Unknown,
}

impl Form {
    /// Its name in the nominative (also the accusative), the genitive, the dative and the
    /// prepositional: «судебный приказ», «судебного приказа», «судебному приказу», «судебном приказе».
    pub fn words(&self) -> [&'static str; 4] {
        match self {
            Form::CourtOrder => [
                "судебный приказ",
                "судебного приказа",
                "судебному приказу",
                "судебном приказе",
            ],
            Form::WritOfExecution { .. } => [
                "исполнительный лист",
                "исполнительного листа",
                "исполнительному листу",
                "исполнительном листе",
            ],
            Form::Unknown => [
                "исполнительный документ",
                "исполнительного документа",
                "исполнительному документу",
                "исполнительном документе",
            ],
        }
    }

    fn of(issued: &Event, ev: &[Event]) -> Form {
        let series = || issued.detail("series").map(str::to_string);
        match issued.detail("document") {
            Some("order") => return Form::CourtOrder,
            Some("list") => return Form::WritOfExecution { series: series() },
            _ => {}
        }
        let before = |kinds: &[EventKind]| {
            ev.iter()
                .any(|e| kinds.contains(&e.kind) && newer(issued, e))
        };
        if before(&[EventKind::Judgment, EventKind::ClaimFiled]) {
            Form::WritOfExecution { series: series() }
        } else if before(&[EventKind::OrderIssued]) {
            Form::CourtOrder
        } else {
            Form::Unknown
        }
    }
}

#[derive(Clone, Debug)]
pub struct Writ<'a> {
    /// Its `writ_issued` event: the number is its reference.
    pub issued: &'a Event,
    /// The act's entry into force (`in_force=`), else the day it was issued.
    pub in_force: NaiveDate,
    /// The last day it may be presented: 3 years from the entry into force, or anew from its last
    /// return (ст.22 ч.2–3); none while it is presented (the term is interrupted).
    pub term_ends: Option<NaiveDate>,
    /// The sum awarded, where the event gives it (`sum=`).
    pub sum: Option<Decimal>,
    /// A court order or a writ of execution.
    pub form: Form,
    pub presentation: Presentation<'a>,
    /// Every presentation and return since it was issued, oldest first.
    pub history: Vec<&'a Event>,
}

impl Writ<'_> {
    pub fn expired(&self, as_of: NaiveDate) -> bool {
        self.term_ends.is_some_and(|t| as_of > t)
    }

    /// Where it was presented before and when it came back: «в банк 10.07.2025, возвращён
    /// 15.10.2026».
    pub fn route_of(e: &Event) -> Route {
        if e.kind == EventKind::WritSentBank {
            Route::Bank
        } else {
            Route::Bailiffs
        }
    }
}

/// The newest writ of `events`.
pub fn writ(ev: &[Event]) -> Option<Writ<'_>> {
    use EventKind as K;
    let issued = latest(ev, &[K::WritIssued])?;
    let since_issue = |kind| latest(ev, &[kind]).filter(|e| newer(e, issued));
    let sent = newest(since_issue(K::WritSentBank), since_issue(K::WritSentFssp));
    let returned = since_issue(K::WritReturned);
    let presentation = match (sent, returned) {
        (Some(s), Some(r)) if newer(r, s) => Presentation::Returned {
            from: Writ::route_of(s),
            on: r,
        },
        (Some(s), _) => Presentation::Out {
            to: Writ::route_of(s),
            since: s,
        },
        (None, _) => Presentation::None,
    };
    let in_force = issued
        .detail("in_force")
        .and_then(parse_date)
        .unwrap_or(issued.date);
    let term_ends = match presentation {
        Presentation::None => Some(writ_term_ends(in_force)),
        Presentation::Out { .. } => None,
        Presentation::Returned { on, .. } => Some(writ_term_ends(on.date)),
    };
    let mut history: Vec<&Event> = ev
        .iter()
        .filter(|e| {
            matches!(e.kind, K::WritSentBank | K::WritSentFssp | K::WritReturned)
                && newer(e, issued)
        })
        .collect();
    history.sort_by_key(|e| (e.date, e.line));
    Some(Writ {
        issued,
        in_force,
        term_ends,
        sum: issued.detail("sum").and_then(|v| parse_amount(v).ok()),
        form: Form::of(issued, ev),
        presentation,
        history,
    })
}
