//! The delivery reports of the warnings sent otherwise than by post (`law::channels`), for `vzysk
//! record`: an SMS gateway's report, the mail robot's read receipts, ГИС ЖКХ's log of the
//! personal account, the billing system's list of payment documents delivered — one row per
//! message: its id (the warning's outgoing number, which the channel's list gave as `number`),
//! its status and the time. «Доставлено», «Прочитано», «Вручено» (or `delivered`, `read`) is the
//! proof of receipt п.119 «а» Правил № 354 asks for: `warning_delivered` on its day, and the 20
//! days run from it. Any other status (not delivered, expired, pending) proves nothing: the row is
//! skipped with a note, and the next channel is the department's to choose.

use super::recorded::{NewEvent, Recorded};
use super::schema::Schema;
use super::source::{Options, Source};
use super::table::{self, Table};
use crate::diag::Diagnostic;
use crate::law::channels::Channel;
use crate::model::{Account, Event, EventKind, parse_stamp};
use crate::tr;
use std::collections::HashMap;

/// A delivery report: one row per message.
const DELIVERY: Schema = Schema {
    file: "delivery",
    known: &["id", "status", "date", "to", "channel"],
    required: &["id", "status", "date"],
    aliases: &[&[
        ("message_id", "id"),
        ("message id", "id"),
        ("id сообщения", "id"),
        ("идентификатор сообщения", "id"),
        ("номер", "id"),
        ("исх. номер", "id"),
        ("статус", "status"),
        ("статус доставки", "status"),
        ("state", "status"),
        ("дата", "date"),
        ("время", "date"),
        ("дата доставки", "date"),
        ("время доставки", "date"),
        ("delivered_at", "date"),
        ("телефон", "to"),
        ("адрес", "to"),
        ("получатель", "to"),
        ("канал", "channel"),
    ]],
};

/// The source read as a delivery report, when it has its columns (an id and a status, no ШПИ).
pub fn delivery_table<'s>(
    source: &'s Source,
    options: Options,
    diags: &mut Vec<Diagnostic>,
) -> Option<Table<'s>> {
    table::parse(source, &DELIVERY, options.header_row, diags)
        .filter(|t| t.has("id") && t.has("status"))
}

/// Whether a status proves receipt.
fn delivered(status: &str) -> bool {
    let s = status.trim().to_lowercase().replace('ё', "е");
    let negative = [
        "не ",
        "недостав",
        "not ",
        "undeliver",
        "fail",
        "ошибк",
        "expired",
        "истек",
    ];
    !negative.iter().any(|n| s.contains(n))
        && ["доставлен", "прочитан", "вручен", "delivered", "read"]
            .iter()
            .any(|w| s.contains(w))
}

/// The warnings the journal sent by a channel other than the post, by their number.
fn sent(accounts: &[Account]) -> HashMap<&str, (&Account, &Event, Channel)> {
    let mut out = HashMap::new();
    for a in accounts {
        for e in &a.events {
            let channel = e.detail("channel").and_then(Channel::parse);
            if let (EventKind::WarningSent, Some(c), Some(r)) = (e.kind, channel, &e.reference)
                && c != Channel::RegisteredMail
            {
                out.insert(r.as_str(), (a, e, c));
            }
        }
    }
    out
}

/// The rows of a delivery report: each delivered warning's `warning_delivered`.
pub(super) fn from_delivery(t: &Table, accounts: &[Account], out: &mut Recorded) -> Vec<NewEvent> {
    let sent = sent(accounts);
    let mut events = Vec::new();
    let said_before = out.refused.len() + out.skipped.len();
    let mut rows = t.rows();
    for row in &mut rows {
        let id_cell = t.cell(&row, "id");
        let id = id_cell.text.unwrap_or("").trim().to_string();
        let status = t.cell(&row, "status").text.unwrap_or("").to_string();
        let Some((account, letter, channel)) = sent.get(id.as_str()) else {
            out.refused.push(id_cell.error(
                tr!(
                    "record.delivery.unknown",
                    "в журнале нет предупреждения № {id}, отправленного SMS, e-mail, через ГИС ЖКХ или в платёжном документе",
                    "no warning № {id} sent by SMS, e-mail, the state housing portal or the payment document in the journal"
                ),
                tr!(
                    "record.delivery.unknown.fix",
                    "сначала запишите архив, с которым предупреждение отправлено, или проверьте номер",
                    "record the archive that sent it first, or check the number"
                ),
            ));
            continue;
        };
        if !delivered(&status) {
            out.skipped.push(
                Diagnostic::note(
                    &t.file,
                    tr!(
                        "record.delivery.not_delivered",
                        "{id}: статус «{status}» — доставка не подтверждена, 20 дней не начинаются",
                        "{id}: status «{status}» proves no delivery; the 20 days do not start"
                    ),
                    tr!(
                        "record.delivery.not_delivered.fix",
                        "направьте предупреждение следующим способом (`[warning] channels`)",
                        "send the warning by the next channel (`[warning] channels`)"
                    ),
                )
                .at(row.line),
            );
            continue;
        }
        let date_cell = t.cell(&row, "date");
        let Some(day) = date_cell.text.and_then(parse_stamp) else {
            out.refused.push(date_cell.error(
                tr!(
                    "record.delivery.no_date",
                    "не указаны дата и время доставки",
                    "the delivery has no date"
                ),
                tr!(
                    "record.delivery.no_date.fix",
                    "укажите дату доставки из отчёта",
                    "give the delivery's date from the report"
                ),
            ));
            continue;
        };
        let mut details = vec![format!("channel={}", channel.name()), format!("id={id}")];
        if let Some(debtor) = letter.detail("debtor") {
            details.push(format!("debtor={debtor}"));
        }
        events.push(NewEvent {
            account: account.id.clone(),
            date: day,
            kind: EventKind::WarningDelivered,
            reference: id,
            details: details.join(";"),
            origin: format!("{}:{}", t.file, row.line),
        });
    }
    let mut tally = table::Tally::new(&t.file);
    tally.used = events.len();
    tally.reported = out.refused.len() + out.skipped.len() - said_before;
    tally.settle(&rows, &mut out.refused);
    events
}

#[cfg(test)]
mod tests {
    use super::delivered;

    #[test]
    fn only_a_status_of_receipt_proves_delivery() {
        for yes in [
            "Доставлено",
            "delivered",
            "DELIVERED",
            "Прочитано",
            "Вручено адресату",
        ] {
            assert!(delivered(yes), "{yes}");
        }
        for no in [
            "Не доставлено",
            "undelivered",
            "expired",
            "В очереди",
            "Отправлено",
            "Ошибка доставки",
        ] {
            assert!(!delivered(no), "{no}");
        }
    }
}
