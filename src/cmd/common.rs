//! What several commands share: the workspace, date and accounts a command works on (`Target`),
//! how its files are read (`Input`), the date arguments, and printing.

use crate::diag::Diagnostic;
use crate::lang::Text;
use crate::workspace::{self, Workspace};
use chrono::NaiveDate;
use std::path::PathBuf;
use std::process::ExitCode;

/// The sample workspace (`samples/ruza`), in the binary: `templates check` compiles templates with
/// its documents when the workspace has no accounts of its own.
pub const SAMPLE: [(&str, &str); 4] = [
    ("vzysk.toml", include_str!("../../samples/ruza/vzysk.toml")),
    (
        "accounts.csv",
        include_str!("../../samples/ruza/accounts.csv"),
    ),
    ("ledger.csv", include_str!("../../samples/ruza/ledger.csv")),
    ("events.csv", include_str!("../../samples/ruza/events.csv")),
];

/// Writes to stdout; a closed pipe (`| head`) ends the output quietly.
pub fn print(text: &str) -> Result<(), String> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(output_failed(&e)),
        _ => Ok(()),
    }
}

/// Why the output (standard output) could not be written.
pub fn output_failed(e: &std::io::Error) -> String {
    crate::tr!(
        "cmd.output_failed",
        "не удалось вывести результат: {e}",
        "cannot write the output: {e}"
    )
    .to_string()
}

/// «nothing written»: what a run stopped before its output says first.
pub fn nothing_written() -> Text {
    crate::tr!(
        "cmd.nothing_written",
        "ничего не записано",
        "nothing written"
    )
}

/// `--as-of`: a date in either accepted form.
pub fn parse_as_of(text: &str) -> Result<NaiveDate, String> {
    crate::model::parse_date(text).ok_or_else(|| {
        crate::tr!(
            "cmd.not_a_date",
            "«{text}» — не дата: укажите ГГГГ-ММ-ДД",
            "\"{text}\" is not a date: write YYYY-MM-DD"
        )
        .to_string()
    })
}

