#!/usr/bin/env node
// `make bench`: saring side by side with the filters web developers use today, in one run.
//
//   node bench/run.mjs            (what `make bench` runs, from the repository root)
//
// 1. native     criterion (crates/saring-cli/benches/check.rs): MB/s over the mixed corpus, comment and caption
// 2. Node       one process per filter (bench/runner.mjs; rustrict natively through
//               bench/rustrict-peer), the same texts for all: MB/s, latency, accuracy, traps
// 3. Chromium   cold start and per-keystroke latency of the package in a page (bench/chromium.mjs)
// 4. size       the .wasm (raw, gzip, brotli) and every filter's minified JS bundle
//
// It prints one markdown table and writes it to bench/results.md (a partial run, with
// BENCH_SKIP or BENCH_FILTERS, to bench/out/results.md). Raw figures go to bench/out/. The texts come from ../shared/data/ at run time; they are for
// measuring only and are never copied into the repository.
//
// Environment: SARING_EVAL_DIR (default ../shared/data/eval), BENCH_FILTERS (comma list, to
// measure only some filters), BENCH_SKIP (comma list of: native, node, chromium, size),
// BENCH_PKG=keep (measure pkg/ as it is even when src/ is newer; by default it is rebuilt).

import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const data = path.resolve(root, "../shared/data");
const evalDir = process.env.SARING_EVAL_DIR ? path.resolve(process.env.SARING_EVAL_DIR) : path.join(data, "eval");
const outDir = path.join(here, "out");
const skip = new Set((process.env.BENCH_SKIP ?? "").split(",").filter(Boolean));

// Keep these equal to crates/saring-cli/benches/check.rs.
const COMMENT_CHARS = 150;
const CAPTION_CHARS = 2200;
const COMMENTS = 256;
const CAPTIONS = 64;
const PASSES = 5;

// Peers in the order of the table; "rustrict" runs natively, the others in Node.
const PEERS = ["rustrict", "obscenity", "@2toad/profanity", "bad-words", "leo-profanity", "glin-profanity", "indonesian-badwords"];
const FILTERS = ["saring", ...PEERS].filter(
  (f) => !process.env.BENCH_FILTERS || process.env.BENCH_FILTERS.split(",").includes(f),
);
// What each filter's browser bundle is made of: the import the runner uses.
const BUNDLE_ENTRY = {
  obscenity: 'export { RegExpMatcher, englishDataset, englishRecommendedTransformers } from "obscenity";',
  "@2toad/profanity": 'export { profanity } from "@2toad/profanity";',
  "bad-words": 'export { Filter } from "bad-words";',
  "leo-profanity": 'export { default } from "leo-profanity";',
  "glin-profanity": 'export { Filter } from "glin-profanity";',
  "indonesian-badwords": 'export { default } from "indonesian-badwords";',
};

const log = (...a) => console.error("bench:", ...a);
const notes = [];

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"], cwd: root, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (status ${r.status})`);
}

function newestMtime(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((e) => newestMtime(path.join(p, e))));
}

// ── set-up ──────────────────────────────────────────────────────────────────────────────

function ensureNodeModules() {
  const installed = path.join(here, "node_modules/.package-lock.json");
  const lock = path.join(here, "package-lock.json");
  if (!fs.existsSync(installed) || fs.statSync(installed).mtimeMs < fs.statSync(lock).mtimeMs) {
    run("npm", ["ci", "--prefix", "bench", "--no-audit", "--no-fund"]);
  }
}

function ensurePkg() {
  const wasm = path.join(root, "pkg/saring_bg.wasm");
  const glue = path.join(root, "pkg/saring.js");
  if (!fs.existsSync(wasm) || !fs.existsSync(glue)) {
    log("pkg/ is missing: building it");
    run("make", ["pkg"]);
  } else if (newestMtime(path.join(root, "src")) > fs.statSync(wasm).mtimeMs) {
    if (process.env.BENCH_PKG === "keep") {
      notes.push("pkg/ is older than src/ and was measured as it is (BENCH_PKG=keep).");
      return;
    }
    log("pkg/ is older than src/: rebuilding it so the figures are of the current code");
    run("make", ["pkg"]);
  }
}

function cargoTargetDir(manifestDir) {
  return process.env.CARGO_TARGET_DIR ? path.resolve(process.env.CARGO_TARGET_DIR) : path.join(manifestDir, "target");
}

