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
    let shown = dir.display();
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| {
            crate::tr!(
                "init.unreadable",
                "{shown}: не удалось прочитать папку: {e}",
                "{shown}: cannot be read: {e}"
            )
            .to_string()
        })?;
        if entries.next().is_some() {
            say!(
                "vzysk: {}",
                crate::tr!(
                    "init.not_empty",
                    "папка {shown} не пуста; init пишет только в новую или пустую папку",
                    "{shown} is not empty; init writes only into a new or empty folder"
                )
            );
            return Ok(ExitCode::FAILURE);
        }
    }
    let write = |name: &str, text: &str| -> Result<(), String> {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                let parent = parent.display();
                crate::tr!(
                    "init.folder_failed",
                    "{parent}: не удалось создать папку: {e}",
                    "{parent}: cannot be created: {e}"
                )
                .to_string()
            })?;
        }
        std::fs::write(&path, text).map_err(|e| {
            let path = path.display();
            crate::tr!(
                "init.write_failed",
                "{path}: не удалось записать файл: {e}",
                "{path}: cannot be written: {e}"
            )
            .to_string()
        })
    };
    write("vzysk.toml", SKELETON)?;
    write("accounts.csv", &format!("{}\n", ACCOUNTS.known.join(",")))?;
    write("ledger.csv", &format!("{LEDGER_HEADER}\n"))?;
    write("events.csv", &format!("{}\n", EVENTS.known.join(",")))?;
    write("templates/README.txt", TEMPLATES_NOTE)?;
    say!(
        "vzysk: {}",
        crate::tr!(
            "init.done",
            "папка дела создана в {shown}: заполните vzysk.toml (каждое «ЗАМЕНИТЕ: …»), затем accounts.csv и ledger.csv; что осталось, скажет `vzysk check {shown}`",
            "a workspace in {shown}: fill in vzysk.toml (every «ЗАМЕНИТЕ: …»), then accounts.csv and ledger.csv; `vzysk check {shown}` says what is left"
        )
    );
    Ok(ExitCode::SUCCESS)
}
