//! `ledger.csv`: charges and payments, in any of three layouts (rows of kind and amount; rows of
//! charged and paid; a turnover sheet with balances), each row checked for what can be checked in
//! it alone, and each account for what needs all its rows.

use super::config::{self, Config};
use super::parse;
use super::rows::{malformed, require, row_account, take};
use super::table::{self, Cell, Table, Tally};
use crate::diag::Diagnostic;
use crate::lang::Text;
use crate::model::{Account, Charge, Entry, Payment};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::Arc;

pub use super::ledger_checks::STALE_LEDGER;
use super::ledger_checks::{LedgerChecks, repeated_rows};

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
pub struct LedgerRules {
    layout: Layout,
    payment_day: Option<config::PaymentDay>,
    pub(super) as_of: Option<NaiveDate>,
}

impl LedgerRules {
    /// A turnover sheet (opening and closing balances per month).
    pub fn turnover(&self) -> bool {
        self.layout == Layout::Turnover
    }

    /// The rules of table `t`, reporting the columns its layout lacks.
    pub fn of(
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
                    let word = day.word();
                    let word_ru = match day {
                        config::PaymentDay::First => "первым",
                        config::PaymentDay::Last => "последним",
                    };
                    diags.push(
                        Diagnostic::note(
                            &t.file,
                            crate::tr!(
                                "ledger.turnover.no_dates",
                                "оборотно-сальдовая ведомость без дат оплаты: оплаты каждого месяца датируются его {word_ru} днём",
                                "a turnover sheet without payment dates: each month's payments are dated its {word} day"
                            ),
                            crate::tr!(
                                "ledger.turnover.no_dates.fix",
                                "для точных дат добавьте колонку «Дата оплаты» или задайте `[input] turnover_payment_day`",
                                "add a \"Дата оплаты\" column for exact dates, or set [input] turnover_payment_day"
                            ),
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

pub fn read_ledger(
    t: &Table,
    rules: LedgerRules,
    accounts: &mut [Account],
    index: &super::keep::Places,
    diags: &mut Vec<Diagnostic>,
) -> Tally {
    let mut services = HashMap::new();
    let mut checks = LedgerChecks::new(accounts.len());
    let mut tally = Tally::new(&t.file);
    let mut rows = t.rows();
    for row in &mut rows {
        let before = diags.len();
        let entry = ledger_entry(t, &row, rules, index, diags, &mut services);
        tally.row(&row, entry.is_some(), diags, before);
        if let Some((i, entries)) = entry {
            checks.add(t, &row, rules.turnover(), i, &entries, diags);
            accounts[i].ledger.extend(entries);
        }
    }
    tally.settle(&rows, diags);
    checks.report(t, rules.as_of, &|i| accounts[i].id.clone(), diags);
    // Growing by doubling leaves up to half of each ledger unused; a big workspace feels it.
    for account in accounts.iter_mut() {
        account.ledger.shrink_to_fit();
        repeated_rows(&t.file, account, diags);
    }
    tally
}

/// The cells every layout reads the same way, of one row of account `id`.
struct RowFields<'r> {
    id: &'r str,
    line: u32,
    period: Option<crate::model::Period>,
    date: Option<NaiveDate>,
    due_date: Option<NaiveDate>,
    service: Option<Arc<str>>,
    reference: Option<Box<str>>,
}

impl RowFields<'_> {
    fn charge(&self, period: crate::model::Period, amount: Decimal) -> Entry {
        Entry::Charge(Charge {
            line: self.line,
            period,
            amount,
            date: None,
            service: self.service.clone(),
            due_date: self.due_date,
            reference: self.reference.clone(),
        })
    }

    fn payment(
        &self,
        date: NaiveDate,
        amount: Decimal,
        period: Option<crate::model::Period>,
    ) -> Entry {
        Entry::Payment(Payment {
            line: self.line,
            date,
            amount,
            period,
            service: self.service.clone(),
            reference: self.reference.clone(),
        })
    }

    /// A payment is positive; a zero one is refused in a row of its own and is "none" beside a
    /// charge (`zero` false).
    fn positive(
        &self,
        cell: Cell,
        amount: Option<Decimal>,
        zero: bool,
        diags: &mut Vec<Diagnostic>,
    ) {
        if amount.is_some_and(|a| a < Decimal::ZERO || (zero && a.is_zero())) {
            diags.push(
                cell.error(
                    crate::tr!(
                        "ledger.payment.not_positive",
                        "оплата должна быть положительной",
                        "a payment must be positive"
                    ),
                    crate::tr!(
                        "ledger.payment.not_positive.fix",
                        "возврат или корректировку внесите отрицательным начислением за соответствующий месяц",
                        "enter a refund or correction as a negative charge of its month"
                    ),
                )
                .account(self.id),
            );
        }
    }
}

/// One ledger row as the entries of account number `i` (a charge, a payment, or one of each on a
/// row of charged and paid); `None`, with the reason in `diags`, when the row has an error.
pub fn ledger_entry(
    t: &Table,
    row: &table::Row,
    rules: LedgerRules,
    index: &super::keep::Places,
    diags: &mut Vec<Diagnostic>,
    services: &mut HashMap<String, Arc<str>>,
) -> Option<(usize, Vec<Entry>)> {
    malformed(t, row, diags);
    let (id, i) = row_account(t, row, index, diags)?;
    let before = diags.len();
    let f = RowFields {
        id,
        period: take(parse::period(t.cell(row, "period")), id, diags),
        date: take(parse::date(t.cell(row, "date")), id, diags),
        due_date: take(parse::date(t.cell(row, "due_date")), id, diags),
        service: t.cell(row, "service").text.map(|name| {
            services
                .entry(name.to_string())
                .or_insert_with(|| Arc::from(name))
                .clone()
        }),
        reference: t.cell(row, "reference").text.map(Box::from),
        line: u32::try_from(row.line).unwrap_or(u32::MAX),
    };
    let entries = match rules.layout {
        Layout::Kind => kind_row(t, row, &f, diags),
        Layout::Wide | Layout::Turnover => amounts_row(t, row, &f, rules, diags),
    };
    let ok = diags.len() == before;
    if ok {
        plausible(t, row, id, &entries, rules.as_of, diags);
    }
    ok.then_some((i, entries))
}

/// A row of kind and amount: a charge of its month, or a payment of its date.
fn kind_row(t: &Table, row: &table::Row, f: &RowFields, diags: &mut Vec<Diagnostic>) -> Vec<Entry> {
    let id = f.id;
    let mut entries = Vec::new();
    let kind_cell = t.cell(row, "kind");
    let amount_cell = t.cell(row, "amount");
    let amount = take(parse::amount(amount_cell), id, diags);
    require(
        t,
        row,
        "amount",
        id,
        || {
            (
                crate::tr!(
                    "ledger.amount.empty",
                    "не указана сумма",
                    "the amount is empty"
                ),
                crate::tr!(
                    "ledger.amount.empty.fix",
                    "укажите сумму, например 1234.56",
                    "write the amount, e.g. 1234.56"
                ),
            )
        },
        diags,
    );
    match kind_cell.text.map(str::to_lowercase).as_deref() {
        Some("charge" | "начисление") => {
            let say = || {
                (
                    crate::tr!(
                        "ledger.charge.no_period",
                        "для начисления нужен расчётный месяц",
                        "a charge needs its billing month"
                    ),
                    crate::tr!(
                        "ledger.charge.no_period.fix",
                        "укажите месяц как ГГГГ-ММ",
                        "write the month as YYYY-MM"
                    ),
                )
            };
            require(t, row, "period", id, say, diags);
            if let (Some(period), Some(amount)) = (f.period, amount) {
                let mut c = f.charge(period, amount);
                if let Entry::Charge(c) = &mut c {
                    c.date = f.date;
                }
                entries.push(c);
            }
        }
        Some("payment" | "оплата" | "платёж" | "платеж") => {
            require(t, row, "date", id, payment_needs_date, diags);
            f.positive(amount_cell, amount, true, diags);
            if let (Some(date), Some(amount)) = (f.date, amount) {
                entries.push(f.payment(date, amount, f.period));
            }
        }
        other => {
            let other = other.unwrap_or("");
            diags.push(
                kind_cell
                    .error(
                        crate::tr!(
                            "ledger.kind.unknown",
                            "неизвестный вид строки «{other}»",
                            "unknown kind \"{other}\""
                        ),
                        crate::tr!(
                            "ledger.kind.unknown.fix",
                            "укажите charge (начисление) или payment (оплата)",
                            "write charge or payment"
                        ),
                    )
                    .account(id),
            )
        }
    }
    entries
}

/// A row of a month's charged and paid (and, in a turnover sheet, its balances).
fn amounts_row(
    t: &Table,
    row: &table::Row,
    f: &RowFields,
    rules: LedgerRules,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Entry> {
    let id = f.id;
    let mut entries = Vec::new();
    let say = || {
        (
            crate::tr!(
                "ledger.row.no_period",
                "в строке нет месяца",
                "the row has no month"
            ),
            crate::tr!(
                "ledger.row.no_period.fix",
                "укажите месяц как ГГГГ-ММ или ММ.ГГГГ",
                "write the month as YYYY-MM or MM.YYYY"
            ),
        )
    };
    require(t, row, "period", id, say, diags);
    let charged = take(parse::amount(t.cell(row, "charged")), id, diags);
    let paid_cell = t.cell(row, "paid");
    let paid = take(parse::amount(paid_cell), id, diags);
    f.positive(paid_cell, paid, false, diags);
    if rules.layout == Layout::Turnover {
        turnover_balance(t, row, id, charged, paid, diags);
    }
    // A zero or empty cell adds nothing: a month with no charge or no payment.
    if let (Some(period), Some(c)) = (f.period, charged.filter(|c| !c.is_zero())) {
        entries.push(f.charge(period, c));
    }
    if let Some(p) = paid.filter(|p| !p.is_zero()) {
        let dated = f.date.or_else(|| {
            rules
                .payment_day
                .zip(f.period)
                .map(|(day, period)| day.of(period))
        });
        match dated {
            Some(d) => entries.push(f.payment(d, p, None)),
            None => require(t, row, "date", id, payment_needs_date, diags),
        }
    }
    entries
}

/// A payment row without its date.
fn payment_needs_date() -> (Text, Text) {
    (
        crate::tr!(
            "ledger.payment.no_date",
            "для оплаты нужна дата",
            "a payment needs its date"
        ),
        crate::tr!(
            "ledger.payment.no_date.fix",
            "укажите дату зачисления денег",
            "write the date the money was credited"
        ),
    )
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
        let (name, day) = match e {
            Entry::Charge(c) => ("period", c.period.first_day()),
            Entry::Payment(p) => ("date", p.date),
        };
        // What the row holds, said only when something is wrong with it.
        let what = || match e {
            Entry::Charge(c) => {
                let (p, month) = (c.period, crate::russian::month(c.period));
                crate::tr!("ledger.row.month", "месяц {month}", "the month {p}")
            }
            Entry::Payment(p) => {
                let date = crate::russian::date(p.date);
                crate::tr!(
                    "ledger.row.payment_date",
                    "дата оплаты {date}",
                    "the payment date {date}"
                )
            }
        };
        let cell = t.cell(row, name);
        if day < EARLIEST {
            let what = what();
            let (what_ru, what_en) = (what.ru(), what.en());
            diags.push(
                cell.warning(
                    crate::tr!(
                        "ledger.row.before_housing_code",
                        "{what_ru} раньше вступления в силу Жилищного кодекса (01.03.2005)",
                        "{what_en} is before the Housing Code (01.03.2005)"
                    ),
                    crate::tr!(
                        "ledger.row.before_housing_code.fix",
                        "проверьте дату; строка рассчитывается как есть",
                        "check the date; the row is calculated as it stands"
                    ),
                )
                .account(id),
            );
        }
        if let Some(as_of) = as_of.filter(|d| day > *d) {
            let what = what();
            let (what_ru, what_en) = (what.ru(), what.en());
            let as_of = crate::russian::date(as_of);
            diags.push(
                cell.warning(
                    crate::tr!(
                        "ledger.row.after_as_of",
                        "{what_ru} позже даты расчёта {as_of}",
                        "{what_en} is after the as-of date {as_of}"
                    ),
                    crate::tr!(
                        "ledger.row.after_as_of.fix",
                        "строка не учитывается в расчёте; проверьте дату или --as-of",
                        "the row is left out of the calculation; check the date or --as-of"
                    ),
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
            let sum = crate::money::ru_with(amount, ' ');
            diags.push(
                t.cell(row, name)
                    .warning(
                        crate::tr!(
                            "ledger.row.amount_too_large",
                            "сумма {sum} в одной строке превышает 10 000 000,00",
                            "{sum} in one row is more than 10 000 000,00"
                        ),
                        crate::tr!(
                            "ledger.row.amount_too_large.fix",
                            "проверьте сумму; она рассчитывается как есть",
                            "check the amount; it is calculated as it stands"
                        ),
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
    let fix = || {
        crate::tr!(
            "ledger.balance.empty.fix",
            "укажите сальдо так, как его показывает биллинговая система",
            "write the balance as the billing system shows it"
        )
    };
    let opening_empty = || {
        let what = crate::tr!(
            "ledger.opening.empty",
            "не указано входящее сальдо",
            "the opening balance is empty"
        );
        (what, fix())
    };
    require(t, row, "opening", id, opening_empty, diags);
    let closing_empty = || {
        let what = crate::tr!(
            "ledger.closing.empty",
            "не указано исходящее сальдо",
            "the closing balance is empty"
        );
        (what, fix())
    };
    require(t, row, "closing", id, closing_empty, diags);
    let (Some(opening), Some(closing)) = (opening, closing) else {
        return;
    };
    let (charged, paid) = (charged.unwrap_or_default(), paid.unwrap_or_default());
    let sum = opening + charged - paid;
    if sum != closing {
        let r = |v: Decimal| crate::money::ru_with(v, ' ');
        let (off, opening, charged, paid, sum, closing) = (
            r(closing - sum),
            r(opening),
            r(charged),
            r(paid),
            r(sum),
            r(closing),
        );
        diags.push(
            closing_cell
                .error(
                    crate::tr!(
                        "ledger.turnover.unbalanced",
                        "строка не сходится: {opening} + {charged} − {paid} = {sum}, а исходящее сальдо равно {closing} (расхождение {off})",
                        "the row does not add up: {opening} + {charged} − {paid} = {sum}, but the closing balance is {closing} (off by {off})"
                    ),
                    crate::tr!(
                        "ledger.turnover.unbalanced.fix",
                        "исправьте строку в выгрузке из биллинговой системы; лицевой счёт не учитывается, пока строка не сойдётся",
                        "correct the row in the billing export; the account is left out until it adds up"
                    ),
                )
                .account(id),
        );
    }
}
