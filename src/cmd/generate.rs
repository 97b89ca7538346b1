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

use super::common::{Target, nothing_written};
use super::progress::{Ticker, progress_bar};
use crate::archive::manifest::{self, MAX_FILE_BYTES, Manifest};
use crate::archive::spill::TempLines;
use crate::archive::{self, Sink};
use crate::docs::batch::{Batch, Numbering, PdfDoc, Refused, Subject};
use crate::docs::mail::Mailing;
use crate::docs::papers::Papers;
use crate::docs::paths::with_sheets;
use crate::docs::rendered::Rendered;
use crate::docs::settings::Settings;
use crate::docs::{self, Selection, org};
use crate::law::calculation::calculate_account;
use crate::law::case::Case;
use crate::render::compose::Composer;
use crate::render::jobs_dir::JobsDir;
use crate::render::pool::Worker;
use crate::render::stream::{ComposeFn, Queue, Queued, render_stream};
use crate::render::{self, check};
use crate::workspace::issued::{self, Issued};
use crate::workspace::{ACCOUNTS, Accounts, EVENTS, LEDGER, Workspace, config};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Generate documents into a ZIP archive.
#[derive(clap::Args)]
#[command(
    after_help = "Example: vzysk generate samples/ruza --as-of 2026-11-27 --docs court-order -o ruza.zip"
)]
pub struct Args {
    #[command(flatten)]
    pub target: Target,
    /// Document kinds, comma-separated (the registry's: `docs::kinds`); or auto (what each
    /// account's next step needs) or all.
    #[arg(long, value_delimiter = ',', default_value = "auto", help = super::kinds_help(
        "Document kinds, comma-separated: {kinds}; or auto (what each account's next step needs) or all."
    ))]
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
    /// A trial run, never for sending: its numbers (ШПИ, outgoing, payment orders) follow the
    /// journal only, and are not reserved in the workspace's register (`.vzysk/issued.csv`).
    #[arg(long)]
    pub trial: bool,
    /// For a program that runs generate (`vzysk serve`): a line `vzysk: progress N/M` on stderr
    /// each half second while accounts are decided.
    #[arg(long, hide = true)]
    pub progress_lines: bool,
}

/// What every part of a run reads: the workspace, the accounts asked for, the kinds.
struct Generation<'a> {
    args: &'a Args,
    ws: &'a Workspace,
    selection: Selection,
    settings: Settings<'a>,
    as_of: chrono::NaiveDate,
    /// The numbers issued before this run: by the journal and by other runs not yet recorded.
    issued: Issued,
    /// This run's identity in the register of issued numbers.
    run_key: String,
}

