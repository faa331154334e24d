// The JavaScript API of the package (docs/api.md, "JavaScript"), in Node with initSync:
// shape of the results, errors that name the field, hostile input. Tables of cases.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ACTIONS, CATEGORIES, PROFILES, loadPackage } from "./support.mjs";

const saring = await loadPackage();
const { Filter } = saring;
const EVASIONS = [
  "diacritics", "styled-letters", "homoglyphs", "leetspeak", "invisible-characters",
  "separators", "repetition", "masking", "reduplication", "informal-spelling",
];

const show = (v) => (typeof v === "symbol" || typeof v === "bigint" ? `a ${typeof v}` : JSON.stringify(v) ?? String(v));

/** Asserts that a verdict has exactly the documented shape and sane UTF-16 spans. */
function assertVerdict(v, text) {
  assert.deepEqual(Object.keys(v).sort(), ["action", "matches"]);
  assert.ok(ACTIONS.includes(v.action), `action ${v.action}`);
  assert.ok(Array.isArray(v.matches));
  let prev = 0;
  for (const m of v.matches) {
    // `rule` is there only when a construction or detector fired.
    const keys = Object.keys(m).filter((k) => !(k === "rule" && typeof m.rule === "string"));
    assert.deepEqual(keys.sort(), ["category", "end", "evasions", "severity", "start", "term"]);
    assert.ok(Number.isInteger(m.start) && Number.isInteger(m.end), "integer offsets");
    assert.ok(m.start >= 0 && m.start < m.end && m.end <= text.length, `span ${m.start}..${m.end} in ${text.length}`);
    assert.ok(m.start >= prev, "matches in text order");
    prev = m.start;
    assert.ok(CATEGORIES.includes(m.category), `category ${m.category}`);
    assert.ok([1, 2, 3].includes(m.severity), `severity ${m.severity}`);
    assert.equal(typeof m.term, "string");
    assert.ok(Array.isArray(m.evasions) && m.evasions.every((e) => EVASIONS.includes(e)), `evasions ${m.evasions}`);
  }
}

describe("module", () => {
  test("exports init (default), initSync and Filter", () => {
    assert.equal(typeof saring.default, "function");
    assert.equal(typeof saring.initSync, "function");
    assert.equal(typeof Filter, "function");
  });
});

describe("languages()", () => {
  const list = saring.languages();
  test("lists every language folder with its code, name and default", () => {
    assert.deepEqual(list.map((l) => l.code), ["id", "en", "jv", "su", "ms"]);
    assert.deepEqual(list.map((l) => l.name), ["Indonesian", "English", "Javanese", "Sundanese", "Malay"]);
    for (const l of list) assert.deepEqual(Object.keys(l).sort(), ["code", "default", "name"]);
  });
  test("every listed code is accepted, alone", () => {
    for (const { code } of list) new Filter({ languages: [code] }).free();
  });
  test("the unknown-language error names every listed code", () => {
    assert.throws(() => new Filter({ languages: ["xx"] }), (e) =>
      e instanceof Error && list.every(({ code }) => e.message.includes(`"${code}"`)));
  });
  test("leaving languages out loads exactly the default ones", () => {
    const defaults = list.filter((l) => l.default).map((l) => l.code);
    const text = "dasar celeng, goblog sia, dasar bangang";
    const implicit = new Filter();
    const explicit = new Filter({ languages: defaults });
    assert.deepEqual(implicit.check(text), explicit.check(text));
    implicit.free();
    explicit.free();
  });
});

