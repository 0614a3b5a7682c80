//! The JSON report: the assessment and its provenance, with a
//! `format_version` so consumers can rely on its layout.

use super::Report;

pub fn render(report: &Report<'_>) -> String {
    // Serialising plain data cannot fail; an empty object would be a bug.
    let mut text = serde_json::to_string_pretty(report).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}
