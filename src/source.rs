//! Source files held in memory, and the mapping from byte offsets to the
//! 1-based `line:column` positions that every report shows.

use std::ops::Range;

/// A file's name and text, with the byte offset where each line starts.
#[derive(Debug, Clone)]
pub struct SourceFile {
    name: String,
    text: String,
    /// Worked out the first time a position is asked for: a portfolio row
    /// places nothing in a valid file, so most files never need it.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

/// A position in a source file: 1-based line, and 1-based column counted in
/// characters (not bytes), as editors and SARIF's `unicodeCodePoints` do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// No place: what a summary that reads only statuses gives every finding
    /// (lines and columns count from 1, so 0:0 is in no file).
    pub const NONE: Position = Position { line: 0, column: 0 };
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
            line_starts: std::sync::OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The position of a byte offset. Offsets past the end, or inside a
    /// multi-byte character, are clamped to the nearest character boundary
    /// before it, so that a stray span can never cause a panic.
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.floor_char_boundary(offset);
        let line_starts = self.line_starts();
        let line_index = match line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = line_starts[line_index];
        let column = self.text[line_start..offset].chars().count() + 1;
        Position {
            line: line_index + 1,
            column,
        }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let line_starts = self.line_starts();
        let start = line_starts[line - 1];
        let end = line_starts.get(line).map_or(self.text.len(), |next| next - 1);
        self.text[start..end].trim_end_matches('\r')
    }

    /// Clamps a span so that both ends fall inside the text on character
    /// boundaries.
    pub fn clamp(&self, span: Range<usize>) -> Range<usize> {
        let start = self.floor_char_boundary(span.start);
        let end = self.floor_char_boundary(span.end.max(start));
        start..end
    }

    fn floor_char_boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let file = SourceFile::new("s.toml", "a = 1\nnamé = \"x\"\n");
        assert_eq!(file.position(0), Position { line: 1, column: 1 });
        assert_eq!(file.position(4), Position { line: 1, column: 5 });
        assert_eq!(file.position(6), Position { line: 2, column: 1 });
        // `=` after the two-byte `é` is the 6th character of line 2.
        assert_eq!(file.position(12), Position { line: 2, column: 6 });
        assert_eq!(file.line_text(2), "namé = \"x\"");
    }

    #[test]
    fn offsets_out_of_range_or_inside_a_character_are_clamped() {
        let file = SourceFile::new("s.toml", "é");
        assert_eq!(file.position(1), Position { line: 1, column: 1 });
        assert_eq!(file.position(99), Position { line: 1, column: 2 });
        assert_eq!(file.clamp(1..99), 0..2);
    }

    #[test]
    fn crlf_line_endings_are_not_part_of_the_line() {
        let file = SourceFile::new("s.toml", "a = 1\r\nb = 2\r\n");
        assert_eq!(file.line_text(1), "a = 1");
        assert_eq!(file.position(7), Position { line: 2, column: 1 });
    }
}
