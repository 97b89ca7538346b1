//! The built-in templates (`templates/` in the repository, compiled into the binary): each file's
//! name, its text and what it receives. The only place a template's file name is spelled: the
//! document kinds (`docs::kinds`) name `templates::COURT_ORDER`, so a rename is a compile error.
//! A leaf: it imports nothing of vzysk but the language (`lang`) its descriptions are read in.

/// A built-in template: its file under `templates/`, its text, what it receives (`about` in
/// English, `about_ru` in Russian: [`Template::describe`] gives the run's) and, for one that no
/// document kind names (a partial, a list), who uses it, in Russian and English. Which kinds use a
/// template is theirs to say (`docs::kinds`: each kind lists its templates).
pub struct Template {
    pub name: &'static str,
    pub source: &'static str,
    pub shared: Option<(&'static str, &'static str)>,
    pub about: &'static str,
    pub about_ru: &'static str,
}

macro_rules! templates {
    ($($constant:ident = $file:literal, $shared:expr, $about:literal, $about_ru:literal;)*) => {
        $(pub const $constant: &str = $file;)*

        /// The built-in templates (`templates/` in the repository), compiled into the binary.
        pub const TEMPLATES: &[Template] = &[$(Template {
            name: $file,
            source: include_str!(concat!("../templates/", $file)),
            shared: $shared,
            about: $about,
            about_ru: $about_ru,
        }),*];
    };
}

