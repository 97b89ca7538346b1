//! `vzysk generate WS --as-of DATE --docs KINDS -o OUT.zip` — the documents, in one archive.
//!
//! Usage: `vzysk generate samples/ruza --as-of 2026-11-27 --docs court-order -o ruza.zip`
//!
//! `--docs auto` (the default) makes for each account what its next step needs (`vzysk plan`);
//! `all` tries every kind, each refusing where its legal preconditions fail. Court papers go to
//! `courts/<court>/<account>_<surname>/`, enforcement papers to `bank/` and `fssp/<department>/`,
//! notices, warnings and agreements to their own folders, SMS and call lists to `sms/sms.csv` and
//! `calls/calls.csv`; `manifest.json` lists every file with its SHA-256, pages and sums, and
//! `errors.csv` everything not made, with the reason. The archive is written to a temporary file
//! beside OUT and renamed into place only when complete. Problems that make every document wrong (a
//! bad workspace file, a broken template, a missing claimant field) stop the run before anything is
//! written. Exit status 1 when a document failed to render.

use super::Target;
use crate::archive::{self, Entry, sha256_hex};
use crate::docs::registries::{self, Rendered};
use crate::docs::{self, Batch, PdfDoc};
use crate::law::account::calculate;
use crate::plan::plan;
use crate::render::{self, Template, compose::Composer};
use crate::workspace::{ACCOUNTS, EVENTS, LEDGER, config};
use serde_json::json;
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Generate documents into a ZIP archive.
#[derive(clap::Args)]
#[command(
    after_help = "Example: vzysk generate samples/ruza --as-of 2026-11-27 --docs court-order -o ruza.zip"
)]
pub struct Args {
    #[command(flatten)]
    pub target: Target,
    /// Document kinds, comma-separated: notice, sms, calls, warning, agreement, court-order, claim,
    /// bank, fssp; or auto (what each account's next step needs) or all.
    #[arg(long, value_delimiter = ',', default_value = "auto")]
    pub docs: Vec<String>,
    /// The archive to write.
    #[arg(
        short = 'o',
        long = "out",
        required_unless_present = "out_dir",
        conflicts_with = "out_dir"
    )]
    pub out: Option<PathBuf>,
    /// Write the same layout into this folder instead of a ZIP (it must not exist yet).
    #[arg(long, value_name = "FOLDER")]
    pub out_dir: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let started = Instant::now();
    let as_of = args.target.as_of();
    for kind in &args.docs {
        if !(docs::KINDS.contains(&kind.as_str()) || kind == "all" || kind == "auto") {
            return Err(format!(
                "--docs {kind}: not a document kind (one of: {}, all, auto)",
                docs::KINDS.join(", ")
            ));
        }
    }
    let auto = args.docs.iter().any(|k| k == "auto");
    let all = args.docs.iter().any(|k| k == "all");
    let (ws, _) = match args.target.load("nothing written") {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let missing = docs::missing_org_fields(&ws.config);
    if !missing.is_empty() {
        eprintln!("vzysk: nothing written: {}", missing.join("; "));
        return Ok(ExitCode::FAILURE);
    }
    let conv = &ws.config.conventions;
    let template_dir = Some(args.target.workspace.join("templates")).filter(|d| d.is_dir());
    let composer = Composer::new(template_dir.clone());
    let ctx = docs::Ctx {
        config: &ws.config,
        composer: &composer,
    };

    // Decide every document before rendering any.
    let mut batch = Batch::default();
    for account in ws.accounts.iter().filter(|a| args.target.wants(&a.id)) {
        if let Some(n) = ws.bad.get(&account.id) {
            batch.refuse(
                &account.id,
                "",
                "",
                format!("{n} error(s) in the account's rows; run `vzysk check`"),
            );
            continue;
        }
        let calc = calculate(&account.ledger, as_of, conv);
        let kinds: Vec<&str> = if all {
            docs::KINDS.to_vec()
        } else if auto {
            let p = plan(account, &calc);
            if p.next.docs().is_empty() {
                batch.refuse(
                    &account.id,
                    "",
                    "auto",
                    format!("next step: {} — {}", p.next.name(), p.reason),
                );
            }
            let mut kinds = p.next.docs().to_vec();
            kinds.extend(
                args.docs
                    .iter()
                    .map(String::as_str)
                    .filter(|k| docs::KINDS.contains(k) && !p.next.docs().contains(k)),
            );
            kinds
        } else {
            args.docs.iter().map(String::as_str).collect()
        };
        for kind in kinds {
            docs::build(kind, &ctx, account, &calc, &mut batch);
        }
    }

    // Render the documents, then what goes with them (registries, cover letters, Form 103 lists).
    let mut entries = Vec::new();
    let mut files: Vec<serde_json::Value> = Vec::new();
    let mut rendered: Vec<Rendered> = Vec::new();
    let mut failed = 0;
    let render =
        |batch: &Batch| render_batch(batch, &ws.config, &composer, template_dir.as_deref(), as_of);
    let first = match render(&batch) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("vzysk: nothing written: {e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let pdfs = std::mem::take(&mut batch.pdfs);
    failed += collect(
        pdfs,
        first,
        &mut batch,
        &mut entries,
        &mut files,
        &mut rendered,
    );
    let mut extra = Batch::default();
    registries::build(&rendered, as_of, &mut extra);
    let second = match render(&extra) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("vzysk: nothing written: {e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let pdfs = std::mem::take(&mut extra.pdfs);
    failed += collect(
        pdfs,
        second,
        &mut batch,
        &mut entries,
        &mut files,
        &mut Vec::new(),
    );
    batch.errors.append(&mut extra.errors);
    for table in batch
        .table_entries()
        .into_iter()
        .chain(extra.table_entries())
    {
        files.push(json!({ "path": table.path, "sha256": sha256_hex(&table.bytes), "bytes": table.bytes.len(), "kind": "list" }));
        entries.push(table);
    }
    files.sort_by(|a, b| a["path"].as_str().cmp(&b["path"].as_str()));

    let mut inputs = Vec::new();
    for name in [config::FILE, ACCOUNTS.file, LEDGER.file, EVENTS.file] {
        if let Ok(bytes) = std::fs::read(args.target.workspace.join(name)) {
            inputs
                .push(json!({ "file": name, "sha256": sha256_hex(&bytes), "bytes": bytes.len() }));
        }
    }
    batch.errors.sort();
    let documents = files.len();
    let manifest = json!({
        "tool": format!("vzysk {}", env!("CARGO_PKG_VERSION")),
        "as_of": as_of.to_string(),
        "docs": args.docs,
        "conventions": conv.describe(),
        "inputs": inputs,
        "files": files,
        "errors": batch.errors.len(),
    });
    let mut manifest_bytes = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
    manifest_bytes.push(b'\n');
    entries.push(Entry {
        path: "manifest.json".into(),
        bytes: manifest_bytes,
    });
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["account", "debtor", "kind", "reason"])
        .map_err(|e| e.to_string())?;
    for row in &batch.errors {
        w.write_record(row).map_err(|e| e.to_string())?;
    }
    entries.push(Entry {
        path: "errors.csv".into(),
        bytes: w.into_inner().map_err(|e| e.to_string())?,
    });

    match (&args.out, &args.out_dir) {
        (Some(zip), None) => archive::write_zip(zip, &mut entries, as_of)?,
        (None, Some(dir)) => archive::write_dir(dir, &mut entries)?,
        _ => return Err("give either -o OUT.zip or --out-dir FOLDER".into()),
    }
    let out = args
        .out
        .as_ref()
        .or(args.out_dir.as_ref())
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "vzysk: {} files in {}; {} not made (errors.csv); {:.1} s, {:.1} documents/s",
        documents,
        out,
        batch.errors.len(),
        secs,
        documents as f64 / secs.max(1e-9)
    );
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The largest file a court's e-filing accepts (`law/formats.md` §1).
pub const MAX_FILE_BYTES: usize = 30 * 1024 * 1024;

/// `…/01 Заявление.pdf` with 2 pages → `…/01 Заявление (2 л.).pdf`: the sheet count in the name.
pub fn with_sheets(path: &str, pages: usize) -> String {
    match path.strip_suffix(".pdf") {
        Some(stem) => format!("{stem} ({pages} л.).pdf"),
        None => path.to_string(),
    }
}

/// Composes each template once per recipient office and renders every document of `batch` on one
/// plain worker per core, each pulling the next document (typst-notes.md, trap 4).
fn render_batch(
    batch: &Batch,
    config: &crate::workspace::config::Config,
    composer: &Composer,
    template_dir: Option<&std::path::Path>,
    as_of: chrono::NaiveDate,
) -> Result<Vec<Result<render::Pdf, String>>, String> {
    let mut templates: Vec<Template> = Vec::new();
    let mut composed: HashMap<(&'static str, Option<String>), usize> = HashMap::new();
    let mut job_template = Vec::with_capacity(batch.pdfs.len());
    for doc in &batch.pdfs {
        let key = (doc.template, doc.office.clone());
        let idx = match composed.get(&key) {
            Some(i) => *i,
            None => {
                let office = doc.office.as_ref().and_then(|id| {
                    config
                        .courts
                        .iter()
                        .chain(&config.bailiffs)
                        .find(|o| &o.id == id)
                });
                let text = composer
                    .compose(doc.template, &docs::org_context(config, office))
                    .map_err(|e| {
                        format!(
                            "template {}: {e}",
                            Composer::origin(template_dir, doc.template)
                        )
                    })?;
                templates.push(Template::new(doc.template, text));
                composed.insert(key, templates.len() - 1);
                templates.len() - 1
            }
        };
        job_template.push(idx);
    }
    let results: Vec<Mutex<Option<Result<render::Pdf, String>>>> =
        batch.pdfs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(batch.pdfs.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(doc) = batch.pdfs.get(i) else { break };
                    let ident = format!("vzysk/{as_of}/{}", doc.path);
                    let out = render::pdf(
                        &templates[job_template[i]],
                        batch.datas[doc.data].clone(),
                        &doc.files,
                        as_of,
                        &ident,
                    );
                    if let Ok(mut slot) = results[i].lock() {
                        *slot = Some(out);
                    }
                }
            });
        }
    });
    Ok(results
        .into_iter()
        .map(|r| {
            r.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| Err("the renderer stopped".into()))
        })
        .collect())
}

