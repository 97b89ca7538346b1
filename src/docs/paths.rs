//! Names of folders and files in the archive: readable, safe on every file system.

use crate::model::{Account, Debtor};

/// A readable, safe folder or file name part: letters, digits and `-`, at most 40 characters,
/// cut after a whole word where it is longer.
pub fn safe_name(text: &str) -> String {
    let mut cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if cleaned.chars().count() > 40 {
        let cut: String = cleaned.chars().take(41).collect();
        cleaned = match cut.rfind('_') {
            Some(at) if at > 0 => cut[..at].to_string(),
            _ => cut.chars().take(40).collect(),
        };
    }
    let trimmed = cleaned.trim_matches('_');
    // Names Windows keeps for devices: no file or folder may be called so, with any extension.
    const RESERVED: [&str; 22] = [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
        "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];
    if trimmed.is_empty() {
        "_".into()
    } else if RESERVED.contains(&trimmed.to_uppercase().as_str()) {
        format!("_{trimmed}")
    } else {
        trimmed.to_string()
    }
}

/// Whether `debtor` shares a surname with another debtor of the account: then folders name them
/// with initials from the start, so one owner's folders have one name in every part of the archive.
pub fn needs_initials(account: &Account, debtor: &Debtor) -> bool {
    let surname = |d: &Debtor| d.full_name.split_whitespace().next().map(str::to_lowercase);
    account
        .debtors
        .iter()
        .filter(|d| !std::ptr::eq(*d, debtor))
        .any(|d| surname(d) == surname(debtor))
}

/// `<account>_<surname>` (or with initials) of a debtor, for folder and file names.
pub fn debtor_slug(account: &Account, debtor: &Debtor, with_initials: bool) -> String {
    let mut parts = debtor.full_name.split_whitespace();
    let surname = parts.next().unwrap_or("");
    let initials: String = parts.filter_map(|p| p.chars().next()).collect();
    let name = if with_initials && !initials.is_empty() {
        format!("{surname}_{initials}")
    } else {
        surname.to_string()
    };
    format!("{}_{}", safe_name(&account.id), safe_name(&name))
}

/// `…/01 Заявление.pdf` with 2 pages → `…/01 Заявление (2 л.).pdf`: the sheet count in the name.
pub fn with_sheets(path: &str, pages: usize) -> String {
    match path.strip_suffix(".pdf") {
        Some(stem) => format!("{stem} ({pages} л.).pdf"),
        None => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_after_a_whole_word() {
        assert_eq!(
            safe_name("Рузский РОСП ГУФССП России по Московской области"),
            "Рузский_РОСП_ГУФССП_России_по_Московской"
        );
        assert_eq!(
            safe_name("Публичное акционерное общество Сбербанк России"),
            "Публичное_акционерное_общество_Сбербанк"
        );
        assert_eq!(safe_name(&"а".repeat(50)), "а".repeat(40));
    }

    #[test]
    fn safe_names_keep_letters_and_drop_the_rest() {
        assert_eq!(safe_name("Иванов"), "Иванов");
        assert_eq!(safe_name("../../etc"), "etc");
        assert_eq!(safe_name("a/b\\c:d"), "a_b_c_d");
        assert_eq!(safe_name(""), "_");
        assert_eq!(safe_name("CON"), "_CON");
        assert_eq!(safe_name("lpt1"), "_lpt1");
        assert_eq!(safe_name("CONSOLE"), "CONSOLE");
        assert_eq!(safe_name(&"я".repeat(300)).chars().count(), 40);
    }

    #[test]
    fn the_sheet_count_goes_before_the_extension() {
        assert_eq!(
            with_sheets("a/01 Заявление.pdf", 2),
            "a/01 Заявление (2 л.).pdf"
        );
        assert_eq!(with_sheets("sms/sms.csv", 1), "sms/sms.csv");
    }
}
