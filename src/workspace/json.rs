//! One JSON file with the tables: `{"accounts": [{…}, …], "ledger": […], "events": […]}`, each row an
//! object keyed by column names (ours or their Russian aliases). Numbers are taken as written in
//! the file, never through a float. Rows are numbered from 1 in each array.

use super::sheet::{Record, Sheets};
use crate::diag::Diagnostic;
use crate::lang::Text;
use crate::tr;
use serde_json::value::RawValue;
use std::path::Path;

type Object<'a> = Vec<(String, &'a RawValue)>;

/// The tables of the JSON file at `path`, as rows of text whose first row is the header (the keys
/// in the order they first appear), or `None` with the reason in `diags`.
pub fn read(path: &Path, file: &str, diags: &mut Vec<Diagnostic>) -> Option<Sheets> {
    let text = utf8(path, file, diags)?;
    let top: Object = match serde_json::from_str::<pairs::Pairs>(&text) {
        Ok(t) => t.0,
        Err(e) => {
            diags.push(syntax(file, e));
            return None;
        }
    };
    let json = Json { file, text: &text };
    if json.twice(&top, &tr!("json.where.file", "файле", "the file"), diags) {
        return None;
    }
    let mut tables = Vec::new();
    for (name, raw) in top {
        if let Some(rows) = json.table(&name, raw, diags) {
            tables.push((name, rows));
        }
    }
    Some(tables)
}

/// The file's text; `None` when there is none, or with the reason in `diags` (not UTF-8, not a
/// regular file, past its budget).
fn utf8(path: &Path, file: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    match super::budget::read_file(path, file).map(|b| b.map(String::from_utf8)) {
        Ok(Some(Ok(t))) => Some(t),
        Ok(Some(Err(_))) => {
            diags.push(Diagnostic::error(
                file,
                tr!(
                    "source.not_utf8",
                    "файл не в UTF-8",
                    "the file is not UTF-8"
                ),
                tr!(
                    "json.not_utf8.fix",
                    "сохраните его как JSON в UTF-8",
                    "save it as UTF-8 JSON"
                ),
            ));
            None
        }
        Ok(None) => None,
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// The file is no JSON: where, and what it should look like.
fn syntax(file: &str, e: serde_json::Error) -> Diagnostic {
    Diagnostic::error(
        file,
        tr!(
            "json.invalid",
            "ошибка в записи JSON: «{e}»",
            "not valid JSON: {e}"
        ),
        tr!(
            "json.invalid.fix",
            "запишите файл в виде {{\"accounts\": [...], \"ledger\": [...], \"events\": [...]}}",
            "write {{\"accounts\": [...], \"ledger\": [...], \"events\": [...]}}"
        ),
    )
    .at(e.line() as u64)
}

/// The JSON file's text, where a value's line is found.
struct Json<'t> {
    file: &'t str,
    text: &'t str,
}

impl Json<'_> {
    /// The line of the file a value starts on.
    fn line_of(&self, raw: &RawValue) -> u64 {
        let at = (raw.get().as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        self.text
            .get(..at)
            .map_or(1, |t| t.matches('\n').count() as u64 + 1)
    }

    /// A key given twice would drop one of its values without a word: an error, at the second;
    /// whether there was one.
    fn twice(&self, object: &Object, what: &Text, diags: &mut Vec<Diagnostic>) -> bool {
        let (what_ru, what_en) = (what.ru(), what.en());
        let mut seen = std::collections::HashSet::new();
        let mut bad = false;
        for (key, value) in object {
            if !seen.insert(key.as_str()) {
                diags.push(
                    Diagnostic::error(
                        self.file,
                        tr!(
                            "json.key.twice",
                            "ключ «{key}» указан дважды в {what_ru}",
                            "the key \"{key}\" is given twice in {what_en}"
                        ),
                        tr!(
                            "json.key.twice.fix",
                            "оставьте один: второй незаметно заменил бы первый",
                            "keep one: a second would silently replace the first"
                        ),
                    )
                    .at(self.line_of(value)),
                );
                bad = true;
            }
        }
        bad
    }

    /// One table: the array `raw` of key `name`, its rows of text under a header of every key in
    /// the order they first appear; `None`, with a warning, when it is no array.
    fn table(
        &self,
        name: &str,
        raw: &RawValue,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Vec<Record>> {
        let file = self.file;
        let items: Vec<&RawValue> = match serde_json::from_str(raw.get()) {
            Ok(v) => v,
            Err(_) => {
                diags.push(Diagnostic::warning(
                    file,
                    tr!(
                        "json.table.not_list",
                        "«{name}» — не список строк и не читается",
                        "\"{name}\" is not a list of rows and is ignored"
                    ),
                    tr!(
                        "json.table.not_list.fix",
                        "запишите каждую таблицу списком объектов",
                        "make each table a list of objects"
                    ),
                ));
                return None;
            }
        };
        let label = format!("{file} [{name}]");
        let mut header: Vec<String> = Vec::new();
        let mut objects: Vec<Object> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let object: Object = match serde_json::from_str::<pairs::Pairs>(item.get()) {
                Ok(pairs) => pairs.0,
                Err(_) => {
                    diags.push(
                        Diagnostic::error(
                            &label,
                            tr!(
                                "json.row.not_object",
                                "строка — не объект",
                                "the row is not an object"
                            ),
                            tr!(
                                "json.row.not_object.fix",
                                "запишите каждую строку в виде {{\"колонка\": значение, ...}}",
                                "write each row as {{\"column\": value, ...}}"
                            ),
                        )
                        .at(i as u64 + 1),
                    );
                    Vec::new()
                }
            };
            let n = i + 1;
            let at = tr!(
                "json.where.row",
                "строке {n} таблицы «{name}»",
                "row {n} of \"{name}\""
            );
            self.twice(&object, &at, diags);
            for (key, _) in &object {
                if !header.contains(key) {
                    header.push(key.clone());
                }
            }
            objects.push(object);
        }
        let mut rows = vec![(0, header.clone())];
        for (i, object) in objects.iter().enumerate() {
            let mut cells = vec![String::new(); header.len()];
            for (key, value) in object {
                if let Some(col) = header.iter().position(|h| h == key) {
                    cells[col] = value_text(value);
                }
            }
            rows.push((i as u64 + 1, cells));
        }
        Some(rows)
    }
}

/// A value as cell text: strings as they are, numbers exactly as written, `true`/`false` as
/// yes/no, `null` as empty; anything else in its JSON form (the column's reader says what is wrong).
fn value_text(raw: &RawValue) -> String {
    let t = raw.get().trim();
    match t {
        "null" => String::new(),
        "true" => "yes".into(),
        "false" => "no".into(),
        _ if t.starts_with('"') => serde_json::from_str::<String>(t).unwrap_or_default(),
        _ => t.to_string(),
    }
}

/// An object's keys and raw values in the file's order (a map would sort them).
mod pairs {
    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
    use serde_json::value::RawValue;

    pub struct Pairs<'a>(pub Vec<(String, &'a RawValue)>);

    impl<'de: 'a, 'a> Deserialize<'de> for Pairs<'a> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Pairs<'de>;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<Self::Value, M::Error> {
                    let mut out = Vec::new();
                    while let Some((k, v)) = m.next_entry::<String, &'de RawValue>()? {
                        out.push((k, v));
                    }
                    Ok(Pairs(out))
                }
            }
            d.deserialize_map(V)
        }
    }
}
