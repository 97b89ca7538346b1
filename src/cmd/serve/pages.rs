//! The pages, rendered on the server from `html/` with minijinja (HTML auto-escaped: a name from
//! the input is text, never markup) and a stylesheet; no script. Amounts and dates are printed as
//! the documents print them.

use super::filter::{Choices, Filter, PAGE_ROWS};
use super::html::{failure, forbidden, not_found, ser};
use super::state::Shared;
use super::state::blocking;
use crate::docs::batch::{Batch, Numbering, PdfDoc};
use crate::docs::settings::Settings;
use crate::docs::{self, org};
use crate::kinds::{DocKind, TEMPLATES};
use crate::ladder::next_step;
use crate::law::calculation::calculate_account;
use crate::law::case::Case;
use crate::law::gates;
use crate::render::compose::Composer;
use crate::render::stream::Queue;
use crate::report::{Calculated, account_json};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use serde_json::json;

pub async fn css() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        include_str!("html/app.css"),
    )
        .into_response()
}

pub async fn overview(State(app): State<Shared>) -> Response {
    blocking(app, |app| {
        let Ok(index) = app.index.lock() else {
            return failure("the workspace is being read");
        };
        let diagnostics: Vec<String> = index.diagnostics.iter().map(|d| d.to_string()).collect();
        let errors = index.diagnostics.iter().filter(|d| d.is_error()).count();
        app.pages.page(
            "overview.html",
            context! {
                o => ser(&index.overview),
                as_of => index.as_of.to_string(),
                changed => index.changed(),
                stale => index.overview_stale,
                diagnostics => ser(&diagnostics.iter().take(500).collect::<Vec<_>>()),
                diagnostics_count => diagnostics.len(),
                errors => errors,
                csrf => app.guard.csrf(),
                page => "overview",
            },
        )
    })
    .await
}

/// The debtors' form, posted so that the words searched never enter an address or a log: kept
/// under an id, then shown.
pub async fn search(State(app): State<Shared>, axum::Form(filter): axum::Form<Filter>) -> Response {
    if !app.guard.csrf_ok(&filter.csrf) {
        return forbidden();
    }
    match app.views.keep(filter) {
        Ok(id) => Redirect::to(&format!("/debtors?view={id}")).into_response(),
        Err(why) => failure(&why),
    }
}

/// The debtors' table: a kept search (`view`) and its page, or the filters of codes a link gives
/// (`stage`, `next`, `court`, sums, sorting); words searched only through the form.
pub async fn debtors(State(app): State<Shared>, Query(asked): Query<Filter>) -> Response {
    let filter = match asked.view.as_deref().and_then(|id| app.views.get(id)) {
        Some(kept) => Filter {
            page: asked.page,
            ..kept
        },
        None => Filter {
            q: String::new(),
            view: None,
            ..asked
        },
    };
    blocking(app, move |app| {
        let Ok(index) = app.index.lock() else {
            return failure("the workspace is being read");
        };
        let (total, rows) = filter.apply(&index.rows);
        let pages = total.div_ceil(PAGE_ROWS).max(1);
        app.pages.page(
            "debtors.html",
            context! {
                rows => ser(&rows),
                total => total,
                all => index.rows.len(),
                f => ser(&json!({
                    "q": filter.q, "stage": filter.stage, "next": filter.next, "court": filter.court,
                    "min": filter.min, "max": filter.max, "sort": filter.sort, "desc": filter.desc.is_some(),
                })),
                page => filter.page.unwrap_or(1).clamp(1, pages),
                view => filter.view,
                pages => pages,
                choices => ser(&Choices::of(&index.rows)),
                kinds => ser(&super::batches::kinds()),
                changed => index.changed(),
                csrf => app.guard.csrf(),
                page_name => "debtors",
            },
        )
    })
    .await
}

