//! The language server front end (`casenote lsp`).

use std::path::PathBuf;
use std::process::ExitCode;

/// Serve LSP on stdin/stdout. Exit code 0 after a clean shutdown, 1 otherwise.
pub fn run(_log_file: Option<PathBuf>) -> ExitCode {
    eprintln!("casenote: the language server is not built yet");
    ExitCode::from(1)
}
