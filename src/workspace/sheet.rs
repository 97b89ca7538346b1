//! What a workbook sheet or a JSON table gives: rows of cells as text, as a CSV cell would hold
//! them, with no kopeck and no day lost. The readers of workbooks (`book`) and JSON (`json`) make
//! these; `source` hands them on. A leaf of the workspace.

/// A row's 1-based number and its cells as text.
pub type Record = (u64, Vec<String>);

/// A workbook's (or JSON file's) tables: each sheet's name and rows.
pub type Sheets = Vec<(String, Vec<Record>)>;

/// A number cell as text without a lost kopeck: a whole number as digits; a fraction whose nearest
/// kopeck amount it is (up to the binary float's own error: 0.1 + 0.2) with two decimals; anything
/// finer in full, so that the amount reader refuses it as a fraction of a kopeck.
pub fn number_text(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let kopecks = (v * 100.0).round();
    if (v * 100.0 - kopecks).abs() <= 1e-6 * v.abs().max(1.0) && v.abs() < 1e13 {
        let k = kopecks as i64;
        let sign = if k < 0 { "-" } else { "" };
        return format!("{sign}{}.{:02}", k.abs() / 100, k.abs() % 100);
    }
    format!("{v}")
}

/// An Excel serial day number (1900 system) as `YYYY-MM-DD`; `None` outside Excel's own range.
pub fn serial_date(serial: f64) -> Option<String> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let dt = calamine::ExcelDateTime::new(serial, calamine::ExcelDateTimeType::DateTime, false);
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_kopecks() {
        assert_eq!(number_text(1234.0), "1234");
        assert_eq!(number_text(1234.56), "1234.56");
        assert_eq!(number_text(0.1 + 0.2), "0.30");
        assert_eq!(number_text(-12.3), "-12.30");
        assert_eq!(number_text(1_000_000.05), "1000000.05");
        assert_eq!(number_text(99_999_999_999.99), "99999999999.99");
        // A fraction of a kopeck is kept in full, for the amount reader to refuse.
        assert_eq!(number_text(12.345), "12.345");
        assert_eq!(number_text(0.001), "0.001");
    }

    #[test]
    fn serial_days_are_excel_dates() {
        assert_eq!(serial_date(45366.0).as_deref(), Some("2024-03-15"));
        assert_eq!(serial_date(45366.75).as_deref(), Some("2024-03-15"));
        assert_eq!(serial_date(1.0).as_deref(), Some("1900-01-01"));
        assert_eq!(serial_date(61.0).as_deref(), Some("1900-03-01"));
        assert_eq!(serial_date(0.0), None);
        assert_eq!(serial_date(3_000_000.0), None);
    }
}
