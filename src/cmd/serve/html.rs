//! The pages' templates (`html/`, minijinja with HTML auto-escaping: a name from the input is text,
//! never markup), the filters that print amounts and dates as the documents do, and plain answers.

use axum::http::{StatusCode, header};
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
        Ok(d) => d.format("%d.%m.%Y").to_string(),
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

impl Pages {
    pub fn new() -> Result<Pages, String> {
        let mut env = Environment::new();
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
        Ok(Pages { env })
    }

    pub fn page(&self, name: &str, ctx: J) -> Response {
        match self.env.get_template(name).and_then(|t| t.render(ctx)) {
            Ok(html) => Html(html).into_response(),
            Err(e) => failure(&format!("page {name}: {e}")),
        }
    }
}

/// A failure the page says plainly.
pub fn failure(why: &str) -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        why.to_string(),
    )
        .into_response()
}

pub fn not_found(what: &str) -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{what}: not found"),
    )
        .into_response()
}

/// A form without this server's token.
pub fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "the form's token is missing or stale: reload the page",
    )
        .into_response()
}
