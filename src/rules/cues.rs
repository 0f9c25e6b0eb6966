//! Shared cue lexicons for the rules that read a note as a record (who is mentioned, what
//! counts as the child's voice, ...).
//!
//! Each lexicon is compiled once into an Aho-Corasick automaton and matched over a sentence or
//! block in one pass, whole words only, without allocating per word. The people, plan and
//! need words a council may want to extend live in `dictionaries/record-cues.toml`
//! (`list = "relevance"`); the grammatical cues (pronouns, speech verbs) stay here.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::dictionary::ascii_lower;

use super::Context;
use crate::text::{Block, BlockKind, Sentence};

/// A compiled list of whole-word phrases, each with a small tag.
pub(crate) struct Lexicon {
    ac: Option<AhoCorasick>,
    tags: Vec<u8>,
}

impl Lexicon {
    pub(crate) fn new(entries: &[(&str, u8)]) -> Self {
        // Lower-case patterns searched in an ASCII-lowered copy of the text: an ASCII
        // case-insensitive automaton takes twice as long to build, at every start.
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(entries.iter().map(|e| e.0.to_ascii_lowercase()))
            .ok();
        Lexicon {
            ac,
            tags: entries.iter().map(|e| e.1).collect(),
        }
    }

    /// Build from phrases that all share one tag.
    pub(crate) fn plain(words: &[&str]) -> Self {
        let entries: Vec<(&str, u8)> = words.iter().map(|w| (*w, 0)).collect();
        Lexicon::new(&entries)
    }

    /// Whole-word matches in `text[range]`: (byte range, tag).
    pub(crate) fn find<'a>(
        &'a self,
        text: &'a str,
        range: Range<usize>,
    ) -> impl Iterator<Item = (Range<usize>, u8)> + 'a {
        let base = range.start;
        let hay = ascii_lower(text.get(range).unwrap_or(""));
        let found: Vec<_> = self
            .ac
            .iter()
            .flat_map(|ac| ac.find_iter(hay.as_ref()))
            .filter_map(|m| {
                let r = base + m.start()..base + m.end();
                if is_boundary_before(text, r.start) && is_boundary_after(text, r.end) {
                    Some((r, self.tags[m.pattern().as_usize()]))
                } else {
                    None
                }
            })
            .collect();
        found.into_iter()
    }

    /// Is there any whole-word match in `text[range]`?
    pub(crate) fn any(&self, text: &str, range: Range<usize>) -> bool {
        let Some(ac) = &self.ac else {
            return false;
        };
        let base = range.start;
        let hay = ascii_lower(text.get(range).unwrap_or(""));
        ac.find_iter(hay.as_ref()).any(|m| {
            is_boundary_before(text, base + m.start()) && is_boundary_after(text, base + m.end())
        })
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

pub(crate) fn is_boundary_before(text: &str, i: usize) -> bool {
    text.get(..i)
        .and_then(|s| s.chars().next_back())
        .is_none_or(|c| !is_word_char(c))
}

pub(crate) fn is_boundary_after(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .is_none_or(|c| !is_word_char(c))
}

/// Third-person and plural pronouns: a sentence that uses one is about somebody other than
/// the writer.
pub(crate) fn pronouns() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::plain(&[
            "he", "she", "him", "her", "his", "hers", "they", "them", "their", "theirs", "we",
            "us", "our", "you", "your",
        ])
    })
}

/// Words for adults and professionals that, written just before a speech verb, mean the
/// words reported are not the child's ("Mum said", "I explained").
pub(crate) fn adult_speakers() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::plain(&[
            "i",
            "mum",
            "mother",
            "dad",
            "father",
            "carer",
            "carers",
            "parent",
            "parents",
            "teacher",
            "worker",
            "nurse",
            "doctor",
            "gp",
            "officer",
            "manager",
            "stepdad",
            "stepmum",
            "grandma",
            "nan",
            "gran",
            "grandad",
            "grandmother",
            "grandfather",
            "aunt",
            "auntie",
            "uncle",
            "partner",
            "mr",
            "mrs",
            "ms",
            "miss",
        ])
    })
}

