//! Billing months and due dates (ЖК ст.155 ч.1; 177-ФЗ; `legal-rules.md` §1.2).

use crate::model::Period;
use chrono::{Datelike, Days, Months, NaiveDate};

/// `const` date constructor for the law tables; a bad date fails the build, never a run.
pub const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("invalid date in a law table"),
    }
}

/// `date + n` days, saturating at the end of chrono's range (never panics on absurd input).
pub fn add_days(date: NaiveDate, n: u64) -> NaiveDate {
    date.checked_add_days(Days::new(n))
        .unwrap_or(NaiveDate::MAX)
}

/// The corresponding day `years` later (ГК ст.192 ч.3: a term in years ends on the corresponding
/// day of its last year; the 29th of February in a year without one is the 28th), saturating.
pub fn years_after(day: NaiveDate, years: u32) -> NaiveDate {
    day.checked_add_months(Months::new(12 * years))
        .unwrap_or(NaiveDate::MAX)
}

/// `date − n` days, saturating.
pub fn sub_days(date: NaiveDate, n: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(n))
        .unwrap_or(NaiveDate::MIN)
}

/// The first billing month whose bill is due on the 15th and whose day no contract may change
/// (177-ФЗ of 24.06.2025, in force 01.03.2026; Минстрой letter 20.02.2026 № 9202-ДН/04: the February
/// 2026 bill is still due on the 10th). UNCONFIRMED: the transitional provisions of 177-ФЗ were not
/// seen (`legal-rules.md` §12 п.4); the month is therefore a setting (`[penalty] fixed_due_from`).
pub const FIXED_DUE_FROM: Period = Period {
    year: 2026,
    month: 3,
};
/// The day fixed by 177-ФЗ.
pub const FIXED_DUE_DAY: u32 = 15;
/// The day of the old ЖК ст.155 ч.1 ("до 10-го числа"), unless the contract set another.
pub const DEFAULT_DUE_DAY: u32 = 10;

/// The last day on which the bill for `period` is paid on time.
///
/// Up to `fixed_due_from` the contract's `due_day` (default 10) of the following month, clamped to the
/// month's last day; from it, the 15th. "до 10-го числа" is read as "on or before the 10th" (§1.3).
pub fn due_date(period: Period, due_day: u32, fixed_due_from: Period) -> NaiveDate {
    let next = period.next().first_day();
    let day = if period >= fixed_due_from {
        FIXED_DUE_DAY
    } else {
        due_day.max(1)
    };
    let last = next
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .map(|d| d.day())
        .unwrap_or(28);
    next.with_day(day.min(last)).unwrap_or(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_switch_to_the_15th_with_march_2026() {
        let d = |y, m| due_date(Period::new(y, m).unwrap(), 10, FIXED_DUE_FROM);
        assert_eq!(d(2019, 1), ymd(2019, 2, 10));
        assert_eq!(d(2026, 2), ymd(2026, 3, 10)); // vector 5a
        assert_eq!(d(2026, 3), ymd(2026, 4, 15)); // vector 5b
        assert_eq!(d(2025, 12), ymd(2026, 1, 10));
    }

    #[test]
    fn contract_day_applies_only_before_the_switch_and_is_clamped() {
        let p = |y, m| Period::new(y, m).unwrap();
        assert_eq!(due_date(p(2025, 5), 25, FIXED_DUE_FROM), ymd(2025, 6, 25));
        assert_eq!(due_date(p(2026, 4), 25, FIXED_DUE_FROM), ymd(2026, 5, 15));
        assert_eq!(due_date(p(2024, 1), 31, FIXED_DUE_FROM), ymd(2024, 2, 29));
    }
}
