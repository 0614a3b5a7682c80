//! The JSON report: the assessment and its provenance, with a
//! `format_version` so consumers can rely on its layout.

use std::io::Write as _;

use serde::Serialize;

use super::Report;

pub fn render(report: &Report<'_>) -> String {
    pretty(report)
}

/// Pretty-printed JSON ending in a newline: how every JSON document that
/// reassure writes is printed.
pub fn pretty<T: Serialize + ?Sized>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).expect(SERIALISES);
    text.push('\n');
    text
}

/// As [`pretty`], written to `out` as it serialises, so a long document is
/// never held whole in memory.
pub fn write_pretty<T: Serialize + ?Sized>(value: &T, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    if let Err(e) = serde_json::to_writer_pretty(&mut out, value) {
        // Only the writer can fail: see SERIALISES.
        assert!(e.is_io(), "{SERIALISES}: {e}");
        return Err(e.into());
    }
    out.write_all(b"\n")?;
    out.flush()
}

/// As a JSON value, to be completed before printing.
pub fn value<T: Serialize + ?Sized>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).expect(SERIALISES)
}

/// Why serialising cannot fail: every type written is plain data with
/// derived `Serialize` and string map keys. Were that ever broken, the run
/// stops as an internal error rather than write an empty document.
const SERIALISES: &str = "report types serialise: plain data, derived Serialize, string keys";
