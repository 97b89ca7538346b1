//! Limitation (исковая давность), month by month (`legal-rules.md` §1.7, §13.1) [K]:
//! - each month's payment has its own 3 years (ГК ст.196), from the day after its due date (ст.200;
//!   Пленум ВС РФ № 43 п.24); the period ends on the corresponding day of its last year (ст.192);
//! - **pause** (ст.204 ч.1; Пленум 43 п.17): it does not run while a court-order application that
//!   claimed the month is pending — from the filing until the order is cancelled; a returned or
//!   refused application is as if never filed and pauses nothing;
//! - **extension** (ст.204 ч.3; Пленум 43 п.18): after the cancellation the period goes on for what
//!   was left of it at the filing, and for at least 6 months;
//! - **restart** (ст.203, 206 п.2; Пленум 43 п.20): a written acknowledgement of the debt — an
//!   instalment agreement signed by the debtor — starts the period of each month it acknowledges
//!   (those due before it) anew from the day after.
//!
//! The debtor must plead limitation (ГК ст.199 ч.2): time-barred months are said, and whether
//! documents claim them is the claimant's choice (`[limitation] claim`, `conventions.rs`).
//!
//! Day counting, a choice of this tool where the law is silent: the part left at a filing is the
//! days from the filing day to the period's last day, and it is added to the day of cancellation.

use super::calendar::years_after;
use crate::model::{Event, EventKind, MonthSpan, Period};
use crate::russian;
use chrono::{Months, NaiveDate};

pub const LIMITATION_YEARS: u32 = 3;

/// The least that is left after a cancelled order (ГК ст.204 ч.3), in months.
pub const EXTENDED_TO_MONTHS: u32 = 6;

/// The last day of the limitation period of a payment due on `due` (ГК ст.192 ч.3: a term in years
/// ends on the corresponding day of its last year).
pub fn limitation_ends(due: NaiveDate) -> NaiveDate {
    years_after(due, LIMITATION_YEARS)
}

pub fn time_barred(due: NaiveDate, as_of: NaiveDate) -> bool {
    as_of > limitation_ends(due)
}

/// A court-order application as limitation sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pause {
    pub filed: NaiveDate,
    /// The day the order was cancelled; `None` while the application or the order stands.
    pub cancelled: Option<NaiveDate>,
    /// The months it claimed (`period=` of the filing); `None`: those due before the filing.
    pub months: Option<MonthSpan>,
}

impl Pause {
    fn covers(&self, period: Period, due: NaiveDate) -> bool {
        match self.months {
            Some(span) => span.contains(period),
            None => due < self.filed,
        }
    }
}

/// What of an account's history bears on limitation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// Court-order applications, in filing order.
    pub pauses: Vec<Pause>,
    /// The days the debt was acknowledged in writing (agreements signed), in order.
    pub acknowledged: Vec<NaiveDate>,
}

impl Facts {
    /// The facts of `events`: each `order_filed` with its cancellation (a refusal or a return ends
    /// it as if never filed), each `agreement_signed`.
    pub fn from_events(events: &[Event]) -> Facts {
        let mut sorted: Vec<&Event> = events.iter().collect();
        sorted.sort_by_key(|e| (e.date, e.line));
        let mut facts = Facts::default();
        let mut open: Option<Pause> = None;
        for e in sorted {
            match e.kind {
                EventKind::OrderFiled => {
                    facts.pauses.extend(open.take());
                    open = Some(Pause {
                        filed: e.date,
                        cancelled: None,
                        months: e.detail("period").and_then(MonthSpan::parse),
                    });
                }
                EventKind::OrderCancelled => {
                    if let Some(mut p) = open.take() {
                        p.cancelled = Some(e.date);
                        p.months = p.months.or(e.detail("period").and_then(MonthSpan::parse));
                        facts.pauses.push(p);
                    }
                }
                EventKind::OrderRefused | EventKind::OrderReturned => open = None,
                EventKind::AgreementSigned => facts.acknowledged.push(e.date),
                _ => {}
            }
        }
        facts.pauses.extend(open);
        facts
    }
}

/// Where a month's limitation stands on the as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Running,
    /// An application that claimed the month is pending: the period does not run.
    Paused,
    /// The period has ended: the debtor may plead limitation.
    Barred,
}

