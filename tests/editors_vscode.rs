//! The VS Code extension: its settings are the server's configuration keys with the server's
//! defaults, its `casenote.toml` template is valid, and the packaged `.vsix` (a zip) carries the
//! manifest, the bundled server and the settings.
//!
//! The `.vsix` is made by `editors/vscode/scripts/ci.sh` (or `scripts/package.sh`), which then
//! runs this test with `CASENOTE_VSIX=<path> CASENOTE_REQUIRE_VSIX=1`. Without a `.vsix` the
//! package checks print why and pass, unless `CASENOTE_REQUIRE_VSIX=1`. Reading the zip uses
//! `python3` (its standard `zipfile`), so no zip crate is needed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use casenote::config::Config;
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Dotted keys of every leaf in a JSON value, with the leaf.
fn leaves(prefix: &str, v: &Value, out: &mut BTreeMap<String, Value>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                leaves(&path, v, out);
            }
        }
        _ => {
            out.insert(prefix.to_string(), v.clone());
        }
    }
}

/// The server's configuration keys and defaults, from the configuration type itself.
fn server_defaults() -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    leaves(
        "",
        &serde_json::to_value(Config::default()).unwrap(),
        &mut out,
    );
    out
}

/// Settings of a manifest (package.json) as key -> setting schema, without the extension's own.
fn settings(manifest: &Value) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for section in manifest["contributes"]["configuration"]
        .as_array()
        .expect("contributes.configuration is a list of sections")
    {
        for (k, v) in section["properties"].as_object().unwrap() {
            out.insert(k.clone(), v.clone());
        }
    }
    assert!(
        out.contains_key("casenote.path"),
        "the casenote.path setting is missing"
    );
    out.remove("casenote.path");
    out
}

/// Settings must be exactly the server's keys, with the server's defaults
/// (a rule's `severity` default `null` is shown as "default" on the settings page).
fn assert_settings_mirror_server(manifest: &Value, what: &str) {
    let settings = settings(manifest);
    let defaults = server_defaults();
    let setting_keys: Vec<_> = settings
        .keys()
        .map(|k| k.strip_prefix("casenote.").unwrap_or(k).to_string())
        .collect();
    let server_keys: Vec<_> = defaults.keys().cloned().collect();
    assert_eq!(
        setting_keys, server_keys,
        "{what}: the VS Code settings differ from the server's configuration keys: \
         run `npm run gen-settings` in editors/vscode after updating casenote.schema.json"
    );
    for (key, default) in &defaults {
        let setting = &settings[&format!("casenote.{key}")];
        let shown = if key.ends_with(".severity") && default.is_null() {
            Value::from("default")
        } else {
            default.clone()
        };
        let same = match (setting["default"].as_f64(), shown.as_f64()) {
            (Some(a), Some(b)) => a == b,
            _ => setting["default"] == shown,
        };
        assert!(
            same,
            "{what}: casenote.{key} has the default {} in VS Code but {shown} in the server",
            setting["default"]
        );
    }
}

#[test]
fn extension_settings_mirror_the_server_configuration() {
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(ROOT).join("editors/vscode/package.json")).unwrap(),
    )
    .unwrap();
    assert_settings_mirror_server(&manifest, "editors/vscode/package.json");
}

/// `key = value`, with a bare TOML key.
fn is_setting_line(line: &str) -> bool {
    line.split_once(" = ").is_some_and(|(key, _)| {
        !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    })
}

#[test]
fn casenote_toml_template_is_valid_with_every_example_switched_on() {
    let path = Path::new(ROOT).join("editors/vscode/templates/casenote.toml");
    let template = std::fs::read_to_string(&path).unwrap();
    // As created: everything commented out, so the defaults apply.
    assert_eq!(
        Config::from_toml(&template, Some(&path)).unwrap(),
        Config {
            base_dir: path.parent().map(Path::to_path_buf),
            ..Config::default()
        }
    );
    // Every `# key = value` line uncommented still parses (no typo in a key or a value).
    let uncommented: String = template
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if is_setting_line(rest) => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        uncommented.matches(" = ").count() >= 10,
        "the template shows its settings"
    );
    if let Err(e) = Config::from_toml(&uncommented, Some(&path)) {
        panic!("templates/casenote.toml with its examples switched on: {e}");
    }
}

fn vsix_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CASENOTE_VSIX") {
        return Some(PathBuf::from(p));
    }
    let dir = Path::new(ROOT).join("editors/vscode");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "vsix"))
        .collect();
    found.sort();
    found.pop()
}

