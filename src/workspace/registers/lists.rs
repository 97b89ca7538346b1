//! The lists a department receives about people, read into the model: `bankruptcies.csv` (as
//! exported from Федресурс / ЕФРСБ, including the out-of-court bankruptcies of the МФЦ) and
//! `deaths.csv` (from the registry office, the notaries' chamber or the department's own records).
//! Every row is used or said (the tables' tally); a row without the dates the law turns on is an
//! error at its cell.

use super::person::Person;
use crate::diag::Diagnostic;
use crate::model::{Bankruptcy, Death, Matched, Procedure};
use crate::tr;
use crate::workspace::parse;
use crate::workspace::rows::{malformed, text};
use crate::workspace::schema::Schema;
use crate::workspace::table::{self, Table, Tally};
use std::sync::Arc;

/// The bankruptcies list: one row per citizen.
pub const BANKRUPTCIES: Schema = Schema {
    file: "bankruptcies.csv",
    known: &[
        "full_name",
        "birth_date",
        "inn",
        "snils",
        "case_number",
        "court",
        "court_address",
        "procedure",
        "accepted",
        "introduced",
        "published",
        "manager",
        "manager_address",
    ],
    required: &["full_name", "procedure", "accepted"],
    aliases: &[
        &PERSON_ALIASES,
        &[
            ("номер дела", "case_number"),
            ("№ дела", "case_number"),
            ("дело", "case_number"),
            ("арбитражный суд", "court"),
            ("суд", "court"),
            ("адрес суда", "court_address"),
            ("процедура", "procedure"),
            ("вид процедуры", "procedure"),
            ("дата принятия заявления", "accepted"),
            ("дата возбуждения дела", "accepted"),
            ("дата включения в реестр мфц", "accepted"),
            ("дата введения процедуры", "introduced"),
            ("дата решения", "introduced"),
            ("дата публикации", "published"),
            ("финансовый управляющий", "manager"),
            ("арбитражный управляющий", "manager"),
            ("адрес управляющего", "manager_address"),
            ("адрес для корреспонденции", "manager_address"),
        ],
    ],
};

/// The deaths list: one row per deceased.
pub const DEATHS: Schema = Schema {
    file: "deaths.csv",
    known: &[
        "full_name",
        "birth_date",
        "inn",
        "snils",
        "death_date",
        "notary",
        "notary_address",
        "inheritance_case",
        "heirs",
        "heirs_address",
        "estate_value",
    ],
    required: &["full_name", "death_date"],
    aliases: &[
        &PERSON_ALIASES,
        &[
            ("дата смерти", "death_date"),
            ("нотариус", "notary"),
            ("адрес нотариуса", "notary_address"),
            ("наследственное дело", "inheritance_case"),
            ("№ наследственного дела", "inheritance_case"),
            ("наследники", "heirs"),
            ("адрес наследников", "heirs_address"),
            ("стоимость наследства", "estate_value"),
            ("стоимость наследственного имущества", "estate_value"),
        ],
    ],
};

const PERSON_ALIASES: [(&str, &str); 7] = [
    ("фио", "full_name"),
    ("ф.и.о", "full_name"),
    ("фио должника", "full_name"),
    ("должник", "full_name"),
    ("дата рождения", "birth_date"),
    ("инн", "inn"),
    ("снилс", "snils"),
];

/// A list's row, with the person it is about.
pub struct Listed<T> {
    pub person: Person,
    pub what: Arc<T>,
}

/// The person a row names; an error at the row when its name is empty.
fn person(t: &Table, row: &table::Row, diags: &mut Vec<Diagnostic>) -> Option<Person> {
    let cell = t.cell(row, "full_name");
    let Some(name) = cell.text else {
        diags.push(cell.error(
            tr!("lists.no_name", "не указаны ФИО", "the name is missing"),
            tr!(
                "lists.no_name.fix",
                "впишите фамилию, имя и отчество, как в реестре",
                "write the full name as the register gives it"
            ),
        ));
        return None;
    };
    let born = parse::date(t.cell(row, "birth_date")).unwrap_or_else(|d| {
        diags.push(d);
        None
    });
    Some(Person::new(
        name,
        born,
        text(t.cell(row, "inn")),
        text(t.cell(row, "snils")),
    ))
}

/// A date cell the law turns on: an error at the cell when it is empty or unreadable.
fn needed_date(
    t: &Table,
    row: &table::Row,
    column: &'static str,
    diags: &mut Vec<Diagnostic>,
) -> Option<chrono::NaiveDate> {
    let cell = t.cell(row, column);
    match parse::date(cell.clone()) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            diags.push(cell.error(
                tr!(
                    "lists.date.missing",
                    "не указана дата `{column}`: от неё зависит, какие месяцы куда взыскиваются",
                    "the date `{column}` is missing: which months go where turns on it"
                ),
                tr!(
                    "lists.date.missing.fix",
                    "впишите дату из реестра (ДД.ММ.ГГГГ)",
                    "write the date from the register (DD.MM.YYYY)"
                ),
            ));
            None
        }
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