describe("new Filter(options)", () => {
  const good = [
    ["no argument", undefined],
    ["empty object", {}],
    ["null", null],
    ...PROFILES.map((p) => [`profile ${p}`, { profile: p }]),
    ["languages id", { languages: ["id"] }],
    ["languages en", { languages: ["en"] }],
    ["a field set to undefined", { profile: undefined, allowTerms: undefined }],
    ["extraTerms null (no custom terms)", { extraTerms: null }],
    ["a severity given as a BigInt", { extraTerms: [{ term: "norak", severity: 2n }] }],
    ["an entry's unknown fields, which are not read", { extraTerms: [{ term: "norak", note: 5 }] }],
    ["every field", {
      profile: "child",
      languages: ["id", "en"],
      extraTerms: [{ term: "kampungan", category: "insult", severity: 1 }],
      allowTerms: ["pantai"],
    }],
  ];
  for (const [name, options] of good) {
    test(`accepts ${name}`, () => {
      const f = options === undefined ? new Filter() : new Filter(options);
      assertVerdict(f.check("halo"), "halo");
      f.free();
    });
  }

  test("setProfile changes what the same filter does, and rejects an unknown profile", () => {
    const f = new Filter();
    // `shit`: profanity, strong: teen and child block, adult warns.
    const actions = {};
    for (const p of ["adult", "child", "teen", "adult"]) {
      f.setProfile(p);
      assert.equal(f.profile, p);
      actions[p] = f.check("shit").action;
    }
    assert.deepEqual(actions, { adult: "warn", child: "block", teen: "block" });
    assert.throws(() => f.setProfile("tean"),
      (e) => e instanceof Error && /^unknown profile "tean": expected "child", "teen" or "adult"$/.test(e.message));
    assert.equal(f.profile, "adult", "a refused profile changes nothing");
    f.free();
  });

  test("the default profile is teen", () => {
    const f = new Filter();
    assert.equal(f.profile, "teen");
    f.free();
  });

  // [options, what the message must say]
  const bad = [
    [{ profile: "tean" }, /^unknown profile "tean": expected "child", "teen" or "adult"$/],
    [{ profile: 5 }, /profile/],
    [{ profile: {} }, /profile/],
    [{ languages: ["xx"] }, /xx/],
    [{ languages: "id" }, /languages/],
    [{ extraTerms: [{ term: "x", category: "nope", severity: 1 }] }, /extraTerms\[0\].*nope|nope/],
    [{ extraTerms: [{ term: "x", category: "insult", severity: 7 }] }, /extraTerms\[0\]\.severity/],
    [{ extraTerms: "kampungan" }, /extraTerms/],
    [{ allowTerms: [1] }, /allowTerms\[0\]/],
    [{ profil: "teen" }, /profil/],
    ["teen", /options/],
    [42, /options/],
    // Every field says what it expected and what it got, whatever was given instead.
    [{ profile: Symbol("teen") }, /^profile: expected a string, got symbol$/],
    [{ profile: () => "teen" }, /^profile: expected a string, got function$/],
    [{ languages: [5] }, /^languages\[0\]: expected a string, got number$/],
    [{ extraTerms: "kampungan" }, /^extraTerms: expected an array, got string$/],
    [{ extraTerms: {} }, /^extraTerms: expected an array, got object$/],
    [{ extraTerms: ["kampungan"] }, /^extraTerms\[0\]: expected an object, got string$/],
    [{ extraTerms: [{ term: "norak" }, 5] }, /^extraTerms\[1\]: expected an object, got number$/],
    [{ extraTerms: new Array(1) }, /^extraTerms\[0\]: expected an object, got undefined or null$/],
    [{ extraTerms: [{ term: "norak", severity: 1.5 }] }, /^extraTerms\[0\]\.severity: expected 1, 2 or 3, got 1\.5$/],
    [{ extraTerms: [{ term: "norak", severity: "2" }] }, /^extraTerms\[0\]\.severity: expected 1, 2 or 3, got string$/],
    [{ extraTerms: [{ term: "norak", severity: 1e300 }] }, /^extraTerms\[0\]\.severity: expected 1, 2 or 3, got 1e\+300$/],
    [{ extraTerms: [{ term: "norak", category: null }] }, /^extraTerms\[0\]\.category: expected a string, got undefined or null$/],
    [{ extraTerms: [{ get term() { throw new Error("no"); } }] }, /^extraTerms\[0\]\.term: could not be read$/],
    [{ get profile() { throw new Error("no"); } }, /^profile: could not be read$/],
  ];
  /** The options as a test name: a throwing getter or a symbol cannot go through JSON. */
  const named = (options) => {
    try {
      return JSON.stringify(options, (_, v) => (typeof v === "function" || typeof v === "symbol" ? String(v) : v));
    } catch {
      return "an object whose getter throws";
    }
  };
  for (const [options, message] of bad) {
    test(`rejects ${named(options)} with an Error naming the field`, () => {
      assert.throws(() => new Filter(options), (e) => {
        assert.ok(e instanceof Error, `threw ${typeof e}: ${e}`);
        assert.match(e.message, message);
        return true;
      });
    });
  }
});

