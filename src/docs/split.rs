//! The papers for the months before a bankruptcy or a death (`law::cutoff`): the register's claim,
//! the claim to the notary, the claim to the heirs. Each is made as a court filing's package is —
//! the same values (`court_order::values`) over the months before the day, with penalties to the
//! split's day, the months time-barred on the run's date left out — and has its calculation and
//! the account's statement of those months beside it.

use super::batch::{Batch, PdfDoc};
use super::kind::{DocKind, Part};
use super::meta::{Meta, OwnMeta};
use super::parties::names;
use super::settings::Settings;
use crate::lang::Text;
use crate::law::calculation::{AccountCalc, calculate_with};
use crate::law::case::Case;
use crate::law::cutoff::Cutoff;
use crate::law::eligibility::{Filing, Procedure, Scope};
use crate::law::limitation::Facts;
use crate::model::{Account, Office};
use crate::money::{fixed2, ru};
use crate::russian;
use crate::tr;
use rust_decimal::Decimal;
use serde_json::Value;

/// The months before the split, calculated.
pub struct Before {
    /// The split's day: the statement of the months before is as of it.
    pub day: chrono::NaiveDate,
    pub account: Account,
    /// Penalties to the split's day.
    pub calc: AccountCalc,
    pub scope: Scope,
}

/// The account's months before `cut`, those not time-barred on the run's date; else why none.
pub fn before(settings: &Settings, case: &Case, cut: &Cutoff) -> Result<Before, Text> {
    let conv = &settings.config.conventions;
    let mut account = case.account.clone();
    account.ledger = cut.ledger_before(&case.account.ledger);
    // The months before, on their own: no longer split (their statement shows them all).
    for d in &mut account.debtors {
        if d.death.is_some() {
            // Where the deceased worked is nobody's concern now.
            d.work_place = None;
        }
        (d.bankruptcy, d.death) = (None, None);
    }
    let facts = Facts::from_events(&account.events);
    let calc = calculate_with(&account.ledger, &facts, cut.penalty_until, conv);
    let now = calculate_with(&account.ledger, &facts, case.as_of(), conv);
    let barred = |p| now.months.iter().any(|m| m.period == p && m.time_barred);
    let months: Vec<_> = calc
        .months
        .iter()
        .filter(|m| (m.debt > Decimal::ZERO || m.penalty > Decimal::ZERO) && !barred(m.period))
        .collect();
    let scope = Scope {
        months: months.iter().map(|m| m.period).collect(),
        principal: months.iter().map(|m| m.debt).sum(),
        penalty: months.iter().map(|m| m.penalty).sum(),
    };
    if scope.total() <= Decimal::ZERO {
        let day = russian::date(cut.day);
        return Err(tr!(
            "split.all_barred",
            "долг за месяцы до {day} целиком за пределами срока исковой давности на дату документа (ГК ст.196, 199)",
            "the debt of the months before {day} is all past limitation on the paper's date (ГК ст.196, 199)"
        ));
    }
    Ok(Before {
        day: cut.day,
        account,
        calc,
        scope,
    })
}

/// The values of a paper for the months before, as a filing's are, addressed to `to`: the
/// calculation's heading (`annex_to`) and the roles in the annex (`creditor`, `debtor`).
pub fn values(
    settings: &Settings,
    case: &Case,
    before: &Before,
    to: &Office,
    annex_to: &str,
    (debtor_role, penalty_day): (&str, &str),
) -> Value {
    let debtor = &before.account.debtors[0];
    let scope = before.scope.clone();
    let filing = Filing {
        account: &before.account,
        debtors: vec![debtor],
        share: None,
        court: to,
        court_basis: String::new(),
        principal: scope.principal,
        penalty: scope.penalty,
        total: scope.total(),
        scope,
        duty: Decimal::ZERO,
        duty_full: Decimal::ZERO,
        procedure: Procedure::CourtOrder,
    };
    let mut v = super::court_order::values(&filing, &before.calc, &settings.config.conventions);
    v["date"] = Value::from(russian::date(case.as_of()));
    v["annex_to"] = Value::from(annex_to);
    v["roles"]["claimant"] = Value::from("Кредитор");
    v["roles"]["debtor"] = Value::from(debtor_role);
    v["signer_role"] = Value::from("кредитора");
    v["penalty_until"] = Value::from(russian::date(before.calc.as_of));
    v["total_label"] = Value::from("Сумма требования");
    // Penalties to the split's day, not to the paper's («на дату расчёта» would be the paper's).
    if let Some(m) = v["method"].as_str() {
        v["method"] = Value::from(m.replace("на дату расчёта (", &format!("{penalty_day} (")));
    }
    let (died, on_whom, deceased) = match russian::names::feminine(&debtor.full_name) {
        Some(true) => ("умерла", "за ней", "умершей"),
        _ => ("умер", "за ним", "умершего"),
    };
    v["gender"] = serde_json::json!({ "died": died, "on_whom": on_whom, "deceased": deceased });
    if let (Some(&from), Some(&to)) = (before.scope.months.first(), before.scope.months.last()) {
        v["period_words"] = Value::from(russian::month_span(from, to));
    }
    v["principal_words"] = Value::from(russian::in_words::rubles(before.scope.principal));
    v["penalty_words"] = Value::from(russian::in_words::rubles(before.scope.penalty));
    v
}