function buildRustrict() {
  const dir = path.join(here, "rustrict-peer");
  run("cargo", ["build", "--release", "--locked", "--quiet", "--manifest-path", path.join(dir, "Cargo.toml")]);
  return path.join(cargoTargetDir(dir), "release/rustrict-peer");
}

// ── the texts ───────────────────────────────────────────────────────────────────────────

function readJsonl(file) {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l));
}

/** Same construction as crates/saring-cli/benches/check.rs: eval files in name order, rows interleaved. */
function buildWorkload() {
  if (!fs.existsSync(evalDir)) return null;
  const files = fs.readdirSync(evalDir).filter((f) => f.endsWith(".jsonl")).sort();
  if (files.length === 0) return null;
  const sets = files.map((f) => ({ name: f.replace(/\.jsonl$/, ""), rows: readJsonl(path.join(evalDir, f)) }));
  const corpus = [];
  const longest = Math.max(...sets.map((s) => s.rows.length));
  for (let i = 0; i < longest; i++) for (const s of sets) if (i < s.rows.length) corpus.push(s.rows[i].text ?? "");
  const stream = Array.from(corpus.join(" "));
  const pieces = (chars, count) =>
    Array.from({ length: count }, (_, i) => stream.slice(i * chars, (i + 1) * chars).join("")).filter(
      (p) => Array.from(p).length === chars,
    );
  return {
    corpus,
    comments: pieces(COMMENT_CHARS, COMMENTS),
    captions: pieces(CAPTION_CHARS, CAPTIONS),
    passes: PASSES,
    budget_s: 30,
    latency_iters: 20000,
    evals: sets.map((s) => ({ name: s.name, texts: s.rows.map((r) => r.text ?? ""), labels: s.rows.map((r) => r.label) })),
    traps: readTraps(),
  };
}

function readTraps() {
  const lists = [];
  const dir = path.join(data, "traps");
  if (fs.existsSync(dir)) {
    for (const f of fs.readdirSync(dir).sort()) {
      const lines = fs.readFileSync(path.join(dir, f), "utf8").split("\n").map((l) => l.replace(/\r$/, ""));
      let words;
      if (f.endsWith(".tsv")) {
        const header = lines[0].split("\t");
        let col = header.indexOf("word");
        if (col < 0) col = header.indexOf("term");
        if (col < 0) continue;
        words = lines.slice(1).filter((l) => l.trim() !== "").map((l) => l.split("\t")[col]);
      } else {
        words = lines.map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
      }
      lists.push({ name: f.replace(/\.(tsv|txt)$/, ""), words });
    }
  }
  const whitelist = path.join(data, "lexicon-sources/id-kata-kasar/whitelist.json");
  if (fs.existsSync(whitelist)) {
    const obj = JSON.parse(fs.readFileSync(whitelist, "utf8"));
    lists.push({ name: "id-kata-kasar-whitelist", words: Object.values(obj).flat() });
  }
  return lists;
}

// ── 1. native (criterion) ───────────────────────────────────────────────────────────────

function native(bytes) {
  const crit = path.join(cargoTargetDir(root), "criterion");
  for (const g of ["throughput", "latency"]) fs.rmSync(path.join(crit, g), { recursive: true, force: true });
  run("cargo", ["bench", "-p", "saring-cli", "--bench", "check", "--quiet"]);
  const est = (id) => {
    const f = path.join(crit, id, "new/estimates.json");
    if (!fs.existsSync(f)) return null;
    const e = JSON.parse(fs.readFileSync(f, "utf8"));
    return { mean_ns: e.mean.point_estimate, median_ns: e.median.point_estimate };
  };
  const t = est("throughput/mixed-corpus");
  const c = est("latency/comment-150");
  const p = est("latency/caption-2200");
  return {
    mbps: t ? (bytes / t.mean_ns) * 1e3 : null,
    comment_us: c ? c.median_ns / 1e3 : null,
    caption_us: p ? p.median_ns / 1e3 : null,
  };
}

// ── 2. Node and rustrict, one process each ──────────────────────────────────────────────

function measure(name, workloadFile, rustrictBin) {
  log(`measuring ${name}`);
  const [cmd, args] =
    name === "rustrict" ? [rustrictBin, [workloadFile]] : [process.execPath, [path.join(here, "runner.mjs"), name, workloadFile]];
  const out = execFileSync(cmd, args, { cwd: root, maxBuffer: 1 << 26, timeout: 10 * 60_000, stdio: ["ignore", "pipe", "inherit"] });
  return JSON.parse(out.toString());
}

// ── 4. size ─────────────────────────────────────────────────────────────────────────────

function sizes(buf) {
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}

