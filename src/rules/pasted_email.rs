//! ## What it flags
//! TODO (in progress).
//!
//! ## Why it matters
//! The practice standard says e-mails should not be cut and pasted into case notes.
//!
//! ## Example
//! TODO
//!
//! ## Instead
//! TODO

use super::{Context, EmailBlock, Meta};
use crate::finding::{Finding, Severity};
use crate::text::Document;

pub const META: Meta = Meta {
    id: "pasted-email",
    default_severity: Severity::Warning,
    summary: "TODO",
};

/// Find pasted e-mail blocks. Runs before the other rules, which treat the blocks as not prose.
pub fn detect(_text: &str, _doc: &Document) -> Vec<EmailBlock> {
    Vec::new()
}

pub fn check(_cx: &Context, _out: &mut Vec<Finding>) {}
