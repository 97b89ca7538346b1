//! `vzysk init DIR` — a workspace skeleton to fill in.
//!
//! Usage: `vzysk init дело-2026`
//!
//! Writes `vzysk.toml` with every key commented in Russian and English and every value a
//! placeholder («ЗАМЕНИТЕ: …», which `vzysk check` lists until each is replaced), `accounts.csv`,
//! `ledger.csv` and `events.csv` with their headers, and `templates/README.txt`. The folder must
//! be new or empty: nothing is ever overwritten.

use crate::workspace::{ACCOUNTS, EVENTS};
use std::path::PathBuf;
use std::process::ExitCode;

/// Create a workspace skeleton: vzysk.toml with placeholders, empty tables with their headers.
#[derive(clap::Args)]
#[command(after_help = "Example: vzysk init дело-2026 && vzysk check дело-2026")]
pub struct Args {
    /// The folder to create (or an empty one).
    pub dir: PathBuf,
}

/// The skeleton's `vzysk.toml`.
pub const SKELETON: &str = include_str!("skeleton/vzysk.toml");

const LEDGER_HEADER: &str = "account,kind,period,date,amount,service,due_date,reference";

const TEMPLATES_NOTE: &str = "\
Шаблоны документов / document templates

Положите сюда файл с именем встроенного шаблона, чтобы заменить его в этой папке дела.
Put a file here named as a built-in template to override it for this workspace.

  vzysk templates list              какие шаблоны есть и какие данные получают / the templates and their data
  vzysk templates export ПАПКА      выгрузить встроенные шаблоны для правки / the built-in ones, to edit
  vzysk templates check .           проверить шаблоны этой папки / check the ones in this workspace
  vzysk templates data court-order . --account 1001
                                    данные, которые получит шаблон / the JSON a template receives

Шаблон читает только файлы своей папки. / A template reads only files of its own folder.
";

pub fn run(args: Args) -> Result<ExitCode, String> {
    let dir = &args.dir;
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: cannot be read: {e}", dir.display()))?;
        if entries.next().is_some() {
            say!(
                "vzysk: {} is not empty; init writes only into a new or empty folder",
                dir.display()
            );
            return Ok(ExitCode::FAILURE);
        }
    }
    let write = |name: &str, text: &str| -> Result<(), String> {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("{}: cannot be created: {e}", parent.display()))?;
        }
        std::fs::write(&path, text)
            .map_err(|e| format!("{}: cannot be written: {e}", path.display()))
    };
    write("vzysk.toml", SKELETON)?;
    write("accounts.csv", &format!("{}\n", ACCOUNTS.known.join(",")))?;
    write("ledger.csv", &format!("{LEDGER_HEADER}\n"))?;
    write("events.csv", &format!("{}\n", EVENTS.known.join(",")))?;
    write("templates/README.txt", TEMPLATES_NOTE)?;
    say!(
        "vzysk: a workspace in {}: fill in vzysk.toml (every «ЗАМЕНИТЕ: …»), then accounts.csv and ledger.csv; `vzysk check {}` says what is left",
        dir.display(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
