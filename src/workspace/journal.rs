//! The journal (`events.csv`) gaining events from outside (`vzysk record`): an earlier run's
//! archive (its `events.csv`), the post's tracking results (ШПИ, operation, date) or a table of
//! court outcomes (the journal's own columns). Each new event is checked as `check` checks the
//! journal, matched to its account, and refused when the journal contradicts it; an event the
//! journal holds already is not added again, so the same source recorded twice adds nothing.
//!
//! A tracking row becomes an event only for a warning (the ladder waits for its delivery, п.119
//! «а» Правил № 354): «Вручение» is `warning_delivered` on its date; a return («Возврат», «Истёк
//! срок хранения») is also `warning_delivered`, on the return's date, with `returned=` and
//! `deemed=ГК ст.165.1` (legal-rules: the day of delivery of a registered letter is the day it is
//! received or returned undelivered). Other operations (acceptance, transit) are skipped.

use super::schema::{EVENTS, Schema};
use super::source::{Options, Source};
use super::table::{self, Table};
use crate::diag::Diagnostic;
use crate::lang::Text;
use crate::law::case::history::brought;
use crate::model::{Account, Event, EventKind, parse_date, parse_stamp};
use crate::tr;
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap, HashSet};

/// The post's tracking results: one row per operation on a letter.
const TRACKING: Schema = Schema {
    file: "tracking",
    known: &["shpi", "operation", "date", "attribute"],
    required: &["shpi", "operation", "date"],
    aliases: &[&[
        ("шпи", "shpi"),
        ("rpo", "shpi"),
        ("трек-номер", "shpi"),
        ("трек номер", "shpi"),
        ("почтовый идентификатор", "shpi"),
        ("штрихкод", "shpi"),
        ("операция", "operation"),
        ("статус", "operation"),
        ("дата", "date"),
        ("дата операции", "date"),
        ("атрибут", "attribute"),
        ("атрибут операции", "attribute"),
    ]],
};

/// The source read as the post's tracking results, when it has their columns (a ШПИ and an
/// operation); problems of its reading in `diags`.
pub fn tracking_table<'s>(
    source: &'s Source,
    options: Options,
    diags: &mut Vec<Diagnostic>,
) -> Option<Table<'s>> {
    table::parse(source, &TRACKING, options.header_row, diags)
        .filter(|t| t.has("shpi") && t.has("operation"))
}

/// A ШПИ as a tracking cell gives it, its spaces dropped («143103 11 00001 3»).
pub fn shpi_of(cell: Option<&str>) -> String {
    cell.unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// An event to add to the journal, and the row it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEvent {
    pub account: String,
    pub date: NaiveDate,
    pub kind: EventKind,
    pub reference: String,
    pub details: String,
    /// `file:line` of the row it comes from.
    pub origin: String,
}

impl NewEvent {
    /// The row of `events.csv`: account, date, event, reference, details.
    pub fn row(&self) -> [String; 5] {
        [
            self.account.clone(),
            self.date.format("%Y-%m-%d").to_string(),
            self.kind.name().to_string(),
            self.reference.clone(),
            self.details.clone(),
        ]
    }

