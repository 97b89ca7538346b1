//! The registry of what vzysk makes: every document kind (its name on the command line and in the
//! manifest, its archive folder, what it is for) and every built-in template (its file, which kinds
//! use it, what it receives). The only place a kind's or a template's name is spelled: everything
//! else names `DocKind::CourtOrder` or `kinds::COURT_ORDER`, so a rename is a compile error.
//! A leaf: it imports nothing of vzysk but the language (`lang`) its descriptions are read in.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! doc_kinds {
    ($($variant:ident = $name:literal, $folder:literal, $selectable:literal, $title:literal, $about:literal, $about_ru:literal;)*) => {
        /// A kind of document (`--docs`), or of the papers that go with a batch.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum DocKind { $($variant),* }

        impl DocKind {
            /// Every kind, in ladder order; the batch papers last.
            pub const ALL: &'static [DocKind] = &[$(DocKind::$variant),*];

            pub fn name(self) -> &'static str {
                match self { $(DocKind::$variant => $name),* }
            }

            /// The archive's top folder for this kind's files.
            pub fn folder(self) -> &'static str {
                match self { $(DocKind::$variant => $folder),* }
            }

            /// Whether `--docs` may name it (the batch papers come with the documents they list).
            pub fn selectable(self) -> bool {
                match self { $(DocKind::$variant => $selectable),* }
            }

            /// What it is, in Russian, as a list of documents names it.
            pub fn title(self) -> &'static str {
                match self { $(DocKind::$variant => $title),* }
            }

            /// What it is, in a line, in the run's language.
            pub fn about(self) -> &'static str {
                match self { $(DocKind::$variant => crate::lang::say($about_ru, $about)),* }
            }
        }
    };
}

doc_kinds! {
    Notice = "notice", "notices", true, "Уведомление о задолженности", "debt notice with a payment QR", "уведомление о задолженности с QR-кодом для оплаты";
    Sms = "sms", "sms", true, "SMS", "SMS list for the gateway", "список SMS для шлюза рассылки";
    Calls = "calls", "calls", true, "Обзвон", "call list with a script", "список обзвона со сценарием разговора";
    Warning = "warning", "warnings", true, "Предупреждение об ограничении", "warning of restriction (п.119 Правил № 354)", "предупреждение об ограничении (п.119 Правил № 354)";
    Agreement = "agreement", "agreements", true, "Соглашение о рассрочке", "instalment agreement", "соглашение о рассрочке";
    CourtOrder = "court-order", "courts", true, "Заявление о судебном приказе", "court-order application with its calculation", "заявление о вынесении судебного приказа с расчётом";
    Claim = "claim", "courts", true, "Исковое заявление", "statement of claim with its calculation", "исковое заявление с расчётом";
    AccountStatement = "account-statement", "statements", true, "Выписка из лицевого счёта", "account statement: charges, recalculations, payments and the balance by month (in every court package too)", "выписка из лицевого счёта: начисления, перерасчёты, оплаты и остаток по месяцам (входит и в каждый пакет для суда)";
    Bank = "bank", "bank", true, "Заявление в банк", "claimant's application to the debtor's bank (229-ФЗ ст.8)", "заявление взыскателя в банк должника (229-ФЗ ст.8)";
    Fssp = "fssp", "fssp", true, "Заявление в ФССП", "application to the bailiffs (229-ФЗ ст.30)", "заявление в ФССП (229-ФЗ ст.30)";
    Registry = "registry", "courts", false, "Реестры и сопроводительные письма", "cover letters and registries of a batch's filings", "сопроводительные письма и реестры заявлений пакета";
    Mail = "mail", "mail", false, "Списки ф. 103", "Form 103 lists of registered letters", "списки заказных писем ф. 103";
}

