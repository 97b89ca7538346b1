//! Billing months and due dates (ЖК ст.155 ч.1; 177-ФЗ; `legal-rules.md` §1.2).

use chrono::{Datelike, Days, Months, NaiveDate};
use std::fmt;

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

/// `date − n` days, saturating.
pub fn sub_days(date: NaiveDate, n: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(n))
        .unwrap_or(NaiveDate::MIN)
}

/// Days from `from` to `to`, both inclusive (0 when `to < from`).
pub fn days_inclusive(from: NaiveDate, to: NaiveDate) -> i64 {
    ((to - from).num_days() + 1).max(0)
}

/// A billing month (расчётный период), `YYYY-MM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    pub month: u32,
}

impl Period {
    pub fn new(year: i32, month: u32) -> Option<Period> {
        ((1..=12).contains(&month) && (1000..=9999).contains(&year))
            .then_some(Period { year, month })
    }

    pub fn of(date: NaiveDate) -> Period {
        Period {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MIN)
    }

    pub fn next(self) -> Period {
        if self.month == 12 {
            Period {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Period {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// Parses `YYYY-MM`, and as billing exports and 1C write a month: `MM.YYYY`, its first day
    /// (`01.03.2024`, `2024-03-01`: a workbook's date cell) or its name (`март 2024`, `Март 2024 г.`).
    pub fn parse(text: &str) -> Option<Period> {
        let t = text.trim();
        if let Some(p) = Period::named(t) {
            return Some(p);
        }
        let first_day = |d: NaiveDate| {
            (d.day() == 1)
                .then(|| Period::new(d.year(), d.month()))
                .flatten()
        };
        if t.len() == 10 {
            return NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .or_else(|_| NaiveDate::parse_from_str(t, "%d.%m.%Y"))
                .ok()
                .and_then(first_day);
        }
        let (y, m) = if let Some((y, m)) = t.split_once('-') {
            (y, m)
        } else if let Some((m, y)) = t.split_once('.') {
            (y, m)
        } else {
            return None;
        };
        if y.len() != 4 || m.is_empty() || m.len() > 2 {
            return None;
        }
        Period::new(y.parse().ok()?, m.parse().ok()?)
    }

    /// `март 2024`, `Март 2024 г.`: a month's name (nominative, or genitive as in «марта 2024»).
    fn named(t: &str) -> Option<Period> {
        const STEMS: [&str; 12] = [
            "январ",
            "феврал",
            "март",
            "апрел",
            "ма",
            "июн",
            "июл",
            "август",
            "сентябр",
            "октябр",
            "ноябр",
            "декабр",
        ];
        let lower = t.to_lowercase();
        let mut words = lower.split_whitespace();
        let (name, year) = (words.next()?, words.next()?);
        if !matches!(words.next(), None | Some("г" | "г.")) || words.next().is_some() {
            return None;
        }
        let year = year.trim_end_matches("г.").trim_end_matches('г');
        let month = STEMS.iter().position(|stem| {
            name.strip_prefix(stem)
                .is_some_and(|end| matches!(end, "" | "ь" | "я" | "а" | "й"))
        })?;
        if year.len() != 4 {
            return None;
        }
        Period::new(year.parse().ok()?, month as u32 + 1)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
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

    #[test]
    fn periods_parse_both_ways_and_reject_garbage() {
        assert_eq!(Period::parse("2024-03"), Period::new(2024, 3));
        assert_eq!(Period::parse("03.2024"), Period::new(2024, 3));
        assert_eq!(Period::parse("2024-3"), Period::new(2024, 3));
        // As 1C and workbooks write a month.
        for (text, month) in [
            ("01.03.2024", 3),
            ("2024-03-01", 3),
            ("март 2024", 3),
            ("Март 2024 г.", 3),
            ("мая 2024", 5),
            ("Сентябрь 2024г.", 9),
            ("декабрь 2024 г", 12),
        ] {
            assert_eq!(Period::parse(text), Period::new(2024, month), "{text}");
        }
        assert_eq!(
            Period::new(2024, 2).unwrap().last_day(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        for bad in [
            "2024-13",
            "2024",
            "24-03",
            "",
            "2024-00",
            "abcd-01",
            "15.03.2024",
            "2024-03-15",
            "мартобря 2024",
            "01.01.0000",
            "0000-01-01",
            "март 24",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Period::new(2024, 12).unwrap().next(),
            Period::new(2025, 1).unwrap()
        );
    }
}