    /// The event as the case reads it, on `line` of the journal.
    fn as_event(&self, line: u64) -> Event {
        Event {
            line,
            date: self.date,
            kind: self.kind,
            reference: Some(self.reference.clone()).filter(|r| !r.is_empty()),
            details: details(&self.details)
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    fn detail(&self, key: &str) -> Option<&str> {
        details(&self.details)
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
    }

    /// What makes two events the same: an archive's event (its `run=`) whatever day it is
    /// recorded as, any other on its day too; by meaning, never by text — the details as a set of
    /// key=value pairs, spaces and empty pairs aside (`court=s165 ; mark=force;` is
    /// `mark=force;court=s165`).
    fn key(&self) -> EventKey {
        let day = self.detail("run").is_none().then_some(self.date);
        (
            self.account.trim().to_string(),
            day,
            self.kind,
            self.reference.trim().to_string(),
            details_set(&self.details),
        )
    }
}

/// What makes two events the same (see [`NewEvent::key`]).
type EventKey = (
    String,
    Option<NaiveDate>,
    EventKind,
    String,
    BTreeSet<(String, String)>,
);

/// Details as a set of key=value pairs, spaces and empty pairs aside.
fn details_set(text: &str) -> BTreeSet<(String, String)> {
    details(text)
        .filter(|(k, _)| !k.is_empty())
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn details(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.split(';')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.trim(), v.trim()))
}

/// What recording a source comes to: the events to add, in order; how many the journal holds
/// already; the rows refused (with why) and the rows that are no event (skipped, with why).
#[derive(Debug, Default)]
pub struct Recorded {
    pub added: Vec<NewEvent>,
    pub known: usize,
    pub refused: Vec<Diagnostic>,
    pub skipped: Vec<Diagnostic>,
}

/// The events of `source` (an archive's `events.csv`, a tracking table, an outcomes table) for the
/// accounts `accounts` holds with their journals, checked against them. `date` dates an archive's
/// events (the day they were sent); `only` keeps these accounts' events, if any are named.
pub fn record(
    source: &Source,
    accounts: &[Account],
    date: Option<NaiveDate>,
    only: &[String],
    options: Options,
    today: NaiveDate,
    courts: &[crate::model::Office],
) -> Recorded {
    let mut out = Recorded::default();
    let mut probe = Vec::new();
    let tracking = tracking_table(source, options, &mut probe);
    let proposed = match tracking {
        Some(t) => {
            out.refused
                .extend(probe.into_iter().filter(Diagnostic::is_error));
            from_tracking(&t, accounts, &mut out)
        }
        None => match table::parse(source, &EVENTS, options.header_row, &mut out.refused) {
            Some(t) => from_events(&t, accounts, date, &mut out),
            None => Vec::new(),
        },
    };
    out.refused.retain(Diagnostic::is_error);
    let index: HashMap<&str, &Account> = accounts.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut known: HashSet<_> = HashSet::new();
    // Each account's history as the case reads it, the events taken so far after it: only of the
    // accounts the source names (one row into a journal of a million is compared with its own
    // account's events, not a million).
    let named: HashSet<&str> = proposed.iter().map(|e| e.account.as_str()).collect();
    let mut histories: HashMap<String, Vec<Event>> = HashMap::new();
    for a in accounts.iter().filter(|a| named.contains(a.id.as_str())) {
        for e in &a.events {
            let old = NewEvent {
                account: a.id.clone(),
                date: e.date,
                kind: e.kind,
                reference: e.reference.clone().unwrap_or_default(),
                details: e
                    .details
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(";"),
                origin: String::new(),
            };
            known.insert(old.key());
        }
        histories.insert(a.id.clone(), a.events.clone());
    }
    let mut proposed = proposed;
    proposed.sort_by_key(|e| e.date);
    for e in proposed {
        if !only.is_empty() && !only.contains(&e.account) {
            continue;
        }
        if known.contains(&e.key()) {
            out.known += 1;
            continue;
        }
        if let Some((why, fix)) = implausible_date(&e, today) {
            out.refused.push(refusal(&e, why, fix));
            continue;
        }
        // An owner the event names must be the account's: an archive of another workspace names
        // people who are not.
        if let (Some(debtor), Some(a)) = (e.detail("debtor"), index.get(e.account.as_str()))
            && !a.debtors.iter().any(|d| d.full_name == debtor)
        {
            let account = &e.account;
            out.refused.push(refusal(
                &e,
                tr!(
                    "record.debtor_unknown",
                    "{debtor} — не должник по лицевому счёту {account}",
                    "{debtor} is not a debtor of account {account}"
                ),
                tr!(
                    "record.debtor_unknown.fix",
                    "записывайте архив в ту рабочую папку, по которой он составлен",
                    "record the archive into the workspace it was made from"
                ),
            ));
            continue;
        }
        if let Some(court) = e.detail("court")
            && !courts.iter().any(|c| c.id == court)
        {
            out.refused.push(refusal(
                &e,
                tr!(
                    "events.court_unknown",
                    "court={court}: суда с таким идентификатором в vzysk.toml нет",
                    "court={court}: no court with this id in vzysk.toml"
                ),
                tr!(
                    "record.court_unknown.fix",
                    "исправьте идентификатор или сначала добавьте суд в vzysk.toml",
                    "correct the id, or add the court to vzysk.toml first"
                ),
            ));
            continue;
        }
        if !index.contains_key(e.account.as_str()) {
            let account = &e.account;
            out.refused.push(refusal(
                &e,
                tr!(
                    "record.account_unknown",
                    "лицевого счёта {account} нет в accounts.csv",
                    "account {account} is not in accounts.csv"
                ),
                tr!(
                    "record.account_unknown.fix",
                    "запишите событие, когда счёт будет добавлен, или исправьте номер",
                    "record it after the account is added, or correct the number"
                ),
            ));
            continue;
        }
        let history = histories.entry(e.account.clone()).or_default();
        let first = history.len();
        history.push(e.as_event(history.iter().map(|h| h.line).max().unwrap_or(0) + 1));
        if let Some(c) = brought(history, first).first() {
            let why: Text = c.why.clone().into();
            history.pop();
            let (ru, en) = (why.ru(), why.en());
            out.refused.push(refusal(
                &e,
                tr!(
                    "record.contradiction",
                    "{ru} — в журнале одна история дела",
                    "{en} — the journal holds the case's one history"
                ),
                tr!(
                    "record.contradiction.fix",
                    "сначала запишите предшествующий шаг или исправьте дату либо событие",
                    "record the step before it first, or correct the date or the event"
                ),
            ));
            continue;
        }
        known.insert(e.key());
        out.added.push(e);
    }
    out
}

/// What is recorded has happened: not after today, and an archive's rows not before the run that
/// made them. Why not, and the fix.
fn implausible_date(e: &NewEvent, today: NaiveDate) -> Option<(Text, Text)> {
    let d = crate::russian::date;
    let (kind, date) = (e.kind.name(), d(e.date));
    if e.date > today {
        let today = d(today);
        return Some((
            tr!(
                "record.date.future",
                "событие {kind} датировано {date}, позже сегодняшнего дня ({today}): записывается только то, что уже произошло",
                "{kind} is dated {date}, after today ({today}): what is recorded has happened"
            ),
            tr!(
                "record.date.future.fix",
                "исправьте дату (или --date — день, когда архив отправлен)",
                "correct the date (or --date, the day the archive was sent)"
            ),
        ));
    }
    let run = e
        .detail("run")
        .and_then(parse_date)
        .filter(|run| e.date < *run)?;
    let run = d(run);
    Some((
        tr!(
            "record.date.before_run",
            "событие {kind} датировано {date}, раньше запуска от {run}, в котором составлен его документ",
            "{kind} is dated {date}, before the run of {run} that made its document"
        ),
        tr!(
            "record.date.before_run.fix",
            "укажите в --date день, когда архив отправлен, — не раньше дня его запуска",
            "give --date the day the archive was sent, on or after its run"
        ),
    ))
}

fn refusal(e: &NewEvent, why: Text, fix: Text) -> Diagnostic {
    let (file, line) = e.origin.rsplit_once(':').unwrap_or((&e.origin, "0"));
    Diagnostic::error(file, why, fix)
        .at(line.parse().unwrap_or(0))
        .account(&e.account)
}

/// The rows of an events table (an archive's `events.csv`, or court outcomes): an empty account
/// is found by the reference (a case number) among the journal's events.
fn from_events(
    t: &Table,
    accounts: &[Account],
    date: Option<NaiveDate>,
    out: &mut Recorded,
) -> Vec<NewEvent> {
    let mut by_reference: HashMap<&str, HashSet<&str>> = HashMap::new();
    for a in accounts {
        for e in &a.events {
            if let Some(r) = &e.reference {
                by_reference.entry(r).or_default().insert(&a.id);
            }
        }
    }
    let mut events = Vec::new();
    let refused_before = out.refused.len();
    let mut rows = t.rows();
    for row in &mut rows {
        let cell = |name| t.cell(&row, name).text.unwrap_or("").to_string();
        let origin = format!("{}:{}", t.file, row.line);
        let reference = cell("reference");
        let account = match cell("account") {
            a if !a.is_empty() => a,
            _ => match by_reference
                .get(reference.as_str())
                .map(|s| s.iter().collect::<Vec<_>>())
            {
                Some(found) if found.len() == 1 => found[0].to_string(),
                _ => {
                    out.refused.push(t.cell(&row, "account").error(
                        tr!(
                            "record.account_missing",
                            "лицевой счёт не указан, а номер в колонке reference не указывает в журнале на дело одного счёта",
                            "no account, and the reference names no single account's case in the journal"
                        ),
                        tr!(
                            "record.account_missing.fix",
                            "укажите номер лицевого счёта",
                            "write the account number"
                        ),
                    ));
                    continue;
                }
            },
        };
        let kind = EventKind::parse(&cell("event"));
        let day = match date {
            Some(d) => Some(d),
            None => super::parse::date(t.cell(&row, "date")).unwrap_or_else(|d| {
                out.refused.push(d);
                None
            }),
        };
        let (Some(kind), Some(day)) = (kind, day) else {
            if kind.is_none() {
                let (what, fix) = super::events::unknown_event(&cell("event"));
                out.refused.push(t.cell(&row, "event").error(what, fix));
            } else {
                out.refused.push(
                    t.cell(&row, "date")
                        .error(super::events::no_date(), super::events::no_date_fix()),
                );
            }
            continue;
        };
        let details = cell("details");
        if let Some(bad) = details
            .split(';')
            .map(str::trim)
            .find(|p| !p.is_empty() && !p.contains('='))
        {
            out.refused.push(t.cell(&row, "details").error(
                super::events::not_a_pair(bad),
                super::events::not_a_pair_fix(),
            ));
            continue;
        }
        events.push(NewEvent {
            account,
            date: day,
            kind,
            reference,
            details,
            origin,
        });
    }
    // Each row an event or refused: none lost.
    let mut tally = table::Tally::new(&t.file);
    tally.used = events.len();
    tally.reported = out.refused.len() - refused_before;
    tally.settle(&rows, &mut out.refused);
    events
}

/// What a post office operation means for a letter.
enum Outcome {
    Delivered,
    Returned,
}

/// The outcome of the operation and its attribute, as the post names them: «Вручение» /
/// «Вручение адресату» delivers; «Возврат», «Истёк срок хранения», «Отказ адресата» and «Вручение
/// отправителю» return (deemed delivered, ГК ст.165.1); «Прибыло в место вручения» and «Неудачная
/// попытка вручения» are neither.
fn outcome(operation: &str, attribute: &str) -> Option<Outcome> {
    let op = format!("{operation} {attribute}")
        .to_lowercase()
        .replace('ё', "е");
    let has = |words: &[&str]| words.iter().any(|w| op.contains(w));
    if has(&[
        "возврат",
        "истек срок",
        "отказ адресата",
        "отправителю",
        "return",
    ]) {
        Some(Outcome::Returned)
    } else if has(&["место вручения", "неудачн", "попытка"]) {
        None
    } else if has(&["вручен", "deliver"]) {
        Some(Outcome::Delivered)
    } else {
        None
    }
}

/// The rows of a tracking table: a delivery or a return of a warning the journal sent (matched by
/// its `rpo=` ШПИ) becomes its `warning_delivered`.
fn from_tracking(t: &Table, accounts: &[Account], out: &mut Recorded) -> Vec<NewEvent> {
    let mut sent: HashMap<&str, (&Account, &crate::model::Event)> = HashMap::new();
    // The letters whose outcome the journal holds already (a second tracking file of the same
    // letter says nothing new, whatever it says: the first outcome recorded stands).
    let mut settled: HashMap<&str, NaiveDate> = HashMap::new();
    for a in accounts {
        for e in &a.events {
            match (e.kind, e.detail("rpo")) {
                (EventKind::WarningSent | EventKind::NoticeSent, Some(rpo)) => {
                    sent.insert(rpo, (a, e));
                }
                (EventKind::WarningDelivered, Some(rpo)) => {
                    settled.insert(rpo, e.date);
                }
                _ => {}
            }
        }
    }
    let mut events = Vec::new();
    let said_before = out.refused.len() + out.skipped.len();
    let mut rows = t.rows();
    for row in &mut rows {
        let shpi_cell = t.cell(&row, "shpi");
        let shpi = shpi_of(shpi_cell.text);
        let operation = t.cell(&row, "operation").text.unwrap_or("").to_string();
        let attribute = t.cell(&row, "attribute").text.unwrap_or("").to_string();
        let skip = |out: &mut Recorded, why: Text| {
            out.skipped
                .push(Diagnostic::note(&t.file, why, nothing_to_record()).at(row.line));
        };
        let Some(outcome) = outcome(&operation, &attribute) else {
            skip(
                out,
                tr!(
                    "record.tracking.no_outcome",
                    "{shpi}: «{operation}» — не вручение и не возврат",
                    "{shpi}: «{operation}» is neither a delivery nor a return"
                ),
            );
            continue;
        };
        let date_cell = t.cell(&row, "date");
        let day = date_cell.text.and_then(parse_stamp);
        let Some(day) = day else {
            out.refused.push(date_cell.error(
                tr!(
                    "record.tracking.no_date",
                    "у операции нет даты",
                    "the operation has no date"
                ),
                tr!(
                    "record.tracking.no_date.fix",
                    "укажите дату операции",
                    "write the date of the operation"
                ),
            ));
            continue;
        };
        let Some((account, letter)) = sent.get(shpi.as_str()) else {
            out.refused.push(shpi_cell.error(
                tr!(
                    "record.tracking.no_letter",
                    "в журнале нет письма с ШПИ {shpi}",
                    "no letter with ШПИ {shpi} in the journal"
                ),
                tr!(
                    "record.tracking.no_letter.fix",
                    "сначала запишите архив, с которым письмо отправлено, или проверьте номер",
                    "record the archive that sent it first, or check the number"
                ),
            ));
            continue;
        };
        if let Some(on) = settled.get(shpi.as_str()) {
            skip(
                out,
                tr!(
                    "record.tracking.settled",
                    "{shpi}: в журнале уже записан итог этого письма от {on}",
                    "{shpi}: the journal holds this letter's outcome of {on} already",
                    on = crate::russian::date(*on)
                ),
            );
            continue;
        }
        if letter.kind != EventKind::WarningSent {
            skip(
                out,
                tr!(
                    "record.tracking.notice",
                    "{shpi}: вручение уведомления; следующие шаги его не ждут",
                    "{shpi}: a notice's delivery; the ladder does not wait for it"
                ),
            );
            continue;
        }
        let mut details = vec!["channel=registered_mail".to_string(), format!("rpo={shpi}")];
        if let Some(debtor) = letter.detail("debtor") {
            details.push(format!("debtor={debtor}"));
        }
        if let Outcome::Returned = outcome {
            let what = format!("{operation} {attribute}");
            details.push(format!("returned={}", what.trim().replace([';', '='], " ")));
            details.push("deemed=ГК ст.165.1".into());
        }
        events.push(NewEvent {
            account: account.id.clone(),
            date: day,
            kind: EventKind::WarningDelivered,
            reference: letter.reference.clone().unwrap_or_default(),
            details: details.join(";"),
            origin: format!("{}:{}", t.file, row.line),
        });
    }
    // Each row an event, refused or skipped with a note: none lost.
    let mut tally = table::Tally::new(&t.file);
    tally.used = events.len();
    tally.reported = out.refused.len() + out.skipped.len() - said_before;
    tally.settle(&rows, &mut out.refused);
    // One outcome per letter, its first: a returned letter's «Вручение отправителю» after its
    // «Возврат» says nothing new.
    events.sort_by_key(|e| e.date);
    let mut letters = HashSet::new();
    events.retain(|e| {
        let rpo = e.details.split(';').find(|d| d.starts_with("rpo="));
        let first = letters.insert(rpo.unwrap_or("").to_string());
        if !first {
            let origin = &e.origin;
            out.skipped.push(Diagnostic::note(
                &t.file,
                tr!(
                    "record.tracking.later",
                    "{origin}: более поздняя операция по письму, уже врученному или возвращённому",
                    "{origin}: a later operation of a letter already delivered or returned"
                ),
                nothing_to_record(),
            ));
        }
        first
    });
    events
}

fn nothing_to_record() -> Text {
    tr!("record.nothing", "записывать нечего", "nothing to record")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is(operation: &str, attribute: &str) -> &'static str {
        match outcome(operation, attribute) {
            Some(Outcome::Delivered) => "delivered",
            Some(Outcome::Returned) => "returned",
            None => "-",
        }
    }

    #[test]
    fn the_posts_operations_as_outcomes() {
        assert_eq!(is("Вручение", "Вручение адресату"), "delivered");
        assert_eq!(is("Вручение адресату", ""), "delivered");
        assert_eq!(is("Прибыло в место вручения", ""), "-");
        assert_eq!(
            is(
                "Неудачная попытка вручения",
                "Временное отсутствие адресата"
            ),
            "-"
        );
        assert_eq!(is("Приём", "Единичный"), "-");
        assert_eq!(is("Возврат", "Истёк срок хранения"), "returned");
        assert_eq!(is("Возврат", "Отказ адресата"), "returned");
        assert_eq!(is("Вручение", "Вручение отправителю"), "returned");
    }
}
