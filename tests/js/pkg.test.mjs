// The built package as npm would publish it: package.json fields, the files it ships, and an
// import by name ("saring") through its `exports` map from a separate project.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { parse as parseToml } from "smol-toml";
import { repoRoot } from "./support.mjs";

const pkgDir = join(repoRoot, "pkg");
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
const cargo = parseToml(readFileSync(join(repoRoot, "Cargo.toml"), "utf8"));

describe("pkg/package.json", () => {
  const expected = [
    ["name", "saring"],
    ["version", cargo.workspace.package.version],
    ["type", "module"],
    ["license", "MIT OR Apache-2.0"],
    ["sideEffects", false],
    ["types", "./saring.d.ts"],
  ];
  for (const [field, value] of expected) {
    test(`${field} is ${JSON.stringify(value)}`, () => assert.equal(pkg[field], value));
  }

  test('exports "." (types first, then Node\'s entry) and "./saring_bg.wasm"', () => {
    assert.deepEqual(Object.keys(pkg.exports["."]), ["types", "node", "default"]);
    assert.equal(pkg.exports["."].node, "./saring-node.js");
    assert.equal(pkg.exports["."].default, "./saring.js");
    assert.equal(pkg.exports["./saring_bg.wasm"], "./saring_bg.wasm");
  });

  test("every listed file exists, and the essentials are listed", () => {
    for (const f of pkg.files) assert.ok(existsSync(join(pkgDir, f)), `${f} missing`);
    for (const f of ["saring.js", "saring_bg.wasm", "saring.d.ts", "README.md"]) {
      assert.ok(pkg.files.includes(f), `${f} not in files`);
    }
  });

  test("npm pack would ship exactly the listed files", () => {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: pkgDir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    const shipped = JSON.parse(out)[0].files.map((f) => f.path).sort();
    assert.deepEqual(shipped, [...new Set([...pkg.files, "package.json"])].sort());
  });
});

describe("import by package name", () => {
  const dir = mkdtempSync(join(tmpdir(), "saring-consumer-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('a separate ES module project can `import ... from "saring"` and use it', () => {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(pkgDir, join(dir, "node_modules", "saring"), "dir");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
    writeFileSync(
      join(dir, "app.js"),
      `import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { initSync, Filter } from "saring";
const require = createRequire(import.meta.url);
const wasm = require.resolve("saring/saring_bg.wasm");
initSync({ module: readFileSync(wasm) });
const f = new Filter({ profile: "teen" });
console.log(JSON.stringify({ v: f.check("dasar anjing lu"), c: f.censor("dasar anjing lu") }));
f.free();
`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ["app.js"], { cwd: dir, encoding: "utf8" }));
    assert.equal(out.v.action, "block");
    assert.equal(out.c, "dasar ****** lu");
  });

  test('"saring/guard" exports the input guard as guard (and attachGuard), with its stylesheet', () => {
    writeFileSync(
      join(dir, "guard.js"),
      `import * as g from "saring/guard";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
const css = readFileSync(createRequire(import.meta.url).resolve("saring/guard.css"), "utf8");
console.log(JSON.stringify({ guard: typeof g.guard, same: g.guard === g.attachGuard, css: css.includes(".saring-hit") }));
`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ["guard.js"], { cwd: dir, encoding: "utf8" }));
    assert.deepEqual(out, { guard: "function", same: true, css: true });
  });
});
