//! ## What it flags
//! A case note of more than 800 words (you can change the limit). Pasted e-mail, front matter
//! and code are not counted. Chronologies and overviews are not checked.
//!
//! ## Why it matters
//! The practice standard asks that case notes "should be concise and only include information
//! that is relevant to the person, or the support being provided". A long note buries what
//! matters: the child's words, the worries, what was agreed. The child may read it one day.
//!
//! ## Example
//! A 1,200-word note of a home visit that retells the referral, the journey and every topic
//! discussed in order.
//!
//! ## Instead
//! A note of 400 words: what Ava said and showed, what was seen, what the adults said, what it
//! means for Ava, and who will do what by when. The history belongs in the chronology.

use super::{Context, Meta};
use crate::finding::{Finding, Severity};
use crate::record::DocKind;

pub const META: Meta = Meta {
    id: "long-note",
    default_severity: Severity::Hint,
    summary: "Case notes over 800 words (configurable)",
};

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    if cx.record.kind != DocKind::CaseNote {
        return;
    }
    let max = cx.config.rules.long_note.max_words;
    let mut words = 0;
    let mut first = None;
    for s in cx.doc.sentences() {
        if cx.in_email(&s.range) {
            continue;
        }
        words += s.words.len();
        first.get_or_insert_with(|| s.range.clone());
    }
    let Some(first) = first else {
        return;
    };
    if words > max {
        out.push(Finding::new(
            META.id,
            first,
            format!(
                "This note has {words} words, more than {max}; the standard asks for concise \
                 notes. Could some of it be summarised or left out?"
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyse, Config, DocMeta, Engine};

    fn messages(text: &str, config: &Config) -> Vec<String> {
        analyse(text, config)
            .findings
            .into_iter()
            .filter(|f| f.rule == "long-note")
            .map(|f| f.message)
            .collect()
    }

    fn note(words: usize) -> String {
        let sentence = "Ava showed me her drawing of the family at home. ";
        let n = words / 10;
        let mut s = String::from("# Home visit\n\n");
        for i in 0..n {
            s.push_str(sentence);
            if i % 5 == 4 {
                s.push_str("\n\n");
            }
        }
        s
    }

    #[test]
    fn flags_a_note_over_800_words() {
        // 2 heading words + 810 words of prose.
        let m = messages(&note(810), &Config::default());
        assert_eq!(m.len(), 1);
        assert!(m[0].starts_with("This note has 812 words, more than 800"));
    }

    #[test]
    fn accepts_a_note_of_790_words() {
        assert!(messages(&note(790), &Config::default()).is_empty());
    }

    #[test]
    fn the_limit_is_configurable() {
        let mut c = Config::default();
        c.rules.long_note.max_words = 1000;
        assert!(messages(&note(810), &c).is_empty());
    }

    #[test]
    fn chronologies_and_overviews_are_not_counted() {
        let text = format!("---\ntype: chronology\n---\n\n{}", note(900));
        assert!(messages(&text, &Config::default()).is_empty());
        let meta = DocMeta {
            path: Some("ava.overview.md".into()),
            today: None,
        };
        let a = Engine::new(Config::default()).unwrap().analyse(&note(900), &meta);
        assert!(a.findings.iter().all(|f| f.rule != "long-note"));
    }
}
