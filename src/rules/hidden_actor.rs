//! ## What it flags
//! A decision or action written in the passive with nobody named: "it was agreed", "a
//! decision was made", "concerns were raised", "advice was given", "Mum was advised", "Lisa
//! has been offered a place", "she was referred". Not
//! when the sentence says who ("by the school", "between Mum and me"), and not when a person
//! is named earlier in the same sentence, nor "it was agreed with Mum" ("Mum and I talked and it was agreed...").
//!
//! ## Why it matters
//! The practice standard asks that records are "accurate" and show "discussions and
//! interactions". A passive sentence hides who decided, who worried and who gave advice, so a
//! reader (a new worker, a court, the child as an adult) cannot tell whose view it was or who
//! to ask.
//!
//! ## Example
//! It was agreed that Ava would stay with her nan at weekends. Concerns were raised about her
//! attendance.
//!
//! ## Instead
//! Mum, Nan and I agreed that Ava would stay with her nan at weekends. Ava's head of year
//! told me she is worried about Ava's attendance.

use std::sync::OnceLock;

use super::cues::{self, Lexicon};
use super::{Context, Meta};
use crate::finding::{Finding, Severity};

pub const META: Meta = Meta {
    id: "hidden-actor",
    default_severity: Severity::Hint,
    summary: "Decisions and actions in the passive with nobody named (\"it was agreed\")",
};

/// What kind of action a phrase reports, for the example in the message.
const AGREE: u8 = 0;
const DECIDE: u8 = 1;
const RAISE: u8 = 2;
const ADVISE: u8 = 3;
const EXPLAIN: u8 = 4;
const VIEW: u8 = 5;
const OTHER: u8 = 6;
const SUPPORT: u8 = 7;

fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        let aux = ["was", "were", "is", "are", "has been", "have been", "had been"];
        let it_verbs: &[(&str, u8)] = &[
            ("agreed", AGREE),
            ("decided", DECIDE),
            ("felt", VIEW),
            ("thought", VIEW),
            ("considered", VIEW),
            ("noted", OTHER),
            ("discussed", OTHER),
            ("recommended", ADVISE),
            ("suggested", ADVISE),
            ("advised", ADVISE),
            ("reported", RAISE),
            ("raised", RAISE),
            ("highlighted", RAISE),
            ("identified", RAISE),
            ("explained", EXPLAIN),
            ("confirmed", OTHER),
            ("arranged", OTHER),
            ("requested", OTHER),
            ("acknowledged", OTHER),
        ];
        let nouns: &[(&str, &[(&str, u8)])] = &[
            ("a decision", &[("made", DECIDE), ("taken", DECIDE), ("reached", DECIDE)]),
            ("the decision", &[("made", DECIDE), ("taken", DECIDE), ("reached", DECIDE)]),
            ("decisions", &[("made", DECIDE), ("taken", DECIDE)]),
            ("concerns", &[("raised", RAISE), ("shared", RAISE), ("expressed", RAISE), ("reported", RAISE), ("highlighted", RAISE)]),
            ("a concern", &[("raised", RAISE), ("shared", RAISE), ("expressed", RAISE), ("reported", RAISE)]),
            ("worries", &[("raised", RAISE), ("shared", RAISE), ("expressed", RAISE)]),
            ("advice", &[("given", ADVISE), ("offered", ADVISE), ("provided", ADVISE)]),
            ("a referral", &[("made", OTHER), ("sent", OTHER)]),
            ("the referral", &[("made", OTHER), ("sent", OTHER)]),
            ("support", &[("offered", OTHER), ("given", OTHER), ("provided", OTHER)]),
            ("an agreement", &[("made", AGREE), ("reached", AGREE)]),
        ];
        let persons: &[&str] = &["mum", "dad", "the parents", "parents", "the family", "the carers", "carers"];
        let person_verbs: &[(&str, u8)] = &[("advised", ADVISE), ("informed", EXPLAIN), ("told", EXPLAIN)];
        let mut pats: Vec<(String, u8)> = Vec::new();
        for a in ["was", "is", "has been", "had been"] {
            for (v, tag) in it_verbs {
                pats.push((format!("it {a} {v}"), *tag));
            }
        }
        for (n, verbs) in nouns {
            for a in aux {
                for (v, tag) in *verbs {
                    pats.push((format!("{n} {a} {v}"), *tag));
                }
            }
        }
        for p in persons {
            for a in ["was", "were", "has been", "have been"] {
                for (v, tag) in person_verbs {
                    pats.push((format!("{p} {a} {v}"), *tag));
                }
            }
        }
        let entries: Vec<(&str, u8)> = pats.iter().map(|(s, t)| (s.as_str(), *t)).collect();
        Lexicon::new(&entries)
    })
}

