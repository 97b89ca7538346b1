//! The case's history as one state machine (`legal-rules.md` §13): every event of an account, in
//! order, must follow from the ones before it. A step needs the one it answers (an outcome its
//! filing, a delivery its sending); a court answers an application once; nothing follows a
//! cancelled order on that order but the claim (ГПК ст.129); the one original of a writ is in one
//! place at a time — with the claimant, at the bank (229-ФЗ ст.8) or with the bailiffs (ст.30) —
//! until it is returned. `check` reports what a journal already holds against this; `record` (and
//! the workbench, through it) refuses an event that would break it. Pure: no I/O, no clock.

use crate::lang::Text;
use crate::model::{Event, EventKind};
use crate::tr;
use chrono::NaiveDate;

/// An event that contradicts the history before it: its place in the list given, why, and the
/// event it contradicts (its place), where one does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contradiction {
    pub event: usize,
    pub why: Text,
    pub against: Option<usize>,
}

/// An application for a court order and what the court did with it.
struct Filing {
    at: usize,
    /// The case number, from the filing's reference or its outcome's.
    case: Option<String>,
    outcome: Option<(usize, EventKind)>,
    cancelled: Option<usize>,
}

/// Where the original of a writ is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Claimant,
    Out(usize),
}

struct WritState {
    at: usize,
    /// Its number and the case it was issued in (`case=`), either of which later events name.
    names: Vec<String>,
    place: Place,
}

/// `dd.mm.yyyy`.
fn day(d: NaiveDate) -> String {
    crate::russian::date(d)
}

/// The step an event answers, which must come before it (on or before its day).
fn needs(e: &Event) -> &'static [EventKind] {
    use EventKind as K;
    match e.kind {
        // A warning handed over or shown in a payment document is sent and delivered at once.
        K::WarningDelivered if e.detail("channel").is_none_or(|c| c == "registered_mail") => {
            &[K::WarningSent]
        }
        K::Suspended => &[K::Restricted],
        K::Resumed => &[K::Restricted, K::Suspended],
        K::AgreementBreached => &[K::AgreementSigned],
        K::OrderReturned | K::OrderRefused | K::OrderIssued | K::OrderCancelled => &[K::OrderFiled],
        K::Judgment => &[K::ClaimFiled],
        K::WritIssued => &[K::OrderIssued, K::Judgment],
        K::WritSentBank | K::WritSentFssp | K::WritReturned => &[K::WritIssued],
        _ => &[],
    }
}

/// The names an event gives the document it concerns: its reference and its `case=`.
fn names(e: &Event) -> Vec<String> {
    [e.reference.as_deref(), e.detail("case")]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Every event of `events` (one account's) that contradicts the ones before it, in the order of
/// the events (by date, then as written).
pub fn contradictions(events: &[Event]) -> Vec<Contradiction> {
    use EventKind as K;
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| (events[i].date, events[i].line));
    let mut filings: Vec<Filing> = Vec::new();
    let mut writs: Vec<WritState> = Vec::new();
    let mut out = Vec::new();
    let mut seen: Vec<usize> = Vec::new();
    for &i in &order {
        let e = &events[i];
        let refuse = |why: Text, against: Option<usize>| Contradiction {
            event: i,
            why,
            against,
        };
        let before = needs(e);
        if !before.is_empty() && !seen.iter().any(|&p| before.contains(&events[p].kind)) {
            let names: Vec<&str> = before.iter().map(|k| k.name()).collect();
            let (event, date) = (e.kind.name(), day(e.date));
            let (needed_ru, needed_en) = (names.join(" или "), names.join(" or "));
            out.push(refuse(
                tr!(
                    "history.nothing_before",
                    "событию {event} от {date} должно предшествовать событие {needed_ru} (в тот же день или раньше), а его нет",
                    "{event} on {date} has nothing before it to follow: no {needed_en} on or before that day"
                ),
                None,
            ));
            seen.push(i);
            continue;
        }
        let named = names(e);
        let found = match e.kind {
            K::OrderFiled => {
                filings.push(Filing {
                    at: i,
                    case: named.first().cloned(),
                    outcome: None,
                    cancelled: None,
                });
                None
            }
            K::OrderIssued | K::OrderRefused | K::OrderReturned => {
                outcome(e, i, &named, &mut filings, events)
            }
            K::OrderCancelled => cancellation(e, i, &named, &mut filings, events),
            K::WritIssued => writ_issued(e, i, &named, &filings, &mut writs, events),
            K::WritSentBank | K::WritSentFssp | K::WritReturned => {
                presentation(e, i, &named, &filings, &mut writs, events)
            }
            _ => None,
        };
        if let Some((why, against)) = found {
            out.push(refuse(why, against));
        }
        seen.push(i);
    }
    out
}

type Found = Option<(Text, Option<usize>)>;

/// The filing an event about a court order names (by its case number), else the newest one.
fn filing_of<'f>(named: &[String], filings: &'f mut [Filing]) -> Option<&'f mut Filing> {
    let by_name = filings
        .iter()
        .rposition(|f| f.case.as_ref().is_some_and(|c| named.contains(c)));
    match by_name {
        Some(k) => filings.get_mut(k),
        None => filings.last_mut(),
    }
}

