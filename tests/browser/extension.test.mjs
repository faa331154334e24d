// The parents' extension (dist/saring-extension/, built here from www/extension/) loaded into
// real headless Chromium, judged by behaviour — what reaches the page's own server — since it
// leaves no trace in the page's DOM: fields of every kind on a plain page and on one whose CSP
// forbids WebAssembly, composers built the way sites build them (no form: div and span buttons,
// pointerdown, Enter in a contenteditable, beforeinput, a custom element's open shadow root, a
// controlled textarea, a same-origin iframe), a page that tries to switch the guard off, probe
// it or forge its log, a busy service worker, the PIN flow of the options page, the activity
// summary, the badge, and no request leaving 127.0.0.1.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { EventEmitter, on } from "node:events";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, extensionRefusalsAbove } from "./support.mjs";
import { loadPackage } from "../js/support.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const extDir = join(repo, "dist", "saring-extension");
const fixtureDirs = ["extension", "composers"].map((d) => join(repo, "tests", "browser", "fixtures", d));

const DISGUISED = ["dasar 4nj1ng lu", "ｋｏｎｔｏｌ"];
// What the built package says it knows: the options page must offer exactly these.
const PACKAGE_LANGUAGES = (await loadPackage()).languages();
const CLEAN = "main ke pantai";

// /plain/… and /strict/… serve the same fixture files; /strict/ adds a CSP without
// 'wasm-unsafe-eval' or inline scripts, so the page itself could not run the filter.
// POST /send is where the fixtures' composers post: every text that arrives is kept in `posted`.
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'";
const posted = [];
const arrivals = new EventEmitter(); // "post" once for every text that arrives
function startFixtureServer() {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css" };
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (req.method === "POST" && url.pathname === "/send") {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        try {
          posted.push({ ...JSON.parse(body), host: req.headers.host });
        } catch {
          posted.push({ bad: body });
        }
        arrivals.emit("post");
        res.writeHead(204).end();
      });
      return;
    }
    const m = /^\/(plain|strict)\/([a-z]+\.(?:html|js|css))$/.exec(url.pathname);
    const file = m && fixtureDirs.map((d) => join(d, m[2])).find((f) => statSync(f, { throwIfNoEntry: false })?.isFile());
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "content-type": types[extname(file)],
      "cache-control": "no-store",
      ...(m[1] === "strict" ? { "content-security-policy": STRICT_CSP } : {}),
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

let server;
let origin;
let otherOrigin; // the same server under another host name: a site of its own
let context;
let profile;
let extId;
let worker;
const requests = [];
const offsite = [];

before(async () => {
  execFileSync(process.execPath, [join(repo, "scripts", "build-extension.mjs")], { stdio: "pipe" });
  server = await startFixtureServer();
  origin = `http://127.0.0.1:${server.address().port}`;
  otherOrigin = `http://localhost:${server.address().port}`;
  profile = mkdtempSync(join(tmpdir(), "saring-ext-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true, // Chromium's new headless mode, which loads extensions
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`],
    viewport: { width: 1000, height: 900 },
  });
  context.on("request", (r) => requests.push(r.url()));
  await context.route(/^(https?|wss?|ftp):/, (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith(`${otherOrigin}/`)) return route.continue();
    offsite.push(url);
    return route.abort("blockedbyclient");
  });
  worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 20_000 }));
  extId = new URL(worker.url()).host;
  // On install the extension opens its options page; let that happen before the tests.
  if (!context.pages().some((p) => p.url().includes("/options.html"))) {
    await context.waitForEvent("page", { predicate: (p) => p.url().includes("/options.html"), timeout: 5_000 }).catch(() => {});
  }
});

after(async () => {
  await context?.close().catch(() => {});
  await new Promise((r) => (server ? server.close(r) : r()));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

function currentWorker() {
  return context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extId}/`)) ?? worker;
}

/** Sends refused so far, over all tabs (the numbers behind the toolbar badges). */
async function refusals() {
  worker = currentWorker();
  const { refusals: r = {} } = await worker.evaluate(() => chrome.storage.session.get("refusals"));
  return Object.values(r).reduce((a, b) => a + b, 0);
}

/** Waits until the guard has refused one more send than `before`; resolves with the count. */
async function refusedSince(before, what) {
  worker = currentWorker();
  return extensionRefusalsAbove(worker, before).catch((e) => assert.fail(`${what}: the send was not refused (${e.message})`));
}

const sentTexts = (composer) => posted.filter((p) => p.composer === composer).map((p) => p.text);

/** Waits until `text` has reached the server from `composer`, woken by each arrival. */
async function waitPosted(composer, text) {
  const arrived = () => sentTexts(composer).some((t) => t.includes(text));
  if (arrived()) return;
  try {
    for await (const _ of on(arrivals, "post", { signal: AbortSignal.timeout(10_000) })) if (arrived()) return;
  } catch (e) {
    if (e.name !== "AbortError") throw e;
  }
  assert.fail(`${composer}: "${text}" never reached the server (got ${JSON.stringify(sentTexts(composer))})`);
}

/**
 * What the extension draws for this page, read through DevTools (pages cannot read a closed
 * shadow root): the marked words and the status messages.
 */
async function overlayOf(page) {
  const cdp = await context.newCDPSession(page);
  try {
    return await overlayThrough(cdp);
  } finally {
    await cdp.detach().catch(() => {});
  }
}

async function overlayThrough(cdp) {
  const { root } = await cdp.send("DOM.getDocument", { depth: -1, pierce: true });
  const marks = [];
  const statuses = [];
  const text = (n) => (n.nodeType === 3 ? n.nodeValue : (n.children ?? []).map(text).join(""));
  const walk = (n, closed) => {
    const attrs = Object.fromEntries((n.attributes ?? []).reduce((a, v, i, all) => (i % 2 ? a : [...a, [v, all[i + 1]]]), []));
    if (closed && n.nodeName === "MARK" && /saring-hit/.test(attrs.class ?? "")) marks.push(text(n));
    if (closed && /saring-status/.test(attrs.class ?? "")) statuses.push(text(n));
    for (const c of n.children ?? []) walk(c, closed);
    for (const sr of n.shadowRoots ?? []) walk(sr, closed || sr.shadowRootType === "closed");
    if (n.contentDocument) walk(n.contentDocument, closed);
  };
  walk(root, false);
  return { marks, statuses };
}

// The DevTools DOM events that say the document (closed shadow roots included) changed.
const DOM_CHANGES = [
  "DOM.documentUpdated", "DOM.childNodeInserted", "DOM.childNodeRemoved", "DOM.characterDataModified",
  "DOM.attributeModified", "DOM.attributeRemoved", "DOM.childNodeCountUpdated", "DOM.shadowRootPushed",
  "DOM.shadowRootPopped",
];

/** Waits until the overlay satisfies `predicate`, looking again whenever the DOM changes. */
async function waitOverlay(page, predicate, what) {
  const cdp = await context.newCDPSession(page);
  let changes = 0;
  let wake = () => {};
  const changed = () => {
    changes += 1;
    wake();
  };
  for (const e of DOM_CHANGES) cdp.on(e, changed);
  const deadline = Date.now() + 10_000;
  let got;
  try {
    await cdp.send("DOM.enable");
    for (;;) {
      const seen = changes;
      got = await overlayThrough(cdp);
      if (predicate(got)) return got;
      const left = deadline - Date.now();
      if (left <= 0) break;
      if (changes !== seen) continue; // changed while it was read
      let timer;
      await new Promise((r) => {
        wake = r;
        timer = setTimeout(r, left); // the deadline, not a pause
      });
      clearTimeout(timer);
    }
  } finally {
    await cdp.detach().catch(() => {});
  }
  assert.fail(`${what}: ${JSON.stringify(got)}`);
}

async function open(kind, file = "page.html") {
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e));
  await page.goto(`${origin}/${kind}/${file}`);
  await page.waitForSelector("body[data-ready='true']");
  return page;
}