/// The documents of `kind` the case allows for an account, made as `generate --account A` makes
/// them (the same numbering, the same values).
fn documents(
    index: &super::index::Index,
    case: &Case,
    kind: DocKind,
) -> (Vec<PdfDoc>, Vec<String>) {
    let ws = &index.workspace;
    let template_dir = Some(index.dir.join("templates")).filter(|d| d.is_dir());
    let composer = Composer::new(template_dir);
    let settings = Settings {
        config: &ws.config,
        composer: &composer,
    };
    let mut batch = Batch::numbered(Numbering::new(
        ws.config.letters.series.as_deref(),
        index.as_of,
        ws.config.duty.first_number.unwrap_or(1),
    ));
    docs::build(kind, &settings, case, &mut batch);
    let refused = batch.refused.iter().map(|r| r.reason.clone()).collect();
    (batch.pdfs, refused)
}

/// An event's or a stage's name in Russian.
fn label(event: &str) -> &'static str {
    crate::portfolio::labels::stage_at(crate::portfolio::labels::stage_order(event)).1
}

pub async fn card(State(app): State<Shared>, Path(id): Path<String>) -> Response {
    blocking(app, move |app| {
        let Ok(mut index) = app.index.lock() else {
            return failure("the workspace is being read");
        };
        let account = match index.account(&id) {
            Ok(Some(a)) => a,
            Ok(None) => return not_found("account"),
            Err(e) => return failure(&e),
        };
        let row = index.rows.iter().find(|r| r.account == id).cloned();
        let ws = &index.workspace;
        let calc = calculate_account(&account, index.as_of, &ws.config.conventions);
        let case = Case::of(&account, &calc, &ws.config.claiming);
        let plan = next_step(&case);
        let kinds: Vec<serde_json::Value> = DocKind::selectable_kinds()
            .filter(|k| !matches!(k, DocKind::Sms | DocKind::Calls))
            .map(|k| match gates::allows(k, &case) {
                Ok(()) => json!({"kind": k.name(), "title": k.title(), "allowed": true}),
                Err(why) => json!({"kind": k.name(), "title": k.title(), "allowed": false, "why": why}),
            })
            .collect();
        let events: Vec<serde_json::Value> = account
            .events
            .iter()
            .map(|e| {
                json!({
                    "date": e.date.to_string(), "event": e.kind.name(),
                    "label": label(e.kind.name()),
                    "reference": e.reference,
                    "details": e.details.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; "),
                })
            })
            .collect();
        let calc_json = account_json(&Calculated { account: &account, calc: calc.clone() });
        // Each payment as it was applied, month by month, in the order paid.
        let mut payments: Vec<serde_json::Value> = calc
            .months
            .iter()
            .flat_map(|m| m.payments.iter().map(move |(d, a)| (*d, m.period.to_string(), *a)))
            .map(|(d, period, amount)| json!({"date": d.to_string(), "period": period, "amount": amount.to_string()}))
            .collect();
        payments.sort_by(|a, b| a["date"].as_str().cmp(&b["date"].as_str()));
        let debtors: Vec<serde_json::Value> = account
            .debtors
            .iter()
            .map(|d| json!({"name": d.full_name, "share": d.share.map(|s| s.to_string()), "address": d.residence_address}))
            .collect();
        app.pages.page(
            "card.html",
            context! {
                account => id,
                row => ser(&row),
                debtors => ser(&debtors),
                address => account.premises_address.clone(),
                calc => ser(&calc_json),
                payments => ser(&payments),
                plan => ser(&json!({
                    "stage": plan.stage, "step": plan.step.name(), "title": plan.step.title(),
                    "earliest": plan.earliest.map(|d| d.to_string()), "reason": plan.reason,
                    "docs": plan.docs.iter().map(|k| k.name()).collect::<Vec<_>>(),
                })),
                kinds => ser(&kinds),
                events => ser(&events),
                event_names => ser(&crate::model::EventKind::NAMES.iter().map(|n| (n, label(n))).collect::<Vec<_>>()),
                as_of => index.as_of.to_string(),
                changed => index.changed(),
                csrf => app.guard.csrf(),
                page_name => "debtors",
            },
        )
    })
    .await
}

#[derive(serde::Deserialize)]
pub struct DocumentQuery {
    #[serde(default)]
    download: Option<String>,
}

