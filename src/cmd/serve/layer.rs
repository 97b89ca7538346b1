//! The layer every request passes: the host a loopback server answers to, the access token (kept
//! in a cookie once given), and the headers of every answer; the log line of each request.

use super::guard::{COOKIE, CSP, Guard, loopback_host, refuse, same};
use super::state::Shared;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

/// Every request: the host, the token, then the headers of its answer — a refusal and a redirect
/// carry them as a page does.
pub async fn check(State(app): State<Shared>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let mut response = match admit(&app.guard, &request) {
        Some(refused) => refused,
        None => next.run(request).await,
    };
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_FRAME_OPTIONS, "SAMEORIGIN"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    // The log: what was asked and the answer; a path names at most an account number.
    say!("vzysk: {method} {path} {}", response.status().as_u16());
    response
}

/// The answer given instead of the page: a foreign host, a missing token, or the token just given
/// (kept in a cookie, the address given back without it); `None` lets the request through.
fn admit(guard: &Guard, request: &Request) -> Option<Response> {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if guard.loopback && !loopback_host(host) {
        return Some(refuse(
            StatusCode::MISDIRECTED_REQUEST,
            crate::tr!(
                "serve.host.foreign",
                "Этот сервер отвечает только на этом компьютере (по адресу 127.0.0.1 или localhost).",
                "This server answers only on this computer (at 127.0.0.1 or localhost)."
            ),
        ));
    }
    let token = guard.token()?;
    let cookie = request
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|c| c.to_str().ok())
        .flat_map(|c| c.split(';'))
        .filter_map(|c| {
            c.trim()
                .strip_prefix(&format!("{COOKIE}="))
                .map(str::to_string)
        })
        .any(|c| same(&c, token));
    if cookie {
        return None;
    }
    let query = request.uri().query().unwrap_or("");
    let given = query
        .split('&')
        .find_map(|p| p.strip_prefix("token="))
        .is_some_and(|t| same(t, token));
    if !given || request.method() != Method::GET {
        return Some(refuse(
            StatusCode::UNAUTHORIZED,
            crate::tr!(
                "serve.token.missing",
                "Нужен ключ доступа: откройте адрес, напечатанный при запуске сервера (с ?token=…).",
                "An access token is needed: open the address printed when the server started (with ?token=…)."
            ),
        ));
    }
    let mut to = Redirect::to(request.uri().path()).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
    )) {
        to.headers_mut().insert(header::SET_COOKIE, v);
    }
    Some(to)
}
