//! Markdown structure with source offsets: which parts of a note are prose, and of what kind.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser as MdParser, Tag, TagEnd};

use super::BlockKind;

/// The blocks of prose (with inline ranges to mask: code spans, inline HTML, link targets),
/// and the ranges that are not prose.
#[derive(Debug, Default)]
pub struct Structure {
    pub blocks: Vec<(BlockKind, Range<usize>, Vec<Range<usize>>)>,
    pub front_matter: Option<Range<usize>>,
    pub non_prose: Vec<Range<usize>>,
}

struct Leaf {
    kind: BlockKind,
    range: Range<usize>,
    masks: Vec<Range<usize>>,
}

pub fn structure(text: &str) -> Structure {
    let mut out = Structure::default();
    let opts = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut leaf: Option<Leaf> = None;
    // Text directly inside a tight list item (no paragraph around it).
    let mut item_text: Option<Leaf> = None;
    let mut item_depth = 0usize;
    let mut links: Vec<(Range<usize>, usize)> = Vec::new();

    for (event, range) in MdParser::new_ext(text, opts).into_offset_iter() {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => {
                out.non_prose.push(range.clone());
                if range.start == 0 {
                    out.front_matter = Some(range);
                }
            }
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) => {
                out.non_prose.push(range);
            }
            Event::Start(Tag::Item) => {
                flush(&mut item_text, &mut out);
                item_depth += 1;
            }
            Event::End(TagEnd::Item) => {
                flush(&mut item_text, &mut out);
                item_depth = item_depth.saturating_sub(1);
            }
            Event::Start(Tag::List(_)) => flush(&mut item_text, &mut out),
            Event::Start(Tag::Paragraph)
            | Event::Start(Tag::Heading { .. })
            | Event::Start(Tag::TableCell) => {
                flush(&mut item_text, &mut out);
                let kind = match event {
                    Event::Start(Tag::Heading { .. }) => BlockKind::Heading,
                    Event::Start(Tag::TableCell) => BlockKind::TableCell,
                    _ if item_depth > 0 => BlockKind::ListItem,
                    _ => BlockKind::Paragraph,
                };
                leaf = Some(Leaf {
                    kind,
                    range,
                    masks: Vec::new(),
                });
            }
            Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Heading(_))
            | Event::End(TagEnd::TableCell) => flush(&mut leaf, &mut out),
            Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => {
                links.push((range.clone(), range.start + 1));
                extend_item(&mut leaf, &mut item_text, item_depth, range);
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if let Some((link, text_end)) = links.pop() {
                    if text_end < link.end {
                        add_mask(&mut leaf, &mut item_text, text_end..link.end);
                    }
                }
            }
            Event::Text(_) => {
                if let Some(last) = links.last_mut() {
                    last.1 = range.end;
                }
                extend_item(&mut leaf, &mut item_text, item_depth, range);
            }
            Event::Code(_) | Event::InlineHtml(_) | Event::InlineMath(_) => {
                extend_item(&mut leaf, &mut item_text, item_depth, range.clone());
                add_mask(&mut leaf, &mut item_text, range);
            }
            Event::Html(_) => {
                // HTML inside a paragraph (e.g. a comment spanning lines).
                add_mask(&mut leaf, &mut item_text, range);
            }
            _ => {}
        }
    }
    flush(&mut leaf, &mut out);
    flush(&mut item_text, &mut out);
    out.blocks.sort_by_key(|b| b.1.start);
    out.non_prose.sort_by_key(|r| r.start);
    out
}

fn flush(leaf: &mut Option<Leaf>, out: &mut Structure) {
    if let Some(l) = leaf.take() {
        if l.range.start < l.range.end {
            out.blocks.push((l.kind, l.range, l.masks));
        }
    }
}

fn extend_item(
    leaf: &mut Option<Leaf>,
    item_text: &mut Option<Leaf>,
    item_depth: usize,
    range: Range<usize>,
) {
    if leaf.is_some() || item_depth == 0 {
        return;
    }
    match item_text {
        Some(l) => l.range.end = l.range.end.max(range.end),
        None => {
            *item_text = Some(Leaf {
                kind: BlockKind::ListItem,
                range,
                masks: Vec::new(),
            })
        }
    }
}

fn add_mask(leaf: &mut Option<Leaf>, item_text: &mut Option<Leaf>, range: Range<usize>) {
    if let Some(l) = leaf.as_mut().or(item_text.as_mut()) {
        l.masks.push(range);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tight_list_items_are_blocks() {
        let s = structure("- one thing\n- another thing\n");
        assert_eq!(s.blocks.len(), 2);
        assert!(s.blocks.iter().all(|b| b.0 == BlockKind::ListItem));
    }

    #[test]
    fn table_cells_are_blocks() {
        let s = structure("| Date | Event |\n|---|---|\n| 20/11/2026 | Visit |\n");
        assert_eq!(s.blocks.len(), 4);
        assert!(s.blocks.iter().all(|b| b.0 == BlockKind::TableCell));
    }

    #[test]
    fn inline_code_and_link_targets_are_masked() {
        let text = "See [the plan](https://example.org/plan) and `code`.";
        let s = structure(text);
        assert_eq!(s.blocks.len(), 1);
        let masks = &s.blocks[0].2;
        assert!(masks
            .iter()
            .any(|m| text[m.clone()].contains("example.org")));
        assert!(masks.iter().any(|m| &text[m.clone()] == "`code`"));
    }
}
