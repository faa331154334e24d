// The one module that knows where settings live and what a valid setting is. Used by the
// service worker (which alone writes them) and by the options page (which only displays them).
//
// chrome.storage.local   settings, pin (salted PBKDF2 hash), pinFails, pausedUntil, activity, log
// chrome.storage.managed what an administrator set (managed_schema.json): those keys win and
//                        are locked; lockAll locks every key
// chrome.storage.session the options page's unlock token (never written to disk)

export const PROFILES = ["child", "teen", "adult"];
export const CATEGORIES = [
  "profanity", "insult", "sexual", "hate", "violence", "self-harm", "drugs", "gambling",
  "personal-info", "link",
];
// `languages: null` is the package's default set (`languages()` entries with `default: true`),
// which follows the package when it gains a language; a list is the parent's own choice.
export const DEFAULTS = Object.freeze({
  profile: "teen",
  languages: null,
  extraTerms: [],
  allowTerms: [],
  skipSites: [],
  forceSites: [],
  logText: false,
  allowPause: true,
});
export const POLICY_KEYS = Object.keys(DEFAULTS);
export const PAUSE_MS = 15 * 60 * 1000;
/** The longest text the worker checks (UTF-16 units); the guard's own cap is the same. */
export const MAX_CHECK_LENGTH = 50_000;
/** Bounds of what the worker stores: sites in the activity table, log rows, rows per site. */
export const MAX_SITES = 300;
export const MAX_LOG = 200;
export const MAX_LOG_PER_SITE = 20;

const MAX_ITEMS = 500;
const MAX_TERM = 64;

// Suffixes under which anyone can register a name: skipping one would skip every site under
// it. Single labels (`com`, `id`) are refused too. A short list for the region the filter is
// made for, plus the usual generic ones — not the whole public-suffix list.
const PUBLIC_SUFFIXES = new Set([
  "co.id", "ac.id", "or.id", "go.id", "sch.id", "web.id", "my.id", "biz.id", "net.id", "mil.id",
  "ponpes.id", "desa.id", "co.uk", "org.uk", "ac.uk", "com.au", "com.my", "com.sg", "co.jp",
  "com.br", "co.in", "co.nz", "co.za", "github.io", "blogspot.com", "web.app", "vercel.app",
  "netlify.app", "pages.dev", "appspot.com", "herokuapp.com", "wordpress.com",
]);

function bad(field, why) {
  return new Error(`${field}: ${why}`);
}

function list(field, value, each) {
  if (!Array.isArray(value)) throw bad(field, "expected a list");
  if (value.length > MAX_ITEMS) throw bad(field, `at most ${MAX_ITEMS} entries`);
  const out = [];
  const seen = new Set();
  for (const item of value) {
    const clean = each(item);
    const key = JSON.stringify(clean);
    if (clean !== null && !seen.has(key)) {
      seen.add(key);
      out.push(clean);
    }
  }
  return out;
}

function word(field, value) {
  if (typeof value !== "string") throw bad(field, "expected text");
  const w = value.trim();
  if (!w) return null;
  if (w.length > MAX_TERM) throw bad(field, `"${w.slice(0, 20)}…" is longer than ${MAX_TERM} characters`);
  return w;
}

/** "www.Example.com", "https://example.com/x", "*.example.com" → "example.com" (or null). */
export function normalizeSite(value) {
  if (typeof value !== "string") return null;
  let s = value.trim().toLowerCase();
  if (!s) return null;
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").replace(/[/?#].*$/, "").replace(/:\d+$/, "");
  s = s.replace(/^\*\./, "").replace(/^www\./, "").replace(/\.$/, "");
  if (!/^[a-z0-9.-]+$/.test(s) && !/^\[[0-9a-f:]+\]$/.test(s)) return null;
  return s;
}

/** Whether a site to skip names a top-level domain or a public suffix rather than a site. */
export function tooBroad(site) {
  if (/^\d+(\.\d+){3}$/.test(site) || site.startsWith("[") || site === "localhost") return false;
  const labels = site.split(".").filter(Boolean);
  return labels.length < 2 || PUBLIC_SUFFIXES.has(labels.join("."));
}

/**
 * The parent's language choice, cleaned: codes the package does not know (`known`, the codes of
 * `languages()`) are dropped — a setting saved by another version of the extension, or a policy
 * written for one, must not switch the filter off — and at least one must be left. `null` is
 * the package's default set.
 */
export function cleanLanguages(value, known) {
  if (value === null) return null;
  if (!Array.isArray(value)) throw bad("languages", "expected a list of language codes");
  if (value.length > MAX_ITEMS) throw bad("languages", `at most ${MAX_ITEMS} entries`);
  const out = [];
  for (const code of value) {
    if (typeof code !== "string") throw bad("languages", "expected language codes");
    const c = code.trim().toLowerCase();
    if (known.includes(c) && !out.includes(c)) out.push(c);
  }
  if (out.length === 0) throw bad("languages", `choose at least one of ${known.join(", ")}`);
  return out;
}

/**
 * Validates the keys present in `input`; returns clean values or throws naming the field.
 * `known` lists the language codes the package knows (the codes of `languages()`); without
 * it, a `languages` setting is refused.
 */
