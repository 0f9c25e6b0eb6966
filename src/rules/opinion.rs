//! ## What it flags
//! An opinion written as a fact, with no evidence or source beside it: "it is clear that",
//! "obviously", "clearly", "I feel Dad is…", "in my view", "Mum is a liar". Not when the same
//! sentence, or the next, says what it rests on: "because", "I saw", "I heard", "told me",
//! "said", "for example". Words inside quotation marks (someone's own words) are left alone,
//! and so is a view the writer gave in a conversation ("I told Dr Lewis I think Sophie needs a
//! tutor"): that records what was said.
//!
//! ## Why it matters
//! The practice standard asks that case records, as a legal record, are "accurate, appropriate,
//! and proportionate". Courts and inspectors look for facts (seen or heard, and by whom) kept
//! apart from professional opinion, and for opinions that give their reasons. A bare opinion
//! cannot be tested, and a family reading it cannot see why it was formed.
//!
//! ## Example
//! It is clear that Mum is not coping. I feel Dad is not telling the truth.
//!
//! ## Instead
//! Mum was crying when I arrived and said she has not slept for three nights; the kitchen sink
//! was full and there was no food in the fridge. I think Dad may not be telling the truth
//! because he said he was at work on Tuesday, and his manager told me he was not.

use std::sync::OnceLock;

use super::cues::{self, Lexicon};
use super::{Context, Meta};
use crate::finding::{Finding, Severity};
use crate::text::Sentence;

pub const META: Meta = Meta {
    id: "opinion",
    default_severity: Severity::Hint,
    summary: "Opinion written as fact, with no evidence or source (\"it is clear that\", \"obviously\")",
};

const CERTAIN: u8 = 0;
const I_FEEL: u8 = 1;
const I_FEEL_BARE: u8 = 2;
const LABEL: u8 = 3;

fn markers() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::new(&[
            ("it is clear that", CERTAIN),
            ("it was clear that", CERTAIN),
            ("it is clear", CERTAIN),
            ("it was clear", CERTAIN),
            ("it is obvious that", CERTAIN),
            ("it was obvious that", CERTAIN),
            ("it is obvious", CERTAIN),
            ("it was obvious", CERTAIN),
            ("it is evident that", CERTAIN),
            ("it was evident that", CERTAIN),
            ("it is apparent that", CERTAIN),
            ("it was apparent that", CERTAIN),
            ("obviously", CERTAIN),
            ("clearly", CERTAIN),
            ("undoubtedly", CERTAIN),
            ("without doubt", CERTAIN),
            ("without a doubt", CERTAIN),
            ("evidently", CERTAIN),
            ("I feel that", I_FEEL),
            ("I felt that", I_FEEL),
            ("I believe that", I_FEEL),
            ("I think that", I_FEEL),
            ("in my opinion", I_FEEL),
            ("in my view", I_FEEL),
            ("my view is that", I_FEEL),
            ("I am of the view", I_FEEL),
            ("I am of the opinion", I_FEEL),
            ("I get the impression", I_FEEL),
            ("I got the impression", I_FEEL),
            ("I feel", I_FEEL_BARE),
            ("I felt", I_FEEL_BARE),
            ("I believe", I_FEEL_BARE),
            ("I think", I_FEEL_BARE),
            ("is a liar", LABEL),
            ("is lying", LABEL),
            ("was lying", LABEL),
            ("are lying", LABEL),
            ("is a bad mother", LABEL),
            ("is a bad father", LABEL),
            ("is a bad parent", LABEL),
            ("are bad parents", LABEL),
            ("is lazy", LABEL),
            ("does not care", LABEL),
            ("doesn't care", LABEL),
            ("doesn’t care", LABEL),
            ("do not care", LABEL),
            ("don't care", LABEL),
            ("is not bothered", LABEL),
            ("isn't bothered", LABEL),
            ("cannot be trusted", LABEL),
            ("can't be trusted", LABEL),
            ("is dishonest", LABEL),
            ("is an alcoholic", LABEL),
            ("is a drunk", LABEL),
        ])
    })
}

/// Words showing what an opinion rests on, or whose account it is.
fn evidence() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::plain(&[
            "because", "since", "as shown", "as seen", "for example", "for instance", "e.g",
            "such as", "evidence", "evidenced", "I saw", "I have seen", "I could see", "I observed",
            "I noticed", "I heard", "I could hear", "I was told", "told me", "tells me", "said",
            "says", "showed", "shown", "reported", "according to", "given that", "due to",
            "from what", "when I", "as I", "records show", "the school told",
        ])
    })
}

