//! Open documents: a rope per document with its version, and the conversions between LSP
//! positions and rope indices.
//!
//! Lines end at `\n` only (ropey is built without its CR/Unicode line features), the same
//! lines as the engine's `LineIndex`. A `\r` before `\n` belongs to the line ending: a column
//! past the end of a line lands before it, never between `\r` and `\n`. Every position from
//! the client is clamped, never a panic: a line past the end gives the end of the document,
//! a column past the end of its line gives the end of the line, a column inside a character
//! (half a surrogate pair, the middle of a UTF-8 sequence) gives that character's start.

use std::path::PathBuf;

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

use crate::text::PositionEncoding;

/// One open document.
#[derive(Debug, Clone)]
pub struct Doc {
    pub rope: Rope,
    pub version: i32,
    pub language: String,
    /// The file's path, for `casenote.toml` discovery and the engine's `DocMeta`.
    pub path: Option<PathBuf>,
    /// The `casenote.toml` that applies to the document, if any.
    pub config_path: Option<PathBuf>,
    /// Bumped on every edit and every re-check request; analysis results carry it and are
    /// dropped when it has moved on.
    pub revision: u64,
    /// The last analysis result (of `revision` if current).
    pub last: Option<std::sync::Arc<super::convert::Checked>>,
    /// The revision whose diagnostics were last published.
    pub published: Option<u64>,
}

impl Doc {
    pub fn new(text: &str, version: i32, language: String, path: Option<PathBuf>) -> Self {
        let config_path = path.as_deref().and_then(crate::Config::discover);
        Doc {
            rope: Rope::from_str(text),
            version,
            language,
            path,
            config_path,
            revision: 0,
            last: None,
            published: None,
        }
    }

    /// Apply the content changes of one `didChange`, in order.
    pub fn apply(&mut self, changes: Vec<TextDocumentContentChangeEvent>, enc: PositionEncoding) {
        for change in changes {
            apply_change(&mut self.rope, change.range, &change.text, enc);
        }
    }
}

/// Apply one change (a range edit, or the whole text when `range` is `None`).
pub fn apply_change(rope: &mut Rope, range: Option<Range>, text: &str, enc: PositionEncoding) {
    match range {
        None => *rope = Rope::from_str(text),
        Some(r) => {
            let a = to_char(rope, r.start, enc);
            let b = to_char(rope, r.end, enc);
            let (a, b) = if b < a { (b, a) } else { (a, b) };
            if a < b {
                rope.remove(a..b);
            }
            if !text.is_empty() {
                rope.insert(a, text);
            }
        }
    }
}

/// LSP position to a char index in the rope, clamped.
pub fn to_char(rope: &Rope, pos: Position, enc: PositionEncoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let slice = rope.line(line);
    let mut n = slice.len_chars();
    if n > 0 && slice.char(n - 1) == '\n' {
        n -= 1;
    }
    // As `LineIndex::line_range`: a `\r` ending the line's content belongs to its ending.
    if n > 0 && slice.char(n - 1) == '\r' {
        n -= 1;
    }
    let end = start + n;
    let col = pos.character as usize;
    match enc {
        PositionEncoding::Utf32 => start + col.min(n),
        PositionEncoding::Utf16 => {
            let base = rope.char_to_utf16_cu(start);
            let limit = rope.char_to_utf16_cu(end);
            let target = base.saturating_add(col).min(limit);
            // ropey floors an index inside a surrogate pair to the character's start.
            rope.utf16_cu_to_char(target).clamp(start, end)
        }
        PositionEncoding::Utf8 => {
            let base = rope.char_to_byte(start);
            let limit = rope.char_to_byte(end);
            let target = base.saturating_add(col).min(limit);
            rope.byte_to_char(target).clamp(start, end)
        }
    }
}

/// A byte offset of `text` (the document's text) to an LSP position.
pub fn position(
    index: &crate::text::LineIndex,
    text: &str,
    offset: usize,
    enc: PositionEncoding,
) -> Position {
    let lc = index.position(text, offset, enc);
    Position::new(
        u32::try_from(lc.line).unwrap_or(u32::MAX),
        u32::try_from(lc.col).unwrap_or(u32::MAX),
    )
}

/// A byte range of `text` to an LSP range.
pub fn range(
    index: &crate::text::LineIndex,
    text: &str,
    r: &std::ops::Range<usize>,
    enc: PositionEncoding,
) -> Range {
    Range::new(
        position(index, text, r.start, enc),
        position(index, text, r.end, enc),
    )
}

