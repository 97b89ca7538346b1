//! The numbers a department has issued and must never issue again: the post's ШПИ (the post
//! refuses a used barcode, and tracking would tie two letters together), outgoing numbers, and the
//! duty's payment orders (the bank client refuses a document number twice in a year). They come
//! from the journal — what was sent (`rpo=`, a letter's reference, `letter=`, `po=`) — and from the
//! workspace's register of what runs not yet recorded took ([`REGISTER`]), so that two archives
//! made before either is recorded never share a number. A run made again with the same inputs is
//! the same run: its own entries in the register do not count against it, and it gets the same
//! numbers (the archive is byte-identical).

use crate::model::{Event, EventKind};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

/// The register, in the workspace: `run,kind,value,date` per number a run took.
pub const REGISTER: &str = ".vzysk/issued.csv";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Issued {
    pub shpi: HashSet<String>,
    /// Outgoing numbers of letters and applications.
    pub letters: HashSet<String>,
    /// The highest payment order's number of each year.
    pub payments: BTreeMap<i32, u32>,
}

impl Issued {
    /// What the journal's event shows issued.
    pub fn note(&mut self, e: &Event) {
        if let Some(shpi) = e.detail("rpo").filter(|s| !s.is_empty()) {
            self.shpi.insert(shpi.to_string());
        }
        if matches!(e.kind, EventKind::NoticeSent | EventKind::WarningSent)
            && let Some(r) = e.reference.as_deref().filter(|r| !r.is_empty())
        {
            self.letters.insert(r.to_string());
        }
        if let Some(letter) = e.detail("letter").filter(|s| !s.is_empty()) {
            self.letters.insert(letter.to_string());
        }
        if let Some(n) = e.detail("po").and_then(|n| n.parse().ok()) {
            self.payment(e.date, n);
        }
    }

    fn payment(&mut self, date: NaiveDate, n: u32) {
        let max = self.payments.entry(date.year()).or_default();
        *max = (*max).max(n);
    }

    /// The first payment order's number a run of `date` may use: after every one issued that
    /// year, and not before `first` (`[duty] first_number`).
    pub fn next_payment(&self, date: NaiveDate, first: u32) -> u32 {
        let after = self.payments.get(&date.year()).map_or(0, |n| n + 1);
        after.max(first).max(1)
    }

    /// The register's entries of every run but `run` (its own are taken again as they were).
    pub fn read_register(&mut self, dir: &Path, run: &str) -> Result<(), String> {
        let path = dir.join(REGISTER);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => {
                return Err(crate::tr!(
                    "issued.unreadable",
                    "{REGISTER}: файл не читается: {e}",
                    "{REGISTER}: cannot be read: {e}"
                )
                .to_string());
            }
        };
        for (n, line) in crate::workspace::table::lines::lines(&text)
            .enumerate()
            .skip(1)
        {
            let cells: Vec<&str> = line.split(',').collect();
            let [key, kind, value, date] = cells[..] else {
                let line = n + 1;
                return Err(crate::tr!(
                    "issued.malformed",
                    "{REGISTER}:{line}: в строке не четыре поля через запятую — этот реестр ведёт сама программа: восстановите его из резервной копии",
                    "{REGISTER}:{line}: not a row of run,kind,value,date — a register vzysk keeps: restore it from its backup"
                )
                .to_string());
            };
            if key == run {
                continue;
            }
            match kind {
                "shpi" => {
                    self.shpi.insert(value.to_string());
                }
                "letter" => {
                    self.letters.insert(value.to_string());
                }
                "payment" => {
                    if let (Ok(n), Some(d)) = (value.parse(), crate::model::parse_date(date)) {
                        self.payment(d, n);
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// The identity of a run: what decides its documents and their numbers — the day, the kinds and
/// accounts asked for, the settings and the journal. The same run made again takes the same
/// numbers; any other run, others.
pub fn run_key(dir: &Path, as_of: NaiveDate, docs: &str, accounts: &[String]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(as_of.to_string());
    h.update([0]);
    h.update(docs);
    let accounts: BTreeSet<&String> = accounts.iter().collect();
    for a in accounts {
        h.update([0]);
        h.update(a);
    }
    for file in [super::config::FILE, super::schema::EVENTS.file] {
        h.update([1]);
        h.update(std::fs::read(dir.join(file)).unwrap_or_default());
    }
    h.finalize()[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_date;

    fn event(date: &str, kind: EventKind, reference: &str, details: &[(&str, &str)]) -> Event {
        Event {
            line: 2,
            date: parse_date(date).unwrap(),
            kind,
            reference: Some(reference.to_string()),
            details: details
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn the_journal_and_the_register_say_what_was_issued() {
        let mut issued = Issued::default();
        issued.note(&event(
            "2026-11-30",
            EventKind::WarningSent,
            "ЕРЦ-261127-0001",
            &[("rpo", "14310311000013")],
        ));
        issued.note(&event(
            "2026-11-30",
            EventKind::OrderFiled,
            "",
            &[("po", "7")],
        ));
        issued.note(&event(
            "2025-12-30",
            EventKind::ClaimFiled,
            "",
            &[("po", "40")],
        ));
        assert!(issued.shpi.contains("14310311000013"));
        assert!(issued.letters.contains("ЕРЦ-261127-0001"));
        let day = parse_date("2026-12-28").unwrap();
        assert_eq!(issued.next_payment(day, 1), 8);
        assert_eq!(issued.next_payment(day, 100), 100);
        // A new year, a new sequence.
        assert_eq!(issued.next_payment(parse_date("2027-01-10").unwrap(), 1), 1);

        let dir = std::env::temp_dir().join(format!("vzysk-issued-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let taken = [
            ("shpi", "14310311000020".to_string(), day),
            ("payment", "12".to_string(), day),
        ];
        let row = |run: &str, (kind, value, date): &(&str, String, NaiveDate)| {
            format!("{run},{kind},{value},{date}\n")
        };
        std::fs::create_dir_all(dir.join(".vzysk")).unwrap();
        let text = format!(
            "run,kind,value,date\n{}{}{}",
            row("a", &taken[0]),
            row("a", &taken[1]),
            row("b", &("letter", "ЕРЦ-261228-0001".to_string(), day))
        );
        std::fs::write(dir.join(REGISTER), text).unwrap();
        let mut other = Issued::default();
        other.read_register(&dir, "b").unwrap();
        assert!(other.shpi.contains("14310311000020"));
        assert_eq!(other.next_payment(day, 1), 13);
        assert!(!other.letters.contains("ЕРЦ-261228-0001"), "b's own");
        let mut again = Issued::default();
        again.read_register(&dir, "a").unwrap();
        assert!(again.shpi.is_empty() && again.letters.contains("ЕРЦ-261228-0001"));
        std::fs::remove_dir_all(&dir).ok();
    }
}
