//! Sentence and word segmentation of one prose block.
//!
//! Words come from Unicode word boundaries (UAX #29, via unicode-segmentation), so "10.30am",
//! "6.2kg", "s47" and "don't" are one word each. Sentences end at `.`, `!`, `?` or `…`
//! followed by space and a capital, digit or opening mark, except after abbreviations
//! ("Mr.", "Dr.", "e.g.", "No. 4") and initials ("J. S."). A line break ends a sentence when
//! the next line starts with a capital and the line before does not obviously run on, so the
//! lines of a template ("Date of visit: 20/11/2026" / "Present: Mum, Ava") are sentences too.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::{overlaps_any, BlockKind, Sentence};

/// Abbreviations after which a full stop never ends a sentence (lower case, without dots).
const NEVER_END: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "st", "eg", "ie", "vs", "cf", "approx", "dept", "tel",
    "mob", "ext", "nr", "ref", "fig", "dob", "insp", "sgt", "cllr", "rev", "hon", "jr", "sr",
];

/// Abbreviations that end a sentence only when a capital follows and the word after is not a
/// number ("No. 4" is one sentence; "etc. She left" is two).
const END_IF_CAPITAL: &[&str] = &["etc", "am", "pm", "no", "inc", "ltd", "co"];

/// Words at the end of a line after which the next line continues the same sentence.
const RUN_ON: &[&str] = &[
    "and", "or", "but", "the", "a", "an", "to", "of", "with", "for", "in", "on", "at", "by",
    "from", "that", "who", "which", "as", "is", "was", "were", "are", "be", "her", "his", "their",
    "my", "our", "your", "if", "because", "so", "than", "then", "when", "where", "while", "into",
];

pub fn words(text: &str, range: Range<usize>, masks: &[Range<usize>]) -> Vec<Range<usize>> {
    let base = range.start;
    let s = &text[range];
    let mut out = Vec::with_capacity(s.len() / 5 + 1);
    if s.chars().all(is_simple) {
        simple_words(s, base, &mut out);
    } else {
        out.extend(
            s.split_word_bound_indices()
                .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
                .map(|(i, w)| base + i..base + i + w.len()),
        );
    }
    if !masks.is_empty() {
        out.retain(|r| !overlaps_any(masks, r));
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// Joins letters only (UAX #29 MidLetter).
    MidLetter,
    /// Joins letters or digits (MidNumLet: full stop, apostrophes).
    MidNumLet,
    /// Joins digits only (MidNum).
    MidNum,
    /// Joins anything (ExtendNumLet: underscore).
    Extend,
    Other,
}

/// Characters the fast path classifies exactly as UAX #29 does; text with any other character
/// takes the full Unicode algorithm.
fn is_simple(c: char) -> bool {
    c.is_ascii()
        || matches!(
            c,
            '’' | '‘' | '“' | '”' | '–' | '—' | '…' | '£' | '€' | '°' | '\u{a0}'
        )
        || (('\u{c0}'..='\u{24f}').contains(&c) && c.is_alphabetic())
}

fn class(c: char) -> Class {
    match c {
        'a'..='z' | 'A'..='Z' => Class::Letter,
        '0'..='9' => Class::Digit,
        ':' => Class::MidLetter,
        '.' | '\'' | '’' => Class::MidNumLet,
        ',' | ';' => Class::MidNum,
        '_' => Class::Extend,
        c if !c.is_ascii() && c.is_alphabetic() => Class::Letter,
        _ => Class::Other,
    }
}

/// UAX #29 word boundaries for text of [`is_simple`] characters, keeping only words with a
/// letter or digit.
fn simple_words(s: &str, base: usize, out: &mut Vec<Range<usize>>) {
    let chars: Vec<(usize, Class)> = s.char_indices().map(|(i, c)| (i, class(c))).collect();
    let alnum = |k: usize| {
        matches!(
            chars.get(k).map(|c| c.1),
            Some(Class::Letter | Class::Digit)
        )
    };
    let mut k = 0;
    while k < chars.len() {
        let (start, cls) = chars[k];
        if !matches!(cls, Class::Letter | Class::Digit | Class::Extend) {
            k += 1;
            continue;
        }
        let mut has_alnum = cls != Class::Extend;
        let mut j = k + 1;
        while j < chars.len() {
            let prev = chars[j - 1].1;
            let cur = chars[j].1;
            match cur {
                Class::Letter | Class::Digit | Class::Extend => {
                    has_alnum |= cur != Class::Extend;
                    j += 1;
                }
                Class::MidLetter | Class::MidNumLet | Class::MidNum => {
                    let next = chars.get(j + 1).map(|c| c.1);
                    let joins = match (prev, next) {
                        (Class::Letter, Some(Class::Letter)) => cur != Class::MidNum,
                        (Class::Digit, Some(Class::Digit)) => cur != Class::MidLetter,
                        _ => false,
                    };
                    if joins && alnum(j + 1) {
                        j += 2;
                    } else {
                        break;
                    }
                }
                Class::Other => break,
            }
        }
        let end = chars.get(j).map_or(s.len(), |c| c.0);
        if has_alnum {
            out.push(base + start..base + end);
        }
        k = j;
    }
}

pub fn sentences(
    text: &str,
    range: Range<usize>,
    masks: &[Range<usize>],
    kind: BlockKind,
) -> Vec<Sentence> {
    let words = words(text, range.clone(), masks);
    if words.is_empty() {
        return Vec::new();
    }
    if kind == BlockKind::Heading {
        let start = words[0].start;
        let end = trailing_punct_end(text, words[words.len() - 1].end, range.end);
        return vec![Sentence {
            range: start..end,
            words,
        }];
    }

    let mut out = Vec::new();
    let mut current: Vec<Range<usize>> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        current.push(w.clone());
        let Some(next) = words.get(i + 1) else { break };
        let gap = &text[w.end..next.start];
        if ends_sentence(text, w, gap, next) {
            let end = w.end + sentence_punct_len(gap);
            let start = current[0].start;
            out.push(Sentence {
                range: start..end,
                words: std::mem::take(&mut current),
            });
        }
    }
    if !current.is_empty() {
        let start = current[0].start;
        let end = trailing_punct_end(text, current[current.len() - 1].end, range.end);
        out.push(Sentence {
            range: start..end,
            words: current,
        });
    }
    out
}

