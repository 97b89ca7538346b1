//! `generate --jobs-dir` (a benchmark aid, `benches/routes.sh`): writes what the renderers would
//! compile instead of rendering it — `templates/N.typ`, and per document `docs/NNNNNN/` with
//! `main.typ` (its template), `data.json` and its extra files, listed in `jobs.tsv` (folder,
//! template) — so that other routes can compile the same documents.

use super::stream::{Queued, Renderable};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub struct JobsDir {
    dir: PathBuf,
    list: String,
    templates: HashSet<u32>,
}

impl JobsDir {
    pub fn new(dir: &Path) -> Result<JobsDir, String> {
        std::fs::create_dir_all(dir.join("templates"))
            .map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(JobsDir {
            dir: dir.to_path_buf(),
            list: String::new(),
            templates: HashSet::new(),
        })
    }

    pub fn add<D: Renderable>(&mut self, item: Queued<D>) -> Result<(), String> {
        let io = |e: std::io::Error| format!("{e}");
        let t = &item.template;
        let template = format!("templates/{}.typ", t.id);
        if self.templates.insert(t.id) {
            std::fs::write(self.dir.join(&template), &t.text).map_err(io)?;
        }
        let folder = format!("docs/{:06}", item.seq);
        let at = self.dir.join(&folder);
        std::fs::create_dir_all(&at).map_err(io)?;
        std::fs::write(at.join("main.typ"), &t.text).map_err(io)?;
        std::fs::write(at.join("data.json"), item.doc.values()).map_err(io)?;
        for (path, bytes) in item.doc.files() {
            std::fs::write(at.join(path.trim_start_matches('/')), bytes).map_err(io)?;
        }
        self.list.push_str(&format!("{folder}\t{template}\n"));
        Ok(())
    }

    pub fn finish(self) -> Result<(), String> {
        std::fs::write(self.dir.join("jobs.tsv"), self.list).map_err(|e| e.to_string())
    }
}
