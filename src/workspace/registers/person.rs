//! A person as a list or an extract names him, and how he is told to be a debtor: by ИНН, then
//! СНИЛС, then by name and birth date (a weak match).

use crate::model::{Debtor, Matched};
use chrono::NaiveDate;
use std::collections::HashMap;

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

/// A list's rows by who they are about, looked up by ИНН, СНИЛС, then name and birth date: a
/// region's Федресурс list of thousands of rows is asked once per debtor in constant time.
#[derive(Debug)]
pub struct Listing<T> {
    rows: Vec<std::sync::Arc<T>>,
    by_inn: HashMap<String, usize>,
    by_snils: HashMap<String, usize>,
    by_name: HashMap<(String, NaiveDate), usize>,
}

impl<T> Default for Listing<T> {
    fn default() -> Self {
        Listing {
            rows: Vec::new(),
            by_inn: HashMap::new(),
            by_snils: HashMap::new(),
            by_name: HashMap::new(),
        }
    }
}

impl<T> Listing<T> {
    /// The rows, each person's first row where a list names him twice.
    pub fn new(rows: impl IntoIterator<Item = (Person, std::sync::Arc<T>)>) -> Listing<T> {
        let mut out = Listing::default();
        for (i, (p, what)) in rows.into_iter().enumerate() {
            out.rows.push(what);
            if let Some(inn) = p.inn {
                out.by_inn.entry(inn).or_insert(i);
            }
            if let Some(snils) = p.snils {
                out.by_snils.entry(snils).or_insert(i);
            }
            if let Some(born) = p.born {
                out.by_name.entry((p.name, born)).or_insert(i);
            }
        }
        out
    }

    /// The row about `me`, by the strongest match.
    pub fn find(&self, me: &Person) -> Option<(Matched, std::sync::Arc<T>)> {
        let hit = |i: Option<&usize>, m: Matched| i.map(|&i| (m, self.rows[i].clone()));
        me.inn
            .as_ref()
            .and_then(|inn| hit(self.by_inn.get(inn), Matched::Inn))
            .or_else(|| {
                me.snils
                    .as_ref()
                    .and_then(|s| hit(self.by_snils.get(s), Matched::Snils))
            })
            .or_else(|| {
                let born = me.born?;
                hit(
                    self.by_name.get(&(me.name.clone(), born)),
                    Matched::NameAndBirth,
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_row_is_found_by_inn_then_snils_then_name_and_birth() {
        let born = NaiveDate::from_ymd_opt(1966, 2, 2);
        let list = Listing::new([
            (
                Person::new(
                    "Николаев Григорий Ильич",
                    born,
                    None,
                    Some("100-142-543 69".into()),
                ),
                Arc::new(1),
            ),
            (
                Person::new("Иванов Иван", None, Some("5075 0000 0037".into()), None),
                Arc::new(2),
            ),
        ]);
        let find = |p: Person| list.find(&p).map(|(m, v)| (m, *v));
        assert_eq!(
            find(Person::new(
                "Иванов И. И.",
                None,
                Some("507500000037".into()),
                None
            )),
            Some((Matched::Inn, 2))
        );
        assert_eq!(
            find(Person::new(
                "Николаев Г. И.",
                None,
                None,
                Some("10014254369".into())
            )),
            Some((Matched::Snils, 1))
        );
        assert_eq!(
            find(Person::new("НИКОЛАЕВ  Григорий Ильич", born, None, None)),
            Some((Matched::NameAndBirth, 1))
        );
        assert_eq!(
            find(Person::new("Николаев Григорий Ильич", None, None, None)),
            None,
            "a name alone is no match"
        );
    }
}
