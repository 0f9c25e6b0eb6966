//! ## What it flags
//! Sentences that may not be about the child, the family or the support: the journey and
//! parking, the weather as small talk, the worker's lunch, the worker's own feelings or life,
//! office and IT trouble. A sentence is flagged only when it has one of these cues and
//! mentions nobody in the child's life (no child, family member, professional, name or "he",
//! "she", "they", "we") and nothing of the plan, needs, risks or actions. A sentence with two
//! cues ("I had a quick sandwich in the car before my next visit") is about the worker's day
//! unless it mentions the child or the family.
//!
//! ## Why it matters
//! The practice standard asks that case notes "should be concise and only include information
//! that is relevant to the person, or the support being provided". The child may read this
//! record as an adult; every sentence about traffic is one more they have to read past, and
//! it is personal information the record does not need.
//!
//! ## Example
//! I was delayed by traffic on the A38 and arrived at 10.20. It was a cold, wet afternoon.
//!
//! ## Instead
//! Leave these sentences out. If they matter to the child, say how: "Ava was in a T-shirt
//! although it was cold and raining; she said her coat is too small."

use super::cues;
use super::{Context, Meta};
use crate::finding::{Finding, Severity};

pub const META: Meta = Meta {
    id: "irrelevant",
    default_severity: Severity::Information,
    summary: "Sentences about the journey, the weather, breaks or the worker's own life, with nothing about the child or the support",
};

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let list = cx.dicts.list("irrelevant");
    let mut cue_ranges = Vec::new();
    for block in cx.doc.blocks.iter().filter(|b| cues::is_prose(cx, b)) {
        for s in &block.sentences {
            cue_ranges.clear();
            let mut first = None;
            for m in cx.find_terms(list, s.range.clone()) {
                if cues::quoted_or_email(cx, &m.range) {
                    continue;
                }
                first.get_or_insert_with(|| m.clone());
                cue_ranges.push(m.range);
            }
            let Some(m) = first else { continue };
            // Two cues ("a quick sandwich in the car", "I felt shattered after a long week")
            // make a sentence about the worker's day: a plan or service word ("before my next
            // visit", "court work") no longer saves it, only the child or family does.
            let about_them = if cue_ranges.len() >= 2 {
                cues::mentions_the_child_or_family(cx, s, &cue_ranges)
            } else {
                cues::mentions_someone_or_the_plan(cx, s, &cue_ranges)
            };
            if about_them {
                continue;
            }
            let cue = &cx.text[m.range.clone()];
            let who = cues::child_first_name(cx).unwrap_or("the child");
            let why = list.terms.get(m.term).map_or("", |t| t.why.as_str());
            let f = Finding::new(
                META.id,
                s.range.clone(),
                format!(
                    "This sentence may not be about {who}, the family or the support: it \
                     mentions '{cue}' and no one in {who}'s life or the plan. {why} If it \
                     matters to {who}, say how; if not, you could leave it out."
                ),
            );
            let removal = removal_range(cx.text, s.range.clone());
            out.push(f.with_optional_edit("Remove this sentence", removal, ""));
        }
    }
}

/// The sentence with the spaces after it (or, at the end of a line, before it), so removing
/// it leaves tidy text.
fn removal_range(text: &str, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let after = text
        .get(r.end..)
        .map_or(0, |t| t.len() - t.trim_start_matches([' ', '\t']).len());
    let rest_of_line_empty = text
        .get(r.end + after..)
        .is_none_or(|t| t.is_empty() || t.starts_with(['\n', '\r']));
    if !rest_of_line_empty {
        return r.start..r.end + after;
    }
    let before = text
        .get(..r.start)
        .map_or(0, |t| t.len() - t.trim_end_matches([' ', '\t']).len());
    r.start - before..r.end
}

#[cfg(test)]
mod tests {
    use super::super::cues::test_support::found;
    use crate::{analyse, Config};

    fn flagged(text: &str) -> Vec<String> {
        found("irrelevant", text)
    }

    #[test]
    fn flags_the_workers_journey() {
        assert_eq!(
            flagged("I was delayed by traffic and arrived at 10.20. Ava opened the door."),
            vec!["I was delayed by traffic and arrived at 10.20."]
        );
        assert_eq!(flagged("Parking was difficult so I parked on Elm Road.").len(), 1);
        assert_eq!(flagged("Traffic around Dudley was heavy.").len(), 1);
        assert_eq!(flagged("I was running late after the last appointment.").len(), 0);
        assert_eq!(flagged("I was running late so I drove straight there.").len(), 1);
    }

