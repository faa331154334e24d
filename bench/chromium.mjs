// The browser part of `make bench`: saring's package in Debian's Chromium, headless,
// driven by playwright-core, on a page served from 127.0.0.1 by a server in this file.
//
//   cold start  fetch + compile + instantiate the .wasm (init()) and `new Filter()` — the project's
//               definition — and the same with the import of the JS glue before it, in a fresh
//               browser context (empty HTTP and code caches) each time
//   keystroke   one check of the whole text after each typed character, as the input guard
//               does: every prefix of a caption (and of a comment), each timed over REPS
//               checks because a page's clock is coarse
//   guard       the same typing through the input guard (www/guard.js `attachGuard` on a
//               textarea): an `input` event per typed character, timed until the guard has
//               checked the text and drawn its highlight (the marks in the mirror layer and the
//               status line) — what a keystroke costs the page before layout and paint
//
// The page is cross-origin isolated (COOP + COEP), which gives performance.now() its finest
// resolution (5 µs in Chromium instead of 100 µs).

import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const COLD_RUNS = 15;

const PAGE = `<!doctype html><meta charset="utf-8"><title>saring bench</title><body>bench</body>`;

function serve(root) {
  const files = {
    "/": ["text/html; charset=utf-8", null],
    "/pkg/saring.js": ["text/javascript; charset=utf-8", path.join(root, "pkg/saring.js")],
    "/pkg/saring_bg.wasm": ["application/wasm", path.join(root, "pkg/saring_bg.wasm")],
    "/guard.js": ["text/javascript; charset=utf-8", path.join(root, "www/guard.js")],
  };
  const server = http.createServer((req, res) => {
    const entry = files[new URL(req.url, "http://x").pathname];
    if (!entry || req.method !== "GET") {
      res.writeHead(404).end();
      return;
    }
    const body = entry[1] ? fs.readFileSync(entry[1]) : PAGE;
    res.writeHead(200, {
      "content-type": entry[0],
      "cache-control": "no-store",
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-embedder-policy": "require-corp",
      "cross-origin-resource-policy": "same-origin",
    });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function coldStart(page) {
  return page.evaluate(async () => {
    const t0 = performance.now();
    const glue = await import("/pkg/saring.js");
    const t1 = performance.now();
    await glue.default({ module_or_path: "/pkg/saring_bg.wasm" });
    const t2 = performance.now();
    const filter = new glue.Filter({ profile: "teen" });
    const t3 = performance.now();
    window.__filter = filter;
    return { total: t3 - t0, core: t3 - t1, glue: t1 - t0, init: t2 - t1, filter: t3 - t2, isolated: crossOriginIsolated };
  });
}

async function typing(page, text, reps) {
  return page.evaluate(
    ({ text, reps }) => {
      const filter = window.__filter;
      const chars = Array.from(text);
      // Warm up: the page has just compiled the module (baseline tier).
      for (let i = 0; i < 200; i++) filter.check(text);
      const us = [];
      let typed = "";
      for (const ch of chars) {
        typed += ch;
        const t0 = performance.now();
        for (let r = 0; r < reps; r++) filter.check(typed);
        us.push(((performance.now() - t0) * 1000) / reps);
      }
      us.sort((a, b) => a - b);
      const at = (q) => us[Math.round((us.length - 1) * q)];
      return { median: at(0.5), p99: at(0.99), n: us.length };
    },
    { text, reps },
  );
}

async function guardTyping(page, text, reps) {
  return page.evaluate(
    async ({ text, reps }) => {
      const { attachGuard } = await import("/guard.js");
      const field = document.createElement("textarea");
      field.rows = 8;
      field.cols = 60;
      document.body.append(field);
      let checkMs = 0;
      let renderMs = 0;
      const guard = attachGuard(field, {
        filter: window.__filter,
        checkOnAttach: false,
        onVerdict: (d) => {
          checkMs += d.checkMs;
          renderMs += d.renderMs;
        },
      });
      const type = (value) => {
        field.value = value;
        field.dispatchEvent(new Event("input", { bubbles: true }));
      };
      // Warm up the guard's code as well as the module's.
      for (let i = 0; i < 100; i++) type(i % 2 ? text : text.slice(0, text.length >> 1));
      checkMs = renderMs = 0;
      const chars = Array.from(text);
      const us = [];
      let typed = "";
      for (const ch of chars) {
        typed += ch;
        const t0 = performance.now();
        for (let r = 0; r < reps; r++) type(typed);
        us.push(((performance.now() - t0) * 1000) / reps);
      }
      guard.detach();
      field.remove();
      const n = us.length * reps;
      us.sort((a, b) => a - b);
      const at = (q) => us[Math.round((us.length - 1) * q)];
      return { median: at(0.5), p99: at(0.99), n: us.length, check_mean: (checkMs * 1000) / n, render_mean: (renderMs * 1000) / n };
    },
    { text, reps },
  );
}

export async function measureChromium({ root, playwright, comment, caption }) {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (Debian's chromium package)`);
  const server = await serve(root);
  const url = `http://127.0.0.1:${server.address().port}/`;
  // playwright's launch() gives Chromium a fresh temporary --user-data-dir, removed on close.
  let browser;
  try {
    browser = await playwright.chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    const version = browser.version();
    // A fresh context per cold start: new HTTP cache, new compiled-code cache.
    const runs = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      const fresh = await browser.newContext();
      const page = await fresh.newPage();
      await page.goto(url);
      runs.push(await coldStart(page));
      await fresh.close();
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await coldStart(page);
    const keyComment = comment ? await typing(page, comment, 20) : null;
    const keyCaption = caption ? await typing(page, caption, 5) : null;
    const guardComment = comment ? await guardTyping(page, comment, 5) : null;
    const guardCaption = caption ? await guardTyping(page, caption, 2) : null;
    const med = (key) => {
      const v = runs.map((r) => r[key]).sort((a, b) => a - b);
      return v[Math.floor(v.length / 2)];
    };
    return {
      version,
      cold_ms: {
        median: med("core"),
        with_glue: med("total"),
        glue: med("glue"),
        init: med("init"),
        filter: med("filter"),
        runs: runs.length,
        first: runs[0].total,
      },
      isolated: runs[0].isolated,
      keystroke_comment_us: keyComment,
      keystroke_caption_us: keyCaption,
      guard_comment_us: guardComment,
      guard_caption_us: guardCaption,
    };
  } finally {
    if (browser) await browser.close().catch(() => {});
    server.close();
  }
}
