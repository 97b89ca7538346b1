//! Rendering: the only module that knows Typst exists. minijinja composes a document kind's Typst
//! source once per batch and court (`compose`); each document is that source plus its own
//! `data.json`. `pdfs` compiles a chunk of documents of one composed template in one Typst
//! compilation, each in its own virtual folder `/d/N/` (its source, `data.json` and extra files),
//! and exports each document's pages as a PDF of its own (`page_ranges`); a batch (`stream`) sends
//! one document a chunk, as chunks of several were measured to gain nothing and cost memory.
//! Everything goes through our one `World` (`world`). `check` finds a workspace's template errors;
//! `pool` runs the renderer processes.

pub mod check;
pub mod compose;
pub mod jobs_dir;
pub mod pool;
pub mod stream;
pub mod world;

use std::num::NonZeroUsize;
use std::sync::Mutex;
use typst::WorldExt;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Bytes, Datetime, Label, Selector, Smart};
use typst::introspection::Introspector;
use typst::layout::PageRanges;
use typst::syntax::Source;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};
use world::{DocWorld, Shared, main_id, slot_id};

/// A composed template, ready to be compiled with many documents' data.
pub struct Template {
    /// The template's name, for messages.
    pub name: String,
    text: String,
    /// The parsed source in each chunk slot `/d/N/doc.typ`, made once per slot.
    slots: Mutex<Vec<Source>>,
}

impl Template {
    pub fn new(name: &str, text: String) -> Template {
        Template {
            name: name.to_string(),
            text,
            slots: Mutex::new(Vec::new()),
        }
    }

    /// The composed Typst source.
    pub fn text(&self) -> &str {
        &self.text
    }

    fn slot(&self, i: usize) -> Source {
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        while slots.len() <= i {
            let id = slot_id(slots.len(), "doc.typ");
            slots.push(Source::new(id, self.text.clone()));
        }
        slots[i].clone()
    }
}

/// One document to render: its values (JSON), its extra virtual files (e.g. `/qr.svg`, read by
/// the template as `qr.svg`) and its identifier (stable across runs, so the PDF's id is too).
pub struct Job<'a> {
    pub data: &'a [u8],
    pub files: Vec<(&'a str, &'a [u8])>,
    pub ident: String,
}

pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// Renders `jobs` (all of `template`), dated `date`: one compilation for the whole chunk. When the
/// chunk fails to compile, each document is compiled alone, so an error is reported against the
/// document that caused it and the others are still made.
pub fn pdfs(
    template: &Template,
    jobs: &[Job],
    date: chrono::NaiveDate,
) -> Vec<Result<Pdf, String>> {
    let results = match compile_chunk(template, jobs, date) {
        Ok(results) => results,
        Err(e) if jobs.len() == 1 => vec![Err(e)],
        Err(_) => jobs
            .iter()
            .flat_map(
                |job| match compile_chunk(template, std::slice::from_ref(job), date) {
                    Ok(one) => one,
                    Err(e) => vec![Err(e)],
                },
            )
            .collect(),
    };
    // Typst's memo cache grows with every compilation unless aged out (typst-notes.md, trap 3).
    // An eviction walks the whole cache, so it runs once every EVICT_EVERY documents.
    static RENDERED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let before = RENDERED.fetch_add(jobs.len(), std::sync::atomic::Ordering::Relaxed);
    if (before + jobs.len()) / EVICT_EVERY > before / EVICT_EVERY {
        typst::comemo::evict(EVICT_AGE);
    }
    results
}

/// Typst's cache is evicted once every `EVICT_EVERY` documents, and a result survives `EVICT_AGE`
/// evictions unused: here, 4 to 8 documents. A document reuses what the previous few of its
/// template laid out (the template's fixed text, the organisation's blocks), and a court-order
/// package alternates two templates. Measured side by side on 300 packages (three or four runs
/// each, output byte-identical): evicting every document with age 1 lost each template's results
/// by its next document; age 4 took 4–9 % less CPU; every 4 documents with age 1 about 5 % less
/// again, since each eviction walks the whole cache (9 % of an in-process run's time at age 4). Every 8
/// gained little more and grew a renderer past its budget (`pool::MEMORY_BUDGET`), above which a
/// renderer process empties the cache anyway.
const EVICT_EVERY: usize = 4;
const EVICT_AGE: usize = 1;

