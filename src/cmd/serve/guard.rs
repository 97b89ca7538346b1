//! Who may ask and what every answer carries: the access token off loopback, the `Host` a loopback
//! server answers to, the CSRF token every POST must carry, and the headers of every response
//! (a Content-Security-Policy without inline script, no caching, no referrer, no sniffing).

use crate::lang::Text;
use axum::http::StatusCode;
use axum::response::Response;
use std::net::SocketAddr;

/// The policy of every page: scripts and styles from this server only, never inline; frames (the
/// PDF preview) from this server only.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; object-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

pub const COOKIE: &str = "vzysk_token";

pub struct Guard {
    token: Option<String>,
    csrf: String,
    pub loopback: bool,
}

/// 32 hex digits from the system's random source.
pub fn random_hex() -> Result<String, Text> {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| {
            crate::tr!(
                "serve.random.missing",
                "нет источника случайных чисел для ключа: {e}",
                "no random source for a token: {e}"
            )
        })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Compares without stopping at the first difference.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

impl Guard {
    /// The guard of a server on `listen`: off loopback a token is required (`auto`: made here).
    pub fn new(listen: SocketAddr, token: Option<&str>) -> Result<Guard, Text> {
        let loopback = listen.ip().is_loopback();
        let token = match token {
            Some("auto") => Some(random_hex()?),
            Some(t) if !strong(t) => {
                return Err(crate::tr!(
                    "serve.token.weak",
                    "ключ --token должен состоять не менее чем из 16 латинских букв и цифр, из них не менее 8 разных (или укажите `auto`: ключ будет создан случайно)",
                    "--token must be at least 16 letters and digits, at least 8 of them different (or `auto`, which makes a random one)"
                ));
            }
            Some(t) => Some(t.to_string()),
            None if loopback => None,
            None => {
                return Err(crate::tr!(
                    "serve.token.required",
                    "{listen} — не локальный адрес: укажите --token (или --token auto), чтобы дело видели только те, у кого есть ключ",
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

    /// Whether the `csrf` field of a form's fields is this server's.
    pub fn form_ok(&self, form: &std::collections::HashMap<String, String>) -> bool {
        self.csrf_ok(form.get("csrf").map(String::as_str).unwrap_or(""))
    }

    /// Whether a form's `csrf` field is this server's.
    pub fn csrf_ok(&self, given: &str) -> bool {
        same(given, &self.csrf)
    }
}

/// A loopback `Host`: `localhost`, `127.0.0.1` or `[::1]`, with any port.
/// Whether a token given by hand is not trivially guessed: 16 or more letters and digits, 8 or
/// more of them different (`aaaaaaaaaaaaaaaa` or `1212121212121212` is refused).
fn strong(t: &str) -> bool {
    let distinct: std::collections::HashSet<u8> = t.bytes().collect();
    t.len() >= 16 && t.bytes().all(|b| b.is_ascii_alphanumeric()) && distinct.len() >= 8
}

pub fn loopback_host(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    matches!(name, "localhost" | "127.0.0.1" | "[::1]")
}

/// A request refused before any page (a foreign host, no token): `why` in the run's language.
pub fn refuse(status: StatusCode, why: Text) -> Response {
    super::html::plain_page(
        status,
        crate::lang::say("Доступ закрыт", "Access denied"),
        why.as_str(),
    )
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
        assert!(Guard::new(off, Some("aaaaaaaaaaaaaaaa")).is_err());
        assert!(Guard::new(off, Some("1212121212121212")).is_err());
        assert!(Guard::new(off, Some("x7Kq2mPz9LwR4tVb")).is_ok());
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
