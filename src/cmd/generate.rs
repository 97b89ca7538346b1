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
use crate::render::pool::{Composed, OwnedJob, Worker};
use crate::render::{self, compose::Composer};
use crate::workspace::{ACCOUNTS, EVENTS, LEDGER, config};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::value::RawValue;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
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
        required_unless_present_any = ["out_dir", "jobs_dir"],
        conflicts_with = "out_dir"
    )]
    pub out: Option<PathBuf>,
    /// Write the same layout into this folder instead of a ZIP (it must not exist yet).
    #[arg(long, value_name = "FOLDER")]
    pub out_dir: Option<PathBuf>,
    /// No progress bar (it is drawn only on a terminal anyway).
    #[arg(long)]
    pub quiet: bool,
    /// Benchmark aid: write the composed templates and each document's data into this folder
    /// instead of rendering (see `benches/routes.sh`).
    #[arg(long, value_name = "FOLDER", hide = true)]
    pub jobs_dir: Option<PathBuf>,
    /// Renderer processes to run side by side (default: one per core).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Render in this process (threads) instead of renderer processes: slower, for debugging.
    #[arg(long)]
    pub in_process: bool,
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
    let (mut ws, _) = match args.target.load_indexed("nothing written") {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    // The accounts are handed to the planner, which reads each one's ledger from the file when its
    // turn comes and drops it once its documents are decided: a run holds one ledger at a time.
    let accounts = std::mem::take(&mut ws.accounts);
    let mut ledger = ws.ledger.take();
    let missing = docs::missing_org_fields(&ws.config);
    if !missing.is_empty() {
        eprintln!("vzysk: nothing written: {}", missing.join("; "));
        return Ok(ExitCode::FAILURE);
    }
    let conv = &ws.config.conventions;
    let template_dir = Some(args.target.workspace.join("templates")).filter(|d| d.is_dir());
    if let Some(dir) = &template_dir {
        // A template that does not parse would fail every document made with it: refuse up front.
        let errors = super::templates::syntax_errors(dir, &ws.config);
        if !errors.is_empty() {
            eprintln!(
                "vzysk: nothing written: the workspace's templates have errors (see `vzysk templates check`):"
            );
            for e in &errors {
                eprintln!("{e}");
            }
            return Ok(ExitCode::FAILURE);
        }
    }
    let composer = Composer::new(template_dir.clone());
    let ctx = docs::Ctx {
        config: &ws.config,
        composer: &composer,
    };

    if let Some(dir) = &args.jobs_dir {
        let mut feed = Feed::new(&ws.config, &composer, template_dir.as_deref(), as_of);
        let mut writer = JobsWriter::new(dir)?;
        let batch = decide(
            &args,
            accounts,
            &mut ledger,
            &ws,
            &ctx,
            as_of,
            &mut feed,
            &mut |item| writer.add(item),
        )?;
        writer.finish()?;
        eprintln!("vzysk: {} documents' jobs in {}", feed.seq, dir.display());
        drop(batch);
        return Ok(ExitCode::SUCCESS);
    }

    // Decide each account's documents and render them as they come, straight into the archive,
    // then what goes with them (registries, cover letters, Form 103 lists): neither the documents'
    // values nor the PDFs are ever all held in memory.
    let sink = match (&args.out, &args.out_dir) {
        (Some(zip), None) => archive::Sink::zip(zip, as_of),
        (None, Some(dir)) => archive::Sink::dir(dir),
        _ => Err("give either -o OUT.zip or --out-dir FOLDER".into()),
    };
    let mut out = Output {
        sink: sink?,
        files: Spill::new()?,
        rendered: Spill::new()?,
        errors: Vec::new(),
        failed: 0,
    };
    let wanted = accounts.iter().filter(|a| args.target.wants(&a.id)).count();
    let progress = progress_bar(wanted, args.quiet);
    let workers_n = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let mut workers: Vec<Worker> = (0..workers_n.max(1))
        .map(|_| Worker::new(as_of, !args.in_process))
        .collect();
    if let Some(why) = workers.iter().find_map(|w| w.fallback.clone()) {
        eprintln!("vzysk: rendering in this process: {why}");
    }
    let feed = Feed::new(&ws.config, &composer, template_dir.as_deref(), as_of);
    let produced = render_stream(
        &mut workers,
        feed,
        |feed, send| decide(&args, accounts, &mut ledger, &ws, &ctx, as_of, feed, send),
        &progress,
        |doc, r| out.take(doc, r, true),
    );
    let mut batch = match produced {
        Ok(Ok(batch)) => batch,
        Ok(Err(e)) | Err(e) => {
            eprintln!("vzysk: nothing written: {e}");
            return Ok(ExitCode::FAILURE);
        }
    };
    // The ledgers are gone; give their memory back before the registries are made. A few hundred
    // registry pages at most: one renderer makes them in seconds, and the others' memory goes.
    crate::memory::release_free_memory();
    workers.truncate(1);
    let mut extra = Batch::default();
    let rendered: Vec<Rendered> = std::mem::replace(&mut out.rendered, Spill::new()?)
        .read_back()?
        .into_iter()
        .map(|(_, r)| serde_json::from_str(r.get()).map_err(|e| format!("temporary file: {e}")))
        .collect::<Result<_, _>>()?;
    registries::build(&rendered, as_of, &mut extra);
    drop(rendered);
    // What the registries were built from is gone too; its memory goes before they are rendered.
    crate::memory::release_free_memory();
    let extra_docs = std::mem::take(&mut extra.pdfs);
    let extra_datas = std::mem::take(&mut extra.datas);
    let feed = Feed::new(&ws.config, &composer, template_dir.as_deref(), as_of);
    let produced = render_stream(
        &mut workers,
        feed,
        |feed, send| {
            for doc in extra_docs {
                let data: Arc<[u8]> = extra_datas[doc.data].clone().into();
                feed.push(doc, data, send)?;
            }
            Ok(())
        },
        &progress,
        |doc, r| out.take(doc, r, false),
    );
    if let Err(e) | Ok(Err(e)) = produced {
        eprintln!("vzysk: nothing written: {e}");
        return Ok(ExitCode::FAILURE);
    }
    // The renderers are done: let them go before the manifest is put together.
    drop(workers);
    progress.finish_and_clear();
    batch.errors.append(&mut extra.errors);
    batch.errors.append(&mut out.errors);
    let mut files = out.files.read_back()?;
    let mut sink = out.sink;
    let failed = out.failed;
    for table in batch
        .table_entries()
        .into_iter()
        .chain(extra.table_entries())
    {
        let entry = json!({ "path": table.path, "sha256": sha256_hex(&table.bytes), "bytes": table.bytes.len(), "kind": "list" });
        files.push((table.path.clone(), raw(&entry)?));
        sink.add(&table.path, &table.bytes)?;
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let files: Vec<Box<RawValue>> = files.into_iter().map(|(_, entry)| entry).collect();

    let mut inputs = Vec::new();
    for name in [config::FILE, ACCOUNTS.file, LEDGER.file, EVENTS.file] {
        if let Ok(bytes) = std::fs::read(args.target.workspace.join(name)) {
            inputs
                .push(json!({ "file": name, "sha256": sha256_hex(&bytes), "bytes": bytes.len() }));
        }
    }
    batch.errors.sort();
    let documents = files.len();
    // A struct, not `json!`: that would parse every file's entry back into a tree (tens of
    // thousands of them); here they are written as they are, one compact line each.
    #[derive(serde::Serialize)]
    struct Manifest<'a> {
        tool: String,
        as_of: String,
        docs: &'a [String],
        conventions: Value,
        inputs: Vec<Value>,
        files: &'a [Box<RawValue>],
        errors: usize,
    }
    let manifest = Manifest {
        tool: format!("vzysk {}", env!("CARGO_PKG_VERSION")),
        as_of: as_of.to_string(),
        docs: &args.docs,
        conventions: conv.describe(),
        inputs,
        files: &files,
        errors: batch.errors.len(),
    };
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

/// Lines on their way to the end of the run (manifest entries, what the registries need), in an
/// unnamed temporary file: the run does not hold them in memory while it renders.
struct Spill {
    file: std::io::BufWriter<std::fs::File>,
}

impl Spill {
    fn new() -> Result<Spill, String> {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(".vzysk-spill-{}-{n}", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .map_err(|e| format!("cannot create a temporary file in {}: {e}", path.display()))?;
        // Unnamed from now on (Unix): it goes when the run ends, however it ends.
        let _ = std::fs::remove_file(&path);
        Ok(Spill {
            file: std::io::BufWriter::new(file),
        })
    }

    fn push(&mut self, path: &str, entry: &RawValue) -> Result<(), String> {
        use std::io::Write;
        writeln!(self.file, "{path}\0{}", entry.get()).map_err(|e| format!("temporary file: {e}"))
    }

    /// Every entry, with its path, in the order pushed.
    fn read_back(self) -> Result<Vec<(String, Box<RawValue>)>, String> {
        use std::io::{BufRead, Seek};
        let io = |e: std::io::Error| format!("temporary file: {e}");
        let mut file = self.file.into_inner().map_err(|e| io(e.into_error()))?;
        file.seek(std::io::SeekFrom::Start(0)).map_err(io)?;
        std::io::BufReader::new(file)
            .lines()
            .map(|line| {
                let line = line.map_err(io)?;
                let (path, json) = line
                    .split_once('\0')
                    .ok_or("temporary file: a broken entry")?;
                let entry = RawValue::from_string(json.to_string()).map_err(|e| e.to_string())?;
                Ok((path.to_string(), entry))
            })
            .collect()
    }
}

/// A manifest entry as compact JSON text.
fn raw(v: &Value) -> Result<Box<RawValue>, String> {
    serde_json::value::to_raw_value(v).map_err(|e| e.to_string())
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
        ProgressStyle::with_template("{bar:30} {pos}/{len} accounts · {msg} · ETA {eta}")
    {
        bar.set_style(style);
    }
    bar
}

/// Decides each wanted account's documents (`ws` gives the rest: settings, accounts with bad rows), in workspace order, handing them to `send` account by
/// account through `feed`; returns the batch of everything else (refusals, SMS and call rows).
#[allow(clippy::too_many_arguments)]
fn decide(
    args: &Args,
    accounts: Vec<crate::model::Account>,
    ledger: &mut Option<crate::workspace::LedgerIndex>,
    ws: &crate::workspace::Workspace,
    ctx: &docs::Ctx,
    as_of: chrono::NaiveDate,
    feed: &mut Feed,
    send: &mut dyn FnMut(Item) -> Result<(), String>,
) -> Result<Batch, String> {
    let auto = args.docs.iter().any(|k| k == "auto");
    let all = args.docs.iter().any(|k| k == "all");
    let mut batch = Batch::default();
    for (n, (i, mut account)) in accounts
        .into_iter()
        .enumerate()
        .filter(|(_, a)| args.target.wants(&a.id))
        .enumerate()
    {
        if let Some(ledger) = ledger.as_mut() {
            account.ledger = ledger.take(i)?;
        }
        let account = &account;
        feed.account_done();
        if n % 500 == 499 {
            // The ledgers decided so far are dropped: let their memory go.
            crate::memory::release_free_memory();
        }
        if let Some(bad) = ws.bad.get(&account.id) {
            batch.refuse(&account.id, "", "", bad.reason());
            continue;
        }
        let calc = calculate(&account.ledger, as_of, &ws.config.conventions);
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
            docs::build(kind, ctx, account, &calc, &mut batch);
        }
        // Hand this account's documents on; only their folders stay behind (for unique names).
        let datas: Vec<Arc<[u8]>> = batch.datas.drain(..).map(Arc::from).collect();
        for doc in std::mem::take(&mut batch.pdfs) {
            let data = datas[doc.data].clone();
            feed.push(doc, data, send)?;
        }
    }
    Ok(batch)
}

/// A document on its way to a renderer: its place in the run, what it is, its values, its template.
struct Item {
    seq: usize,
    /// Stable across runs, so the PDF's document id is too.
    ident: String,
    doc: PdfDoc,
    data: Arc<[u8]>,
    template: Arc<Composed>,
}

impl Item {
    fn job(&self) -> OwnedJob {
        OwnedJob {
            ident: self.ident.clone(),
            data: self.data.clone(),
            files: self
                .doc
                .files
                .iter()
                .map(|(p, b)| (p.to_string(), b.clone()))
                .collect(),
        }
    }
}

/// Numbers the documents and composes each template once per recipient office, on first use.
struct Feed<'a> {
    config: &'a crate::workspace::config::Config,
    composer: &'a Composer,
    template_dir: Option<&'a std::path::Path>,
    composed: HashMap<(&'static str, Option<String>), Arc<Composed>>,
    seq: usize,
    accounts: Arc<AtomicUsize>,
    as_of: chrono::NaiveDate,
}

impl<'a> Feed<'a> {
    fn new(
        config: &'a crate::workspace::config::Config,
        composer: &'a Composer,
        template_dir: Option<&'a std::path::Path>,
        as_of: chrono::NaiveDate,
    ) -> Feed<'a> {
        Feed {
            config,
            composer,
            template_dir,
            composed: HashMap::new(),
            seq: 0,
            accounts: Arc::new(AtomicUsize::new(0)),
            as_of,
        }
    }

    fn account_done(&self) {
        self.accounts.fetch_add(1, Ordering::Relaxed);
    }

    fn push(
        &mut self,
        doc: PdfDoc,
        data: Arc<[u8]>,
        send: &mut dyn FnMut(Item) -> Result<(), String>,
    ) -> Result<(), String> {
        let key = (doc.template, doc.office.clone());
        let template = match self.composed.get(&key) {
            Some(t) => t.clone(),
            None => {
                let office = doc.office.as_ref().and_then(|id| {
                    let config = self.config;
                    config
                        .courts
                        .iter()
                        .chain(&config.bailiffs)
                        .find(|o| &o.id == id)
                });
                let text = self
                    .composer
                    .compose(doc.template, &docs::org_context(self.config, office))
                    .map_err(|e| {
                        format!(
                            "template {}: {e}",
                            Composer::origin(self.template_dir, doc.template)
                        )
                    })?;
                let t = Arc::new(Composed {
                    id: Composed::next_id(),
                    name: doc.template.to_string(),
                    text,
                });
                self.composed.insert(key, t.clone());
                t
            }
        };
        let seq = self.seq;
        self.seq += 1;
        send(Item {
            seq,
            ident: format!("vzysk/{}/{}", self.as_of, doc.path),
            doc,
            data,
            template,
        })
    }
}

