//! The organisations of `vzysk.toml`: the claimant, the agent acting for it, the signatory, their
//! bank details and powers of attorney.

use crate::lang::Text;
use crate::law::authority::{Poa, Power};
use crate::russian::organisations::{OrgCase, decline};
use chrono::NaiveDate;
use serde::Deserialize;

/// The claimant (РСО) or the agent acting for it (the settlement centre).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Organisation {
    pub name: Option<String>,
    pub short_name: Option<String>,
    pub inn: Option<String>,
    pub ogrn: Option<String>,
    pub kpp: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The basis of the debt (публичный договор, contract number and date).
    pub contract: Option<String>,
    pub bank: Option<BankDetails>,
    pub power_of_attorney: Option<PowerOfAttorney>,
    /// The full name in the genitive («в пользу …», «в лице …»), the dative and the instrumental,
    /// where `russian::organisations` cannot decline it.
    pub name_genitive: Option<String>,
    pub name_dative: Option<String>,
    pub name_instrumental: Option<String>,
}

impl Organisation {
    /// The full name in `case`: as `vzysk.toml` gives it, else declined by its legal form.
    pub fn name_in(&self, case: OrgCase) -> Option<String> {
        let given = match case {
            OrgCase::Genitive => &self.name_genitive,
            OrgCase::Dative => &self.name_dative,
            OrgCase::Instrumental => &self.name_instrumental,
        };
        given
            .clone()
            .or_else(|| decline(self.name.as_deref()?, case))
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct BankDetails {
    pub name: Option<String>,
    pub bic: Option<String>,
    pub corr_account: Option<String>,
    pub account: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct PowerOfAttorney {
    pub number: Option<String>,
    pub date: Option<toml::value::Datetime>,
    pub valid_until: Option<toml::value::Datetime>,
    /// The signatory's: who issued it, `"claimant"` or `"agent"` (by substitution, ГК ст.187).
    pub issued_by: Option<String>,
    /// Whether it allows substitution (передоверие).
    #[serde(default)]
    pub substitution: bool,
    /// The powers it states specially: `"sign"`, `"file"`, `"enforce"` (`law::authority`).
    pub powers: Option<Vec<String>>,
}

impl PowerOfAttorney {
    /// The law's view of it, held by `holder`; `None` without a number and a date.
    pub fn poa(&self, holder: &str) -> Option<Poa> {
        Some(Poa {
            holder: holder.to_string(),
            number: self.number.clone()?,
            date: self
                .date
                .as_ref()
                .and_then(super::values::datetime_to_date)?,
            valid_until: self
                .valid_until
                .as_ref()
                .and_then(super::values::datetime_to_date),
            powers: self
                .powers
                .as_ref()
                .map(|list| list.iter().filter_map(|p| Power::parse(p)).collect()),
            substitution: self.substitution,
        })
    }

    /// Whether it was issued by the agent, by substitution.
    pub fn by_substitution(&self) -> bool {
        self.issued_by.as_deref() == Some("agent")
    }
}

/// The chain of powers of attorney from the claimant to the signatory: the agent's (if the signatory
/// holds one by substitution from it) and the signatory's; an error where a link is missing.
pub fn chain(agent: Option<&Organisation>, signatory: &Signatory) -> Result<Vec<Poa>, Text> {
    let name = signatory.name.clone().unwrap_or_default();
    let Some(own) = &signatory.power_of_attorney else {
        return Err(crate::tr!(
            "config.poa.missing",
            "[signatory] power_of_attorney не задана: укажите её номер и дату",
            "[signatory] power_of_attorney is missing: give its number and date"
        ));
    };
    let Some(own_poa) = own.poa(&name) else {
        return Err(crate::tr!(
            "config.poa.incomplete",
            "в [signatory] power_of_attorney нужны номер и дата",
            "[signatory] power_of_attorney needs a number and a date"
        ));
    };
    if !own.by_substitution() {
        return Ok(vec![own_poa]);
    }
    let agent_poa = agent
        .and_then(|a| {
            let holder = a.short_name.clone().or(a.name.clone())?;
            a.power_of_attorney.as_ref()?.poa(&holder)
        })
        .ok_or_else(|| {
            crate::tr!(
                "config.poa.agent_missing",
                "[signatory] power_of_attorney выдана агентом в порядке передоверия, но не задана [agent] power_of_attorney (номер и дата)",
                "[signatory] power_of_attorney is issued by the agent, but [agent] power_of_attorney (number, date) is missing"
            )
        })?;
    Ok(vec![agent_poa, own_poa])
}

/// `[post]`: registered letters and their Form 103 lists.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Post {
    /// A file of the workspace holding the ШПИ (tracking numbers) the post office issued to the
    /// sender, one per line, used in order; without it the ШПИ column is left for the post office.
    pub shpi_file: Option<String>,
    /// The declared value of a letter with an inventory (ценное письмо с описью вложения), rubles.
    pub declared_value: Option<String>,
    /// Fees per item, rubles: a registered letter, a valuable one with an inventory; a delivery
    /// notice's fee is added to either where it goes with one.
    pub fee_registered: Option<String>,
    pub fee_valuable: Option<String>,
    /// The fee of a delivery notice (уведомление о вручении), added to a letter's.
    pub fee_notice: Option<String>,
}

/// `[letters]`: outgoing numbers.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Letters {
    /// The series before the number («ЕРЦ»): `ЕРЦ-20261127-0001`.
    pub series: Option<String>,
}

/// `[duty]`: the state duty's payment orders.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct DutySettings {
    /// The number of the batch's first payment order (then one up for each).
    pub first_number: Option<u32>,
}

/// A date of `vzysk.toml` as a calendar date.
pub fn date_of(d: &Option<toml::value::Datetime>) -> Option<NaiveDate> {
    d.as_ref().and_then(super::values::datetime_to_date)
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Signatory {
    pub name: Option<String>,
    pub position: Option<String>,
    /// The identity document as an application to a bank or the bailiffs states it («паспорт
    /// 46 20 123456, выдан … , код подразделения …»): whoever signs for the claimant is identified
    /// there (`law::authority::signer_identified`).
    pub passport: Option<String>,
    /// The signatory's address, for the same applications.
    pub address: Option<String>,
    /// The signatory's law degree as a claim to a district court lists its copy («диплом о высшем
    /// юридическом образовании № … от …, выдан …»): a representative there needs one (ГПК ст.49 ч.2;
    /// `law::authority::degree_for`).
    pub diploma: Option<String>,
    pub power_of_attorney: Option<PowerOfAttorney>,
}
