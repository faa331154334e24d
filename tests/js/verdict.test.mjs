// The verdict object of check(text), field by field: what a caller reads must be exactly the
// documented shape (docs/api.md, "JavaScript"), whatever the text holds. Each expected verdict
// is written from the lexicon and the text by hand: offsets are UTF-16 code units, so every
// astral character before a match (emoji, styled letters) moves it by two.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { loadPackage, repoRoot } from "./support.mjs";

const saring = await loadPackage();
const { Filter } = saring;

const MATCH_FIELDS = ["start", "end", "category", "severity", "term", "evasions"];

/** A match as check() returns it: `rule` is there only when given. */
const match = (start, end, category, severity, term, evasions = [], rule = undefined) => ({
  start, end, category, severity, term, evasions, ...(rule === undefined ? {} : { rule }),
});

/** Asserts `got` equals `expected` and has its keys in the same order, at every level. */
function assertSame(got, expected, text) {
  assert.deepStrictEqual(got, expected, JSON.stringify(text));
  assert.deepEqual(Object.keys(got), ["action", "matches"]);
  for (const m of got.matches) {
    assert.deepEqual(Object.keys(m), "rule" in m ? [...MATCH_FIELDS, "rule"] : MATCH_FIELDS);
    assert.equal(Object.getPrototypeOf(m), Object.prototype);
  }
}

describe("check(text) builds exactly the documented verdict", () => {
  const filter = new Filter({ profile: "teen" });
  // [text, expected verdict]
  const table = [
    ["", { action: "allow", matches: [] }],
    ["halo, apa kabar?", { action: "allow", matches: [] }],
    ["main ke pantai 🏖️", { action: "allow", matches: [] }],
    ["dasar anjing lu", { action: "block", matches: [match(6, 12, "insult", 2, "anjing")] }],
    // Two emoji and a space: 5 code units before "dasar" (9 bytes in UTF-8).
    ["😀😀 dasar anjing lu 🇮🇩", { action: "block", matches: [match(11, 17, "insult", 2, "anjing")] }],
    // Seven mathematical bold letters, two code units each.
    ["𝐛𝐚𝐧𝐠𝐬𝐚𝐭 👋", {
      action: "block",
      matches: [match(0, 14, "insult", 2, "bangsat", ["styled-letters"])],
    }],
    ["😀 dasar 4nj1ng, dasar bangsat", {
      action: "block",
      matches: [
        match(9, 15, "insult", 2, "anjing", ["leetspeak"]),
        match(23, 30, "insult", 2, "bangsat"),
      ],
    }],
    // A detector's match names its rule; the text is 10 code units before the number.
    ["WA aku di 0812-3456-7890 ya", {
      action: "warn",
      matches: [match(10, 24, "personal-info", 2, "phone-number", [], "phone-number")],
    }],
    ["🙂 WA aku di 0812-3456-7890 ya", {
      action: "warn",
      matches: [match(13, 27, "personal-info", 2, "phone-number", [], "phone-number")],
    }],
  ];
  for (const [text, expected] of table) {
    test(JSON.stringify(text), () => assertSame(filter.check(text), expected, text));
  }

  test("a lexicon hit has no rule property at all, not an undefined one", () => {
    const [m] = filter.check("dasar anjing lu").matches;
    assert.ok(!("rule" in m));
    assert.ok(!Object.hasOwn(m, "rule"));
  });

  test("each call returns a new object", () => {
    const a = filter.check("dasar anjing lu");
    a.matches[0].evasions.push("mutated");
    a.action = "allow";
    assert.deepStrictEqual(filter.check("dasar anjing lu"), {
      action: "block", matches: [match(6, 12, "insult", 2, "anjing")],
    });
  });
});

describe("custom terms come back as written, whatever characters they hold", () => {
  // [the term, its category and severity, a text it matches in, where (UTF-16)]
  const table = [
    ['norak"banget', "insult", 1, 'dasar norak"banget', [6, 18]],
    ["norak\\banget", "sexual", 3, "😀 dasar norak\\banget", [9, 21]],
    ["kata\u0001norak", "insult", 2, "🇮🇩 kata\u0001norak!", [5, 15]],
    ["norak\tsekali", "insult", 2, "norak\tsekali", [0, 12]],
    ["𝒏𝒐𝒓𝒂𝒌", "insult", 2, "dasar 𝒏𝒐𝒓𝒂𝒌", [6, 16]],
  ];
  for (const [term, category, severity, text, [start, end]] of table) {
    test(JSON.stringify(term), () => {
      const filter = new Filter({ languages: ["id"], extraTerms: [{ term, category, severity }] });
      try {
        const v = filter.check(text);
        assert.equal(v.matches.length, 1, JSON.stringify(v));
        const [m] = v.matches;
        assert.equal(m.term, term);
        assert.deepEqual([m.start, m.end, m.category, m.severity], [start, end, category, severity]);
        assert.deepEqual(Object.keys(m), MATCH_FIELDS);
      } finally {
        filter.free();
      }
    });
  }
});

describe("a promotion names its rule", () => {
  const filter = new Filter();
  // [text, the brand's original characters]
  const table = [
    ["rezeki dari 𝐏𝐔𝐋𝐀𝐔𝟕𝟕𝟕 hari ini", "𝐏𝐔𝐋𝐀𝐔𝟕𝟕𝟕"],
    ["WD lancar terus di 𝔸𝕊𝕋𝔸𝕋𝕆𝕋𝕆 gaes", "𝔸𝕊𝕋𝔸𝕋𝕆𝕋𝕆"],
  ];
  for (const [text, brand] of table) {
    test(JSON.stringify(text), () => {
      const v = filter.check(text);
      assert.equal(v.action, "block");
      const hits = v.matches.filter((m) => m.rule === "promotion");
      assert.equal(hits.length, 1, JSON.stringify(v));
      const [m] = hits;
      assert.equal(text.slice(m.start, m.end), brand);
      assert.equal(m.category, "gambling");
      assert.deepEqual(Object.keys(m), [...MATCH_FIELDS, "rule"]);
    });
  }
});

describe("the objects have the declared fields, in the declared order", () => {
  const dts = readFileSync(join(repoRoot, "pkg", "saring.d.ts"), "utf8");
  /** The field names of `export interface Name { … }` in saring.d.ts, in order. */
  const declared = (name) => {
    const body = dts.match(new RegExp(`export interface ${name} \\{([^}]*)\\}`))?.[1];
    assert.ok(body, `interface ${name} in saring.d.ts`);
    return [...body.replace(/\/\*\*[^]*?\*\//g, "").matchAll(/^\s*(\w+)\??:/gm)].map((m) => m[1]);
  };

  test("Verdict and Match (a detector's match, which has a rule)", () => {
    const filter = new Filter();
    const v = filter.check("dasar anjing, WA 0812-3456-7890");
    filter.free();
    assert.deepEqual(Object.keys(v), declared("Verdict"));
    assert.equal(v.matches.length, 2, JSON.stringify(v));
    assert.deepEqual(Object.keys(v.matches[1]), declared("Match"));
    assert.deepEqual(Object.keys(v.matches[0]), declared("Match").filter((k) => k !== "rule"));
  });

  test("LanguageInfo", () => {
    for (const language of saring.languages()) {
      assert.deepEqual(Object.keys(language), declared("LanguageInfo"));
      assert.equal(Object.getPrototypeOf(language), Object.prototype);
      assert.deepEqual([typeof language.code, typeof language.name, typeof language.default],
        ["string", "string", "boolean"]);
    }
  });
});
