//! Batches run from the page: the kinds chosen and the accounts ticked, typed, or kept by the
//! debtors' filter, made by the batch pipeline `vzysk generate` runs (`cmd::generate::generate`,
//! the same archive, the same refusals), its typed progress shown as a bar that follows the real work; the
//! archive kept in the server's own folder and offered for download, and only those archives. A
//! batch that fails leaves no archive (generate writes whole or not at all) and its page says why.

use super::filter::Filter;
use super::html::{busy, failure, forbidden, not_found, ser};
use super::state::{Batch, Shared, Stage, blocking, folder};
use crate::cmd::generate::{Made, Progress, Report, generate};
use crate::lang::{Text, say};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use std::path::PathBuf;

fn set(app: &Shared, n: usize, stage: Stage) {
    if let Ok(mut all) = app.batches.0.lock()
        && let Some(b) = all.iter_mut().find(|b| b.n == n)
    {
        b.stage = stage;
    }
}

/// Held while a batch runs: batches are queued, never run side by side.
static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn run(app: Shared, n: usize, args: Vec<String>, file: PathBuf) {
    // One batch at a time (its renderers run on every core): the others wait their turn.
    // A batch that broke off still hands the turn on.
    let _turn = TURN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(b) = batch(&app, n) {
        let total = b.accounts;
        set(&app, n, Stage::Running { done: 0, total });
    }
    let args = match parse(&args) {
        Ok(args) => args,
        Err(why) => return set(&app, n, Stage::Failed { why }),
    };
    // What the run says (notes on the input, why it stopped), kept for the batch's page.
    let said = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let report: Report = {
        let (app, said) = (app.clone(), said.clone());
        std::sync::Arc::new(move |p| match p {
            Progress::Accounts { done, total } => set(&app, n, Stage::Running { done, total }),
            Progress::Said(line) => {
                if let Ok(mut lines) = said.lock() {
                    lines.push(line);
                }
            }
        })
    };
    // In the server's own process: a batch that breaks off (a bug, never bad input) fails alone,
    // and the server goes on.
    let made =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| generate(&args, &report)))
            .unwrap_or_else(|_| {
                Err(crate::cmd::generate::pipeline::Failure {
                why: Some(crate::tr!(
                    "serve.batch.broke",
                    "пакет прерван внутренней ошибкой программы; сообщите о ней разработчикам",
                    "the batch broke off on an error of the program; report it"
                )
                .to_string()),
                code: std::process::ExitCode::FAILURE,
            })
            });
    let mut lines = said.lock().map(|l| l.clone()).unwrap_or_default();
    let stage = match made {
        Ok(Made::Archive(made)) if file.is_file() => {
            let (files, not_made) = (made.files, made.refused.len());
            let events = made.events;
            Stage::Made {
                summary: crate::tr!(
                    "serve.batch.made",
                    "файлов в архиве: {files}; не составлено документов: {not_made} (причины — в errors.csv архива); событий для журнала: {events}",
                    "files in the archive: {files}; documents not made: {not_made} (the reasons are in the archive's errors.csv); events for the journal: {events}"
                ),
            }
        }
        Ok(_) => Stage::Failed {
            why: crate::tr!(
                "serve.batch.no_archive",
                "архив пакета не записан",
                "the batch's archive was not written"
            ),
        },
        Err(failure) => {
            lines.extend(failure.why.map(|why| format!("vzysk: {why}")));
            let said = lines.join("\n");
            Stage::Failed {
                why: crate::tr!(
                    "serve.batch.failed",
                    "Пакет не составлен:\n{said}",
                    "The batch was not made:\n{said}"
                ),
            }
        }
    };
    set(&app, n, stage);
}

/// The batch's order as `vzysk generate` takes it on the command line (the same flags, the same
/// checks), read into its arguments.
fn parse(args: &[String]) -> Result<crate::cmd::generate::Args, Text> {
    use clap::{Args as _, FromArgMatches as _};
    let command = crate::cmd::generate::Args::augment_args(clap::Command::new("generate"));
    command
        .try_get_matches_from(args)
        .and_then(|m| crate::cmd::generate::Args::from_arg_matches(&m))
        .map_err(|e| {
            let e = e.to_string();
            crate::tr!(
                "serve.batch.args",
                "пакет задан неверно: {e}",
                "the batch's order is wrong: {e}"
            )
        })
}

