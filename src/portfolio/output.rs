//! The report's figures as JSON (every amount a string with two decimals, as `calc` gives them),
//! as a CSV of the same figures one per row (`section, key, label, measure, value`), and as the
//! values of the PDF's template (amounts as a Russian document prints them, bars as fractions).

use super::effect::{STEPS, WINDOWS};
use super::labels::stage_at;
use super::{AGES, Portfolio, Sums};
use crate::lang::Lang;
use crate::lang::say;
use crate::model::EventKind;
use crate::money::{fixed2, ru};
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

/// A share in per cent with one decimal (`"95.0"`); none of none.
fn percent(part: usize, of: usize) -> Option<String> {
    (of > 0).then(|| {
        let mut p = (Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(of)).round_dp(1);
        p.rescale(1);
        p.to_string()
    })
}

fn sums(s: &Sums) -> Map<String, Value> {
    json!({
        "accounts": s.accounts,
        "principal": fixed2(s.principal),
        "overdue": fixed2(s.overdue),
        "penalty": fixed2(s.penalty),
        "total": fixed2(s.total),
    })
    .as_object()
    .cloned()
    .unwrap_or_default()
}

fn with(mut head: Map<String, Value>, tail: Map<String, Value>) -> Value {
    head.extend(tail);
    Value::Object(head)
}

fn object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// The report as JSON, its labels in `lang` (the PDF's always Russian: it is a document);
/// `court_name` names a court by its id.
pub fn json(p: &Portfolio, court_name: &dyn Fn(&str) -> String, lang: Lang) -> Value {
    let stages: Vec<Value> = p
        .stages
        .iter()
        .map(|(order, s)| {
            let (stage, label) = stage_at(*order, lang);
            with(object(json!({"stage": stage, "label": label})), sums(s))
        })
        .collect();
    let courts: Vec<Value> = p
        .courts
        .iter()
        .map(|(id, s)| {
            let name = court_name(id);
            with(object(json!({"court": id, "label": name})), sums(s))
        })
        .collect();
    let ages: Vec<Value> = AGES
        .iter()
        .enumerate()
        .map(|(i, (key, ru, en, _))| {
            json!({
                "age": key, "label": lang.pick(ru, en),
                "debt": fixed2(p.ages[i]), "previous": fixed2(p.previous_ages[i]),
                "change": fixed2(p.ages[i] - p.previous_ages[i]),
            })
        })
        .collect();
    let effect: Vec<Value> = STEPS
        .iter()
        .zip(&p.effect.steps)
        .map(|((kind, label), s)| {
            let windows: Vec<Value> = WINDOWS
                .iter()
                .zip(&s.windows)
                .map(|(days, o)| {
                    json!({
                        "days": days, "counted": o.counted, "full": o.full, "part": o.part,
                        "none": o.counted - o.full - o.part,
                        "full_share": percent(o.full, o.counted),
                        "paid_share": percent(o.full + o.part, o.counted),
                    })
                })
                .collect();
            let label = lang.pick(*label, kind.label_en());
            json!({"step": kind.name(), "label": label, "taken": s.taken, "debt": fixed2(s.debt), "windows": windows})
        })
        .collect();
    let f = &p.filings;
    let month_events: Vec<Value> = f
        .month
        .iter()
        .map(|(kind, count)| {
            let event = EventKind::NAMES.get(*kind).copied().unwrap_or("other");
            let label = super::labels::stage_label(event, lang);
            json!({"event": event, "label": label, "count": count})
        })
        .collect();
    let trend: Vec<Value> = p
        .trend
        .iter()
        .map(|(month, flow)| {
            json!({"month": month.to_string(), "charged": fixed2(flow.charged), "paid": fixed2(flow.paid)})
        })
        .collect();
    let due = &p.deadlines;
    let deadlines = json!({
        "urgent": due.urgent(),
        "kinds": super::deadlines::KINDS.iter().enumerate().map(|(i, (what, ru, en))| {
            let (all, urgent) = due.counts.get(&i).copied().unwrap_or_default();
            json!({"what": what, "label": lang.pick(ru, en), "all": all, "urgent": urgent})
        }).collect::<Vec<_>>(),
        "nearest": due.nearest.iter().map(|(date, account, text)| {
            json!({"date": date.to_string(), "account": account, "text": text.get(lang)})
        }).collect::<Vec<_>>(),
    });
    json!({
        "as_of": p.as_of.to_string(),
        "previous": p.previous.to_string(),
        "refused": p.refused,
        "total": Value::Object(sums(&p.total)),
        "previous_total": Value::Object(sums(&p.previous_total)),
        "change": {
            "accounts": p.total.accounts as i64 - p.previous_total.accounts as i64,
            "principal": fixed2(p.total.principal - p.previous_total.principal),
            "overdue": fixed2(p.total.overdue - p.previous_total.overdue),
            "penalty": fixed2(p.total.penalty - p.previous_total.penalty),
            "total": fixed2(p.total.total - p.previous_total.total),
        },
        "stages": stages,
        "courts": courts,
        "ages": ages,
        "effect": effect,
        "month": {
            "from": f.from.succ_opt().unwrap_or(f.from).to_string(), "to": f.to.to_string(),
            "events": month_events,
            "filings": f.month_filings, "duty": fixed2(f.month_duty),
        },
        "duty": {
            "filings": f.filings, "spent": fixed2(f.spent), "awarded": fixed2(f.awarded),
            "recovered": fixed2(f.recovered), "unknown": f.unknown_duty,
        },
        "trend": trend,
        "deadlines": deadlines,
    })
}

