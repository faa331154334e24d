// Seven real rich-text editors from npm (Lexical, Slate, Draft.js, ProseMirror, Quill,
// CKEditor 5, TinyMCE in its iframe mode), bundled offline into composer pages that post with
// fetch from a div "button" and from the editor's own Enter handler — no form anywhere — and
// guarded two ways: by the npm guard the page attaches (with `sendControls`), and by the
// parents' extension with no integration at all (also under a strict CSP). For each: a
// disguised insult never reaches the server, clean text does, and the marking leaves the
// editor's own model, selection and undo history as they were.
//
// What reached the server is read from the server's own log. "Nothing arrived" is asserted
// after a known later event: the clean message sent after the refused one has arrived, and
// only it.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { chromium } from "playwright-core";
import { buildFixtures, EDITORS, OUT } from "./editors/build.mjs";
import { CHROMIUM, CHROMIUM_ARGS, extensionRefusalsAbove, startComposerServer } from "./support.mjs";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const extDir = join(repo, "dist", "saring-extension");

const INSULTS = { click: "dasar 4nj1ng lu", Enter: "dasar k0nt0l" };
const CLEAN = { click: "main ke pantai", Enter: "sampai besok ya" };
// SARING_EDITORS=lexical,quill narrows a run while working on one editor.
const NAMES = Object.keys(EDITORS).filter((n) => !process.env.SARING_EDITORS || process.env.SARING_EDITORS.split(",").includes(n));
// Pages also served under a CSP that forbids eval and WebAssembly (the extension must still
// guard them): one editor of each family — a plain contenteditable library, a React one, a
// framework with its own view layer, and the iframe editor.
const STRICT = ["lexical", "slate", "ckeditor", "tinymce"];
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'";

// Where the user clicks to type (TinyMCE's is the body of its iframe).
const FIELD = {
  lexical: "#editor .field",
  slate: "[data-slate-editor]",
  draft: ".public-DraftEditor-content",
  prosemirror: ".ProseMirror",
  quill: ".ql-editor",
  ckeditor: ".ck-editor__editable",
};
const field = (page, name) =>
  name === "tinymce" ? page.frameLocator("#editor iframe").locator("body") : page.locator(FIELD[name]);

let server;
let plain; // a browser without the extension: the npm guard
let ext; // { context, worker }: the parents' extension loaded
let extProfile;
const offsite = [];

before(async () => {
  await buildFixtures({ quiet: true });
  execFileSync(process.execPath, [join(repo, "scripts", "build-extension.mjs")], { stdio: "pipe" });
  server = await startComposerServer({
    roots: [
      ["/editors/", OUT],
      ["/strict/editors/", OUT],
      ["/pkg/", join(repo, "pkg")],
      ["/tinymce/", join(repo, "node_modules", "tinymce")],
      ["/", join(repo, "www")],
    ],
    csp: (path) => (path.startsWith("/strict/") ? STRICT_CSP : null),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  plain = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  plain.browser_ = browser;
  await recordNetwork(plain);
  extProfile = mkdtempSync(join(tmpdir(), "saring-editors-"));
  const context = await chromium.launchPersistentContext(extProfile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`],
    viewport: { width: 1000, height: 800 },
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 20_000 }));
  await recordNetwork(context);
  ext = { context, worker };
});

after(async () => {
  await plain?.browser_.close().catch(() => {});
  await ext?.context.close().catch(() => {});
  await server?.close();
  if (extProfile) rmSync(extProfile, { recursive: true, force: true });
  assert.deepEqual(offsite, [], "requests that tried to leave 127.0.0.1");
});

// Network requests (not the extension's own chrome-extension:// pages) may go to the server only.
async function recordNetwork(context) {
  await context.route(/^(https?|wss?|ftp):/, (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.origin}/`)) return route.continue();
    offsite.push(url);
    return route.abort("blockedbyclient");
  });
}

/** Waits until `fn(arg)` holds in the page (looked at on every frame); fails with `what` after `ms`. */
function inPage(page, fn, arg, what, ms = 8_000) {
  return page.waitForFunction(fn, arg, { timeout: ms }).then(
    (handle) => handle.jsonValue(),
    (e) => assert.fail(`${what} (${e.message.split("\n")[0]})`),
  );
}

/** Waits for whichever comes first of `waits` (promises); fails with `what` when none does. */
function first(waits, what) {
  return Promise.any(waits).catch(() => assert.fail(what));
}

async function open(context, path) {
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(`${server.origin}${path}`);
  await page.waitForSelector("body[data-ready='true']", { timeout: 20_000 });
  return page;
}

/** Runs `fn(page)` on a fresh page: a failure on one editor's page does not spill into the next test. */
async function withPage(context, path, fn) {
  const page = await open(context, path);
  try {
    return await fn(page);
  } finally {
    await page.close();
  }
}

async function clear(page, name) {
  const f = field(page, name);
  await f.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Backspace");
  await inPage(page, () => window.composer.text().trim() === "", undefined, `${name}: the editor did not empty`);
}

