//! Conversion between byte offsets and (line, column) positions in UTF-8, UTF-16 or
//! Unicode scalar (character) units.
//!
//! Lines end at `\n`; a `\r` before it belongs to the line ending, so a position's column never
//! counts it. Positions past the end of a line or of the document are clamped, never a panic.

use std::ops::Range;

/// The units a column is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    /// Bytes of UTF-8 (LSP `utf-8`).
    Utf8,
    /// UTF-16 code units (LSP `utf-16`, the protocol's default).
    #[default]
    Utf16,
    /// Unicode scalar values (LSP `utf-32`; the CLI's "characters").
    Utf32,
}

impl PositionEncoding {
    fn width(self, c: char) -> usize {
        match self {
            PositionEncoding::Utf8 => c.len_utf8(),
            PositionEncoding::Utf16 => c.len_utf16(),
            PositionEncoding::Utf32 => 1,
        }
    }
}

/// A zero-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct LineCol {
    pub line: usize,
    pub col: usize,
}

/// Line starts of one text, for fast offset conversion.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr_newlines(text).map(|i| i + 1));
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte range of line `line` without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let line = line.min(self.starts.len() - 1);
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).map_or(self.len, |&s| s - 1);
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end
    }

    /// The line holding byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte offset to position. An offset inside a character counts from that character's start.
    pub fn position(&self, text: &str, offset: usize, enc: PositionEncoding) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        let col = text[start..offset].chars().map(|c| enc.width(c)).sum();
        LineCol { line, col }
    }

    /// Position to byte offset, clamped: a column past the line's end gives the end of the line
    /// (before any `\r\n`), a line past the end gives the end of the text, and a column that
    /// falls inside a character (half a surrogate pair) gives that character's start.
    pub fn offset(&self, text: &str, pos: LineCol, enc: PositionEncoding) -> usize {
        if pos.line >= self.starts.len() {
            return text.len();
        }
        let range = self.line_range(text, pos.line);
        let mut units = 0;
        for (i, c) in text[range.clone()].char_indices() {
            let w = enc.width(c);
            if units + w > pos.col {
                return range.start + i;
            }
            units += w;
        }
        range.end
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter_map(|(i, b)| (b == b'\n').then_some(i))
}

/// The largest char boundary at or before `i`.
pub fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_surrogate_pairs_twice() {
        let text = "a😀b\nx";
        let idx = LineIndex::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(idx.position(text, b, PositionEncoding::Utf16).col, 3);
        assert_eq!(idx.position(text, b, PositionEncoding::Utf32).col, 2);
        assert_eq!(idx.position(text, b, PositionEncoding::Utf8).col, 5);
        let back = idx.offset(text, LineCol { line: 0, col: 3 }, PositionEncoding::Utf16);
        assert_eq!(back, b);
    }

    #[test]
    fn half_a_surrogate_pair_maps_to_the_character_start() {
        let text = "a😀b";
        let idx = LineIndex::new(text);
        assert_eq!(
            idx.offset(text, LineCol { line: 0, col: 2 }, PositionEncoding::Utf16),
            1
        );
    }

    #[test]
    fn crlf_is_not_part_of_the_line() {
        let text = "one\r\ntwo";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_range(text, 0), 0..3);
        assert_eq!(
            idx.offset(text, LineCol { line: 0, col: 99 }, PositionEncoding::Utf16),
            3
        );
        assert_eq!(
            idx.position(text, 5, PositionEncoding::Utf16),
            LineCol { line: 1, col: 0 }
        );
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let text = "abc";
        let idx = LineIndex::new(text);
        assert_eq!(
            idx.offset(text, LineCol { line: 7, col: 0 }, PositionEncoding::Utf16),
            3
        );
        assert_eq!(idx.position(text, 99, PositionEncoding::Utf16).col, 3);
    }

    #[test]
    fn combining_marks_are_separate_units() {
        let text = "n\u{303}a";
        let idx = LineIndex::new(text);
        assert_eq!(
            idx.position(text, text.len() - 1, PositionEncoding::Utf16)
                .col,
            2
        );
    }
}