/// The CSV's header.
pub const CSV_HEADER: [&str; 5] = ["section", "key", "label", "measure", "value"];

/// The figures of [`json`], one per row: every number of it, under its section and item. The
/// labels of the CSV's own rows are in the run's language; those of the stages, courts and ages
/// are the report's (Russian, as its PDF prints them).
pub fn csv_rows(report: &Value) -> Vec<[String; 5]> {
    let mut rows = Vec::new();
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let mut item = |section: &str, key: &str, label: &str, fields: &Map<String, Value>| {
        for (measure, value) in fields {
            if matches!(
                measure.as_str(),
                "label" | "stage" | "court" | "age" | "step" | "event" | "month" | "what"
            ) || value.is_array()
                || value.is_object()
            {
                continue;
            }
            rows.push([
                section.into(),
                key.into(),
                label.into(),
                measure.clone(),
                text(value),
            ]);
        }
    };
    let obj = |v: &Value| v.as_object().cloned().unwrap_or_default();
    item(
        "portfolio",
        "now",
        say("на дату отчёта", "on the report's date"),
        &obj(&report["total"]),
    );
    item(
        "portfolio",
        "previous",
        say("месяцем ранее", "a month before"),
        &obj(&report["previous_total"]),
    );
    item(
        "portfolio",
        "change",
        say("изменение за месяц", "change in the month"),
        &obj(&report["change"]),
    );
    let list = |name: &str| report[name].as_array().cloned().unwrap_or_default();
    for (section, key) in [
        ("stages", "stage"),
        ("courts", "court"),
        ("ages", "age"),
        ("trend", "month"),
    ] {
        for x in list(section) {
            let fields = obj(&x);
            item(section, &text(&x[key]), &text(&x["label"]), &fields);
        }
    }
    for x in list("effect") {
        let step = text(&x["step"]);
        item("effect", &step, &text(&x["label"]), &obj(&x));
        for w in x["windows"].as_array().into_iter().flatten() {
            let key = format!("{step}/{}", text(&w["days"]));
            item("effect", &key, &text(&x["label"]), &obj(w));
        }
    }
    let month = obj(&report["month"]);
    item("month", "all", say("за месяц", "in the month"), &month);
    for e in report["month"]["events"].as_array().into_iter().flatten() {
        item("month", &text(&e["event"]), &text(&e["label"]), &obj(e));
    }
    item(
        "duty",
        "all",
        say("госпошлина", "state duty"),
        &obj(&report["duty"]),
    );
    for x in report["deadlines"]["kinds"]
        .as_array()
        .into_iter()
        .flatten()
    {
        item("deadlines", &text(&x["what"]), &text(&x["label"]), &obj(x));
    }
    rows
}

/// An amount of the JSON as a Russian document prints it.
fn ru_of(v: &Value) -> String {
    v.as_str()
        .and_then(|s| s.parse::<Decimal>().ok())
        .map(ru)
        .unwrap_or_default()
}

/// The values of the PDF's template: the JSON with each amount also in print (`<name>_ru`) and each
/// bar's length as a fraction of the longest in its chart (`bar`).
pub fn view(report: &Value) -> Value {
    let mut v = report.clone();
    print_amounts(&mut v);
    for (section, measure) in [("stages", "total"), ("courts", "total"), ("ages", "debt")] {
        bars(&mut v[section], &[measure]);
    }
    bars(&mut v["trend"], &["charged", "paid"]);
    v
}

/// Adds `<name>_ru` beside every amount (a string with a decimal point) of `v`.
fn print_amounts(v: &mut Value) {
    match v {
        Value::Object(m) => {
            let amounts: Vec<(String, String)> = m
                .iter()
                .filter(|(k, x)| {
                    x.as_str()
                        .is_some_and(|s| s.parse::<Decimal>().is_ok() && s.contains('.'))
                        && !k.ends_with("_share")
                })
                .map(|(k, x)| (format!("{k}_ru"), ru_of(x)))
                .collect();
            for x in m.values_mut() {
                print_amounts(x);
            }
            m.extend(amounts.into_iter().map(|(k, s)| (k, Value::String(s))));
        }
        Value::Array(a) => a.iter_mut().for_each(print_amounts),
        _ => {}
    }
}

/// `bar_<measure>`: each item's `measure` over the largest of `measures` in the list (0 to 1).
fn bars(list: &mut Value, measures: &[&str]) {
    let Some(items) = list.as_array_mut() else {
        return;
    };
    let amount = |x: &Value, m: &str| {
        x[m].as_str()
            .and_then(|s| s.parse::<Decimal>().ok())
            .unwrap_or_default()
            .max(Decimal::ZERO)
    };
    let largest = items
        .iter()
        .flat_map(|x| measures.iter().map(move |m| amount(x, m)))
        .max()
        .unwrap_or_default();
    for x in items.iter_mut() {
        for m in measures {
            let share = if largest > Decimal::ZERO {
                (amount(x, m) / largest).round_dp(4)
            } else {
                Decimal::ZERO
            };
            x[format!("bar_{m}")] = json!(share.to_string());
        }
    }
}
