//! `accounts.csv`: one row per debtor of an account (several for joint or shared liability); the
//! account's own columns (premises, area, court, bank…) the same on each of its rows.

use super::parse;
use super::rights;
use super::rows::{empty_account, empty_account_fix, malformed, take, text};
use super::schema::ACCOUNTS;
use super::table::{self, Cell, Table};
use crate::diag::Diagnostic;
use crate::law::identifiers;
use crate::model::{Account, Building, Debtor, Office, Status};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Reads `accounts.csv` into `accounts`, one account per number (`index` says where), each row a
/// debtor of it.
pub fn read_accounts(
    t: &Table,
    courts: &[Office],
    accounts: &mut Vec<Account>,
    index: &mut super::keep::Places,
    as_of: Option<NaiveDate>,
    diags: &mut Vec<Diagnostic>,
) -> table::Tally {
    let mut tally = table::Tally::new(&t.file);
    let mut rows = t.rows();
    for row in &mut rows {
        let before = diags.len();
        let used = add_row(t, &row, courts, accounts, index, as_of, diags);
        tally.row(&row, used, diags, before);
    }
    tally.settle(&rows, diags);
    for account in accounts.iter() {
        check_shares(account, diags);
        rights::check_basis(account, diags);
    }
    tally
}

/// Reads one row of `accounts.csv` into its account (a new one, or the one `index` says); false
/// when it has no account number (said).
pub fn add_row(
    t: &Table,
    row: &table::Row,
    courts: &[Office],
    accounts: &mut Vec<Account>,
    index: &mut super::keep::Places,
    as_of: Option<NaiveDate>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    malformed(t, row, diags);
    let Some(id) = t.cell(row, "account").text else {
        diags.push(
            t.cell(row, "account")
                .error(empty_account(), empty_account_fix()),
        );
        return false;
    };
    let id = id.to_string();
    let debtor = debtor(t, row, &id, as_of, diags);
    let fields = account_fields(t, row, &id, courts, diags);
    let name_cell = t.cell(row, "full_name");
    match index.get(&id) {
        Some(&i) => {
            let acc = &mut accounts[i];
            if acc
                .debtors
                .iter()
                .any(|d| d.full_name == debtor.full_name && !debtor.full_name.is_empty())
            {
                let name = &debtor.full_name;
                diags.push(
                    name_cell
                        .warning(
                            crate::tr!(
                                "accounts.debtor.twice",
                                "{name} указан дважды в лицевом счёте {id}",
                                "{name} is listed twice on account {id}"
                            ),
                            crate::tr!(
                                "accounts.debtor.twice.fix",
                                "удалите повторную строку, если это не два разных человека с одинаковым ФИО",
                                "delete the repeated row unless they are two people of one name"
                            ),
                        )
                        .account(&id),
                );
            }
            if let Some(record) = debtor.right.as_ref().and_then(|r| r.record.as_deref())
                && acc
                    .debtors
                    .iter()
                    .any(|d| d.right.as_ref().and_then(|r| r.record.as_deref()) == Some(record))
            {
                diags.push(
                    t.cell(row, "right_record")
                        .error(
                            crate::tr!(
                                "accounts.right.twice",
                                "запись ЕГРН {record} уже указана у другого должника лицевого счёта {id}",
                                "the ЕГРН record {record} is already given for another debtor of account {id}"
                            ),
                            crate::tr!(
                                "accounts.right.twice.fix",
                                "у каждого собственника своя запись о праве: сверьте номер с выпиской из ЕГРН",
                                "each owner's right has its own record: check the number against the ЕГРН extract"
                            ),
                        )
                        .account(&id),
                );
            }
            fields.merge_into(acc, t, row, diags);
            acc.debtors.push(debtor);
        }
        None => {
            index.insert(id.clone(), accounts.len());
            let mut acc = Account::new(&id);
            acc.debtors.push(debtor);
            fields.merge_into(&mut acc, t, row, diags);
            accounts.push(acc);
        }
    }
    true
}

