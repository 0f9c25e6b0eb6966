//! What the engine reports: findings with byte ranges, severities and suggested edits.

use std::ops::Range;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How strongly a finding is shown. Names follow LSP.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One edit a quick fix can make: replace `range` (bytes) with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// What the quick fix is called in an editor ("Replace with 'home'").
    pub title: String,
    pub range: Range<usize>,
    pub replacement: String,
    /// Whether an editor may offer this as the preferred quick fix. Only the first suggestion
    /// of a finding can be; a fix that removes the writer's text never is.
    pub preferred: bool,
}

/// One thing a rule found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule's stable id ("jargon").
    pub rule: &'static str,
    pub severity: Severity,
    /// Byte range in the text; never empty.
    pub range: Range<usize>,
    pub message: String,
    /// Edits a quick fix can apply, best first.
    pub suggestions: Vec<Suggestion>,
    /// The word or phrase "Accept in this workspace" would add to `dictionaries.accept`.
    pub accept: Option<String>,
}

impl Finding {
    pub fn new(rule: &'static str, range: Range<usize>, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: Severity::Information,
            range,
            message: message.into(),
            suggestions: Vec::new(),
            accept: None,
        }
    }

    /// Add a suggestion that replaces the finding's own range.
    pub fn replace_with(mut self, replacement: impl Into<String>) -> Self {
        let replacement = replacement.into();
        let preferred = self.suggestions.is_empty();
        self.suggestions.push(Suggestion {
            title: format!("Replace with '{replacement}'"),
            range: self.range.clone(),
            replacement,
            preferred,
        });
        self
    }

    /// Add a suggestion with its own title and range (preferred if it is the first).
    pub fn with_edit(
        mut self,
        title: impl Into<String>,
        range: Range<usize>,
        replacement: impl Into<String>,
    ) -> Self {
        let preferred = self.suggestions.is_empty();
        self.suggestions.push(Suggestion {
            title: title.into(),
            range,
            replacement: replacement.into(),
            preferred,
        });
        self
    }

    /// Add a suggestion an editor must never apply as the preferred fix (such as removing a
    /// sentence): the writer chooses it deliberately.
    pub fn with_optional_edit(
        self,
        title: impl Into<String>,
        range: Range<usize>,
        replacement: impl Into<String>,
    ) -> Self {
        let mut f = self.with_edit(title, range, replacement);
        if let Some(s) = f.suggestions.last_mut() {
            s.preferred = false;
        }
        f
    }

    pub fn acceptable(mut self, term: impl Into<String>) -> Self {
        self.accept = Some(term.into());
        self
    }
}

/// Figures about the prose of a document.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Stats {
    pub words: usize,
    pub sentences: usize,
    pub reading_age: f64,
    pub flesch_reading_ease: f64,
    pub flesch_kincaid_grade: f64,
}

/// The result of analysing one text.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub findings: Vec<Finding>,
    pub stats: Stats,
}

/// Keep the case of the original word in a replacement: "Placement" -> "Home",
/// "PLACEMENT" -> "HOME", "placement" -> "home".
pub fn match_case(original: &str, replacement: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    match (original.chars().next(), replacement.chars().next()) {
        (Some(o), Some(r)) if o.is_uppercase() && r.is_lowercase() => {
            let mut s: String = r.to_uppercase().collect();
            s.push_str(&replacement[r.len_utf8()..]);
            s
        }
        _ => replacement.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_keep_the_original_capitalisation() {
        assert_eq!(match_case("Placement", "home"), "Home");
        assert_eq!(match_case("placement", "home"), "home");
        assert_eq!(match_case("PLACEMENT", "home"), "HOME");
        assert_eq!(match_case("Respite care", "short break"), "Short break");
        assert_eq!(match_case("utilise", "GP"), "GP");
    }
}