/// `/main.typ` for a chunk of `n`: each document's folder included in turn, its first page marked
/// (to find its page range after layout) and the page counter restarted.
fn driver(n: usize) -> Source {
    static DRIVERS: Mutex<Vec<Source>> = Mutex::new(Vec::new());
    let mut drivers = DRIVERS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(s) = drivers
        .iter()
        .find(|s| s.text().starts_with(&format!("// {n}\n")))
    {
        return s.clone();
    }
    // Page numbering makes each exported PDF's page labels run 1…n, not the chunk's page indices.
    let mut text = format!("// {n}\n#set page(numbering: \"1\")\n");
    for i in 0..n {
        text.push_str(&format!(
            "#counter(page).update(1)\n#metadata({i}) <{MARK}>\n#include \"/d/{i}/doc.typ\"\n"
        ));
    }
    let source = Source::new(main_id(), text);
    drivers.push(source.clone());
    source
}

const MARK: &str = "vzysk-document";

fn compile_chunk(
    template: &Template,
    jobs: &[Job],
    date: chrono::NaiveDate,
) -> Result<Vec<Result<Pdf, String>>, String> {
    use chrono::Datelike;
    let today =
        Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8).ok_or_else(|| {
            crate::tr!(
                "render.date_out_of_range",
                "дата {date} вне диапазона, который поддерживает Typst",
                "date {date} is out of Typst's range"
            )
            .to_string()
        })?;
    let mut files = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        files.push((slot_id(i, "data.json"), Bytes::new(job.data.to_vec())));
        for (path, bytes) in &job.files {
            let name = path.trim_start_matches('/');
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
            {
                let name = &template.name;
                return Err(crate::tr!(
                    "render.extra_file_name",
                    "{name}: у дополнительного файла {path:?} недопустимое имя",
                    "{name}: extra file {path:?} has no plain name"
                )
                .to_string());
            }
            files.push((slot_id(i, name), Bytes::new(bytes.to_vec())));
        }
    }
    let world = DocWorld {
        shared: Shared::get(),
        main: driver(jobs.len()),
        docs: (0..jobs.len()).map(|i| template.slot(i)).collect(),
        files,
        today,
    };
    let doc = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| describe(&world, &template.name, &errors))?;
    let starts = first_pages(&doc, jobs.len()).ok_or_else(|| {
        let name = &template.name;
        crate::tr!(
            "render.pages_apart",
            "{name}: не удалось разделить страницы документов",
            "{name}: the documents' pages could not be told apart"
        )
        .to_string()
    })?;
    let standards = PdfStandards::new(&[PdfStandard::A_2b]).map_err(|e| format!("{e:?}"))?;
    Ok(jobs
        .iter()
        .enumerate()
        .map(|(i, job)| {
            let first = starts[i];
            let last = starts.get(i + 1).map_or(doc.pages().len(), |next| next - 1);
            let options = PdfOptions {
                ident: Smart::Custom(job.ident.clone()),
                timestamp: Some(Timestamp::new_utc(today)),
                standards: standards.clone(),
                tagged: false,
                page_ranges: Some(PageRanges::new(vec![
                    NonZeroUsize::new(first)..=NonZeroUsize::new(last),
                ])),
                ..PdfOptions::default()
            };
            typst_pdf::pdf(&doc, &options)
                .map(|bytes| Pdf {
                    bytes,
                    pages: last + 1 - first,
                })
                .map_err(|errors| describe(&world, &template.name, &errors))
        })
        .collect())
}

