//! ## What it flags
//! A case note of a visit or contact with the child that records nothing the child said,
//! showed, drew or felt. It looks for a visit or meeting with the child ("I visited Ava",
//! "home visit to Ava", "saw the children", "I phoned Ava", "Ava was seen alone") and then for the child's
//! voice anywhere in the note: words in quotation marks, or "said", "told me", "showed",
//! "drew", "wants", "feels", "smiled", "cried" and the like (but not "Mum said" or "I
//! explained"). One finding, on the first line of the note. Notes where the child was not
//! seen ("Ava was at school", "no answer") are left alone, and so are chronologies and
//! overviews.
//!
//! ## Why it matters
//! The practice standard asks that "children and their families must be routinely involved in
//! the process of gathering and recording information about them" and that recording "shows
//! the relationship between you and the child". Care-experienced adults reading their files
//! say their own voice is what is most often missing.
//!
//! ## Example
//! I visited Ava at home after school. The house was clean and warm. Mum said things are
//! calmer. Next visit in four weeks.
//!
//! ## Instead
//! I visited Ava at home after school. Ava showed me her new bedroom and said "I like it
//! because it's quiet". She told me she still feels scared when Dad shouts on the phone.

use std::sync::OnceLock;

use super::cues::{self, Lexicon};
use super::{Context, Meta};
use crate::finding::{Finding, Severity};
use crate::record::DocKind;
use crate::text::Sentence;

pub const META: Meta = Meta {
    id: "child-voice",
    default_severity: Severity::Information,
    summary: "A note of a visit with the child that records nothing the child said, showed, drew or felt",
};

const VISIT: u8 = 0;
const SEEN_ALONE: u8 = 1;
/// A call: the child must be the very next word ("I phoned Ava", not "I phoned Mum about
/// Ava").
const CALL: u8 = 2;

fn visit_cues() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::new(&[
            ("visit", VISIT),
            ("visited", VISIT),
            ("visiting", VISIT),
            ("home visit", VISIT),
            ("saw", VISIT),
            ("met", VISIT),
            ("met with", VISIT),
            ("spoke to", VISIT),
            ("spoke with", VISIT),
            ("direct work with", VISIT),
            ("phoned", CALL),
            ("rang", CALL),
            ("video call with", CALL),
            ("video called", CALL),
            ("call with", CALL),
            ("seen alone", SEEN_ALONE),
            ("seen on her own", SEEN_ALONE),
            ("seen on his own", SEEN_ALONE),
            ("seen on their own", SEEN_ALONE),
            ("seen by me", SEEN_ALONE),
            ("seen together", SEEN_ALONE),
            ("seen at home", SEEN_ALONE),
        ])
    })
}

/// Words that name a child without a name.
fn child_words() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::plain(&[
            "child", "children", "young person", "baby", "son", "daughter", "kids", "boys",
            "girls", "twins", "siblings", "brothers", "sisters", "toddler",
        ])
    })
}

/// The child was not seen, or could not take part: no voice is expected.
fn not_seen() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::plain(&[
            "not seen", "was not seen", "were not seen", "wasn't seen", "weren't seen",
            "did not see", "didn't see", "was not at home", "were not at home", "was not home",
            "was at school", "were at school", "was at nursery", "was asleep", "were asleep",
            "was sleeping", "were sleeping", "no answer", "no reply", "no access",
            "unable to see", "not present", "no one was home", "nobody was home",
            "nobody answered", "no one answered",
        ])
    })
}

