// The README's first example, run verbatim as a user would: a separate project with the
// package in node_modules (as `npm install ./pkg` leaves it), `import init, { Filter } from
// "saring"; await init();` in plain Node — no bytes handed to init, no fetch.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { repoRoot } from "./support.mjs";

/** The fenced ```js blocks of a Markdown text, in order. */
function jsBlocks(markdown) {
  return [...markdown.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

describe("README", () => {
  const dir = mkdtempSync(join(tmpdir(), "saring-readme-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("the first example runs verbatim in Node and gives the verdict its comment shows", () => {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const example = jsBlocks(readme).find((b) => b.startsWith('import init, { Filter } from "saring";'));
    assert.ok(example, 'README.md has no ```js block starting with import init, { Filter } from "saring";');
    assert.match(example, /^await init\(\);$/m, "the example starts the module with a bare init()");
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(join(repoRoot, "pkg"), join(dir, "node_modules", "saring"), "dir");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
    // The example as written, then one line that prints what it computed.
    writeFileSync(join(dir, "example.js"), `${example}\nconsole.log(JSON.stringify(v));\n`);
    const out = execFileSync(process.execPath, ["example.js"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
    const v = JSON.parse(out);
    assert.equal(v.action, "block");
    assert.deepEqual(
      v.matches.map((m) => [m.start, m.end, m.category, m.severity, m.term, m.evasions]),
      [[6, 12, "insult", 2, "anjing", ["leetspeak"]]],
    );
  });
});
