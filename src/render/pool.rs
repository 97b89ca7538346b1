//! Renderer processes: each worker is a child `vzysk render-worker` with its own Typst cache,
//! fed chunks of documents over a pipe and answering with their PDFs.
//!
//! Why processes and not threads: Typst's memo cache is global to a process and guarded by locks,
//! so two threads of one process get only ≈ 1.3× one thread (measured, README "Speed and memory"),
//! and a cache that only grows is shed by replacing the process (after `RECYCLE` documents), so
//! memory stays flat however long the batch is. A child that crashes costs only its chunk: the
//! chunk is retried one document at a time in a fresh child, and a document that crashes alone is
//! reported as failed. When no child can be started, the worker renders in this process instead.
//!
//! The protocol (all integers little-endian `u32`, byte strings as length + bytes):
//! to the child — `1` template: id, name, text; `2` chunk: template id, count, then per document
//! ident, data, file count, per file (path, bytes); from the child, per document — `1` pages, PDF
//! or `0` message.

use super::{Job, Pdf, Template};
use std::collections::{HashMap, HashSet};
use std::io::{BufReader, BufWriter, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Arc;

/// Documents a child renders before it is replaced, shedding Typst's cache.
pub const RECYCLE: usize = 150;

/// A document's time budget in a child: the sample's documents take 10–60 ms each, so a chunk that
/// takes this long per document is a runaway template (a loop without end). The child is killed and
/// the template's documents refused, the template named.
pub const SECONDS_PER_DOCUMENT: u64 = 20;

/// A child's memory limit (`RLIMIT_DATA`): a child keeps under 80 MB ([`MEMORY_BUDGET`]); one that
/// reaches this is stopped by the system, and its documents are reported as failed.
pub const CHILD_MEMORY: u64 = 1 << 30;

/// The resident memory a child keeps under: when the next chunk, growing it as much as the last
/// one did, would take it past this, Typst's cache is emptied and the freed pages returned. Documents
/// of one template reuse each other's results for a few documents ([`super::pdfs`]) and grow a child
/// by a megabyte or two; a registry of a hundred rows grows it by tens of megabytes and shares
/// little, and a few of them in a row took a child from 60 to 111 MB (3,000 accounts).
const MEMORY_BUDGET: u64 = 80 << 20;

/// Empties Typst's cache when the next chunk would take this child past [`MEMORY_BUDGET`]; `before`
/// is the resident memory before the last chunk.
fn shed_over_budget(before: Option<u64>) {
    if crate::memory::resident_bytes().is_some_and(|now| over_budget(before, now)) {
        typst::comemo::evict(0);
        crate::memory::release_free_memory();
    }
}

/// Whether a chunk like the last one (`before` → `now` bytes resident) would pass the budget.
fn over_budget(before: Option<u64>, now: u64) -> bool {
    let growth = before.map_or(0, |before| now.saturating_sub(before));
    now + growth > MEMORY_BUDGET
}

/// A composed template as the workers receive it.
pub struct Composed {
    pub id: u32,
    pub name: String,
    pub text: String,
}

impl Composed {
    /// A fresh id: the workers outlive one feed of templates, so ids are unique per process.
    pub fn next_id() -> u32 {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }
}

/// One document of a chunk, owned (it crosses threads and processes).
pub struct OwnedJob {
    pub ident: String,
    pub data: Arc<[u8]>,
    pub files: Vec<(String, Vec<u8>)>,
}

impl OwnedJob {
    fn borrow(&self) -> Job<'_> {
        Job {
            data: &self.data,
            files: self
                .files
                .iter()
                .map(|(p, b)| (p.as_str(), b.as_slice()))
                .collect(),
            ident: self.ident.clone(),
        }
    }
}

