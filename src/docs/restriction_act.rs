//! The act of restriction or suspension of a utility service (Правила № 354 п.119 «б», «в»;
//! `legal-rules.md` §7, §14.9): made for the technician who goes to the premises once the warning's
//! 20 days have run (the gate, `law::gates::RESTRICTION`), for the service whose debt is over the
//! п.118 threshold (`restriction::ground`, as the ladder asks it). What only the visit can say —
//! the day and hour, restricted or suspended, how, the meter's readings, the seal, who was present
//! and signed, the act's number in the department's register — is left blank to fill in by hand. Never heating, nor cold water in an apartment
//! block (`restrictable`). Once done, the department records `restricted` (or `suspended`) with
//! `vzysk record`: making the act is not the restriction, so it starts no event by itself.

use super::batch::{Batch, PdfDoc};
use super::entry::Kind;
use super::kind::{DocKind, Part, Role};
use super::meta::{Meta, OwnMeta};
use super::parties::{active_debtors, names};
use crate::ladder::Step;
use crate::law::case::{Case, WarningState};
use crate::law::gates;
use crate::law::restriction::{RESUMPTION_DAYS, SUSPENSION_AFTER_DAYS, earliest_restriction};
use crate::money::{fixed2, ru};
use crate::russian::{self, in_words};
use crate::templates;
use serde_json::json;

/// The act of restriction (suspension) of a utility service, to fill in and sign on the spot.
pub const RESTRICTION_ACT: Kind = Kind {
    name: "restriction-act",
    title: "Акт об ограничении коммунальной услуги",
    about: (
        "акт об ограничении (приостановлении) коммунальной услуги: заполняется и подписывается на месте (п.119 «б», «в» Правил № 354)",
        "act of restriction (suspension) of a utility service, filled in and signed on the spot (п.119 «б», «в» Правил № 354)",
    ),
    folder: "acts",
    role: Role::Annex,
    personal: false,
    templates: &[templates::RESTRICTION_ACT],
    gate: &gates::RESTRICTION,
    serves: Some(Step::Restriction),
    // Signed by who was present (the provider's technician, the consumer), not by the signatory.
    powers: None,
    starts: None,
    post: None,
    build: Some(|_, case, batch| build(case, batch)),
};

const KIND: DocKind = DocKind::RestrictionAct;

fn build(case: &Case, batch: &mut Batch) {
    let (account, calc) = (case.account, case.calc);
    let ground = match case.restriction_ground() {
        Ok(g) => g,
        Err(why) => {
            batch.refuse(&account.id, None, KIND, why);
            return;
        }
    };
    // The gate let only a warning whose 20 days have run through.
    let WarningState::Run(delivered) = case.warning_state() else {
        return;
    };
    let debtors = active_debtors(account, KIND, batch);
    let Some(first) = debtors.first() else {
        return;
    };
    let period = super::warning::debt_span(calc);
    let warning = case.warning.sent.filter(|s| s.date <= delivered.date);
    let values = Batch::values(json!({
        "account": account.id,
        "date": russian::date(calc.as_of),
        "debtors": names(&debtors),
        "premises": account.premises_address.clone().unwrap_or_default(),
        "service": ground.service,
        "debt": ru(ground.debt),
        "debt_words": in_words::rubles(ground.debt),
        "threshold": ru(ground.threshold),
        "period": period,
        "warning": {
            "number": warning.and_then(|w| w.reference.clone()),
            "sent": warning.map(|w| russian::date(w.date)),
            "delivered": russian::date(delivered.date),
            "restrict_from": russian::date(earliest_restriction(delivered.date)),
        },
        "suspension_days": SUSPENSION_AFTER_DAYS,
        "resumption_days": RESUMPTION_DAYS,
    }));
    let folder = batch.debtor_folder(KIND.folder(), account, first);
    batch.pdfs.push(PdfDoc {
        path: format!("{folder}/Акт об ограничении коммунальной услуги.pdf"),
        template: templates::RESTRICTION_ACT,
        office: None,
        values,
        files: Vec::new(),
        meta: Meta::Own(OwnMeta {
            account: account.id.clone(),
            debtors: names(&debtors),
            kind: KIND,
            document: Part::Whole(KIND),
            mail: None,
            fields: json!({
                "service": ground.service,
                "service_debt": fixed2(ground.debt),
                "threshold": fixed2(ground.threshold),
                "warning_delivered": delivered.date.to_string(),
            })
            .as_object()
            .cloned()
            .unwrap_or_default(),
        }),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::case::fixtures::{account, calc, claiming, ev};
    use crate::model::EventKind;

    /// The act for an account with these events, as of the fixtures' date: its values, or the
    /// code of the gate's refusal.
    fn act(events: &[(chrono::NaiveDate, EventKind, String)]) -> Result<serde_json::Value, String> {
        let a = account("3000", events);
        let c = calc(&a);
        let case = Case::of(&a, &c, claiming());
        KIND.allows(&case).map_err(|why| why.code().to_string())?;
        let mut batch = Batch::default();
        build(&case, &mut batch);
        let [doc] = &batch.pdfs[..] else {
            return Err(format!("{} documents", batch.pdfs.len()));
        };
        assert_eq!(doc.meta.kind(), KIND);
        Ok(serde_json::from_slice(&doc.values).unwrap())
    }

    #[test]
    fn the_act_once_the_warnings_twenty_days_have_run() {
        let d = act(&[
            ev("2026-09-25", EventKind::WarningSent, ""),
            ev("2026-10-01", EventKind::WarningDelivered, ""),
        ])
        .unwrap();
        assert_eq!(d["service"], "горячее водоснабжение");
        assert_eq!(d["warning"]["number"], "REF-1");
        assert_eq!(d["warning"]["sent"], "25.09.2026");
        assert_eq!(d["warning"]["delivered"], "01.10.2026");
        // 20 whole days after the delivery: the 22nd day is the first it may be restricted.
        assert_eq!(d["warning"]["restrict_from"], "22.10.2026");
        assert_eq!(
            d["threshold"], "2\u{a0}000,00",
            "typeset: no break inside a sum"
        );
        assert_eq!(d["resumption_days"], 2);
    }

    #[test]
    fn no_act_before_the_twenty_days_nor_twice_nor_during_an_agreement() {
        let delivered = ev("2026-11-20", EventKind::WarningDelivered, "");
        assert_eq!(act(&[delivered]).unwrap_err(), "gate.warning.running");
        let sent = ev("2026-11-20", EventKind::WarningSent, "");
        assert_eq!(act(&[sent]).unwrap_err(), "gate.warning.awaiting_delivery");
        assert_eq!(act(&[]).unwrap_err(), "gate.restriction.no_warning");
        let restricted = [
            ev("2026-09-01", EventKind::WarningDelivered, ""),
            ev(
                "2026-10-01",
                EventKind::Restricted,
                "service=горячее водоснабжение",
            ),
        ];
        assert_eq!(act(&restricted).unwrap_err(), "gate.restriction.in_force");
        let agreed = [
            ev("2026-09-01", EventKind::WarningDelivered, ""),
            ev("2026-11-01", EventKind::AgreementSigned, ""),
        ];
        assert_eq!(act(&agreed).unwrap_err(), "agreement.honoured");
    }
}
