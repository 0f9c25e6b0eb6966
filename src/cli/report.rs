//! `casenote report`: a Markdown summary of a set of notes, written to a file the user names.
//! For supervision and training: figures per note, findings per rule, and each finding.
//! This is the only command that writes note text to disk, and only to the file asked for.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use super::check::collect;
use super::output::FileReport;
use crate::text::{LineIndex, PositionEncoding};

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Files or folders to include; - reads standard input. Default: the current folder.
    pub paths: Vec<PathBuf>,
    /// Write the report to this file (Markdown).
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
    /// Use this configuration file instead of the nearest casenote.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// The date to treat as today (dd/mm/yyyy).
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

pub fn run(args: ReportArgs) -> ExitCode {
    let collected = match collect(&args.paths, args.config.as_deref(), args.today.as_deref()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let text = render(&collected.reports, args.today.as_deref());
    if let Err(e) = std::fs::write(&args.output, text) {
        eprintln!(
            "error: {}: could not write the report: {e}",
            args.output.display()
        );
        return ExitCode::from(2);
    }
    eprintln!(
        "Wrote {} ({} {}).",
        args.output.display(),
        collected.reports.len(),
        if collected.reports.len() == 1 {
            "note"
        } else {
            "notes"
        }
    );
    if collected.had_error {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// The report's Markdown.
pub fn render(reports: &[FileReport], today: Option<&str>) -> String {
    let mut s = String::from("# Casenote report\n\n");
    let date = today.map_or_else(
        || {
            let d = jiff::ZonedDateTime::now().date();
            format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
        },
        str::to_string,
    );
    let _ = writeln!(
        s,
        "{} {} checked on {date} against the recording practice standard.\n",
        reports.len(),
        if reports.len() == 1 { "note" } else { "notes" }
    );
    s.push_str("| Note | Words | Reading age | Findings |\n|---|---:|---:|---:|\n");
    let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for r in reports {
        let _ = writeln!(
            s,
            "| {} | {} | {:.1} | {} |",
            r.path.replace('|', "\\|"),
            r.analysis.stats.words,
            r.analysis.stats.reading_age,
            r.analysis.findings.len()
        );
        for f in &r.analysis.findings {
            *by_rule.entry(f.rule).or_default() += 1;
        }
    }
    if !by_rule.is_empty() {
        s.push_str("\n## Findings by rule\n\n| Rule | Findings |\n|---|---:|\n");
        for (rule, n) in &by_rule {
            let _ = writeln!(s, "| [{rule}](docs/rules/{rule}.md) | {n} |");
        }
    }
    for r in reports.iter().filter(|r| !r.analysis.findings.is_empty()) {
        let _ = writeln!(s, "\n## {}\n", r.path);
        let index = LineIndex::new(&r.text);
        for f in &r.analysis.findings {
            let p = index.position(&r.text, f.range.start, PositionEncoding::Utf32);
            let _ = write!(
                s,
                "- line {}, `{}` ({}): {}",
                p.line + 1,
                f.rule,
                f.severity,
                f.message
            );
            if let Some(sug) = f.suggestions.first().filter(|x| x.replacement.len() < 60) {
                let _ = write!(s, " Try: “{}”.", sug.replacement.trim());
            }
            s.push('\n');
        }
    }
    s
}
