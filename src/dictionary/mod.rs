//! Word lists as data: the TOML files in `dictionaries/`, embedded at build time, merged with a
//! council's own files, and compiled once into Aho-Corasick automata.
//!
//! File format (see `dictionaries/jargon.toml`):
//!
//! ```toml
//! [[term]]
//! match = ["respite", "respite care"]
//! suggest = ["short break", "time away"]
//! why = "Young people say 'respite' makes them sound like a burden."
//! source = "TACT, Language that cares (2019)"
//! # optional guards against false alarms, compared with the word just before or after:
//! not-preceded-by = ["will", "to"]
//! not-followed-by = ["details"]
//! # optional: the match counts only when the next words begin with one of these phrases
//! # (after any "his", "her", "their", "the", "my", "your", "our", "both"):
//! followed-by = ["mum", "dad", "brother"]
//! # optional: the match counts only when the word just before is one of these
//! preceded-by = ["the"]
//! # optional: what to ask of the writer when no word swap fits
//! ask = "Use the child's name."
//! # optional: do not add -s/-ed/-ing forms (default true)
//! inflect = false
//! ```
//!
//! Acronym files hold `[[acronym]]` entries (`match`, `expand`, `why`, `source`, and optional
//! `also`: other things the same letters stand for) and an `allow` list of acronyms everyone
//! knows.

mod matcher;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;

pub(crate) use matcher::ascii_lower;
pub use matcher::{inflect_like, inflections, word_before, TermMatch, TermMatcher};

use crate::config::{Config, ConfigError};

/// One entry of a term list (jargon, respectful language, euphemisms, irrelevant cues...).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Term {
    #[serde(rename = "match")]
    pub matches: Vec<String>,
    #[serde(default)]
    pub suggest: Vec<String>,
    pub why: String,
    pub source: String,
    #[serde(default)]
    pub not_preceded_by: Vec<String>,
    #[serde(default)]
    pub not_followed_by: Vec<String>,
    /// If not empty, the match counts only when the words after it begin with one of these
    /// phrases (a possessive or article in between is skipped).
    #[serde(default)]
    pub followed_by: Vec<String>,
    /// If not empty, the match counts only when the word before it is one of these.
    #[serde(default)]
    pub preceded_by: Vec<String>,
    /// What to ask the writer to do instead, when no word swap fits ("Use the child's name.").
    /// Rules have their own default.
    #[serde(default)]
    pub ask: Option<String>,
    #[serde(default = "yes")]
    pub inflect: bool,
}

fn yes() -> bool {
    true
}

/// One acronym and what it stands for.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Acronym {
    #[serde(rename = "match")]
    pub acronym: String,
    pub expand: String,
    /// Other expansions of the same letters (an ambiguous acronym): quick fixes offer each,
    /// and none is applied as the preferred fix.
    #[serde(default)]
    pub also: Vec<String>,
    #[serde(default)]
    pub why: Option<String>,
    pub source: String,
}

/// The contents of one dictionary file. Every section is optional, so a council's file can
/// add to any list.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DictionaryFile {
    /// Which list `[[term]]` entries belong to: "jargon" (default), "respectful", ...
    #[serde(default)]
    pub list: Option<String>,
    #[serde(default)]
    pub term: Vec<Term>,
    #[serde(default)]
    pub acronym: Vec<Acronym>,
    /// Acronyms (or all-capitals words) that are never flagged.
    #[serde(default)]
    pub allow: Vec<String>,
}

/// The built-in dictionary files, every top-level `dictionaries/*.toml` (embedded by
/// `build.rs`): (file name, text).
pub const BUILT_IN: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/built_in_dictionaries.rs"));

/// Parse one dictionary file's text. `name` is used in errors.
pub fn parse_file(name: &Path, src: &str) -> Result<DictionaryFile, ConfigError> {
    toml::from_str(src).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|s| crate::config::line_col(src, s.start))
            .unwrap_or((0, 0));
        ConfigError {
            path: Some(name.to_path_buf()),
            line,
            column,
            message: e.message().trim_end().to_string(),
        }
    })
}

/// All word lists, compiled.
#[derive(Debug)]
pub struct Dictionaries {
    /// Term lists by name ("jargon", "respectful", "irrelevant", ...), from each file's `list`.
    lists: std::collections::HashMap<String, TermMatcher>,
    pub acronyms: std::collections::HashMap<String, Acronym>,
    pub allow: std::collections::HashSet<String>,
}

impl Dictionaries {
    /// The built-in lists, compiled once per process.
    pub fn built_in() -> Arc<Dictionaries> {
        static CELL: OnceLock<Arc<Dictionaries>> = OnceLock::new();
        CELL.get_or_init(|| {
            let files = built_in_files();
            Arc::new(Dictionaries::compile(&files))
        })
        .clone()
    }

