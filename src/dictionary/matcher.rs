//! Whole-word, case-insensitive multi-pattern matching of a term list, with inflections and
//! guards, in one Aho-Corasick pass.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::Term;

/// A compiled term list.
#[derive(Debug)]
pub struct TermMatcher {
    pub terms: Vec<Term>,
    automaton: Option<AhoCorasick>,
    /// For each pattern: (term index, the match string it came from).
    patterns: Vec<(usize, usize)>,
}

/// A match of one term in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    pub range: Range<usize>,
    /// Index into [`TermMatcher::terms`].
    pub term: usize,
    /// Index into that term's `matches`: which listed form (before inflection) matched.
    pub form: usize,
}

impl TermMatcher {
    pub fn new(terms: Vec<Term>) -> Self {
        let mut pats: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (ti, t) in terms.iter().enumerate() {
            for (fi, m) in t.matches.iter().enumerate() {
                let forms = if t.inflect {
                    inflections(m)
                } else {
                    vec![m.to_lowercase()]
                };
                for f in forms {
                    if !f.is_empty() && seen.insert(f.clone()) {
                        pats.push(f);
                        patterns.push((ti, fi));
                    }
                }
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&pats)
            .ok();
        TermMatcher {
            terms,
            automaton,
            patterns,
        }
    }

    /// Whole-word matches in `text[range]`, with each term's guards applied.
    pub fn find_in<'a>(
        &'a self,
        text: &'a str,
        range: Range<usize>,
    ) -> impl Iterator<Item = TermMatch> + 'a {
        let base = range.start;
        let hay = &text[range];
        self.automaton
            .iter()
            .flat_map(move |ac| ac.find_iter(hay))
            .filter_map(move |m| {
                let r = base + m.start()..base + m.end();
                if !is_word_boundary(text, r.start, true) || !is_word_boundary(text, r.end, false) {
                    return None;
                }
                let (ti, fi) = self.patterns[m.pattern().as_usize()];
                let term = &self.terms[ti];
                if !term.not_preceded_by.is_empty() {
                    let prev = word_before(text, r.start);
                    if term
                        .not_preceded_by
                        .iter()
                        .any(|w| w.eq_ignore_ascii_case(prev))
                    {
                        return None;
                    }
                }
                if !term.not_followed_by.is_empty() {
                    let next = word_after(text, r.end);
                    if term
                        .not_followed_by
                        .iter()
                        .any(|w| w.eq_ignore_ascii_case(next))
                    {
                        return None;
                    }
                }
                Some(TermMatch {
                    range: r,
                    term: ti,
                    form: fi,
                })
            })
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// Is there a word boundary at byte `i` (looking backwards when `at_start`)?
fn is_word_boundary(text: &str, i: usize, at_start: bool) -> bool {
    if at_start {
        text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word_char(c))
    } else {
        text[i..].chars().next().is_none_or(|c| !is_word_char(c))
    }
}

/// The word just before byte `i` (skipping spaces), or "".
pub fn word_before(text: &str, i: usize) -> &str {
    let head = text[..i].trim_end();
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '\'' || c == '’')
        .last()
        .map_or(head.len(), |(j, _)| j);
    &head[start..]
}

/// The word just after byte `i` (skipping spaces), or "".
pub fn word_after(text: &str, i: usize) -> &str {
    let tail = text[i..].trim_start();
    let end = tail
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map_or(tail.len(), |(j, _)| j);
    &tail[..end]
}

/// Regular English inflections of a word, or of the first word of a phrase:
/// "engage" -> engage, engages, engaged, engaging; "carry" -> carries, carried, carrying.
pub fn inflections(phrase: &str) -> Vec<String> {
    let lower = phrase.to_lowercase();
    let (first, rest) = match lower.split_once(' ') {
        Some((f, r)) => (f.to_string(), format!(" {r}")),
        None => (lower.clone(), String::new()),
    };
    let mut forms = vec![first.clone()];
    let ends = |s: &str| first.ends_with(s);
    let stem_y = first
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'i', 'o', 'u']));
    if let Some(stem) = stem_y {
        forms.extend([
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{first}ing"),
        ]);
    } else if ends("e") {
        let stem = &first[..first.len() - 1];
        forms.extend([
            format!("{first}s"),
            format!("{first}d"),
            format!("{stem}ing"),
        ]);
    } else if ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh") {
        forms.extend([
            format!("{first}es"),
            format!("{first}ed"),
            format!("{first}ing"),
        ]);
    } else {
        forms.extend([
            format!("{first}s"),
            format!("{first}ed"),
            format!("{first}ing"),
        ]);
    }
    forms.into_iter().map(|f| format!("{f}{rest}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(m: &[&str]) -> Term {
        Term {
            matches: m.iter().map(|s| s.to_string()).collect(),
            suggest: vec!["x".into()],
            why: "w".into(),
            source: "s".into(),
            not_preceded_by: vec!["will".into()],
            not_followed_by: vec!["details".into()],
            inflect: true,
        }
    }

    fn found(m: &TermMatcher, text: &str) -> Vec<String> {
        m.find_in(text, 0..text.len())
            .map(|t| text[t.range].to_string())
            .collect()
    }

    #[test]
    fn matches_whole_words_case_insensitively_with_inflections() {
        let m = TermMatcher::new(vec![term(&["engage"]), term(&["fail to engage"])]);
        assert_eq!(
            found(
                &m,
                "Mum Engaged well. Dad failed to engage. Re-engaged? engagement"
            ),
            vec!["Engaged", "failed to engage"]
        );
    }

    #[test]
    fn guards_look_at_the_neighbouring_words() {
        let m = TermMatcher::new(vec![term(&["contact"])]);
        assert_eq!(
            found(
                &m,
                "I will contact school. Contact details. Contact went well."
            ),
            vec!["Contact"]
        );
    }

    #[test]
    fn inflections_of_y_and_e_endings() {
        assert!(inflections("carry").contains(&"carried".to_string()));
        assert!(inflections("utilise").contains(&"utilising".to_string()));
        assert!(inflections("fail to engage").contains(&"failing to engage".to_string()));
    }
}
