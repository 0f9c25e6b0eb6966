//! ## What it flags
//! A professional disagreement, dispute or escalation mentioned with no record of how it was
//! addressed or what came of it. It looks for "professional disagreement", "escalation
//! policy", or "disagreed", "dispute", "challenged", "escalated to" with a professional or
//! agency in the same sentence (the school, the IRO, health, a manager), and then, in the rest
//! of that paragraph and the next, for an outcome or next step: "resolved", "agreed",
//! "outcome", "decided", "awaiting", "will", "escalated to", "meeting". A family member
//! disagreeing ("Mum disagreed with the plan") is not a professional disagreement.
//!
//! ## Why it matters
//! The practice standard says "files should show how professional disagreements and disputes
//! have been addressed". A disagreement left hanging tells the next reader that something was
//! contested, but not what was decided for the child, by whom, or why.
//!
//! ## Example
//! The school disagreed with our decision to step the plan down to early help.
//!
//! ## Instead
//! The school disagreed with our decision to step the plan down to early help. I discussed
//! this with my team manager on 21/11/2026; we agreed to keep the child in need plan for
//! another three months and I told the head teacher the same day.

use std::sync::OnceLock;

use super::cues::{self, Lexicon};
use super::{Context, Meta};
use crate::finding::{Finding, Severity};

pub const META: Meta = Meta {
    id: "disagreement",
    default_severity: Severity::Warning,
    summary: "A professional disagreement or escalation with no record of how it was addressed",
};

/// Always about professionals.
const PROFESSIONAL: u8 = 0;
/// Needs a professional in the same sentence.
const NEEDS_CONTEXT: u8 = 1;

fn cues_lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::new(&[
            ("professional disagreement", PROFESSIONAL),
            ("professional disagreements", PROFESSIONAL),
            ("professional dispute", PROFESSIONAL),
            ("professional challenge", PROFESSIONAL),
            ("escalation policy", PROFESSIONAL),
            ("escalation process", PROFESSIONAL),
            ("escalation protocol", PROFESSIONAL),
            ("escalation procedure", PROFESSIONAL),
            ("resolution protocol", PROFESSIONAL),
            ("dispute resolution", PROFESSIONAL),
            ("disagreement", NEEDS_CONTEXT),
            ("disagreements", NEEDS_CONTEXT),
            ("disagreed", NEEDS_CONTEXT),
            ("disagrees", NEEDS_CONTEXT),
            ("dispute", NEEDS_CONTEXT),
            ("disputed", NEEDS_CONTEXT),
            ("disputes", NEEDS_CONTEXT),
            ("challenged the decision", NEEDS_CONTEXT),
            ("challenged the plan", NEEDS_CONTEXT),
            ("challenged the threshold", NEEDS_CONTEXT),
            ("did not agree", NEEDS_CONTEXT),
            ("didn't agree", NEEDS_CONTEXT),
            ("does not agree", NEEDS_CONTEXT),
            ("do not agree", NEEDS_CONTEXT),
            ("escalated the disagreement", PROFESSIONAL),
            ("escalated our disagreement", PROFESSIONAL),
            ("escalated their disagreement", PROFESSIONAL),
        ])
    })
}

/// Professionals and agencies (not family).
fn professionals() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::plain(&[
            "school", "head teacher", "headteacher", "teacher", "nursery", "college", "health",
            "health visitor", "school nurse", "gp", "doctor", "paediatrician", "police", "iro",
            "independent reviewing officer", "camhs", "manager", "team manager",
            "service manager", "head of service", "agency", "agencies", "professional",
            "professionals", "partner agency", "housing", "probation", "conference chair",
            "chair", "mash", "legal", "our decision", "the threshold", "threshold",
        ])
    })
}

