//! `Filter::censor` on arbitrary text: no panic; the UTF-16 length is kept; characters outside
//! the verdict's spans stay, or are masked whole when masking made a new hit around them;
//! whitespace is never masked; censoring the censored text again changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use saring::Filter;

#[path = "../invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    static FILTER: std::sync::OnceLock<Filter> = std::sync::OnceLock::new();
    let filter = FILTER.get_or_init(Filter::new);
    let text = String::from_utf8_lossy(data);
    let (_, once) = invariants::check_all(filter, &text);
    assert_eq!(filter.censor(&once), once, "censoring twice differs from once");
});
