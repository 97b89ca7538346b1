//! `manifest.json`: the run (tool, as-of date, kinds asked for, conventions), the SHA-256 of every
//! input, and one line per file of the archive — its path, SHA-256, bytes, and for a PDF its pages,
//! the slot of a detached signature and its metadata. The entries wait on disk until the end.

use super::sha256_hex;
use super::spill::TempLines;
use serde_json::value::RawValue;
use serde_json::{Map, Value, json};
use std::io::Write;
use std::path::Path;

/// The largest file a court's e-filing accepts (`law/formats.md` §1).
pub const MAX_FILE_BYTES: usize = 30 * 1024 * 1024;

/// What the manifest says of the run as a whole.
pub struct Run<'a> {
    pub as_of: chrono::NaiveDate,
    /// `--docs` as given.
    pub docs: &'a [String],
    pub conventions: Value,
    /// The workspace's files, for their SHA-256.
    pub inputs: Vec<Value>,
    /// The claimant's ИНН: `record` takes the archive only into a workspace of this claimant.
    pub claimant_inn: Option<String>,
}

/// The manifest being assembled: each file's entry kept on disk.
pub struct Manifest {
    files: TempLines,
}

/// A manifest entry as compact JSON text.
fn raw(v: &impl serde::Serialize) -> Result<Box<RawValue>, String> {
    serde_json::value::to_raw_value(v).map_err(|e| e.to_string())
}

impl Manifest {
    pub fn new() -> Result<Manifest, String> {
        Ok(Manifest {
            files: TempLines::new()?,
        })
    }

    /// A PDF at `path`: its metadata `meta` (an object), then its path, SHA-256, bytes, pages and
    /// the `.sig` file a signing tool (CryptoPro `cryptcp`) makes for a detached signature.
    pub fn add_pdf(
        &mut self,
        path: &str,
        bytes: &[u8],
        pages: usize,
        mut meta: Map<String, Value>,
    ) -> Result<(), String> {
        meta.insert("path".into(), json!(path));
        meta.insert("sha256".into(), json!(sha256_hex(bytes)));
        meta.insert("bytes".into(), json!(bytes.len()));
        meta.insert("pages".into(), json!(pages));
        meta.insert("signature".into(), json!(format!("{path}.sig")));
        self.files.push(path, &raw(&meta)?)
    }

    /// A CSV list (SMS, calls, a registry's or a Form 103 list's table).
    pub fn add_list(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
        self.add_list_hashed(path, &sha256_hex(bytes), bytes.len())
    }

    /// A list written as it was made, by its SHA-256 and size.
    pub fn add_list_hashed(&mut self, path: &str, sha256: &str, size: usize) -> Result<(), String> {
        let entry = json!({ "path": path, "sha256": sha256, "bytes": size, "kind": "list" });
        self.files.push(path, &raw(&entry)?)
    }

    /// Writes the manifest to `out`: the run, the inputs, the files sorted by path (each entry
    /// one compact line, streamed from the temporary file: never all in memory), and the number of
    /// refusals in `errors.csv`. Returns the number of files.
    pub fn finish_into(
        self,
        run: Run,
        errors: usize,
        out: &mut dyn Write,
    ) -> Result<usize, String> {
        #[derive(serde::Serialize)]
        struct Head<'a> {
            tool: String,
            as_of: String,
            docs: &'a [String],
            conventions: Value,
            inputs: Vec<Value>,
            #[serde(skip_serializing_if = "Option::is_none")]
            claimant_inn: Option<String>,
        }
        let head = Head {
            tool: format!("vzysk {}", env!("CARGO_PKG_VERSION")),
            as_of: run.as_of.to_string(),
            docs: run.docs,
            conventions: run.conventions,
            inputs: run.inputs,
            claimant_inn: run.claimant_inn,
        };
        let head = serde_json::to_string_pretty(&head).map_err(|e| e.to_string())?;
        let head = head.strip_suffix("\n}").unwrap_or(&head);
        let w = |out: &mut dyn Write, text: &str| {
            out.write_all(text.as_bytes())
                .map_err(|e| super::spill::manifest_failed(&e))
        };
        w(out, head)?;
        w(out, ",\n  \"files\": [\n")?;
        let files = self.files.write_sorted(out, b",\n", b"    ")?;
        w(out, &format!("\n  ],\n  \"errors\": {errors}\n}}\n"))?;
        Ok(files)
    }
}

/// The SHA-256 and size of each of the workspace's files named, where it is there: read in pieces
/// (a ledger of millions of rows is never held whole).
pub fn inputs(workspace: &Path, names: &[&str]) -> Vec<Value> {
    names
        .iter()
        .filter_map(|name| {
            let (sha256, bytes) = super::sha256_file(&workspace.join(name)).ok()?;
            Some(json!({ "file": name, "sha256": sha256, "bytes": bytes }))
        })
        .collect()
}