/// A month's limitation: its last day (none while paused), its state, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limitation {
    pub ends: Option<NaiveDate>,
    pub state: State,
    /// The steps that made the date: «3 года со дня после срока оплаты 10.02.2023; …».
    pub why: crate::lang::Text,
}

/// The limitation of the month `period`, due on `due`, on `as_of`.
pub fn of_month(period: Period, due: NaiveDate, facts: &Facts, as_of: NaiveDate) -> Limitation {
    let d = russian::date;
    let mut ends = limitation_ends(due);
    let due_on = d(due);
    let mut why = crate::tr!(
        "limitation.years",
        "3 года со дня после срока оплаты {due_on}",
        "3 years from the day after the due date {due_on}"
    );
    // The facts in date order: an acknowledgement and an application each change the end.
    let mut steps: Vec<(NaiveDate, Option<&Pause>)> =
        facts.acknowledged.iter().map(|a| (*a, None)).collect();
    steps.extend(facts.pauses.iter().map(|p| (p.filed, Some(p))));
    steps.sort_by_key(|(day, _)| *day);
    for (day, pause) in steps.into_iter().filter(|(day, _)| *day <= as_of) {
        match pause {
            None if due < day => {
                ends = years_after(day, LIMITATION_YEARS);
                let on = d(day);
                why = why.join(
                    "; ",
                    &crate::tr!(
                        "limitation.acknowledged",
                        "течёт заново с признания долга {on} (ст. 203 ГК РФ)",
                        "runs anew from the acknowledgement of the debt {on} (ст. 203 ГК РФ)"
                    ),
                );
            }
            None => {}
            Some(p) if p.covers(period, due) && day <= ends => match p.cancelled {
                None => {
                    let on = d(day);
                    return Limitation {
                        ends: None,
                        state: State::Paused,
                        why: why.join(
                            "; ",
                            &crate::tr!(
                                "limitation.paused",
                                "не течёт с подачи заявления о вынесении судебного приказа {on} (ст. 204 ГК РФ)",
                                "does not run since the court-order application of {on} (ст. 204 ГК РФ)"
                            ),
                        ),
                    };
                }
                Some(c) => {
                    let left = ends - p.filed;
                    let six = c
                        .checked_add_months(Months::new(EXTENDED_TO_MONTHS))
                        .unwrap_or(NaiveDate::MAX);
                    let resumed = c.checked_add_signed(left).unwrap_or(NaiveDate::MAX);
                    ends = resumed.max(six);
                    let (from, to) = (d(p.filed), d(c));
                    let step = if six > resumed {
                        crate::tr!(
                            "limitation.extended",
                            "не тёк с {from} по {to} (судебный приказ отменён), остаток удлинён до 6 месяцев (ст. 204 ГК РФ)",
                            "did not run from {from} to {to} (the court order cancelled), the rest extended to 6 months (ст. 204 ГК РФ)"
                        )
                    } else {
                        crate::tr!(
                            "limitation.resumed",
                            "не тёк с {from} по {to} (судебный приказ отменён; ст. 204 ГК РФ)",
                            "did not run from {from} to {to} (the court order cancelled; ст. 204 ГК РФ)"
                        )
                    };
                    why = why.join("; ", &step);
                }
            },
            Some(_) => {}
        }
    }
    Limitation {
        ends: Some(ends),
        state: if as_of > ends {
            State::Barred
        } else {
            State::Running
        },
        why,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::calendar::ymd;

    fn month(y: i32, m: u32) -> Period {
        Period::new(y, m).unwrap()
    }

    #[test]
    fn limitation_is_three_years_from_the_day_after_due() {
        let due = ymd(2023, 2, 10);
        assert_eq!(limitation_ends(due), ymd(2026, 2, 10));
        assert!(!time_barred(due, ymd(2026, 2, 10)));
        assert!(time_barred(due, ymd(2026, 2, 11)));
        let l = of_month(month(2023, 1), due, &Facts::default(), ymd(2026, 2, 11));
        assert_eq!((l.ends, l.state), (Some(ymd(2026, 2, 10)), State::Barred));
    }

    /// Worked example: filed with 730 days left, cancelled 3 months later; the 730 days run on
    /// from the cancellation.
    #[test]
    fn a_pause_carries_what_was_left_past_the_cancellation() {
        let facts = Facts {
            pauses: vec![Pause {
                filed: ymd(2024, 3, 10),
                cancelled: Some(ymd(2024, 6, 10)),
                months: None,
            }],
            acknowledged: vec![],
        };
        // Due 10.03.2023: the period would end 10.03.2026; 730 days were left on 10.03.2024.
        let l = of_month(month(2023, 2), ymd(2023, 3, 10), &facts, ymd(2026, 4, 1));
        assert_eq!((l.ends, l.state), (Some(ymd(2026, 6, 10)), State::Running));
        assert!(
            l.why.ru().contains("не тёк с 10.03.2024 по 10.06.2024"),
            "{}",
            l.why
        );
        // A month due after the filing was not claimed by it.
        let later = of_month(month(2024, 3), ymd(2024, 4, 10), &facts, ymd(2026, 4, 1));
        assert_eq!(later.ends, Some(ymd(2027, 4, 10)));
    }

    /// Worked example: 71 days were left at the filing; after the cancellation they become 6 months.
    #[test]
    fn less_than_six_months_left_is_extended_to_six() {
        let facts = Facts {
            pauses: vec![Pause {
                filed: ymd(2024, 12, 1),
                cancelled: Some(ymd(2025, 3, 1)),
                months: MonthSpan::parse("2022-01..2022-01"),
            }],
            acknowledged: vec![],
        };
        let l = of_month(month(2022, 1), ymd(2022, 2, 10), &facts, ymd(2025, 6, 1));
        assert_eq!((l.ends, l.state), (Some(ymd(2025, 9, 1)), State::Running));
        assert!(
            l.why.ru().contains("удлинён до 6 месяцев"),
            "{}",
            l.why.ru()
        );
        // Without the application the month was barred on 11.02.2025.
        let bare = of_month(
            month(2022, 1),
            ymd(2022, 2, 10),
            &Facts::default(),
            ymd(2025, 6, 1),
        );
        assert_eq!(bare.state, State::Barred);
        // The application named its months: one outside them is not paused.
        let other = of_month(month(2022, 2), ymd(2022, 3, 10), &facts, ymd(2025, 6, 1));
        assert_eq!(other.state, State::Barred);
    }

    #[test]
    fn a_pending_application_pauses_and_a_refused_one_does_not() {
        let events = |kinds: &[(NaiveDate, EventKind)]| -> Vec<Event> {
            kinds
                .iter()
                .enumerate()
                .map(|(i, (date, kind))| Event {
                    line: i as u64 + 2,
                    date: *date,
                    kind: *kind,
                    reference: None,
                    details: vec![],
                })
                .collect()
        };
        let pending = Facts::from_events(&events(&[(ymd(2024, 12, 20), EventKind::OrderFiled)]));
        let l = of_month(
            month(2021, 12),
            ymd(2022, 1, 10),
            &pending,
            ymd(2026, 11, 27),
        );
        assert_eq!((l.ends, l.state), (None, State::Paused));
        let refused = Facts::from_events(&events(&[
            (ymd(2024, 1, 20), EventKind::OrderFiled),
            (ymd(2024, 2, 1), EventKind::OrderRefused),
        ]));
        assert!(refused.pauses.is_empty());
        let l = of_month(
            month(2021, 12),
            ymd(2022, 1, 10),
            &refused,
            ymd(2026, 11, 27),
        );
        assert_eq!(l.state, State::Barred);
    }

    /// Worked example: an agreement signed 01.06.2024 acknowledges the debt; each month due before
    /// it runs anew to 01.06.2027 — also one barred already (ГК ст.206 п.2).
    #[test]
    fn an_acknowledgement_restarts_the_period() {
        let facts = Facts {
            pauses: vec![],
            acknowledged: vec![ymd(2024, 6, 1)],
        };
        let l = of_month(month(2021, 1), ymd(2021, 2, 10), &facts, ymd(2026, 11, 27));
        assert_eq!((l.ends, l.state), (Some(ymd(2027, 6, 1)), State::Running));
        assert!(
            l.why
                .ru()
                .contains("течёт заново с признания долга 01.06.2024"),
            "{}",
            l.why
        );
        // A month due after the agreement is not acknowledged by it.
        let after = of_month(month(2024, 6), ymd(2024, 7, 10), &facts, ymd(2026, 11, 27));
        assert_eq!(after.ends, Some(ymd(2027, 7, 10)));
    }
}