describe("check(text)", () => {
  const f = new Filter({ profile: "teen" });

  test("empty string → allow, no matches", () => {
    assert.deepEqual(f.check(""), { action: "allow", matches: [] });
  });

  test('docs/api.md example: "dasar anjing lu" → block on "anjing"', () => {
    const text = "dasar anjing lu";
    const v = f.check(text);
    assertVerdict(v, text);
    assert.equal(v.action, "block");
    assert.ok(v.matches.some((m) => text.slice(m.start, m.end) === "anjing"), JSON.stringify(v));
  });

  // Offsets are UTF-16 code units: whatever comes before (emoji, astral letters, flags,
  // combining marks), text.slice(start, end) is the original characters.
  const prefixes = ["", "😀", "👍🏽👍🏽 ", "🇮🇩 ", "𝐛𝐚𝐠𝐮𝐬 ", "e\u0301 ", "\u200b", "日本語 "];
  for (const prefix of prefixes) {
    test(`UTF-16 offsets after ${JSON.stringify(prefix)}`, () => {
      const text = `${prefix}dasar anjing lu`;
      const v = f.check(text);
      assertVerdict(v, text);
      assert.ok(v.matches.some((m) => text.slice(m.start, m.end) === "anjing"), JSON.stringify(v));
    });
  }

  const notStrings = [42, null, undefined, {}, [], true, Symbol("s"), 10n, new String("x")];
  for (const value of notStrings) {
    test(`throws a clear Error for ${show(value)}`, () => {
      assert.throws(() => f.check(value), (e) => {
        assert.ok(e instanceof Error);
        assert.match(e.message, /check\(text\).*string|string/);
        return true;
      });
      // and the filter still works afterwards
      assert.equal(f.check("").action, "allow");
    });
  }

  const hostile = [
    ["lone high surrogate", "\uD800"],
    ["lone low surrogate", "a\uDC00b"],
    ["surrogate at the end of an insult", "dasar anjing\uD83D"],
    ["reversed pair", "\uDE00\uD83D anjing"],
    ["NUL bytes", "a\u0000n\u0000jing"],
    ["only invisible characters", "\u200b\u200c\u200d\u2060\ufeff"],
    ["bidi controls", "\u202eanjing\u202c"],
    ["combining marks pile", `a${"\u0301".repeat(1000)}`],
    ["many separators", "a . n . j . i . n . g ".repeat(200)],
  ];
  for (const [name, text] of hostile) {
    test(`survives ${name}`, () => {
      const v = f.check(text);
      assertVerdict(v, text);
      assert.equal(f.censor(text).length, text.length);
    });
  }

  test("a 1 MB paste works and finds an insult at its end", () => {
    const filler = "liburan ke pantai bareng keluarga, seru banget! ";
    const text = filler.repeat(Math.ceil(1_000_000 / filler.length)) + "dasar anjing lu";
    assert.ok(text.length > 1_000_000);
    const t0 = performance.now();
    const v = f.check(text);
    const ms = performance.now() - t0;
    assertVerdict(v, text);
    assert.equal(v.action, "block");
    const last = v.matches[v.matches.length - 1];
    assert.equal(text.slice(last.start, last.end), "anjing");
    assert.ok(ms < 10_000, `took ${ms} ms`);
  });
});

describe("the length limit", () => {
  // check and censor take at most 2^24 UTF-16 code units (16 Mi, the command line's default per
  // line): a longer text is an Error, before it is copied into the module's memory.
  const limit = 2 ** 24;
  const f = new Filter();

  test("a text over the limit is an Error naming its length and the limit", () => {
    const text = "a".repeat(limit + 1);
    for (const method of ["check", "censor"]) {
      assert.throws(() => f[method](text), (e) => {
        assert.ok(e instanceof Error, `threw ${typeof e}`);
        assert.match(e.message, new RegExp(`^${method}\\(text\\): the text is ${limit + 1} characters long, over the limit of ${limit}`));
        return true;
      });
    }
    assert.equal(f.check("dasar anjing lu").action, "block");
  });

  test("a text at the limit is checked", () => {
    const text = "a ".repeat(limit / 2 - 8) + "dasar anjing lu ";
    assert.equal(text.length, limit);
    const v = f.check(text);
    assert.equal(v.action, "block");
    assert.equal(text.slice(v.matches[0].start, v.matches[0].end), "anjing");
  });
});

describe("censor(text)", () => {
  const f = new Filter();
  test('docs/api.md example: "dasar anjing lu" → "dasar ****** lu"', () => {
    assert.equal(f.censor("dasar anjing lu"), "dasar ****** lu");
  });
  const texts = [
    "", "halo", "dasar anjing lu", "😀 dasar anjing lu 😀", "ａｎｊｉｎｇ", "𝐚𝐧𝐣𝐢𝐧𝐠 lu",
    "a n j i n g", "anj\u200bing", "\uD800 anjing \uDC00", "🇮🇩🇮🇩 anjing",
  ];
  for (const text of texts) {
    test(`keeps the UTF-16 length of ${JSON.stringify(text)}`, () => {
      const out = f.censor(text);
      assert.equal(typeof out, "string");
      assert.equal(out.length, text.length);
      // Nothing outside the matches changes (lone surrogates come back as U+FFFD).
      const wellFormed = text.replace(/\p{Cs}/gu, "\uFFFD");
      let at = 0;
      for (const m of f.check(text).matches) {
        assert.equal(out.slice(at, m.start), wellFormed.slice(at, m.start));
        at = Math.max(at, m.end);
      }
      assert.equal(out.slice(at), wellFormed.slice(at));
    });
  }
  test("throws a clear Error for a non-string", () => {
    assert.throws(() => f.censor(42), (e) => e instanceof Error && /string/.test(e.message));
  });
});

describe("lifetime", () => {
  test("free() then use throws an Error, not a crash", () => {
    const f = new Filter();
    f.free();
    assert.throws(() => f.check("halo"), Error);
    assert.throws(() => f.censor("halo"), Error);
  });

  test("filters are independent (no global state)", () => {
    const a = new Filter({ profile: "child" });
    const b = new Filter({ profile: "adult", allowTerms: ["anjing"] });
    const before = a.check("dasar anjing lu");
    b.free();
    assert.deepEqual(a.check("dasar anjing lu"), before);
    a.free();
  });

  test("many filters can be built and freed", () => {
    for (let i = 0; i < 50; i++) {
      const f = new Filter({ profile: PROFILES[i % 3] });
      f.check("halo");
      f.free();
    }
  });
});
