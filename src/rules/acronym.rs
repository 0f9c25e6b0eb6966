//! ## What it flags
//! Acronyms a family may not know (LAC, CIN, TAF, MASH, MARAC, PLO, IRO, s47...) and other
//! words of 2 to 6 capital letters, the first time they are used without being spelled out.
//! Spelling one out at or before its first use, as "Child Protection (CP)" or
//! "CP (Child Protection)", is enough for the rest of the note. Everyday acronyms (UK, NHS, GP,
//! TV, OK...), Roman numerals, units, headings in capitals, surnames in capitals ("Ava SMITH"),
//! words in capitals for emphasis ("NOT") and quoted words are left alone, and a council can add
//! its own acronyms to `allow`.
//!
//! ## Why it matters
//! The practice standard asks that children's files are "written clearly and respectfully so it
//! will be comprehensible to the people we are writing about". Parents who have read their
//! files describe pages of acronyms they could not follow, and a child reading their file as an
//! adult should not need a glossary to understand their own life.
//!
//! ## Example
//! The CIN plan was reviewed at the TAF. Mum agreed to a referral to CAMHS.
//!
//! ## Instead
//! The Child in Need (CIN) plan was reviewed at the Team Around the Family meeting. Mum agreed
//! to a referral to the Child and Adolescent Mental Health Service (CAMHS).

use std::collections::HashSet;
use std::ops::Range;

use super::{Context, Meta};
use crate::dictionary::Acronym;
use crate::finding::{Finding, Severity};
use crate::text::overlaps_any;

pub const META: Meta = Meta {
    id: "acronym",
    default_severity: Severity::Information,
    summary: "Acronyms not spelled out at first use",
};

/// Units and time words often written in capitals.
const UNITS: &[&str] = &[
    "AM", "PM", "KG", "MG", "ML", "CM", "MM", "KM", "MPH", "KPH", "BST", "GMT", "UTC", "LB", "LBS",
    "OZ", "FT", "GBP", "USD", "EUR",
];

/// Everyday words written in capitals for emphasis ("She was NOT happy"), never acronyms here.
const EMPHASIS: &[&str] = &[
    "ALL", "ALWAYS", "AND", "ANY", "ARE", "BAD", "BIG", "BUT", "CAN", "DID", "DO", "DOES", "DONE",
    "DONT", "EVER", "EVERY", "FOR", "GET", "GO", "GOOD", "GOT", "HAD", "HAS", "HATE", "HAVE", "HE",
    "HELP", "HER", "HIM", "HIS", "HOW", "HURT", "IS", "IT", "JUST", "LOVE", "MAD", "ME", "MINE",
    "MUST", "MY", "NEED", "NEVER", "NO", "NOT", "NOW", "OF", "ON", "ONE", "ONLY", "OR", "OUR", "OUT",
    "PLEASE", "SAD", "SAFE", "SHE", "SO", "SORRY", "STOP", "THE", "THEM", "THEY", "TO", "TOO",
    "TWO", "UP", "VERY", "WANT", "WAS", "WE", "WERE", "WHAT", "WHO", "WHY", "WILL", "WITH", "YES",
    "YOU", "YOUR", "ANGRY", "SCARED", "HAPPY", "REALLY", "NOTHING", "LIKE", "NOTE", "URGENT",
    "UPDATE", "ALSO", "AT", "AS", "BE", "BY", "IF", "IN", "AN", "AM", "OK",
];

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    // Acronyms already spelled out or already flagged, by lookup key.
    let mut done: HashSet<String> = HashSet::new();
    let allow = &cx.config.rules.acronym.allow;
    for s in cx.doc.sentences() {
        let caps_sentence = mostly_capitals(cx.text, &s.words);
        for (i, w) in s.words.iter().enumerate() {
            let raw = &cx.text[w.clone()];
            let Some((range, word)) = candidate(cx.text, w.clone(), raw) else {
                continue;
            };
            let known = cx.dicts.acronym(word);
            let key = known.map_or_else(|| word.to_string(), |a| a.acronym.to_uppercase());
            if done.contains(&key) {
                continue;
            }
            // "Child Protection (CP)": the acronym in brackets is its own spelling out;
            // "CP (Child Protection)": so is a bracket straight after it.
            if in_brackets(cx.text, &range) || bracket_follows(cx.text, &range, word) {
                done.insert(key);
                continue;
            }
            let singular = word.strip_suffix('s').filter(|w| w.len() >= 2);
            if cx.dicts.allow.contains(word)
                || singular.is_some_and(|w| cx.dicts.allow.contains(w))
                || allow.iter().any(|a| a.trim().eq_ignore_ascii_case(word))
                || cx.config.is_accepted(word)
                || overlaps_any(&cx.doc.quotes, &range)
                || cx.in_email(&range)
                || overlaps_any(&cx.doc.non_prose, &range)
            {
                continue;
            }
            match known {
                Some(a) => {
                    out.push(known_finding(a, &range, word));
                    done.insert(key);
                }
                None => {
                    if !is_unknown_candidate(cx.text, word, &s.words, i, caps_sentence) {
                        continue;
                    }
                    out.push(
                        Finding::new(
                            META.id,
                            range,
                            format!(
                                "'{word}' may not be known to the family or to the child reading \
                                 this later. Spell it out the first time you use it, then put \
                                 '{word}' in brackets."
                            ),
                        )
                        .acceptable(word),
                    );
                    done.insert(key);
                }
            }
        }
    }
}

