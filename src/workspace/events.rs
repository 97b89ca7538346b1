//! `events.csv`: the case history, one event per row with its date, its document's number and its
//! `key=value` details.

use super::parse;
use super::rows::{malformed, row_account, take, text};
use super::table::{self, Cell, Table, Tally};
use crate::diag::Diagnostic;
use crate::lang::Text;
use crate::law::case::history::contradictions;
use crate::model::{Account, Event, EventKind, MonthSpan, parse_date};
use crate::tr;
use std::collections::HashMap;

/// Where events go: into the accounts read whole, or beside an account index.
pub trait Journal {
    /// Whether account number `i` has a debtor of this name.
    fn has_debtor(&mut self, i: usize, name: &str) -> bool;
    /// Adds `event` to account number `i`.
    fn push(&mut self, i: usize, event: Event);
    /// Adds `event`, dated after the as-of date, to account number `i`'s later events.
    fn push_later(&mut self, i: usize, event: Event);
    /// Each account with events: its number and its events.
    fn histories(&self, f: &mut dyn FnMut(usize, &[Event]));
    /// Whether the run holds an event of account number `i` with this reference and ШПИ (`rpo=`)
    /// (see [`super::keep::Keep`]); every event unless the journal was loaded for one recording.
    fn keeps(&self, _i: usize, _reference: Option<&str>, _rpo: Option<&str>) -> bool {
        true
    }
}

impl Journal for &mut [Account] {
    fn has_debtor(&mut self, i: usize, name: &str) -> bool {
        self[i].debtors.iter().any(|d| d.full_name == name)
    }
    fn push(&mut self, i: usize, event: Event) {
        self[i].events.push(event);
    }
    fn push_later(&mut self, i: usize, event: Event) {
        self[i].later.push(event);
    }
    fn histories(&self, f: &mut dyn FnMut(usize, &[Event])) {
        for (i, a) in self.iter().enumerate() {
            whole_history(&a.events, &a.later, &mut |h| f(i, h));
        }
    }
}

/// An account's whole history, its later events too, given to `f` (when there is any).
pub fn whole_history(events: &[Event], later: &[Event], f: &mut dyn FnMut(&[Event])) {
    match (events.is_empty(), later.is_empty()) {
        (true, true) => {}
        (_, true) => f(events),
        _ => f(&[events, later].concat()),
    }
}

/// The number of the account at place `i` (a search of the index: for the rare error only).
fn account_at(index: &super::keep::Places, i: usize) -> &str {
    index
        .iter()
        .find(|(_, p)| **p == i)
        .map_or("", |(id, _)| id.as_str())
}

/// Each event that contradicts its account's history before it (`law::case::history`): an error
/// at its line, naming the event it contradicts, so that no document is made from a history that
/// cannot be.
fn check_histories(
    t: &Table,
    accounts: &dyn Journal,
    index: &super::keep::Places,
    diags: &mut Vec<Diagnostic>,
) {
    accounts.histories(&mut |i, events| {
        for c in contradictions(events) {
            let id = account_at(index, i);
            diags.push(
                Diagnostic::error(
                    &t.file,
                    c.why.clone(),
                    tr!(
                        "events.contradiction.fix",
                        "исправьте или удалите неверную строку (журнал — единственная история дела)",
                        "correct or delete the row that is wrong (the journal is the case's one history)"
                    ),
                )
                .at(events[c.event].line)
                .col(t.column("event"), "event")
                .account(id),
            );
        }
    });
}

/// Whether the row's account is gone from accounts.csv (closed in billing): its history stays in
/// the journal, with a warning — not an error that would stop every run.
fn closed(
    t: &Table,
    row: &table::Row,
    index: &super::keep::Places,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let cell = t.cell(row, "account");
    let Some(id) = cell.text.filter(|id| !index.contains_key(*id)) else {
        return false;
    };
    diags.push(
        cell.warning(
            tr!(
                "events.account_closed",
                "лицевого счёта «{id}» нет в accounts.csv (закрыт в учётной системе?): событие остаётся в журнале и не используется",
                "account \"{id}\" is not in accounts.csv (closed in billing?): its event is kept in the journal and not used"
            ),
            tr!(
                "events.account_closed.fix",
                "если счёт закрыт, ничего делать не нужно; иначе добавьте его в accounts.csv или исправьте номер",
                "nothing to do if the account is closed; else add it to accounts.csv or correct the number"
            ),
        )
        .account(id),
    );
    true
}

