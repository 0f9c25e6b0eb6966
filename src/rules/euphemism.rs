//! ## What it flags
//! Words that soften or hide harm to a child: "inappropriate touching", "sexual activity" of a
//! child, "lovebites", "a bit of a slap", "physical chastisement", "a domestic", "volatile
//! relationship". Some words are ordinary on their own and are flagged only beside a harm
//! word in the same sentence or the one either side: "rough play" or "a tap on" beside a
//! bruise or injury, "grubby" or "a bit messy" beside faeces or urine. Words inside quotation
//! marks are someone's own words, recorded as said, and are left alone.
//!
//! Casenote never offers other words here. Only the writer knows what happened.
//!
//! ## Why it matters
//! The practice standard asks that case records are "accurate, appropriate, and
//! proportionate": plain and kind must never become vague about harm. A case review found a
//! home with faeces on the walls recorded as "grubby", and guides on exploitation warn that
//! words like "sexual activity" or "lovebites" hide the abuse of a child. A soft word can stop the next reader, a manager or a court, seeing what
//! the child lived through.
//!
//! ## Example
//! Ava had lovebites on her neck. Dad said the bruise on Sam's arm came from rough play.
//!
//! ## Instead
//! Ava had three oval red-purple marks on the left side of her neck. She said "a man at the
//! party did it". Sam had a bruise about 3cm long on his upper arm. Dad said "they were play
//! fighting". Sam told me "Dad grabbed me".

use std::ops::Range;
use std::sync::OnceLock;

use super::cues::{self, Lexicon};
use super::{Context, Meta};
use crate::finding::{Finding, Severity};

pub const META: Meta = Meta {
    id: "euphemism",
    default_severity: Severity::Warning,
    summary: "Words that soften or hide harm (\"inappropriate touching\", \"lovebites\", \"rough play\" beside a bruise)",
};

/// Injuries, beside which words for play or a light touch may hide force.
fn injury() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::plain(&[
            "bruise", "bruises", "bruised", "bruising", "marks", "a mark", "red mark",
            "injury", "injuries", "injured", "cut", "cuts", "bleeding", "blood", "swelling",
            "swollen", "burn", "burns", "burnt", "scald", "scalded", "fracture", "fractured",
            "broken arm", "broken leg", "broken wrist", "scratch", "scratches", "bite mark",
            "bite marks", "bitten", "black eye", "welt", "welts", "graze", "grazes", "hurt",
            "hurting",
        ])
    })
}

/// Signs of neglect, beside which mild words for an untidy home may hide it.
fn neglect() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::plain(&[
            "faeces", "faecal", "poo", "excrement", "urine", "soiled", "dirty nappies",
            "dog mess", "dog dirt", "vomit", "mould", "mouldy", "maggots", "flies",
            "cockroaches", "rats", "mice", "needles", "syringes", "rotting", "rotten",
        ])
    })
}

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let always = cx.dicts.list("euphemism");
    let injury_list = cx.dicts.list("euphemism-near-injury");
    let neglect_list = cx.dicts.list("euphemism-near-neglect");
    for block in cx
        .doc
        .blocks
        .iter()
        .filter(|b| cues::is_prose_or_cell(cx, b))
    {
        for (i, s) in block.sentences.iter().enumerate() {
            for m in cx.find_terms(always, s.range.clone()) {
                if cues::quoted_or_email(cx, &m.range) || negated(cx, s, &m.range) {
                    continue;
                }
                let why = always.terms.get(m.term).map_or("", |t| t.why.as_str());
                let words = &cx.text[m.range.clone()];
                out.push(finding(
                    m.range,
                    format!("'{words}' may soften what happened. {why}"),
                    ASK_WHAT_HAPPENED,
                ));
            }
            // The sentence itself and the one either side.
            let window = block.sentences[i.saturating_sub(1)].range.start
                ..block
                    .sentences
                    .get(i + 1)
                    .map_or(s.range.end, |n| n.range.end);
            for (list, harm, kind, ask) in [
                (injury_list, injury(), "an injury", ASK_WHAT_HAPPENED),
                (neglect_list, neglect(), "neglect", ASK_WHAT_WAS_SEEN),
            ] {
                for m in cx.find_terms(list, s.range.clone()) {
                    if cues::quoted_or_email(cx, &m.range) {
                        continue;
                    }
                    let Some(h) = harm_near(cx, harm, window.clone(), &m.range) else {
                        continue;
                    };
                    let why = list.terms.get(m.term).map_or("", |t| t.why.as_str());
                    let words = &cx.text[m.range.clone()];
                    let harm_word = &cx.text[h];
                    out.push(finding(
                        m.range,
                        format!(
                            "'{words}' beside '{harm_word}' may make {kind} sound smaller. {why}"
                        ),
                        ask,
                    ));
                }
            }
        }
    }
}

