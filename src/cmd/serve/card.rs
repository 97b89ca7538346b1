//! A debtor's card: the calculation, the journal, the next step and each document the case
//! allows — made as `generate --account` makes it, previewed, downloaded, or its templates' data.

use super::html::{busy, failure, not_found, plain_page, ser};
use super::state::{Shared, blocking};
use crate::docs::batch::{Batch, Numbering, PdfDoc};
use crate::docs::kinds::{self, DocKind, Role};
use crate::docs::settings::Settings;
use crate::docs::{self, org};
use crate::ladder::next_step;
use crate::law::calculation::calculate_account;
use crate::law::case::Case;
use crate::render::compose::Composer;
use crate::render::stream::Queue;
use crate::report::{Calculated, account_json};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde_json::json;

/// The documents of `kind` for an account, made as `generate --account A` makes them (the same
/// numbering, the same values), when the case's history allows them and their own checks pass;
/// else why not.
fn made(
    index: &super::index::Index,
    composer: &Composer,
    case: &Case,
    kind: DocKind,
) -> Result<Vec<PdfDoc>, crate::lang::Text> {
    kind.allows(case)?;
    let ws = &index.workspace;
    let settings = Settings {
        config: &ws.config,
        composer,
    };
    // A preview takes its numbers as a trial run does: after the journal's.
    let mut batch = Batch::numbered(Numbering::for_run(&ws.config, index.as_of, &ws.issued));
    docs::build(kind, &settings, case, &mut batch);
    if batch.pdfs.is_empty() {
        let mut why = batch.refused.iter().map(|r| r.reason.clone());
        let first = why
            .next()
            .unwrap_or_else(|| crate::tr!("card.nothing", "составлять нечего", "nothing to make"));
        return Err(why.fold(first, |all, r| all.join("; ", &r)));
    }
    Ok(batch.pdfs)
}

/// The workspace's own templates, if it has them.
fn template_dir(index: &super::index::Index) -> Option<std::path::PathBuf> {
    Some(index.dir.join("templates")).filter(|d| d.is_dir())
}

/// The workspace held, and the account `id` read from its file; else the page that says why
/// (boxed: an answer is large beside a guard).
fn account_of<'a>(
    app: &'a Shared,
    id: &str,
) -> Result<
    (
        std::sync::RwLockReadGuard<'a, super::index::Index>,
        crate::model::Account,
    ),
    Box<Response>,
> {
    let Ok(index) = app.index.read() else {
        return Err(Box::new(busy()));
    };
    match index.account(id) {
        Ok(Some(account)) => Ok((index, account)),
        Ok(None) => Err(Box::new(not_found("account"))),
        Err(e) => Err(Box::new(failure(e))),
    }
}

/// A debtor's status as the card says it (none for an active one).
fn status(s: crate::model::Status) -> &'static str {
    use crate::lang::say;
    use crate::model::Status;
    match s {
        Status::Active => "",
        Status::Deceased => say(
            "сведения о смерти; взыскание — с наследников, принявших наследство",
            "reported deceased; the debt is claimed from the heirs who accepted the estate",
        ),
        Status::Bankrupt => say(
            "банкротство; требование — в деле о банкротстве",
            "bankrupt; the claim goes to the bankruptcy case",
        ),
        Status::LegalEntity => say("юридическое лицо", "legal entity"),
        Status::Incapacitated => say(
            "недееспособный; документы — через опекуна",
            "incapacitated; papers go through the guardian",
        ),
    }
}

/// Whether the card offers a document of `kind`: the case's history allows it and the document
/// can be made (its sums, court, addresses) — as `generate` would decide; else why not. A court
/// filing says its price, duty, period and court, as the application states them.
fn offered(
    index: &super::index::Index,
    composer: &Composer,
    case: &Case,
    kind: DocKind,
) -> serde_json::Value {
    let pdfs = match made(index, composer, case, kind) {
        Ok(pdfs) => pdfs,
        Err(why) => {
            return json!({"kind": kind.name(), "title": kind.title(), "allowed": false, "why": why});
        }
    };
    let doc = &pdfs[0];
    let filing = match &doc.meta {
        crate::docs::meta::Meta::Filing(f) => Some(json!({
            "total": f.total, "duty": f.duty, "credit": f.duty_credit,
            // «2026-07–2026-10» as the documents print months: «июль 2026 – октябрь 2026».
            "period": f.period.as_ref().map(|p| p.split('–').map(super::html::month_words).collect::<Vec<_>>().join(" – ")),
            "court": super::index::court_name(&index.workspace, &f.recipient),
        })),
        _ => None,
    };
    json!({"kind": kind.name(), "title": kind.title(), "allowed": true, "filing": filing})
}

