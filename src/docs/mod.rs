//! Documents: for each kind, the fields it needs (checked up front, with the reason when missing)
//! and the values it hands to its template. The organisation and court values go to minijinja once
//! per batch and court (`org`); per-debtor values go to the document's `data.json` (`batch`).
//! Every kind reads the account's case (`law::case`) and nothing else of its history.
//!
//! | file | holds |
//! |---|---|
//! | `kinds.rs`, `entry.rs`, `kind.rs` | the registry of kinds: one entry per kind (name, title, folder, templates, gate, step, powers, event, post, builder), each kept in its builder's file; the types that name a kind and its documents |
//! | `batch.rs` | what a run decides to make: PDFs, text rows, refusals |
//! | `meta.rs` | each file's metadata for the manifest and the registries, typed per kind |
//! | `settings.rs`, `org.rs` | the workspace's settings; the organisation's side of a document |
//! | `parties.rs`, `paths.rs` | the debtors addressed and named; safe folder and file names |
//! | `payment.rs` | the payee's details and the payment QR |
//! | `notice.rs`, `messages.rs`, `warning.rs`, `agreement.rs` | the letters, SMS and call lists; the warning's texts by SMS, e-mail, ГИС ЖКХ, payment document |
//! | `restriction_act.rs`, `resumption.rs` | the acts of restriction and of resumption (п.119–120 Правил № 354) |
//! | `court_order.rs`, `claim.rs` | the court filings' texts |
//! | `calculation.rs`, `statement.rs`, `duty.rs` | their annexes: the calculation, the account statement, the duty's payment order and the batch's 1C file |
//! | `package.rs` | a filing's folder: its files and its list of attachments |
//! | `enforcement.rs` | the applications to the bank and the bailiffs |
//! | `insolvency.rs`, `estate.rs`, `split.rs` | the claims for the months before a bankruptcy or a death (`law::cutoff`): the register's, the notary's, the heirs' |
//! | `papers.rs`, `registries.rs`, `mail.rs`, `journal.rs`, `rendered.rs` | what goes with a batch, made as its rendered documents are read back: cover letters, registries, the 1C file, the Form 103 lists and the batch's `events.csv` |

pub mod agreement;
pub mod batch;
pub mod calculation;
pub mod claim;
pub mod court_order;
pub mod duty;
pub mod enforcement;
pub mod entry;
pub mod estate;
pub mod insolvency;
pub mod journal;
pub mod kind;
pub mod kinds;
pub mod mail;
pub mod messages;
pub mod meta;
pub mod notice;
pub mod org;
pub mod package;
pub mod papers;
pub mod parties;
pub mod paths;
pub mod payment;
pub mod registries;
pub mod rendered;
pub mod restriction_act;
pub mod resumption;
pub mod settings;
pub mod split;
pub mod statement;
pub mod warning;

use crate::ladder::next_step;
use crate::law::case::Case;
use batch::{Batch, Subject};
use kinds::{DocKind, Role};
use settings::Settings;

/// Adds the documents of one kind for one account to the batch, or its refusals: first the case's
/// gate (`law::gates`: what the case's history allows), then the signatory's powers, then the
/// kind's own builder and its checks (`kinds`: the kind's entry names all three).
pub fn build(kind: DocKind, settings: &Settings, case: &Case, batch: &mut Batch) {
    // The batch's papers are made from its documents (`registries`, `mail`), never for one account.
    let Some(builder) = kind.kind().build else {
        return;
    };
    if let Err(why) = kind.allows(case) {
        batch.refuse(&case.account.id, None, kind, why);
        return;
    }
    if let Some(why) = filed_beside(kind, case, batch) {
        batch.refuse(&case.account.id, None, kind, why);
        return;
    }
    if let Err(why) = org::authority(settings.config, kind.kind().powers, case.as_of()) {
        batch.refuse(&case.account.id, None, kind, why);
        return;
    }
    builder(settings, case, batch);
}