/// Signs of how it was addressed, or what happens next.
fn resolution() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::plain(&[
            "resolved", "resolve", "resolution", "agreed", "now agree", "agreement", "outcome",
            "concluded", "decided", "addressed", "settled", "compromise", "responded",
            "replied", "response", "awaiting", "pending", "will", "next step", "next steps",
            "accepted", "upheld", "overturned", "withdrew", "withdrawn", "escalated to",
            "was escalated", "has been escalated", "discussed with", "raised with", "meeting",
            "arranged", "confirmed",
        ])
    })
}

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let blocks: Vec<_> = cx
        .doc
        .blocks
        .iter()
        .filter(|b| cues::is_prose(cx, b))
        .collect();
    for (bi, block) in blocks.iter().enumerate() {
        let found = block.sentences.iter().find_map(|s| {
            cues_lexicon()
                .find(cx.text, s.range.clone())
                .find(|(r, tag)| is_professional(cx, s, r, *tag))
                .map(|(r, _)| r)
        });
        let Some(r) = found else { continue };
        let window_end = blocks.get(bi + 1).map_or(block.range.end, |b| b.range.end);
        let addressed = resolution()
            .find(cx.text, r.end..window_end)
            .any(|(m, _)| !cx.doc.in_quote(&m));
        if addressed {
            continue;
        }
        let cue = &cx.text[r.clone()];
        out.push(Finding::new(
            META.id,
            r,
            format!(
                "'{cue}' records a professional disagreement, but not how it was addressed or \
                 what came of it: nothing like 'resolved', 'agreed', 'outcome', 'decided', \
                 'awaiting' or 'will' follows in this paragraph or the next. Could you add who \
                 was involved, what was done (for example escalation to a manager) and the \
                 outcome or next step?"
            ),
        ));
    }
}

fn is_professional(cx: &Context, s: &crate::text::Sentence, r: &std::ops::Range<usize>, tag: u8) -> bool {
    if cues::quoted_or_email(cx, r) {
        return false;
    }
    if tag == PROFESSIONAL {
        return true;
    }
    // A family member before the cue is the one disagreeing: "Mum disputed the concerns".
    if cues::family_words().any(cx.text, s.range.start..r.start) {
        return false;
    }
    // "The school disagreed with Mum": a disagreement with the family, not between
    // professionals.
    let after = s.words.iter().filter(|w| w.start >= r.end).take(3);
    if after.clone().any(|w| cues::family_words().any(cx.text, w.clone())) {
        return false;
    }
    // A professional disagrees ("The school disagreed..."), or the writer does with a
    // professional ("I disagreed with the IRO..."); not "a dispute with housing" about rent.
    let head = s.range.start..r.start;
    if professionals().any(cx.text, head.clone()) {
        return true;
    }
    let writer = s.words.iter().take_while(|w| w.end <= r.start).any(|w| {
        let t = &cx.text[w.clone()];
        t == "I" || t.eq_ignore_ascii_case("we")
    });
    writer && professionals().any(cx.text, r.end..s.range.end)
}

#[cfg(test)]
mod tests {
    use super::super::cues::test_support::found;

    fn flagged(text: &str) -> Vec<String> {
        found("disagreement", text)
    }

    #[test]
    fn flags_a_professional_disagreement_with_no_outcome() {
        assert_eq!(
            flagged("The school disagreed with our decision to step down to early help."),
            vec!["disagreed"]
        );
        assert_eq!(
            flagged("I have started the professional disagreement process with health."),
            vec!["professional disagreement"]
        );
        assert_eq!(
            flagged("I disagreed with the IRO about the date of the review."),
            vec!["disagreed"]
        );
    }

    #[test]
    fn ignores_a_disagreement_with_its_outcome() {
        assert!(flagged(
            "The school disagreed with our decision. After a meeting with my manager we agreed to keep the plan."
        )
        .is_empty());
        assert!(flagged(
            "The IRO disagreed with the plan.\n\nI am awaiting a response from the head of service."
        )
        .is_empty());
        assert!(flagged("The professional disagreement with health was resolved on 20/11/2026.").is_empty());
    }

    #[test]
    fn ignores_family_disagreements_and_escalating_behaviour() {
        assert!(flagged("Mum disagreed with the school about uniform.").is_empty());
        assert!(flagged("Ava's behaviour escalated at school.").is_empty());
        assert!(flagged("Things escalated quickly after the police arrived.").is_empty());
        assert!(flagged("Mum and Dad disagreed about bedtimes.").is_empty());
        assert!(flagged("There is a dispute with housing about the repairs.").is_empty());
        assert!(flagged("The school disagreed with Mum about uniform.").is_empty());
        assert!(flagged("I escalated my concerns to my team manager.").is_empty());
    }

    #[test]
    fn quoted_words_are_never_flagged() {
        assert!(flagged("Ava said \"the school and Mum had a dispute\".").is_empty());
    }
}