/// Neither or both of `-o` and `--out-dir`.
fn either_out() -> String {
    crate::tr!(
        "generate.either_out",
        "укажите либо -o АРХИВ.zip, либо --out-dir ПАПКА",
        "give either -o OUT.zip or --out-dir FOLDER"
    )
    .to_string()
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let started = Instant::now();
    let as_of = args.target.as_of();
    let selection = match Selection::parse(&args.docs) {
        Ok(s) => s,
        Err(usage) => {
            say!("vzysk: {usage}");
            return Ok(ExitCode::from(2));
        }
    };
    if args.out.is_some() == args.out_dir.is_some() {
        say!("vzysk: {}", either_out());
        return Ok(ExitCode::from(2));
    }
    let (mut ws, _) = match args.target.load_indexed(&nothing_written()) {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    // The accounts are handed to the planner, which reads each one (and its ledger) from the files
    // when its turn comes and drops it once its documents are decided: a run holds one at a time.
    let mut accounts = ws.accounts();
    let missing = org::missing_org_fields(&ws.config);
    if !missing.is_empty() {
        let missing: Vec<String> = missing.iter().map(|m| m.to_string()).collect();
        say!("vzysk: {}: {}", nothing_written(), missing.join("; "));
        return Ok(ExitCode::FAILURE);
    }
    // The destination: never an input, never a device or a folder, a name the file system takes.
    let inputs = crate::workspace::input_paths(&args.target.workspace, &ws.config);
    let destination = match (&args.out, &args.out_dir) {
        (Some(zip), None) => crate::archive::guard::check(zip, false, &inputs),
        (None, Some(dir)) => crate::archive::guard::check(dir, true, &inputs),
        _ => Err(crate::lang::Text::same("generate.either_out", either_out())),
    };
    if let Err(why) = destination {
        say!("vzysk: {}: {why}", nothing_written());
        return Ok(ExitCode::FAILURE);
    }
    let template_dir = Some(args.target.workspace.join("templates")).filter(|d| d.is_dir());
    if template_dir
        .as_deref()
        .is_some_and(|dir| templates_broken(&ws, dir))
    {
        return Ok(ExitCode::FAILURE);
    }
    let composer = Composer::new(template_dir.clone());
    let config = &ws.config;
    let compose = |template: &'static str, office: Option<&str>| {
        org::compose(config, &composer, template_dir.as_deref(), template, office)
            .map_err(|e| e.to_string())
    };
    let (issued, run_key) = match issued_before(&args, &ws, as_of) {
        Ok(found) => found,
        Err(why) => {
            say!("vzysk: {}: {why}", nothing_written());
            return Ok(ExitCode::FAILURE);
        }
    };
    let job = Generation {
        args: &args,
        ws: &ws,
        selection,
        settings: Settings {
            config,
            composer: &composer,
        },
        as_of,
        issued,
        run_key,
    };
    if let Some(dir) = &args.jobs_dir {
        let mut queue = Queue::new(&compose, as_of);
        let mut writer = JobsDir::new(dir)?;
        decide(&job, &mut accounts, &mut queue, &mut |item| {
            writer.add(item)
        })?;
        writer.finish()?;
        let (n, shown) = (queue.seq, dir.display());
        say!(
            "vzysk: {}",
            crate::tr!(
                "generate.jobs_written",
                "заданий на отрисовку документов: {n}, в папке {shown}",
                "{n} documents' jobs in {shown}"
            )
        );
        return Ok(ExitCode::SUCCESS);
    }
    let made = match make(&job, &mut accounts, &compose)? {
        Ok(made) => made,
        Err(e) => {
            say!("vzysk: {}: {e}", nothing_written());
            return Ok(ExitCode::FAILURE);
        }
    };
    Ok(say_made(&args, &made, started))
}

/// Whether the workspace's templates in `dir` have syntax errors, said: a template that does not
/// parse would fail every document made with it, so the run is refused up front.
fn templates_broken(ws: &Workspace, dir: &std::path::Path) -> bool {
    let context = org::org_context(&ws.config, ws.config.courts.first());
    let errors = check::syntax_errors(dir, &context);
    if errors.is_empty() {
        return false;
    }
    say!(
        "vzysk: {}: {}",
        nothing_written(),
        crate::tr!(
            "generate.template_errors",
            "в шаблонах папки дела есть ошибки (см. `vzysk templates check`):",
            "the workspace's templates have errors (see `vzysk templates check`):"
        )
    );
    for e in &errors {
        say!("{e}");
    }
    true
}