/// "No sexual activity", "no concerns about inappropriate touching": a negation within the
/// four words before the phrase records that nothing happened.
fn negated(cx: &Context, s: &crate::text::Sentence, r: &Range<usize>) -> bool {
    let before = s.words.iter().take_while(|w| w.end <= r.start);
    let n = before.clone().count();
    before.skip(n.saturating_sub(4)).any(|w| {
        ["no", "not", "nor", "never", "any", "denied", "denies"]
            .iter()
            .any(|x| x.eq_ignore_ascii_case(&cx.text[w.clone()]))
    })
}

fn harm_near(
    cx: &Context,
    harm: &Lexicon,
    window: Range<usize>,
    own: &Range<usize>,
) -> Option<Range<usize>> {
    harm
        .find(cx.text, window)
        .map(|(r, _)| r)
        .find(|r| (r.end <= own.start || r.start >= own.end) && !cx.doc.in_quote(r))
}

const ASK_WHAT_HAPPENED: &str =
    "Please record exactly what happened and what the child said, in their own words.";
const ASK_WHAT_WAS_SEEN: &str =
    "Please describe exactly what you saw and smelt, and where.";

fn finding(range: Range<usize>, lead: String, ask: &str) -> Finding {
    Finding::new(
        META.id,
        range,
        format!("{lead} {ask} If these words are someone else's, put them in quotation marks."),
    )
}

#[cfg(test)]
mod tests {
    use super::super::cues::test_support::{found, messages};
    use crate::{analyse, Config};

    fn flagged(text: &str) -> Vec<String> {
        found("euphemism", text)
    }

    #[test]
    fn flags_words_that_soften_sexual_harm() {
        assert_eq!(
            flagged("Ava disclosed inappropriate touching by her uncle."),
            vec!["inappropriate touching"]
        );
        assert_eq!(flagged("Ava (13) had lovebites on her neck."), vec!["lovebites"]);
        assert_eq!(
            flagged("There are concerns about sexual activity with older men."),
            vec!["sexual activity"]
        );
    }

    #[test]
    fn flags_words_that_soften_force() {
        assert_eq!(flagged("Dad gave Sam a bit of a slap."), vec!["a bit of a slap"]);
        assert_eq!(flagged("Police were called to a domestic."), vec!["a domestic"]);
        assert_eq!(
            flagged("Mum and Dad have a volatile relationship."),
            vec!["volatile relationship"]
        );
    }

    #[test]
    fn flags_mild_words_beside_harm() {
        assert_eq!(
            flagged("Sam had a bruise on his cheek. Dad said it was rough play."),
            vec!["rough play"]
        );
        assert_eq!(
            flagged("The bathroom was a bit grubby, with faeces on the floor."),
            vec!["a bit grubby"]
        );
    }

    #[test]
    fn flags_giving_a_child_a_tap_beside_an_injury() {
        assert_eq!(
            flagged("Charlie had a mark under his eye. Mum said she had given him a tap."),
            vec!["given him a tap"]
        );
        assert!(flagged("Mum said she had given him a tap on the shoulder to wake him.").is_empty());
        assert!(flagged("Sam had a cut on his knee. I ran a tap so we could wash it.").is_empty());
    }

    #[test]
    fn ignores_mild_words_with_no_harm_nearby() {
        assert!(flagged("Sam and his brother enjoy rough play in the garden.").is_empty());
        assert!(flagged("Ava's bedroom was a bit messy with clothes on the floor.").is_empty());
        assert!(flagged("Sam had a bruise on his knee from football.\n\nThe lounge was untidy.").is_empty());
        assert!(flagged("Ava had a cut on her finger. Her room was a bit messy.").is_empty());
        assert!(flagged("Sam wet himself and had soiled pants after rough play.").is_empty());
    }

    #[test]
    fn ignores_plain_words_and_guarded_uses() {
        assert!(flagged("Ava told me her uncle touched her vagina.").is_empty());
        assert!(flagged("Police attended a domestic abuse incident.").is_empty());
        assert!(flagged("Dad interfered with the contact arrangements.").is_empty());
        assert!(flagged("There are no concerns about sexual activity.").is_empty());
        assert!(flagged("Ava denied any inappropriate touching.").is_empty());
    }

    #[test]
    fn quoted_words_are_never_flagged() {
        assert!(flagged("Dad said \"it was just a bit of a slap\".").is_empty());
        assert!(flagged("Sam has a bruise. Dad said \"it was rough play\".").is_empty());
    }

    #[test]
    fn asks_for_exact_words_and_never_suggests_others() {
        let text = "Ava disclosed inappropriate touching.";
        let a = analyse(text, &Config::default());
        let f = a.findings.iter().find(|f| f.rule == "euphemism").unwrap();
        assert!(f.suggestions.is_empty());
        assert_eq!(f.severity, crate::finding::Severity::Warning);
        let m = messages("euphemism", text);
        assert!(m[0].contains("record exactly what happened and what the child said, in their own words"));
    }
}
