//! The rows of a portfolio, kept from the moment each scheme is assessed
//! to the end of the run, when the reports that need every row (and the
//! totals before them) are written: a line each in a spool that moves to
//! an anonymous temporary file past a megabyte, so memory stays flat
//! however many files there are.

use std::io::BufRead as _;

use serde::{Deserialize, Serialize};

use super::Totals;
use crate::portfolio::{Entry, Outcome};
use crate::report::spool::Spool;
use crate::report::table::portfolio::Fit;

/// Every row so far, in the order the files were given, and their totals.
#[derive(Default)]
pub struct Rows {
    spool: Spool,
    totals: Totals,
    /// Each assessed scheme's findings for a workbook, when one is asked
    /// for: a workbook is written whole, so its parts are kept to the end.
    workbook: Vec<crate::report::xlsx::Part>,
    /// What a table of the rows needs to know before printing the first,
    /// gathered as they come when a table is to be written.
    table: Option<Fit>,
}

/// One row as kept: the file and what became of it. Not the JSON row's own
/// shape: that tags its outcome inside the row, which serde can only read
/// back by buffering each row whole (a table reads every row three times);
/// kept tagged outside, a row is read straight into its types.
#[derive(Serialize, Deserialize)]
struct Kept {
    file: String,
    outcome: KeptOutcome,
}

#[derive(Serialize, Deserialize)]
enum KeptOutcome {
    Assessed(crate::portfolio::Summary),
    /// The first problems, and how many there are in all.
    Invalid {
        problems: Vec<String>,
        count: usize,
    },
    Skipped {
        why: String,
    },
}

impl Rows {
    /// Rows that also gather, as they come, what a table of them needs.
    pub fn for_table() -> Rows {
        Rows {
            table: Some(Fit::default()),
            ..Rows::default()
        }
    }

    /// What a table of the rows needs: gathered as they came, or else
    /// gathered now from the rows read back.
    pub(crate) fn table_fit(&mut self) -> std::io::Result<Fit> {
        if let Some(fit) = &self.table {
            return Ok(fit.clone());
        }
        let mut fit = Fit::default();
        for entry in self.read()? {
            fit.add(&entry?);
        }
        Ok(fit)
    }

    /// Keeps `entry`'s row, and its workbook part if it has one; its other
    /// parts are not kept (they are written as they come).
    pub fn add(&mut self, entry: Entry) -> std::io::Result<()> {
        if let Some(fit) = &mut self.table {
            fit.add(&entry);
        }
        for part in entry.detail {
            if let crate::report::Part::Xlsx(part) = part {
                self.workbook.push(part);
            }
        }
        let t = &mut self.totals;
        t.files += 1;
        let outcome = match entry.outcome {
            Outcome::Assessed(s) => {
                t.assessed += 1;
                t.ready += usize::from(s.ready);
                t.failing += usize::from(s.fails);
                KeptOutcome::Assessed(s)
            }
            Outcome::Invalid { problems, count, .. } => {
                t.invalid += 1;
                KeptOutcome::Invalid { problems, count }
            }
            Outcome::Skipped { why } => {
                t.skipped += 1;
                KeptOutcome::Skipped { why }
            }
        };
        let kept = Kept {
            file: entry.file,
            outcome,
        };
        // One JSON text a line: every line break inside a value is escaped.
        let mut line = serde_json::to_string(&kept).map_err(std::io::Error::other)?;
        line.push('\n');
        self.spool.push(&line)
    }

    pub fn totals(&self) -> &Totals {
        &self.totals
    }

    /// Every workbook part kept, in order.
    pub fn workbook(&self) -> &[crate::report::xlsx::Part] {
        &self.workbook
    }

    /// The rows from the first, each an entry without parts, or why it
    /// could not be read back: a report made of rows stops there, never
    /// closing its document over a row it lacks.
    pub fn read(&mut self) -> std::io::Result<Reader<'_>> {
        Ok(Reader {
            lines: self.spool.read()?.lines(),
        })
    }
}

/// The kept rows, read back in order.
pub struct Reader<'r> {
    lines: std::io::Lines<Box<dyn std::io::BufRead + 'r>>,
}

