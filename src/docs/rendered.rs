//! A rendered document as the batch's papers see it (its place, its sheets, what it lists), and the
//! files of a folder: what the registries (`registries.rs`) and the Form 103 lists (`mail.rs`) are
//! made from.

use super::meta::Listed;

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

/// The files of one folder with their sheets, in order: what a registry row and a claim's
/// inventory list of a package.
pub struct FolderFiles(Vec<(String, usize)>);

impl FolderFiles {
    /// The files of `run`, documents of one folder.
    pub fn of(run: &[Rendered]) -> FolderFiles {
        let mut files: Vec<(String, usize)> = run
            .iter()
            .map(|x| (file_name(&x.path).to_string(), x.pages))
            .collect();
        files.sort();
        FolderFiles(files)
    }

    /// The files joined for a registry row.
    pub fn names(&self) -> String {
        let names: Vec<&str> = self.0.iter().map(|(f, _)| f.as_str()).collect();
        names.join("; ")
    }

    /// «4 док. на 8 л.»: what the folder holds, as a registry row says it.
    pub fn contents(&self) -> String {
        let sheets: usize = self.0.iter().map(|(_, s)| s).sum();
        format!("{} док. на {sheets} л.", self.0.len())
    }

    /// The files with their sheets, in order.
    pub fn with_sheets(&self) -> &[(String, usize)] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_indexes_are_found_only_where_written() {
        assert_eq!(
            postal_index("143103, Московская обл., г. Руза").as_deref(),
            Some("143103")
        );
        assert_eq!(
            postal_index("Московская обл., 143130, рп. Тучково").as_deref(),
            Some("143130")
        );
        assert_eq!(postal_index("Московская обл., д. 1431033"), None);
        assert_eq!(postal_index("рп. Дорохово, ул. Школьная, д. 5"), None);
    }
}
