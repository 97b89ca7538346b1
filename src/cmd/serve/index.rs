//! What the pages show of every account, gathered once (and again when the workspace changes): a
//! row per account for the debtors' table, the portfolio's figures for the overview (the same as
//! `vzysk report`), the input's diagnostics (as `vzysk check`), and each account's place in its
//! file so that a card reads just that account.

use crate::diag::Diagnostic;
use crate::ladder::next_step;
use crate::law::calculation::calculate_account;
use crate::law::case::Case;
use crate::model::{Account, Status};
use crate::portfolio::{self, Portfolio, Seen, labels, output};
use crate::workspace::{self, Accounts, Workspace};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

/// One account as the debtors' table lists it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Row {
    pub account: String,
    pub debtors: String,
    pub address: String,
    pub court: String,
    pub court_name: String,
    pub stage: String,
    pub stage_label: String,
    pub next: String,
    pub next_title: String,
    #[serde(serialize_with = "iso")]
    pub earliest: Option<NaiveDate>,
    pub reason: crate::lang::Text,
    pub overdue: Decimal,
    pub penalty: Decimal,
    pub total: Decimal,
    /// Its rows have errors: it is listed, never computed.
    pub refused: Option<crate::lang::Text>,
    /// The account, debtors and address lowered once, for the search.
    #[serde(skip)]
    pub words: String,
}

/// A date as `2026-11-27`.
fn iso<S: serde::Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.to_string()),
        None => s.serialize_none(),
    }
}

/// The workspace as the server holds it.
pub struct Index {
    pub dir: PathBuf,
    pub as_of: NaiveDate,
    pub rows: Vec<Row>,
    /// What the debtors' filters offer, made when the rows change (not on every page).
    pub choices: Choices,
    /// The rows' places in each order the table sorts by.
    pub orders: Orders,
    /// Account → place in its file.
    pub places: HashMap<String, usize>,
    pub overview: Value,
    pub diagnostics: Vec<Diagnostic>,
    /// The accounts, each read from its file when its card is opened (one reader at a time; the
    /// rest of the index is read by many requests at once).
    pub accounts: Mutex<Accounts>,
    pub workspace: Workspace,
    /// When the input files were last changed, when this was read.
    pub stamps: Vec<(PathBuf, Option<SystemTime>)>,
    /// How many times the journal was read again since the workspace was read.
    pub generation: u64,
    /// The overview's figures are from before the journal's last change (made again meanwhile).
    pub overview_stale: bool,
}

/// The input files' change times, to see that the workspace changed under the server.
pub fn stamps(dir: &Path, ws: &Workspace) -> Vec<(PathBuf, Option<SystemTime>)> {
    let mut paths = workspace::input_paths(dir, &ws.config);
    // What the runs write themselves (the journal's backup, `.vzysk/`) is no edit from outside.
    paths.retain(|p| {
        let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase());
        !name.is_some_and(|n| n.starts_with("events.csv.") || n == ".vzysk")
    });
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let t = std::fs::metadata(&p).and_then(|m| m.modified()).ok();
            (p, t)
        })
        .collect()
}

/// A court's name as a list prints it.
pub fn court_name(ws: &Workspace, id: &str) -> String {
    labels::court_name(&ws.config.courts, id, crate::lang::current())
}

