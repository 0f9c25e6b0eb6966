//! Settings: the editor's (initializationOptions, didChangeConfiguration) are the base, the
//! workspace `casenote.toml` goes on top, key by key.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::config::{Config, ConfigError, FILE_NAME};

/// The `casenote` section of editor settings. Accepts `{casenote: {...}}` and bare `{...}`.
/// `None` means "no settings given" (absent, null or an empty object, as eglot sends).
pub fn editor_section(value: Option<&Value>) -> Option<Value> {
    let v = value?;
    let v = match v {
        Value::Object(m) if m.contains_key("casenote") => m.get("casenote")?,
        other => other,
    };
    match v {
        Value::Object(m) if m.is_empty() => None,
        Value::Object(_) => Some(v.clone()),
        _ => None,
    }
}

/// Check editor settings on their own, so a mistake is reported against them.
pub fn check_editor(value: &Value) -> Result<(), ConfigError> {
    Config::from_json(value.clone()).map(|_| ())
}

/// Build the configuration of a document: editor settings, then `casenote.toml` on top.
pub fn merged(editor: &Value, file: Option<&Path>) -> Result<Config, ConfigError> {
    let Some(path) = file else {
        return Config::from_json(editor.clone());
    };
    let src = std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: Some(path.to_path_buf()),
        line: 0,
        column: 0,
        message: format!("could not read the configuration: {e}"),
    })?;
    // Parse the file on its own first: its errors carry file:line:column.
    Config::from_toml(&src, Some(path))?;
    let table: toml::Table = toml::from_str(&src).map_err(|e| ConfigError {
        path: Some(path.to_path_buf()),
        line: 0,
        column: 0,
        message: e.to_string(),
    })?;
    let file_json = serde_json::to_value(table).map_err(|e| ConfigError {
        path: Some(path.to_path_buf()),
        line: 0,
        column: 0,
        message: e.to_string(),
    })?;
    let mut base = editor.clone();
    merge(&mut base, file_json);
    let mut config = Config::from_json(base).map_err(|mut e| {
        e.path = Some(path.to_path_buf());
        e
    })?;
    config.base_dir = path.parent().map(Path::to_path_buf);
    Ok(config)
}

/// Deep-merge `top` into `base`: tables merge, everything else is replaced.
pub fn merge(base: &mut Value, top: Value) {
    match (base, top) {
        (Value::Object(b), Value::Object(t)) => {
            for (k, v) in t {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, top) => *slot = top,
    }
}

/// An empty settings object.
pub fn empty() -> Value {
    Value::Object(Map::new())
}

/// Where "Accept in this workspace" writes: the `casenote.toml` that applies to the document,
/// else a new one at the root of the workspace folder holding it, else next to it.
pub fn accept_file(doc: Option<&Path>, roots: &[PathBuf]) -> Option<PathBuf> {
    let doc = doc?;
    if let Some(found) = Config::discover(doc) {
        return Some(found);
    }
    let root = roots
        .iter()
        .filter(|r| doc.starts_with(r))
        .max_by_key(|r| r.as_os_str().len())
        .cloned()
        .or_else(|| doc.parent().map(Path::to_path_buf))?;
    Some(root.join(FILE_NAME))
}

/// Add `word` to `dictionaries.accept` in the TOML text `src`, keeping comments and layout.
/// Returns `None` when the word is already there.
pub fn add_accepted(src: &str, word: &str) -> Result<Option<String>, String> {
    let mut doc: toml_edit::DocumentMut = src.parse().map_err(|e: toml_edit::TomlError| {
        let at = e
            .span()
            .map(|s| crate::config::line_col(src, s.start))
            .map(|(l, c)| format!("{l}:{c}: "))
            .unwrap_or_default();
        format!("{at}{}", e.message())
    })?;
    let dicts = doc
        .entry("dictionaries")
        .or_insert_with(|| toml_edit::Item::Table(toml_edit::Table::new()));
    let Some(dicts) = dicts.as_table_like_mut() else {
        return Err("'dictionaries' is not a table".into());
    };
    let accept = dicts
        .entry("accept")
        .or_insert(toml_edit::value(toml_edit::Array::new()));
    let Some(arr) = accept.as_array_mut() else {
        return Err("'dictionaries.accept' is not a list".into());
    };
    let word = word.trim();
    if arr.iter().any(|v| {
        v.as_str()
            .is_some_and(|s| s.trim().eq_ignore_ascii_case(word))
    }) {
        return Ok(None);
    }
    arr.push(word);
    Ok(Some(doc.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn empty_settings_mean_no_change() {
        assert_eq!(editor_section(None), None);
        assert_eq!(editor_section(Some(&json!({}))), None);
        assert_eq!(editor_section(Some(&json!(null))), None);
        assert_eq!(editor_section(Some(&json!({"casenote": {}}))), None);
        let bare = json!({"languages": ["markdown"]});
        assert_eq!(editor_section(Some(&bare)), Some(bare.clone()));
        assert_eq!(
            editor_section(Some(&json!({ "casenote": bare.clone() }))),
            Some(bare)
        );
    }

    #[test]
    fn the_workspace_file_goes_on_top_of_editor_settings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "[rules.long-sentence]\nmax-words = 30\n").unwrap();
        let editor = json!({"rules": {"long-sentence": {"max-words": 10, "severity": "warning"},
                                      "jargon": {"enabled": false}}});
        let c = merged(&editor, Some(&path)).unwrap();
        assert_eq!(c.rules.long_sentence.max_words, 30);
        assert_eq!(
            c.rules.long_sentence.severity,
            Some(crate::Severity::Warning)
        );
        assert!(!c.rules.jargon.enabled);
        assert_eq!(c.base_dir.as_deref(), Some(dir.path()));
    }

    #[test]
    fn a_broken_file_reports_file_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "[rules]\njargn = { enabled = false }\n").unwrap();
        let e = merged(&empty(), Some(&path)).unwrap_err();
        assert!(e.to_string().contains("casenote.toml:2:1:"), "{e}");
    }

    #[test]
    fn accepting_a_word_keeps_comments() {
        let src = "# Our council's settings\n[rules.jargon]\nenabled = true # keep\n";
        let out = add_accepted(src, "placement").unwrap().unwrap();
        assert!(out.starts_with("# Our council's settings\n"));
        assert!(out.contains("enabled = true # keep"));
        let c = Config::from_toml(&out, None).unwrap();
        assert!(c.is_accepted("placement"));
        assert_eq!(add_accepted(&out, "Placement").unwrap(), None);
        let out2 = add_accepted("", "CIN").unwrap().unwrap();
        assert!(Config::from_toml(&out2, None).unwrap().is_accepted("CIN"));
        assert!(add_accepted("[dictionaries\n", "x").is_err());
    }
}