/// Says what the run made, and how fast; exit status 1 when a document failed to render.
fn say_made(args: &Args, made: &Made, started: Instant) -> ExitCode {
    let secs = started.elapsed().as_secs_f64();
    let out = args
        .out
        .as_ref()
        .or(args.out_dir.as_ref())
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    // `vzysk serve` reads the English line (its run has VZYSK_LANG=en): its shape stays.
    let (files, refused) = (made.files, made.refused);
    let rate = made.files as f64 / secs.max(1e-9);
    let comma = |x: f64| format!("{x:.1}").replace('.', ",");
    let (secs_ru, rate_ru) = (comma(secs), comma(rate));
    say!(
        "vzysk: {}",
        crate::tr!(
            "generate.summary",
            "файлов в {out}: {files}; не составлено документов: {refused} (причины — в errors.csv); {secs_ru} с, {rate_ru} док./с",
            "{files} files in {out}; {refused} not made (errors.csv); {secs:.1} s, {rate:.1} documents/s"
        )
    );
    if made.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The numbers issued before this run (the journal's, and those other runs not yet recorded took;
/// a trial run reads the journal only) and the run's identity in the register.
fn issued_before(
    args: &Args,
    ws: &Workspace,
    as_of: chrono::NaiveDate,
) -> Result<(Issued, String), String> {
    let run_key = issued::run_key(
        &args.target.workspace,
        as_of,
        &args.docs.join(","),
        &args.target.accounts,
    );
    let mut issued = ws.issued.clone();
    if !args.trial {
        issued
            .read_register(&args.target.workspace, &run_key)
            .map_err(|e| e.to_string())?;
    }
    Ok((issued, run_key))
}

/// What a run made: files in the archive, refusals, documents that failed to render.
struct Made {
    files: usize,
    refused: usize,
    failed: usize,
}

/// Decides and renders the documents, then what goes with them (registries, cover letters,
/// Form 103 lists), straight into the archive: neither the documents' values nor the PDFs are
/// ever all held in memory. Nothing is left behind when it fails: `Ok(Err(why))` when a document
/// could not be planned or written, `Err` when the archive itself could not be.
fn make(
    job: &Generation,
    accounts: &mut Accounts,
    compose: &ComposeFn,
) -> Result<Result<Made, String>, String> {
    let args = job.args;
    let sink = match (&args.out, &args.out_dir) {
        (Some(zip), None) => Sink::zip(zip, job.as_of),
        (None, Some(dir)) => Sink::dir(dir),
        _ => Err(either_out()),
    };
    let mut out = Output {
        sink: sink?,
        manifest: Manifest::new()?,
        rendered: TempLines::new()?,
        refused: Vec::new(),
        failed: 0,
    };
    // Every `--account` is in the workspace (`Target::load` said so).
    let wanted = match &args.target.accounts {
        named if named.is_empty() => accounts.len(),
        named => named
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
    };
    let progress = progress_bar(wanted, args.quiet);
    let _ticker = args
        .progress_lines
        .then(|| Ticker::start(progress.clone(), wanted));
    let workers_n = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let mut workers: Vec<Worker> = (0..workers_n.max(1))
        .map(|_| Worker::new(job.as_of, !args.in_process))
        .collect();
    if let Some(why) = workers.iter().find_map(|w| w.fallback.clone()) {
        say!(
            "vzysk: {}",
            crate::tr!(
                "generate.in_process",
                "документы отрисовываются в этом процессе: {why}",
                "rendering in this process: {why}"
            )
        );
    }
    let produced = render_stream(
        &mut workers,
        Queue::new(compose, job.as_of),
        |queue, send| decide(job, accounts, queue, send),
        &progress,
        |doc: &PdfDoc, r| out.take(doc, r, true),
    );
    let mut batch = match produced {
        Ok(Ok(batch)) => batch,
        Ok(Err(e)) | Err(e) => return Ok(Err(e)),
    };
    // The ledgers are gone; give their memory back before the registries are made. A few hundred
    // registry pages at most: one renderer makes them in seconds, and the others' memory goes.
    crate::memory::release_free_memory();
    workers.truncate(1);
    // What goes with the documents (registries, cover letters, the Form 103 lists, the journal),
    // made from the rendered documents read back one at a time and rendered as each is made.
    let mut extra = Batch::numbered(batch.numbers.clone());
    let sms = docs::messages::sms_accounts(&batch);
    let rendered = std::mem::replace(&mut out.rendered, TempLines::new()?);
    // The post's numbers not used before: a used barcode is refused by the post.
    let shpi: Vec<String> = job
        .ws
        .shpi
        .iter()
        .filter(|s| !job.issued.shpi.contains(*s))
        .cloned()
        .collect();
    let mailing = Mailing {
        post: &job.ws.config.post,
        shpi: &shpi,
    };
    let extra_ref = &mut extra;
    let produced = render_stream(
        &mut workers,
        Queue::new(compose, job.as_of),
        |queue, send| -> Result<(), String> {
            let mut papers = Papers::new(job.as_of, mailing).map_err(|e| e.to_string())?;
            rendered.read_each(|_, json| {
                let doc = serde_json::from_str(json).map_err(|e| archive::spill::broken(&e))?;
                papers.add(doc).map_err(|e| e.to_string())
            })?;
            papers
                .finish(&sms, extra_ref, &mut |doc| queue.push(doc, send))
                .map_err(|e| e.to_string())
        },
        &progress,
        |doc: &PdfDoc, r| out.take(doc, r, false),
    );
    if let Err(e) | Ok(Err(e)) = produced {
        return Ok(Err(e));
    }
    // The renderers are done: let them go before the manifest is put together.
    drop(workers);
    progress.finish_and_clear();
    batch.refused.append(&mut extra.refused);
    batch.refused.append(&mut out.refused);
    out.finish(job, batch, extra).map(Ok)
}

/// The numbers the run gave (outgoing and payment-order numbers, the ШПИ of its letters) into the
/// workspace's register, so that no other run not yet recorded gives them again.
fn reserve(job: &Generation, papers: &Batch) -> Result<(), String> {
    if job.args.trial {
        return Ok(());
    }
    let mut taken: Vec<(&str, String, chrono::NaiveDate)> = papers
        .numbers
        .given
        .iter()
        .map(|(kind, value)| (*kind, value.clone(), job.as_of))
        .collect();
    // Every item of the Form 103 lists, a claim's copy to a defendant too (which the journal
    // does not hold as an event).
    for table in papers.tables.values() {
        let Some(column) = table.header().iter().position(|h| *h == "shpi") else {
            continue;
        };
        for row in table.rows() {
            if let Some(shpi) = row.get(column).filter(|s| !s.is_empty()) {
                taken.push(("shpi", shpi.clone(), job.as_of));
            }
        }
    }
    let register = job.args.target.workspace.join(issued::REGISTER);
    crate::archive::register::reserve(&register, &job.run_key, &taken).map_err(|e| {
        crate::tr!(
            "generate.register_failed",
            "архив создан, но {e}",
            "the archive is made, but {e}"
        )
        .to_string()
    })
}

/// Decides each wanted account's documents in workspace order and hands them to `send` account by
/// account through `queue`; returns the batch of everything else (refusals, SMS and call rows).
fn decide(
    job: &Generation,
    accounts: &mut Accounts,
    queue: &mut Queue,
    send: &mut dyn FnMut(Queued<PdfDoc>) -> Result<(), String>,
) -> Result<Batch, String> {
    let ws = job.ws;
    let mut batch = Batch::numbered(Numbering::for_run(&ws.config, job.as_of, &job.issued));
    while let Some(account) = accounts
        .next_wanted(&|id| job.args.target.wants(id))
        .map_err(|e| e.to_string())?
    {
        let account = &account;
        queue.account_done();
        if let Some(errors) = ws.with_errors.get(&account.id) {
            batch.refuse_as(&account.id, None, Subject::Account, errors.reason());
            continue;
        }
        let calc = calculate_account(account, job.as_of, &ws.config.conventions);
        let case = Case::of(account, &calc, &ws.config.claiming);
        for kind in job.selection.kinds_for(&case, &mut batch) {
            docs::build(kind, &job.settings, &case, &mut batch);
        }
        // Hand this account's documents on; only their folders stay behind (for unique names).
        for doc in std::mem::take(&mut batch.pdfs) {
            queue.push(doc, send)?;
        }
    }
    Ok(batch)
}

/// What the rendered documents become: archive entries under their names with sheet counts, their
/// manifest entries, and what the registries need of them; a failure or an oversized file is
/// refused.
struct Output {
    sink: Sink,
    manifest: Manifest,
    /// What the registries need of each document (`Rendered`), on disk until they are made.
    rendered: TempLines,
    refused: Vec<Refused>,
    failed: usize,
}

impl Output {
    fn take(
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

    /// The text outputs, `errors.csv` and `manifest.json` into the archive, and the archive into
    /// place.
    fn finish(
        mut self,
        job: &Generation,
        mut batch: Batch,
        mut extra: Batch,
    ) -> Result<Made, String> {
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
        let run = manifest::Run {
            as_of: job.as_of,
            docs: &job.args.docs,
            conventions: job.ws.config.conventions.describe(),
            inputs: manifest::inputs(
                &job.args.target.workspace,
                &[config::FILE, ACCOUNTS.file, LEDGER.file, EVENTS.file],
            ),
            claimant_inn: job.ws.config.claimant.inn.clone(),
        };
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
        reserve(job, &extra)?;
        Ok(Made {
            files,
            refused: batch.refused.len(),
            failed: self.failed,
        })
    }
}