/// A worker: a child process when one can be started, else this process.
pub struct Worker {
    as_of: chrono::NaiveDate,
    /// Whether to render in child processes at all.
    processes: bool,
    child: Option<Proc>,
    in_process: HashMap<u32, Template>,
    /// Templates whose document ran past its time budget, or two of whose documents each stopped a
    /// renderer (its memory budget, a crash): their documents are refused at once.
    runaway: HashMap<String, String>,
    /// Documents alone that stopped a renderer, by template.
    stopped: HashMap<String, usize>,
    /// Why no child could be started, when none could.
    pub fallback: Option<String>,
}

struct Proc {
    child: Child,
    to: BufWriter<ChildStdin>,
    from: BufReader<ChildStdout>,
    defined: HashSet<u32>,
    rendered: usize,
    watchdog: Arc<Watchdog>,
}

/// Kills a child whose chunk runs past its deadline, from a thread of its own.
#[derive(Default)]
struct Watchdog {
    deadline: std::sync::Mutex<Option<std::time::Instant>>,
    fired: std::sync::atomic::AtomicBool,
}

impl Watchdog {
    fn start(pid: u32) -> Arc<Watchdog> {
        let w = Arc::new(Watchdog::default());
        let watch = w.clone();
        let _ = std::thread::Builder::new()
            .name("vzysk-watchdog".into())
            .spawn(move || {
                use std::sync::atomic::Ordering::SeqCst;
                // Until its child is gone: then this thread holds the last reference.
                while Arc::strong_count(&watch) > 1 {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    let late = watch
                        .deadline
                        .lock()
                        .map(|d| d.is_some_and(|d| std::time::Instant::now() > d))
                        .unwrap_or(false);
                    if late && !watch.fired.swap(true, SeqCst) {
                        kill_process(pid);
                    }
                }
            });
        w
    }

    fn arm(&self, documents: usize) {
        let budget = std::time::Duration::from_secs(SECONDS_PER_DOCUMENT * documents.max(1) as u64);
        if let Ok(mut d) = self.deadline.lock() {
            *d = Some(std::time::Instant::now() + budget);
        }
    }

    fn disarm(&self) {
        if let Ok(mut d) = self.deadline.lock() {
            *d = None;
        }
    }
}

fn kill_process(pid: u32) {
    #[cfg(unix)]
    if let Ok(pid) = libc::pid_t::try_from(pid) {
        // SAFETY: SIGKILL to our own child's id.
        unsafe {
            libc::kill(pid, libc::SIGKILL);
        }
    }
    #[cfg(not(unix))]
    let _ = pid;
}

impl Worker {
    pub fn new(as_of: chrono::NaiveDate, processes: bool) -> Worker {
        let mut w = Worker {
            as_of,
            processes,
            child: None,
            in_process: HashMap::new(),
            runaway: HashMap::new(),
            stopped: HashMap::new(),
            fallback: None,
        };
        if processes {
            match spawn(as_of) {
                Ok(p) => w.child = Some(p),
                Err(e) => w.fallback = Some(e),
            }
        }
        w
    }

    /// Renders a chunk of `template`'s documents, one result per job, in order.
    pub fn render(&mut self, template: &Composed, jobs: &[OwnedJob]) -> Vec<Result<Pdf, String>> {
        self.render_tries(template, jobs, 2)
    }

