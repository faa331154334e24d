//! `saring-profile [LIMIT]`: checks the first LIMIT texts (default: all) of the mixed corpus
//! (`../shared/data/eval/*.jsonl`, read by the criterion benchmark's own `corpus` module) with the default
//! filter, and prints the count, bytes, flagged texts and time; `saring-profile 0` builds the
//! filter and nothing else. For callgrind and perf:
//!
//!   valgrind --tool=callgrind --toggle-collect='*check_all*' \
//!     --callgrind-out-file=bench/out/callgrind.out \
//!     bench/profile/target/release/saring-profile
//!   callgrind_annotate --inclusive=yes bench/out/callgrind.out | head -60

use std::time::Instant;

#[path = "../../../crates/saring-cli/benches/corpus/mod.rs"]
mod corpus;

/// The measured loop, kept out of line so callgrind can collect it alone:
/// `--toggle-collect='*check_all*'`.
#[inline(never)]
fn check_all(filter: &saring::Filter, texts: &[String]) -> usize {
    texts
        .iter()
        .filter(|t| filter.check(t).action != saring::Action::Allow)
        .count()
}

fn main() {
    let limit: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("LIMIT: a number"))
        .unwrap_or(usize::MAX);
    // The build first, so `saring-profile 0` under callgrind measures Filter::new() alone.
    let t0 = Instant::now();
    let filter = saring::Filter::new();
    let build = t0.elapsed().as_secs_f64();
    if limit == 0 {
        println!("Filter::new(): {:.2} ms", build * 1e3);
        return;
    }
    let texts: Vec<String> = corpus::corpus()
        .unwrap_or_else(|| panic!("no corpus in {}", corpus::eval_dir().display()))
        .into_iter()
        .take(limit)
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let t0 = Instant::now();
    let flagged = check_all(&filter, &texts);
    let s = t0.elapsed().as_secs_f64();
    println!(
        "{} texts, {} bytes, {} flagged, {:.3} s, {:.1} MB/s",
        texts.len(),
        bytes,
        flagged,
        s,
        bytes as f64 / 1e6 / s
    );
}
