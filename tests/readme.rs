//! README.md stays true: every rule and every configuration key is documented, and the
//! two newcomer commands are there.

use casenote::config::Config;
use casenote::rules::RULES;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// Dotted key paths of a TOML value ("rules.long-sentence.max-words").
fn keys(prefix: &str, v: &toml::Value, out: &mut Vec<String>) {
    match v.as_table() {
        Some(t) => {
            for (k, v) in t {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                keys(&path, v, out);
            }
        }
        None => out.push(prefix.to_string()),
    }
}

fn rule_table() -> String {
    let mut s = String::from("| Rule | Default | What it flags |\n|---|---|---|\n");
    for r in RULES {
        s.push_str(&format!(
            "| [`{id}`](docs/rules/{id}.md) | {sev} | {summary} |\n",
            id = r.id(),
            sev = r.meta.default_severity,
            summary = r.meta.summary
        ));
    }
    s
}

#[test]
fn every_rule_is_in_the_readme_rule_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let mut r = readme();
    let start = r.find("<!-- rules:start").expect("rules:start marker");
    let start = start + r[start..].find('\n').unwrap() + 1;
    let mut end = r.find("<!-- rules:end -->").expect("rules:end marker");
    let want = rule_table();
    if std::env::var_os("CASENOTE_UPDATE_DOCS").is_some() {
        r.replace_range(start..end, &want);
        std::fs::write(path, &r).unwrap();
        end = start + want.len();
    }
    assert_eq!(
        &r[start..end],
        want,
        "README's rule table is out of date: run `CASENOTE_UPDATE_DOCS=1 cargo test --test readme`"
    );
    for rule in RULES {
        assert!(
            r.contains(&format!("[`{}`](docs/rules/{}.md)", rule.id(), rule.id())),
            "README's rule table lacks {}",
            rule.id()
        );
    }
}

#[test]
fn every_configuration_key_is_documented() {
    let r = readme();
    let mut all = Vec::new();
    keys(
        "",
        &toml::Value::try_from(Config::default()).unwrap(),
        &mut all,
    );
    for key in all {
        // Per-rule `enabled` is documented once as `rules.<rule-id>.enabled`.
        let generic = key
            .strip_prefix("rules.")
            .and_then(|rest| rest.split_once('.'))
            .map(|(_, field)| format!("rules.<rule-id>.{field}"));
        assert!(
            r.contains(&format!("`{key}`")) || generic.is_some_and(|g| r.contains(&g)),
            "README does not document `{key}`"
        );
    }
    assert!(r.contains("`rules.<rule-id>.severity`"));
}

#[test]
fn the_two_newcomer_commands_are_there() {
    let r = readme();
    assert!(r.contains("cargo run --release -- check examples/"));
    assert!(r.contains("\ncargo test\n"));
}
