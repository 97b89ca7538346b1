//! The journal (`events.csv`) gaining events from outside (`vzysk record`): an earlier run's
//! archive (its `events.csv`), the post's tracking results (ШПИ, operation, date) or a table of
//! court outcomes (the journal's own columns). Each new event is checked as `check` checks the
//! journal, matched to its account, and refused when the journal contradicts it; an event the
//! journal holds already is not added again, so the same source recorded twice adds nothing.
//!
//! The tracking results are read in `tracking.rs`, the delivery reports of the warnings sent
//! otherwise than by post in `delivery.rs`; the new events and what recording comes to are
//! `recorded.rs`'s.

use super::delivery::{delivery_table, from_delivery};
use super::recorded::EventKey;
pub use super::recorded::{NewEvent, Recorded};
use super::schema::EVENTS;
use super::source::{Options, Source};
use super::table::{self, Table};
use super::tracking::{from_tracking, tracking_table};
use crate::diag::Diagnostic;
use crate::lang::Text;
use crate::law::case::history::brought;
use crate::model::{Account, Event, EventKind, parse_date};
use crate::tr;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

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
    let mut probe_delivery = Vec::new();
    let delivery = match tracking {
        Some(_) => None,
        None => delivery_table(source, options, &mut probe_delivery),
    };
    let proposed = match (tracking, delivery) {
        (Some(t), _) => {
            out.refused
                .extend(probe.into_iter().filter(Diagnostic::is_error));
            from_tracking(&t, accounts, &mut out)
        }
        (None, Some(t)) => {
            out.refused
                .extend(probe_delivery.into_iter().filter(Diagnostic::is_error));
            from_delivery(&t, accounts, &mut out)
        }
        (None, None) => match table::parse(source, &EVENTS, options.header_row, &mut out.refused) {
            Some(t) => from_events(&t, accounts, date, &mut out),
            None => Vec::new(),
        },
    };
    out.refused.retain(Diagnostic::is_error);
    let index: HashMap<&str, &Account> = accounts.iter().map(|a| (a.id.as_str(), a)).collect();
    let named: HashSet<&str> = proposed.iter().map(|e| e.account.as_str()).collect();
    let (mut known, mut histories) = held(accounts, &named);
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
        if let Some((why, fix)) =
            implausible_date(&e, today).or_else(|| foreign(&e, &index, courts))
        {
            out.refused.push(refusal(&e, why, fix));
            continue;
        }
        let history = histories.entry(e.account.clone()).or_default();
        if let Err((why, fix)) = into_history(history, &e) {
            out.refused.push(refusal(&e, why, fix));
            continue;
        }
        known.insert(e.key());
        out.added.push(e);
    }
    out
}

/// What the journal holds of the accounts the source names (one row into a journal of a million is
/// compared with its own account's events, not a million): each event's key, and each account's
/// history as the case reads it, to take the new events after it.
fn held(
    accounts: &[Account],
    named: &HashSet<&str>,
) -> (HashSet<EventKey>, HashMap<String, Vec<Event>>) {
    let mut known = HashSet::new();
    let mut histories = HashMap::new();
    for a in accounts.iter().filter(|a| named.contains(a.id.as_str())) {
        for e in &a.events {
            known.insert(NewEvent::held(&a.id, e).key());
        }
        histories.insert(a.id.clone(), a.events.clone());
    }
    (known, histories)
}

/// What the event names that this workspace does not have: a debtor who is not the account's (an
/// archive of another workspace names people who are not), a court not in `vzysk.toml`, an account
/// not in `accounts.csv`. Why, and the fix.
fn foreign(
    e: &NewEvent,
    index: &HashMap<&str, &Account>,
    courts: &[crate::model::Office],
) -> Option<(Text, Text)> {
    if let (Some(debtor), Some(a)) = (e.detail("debtor"), index.get(e.account.as_str()))
        && !a.debtors.iter().any(|d| d.full_name == debtor)
    {
        let account = &e.account;
        return Some((
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
    }
    if let Some(court) = e.detail("court")
        && !courts.iter().any(|c| c.id == court)
    {
        return Some((
            super::events::court_unknown(court),
            tr!(
                "record.court_unknown.fix",
                "исправьте идентификатор или сначала добавьте суд в vzysk.toml",
                "correct the id, or add the court to vzysk.toml first"
            ),
        ));
    }
    if !index.contains_key(e.account.as_str()) {
        let account = &e.account;
        return Some((
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
    }
    None
}

/// Adds `e` to its account's `history`, or says why the history refuses it (a step the case has
/// not reached) and leaves the history as it was.
fn into_history(history: &mut Vec<Event>, e: &NewEvent) -> Result<(), (Text, Text)> {
    let first = history.len();
    history.push(e.as_event(history.iter().map(|h| h.line).max().unwrap_or(0) + 1));
    if let Some(c) = brought(history, first).first() {
        let why: Text = c.why.clone().into();
        history.pop();
        let (ru, en) = (why.ru(), why.en());
        return Err((
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
    }
    Ok(())
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
