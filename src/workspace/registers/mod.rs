//! What a department learns of its debtors from outside the billing system, read beside the
//! workspace's tables and laid on each account as it is taken out (`Accounts`), so that every
//! command sees the same debtors:
//!
//! | file | holds | read by |
//! |---|---|---|
//! | `bankruptcies.csv` | the Федресурс / ЕФРСБ list (ФИО, birth date, ИНН, СНИЛС, case, court, procedure, dates) | `lists.rs` |
//! | `deaths.csv` | deaths (ФИО, birth date, date of death, notary, inheritance case, heirs) | `lists.rs` |
//! | the file in `extract` of `accounts.csv` (`.xml`) | Росреестр's XML extract of the premises | `egrn.rs` |
//! | `egrn.csv` | the same fields keyed in, one row per right holder, by account | `egrn.rs`, `extracts.rs` |
//!
//! A list's row is matched to a debtor by ИНН, then СНИЛС, then by name and birth date (a weak
//! match, which `check` says). The extract's data replaces `accounts.csv`'s basis of liability for
//! the holders it names (`compare.rs`), and `check` names every difference.

mod compare;
mod egrn;
mod extracts;
mod lists;
mod person;

pub use compare::{Difference, compare};
pub use egrn::{Extract, Holder, read_xml};
pub use lists::{BANKRUPTCIES, DEATHS};
pub use person::{Listing, Person, name_key};

use crate::diag::Diagnostic;
use crate::model::{Account, Bankruptcy, Death};
use crate::workspace::source::{Finder, Options};
use crate::workspace::table::{self, Tally};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The registers of a workspace, read once per run; extracts named by `accounts.csv` are read
/// account by account as the accounts are taken out.
#[derive(Debug, Default)]
pub struct Registers {
    dir: PathBuf,
    bankruptcies: Listing<Bankruptcy>,
    deaths: Listing<Death>,
    /// `egrn.csv`'s extracts, by account.
    keyed: std::collections::HashMap<String, Extract>,
}

impl Registers {
    /// Reads the lists of the workspace `dir` (each optional); what is wrong into `diags`, each
    /// table's tally into `tallies`.
    pub fn read(
        dir: &Path,
        options: Options,
        diags: &mut Vec<Diagnostic>,
        tallies: &mut Vec<Tally>,
    ) -> Registers {
        let mut finder = Finder::new(dir, options);
        let mut out = Registers {
            dir: dir.to_path_buf(),
            ..Registers::default()
        };
        if let Some(source) = csv(&mut finder, dir, "bankruptcies", diags)
            && let Some(t) = table::parse(&source, &BANKRUPTCIES, options.header_row, diags)
            && t.require(BANKRUPTCIES.required, diags)
        {
            let (listed, tally) = lists::bankruptcies(&t, diags);
            out.bankruptcies = Listing::new(listed.into_iter().map(|l| (l.person, l.what)));
            tallies.push(tally);
        }
        if let Some(source) = csv(&mut finder, dir, "deaths", diags)
            && let Some(t) = table::parse(&source, &DEATHS, options.header_row, diags)
            && t.require(DEATHS.required, diags)
        {
            let (listed, tally) = lists::deaths(&t, diags);
            out.deaths = Listing::new(listed.into_iter().map(|l| (l.person, l.what)));
            tallies.push(tally);
        }
        if let Some(source) = csv(&mut finder, dir, "egrn", diags)
            && let Some(t) = table::parse(&source, &extracts::EGRN, options.header_row, diags)
            && t.require(extracts::EGRN.required, diags)
        {
            let (keyed, tally) = extracts::read_csv(&t, diags);
            out.keyed = keyed;
            tallies.push(tally);
        }
        out
    }

    /// The account's extract: its row of `egrn.csv`, else the XML file its `extract` column names.
    pub fn extract_of(&self, account: &Account) -> Option<Result<Extract, Diagnostic>> {
        if let Some(e) = self.keyed.get(&account.id) {
            return Some(Ok(e.clone()));
        }
        if self.dir.as_os_str().is_empty() {
            // Not read from a workspace (a test's, a server's blank): no folder to read from.
            return None;
        }
        let file = account
            .debtors
            .iter()
            .filter_map(|d| d.right.as_ref()?.extract.as_deref())
            .find(|f| f.to_lowercase().ends_with(".xml"))?;
        Some(extracts::read_file(&self.dir, file))
    }

