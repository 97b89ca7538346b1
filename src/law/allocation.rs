//! Which month a payment pays (`legal-rules.md` §1.3 "Partial payments", §14.2) [K]:
//! - a payment goes first to the month the payer named (Пленум ВС РФ от 27.06.2017 № 22 п.32;
//!   ГК ст.319.1 ч.1) — a month named by the payer may be time-barred;
//! - what names no month, and what the named month did not need (ГК ст.319.1 ч.3), goes to the
//!   oldest unpaid months **whose limitation has not run on the payment day** (п.32; ГК ст.199):
//!   never to a time-barred month. What no such month needs is credit (an advance), reported, never
//!   a negative debt; the barred months stay owed, and barred.
//!
//! The old convention — the oldest unpaid months, barred or not — is kept as
//! `allocation = "named-then-oldest"` (and `"oldest"` ignores the name too). Whether a month is
//! barred on a day is limitation's answer (`limitation::of_month`), given here as a function so
//! that this module stays arithmetic. The result is stored explicitly, per month and payment, with
//! the reason of every part, because courts check it.

use super::conventions::Allocation;
use crate::model::Period;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A payment (or a credit) to allocate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payment {
    pub date: NaiveDate,
    pub amount: Decimal,
    /// The billing month named in the payment document, if any.
    pub named: Option<Period>,
}

/// A part of a payment credited to one month. Parts of one month paid on one day are one part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    pub date: NaiveDate,
    pub amount: Decimal,
}

/// Why a part of a payment went to its month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// The month the payer named (п.32; ГК ст.319.1 ч.1).
    #[serde(rename = "named_by_payer")]
    Named,
    /// The oldest unpaid month within limitation on the payment day (п.32; ГК ст.319.1 ч.3).
    WithinLimitation,
    /// The oldest unpaid month, barred or not (the old convention).
    #[serde(rename = "oldest_unpaid")]
    Oldest,
}

/// One part of one payment, as the calculation annex lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Credited {
    /// The month's index in the `debts` given.
    pub month: usize,
    pub amount: Decimal,
    pub why: Why,
}

/// Where one payment went: its parts in the order they were credited, and what no month took.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub date: NaiveDate,
    pub amount: Decimal,
    pub named: Option<Period>,
    pub to: Vec<Credited>,
    /// What no month took (an advance).
    pub credit: Decimal,
    /// The named month has no charge: the payment was taken as naming none.
    pub named_unknown: bool,
}

