//! ## What it flags
//! An overview, or a case note of an assessment or review (its first line says so: "Review
//! meeting", "Assessment visit"), that lists concerns or worries but no strengths. It counts
//! concerns ("concern", "worry", "worried", "risk", "harm"; not "no concerns"), a list headed
//! "Worries:" or "Concerns:", and everyday signs of a problem ("missed", "police", "hungry",
//! "drinking", "debts"), and looks anywhere in the note for a strength: "strength", "going well",
//! "working well", "progress", "positive", "protective", "improved", "proud", "good",
//! "enjoys", "loves", "settled", "happy". One finding, on the concerns heading if there is one,
//! otherwise on the first line.
//!
//! ## Why it matters
//! The practice standard asks that the overview of a child's circumstances "should highlight
//! fresh issues that have emerged, both strengths as well as concerns". A record of worries
//! alone is not the whole child, is harder for a family to accept, and leaves out what the
//! plan can build on.
//!
//! ## Example
//! Worries: concerns about Dad's drinking at weekends. Risk of Ava missing school when Mum
//! works late.
//!
//! ## Instead
//! What is going well: Ava has been in school every day this term and is proud of her
//! reading. Nan collects her when Mum works late.
//!
//! Worries: Dad's drinking at weekends. Ava told me he shouts and she hides upstairs.

use std::sync::OnceLock;

use super::cues::{self, Lexicon};
use super::{Context, Meta};
use crate::finding::{Finding, Severity};
use crate::record::DocKind;
use crate::text::BlockKind;

pub const META: Meta = Meta {
    id: "strengths",
    default_severity: Severity::Information,
    summary: "An overview or assessment that lists concerns but no strengths",
};

fn concern_words() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::plain(&[
            "concern", "concerns", "concerned", "worry", "worries", "worried", "worrying",
            "risk", "risks", "harm", "danger", "dangers",
        ])
    })
}

fn strength_words() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::plain(&[
            "strength", "strengths", "strong", "positive", "positives", "positively",
            "going well", "working well", "doing well", "done well", "went well", "progress",
            "improved", "improvement", "improvements", "improving", "protective", "resilient",
            "resilience", "proud", "enjoys", "enjoyed", "loves", "good", "warm", "caring",
            "loving", "supportive", "achieved", "achievement", "success", "successful",
            "happy", "settled", "thriving", "better", "well done", "safe and well",
        ])
    })
}

/// Everyday signs of a problem, for notes that list worries without calling them worries
/// ("missed 14 days", "the police were called", "often hungry").
fn problem_words() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::plain(&[
            "missed", "missing", "police", "arrested", "excluded", "exclusion", "exclusions",
            "detention", "detentions", "fights", "fighting", "swearing", "hungry", "neglect",
            "drinking", "alcohol", "drunk", "cannabis", "drugs", "debts", "debt", "violence",
            "violent", "shouted", "shouting", "smacked", "injury", "injuries", "bruise",
            "bruises", "bruising", "mould", "stays out late", "self-harm", "self-harming",
            "not slept", "owes", "cut off", "crying",
        ])
    })
}

/// Labels that start a list of worries: "Worries:", "Concerns:", "## What we are worried about".
fn worries_labels() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::plain(&[
            "worries", "concerns", "risks", "areas of concern", "what we are worried about",
            "what are we worried about", "current concerns", "current worries",
        ])
    })
}

/// Signs of a problem that make a list of worries without a "Worries:" label or two worry
/// words: one worry word and two everyday signs, or three everyday signs.
const ENOUGH: usize = 3;

/// A case note that records an assessment or review.
fn assessment_words() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        Lexicon::plain(&[
            "assessment", "review", "review meeting", "core group", "conference",
            "child protection conference", "looked after review",
        ])
    })
}

/// Words before a concern that mean there is none ("no concerns").
const NEGATIONS: &[&str] = &["no", "any", "without", "not", "nil", "none"];

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    let applies = match cx.record.kind {
        DocKind::Overview => true,
        DocKind::CaseNote => is_assessment_or_review(cx),
        DocKind::Chronology => false,
    };
    if !applies {
        return;
    }
    let mut concerns = 0usize;
    let mut problems = 0usize;
    let mut listed = false;
    let mut heading = None;
    for block in cx.doc.blocks.iter().filter(|b| !cx.in_email(&b.range)) {
        if strength_words().any(cx.text, block.range.clone()) {
            return;
        }
        if starts_a_list_of_worries(cx, block) {
            listed = true;
            if heading.is_none() {
                heading = block.sentences.first().map(|s| s.range.clone());
            }
        }
        problems += problem_words().find(cx.text, block.range.clone()).count();
        for (r, _) in concern_words().find(cx.text, block.range.clone()) {
            let prev = cues::word_before(cx.text, r.start);
            if NEGATIONS.iter().any(|n| n.eq_ignore_ascii_case(prev)) {
                continue;
            }
            concerns += 1;
            if block.kind == BlockKind::Heading && heading.is_none() {
                heading = block.sentences.first().map(|s| s.range.clone());
            }
        }
    }
    if !(listed || concerns >= 2 || concerns + problems >= ENOUGH) {
        return;
    }
    let Some(at) = heading.or_else(|| cues::first_line(cx)) else {
        return;
    };
    let what = if cx.record.kind == DocKind::Overview {
        "overview"
    } else {
        "note"
    };
    let who = cues::child_first_name(cx).unwrap_or("the child");
    out.push(Finding::new(
        META.id,
        at,
        format!(
            "This {what} lists concerns or worries but no strengths: nothing like 'strength', 'going well', 'progress', 'positive', 'protective' or \
             'good' was found. The standard asks for strengths as well as concerns. What is \
             going well for {who}, and who helps?"
        ),
    ));
}

