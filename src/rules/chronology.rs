//! ## What it flags
//! In a chronology: an entry without a date, a date that cannot exist (31/02/2026) or is after
//! today, entries out of date order, an entry that does not record the impact on the child, and
//! a `reviewed` date (or "Last reviewed:") more than 3 months old.
//!
//! Two shapes of chronology are read. A Markdown table with a Date column and an Event or
//! Impact column ("Date | Event | Source | Impact on the child"), and lines or list items that start
//! with a date ("20/11/2026 – Strategy discussion... Impact: ..."). Entries may run oldest first
//! or newest first: the order most entries follow is the one expected. A month or year on its
//! own ("Nov 2026") is accepted as a date but not checked for order.
//!
//! ## Why it matters
//! The practice standard says every child has a chronology, "updated with relevant information
//! as this becomes available", and that chronologies "should be reviewed every three months to
//! confirm that they are current and up to date, and that they identify the impact of events
//! being recorded". An undated or misplaced entry breaks the story of the child's life; an event
//! with no impact recorded says what happened but not what it meant for the child.
//!
//! ## Example
//! - 20/11/2026 – Strategy discussion held with police and school.
//! - 18/11/2026 – Ava moved to her nan's.
//!
//! ## Instead
//! - 18/11/2026 – Ava moved to her nan's. Impact: Ava is closer to school and says she feels
//!   safe.
//! - 20/11/2026 – Strategy discussion held with police and school. Impact: a child protection
//!   enquiry started; Ava's social worker told her why.

use std::ops::Range;

use jiff::civil::Date;
use pulldown_cmark::{Event, Options, Parser as MdParser, Tag, TagEnd};

use super::{Context, Meta};
use crate::finding::{Finding, Severity};
use crate::record::date::{leading_date, marker_len};
use crate::record::{format_uk, parse_date, today, DateError, DocKind, Review};

pub const META: Meta = Meta {
    id: "chronology",
    default_severity: Severity::Warning,
    summary: "Chronology entries with no date, out of order or with no impact; reviews over 3 months old",
};

/// The date of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
enum EntryDate {
    Exact(Date),
    /// A month or a year only.
    Approximate,
    Missing,
    Bad(DateError, String),
}

#[derive(Debug, Clone)]
struct Entry {
    /// Where findings about the entry point.
    at: Range<usize>,
    date: EntryDate,
    /// Whether the entry records the impact on the child (an Impact cell or "Impact:" text).
    has_impact: bool,
    /// Where an "Impact:" placeholder can be inserted (line entries only).
    insert_at: Option<usize>,
}

pub fn check(cx: &Context, out: &mut Vec<Finding>) {
    if cx.record.kind != DocKind::Chronology {
        return;
    }
    let today = today(cx.meta);
    check_review(cx, today, out);

    let (mut entries, tables) = if cx.text.contains('|') {
        table_entries(cx.text)
    } else {
        (Vec::new(), Vec::new())
    };
    entries.extend(line_entries(cx, &tables));
    entries.sort_by_key(|e| e.at.start);

    let child = cx
        .record
        .field("child")
        .map(|f| f.value.trim())
        .filter(|v| !v.is_empty() && v.len() < 40)
        .unwrap_or("the child");

    for e in &entries {
        match &e.date {
            EntryDate::Missing => out.push(Finding::new(
                META.id,
                e.at.clone(),
                "This entry has no date: a chronology entry needs the date it happened \
                 (dd/mm/yyyy), or the month if that is all that is known.",
            )),
            EntryDate::Bad(err, written) => {
                out.push(Finding::new(META.id, e.at.clone(), err.explain(written)))
            }
            EntryDate::Exact(d) if *d > today => out.push(Finding::new(
                META.id,
                e.at.clone(),
                format!(
                    "This entry is dated {}, after today ({}): please check the date.",
                    format_uk(*d),
                    format_uk(today)
                ),
            )),
            _ => {}
        }
        if !e.has_impact && e.date != EntryDate::Missing {
            let f = Finding::new(
                META.id,
                e.at.clone(),
                format!(
                    "No impact on {child} is recorded for this entry: what did it mean for \
                     {child}? The standard asks chronologies to identify the impact of events."
                ),
            );
            out.push(match e.insert_at {
                Some(at) => f.with_edit("Add an 'Impact:' line", at..at, " Impact: "),
                None => f,
            });
        }
    }
    check_order(&entries, out);
}

