//! The batch pipeline as a library: `generate` (workspace → documents → archive) for the command
//! line and the workbench alike, with its progress told through a typed channel (`Progress`) and
//! what it made returned as a value (`Made`: the files, the refusals with their typed reasons, the
//! events the batch starts); nothing is read back from a process's words. What stops a run before
//! anything is written is a `Failure` with its words and exit status.

use super::args::Args;
use super::output::{Outcome, Output};
use crate::archive::manifest::{self, Manifest};
use crate::archive::spill::TempLines;
use crate::archive::{self, Sink};
use crate::cmd::common::nothing_written;
use crate::cmd::progress::{Ticker, progress_bar};
use crate::docs::batch::{Batch, Numbering, PdfDoc, Subject};
use crate::docs::mail::Mailing;
use crate::docs::papers::Papers;
use crate::docs::settings::Settings;
use crate::docs::{self, Selection, org};
use crate::lang::Text;
use crate::law::calculation::calculate_account;
use crate::law::capacity;
use crate::law::case::Case;
use crate::render::check;
use crate::render::compose::Composer;
use crate::render::jobs_dir::JobsDir;
use crate::render::pool::Worker;
use crate::render::stream::{ComposeFn, Queue, Queued, render_stream};
use crate::workspace::issued::{self, Issued};
use crate::workspace::{ACCOUNTS, Accounts, EVENTS, LEDGER, Workspace, config};
use std::process::ExitCode;
use std::sync::Arc;

/// What a run tells whoever runs it, as it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    /// The accounts whose documents are made so far, of all wanted.
    Accounts { done: usize, total: usize },
    /// A line for the person (a note on the input, a renderer's fallback), in the run's language.
    Said(String),
}

/// Where a run's progress goes: the command line prints it, the workbench shows it on the page.
pub type Report = Arc<dyn Fn(Progress) + Send + Sync>;

/// What a run made.
pub enum Made {
    /// The archive (or folder) and what is in it.
    Archive(Outcome),
    /// `--jobs-dir`: this many documents' jobs, not rendered.
    Jobs(usize),
}

/// Why a run made nothing: its words (`None` when they were said already, through `Said`) and the
/// exit status the command line gives (2: the command itself is wrong).
#[derive(Debug)]
pub struct Failure {
    pub why: Option<String>,
    pub code: ExitCode,
}

impl Failure {
    fn usage(why: Text) -> Failure {
        Failure {
            why: Some(why.to_string()),
            code: ExitCode::from(2),
        }
    }

    /// Nothing written, and why.
    fn refused(why: String) -> Failure {
        Failure {
            why: Some(format!("{}: {why}", nothing_written())),
            code: ExitCode::FAILURE,
        }
    }

    /// Said already, line by line.
    fn said(code: ExitCode) -> Failure {
        Failure { why: None, code }
    }

    /// The archive could not be written.
    fn broke(why: String) -> Failure {
        Failure {
            why: Some(why),
            code: ExitCode::FAILURE,
        }
    }
}

