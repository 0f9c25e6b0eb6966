//! ## What it flags
//! A case note of a visit or contact with the child that records nothing the child said,
//! showed, drew or felt. It looks for a visit or meeting with the child ("I visited Ava",
//! "home visit to Ava", "saw the children", "I phoned Ava", "Ava was seen alone"), family time
//! the writer supervised, or a visit during which the child was there ("Mason (2) was in the
//! front room"). Then it looks for the child's voice anywhere in the note: "said", "told me",
//! "showed", "drew", "wants", "feels", "smiled", "cried" and the like with the child as the
//! one speaking ("Ava said", or "she told me" just after a sentence about Ava), or words in
//! quotation marks that are not an adult's. What Mum, a teacher or the writer said does not
//! count, nor "let me know if Ava is upset". One finding, on the first line of the note. Notes
//! where the child was not seen ("Ava was at school", "no answer") are left alone, and so are
//! chronologies and overviews.
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
use crate::text::{BlockKind, Sentence};

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
/// Family time the writer supervised: the child is there.
const SESSION: u8 = 3;

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
            ("called at", VISIT),
            ("called round", VISIT),
            ("family time", SESSION),
            ("supervised contact", SESSION),
            ("contact session", SESSION),
            ("I supervised", SESSION),
            ("I supervised the session", SESSION),
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
            "nobody answered", "no one answered", "was in school", "were in school",
            "was in nursery", "was cancelled", "were cancelled", "did not attend",
            "didn't attend", "did not take place", "did not happen",
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
            "reached", "waved",
            "giggled", "babbled", "nodded", "shrugged", "pointed", "hugged",
            "cuddled", "view", "views", "her words", "his words", "their words", "in her words",
            "in his words", "in their words", "three houses", "all about me", "my world",
            "according to",
        ])
    })
}

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    if cx.record.kind != DocKind::CaseNote {
        return;
    }
    let sentences: Vec<&Sentence> = cx
        .doc
        .blocks
        .iter()
        .filter(|b| !cx.in_email(&b.range))
        .flat_map(|b| b.sentences.iter())
        .collect();
    if sentences
        .iter()
        .any(|s| not_seen().any(cx.text, s.range.clone()))
    {
        return;
    }
    let mut kids = Kids::default();
    for s in &sentences {
        kids.add_aged(cx, s);
    }
    let mut visit = false;
    let mut writer_visited = false;
    let mut session = false;
    for s in &sentences {
        let v = visits_the_child(cx, s, &mut kids);
        visit |= v.with_child;
        writer_visited |= v.by_writer;
        session |= v.session;
    }
    // Family time the writer supervised is time with the child; so is a visit during which
    // the child was there ("Mason (2) was in the front room").
    let named = kids.any_named(cx, &sentences);
    visit = visit
        || (session && named)
        || (writer_visited && sentences.iter().any(|s| child_present(cx, s, &kids)));
    if !visit || records_the_childs_voice(cx, &sentences, &kids) {
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
             felt: no words of {who}'s in quotation marks, nor '{who} said', 'told me', \
             'showed', 'drew', 'wants' or 'feels', were found. Could you add {who}'s own \
             words, or what {who} showed you? For a baby, say how they played and responded."
        ),
    ));
}

/// The names that are the child's in this note: from the front matter (`child:`), names
/// given an age ("Ava (8)"), and names the writer visited ("I visited Ava").
#[derive(Default)]
struct Kids<'a> {
    names: Vec<&'a str>,
    /// Every name seen inside a sentence, so that "Gemma arrived late" at the start of one
    /// is known to be a person too.
    known: Vec<&'a str>,
}

