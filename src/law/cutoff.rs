//! Where an account's debt splits at a date the registers give (`workspace::registers`,
//! `legal-rules.md` §14.7, §14.8), for an account whose one debtor is in bankruptcy or has died:
//!
//! - **Bankruptcy** (127-ФЗ ст.5 п.1, ст.71, 100, 213.8, 213.11): what arose before the petition's
//!   acceptance goes to the register of creditors' claims, and only there; later months are
//!   current payments, collected as usual. A month's charge for utilities arises at the end of the
//!   month it is for (Пленум ВАС от 23.07.2009 № 63 п.2) [K], so the month of the acceptance is
//!   current and the months before it are the register's. The claim's size is fixed on the day
//!   the procedure is introduced (ст.4 п.1), and penalties stop accruing from it (ст.213.11 п.2):
//!   they run to the day before; with no such day known, to the day before the acceptance (less,
//!   never more).
//! - **Death** (ГК ст.1110, 1112, 1152 ч.4, 1175): what the deceased owed at his death passes to
//!   the estate; from the opening of the inheritance the heirs own the premises and owe its
//!   charges themselves. The month of death is the heirs' (a convention: the month is not split
//!   by days; UNCONFIRMED). Penalties are claimed to the day of death: they do not run for the
//!   time the law gives to accept the inheritance (Пленум ВС от 29.05.2012 № 9 п.61) [K], and the
//!   later ones are not claimed here (less, never more).
//!
//! An account of several debtors is not split (a co-owner's share of the same months stays on the
//! ladder): the debtor in bankruptcy or deceased is left out of it, with the reason.

use crate::model::{Account, Bankruptcy, Death, Debtor, Entry, Period, Procedure};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Why the account splits.
#[derive(Clone, Copy, Debug)]
pub enum Why<'a> {
    Bankruptcy(&'a Bankruptcy),
    Death(&'a Death),
}

/// The split of an account's debt.
#[derive(Clone, Copy, Debug)]
pub struct Cutoff<'a> {
    pub debtor: &'a Debtor,
    pub why: Why<'a>,
    /// The day that splits: the petition's acceptance, the death.
    pub day: NaiveDate,
    /// The first month after the split (the current months', the heirs' own).
    pub first_after: Period,
    /// The last day penalties run for the months before.
    pub penalty_until: NaiveDate,
}

/// The split of `account`, when its one debtor is in bankruptcy or has died (a death first).
pub fn of(account: &Account) -> Option<Cutoff<'_>> {
    let [debtor] = &account.debtors[..] else {
        return None;
    };
    if let Some(death) = debtor.death.as_deref() {
        return Some(Cutoff {
            debtor,
            why: Why::Death(death),
            day: death.date,
            first_after: Period::of(death.date),
            penalty_until: death.date,
        });
    }
    let b = debtor.bankruptcy.as_deref()?;
    Some(Cutoff {
        debtor,
        why: Why::Bankruptcy(b),
        day: b.accepted,
        first_after: Period::of(b.accepted),
        penalty_until: b
            .introduced
            .unwrap_or(b.accepted)
            .max(b.accepted)
            .pred_opt()?,
    })
}