const sentCount = (page, key) => page.evaluate((k) => window.sent[k], key);

async function clear(locator) {
  await locator.click();
  await locator.press("Control+A");
  await locator.press("Delete");
}

for (const kind of ["plain", "strict"]) {
  describe(`extension on a ${kind} page`, () => {
    let page;
    before(async () => {
      page = await open(kind);
    });
    after(async () => {
      assert.deepEqual(page.errors.map(String), []);
      await page.close();
    });

    if (kind === "strict") {
      test("the page itself may not run WebAssembly (so the verdicts come from the extension)", async () => {
        const result = await page.evaluate(() =>
          WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => "compiled", (e) => e.name),
        );
        assert.equal(result, "CompileError");
      });
    }

    const fields = [
      { key: "textarea", field: (p) => p.locator("#textarea"), button: (p) => p.locator("#b-textarea") },
      { key: "input", field: (p) => p.locator("#input"), button: (p) => p.locator("#b-input") },
      { key: "editable", field: (p) => p.locator("#editable"), button: (p) => p.locator("#b-editable") },
      { key: "shadow", field: (p) => p.locator("#shadow-field"), button: (p) => p.locator("#b-shadow") },
      { key: "late", field: (p) => p.locator("#late"), button: (p) => p.locator("#b-late") },
    ];
    for (const { key, field, button } of fields) {
      test(`${key}: disguised insults are refused and not sent; clean text is sent`, async () => {
        const f = field(page);
        for (const text of DISGUISED) {
          await clear(f);
          await f.pressSequentially(text);
          const before = await sentCount(page, key);
          let n = await refusals();
          await button(page).click();
          n = await refusedSince(n, `${key} "${text}" (button)`);
          await f.focus();
          await page.keyboard.press("Enter");
          await refusedSince(n, `${key} "${text}" (Enter)`);
          assert.equal(await sentCount(page, key), before, `"${text}" was sent`);
          const { marks } = await overlayOf(page);
          assert.ok(marks.length > 0, "nothing marked");
        }
        await clear(f);
        await f.pressSequentially(CLEAN);
        const before = await sentCount(page, key);
        await button(page).click();
        // Sent at once, or as soon as the worker's answer for the last keystroke arrives.
        await page.waitForFunction(([k, n]) => window.sent[k] === n + 1, [key, before], { timeout: 5_000 });
        // The next refusal proves nothing else was queued: a clean send goes through once.
        await clear(f);
        await f.pressSequentially(DISGUISED[0]);
        const n = await refusals();
        await button(page).click();
        await refusedSince(n, `${key} after the clean send`);
        assert.equal(await sentCount(page, key), before + 1, "clean text was sent twice");
        await clear(f);
      });
    }

    test("same-origin iframe: refused, then clean text is sent", async () => {
      const frame = page.frameLocator("#frame");
      const f = frame.locator("#frame-field");
      const sent = () => page.frame({ url: /frame\.html$/ }).evaluate(() => window.sent);
      await f.pressSequentially(DISGUISED[0]);
      const n = await refusals();
      await frame.locator("#b-frame").click();
      await refusedSince(n, "iframe");
      assert.equal(await sent(), 0);
      await clear(f);
      await f.pressSequentially(CLEAN);
      await frame.locator("#b-frame").click();
      await page.waitForFunction(() => document.getElementById("frame").contentWindow.sent === 1, null, { timeout: 5_000 });
    });

    test("Enter right after clean typing in an input still sends (once the verdict arrives)", async () => {
      const f = page.locator("#input");
      await clear(f);
      const before = await sentCount(page, "input");
      await f.pressSequentially("halo semua");
      await f.press("Enter");
      await page.waitForFunction((n) => window.sent.input === n + 1, before, { timeout: 5_000 });
    });

    test("a password is never read, and the form is sent", async () => {
      const f = page.locator("#password");
      await f.pressSequentially(DISGUISED[0]);
      const before = await sentCount(page, "login");
      await page.locator("#b-login").click();
      await page.waitForFunction((n) => window.sent.login === n + 1, before, { timeout: 5_000 });
    });

    test("no trace in the page: no attribute, no event, nothing to fetch, overlay in a closed shadow root", async () => {
      await page.evaluate(() => {
        window.seen = [];
        for (const type of ["saring:verdict", "saring:refused"]) window.addEventListener(type, (e) => window.seen.push(e.type), true);
        document.getElementById("textarea").addEventListener("saring:verdict", (e) => window.seen.push(e.type));
      });
      const f = page.locator("#textarea");
      await clear(f);
      await f.pressSequentially(DISGUISED[0]);
      const n = await refusals();
      await page.locator("#b-textarea").click();
      await refusedSince(n, "textarea");
      await waitOverlay(page, (o) => o.marks.includes("4nj1ng"), "the overlay does not mark the word");
      const trace = await page.evaluate(async (id) => {
        const all = [];
        const walk = (root) => {
          for (const el of root.querySelectorAll("*")) {
            all.push(el);
            if (el.shadowRoot) walk(el.shadowRoot);
          }
        };
        walk(document);
        const out = {
          attributes: all.flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => /saring/i.test(n)),
          classes: all.filter((el) => /saring/i.test(el.getAttribute("class") ?? "")).length,
          marks: all.filter((el) => el.localName === "mark").length,
          invalid: document.getElementById("textarea").getAttribute("aria-invalid"),
          describedBy: document.getElementById("textarea").getAttribute("aria-describedby"),
          events: window.seen.length,
        };
        out.fetched = [];
        for (const file of ["js/guard.js", "js/content.js", "manifest.json", "js/page-guard.js"]) {
          out.fetched.push(await fetch(`chrome-extension://${id}/${file}`).then(() => file, () => null));
        }
        return out;
      }, extId);
      assert.deepEqual(trace, {
        attributes: [], classes: 0, marks: 0, invalid: null, describedBy: null, events: 0, fetched: [null, null, null, null],
      });
    });

    test("a page cannot probe the filter with text it writes itself", async () => {
      const before = await sentCount(page, "textarea");
      const n = await refusals();
      const probe = await page.evaluate((text) => {
        const field = document.getElementById("textarea");
        field.value = text;
        field.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: text }));
        // A send from the page's own code, with no user gesture behind it.
        document.getElementById("f-textarea").requestSubmit();
        return { action: field.getAttribute("data-saring-action") };
      }, DISGUISED[1]);
      assert.equal(probe.action, null);
      // The page's own submit was neither checked nor refused (a page can send from code anyway).
      await page.waitForFunction((k) => window.sent.textarea === k + 1, before, { timeout: 5_000 });
      assert.equal(await refusals(), n);
      const { marks } = await overlayOf(page);
      assert.ok(!marks.includes(DISGUISED[1]), `the page's own text was checked: ${marks}`);
      // The user sending it is another matter: checked, and refused.
      await page.locator("#b-textarea").click();
      await refusedSince(n, "page-written text sent by the user");
      assert.equal(await sentCount(page, "textarea"), before + 1);
      await clear(page.locator("#textarea"));
    });

    test("a page script cannot switch the guard off", async () => {
      const f = page.locator("#textarea");
      await clear(f);
      await f.pressSequentially(DISGUISED[0]);
      const tried = await page.evaluate(async () => {
        const out = {};
        for (const msg of [{ saring: "off" }, { type: "saring:disable" }, { type: "save", settings: { profile: "adult" } }]) {
          window.postMessage(msg, "*");
        }
        out.runtime = typeof globalThis.chrome?.runtime?.sendMessage;
        // Listeners that try to stop everyone else from seeing the gestures:
        for (const type of ["submit", "keydown", "click", "pointerdown", "mousedown"]) {
          window.addEventListener(type, (e) => e.stopImmediatePropagation(), true);
          document.addEventListener(type, (e) => e.stopImmediatePropagation(), true);
        }
        // Removing whatever it can find that looks like an overlay:
        for (const el of document.documentElement.children) if (!["HEAD", "BODY"].includes(el.tagName)) el.remove();
        return out;
      });
      assert.equal(tried.runtime, "undefined");
      const before = await sentCount(page, "textarea");
      const n = await refusals();
      await page.locator("#b-textarea").click();
      await refusedSince(n, "after tampering");
      assert.equal(await sentCount(page, "textarea"), before, "sent after the page tampered");
      // Typing on still screens, and the overlay comes back.
      await f.press("End");
      await f.pressSequentially(" ｋｏｎｔｏｌ");
      await waitOverlay(page, (o) => o.marks.includes("ｋｏｎｔｏｌ"), "no mark after tampering");
      const { settings } = await currentWorker().evaluate(() => chrome.storage.local.get("settings"));
      assert.notEqual(settings?.profile, "adult");
    });
  });

  describe(`composers without a form (${kind} page)`, () => {
    let page;
    before(async () => {
      page = await open(kind, "composers.html");
    });
    after(async () => {
      assert.deepEqual(page.errors.map(String), []);
      await page.close();
    });

    const composers = [
      { key: "div", field: (p) => p.locator("#div-field"), send: (p) => p.locator("#div-send").click() },
      { key: "pointer", field: (p) => p.locator("#pointer-field"), send: (p) => p.locator("#pointer-send").click() },
      { key: "enter", field: (p) => p.locator("#enter-field"), send: (p) => p.keyboard.press("Enter") },
      { key: "beforeinput", field: (p) => p.locator("#beforeinput-field"), send: (p) => p.keyboard.press("Enter") },
      { key: "shadow", field: (p) => p.locator("#shadow-field"), send: (p) => p.locator("#shadow-send").click() },
      { key: "react", field: (p) => p.locator("#react-field"), send: (p) => p.locator("#react-send").click() },
      {
        key: "frame",
        field: (p) => p.frameLocator("#frame").locator("#frame-field"),
        send: (p) => p.frameLocator("#frame").locator("#frame-send").click(),
      },
    ];
    for (const { key, field, send } of composers) {
      test(`${key}: the insult never reaches the server; clean text does`, async () => {
        const f = field(page);
        for (const text of DISGUISED) {
          await f.click();
          await f.pressSequentially(text);
          const n = await refusals();
          await send(page);
          await refusedSince(n, `${key} "${text}"`);
          await f.click();
          await f.press("Control+A");
          await f.press("Delete");
        }
        await f.pressSequentially(CLEAN);
        await send(page);
        await waitPosted(key, CLEAN);
        for (const text of DISGUISED) assert.ok(!sentTexts(key).some((t) => t.includes(text)), `${key}: "${text}" was posted`);
      });
    }

    test("the editor's own DOM and caret are untouched while the text is marked", async () => {
      const f = page.locator("#enter-field");
      await f.click();
      await f.pressSequentially("halo dasar 4nj1ng lu");
      await waitOverlay(page, (o) => o.marks.includes("4nj1ng"), "not marked");
      const state = await f.evaluate((el) => {
        const sel = getSelection();
        return { html: el.innerHTML, inside: el.contains(sel.anchorNode), offset: sel.anchorOffset };
      });
      assert.deepEqual(state, { html: "halo dasar 4nj1ng lu", inside: true, offset: "halo dasar 4nj1ng lu".length });
      await f.press("Control+A");
      await f.press("Delete");
    });

    test("ordinary clicks still work while the text is refused: a bold button, an emoji button, a link", async () => {
      const f = page.locator("#div-field");
      await f.click();
      await f.pressSequentially(DISGUISED[0]);
      const n = await refusals();
      await page.locator("#div-send").click();
      await refusedSince(n, "div");
      await page.locator("#div-bold").click();
      await page.locator("#div-emoji").click();
      await page.locator("#div-link").click();
      assert.deepEqual(await page.evaluate(() => window.clicks), { bold: 1, emoji: 1 });
      assert.equal(new URL(page.url()).hash, "#rules");
      assert.equal(await refusals(), n + 1, "an ordinary click was refused");
      await f.click();
      await f.press("Control+A");
      await f.press("Delete");
    });
  });
}

