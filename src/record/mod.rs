//! The note as a record: what kind of document it is and the facts its front matter and
//! template labels give (dates, urgency, the child's name).

use std::ops::Range;

use crate::rules::DocMeta;
use crate::text::{BlockKind, Document};

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
        Record { kind, front }
    }

    /// A front matter field by key (case-insensitive).
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.front.iter().find(|f| f.key.eq_ignore_ascii_case(key))
    }
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