    /// As `render`, with `tries` fresh renderers allowed for a chunk whose renderer stops.
    fn render_tries(
        &mut self,
        template: &Composed,
        jobs: &[OwnedJob],
        tries: usize,
    ) -> Vec<Result<Pdf, String>> {
        if self.processes && self.child.is_none() && self.fallback.is_none() {
            // A recycled or stopped child: start the next one.
            match spawn(self.as_of) {
                Ok(p) => self.child = Some(p),
                Err(e) => self.fallback = Some(e),
            }
        }
        if let Some(why) = self.runaway.get(&template.name) {
            return jobs.iter().map(|_| Err(why.clone())).collect();
        }
        let Some(proc) = self.child.as_mut() else {
            return self.render_here(template, jobs);
        };
        proc.watchdog.arm(jobs.len());
        let exchanged = proc.exchange(template, jobs);
        proc.watchdog.disarm();
        let timed_out = proc
            .watchdog
            .fired
            .load(std::sync::atomic::Ordering::SeqCst);
        if exchanged.is_err() && timed_out && jobs.len() == 1 {
            // One document alone ran past its budget: the template loops; none of it is made.
            self.kill();
            let why = runaway(&template.name);
            self.runaway.insert(template.name.clone(), why.clone());
            return vec![Err(why)];
        }
        match exchanged {
            Ok(results) => {
                proc.rendered += jobs.len();
                if proc.rendered >= RECYCLE {
                    self.retire();
                }
                results
            }
            Err(_) => {
                // The renderer stopped (killed, or crashed on one of these documents): retry in a
                // fresh one, one document at a time, so a document that crashes it fails alone.
                self.kill();
                let (name, mb) = (&template.name, CHILD_MEMORY >> 20);
                let why = crate::tr!(
                    "render.worker_stopped",
                    "процесс отрисовки остановился на этом документе ({name}): исчерпал свой лимит памяти ({mb} МБ) или аварийно завершился",
                    "the renderer stopped while making this document ({name}): it ran out of its memory budget ({mb} MB) or crashed"
                )
                .to_string();
                if jobs.len() == 1 {
                    let stops = self.stopped.entry(template.name.clone()).or_default();
                    *stops += 1;
                    if *stops >= 2 {
                        // Two documents alone: it is the template; the rest are not tried.
                        self.runaway.insert(template.name.clone(), why.clone());
                    }
                }
                if tries <= 1 || self.runaway.contains_key(&template.name) {
                    return jobs.iter().map(|_| Err(why.clone())).collect();
                }
                jobs.chunks(1)
                    .flat_map(|one| self.render_tries(template, one, tries - 1))
                    .collect()
            }
        }
    }

    fn render_here(&mut self, template: &Composed, jobs: &[OwnedJob]) -> Vec<Result<Pdf, String>> {
        let t = self
            .in_process
            .entry(template.id)
            .or_insert_with(|| Template::new(&template.name, template.text.clone()));
        let jobs: Vec<Job> = jobs.iter().map(OwnedJob::borrow).collect();
        super::pdfs(t, &jobs, self.as_of)
    }

    /// Ends the child at a chunk boundary: it exits when its input closes.
    fn retire(&mut self) {
        if let Some(mut p) = self.child.take() {
            drop(p.to);
            let _ = p.child.wait();
        }
    }

    fn kill(&mut self) {
        if let Some(mut p) = self.child.take() {
            let _ = p.child.kill();
            let _ = p.child.wait();
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.retire();
    }
}

/// Why a runaway template's documents are not made.
fn runaway(template: &str) -> String {
    let seconds = SECONDS_PER_DOCUMENT;
    crate::tr!(
        "render.runaway",
        "шаблон {template} превысил лимит времени ({seconds} с на документ) и был остановлен: бесконечный цикл? (см. `vzysk templates check`)",
        "template {template} ran past the time budget ({seconds} s a document) and was stopped: a loop without end? (see `vzysk templates check`)"
    )
    .to_string()
}

/// A renderer that answered nothing for a document.
pub fn no_result() -> String {
    crate::tr!(
        "render.no_result",
        "процесс отрисовки не вернул результата",
        "the renderer gave no result"
    )
    .to_string()
}

fn spawn(as_of: chrono::NaiveDate) -> Result<Proc, String> {
    let exe = std::env::current_exe().map_err(|e| {
        crate::tr!(
            "render.no_binary",
            "не удалось найти исполняемый файл самого vzysk: {e}",
            "cannot find vzysk's own binary: {e}"
        )
        .to_string()
    })?;
    let mut child = Command::new(exe)
        .args(["render-worker", "--as-of", &as_of.to_string()])
        // One process per core already: Typst's own thread pool would only contend.
        .env("RAYON_NUM_THREADS", "1")
        // A child stopped by its memory budget says so in a line, not a backtrace.
        .env("RUST_BACKTRACE", "0")
        // What it says (on stderr, inherited) is in the run's language.
        .env(crate::lang::ENV, crate::lang::current().code())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| {
            crate::tr!(
                "render.spawn_failed",
                "не удалось запустить процесс отрисовки: {e}",
                "cannot start a renderer process: {e}"
            )
            .to_string()
        })?;
    let (Some(to), Some(from)) = (child.stdin.take(), child.stdout.take()) else {
        let _ = child.kill();
        return Err(crate::tr!(
            "render.no_pipes",
            "у процесса отрисовки нет каналов ввода-вывода",
            "a renderer process has no pipes"
        )
        .to_string());
    };
    let watchdog = Watchdog::start(child.id());
    Ok(Proc {
        child,
        to: BufWriter::new(to),
        from: BufReader::new(from),
        defined: HashSet::new(),
        rendered: 0,
        watchdog,
    })
}