impl<'a> Kids<'a> {
    fn add(&mut self, name: &'a str) {
        let name = strip_possessive(name);
        if !self.names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            self.names.push(name);
        }
    }

    /// "Ava (8)", "Jayden (13)": a name followed by an age under 18 in brackets. Also notes
    /// every name used inside a sentence.
    fn add_aged(&mut self, cx: &Context<'a>, s: &Sentence) {
        let text: &'a str = cx.text;
        for (i, w) in s.words.iter().enumerate() {
            if i > 0 && cues::is_name(cx, s, i) {
                let name = strip_possessive(&text[w.clone()]);
                if !self.known.contains(&name) {
                    self.known.push(name);
                }
            }
            let after = text.get(w.end..).unwrap_or("");
            let Some(rest) = after.strip_prefix(" (") else {
                continue;
            };
            let digits: &str = rest.split(')').next().unwrap_or("");
            let age = digits
                .trim_end_matches(|c: char| c.is_alphabetic() || c == ' ')
                .parse::<u8>();
            if age.is_ok_and(|a| a < 18) && cues::is_name(cx, s, i) {
                self.add(&text[w.clone()]);
            }
        }
    }

    /// Is this word (of `s`) the child's name, and not a title's surname ("Mrs Brown")?
    fn is_kid(&self, cx: &Context, s: &Sentence, i: usize) -> bool {
        let Some(w) = s.words.get(i) else {
            return false;
        };
        let word = strip_possessive(&cx.text[w.clone()]);
        let prev = cues::word_before(cx.text, w.start);
        if TITLES
            .iter()
            .any(|t| t.eq_ignore_ascii_case(prev.trim_end_matches('.')))
        {
            return false;
        }
        cues::is_child_name(cx, word) || self.names.iter().any(|n| n.eq_ignore_ascii_case(word))
    }

    /// Is the child named anywhere in the body of the note?
    fn any_named(&self, cx: &Context, sentences: &[&Sentence]) -> bool {
        sentences
            .iter()
            .any(|s| (0..s.words.len()).any(|i| self.is_kid(cx, s, i)))
    }
}

const TITLES: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "mx"];

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

/// What a visit cue in one sentence showed.
#[derive(Default)]
struct VisitCue {
    /// The writer visited, met or called the child.
    with_child: bool,
    /// The writer made a visit (to whomever).
    by_writer: bool,
    /// A family time session the writer supervised.
    session: bool,
}

/// Does this sentence record a visit or meeting with the child? Names of children visited
/// are added to `kids`.
fn visits_the_child<'a>(cx: &Context<'a>, s: &Sentence, kids: &mut Kids<'a>) -> VisitCue {
    let mut v = VisitCue::default();
    for (r, tag) in visit_cues().find(cx.text, s.range.clone()) {
        if cx.doc.in_quote(&r) {
            continue;
        }
        if tag == SESSION {
            // "I supervised", or a heading that starts with it ("# Family time", "##
            // Supervised family time"); not "Mum asked about supervised contact".
            let cue = &cx.text[r.clone()];
            v.session |= cue.starts_with("I ") || starts_a_heading(cx, &r);
            continue;
        }
        if tag == SEEN_ALONE {
            // "Ava was seen alone", "the children were seen": look before the phrase.
            let head = s.range.start..r.start;
            for (i, w) in s.words.iter().enumerate() {
                if w.end <= r.start && names_a_child(cx, s, i, w) {
                    kids.add(&cx.text[w.clone()]);
                    v.with_child = true;
                }
            }
            v.with_child |= child_words().any(cx.text, head);
            continue;
        }
        // "I visited Ava", "home visit to the children", "saw Ava and her brother"; not
        // "Mum visited Ava" or "Nan spoke to Ava".
        if !by_the_writer(cx, s, r.start) {
            continue;
        }
        if tag == VISIT {
            v.by_writer = true;
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
            if names_a_child(cx, s, i, w) {
                kids.add(word);
                v.with_child = true;
            } else if child_words().any(cx.text, w.clone()) {
                v.with_child = true;
            }
        }
    }
    v
}