impl DocKind {
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

/// Which document of its kind a file is (`document` in the manifest): a court filing has a
/// statement and a calculation; most kinds have one document, named as the kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The kind's one document.
    Whole(DocKind),
    /// A court-order application.
    Application,
    /// A statement of claim.
    Statement,
    /// The calculation of debt and penalties annexed to a filing.
    Calculation,
    /// The order paying a filing's state duty (Положение Банка России № 762-П).
    DutyOrder,
    CoverLetter,
    Registry,
    Form103,
    /// The inventory of a valuable letter (опись вложения, ф. 107).
    Inventory,
}

impl Part {
    pub fn name(self) -> &'static str {
        match self {
            Part::Whole(kind) => kind.name(),
            Part::Application => "application",
            Part::Statement => "statement",
            Part::Calculation => "calculation",
            Part::DutyOrder => "duty-payment-order",
            Part::CoverLetter => "cover-letter",
            Part::Registry => "registry",
            Part::Form103 => "form-103",
            Part::Inventory => "inventory-107",
        }
    }
}

impl Serialize for Part {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Part {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Part, D::Error> {
        let name = String::deserialize(d)?;
        let fixed = [
            Part::Application,
            Part::Statement,
            Part::Calculation,
            Part::DutyOrder,
            Part::CoverLetter,
            Part::Registry,
            Part::Form103,
            Part::Inventory,
        ];
        fixed
            .into_iter()
            .chain(DocKind::ALL.iter().map(|k| Part::Whole(*k)))
            .find(|p| p.name() == name)
            .ok_or_else(|| {
                serde::de::Error::custom(crate::tr!(
                    "kinds.unknown_part",
                    "нет документа «{name}»",
                    "no document {name:?}"
                ))
            })
    }
}

/// Who uses a template: document kinds, or (a partial, a list) what a line says, in Russian and
/// in English.
pub enum UsedBy {
    Kinds(&'static [DocKind]),
    Text(&'static str, &'static str),
}

/// A built-in template: its file under `templates/`, its text, who uses it and what it receives
/// (`about` in English, `about_ru` in Russian: [`Template::describe`] gives the run's).
pub struct Template {
    pub name: &'static str,
    pub source: &'static str,
    pub used_by: UsedBy,
    pub about: &'static str,
    pub about_ru: &'static str,
}

macro_rules! templates {
    ($($constant:ident = $file:literal, $used_by:expr, $about:literal, $about_ru:literal;)*) => {
        $(pub const $constant: &str = $file;)*

        /// The built-in templates (`templates/` in the repository), compiled into the binary.
        pub const TEMPLATES: &[Template] = &[$(Template {
            name: $file,
            source: include_str!(concat!("../templates/", $file)),
            used_by: $used_by,
            about: $about,
            about_ru: $about_ru,
        }),*];
    };
}

templates! {
    STYLE = "_style.typ.j2", UsedBy::Text("(каждый PDF)", "(every PDF)"),
        "page, fonts, footer: included by each document template",
        "страница, шрифты, нижний колонтитул: включается в каждый шаблон документа";
    PARTIES = "_parties.typ.j2", UsedBy::Kinds(&[DocKind::CourtOrder, DocKind::Claim]),
        "the header of an application: court, parties, sums",
        "вводная часть заявления: суд, стороны, суммы";
    SIGNATURE = "_signature.typ.j2", UsedBy::Text("(суд, банк, ФССП)", "(court, bank, fssp)"),
        "the signature block",
        "блок подписи";
    COURT_ORDER = "court-order.typ.j2", UsedBy::Kinds(&[DocKind::CourtOrder]),
        "court-order application: d.debtors (full_name, genitive, lines), d.sums, d.demands, d.attachments, d.from_whom; court, claimant, agent",
        "заявление о вынесении судебного приказа: d.debtors (`full_name`, `genitive`, `lines`), d.sums, d.demands, d.attachments, d.from_whom; значения `court`, `claimant`, `agent`";
    CALCULATION = "calculation.typ.j2", UsedBy::Kinds(&[DocKind::CourtOrder, DocKind::Claim]),
        "calculation of debt and penalties: d.sums, d.debtor_names, d.premises, d.share, the month and penalty tables",
        "расчёт задолженности и пеней: d.sums, d.debtor_names, d.premises, d.share, таблицы по месяцам и пеней";
    STATEMENT = "statement.typ.j2", UsedBy::Kinds(&[DocKind::AccountStatement, DocKind::CourtOrder, DocKind::Claim]),
        "account statement: d.columns (services), d.months (charged by service, recalculated, paid, balance), d.payments, d.totals",
        "выписка из лицевого счёта: d.columns (услуги), d.months (начислено по услугам, перерасчёт, оплачено, остаток), d.payments, d.totals";
    DUTY_ORDER = "payment-order.typ.j2", UsedBy::Kinds(&[DocKind::CourtOrder, DocKind::Claim]),
        "state-duty payment order (form 0401060): d.number, d.date, d.sum, d.payer, d.payee, d.tax (101–109), d.purpose",
        "платёжное поручение на госпошлину (ф. 0401060): d.number, d.date, d.sum, d.payer, d.payee, d.tax (поля 101–109), d.purpose";
    NOTICE = "notice.typ.j2", UsedBy::Kinds(&[DocKind::Notice]),
        "debt notice: d.to (addressee, dative), d.total, d.total_words, d.payee, d.contacts; QR as qr.svg",
        "уведомление о задолженности: d.to (адресат в дательном падеже), d.total, d.total_words, d.payee, d.contacts; QR-код в файле qr.svg";
    SMS = "sms.txt.j2", UsedBy::Kinds(&[DocKind::Sms]),
        "SMS text (plain text): sender, account, total, penalty, phone, name",
        "текст SMS (простой текст): значения `sender`, `account`, `total`, `penalty`, `phone`, `name`";
    CALLS = "calls.txt.j2", UsedBy::Kinds(&[DocKind::Calls]),
        "call script (plain text)",
        "сценарий звонка (простой текст)";
    WARNING = "warning.typ.j2", UsedBy::Kinds(&[DocKind::Warning]),
        "warning of restriction (п.119 Правил № 354): d.to, d.service, d.debt, d.term_days, d.payee",
        "предупреждение об ограничении (п.119 Правил № 354): d.to, d.service, d.debt, d.term_days, d.payee";
    AGREEMENT = "agreement.typ.j2", UsedBy::Kinds(&[DocKind::Agreement]),
        "instalment agreement: d.debtors, d.amount, d.amount_words, d.parts, d.place",
        "соглашение о рассрочке: d.debtors, d.amount, d.amount_words, d.parts, d.place";
    CLAIM = "claim.typ.j2", UsedBy::Kinds(&[DocKind::Claim]),
        "statement of claim: as court-order, with d.history (the cancelled order)",
        "исковое заявление: как `court-order`, и d.history (отменённый судебный приказ)";
    ENFORCEMENT_HEAD = "_enforcement_head.typ.j2", UsedBy::Kinds(&[DocKind::Bank, DocKind::Fssp]),
        "the header of an enforcement application",
        "вводная часть заявления об исполнении";
    BANK = "bank.typ.j2", UsedBy::Kinds(&[DocKind::Bank]),
        "claimant's application to the bank (ст.8 229-ФЗ): d.debtors (genitive), d.writ, d.payee",
        "заявление взыскателя в банк (ст.8 229-ФЗ): d.debtors (в родительном падеже), d.writ, d.payee";
    FSSP = "fssp.typ.j2", UsedBy::Kinds(&[DocKind::Fssp]),
        "application to the bailiffs (ст.30 229-ФЗ): d.debtors (genitive), d.writ, d.payee; bailiffs office",
        "заявление в ФССП (ст.30 229-ФЗ): d.debtors (в родительном падеже), d.writ, d.payee; отделение судебных приставов";
    COVER_LETTER = "cover-letter.typ.j2", UsedBy::Kinds(&[DocKind::CourtOrder, DocKind::Claim]),
        "cover letter to the court: d.count, d.totals, d.parts",
        "сопроводительное письмо в суд: d.count, d.totals, d.parts";
    COURT_REGISTRY = "court-registry.typ.j2", UsedBy::Kinds(&[DocKind::CourtOrder, DocKind::Claim]),
        "registry of applications, 100 rows a page: d.count, d.totals, d.part, d.parts",
        "реестр заявлений, по 100 строк: d.count, d.totals, d.part, d.parts";
    ENFORCEMENT_REGISTRY = "enforcement-registry.typ.j2", UsedBy::Kinds(&[DocKind::Bank, DocKind::Fssp]),
        "registry of enforcement documents: d.recipient, d.count, d.part, d.parts",
        "реестр исполнительных документов: d.recipient, d.count, d.part, d.parts";
    FORM_103 = "form-103.typ.j2", UsedBy::Text("(заказные письма)", "(registered mail)"),
        "list of registered letters (form 103): d.number, d.category, d.count, d.mass, d.rows (shpi, enclosure)",
        "список почтовых отправлений ф.103: d.number, d.category, d.count, d.mass, d.rows (`shpi`, `enclosure`)";
    REPORT = "report.typ.j2", UsedBy::Text("(vzysk report)", "(vzysk report)"),
        "portfolio report: d.total, d.stages, d.courts, d.ages, d.effect (windows), d.month, d.duty, d.trend; amounts also as <name>_ru, bars as bar_<name> (0–1)",
        "отчёт о портфеле: d.total, d.stages, d.courts, d.ages, d.effect (по окнам), d.month, d.duty, d.trend; суммы также в виде <имя>_ru, столбцы диаграмм — bar_<имя> (0–1)";
    INVENTORY_107 = "inventory-107.typ.j2", UsedBy::Text("(копии иска ценным письмом)", "(a claim's copies by valuable letter)"),
        "inventory of enclosures (form 107): d.name, d.address, d.rows (title, sheets), d.declared",
        "опись вложения ф.107: d.name, d.address, d.rows (`title`, `sheets`), d.declared";
}

impl Template {
    /// A partial (`_style.typ.j2`): included by the others, never a document of its own.
    pub fn is_partial(&self) -> bool {
        self.name.starts_with('_')
    }

