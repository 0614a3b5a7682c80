//! Loads one checklist file — built-in or an organisation's own — through
//! the same steps: parse, validate against the checklist format, then check
//! what the format alone cannot: one operator per rule, rule paths and
//! values that exist in the scheme format, and sources that exist.

use super::format::CHECKLIST_FORMAT;
use super::{Announced, Basis, Checklist, ChecklistKind, Criterion, Freshness, Severity, Source};
use crate::diagnostic::{Diagnostic, one_of};
use crate::document::{self, Node, Table};
use crate::rule::Rule;
use crate::rule::compile::Compiler as RuleCompiler;
use crate::schema::{self, Kind};
use crate::source::SourceFile;
use crate::stage::Stage;

/// Parses and checks a checklist file; on any problem returns them all.
pub fn load(file: &SourceFile) -> Result<Checklist, Vec<Diagnostic>> {
    let (root, mut diagnostics) = document::parse(file.text());
    schema::validate_parsed(&root, CHECKLIST_FORMAT, &mut diagnostics);
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let mut compiler = Loader {
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

struct Loader<'f> {
    diagnostics: Vec<Diagnostic>,
    file: &'f SourceFile,
    /// Source ids to their index, built on first use.
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

/// Up to 64 letters, digits, `.`, `-` and `_`, starting with a letter or
/// digit: an id safe to print anywhere and easy to type.
fn is_plain_id(id: &str) -> bool {
    id.len() <= 64
        && id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
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

impl Loader<'_> {
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
                in_force_note: t.get("in_force_note").and_then(|e| e.node.as_str()).map(str::to_owned),
            })
            .collect();
        if let Some(e) = head.get("id") {
            self.check_id(&e.node, "checklist");
        }
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
            reviewed: head.get("reviewed").and_then(|e| e.node.as_date()),
            announced: tables(root, "announced")
                .map(|(_, t)| Announced {
                    title: text(t, "title"),
                    citation: text(t, "citation"),
                    url: t.get("url").and_then(|e| e.node.as_str()).map(str::to_owned),
                    affects: texts(t, "affects"),
                })
                .collect(),
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

    /// The index of the source a criterion cites at `node`, reporting an
    /// id that is not in `[[sources]]` (and then using the first).
    fn source_at(&mut self, node: &Node, sources: &[Source]) -> usize {
        let source_id = node.as_str().unwrap_or_default();
        // One index, built on first use (a hostile file may cite among
        // thousands of sources); the first source of an id wins, as a
        // search from the front would find it.
        let found = self
            .source_index
            .get_or_insert_with(|| {
                sources
                    .iter()
                    .enumerate()
                    .rev()
                    .map(|(i, s)| (s.id.clone(), i))
                    .collect()
            })
            .get(source_id)
            .copied();
        found.unwrap_or_else(|| {
            let ids = sources.iter().map(|s| s.id.as_str());
            self.diagnostics.push(
                Diagnostic::new(
                    "unknown-source",
                    node.span.clone(),
                    format!("criterion cites source `{source_id}`, which is not in `[[sources]]`"),
                    "unknown source",
                )
                .suggest(source_id, ids.clone())
                .note(format!("expected one of {}", one_of(ids))),
            );
            0
        })
    }

    fn criterion(&mut self, table: &Table, sources: &[Source]) -> Criterion {
        let source_entry = table.get("source").expect("validated: source is required");
        let source = self.source_at(&source_entry.node, sources);
        let earlier = table
            .get("earlier")
            .and_then(|e| e.node.as_array())
            .unwrap_or_default()
            .iter()
            .map(|node| self.source_at(node, sources))
            .collect();
        let rule_node = &table.get("rule").expect("validated: rule is required").node;
        if let Some(e) = table.get("id") {
            self.check_id(&e.node, "criterion");
        }
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
            earlier,
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
                    date: self.path(&date, &|k| matches!(k, Kind::Date | Kind::EventDate), "a date"),
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
            .map(|p| self.path(p, &|k| matches!(k, Kind::Date | Kind::EventDate), "a date"))
            .collect()
    }

    /// An id is printed in every report, log and annotation, and typed by
    /// users: letters, digits, `.`, `-` and `_` only (no spaces, line
    /// breaks or control characters), starting with a letter or digit.
    fn check_id(&mut self, node: &Node, what: &str) {
        let Some(id) = node.as_str() else { return };
        if !is_plain_id(id) {
            self.diagnostics.push(
                Diagnostic::new(
                    "bad-id",
                    node.span.clone(),
                    format!(
                        "`{}` is not a usable {what} id",
                        crate::text::terminal_safe(&crate::text::clip(id, 64), false)
                    ),
                    "not an id",
                )
                .note("help: use up to 64 letters, digits, `.`, `-` and `_`, starting with a letter or digit, such as `ICB-1`"),
            );
        }
    }

    fn error(&mut self, code: &'static str, node: &Node, message: String, label: &str) {
        self.diagnostics
            .push(Diagnostic::new(code, node.span.clone(), message, label));
    }

    /// Compiles a rule table (see [`crate::rule::operator`]).
    fn rule(&mut self, node: &Node) -> Rule {
        RuleCompiler::new(&mut self.diagnostics).rule(node)
    }

    fn path(&mut self, node: &Node, fits: &dyn Fn(&Kind) -> bool, wanted: &str) -> String {
        RuleCompiler::new(&mut self.diagnostics).path(node, fits, wanted)
    }
}

#[cfg(test)]
mod tests {
    use super::{is_plain_id, is_web_address};

    /// Only an absolute web address with a host can become a link.
    #[test]
    fn a_web_address_is_http_or_https_with_a_host_and_nothing_hidden() {
        for good in ["https://www.gov.uk/x", "http://example.org", "HTTPS://WWW.GOV.UK"] {
            assert!(is_web_address(good), "{good}");
        }
        for bad in [
            "javascript:alert(1)",
            "ftp://example.org",
            "https://",
            "https:///path",
            "http://",
            "//www.gov.uk",
            "https://www.gov.uk/a b",
            "https://www.gov.uk/\u{202e}x",
            "https://www.gov.uk/\tx",
        ] {
            assert!(!is_web_address(bad), "{bad:?}");
        }
    }

    /// Ids: 64 characters at most, from a small alphabet, starting with a
    /// letter or digit.
    #[test]
    fn an_id_is_plain() {
        for good in ["ICB-1", "a", "9.x_y-z", &"A".repeat(64)] {
            assert!(is_plain_id(good), "{good}");
        }
        for bad in [
            "",
            "-ICB",
            ".x",
            "_x",
            "ICB 1",
            "ICB\n1",
            "ICB/1",
            "ÉCB",
            &"A".repeat(65),
        ] {
            assert!(!is_plain_id(bad), "{bad:?}");
        }
    }
}