fn known_finding(a: &Acronym, range: &Range<usize>, word: &str) -> Finding {
    let why = a
        .why
        .as_deref()
        .map(|w| format!(" {}", w.trim()))
        .unwrap_or_default();
    let plural = word.len() > a.acronym.len();
    let message = if a.also.is_empty() {
        format!(
            "'{word}' may not be known to the family: it stands for '{}'.{why} Spell it out \
             the first time, as '{} ({word})'.",
            a.expand, a.expand
        )
    } else {
        let all = std::iter::once(&a.expand)
            .chain(&a.also)
            .map(|e| format!("'{e}'"))
            .collect::<Vec<_>>()
            .join(" or ");
        format!(
            "'{word}' may not be known to the family, and it can mean {all}.{why} Spell out the \
             one you mean the first time."
        )
    };
    // Accepting "LACs" accepts "LAC" too.
    let mut f = Finding::new(META.id, range.clone(), message).acceptable(a.acronym.as_str());
    if plural {
        return f;
    }
    for e in std::iter::once(&a.expand).chain(&a.also) {
        let replacement = format!("{e} ({word})");
        let title = format!("Spell out as '{replacement}'");
        f = if a.also.is_empty() {
            f.with_edit(title, range.clone(), replacement)
        } else {
            f.with_optional_edit(title, range.clone(), replacement)
        };
    }
    f
}

/// The acronym-like part of a word and its range: "CIN", "LACs", "CP's" -> "CP", "s47",
/// "S.47" (two words to the segmenter) -> "S.47". `None` if the word cannot be an acronym.
fn candidate<'t>(text: &'t str, w: Range<usize>, raw: &'t str) -> Option<(Range<usize>, &'t str)> {
    // "S.47": the word "S" followed by ".47"
    if raw == "s" || raw == "S" {
        let after = text.get(w.end..)?;
        let digits = after.strip_prefix('.')?;
        let n = digits.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 || digits[n..].chars().next().is_some_and(char::is_alphanumeric) {
            return None;
        }
        let end = w.end + 1 + n;
        return Some((w.start..end, &text[w.start..end]));
    }
    let word = raw
        .strip_suffix("'s")
        .or_else(|| raw.strip_suffix("’s"))
        .unwrap_or(raw);
    let first = word.chars().next()?;
    if !first.is_ascii_uppercase() && first != 's' {
        return None;
    }
    // Acronyms have at least two capitals ("CiC", "DfE", "LACs") or are sections ("s47").
    let capitals = word.chars().filter(char::is_ascii_uppercase).count();
    let section = word.len() >= 2
        && word.starts_with(['s', 'S'])
        && word[1..].bytes().all(|b| b.is_ascii_digit());
    if !(capitals >= 2 || section) || !word.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some((w.start..w.start + word.len(), word))
}

