//! ## What it flags
//! Care-system jargon and formal words that have a plainer alternative: "placement" (home),
//! "respite" (short break), "contact with his dad" (family time with his dad), "utilise" (use),
//! "in relation to" (about), "commence" (start). Words inside quotation marks are never flagged:
//! they are someone's own words.
//!
//! ## Why it matters
//! The practice standard asks that children's files are "written clearly and respectfully so it
//! will be comprehensible to the people we are writing about", and that children and families
//! "feel they are part of the recording process". Young people in care have said that words
//! like "placement", "respite" and "contact" make their lives sound like a service, and many
//! adults find formal words hard to follow. Everyday words keep the record open to the people
//! it is about.
//!
//! ## Example
//! Prior to commencing contact, I liaised with the carers in relation to Ava's placement.
//!
//! ## Instead
//! Before family time started, I talked to Sam and Lee about how Ava is getting on at home.

use std::ops::Range;

use super::{Context, Meta};
use crate::dictionary::{inflect_like, word_before, TermMatch, TermMatcher};
use crate::finding::{match_case, Finding, Severity};
use crate::text::{overlaps_any, BlockKind, Sentence};

pub const META: Meta = Meta {
    id: "jargon",
    default_severity: Severity::Information,
    summary: "Care-system jargon and formal words, with plain alternatives",
};

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let mut found = Vec::new();
    term_findings(
        cx,
        cx.dicts.jargon(),
        META.id,
        "Could you say it in everyday words?",
        |s, _| s,
        &mut found,
    );
    // Where `respectful` flags a phrase ("blew the placement"), its finding says more than a
    // word swap inside it would: leave those words to it.
    let respectful_on = cx
        .config
        .rules
        .common(super::respectful::META.id)
        .is_some_and(|(enabled, _)| enabled);
    // Only the sentences with a jargon finding are searched for respectful wording; they are
    // found by binary search (sentences are in text order), not a scan per finding.
    let sentences: Vec<&Sentence> = if respectful_on && !found.is_empty() {
        cx.doc.sentences().collect()
    } else {
        Vec::new()
    };
    let in_respectful_phrase = |f: &Finding| {
        respectful_on
            && sentences
                .get(sentences.partition_point(|s| s.range.end <= f.range.start))
                .filter(|s| s.range.start <= f.range.start && f.range.end <= s.range.end)
                .is_some_and(|s| {
                    sentence_matches(cx, cx.dicts.respectful(), s)
                        .any(|m| m.range.start < f.range.end && f.range.start < m.range.end)
                })
    };
    let headings: Vec<Range<usize>> = cx
        .doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| b.range.clone())
        .collect();
    out.extend(found.into_iter().filter(|f| {
        !in_respectful_phrase(f)
            // Headings are often the recording system's own section names, which the writer
            // cannot change.
            && !overlaps_any(&headings, &f.range)
            && !names_an_acronym(cx.text, &f.range)
    }));
}

/// "Education, Health and Care Plan (EHCP)": words that spell out an acronym are the name of
/// a thing, written just as the `acronym` rule asks, not jargon to swap.
fn names_an_acronym(text: &str, r: &Range<usize>) -> bool {
    let title_case = text[r.clone()]
        .split_whitespace()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let after = text[r.end..].trim_start_matches([' ', '\t']);
    let Some(inside) = after.strip_prefix('(') else {
        return false;
    };
    let letters: String = inside
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    title_case && letters.len() >= 2 && letters.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// One finding per match of a term list in the note's own prose: the words found, the entry's
/// reason, then its suggestions (in the form of the words they replace, capitalised like them)
/// or, if it has none, what to do instead (`ask`, or `default_ask`). `adjust` may change a
/// suggestion given the word before the match.
pub(crate) fn term_findings(
    cx: &Context,
    list: &TermMatcher,
    rule: &'static str,
    default_ask: &str,
    adjust: fn(String, &str) -> String,
    out: &mut Vec<Finding>,
) {
    for m in prose_matches(cx, list) {
        let Some(term) = list.terms.get(m.term) else {
            continue;
        };
        let found = &cx.text[m.range.clone()];
        let why = term.why.trim();
        let listed = term.matches.get(m.form).map_or(found, |s| s.as_str());
        let before = word_before(cx.text, m.range.start);
        let suggest: Vec<String> = term
            .suggest
            .iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| adjust(inflect_like(s.trim(), found, listed, before), before))
            .collect();
        let message = match suggest.as_slice() {
            [] => format!(
                "'{found}': {why} {}",
                term.ask.as_deref().map_or(default_ask, str::trim)
            ),
            [one] => format!("'{found}': {why} Try '{one}'."),
            [first, rest @ ..] => {
                let others = rest
                    .iter()
                    .map(|s| format!("'{s}'"))
                    .collect::<Vec<_>>()
                    .join(" or ");
                format!("'{found}': {why} Try '{first}' or {others}.")
            }
        };
        let mut f = Finding::new(rule, m.range.clone(), message);
        for s in &suggest {
            f = f.replace_with(match_case(found, s));
        }
        out.push(f.acceptable(listed.trim().to_lowercase()));
    }
}

