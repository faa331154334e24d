#!/usr/bin/env node
// Builds the parents' extension (`make extension`):
//
//   www/extension/**          → dist/saring-extension/           (manifest, pages, js/, _locales/)
//   www/guard.js              → dist/saring-extension/js/guard.js (the same guard as the demo,
//                               as a classic script: content scripts cannot be modules)
//   scripts/extension-icons.mjs → dist/saring-extension/icons/icon-{16,32,48,128}.png
//   pkg/saring.js, *.wasm     → dist/saring-extension/pkg/       (run by the service worker)
//   managed_schema.json         the language codes of the package's languages() written into
//                               the description of `languages`
//   dist/saring-extension.zip   the same tree, zipped (deterministic: fixed dates, sorted)
//
// Then it checks what a reviewer would: every file the manifest names exists, every
// __MSG_key__ and data-i18n key exists in both locales, no remote script, no eval, nothing
// web-accessible (a page could fetch it to detect the extension).
// No dependencies: the zip is written with node:zlib.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { crc32, deflateRawSync } from "node:zlib";
import { ICON_SIZES, iconPng } from "./extension-icons.mjs";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(repo, "www", "extension");
const out = join(repo, "dist", "saring-extension");
const zipPath = join(repo, "dist", "saring-extension.zip");

function fail(msg) {
  console.error(`make extension: ${msg}`);
  process.exit(1);
}

for (const f of ["saring.js", "saring_bg.wasm"]) {
  if (!existsSync(join(repo, "pkg", f))) fail(`pkg/${f} is missing: run make pkg first`);
}

// --- copy -----------------------------------------------------------------------------------
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(src, out, {
  recursive: true,
  filter: (p) => !p.endsWith("~") && !p.endsWith(".md") && !p.slice(src.length).includes(`${sep}.`),
});
// The guard module as a classic script: its exports become the members of one global of the
// content script's isolated world (`saringGuard`), which pages cannot see.
const guardSrc = readFileSync(join(repo, "www", "guard.js"), "utf8");
if (/^import\b/m.test(guardSrc)) fail("www/guard.js imports something: a content script cannot");
const exported = [...guardSrc.matchAll(/^export (?:const|let|function|async function|class) (\w+)/gm)].map((m) => m[1]);
writeFileSync(
  join(out, "js", "guard.js"),
  "// Built by scripts/build-extension.mjs from www/guard.js (do not edit): the input guard as a\n" +
    "// classic script, for content scripts and the options page.\n" +
    `var saringGuard = (() => {\n"use strict";\n${guardSrc.replace(/^export /gm, "")}\n` +
    `return Object.freeze({ ${exported.join(", ")} });\n})();\n`,
);
// The managed schema names the language codes this build knows, from the package itself
// (`languages()`), so an administrator reads them where the policy is written. The worker
// still checks every code against `languages()` when it reads the policy.
{
  const saring = await import(pathToFileURL(join(repo, "pkg", "saring.js")).href);
  saring.initSync({ module: readFileSync(join(repo, "pkg", "saring_bg.wasm")) });
  const known = saring.languages();
  if (!Array.isArray(known) || known.length === 0) fail("languages() of pkg/ lists no language");
  const schemaPath = join(out, "managed_schema.json");
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  const entry = schema.properties?.languages;
  if (!entry) fail("managed_schema.json has no languages property");
  const listed = known.map((l) => `${l.code} (${l.name}${l.default ? ", on by default" : ""})`).join(", ");
  entry.description = `${entry.description} This version knows: ${listed}.`;
  writeFileSync(schemaPath, `${JSON.stringify(schema, null, 2)}\n`);
}
mkdirSync(join(out, "icons"));
for (const n of ICON_SIZES) writeFileSync(join(out, "icons", `icon-${n}.png`), iconPng(n));
mkdirSync(join(out, "pkg"));
for (const f of ["saring.js", "saring_bg.wasm", "LICENSE-MIT", "LICENSE-APACHE"]) {
  const from = existsSync(join(repo, "pkg", f)) ? join(repo, "pkg", f) : join(repo, f);
  cpSync(from, join(out, "pkg", f));
}

