//! Russian as documents write it: dates and months (here), typography (`typography`), names in the
//! cases a sentence needs (`names`) and amounts in words (`in_words`). It knows the billing month
//! (`model::Period`) and nothing else of accounts or documents.

pub mod in_words;
pub mod names;
pub mod organisations;
pub mod typography;

use crate::model::Period;
use chrono::NaiveDate;

/// `27.11.2026`.
pub fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

const MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
const MONTHS_NOMINATIVE: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

/// A month's name in the form of `names` (genitive for «с июня», nominative for «по октябрь»).
fn month_name(period: Period, names: &[&'static str; 12]) -> &'static str {
    names[(period.month.clamp(1, 12) - 1) as usize]
}

/// «с июня 2025 г. по октябрь 2026 г.»: a span of billing months.
pub fn month_span(from: Period, to: Period) -> String {
    format!(
        "с {} {} г. по {} {} г.",
        month_name(from, &MONTHS_GENITIVE),
        from.year,
        month_name(to, &MONTHS_NOMINATIVE),
        to.year
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_spans_decline_the_months() {
        let p = |y, m| Period::new(y, m).unwrap();
        assert_eq!(
            month_span(p(2025, 6), p(2026, 10)),
            "с июня 2025 г. по октябрь 2026 г."
        );
        assert_eq!(
            month_span(p(2024, 2), p(2024, 3)),
            "с февраля 2024 г. по март 2024 г."
        );
    }

    #[test]
    fn dates_as_documents_print_them() {
        assert_eq!(
            date(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()),
            "01.03.2026"
        );
    }
}