/// Lists a zip (name -> unix mode) and reads the given members, with python3's zipfile.
fn read_zip(zip: &Path, members: &[&str]) -> (BTreeMap<String, u32>, BTreeMap<String, String>) {
    const SCRIPT: &str = r#"
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
modes = {i.filename: i.external_attr >> 16 for i in z.infolist()}
texts = {m: z.read(m).decode("utf-8") for m in sys.argv[2:] if m in modes}
print(json.dumps({"modes": modes, "texts": texts}))
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .arg(zip)
        .args(members)
        .output()
        .expect("python3 is needed to read the .vsix");
    assert!(
        out.status.success(),
        "could not read {}: {}",
        zip.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let modes = v["modes"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap() as u32))
        .collect();
    let texts = v["texts"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect();
    (modes, texts)
}

#[cfg(all(target_os = "linux", target_arch = "x86_64"))]
fn run_bundled_server(vsix: &Path, server: &str) {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("casenote");
    let ok = Command::new("python3")
            .args([
                "-c",
                "import sys, zipfile; open(sys.argv[3], 'wb').write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))",
            ])
            .arg(vsix)
            .arg(server)
            .arg(&bin)
            .status()
            .unwrap()
            .success();
    assert!(ok, "could not extract {server}");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = Command::new(&bin).arg("config-schema").output().unwrap();
    assert!(out.status.success(), "the bundled server did not run");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        std::fs::read_to_string(Path::new(ROOT).join("casenote.schema.json")).unwrap(),
        "the bundled server was built from other sources (its configuration schema differs)"
    );
}

#[cfg(not(all(target_os = "linux", target_arch = "x86_64")))]
fn run_bundled_server(_vsix: &Path, _server: &str) {
    println!("not run: the bundled linux-x64 server cannot run on this machine");
}

#[test]
fn vsix_has_manifest_bundled_server_and_settings() {
    let required = std::env::var_os("CASENOTE_REQUIRE_VSIX").is_some_and(|v| v == "1");
    let Some(vsix) = vsix_path().filter(|p| p.is_file()) else {
        assert!(
            !required,
            "CASENOTE_REQUIRE_VSIX=1 but there is no .vsix (set CASENOTE_VSIX or run editors/vscode/scripts/package.sh)"
        );
        println!("skipped: no .vsix (run editors/vscode/scripts/ci.sh, or set CASENOTE_VSIX)");
        return;
    };
    let (modes, texts) = read_zip(&vsix, &["extension.vsixmanifest", "extension/package.json"]);

    // The VSIX manifest names the platform; the server for it is inside and executable.
    let vsixmanifest = &texts["extension.vsixmanifest"];
    let target = vsixmanifest
        .split("TargetPlatform=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a platform-specific .vsix names its TargetPlatform");
    assert!(vsixmanifest.contains("Id=\"casenote\""), "{vsixmanifest}");
    let exe = if target.starts_with("win32") {
        "casenote.exe"
    } else {
        "casenote"
    };
    let server = format!("extension/server/{target}/{exe}");
    let mode = *modes
        .get(&server)
        .unwrap_or_else(|| panic!("{} has no bundled server at {server}", vsix.display()));
    if !target.starts_with("win32") {
        assert_eq!(
            mode & 0o111,
            0o111,
            "{server} is not executable (mode {mode:o})"
        );
    }
    let servers: Vec<_> = modes
        .keys()
        .filter(|k| k.starts_with("extension/server/"))
        .collect();
    assert_eq!(
        servers,
        vec![&server],
        "only this platform's server is bundled"
    );

    // On its own platform, the bundled server runs and has this configuration schema.
    if target == "linux-x64" {
        run_bundled_server(&vsix, &server);
    }

    // The extension's manifest: entry point, activation, commands, settings.
    let manifest: Value = serde_json::from_str(&texts["extension/package.json"]).unwrap();
    let main = manifest["main"].as_str().unwrap().trim_start_matches("./");
    assert!(
        modes.contains_key(&format!("extension/{main}")),
        "the bundle {main} is missing"
    );
    let activation: Vec<&str> = manifest["activationEvents"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for event in [
        "onLanguage:plaintext",
        "onLanguage:markdown",
        "workspaceContains:**/casenote.toml",
    ] {
        assert!(activation.contains(&event), "activation lacks {event}");
    }
    let commands: Vec<&str> = manifest["contributes"]["commands"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["command"].as_str())
        .collect();
    for c in [
        "casenote.explainAtCursor",
        "casenote.restartServer",
        "casenote.openConfig",
    ] {
        assert!(commands.contains(&c), "command {c} missing");
    }
    assert!(manifest["dependencies"]["vscode-languageclient"]
        .as_str()
        .is_some_and(|v| v.starts_with("^11")));
    assert_settings_mirror_server(&manifest, "the .vsix's package.json");

    // The README (install, what it shows, privacy) and the licence ship with it.
    for doc in ["extension/readme.md", "extension/license.txt"] {
        assert!(
            modes.keys().any(|k| k.eq_ignore_ascii_case(doc)),
            "{doc} is missing from the .vsix"
        );
    }
    // Nothing that should not ship.
    for name in modes.keys() {
        assert!(
            !name.contains("node_modules/") && !name.starts_with("extension/src/"),
            "{name} should not be in the .vsix"
        );
    }
    println!(
        "checked {} ({target}, {} files)",
        vsix.display(),
        modes.len()
    );
}