fn starts_a_heading(cx: &Context, r: &std::ops::Range<usize>) -> bool {
    cx.doc.blocks.iter().any(|b| {
        b.kind == BlockKind::Heading
            && b.range.start <= r.start
            && r.end <= b.range.end
            && b.sentences.first().and_then(|s| s.words.first()).is_some_and(|w| {
                w.start == r.start || {
                    let first = &cx.text[w.clone()];
                    ["supervised", "observed"]
                        .iter()
                        .any(|x| x.eq_ignore_ascii_case(first))
                }
            })
    })
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
    let adult = TITLES
        .iter()
        .any(|t| t.eq_ignore_ascii_case(prev.trim_end_matches('.')));
    !adult && !cues::people().any(cx.text, w.clone())
}

/// "Mason (2) was in the front room", "Kyle stayed in his room", "Ava was watching
/// cartoons": the child starts the sentence and was there.
fn child_present(cx: &Context, s: &Sentence, kids: &Kids) -> bool {
    if !kids.is_kid(cx, s, 0) {
        return false;
    }
    let mut rest = s
        .words
        .iter()
        .skip(1)
        .map(|w| &cx.text[w.clone()])
        .skip_while(|w| w.chars().all(|c| c.is_ascii_digit()));
    let Some(verb) = rest.next() else {
        return false;
    };
    let next = rest.next().unwrap_or("");
    let lower = verb.to_ascii_lowercase();
    match lower.as_str() {
        "was" | "were" => {
            ["in", "on", "there", "present", "sitting", "wearing", "dressed", "lying"]
                .iter()
                .any(|w| w.eq_ignore_ascii_case(next))
                || (next.len() > 4
                    && next.to_ascii_lowercase().ends_with("ing")
                    && !["going", "being", "getting"]
                        .iter()
                        .any(|w| w.eq_ignore_ascii_case(next)))
        }
        _ => ["stayed", "sat", "opened", "answered", "came", "spent"].contains(&lower.as_str()),
    }
}

/// Who a word in a sentence is, for finding whose voice a cue records.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Who {
    Child,
    Children,
    Adult,
    /// "he", "she", "his", "her": whoever the sentence, or the one before, is about.
    Singular,
    /// "they", "them", "their".
    Plural,
}

/// A person mentioned: who, and whether "she" (`Some(true)`) or "he" (`Some(false)`) can
/// stand for them, when the words tell ("Mum", "Dad", "she").
type Mention = (Who, Option<bool>);

const FEMALE: &[&str] = &[
    "she", "her", "hers", "mum", "mother", "grandma", "nan", "gran", "grandmother", "aunt",
    "auntie", "stepmum", "sister", "daughter", "girlfriend", "mrs", "ms", "miss",
];
const MALE: &[&str] = &[
    "he", "him", "his", "dad", "father", "stepdad", "grandad", "grandfather", "uncle",
    "brother", "son", "boyfriend", "mr",
];

fn gender_of(word: &str) -> Option<bool> {
    let word = strip_possessive(word);
    if FEMALE.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        Some(true)
    } else if MALE.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        Some(false)
    } else {
        None
    }
}

fn who_is(cx: &Context, s: &Sentence, i: usize, kids: &Kids) -> Option<Mention> {
    let w = s.words.get(i)?;
    let word = &cx.text[w.clone()];
    let gender = gender_of(word);
    if ["he", "she", "him", "her", "his", "hers"]
        .iter()
        .any(|p| p.eq_ignore_ascii_case(word))
    {
        return Some((Who::Singular, gender));
    }
    if ["they", "them", "their"]
        .iter()
        .any(|p| p.eq_ignore_ascii_case(word))
    {
        return Some((Who::Plural, None));
    }
    if kids.is_kid(cx, s, i) {
        return Some((Who::Child, None));
    }
    if child_words().any(cx.text, w.clone()) {
        let single = ["child", "baby", "toddler", "son", "daughter", "young person"]
            .iter()
            .any(|x| x.eq_ignore_ascii_case(word));
        return Some((if single { Who::Child } else { Who::Children }, gender));
    }
    if word == "I" || word.eq_ignore_ascii_case("we") {
        return None;
    }
    if cues::adult_speakers().any(cx.text, w.clone())
        || cues::family_words().any(cx.text, w.clone())
        || cues::people().any(cx.text, w.clone())
        || cues::is_name(cx, s, i)
        || kids.known.contains(&strip_possessive(word))
    {
        return Some((Who::Adult, gender));
    }
    None
}

