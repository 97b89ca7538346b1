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

use crate::docs;
use crate::law::account::calculate;
use crate::render::{self, compose::BUILTIN, compose::Composer};
use crate::workspace::{self, config::Config};
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
    command: Sub,
}

#[derive(Subcommand)]
enum Sub {
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
        #[arg(long, value_parser = super::parse_as_of)]
        as_of: Option<chrono::NaiveDate>,
    },
    /// Prints the JSON the templates of document KIND receive for one account (`d` in the
    /// template), with the organisation values composed in ({{ claimant.name }}, …).
    Data {
        /// A document kind: notice, warning, agreement, court-order, claim, bank, fssp.
        kind: String,
        workspace: PathBuf,
        #[arg(long)]
        account: String,
        #[arg(long, value_parser = super::parse_as_of)]
        as_of: Option<chrono::NaiveDate>,
    },
}

/// (template file, document kind, what it is and receives).
const ABOUT: &[(&str, &str, &str)] = &[
    (
        "court-order.typ.j2",
        "court-order",
        "заявление о вынесении судебного приказа: d.debtors (full_name, genitive, lines), d.sums, d.demands, d.attachments, d.from_whom; court, claimant, agent",
    ),
    (
        "calculation.typ.j2",
        "court-order, claim",
        "расчёт задолженности и пеней: d.sums, d.debtor_names, d.premises, d.share, the month and penalty tables",
    ),
    (
        "claim.typ.j2",
        "claim",
        "исковое заявление: as court-order, with d.history (the cancelled order)",
    ),
    (
        "notice.typ.j2",
        "notice",
        "уведомление о задолженности: d.to (addressee, dative), d.total, d.total_words, d.payee, d.contacts; QR as qr.svg",
    ),
    (
        "warning.typ.j2",
        "warning",
        "предупреждение об ограничении (п.119 Правил № 354): d.to, d.service, d.debt, d.term_days, d.payee",
    ),
    (
        "agreement.typ.j2",
        "agreement",
        "соглашение о рассрочке: d.debtors, d.amount, d.amount_words, d.parts, d.place",
    ),
    (
        "bank.typ.j2",
        "bank",
        "заявление взыскателя в банк (ст.8 229-ФЗ): d.debtors (genitive), d.writ, d.payee",
    ),
    (
        "fssp.typ.j2",
        "fssp",
        "заявление в ФССП (ст.30 229-ФЗ): d.debtors (genitive), d.writ, d.payee; bailiffs office",
    ),
    (
        "cover-letter.typ.j2",
        "court-order, claim",
        "сопроводительное письмо в суд: d.count, d.totals, d.parts",
    ),
    (
        "court-registry.typ.j2",
        "court-order, claim",
        "реестр заявлений, по 100 строк: d.count, d.totals, d.part, d.parts",
    ),
    (
        "enforcement-registry.typ.j2",
        "bank, fssp",
        "реестр исполнительных документов: d.recipient, d.count, d.part, d.parts",
    ),
    (
        "form-103.typ.j2",
        "(registered mail)",
        "список почтовых отправлений ф.103: d.number, d.count, d.mass",
    ),
    (
        "sms.txt.j2",
        "sms",
        "текст SMS (plain text): sender, account, total, penalty, phone, name",
    ),
    ("calls.txt.j2", "calls", "сценарий звонка (plain text)"),
    (
        "_style.typ.j2",
        "(every PDF)",
        "page, fonts, footer: included by each document template",
    ),
    (
        "_parties.typ.j2",
        "court-order, claim",
        "the header of an application: court, parties, sums",
    ),
    (
        "_signature.typ.j2",
        "(court, bank, fssp)",
        "the signature block",
    ),
    (
        "_enforcement_head.typ.j2",
        "bank, fssp",
        "the header of an enforcement application",
    ),
];

