//! Which month a payment pays (`legal-rules.md` §1.3 "Partial payments"): the month the payer named,
//! then the oldest unpaid months (Пленум ВС РФ от 27.06.2017 № 22 п.32, ГК ст.319.1). The result is
//! stored explicitly, per month and payment date, because courts check it.

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

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Allocated {
    /// Per month, in the order of the `debts` given: the parts that paid it, by date.
    pub parts: Vec<Vec<Part>>,
    /// What no month needed: an overpayment, reported as credit, never as a negative debt.
    pub credit: Decimal,
    /// Named months that have no charge (the payment went to the oldest months instead).
    pub unknown_named: Vec<(NaiveDate, Period)>,
    /// Parts of payments naming a month that the month did not need, and that went to the oldest
    /// unpaid months instead (ГК ст.319.1 ч.3): the date, the month named and the amount.
    pub redirected: Vec<(NaiveDate, Period, Decimal)>,
}

/// Allocates `payments` (any order; taken by date, then as given) to `debts` (month, amount ≥ 0),
/// which must be sorted by month.
pub fn allocate(debts: &[(Period, Decimal)], payments: &[Payment], mode: Allocation) -> Allocated {
    let mut outstanding: Vec<Decimal> = debts.iter().map(|d| d.1.max(Decimal::ZERO)).collect();
    let mut all_parts: Vec<Vec<Part>> = vec![Vec::new(); debts.len()];
    let mut credit = Decimal::ZERO;
    let mut order: Vec<&Payment> = payments.iter().collect();
    order.sort_by_key(|p| p.date);

    let mut credit_to =
        |idx: usize, date: NaiveDate, remaining: &mut Decimal, outstanding: &mut [Decimal]| {
            let take = (*remaining).min(outstanding[idx]);
            if take <= Decimal::ZERO {
                return;
            }
            outstanding[idx] -= take;
            *remaining -= take;
            let parts = &mut all_parts[idx];
            match parts.last_mut() {
                Some(last) if last.date == date => last.amount += take,
                _ => parts.push(Part { date, amount: take }),
            }
        };

    let mut unknown_named = Vec::new();
    let mut redirected = Vec::new();
    for payment in order {
        let mut remaining = payment.amount.max(Decimal::ZERO);
        let named = match (mode, payment.named) {
            (Allocation::NamedThenOldest, Some(named)) => {
                match debts.iter().position(|d| d.0 == named) {
                    Some(idx) => credit_to(idx, payment.date, &mut remaining, &mut outstanding),
                    None => unknown_named.push((payment.date, named)),
                }
                Some(named)
            }
            _ => None,
        };
        let left = remaining;
        for idx in 0..debts.len() {
            if remaining <= Decimal::ZERO {
                break;
            }
            credit_to(idx, payment.date, &mut remaining, &mut outstanding);
        }
        if let Some(named) = named
            && left > remaining
        {
            redirected.push((payment.date, named, left - remaining));
        }
        credit += remaining;
    }
    Allocated {
        parts: all_parts,
        credit,
        unknown_named,
        redirected,
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

    #[test]
    fn named_month_first_then_oldest() {
        let debts = [
            (p(2024, 1), dec("1000")),
            (p(2024, 2), dec("1000")),
            (p(2024, 3), dec("1000")),
        ];
        let pay = [Payment {
            date: ymd(2024, 5, 5),
            amount: dec("1500"),
            named: Some(p(2024, 3)),
        }];
        let a = allocate(&debts, &pay, Allocation::NamedThenOldest);
        assert_eq!(
            a.parts[2],
            vec![Part {
                date: ymd(2024, 5, 5),
                amount: dec("1000")
            }]
        );
        assert_eq!(
            a.parts[0],
            vec![Part {
                date: ymd(2024, 5, 5),
                amount: dec("500")
            }]
        );
        assert!(a.parts[1].is_empty());
        assert_eq!(a.credit, Decimal::ZERO);
        // 500 of the payment naming March went to January (ГК ст.319.1 ч.3).
        assert_eq!(
            a.redirected,
            vec![(ymd(2024, 5, 5), p(2024, 3), dec("500"))]
        );

        let a = allocate(&debts, &pay, Allocation::Oldest);
        assert_eq!(a.parts[0][0].amount, dec("1000"));
        assert_eq!(a.parts[1][0].amount, dec("500"));
        assert!(a.parts[2].is_empty());
    }

    #[test]
    fn overpayment_is_credit_and_unknown_named_month_is_reported() {
        let debts = [(p(2024, 1), dec("100"))];
        let pay = [
            Payment {
                date: ymd(2024, 2, 1),
                amount: dec("60"),
                named: Some(p(2023, 12)),
            },
            Payment {
                date: ymd(2024, 2, 1),
                amount: dec("70"),
                named: None,
            },
        ];
        let a = allocate(&debts, &pay, Allocation::NamedThenOldest);
        assert_eq!(
            a.parts[0],
            vec![Part {
                date: ymd(2024, 2, 1),
                amount: dec("100")
            }]
        );
        assert_eq!(a.credit, dec("30"));
        assert_eq!(a.unknown_named, vec![(ymd(2024, 2, 1), p(2023, 12))]);
    }
}
