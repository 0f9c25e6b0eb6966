//! ## What it flags
//! A note whose reading age is above the target (12 unless you change it). Reading age is the
//! Flesch-Kincaid grade plus 5, worked out over the note's own prose: headings, quotations
//! pasted from e-mail and code are left out. The finding sits on the first line of prose and
//! names the hardest paragraph.
//!
//! ## Why it matters
//! The practice standard asks that records are "written clearly and respectfully so it will be
//! comprehensible to the people we are writing about". Many parents, and children reading their
//! own files, read comfortably at a reading age of about 9 to 12. Long words and long sentences
//! push a note above that.
//!
//! ## Example
//! The practitioner ascertained that the family's accommodation was insufficiently maintained
//! and subsequently facilitated a referral to the appropriate housing organisation.
//!
//! ## Instead
//! I saw that the flat was damp and the boiler was broken. I asked the housing team to visit.

use super::{Context, Meta};
use crate::finding::{Finding, Severity, Stats};
use crate::text::{Block, BlockKind};

pub const META: Meta = Meta {
    id: "readability",
    default_severity: Severity::Hint,
    summary: "Reading age above the target (default 12)",
};

/// Below this many words of prose the scores are too noisy to report.
const MIN_WORDS: usize = 60;

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let stats = cx.stats;
    let target = cx.config.rules.readability.target_age;
    if stats.words < MIN_WORDS || stats.reading_age <= target {
        return;
    }
    let Some(first) = prose_blocks(cx).next() else {
        return;
    };
    let first_line_end = cx.text[first.range.clone()]
        .find('\n')
        .map_or(first.range.end, |i| first.range.start + i);
    let hardest = prose_blocks(cx)
        .filter(|b| b.word_count() >= 10)
        .map(|b| (grade(&count(cx.text, [b])) + 5.0, b))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let mut message = format!(
        "This note has a reading age of about {:.0}; the target is {:.0}. Shorter sentences and \
         everyday words would help a family follow it.",
        stats.reading_age, target
    );
    if let Some((age, b)) = hardest {
        let line = cx.text[..b.range.start].matches('\n').count() + 1;
        let opening: String = cx.text[b.range.clone()]
            .split_whitespace()
            .take(5)
            .collect::<Vec<_>>()
            .join(" ");
        message.push_str(&format!(
            " The hardest paragraph (line {line}, \"{opening}…\") reads at about {age:.0}."
        ));
    }
    out.push(Finding::new(
        META.id,
        first.range.start..first_line_end,
        message,
    ));
}

fn prose_blocks<'c>(cx: &'c Context) -> impl Iterator<Item = &'c Block> + 'c {
    cx.doc.blocks.iter().filter(move |b| {
        b.kind != BlockKind::Heading
            && b.sentences
                .first()
                .is_some_and(|s| !cx.in_email(&s.range))
    })
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    words: usize,
    sentences: usize,
    syllables: usize,
}

fn count<'b>(text: &str, blocks: impl IntoIterator<Item = &'b Block>) -> Counts {
    let mut c = Counts::default();
    for b in blocks {
        for s in &b.sentences {
            c.sentences += 1;
            for w in &s.words {
                c.words += 1;
                c.syllables += syllables(&text[w.clone()]);
            }
        }
    }
    c
}

fn ease(c: &Counts) -> f64 {
    if c.words == 0 || c.sentences == 0 {
        return 0.0;
    }
    206.835 - 1.015 * (c.words as f64 / c.sentences as f64)
        - 84.6 * (c.syllables as f64 / c.words as f64)
}

fn grade(c: &Counts) -> f64 {
    if c.words == 0 || c.sentences == 0 {
        return 0.0;
    }
    0.39 * (c.words as f64 / c.sentences as f64) + 11.8 * (c.syllables as f64 / c.words as f64)
        - 15.59
}

