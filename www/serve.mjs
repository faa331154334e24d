#!/usr/bin/env node
// A tiny static server for the demo (no dependencies): `make demo`, and the browser tests.
//
//   PORT=8080 node www/serve.mjs      → http://127.0.0.1:8080/
//
//   /            → www/        (index.html, demo.js, guard.js, style.css, …)
//   /pkg/…       → pkg/        (the npm package built by `make pkg`)
//
// Bound to 127.0.0.1 only. GET and HEAD only; no directory listings; paths are
// resolved and must stay inside their root (no traversal, no symlink escapes).
import { createReadStream, realpathSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..");

export const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
};

/** Maps a URL path to a file inside one of the roots, or null. */
export function locate(roots, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path.includes("\0") || path.includes("\\")) return null;
  for (const [prefix, dir] of roots) {
    if (!path.startsWith(prefix)) continue;
    const rel = path.slice(prefix.length);
    const base = resolve(dir);
    let file = resolve(base, `.${sep}${rel}`);
    if (file !== base && !file.startsWith(base + sep)) return null;
    try {
      let st = statSync(file);
      if (st.isDirectory()) {
        file = join(file, "index.html");
        st = statSync(file);
      }
      if (!st.isFile()) return null;
      const real = realpathSync(file);
      const realBase = realpathSync(base);
      if (!real.startsWith(realBase + sep)) return null;
      return { file: real, size: st.size };
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Starts the server. `port` 0 picks a free port. Resolves to
 * `{ server, port, url, close() }`.
 */
export function startServer({ port = 8080, host = "127.0.0.1", roots, quiet = true } = {}) {
  const table = roots ?? [
    ["/pkg/", join(repo, "pkg")],
    ["/", here],
  ];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const send = (status, body, type = "text/plain; charset=utf-8") => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      return send(405, "method not allowed\n");
    }
    const found = locate(table, url.pathname);
    if (!quiet) console.log(`${req.method} ${url.pathname} ${found ? 200 : 404}`);
    if (!found) return send(404, "not found\n");
    res.writeHead(200, {
      "content-type": MIME[extname(found.file).toLowerCase()] ?? "application/octet-stream",
      "content-length": found.size,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      // The demo loads nothing from elsewhere; say so to the browser too.
      "content-security-policy":
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'",
    });
    if (req.method === "HEAD") return res.end();
    createReadStream(found.file).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      resolvePromise({
        server,
        port: actual,
        url: `http://${host}:${actual}/`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number.parseInt(process.env.PORT ?? "8080", 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: bad PORT ${JSON.stringify(process.env.PORT)}`);
    process.exit(2);
  }
  startServer({ port, quiet: false }).then(
    ({ url }) => console.log(`serving www/ and pkg/ on ${url}`),
    (e) => {
      console.error(`serve: ${e.message}`);
      process.exit(1);
    },
  );
}
