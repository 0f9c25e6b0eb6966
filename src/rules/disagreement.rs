//! ## What it flags
//! A professional disagreement, dispute or escalation mentioned with no record of how it was
//! addressed or what came of it. It looks for "professional disagreement", "escalation
//! policy", or "disagree", "dispute", "could not agree", "challenged this decision" said by a
//! professional or agency (the school, the IRO, health, a manager, or someone the note names
//! with their job, such as "Mr Rowe, the head teacher"), and then, in the rest of the note, for
//! an outcome: "resolved", "agreed", "outcome", "decided", "settled", "awaiting". Taking it
//! further ("he will take it to the head of service") is the disagreement going on, not its
//! outcome. A family member disagreeing ("Mum disagreed with the plan") is not a professional
//! disagreement.
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
            ("disagree", NEEDS_CONTEXT),
            ("disagrees", NEEDS_CONTEXT),
            ("dispute", NEEDS_CONTEXT),
            ("disputed", NEEDS_CONTEXT),
            ("disputes", NEEDS_CONTEXT),
            ("challenged the decision", NEEDS_CONTEXT),
            ("challenged this decision", NEEDS_CONTEXT),
            ("challenged that decision", NEEDS_CONTEXT),
            ("challenged our decision", NEEDS_CONTEXT),
            ("could not agree", NEEDS_CONTEXT),
            ("couldn't agree", NEEDS_CONTEXT),
            ("cannot agree", NEEDS_CONTEXT),
            ("can't agree", NEEDS_CONTEXT),
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
            "service manager", "head of service", "managers", "service managers", "teachers",
            "surgery", "health visitor's", "safeguarding lead", "social worker", "youth worker",
            "officer", "sergeant", "inspector", "fostering team", "agency", "agencies",
            "professional",
            "professionals", "partner agency", "housing", "probation", "conference chair",
            "chair", "mash", "legal", "our decision", "the threshold", "threshold",
        ])
    })
}

/// Signs of how it was addressed or what came of it. An escalation or a promise to escalate
/// ("he will take it to the head of service", "we referred it to our managers") is the
/// disagreement going on, not its outcome, so "will", "escalated to" and "meeting" are not
/// here.
fn resolution() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::plain(&[
            "resolved", "resolves", "resolve", "resolution", "agreed", "now agree",
            "agreement", "outcome", "concluded", "decided", "addressed", "settled",
            "compromise", "responded", "replied", "response", "awaiting", "pending",
            "accepted", "upheld", "overturned", "withdrew", "withdrawn", "satisfied",
        ])
    })
}

