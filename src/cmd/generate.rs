//! `vzysk generate WS --as-of DATE --docs court-order -o OUT.zip` — the documents, in one archive.
//!
//! Usage: `vzysk generate samples/ruza --as-of 2026-11-27 --docs court-order -o ruza.zip`
//!
//! Lays out `courts/<court>/<account>_<surname>/01 Заявление о вынесении судебного приказа.pdf` and
//! `02 Расчёт задолженности и пеней.pdf`, plus `manifest.json` (every file with its SHA-256, pages and
//! sums) and `errors.csv` (every account or debtor not generated, with the reason). The archive is
//! written to a temporary file beside OUT and renamed into place only when complete. Problems that
//! make every document wrong (a bad workspace file, a broken template, a missing claimant field) stop
//! the run before anything is written. Exit status 1 when a document failed to render.

use super::Target;
use crate::archive::{self, Entry, sha256_hex};
use crate::docs::{self, court_order};
use crate::law::account::calculate;
use crate::money::fixed2;
use crate::render::{self, Template, compose::Composer};
use crate::workspace::{ACCOUNTS, EVENTS, LEDGER, config};
use serde_json::json;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// Document kinds this version makes; `all` and `auto` mean all of them.
pub const KINDS: &[&str] = &[court_order::KIND];

/// Generate documents into a ZIP archive.
#[derive(clap::Args)]
#[command(
    after_help = "Example: vzysk generate samples/ruza --as-of 2026-11-27 --docs court-order -o ruza.zip"
)]
pub struct Args {
    #[command(flatten)]
    pub target: Target,
    /// Document kinds, comma-separated: court-order, or all / auto.
    #[arg(long, value_delimiter = ',', default_value = "auto")]
    pub docs: Vec<String>,
    /// The archive to write.
    #[arg(short = 'o', long = "out")]
    pub out: PathBuf,
}

struct Job {
    path: String,
    template: usize,
    data: usize,
    ident: String,
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let started = Instant::now();
    let as_of = args.target.as_of();
    for kind in &args.docs {
        if !(KINDS.contains(&kind.as_str()) || kind == "all" || kind == "auto") {
            return Err(format!(
                "--docs {kind}: not a kind this version makes (available: {}, all, auto)",
                KINDS.join(", ")
            ));
        }
    }
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

    // Decide every document before rendering any.
    let mut errors: Vec<[String; 4]> = Vec::new();
    let mut templates: Vec<Template> = Vec::new();
    let mut by_court: HashMap<String, (usize, usize)> = HashMap::new();
    let mut datas: Vec<Vec<u8>> = Vec::new();
    let mut jobs: Vec<Job> = Vec::new();
    let mut meta: BTreeMap<String, serde_json::Value> = BTreeMap::new();
    let mut folders = HashSet::new();
    for account in &ws.accounts {
        if !args.target.wants(&account.id) {
            continue;
        }
        if let Some(n) = ws.bad.get(&account.id) {
            errors.push([
                account.id.clone(),
                String::new(),
                court_order::KIND.into(),
                format!("{n} error(s) in the account's rows; run `vzysk check`"),
            ]);
            continue;
        }
        let calc = calculate(&account.ledger, as_of, conv);
        let apps = match court_order::plan(&ws.config, account, &calc) {
            Ok(apps) => apps,
            Err(refusals) => {
                for r in refusals {
                    errors.push([
                        account.id.clone(),
                        r.debtor.unwrap_or_default(),
                        court_order::KIND.into(),
                        r.reason,
                    ]);
                }
                continue;
            }
        };
        for app in apps {
            let (t_app, t_calc) = match by_court.get(&app.court.id) {
                Some(t) => *t,
                None => {
                    let ctx = docs::org_context(&ws.config, app.court);
                    let mut pair = [0usize; 2];
                    for (slot, (name, title)) in [
                        ("court-order.typ.j2", "application"),
                        ("calculation.typ.j2", "calculation"),
                    ]
                    .iter()
                    .enumerate()
                    {
                        let text = match composer.compose(name, &ctx) {
                            Ok(text) => text,
                            Err(e) => {
                                let origin = Composer::origin(template_dir.as_deref(), name);
                                eprintln!(
                                    "vzysk: nothing written: template {origin} ({title}): {e}"
                                );
                                return Ok(ExitCode::FAILURE);
                            }
                        };
                        templates.push(Template::new(name, text));
                        pair[slot] = templates.len() - 1;
                    }
                    by_court.insert(app.court.id.clone(), (pair[0], pair[1]));
                    (pair[0], pair[1])
                }
            };
            let mut folder = app.folder(false);
            if folders.contains(&folder) {
                folder = app.folder(true);
            }
            let mut n = 2;
            while !folders.insert(folder.clone()) {
                folder = format!("{}_{n}", app.folder(true));
                n += 1;
            }
            let value = court_order::data(&app, &calc, conv);
            datas.push(serde_json::to_vec(&value).map_err(|e| e.to_string())?);
            let data = datas.len() - 1;
            for (template, file, document) in [
                (t_app, court_order::APPLICATION, "application"),
                (t_calc, court_order::CALCULATION, "calculation"),
            ] {
                let path = format!("{folder}/{file}");
                meta.insert(
                    path.clone(),
                    json!({
                        "account": account.id,
                        "debtors": app.debtors.iter().map(|d| d.full_name.as_str()).collect::<Vec<_>>(),
                        "share": app.share.map(|s| s.to_string()),
                        "kind": court_order::KIND,
                        "document": document,
                        "recipient": app.court.id,
                        "court_basis": app.court_basis,
                        "principal": fixed2(app.principal),
                        "penalty": fixed2(app.penalty),
                        "total": fixed2(app.total),
                        "duty": fixed2(app.duty),
                    }),
                );
                jobs.push(Job {
                    ident: format!("vzysk/{}/{path}", as_of),
                    path,
                    template,
                    data,
                });
            }
        }
    }

