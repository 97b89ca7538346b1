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

/// The steps measured: the event that marks each and its words.
pub const STEPS: [(EventKind, &str); 4] = [
    (EventKind::NoticeSent, "Уведомление о задолженности"),
    (EventKind::WarningSent, "Предупреждение об ограничении"),
    (EventKind::Restricted, "Ограничение услуги"),
    (EventKind::OrderIssued, "Судебный приказ вынесен"),
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
        for (i, (kind, _)) in STEPS.iter().enumerate() {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::calculation::calculate_account;
    use crate::law::conventions::Conventions;
    use crate::model::{Charge, Event, Payment, Period};

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// An account owing 1 000.00 for January 2026 (due 10.02.2026), sent a notice on 01.03.2026 and
    /// paying `payments` afterwards.
    fn account(payments: &[(&str, i64)]) -> Account {
        let mut a = Account::new("1");
        a.ledger.push(Entry::Charge(Charge {
            line: 2,
            period: Period::new(2026, 1).unwrap(),
            amount: Decimal::new(100_000, 2),
            date: None,
            service: None,
            due_date: None,
            reference: None,
        }));
        for (i, (date, kopecks)) in payments.iter().enumerate() {
            a.ledger.push(Entry::Payment(Payment {
                line: 3 + i as u32,
                date: d(date),
                amount: Decimal::new(*kopecks, 2),
                period: None,
                service: None,
                reference: None,
            }));
        }
        for (line, owner) in [(2, "А"), (3, "Б")] {
            // Two owners, two letters: one step.
            a.events.push(Event {
                line,
                date: d("2026-03-01"),
                kind: EventKind::NoticeSent,
                reference: None,
                details: vec![("debtor".into(), owner.into())],
            });
        }
        a
    }

    fn effect(a: &Account, as_of: &str) -> StepEffect {
        let mut e = Effect::default();
        let conv = Conventions::default();
        e.add(a, d(as_of), &|day| calculate_account(a, day, &conv));
        e.steps[0]
    }

    #[test]
    fn a_debt_paid_in_full_within_30_days_counts_in_every_window() {
        let s = effect(&account(&[("2026-03-20", 100_000)]), "2026-06-30");
        assert_eq!(s.taken, 1, "a letter to each owner on one day is one step");
        assert_eq!(s.debt, Decimal::new(100_000, 2));
        let full = Outcome {
            counted: 1,
            full: 1,
            part: 0,
        };
        assert_eq!(s.windows, [full; 3]);
    }

    #[test]
    fn a_part_paid_on_day_45_shows_from_the_60_day_window() {
        let s = effect(&account(&[("2026-04-15", 40_000)]), "2026-06-30");
        let none = Outcome {
            counted: 1,
            full: 0,
            part: 0,
        };
        let part = Outcome {
            counted: 1,
            full: 0,
            part: 1,
        };
        assert_eq!(s.windows, [none, part, part]);
    }

    #[test]
    fn a_payment_on_the_steps_own_day_and_windows_not_yet_passed_are_not_counted() {
        // Paid on the day of the notice (before it could arrive); 30 days passed, 60 not yet.
        let s = effect(&account(&[("2026-03-01", 100_000)]), "2026-04-15");
        assert_eq!(
            s.taken, 0,
            "nothing was past due on the day: the payment came first"
        );
        let s = effect(&account(&[("2026-03-02", 100_000)]), "2026-04-15");
        assert_eq!(s.taken, 1);
        assert_eq!(
            s.windows[0],
            Outcome {
                counted: 1,
                full: 1,
                part: 0
            }
        );
        assert_eq!(s.windows[1], Outcome::default());
        assert_eq!(s.windows[2], Outcome::default());
    }
}
