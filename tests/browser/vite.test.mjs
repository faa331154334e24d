// Through a bundler: a tiny app (tests/browser/fixtures/vite-app/) that imports "saring" and
// "saring/worker" by name is built with Vite from the package as npm would ship it (`npm pack`
// of pkg/, unpacked into the app's node_modules: offline, no registry), served from
// 127.0.0.1 and run in headless Chromium. The wasm and the worker must be emitted as assets
// and load from the app's own origin.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { chromium } from "playwright-core";
import { build } from "vite";
import { startServer } from "../../www/serve.mjs";
import { CHROMIUM, CHROMIUM_ARGS, recordRequests } from "./support.mjs";
import { repoRoot } from "../js/support.mjs";

const tmp = mkdtempSync(join(tmpdir(), "saring-vite-"));
const app = join(tmp, "app");
const dist = join(tmp, "dist");
let server;
let browser;
let assets = [];

before(async () => {
  cpSync(join(repoRoot, "tests", "browser", "fixtures", "vite-app"), app, { recursive: true });
  // The package exactly as published: npm pack honours `files`, so a file missing from it
  // (the wasm, the worker script) breaks this build.
  const packed = JSON.parse(
    execFileSync("npm", ["pack", join(repoRoot, "pkg"), "--json", "--ignore-scripts", "--pack-destination", tmp], {
      cwd: tmp,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }),
  )[0];
  const target = join(app, "node_modules", "saring");
  mkdirSync(target, { recursive: true });
  execFileSync("tar", ["-xzf", join(tmp, packed.filename), "-C", target, "--strip-components=1"]);

  await build({
    root: app,
    configFile: false, // Vite's defaults, as a new app has them (worker format iife included)
    logLevel: "warn",
    cacheDir: join(tmp, "vite-cache"),
    build: { outDir: dist, emptyOutDir: true, reportCompressedSize: false },
  });
  assets = readdirSync(join(dist, "assets"));

  server = await startServer({ port: 0, roots: [["/", dist]] });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("saring through Vite", () => {
  test("the build emitted the wasm and the worker as assets", () => {
    assert.ok(assets.some((f) => f.endsWith(".wasm")), `no .wasm in ${assets.join(" ")}`);
    assert.ok(assets.some((f) => /^worker.*\.js$/.test(f)), `no worker bundle in ${assets.join(" ")}`);
  });

  test("the built app checks text in Chromium (main thread and worker), from its own origin only", async () => {
    const context = await browser.newContext();
    const origin = new URL(server.url).origin;
    const { requests, offsite } = await recordRequests(context, origin);
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(server.url);
    await page.waitForSelector("body[data-done='true']", { timeout: 30_000 });
    const r = await page.evaluate(() => window.result);
    await context.close();

    assert.equal(r.error, undefined, r.error);
    assert.equal(r.verdict.action, "block");
    assert.deepEqual(r.slices, ["4nj1ng"]);
    assert.equal(r.verdict.matches[0].start, 9, "UTF-16 offset after an emoji");
    assert.equal(r.verdict.matches[0].term, "anjing");
    assert.equal(r.censored, "😀 dasar ****** lu");
    assert.deepEqual(r.optionError, {
      isError: true,
      message: 'unknown profile "tean": expected "child", "teen" or "adult"',
    });
    assert.deepEqual(r.workerVerdict, r.verdict);
    assert.ok(requests.some((u) => u.endsWith(".wasm")), "the wasm was not fetched");
    assert.deepEqual(offsite, []);
    assert.deepEqual(errors, []);
  });
});
