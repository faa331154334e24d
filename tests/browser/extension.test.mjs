// The parents' extension (dist/saring-extension/, built here from www/extension/) loaded into
// real headless Chromium: fields of every kind guarded on a plain page and on one whose CSP
// forbids WebAssembly, a page script that tries to switch the guard off, the PIN flow of the
// options page, the local activity summary, and no request leaving 127.0.0.1.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "./support.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const extDir = join(repo, "dist", "saring-extension");
const fixtures = join(repo, "tests", "browser", "fixtures", "extension");

const DISGUISED = ["dasar 4nj1ng lu", "ｋｏｎｔｏｌ"];
const CLEAN = "main ke pantai";

// /plain/… and /strict/… serve the same fixture files; /strict/ adds a CSP without
// 'wasm-unsafe-eval', so the page itself could not run the filter.
const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'";
function startFixtureServer() {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8" };
  const server = createServer((req, res) => {
    const m = /^\/(plain|strict)\/([a-z]+\.(?:html|js))$/.exec(new URL(req.url, "http://x").pathname);
    const file = m && join(fixtures, m[2]);
    if (!file || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
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
  profile = mkdtempSync(join(tmpdir(), "saring-ext-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true, // Chromium's new headless mode, which loads extensions
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`],
    viewport: { width: 1000, height: 800 },
  });
  context.on("request", (r) => requests.push(r.url()));
  await context.route(/^(https?|wss?|ftp):/, (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
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

async function open(kind) {
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e));
  await page.goto(`${origin}/${kind}/page.html`);
  await page.waitForSelector("body[data-ready='true']");
  // The guard is attached once the field carries a verdict.
  await page.waitForSelector("#textarea[data-saring-action]", { timeout: 10_000 });
  return page;
}

const sentCount = (page, key) => page.evaluate((k) => window.sent[k], key);

async function clear(locator) {
  await locator.click();
  await locator.press("Control+A");
  await locator.press("Delete");
}

async function waitAction(locator, action) {
  const deadline = Date.now() + 5_000;
  let got;
  while (Date.now() < deadline) {
    got = await locator.getAttribute("data-saring-action");
    if (got === action) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  assert.equal(got, action, "data-saring-action");
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
      test(`${key}: disguised insults are blocked and not sent; clean text is sent`, async () => {
        const f = field(page);
        for (const text of DISGUISED) {
          await clear(f);
          await f.pressSequentially(text);
          await waitAction(f, "block");
          const before = await sentCount(page, key);
          await button(page).click();
          await f.focus();
          await page.keyboard.press("Enter");
          await page.waitForTimeout(100);
          assert.equal(await sentCount(page, key), before, `"${text}" was sent`);
          assert.ok((await f.locator("xpath=..").locator("mark.saring-hit").count()) > 0, "no mark.saring-hit");
        }
        await clear(f);
        await f.pressSequentially(CLEAN);
        await waitAction(f, "allow");
        const before = await sentCount(page, key);
        await button(page).click();
        // Sent at once, or as soon as the worker's answer for the last keystroke arrives.
        await page.waitForFunction(([k, n]) => window.sent[k] === n + 1, [key, before], { timeout: 5_000 });
        await page.waitForTimeout(100);
        assert.equal(await sentCount(page, key), before + 1, "clean text was sent twice");
      });
    }

    test("same-origin iframe: blocked, then clean text is sent", async () => {
      const frame = page.frameLocator("#frame");
      const f = frame.locator("#frame-field");
      const sent = () => page.frame({ url: /frame\.html$/ }).evaluate(() => window.sent);
      await f.pressSequentially(DISGUISED[0]);
      await waitAction(f, "block");
      await frame.locator("#b-frame").click();
      await page.waitForTimeout(100);
      assert.equal(await sent(), 0);
      await clear(f);
      await f.pressSequentially(CLEAN);
      await waitAction(f, "allow");
      await frame.locator("#b-frame").click();
      await page.waitForTimeout(100);
      assert.equal(await sent(), 1);
    });

    test("Enter right after clean typing in an input still sends (once the verdict arrives)", async () => {
      const f = page.locator("#input");
      await clear(f);
      const before = await sentCount(page, "input");
      await f.pressSequentially("halo semua");
      await f.press("Enter");
      await page.waitForFunction((n) => window.sent.input === n + 1, before, { timeout: 5_000 });
    });

    test("a password is never read: no verdict, and the form is sent", async () => {
      const f = page.locator("#password");
      await f.pressSequentially(DISGUISED[0]);
      await page.waitForTimeout(200);
      assert.equal(await f.getAttribute("data-saring-action"), null);
      const before = await sentCount(page, "login");
      await page.locator("#b-login").click();
      await page.waitForFunction((n) => window.sent.login === n + 1, before, { timeout: 5_000 });
    });

    test("a late answer for text that is gone does not overwrite the verdict", async () => {
      const f = page.locator("#textarea");
      await clear(f);
      // Two edits in one task: the worker's answer for the first arrives after the second,
      // an empty field, was answered on the spot.
      await f.evaluate((el, text) => {
        el.value = text;
        el.dispatchEvent(new InputEvent("input", { bubbles: true }));
        el.value = "";
        el.dispatchEvent(new InputEvent("input", { bubbles: true }));
      }, DISGUISED[0]);
      await page.waitForTimeout(300);
      assert.equal(await f.getAttribute("data-saring-action"), "allow");
      assert.equal(await f.locator("xpath=..").locator("mark.saring-hit").count(), 0);
    });

    test("a page script cannot switch the guard off", async () => {
      const f = page.locator("#textarea");
      await clear(f);
      await f.pressSequentially(DISGUISED[0]);
      await waitAction(f, "block");
      const tried = await page.evaluate(async () => {
        const out = {};
        // A control channel it might guess at:
        for (const msg of [{ saring: "off" }, { type: "saring:disable" }, { type: "save", settings: { profile: "adult" } }]) {
          window.postMessage(msg, "*");
        }
        // The extension's messaging is not exposed to pages:
        out.runtime = typeof globalThis.chrome?.runtime?.sendMessage;
        // Rewriting the DOM contract:
        const field = document.getElementById("textarea");
        field.removeAttribute("data-saring-action");
        field.setAttribute("data-saring-off", "");
        document.documentElement.setAttribute("data-saring", "off");
        for (const el of document.querySelectorAll(".saring-layer, .saring-status")) el.remove();
        field.dispatchEvent(new CustomEvent("saring:verdict", { detail: { action: "allow", matches: [] } }));
        // A capture listener that tries to stop everyone else from seeing the submit:
        window.addEventListener("submit", (e) => e.stopImmediatePropagation(), true);
        window.addEventListener("keydown", (e) => e.stopImmediatePropagation(), true);
        await new Promise((r) => setTimeout(r, 50));
        out.action = field.getAttribute("data-saring-action");
        return out;
      });
      assert.equal(tried.runtime, "undefined");
      assert.equal(tried.action, "block", "the page removed the verdict for good");
      const before = await sentCount(page, "textarea");
      await page.locator("#b-textarea").click();
      await page.waitForTimeout(100);
      assert.equal(await sentCount(page, "textarea"), before, "sent after the page tampered");
      // Typing on still screens.
      await f.press("End");
      await f.pressSequentially(" ｋｏｎｔｏｌ");
      await waitAction(f, "block");
      // The settings are unchanged.
      const { settings } = await worker.evaluate(() => chrome.storage.local.get("settings"));
      assert.notEqual(settings?.profile, "adult");
    });
  });
}

describe("options page: the parent PIN", () => {
  let page;
  const PIN = "2468";
  const stored = () => worker.evaluate(() => chrome.storage.local.get(null));

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
    await page.locator("#lock").click();
    await page.waitForSelector("body[data-unlocked='false']");
    assert.equal(await page.locator("#settings-fields").evaluate((el) => el.disabled), true);
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
    // A second wrong try doubles the wait.
    await new Promise((r) => setTimeout(r, soon.retryAfterMs + 50));
    const wrong2 = await page.evaluate(() => chrome.runtime.sendMessage({ type: "unlock", pin: "9999" }));
    assert.equal(wrong2.code, "wrong");
    assert.ok(wrong2.retryAfterMs >= 2000, `wait after two wrong tries: ${wrong2.retryAfterMs} ms`);
    const all = await stored();
    assert.equal(all.pinFails.count, 2);
    assert.equal(all.settings?.profile ?? "teen", "teen");
    await new Promise((r) => setTimeout(r, wrong2.retryAfterMs + 50));
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
    await waitAction(f, "warn");

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
    await waitAction(f, "block");
    await tab.close();
  });

  test("pause for 15 minutes needs the unlocked page; resuming does not", async () => {
    await page.locator("#pause").click();
    await page.waitForFunction(() => !document.getElementById("resume").hidden);
    const { pausedUntil } = await stored();
    assert.ok(pausedUntil > Date.now() + 14 * 60_000 && pausedUntil <= Date.now() + 15 * 60_000);
    const tab = await open("plain");
    const f = tab.locator("#input");
    await f.pressSequentially(DISGUISED[0]);
    await waitAction(f, "allow");
    await page.locator("#resume").click();
    await page.waitForFunction(() => document.getElementById("resume").hidden);
    await clear(f);
    await f.pressSequentially(DISGUISED[0]);
    await waitAction(f, "block");
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
    await new Promise((r) => setTimeout(r, old.retryAfterMs + 50));
    const fresh = await page.evaluate(() => chrome.runtime.sendMessage({ type: "unlock", pin: "13579" }));
    assert.equal(fresh.ok, true);
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
    await tab.waitForTimeout(300);
    assert.equal(await tab.locator("#textarea").getAttribute("data-saring-action"), null);
    await tab.close();

    await setSettings({ skipSites: [], forceSites: ["127.0.0.1"] });
    await worker.evaluate(() => chrome.storage.local.set({ pausedUntil: Date.now() + 60_000 }));
    const forced = await open("plain");
    await forced.locator("#input").pressSequentially(DISGUISED[0]);
    await waitAction(forced.locator("#input"), "block");
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
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const { targetInfos: now } = await cdp.send("Target.getTargets");
      if (!now.some((t) => t.targetId === sw.targetId)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const f = tab.locator("#input");
    await f.pressSequentially(DISGUISED[1]);
    await waitAction(f, "block");
    await clear(f);
    await f.pressSequentially(CLEAN);
    await waitAction(f, "allow");
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

describe("privacy", () => {
  test("the activity summary counts per site and category, and keeps no typed text", async () => {
    // A flagged text that stays on screen for 2 s is counted once.
    const tab = await open("plain");
    await tab.locator("#textarea").pressSequentially(DISGUISED[0]);
    await waitAction(tab.locator("#textarea"), "block");
    const deadline = Date.now() + 10_000;
    let all;
    do {
      all = await worker.evaluate(() => chrome.storage.local.get(null));
      if (all.activity?.["127.0.0.1"]) break;
      await new Promise((r) => setTimeout(r, 250));
    } while (Date.now() < deadline);
    await tab.close();
    const row = all.activity?.["127.0.0.1"];
    assert.ok(row, `no activity recorded: ${JSON.stringify(all.activity)}`);
    assert.ok(row.counts.insult >= 1, JSON.stringify(row));
    const dump = JSON.stringify(all);
    for (const typed of [...DISGUISED, "kamu bodoh", "4nj1ng"]) assert.ok(!dump.includes(typed), `"${typed}" was stored`);
    assert.deepEqual(all.log ?? [], []);
  });

  test("no request left 127.0.0.1", () => {
    const allowed = (u) =>
      u.startsWith(`${origin}/`) || u.startsWith(`chrome-extension://${extId}/`) || /^(data|blob|about):/.test(u);
    assert.deepEqual(offsite, []);
    assert.deepEqual(requests.filter((u) => !allowed(u)), []);
    assert.ok(requests.some((u) => u.startsWith(`${origin}/strict/`)), "requests were not recorded");
  });
});
