//! Benchmarks of the engine and of the CLI end to end.
//!
//! Targets (issue: core engine): 1,000 words analysed in under 200 µs; 100,000 words under
//! 20 ms; `casenote check note.md` end to end (process start included) under 10 ms.
//! Run: `cargo bench --bench analyse`.

mod support;

use std::process::Command;

use casenote::{Config, DocMeta, Engine};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

fn engine_benches(c: &mut Criterion) {
    let engine = Engine::new(Config::default()).expect("default config");
    let today = jiff::civil::date(2026, 11, 26);
    let meta = DocMeta {
        path: None,
        today: Some(today),
    };
    let mut group = c.benchmark_group("analyse");
    for words in [1_000usize, 5_000, 100_000] {
        let text = support::note(words);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(words), &text, |b, text| {
            b.iter(|| engine.analyse(std::hint::black_box(text), &meta))
        });
    }
    group.finish();
}

fn cli_bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("note.md");
    std::fs::write(&path, support::note(1_000)).expect("write note");
    let exe = env!("CARGO_BIN_EXE_casenote");
    c.bench_function("cli/check-one-1000-word-note", |b| {
        b.iter(|| {
            let out = Command::new(exe)
                .args(["check", "--today", "26/11/2026"])
                .arg(&path)
                .output()
                .expect("run casenote");
            assert!(out.status.code().is_some_and(|c| c <= 1));
        })
    });
}

criterion_group!(benches, engine_benches, cli_bench);
criterion_main!(benches);