/// Family and child words that mark a sentence as being about the child's family rather than
/// a professional (used by `disagreement`).
pub(crate) fn family_words() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::plain(
            &[
                RELATIVES,
                &[
                    "child",
                    "children",
                    "son",
                    "daughter",
                    "brother",
                    "sister",
                    "boyfriend",
                    "girlfriend",
                ],
            ]
            .concat(),
        )
    })
}

/// Family members and professionals: words that name who did something.
pub(crate) fn people() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::plain(
            &[
                RELATIVES,
                &[
                    "teacher",
                    "school",
                    "nursery",
                    "college",
                    "gp",
                    "doctor",
                    "nurse",
                    "health visitor",
                    "midwife",
                    "police",
                    "officer",
                    "social worker",
                    "manager",
                    "team manager",
                    "iro",
                    "camhs",
                    "therapist",
                    "advocate",
                    "solicitor",
                    "agency",
                    "agencies",
                    "professionals",
                    "conference",
                    "core group",
                    "panel",
                ],
            ]
            .concat(),
        )
    })
}

/// The child's family and carers, shared by [`family_words`] and [`people`].
const RELATIVES: &[&str] = &[
    "mum",
    "mother",
    "dad",
    "father",
    "parent",
    "parents",
    "stepdad",
    "stepmum",
    "grandma",
    "nan",
    "gran",
    "grandad",
    "grandmother",
    "grandfather",
    "aunt",
    "auntie",
    "uncle",
    "partner",
    "family",
    "carer",
    "carers",
    "foster carer",
    "foster carers",
];

/// Capitalised words that are not people: days, places and the like (months are
/// `record::date::MONTHS`).
const NOT_NAMES: &[&str] = &[
    "I",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Road",
    "Street",
    "Lane",
    "Avenue",
    "Close",
    "Drive",
    "Way",
    "Hill",
    "Park",
    "Station",
    "Centre",
    "Council",
    "Junction",
    "Christmas",
    "Easter",
    "English",
    "British",
    "Bank",
    "Holiday",
    "Office",
    "Hall",
    "Estate",
    "Retail",
    "Town",
    "City",
    "Services",
    "Motorway",
    "Ring",
    "Bridge",
    "Square",
    "Green",
    "Place",
    "Court",
    "Crescent",
    "Gardens",
    "Terrace",
    "Row",
    "Walk",
    "The",
    "A",
    "An",
    "It",
    "This",
    "That",
    "There",
    "On",
    "In",
    "At",
    "After",
    "Before",
    "When",
    "Due",
    "As",
    "My",
    "Our",
    "We",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Then",
    "Later",
    "Also",
    "However",
    "Unfortunately",
    "Luckily",
    "Sadly",
    "Once",
    "While",
    "Whilst",
    "Because",
    "So",
    "But",
    "And",
    "Not",
    "No",
    "Yes",
    "OK",
    "Ok",
    "Date",
    "Time",
    "Present",
    "Visit",
    "Note",
    "Google",
    "Maps",
];

/// Words before a capitalised word that make it a place rather than a person.
const PLACE_PREPOSITIONS: &[&str] = &[
    "on", "in", "at", "near", "via", "along", "past", "around", "through", "into", "from",
    "towards", "outside", "the", "a",
];

/// Does the front matter `child:` name this word ("Ava" in `child: Ava Smith`)?
pub(crate) fn is_child_name(cx: &Context, word: &str) -> bool {
    cx.record.field("child").is_some_and(|f| {
        f.value
            .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
            .any(|n| n.len() >= 2 && n.eq_ignore_ascii_case(word))
    })
}

/// The child's first name from the front matter, if any.
pub(crate) fn child_first_name<'a>(cx: &'a Context) -> Option<&'a str> {
    let f = cx.record.field("child")?;
    f.value
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .find(|n| n.chars().next().is_some_and(char::is_uppercase) && n.len() >= 2)
}