/// A heading "Worries", or a block that starts "Worries:" / "Concerns -".
fn starts_a_list_of_worries(cx: &Context, block: &crate::text::Block) -> bool {
    let Some(text) = cx.text.get(block.range.clone()) else {
        return false;
    };
    let text = text.trim_start_matches(|c: char| c == '#' || c == '-' || c == '*' || c.is_whitespace());
    let start = block.range.end - text.len();
    let Some((r, _)) = worries_labels().find(cx.text, start..block.range.end).next() else {
        return false;
    };
    if r.start != start {
        return false;
    }
    let rest = cx.text.get(r.end..block.range.end).unwrap_or("").trim_start();
    if block.kind == BlockKind::Heading {
        return rest.is_empty();
    }
    rest.starts_with([':', '-', '–'])
}

fn is_assessment_or_review(cx: &Context) -> bool {
    // The title (the first line) says what the note is: "Review meeting", "Assessment visit".
    cx.doc
        .blocks
        .iter()
        .find(|b| !cx.in_email(&b.range))
        .and_then(|b| b.sentences.first())
        .is_some_and(|s| assessment_words().any(cx.text, s.range.clone()))
}

#[cfg(test)]
mod tests {
    use super::super::cues::test_support::found;

    fn flagged(text: &str) -> Vec<String> {
        found("strengths", text)
    }

    const WORRIES_ONLY: &str = "---\ntype: overview\n---\n\n# Case summary\n\n## Worries\n\n\
        Concerns about Dad's drinking at weekends. Risk of Ava missing school when Mum works \
        late.\n";

    #[test]
    fn flags_an_overview_of_worries_only_at_the_worries_heading() {
        assert_eq!(flagged(WORRIES_ONLY), vec!["Worries"]);
    }

    #[test]
    fn flags_an_assessment_note_with_concerns_only() {
        let text = "Review meeting for Ava.\n\nThe school raised concerns about attendance. \
                    Health are worried about her weight.";
        assert_eq!(flagged(text), vec!["Review meeting for Ava."]);
    }

    #[test]
    fn ignores_an_overview_with_strengths() {
        let text = WORRIES_ONLY.replace(
            "## Worries",
            "## What is going well\n\nAva is proud of her reading.\n\n## Worries",
        );
        assert!(flagged(&text).is_empty());
        let text = WORRIES_ONLY.replace("late.", "late. Nan is a protective adult for Ava.");
        assert!(flagged(&text).is_empty());
    }

    #[test]
    fn ignores_no_concerns_and_ordinary_visit_notes() {
        let text = "---\ntype: overview\n---\n\nThere are no concerns about school. No risks were identified.";
        assert!(flagged(text).is_empty());
        let visit = "I visited Ava at home. Concerns about Dad's drinking. Risk of missing school.";
        assert!(flagged(visit).is_empty());
        let visit = "# Home visit\n\nI visited Ava to review her plan. Concerns about Dad's \
                     drinking. Risk of missing school.";
        assert!(flagged(visit).is_empty());
    }

    #[test]
    fn a_list_headed_worries_is_a_list_of_concerns() {
        let text = "---\ntype: overview\n---\n\nAva is 6.\n\nWorries: Dad drinks at weekends. \
                    Ava is late for school.\n";
        assert_eq!(flagged(text).len(), 1);
        let heading = "---\ntype: overview\n---\n\n## Concerns\n\nDad drinks at weekends.\n";
        assert_eq!(flagged(heading), vec!["Concerns"]);
        let with_strength = text.replace("Ava is 6.", "Ava is 6. Nan is a protective adult.");
        assert!(flagged(&with_strength).is_empty());
    }

    #[test]
    fn a_label_must_start_the_block_to_count() {
        let text = "---\ntype: overview\n---\n\nAva is 6. Her worries: none that she told me.\n";
        assert!(flagged(text).is_empty());
        let text = "---\ntype: overview\n---\n\nConcerns were discussed with Mum.\n";
        assert!(flagged(text).is_empty());
    }

    #[test]
    fn flags_a_review_that_lists_problems_without_calling_them_worries() {
        let text = "# Review meeting for Kyle\n\nKyle has missed 14 days. He had two \
                    detentions. Mum thinks he is smoking cannabis.\n";
        assert_eq!(flagged(text).len(), 1);
        let one = "# Review meeting for Kyle\n\nKyle has missed 2 days with a cold.\n";
        assert!(flagged(one).is_empty());
        let better = text.replace("cannabis.", "cannabis. His reading has improved.");
        assert!(flagged(&better).is_empty());
    }
}