templates! {
    STYLE = "_style.typ.j2", Some(("(каждый PDF)", "(every PDF)")),
        "page, fonts, footer: included by each document template",
        "страница, шрифты, нижний колонтитул: включается в каждый шаблон документа";
    PARTIES = "_parties.typ.j2", None,
        "the header of an application: court, parties, sums",
        "вводная часть заявления: суд, стороны, суммы";
    SIGNATURE = "_signature.typ.j2", Some(("(суд, банк, ФССП)", "(court, bank, fssp)")),
        "the signature block",
        "блок подписи";
    COURT_ORDER = "court-order.typ.j2", None,
        "court-order application: d.debtors (full_name, genitive, lines), d.sums, d.demands, d.attachments, d.from_whom; court, claimant, agent",
        "заявление о вынесении судебного приказа: d.debtors (`full_name`, `genitive`, `lines`), d.sums, d.demands, d.attachments, d.from_whom; значения `court`, `claimant`, `agent`";
    CALCULATION = "calculation.typ.j2", None,
        "calculation of debt and penalties: d.sums, d.debtor_names, d.premises, d.share, the month and penalty tables",
        "расчёт задолженности и пеней: d.sums, d.debtor_names, d.premises, d.share, таблицы по месяцам и пеней";
    STATEMENT = "statement.typ.j2", None,
        "account statement: d.columns (services), d.months (charged by service, recalculated, paid, balance), d.payments, d.totals",
        "выписка из лицевого счёта: d.columns (услуги), d.months (начислено по услугам, перерасчёт, оплачено, остаток), d.payments, d.totals";
    DUTY_ORDER = "payment-order.typ.j2", None,
        "state-duty payment order (form 0401060): d.number, d.date, d.sum, d.payer, d.payee, d.tax (101–109), d.purpose",
        "платёжное поручение на госпошлину (ф. 0401060): d.number, d.date, d.sum, d.payer, d.payee, d.tax (поля 101–109), d.purpose";
    NOTICE = "notice.typ.j2", None,
        "debt notice: d.to (addressee, dative), d.total, d.total_words, d.payee, d.contacts; QR as qr.svg",
        "уведомление о задолженности: d.to (адресат в дательном падеже), d.total, d.total_words, d.payee, d.contacts; QR-код в файле qr.svg";
    SMS = "sms.txt.j2", None,
        "SMS text (plain text): sender, account, total, penalty, phone, name",
        "текст SMS (простой текст): значения `sender`, `account`, `total`, `penalty`, `phone`, `name`";
    CALLS = "calls.txt.j2", None,
        "call script (plain text)",
        "сценарий звонка (простой текст)";
    WARNING = "warning.typ.j2", None,
        "warning of restriction (п.119 Правил № 354): d.to, d.service, d.debt, d.term_days, d.payee",
        "предупреждение об ограничении (п.119 Правил № 354): d.to, d.service, d.debt, d.term_days, d.payee";
    WARNING_TEXT = "warning.txt.j2", None,
        "the warning as a text for SMS, e-mail, the state housing portal and the payment document (plain text): channel, sender, debtors, account, number, date, premises, service, debt, period, term_days, payee_line, purpose, phone",
        "предупреждение текстом для SMS, e-mail, ГИС ЖКХ и платёжного документа (простой текст): значения `channel`, `sender`, `debtors`, `account`, `number`, `date`, `premises`, `service`, `debt`, `period`, `term_days`, `payee_line`, `purpose`, `phone`";
    RESTRICTION_ACT = "restriction-act.typ.j2", None,
        "act of restriction (suspension) of a utility service: d.debtors, d.premises, d.service, d.debt, d.threshold, d.period, d.warning (number, sent, delivered, restrict_from), d.suspension_days, d.resumption_days",
        "акт об ограничении (приостановлении) коммунальной услуги: d.debtors, d.premises, d.service, d.debt, d.threshold, d.period, d.warning (`number`, `sent`, `delivered`, `restrict_from`), d.suspension_days, d.resumption_days";
    CREDITOR_HEAD = "_creditor_head.typ.j2", Some(("(register-claim, estate-claim, heirs-claim)", "(register-claim, estate-claim, heirs-claim)")),
        "the header of a creditor's claim: to_lines (set by the template), the creditor, its representative, the debtor",
        "вводная часть требования кредитора: to_lines (задаёт шаблон), кредитор, его представитель, должник";
    REGISTER_CLAIM = "register-claim.typ.j2", None,
        "creditor's claim for the register of a bankruptcy case: as court-order, with d.bankruptcy (case, court, procedure, accepted, introduced, published, closes, manager), d.sums_line",
        "требование о включении в реестр требований кредиторов: как `court-order`, и d.bankruptcy (`case`, `court`, `procedure`, `accepted`, `introduced`, `published`, `closes`, `manager`), d.sums_line";
    ESTATE_CLAIM = "estate-claim.typ.j2", None,
        "creditor's claim to the notary of the inheritance case: as court-order, with d.death (date, notary, notary_address, case, heirs), d.sums_line",
        "претензия кредитора нотариусу: как `court-order`, и d.death (`date`, `notary`, `notary_address`, `case`, `heirs`), d.sums_line";
    HEIRS_CLAIM = "heirs-claim.typ.j2", None,
        "claim to the heirs within the value of the inheritance: as estate-claim, with d.capped (the value, where less)",
        "требование к наследникам в пределах стоимости наследства: как `estate-claim`, и d.capped (стоимость наследства, если она меньше долга)";
    RESUMPTION = "resumption.typ.j2", None,
        "act of resumption of a utility service (п.120 Правил № 354): d.debtors, d.premises, d.service, d.restricted (how, on, number), d.ground, d.by, d.days",
        "акт о возобновлении коммунальной услуги (п.120 Правил № 354): d.debtors, d.premises, d.service, d.restricted (`how`, `on`, `number`), d.ground, d.by, d.days";
    AGREEMENT = "agreement.typ.j2", None,
        "instalment agreement: d.debtors, d.amount, d.amount_words, d.parts, d.place",
        "соглашение о рассрочке: d.debtors, d.amount, d.amount_words, d.parts, d.place";
    CLAIM = "claim.typ.j2", None,
        "statement of claim: as court-order, with d.history (the cancelled order)",
        "исковое заявление: как `court-order`, и d.history (отменённый судебный приказ)";
    ENFORCEMENT_HEAD = "_enforcement_head.typ.j2", None,
        "the header of an enforcement application",
        "вводная часть заявления об исполнении";
    BANK = "bank.typ.j2", None,
        "claimant's application to the bank (ст.8 229-ФЗ): d.debtors (genitive), d.writ, d.payee",
        "заявление взыскателя в банк (ст.8 229-ФЗ): d.debtors (в родительном падеже), d.writ, d.payee";
    FSSP = "fssp.typ.j2", None,
        "application to the bailiffs (ст.30 229-ФЗ): d.debtors (genitive), d.writ, d.payee; bailiffs office",
        "заявление в ФССП (ст.30 229-ФЗ): d.debtors (в родительном падеже), d.writ, d.payee; отделение судебных приставов";
    COVER_LETTER = "cover-letter.typ.j2", None,
        "cover letter to the court: d.count, d.totals, d.parts",
        "сопроводительное письмо в суд: d.count, d.totals, d.parts";
    COURT_REGISTRY = "court-registry.typ.j2", None,
        "registry of applications, 100 rows a page: d.count, d.totals, d.part, d.parts",
        "реестр заявлений, по 100 строк: d.count, d.totals, d.part, d.parts";
    ENFORCEMENT_REGISTRY = "enforcement-registry.typ.j2", None,
        "registry of enforcement documents: d.recipient, d.count, d.part, d.parts",
        "реестр исполнительных документов: d.recipient, d.count, d.part, d.parts";
    FORM_103 = "form-103.typ.j2", Some(("(заказные письма)", "(registered mail)")),
        "list of registered letters (form 103): d.number, d.category, d.count, d.mass, d.rows (shpi, enclosure)",
        "список почтовых отправлений ф.103: d.number, d.category, d.count, d.mass, d.rows (`shpi`, `enclosure`)";
    REPORT = "report.typ.j2", Some(("(vzysk report)", "(vzysk report)")),
        "portfolio report: d.total, d.stages, d.courts, d.ages, d.effect (windows), d.month, d.duty, d.trend; amounts also as <name>_ru, bars as bar_<name> (0–1)",
        "отчёт о портфеле: d.total, d.stages, d.courts, d.ages, d.effect (по окнам), d.month, d.duty, d.trend; суммы также в виде <имя>_ru, столбцы диаграмм — bar_<имя> (0–1)";
    INVENTORY_107 = "inventory-107.typ.j2", Some(("(копии иска ценным письмом)", "(a claim's copies by valuable letter)")),
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

    /// What it receives, in the run's language.
    pub fn describe(&self) -> &'static str {
        crate::lang::say(self.about_ru, self.about)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names_are_unique_and_the_files_are_there() {
        let mut names: Vec<&str> = TEMPLATES.iter().map(|t| t.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), TEMPLATES.len());
        assert!(TEMPLATES.iter().all(|t| !t.source.trim().is_empty()));
        assert!(Template::find(STYLE).is_some_and(|t| t.is_partial() && t.is_typst()));
        assert!(Template::find(SMS).is_some_and(|t| !t.is_typst()));
        assert_eq!(
            Template::find(FORM_103).and_then(|t| t.shared).map(|s| s.1),
            Some("(registered mail)")
        );
    }
}