// The status line the overlay shows for each action (en or id, as the browser's language).
const SUMMARY = {
  allow: /^(OK to post|Aman untuk dikirim)/,
  warn: /^(Have another look|Periksa lagi)/,
  block: /^(This can't be posted|Tidak bisa dikirim)/,
};
const waitVerdict = (page, action) =>
  waitOverlay(page, (o) => o.statuses.some((s) => SUMMARY[action].test(s)), `no "${action}" verdict shown`);

/** Changes the parent's stored settings and waits until the service worker has seen it. */
const storeSettings = (patch) =>
  currentWorker().evaluate((p) => new Promise((resolve, reject) => {
    const seen = (changes, area) => {
      if (area !== "local" || !("settings" in changes)) return;
      chrome.storage.onChanged.removeListener(seen);
      resolve();
    };
    chrome.storage.onChanged.addListener(seen);
    chrome.storage.local.get("settings")
      .then(({ settings = {} }) => {
        const next = { ...settings, ...p };
        if (JSON.stringify(next) === JSON.stringify(settings)) { // no change, no event
          chrome.storage.onChanged.removeListener(seen);
          return resolve();
        }
        return chrome.storage.local.set({ settings: next });
      })
      .catch(reject);
  }), patch);

/** Types `text` into the fixture page's input and sends it: it must reach the page. */
async function sendsThrough(tab, text, what) {
  const f = tab.locator("#input");
  await clear(f);
  await f.pressSequentially(text);
  const before = await sentCount(tab, "input");
  await tab.locator("#b-input").click();
  await tab.waitForFunction((n) => window.sent.input === n + 1, before, { timeout: 5_000 })
    .catch(() => assert.fail(`${what}: "${text}" was not sent`));
}

/** Types `text` into the fixture page's input and tries to send it: it must be refused. */
async function refusedThere(tab, text, what) {
  const f = tab.locator("#input");
  await clear(f);
  await f.pressSequentially(text);
  const before = await sentCount(tab, "input");
  const n = await refusals();
  await tab.locator("#b-input").click();
  await refusedSince(n, `${what}: "${text}"`);
  assert.equal(await sentCount(tab, "input"), before, `${what}: "${text}" was sent`);
}

/**
 * Everything in the extension's local storage once the activity table has a row for each of
 * `sites` (or after `ms`, as it then is): the service worker waits for its storage events.
 */
const storedOnceActive = (sites, ms) =>
  currentWorker().evaluate(([sites, ms]) => new Promise((resolve) => {
    const all = () => chrome.storage.local.get(null);
    const done = async () => {
      chrome.storage.onChanged.removeListener(seen);
      clearTimeout(deadline);
      resolve(await all());
    };
    const has = (activity) => sites.every((s) => activity?.[s]);
    const seen = (changes, area) => {
      if (area === "local" && changes.activity && has(changes.activity.newValue)) done();
    };
    chrome.storage.onChanged.addListener(seen);
    const deadline = setTimeout(done, ms); // the deadline, not a pause: the caller asserts
    all().then((now) => has(now.activity) && done());
  }), [sites, ms]);

describe("options page: the parent PIN", () => {
  let page;
  const PIN = "2468";
  const stored = () => worker.evaluate(() => chrome.storage.local.get(null));
  // The wait after a wrong PIN is what is under test here, so this one is a timed wait: until
  // the moment the extension stored as the end of the back-off (pinFails.until), no longer.
  const backOffOver = () =>
    currentWorker().evaluate(async () => {
      const { pinFails } = await chrome.storage.local.get("pinFails");
      const left = (pinFails?.until ?? 0) - Date.now();
      if (left > 0) await new Promise((r) => setTimeout(r, left));
    });

  before(async () => {
    page = await context.newPage();
    await page.goto(`chrome-extension://${extId}/options.html`);
    await page.waitForSelector("body[data-ready='true']");
  });
  after(async () => {
    await page.close();
  });

  test("messages are in the browser's language, from _locales", async () => {
    assert.match(await page.locator("#pin-heading").textContent(), /PIN/);
    assert.notEqual((await page.locator("#save").textContent()).trim(), "save");
  });

  test("setting a PIN stores only a salted PBKDF2 hash", async () => {
    await page.locator("#new-pin").fill(PIN);
    await page.locator("#new-pin2").fill(PIN);
    await page.locator("#set-pin").click();
    await page.waitForSelector("body[data-unlocked='true']");
    const all = await stored();
    assert.equal(all.pin.algo, "PBKDF2-SHA-256");
    assert.ok(all.pin.iterations >= 100_000);
    assert.ok(all.pin.salt.length >= 16);
    assert.ok(!JSON.stringify(all).includes(PIN), "the PIN itself is stored");
    assert.match(await page.locator("#pin-message").textContent(), /\S/, "no word that the PIN was saved");
    await page.locator("#lock").click();
    await page.waitForSelector("body[data-unlocked='false']");
    assert.equal(await page.locator("#settings-fields").evaluate((el) => el.disabled), true);
    assert.equal(await page.locator("#pin-message").textContent(), "", "the PIN message stays after Lock");
  });

  test("the options page says what to do when the PIN is forgotten", async () => {
    const text = await page.locator("#pin-forgotten").textContent();
    assert.match(text, /chrome:\/\/extensions/);
    assert.ok(text.length > 150, text);
  });

  test("without the PIN nothing changes, even when asked directly", async () => {
    const answers = await page.evaluate(async () => {
      const ask = (m) => chrome.runtime.sendMessage(m);
      return [
        await ask({ type: "save", settings: { profile: "adult" } }),
        await ask({ type: "save", token: "forged", settings: { profile: "adult" } }),
        await ask({ type: "pause", token: "forged" }),
        await ask({ type: "setPin", pin: "0000" }),
      ];
    });
    for (const a of answers) assert.equal(a.ok, false, JSON.stringify(a));
    const all = await stored();
    assert.equal(all.settings?.profile ?? "teen", "teen");
    assert.ok(!(all.pausedUntil > Date.now()));
  });

  test("a wrong PIN changes nothing and the next try is slowed down", async () => {
    await page.locator("#pin").fill("1111");
    await page.locator("#unlock").click();
    await page.waitForFunction(() => /\S/.test(document.getElementById("pin-message").textContent));
    assert.equal(await page.locator("body").getAttribute("data-unlocked"), "false");
    // Right away, even the right PIN is not looked at.
    const soon = await page.evaluate((pin) => chrome.runtime.sendMessage({ type: "unlock", pin }), PIN);
    assert.equal(soon.ok, false);
    assert.equal(soon.code, "wait");
    assert.ok(soon.retryAfterMs > 0);
    // A second wrong try doubles the wait. The page counts the first wait down and enables
    // the button again when it is over.
    await page.waitForSelector("#unlock:not([disabled])", { timeout: soon.retryAfterMs + 10_000 });
    const wrong2 = await page.evaluate(() => chrome.runtime.sendMessage({ type: "unlock", pin: "9999" }));
    assert.equal(wrong2.code, "wrong");
    assert.ok(wrong2.retryAfterMs >= 2000, `wait after two wrong tries: ${wrong2.retryAfterMs} ms`);
    const all = await stored();
    assert.equal(all.pinFails.count, 2);
    assert.equal(all.settings?.profile ?? "teen", "teen");
    // (The next test waits, on the reloaded page, for this wait to be over.)
  });

  test("the right PIN unlocks; a new profile takes effect in pages", async () => {
    await page.reload();
    await page.waitForSelector("body[data-ready='true']");
    await page.waitForSelector("#unlock:not([disabled])");
    await page.locator("#pin").fill(PIN);
    await page.locator("#unlock").click();
    await page.waitForSelector("body[data-unlocked='true']");
    assert.equal((await stored()).pinFails.count, 0);

    // "bodoh" (a mild insult) is a warning for a teen, refused for a child.
    const tab = await open("plain");
    const f = tab.locator("#input");
    await f.pressSequentially("kamu bodoh");
    await waitVerdict(tab, "warn");

    await page.locator("#profile").selectOption("child");
    await page.locator("#save").click();
    await page
      .waitForFunction(() => document.getElementById("save-message").dataset.kind === "ok", null, { timeout: 5_000 })
      .catch(async (e) => {
        throw new Error(`${e.message}; the page says: ${await page.locator("#save-message").textContent()}`);
      });
    assert.equal((await stored()).settings.profile, "child");

    await clear(f);
    await f.pressSequentially("kamu bodoh");
    await waitVerdict(tab, "block");
    await tab.close();
  });

  // The language choice: checkboxes built from the package's languages(), the parent's choice
  // passed to the worker's filter, and stored codes the package does not know dropped.
  test("languages: English only lets a Javanese insult through and still refuses an English one", async () => {
    const boxes = page.locator('#language-list input[name="languages"]');
    const offered = await boxes.evaluateAll((els) => els.map((b) => ({ code: b.value, checked: b.checked })));
    assert.deepEqual(offered, PACKAGE_LANGUAGES.map((l) => ({ code: l.code, checked: l.default })));
    for (const { code } of offered.filter((l) => l.code !== "en" && l.checked)) {
      await page.locator(`#language-list input[value="${code}"]`).uncheck();
    }
    // The last language on cannot be switched off.
    assert.equal(await page.locator('#language-list input[value="en"]').isDisabled(), true);
    await page.evaluate(() => (document.getElementById("save-message").dataset.kind = ""));
    await page.locator("#save").click();
    await page.waitForFunction(() => document.getElementById("save-message").dataset.kind === "ok", null, { timeout: 5_000 });
    assert.deepEqual((await stored()).settings.languages, ["en"]);

    const tab = await open("plain");
    try {
      await sendsThrough(tab, "jancok", "English only");
      await refusedThere(tab, "fuck", "English only");

      // A code this version does not know (saved by another version, or typed by hand) is
      // dropped: screening goes on in the languages that are left, and the page shows them.
      await storeSettings({ languages: ["xx", "en"] });
      await page.waitForFunction(() => [...document.querySelectorAll('#language-list input:checked')].map((b) => b.value).join() === "en");
      await sendsThrough(tab, "jancok", "stored [xx, en]");
      await refusedThere(tab, "fuck", "stored [xx, en]");
      // Nothing known left: the default set, in which Javanese is screened.
      await storeSettings({ languages: ["xx"] });
      await refusedThere(tab, "jancok", "stored [xx]");
      await refusedThere(tab, "fuck", "stored [xx]");
    } finally {
      await tab.close();
      await storeSettings({ languages: null });
    }
    // Back to the default set on the page too, which stores no choice.
    await page.waitForFunction((n) => document.querySelectorAll('#language-list input:checked').length === n,
      PACKAGE_LANGUAGES.filter((l) => l.default).length);
    await page.locator("#save").click();
    await page.waitForFunction(() => document.getElementById("save-message").dataset.kind === "ok");
    assert.equal((await stored()).settings.languages, null);
  });

  test("pause for 15 minutes needs the unlocked page; resuming does not", async () => {
    await page.locator("#pause").click();
    await page.waitForFunction(() => !document.getElementById("resume").hidden);
    const { pausedUntil } = await stored();
    assert.ok(pausedUntil > Date.now() + 14 * 60_000 && pausedUntil <= Date.now() + 15 * 60_000);
    const tab = await open("plain");
    const f = tab.locator("#input");
    await f.pressSequentially(DISGUISED[0]);
    const before = await sentCount(tab, "input");
    await tab.locator("#b-input").click();
    await tab.waitForFunction((n) => window.sent.input === n + 1, before, { timeout: 5_000 });
    await page.locator("#resume").click();
    await page.waitForFunction(() => document.getElementById("resume").hidden);
    await clear(f);
    await f.pressSequentially(DISGUISED[0]);
    await waitVerdict(tab, "block");
    await tab.close();
  });

  test("the PIN can be changed while unlocked; the old one then stops working", async () => {
    await page.locator("#change-pin").click();
    await page.locator("#new-pin").fill("13579");
    await page.locator("#new-pin2").fill("13579");
    await page.locator("#set-pin").click();
    await page.waitForFunction(() => document.getElementById("pin-message").dataset.kind === "ok");
    await page.locator("#lock").click();
    await page.waitForSelector("body[data-unlocked='false']");
    const old = await page.evaluate((pin) => chrome.runtime.sendMessage({ type: "unlock", pin }), PIN);
    assert.equal(old.code, "wrong");
    await backOffOver();
    const fresh = await page.evaluate(() => chrome.runtime.sendMessage({ type: "unlock", pin: "13579" }));
    assert.equal(fresh.ok, true);
  });

  test("a wrong PIN: one message and one countdown, then the right PIN unlocks at once", async () => {
    await page.reload();
    await page.waitForSelector("body[data-ready='true']");
    await page.waitForSelector("#unlock:not([disabled])");
    await page.evaluate(() => {
      window.msgs = [];
      const el = document.getElementById("pin-message");
      new MutationObserver(() => window.msgs.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true });
    });
    await page.locator("#pin").fill("0000");
    await page.locator("#unlock").click();
    await page.waitForFunction(() => window.msgs.length > 0 && !document.getElementById("unlock").disabled, null, { timeout: 10_000 });
    await page.locator("#pin").fill("13579");
    await page.locator("#unlock").click();
    await page.waitForSelector("body[data-unlocked='true']");
    const msgs = await page.evaluate(() => window.msgs);
    const end = msgs.indexOf("");
    assert.ok(end > 0, `the message was never cleared: ${JSON.stringify(msgs)}`);
    const shown = msgs.slice(0, end);
    for (const m of shown) assert.match(m, /^Wrong PIN\. Try again in \d+ s\.$/, JSON.stringify(msgs));
    const secs = shown.map((m) => Number(/\d+/.exec(m)[0]));
    assert.deepEqual(secs, [...secs].sort((a, b) => b - a), `the countdown restarted: ${JSON.stringify(msgs)}`);
    assert.ok(msgs.slice(end).every((m) => !/Wrong PIN/.test(m)), `shown again after it ended: ${JSON.stringify(msgs)}`);
  });

  test("a top-level domain or public suffix is refused as a site to skip", async () => {
    const answers = await page.evaluate(async () => {
      const { token } = await chrome.runtime.sendMessage({ type: "unlock", pin: "13579" });
      const save = (skipSites) => chrome.runtime.sendMessage({ type: "save", token, settings: { skipSites } });
      return [await save(["com"]), await save(["co.id"]), await save(["id"]), await save(["sekolah.sch.id"]), await save([])];
    });
    for (const a of answers.slice(0, 3)) {
      assert.equal(a.ok, false, JSON.stringify(a));
      assert.match(a.error, /skipSites: "(com|co\.id|id)" is a top-level domain or a public suffix/);
    }
    assert.equal(answers[3].ok, true, JSON.stringify(answers[3]));
    assert.equal(answers[4].ok, true);
  });

  test("storage full: a PIN try that cannot be counted is refused unchecked", async () => {
    const w = currentWorker();
    await w.evaluate(async () => {
      await chrome.storage.local.set({ junk: "x".repeat(10_000_000) });
      for (const size of [100_000, 1000, 1]) {
        for (let i = 0; ; i++) {
          try {
            await chrome.storage.local.set({ [`junk${size}_${i}`]: "x".repeat(size) });
          } catch {
            break;
          }
        }
      }
    });
    try {
      const answers = await page.evaluate(async () => {
        const out = [];
        for (const pin of ["1111", "2222", "3333", "4444", "5555", "6666", "13579"]) {
          out.push(await chrome.runtime.sendMessage({ type: "unlock", pin }));
        }
        return out;
      });
      for (const a of answers) {
        assert.equal(a.ok, false, JSON.stringify(a));
        assert.equal(a.code, "storage", JSON.stringify(a));
      }
    } finally {
      await w.evaluate(async () => {
        const all = await chrome.storage.local.get(null);
        await chrome.storage.local.remove(Object.keys(all).filter((k) => k.startsWith("junk")));
      });
    }
    const ok = await page.evaluate(() => chrome.runtime.sendMessage({ type: "unlock", pin: "13579" }));
    assert.equal(ok.ok, true, JSON.stringify(ok));
  });
});

