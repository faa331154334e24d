//! Custom term and allow files (the CLI's `--terms` and `--allow`): parsing never panics, a bad
//! file is an error (never a panic in the build), and a filter built from whatever parsed checks
//! and censors text with every invariant kept.
//!
//! Input: `terms file` NUL `allow words, one per line` NUL `text`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use saring::{Filter, Language, Term};

#[path = "../invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0);
    let terms = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let allow = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let text = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let Ok(terms) = Term::parse_file("fuzz.tsv", &terms) else {
        return;
    };
    // English only: a smaller lexicon keeps the per-input build cheap.
    let built = Filter::builder()
        .languages([Language::English])
        .extra_terms(terms)
        .allow_terms(allow.lines())
        .build();
    let Ok(filter) = built else {
        return;
    };
    invariants::check_all(&filter, &text);
});
