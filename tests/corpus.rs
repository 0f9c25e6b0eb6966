//! The labelled corpus: precision and recall of every rule on realistic, fictional notes.
//!
//! Each `tests/corpus/<name>.md` has a sidecar `<name>.expected.toml` written by hand, blind to
//! the rules' code, from the rule definitions and the council's recording standard:
//!
//! ```toml
//! today = "2026-11-26"          # the date the check pretends is today
//!
//! [[finding]]
//! rule = "jargon"
//! line = 12                     # 1-based line where the finding starts
//! note = "'placement' in the care-system sense"
//! ```
//!
//! Findings are matched to labels by (file, rule, line), counting repeats: two labels of the same
//! rule on one line need two findings there. Document-level rules (one finding about the whole
//! note: readability, child-voice, strengths, long-note, timeliness, overview-stale) are matched
//! by (file, rule) alone, because where such a finding is anchored is presentation, not
//! detection; they are labelled on the first line of prose (timeliness and overview-stale on the
//! date line they are about).
//!
//! The report lists every false positive and false negative with file:line, then a per-rule
//! table. Each rule with at least five labels must reach precision 0.9 and recall 0.8.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use casenote::rules::{by_id, DocMeta, RULES};
use casenote::{Config, Engine};
use serde::Deserialize;

const MIN_LABELS: usize = 5;
const MIN_PRECISION: f64 = 0.9;
const MIN_RECALL: f64 = 0.8;

/// Rules whose single finding is about the whole document.
const DOCUMENT_LEVEL: &[&str] = &[
    "readability",
    "child-voice",
    "strengths",
    "long-note",
    "timeliness",
    "overview-stale",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sidecar {
    today: String,
    #[serde(default)]
    finding: Vec<Label>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Label {
    rule: String,
    line: usize,
    note: String,
}

struct Note {
    path: PathBuf,
    name: String,
    text: String,
    today: jiff::civil::Date,
    labels: Vec<Label>,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn sidecar_path(note: &Path) -> PathBuf {
    let name = note.file_name().unwrap().to_str().unwrap();
    let stem = name.strip_suffix(".md").unwrap();
    note.with_file_name(format!("{stem}.expected.toml"))
}

fn load() -> Vec<Note> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{name}: cannot read: {e}"));
            let side = sidecar_path(&path);
            let raw = std::fs::read_to_string(&side)
                .unwrap_or_else(|e| panic!("{}: missing sidecar: {e}", side.display()));
            let sidecar: Sidecar =
                toml::from_str(&raw).unwrap_or_else(|e| panic!("{}: {e}", side.display()));
            let today: jiff::civil::Date = sidecar
                .today
                .parse()
                .unwrap_or_else(|e| panic!("{}: bad `today`: {e}", side.display()));
            Note {
                path,
                name,
                text,
                today,
                labels: sidecar.finding,
            }
        })
        .collect()
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[test]
fn every_sidecar_parses_and_names_known_rules() {
    let notes = load();
    assert!(
        notes.len() >= 40,
        "the corpus should hold at least 40 notes, found {}",
        notes.len()
    );
    for note in &notes {
        let lines = note.text.lines().count();
        for l in &note.labels {
            assert!(
                by_id(&l.rule).is_some(),
                "{}: unknown rule '{}'",
                note.name,
                l.rule
            );
            assert!(
                (1..=lines).contains(&l.line),
                "{}: line {} is outside the note (1..={lines})",
                note.name,
                l.line
            );
            assert!(
                !l.note.trim().is_empty(),
                "{}:{}: a label needs a note saying why",
                note.name,
                l.line
            );
        }
    }
    // Every sidecar belongs to a note.
    for entry in std::fs::read_dir(corpus_dir()).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".expected.toml") {
            assert!(
                p.with_file_name(format!("{stem}.md")).exists(),
                "{name} has no note"
            );
        } else {
            assert!(
                name.ends_with(".md"),
                "unexpected file in the corpus: {name}"
            );
        }
    }
}