/// Today, for `--as-of` when it is not given and for what may not be dated after it (a recorded
/// event). The only place the wall clock is read. `VZYSK_TODAY=YYYY-MM-DD` sets it instead: for a
/// rehearsal of the months ahead (the tests live three months in one run).
pub fn today() -> NaiveDate {
    if let Some(day) = std::env::var("VZYSK_TODAY")
        .ok()
        .and_then(|d| crate::model::parse_date(d.trim()))
    {
        return day;
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    chrono::DateTime::from_timestamp(secs as i64, 0).map_or(NaiveDate::MIN, |t| t.date_naive())
}

/// Prints diagnostics to stderr and returns how many were errors.
pub fn print_diagnostics(diags: &[Diagnostic], with_warnings: bool) -> usize {
    let mut errors = 0;
    for d in diags {
        if d.is_error() {
            errors += 1;
        }
        if d.is_error() || with_warnings || d.severity == crate::diag::Severity::Note {
            say!("{d}");
        }
    }
    errors
}

/// How the workspace's files are read, where detection is not wanted.
#[derive(clap::Args, Clone, Copy, Debug, Default)]
pub struct Input {
    /// The CSV files' encoding (utf-8, windows-1251, koi8-r, ibm866); detected when not given, and
    /// said when it is not UTF-8.
    #[arg(long, value_name = "ENC", value_parser = workspace::source::parse_encoding)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The line (in a workbook, the row) holding the column names, when title rows stand above it;
    /// found when not given.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub header_row: Option<u64>,
}

impl Input {
    /// The reading options, with the date after which a ledger date is reported.
    pub fn options(self, as_of: NaiveDate) -> workspace::source::Options {
        workspace::source::Options {
            encoding: self.encoding,
            header_row: self.header_row,
            as_of: Some(as_of),
        }
    }
}

/// Calls `f` with each account `target` selects, in the file's order, its ledger read from the file
/// when the workspace was loaded indexed (and dropped after), and its errors if it has any: one
/// account's ledger in memory at a time.
pub fn each_account(
    ws: &mut Workspace,
    target: &Target,
    mut f: impl FnMut(&crate::model::Account, Option<&workspace::AccountErrors>) -> Result<(), String>,
) -> Result<(), String> {
    let mut accounts = ws.accounts();
    while let Some(account) = accounts
        .next_wanted(&|id| target.wants(id))
        .map_err(|e| e.to_string())?
    {
        f(&account, ws.with_errors.get(&account.id))?;
    }
    Ok(())
}

/// The workspace, date and accounts a computing command works on.
#[derive(clap::Args)]
pub struct Target {
    /// The workspace folder.
    pub workspace: PathBuf,
    #[command(flatten)]
    pub input: Input,
    /// Any error in the input stops the run, with nothing written; without it, the accounts with
    /// errors are refused (listed with their reasons) and the others are made.
    #[arg(long)]
    pub strict: bool,
    /// The calculation date, which is also the documents' date and the filing date for the duty
    /// scale; defaults to today.
    #[arg(long, value_parser = parse_as_of)]
    pub as_of: Option<NaiveDate>,
    /// Only these accounts (repeatable).
    #[arg(long = "account", value_name = "A")]
    pub accounts: Vec<String>,
}

impl Target {
    pub fn as_of(&self) -> NaiveDate {
        self.as_of.unwrap_or_else(today)
    }

    /// Whether `--account` selects this account (all when none is given).
    pub fn wants(&self, id: &str) -> bool {
        self.accounts.is_empty() || self.accounts.iter().any(|a| a == id)
    }

    /// Reads the workspace and prints its errors. `Err(exit code)`, after saying why (`refusal`:
    /// what the command does not do, «nothing written»), when an error belongs to no account (it
    /// could be any account's row: nothing can be trusted) or when `--account` names an account
    /// that does not exist. Returns the number of errors printed.
    pub fn load(&self, refusal: &Text) -> Result<(Workspace, usize), ExitCode> {
        self.load_with(refusal, false, &mut |line| say!("{line}"))
    }

    /// As `load`, with the ledger left in its file (`workspace::load_indexed`), for `generate`.
    pub fn load_indexed(&self, refusal: &Text) -> Result<(Workspace, usize), ExitCode> {
        self.load_with(refusal, true, &mut |line| say!("{line}"))
    }

    /// As `load_indexed`, its lines told to `said` instead of printed (the batch pipeline's).
    pub fn load_indexed_said(
        &self,
        refusal: &Text,
        said: &mut dyn FnMut(String),
    ) -> Result<(Workspace, usize), ExitCode> {
        self.load_with(refusal, true, said)
    }

    fn load_with(
        &self,
        refusal: &Text,
        indexed: bool,
        said: &mut dyn FnMut(String),
    ) -> Result<(Workspace, usize), ExitCode> {
        let (ws, diags) = if indexed {
            workspace::load_indexed(&self.workspace, self.input.options(self.as_of()))
        } else {
            workspace::load_as(&self.workspace, self.input.options(self.as_of()))
        };
        // Reading leaves the heap full of freed row buffers; hand them back (see below).
        crate::memory::release_free_memory();
        let mut errors = 0;
        for d in &diags {
            errors += usize::from(d.is_error());
            if d.is_error() || d.severity == crate::diag::Severity::Note {
                said(d.to_string());
            }
        }
        // Warnings are not printed one by one here (`check` lists them), but never kept quiet.
        let warnings = diags
            .iter()
            .filter(|d| d.severity == crate::diag::Severity::Warning)
            .count();
        let ws_shown = self.workspace.display();
        if warnings > 0 {
            said(format!(
                "vzysk: {}",
                crate::tr!(
                    "input.warnings",
                    "во входных данных есть предупреждения ({warnings}): их перечислит `vzysk check {ws_shown}`",
                    "the input has {warnings} warning(s): `vzysk check {ws_shown}` lists them"
                )
            ));
        }
        // Data older than the run's day is said by every command, not only by `check`.
        for stale in diags
            .iter()
            .filter(|d| d.message.code() == workspace::STALE_LEDGER)
        {
            said(format!("vzysk: {stale}"));
        }
        if let Some(fatal) = diags.iter().find(|d| d.is_error() && d.account.is_none()) {
            said(format!(
                "vzysk: {refusal}: {fatal}\n{}",
                crate::tr!(
                    "input.fatal",
                    "(все ошибки перечислит `vzysk check {ws_shown}`)",
                    "(run `vzysk check {ws_shown}` for every problem)"
                )
            ));
            return Err(ExitCode::FAILURE);
        }
        if self.strict && errors > 0 {
            said(format!(
                "vzysk: {refusal}: {}",
                crate::tr!(
                    "input.strict",
                    "задан --strict, а во входных данных есть ошибки ({errors}); запустите `vzysk check {ws_shown}`",
                    "--strict, and the input has {errors} error(s) (run `vzysk check {ws_shown}`)"
                )
            ));
            return Err(ExitCode::FAILURE);
        }
        if let Some(wanted) = self.accounts.iter().find(|a| !ws.has_account(a)) {
            said(format!(
                "vzysk: {}",
                crate::tr!(
                    "input.no_such_account",
                    "--account {wanted}: такого лицевого счёта нет в accounts.csv",
                    "--account {wanted}: no such account in accounts.csv"
                )
            ));
            return Err(ExitCode::FAILURE);
        }
        Ok((ws, errors))
    }
}