/// The debtor of a row, with the checks of their name, status, identifiers and birth date.
fn debtor(
    t: &Table,
    row: &table::Row,
    id: &str,
    as_of: Option<NaiveDate>,
    diags: &mut Vec<Diagnostic>,
) -> Debtor {
    let name_cell = t.cell(row, "full_name");
    let full_name = match name_cell.text {
        Some(n) => n.split_whitespace().collect::<Vec<_>>().join(" "),
        None => {
            diags.push(
                name_cell
                    .error(
                        crate::tr!(
                            "accounts.name.empty",
                            "не указано ФИО должника",
                            "the debtor's name is empty"
                        ),
                        crate::tr!(
                            "accounts.name.empty.fix",
                            "укажите фамилию, имя и отчество",
                            "write the surname, name and patronymic"
                        ),
                    )
                    .account(id),
            );
            String::new()
        }
    };
    let status_cell = t.cell(row, "status");
    let status = match Status::parse(status_cell.text.unwrap_or("")) {
        Some(s) => s,
        None => {
            let (status, names) = (status_cell.text.unwrap_or(""), Status::NAMES.join(", "));
            diags.push(
                status_cell
                    .error(
                        crate::tr!(
                            "accounts.status.unknown",
                            "неизвестный статус «{status}»",
                            "unknown status \"{status}\""
                        ),
                        crate::tr!(
                            "accounts.status.unknown.fix",
                            "укажите одно из значений: {names}",
                            "write one of: {names}"
                        ),
                    )
                    .account(id),
            );
            Status::Active
        }
    };
    let debtor = Debtor {
        line: row.line,
        full_name: full_name.clone(),
        birth_date: take(parse::date(t.cell(row, "birth_date")), id, diags),
        birth_place: text(t.cell(row, "birth_place")),
        residence_address: text(t.cell(row, "residence_address")),
        work_place: text(t.cell(row, "work_place")),
        snils: text(t.cell(row, "snils")),
        inn: text(t.cell(row, "inn")),
        passport: text(t.cell(row, "passport")),
        phone: text(t.cell(row, "phone")),
        email: text(t.cell(row, "email")),
        sms_consent: take(parse::flag(t.cell(row, "sms_consent")), id, diags),
        share: take(parse::share(t.cell(row, "share")), id, diags),
        status,
        representative: rights::representative(t, row, &full_name, id, diags),
        answers: Default::default(),
        right: rights::right(t, row, id, diags),
        bankruptcy: None,
        death: None,
        not_in_extract: None,
    };
    check_identifiers(t, row, &debtor, id, diags);
    if let Some(born) = debtor.birth_date {
        let cell = t.cell(row, "birth_date");
        let date = || crate::russian::date(born);
        if as_of.is_some_and(|d| born > d) {
            let born = date();
            diags.push(
                cell.error(
                    crate::tr!(
                        "accounts.birth_date.after_as_of",
                        "дата рождения {born} позже даты расчёта",
                        "born {born}, after the as-of date"
                    ),
                    crate::tr!(
                        "accounts.birth_date.after_as_of.fix",
                        "исправьте дату рождения",
                        "correct the birth date"
                    ),
                )
                .account(id),
            );
        } else if born < crate::law::calendar::ymd(1900, 1, 1) {
            let born = date();
            diags.push(
                cell.warning(
                    crate::tr!(
                        "accounts.birth_date.before_1900",
                        "дата рождения {born} раньше 1900 года",
                        "born {born}, before 1900"
                    ),
                    crate::tr!(
                        "accounts.birth_date.before_1900.fix",
                        "проверьте дату рождения",
                        "check the birth date"
                    ),
                )
                .account(id),
            );
        }
    }

    debtor
}