/// `/debtors/{account}/documents/{kind}.pdf`: the case's first document of that kind (the
/// application, the letter), rendered on demand by the renderer `generate` uses; `{kind}.json`:
/// the data its templates receive.
pub async fn document(
    State(app): State<Shared>,
    Path((id, file)): Path<(String, String)>,
    Query(q): Query<DocumentQuery>,
) -> Response {
    blocking(app, move |app| {
        let (name, json) = match (file.strip_suffix(".pdf"), file.strip_suffix(".json")) {
            (Some(name), _) => (name, false),
            (_, Some(name)) => (name, true),
            _ => return not_found("document"),
        };
        let Some(kind) = DocKind::parse(name) else {
            return not_found("document");
        };
        let Ok(mut index) = app.index.lock() else {
            return failure("the workspace is being read");
        };
        let account = match index.account(&id) {
            Ok(Some(a)) => a,
            Ok(None) => return not_found("account"),
            Err(e) => return failure(&e),
        };
        let ws = &index.workspace;
        let calc = calculate_account(&account, index.as_of, &ws.config.conventions);
        let case = Case::of(&account, &calc, &ws.config.claiming);
        let (pdfs, refused) = documents(&index, &case, kind);
        if json && !pdfs.is_empty() {
            // What the template receives, as `vzysk templates data` prints it.
            let data = crate::cmd::templates::template_data(&ws.config, &pdfs);
            let text = serde_json::to_string_pretty(&data).unwrap_or_default();
            return (
                [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
                text,
            )
                .into_response();
        }
        let Some(doc) = pdfs.into_iter().next() else {
            let why = refused.join("; ");
            return (
                StatusCode::UNPROCESSABLE_ENTITY,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                format!("the case allows no {}: {why}", kind.name()),
            )
                .into_response();
        };
        let config = &ws.config;
        let template_dir = Some(index.dir.join("templates")).filter(|d| d.is_dir());
        let composer = Composer::new(template_dir.clone());
        let compose = |template: &'static str, office: Option<&str>| {
            org::compose(config, &composer, template_dir.as_deref(), template, office)
        };
        let mut queue = Queue::new(&compose, index.as_of);
        let mut queued = Vec::new();
        if let Err(e) = queue.push(doc, &mut |item| {
            queued.push(item);
            Ok(())
        }) {
            return failure(&e);
        }
        let Some(item) = queued.pop() else {
            return failure("nothing to render");
        };
        let Ok(mut worker) = app.worker.lock() else {
            return failure("the renderer is busy");
        };
        let pdf = match worker.render(&item.template, &[item.job()]).pop() {
            Some(Ok(pdf)) => pdf,
            Some(Err(e)) => return failure(&format!("rendering failed: {e}")),
            None => return failure("the renderer gave no result"),
        };
        let disposition = if q.download.is_some() {
            format!(
                "attachment; filename=\"{}-{}.pdf\"",
                id.replace(|c: char| !c.is_ascii_alphanumeric(), "_"),
                kind.name()
            )
        } else {
            "inline".to_string()
        };
        (
            [
                (header::CONTENT_TYPE, "application/pdf".to_string()),
                (header::CONTENT_DISPOSITION, disposition),
            ],
            pdf.bytes,
        )
            .into_response()
    })
    .await
}

pub async fn journal(State(app): State<Shared>) -> Response {
    app.pages.page(
        "journal.html",
        context! { csrf => app.guard.csrf(), page_name => "journal", max => super::state::UPLOAD_MAX / 1024 / 1024 },
    )
}

pub async fn templates(State(app): State<Shared>) -> Response {
    blocking(app, |app| {
        let Ok(index) = app.index.lock() else {
            return failure("the workspace is being read");
        };
        let dir = index.dir.join("templates");
        let own: Vec<String> = std::fs::read_dir(&dir)
            .map(|r| r.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        let list: Vec<serde_json::Value> = TEMPLATES
            .iter()
            .map(|t| json!({"name": t.name, "used_by": t.used_by(), "about": t.about, "own": own.iter().any(|o| o == t.name)}))
            .collect();
        let errors = if dir.is_dir() {
            let context = org::org_context(&index.workspace.config, index.workspace.config.courts.first());
            crate::render::check::syntax_errors(&dir, &context)
        } else {
            Vec::new()
        };
        app.pages.page(
            "templates.html",
            context! { list => ser(&list), errors => ser(&errors), csrf => app.guard.csrf(), page_name => "templates" },
        )
    })
    .await
}
