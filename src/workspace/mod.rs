//! Reading a workspace folder: `vzysk.toml`, `accounts.csv`, `ledger.csv`, optional `events.csv`
//! (columns in `design.md`). Everything is checked and every problem reported at once; an account
//! with an error in any of its rows is marked bad, so no sum is ever made from half its rows.

mod book;
pub mod config;
mod json;
pub mod parse;
pub mod source;
pub mod table;

use crate::diag::Diagnostic;
use crate::model::{Account, Building, Charge, Debtor, Entry, Event, EventKind, Payment, Status};
use chrono::NaiveDate;
use config::Config;
use rust_decimal::Decimal;
use source::{Finder, Options};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use table::{Cell, Schema, Table};

pub const ACCOUNTS: Schema = Schema {
    file: "accounts.csv",
    known: &[
        "account",
        "full_name",
        "birth_date",
        "birth_place",
        "residence_address",
        "premises_address",
        "work_place",
        "snils",
        "inn",
        "passport",
        "phone",
        "email",
        "sms_consent",
        "share",
        "persons",
        "area",
        "building",
        "service",
        "norm_monthly_charge",
        "court",
        "bank",
        "status",
    ],
    required: &["account", "full_name"],
    aliases: &[
        &ACCOUNT_ALIASES,
        &[
            ("фио", "full_name"),
            ("ф.и.о", "full_name"),
            ("фио должника", "full_name"),
            ("фио собственника", "full_name"),
            ("фио абонента", "full_name"),
            ("должник", "full_name"),
            ("собственник", "full_name"),
            ("абонент", "full_name"),
            ("дата рождения", "birth_date"),
            ("место рождения", "birth_place"),
            ("адрес регистрации", "residence_address"),
            ("адрес места жительства", "residence_address"),
            ("адрес проживания", "residence_address"),
            ("место жительства", "residence_address"),
            ("адрес", "premises_address"),
            ("адрес помещения", "premises_address"),
            ("адрес объекта", "premises_address"),
            ("адрес жилого помещения", "premises_address"),
            ("место работы", "work_place"),
            ("снилс", "snils"),
            ("инн", "inn"),
            ("паспорт", "passport"),
            ("паспортные данные", "passport"),
            ("телефон", "phone"),
            ("тел", "phone"),
            ("e-mail", "email"),
            ("эл. почта", "email"),
            ("электронная почта", "email"),
            ("согласие на смс", "sms_consent"),
            ("согласие на sms", "sms_consent"),
            ("доля", "share"),
            ("доля в праве", "share"),
            ("количество проживающих", "persons"),
            ("кол-во проживающих", "persons"),
            ("число проживающих", "persons"),
            ("проживающих", "persons"),
            ("площадь", "area"),
            ("общая площадь", "area"),
            ("площадь, м2", "area"),
            ("площадь, кв. м", "area"),
            ("тип дома", "building"),
            ("услуга", "service"),
            ("услуги", "service"),
            ("начисление по нормативу", "norm_monthly_charge"),
            ("суд", "court"),
            ("судебный участок", "court"),
            ("банк", "bank"),
            ("банк должника", "bank"),
            ("статус", "status"),
        ],
    ],
};

/// The account column's names, shared by the three tables.
const ACCOUNT_ALIASES: [(&str, &str); 8] = [
    ("лицевой счет", "account"),
    ("лицевой счет №", "account"),
    ("№ лицевого счета", "account"),
    ("номер лицевого счета", "account"),
    ("лс", "account"),
    ("л/с", "account"),
    ("№ л/с", "account"),
    ("номер л/с", "account"),
];

pub const LEDGER: Schema = Schema {
    file: "ledger.csv",
    known: &[
        "account",
        "kind",
        "period",
        "date",
        "amount",
        "service",
        "due_date",
        "reference",
        "charged",
        "paid",
        "opening",
        "closing",
    ],
    // The rest depends on the layout (`Layout`): rows of kind and amount, or of charged and paid.
    required: &["account", "period"],
    aliases: &[
        &ACCOUNT_ALIASES,
        &[
            ("вид", "kind"),
            ("вид операции", "kind"),
            ("тип операции", "kind"),
            ("период", "period"),
            ("расчетный период", "period"),
            ("месяц", "period"),
            ("дата", "date"),
            ("дата оплаты", "date"),
            ("дата платежа", "date"),
            ("дата операции", "date"),
            ("сумма", "amount"),
            ("сумма, руб", "amount"),
            ("услуга", "service"),
            ("срок оплаты", "due_date"),
            ("срок платежа", "due_date"),
            ("документ", "reference"),
            ("номер документа", "reference"),
            ("платежный документ", "reference"),
            ("начислено", "charged"),
            ("начислено, руб", "charged"),
            ("начисление", "charged"),
            ("оплачено", "paid"),
            ("оплачено, руб", "paid"),
            ("поступило", "paid"),
            ("оплата", "paid"),
            ("сальдо на начало", "opening"),
            ("сальдо на начало периода", "opening"),
            ("входящее сальдо", "opening"),
            ("долг на начало", "opening"),
            ("задолженность на начало", "opening"),
            ("сальдо на конец", "closing"),
            ("сальдо на конец периода", "closing"),
            ("исходящее сальдо", "closing"),
            ("долг на конец", "closing"),
            ("задолженность на конец", "closing"),
        ],
    ],
};