/// Each event naming a court (`court=`) that `vzysk.toml` does not hold: an error at its line — a
/// document would print the bare id where the court's name and address belong, and the report
/// would count the case before a court nobody can find.
pub fn check_courts(
    t: &Table,
    accounts: &dyn Journal,
    index: &super::keep::Places,
    courts: &[crate::model::Office],
    diags: &mut Vec<Diagnostic>,
) {
    accounts.histories(&mut |i, events| {
        for e in events {
            let Some(court) = e.detail("court") else {
                continue;
            };
            if courts.iter().any(|c| c.id == court) {
                continue;
            }
            let id = account_at(index, i);
            diags.push(
                Diagnostic::error(
                    &t.file,
                    court_unknown(court),
                    tr!(
                        "events.court_unknown.fix",
                        "исправьте идентификатор или добавьте суд в vzysk.toml (раздел [[courts]]: id, kind, name, address)",
                        "correct the id, or add the court to vzysk.toml ([[courts]] id, kind, name, address)"
                    ),
                )
                .at(e.line)
                .col(t.column("details"), "details")
                .account(id),
            );
        }
    });
}

/// Reads the events into their accounts. An event dated after `as_of` is not part of that day's
/// case: it is left out, with a warning.
pub fn read_events(
    t: &Table,
    accounts: &mut dyn Journal,
    index: &super::keep::Places,
    as_of: Option<chrono::NaiveDate>,
    diags: &mut Vec<Diagnostic>,
) -> Tally {
    let mut tally = Tally::new(&t.file);
    let mut seen = Seen::new();
    let mut rows = t.rows();
    for row in &mut rows {
        let row = &row;
        let first = diags.len();
        let used = read_event(t, row, accounts, index, as_of, &mut seen, diags);
        tally.row(row, used, diags, first);
    }
    tally.settle(&rows, diags);
    check_histories(t, accounts, index, diags);
    tally
}

/// One row of the journal into its account's events; false when it is not used (said).
/// The events read so far, by what they mean (account, day, kind, reference, details as a set),
/// each held as a 128-bit fingerprint of that meaning (two SipHash digests; two different events
/// share one with odds of about 10⁻²⁷ in a journal of a million rows): the line each was first
/// read on. A journal of a million events is held in 32 MB here instead of 400.
type Seen = HashMap<u128, u64>;

/// The fingerprint of an event's meaning (see [`Seen`]).
fn fingerprint(
    i: usize,
    date: chrono::NaiveDate,
    kind: EventKind,
    reference: &str,
    set: &[(&str, &str)],
) -> u128 {
    use std::hash::{Hash, Hasher};
    let digest = |salt: u8| {
        let mut h = std::hash::DefaultHasher::new();
        (salt, i, date, kind.name(), reference, set).hash(&mut h);
        h.finish()
    };
    (u128::from(digest(1)) << 64) | u128::from(digest(2))
}