async function type(page, name, text) {
  await field(page, name).click();
  await page.keyboard.type(text);
  await inPage(page, (t) => window.composer.text().trim() === t, text, `${name}: the editor does not hold the typed text`);
}

const verdictIs = (page, action) =>
  page.waitForFunction((a) => window.composer.field.getAttribute("data-saring-action") === a, action, { timeout: 8_000 });

async function gesture(page, name, how) {
  if (how === "click") await page.locator("#send").click();
  else await page.keyboard.press("Enter");
}

// Refused sends: `count()` now, and `above(n)`, which resolves once there are more than n.
// The extension counts them for its toolbar badge (all tabs); the npm guard's page, itself.
const extRefusals = {
  count: () =>
    ext.worker.evaluate(async () => {
      const { refusals = {} } = await chrome.storage.session.get("refusals");
      return Object.values(refusals).reduce((a, b) => a + b, 0);
    }),
  above: (n) => extensionRefusalsAbove(ext.worker, n, 8_000),
};
// Keeps the extension's service worker busy for a while, as when it starts up or checks a
// long text: the checks asked meanwhile are answered only after it (so a send made during it is
// held). Resolves when the worker is free again.
const stallWorker = () =>
  ext.worker.evaluate((ms) => {
    const end = Date.now() + ms;
    while (Date.now() < end);
  }, 1500);
const pageRefusals = (page) => ({
  count: () => page.evaluate(() => window.composer.refusals),
  above: (n) => page.waitForFunction((k) => window.composer.refusals > k, n, { timeout: 8_000 }),
});
const posted = (page) => page.evaluate(() => window.composer.posted);
const postedAbove = (page, n) => page.waitForFunction((k) => window.composer.posted > k, n, { timeout: 8_000 });

/**
 * Types the insult, tries to send it with `how`, then types clean text and sends it the same
 * way; resolves once the clean post has arrived. Asserts that the server received the clean
 * text only, and that the guard reported the refusal.
 */
async function insultThenClean(page, name, how, { refusals, waitVerdict, held = false, stall = false }) {
  // With held verdicts (npm guard) or a stalled service worker (extension), the send is made
  // before the filter answers; the answers come after it.
  let stalled = null;
  const typing = () => {
    if (stall) stalled = stallWorker();
  };
  const answer = async () => {
    if (held) await page.evaluate(() => window.composer.answerAll());
    if (stalled) await stalled;
  };
  const start = server.posts.length;
  const postedBefore = await posted(page);
  await clear(page, name);
  typing();
  await type(page, name, INSULTS[how]);
  if (waitVerdict) await verdictIs(page, "block");
  const refusedBefore = await refusals.count();
  const outcome = first([refusals.above(refusedBefore), postedAbove(page, postedBefore)],
    `${name}/${how}: neither a refusal nor a post after the insult`);
  await gesture(page, name, how);
  await answer();
  // Either the guard refuses or the page posts: whichever comes first.
  await outcome;
  const refusedAfter = await refusals.count();
  await clear(page, name);
  typing();
  await type(page, name, CLEAN[how]);
  if (waitVerdict) await verdictIs(page, "allow");
  await gesture(page, name, how);
  await answer();
  await inPage(page, (n) => window.composer.posted > n, postedBefore, `${name}/${how}: the clean text was not posted`);
  const via = how === "click" ? "click" : "enter";
  assert.deepEqual(server.posts.slice(start), [{ editor: name, via, text: CLEAN[how] }],
    `${name}/${how}: what reached the server`);
  assert.ok(refusedAfter > refusedBefore, `${name}/${how}: the guard reported no refusal`);
  assert.deepEqual(page.errors, [], `${name}: page errors`);
}