async function bundle(contents, resolveDir) {
  const esbuild = (await import(pathToFileURL(path.join(here, "node_modules/esbuild/lib/main.js")).href)).default;
  const r = await esbuild.build({
    stdin: { contents, resolveDir, loader: "js" },
    bundle: true,
    minify: true,
    write: false,
    format: "esm",
    platform: "browser",
    logLevel: "silent",
  });
  return Buffer.from(r.outputFiles[0].contents);
}

async function measureSizes() {
  const out = {};
  out.saring = {
    wasm: sizes(fs.readFileSync(path.join(root, "pkg/saring_bg.wasm"))),
    js: sizes(await bundle('export * from "./saring.js"; export { default } from "./saring.js";', path.join(root, "pkg"))),
  };
  for (const [name, entry] of Object.entries(BUNDLE_ENTRY)) {
    try {
      out[name] = { js: sizes(await bundle(entry, here)) };
    } catch (e) {
      out[name] = { error: String(e.message ?? e).split("\n")[0] };
    }
  }
  return out;
}

// ── the table ───────────────────────────────────────────────────────────────────────────

const f1 = (x, d = 1) => (x == null || Number.isNaN(x) ? "—" : x.toFixed(d));
const num = (x) => {
  if (x == null || Number.isNaN(x)) return "—";
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  return x.toFixed(2);
};
const kb = (n) => (n == null ? "—" : `${(n / 1000).toFixed(1)}`);

function prf({ tp, fp, fn }) {
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  const f = p + r ? (2 * p * r) / (p + r) : 0;
  return `${p.toFixed(2)} / ${r.toFixed(2)} / ${f.toFixed(2)}`;
}

function table({ results, nativeRes, chromium, size, workload }) {
  const cols = FILTERS;
  const head = (n) => {
    const r = results[n];
    if (n === "saring") return "**saring** (wasm)";
    return `${n}${n === "rustrict" ? " (native)" : ""}`;
  };
  const rows = [];
  const row = (figure, target, f) => rows.push([figure, target, ...cols.map((n) => f(n))]);
  const section = (title) => rows.push([`**${title}**`, "", ...cols.map(() => "")]);
  const get = (n, fn) => {
    const r = results[n];
    if (!r) return "—";
    if (r.error) return "failed";
    return fn(r);
  };

  row("version", "", (n) => get(n, (r) => r.version));
  section("Node 20, one process per filter (rustrict: native Rust)");
  row("throughput, mixed corpus (MB/s)", "≥ 100", (n) =>
    get(n, (r) => (r.corpus_share < 1 ? `${num(r.mbps)} (first ${Math.ceil(100 * r.corpus_share)} %)` : num(r.mbps))),
  );
  row("comment, 150 chars: median / p99 (µs)", "≤ 5", (n) => get(n, (r) => `${num(r.comment_us.median)} / ${num(r.comment_us.p99)}`));
  row("caption, 2,200 chars: median / p99 (µs)", "≤ 30", (n) => get(n, (r) => `${num(r.caption_us.median)} / ${num(r.caption_us.p99)}`));
  section("Native Rust, criterion (saring's core)");
  row("throughput, mixed corpus (MB/s)", "", (n) => (n === "saring" && nativeRes ? num(nativeRes.mbps) : ""));
  row("comment / caption, median (µs)", "", (n) =>
    n === "saring" && nativeRes ? `${num(nativeRes.comment_us)} / ${num(nativeRes.caption_us)}` : "",
  );
  if (workload) {
    section("Accuracy: precision / recall / F1 (flagged: saring action ≠ allow, teen; peers: their yes/no)");
    for (const set of workload.evals) {
      const pos = set.labels.filter((l) => l === 1).length;
      row(`${set.name} (${set.labels.length} rows, ${pos} abusive)`, "", (n) => get(n, (r) => prf(r.eval[set.name])));
    }
    section("Innocent words flagged (share of the trap list; lower is better)");
    for (const list of workload.traps) {
      row(`${list.name} (${list.words.length})`, "", (n) =>
        get(n, (r) => `${((100 * r.traps[list.name].flagged) / r.traps[list.name].n).toFixed(1)} %`),
      );
    }
  }
  section(`Chromium ${chromium?.version ?? ""} headless (saring only)`);
  const ch = (fn) => (n) => (n !== "saring" ? "" : chromium?.error ? "failed" : chromium ? fn(chromium) : "—");
  row(`cold start: fetch + compile + instantiate + new Filter (ms, median of ${chromium?.cold_ms?.runs ?? "?"})`, "≤ 50", ch(
    (c) =>
      `${num(c.cold_ms.median)} (wasm ${num(c.cold_ms.init)}, new Filter ${num(c.cold_ms.filter)}); ${num(c.cold_ms.with_glue)} with the glue's import`,
  ));
  row("keystroke while typing a comment: median / p99 (µs)", "", ch((c) => (c.keystroke_comment_us ? `${num(c.keystroke_comment_us.median)} / ${num(c.keystroke_comment_us.p99)}` : "—")));
  row("keystroke while typing a caption: median / p99 (µs)", "", ch((c) => (c.keystroke_caption_us ? `${num(c.keystroke_caption_us.median)} / ${num(c.keystroke_caption_us.p99)}` : "—")));
  const guard = (g) =>
    g ? `${num(g.median)} / ${num(g.p99)} (check ${num(g.check_mean)}, render ${num(g.render_mean)} on average)` : "—";
  row("keystroke check + render through the guard, comment: median / p99 (µs)", "p99 ≤ 4,000", ch((c) => guard(c.guard_comment_us)));
  row("keystroke check + render through the guard, caption: median / p99 (µs)", "p99 ≤ 4,000", ch((c) => guard(c.guard_caption_us)));
  section("Size in KB (1,000 bytes): raw / gzip -9 / brotli -q 11");
  const sz = (s) => `${kb(s.raw)} / ${kb(s.gzip)} / ${kb(s.brotli)}`;
  row(".wasm", "gzip ≤ 200", (n) => (n === "saring" && size?.saring ? sz(size.saring.wasm) : n === "rustrict" ? "" : ""));
  row("JS, esbuild --bundle --minify of the import used", "", (n) => {
    if (n === "rustrict") return "(native)";
    const s = size?.[n];
    if (!s) return "—";
    if (s.error) return "failed";
    return sz(s.js);
  });

  const header = ["figure", "target", ...cols.map(head)];
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function machine() {
  const cpu = (os.cpus()[0]?.model ?? "unknown CPU").trim();
  let rustc = "";
  try {
    rustc = execFileSync("rustc", ["--version"]).toString().trim();
  } catch {}
  let commit = "unknown commit";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root }).toString().trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src", "Cargo.toml", "Cargo.lock"], { cwd: root }).toString();
    if (dirty.trim()) commit += " with uncommitted changes in src/ or Cargo.*";
  } catch {}
  return { cpu, nproc: os.availableParallelism?.() ?? os.cpus().length, node: process.version, rustc, commit };
}

