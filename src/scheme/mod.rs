//! A scheme file: loaded, checked against the scheme format, and held with
//! its source so every finding can say where in the file it concerns.

#[rustfmt::skip] // a table of field descriptions, one per line
pub mod format;

use jiff::civil::Date;

use crate::diagnostic::Diagnostic;
use crate::document::{self, Node};
use crate::schema;
use crate::source::SourceFile;
use crate::stage::Stage;

/// A scheme that has passed validation.
#[derive(Debug, Clone)]
pub struct Scheme {
    pub source: SourceFile,
    pub root: Node,
    pub name: String,
    pub stage: Stage,
    pub as_of: Date,
}

/// A judgement recorded in the scheme for a criterion that data cannot decide.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Attestation {
    pub criterion: String,
    pub by: String,
    pub role: String,
    /// The day of the judgement (always present once the scheme is valid).
    #[serde(serialize_with = "crate::text::serialize_date_opt")]
    #[schemars(with = "Option<String>")]
    pub date: Option<Date>,
    /// `None` only in a file that has not passed validation.
    pub verdict: Option<Verdict>,
    pub rationale: String,
}

/// A person's verdict on a criterion data cannot decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Met,
    PartlyMet,
    NotMet,
}

impl Verdict {
    fn parse(text: &str) -> Option<Verdict> {
        match text {
            "met" => Some(Verdict::Met),
            "partly-met" => Some(Verdict::PartlyMet),
            "not-met" => Some(Verdict::NotMet),
            _ => None,
        }
    }
}

impl Scheme {
    /// Parses and validates a scheme file, returning every problem found.
    pub fn load(source: SourceFile) -> Result<Scheme, (SourceFile, Vec<Diagnostic>)> {
        let (root, diagnostics) = document::parse(source.text());
        Scheme::from_parsed(source, root, diagnostics).map_err(|invalid| {
            let (file, diagnostics, _) = *invalid;
            (file, diagnostics)
        })
    }

    /// Validates a file already parsed (with the parser's own problems), for
    /// callers that look at the document first, such as a directory scan.
    /// A file with problems comes back with its tree, so a caller can still
    /// check the parts that are sound.
    pub fn from_parsed(
        source: SourceFile,
        root: Node,
        mut diagnostics: Vec<Diagnostic>,
    ) -> Result<Scheme, Box<(SourceFile, Vec<Diagnostic>, Node)>> {
        // An empty file is one problem, not four missing keys.
        let empty = root.as_table().is_some_and(|t| t.entries.is_empty());
        if empty && diagnostics.is_empty() {
            let problem = Diagnostic::new("empty-file", 0..0, "the file holds no keys", "nothing here")
                .note(
                    "a scheme needs at least `format_version`, `as_of`, `stage` and a `[scheme]` table with its `name`",
                )
                .note("help: SCHEME.md lists every key; the files in examples/ are complete schemes to start from");
            return Err(Box::new((source, vec![problem], root)));
        }
        schema::validate_parsed(&root, format::SCHEME_FORMAT, &mut diagnostics);
        if !diagnostics.is_empty() {
            diagnostics.sort_by_key(|d| d.span.start);
            return Err(Box::new((source, diagnostics, root)));
        }
        // Validation guarantees these keys exist with the right types.
        let name = root
            .lookup("scheme.name")
            .and_then(Node::as_str)
            .unwrap_or_default()
            .to_owned();
        let stage = root
            .lookup("stage")
            .and_then(Node::as_str)
            .and_then(Stage::from_code)
            .unwrap_or(Stage::Cfc);
        let as_of = root.lookup("as_of").and_then(Node::as_date).unwrap_or_default();
        Ok(Scheme {
            source,
            root,
            name,
            stage,
            as_of,
        })
    }

    /// The attestations recorded in the scheme, with the span of each table.
    pub fn attestations(&self) -> Vec<(Attestation, std::ops::Range<usize>)> {
        attestations_in(&self.root)
    }
}

/// The attestations recorded in a scheme's tree, with the span of each
/// one's criterion (or of the table, if it names none).
pub fn attestations_in(root: &Node) -> Vec<(Attestation, std::ops::Range<usize>)> {
    let text = |node: &Node, key: &str| node.lookup(key).and_then(Node::as_str).unwrap_or_default().to_owned();
    root.lookup("attestations")
        .and_then(Node::as_array)
        .unwrap_or_default()
        .iter()
        .map(|n| {
            (
                Attestation {
                    criterion: text(n, "criterion"),
                    by: text(n, "by"),
                    role: text(n, "role"),
                    date: n.lookup("date").and_then(Node::as_date),
                    verdict: n.lookup("verdict").and_then(Node::as_str).and_then(Verdict::parse),
                    rationale: text(n, "rationale"),
                },
                n.lookup("criterion").map_or(n.span.clone(), |c| c.span.clone()),
            )
        })
        .collect()
}
