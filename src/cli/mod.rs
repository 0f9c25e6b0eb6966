//! The command-line front end: `casenote check`, `explain`, `rules`, `config-schema`, `lsp`.

mod check;
mod output;
mod report;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser as ClapParser, Subcommand, ValueEnum};

use crate::rules::{self, RULES};

/// Checks case notes against your council's recording practice standard.
#[derive(Debug, ClapParser)]
#[command(name = "casenote", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check notes (files, folders of .md/.txt, or - for standard input).
    Check(CheckArgs),
    /// Print the documentation of a rule.
    Explain {
        /// The rule's id, e.g. jargon.
        rule: String,
    },
    /// Write a Markdown report of a set of notes to a file (for supervision and training).
    Report(report::ReportArgs),
    /// List every rule with its default severity.
    Rules,
    /// Print the JSON Schema of casenote.toml.
    ConfigSchema,
    /// Run the language server on standard input and output.
    Lsp(LspArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check; - reads standard input. Default: the current folder.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Use this configuration file instead of the nearest casenote.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Colour the output: auto (only on a terminal), always or never.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
    /// The date to treat as today (dd/mm/yyyy or yyyy-mm-dd), for late-recording checks.
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct LspArgs {
    /// Serve on standard input and output (the default; accepted because editors pass it).
    #[arg(long)]
    pub stdio: bool,
    /// Also write the server's log (rule ids, counts and timings; never note text) to this file.
    #[arg(long, value_name = "PATH")]
    pub log_file: Option<PathBuf>,
}

/// Run the command line; returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Explain { rule } => explain(&rule),
        Command::Report(args) => report::run(args),
        Command::Rules => list_rules(),
        Command::ConfigSchema => {
            write_stdout(&format!("{}\n", config_schema()));
            ExitCode::SUCCESS
        }
        Command::Lsp(args) => crate::lsp::run(args.log_file),
    }
}

/// Write to standard output, ignoring a closed pipe (`casenote explain jargon | head`): a
/// reader that has seen enough is not an error, and `print!` would panic.
fn write_stdout(s: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes()).and_then(|()| out.flush());
}

/// The JSON Schema of `casenote.toml`, as shipped in `casenote.schema.json`.
pub fn config_schema() -> String {
    let schema = schemars::schema_for!(crate::config::Config);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

fn explain(id: &str) -> ExitCode {
    match rules::by_id(id) {
        Some(rule) => {
            write_stdout(&rule.page());
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("error: {}", unknown_rule(id));
            ExitCode::from(2)
        }
    }
}

/// "unknown rule 'jargn' (did you mean 'jargon'?)", or a list of the rules.
pub fn unknown_rule(id: &str) -> String {
    let close = RULES
        .iter()
        .map(|r| (crate::config::levenshtein(id, r.id()), r.id()))
        .min()
        .filter(|(d, _)| *d <= 3);
    match close {
        Some((_, best)) => format!("unknown rule '{id}' (did you mean '{best}'?)"),
        None => format!("unknown rule '{id}'; `casenote rules` lists them"),
    }
}

fn list_rules() -> ExitCode {
    let mut out = std::io::stdout().lock();
    let width = RULES.iter().map(|r| r.id().len()).max().unwrap_or(0);
    for r in RULES {
        let _ = writeln!(
            out,
            "{:width$}  {:11}  {}",
            r.id(),
            r.meta.default_severity.as_str(),
            r.meta.summary
        );
    }
    ExitCode::SUCCESS
}