describe("sites and the service worker's lifetime", () => {
  const setSettings = (settings) =>
    worker.evaluate((s) => chrome.storage.local.get("settings").then(({ settings: old }) =>
      chrome.storage.local.set({ settings: { ...old, ...s } })), settings);

  after(async () => {
    await setSettings({ skipSites: [], forceSites: [] });
    await worker.evaluate(() => chrome.storage.local.set({ pausedUntil: 0 }));
  });

  test("a site to skip is left alone; a forced site is screened even during a pause", async () => {
    await setSettings({ skipSites: ["127.0.0.1"] });
    const tab = await context.newPage();
    await tab.goto(`${origin}/plain/page.html`);
    await tab.waitForSelector("body[data-ready='true']");
    await tab.locator("#textarea").pressSequentially(DISGUISED[0]);
    await tab.locator("#b-textarea").click();
    await tab.waitForFunction(() => window.sent.textarea === 1, null, { timeout: 5_000 });
    assert.deepEqual((await overlayOf(tab)).marks, []);
    await tab.close();

    await setSettings({ skipSites: [], forceSites: ["127.0.0.1"] });
    await worker.evaluate(() => chrome.storage.local.set({ pausedUntil: Date.now() + 60_000 }));
    const forced = await open("plain");
    await forced.locator("#input").pressSequentially(DISGUISED[0]);
    await waitVerdict(forced, "block");
    await forced.close();
  });

  test("the guard keeps working after Chromium stops the service worker", async () => {
    const tab = await open("plain");
    await worker.evaluate(() => {
      self.__before = true;
    });
    // Stop the worker the way Chromium does when it is idle: its target is closed.
    const cdp = await context.newCDPSession(tab);
    const { targetInfos } = await cdp.send("Target.getTargets");
    const sw = targetInfos.find((t) => t.type === "service_worker" && t.url.startsWith(`chrome-extension://${extId}/`));
    assert.ok(sw, "no service worker target");
    await cdp.send("Target.closeTarget", { targetId: sw.targetId });
    // DevTools tells a page's session no event when a service worker's target goes, so the
    // list of targets is read (each read paced by the one before) until the worker is gone.
    const deadline = Date.now() + 10_000;
    let alive = true;
    while (alive && Date.now() < deadline) {
      const { targetInfos: now } = await cdp.send("Target.getTargets");
      alive = now.some((t) => t.targetId === sw.targetId);
    }
    assert.ok(!alive, "the service worker did not stop");
    await cdp.detach().catch(() => {});
    const f = tab.locator("#input");
    await f.pressSequentially(DISGUISED[1]);
    await waitVerdict(tab, "block");
    await clear(f);
    await f.pressSequentially(CLEAN);
    await waitVerdict(tab, "allow");
    worker = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extId}/`)) ?? worker;
    assert.equal(await worker.evaluate(() => self.__before), undefined, "the worker was not restarted");
    await tab.close();
  });
});

describe("the zip", () => {
  const unzip = spawnSync("unzip", ["-v"]).status === 0;
  test("unpacks to exactly the unpacked extension", { skip: !unzip && "no unzip on this machine" }, () => {
    const into = mkdtempSync(join(tmpdir(), "saring-zip-"));
    try {
      execFileSync("unzip", ["-q", join(repo, "dist", "saring-extension.zip"), "-d", into]);
      execFileSync("diff", ["-r", extDir, into]);
    } finally {
      rmSync(into, { recursive: true, force: true });
    }
  });
});

describe("fail closed, the length cap, the log and the badge", () => {
  const setSettings = (settings) =>
    currentWorker().evaluate((s) => chrome.storage.local.get("settings").then(({ settings: old }) =>
      chrome.storage.local.set({ settings: { ...old, ...s } })), settings);

  test("a tab opened while the service worker is busy holds the send until the verdict", async () => {
    // Keep the worker busy for a few seconds (as a long paste in another tab would).
    const n = await refusals();
    const sentBefore = sentTexts("div").length;
    const w = currentWorker();
    let busy = true;
    const done = w.evaluate(() => {
      const end = Date.now() + 6000;
      while (Date.now() < end);
    }).finally(() => (busy = false));
    const tab = await context.newPage();
    await tab.goto(`${origin}/plain/composers.html`);
    await tab.waitForSelector("body[data-ready='true']");
    const f = tab.locator("#div-field");
    await f.pressSequentially(DISGUISED[0]);
    await tab.locator("#div-send").click();
    const clickedWhileBusy = busy;
    await done;
    await refusedSince(n, "sent during the worker's start-up");
    assert.ok(clickedWhileBusy, "the worker was not busy when the send was tried");
    assert.ok(!sentTexts("div").some((t) => t.includes("4nj1ng")), "sent unchecked while the worker was busy");
    // A clean text is then sent.
    await f.click();
    await f.press("Control+A");
    await f.press("Delete");
    await f.pressSequentially("sampai jumpa besok");
    await tab.locator("#div-send").click();
    await waitPosted("div", "sampai jumpa besok");
    // The clean text arrived after any earlier send would have: it is the only one.
    assert.deepEqual(sentTexts("div").slice(sentBefore), ["sampai jumpa besok"]);
    await tab.close();
  });

  test("text over the length cap is refused with its reason, not checked", async () => {
    const tab = await open("plain", "composers.html");
    const f = tab.locator("#div-field");
    await f.click();
    await tab.keyboard.insertText("halo ".repeat(12_000)); // 60,000 characters, all clean
    const n = await refusals();
    await tab.locator("#div-send").click();
    await refusedSince(n, "60,000 characters");
    await waitOverlay(tab, (o) => o.statuses.some((s) => /Too long to check \(over 50,000 characters\)/.test(s)), "no reason shown");
    assert.ok(!sentTexts("div").some((t) => t.length > 50_000), "the long text was sent");
    await tab.close();
  });

  test("the toolbar badge: on while screening, then the number of refused sends", async () => {
    const tab = await open("plain", "composers.html");
    const w = currentWorker();
    const tabId = await w.evaluate(async () => {
      const tabs = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tabs[0]?.id;
    });
    const badge = (id) => currentWorker().evaluate((t) => chrome.action.getBadgeText({ tabId: t }), id);
    assert.equal(await badge(tabId), "on");
    const f = tab.locator("#pointer-field");
    await f.pressSequentially(DISGUISED[0]);
    const n = await refusals();
    await tab.locator("#pointer-send").click();
    await refusedSince(n, "pointer");
    await tab.locator("#pointer-send").click();
    await refusedSince(n + 1, "pointer, again");
    assert.equal(await badge(tabId), "2");
    await tab.close();
  });

  test("the log: only what the user typed, under the frame's own site, matched words only", async () => {
    await setSettings({ logText: true });
    const w = currentWorker();
    await w.evaluate(() => chrome.storage.local.set({ activity: {}, log: [] }));
    // The page writes an insult into the textarea itself; the user types one in the input.
    const tab = await context.newPage();
    await tab.goto(`${origin}/plain/page.html#prefill`);
    await tab.waitForSelector("body[data-ready='true']");
    await tab.locator("#input").pressSequentially(DISGUISED[0]);
    // An iframe of another site, where the user types too.
    await tab.evaluate((src) => {
      const frame = document.createElement("iframe");
      frame.id = "other";
      frame.src = src;
      document.body.append(frame);
      return new Promise((r) => frame.addEventListener("load", r));
    }, `${otherOrigin}/plain/frame.html`);
    await tab.frameLocator("#other").locator("#frame-field").pressSequentially(DISGUISED[1]);
    const all = await storedOnceActive(["127.0.0.1", "localhost"], 15_000);
    await tab.close();
    await setSettings({ logText: false });
    await currentWorker().evaluate(() => chrome.storage.local.set({ log: [] }));
    assert.deepEqual(all.activity?.["127.0.0.1"]?.counts, { insult: 1 }, JSON.stringify(all));
    assert.ok(all.activity?.localhost?.counts, `the iframe's site was not counted: ${JSON.stringify(all.activity)}`);
    const rows = all.log.map(({ site, words }) => ({ site, words }));
    assert.deepEqual(rows.sort((a, b) => a.site.localeCompare(b.site)), [
      { site: "127.0.0.1", words: ["4nj1ng"] },
      { site: "localhost", words: ["ｋｏｎｔｏｌ"] },
    ]);
    assert.ok(!JSON.stringify(all).includes("dasar"), "more than the matched words was kept");
    await currentWorker().evaluate(() => chrome.storage.local.set({ activity: {}, log: [] }));
  });
});