/// Words just before an outcome word that deny it: "had not agreed", "never resolved".
const DENIALS: &[&str] = &["not", "never", "no", "un", "yet"];

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let blocks: Vec<_> = cx
        .doc
        .blocks
        .iter()
        .filter(|b| cues::is_prose(cx, b))
        .collect();
    for block in &blocks {
        let found = block.sentences.iter().find_map(|s| {
            cues_lexicon()
                .find(cx.text, s.range.clone())
                .find(|(r, tag)| is_professional(cx, s, r, *tag))
                .map(|(r, _)| r)
        });
        let Some(r) = found else { continue };
        // The outcome is often told further down the note ("We met at 2pm... we agreed").
        let window_end = blocks.last().map_or(block.range.end, |b| b.range.end);
        let addressed = resolution()
            .find(cx.text, r.end..window_end)
            .any(|(m, _)| {
                let prev = cues::word_before(cx.text, m.start);
                !cx.doc.in_quote(&m)
                    && !DENIALS.iter().any(|d| d.eq_ignore_ascii_case(prev))
                    && !prev.to_ascii_lowercase().ends_with("n't")
            });
        if addressed {
            continue;
        }
        let cue = &cx.text[r.clone()];
        out.push(Finding::new(
            META.id,
            r,
            format!(
                "'{cue}' records a professional disagreement, but not how it was addressed or \
                 what came of it: nothing like 'resolved', 'agreed', 'outcome', 'decided' or \
                 'awaiting' follows in the note. Could you add who \
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
    if writer && professionals().any(cx.text, r.end..s.range.end) {
        return true;
    }
    // "Mr Rowe disagreed with me", "She disagreed with our plan": the one disagreeing is
    // named elsewhere in the note with their job ("Mr Rowe, the head teacher").
    subject_names(cx, s, r.start)
        .iter()
        .any(|name| is_named_professional(cx, name))
}

/// The names that may be the subject of a cue at `at`: capitalised names before it, or, when
/// it follows "he", "she" or "they", the names in the sentence before.
fn subject_names<'a>(cx: &Context<'a>, s: &crate::text::Sentence, at: usize) -> Vec<&'a str> {
    let text: &'a str = cx.text;
    let head: Vec<usize> = (0..s.words.len())
        .filter(|&i| s.words[i].end <= at)
        .collect();
    let mut names: Vec<&'a str> = head
        .iter()
        .filter(|&&i| cues::is_name(cx, s, i) && !cues::is_child_name(cx, &text[s.words[i].clone()]))
        .map(|&i| &text[s.words[i].clone()])
        .collect();
    let pronoun = head.first().is_some_and(|&i| {
        let w = &text[s.words[i].clone()];
        ["he", "she", "they"].iter().any(|p| p.eq_ignore_ascii_case(w))
    });
    if names.is_empty() && pronoun {
        let before = cx
            .doc
            .blocks
            .iter()
            .flat_map(|b| b.sentences.iter())
            .take_while(|x| x.range.start < s.range.start)
            .last();
        if let Some(p) = before {
            names.extend(
                (0..p.words.len())
                    .filter(|&i| {
                        cues::is_name(cx, p, i)
                            && !cues::is_child_name(cx, &text[p.words[i].clone()])
                    })
                    .map(|i| &text[p.words[i].clone()]),
            );
        }
    }
    names
}

/// Is this name given a professional's job somewhere in the note, within a few words and with
/// no family word beside it ("Mr Rowe, the head teacher", "my manager, Rachel Kent", "Dr
/// Lewis at the surgery")?
fn is_named_professional(cx: &Context, name: &str) -> bool {
    let name = name.trim_end_matches("'s").trim_end_matches("’s");
    if name.is_empty() {
        return false;
    }
    cx.doc
        .blocks
        .iter()
        .filter(|b| !cx.in_email(&b.range))
        .flat_map(|b| b.sentences.iter())
        .any(|s| {
            s.words.iter().enumerate().any(|(i, w)| {
                if !cx.text[w.clone()].eq_ignore_ascii_case(name) {
                    return false;
                }
                let (Some(first), Some(last)) = (
                    s.words.get(i.saturating_sub(3)),
                    s.words.get((i + 5).min(s.words.len().saturating_sub(1))),
                ) else {
                    return false;
                };
                let around = first.start..last.end;
                professionals().any(cx.text, around.clone())
                    && !cues::family_words().any(cx.text, around)
            })
        })
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

    #[test]
    fn an_escalation_is_not_an_outcome() {
        assert_eq!(
            flagged("The school disagreed with our decision and said they will take it to the head of service."),
            vec!["disagreed"]
        );
        assert_eq!(
            flagged("Mark and I could not agree, so we have referred it to our service managers."),
            vec!["could not agree"]
        );
    }

    #[test]
    fn an_outcome_further_down_the_note_counts() {
        let text = "The health visitor disagreed with our plan.\n\nMy manager met us at 2pm.\n\n\
                    We looked at the chart. We agreed the plan stays until February.\n";
        assert!(flagged(text).is_empty());
        let denied = "The health visitor disagreed with our plan.\n\nWe have not agreed a date yet.\n";
        assert_eq!(flagged(denied), vec!["disagreed"]);
    }

    #[test]
    fn a_present_tense_disagreement_counts_too() {
        let text = "Helen Moss, the health visitor, wrote to me.\n\nHelen and I disagree about \
                    ending the plan. I have told my manager.\n";
        assert_eq!(flagged(text), vec!["disagree"]);
        let family = "Laura, Evie's mum, and Gavin, her dad, came.\n\nLaura and Gavin disagree \
                      about bedtimes.\n";
        assert!(flagged(family).is_empty());
    }

    #[test]
    fn a_person_named_with_their_job_is_a_professional() {
        let text = "Mr Rowe, the head teacher, rang me.\n\nMr Rowe disagreed with me about Max.\n";
        assert_eq!(flagged(text), vec!["disagreed"]);
        let pronoun = "I rang Helen Moss, the health visitor. Helen said Amelia is small.\n\n\
                       She disagreed with our plan.\n";
        assert_eq!(flagged(pronoun), vec!["disagreed"]);
        let family = "Kerry, Ava's mum, rang the head teacher.\n\nKerry disagreed with me.\n";
        assert!(flagged(family).is_empty());
        let unnamed = "Kerry rang me.\n\nKerry disagreed with me about bedtimes.\n";
        assert!(flagged(unnamed).is_empty());
    }
}
