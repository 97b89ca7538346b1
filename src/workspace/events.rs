//! `events.csv`: the case history, one event per row with its date, its document's number and its
//! `key=value` details.

use super::parse;
use super::rows::{malformed, row_account, take, text};
use super::table::Table;
use crate::diag::Diagnostic;
use crate::model::{Account, Event, EventKind};
use std::collections::HashMap;

pub fn read_events(
    t: &Table,
    accounts: &mut [Account],
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
            accounts[i].events.push(Event {
                line: row.line,
                date,
                kind,
                reference: text(t.cell(row, "reference")),
                details,
            });
        }
    }
}