/// Verbs and words around "clearly" that make it describe how something was done ("spoke
/// clearly", "clearly labelled"), not how sure the writer is.
const MANNER_BEFORE: &[&str] = &[
    "spoke", "speak", "speaks", "speaking", "said", "explained", "explain", "explains", "stated",
    "wrote", "written", "write", "writes", "labelled", "marked", "heard", "hear", "see", "seen",
    "saw", "communicated", "communicate", "communicates", "articulated", "expressed", "express",
    "answered", "told", "showed", "shown", "think", "thinking", "very", "quite", "more", "less",
    "not", "read", "reads", "talked", "talk", "talks", "pronounced", "remembered",
    "remember", "remembers", "recalled", "understood", "understand", "set", "visible",
];
const MANNER_AFTER: &[&str] = &[
    "visible", "audible", "marked", "labelled", "written", "displayed", "shown", "see", "seen",
    "heard", "from", "when", "in", "on", "to",
];

/// Verbs in the past that are states of mind, not something the writer saw done: "clearly
/// wanted" is an opinion; "clearly listened" describes what was seen.
const MENTAL_PAST: &[&str] = &[
    "wanted", "loved", "liked", "preferred", "cared", "struggled", "enjoyed", "hated",
    "resented", "worried", "believed", "needed", "favoured", "blamed", "rejected", "ignored",
    "missed", "lied", "pretended", "exaggerated", "minimised", "manipulated", "coached",
    "intended", "planned", "knew", "understood", "felt", "thought",
];

/// "Dad clearly listened": an action in the past tense that the writer watched.
fn observed_action(next: &str) -> bool {
    next.len() > 4
        && next.to_ascii_lowercase().ends_with("ed")
        && !MENTAL_PAST.iter().any(|w| w.eq_ignore_ascii_case(next))
}

/// Speech verbs that, a few words before "I think", make it a record of what the writer said
/// in a conversation ("I told Dr Lewis I think Sophie needs a tutor"), not an opinion written
/// into the record as fact.
const SAID_BEFORE: &[&str] = &[
    "told", "tell", "said", "say", "explained", "explain", "suggested", "replied", "argued",
    "asked", "reminded", "shared",
];

/// Is the marker at `r` the content of something the writer said to someone?
fn reported_speech(cx: &Context, s: &Sentence, r: &std::ops::Range<usize>) -> bool {
    let before: Vec<_> = s.words.iter().filter(|w| w.end <= r.start).collect();
    before
        .iter()
        .rev()
        .take(4)
        .any(|w| SAID_BEFORE.iter().any(|v| v.eq_ignore_ascii_case(&cx.text[(*w).clone()])))
}

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    for block in cx.doc.blocks.iter().filter(|b| cues::is_prose_or_cell(cx, b)) {
        for (i, s) in block.sentences.iter().enumerate() {
            for (r, tag) in markers().find(cx.text, s.range.clone()) {
                if cues::quoted_or_email(cx, &r) || !keeps(cx, s, &r, tag) {
                    continue;
                }
                if colon_after(cx.text, &r, s) || has_evidence(cx, s) || block.sentences.get(i + 1).is_some_and(|n| has_evidence(cx, n)) {
                    continue;
                }
                let m = &cx.text[r.clone()];
                let lead = match tag {
                    CERTAIN => format!("'{m}' presents an opinion as a fact."),
                    LABEL => format!("'{m}' is a judgement written as a fact."),
                    _ => format!("'{m}' gives an opinion without what it rests on."),
                };
                out.push(Finding::new(
                    META.id,
                    r,
                    format!(
                        "{lead} What was seen or heard that shows it, and by whom? (No \
                         'because', nor anything seen, heard or said, was found in this \
                         sentence or the next.)"
                    ),
                ));
                break;
            }
        }
    }
}

/// Guards for each kind of marker.
fn keeps(cx: &Context, s: &Sentence, r: &std::ops::Range<usize>, tag: u8) -> bool {
    let text = cx.text;
    let prev = cues::word_before(text, r.start);
    let next = cues::word_after(text, r.end);
    let m = &text[r.clone()];
    match tag {
        CERTAIN if m.eq_ignore_ascii_case("clearly") || m.eq_ignore_ascii_case("obviously") => {
            !MANNER_BEFORE.iter().any(|w| w.eq_ignore_ascii_case(prev))
                && !MANNER_AFTER.iter().any(|w| w.eq_ignore_ascii_case(next))
                && !observed_action(next)
        }
        CERTAIN if m.len() > 10 && !m.ends_with("that") => {
            // "It was clear from her drawing", "it is clear to me when..." point at the
            // evidence; "it was clear and sunny" is not an opinion.
            !["from", "when", "to", "and", "in", "on", "by"]
                .iter()
                .any(|w| w.eq_ignore_ascii_case(next))
        }
        I_FEEL | I_FEEL_BARE if reported_speech(cx, s, r) => false,
        I_FEEL_BARE => {
            // Only "I feel Dad is...", "I think she...", "I believe the school...": an
            // opinion about a person, not "I felt worried" or "I think the meeting is...".
            let Some(idx) = s.words.iter().position(|w| w.start >= r.end) else {
                return false;
            };
            let w = &text[s.words[idx].clone()];
            let person = ["he", "she", "they", "mum", "dad", "mother", "father"]
                .iter()
                .any(|x| x.eq_ignore_ascii_case(w))
                || cues::is_name(cx, s, idx);
            let the_person = w.eq_ignore_ascii_case("the")
                && s.words
                    .get(idx + 1)
                    .is_some_and(|n| cues::people().any(text, n.clone()));
            person || the_person
        }
        // "Ava was lying on the sofa", "does not care for broccoli".
        LABEL if m.to_ascii_lowercase().ends_with("lying") => {
            ["", "about", "to", "again", "when", "and"]
                .iter()
                .any(|w| w.eq_ignore_ascii_case(next))
        }
        LABEL if m.to_ascii_lowercase().ends_with("care") => !next.eq_ignore_ascii_case("for"),
        _ => true,
    }
}

