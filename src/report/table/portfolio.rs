//! The portfolio table for a terminal: one row per file, the folder said
//! once, columns given up in a set order rather than split, written a block
//! of rows at a time.

use comfy_table::{Cell, ColumnConstraint, Width};
use rayon::prelude::*;

use super::{TableOptions, headless_table, new_table};
use crate::portfolio::{Entry, Outcome};
use crate::report::Format;
use crate::report::portfolio::{HEADER, Rows, cells_with, summary_line};
use crate::text::terminal_safe;

/// Rows per printed block. A comfy-table holds every cell, and several
/// copies of it while printing, so a portfolio of thousands is printed in
/// blocks that share the column widths worked out from every row: the
/// output reads as one table whatever the block size, and peak memory stays
/// low (10,000 rows at once took about 50 MB more; with one block of 500
/// per core laid out at once, 10,000 schemes peaked at 26-30 MB, with 250
/// at 25-26 MB).
const BLOCK: usize = 250;

/// A row's cells as the table shows them, the file by its whole path.
fn table_row(e: &Entry) -> [String; 7] {
    let mut row = cells_with(e, Some(ROW_BLOCKERS)).map(|c| terminal_safe(&c, false));
    // The rating column says why a file has no rating, so the row reads
    // even when the name column is given up.
    match &e.outcome {
        Outcome::Invalid { .. } => row[5] = "invalid".to_owned(),
        Outcome::Skipped { .. } => row[5] = "skipped".to_owned(),
        Outcome::Assessed(_) => {}
    }
    row
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

/// What the table must know of every row before it prints the first: the
/// folder every file is in, and the room each column needs. Gathered as the
/// rows are kept ([`Rows::add`]), so that the rows are read back once, to
/// print: neither held in memory nor read three times.
#[derive(Debug, Clone)]
pub(crate) struct Fit {
    /// The first file, and how much of it is the folder all files share.
    first: Option<String>,
    common: usize,
    /// Per column, the least room it needs (whole words; a file name never
    /// wraps) and the most it can use. Column 0's are worked out at the
    /// end, once the folder (left out of every row) is known.
    least: [usize; 7],
    most: [usize; 7],
    /// The longest file, by its whole path.
    longest_file: usize,
    /// For each depth, the longest part of any file's path (`name/`) at
    /// that depth or deeper: the room the file column needs once the
    /// folder's parts are left out.
    deepest_part: Vec<usize>,
}

impl Default for Fit {
    fn default() -> Self {
        // The headers count too.
        let headers = HEADER.map(chars);
        Fit {
            first: None,
            common: 0,
            least: headers,
            most: headers,
            longest_file: 0,
            deepest_part: Vec::new(),
        }
    }
}

impl Fit {
    pub(crate) fn add(&mut self, e: &Entry) {
        let row = table_row(e);
        let file = &row[0];
        match &self.first {
            None => {
                self.common = file.rfind('/').map_or(0, |end| end + 1);
                self.first = Some(file.clone());
            }
            Some(first) => {
                while self.common > 0 && !file.starts_with(&first[..self.common]) {
                    self.common = first[..self.common - 1].rfind('/').map_or(0, |end| end + 1);
                }
            }
        }
        self.longest_file = self.longest_file.max(chars(file));
        let parts: Vec<usize> = file.split_inclusive('/').map(chars).collect();
        if self.deepest_part.len() < parts.len() {
            self.deepest_part.resize(parts.len(), 0);
        }
        let mut longest = 0;
        for (depth, part) in parts.iter().enumerate().rev() {
            longest = longest.max(*part);
            self.deepest_part[depth] = self.deepest_part[depth].max(longest);
        }
        for (c, cell) in row.iter().enumerate().skip(1) {
            let needs = match c {
                1 | 6 => cell.split([' ', ',']).map(chars).max().unwrap_or(0),
                _ => chars(cell),
            };
            self.least[c] = self.least[c].max(needs);
            self.most[c] = self.most[c].max(chars(cell));
        }
    }

    /// The folder every file is in (`examples/`), said once above the table
    /// so each row names its file by the rest of its path.
    fn folder(&self) -> &str {
        self.first.as_deref().map_or("", |first| &first[..self.common])
    }

    /// The least and most room of each column, the file column's by the
    /// files' paths below the folder.
    fn room(&self) -> ([usize; 7], [usize; 7]) {
        let (mut least, mut most) = (self.least, self.most);
        if self.first.is_some() {
            let folder = self.folder();
            let depth = folder.split_inclusive('/').count();
            least[0] = least[0].max(self.deepest_part.get(depth).copied().unwrap_or(0));
            most[0] = most[0].max(self.longest_file - chars(folder));
        }
        (least, most)
    }

    fn layout(&self, width: usize) -> Layout {
        let (least, most) = self.room();
        Layout::new(least, most, width)
    }
}

/// The portfolio table, written a block of rows at a time.
pub(crate) fn write(rows: &mut Rows, options: TableOptions, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    // What the table needs of every row was gathered as they were kept;
    // the rows are read back once, a block at a time, to print.
    let fit = rows.table_fit()?;
    let folder = fit.folder();
    let layout = fit.layout(usize::from(options.width.unwrap_or(100)));
    let laid_out = |e: &Entry| {
        let mut row = table_row(e);
        row[0] = row[0][folder.len()..].to_owned();
        if !layout.columns.contains(&4) && !row[4].is_empty() {
            // The score given up as a column stays beside the rating.
            row[5] = format!("{} {}", row[5], row[4]);
        }
        row[0] = wrap_path(&row[0], usize::from(layout.widths[0]) - 2);
        row
    };
    let header: Vec<&str> = layout.columns.iter().map(|&c| HEADER[c]).collect();
    let totals = rows.totals().clone();
    let blocks = totals.files.div_ceil(BLOCK).max(1);
    let defused = |text: String| Format::Table.defuse(text);
    if !folder.is_empty() {
        out.write_all(defused(format!("In {folder}:\n")).as_bytes())?;
    }
    // One block of rows printed: every block to the same widths, worked out
    // from all the rows, so the blocks read as one table.
    let block_text = |index: usize, entries: &[Entry]| -> String {
        let mut table = if index == 0 {
            new_table(options, &header)
        } else {
            headless_table(options)
        };
        for entry in entries {
            let row = laid_out(entry);
            table.add_row(layout.columns.iter().map(|&c| Cell::new(&row[c])));
        }
        for (column, &width) in layout.widths.iter().enumerate() {
            if let Some(c) = table.column_mut(column) {
                c.set_constraint(ColumnConstraint::Absolute(Width::Fixed(width)));
            }
        }
        let text = table.to_string();
        let mut lines: Vec<&str> = text.lines().collect();
        if index > 0 {
            lines.remove(0); // its top border continues the table above
        }
        if index + 1 < blocks {
            lines.pop(); // its bottom border: the next block continues
        }
        let mut block = String::with_capacity(text.len());
        for line in lines {
            block.push_str(line);
            block.push('\n');
        }
        defused(block)
    };
    // Blocks are laid out one per core at a time (laying out is most of
    // the table's cost), and written in order.
    let at_once = rayon::current_num_threads().max(1);
    let mut reader = rows.read()?;
    let mut index = 0;
    while index < blocks {
        let batch: Vec<(usize, Vec<Entry>)> = (index..blocks.min(index + at_once))
            .map(|i| Ok((i, reader.by_ref().take(BLOCK).collect::<std::io::Result<_>>()?)))
            .collect::<std::io::Result<_>>()?;
        let texts: Vec<String> = batch.par_iter().map(|(i, entries)| block_text(*i, entries)).collect();
        for text in texts {
            out.write_all(text.as_bytes())?;
        }
        index += batch.len();
    }
    let summary = crate::report::table::wrap("", &summary_line(&totals), usize::from(options.width.unwrap_or(100)));
    out.write_all(defused(summary).as_bytes())
}

/// A file's path in lines no wider than `room`, broken only after a `/`
/// (never inside a name).
fn wrap_path(path: &str, room: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for part in path.split_inclusive('/') {
        let len = part.chars().count();
        if line > 0 && line + len > room {
            out.push('\n');
            line = 0;
        }
        out.push_str(part);
        line += len;
    }
    out
}

/// How many blockers a row names before counting the rest: the gaps of a
/// scheme are its own report's business; the row says where to start.
const ROW_BLOCKERS: usize = 2;

/// Which columns the table shows and how wide each is (padding included).
struct Layout {
    columns: Vec<usize>,
    widths: Vec<u16>,
}

/// Columns given up, in this order, when the width cannot hold them all
/// without splitting a file name, an id or a word: the scheme's name, then
/// the stage, then whether it is ready, then the score (which then stands
/// beside the rating). The file, rating and blockers always remain.
const DROP_ORDER: [usize; 4] = [1, 2, 3, 4];

impl Layout {
    fn new(least: [usize; 7], most: [usize; 7], width: usize) -> Layout {
        let mut columns: Vec<usize> = (0..HEADER.len()).collect();
        // Borders and a space either side of each cell.
        let overhead = |n: usize| 3 * n + 1;
        for drop in DROP_ORDER {
            let need: usize = columns.iter().map(|&c| least[c]).sum::<usize>() + overhead(columns.len());
            if need <= width {
                break;
            }
            columns.retain(|&c| c != drop);
        }
        let mut sizes: Vec<usize> = columns.iter().map(|&c| least[c]).collect();
        let mut spare = width.saturating_sub(sizes.iter().sum::<usize>() + overhead(columns.len()));
        // Room left goes to the file, the name, then the blockers, up to
        // their length.
        for wants in [0, 1, 6] {
            if let Some(i) = columns.iter().position(|&c| c == wants) {
                let more = (most[wants] - sizes[i]).min(spare);
                sizes[i] += more;
                spare -= more;
            }
        }
        let widths = sizes
            .iter()
            .map(|&w| u16::try_from(w + 2).unwrap_or(u16::MAX))
            .collect();
        Layout { columns, widths }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::Summary;
    use crate::stage::Stage;

    fn entry(file: &str, scheme: &str, blockers: &[&str]) -> Entry {
        Entry {
            file: file.to_owned(),
            outcome: Outcome::Assessed(Summary {
                scheme: scheme.to_owned(),
                scheme_sha256: "0".repeat(64),
                stage: Stage::Pcbc,
                target: Stage::S2,
                ready: blockers.is_empty(),
                score: Some(61.25),
                rating: crate::assessment::Rating::Amber,
                blockers: blockers.iter().map(|b| (*b).to_owned()).collect(),
                gaps: blockers.len(),
                waived: 0,
                legal_duties_waived: Vec::new(),
                fails: false,
            }),
            detail: Vec::new(),
        }
    }

    /// The file column's room is that of the paths below the folder said
    /// above the table: the longest name or folder below it (not the shared
    /// folder's own, longer name), and the longest path without it.
    #[test]
    fn the_file_column_is_fitted_to_the_paths_below_the_shared_folder() {
        let mut fit = Fit::default();
        for file in [
            "a-long-shared-folder-of-schemes/north/x.toml",
            "a-long-shared-folder-of-schemes/north/b.toml",
            "a-long-shared-folder-of-schemes/southern/c.toml",
            "a-long-shared-folder-of-schemes/n/a-much-longer-file-name.toml",
        ] {
            fit.add(&entry(file, "A", &[]));
        }
        assert_eq!(fit.folder(), "a-long-shared-folder-of-schemes/");
        let (least, most) = fit.room();
        let (longest_part, longest_path) = ("a-much-longer-file-name.toml", "n/a-much-longer-file-name.toml");
        assert_eq!(
            least[0],
            longest_part.len(),
            "the longest part below the folder, at any depth"
        );
        assert_eq!(most[0], longest_path.len(), "the longest path below the folder");
        assert_eq!(
            fit.layout(200).widths[0],
            u16::try_from(2 + longest_path.len()).unwrap(),
            "room to spare: the whole path and padding"
        );
        // With every file in the same folder, the folder's own name is not
        // counted; with none shared, every part is.
        fit.add(&entry("elsewhere/d.toml", "A", &[]));
        assert_eq!(fit.folder(), "");
        assert_eq!(fit.room().0[0], "a-long-shared-folder-of-schemes/".len());
    }

    /// What the table gathers as rows are kept is what it would find by
    /// reading them all back: the same folder, widths and text, at every
    /// width, for files at several depths below a shared folder longer than
    /// any of their own names, and for names and blockers that must wrap.
    #[test]
    fn a_table_gathered_as_rows_come_is_the_table_of_the_rows_read_back() {
        let entries = || {
            vec![
                entry("a-long-shared-folder-of-schemes/north/x.toml", "A", &["DUTY-A"]),
                entry(
                    "a-long-shared-folder-of-schemes/north/b.toml",
                    "Hyper-acute stroke services review",
                    &["DUTY-B", "GATE-C", "TEST-D", "TEST-E"],
                ),
                entry("a-long-shared-folder-of-schemes/south/c.toml", "Maternity", &[]),
            ]
        };
        let mut checked = 0;
        for width in [60, 80, 100, 140, 200] {
            let options = TableOptions {
                color: false,
                width: Some(width),
                all: false,
            };
            let (mut gathered, mut read_back) = (Rows::for_table(), Rows::default());
            for (a, b) in entries().into_iter().zip(entries()) {
                gathered.add(a).unwrap();
                read_back.add(b).unwrap();
            }
            let (mut one, mut other) = (Vec::new(), Vec::new());
            write(&mut gathered, options, &mut one).unwrap();
            write(&mut read_back, options, &mut other).unwrap();
            let text = String::from_utf8(one).unwrap();
            assert_eq!(text, String::from_utf8(other).unwrap(), "width {width}");
            assert!(text.starts_with("In a-long-shared-folder-of-schemes/:\n"), "{text}");
            checked += 1;
        }
        assert_eq!(checked, 5);
    }
}
