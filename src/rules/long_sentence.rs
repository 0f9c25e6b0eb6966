//! ## What it flags
//! Sentences longer than 25 words (you can change the limit).
//!
//! ## Why it matters
//! The practice standard asks that records are "written clearly" so they are "comprehensible to
//! the people we are writing about". Long sentences are the commonest reason a family, or the
//! child reading their file as an adult, loses the thread. GOV.UK advises sentences of 25 words
//! at most.
//!
//! ## Example
//! During the visit, which took place at the family home on Tuesday afternoon after school, Ava
//! showed me her bedroom and told me about her new friends, and Mum said that things had been
//! much calmer since the last review meeting.
//!
//! ## Instead
//! I visited Ava at home on Tuesday after school. Ava showed me her bedroom and told me about
//! her new friends. Mum said things had been much calmer since the last review.

use super::{Context, Meta};
use crate::finding::{Finding, Severity};

pub const META: Meta = Meta {
    id: "long-sentence",
    default_severity: Severity::Information,
    summary: "Sentences over 25 words (configurable)",
};

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let max = cx.config.rules.long_sentence.max_words;
    for s in cx.doc.sentences() {
        let n = s.words.len();
        if n > max && !cx.in_email(&s.range) {
            out.push(Finding::new(
                META.id,
                s.range.clone(),
                format!(
                    "This sentence has {n} words. Sentences of {max} words or fewer are easier \
                     to follow: could you split it?"
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyse, Config};

    fn count(text: &str) -> usize {
        analyse(text, &Config::default())
            .findings
            .iter()
            .filter(|f| f.rule == "long-sentence")
            .count()
    }

    #[test]
    fn flags_a_sentence_of_26_words() {
        let s = format!("{}.", vec!["word"; 26].join(" "));
        assert_eq!(count(&s), 1);
    }

    #[test]
    fn ignores_a_sentence_of_25_words() {
        let s = format!("{}.", vec!["word"; 25].join(" "));
        assert_eq!(count(&s), 0);
    }

    #[test]
    fn abbreviations_do_not_merge_or_split_sentences() {
        // Twelve words, then "Mr." inside a sentence: one 14-word sentence, not flagged.
        let text = "Mr. Khan and Dr. Patel met Ava at 10.30am to talk about school, e.g. her maths.";
        assert_eq!(count(text), 0);
    }

    #[test]
    fn the_limit_is_configurable() {
        let mut c = Config::default();
        c.rules.long_sentence.max_words = 5;
        let a = analyse("One two three four five six.", &c);
        assert_eq!(a.findings.iter().filter(|f| f.rule == "long-sentence").count(), 1);
    }
}
