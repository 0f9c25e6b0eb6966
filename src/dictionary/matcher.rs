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
        // pattern -> its index; a later term with the same form replaces an earlier one, so a
        // council's own file (compiled after the built-in ones) overrides a built-in entry.
        let mut seen: std::collections::HashMap<String, usize> = Default::default();
        for (ti, t) in terms.iter().enumerate() {
            for (fi, m) in t.matches.iter().enumerate() {
                let forms = if t.inflect {
                    inflections(m)
                } else {
                    vec![m.trim().to_lowercase()]
                };
                for f in forms.iter().flat_map(|f| spellings(f)) {
                    if f.is_empty() {
                        continue;
                    }
                    match seen.get(&f) {
                        Some(&i) => patterns[i] = (ti, fi),
                        None => {
                            seen.insert(f.clone(), pats.len());
                            pats.push(f);
                            patterns.push((ti, fi));
                        }
                    }
                }
            }
        }
        // Overlapping search, so a longer form that fails a guard or a word boundary cannot
        // hide a shorter one at the same place; the longest valid match wins below.
        // Built case-sensitive over lower-case patterns and searched in an ASCII-lowered copy
        // of the text (same byte offsets): half the build time of an ASCII case-insensitive
        // automaton, which the CLI pays at every start.
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&pats)
            .ok();
        TermMatcher {
            terms,
            automaton,
            patterns,
        }
    }

    /// Whole-word matches in `text[range]`, with each term's guards applied, leftmost first,
    /// the longest where two overlap.
    pub fn find_in(&self, text: &str, range: Range<usize>) -> std::vec::IntoIter<TermMatch> {
        let lower = text.get(range.clone()).map(ascii_lower).unwrap_or_default();
        self.find_lowered(text, &lower, range.start)
    }

    /// [`TermMatcher::find_in`] given the whole text's ASCII-lowered copy too
    /// (`Document::lower`), so nothing is copied per search.
    pub fn find_in_lowered(
        &self,
        text: &str,
        lower: &str,
        range: Range<usize>,
    ) -> std::vec::IntoIter<TermMatch> {
        match lower.get(range.clone()) {
            Some(hay) if lower.len() == text.len() => self.find_lowered(text, hay, range.start),
            _ => self.find_in(text, range),
        }
    }

    /// Matches in `hay`, the lowered text of `text[base..base + hay.len()]`.
    fn find_lowered(&self, text: &str, hay: &str, base: usize) -> std::vec::IntoIter<TermMatch> {
        let mut found = Vec::new();
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(hay) {
                let r = base + m.start()..base + m.end();
                let Some(&(ti, fi)) = self.patterns.get(m.pattern().as_usize()) else {
                    continue;
                };
                if self.accepts(text, &r, ti) {
                    found.push(TermMatch {
                        range: r,
                        term: ti,
                        form: fi,
                    });
                }
            }
        }
        found.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
        let mut end = 0;
        found.retain(|m| {
            if m.range.start < end {
                return false;
            }
            end = m.range.end;
            true
        });
        found.into_iter()
    }

    /// Word boundaries and the term's guards.
    fn accepts(&self, text: &str, r: &Range<usize>, ti: usize) -> bool {
        if !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
            || !is_word_boundary(text, r.start, true)
            || !is_word_boundary(text, r.end, false)
        {
            return false;
        }
        let Some(term) = self.terms.get(ti) else {
            return false;
        };
        let prev = word_before(text, r.start);
        if term
            .not_preceded_by
            .iter()
            .any(|w| w.trim().eq_ignore_ascii_case(prev))
        {
            return false;
        }
        if !term.preceded_by.is_empty()
            && !term
                .preceded_by
                .iter()
                .any(|w| w.trim().eq_ignore_ascii_case(prev))
        {
            return false;
        }
        if !term.not_followed_by.is_empty() {
            let next = word_after(text, r.end);
            if term
                .not_followed_by
                .iter()
                .any(|w| w.trim().eq_ignore_ascii_case(next))
            {
                return false;
            }
        }
        if !term.followed_by.is_empty() && !followed_by_any(text, r.end, &term.followed_by) {
            return false;
        }
        true
    }
}

/// Words skipped before `followed-by` phrases are compared.
const DETERMINERS: &[&str] = &[
    "his", "her", "their", "the", "my", "your", "our", "both", "a", "an",
];

