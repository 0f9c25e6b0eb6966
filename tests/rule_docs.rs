//! `docs/rules/<id>.md` is generated from the same text as `casenote explain <id>`: each rule's
//! doc comment. Regenerate with `CASENOTE_UPDATE_DOCS=1 cargo test --test rule_docs`.

use std::path::Path;

use casenote::rules::RULES;

fn index() -> String {
    let mut s = String::from(
        "# Rules\n\nGenerated from the rules' own documentation (`casenote explain <rule>` prints the same text).\n\n| Rule | Default severity | What it flags |\n|---|---|---|\n",
    );
    for r in RULES {
        s.push_str(&format!(
            "| [`{id}`]({id}.md) | {sev} | {summary} |\n",
            id = r.id(),
            sev = r.meta.default_severity,
            summary = r.meta.summary
        ));
    }
    s
}

#[test]
fn rule_pages_match_the_rules_documentation() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
    let update = std::env::var_os("CASENOTE_UPDATE_DOCS").is_some();
    let mut pages: Vec<(String, String)> = RULES
        .iter()
        .map(|r| (format!("{}.md", r.id()), r.page()))
        .collect();
    pages.push(("README.md".into(), index()));
    let mut stale = Vec::new();
    for (name, want) in &pages {
        let path = dir.join(name);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, want).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
            stale.push(name.clone());
        }
    }
    assert!(
        stale.is_empty(),
        "docs/rules is out of date for {stale:?}: run `CASENOTE_UPDATE_DOCS=1 cargo test --test rule_docs`"
    );
    // No page for a rule that no longer exists.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        assert!(
            pages.iter().any(|(p, _)| *p == name),
            "docs/rules/{name} belongs to no rule"
        );
    }
}

#[test]
fn explain_prints_the_same_page() {
    let exe = env!("CARGO_BIN_EXE_casenote");
    for r in RULES {
        let out = std::process::Command::new(exe)
            .args(["explain", r.id()])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert_eq!(String::from_utf8(out.stdout).unwrap(), r.page());
    }
}
