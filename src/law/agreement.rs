//! The instalment agreement's schedule and whether it is kept (`legal-rules.md` §9: equal monthly
//! parts, current charges paid on time, a missed part ends it). No statute sets these terms: they
//! are the agreement's own (`templates/agreement.typ.j2`), so the checking here is a choice of this
//! tool, stated where it is shown:
//!
//! - the agreement covers the principal past due on the day it was signed (the months due before
//!   it), paid in `parts` equal parts on `day` of each month after the signing's month — `parts=`
//!   and `day=` of the `agreement_signed` event, or `[agreement]` of `vzysk.toml`;
//! - a part is kept when the payments made since the signing that went to those months (the
//!   ledger's own allocation, `allocation.rs`) reach the sum of the parts due by then, within
//!   `[terms] agreement_grace_days` after its day;
//! - the penalty's part of an agreement is not tracked: payments in the ledger pay months.
//!
//! A part missed is proposed as a breach for the clerk to record (`agreement_breached`), never
//! recorded by the tool.

use super::calculation::AccountCalc;
use super::calendar::add_days;
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

/// `parts` payments of `amount` on day `day` of each month after `start`'s month: equal parts rounded
/// down to kopecks, the last one taking the remainder, so the sum is `amount` exactly.
pub fn schedule(
    amount: Decimal,
    parts: u32,
    day: u32,
    start: NaiveDate,
) -> Vec<(NaiveDate, Decimal)> {
    let n = parts.max(1);
    let part = (amount / Decimal::from(n)).round_dp_with_strategy(2, RoundingStrategy::ToZero);
    let first = start.with_day(1).unwrap_or(start);
    (1..=n)
        .map(|i| {
            let month = first.checked_add_months(Months::new(i)).unwrap_or(first);
            let last_day = month
                .checked_add_months(Months::new(1))
                .and_then(|d| d.pred_opt())
                .map_or(28, |d| d.day());
            let date = month.with_day(day.clamp(1, last_day)).unwrap_or(month);
            let sum = if i == n {
                amount - part * Decimal::from(n - 1)
            } else {
                part
            };
            (date, sum)
        })
        .collect()
}

/// A part of the schedule not paid in time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missed {
    /// Its number, from 1.
    pub n: usize,
    pub date: NaiveDate,
    /// The parts due by it, summed, and what had been paid toward them by its grace's end.
    pub due: Decimal,
    pub paid: Decimal,
}

/// Where an agreement's schedule stands on the calculation's as-of date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Standing {
    /// The principal it covers and its parts.
    pub covered: Decimal,
    pub schedule: Vec<(NaiveDate, Decimal)>,
    /// Paid toward it since the signing, up to the as-of date.
    pub paid: Decimal,
    /// The first part missed past its grace.
    pub missed: Option<Missed>,
    /// The next part not yet due (number from 1, day, sum).
    pub next: Option<(usize, NaiveDate, Decimal)>,
}

