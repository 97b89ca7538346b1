//! The post's tracking results (ШПИ, operation, date) as the journal's events, for `vzysk record`.
//!
//! A tracking row becomes an event only for a warning (the ladder waits for its delivery, п.119
//! «а» Правил № 354): «Вручение» is `warning_delivered` on its date; a return («Возврат», «Истёк
//! срок хранения») is also `warning_delivered`, on the return's date, with `returned=` and
//! `deemed=ГК ст.165.1` (legal-rules: the day of delivery of a registered letter is the day it is
//! received or returned undelivered). Other operations (acceptance, transit) are skipped.

use super::recorded::{NewEvent, Recorded};
use super::schema::Schema;
use super::source::{Options, Source};
use super::table::{self, Table};
use crate::diag::Diagnostic;
use crate::lang::Text;
use crate::model::{Account, Event, EventKind, parse_stamp};
use crate::tr;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

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
pub(super) fn from_tracking(t: &Table, accounts: &[Account], out: &mut Recorded) -> Vec<NewEvent> {
    let letters = Letters::of(accounts);
    let mut events = Vec::new();
    let said_before = out.refused.len() + out.skipped.len();
    let mut rows = t.rows();
    for row in &mut rows {
        events.extend(tracking_row(t, &row, &letters, out));
    }
    // Each row an event, refused or skipped with a note: none lost.
    let mut tally = table::Tally::new(&t.file);
    tally.used = events.len();
    tally.reported = out.refused.len() + out.skipped.len() - said_before;
    tally.settle(&rows, &mut out.refused);
    first_outcomes(&mut events, &t.file, out);
    events
}

/// The letters of the journal by their ШПИ: those it sent, with their account and event, and
/// those whose outcome it holds already (a second tracking file of the same letter says nothing
/// new, whatever it says: the first outcome recorded stands).
struct Letters<'a> {
    sent: HashMap<&'a str, (&'a Account, &'a Event)>,
    settled: HashMap<&'a str, NaiveDate>,
}

impl<'a> Letters<'a> {
    fn of(accounts: &'a [Account]) -> Letters<'a> {
        let mut sent = HashMap::new();
        let mut settled = HashMap::new();
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
        Letters { sent, settled }
    }
}

/// One tracking row as the `warning_delivered` of its letter; `None` when the row is refused or
/// skipped (said in `out`).
fn tracking_row(
    t: &Table,
    row: &table::Row,
    letters: &Letters,
    out: &mut Recorded,
) -> Option<NewEvent> {
    let shpi_cell = t.cell(row, "shpi");
    let shpi = shpi_of(shpi_cell.text);
    let operation = t.cell(row, "operation").text.unwrap_or("").to_string();
    let attribute = t.cell(row, "attribute").text.unwrap_or("").to_string();
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
        return None;
    };
    let date_cell = t.cell(row, "date");
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
        return None;
    };
    let Some((account, letter)) = letters.sent.get(shpi.as_str()) else {
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
        return None;
    };
    if let Some(on) = letters.settled.get(shpi.as_str()) {
        skip(
            out,
            tr!(
                "record.tracking.settled",
                "{shpi}: в журнале уже записан итог этого письма от {on}",
                "{shpi}: the journal holds this letter's outcome of {on} already",
                on = crate::russian::date(*on)
            ),
        );
        return None;
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
        return None;
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
    Some(NewEvent {
        account: account.id.clone(),
        date: day,
        kind: EventKind::WarningDelivered,
        reference: letter.reference.clone().unwrap_or_default(),
        details: details.join(";"),
        origin: format!("{}:{}", t.file, row.line),
    })
}

/// One outcome per letter, its first: a returned letter's «Вручение отправителю» after its
/// «Возврат» says nothing new.
fn first_outcomes(events: &mut Vec<NewEvent>, file: &str, out: &mut Recorded) {
    events.sort_by_key(|e| e.date);
    let mut letters = HashSet::new();
    events.retain(|e| {
        let rpo = e.details.split(';').find(|d| d.starts_with("rpo="));
        let first = letters.insert(rpo.unwrap_or("").to_string());
        if !first {
            let origin = &e.origin;
            out.skipped.push(Diagnostic::note(
                file,
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
