//! When a debtor may be messaged or called: the windows of 230-ФЗ ст.7 ч.3 in the debtor's local
//! time — 08:00–22:00 on working days, 09:00–20:00 on days off (Saturdays, Sundays and public
//! holidays). UNCONFIRMED that the law binds a utility collecting its own debt; the windows are on
//! by default and set in `[messages]` of `vzysk.toml`. SMS need the debtor's consent (ФЗ «О связи»
//! ст.44.1).

use chrono::{Datelike, NaiveDate, Weekday};

/// The windows when they are given as `HH:MM-HH:MM`.
pub struct Windows<'a> {
    pub workday: &'a str,
    pub dayoff: &'a str,
    /// Public holidays: days off besides Saturdays and Sundays.
    pub holidays: &'a [NaiveDate],
}

impl Windows<'_> {
    /// Whether `day` is a day off.
    pub fn day_off(&self, day: NaiveDate) -> bool {
        self.holidays.contains(&day) || matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// The window on `day` as (from, to), each `YYYY-MM-DD HH:MM` in local time. A window that
    /// cannot be read is the narrower one of days off.
    pub fn on(&self, day: NaiveDate) -> (String, String) {
        let span = if self.day_off(day) {
            self.dayoff
        } else {
            self.workday
        };
        let (from, to) = span.split_once('-').unwrap_or(("09:00", "20:00"));
        (
            format!("{day} {}", from.trim()),
            format!("{day} {}", to.trim()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::calendar::ymd;

    #[test]
    fn working_days_days_off_and_holidays() {
        let holidays = [ymd(2026, 11, 4)];
        let w = Windows {
            workday: "08:00-22:00",
            dayoff: "09:00-20:00",
            holidays: &holidays,
        };
        assert_eq!(
            w.on(ymd(2026, 11, 27)),
            ("2026-11-27 08:00".into(), "2026-11-27 22:00".into())
        );
        assert_eq!(w.on(ymd(2026, 11, 28)).0, "2026-11-28 09:00", "a Saturday");
        assert_eq!(w.on(ymd(2026, 11, 4)).1, "2026-11-04 20:00", "a holiday");
    }
}
