//! The month's steps (the journal's events after the previous report's date, up to this one's),
//! and the state duty: spent on filings (`duty=` of `order_filed` and `claim_filed`), awarded (a
//! court order issued and not cancelled since; a judgment or a writ after a claim) and recovered
//! (awarded, and the debt since paid in full: `paid_in_full`).

use crate::model::{Account, Event, EventKind};
use crate::money::parse_amount;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filings {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The month's events by kind (`EventKind::NAMES` order).
    pub month: BTreeMap<usize, usize>,
    pub month_filings: usize,
    pub month_duty: Decimal,
    /// All filings of the journal up to the report's date.
    pub filings: usize,
    pub spent: Decimal,
    pub awarded: Decimal,
    pub recovered: Decimal,
    /// Filings whose `duty=` is missing or not an amount: counted, not summed.
    pub unknown_duty: usize,
}

/// Whether `x` comes after `e` in the journal (a later day, or the same day further down).
fn after(x: &Event, e: &Event) -> bool {
    (x.date, x.line) > (e.date, e.line)
}

impl Filings {
    pub fn new(to: NaiveDate, from: NaiveDate) -> Filings {
        Filings {
            from,
            to,
            ..Filings::default()
        }
    }

    pub fn add(&mut self, account: &Account) {
        let events: Vec<&Event> = account
            .events
            .iter()
            .filter(|e| e.date <= self.to)
            .collect();
        for e in &events {
            let in_month = e.date > self.from;
            if in_month {
                let kind = EventKind::NAMES
                    .iter()
                    .position(|n| *n == e.kind.name())
                    .unwrap_or(EventKind::NAMES.len());
                *self.month.entry(kind).or_default() += 1;
            }
            let awards: &[EventKind] = match e.kind {
                EventKind::OrderFiled => &[EventKind::OrderIssued],
                EventKind::ClaimFiled => &[EventKind::Judgment, EventKind::WritIssued],
                _ => continue,
            };
            self.filings += 1;
            self.month_filings += usize::from(in_month);
            let Some(duty) = e.detail("duty").and_then(|d| parse_amount(d).ok()) else {
                self.unknown_duty += 1;
                continue;
            };
            self.spent += duty;
            if in_month {
                self.month_duty += duty;
            }
            let award = events
                .iter()
                .filter(|x| after(x, e) && awards.contains(&x.kind))
                .find(|award| {
                    e.kind != EventKind::OrderFiled
                        || !events
                            .iter()
                            .any(|x| after(x, award) && x.kind == EventKind::OrderCancelled)
                });
            if let Some(award) = award {
                self.awarded += duty;
                if events
                    .iter()
                    .any(|x| after(x, award) && x.kind == EventKind::PaidInFull)
                {
                    self.recovered += duty;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(events: &[(&str, EventKind, &str)]) -> Account {
        let mut a = Account::new("1");
        for (i, (date, kind, duty)) in events.iter().enumerate() {
            a.events.push(Event {
                line: 2 + i as u64,
                date: date.parse().unwrap(),
                kind: *kind,
                reference: None,
                details: if duty.is_empty() {
                    Vec::new()
                } else {
                    vec![("duty".into(), duty.to_string())]
                },
            });
        }
        a
    }

    fn filings(accounts: &[Account]) -> Filings {
        let mut f = Filings::new("2026-11-27".parse().unwrap(), "2026-10-27".parse().unwrap());
        for a in accounts {
            f.add(a);
        }
        f
    }

    #[test]
    fn duty_is_spent_on_filing_awarded_by_the_court_and_recovered_when_paid() {
        use EventKind as K;
        let paid = account(&[
            ("2026-01-10", K::OrderFiled, "2000.00"),
            ("2026-02-01", K::OrderIssued, ""),
            ("2026-03-01", K::PaidInFull, ""),
        ]);
        // The order cancelled: its duty is not awarded; the claim's is, by the judgment.
        let cancelled = account(&[
            ("2026-01-10", K::OrderFiled, "1000.00"),
            ("2026-02-01", K::OrderIssued, ""),
            ("2026-03-01", K::OrderCancelled, ""),
            ("2026-04-01", K::ClaimFiled, "3000.00"),
            ("2026-06-01", K::Judgment, ""),
        ]);
        // Filed this month, its duty not written down; a filing after the report's date left out.
        let unknown = account(&[
            ("2026-11-01", K::OrderFiled, ""),
            ("2026-11-20", K::NoticeSent, ""),
            ("2026-12-01", K::OrderFiled, "500.00"),
        ]);
        let f = filings(&[paid, cancelled, unknown]);
        assert_eq!(f.filings, 4);
        assert_eq!(f.spent, Decimal::new(600_000, 2));
        assert_eq!(f.awarded, Decimal::new(500_000, 2));
        assert_eq!(f.recovered, Decimal::new(200_000, 2));
        assert_eq!(f.unknown_duty, 1);
        assert_eq!(f.month_filings, 1);
        assert_eq!(f.month_duty, Decimal::ZERO);
        let names: Vec<(&str, usize)> = f
            .month
            .iter()
            .map(|(k, n)| (EventKind::NAMES[*k], *n))
            .collect();
        assert_eq!(names, [("notice_sent", 1), ("order_filed", 1)]);
    }
}
