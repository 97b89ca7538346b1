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

/// `2025-09` → `сентябрь 2025`, as the documents' tables print a month (in English as it is).
fn month(v: String) -> String {
    month_words(&v)
}

/// A month `YYYY-MM` in the run's language: «сентябрь 2025», or `2025-09` in English.
pub fn month_words(v: &str) -> String {
    match (crate::lang::current(), crate::model::Period::parse(v)) {
        (crate::lang::Lang::Ru, Some(p)) => crate::russian::month(p),
        _ => v.to_string(),
    }
}

/// `9.5` → `9,5`.
fn decimal(v: J) -> String {
    v.to_string().trim_matches('"').replace('.', ",")
}

/// `2|plural("замечание", "замечания", "замечаний", "remark", "remarks")` → `замечания`
/// (`remarks` in English; without the English forms, the Russian ones in either language).
fn plural(
    n: u64,
    one: String,
    few: String,
    many: String,
    en: minijinja::value::Rest<String>,
) -> String {
    match (crate::lang::current(), en.as_slice()) {
        (crate::lang::Lang::En, [one, _]) if n == 1 => one.clone(),
        (crate::lang::Lang::En, [_, many]) => many.clone(),
        _ => crate::russian::in_words::plural(n, (&one, &few, &many)).to_string(),
    }
}

/// `say("Обзор", "Overview")`: a page's fixed words in the run's language (the templates' own
/// text, so not escaped again: the page says it as written).
fn say(ru: String, en: String) -> J {
    J::from_safe_string(crate::lang::current().pick(ru, en))
}

impl Pages {
    /// The pages; `fixed_as_of` is the day the server was told to work as of (`--as-of`), which
    /// every page says.
    pub fn new(fixed_as_of: Option<chrono::NaiveDate>) -> Result<Pages, String> {
        let mut env = Environment::new();
        env.add_global("lang", crate::lang::current().code());
        env.add_function("say", say);
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
                .map_err(|e| page_broken(name, &e).to_string())?;
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
            Err(e) => failure(page_broken(name, &e)),
        }
    }
}

/// A page's template that does not make a page.
fn page_broken(name: &str, e: &minijinja::Error) -> crate::lang::Text {
    crate::tr!(
        "serve.page.broken",
        "страница {name}: {e}",
        "page {name}: {e}"
    )
}

/// A short page of its own (no template: it must show even when the templates fail), the text
/// escaped.
pub fn plain_page(status: StatusCode, title: &str, text: &str) -> Response {
    use crate::lang::say;
    let escape = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let html = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{} — vzysk</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><nav><b>vzysk</b> <a href=\"/\">{}</a> <a href=\"/debtors\">{}</a></nav><main><h1>{}</h1><p>{}</p></main></body></html>",
        crate::lang::current().code(),
        escape(title),
        say("Обзор", "Overview"),
        say("Должники", "Debtors"),
        escape(title),
        escape(text)
    );
    (status, Html(html)).into_response()
}

/// A failure the page says plainly.
pub fn failure(why: impl std::fmt::Display) -> Response {
    plain_page(
        StatusCode::INTERNAL_SERVER_ERROR,
        crate::lang::say("Не получилось", "It did not work"),
        &why.to_string(),
    )
}

/// The workspace's lock is lost (a request that held it panicked): no page can be made of it.
pub fn busy() -> Response {
    failure(crate::tr!(
        "serve.workspace.busy",
        "дело сейчас перечитывается",
        "the workspace is being read"
    ))
}

/// `what` (an account, a document, a kind, a batch, an archive, an upload) is not there.
pub fn not_found(what: &str) -> Response {
    use crate::lang::say;
    let text = match what {
        "account" => say(
            "Такого лицевого счёта в деле нет.",
            "The workspace has no such account.",
        ),
        "document" | "kind" => say(
            "Такого вида документов нет.",
            "There is no such kind of document.",
        ),
        "batch" => say("Такого пакета нет.", "There is no such batch."),
        "archive" => say(
            "Архива нет: пакет не сформирован или сделан не этим сервером.",
            "There is no archive: the batch was not made, or not by this server.",
        ),
        "upload" => say(
            "Такого загруженного файла нет: загрузите его снова.",
            "There is no such uploaded file: upload it again.",
        ),
        _ => say("Такой страницы нет.", "There is no such page."),
    };
    plain_page(StatusCode::NOT_FOUND, say("Не найдено", "Not found"), text)
}

/// A form without this server's token.
pub fn forbidden() -> Response {
    plain_page(
        StatusCode::FORBIDDEN,
        crate::lang::say("Форма не принята", "The form was not accepted"),
        crate::lang::say(
            "Форма устарела или отправлена не со страницы vzysk: обновите страницу и отправьте её снова.",
            "The form is out of date or was not sent from a vzysk page: reload the page and send it again.",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_templates_are_read_and_a_page_made() {
        let pages = Pages::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 27)).unwrap();
        let ctx = minijinja::context! { title => "T", text => "<b>", back => "/", csrf => "c" };
        let html = pages
            .env
            .get_template("message.html")
            .unwrap()
            .render(ctx)
            .unwrap();
        assert!(
            html.contains("<html lang=\"ru\">") || html.contains("<html lang=\"en\">"),
            "{html}"
        );
        assert!(
            html.contains("&lt;b&gt;") && html.contains("27.11.2026"),
            "{html}"
        );
    }
}
