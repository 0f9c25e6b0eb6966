//! The note as a record: what kind of document it is and the facts its front matter and
//! template labels give (dates, urgency, the child's name).
//!
//! Front matter keys: `type`, `child`, `contact-date`, `recorded`, `urgent`, `reviewed` (and
//! `last-updated`). The same facts are read from the labels practitioners' templates put at the
//! start of a line: "Date of visit:", "Date of contact:", "Date recorded:", "Last updated:",
//! "Last reviewed:". Front matter wins over a label; the first label wins over later ones.

pub mod calendar;
pub mod date;

use std::ops::Range;

use jiff::civil::Date;

use crate::rules::DocMeta;
use crate::text::{BlockKind, Document};

pub use calendar::Calendar;

/// Why a review date needs attention (see [`Record::review_due`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Review {
    /// Not a date; the explanation of what is wrong with it.
    Unreadable(String),
    /// After today.
    AfterToday(Date),
    /// Older than the months allowed.
    Overdue(Date),
}
pub use date::{format_uk, parse_date, DateError};

/// What kind of record a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DocKind {
    #[default]
    CaseNote,
    Chronology,
    Overview,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::CaseNote => "case-note",
            DocKind::Chronology => "chronology",
            DocKind::Overview => "overview",
        }
    }

    pub fn parse(s: &str) -> Option<DocKind> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '_'], "-")
            .as_str()
        {
            "case-note" | "casenote" | "note" => Some(DocKind::CaseNote),
            "chronology" => Some(DocKind::Chronology),
            "overview" | "summary" | "case-summary" => Some(DocKind::Overview),
            _ => None,
        }
    }
}

/// One `key: value` line of front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The key, lower case.
    pub key: String,
    pub value: String,
    /// Byte range of the value in the text (for findings that point at it).
    pub range: Range<usize>,
}

/// Facts about the record.
#[derive(Debug, Clone, Default)]
pub struct Record {
    pub kind: DocKind,
    /// Front matter fields in order.
    pub front: Vec<Field>,
    /// Template labels found in the text ("Date of visit: 20/11/2026"), with their keys
    /// translated to front matter keys (`contact-date`, `recorded`, `reviewed`), in order.
    pub labels: Vec<Field>,
}

/// A date fact of the record: where it was written and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFact<'a> {
    /// The field it came from (front matter or a label).
    pub field: &'a Field,
    /// The date, or why it is not one.
    pub date: Result<Date, DateError>,
}

impl DateFact<'_> {
    /// The date as written (for messages that quote it).
    pub fn written(&self) -> &str {
        &self.field.value
    }
}

impl Record {
    /// Read the record facts of a document.
    pub fn read(text: &str, doc: &Document, meta: &DocMeta) -> Record {
        let front = doc
            .front_matter
            .as_ref()
            .map(|r| front_matter_fields(text, r.clone()))
            .unwrap_or_default();
        let kind = kind_of(text, doc, meta, &front);
        let labels = template_labels(text, doc);
        Record {
            kind,
            front,
            labels,
        }
    }

    /// A front matter field by key (case-insensitive; `contact_date` finds `contact-date`).
    pub fn field(&self, key: &str) -> Option<&Field> {
        // Rules ask this once per word: compare in place rather than allocate.
        self.front.iter().find(|f| same_key(&f.key, key))
    }

    /// A fact from the front matter, else from a template label in the text. `key` is a front
    /// matter key: `contact-date`, `recorded`, `reviewed` (which also finds `last-updated`).
    pub fn fact(&self, key: &str) -> Option<&Field> {
        let key = normal_key(key);
        let aliases: &[&str] = match key.as_str() {
            "contact-date" => &[
                "contact-date",
                "date-of-contact",
                "date-of-visit",
                "visit-date",
            ],
            "recorded" => &["recorded", "date-recorded", "recorded-on"],
            "reviewed" => &["reviewed", "last-reviewed", "last-updated", "updated"],
            _ => &[],
        };
        let matches = |f: &&Field| {
            let k = normal_key(&f.key);
            k == key || aliases.contains(&k.as_str())
        };
        self.front
            .iter()
            .find(matches)
            .or_else(|| self.labels.iter().find(matches))
    }