/// Resolve a pronoun against whom the sentences before were about (`history`, most recent
/// last): "she" means the last one "she" can stand for, so "Dad was there. She said..." still
/// finds Ava.
fn resolve(m: Mention, history: &[Mention]) -> Option<Mention> {
    match m.0 {
        Who::Singular => {
            let found = history.iter().rev().find(|(w, g)| {
                *w != Who::Children && (g.is_none() || m.1.is_none() || *g == m.1)
            });
            Some(found.map_or((Who::Adult, m.1), |(w, g)| (*w, m.1.or(*g))))
        }
        Who::Plural => match history.last() {
            Some((Who::Children, _)) => Some((Who::Children, None)),
            _ => Some((Who::Adult, None)),
        },
        _ => Some(m),
    }
}

/// Words that may stand between the one speaking and the cue: "Ava also said", "she did not
/// want", "Leo seemed happy".
const BETWEEN: &[&str] = &[
    "also", "then", "later", "quietly", "happily", "sadly", "clearly", "really", "very",
    "quite", "still", "always", "often", "never", "just", "only", "both", "all", "did",
    "does", "do", "not", "was", "were", "is", "are", "has", "had", "have", "been", "seemed",
    "seems", "looked", "looks", "appeared", "appears", "became", "got", "gets", "a", "bit",
    "little", "so", "too", "more", "most", "first", "again", "openly", "proudly", "shyly",
];

/// Whose voice is the cue at `r`: walk back to the one speaking. `whos` says who each word
/// of the sentence is; `history` is whom the sentences before were about.
fn speaker(
    cx: &Context,
    s: &Sentence,
    whos: &[Option<Mention>],
    r: &std::ops::Range<usize>,
    history: &[Mention],
) -> Option<Who> {
    let about = sentence_subject(whos, history);
    let idx = s.words.iter().position(|w| w.start >= r.start)?;
    for k in (0..idx).rev() {
        let word = &cx.text[s.words[k].clone()];
        if BETWEEN.iter().any(|b| b.eq_ignore_ascii_case(word))
            || word.chars().all(|c| c.is_ascii_digit())
        {
            continue;
        }
        if ["and", "but", "or"].iter().any(|c| c.eq_ignore_ascii_case(word)) {
            // "Michelle hugged Jayden and said...": the sentence's subject speaks.
            return about.map(|a| a.0);
        }
        let who = (*whos.get(k)?)?;
        // "let me know if Jay is upset": not something Jay felt.
        let before = k
            .checked_sub(1)
            .map_or("", |j| &cx.text[s.words[j].clone()]);
        if ["if", "whether", "unless"]
            .iter()
            .any(|x| x.eq_ignore_ascii_case(before))
        {
            return None;
        }
        // The first person of a sentence: a pronoun means whom the sentences before were
        // about; later in the sentence, it may also mean its subject.
        let first = whos[..k].iter().all(Option::is_none);
        let resolved = match about {
            Some(a) if !first => {
                let mut h = history.to_vec();
                h.push(a);
                resolve(who, &h)
            }
            _ => resolve(who, history),
        };
        return resolved.map(|m| m.0);
    }
    None
}

/// Who each word of a sentence is (computed once per sentence). A possessive just before a
/// person ("her dad", "Ava's mum") is not the one the sentence is about, so it is left out.
fn whos(cx: &Context, s: &Sentence, kids: &Kids) -> Vec<Option<Mention>> {
    let mut out: Vec<Option<Mention>> = (0..s.words.len()).map(|i| who_is(cx, s, i, kids)).collect();
    for i in 0..out.len().saturating_sub(1) {
        let word = &cx.text[s.words[i].clone()];
        let possessive = strip_possessive(word).len() < word.len()
            || ["his", "her", "their"].iter().any(|p| p.eq_ignore_ascii_case(word));
        if possessive && out[i + 1].is_some() {
            out[i] = None;
        }
    }
    out
}