export function sanitize(input, known = []) {
  if (!input || typeof input !== "object") throw bad("settings", "expected an object");
  const out = {};
  for (const [k, v] of Object.entries(input)) {
    switch (k) {
      case "profile":
        if (!PROFILES.includes(v)) throw bad(k, `expected ${PROFILES.join(", ")}`);
        out[k] = v;
        break;
      case "languages":
        out[k] = cleanLanguages(v, known);
        break;
      case "extraTerms":
        out[k] = list(k, v, (item) => {
          const t = typeof item === "string" ? { term: item } : item;
          if (!t || typeof t !== "object") throw bad(k, "expected words");
          const term = word(k, t.term);
          if (term === null) return null;
          const category = t.category ?? "insult";
          if (!CATEGORIES.includes(category)) throw bad(k, `unknown category "${category}"`);
          const severity = Number(t.severity ?? 2);
          if (![1, 2, 3].includes(severity)) throw bad(k, "severity is 1, 2 or 3");
          return { term, category, severity };
        });
        break;
      case "allowTerms":
        out[k] = list(k, v, (item) => word(k, item));
        break;
      case "skipSites":
      case "forceSites":
        out[k] = list(k, v, (item) => {
          if (typeof item !== "string") throw bad(k, "expected host names");
          if (!item.trim()) return null;
          const site = normalizeSite(item);
          if (!site) throw bad(k, `"${item.slice(0, 40)}" is not a host name`);
          if (k === "skipSites" && tooBroad(site)) {
            throw bad(k, `"${site}" is a top-level domain or a public suffix: it would skip every site under it`);
          }
          return site;
        });
        break;
      case "logText":
      case "allowPause":
        if (typeof v !== "boolean") throw bad(k, "expected true or false");
        out[k] = v;
        break;
      default:
        throw bad(k, "unknown setting");
    }
  }
  return out;
}

/** The host of a page URL, lower case ("" for none). */
export function hostOf(url) {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return "";
  }
}

/** Whether `host` is one of `sites` or a subdomain of one. */
export function siteListed(host, sites) {
  return !!host && sites.some((s) => host === s || host.endsWith(`.${s}`));
}

// Chromium 156 can leave a storage.managed.get made while the worker starts unanswered for
// good (seen in headless runs): wait a moment, then go on with the last values read (none at
// first) and say so (`unknown`), so that the caller can look again later instead of hanging
// every message behind it.
let managedSeen = null;
export async function managedValues(waitMs = 400) {
  const get = chrome.storage.managed.get(null).then(
    (v) => (managedSeen = v ?? {}),
    () => (managedSeen = {}), // no policy support here
  );
  const got = await Promise.race([get, new Promise((resolve) => setTimeout(resolve, waitMs, null))]);
  return got === null ? { values: managedSeen ?? {}, unknown: managedSeen === null } : { values: got, unknown: false };
}

/** The activity table without its least recent sites beyond MAX_SITES. */
export function boundActivity(activity) {
  const sites = Object.entries(activity);
  if (sites.length <= MAX_SITES) return activity;
  sites.sort((a, b) => b[1].last - a[1].last);
  return Object.fromEntries(sites.slice(0, MAX_SITES));
}

/** The log's last MAX_LOG rows, at most MAX_LOG_PER_SITE of them from one site. */
export function boundLog(log) {
  const perSite = new Map();
  const kept = [];
  for (let i = log.length - 1; i >= 0 && kept.length < MAX_LOG; i--) {
    const n = perSite.get(log[i].site) ?? 0;
    if (n >= MAX_LOG_PER_SITE) continue;
    perSite.set(log[i].site, n + 1);
    kept.push(log[i]);
  }
  return kept.reverse();
}

/** A PBKDF2 record as the worker stores it: `{ algo, salt, iterations, hash }`, or null. */
export function pinRecord(value) {
  if (!value || typeof value !== "object") return null;
  const { algo, salt, iterations, hash } = value;
  const b64 = /^[A-Za-z0-9+/]+={0,2}$/;
  if (algo !== "PBKDF2-SHA-256" || typeof salt !== "string" || typeof hash !== "string") return null;
  if (!b64.test(salt) || !b64.test(hash) || !Number.isInteger(iterations) || iterations < 100_000) return null;
  return { algo, salt, iterations, hash };
}

/** The PIN an administrator set by policy (managed `pinHash`), or null. */
export async function managedPin() {
  const { values } = await managedValues();
  return pinRecord(values.pinHash);
}

/**
 * The settings in force: defaults ← the parent's (local) ← the administrator's (managed).
 * `known`: the language codes of the package's `languages()`. Returns `{ settings, locked:
 * [keys the options page may not change], managed: bool, managedUnknown: bool }`.
 */
export async function effectiveSettings(known = []) {
  const [{ settings: local = {} }, { values: managed, unknown }] = await Promise.all([
    chrome.storage.local.get("settings"),
    managedValues(),
  ]);
  const settings = { ...DEFAULTS };
  for (const source of [local, managed]) {
    for (const k of POLICY_KEYS) {
      if (source[k] === undefined) continue;
      try {
        Object.assign(settings, sanitize({ [k]: source[k] }, known));
      } catch {
        /* a bad stored or managed value keeps the value below it */
      }
    }
  }
  const locked = managed.lockAll === true
    ? [...POLICY_KEYS]
    : POLICY_KEYS.filter((k) => managed[k] !== undefined);
  return { settings, locked, managed: Object.keys(managed).length > 0, managedUnknown: unknown };
}