/// Should an all-capitals word that is not in the dictionary be flagged?
fn is_unknown_candidate(
    text: &str,
    word: &str,
    words: &[Range<usize>],
    i: usize,
    caps_sentence: bool,
) -> bool {
    let len = word.chars().count();
    let letters_only = word.chars().all(|c| c.is_ascii_uppercase());
    if !(2..=6).contains(&len) || !letters_only || caps_sentence {
        return false;
    }
    if UNITS.contains(&word) || EMPHASIS.contains(&word) || is_roman(word) {
        return false;
    }
    // Initials after a title ("Mr AB") are a person, and a word next to another capitalised
    // word in capitals ("JOHN SMITH") is a name or a shout, not an acronym.
    let prev = i
        .checked_sub(1)
        .and_then(|j| words.get(j))
        .map(|r| &text[r.clone()]);
    if prev.is_some_and(|p| {
        ["Mr", "Mrs", "Ms", "Mx", "Dr", "Miss"]
            .iter()
            .any(|t| p.eq_ignore_ascii_case(t))
    }) {
        return false;
    }
    // A surname in capitals after a first name ("Ava SMITH"), as many records write them.
    let title_case = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && w.chars().count() >= 2
            && cs.all(char::is_lowercase)
    };
    if prev.is_some_and(title_case) && i >= 2 {
        return false;
    }
    if prev.is_some_and(title_case) && words.len() > i + 1 {
        // "Ava SMITH said": a name at the start of a sentence.
        let next_word = &text[words[i + 1].clone()];
        if next_word.chars().all(char::is_lowercase) && word.len() >= 4 {
            return false;
        }
    }
    let is_caps_word = |r: &Range<usize>| {
        let t = &text[r.clone()];
        t.len() > 1 && t.chars().all(|c| c.is_ascii_uppercase())
    };
    let next = words.get(i + 1);
    if prev.is_some() && i.checked_sub(1).and_then(|j| words.get(j)).is_some_and(is_caps_word)
        || next.is_some_and(is_caps_word)
    {
        // Two capital words in a row: "BREACH OF ORDER", a name, or two acronyms. Known
        // acronyms are still flagged; unknown ones are left alone.
        return false;
    }
    true
}

/// A heading or sentence written in capitals ("HOME VISIT", "NO CONCERNS NOTED").
fn mostly_capitals(text: &str, words: &[Range<usize>]) -> bool {
    let alpha: Vec<&str> = words
        .iter()
        .map(|r| &text[r.clone()])
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let caps = alpha
        .iter()
        .filter(|w| !w.chars().any(char::is_lowercase))
        .count();
    if alpha.len() < 3 {
        // A short heading or table header in capitals: "DATE", "EVENT SOURCE".
        return !alpha.is_empty() && caps == alpha.len();
    }
    caps >= 3 && caps * 3 >= alpha.len() * 2
}

/// Roman numerals up to 39 or so ("II", "IV", "XII", "XXIV").
fn is_roman(w: &str) -> bool {
    let rest = w.trim_start_matches('X');
    let x = w.len() - rest.len();
    x <= 3
        && matches!(
            rest,
            "" | "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX"
        )
        && !w.is_empty()
}

/// "(CP)": the word is the whole of a bracket.
fn in_brackets(text: &str, r: &Range<usize>) -> bool {
    text[..r.start].trim_end().ends_with('(') && text[r.end..].trim_start().starts_with(')')
}

/// "CP (Child Protection)": a bracket of at least two words straight after, starting with the
/// acronym's first letter (so "the IRO (Jo Smith)" does not count).
fn bracket_follows(text: &str, r: &Range<usize>, word: &str) -> bool {
    let rest = text[r.end..].trim_start_matches([' ', '\u{a0}']);
    let Some(inner) = rest.strip_prefix('(') else {
        return false;
    };
    let inner = inner.split(')').next().unwrap_or("");
    let same_initial = match (inner.trim_start().chars().next(), word.chars().next()) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(&b),
        _ => false,
    };
    same_initial && inner.len() < 120 && inner.split_whitespace().count() >= 2
}

#[cfg(test)]
mod tests {
    use crate::{analyse, Config, Finding};

    fn findings_with(text: &str, c: &Config) -> Vec<Finding> {
        analyse(text, c)
            .findings
            .into_iter()
            .filter(|f| f.rule == "acronym")
            .collect()
    }