/// The account's own columns of a row (premises, area, building, court, bank…).
fn account_fields(
    t: &Table,
    row: &table::Row,
    id: &str,
    courts: &[Office],
    diags: &mut Vec<Diagnostic>,
) -> AccountFields {
    let building_cell = t.cell(row, "building");
    let building = match building_cell.text.map(str::to_lowercase).as_deref() {
        None => None,
        Some("mkd" | "мкд") => Some(Building::Mkd),
        Some("house" | "дом" | "жд") => Some(Building::House),
        Some(other) => {
            diags.push(
                building_cell
                    .error(
                        crate::tr!(
                            "accounts.building.unknown",
                            "неизвестный тип дома «{other}»",
                            "unknown building type \"{other}\""
                        ),
                        crate::tr!(
                            "accounts.building.unknown.fix",
                            "укажите mkd (многоквартирный дом) или house (жилой дом)",
                            "write mkd (apartment block) or house"
                        ),
                    )
                    .account(id),
            );
            None
        }
    };
    let fields = AccountFields {
        premises_address: text(t.cell(row, "premises_address")),
        area: take(parse::positive_amount(t.cell(row, "area")), id, diags),
        persons: take(parse::count(t.cell(row, "persons")), id, diags),
        building,
        service: text(t.cell(row, "service")),
        norm_monthly_charge: take(
            parse::positive_amount(t.cell(row, "norm_monthly_charge")),
            id,
            diags,
        ),
        court: text(t.cell(row, "court")),
        bank: text(t.cell(row, "bank")),
    };
    if let Some(court) = &fields.court
        && !courts.iter().any(|c| &c.id == court)
    {
        diags.push(
            t.cell(row, "court")
                .error(
                    crate::tr!(
                        "accounts.court.unknown",
                        "суда «{court}» нет в vzysk.toml",
                        "court \"{court}\" is not in vzysk.toml"
                    ),
                    crate::tr!(
                        "accounts.court.unknown.fix",
                        "укажите id одной из записей `[[courts]]` или оставьте ячейку пустой, чтобы суд был подобран по адресу",
                        "use the id of a [[courts]] entry, or leave it empty to match by address"
                    ),
                )
                .account(id),
        );
    }
    fields
}

/// The owners' shares of an account, summed exactly (`law::shares`), may not add up to more than
/// the whole.
pub fn check_shares(acc: &Account, diags: &mut Vec<Diagnostic>) {
    let shares: Vec<_> = acc.debtors.iter().map(|d| d.share).collect();
    let id = &acc.id;
    let why = match crate::law::shares::total(&shares) {
        Some(t) if t.num > t.den => {
            let (num, den) = (t.num, t.den);
            crate::tr!(
                "accounts.shares.over_one",
                "доли лицевого счёта {id} в сумме дают {num}/{den}, то есть больше 1",
                "the shares of account {id} add up to {num}/{den}, more than 1"
            )
        }
        Some(_) => return,
        None => crate::tr!(
            "accounts.shares.inexact",
            "доли лицевого счёта {id} невозможно сложить точно (слишком много разных знаменателей)",
            "the shares of account {id} cannot be added up exactly (too many distinct denominators)"
        ),
    };
    let fix = crate::tr!(
        "accounts.shares.fix",
        "исправьте колонку share",
        "correct the share column"
    );
    diags.push(
        Diagnostic::error(ACCOUNTS.file, why, fix)
            .at(acc.debtors[0].line)
            .account(&acc.id),
    );
}

/// The account-level columns: the same on every row of an account; the first non-empty value wins
/// and a different one is warned about.
struct AccountFields {
    premises_address: Option<String>,
    area: Option<Decimal>,
    persons: Option<u32>,
    building: Option<Building>,
    service: Option<String>,
    norm_monthly_charge: Option<Decimal>,
    court: Option<String>,
    bank: Option<String>,
}

impl AccountFields {
    fn merge_into(
        self,
        acc: &mut Account,
        t: &Table,
        row: &table::Row,
        diags: &mut Vec<Diagnostic>,
    ) {
        fn merge<T: PartialEq + std::fmt::Debug>(
            slot: &mut Option<T>,
            new: Option<T>,
            cell: Cell,
            account: &str,
            diags: &mut Vec<Diagnostic>,
        ) {
            match (slot.as_ref(), new) {
                (_, None) => {}
                (None, Some(v)) => *slot = Some(v),
                (Some(old), Some(v)) if *old != v => {
                    let old = format!("{old:?}");
                    let old_ru = old.trim_matches('"');
                    diags.push(
                        cell.warning(
                            crate::tr!(
                                "accounts.field.differs",
                                "отличается от более ранней строки лицевого счёта {account} («{old_ru}»); используется прежнее значение",
                                "differs from an earlier row of account {account} ({old}); the earlier value is used"
                            ),
                            crate::tr!(
                                "accounts.field.differs.fix",
                                "приведите строки лицевого счёта к одним значениям",
                                "make the account's rows agree"
                            ),
                        )
                        .account(account),
                    )
                }
                _ => {}
            }
        }
        let id = acc.id.clone();
        merge(
            &mut acc.premises_address,
            self.premises_address,
            t.cell(row, "premises_address"),
            &id,
            diags,
        );
        merge(&mut acc.area, self.area, t.cell(row, "area"), &id, diags);
        merge(
            &mut acc.persons,
            self.persons,
            t.cell(row, "persons"),
            &id,
            diags,
        );
        merge(
            &mut acc.building,
            self.building,
            t.cell(row, "building"),
            &id,
            diags,
        );
        merge(
            &mut acc.service,
            self.service,
            t.cell(row, "service"),
            &id,
            diags,
        );
        merge(
            &mut acc.norm_monthly_charge,
            self.norm_monthly_charge,
            t.cell(row, "norm_monthly_charge"),
            &id,
            diags,
        );
        merge(&mut acc.court, self.court, t.cell(row, "court"), &id, diags);
        merge(&mut acc.bank, self.bank, t.cell(row, "bank"), &id, diags);
    }
}

