//! The batch archive: lays out the bytes it is given, deterministically (sorted entries, fixed
//! times), and atomically (a recognisable temporary file renamed into place only when complete).
//! `manifest` lists what it holds; `spill` keeps lines on disk until the end of a run.

pub mod guard;
pub mod manifest;
pub mod register;
pub mod spill;

use sha2::{Digest, Sha256};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The SHA-256 (hex) and size of the file at `path`, read in pieces.
pub fn sha256_file(path: &Path) -> std::io::Result<(String, u64)> {
    let mut file = std::fs::File::open(path)?;
    let mut sha = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = std::io::Read::read(&mut file, &mut buf)?;
        if n == 0 {
            return Ok((hex(&sha.finalize()), size));
        }
        sha.update(&buf[..n]);
        size += n as u64;
    }
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A writer that passes everything on and keeps its SHA-256 and size (a file streamed into the
/// archive, for the manifest).
pub struct Hashing<'w> {
    out: &'w mut dyn Write,
    sha: Sha256,
    bytes: usize,
}

impl<'w> Hashing<'w> {
    pub fn new(out: &'w mut dyn Write) -> Hashing<'w> {
        Hashing {
            out,
            sha: Sha256::new(),
            bytes: 0,
        }
    }

    /// The SHA-256 (hex) and the size of what was written.
    pub fn finish(self) -> (String, usize) {
        (hex(&self.sha.finalize()), self.bytes)
    }
}

impl Write for Hashing<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.sha.update(&buf[..n]);
        self.bytes += n;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// `.<name>.vzysk-tmp-<pid>` beside the destination.
fn temp_path(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    out.with_file_name(format!(".{name}.vzysk-tmp-{}", std::process::id()))
}

/// Where a batch is written as it is made: a ZIP or a folder, built under a temporary name beside
/// the destination and moved into place by `finish` only when complete. Dropped unfinished (an
/// error, a panic), it removes what it wrote; killed, it leaves a recognisably named temporary that
/// the next run for the same destination removes.
pub struct Sink {
    out: PathBuf,
    tmp: PathBuf,
    zip: Option<(ZipWriter<Discardable>, SimpleFileOptions)>,
    /// Set when the sink is dropped unfinished: the ZIP writer's own drop then finalizes into
    /// nothing instead of writing (and failing, on a full disk, with a message of its own).
    discard: Arc<AtomicBool>,
    /// The ZIP is an unnamed file (Linux `O_TMPFILE`) until `finish` links it: a killed run leaves
    /// nothing at all behind.
    anonymous: bool,
    finished: bool,
    /// The destination's lock: one run at a time writes to it.
    _lock: guard::Lock,
}

impl Sink {
    /// A ZIP at `out`, every entry dated `date` at noon (fixed times: byte-identical reruns).
    pub fn zip(out: &Path, date: chrono::NaiveDate) -> Result<Sink, String> {
        Sink::zip_into(out, date, anonymous_file(out))
    }

    fn zip_into(
        out: &Path,
        date: chrono::NaiveDate,
        anonymous: Option<std::fs::File>,
    ) -> Result<Sink, String> {
        use chrono::Datelike;
        let lock = guard::Lock::take(out).map_err(|e| e.to_string())?;
        guard::remove_stale(out);
        let time = DateTime::from_date_and_time(
            date.year().clamp(1980, 2107) as u16,
            date.month() as u8,
            date.day() as u8,
            12,
            0,
            0,
        )
        .map_err(|e| {
            crate::tr!(
                "archive.date_failed",
                "не удалось проставить дату файлам архива: {e}",
                "cannot date the archive entries: {e}"
            )
            .to_string()
        })?;
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            // PDFs arrive compressed already: level 1 gets 99 % of level 6's saving (measured on
            // the sample's PDFs: 3.63 vs 3.60 MB from 4.15) at a fraction of the time.
            .compression_level(Some(1))
            .last_modified_time(time)
            .unix_permissions(0o644);
        let tmp = temp_path(out);
        guard::cleanup_on_signal(&tmp);
        let (file, anonymous) = match anonymous {
            Some(f) => (f, true),
            None => (
                std::fs::File::create(&tmp)
                    .map_err(|e| guard::cannot_create(&tmp, &e).to_string())?,
                false,
            ),
        };
        let discard = Arc::new(AtomicBool::new(false));
        let zip = ZipWriter::new(Discardable {
            file: std::io::BufWriter::new(file),
            discard: discard.clone(),
            virtual_at: None,
        });
        Ok(Sink {
            out: out.to_path_buf(),
            tmp,
            zip: Some((zip, options)),
            discard,
            anonymous,
            finished: false,
            _lock: lock,
        })
    }

