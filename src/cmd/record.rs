//! `vzysk record WS SOURCE` — appends events to the workspace's journal (`events.csv`).
//!
//! Usage: `vzysk record samples/ruza archive.zip --date 2026-11-30 [--account A]... [--dry-run]`
//!
//! SOURCE is an archive of `generate` (a ZIP or an `--out-dir` folder: its `events.csv`, dated
//! `--date`, the day it was sent), the post's tracking results (CSV or a workbook with the ШПИ,
//! the operation and its date) or a table of court outcomes (the journal's columns; a case number
//! in `reference` finds the account). What is checked and refused: `workspace::journal`. The
//! journal is written whole to a temporary file and renamed over the old one, which is kept as
//! `events.csv.bak`; a second run while one records is refused (a lock).

use crate::archive::guard::Lock;
use crate::diag::Severity;
use crate::model::EventKind;
use crate::workspace::{self, journal, source};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Add events to the workspace's journal from an archive, a tracking file or a table of outcomes.
#[derive(clap::Args)]
#[command(
    after_help = "Example: vzysk record samples/ruza out.zip --date 2026-11-30\n         vzysk record samples/ruza tracking.csv"
)]
pub struct Args {
    /// The workspace folder.
    pub workspace: PathBuf,
    /// An archive (ZIP or folder), a tracking file or a table of court outcomes.
    pub source: PathBuf,
    /// The day an archive's documents were sent (its events are dated the run's date otherwise).
    #[arg(long, value_parser = super::common::parse_as_of)]
    pub date: Option<NaiveDate>,
    /// Only these accounts' events (repeatable).
    #[arg(long = "account", value_name = "A")]
    pub accounts: Vec<String>,
    /// Show what would be added; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print every refusal and skipped row (by default the first [`MESSAGES_SHOWN`], then their
    /// count: a tracking file of 250 000 foreign rows would print 160 MB).
    #[arg(long)]
    pub all_messages: bool,
}

/// The refusals and skipped rows printed (and shown in the workbench) before the rest are counted.
pub const MESSAGES_SHOWN: usize = 1000;

