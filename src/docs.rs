//! User documentation generated from the format descriptions, so that the
//! reference can never drift from what the validator accepts. `SCHEME.md`
//! is this output; a test fails when the committed copy is out of date.

use std::fmt::Write as _;

use crate::schema::{Field, Kind};
use crate::scheme::format::SCHEME_FORMAT;

/// The scheme format reference, as Markdown.
pub fn scheme_reference() -> String {
    let mut out = String::from(
        "# The scheme file format, version 1\n\n\
         <!-- Generated from src/scheme/format.rs by `cargo test` (tests/docs.rs); \
         do not edit by hand: run `UPDATE_DOCS=1 cargo test --test docs` after changing the format. -->\n\n\
         A scheme file is TOML. Dates are TOML dates written without quotes (`2025-01-06`). \
         Only the keys marked **required** must be present: a missing piece of evidence is a \
         gap for the checklists to report, not an error in the file. Any key not listed here \
         is an error, so a typo is never silently ignored.\n\n\
         Paths such as `consultation.start` name a key inside a table (`[consultation]`), and \
         are how checklist rules refer to fields.\n",
    );
    section(&mut out, SCHEME_FORMAT, "", 2);
    out
}

fn section(out: &mut String, fields: &[Field], path: &str, depth: usize) {
    let title = if path.is_empty() {
        "Top level".to_owned()
    } else {
        format!("`{path}`")
    };
    let _ = writeln!(out, "\n{} {title}\n", "#".repeat(depth.min(4)));
    let _ = writeln!(out, "| Key | Type | Meaning | Example |\n|---|---|---|---|");
    for field in fields {
        let kind = field.kind.resolve();
        let shown = match kind {
            Kind::Table(_) => format!("table `[{}]`", join(path, field.name)),
            Kind::Tables(_) => format!("tables `[[{}]]`", join(path, field.name)),
            other => other.describe(),
        };
        let required = if field.required { " **required**" } else { "" };
        let _ = writeln!(
            out,
            "| `{}` | {}{required} | {} | `{}` |",
            field.name,
            cell(&shown),
            cell(field.doc),
            cell(field.example)
        );
    }
    for field in fields {
        if let Kind::Table(inner) | Kind::Tables(inner) = field.kind.resolve() {
            section(out, inner, &join(path, field.name), depth + 1);
        }
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// Escapes the characters that would break a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
