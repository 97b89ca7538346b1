//! A rendered document as the batch's papers see it (its place, its sheets, what it lists), and the
//! folders they hold: what the registries (`registries.rs`) and the Form 103 lists (`mail.rs`) are
//! made from.

use super::meta::Listed;
use std::collections::HashMap;

/// A document as rendered: where it is, how many pages, and what the registries need of it.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct Rendered {
    pub path: String,
    pub pages: usize,
    pub meta: Option<Listed>,
}

pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

pub fn folder(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

/// A six-digit postal index at the start of an address or after a comma.
pub fn postal_index(address: &str) -> Option<String> {
    address
        .split(',')
        .map(str::trim)
        .find(|part| part.len() == 6 && part.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string)
}

/// Each folder's files and their sheets, looked up once (a batch has tens of thousands of files).
pub struct Folders<'r>(HashMap<&'r str, Vec<(String, usize)>>);

impl<'r> Folders<'r> {
    pub fn of(rendered: &'r [Rendered]) -> Folders<'r> {
        let mut folders: HashMap<&str, Vec<(String, usize)>> = HashMap::new();
        for x in rendered {
            let entry = folders.entry(folder(&x.path)).or_default();
            entry.push((file_name(&x.path).to_string(), x.pages));
        }
        Folders(folders)
    }

    /// The files of the folder `dir`, joined for a registry row.
    pub fn files(&self, dir: &str) -> String {
        let files = self.files_with_sheets(dir);
        let names: Vec<&str> = files.iter().map(|(f, _)| f.as_str()).collect();
        names.join("; ")
    }

    /// «4 док. на 8 л.»: what the folder `dir` holds, as a registry row says it.
    pub fn contents(&self, dir: &str) -> String {
        let files = self.files_with_sheets(dir);
        let sheets: usize = files.iter().map(|(_, s)| s).sum();
        format!("{} док. на {sheets} л.", files.len())
    }

    /// The files of the folder `dir` with their sheets, in order.
    pub fn files_with_sheets(&self, dir: &str) -> Vec<(String, usize)> {
        let mut files = self.0.get(dir).cloned().unwrap_or_default();
        files.sort();
        files
    }
}
