//! `casenote.toml`: per-rule settings, extra dictionaries, accepted words and the calendar.
//!
//! The same keys arrive through LSP `initializationOptions` and
//! `workspace/didChangeConfiguration` (as JSON under a `casenote` section). The file is found
//! by walking up from the checked file.

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::finding::Severity;

/// The name of the configuration file.
pub const FILE_NAME: &str = "casenote.toml";

/// An error in a configuration file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", location(path, *line, *column))]
pub struct ConfigError {
    pub path: Option<PathBuf>,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column in characters, 0 when unknown.
    pub column: usize,
    pub message: String,
}

fn location(path: &Option<PathBuf>, line: usize, column: usize) -> String {
    let p = path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "settings".to_string());
    if line == 0 {
        format!("{p}: ")
    } else {
        format!("{p}:{line}:{column}: ")
    }
}

macro_rules! rule_settings {
    ($(#[$doc:meta])* $name:ident { $($(#[$m:meta])* $field:ident : $ty:ty = $default:expr),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
        pub struct $name {
            /// Turn the rule on or off.
            pub enabled: bool,
            /// Show the rule's findings at this severity instead of its default.
            pub severity: Option<Severity>,
            $($(#[$m])* pub $field: $ty,)*
        }
        impl Default for $name {
            fn default() -> Self {
                Self { enabled: true, severity: None, $($field: $default,)* }
            }
        }
    };
}

rule_settings!(
    /// Settings of a rule that has no thresholds.
    Basic {}
);
rule_settings!(
    /// Settings of `acronym`.
    AcronymSettings {
        /// Acronyms that need no spelling out in your council (added to the built-in list: UK, NHS, GP, TV, OK...).
        allow: Vec<String> = Vec::new(),
    }
);
rule_settings!(
    /// Settings of `long-sentence`.
    LongSentenceSettings {
        /// Flag sentences with more words than this.
        max_words: usize = 25,
    }
);
rule_settings!(
    /// Settings of `long-paragraph`.
    LongParagraphSettings {
        /// Flag paragraphs with more words than this.
        max_words: usize = 120,
        /// Flag paragraphs with more sentences than this.
        max_sentences: usize = 6,
    }
);
rule_settings!(
    /// Settings of `readability`.
    ReadabilitySettings {
        /// The reading age a note should not go above (reading age = Flesch-Kincaid grade + 5).
        target_age: f64 = 12.0,
    }
);
rule_settings!(
    /// Settings of `timeliness`.
    TimelinessSettings {
        /// Working days allowed between a contact and its case note.
        working_days: u32 = 3,
        /// Hours allowed for urgent information.
        urgent_hours: u32 = 24,
    }
);
rule_settings!(
    /// Settings of `chronology`.
    ChronologySettings {
        /// Months after which a chronology's `reviewed` date is too old.
        review_months: u32 = 3,
    }
);
rule_settings!(
    /// Settings of `overview-stale`.
    OverviewStaleSettings {
        /// Months after which an overview's `reviewed` date is too old.
        months: u32 = 3,
    }
);
rule_settings!(
    /// Settings of `long-note`.
    LongNoteSettings {
        /// Flag case notes with more words than this.
        max_words: usize = 800,
    }
);

/// Per-rule settings, one table per rule id.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct RulesConfig {
    pub jargon: Basic,
    pub acronym: AcronymSettings,
    pub respectful: Basic,
    pub long_sentence: LongSentenceSettings,
    pub long_paragraph: LongParagraphSettings,
    pub readability: ReadabilitySettings,
    pub pasted_email: Basic,
    pub timeliness: TimelinessSettings,
    pub irrelevant: Basic,
    pub child_voice: Basic,
    pub opinion: Basic,
    pub hidden_actor: Basic,
    pub disagreement: Basic,
    pub strengths: Basic,
    pub chronology: ChronologySettings,
    pub overview_stale: OverviewStaleSettings,
    pub long_note: LongNoteSettings,
    pub euphemism: Basic,
}

impl RulesConfig {
    /// `enabled` and `severity` of a rule by id; `None` for an unknown id.
    pub fn common(&self, id: &str) -> Option<(bool, Option<Severity>)> {
        macro_rules! pick {
            ($($id:literal => $f:ident),*) => {
                match id { $($id => Some((self.$f.enabled, self.$f.severity)),)* _ => None }
            };
        }
        pick!(
            "jargon" => jargon, "acronym" => acronym, "respectful" => respectful,
            "long-sentence" => long_sentence, "long-paragraph" => long_paragraph,
            "readability" => readability, "pasted-email" => pasted_email,
            "timeliness" => timeliness, "irrelevant" => irrelevant, "child-voice" => child_voice,
            "opinion" => opinion, "hidden-actor" => hidden_actor, "disagreement" => disagreement,
            "strengths" => strengths, "chronology" => chronology,
            "overview-stale" => overview_stale, "long-note" => long_note, "euphemism" => euphemism
        )
    }
}

/// Council word lists and accepted words.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct DictionariesConfig {
    /// Extra dictionary files (same format as the built-in ones), relative to `casenote.toml`.
    pub extra: Vec<PathBuf>,
    /// Words and phrases never to flag in this workspace.
    pub accept: Vec<String>,
}

/// Which bank holidays count when working days are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    #[default]
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

/// Calendar used by `timeliness`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct CalendarConfig {
    /// Bank holidays of this part of the UK.
    pub region: Region,
    /// Extra days the office is closed (dd/mm/yyyy or yyyy-mm-dd), e.g. local Christmas closures.
    pub closures: Vec<String>,
}

