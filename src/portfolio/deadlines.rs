//! The portfolio's deadlines (`law::deadlines`): how many of each kind, how many urgent, and the
//! nearest urgent ones by account, so that the head of the department sees what is due before it
//! is lost. Bounded: at most [`NEAREST`] items are kept whatever the portfolio's size.

use crate::law::deadlines::{Deadline, What};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The urgent deadlines the report lists one by one, nearest first.
pub const NEAREST: usize = 25;

/// Each kind of deadline in the report's order, with its label (its machine name is `What`'s).
pub const KINDS: [(What, &str, &str); 8] = [
    (
        What::Limitation,
        "Подать в суд до истечения давности",
        "File before limitation runs out",
    ),
    (
        What::Objection,
        "Срок возражений на судебный приказ",
        "Objection term of a court order",
    ),
    (
        What::WritTerm,
        "Срок предъявления исполнительного документа",
        "Term to present a writ",
    ),
    (
        What::Warning,
        "20 дней после вручения предупреждения",
        "20 days after a warning's delivery",
    ),
    (
        What::WarningValid,
        "Предупреждение перестаёт быть основанием ограничения",
        "A warning stops supporting a restriction",
    ),
    (
        What::Agreement,
        "Платежи по соглашениям о погашении",
        "Parts of repayment agreements",
    ),
    (
        What::Resumption,
        "Возобновление ограниченной услуги",
        "Resuming a restricted service",
    ),
    (
        What::Register,
        "Требования в реестр кредиторов (банкротство)",
        "Claims for bankruptcy registers",
    ),
];

#[derive(Debug, Default)]
pub struct Deadlines {
    /// By kind: (all, urgent).
    pub counts: BTreeMap<usize, (usize, usize)>,
    /// The nearest urgent ones: (date, account, text), at most [`NEAREST`].
    pub nearest: Vec<(NaiveDate, String, crate::lang::Text)>,
}

impl Deadlines {
    pub fn add(&mut self, account: &str, deadlines: &[Deadline]) {
        for d in deadlines {
            let Some(i) = KINDS.iter().position(|(w, _, _)| *w == d.what) else {
                continue;
            };
            let c = self.counts.entry(i).or_default();
            c.0 += 1;
            if d.urgent {
                c.1 += 1;
                let item = (d.date, account.to_string(), d.text.clone());
                let at = self.nearest.partition_point(|x| *x <= item);
                if at < NEAREST {
                    self.nearest.insert(at, item);
                    self.nearest.truncate(NEAREST);
                }
            }
        }
    }

    pub fn urgent(&self) -> usize {
        self.counts.values().map(|c| c.1).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn due(date: &str, what: What, urgent: bool) -> Deadline {
        Deadline {
            date: date.parse().unwrap(),
            what,
            text: crate::lang::Text::same("test", format!("{what:?} {date}")),
            urgent,
        }
    }

    #[test]
    fn counts_by_kind_and_the_nearest_urgent_kept_in_order_and_bounded() {
        let mut d = Deadlines::default();
        for i in 0..40u32 {
            let date = format!("2026-12-{:02}", 28 - (i % 28));
            d.add(
                &format!("{}", 1000 + i),
                &[due(&date, What::Limitation, true)],
            );
        }
        d.add("2000", &[due("2026-12-01", What::Warning, false)]);
        assert_eq!(d.counts[&0], (40, 40));
        assert_eq!(d.counts[&3], (1, 0));
        assert_eq!(d.urgent(), 40);
        assert_eq!(d.nearest.len(), NEAREST);
        assert!(d.nearest.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(d.nearest[0].0.to_string(), "2026-12-01");
        assert_eq!(d.nearest[0].1, "1027", "the 28th account has day 1");
    }
}