/// The court's answer to an application: once per application.
fn outcome(
    e: &Event,
    i: usize,
    named: &[String],
    filings: &mut [Filing],
    events: &[Event],
) -> Found {
    let by_name = filings
        .iter()
        .rposition(|f| f.case.as_ref().is_some_and(|c| named.contains(c)));
    let k = match by_name {
        Some(k) => k,
        // The newest application still awaiting its answer.
        None => match filings.iter().rposition(|f| f.outcome.is_none()) {
            Some(k) => k,
            None => {
                let last = filings.last()?;
                let (o, kind) = last.outcome?;
                let (event, date, filed) = (e.kind.name(), day(e.date), day(events[last.at].date));
                let (answer, on, line) = (kind.name(), day(events[o].date), events[o].line);
                return Some((
                    tr!(
                        "history.application_answered",
                        "{event} от {date}: на заявление от {filed} суд уже ответил — {answer} от {on} (строка {line}); сначала подайте новое заявление",
                        "{event} on {date}: the application of {filed} was answered already — {answer} on {on} (line {line}); file a new application first"
                    ),
                    Some(o),
                ));
            }
        },
    };
    let f = &mut filings[k];
    if let Some((o, kind)) = f.outcome {
        let (event, date) = (e.kind.name(), day(e.date));
        let (answer, number) = (kind.name(), events[o].reference.as_deref().unwrap_or(""));
        let (on, line) = (day(events[o].date), events[o].line);
        return Some((
            tr!(
                "history.answered_once",
                "{event} от {date}: суд уже ответил на это заявление — {answer} {number} от {on} (строка {line}); на заявление суд отвечает один раз",
                "{event} on {date}: the court answered this application already — {answer} {number} on {on} (line {line}); a court answers an application once"
            ),
            Some(o),
        ));
    }
    f.outcome = Some((i, e.kind));
    if f.case.is_none() {
        f.case = named.first().cloned();
    }
    None
}

/// An order cancelled (ГПК ст.129): an order that was issued (or whose issue is not recorded), once.
fn cancellation(
    e: &Event,
    i: usize,
    named: &[String],
    filings: &mut [Filing],
    events: &[Event],
) -> Found {
    let f = filing_of(named, filings)?;
    let date = day(e.date);
    if let Some(c) = f.cancelled {
        let (on, line) = (day(events[c].date), events[c].line);
        return Some((
            tr!(
                "history.cancelled_twice",
                "order_cancelled от {date}: приказ уже отменён {on} (строка {line})",
                "order_cancelled on {date}: the order was cancelled already on {on} (line {line})"
            ),
            Some(c),
        ));
    }
    if let Some((o, kind)) = f.outcome.filter(|(_, k)| *k != EventKind::OrderIssued) {
        let (answer, on, line) = (kind.name(), day(events[o].date), events[o].line);
        return Some((
            tr!(
                "history.cancelled_not_issued",
                "order_cancelled от {date}: по этому заявлению приказ не выносился — записано {answer} от {on} (строка {line})",
                "order_cancelled on {date}: no order was issued on that application — it was {answer} on {on} (line {line})"
            ),
            Some(o),
        ));
    }
    f.cancelled = Some(i);
    if f.outcome.is_none() {
        f.outcome = Some((i, EventKind::OrderIssued));
    }
    if f.case.is_none() {
        f.case = named.first().cloned();
    }
    None
}

/// The cancelled order an event names.
fn cancelled_order<'f>(named: &[String], filings: &'f [Filing]) -> Option<&'f Filing> {
    filings
        .iter()
        .find(|f| f.cancelled.is_some() && f.case.as_ref().is_some_and(|c| named.contains(c)))
}

