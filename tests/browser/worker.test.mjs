// saring/worker in real headless Chromium: a page on 127.0.0.1 imports the package's worker
// client (pkg/worker-client.js, what "saring/worker" exports), and its promise API must
// give exactly the synchronous Filter's verdicts — UTF-16 spans included — on disguised text,
// on a 1 MB paste (without blocking the page), reject bad options with the same Error message,
// and reject pending and later calls once terminated.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { launch } from "./support.mjs";

let browser;
let page;

before(async () => {
  browser = await launch();
  page = await browser.newPage("/fixtures/worker.html");
  await page.waitForSelector("body[data-ready='true']", { timeout: 20_000 });
});

after(async () => {
  await browser?.close();
});

describe("saring/worker in Chromium", () => {
  test("a disguised insult: block, UTF-16 offsets right, same verdict as the sync Filter", async () => {
    const out = await page.evaluate(async () => {
      const texts = ["dasar 4nj1ng lu", "😀🇮🇩 dasar 4nj1ng lu 𝐛", "halo dunia"];
      const w = await createFilterWorker({ profile: "teen" });
      const f = new Filter({ profile: "teen" });
      const rows = [];
      for (const text of texts) {
        const v = await w.check(text);
        rows.push({
          text,
          v,
          sync: f.check(text),
          slices: v.matches.map((m) => text.slice(m.start, m.end)),
          censored: await w.censor(text),
          syncCensored: f.censor(text),
        });
      }
      const profile = w.profile;
      w.terminate();
      f.free();
      return { rows, profile };
    });
    assert.equal(out.profile, "teen");
    const [plain, astral, clean] = out.rows;
    assert.equal(plain.v.action, "block");
    assert.equal(plain.v.matches[0].start, 6);
    assert.equal(plain.v.matches[0].end, 12);
    assert.deepEqual(plain.slices, ["4nj1ng"]);
    assert.equal(plain.v.matches[0].term, "anjing");
    assert.ok(plain.v.matches[0].evasions.includes("leetspeak"), JSON.stringify(plain.v));
    assert.equal(plain.censored, "dasar ****** lu");
    // "😀🇮🇩 " is 7 UTF-16 code units: the span moves by 7, the slice is still the disguise.
    assert.equal(astral.v.action, "block");
    assert.equal(astral.v.matches[0].start, 13);
    assert.deepEqual(astral.slices, ["4nj1ng"]);
    assert.equal(astral.censored.length, astral.text.length);
    assert.equal(clean.v.action, "allow");
    assert.deepEqual(clean.v.matches, []);
    for (const row of out.rows) {
      assert.deepEqual(row.v, row.sync, `worker and sync Filter differ on ${row.text}`);
      assert.equal(row.censored, row.syncCensored);
    }
  });

  test("a 1 MB text: checked off the main thread, the insult at its end found", async () => {
    const out = await page.evaluate(async () => {
      const w = await createFilterWorker({});
      const filler = "kami pergi ke pantai bersama keluarga 🌊 dan makan siang. ";
      let text = filler.repeat(Math.ceil(1_000_000 / filler.length));
      text += "dasar 4nj1ng lu";
      // A timer queued right after the call must run before the reply: the page is not blocked.
      let timerRan = false;
      let timerBeforeReply = false;
      setTimeout(() => { timerRan = true; }, 0);
      const t0 = performance.now();
      const pending = w.check(text);
      const v = await pending.then((r) => { timerBeforeReply = timerRan; return r; });
      const ms = performance.now() - t0;
      const censored = await w.censor(text);
      w.terminate();
      const last = v.matches[v.matches.length - 1];
      return {
        length: text.length,
        action: v.action,
        count: v.matches.length,
        lastSlice: text.slice(last.start, last.end),
        lastEnd: last.end,
        censoredTail: censored.slice(-15),
        censoredLength: censored.length,
        timerBeforeReply,
        ms,
      };
    });
    assert.ok(out.length > 1_000_000);
    assert.equal(out.action, "block");
    assert.equal(out.count, 1, "only the insult at the end matches");
    assert.equal(out.lastSlice, "4nj1ng");
    assert.equal(out.lastEnd, out.length - 3);
    assert.equal(out.censoredTail, "dasar ****** lu");
    assert.equal(out.censoredLength, out.length);
    assert.ok(out.timerBeforeReply, "the main thread was blocked during the check");
    console.log(`# 1 MB check through the worker: ${out.ms.toFixed(0)} ms`);
  });

  test("bad options reject with a real Error carrying the sync API's message", async () => {
    const out = await page.evaluate(async () => {
      const cases = [
        { profile: "tean" },
        { languages: ["id", "fr"] },
        { extraTerms: [{ term: "x", severity: 7 }] },
        { colour: "red" },
      ];
      const rows = [];
      for (const options of cases) {
        let syncMessage = null;
        try { new Filter(options).free(); } catch (e) { syncMessage = e.message; }
        let rejected = null;
        try { await createFilterWorker(options); } catch (e) {
          rejected = { isError: e instanceof Error, message: e.message };
        }
        // The class form: `ready` and every call reject the same way.
        const w = new FilterWorker(options);
        const [ready, check] = await Promise.allSettled([w.ready, w.check("halo")]);
        w.terminate();
        rows.push({ syncMessage, rejected, ready: ready.reason?.message, check: check.reason?.message });
      }
      return rows;
    });
    assert.match(out[0].syncMessage, /unknown profile "tean": expected "child", "teen" or "adult"/);
    for (const row of out) {
      assert.ok(row.syncMessage, "the sync API accepted a bad option");
      assert.deepEqual(row.rejected, { isError: true, message: row.syncMessage });
      assert.equal(row.ready, row.syncMessage);
      assert.equal(row.check, row.syncMessage);
    }
  });

  test("wrong argument types reject like the sync API throws", async () => {
    const out = await page.evaluate(async () => {
      const w = await createFilterWorker();
      const f = new Filter();
      const rows = [];
      for (const value of [42, null, { text: "x" }]) {
        let sync = null;
        try { f.check(value); } catch (e) { sync = e.message; }
        const r = await w.check(value).then(() => null, (e) => ({ isError: e instanceof Error, message: e.message }));
        rows.push({ sync, r });
      }
      const fn = await w.check(() => "x").then(() => null, (e) => e instanceof Error);
      const still = (await w.check("dasar anjing lu")).action;
      w.terminate();
      f.free();
      return { rows, fn, still };
    });
    for (const { sync, r } of out.rows) {
      assert.ok(sync);
      assert.deepEqual(r, { isError: true, message: sync });
    }
    assert.equal(out.fn, true, "an uncloneable argument rejects with an Error");
    assert.equal(out.still, "block", "the worker keeps working after bad calls");
  });

  test("requests are matched by id: many concurrent calls each get their own answer", async () => {
    const out = await page.evaluate(async () => {
      const w = await createFilterWorker();
      const f = new Filter();
      // Every text puts the insult at a different offset, so a mixed-up reply cannot pass.
      const texts = Array.from({ length: 50 }, (_, i) => (i % 2 ? `halo ${i}` : `${"halo ".repeat(i)}dasar anjing lu`));
      const verdicts = await Promise.all(texts.map((t) => w.check(t)));
      const same = verdicts.every((v, i) => JSON.stringify(v) === JSON.stringify(f.check(texts[i])));
      w.terminate();
      f.free();
      return { same, rows: texts.map((t, i) => ({ i, action: verdicts[i].action, slice: verdicts[i].matches.map((m) => t.slice(m.start, m.end)), start: verdicts[i].matches[0]?.start })) };
    });
    assert.ok(out.same, "a concurrent reply differs from the sync Filter's verdict for its text");
    for (const { i, action, slice, start } of out.rows) {
      assert.equal(action, i % 2 ? "allow" : "block", `call ${i}`);
      assert.deepEqual(slice, i % 2 ? [] : ["anjing"], `call ${i}`);
      if (i % 2 === 0) assert.equal(start, 5 * i + 6, `call ${i}`);
    }
  });

  test("terminate() rejects pending and later calls", async () => {
    const out = await page.evaluate(async () => {
      const w = await createFilterWorker();
      const big = "halo dunia ".repeat(400_000);
      const pending = [w.check(big), w.censor(big), w.check("dasar anjing lu")];
      w.terminate();
      const settled = await Promise.allSettled(pending);
      const later = await w.check("halo").then(() => null, (e) => ({ isError: e instanceof Error, message: e.message }));
      w.terminate(); // twice is fine
      return {
        settled: settled.map((s) => ({ status: s.status, isError: s.reason instanceof Error, message: s.reason?.message })),
        later,
      };
    });
    for (const s of out.settled) {
      assert.deepEqual(s, { status: "rejected", isError: true, message: "saring/worker: the worker was terminated" });
    }
    assert.deepEqual(out.later, { isError: true, message: "saring/worker: the worker was terminated" });
  });

  test("settings: the worker script and the wasm can be given (URL, relative path, compiled module)", async () => {
    const out = await page.evaluate(async () => {
      const module = await WebAssembly.compileStreaming(fetch("/pkg/saring_bg.wasm"));
      const settings = [
        { workerUrl: new URL("/pkg/worker.js", location.href), wasm: new URL("/pkg/saring_bg.wasm", location.href) },
        { workerUrl: "/pkg/worker.js", wasm: "../pkg/saring_bg.wasm" },
        { wasm: module },
      ];
      const actions = [];
      for (const s of settings) {
        const w = await createFilterWorker({ profile: "child" }, s);
        actions.push(`${w.profile}:${(await w.check("dasar 4nj1ng lu")).action}`);
        w.terminate();
      }
      const bad = await createFilterWorker({}, { wasm: "/pkg/missing.wasm" }).then(
        () => null,
        (e) => e instanceof Error,
      );
      return { actions, bad };
    });
    assert.deepEqual(out.actions, ["child:block", "child:block", "child:block"]);
    assert.equal(out.bad, true, "a wasm that cannot load rejects with an Error");
  });

  test("the worker script and the wasm came from 127.0.0.1; nothing went offsite; no page errors", () => {
    const paths = browser.requests.map((u) => new URL(u).pathname);
    assert.ok(paths.includes("/pkg/worker.js"), paths.join(" "));
    assert.ok(paths.includes("/pkg/saring_bg.wasm"));
    assert.deepEqual(browser.offsite, []);
    // The one expected error: the 404 of the missing-wasm case above.
    assert.deepEqual(page.errors.map(String).filter((e) => !/404/.test(e)), []);
  });
});
