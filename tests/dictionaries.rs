//! Every built-in dictionary file (`dictionaries/*.toml`) is well formed: no empty or padded
//! field, no duplicate, every listed form can be found in a sentence that uses it, the lists are
//! as long as the issue asks, and no suggestion softens words for harm.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use casenote::dictionary::{inflections, parse_file, Dictionaries, DictionaryFile, Term, BUILT_IN};

fn files() -> Vec<(&'static str, DictionaryFile)> {
    BUILT_IN
        .iter()
        .map(|(name, src)| match parse_file(Path::new(name), src) {
            Ok(f) => (*name, f),
            Err(e) => panic!("{name}: {e}"),
        })
        .collect()
}

fn list_name(f: &DictionaryFile) -> &str {
    f.list.as_deref().unwrap_or("jargon")
}

/// Lists whose reasons are shown as sentences in messages.
const MESSAGE_LISTS: &[&str] = &["jargon", "respectful"];

fn clean(s: &str) -> bool {
    !s.trim().is_empty() && s.trim() == s && !s.contains("  ")
}

#[test]
fn every_file_parses_and_no_field_is_empty_or_padded() {
    for (name, f) in files() {
        for t in &f.term {
            let at = format!("{name}: {:?}", t.matches);
            assert!(!t.matches.is_empty(), "{at}: no `match`");
            for s in t
                .matches
                .iter()
                .chain(&t.suggest)
                .chain(&t.not_preceded_by)
                .chain(&t.not_followed_by)
                .chain(&t.followed_by)
                .chain(&t.preceded_by)
            {
                assert!(clean(s), "{at}: empty or padded alternative {s:?}");
            }
            assert!(clean(&t.why), "{at}: `why` is empty or padded");
            assert!(clean(&t.source), "{at}: `source` is empty or padded");
            if let Some(ask) = &t.ask {
                assert!(clean(ask), "{at}: `ask` is empty or padded");
            }
            if MESSAGE_LISTS.contains(&list_name(&f)) {
                for s in std::iter::once(&t.why).chain(&t.ask) {
                    assert!(
                        s.starts_with(|c: char| c.is_uppercase() || c == '\'')
                            && s.ends_with(['.', '?', '…']),
                        "{at}: {s:?} should be a sentence (it is shown in the message)"
                    );
                }
            }
            let mut seen = HashSet::new();
            for m in &t.matches {
                assert!(seen.insert(m.to_lowercase()), "{at}: {m:?} listed twice");
            }
            let mut seen = HashSet::new();
            for s in &t.suggest {
                assert!(
                    seen.insert(s.to_lowercase()),
                    "{at}: suggestion {s:?} twice"
                );
                assert!(
                    !t.matches.iter().any(|m| m.eq_ignore_ascii_case(s)),
                    "{at}: suggests itself"
                );
            }
        }
        for a in &f.acronym {
            let at = format!("{name}: {}", a.acronym);
            assert!(
                clean(&a.acronym) && !a.acronym.contains(' '),
                "{at}: bad `match`"
            );
            assert!(clean(&a.expand), "{at}: empty `expand`");
            assert!(clean(&a.source), "{at}: empty `source`");
            for e in &a.also {
                assert!(clean(e), "{at}: empty alternative in `also`");
            }
            if let Some(w) = &a.why {
                assert!(
                    clean(w) && w.ends_with('.'),
                    "{at}: `why` should be a sentence"
                );
            }
        }
        for w in &f.allow {
            assert!(
                clean(w) && !w.contains(' '),
                "{name}: bad allow entry {w:?}"
            );
        }
    }
}

#[test]
fn no_word_is_listed_twice_in_a_list_or_in_both_jargon_and_respectful() {
    // (list, lower-case form) -> file
    let mut forms: HashMap<(String, String), &str> = HashMap::new();
    let mut acronyms: HashMap<String, &str> = HashMap::new();
    let mut allow: HashMap<String, &str> = HashMap::new();
    let all = files();
    for (name, f) in &all {
        // jargon and respectful run on the same text: one word, one rule.
        let list = match list_name(f) {
            "jargon" | "respectful" => "jargon+respectful".to_string(),
            other => other.to_string(),
        };
        for t in &f.term {
            for m in &t.matches {
                let key = (list.clone(), m.to_lowercase());
                if let Some(other) = forms.insert(key, name) {
                    panic!("{m:?} is listed twice ({other} and {name})");
                }
            }
        }
        for a in &f.acronym {
            if let Some(other) = acronyms.insert(a.acronym.to_uppercase(), name) {
                panic!("acronym {} is listed twice ({other} and {name})", a.acronym);
            }
        }
        for w in &f.allow {
            if let Some(other) = allow.insert(w.clone(), name) {
                panic!("{w} is allowed twice ({other} and {name})");
            }
        }
    }
    // An allowed spelling may differ from a listed one only in case ("SOS" is allowed, "SoS",
    // Signs of Safety, is listed); the same spelling in both would be a contradiction.
    let spellings: HashSet<&str> = all
        .iter()
        .flat_map(|(_, f)| f.acronym.iter().map(|a| a.acronym.as_str()))
        .collect();
    for w in allow.keys() {
        assert!(
            !spellings.contains(w.as_str()),
            "{w} is both allowed and listed as an acronym to spell out"
        );
    }
}