/// Do the words after byte `i` begin with one of `phrases` (directly, or after a determiner)?
fn followed_by_any(text: &str, i: usize, phrases: &[String]) -> bool {
    let tail = text[i..].trim_start();
    let first = word_after(text, i);
    let skipped = DETERMINERS
        .iter()
        .any(|d| d.eq_ignore_ascii_case(first))
        .then(|| tail[first.len()..].trim_start());
    let starts = |t: &str, p: &str| {
        let p = p.trim();
        !p.is_empty()
            && t.len() >= p.len()
            && t.is_char_boundary(p.len())
            && t[..p.len()].eq_ignore_ascii_case(p)
            && t[p.len()..].chars().next().is_none_or(|c| !is_word_char(c))
    };
    phrases
        .iter()
        .any(|p| starts(tail, p) || skipped.is_some_and(|t| starts(t, p)))
}

/// The text with ASCII letters lowered (byte offsets unchanged), copied only if needed.
pub(crate) fn ascii_lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(s.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
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
    let head = text.get(..i).unwrap_or("").trim_end();
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
/// "engage" -> engage, engages, engaged, engaging; "carry" -> carries, carried, carrying;
/// "commit" -> committed, committing. A phrase also gets the plural of its last word
/// ("care plan" -> "care plans"), and "-ise" words their "-ize" spellings.
pub fn inflections(phrase: &str) -> Vec<String> {
    let lower = phrase.trim().to_lowercase();
    let (first, rest) = match lower.split_once(' ') {
        Some((f, r)) => (f.to_string(), format!(" {r}")),
        None => (lower.clone(), String::new()),
    };
    let mut forms: Vec<String> = word_forms(&first)
        .into_iter()
        .map(|f| format!("{f}{rest}"))
        .collect();
    if let Some((head, last)) = lower.rsplit_once(' ') {
        forms.push(format!("{head} {}", plural(last)));
    }
    let mut out = Vec::with_capacity(forms.len() * 2);
    for f in forms {
        let z = ize(&f);
        if z != f {
            out.push(z);
        }
        out.push(f);
    }
    out.sort();
    out.dedup();
    out
}

/// The "-ize" spelling of "-ise" words ("utilise" -> "utilize", "prioritising" -> "prioritizing").
fn ize(form: &str) -> String {
    form.split(' ')
        .map(|w| {
            for (s, z) in [
                ("isation", "ization"),
                ("ising", "izing"),
                ("ised", "ized"),
                ("ises", "izes"),
                ("ise", "ize"),
            ] {
                if let Some(stem) = w.strip_suffix(s) {
                    // "wise", "rise", "noise", "promise": too short a stem or not a verb ending
                    if stem.len() >= 4 && !stem.ends_with("prom") && !stem.ends_with("exerc") {
                        return format!("{stem}{z}");
                    }
                }
            }
            w.to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The forms of one word: itself, -s, -ed, -ing.
fn word_forms(w: &str) -> Vec<String> {
    let mut forms = vec![w.to_string()];
    let chars: Vec<char> = w.chars().collect();
    let n = chars.len();
    let ends = |s: &str| w.ends_with(s);
    if n >= 2 && ends("y") && !is_vowel(chars[n - 2]) {
        let stem = &w[..w.len() - 1];
        forms.extend([
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{w}ing"),
        ]);
    } else if ends("ee") {
        forms.extend([format!("{w}s"), format!("{w}d"), format!("{w}ing")]);
    } else if ends("e") {
        let stem = &w[..w.len() - 1];
        forms.extend([format!("{w}s"), format!("{w}d"), format!("{stem}ing")]);
    } else if ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh") {
        forms.extend([format!("{w}es"), format!("{w}ed"), format!("{w}ing")]);
    } else {
        forms.extend([format!("{w}s"), format!("{w}ed"), format!("{w}ing")]);
        // consonant-vowel-consonant: "commit" -> "committed", "refer" -> "referred"
        if n >= 3
            && chars[n - 1].is_ascii_alphabetic()
            && !is_vowel(chars[n - 1])
            && !matches!(chars[n - 1], 'w' | 'x' | 'y')
            && is_vowel(chars[n - 2])
            && !is_vowel(chars[n - 3])
        {
            let last = chars[n - 1];
            forms.extend([format!("{w}{last}ed"), format!("{w}{last}ing")]);
        }
    }
    forms
}

/// The plural of a noun, by the regular rules.
fn plural(w: &str) -> String {
    let chars: Vec<char> = w.chars().collect();
    let n = chars.len();
    if n >= 2 && w.ends_with('y') && !is_vowel(chars[n - 2]) {
        format!("{}ies", &w[..w.len() - 1])
    } else if w.ends_with(['s', 'x', 'z']) || w.ends_with("ch") || w.ends_with("sh") {
        format!("{w}es")
    } else {
        format!("{w}s")
    }
}

/// Ways of writing the same form: curly or straight apostrophes, a hyphen or a space between
/// words ("attention seeking", "attention-seeking").
fn spellings(form: &str) -> Vec<String> {
    let mut out = vec![form.to_string()];
    if form.contains('\'') {
        out.push(form.replace('\'', "\u{2019}"));
    }
    if form.contains('\u{2019}') {
        out.push(form.replace('\u{2019}', "'"));
    }
    if form.contains(' ') {
        out.push(form.replace(' ', "-"));
    }
    if form.contains('-') {
        out.push(form.replace('-', " "));
    }
    out
}

/// Irregular verbs that suggestions use: (base, past, past participle).
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("be", "was", "been"),
    ("begin", "began", "begun"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("buy", "bought", "bought"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("come", "came", "come"),
    ("do", "did", "done"),
    ("feel", "felt", "felt"),
    ("find", "found", "found"),
    ("get", "got", "got"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("have", "had", "had"),
    ("hear", "heard", "heard"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("leave", "left", "left"),
    ("let", "let", "let"),
    ("make", "made", "made"),
    ("meet", "met", "met"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("show", "showed", "shown"),
    ("speak", "spoke", "spoken"),
    ("stand", "stood", "stood"),
    ("stick", "stuck", "stuck"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("understand", "understood", "understood"),
    ("write", "wrote", "written"),
];

/// Words after which an "-ed" form is a past participle ("was informed" -> "was told").
const AUXILIARIES: &[&str] = &[
    "was", "were", "been", "be", "being", "is", "are", "am", "has", "have", "had", "having", "get",
    "got",
];

/// Which regular form of a listed word a found word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Base,
    S,
    Past,
    Ing,
}

fn form_of(found: &str, listed: &str) -> Form {
    if found == listed {
        return Form::Base;
    }
    for (i, f) in word_forms(listed).iter().enumerate() {
        if f == found || ize(f) == found {
            return match i {
                0 => Form::Base,
                1 => Form::S,
                2 | 4 => Form::Past,
                _ => Form::Ing,
            };
        }
    }
    if found.ends_with("ing") {
        Form::Ing
    } else if found.ends_with('d') {
        Form::Past
    } else if found.ends_with('s') {
        Form::S
    } else {
        Form::Base
    }
}

/// Does a short verb double its last letter ("run" -> "running", "plan" -> "planned")?
fn doubles(w: &str) -> bool {
    let c: Vec<char> = w.chars().collect();
    let n = c.len();
    (3..=4).contains(&n)
        && c[n - 1].is_ascii_alphabetic()
        && !is_vowel(c[n - 1])
        && !matches!(c[n - 1], 'w' | 'x' | 'y')
        && is_vowel(c[n - 2])
        && !is_vowel(c[n - 3])
}

fn last_char(w: &str) -> String {
    w.chars().last().map(String::from).unwrap_or_default()
}

fn put_in_form(w: &str, form: Form, participle: bool) -> String {
    let irregular = IRREGULAR.iter().find(|(b, _, _)| *b == w);
    match form {
        Form::Base => w.to_string(),
        Form::S => match w {
            "have" => "has".into(),
            "do" => "does".into(),
            "go" => "goes".into(),
            "be" => "is".into(),
            _ => plural(w),
        },
        Form::Past => match irregular {
            Some((_, past, part)) => (if participle { part } else { past }).to_string(),
            None if w.ends_with('e') => format!("{w}d"),
            None if w.len() >= 2
                && w.ends_with('y')
                && !w[..w.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']) =>
            {
                format!("{}ied", &w[..w.len() - 1])
            }
            None if doubles(w) => format!("{w}{}ed", last_char(w)),
            None => format!("{w}ed"),
        },
        Form::Ing => {
            if w == "be" || w.ends_with("ee") || w == "see" {
                format!("{w}ing")
            } else if let Some(stem) = w.strip_suffix("ie") {
                format!("{stem}ying")
            } else if let Some(stem) = w.strip_suffix('e') {
                format!("{stem}ing")
            } else if doubles(w) || w == "begin" {
                format!("{w}{}ing", last_char(w))
            } else {
                format!("{w}ing")
            }
        }
    }
}

/// Put a suggestion in the same form as the text it replaces: the listed form "commence" with
/// the suggestion "start" becomes "started" for "commenced" and "starting" for "commencing";
/// "was informed" gives "was told". A one-word suggestion for a plural ("placements") becomes
/// plural ("homes"). `before` is the word before the found text.
pub fn inflect_like(suggestion: &str, found: &str, listed: &str, before: &str) -> String {
    let found_l = found.to_lowercase();
    let listed_l = listed.trim().to_lowercase();
    let fw = found_l.split([' ', '-']).next().unwrap_or("");
    let lw = listed_l.split([' ', '-']).next().unwrap_or("");
    let form = form_of(fw, lw);
    if form == Form::Base {
        // The last word may be a plural: "care plans", "placements".
        let fl = found_l.rsplit([' ', '-']).next().unwrap_or("");
        let ll = listed_l.rsplit([' ', '-']).next().unwrap_or("");
        if fl != ll && fl == plural(ll) && !suggestion.contains(' ') {
            return plural(suggestion);
        }
        return suggestion.to_string();
    }
    let (first, rest) = match suggestion.split_once(' ') {
        Some((f, r)) => (f, format!(" {r}")),
        None => (suggestion, String::new()),
    };
    let participle = AUXILIARIES.iter().any(|a| a.eq_ignore_ascii_case(before));
    format!("{}{rest}", put_in_form(first, form, participle))
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
            followed_by: vec![],
            preceded_by: vec![],
            ask: None,
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
    fn suggestions_take_the_form_of_the_text_they_replace() {
        assert_eq!(
            inflect_like("start", "commenced", "commence", "we"),
            "started"
        );
        assert_eq!(
            inflect_like("start", "commencing", "commence", "is"),
            "starting"
        );
        assert_eq!(inflect_like("tell", "informed", "inform", "Mum"), "told");
        assert_eq!(inflect_like("give", "provided", "provide", "was"), "given");
        assert_eq!(inflect_like("give", "provided", "provide", "I"), "gave");
        assert_eq!(
            inflect_like("run away", "absconded", "abscond", "Ava"),
            "ran away"
        );
        assert_eq!(
            inflect_like("talk to", "liaising with", "liaise with", "I"),
            "talking to"
        );
        assert_eq!(inflect_like("use", "utilizes", "utilise", "she"), "uses");
        assert_eq!(
            inflect_like("home", "placements", "placement", "two"),
            "homes"
        );
        assert_eq!(
            inflect_like("short break", "respite", "respite", "a"),
            "short break"
        );
        assert_eq!(
            inflect_like("make sure", "ensured", "ensure", "I"),
            "made sure"
        );
    }

    #[test]
    fn overlapping_forms_pick_the_longest_valid_match() {
        let mut long = term(&["care plan"]);
        long.not_followed_by = vec!["meeting".into()];
        let m = TermMatcher::new(vec![long, term(&["care"])]);
        assert_eq!(found(&m, "The care plan meeting."), vec!["care"]);
        assert_eq!(found(&m, "The care plans."), vec!["care plans"]);
    }

    #[test]
    fn a_later_entry_for_the_same_words_overrides_an_earlier_one() {
        let mut council = term(&["placement"]);
        council.suggest = vec!["foster home".into()];
        let m = TermMatcher::new(vec![term(&["placement"]), council]);
        let found: Vec<_> = m.find_in("A placement.", 0..12).collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].term, 1);
    }

    #[test]
    fn followed_by_skips_a_possessive() {
        let mut t = term(&["contact with"]);
        t.followed_by = vec!["dad".into(), "mum".into()];
        let m = TermMatcher::new(vec![t]);
        assert_eq!(
            found(
                &m,
                "Contact with his dad. Contact with the school. Contact with Mum."
            ),
            vec!["Contact with", "Contact with"]
        );
    }

    #[test]
    fn hyphens_curly_apostrophes_and_ize_spellings() {
        let m = TermMatcher::new(vec![
            term(&["attention seeking"]),
            term(&["utilise"]),
            term(&["children's guardian"]),
        ]);
        assert_eq!(
            found(&m, "Attention-seeking; utilized; the children’s guardian."),
            vec!["Attention-seeking", "utilized", "children’s guardian"]
        );
    }

    proptest::proptest! {
        /// Never crash on anything a user can type or a council can list.
        #[test]
        fn matching_and_inflecting_never_panic(
            text in "[a-zA-Z’'\\- é😀.(),]{0,60}",
            word in "[a-zA-Zé😀 '-]{0,12}",
            start in 0usize..70,
        ) {
            let mut t = term(&["contact with", "placement", "e.g.", "co-morbid"]);
            t.followed_by = vec!["mum".into(), "é😀".into()];
            let m = TermMatcher::new(vec![t, term(&[word.as_str()])]);
            let start = start.min(text.len());
            for f in m.find_in(&text, start..text.len()) {
                proptest::prop_assert!(f.range.start < f.range.end && f.range.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(f.range.start));
                proptest::prop_assert!(text.is_char_boundary(f.range.end));
            }
            let _ = inflect_like(&word, &text, &word, &word);
            let _ = inflect_like(&text, &word, "commence", "was");
            let _ = inflections(&word);
        }
    }

    #[test]
    fn inflections_of_y_and_e_endings() {
        assert!(inflections("carry").contains(&"carried".to_string()));
        assert!(inflections("utilise").contains(&"utilising".to_string()));
        assert!(inflections("fail to engage").contains(&"failing to engage".to_string()));
    }
}
