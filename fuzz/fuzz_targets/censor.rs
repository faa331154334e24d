//! `Filter::censor` on arbitrary text: no panic; the UTF-16 length is kept; only characters
//! inside the verdict's spans change (to `*`, whitespace kept).
//!
//! Censoring twice does not always equal censoring once yet (the cases are in
//! `tests/properties.rs`, `CENSOR_NOT_IDEMPOTENT`), so this target does not assert it: a
//! known failure would stop every run at its first input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use saring::Filter;

#[path = "../invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    static FILTER: std::sync::OnceLock<Filter> = std::sync::OnceLock::new();
    let filter = FILTER.get_or_init(Filter::new);
    let text = String::from_utf8_lossy(data);
    invariants::check_all(filter, &text);
});
