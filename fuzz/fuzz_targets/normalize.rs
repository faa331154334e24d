//! `normalize::normalize` on arbitrary text: no panic; `origin.len() == text.len()`; every
//! origin a non-empty, in-bounds, char-boundary range of the input, never going back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use saring::__private::{normalize_into, Folded};

#[path = "../invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut folded = Folded::default();
    normalize_into(&text, &mut folded);
    invariants::check_folded(&text, &folded);
});
