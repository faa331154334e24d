//! Custom term and allow files (the CLI's `--terms` and `--allow`): parsing never panics, a bad
//! file is an error (never a panic in the build), and a filter built from whatever parsed checks
//! and censors text with every invariant kept.
//!
//! Input: `terms file` NUL `allow words, one per line` NUL `text`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| invariants::check_terms_input(data));