/// An account's row of the debtors' table, added to the portfolio's figures when `p` is given.
fn row_of(account: &Account, ws: &Workspace, as_of: NaiveDate, p: Option<&mut Portfolio>) -> Row {
    // A debtor the ladder does not apply to is marked in the list.
    use crate::lang::say;
    let debtors: Vec<String> = account
        .debtors
        .iter()
        .map(|d| match d.status {
            Status::Active => d.full_name.clone(),
            Status::Deceased => format!(
                "{} {}",
                d.full_name,
                say("(сведения о смерти)", "(reported deceased)")
            ),
            Status::Bankrupt => format!("{} {}", d.full_name, say("(банкрот)", "(bankrupt)")),
            Status::LegalEntity => {
                format!("{} {}", d.full_name, say("(юр. лицо)", "(legal entity)"))
            }
            Status::Incapacitated => {
                format!(
                    "{} {}",
                    d.full_name,
                    say("(недееспособный)", "(incapacitated)")
                )
            }
        })
        .collect();
    let address = account.premises_address.clone().unwrap_or_default();
    let debtors = debtors.join(", ");
    let words = format!("{}\n{debtors}\n{address}", account.id).to_lowercase();
    if let Some(errors) = ws.with_errors.get(&account.id) {
        if let Some(p) = p {
            p.refused += 1;
        }
        return Row {
            account: account.id.clone(),
            debtors,
            address,
            words,
            court: String::new(),
            court_name: String::new(),
            stage: String::new(),
            stage_label: say("Ошибки во входных данных", "Errors in the input").into(),
            next: String::new(),
            next_title: String::new(),
            earliest: None,
            reason: errors.reason(),
            overdue: Decimal::ZERO,
            penalty: Decimal::ZERO,
            total: Decimal::ZERO,
            refused: Some(errors.reason()),
        };
    }
    let config = &ws.config;
    let conv = &config.conventions;
    let now = calculate_account(account, as_of, conv);
    let case = Case::of(account, &now, &config.claiming);
    let plan = next_step(&case);
    let court = portfolio::court_of(account, &now, &config.courts);
    if let Some(p) = p {
        let before = calculate_account(account, p.previous, conv);
        p.add(&Seen {
            account,
            now: &now,
            before: &before,
            stage: plan.stage.name(),
            court: &court,
            calc_on: &|day| calculate_account(account, day, conv),
            deadlines: &crate::law::deadlines::deadlines(&case),
        });
    }
    Row {
        account: account.id.clone(),
        debtors,
        address,
        words,
        court_name: court_name(ws, &court),
        court,
        stage_label: labels::stage_label(plan.stage.name(), crate::lang::current()).to_string(),
        stage: plan.stage.name().to_string(),
        next: crate::docs::kinds::step_name(plan.step).to_string(),
        next_title: crate::docs::kinds::step_title(plan.step).to_string(),
        earliest: plan.earliest,
        reason: plan.reason,
        overdue: now.overdue,
        penalty: now.penalty,
        total: now.total,
        refused: None,
    }
}

/// Reads the workspace `dir` as of `as_of`: every account once, streamed.
pub fn build(dir: &Path, as_of: NaiveDate) -> Result<Index, String> {
    let options = workspace::source::Options {
        as_of: Some(as_of),
        ..Default::default()
    };
    let (ws, diagnostics) = workspace::load_indexed(dir, options);
    crate::memory::release_free_memory();
    if let Some(fatal) = diagnostics
        .iter()
        .find(|d| d.is_error() && d.account.is_none())
    {
        return Err(crate::tr!(
            "serve.workspace.unreadable",
            "дело не прочитано: {fatal}",
            "the workspace cannot be read: {fatal}"
        )
        .to_string());
    }
    let mut ws = ws;
    let mut accounts = ws.accounts();
    let mut rows = Vec::with_capacity(accounts.len());
    let mut places = HashMap::new();
    let mut p = Portfolio::new(as_of);
    for i in 0..accounts.len() {
        let Some(account) = accounts.at(i)? else {
            break;
        };
        places.insert(account.id.clone(), i);
        rows.push(row_of(&account, &ws, as_of, Some(&mut p)));
    }
    let overview = output::view(&output::json(
        &p,
        &|id| court_name(&ws, id),
        crate::lang::current(),
    ));
    Ok(Index {
        dir: dir.to_path_buf(),
        as_of,
        choices: Choices::of(&rows),
        orders: Orders::of(&rows),
        rows,
        places,
        overview,
        diagnostics,
        stamps: stamps(dir, &ws),
        accounts: Mutex::new(accounts),
        workspace: ws,
        generation: 0,
        overview_stale: false,
    })
}

impl Index {
    /// Whether an input file changed since the workspace was read.
    pub fn changed(&self) -> bool {
        stamps(&self.dir, &self.workspace) != self.stamps
    }

