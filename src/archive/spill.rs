//! Lines on their way to the end of a run (manifest entries, what the registries need), kept in an
//! unnamed temporary file: a run does not hold tens of thousands of them in memory while it renders.

use serde_json::value::RawValue;
use std::io::{BufRead, BufWriter, Seek, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct TempLines {
    file: BufWriter<std::fs::File>,
}

impl TempLines {
    pub fn new() -> Result<TempLines, String> {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(".vzysk-spill-{}-{n}", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .map_err(|e| format!("cannot create a temporary file in {}: {e}", path.display()))?;
        // Unnamed from now on (Unix): it goes when the run ends, however it ends.
        let _ = std::fs::remove_file(&path);
        Ok(TempLines {
            file: BufWriter::new(file),
        })
    }

    /// Keeps `entry` (compact JSON, one line) under `key`.
    pub fn push(&mut self, key: &str, entry: &RawValue) -> Result<(), String> {
        writeln!(self.file, "{key}\0{}", entry.get()).map_err(|e| format!("temporary file: {e}"))
    }

    /// Every entry, with its key, in the order pushed.
    pub fn read_back(self) -> Result<Vec<(String, Box<RawValue>)>, String> {
        let io = |e: std::io::Error| format!("temporary file: {e}");
        let mut file = self.file.into_inner().map_err(|e| io(e.into_error()))?;
        file.seek(std::io::SeekFrom::Start(0)).map_err(io)?;
        std::io::BufReader::new(file)
            .lines()
            .map(|line| {
                let line = line.map_err(io)?;
                let (key, json) = line
                    .split_once('\0')
                    .ok_or("temporary file: a broken entry")?;
                let entry = RawValue::from_string(json.to_string()).map_err(|e| e.to_string())?;
                Ok((key.to_string(), entry))
            })
            .collect()
    }
}
