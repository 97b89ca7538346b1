//! Batches run from the page: the kinds chosen and the accounts of a filter (the debtors' table's),
//! made by `vzysk generate` itself in a child process (the same archive, the same refusals), its
//! progress read from its `--progress-lines` and shown as a bar that follows the real work; the
//! archive kept in the server's own folder and offered for download, and only those archives. A
//! batch that fails leaves no archive (generate writes whole or not at all) and its page says why.

use super::filter::Filter;
use super::html::{failure, forbidden, not_found, ser};
use super::state::{Batch, Shared, Stage, blocking, folder};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use std::io::BufRead;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn set(app: &Shared, n: usize, stage: Stage) {
    if let Ok(mut all) = app.batches.0.lock()
        && let Some(b) = all.iter_mut().find(|b| b.n == n)
    {
        b.stage = stage;
    }
}

/// Runs generate for batch `n` and follows it.
fn run(app: Shared, n: usize, args: Vec<String>, file: PathBuf) {
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => return set(&app, n, Stage::Failed { why: e.to_string() }),
    };
    let child = Command::new(exe)
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => return set(&app, n, Stage::Failed { why: e.to_string() }),
    };
    let mut said = Vec::new();
    if let Some(err) = child.stderr.take() {
        for line in std::io::BufReader::new(err).lines().map_while(Result::ok) {
            let progress = line
                .strip_prefix("vzysk: progress ")
                .and_then(|p| p.split_once('/'))
                .and_then(|(d, t)| Some((d.parse().ok()?, t.parse().ok()?)));
            match progress {
                Some((done, total)) => set(&app, n, Stage::Running { done, total }),
                None => said.push(line),
            }
        }
    }
    let ok = child
        .wait()
        .is_ok_and(|s| s.success() || s.code() == Some(1));
    let last = said.last().cloned().unwrap_or_default();
    let last = last.trim_start_matches("vzysk: ");
    // «79 files in /tmp/…/batch-1.zip; 10 not made …»: the server's own path is nobody's business.
    let summary = match (last.split_once(" in "), last.split_once("; ")) {
        (Some((made, _)), Some((_, rest))) => format!("{made}; {rest}"),
        _ => last.to_string(),
    };
    if ok && file.is_file() {
        set(&app, n, Stage::Made { summary });
    } else {
        set(
            &app,
            n,
            Stage::Failed {
                why: said.join("\n"),
            },
        );
    }
}

/// A batch asked for: the kind and the debtors' table's filter (its fields as the table sends them).
#[derive(serde::Deserialize)]
pub struct Order {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    docs: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    stage: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    court: String,
    #[serde(default)]
    min: String,
    #[serde(default)]
    max: String,
}

impl Order {
    fn filter(&self) -> Filter {
        Filter {
            q: self.q.clone(),
            stage: self.stage.clone(),
            next: self.next.clone(),
            court: self.court.clone(),
            min: self.min.clone(),
            max: self.max.clone(),
            ..Filter::default()
        }
    }
}

/// Starts a batch: `docs` (a kind, `auto` or `all`) for the accounts the filter keeps.
pub async fn start(State(app): State<Shared>, axum::Form(order): axum::Form<Order>) -> Response {
    if !app.guard.csrf_ok(&order.csrf) {
        return forbidden();
    }
    blocking(app, move |app| {
        let docs = if order.docs.is_empty() { "auto".to_string() } else { order.docs.clone() };
        if docs != "auto" && docs != "all" && crate::kinds::DocKind::parse(&docs).is_none() {
            return not_found("kind");
        }
        let Ok(index) = app.index.lock() else {
            return failure("the workspace is being read");
        };
        let filter = order.filter();
        let kept: Vec<String> = index
            .rows
            .iter()
            .filter(|r| r.refused.is_none() && filter.keeps(r))
            .map(|r| r.account.clone())
            .collect();
        if kept.is_empty() {
            return app.pages.page("message.html", context! { title => "Пакет не начат", text => "Фильтр не оставил ни одного счёта", back => "/batches", csrf => app.guard.csrf() });
        }
        let dir = folder().join("batches");
        if let Err(e) = std::fs::create_dir_all(&dir) {
            return failure(&e.to_string());
        }
        let Ok(mut batches) = app.batches.0.lock() else {
            return failure("the batches are busy");
        };
        let n = batches.len() + 1;
        let file = dir.join(format!("batch-{n}.zip"));
        let mut args = vec![
            "generate".to_string(),
            index.dir.to_string_lossy().into_owned(),
            "--as-of".into(),
            index.as_of.to_string(),
            "--docs".into(),
            docs.clone(),
            "--quiet".into(),
            "--progress-lines".into(),
            "-o".into(),
            file.to_string_lossy().into_owned(),
        ];
        if kept.len() < index.rows.len() {
            for a in &kept {
                args.push("--account".into());
                args.push(a.clone());
            }
        }
        batches.push(Batch {
            n,
            kinds: docs,
            accounts: kept.len(),
            stage: Stage::Running { done: 0, total: kept.len() },
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
    let batches = app.batches.0.lock().map(|b| b.clone()).unwrap_or_default();
    let kinds: Vec<(&str, &str)> = crate::kinds::DocKind::selectable_kinds()
        .map(|k| (k.name(), k.title()))
        .collect();
    app.pages.page(
        "batches.html",
        context! { batches => ser(&batches), kinds => ser(&kinds), csrf => app.guard.csrf(), page_name => "batches" },
    )
}

pub async fn one(State(app): State<Shared>, Path(n): Path<usize>) -> Response {
    let batch = app
        .batches
        .0
        .lock()
        .ok()
        .and_then(|b| b.iter().find(|b| b.n == n).cloned());
    let Some(batch) = batch else {
        return not_found("batch");
    };
    let running = matches!(batch.stage, Stage::Running { .. });
    app.pages.page(
        "batch.html",
        context! { b => ser(&batch), running => running, csrf => app.guard.csrf(), page_name => "batches" },
    )
}

/// The archive of batch `n`: only an archive this server made.
pub async fn archive(State(app): State<Shared>, Path(n): Path<usize>) -> Response {
    let batch = app
        .batches
        .0
        .lock()
        .ok()
        .and_then(|b| b.iter().find(|b| b.n == n).cloned());
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
        Err(e) => failure(&e.to_string()),
    }
}