fn read_event(
    t: &Table,
    row: &table::Row,
    accounts: &mut dyn Journal,
    index: &super::keep::Places,
    as_of: Option<chrono::NaiveDate>,
    seen: &mut Seen,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    malformed(t, row, diags);
    if closed(t, row, index, diags) {
        return false;
    }
    let Some((id, i)) = row_account(t, row, index, diags) else {
        return false;
    };
    let before = diags.len();
    let date = take(parse::date(t.cell(row, "date")), id, diags);
    let date_cell = t.cell(row, "date");
    if date_cell.text.is_none() && t.has("date") {
        diags.push(date_cell.error(no_date(), no_date_fix()).account(id));
    }
    let ev_cell = t.cell(row, "event");
    let kind = EventKind::parse(ev_cell.text.unwrap_or(""));
    if kind.is_none() {
        let (what, fix) = unknown_event(ev_cell.text.unwrap_or(""));
        diags.push(ev_cell.error(what, fix).account(id));
    }
    let det_cell = t.cell(row, "details");
    let pairs = detail_pairs(&det_cell, id, diags);
    if let (Some(date), Some(kind), true) = (date, kind, diags.len() == before) {
        let reference = t.cell(row, "reference").text;
        let rpo = pairs.iter().find(|(k, _)| *k == "rpo").map(|(_, v)| *v);
        if !accounts.keeps(i, reference, rpo) {
            // Read and checked as a row, not held: a recording compares only its accounts' events.
            return true;
        }
        // The same event twice (recorded twice by hand, or the details spaced otherwise) counts
        // once: a report would count two filings and two duties.
        let mut set = pairs.clone();
        set.sort_unstable();
        set.dedup();
        let reference = reference.map_or("", str::trim);
        let key = fingerprint(i, date, kind, reference, &set);
        if let Some(first) = seen.get(&key) {
            diags.push(
                ev_cell
                    .warning(
                        tr!(
                            "events.repeated",
                            "то же событие, что в строке {first}: учтено один раз",
                            "the same event as line {first}: counted once"
                        ),
                        tr!(
                            "events.repeated.fix",
                            "удалите повторную строку",
                            "delete the repeated row"
                        ),
                    )
                    .account(id),
            );
            return false;
        }
        seen.insert(key, row.line);
        let event = Event {
            line: row.line,
            date,
            kind,
            reference: text(t.cell(row, "reference")),
            details: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        };
        check_details(
            &event,
            &mut |name| accounts.has_debtor(i, name),
            det_cell,
            id,
            diags,
        );
        if let Some(day) = as_of.filter(|day| date > *day) {
            diags.push(
                date_cell
                    .warning(
                        tr!(
                            "events.after_as_of",
                            "событие датировано позже даты расчёта {day} (--as-of): в дело на этот день оно не входит, но записанный им шаг не предлагается и не делается повторно",
                            "the event is dated after the as-of date {day}: it is not part of this day's case, but the step it records is not proposed or made again",
                            day = crate::russian::date(day)
                        ),
                        tr!(
                            "events.after_as_of.fix",
                            "проверьте дату или запустите с более поздней датой --as-of",
                            "check the date, or run with a later --as-of"
                        ),
                    )
                    .account(id),
            );
            accounts.push_later(i, event);
            return true;
        }
        accounts.push(i, event);
        return true;
    }
    false
}

/// The `key=value` pairs of a details cell, each that is not one reported.
fn detail_pairs<'t>(
    det_cell: &Cell<'t>,
    id: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(&'t str, &'t str)> {
    let mut pairs = Vec::new();
    for pair in det_cell
        .text
        .unwrap_or("")
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match pair.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => pairs.push((k.trim(), v.trim())),
            _ => diags.push(
                det_cell
                    .error(not_a_pair(pair), not_a_pair_fix())
                    .account(id),
            ),
        }
    }
    pairs
}

/// The details the case reads, checked: a court order's months (`period=`), the owner a warning
/// was delivered to (`debtor=`), a writ's dates and sum.
fn check_details(
    e: &Event,
    has_debtor: &mut dyn FnMut(&str) -> bool,
    cell: Cell,
    id: &str,
    diags: &mut Vec<Diagnostic>,
) {
    check_period(e, cell, id, diags);
    if let Some(name) = e.detail("debtor")
        && !has_debtor(name)
    {
        diags.push(
            cell.error(
                tr!(
                    "events.debtor_unknown",
                    "debtor=«{name}» — не должник по лицевому счёту {id}",
                    "debtor=\"{name}\" is not a debtor of account {id}"
                ),
                tr!(
                    "events.debtor_unknown.fix",
                    "напишите имя так, как оно записано в accounts.csv",
                    "write the name as accounts.csv has it"
                ),
            )
            .account(id),
        );
    }
    for key in ["in_force", "act_date"] {
        if let Some(v) = e.detail(key).filter(|v| parse_date(v).is_none()) {
            diags.push(
                cell.error(
                    tr!(
                        "events.detail_date.invalid",
                        "{key}=«{v}» — не дата",
                        "{key}=\"{v}\" is not a date"
                    ),
                    tr!(
                        "events.detail_date.invalid.fix",
                        "запишите дату в виде ГГГГ-ММ-ДД",
                        "write it as YYYY-MM-DD"
                    ),
                )
                .account(id),
            );
        }
    }
    if let Some(v) = e
        .detail("duty")
        .filter(|v| crate::money::parse_amount(v).map_or(true, |a| a < rust_decimal::Decimal::ZERO))
    {
        diags.push(
            cell.error(
                tr!(
                    "events.duty.invalid",
                    "duty=«{v}» — не сумма уплаченной госпошлины",
                    "duty=\"{v}\" is not an amount of duty paid"
                ),
                tr!(
                    "events.duty.invalid.fix",
                    "укажите уплаченную госпошлину в виде 2000.00 (она засчитывается в иск после отмены приказа)",
                    "write the duty paid as 2000.00 (credited to a claim after a cancellation)"
                ),
            )
            .account(id),
        );
    }
    if e.kind == EventKind::WritIssued && e.reference.is_none() {
        diags.push(
            cell.error(
                tr!(
                    "events.writ.no_number",
                    "исполнительный документ без номера (колонка reference)",
                    "a writ without its number (the reference column)"
                ),
                tr!(
                    "events.writ.no_number.fix",
                    "укажите номер исполнительного документа: он нужен банку и приставам",
                    "write the number of the enforcement document: the bank and the bailiffs need it"
                ),
            )
            .account(id),
        );
    }
    if let Some(v) = e
        .detail("sum")
        .filter(|v| crate::money::parse_amount(v).is_err())
    {
        diags.push(
            cell.error(
                tr!(
                    "events.sum.invalid",
                    "sum=«{v}» — не сумма",
                    "sum=\"{v}\" is not an amount"
                ),
                tr!(
                    "events.sum.invalid.fix",
                    "запишите сумму в виде 12345.67",
                    "write it as 12345.67"
                ),
            )
            .account(id),
        );
    }
}

