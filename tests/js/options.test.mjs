// Options are read from the object's own properties only (docs/api.md, "JavaScript"): what
// another script on the page puts on Object.prototype or Array.prototype, or a prototype handed
// in with the options, is never an option. Each case pollutes, builds a filter, checks a text,
// and restores the prototype whatever happens.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { loadPackage } from "./support.mjs";

const { Filter } = await loadPackage();

/** Runs `fn` with `target[key] = value`, then removes the key again. */
function polluted(target, key, value, fn) {
  assert.ok(!Object.hasOwn(target, key), `${key} is already set`);
  Object.defineProperty(target, key, { value, configurable: true, writable: true });
  try {
    return fn();
  } finally {
    delete target[key];
  }
}

/** The verdict of a fresh filter, freed afterwards. */
function verdict(options, text) {
  const filter = new Filter(options);
  try {
    return { profile: filter.profile, ...filter.check(text) };
  } finally {
    filter.free();
  }
}

// [name, target, key, value, options, own]: with `target[key] = value`, `new Filter(options)`
// must give the same verdicts as `new Filter()`; `own` gives the same field as an own property,
// to show that the texts below can tell the difference.
const pollutions = [
  ["Object.prototype.allowTerms", Object.prototype, "allowTerms", ["anjing", "kontol"], {},
    { allowTerms: ["anjing", "kontol"] }],
  ["Object.prototype.profile", Object.prototype, "profile", "adult", {}, { profile: "adult" }],
  ["Object.prototype.languages", Object.prototype, "languages", ["en"], {}, { languages: ["en"] }],
  ["Object.prototype.extraTerms", Object.prototype, "extraTerms", [{ term: "selamat" }], {},
    { extraTerms: [{ term: "selamat" }] }],
  ["a prototype with a profile", null, null, null, { __proto__: { profile: "adult" } },
    { profile: "adult" }],
  ["a prototype with allowTerms", null, null, null, Object.create({ allowTerms: ["anjing"] }),
    { allowTerms: ["anjing"] }],
];
// Texts whose verdict each pollution would change: insults (allowTerms; an Indonesian one for
// languages), a mild swear that `teen` warns about and `adult` allows (profile), a greeting
// (extraTerms).
const texts = ["dasar anjing lu", "anjir", "dasar kontol", "selamat pagi"];

describe("options are own properties only", () => {
  for (const [name, target, key, value, options, own] of pollutions) {
    test(`${name} is not an option`, () => {
      const run = () => texts.map((text) => verdict(options, text));
      const got = target ? polluted(target, key, value, run) : run();
      const expected = texts.map((text) => verdict(undefined, text));
      assert.deepEqual(got, expected);
      assert.notDeepEqual(texts.map((text) => verdict(own, text)), expected, "the texts cannot tell");
    });
  }

  test("dasar anjing lu is blocked under a polluted Object.prototype.allowTerms", () => {
    const v = polluted(Object.prototype, "allowTerms", ["anjing"], () => verdict({}, "dasar anjing lu"));
    assert.equal(v.action, "block");
    assert.equal(v.profile, "teen");
  });

  test("{ __proto__: { profile: \"adult\" } } builds a teen filter", () => {
    assert.equal(verdict({ __proto__: { profile: "adult" } }, "anjir").profile, "teen");
  });

  test("an extraTerms entry's inherited fields are not read", () => {
    // Own `term`, inherited category and severity: the defaults (insult, 2) apply.
    const entry = Object.create({ category: "sexual", severity: 1 });
    // `norak` is in no built-in lexicon, so the match is the custom term's alone.
    entry.term = "norak";
    const v = verdict({ extraTerms: [entry] }, "dasar norak");
    assert.deepEqual(v.matches.map((m) => [m.term, m.category, m.severity]), [["norak", "insult", 2]]);
    // An inherited `term` is a missing one.
    assert.throws(() => new Filter({ extraTerms: [Object.create({ term: "kampungan" })] }),
      (e) => e instanceof Error && /^extraTerms\[0\]\.term: missing/.test(e.message));
  });

  test("a hole in allowTerms is not filled from Array.prototype", () => {
    polluted(Array.prototype, "0", "anjing", () => {
      assert.throws(() => new Filter({ allowTerms: new Array(1) }),
        (e) => e instanceof Error && /^allowTerms\[0\]: expected a string, got undefined/.test(e.message));
    });
  });
});