    /// A date fact (see [`Record::fact`]) read as a UK date. `None` when the record does not
    /// give it (an empty value counts as not given).
    /// The `reviewed` (or "Last updated:") date of a chronology or overview, with its range,
    /// when it needs attention: unreadable, after `today`, or more than `months` months old.
    pub fn review_due(&self, today: Date, months: u32) -> Option<(Range<usize>, Review)> {
        let reviewed = self.date("reviewed")?;
        let range = reviewed.field.range.clone();
        let review = match &reviewed.date {
            Err(e) => Review::Unreadable(e.explain(reviewed.written())),
            Ok(d) if *d > today => Review::AfterToday(*d),
            Ok(d) if calendar::add_months(*d, months) < today => Review::Overdue(*d),
            Ok(_) => return None,
        };
        Some((range, review))
    }

    pub fn date(&self, key: &str) -> Option<DateFact<'_>> {
        let field = self.fact(key).filter(|f| !f.value.trim().is_empty())?;
        // A template label left unfilled ("Date of visit: TBC") gives no date; front matter that
        // is not a date is reported.
        let is_label = self.labels.iter().any(|l| std::ptr::eq(l, field));
        if is_label && !field.value.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        let date = match date::parse_prefix(field.value.trim()) {
            // A label may go on after the date ("20/11/2026 at 14:00").
            Some((_, d)) => d,
            None => parse_date(&field.value),
        };
        Some(DateFact { field, date })
    }

    /// Whether the record says it holds urgent information: front matter `urgent: true`
    /// (`Some(true)`), `urgent: false` (`Some(false)`), or nothing (`None`).
    pub fn urgent(&self) -> Option<bool> {
        let v = self.field("urgent")?.value.trim().to_ascii_lowercase();
        match v.as_str() {
            "true" | "yes" | "y" => Some(true),
            "false" | "no" | "n" => Some(false),
            _ => None,
        }
    }
}

/// Today's date: the one the front end gave, else the system clock's local date.
pub fn today(meta: &DocMeta) -> Date {
    meta.today
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date())
}

/// Lower case, with spaces and underscores as hyphens.
/// `normal_key(a) == normal_key(b)`, without allocating.
fn same_key(a: &str, b: &str) -> bool {
    fn norm(s: &str) -> impl Iterator<Item = u8> + '_ {
        s.trim().bytes().map(|b| match b {
            b' ' | b'_' => b'-',
            b => b.to_ascii_lowercase(),
        })
    }
    norm(a).eq(norm(b))
}

fn normal_key(key: &str) -> String {
    key.trim().to_ascii_lowercase().replace([' ', '_'], "-")
}

/// Labels at the start of a line, outside front matter and code: their front matter key.
const LABELS: &[(&str, &str)] = &[
    ("date of visit", "contact-date"),
    ("date of contact", "contact-date"),
    ("date of home visit", "contact-date"),
    ("visit date", "contact-date"),
    ("contact date", "contact-date"),
    ("date recorded", "recorded"),
    ("date of recording", "recorded"),
    ("recorded on", "recorded"),
    ("last updated", "reviewed"),
    ("last reviewed", "reviewed"),
    ("date reviewed", "reviewed"),
    ("date of last review", "reviewed"),
];

fn template_labels(text: &str, doc: &Document) -> Vec<Field> {
    let mut out: Vec<Field> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        // Cheap test first: labels are short and end in a colon.
        let Some(colon) = line.find(':') else {
            continue;
        };
        if colon > 40 || crate::text::overlaps_any(&doc.non_prose, &(start..start + 1)) {
            continue;
        }
        let head = line[..colon]
            .trim_start_matches([' ', '\t', '-', '*', '+', '>', '_', '#', '|'])
            .trim_end_matches(['*', '_', ' '])
            .to_ascii_lowercase();
        let Some(&(_, key)) = LABELS.iter().find(|(label, _)| *label == head) else {
            continue;
        };
        if out.iter().any(|f| f.key == key) {
            continue;
        }
        let rest = &line[colon + 1..];
        let lead = rest.len() - rest.trim_start_matches([' ', '\t', '*', '_']).len();
        let value = rest[lead..]
            .trim_end_matches(['\n', '\r', ' ', '\t', '|'])
            .trim_end_matches(['*', '_']);
        let v_start = start + colon + 1 + lead;
        out.push(Field {
            key: key.to_string(),
            value: value.to_string(),
            range: v_start..v_start + value.len(),
        });
    }
    out
}