    #[test]
    fn flags_weather_small_talk_lunch_and_the_workers_own_life() {
        assert_eq!(flagged("It was a miserable day and raining hard.").len(), 1);
        assert_eq!(flagged("I had my lunch in the car beforehand.").len(), 1);
        assert_eq!(flagged("I was exhausted after a long day.").len(), 1);
        assert_eq!(flagged("The system was down so I am writing this late.").len(), 1);
    }

    #[test]
    fn ignores_a_sentence_about_the_child_even_with_a_cue() {
        assert!(flagged("Ava said the walk to school is scary when it is dark.").is_empty());
        assert!(flagged("Ava said the traffic outside school scares her.").is_empty());
        assert!(flagged("Sam was in a T-shirt although it was raining.").is_empty());
        assert!(flagged("Mum said she could not find parking near the hospital.").is_empty());
        assert!(flagged("We were stuck in traffic on the way to contact.").is_empty());
        assert!(flagged("Dad's car was parked outside.").is_empty());
        assert!(flagged("I was late, so Ava waited at the window.").is_empty());
    }

    #[test]
    fn ignores_sentences_without_a_cue() {
        assert!(flagged("I arrived at 10.20. Nobody answered the door.").is_empty());
        assert!(flagged("I went back to the office and updated the chronology.").is_empty());
    }

    #[test]
    fn names_from_the_front_matter_count_as_people() {
        let text = "---\nchild: Kai Brown\n---\n\nKai hates the traffic noise at night.\n";
        assert!(flagged(text).is_empty());
    }

    #[test]
    fn councils_can_add_their_own_cues() {
        let path = std::env::temp_dir().join(format!(
            "casenote-irrelevant-{}.toml",
            std::process::id()
        ));
        std::fs::write(
            &path,
            "list = \"irrelevant\"\n[[term]]\nmatch = [\"the canteen\"]\nwhy = \"w\"\nsource = \"s\"\n",
        )
        .unwrap();
        let mut config = Config::default();
        config.dictionaries.extra.push(path.clone());
        let text = "I ate in the canteen first.";
        let n = analyse(text, &config)
            .findings
            .iter()
            .filter(|f| f.rule == "irrelevant")
            .count();
        let _ = std::fs::remove_file(&path);
        assert_eq!(n, 1);
        assert!(flagged(text).is_empty());
    }

    #[test]
    fn quoted_words_are_never_flagged() {
        assert!(flagged("Ava told me \"the traffic is loud\".").is_empty());
    }

    #[test]
    fn offers_removal_only_as_a_non_preferred_fix() {
        let text = "I was delayed by traffic. Ava was at home.";
        let a = analyse(text, &Config::default());
        let f = a.findings.iter().find(|f| f.rule == "irrelevant").unwrap();
        assert_eq!(f.suggestions.len(), 1);
        assert!(!f.suggestions[0].preferred);
        assert_eq!(&text[f.suggestions[0].range.clone()], "I was delayed by traffic. ");
        assert!(f.message.contains("'traffic'"));
    }

    #[test]
    fn two_cues_make_a_sentence_about_the_workers_day() {
        assert_eq!(
            flagged("I had a quick sandwich in the car before my next visit.").len(),
            1
        );
        assert_eq!(
            flagged("I felt shattered after a long week of court work.").len(),
            1
        );
        assert_eq!(
            flagged("The office computer system was down, so I typed this up at home.").len(),
            1
        );
        assert_eq!(
            flagged("I could not find anywhere to park, so I left the car on Elm Road.").len(),
            1
        );
    }

    #[test]
    fn two_cues_with_the_child_or_family_are_still_about_them() {
        assert!(flagged("Ava had a sandwich in the car on the way to Nan's.").is_empty());
        assert!(flagged("Mum said she felt shattered after a long week.").is_empty());
        assert!(flagged("I sat in the car with the children while it was raining.").is_empty());
        // One cue: a plan or service word is enough.
        assert!(flagged("I waited in the car before the meeting.").is_empty());
    }
}
