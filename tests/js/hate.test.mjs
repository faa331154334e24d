// tests/cases/hate.tsv through the WebAssembly package: the same answers as the native core
// (tests/constructions.rs), known misses included — a case listed in hate-misses.txt must
// still miss here, any other must pass. Each construction hit carries its rule id, and its
// span is a slice of the original text.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { CONSTRUCTION_RULES, loadPackage, readHateCases } from "./support.mjs";

const { Filter } = await loadPackage();
const filter = new Filter();
after(() => filter.free());
const { cases, misses } = readHateCases();

test("the table holds at least 400 cases, and every known miss is one of them", () => {
  assert.ok(cases.length >= 400, `only ${cases.length} cases`);
  const texts = new Set(cases.map((c) => c.raw));
  for (const miss of misses) assert.ok(texts.has(miss), `hate-misses.txt: ${miss} is not in the table`);
});

describe("tests/cases/hate.tsv", () => {
  for (const c of cases) {
    test(`line ${c.line}: ${JSON.stringify(c.text).slice(0, 60)}`, () => {
      const v = filter.check(c.text);
      const fired = v.matches.map((m) => m.rule).filter((r) => CONSTRUCTION_RULES.includes(r));
      const ruleOk = c.rule === "-" ? fired.length === 0 : fired.includes(c.rule);
      const passed = v.action === c.action && ruleOk;
      assert.equal(
        passed,
        !c.knownMiss,
        c.knownMiss
          ? `${c.where}: passes now — take it off hate-misses.txt`
          : `${c.where}: expected ${c.action} ${c.rule}, got ${JSON.stringify(v)}`,
      );
      for (const m of v.matches) {
        assert.ok(m.start < m.end && m.end <= c.text.length, `${c.where}: span`);
        if (CONSTRUCTION_RULES.includes(m.rule)) {
          assert.ok(["hate", "violence"].includes(m.category), `${c.where}: category ${m.category}`);
        }
      }
    });
  }
});
