//! Helix: `editors/helix/languages.toml` is valid TOML, runs `casenote lsp` for Markdown and
//! plain text, sends the language ids the server checks, and its example settings are real
//! configuration keys. Helix is not packaged in Debian, so no Helix runs here; see
//! editors/helix/README.md.

use std::path::Path;

use casenote::config::Config;
use toml::Value;

fn languages() -> toml::Table {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/helix/languages.toml");
    toml::from_str(&std::fs::read_to_string(path).unwrap()).expect("languages.toml parses")
}

#[test]
fn helix_runs_casenote_lsp() {
    let t = languages();
    let server = &t["language-server"]["casenote"];
    assert_eq!(server["command"].as_str(), Some("casenote"));
    assert_eq!(
        server["args"].as_array().unwrap(),
        &vec![Value::from("lsp")],
        "the server is `casenote lsp`"
    );
}

#[test]
fn helix_uses_casenote_for_markdown_and_text_with_the_server_language_ids() {
    let t = languages();
    let defaults = Config::default().languages;
    let langs = t["language"].as_array().unwrap();
    for name in ["markdown", "text"] {
        let lang = langs
            .iter()
            .find(|l| l["name"].as_str() == Some(name))
            .unwrap_or_else(|| panic!("no [[language]] {name}"));
        let servers = lang["language-servers"].as_array().unwrap();
        assert!(
            servers.contains(&Value::from("casenote")),
            "{name} does not use casenote"
        );
        // Helix sends `language-id`, or else the name, as the LSP language id.
        let id = lang
            .get("language-id")
            .and_then(Value::as_str)
            .unwrap_or(name);
        assert!(
            defaults.iter().any(|d| d == id),
            "{name} is sent as '{id}', which the server does not check by default ({defaults:?})"
        );
    }
}

#[test]
fn helix_settings_example_uses_real_configuration_keys() {
    let src = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/helix/languages.toml"),
    )
    .unwrap();
    // Uncomment the example and read its `casenote` section as the server would.
    let uncommented: String = src
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.starts_with("[language-server") || rest.contains(" = ") => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let t: toml::Table = toml::from_str(&uncommented).expect("the example parses");
    let settings = &t["language-server"]["casenote"]["config"]["casenote"];
    let json = serde_json::to_value(settings).unwrap();
    let config = Config::from_json(json).expect("the example is valid configuration");
    assert_eq!(config.rules.long_sentence.max_words, 30);
}