pub const EVENTS: Schema = Schema {
    file: "events.csv",
    known: &["account", "date", "event", "reference", "details"],
    required: &["account", "date", "event"],
    aliases: &[
        &ACCOUNT_ALIASES,
        &[
            ("дата", "date"),
            ("событие", "event"),
            ("номер", "reference"),
            ("номер документа", "reference"),
            ("подробности", "details"),
        ],
    ],
};

/// A read workspace. `bad` holds the accounts with an error in any row, and what was wrong.
#[derive(Debug, Default)]
pub struct Workspace {
    pub config: Config,
    pub accounts: Vec<Account>,
    pub bad: BTreeMap<String, Bad>,
    /// With [`load_indexed`]: the ledger, left in its file; the accounts' `ledger`s are empty.
    pub ledger: Option<LedgerIndex>,
}

/// An account's errors: how many, and the first (as `vzysk check` prints it).
#[derive(Debug, Default)]
pub struct Bad {
    pub errors: usize,
    pub first: String,
}

impl Bad {
    /// Why the account is refused: «2 error(s) in its rows; the first: ledger.csv:8:5: …».
    pub fn reason(&self) -> String {
        format!(
            "{} error(s) in its rows; the first: {}",
            self.errors, self.first
        )
    }
}

impl Workspace {
    pub fn account(&self, id: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.id == id)
    }
}

/// Reads the workspace in `dir`; diagnostics are sorted by file and line.
pub fn load(dir: &Path) -> (Workspace, Vec<Diagnostic>) {
    load_with(dir, Options::default(), false)
}

/// As [`load`], with the files read as `options` say (`--encoding`, `--header-row`).
pub fn load_as(dir: &Path, options: Options) -> (Workspace, Vec<Diagnostic>) {
    load_with(dir, options, false)
}

/// As [`load_as`], with the same checks and diagnostics, but a UTF-8 CSV ledger stays in its file
/// ([`Workspace::ledger`]): for a batch run over many accounts, taken one account at a time.
/// A ledger from a workbook, JSON or another encoding is read whole, as by [`load`].
pub fn load_indexed(dir: &Path, options: Options) -> (Workspace, Vec<Diagnostic>) {
    load_with(dir, options, true)
}

fn load_with(dir: &Path, options: Options, indexed: bool) -> (Workspace, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut ws = Workspace::default();
    match std::fs::read(dir.join(config::FILE)) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => ws.config = config::parse(&text, &mut diags),
            Err(_) => diags.push(Diagnostic::error(
                config::FILE,
                "the file is not UTF-8",
                "save it as UTF-8",
            )),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => diags.push(Diagnostic::warning(
            config::FILE,
            "no vzysk.toml: the default penalty conventions are used and no document can name the claimant",
            "create it with `vzysk init`, or copy samples/ruza/vzysk.toml",
        )),
        Err(e) => diags.push(Diagnostic::error(
            config::FILE,
            format!("cannot be read: {e}"),
            "check the file's permissions",
        )),
    }

    let mut finder = Finder::new(dir, options);
    let mut index: HashMap<String, usize> = HashMap::new();
    match finder.table("accounts", &mut diags) {
        Some(source) => {
            if let Some(t) = table::parse(&source, &ACCOUNTS, options.header_row, &mut diags) {
                read_accounts(&t, &mut ws, &mut index, options.as_of, &mut diags);
            }
        }
        None => missing(&finder, dir, "accounts", &mut diags),
    }
    match finder.table("ledger", &mut diags) {
        Some(source) => {
            if let Some(t) = table::parse(&source, &LEDGER, options.header_row, &mut diags) {
                let rules = LedgerRules::of(&t, &ws.config, options.as_of, &mut diags);
                match (&source.rows, indexed) {
                    (
                        source::Rows::Csv {
                            reread: Some(path), ..
                        },
                        true,
                    ) => match index_ledger(&t, rules, path.clone(), &ws, &index, &mut diags) {
                        Ok(ledger) => ws.ledger = Some(ledger),
                        Err(d) => diags.push(*d),
                    },
                    _ => read_ledger(&t, rules, &mut ws, &index, &mut diags),
                }
            }
        }
        None => missing(&finder, dir, "ledger", &mut diags),
    }
    if let Some(source) = finder.table("events", &mut diags)
        && let Some(t) = table::parse(&source, &EVENTS, options.header_row, &mut diags)
    {
        read_events(&t, &mut ws, &index, &mut diags);
    }
    crate::diag::sort(&mut diags);
    for d in &diags {
        if let (true, Some(acc)) = (d.is_error(), &d.account) {
            let bad = ws.bad.entry(acc.clone()).or_default();
            if bad.errors == 0 {
                bad.first = d.to_string();
            }
            bad.errors += 1;
        }
    }
    (ws, diags)
}