fn check_review(cx: &Context, today: Date, out: &mut Vec<Finding>) {
    let months = cx.config.rules.chronology.review_months;
    let Some((range, review)) = cx.record.review_due(today, months) else {
        return;
    };
    let message = match review {
        Review::Unreadable(explained) => explained,
        Review::AfterToday(d) => format!(
            "The review date {} is after today ({}): please check it.",
            format_uk(d),
            format_uk(today)
        ),
        Review::Overdue(d) => format!(
            "This chronology was last reviewed on {}, more than {months} months ago; the \
             standard asks for a review every three months to check it is current and \
             records the impact of events.",
            format_uk(d)
        ),
    };
    out.push(Finding::new(META.id, range, message));
}

/// Flag each entry that breaks the order most entries follow.
fn check_order(entries: &[Entry], out: &mut Vec<Finding>) {
    let dated: Vec<(&Entry, Date)> = entries
        .iter()
        .filter_map(|e| match e.date {
            EntryDate::Exact(d) => Some((e, d)),
            _ => None,
        })
        .collect();
    let (mut up, mut down) = (0, 0);
    for w in dated.windows(2) {
        if w[1].1 > w[0].1 {
            up += 1;
        } else if w[1].1 < w[0].1 {
            down += 1;
        }
    }
    let newest_first = down > up;
    for w in dated.windows(2) {
        let ((_, prev), (e, d)) = (w[0], w[1]);
        let broken = if newest_first { d > prev } else { d < prev };
        if broken {
            let way = if newest_first {
                "this chronology runs newest first"
            } else {
                "this chronology runs oldest first"
            };
            out.push(Finding::new(
                META.id,
                e.at.clone(),
                format!(
                    "This entry ({}) is out of date order: it comes after an entry dated {}, \
                     and {way}. Could it move?",
                    format_uk(d),
                    format_uk(prev)
                ),
            ));
        }
    }
}

/// Words that show an entry records what an event meant for the child.
fn mentions_impact(s: &str) -> bool {
    let lower = s.to_lowercase();
    ["impact", "effect on", "affected", "this meant", "this means", "outcome for"]
        .iter()
        .any(|c| lower.contains(c))
}

fn cell_text(text: &str, r: &Range<usize>) -> String {
    text.get(r.clone())
        .unwrap_or_default()
        .trim_matches(|c: char| c == '|' || c.is_whitespace())
        .trim_matches(|c| c == '*' || c == '_')
        .trim()
        .to_string()
}

/// Entries from Markdown tables whose header names a Date column, and the ranges of all tables.
fn table_entries(text: &str) -> (Vec<Entry>, Vec<Range<usize>>) {
    let mut entries = Vec::new();
    let mut tables = Vec::new();
    let mut head: Vec<Range<usize>> = Vec::new();
    let mut row: Vec<Range<usize>> = Vec::new();
    let mut rows: Vec<Vec<Range<usize>>> = Vec::new();
    let mut in_head = false;
    let opts = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    for (event, range) in MdParser::new_ext(text, opts).into_offset_iter() {
        match event {
            Event::Start(Tag::Table(_)) => {
                tables.push(range);
                head.clear();
                rows.clear();
            }
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => row.clear(),
            Event::End(TagEnd::TableRow) => rows.push(std::mem::take(&mut row)),
            Event::Start(Tag::TableCell) => {
                if in_head {
                    head.push(range);
                } else {
                    row.push(range);
                }
            }
            Event::End(TagEnd::Table) => table_rows(text, &head, &rows, &mut entries),
            _ => {}
        }
    }
    (entries, tables)
}

