//! The registry of document kinds, as ripgrep's flags are: one entry per kind, each in the file that
//! builds it (`notice.rs` holds `NOTICE`), saying all that the rest of vzysk asks of a kind — its
//! name on the command line and in the manifest, its title, the archive's folder, the templates it
//! renders, the gate the case must pass (`law::gates`), the ladder step it serves, the powers its
//! signatory needs, the event it starts in the journal, how it goes by post, and its builder.
//! Nothing else matches on a kind (`tests/lint.rs` holds it): a new kind is its file (entry and
//! builder), its template, its line in the list below and its variant of `DocKind` (`kind.rs`; the
//! compiler asks for the line when the variant is there).

pub use super::entry::Kind;
pub use super::kind::{Category, DocKind, Part, Role};
use crate::ladder::Step;
use crate::lang::Text;
use crate::law::case::Case;
use crate::law::gates::Asked;
use crate::templates::Template;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! registry {
    ($($variant:ident = $entry:path;)*) => {
        impl DocKind {
            /// Every kind, in ladder order; the batch papers last.
            pub const ALL: &'static [DocKind] = &[$(DocKind::$variant),*];

            /// Its registry entry.
            pub fn kind(self) -> &'static Kind {
                match self { $(DocKind::$variant => &$entry),* }
            }
        }
    };
}

registry! {
    Notice = super::notice::NOTICE;
    Sms = super::messages::SMS;
    Calls = super::messages::CALLS;
    Warning = super::warning::WARNING;
    RestrictionAct = super::restriction_act::RESTRICTION_ACT;
    Resumption = super::resumption::RESUMPTION;
    Agreement = super::agreement::AGREEMENT;
    CourtOrder = super::court_order::COURT_ORDER;
    Claim = super::claim::CLAIM;
    AccountStatement = super::statement::ACCOUNT_STATEMENT;
    Bank = super::enforcement::BANK;
    Fssp = super::enforcement::FSSP;
    RegisterClaim = super::insolvency::REGISTER_CLAIM;
    EstateClaim = super::estate::ESTATE_CLAIM;
    HeirsClaim = super::estate::HEIRS_CLAIM;
    Registry = super::registries::REGISTRY;
    Mail = super::mail::MAIL;
}

impl DocKind {
    pub fn name(self) -> &'static str {
        self.kind().name
    }

    /// The archive's top folder for this kind's files.
    pub fn folder(self) -> &'static str {
        self.kind().folder
    }

    /// Whether `--docs` may name it.
    pub fn selectable(self) -> bool {
        // The batch papers come with the documents they list.
        self.role() != Role::BatchPaper
    }

    /// What it is, in Russian, as a list of documents names it.
    pub fn title(self) -> &'static str {
        self.kind().title
    }

    /// What it is, in a line, in the run's language.
    pub fn about(self) -> &'static str {
        let (ru, en) = self.kind().about;
        crate::lang::say(ru, en)
    }

    pub fn role(self) -> Role {
        self.kind().role
    }

    /// Addressed to the debtor in person (an SMS, a call, an agreement).
    pub fn personal(self) -> bool {
        self.kind().personal
    }

    /// Whether the account's case allows a document of this kind (its gate); else why not.
    pub fn allows(self, case: &Case) -> Result<(), Text> {
        let (name, title) = (self.name(), self.title());
        self.kind().gate.allows(case, Asked { name, title })
    }

    /// The kinds `--docs` may name, in ladder order.
    pub fn selectable_kinds() -> impl Iterator<Item = DocKind> {
        DocKind::ALL.iter().copied().filter(|k| k.selectable())
    }

    /// A kind `--docs` may name.
    pub fn parse(text: &str) -> Option<DocKind> {
        DocKind::selectable_kinds().find(|k| k.name() == text)
    }

    /// `notice, sms, …, fssp`: the names `--docs` accepts.
    pub fn selectable_names() -> String {
        DocKind::selectable_kinds()
            .map(DocKind::name)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The kinds that serve a step of the ladder, in ladder order.
    pub fn serving(step: Step) -> impl Iterator<Item = DocKind> {
        DocKind::ALL
            .iter()
            .copied()
            .filter(move |k| k.kind().serves == Some(step))
    }

    /// The court filing of a procedure: a court order's application, or a claim.
    pub fn filing(procedure: &crate::law::eligibility::Procedure) -> DocKind {
        use crate::law::eligibility::Procedure;
        match procedure {
            Procedure::CourtOrder => DocKind::CourtOrder,
            Procedure::Claim { .. } => DocKind::Claim,
        }
    }
}

/// The kinds the next steps make (`NextStep::steps`), in the order of the steps.
pub fn made_for(steps: &[Step]) -> Vec<DocKind> {
    steps.iter().flat_map(|s| DocKind::serving(*s)).collect()
}

