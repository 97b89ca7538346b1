//! What the rendered documents become: archive entries with their sheet counts, the manifest, and
//! what the registries need of them; at the end `errors.csv`, `manifest.json` and the archive put
//! into place, and what the run made (`Outcome`).

use crate::archive::manifest::{self, MAX_FILE_BYTES, Manifest};
use crate::archive::spill::TempLines;
use crate::archive::{self, Sink};
use crate::docs;
use crate::docs::batch::{Batch, PdfDoc, Refused, Subject};
use crate::docs::journal;
use crate::docs::paths::with_sheets;
use crate::docs::rendered::Rendered;
use crate::render;

/// What a run made: the files in the archive, the refusals (each with its typed reason, as
/// `errors.csv` lists them), the documents that failed to render (among the refusals), and the
/// events the batch starts (the rows of its `events.csv`, for `vzysk record`).
#[derive(Debug)]
pub struct Outcome {
    pub files: usize,
    pub refused: Vec<Refused>,
    pub failed: usize,
    pub events: usize,
}

/// What the rendered documents become: archive entries under their names with sheet counts, their
/// manifest entries, and what the registries need of them; a failure or an oversized file is
/// refused.
pub(super) struct Output {
    pub(super) sink: Sink,
    pub(super) manifest: Manifest,
    /// What the registries need of each document (`Rendered`), on disk until they are made.
    pub(super) rendered: TempLines,
    pub(super) refused: Vec<Refused>,
    pub(super) failed: usize,
}

impl Output {
    pub(super) fn take(
        &mut self,
        doc: &PdfDoc,
        result: Result<render::Pdf, String>,
        keep: bool,
    ) -> Result<(), String> {
        let account = doc.meta.account().unwrap_or("").to_string();
        let subject = Subject::Kind(doc.meta.kind());
        let why = match result {
            Ok(pdf) if pdf.bytes.len() > MAX_FILE_BYTES => {
                let (path, size) = (&doc.path, pdf.bytes.len());
                crate::tr!(
                    "render.too_big",
                    "{path} занимает {size} байт — больше 30 МБ, которые принимает электронная подача в суд",
                    "{path} is {size} bytes, above the 30 MB a court's e-filing takes"
                )
            }
            Ok(pdf) => {
                let path = with_sheets(&doc.path, pdf.pages);
                self.sink.add(&path, &pdf.bytes)?;
                let meta = match serde_json::to_value(&doc.meta) {
                    Ok(serde_json::Value::Object(m)) => m,
                    _ => {
                        let path = &doc.path;
                        return Err(crate::tr!(
                            "generate.meta_not_object",
                            "{path}: сведения о документе — не объект JSON",
                            "{path}: its metadata is not an object"
                        )
                        .to_string());
                    }
                };
                self.manifest.add_pdf(&path, &pdf.bytes, pdf.pages, meta)?;
                if keep {
                    // Registries need the sums of the papers they list; of the rest only the
                    // folder, name and sheets.
                    let r = Rendered {
                        path,
                        pages: pdf.pages,
                        meta: doc.meta.listed(),
                    };
                    let line = serde_json::value::to_raw_value(&r).map_err(|e| e.to_string())?;
                    self.rendered.push("", &line)?;
                }
                return Ok(());
            }
            Err(e) => {
                let path = &doc.path;
                crate::tr!(
                    "render.failed",
                    "не удалось свёрстать {path}: «{e}»",
                    "rendering {path} failed: {e}"
                )
            }
        };
        self.failed += 1;
        self.refused.push(Refused {
            account,
            debtor: None,
            subject,
            reason: why,
        });
        Ok(())
    }

    /// The text outputs, `errors.csv` and `manifest.json` (with `run`, the run's own entry) into
    /// the archive, and the archive into place.
    pub(super) fn finish(
        mut self,
        run: manifest::Run,
        mut batch: Batch,
        mut extra: Batch,
    ) -> Result<(Outcome, Batch), String> {
        for (path, bytes) in batch.table_entries().chain(extra.table_entries()) {
            self.manifest.add_list(path, bytes)?;
            self.sink.add(path, bytes)?;
        }
        if let Some(exchange) = extra.exchange.take() {
            let path = docs::duty::EXCHANGE_FILE;
            let (sha, size) = self.sink.add_written(path, |out| {
                let mut out = archive::Hashing::new(out);
                exchange.write(&mut out)?;
                Ok(out.finish())
            })?;
            self.manifest.add_list_hashed(path, &sha, size)?;
        }
        batch.refused.sort_by(|a, b| a.row().cmp(&b.row()));
        let events = batch
            .tables
            .iter()
            .chain(&extra.tables)
            .filter(|(path, _)| path.as_str() == journal::FILE)
            .map(|(_, table)| table.rows().len())
            .sum();
        let manifest = self.manifest;
        let errors = batch.refused.len();
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["account", "debtor", "kind", "reason"])
            .map_err(|e| e.to_string())?;
        for r in &batch.refused {
            w.write_record(r.row()).map_err(|e| e.to_string())?;
        }
        self.sink
            .add("errors.csv", &w.into_inner().map_err(|e| e.to_string())?)?;
        let files = self.sink.add_written("manifest.json", |out| {
            manifest.finish_into(run, errors, out)
        })?;
        self.sink.finish()?;
        let outcome = Outcome {
            files,
            refused: batch.refused,
            failed: self.failed,
            events,
        };
        Ok((outcome, extra))
    }
}
