//! The pages, rendered on the server from `html/` with minijinja (HTML auto-escaped: a name from
//! the input is text, never markup) and a stylesheet; no script. Amounts and dates are printed as
//! the documents print them.

use super::filter::{Filter, PAGE_ROWS};
use super::html::{busy, failure, forbidden, plain_page, ser};
use super::state::Shared;
use super::state::blocking;
use crate::docs::org;
use crate::templates::TEMPLATES;
use axum::extract::{Query, State};
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
        let Ok(index) = app.index.read() else {
            return busy();
        };
        let diagnostics: Vec<String> = index.diagnostics.iter().map(|d| d.to_string()).collect();
        let errors = index.diagnostics.iter().filter(|d| d.is_error()).count();
        let stale_ledger = index
            .diagnostics
            .iter()
            .any(|d| d.message.code() == crate::workspace::STALE_LEDGER);
        app.pages.page(
            "overview.html",
            context! {
                stale_ledger => stale_ledger,
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
    if let Err(why) = filter.bounded() {
        return plain_page(
            StatusCode::BAD_REQUEST,
            crate::lang::say("Поиск не принят", "The search was not accepted"),
            why.as_str(),
        );
    }
    match app.views.keep(filter) {
        Ok(id) => Redirect::to(&format!("/debtors?view={id}")).into_response(),
        Err(why) => failure(why),
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
        let Ok(index) = app.index.read() else {
            return busy();
        };
        let (total, rows) = filter.apply(&index.rows, &index.orders);
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
                choices => ser(&index.choices),
                kinds => ser(&super::batches::kinds()),
                changed => index.changed(),
                csrf => app.guard.csrf(),
                page_name => "debtors",
            },
        )
    })
    .await
}

/// The journal: its newest events over all accounts, and the form that records a file of them.
pub async fn journal(State(app): State<Shared>) -> Response {
    blocking(app, |app| {
        let Ok(index) = app.index.read() else {
            return busy();
        };
        let Ok(accounts) = index.accounts.lock() else {
            return busy();
        };
        // The newest JOURNAL_ROWS of all the events, kept as they pass: a journal of a million
        // events is neither copied nor sorted whole.
        let mut total = 0;
        let mut newest: Vec<(chrono::NaiveDate, u64, usize, crate::model::Event)> = Vec::new();
        accounts.each_history(&mut |i, events| {
            total += events.len();
            for e in events {
                let key = (e.date, e.line);
                let full = newest.len() >= JOURNAL_ROWS;
                if full && newest.last().is_some_and(|l| (l.0, l.1) >= key) {
                    continue;
                }
                let at = newest.partition_point(|n| (n.0, n.1) > key);
                newest.insert(at, (e.date, e.line, i, e.clone()));
                newest.truncate(JOURNAL_ROWS);
            }
        });
        drop(accounts);
        let newest: Vec<serde_json::Value> = newest
            .iter()
            .map(|(date, _, i, e)| {
                // The rows are in the accounts' places: row `i` is account `i`'s.
                let account = index.rows.get(*i).map_or("", |r| r.account.as_str());
                json!({
                    "date": date.to_string(), "account": account,
                    "label": e.kind.label(),
                    "reference": e.reference,
                })
            })
            .collect();
        app.pages.page(
            "journal.html",
            context! {
                events => ser(&newest), total => total, shown => newest.len(), as_of => index.as_of.to_string(),
                csrf => app.guard.csrf(), page_name => "journal", max => super::state::UPLOAD_MAX / 1024 / 1024,
            },
        )
    })
    .await
}

/// Events the journal's page lists, the newest first.
const JOURNAL_ROWS: usize = 200;

pub async fn templates(State(app): State<Shared>) -> Response {
    blocking(app, |app| {
        let Ok(index) = app.index.read() else {
            return busy();
        };
        let dir = index.dir.join("templates");
        let own: Vec<String> = std::fs::read_dir(&dir)
            .map(|r| r.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        let list: Vec<serde_json::Value> = TEMPLATES
            .iter()
            .map(|t| json!({"name": t.name, "used_by": crate::docs::kinds::users_of(t, crate::lang::current()), "about": t.describe(), "own": own.iter().any(|o| o == t.name)}))
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