fn kind_of(text: &str, doc: &Document, meta: &DocMeta, front: &[Field]) -> DocKind {
    if let Some(kind) = front
        .iter()
        .find(|f| f.key == "type")
        .and_then(|f| DocKind::parse(&f.value))
    {
        return kind;
    }
    if let Some(name) = meta
        .path
        .as_ref()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
    {
        let name = name.to_ascii_lowercase();
        if name.contains(".chronology.") || name.starts_with("chronology") {
            return DocKind::Chronology;
        }
        if name.contains(".overview.") || name.starts_with("overview") {
            return DocKind::Overview;
        }
    }
    if let Some(h) = doc.blocks.iter().find(|b| b.kind == BlockKind::Heading) {
        let heading = text[h.range.clone()]
            .trim_start_matches('#')
            .trim()
            .to_ascii_lowercase();
        if heading.starts_with("chronology") {
            return DocKind::Chronology;
        }
        if heading.starts_with("overview") || heading.starts_with("case summary") {
            return DocKind::Overview;
        }
    }
    DocKind::CaseNote
}

/// Simple `key: value` lines of a YAML front matter block (the range pulldown-cmark gives,
/// which includes the `---` fences). Nested YAML is ignored.
fn front_matter_fields(text: &str, range: Range<usize>) -> Vec<Field> {
    let mut out = Vec::new();
    let mut offset = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        let Some((key, value)) = content.split_once(':') else {
            continue;
        };
        let lead = value.len() - value.trim_start().len();
        let v = value.trim();
        let v_unquoted = v.trim_matches(|c| c == '"' || c == '\'');
        let v_start =
            start + key.len() + 1 + lead + (v.len() - v.trim_start_matches(['"', '\'']).len());
        out.push(Field {
            key: key.trim().to_ascii_lowercase(),
            value: v_unquoted.to_string(),
            range: v_start..v_start + v_unquoted.len(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn read(text: &str, path: Option<&str>) -> Record {
        let doc = Document::parse(text);
        let meta = DocMeta {
            path: path.map(PathBuf::from),
            today: None,
        };
        Record::read(text, &doc, &meta)
    }

    #[test]
    fn dates_come_from_front_matter_before_template_labels() {
        let text = "---\ncontact-date: 20/11/2026\nurgent: true\nchild: Ava\n---\n\n**Date of visit:** 19/11/2026\nDate recorded: 24 November 2026 at 10:00\n\nText.";
        let r = read(text, None);
        let contact = r.date("contact-date").unwrap();
        assert_eq!(contact.date, Ok(jiff::civil::date(2026, 11, 20)));
        let recorded = r.date("recorded").unwrap();
        assert_eq!(recorded.date, Ok(jiff::civil::date(2026, 11, 24)));
        assert_eq!(
            &text[recorded.field.range.clone()],
            "24 November 2026 at 10:00"
        );
        assert_eq!(r.urgent(), Some(true));
        assert_eq!(r.field("child").map(|f| f.value.as_str()), Some("Ava"));
        assert!(r.date("reviewed").is_none());
    }

    #[test]
    fn a_label_gives_the_date_when_there_is_no_front_matter() {
        let text = "# Home visit\n\nDate of visit: 31/02/2026\nLast updated: 01/09/2026\n\nAva said: the date of visit: was fine.";
        let r = read(text, None);
        let contact = r.date("contact-date").unwrap();
        assert!(contact.date.is_err());
        assert_eq!(&text[contact.field.range.clone()], "31/02/2026");
        assert_eq!(
            r.date("reviewed").unwrap().date,
            Ok(jiff::civil::date(2026, 9, 1))
        );
        assert_eq!(r.urgent(), None);
    }

    #[test]
    fn labels_in_code_blocks_and_mid_sentence_are_ignored() {
        let text =
            "```\nDate of visit: 20/11/2026\n```\n\nWe agreed the date of visit: 21/11/2026.";
        let r = read(text, None);
        assert!(r.fact("contact-date").is_none());
    }

    #[test]
    fn kind_comes_from_front_matter_then_file_name_then_heading() {
        let r = read(
            "---\ntype: chronology\ncontact-date: \"20/11/2026\"\n---\n\nText.",
            None,
        );
        assert_eq!(r.kind, DocKind::Chronology);
        let f = r.field("contact-date").unwrap();
        assert_eq!(f.value, "20/11/2026");
        let text = "---\ntype: chronology\ncontact-date: \"20/11/2026\"\n---\n\nText.";
        assert_eq!(&text[f.range.clone()], "20/11/2026");
        assert_eq!(
            read("Text.", Some("ava.overview.md")).kind,
            DocKind::Overview
        );
        assert_eq!(
            read("# Chronology for Ava\n\nText.", None).kind,
            DocKind::Chronology
        );
        assert_eq!(
            read("# Case summary\n\nText.", None).kind,
            DocKind::Overview
        );
        assert_eq!(read("# Home visit\n\nText.", None).kind, DocKind::CaseNote);
    }
}
