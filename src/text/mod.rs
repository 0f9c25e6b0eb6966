//! The document model: text positions, Markdown-aware blocks, sentences, words and quotations.
//!
//! Everything here works in byte offsets into the original text. Front ends convert to
//! their own units (UTF-16 for LSP, characters for the CLI) at the edge, through
//! [`position::LineIndex`].

pub mod markdown;
pub mod position;
pub mod quotes;
pub mod segment;

use std::ops::Range;

pub use position::{LineIndex, PositionEncoding};

/// What kind of block a piece of prose came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    TableCell,
}

/// A sentence: its byte range and the byte ranges of its words.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub range: Range<usize>,
    pub words: Vec<Range<usize>>,
}

/// A block of prose (a paragraph, heading, list item or table cell) and its sentences.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub range: Range<usize>,
    pub sentences: Vec<Sentence>,
}

impl Block {
    pub fn word_count(&self) -> usize {
        self.sentences.iter().map(|s| s.words.len()).sum()
    }
}

/// The analysed shape of a note: its prose blocks, the parts that are not prose, and where
/// quoted speech lies.
#[derive(Debug, Clone)]
pub struct Document<'a> {
    pub text: &'a str,
    /// Prose blocks in document order.
    pub blocks: Vec<Block>,
    /// Front matter, if the note starts with a `---` YAML block: the range of its body.
    pub front_matter: Option<Range<usize>>,
    /// Ranges that are not prose: front matter, fenced or indented code, HTML blocks and comments.
    pub non_prose: Vec<Range<usize>>,
    /// Ranges inside quotation marks (the quotation marks included), sorted.
    pub quotes: Vec<Range<usize>>,
    /// The text with ASCII letters lowered (same byte offsets), made once for the word-list
    /// matchers.
    pub lower: String,
}

impl<'a> Document<'a> {
    /// Parse `text` as Markdown (plain text is valid Markdown) and segment its prose.
    pub fn parse(text: &'a str) -> Self {
        let structure = markdown::structure(text);
        let mut blocks = Vec::with_capacity(structure.blocks.len());
        let mut quotes = Vec::new();
        for (kind, range, masks) in structure.blocks {
            let sentences = segment::sentences(text, range.clone(), &masks, kind);
            quotes.extend(quotes::find(text, range.clone()));
            blocks.push(Block {
                kind,
                range,
                sentences,
            });
        }
        Document {
            text,
            blocks,
            front_matter: structure.front_matter,
            non_prose: structure.non_prose,
            quotes,
            lower: text.to_ascii_lowercase(),
        }
    }

    /// All sentences in document order.
    pub fn sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.blocks.iter().flat_map(|b| b.sentences.iter())
    }

    /// Total number of words of prose.
    pub fn word_count(&self) -> usize {
        self.blocks.iter().map(Block::word_count).sum()
    }

    /// Is the byte range inside quoted speech?
    pub fn in_quote(&self, range: &Range<usize>) -> bool {
        contains_range(&self.quotes, range)
    }

    /// The text of a range.
    pub fn slice(&self, range: &Range<usize>) -> &'a str {
        &self.text[range.clone()]
    }
}

/// Does any of the sorted, non-overlapping `ranges` contain `range`?
pub fn contains_range(ranges: &[Range<usize>], range: &Range<usize>) -> bool {
    let idx = ranges.partition_point(|r| r.start <= range.start);
    idx > 0 && ranges[idx - 1].end >= range.end
}

/// Does `range` overlap any of the sorted, non-overlapping `ranges`?
pub fn overlaps_any(ranges: &[Range<usize>], range: &Range<usize>) -> bool {
    let idx = ranges.partition_point(|r| r.end <= range.start);
    idx < ranges.len() && ranges[idx].start < range.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_list_items_and_paragraphs_are_separate_blocks() {
        let doc =
            Document::parse("# Home visit\n\nAva was at home. She was happy.\n\n- Mum\n- Dad\n");
        let kinds: Vec<_> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem
            ]
        );
        assert_eq!(doc.blocks[1].sentences.len(), 2);
        assert_eq!(doc.word_count(), 2 + 7 + 2);
    }

    #[test]
    fn front_matter_code_and_comments_are_not_prose() {
        let text = "---\ntype: case-note\n---\n\nAva smiled.\n\n```\nFrom: code\n```\n\n<!-- a comment -->\n";
        let doc = Document::parse(text);
        assert_eq!(doc.blocks.len(), 1);
        assert_eq!(doc.slice(&doc.blocks[0].range).trim(), "Ava smiled.");
        assert!(doc.front_matter.is_some());
        assert!(doc.non_prose.len() >= 3);
    }

    #[test]
    fn range_helpers() {
        let rs = vec![2..5, 10..20];
        assert!(contains_range(&rs, &(3..5)));
        assert!(!contains_range(&rs, &(4..6)));
        assert!(overlaps_any(&rs, &(4..6)));
        assert!(!overlaps_any(&rs, &(5..10)));
    }
}
