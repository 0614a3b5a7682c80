//! The portfolio table for a terminal: one row per file, the folder said
//! once, columns given up in a set order rather than split, written a block
//! of rows at a time.

use comfy_table::{Cell, ColumnConstraint, Width};

use super::{TableOptions, headless_table, new_table};
use crate::portfolio::{Entry, Outcome};
use crate::report::Format;
use crate::report::portfolio::{HEADER, Rows, cells, file_cell, summary_line};
use crate::text::terminal_safe;

/// Rows per printed block. A comfy-table holds every cell, and several
/// copies of it while printing, so a portfolio of thousands is printed in
/// blocks that share the first block's column widths: the output reads as
/// one table and peak memory stays flat (10,000 rows at once took about
/// 50 MB more).
const BLOCK: usize = 500;

/// The portfolio table, written a block of rows at a time.
pub(crate) fn write(rows: &mut Rows, options: TableOptions, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    // The rows are read back when needed rather than held all at once:
    // once to find the folder, once to fit the columns, and a block at a
    // time to print. Decoding a row three times is cheap beside scoring it
    // once; holding every row in memory made memory grow with the count.
    let mut reader = rows.read()?;
    let folder = common_folder(reader.by_ref().map(|e| terminal_safe(&file_cell(&e), false)));
    reader.finish()?;
    let row = |e: &Entry| {
        let mut row = cells(e).map(|c| terminal_safe(&c, false));
        row[0] = row[0][folder.len()..].to_owned();
        row[6] = few_blockers(&row[6]);
        // The rating column says why a file has no rating, so the row
        // reads even when the name column is given up.
        match &e.outcome {
            Outcome::Invalid { .. } => row[5] = "invalid".to_owned(),
            Outcome::Skipped { .. } => row[5] = "skipped".to_owned(),
            Outcome::Assessed(_) => {}
        }
        row
    };
    let mut reader = rows.read()?;
    let layout = Layout::fit(
        reader.by_ref().map(|e| row(&e)),
        usize::from(options.width.unwrap_or(100)),
    );
    reader.finish()?;
    let laid_out = |e: &Entry| {
        let mut row = row(e);
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
    let mut reader = rows.read()?;
    for index in 0..blocks {
        let entries: Vec<Entry> = reader.by_ref().take(BLOCK).collect();
        let mut table = if index == 0 {
            new_table(options, &header)
        } else {
            headless_table(options)
        };
        for entry in &entries {
            let row = laid_out(entry);
            table.add_row(layout.columns.iter().map(|&c| Cell::new(&row[c])));
        }
        // Every block to the same widths, worked out from all the rows, so
        // the blocks read as one table.
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
        out.write_all(defused(block).as_bytes())?;
    }
    reader.finish()?;
    let summary = crate::report::table::wrap("", &summary_line(&totals), usize::from(options.width.unwrap_or(100)));
    out.write_all(defused(summary).as_bytes())
}

/// The folder every file is in (`examples/`), said once above the table so
/// each row names its file by the rest of its path.
fn common_folder(mut files: impl Iterator<Item = String>) -> String {
    let Some(first) = files.next() else {
        return String::new();
    };
    let mut common = first.rfind('/').map_or(0, |end| end + 1);
    for file in files {
        while common > 0 && !file.starts_with(&first[..common]) {
            common = first[..common - 1].rfind('/').map_or(0, |end| end + 1);
        }
    }
    first[..common].to_owned()
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

fn few_blockers(all: &str) -> String {
    // A waived legal duty is always named in full.
    if all.contains("LEGAL DUTY WAIVED") || all.is_empty() {
        return all.to_owned();
    }
    let ids: Vec<&str> = all.split(", ").collect();
    if ids.len() <= ROW_BLOCKERS + 1 {
        return all.to_owned();
    }
    format!("{} +{} more", ids[..ROW_BLOCKERS].join(", "), ids.len() - ROW_BLOCKERS)
}

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
    fn fit(rows: impl Iterator<Item = [String; 7]>, width: usize) -> Layout {
        let len = |s: &str| s.chars().count();
        let longest = |parts: &mut dyn Iterator<Item = &str>| parts.map(len).max().unwrap_or(0);
        // Least room each column needs: whole words (the scheme's name and
        // the blockers wrap between words; a file name never wraps); and
        // the most it can use. The headers count too.
        let mut least: Vec<usize> = HEADER.iter().map(|h| len(h)).collect();
        let mut most = least.clone();
        for row in rows {
            for (c, cell) in row.iter().enumerate() {
                let needs = match c {
                    1 | 6 => longest(&mut cell.split([' ', ','])),
                    0 => longest(&mut cell.split_inclusive('/')),
                    _ => len(cell),
                };
                least[c] = least[c].max(needs);
                most[c] = most[c].max(len(cell));
            }
        }
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