pub(super) fn optional_date(
    t: &Table,
    row: &table::Row,
    column: &'static str,
    diags: &mut Vec<Diagnostic>,
) -> Option<chrono::NaiveDate> {
    parse::date(t.cell(row, column)).unwrap_or_else(|d| {
        diags.push(d);
        None
    })
}

/// Reads every row of a list with `one`, counting each as used or said.
fn read<T>(
    t: &Table,
    diags: &mut Vec<Diagnostic>,
    mut one: impl FnMut(&table::Row, &mut Vec<Diagnostic>) -> Option<Listed<T>>,
) -> (Vec<Listed<T>>, Tally) {
    let mut tally = Tally::new(&t.file);
    let mut out = Vec::new();
    let mut rows = t.rows();
    for row in &mut rows {
        let first = diags.len();
        malformed(t, &row, diags);
        let listed = one(&row, diags);
        tally.row(&row, listed.is_some(), diags, first);
        out.extend(listed);
    }
    tally.settle(&rows, diags);
    (out, tally)
}

/// The bankruptcies list's rows.
pub fn bankruptcies(t: &Table, diags: &mut Vec<Diagnostic>) -> (Vec<Listed<Bankruptcy>>, Tally) {
    read(t, diags, |row, diags| {
        let person = person(t, row, diags);
        let cell = t.cell(row, "procedure");
        let procedure = match cell.text.map(|p| (p, Procedure::parse(p))) {
            Some((_, Some(p))) => Some(p),
            Some((word, None)) => {
                diags.push(cell.error(
                    tr!(
                        "lists.procedure.unknown",
                        "неизвестная процедура «{word}»",
                        "unknown procedure «{word}»"
                    ),
                    tr!(
                        "lists.procedure.unknown.fix",
                        "укажите процедуру, как её называет Федресурс: реструктуризация долгов, реализация имущества, внесудебное банкротство, завершена",
                        "write the procedure as Fedresurs names it (in Russian)"
                    ),
                ));
                None
            }
            None => {
                diags.push(cell.error(
                    tr!(
                        "lists.procedure.missing",
                        "не указана процедура",
                        "no procedure"
                    ),
                    tr!(
                        "lists.procedure.missing.fix",
                        "укажите процедуру из карточки должника на Федресурсе",
                        "give the procedure from the debtor's card on Fedresurs"
                    ),
                ));
                None
            }
        };
        let accepted = needed_date(t, row, "accepted", diags);
        let (person, procedure, accepted) = (person?, procedure?, accepted?);
        let what = Bankruptcy {
            line: row.line,
            matched: Matched::NameAndBirth,
            case_number: text(t.cell(row, "case_number")),
            court: text(t.cell(row, "court")),
            court_address: text(t.cell(row, "court_address")),
            procedure,
            accepted,
            introduced: optional_date(t, row, "introduced", diags),
            published: optional_date(t, row, "published", diags),
            manager: text(t.cell(row, "manager")),
            manager_address: text(t.cell(row, "manager_address")),
        };
        Some(Listed {
            person,
            what: Arc::new(what),
        })
    })
}

/// The deaths list's rows; heirs are separated by `;`.
pub fn deaths(t: &Table, diags: &mut Vec<Diagnostic>) -> (Vec<Listed<Death>>, Tally) {
    read(t, diags, |row, diags| {
        let person = person(t, row, diags);
        let date = needed_date(t, row, "death_date", diags);
        let value = parse::positive_amount(t.cell(row, "estate_value")).unwrap_or_else(|d| {
            diags.push(d);
            None
        });
        let (person, date) = (person?, date?);
        if let Some(born) = person.born.filter(|b| *b > date) {
            let (b, d) = (crate::russian::date(born), crate::russian::date(date));
            diags.push(t.cell(row, "death_date").error(
                tr!(
                    "lists.death.before_birth",
                    "дата смерти {d} раньше даты рождения {b}",
                    "died {d}, before the birth date {b}"
                ),
                tr!(
                    "lists.death.before_birth.fix",
                    "исправьте дату по свидетельству о смерти",
                    "correct the date from the death certificate"
                ),
            ));
            return None;
        }
        let heirs = t
            .cell(row, "heirs")
            .text
            .map(|h| {
                h.split(';')
                    .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let what = Death {
            line: row.line,
            matched: Matched::NameAndBirth,
            date,
            notary: text(t.cell(row, "notary")),
            notary_address: text(t.cell(row, "notary_address")),
            inheritance_case: text(t.cell(row, "inheritance_case")),
            heirs,
            heirs_address: text(t.cell(row, "heirs_address")),
            estate_value: value,
        };
        Some(Listed {
            person,
            what: Arc::new(what),
        })
    })
}
