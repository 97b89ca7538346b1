//! What changes the workspace, each a POST with the page's CSRF token: an event recorded by hand on
//! a card, a file of events recorded in bulk (an archive, the post's tracking results, a table of
//! court outcomes), and a reread of the workspace. Events go through `vzysk record` itself (the same
//! checks, the lock, the atomic write, `events.csv.bak`), shown first and written when confirmed.

use super::html::{failure, forbidden, not_found, ser};
use super::state::Shared;
use super::state::blocking;
use crate::lang::{Text, say};
use crate::portfolio::labels;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

/// The server's own folder for what it is given (a hand-made row, an upload), removed with it.
fn scratch() -> Result<PathBuf, String> {
    let dir = super::state::folder();
    std::fs::create_dir_all(&dir).map_err(|e| {
        let folder = dir.display();
        crate::tr!(
            "serve.scratch.failed",
            "не создана папка сервера {folder}: {e}",
            "{folder}: {e}"
        )
        .to_string()
    })?;
    Ok(dir)
}

/// A server started without `--as-of` works as of today: when the day changes (a server left
/// running over midnight), the workspace is read again as of the new day and the previews are
/// dated by it. Until then nothing is lost: a step the journal shows taken after the server's day
/// is not offered (`Case::already_taken`).
pub fn follow_the_day(app: &Shared) {
    loop {
        std::thread::sleep(std::time::Duration::from_secs(20));
        let today = crate::cmd::common::today();
        let Ok((dir, as_of)) = read_index(app).map(|i| (i.dir.clone(), i.as_of)) else {
            return;
        };
        if as_of == today {
            continue;
        }
        match super::index::build(&dir, today) {
            Ok(fresh) => {
                if let Ok(mut index) = write_index(app) {
                    let generation = index.generation + 1;
                    *index = fresh;
                    index.generation = generation;
                }
                if let Ok(mut worker) = app.worker.lock() {
                    *worker = crate::render::pool::Worker::new(today, true);
                }
                let day = crate::russian::date(today);
                let said = crate::tr!(
                    "serve.day.new",
                    "vzysk: новый день: дело прочитано на {day}",
                    "vzysk: a new day: the workspace read as of {day}"
                );
                say!("{said}");
            }
            Err(why) => {
                let said = crate::tr!(
                    "serve.day.unread",
                    "vzysk: дело не прочитано на новый день: {why}",
                    "vzysk: the workspace was not read as of the new day: {why}"
                );
                say!("{said}");
            }
        }
    }
}

/// Rereads the workspace whole (it was edited outside the server).
fn reread(app: &Shared) -> Result<(), String> {
    let (dir, as_of) = read_index(app).map(|i| (i.dir.clone(), i.as_of))?;
    let fresh = super::index::build(&dir, as_of)?;
    let mut index = write_index(app)?;
    let generation = index.generation + 1;
    *index = fresh;
    index.generation = generation;
    Ok(())
}

/// The workspace held for reading: many requests at once.
fn read_index(app: &Shared) -> Result<std::sync::RwLockReadGuard<'_, super::index::Index>, String> {
    app.index.read().map_err(|_| unreadable().to_string())
}

/// The workspace's lock lost (a request that held it panicked).
fn unreadable() -> Text {
    crate::tr!(
        "serve.workspace.lost",
        "дело недоступно для чтения",
        "the workspace could not be read"
    )
}

/// The workspace held for changing it: alone.
fn write_index(
    app: &Shared,
) -> Result<std::sync::RwLockWriteGuard<'_, super::index::Index>, String> {
    app.index.write().map_err(|_| unreadable().to_string())
}

/// After the journal was written: the changed accounts' rows at once, the overview's figures
/// made again in the background (one rebuild at a time; another follows when the journal changed
/// meanwhile).
fn refreshed(app: &Shared) -> Result<(), String> {
    write_index(app)?.refresh_events()?;
    if app.rebuilding.swap(true, Ordering::SeqCst) {
        return Ok(());
    }
    let app = app.clone();
    std::thread::spawn(move || rebuild_overview(&app));
    Ok(())
}

/// Makes the workspace's figures again until they are of the journal as it is. The flag is let go
/// under the index's lock, so a recording that comes meanwhile either is seen here or starts anew.
fn rebuild_overview(app: &Shared) {
    let done = || app.rebuilding.store(false, Ordering::SeqCst);
    loop {
        let Ok(index) = read_index(app) else {
            return done();
        };
        if !index.overview_stale {
            return done();
        }
        let (dir, as_of, generation) = (index.dir.clone(), index.as_of, index.generation);
        drop(index);
        let fresh = super::index::build(&dir, as_of);
        let Ok(mut index) = write_index(app) else {
            return done();
        };
        if index.generation == generation {
            match fresh {
                Ok(fresh) => {
                    *index = fresh;
                    index.generation = generation;
                }
                Err(why) => {
                    let said = crate::tr!(
                        "serve.overview.unmade",
                        "vzysk: сводные цифры не пересчитаны: {why}",
                        "vzysk: the overview was not made again: {why}"
                    );
                    say!("{said}");
                    return done();
                }
            }
        }
    }
}

