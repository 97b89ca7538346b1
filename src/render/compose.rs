//! minijinja composes the Typst source of a document kind once per batch and court (shared blocks,
//! organisation and court settings, optional sections); per-debtor values never pass through here.
//! Every value is escaped for Typst markup; `|str` gives a Typst string literal for code contexts.
//! Templates are looked up by plain name, first in the workspace's `templates/`, then among the
//! built-ins (`templates::TEMPLATES`): no path can leave those two folders.

use crate::templates::Template;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};
use std::path::{Path, PathBuf};

/// Escapes text for Typst markup: every ASCII punctuation character gets a backslash (so nothing
/// is markup, code, math, a label or a reference), line breaks become spaces.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A Typst string literal holding `text` verbatim.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A plain template name: letters, digits, `_`, `-`, `.`; no separators, no `..`.
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains("..")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// The template environment of a run: built-ins, overridden by `<workspace>/templates/`.
pub struct Composer {
    env: Environment<'static>,
}

/// The instructions one composition may take (minijinja's fuel): the built-in templates take a few
/// thousand; a loop that would not end runs out of it and is named in the error.
pub const FUEL: u64 = 2_000_000;

/// A template file's largest size: the built-ins are a few kilobytes.
pub const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

/// A workspace template's text: a regular file of the folder (never a link, which could point
/// anywhere), of a sensible size.
fn read_override(path: &Path) -> Result<Option<String>, Error> {
    let not_found = |why: String| Err(Error::new(ErrorKind::TemplateNotFound, why));
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(_) => return Ok(None),
    };
    let shown = path.display();
    if meta.file_type().is_symlink() {
        return not_found(
            crate::tr!(
                "template.symlink",
                "{shown} — символическая ссылка: шаблон должен быть обычным файлом папки templates",
                "{shown} is a symbolic link: a template must be a regular file of the templates folder"
            )
            .to_string(),
        );
    }
    if !meta.is_file() {
        return not_found(
            crate::tr!(
                "template.not_a_file",
                "{shown} — не обычный файл",
                "{shown} is not a regular file"
            )
            .to_string(),
        );
    }
    if meta.len() > MAX_TEMPLATE_BYTES {
        let (size, most) = (meta.len(), MAX_TEMPLATE_BYTES);
        return not_found(
            crate::tr!(
                "template.too_big",
                "{shown} занимает {size} байт — больше предельных для шаблона {most}",
                "{shown} is {size} bytes, more than a template's {most}"
            )
            .to_string(),
        );
    }
    std::fs::read_to_string(path)
        .map(Some)
        .or_else(|e| not_found(format!("{}: {e}", path.display())))
}

impl Composer {
    pub fn new(override_dir: Option<PathBuf>) -> Composer {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Chainable);
        env.set_fuel(Some(FUEL));
        // Typst templates escape every value for markup; plain-text templates (SMS, call scripts) do not.
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".typ.j2") {
                AutoEscape::Custom("typst".into())
            } else {
                AutoEscape::None
            }
        });
        env.set_formatter(|out, state, value| {
            if value.is_none() || value.is_undefined() {
                return Ok(());
            }
            let text = value.to_string();
            let escaped = match state.auto_escape() {
                AutoEscape::None => text,
                _ if value.is_safe() => text,
                _ => escape_markup(&text),
            };
            out.write_str(&escaped).map_err(Error::from)
        });
        // «Ведущий юрисконсульт …» after a comma: the first letter small, unless the word is an
        // abbreviation («ООО …»).
        env.add_filter("decapitalize", |v: String| {
            let mut chars = v.chars();
            match (chars.next(), chars.next()) {
                (Some(first), Some(second)) if second.is_lowercase() => {
                    first.to_lowercase().chain(v.chars().skip(1)).collect()
                }
                _ => v,
            }
        });
        env.add_filter("str", |v: Value| {
            Value::from_safe_string(string_literal(&v.to_string()))
        });
        env.set_loader(move |name| {
            if !plain_name(name) {
                return Err(Error::new(
                    ErrorKind::TemplateNotFound,
                    crate::tr!(
                        "template.not_plain",
                        "имя шаблона {name:?} — не простое имя файла в папке templates",
                        "template name {name:?} is not a plain file name in the templates folder"
                    )
                    .to_string(),
                ));
            }
            if let Some(dir) = &override_dir
                && let Some(text) = read_override(&dir.join(name))?
            {
                return Ok(Some(text));
            }
            Ok(Template::find(name).map(|t| t.source.to_string()))
        });
        Composer { env }
    }

    /// Where a template comes from, for messages.
    pub fn origin(override_dir: Option<&Path>, name: &str) -> String {
        match override_dir
            .map(|d| d.join(name))
            .filter(|p| std::fs::symlink_metadata(p).is_ok())
        {
            Some(p) => p.display().to_string(),
            None => {
                let built_in = crate::lang::say("встроенный", "built in");
                format!("templates/{name} ({built_in})")
            }
        }
    }

    /// Whether template `name` (and what it includes at load) is valid minijinja.
    pub fn syntax(&self, name: &str) -> Result<(), String> {
        self.env
            .get_template(name)
            .map(|_| ())
            .map_err(|e| describe(&e))
    }

    /// Renders template `name` with `context` into Typst source.
    pub fn compose(&self, name: &str, context: &serde_json::Value) -> Result<String, String> {
        let template = self.env.get_template(name).map_err(|e| describe(&e))?;
        template
            .render(minijinja::value::Serde(context))
            .map_err(|e| describe(&e))
    }
}

fn describe(e: &Error) -> String {
    let mut text = match (e.name(), e.line()) {
        (Some(n), Some(l)) => format!("{n}:{l}: {e}"),
        _ => e.to_string(),
    };
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(&format!(": {s}"));
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_leave_the_folder() {
        for bad in [
            "../x",
            "/etc/passwd",
            "a/b.typ",
            "..",
            ".hidden",
            "",
            "a\\b",
        ] {
            assert!(!plain_name(bad), "{bad}");
        }
        assert!(plain_name("court-order.typ.j2"));
        let c = Composer::new(None);
        let ctx = serde_json::json!({});
        let err = c.compose("../../etc/passwd", &ctx).unwrap_err();
        let plain = crate::lang::say("не простое имя файла", "not a plain file name");
        assert!(err.contains(plain), "{err}");
    }

    #[test]
    fn escaping_makes_markup_literal() {
        assert_eq!(
            escape_markup("#panic(\"x\") *b*"),
            "\\#panic\\(\\\"x\\\"\\) \\*b\\*"
        );
        assert_eq!(escape_markup("a\nb"), "a b");
        assert_eq!(string_literal("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    }
}
