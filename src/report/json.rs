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

#[cfg(test)]
mod tests {
    use super::*;

    /// A full disk or a closed pipe while a long document is streamed is the
    /// writer's error, passed back to be reported, never a panic; what is
    /// streamed is exactly what `pretty` gives.
    #[test]
    fn a_streamed_document_is_the_pretty_one_and_a_failing_writer_is_an_error() {
        let value = serde_json::json!({ "schemes": ["a", "b"], "totals": { "files": 2 } });
        let mut streamed = Vec::new();
        write_pretty(&value, &mut streamed).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), pretty(&value));

        struct Full;
        impl std::io::Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let error = write_pretty(&value, &mut Full).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::StorageFull);
    }
}
