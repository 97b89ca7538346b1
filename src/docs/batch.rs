//! What a run decides to make, before anything is rendered: PDFs (a template, its office, its
//! values and metadata), rows of the text outputs (SMS, calls), and every refusal with its reason.

use super::kind::DocKind;
use super::meta::Meta;
use super::paths::{debtor_slug, needs_initials};
use crate::lang::Text;
use crate::model::{Account, Debtor};
use crate::render::stream::Renderable;
use crate::russian::typography::typeset;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// A PDF to make.
pub struct PdfDoc {
    /// Its place in the archive, before the sheet count is added to the name.
    pub path: String,
    pub template: &'static str,
    /// The recipient office (court, bailiffs) whose values the template is composed with.
    pub office: Option<String>,
    /// Its `data.json`: shared by the documents of one package.
    pub values: Arc<[u8]>,
    /// Extra virtual files of this document (e.g. `/qr.svg`).
    pub files: Vec<(&'static str, Vec<u8>)>,
    pub meta: Meta,
}

impl Renderable for PdfDoc {
    fn template(&self) -> &'static str {
        self.template
    }
    fn office(&self) -> Option<&str> {
        self.office.as_deref()
    }
    fn path(&self) -> &str {
        &self.path
    }
    fn values(&self) -> Arc<[u8]> {
        self.values.clone()
    }
    fn files(&self) -> &[(&'static str, Vec<u8>)] {
        &self.files
    }
}
/// What a refusal is about: a kind of document, the `auto` choice, or the account as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Kind(DocKind),
    /// `--docs auto` found nothing to make.
    Auto,
    /// The account's own rows are wrong.
    Account,
}

impl Subject {
    pub fn name(self) -> &'static str {
        match self {
            Subject::Kind(k) => k.name(),
            Subject::Auto => "auto",
            Subject::Account => "",
        }
    }
}

/// A row of `errors.csv`: what was not made, for whom, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub account: String,
    /// The debtor, where the refusal is about one of several.
    pub debtor: Option<String>,
    pub subject: Subject,
    pub reason: Text,
}

impl Refused {
    /// The row as `errors.csv` writes it: account, debtor, kind, reason.
    pub fn row(&self) -> [&str; 4] {
        [
            &self.account,
            self.debtor.as_deref().unwrap_or(""),
            self.subject.name(),
            self.reason.as_str(),
        ]
    }
}

/// The outgoing numbers of a run's letters and its payment orders, given in the order the documents
/// are made (accounts in file order, kinds in ladder order): the same inputs give the same numbers.
#[derive(Clone, Debug, Default)]
pub struct Numbering {
    /// `ЕРЦ-261127-`: the series and the run's date, before each letter's number.
    prefix: String,
    letters: u32,
    /// The next payment order's number (`[duty] first_number`, 1 by default).
    payment: u32,
    /// Outgoing numbers issued before (`workspace::issued`): never given again.
    used: std::collections::HashSet<String>,
    /// What this run gave, in order (`letter` or `payment`, the number), for the register.
    pub given: Vec<(&'static str, String)>,
}

impl Numbering {
    pub fn new(series: Option<&str>, date: chrono::NaiveDate, first_payment: u32) -> Numbering {
        let date = date.format("%y%m%d");
        Numbering {
            prefix: match series.map(str::trim).filter(|s| !s.is_empty()) {
                Some(s) => format!("{s}-{date}-"),
                None => format!("{date}-"),
            },
            letters: 0,
            payment: first_payment.max(1),
            used: Default::default(),
            given: Vec::new(),
        }
    }

    /// The numbering of a run of `date` under `config` (`[letters] series`, `[duty]
    /// first_number`), never giving a number `issued` holds.
    pub fn for_run(
        config: &crate::workspace::config::Config,
        date: chrono::NaiveDate,
        issued: &crate::workspace::issued::Issued,
    ) -> Numbering {
        Numbering::new(
            config.letters.series.as_deref(),
            date,
            config.duty.first_number.unwrap_or(1),
        )
        .after(issued, date)
    }

    /// The same, never giving a number `issued` holds: letters skip the outgoing numbers used,
    /// payment orders follow the year's last.
    pub fn after(
        mut self,
        issued: &crate::workspace::issued::Issued,
        date: chrono::NaiveDate,
    ) -> Numbering {
        self.payment = issued.next_payment(date, self.payment);
        self.used = issued.letters.clone();
        self
    }

    /// The next outgoing number: `ЕРЦ-261127-0001`.
    pub fn letter(&mut self) -> String {
        loop {
            self.letters += 1;
            let number = format!("{}{:04}", self.prefix, self.letters);
            if !self.used.contains(&number) {
                self.given.push(("letter", number.clone()));
                return number;
            }
        }
    }