fn table_rows(
    text: &str,
    head: &[Range<usize>],
    rows: &[Vec<Range<usize>>],
    out: &mut Vec<Entry>,
) {
    let names: Vec<String> = head
        .iter()
        .map(|r| cell_text(text, r).to_lowercase())
        .collect();
    let Some(date_col) = names
        .iter()
        .position(|n| (n.contains("date") && !n.contains("birth")) || n == "when")
    else {
        return;
    };
    let impact_col = names
        .iter()
        .position(|n| n.contains("impact") || n.contains("effect") || n.contains("what this means"));
    // A chronology table says what happened (or its impact); a table of family members with
    // their dates of birth, or of meetings booked, is not one.
    let has_event = names.iter().any(|n| {
        ["event", "what happened", "incident", "description", "detail", "entry", "summary"]
            .iter()
            .any(|e| n.contains(e))
    });
    if impact_col.is_none() && !has_event {
        return;
    }
    for cells in rows {
        if cells.iter().all(|c| cell_text(text, c).is_empty()) {
            continue;
        }
        let Some(date_range) = cells.get(date_col) else {
            continue;
        };
        let written = cell_text(text, date_range);
        let date = if written.is_empty() {
            EntryDate::Missing
        } else {
            match leading_date(&written) {
                Some(l) => match l.date {
                    Some(Ok(d)) => EntryDate::Exact(d),
                    Some(Err(e)) => EntryDate::Bad(e, written[l.range].to_string()),
                    None => EntryDate::Approximate,
                },
                None => EntryDate::Bad(
                    parse_date(&written).err().unwrap_or(DateError::NotADate),
                    written.clone(),
                ),
            }
        };
        let has_impact = match impact_col.and_then(|i| cells.get(i)) {
            Some(r) => {
                let v = cell_text(text, r).to_lowercase();
                !matches!(
                    v.as_str(),
                    "" | "-" | "–" | "—" | "n/a" | "na" | "none" | "tbc" | "?" | "unknown"
                )
            }
            // No impact column: look for impact written in the row.
            None => cells.iter().any(|c| mentions_impact(&cell_text(text, c))),
        };
        // Point at the date cell, or the first cell with text when there is no date.
        let at = if written.is_empty() {
            cells
                .iter()
                .find(|c| !cell_text(text, c).is_empty())
                .cloned()
                .unwrap_or_else(|| date_range.clone())
        } else {
            date_range.clone()
        };
        out.push(Entry {
            at: trim_range(text, at),
            date,
            has_impact,
            insert_at: None,
        });
    }
}

/// A range without the pipes and spaces around a table cell.
fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let Some(s) = text.get(r.clone()) else {
        return r;
    };
    let lead = s.len() - s.trim_start_matches(|c: char| c == '|' || c.is_whitespace()).len();
    let trail = s.len() - s.trim_end_matches(|c: char| c == '|' || c.is_whitespace()).len();
    if lead + trail >= s.len() {
        return r;
    }
    r.start + lead..r.end - trail
}

/// Entries written as lines or list items that start with a date; undated top-level list items
/// among dated ones are entries without a date.
fn line_entries(cx: &Context, tables: &[Range<usize>]) -> Vec<Entry> {
    let text = cx.text;
    let mut entries: Vec<Entry> = Vec::new();
    // Undated top-level list items: (range, insert point, text has impact).
    let mut undated: Vec<Entry> = Vec::new();
    let mut current: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let end = start + content.len();
        let here = start..start + 1;
        if crate::text::overlaps_any(&cx.doc.non_prose, &here)
            || tables.iter().any(|t| t.start <= start && start < t.end)
        {
            current = None;
            continue;
        }
        if content.trim().is_empty() || content.trim_start().starts_with('#') {
            current = None;
            continue;
        }
        if let Some(l) = leading_date(content) {
            let date = match l.date {
                Some(Ok(d)) => EntryDate::Exact(d),
                Some(Err(e)) => EntryDate::Bad(e, content[l.range.clone()].to_string()),
                None => EntryDate::Approximate,
            };
            let body = content[l.range.start..].trim_end();
            entries.push(Entry {
                at: start + l.range.start..start + l.range.start + body.len(),
                date,
                has_impact: mentions_impact(content),
                insert_at: Some(end),
            });
            current = Some(entries.len() - 1);
            continue;
        }
        let rest = &content[marker_len(content)..];
        let is_item = is_top_level_item(content);
        if let Some(i) = current {
            // A continuation of the entry above ("  Impact: ...").
            if !is_item || rest.to_lowercase().starts_with("impact") {
                if mentions_impact(content) {
                    entries[i].has_impact = true;
                }
                entries[i].insert_at = Some(end);
                continue;
            }
        }
        current = None;
        if is_item && !rest.trim().is_empty() {
            undated.push(Entry {
                at: start + marker_len(content)..end,
                date: EntryDate::Missing,
                has_impact: true,
                insert_at: None,
            });
        }
    }
    // Undated list items count only in a chronology written as a dated list.
    if entries.len() >= 2 {
        entries.extend(undated);
    }
    entries
}