/// What the child said, showed, drew or felt.
fn voice() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::plain(&[
            "said", "says", "saying", "told", "tells", "telling", "explained", "asked", "shared",
            "showed", "shows", "showing", "drew", "draws", "drawing", "drawings", "wrote",
            "writes", "want", "wants", "wanted", "would like", "wish", "wishes", "wished",
            "feel", "feels", "felt", "feeling", "feelings", "like", "likes", "liked", "love",
            "loves", "loved", "enjoys", "enjoyed", "hates", "hated", "dislikes", "misses",
            "missed", "worried", "worries", "scared", "frightened", "happy", "sad", "upset",
            "angry", "excited", "smiled", "smiling", "laughed", "laughing", "cried", "crying",
            "giggled", "babbled", "played", "playing", "nodded", "shrugged", "pointed", "hugged",
            "cuddled", "view", "views", "her words", "his words", "their words", "in her words",
            "in his words", "in their words", "three houses", "all about me", "my world",
        ])
    })
}

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    if cx.record.kind != DocKind::CaseNote {
        return;
    }
    let mut visit = false;
    for block in cx.doc.blocks.iter().filter(|b| !cx.in_email(&b.range)) {
        for s in &block.sentences {
            if not_seen().any(cx.text, s.range.clone()) {
                return;
            }
            visit = visit || visits_the_child(cx, s);
        }
    }
    if !visit || records_the_childs_voice(cx) {
        return;
    }
    let Some(top) = cues::first_line(cx) else {
        return;
    };
    let who = cues::child_first_name(cx).unwrap_or("the child");
    out.push(Finding::new(
        META.id,
        top,
        format!(
            "This note records a visit with {who} but nothing {who} said, showed, drew or \
             felt: no words in quotation marks, nor 'said', 'told me', 'showed', 'drew', \
             'wants' or 'feels', were found. Could you add {who}'s own words, or what {who} \
             showed you? For a baby, say how they played and responded."
        ),
    ));
}

/// Does this sentence record a visit or meeting with the child?
fn visits_the_child(cx: &Context, s: &Sentence) -> bool {
    for (r, tag) in visit_cues().find(cx.text, s.range.clone()) {
        if cx.doc.in_quote(&r) {
            continue;
        }
        if tag == SEEN_ALONE {
            // "Ava was seen alone", "the children were seen": look before the phrase.
            let head = s.range.start..r.start;
            if child_words().any(cx.text, head.clone())
                || s.words
                    .iter()
                    .enumerate()
                    .take_while(|(_, w)| w.end <= r.start)
                    .any(|(i, w)| names_a_child(cx, s, i, w))
            {
                return true;
            }
            continue;
        }
        // "I visited Ava", "home visit to the children", "saw Ava and her brother"; not
        // "Mum visited Ava" or "Nan spoke to Ava".
        if !by_the_writer(cx, s, r.start) {
            continue;
        }
        let window = if tag == CALL { 1 } else { 4 };
        let after = s
            .words
            .iter()
            .enumerate()
            .filter(|(_, w)| w.start >= r.end)
            .take(window);
        for (i, w) in after {
            let word = &cx.text[w.clone()];
            // "I visited Mum about Ava", "I met Dad for Ava's review": about the child, not
            // with them.
            if STOP.iter().any(|x| x.eq_ignore_ascii_case(word)) {
                break;
            }
            if child_words().any(cx.text, w.clone()) || names_a_child(cx, s, i, w) {
                return true;
            }
        }
    }
    false
}

/// Words after a visit word that end the search for the child: what follows is what the
/// visit was about.
const STOP: &[&str] = &[
    "about", "regarding", "concerning", "re", "for", "discuss", "because", "as",
];

/// Words that may stand just before a visit word when the writer made the visit: "I
/// visited", "we saw", "home visit", "my visit", or nothing at the start of a sentence.
const WRITER_BEFORE: &[&str] = &[
    "i", "we", "home", "a", "my", "our", "this", "the", "statutory", "unannounced",
    "announced", "planned", "joint", "then", "also", "later", "briefly", "jointly", "today",
    "first", "both", "sw", "worker", "writer", "practitioner",
];

fn by_the_writer(cx: &Context, s: &Sentence, at: usize) -> bool {
    if s.words.first().is_none_or(|w| w.start >= at) {
        return true;
    }
    let prev = cues::word_before(cx.text, at);
    WRITER_BEFORE.iter().any(|w| w.eq_ignore_ascii_case(prev))
}

/// Is word `i` the child's name (from the front matter), or a name that is not an adult's
/// ("Ava", not "Mrs Khan" or "Ava's mum")?
fn names_a_child(cx: &Context, s: &Sentence, i: usize, w: &std::ops::Range<usize>) -> bool {
    let word = &cx.text[w.clone()];
    if cues::is_child_name(cx, word) {
        return true;
    }
    if !cues::is_name(cx, s, i) || word.ends_with("'s") || word.ends_with("’s") {
        return false;
    }
    let prev = cues::word_before(cx.text, w.start);
    let adult = ["mr", "mrs", "ms", "miss", "dr", "mx"]
        .iter()
        .any(|t| t.eq_ignore_ascii_case(prev.trim_end_matches('.')));
    !adult && !cues::people().any(cx.text, w.clone())
}

