#!/usr/bin/env node
// Builds the npm package `saring` into pkg/ (what `make pkg` runs).
//
//   cargo build -p saring-wasm --lib --profile wasm-release --target wasm32-unknown-unknown
//   → wasm-bindgen --target web --out-name saring --out-dir pkg
//   → wasm-opt (npm `binaryen`, flags from wasm-pack.toml)
//   → smoke test: the optimized module instantiates and filters a text
//   → pkg/package.json + README.md, size report, size budget.
//
// Settings come from wasm-pack.toml (see the note there: wasm-pack itself does
// not read that file). The npm version is Cargo.toml's.
import { execFileSync } from "node:child_process";
import {
  copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { brotliCompressSync, constants as zc, gzipSync } from "node:zlib";
import { parse as parseToml } from "smol-toml";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const log = (msg) => console.log(`pkg: ${msg}`);
const fail = (msg) => {
  console.error(`pkg: error: ${msg}`);
  process.exit(1);
};

function run(cmd, args, opts = {}) {
  console.log(`$ ${[cmd, ...args].join(" ")}`);
  try {
    return execFileSync(cmd, args, { cwd: root, stdio: "inherit", ...opts });
  } catch (e) {
    fail(`${cmd} failed (${e.status ?? e.message})`);
  }
}

function capture(cmd, args) {
  try {
    return execFileSync(cmd, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    return null;
  }
}

const settings = parseToml(readFileSync(join(root, "wasm-pack.toml"), "utf8"));
// The core's manifest (name, version, description) and the binding crate's (wasm-bindgen pin).
const cargo = parseToml(readFileSync(join(root, "Cargo.toml"), "utf8"));
const binding = parseToml(readFileSync(join(root, "crates/saring-wasm/Cargo.toml"), "utf8"));
const version = cargo.workspace?.package?.version ?? version;

const pkgName = settings.package?.name ?? cargo.package.name;
const outDir = join(root, settings.package?.["out-dir"] ?? "pkg");
const outName = settings.package?.["out-name"] ?? "saring";
const bindgenTarget = settings.package?.target ?? "web";
const profile = settings.build?.profile ?? "release";
const rustTarget = settings.build?.["rust-target"] ?? "wasm32-unknown-unknown";
const optEnabled = settings["wasm-opt"]?.enabled ?? true;
const optFlags = settings["wasm-opt"]?.flags ?? ["-Oz"];
const maxGzip = settings.budget?.["max-gzip-bytes"];

// --- wasm-bindgen CLI must be exactly the crate's pinned version -------------
function pinnedBindgen() {
  for (const table of [binding.dependencies, ...Object.values(binding.target ?? {}).map((t) => t.dependencies)]) {
    const dep = table?.["wasm-bindgen"];
    if (dep) return String(typeof dep === "string" ? dep : dep.version).replace(/^=/, "");
  }
  fail("crates/saring-wasm/Cargo.toml has no wasm-bindgen dependency");
}
const wantBindgen = pinnedBindgen();
const haveBindgen = capture("wasm-bindgen", ["--version"])?.trim().split(/\s+/)[1];
if (haveBindgen !== wantBindgen) {
  fail(
    `wasm-bindgen CLI ${haveBindgen ?? "not found"}, but crates/saring-wasm/Cargo.toml pins ${wantBindgen}: ` +
      `run \`make setup\` (cargo install wasm-bindgen-cli --version ${wantBindgen})`,
  );
}

// --- 1. the wasm32 build ---------------------------------------------------
const t0 = Date.now();
run("cargo", ["build", "-p", binding.package.name, "--lib", "--profile", profile, "--target", rustTarget]);
const meta = JSON.parse(capture("cargo", ["metadata", "--format-version", "1", "--no-deps"]) ?? fail("cargo metadata failed"));
const libName = binding.lib?.name ?? binding.package.name.replaceAll("-", "_");
const profileDir = profile === "dev" ? "debug" : profile;
const wasmIn = join(meta.target_directory, rustTarget, profileDir, `${libName}.wasm`);
if (!existsSync(wasmIn)) fail(`${wasmIn} was not built (is crate-type "cdylib" in crates/saring-wasm/Cargo.toml?)`);

// --- 2. wasm-bindgen -------------------------------------------------------
// Everything is built in a staging folder and moved into place at the end, so that a
// failed or concurrent build never leaves a half-built pkg/ behind.
const finalDir = outDir;
const stageDir = `${finalDir}.build-${process.pid}`;
rmSync(stageDir, { recursive: true, force: true });
mkdirSync(stageDir, { recursive: true });
process.on("exit", () => rmSync(stageDir, { recursive: true, force: true }));
run("wasm-bindgen", ["--target", bindgenTarget, "--out-name", outName, "--out-dir", stageDir, wasmIn]);
const wasmOut = join(stageDir, `${outName}_bg.wasm`);
const jsOut = join(stageDir, `${outName}.js`);
const rawBefore = readFileSync(wasmOut).length;

// --- 3. wasm-opt (npm binaryen) ---------------------------------------------
if (optEnabled) {
  const wasmOpt = join(root, "node_modules", ".bin", "wasm-opt");
  if (!existsSync(wasmOpt)) fail("node_modules/.bin/wasm-opt not found: run `make setup` (npm ci)");
  const tmp = `${wasmOut}.opt`;
  run(wasmOpt, [...optFlags, wasmOut, "-o", tmp]);
  renameSync(tmp, wasmOut);
}

// --- 4. smoke test: the optimized module must start and filter --------------
{
  const bytes = readFileSync(wasmOut);
  if (!WebAssembly.validate(bytes)) fail(`${relative(root, wasmOut)} does not validate after wasm-opt`);
  const mod = await import(pathToFileURL(jsOut).href);
  if (typeof mod.initSync !== "function") fail(`${outName}.js has no initSync (wasm-bindgen --target ${bindgenTarget}?)`);
  mod.initSync({ module: bytes });
  if (typeof mod.Filter === "function") {
    const f = new mod.Filter({});
    const v = f.check("halo dunia");
    f.free();
    if (!v || typeof v.action !== "string" || !Array.isArray(v.matches)) {
      fail(`smoke test: Filter.check returned ${JSON.stringify(v)}`);
    }
    log(`smoke test: module starts, check("halo dunia") → ${v.action}`);
    // The TypeScript `Language` union comes from the registry, through `languages()`, so adding
    // a language folder needs no edit here or in the binding.
    if (typeof mod.languages === "function") {
      const dts = join(stageDir, `${outName}.d.ts`);
      const placeholder = "export type Language = string;";
      const text = readFileSync(dts, "utf8");
      if (!text.includes(placeholder)) fail(`${outName}.d.ts has no "${placeholder}" line to narrow`);
      const codes = mod.languages().map((l) => JSON.stringify(l.code));
      if (codes.length === 0) fail("languages() is empty");
      writeFileSync(dts, text.replace(placeholder, `export type Language = ${codes.join(" | ")};`));
      log(`types: Language = ${codes.join(" | ")}`);
    }
  } else {
    log("smoke test: module starts (no Filter export yet)");
  }
}

// --- 5. package.json, README, licences -------------------------------------
const files = [`${outName}.js`, `${outName}.d.ts`, `${outName}_bg.wasm`, `${outName}_bg.wasm.d.ts`]
  .filter((f) => existsSync(join(stageDir, f)));
for (const lic of ["LICENSE-MIT", "LICENSE-APACHE", "LICENSE"]) {
  if (existsSync(join(root, lic))) {
    copyFileSync(join(root, lic), join(stageDir, lic));
    files.push(lic);
  }
}
files.push("README.md");
// Hand-written files beside the generated ones (www/pkg-extra/): saring/worker, the promise
// API over a Web Worker; saring-node.js, the Node entry whose init() reads the .wasm file
// itself; saring/guard, the input guard (www/guard.js, the same module the demo and the
// extension use) with its types and an optional stylesheet.
const extras = [
  "worker-client.js", "worker-client.d.ts", "worker.js", "saring-node.js",
  "guard-entry.js", "guard-entry.d.ts", "guard.css",
].map((f) => [join(root, "www", "pkg-extra", f), f]);
extras.push([join(root, "www", "guard.js"), "guard.js"]);
for (const [src, f] of extras) {
  if (!existsSync(src)) fail(`${relative(root, src)} is missing`);
  copyFileSync(src, join(stageDir, f));
  files.push(f);
}
// The guard must stand alone in the package: no import of another file of the repository.
const guardImports = [...readFileSync(join(stageDir, "guard.js"), "utf8").matchAll(/^\s*import\s[^;]*?from\s*["']([^"']+)["']/gm)]
  .map((m) => m[1]);
if (guardImports.length) fail(`www/guard.js imports ${guardImports.join(", ")}, which the package does not ship`);
const pkgJson = {
  name: pkgName,
  version: version,
  description: cargo.package.description,
  license: cargo.workspace?.package?.license ?? "MIT OR Apache-2.0",
  ...(cargo.package.repository ? { repository: cargo.package.repository } : {}),
  keywords: cargo.package.keywords,
  type: "module",
  main: `./${outName}.js`,
  module: `./${outName}.js`,
  types: `./${outName}.d.ts`,
  exports: {
    // Node takes saring-node.js, whose init() reads the .wasm from the package folder.
    ".": { types: `./${outName}.d.ts`, node: "./saring-node.js", default: `./${outName}.js` },
    "./worker": { types: "./worker-client.d.ts", default: "./worker-client.js" },
    "./guard": { types: "./guard-entry.d.ts", default: "./guard-entry.js" },
    "./guard.css": "./guard.css",
    [`./${outName}_bg.wasm`]: `./${outName}_bg.wasm`,
    "./package.json": "./package.json",
  },
  files,
  sideEffects: false,
};
writeFileSync(join(stageDir, "package.json"), `${JSON.stringify(pkgJson, null, 2)}\n`);
writeFileSync(
  join(stageDir, "README.md"),
  `# ${pkgName}

Screens captions and comments (Indonesian and English) for abuse **in the browser, as people
type** — nothing leaves the device. WebAssembly build of the Rust crate \`saring\`
(version ${version}); generated by \`make pkg\`, do not edit.

\`\`\`js
import init, { Filter } from "${pkgName}";
await init();                       // browsers fetch saring_bg.wasm; Node reads it
const filter = new Filter({ profile: "teen" });          // "child" | "teen" | "adult"
const v = filter.check("dasar anjing lu");
// v.action: "allow" | "warn" | "block"
// v.matches: [{ start, end, category, severity, term, evasions }]  (UTF-16 offsets)
filter.censor("dasar anjing lu");   // "dasar ****** lu"
filter.free();
\`\`\`

For very long texts, \`${pkgName}/worker\` runs the same filter in a Web Worker:

\`\`\`js
import { createFilterWorker } from "${pkgName}/worker";
const w = await createFilterWorker({ profile: "teen" });   // rejects on bad options
const v = await w.check(longText);  // same verdict as filter.check, off the main thread
w.terminate();
\`\`\`

The input guard (highlights, refuses to send, announces the verdict) for a page's fields:

\`\`\`js
import { guard } from "${pkgName}/guard";   // optional default look: "${pkgName}/guard.css"
guard(document.querySelector("textarea"), { filter });
\`\`\`

A client-side filter can be bypassed: re-check on the server with the same crate or its CLI.

Licence: ${pkgJson.license}.
`,
);

// --- 6. sizes and budget ----------------------------------------------------
const wasm = readFileSync(wasmOut);
const gz = gzipSync(wasm, { level: 9 }).length;
const br = brotliCompressSync(wasm, {
  params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: wasm.length },
}).length;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
log(`built ${relative(root, finalDir)}/ (${pkgName}@${version}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
log(
  `${outName}_bg.wasm: raw ${wasm.length} B (${kb(wasm.length)}; before wasm-opt ${kb(rawBefore)}), ` +
    `gzip ${gz} B (${kb(gz)}), brotli ${br} B (${kb(br)})`,
);
if (typeof maxGzip === "number") {
  if (gz > maxGzip) fail(`gzip size ${gz} B is over the budget of ${maxGzip} B (wasm-pack.toml [budget])`);
  log(`budget: gzip ${gz} B ≤ ${maxGzip} B (${((100 * gz) / maxGzip).toFixed(0)}%)`);
}

// --- 7. move into place ------------------------------------------------------
for (let attempt = 0; ; attempt++) {
  rmSync(finalDir, { recursive: true, force: true });
  try {
    renameSync(stageDir, finalDir);
    break;
  } catch (e) {
    // Another build put its pkg/ in place between our rm and rename: replace it.
    if (attempt >= 3 || !["ENOTEMPTY", "EEXIST"].includes(e.code)) fail(`could not move ${stageDir} to ${finalDir}: ${e.message}`);
  }
}
