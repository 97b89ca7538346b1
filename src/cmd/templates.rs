//! `vzysk templates list | export DIR | check WS | data KIND WS --account A` — the document
//! templates: which there are, a copy to edit, a check of a workspace's own, and the values each
//! receives.
//!
//! Usage:
//! - `vzysk templates list`
//! - `vzysk templates export my-templates`
//! - `vzysk templates check samples/ruza`
//! - `vzysk templates data court-order samples/ruza --account 1001 --as-of 2026-11-27`
//!
//! A workspace overrides a built-in template by putting a file of the same name in its
//! `templates/` folder. `check` composes every document template with the workspace's overrides,
//! parses it as Typst, and compiles it with one document's real values (the workspace's own
//! accounts, else the sample's). It reports each error as `file:line:column` of the template file
//! where the line can be found there, else of the composed template. `generate` runs the same
//! syntax check before it writes anything.

use crate::docs::batch::Batch;
use crate::docs::kinds::DocKind;
use crate::docs::settings::Settings;
use crate::docs::{self, org};
use crate::law::calculation::calculate_account;
use crate::law::case::Case;
use crate::render::check::{document_templates, relocate, syntax_errors};
use crate::render::compose::Composer;
use crate::render::pool::{Composed, OwnedJob, Worker};
use crate::templates::{self, TEMPLATES};
use crate::workspace;
use clap::Subcommand;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The document templates: list, export, check, and the data each receives.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  vzysk templates list\n  vzysk templates export my-templates\n  vzysk templates check samples/ruza\n  vzysk templates data court-order samples/ruza --account 1001 --as-of 2026-11-27"
)]
pub struct Args {
    #[command(subcommand)]
    command: TemplatesCommand,
}

#[derive(Subcommand)]
enum TemplatesCommand {
    /// Each built-in template: its file, the document kind it makes, what it receives.
    List,
    /// Writes the built-in templates into DIR, to edit and put in a workspace's templates/.
    Export {
        dir: PathBuf,
        /// Overwrite files that are already there.
        #[arg(long)]
        force: bool,
    },
    /// Checks a workspace's templates/: composes, parses and compiles each document template.
    Check {
        workspace: PathBuf,
        /// The date the sample documents are made as of; defaults to today.
        #[arg(long, value_parser = super::common::parse_as_of)]
        as_of: Option<chrono::NaiveDate>,
    },
    /// Prints the JSON the templates of document KIND receive for one account (`d` in the
    /// template), with the organisation values composed in ({{ claimant.name }}, …).
    Data {
        /// A document kind (the registry's: `docs::kinds`).
        #[arg(help = crate::docs::kinds::with_kinds("A document kind: {kinds}."))]
        kind: String,
        workspace: PathBuf,
        #[arg(long)]
        account: String,
        #[arg(long, value_parser = super::common::parse_as_of)]
        as_of: Option<chrono::NaiveDate>,
    },
}

