//! A court filing's package, one folder under `courts/<court>/`: the application or the statement
//! of claim, the calculation, the account statement and the duty's payment order, with the list of
//! attachments the application prints — each either a file of the folder or a paper the claimant
//! adds (the powers of attorney, the ЕГРЮЛ extract, the proof of mailing).

use super::batch::{Batch, PdfDoc};
use super::duty::{self, DutyOrder};
use super::kind::{DocKind, Part};
use super::meta::{DutyOrderMeta, FilingMeta, MailTo, Meta, StatementMeta};
use super::org::poa_copies;
use super::parties::{names, residence};
use super::paths::{debtor_slug, needs_initials, safe_name};
use super::statement;
use crate::law::case::Case;
use crate::law::eligibility::{Filing, Procedure};
use crate::money::fixed2;
use crate::templates;
use crate::workspace::config::Config;
use serde_json::Value;
use std::sync::Arc;

pub const CALCULATION: &str = "02 Расчёт задолженности и пеней.pdf";
pub const STATEMENT: &str = "03 Выписка из лицевого счёта.pdf";
pub const DUTY_ORDER: &str = "04 Платёжное поручение (госпошлина).pdf";

/// Whether a file of a claim's package goes to the defendant with the copy of the claim: all but
/// the duty's payment order (ГПК ст.132 п.6: the papers the defendant lacks).
pub fn for_defendant(file: &str) -> bool {
    !file.starts_with(DUTY_ORDER.trim_end_matches(".pdf"))
}

/// `courts/<court>/<account>_<surname>` (with initials where needed), and `_иск` for a claim: a
/// claim and a new court order of one account may go to one court, and every run names them alike.
fn folder(filing: &Filing, with_initials: bool) -> String {
    let claim = match filing.procedure {
        Procedure::CourtOrder => "",
        Procedure::Claim { .. } => "_иск",
    };
    format!(
        "{}/{}/{}{claim}",
        DocKind::CourtOrder.folder(),
        safe_name(&filing.court.id),
        debtor_slug(filing.account, filing.debtors[0], with_initials)
    )
}

/// The package's folder: another account's folder of the same name gives way to the initials.
fn unique_folder(filing: &Filing, batch: &mut Batch) -> String {
    let initials = filing.debtors.len() == 1 && needs_initials(filing.account, filing.debtors[0]);
    batch.unique_folder(folder(filing, initials), folder(filing, true))
}

/// «выписка из ЕГРН от …» as «выписки из ЕГРН от …», after «Копия».
fn genitive_extract(title: &str) -> String {
    title.replacen("выписка", "выписки", 1)
}

/// The list of attachments: the package's files first, then the papers the claimant adds.
fn attachments(
    config: &Config,
    filing: &Filing,
    order: &Result<Option<DutyOrder>, crate::lang::Text>,
) -> Vec<String> {
    let id = &filing.account.id;
    let claim = matches!(filing.procedure, Procedure::Claim { .. });
    let mut list = vec![
        format!("Расчёт задолженности и пеней по лицевому счёту № {id}."),
        format!("Выписка из лицевого счёта № {id}."),
    ];
    list.extend(duty::attachment(order));
    // The basis of liability (`law::basis`): the ЕГРН extracts the workspace names, a paper the
    // claimant adds like the ЕГРЮЛ extract.
    match crate::law::basis::extract_titles(&filing.debtors)[..] {
        [] if crate::law::basis::extracts(&filing.debtors).is_empty() => {}
        [] => list.push("Копия выписки из ЕГРН на помещение.".to_string()),
        ref titles => list.extend(
            titles
                .iter()
                .map(|t| format!("Копия {}.", genitive_extract(t))),
        ),
    }
    list.push(format!(
        "Копия выписки из ЕГРЮЛ в отношении {}.",
        if claim {
            "истца"
        } else {
            "взыскателя"
        }
    ));
    list.extend(poa_copies(config));
    // Before a district court the representative's degree (ГПК ст.49 ч.2; `claim` refuses a
    // filing there without it).
    if let Some(d) = config
        .signatory
        .diploma
        .as_deref()
        .filter(|_| claim && filing.court.is(crate::model::CourtKind::District))
    {
        list.push(format!(
            "Копия документа о высшем юридическом образовании представителя ({d}; ч. 2 ст. 49 ГПК РФ)."
        ));
    }
    if claim {
        // ГПК ст.132: proof that the copies were sent; the cancelled order for the duty credit.
        list.push("Документы, подтверждающие направление ответчику копии искового заявления и приложенных к нему документов (опись вложения, кассовый чек; ст. 132 ГПК РФ).".to_string());
        if filing.duty < filing.duty_full {
            list.push("Копия определения об отмене судебного приказа и документ об уплате государственной пошлины за его выдачу (зачёт, пп. 13 п. 1 ст. 333.20 НК РФ).".to_string());
        }
    }
    list
}