impl Cutoff<'_> {
    /// Whether a ledger row belongs to the months before the split: a charge of an earlier month,
    /// a payment made before the day (a payment after it goes to the current months: the
    /// register's debts are paid only in the bankruptcy case, ст.213.11 п.2).
    pub fn before(&self, entry: &Entry) -> bool {
        match entry {
            Entry::Charge(c) => c.period < self.first_after,
            Entry::Payment(p) => p.date < self.day,
        }
    }

    /// The ledger of the months before the split.
    pub fn ledger_before(&self, ledger: &[Entry]) -> Vec<Entry> {
        ledger.iter().filter(|e| self.before(e)).cloned().collect()
    }

    /// The ledger of the months after the split.
    pub fn ledger_after(&self, ledger: &[Entry]) -> Vec<Entry> {
        ledger.iter().filter(|e| !self.before(e)).cloned().collect()
    }

    /// What the months before owe, charges less payments (penalties aside): whether there is a
    /// claim to make at all.
    pub fn owed_before(&self, ledger: &[Entry]) -> Decimal {
        let sum: Decimal = ledger
            .iter()
            .filter(|e| self.before(e))
            .map(|e| match e {
                Entry::Charge(c) => c.amount,
                Entry::Payment(p) => -p.amount,
            })
            .sum();
        sum.max(Decimal::ZERO)
    }

    /// Whether the months before are claimed in a bankruptcy case now: not once it is completed
    /// (the register's debts discharged, ст.213.28) nor out of court (the МФЦ's moratorium, ст.223.4).
    pub fn register_open(&self) -> bool {
        matches!(
            self.why,
            Why::Bankruptcy(b) if matches!(
                b.procedure,
                Procedure::Restructuring | Procedure::Realisation | Procedure::Petition
            )
        )
    }

    /// The last day to file a claim for the register and still be in it: two months from the
    /// procedure's publication (ст.213.8 п.2, ст.213.24 п.4; ст.142 п.4 for a late one).
    pub fn register_closes(&self) -> Option<NaiveDate> {
        match self.why {
            Why::Bankruptcy(b) => b
                .published
                .and_then(|p| p.checked_add_months(chrono::Months::new(2))),
            Why::Death(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::calendar::ymd;
    use crate::law::case::fixtures::debtor;
    use crate::model::{Charge, Matched, Payment};
    use std::sync::Arc;

    fn ledger() -> Vec<Entry> {
        let charge = |m: u32| {
            Entry::Charge(Charge {
                line: m,
                period: Period::new(2026, m).unwrap(),
                amount: Decimal::from(1000),
                date: None,
                service: None,
                due_date: None,
                reference: None,
            })
        };
        let mut l: Vec<Entry> = (1..=10).map(charge).collect();
        l.push(Entry::Payment(Payment {
            line: 20,
            date: ymd(2026, 3, 1),
            amount: Decimal::from(500),
            period: None,
            service: None,
            reference: None,
        }));
        l.push(Entry::Payment(Payment {
            line: 21,
            date: ymd(2026, 6, 1),
            amount: Decimal::from(700),
            period: None,
            service: None,
            reference: None,
        }));
        l
    }

    /// A petition accepted 14.05.2026: January–April are the register's (4 000 less the 500 paid
    /// on 01.03), May onwards current (the payment of 01.06 among them).
    #[test]
    fn a_bankruptcy_splits_at_the_month_of_the_petitions_acceptance() {
        let mut a = Account::new("1");
        let mut d = debtor("Николаев Григорий Ильич");
        d.bankruptcy = Some(Arc::new(Bankruptcy {
            line: 2,
            matched: Matched::Snils,
            case_number: Some("А41-51234/2026".into()),
            court: None,
            court_address: None,
            procedure: Procedure::Restructuring,
            accepted: ymd(2026, 5, 14),
            introduced: Some(ymd(2026, 7, 9)),
            published: Some(ymd(2026, 7, 18)),
            manager: None,
            manager_address: None,
        }));
        a.debtors.push(d);
        a.ledger = ledger();
        let c = of(&a).unwrap();
        assert_eq!(c.first_after, Period::new(2026, 5).unwrap());
        assert_eq!(
            c.penalty_until,
            ymd(2026, 7, 8),
            "the day before the procedure"
        );
        assert_eq!(c.owed_before(&a.ledger), Decimal::from(3500));
        assert_eq!(c.ledger_before(&a.ledger).len(), 5);
        assert_eq!(c.ledger_after(&a.ledger).len(), 7);
        assert!(c.register_open());
        assert_eq!(c.register_closes(), Some(ymd(2026, 9, 18)));
        // Two debtors: no split.
        a.debtors.push(debtor("Николаева Анна Петровна"));
        assert!(of(&a).is_none());
    }
}