    // Render: one plain worker per core, each pulling the next job (typst-notes.md, trap 4).
    let results: Vec<Mutex<Option<Result<render::Pdf, String>>>> =
        jobs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len().max(1));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let out = render::pdf(
                        &templates[job.template],
                        datas[job.data].clone(),
                        as_of,
                        &job.ident,
                    );
                    if let Ok(mut slot) = results[i].lock() {
                        *slot = Some(out);
                    }
                }
            });
        }
    });

    let mut entries = Vec::new();
    let mut files = Vec::new();
    let mut failed = 0;
    for (job, result) in jobs.iter().zip(results) {
        let result = result
            .into_inner()
            .ok()
            .flatten()
            .unwrap_or_else(|| Err("the renderer stopped".into()));
        let mut m = meta.remove(&job.path).unwrap_or_default();
        match result {
            Ok(pdf) => {
                m["path"] = json!(job.path);
                m["sha256"] = json!(sha256_hex(&pdf.bytes));
                m["bytes"] = json!(pdf.bytes.len());
                m["pages"] = json!(pdf.pages);
                files.push(m);
                entries.push(Entry {
                    path: job.path.clone(),
                    bytes: pdf.bytes,
                });
            }
            Err(e) => {
                failed += 1;
                let account = m["account"].as_str().unwrap_or("").to_string();
                errors.push([
                    account,
                    String::new(),
                    court_order::KIND.into(),
                    format!("rendering {} failed: {e}", job.path),
                ]);
            }
        }
    }

    let mut inputs = Vec::new();
    for name in [config::FILE, ACCOUNTS.file, LEDGER.file, EVENTS.file] {
        if let Ok(bytes) = std::fs::read(args.target.workspace.join(name)) {
            inputs
                .push(json!({ "file": name, "sha256": sha256_hex(&bytes), "bytes": bytes.len() }));
        }
    }
    errors.sort();
    let manifest = json!({
        "tool": format!("vzysk {}", env!("CARGO_PKG_VERSION")),
        "as_of": as_of.to_string(),
        "docs": args.docs,
        "conventions": conv.describe(),
        "inputs": inputs,
        "files": files,
        "errors": errors.len(),
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
    for row in &errors {
        w.write_record(row).map_err(|e| e.to_string())?;
    }
    entries.push(Entry {
        path: "errors.csv".into(),
        bytes: w.into_inner().map_err(|e| e.to_string())?,
    });

    let documents = files.len();
    archive::write_zip(&args.out, &mut entries, as_of)?;
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "vzysk: {} documents for {} courts in {}; {} not generated (errors.csv); {:.1} s, {:.1} documents/s",
        documents,
        by_court.len(),
        args.out.display(),
        errors.len(),
        secs,
        documents as f64 / secs.max(1e-9)
    );
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
