//! The server's log file (`--log-file`). Lines carry rule ids, counts and timings: never note
//! text, never file names (a note's name can name a child).

use std::fs::File;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

#[derive(Debug, Default)]
pub struct Logger {
    file: Mutex<Option<File>>,
}

impl Logger {
    /// Open (append to) the log file, if one was asked for. A file that cannot be opened is
    /// reported on standard error and the server runs without it.
    pub fn open(path: Option<PathBuf>) -> Self {
        let file = path.and_then(|p| {
            match std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&p)
            {
                Ok(f) => Some(f),
                Err(e) => {
                    eprintln!("casenote: could not open the log file {}: {e}", p.display());
                    None
                }
            }
        });
        Logger {
            file: Mutex::new(file),
        }
    }

    pub fn log(&self, line: std::fmt::Arguments<'_>) {
        let Ok(mut guard) = self.file.lock() else {
            return;
        };
        if let Some(f) = guard.as_mut() {
            let now = jiff::Timestamp::now();
            let _ = writeln!(f, "{now} {line}");
        }
    }
}