/// A list item at the left margin: "- ", "* ", "+ " or "1. ".
fn is_top_level_item(line: &str) -> bool {
    let b = line.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    matches!(b, [b'-' | b'*' | b'+', b' ' | b'\t', ..])
        || ((1..=3).contains(&digits)
            && matches!(b.get(digits), Some(b'.' | b')'))
            && matches!(b.get(digits + 1), Some(b' ' | b'\t')))
}

#[cfg(test)]
mod tests {
    use crate::{Config, DocMeta, Engine, Finding};
    use jiff::civil::date;

    fn findings_with(text: &str, config: Config) -> Vec<Finding> {
        let meta = DocMeta {
            path: Some("ava.chronology.md".into()),
            today: Some(date(2026, 12, 1)),
        };
        Engine::new(config)
            .unwrap()
            .analyse(text, &meta)
            .findings
            .into_iter()
            .filter(|f| f.rule == "chronology")
            .collect()
    }

    fn messages(text: &str) -> Vec<String> {
        findings_with(text, Config::default())
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    const GOOD_TABLE: &str = "---\nchild: Ava\nreviewed: 01/11/2026\n---\n\n| Date | Event | Source | Impact on the child |\n|---|---|---|---|\n| 02/09/2026 | Ava started Year 7 | School | Ava says she likes her form tutor. |\n| 20/11/2026 | Strategy discussion | Police | Child protection enquiry began; Ava stayed with Nan. |\n";

    #[test]
    fn a_complete_table_chronology_has_no_findings() {
        assert_eq!(messages(GOOD_TABLE), Vec::<String>::new());
    }

    #[test]
    fn flags_a_row_with_no_date_and_a_row_with_no_impact() {
        let text = "| Date | Event | Impact |\n|---|---|---|\n| | Ava moved school | Ava is happier |\n| 20/11/2026 | Strategy discussion | |\n";
        let f = findings_with(text, Config::default());
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f[0].message.starts_with("This entry has no date"));
        assert_eq!(&text[f[0].range.clone()], "Ava moved school");
        assert!(f[1].message.starts_with("No impact on the child is recorded"));
        assert_eq!(&text[f[1].range.clone()], "20/11/2026");
    }

