// The shared case tables (tests/cases/*.tsv) through the WebAssembly package: the same
// verdicts and the same spans as the native core, with UTF-16 offsets — proof that the
// binding adds no bugs. Every case is its own test, so one run reports every failure.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { readFileSync } from "node:fs";
import { casesDir, loadPackage, readCases, unescapeCase } from "./support.mjs";

const { Filter } = await loadPackage();
const cases = readCases();
const filters = new Map();
const filterFor = (profile) => {
  if (!filters.has(profile)) filters.set(profile, new Filter({ profile }));
  return filters.get(profile);
};
after(() => {
  for (const f of filters.values()) f.free();
});

test("the case tables exist and are not empty", () => {
  assert.ok(cases.length > 0, "no cases found in tests/cases/*.tsv");
});

const byFile = Map.groupBy ? Map.groupBy(cases, (c) => c.file) : groupBy(cases);
for (const [file, list] of byFile) {
  describe(`tests/cases/${file}`, () => {
    for (const c of list) {
      test(`line ${c.line}: ${c.profile} ${JSON.stringify(c.text).slice(0, 60)}`, () => {
        const v = filterFor(c.profile).check(c.text);
        const got = v.matches.map((m) => ({ category: m.category, text: c.text.slice(m.start, m.end) }));
        assert.deepEqual(
          { action: v.action, hits: got },
          { action: c.action, hits: c.hits },
          `${c.where}: ${JSON.stringify(v)}`,
        );
        // censor masks only, never moves anything: same UTF-16 length.
        assert.equal(filterFor(c.profile).censor(c.text).length, c.text.length, `${c.where}: censor length`);
      });
    }
  });
}

function groupBy(list) {
  const m = new Map();
  for (const c of list) {
    if (!m.has(c.file)) m.set(c.file, []);
    m.get(c.file).push(c);
  }
  return m;
}

// The promotion construction through the package: every gambling hit of the promotion table
// names its rule, and the known errors (tests/cases/promotion-known.txt) are still the same
// errors, as in tests/promotion.rs.
describe("tests/cases/promotion-known.txt", () => {
  const known = readFileSync(new URL("promotion-known.txt", casesDir), "utf8")
    .split(/\r?\n/)
    .map((line, i) => ({ line, where: `tests/cases/promotion-known.txt:${i + 1}` }))
    .filter(({ line }) => line.trim() !== "" && !line.startsWith("#"));
  test("the list is not empty", () => assert.ok(known.length > 0));
  for (const { line, where } of known) {
    const [kind, raw] = line.split("\t");
    const text = unescapeCase(raw, where);
    test(`${where}: still a ${kind}`, () => {
      const v = filterFor("teen").check(text);
      const gambling = v.matches.some((m) => m.category === "gambling");
      assert.ok(kind === "miss" || kind === "false", `${where}: unknown kind ${kind}`);
      assert.equal(gambling, kind === "false", `${where}: fixed? remove it from the list`);
    });
  }
});

test("promotion hits carry rule \"promotion\"", () => {
  for (const c of cases.filter((c) => c.file === "promotion.tsv")) {
    for (const m of filterFor(c.profile).check(c.text).matches) {
      if (m.category === "gambling") assert.equal(m.rule, "promotion", c.where);
    }
  }
});
