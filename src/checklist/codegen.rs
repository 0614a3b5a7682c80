//! Writes the built-in checklists, as loaded from `checklists/*.toml` by the
//! ordinary loader, as Rust source (`compiled.rs`), so the binary builds
//! them at start instead of parsing and checking 150 KB of TOML on every
//! run. A test regenerates the source and fails if the committed file is
//! not the same, so the two can never disagree.

use std::fmt::Write as _;

use super::{Announced, Basis, Checklist, ChecklistKind, Criterion, Severity, Source};
use crate::document::Value;
use crate::rule::{Bound, ItemTest, Rule};

fn text(s: &str) -> String {
    format!("s({s:?})")
}

fn texts(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|i| format!("{i:?}")).collect();
    format!("v(&[{}])", inner.join(", "))
}

fn option<T>(value: &Option<T>, f: impl Fn(&T) -> String) -> String {
    value
        .as_ref()
        .map_or_else(|| "None".to_owned(), |v| format!("Some({})", f(v)))
}

fn date(d: &jiff::civil::Date) -> String {
    format!("date({}, {}, {})", d.year(), d.month(), d.day())
}

/// A value a rule compares with. Rules compare with scalars only; anything
/// else is an error for the developer, reported by the freshness test.
/// A checklist that cannot be written as Rust (no built-in one is).
#[derive(Debug, thiserror::Error)]
#[error("cannot generate Rust for the checklists: {0}")]
pub struct Unrepresentable(&'static str);

fn value(v: &Value) -> Result<String, Unrepresentable> {
    Ok(match v {
        Value::String(s) => format!("Value::String(s({s:?}))"),
        Value::Integer(i) => format!("Value::Integer({i})"),
        Value::Float(f) => format!("Value::Float({f:?})"),
        Value::Bool(b) => format!("Value::Bool({b})"),
        Value::Datetime(d) => format!("Value::Datetime(datetime({:?}))", d.to_string()),
        Value::Array(_) | Value::Table(_) => return Err(Unrepresentable("a rule compares with a list or table")),
    })
}

fn items(t: &ItemTest) -> Result<String, Unrepresentable> {
    let filter = t
        .filter
        .iter()
        .map(|(k, v)| Ok(format!("(s({k:?}), {})", value(v)?)))
        .collect::<Result<Vec<_>, Unrepresentable>>()?;
    Ok(format!(
        "ItemTest {{ filter: vec![{}], has: {} }}",
        filter.join(", "),
        texts(&t.has)
    ))
}

fn bound(b: &Bound) -> String {
    match b {
        Bound::Value(v) => format!("Bound::Value({v:?})"),
        Bound::Path(p) => format!("Bound::Path(s({p:?}))"),
    }
}

fn rules(rules: &[Rule]) -> Result<String, Unrepresentable> {
    let all = rules.iter().map(rule).collect::<Result<Vec<_>, Unrepresentable>>()?;
    Ok(format!("vec![{}]", all.join(", ")))
}

fn rule(r: &Rule) -> Result<String, Unrepresentable> {
    Ok(match r {
        Rule::Present(p) => format!("Rule::Present(s({p:?}))"),
        Rule::NonEmpty(p) => format!("Rule::NonEmpty(s({p:?}))"),
        Rule::MinItems { path, n, items: t } => {
            format!("Rule::MinItems {{ path: s({path:?}), n: {n}, items: {} }}", items(t)?)
        }
        Rule::Every { path, items: t } => format!("Rule::Every {{ path: s({path:?}), items: {} }}", items(t)?),
        Rule::AtLeast { path, bound: b } => format!("Rule::AtLeast {{ path: s({path:?}), bound: {} }}", bound(b)),
        Rule::AtMost { path, bound: b } => format!("Rule::AtMost {{ path: s({path:?}), bound: {} }}", bound(b)),
        Rule::OneOf { path, values } => {
            let all = values.iter().map(value).collect::<Result<Vec<_>, Unrepresentable>>()?;
            format!("Rule::OneOf {{ path: s({path:?}), values: vec![{}] }}", all.join(", "))
        }
        Rule::Equals { path, value: v } => format!("Rule::Equals {{ path: s({path:?}), value: {} }}", value(v)?),
        Rule::DateOrder(paths) => format!("Rule::DateOrder({})", texts(paths)),
        Rule::PeriodWeeks { from, to, weeks } => {
            format!("Rule::PeriodWeeks {{ from: s({from:?}), to: s({to:?}), weeks: {weeks} }}")
        }
        Rule::AllOf(all) => format!("Rule::AllOf({})", rules(all)?),
        Rule::AnyOf(any) => format!("Rule::AnyOf({})", rules(any)?),
        Rule::Not(inner) => format!("Rule::Not(Box::new({}))", rule(inner)?),
        Rule::BeforeAsOf(p) => format!("Rule::BeforeAsOf(s({p:?}))"),
        Rule::DateBetween {
            path,
            on_or_after,
            on_or_before,
        } => format!(
            "Rule::DateBetween {{ path: s({path:?}), on_or_after: {}, on_or_before: {} }}",
            option(on_or_after, date),
            option(on_or_before, date)
        ),
        Rule::OutsidePeriods { periods, from, to } => format!(
            "Rule::OutsidePeriods {{ periods: s({periods:?}), from: s({from:?}), to: {} }}",
            option(to, |t| text(t))
        ),
        Rule::Total { path, key, value_at } => {
            format!("Rule::Total {{ path: s({path:?}), key: s({key:?}), value_at: s({value_at:?}) }}")
        }
        Rule::TotalFalls { path, key, to_key } => {
            format!("Rule::TotalFalls {{ path: s({path:?}), key: s({key:?}), to_key: s({to_key:?}) }}")
        }
        Rule::Count { path, value_at } => format!("Rule::Count {{ path: s({path:?}), value_at: s({value_at:?}) }}"),
        Rule::IfRecorded { path, then } => {
            format!(
                "Rule::IfRecorded {{ path: s({path:?}), then: Box::new({}) }}",
                rule(then)?
            )
        }
        Rule::Each { path, rule: inner } => {
            format!("Rule::Each {{ path: s({path:?}), rule: Box::new({}) }}", rule(inner)?)
        }
        Rule::Judgement => "Rule::Judgement".to_owned(),
    })
}

fn source(s: &Source) -> String {
    format!(
        "Source {{ id: {}, citation: {}, url: {}, in_force_from: {}, in_force_until: {}, in_force_note: {} }}",
        text(&s.id),
        text(&s.citation),
        option(&s.url, |u| text(u)),
        option(&s.in_force_from, date),
        option(&s.in_force_until, date),
        option(&s.in_force_note, |n| text(n))
    )
}

fn announced(a: &Announced) -> String {
    format!(
        "Announced {{ title: {}, citation: {}, url: {}, affects: {} }}",
        text(&a.title),
        text(&a.citation),
        option(&a.url, |u| text(u)),
        texts(&a.affects)
    )
}

fn criterion(c: &Criterion) -> Result<String, Unrepresentable> {
    let basis = match c.basis {
        Basis::LegalDuty => "LegalDuty",
        Basis::ExpectedPractice => "ExpectedPractice",
    };
    let severity = match c.severity {
        Severity::Minor => "Minor",
        Severity::Major => "Major",
        Severity::Blocker => "Blocker",
    };
    let applies_when = match &c.applies_when {
        Some(r) => format!("Some({})", rule(r)?),
        None => "None".to_owned(),
    };
    Ok(format!(
        "        Criterion {{\n            id: {},\n            title: {},\n            question: {},\n            why: {},\n            \
         evidence: {},\n            guidance: {},\n            source: {},\n            earlier: vec!{:?},\n            reference: {},\n            \
         basis: Basis::{basis},\n            gate: Stage::ALL[{}],\n            severity: Severity::{severity},\n            \
         weight: {},\n            applies_when: {applies_when},\n            rule: {},\n            related: {},\n            \
         requires: {},\n            judged_on: {},\n            fresh: {},\n            covers: {},\n            \
         id_at: Position {{ line: {}, column: {} }},\n            id_span: {}..{},\n        }}",
        text(&c.id),
        text(&c.title),
        text(&c.question),
        text(&c.why),
        text(&c.evidence),
        text(&c.guidance),
        c.source,
        c.earlier,
        text(&c.reference),
        c.gate as usize,
        c.weight,
        rule(&c.rule)?,
        texts(&c.related),
        texts(&c.requires),
        texts(&c.judged_on),
        option(&c.fresh, |f| format!(
            "Freshness {{ date: {}, max_months: {} }}",
            text(&f.date),
            f.max_months
        )),
        texts(&c.covers),
        c.id_at.line,
        c.id_at.column,
        c.id_span.start,
        c.id_span.end,
    ))
}

/// The Rust source of `compiled.rs` for these checklists, with the hash of
/// the TOML they came from (`provenance::hash_catalogue`), which every report
/// carries: computed here once rather than over 150 KB in every run.
pub fn rust_source(checklists: &[Checklist], catalogue_sha256: &str) -> Result<String, Unrepresentable> {
    let mut out = String::from(
        "//! The built-in checklists, generated from `checklists/*.toml` by\n\
         //! `checklist::codegen` after the ordinary loader has parsed and checked\n\
         //! them. Do not edit: run `UPDATE_DOCS=1 cargo test --test checklists`.\n\
         //! (If a change to the checklist types stops this file compiling, make\n\
         //! `checklists()` return `Vec::new()` for a moment and regenerate.)\n\n\
         #![allow(clippy::too_many_lines)]\n\n\
         use super::{Announced, Basis, Checklist, ChecklistKind, Criterion, Freshness, Severity, Source};\n\
         use crate::document::Value;\n\
         use crate::rule::{Bound, ItemTest, Rule};\n\
         use crate::source::Position;\n\
         use crate::stage::Stage;\n\n\
         fn s(text: &str) -> String {\n    text.to_owned()\n}\n\n\
         fn v(items: &[&str]) -> Vec<String> {\n    items.iter().map(|i| (*i).to_owned()).collect()\n}\n\n\
         fn date(year: i16, month: i8, day: i8) -> jiff::civil::Date {\n    jiff::civil::date(year, month, day)\n}\n\n\
         #[allow(dead_code)]\n\
         fn datetime(text: &str) -> toml::value::Datetime {\n    text.parse().expect(\"generated from a valid date\")\n}\n\n\
         /// Every built-in checklist, in the order of `builtin::BUILTIN`.\n\
         pub fn checklists() -> Vec<Checklist> {\n    vec![\n",
    );
    for list in checklists {
        let kind = match list.kind {
            ChecklistKind::StatutoryDuty => "StatutoryDuty",
            ChecklistKind::NationalTest => "NationalTest",
            ChecklistKind::AssuranceGuidance => "AssuranceGuidance",
            ChecklistKind::Principle => "Principle",
            ChecklistKind::Lessons => "Lessons",
            ChecklistKind::Local => "Local",
        };
        let sources: Vec<String> = list.sources.iter().map(source).collect();
        let criteria = list
            .criteria
            .iter()
            .map(criterion)
            .collect::<Result<Vec<_>, Unrepresentable>>()?;
        let _ = write!(
            out,
            "    Checklist {{\n        id: {},\n        title: {},\n        kind: ChecklistKind::{kind},\n        summary: {},\n        \
             reviewed: {},\n        announced: vec![{}],\n        \
             sources: vec![{}],\n        criteria: vec![\n{},\n        ],\n        file: {},\n        \
             id_at: Position {{ line: {}, column: {} }},\n        id_span: {}..{},\n    }},\n",
            text(&list.id),
            text(&list.title),
            text(&list.summary),
            option(&list.reviewed, date),
            list.announced.iter().map(announced).collect::<Vec<_>>().join(", "),
            sources.join(", "),
            criteria.join(",\n"),
            text(&list.file),
            list.id_at.line,
            list.id_at.column,
            list.id_span.start,
            list.id_span.end,
        );
    }
    out.push_str("    ]\n}\n");
    let _ = write!(
        out,
        "\n/// SHA-256 over every built-in checklist file's name and text, in order\n\
         /// (`provenance::hash_catalogue`).\n\
         pub const CATALOGUE_SHA256: &str = {catalogue_sha256:?};\n",
    );
    Ok(out)
}