/// What a date typed in a form is the date of.
#[derive(Clone, Copy)]
enum Dated {
    /// An event typed on a card.
    Event,
    /// The day an archive's letters were sent.
    Sending,
}

/// A date typed in a form (`2026-11-20`; none when empty), not after today: what is recorded has
/// happened. (A server working as of an earlier day still records what happened since.) `what`
/// is what could not have happened yet.
fn not_after(text: &str, what: Dated) -> Result<Option<chrono::NaiveDate>, Text> {
    let today = crate::cmd::common::today();
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(d) if d > today => {
            let (d, today) = (crate::russian::date(d), crate::russian::date(today));
            Err(match what {
                Dated::Event => crate::tr!(
                    "serve.date.future.event",
                    "Дата {d} позже сегодняшней ({today}): такого события ещё не было.",
                    "The date {d} is after today ({today}): there has been no such event yet."
                ),
                Dated::Sending => crate::tr!(
                    "serve.date.future.sending",
                    "Дата {d} позже сегодняшней ({today}): такой отправки ещё не было.",
                    "The date {d} is after today ({today}): nothing has been sent on it yet."
                ),
            })
        }
        Ok(d) => Ok(Some(d)),
        Err(_) => Err(crate::tr!(
            "serve.date.unreadable",
            "Дата «{text}» не читается: укажите её как ГГГГ-ММ-ДД",
            "The date «{text}» cannot be read: give it as YYYY-MM-DD"
        )),
    }
}

/// The rows and messages a recording's page lists (the rest counted): a page stays readable and
/// small whatever was uploaded.
const ROWS_SHOWN: usize = 500;
const MESSAGES_SHOWN: usize = 200;