/// A ladder step's name, as `plan` prints it: `none`, `restriction` (an act on the spot, whose
/// paper is the restriction act), else the name of the first kind that serves it (`court-order`).
pub fn step_name(step: Step) -> &'static str {
    match (step, DocKind::serving(step).next()) {
        (Step::None, _) => "none",
        (Step::Restriction, _) => "restriction",
        (_, Some(kind)) => kind.name(),
        (_, None) => "none",
    }
}

/// A ladder step as a list of debtors names it: the title of the first kind that serves it, else
/// the step in the run's language.
pub fn step_title(step: Step) -> &'static str {
    match (step, DocKind::serving(step).next()) {
        (Step::Restriction, _) => {
            crate::lang::say("Ограничение услуги", "Restriction of the service")
        }
        (Step::None, _) | (_, None) => crate::lang::say("нет", "none"),
        (_, Some(kind)) => kind.title(),
    }
}

/// A help text with the kinds `--docs` takes in place of `{kinds}`.
pub fn with_kinds(text: &str) -> String {
    text.replace("{kinds}", &DocKind::selectable_names())
}

/// Who uses a template, as `templates list` prints it (`court-order, claim`), in `lang`.
pub fn users_of(template: &Template, lang: crate::lang::Lang) -> String {
    if let Some((ru, en)) = template.shared {
        return lang.pick(ru, en).to_string();
    }
    DocKind::ALL
        .iter()
        .filter(|k| k.kind().templates.contains(&template.name))
        .map(|k| k.name())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Serialize for DocKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for DocKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DocKind, D::Error> {
        let name = String::deserialize(d)?;
        DocKind::ALL
            .iter()
            .copied()
            .find(|k| k.name() == name)
            .ok_or_else(|| {
                serde::de::Error::custom(crate::tr!(
                    "kinds.unknown_kind",
                    "нет вида документа «{name}»",
                    "no document kind {name:?}"
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_part_reads_back_from_its_name() {
        for kind in DocKind::ALL {
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(serde_json::from_str::<DocKind>(&json).unwrap(), *kind);
        }
        // The batch papers are parts of their own (a registry, a cover letter, a Form 103 list).
        for kind in DocKind::selectable_kinds() {
            let part = Part::Whole(kind);
            let json = serde_json::to_string(&part).unwrap();
            assert_eq!(serde_json::from_str::<Part>(&json).unwrap(), part);
        }
        assert_eq!(DocKind::parse("court-order"), Some(DocKind::CourtOrder));
        assert_eq!(DocKind::parse("registry"), None, "not for --docs");
        assert_eq!(
            DocKind::selectable_names(),
            "notice, sms, calls, warning, restriction-act, resumption, agreement, court-order, claim, account-statement, bank, fssp, register-claim, estate-claim, heirs-claim"
        );
    }

    #[test]
    fn names_and_folders_are_the_registrys_and_unique() {
        let mut names: Vec<&str> = DocKind::ALL.iter().map(|k| k.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), DocKind::ALL.len(), "a name twice");
        for kind in DocKind::ALL {
            for t in kind.kind().templates {
                assert!(
                    Template::find(t).is_some(),
                    "{}: no template {t}",
                    kind.name()
                );
            }
        }
    }

    #[test]
    fn the_ladder_and_the_documents_ask_one_gate() {
        // A kind that serves a step is made under the gate the ladder asks of that step.
        for kind in DocKind::ALL {
            if let Some(step) = kind.kind().serves {
                let gate = step.gate().map(|g| g as *const crate::law::gates::Gate);
                assert_eq!(
                    gate,
                    Some(kind.kind().gate as *const crate::law::gates::Gate),
                    "{}",
                    kind.name()
                );
            }
        }
        let names = |s| DocKind::serving(s).map(DocKind::name).collect::<Vec<_>>();
        assert_eq!(names(Step::Notice), ["notice", "sms", "calls"]);
        assert_eq!(names(Step::CourtOrder), ["court-order"]);
        assert_eq!(names(Step::Restriction), ["restriction-act"]);
        assert!(names(Step::None).is_empty());
        assert_eq!(step_name(Step::CourtOrder), "court-order");
        assert_eq!(step_name(Step::Restriction), "restriction");
        assert_eq!(step_name(Step::None), "none");
    }

    #[test]
    fn who_uses_a_template_is_read_from_the_kinds() {
        use crate::lang::Lang;
        let users = |name| users_of(Template::find(name).unwrap(), Lang::En);
        assert_eq!(
            users(crate::templates::CALCULATION),
            "court-order, claim, register-claim, estate-claim, heirs-claim"
        );
        assert_eq!(
            users(crate::templates::STATEMENT),
            "court-order, claim, account-statement, register-claim, estate-claim, heirs-claim"
        );
        assert_eq!(users(crate::templates::STYLE), "(every PDF)");
    }
}
