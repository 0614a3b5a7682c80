//! The JSON report: the assessment and its provenance, with a
//! `format_version` so consumers can rely on its layout.

use std::cell::RefCell;
use std::io::Write as _;

use serde::Serialize;

use super::Report;
use super::portfolio::{Reader, Row, Rows, Totals};
use crate::portfolio::Entry;
use crate::provenance::{Options, catalogue_sha256};

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
    serialise_pretty(value, out).map_err(|e| {
        // Only the writer can fail: see SERIALISES.
        assert!(e.is_io(), "{SERIALISES}: {e}");
        e.into()
    })
}

/// As [`write_pretty`], with serialising's own failure given back too
/// (a portfolio's rows read back can fail).
fn serialise_pretty<T: Serialize + ?Sized>(value: &T, out: &mut dyn std::io::Write) -> Result<(), serde_json::Error> {
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, value)?;
    out.write_all(b"\n").map_err(serde_json::Error::io)?;
    out.flush().map_err(serde_json::Error::io)
}

/// As a JSON value, to be completed before printing.
pub fn value<T: Serialize + ?Sized>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).expect(SERIALISES)
}

/// The JSON portfolio report: versioned like the single-scheme report.
#[derive(Serialize, schemars::JsonSchema)]
pub struct PortfolioReport<'a> {
    pub format_version: u32,
    pub provenance: PortfolioProvenance<'a>,
    pub totals: Totals,
    #[schemars(with = "Vec<Row<'static>>")]
    pub schemes: Schemes<'a>,
}

/// The rows of a JSON portfolio report, serialised as they are read back
/// from where they were kept, never all in memory at once. A row that
/// cannot be read back stops the document there (it is kept here, to be
/// reported as the error it is).
pub struct Schemes<'r> {
    reader: RefCell<Option<Reader<'r>>>,
    failed: RefCell<Option<std::io::Error>>,
}

impl Serialize for Schemes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeSeq as _};
        let mut reader = self.reader.borrow_mut();
        let reader = reader
            .as_mut()
            .ok_or_else(|| S::Error::custom("the rows were written already"))?;
        let mut seq = serializer.serialize_seq(None)?;
        for entry in reader {
            match entry {
                Ok(entry) => seq.serialize_element(&OwnedRow(entry))?,
                Err(e) => {
                    let message = e.to_string();
                    *self.failed.borrow_mut() = Some(e);
                    return Err(S::Error::custom(message));
                }
            }
        }
        seq.end()
    }
}

/// A row read back, serialised as [`Row`].
struct OwnedRow(Entry);

impl Serialize for OwnedRow {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Row {
            file: &self.0.file,
            outcome: &self.0.outcome,
        }
        .serialize(serializer)
    }
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct PortfolioProvenance<'a> {
    pub tool: &'static str,
    pub tool_version: &'static str,
    pub catalogue_version: &'static str,
    pub catalogue_sha256: String,
    /// The options in effect; `stage` is the gate asked for, or "own" when
    /// each scheme is assessed for its own next gate.
    pub options: &'a Options,
}

/// The portfolio as JSON, its rows serialised as they are read back.
pub(crate) fn write_portfolio(rows: &mut Rows, options: &Options, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let totals = rows.totals().clone();
    let report = PortfolioReport {
        format_version: super::REPORT_FORMAT_VERSION,
        provenance: PortfolioProvenance {
            tool: "reassure",
            tool_version: env!("CARGO_PKG_VERSION"),
            catalogue_version: env!("CARGO_PKG_VERSION"),
            catalogue_sha256: catalogue_sha256(),
            options,
        },
        totals,
        schemes: Schemes {
            reader: RefCell::new(Some(rows.read()?)),
            failed: RefCell::new(None),
        },
    };
    let written = serialise_pretty(&report, out);
    // A row that could not be read back is the error; any other is the
    // writer's (see SERIALISES).
    match report.schemes.failed.into_inner() {
        Some(e) => Err(e),
        None => written.map_err(|e| {
            assert!(e.is_io(), "{SERIALISES}: {e}");
            e.into()
        }),
    }
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
