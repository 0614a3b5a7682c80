//! Compiling a rule table from a checklist file into a [`Rule`]: exactly one
//! operator, only the keys it takes, paths that exist in the scheme format
//! with a fitting kind, and compared values of the field's type. Each
//! operator's own step is named in its [`Operator`](super::operator::Operator)
//! entry; what they share is here.

use super::operator::{OPERATORS, Operator};
use super::{Bound, ItemTest, Rule};
use crate::diagnostic::{Diagnostic, one_of};
use crate::document::{Node, Table, Value};
use crate::schema::{self, Field, Kind, field_at};
use crate::scheme::format::SCHEME_FORMAT;

/// Compiles rules, collecting every problem rather than stopping at one.
pub(crate) struct Compiler<'d> {
    pub diagnostics: &'d mut Vec<Diagnostic>,
    /// The fields paths are read against: the scheme format, or inside
    /// `each`, the fields of one entry of its list.
    pub scope: &'static [Field],
    /// Inside `each`, the list whose entries paths are read within.
    pub within: Option<String>,
}

impl<'d> Compiler<'d> {
    /// A compiler of rules on the whole scheme.
    pub fn new(diagnostics: &'d mut Vec<Diagnostic>) -> Self {
        Compiler {
            diagnostics,
            scope: SCHEME_FORMAT,
            within: None,
        }
    }
}

/// A rule table being compiled: the table, its node (for problems about the
/// whole rule), its operator and the operator's operand.
pub(crate) struct Operands<'t> {
    pub table: &'t Table,
    pub node: &'t Node,
    pub operator: &'static str,
    pub operand: &'t Node,
}

impl Operands<'_> {
    fn get(&self, key: &str) -> Option<&Node> {
        self.table.get(key).map(|e| &e.node)
    }
}

fn number(kind: &Kind) -> bool {
    matches!(kind, Kind::Integer { .. } | Kind::Number { .. })
}

fn date(kind: &Kind) -> bool {
    matches!(kind, Kind::Date | Kind::EventDate)
}

