//! An ЕГРН extract against `accounts.csv`: the object, and each owner — missing from the account,
//! named by the account but not by the extract, with another share, or with a right that ended
//! before months the ledger charges. Then the extract's data laid on the debtors it names: the
//! court papers state the basis of liability from it and list it among the attachments
//! (`law::basis`), and a debtor the account calls an owner but the extract does not gets no court
//! paper (`law::eligibility`: an order against the wrong person is what gets cancelled most).

use super::egrn::{Extract, Holder};
use super::person::Person;
use crate::diag::Diagnostic;
use crate::model::{Account, Debtor, Entry, Period, Right, RightKind, Share};
use crate::russian;
use crate::tr;

/// A difference between the extract and the account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    /// The extract is of another object than the account's premises.
    OtherObject { theirs: String, ours: String },
    /// An owner in the extract whom the account does not name.
    Missing {
        holder: String,
        share: Option<Share>,
    },
    /// A debtor the account calls an owner whom the extract does not name.
    NotOwner { debtor: String, line: u64 },
    /// A share that differs.
    Share {
        debtor: String,
        line: u64,
        ours: Share,
        theirs: Share,
    },
    /// A right that ended before the last month charged.
    Ended {
        debtor: String,
        line: u64,
        ended: chrono::NaiveDate,
        last: Period,
    },
}

/// The flat's and house's numbers of an address and its street, as far as they can be told: the
/// numbers after «д.», «кв.» (a six-digit postcode left out) and the word after «ул.».
fn premises_key(address: &str) -> (Option<String>, Vec<String>) {
    let lower = address.to_lowercase().replace('ё', "е");
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .collect();
    let street = words
        .iter()
        .position(|w| *w == "ул" || *w == "улица")
        .and_then(|i| words.get(i + 1))
        .map(|w| w.to_string());
    let numbers: Vec<String> = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .filter(|w| !(w.len() == 6 && w.chars().all(|c| c.is_ascii_digit())))
        .map(|w| w.to_string())
        .collect();
    let tail = numbers[numbers.len().saturating_sub(2)..].to_vec();
    (street, tail)
}

/// Whether two addresses are of the same premises (street where both give one; house and flat).
pub fn same_premises(a: &str, b: &str) -> bool {
    let ((sa, na), (sb, nb)) = (premises_key(a), premises_key(b));
    let streets = match (sa, sb) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    streets && (na.is_empty() || nb.is_empty() || na == nb)
}

/// Whether the holder is the debtor: the same СНИЛС, or the same name with no birth date against.
fn is(holder: &Holder, d: &Debtor) -> bool {
    let them = Person::new(&holder.name, holder.born, None, holder.snils.clone());
    let me = Person::of(d);
    if them.snils.is_some() && me.snils.is_some() {
        return them.snils == me.snils;
    }
    them.name == me.name && (them.born.is_none() || me.born.is_none() || them.born == me.born)
}

/// Whether the account names the debtor as an owner.
fn owner_by_account(d: &Debtor) -> bool {
    d.share.is_some()
        || d.right
            .as_ref()
            .is_some_and(|r| r.kind == RightKind::Ownership)
}

fn last_charged(account: &Account) -> Option<Period> {
    account
        .ledger
        .iter()
        .filter_map(|e| match e {
            Entry::Charge(c) if c.amount > rust_decimal::Decimal::ZERO => Some(c.period),
            _ => None,
        })
        .max()
}

/// Every difference between the extract and the account.
pub fn compare(extract: &Extract, account: &Account) -> Vec<Difference> {
    if let (Some(theirs), Some(ours)) = (&extract.address, &account.premises_address)
        && !same_premises(theirs, ours)
    {
        return vec![Difference::OtherObject {
            theirs: theirs.clone(),
            ours: ours.clone(),
        }];
    }
    let mut out = Vec::new();
    for h in &extract.holders {
        if h.ended.is_none() && !account.debtors.iter().any(|d| is(h, d)) {
            out.push(Difference::Missing {
                holder: h.name.clone(),
                share: h.share,
            });
        }
    }
    let last = last_charged(account);
    for d in &account.debtors {
        let (debtor, line) = (d.full_name.clone(), d.line);
        let Some(h) = extract.holders.iter().find(|h| is(h, d)) else {
            if owner_by_account(d) {
                out.push(Difference::NotOwner { debtor, line });
            }
            continue;
        };
        if let (Some(ours), Some(theirs)) = (d.share, h.share)
            && ours.as_decimal() != theirs.as_decimal()
        {
            out.push(Difference::Share {
                debtor: debtor.clone(),
                line,
                ours,
                theirs,
            });
        }
        if let (Some(ended), Some(last)) = (h.ended, last)
            && Period::of(ended) < last
        {
            out.push(Difference::Ended {
                debtor,
                line,
                ended,
                last,
            });
        }
    }
    out
}

