//! The check digits of Russian identifiers and bank details (`legal-rules.md` §10, §13.7), so that a
//! payment never bounces and a court never returns a paper for a mistyped number:
//! - СНИЛС: 11 digits, the last two the control number of the first nine (weights 9…1, mod 101);
//! - ИНН: 10 digits for an organisation, 12 for a person, with their control digits (mod 11, mod 10);
//! - ОГРН: 13 digits (the first 12 mod 11, mod 10); ОГРНИП: 15 (the first 14 mod 13, mod 10);
//! - КПП: 9 characters, `NNNNPPNNN` (the reason code `PP` may hold capital Latin letters);
//! - БИК: 9 digits;
//! - a 20-digit account: the Bank of Russia key [K] — the last 3 digits of the БИК, then the 20
//!   digits, weighted 7, 1, 3 repeated, sum divisible by 10; for an account at a Bank of Russia
//!   division (a bank's correspondent account, the single treasury account ЕКС 40102…) the 3 digits
//!   are «0» and the 5th–6th digits of the БИК. A treasury account (03…) is not keyed so (the ФНС's
//!   real 03100643000000018500 passes neither variant): only its form is checked.

/// The digits of `text`, when it is digits only.
fn digits(text: &str) -> Option<Vec<u32>> {
    text.chars().map(|c| c.to_digit(10)).collect()
}

/// A СНИЛС (`112-233-445 95`; spaces and hyphens allowed).
pub fn snils_ok(text: &str) -> bool {
    let digits: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 11
        || text
            .chars()
            .any(|c| !(c.is_ascii_digit() || c == '-' || c == ' '))
    {
        return false;
    }
    let sum: u32 = digits[..9]
        .iter()
        .enumerate()
        .map(|(i, d)| d * (9 - i as u32))
        .sum();
    let check = match sum % 101 {
        100 => 0,
        s => s,
    };
    check == digits[9] * 10 + digits[10]
}

/// An ИНН of an organisation (10 digits) or a person (12 digits).
pub fn inn_ok(text: &str) -> bool {
    let Some(d) = digits(text) else { return false };
    let control = |weights: &[u32], upto: usize| -> u32 {
        weights
            .iter()
            .zip(&d[..upto])
            .map(|(w, x)| w * x)
            .sum::<u32>()
            % 11
            % 10
    };
    match d.len() {
        10 => control(&[2, 4, 10, 3, 5, 9, 4, 6, 8], 9) == d[9],
        12 => {
            control(&[7, 2, 4, 10, 3, 5, 9, 4, 6, 8], 10) == d[10]
                && control(&[3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8], 11) == d[11]
        }
        _ => false,
    }
}

/// An ОГРН (13 digits) or ОГРНИП (15 digits).
pub fn ogrn_ok(text: &str) -> bool {
    let Some(d) = digits(text) else { return false };
    let number = |n: usize| d[..n].iter().fold(0u64, |acc, x| acc * 10 + u64::from(*x));
    match d.len() {
        13 => number(12) % 11 % 10 == u64::from(d[12]),
        15 => number(14) % 13 % 10 == u64::from(d[14]),
        _ => false,
    }
}

/// A КПП: four digits, two digits or capital Latin letters, three digits.
pub fn kpp_ok(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 9
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4..6]
            .iter()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        && b[6..].iter().all(u8::is_ascii_digit)
}

/// A БИК: nine digits.
pub fn bic_ok(text: &str) -> bool {
    text.len() == 9 && text.bytes().all(|b| b.is_ascii_digit())
}

/// What a 20-digit account is, for its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountKind {
    /// At a credit institution: keyed with the БИК's last three digits.
    Bank,
    /// At a Bank of Russia division (a correspondent account, the ЕКС 40102…): keyed with «0» and
    /// the БИК's 5th–6th digits.
    BankOfRussia,
    /// A treasury account (03…): form only.
    Treasury,
}

impl AccountKind {
    /// The kind of `account` held at the bank `bic`, from the account's own digits.
    pub fn of(account: &str) -> AccountKind {
        if account.starts_with("03") {
            AccountKind::Treasury
        } else if account.starts_with("301") || account.starts_with("40102") {
            AccountKind::BankOfRussia
        } else {
            AccountKind::Bank
        }
    }
}

/// Whether `account` (20 digits) is valid at the bank `bic`: its key, or for a treasury account
/// its form.
pub fn account_ok(account: &str, bic: &str) -> bool {
    let (Some(acc), true) = (digits(account), bic_ok(bic)) else {
        return false;
    };
    if acc.len() != 20 {
        return false;
    }
    let prefix = match AccountKind::of(account) {
        AccountKind::Treasury => return true,
        AccountKind::BankOfRussia => format!("0{}", &bic[4..6]),
        AccountKind::Bank => bic[6..].to_string(),
    };
    let Some(p) = digits(&prefix) else {
        return false;
    };
    let weights = [7, 1, 3];
    let sum: u32 = p
        .iter()
        .chain(&acc)
        .enumerate()
        .map(|(i, d)| d * weights[i % 3])
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifier_checksums() {
        assert!(snils_ok("112-233-445 95"));
        assert!(!snils_ok("112-233-445 96"));
        assert!(inn_ok("500100732259"));
        assert!(!inn_ok("500100732258"));
        assert!(inn_ok("7707083893")); // a 10-digit (organisation) ИНН
        assert!(inn_ok("7727406020"), "the ФНС's");
        assert!(!inn_ok("77274060x0"));
        assert!(ogrn_ok("1027700132195"), "Сбербанк's ОГРН");
        assert!(!ogrn_ok("1027700132196"));
        assert!(ogrn_ok("304500116000157"), "an ОГРНИП");
        assert!(kpp_ok("770801001") && kpp_ok("7708AB001"));
        assert!(!kpp_ok("77080100") && !kpp_ok("7708ab001"));
    }

    /// `legal-rules.md` §13.7, every example.
    #[test]
    fn account_keys_of_section_13_7() {
        assert!(!account_ok("40702810440000012345", "044525225"));
        assert!(account_ok("40702810640000012345", "044525225"));
        // Сбербанк's correspondent account, keyed by its Bank of Russia division.
        assert!(account_ok("30101810400000000225", "044525225"));
        // The single treasury account (ЕКС) passes with «0» + the БИК's 5th–6th digits.
        assert!(account_ok("40102810445370000059", "017003983"));
        // The ФНС's treasury account passes neither variant: its form is what is checked.
        assert!(account_ok("03100643000000018500", "017003983"));
        assert!(!account_ok("0310064300000001850", "017003983"), "19 digits");
        assert!(
            !account_ok("40702810640000012345", "04452522"),
            "an 8-digit БИК"
        );
    }
}