    /// A Typst template (a PDF), not a plain-text one (SMS, call scripts).
    pub fn is_typst(&self) -> bool {
        self.name.ends_with(".typ.j2")
    }

    pub fn find(name: &str) -> Option<&'static Template> {
        TEMPLATES.iter().find(|t| t.name == name)
    }

    /// Who uses it, as `templates list` prints it: `court-order, claim`; in the run's language.
    pub fn used_by(&self) -> String {
        self.used_by_in(crate::lang::current())
    }

    /// Who uses it, in `lang`.
    pub fn used_by_in(&self, lang: crate::lang::Lang) -> String {
        match &self.used_by {
            UsedBy::Kinds(kinds) => kinds
                .iter()
                .map(|k| k.name())
                .collect::<Vec<_>>()
                .join(", "),
            UsedBy::Text(ru, en) => lang.pick(*ru, *en).to_string(),
        }
    }

    /// What it receives, in the run's language.
    pub fn describe(&self) -> &'static str {
        crate::lang::say(self.about_ru, self.about)
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
            "notice, sms, calls, warning, agreement, court-order, claim, account-statement, bank, fssp"
        );
    }

    #[test]
    fn template_names_are_unique_and_the_files_are_there() {
        let mut names: Vec<&str> = TEMPLATES.iter().map(|t| t.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), TEMPLATES.len());
        assert!(TEMPLATES.iter().all(|t| !t.source.trim().is_empty()));
        let used_by = |name| Template::find(name).map(|t| t.used_by_in(crate::lang::Lang::En));
        assert_eq!(used_by(CALCULATION).as_deref(), Some("court-order, claim"));
        assert_eq!(used_by(STYLE).as_deref(), Some("(every PDF)"));
    }
}