pub fn run(args: Args) -> Result<ExitCode, String> {
    match args.command {
        TemplatesCommand::List => {
            let mut text = String::new();
            for t in TEMPLATES {
                text.push_str(&format!(
                    "{:<28} {:<20} {}\n",
                    t.name,
                    crate::docs::kinds::users_of(t, crate::lang::current()),
                    t.describe()
                ));
            }
            text.push_str(crate::lang::say(
                "\nКакие значения получает шаблон документа: vzysk templates data ВИД ПАПКА --account ЛС\n",
                "\nThe values a document template receives: vzysk templates data KIND WS --account A\n",
            ));
            super::common::print(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        TemplatesCommand::Export { dir, force } => export(&dir, force),
        TemplatesCommand::Check { workspace, as_of } => {
            check(&workspace, as_of.unwrap_or_else(super::common::today))
        }
        TemplatesCommand::Data {
            kind,
            workspace,
            account,
            as_of,
        } => data(
            &kind,
            &workspace,
            &account,
            as_of.unwrap_or_else(super::common::today),
        ),
    }
}

fn export(dir: &Path, force: bool) -> Result<ExitCode, String> {
    let shown = dir.display();
    std::fs::create_dir_all(dir).map_err(|e| {
        crate::tr!(
            "templates.folder_failed",
            "{shown}: не удалось создать папку: {e}",
            "{shown}: cannot be created: {e}"
        )
        .to_string()
    })?;
    let taken: Vec<&str> = TEMPLATES
        .iter()
        .map(|t| t.name)
        .filter(|n| dir.join(n).exists())
        .collect();
    if !force && !taken.is_empty() {
        let taken = taken.join(", ");
        say!(
            "vzysk: {}",
            crate::tr!(
                "templates.export_taken",
                "в {shown} уже есть {taken}; ничего не записано (--force перезапишет)",
                "{shown} already holds {taken}; nothing written (--force overwrites)"
            )
        );
        return Ok(ExitCode::FAILURE);
    }
    for t in TEMPLATES {
        let path = dir.join(t.name);
        std::fs::write(&path, t.source).map_err(|e| {
            let path = path.display();
            crate::tr!(
                "templates.write_failed",
                "{path}: не удалось записать файл: {e}",
                "{path}: cannot be written: {e}"
            )
            .to_string()
        })?;
    }
    let n = TEMPLATES.len();
    say!(
        "vzysk: {}",
        crate::tr!(
            "templates.exported",
            "шаблонов в {shown}: {n}; те, что измените, положите в папку templates/ папки дела",
            "{n} templates in {shown}; put the ones you change in a workspace's templates/"
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// The sample workspace, written from the binary into a temporary folder and read: the documents
/// a check compiles when the workspace has no accounts of its own.
fn sample_workspace(
    options: workspace::source::Options,
) -> Result<(workspace::Workspace, PathBuf), String> {
    let dir = std::env::temp_dir().join(format!("vzysk-sample-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (name, text) in super::common::SAMPLE {
        std::fs::write(dir.join(name), text).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let (w, _) = workspace::load_as(&dir, options);
    Ok((w, dir))
}

fn check(ws: &Path, as_of: chrono::NaiveDate) -> Result<ExitCode, String> {
    let dir = ws.join("templates");
    if !dir.is_dir() {
        let shown = ws.display();
        say!(
            "vzysk: {}",
            crate::tr!(
                "templates.no_folder",
                "в {shown} нет папки templates/: используются встроенные шаблоны",
                "{shown} has no templates/ folder: the built-in templates are used"
            )
        );
        return Ok(ExitCode::SUCCESS);
    }
    let options = workspace::source::Options {
        as_of: Some(as_of),
        ..Default::default()
    };
    let (own, diags) = workspace::load_as(ws, options);
    // Its own accounts give the documents to compile, unless it has none it can trust.
    let usable =
        !own.accounts.is_empty() && !diags.iter().any(|d| d.is_error() && d.account.is_none());
    let context = org::org_context(&own.config, own.config.courts.first());
    let mut problems = syntax_errors(&dir, &context);
    let known: Vec<&str> = TEMPLATES.iter().map(|t| t.name).collect();
    let mut overridden = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if known.contains(&name.as_str()) {
                overridden.push(name);
            } else if name.ends_with(".j2") {
                say!(
                    "vzysk: {}",
                    crate::tr!(
                        "templates.unknown_name",
                        "templates/{name}: такого встроенного шаблона нет; файл используется, только если его включает другой шаблон",
                        "templates/{name}: not a built-in template's name; used only where a template includes it"
                    )
                );
            }
        }
    }
    overridden.sort();
    if problems.is_empty() {
        problems = compile_errors(&dir, own, usable, options)?;
    }
    for p in &problems {
        say!("{p}");
    }
    let (n, names, errors) = (overridden.len(), overridden.join(", "), problems.len());
    say!(
        "vzysk: {}",
        crate::tr!(
            "templates.checked",
            "заменённых шаблонов: {n} ({names}); ошибок: {errors}",
            "{n} overridden template(s) ({names}); {errors} error(s)"
        )
    );
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Compiles each document template once with a real document's values.
fn compile_errors(
    dir: &Path,
    own: workspace::Workspace,
    usable: bool,
    options: workspace::source::Options,
) -> Result<Vec<String>, String> {
    let as_of = options.as_of.unwrap_or_else(super::common::today);
    let config = &own.config.clone();
    let (data_ws, temp) = if usable {
        (own, None)
    } else {
        let (w, dir) = sample_workspace(options)?;
        (w, Some(dir))
    };
    let composer = Composer::new(Some(dir.to_path_buf()));
    let settings = Settings {
        config: &data_ws.config,
        composer: &composer,
    };
    // The batch's papers are made from many documents, not from one account's.
    let batch_papers = [
        templates::COVER_LETTER,
        templates::COURT_REGISTRY,
        templates::ENFORCEMENT_REGISTRY,
        templates::FORM_103,
    ];
    let mut wanted: Vec<&str> = document_templates()
        .map(|t| t.name)
        .filter(|n| !batch_papers.contains(n))
        .collect();
    let mut problems = Vec::new();
    let mut worker = Worker::new(as_of, true);
    'accounts: for account in &data_ws.accounts {
        if data_ws.with_errors.contains_key(&account.id) {
            continue;
        }
        let calc = calculate_account(account, as_of, &data_ws.config.conventions);
        let account = crate::law::capacity::for_papers(account, &calc, &data_ws.config.claiming);
        let case = Case::of(&account, &calc, &data_ws.config.claiming);
        for kind in DocKind::selectable_kinds() {
            let mut batch = Batch::default();
            docs::build(kind, &settings, &case, &mut batch);
            for doc in &batch.pdfs {
                let Some(i) = wanted.iter().position(|w| *w == doc.template) else {
                    continue;
                };
                wanted.remove(i);
                let office = doc.office.as_ref().and_then(|id| {
                    org::office(config, id).or_else(|| org::office(&data_ws.config, id))
                });
                let text = match composer.compose(doc.template, &org::org_context(config, office)) {
                    Ok(t) => t,
                    Err(e) => {
                        problems.push(format!(
                            "{}: {e}",
                            Composer::origin(Some(dir), doc.template)
                        ));
                        continue;
                    }
                };
                // In a renderer process: a template that loops or grows without end is stopped by
                // its time and memory budget, as in `generate`.
                let template = Composed {
                    id: Composed::next_id(),
                    name: doc.template.to_string(),
                    text: text.clone(),
                };
                let job = OwnedJob {
                    ident: format!("vzysk/check/{}", doc.template),
                    data: doc.values.clone(),
                    files: doc
                        .files
                        .iter()
                        .map(|(p, b)| (p.to_string(), b.clone()))
                        .collect(),
                };
                if let Some(Err(e)) = worker.render(&template, &[job]).into_iter().next() {
                    problems.push(relocate(dir, doc.template, &text, &e));
                }
            }
            if wanted.is_empty() {
                break 'accounts;
            }
        }
    }
    if let Some(temp) = temp {
        let _ = std::fs::remove_dir_all(temp);
    }
    Ok(problems)
}

/// What each document's template receives: its place, its template, `d` (the document's values)
/// and the values it is composed with (the claimant, the recipient office).
pub fn template_data(
    config: &crate::workspace::config::Config,
    docs: &[crate::docs::batch::PdfDoc],
) -> Vec<serde_json::Value> {
    docs.iter()
        .map(|doc| {
            let office = doc.office.as_ref().and_then(|id| org::office(config, id));
            let d: serde_json::Value = serde_json::from_slice(&doc.values).unwrap_or_default();
            serde_json::json!({
                "document": doc.path,
                "template": doc.template,
                "d": d,
                "composed_with": org::org_context(config, office),
            })
        })
        .collect()
}

fn data(
    kind: &str,
    ws: &Path,
    account: &str,
    as_of: chrono::NaiveDate,
) -> Result<ExitCode, String> {
    let Some(kind) = DocKind::parse(kind) else {
        let names = DocKind::selectable_names();
        say!(
            "vzysk: {}",
            crate::tr!(
                "templates.unknown_kind",
                "«{kind}» — не вид документа: укажите один из {names}",
                "\"{kind}\" is not a document kind: write one of {names}"
            )
        );
        return Ok(ExitCode::from(2));
    };
    let options = workspace::source::Options {
        as_of: Some(as_of),
        ..Default::default()
    };
    let (w, _) = workspace::load_as(ws, options);
    let Some(acc) = w.account(account) else {
        let shown = ws.display();
        say!(
            "vzysk: {}",
            crate::tr!(
                "templates.no_such_account",
                "--account {account}: такого лицевого счёта нет в {shown}",
                "--account {account}: no such account in {shown}"
            )
        );
        return Ok(ExitCode::FAILURE);
    };
    let dir = ws.join("templates");
    let composer = Composer::new(Some(dir).filter(|d| d.is_dir()));
    let settings = Settings {
        config: &w.config,
        composer: &composer,
    };
    let calc = calculate_account(acc, as_of, &w.config.conventions);
    let acc = crate::law::capacity::for_papers(acc, &calc, &w.config.claiming);
    let case = Case::of(&acc, &calc, &w.config.claiming);
    let mut batch = Batch::default();
    docs::build(kind, &settings, &case, &mut batch);
    let mut out = template_data(&w.config, &batch.pdfs);
    // The text outputs (SMS, call lists) are rows of a table, not a template's data.
    for (path, table) in &batch.tables {
        for row in table.rows() {
            let fields: serde_json::Map<String, serde_json::Value> = table
                .header()
                .iter()
                .zip(row)
                .map(|(h, v)| (h.to_string(), serde_json::Value::from(v)))
                .collect();
            out.push(serde_json::json!({ "document": path, "row": fields }));
        }
    }
    for r in &batch.refused {
        let [a, debtor, k, why] = r.row();
        say!(
            "vzysk: {}",
            crate::tr!(
                "templates.not_made",
                "{a} {debtor} {k}: не сделан: {why}",
                "{a} {debtor} {k}: not made: {why}"
            )
        );
    }
    let mut text = serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?;
    text.push('\n');
    super::common::print(&text)?;
    Ok(if out.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
