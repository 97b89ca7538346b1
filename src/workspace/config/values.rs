//! The leaf of `vzysk.toml`'s reading: its name, the line of an offset, and its dates.

use crate::model::parse_date;
use chrono::NaiveDate;

pub const FILE: &str = "vzysk.toml";

pub fn line_of(text: &str, offset: usize) -> u64 {
    text.get(..offset)
        .map_or(1, |t| t.matches('\n').count() as u64 + 1)
}

pub fn toml_date(v: &toml::Value) -> Option<NaiveDate> {
    match v {
        toml::Value::String(s) => parse_date(s),
        toml::Value::Datetime(d) if d.time.is_none() => {
            let d = d.date?;
            NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
        }
        _ => None,
    }
}

/// `date` of a power of attorney as a calendar date.
pub fn datetime_to_date(d: &toml::value::Datetime) -> Option<NaiveDate> {
    toml_date(&toml::Value::Datetime(*d))
}