impl Proc {
    fn exchange(
        &mut self,
        template: &Composed,
        jobs: &[OwnedJob],
    ) -> std::io::Result<Vec<Result<Pdf, String>>> {
        let w = &mut self.to;
        if self.defined.insert(template.id) {
            w.write_all(&[1])?;
            put_u32(w, template.id)?;
            put_bytes(w, template.name.as_bytes())?;
            put_bytes(w, template.text.as_bytes())?;
        }
        w.write_all(&[2])?;
        put_u32(w, template.id)?;
        put_u32(w, jobs.len() as u32)?;
        for j in jobs {
            put_bytes(w, j.ident.as_bytes())?;
            put_bytes(w, &j.data)?;
            put_u32(w, j.files.len() as u32)?;
            for (path, bytes) in &j.files {
                put_bytes(w, path.as_bytes())?;
                put_bytes(w, bytes)?;
            }
        }
        w.flush()?;
        let r = &mut self.from;
        (0..jobs.len())
            .map(|_| {
                let mut tag = [0u8];
                r.read_exact(&mut tag)?;
                Ok(if tag[0] == 1 {
                    let pages = get_u32(r)? as usize;
                    Ok(Pdf {
                        pages,
                        bytes: get_bytes(r)?,
                    })
                } else {
                    Err(String::from_utf8_lossy(&get_bytes(r)?).into_owned())
                })
            })
            .collect()
    }
}

/// The child's limits: it dies with its parent (a killed `generate` leaves no renderer behind), and
/// its memory is capped at [`CHILD_MEMORY`].
fn limit_child() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl and setrlimit with valid arguments; getppid has no preconditions.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
        if libc::getppid() == 1 {
            // The parent died before the line above: no one reads our answers.
            std::process::exit(1);
        }
        let limit = libc::rlimit {
            rlim_cur: CHILD_MEMORY as libc::rlim_t,
            rlim_max: CHILD_MEMORY as libc::rlim_t,
        };
        libc::setrlimit(libc::RLIMIT_DATA, &limit);
    }
}

