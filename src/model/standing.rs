//! What the registers a department receives say of a debtor beyond `accounts.csv`: a bankruptcy
//! (the list exported from Федресурс / ЕФРСБ) or a death (a list of deaths), each with the line of
//! its list and how it was matched to the debtor (`workspace::registers`).

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// How a list's row was matched to a debtor: by an identifier, or only by name and birth date (a
/// weak match, which `check` says).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matched {
    Inn,
    Snils,
    NameAndBirth,
}

impl Matched {
    /// In Russian, as a diagnostic says it: «по ИНН».
    pub fn ru(self) -> &'static str {
        match self {
            Matched::Inn => "по ИНН",
            Matched::Snils => "по СНИЛС",
            Matched::NameAndBirth => "только по ФИО и дате рождения",
        }
    }

    /// In English: «by СНИЛС».
    pub fn en(self) -> &'static str {
        match self {
            Matched::Inn => "by ИНН",
            Matched::Snils => "by СНИЛС",
            Matched::NameAndBirth => "by name and birth date only",
        }
    }

    pub fn weak(self) -> bool {
        self == Matched::NameAndBirth
    }
}

/// The procedure of a citizen's bankruptcy (127-ФЗ гл. X; ст.223.2 for the out-of-court one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Procedure {
    /// Реструктуризация долгов гражданина (ст.213.11).
    Restructuring,
    /// Реализация имущества гражданина (ст.213.24).
    Realisation,
    /// Внесудебное банкротство через МФЦ (ст.223.2–223.4): a moratorium on the listed debts.
    OutOfCourt,
    /// Completed (ст.213.28): the register's debts are discharged.
    Completed,
    /// Only the petition accepted (наблюдение is not a citizen's procedure; the check of validity).
    Petition,
}

impl Procedure {
    /// From the list's cell: the words Федресурс writes («Реструктуризация долгов гражданина»).
    pub fn parse(text: &str) -> Option<Procedure> {
        let t = text.trim().to_lowercase().replace('ё', "е");
        Some(
            if t.contains("внесудеб") || t.contains("мфц") || t == "out_of_court" {
                Procedure::OutOfCourt
            } else if t.contains("реструктуриз") || t == "restructuring" {
                Procedure::Restructuring
            } else if t.contains("реализац") || t == "realisation" {
                Procedure::Realisation
            } else if t.contains("заверш") || t.contains("прекращ") || t == "completed"
            {
                Procedure::Completed
            } else if t.contains("заявлен") || t.contains("обоснован") || t == "petition"
            {
                Procedure::Petition
            } else {
                return None;
            },
        )
    }

    /// In the genitive, as a paper names it: «реструктуризации долгов гражданина».
    pub fn genitive(self) -> &'static str {
        match self {
            Procedure::Restructuring => "реструктуризации долгов гражданина",
            Procedure::Realisation => "реализации имущества гражданина",
            Procedure::OutOfCourt => "внесудебного банкротства гражданина",
            Procedure::Completed => "банкротства гражданина (завершена)",
            Procedure::Petition => {
                "проверки обоснованности заявления о признании гражданина банкротом"
            }
        }
    }
}

/// A debtor's bankruptcy, as the list gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bankruptcy {
    /// Line of the list.
    pub line: u64,
    pub matched: Matched,
    pub case_number: Option<String>,
    /// The arbitration court (out of court: the МФЦ).
    pub court: Option<String>,
    pub court_address: Option<String>,
    pub procedure: Procedure,
    /// The petition's acceptance (the case opened; out of court: the МФЦ's inclusion in the
    /// register): debts before it go to the register, later ones are current (ст.5).
    pub accepted: NaiveDate,
    /// The procedure introduced (restructuring, realisation): penalties on the register's debts
    /// stop (ст.213.11 п.2, ст.213.25).
    pub introduced: Option<NaiveDate>,
    /// The procedure's publication (ЕФРСБ, «Коммерсантъ»): the register closes 2 months after
    /// (ст.213.8 п.2, ст.213.24 п.4).
    pub published: Option<NaiveDate>,
    /// The financial manager and his address for letters.
    pub manager: Option<String>,
    pub manager_address: Option<String>,
}

/// A debtor's death, as the list gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Death {
    pub line: u64,
    pub matched: Matched,
    pub date: NaiveDate,
    /// The notary of the inheritance case and the office's address.
    pub notary: Option<String>,
    pub notary_address: Option<String>,
    /// The inheritance case's number.
    pub inheritance_case: Option<String>,
    /// The heirs known to the claimant, and where letters reach them.
    pub heirs: Vec<String>,
    pub heirs_address: Option<String>,
    /// The value of the inheritance, where known (ГК ст.1175 ч.1: the heirs answer within it).
    pub estate_value: Option<Decimal>,
}