    /// The next payment order's number.
    pub fn payment(&mut self) -> u32 {
        let n = self.payment.max(1);
        self.payment = n + 1;
        self.given.push(("payment", n.to_string()));
        n
    }
}

#[derive(Default)]
pub struct Batch {
    pub numbers: Numbering,
    pub pdfs: Vec<PdfDoc>,
    /// Path in the archive → a CSV table, kept as the bytes it is written as.
    pub tables: BTreeMap<String, Table>,
    /// The batch's duty payment orders, for the 1C exchange file written at the end.
    pub exchange: Option<super::duty::Exchange>,
    pub refused: Vec<Refused>,
    /// Every folder given out so far.
    folders: HashSet<String>,
}

impl Batch {
    /// An empty batch whose letters and payment orders are numbered by `numbers`.
    pub fn numbered(numbers: Numbering) -> Batch {
        Batch {
            numbers,
            ..Batch::default()
        }
    }

    pub fn refuse(
        &mut self,
        account: &str,
        debtor: Option<&str>,
        kind: DocKind,
        reason: impl Into<Text>,
    ) {
        self.refuse_as(account, debtor, Subject::Kind(kind), reason);
    }

    pub fn refuse_as(
        &mut self,
        account: &str,
        debtor: Option<&str>,
        subject: Subject,
        reason: impl Into<Text>,
    ) {
        self.refused.push(Refused {
            account: account.into(),
            debtor: debtor.map(str::to_string),
            subject,
            reason: reason.into(),
        });
    }

    /// Records each of a rule's refusals for one account and kind.
    pub fn refuse_each(
        &mut self,
        account: &str,
        kind: DocKind,
        refusals: Vec<crate::law::eligibility::Refusal>,
    ) {
        for r in refusals {
            self.refuse(account, r.debtor.as_deref(), kind, r.reason);
        }
    }

    /// A document's values, typeset for Russian typography, as its `data.json`.
    pub fn values(mut value: Value) -> Arc<[u8]> {
        typeset(&mut value);
        serde_json::to_vec(&value).unwrap_or_default().into()
    }

    /// `<dir>/<account>_<surname>`, with the initials (and a number) where that is taken already.
    pub fn debtor_folder(&mut self, dir: &str, account: &Account, debtor: &Debtor) -> String {
        let initials = needs_initials(account, debtor);
        self.unique_folder(
            format!("{dir}/{}", debtor_slug(account, debtor, initials)),
            format!("{dir}/{}", debtor_slug(account, debtor, true)),
        )
    }

    /// `preferred`, or `alternative`, or `alternative_2`, … — the first not given out yet.
    pub fn unique_folder(&mut self, preferred: String, alternative: String) -> String {
        let mut folder = preferred;
        if self.folders.contains(&folder) {
            folder = alternative.clone();
        }
        let mut n = 2;
        while !self.folders.insert(folder.clone()) {
            folder = format!("{alternative}_{n}");
            n += 1;
        }
        folder
    }

    pub fn row(&mut self, path: &str, header: &[&'static str], row: Vec<String>) {
        self.tables
            .entry(path.to_string())
            .or_insert_with(|| Table::new(header))
            .push(&row);
    }

    /// The tables as archive entries (`;`-separated, UTF-8, each with its header).
    pub fn table_entries(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.tables
            .iter()
            .map(|(path, t)| (path.as_str(), t.bytes()))
    }
}

/// A CSV table of the batch (`;`-separated, UTF-8), kept as the bytes it is written as: a registry
/// of tens of thousands of rows is a few megabytes, not a string per cell.
pub struct Table {
    header: Vec<&'static str>,
    writer: csv::Writer<Vec<u8>>,
}

impl Table {
    fn new(header: &[&'static str]) -> Table {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(Vec::new());
        // Writing to memory cannot fail.
        let _ = writer.write_record(header);
        Table {
            header: header.to_vec(),
            writer,
        }
    }

    fn push(&mut self, row: &[String]) {
        let _ = self.writer.write_record(row);
        let _ = self.writer.flush();
    }

    pub fn header(&self) -> &[&'static str] {
        &self.header
    }

    pub fn bytes(&self) -> &[u8] {
        self.writer.get_ref()
    }

    /// The rows as written, read back (the SMS list's accounts, the templates' data).
    pub fn rows(&self) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(self.bytes())
            .records()
            .filter_map(Result::ok)
            .map(|r| r.iter().map(str::to_string).collect())
            .collect()
    }
}