/// Files the rendered PDFs under their names with sheet counts, with their manifest entries (and a
/// `.sig` slot for a detached signature); a failure or an oversized file goes to `errors`. Returns
/// how many failed.
fn collect(
    docs: Vec<PdfDoc>,
    results: Vec<Result<render::Pdf, String>>,
    batch: &mut Batch,
    entries: &mut Vec<Entry>,
    files: &mut Vec<serde_json::Value>,
    rendered: &mut Vec<Rendered>,
) -> usize {
    let mut failed = 0;
    for (doc, result) in docs.into_iter().zip(results) {
        let mut m = doc.meta;
        let account = m["account"].as_str().unwrap_or("").to_string();
        let kind = m["kind"].as_str().unwrap_or("").to_string();
        match result {
            Ok(pdf) if pdf.bytes.len() > MAX_FILE_BYTES => {
                failed += 1;
                batch.refuse(
                    &account,
                    "",
                    &kind,
                    format!(
                        "{} is {} bytes, above the 30 MB a court's e-filing takes",
                        doc.path,
                        pdf.bytes.len()
                    ),
                );
            }
            Ok(pdf) => {
                let path = with_sheets(&doc.path, pdf.pages);
                m["path"] = json!(path);
                m["sha256"] = json!(sha256_hex(&pdf.bytes));
                m["bytes"] = json!(pdf.bytes.len());
                m["pages"] = json!(pdf.pages);
                m["signature"] = json!(format!("{path}.sig"));
                rendered.push(Rendered {
                    path: path.clone(),
                    pages: pdf.pages,
                    meta: m.clone(),
                });
                files.push(m);
                entries.push(Entry {
                    path,
                    bytes: pdf.bytes,
                });
            }
            Err(e) => {
                failed += 1;
                batch.refuse(
                    &account,
                    "",
                    &kind,
                    format!("rendering {} failed: {e}", doc.path),
                );
            }
        }
    }
    failed
}
