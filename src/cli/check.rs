//! `casenote check`: analyse files and print findings.

use std::collections::HashMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::config::{Config, ConfigError};
use crate::engine::Engine;
use crate::finding::Analysis;
use crate::rules::DocMeta;

use super::output::{self, FileReport};
use super::{CheckArgs, Color, Format};

/// File endings `check` picks up inside folders.
const EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// The checked files, and whether any could not be read.
pub struct Collected {
    pub reports: Vec<FileReport>,
    pub had_error: bool,
}

pub fn run(args: CheckArgs) -> ExitCode {
    let collected = match collect(&args.paths, args.config.as_deref(), args.today.as_deref()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let color = match args.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            args.format == Format::Human
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let reports = collected.reports;
    let mut stdout = std::io::stdout().lock();
    let rendered = match args.format {
        Format::Json => output::json(&reports),
        Format::Human => output::human(&reports, color),
    };
    let _ = stdout.write_all(rendered.as_bytes());
    let _ = stdout.flush();

    if collected.had_error {
        ExitCode::from(2)
    } else if reports.iter().any(|r| !r.analysis.findings.is_empty()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Read and analyse every note under `paths`. Errors that stop the run (a bad date or
/// configuration) are printed and give exit code 2.
pub fn collect(
    paths: &[PathBuf],
    config: Option<&Path>,
    today: Option<&str>,
) -> Result<Collected, ExitCode> {
    let today = match today.map(parse_cli_date).transpose() {
        Ok(d) => d,
        Err(msg) => {
            eprintln!("error: {msg}");
            return Err(ExitCode::from(2));
        }
    };
    let explicit = match config.map(Config::load).transpose() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return Err(ExitCode::from(2));
        }
    };
    let paths = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };

    let mut inputs = Vec::new();
    let mut had_error = false;
    for p in &paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found);
            found.sort();
            inputs.extend(found.into_iter().map(Input::File));
        } else if p.exists() {
            inputs.push(Input::File(p.clone()));
        } else {
            eprintln!("error: {}: no such file or folder", p.display());
            had_error = true;
        }
    }

    let explicit = match explicit.map(Engine::new).transpose() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return Err(ExitCode::from(2));
        }
    };
    let mut engines = Engines {
        explicit,
        by_path: HashMap::new(),
    };

    let mut reports: Vec<FileReport> = Vec::new();
    for input in inputs {
        let (display, text, path) = match read(&input) {
            Ok(v) => v,
            Err(msg) => {
                eprintln!("error: {msg}");
                had_error = true;
                continue;
            }
        };
        let engine = match engines.for_file(path.as_deref()) {
            Ok(e) => e,
            Err(e) => {
                eprintln!("error: {e}");
                return Err(ExitCode::from(2));
            }
        };
        let meta = DocMeta {
            path: path.clone(),
            today,
        };
        let analysis: Analysis = engine.analyse(&text, &meta);
        reports.push(FileReport {
            path: display,
            text,
            analysis,
        });
    }

    Ok(Collected { reports, had_error })
}

enum Input {
    Stdin,
    File(PathBuf),
}

/// (name to show, text, path for configuration and document kind)
fn read(input: &Input) -> Result<(String, String, Option<PathBuf>), String> {
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("<stdin>: could not read: {e}"))?;
            let text = String::from_utf8(bytes).map_err(|_| {
                "<stdin>: this is not UTF-8 text. Save the note as UTF-8 and try again.".to_string()
            })?;
            Ok(("-".to_string(), text, None))
        }
        Input::File(p) => {
            let bytes =
                std::fs::read(p).map_err(|e| format!("{}: could not read: {e}", p.display()))?;
            let text = String::from_utf8(bytes).map_err(|e| {
                format!(
                    "{}: this file is not UTF-8 text (invalid byte at offset {}). Save it as UTF-8 \
                     (in most editors: Save As, Encoding: UTF-8) and check it again.",
                    p.display(),
                    e.utf8_error().valid_up_to()
                )
            })?;
            Ok((p.display().to_string(), text, Some(p.clone())))
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "node_modules" || name == "target" {
            continue;
        }
        if path.is_dir() {
            walk(&path, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
}

struct Engines {
    explicit: Option<Engine>,
    by_path: HashMap<Option<PathBuf>, Engine>,
}

impl Engines {
    fn for_file(&mut self, file: Option<&Path>) -> Result<&Engine, ConfigError> {
        if let Some(e) = &self.explicit {
            return Ok(e);
        }
        let start = match file {
            Some(f) => f.to_path_buf(),
            None => std::env::current_dir().unwrap_or_default(),
        };
        let config_path = Config::discover(&start);
        if !self.by_path.contains_key(&config_path) {
            let config = match &config_path {
                Some(p) => Config::load(p)?,
                None => Config::default(),
            };
            self.by_path
                .insert(config_path.clone(), Engine::new(config)?);
        }
        self.by_path.get(&config_path).ok_or_else(|| ConfigError {
            path: config_path.clone(),
            line: 0,
            column: 0,
            message: "configuration could not be loaded".into(),
        })
    }
}

/// A date given on the command line: dd/mm/yyyy or yyyy-mm-dd (any UK form Casenote reads).
pub fn parse_cli_date(s: &str) -> Result<jiff::civil::Date, String> {
    crate::record::parse_date(s)
        .map_err(|_| format!("'{s}' is not a date: write it as dd/mm/yyyy, e.g. 20/11/2026"))
}