/// The first page (1-based) of each of the `n` documents, from the driver's marks: strictly
/// increasing, or `None` when a document left no page of its own.
fn first_pages(doc: &PagedDocument, n: usize) -> Option<Vec<usize>> {
    let label = Label::new(PicoStr::intern(MARK))?;
    let introspector = doc.introspector();
    let marks = introspector.query(&Selector::Label(label));
    let starts: Vec<usize> = marks
        .iter()
        .map(|m| introspector.page(m.location()?).map(|p| p.get()))
        .collect::<Option<_>>()?;
    let increasing = starts.windows(2).all(|w| w[0] < w[1]);
    (starts.len() == n && increasing && starts.last().is_some_and(|l| *l <= doc.pages().len()))
        .then_some(starts)
}

/// `template:line:column: message` for each error, lines of the composed source.
fn describe(world: &DocWorld, name: &str, errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|e| {
            let place = e
                .span
                .id()
                .and_then(|id| {
                    let source = world.docs.iter().find(|s| s.id() == id)?;
                    let r = world.range(e.span)?;
                    let lines = source.lines();
                    Some((
                        lines.byte_to_line(r.start)? + 1,
                        lines.byte_to_column(r.start)? + 1,
                    ))
                })
                .map(|(l, c)| format!("{name}:{l}:{c}: "))
                .unwrap_or_else(|| format!("{name}: "));
            let hint = crate::lang::say("подсказка", "hint");
            let hints: String = e
                .hints
                .iter()
                .map(|h| format!(" ({hint}: {})", h.v))
                .collect();
            format!("{place}{}{hints}", e.message)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "#set page(paper: \"a6\", footer: context align(center, str(counter(page).get().first())))\n#set text(font: \"Liberation Serif\")\n#let d = json(\"data.json\")\n= #d.name\n#for i in range(d.n) [Строка #i \\ ]\n";

    /// Jobs for `datas`, the first being document number `first` (its identifier).
    fn jobs(datas: &[Vec<u8>], first: usize) -> Vec<Job<'_>> {
        datas
            .iter()
            .enumerate()
            .map(|(i, data)| Job {
                data,
                files: Vec::new(),
                ident: format!("test/{}", first + i),
            })
            .collect()
    }

    #[test]
    fn a_document_made_in_a_chunk_is_the_document_made_alone() {
        let template = Template::new("test", TEXT.to_string());
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let datas: Vec<Vec<u8>> = [("Первый", 3), ("Второй", 70), ("Третий", 1)]
            .iter()
            .map(|(name, n)| format!("{{\"name\": \"{name}\", \"n\": {n}}}").into_bytes())
            .collect();
        let together = pdfs(&template, &jobs(&datas, 0), date);
        assert_eq!(together.len(), 3);
        let pages: Vec<usize> = together.iter().map(|r| r.as_ref().unwrap().pages).collect();
        assert_eq!(pages[0], 1);
        assert!(pages[1] > 1, "the second document runs over several pages");
        assert_eq!(pages[2], 1);
        for (i, made) in together.iter().enumerate() {
            let alone = pdfs(&template, &jobs(&datas[i..=i], i), date);
            let alone = alone[0].as_ref().unwrap();
            assert_eq!(made.as_ref().unwrap().pages, alone.pages);
            assert!(
                made.as_ref().unwrap().bytes == alone.bytes,
                "document {i} differs"
            );
        }
    }

    #[test]
    fn one_broken_document_does_not_take_its_chunk_with_it() {
        let template = Template::new("test", TEXT.to_string());
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let datas: Vec<Vec<u8>> = vec![
            b"{\"name\": \"A\", \"n\": 2}".to_vec(),
            b"{\"name\": \"B\"}".to_vec(),
            b"{\"name\": \"C\", \"n\": 2}".to_vec(),
        ];
        let results = pdfs(&template, &jobs(&datas, 0), date);
        assert!(results[0].is_ok() && results[2].is_ok());
        let e = results[1].as_ref().err().unwrap();
        assert!(e.starts_with("test:5:"), "{e}");
        assert!(e.contains("does not contain key \"n\""), "{e}");
    }
}