/// A court order's months (`period=`): a span of months where given, and said missing on the
/// order's filing (its months are then taken from the filing's day).
fn check_period(e: &Event, cell: Cell, id: &str, diags: &mut Vec<Diagnostic>) {
    use EventKind as K;
    let order = matches!(
        e.kind,
        K::OrderFiled | K::OrderIssued | K::OrderCancelled | K::OrderRefused | K::OrderReturned
    );
    match e.detail("period") {
        Some(p) if order && MonthSpan::parse(p).is_none() => diags.push(
            cell.error(
                tr!(
                    "events.period.invalid",
                    "period=«{p}» — не диапазон месяцев",
                    "period=\"{p}\" is not a span of months"
                ),
                tr!(
                    "events.period.invalid.fix",
                    "укажите месяцы, за которые заявлено требование о выдаче приказа, в виде ГГГГ-ММ..ГГГГ-ММ",
                    "write the months the order claimed as YYYY-MM..YYYY-MM"
                ),
            )
            .account(id),
        ),
        None if e.kind == K::OrderFiled => diags.push(
            cell.warning(
                tr!(
                    "events.period.missing",
                    "не записано, за какие месяцы подано заявление о выдаче судебного приказа: ими считаются месяцы, срок оплаты которых наступил до {day}",
                    "the months this court order claimed are not recorded: those due before {day} are taken as its months",
                    day = crate::russian::date(e.date)
                ),
                tr!(
                    "events.period.missing.fix",
                    "добавьте period=ГГГГ-ММ..ГГГГ-ММ (ГПК ст.135 ч.1 п.1.1: иск после отмены приказа охватывает только эти месяцы)",
                    "add period=YYYY-MM..YYYY-MM (ГПК ст.135 ч.1 п.1.1: a claim after its cancellation covers only them)"
                ),
            )
            .account(id),
        ),
        _ => {}
    }
}

/// An event without its date (here and in a source `record` reads).
pub fn no_date() -> Text {
    tr!(
        "events.no_date",
        "у события нет даты",
        "the event has no date"
    )
}

pub fn no_date_fix() -> Text {
    tr!(
        "events.no_date.fix",
        "укажите дату, когда оно произошло",
        "write the date it happened"
    )
}

/// An event's name that is none of the kinds, and the fix naming them.
pub fn unknown_event(name: &str) -> (Text, Text) {
    let names = EventKind::NAMES.join(", ");
    (
        tr!(
            "events.unknown",
            "неизвестное событие «{name}»",
            "unknown event \"{name}\""
        ),
        tr!(
            "events.unknown.fix",
            "укажите одно из: {names}",
            "write one of: {names}"
        ),
    )
}

/// A details' part that is not `key=value`.
pub fn not_a_pair(pair: &str) -> Text {
    tr!(
        "events.details.not_a_pair",
        "«{pair}» — не пара ключ=значение",
        "\"{pair}\" is not key=value"
    )
}

pub fn not_a_pair_fix() -> Text {
    tr!(
        "events.details.not_a_pair.fix",
        "запишите подробности парами ключ=значение через «;»",
        "write details as key=value pairs separated by ;"
    )
}
/// `court=ID` names no court of vzysk.toml.
pub fn court_unknown(court: &str) -> crate::lang::Text {
    tr!(
        "events.court_unknown",
        "court={court}: суда с таким идентификатором в vzysk.toml нет",
        "court={court}: no court with this id in vzysk.toml"
    )
}
