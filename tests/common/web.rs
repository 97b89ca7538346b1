//! `vzysk serve` started on an ephemeral loopback port and asked over plain HTTP/1.1 (also what
//! the WebDriver client of `tests/browser.rs` speaks).

use super::text;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A running server, stopped when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    /// The token it printed, when it has one.
    pub token: Option<String>,
}

impl Server {
    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start(ws: &Path, extra: &[&str]) -> Server {
    let mut args = vec![
        "serve",
        ws.to_str().unwrap(),
        "--as-of",
        "2026-11-27",
        "--listen",
        "127.0.0.1:0",
    ];
    args.extend_from_slice(extra);
    // The workbench in its own language, Russian, unless `extra` asks for another.
    let mut child = Command::new(env!("CARGO_BIN_EXE_vzysk"))
        .env_remove("VZYSK_LANG")
        .args(&args)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    let (port, token) = loop {
        line.clear();
        assert!(err.read_line(&mut line).unwrap() > 0, "the server stopped");
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            let port = rest.split('/').next().unwrap().parse().unwrap();
            let token = rest.split("?token=").nth(1).map(|t| t.trim().to_string());
            break (port, token);
        }
    };
    // Keep reading its log so that it never blocks on a full pipe.
    std::thread::spawn(move || std::io::copy(&mut err, &mut std::io::sink()));
    Server { child, port, token }
}

/// An answer: status, headers (lower-case names), body.
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        text(&self.body)
    }
}

pub fn ask(s: &Server, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
    ask_port(s.port, method, path, headers, body)
}

/// A request to whatever listens on loopback `port`.
pub fn ask_port(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Answer {
    let mut tcp = TcpStream::connect(("127.0.0.1", port)).unwrap();
    // A request that hangs fails the test instead.
    tcp.set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: 127.0.0.1:{port}\r\n"));
    }
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str("\r\n");
    tcp.write_all(head.as_bytes()).unwrap();
    let _ = tcp.write_all(body);
    // Read the head, then the body by its length (a server may keep the connection open).
    let mut all = Vec::new();
    let mut buf = [0u8; 65536];
    let split = loop {
        if let Some(at) = all.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = tcp.read(&mut buf).unwrap_or(0);
        assert!(n > 0, "the connection closed before a response");
        all.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&all[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_lowercase(), v.trim().to_string()))
        .collect::<Vec<_>>();
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok());
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v == "chunked");
    let mut body = all[split + 4..].to_vec();
    loop {
        let done = match length {
            Some(len) => body.len() >= len,
            None if chunked => body.ends_with(b"0\r\n\r\n"),
            None => false,
        };
        if done {
            break;
        }
        let n = tcp.read(&mut buf).unwrap_or(0);
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buf[..n]);
    }
    if chunked {
        body = unchunk(&body);
    }
    Answer {
        status,
        headers,
        body,
    }
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let end = data.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
}

pub fn get(s: &Server, path: &str) -> Answer {
    ask(s, "GET", path, &[], b"")
}

pub fn post_form(s: &Server, path: &str, fields: &[(&str, &str)]) -> Answer {
    let body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    ask(
        s,
        "POST",
        path,
        &[("Content-Type", "application/x-www-form-urlencoded")],
        body.join("&").as_bytes(),
    )
}

/// A multipart form: its fields, and a file (`name`, bytes) as its field `file`.
pub fn post_multipart(
    s: &Server,
    path: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> Answer {
    let boundary = "vzysk-test-boundary";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\r\n")
                .bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").bytes());
    let kind = format!("multipart/form-data; boundary={boundary}");
    ask(s, "POST", path, &[("Content-Type", &kind)], &body)
}

/// The value of the page's hidden field `name`.
pub fn hidden(page: &str, name: &str) -> Option<String> {
    let value = page.split(&format!("name=\"{name}\" value=\"")).nth(1)?;
    Some(value.split('"').next()?.to_string())
}

pub fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The page's CSRF token (its forms' hidden field).
pub fn csrf(page: &str) -> String {
    hidden(page, "csrf").expect("a form with the token")
}

/// A copy of the sample whose first debtor's name carries a script tag.
pub fn hostile_sample(name: &str) -> std::path::PathBuf {
    let ws = super::scratch(name).join("ws");
    super::copy_sample(&ws, |file, t| {
        if file == "accounts.csv" {
            t.replacen(
                "Иванов Пётр Сергеевич",
                "<script>alert(1)</script> Иванов",
                1,
            )
        } else {
            t
        }
    });
    ws
}
