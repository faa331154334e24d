// The package's TypeScript types (pkg/saring.d.ts from crates/saring-wasm/src/lib.rs, pkg/worker-client.d.ts),
// checked by the compiler: `tsc --noEmit`, strict, on tests/types/example.ts, which imports
// "saring" and "saring/worker" by name from a separate project (node_modules/saring → pkg/),
// so the `exports` map's `types` conditions are what resolve them. The example uses every
// option and result field, and its `@ts-expect-error` lines fail the build if types loosen.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { loadPackage, repoRoot } from "./support.mjs";

const tsc = join(repoRoot, "node_modules", ".bin", "tsc");
const example = join(repoRoot, "tests", "types", "example.ts");
const dir = mkdtempSync(join(tmpdir(), "saring-types-"));
after(() => rmSync(dir, { recursive: true, force: true }));

mkdirSync(join(dir, "node_modules"));
symlinkSync(join(repoRoot, "pkg"), join(dir, "node_modules", "saring"), "dir");
writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));

/** Runs tsc on `file` (in the temp project) with a resolution mode; returns { status, out }. */
function compile(file, resolution) {
  const module = resolution === "bundler" ? "esnext" : "nodenext";
  const config = `tsconfig.${resolution}.json`;
  writeFileSync(
    join(dir, config),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: "es2022",
        module,
        moduleResolution: resolution,
        lib: ["es2022", "dom", "esnext.disposable"],
        types: [],
        skipLibCheck: false,
        noUnusedLocals: false,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
      },
      files: [file],
    }),
  );
  const r = spawnSync(tsc, ["-p", config, "--pretty", "false"], { cwd: dir, encoding: "utf8", timeout: 120_000 });
  return { status: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? r.error.message : ""}` };
}

describe("TypeScript types (tsc --noEmit, strict)", () => {
  test("tsc is installed (root devDependencies)", () => {
    assert.ok(existsSync(tsc), "node_modules/.bin/tsc missing: run make setup (npm ci)");
    assert.ok(existsSync(join(repoRoot, "pkg", "worker-client.d.ts")), "pkg/ is not built with saring/worker");
  });

  copyFileSync(example, join(dir, "example.ts"));
  for (const resolution of ["bundler", "nodenext"]) {
    test(`tests/types/example.ts compiles (moduleResolution ${resolution})`, () => {
      const { status, out } = compile("example.ts", resolution);
      assert.equal(status, 0, `tsc failed:\n${out}`);
    });
  }

  test("the check is live: a wrong usage without its @ts-expect-error fails the build", () => {
    const source = readFileSync(example, "utf8");
    const marker = '// @ts-expect-error: unknown profile\nnew Filter({ profile: "tean" });';
    assert.ok(source.includes(marker), "example.ts changed: update this test's marker");
    writeFileSync(join(dir, "broken.ts"), source.replace(marker, 'new Filter({ profile: "tean" });'));
    const { status, out } = compile("broken.ts", "bundler");
    assert.notEqual(status, 0, "tsc accepted an unknown profile");
    assert.match(out, /broken\.ts\(\d+,\d+\): error TS2322: Type '"tean"' is not assignable to type 'Profile/);
    assert.equal(out.match(/error TS/g).length, 1, `only that line should fail:\n${out}`);
  });

  // The Filter class's declaration is written by hand in crates/saring-wasm/src/lib.rs (skip_typescript), so
  // compare it with the class wasm-bindgen really generated: same members, nothing missing.
  test("saring.d.ts declares exactly the members of the generated Filter class", async () => {
    const dts = readFileSync(join(repoRoot, "pkg", "saring.d.ts"), "utf8");
    const body = dts.match(/^export (?:declare )?class Filter \{\n([\s\S]*?)^\}/m)?.[1];
    assert.ok(body, "no `export class Filter` in pkg/saring.d.ts");
    const declared = [...body.matchAll(/^\s*(?:readonly\s+)?(\w+|\[Symbol\.\w+\])\??\s*[(:]/gm)]
      .map((m) => m[1])
      .filter((name) => name !== "constructor")
      .sort();
    const { Filter } = await loadPackage();
    const actual = Object.getOwnPropertyNames(Filter.prototype)
      .filter((name) => name !== "constructor" && !name.startsWith("__"))
      .concat(
        Object.getOwnPropertySymbols(Filter.prototype).map(
          (sym) => `[Symbol.${Object.getOwnPropertyNames(Symbol).find((k) => Symbol[k] === sym) ?? sym.description}]`,
        ),
      )
      .sort();
    assert.deepEqual(declared, actual);
    const exported = Object.keys(await import(join(repoRoot, "pkg", "saring.js"))).sort();
    for (const name of exported.filter((n) => n !== "default")) {
      assert.match(dts, new RegExp(`export (?:declare )?(?:class|function) ${name}\\b`), `${name} is not declared`);
    }
  });
});
