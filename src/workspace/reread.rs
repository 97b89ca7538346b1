//! The journal read again into accounts already read (a server's, after `vzysk record` wrote to
//! `events.csv`): the same reader and checks as the first reading, the accounts themselves not
//! read again.

use super::account_stream::Accounts;
use super::events::{self, Journal};
use super::schema::EVENTS;
use super::source::{Finder, Options};
use super::table;
use crate::diag::Diagnostic;
use crate::model::Event;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

/// What reading the journal again came to.
pub struct Reread {
    /// The journal's name in diagnostics (`events.csv`, or its workbook's sheet).
    pub file: String,
    /// Its diagnostics, as the first reading gives them.
    pub diagnostics: Vec<Diagnostic>,
    /// The places of the accounts whose events changed.
    pub changed: BTreeSet<usize>,
}

impl Accounts {
    /// Every account's events replaced by the journal's in `dir` (read as `options` say).
    pub fn reread_events(&mut self, dir: &Path, options: Options) -> Reread {
        let before = self.take_events();
        let mut diagnostics = Vec::new();
        let mut file = EVENTS.file.to_string();
        let mut finder = Finder::new(dir, options);
        if let Some(source) = finder.table("events", &mut diagnostics)
            && let Some(t) = table::parse(&source, &EVENTS, options.header_row, &mut diagnostics)
        {
            file = t.file.to_string();
            let places = self.places();
            let mut whole = self.whole.as_mut_slice();
            let journal: &mut dyn Journal = match &mut self.index {
                Some(index) => index,
                None => &mut whole,
            };
            events::read_events(&t, journal, &places, options.as_of, &mut diagnostics);
        }
        let after = self.events_by_place();
        let changed = before
            .keys()
            .chain(after.keys())
            .copied()
            .filter(|i| before.get(i) != after.get(i))
            .collect();
        Reread {
            file,
            diagnostics,
            changed,
        }
    }

    /// Each account number's place.
    fn places(&self) -> Arc<super::keep::Places> {
        match &self.index {
            Some(index) => index.index(),
            None => Arc::new(
                self.whole
                    .as_slice()
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (a.id.clone(), i))
                    .collect(),
            ),
        }
    }

    /// The events taken out of every account (by place; none for an account without).
    fn take_events(&mut self) -> HashMap<usize, Vec<Event>> {
        match &mut self.index {
            Some(index) => index.take_events(),
            None => self
                .whole
                .as_mut_slice()
                .iter_mut()
                .enumerate()
                .filter(|(_, a)| !a.events.is_empty() || !a.later.is_empty())
                .map(|(i, a)| {
                    let mut all = std::mem::take(&mut a.events);
                    all.append(&mut a.later);
                    (i, all)
                })
                .collect(),
        }
    }

    /// Every account's whole history (its later events too) given to `f` by place, copied only
    /// for the rare account with later events: a journal of a million events is not cloned.
    pub fn each_history(&self, f: &mut dyn FnMut(usize, &[Event])) {
        match &self.index {
            Some(index) => index.histories(f),
            None => {
                for (i, a) in self.whole.as_slice().iter().enumerate() {
                    super::events::whole_history(&a.events, &a.later, &mut |h| f(i, h));
                }
            }
        }
    }

    /// Every account's events by place (none for an account without).
    pub fn events_by_place(&self) -> HashMap<usize, Vec<Event>> {
        match &self.index {
            Some(index) => index.events(),
            None => self
                .whole
                .as_slice()
                .iter()
                .enumerate()
                .filter(|(_, a)| !a.events.is_empty() || !a.later.is_empty())
                .map(|(i, a)| (i, [a.events.as_slice(), a.later.as_slice()].concat()))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{load_as, load_indexed};
    use super::*;
    use crate::model::EventKind;

    /// A row added to the journal and a row broken: read again, the accounts left in their file
    /// and the accounts read whole get the same events and diagnostics as a fresh reading, and
    /// only the two accounts are said to have changed.
    #[test]
    fn the_journal_read_again_is_the_fresh_reading() {
        let dir = std::env::temp_dir().join(format!("vzysk-reread-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for f in ["vzysk.toml", "accounts.csv", "ledger.csv", "events.csv"] {
            std::fs::copy(Path::new("samples/ruza").join(f), dir.join(f)).unwrap();
        }
        let options = Options::default();
        let (mut indexed, _) = load_indexed(&dir, options);
        let (mut whole, _) = load_as(&dir, options);
        let (mut indexed, mut whole) = (indexed.accounts(), whole.accounts());
        let journal = std::fs::read_to_string(dir.join("events.csv")).unwrap();
        let journal = journal.replacen(
            "1007,2026-09-01,notice_sent",
            "1007,2026-09-31,notice_sent",
            1,
        );
        std::fs::write(
            dir.join("events.csv"),
            format!("{journal}1010,2026-11-20,notice_sent,ЕРЦ-1,\n"),
        )
        .unwrap();
        let (mut fresh, fresh_diags) = load_as(&dir, options);
        let mut fresh = fresh.accounts();
        let journal_diags: Vec<String> = fresh_diags
            .iter()
            .filter(|d| d.file == EVENTS.file)
            .map(|d| d.to_string())
            .collect();
        assert!(
            journal_diags.iter().any(|d| d.contains("events.csv:")),
            "the broken date is said: {journal_diags:?}"
        );
        for accounts in [&mut indexed, &mut whole] {
            let reread = accounts.reread_events(&dir, options);
            assert_eq!(reread.file, EVENTS.file);
            let said: Vec<String> = reread.diagnostics.iter().map(|d| d.to_string()).collect();
            assert_eq!(said, journal_diags);
            let ids: Vec<String> = reread
                .changed
                .iter()
                .map(|&i| accounts.at(i).unwrap().unwrap().id)
                .collect();
            assert_eq!(ids, ["1007", "1010"]);
            for i in 0..accounts.len() {
                let (a, f) = (accounts.at(i).unwrap(), fresh.at(i).unwrap());
                assert_eq!(a.map(|a| a.events), f.map(|f| f.events), "place {i}");
            }
            let at_1010 = accounts.places()["1010"];
            let events = accounts.at(at_1010).unwrap().unwrap().events;
            assert_eq!(events.last().map(|e| e.kind), Some(EventKind::NoticeSent));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
