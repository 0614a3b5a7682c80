//! Loads one checklist file — built-in or an organisation's own — through
//! the same steps: parse, validate against the checklist format, then check
//! what the format alone cannot: one operator per rule, rule paths and
//! values that exist in the scheme format, and sources that exist.

use super::format::{CHECKLIST_FORMAT, OPERATORS};
use super::{Basis, Checklist, ChecklistKind, Criterion, Freshness, Severity, Source};
use crate::diagnostic::{Diagnostic, one_of};
use crate::document::{self, Node, Table, Value};
use crate::rule::{Bound, ItemTest, Rule};
use crate::schema::{self, Field, Kind, field_at};
use crate::scheme::format::SCHEME_FORMAT;
use crate::source::SourceFile;
use crate::stage::Stage;

/// Parses and checks a checklist file; on any problem returns them all.
pub fn load(file: &SourceFile) -> Result<Checklist, Vec<Diagnostic>> {
    let (root, mut diagnostics) = document::parse(file.text());
    schema::validate_parsed(&root, CHECKLIST_FORMAT, &mut diagnostics);
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let mut compiler = Compiler {
        diagnostics: Vec::new(),
        file,
        source_index: None,
    };
    let checklist = compiler.checklist(&root, file.name());
    if compiler.diagnostics.is_empty() {
        Ok(checklist)
    } else {
        Err(compiler.diagnostics)
    }
}

struct Compiler<'f> {
    diagnostics: Vec<Diagnostic>,
    file: &'f SourceFile,
    /// Source ids to their index, built once for a file with many sources.
    source_index: Option<std::collections::HashMap<String, usize>>,
}

// The validator has already checked every type, so the accessors below only
// fall back to defaults for keys it guarantees are present.
/// An absolute `http` or `https` address with a host and no spaces or
/// control characters.
fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || crate::text::is_hidden(c))
}

fn text(table: &Table, key: &str) -> String {
    table
        .get(key)
        .and_then(|e| e.node.as_str())
        .unwrap_or_default()
        .to_owned()
}

fn table_of<'a>(node: &'a Node, key: &str) -> &'a Table {
    static EMPTY: Table = Table { entries: Vec::new() };
    node.lookup(key).and_then(Node::as_table).unwrap_or(&EMPTY)
}

fn tables<'a>(node: &'a Node, key: &str) -> impl Iterator<Item = (&'a Node, &'a Table)> {
    node.lookup(key)
        .and_then(Node::as_array)
        .unwrap_or_default()
        .iter()
        .filter_map(|n| n.as_table().map(|t| (n, t)))
}

fn texts(table: &Table, key: &str) -> Vec<String> {
    table
        .get(key)
        .and_then(|e| e.node.as_array())
        .unwrap_or_default()
        .iter()
        .filter_map(|n| n.as_str().map(str::to_owned))
        .collect()
}

fn choice<T: Copy>(table: &Table, key: &str, codes: &[&str], values: &[T]) -> T {
    let code = table.get(key).and_then(|e| e.node.as_str()).unwrap_or_default();
    values[codes.iter().position(|c| *c == code).unwrap_or(0)]
}

