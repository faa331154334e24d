// Real headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by
// playwright-core (never a downloaded browser), a fresh temporary profile per run, pages
// served from 127.0.0.1 by the project's own server (www/serve.mjs) on a free port, and
// every request recorded — anything not bound for that server is aborted and reported.
import { createReadStream, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { locate, MIME, startServer } from "../../www/serve.mjs";

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

/**
 * A server for composer pages that post: GET serves files from `roots` (like www/serve.mjs)
 * with the Content-Security-Policy `csp(pathname)` returns (none when it returns null), and
 * POST /api/post answers 204 and appends `{ ...json body }` to `posts` — the log of what
 * reached the server. Resolves to `{ url, origin, posts, close() }`.
 */
export function startComposerServer({ roots, csp = () => null }) {
  const posts = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method === "POST" && url.pathname === "/api/post") {
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        let body;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch {
          body = { unreadable: Buffer.concat(chunks).toString("utf8") };
        }
        posts.push(body);
        res.writeHead(204, { "cache-control": "no-store" }).end();
      });
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD, POST" }).end();
      return;
    }
    const found = locate(roots, url.pathname);
    if (!found) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
      return;
    }
    const policy = csp(url.pathname);
    res.writeHead(200, {
      "content-type": MIME[extname(found.file).toLowerCase()] ?? "application/octet-stream",
      "content-length": found.size,
      "cache-control": "no-store",
      ...(policy ? { "content-security-policy": policy } : {}),
    });
    if (req.method === "HEAD") return res.end();
    createReadStream(found.file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      resolve({ url: `${origin}/`, origin, posts, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

/**
 * Resolves with the number of sends the parents' extension has refused (all tabs: the numbers
 * behind its toolbar badges) as soon as it is above `n`. The extension's service worker
 * `worker` waits for its own storage change event (it keeps the count in storage.session);
 * after `ms` without one, the promise rejects with the count seen.
 */
export function extensionRefusalsAbove(worker, n, ms = 10_000) {
  return worker.evaluate(([above, ms]) => new Promise((resolve, reject) => {
    const sum = (r) => Object.values(r ?? {}).reduce((a, b) => a + b, 0);
    const stop = () => {
      chrome.storage.onChanged.removeListener(seen);
      clearTimeout(deadline);
    };
    const seen = (changes, area) => {
      if (area !== "session" || !changes.refusals) return;
      const total = sum(changes.refusals.newValue);
      if (total > above) {
        stop();
        resolve(total);
      }
    };
    chrome.storage.onChanged.addListener(seen);
    const deadline = setTimeout(async () => {
      stop();
      const { refusals } = await chrome.storage.session.get("refusals");
      if (sum(refusals) > above) resolve(sum(refusals));
      else reject(new Error(`the refused sends stayed at ${sum(refusals)}`));
    }, ms);
    chrome.storage.session.get("refusals").then(({ refusals }) => {
      if (sum(refusals) > above) {
        stop();
        resolve(sum(refusals));
      }
    });
  }), [n, ms]);
}
