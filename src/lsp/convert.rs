//! Findings to LSP: diagnostics, code actions and hover text.

use std::collections::HashMap;

use serde_json::{json, Value};
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeDescription, Command, Diagnostic, DiagnosticSeverity,
    DocumentChanges, NumberOrString, OneOf, OptionalVersionedTextDocumentIdentifier, Range,
    TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use super::document;
use crate::finding::{Finding, Severity, Stats};
use crate::text::{LineIndex, PositionEncoding};

/// Where a rule's documentation page lives.
pub const DOCS_BASE: &str = "https://github.com/casenote/casenote/blob/main/docs/rules/";

/// The command behind "Accept 'X' in this workspace".
pub const ACCEPT_COMMAND: &str = "casenote.acceptInWorkspace";
/// The command that returns a rule's documentation page.
pub const EXPLAIN_COMMAND: &str = "casenote.explain";

/// A finding with its ranges already in LSP positions of the version it was found in.
#[derive(Debug, Clone)]
pub struct LspFinding {
    pub finding: Finding,
    pub range: Range,
    pub suggestion_ranges: Vec<Range>,
}

/// The result of analysing one version of a document.
#[derive(Debug, Clone)]
pub struct Checked {
    pub version: i32,
    pub revision: u64,
    pub findings: Vec<LspFinding>,
    pub stats: Stats,
}

impl Checked {
    pub fn build(
        version: i32,
        revision: u64,
        text: &str,
        findings: Vec<Finding>,
        stats: Stats,
        enc: PositionEncoding,
    ) -> Self {
        let index = LineIndex::new(text);
        let findings: Vec<LspFinding> = findings
            .into_iter()
            .map(|mut f| {
                // A quick fix edits only the text of its own finding.
                let r = f.range.clone();
                f.suggestions
                    .retain(|s| r.start <= s.range.start && s.range.end <= r.end);
                f
            })
            .map(|f| LspFinding {
                range: document::range(&index, text, &f.range, enc),
                suggestion_ranges: f
                    .suggestions
                    .iter()
                    .map(|s| document::range(&index, text, &s.range, enc))
                    .collect(),
                finding: f,
            })
            .collect();
        Checked {
            version,
            revision,
            findings,
            stats,
        }
    }

    /// The findings as LSP diagnostics, built when sent rather than kept: a long document's
    /// diagnostics are large, and a copy kept beside the findings would be cloned at every
    /// publish.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.findings.iter().map(diagnostic).collect()
    }

    /// An empty result (a document in a language Casenote does not check).
    pub fn empty(version: i32, revision: u64) -> Self {
        Checked {
            version,
            revision,
            findings: Vec::new(),
            stats: Stats::default(),
        }
    }
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The rule's documentation page, parsed once per rule (a long note has thousands of
/// diagnostics).
fn doc_href(rule: &'static str) -> Option<Uri> {
    static HREFS: std::sync::OnceLock<HashMap<&'static str, Uri>> = std::sync::OnceLock::new();
    HREFS
        .get_or_init(|| {
            crate::rules::RULES
                .iter()
                .filter_map(|r| {
                    let href = format!("{DOCS_BASE}{}.md", r.id()).parse().ok()?;
                    Some((r.id(), href))
                })
                .collect()
        })
        .get(rule)
        .cloned()
}

fn diagnostic(f: &LspFinding) -> Diagnostic {
    // What a quick fix needs, kept small: a long note sends thousands of these at every
    // keystroke. A suggestion's range and title are given only where they differ from the
    // finding's range and the usual "Replace with '...'".
    let suggestions: Vec<Value> = f
        .finding
        .suggestions
        .iter()
        .zip(&f.suggestion_ranges)
        .map(|(s, r)| {
            let mut m = serde_json::Map::new();
            m.insert("replacement".into(), Value::from(s.replacement.as_str()));
            if s.preferred {
                m.insert("preferred".into(), Value::Bool(true));
            }
            if *r != f.range {
                m.insert("range".into(), json!(r));
            }
            if s.title != format!("Replace with '{}'", s.replacement) {
                m.insert("title".into(), Value::from(s.title.as_str()));
            }
            Value::Object(m)
        })
        .collect();
    let mut data = serde_json::Map::new();
    data.insert("rule".into(), Value::from(f.finding.rule));
    if !suggestions.is_empty() {
        data.insert("suggestions".into(), Value::Array(suggestions));
    }
    if let Some(word) = &f.finding.accept {
        data.insert("accept".into(), Value::from(word.as_str()));
    }
    Diagnostic {
        range: f.range,
        severity: Some(severity(f.finding.severity)),
        code: Some(NumberOrString::String(f.finding.rule.to_string())),
        code_description: doc_href(f.finding.rule).map(|href| CodeDescription { href }),
        source: Some("casenote".into()),
        message: f.finding.message.clone(),
        data: Some(Value::Object(data)),
        ..Default::default()
    }
}

