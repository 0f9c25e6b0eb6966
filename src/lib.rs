//! Casenote: checks case notes against a council's recording practice standard.
//!
//! Layers point one way: [`text`] → [`dictionary`] → [`rules`] → [`engine`] → front ends
//! ([`cli`], [`lsp`]). The engine works in byte ranges; front ends convert positions.

pub mod cli;
pub mod config;
pub mod dictionary;
pub mod engine;
pub mod finding;
pub mod lsp;
pub mod record;
pub mod rules;
pub mod text;

pub use config::Config;
pub use engine::{analyse, Engine};
pub use finding::{Analysis, Finding, Severity, Stats, Suggestion};
pub use rules::DocMeta;
