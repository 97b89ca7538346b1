//! The single door through which Typst touches anything: fonts embedded in the binary, the chunk's
//! driver as `/main.typ`, each document's composed template, values and images in its own folder
//! `/d/N/` (`doc.typ`, `data.json`, `qr.svg`), and a fixed date. No other path exists for a
//! document: `#read("/etc/passwd")` and `#image("../x")` fail with "access denied".

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// The embedded faces: Liberation Serif (Times-metric, Cyrillic), see `fonts/README.md`.
const FONT_FILES: &[&[u8]] = &[
    include_bytes!("../../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf"),
];

/// What every document shares, built once per process: the library, the fonts and their book.
pub struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl Shared {
    pub fn get() -> &'static Shared {
        static SHARED: OnceLock<Shared> = OnceLock::new();
        SHARED.get_or_init(|| {
            let fonts: Vec<Font> = FONT_FILES
                .iter()
                .flat_map(|data| Font::iter(Bytes::new(*data)))
                .collect();
            let book = FontBook::from_fonts(&fonts);
            Shared {
                library: LazyHash::new(Library::default()),
                book: LazyHash::new(book),
                fonts,
            }
        })
    }
}

#[allow(clippy::expect_used)]
fn intern(path: &str) -> FileId {
    // FileIds are interned for ever (at most 65,535): each virtual path is interned once. The paths
    // are fixed strings of this crate, never input.
    let vpath = VirtualPath::new(path).expect("a fixed virtual path of vzysk"); // fixed, not input
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// `/main.typ`: the composed template.
pub fn main_id() -> FileId {
    static ID: OnceLock<FileId> = OnceLock::new();
    *ID.get_or_init(|| intern("/main.typ"))
}

/// A file of chunk slot `slot`: `/d/{slot}/{name}`, where `name` is a fixed name of vzysk
/// (`doc.typ`, `data.json`, `qr.svg`), never input. Interned once per slot and name.
pub fn slot_id(slot: usize, name: &str) -> FileId {
    static IDS: OnceLock<Mutex<HashMap<(usize, String), FileId>>> = OnceLock::new();
    let ids = IDS.get_or_init(Default::default);
    let mut ids = ids.lock().unwrap_or_else(|e| e.into_inner());
    *ids.entry((slot, name.to_string()))
        .or_insert_with(|| intern(&format!("/d/{slot}/{name}")))
}

/// One compilation's world: the shared parts, the chunk's driver (`/main.typ`), each document's
/// template source (`/d/N/doc.typ`), their data and extra files, and the date.
pub struct DocWorld<'a> {
    pub shared: &'a Shared,
    pub main: Source,
    pub docs: Vec<Source>,
    pub files: Vec<(FileId, Bytes)>,
    pub today: Datetime,
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        main_id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == main_id() {
            return Ok(self.main.clone());
        }
        self.docs
            .iter()
            .find(|s| s.id() == id)
            .cloned()
            .ok_or_else(|| denied(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some((_, bytes)) = self.files.iter().find(|(x, _)| *x == id) {
            Ok(bytes.clone())
        } else {
            self.source(id).map(Bytes::from_string)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

fn denied(_id: FileId) -> FileError {
    FileError::AccessDenied
}