/// A writ (or a court order's copy in force) issued: never on a cancelled order.
fn writ_issued(
    e: &Event,
    i: usize,
    named: &[String],
    filings: &[Filing],
    writs: &mut Vec<WritState>,
    events: &[Event],
) -> Found {
    if let Some(c) = cancelled_order(named, filings).and_then(|f| f.cancelled) {
        let (date, number) = (day(e.date), named.first().map_or("", String::as_str));
        let (on, line) = (day(events[c].date), events[c].line);
        return Some((
            tr!(
                "history.writ_on_cancelled",
                "writ_issued от {date}: приказ {number} отменён {on} (строка {line}); после отмены приказа остаётся только исковое заявление (ГПК ст.129)",
                "writ_issued on {date}: the order {number} was cancelled on {on} (line {line}); nothing follows a cancelled order but the claim (ГПК ст.129)"
            ),
            Some(c),
        ));
    }
    writs.push(WritState {
        at: i,
        names: named.to_vec(),
        place: Place::Claimant,
    });
    None
}

/// A writ presented to the bank or the bailiffs, or returned: one original in one place.
fn presentation(
    e: &Event,
    i: usize,
    named: &[String],
    filings: &[Filing],
    writs: &mut [WritState],
    events: &[Event],
) -> Found {
    let k = writs
        .iter()
        .rposition(|w| w.names.iter().any(|n| named.contains(n)))
        .or(writs.len().checked_sub(1))?;
    let w = &mut writs[k];
    let number = w.names.first().cloned().unwrap_or_default();
    if e.kind != EventKind::WritReturned
        && let Some(f) = filings
            .iter()
            .find(|f| f.cancelled.is_some() && f.case.as_ref().is_some_and(|c| w.names.contains(c)))
        && let Some(c) = f.cancelled
    {
        let (event, date) = (e.kind.name(), day(e.date));
        let (on, line) = (day(events[c].date), events[c].line);
        return Some((
            tr!(
                "history.writ_void",
                "{event} от {date}: приказ {number} отменён {on} (строка {line}); исполнительный документ по нему силы не имеет (ГПК ст.129)",
                "{event} on {date}: the order {number} was cancelled on {on} (line {line}); its writ has no force (ГПК ст.129)"
            ),
            Some(c),
        ));
    }
    match (e.kind, w.place) {
        (EventKind::WritReturned, Place::Out(_)) => {
            w.place = Place::Claimant;
            None
        }
        (EventKind::WritReturned, Place::Claimant) => {
            let (date, issued, line) = (day(e.date), day(events[w.at].date), events[w.at].line);
            Some((
                tr!(
                    "history.writ_not_out",
                    "writ_returned от {date}: исполнительный документ {number} никуда не предъявлялся (получен {issued}, строка {line}); сначала запишите, куда он был направлен",
                    "writ_returned on {date}: the writ {number} is not presented anywhere (issued on {issued}, line {line}); record where it was sent first"
                ),
                Some(w.at),
            ))
        }
        (_, Place::Out(s)) => {
            let (event, date) = (e.kind.name(), day(e.date));
            let (since, line) = (day(events[s].date), events[s].line);
            let (where_ru, where_en) = if events[s].kind == EventKind::WritSentBank {
                ("в банке", "at the bank")
            } else {
                ("у приставов", "with the bailiffs")
            };
            Some((
                tr!(
                    "history.writ_out",
                    "{event} от {date}: подлинник исполнительного документа {number} с {since} {where_ru} (строка {line}); он может находиться только в одном месте — сначала запишите writ_returned (229-ФЗ ст.8, 30)",
                    "{event} on {date}: the original of the writ {number} is {where_en} since {since} (line {line}); it is in one place at a time — record writ_returned first (229-ФЗ ст.8, 30)"
                ),
                Some(s),
            ))
        }
        (_, Place::Claimant) => {
            w.place = Place::Out(i);
            None
        }
    }
}