/// "Lisa has been offered", "she was referred": support given to someone, with nobody named
/// as giving it. Only counted just after a person (a name, "Mum", "she").
fn recipient_passives() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        let mut pats: Vec<String> = Vec::new();
        for a in ["was", "were", "has been", "have been", "had been"] {
            for v in ["offered", "advised", "informed", "referred", "signposted"] {
                pats.push(format!("{a} {v}"));
            }
        }
        let words: Vec<&str> = pats.iter().map(String::as_str).collect();
        Lexicon::plain(&words)
    })
}

/// Is word `i` of the sentence a person: a name, a family or professional word, "he", "she"
/// or "they"?
fn is_person(cx: &Context, s: &crate::text::Sentence, i: usize) -> bool {
    let Some(w) = s.words.get(i) else {
        return false;
    };
    let t = &cx.text[w.clone()];
    ["he", "she", "they"].iter().any(|p| p.eq_ignore_ascii_case(t))
        || cues::family_words().any(cx.text, w.clone())
        || cues::people().any(cx.text, w.clone())
        || cues::is_name(cx, s, i)
}

/// Words after the phrase that name who did it.
const NAMED_AFTER: &[&str] = &["by", "between"];

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let lex = lexicon();
    for block in cx.doc.blocks.iter().filter(|b| cues::is_prose_or_cell(cx, b)) {
        for s in &block.sentences {
            let found: Vec<_> = lex.find(cx.text, s.range.clone()).collect();
            let recipients: Vec<_> = recipient_passives()
                .find(cx.text, s.range.clone())
                .filter(|(r, _)| !found.iter().any(|(f, _)| f.start < r.end && r.start < f.end))
                .filter_map(|(r, _)| {
                    // The person just before: "Lisa has been offered".
                    let i = s.words.iter().rposition(|w| w.end <= r.start)?;
                    let person = s.words[i].clone();
                    let adjacent = cx.text.get(person.end..r.start)?.trim().is_empty();
                    (adjacent && is_person(cx, s, i)).then(|| {
                        let start = person.start;
                        (start..r.end, SUPPORT)
                    })
                })
                .collect();
            for (r, tag) in found.into_iter().chain(recipients) {
                if cues::quoted_or_email(cx, &r) {
                    continue;
                }
                let next = cues::word_after(cx.text, r.end);
                if next.eq_ignore_ascii_case("with")
                    || cues::followed_within(cx, s, r.end, 8, NAMED_AFTER)
                {
                    continue;
                }
                if someone_named_before(cx, s, r.start) {
                    continue;
                }
                let phrase = &cx.text[r.clone()];
                let example = match tag {
                    AGREE => "'Mum and I agreed…'",
                    DECIDE => "'the team manager decided…'",
                    RAISE => "'Ava's teacher told me she is worried…'",
                    ADVISE => "'I advised Mum…' or 'the health visitor advised…'",
                    VIEW => "'the team manager felt…' or 'I thought…'",
                    EXPLAIN => "'I explained to Mum…' or 'the police officer told Dad…'",
                    SUPPORT => "'the school offered Mum…' or 'I referred Ava…'",
                    _ => "'I noted…' or 'the school nurse discussed…'",
                };
                out.push(Finding::new(
                    META.id,
                    r,
                    format!(
                        "'{phrase}' does not say who. Could you name the person or agency, \
                         for example {example}?"
                    ),
                ));
            }
        }
    }
}

