//! What is left to enforce (`legal-rules.md` §14.3; 229-ФЗ ст.8, 30; ГК ст.319, 408) [K]: an
//! application to the bank or the bailiffs asks for the sum the document awarded less what the
//! debtor paid since, and lists those payments; a document paid in full is not presented at all.
//!
//! "Paid since" is read from the calculation's allocation (`law::allocation`), so the papers and
//! `calc` agree: the parts of payments dated on or after the act's day that were credited to the
//! months the document collects — a payment naming one of them, or an unnamed payment the
//! allocation sent there — and what of them no month took (an advance): the document awards the
//! penalty and the duty too, which the ledger's months do not hold. The act's day counts (a choice of this tool: asking again for what the
//! debtor paid that day is the worse error; a part the court already deducted is the rarer case).
//!
//! The months the document collects: those of the court order behind it (`period=` of its
//! application), else those of the claim (`period=` of `claim_filed`), else every month due before
//! the act (what it could have covered). The act's day: `act_date=` of `writ_issued`, else the day
//! of the order's issue, else the day the writ was issued. The sum awarded: `sum=` of `writ_issued`,
//! else of `order_issued` or `judgment`; never the sum applied for (a court may award less).

use super::order::OrderRecord;
use super::writ::Writ;
use crate::lang::Text;
use crate::law::calculation::{AccountCalc, MonthCalc};
use crate::model::{Event, EventKind, MonthSpan, parse_date};
use crate::money::{parse_amount, ru};
use crate::russian;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The sum awarded, the payments since, and what is left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remainder {
    /// The day of the act: payments from it on count.
    pub since: NaiveDate,
    /// The sum awarded, where the journal records it.
    pub awarded: Option<Decimal>,
    /// The payments credited to the document's months since its day, by date: (day, amount).
    pub paid: Vec<(NaiveDate, Decimal)>,
}

impl Remainder {
    pub fn paid_total(&self) -> Decimal {
        self.paid.iter().map(|p| p.1).sum()
    }

    /// What is left to collect; unknown when the sum awarded is (the application then asks for the
    /// document's sum less the payments it lists).
    pub fn left(&self) -> Option<Decimal> {
        self.awarded
            .map(|a| (a - self.paid_total()).max(Decimal::ZERO))
    }

    /// Nothing is left: the document is satisfied by the payments since (ГК ст.408).
    pub fn paid_in_full(&self) -> bool {
        self.left().is_some_and(|l| l.is_zero()) && !self.paid.is_empty()
    }

    /// The payments as the papers list them: «15.08.2026 — 7 000,00 руб.; …».
    pub fn listed(&self) -> String {
        let each: Vec<String> = self
            .paid
            .iter()
            .map(|(d, a)| format!("{} — {} руб.", russian::date(*d), ru(*a)))
            .collect();
        each.join("; ")
    }

    /// Why the writ is not presented when nothing is left of it.
    pub fn settled(&self) -> Option<Text> {
        if !self.paid_in_full() {
            return None;
        }
        let (awarded, paid, since) = (
            ru(self.awarded.unwrap_or_default()),
            ru(self.paid_total()),
            russian::date(self.since),
        );
        let list = self.listed();
        Some(crate::tr!(
            "writ.paid",
            "исполнительным документом присуждено {awarded} руб.; с {since} должник уплатил в счёт присуждённого {paid} руб. ({list}) — предъявлять нечего (ГК ст.408; 229-ФЗ ст.8, 30): запишите paid_in_full",
            "the writ awarded {awarded} руб.; since {since} the debtor paid {paid} руб. towards it ({list}) — nothing is left to present (ГК ст.408; 229-ФЗ ст.8, 30): record paid_in_full"
        ))
    }
}