/// Reports a required table that is nowhere: neither `<name>.csv` nor a sheet of the workbook.
fn missing(finder: &Finder, dir: &Path, name: &str, diags: &mut Vec<Diagnostic>) {
    let csv = format!("{name}.csv");
    if dir.join(&csv).exists() || finder.book_failed() {
        return; // there, but unreadable: said already
    }
    let diag = match finder.book_file() {
        Some(book) => Diagnostic::error(
            book,
            format!("no sheet for the {name} table"),
            format!(
                "name a sheet one of: {}; or put {csv} beside it",
                source::sheet_names(name).join(", ")
            ),
        ),
        None => Diagnostic::error(
            &csv,
            format!("not found in {}", dir.display()),
            match name {
                "accounts" => "point vzysk at a workspace folder, or create one with `vzysk init`",
                _ => {
                    "export charges and payments into ledger.csv (or a workbook's \"ledger\" sheet)"
                }
            },
        ),
    };
    diags.push(diag);
}

/// Collects the result of a cell parser: the value, or `None` with the diagnostic pushed.
fn take<T>(
    r: Result<Option<T>, Diagnostic>,
    account: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    r.unwrap_or_else(|d| {
        diags.push(d.account(account));
        None
    })
}

fn text(cell: Cell) -> Option<String> {
    cell.text.map(str::to_string)
}

fn malformed(t: &Table, row: &table::Row, diags: &mut Vec<Diagnostic>) {
    if let Some((what, fix)) = &row.malformed {
        let mut d = Diagnostic::error(&t.file, what.clone(), *fix).at(row.line);
        d.account = t.cell(row, "account").text.map(str::to_string);
        diags.push(d);
    }
}

fn read_accounts(
    t: &Table,
    ws: &mut Workspace,
    index: &mut HashMap<String, usize>,
    as_of: Option<NaiveDate>,
    diags: &mut Vec<Diagnostic>,
) {
    for row in t.rows() {
        let row = &row;
        malformed(t, row, diags);
        let Some(id) = t.cell(row, "account").text else {
            diags.push(t.cell(row, "account").error(
                "the account number is empty",
                "fill it in or delete the row",
            ));
            continue;
        };
        let id = id.to_string();
        let name_cell = t.cell(row, "full_name");
        let full_name = match name_cell.text {
            Some(n) => n.split_whitespace().collect::<Vec<_>>().join(" "),
            None => {
                diags.push(
                    name_cell
                        .error(
                            "the debtor's name is empty",
                            "write the surname, name and patronymic",
                        )
                        .account(&id),
                );
                String::new()
            }
        };
        let status_cell = t.cell(row, "status");
        let status = match Status::parse(status_cell.text.unwrap_or("")) {
            Some(s) => s,
            None => {
                diags.push(
                    status_cell
                        .error(
                            format!("unknown status \"{}\"", status_cell.text.unwrap_or("")),
                            format!("write one of: {}", Status::NAMES.join(", ")),
                        )
                        .account(&id),
                );
                Status::Active
            }
        };
        let debtor = Debtor {
            line: row.line,
            full_name,
            birth_date: take(parse::date(t.cell(row, "birth_date")), &id, diags),
            birth_place: text(t.cell(row, "birth_place")),
            residence_address: text(t.cell(row, "residence_address")),
            work_place: text(t.cell(row, "work_place")),
            snils: text(t.cell(row, "snils")),
            inn: text(t.cell(row, "inn")),
            passport: text(t.cell(row, "passport")),
            phone: text(t.cell(row, "phone")),
            email: text(t.cell(row, "email")),
            sms_consent: take(parse::flag(t.cell(row, "sms_consent")), &id, diags),
            share: take(parse::share(t.cell(row, "share")), &id, diags),
            status,
        };
        check_identifiers(t, row, &debtor, &id, diags);
        if let Some(born) = debtor.birth_date {
            let cell = t.cell(row, "birth_date");
            if as_of.is_some_and(|d| born > d) {
                diags.push(
                    cell.error(
                        format!("born {}, after the as-of date", born.format("%d.%m.%Y")),
                        "correct the birth date",
                    )
                    .account(&id),
                );
            } else if born < crate::law::calendar::ymd(1900, 1, 1) {
                diags.push(
                    cell.warning(
                        format!("born {}, before 1900", born.format("%d.%m.%Y")),
                        "check the birth date",
                    )
                    .account(&id),
                );
            }
        }

        let building_cell = t.cell(row, "building");
        let building = match building_cell.text.map(str::to_lowercase).as_deref() {
            None => None,
            Some("mkd" | "мкд") => Some(Building::Mkd),
            Some("house" | "дом" | "жд") => Some(Building::House),
            Some(other) => {
                diags.push(
                    building_cell
                        .error(
                            format!("unknown building type \"{other}\""),
                            "write mkd (apartment block) or house",
                        )
                        .account(&id),
                );
                None
            }
        };
        let fields = AccountFields {
            premises_address: text(t.cell(row, "premises_address")),
            area: take(parse::amount(t.cell(row, "area")), &id, diags),
            persons: take(parse::count(t.cell(row, "persons")), &id, diags),
            building,
            service: text(t.cell(row, "service")),
            norm_monthly_charge: take(
                parse::amount(t.cell(row, "norm_monthly_charge")),
                &id,
                diags,
            ),
            court: text(t.cell(row, "court")),
            bank: text(t.cell(row, "bank")),
        };
        if let Some(court) = &fields.court
            && !ws.config.courts.iter().any(|c| &c.id == court)
        {
            diags.push(
                t.cell(row, "court")
                    .error(
                        format!("court \"{court}\" is not in vzysk.toml"),
                        "use the id of a [[courts]] entry, or leave it empty to match by address",
                    )
                    .account(&id),
            );
        }
        match index.get(&id) {
            Some(&i) => {
                let acc = &mut ws.accounts[i];
                if acc
                    .debtors
                    .iter()
                    .any(|d| d.full_name == debtor.full_name && !debtor.full_name.is_empty())
                {
                    diags.push(
                        name_cell
                            .warning(
                                format!("{} is listed twice on account {id}", debtor.full_name),
                                "delete the repeated row unless they are two people of one name",
                            )
                            .account(&id),
                    );
                }
                fields.merge_into(acc, t, row, diags);
                acc.debtors.push(debtor);
            }
            None => {
                index.insert(id.clone(), ws.accounts.len());
                let mut acc = Account::new(&id);
                acc.debtors.push(debtor);
                fields.merge_into(&mut acc, t, row, diags);
                ws.accounts.push(acc);
            }
        }
    }
    for acc in &ws.accounts {
        let shares: Decimal = acc
            .debtors
            .iter()
            .filter_map(|d| d.share)
            .map(|s| s.as_decimal())
            .sum();
        if shares > Decimal::ONE {
            diags.push(
                Diagnostic::error(
                    ACCOUNTS.file,
                    format!("the shares of account {} add up to more than 1", acc.id),
                    "correct the share column",
                )
                .at(acc.debtors[0].line)
                .account(&acc.id),
            );
        }
    }
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
                (Some(old), Some(v)) if *old != v => diags.push(
                    cell.warning(format!("differs from an earlier row of account {account} ({old:?}); the earlier value is used"), "make the account's rows agree")
                        .account(account),
                ),
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
        && !parse::snils_ok(s)
    {
        diags.push(
            t.cell(row, "snils")
                .warning(
                    format!("СНИЛС \"{s}\" fails its control number"),
                    "check the digits; the court may return the application",
                )
                .account(id),
        );
    }
    if let Some(s) = &d.inn
        && !parse::inn_ok(s)
    {
        diags.push(
            t.cell(row, "inn")
                .warning(
                    format!("ИНН \"{s}\" fails its control digits"),
                    "check the digits",
                )
                .account(id),
        );
    }
    let mut unknown = Vec::new();
    if d.birth_date.is_none() {
        unknown.push("birth_date");
    }
    if d.birth_place.is_none() {
        unknown.push("birth_place");
    }
    if d.snils.is_none() && d.inn.is_none() && d.passport.is_none() {
        unknown.push("an identifier (snils, inn or passport)");
    }
    if !unknown.is_empty() && d.status == Status::Active {
        diags.push(
            Diagnostic::warning(
                &t.file,
                format!("{}: no {}; court papers will state they are unknown to the claimant (ГПК ст.124 ч.2)", d.full_name, unknown.join(", ")),
                "add them if the claimant knows them",
            )
            .at(row.line)
            .account(id),
        );
    }
    if d.residence_address.is_none() {
        diags.push(
            t.cell(row, "residence_address")
                .warning("no residence address: the premises address will stand in for jurisdiction (ГПК ст.28)", "add the registered address if known")
                .account(id),
        );
    }
}

