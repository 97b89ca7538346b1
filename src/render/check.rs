//! Checking a workspace's templates before anything is made: each document template composed with
//! the workspace's overrides and parsed as Typst, each error placed at the line of the template file
//! that holds it (`templates/file:line:column`). `generate` runs it first; `templates check` also
//! compiles each template with one document's values.

use super::compose::Composer;
use crate::templates::{TEMPLATES, Template};
use std::path::{Path, PathBuf};

/// The document templates (PDFs), whose errors a check can find: not the partials, not the text.
pub fn document_templates() -> impl Iterator<Item = &'static Template> {
    TEMPLATES.iter().filter(|t| t.is_typst() && !t.is_partial())
}

/// Composes every document template with the overrides in `dir` and `context` (the organisation's
/// values) and parses it as Typst: each error as `templates/file:line:column: message`. Cheap.
pub fn syntax_errors(dir: &Path, context: &serde_json::Value) -> Vec<String> {
    let composer = Composer::new(Some(dir.to_path_buf()));
    let mut errors = Vec::new();
    for t in document_templates() {
        let text = match composer.compose(t.name, context) {
            Ok(text) => text,
            Err(e) => {
                // `e` starts with the failing file's name and line; only an override can fail.
                errors.push(format!("templates/{}", tool_words(&e.to_string())));
                continue;
            }
        };
        let mut found = Vec::new();
        syntax_error_nodes(&typst::syntax::parse(&text), 0, &mut found);
        for (offset, message) in found {
            let before = text.get(..offset).unwrap_or("");
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            errors.push(format!(
                "{}: {}",
                place(dir, t.name, &text, line, col),
                quoted(&message)
            ));
        }
    }
    // The text templates (SMS, call lists) are minijinja only: their template syntax is checked.
    for t in TEMPLATES.iter().filter(|t| !t.is_typst()) {
        if let Err(e) = composer.syntax(t.name) {
            errors.push(format!("templates/{}", tool_words(&e.to_string())));
        }
    }
    // A partial's error shows in every template that includes it: say it once.
    let mut seen = std::collections::HashSet::new();
    errors.retain(|e| seen.insert(e.clone()));
    errors
}

/// A message of Typst or minijinja in their own (English) words: quoted «so» in a Russian run.
fn quoted(message: &str) -> String {
    match crate::lang::current() {
        crate::lang::Lang::Ru => format!("«{message}»"),
        crate::lang::Lang::En => message.to_string(),
    }
}

/// `file:line: message` of minijinja with its message [`quoted`].
fn tool_words(error: &str) -> String {
    let place_end = error.find(": ").filter(|&i| {
        error[..i]
            .rsplit(':')
            .next()
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    });
    match place_end {
        Some(i) => format!("{}: {}", &error[..i], quoted(&error[i + 2..])),
        None => quoted(error),
    }
}

/// The syntax errors under `node` (which starts at byte `offset`): where each starts, and why.
fn syntax_error_nodes(
    node: &typst::syntax::SyntaxNode,
    offset: usize,
    out: &mut Vec<(usize, String)>,
) {
    if node.kind() == typst::syntax::SyntaxKind::Error {
        for e in node.errors_and_warnings().0 {
            out.push((offset, e.message.to_string()));
        }
        return;
    }
    let mut at = offset;
    for child in node.children() {
        syntax_error_nodes(child, at, out);
        at += child.len();
    }
}

/// Where line `line`, column `col` of template `name` as composed stands in the template files:
/// the workspace file (or an included one) holding that very line, else the composed template.
pub fn place(dir: &Path, name: &str, composed: &str, line: usize, col: usize) -> String {
    let wanted = composed.lines().nth(line.wrapping_sub(1)).unwrap_or("");
    if !wanted.trim().is_empty() {
        let mut files: Vec<PathBuf> = vec![dir.join(name)];
        if let Ok(entries) = std::fs::read_dir(dir) {
            let mut others: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            others.sort();
            files.extend(others);
        }
        for file in files.iter().filter(|f| f.is_file()) {
            let Ok(text) = std::fs::read_to_string(file) else {
                continue;
            };
            if let Some(n) = text.lines().position(|l| l == wanted) {
                let shown = file
                    .file_name()
                    .map_or(String::new(), |f| f.to_string_lossy().into_owned());
                return format!("templates/{shown}:{}:{col}", n + 1);
            }
        }
    }
    let composed = crate::lang::say("собранный", "composed");
    format!("{name} ({composed}):{line}:{col}")
}

/// A render error (`name:line:col: message; …`, lines of the composed template) with each place
/// moved to the template file where it can be found there.
pub fn relocate(dir: &Path, name: &str, composed: &str, error: &str) -> String {
    error
        .split("; ")
        .map(|part| {
            let rest = part.strip_prefix(&format!("{name}:")).unwrap_or("");
            let mut it = rest.splitn(3, ':');
            match (
                it.next().and_then(|l| l.parse().ok()),
                it.next().and_then(|c| c.parse().ok()),
                it.next(),
            ) {
                (Some(line), Some(col), Some(msg)) => {
                    format!("{}:{msg}", place(dir, name, composed, line, col))
                }
                _ => format!("{name}: {part}"),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
