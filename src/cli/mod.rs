//! The command-line front end: `casenote check`, `explain`, `rules`, `lsp`.

use std::process::ExitCode;

/// Run the command line; returns the process exit code.
pub fn main() -> ExitCode {
    ExitCode::SUCCESS
}
