//! The columns of `accounts.csv` that say who answers and why: a minor's legal representative
//! (`law::capacity`) and the debtor's right to the premises (`law::basis`), with their checks — a
//! representative who is the debtor himself, an unknown right, a share of a non-owner, one ЕГРН record
//! given for two owners, and a debtor with no right given (a warning).

use super::parse;
use super::rows::{take, text};
use super::schema::ACCOUNTS;
use super::table::{self, Table};
use crate::diag::Diagnostic;
use crate::model::{Account, Representative, Right, RightKind};

/// A debtor whose right to the premises is not given: the court papers will say it is unknown
/// (`law::basis`), and magistrates return papers without one (ГПК ст.125 ч.1) — a warning per debtor.
pub fn check_basis(acc: &Account, diags: &mut Vec<Diagnostic>) {
    for d in acc.debtors.iter().filter(|d| d.right.is_none()) {
        let (id, name) = (&acc.id, &d.full_name);
        diags.push(
            Diagnostic::warning(
                ACCOUNTS.file,
                crate::tr!(
                    "accounts.right.missing",
                    "{name} (л/с {id}): не указано основание обязанности (колонка `right`: собственность, социальный наём, регистрация) — в заявлении будет сказано, что оно взыскателю неизвестно",
                    "{name} (account {id}): no basis of liability (the `right` column: ownership, social_hire, registration) — the papers will say it is unknown"
                ),
                crate::tr!(
                    "accounts.right.missing.fix",
                    "укажите основание и запись ЕГРН (`right`, `right_record`, `right_date`) по выписке из ЕГРН",
                    "give the right and its ЕГРН record (`right`, `right_record`, `right_date`) from the ЕГРН extract"
                ),
            )
            .at(d.line)
            .account(id),
        );
    }
}

/// A minor's legal representative (`representative`, `representative_address`); the representative
/// named as the debtor himself is an error (`law::capacity`).
pub fn representative(
    t: &Table,
    row: &table::Row,
    full_name: &str,
    id: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Representative> {
    let cell = t.cell(row, "representative");
    let name = text(cell.clone())?;
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if !full_name.is_empty() && name.to_lowercase() == full_name.to_lowercase() {
        diags.push(
            cell.error(
                crate::tr!(
                    "accounts.representative.self",
                    "законным представителем указан сам должник «{name}»",
                    "the representative given is the debtor himself, «{name}»"
                ),
                crate::tr!(
                    "accounts.representative.self.fix",
                    "укажите ФИО родителя, усыновителя или опекуна несовершеннолетнего",
                    "write the name of the minor's parent, adoptive parent or guardian"
                ),
            )
            .account(id),
        );
        return None;
    }
    Some(Representative {
        full_name: name,
        address: text(t.cell(row, "representative_address")),
    })
}

/// The debtor's right to the premises (`right`, `right_record`, `right_date`, `extract`;
/// `law::basis`): a share belongs to an owner only.
pub fn right(t: &Table, row: &table::Row, id: &str, diags: &mut Vec<Diagnostic>) -> Option<Right> {
    let cell = t.cell(row, "right");
    let share = t.cell(row, "share").text.is_some();
    let kind = match cell.text {
        None if share => RightKind::Ownership,
        None => return None,
        Some(word) => match RightKind::parse(word) {
            Some(kind) => kind,
            None => {
                let names = RightKind::NAMES.join(", ");
                diags.push(
                    cell.error(
                        crate::tr!(
                            "accounts.right.unknown",
                            "неизвестное основание «{word}»",
                            "unknown right «{word}»"
                        ),
                        crate::tr!(
                            "accounts.right.unknown.fix",
                            "укажите одно из значений: {names} (или собственность, социальный наём, регистрация)",
                            "write one of: {names}"
                        ),
                    )
                    .account(id),
                );
                return None;
            }
        },
    };
    if share && kind != RightKind::Ownership {
        diags.push(
            t.cell(row, "share")
                .error(
                    crate::tr!(
                        "accounts.share.not_owner",
                        "доля указана у должника, который не собственник (основание: {word})",
                        "a share is given for a debtor who is not an owner (right: {word})",
                        word = cell.text.unwrap_or("")
                    ),
                    crate::tr!(
                        "accounts.share.not_owner.fix",
                        "доля в праве бывает только у собственника: уберите долю или исправьте основание",
                        "only an owner has a share: remove the share or correct the right"
                    ),
                )
                .account(id),
        );
    }
    Some(Right {
        kind,
        record: text(t.cell(row, "right_record")),
        date: take(parse::date(t.cell(row, "right_date")), id, diags),
        extract: text(t.cell(row, "extract")),
        extract_title: None,
    })
}