/// The messages to print: all, or the first `most`, then a line that counts the rest.
pub fn first_messages(
    messages: &[String],
    most: usize,
    more: impl Fn(usize) -> String,
) -> Vec<String> {
    let mut shown: Vec<String> = messages.iter().take(most).cloned().collect();
    if messages.len() > most {
        shown.push(more(messages.len() - most));
    }
    shown
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    let done = record(
        &args.workspace,
        &args.source,
        args.date,
        &args.accounts,
        args.dry_run,
    )?;
    let most = if args.all_messages {
        usize::MAX
    } else {
        MESSAGES_SHOWN
    };
    for d in first_messages(&done.messages, most, |n| {
        let more = crate::tr!(
            "record.more_messages",
            "и ещё отказов и пропущенных строк, подобных этим: {n}; все печатает --all-messages",
            "and {n} more refusal(s) or skipped row(s) like these: --all-messages prints them"
        );
        format!("vzysk: {more}")
    }) {
        say!("{d}");
    }
    if args.dry_run {
        for row in &done.rows {
            println!("{}", row.join(","));
        }
    }
    say!("vzysk: {}", done.summary);
    Ok(if done.refused == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// What recording a source came to.
pub struct Done {
    /// The rows added (or, for a dry run, that would be).
    pub rows: Vec<[String; 5]>,
    /// Each refusal and each row skipped, as `file:line: …`.
    pub messages: Vec<String>,
    pub refused: usize,
    /// The rows added (or that would be), by kind.
    pub by_kind: Vec<(&'static str, usize)>,
    /// Rows already in the journal, and rows skipped.
    pub known: usize,
    pub skipped: usize,
    /// «added 3 event(s) (notice_sent 3); 0 already in the journal; 0 refused; 0 skipped».
    pub summary: String,
}

/// Records `source` into the journal of the workspace `dir` (see the module's text); `dry_run`
/// writes nothing. `Err` when nothing could be recorded at all.
pub fn record(
    dir: &Path,
    source_path: &Path,
    date: Option<NaiveDate>,
    only: &[String],
    dry_run: bool,
) -> Result<Done, String> {
    let path = dir.join(workspace::EVENTS.file);
    // The lock first, then the journal: a run that read it before another wrote would lose
    // that run's rows when it writes.
    // In the workspace, beside the journal: two runs with different `$TMPDIR` share it.
    let _lock = Lock::at(&dir.join(".vzysk/journal.lock"), &path).map_err(|e| e.to_string())?;
    remove_leftovers(dir);
    let text = journal_text(dir, &path)?;
    let options = source::Options::default();
    let is_archive = source_path.is_dir()
        || source_path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    // The source first: what of the journal it needs.
    let mut read = Vec::new();
    let src = if is_archive {
        let bytes = workspace::archive::archive_events(source_path).map_err(|e| e.to_string())?;
        let inner = source_path.join(workspace::EVENTS.file);
        source::one_file(&inner, Some(bytes), options, &mut read)
    } else {
        source::one_file(source_path, None, options, &mut read)
    };
    let keep = src
        .as_ref()
        .map(|s| workspace::keep::wants(s, options))
        .unwrap_or_default();
    let (ws, accounts, diags) = load_for(dir, options, keep)?;
    if let Some(d) = diags
        .iter()
        .find(|d| d.is_error() && d.file == workspace::EVENTS.file)
    {
        return Err(crate::tr!(
            "record.journal_errors",
            "ничего не записано: в журнале есть ошибки; первая из них: {d} (запустите `vzysk check`)",
            "nothing recorded: the journal has errors; the first: {d} (run `vzysk check`)"
        )
        .to_string());
    }
    // An archive of another claimant's workspace is not this journal's.
    if is_archive
        && let (Some(theirs), Some(ours)) = (
            workspace::archive::archive_claimant(source_path).map_err(|e| e.to_string())?,
            ws.config.claimant.inn.clone(),
        )
        && theirs != ours
    {
        return Err(crate::tr!(
            "record.other_claimant",
            "ничего не записано: архив сделан для взыскателя с ИНН {theirs}, а взыскатель этой папки дела — с ИНН {ours}",
            "nothing recorded: the archive was made for the claimant with ИНН {theirs}; this workspace's claimant has ИНН {ours}"
        )
        .to_string());
    }
    let date = date.filter(|_| is_archive);
    let mut recorded = match &src {
        Some(src) => journal::record(
            src,
            &accounts,
            date,
            only,
            options,
            super::common::today(),
            &ws.config.courts,
        ),
        None => journal::Recorded::default(),
    };
    recorded
        .refused
        .extend(read.into_iter().filter(|d| d.severity == Severity::Error));
    let messages = recorded
        .refused
        .iter()
        .chain(&recorded.skipped)
        .map(|d| d.to_string())
        .collect();
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &recorded.added {
        *by_kind.entry(e.kind.name()).or_default() += 1;
    }
    if !dry_run && !recorded.added.is_empty() {
        write(&path, text.as_deref(), &recorded.added)?;
    }
    // The events added, by kind in the journal's order of kinds.
    let by_kind: Vec<(&'static str, usize)> = EventKind::NAMES
        .iter()
        .filter_map(|k| by_kind.get(k).map(|&n| (*k, n)))
        .collect();
    let summary = summary(&recorded, &by_kind, dry_run);
    Ok(Done {
        rows: recorded.added.iter().map(|e| e.row()).collect(),
        messages,
        refused: recorded.refused.len(),
        by_kind,
        known: recorded.known,
        skipped: recorded.skipped.len(),
        summary,
    })
}

/// «added 3 event(s) (notice_sent 3); 0 already in the journal; 0 refused; 0 skipped».
fn summary(recorded: &journal::Recorded, by_kind: &[(&str, usize)], dry_run: bool) -> String {
    let added: Vec<String> = by_kind.iter().map(|(k, n)| format!("{k} {n}")).collect();
    let kinds = if added.is_empty() {
        String::new()
    } else {
        format!(" ({})", added.join(", "))
    };
    let (n, known) = (recorded.added.len(), recorded.known);
    let (refused, skipped) = (recorded.refused.len(), recorded.skipped.len());
    if dry_run {
        crate::tr!(
            "record.summary_dry",
            "будет добавлено событий: {n}{kinds}; уже в журнале: {known}; отказано: {refused}; пропущено: {skipped}",
            "would add {n} event(s){kinds}; {known} already in the journal; {refused} refused; {skipped} skipped"
        )
    } else {
        crate::tr!(
            "record.summary",
            "добавлено событий: {n}{kinds}; уже в журнале: {known}; отказано: {refused}; пропущено: {skipped}",
            "added {n} event(s){kinds}; {known} already in the journal; {refused} refused; {skipped} skipped"
        )
    }
    .to_string()
}

/// The workspace with the events `keep` names, and its accounts that have them or that it names
/// (each with those events, from their files; the ledger is not read). Letters by their ШПИ and
/// cases by their number are first found in the journal, then their accounts read with their
/// whole histories: a new event is checked against all of its account's events.
fn load_for(
    dir: &Path,
    options: source::Options,
    mut keep: workspace::Keep,
) -> Result<
    (
        workspace::Workspace,
        Vec<crate::model::Account>,
        Vec<crate::diag::Diagnostic>,
    ),
    String,
> {
    if !keep.letters.is_empty() || !keep.references.is_empty() {
        let mut accounts = keep.accounts.clone();
        let (found, _) = workspace::load_journal_for(dir, options, keep);
        let of_letters = found.account_index.iter().flat_map(|i| i.with_events());
        accounts.extend(of_letters.map(str::to_string));
        keep = workspace::Keep::of_accounts(accounts);
    }
    let wanted = keep.accounts.clone();
    let (mut ws, diags) = workspace::load_journal_for(dir, options, keep);
    let all = ws.account_index.is_none();
    let mut stream = ws.accounts();
    let mut accounts = Vec::new();
    while let Some(account) = stream
        .next_wanted(&|id| all || wanted.contains(id))
        .map_err(|e| e.to_string())?
    {
        accounts.push(account);
    }
    Ok((ws, accounts, diags))
}

/// The temporaries of a run that was killed while it wrote (`SIGKILL`, a power cut): removed by
/// the next, which holds the lock, so no run is writing them.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".events.csv.vzysk-tmp-")
            || name.starts_with(".events.csv.bak.vzysk-tmp-")
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The journal's text as it is (`None`: there is none yet). A journal kept in a workbook or a JSON
/// file is not written to: a new `events.csv` beside it would hide the workbook's sheet.
fn journal_text(dir: &Path, path: &Path) -> Result<Option<String>, String> {
    match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map(Some).map_err(|_| {
            let shown = path.display();
            crate::tr!(
                "record.journal_not_utf8",
                "ничего не записано: {shown} не в кодировке UTF-8; сначала сохраните его в UTF-8",
                "nothing recorded: {shown} is not UTF-8; save it as UTF-8 first"
            )
            .to_string()
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let books = std::fs::read_dir(dir)
                .map_err(|e| format!("{}: {e}", dir.display()))?
                .filter_map(Result::ok)
                .filter(|e| source::is_book(&e.path(), true))
                .count();
            if books > 0 {
                return Err(crate::tr!(
                    "record.journal_in_book",
                    "ничего не записано: таблицы папки дела хранятся в книге XLSX или файле JSON, в которые vzysk не пишет; выгрузите лист событий в events.csv и запишите заново",
                    "nothing recorded: the workspace's tables are in a workbook or JSON file, which vzysk does not write to; export its events sheet as events.csv and record again"
                )
                .to_string());
            }
            Ok(None)
        }
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Writes `parts` one after another to a new file at `path`, never through what is there: a link planted at the
/// name (by another user of the machine) is removed, not followed, and the file is made anew
/// (`O_EXCL`, `O_NOFOLLOW`) with the mode and group of `like` (the journal it stands for).
fn fresh_file(path: &Path, parts: &[&[u8]], like: &std::fs::Metadata) -> std::io::Result<()> {
    use std::io::Write;
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let mut open = std::fs::OpenOptions::new();
    open.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
        open.custom_flags(libc::O_NOFOLLOW)
            .mode(like.mode() & 0o666);
    }
    let mut f = open.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        use std::os::unix::io::AsRawFd;
        // The mode exactly (not narrowed by the umask), and the group where this user may give it.
        f.set_permissions(std::fs::Permissions::from_mode(like.mode() & 0o666))?;
        // SAFETY: fchown on a descriptor we own; -1 leaves the owner as it is.
        let _ = unsafe { libc::fchown(f.as_raw_fd(), u32::MAX, like.gid()) };
    }
    for part in parts {
        f.write_all(part)?;
    }
    f.sync_all()
}

/// The journal's own layout, read as `check` reads it: its delimiter, its width, and the column
/// (1-based; 0 for none) of each of an event's five values — in its order, under any title lines.
fn layout(old: &str) -> Result<(u8, usize, [usize; 5]), String> {
    if old.trim().is_empty() {
        return Ok((b',', 5, [1, 2, 3, 4, 5]));
    }
    // Its head is enough to find the header (a journal of a million rows is not copied): whole
    // lines up to 64 KB, past the header search's lines.
    let mut cut = old.len().min(64 << 10);
    while !old.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = match old[..cut].rfind(['\n', '\r']) {
        Some(end) if cut < old.len() => &old[..end],
        _ => &old[..cut],
    };
    let source = source::Source {
        label: workspace::EVENTS.file.to_string(),
        rows: source::Rows::Csv {
            text: head.to_string(),
            reread: None,
            head: cut < old.len(),
        },
    };
    let mut diags = Vec::new();
    let Some(t) = workspace::table::parse(&source, &workspace::EVENTS, None, &mut diags) else {
        return Err(crate::tr!(
            "record.journal_no_header",
            "ничего не записано: в events.csv нет строки заголовка, которую vzysk может прочитать",
            "nothing recorded: events.csv has no header vzysk can read"
        )
        .to_string());
    };
    let columns = ["account", "date", "event", "reference", "details"].map(|n| t.column(n));
    Ok((t.delimiter().unwrap_or(b','), t.width(), columns))
}

/// Writes the journal with `added` after its rows, in its own delimiter and line ending (CR LF as
/// Excel saves it, a lone CR, or LF): whole, to a temporary file renamed over it, the old one kept
/// as `events.csv.bak`.
fn write(path: &Path, old: Option<&str>, added: &[journal::NewEvent]) -> Result<(), String> {
    let old = old.unwrap_or("");
    let whole = old;
    let (delimiter, width, columns) = layout(old)?;
    // Each row in the journal's own columns; a value with no column to go to refuses the whole
    // recording rather than write the journal in another layout (a mixed file breaks every run).
    let place = |row: [String; 5]| -> Result<Vec<String>, String> {
        let mut cells = vec![String::new(); width];
        for ((value, column), name) in row.into_iter().zip(columns).zip(workspace::EVENTS.known) {
            match column {
                0 if !value.is_empty() => {
                    return Err(crate::tr!(
                        "record.journal_no_column",
                        "ничего не записано: в events.csv нет колонки {name} для «{value}»; добавьте её в заголовок",
                        "nothing recorded: events.csv has no column \"{name}\" for «{value}»; add it to the header"
                    )
                    .to_string());
                }
                0 => {}
                c => cells[c - 1] = value,
            }
        }
        Ok(cells)
    };
    let ending = match old.find(['\r', '\n']).map(|i| &old[i..]) {
        Some(e) if e.starts_with("\r\n") => "\r\n",
        Some(e) if e.starts_with('\r') => "\r",
        _ => "\n",
    };
    let terminator = match ending {
        "\r\n" => csv::Terminator::CRLF,
        "\r" => csv::Terminator::Any(b'\r'),
        _ => csv::Terminator::Any(b'\n'),
    };
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(terminator)
        .from_writer(Vec::new());
    if old.trim().is_empty() {
        w.write_record(["account", "date", "event", "reference", "details"])
            .map_err(|e| e.to_string())?;
    }
    for e in added {
        w.write_record(place(e.row())?).map_err(|e| e.to_string())?;
    }
    let rows = w.into_inner().map_err(|e| e.to_string())?;
    // The old journal as it is, a line ending if its last row has none, then the rows added:
    // written as they are, not joined into one more copy of a journal of a million rows.
    let old = if old.trim().is_empty() { "" } else { old };
    let gap = if !old.is_empty() && !old.ends_with(['\r', '\n']) {
        ending
    } else {
        ""
    };
    let parts = [old.as_bytes(), gap.as_bytes(), &rows];
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(".events.csv.vzysk-tmp-{}", std::process::id()));
    let old_meta = std::fs::metadata(path).ok();
    let bak_tmp = dir.join(format!(".events.csv.bak.vzysk-tmp-{}", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        if let Some(meta) = &old_meta {
            // The old journal itself becomes the backup: a second name for it (nothing copied;
            // a copy where the file system has no hard links), renamed into place, so a run
            // killed meanwhile leaves the old backup, never an empty one. The journal is then
            // replaced by a new file, and the two names part.
            let _ = std::fs::remove_file(&bak_tmp);
            if std::fs::hard_link(path, &bak_tmp).is_err() {
                fresh_file(&bak_tmp, &[whole.as_bytes()], meta)?;
            }
            std::fs::rename(&bak_tmp, dir.join("events.csv.bak"))?;
        }
        fresh_file(
            &tmp,
            &parts,
            old_meta.as_ref().unwrap_or(&std::fs::metadata(dir)?),
        )?;
        std::fs::rename(&tmp, path)
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(&bak_tmp);
        let shown = path.display();
        crate::tr!(
            "record.journal_not_written",
            "{shown}: файл не записан: {e}",
            "{shown}: not written: {e}"
        )
        .to_string()
    })
}