/// Is this word (of `sentence`) likely a person's name? The child's name from the front
/// matter always is; otherwise a capitalised word that is not the first of the sentence, not
/// a day, month or place word, and not just after "on", "in", "near"... (so "Elm Road" and
/// "near Dudley" are places). `skip` lists ranges that are known cue words, not names.
pub(crate) fn is_name(cx: &Context, sentence: &Sentence, idx: usize) -> bool {
    let Some(r) = sentence.words.get(idx) else {
        return false;
    };
    let w = &cx.text[r.clone()];
    if is_child_name(cx, w) {
        return true;
    }
    let mut chars = w.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    if !first_upper || !chars.any(char::is_lowercase) || w.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let base = w.split(['\'', '’']).next().unwrap_or(w);
    if NOT_NAMES.contains(&base) || crate::record::date::MONTHS.contains(&base) {
        return false;
    }
    if idx == 0 {
        // The first word of a sentence is capitalised anyway: count it only when what
        // follows reads like a person ("Ava said", "Ava and I", "Ava's").
        let next = sentence.words.get(1).map(|r| &cx.text[r.clone()]);
        return w.ends_with("'s")
            || w.ends_with("’s")
            || next.is_some_and(|n| {
                [
                    "said",
                    "says",
                    "told",
                    "tells",
                    "asked",
                    "explained",
                    "showed",
                    "shared",
                    "wants",
                    "feels",
                    "felt",
                    "drew",
                    "smiled",
                    "laughed",
                    "cried",
                    "and",
                    "was",
                    "is",
                    "has",
                    "had",
                    "likes",
                    "loves",
                    "enjoys",
                    "played",
                    "seemed",
                ]
                .iter()
                .any(|v| v.eq_ignore_ascii_case(n))
            });
    }
    let prev = &cx.text[sentence.words[idx - 1].clone()];
    !PLACE_PREPOSITIONS
        .iter()
        .any(|p| p.eq_ignore_ascii_case(prev))
}

/// Does `sentence` mention a person other than the writer: a relevance word from
/// `record-cues.toml` (family, professionals, the plan), a third-person pronoun or a name?
/// Words inside `skip` (the cue that made us look) never count.
pub(crate) fn mentions_someone_or_the_plan(
    cx: &Context,
    sentence: &Sentence,
    skip: &[Range<usize>],
) -> bool {
    let r = sentence.range.clone();
    let outside = |m: &Range<usize>| !skip.iter().any(|s| s.start < m.end && m.start < s.end);
    if cx
        .find_terms(cx.dicts.list("relevance"), r.clone())
        .any(|m| outside(&m.range))
    {
        return true;
    }
    if pronouns().find(cx.text, r).any(|(m, _)| outside(&m)) {
        return true;
    }
    (0..sentence.words.len()).any(|i| outside(&sentence.words[i]) && is_name(cx, sentence, i))
}

/// Words for a child without a name ("the baby", "the kids").
pub(crate) fn child_words() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::plain(&[
            "child",
            "children",
            "child's",
            "children's",
            "young person",
            "young people",
            "baby",
            "baby's",
            "kids",
            "toddler",
            "teenager",
            "boys",
            "girls",
            "twins",
            "siblings",
        ])
    })
}

/// Does `sentence` mention the child or their family: a child or family word, a third-person
/// pronoun or a name? Stricter than [`mentions_someone_or_the_plan`]: the plan, services and
/// home words do not count. Words inside `skip` never count.
pub(crate) fn mentions_the_child_or_family(
    cx: &Context,
    sentence: &Sentence,
    skip: &[Range<usize>],
) -> bool {
    let r = sentence.range.clone();
    let outside = |m: &Range<usize>| !skip.iter().any(|s| s.start < m.end && m.start < s.end);
    family_words()
        .find(cx.text, r.clone())
        .chain(child_words().find(cx.text, r.clone()))
        .chain(pronouns().find(cx.text, r))
        .any(|(m, _)| outside(&m))
        || (0..sentence.words.len())
            .any(|i| outside(&sentence.words[i]) && is_name(cx, sentence, i))
}

/// Prose blocks a rule may read: not headings or table cells, not pasted e-mail.
pub(crate) fn is_prose(cx: &Context, block: &Block) -> bool {
    matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem) && !cx.in_email(&block.range)
}

/// Prose blocks and table cells (chronology entries): not headings, not pasted e-mail.
pub(crate) fn is_prose_or_cell(cx: &Context, block: &Block) -> bool {
    matches!(
        block.kind,
        BlockKind::Paragraph | BlockKind::ListItem | BlockKind::TableCell
    ) && !cx.in_email(&block.range)
}

