//! `casenote.schema.json` at the repository root is exactly what `casenote config-schema`
//! prints, so editors validating `casenote.toml` against the shipped file see the settings the
//! program has. Regenerate with `CASENOTE_UPDATE_DOCS=1 cargo test --test schema`.

use std::path::Path;

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
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_casenote"))
        .arg("config-schema")
        .output()
        .unwrap();
    assert!(out.status.success());
    let shipped =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("casenote.schema.json"))
            .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), shipped);
}