fn overlaps(a: &Range, b: &Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Quick fixes for the findings that touch `range`.
pub fn code_actions(
    uri: &Uri,
    checked: &Checked,
    range: &Range,
    versioned_edits: bool,
) -> Vec<CodeAction> {
    let mut out = Vec::new();
    for f in &checked.findings {
        if !overlaps(&f.range, range) {
            continue;
        }
        let diag = diagnostic(f);
        for (i, (s, r)) in f
            .finding
            .suggestions
            .iter()
            .zip(&f.suggestion_ranges)
            .enumerate()
        {
            let edit = TextEdit::new(*r, s.replacement.clone());
            let workspace_edit = if versioned_edits {
                WorkspaceEdit {
                    document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                        text_document: OptionalVersionedTextDocumentIdentifier {
                            uri: uri.clone(),
                            version: Some(checked.version),
                        },
                        edits: vec![OneOf::Left(edit)],
                    }])),
                    ..Default::default()
                }
            } else {
                WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..Default::default()
                }
            };
            out.push(CodeAction {
                title: s.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diag.clone()]),
                edit: Some(workspace_edit),
                is_preferred: (i == 0 && s.preferred).then_some(true),
                ..Default::default()
            });
        }
        if let Some(word) = &f.finding.accept {
            let title = format!("Accept '{word}' in this workspace");
            out.push(CodeAction {
                title: title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diag.clone()]),
                command: Some(Command {
                    title,
                    command: ACCEPT_COMMAND.into(),
                    arguments: Some(vec![json!(word), json!(uri)]),
                }),
                ..Default::default()
            });
        }
    }
    out
}

/// Hover text for a finding: what, why (citing the standard), and the alternatives.
pub fn hover_markdown(f: &Finding) -> String {
    let mut md = format!("**{}** (`{}`)\n\n", f.message, f.rule);
    if let Some(rule) = crate::rules::by_id(f.rule) {
        let why = rule.doc_section("Why it matters");
        if !why.is_empty() {
            md.push_str("**Why it matters.** ");
            md.push_str(&why);
            md.push_str("\n\n");
        }
        if f.suggestions.is_empty() {
            let instead = rule.doc_section("Instead");
            if !instead.is_empty() {
                md.push_str("**For example, instead:** ");
                md.push_str(&instead);
                md.push_str("\n\n");
            }
        }
    }
    if !f.suggestions.is_empty() {
        md.push_str("**Alternatives:**\n");
        for s in &f.suggestions {
            if s.replacement.is_empty() {
                md.push_str(&format!("- {}\n", s.title));
            } else {
                md.push_str(&format!("- {}\n", s.replacement));
            }
        }
        md.push('\n');
    }
    md.push_str(&format!("[About this rule]({DOCS_BASE}{}.md)", f.rule));
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(text: &str, f: Finding) -> Checked {
        Checked::build(
            3,
            0,
            text,
            vec![f],
            Stats::default(),
            PositionEncoding::Utf16,
        )
    }

    #[test]
    fn the_first_preferred_suggestion_is_the_only_preferred_action() {
        let text = "The 😀 placement is settled.";
        let at = text.find("placement").unwrap();
        let f = Finding::new("jargon", at..at + 9, "'placement' may sound cold")
            .replace_with("home")
            .replace_with("house")
            .acceptable("placement");
        let c = checked(text, f);
        assert_eq!(c.findings[0].range.start.character, 7, "UTF-16 column");
        let uri: Uri = "file:///tmp/n.md".parse().unwrap();
        let actions = code_actions(&uri, &c, &c.findings[0].range, true);
        let titles: Vec<_> = actions.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Replace with 'home'",
                "Replace with 'house'",
                "Accept 'placement' in this workspace"
            ]
        );
        assert_eq!(actions[0].is_preferred, Some(true));
        assert_eq!(actions[1].is_preferred, None);
        assert_eq!(actions[2].command.as_ref().unwrap().command, ACCEPT_COMMAND);
        let d = &c.diagnostics()[0];
        assert_eq!(d.source.as_deref(), Some("casenote"));
        assert_eq!(
            d.code_description.as_ref().unwrap().href.as_str(),
            "https://github.com/casenote/casenote/blob/main/docs/rules/jargon.md"
        );
    }

    #[test]
    fn a_suggestion_that_removes_text_is_never_preferred() {
        let text = "Sent: Monday\nHello";
        let f = Finding::new("pasted-email", 0..text.len(), "pasted e-mail").with_optional_edit(
            "Replace the e-mail with a summary",
            0..text.len(),
            "Summary of e-mail: ",
        );
        let c = checked(text, f);
        let uri: Uri = "file:///tmp/n.md".parse().unwrap();
        let actions = code_actions(&uri, &c, &c.findings[0].range, false);
        assert_eq!(actions[0].is_preferred, None);
    }

    #[test]
    fn a_suggestion_outside_its_finding_is_not_offered() {
        let text = "Ava went home. The placement is settled.";
        let at = text.find("placement").unwrap();
        let f = Finding::new("jargon", at..at + 9, "'placement' may sound cold")
            .with_edit("Rewrite the note", 0..text.len(), "")
            .replace_with("home");
        let c = checked(text, f);
        let uri: Uri = "file:///tmp/n.md".parse().unwrap();
        let actions = code_actions(&uri, &c, &c.findings[0].range, false);
        assert_eq!(actions.len(), 1);
        assert_eq!(actions[0].title, "Replace with 'home'");
        assert_eq!(
            c.diagnostics()[0].data.as_ref().unwrap()["suggestions"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn hover_cites_the_standard() {
        let f = Finding::new("long-sentence", 0..5, "This sentence has 30 words.");
        let md = hover_markdown(&f);
        assert!(md.contains("standard"), "{md}");
        assert!(md.contains("Why it matters"));
    }
}
