//! What of the journal one recording holds ([`Keep`], from its source: [`wants`]), and the map of
//! account numbers every table looks its rows up in ([`Places`]).

use super::schema::EVENTS;
use super::source::{Options, Source};
use super::table;
use super::tracking::{shpi_of, tracking_table};
use std::collections::{HashMap, HashSet};

/// Each account number's place in the accounts' file. Looked up once per row of every table
/// (a million times for a journal of a million rows): a fast hash with a seed of its own per run,
/// so numbers chosen to collide cannot slow a run down.
pub type Places = HashMap<String, usize, foldhash::fast::RandomState>;

/// The events a recording holds of the journal: those of the accounts its source names, the
/// letters whose ШПИ its tracking rows name, the events whose reference (a case number) its rows
/// without an account name. Every row of the journal is still read and checked as a row; the rest
/// are not held, so one row is recorded into a journal of a million in the time of reading it.
#[derive(Debug, Default)]
pub struct Keep {
    pub accounts: HashSet<String>,
    pub letters: HashSet<String>,
    pub references: HashSet<String>,
    /// The places of `accounts` in the accounts' file (set when it is read).
    places: HashSet<usize>,
}

impl Keep {
    /// The same, with its accounts' places in the accounts' file `index`.
    pub fn placed(mut self, index: &Places) -> Keep {
        self.places = self
            .accounts
            .iter()
            .filter_map(|a| index.get(a).copied())
            .collect();
        self
    }

    /// The whole journals of these accounts.
    pub fn of_accounts(accounts: HashSet<String>) -> Keep {
        Keep {
            accounts,
            ..Keep::default()
        }
    }

    /// Whether an event of the account at place `i`, with this reference and ШПИ, is held.
    pub fn keeps(&self, i: usize, reference: Option<&str>, rpo: Option<&str>) -> bool {
        self.places.contains(&i)
            || rpo.is_some_and(|r| self.letters.contains(r))
            || reference.is_some_and(|r| self.references.contains(r))
    }
}

/// What of the journal recording `source` needs (see [`Keep`]): the accounts its rows
/// name, the letters its tracking rows name (by ШПИ), the references of its rows without an
/// account, the warnings a delivery report names (by number).
pub fn wants(source: &Source, options: Options) -> Keep {
    let mut keep = Keep::default();
    let mut quiet = Vec::new();
    if let Some(t) = tracking_table(source, options, &mut quiet) {
        for row in &mut t.rows() {
            keep.letters.insert(shpi_of(t.cell(&row, "shpi").text));
        }
    } else if let Some(t) = super::delivery::delivery_table(source, options, &mut quiet) {
        // A delivery report names each warning by its number, the reference of its event.
        for row in &mut t.rows() {
            let id = t.cell(&row, "id").text.unwrap_or("").trim();
            keep.references.insert(id.to_string());
        }
    } else if let Some(t) = table::parse(source, &EVENTS, options.header_row, &mut quiet) {
        for row in &mut t.rows() {
            match t.cell(&row, "account").text.map(str::trim) {
                Some(a) if !a.is_empty() => {
                    keep.accounts.insert(a.to_string());
                }
                _ => {
                    let r = t.cell(&row, "reference").text.unwrap_or("").trim();
                    keep.references.insert(r.to_string());
                }
            }
        }
    }
    keep
}
