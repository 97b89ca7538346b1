//! The ШПИ (postal tracking numbers) the post office issued to the sender, from the file
//! `[post] shpi_file` names: one per line, used in order by the Form 103 lists.
//!
//! A domestic ШПИ has 14 digits: the office's index (6), the month (2), a number (5) and a control
//! digit. No source of Почта России's own defining the control digit was found (`legal-rules.md`
//! §13.10): the numbers are taken as given, and only their form and uniqueness are checked.

use crate::diag::Diagnostic;
use crate::tr;
use std::collections::HashMap;
use std::path::Path;

/// The ШПИ of `file` (a path inside the workspace `dir`), each checked; problems go to `diags`.
pub fn read(dir: &Path, file: &str, diags: &mut Vec<Diagnostic>) -> Vec<String> {
    let inside = Path::new(file)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !inside {
        diags.push(Diagnostic::error(
            super::config::FILE,
            tr!(
                "shpi.outside",
                "[post] shpi_file = «{file}» указывает за пределы рабочей папки",
                "[post] shpi_file = \"{file}\" is outside the workspace"
            ),
            tr!(
                "shpi.outside.fix",
                "укажите файл из рабочей папки, например «shpi.txt»",
                "give a file of the workspace's folder, e.g. \"shpi.txt\""
            ),
        ));
        return Vec::new();
    }
    let text = match super::budget::read_file(&dir.join(file), file) {
        Ok(Some(bytes)) => String::from_utf8_lossy(&bytes).into_owned(),
        Ok(None) => {
            // Only the Form 103 lists use it: `calc`, `plan`, `report` and the rest run on, and a
            // list made without it says which items have no ШПИ (`docs::mail`).
            diags.push(Diagnostic::warning(
                file,
                tr!(
                    "shpi.missing",
                    "такого файла нет: у заказных писем не будет ШПИ (их присвоят в отделении почты, и отследить письма программа не сможет)",
                    "there is no such file: letters by registered mail will have no ШПИ (the post office gives them at the counter, and vzysk cannot follow them)"
                ),
                tr!(
                    "shpi.missing.fix",
                    "положите сюда полученный на почте список ШПИ (по одному в строке) или уберите [post] shpi_file",
                    "put the post office's list of ШПИ there (one per line), or remove [post] shpi_file"
                ),
            ));
            return Vec::new();
        }
        Err(d) => {
            diags.push(d);
            return Vec::new();
        }
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (n, line) in super::table::lines::lines(&text).enumerate() {
        let line_no = n + 1;
        let shpi = line.trim();
        if shpi.is_empty() || shpi.starts_with('#') {
            continue;
        }
        if shpi.len() != 14 || !shpi.bytes().all(|b| b.is_ascii_digit()) {
            diags.push(
                Diagnostic::error(
                    file,
                    tr!(
                        "shpi.invalid",
                        "«{shpi}» — не ШПИ из 14 цифр",
                        "«{shpi}» is not a ШПИ of 14 digits"
                    ),
                    tr!(
                        "shpi.invalid.fix",
                        "скопируйте номера в точности так, как их выдала почта",
                        "copy the numbers as the post office issued them"
                    ),
                )
                .at(line_no as u64),
            );
            continue;
        }
        if let Some(first) = seen.insert(shpi.to_string(), line_no) {
            diags.push(
                Diagnostic::error(
                    file,
                    tr!(
                        "shpi.repeated",
                        "ШПИ {shpi} указан дважды (впервые в строке {first})",
                        "ШПИ {shpi} is given twice (first on line {first})"
                    ),
                    tr!(
                        "shpi.repeated.fix",
                        "каждый номер присваивается только одному письму: удалите повтор",
                        "each number goes on one letter only: remove the repeat"
                    ),
                )
                .at(line_no as u64),
            );
            continue;
        }
        out.push(shpi.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn shpi_are_checked_for_form_and_repeats() {
        let dir = std::env::temp_dir().join(format!("vzysk-shpi-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("shpi.txt"),
            "# issued 2026-11\n14310326000012\n1431032600001\n14310326000012\n14310326000029\n",
        )
        .unwrap();
        let mut diags = Vec::new();
        let list = read(&dir, "shpi.txt", &mut diags);
        assert_eq!(list, ["14310326000012", "14310326000029"]);
        let text: Vec<String> = diags.iter().map(|d| d.line(Lang::En)).collect();
        assert!(
            text[0].contains("shpi.txt:3") && text[0].contains("not a ШПИ of 14 digits"),
            "{text:?}"
        );
        assert!(
            text[1].contains("shpi.txt:4") && text[1].contains("given twice (first on line 2)"),
            "{text:?}"
        );
        let mut diags = Vec::new();
        assert!(read(&dir, "../shpi.txt", &mut diags).is_empty());
        assert!(diags[0].line(Lang::En).contains("outside the workspace"));
        std::fs::remove_dir_all(&dir).ok();
    }
}