impl Compiler<'_> {
    /// Compiles a rule table, checking it names exactly one operator and
    /// only the modifiers that operator takes.
    pub fn rule(&mut self, node: &Node) -> Rule {
        let Some(table) = node.as_table() else {
            return Rule::Judgement;
        };
        let operators: Vec<&'static Operator> = table
            .entries
            .iter()
            .filter_map(|e| OPERATORS.iter().find(|op| op.field.name == e.key))
            .collect();
        let [operator] = operators[..] else {
            let found = if operators.is_empty() {
                "none".to_owned()
            } else {
                one_of(operators.iter().map(|op| op.field.name))
            };
            self.diagnostics.push(
                Diagnostic::new(
                    "invalid-rule",
                    node.span.clone(),
                    format!("a rule needs exactly one operator; found {found}"),
                    "rule",
                )
                .note(format!(
                    "operators: {}",
                    one_of(OPERATORS.iter().map(|op| op.field.name))
                )),
            );
            return Rule::Judgement;
        };
        let name = operator.field.name;
        for entry in &table.entries {
            if entry.key != name && !operator.takes.contains(&entry.key.as_str()) {
                self.diagnostics.push(
                    Diagnostic::new(
                        "invalid-rule",
                        entry.key_span.clone(),
                        format!("`{}` does not go with the `{name}` operator", entry.key),
                        "not used by this operator",
                    )
                    .note(if operator.takes.is_empty() {
                        format!("`{name}` takes no other keys")
                    } else {
                        format!("`{name}` takes {}", one_of(operator.takes.iter().copied()))
                    }),
                );
            }
        }
        let operands = Operands {
            table,
            node,
            operator: name,
            operand: table.get(name).map(|e| &e.node).expect("the operator key is present"),
        };
        (operator.compile)(self, &operands)
    }

    fn error(&mut self, node: &Node, message: String, label: &str) {
        self.diagnostics
            .push(Diagnostic::new("invalid-rule", node.span.clone(), message, label));
    }

    /// Checks that a path exists in the scheme format and has a fitting
    /// kind; a rule on a field the format lacks would silently never be met.
    pub fn path(&mut self, node: &Node, fits: &dyn Fn(&Kind) -> bool, wanted: &str) -> String {
        let Some(path) = node.as_str() else {
            self.error(node, "a rule path must be a string".into(), "not a path");
            return String::new();
        };
        match field_at(self.scope, path) {
            Some(field) if fits(field.kind.resolve()) => {}
            Some(field) => self.error(
                node,
                format!(
                    "`{path}` is {}, but this operator needs {wanted}",
                    field.kind.describe()
                ),
                "wrong kind of field",
            ),
            None => {
                let (parent, last) = path.rsplit_once('.').unwrap_or(("", path));
                let siblings = table_fields(self.scope, parent).unwrap_or_default();
                let suggestion = crate::diagnostic::did_you_mean(last, siblings.iter().map(|f| f.name));
                let mut d = Diagnostic::new(
                    "unknown-path",
                    node.span.clone(),
                    match &self.within {
                        Some(list) => format!("`{path}` is not a field of an entry of `{list}`"),
                        None => format!("`{path}` is not a field of the scheme format"),
                    },
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

    /// The path of a date field.
    pub fn date_path(&mut self, node: &Node) -> String {
        self.path(node, &date, "a date")
    }

    /// The path named by a modifier the operator cannot do without.
    fn required_path(&mut self, o: &Operands<'_>, key: &str, fits: &dyn Fn(&Kind) -> bool, wanted: &str) -> String {
        match o.get(key) {
            Some(p) => self.path(p, fits, wanted),
            None => {
                self.error(o.node, format!("`{}` needs `{key}`", o.operator), "incomplete rule");
                String::new()
            }
        }
    }

    /// A value to compare with the field at `path`: it must have the field's
    /// type, and for a fixed set of values, be one of them.
    fn comparable(&mut self, path: &str, value: &Node) -> Value {
        let (parent, last) = path.rsplit_once('.').unwrap_or(("", path));
        match table_fields(self.scope, parent) {
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

    /// The `where` and `has` tests of `min_items` and `every`.
    fn item_test(&mut self, o: &Operands<'_>, path: &str) -> ItemTest {
        let item_fields = table_fields_of_list(self.scope, path);
        let mut filter = Vec::new();
        if let Some(where_node) = o.get("where") {
            let entries = where_node.as_table().map_or(&[][..], |t| &t.entries[..]);
            for entry in entries {
                let key_path = format!("{path}.{}", entry.key);
                if item_fields.iter().any(|f| f.name == entry.key) {
                    let value = self.comparable_in(item_fields, &entry.key, &key_path, &entry.node);
                    filter.push((entry.key.clone(), value));
                } else {
                    self.unknown_item_key("where", &entry.key, entry.key_span.clone(), path, item_fields);
                }
            }
        }
        let mut has = Vec::new();
        if let Some(has_node) = o.get("has") {
            for key in has_node.as_array().unwrap_or_default() {
                let name = key.as_str().unwrap_or_default();
                if item_fields.iter().any(|f| f.name == name) {
                    has.push(name.to_owned());
                } else {
                    self.unknown_item_key("has", name, key.span.clone(), path, item_fields);
                }
            }
        }
        ItemTest { filter, has }
    }

    /// `value` or `value_at`, for `at_least` and `at_most`.
    fn bound(&mut self, o: &Operands<'_>) -> Bound {
        match (o.get("value"), o.get("value_at")) {
            (Some(v), None) => match v.as_number() {
                Some(n) => Bound::Value(n),
                None => {
                    self.error(
                        v,
                        format!("`{}` compares numbers; `value` must be a number", o.operator),
                        "not a number",
                    );
                    Bound::Value(0.0)
                }
            },
            (None, Some(p)) => Bound::Path(self.path(p, &number, "a number")),
            _ => {
                self.error(
                    o.node,
                    format!("`{}` needs either `value` or `value_at`", o.operator),
                    "give one",
                );
                Bound::Value(0.0)
            }
        }
    }

    fn rules(&mut self, o: &Operands<'_>) -> Vec<Rule> {
        let items = o.operand.as_array().unwrap_or_default();
        if items.is_empty() {
            self.error(o.operand, format!("`{}` needs at least one rule", o.operator), "empty");
        }
        items.iter().map(|r| self.rule(r)).collect()
    }
}

// Each operator's own step, named by its entry in the operator table.

pub(super) fn present(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    Rule::Present(cx.path(o.operand, &|_| true, "any value"))
}

pub(super) fn non_empty(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    Rule::NonEmpty(cx.path(
        o.operand,
        &|k| matches!(k, Kind::Text | Kind::List(_) | Kind::Tables(_) | Kind::Table(_)),
        "text, a list or a table",
    ))
}

pub(super) fn min_items(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    let path = cx.path(o.operand, &|k| matches!(k, Kind::List(_) | Kind::Tables(_)), "a list");
    let items = cx.item_test(o, &path);
    let n = match o.get("n").and_then(Node::as_integer) {
        Some(n) => usize::try_from(n).unwrap_or(1),
        None => {
            cx.error(o.node, "`min_items` needs `n`".into(), "missing `n`");
            1
        }
    };
    Rule::MinItems { path, n, items }
}

pub(super) fn every(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    let path = cx.path(o.operand, &|k| matches!(k, Kind::Tables(_)), "a list of tables");
    let items = cx.item_test(o, &path);
    Rule::Every { path, items }
}

pub(super) fn at_least(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    let path = cx.path(o.operand, &number, "a number");
    Rule::AtLeast {
        path,
        bound: cx.bound(o),
    }
}

pub(super) fn at_most(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    let path = cx.path(o.operand, &number, "a number");
    Rule::AtMost {
        path,
        bound: cx.bound(o),
    }
}

pub(super) fn one_of_values(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    let path = cx.path(o.operand, &|_| true, "any value");
    let values = match o.get("values").and_then(Node::as_array) {
        Some(items) if !items.is_empty() => items.iter().map(|v| cx.comparable(&path, v)).collect(),
        _ => {
            cx.error(
                o.node,
                "`one_of` needs a non-empty `values` list".into(),
                "missing `values`",
            );
            Vec::new()
        }
    };
    Rule::OneOf { path, values }
}

pub(super) fn equals(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    let path = cx.path(o.operand, &|_| true, "any value");
    let value = match o.get("value") {
        Some(v) => cx.comparable(&path, v),
        None => {
            cx.error(o.node, "`equals` needs a `value`".into(), "missing `value`");
            Value::Bool(false)
        }
    };
    Rule::Equals { path, value }
}

pub(super) fn date_order(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    let items = o.operand.as_array().unwrap_or_default();
    if items.len() < 2 {
        cx.error(
            o.operand,
            "`date_order` needs at least two paths".into(),
            "too few paths",
        );
    }
    Rule::DateOrder(items.iter().map(|p| cx.date_path(p)).collect())
}

pub(super) fn period_weeks(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    let weeks = o.operand.as_integer().unwrap_or(1);
    let from = cx.required_path(o, "from", &date, "a date");
    let to = cx.required_path(o, "to", &date, "a date");
    Rule::PeriodWeeks { from, to, weeks }
}

pub(super) fn all_of(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    Rule::AllOf(cx.rules(o))
}

pub(super) fn any_of(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    Rule::AnyOf(cx.rules(o))
}

pub(super) fn not(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    let inner = cx.rule(o.operand);
    if matches!(inner, Rule::IfRecorded { .. }) {
        // "Not: where x is recorded, y" would fail on a value not recorded.
        cx.error(
            o.operand,
            "`not` cannot negate `if_recorded`; put the `not` inside its `then`".into(),
            "negated condition",
        );
    }
    Rule::Not(Box::new(inner))
}

pub(super) fn before_as_of(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    Rule::BeforeAsOf(cx.date_path(o.operand))
}

pub(super) fn date_between(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    let path = cx.date_path(o.operand);
    // The validator has checked each bound is a date; one of them is needed.
    let on_or_after = o.get("on_or_after").and_then(Node::as_date);
    let on_or_before = o.get("on_or_before").and_then(Node::as_date);
    match (on_or_after, on_or_before) {
        (None, None) => cx.error(
            o.node,
            "`date_between` needs `on_or_after`, `on_or_before` or both".into(),
            "incomplete rule",
        ),
        (Some(first), Some(last)) if first > last => cx.error(
            o.node,
            format!("`on_or_after` ({first}) is later than `on_or_before` ({last}): no date could meet this rule"),
            "empty range",
        ),
        _ => {}
    }
    Rule::DateBetween {
        path,
        on_or_after,
        on_or_before,
    }
}

pub(super) fn outside_periods(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    let periods = cx.path(
        o.operand,
        &|k| matches!(k, Kind::Tables(f) if has_date_range(f)),
        "a list of tables with `from` and `to` dates",
    );
    let from = cx.required_path(o, "from", &date, "a date");
    let to = o.get("to").map(|p| cx.date_path(p));
    Rule::OutsidePeriods { periods, from, to }
}

pub(super) fn total(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    let path = cx.path(o.operand, &|k| matches!(k, Kind::Tables(_)), "a list of tables");
    let item_fields = table_fields_of_list(cx.scope, &path);
    let key = match o.get("key").map(|n| (n, n.as_str())) {
        Some((_, Some(k))) if item_fields.iter().any(|f| f.name == k && number(f.kind.resolve())) => k.to_owned(),
        Some((n, Some(k))) => {
            cx.unknown_item_key("key", k, n.span.clone(), &path, item_fields);
            k.to_owned()
        }
        _ => {
            cx.error(o.node, "`total` needs `key`".into(), "incomplete rule");
            String::new()
        }
    };
    let value_at = cx.required_path(o, "value_at", &number, "a number");
    Rule::Total { path, key, value_at }
}

pub(super) fn total_falls(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    let path = cx.path(o.operand, &|k| matches!(k, Kind::Tables(_)), "a list of tables");
    let item_fields = table_fields_of_list(cx.scope, &path);
    let mut item_key = |name: &str| match o.get(name).map(|n| (n, n.as_str())) {
        Some((_, Some(k))) if item_fields.iter().any(|f| f.name == k && number(f.kind.resolve())) => k.to_owned(),
        Some((n, Some(k))) => {
            cx.unknown_item_key(name, k, n.span.clone(), &path, item_fields);
            k.to_owned()
        }
        _ => {
            cx.error(o.node, format!("`total_falls` needs `{name}`"), "incomplete rule");
            String::new()
        }
    };
    let key = item_key("key");
    let to_key = item_key("to_key");
    Rule::TotalFalls { path, key, to_key }
}

pub(super) fn count(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    let path = cx.path(o.operand, &|k| matches!(k, Kind::List(_) | Kind::Tables(_)), "a list");
    let value_at = cx.required_path(o, "value_at", &number, "a number");
    Rule::Count { path, value_at }
}

/// `each`: the rule in `rule` holds for every entry of a list of tables,
/// its paths read within one entry.
pub(super) fn each(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    let path = cx.path(o.operand, &|k| matches!(k, Kind::Tables(_)), "a list of tables");
    let Some(inner) = o.get("rule") else {
        cx.error(o.node, "`each` needs `rule`".into(), "incomplete rule");
        return Rule::Judgement;
    };
    let entry = table_fields_of_list(cx.scope, &path);
    let outer = std::mem::replace(&mut cx.scope, entry);
    let outer_list = cx.within.replace(path.clone());
    let rule = cx.rule(inner);
    cx.scope = outer;
    cx.within = outer_list;
    Rule::Each {
        path,
        rule: Box::new(rule),
    }
}

pub(super) fn if_recorded(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    let path = cx.path(o.operand, &|_| true, "a field");
    let Some(then) = o.get("then") else {
        cx.error(o.node, "`if_recorded` needs `then`".into(), "incomplete rule");
        return Rule::Judgement;
    };
    Rule::IfRecorded {
        path,
        then: Box::new(cx.rule(then)),
    }
}

pub(super) fn judgement(cx: &mut Compiler<'_>, o: &Operands<'_>) -> Rule {
    if o.operand.as_bool() != Some(true) {
        cx.error(o.operand, "`judgement` can only be `true`".into(), "must be true");
    }
    Rule::Judgement
}

/// The fields of the table at `path` in `scope` ("" for the top level).
fn table_fields(scope: &'static [Field], path: &str) -> Option<&'static [Field]> {
    if path.is_empty() {
        return Some(scope);
    }
    match field_at(scope, path)?.kind.resolve() {
        Kind::Table(fields) => Some(fields),
        _ => None,
    }
}

/// The item fields of the list of tables at `path` in `scope`, or none.
fn table_fields_of_list(scope: &'static [Field], path: &str) -> &'static [Field] {
    match field_at(scope, path).map(|f| f.kind.resolve()) {
        Some(Kind::Tables(fields)) => fields,
        _ => &[],
    }
}

fn has_date_range(fields: &[Field]) -> bool {
    ["from", "to"].iter().all(|k| {
        fields
            .iter()
            .any(|f| f.name == *k && matches!(f.kind, Kind::Date | Kind::EventDate))
    })
}