    /// A new folder at `out` (it must not exist yet).
    pub fn dir(out: &Path) -> Result<Sink, String> {
        if out.exists() {
            return Err(guard::exists_already(out).to_string());
        }
        let lock = guard::Lock::take(out).map_err(|e| e.to_string())?;
        guard::remove_stale(out);
        let tmp = temp_path(out);
        // Registered before it exists: a signal between the two still removes it.
        guard::cleanup_on_signal(&tmp);
        std::fs::create_dir_all(&tmp).map_err(|e| guard::cannot_create(&tmp, &e).to_string())?;
        Ok(Sink {
            out: out.to_path_buf(),
            tmp,
            zip: None,
            discard: Arc::new(AtomicBool::new(false)),
            anonymous: false,
            finished: false,
            _lock: lock,
        })
    }

    pub fn add(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
        // Paths are built from safe names; refuse anything that could leave the archive's root.
        if path
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == "..")
        {
            return Err(crate::tr!(
                "archive.unsafe_path",
                "недопустимый путь в пакете: {path}",
                "unsafe path in the batch: {path}"
            )
            .to_string());
        }
        match &mut self.zip {
            Some((zip, options)) => {
                zip.start_file(path, *options)
                    .map_err(|e| format!("{path}: {e}"))?;
                zip.write_all(bytes).map_err(|e| writing(&self.tmp, &e))
            }
            None => {
                let file = self.tmp.join(path);
                // The folders below the temporary, one by one and never the temporary itself: a
                // run stopped by a signal has it removed, and must not make it again.
                let mut dir = self.tmp.clone();
                for part in path
                    .split('/')
                    .collect::<Vec<_>>()
                    .split_last()
                    .map_or(&[][..], |(_, up)| up)
                {
                    dir.push(part);
                    match std::fs::create_dir(&dir) {
                        Ok(()) => {}
                        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                        Err(e) => return Err(guard::cannot_create(&dir, &e).to_string()),
                    }
                }
                std::fs::write(&file, bytes).map_err(|e| cannot_write(&file, &e))
            }
        }
    }

    /// Adds the file `path` written by `write` as it goes (the manifest, too big to hold).
    pub fn add_written<T>(
        &mut self,
        path: &str,
        write: impl FnOnce(&mut dyn Write) -> Result<T, String>,
    ) -> Result<T, String> {
        self.add(path, b"")?;
        match &mut self.zip {
            Some((zip, _)) => write(zip),
            None => {
                let file = self.tmp.join(path);
                let f = std::fs::File::create(&file).map_err(|e| cannot_write(&file, &e))?;
                let mut buffered = std::io::BufWriter::new(f);
                let done = write(&mut buffered)?;
                buffered.flush().map_err(|e| cannot_write(&file, &e))?;
                Ok(done)
            }
        }
    }

    /// Completes the archive and moves it into place.
    pub fn finish(mut self) -> Result<(), String> {
        if let Some((zip, _)) = self.zip.take() {
            let mut inner = zip
                .finish()
                .map_err(|e| {
                    let shown = self.tmp.display();
                    crate::tr!(
                        "archive.finish_failed",
                        "не удалось завершить {shown}: {e}",
                        "finishing {shown}: {e}"
                    )
                    .to_string()
                })?
                .file;
            inner.flush().map_err(|e| writing(&self.tmp, &e))?;
            let file = inner.into_inner().map_err(|e| writing(&self.tmp, &e))?;
            file.sync_all().map_err(|e| writing(&self.tmp, &e))?;
            if self.anonymous {
                link_anonymous(&file, &self.tmp)?;
            }
        }
        std::fs::rename(&self.tmp, &self.out).map_err(|e| {
            let shown = self.out.display();
            crate::tr!(
                "archive.move_failed",
                "не удалось переместить результат на место, в {shown}: {e}",
                "cannot move the result into place at {shown}: {e}"
            )
            .to_string()
        })?;
        guard::forget_on_signal(&self.tmp);
        self.finished = true;
        Ok(())
    }
}

