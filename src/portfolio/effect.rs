//! What each step achieved: of the steps taken against debtors with a debt past due on that day,
//! how many were followed by payments (the ledger's, dated after the step's day and no later than
//! the window's last day) covering that debt in full, in part, or not at all, within 30, 60 and 90
//! days. A window is counted only once it has passed by the report's date; a letter to each of an
//! account's owners on one day is one step.

use crate::law::calculation::AccountCalc;
use crate::model::{Account, Entry, EventKind};
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

/// The windows after a step, in days.
pub const WINDOWS: [u64; 3] = [30, 60, 90];

/// The steps measured: the event that marks each, its key and its words.
pub const STEPS: [(EventKind, &str, &str); 4] = [
    (EventKind::NoticeSent, "notice", "Уведомление о задолженности"),
    (EventKind::WarningSent, "warning", "Предупреждение об ограничении"),
    (EventKind::Restricted, "restriction", "Ограничение услуги"),
    (EventKind::OrderIssued, "court-order", "Судебный приказ вынесен"),
];

/// The steps whose window has passed, and how many of them were followed by payment in full or in
/// part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub counted: usize,
    pub full: usize,
    pub part: usize,
}

/// One step's figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StepEffect {
    /// Steps taken (up to the report's date) against a debt past due.
    pub taken: usize,
    /// That debt, summed over the steps.
    pub debt: Decimal,
    /// Per window of [`WINDOWS`].
    pub windows: [Outcome; 3],
}

/// Per step of [`STEPS`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Effect {
    pub steps: [StepEffect; 4],
}

impl Effect {
    /// The steps taken on `account` up to `as_of`; `calc_on` gives its calculation on a day.
    pub fn add(
        &mut self,
        account: &Account,
        as_of: NaiveDate,
        calc_on: &dyn Fn(NaiveDate) -> AccountCalc,
    ) {
        for (i, (kind, _, _)) in STEPS.iter().enumerate() {
            let mut days: Vec<NaiveDate> = account
                .events
                .iter()
                .filter(|e| e.kind == *kind && e.date <= as_of)
                .map(|e| e.date)
                .collect();
            days.sort();
            days.dedup();
            for day in days {
                let debt = calc_on(day).overdue;
                if debt <= Decimal::ZERO {
                    continue;
                }
                let step = &mut self.steps[i];
                step.taken += 1;
                step.debt += debt;
                for (w, n) in WINDOWS.iter().enumerate() {
                    let Some(end) = day.checked_add_days(Days::new(*n)) else {
                        continue;
                    };
                    if end > as_of {
                        continue;
                    }
                    let paid = paid_between(account, day, end);
                    let o = &mut step.windows[w];
                    o.counted += 1;
                    if paid >= debt {
                        o.full += 1;
                    } else if paid > Decimal::ZERO {
                        o.part += 1;
                    }
                }
            }
        }
    }
}

/// The payments dated after `from` and no later than `to`.
fn paid_between(account: &Account, from: NaiveDate, to: NaiveDate) -> Decimal {
    account
        .ledger
        .iter()
        .filter_map(|e| match e {
            Entry::Payment(p) if p.date > from && p.date <= to => Some(p.amount),
            _ => None,
        })
        .sum()
}