/// Runs `produce` on its own thread, renders what it sends on `workers` (one thread each, each
/// driving its renderer process), and hands each result to `done` on this thread **in the order
/// produced**: bounded channels and a small reorder buffer keep memory flat and the output
/// deterministic. Returns what `produce` returned; an error from `done` stops everything.
fn render_stream<R: Send>(
    workers: &mut [Worker],
    mut feed: Feed,
    produce: impl FnOnce(&mut Feed, &mut dyn FnMut(Item) -> Result<(), String>) -> R + Send,
    progress: &ProgressBar,
    mut done: impl FnMut(&PdfDoc, Result<render::Pdf, String>) -> Result<(), String>,
) -> Result<R, String> {
    let depth = 4 * workers.len();
    let (item_tx, item_rx) = std::sync::mpsc::sync_channel::<Item>(depth);
    let item_rx = std::sync::Mutex::new(item_rx);
    let (done_tx, done_rx) =
        std::sync::mpsc::sync_channel::<(Item, Result<render::Pdf, String>)>(depth);
    let accounts = feed.accounts.clone();
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        let stop = &stop;
        let producer = s.spawn(move || {
            let mut send = |item: Item| {
                if stop.load(Ordering::Relaxed) {
                    return Err("stopped".to_string());
                }
                item_tx
                    .send(item)
                    .map_err(|_| "the renderers stopped".to_string())
            };
            produce(&mut feed, &mut send)
        });
        for worker in workers.iter_mut() {
            let (item_rx, done_tx) = (&item_rx, done_tx.clone());
            s.spawn(move || {
                loop {
                    let next = item_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok(item)) = next else { break };
                    let result = worker
                        .render(&item.template, &[item.job()])
                        .pop()
                        .unwrap_or_else(|| Err("the renderer gave no result".into()));
                    if done_tx.send((item, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut pending: BTreeMap<usize, (Item, Result<render::Pdf, String>)> = BTreeMap::new();
        let mut expected = 0;
        let mut made = 0u64;
        for (item, result) in done_rx.iter() {
            pending.insert(item.seq, (item, result));
            while let Some((item, result)) = pending.remove(&expected) {
                if let Err(e) = done(&item.doc, result) {
                    // Stop the producer and the workers: nothing more can be written. The
                    // producer may be waiting to hand over a document: take what it sends
                    // until it has seen the stop and ended.
                    stop.store(true, Ordering::Relaxed);
                    drop(done_rx);
                    while let Ok(Ok(_)) = item_rx.lock().map(|rx| rx.recv()) {}
                    return Err(e);
                }
                expected += 1;
                made += 1;
                progress.set_position(accounts.load(Ordering::Relaxed) as u64);
                progress.set_message(format!("{made} documents"));
            }
        }
        producer
            .join()
            .map_err(|_| "the document planner stopped unexpectedly".to_string())
    })
}

/// `--jobs-dir`: writes what the renderer would compile, for the benchmark's other routes
/// (`benches/routes.sh`): `templates/N.typ`, and per document `docs/NNNNNN/` with `main.typ` (its
/// template), `data.json` and extra files, listed in `jobs.tsv` (folder, template).
struct JobsWriter {
    dir: PathBuf,
    list: String,
    templates: std::collections::HashSet<u32>,
}

impl JobsWriter {
    fn new(dir: &std::path::Path) -> Result<JobsWriter, String> {
        std::fs::create_dir_all(dir.join("templates"))
            .map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(JobsWriter {
            dir: dir.to_path_buf(),
            list: String::new(),
            templates: Default::default(),
        })
    }

    fn add(&mut self, item: Item) -> Result<(), String> {
        let io = |e: std::io::Error| format!("{e}");
        let t = &item.template;
        let template = format!("templates/{}.typ", t.id);
        if self.templates.insert(t.id) {
            std::fs::write(self.dir.join(&template), &t.text).map_err(io)?;
        }
        let folder = format!("docs/{:06}", item.seq);
        let at = self.dir.join(&folder);
        std::fs::create_dir_all(&at).map_err(io)?;
        std::fs::write(at.join("main.typ"), &t.text).map_err(io)?;
        std::fs::write(at.join("data.json"), &item.data).map_err(io)?;
        for (path, bytes) in &item.doc.files {
            std::fs::write(at.join(path.trim_start_matches('/')), bytes).map_err(io)?;
        }
        self.list.push_str(&format!("{folder}\t{template}\n"));
        Ok(())
    }

    fn finish(self) -> Result<(), String> {
        std::fs::write(self.dir.join("jobs.tsv"), self.list).map_err(|e| e.to_string())
    }
}

/// What the rendered documents become: archive entries under their names with sheet counts, their
/// manifest entries (with a `.sig` slot for a detached signature), and for the registries their
/// paths and metadata; a failure or an oversized file goes to `errors`.
struct Output {
    sink: archive::Sink,
    /// Each file's path and manifest entry as compact JSON, kept on disk until the manifest is
    /// assembled (tens of thousands of them).
    files: Spill,
    /// What the registries need of each document (`Rendered`), on disk until they are made.
    rendered: Spill,
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
                self.files.push(&path, &raw(&m)?)?;
                if keep {
                    // Registries need the sums of the papers they list; of the rest only the
                    // folder, name and sheets.
                    let meta = registries::slim(&m);
                    let r = Rendered {
                        path,
                        pages: pdf.pages,
                        meta,
                    };
                    let line = serde_json::value::to_raw_value(&r).map_err(|e| e.to_string())?;
                    self.rendered.push("", &line)?;
                }
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