/// Letters that agree: a debt notice or a warning announces the court, and an agreement promises
/// not to go there, so one run never makes them for an account beside that account's court filing
/// (the two would state different sums, or opposite intentions, on the same day). `kinds_for` puts
/// the filings first.
fn filed_beside(kind: DocKind, case: &Case, batch: &Batch) -> Option<crate::lang::Text> {
    if kind.role() != Role::Letter {
        return None;
    }
    let filing = batch.pdfs.iter().find(|d| {
        d.meta.account() == Some(case.account.id.as_str()) && d.meta.kind().role() == Role::Filing
    })?;
    let title = filing.meta.kind().title();
    Some(crate::tr!(
        "letters.beside_filing",
        "в этом запуске по лицевому счёту составляется документ «{title}»: письмо, которое грозит обращением в суд, или соглашение, которое обещает в суд не обращаться, рядом с самим обращением не составляется (они противоречили бы друг другу); составьте письма отдельным запуском, без обращения в суд",
        "this run files {title} for the account: a letter announcing the court, or an agreement promising not to go there, is not made beside the filing itself (the two would contradict each other); make the letters in a run without the filing"
    ))
}

/// Court filings first, so that the letters of the same account see them (`filed_beside`).
fn filings_first(mut kinds: Vec<DocKind>) -> Vec<DocKind> {
    kinds.sort_by_key(|k| k.role() != Role::Filing);
    kinds
}

/// What `--docs` asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    /// `all`: every kind, each refusing where its preconditions fail.
    pub all: bool,
    /// `auto`: what each account's next step needs (`ladder`).
    pub auto: bool,
    /// The kinds named.
    pub kinds: Vec<DocKind>,
}

impl Selection {
    /// Reads `--docs` (`notice,sms`, `auto`, `all`), or says which word is not a kind.
    pub fn parse(words: &[String]) -> Result<Selection, crate::lang::Text> {
        let mut selection = Selection {
            all: false,
            auto: false,
            kinds: Vec::new(),
        };
        for word in words {
            match (word.as_str(), DocKind::parse(word)) {
                ("all", _) => selection.all = true,
                ("auto", _) => selection.auto = true,
                (_, Some(kind)) => selection.kinds.push(kind),
                (_, None) => {
                    let kinds = DocKind::selectable_names();
                    return Err(crate::tr!(
                        "docs.unknown_kind",
                        "--docs {word}: такого вида документа нет (возможны: {kinds}, all, auto)",
                        "--docs {word}: not a document kind (one of: {kinds}, all, auto)"
                    ));
                }
            }
        }
        Ok(selection)
    }

    /// The kinds one account gets. With `auto`, an account whose next step needs no document
    /// gets a refusal saying what the step is.
    pub fn kinds_for(&self, case: &Case, batch: &mut Batch) -> Vec<DocKind> {
        if self.all {
            return filings_first(DocKind::selectable_kinds().collect());
        }
        if !self.auto {
            return filings_first(self.kinds.clone());
        }
        let next = next_step(case);
        let needed = kinds::made_for(&next.steps);
        if needed.is_empty() {
            batch.refuse_as(&case.account.id, None, Subject::Auto, {
                // A step that makes no document: «нет», «ограничение услуги».
                let name = kinds::step_name(next.step);
                let title = kinds::step_title(next.step).to_lowercase();
                let (ru, en) = (next.reason.ru(), next.reason.en());
                crate::tr!(
                    "auto.next_step",
                    "следующий шаг: {title} — {ru}",
                    "next step: {name} — {en}"
                )
            });
        }
        let mut kinds = needed.clone();
        kinds.extend(self.kinds.iter().filter(|k| !needed.contains(k)));
        filings_first(kinds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_words_are_kinds_or_all_or_auto() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let s = Selection::parse(&words(&["auto", "notice"])).unwrap();
        assert!(s.auto && !s.all);
        assert_eq!(s.kinds, [DocKind::Notice]);
        let err = Selection::parse(&words(&["registry"])).unwrap_err();
        assert!(
            err.en()
                .starts_with("--docs registry: not a document kind (one of: notice, sms"),
            "{err}"
        );
    }
}