/// Anything the child said, showed, drew or felt, anywhere in the note.
fn records_the_childs_voice(cx: &Context) -> bool {
    if cx
        .doc
        .quotes
        .iter()
        .any(|q| !cx.in_email(q) && q.len() > 4)
    {
        return true;
    }
    cx.doc
        .blocks
        .iter()
        .filter(|b| !cx.in_email(&b.range))
        .any(|b| {
            voice().find(cx.text, b.range.clone()).any(|(r, _)| {
                let prev = cues::word_before(cx.text, r.start);
                !cues::adult_speakers().any(prev, 0..prev.len())
            })
        })
}

#[cfg(test)]
mod tests {
    use super::super::cues::test_support::{found, messages};

    fn flagged(text: &str) -> Vec<String> {
        found("child-voice", text)
    }

    const SILENT_VISIT: &str = "# Home visit\n\nI visited Ava at home after school. The house \
        was clean and warm. Mum said things are calmer. Next visit in four weeks.\n";

    #[test]
    fn flags_a_visit_that_records_nothing_from_the_child_on_the_first_line() {
        assert_eq!(flagged(SILENT_VISIT), vec!["Home visit"]);
    }

    #[test]
    fn uses_the_childs_name_from_the_front_matter() {
        let text = "---\nchild: Kai Brown\n---\n\nHome visit to Kai and Mum. The flat was tidy. \
                    Mum explained the new rota.\n";
        let m = messages("child-voice", text);
        assert_eq!(m.len(), 1);
        assert!(m[0].starts_with("This note records a visit with Kai but nothing Kai said"));
    }

    #[test]
    fn ignores_a_visit_with_the_childs_words() {
        let with_quote = SILENT_VISIT.replace("The house", "Ava said \"I like my room\". The house");
        assert!(flagged(&with_quote).is_empty());
        let reported = SILENT_VISIT.replace("The house", "She told me school is going well. The house");
        assert!(flagged(&reported).is_empty());
        let shown = SILENT_VISIT.replace("The house", "Ava drew her family. The house");
        assert!(flagged(&shown).is_empty());
        let baby = "I visited baby Leo at home. Leo smiled and reached for Mum.";
        assert!(flagged(baby).is_empty());
    }

    #[test]
    fn a_call_with_the_child_is_a_contact_too() {
        assert_eq!(
            flagged("# Call\n\nI phoned Ava after school. Mum said she was fine.").len(),
            1
        );
        assert!(flagged("I phoned Ava after school. She told me the trip was fun.").is_empty());
        assert!(flagged("Ava has a new friend called Ruby. Mum said they play well.").is_empty());
        let about = "---\nchild: Ava Khan\n---\n\nI phoned Mum about Ava. I visited Dad to talk about Ava.";
        assert!(flagged(about).is_empty());
    }

    #[test]
    fn what_adults_said_is_not_the_childs_voice() {
        let text = "I visited the children at home. Mum said they are fine. I explained the plan.";
        assert_eq!(flagged(text).len(), 1);
    }

    #[test]
    fn ignores_notes_where_the_child_was_not_seen() {
        assert!(flagged("I visited Ava at home but she was at school. I spoke with Mum.").is_empty());
        assert!(flagged("I visited Ava at home. There was no answer at the door.").is_empty());
    }

    #[test]
    fn ignores_notes_that_are_not_visits_with_the_child() {
        assert!(flagged("I phoned the school about attendance. It is 82% this term.").is_empty());
        assert!(flagged("I visited Mrs Khan at home to talk about the rent.").is_empty());
        assert!(flagged("I met Ava's mum at the office.").is_empty());
        assert!(flagged("Nan visited Ava on Sunday. Mum said it went well.").is_empty());
        assert!(flagged("I phoned Mum. Ava was seen by the GP last week.").is_empty());
    }

    #[test]
    fn ignores_chronologies_and_overviews() {
        let text = format!("---\ntype: overview\n---\n\n{SILENT_VISIT}");
        assert!(flagged(&text).is_empty());
    }
}
