//! `casenote.schema.json` at the repository root is exactly what `casenote config-schema`
//! prints, so editors validating `casenote.toml` against the shipped file see the settings the
//! program has. Regenerate with `CASENOTE_UPDATE_DOCS=1 cargo test --test schema`.

use std::path::Path;
use std::process::Command;

#[test]
fn shipped_schema_equals_config_schema_output() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("casenote.schema.json");
    // `casenote config-schema` prints the schema with a trailing newline.
    let expected = format!("{}\n", casenote::cli::config_schema());
    if std::env::var_os("CASENOTE_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let shipped = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        shipped == expected,
        "casenote.schema.json is out of date: run `CASENOTE_UPDATE_DOCS=1 cargo test --test schema` \
         (or `cargo run -q -- config-schema > casenote.schema.json`)"
    );
}

#[test]
fn config_schema_command_prints_the_shipped_schema() {
    let out = Command::new(env!("CARGO_BIN_EXE_casenote"))
        .arg("config-schema")
        .output()
        .unwrap();
    assert!(out.status.success());
    let shipped =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("casenote.schema.json"))
            .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), shipped);
}

/// The `#:schema` directive documented in editors/README.md works with Taplo (the TOML
/// language server behind Even Better TOML): a good file passes, a misspelt rule and a wrong
/// value are reported. Runs when `taplo` is on PATH (or at `CASENOTE_TAPLO`; `pip install
/// taplo`), and otherwise prints why it was skipped.
#[test]
fn taplo_validates_casenote_toml_with_the_schema_directive() {
    let taplo = std::env::var_os("CASENOTE_TAPLO").unwrap_or_else(|| "taplo".into());
    if Command::new(&taplo).arg("--version").output().is_err() {
        println!("skipped: taplo is not installed (pip install taplo)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("casenote.schema.json"),
        dir.path().join("casenote.schema.json"),
    )
    .unwrap();
    let check = |name: &str, body: &str| {
        let file = dir.path().join(name);
        std::fs::write(&file, format!("#:schema ./casenote.schema.json\n{body}")).unwrap();
        let out = Command::new(&taplo)
            .arg("check")
            .arg(&file)
            .current_dir(dir.path())
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let (ok, out) = check(
        "good.toml",
        "[rules.long-sentence]\nmax-words = 30\n[calendar]\nregion = \"scotland\"\n",
    );
    assert!(ok, "a valid casenote.toml was rejected:\n{out}");
    let (ok, out) = check("typo.toml", "[rules.long-sentense]\nmax-words = 30\n");
    assert!(!ok && out.contains("long-sentense"), "{out}");
    let (ok, out) = check(
        "value.toml",
        "[rules.long-sentence]\nmax-words = \"many\"\n",
    );
    assert!(!ok && out.contains("integer"), "{out}");
    let (ok, out) = check("region.toml", "[calendar]\nregion = \"wales\"\n");
    assert!(!ok && out.contains("wales"), "{out}");
}
