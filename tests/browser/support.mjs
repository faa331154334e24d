// Real headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by
// playwright-core (never a downloaded browser), a fresh temporary profile per run, pages
// served from 127.0.0.1 by the project's own server (www/serve.mjs) on a free port, and
// every request recorded — anything not bound for that server is aborted and reported.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../../www/serve.mjs";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Starts the server and the browser. Returns
 * `{ url, context, newPage(), offsite, requests, close() }` — `offsite` lists every request
 * that tried to leave 127.0.0.1.
 */
/**
 * Lets requests to `origin` through and refuses every other one, recording both: `requests`
 * holds every URL asked for, `offsite` those that tried to leave.
 */
export async function recordRequests(context, origin) {
  const requests = [];
  const offsite = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    requests.push(url);
    if (new URL(url).origin === origin) return route.continue();
    offsite.push(url);
    return route.abort("blockedbyclient");
  });
  return { requests, offsite };
}

export async function launch() {
  const server = await startServer({
    port: 0,
    roots: [
      ["/pkg/", join(repoRoot, "pkg")],
      ["/fixtures/", join(repoRoot, "tests", "browser", "fixtures")],
      ["/", join(repoRoot, "www")],
    ],
  });
  const profile = mkdtempSync(join(tmpdir(), "saring-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1200, height: 900 },
      serviceWorkers: "block",
    });
  } catch (e) {
    await server.close();
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  const origin = new URL(server.url).origin;
  const { requests, offsite } = await recordRequests(context, origin);
  context.on("request", (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:") && !offsite.includes(url)) {
      offsite.push(url);
    }
  });
  return {
    url: server.url,
    context,
    requests,
    offsite,
    async newPage(path = "") {
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(e));
      page.on("console", (msg) => {
        if (msg.type() === "error") errors.push(new Error(msg.text()));
      });
      page.errors = errors;
      await page.goto(new URL(path, server.url).href);
      return page;
    },
    async close() {
      await context.close().catch(() => {});
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