    /// Lays the lists and the extract on `account`: each debtor's bankruptcy and death, and the
    /// basis of liability the extract gives. What `check` would say of them goes to `diags`.
    pub fn apply(&self, account: &mut Account, diags: &mut Vec<Diagnostic>) {
        let alone = account.debtors.len() == 1;
        for d in &mut account.debtors {
            let me = Person::of(d);
            if let Some((m, b)) = self.bankruptcies.find(&me) {
                let mut b = (*b).clone();
                b.matched = m;
                d.bankruptcy = Some(Arc::new(b));
                // A sole debtor is pursued for the current months (`law::cutoff`); one of
                // several is left out of the ladder, as a bankrupt of `accounts.csv` is
                // (`law::eligibility` says why, from the list).
                d.status = match (alone, d.status) {
                    (true, crate::model::Status::Bankrupt) => crate::model::Status::Active,
                    (true, s) => s,
                    (false, s) if s.pursued() => crate::model::Status::Bankrupt,
                    (false, s) => s,
                };
            }
            if let Some((m, death)) = self.deaths.find(&me) {
                let mut death = (*death).clone();
                death.matched = m;
                d.death = Some(Arc::new(death));
                d.status = crate::model::Status::Deceased;
            }
        }
        match self.extract_of(account) {
            Some(Ok(extract)) => compare::apply(&extract, account, diags),
            Some(Err(d)) => diags.push(d.account(&account.id)),
            None => {}
        }
    }
}

/// The list `name` from its CSV file only (a workbook's sheets are the tables', read once there).
fn csv(
    finder: &mut Finder,
    dir: &Path,
    name: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<crate::workspace::source::Source> {
    dir.join(format!("{name}.csv"))
        .exists()
        .then(|| finder.table(name, diags))
        .flatten()
}

/// What `check` says of an account's registers (the account as `accounts.csv` gives it): every
/// difference from its extract, a weak match of a list, a death before any charge or a
/// bankruptcy's acceptance after the last one.
pub fn check(registers: &Registers, account: &Account, diags: &mut Vec<Diagnostic>) {
    let mut laid = account.clone();
    registers.apply(&mut laid, diags);
    let first_charge = account
        .ledger
        .iter()
        .filter_map(|e| match e {
            crate::model::Entry::Charge(c) => Some(c.period),
            _ => None,
        })
        .min();
    for d in &laid.debtors {
        let (id, name) = (&account.id, &d.full_name);
        if let Some(b) = &d.bankruptcy {
            let (how, how_en) = (b.matched.ru(), b.matched.en());
            let mut diag = Diagnostic::note(
                BANKRUPTCIES.file,
                crate::tr!(
                    "lists.bankruptcy.matched",
                    "л/с {id}: {name} — в списке банкротов (сопоставлен {how})",
                    "account {id}: {name} is on the bankruptcies list (matched {how_en})"
                ),
                crate::tr!(
                    "lists.matched.fix",
                    "сверьте личность по карточке на Федресурсе; при совпадении только по ФИО и дате рождения укажите в accounts.csv ИНН или СНИЛС",
                    "check the person against the card on Fedresurs; where only the name and birth date match, give the ИНН or СНИЛС in accounts.csv"
                ),
            )
            .at(b.line)
            .account(id);
            if b.matched.weak() {
                diag.severity = crate::diag::Severity::Warning;
            }
            diags.push(diag);
        }
        if let Some(death) = &d.death {
            let (how, how_en) = (death.matched.ru(), death.matched.en());
            let day = crate::russian::date(death.date);
            let died = match crate::russian::names::feminine(name) {
                Some(true) => "умерла",
                _ => "умер",
            };
            let before = first_charge.filter(|p| crate::model::Period::of(death.date) < *p);
            let diag = match before {
                Some(p) => {
                    let (month, month_en) = (crate::russian::month(p), p.to_string());
                    Diagnostic::error(
                        DEATHS.file,
                        crate::tr!(
                            "lists.death.before_charges",
                            "л/с {id}: {name} {died} {day}, раньше первого начисления ({month}): долга умершего нет, а начисления — долг наследников",
                            "account {id}: {name} died {day}, before the first charge ({month_en}): the deceased owes nothing, the charges are the heirs' debt"
                        ),
                        crate::tr!(
                            "lists.death.before_charges.fix",
                            "проверьте дату смерти и собственника: внесите в accounts.csv наследников, принявших наследство",
                            "check the date of death and the owner: put the heirs who accepted the inheritance into accounts.csv"
                        ),
                    )
                }
                None => {
                    let mut diag = Diagnostic::note(
                        DEATHS.file,
                        crate::tr!(
                            "lists.death.matched",
                            "л/с {id}: {name} {died} {day} (сопоставлен {how})",
                            "account {id}: {name} died {day} (matched {how_en})"
                        ),
                        crate::tr!(
                            "lists.death.matched.fix",
                            "сверьте личность; наследственное дело ищите в реестре наследственных дел (notariat.ru)",
                            "check the person; find the inheritance case in the notaries' register (notariat.ru)"
                        ),
                    );
                    if death.matched.weak() {
                        diag.severity = crate::diag::Severity::Warning;
                    }
                    diag
                }
            };
            diags.push(diag.at(death.line).account(id));
        }
    }
}