/// (rule, line); document-level rules use line 0.
type Key = (String, usize);

fn key(rule: &str, line: usize) -> Key {
    let line = if DOCUMENT_LEVEL.contains(&rule) {
        0
    } else {
        line
    };
    (rule.to_string(), line)
}

/// Labels or findings that share a key: their lines and why (label note or finding message).
#[derive(Default)]
struct Tally {
    lines: Vec<usize>,
    texts: Vec<String>,
}

impl Tally {
    fn add(&mut self, line: usize, text: &str) {
        self.lines.push(line);
        self.texts.push(text.to_string());
    }
    fn count(&self) -> usize {
        self.lines.len()
    }
}

#[derive(Default, Clone, Copy)]
struct Counts {
    labels: usize,
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.labels == 0 {
            1.0
        } else {
            self.tp as f64 / self.labels as f64
        }
    }
}

#[test]
fn rules_meet_precision_and_recall_on_the_corpus() {
    let engine = Engine::new(Config::default()).expect("default configuration");
    let mut counts: BTreeMap<&str, Counts> =
        RULES.iter().map(|r| (r.id(), Counts::default())).collect();
    let mut misses: Vec<String> = Vec::new();

    for note in load() {
        let meta = DocMeta {
            path: Some(note.path.clone()),
            today: Some(note.today),
        };
        let analysis = engine.analyse(&note.text, &meta);

        // (rule, line) -> labels or findings there; document-level rules use line 0.
        let mut expected: BTreeMap<Key, Tally> = BTreeMap::new();
        for l in &note.labels {
            expected
                .entry(key(&l.rule, l.line))
                .or_default()
                .add(l.line, &l.note);
        }
        let mut found: BTreeMap<Key, Tally> = BTreeMap::new();
        for f in &analysis.findings {
            let line = line_of(&note.text, f.range.start);
            found
                .entry(key(f.rule, line))
                .or_default()
                .add(line, &f.message);
        }

        for (k, want) in &expected {
            let got = found.get(k).map_or(0, Tally::count);
            let c = counts.entry(by_id(&k.0).unwrap().id()).or_default();
            c.labels += want.count();
            c.tp += got.min(want.count());
            if got < want.count() {
                c.fn_ += want.count() - got;
                misses.push(format!(
                    "FN {:<15} {}:{} (expected {}, found {got}): {}",
                    k.0,
                    note.name,
                    want.lines[0],
                    want.count(),
                    want.texts[0]
                ));
            }
        }
        for (k, got) in &found {
            let want = expected.get(k).map_or(0, Tally::count);
            if got.count() > want {
                let c = counts.entry(by_id(&k.0).unwrap().id()).or_default();
                c.fp += got.count() - want;
                misses.push(format!(
                    "FP {:<15} {}:{} (expected {want}, found {}): {}",
                    k.0,
                    note.name,
                    got.lines[0],
                    got.count(),
                    got.texts[0]
                ));
            }
        }
    }

    misses.sort();
    for m in &misses {
        println!("{m}");
    }
    println!();
    println!(
        "{:<16} {:>6} {:>4} {:>4} {:>4} {:>9} {:>7}",
        "rule", "labels", "TP", "FP", "FN", "precision", "recall"
    );
    let mut failures = Vec::new();
    for (rule, c) in &counts {
        println!(
            "{:<16} {:>6} {:>4} {:>4} {:>4} {:>9.2} {:>7.2}",
            rule,
            c.labels,
            c.tp,
            c.fp,
            c.fn_,
            c.precision(),
            c.recall()
        );
        if c.labels >= MIN_LABELS {
            if c.precision() < MIN_PRECISION {
                failures.push(format!(
                    "{rule}: precision {:.2} < {MIN_PRECISION}",
                    c.precision()
                ));
            }
            if c.recall() < MIN_RECALL {
                failures.push(format!("{rule}: recall {:.2} < {MIN_RECALL}", c.recall()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "rules below the bar on the corpus:\n{}",
        failures.join("\n")
    );
}