/// The account a ledger or events row belongs to and its index; reported when empty or unknown.
fn row_account<'r>(
    t: &'r Table,
    row: &'r table::Row,
    index: &HashMap<String, usize>,
    diags: &mut Vec<Diagnostic>,
) -> Option<(&'r str, usize)> {
    let cell = t.cell(row, "account");
    let Some(id) = cell.text else {
        diags.push(cell.error(
            "the account number is empty",
            "fill it in or delete the row",
        ));
        return None;
    };
    match index.get(id) {
        Some(&i) => Some((id, i)),
        None => {
            diags.push(cell.error(
                format!("account \"{id}\" is not in accounts.csv"),
                "add the account to accounts.csv or correct the number",
            ));
            None
        }
    }
}

/// How a ledger's rows carry money, told by its columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// One row per charge or payment: `kind` and `amount` (the canonical `ledger.csv`).
    Kind,
    /// One row per account and month with `charged` and `paid` (`Начислено`, `Оплачено`), the
    /// payment's date in `date` (`Дата оплаты`).
    Wide,
    /// A turnover sheet (оборотно-сальдовая ведомость): as `Wide`, with `opening` and `closing`
    /// balances that each row must add up to.
    Turnover,
}

/// What reading a ledger's rows needs besides the rows: the layout, and for a turnover sheet
/// without payment dates, the day each month's payments are dated.
#[derive(Clone, Copy, Debug)]
struct LedgerRules {
    layout: Layout,
    payment_day: Option<config::PaymentDay>,
    as_of: Option<NaiveDate>,
}