/// The standing of an agreement signed on `signed` in `parts` parts on `day`, by the payments of
/// `calc` (whose as-of date is the day looked at), with `grace_days` of grace per part.
pub fn standing(
    calc: &AccountCalc,
    signed: NaiveDate,
    parts: u32,
    day: u32,
    grace_days: u64,
) -> Standing {
    // The months due before the signing, and what each owed that day.
    let covered_months = calc.months.iter().filter(|m| m.due < signed);
    let mut covered = Decimal::ZERO;
    let mut payments: Vec<(NaiveDate, Decimal)> = Vec::new();
    for m in covered_months {
        let paid_before: Decimal = m
            .payments
            .iter()
            .filter(|(d, _)| *d <= signed)
            .map(|(_, a)| *a)
            .sum();
        let owed = m.charged - paid_before;
        if owed > Decimal::ZERO {
            covered += owed;
        }
        payments.extend(m.payments.iter().filter(|(d, _)| *d > signed).copied());
    }
    let paid_by = |t: NaiveDate| -> Decimal {
        payments
            .iter()
            .filter(|(d, _)| *d <= t)
            .map(|(_, a)| *a)
            .sum()
    };
    let plan = schedule(covered, parts, day, signed);
    let mut due = Decimal::ZERO;
    let mut missed = None;
    let mut next = None;
    for (i, (date, sum)) in plan.iter().enumerate() {
        due += *sum;
        let grace_end = add_days(*date, grace_days);
        if grace_end >= calc.as_of {
            if *date >= calc.as_of {
                next = Some((i + 1, *date, *sum));
                break;
            }
            continue;
        }
        let paid = paid_by(grace_end);
        if missed.is_none() && paid < due {
            missed = Some(Missed {
                n: i + 1,
                date: *date,
                due,
                paid,
            });
        }
    }
    Standing {
        covered,
        paid: paid_by(calc.as_of),
        schedule: plan,
        missed,
        next,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::calculation::calculate;
    use crate::law::case::fixtures::{account, day};
    use crate::law::conventions::Conventions;
    use crate::model::{Entry, Payment};

    /// The fixture's account (3 000 a month of 2026 up to October) with these payments, on `as_of`.
    fn calc(as_of: &str, payments: &[(&str, i64)]) -> AccountCalc {
        let mut a = account("3000", &[]);
        for (i, (date, amount)) in payments.iter().enumerate() {
            a.ledger.push(Entry::Payment(Payment {
                line: 100 + i as u32,
                date: day(date),
                amount: Decimal::from(*amount),
                period: None,
                service: None,
                reference: None,
            }));
        }
        calculate(&a.ledger, day(as_of), &Conventions::default())
    }

    fn standing_on(as_of: &str, payments: &[(&str, i64)]) -> Standing {
        standing(&calc(as_of, payments), day("2026-10-01"), 6, 15, 10)
    }

    #[test]
    fn the_last_part_takes_the_remainder_and_days_are_clamped() {
        let s = schedule("1000.00".parse().unwrap(), 3, 31, day("2026-11-27"));
        assert_eq!(
            s.iter().map(|p| p.1.to_string()).collect::<Vec<_>>(),
            ["333.33", "333.33", "333.34"]
        );
        assert_eq!(
            s.iter().map(|p| p.0).collect::<Vec<_>>(),
            [day("2026-12-31"), day("2027-01-31"), day("2027-02-28")]
        );
    }

    #[test]
    fn parts_paid_in_time_keep_it_and_a_part_missed_past_its_grace_is_named() {
        // Signed 01.10.2026: January to August are due before it, 24 000 in 6 parts of 4 000
        // from 15.11.2026.
        let s = standing_on("2026-11-25", &[]);
        assert_eq!(s.covered, Decimal::from(24000));
        assert_eq!(s.schedule[0], (day("2026-11-15"), Decimal::from(4000)));
        // Nothing paid: on 25.11 the first part is within its 10 days; on 26.11 it is missed.
        assert_eq!(s.missed, None);
        assert_eq!(s.next, Some((2, day("2026-12-15"), Decimal::from(4000))));
        assert_eq!(
            standing_on("2026-11-26", &[]).missed,
            Some(Missed {
                n: 1,
                date: day("2026-11-15"),
                due: Decimal::from(4000),
                paid: Decimal::ZERO
            })
        );
        // Paid on 20.11 and 14.12, each within its grace: kept.
        let s = standing_on("2026-12-28", &[("2026-11-20", 4000), ("2026-12-14", 4000)]);
        assert_eq!((s.missed, s.paid), (None, Decimal::from(8000)));
        assert_eq!(s.next, Some((3, day("2027-01-15"), Decimal::from(4000))));
        // A payment before the signing lowers what it covers; the second part short is named.
        let s = standing_on("2026-12-28", &[("2026-09-20", 6000), ("2026-11-20", 3000)]);
        assert_eq!(s.covered, Decimal::from(18000));
        assert_eq!(
            s.missed.map(|m| (m.n, m.due, m.paid)),
            Some((2, Decimal::from(6000), Decimal::from(3000)))
        );
        // Paid late, past the grace: missed, though paid since.
        let s = standing_on("2026-12-01", &[("2026-11-27", 4000)]);
        assert_eq!(s.missed.map(|m| m.n), Some(1));
        assert_eq!(s.paid, Decimal::from(4000));
    }
}