// ── main ────────────────────────────────────────────────────────────────────────────────

async function main() {
  const started = Date.now();
  const loadBefore = os.loadavg()[0];
  fs.mkdirSync(outDir, { recursive: true });
  ensureNodeModules();
  ensurePkg();

  const workload = buildWorkload();
  let workloadFile = null;
  if (!workload) {
    notes.push(`No evaluation sets in ${path.relative(root, evalDir)}: throughput, latency and accuracy were skipped.`);
    log(notes.at(-1));
  } else {
    workloadFile = path.join(outDir, "workload.json");
    fs.writeFileSync(workloadFile, JSON.stringify(workload));
  }
  const bytes = workload ? workload.corpus.reduce((n, t) => n + Buffer.byteLength(t), 0) : 0;

  let nativeRes = null;
  if (workload && !skip.has("native") && FILTERS.includes("saring")) {
    try {
      nativeRes = native(bytes);
    } catch (e) {
      notes.push(`native (criterion): ${e.message}`);
    }
  }

  const results = {};
  if (workload && !skip.has("node")) {
    let rustrictBin = null;
    if (FILTERS.includes("rustrict")) {
      try {
        rustrictBin = buildRustrict();
      } catch (e) {
        results.rustrict = { error: e.message };
        notes.push(`rustrict: ${e.message}`);
      }
    }
    for (const name of FILTERS) {
      if (results[name]) continue;
      try {
        results[name] = measure(name, workloadFile, rustrictBin);
      } catch (e) {
        results[name] = { error: String(e.message).split("\n")[0] };
        notes.push(`${name}: ${results[name].error}`);
      }
    }
  }

  let chromium = null;
  if (!skip.has("chromium") && FILTERS.includes("saring")) {
    try {
      let pwPath = path.join(here, "node_modules/playwright-core/index.mjs");
      if (!fs.existsSync(pwPath)) pwPath = path.join(root, "node_modules/playwright-core/index.mjs");
      const playwright = await import(pathToFileURL(pwPath).href);
      const { measureChromium } = await import("./chromium.mjs");
      log("measuring saring in Chromium");
      chromium = await measureChromium({
        root,
        playwright: playwright.default ?? playwright,
        comment: workload?.comments[0],
        caption: workload?.captions[0],
      });
    } catch (e) {
      chromium = { error: String(e.message).split("\n")[0] };
      notes.push(`Chromium: ${chromium.error}`);
    }
  }

  let size = null;
  if (!skip.has("size")) {
    try {
      size = await measureSizes();
      for (const [n, s] of Object.entries(size)) if (s.error) notes.push(`size of ${n}: ${s.error}`);
    } catch (e) {
      notes.push(`size: ${e.message}`);
    }
  }

  fs.writeFileSync(path.join(outDir, "results.json"), JSON.stringify({ results, nativeRes, chromium, size }, null, 2));

  const m = machine();
  const date = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const corpusLine = workload
    ? `Texts: the ${workload.corpus.length} rows of \`../shared/data/eval/*.jsonl\` (${(bytes / 1e6).toFixed(2)} MB UTF-8), Indonesian and English interleaved, each checked on its own; ` +
      `comments and captions are ${workload.comments.length} and ${workload.captions.length} consecutive ${COMMENT_CHARS}- and ${CAPTION_CHARS}-character pieces of them. ` +
      `MB/s: median of ${PASSES} passes after a warm-up pass (a filter too slow to check the whole corpus in 5 s is timed on the prefix that takes about 3 s a pass; the share is shown). Latency: each check timed on its own, cycling through the pieces.`
    : "";
  const md = [
    `## Benchmarks`,
    ``,
    `Measured ${date} at ${m.commit} on ${m.nproc} × ${m.cpu} (\`nproc\` = ${m.nproc}), Node ${m.node}, ${m.rustc}, with \`make bench\` (\`node bench/run.mjs\`), in ${Math.round((Date.now() - started) / 1000)} s; 1-minute load average ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end (figures move with other work on the machine).`,
    ``,
    table({ results, nativeRes, chromium, size, workload }),
    ``,
    corpusLine,
    `Peers run with their defaults, as their READMEs show them (none but indonesian-badwords has Indonesian words); rustrict ${results.rustrict?.version ?? ""} is native Rust (bench/rustrict-peer), \`is_inappropriate()\`. ` +
      `Chromium: cold start in a fresh browser context each time (empty caches), page served from 127.0.0.1, cross-origin isolated ${chromium?.isolated ? "(5 µs clock)" : "(isolation failed: 100 µs clock)"}; a keystroke is one check of the whole text typed so far, every prefix, each timed over several checks; through the guard, one \`input\` event on a textarea under \`attachGuard\` (www/guard.js), timed until the verdict is applied and the highlight and status are drawn (layout and paint not included). ` +
      `JS sizes are esbuild --bundle --minify of the import each runner uses, dependencies included; saring's JS is the wasm-bindgen glue beside the .wasm.`,
    ...(notes.length ? ["", "Problems in this run:", ...notes.map((n) => `- ${n}`)] : []),
    ``,
  ].join("\n");
  // A partial run (BENCH_SKIP, BENCH_FILTERS) must not replace the full table.
  const partial = skip.size > 0 || FILTERS.length < PEERS.length + 1;
  // What follows the table in results.md from its "## Instruction counts" heading on is kept
  // by hand (callgrind figures, see README.md): a run replaces only the table above it.
  const kept = path.join(here, "results.md");
  const previous = fs.existsSync(kept) ? fs.readFileSync(kept, "utf8") : "";
  const at = previous.indexOf("\n## Instruction counts");
  fs.writeFileSync(path.join(partial ? outDir : here, "results.md"), at < 0 ? md : md + previous.slice(at));
  if (!partial) writeReadmeTable(md);
  console.log(md);
}

// The README shows the same table, between two marker comments; a full run rewrites what is
// between them (the "## Benchmarks" heading excepted: the README has its own).
function writeReadmeTable(md) {
  const readme = path.join(root, "README.md");
  const START = "<!-- bench:start (written by make bench) -->";
  const END = "<!-- bench:end -->";
  const text = fs.readFileSync(readme, "utf8");
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) {
    log(`README.md has no ${START} … ${END} block: its table is not updated`);
    return;
  }
  const body = md.replace(/^## Benchmarks\n\n/, "");
  fs.writeFileSync(readme, text.slice(0, from + START.length) + "\n" + body + text.slice(to));
}

await main();