impl LedgerRules {
    /// The rules of table `t`, reporting the columns its layout lacks.
    fn of(
        t: &Table,
        config: &Config,
        as_of: Option<NaiveDate>,
        diags: &mut Vec<Diagnostic>,
    ) -> LedgerRules {
        let layout = if t.has("opening") || t.has("closing") {
            Layout::Turnover
        } else if !t.has("kind") && (t.has("charged") || t.has("paid")) {
            Layout::Wide
        } else {
            Layout::Kind
        };
        let mut payment_day = None;
        match layout {
            Layout::Kind => {
                t.require(&["kind", "date", "amount"], diags);
            }
            Layout::Wide => {
                t.require(&["charged", "paid", "date"], diags);
            }
            Layout::Turnover => {
                t.require(&["opening", "charged", "paid", "closing"], diags);
                if !t.has("date") {
                    let day = config.input.turnover_payment_day;
                    payment_day = Some(day);
                    diags.push(
                        Diagnostic::note(
                            &t.file,
                            format!(
                                "a turnover sheet without payment dates: each month's payments are dated its {} day",
                                day.word()
                            ),
                            "add a \"Дата оплаты\" column for exact dates, or set [input] turnover_payment_day",
                        )
                        .at(t.header_line()),
                    );
                }
            }
        }
        LedgerRules {
            layout,
            payment_day,
            as_of,
        }
    }
}

fn read_ledger(
    t: &Table,
    rules: LedgerRules,
    ws: &mut Workspace,
    index: &HashMap<String, usize>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut services = HashMap::new();
    let mut tally = Tally::new(ws.accounts.len());
    for row in t.rows() {
        if let Some((i, entries)) = ledger_entry(t, &row, rules, index, diags, &mut services) {
            tally.add(t, &row, rules, i, &entries, diags);
            ws.accounts[i].ledger.extend(entries);
        }
    }
    tally.report(t, ws, diags);
    // Growing by doubling leaves up to half of each ledger unused; a big workspace feels it.
    for account in &mut ws.accounts {
        account.ledger.shrink_to_fit();
    }
}

/// A turnover sheet's first row of an account opens with the debt of months the sheet does not
/// give: it cannot be claimed by month, and is said, never dropped in silence.
fn opening_balance(
    t: &Table,
    row: &table::Row,
    rules: LedgerRules,
    seen: &mut bool,
    diags: &mut Vec<Diagnostic>,
) {
    if rules.layout != Layout::Turnover || std::mem::replace(seen, true) {
        return;
    }
    let cell = t.cell(row, "opening");
    if let Ok(Some(opening)) = parse::amount(cell)
        && !opening.is_zero()
    {
        let account = t.cell(row, "account").text.unwrap_or("");
        diags.push(
            cell.warning(
                format!(
                    "account {account} opens with a balance of {} from months before the sheet; it is not in the ledger",
                    crate::money::ru_with(opening, ' ')
                ),
                "export the earlier months too, so that the debt can be claimed month by month",
            )
            .account(account),
        );
    }
}

/// What the ledger showed of each account, for the checks that need more than one row: a turnover
/// sheet's opening balance (on an account's first row), payments without charges (at the end).
struct Tally {
    seen: Vec<bool>,
    charged: Vec<bool>,
    first_payment: Vec<Option<u32>>,
}

impl Tally {
    fn new(accounts: usize) -> Tally {
        Tally {
            seen: vec![false; accounts],
            charged: vec![false; accounts],
            first_payment: vec![None; accounts],
        }
    }

    /// Account number `i`'s good `row`, read as `entries`.
    fn add(
        &mut self,
        t: &Table,
        row: &table::Row,
        rules: LedgerRules,
        i: usize,
        entries: &[Entry],
        diags: &mut Vec<Diagnostic>,
    ) {
        opening_balance(t, row, rules, &mut self.seen[i], diags);
        for e in entries {
            match e {
                Entry::Charge(_) => self.charged[i] = true,
                Entry::Payment(p) => {
                    self.first_payment[i].get_or_insert(p.line);
                }
            }
        }
    }

    /// An account with payments and no charge at all: its money can only show as an overpayment.
    fn report(&self, t: &Table, ws: &Workspace, diags: &mut Vec<Diagnostic>) {
        for (i, account) in ws.accounts.iter().enumerate() {
            if let (false, Some(line)) = (self.charged[i], self.first_payment[i]) {
                diags.push(
                    Diagnostic::warning(
                        &t.file,
                        format!(
                            "account {} has payments but no charges: they show as an overpayment",
                            account.id
                        ),
                        "export the account's charges too",
                    )
                    .at(line.into())
                    .account(&account.id),
                );
            }
        }
    }
}

/// As `read_ledger`, with every check, but keeping only where each good row is (see [`LedgerIndex`]).
fn index_ledger(
    t: &Table,
    rules: LedgerRules,
    path: PathBuf,
    ws: &Workspace,
    index: &HashMap<String, usize>,
    diags: &mut Vec<Diagnostic>,
) -> Result<LedgerIndex, Box<Diagnostic>> {
    let mut services = HashMap::new();
    let mut rows: Vec<Vec<(u32, u32)>> = vec![Vec::new(); ws.accounts.len()];
    let mut tally = Tally::new(ws.accounts.len());
    let too_big = || {
        Box::new(Diagnostic::error(
            &t.file,
            "the file is larger than 4 GB",
            "split the ledger into yearly files",
        ))
    };
    for row in t.rows() {
        if let Some((i, entries)) = ledger_entry(t, &row, rules, index, diags, &mut services) {
            tally.add(t, &row, rules, i, &entries, diags);
            let offset = u32::try_from(row.offset).map_err(|_| too_big())?;
            let line = u32::try_from(row.line).map_err(|_| too_big())?;
            rows[i].push((offset, line));
        }
    }
    tally.report(t, ws, diags);
    Ok(LedgerIndex {
        path,
        table: t.detached(),
        rules,
        index: index.clone(),
        rows,
        file: None,
        services,
    })
}