pub async fn card(State(app): State<Shared>, Path(id): Path<String>) -> Response {
    blocking(app, move |app| {
        let (index, account) = match account_of(app, &id) {
            Ok(found) => found,
            Err(page) => return *page,
        };
        let row = index.places.get(&id).and_then(|&i| index.rows.get(i)).cloned();
        let ws = &index.workspace;
        let calc = calculate_account(&account, index.as_of, &ws.config.conventions);
        let case = Case::of(&account, &calc, &ws.config.claiming);
        let plan = next_step(&case);
        let deadlines: Vec<serde_json::Value> = crate::law::deadlines::deadlines(&case)
            .iter()
            .map(|d| json!({"date": d.date.to_string(), "text": d.text, "urgent": d.urgent}))
            .collect();
        // A part of an agreement missed past its grace: the breach, proposed for recording.
        let breach = case
            .agreement_standing()
            .and_then(|s| s.missed)
            .map(|m| {
                json!({
                    "reference": case.agreement.signed.and_then(|e| e.reference.clone()),
                    "part": m.n,
                    "date": m.date.to_string(),
                })
            });
        let composer = Composer::new(template_dir(&index));
        let kinds: Vec<serde_json::Value> = DocKind::selectable_kinds()
            .filter(|k| k.role() != Role::Message)
            .map(|k| offered(&index, &composer, &case, k))
            .collect();
        // The journal's events, those after the server's day too (marked): none is invisible.
        let events: Vec<serde_json::Value> = account
            .events
            .iter()
            .chain(&account.later)
            .map(|e| {
                json!({
                    "date": e.date.to_string(), "event": e.kind.name(),
                    "later": e.date > index.as_of,
                    "label": e.kind.label(),
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
            .map(|d| json!({"name": d.full_name, "share": d.share.map(|s| s.to_string()), "address": d.residence_address, "status": status(d.status)}))
            .collect();
        // Of the debt, what limitation bars (the documents claim the rest).
        let barred: rust_decimal::Decimal = calc.months.iter().filter(|m| m.time_barred).map(|m| m.debt).sum();
        app.pages.page(
            "card.html",
            context! {
                account => id,
                row => ser(&row),
                debtors => ser(&debtors),
                address => account.premises_address.clone(),
                calc => ser(&calc_json),
                payments => ser(&payments),
                barred => barred.to_string(),
                out_of_ladder => case.out_of_ladder().map(|d| format!("{}: {}", d.full_name, status(d.status))),
                plan => ser(&json!({
                    "stage": plan.stage, "step": kinds::step_name(plan.step), "title": kinds::step_title(plan.step),
                    "earliest": plan.earliest.map(|d| d.to_string()), "reason": plan.reason,
                    "docs": kinds::made_for(&plan.steps).iter().map(|k| k.name()).collect::<Vec<_>>(),
                })),
                kinds => ser(&kinds),
                deadlines => ser(&deadlines),
                breach => ser(&breach),
                events => ser(&events),
                event_names => ser(&crate::model::EventKind::ALL.iter().map(|k| (k.name(), k.label())).collect::<Vec<_>>()),
                as_of => index.as_of.to_string(),
                changed => index.changed(),
                csrf => app.guard.csrf(),
                page_name => "debtors",
            },
        )
    })
    .await
}

/// The document was allowed, yet nothing came of it to render.
fn nothing_to_render() -> crate::lang::Text {
    crate::tr!(
        "serve.render.nothing",
        "нечего формировать в PDF",
        "nothing to render"
    )
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
        let (index, account) = match account_of(app, &id) {
            Ok(found) => found,
            Err(page) => return *page,
        };
        let ws = &index.workspace;
        let calc = calculate_account(&account, index.as_of, &ws.config.conventions);
        let case = Case::of(&account, &calc, &ws.config.claiming);
        let template_dir = template_dir(&index);
        let composer = Composer::new(template_dir.clone());
        let pdfs = match made(&index, &composer, &case, kind) {
            Ok(pdfs) => pdfs,
            Err(why) => {
                let title = kind.title();
                return plain_page(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    crate::lang::say("Документ не составлен", "The document was not made"),
                    crate::tr!(
                        "serve.document.refused",
                        "Дело не допускает документ «{title}»: {why}",
                        "The case does not allow the document «{title}»: {why}"
                    )
                    .as_str(),
                );
            }
        };
        if json {
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
            return failure(nothing_to_render());
        };
        let config = &ws.config;
        let compose = |template: &'static str, office: Option<&str>| {
            org::compose(config, &composer, template_dir.as_deref(), template, office)
        };
        let mut queue = Queue::new(&compose, index.as_of);
        let mut queued = Vec::new();
        if let Err(e) = queue.push(doc, &mut |item| {
            queued.push(item);
            Ok(())
        }) {
            return failure(e);
        }
        let Some(item) = queued.pop() else {
            return failure(nothing_to_render());
        };
        let Ok(mut worker) = app.worker.lock() else {
            return failure(crate::tr!(
                "serve.render.busy",
                "формирование PDF занято другим запросом",
                "the renderer is busy"
            ));
        };
        let pdf = match worker.render(&item.template, &[item.job()]).pop() {
            Some(Ok(pdf)) => pdf,
            Some(Err(e)) => {
                return failure(crate::tr!(
                    "serve.render.failed",
                    "PDF не сформирован: {e}",
                    "rendering failed: {e}"
                ));
            }
            None => {
                return failure(crate::tr!(
                    "serve.render.none",
                    "PDF не сформирован: нет результата",
                    "the renderer gave no result"
                ));
            }
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