/// An LSP position to a byte offset of `text`, clamped (the reference the tests compare with).
#[cfg(test)]
pub fn offset(
    index: &crate::text::LineIndex,
    text: &str,
    pos: Position,
    enc: PositionEncoding,
) -> usize {
    index.offset(
        text,
        crate::text::position::LineCol {
            line: pos.line as usize,
            col: pos.character as usize,
        },
        enc,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::LineIndex;
    use proptest::prelude::*;

    fn p(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    /// The reference: apply an edit to a String using the engine's own LineIndex.
    fn apply_to_string(s: &mut String, r: Range, text: &str, enc: PositionEncoding) {
        let idx = LineIndex::new(s);
        let a = offset(&idx, s, r.start, enc);
        let b = offset(&idx, s, r.end, enc);
        let (a, b) = if b < a { (b, a) } else { (a, b) };
        s.replace_range(a..b, text);
    }

    #[test]
    fn typing_across_an_emoji_and_a_crlf_matches_a_full_sync() {
        let enc = PositionEncoding::Utf16;
        let mut rope = Rope::from_str("Ava 😀 smiled\r\nMum said");
        // After the emoji (a surrogate pair: columns 4 and 5) and the space.
        apply_change(&mut rope, Some(Range::new(p(0, 7), p(0, 7))), "and ", enc);
        assert_eq!(rope.to_string(), "Ava 😀 and smiled\r\nMum said");
        // A column past the end of line 0 lands before the CRLF.
        apply_change(&mut rope, Some(Range::new(p(0, 99), p(0, 99))), ".", enc);
        assert_eq!(rope.to_string(), "Ava 😀 and smiled.\r\nMum said");
        // Join the lines: delete from the end of line 0 to the start of line 1.
        apply_change(&mut rope, Some(Range::new(p(0, 18), p(1, 0))), " ", enc);
        assert_eq!(rope.to_string(), "Ava 😀 and smiled. Mum said");
        // Half a surrogate pair maps to the emoji's start; replace the emoji.
        assert_eq!(to_char(&rope, p(0, 5), enc), 4);
        apply_change(&mut rope, Some(Range::new(p(0, 4), p(0, 6))), "🙂", enc);
        assert_eq!(rope.to_string(), "Ava 🙂 and smiled. Mum said");
        // Past the end of the document.
        apply_change(&mut rope, Some(Range::new(p(9, 0), p(9, 9))), "!", enc);
        assert_eq!(rope.to_string(), "Ava 🙂 and smiled. Mum said!");
    }

    #[test]
    fn utf8_columns_count_bytes() {
        let mut rope = Rope::from_str("café time");
        apply_change(
            &mut rope,
            Some(Range::new(p(0, 5), p(0, 5))),
            "!",
            PositionEncoding::Utf8,
        );
        assert_eq!(rope.to_string(), "café! time");
    }

    #[test]
    fn a_lone_carriage_return_is_not_a_line_break() {
        let rope = Rope::from_str("a\rb\nc");
        assert_eq!(rope.len_lines(), 2);
        assert_eq!(to_char(&rope, p(1, 0), PositionEncoding::Utf16), 4);
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("a"),
                Just("word "),
                Just("\n"),
                Just("\r\n"),
                Just("é"),
                Just("n\u{303}"),
                Just("😀"),
                Just("👩‍👧"),
                Just("中"),
                Just(". "),
            ],
            0..12,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn random_edits_keep_the_rope_equal_to_a_string(
            initial in text_strategy(),
            edits in proptest::collection::vec(
                (0u32..6, 0u32..14, 0u32..6, 0u32..14, text_strategy()), 1..25),
            utf8 in any::<bool>(),
        ) {
            let enc = if utf8 { PositionEncoding::Utf8 } else { PositionEncoding::Utf16 };
            let mut rope = Rope::from_str(&initial);
            let mut reference = initial.clone();
            for (l1, c1, l2, c2, text) in edits {
                let r = Range::new(p(l1, c1), p(l2, c2));
                apply_change(&mut rope, Some(r), &text, enc);
                apply_to_string(&mut reference, r, &text, enc);
                prop_assert_eq!(rope.to_string(), reference.clone());
            }
            // Every diagnostic range lies inside the document.
            let text = rope.to_string();
            let idx = LineIndex::new(&text);
            let analysis = crate::analyse(&text, &crate::Config::default());
            for f in &analysis.findings {
                let r = range(&idx, &text, &f.range, enc);
                prop_assert!(r.start <= r.end);
                for pos in [r.start, r.end] {
                    prop_assert!((pos.line as usize) < idx.line_count());
                    let line = idx.line_range(&text, pos.line as usize);
                    let len: usize = text[line].chars().map(|c| match enc {
                        PositionEncoding::Utf8 => c.len_utf8(),
                        PositionEncoding::Utf16 => c.len_utf16(),
                        PositionEncoding::Utf32 => 1,
                    }).sum();
                    prop_assert!(pos.character as usize <= len);
                }
            }
        }
    }
}