/// A batch asked for, from the batches' page or the debtors' table (the form's fields, some
/// repeated): `docs` the kinds ticked (none: `auto`); the accounts ticked (`account`) or typed
/// (`accounts`), else those the debtors' filter keeps (`view`, a kept search, or its fields).
struct Order {
    csrf: String,
    docs: Vec<String>,
    accounts: Vec<String>,
    filter: Filter,
}

impl Order {
    fn of(fields: Vec<(String, String)>, app: &Shared) -> Order {
        let mut o = Order {
            csrf: String::new(),
            docs: Vec::new(),
            accounts: Vec::new(),
            filter: Filter::default(),
        };
        for (k, v) in fields {
            let f = &mut o.filter;
            match k.as_str() {
                "csrf" => o.csrf = v,
                "docs" => o.docs.push(v),
                "account" => o.accounts.push(v),
                "accounts" => o.accounts.extend(
                    v.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
                        .filter(|a| !a.is_empty())
                        .map(str::to_string),
                ),
                "view" => {
                    if let Some(kept) = app.views.get(&v) {
                        *f = kept;
                    }
                }
                "q" => f.q = v,
                "stage" => f.stage = v,
                "next" => f.next = v,
                "court" => f.court = v,
                "min" => f.min = v,
                "max" => f.max = v,
                _ => {}
            }
        }
        o.accounts.sort();
        o.accounts.dedup();
        o
    }

    /// The kinds as `generate --docs` takes them, each one known; `Err` names the first unknown.
    fn docs(&self) -> Result<String, Text> {
        if self.docs.is_empty() {
            return Ok("auto".into());
        }
        let known = |d: &str| {
            (d == "auto" || d == "all" || crate::docs::kinds::DocKind::parse(d).is_some())
                && !(self.docs.len() > 1 && (d == "auto" || d == "all"))
        };
        match self.docs.iter().find(|d| !known(d)) {
            Some(d) => Err(crate::tr!(
                "serve.batch.docs",
                "«{d}»: отметьте виды документов, или только «auto», или только «all»",
                "«{d}»: tick kinds of documents, or only «auto», or only «all»"
            )),
            None => Ok(self.docs.join(",")),
        }
    }
}

/// A page that says why no batch was started.
fn not_started(app: &Shared, why: Text) -> Response {
    let title = say("Пакет не начат", "The batch was not started");
    app.pages.page(
        "message.html",
        context! { title => title, text => why.to_string(), back => "/batches", csrf => app.guard.csrf() },
    )
}

