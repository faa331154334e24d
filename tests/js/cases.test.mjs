// The shared case tables (tests/cases/*.tsv) through the WebAssembly package: the same
// verdicts and the same spans as the native core, with UTF-16 offsets — proof that the
// binding adds no bugs. Every case is its own test, so one run reports every failure.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { loadPackage, readCases } from "./support.mjs";

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