/// «writing X: why»: the archive's temporary could not be written.
fn writing(path: &Path, e: &dyn std::fmt::Display) -> String {
    let shown = path.display();
    crate::tr!(
        "archive.write_failed",
        "ошибка записи {shown}: {e}",
        "writing {shown}: {e}"
    )
    .to_string()
}

/// «cannot write X: why»: a file of a folder archive.
fn cannot_write(path: &Path, e: &dyn std::fmt::Display) -> String {
    let shown = path.display();
    crate::tr!(
        "archive.file_failed",
        "не удалось записать {shown}: {e}",
        "cannot write {shown}: {e}"
    )
    .to_string()
}

impl Drop for Sink {
    fn drop(&mut self) {
        if !self.finished {
            self.discard.store(true, Ordering::Relaxed);
            self.zip = None;
            let _ = std::fs::remove_file(&self.tmp).or_else(|_| std::fs::remove_dir_all(&self.tmp));
            guard::forget_on_signal(&self.tmp);
        }
    }
}

/// The archive's file, which turns into a sink for nothing once `discard` is set: writes and
/// seeks then move a position of its own (the ZIP writer checks the offsets it computes from it).
struct Discardable {
    file: std::io::BufWriter<std::fs::File>,
    discard: Arc<AtomicBool>,
    /// The position and the end while discarding, from the file's when discarding began.
    virtual_at: Option<(u64, u64)>,
}

impl Discardable {
    fn discarding(&mut self) -> Option<&mut (u64, u64)> {
        if self.virtual_at.is_none() && self.discard.load(Ordering::Relaxed) {
            let at = self.file.get_ref().metadata().map_or(0, |m| m.len());
            let at = self.file.stream_position().unwrap_or(at);
            self.virtual_at = Some((at, at));
        }
        self.virtual_at.as_mut()
    }
}

impl Write for Discardable {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.discarding() {
            Some((at, end)) => {
                *at += buf.len() as u64;
                *end = (*end).max(*at);
                Ok(buf.len())
            }
            None => self.file.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self.discarding() {
            Some(_) => Ok(()),
            None => self.file.flush(),
        }
    }
}

impl Seek for Discardable {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        match self.discarding() {
            Some((at, end)) => {
                let to = match pos {
                    SeekFrom::Start(n) => Some(n),
                    SeekFrom::Current(d) => at.checked_add_signed(d),
                    SeekFrom::End(d) => end.checked_add_signed(d),
                };
                *at = to.ok_or_else(|| std::io::Error::other("seek before the start"))?;
                Ok(*at)
            }
            None => self.file.seek(pos),
        }
    }
}

/// An unnamed file in the destination's folder (Linux `O_TMPFILE`), or `None` where the system or
/// the file system does not offer one (then a named temporary is used).
#[cfg(target_os = "linux")]
fn anonymous_file(out: &Path) -> Option<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::OpenOptions::new()
        .write(true)
        .read(true)
        .mode(0o644)
        .custom_flags(libc::O_TMPFILE)
        .open(dir)
        .ok()
}

#[cfg(not(target_os = "linux"))]
fn anonymous_file(_out: &Path) -> Option<std::fs::File> {
    None
}

/// Gives the unnamed file the name `tmp` (linkat through /proc/self/fd), ready for the rename.
#[cfg(target_os = "linux")]
fn link_anonymous(file: &std::fs::File, tmp: &Path) -> Result<(), String> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::io::AsRawFd;
    let proc_path =
        CString::new(format!("/proc/self/fd/{}", file.as_raw_fd())).map_err(|e| e.to_string())?;
    let target = CString::new(tmp.as_os_str().as_bytes()).map_err(|_| {
        let shown = tmp.display();
        crate::tr!(
            "archive.nul_in_path",
            "{shown}: в пути есть символ NUL",
            "{shown}: a NUL in the path"
        )
        .to_string()
    })?;
    // SAFETY: both arguments are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::linkat(
            libc::AT_FDCWD,
            proc_path.as_ptr(),
            libc::AT_FDCWD,
            target.as_ptr(),
            libc::AT_SYMLINK_FOLLOW,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        let (shown, e) = (tmp.display(), std::io::Error::last_os_error());
        Err(crate::tr!(
            "archive.name_failed",
            "не удалось дать архиву имя {shown}: {e}",
            "cannot name the archive {shown}: {e}"
        )
        .to_string())
    }
}

#[cfg(not(target_os = "linux"))]
fn link_anonymous(_file: &std::fs::File, _tmp: &Path) -> Result<(), String> {
    Ok(())
}