/// The ledger of a big batch, left in its file: where each account's good rows are (offset and
/// line), read again and parsed when that account's turn comes ([`LedgerIndex::take`]), so that a
/// run holds one account's ledger at a time instead of a million parsed rows.
pub struct LedgerIndex {
    path: PathBuf,
    table: Table<'static>,
    rules: LedgerRules,
    index: HashMap<String, usize>,
    rows: Vec<Vec<(u32, u32)>>,
    file: Option<csv::Reader<std::fs::File>>,
    services: HashMap<String, Arc<str>>,
}

impl std::fmt::Debug for LedgerIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LedgerIndex")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl LedgerIndex {
    /// The ledger of account number `account` (its place in `accounts.csv`), read from the file,
    /// in file order, exactly as the full reading would have made it. Each account once.
    pub fn take(&mut self, account: usize) -> Result<Vec<Entry>, String> {
        let rows = self
            .rows
            .get_mut(account)
            .map(std::mem::take)
            .unwrap_or_default();
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let io = |e: std::io::Error| format!("{}: cannot be read again: {e}", self.path.display());
        if self.file.is_none() {
            let file = std::fs::File::open(&self.path).map_err(io)?;
            self.file = Some(self.table.reader(file).map_err(io)?);
        }
        let mut ledger = Vec::with_capacity(rows.len());
        let mut ignored = Vec::new();
        for (offset, line) in rows {
            let Some(file) = self.file.as_mut() else {
                break;
            };
            let row = self
                .table
                .row_at(file, offset.into(), line.into())
                .map_err(io)?;
            match ledger_entry(
                &self.table,
                &row,
                self.rules,
                &self.index,
                &mut ignored,
                &mut self.services,
            ) {
                Some((i, entries)) if i == account => ledger.extend(entries),
                _ => {
                    return Err(format!(
                        "{}:{line}: the row changed since it was checked; run again",
                        self.path.display()
                    ));
                }
            }
        }
        Ok(ledger)
    }
}

/// An error on `row`'s cell `name` when it is empty (a missing column is reported once, elsewhere).
fn require(
    t: &Table,
    row: &table::Row,
    name: &'static str,
    account: &str,
    what: &str,
    fix: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let cell = t.cell(row, name);
    if cell.text.is_none() && t.has(name) {
        diags.push(cell.error(what, fix).account(account));
    }
}