/// The claim (`first`: template, file name) with its calculation and the statement of the months
/// before, in `folder`; `fields` in their manifest entries.
#[allow(clippy::too_many_arguments)]
pub fn push(
    batch: &mut Batch,
    kind: DocKind,
    case: &Case,
    before: &Before,
    folder: &str,
    first: (&'static str, &str),
    mut value: Value,
    (fields, mail): (Value, Vec<super::meta::MailTo>),
) {
    let number = batch.numbers.letter();
    value["number"] = Value::from(number.clone());
    let account = &case.account.id;
    let debtors = names(&case.account.debtors.iter().collect::<Vec<_>>());
    let mut fields = fields.as_object().cloned().unwrap_or_default();
    fields.insert(
        "principal".into(),
        Value::from(fixed2(before.scope.principal)),
    );
    fields.insert("penalty".into(), Value::from(fixed2(before.scope.penalty)));
    fields.insert("total".into(), Value::from(fixed2(before.scope.total())));
    fields.insert(
        "penalty_until".into(),
        Value::from(before.calc.as_of.to_string()),
    );
    if let (Some(&from), Some(&to)) = (before.scope.months.first(), before.scope.months.last()) {
        let span = crate::model::MonthSpan { from, to };
        fields.insert("months".into(), Value::from(span.to_string()));
    }
    fields.insert("number".into(), Value::from(number.to_string()));
    // Its registered letters (Form 103): the claim itself to each addressee.
    let meta = |document: Part| {
        Meta::Own(OwnMeta {
            account: account.clone(),
            debtors: debtors.clone(),
            kind,
            document,
            mail: (document == Part::Whole(kind)).then(|| mail.clone()),
            fields: fields.clone(),
        })
    };
    let values = Batch::values(value);
    let (template, file) = first;
    let mut pdf = |file: &str, template: &'static str, values, meta| {
        batch.pdfs.push(PdfDoc {
            path: format!("{folder}/{file}"),
            template,
            office: None,
            values,
            files: Vec::new(),
            meta,
        })
    };
    pdf(file, template, values.clone(), meta(Part::Whole(kind)));
    pdf(
        super::package::CALCULATION,
        crate::templates::CALCULATION,
        values,
        meta(Part::Calculation),
    );
    let (mut statement, _) = super::statement::values(&before.account, before.day);
    statement["signer_role"] = Value::from("кредитора");
    pdf(
        super::package::STATEMENT,
        crate::templates::STATEMENT,
        Batch::values(statement),
        meta(Part::Whole(DocKind::AccountStatement)),
    );
}

/// «3 500,00 руб. основного долга и 412,17 руб. пеней»: what the months before come to.
pub fn sums_line(before: &Before) -> String {
    let (p, n) = (ru(before.scope.principal), ru(before.scope.penalty));
    match before.scope.penalty > Decimal::ZERO {
        true => format!("{p} руб. основного долга и {n} руб. пеней"),
        false => format!("{p} руб. основного долга"),
    }
}

/// The copies a claim for the months before lists among its attachments, the calculation and
/// the statement first.
pub fn attachments(settings: &Settings, case: &Case, extra: &[String]) -> Vec<String> {
    let id = &case.account.id;
    let mut list = vec![
        format!("Расчёт задолженности и пеней по лицевому счёту № {id}."),
        format!("Выписка из лицевого счёта № {id}."),
    ];
    let debtors: Vec<_> = case.account.debtors.iter().collect();
    list.extend(
        crate::law::basis::extract_titles(&debtors)
            .iter()
            .map(|t| format!("Копия {}.", t.replacen("выписка", "выписки", 1))),
    );
    list.extend(extra.iter().cloned());
    list.extend(super::org::poa_copies(settings.config));
    list
}
