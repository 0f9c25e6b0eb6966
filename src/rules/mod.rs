//! The rules, one file each. The doc comment at the top of each file is the rule's
//! documentation: `casenote explain`, hover text and `docs/rules/<id>.md` all come from it.

use std::ops::Range;
use std::path::PathBuf;

use crate::config::Config;
use crate::dictionary::Dictionaries;
use crate::finding::{Finding, Severity, Stats};
use crate::record::Record;
use crate::text::Document;

/// What a rule is, for listings and documentation.
#[derive(Debug, Clone, Copy)]
pub struct Meta {
    /// Stable id, used in configuration, editors and docs.
    pub id: &'static str,
    pub default_severity: Severity,
    /// One line for `casenote rules`.
    pub summary: &'static str,
}

/// A registered rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub meta: Meta,
    source: &'static str,
    pub check: fn(&Context, &mut Vec<Finding>),
}

impl Rule {
    pub fn id(&self) -> &'static str {
        self.meta.id
    }

    /// The rule's documentation: its file's leading `//!` comment, as Markdown.
    pub fn doc(&self) -> String {
        doc_from_source(self.source)
    }

    /// The rule's documentation page: what `casenote explain` prints and `docs/rules/<id>.md`
    /// holds.
    pub fn page(&self) -> String {
        format!(
            "# {id}\n\n{summary}. Default severity: {sev}.\n\n{doc}\n\n## Settings\n\nIn `casenote.toml` (the defaults shown):\n\n```toml\n[rules.{id}]\n{settings}# severity = \"{sev}\"\n```\n",
            id = self.id(),
            summary = self.meta.summary,
            sev = self.meta.default_severity,
            doc = self.doc(),
            settings = default_settings_toml(self.id()),
        )
    }

    /// One section of the documentation ("What it flags", "Why it matters", ...), trimmed.
    pub fn doc_section(&self, heading: &str) -> String {
        let doc = self.doc();
        let marker = format!("## {heading}");
        let Some(start) = doc.find(&marker) else {
            return String::new();
        };
        let body = &doc[start + marker.len()..];
        let end = body.find("\n## ").unwrap_or(body.len());
        body[..end].trim().to_string()
    }
}

/// The default settings of one rule as TOML lines ("enabled = true\nmax-words = 25\n").
fn default_settings_toml(id: &str) -> String {
    let rules = toml::Value::try_from(crate::config::RulesConfig::default()).ok();
    let Some(table) = rules
        .as_ref()
        .and_then(|v| v.get(id))
        .and_then(|v| v.as_table())
    else {
        return String::new();
    };
    toml::to_string(table).unwrap_or_default()
}

/// Strip `//! ` from the leading doc-comment lines of a source file.
pub fn doc_from_source(source: &str) -> String {
    let mut out = String::new();
    for line in source.lines() {
        let Some(rest) = line.strip_prefix("//!") else {
            break;
        };
        out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
        out.push('\n');
    }
    out.trim().to_string()
}

/// Facts about the document that do not come from its text.
#[derive(Debug, Clone, Default)]
pub struct DocMeta {
    /// The file's path, if it has one (used to tell chronologies and overviews by name).
    pub path: Option<PathBuf>,
    /// Today's date, for late recording and stale reviews; `None` means the system clock.
    pub today: Option<jiff::civil::Date>,
}

/// A block of pasted e-mail found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailBlock {
    /// Byte range covering the whole block, from the start of its first line to the end of its
    /// last line (without the final line break).
    pub range: Range<usize>,
    /// The sender, if a header named one.
    pub sender: Option<String>,
    /// The sent date as written, if a header gave one.
    pub date: Option<String>,
}

/// Everything a rule may look at.
pub struct Context<'a> {
    pub text: &'a str,
    pub doc: &'a Document<'a>,
    pub config: &'a Config,
    pub dicts: &'a Dictionaries,
    pub meta: &'a DocMeta,
    /// Pasted e-mail blocks, sorted; other rules treat them as not prose.
    pub email_blocks: &'a [EmailBlock],
    /// The kind of record and its front matter.
    pub record: &'a Record,
    /// Word, sentence and readability figures of the prose.
    pub stats: Stats,
}

impl Context<'_> {
    /// Matches of a word list in `text[range]` (searched in the document's lowered copy).
    pub fn find_terms(
        &self,
        list: &crate::dictionary::TermMatcher,
        range: Range<usize>,
    ) -> std::vec::IntoIter<crate::dictionary::TermMatch> {
        list.find_in_lowered(self.text, &self.doc.lower, range)
    }

    /// Is this range inside a pasted e-mail block?
    pub fn in_email(&self, range: &Range<usize>) -> bool {
        self.email_blocks
            .iter()
            .any(|b| b.range.start <= range.start && range.end <= b.range.end)
    }
}

pub(crate) mod cues;

macro_rules! registry {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every rule, in the order `casenote rules` lists them.
        pub static RULES: &[Rule] = &[
            $(Rule {
                meta: $module::META,
                source: include_str!(concat!(stringify!($module), ".rs")),
                check: $module::check,
            },)*
        ];
    };
}

registry!(
    jargon,
    acronym,
    respectful,
    long_sentence,
    long_paragraph,
    readability,
    pasted_email,
    timeliness,
    irrelevant,
    child_voice,
    opinion,
    hidden_actor,
    disagreement,
    strengths,
    chronology,
    overview_stale,
    long_note,
    euphemism,
);

/// Look a rule up by id.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.meta.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_documents_itself_in_the_same_four_sections() {
        for rule in RULES {
            let doc = rule.doc();
            let mut last = 0;
            for h in [
                "## What it flags",
                "## Why it matters",
                "## Example",
                "## Instead",
            ] {
                let at = doc
                    .find(h)
                    .unwrap_or_else(|| panic!("{}: missing '{h}'", rule.id()));
                assert!(at >= last, "{}: '{h}' out of order", rule.id());
                last = at;
            }
            assert!(
                rule.doc_section("Why it matters").contains("standard"),
                "{}: 'Why it matters' must cite the practice standard",
                rule.id()
            );
        }
    }

    #[test]
    fn ids_are_unique_and_configurable() {
        let config = Config::default();
        for (i, a) in RULES.iter().enumerate() {
            assert!(RULES[i + 1..].iter().all(|b| b.id() != a.id()));
            assert!(
                config.rules.common(a.id()).is_some(),
                "{} has no settings table",
                a.id()
            );
        }
    }
}