describe("privacy", () => {
  test("the activity summary counts per site and category, and keeps no typed text", async () => {
    // A flagged text that stays on screen for 2 s is counted once.
    const tab = await open("plain");
    await tab.locator("#textarea").pressSequentially(DISGUISED[0]);
    await waitVerdict(tab, "block");
    const all = await storedOnceActive(["127.0.0.1"], 10_000);
    await tab.close();
    const row = all.activity?.["127.0.0.1"];
    assert.ok(row, `no activity recorded: ${JSON.stringify(all.activity)}`);
    assert.ok(row.counts.insult >= 1, JSON.stringify(row));
    const dump = JSON.stringify(all);
    for (const typed of [...DISGUISED, "kamu bodoh", "4nj1ng"]) assert.ok(!dump.includes(typed), `"${typed}" was stored`);
    assert.deepEqual(all.log ?? [], []);
  });

  test("the options page shows no words, sites, activity or log without the PIN", async () => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extId}/options.html`);
    await page.waitForSelector("body[data-ready='true']");
    await currentWorker().evaluate(() =>
      chrome.storage.local.get("settings").then(({ settings }) =>
        chrome.storage.local.set({
          settings: { ...settings, allowTerms: ["pantai"], skipSites: ["sekolah.sch.id"], extraTerms: [{ term: "zzkata", category: "insult", severity: 1 }] },
          log: [{ time: 1, site: "x.example", action: "block", categories: ["insult"], words: ["4nj1ng"] }],
        })));
    const s = await page.evaluate(() => chrome.runtime.sendMessage({ type: "state" }));
    await currentWorker().evaluate(() =>
      chrome.storage.local.get("settings").then(({ settings }) =>
        chrome.storage.local.set({ settings: { ...settings, allowTerms: [], skipSites: [], extraTerms: [] }, log: [] })));
    assert.equal(s.ok, true);
    assert.equal(s.unlocked, false);
    assert.deepEqual(
      { extra: s.settings.extraTerms, allow: s.settings.allowTerms, skip: s.settings.skipSites, activity: s.activity, log: s.log },
      { extra: [], allow: [], skip: [], activity: {}, log: [] },
    );
    const shown = await page.locator("body").textContent();
    for (const secret of ["pantai", "sekolah.sch.id", "zzkata", "127.0.0.1", "4nj1ng"]) assert.ok(!shown.includes(secret), secret);
    await page.close();
  });

  test("no request left 127.0.0.1", () => {
    const allowed = (u) =>
      u.startsWith(`${origin}/`) || u.startsWith(`${otherOrigin}/`) ||
      // (chrome-extension://invalid/: the page's own tries at fetching the extension's files)
      u === "chrome-extension://invalid/" ||
      u.startsWith(`chrome-extension://${extId}/`) || /^(data|blob|about):/.test(u);
    assert.deepEqual(offsite, []);
    assert.deepEqual(requests.filter((u) => !allowed(u)), []);
    assert.ok(requests.some((u) => u.startsWith(`${origin}/strict/`)), "requests were not recorded");
  });
});