/// Adds a filing's package to the batch: its statement (`first`: template, file, document), the
/// calculation, the account statement and the duty's payment order. A claim's statement is also
/// mailed to each defendant with the calculation and the account statement (ГПК ст.132 п.6): its
/// meta names them.
pub fn push(
    config: &Config,
    case: &Case,
    batch: &mut Batch,
    filing: &Filing,
    mut value: Value,
    first: (&'static str, &str, Part),
) {
    let kind = DocKind::filing(&filing.procedure);
    let account = &filing.account.id;
    let debtors = names(&filing.debtors);
    let mut order = duty::order(config, filing, 0, case.as_of());
    if let Ok(Some(o)) = &mut order {
        o.number = batch.numbers.payment();
    }
    if let Err(why) = &order {
        batch.refuse(account, Some(&debtors.join(", ")), kind, why.clone());
    }
    value["attachments"] = Value::from(attachments(config, filing, &order));
    let signer_role = value["signer_role"].clone();
    let period = value["claim_period"].as_str().map(str::to_string);
    let months = match (
        filing.scope.months.iter().min(),
        filing.scope.months.iter().max(),
    ) {
        (Some(&from), Some(&to)) => Some(crate::model::MonthSpan { from, to }.to_string()),
        _ => None,
    };
    let values = Batch::values(value);
    let mail: Vec<MailTo> = filing
        .debtors
        .iter()
        .map(|d| MailTo {
            name: d.full_name.clone(),
            address: residence(filing.account, d),
        })
        .collect();
    let folder = unique_folder(filing, batch);
    let filing_meta = |document: Part| {
        Meta::Filing(FilingMeta {
            account: account.clone(),
            debtors: debtors.clone(),
            share: filing.share.map(|s| s.to_string()),
            kind,
            document,
            recipient: filing.court.id.clone(),
            court_basis: filing.court_basis.clone(),
            principal: fixed2(filing.principal),
            penalty: fixed2(filing.penalty),
            total: fixed2(filing.total),
            duty: fixed2(filing.duty),
            duty_credit: fixed2(filing.duty_full - filing.duty),
            period: period.clone(),
            months: months.clone(),
            mail: (kind == DocKind::Claim && document != Part::Calculation).then(|| mail.clone()),
            payment_order: order
                .as_ref()
                .ok()
                .and_then(|o| o.as_ref())
                .map(|o| o.number),
        })
    };
    let mut pdf = |file: &str, template: &'static str, values: Arc<[u8]>, meta: Meta| {
        batch.pdfs.push(PdfDoc {
            path: format!("{folder}/{file}"),
            template,
            office: Some(filing.court.id.clone()),
            values,
            files: Vec::new(),
            meta,
        });
    };
    let (template, file, document) = first;
    pdf(file, template, values.clone(), filing_meta(document));
    pdf(
        CALCULATION,
        templates::CALCULATION,
        values,
        filing_meta(Part::Calculation),
    );
    let (mut statement, totals) = statement::values(filing.account, case.as_of());
    statement["signer_role"] = signer_role;
    pdf(
        STATEMENT,
        templates::STATEMENT,
        Batch::values(statement),
        Meta::Statement(StatementMeta {
            account: account.clone(),
            debtors: debtors.clone(),
            kind,
            document: Part::Whole(DocKind::AccountStatement),
            charged: fixed2(totals.charged + totals.recalculated),
            paid: fixed2(totals.paid),
            balance: fixed2(totals.balance),
        }),
    );
    if let Ok(Some(o)) = order {
        pdf(
            DUTY_ORDER,
            templates::DUTY_ORDER,
            Batch::values(duty::values(&o)),
            Meta::DutyOrder(Box::new(DutyOrderMeta {
                account: account.clone(),
                debtors: debtors.clone(),
                kind,
                document: Part::DutyOrder,
                recipient: filing.court.id.clone(),
                payment: o,
            })),
        );
    }
}