/// Length of the sentence-ending punctuation (with closing quotes and brackets) at the start of
/// `gap`.
fn sentence_punct_len(gap: &str) -> usize {
    gap.char_indices()
        .find(|&(_, c)| !(is_terminator(c) || is_closer(c) || c == '*' || c == '_'))
        .map_or(gap.len(), |(i, _)| i)
}

fn trailing_punct_end(text: &str, from: usize, limit: usize) -> usize {
    let limit = limit.max(from);
    from + sentence_punct_len(&text[from..limit])
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '’' | '”' | ')' | ']')
}

fn starts_like_sentence(word: &str, gap_tail: &str) -> bool {
    let first = word.chars().next().unwrap_or(' ');
    first.is_uppercase()
        || first.is_numeric()
        || gap_tail
            .chars()
            .any(|c| matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '-' | '*' | '•'))
}

fn ends_sentence(text: &str, word: &Range<usize>, gap: &str, next: &Range<usize>) -> bool {
    let next_word = &text[next.clone()];
    let punct = sentence_punct_len(gap);
    let has_terminator = gap[..punct].chars().any(is_terminator);
    let rest = &gap[punct..];
    if has_terminator {
        if !rest.starts_with(char::is_whitespace) {
            return false;
        }
        if !starts_like_sentence(next_word, rest) {
            return false;
        }
        let only_full_stop = gap[..punct].trim_end_matches(is_closer) == ".";
        if only_full_stop {
            let w = &text[word.clone()];
            return !is_abbreviation(text, word, w, next_word);
        }
        return true;
    }
    // No terminator: a line break may still end the sentence (template lines, lists in plain
    // text).
    if gap.contains('\n') {
        let before = gap.split('\n').next().unwrap_or("");
        if before.trim().ends_with([',', ';', '-', '–']) {
            return false;
        }
        let w = text[word.clone()].to_lowercase();
        if RUN_ON.contains(&w.as_str()) {
            return false;
        }
        return starts_like_sentence(next_word, gap.rsplit('\n').next().unwrap_or(""));
    }
    false
}