/// Word and sentence counts and readability scores over the note's prose.
pub fn stats(cx: &Context) -> Stats {
    let c = count(cx.text, prose_blocks(cx));
    let g = grade(&c);
    Stats {
        words: c.words,
        sentences: c.sentences,
        reading_age: if c.words == 0 { 0.0 } else { round1(g + 5.0) },
        flesch_reading_ease: round1(ease(&c)),
        flesch_kincaid_grade: round1(g),
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Syllables in an English word, by rule: vowel groups, less a silent final "e", with the
/// usual exceptions. Agreement with the CMU Pronouncing Dictionary on the 5,000 most frequent
/// English words is measured in `tests/syllables.rs`.
pub fn syllables(word: &str) -> usize {
    let mut buf = [0u8; 64];
    let mut len = 0;
    for b in word.bytes().filter(u8::is_ascii_alphabetic) {
        if len == buf.len() {
            break;
        }
        buf[len] = b.to_ascii_lowercase();
        len += 1;
    }
    let w = &buf[..len];
    if w.is_empty() {
        return 1;
    }
    let is_vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let mut count = 0usize;
    let mut prev_vowel = false;
    for (i, &c) in w.iter().enumerate() {
        let v = is_vowel(c) && !(c == b'y' && i == 0);
        if v && !prev_vowel {
            count += 1;
        }
        prev_vowel = v;
    }
    let n = w.len();
    let ends = |s: &[u8]| w.ends_with(s);
    let before = |k: usize| if n > k { w[n - 1 - k] } else { b' ' };
    // Silent final e: "make", "home"; but "-le" after a consonant is a syllable ("little"),
    // and "-ire" is two ("fire", "entire").
    if ends(b"e") && count > 1 {
        let silent = if ends(b"le") {
            is_vowel(before(2))
        } else {
            !(ends(b"ee") || ends(b"ie") || ends(b"ye") || ends(b"ue") || ends(b"oe"))
        };
        if silent {
            count -= 1;
        }
        if ends(b"ire") {
            count += 1;
        }
    }
    // "-es" and "-ed" after most consonants are not syllables ("makes", "lived").
    if (ends(b"es") || ends(b"ed")) && n > 3 && count > 1 {
        let c = before(2);
        let sounded = if ends(b"ed") {
            c == b't' || c == b'd'
        } else {
            matches!(c, b's' | b'x' | b'z' | b'c' | b'g' | b'h')
        };
        if !sounded && !is_vowel(c) {
            count -= 1;
        }
    }
    // A silent e inside compounds and before suffixes: "something", "likely", "management".
    for suffix in [
        &b"ly"[..], b"ment", b"ments", b"ness", b"ful", b"less", b"thing", b"one", b"times",
        b"where", b"body", b"ty",
    ] {
        let k = suffix.len();
        if n > k + 2 && ends(suffix) && w[n - k - 1] == b'e' && !is_vowel(w[n - k - 2]) && count > 1
        {
            count -= 1;
            break;
        }
    }
    // Vowel pairs spoken as two syllables.
    if ends(b"ing") && n > 3 && is_vowel(before(3)) {
        count += 1; // "being", "going", "saying"
    }
    if n > 3 && (ends(b"ea") || ends(b"eas")) {
        count += 1; // "idea", "area"
    }
    if ends(b"eo") {
        count += 1; // "video", "stereo"
    }
    // One pass over the letters for vowel pairs spoken as two syllables.
    for i in 0..n.saturating_sub(1) {
        let prev = if i > 0 { w[i - 1] } else { b' ' };
        let at = |k: usize| w.get(i + k).copied().unwrap_or(b' ');
        match (w[i], w[i + 1]) {
            // "period", "media"; not "nation", "social", "union", "million"
            (b'i', b'o' | b'a') => {
                let soft = matches!(prev, b'c' | b't' | b's' | b'g' | b'x');
                let ion = w[i + 1] == b'o' && at(2) == b'n' && matches!(prev, b'l' | b'n');
                if !soft && !ion {
                    count += 1;
                }
            }
            // "science", "experience"; "client"; "society", "quiet"
            (b'i', b'e') => {
                let rest = (at(2), at(3), at(4));
                let ience = rest == (b'n', b'c', b'e') && prev != b't';
                let ient = (rest.0, rest.1) == (b'n', b't') && !matches!(prev, b't' | b'c');
                if ience || ient || rest.0 == b't' {
                    count += 1;
                }
            }
            // "actual", "duo"; not "quality", "language", "quote"
            (b'u', b'a') if !matches!(prev, b'q' | b'g') => count += 1,
            (b'u', b'o') if prev != b'q' => count += 1,
            // "player", "employer"
            (b'y', b'e') if at(2) == b'r' && is_vowel(prev) => count += 1,
            _ => {}
        }
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::syllables;
    use crate::{analyse, Config};

    #[test]
    fn counts_syllables_of_common_words() {
        for (w, n) in [
            ("the", 1),
            ("home", 1),
            ("little", 2),
            ("visited", 3),
            ("lived", 1),
            ("family", 3),
            ("social", 2),
            ("accommodation", 5),
        ] {
            assert_eq!(syllables(w), n, "{w}");
        }
    }

    #[test]
    fn flags_a_note_written_in_complex_words() {
        let text = "The practitioner ascertained that the family's accommodation was \
                    insufficiently maintained and subsequently facilitated a referral to the \
                    appropriate housing organisation. "
            .repeat(4);
        let a = analyse(&text, &Config::default());
        let f: Vec<_> = a.findings.iter().filter(|f| f.rule == "readability").collect();
        assert_eq!(f.len(), 1);
        assert!(a.stats.reading_age > 12.0);
        assert!(f[0].message.contains("hardest paragraph"));
    }

    #[test]
    fn ignores_a_plain_note() {
        let text = "I saw Ava at home. She showed me her room. She said she likes her new \
                    school. Mum said the flat is damp. I will ask the housing team to visit. "
            .repeat(4);
        let a = analyse(&text, &Config::default());
        assert!(a.findings.iter().all(|f| f.rule != "readability"));
        assert!(a.stats.reading_age < 12.0);
    }

    #[test]
    fn headings_are_not_counted() {
        let a = analyse(
            "# Extraordinarily Comprehensive Multidisciplinary Considerations\n\nAva ate.",
            &Config::default(),
        );
        assert_eq!(a.stats.words, 2);
    }
}
