//! `Filter::check` on arbitrary text under every profile: no panic, and the verdict keeps the
//! invariants in `fuzz/invariants.rs` (spans in bounds, on char boundaries, sorted, disjoint;
//! actions from the policy; the verdict's action the strongest).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use saring::{Filter, Profile};

#[path = "../invariants.rs"]
mod invariants;

fn filters() -> &'static [Filter; 3] {
    static FILTERS: OnceLock<[Filter; 3]> = OnceLock::new();
    FILTERS.get_or_init(|| {
        [Profile::Child, Profile::Teen, Profile::Adult]
            .map(|p| Filter::builder().profile(p).build().unwrap())
    })
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the profile; the rest is the text, lossily decoded so that every
    // input exercises the filter.
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let filter = &filters()[usize::from(pick) % 3];
    let text = String::from_utf8_lossy(rest);
    let verdict = filter.check(&text);
    invariants::check_verdict(filter, &text, &verdict);
});