/// A recording asked for: what is recorded, and how the page shows it.
struct Recording {
    source: PathBuf,
    /// The source's name in the page's messages (the upload's own name, not the server's path).
    shown_as: String,
    /// The day an archive's letters were sent.
    date: Option<chrono::NaiveDate>,
    only: Vec<String>,
    confirm: bool,
    /// The fields the confirmation sends again.
    hidden: Vec<(&'static str, String)>,
    back: String,
}

/// Records (or, before the confirmation, tries) and shows what it came to; whether `record` ran
/// (false when it could not: the journal locked by another run, unreadable, or in error).
fn recorded_page(app: &Shared, r: Recording) -> (Response, bool) {
    let dir = match read_index(app) {
        Ok(index) => index.dir.clone(),
        Err(why) => return (failure(why), false),
    };
    let server_path = r.source.display().to_string();
    let shown = |m: &str| m.replace(&server_path, &r.shown_as);
    // One recording at a time: a second tab waits, then records onto the first one's journal.
    let Ok(_recording) = app.recording.lock() else {
        return (
            failure(crate::tr!(
                "serve.journal.busy",
                "в журнал не удалось записать",
                "the journal could not be recorded to"
            )),
            false,
        );
    };
    let (confirm, back) = (r.confirm, r.back.clone());
    let done = match crate::cmd::record::record(&dir, &r.source, r.date, &r.only, !confirm) {
        Ok(done) => done,
        Err(why) => {
            let page = app.pages.page(
                "message.html",
                context! { title => nothing_recorded(), text => shown(&why.to_string()), back => back, csrf => app.guard.csrf() },
            );
            return (page, false);
        }
    };
    if confirm && let Err(why) = refreshed(app) {
        return (failure(why), true);
    }
    let label = |event: &str| labels::stage_label(event, crate::lang::current()).to_string();
    let rows: Vec<[String; 5]> = done
        .rows
        .iter()
        .take(ROWS_SHOWN)
        .map(|[account, date, event, reference, details]| {
            let date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .map_or(date.clone(), crate::russian::date);
            [
                account.clone(),
                date,
                label(event),
                reference.clone(),
                details.clone(),
            ]
        })
        .collect();
    let kinds: Vec<String> = done
        .by_kind
        .iter()
        .map(|(k, n)| format!("{} — {n}", label(k)))
        .collect();
    let (n, known, refused, skipped) = (done.rows.len(), done.known, done.refused, done.skipped);
    let kinds = if kinds.is_empty() {
        String::new()
    } else {
        format!(" ({})", kinds.join(", "))
    };
    let text = if confirm {
        crate::tr!(
            "serve.record.added",
            "Добавлено событий: {n}{kinds}. Уже в журнале: {known}. Отказано: {refused}. Пропущено: {skipped}.",
            "Events added: {n}{kinds}. Already in the journal: {known}. Refused: {refused}. Skipped: {skipped}."
        )
    } else {
        crate::tr!(
            "serve.record.would_add",
            "Будет добавлено событий: {n}{kinds}. Уже в журнале: {known}. Отказано: {refused}. Пропущено: {skipped}.",
            "Events to be added: {n}{kinds}. Already in the journal: {known}. Refused: {refused}. Skipped: {skipped}."
        )
    };
    let page = app.pages.page(
        "message.html",
        context! {
            title => match (confirm, done.rows.is_empty()) {
                (true, false) => say("Записано в журнал", "Recorded in the journal"),
                (true, true) => nothing_recorded(),
                (false, _) => say("Будет записано в журнал", "To be recorded in the journal"),
            },
            text => text.to_string(),
            rows => ser(&rows),
            more_rows => done.rows.len().saturating_sub(ROWS_SHOWN),
            messages => ser(&crate::cmd::record::first_messages(&done.messages, MESSAGES_SHOWN, |n| {
                crate::tr!(
                    "serve.record.more_messages",
                    "…и ещё сообщений, не показанных здесь: {n} (все печатает vzysk record … --all-messages)",
                    "…and messages not shown here: {n} (vzysk record … --all-messages prints them all)"
                )
                .to_string()
            }).iter().map(|m| shown(m)).collect::<Vec<_>>()),
            confirm_form => !confirm && !done.rows.is_empty() && done.refused == 0,
            hidden => ser(&r.hidden),
            back => back,
            csrf => app.guard.csrf(),
        },
    );
    (page, true)
}

/// An event typed on a card: `date`, `event`, `reference`, `details`; `confirm` writes it.
pub async fn add_event(
    State(app): State<Shared>,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<HashMap<String, String>>,
) -> Response {
    if !app.guard.form_ok(&form) {
        return forbidden();
    }
    blocking(app, move |app| {
        let field = |k: &str| form.get(k).map(String::as_str).unwrap_or("").to_string();
        let Ok(known) = read_index(app).map(|i| i.places.contains_key(&id)) else {
            return failure(unreadable());
        };
        if !known {
            return not_found("account");
        }
        if let Err(why) = not_after(&field("date"), Dated::Event) {
            return app.pages.page("message.html", context! { title => nothing_recorded(), text => why.to_string(), back => format!("/debtors/{id}"), csrf => app.guard.csrf() });
        }
        let dir = match scratch() {
            Ok(d) => d,
            Err(e) => return failure(&e),
        };
        // A name of its own: two tabs may record at once.
        let file = match super::guard::random_hex() {
            Ok(id) => dir.join(format!("card-{id}.csv")),
            Err(e) => return failure(e),
        };
        let mut w = csv::Writer::from_writer(Vec::new());
        let row = [
            id.clone(),
            field("date"),
            field("event"),
            field("reference"),
            field("details"),
        ];
        let written = w
            .write_record(["account", "date", "event", "reference", "details"])
            .and_then(|()| w.write_record(&row))
            .map_err(|e| e.to_string())
            .and_then(|()| w.into_inner().map_err(|e| e.to_string()))
            .and_then(|bytes| std::fs::write(&file, bytes).map_err(|e| e.to_string()));
        if let Err(e) = written {
            return failure(crate::tr!(
                "serve.event.unsaved",
                "событие не сохранено для проверки: {e}",
                "{e}"
            ));
        }
        let hidden = ["date", "event", "reference", "details"]
            .into_iter()
            .map(|k| (k, field(k)))
            .collect();
        let (page, _) = recorded_page(
            app,
            Recording {
                source: file.clone(),
                shown_as: say("событие", "the event").into(),
                date: None,
                only: vec![id.clone()],
                confirm: form.contains_key("confirm"),
                hidden,
                back: format!("/debtors/{id}"),
            },
        );
        let _ = std::fs::remove_file(&file);
        page
    })
    .await
}

/// A file of events uploaded on the journal's page (multipart: `csrf`, `file`), shown first; the
/// confirmation names the upload kept by the server (`upload`), never a path.
pub async fn record_file(State(app): State<Shared>, mut form: Multipart) -> Response {
    let mut csrf = String::new();
    let mut upload: Option<(String, Vec<u8>)> = None;
    let mut kept = String::new();
    let mut sent = String::new();
    let mut shown_as = String::new();
    let mut confirm = false;
    while let Ok(Some(field)) = form.next_field().await {
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        match field.bytes().await {
            Ok(bytes) => match name.as_str() {
                "csrf" => csrf = String::from_utf8_lossy(&bytes).into_owned(),
                "upload" => kept = String::from_utf8_lossy(&bytes).into_owned(),
                "date" => sent = String::from_utf8_lossy(&bytes).trim().to_string(),
                "name" => shown_as = String::from_utf8_lossy(&bytes).into_owned(),
                "confirm" => confirm = true,
                "file" => upload = Some((file_name.unwrap_or_default(), bytes.to_vec())),
                _ => {}
            },
            Err(e) => {
                return (
                    StatusCode::PAYLOAD_TOO_LARGE,
                    crate::tr!(
                        "serve.upload.unread",
                        "загруженный файл не прочитан: {e}",
                        "the upload was not read: {e}"
                    )
                    .to_string(),
                )
                    .into_response();
            }
        }
    }
    if !app.guard.csrf_ok(&csrf) {
        return forbidden();
    }
    blocking(app, move |app| {
        // The day an archive's letters were sent (its events are dated the day it was made otherwise).
        let date = match not_after(&sent, Dated::Sending) {
            Ok(date) => date,
            Err(why) => return app.pages.page("message.html", context! { title => file_refused(), text => why.to_string(), back => "/journal", csrf => app.guard.csrf() }),
        };
        let dir = match scratch() {
            Ok(d) => d,
            Err(e) => return failure(&e),
        };
        let path = match upload {
            Some((name, bytes)) => {
                let ext = std::path::Path::new(&name)
                    .extension()
                    .map(|e| e.to_string_lossy().to_lowercase())
                    .filter(|e| matches!(e.as_str(), "csv" | "xlsx" | "xls" | "ods" | "zip"));
                let Some(ext) = ext else {
                    let text = crate::tr!(
                        "serve.upload.kind",
                        "Нужен файл CSV, XLSX, XLS, ODS или архив ZIP, сделанный vzysk",
                        "A CSV, XLSX, XLS or ODS file or a ZIP archive made by vzysk is needed"
                    );
                    return app.pages.page("message.html", context! { title => file_refused(), text => text.to_string(), back => "/journal", csrf => app.guard.csrf() });
                };
                let id = match super::guard::random_hex() {
                    Ok(id) => id,
                    Err(e) => return failure(e),
                };
                let path = dir.join(format!("upload-{id}.{ext}"));
                super::state::prune_uploads(&dir);
                if let Err(e) = std::fs::write(&path, bytes) {
                    return failure(crate::tr!(
                        "serve.upload.unsaved",
                        "загруженный файл не сохранён: {e}",
                        "{e}"
                    ));
                }
                kept = format!("{id}.{ext}");
                shown_as = name;
                path
            }
            None => {
                // The confirmation: the upload kept, by its id (hex and a known extension only).
                let ok = kept.split_once('.').is_some_and(|(id, ext)| {
                    id.len() == 32
                        && id.bytes().all(|b| b.is_ascii_hexdigit())
                        && matches!(ext, "csv" | "xlsx" | "xls" | "ods" | "zip")
                });
                let path = dir.join(format!("upload-{kept}"));
                if !ok || !path.is_file() {
                    let text = crate::tr!(
                        "serve.upload.gone",
                        "Этот файл уже записан или не был загружен: загрузите его снова",
                        "This file is recorded already or was not uploaded: upload it again"
                    );
                    return app.pages.page("message.html", context! { title => nothing_recorded(), text => text.to_string(), back => "/journal", csrf => app.guard.csrf() });
                }
                path
            }
        };
        let hidden = vec![("upload", kept.clone()), ("date", sent.clone()), ("name", shown_as.clone())];
        // The upload goes once recorded; a recording that could not be made (the journal locked by
        // a run from the command line) keeps it for «Записать» again.
        let (page, recorded) = recorded_page(
            app,
            Recording {
                source: path.clone(),
                shown_as,
                date,
                only: Vec::new(),
                confirm,
                hidden,
                back: "/journal".into(),
            },
        );
        if confirm && recorded {
            let _ = std::fs::remove_file(&path);
        }
        page
    })
    .await
}

/// Rereads the workspace (after it was edited outside the server).
pub async fn reload(
    State(app): State<Shared>,
    axum::Form(form): axum::Form<HashMap<String, String>>,
) -> Response {
    if !app.guard.form_ok(&form) {
        return forbidden();
    }
    blocking(app, |app| match reread(app) {
        Ok(()) => Redirect::to("/").into_response(),
        Err(why) => failure(why),
    })
    .await
}

/// A recording's page's title when nothing was (or could be) recorded.
fn nothing_recorded() -> &'static str {
    say("Ничего не записано", "Nothing recorded")
}

/// An upload's page's title when the file is refused before it is read.
fn file_refused() -> &'static str {
    say("Файл не принят", "The file was not accepted")
}