/// Neither or both of `-o` and `--out-dir`.
pub fn either_text() -> Text {
    crate::tr!(
        "generate.either_out",
        "укажите либо -o АРХИВ.zip, либо --out-dir ПАПКА",
        "give either -o OUT.zip or --out-dir FOLDER"
    )
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

/// Makes the documents `args` asks for into its archive, telling `report` how it goes: the one
/// batch pipeline, for `vzysk generate` and the workbench's batches alike.
pub fn generate(args: &Args, report: &Report) -> Result<Made, Failure> {
    let as_of = args.target.as_of();
    let selection = Selection::parse(&args.docs).map_err(Failure::usage)?;
    if args.out.is_some() == args.out_dir.is_some() && args.jobs_dir.is_none() {
        return Err(Failure::usage(either_text()));
    }
    let said = |line: String| report(Progress::Said(line));
    let (mut ws, _) = args
        .target
        .load_indexed_said(&nothing_written(), &mut |line| said(line))
        .map_err(Failure::said)?;
    // The accounts are handed to the planner, which reads each one (and its ledger) from the files
    // when its turn comes and drops it once its documents are decided: a run holds one at a time.
    let mut accounts = ws.accounts();
    let missing = org::missing_org_fields(&ws.config);
    if !missing.is_empty() {
        let missing: Vec<String> = missing.iter().map(|m| m.to_string()).collect();
        return Err(Failure::refused(missing.join("; ")));
    }
    // The destination: never an input, never a device or a folder, a name the file system takes.
    let inputs = crate::workspace::input_paths(&args.target.workspace, &ws.config);
    let destination = match (&args.out, &args.out_dir) {
        (Some(zip), None) => crate::archive::guard::check(zip, false, &inputs),
        (None, Some(dir)) => crate::archive::guard::check(dir, true, &inputs),
        _ => Ok(()),
    };
    if let Err(why) = destination {
        return Err(Failure::refused(why.to_string()));
    }
    let template_dir = Some(args.target.workspace.join("templates")).filter(|d| d.is_dir());
    if template_dir
        .as_deref()
        .is_some_and(|dir| templates_broken(&ws, dir, &said))
    {
        return Err(Failure::said(ExitCode::FAILURE));
    }
    let composer = Composer::new(template_dir.clone());
    let config = &ws.config;
    let compose = |template: &'static str, office: Option<&str>| {
        org::compose(config, &composer, template_dir.as_deref(), template, office)
            .map_err(|e| e.to_string())
    };
    let (issued, run_key) = issued_before(args, &ws, as_of).map_err(Failure::refused)?;
    let job = Generation {
        args,
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
        let mut writer = JobsDir::new(dir).map_err(Failure::broke)?;
        decide(&job, &mut accounts, &mut queue, &mut |item| {
            writer.add(item)
        })
        .map_err(Failure::broke)?;
        writer.finish().map_err(Failure::broke)?;
        return Ok(Made::Jobs(queue.seq));
    }
    match make(&job, &mut accounts, &compose, report).map_err(Failure::broke)? {
        Ok(outcome) => Ok(Made::Archive(outcome)),
        Err(e) => Err(Failure::refused(e)),
    }
}

/// Whether the workspace's templates in `dir` have syntax errors, said: a template that does not
/// parse would fail every document made with it, so the run is refused up front.
fn templates_broken(ws: &Workspace, dir: &std::path::Path, said: &dyn Fn(String)) -> bool {
    let context = org::org_context(&ws.config, ws.config.courts.first());
    let errors = check::syntax_errors(dir, &context);
    if errors.is_empty() {
        return false;
    }
    let head = crate::tr!(
        "generate.template_errors",
        "в шаблонах папки дела есть ошибки (см. `vzysk templates check`):",
        "the workspace's templates have errors (see `vzysk templates check`):"
    );
    said(format!("vzysk: {}: {head}", nothing_written()));
    for e in &errors {
        said(e.to_string());
    }
    true
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

/// Decides and renders the documents, then what goes with them (registries, cover letters,
/// Form 103 lists), straight into the archive: neither the documents' values nor the PDFs are
/// ever all held in memory. Nothing is left behind when it fails: `Ok(Err(why))` when a document
/// could not be planned or written, `Err` when the archive itself could not be.
fn make(
    job: &Generation,
    accounts: &mut Accounts,
    compose: &ComposeFn,
    report: &Report,
) -> Result<Result<Outcome, String>, String> {
    let args = job.args;
    let sink = match (&args.out, &args.out_dir) {
        (Some(zip), None) => Sink::zip(zip, job.as_of),
        (None, Some(dir)) => Sink::dir(dir),
        _ => Err(either_text().to_string()),
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
    let told = report.clone();
    let _ticker = Ticker::start(
        progress.clone(),
        wanted,
        Box::new(move |done, total| told(Progress::Accounts { done, total })),
    );
    let workers_n = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let mut workers: Vec<Worker> = (0..workers_n.max(1))
        .map(|_| Worker::new(job.as_of, !args.in_process))
        .collect();
    if let Some(why) = workers.iter().find_map(|w| w.fallback.clone()) {
        let line = crate::tr!(
            "generate.in_process",
            "документы отрисовываются в этом процессе: {why}",
            "rendering in this process: {why}"
        );
        report(Progress::Said(format!("vzysk: {line}")));
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
    let warnings = docs::warning::sent_as_text(&batch);
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
                .finish(&sms, &warnings, extra_ref, &mut |doc| queue.push(doc, send))
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
    let (outcome, extra) = out.finish(run, batch, extra)?;
    reserve(job, &extra)?;
    Ok(Ok(outcome))
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
        // A minor owner's papers name his representative (`law::capacity`).
        let account = capacity::for_papers(account, &calc, &ws.config.claiming);
        let case = Case::of(&account, &calc, &ws.config.claiming);
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
