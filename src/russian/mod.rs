//! Russian as documents write it: dates and months (here), typography (`typography`), names in the
//! cases a sentence needs (`names`) and amounts in words (`in_words`). It knows the billing month
//! (`model::Period`) and nothing else of accounts or documents.

pub mod in_words;
pub mod names;
pub mod organisations;
pub mod typography;

use crate::model::Period;
use chrono::NaiveDate;

/// The text with a capital first letter: «Судебный приказ», «Две тысячи рублей».
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

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

/// Months as tables abbreviate them (ГОСТ Р 7.0.12-2011): «сент.», «июнь».
const MONTHS_SHORT: [&str; 12] = [
    "янв.",
    "февр.",
    "март",
    "апр.",
    "май",
    "июнь",
    "июль",
    "авг.",
    "сент.",
    "окт.",
    "нояб.",
    "дек.",
];

/// «сентябрь 2025»: a billing month in a table's cell.
pub fn month(period: Period) -> String {
    format!("{} {}", month_name(period, &MONTHS_NOMINATIVE), period.year)
}

/// «сент. 2025»: a billing month in a narrow cell.
pub fn month_short(period: Period) -> String {
    format!("{} {}", month_name(period, &MONTHS_SHORT), period.year)
}

/// «за июнь 2025 г.» or «за период с июня 2025 г. по октябрь 2026 г.».
pub fn months(from: Period, to: Period) -> String {
    if from == to {
        format!(
            "за {} {} г.",
            month_name(from, &MONTHS_NOMINATIVE),
            from.year
        )
    } else {
        format!("за период {}", month_span(from, to))
    }
}

/// A span the manifest writes `2023-09–2025-01`, in a registry's words: «сент. 2023 – янв. 2025»
/// (a span of days, or anything else, as it is).
pub fn span_words(span: &str) -> String {
    let months: Vec<Period> = span.split('–').filter_map(Period::parse).collect();
    match months.as_slice() {
        [a, b] if a == b => month_short(*a),
        [a, b] => format!("{} – {}", month_short(*a), month_short(*b)),
        _ => span.replace('–', " – "),
    }
}

/// «с мая 2026 г.»: from a billing month on.
pub fn month_from(from: Period) -> String {
    format!("с {} {} г.", month_name(from, &MONTHS_GENITIVE), from.year)
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
    fn months_in_words() {
        let p = |y, m| Period::new(y, m).unwrap();
        assert_eq!(month(p(2025, 9)), "сентябрь 2025");
        assert_eq!(month_short(p(2025, 9)), "сент. 2025");
        assert_eq!(month_short(p(2025, 6)), "июнь 2025");
        assert_eq!(months(p(2026, 10), p(2026, 10)), "за октябрь 2026 г.");
        assert_eq!(
            months(p(2025, 6), p(2026, 10)),
            "за период с июня 2025 г. по октябрь 2026 г."
        );
        assert_eq!(span_words("2023-09–2025-01"), "сент. 2023 – янв. 2025");
        assert_eq!(span_words("2026-10–2026-10"), "окт. 2026");
        assert_eq!(
            span_words("01.02.2026–27.11.2026"),
            "01.02.2026 – 27.11.2026"
        );
    }

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
