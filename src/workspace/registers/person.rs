//! A person as a list or an extract names him, and how he is told to be a debtor: by ИНН, then
//! СНИЛС, then by name and birth date (a weak match).

use crate::model::{Debtor, Matched};
use chrono::NaiveDate;

/// A person as a list names him: compared by identifiers, else by name and birth date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Lower case, ё as е, single spaces.
    pub name: String,
    pub born: Option<NaiveDate>,
    /// Digits only.
    pub inn: Option<String>,
    pub snils: Option<String>,
}

fn digits(text: Option<String>) -> Option<String> {
    text.map(|t| t.chars().filter(char::is_ascii_digit).collect::<String>())
        .filter(|d| !d.is_empty())
}

/// A name compared: lower case, ё as е, single spaces.
pub fn name_key(name: &str) -> String {
    name.to_lowercase()
        .replace('ё', "е")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Person {
    pub fn new(
        name: &str,
        born: Option<NaiveDate>,
        inn: Option<String>,
        snils: Option<String>,
    ) -> Person {
        Person {
            name: name_key(name),
            born,
            inn: digits(inn),
            snils: digits(snils),
        }
    }

    pub fn of(d: &Debtor) -> Person {
        Person::new(&d.full_name, d.birth_date, d.inn.clone(), d.snils.clone())
    }

    /// How `self` (a list's row) is the debtor `d`, if it is.
    pub fn matches(&self, d: &Person) -> Option<Matched> {
        let same = |a: &Option<String>, b: &Option<String>| a.is_some() && a == b;
        if same(&self.inn, &d.inn) {
            Some(Matched::Inn)
        } else if same(&self.snils, &d.snils) {
            Some(Matched::Snils)
        } else if self.name == d.name && self.born.is_some() && self.born == d.born {
            Some(Matched::NameAndBirth)
        } else {
            None
        }
    }
}