/// The contradictions `added` (the last events of `events`, from place `first` on) would bring to
/// a history: those of the new events, and those of older events that were sound without them.
pub fn brought(events: &[Event], first: usize) -> Vec<Contradiction> {
    let before: Vec<usize> = contradictions(&events[..first])
        .into_iter()
        .map(|c| c.event)
        .collect();
    contradictions(events)
        .into_iter()
        .filter(|c| c.event >= first || !before.contains(&c.event))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_date;

    fn ev(line: u64, date: &str, kind: &str, reference: &str, details: &str) -> Event {
        Event {
            line,
            date: parse_date(date).unwrap(),
            kind: EventKind::parse(kind).unwrap(),
            reference: (!reference.is_empty()).then(|| reference.to_string()),
            details: details
                .split(';')
                .filter_map(|p| p.split_once('='))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    fn lines(events: &[Event]) -> Vec<u64> {
        contradictions(events)
            .iter()
            .map(|c| events[c.event].line)
            .collect()
    }

    #[test]
    fn the_samples_histories_hold() {
        let events = [
            ev(2, "2025-06-02", "order_filed", "", "court=s165"),
            ev(3, "2025-07-01", "order_issued", "2-702/2025", ""),
            ev(
                4,
                "2025-07-25",
                "writ_issued",
                "2-702/2025",
                "case=2-702/2025",
            ),
            ev(5, "2025-11-10", "writ_sent_bank", "2-702/2025", ""),
            ev(6, "2026-10-15", "writ_returned", "2-702/2025", "by=bank"),
            ev(7, "2026-11-01", "writ_sent_fssp", "2-702/2025", ""),
            // A cancellation whose issue was not recorded, then the claim.
            ev(8, "2025-03-03", "order_filed", "2-455/2025", ""),
            ev(9, "2025-04-21", "order_cancelled", "2-455/2025", ""),
            ev(10, "2025-05-21", "claim_filed", "", ""),
            ev(
                11,
                "2025-11-05",
                "warning_delivered",
                "ПР-1",
                "channel=hand",
            ),
        ];
        assert_eq!(lines(&events), Vec::<u64>::new());
    }

    #[test]
    fn one_original_in_one_place() {
        let events = [
            ev(2, "2025-06-02", "order_filed", "", ""),
            ev(3, "2025-07-01", "order_issued", "2-702/2025", ""),
            ev(4, "2025-07-25", "writ_issued", "2-702/2025", ""),
            ev(5, "2025-11-10", "writ_sent_bank", "2-702/2025", ""),
            ev(6, "2025-12-10", "writ_sent_fssp", "2-702/2025", ""),
            ev(7, "2026-01-10", "writ_returned", "2-702/2025", ""),
            ev(8, "2026-01-11", "writ_returned", "2-702/2025", ""),
        ];
        let found = contradictions(&events);
        assert_eq!(lines(&events), [6, 8]);
        assert!(
            found[0]
                .why
                .en()
                .contains("at the bank since 10.11.2025 (line 5)"),
            "{}",
            found[0].why
        );
        assert_eq!(found[0].against, Some(3));
        assert!(
            found[1].why.en().contains("not presented anywhere"),
            "{}",
            found[1].why
        );
    }

    #[test]
    fn nothing_follows_a_cancelled_order_but_the_claim() {
        let events = [
            ev(2, "2026-08-03", "order_filed", "", ""),
            ev(3, "2026-11-20", "order_issued", "2-1187/2026", ""),
            ev(4, "2026-12-01", "order_cancelled", "2-1187/2026", ""),
            ev(
                5,
                "2026-12-02",
                "writ_issued",
                "2-1187/2026",
                "case=2-1187/2026",
            ),
            ev(6, "2026-12-03", "order_refused", "2-1187/2026", ""),
            ev(7, "2026-12-04", "order_cancelled", "2-1187/2026", ""),
            ev(8, "2026-12-05", "claim_filed", "", ""),
        ];
        let found = contradictions(&events);
        assert_eq!(lines(&events), [5, 6, 7]);
        assert!(
            found[0]
                .why
                .en()
                .contains("was cancelled on 01.12.2026 (line 4)"),
            "{}",
            found[0].why
        );
        assert!(
            found[1]
                .why
                .en()
                .contains("answered this application already"),
            "{}",
            found[1].why
        );
        assert!(
            found[2].why.en().contains("cancelled already"),
            "{}",
            found[2].why
        );
    }

    #[test]
    fn an_outcome_needs_its_filing_and_comes_once() {
        let events = [
            ev(2, "2026-01-10", "order_issued", "2-1/2026", ""),
            ev(3, "2026-02-01", "order_filed", "", ""),
            ev(4, "2026-03-01", "order_refused", "", ""),
            ev(5, "2026-03-05", "order_issued", "", ""),
            ev(6, "2026-03-06", "judgment", "", ""),
        ];
        assert_eq!(lines(&events), [2, 5, 6]);
    }

    #[test]
    fn what_an_event_brings_is_told_from_what_was_there() {
        let mut events = vec![
            ev(2, "2026-08-03", "order_filed", "", ""),
            ev(3, "2026-11-20", "order_issued", "2-1187/2026", ""),
            ev(4, "2026-12-01", "order_cancelled", "2-1187/2026", ""),
        ];
        events.push(ev(5, "2026-12-02", "writ_issued", "2-1187/2026", ""));
        assert_eq!(brought(&events, 3).len(), 1);
        events.pop();
        events.push(ev(5, "2026-12-02", "claim_filed", "", ""));
        assert!(brought(&events, 3).is_empty());
    }
}
