//! Who may ask and what every answer carries: the access token off loopback, the `Host` a loopback
//! server answers to, the CSRF token every POST must carry, and the headers of every response
//! (a Content-Security-Policy without inline script, no caching, no referrer, no sniffing).

use super::Shared;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::net::SocketAddr;

/// The policy of every page: scripts and styles from this server only, never inline; frames (the
/// PDF preview) from this server only.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; object-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

const COOKIE: &str = "vzysk_token";

pub struct Guard {
    token: Option<String>,
    csrf: String,
    loopback: bool,
}

/// 32 hex digits from the system's random source.
fn random_hex() -> Result<String, String> {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| format!("no random source for a token: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Compares without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl Guard {
    /// The guard of a server on `listen`: off loopback a token is required (`auto`: made here).
    pub fn new(listen: SocketAddr, token: Option<&str>) -> Result<Guard, String> {
        let loopback = listen.ip().is_loopback();
        let token = match token {
            Some("auto") => Some(random_hex()?),
            Some(t) if t.len() < 16 || !t.bytes().all(|b| b.is_ascii_alphanumeric()) => {
                return Err("--token must be at least 16 letters and digits (or `auto`)".into());
            }
            Some(t) => Some(t.to_string()),
            None if loopback => None,
            None => {
                return Err(format!(
                    "{listen} is not a loopback address: give --token (or --token auto) so that only those with it see the workspace"
                ));
            }
        };
        Ok(Guard {
            token,
            csrf: random_hex()?,
            loopback,
        })
    }

    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// The token every form carries.
    pub fn csrf(&self) -> &str {
        &self.csrf
    }

    /// Whether a form's `csrf` field is this server's.
    pub fn csrf_ok(&self, given: &str) -> bool {
        same(given, &self.csrf)
    }
}

/// A loopback `Host`: `localhost`, `127.0.0.1` or `[::1]`, with any port.
fn loopback_host(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    matches!(name, "localhost" | "127.0.0.1" | "[::1]")
}

fn refuse(status: StatusCode, why: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        why.to_string(),
    )
        .into_response()
}

/// Every request: the host, the token, then the headers of its answer.
pub async fn check(State(app): State<Shared>, request: Request, next: Next) -> Response {
    let guard = &app.guard;
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if guard.loopback && !loopback_host(host) {
        return refuse(
            StatusCode::MISDIRECTED_REQUEST,
            "this server answers on loopback only",
        );
    }
    if let Some(token) = &guard.token {
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
        if !cookie {
            // The token once in the address: kept in a cookie, and the address given back without it.
            let query = request.uri().query().unwrap_or("");
            let given = query
                .split('&')
                .find_map(|p| p.strip_prefix("token="))
                .is_some_and(|t| same(t, token));
            if !given || request.method() != Method::GET {
                return refuse(
                    StatusCode::UNAUTHORIZED,
                    "give the token printed when the server started",
                );
            }
            let mut to = Redirect::to(request.uri().path()).into_response();
            if let Ok(v) = HeaderValue::from_str(&format!(
                "{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
            )) {
                to.headers_mut().insert(header::SET_COOKIE, v);
            }
            return to;
        }
    }
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
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
    eprintln!("vzysk: {method} {path} {}", response.status().as_u16());
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_loopback_a_token_is_required() {
        let off: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        let on: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        assert!(Guard::new(off, None).is_err());
        assert!(Guard::new(off, Some("short")).is_err());
        assert_eq!(
            Guard::new(off, Some("auto"))
                .unwrap()
                .token()
                .unwrap()
                .len(),
            32
        );
        assert!(Guard::new(on, None).unwrap().token().is_none());
        let g = Guard::new(on, None).unwrap();
        assert!(g.csrf_ok(g.csrf()));
        assert!(!g.csrf_ok(""));
        assert!(!g.csrf_ok(&"0".repeat(32)));
    }

    #[test]
    fn loopback_hosts() {
        for ok in ["localhost", "localhost:8080", "127.0.0.1:1", "[::1]:8080"] {
            assert!(loopback_host(ok), "{ok}");
        }
        for bad in [
            "evil.example:8080",
            "127.0.0.2",
            "",
            "localhost.evil.example",
        ] {
            assert!(!loopback_host(bad), "{bad}");
        }
    }
}