/// The difference as `check` says it, at the extract's file (and the account's line).
fn diagnostic(extract: &Extract, account: &Account, diff: &Difference) -> Diagnostic {
    let (id, title) = (&account.id, extract.title());
    let fix_accounts = || {
        tr!(
            "egrn.fix_accounts",
            "исправьте accounts.csv по выписке (собственники, доли, основание) или закажите свежую выписку",
            "correct accounts.csv from the extract (owners, shares, right) or order a fresh extract"
        )
    };
    let d = match diff {
        Difference::OtherObject { theirs, ours } => Diagnostic::error(
            &extract.file,
            tr!(
                "egrn.other_object",
                "л/с {id}: {title} — на другой объект («{theirs}»), а помещение лицевого счёта — «{ours}»; выписка не использована",
                "account {id}: {title} is of another object («{theirs}»), while the account's premises are «{ours}»; the extract is not used"
            ),
            tr!(
                "egrn.other_object.fix",
                "приложите выписку на это помещение (проверьте кадастровый номер и адрес)",
                "give the extract of this premises (check the cadastral number and address)"
            ),
        ),
        Difference::Missing { holder, share } => {
            let share = share.map(|s| format!(" ({s} доли)")).unwrap_or_default();
            Diagnostic::warning(
                &extract.file,
                tr!(
                    "egrn.owner_missing",
                    "л/с {id}: по выписке собственник — {holder}{share}, а в accounts.csv его нет; долг за его долю не взыскивается ни с кого",
                    "account {id}: the extract names the owner {holder}{share}, whom accounts.csv lacks; his share of the debt is claimed from no one"
                ),
                fix_accounts(),
            )
        }
        Difference::NotOwner { debtor, line } => Diagnostic::warning(
            "accounts.csv",
            tr!(
                "egrn.not_owner",
                "л/с {id}: {debtor} в accounts.csv — собственник, а по {title} собственником не значится; судебные документы против него не составляются",
                "account {id}: {debtor} is an owner in accounts.csv but not in the {title}; no court paper is made against him"
            ),
            fix_accounts(),
        )
        .at(*line),
        Difference::Share { debtor, line, ours, theirs } => Diagnostic::warning(
            "accounts.csv",
            tr!(
                "egrn.share_differs",
                "л/с {id}: доля {debtor} в accounts.csv — {ours}, по выписке — {theirs}; в документах указана доля по выписке",
                "account {id}: {debtor}'s share is {ours} in accounts.csv and {theirs} in the extract; the papers give the extract's"
            ),
            fix_accounts(),
        )
        .at(*line),
        Difference::Ended { debtor, line, ended, last } => {
            let (ended, last) = (russian::date(*ended), russian::month(*last));
            Diagnostic::warning(
                "accounts.csv",
                tr!(
                    "egrn.right_ended",
                    "л/с {id}: право {debtor} прекращено {ended}, а начисления идут по {last}; месяцы после прекращения — долг нового собственника",
                    "account {id}: {debtor}'s right ended {ended}, yet charges run to {last}; the months after it are the new owner's debt"
                ),
                fix_accounts(),
            )
            .at(*line)
        }
    };
    let d = match diff {
        Difference::OtherObject { .. } | Difference::Missing { .. } if extract.line > 1 => {
            d.at(extract.line)
        }
        _ => d,
    };
    d.account(id)
}

/// Lays the extract on the account (see the module's comment); its differences into `diags`.
pub fn apply(extract: &Extract, account: &mut Account, diags: &mut Vec<Diagnostic>) {
    let diffs = compare(extract, account);
    for diff in &diffs {
        diags.push(diagnostic(extract, account, diff));
    }
    if diffs
        .iter()
        .any(|d| matches!(d, Difference::OtherObject { .. }))
    {
        return;
    }
    let title = extract.title();
    for d in &mut account.debtors {
        match extract.holders.iter().find(|h| is(h, d)) {
            Some(h) => {
                d.right = Some(Right {
                    kind: h.kind,
                    record: h.record.clone(),
                    date: h.registered,
                    extract: d
                        .right
                        .as_ref()
                        .and_then(|r| r.extract.clone())
                        .or(Some(extract.file.clone())),
                    extract_title: Some(title.clone()),
                });
                if h.share.is_some() {
                    d.share = h.share;
                }
                d.birth_date = d.birth_date.or(h.born);
                d.snils = d.snils.take().or(h.snils.clone());
            }
            None if owner_by_account(d) => d.not_in_extract = Some(title.clone()),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_premises_is_told_by_street_house_and_flat() {
        let ours = "143103, Московская обл., Рузский г.о., г. Руза, ул. Красная, д. 8, кв. 2";
        assert!(same_premises(
            "Московская область, г.о. Рузский, г Руза, ул Красная, д 8, кв 2",
            ours
        ));
        assert!(!same_premises(
            "Московская область, г Руза, ул Красная, д 8, кв 20",
            ours
        ));
        assert!(!same_premises(
            "Московская область, г Руза, ул Солнцева, д 8, кв 2",
            ours
        ));
    }
}