/// The whole configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Config {
    /// Per-rule settings.
    pub rules: RulesConfig,
    /// Council word lists and accepted words.
    pub dictionaries: DictionariesConfig,
    /// Bank holidays and office closures.
    pub calendar: CalendarConfig,
    /// Editor language ids the language server checks.
    pub languages: Vec<String>,
    /// Where relative paths in this configuration are resolved from (the file's folder).
    #[serde(skip)]
    #[schemars(skip)]
    pub base_dir: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            rules: RulesConfig::default(),
            dictionaries: DictionariesConfig::default(),
            calendar: CalendarConfig::default(),
            languages: vec!["plaintext".into(), "markdown".into()],
            base_dir: None,
        }
    }
}

impl Config {
    /// Parse the text of a `casenote.toml`. `path` is used in error messages and to resolve
    /// relative paths.
    pub fn from_toml(src: &str, path: Option<&Path>) -> Result<Config, ConfigError> {
        let mut config: Config = toml::from_str(src).map_err(|e| {
            let (line, column) = e.span().map(|s| line_col(src, s.start)).unwrap_or((0, 0));
            ConfigError {
                path: path.map(Path::to_path_buf),
                line,
                column,
                message: with_hint(e.message()),
            }
        })?;
        config.base_dir = path.and_then(Path::parent).map(Path::to_path_buf);
        Ok(config)
    }

    /// Read and parse a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let src = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: Some(path.to_path_buf()),
            line: 0,
            column: 0,
            message: format!("could not read the configuration: {e}"),
        })?;
        Config::from_toml(&src, Some(path))
    }

    /// Settings sent by an editor (the `casenote` section of its settings, as JSON).
    pub fn from_json(value: serde_json::Value) -> Result<Config, ConfigError> {
        serde_json::from_value(value).map_err(|e| ConfigError {
            path: None,
            line: 0,
            column: 0,
            message: with_hint(&e.to_string()),
        })
    }

    /// The `casenote.toml` nearest to `start` (a file or folder), walking up.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = if start.is_file() || !start.exists() {
            start.parent()?
        } else {
            start
        };
        start
            .ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|p| p.is_file())
    }

    /// Resolve a path from the configuration against its folder.
    pub fn resolve(&self, p: &Path) -> PathBuf {
        match &self.base_dir {
            Some(base) if p.is_relative() => base.join(p),
            _ => p.to_path_buf(),
        }
    }

    /// Is this word or phrase accepted in the workspace? (case-insensitive)
    pub fn is_accepted(&self, term: &str) -> bool {
        self.dictionaries
            .accept
            .iter()
            .any(|a| a.trim().eq_ignore_ascii_case(term.trim()))
    }
}

/// 1-based line and character column of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = crate::text::position::floor_char_boundary(src, offset);
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Add "did you mean ...?" to serde's "unknown field `x`, expected one of `a`, `b`".
fn with_hint(message: &str) -> String {
    let message = message.trim_end().to_string();
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return message;
    };
    let Some((unknown, expected)) = rest.split_once('`') else {
        return message;
    };
    let best = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|cand| (levenshtein(unknown, cand), cand))
        .filter(|(d, _)| *d <= 2)
        .min();
    let what = if expected.contains("`jargon`") {
        "rule"
    } else {
        "key"
    };
    match best {
        Some((_, cand)) => format!("unknown {what} '{unknown}' (did you mean '{cand}'?)"),
        None => message.replacen("unknown field", &format!("unknown {what}"), 1),
    }
}

/// Edit distance between two short strings, for "did you mean" hints.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_misspelt_rule_names_file_line_column_and_a_guess() {
        let src = "[rules]\njargn = { enabled = false }\n";
        let err = Config::from_toml(src, Some(Path::new("casenote.toml"))).unwrap_err();
        assert_eq!(err.line, 2);
        assert_eq!(err.column, 1);
        assert_eq!(
            err.to_string(),
            "casenote.toml:2:1: unknown rule 'jargn' (did you mean 'jargon'?)"
        );
    }

    #[test]
    fn rule_settings_are_read() {
        let src = "[rules.long-sentence]\nmax-words = 30\nseverity = \"warning\"\n\n[rules.jargon]\nenabled = false\n\n[dictionaries]\naccept = [\"placement\"]\n";
        let c = Config::from_toml(src, None).unwrap();
        assert_eq!(c.rules.long_sentence.max_words, 30);
        assert_eq!(c.rules.long_sentence.severity, Some(Severity::Warning));
        assert!(!c.rules.jargon.enabled);
        assert!(c.is_accepted("Placement"));
        assert_eq!(
            c.rules.common("jargon"),
            Some((false, None)),
            "common() reads the same settings"
        );
    }

    #[test]
    fn json_settings_use_the_same_keys() {
        let c = Config::from_json(serde_json::json!({
            "rules": {"readability": {"target-age": 14.0}},
            "calendar": {"region": "scotland"}
        }))
        .unwrap();
        assert_eq!(c.rules.readability.target_age, 14.0);
        assert_eq!(c.calendar.region, Region::Scotland);
    }

    #[test]
    fn a_wrong_type_is_an_error_not_a_default() {
        let err =
            Config::from_toml("[rules.long-sentence]\nmax-words = \"many\"\n", None).unwrap_err();
        assert_eq!(err.line, 2);
    }
}
