#!/usr/bin/env node
// Bundles the editor composer fixtures offline (esbuild, from node_modules) into
// target/editor-fixtures/: <editor>.html, <editor>.js and, when the editor ships CSS,
// <editor>.css. `saring` and `saring/guard` stay outside the bundles: the pages import the
// package built by `make pkg` from /pkg/, as an app would load it.
//
//   node tests/browser/editors/build.mjs        (the editors test runs it before starting)
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const here = fileURLToPath(new URL(".", import.meta.url));
export const OUT = join(repo, "target", "editor-fixtures");

// Each composer's send control is a different kind of script-driven "button", placed after
// the editor as such sites place it: a div or span, with or without a role, labelled by its
// text or only by aria-label around an icon.
const ICON = '<svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true"><path d="M2 21 23 12 2 3v7l15 2-15 2z"/></svg>';
export const EDITORS = {
  lexical: `<div id="send" class="send" role="button" tabindex="0">Kirim</div>`,
  slate: `<div id="send" class="send">Send</div>`,
  draft: `<span id="send" class="send icon" role="button" tabindex="0" aria-label="Post">${ICON}</span>`,
  prosemirror: `<div id="send" class="send" role="button" tabindex="0">Balas</div>`,
  quill: `<div id="send" class="send">Komentar</div>`,
  ckeditor: `<div id="send" class="send icon" role="button" tabindex="0" aria-label="Kirim">${ICON}</div>`,
  tinymce: `<div id="send" class="send" role="button" tabindex="0">Kirim</div>`,
};

const CSS = `body { font: 15px/1.4 system-ui, sans-serif; margin: 24px; }
.composer { display: flex; gap: 8px; align-items: flex-end; max-width: 720px; }
#editor { flex: 1; min-width: 0; }
#editor .field { min-height: 3em; border: 1px solid #bbb; border-radius: 8px; padding: 8px; outline: none; }
.tools { display: flex; gap: 4px; }
.tool, .send { cursor: pointer; user-select: none; padding: 8px 12px; border-radius: 8px; }
.send { background: #0f766e; color: #fff; }
.send.icon { display: inline-flex; fill: #fff; }
`;

function page(name, hasCss) {
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>${name} composer</title>
${hasCss ? `<link rel="stylesheet" href="${name}.css">\n` : ""}<link rel="stylesheet" href="composer.css">
</head>
<body>
<h1>Komentar</h1>
<div class="composer" id="composer">
  <div id="editor"></div>
  <div class="tools"><span class="tool" role="button" aria-label="Emoji">🙂</span></div>
  ${EDITORS[name]}
</div>
<script type="module" src="${name}.js"></script>
</body>
</html>
`;
}

// `saring` and `saring/guard` → the built package's files under /pkg/ (its package.json
// exports), left as runtime imports; `saring/guard` falls back to www/guard.js, the module
// the package is built from, while pkg/ does not export it.
function packageImports() {
  const manifest = join(repo, "pkg", "package.json");
  return {
    name: "saring-package",
    setup(b) {
      b.onResolve({ filter: /^saring(\/.*)?$/ }, (args) => {
        if (!existsSync(manifest)) return { errors: [{ text: "pkg/ not built: run make pkg" }] };
        const exports = JSON.parse(readFileSync(manifest, "utf8")).exports ?? {};
        const key = `.${args.path.slice("saring".length)}`;
        let target = exports[key];
        if (target && typeof target === "object") target = target.default ?? target.import;
        // Until the package ships the guard, its source module (www/guard.js, served at /).
        if (typeof target !== "string" && key === "./guard") return { path: "/guard.js", external: true };
        if (typeof target !== "string") {
          return { errors: [{ text: `the package built in pkg/ exports no "${args.path}"` }] };
        }
        return { path: `/pkg/${target.replace(/^\.\//, "")}`, external: true };
      });
    },
  };
}

export async function buildFixtures({ quiet = false } = {}) {
  const t0 = Date.now();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  await build({
    entryPoints: Object.keys(EDITORS).map((name) => ({ in: join(here, `${name}.js`), out: name })),
    outdir: OUT,
    bundle: true,
    format: "esm",
    splitting: false,
    target: "chrome116",
    minify: true,
    sourcemap: false,
    logLevel: "error",
    legalComments: "none",
    define: { "process.env.NODE_ENV": '"production"', global: "globalThis" },
    loader: { ".svg": "text" },
    plugins: [packageImports()],
  });
  writeFileSync(join(OUT, "composer.css"), CSS);
  for (const name of Object.keys(EDITORS)) {
    writeFileSync(join(OUT, `${name}.html`), page(name, existsSync(join(OUT, `${name}.css`))));
  }
  if (!quiet) console.log(`editor fixtures: ${Object.keys(EDITORS).length} composers in ${Date.now() - t0} ms → ${OUT}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildFixtures().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