fn check_identifiers(
    t: &Table,
    row: &table::Row,
    d: &Debtor,
    id: &str,
    diags: &mut Vec<Diagnostic>,
) {
    if let Some(s) = &d.snils
        && !identifiers::snils_ok(s)
    {
        diags.push(
            t.cell(row, "snils")
                .warning(
                    crate::tr!(
                        "accounts.snils.invalid",
                        "СНИЛС «{s}» не проходит проверку контрольного числа",
                        "СНИЛС \"{s}\" fails its control number"
                    ),
                    crate::tr!(
                        "accounts.snils.invalid.fix",
                        "проверьте цифры: суд может вернуть заявление",
                        "check the digits; the court may return the application"
                    ),
                )
                .account(id),
        );
    }
    if let Some(s) = &d.inn
        && !identifiers::inn_ok(s)
    {
        diags.push(
            t.cell(row, "inn")
                .warning(
                    crate::tr!(
                        "accounts.inn.invalid",
                        "ИНН «{s}» не проходит проверку контрольных цифр",
                        "ИНН \"{s}\" fails its control digits"
                    ),
                    crate::tr!(
                        "accounts.inn.invalid.fix",
                        "проверьте цифры",
                        "check the digits"
                    ),
                )
                .account(id),
        );
    }
    // Each unknown thing in English and in Russian.
    let mut unknown: Vec<(&str, &str)> = Vec::new();
    if d.birth_date.is_none() {
        unknown.push(("birth_date", "birth_date"));
    }
    if d.birth_place.is_none() {
        unknown.push(("birth_place", "birth_place"));
    }
    if d.snils.is_none() && d.inn.is_none() && d.passport.is_none() {
        unknown.push((
            "an identifier (snils, inn or passport)",
            "идентификатора (snils, inn или passport)",
        ));
    }
    if !unknown.is_empty() && d.status.pursued() {
        let name = &d.full_name;
        let list: Vec<&str> = unknown.iter().map(|u| u.0).collect();
        let list_ru: Vec<&str> = unknown.iter().map(|u| u.1).collect();
        let (list, list_ru) = (list.join(", "), list_ru.join(", "));
        diags.push(
            Diagnostic::warning(
                &t.file,
                crate::tr!(
                    "accounts.debtor.unknown_details",
                    "{name}: нет {list_ru}; в документах для суда будет указано, что взыскателю они неизвестны (ГПК ст.124 ч.2)",
                    "{name}: no {list}; court papers will state they are unknown to the claimant (ГПК ст.124 ч.2)"
                ),
                crate::tr!(
                    "accounts.debtor.unknown_details.fix",
                    "добавьте их, если они известны взыскателю",
                    "add them if the claimant knows them"
                ),
            )
            .at(row.line)
            .account(id),
        );
    }
    if d.residence_address.is_none() {
        diags.push(
            t.cell(row, "residence_address")
                .warning(
                    crate::tr!(
                        "accounts.residence.empty",
                        "не указан адрес места жительства: для подсудности будет взят адрес помещения (ГПК ст.28)",
                        "no residence address: the premises address will stand in for jurisdiction (ГПК ст.28)"
                    ),
                    crate::tr!(
                        "accounts.residence.empty.fix",
                        "добавьте адрес регистрации, если он известен",
                        "add the registered address if known"
                    ),
                )
                .account(id),
        );
    }
}
