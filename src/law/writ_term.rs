//! The term to present a writ or a court order for enforcement (229-ФЗ ст.21, `legal-rules.md`
//! §8.4): 3 years from the act's entry into force (or its issue, where that is all that is known).

use chrono::NaiveDate;

pub const WRIT_TERM_YEARS: u32 = 3;

/// The last day a writ whose term runs from `from` may be presented.
pub fn writ_term_ends(from: NaiveDate) -> NaiveDate {
    super::calendar::years_after(from, WRIT_TERM_YEARS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::calendar::ymd;

    #[test]
    fn three_years_to_the_day() {
        assert_eq!(writ_term_ends(ymd(2022, 2, 20)), ymd(2025, 2, 20));
        assert_eq!(writ_term_ends(ymd(2024, 2, 29)), ymd(2027, 2, 28));
    }
}
