//! ## What it flags
//! Paragraphs of more than 120 words or more than 6 sentences (you can change both limits).
//!
//! ## Why it matters
//! The practice standard asks that case notes "should be concise and only include information
//! that is relevant". A long block of text is hard to read and hides the important part. One
//! paragraph for each topic (what you saw, what the child said, what happens next) keeps a
//! record easy to follow.
//!
//! ## Example
//! A single paragraph that covers the journey, the home, what Ava said, what Mum said, the
//! school's view and the next steps, one after another.
//!
//! ## Instead
//! Split it: one short paragraph for what Ava said and showed, one for what Mum said, one for
//! what was agreed and who will do what by when.

use super::{Context, Meta};
use crate::finding::{Finding, Severity};
use crate::text::BlockKind;

pub const META: Meta = Meta {
    id: "long-paragraph",
    default_severity: Severity::Information,
    summary: "Paragraphs over 120 words or 6 sentences (configurable)",
};

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let settings = &cx.config.rules.long_paragraph;
    for block in &cx.doc.blocks {
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) {
            continue;
        }
        let Some(first) = block.sentences.first() else {
            continue;
        };
        if cx.in_email(&first.range) || is_dated_lines(cx, &block.range) {
            continue;
        }
        let words = block.word_count();
        let sentences = block.sentences.len();
        let why = if words > settings.max_words {
            format!("{words} words (the limit is {})", settings.max_words)
        } else if sentences > settings.max_sentences {
            format!("{sentences} sentences (the limit is {})", settings.max_sentences)
        } else {
            continue;
        };
        // Underline the first sentence only: a whole paragraph of squiggles is hard to read.
        out.push(Finding::new(
            META.id,
            first.range.clone(),
            format!(
                "This paragraph has {why}. Shorter paragraphs, one topic each, are easier to \
                 read: could you split it?"
            ),
        ));
    }
}

/// A chronology's run of dated lines ("20/11/2026 – ...") is a list of entries, not one long
/// paragraph.
fn is_dated_lines(cx: &Context, range: &std::ops::Range<usize>) -> bool {
    cx.record.kind == crate::record::DocKind::Chronology
        && cx
            .doc
            .slice(range)
            .lines()
            .filter(|l| crate::record::date::leading_date(l).is_some())
            .count()
            >= 2
}

#[cfg(test)]
mod tests {
    use crate::{analyse, Config};

    fn findings(text: &str) -> Vec<String> {
        analyse(text, &Config::default())
            .findings
            .into_iter()
            .filter(|f| f.rule == "long-paragraph")
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn flags_a_paragraph_of_seven_short_sentences() {
        let text = "Ava smiled. She ate. She played. She read. She drew. She sang. She slept.";
        let f = findings(text);
        assert_eq!(f.len(), 1);
        assert!(f[0].contains("7 sentences"));
    }

    #[test]
    fn flags_a_paragraph_of_over_120_words() {
        let sentence = "Ava told me about her day at school and her friends. ";
        let text = sentence.repeat(6); // 66 words, 6 sentences: fine
        assert!(findings(&text).is_empty());
        let text = format!("{}{}", sentence.repeat(5), "word ".repeat(70));
        assert!(findings(&text)[0].contains("words"));
    }

    #[test]
    fn separate_paragraphs_are_counted_separately() {
        let text = "Ava smiled. She ate. She played.\n\nShe read. She drew. She sang. She slept.";
        assert!(findings(text).is_empty());
    }

    #[test]
    fn a_chronology_of_dated_lines_is_not_one_long_paragraph() {
        let lines: String = (1..=9)
            .map(|d| format!("0{d}/11/2026 – Visit. Impact: Ava was pleased.\n"))
            .collect();
        let chronology = format!("---\ntype: chronology\n---\n\n{lines}");
        assert!(findings(&chronology).is_empty());
        // The same lines in a case note are still one paragraph of 9 sentences.
        assert_eq!(findings(&lines).len(), 1);
    }
}