pub fn run(args: Args) -> Result<ExitCode, String> {
    match args.command {
        Sub::List => {
            let mut text = String::new();
            for (name, _) in BUILTIN {
                let (kind, about) = ABOUT
                    .iter()
                    .find(|(n, _, _)| n == name)
                    .map_or(("", ""), |(_, k, a)| (*k, *a));
                text.push_str(&format!("{name:<28} {kind:<20} {about}\n"));
            }
            text.push_str(
                "\nThe values a document template receives: vzysk templates data KIND WS --account A\n",
            );
            super::print(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Sub::Export { dir, force } => export(&dir, force),
        Sub::Check { workspace, as_of } => check(&workspace, as_of.unwrap_or_else(super::today)),
        Sub::Data {
            kind,
            workspace,
            account,
            as_of,
        } => data(
            &kind,
            &workspace,
            &account,
            as_of.unwrap_or_else(super::today),
        ),
    }
}

fn export(dir: &Path, force: bool) -> Result<ExitCode, String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("{}: cannot be created: {e}", dir.display()))?;
    let taken: Vec<&str> = BUILTIN
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| dir.join(n).exists())
        .collect();
    if !force && !taken.is_empty() {
        eprintln!(
            "vzysk: {} already holds {}; nothing written (--force overwrites)",
            dir.display(),
            taken.join(", ")
        );
        return Ok(ExitCode::FAILURE);
    }
    for (name, text) in BUILTIN {
        let path = dir.join(name);
        std::fs::write(&path, text)
            .map_err(|e| format!("{}: cannot be written: {e}", path.display()))?;
    }
    eprintln!(
        "vzysk: {} templates in {}; put the ones you change in a workspace's templates/",
        BUILTIN.len(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The document templates (PDFs), whose errors a check can find.
fn document_templates() -> impl Iterator<Item = &'static str> {
    BUILTIN
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| n.ends_with(".typ.j2") && !n.starts_with('_'))
}

/// Composes every document template with the workspace's overrides and parses it as Typst:
/// each error as `templates/file:line:column: message`. Cheap; `generate` runs it first.
pub fn syntax_errors(dir: &Path, config: &Config) -> Vec<String> {
    let composer = Composer::new(Some(dir.to_path_buf()));
    let mut errors = Vec::new();
    for name in document_templates() {
        let office = config.courts.first();
        let text = match composer.compose(name, &docs::org_context(config, office)) {
            Ok(t) => t,
            Err(e) => {
                // `e` starts with the failing file's name and line; only an override can fail.
                errors.push(format!("templates/{e}"));
                continue;
            }
        };
        let mut found = Vec::new();
        syntax_error_nodes(&typst::syntax::parse(&text), 0, &mut found);
        for (offset, message) in found {
            let before = text.get(..offset).unwrap_or("");
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            errors.push(format!("{}: {message}", place(dir, name, &text, line, col)));
        }
    }
    // The text templates (SMS, call lists) are minijinja only: their template syntax is checked.
    for name in BUILTIN
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| n.ends_with(".txt.j2"))
    {
        if let Err(e) = composer.syntax(name) {
            errors.push(format!("templates/{e}"));
        }
    }
    // A partial's error shows in every template that includes it: say it once.
    let mut seen = std::collections::HashSet::new();
    errors.retain(|e| seen.insert(e.clone()));
    errors
}

/// The syntax errors under `node` (which starts at byte `offset`): where each starts, and why.
fn syntax_error_nodes(
    node: &typst::syntax::SyntaxNode,
    offset: usize,
    out: &mut Vec<(usize, String)>,
) {
    if node.kind() == typst::syntax::SyntaxKind::Error {
        for e in node.errors_and_warnings().0 {
            out.push((offset, e.message.to_string()));
        }
        return;
    }
    let mut at = offset;
    for child in node.children() {
        syntax_error_nodes(child, at, out);
        at += child.len();
    }
}