/// One ledger row as the entries of account number `i` (a charge, a payment, or one of each on a
/// row of charged and paid); `None`, with the reason in `diags`, when the row has an error.
fn ledger_entry(
    t: &Table,
    row: &table::Row,
    rules: LedgerRules,
    index: &HashMap<String, usize>,
    diags: &mut Vec<Diagnostic>,
    services: &mut HashMap<String, Arc<str>>,
) -> Option<(usize, Vec<Entry>)> {
    malformed(t, row, diags);
    let (id, i) = row_account(t, row, index, diags)?;
    let before = diags.len();
    let period = take(parse::period(t.cell(row, "period")), id, diags);
    let date = take(parse::date(t.cell(row, "date")), id, diags);
    let due_date = take(parse::date(t.cell(row, "due_date")), id, diags);
    let service = t.cell(row, "service").text.map(|name| {
        services
            .entry(name.to_string())
            .or_insert_with(|| Arc::from(name))
            .clone()
    });
    let reference = t.cell(row, "reference").text.map(Box::from);
    let line = u32::try_from(row.line).unwrap_or(u32::MAX);
    let charge = |period, amount| {
        Entry::Charge(Charge {
            line,
            period,
            amount,
            date: None,
            service: service.clone(),
            due_date,
            reference: reference.clone(),
        })
    };
    let payment = |date, amount, period| {
        Entry::Payment(Payment {
            line,
            date,
            amount,
            period,
            service: service.clone(),
            reference: reference.clone(),
        })
    };
    // A payment is positive; a zero one is refused in a row of its own and is "none" beside a charge.
    let positive =
        |cell: Cell, amount: Option<Decimal>, zero: bool, diags: &mut Vec<Diagnostic>| {
            if amount.is_some_and(|a| a < Decimal::ZERO || (zero && a.is_zero())) {
                diags.push(
                    cell.error(
                        "a payment must be positive",
                        "enter a refund or correction as a negative charge of its month",
                    )
                    .account(id),
                );
            }
        };
    let mut entries = Vec::new();
    match rules.layout {
        Layout::Kind => {
            let kind_cell = t.cell(row, "kind");
            let amount_cell = t.cell(row, "amount");
            let amount = take(parse::amount(amount_cell), id, diags);
            require(
                t,
                row,
                "amount",
                id,
                "the amount is empty",
                "write the amount, e.g. 1234.56",
                diags,
            );
            match kind_cell.text.map(str::to_lowercase).as_deref() {
                Some("charge" | "начисление") => {
                    let (what, fix) = (
                        "a charge needs its billing month",
                        "write the month as YYYY-MM",
                    );
                    require(t, row, "period", id, what, fix, diags);
                    if let (Some(period), Some(amount)) = (period, amount) {
                        let mut c = charge(period, amount);
                        if let Entry::Charge(c) = &mut c {
                            c.date = date;
                        }
                        entries.push(c);
                    }
                }
                Some("payment" | "оплата" | "платёж" | "платеж") => {
                    let (what, fix) = (
                        "a payment needs its date",
                        "write the date the money was credited",
                    );
                    require(t, row, "date", id, what, fix, diags);
                    positive(amount_cell, amount, true, diags);
                    if let (Some(date), Some(amount)) = (date, amount) {
                        entries.push(payment(date, amount, period));
                    }
                }
                other => diags.push(
                    kind_cell
                        .error(
                            format!("unknown kind \"{}\"", other.unwrap_or("")),
                            "write charge or payment",
                        )
                        .account(id),
                ),
            }
        }
        Layout::Wide | Layout::Turnover => {
            let (what, fix) = (
                "the row has no month",
                "write the month as YYYY-MM or MM.YYYY",
            );
            require(t, row, "period", id, what, fix, diags);
            let charged = take(parse::amount(t.cell(row, "charged")), id, diags);
            let paid_cell = t.cell(row, "paid");
            let paid = take(parse::amount(paid_cell), id, diags);
            positive(paid_cell, paid, false, diags);
            if rules.layout == Layout::Turnover {
                turnover_balance(t, row, id, charged, paid, diags);
            }
            // A zero or empty cell adds nothing: a month with no charge or no payment.
            if let (Some(period), Some(c)) = (period, charged.filter(|c| !c.is_zero())) {
                entries.push(charge(period, c));
            }
            if let Some(p) = paid.filter(|p| !p.is_zero()) {
                let dated = date.or_else(|| {
                    rules
                        .payment_day
                        .zip(period)
                        .map(|(day, period)| day.of(period))
                });
                match dated {
                    Some(d) => entries.push(payment(d, p, None)),
                    None => require(
                        t,
                        row,
                        "date",
                        id,
                        "a payment needs its date",
                        "write the date the money was credited",
                        diags,
                    ),
                }
            }
        }
    }
    let ok = diags.len() == before;
    if ok {
        plausible(t, row, id, &entries, rules.as_of, diags);
    }
    ok.then_some((i, entries))
}

/// The Housing Code's first day (ЖК РФ in force 01.03.2005): no utility ledger of ours goes back further.
const EARLIEST: NaiveDate = crate::law::calendar::ymd(2005, 3, 1);

/// The largest amount one row of a household's ledger plausibly holds.
const LARGEST_ROW: Decimal = Decimal::from_parts(10_000_000, 0, 0, false, 0);

/// Warnings (not errors: the calculation leaves such rows out or takes them as they are) for a row
/// whose month or date is before 2005 or after the as-of date, or whose amount is absurd.
fn plausible(
    t: &Table,
    row: &table::Row,
    id: &str,
    entries: &[Entry],
    as_of: Option<NaiveDate>,
    diags: &mut Vec<Diagnostic>,
) {
    for e in entries {
        let (name, day, what) = match e {
            Entry::Charge(c) => (
                "period",
                c.period.first_day(),
                format!("the month {}", c.period),
            ),
            Entry::Payment(p) => (
                "date",
                p.date,
                format!("the payment date {}", p.date.format("%d.%m.%Y")),
            ),
        };
        let cell = t.cell(row, name);
        if day < EARLIEST {
            diags.push(
                cell.warning(
                    format!("{what} is before the Housing Code (01.03.2005)"),
                    "check the date; the row is calculated as it stands",
                )
                .account(id),
            );
        }
        if let Some(as_of) = as_of.filter(|d| day > *d) {
            diags.push(
                cell.warning(
                    format!(
                        "{what} is after the as-of date {}",
                        as_of.format("%d.%m.%Y")
                    ),
                    "the row is left out of the calculation; check the date or --as-of",
                )
                .account(id),
            );
        }
        let amount = match e {
            Entry::Charge(c) => c.amount,
            Entry::Payment(p) => p.amount,
        };
        if amount.abs() > LARGEST_ROW {
            let name = if t.has("amount") {
                "amount"
            } else if matches!(e, Entry::Charge(_)) {
                "charged"
            } else {
                "paid"
            };
            diags.push(
                t.cell(row, name)
                    .warning(
                        format!(
                            "{} in one row is more than 10 000 000,00",
                            crate::money::ru_with(amount, ' ')
                        ),
                        "check the amount; it is calculated as it stands",
                    )
                    .account(id),
            );
        }
    }
}