    fn flagged(text: &str) -> Vec<String> {
        findings_with(text, &Config::default())
            .iter()
            .map(|f| text[f.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn flags_the_first_use_of_a_known_acronym_and_offers_to_spell_it_out() {
        let text = "The CIN plan was agreed. The CIN plan ends in May.";
        let f = findings_with(text, &Config::default());
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].range, 4..7);
        assert_eq!(f[0].suggestions[0].replacement, "Child in Need (CIN)");
        assert!(f[0].suggestions[0].preferred);
        assert!(f[0].message.contains("Child in Need"));
    }

    #[test]
    fn spelled_out_before_or_at_first_use_is_not_flagged() {
        assert!(flagged("Ava has a Child Protection (CP) plan. The CP plan is new.").is_empty());
        assert!(flagged("Ava has a CP (Child Protection) plan. The CP plan is new.").is_empty());
    }

    #[test]
    fn spelled_out_only_later_still_flags_the_first_use() {
        assert_eq!(
            flagged("The IRO rang. The Independent Reviewing Officer (IRO) is Jo."),
            vec!["IRO"]
        );
    }

    #[test]
    fn flags_sections_plurals_and_mixed_case_entries() {
        assert_eq!(flagged("A s47 enquiry began."), vec!["s47"]);
        assert_eq!(flagged("An S.47 enquiry began."), vec!["S.47"]);
        assert_eq!(flagged("Both LACs were at home."), vec!["LACs"]);
        assert_eq!(flagged("The CiC council met."), vec!["CiC"]);
    }

    #[test]
    fn flags_unknown_capital_words() {
        assert_eq!(flagged("QRX said it was fine."), vec!["QRX"]);
        let f = findings_with("Mum goes to the QRX group.", &Config::default());
        assert_eq!(f.len(), 1);
        assert!(f[0].suggestions.is_empty());
        assert!(f[0].message.contains("Spell it out"));
    }

    #[test]
    fn ambiguous_acronyms_offer_every_meaning_and_prefer_none() {
        let f = findings_with("The CG met on Monday.", &Config::default());
        assert_eq!(f.len(), 1);
        assert!(f[0].suggestions.len() >= 2);
        assert!(f[0].suggestions.iter().all(|s| !s.preferred));
    }

    #[test]
    fn everyday_acronyms_numerals_units_and_headings_are_not_flagged() {
        assert!(flagged("Mum saw the GP and the NHS nurse. It was OK. They watched TV.").is_empty());
        assert!(flagged("Ava read chapter IV and XII. She weighs 30 KG.").is_empty());
        assert!(flagged("# HOME VISIT TO QRX FAMILY\n\nAva was at home.").is_empty());
        assert!(flagged("| DATE | EVENT |\n|---|---|\n| 1/2/2026 | Ava moved school |\n").is_empty());
        assert_eq!(flagged("# CIN\n\nAva was at home."), vec!["CIN"]);
        assert!(flagged("Mr JS was not at home.").is_empty());
        assert!(flagged("Ava wrote J.S. on the card.").is_empty());
        assert!(flagged("Ava said she was NOT going back. I visited Ava SMITH at home.").is_empty());
        assert!(flagged("Ava SMITH said hello.").is_empty());
    }

    #[test]
    fn quoted_acronyms_and_email_are_not_flagged() {
        assert!(flagged("Ava said \"my IRO is nice\".").is_empty());
        let text = "I rang the IRO.\n\nFrom: Jo\nSubject: CIN plan\n\nThe TAF is on Monday.\n";
        let start = text.find("From:").unwrap_or(0);
        let found =
            crate::rules::jargon::tests::with_email_block(text, start..text.len(), super::check);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "IRO");
    }

    #[test]
    fn code_and_front_matter_are_not_flagged() {
        assert!(flagged("---\nteam: MASH\n---\n\nAva smiled. Run `QRX` now.\n").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_ranges_are_sound(text in "[A-Za-z0-9 .()’'\"#\n😀é]{0,80}") {
            let found = crate::rules::jargon::tests::with_email_block(&text, 0..0, super::check);
            for f in found {
                proptest::prop_assert!(f.range.start < f.range.end && f.range.end <= text.len());
                for s in &f.suggestions {
                    proptest::prop_assert!(text.is_char_boundary(s.range.start));
                    proptest::prop_assert!(text.is_char_boundary(s.range.end));
                }
            }
        }
    }

    #[test]
    fn the_council_allow_list_and_accepted_words_are_respected() {
        let mut c = Config::default();
        c.rules.acronym.allow = vec!["qrx".into()];
        c.dictionaries.accept = vec!["MASH".into()];
        assert!(findings_with("The QRX group and the MASH met.", &c).is_empty());
    }

    #[test]
    fn the_documented_example_is_flagged_and_the_instead_is_clean() {
        let rule = crate::rules::by_id("acronym").expect("registered");
        let count = |text: &str| {
            analyse(text, &Config::default())
                .findings
                .iter()
                .filter(|f| f.rule == "acronym")
                .count()
        };
        assert!(count(&rule.doc_section("Example")) >= 2);
        assert_eq!(count(&rule.doc_section("Instead")), 0);
    }
}
