//! The mixed corpus the benchmarks measure on, built from the labeled evaluation sets at run
//! time. Shared by the criterion benchmark (`benches/check.rs`) and the profiling driver
//! (`bench/profile`, which includes this file by path), so both measure the same texts; a
//! crate two folders below the repository root finds `../shared/data/eval` the same way.

use std::path::PathBuf;

/// `SARING_EVAL_DIR`, or `../shared/data/eval` beside the repository.
pub fn eval_dir() -> PathBuf {
    match std::env::var_os("SARING_EVAL_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/eval"),
    }
}

/// The mixed corpus: the `text` of every row of every `*.jsonl` file, files in name order,
/// interleaved round-robin (row 0 of each file, then row 1 of each, …) so Indonesian and
/// English alternate. bench/run.mjs does exactly the same.
pub fn corpus() -> Option<Vec<String>> {
    let dir = eval_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let sets: Vec<Vec<String>> = files
        .iter()
        .map(|path| {
            std::fs::read_to_string(path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|line| {
                    let row: serde_json::Value = serde_json::from_str(line)
                        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                    row["text"].as_str().unwrap_or_default().to_owned()
                })
                .collect()
        })
        .collect();
    let longest = sets.iter().map(Vec::len).max()?;
    let mut texts = Vec::new();
    for i in 0..longest {
        for set in &sets {
            if let Some(text) = set.get(i) {
                texts.push(text.clone());
            }
        }
    }
    Some(texts)
}