/// A turnover sheet's row must add up: opening + charged − paid = closing, to the kopeck.
fn turnover_balance(
    t: &Table,
    row: &table::Row,
    id: &str,
    charged: Option<Decimal>,
    paid: Option<Decimal>,
    diags: &mut Vec<Diagnostic>,
) {
    let opening = take(parse::amount(t.cell(row, "opening")), id, diags);
    let closing_cell = t.cell(row, "closing");
    let closing = take(parse::amount(closing_cell), id, diags);
    let fix = "write the balance as the billing system shows it";
    require(
        t,
        row,
        "opening",
        id,
        "the opening balance is empty",
        fix,
        diags,
    );
    require(
        t,
        row,
        "closing",
        id,
        "the closing balance is empty",
        fix,
        diags,
    );
    let (Some(opening), Some(closing)) = (opening, closing) else {
        return;
    };
    let (charged, paid) = (charged.unwrap_or_default(), paid.unwrap_or_default());
    let sum = opening + charged - paid;
    if sum != closing {
        let r = |v: Decimal| crate::money::ru_with(v, ' ');
        diags.push(
            closing_cell
                .error(
                    format!(
                        "the row does not add up: {} + {} − {} = {}, but the closing balance is {} (off by {})",
                        r(opening),
                        r(charged),
                        r(paid),
                        r(sum),
                        r(closing),
                        r(closing - sum)
                    ),
                    "correct the row in the billing export; the account is left out until it adds up",
                )
                .account(id),
        );
    }
}

fn read_events(
    t: &Table,
    ws: &mut Workspace,
    index: &HashMap<String, usize>,
    diags: &mut Vec<Diagnostic>,
) {
    for row in t.rows() {
        let row = &row;
        malformed(t, row, diags);
        let Some((id, i)) = row_account(t, row, index, diags) else {
            continue;
        };
        let before = diags.len();
        let date = take(parse::date(t.cell(row, "date")), id, diags);
        let date_cell = t.cell(row, "date");
        if date_cell.text.is_none() && t.has("date") {
            diags.push(
                date_cell
                    .error("the event has no date", "write the date it happened")
                    .account(id),
            );
        }
        let ev_cell = t.cell(row, "event");
        let kind = EventKind::parse(ev_cell.text.unwrap_or(""));
        if kind.is_none() {
            diags.push(
                ev_cell
                    .error(
                        format!("unknown event \"{}\"", ev_cell.text.unwrap_or("")),
                        format!("write one of: {}", EventKind::NAMES.join(", ")),
                    )
                    .account(id),
            );
        }
        let mut details = Vec::new();
        let det_cell = t.cell(row, "details");
        for pair in det_cell
            .text
            .unwrap_or("")
            .split(';')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match pair.split_once('=') {
                Some((k, v)) if !k.trim().is_empty() => {
                    details.push((k.trim().to_string(), v.trim().to_string()))
                }
                _ => diags.push(
                    det_cell
                        .error(
                            format!("\"{pair}\" is not key=value"),
                            "write details as key=value pairs separated by ;",
                        )
                        .account(id),
                ),
            }
        }
        if let (Some(date), Some(kind), true) = (date, kind, diags.len() == before) {
            ws.accounts[i].events.push(Event {
                line: row.line,
                date,
                kind,
                reference: text(t.cell(row, "reference")),
                details,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `load_indexed` then `take` gives every account exactly the ledger `load` gives, also when
    /// the file starts with a byte-order mark, uses `;` and has a quoted cell across lines.
    #[test]
    fn a_ledger_left_in_its_file_reads_back_as_the_full_reading() {
        let dir = std::env::temp_dir().join(format!("vzysk-ledger-index-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for f in ["vzysk.toml", "accounts.csv", "events.csv"] {
            std::fs::copy(Path::new("samples/ruza").join(f), dir.join(f)).unwrap();
        }
        let ledger = std::fs::read_to_string("samples/ruza/ledger.csv").unwrap();
        let mut lines = ledger.lines();
        let header = lines.next().unwrap().replace(',', ";");
        let mut text = format!("\u{feff}{header}\n");
        for (n, line) in lines.enumerate() {
            let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
            if n % 7 == 0 && cells.len() == 8 {
                cells[7] = format!("\"ref;{n}\nsecond line\"");
            }
            text.push_str(&cells.join(";"));
            text.push('\n');
        }
        std::fs::write(dir.join("ledger.csv"), text).unwrap();

        let (full, full_diags) = load(&dir);
        let (mut indexed, indexed_diags) = load_indexed(&dir, Options::default());
        assert_eq!(full_diags.len(), indexed_diags.len());
        let mut ledger = indexed.ledger.take().expect("the ledger is indexed");
        let mut rows = 0;
        for (i, account) in full.accounts.iter().enumerate() {
            assert!(indexed.accounts[i].ledger.is_empty());
            let taken = ledger.take(i).unwrap();
            assert_eq!(taken, account.ledger, "account {}", account.id);
            rows += taken.len();
        }
        assert!(rows > 300, "the sample's ledger was read ({rows} rows)");
        assert!(
            full.accounts
                .iter()
                .flat_map(|a| &a.ledger)
                .any(|e| matches!(e,
                Entry::Charge(Charge { reference: Some(r), .. }) if r.contains('\n'))),
            "a quoted cell across lines was read"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