for (const name of NAMES) {
  describe(`${name}, npm guard attached by the page`, () => {
    for (const how of ["click", "Enter"]) {
      test(`${how}: the insult never reaches the server, clean text does`, () =>
        withPage(plain, `/editors/${name}.html?guard=npm`, (page) =>
          insultThenClean(page, name, how, { refusals: pageRefusals(page), waitVerdict: true })));
    }

    for (const how of ["click", "Enter"]) {
      test(`${how} before the verdict is known: held, then refused (insult) or sent (clean)`, async () => {
        const p = await open(plain, `/editors/${name}.html?guard=npm&verdicts=held`);
        try {
          await insultThenClean(p, name, how, { refusals: pageRefusals(p), waitVerdict: false, held: true });
        } finally {
          await p.close();
        }
      });
    }

    test("an app sending from code asks mayPost(): false for the insult, true for clean text, after the verdict", async () => {
      const p = await open(plain, `/editors/${name}.html?guard=npm&verdicts=held`);
      try {
        const start = server.posts.length;
        const ask = async (text) => {
          await clear(p, name);
          await type(p, name, text);
          await p.evaluate(() => {
            window.asked = window.composer.postFromCode();
          });
          await p.evaluate(() => window.composer.answerAll());
          return p.evaluate(() => window.asked);
        };
        assert.equal(await ask(INSULTS.click), false, "mayPost() for the insult");
        assert.equal(await ask(CLEAN.click), true, "mayPost() for clean text");
        await inPage(p, () => window.composer.posted === 1, undefined, "the clean text was not posted");
        assert.deepEqual(server.posts.slice(start), [{ editor: name, via: "code", text: CLEAN.click }]);
        assert.deepEqual(p.errors, []);
      } finally {
        await p.close();
      }
    });

    test("marking leaves the editor's DOM, model, selection and undo history intact; its undo still works", async () => {
      const p = await open(plain, `/editors/${name}.html?guard=manual`);
      try {
        await type(p, name, INSULTS.click);
        const before = await p.evaluate(() => window.composer.snapshot());
        // Every change inside the editor's element while the guard attaches and marks.
        await p.evaluate(() => {
          const { field } = window.composer;
          window.touched = [];
          window.watcher = new MutationObserver((list) => {
            for (const m of list) {
              // The verdict attributes on the field itself (data-saring-action, aria-invalid,
              // aria-describedby → the status) are the guard's DOM contract; nothing inside.
              if (m.type === "attributes" && m.target === field && /^(data-saring-|aria-describedby$|aria-invalid$)/.test(m.attributeName)) continue;
              window.touched.push(`${m.type} ${m.attributeName ?? ""} on ${m.target.nodeName}`);
            }
          });
          window.watcher.observe(field, { subtree: true, childList: true, characterData: true, attributes: true });
        });
        await p.evaluate(() => window.composer.attach());
        await verdictIs(p, "block");
        const touched = await p.evaluate(() => [...window.touched, ...window.watcher.takeRecords().map((m) => m.type)]);
        assert.deepEqual(touched, [], "the guard changed the editor's DOM");
        const marks = await p.evaluate(() => window.composer.field.ownerDocument.querySelectorAll("mark.saring-hit").length);
        assert.ok(marks > 0, "the guard drew no mark");
        assert.deepEqual(await p.evaluate(() => window.composer.snapshot()), before, "after marking");
        const refused = await pageRefusals(p).count();
        await p.keyboard.press("Enter");
        await inPage(p, (n) => window.composer.refusals > n, refused, "Enter was not refused");
        assert.deepEqual(await p.evaluate(() => window.composer.snapshot()), before, "after the refused Enter");
        await p.keyboard.press("Control+Z");
        await inPage(p, (t) => window.composer.text() !== t, INSULTS.click, "Ctrl+Z changed nothing");
        const undone = await p.evaluate(() => window.composer.text());
        assert.ok(INSULTS.click.startsWith(undone), `undo gave "${undone}"`);
        assert.equal(server.posts.filter((x) => x.text === INSULTS.click && x.editor === name).length, 0);
        assert.deepEqual(p.errors, []);
      } finally {
        await p.close();
      }
    });
  });
}

for (const name of NAMES) {
  for (const variant of STRICT.includes(name) ? ["plain", "strict"] : ["plain"]) {
    const path = `${variant === "strict" ? "/strict" : ""}/editors/${name}.html`;
    describe(`${name}, parents' extension, no integration${variant === "strict" ? ", strict CSP" : ""}`, () => {
      if (variant === "strict") {
        test("the page itself may not compile WebAssembly", () =>
          withPage(ext.context, path, async (page) => {
            const r = await page.evaluate(() =>
              WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => "compiled", (e) => e.name));
            assert.equal(r, "CompileError");
          }));
      }

      for (const how of ["click", "Enter"]) {
        test(`${how}: the insult never reaches the server, clean text does`, () =>
          withPage(ext.context, path, (page) =>
            insultThenClean(page, name, how, { refusals: extRefusals, waitVerdict: false })));
      }

      if (variant === "plain") {
        for (const how of ["click", "Enter"]) {
          test(`${how} while the extension's worker is busy: held, then refused (insult) or sent (clean)`, () =>
            withPage(ext.context, path, (page) =>
              insultThenClean(page, name, how, { refusals: extRefusals, waitVerdict: false, stall: true })));
        }

        test("a refused Enter leaves the editor's model, selection and undo history intact", () => withPage(ext.context, path, async (page) => {
          await clear(page, name);
          await type(page, name, INSULTS.Enter);
          const before = await page.evaluate(() => window.composer.snapshot());
          const refused = await extRefusals.count();
          const postedBefore = await posted(page);
          const outcome = first([extRefusals.above(refused), postedAbove(page, postedBefore)], "neither a refusal nor a post");
          await page.keyboard.press("Enter");
          await outcome;
          assert.equal(await posted(page), postedBefore, "the insult was posted");
          assert.deepEqual(await page.evaluate(() => window.composer.snapshot()), before);
          assert.equal(await page.evaluate(() => window.composer.field.getAttribute("data-saring-action")), null,
            "the extension left an attribute on the page's editor");
          assert.deepEqual(page.errors, []);
        }));
      }
    });
  }
}