    /// After `record` wrote the journal: the journal read again and the rows of the accounts
    /// whose events (or errors) changed made again, in the time of one account each. The overview
    /// is then stale until a [`build`] replaces the whole. When another input file changed too,
    /// the workspace is read again whole.
    pub fn refresh_events(&mut self) -> Result<(), String> {
        let fresh = stamps(&self.dir, &self.workspace);
        let events = |p: &PathBuf| {
            p.file_stem()
                .is_some_and(|s| s.eq_ignore_ascii_case("events"))
        };
        let others = |all: &[(PathBuf, Option<SystemTime>)]| {
            all.iter()
                .filter(|(p, _)| !events(p))
                .cloned()
                .collect::<Vec<_>>()
        };
        if others(&fresh) != others(&self.stamps) {
            let generation = self.generation + 1;
            *self = build(&self.dir, self.as_of)?;
            self.generation = generation;
            return Ok(());
        }
        let options = workspace::source::Options {
            as_of: Some(self.as_of),
            ..Default::default()
        };
        let accounts = self
            .accounts
            .get_mut()
            .map_err(|_| accounts_lost().to_string())?;
        let reread = accounts.reread_events(&self.dir, options);
        self.diagnostics.retain(|d| d.file != reread.file);
        self.diagnostics.extend(reread.diagnostics);
        crate::diag::sort(&mut self.diagnostics);
        let with_errors = workspace::errors_by_account(&self.diagnostics);
        let mut changed = reread.changed;
        for (id, &i) in &self.places {
            if with_errors.contains_key(id) != self.workspace.with_errors.contains_key(id) {
                changed.insert(i);
            }
        }
        self.workspace.with_errors = with_errors;
        for i in changed {
            if let (Some(account), true) = (accounts.at(i)?, i < self.rows.len()) {
                self.rows[i] = row_of(&account, &self.workspace, self.as_of, None);
            }
        }
        self.choices = Choices::of(&self.rows);
        self.orders = Orders::of(&self.rows);
        self.stamps = fresh;
        self.generation += 1;
        self.overview_stale = true;
        Ok(())
    }

    /// The account `id`, read from its file; none when there is no such account.
    pub fn account(&self, id: &str) -> Result<Option<crate::model::Account>, String> {
        match self.places.get(id) {
            Some(&i) => self
                .accounts
                .lock()
                .map_err(|_| accounts_lost().to_string())?
                .at(i),
            None => Ok(None),
        }
    }
}

/// The accounts' lock lost (a request that held it panicked).
fn accounts_lost() -> crate::lang::Text {
    crate::tr!(
        "serve.accounts.lost",
        "лицевые счета не прочитаны",
        "the accounts could not be read"
    )
}

/// The rows' places in each order the table sorts by, made when the rows change: a page then only
/// filters (15 000 rows sorted on every request took 10 ms of the server's two cores).
#[derive(Default)]
pub struct Orders(Vec<(&'static str, Vec<u32>)>);

impl Orders {
    /// The orders of `rows` (each stable: rows of equal keys keep the file's order).
    pub fn of(rows: &[Row]) -> Orders {
        type Key = fn(&Row, &Row) -> std::cmp::Ordering;
        let keys: [(&'static str, Key); 6] = [
            ("total", |a, b| a.total.cmp(&b.total)),
            ("penalty", |a, b| a.penalty.cmp(&b.penalty)),
            ("overdue", |a, b| a.overdue.cmp(&b.overdue)),
            ("debtors", |a, b| a.debtors.cmp(&b.debtors)),
            ("earliest", |a, b| a.earliest.cmp(&b.earliest)),
            ("stage", |a, b| a.stage_label.cmp(&b.stage_label)),
        ];
        Orders(
            keys.into_iter()
                .map(|(name, key)| {
                    let mut order: Vec<u32> = (0..rows.len() as u32).collect();
                    order.sort_by(|a, b| key(&rows[*a as usize], &rows[*b as usize]));
                    (name, order)
                })
                .collect(),
        )
    }

    /// The order sorted by `key`; none for the file's own.
    pub fn of_key(&self, key: &str) -> Option<&[u32]> {
        self.0
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, o)| o.as_slice())
    }
}

/// What the filters offer: each stage, next step and court the rows have (code and title).
#[derive(serde::Serialize)]
pub struct Choices {
    pub stages: Vec<(String, String)>,
    pub nexts: Vec<(String, String)>,
    pub courts: Vec<(String, String)>,
}

impl Choices {
    pub fn of(rows: &[Row]) -> Choices {
        let choices = |f: fn(&Row) -> (String, String)| {
            let mut all: Vec<(String, String)> =
                rows.iter().map(f).filter(|c| !c.0.is_empty()).collect();
            all.sort();
            all.dedup();
            all
        };
        let mut stages = choices(|r| (r.stage.clone(), r.stage_label.clone()));
        stages.sort_by_key(|(code, _)| crate::portfolio::labels::stage_order(code));
        let mut courts = choices(|r| (r.court.clone(), r.court_name.clone()));
        if rows
            .iter()
            .any(|r| r.court.is_empty() && r.refused.is_none())
        {
            courts.push((
                "none".into(),
                crate::portfolio::labels::court_name(&[], "", crate::lang::current()),
            ));
        }
        Choices {
            stages,
            nexts: choices(|r| (r.next.clone(), r.next_title.clone())),
            courts,
        }
    }
}
