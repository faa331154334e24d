// The parents' extension's settings rules (www/extension/js/settings.js), in Node: the module
// is plain JavaScript, and `chrome.storage` is stood in for by objects holding what a parent
// (local) and an administrator (managed) stored. The language codes come from the built
// package's own `languages()`, as the service worker reads them.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  boundActivity, boundLog, cleanLanguages, DEFAULTS, effectiveSettings, managedPin, MAX_LOG,
  MAX_LOG_PER_SITE, MAX_SITES, pinRecord, sanitize,
} from "../../www/extension/js/settings.js";
import { hashPin } from "../../www/extension/js/pin.js";
import { loadPackage } from "./support.mjs";

const { Filter, languages } = await loadPackage();
const KNOWN = languages().map((l) => l.code);

/** Runs `fn` with `globalThis.chrome` answering `local` and `managed` storage reads. */
async function withStorage({ local = {}, managed = {} }, fn) {
  const saved = globalThis.chrome;
  globalThis.chrome = {
    storage: {
      local: { get: async (key) => (key === "settings" ? { settings: local } : {}) },
      managed: { get: async () => managed },
    },
  };
  try {
    return await fn();
  } finally {
    globalThis.chrome = saved;
  }
}

/** The action a filter built as the worker builds it from `settings` gives `text`. */
function action(settings, text) {
  const filter = new Filter({ profile: settings.profile, ...(settings.languages ? { languages: settings.languages } : {}) });
  try {
    return filter.check(text).action;
  } finally {
    filter.free();
  }
}

describe("languages setting", () => {
  test("the package lists the languages the options page offers", () => {
    assert.deepEqual([...KNOWN].sort(), ["en", "id", "jv", "ms", "su"]);
    assert.equal(DEFAULTS.languages, null, "no choice stored: the package's default set");
  });

  // [stored value, clean value or the error it must raise]
  const cases = [
    [null, null],
    [["en"], ["en"]],
    [["id", "jv"], ["id", "jv"]],
    [["EN", " jv "], ["en", "jv"]],
    [["en", "en"], ["en"]],
    [["en", "xx"], ["en"]],
    [["tlh", "id", "qq"], ["id"]],
    [["xx"], /languages: choose at least one of id, en/],
    [[], /languages: choose at least one/],
    ["en", /languages: expected a list/],
    [[7], /languages: expected language codes/],
    [{ 0: "en" }, /languages: expected a list/],
  ];
  for (const [value, want] of cases) {
    test(`${JSON.stringify(value)} → ${want instanceof RegExp ? `error ${want}` : JSON.stringify(want)}`, () => {
      if (want instanceof RegExp) {
        assert.throws(() => cleanLanguages(value, KNOWN), want);
        assert.throws(() => sanitize({ languages: value }, KNOWN), want);
      } else {
        assert.deepEqual(cleanLanguages(value, KNOWN), want);
        assert.deepEqual(sanitize({ languages: value }, KNOWN), { languages: want });
        // What is kept is something the package accepts.
        if (want) new Filter({ languages: want }).free();
      }
    });
  }

  test("with no codes known, no language choice is accepted", () => {
    assert.throws(() => sanitize({ languages: ["en"] }), /languages: choose at least one/);
  });

  // [what the parent stored, what the administrator set, languages in force, locked]
  const layers = [
    [{}, {}, null, false],
    [{ languages: ["en"] }, {}, ["en"], false],
    [{ languages: ["en", "xx"] }, {}, ["en"], false],
    [{ languages: ["xx"] }, {}, null, false],
    [{ languages: "en" }, {}, null, false],
    [{ languages: ["en"] }, { languages: ["jv", "su"] }, ["jv", "su"], true],
    [{ languages: ["en"] }, { languages: ["zz"] }, ["en"], true],
    [{}, { languages: ["ms", "zz"] }, ["ms"], true],
  ];
  for (const [local, managed, want, locked] of layers) {
    test(`stored ${JSON.stringify(local)}, policy ${JSON.stringify(managed)} → ${JSON.stringify(want)}`, async () => {
      const eff = await withStorage({ local, managed }, () => effectiveSettings(KNOWN));
      assert.deepEqual(eff.settings.languages, want);
      assert.equal(eff.locked.includes("languages"), locked);
      // Screening goes on whatever was stored: the worker's filter builds.
      assert.equal(action(eff.settings, "dasar anjing lu"), want && !want.includes("id") && !want.includes("ms") ? "allow" : "block");
    });
  }

  test("English only: a Javanese insult passes, an English one is still blocked", async () => {
    const eff = await withStorage({ local: { languages: ["en"] } }, () => effectiveSettings(KNOWN));
    assert.equal(action(eff.settings, "jancok"), "allow");
    assert.equal(action(eff.settings, "fuck"), "block");
    const all = await withStorage({}, () => effectiveSettings(KNOWN));
    assert.equal(action(all.settings, "jancok"), "block", "the default set screens Javanese");
  });
});

describe("settings rules", () => {
  test("a PIN hash set by policy is the PIN; a malformed one is ignored", async () => {
    const record = await hashPin("8642");
    for (const [policy, want] of [
      [{ pinHash: record }, record],
      [{ pinHash: { ...record, iterations: 1000 } }, null],
      [{ pinHash: { ...record, algo: "MD5" } }, null],
      [{ pinHash: "8642" }, null],
      [{}, null],
    ]) {
      const got = await withStorage({ managed: policy }, () => managedPin());
      assert.deepEqual(got, want, JSON.stringify(policy));
    }
    assert.equal(pinRecord(null), null);
  });

  test("stored collections are bounded: sites, log rows, rows per site", () => {
    const activity = Object.fromEntries(Array.from({ length: MAX_SITES + 50 }, (_, i) => [`s${i}.example`, { counts: { insult: 1 }, last: i }]));
    const kept = boundActivity(activity);
    assert.equal(Object.keys(kept).length, MAX_SITES);
    assert.ok(!("s0.example" in kept) && `s${MAX_SITES + 49}.example` in kept, "the least recent sites go first");
    // 200 rows forged by one site do not push out the others' rows.
    const log = [
      ...Array.from({ length: 10 }, (_, i) => ({ site: "real.example", time: i })),
      ...Array.from({ length: 200 }, (_, i) => ({ site: "forger.example", time: 100 + i })),
    ];
    const bounded = boundLog(log);
    assert.ok(bounded.length <= MAX_LOG);
    assert.equal(bounded.filter((r) => r.site === "real.example").length, 10);
    assert.equal(bounded.filter((r) => r.site === "forger.example").length, MAX_LOG_PER_SITE);
    assert.deepEqual(bounded.map((r) => r.time), [...bounded.map((r) => r.time)].sort((a, b) => a - b));
  });
});