    /// The built-in lists plus the configuration's extra files.
    pub fn for_config(config: &Config) -> Result<Arc<Dictionaries>, ConfigError> {
        if config.dictionaries.extra.is_empty() {
            return Ok(Dictionaries::built_in());
        }
        let mut files = built_in_files();
        for p in &config.dictionaries.extra {
            let path = config.resolve(p);
            let src = std::fs::read_to_string(&path).map_err(|e| ConfigError {
                path: Some(path.clone()),
                line: 0,
                column: 0,
                message: format!("could not read this dictionary: {e}"),
            })?;
            files.push(parse_file(&path, &src)?);
        }
        Ok(Arc::new(Dictionaries::compile(&files)))
    }

    fn compile(files: &[DictionaryFile]) -> Dictionaries {
        let mut lists: std::collections::HashMap<String, Vec<Term>> = Default::default();
        let mut acronyms = std::collections::HashMap::new();
        let mut allow = std::collections::HashSet::new();
        for f in files {
            if !f.term.is_empty() {
                let name = f.list.as_deref().unwrap_or("jargon");
                lists
                    .entry(name.to_string())
                    .or_default()
                    .extend(f.term.iter().cloned());
            }
            for a in &f.acronym {
                acronyms.insert(acronym_key(&a.acronym), a.clone());
            }
            allow.extend(f.allow.iter().cloned());
        }
        // The automata are independent: build the big jargon list beside the others (the CLI
        // pays for this at every start).
        let lists = std::thread::scope(|scope| {
            let (big, small): (Vec<_>, Vec<_>) =
                lists.into_iter().partition(|(_, terms)| terms.len() > 100);
            let spawned: Vec<_> = big
                .into_iter()
                .map(|(name, terms)| (name, scope.spawn(move || TermMatcher::new(terms))))
                .collect();
            let mut built: std::collections::HashMap<String, TermMatcher> = small
                .into_iter()
                .map(|(name, terms)| (name, TermMatcher::new(terms)))
                .collect();
            for (name, handle) in spawned {
                // A panic while building cannot happen with checked lists; if it did, the
                // list is left empty rather than the editor losing every rule.
                let matcher = handle
                    .join()
                    .unwrap_or_else(|_| TermMatcher::new(Vec::new()));
                built.insert(name, matcher);
            }
            built
        });
        Dictionaries {
            lists,
            acronyms,
            allow,
        }
    }
}

impl Dictionaries {
    /// A term list by name; an empty list if no file defines it.
    pub fn list(&self, name: &str) -> &TermMatcher {
        static EMPTY: OnceLock<TermMatcher> = OnceLock::new();
        self.lists
            .get(name)
            .unwrap_or_else(|| EMPTY.get_or_init(|| TermMatcher::new(Vec::new())))
    }

    /// The acronym entry for a word as written: "CIN", "CINs" (a plural), "s47" or "S47".
    /// Entries written with lower-case letters ("CiC", "DfE") match that spelling or the word
    /// in capitals.
    pub fn acronym(&self, word: &str) -> Option<&Acronym> {
        let look = |w: &str| {
            self.acronyms
                .get(&acronym_key(w))
                .filter(|a| a.acronym == w || is_section(w) || !w.chars().any(|c| c.is_lowercase()))
        };
        look(word).or_else(|| {
            word.strip_suffix('s')
                .filter(|w| w.chars().count() >= 2)
                .and_then(look)
        })
    }

    /// The term jargon list (`list = "jargon"`, the default).
    pub fn jargon(&self) -> &TermMatcher {
        self.list("jargon")
    }

    /// The respectful-language list (`list = "respectful"`).
    pub fn respectful(&self) -> &TermMatcher {
        self.list("respectful")
    }
}

/// "s47", "S47", "s.47": a section of an Act.
fn is_section(w: &str) -> bool {
    let rest = w
        .strip_prefix(['s', 'S'])
        .map(|r| r.strip_prefix('.').unwrap_or(r));
    rest.is_some_and(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit()))
}

/// The lookup key of an acronym: sections in lower case without a dot ("s47"), others in
/// capitals.
fn acronym_key(w: &str) -> String {
    if is_section(w) {
        w.to_lowercase().replace('.', "")
    } else {
        w.to_uppercase()
    }
}

fn built_in_files() -> Vec<DictionaryFile> {
    BUILT_IN
        .iter()
        .map(|(name, src)| {
            // The built-in files are checked by tests; a broken one is a build defect, and
            // the engine carries on without it rather than crash an editor.
            parse_file(Path::new(name), src).unwrap_or_default()
        })
        .collect()
}
