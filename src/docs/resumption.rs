//! The act of resumption of a restricted (suspended) utility service (Правила № 354 п.120;
//! `legal-rules.md` §7.2, §14.9): once the service's debt is paid or a repayment agreement is
//! signed, the service is resumed within 2 calendar days (`law::gates::resumption_due`). The act
//! states the ground and the last day, and leaves blank what only the visit can say — the day and
//! hour, how, the meter's readings, the seal removed, who was present. Once done, the department
//! records `resumed` with `vzysk record`.

use super::batch::{Batch, PdfDoc};
use super::entry::Kind;
use super::kind::{DocKind, Part, Role};
use super::meta::{Meta, OwnMeta};
use super::parties::{active_debtors, names};
use crate::ladder::Step;
use crate::law::case::Case;
use crate::law::gates::{self, Resume};
use crate::law::restriction::RESUMPTION_DAYS;
use crate::russian;
use crate::templates;
use serde_json::json;

/// The act of resumption of a utility service, to fill in and sign on the spot.
pub const RESUMPTION: Kind = Kind {
    name: "resumption",
    title: "Акт о возобновлении предоставления коммунальной услуги",
    about: (
        "акт о возобновлении коммунальной услуги в течение 2 дней после погашения долга или соглашения (п.120 Правил № 354)",
        "act of resumption of a utility service within 2 days of the debt paid or an agreement (п.120 Правил № 354)",
    ),
    folder: "acts",
    role: Role::Annex,
    personal: false,
    templates: &[templates::RESUMPTION],
    gate: &gates::RESUMPTION,
    serves: Some(Step::Resumption),
    // Signed by who was present, not by the signatory.
    powers: None,
    starts: None,
    post: None,
    build: Some(|_, case, batch| build(case, batch)),
};

const KIND: DocKind = DocKind::Resumption;

fn build(case: &Case, batch: &mut Batch) {
    let (account, Some(resume), Some(r)) =
        (case.account, gates::resumption_due(case), case.restriction)
    else {
        return;
    };
    let debtors = active_debtors(account, KIND, batch);
    let Some(first) = debtors.first() else {
        return;
    };
    let ground = match resume {
        Resume::Paid(d) => format!(
            "задолженность по оплате услуги погашена (последний платёж — {})",
            russian::date(d)
        ),
        Resume::Agreed(d) => {
            let number = case
                .agreement
                .signed
                .and_then(|s| s.reference.as_deref())
                .map(|n| format!(" № {n}"))
                .unwrap_or_default();
            format!(
                "заключено соглашение о порядке погашения задолженности{number} от {}",
                russian::date(d)
            )
        }
    };
    let values = Batch::values(json!({
        "account": account.id,
        "date": russian::date(case.as_of()),
        "debtors": names(&debtors),
        "premises": account.premises_address.clone().unwrap_or_default(),
        "service": r.service.unwrap_or("коммунальная услуга"),
        "restricted": { "how": r.event.kind.label(), "on": russian::date(r.event.date), "number": r.event.reference },
        "ground": ground,
        "by": russian::date(resume.by()),
        "days": RESUMPTION_DAYS,
    }));
    let folder = batch.debtor_folder(KIND.folder(), account, first);
    batch.pdfs.push(PdfDoc {
        path: format!("{folder}/Акт о возобновлении коммунальной услуги.pdf"),
        template: templates::RESUMPTION,
        office: None,
        values,
        files: Vec::new(),
        meta: Meta::Own(OwnMeta {
            account: account.id.clone(),
            debtors: names(&debtors),
            kind: KIND,
            document: Part::Whole(KIND),
            mail: None,
            fields: json!({ "resume_by": resume.by().to_string() })
                .as_object()
                .cloned()
                .unwrap_or_default(),
        }),
    });
}
