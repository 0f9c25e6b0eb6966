//! ## What it flags
//! Words that blame, label or depersonalise: "failed to engage", "refused", "non-compliant",
//! "manipulative", "attention seeking", "kicked off", "in denial", "the subject child",
//! "the writer". Words inside quotation marks are never flagged: they are someone's own words.
//!
//! ## Why it matters
//! The practice standard asks that children's files are "written clearly and respectfully so it
//! will be comprehensible to the people we are writing about", and that they show "the
//! relationship between you and the child and their family". A label tells the reader what to
//! think; a description lets them see what happened and why. Children read their files as
//! adults, and parents read them in meetings and in court.
//!
//! ## Example
//! Mum failed to engage with the parenting course and was non-compliant with the plan. The
//! subject child kicked off when the writer arrived.
//!
//! ## Instead
//! Mum went to one of the four parenting sessions. She said the evening times clash with her
//! shifts. When I arrived, Ava shouted and threw a cup; she told me she was scared I had come to
//! take her away.

use super::{Context, Meta};
use crate::finding::{Finding, Severity};

pub const META: Meta = Meta {
    id: "respectful",
    default_severity: Severity::Warning,
    summary: "Blaming, labelling or depersonalising words",
};

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    super::jargon::term_findings(
        cx,
        cx.dicts.respectful(),
        META.id,
        "Could you describe what happened, and the person's own view of it?",
        object_case,
        out,
    );
}

/// Words after which "I" must be "me" ("told the writer" -> "told me").
const TAKES_OBJECT: &[&str] = &[
    "by", "to", "with", "told", "asked", "for", "gave", "showed", "from", "tell", "ask", "give",
    "show", "called", "rang", "phoned", "emailed", "thanked", "helped", "met", "saw", "visit",
    "visited", "contacted", "contact", "let", "allowed", "invited", "about", "at", "than",
];

fn object_case(suggestion: String, before: &str) -> String {
    if suggestion == "I" && TAKES_OBJECT.iter().any(|w| w.eq_ignore_ascii_case(before)) {
        "me".to_string()
    } else {
        suggestion
    }
}

#[cfg(test)]
mod tests {
    use crate::{analyse, Config, Finding};

    fn findings(text: &str) -> Vec<Finding> {
        analyse(text, &Config::default())
            .findings
            .into_iter()
            .filter(|f| f.rule == "respectful")
            .collect()
    }

    fn flagged(text: &str) -> Vec<String> {
        findings(text)
            .iter()
            .map(|f| text[f.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn flags_blaming_phrases_in_any_inflection() {
        assert_eq!(
            flagged("Mum failed to engage. Dad fails to engage. Mum is failing to engage."),
            vec!["failed to engage", "fails to engage", "failing to engage"]
        );
        assert_eq!(
            flagged("Ava was attention-seeking and manipulative."),
            vec!["attention-seeking", "manipulative"]
        );
    }

    #[test]
    fn is_a_warning_that_asks_for_a_description() {
        let f = findings("Dad is in denial.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, crate::Severity::Warning);
        assert!(f[0].message.contains("describe what happened"));
        assert!(f[0].suggestions.is_empty());
    }

    #[test]
    fn flags_refused_but_not_refuse_collection_or_being_refused() {
        let f = findings("Ava refused to come down.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].suggestions[0].replacement, "decided not to");
        assert_eq!(flagged("Ava refused her tea."), vec!["refused"]);
        assert!(flagged("The refuse collection is on Monday.").is_empty());
        assert!(flagged("Mum was refused a place at the refuge.").is_empty());
    }

    #[test]
    fn the_writer_becomes_i() {
        let f = findings("The writer visited on Monday.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].suggestions[0].replacement, "I");
        assert!(flagged("Ava is the writer of the poem on her wall.").is_empty());
        let f = findings("Ava told the writer about her day.");
        assert_eq!(f[0].suggestions[0].replacement, "me");
        let f = findings("The writer's view is that Ava is safe.");
        assert_eq!(f[0].suggestions[0].replacement, "My");
    }

    #[test]
    fn labels_for_people_but_not_the_same_words_about_things() {
        assert_eq!(flagged("Dad is an alcoholic."), vec!["an alcoholic"]);
        assert!(flagged("There were no alcoholic drinks in the house.").is_empty());
        assert!(flagged("The mother and baby unit had a room.").is_empty());
        assert!(flagged("The rooms were water resistant.").is_empty());
        assert!(flagged("Her claim that the flat was damp was upheld.").is_empty());
        let f = findings("Mum claimed that Ava was at school.");
        assert_eq!(f[0].suggestions[0].replacement, "said that");
    }

    #[test]
    fn absconded_becomes_ran_away_in_the_same_tense() {
        let f = findings("Ava absconded from the home.");
        assert_eq!(f[0].suggestions[0].replacement, "ran away");
        let f = findings("Ava has been absconding.");
        assert_eq!(f[0].suggestions[0].replacement, "running away");
    }

    #[test]
    fn flags_the_subject_child() {
        assert_eq!(
            flagged("The subject child was at school."),
            vec!["The subject child"]
        );
    }

    #[test]
    fn flags_kicked_off_but_not_kick_off_in_football() {
        assert_eq!(flagged("Ava kicked off at bedtime."), vec!["kicked off"]);
        assert!(flagged("The match kick-off was at three.").is_empty());
    }

    #[test]
    fn quoted_words_of_the_child_are_never_flagged() {
        assert!(flagged("Ava said \"I refused because I was scared\".").is_empty());
        assert!(flagged("Dad said “they think I’m manipulative”.").is_empty());
    }

    #[test]
    fn ignores_pasted_email() {
        let text = "Dad refused to talk.\n\nFrom: Jo\nSubject: Ava\n\nMum failed to engage again.\n";
        let start = text.find("From:").unwrap_or(0);
        let found =
            crate::rules::jargon::tests::with_email_block(text, start..text.len(), super::check);
        assert_eq!(found.len(), 1);
        assert!(found[0].range.end < start);
    }

    #[test]
    fn the_documented_example_is_flagged_and_the_instead_is_clean() {
        let rule = crate::rules::by_id("respectful").expect("registered");
        let count = |text: &str| {
            analyse(text, &Config::default())
                .findings
                .iter()
                .filter(|f| f.rule == "respectful")
                .count()
        };
        assert!(count(&rule.doc_section("Example")) >= 2);
        assert_eq!(count(&rule.doc_section("Instead")), 0);
    }
}