    #[test]
    fn flags_entries_out_of_date_order() {
        let text = "- 01/09/2026 – Started school. Impact: settled well.\n- 20/11/2026 – Strategy discussion. Impact: enquiry began.\n- 18/11/2026 – Moved to Nan's. Impact: feels safe.\n- 25/11/2026 – Review. Impact: plan updated.\n";
        let m = messages(text);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("(18/11/2026) is out of date order: it comes after an entry dated 20/11/2026"));
    }

    #[test]
    fn a_chronology_written_newest_first_is_in_order() {
        let text = "20/11/2026 – Strategy discussion. Impact: enquiry began.\n\n18/11/2026 – Moved to Nan's. Impact: feels safe.\n\n01/09/2026 – Started school. Impact: settled well.\n";
        assert!(messages(text).is_empty());
    }

    #[test]
    fn flags_a_dated_line_with_no_impact_and_offers_a_placeholder() {
        let text = "- 18/11/2026 – Moved to Nan's.\n- 20/11/2026 – Strategy discussion.\n  Impact: enquiry began.\n";
        let f = findings_with(text, Config::default());
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            f[0].message,
            "No impact on the child is recorded for this entry: what did it mean for the child? \
             The standard asks chronologies to identify the impact of events."
        );
        let s = &f[0].suggestions[0];
        assert_eq!(s.replacement, " Impact: ");
        assert_eq!(s.range.start, text.find('\n').unwrap());
    }

    #[test]
    fn flags_future_and_impossible_dates_and_undated_items() {
        let text = "- 31/02/2026 – Visit. Impact: none noted by Ava.\n- 20/11/2026 – Strategy discussion. Impact: enquiry began.\n- Moved to Nan's.\n- 20/12/2026 – Review. Impact: plan updated.\n";
        let m = messages(text);
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(m[0].starts_with("'31/02/2026' is not a real date"));
        assert!(m[1].starts_with("This entry has no date"));
        assert!(m[2].contains("dated 20/12/2026, after today (01/12/2026)"));
    }

    #[test]
    fn month_only_dates_are_accepted() {
        let text = "- Nov 2019 – Ava born. Impact: first child for Mum.\n- 20/11/2026 – Review. Impact: plan updated.\n";
        assert!(messages(text).is_empty());
    }

    #[test]
    fn flags_a_review_more_than_3_months_old() {
        let text = GOOD_TABLE.replace("reviewed: 01/11/2026", "reviewed: 01/08/2026");
        let m = messages(&text);
        assert_eq!(m.len(), 1);
        assert!(m[0].starts_with("This chronology was last reviewed on 01/08/2026, more than 3 months ago"));
        let mut c = Config::default();
        c.rules.chronology.review_months = 6;
        assert!(findings_with(&text, c).is_empty());
        let text = GOOD_TABLE.replace("reviewed: 01/11/2026", "reviewed: 01/09/2026");
        assert!(messages(&text).is_empty(), "exactly 3 months is not late");
    }

    #[test]
    fn uses_the_childs_name_from_front_matter() {
        let text = "---\nchild: Ava\n---\n\n- 18/11/2026 – Moved to Nan's.\n- 20/11/2026 – Review. Impact: plan updated.\n";
        assert!(messages(text)[0].starts_with("No impact on Ava is recorded"));
    }

    #[test]
    fn only_chronologies_are_checked() {
        let text = "- 20/11/2026 – Strategy discussion.\n- 18/11/2026 – Moved.\n";
        let meta = DocMeta {
            path: None,
            today: Some(date(2026, 12, 1)),
        };
        let a = Engine::new(Config::default()).unwrap().analyse(text, &meta);
        assert!(a.findings.iter().all(|f| f.rule != "chronology"));
    }

    #[test]
    fn tables_of_people_or_appointments_are_not_entries() {
        let text = "| Name | Date of birth | Relationship |\n|---|---|---|\n| Ava | 01/01/2015 | Child |\n\n| Date | Meeting |\n|---|---|\n| 20/01/2027 | Review |\n";
        assert!(messages(text).is_empty());
    }

    #[test]
    fn prose_and_tables_without_a_date_column_are_not_entries() {
        let text = "This chronology covers Ava's time at home.\n\n| Name | Role |\n|---|---|\n| Sam | Social worker |\n\n- Written by Sam\n";
        assert!(messages(text).is_empty());
    }

    /// Run the record rules directly (the engine would hide a panic) on any text.
    fn run_all_directly(text: &str, kind: &str) -> usize {
        use crate::dictionary::Dictionaries;
        use crate::record::Record;
        use crate::rules::Context;
        use crate::text::Document;
        let doc = Document::parse(text);
        let meta = DocMeta {
            path: Some(format!("ava.{kind}.md").into()),
            today: Some(date(2026, 12, 1)),
        };
        let record = Record::read(text, &doc, &meta);
        let config = Config::default();
        let dicts = Dictionaries::built_in();
        let cx = Context {
            text,
            doc: &doc,
            config: &config,
            dicts: &dicts,
            meta: &meta,
            email_blocks: &[],
            record: &record,
            stats: Default::default(),
        };
        let mut out = Vec::new();
        super::check(&cx, &mut out);
        crate::rules::timeliness::check(&cx, &mut out);
        crate::rules::overview_stale::check(&cx, &mut out);
        crate::rules::long_note::check(&cx, &mut out);
        for f in &out {
            assert!(f.range.start <= f.range.end && f.range.end <= text.len());
            assert!(text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end));
        }
        out.len()
    }

    proptest::proptest! {
        #[test]
        fn record_rules_never_panic(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("20/11/2026".to_string()),
                    proptest::strategy::Just("31/02/2026".to_string()),
                    proptest::strategy::Just("Nov 2026".to_string()),
                    proptest::strategy::Just("| Date | Impact |\n|---|---|\n".to_string()),
                    proptest::strategy::Just("| ".to_string()),
                    proptest::strategy::Just("- ".to_string()),
                    proptest::strategy::Just("\n".to_string()),
                    proptest::strategy::Just("---\ncontact-date: ".to_string()),
                    proptest::strategy::Just("Date of visit: ".to_string()),
                    proptest::strategy::Just("Last updated:".to_string()),
                    proptest::strategy::Just(" Impact: ".to_string()),
                    proptest::strategy::Just("**".to_string()),
                    "\\PC{0,12}",
                ],
                0..24,
            ),
            kind in proptest::prop_oneof![
                proptest::strategy::Just("chronology"),
                proptest::strategy::Just("overview"),
                proptest::strategy::Just("note"),
            ],
        ) {
            let text: String = parts.concat();
            run_all_directly(&text, kind);
        }
    }
}