/// The first line of prose of the note (a heading counts), for findings about the whole note.
pub(crate) fn first_line(cx: &Context) -> Option<Range<usize>> {
    let block = cx.doc.blocks.iter().find(|b| !cx.in_email(&b.range))?;
    let s = block.sentences.first()?;
    let text = cx.text.get(s.range.clone())?;
    let end = text.find('\n').map_or(s.range.end, |i| s.range.start + i);
    Some(s.range.start..end.max(s.range.start + 1).min(s.range.end))
}

/// Is the byte range inside quoted speech or pasted e-mail?
pub(crate) fn quoted_or_email(cx: &Context, r: &Range<usize>) -> bool {
    cx.doc.in_quote(r) || cx.in_email(r)
}

/// Does any of `words` appear within the next `n` words after byte `at` in the same sentence?
pub(crate) fn followed_within(
    cx: &Context,
    sentence: &Sentence,
    at: usize,
    n: usize,
    words: &[&str],
) -> bool {
    sentence
        .words
        .iter()
        .filter(|w| w.start >= at)
        .take(n)
        .any(|w| {
            words
                .iter()
                .any(|x| x.eq_ignore_ascii_case(&cx.text[w.clone()]))
        })
}

pub(crate) use crate::dictionary::word_before;

/// The word just after byte `i` (skipping spaces), or "".
pub(crate) fn word_after(text: &str, i: usize) -> &str {
    let tail = text.get(i..).unwrap_or("").trim_start();
    let end = tail
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map_or(tail.len(), |(j, _)| j);
    &tail[..end]
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::{analyse, Config};

    /// The messages of one rule's findings, with the text each points at.
    pub(crate) fn found(rule: &str, text: &str) -> Vec<String> {
        analyse(text, &Config::default())
            .findings
            .iter()
            .filter(|f| f.rule == rule)
            .map(|f| text[f.range.clone()].to_string())
            .collect()
    }

    pub(crate) fn messages(rule: &str, text: &str) -> Vec<String> {
        analyse(text, &Config::default())
            .findings
            .into_iter()
            .filter(|f| f.rule == rule)
            .map(|f| f.message)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::dictionary::{parse_file, TermMatcher, BUILT_IN};

    /// The lists these rules own: each entry has its reason and source, no match is listed
    /// twice, suggestions stay empty (these rules never offer other words), and every match
    /// is found in a sentence that uses it.
    #[test]
    fn record_rule_dictionaries_are_well_formed_and_every_match_is_found() {
        let ours = [
            "irrelevant.toml",
            "euphemism.toml",
            "euphemism-near-injury.toml",
            "euphemism-near-neglect.toml",
            "record-cues.toml",
        ];
        for name in ours {
            let (_, src) = BUILT_IN
                .iter()
                .find(|(n, _)| *n == name)
                .unwrap_or_else(|| panic!("{name} is not embedded"));
            let file = parse_file(Path::new(name), src).unwrap();
            assert!(file.list.is_some(), "{name}: needs a list name");
            let mut seen = std::collections::HashSet::new();
            for t in &file.term {
                assert!(
                    !t.why.trim().is_empty() && !t.source.trim().is_empty(),
                    "{name}"
                );
                assert!(t.suggest.is_empty(), "{name}: these lists suggest no words");
                for m in &t.matches {
                    assert!(seen.insert(m.to_lowercase()), "{name}: '{m}' twice");
                }
            }
            let matcher = TermMatcher::new(file.term.clone());
            for t in &file.term {
                for m in &t.matches {
                    let s = format!("Yesterday {m} happened.");
                    assert!(
                        matcher
                            .find_in(&s, 0..s.len())
                            .any(|x| &s[x.range] == m.as_str()),
                        "{name}: '{m}' is not found in '{s}'"
                    );
                }
            }
        }
    }

    /// Run the record rules directly (not through the engine, which would hide a panic).
    fn run_all(text: &str) {
        let config = crate::Config::default();
        let dicts = crate::dictionary::Dictionaries::built_in();
        let doc = crate::text::Document::parse(text);
        let meta = crate::rules::DocMeta::default();
        let emails = crate::rules::pasted_email::detect(text, &doc);
        let record = crate::record::Record::read(text, &doc, &meta);
        let cx = crate::rules::Context {
            text,
            doc: &doc,
            config: &config,
            dicts: &dicts,
            meta: &meta,
            email_blocks: &emails,
            record: &record,
            stats: Default::default(),
        };
        let mut out = Vec::new();
        for check in [
            crate::rules::irrelevant::check,
            crate::rules::child_voice::check,
            crate::rules::opinion::check,
            crate::rules::hidden_actor::check,
            crate::rules::disagreement::check,
            crate::rules::strengths::check,
            crate::rules::euphemism::check,
        ] {
            check(&cx, &mut out);
        }
        for f in &out {
            assert!(f.range.start <= f.range.end && f.range.end <= text.len());
            assert!(
                text.get(f.range.clone()).is_some(),
                "range off a char boundary"
            );
        }
    }

    /// A well-written note: none of the record rules has anything to say.
    const GOOD_NOTE: &str = "---\nchild: Sam Green\n---\n\n# Visit to Sam and Leo\n\n\
        I visited Sam and Leo at home with their mum, Kerry. Kerry made me a cup of tea and we \
        sat in the kitchen. The boys were playing football in the garden when I arrived.\n\n\
        Sam showed me his school report and said he is proud of his reading. Leo did not want \
        to talk today and went upstairs. Kerry said Leo has been quiet since Dad moved out.\n\n\
        It was raining so we did not go to the park as planned. I will ask Leo next time if he \
        would like to meet at school instead.\n\n\
        Kerry told me she is worried about the rent. I gave her the number for the housing \
        officer. The flat was warm and clean and there was food in the cupboards.\n\n\
        Clearly Kerry has worked hard on the routine: the boys' uniforms were ready and there \
        was a chart on the fridge.\n\n\
        Leo's teacher raised a concern about his lunch; I will speak to the school nurse. \
        Kerry and I agreed she will pack a lunch on Mondays.\n";

    #[test]
    fn a_good_note_gets_no_record_findings() {
        let a = crate::analyse(GOOD_NOTE, &crate::Config::default());
        let ours = [
            "irrelevant",
            "child-voice",
            "opinion",
            "hidden-actor",
            "disagreement",
            "strengths",
            "euphemism",
        ];
        let found: Vec<_> = a
            .findings
            .iter()
            .filter(|f| ours.contains(&f.rule))
            .map(|f| (f.rule, &GOOD_NOTE[f.range.clone()]))
            .collect();
        assert!(found.is_empty(), "{found:?}");
    }

    /// Each rule's documented example is flagged by it, and its "Instead" is not.
    #[test]
    fn documented_examples_are_flagged_and_their_rewrites_are_not() {
        for (id, prefix) in [
            ("irrelevant", ""),
            ("child-voice", ""),
            ("opinion", ""),
            ("hidden-actor", ""),
            ("disagreement", ""),
            ("strengths", "---\ntype: overview\n---\n\n"),
            ("euphemism", ""),
        ] {
            let rule = crate::rules::by_id(id).unwrap();
            let count = |section: &str| {
                let text = format!("{prefix}{}\n", rule.doc_section(section));
                crate::analyse(&text, &crate::Config::default())
                    .findings
                    .iter()
                    .filter(|f| f.rule == id)
                    .count()
            };
            assert!(count("Example") > 0, "{id}: its example is not flagged");
            assert_eq!(count("Instead"), 0, "{id}: its rewrite is flagged");
        }
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "",
            "I",
            "\u{feff}I was late.",
            "---\nchild: \n---\n",
            "---\nchild: É\n---\n\nÉ said ‘it was agreed’. I visited É.",
            "# Visit\n\nI visited Ava\n",
            "It was agreed",
            "“obviously” clearly",
            "😀 I saw 😀. Concerns, risks, worries.",
            "| a | b |\n|---|---|\n| grubby faeces | rough play bruise |\n",
        ] {
            run_all(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn random_notes_never_panic(
            words in proptest::collection::vec(
                "(I|Ava|Mum|visited|said|it|was|agreed|traffic|clearly|obviously|the|school|disagreed|concerns|rough play|bruise|lovebites|\"|’|é|😀|\\.|,|\n|\n\n|# |- )",
                0..40,
            )
        ) {
            run_all(&words.join(" "));
        }
    }

    #[test]
    fn lexicons_match_whole_words_only() {
        let l = super::Lexicon::plain(&["mum"]);
        assert!(l.any("Mum said", 0..8));
        assert!(!l.any("mummy said", 0..10));
        assert!(!l.any("chrysanthemum", 0..13));
    }
}
