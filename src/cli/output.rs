//! Human (rustc/ruff-like) and JSON output of `casenote check`.

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use serde::Serialize;

use crate::finding::{Analysis, Finding, Severity, Stats};
use crate::text::{LineIndex, PositionEncoding};

/// One checked file.
pub struct FileReport {
    pub path: String,
    pub text: String,
    pub analysis: Analysis,
}

#[derive(Serialize)]
struct JsonOut<'a> {
    files: Vec<JsonFile<'a>>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: &'a str,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    stats: Stats,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: &'a str,
    message: &'a str,
    range: JsonRange,
    suggestions: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonRange {
    start: JsonPos,
    end: JsonPos,
}

/// 1-based line and column; columns count Unicode characters.
#[derive(Serialize)]
struct JsonPos {
    line: usize,
    column: usize,
}

fn pos(index: &LineIndex, text: &str, offset: usize) -> JsonPos {
    let p = index.position(text, offset, PositionEncoding::Utf32);
    JsonPos {
        line: p.line + 1,
        column: p.col + 1,
    }
}

pub fn json(reports: &[FileReport]) -> String {
    let files = reports
        .iter()
        .map(|r| {
            let index = LineIndex::new(&r.text);
            JsonFile {
                path: &r.path,
                diagnostics: r
                    .analysis
                    .findings
                    .iter()
                    .map(|f| JsonDiagnostic {
                        rule: f.rule,
                        severity: f.severity.as_str(),
                        message: &f.message,
                        range: JsonRange {
                            start: pos(&index, &r.text, f.range.start),
                            end: pos(&index, &r.text, f.range.end),
                        },
                        suggestions: f
                            .suggestions
                            .iter()
                            .map(|s| s.replacement.as_str())
                            .collect(),
                    })
                    .collect(),
                stats: r.analysis.stats,
            }
        })
        .collect();
    let mut s = serde_json::to_string(&JsonOut { files }).unwrap_or_default();
    s.push('\n');
    s
}

fn level(sev: Severity) -> Level<'static> {
    match sev {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Information => Level::INFO.with_name("information"),
        Severity::Hint => Level::NOTE.with_name("hint"),
    }
}

pub fn human(reports: &[FileReport], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    let mut total = 0usize;
    let mut files_with = 0usize;
    let mut by_severity = [0usize; 4];
    for r in reports {
        if r.analysis.findings.is_empty() {
            continue;
        }
        files_with += 1;
        let index = LineIndex::new(&r.text);
        for f in &r.analysis.findings {
            total += 1;
            by_severity[f.severity as usize] += 1;
            out.push_str(&render_one(&renderer, &index, r, f));
            out.push_str("\n\n");
        }
    }
    let checked = reports.len();
    let words: usize = reports.iter().map(|r| r.analysis.stats.words).sum();
    if total == 0 {
        out.push_str(&format!(
            "No findings in {checked} {} ({words} words). Well written.\n",
            plural(checked, "note", "notes")
        ));
    } else {
        let parts: Vec<String> = [
            (by_severity[0], "error", "errors"),
            (by_severity[1], "warning", "warnings"),
            (by_severity[2], "information", "information"),
            (by_severity[3], "hint", "hints"),
        ]
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", plural(*n, one, many)))
        .collect();
        out.push_str(&format!(
            "Found {total} {} ({}) in {files_with} of {checked} {}.\nRun `casenote explain <rule>` to read why a rule matters.\n",
            plural(total, "finding", "findings"),
            parts.join(", "),
            plural(checked, "note", "notes"),
        ));
    }
    out
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

fn render_one(renderer: &Renderer, index: &LineIndex, r: &FileReport, f: &Finding) -> String {
    let text = &r.text;
    // Show only the lines the finding covers (at most 4), so long documents render fast.
    let first = index.line_of(f.range.start);
    let last = index.line_of(f.range.end.saturating_sub(1)).max(first);
    let shown_last = last.min(first + 3);
    let start = index.line_range(text, first).start;
    let end = index.line_range(text, shown_last).end.max(start);
    let source = &text[start..end];
    let span_end = f
        .range
        .end
        .min(end)
        .max(f.range.start + 1)
        .min(end.max(start));
    let span = (f.range.start - start)..(span_end - start).max(f.range.start - start);
    // Only a word swap is shown: a fix the writer must choose deliberately (removing a
    // sentence, replacing a pasted e-mail) is left to the editor's quick-fix menu.
    let label = match f.suggestions.first() {
        Some(s)
            if s.preferred
                && s.range == f.range
                && !s.replacement.is_empty()
                && !s.replacement.contains('\n')
                && s.replacement.len() < 60 =>
        {
            format!("try: {}", s.replacement)
        }
        _ => String::new(),
    };
    let mut annotation = AnnotationKind::Primary.span(span);
    if !label.is_empty() {
        annotation = annotation.label(label);
    }
    let report = &[level(f.severity)
        .primary_title(f.message.as_str())
        .id(f.rule)
        .element(
            Snippet::source(source)
                .line_start(first + 1)
                .path(r.path.as_str())
                .annotation(annotation),
        )];
    renderer.render(report)
}
