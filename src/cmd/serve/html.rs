//! The pages' templates (`html/`, minijinja with HTML auto-escaping: a name from the input is text,
//! never markup), the filters that print amounts and dates as the documents do, and plain answers.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use minijinja::{Environment, Value as J};
use rust_decimal::Decimal;

/// The templates of the pages.
pub struct Pages {
    env: Environment<'static>,
}

/// Any serializable value as the templates' value.
pub fn ser<T: serde::Serialize>(v: &T) -> J {
    J::from(minijinja::value::Serde(v))
}

/// `1234.5` or `"1234.50"` → `1 234,50`.
fn money(v: J) -> String {
    let text = v.to_string();
    text.trim_matches('"')
        .parse::<Decimal>()
        .map(crate::money::ru)
        .unwrap_or(text)
}

/// A text as a part of an address: every byte but letters, digits and `-_.~` percent-encoded.
fn urlencode(v: String) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `2026-11-27` → `27.11.2026`.
fn date(v: J) -> String {
    let text = v.to_string();
    match chrono::NaiveDate::parse_from_str(text.trim_matches('"'), "%Y-%m-%d") {
        Ok(d) => crate::russian::date(d),
        Err(_) => text,
    }
}

/// `2025-09` → `сентябрь 2025`, as the documents' tables print a month.
fn month(v: String) -> String {
    crate::model::Period::parse(&v).map_or(v, crate::russian::month)
}

/// `9.5` → `9,5`.
fn decimal(v: J) -> String {
    v.to_string().trim_matches('"').replace('.', ",")
}

/// `2|plural("замечание", "замечания", "замечаний")` → `замечания`.
fn plural(n: u64, one: String, few: String, many: String) -> String {
    crate::russian::in_words::plural(n, (&one, &few, &many)).to_string()
}

impl Pages {
    /// The pages; `fixed_as_of` is the day the server was told to work as of (`--as-of`), which
    /// every page says.
    pub fn new(fixed_as_of: Option<chrono::NaiveDate>) -> Result<Pages, String> {
        let mut env = Environment::new();
        if let Some(day) = fixed_as_of {
            env.add_global("fixed_as_of", crate::russian::date(day));
        }
        for (name, text) in [
            ("layout.html", include_str!("html/layout.html")),
            ("overview.html", include_str!("html/overview.html")),
            ("debtors.html", include_str!("html/debtors.html")),
            ("card.html", include_str!("html/card.html")),
            ("journal.html", include_str!("html/journal.html")),
            ("templates.html", include_str!("html/templates.html")),
            ("message.html", include_str!("html/message.html")),
            ("batches.html", include_str!("html/batches.html")),
            ("batch.html", include_str!("html/batch.html")),
        ] {
            env.add_template(name, text)
                .map_err(|e| format!("page {name}: {e}"))?;
        }
        env.add_filter("money", money);
        env.add_filter("date", date);
        env.add_filter("urlencode", urlencode);
        env.add_filter("month", month);
        env.add_filter("decimal", decimal);
        env.add_filter("plural", plural);
        Ok(Pages { env })
    }

    pub fn page(&self, name: &str, ctx: J) -> Response {
        match self.env.get_template(name).and_then(|t| t.render(ctx)) {
            Ok(html) => Html(html).into_response(),
            Err(e) => failure(&format!("page {name}: {e}")),
        }
    }
}

/// A short page of its own (no template: it must show even when the templates fail), the text
/// escaped.
pub fn plain_page(status: StatusCode, title: &str, text: &str) -> Response {
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let html = format!(
        "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>{} — vzysk</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><nav><b>vzysk</b> <a href=\"/\">Обзор</a> <a href=\"/debtors\">Должники</a></nav><main><h1>{}</h1><p>{}</p></main></body></html>",
        escape(title),
        escape(title),
        escape(text)
    );
    (status, Html(html)).into_response()
}

/// A failure the page says plainly.
pub fn failure(why: &str) -> Response {
    plain_page(StatusCode::INTERNAL_SERVER_ERROR, "Не получилось", why)
}

/// `what` (an account, a document, a kind, a batch, an archive, an upload) is not there.
pub fn not_found(what: &str) -> Response {
    let text = match what {
        "account" => "Такого лицевого счёта в деле нет.",
        "document" | "kind" => "Такого вида документов нет.",
        "batch" => "Такого пакета нет.",
        "archive" => "Архива нет: пакет не сформирован или сделан не этим сервером.",
        "upload" => "Такого загруженного файла нет: загрузите его снова.",
        _ => "Такой страницы нет.",
    };
    plain_page(StatusCode::NOT_FOUND, "Не найдено", text)
}

/// A form without this server's token.
pub fn forbidden() -> Response {
    plain_page(
        StatusCode::FORBIDDEN,
        "Форма не принята",
        "Форма устарела или отправлена не со страницы vzysk: обновите страницу и отправьте её снова.",
    )
}
