//! rustrict, native, as a peer in `make bench`.
//!
//! Usage: `rustrict-peer WORKLOAD.json` — the workload that bench/run.mjs writes (the same
//! texts every Node runner gets). Prints one JSON object on stdout, in the shape of
//! bench/runner.mjs: throughput, comment and caption latency, accuracy per eval set, and the
//! share of each trap list flagged. "Flagged" is rustrict's own `is_inappropriate()`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use rustrict::CensorStr;
use serde_json::{json, Value};

fn flagged(text: &str) -> bool {
    text.is_inappropriate()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array of strings")
        .iter()
        .map(|s| s.as_str().expect("string").to_owned())
        .collect()
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted[i]
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    percentile(&v, 0.5)
}

/// Times each check on its own, cycling through the pool, for `iters` checks (µs).
fn latency(pool: &[String], iters: usize, budget: Duration) -> Value {
    for t in pool.iter().take(64) {
        black_box(flagged(t));
    }
    let start = Instant::now();
    let mut us = Vec::with_capacity(iters);
    for i in 0..iters {
        let t = &pool[i % pool.len()];
        let t0 = Instant::now();
        black_box(flagged(black_box(t)));
        us.push(t0.elapsed().as_secs_f64() * 1e6);
        if i >= 200 && start.elapsed() > budget {
            break;
        }
    }
    us.sort_by(|a, b| a.partial_cmp(b).unwrap());
    json!({ "median": percentile(&us, 0.5), "p99": percentile(&us, 0.99), "n": us.len() })
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: rustrict-peer WORKLOAD.json");
    let workload: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read workload"))
            .expect("parse workload");
    let corpus = strings(&workload["corpus"]);
    let comments = strings(&workload["comments"]);
    let captions = strings(&workload["captions"]);
    let passes = workload["passes"].as_u64().unwrap_or(5) as usize;
    let budget = Duration::from_secs_f64(workload["budget_s"].as_f64().unwrap_or(30.0));

    // Warm-up: one pass, or as much of one as fits in 5 s; a filter too slow for the whole
    // corpus is timed on the prefix that takes about 3 s a pass (as bench/runner.mjs does).
    let mut sink = 0usize;
    let mut warmed = 0usize;
    let tw = Instant::now();
    for t in &corpus {
        sink += flagged(t) as usize;
        warmed += 1;
        if tw.elapsed() > Duration::from_secs(5) {
            break;
        }
    }
    let texts = if warmed < corpus.len() {
        let n = (warmed as f64 * 3.0 / tw.elapsed().as_secs_f64()) as usize;
        &corpus[..n.clamp(100.min(corpus.len()), corpus.len())]
    } else {
        &corpus[..]
    };
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut mbps = Vec::new();
    let started = Instant::now();
    for p in 0..passes {
        let t0 = Instant::now();
        for t in texts {
            sink += flagged(black_box(t)) as usize;
        }
        mbps.push(bytes as f64 / 1e6 / t0.elapsed().as_secs_f64());
        if p >= 2 && started.elapsed() > budget {
            break;
        }
    }
    black_box(sink);

    let iters = workload["latency_iters"].as_u64().unwrap_or(20_000) as usize;
    let comment = latency(&comments, iters, budget / 10);
    let caption = latency(&captions, iters / 4, budget / 10);

    let mut evals = serde_json::Map::new();
    for set in workload["evals"].as_array().expect("evals") {
        let texts = strings(&set["texts"]);
        let labels: Vec<u64> = set["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_u64().unwrap())
            .collect();
        let (mut tp, mut fp, mut fneg, mut tn) = (0u64, 0u64, 0u64, 0u64);
        for (t, &l) in texts.iter().zip(&labels) {
            match (flagged(t), l == 1) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fneg += 1,
                (false, false) => tn += 1,
            }
        }
        evals.insert(
            set["name"].as_str().unwrap().to_owned(),
            json!({ "tp": tp, "fp": fp, "fn": fneg, "tn": tn }),
        );
    }

    let mut traps = serde_json::Map::new();
    for list in workload["traps"].as_array().expect("traps") {
        let words = strings(&list["words"]);
        let hit = words.iter().filter(|w| flagged(w)).count();
        traps.insert(
            list["name"].as_str().unwrap().to_owned(),
            json!({ "n": words.len(), "flagged": hit }),
        );
    }

    let out = json!({
        "name": "rustrict",
        "version": "0.7.39",
        "runtime": "native (Rust, release)",
        "config": "default; flagged = is_inappropriate()",
        "bytes": bytes,
        "corpus_share": texts.len() as f64 / corpus.len() as f64,
        "mbps": median(&mbps),
        "mbps_passes": mbps,
        "comment_us": comment,
        "caption_us": caption,
        "eval": evals,
        "traps": traps,
    });
    println!("{out}");
}