/// "Clearly Mum has worked hard: the uniforms were ready" — a colon or semicolon after the
/// marker introduces what was seen.
fn colon_after(text: &str, r: &std::ops::Range<usize>, s: &Sentence) -> bool {
    // ": " and not a time such as "10:30".
    text.get(r.end..s.range.end)
        .is_some_and(|rest| rest.contains(": ") || rest.contains(":\n") || rest.contains("; "))
}

fn has_evidence(cx: &Context, s: &Sentence) -> bool {
    evidence()
        .find(cx.text, s.range.clone())
        .any(|(r, _)| !cx.doc.in_quote(&r))
}

#[cfg(test)]
mod tests {
    use super::super::cues::test_support::{found, messages};

    fn flagged(text: &str) -> Vec<String> {
        found("opinion", text)
    }

    #[test]
    fn flags_opinion_written_as_fact() {
        assert_eq!(flagged("It is clear that Mum is not coping."), vec!["It is clear that"]);
        assert_eq!(flagged("Dad is obviously drinking again."), vec!["obviously"]);
        assert_eq!(flagged("Mum is a liar."), vec!["is a liar"]);
        assert_eq!(flagged("I feel Dad is hiding something."), vec!["I feel"]);
        assert_eq!(flagged("In my view the home is not safe."), vec!["In my view"]);
        assert_eq!(flagged("Mum clearly prefers Ava's brother."), vec!["clearly"]);
    }

    #[test]
    fn the_message_asks_what_was_seen_or_heard_and_by_whom() {
        let m = messages("opinion", "It is clear that Mum is not coping.");
        assert!(m[0].contains("What was seen or heard that shows it, and by whom?"));
    }

    #[test]
    fn ignores_opinions_that_give_their_reasons() {
        assert!(flagged("It is clear that Mum is not coping because she has not slept for days.").is_empty());
        assert!(flagged("I feel Dad is struggling. He told me he lost his job on Friday.").is_empty());
        assert!(flagged("Obviously upset, Ava showed me the mark on her arm.").is_empty());
        assert!(flagged("It was clear from her drawing that Ava misses Nan.").is_empty());
        assert!(flagged("Clearly Mum has worked hard: the uniforms were ready.").is_empty());
    }

    #[test]
    fn ignores_other_senses_of_the_labels() {
        assert!(flagged("Ava was lying on the sofa when I arrived.").is_empty());
        assert!(flagged("Leo does not care for broccoli.").is_empty());
        assert_eq!(flagged("Dad was lying about where he was."), vec!["was lying"]);
    }

    #[test]
    fn ignores_clearly_as_a_manner_word() {
        assert!(flagged("Ava spoke clearly about her week at school.").is_empty());
        assert!(flagged("The medicine was clearly labelled.").is_empty());
        assert!(flagged("Ava could explain very clearly what she wanted.").is_empty());
        assert!(flagged("Dad clearly listened and asked her more about Ruby.").is_empty());
        assert_eq!(flagged("Mum clearly wanted Ava to leave."), vec!["clearly"]);
    }

    #[test]
    fn ignores_feelings_that_are_not_opinions_about_people() {
        assert!(flagged("I felt worried leaving the house.").is_empty());
        assert!(flagged("I think the meeting is on Tuesday.").is_empty());
    }

    #[test]
    fn quoted_words_are_never_flagged() {
        assert!(flagged("Ava said \"Mum is a liar\".").is_empty());
        assert!(flagged("Dad told me \"obviously I love her\".").is_empty());
    }

    #[test]
    fn what_the_writer_said_in_a_conversation_is_a_record_of_it() {
        assert!(flagged("I told Dr Lewis I think Sophie needs a tutor for now.").is_empty());
        assert!(flagged("I explained to Mum that in my view the home is not safe.").is_empty());
        // Near misses: the writer's own opinion, not what they said to someone.
        assert_eq!(flagged("I think Sophie needs a tutor."), vec!["I think"]);
        assert_eq!(
            flagged("After the call I think Mum is wrong."),
            vec!["I think"]
        );
    }
}