/// What is left of the writ `w` of the order `order` (else of the claim or judgment `claim`), as
/// the calculation `calc` allocated the payments.
pub fn of(
    w: &Writ,
    order: Option<&OrderRecord>,
    claim: Option<&Event>,
    calc: &AccountCalc,
) -> Remainder {
    let order_issued = order
        .and_then(|o| o.outcome)
        .filter(|e| e.kind == EventKind::OrderIssued);
    let since = w
        .issued
        .detail("act_date")
        .and_then(parse_date)
        .or(order_issued.map(|e| e.date))
        .unwrap_or(w.issued.date);
    let claim_months = claim
        .and_then(|c| c.detail("period"))
        .and_then(MonthSpan::parse);
    let covers = |m: &MonthCalc| match (order, claim_months) {
        (Some(o), _) => o.covers(m.period, m.due),
        (None, Some(span)) => span.contains(m.period),
        (None, None) => m.due < since,
    };
    let awarded_by = |e: Option<&Event>| {
        e.and_then(|e| e.detail("sum"))
            .and_then(|v| parse_amount(v).ok())
    };
    let judgment = claim.filter(|e| e.kind == EventKind::Judgment);
    let awarded = w
        .sum
        .or_else(|| awarded_by(order_issued))
        .or_else(|| awarded_by(judgment));
    let mut paid: Vec<(NaiveDate, Decimal)> = Vec::new();
    for pay in calc.applied.iter().filter(|p| p.date >= since) {
        let part: Decimal = pay
            .to
            .iter()
            .filter(|c| calc.months.get(c.month).is_some_and(covers))
            .map(|c| c.amount)
            .sum::<Decimal>()
            + pay.credit;
        if part > Decimal::ZERO {
            match paid.last_mut() {
                Some(last) if last.0 == pay.date => last.1 += part,
                _ => paid.push((pay.date, part)),
            }
        }
    }
    Remainder {
        since,
        awarded,
        paid,
    }
}

#[cfg(test)]
mod tests {
    use super::Remainder;
    use crate::law::calculation::calculate;
    use crate::law::case::Case;
    use crate::law::case::fixtures::{AS_OF, account, claiming, ev};
    use crate::model::{Entry, EventKind as K, Payment, Period};
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    fn pay(date: &str, amount: &str, named: Option<(i32, u32)>) -> Entry {
        Entry::Payment(Payment {
            line: 99,
            date: crate::model::parse_date(date).unwrap(),
            amount: amount.parse().unwrap(),
            period: named.map(|(y, m)| Period::new(y, m).unwrap()),
            service: None,
            reference: None,
        })
    }

    /// What is left after `payments` (date, amount, month named) of the account of `events`.
    fn left_after(events: &[(NaiveDate, K, String)], payments: &[Entry]) -> Remainder {
        let mut a = account("2000", events);
        a.ledger.extend(payments.iter().cloned());
        let c = calculate(&a.ledger, AS_OF, &Default::default());
        let case = Case::of(&a, &c, claiming());
        case.writ_remainder().unwrap()
    }

    /// Ten months of 2026 at 2 000; an order for 2026-01..2026-05 (10 000 of debt; awarded
    /// 11 200 with penalty and duty) of 01.07.2026. Payments, by hand:
    /// - 20.06.2026, 3 000 naming February (before the order — the court saw the debt without it):
    ///   February 2 000, January 1 000;
    /// - 15.08.2026, 8 000 naming March: March 2 000; the 6 000 it did not need to the oldest months
    ///   within limitation — January 1 000, April 2 000, May 2 000, June 1 000: 7 000 of it to the
    ///   order's months;
    /// - 01.11.2026, 1 500 unnamed: June 1 000, July 500 — none of the order's.
    ///
    /// Since the order: 7 000 on 15.08.2026; left 11 200 − 7 000 = 4 200.
    #[test]
    fn the_payments_since_the_order_to_its_months_are_deducted() {
        let filed = ev("2026-06-05", K::OrderFiled, "period=2026-01..2026-05");
        let events = [
            filed.clone(),
            ev("2026-07-01", K::OrderIssued, "sum=11200.00"),
            ev("2026-07-26", K::WritIssued, "act_date=2026-07-01"),
        ];
        let r = left_after(
            &events,
            &[
                pay("2026-06-20", "3000", Some((2026, 2))),
                pay("2026-08-15", "8000", Some((2026, 3))),
                pay("2026-11-01", "1500", None),
            ],
        );
        let day = crate::law::calendar::ymd;
        assert_eq!(r.since, day(2026, 7, 1));
        assert_eq!(r.paid, vec![(day(2026, 8, 15), Decimal::from(7000))]);
        assert_eq!(r.awarded, Some(Decimal::from(11200)));
        assert_eq!(r.left(), Some(Decimal::from(4200)));
        assert!(!r.paid_in_full());

        // Awarded 8 000 (`sum=` of the writ); 8 000 naming March on 15.08.2026 pays March,
        // January, February and April (2 000 each): all of it to the order's months, nothing left.
        let events = [
            filed,
            ev("2026-07-01", K::OrderIssued, ""),
            ev(
                "2026-07-26",
                K::WritIssued,
                "act_date=2026-07-01;sum=8000.00",
            ),
        ];
        let r = left_after(&events, &[pay("2026-08-15", "8000", Some((2026, 3)))]);
        assert_eq!(r.left(), Some(Decimal::ZERO));
        assert!(r.paid_in_full());
        assert!(
            r.settled()
                .unwrap()
                .en()
                .contains("nothing is left to present")
        );
    }
}