/// Whom the sentence is about: its first person, a pronoun resolved against `history`.
fn sentence_subject(whos: &[Option<Mention>], history: &[Mention]) -> Option<Mention> {
    whos.iter()
        .find_map(|w| *w)
        .and_then(|w| resolve(w, history))
}

/// Cues that are the child's voice whoever stands before them: the names of direct-work tools
/// and "in her words".
const ALWAYS_VOICE: &[&str] = &[
    "her words", "his words", "their words", "in her words", "in his words", "in their words",
    "three houses", "all about me", "my world",
];

/// Anything the child said, showed, drew or felt, anywhere in the note: a cue whose speaker
/// is the child ("Ava said", "she told me" after a sentence about Ava), or words in quotation
/// marks not given to an adult.
fn records_the_childs_voice(cx: &Context, sentences: &[&Sentence], kids: &Kids) -> bool {
    // Whom the last few sentences were about, most recent last.
    let mut history: Vec<Mention> = Vec::with_capacity(4);
    for s in sentences {
        let whos = whos(cx, s, kids);
        for (r, _) in voice().find(cx.text, s.range.clone()) {
            if cx.doc.in_quote(&r) {
                continue;
            }
            let cue = &cx.text[r.clone()];
            if ALWAYS_VOICE.iter().any(|v| v.eq_ignore_ascii_case(cue)) {
                return true;
            }
            let who = if cue.eq_ignore_ascii_case("according to") {
                // "According to Leo, the dog kept him awake": the one named after it.
                let next = s.words.iter().position(|w| w.start >= r.end);
                next.and_then(|i| whos.get(i).copied().flatten())
                    .and_then(|m| resolve(m, &history))
                    .map(|m| m.0)
            } else {
                speaker(cx, s, &whos, &r, &history)
            };
            if matches!(who, Some(Who::Child | Who::Children)) {
                return true;
            }
        }
        for q in cx
            .doc
            .quotes
            .iter()
            .filter(|q| q.len() > 4 && s.range.start <= q.start && q.start < s.range.end)
        {
            if !cx.in_email(q) && !quote_is_an_adults(cx, s, &whos, q, &history) {
                return true;
            }
        }
        if let Some(about) = sentence_subject(&whos, &history) {
            if history.len() == 3 {
                history.remove(0);
            }
            history.push(about);
        }
    }
    false
}

