//! Limitation (исковая давность), `legal-rules.md` §1.7: 3 years (ГК ст.196), counted for each
//! monthly payment separately from the day after its due date (ГК ст.200; Пленум ВС РФ № 43 п.24).
//! The debtor must plead it (ГК ст.199 ч.2): time-barred months are warned about, never dropped.

use chrono::{Months, NaiveDate};

pub const LIMITATION_YEARS: u32 = 3;

/// The last day of the limitation period of a payment due on `due` (ГК ст.192 ч.3: a term in years
/// ends on the corresponding day of its last year).
pub fn limitation_ends(due: NaiveDate) -> NaiveDate {
    due.checked_add_months(Months::new(12 * LIMITATION_YEARS))
        .unwrap_or(NaiveDate::MAX)
}

pub fn time_barred(due: NaiveDate, as_of: NaiveDate) -> bool {
    as_of > limitation_ends(due)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::calendar::ymd;

    #[test]
    fn limitation_is_three_years_from_the_day_after_due() {
        let due = ymd(2023, 2, 10);
        assert_eq!(limitation_ends(due), ymd(2026, 2, 10));
        assert!(!time_barred(due, ymd(2026, 2, 10)));
        assert!(time_barred(due, ymd(2026, 2, 11)));
    }
}
