//! The billing month (расчётный период) and dates as people write them.

use chrono::{Datelike, NaiveDate};
use std::fmt;

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

    pub fn prev(self) -> Period {
        if self.month == 1 {
            Period {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Period {
                year: self.year,
                month: self.month - 1,
            }
        }
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

/// A span of billing months, both ends included: the months a court order claimed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthSpan {
    pub from: Period,
    pub to: Period,
}

impl MonthSpan {
    /// `2024-07..2025-01`, also with `–`, `—` or ` - ` between the months (`MM.YYYY` as well); a
    /// single month is a span of one.
    pub fn parse(text: &str) -> Option<MonthSpan> {
        let t = text.trim();
        let (a, b) = ["..", "–", "—", " - "]
            .iter()
            .find_map(|sep| t.split_once(sep))
            .unwrap_or((t, t));
        let (from, to) = (Period::parse(a)?, Period::parse(b)?);
        (from <= to).then_some(MonthSpan { from, to })
    }

    pub fn contains(&self, p: Period) -> bool {
        self.from <= p && p <= self.to
    }
}

impl fmt::Display for MonthSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.from, self.to)
    }
}

/// `YYYY-MM-DD` or `DD.MM.YYYY`, in the years 1000–9999 (a four-digit year: `0000` is no year).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    // Read by hand: a journal of a million rows spent a third of its reading in a general parser.
    let b = text.trim().as_bytes();
    if b.len() != 10 {
        return None;
    }
    let number = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let (year, month, day) = match (b[4], b[7], b[2], b[5]) {
        (b'-', b'-', _, _) => (number(0..4)?, number(5..7)?, number(8..10)?),
        (_, _, b'.', b'.') => (number(6..10)?, number(3..5)?, number(0..2)?),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
        .filter(|d| (1000..=9999).contains(&chrono::Datelike::year(d)))
}

/// A date as the post's tracking exports and clerks' tables write it: the first word only (a time
/// after it, `3.12.2026 12:40` or `2026-12-03T12:40`, is not the date's), in the forms of
/// [`parse_date`] or with a one-digit day or month (`3.12.2026`) or a two-digit year (`03.12.26`,
/// read as 2026: the post's exports start in this century).
pub fn parse_stamp(text: &str) -> Option<NaiveDate> {
    let word = text.split_whitespace().next()?;
    let word = word.split_once('T').map_or(word, |(day, _)| day);
    if let Some(d) = parse_date(word) {
        return Some(d);
    }
    let mut parts = word.split('.');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |p: &str, most: usize| {
        (1..=most).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some() || !digits(day, 2) || !digits(month, 2) {
        return None;
    }
    let year: i32 = match year.len() {
        2 if digits(year, 2) => 2000 + year.parse::<i32>().ok()?,
        4 if digits(year, 4) => year.parse().ok()?,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month.parse().ok()?, day.parse().ok()?)
        .filter(|d| chrono::Datelike::year(d) >= 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_as_the_post_writes_them() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(parse_stamp("3.12.2026 12:40"), d(2026, 12, 3));
        assert_eq!(parse_stamp("03.12.26"), d(2026, 12, 3));
        assert_eq!(parse_stamp("2026-12-03T12:40:00"), d(2026, 12, 3));
        assert_eq!(parse_stamp(" 2026-12-03 "), d(2026, 12, 3));
        assert_eq!(parse_stamp("1.2.2026"), d(2026, 2, 1));
        for bad in [
            "",
            "12:40",
            "3.12",
            "32.12.2026",
            "3.12.226",
            "3.12.2026.1",
            "03/12/26",
        ] {
            assert_eq!(parse_stamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_in_the_two_forms_and_nothing_else() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(parse_date("2024-03-15"), d(2024, 3, 15));
        assert_eq!(parse_date(" 15.03.2024 "), d(2024, 3, 15));
        assert_eq!(parse_date("29.02.2024"), d(2024, 2, 29));
        for bad in [
            "2024-3-15",
            "2024-02-30",
            "15.03.24",
            "2024/03/15",
            "2024-03-1x",
            "0999-01-01",
            "",
            "15-03-2024",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn month_spans_in_the_forms_people_write() {
        let p = |y, m| Period::new(y, m).unwrap();
        let span = MonthSpan {
            from: p(2024, 7),
            to: p(2025, 1),
        };
        for text in ["2024-07..2025-01", "2024-07–2025-01", "07.2024 - 01.2025"] {
            assert_eq!(MonthSpan::parse(text), Some(span), "{text}");
        }
        assert_eq!(span.to_string(), "2024-07..2025-01");
        assert!(span.contains(p(2024, 12)) && !span.contains(p(2025, 2)));
        assert_eq!(
            MonthSpan::parse("2025-03").map(|s| s.from),
            Some(p(2025, 3))
        );
        assert_eq!(MonthSpan::parse("2025-03..2024-01"), None, "backwards");
        assert_eq!(MonthSpan::parse("март..апрель"), None);
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