/// Each listed form, and each of its inflections, is found and belongs to its own entry (not
/// hidden by another entry's form).
#[test]
fn every_listed_form_is_found_in_a_sentence_that_uses_it() {
    let dicts = Dictionaries::built_in();
    let all = files();
    for (name, f) in &all {
        let list = dicts.list(list_name(f));
        for t in &f.term {
            let ti = list
                .terms
                .iter()
                .position(|x| x == t)
                .unwrap_or_else(|| panic!("{name}: {:?} not compiled", t.matches));
            let forms: Vec<String> = if t.inflect {
                t.matches.iter().flat_map(|m| inflections(m)).collect()
            } else {
                t.matches.clone()
            };
            for m in &forms {
                let before = t.preceded_by.first().map_or("Then", String::as_str);
                let after = t.followed_by.first().map_or("here", String::as_str);
                let text = format!("{before} {m} {after}.");
                let found: Vec<_> = list.find_in(&text, 0..text.len()).collect();
                assert!(
                    found
                        .iter()
                        .any(|x| x.term == ti && text[x.range.clone()].eq_ignore_ascii_case(m)),
                    "{name}: {m:?} is not found in {text:?} (found {:?})",
                    found
                        .iter()
                        .map(|x| &text[x.range.clone()])
                        .collect::<Vec<_>>()
                );
            }
        }
    }
}

#[test]
fn every_acronym_is_looked_up_as_written() {
    let dicts = Dictionaries::built_in();
    for (name, f) in files() {
        for a in &f.acronym {
            let found = dicts.acronym(&a.acronym);
            assert!(
                found.is_some_and(|x| x == a),
                "{name}: {} does not look up to itself",
                a.acronym
            );
        }
    }
}

#[test]
fn the_lists_are_as_long_as_the_issue_asks() {
    let all = files();
    let count = |list: &str| -> usize {
        all.iter()
            .filter(|(_, f)| list_name(f) == list)
            .map(|(_, f)| f.term.len())
            .sum()
    };
    let acronyms: usize = all.iter().map(|(_, f)| f.acronym.len()).sum();
    let allow: Vec<&String> = all.iter().flat_map(|(_, f)| &f.allow).collect();
    assert!(count("jargon") >= 150, "jargon: {}", count("jargon"));
    assert!(
        count("respectful") >= 60,
        "respectful: {}",
        count("respectful")
    );
    assert!(acronyms >= 100, "acronyms: {acronyms}");
    for w in ["UK", "NHS", "GP", "TV", "OK", "BBC"] {
        assert!(
            allow.iter().any(|a| *a == w),
            "{w} is not in the allow list"
        );
    }
}

/// Word stems for harm. A term that names harm must keep naming it in every suggestion.
const HARM: &[&str] = &[
    "abus", "injur", "assault", "neglect", "rape", "violen", "exploit", "harm", "murder", "kill",
    "wound", "beat", "sexual", "groom", "traffick", "mutilat",
];

/// Words that have been used to soften harm in records (case reviews, SCIE).
const SOFTENERS: &[&str] = &[
    "grubby",
    "messy",
    "untidy",
    "rough",
    "smack",
    "smacked",
    "tap",
    "incident",
    "altercation",
    "accident",
    "argument",
    "scuffle",
    "boyfriend",
    "girlfriend",
    "consensual",
    "lifestyle",
    "relationship",
];

fn names_harm(s: &str) -> bool {
    let s = s.to_lowercase();
    HARM.iter().any(|h| s.contains(h))
}

fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn check_never_softens(name: &str, t: &Term) {
    let harm = t.matches.iter().any(|m| names_harm(m));
    for s in &t.suggest {
        if harm {
            assert!(
                names_harm(s),
                "{name}: {:?} names harm but the suggestion {s:?} does not",
                t.matches
            );
        }
        for w in words(s) {
            assert!(
                !SOFTENERS.contains(&w.as_str()),
                "{name}: suggestion {s:?} for {:?} uses the softening word {w:?}",
                t.matches
            );
        }
    }
}

#[test]
fn no_suggestion_softens_words_for_harm() {
    for (name, f) in files() {
        for t in &f.term {
            check_never_softens(name, t);
        }
    }
}

#[test]
fn the_harm_check_catches_a_softening_suggestion() {
    let bad = Term {
        matches: vec!["physical abuse".into()],
        suggest: vec!["rough play".into()],
        why: "w.".into(),
        source: "s".into(),
        not_preceded_by: vec![],
        not_followed_by: vec![],
        followed_by: vec![],
        preceded_by: vec![],
        ask: None,
        inflect: true,
    };
    assert!(std::panic::catch_unwind(|| check_never_softens("test", &bad)).is_err());
}

#[test]
fn jargon_and_respectful_do_not_both_flag_the_same_words() {
    let dicts = Dictionaries::built_in();
    let config = casenote::Config::default();
    let mut clashes = Vec::new();
    for list in [dicts.jargon(), dicts.respectful()] {
        for t in &list.terms {
            for m in &t.matches {
                let before = t.preceded_by.first().map_or("Then", String::as_str);
                let after = t.followed_by.first().map_or("here", String::as_str);
                let text = format!("{before} {m} {after}.");
                let found: Vec<_> = casenote::analyse(&text, &config)
                    .findings
                    .into_iter()
                    .filter(|f| f.rule == "jargon" || f.rule == "respectful")
                    .collect();
                for (i, a) in found.iter().enumerate() {
                    for b in &found[i + 1..] {
                        if a.rule != b.rule
                            && a.range.start < b.range.end
                            && b.range.start < a.range.end
                        {
                            clashes.push(text.clone());
                        }
                    }
                }
            }
        }
    }
    assert!(clashes.is_empty(), "flagged by both rules: {clashes:?}");
}
