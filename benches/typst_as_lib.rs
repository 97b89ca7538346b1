//! The straightforward route, for comparison with vzysk (run by `benches/routes.sh`, not by
//! `cargo test`): the `typst-as-lib` crate compiling a document's template once per document, the
//! document's values passed as `sys.inputs`, on plain threads pulling the next document, each PDF
//! exported with the same options as vzysk (PDF/A-2b, untagged) and written to a file.
//!
//! Usage: typst_as_lib JOBS_DIR OUT_DIR THREADS
//! where JOBS_DIR is what `vzysk generate … --jobs-dir JOBS_DIR` wrote. Prints one line:
//! `typst-as-lib: N documents, S s, R documents/s, peak RSS M MB`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;
use typst::foundations::{Datetime, Dict, IntoValue, Smart};
use typst_as_lib::{TypstEngine, TypstTemplateMainFile};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [jobs, out, threads] = &args[..] else {
        eprintln!("usage: typst_as_lib JOBS_DIR OUT_DIR THREADS");
        std::process::exit(2);
    };
    let (jobs, out) = (PathBuf::from(jobs), PathBuf::from(out));
    let threads: usize = threads.parse().expect("THREADS is a number");
    std::fs::create_dir_all(&out).expect("OUT_DIR can be made");
    let list = std::fs::read_to_string(jobs.join("jobs.tsv")).expect("JOBS_DIR/jobs.tsv");
    let list: Vec<(String, String)> = list
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();

    let started = Instant::now();
    let fonts_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let mut fonts = Vec::new();
    for name in [
        "LiberationSerif-Regular.ttf",
        "LiberationSerif-Bold.ttf",
        "LiberationSerif-Italic.ttf",
        "LiberationSerif-BoldItalic.ttf",
    ] {
        fonts.push(std::fs::read(fonts_dir.join(name)).expect("the embedded fonts"));
    }
    // One engine per template: typst-as-lib binds the main file when the engine is built. The
    // template reads its values from the inputs instead of `data.json`.
    let mut engines: HashMap<String, TypstEngine<TypstTemplateMainFile>> = HashMap::new();
    for (_, template) in &list {
        if engines.contains_key(template) {
            continue;
        }
        let text = std::fs::read_to_string(jobs.join(template)).expect("a template");
        let from_inputs = text.replace(
            "#let d = json(\"data.json\")",
            "#let d = json(bytes(sys.inputs.data))",
        );
        assert_ne!(text, from_inputs, "the template reads data.json");
        let engine = TypstEngine::builder()
            .main_file(("/main.typ", from_inputs))
            .fonts(fonts.iter().map(|f| f.as_slice()))
            .build();
        engines.insert(template.clone(), engine);
    }

    let date = Datetime::from_ymd(2026, 11, 27).expect("a date");
    let next = AtomicUsize::new(0);
    let standards = PdfStandards::new(&[PdfStandard::A_2b]).expect("PDF/A-2b");
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((folder, template)) = list.get(i) else {
                        break;
                    };
                    let data = std::fs::read_to_string(jobs.join(folder).join("data.json"))
                        .expect("data.json");
                    let mut inputs = Dict::new();
                    inputs.insert("data".into(), data.into_value());
                    let doc: PagedDocument = engines[template]
                        .compile_with_input(inputs)
                        .output
                        .expect("the document compiles");
                    let options = PdfOptions {
                        ident: Smart::Custom(folder.clone()),
                        standards: standards.clone(),
                        tagged: false,
                        timestamp: Some(Timestamp::new_utc(date)),
                        ..PdfOptions::default()
                    };
                    let pdf = typst_pdf::pdf(&doc, &options).expect("the PDF exports");
                    std::fs::write(out.join(format!("{i:06}.pdf")), pdf)
                        .expect("the PDF is written");
                }
            });
        }
    });
    let secs = started.elapsed().as_secs_f64();
    println!(
        "typst-as-lib: {} documents, {:.1} s, {:.1} documents/s, peak RSS {} MB",
        list.len(),
        secs,
        list.len() as f64 / secs,
        peak_rss_mb()
    );
}

/// This process's peak resident set (`VmHWM`), in MB.
fn peak_rss_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}
