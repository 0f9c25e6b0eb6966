//! ## What it flags
//! TODO (in progress).
//!
//! ## Why it matters
//! The practice standard asks for records that are clear.
//!
//! ## Example
//! TODO
//!
//! ## Instead
//! TODO

use super::{Context, Meta};
use crate::finding::{Finding, Severity};

pub const META: Meta = Meta {
    id: "acronym",
    default_severity: Severity::Information,
    summary: "TODO",
};

pub fn check(_cx: &Context, _out: &mut Vec<Finding>) {}