/// The child's side: reads templates and chunks from stdin until it closes, answers on stdout.
pub fn serve(as_of: chrono::NaiveDate) -> std::io::Result<()> {
    limit_child();
    let mut r = BufReader::new(std::io::stdin().lock());
    let mut w = BufWriter::new(std::io::stdout().lock());
    let mut templates: HashMap<u32, Template> = HashMap::new();
    let mut made = 0;
    loop {
        let mut tag = [0u8];
        match r.read_exact(&mut tag) {
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                if std::env::var_os("VZYSK_WORKER_STATS").is_some() {
                    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
                    let hwm = status
                        .lines()
                        .find(|l| l.starts_with("VmHWM"))
                        .unwrap_or("");
                    say!(
                        "render-worker: {}",
                        crate::tr!(
                            "render.worker_stats",
                            "документов: {made}, {hwm}",
                            "{made} documents, {hwm}"
                        )
                    );
                }
                return Ok(());
            }
            other => other?,
        }
        match tag[0] {
            1 => {
                let id = get_u32(&mut r)?;
                let name = String::from_utf8_lossy(&get_bytes(&mut r)?).into_owned();
                let text = String::from_utf8_lossy(&get_bytes(&mut r)?).into_owned();
                templates.insert(id, Template::new(&name, text));
            }
            2 => {
                let id = get_u32(&mut r)?;
                let n = get_u32(&mut r)? as usize;
                let mut owned = Vec::with_capacity(n);
                for _ in 0..n {
                    let ident = String::from_utf8_lossy(&get_bytes(&mut r)?).into_owned();
                    let data: Arc<[u8]> = get_bytes(&mut r)?.into();
                    let mut files = Vec::new();
                    for _ in 0..get_u32(&mut r)? {
                        let path = String::from_utf8_lossy(&get_bytes(&mut r)?).into_owned();
                        files.push((path, get_bytes(&mut r)?));
                    }
                    owned.push(OwnedJob { ident, data, files });
                }
                let template = templates.get(&id).ok_or_else(|| {
                    std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        crate::tr!(
                            "render.unknown_template",
                            "неизвестный номер шаблона",
                            "unknown template id"
                        )
                        .to_string(),
                    )
                })?;
                let jobs: Vec<Job> = owned.iter().map(OwnedJob::borrow).collect();
                made += jobs.len();
                let before = crate::memory::resident_bytes();
                for result in super::pdfs(template, &jobs, as_of) {
                    match result {
                        Ok(pdf) => {
                            w.write_all(&[1])?;
                            put_u32(&mut w, pdf.pages as u32)?;
                            put_bytes(&mut w, &pdf.bytes)?;
                        }
                        Err(e) => {
                            w.write_all(&[0])?;
                            put_bytes(&mut w, e.as_bytes())?;
                        }
                    }
                }
                w.flush()?;
                shed_over_budget(before);
            }
            _ => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    crate::tr!(
                        "render.unknown_message",
                        "неизвестное сообщение",
                        "unknown message"
                    )
                    .to_string(),
                ));
            }
        }
    }
}

fn put_u32(w: &mut impl Write, n: u32) -> std::io::Result<()> {
    w.write_all(&n.to_le_bytes())
}

fn put_bytes(w: &mut impl Write, b: &[u8]) -> std::io::Result<()> {
    put_u32(w, b.len() as u32)?;
    w.write_all(b)
}

fn get_u32(r: &mut impl Read) -> std::io::Result<u32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

fn get_bytes(r: &mut impl Read) -> std::io::Result<Vec<u8>> {
    let n = get_u32(r)? as usize;
    let mut b = vec![0u8; n];
    r.read_exact(&mut b)?;
    Ok(b)
}

#[cfg(test)]
mod tests {
    use super::over_budget;

    const MB: u64 = 1 << 20;

    #[test]
    fn a_child_sheds_its_cache_before_the_next_chunk_would_pass_the_budget() {
        // A package document: 2 MB more, far from 80 MB.
        assert!(!over_budget(Some(60 * MB), 62 * MB));
        // A registry: 15 MB more at 75 MB, so the next one would reach 90 MB.
        assert!(over_budget(Some(60 * MB), 75 * MB));
        // Shrinking counts as no growth.
        assert!(!over_budget(Some(70 * MB), 65 * MB));
        // Without the size before, only the size now counts.
        assert!(!over_budget(None, 79 * MB));
        assert!(over_budget(None, 81 * MB));
        // Exactly at the budget is within it.
        assert!(!over_budget(Some(80 * MB), 80 * MB));
    }
}
