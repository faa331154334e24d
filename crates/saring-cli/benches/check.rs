//! `cargo bench --bench check`: the native core's speed (criterion), part of `make bench`.
//!
//! - `throughput/mixed-corpus`: every text of the mixed Indonesian + English corpus checked
//!   once per iteration, reported as bytes per second.
//! - `latency/comment-150` and `latency/caption-2200`: one check of a 150- or 2,200-character
//!   text, cycling through a pool of different texts so no single text is measured alone.
//!
//! The corpus is built at run time from the labeled evaluation sets in `../shared/data/eval/`
//! (override with `SARING_EVAL_DIR`); they are for measuring only and are never copied into the
//! repository. When the folder is missing, the benchmarks say so and measure nothing.
//! bench/run.mjs builds the very same texts for the Node and browser runs (see `corpus()`).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use saring::{Filter, Profile};

mod corpus;
use corpus::{corpus, eval_dir};

/// Characters (Unicode scalar values) in a comment and in a caption.
const COMMENT_CHARS: usize = 150;
const CAPTION_CHARS: usize = 2_200;
/// How many different comments and captions the latency benchmarks cycle through.
const COMMENTS: usize = 256;
const CAPTIONS: usize = 64;

/// `count` consecutive pieces of exactly `chars` characters of the corpus joined by spaces.
fn pieces(texts: &[String], chars: usize, count: usize) -> Vec<String> {
    let stream: Vec<char> = texts.join(" ").chars().take(chars * count).collect();
    stream
        .chunks_exact(chars)
        .map(|c| c.iter().collect())
        .collect()
}

fn benches(c: &mut Criterion) {
    let Some(texts) = corpus() else {
        eprintln!(
            "benches/check.rs: no evaluation sets in {} — skipping the native benchmarks",
            eval_dir().display()
        );
        return;
    };
    let filter = Filter::builder().profile(Profile::Teen).build().unwrap();
    let bytes: usize = texts.iter().map(String::len).sum();

    let mut group = c.benchmark_group("throughput");
    group.throughput(Throughput::Bytes(bytes as u64));
    // One iteration checks the whole corpus (a fraction of a second): flat sampling keeps
    // the run to a few seconds instead of the 55 iterations linear sampling needs.
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("mixed-corpus", |b| {
        b.iter(|| {
            let mut flagged = 0usize;
            for text in &texts {
                flagged += (filter.check(black_box(text)).action != saring::Action::Allow) as usize;
            }
            flagged
        })
    });
    group.finish();

    let mut group = c.benchmark_group("latency");
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    for (name, chars, count) in [
        ("comment-150", COMMENT_CHARS, COMMENTS),
        ("caption-2200", CAPTION_CHARS, CAPTIONS),
    ] {
        let pool = pieces(&texts, chars, count);
        let mut i = 0;
        group.bench_function(name, |b| {
            b.iter(|| {
                i = (i + 1) % pool.len();
                filter.check(black_box(&pool[i]))
            })
        });
    }
    group.finish();
}

criterion_group!(check, benches);
criterion_main!(check);
