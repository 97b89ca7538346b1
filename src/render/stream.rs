//! The render stream of a batch: documents come from a producer (the planner) account by account,
//! are numbered and given their composed template (`Queue`), rendered by the workers side by side
//! (`pool`), and handed back **in the order produced**: bounded channels and a small reorder buffer
//! keep memory flat and the output deterministic.

use super::Pdf;
use super::pool::{Composed, OwnedJob, Worker};
use indicatif::ProgressBar;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// What the stream needs of a document.
pub trait Renderable: Send {
    /// The template it is made with (a built-in name, overridable by the workspace).
    fn template(&self) -> &'static str;
    /// The recipient office whose values the template is composed with.
    fn office(&self) -> Option<&str>;
    /// Its place in the archive: with the date, its stable identity.
    fn path(&self) -> &str;
    /// Its `data.json`.
    fn values(&self) -> Arc<[u8]>;
    /// Its extra virtual files (`/qr.svg`).
    fn files(&self) -> &[(&'static str, Vec<u8>)];
}

/// A document on its way to a renderer: its place in the run, the document, its template.
pub struct Queued<D> {
    pub seq: usize,
    /// Stable across runs, so the PDF's document id is too.
    pub ident: String,
    pub doc: D,
    pub template: Arc<Composed>,
}

impl<D: Renderable> Queued<D> {
    /// The document as a renderer receives it.
    pub fn job(&self) -> OwnedJob {
        OwnedJob {
            ident: self.ident.clone(),
            data: self.doc.values(),
            files: self
                .doc
                .files()
                .iter()
                .map(|(p, b)| (p.to_string(), b.clone()))
                .collect(),
        }
    }
}

/// Composes a template for an office (`None`: no office), or says why it cannot.
pub type ComposeFn<'a> =
    dyn Fn(&'static str, Option<&str>) -> Result<String, String> + Send + Sync + 'a;

/// Numbers the documents and composes each template once per recipient office, on first use.
pub struct Queue<'a> {
    compose: &'a ComposeFn<'a>,
    composed: HashMap<(&'static str, Option<String>), Arc<Composed>>,
    /// Documents queued so far.
    pub seq: usize,
    /// Accounts decided so far, for the progress bar.
    accounts: Arc<AtomicUsize>,
    as_of: chrono::NaiveDate,
}

impl<'a> Queue<'a> {
    pub fn new(compose: &'a ComposeFn<'a>, as_of: chrono::NaiveDate) -> Queue<'a> {
        Queue {
            compose,
            composed: HashMap::new(),
            seq: 0,
            accounts: Arc::new(AtomicUsize::new(0)),
            as_of,
        }
    }

    pub fn account_done(&self) {
        self.accounts.fetch_add(1, Ordering::Relaxed);
    }

    /// Numbers `doc`, gives it its composed template, and hands it to `send`.
    pub fn push<D: Renderable>(
        &mut self,
        doc: D,
        send: &mut dyn FnMut(Queued<D>) -> Result<(), String>,
    ) -> Result<(), String> {
        let key = (doc.template(), doc.office().map(str::to_string));
        let template = match self.composed.get(&key) {
            Some(t) => t.clone(),
            None => {
                let text = (self.compose)(doc.template(), doc.office())?;
                let t = Arc::new(Composed {
                    id: Composed::next_id(),
                    name: doc.template().to_string(),
                    text,
                });
                self.composed.insert(key, t.clone());
                t
            }
        };
        let seq = self.seq;
        self.seq += 1;
        send(Queued {
            seq,
            ident: format!("vzysk/{}/{}", self.as_of, doc.path()),
            doc,
            template,
        })
    }
}

/// Runs `produce` on its own thread, renders what it sends on `workers` (one thread each, each
/// driving its renderer process), and hands each result to `done` on this thread in the order
/// produced. Returns what `produce` returned; an error from `done` stops everything.
pub fn render_stream<D: Renderable, R: Send>(
    workers: &mut [Worker],
    mut queue: Queue,
    produce: impl FnOnce(&mut Queue, &mut dyn FnMut(Queued<D>) -> Result<(), String>) -> R + Send,
    progress: &ProgressBar,
    mut done: impl FnMut(&D, Result<Pdf, String>) -> Result<(), String>,
) -> Result<R, String> {
    let depth = 4 * workers.len();
    let (item_tx, item_rx) = std::sync::mpsc::sync_channel::<Queued<D>>(depth);
    let item_rx = std::sync::Mutex::new(item_rx);
    let (done_tx, done_rx) =
        std::sync::mpsc::sync_channel::<(Queued<D>, Result<Pdf, String>)>(depth);
    let accounts = queue.accounts.clone();
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        let stop = &stop;
        let producer = s.spawn(move || {
            let mut send = |item: Queued<D>| {
                if stop.load(Ordering::Relaxed) {
                    return Err(crate::tr!("render.stopped", "остановлено", "stopped").to_string());
                }
                item_tx.send(item).map_err(|_| {
                    crate::tr!(
                        "render.workers_stopped",
                        "процессы отрисовки остановились",
                        "the renderers stopped"
                    )
                    .to_string()
                })
            };
            produce(&mut queue, &mut send)
        });
        for worker in workers.iter_mut() {
            let (item_rx, done_tx) = (&item_rx, done_tx.clone());
            s.spawn(move || {
                loop {
                    let next = item_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok(item)) = next else { break };
                    let result = worker
                        .render(&item.template, &[item.job()])
                        .pop()
                        .unwrap_or_else(|| Err(super::pool::no_result()));
                    if done_tx.send((item, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut pending: BTreeMap<usize, (Queued<D>, Result<Pdf, String>)> = BTreeMap::new();
        let mut expected = 0;
        let mut made = 0u64;
        for (item, result) in done_rx.iter() {
            pending.insert(item.seq, (item, result));
            while let Some((item, result)) = pending.remove(&expected) {
                if let Err(e) = done(&item.doc, result) {
                    // Stop the producer and the workers: nothing more can be written. The
                    // producer may be waiting to hand over a document: take what it sends
                    // until it has seen the stop and ended.
                    stop.store(true, Ordering::Relaxed);
                    drop(done_rx);
                    while let Ok(Ok(_)) = item_rx.lock().map(|rx| rx.recv()) {}
                    return Err(e);
                }
                expected += 1;
                made += 1;
                progress.set_position(accounts.load(Ordering::Relaxed) as u64);
                progress.set_message(
                    crate::tr!("render.progress", "документов: {made}", "{made} documents")
                        .to_string(),
                );
            }
        }
        producer.join().map_err(|_| {
            crate::tr!(
                "render.planner_died",
                "подбор документов неожиданно прервался",
                "the document planner stopped unexpectedly"
            )
            .to_string()
        })
    })
}
