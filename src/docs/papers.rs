//! What goes with a batch once its documents exist (`law/formats.md`): per court a cover letter and
//! a registry of the filings with their duty's payment orders (`registries.rs`), the batch's payment
//! orders as one 1C file (`duty.rs`), per bank and bailiff department a registry of the enforcement
//! papers handed over, the Form 103 lists of the registered letters (`mail.rs`), and the batch's
//! journal (`journal.rs`).
//!
//! They are made from the rendered documents read back one at a time, in the order they were made:
//! a package's documents are made one after another into a folder of their own, so a folder's
//! files arrive together and are looked at together. What each paper needs is kept on disk until
//! the end; a batch of 50 000 filings holds a few sums per court in memory, not its documents.

use super::batch::{Batch, PdfDoc};
use super::duty::Exchange;
use super::journal::Journal;
use super::kind::DocKind;
use super::mail::{Letters, Mailing};
use super::registries::{Courts, Enforcement};
use super::rendered::{FolderFiles, Rendered, folder};
use crate::russian;
use chrono::NaiveDate;

/// The batch's papers as they are gathered.
pub struct Papers<'a> {
    as_of: NaiveDate,
    mailing: Mailing<'a>,
    /// The place of the next document in the batch.
    seq: u64,
    /// The documents of the folder being read.
    run: Vec<Rendered>,
    courts: Courts,
    enforcement: Enforcement,
    exchange: Exchange,
    letters: Letters,
    journal: Journal,
}

impl<'a> Papers<'a> {
    pub fn new(as_of: NaiveDate, mailing: Mailing<'a>) -> Result<Papers<'a>, String> {
        Ok(Papers {
            as_of,
            seq: 0,
            run: Vec::new(),
            courts: Courts::new()?,
            enforcement: Enforcement::new()?,
            exchange: Exchange::new(as_of)?,
            letters: Letters::new(mailing.post)?,
            journal: Journal::new(as_of)?,
            mailing,
        })
    }

    /// The next rendered document, in the order made.
    pub fn add(&mut self, r: Rendered) -> Result<(), String> {
        if self
            .run
            .first()
            .is_some_and(|first| folder(&first.path) != folder(&r.path))
        {
            self.folder_done()?;
        }
        self.run.push(r);
        Ok(())
    }

    /// What the papers need of the folder just read.
    fn folder_done(&mut self) -> Result<(), String> {
        let run = std::mem::take(&mut self.run);
        let files = FolderFiles::of(&run);
        let order = run.iter().find_map(|r| r.meta.as_ref()?.payment.as_ref());
        for r in &run {
            self.seq += 1;
            let Some(m) = &r.meta else { continue };
            if let Some(o) = &m.payment {
                self.exchange.add(o)?;
            } else if m.is_filing() {
                self.courts.add(self.seq, r, m, &files, order)?;
            } else if m.is_enforcement() {
                self.enforcement.add(self.seq, r, m)?;
            }
            self.letters
                .add(self.seq, r, m, &files, self.mailing.post)?;
            self.journal.document(m)?;
        }
        Ok(())
    }

    /// Makes the papers: each PDF into `push` as it is made (to be rendered), the tables, the 1C
    /// file, the refusals and the journal (with a row per SMS of `sms`, the accounts of the SMS
    /// list) into `batch`.
    pub fn finish(
        mut self,
        sms: &[String],
        warnings: &[(crate::law::channels::Channel, Vec<String>)],
        batch: &mut Batch,
        push: &mut dyn FnMut(PdfDoc) -> Result<(), String>,
    ) -> Result<(), String> {
        self.folder_done()?;
        let date = russian::date(self.as_of);
        self.courts.papers(&date, batch, push)?;
        match self.exchange.ready() {
            Ok(exchange) => batch.exchange = exchange,
            Err(why) => batch.refuse("", None, DocKind::Registry, why),
        }
        self.enforcement.papers(&date, batch, push)?;
        self.letters
            .lists(&self.mailing, self.as_of, batch, push, &mut self.journal)?;
        self.journal.sms(sms)?;
        self.journal.warnings(warnings)?;
        self.journal.write(batch)
    }
}