/// Is a person, or the writer, named in the sentence before byte `at`? Then the reader can
/// tell who acted ("Mum and I talked about school and it was agreed...").
fn someone_named_before(cx: &Context, s: &crate::text::Sentence, at: usize) -> bool {
    let head = s.range.start..at;
    if head.is_empty() {
        return false;
    }
    if cues::people().any(cx.text, head) {
        return true;
    }
    s.words.iter().enumerate().take_while(|(_, w)| w.end <= at).any(|(i, w)| {
        let t = &cx.text[w.clone()];
        t == "I" || t.eq_ignore_ascii_case("we") || cues::is_name(cx, s, i)
    })
}

#[cfg(test)]
mod tests {
    use super::super::cues::test_support::{found, messages};

    fn flagged(text: &str) -> Vec<String> {
        found("hidden-actor", text)
    }

    #[test]
    fn flags_passive_decisions_with_nobody_named() {
        assert_eq!(
            flagged("It was agreed that Ava would stay with Nan at weekends."),
            vec!["It was agreed"]
        );
        assert_eq!(flagged("A decision was made to close the case."), vec!["A decision was made"]);
        assert_eq!(flagged("Concerns were raised about attendance."), vec!["Concerns were raised"]);
        assert_eq!(flagged("Advice was given about safe sleeping."), vec!["Advice was given"]);
        assert_eq!(flagged("Mum was advised to contact the GP."), vec!["Mum was advised"]);
    }

    #[test]
    fn flags_chronology_entries_in_tables_too() {
        let text = "| Date | Event |\n|---|---|\n| 20/11/2026 | Strategy discussion. It was agreed to start enquiries. |\n";
        assert_eq!(flagged(text), vec!["It was agreed"]);
    }

    #[test]
    fn the_message_asks_who() {
        let m = messages("hidden-actor", "It was agreed that Ava would stay.");
        assert!(m[0].starts_with("'It was agreed' does not say who."));
    }

    #[test]
    fn ignores_passives_that_say_who() {
        assert!(flagged("It was agreed by Mum and the school that Ava would walk home.").is_empty());
        assert!(flagged("It was agreed between Dad and me that contact moves to Sunday.").is_empty());
        assert!(flagged("Concerns were raised by Ava's teacher about her lunch.").is_empty());
        assert!(flagged("It was agreed with Mum that Ava stays at Nan's.").is_empty());
    }

    #[test]
    fn ignores_passives_after_a_named_person_in_the_same_sentence() {
        assert!(flagged("Mum and I talked about school and it was agreed she would walk Ava in.").is_empty());
        assert!(flagged("I spoke to the school and it was agreed Ava can start on Monday.").is_empty());
    }

    #[test]
    fn ignores_active_sentences_and_quoted_words() {
        assert!(flagged("Mum and I agreed that Ava would stay with Nan.").is_empty());
        assert!(flagged("Ava said \"it was agreed I could stay up\".").is_empty());
        assert!(flagged("The agreed plan is working.").is_empty());
    }

    #[test]
    fn flags_support_given_to_someone_with_nobody_named_as_giving_it() {
        assert_eq!(
            flagged("Lisa has been offered a place on a parenting course."),
            vec!["Lisa has been offered"]
        );
        assert_eq!(flagged("She was referred to CAMHS."), vec!["She was referred"]);
        assert_eq!(flagged("Mum was advised to call the GP."), vec!["Mum was advised"]);
    }

    #[test]
    fn ignores_support_that_says_who_gave_it() {
        assert!(flagged("Lisa has been offered a place by the school.").is_empty());
        assert!(flagged("I told Lisa she has been offered a place.").is_empty());
        assert!(flagged("The flat was offered to the family last year.").is_empty());
        assert!(flagged("The school offered Lisa a place.").is_empty());
    }
}