fn is_abbreviation(text: &str, word: &Range<usize>, w: &str, next_word: &str) -> bool {
    // A single capital letter is an initial ("J. Smith").
    let mut chars = w.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    // Dotted abbreviations: "e.g", "i.e", "a.m" reach us as the last word before the dot;
    // look back for "x.y" shapes.
    let lower = dotted_word_before(text, word.end).to_lowercase();
    let key: String = lower.chars().filter(|c| *c != '.').collect();
    if NEVER_END.contains(&key.as_str()) {
        return true;
    }
    if END_IF_CAPITAL.contains(&key.as_str()) {
        let first = next_word.chars().next().unwrap_or(' ');
        return first.is_numeric() || !first.is_uppercase();
    }
    false
}

/// The run of letters and dots that ends at `end` ("e.g", "a.m", "Mr").
fn dotted_word_before(text: &str, end: usize) -> &str {
    let head = &text[..end];
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(end, |(i, _)| i);
    &text[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, 0..text.len(), &[], BlockKind::Paragraph)
            .into_iter()
            .map(|s| &text[s.range])
            .collect()
    }

    #[test]
    fn titles_and_latin_abbreviations_do_not_end_sentences() {
        assert_eq!(
            split("Mr. Smith and Dr. Patel met Mrs. Jones. They talked."),
            vec!["Mr. Smith and Dr. Patel met Mrs. Jones.", "They talked."]
        );
        assert_eq!(
            split("Bring things e.g. Toys, i.e. Lego. Then go."),
            vec!["Bring things e.g. Toys, i.e. Lego.", "Then go."]
        );
    }

    #[test]
    fn numbers_times_and_initials_stay_in_one_sentence() {
        assert_eq!(
            split("Ava weighed 6.2kg at 10.30am. Seen by J. S. Khan at No. 4 Elm Road. Good."),
            vec![
                "Ava weighed 6.2kg at 10.30am.",
                "Seen by J. S. Khan at No. 4 Elm Road.",
                "Good."
            ]
        );
    }

    #[test]
    fn etc_ends_a_sentence_only_before_a_capital() {
        assert_eq!(
            split("Toys, books etc. were there. We left etc. Then Mum rang."),
            vec![
                "Toys, books etc. were there.",
                "We left etc.",
                "Then Mum rang."
            ]
        );
    }

    #[test]
    fn template_lines_are_sentences_but_wrapped_prose_is_not() {
        assert_eq!(
            split("Date of visit: 20/11/2026\nPresent: Mum, Ava\nAva showed me her room and\nher new books."),
            vec![
                "Date of visit: 20/11/2026",
                "Present: Mum, Ava",
                "Ava showed me her room and\nher new books."
            ]
        );
    }

    #[test]
    fn question_and_exclamation_marks_with_quotes() {
        assert_eq!(
            split("Ava said \"I like it here!\" Mum agreed. Why? Because."),
            vec![
                "Ava said \"I like it here!\"",
                "Mum agreed.",
                "Why?",
                "Because."
            ]
        );
    }

    fn uax29(text: &str) -> Vec<&str> {
        text.split_word_bound_indices()
            .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
            .map(|(_, w)| w)
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn the_fast_word_path_agrees_with_unicode_word_boundaries(
            text in "[a-zA-Z0-9 .,:;'’_!?()é\\-]{0,40}"
        ) {
            let fast: Vec<&str> = words(&text, 0..text.len(), &[])
                .into_iter()
                .map(|r| &text[r])
                .collect();
            proptest::prop_assert_eq!(fast, uax29(&text));
        }
    }

    #[test]
    fn words_skip_punctuation_and_keep_numbers_whole() {
        let text = "Ava (6) visited at 10.30am - s47 started.";
        let w: Vec<_> = words(text, 0..text.len(), &[])
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            w,
            vec!["Ava", "6", "visited", "at", "10.30am", "s47", "started"]
        );
    }
}
