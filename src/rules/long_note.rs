//! ## What it flags
//! TODO (in progress).
//!
//! ## Why it matters
//! TODO: cite the practice standard.
//!
//! ## Example
//! TODO
//!
//! ## Instead
//! TODO

use super::{Context, Meta};
use crate::finding::{Finding, Severity};

pub const META: Meta = Meta {
    id: "long-note",
    default_severity: Severity::Information,
    summary: "TODO",
};

pub fn check(_cx: &Context, _out: &mut Vec<Finding>) {}