impl Iterator for Reader<'_> {
    type Item = std::io::Result<Entry>;

    fn next(&mut self) -> Option<std::io::Result<Entry>> {
        let line = match self.lines.next()? {
            Ok(line) => line,
            Err(e) => return Some(Err(e)),
        };
        let Kept { file, outcome } = match serde_json::from_str(&line) {
            Ok(kept) => kept,
            Err(e) => return Some(Err(std::io::Error::other(e))),
        };
        let outcome = match outcome {
            KeptOutcome::Assessed(summary) => Outcome::Assessed(summary),
            KeptOutcome::Invalid { problems, count } => Outcome::Invalid {
                problems,
                count,
                located: Vec::new(),
                rendered: String::new(),
            },
            KeptOutcome::Skipped { why } => Outcome::Skipped { why },
        };
        Some(Ok(Entry {
            file,
            outcome,
            detail: Vec::new(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invalid(file: &str, count: usize) -> Entry {
        Entry {
            file: file.to_owned(),
            outcome: Outcome::Invalid {
                problems: vec!["1:1: a line\nbroken".to_owned()],
                count,
                located: Vec::new(),
                rendered: String::new(),
            },
            detail: Vec::new(),
        }
    }

    /// Rows come back as they went in, every time they are read, however
    /// many there are (past the megabyte kept in memory), with the count
    /// of problems that the JSON row leaves out.
    #[test]
    fn rows_come_back_in_order_each_time_they_are_read() {
        let mut rows = Rows::default();
        let many = 20_000;
        for i in 0..many {
            rows.add(invalid(&format!("schemes/{i}.toml"), i)).unwrap();
        }
        rows.add(Entry {
            file: "last.toml".to_owned(),
            outcome: Outcome::Skipped {
                why: "a checklist".into(),
            },
            detail: Vec::new(),
        })
        .unwrap();
        assert_eq!(rows.totals().files, many + 1);
        assert_eq!(rows.totals().invalid, many);
        assert_eq!(rows.totals().skipped, 1);
        for _ in 0..2 {
            let mut reader = rows.read().unwrap();
            let mut seen = 0;
            for (i, entry) in reader.by_ref().take(many).enumerate() {
                let entry = entry.unwrap();
                assert_eq!(entry.file, format!("schemes/{i}.toml"));
                let Outcome::Invalid { count, problems, .. } = entry.outcome else {
                    panic!("row {i} changed kind")
                };
                assert_eq!(count, i);
                assert_eq!(problems, ["1:1: a line\nbroken"]);
                seen += 1;
            }
            assert_eq!(seen, many);
            let last = reader.next().expect("the last row").unwrap();
            assert!(matches!(last.outcome, Outcome::Skipped { .. }), "{last:?}");
            assert!(reader.next().is_none());
        }
        // A score comes back to the last bit: reports print it in full. (Under
        // `cargo test` serde_json's float_roundtrip is on through
        // dev-dependencies whatever Cargo.toml asks, so this guards the
        // round trip, not the feature: `.ci/run` checks the feature.)
        let score = 90.232_558_139_534_89;
        rows.add(Entry {
            file: "assessed.toml".to_owned(),
            outcome: Outcome::Assessed(crate::portfolio::Summary {
                scheme: "A scheme".into(),
                scheme_sha256: "0".repeat(64),
                stage: crate::stage::Stage::Consultation,
                target: crate::stage::Stage::Dmbc,
                ready: false,
                score: Some(score),
                rating: crate::assessment::Rating::AmberRed,
                blockers: vec!["DUTY-A".into(), "DUTY-B".into()],
                gaps: 3,
                waived: 1,
                legal_duties_waived: vec!["DUTY-C".into()],
                fails: true,
            }),
            detail: Vec::new(),
        })
        .unwrap();
        let back = rows.read().unwrap().last().expect("the assessed row").unwrap();
        let Outcome::Assessed(summary) = back.outcome else {
            panic!("{back:?}")
        };
        assert_eq!(summary.score.map(f64::to_bits), Some(score.to_bits()));
        assert_eq!(summary.rating, crate::assessment::Rating::AmberRed);
        assert_eq!(summary.blockers, ["DUTY-A", "DUTY-B"]);
        assert!(summary.fails && !summary.ready);
        // Rows added after a read go after the others.
        rows.add(invalid("later.toml", 1)).unwrap();
        let files: Vec<String> = rows.read().unwrap().map(|e| e.unwrap().file).collect();
        assert_eq!(files.len(), many + 3);
        assert_eq!(files[many + 2], "later.toml");
    }

    /// A row that cannot be read back stops every report made of rows with
    /// that error, before its closing: no document closes over a row it
    /// lacks. (A disk failing under the temporary file is the real cause;
    /// a line that is not a row stands in for it.)
    #[test]
    fn a_row_that_cannot_be_read_back_stops_the_report_there() {
        use crate::provenance::Options;
        use crate::report::Format;
        let options = Options {
            stage: "own".into(),
            fail_on: "blocker".into(),
            min_score: None,
            waivers: true,
        };
        for format in [
            Format::Table,
            Format::Json,
            Format::Csv,
            Format::Markdown,
            Format::Html,
            Format::Xlsx,
        ] {
            let mut rows = Rows::for_table();
            rows.add(invalid("first.toml", 1)).unwrap();
            rows.spool.push("not a row\n").unwrap();
            rows.add(invalid("third.toml", 1)).unwrap();
            let mut out = Vec::new();
            let table = crate::report::table::TableOptions::default();
            let written = crate::report::portfolio::write(format, &mut rows, &options, table, &mut out);
            let error = written.expect_err(&format!("{format:?} closed over a missing row"));
            assert!(error.to_string().contains("expected"), "{format:?}: {error}");
            let text = String::from_utf8_lossy(&out);
            assert!(!text.contains("third.toml"), "{format:?} wrote past the missing row");
            for closing in ["</html>", "]\n}", "failing the thresholds"] {
                assert!(!text.contains(closing), "{format:?} closed its document: {text}");
            }
        }
    }
}