/// Starts a batch: the kinds for the accounts ticked, typed, or kept by the filter.
pub async fn start(
    State(app): State<Shared>,
    axum::Form(fields): axum::Form<Vec<(String, String)>>,
) -> Response {
    let order = Order::of(fields, &app);
    if !app.guard.csrf_ok(&order.csrf) {
        return forbidden();
    }
    blocking(app, move |app| {
        let docs = match order.docs() {
            Ok(d) => d,
            Err(why) => return not_started(app, why),
        };
        let Ok(index) = app.index.read() else {
            return busy();
        };
        let kept: Vec<String> = if order.accounts.is_empty() {
            let keeps = order.filter.keeper();
            index
                .rows
                .iter()
                .filter(|r| r.refused.is_none() && keeps(r))
                .map(|r| r.account.clone())
                .collect()
        } else {
            let unknown: Vec<&str> = order
                .accounts
                .iter()
                .filter(|a| !index.places.contains_key(*a))
                .map(String::as_str)
                .collect();
            if !unknown.is_empty() {
                let unknown = unknown.join(", ");
                return not_started(
                    app,
                    crate::tr!(
                        "serve.batch.unknown",
                        "Таких лицевых счетов нет в файле счетов: {unknown}",
                        "The accounts' file has no such accounts: {unknown}"
                    ),
                );
            }
            index
                .rows
                .iter()
                .filter(|r| r.refused.is_none() && order.accounts.contains(&r.account))
                .map(|r| r.account.clone())
                .collect()
        };
        if kept.is_empty() {
            return not_started(
                app,
                crate::tr!(
                    "serve.batch.empty",
                    "Не осталось ни одного счёта (счета с ошибками во входных данных не включаются)",
                    "No account is left (accounts with errors in the input are not included)"
                ),
            );
        }
        let dir = folder().join("batches");
        if let Err(e) = std::fs::create_dir_all(&dir) {
            return failure(crate::tr!(
                "serve.batch.folder",
                "не создана папка пакетов: {e}",
                "{e}"
            ));
        }
        let Ok(mut batches) = app.batches.0.lock() else {
            return failure(crate::tr!(
                "serve.batch.busy",
                "список пакетов недоступен",
                "the batches are busy"
            ));
        };
        let n = batches.len() + 1;
        let file = dir.join(format!("batch-{n}.zip"));
        // Each value joined to its flag: an account number can never be read as a flag.
        let mut args = vec![
            "generate".to_string(),
            index.dir.to_string_lossy().into_owned(),
            format!("--as-of={}", index.as_of),
            format!("--docs={docs}"),
            "--quiet".into(),
            format!("--out={}", file.to_string_lossy()),
        ];
        if kept.len() < index.rows.len() {
            args.extend(kept.iter().map(|a| format!("--account={a}")));
        }
        batches.push(Batch {
            n,
            kinds: titles(&docs),
            accounts: kept.len(),
            stage: Stage::Queued,
            file: file.clone(),
        });
        drop(batches);
        let shared = app.clone();
        std::thread::spawn(move || run(shared, n, args, file));
        Redirect::to(&format!("/batches/{n}")).into_response()
    })
    .await
}

pub async fn list(State(app): State<Shared>) -> Response {
    blocking(app, |app| {
        let batches = app.batches.0.lock().map(|b| b.clone()).unwrap_or_default();
        let Ok(index) = app.index.read() else {
            return busy();
        };
        app.pages.page(
            "batches.html",
            context! {
                batches => ser(&batches), kinds => ser(&kinds()), choices => ser(&index.choices),
                csrf => app.guard.csrf(), page_name => "batches",
            },
        )
    })
    .await
}

/// `court-order,notice` as a clerk reads it: «Заявление о судебном приказе, Уведомление …».
fn titles(docs: &str) -> String {
    docs.split(',')
        .map(|d| match d {
            "auto" => say("Следующий шаг каждого счёта", "Each account's next step"),
            "all" => say(
                "Все виды, которые допускает дело",
                "Every kind the case allows",
            ),
            d => crate::docs::kinds::DocKind::parse(d).map_or(d, |k| k.title()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The kinds a batch may be made of, with their titles.
pub fn kinds() -> Vec<(&'static str, &'static str)> {
    crate::docs::kinds::DocKind::selectable_kinds()
        .map(|k| (k.name(), k.title()))
        .collect()
}

/// Batch `n` of this server, as it stands.
fn batch(app: &Shared, n: usize) -> Option<Batch> {
    let all = app.batches.0.lock().ok()?;
    all.iter().find(|b| b.n == n).cloned()
}

pub async fn one(State(app): State<Shared>, Path(n): Path<usize>) -> Response {
    let batch = batch(&app, n);
    let Some(batch) = batch else {
        return not_found("batch");
    };
    let running = matches!(batch.stage, Stage::Running { .. } | Stage::Queued);
    app.pages.page(
        "batch.html",
        context! { b => ser(&batch), running => running, csrf => app.guard.csrf(), page_name => "batches" },
    )
}

/// The archive of batch `n`: only an archive this server made.
pub async fn archive(State(app): State<Shared>, Path(n): Path<usize>) -> Response {
    let batch = batch(&app, n);
    let Some(batch) = batch.filter(|b| matches!(b.stage, Stage::Made { .. })) else {
        return not_found("archive");
    };
    match std::fs::read(&batch.file) {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/zip".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"vzysk-batch-{n}.zip\""),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => failure(crate::tr!(
            "serve.batch.unread",
            "архив пакета не прочитан: {e}",
            "{e}"
        )),
    }
}
