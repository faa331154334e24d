// Node start-up paths not covered by api.test.mjs (initSync from bytes) and pkg.test.mjs
// (import by package name): a plain static `import` of pkg/saring.js, initSync and init()
// from a compiled WebAssembly.Module or bytes, and saring/worker's clear error where there
// are no Web Workers. Each runs in its own process, since the module initializes once.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { repoRoot } from "./support.mjs";

const pkgUrl = pathToFileURL(join(repoRoot, "pkg", "/")).href;

/** Runs an ES module source in a fresh Node process; returns its JSON output. */
function runModule(source) {
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", source], {
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(out);
}

const use = `
const f = new Filter({ profile: "teen" });
const text = "😀 dasar 4nj1ng lu";
const v = f.check(text);
console.log(JSON.stringify({ action: v.action, slice: text.slice(v.matches[0].start, v.matches[0].end), censored: f.censor(text) }));
f.free();`;
const expected = { action: "block", slice: "4nj1ng", censored: "😀 dasar ****** lu" };

describe("Node: starting the package", () => {
  test("a plain static import of pkg/saring.js, then initSync({ module: WebAssembly.Module })", () => {
    const out = runModule(`
import { readFileSync } from "node:fs";
import { initSync, Filter } from "${pkgUrl}saring.js";
const module = new WebAssembly.Module(readFileSync(new URL("saring_bg.wasm", "${pkgUrl}")));
initSync({ module });
${use}`);
    assert.deepEqual(out, expected);
  });

  test("await init({ module_or_path: bytes })", () => {
    const out = runModule(`
import { readFileSync } from "node:fs";
import init, { Filter } from "${pkgUrl}saring.js";
await init({ module_or_path: readFileSync(new URL("saring_bg.wasm", "${pkgUrl}")) });
${use}`);
    assert.deepEqual(out, expected);
  });

  test("await init({ module_or_path: WebAssembly.Module })", () => {
    const out = runModule(`
import { readFile } from "node:fs/promises";
import init, { Filter } from "${pkgUrl}saring.js";
const module = await WebAssembly.compile(await readFile(new URL("saring_bg.wasm", "${pkgUrl}")));
await init({ module_or_path: module });
${use}`);
    assert.deepEqual(out, expected);
  });

  test("saring/worker imports in Node and explains that it needs Web Workers", () => {
    const out = runModule(`
import { createFilterWorker, FilterWorker } from "${pkgUrl}worker-client.js";
let message = null;
try { await createFilterWorker({}); } catch (e) { message = e instanceof Error && e.message; }
console.log(JSON.stringify({ message, cls: typeof FilterWorker }));`);
    assert.equal(out.cls, "function");
    assert.match(out.message, /saring\/worker: Web Workers are not available here; use Filter from "saring"/);
  });
});