/// `Mum said, "..."`, `"...", Mum said`: words in quotation marks given to an adult.
fn quote_is_an_adults(
    cx: &Context,
    s: &Sentence,
    whos: &[Option<Mention>],
    q: &std::ops::Range<usize>,
    history: &[Mention],
) -> bool {
    let before = voice()
        .find(cx.text, s.range.start..q.start)
        .filter(|(r, _)| !cx.doc.in_quote(r))
        .last();
    if let Some((r, _)) = before {
        return speaker(cx, s, whos, &r, history) == Some(Who::Adult);
    }
    // After the quotation: the first person named.
    let first_after = (0..s.words.len())
        .filter(|&i| s.words[i].start >= q.end)
        .find_map(|i| whos.get(i).copied().flatten());
    matches!(first_after, Some((Who::Adult, _)))
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

    #[test]
    fn what_named_adults_said_is_not_the_childs_voice() {
        let text = "---\nchild: Ava Brown\n---\n\n# Home visit\n\nI visited Ava at home. \
                    Kerry told me Ava has been to school every day. Kerry said she found the \
                    group useful. Mrs Brown said the rent is paid.\n";
        assert_eq!(flagged(text).len(), 1);
    }

    #[test]
    fn he_and_she_mean_whom_the_sentence_before_was_about() {
        let adult = "# Home visit\n\nI visited Ava at home. Her mum, Kerry, was there. Kerry \
                     said it has been a hard week. She told me Ava is sleeping better.\n";
        assert_eq!(flagged(adult).len(), 1);
        let child = "# Home visit\n\nI visited Ava at home. Kerry said it has been a hard week. \
                     Ava was in the garden. She told me the swing is her favourite.\n";
        assert!(flagged(child).is_empty());
    }

    #[test]
    fn and_said_belongs_to_whoever_starts_the_sentence() {
        let text = "# Visit\n\nI visited Jayden at the centre. His mum, Michelle, came too. \
                    Michelle hugged Jayden and said she would see him soon.\n";
        assert_eq!(flagged(text).len(), 1);
    }

    #[test]
    fn a_feeling_after_if_is_not_one_the_child_had() {
        let text = "# Visit\n\nI visited Jay at school. His teacher, Mrs Hughes, said his reading \
                    is better. She will tell me if Jay is upset after weekends.\n";
        assert_eq!(flagged(text).len(), 1);
    }

    #[test]
    fn family_time_the_writer_supervised_is_time_with_the_child() {
        let silent = "---\nchild: Ella Hart\n---\n\n# Family time\n\nElla (6) and her mum, \
                      Gemma, met at the family centre. I supervised. Gemma said goodbye at 5pm.\n";
        assert_eq!(flagged(silent).len(), 1);
        let voiced = silent.replace("at 5pm.", "at 5pm. Ella said she loved the dolls' house.");
        assert!(flagged(&voiced).is_empty());
        let asked = "---\nchild: Isla Murphy\n---\n\n# Phone call with Isla's mum\n\nSiobhan \
                     asked about supervised contact with Isla. I will ask my manager.\n";
        assert!(flagged(asked).is_empty());
    }

    #[test]
    fn a_visit_during_which_the_child_was_there_is_a_visit_with_the_child() {
        let silent = "---\nchild: Mason Hill\n---\n\n# Unannounced visit\n\nI called at the flat \
                      at 9am. Mason (2) was in the front room in his pyjamas. Kelly said the \
                      heating is fixed.\n";
        assert_eq!(flagged(silent).len(), 1);
        let responded = silent.replace("pyjamas.", "pyjamas. He smiled and waved at me.");
        assert!(flagged(&responded).is_empty());
        let away = silent.replace("was in the front room in his pyjamas", "was in school");
        assert!(flagged(&away).is_empty());
    }

    #[test]
    fn words_in_quotation_marks_given_to_an_adult_are_not_the_childs() {
        let adult = "# Visit\n\nI visited Ava at home. Mum said, \"She is fine, honestly.\"\n";
        assert_eq!(flagged(adult).len(), 1);
        let child = "# Visit\n\nI visited Ava at home. \"I like my new room,\" Ava said.\n";
        assert!(flagged(child).is_empty());
    }

    #[test]
    fn according_to_the_child_is_the_childs_voice() {
        let text = "# Visit\n\nI visited Leo at home. His dad, Gary, opened the door. \
                    According to Leo, the dog kept him awake.\n";
        assert!(flagged(text).is_empty());
        let dad = text.replace("According to Leo", "According to Gary");
        assert_eq!(flagged(&dad).len(), 1);
    }

    #[test]
    fn she_skips_a_he_to_find_the_child() {
        let text = "# Visit\n\nI visited Ava at home. Her dad was in the kitchen. He said work is \
                    busy. She told me she likes her new school.\n";
        assert!(flagged(text).is_empty());
        let only_dad = "# Visit\n\nI visited Ava at home. Her dad was in the kitchen. He said \
                        work is busy.\n";
        assert_eq!(flagged(only_dad).len(), 1);
        let mum = "# Visit\n\nI visited Ava at home. Her dad was in the kitchen. Mum was there \
                   too. She told me work is busy.\n";
        assert_eq!(flagged(mum).len(), 1);
    }
}
