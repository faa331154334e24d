// One filter, one process: `node bench/runner.mjs NAME WORKLOAD.json` prints one JSON object.
//
// bench/run.mjs starts one of these per filter so that no filter warms the JIT, fills the
// heap or shares a process with another. Every filter gets the same texts (the workload) and
// the same procedure; bench/rustrict-peer does the same for rustrict in Rust and prints the
// same shape:
//   { name, version, runtime, config, bytes, corpus_share, mbps, mbps_passes,
//     comment_us: {median, p99, n}, caption_us: {median, p99, n},
//     eval: {SET: {tp, fp, fn, tn}}, traps: {LIST: {n, flagged}} }

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const require = createRequire(import.meta.url);

function version(pkg) {
  return JSON.parse(fs.readFileSync(path.join(here, "node_modules", pkg, "package.json"), "utf8")).version;
}

// Each peer as its README shows it, with its default word list: none of them offers
// Indonesian except indonesian-badwords (and saring). "flagged" is the peer's own yes/no.
const FILTERS = {
  async saring() {
    const { initSync, Filter } = await import(path.join(root, "pkg/saring.js"));
    initSync({ module: fs.readFileSync(path.join(root, "pkg/saring_bg.wasm")) });
    const filter = new Filter({ profile: "teen" });
    const version = JSON.parse(fs.readFileSync(path.join(root, "pkg/package.json"), "utf8")).version;
    return {
      version,
      runtime: "wasm in Node",
      config: 'new Filter({ profile: "teen" }); flagged = check(text).action !== "allow"',
      flagged: (t) => filter.check(t).action !== "allow",
    };
  },
  async obscenity() {
    const { RegExpMatcher, englishDataset, englishRecommendedTransformers } = await import("obscenity");
    const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
    return {
      version: version("obscenity"),
      config: "RegExpMatcher(englishDataset + englishRecommendedTransformers); hasMatch()",
      flagged: (t) => matcher.hasMatch(t),
    };
  },
  async "@2toad/profanity"() {
    const { profanity } = await import("@2toad/profanity");
    return { version: version("@2toad/profanity"), config: "default instance; exists()", flagged: (t) => profanity.exists(t) };
  },
  async "bad-words"() {
    const { Filter } = await import("bad-words");
    const filter = new Filter();
    return { version: version("bad-words"), config: "new Filter(); isProfane()", flagged: (t) => filter.isProfane(t) };
  },
  async "leo-profanity"() {
    const leo = (await import("leo-profanity")).default;
    return { version: version("leo-profanity"), config: 'default dictionary ("en"); check()', flagged: (t) => leo.check(t) };
  },
  async "glin-profanity"() {
    const { Filter } = await import("glin-profanity");
    const filter = new Filter();
    return { version: version("glin-profanity"), config: "new Filter() (English); isProfane()", flagged: (t) => filter.isProfane(t) };
  },
  async "indonesian-badwords"() {
    const ib = (await import("indonesian-badwords")).default;
    // flag() throws on an empty string; an empty text is not profane.
    return { version: version("indonesian-badwords"), config: "flag()", flagged: (t) => t !== "" && ib.flag(t) };
  },
};

const median = (xs) => percentile([...xs].sort((a, b) => a - b), 0.5);
function percentile(sorted, q) {
  return sorted[Math.round((sorted.length - 1) * q)];
}

function latency(flagged, pool, iters, budgetMs) {
  for (const t of pool.slice(0, 64)) flagged(t);
  const us = [];
  const start = performance.now();
  let sink = 0;
  for (let i = 0; i < iters; i++) {
    const t = pool[i % pool.length];
    const t0 = process.hrtime.bigint();
    sink += flagged(t) ? 1 : 0;
    us.push(Number(process.hrtime.bigint() - t0) / 1e3);
    if (i >= 200 && performance.now() - start > budgetMs) break;
  }
  globalThis.__sink = sink;
  us.sort((a, b) => a - b);
  return { median: percentile(us, 0.5), p99: percentile(us, 0.99), n: us.length };
}

async function main() {
  const [name, workloadPath] = process.argv.slice(2);
  if (!FILTERS[name] || !workloadPath) {
    console.error(`usage: node bench/runner.mjs (${Object.keys(FILTERS).join("|")}) WORKLOAD.json`);
    process.exit(2);
  }
  const w = JSON.parse(fs.readFileSync(workloadPath, "utf8"));
  const f = await FILTERS[name]();
  const { flagged } = f;
  const budgetMs = (w.budget_s ?? 30) * 1000;

  // Warm-up: one pass over the corpus, or as much of it as fits in 5 s. A filter that cannot
  // check the whole corpus in that time is timed on the longest prefix that takes about 3 s a
  // pass (the rows are interleaved, so a prefix keeps the mix of languages); `corpus_share`
  // says how much.
  let sink = 0;
  let warmed = 0;
  const tw = performance.now();
  for (const t of w.corpus) {
    sink += flagged(t) ? 1 : 0;
    warmed++;
    if (performance.now() - tw > 5000) break;
  }
  const texts =
    warmed < w.corpus.length
      ? w.corpus.slice(0, Math.max(100, Math.floor((warmed * 3000) / (performance.now() - tw))))
      : w.corpus;
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, "utf8"), 0);
  const mbps = [];
  const started = performance.now();
  for (let p = 0; p < (w.passes ?? 5); p++) {
    const t0 = performance.now();
    for (const t of texts) sink += flagged(t) ? 1 : 0;
    mbps.push(bytes / 1e6 / ((performance.now() - t0) / 1e3));
    if (p >= 2 && performance.now() - started > budgetMs) break;
  }
  globalThis.__sink = sink;

  const iters = w.latency_iters ?? 20000;
  const comment_us = latency(flagged, w.comments, iters, budgetMs / 10);
  const caption_us = latency(flagged, w.captions, Math.floor(iters / 4), budgetMs / 10);

  const evals = {};
  for (const set of w.evals) {
    const c = { tp: 0, fp: 0, fn: 0, tn: 0 };
    set.texts.forEach((t, i) => {
      const yes = flagged(t);
      const bad = set.labels[i] === 1;
      c[yes ? (bad ? "tp" : "fp") : bad ? "fn" : "tn"]++;
    });
    evals[set.name] = c;
  }
  const traps = {};
  for (const list of w.traps) {
    traps[list.name] = { n: list.words.length, flagged: list.words.filter((t) => flagged(t)).length };
  }
  console.log(
    JSON.stringify({
      name,
      version: f.version,
      runtime: f.runtime ?? "JavaScript in Node",
      config: f.config,
      bytes,
      corpus_share: texts.length / w.corpus.length,
      mbps: median(mbps),
      mbps_passes: mbps,
      comment_us,
      caption_us,
      eval: evals,
      traps,
    }),
  );
}

await main();