impl Applied {
    /// The part that went to other months than the one named (ГК ст.319.1 ч.3): none when the
    /// payment named no month, or its month had no charge.
    pub fn redirected(&self) -> Decimal {
        if self.named.is_none() || self.named_unknown {
            return Decimal::ZERO;
        }
        self.to
            .iter()
            .filter(|c| c.why != Why::Named)
            .map(|c| c.amount)
            .sum()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Allocated {
    /// Per month, in the order of the `debts` given: the parts that paid it, by date.
    pub parts: Vec<Vec<Part>>,
    /// What no month needed: an overpayment, reported as credit, never as a negative debt.
    pub credit: Decimal,
    /// Each payment, in the order credited (by date, then as given).
    pub applied: Vec<Applied>,
}

impl Allocated {
    /// Named months that have no charge (the payment went as if it named none).
    pub fn unknown_named(&self) -> impl Iterator<Item = (NaiveDate, Period)> + '_ {
        self.applied
            .iter()
            .filter(|a| a.named_unknown)
            .filter_map(|a| a.named.map(|n| (a.date, n)))
    }
}

/// Allocates `payments` (any order; taken by date, then as given) to `debts` (month, amount ≥ 0),
/// which must be sorted by month. `barred(i, day)`: whether month `i`'s limitation has run on `day`
/// (asked only under `Allocation::NamedThenWithinLimitation`).
pub fn allocate(
    debts: &[(Period, Decimal)],
    payments: &[Payment],
    mode: Allocation,
    barred: &dyn Fn(usize, NaiveDate) -> bool,
) -> Allocated {
    let mut ledger = Ledger {
        outstanding: debts.iter().map(|d| d.1.max(Decimal::ZERO)).collect(),
        parts: vec![Vec::new(); debts.len()],
    };
    let mut order: Vec<&Payment> = payments.iter().collect();
    order.sort_by_key(|p| p.date);
    let mut applied = Vec::with_capacity(order.len());
    let mut credit = Decimal::ZERO;
    for payment in order {
        let mut pay = Applied {
            date: payment.date,
            amount: payment.amount,
            named: payment.named,
            to: Vec::new(),
            credit: Decimal::ZERO,
            named_unknown: false,
        };
        let mut remaining = payment.amount.max(Decimal::ZERO);
        let honours_name = mode != Allocation::Oldest;
        if let (true, Some(named)) = (honours_name, payment.named) {
            match debts.iter().position(|d| d.0 == named) {
                Some(i) => ledger.credit(i, Why::Named, &mut remaining, &mut pay),
                None => pay.named_unknown = true,
            }
        }
        let (why, skip_barred) = match mode {
            Allocation::NamedThenWithinLimitation => (Why::WithinLimitation, true),
            Allocation::NamedThenOldest | Allocation::Oldest => (Why::Oldest, false),
        };
        for i in 0..debts.len() {
            if remaining <= Decimal::ZERO {
                break;
            }
            if ledger.outstanding[i] > Decimal::ZERO && !(skip_barred && barred(i, payment.date)) {
                ledger.credit(i, why, &mut remaining, &mut pay);
            }
        }
        pay.credit = remaining;
        credit += remaining;
        applied.push(pay);
    }
    Allocated {
        parts: ledger.parts,
        credit,
        applied,
    }
}

/// What each month still needs, and the parts that paid it.
struct Ledger {
    outstanding: Vec<Decimal>,
    parts: Vec<Vec<Part>>,
}

impl Ledger {
    fn credit(&mut self, i: usize, why: Why, remaining: &mut Decimal, pay: &mut Applied) {
        let take = (*remaining).min(self.outstanding[i]);
        if take <= Decimal::ZERO {
            return;
        }
        self.outstanding[i] -= take;
        *remaining -= take;
        match self.parts[i].last_mut() {
            Some(last) if last.date == pay.date => last.amount += take,
            _ => self.parts[i].push(Part {
                date: pay.date,
                amount: take,
            }),
        }
        pay.to.push(Credited {
            month: i,
            amount: take,
            why,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::calendar::ymd;

    fn p(y: i32, m: u32) -> Period {
        Period::new(y, m).unwrap()
    }
    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }
    fn part(date: NaiveDate, amount: &str) -> Vec<Part> {
        parts(&[(date, amount)])
    }
    fn parts(each: &[(NaiveDate, &str)]) -> Vec<Part> {
        each.iter()
            .map(|&(date, amount)| Part {
                date,
                amount: dec(amount),
            })
            .collect()
    }
    const NEVER: &dyn Fn(usize, NaiveDate) -> bool = &|_, _| false;

    #[test]
    fn named_month_first_then_oldest() {
        let debts = [
            (p(2024, 1), dec("1000")),
            (p(2024, 2), dec("1000")),
            (p(2024, 3), dec("1000")),
        ];
        let day = ymd(2024, 5, 5);
        let pay = [Payment {
            date: day,
            amount: dec("1500"),
            named: Some(p(2024, 3)),
        }];
        for mode in [
            Allocation::NamedThenWithinLimitation,
            Allocation::NamedThenOldest,
        ] {
            let a = allocate(&debts, &pay, mode, NEVER);
            assert_eq!(a.parts[2], part(day, "1000"));
            assert_eq!(a.parts[0], part(day, "500"));
            assert!(a.parts[1].is_empty());
            assert_eq!(a.credit, Decimal::ZERO);
            // 500 of the payment naming March went to January (ГК ст.319.1 ч.3).
            assert_eq!(a.applied[0].redirected(), dec("500"));
            assert_eq!(a.applied[0].to[0].why, Why::Named);
        }

        let a = allocate(&debts, &pay, Allocation::Oldest, NEVER);
        assert_eq!(a.parts[0][0].amount, dec("1000"));
        assert_eq!(a.parts[1][0].amount, dec("500"));
        assert!(a.parts[2].is_empty());
        assert_eq!(a.applied[0].redirected(), dec("1500"));
    }

    #[test]
    fn overpayment_is_credit_and_unknown_named_month_is_reported() {
        let debts = [(p(2024, 1), dec("100"))];
        let day = ymd(2024, 2, 1);
        let pay = [
            Payment {
                date: day,
                amount: dec("60"),
                named: Some(p(2023, 12)),
            },
            Payment {
                date: day,
                amount: dec("70"),
                named: None,
            },
        ];
        let a = allocate(&debts, &pay, Allocation::NamedThenWithinLimitation, NEVER);
        assert_eq!(a.parts[0], part(day, "100"));
        assert_eq!(a.credit, dec("30"));
        assert_eq!(a.applied[1].credit, dec("30"));
        assert_eq!(
            a.unknown_named().collect::<Vec<_>>(),
            vec![(day, p(2023, 12))]
        );
        assert_eq!(a.applied[0].redirected(), Decimal::ZERO);
    }

    /// Пленум № 22 п.32 by hand. Months 2023-01…2023-03 of 1 000 each. On the payment days
    /// (01.03.2026, 02.03.2026) January is barred (due 10.02.2023, its period ended 10.02.2026);
    /// February (due 10.03.2023, ends 10.03.2026) and March are not.
    /// - 1 500 unnamed: not to January; February 1 000, March 500.
    /// - 700 naming January: January takes it (a month the payer names may be barred).
    /// - 2 000 unnamed on 02.03.2026: March's 500 is all a month within limitation needs; 1 500
    ///   is an advance, January stays owed (300).
    /// The old convention: January 1 000, February 500 from the first payment; and so on.
    #[test]
    fn unnamed_payments_skip_time_barred_months() {
        let debts = [
            (p(2023, 1), dec("1000")),
            (p(2023, 2), dec("1000")),
            (p(2023, 3), dec("1000")),
        ];
        let barred = |i: usize, _day: NaiveDate| i == 0;
        let (first, second) = (ymd(2026, 3, 1), ymd(2026, 3, 2));
        let pay = [
            Payment {
                date: first,
                amount: dec("1500"),
                named: None,
            },
            Payment {
                date: first,
                amount: dec("700"),
                named: Some(p(2023, 1)),
            },
            Payment {
                date: second,
                amount: dec("2000"),
                named: None,
            },
        ];
        let a = allocate(&debts, &pay, Allocation::NamedThenWithinLimitation, &barred);
        assert_eq!(a.parts[0], part(first, "700"));
        assert_eq!(a.parts[1], part(first, "1000"));
        assert_eq!(a.parts[2], parts(&[(first, "500"), (second, "500")]));
        assert_eq!(a.credit, dec("1500"));
        let whys: Vec<(usize, Why)> = a.applied[0].to.iter().map(|c| (c.month, c.why)).collect();
        assert_eq!(
            whys,
            vec![(1, Why::WithinLimitation), (2, Why::WithinLimitation)]
        );
        assert_eq!(a.applied[1].to[0].why, Why::Named);
        assert_eq!(a.applied[2].credit, dec("1500"));

        // The old convention: 1 500 → January 1 000, February 500; 700 naming January → February
        // 500, March 200; 2 000 → March 800, 1 200 credit.
        let a = allocate(&debts, &pay, Allocation::NamedThenOldest, &barred);
        assert_eq!(a.parts[0], part(first, "1000"));
        assert_eq!(a.parts[1], part(first, "1000"));
        assert_eq!(a.parts[2], parts(&[(first, "200"), (second, "800")]));
        assert_eq!(a.credit, dec("1200"));
        assert_eq!(a.applied[1].redirected(), dec("700"));
    }
}