impl Compiler<'_> {
    fn checklist(&mut self, root: &Node, file: &str) -> Checklist {
        let head = table_of(root, "checklist");
        // A source's link becomes a clickable link in the HTML report and
        // SARIF's `helpUri`: only a web address may be one (`javascript:`
        // would run in the reader's browser).
        for (_, t) in tables(root, "sources") {
            if let Some(entry) = t.get("url")
                && let Some(url) = entry.node.as_str()
                && !is_web_address(url)
            {
                self.error(
                    "bad-url",
                    &entry.node,
                    format!(
                        "`{}` is not a web address; a source's url must start with `https://` or `http://`",
                        crate::text::clip(url, 100)
                    ),
                    "not http or https",
                );
            }
        }
        let sources: Vec<Source> = tables(root, "sources")
            .map(|(_, t)| Source {
                id: text(t, "id"),
                citation: text(t, "citation"),
                url: t.get("url").and_then(|e| e.node.as_str()).map(str::to_owned),
                in_force_from: t.get("in_force_from").and_then(|e| e.node.as_date()),
                in_force_until: t.get("in_force_until").and_then(|e| e.node.as_date()),
            })
            .collect();
        let (id_at, id_span) = self.at(head.get("id").map_or(0..0, |e| e.node.span.clone()));
        let criteria = tables(root, "criteria")
            .map(|(_, t)| self.criterion(t, &sources))
            .collect();
        Checklist {
            id: text(head, "id"),
            title: text(head, "title"),
            kind: choice(
                head,
                "kind",
                ChecklistKind::CODES,
                &[
                    ChecklistKind::StatutoryDuty,
                    ChecklistKind::NationalTest,
                    ChecklistKind::AssuranceGuidance,
                    ChecklistKind::Principle,
                    ChecklistKind::Lessons,
                    ChecklistKind::Local,
                ],
            ),
            summary: text(head, "summary"),
            sources,
            criteria,
            file: file.to_owned(),
            id_at,
            id_span,
        }
    }

    fn at(&self, span: std::ops::Range<usize>) -> (crate::source::Position, std::ops::Range<usize>) {
        (self.file.position(span.start), span)
    }

    fn criterion(&mut self, table: &Table, sources: &[Source]) -> Criterion {
        let source_entry = table.get("source").expect("validated: source is required");
        let source_id = source_entry.node.as_str().unwrap_or_default();
        let found = if sources.len() > 16 {
            self.source_index
                .get_or_insert_with(|| {
                    sources
                        .iter()
                        .enumerate()
                        .rev()
                        .map(|(i, s)| (s.id.clone(), i))
                        .collect()
                })
                .get(source_id)
                .copied()
        } else {
            sources.iter().position(|s| s.id == source_id)
        };
        let source = found.unwrap_or_else(|| {
            let ids = sources.iter().map(|s| s.id.as_str());
            self.diagnostics.push(
                Diagnostic::new(
                    "unknown-source",
                    source_entry.node.span.clone(),
                    format!("criterion cites source `{source_id}`, which is not in `[[sources]]`"),
                    "unknown source",
                )
                .suggest(source_id, ids.clone())
                .note(format!("expected one of {}", one_of(ids))),
            );
            0
        });
        let rule_node = &table.get("rule").expect("validated: rule is required").node;
        let (id_at, id_span) = self.at(table.get("id").map_or(0..0, |e| e.node.span.clone()));
        Criterion {
            id_at,
            id_span,
            id: text(table, "id"),
            title: text(table, "title"),
            question: text(table, "question"),
            why: text(table, "why"),
            evidence: text(table, "evidence"),
            guidance: text(table, "guidance"),
            source,
            reference: text(table, "reference"),
            basis: choice(
                table,
                "basis",
                Basis::CODES,
                &[Basis::LegalDuty, Basis::ExpectedPractice],
            ),
            gate: choice(table, "gate", Stage::CODES, &Stage::ALL),
            severity: choice(
                table,
                "severity",
                Severity::CODES,
                &[Severity::Minor, Severity::Major, Severity::Blocker],
            ),
            weight: table
                .get("weight")
                .and_then(|e| e.node.as_integer())
                .and_then(|w| u32::try_from(w).ok())
                .unwrap_or(1),
            applies_when: table.get("applies_when").map(|e| self.rule(&e.node)),
            rule: self.rule(rule_node),
            related: texts(table, "related"),
            requires: texts(table, "requires"),
            judged_on: self.date_paths(table),
            fresh: table.get("fresh").map(|e| {
                let date = e.node.lookup("date").map_or(e.node.clone(), Clone::clone);
                Freshness {
                    date: self.path(&date, &|k| matches!(k, Kind::Date), "a date"),
                    max_months: e
                        .node
                        .lookup("max_months")
                        .and_then(Node::as_integer)
                        .and_then(|m| u32::try_from(m).ok())
                        .unwrap_or(1),
                }
            }),
            covers: texts(table, "covers"),
        }
    }

    fn date_paths(&mut self, table: &Table) -> Vec<String> {
        let items = table
            .get("judged_on")
            .and_then(|e| e.node.as_array())
            .unwrap_or_default();
        items
            .iter()
            .map(|p| self.path(p, &|k| matches!(k, Kind::Date), "a date"))
            .collect()
    }

    fn error(&mut self, code: &'static str, node: &Node, message: String, label: &str) {
        self.diagnostics
            .push(Diagnostic::new(code, node.span.clone(), message, label));
    }

    /// Compiles a rule table, checking it names exactly one operator and
    /// only the modifiers that operator takes.
    fn rule(&mut self, node: &Node) -> Rule {
        let Some(table) = node.as_table() else {
            return Rule::Judgement;
        };
        let operators: Vec<&str> = table
            .entries
            .iter()
            .map(|e| e.key.as_str())
            .filter(|k| OPERATORS.contains(k))
            .collect();
        let [operator] = operators[..] else {
            let found = if operators.is_empty() {
                "none".to_owned()
            } else {
                one_of(operators.iter().copied())
            };
            self.diagnostics.push(
                Diagnostic::new(
                    "invalid-rule",
                    node.span.clone(),
                    format!("a rule needs exactly one operator; found {found}"),
                    "rule",
                )
                .note(format!("operators: {}", one_of(OPERATORS.iter().copied()))),
            );
            return Rule::Judgement;
        };
        let allowed: &[&str] = match operator {
            "min_items" => &["n", "where", "has"],
            "every" => &["where", "has"],
            "at_least" | "at_most" => &["value", "value_at"],
            "equals" => &["value"],
            "one_of" => &["values"],
            "period_weeks" | "outside_periods" => &["from", "to"],
            "total" => &["key", "value_at"],
            "count" => &["value_at"],
            _ => &[],
        };
        for entry in &table.entries {
            if entry.key != operator && !allowed.contains(&entry.key.as_str()) {
                self.diagnostics.push(
                    Diagnostic::new(
                        "invalid-rule",
                        entry.key_span.clone(),
                        format!("`{}` does not go with the `{operator}` operator", entry.key),
                        "not used by this operator",
                    )
                    .note(if allowed.is_empty() {
                        format!("`{operator}` takes no other keys")
                    } else {
                        format!("`{operator}` takes {}", one_of(allowed.iter().copied()))
                    }),
                );
            }
        }
        let entry = |key: &str| table.get(key).map(|e| &e.node);
        let operand = entry(operator).expect("operator key is present");
        match operator {
            "present" => Rule::Present(self.path(operand, &|_| true, "any value")),
            "non_empty" => Rule::NonEmpty(self.path(
                operand,
                &|k| matches!(k, Kind::Text | Kind::List(_) | Kind::Tables(_) | Kind::Table(_)),
                "text, a list or a table",
            )),
            "min_items" | "every" => self.items_rule(operator, table, node, operand),
            "at_least" | "at_most" => {
                let number = |k: &Kind| matches!(k, Kind::Integer { .. } | Kind::Number { .. });
                let path = self.path(operand, &number, "a number");
                let bound = match (entry("value"), entry("value_at")) {
                    (Some(v), None) => match v.as_number() {
                        Some(n) => Bound::Value(n),
                        None => {
                            self.error(
                                "invalid-rule",
                                v,
                                format!("`{operator}` compares numbers; `value` must be a number"),
                                "not a number",
                            );
                            Bound::Value(0.0)
                        }
                    },
                    (None, Some(p)) => Bound::Path(self.path(p, &number, "a number")),
                    _ => {
                        self.error(
                            "invalid-rule",
                            node,
                            format!("`{operator}` needs either `value` or `value_at`"),
                            "give one",
                        );
                        Bound::Value(0.0)
                    }
                };
                if operator == "at_least" {
                    Rule::AtLeast { path, bound }
                } else {
                    Rule::AtMost { path, bound }
                }
            }
            "equals" => {
                let path = self.path(operand, &|_| true, "any value");
                let value = match entry("value") {
                    Some(v) => self.comparable(&path, v),
                    None => {
                        self.error(
                            "invalid-rule",
                            node,
                            "`equals` needs a `value`".into(),
                            "missing `value`",
                        );
                        Value::Bool(false)
                    }
                };
                Rule::Equals { path, value }
            }
            "one_of" => {
                let path = self.path(operand, &|_| true, "any value");
                let values = match entry("values").and_then(Node::as_array) {
                    Some(items) if !items.is_empty() => items.iter().map(|v| self.comparable(&path, v)).collect(),
                    _ => {
                        self.error(
                            "invalid-rule",
                            node,
                            "`one_of` needs a non-empty `values` list".into(),
                            "missing `values`",
                        );
                        Vec::new()
                    }
                };
                Rule::OneOf { path, values }
            }
            "date_order" => {
                let items = operand.as_array().unwrap_or_default();
                if items.len() < 2 {
                    self.error(
                        "invalid-rule",
                        operand,
                        "`date_order` needs at least two paths".into(),
                        "too few paths",
                    );
                }
                Rule::DateOrder(
                    items
                        .iter()
                        .map(|p| self.path(p, &|k| matches!(k, Kind::Date), "a date"))
                        .collect(),
                )
            }
            "period_weeks" => {
                let weeks = operand.as_integer().unwrap_or(1);
                let mut date_path = |key: &str| match entry(key) {
                    Some(p) => self.path(p, &|k| matches!(k, Kind::Date), "a date"),
                    None => {
                        self.error(
                            "invalid-rule",
                            node,
                            format!("`period_weeks` needs `{key}`"),
                            "incomplete rule",
                        );
                        String::new()
                    }
                };
                let from = date_path("from");
                let to = date_path("to");
                Rule::PeriodWeeks { from, to, weeks }
            }
            "all_of" | "any_of" => {
                let items = operand.as_array().unwrap_or_default();
                if items.is_empty() {
                    self.error(
                        "invalid-rule",
                        operand,
                        format!("`{operator}` needs at least one rule"),
                        "empty",
                    );
                }
                let rules = items.iter().map(|r| self.rule(r)).collect();
                if operator == "all_of" {
                    Rule::AllOf(rules)
                } else {
                    Rule::AnyOf(rules)
                }
            }
            "not" => Rule::Not(Box::new(self.rule(operand))),
            "before_as_of" => Rule::BeforeAsOf(self.path(operand, &|k| matches!(k, Kind::Date), "a date")),
            "outside_periods" => {
                let periods = self.path(
                    operand,
                    &|k| matches!(k, Kind::Tables(f) if has_date_range(f)),
                    "a list of tables with `from` and `to` dates",
                );
                let date = |key: &str| entry(key);
                let from = match date("from") {
                    Some(p) => self.path(p, &|k| matches!(k, Kind::Date), "a date"),
                    None => {
                        self.error(
                            "invalid-rule",
                            node,
                            "`outside_periods` needs `from`".into(),
                            "incomplete rule",
                        );
                        String::new()
                    }
                };
                let to = date("to").map(|p| self.path(p, &|k| matches!(k, Kind::Date), "a date"));
                Rule::OutsidePeriods { periods, from, to }
            }
            "total" => {
                let path = self.path(operand, &|k| matches!(k, Kind::Tables(_)), "a list of tables");
                let item_fields = table_fields_of_list(&path);
                let key = match entry("key").and_then(Node::as_str) {
                    Some(k)
                        if item_fields.iter().any(|f| {
                            f.name == k && matches!(f.kind.resolve(), Kind::Integer { .. } | Kind::Number { .. })
                        }) =>
                    {
                        k.to_owned()
                    }
                    Some(k) => {
                        let span = entry("key").map_or(node.span.clone(), |n| n.span.clone());
                        self.unknown_item_key("key", k, span, &path, item_fields);
                        k.to_owned()
                    }
                    None => {
                        self.error("invalid-rule", node, "`total` needs `key`".into(), "incomplete rule");
                        String::new()
                    }
                };
                let value_at = match entry("value_at") {
                    Some(p) => self.path(
                        p,
                        &|k| matches!(k, Kind::Integer { .. } | Kind::Number { .. }),
                        "a number",
                    ),
                    None => {
                        self.error(
                            "invalid-rule",
                            node,
                            "`total` needs `value_at`".into(),
                            "incomplete rule",
                        );
                        String::new()
                    }
                };
                Rule::Total { path, key, value_at }
            }
            "count" => {
                let path = self.path(operand, &|k| matches!(k, Kind::List(_) | Kind::Tables(_)), "a list");
                let value_at = match entry("value_at") {
                    Some(p) => self.path(
                        p,
                        &|k| matches!(k, Kind::Integer { .. } | Kind::Number { .. }),
                        "a number",
                    ),
                    None => {
                        self.error(
                            "invalid-rule",
                            node,
                            "`count` needs `value_at`".into(),
                            "incomplete rule",
                        );
                        String::new()
                    }
                };
                Rule::Count { path, value_at }
            }
            "judgement" => {
                if operand.as_bool() != Some(true) {
                    self.error(
                        "invalid-rule",
                        operand,
                        "`judgement` can only be `true`".into(),
                        "must be true",
                    );
                }
                Rule::Judgement
            }
            _ => unreachable!("operators are listed in OPERATORS"),
        }
    }

    fn items_rule(&mut self, operator: &str, table: &Table, node: &Node, operand: &Node) -> Rule {
        let path = if operator == "every" {
            self.path(operand, &|k| matches!(k, Kind::Tables(_)), "a list of tables")
        } else {
            self.path(operand, &|k| matches!(k, Kind::List(_) | Kind::Tables(_)), "a list")
        };
        let item_fields = table_fields_of_list(&path);
        let mut filter = Vec::new();
        if let Some(where_entry) = table.get("where") {
            let entries = where_entry.node.as_table().map_or(&[][..], |t| &t.entries[..]);
            for entry in entries {
                let key_path = format!("{path}.{}", entry.key);
                if item_fields.iter().any(|f| f.name == entry.key) {
                    let value = self.comparable_in(item_fields, &entry.key, &key_path, &entry.node);
                    filter.push((entry.key.clone(), value));
                } else {
                    self.unknown_item_key("where", &entry.key, entry.key_span.clone(), &path, item_fields);
                }
            }
        }
        let mut has = Vec::new();
        if let Some(has_entry) = table.get("has") {
            for key in has_entry.node.as_array().unwrap_or_default() {
                let name = key.as_str().unwrap_or_default();
                if item_fields.iter().any(|f| f.name == name) {
                    has.push(name.to_owned());
                } else {
                    self.unknown_item_key("has", name, key.span.clone(), &path, item_fields);
                }
            }
        }
        let items = ItemTest { filter, has };
        if operator == "every" {
            return Rule::Every { path, items };
        }
        let n = match table.get("n").and_then(|e| e.node.as_integer()) {
            Some(n) => usize::try_from(n).unwrap_or(1),
            None => {
                self.error("invalid-rule", node, "`min_items` needs `n`".into(), "missing `n`");
                1
            }
        };
        Rule::MinItems { path, n, items }
    }

    /// A `where` or `has` key that the items of the list do not have.
    fn unknown_item_key(
        &mut self,
        modifier: &str,
        key: &str,
        span: std::ops::Range<usize>,
        path: &str,
        item_fields: &[Field],
    ) {
        let names = item_fields.iter().map(|f| f.name);
        let diagnostic = Diagnostic::new(
            "unknown-path",
            span,
            format!("`{modifier}` names `{key}`, which items of `{path}` do not have"),
            "unknown key",
        );
        self.diagnostics.push(if item_fields.is_empty() {
            diagnostic.note(format!(
                "`{path}` is a list of values, not of tables; `{modifier}` needs tables"
            ))
        } else {
            diagnostic
                .suggest(key, names.clone())
                .note(format!("items have {}", one_of(names)))
        });
    }

    /// Checks that a path exists in the scheme format and has a fitting
    /// kind; a rule on a field the format lacks would silently never be met.
    fn path(&mut self, node: &Node, fits: &dyn Fn(&Kind) -> bool, wanted: &str) -> String {
        let Some(path) = node.as_str() else {
            self.error(
                "invalid-rule",
                node,
                "a rule path must be a string".into(),
                "not a path",
            );
            return String::new();
        };
        match field_at(SCHEME_FORMAT, path) {
            Some(field) if fits(field.kind.resolve()) => {}
            Some(field) => self.error(
                "invalid-rule",
                node,
                format!(
                    "`{path}` is {}, but this operator needs {wanted}",
                    field.kind.describe()
                ),
                "wrong kind of field",
            ),
            None => {
                let (parent, last) = path.rsplit_once('.').unwrap_or(("", path));
                let siblings = table_fields(parent).unwrap_or_default();
                let suggestion = crate::diagnostic::did_you_mean(last, siblings.iter().map(|f| f.name));
                let mut d = Diagnostic::new(
                    "unknown-path",
                    node.span.clone(),
                    format!("`{path}` is not a field of the scheme format"),
                    "unknown field",
                );
                if let Some(best) = suggestion {
                    let full = if parent.is_empty() {
                        best.to_owned()
                    } else {
                        format!("{parent}.{best}")
                    };
                    d = d.note(format!("help: did you mean `{full}`?"));
                }
                self.diagnostics
                    .push(d.note("see SCHEME.md for every field of the scheme format"));
            }
        }
        path.to_owned()
    }

    /// A value to compare with the field at `path`: it must have the field's
    /// type, and for a fixed set of values, be one of them.
    fn comparable(&mut self, path: &str, value: &Node) -> Value {
        let (parent, last) = path.rsplit_once('.').unwrap_or(("", path));
        match table_fields(parent) {
            Some(fields) => self.comparable_in(fields, last, path, value),
            None => value.value.clone(),
        }
    }

    fn comparable_in(&mut self, fields: &[Field], key: &str, path: &str, value: &Node) -> Value {
        let Some(field) = fields.iter().find(|f| f.name == key) else {
            return value.value.clone();
        };
        let mut kind = field.kind.resolve();
        if let Kind::List(item) = kind {
            kind = item.resolve();
        }
        for mut problem in schema::validate_value(value, kind, path) {
            problem.message = format!("{} (comparing with `{path}`)", problem.message);
            self.diagnostics.push(problem);
        }
        value.value.clone()
    }
}

/// The fields of the scheme-format table at `path` ("" for the top level).
fn table_fields(path: &str) -> Option<&'static [Field]> {
    if path.is_empty() {
        return Some(SCHEME_FORMAT);
    }
    match field_at(SCHEME_FORMAT, path)?.kind.resolve() {
        Kind::Table(fields) => Some(fields),
        _ => None,
    }
}

/// The item fields of the scheme-format list of tables at `path`, or none.
fn table_fields_of_list(path: &str) -> &'static [Field] {
    match field_at(SCHEME_FORMAT, path).map(|f| f.kind.resolve()) {
        Some(Kind::Tables(fields)) => fields,
        _ => &[],
    }
}

/// Whether items have `from` and `to` dates, as `outside_periods` needs.
fn has_date_range(fields: &[Field]) -> bool {
    ["from", "to"]
        .iter()
        .all(|k| fields.iter().any(|f| f.name == *k && matches!(f.kind, Kind::Date)))
}
