//! The sample notes in `examples/` do what examples/README.md says: the clean note is clean, and
//! together the notes show every rule.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use casenote::rules::{DocMeta, RULES};
use casenote::{Analysis, Config, Engine};

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 26)
}

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    v.sort();
    v
}

fn analyse(path: &Path) -> Analysis {
    let engine = Engine::new(Config::default()).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    engine.analyse(
        &text,
        &DocMeta {
            path: Some(path.to_path_buf()),
            today: Some(today()),
        },
    )
}

#[test]
fn clean_example_has_no_findings() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/clean-note.md");
    let analysis = analyse(&path);
    let found: Vec<String> = analysis
        .findings
        .iter()
        .map(|f| format!("{} at byte {}: {}", f.rule, f.range.start, f.message))
        .collect();
    assert!(
        found.is_empty(),
        "clean-note.md should have no findings:\n{}",
        found.join("\n")
    );
}

#[test]
fn examples_show_every_rule() {
    let files = examples();
    assert!(
        files.len() >= 4,
        "examples/ should hold at least four notes"
    );
    let mut shown = BTreeSet::new();
    for path in &files {
        for f in analyse(path).findings {
            shown.insert(f.rule);
        }
    }
    let missing: Vec<&str> = RULES
        .iter()
        .map(|r| r.id())
        .filter(|id| !shown.contains(id))
        .collect();
    assert!(
        missing.is_empty(),
        "no example shows these rules: {}",
        missing.join(", ")
    );
}

#[test]
fn examples_readme_names_every_example() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    for path in examples() {
        let name = path.file_name().unwrap().to_string_lossy();
        assert!(
            readme.contains(&format!("`{name}`")),
            "examples/README.md does not mention {name}"
        );
    }
    for rule in RULES {
        assert!(
            readme.contains(&format!("`{}`", rule.id())),
            "examples/README.md does not say which note shows `{}`",
            rule.id()
        );
    }
}
