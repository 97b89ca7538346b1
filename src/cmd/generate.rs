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
use crate::archive::{self, sha256_hex};
use crate::docs::registries::{self, Rendered};
use crate::docs::{self, Batch, PdfDoc};
use crate::law::account::calculate;
use crate::plan::plan;
use crate::render::{self, Template, compose::Composer};
use crate::workspace::{ACCOUNTS, EVENTS, LEDGER, config};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::json;
use std::collections::{BTreeMap, HashMap};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
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
    /// No progress bar (it is drawn only on a terminal anyway).
    #[arg(long)]
    pub quiet: bool,
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

    // Render the documents straight into the archive, then what goes with them (registries,
    // cover letters, Form 103 lists); the PDFs are never all held in memory.
    let sink = match (&args.out, &args.out_dir) {
        (Some(zip), None) => archive::Sink::zip(zip, as_of),
        (None, Some(dir)) => archive::Sink::dir(dir),
        _ => Err("give either -o OUT.zip or --out-dir FOLDER".into()),
    };
    let mut out = Output {
        sink: sink?,
        files: Vec::new(),
        rendered: Vec::new(),
        errors: Vec::new(),
        failed: 0,
    };
    let progress = progress_bar(batch.pdfs.len(), args.quiet);
    if let Err(e) = render_batch(
        &batch,
        &ws.config,
        &composer,
        template_dir.as_deref(),
        as_of,
        &progress,
        |i, r| out.take(&batch.pdfs[i], r, true),
    ) {
        eprintln!("vzysk: nothing written: {e}");
        return Ok(ExitCode::FAILURE);
    }
    let mut extra = Batch::default();
    registries::build(&out.rendered, as_of, &mut extra);
    progress.inc_length(extra.pdfs.len() as u64);
    if let Err(e) = render_batch(
        &extra,
        &ws.config,
        &composer,
        template_dir.as_deref(),
        as_of,
        &progress,
        |i, r| out.take(&extra.pdfs[i], r, false),
    ) {
        eprintln!("vzysk: nothing written: {e}");
        return Ok(ExitCode::FAILURE);
    }
    progress.finish_and_clear();
    batch.errors.append(&mut extra.errors);
    batch.errors.append(&mut out.errors);
    let mut files = std::mem::take(&mut out.files);
    let mut sink = out.sink;
    let failed = out.failed;
    for table in batch
        .table_entries()
        .into_iter()
        .chain(extra.table_entries())
    {
        files.push(json!({ "path": table.path, "sha256": sha256_hex(&table.bytes), "bytes": table.bytes.len(), "kind": "list" }));
        sink.add(&table.path, &table.bytes)?;
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
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["account", "debtor", "kind", "reason"])
        .map_err(|e| e.to_string())?;
    for row in &batch.errors {
        w.write_record(row).map_err(|e| e.to_string())?;
    }
    sink.add("errors.csv", &w.into_inner().map_err(|e| e.to_string())?)?;
    sink.add("manifest.json", &manifest_bytes)?;
    sink.finish()?;
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

/// A progress bar on stderr: drawn on a terminal only, never into redirected output or with `--quiet`.
fn progress_bar(len: usize, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:30} {pos}/{len} documents · {per_sec} · ETA {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// Composes each template once per recipient office, renders every document of `batch` on one
/// plain worker per core, each pulling the next document (typst-notes.md, trap 4), and hands each
/// result to `done` on this thread **in the batch's order** (a small reorder buffer behind a bounded
/// channel keeps memory flat and the output deterministic).
fn render_batch(
    batch: &Batch,
    config: &crate::workspace::config::Config,
    composer: &Composer,
    template_dir: Option<&std::path::Path>,
    as_of: chrono::NaiveDate,
    progress: &ProgressBar,
    mut done: impl FnMut(usize, Result<render::Pdf, String>) -> Result<(), String>,
) -> Result<(), String> {
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
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(batch.pdfs.len().max(1));
    let (tx, rx) =
        std::sync::mpsc::sync_channel::<(usize, Result<render::Pdf, String>)>(workers * 2);
    std::thread::scope(|s| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, templates, job_template) = (&next, &templates, &job_template);
            s.spawn(move || {
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
                    if tx.send((i, out)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<usize, Result<render::Pdf, String>> = BTreeMap::new();
        let mut expected = 0;
        for (i, result) in rx {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&expected) {
                progress.inc(1);
                if let Err(e) = done(expected, result) {
                    // Stop the workers: nothing more can be written.
                    next.store(usize::MAX / 2, Ordering::Relaxed);
                    return Err(e);
                }
                expected += 1;
            }
        }
        Ok(())
    })
}

/// What the rendered documents become: archive entries under their names with sheet counts, their
/// manifest entries (with a `.sig` slot for a detached signature), and for the registries their
/// paths and metadata; a failure or an oversized file goes to `errors`.
struct Output {
    sink: archive::Sink,
    files: Vec<serde_json::Value>,
    rendered: Vec<Rendered>,
    errors: Vec<[String; 4]>,
    failed: usize,
}

impl Output {
    fn take(
        &mut self,
        doc: &PdfDoc,
        result: Result<render::Pdf, String>,
        keep: bool,
    ) -> Result<(), String> {
        let mut m = doc.meta.clone();
        let account = m["account"].as_str().unwrap_or("").to_string();
        let kind = m["kind"].as_str().unwrap_or("").to_string();
        match result {
            Ok(pdf) if pdf.bytes.len() > MAX_FILE_BYTES => {
                self.failed += 1;
                let why = format!(
                    "{} is {} bytes, above the 30 MB a court's e-filing takes",
                    doc.path,
                    pdf.bytes.len()
                );
                self.errors.push([account, String::new(), kind, why]);
            }
            Ok(pdf) => {
                let path = with_sheets(&doc.path, pdf.pages);
                self.sink.add(&path, &pdf.bytes)?;
                m["path"] = json!(path);
                m["sha256"] = json!(sha256_hex(&pdf.bytes));
                m["bytes"] = json!(pdf.bytes.len());
                m["pages"] = json!(pdf.pages);
                m["signature"] = json!(format!("{path}.sig"));
                if keep {
                    self.rendered.push(Rendered {
                        path,
                        pages: pdf.pages,
                        meta: m.clone(),
                    });
                }
                self.files.push(m);
            }
            Err(e) => {
                self.failed += 1;
                self.errors.push([
                    account,
                    String::new(),
                    kind,
                    format!("rendering {} failed: {e}", doc.path),
                ]);
            }
        }
        Ok(())
    }
}
