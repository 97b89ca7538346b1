//! Rendering: the only module that knows Typst exists. minijinja composes a document kind's Typst
//! source once per batch and court (`compose`); each document is that source plus its own
//! `data.json`, compiled in-process through our one `World` (`world`) and exported to PDF.

pub mod compose;
pub mod world;

use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::Source;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};
use world::{DocWorld, Shared, main_id};

/// A composed template, ready to be compiled with many documents' data.
#[derive(Clone)]
pub struct Template {
    /// The template's name, for messages.
    pub name: String,
    pub source: Source,
}

impl Template {
    pub fn new(name: &str, text: String) -> Template {
        Template {
            name: name.to_string(),
            source: Source::new(main_id(), text),
        }
    }
}

pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// Compiles one document: `template` with `data` (JSON bytes) and its extra virtual `files`, dated
/// `date`, identified by `ident` (stable across runs, so the PDF's document id is too).
pub fn pdf(
    template: &Template,
    data: Vec<u8>,
    files: &[(&'static str, Vec<u8>)],
    date: chrono::NaiveDate,
    ident: &str,
) -> Result<Pdf, String> {
    use chrono::Datelike;
    let today = Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
        .ok_or_else(|| format!("date {date} is out of Typst's range"))?;
    let world = DocWorld {
        shared: Shared::get(),
        source: template.source.clone(),
        data: Bytes::new(data),
        extras: files
            .iter()
            .map(|(path, bytes)| (world::file_id(path), Bytes::new(bytes.clone())))
            .collect(),
        today,
    };
    let warned = typst::compile::<PagedDocument>(&world);
    let result = match warned.output {
        Ok(doc) => {
            let options = PdfOptions {
                ident: Smart::Custom(ident.to_string()),
                timestamp: Some(Timestamp::new_utc(today)),
                standards: PdfStandards::new(&[PdfStandard::A_2b]).map_err(|e| format!("{e:?}"))?,
                tagged: false,
                ..PdfOptions::default()
            };
            match typst_pdf::pdf(&doc, &options) {
                Ok(bytes) => Ok(Pdf {
                    bytes,
                    pages: doc.pages().len(),
                }),
                Err(errors) => Err(describe(&world, &template.name, &errors)),
            }
        }
        Err(errors) => Err(describe(&world, &template.name, &errors)),
    };
    // Typst's memo cache grows with every document unless aged out (typst-notes.md, trap 3).
    typst::comemo::evict(10);
    result
}

/// `template:line:column: message` for each error, lines of the composed source.
fn describe(world: &DocWorld, name: &str, errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| {
            let place = world
                .range(e.span)
                .and_then(|r| {
                    let lines = world.source.lines();
                    Some((
                        lines.byte_to_line(r.start)? + 1,
                        lines.byte_to_column(r.start)? + 1,
                    ))
                })
                .map(|(l, c)| format!("{name}:{l}:{c}: "))
                .unwrap_or_else(|| format!("{name}: "));
            let hints: String = e
                .hints
                .iter()
                .map(|h| format!(" (hint: {})", h.v))
                .collect();
            format!("{place}{}{hints}", e.message)
        })
        .collect::<Vec<_>>()
        .join("; ")
}