/// Where line `line`, column `col` of template `name` as composed stands in the template files:
/// the workspace file (or an included one) holding that very line, else the composed template.
fn place(dir: &Path, name: &str, composed: &str, line: usize, col: usize) -> String {
    let wanted = composed.lines().nth(line.wrapping_sub(1)).unwrap_or("");
    if !wanted.trim().is_empty() {
        let mut files: Vec<PathBuf> = vec![dir.join(name)];
        if let Ok(entries) = std::fs::read_dir(dir) {
            let mut others: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            others.sort();
            files.extend(others);
        }
        for file in files.iter().filter(|f| f.is_file()) {
            let Ok(text) = std::fs::read_to_string(file) else {
                continue;
            };
            if let Some(n) = text.lines().position(|l| l == wanted) {
                let shown = file
                    .file_name()
                    .map_or(String::new(), |f| f.to_string_lossy().into_owned());
                return format!("templates/{shown}:{}:{col}", n + 1);
            }
        }
    }
    format!("{name} (composed):{line}:{col}")
}

/// The sample workspace, written from the binary into a temporary folder and read: the documents
/// a check compiles when the workspace has no accounts of its own.
fn sample_workspace(
    options: workspace::source::Options,
) -> Result<(workspace::Workspace, PathBuf), String> {
    let dir = std::env::temp_dir().join(format!("vzysk-sample-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (name, text) in super::SAMPLE {
        std::fs::write(dir.join(name), text).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let (w, _) = workspace::load_as(&dir, options);
    Ok((w, dir))
}

fn check(ws: &Path, as_of: chrono::NaiveDate) -> Result<ExitCode, String> {
    let dir = ws.join("templates");
    if !dir.is_dir() {
        eprintln!(
            "vzysk: {} has no templates/ folder: the built-in templates are used",
            ws.display()
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
    let mut problems = syntax_errors(&dir, &own.config);
    let known: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
    let mut overridden = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if known.contains(&name.as_str()) {
                overridden.push(name);
            } else if name.ends_with(".j2") {
                eprintln!(
                    "vzysk: templates/{name}: not a built-in template's name; used only where a template includes it"
                );
            }
        }
    }
    overridden.sort();
    if problems.is_empty() {
        problems = compile_errors(&dir, own, usable, options)?;
    }
    for p in &problems {
        eprintln!("{p}");
    }
    eprintln!(
        "vzysk: {} overridden template(s) ({}); {} error(s)",
        overridden.len(),
        overridden.join(", "),
        problems.len()
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
    let as_of = options.as_of.unwrap_or_else(super::today);
    let config = &own.config.clone();
    let (data_ws, temp) = if usable {
        (own, None)
    } else {
        let (w, dir) = sample_workspace(options)?;
        (w, Some(dir))
    };
    let composer = Composer::new(Some(dir.to_path_buf()));
    let ctx = docs::Ctx {
        config: &data_ws.config,
        composer: &composer,
    };
    let mut wanted: Vec<&str> = document_templates()
        .filter(|n| {
            !matches!(
                *n,
                "cover-letter.typ.j2"
                    | "court-registry.typ.j2"
                    | "enforcement-registry.typ.j2"
                    | "form-103.typ.j2"
            )
        })
        .collect();
    let mut problems = Vec::new();
    'accounts: for account in &data_ws.accounts {
        if data_ws.bad.contains_key(&account.id) {
            continue;
        }
        let calc = calculate(&account.ledger, as_of, &data_ws.config.conventions);
        for kind in docs::KINDS {
            let mut batch = docs::Batch::default();
            docs::build(kind, &ctx, account, &calc, &mut batch);
            for doc in &batch.pdfs {
                let Some(i) = wanted.iter().position(|w| *w == doc.template) else {
                    continue;
                };
                wanted.remove(i);
                let office = doc.office.as_ref().and_then(|id| {
                    config
                        .courts
                        .iter()
                        .chain(&config.bailiffs)
                        .find(|o| &o.id == id)
                        .or_else(|| {
                            data_ws
                                .config
                                .courts
                                .iter()
                                .chain(&data_ws.config.bailiffs)
                                .find(|o| &o.id == id)
                        })
                });
                let text = match composer.compose(doc.template, &docs::org_context(config, office))
                {
                    Ok(t) => t,
                    Err(e) => {
                        problems.push(format!(
                            "{}: {e}",
                            Composer::origin(Some(dir), doc.template)
                        ));
                        continue;
                    }
                };
                let template = render::Template::new(doc.template, text.clone());
                let job = render::Job {
                    data: &batch.datas[doc.data],
                    files: doc.files.iter().map(|(p, b)| (*p, b.as_slice())).collect(),
                    ident: format!("vzysk/check/{}", doc.template),
                };
                if let Some(Err(e)) = render::pdfs(&template, &[job], as_of).into_iter().next() {
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

/// A render error (`name:line:col: message; …`, lines of the composed template) with each place
/// moved to the template file where it can be found there.
fn relocate(dir: &Path, name: &str, composed: &str, error: &str) -> String {
    error
        .split("; ")
        .map(|part| {
            let rest = part.strip_prefix(&format!("{name}:")).unwrap_or("");
            let mut it = rest.splitn(3, ':');
            match (
                it.next().and_then(|l| l.parse().ok()),
                it.next().and_then(|c| c.parse().ok()),
                it.next(),
            ) {
                (Some(line), Some(col), Some(msg)) => {
                    format!("{}:{msg}", place(dir, name, composed, line, col))
                }
                _ => format!("{name}: {part}"),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn data(
    kind: &str,
    ws: &Path,
    account: &str,
    as_of: chrono::NaiveDate,
) -> Result<ExitCode, String> {
    if !docs::KINDS.contains(&kind) {
        eprintln!(
            "vzysk: \"{kind}\" is not a document kind: write one of {}",
            docs::KINDS.join(", ")
        );
        return Ok(ExitCode::from(2));
    }
    let options = workspace::source::Options {
        as_of: Some(as_of),
        ..Default::default()
    };
    let (w, _) = workspace::load_as(ws, options);
    let Some(acc) = w.account(account) else {
        eprintln!(
            "vzysk: --account {account}: no such account in {}",
            ws.display()
        );
        return Ok(ExitCode::FAILURE);
    };
    let dir = ws.join("templates");
    let composer = Composer::new(Some(dir).filter(|d| d.is_dir()));
    let ctx = docs::Ctx {
        config: &w.config,
        composer: &composer,
    };
    let calc = calculate(&acc.ledger, as_of, &w.config.conventions);
    let mut batch = docs::Batch::default();
    docs::build(kind, &ctx, acc, &calc, &mut batch);
    let mut out = Vec::new();
    for doc in &batch.pdfs {
        let office = doc.office.as_ref().and_then(|id| {
            w.config
                .courts
                .iter()
                .chain(&w.config.bailiffs)
                .find(|o| &o.id == id)
        });
        let d: serde_json::Value =
            serde_json::from_slice(&batch.datas[doc.data]).unwrap_or_default();
        out.push(serde_json::json!({
            "document": doc.path,
            "template": doc.template,
            "d": d,
            "composed_with": docs::org_context(&w.config, office),
        }));
    }
    // The text outputs (SMS, call lists) are rows of a table, not a template's data.
    for (path, (header, rows)) in &batch.tables {
        for row in rows {
            let fields: serde_json::Map<String, serde_json::Value> = header
                .iter()
                .zip(row)
                .map(|(h, v)| (h.to_string(), serde_json::Value::from(v.as_str())))
                .collect();
            out.push(serde_json::json!({ "document": path, "row": fields }));
        }
    }
    for [a, debtor, k, why] in &batch.errors {
        eprintln!("vzysk: {a} {debtor} {k}: not made: {why}");
    }
    let mut text = serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?;
    text.push('\n');
    super::print(&text)?;
    Ok(if out.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