/// Matches of a term list in the note's own prose: not in quoted speech, pasted e-mail, front
/// matter, code or other non-prose, and starting at a word of a sentence (so never inside a
/// code span or a link target).
pub(crate) fn prose_matches(cx: &Context, list: &TermMatcher) -> Vec<TermMatch> {
    let mut out = Vec::new();
    for s in cx.doc.sentences() {
        out.extend(sentence_matches(cx, list, s));
    }
    out
}

/// [`prose_matches`] in one sentence.
fn sentence_matches<'a>(
    cx: &'a Context,
    list: &'a TermMatcher,
    s: &'a Sentence,
) -> impl Iterator<Item = TermMatch> + 'a {
    let found = if s.words.is_empty() {
        None
    } else {
        Some(cx.find_terms(list, s.range.clone()))
    };
    found.into_iter().flatten().filter(move |m| {
        is_own_prose(cx, &m.range)
            && s.words
                .binary_search_by_key(&m.range.start, |w| w.start)
                .is_ok()
    })
}

fn is_own_prose(cx: &Context, r: &Range<usize>) -> bool {
    !overlaps_any(&cx.doc.quotes, r)
        && !cx.in_email(r)
        && !overlaps_any(&cx.doc.non_prose, r)
        && cx
            .doc
            .front_matter
            .as_ref()
            .is_none_or(|fm| r.end <= fm.start || r.start >= fm.end)
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::{analyse, Config, Finding};

    fn findings(text: &str) -> Vec<Finding> {
        analyse(text, &Config::default())
            .findings
            .into_iter()
            .filter(|f| f.rule == "jargon")
            .collect()
    }

    fn flagged(text: &str) -> Vec<String> {
        findings(text)
            .iter()
            .map(|f| text[f.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn words_spelling_out_an_acronym_are_a_name_not_jargon() {
        let text = "Jess asked about her Education, Health and Care Plan (EHCP) at school.\n";
        assert!(findings(text).is_empty(), "{:?}", findings(text));
        let text = "We talked about her care plan (the one agreed in May).\n";
        assert_eq!(findings(text).len(), 1);
    }

    #[test]
    fn headings_are_section_names_and_left_alone() {
        assert!(findings("# Professionals meeting about Aisha\n\nI met Aisha.\n").is_empty());
        assert_eq!(findings("I went to the professionals meeting.\n").len(), 1);
    }

    #[test]
    fn flags_placement_and_suggests_home() {
        let text = "Ava is settled in her placement.";
        let f = findings(text);
        assert_eq!(f.len(), 1);
        assert_eq!(&text[f[0].range.clone()], "placement");
        assert_eq!(f[0].suggestions[0].replacement, "home");
        assert!(f[0].suggestions[0].preferred);
    }

    #[test]
    fn flags_contact_in_the_family_time_sense() {
        assert_eq!(
            flagged("Ava has contact with his dad on Fridays."),
            vec!["contact with"]
        );
        assert_eq!(
            flagged("Supervised contact went well."),
            vec!["Supervised contact"]
        );
        assert_eq!(flagged("Contact with mum was cancelled."), vec!["Contact with"]);
    }

    #[test]
    fn ignores_contact_details_and_contact_as_a_verb() {
        assert!(flagged("I will contact the school.").is_empty());
        assert!(flagged("Mum gave me her contact details.").is_empty());
        assert!(flagged("Mum contacted me on Monday.").is_empty());
        assert!(flagged("I had contact with the school nurse.").is_empty());
        assert!(flagged("Mum has been in contact with her sister.").is_empty());
        assert!(flagged("Dad has had no contact with Mum since June.").is_empty());
    }

    #[test]
    fn never_turns_harm_into_family_time() {
        assert!(flagged("Ava said there had been sexual contact with her uncle.").is_empty());
        assert!(flagged("Physical contact with the baby was rough.").is_empty());
        assert!(flagged("Sexual contact took place.").is_empty());
    }

    #[test]
    fn flags_formal_words_in_any_inflection() {
        assert_eq!(
            flagged("We commenced the visit. Dad is utilising the support."),
            vec!["commenced", "utilising"]
        );
        assert_eq!(flagged("I spoke to Mum in relation to school."), vec!["in relation to"]);
    }

    #[test]
    fn suggestions_keep_the_capitalisation() {
        let f = findings("Respite is on Friday.");
        assert_eq!(f[0].suggestions[0].replacement, "Short break");
        let f = findings("Prior to the visit I rang.");
        assert_eq!(f[0].suggestions[0].replacement, "Before");
    }

    #[test]
    fn quoted_words_of_the_child_are_never_flagged() {
        assert!(flagged("Ava said \"I like my placement\".").is_empty());
        assert!(flagged("Ava said “I don’t want respite”.").is_empty());
        assert!(flagged("Ava called it 'my placement'.").is_empty());
    }

    #[test]
    fn ignores_front_matter_and_code() {
        let text = "---\ntitle: placement review\n---\n\nAva smiled.\n\n```\nplacement\n```\n\nUse `placement` here.\n";
        assert!(flagged(text).is_empty());
    }

    /// Run a rule with the given range marked as pasted e-mail (independent of the detector).
    pub(crate) fn with_email_block(
        text: &str,
        block: std::ops::Range<usize>,
        check: fn(&crate::rules::Context, &mut Vec<Finding>),
    ) -> Vec<Finding> {
        use crate::rules::{Context, DocMeta, EmailBlock};
        let doc = crate::text::Document::parse(text);
        let meta = DocMeta::default();
        let record = crate::record::Record::read(text, &doc, &meta);
        let config = Config::default();
        let dicts = crate::dictionary::Dictionaries::built_in();
        let blocks = [EmailBlock {
            range: block,
            sender: None,
            date: None,
        }];
        let cx = Context {
            text,
            doc: &doc,
            config: &config,
            dicts: &dicts,
            meta: &meta,
            email_blocks: &blocks,
            record: &record,
            stats: Default::default(),
        };
        let mut out = Vec::new();
        check(&cx, &mut out);
        out
    }

    #[test]
    fn ignores_pasted_email() {
        let text = "Ava likes her placement.\n\nFrom: Jo\nSubject: Ava\n\nThe placement is going well.\n";
        let start = text.find("From:").unwrap_or(0);
        let found = with_email_block(text, start..text.len(), super::check);
        assert_eq!(found.len(), 1);
        assert!(found[0].range.end < start);
    }

    #[test]
    fn ignores_work_placements_and_placement_orders() {
        assert!(flagged("Ava starts her work placement at the garage.").is_empty());
        assert!(flagged("The court made a placement order.").is_empty());
        assert_eq!(flagged("Both placements are local."), vec!["placements"]);
        assert_eq!(findings("Both placements are local.")[0].suggestions[0].replacement, "homes");
    }

    #[test]
    fn keep_me_informed_is_not_flagged_but_informed_me_is() {
        assert!(flagged("Mum asked me to keep her informed.").is_empty());
        let f = findings("Mum informed me that Ava was ill.");
        assert_eq!(f[0].suggestions[0].replacement, "told");
    }

    proptest::proptest! {
        #[test]
        fn jargon_and_respectful_never_panic(
            text in "(placement|contact with his|refused to|the writer|[A-Za-z’'\" .😀é\n-]){0,30}"
        ) {
            for check in [super::check, crate::rules::respectful::check] {
                for f in with_email_block(&text, 0..0, check) {
                    proptest::prop_assert!(f.range.start < f.range.end && f.range.end <= text.len());
                }
            }
        }
    }

    #[test]
    fn leaves_words_inside_a_respectful_finding_to_that_rule() {
        assert!(flagged("Ava blew the placement.").is_empty());
        let mut c = Config::default();
        c.rules.respectful.enabled = false;
        let a = analyse("Ava blew the placement.", &c);
        assert_eq!(a.findings.iter().filter(|f| f.rule == "jargon").count(), 1);
    }

    #[test]
    fn whole_words_only() {
        assert!(flagged("Displacement and replacements are not jargon.").is_empty());
    }

    #[test]
    fn a_council_word_list_adds_and_overrides_entries() {
        let path = std::env::temp_dir().join(format!("casenote-jargon-{}.toml", std::process::id()));
        let list = "[[term]]\nmatch = [\"placement\"]\nsuggest = [\"foster home\"]\nwhy = \"Our children asked for this.\"\nsource = \"Council youth panel\"\n\n[[term]]\nmatch = [\"resource panel\"]\nsuggest = [\"funding meeting\"]\nwhy = \"Families do not know this panel.\"\nsource = \"Council youth panel\"\n";
        std::fs::write(&path, list).expect("temp file");
        let mut c = Config::default();
        c.dictionaries.extra = vec![path.clone()];
        let a = analyse("The resource panel agreed the placement.", &c);
        let _ = std::fs::remove_file(&path);
        let fixes: Vec<&str> = a
            .findings
            .iter()
            .filter(|f| f.rule == "jargon")
            .map(|f| f.suggestions[0].replacement.as_str())
            .collect();
        assert_eq!(fixes, vec!["funding meeting", "foster home"]);
    }

    #[test]
    fn accepted_words_are_silenced() {
        let mut c = Config::default();
        c.dictionaries.accept = vec!["Placement".into()];
        let a = analyse("Ava likes her placement.", &c);
        assert!(a.findings.iter().all(|f| f.rule != "jargon"));
    }

    #[test]
    fn the_documented_example_is_flagged_and_the_instead_is_clean() {
        let rule = crate::rules::by_id("jargon").expect("registered");
        let count = |text: &str| {
            analyse(text, &Config::default())
                .findings
                .iter()
                .filter(|f| f.rule == "jargon")
                .count()
        };
        assert!(count(&rule.doc_section("Example")) >= 2);
        assert_eq!(count(&rule.doc_section("Instead")), 0);
    }
}
