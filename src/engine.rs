//! The analysis engine: one pass of every enabled rule over a text. Front ends (CLI, language
//! server) call this and know nothing of the rules.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use crate::config::{Config, ConfigError};
use crate::dictionary::Dictionaries;
use crate::finding::{Analysis, Finding, Severity, Stats};
use crate::record::Record;
use crate::rules::{self, Context, DocMeta, Rule, RULES};
use crate::text::{position::floor_char_boundary, Document};

/// A configuration with its dictionaries compiled, ready to analyse many texts.
#[derive(Debug, Clone)]
pub struct Engine {
    config: Config,
    dicts: Arc<Dictionaries>,
}

impl Engine {
    /// Compile the dictionaries a configuration needs (the built-in ones are shared).
    /// Refuses a configuration whose `calendar.closures` holds something that is not a date.
    pub fn new(config: Config) -> Result<Self, ConfigError> {
        if let Err(e) = crate::record::Calendar::from_config(&config.calendar) {
            return Err(ConfigError {
                path: config
                    .base_dir
                    .as_ref()
                    .map(|d| d.join(crate::config::FILE_NAME)),
                line: 0,
                column: 0,
                message: format!(
                    "{} (entry {} of the list). Write closure days as dd/mm/yyyy, e.g. 24/12/2026.",
                    e.message,
                    e.index + 1
                ),
            });
        }
        let dicts = Dictionaries::for_config(&config)?;
        Ok(Engine { config, dicts })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn dictionaries(&self) -> &Dictionaries {
        &self.dicts
    }

    /// Analyse one text.
    pub fn analyse(&self, text: &str, meta: &DocMeta) -> Analysis {
        self.analyse_on(text, meta, text.len() >= PARALLEL_FROM_BYTES && cores() > 1)
    }

    /// [`Engine::analyse`], with the rules split over two threads or not.
    fn analyse_on(&self, text: &str, meta: &DocMeta, two_threads: bool) -> Analysis {
        let doc = Document::parse(text);
        let email_blocks = rules::pasted_email::detect(text, &doc);
        let record = Record::read(text, &doc, meta);
        let mut cx = Context {
            text,
            doc: &doc,
            config: &self.config,
            dicts: &self.dicts,
            meta,
            email_blocks: &email_blocks,
            record: &record,
            stats: Stats::default(),
        };
        cx.stats = rules::readability::stats(&cx);
        let enabled: Vec<(&'static Rule, Severity)> = RULES
            .iter()
            .filter_map(|rule| {
                let (enabled, severity) = self.config.rules.common(rule.id())?;
                enabled.then(|| (rule, severity.unwrap_or(rule.meta.default_severity)))
            })
            .collect();
        // The rules are independent readers of one context: on a note of any size, run half
        // of them on a second core (alternate rules, which balances the costly ones).
        let mut findings = if two_threads {
            let half = |parity: usize| -> Vec<(&'static Rule, Severity)> {
                enabled.iter().skip(parity).step_by(2).copied().collect()
            };
            let (first, second) = (half(0), half(1));
            std::thread::scope(|scope| {
                let other = scope.spawn(|| self.run_rules(&cx, &second));
                let mut findings = self.run_rules(&cx, &first);
                // A rule's panic is caught inside run_rules; if the thread itself failed, its
                // half is run here instead.
                match other.join() {
                    Ok(more) => findings.extend(more),
                    Err(_) => findings.extend(self.run_rules(&cx, &second)),
                }
                findings
            })
        } else {
            self.run_rules(&cx, &enabled)
        };
        findings.sort_by(|a, b| {
            (a.range.start, a.range.end, a.rule).cmp(&(b.range.start, b.range.end, b.rule))
        });
        Analysis {
            findings,
            stats: cx.stats,
        }
    }

    /// Run some rules over a context: severities set, accepted words left out, ranges made
    /// safe.
    fn run_rules(&self, cx: &Context, rules: &[(&Rule, Severity)]) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut buf = Vec::new();
        for &(rule, severity) in rules {
            buf.clear();
            // A defect in one rule must not take the editor's diagnostics down with it.
            if catch_unwind(AssertUnwindSafe(|| (rule.check)(cx, &mut buf))).is_err() {
                buf.clear();
                continue;
            }
            for mut f in buf.drain(..) {
                if f.accept
                    .as_deref()
                    .is_some_and(|t| self.config.is_accepted(t))
                {
                    continue;
                }
                f.severity = severity;
                if let Some(f) = sanitise(cx.text, f) {
                    findings.push(f);
                }
            }
        }
        findings
    }
}

/// Notes shorter than this (about 600 words) are analysed on one thread: a second thread
/// costs more than it saves.
const PARALLEL_FROM_BYTES: usize = 4096;

/// Cores this process may use, asked once (the answer comes from files under /sys).
fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Analyse a text with a configuration (compiling its extra dictionaries if it has any; a
/// dictionary that cannot be read is left out).
pub fn analyse(text: &str, config: &Config) -> Analysis {
    let engine = Engine::new(config.clone()).unwrap_or_else(|_| Engine {
        config: config.clone(),
        dicts: Dictionaries::built_in(),
    });
    engine.analyse(text, &DocMeta::default())
}

/// Keep ranges on character boundaries, inside the text and non-empty.
fn sanitise(text: &str, mut f: Finding) -> Option<Finding> {
    if text.is_empty() {
        return None;
    }
    let start = floor_char_boundary(text, f.range.start.min(text.len()));
    let mut end = floor_char_boundary(text, f.range.end.min(text.len())).max(start);
    if end == start {
        end = text[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8());
    }
    if end == start {
        // At the very end of the text: cover the last character.
        let prev = text[..start].chars().next_back()?;
        f.range = start - prev.len_utf8()..start;
    } else {
        f.range = start..end;
    }
    for s in &mut f.suggestions {
        let a = floor_char_boundary(text, s.range.start.min(text.len()));
        let b = floor_char_boundary(text, s.range.end.min(text.len())).max(a);
        s.range = a..b;
    }
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_threads_find_exactly_what_one_thread_finds() {
        let note = "---\ntype: case-note\ncontact-date: 20/11/2026\n---\n\n# Home visit\n\n\
            The writer visited. Mum failed to engage and the placement is at risk. It was agreed \
            that contact with his dad would stop. I was stuck in traffic. The IRO and the TAF \
            met. It is clear that Dad is a liar. Ava said \"I like my room\".\n\n";
        let text = note.repeat(20);
        assert!(text.len() >= PARALLEL_FROM_BYTES);
        let engine = Engine::new(Config::default()).unwrap();
        let meta = DocMeta::default();
        let one = engine.analyse_on(&text, &meta, false);
        let two = engine.analyse_on(&text, &meta, true);
        assert!(one.findings.len() > 20, "{}", one.findings.len());
        assert_eq!(one.findings, two.findings);
    }

    #[test]
    fn empty_and_odd_input_does_not_panic() {
        let config = Config::default();
        for text in [
            "",
            "\u{feff}",
            "\r\n\r\n",
            "\u{0}\u{1}",
            "😀😀😀 . . . ???",
            "# \n\n- \n- [ ]\n|a|\n|-|\n",
            "---\n",
            "\"unclosed",
        ] {
            let a = analyse(text, &config);
            for f in &a.findings {
                assert!(f.range.start < f.range.end && f.range.end <= text.len());
            }
        }
    }

    #[test]
    fn disabled_rules_report_nothing() {
        let text = "This sentence goes on and on and on and on and on and on and on and on and on and on and on and on and on and on without an end.";
        let mut config = Config::default();
        assert!(analyse(text, &config)
            .findings
            .iter()
            .any(|f| f.rule == "long-sentence"));
        config.rules.long_sentence.enabled = false;
        assert!(!analyse(text, &config)
            .findings
            .iter()
            .any(|f| f.rule == "long-sentence"));
    }
}