function files(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

// --- checks ---------------------------------------------------------------------------------
const problems = [];
const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
const named = [
  manifest.background.service_worker,
  manifest.options_ui.page,
  manifest.storage.managed_schema,
  ...manifest.content_scripts.flatMap((c) => c.js ?? []),
  ...Object.values(manifest.icons ?? {}),
  ...Object.values(manifest.action?.default_icon ?? {}),
];
for (const f of named) if (!existsSync(join(out, f))) problems.push(`the manifest names ${f}, which is not built`);
if ((manifest.permissions ?? []).some((p) => !["storage"].includes(p))) problems.push("a permission beyond storage");
if (manifest.host_permissions?.length) problems.push("host_permissions: the extension needs none");
if (manifest.web_accessible_resources?.length) problems.push("web_accessible_resources: pages could detect the extension");
for (const n of ICON_SIZES) if (!manifest.icons?.[n]) problems.push(`no ${n} px icon in the manifest`);

const locales = Object.fromEntries(
  readdirSync(join(out, "_locales")).map((l) => [l, JSON.parse(readFileSync(join(out, "_locales", l, "messages.json"), "utf8"))]),
);
for (const need of ["en", "id"]) if (!locales[need]) problems.push(`_locales/${need} is missing`);
const keys = new Set([...JSON.stringify(manifest).matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]));
for (const f of files(out).filter((f) => f.endsWith(".html") || f.endsWith(".js"))) {
  const text = readFileSync(f, "utf8");
  for (const m of text.matchAll(/data-i18n="(\w+)"/g)) keys.add(m[1]);
  for (const m of text.matchAll(/\bt\("(\w+)"/g)) keys.add(m[1]);
  const rel = relative(out, f);
  if (/<script[^>]*src="(https?:)?\/\//i.test(text)) problems.push(`${rel}: a remote script`);
  if (f.endsWith(".js") && /\beval\s*\(|new Function\s*\(/.test(text)) problems.push(`${rel}: eval or new Function`);
  if (f.endsWith(".html") && /<script(?![^>]*\bsrc=)[^>]*>/i.test(text)) problems.push(`${rel}: an inline script (the CSP forbids it)`);
}
for (const [l, msgs] of Object.entries(locales)) {
  for (const k of keys) if (!msgs[k]) problems.push(`_locales/${l}: no message "${k}"`);
  for (const k of Object.keys(msgs)) if (!locales.en[k]) problems.push(`_locales/${l}: "${k}" is not in en`);
}
if (problems.length) fail(`the built extension has problems:\n  ${problems.join("\n  ")}`);

// --- zip (stored paths relative to the extension root, so it unpacks to a loadable folder) --
function zip(root, dest) {
  const DOS_TIME = 0; // 00:00:00
  const DOS_DATE = (2020 - 1980) << 9 | 1 << 5 | 1; // 2020-01-01: the same bytes every build
  const local = [];
  const central = [];
  let offset = 0;
  for (const file of files(root)) {
    const name = Buffer.from(relative(root, file).split(sep).join("/"), "utf8");
    const data = readFileSync(file);
    const packed = deflateRawSync(data, { level: 9 });
    const stored = packed.length >= data.length;
    const body = stored ? data : packed;
    const crc = crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4); // version needed
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(stored ? 0 : 8, 8);
    head.writeUInt16LE(DOS_TIME, 10);
    head.writeUInt16LE(DOS_DATE, 12);
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(body.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(name.length, 26);
    head.writeUInt16LE(0, 28);
    local.push(head, name, body);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(0x031e, 4); // made by: Unix, 3.0
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(stored ? 0 : 8, 10);
    c.writeUInt16LE(DOS_TIME, 12);
    c.writeUInt16LE(DOS_DATE, 14);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE((0o100644 << 16) >>> 0, 38); // -rw-r--r--
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += head.length + name.length + body.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(dest, Buffer.concat([...local, dir, end]));
}
zip(out, zipPath);

const size = (p) => `${(statSync(p).size / 1024).toFixed(0)} KiB`;
console.log(`make extension: ${relative(repo, out)}/ (${files(out).length} files, version ${manifest.version})`);
console.log(`make extension: ${relative(repo, zipPath)} (${size(zipPath)})`);
console.log("load it: chrome://extensions → Developer mode → Load unpacked → dist/saring-extension/");
