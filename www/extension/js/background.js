// saring service worker: the only place that runs the filter (WebAssembly is allowed here by
// the extension's own CSP, whatever the page's CSP says) and the only writer of settings.
//
// Chrome may stop this worker at any moment: every listener is registered at the top level,
// synchronously, and every handler first awaits the one `ready` promise. Messages go through
// a router that checks the sender: content scripts may only ask for verdicts; only the
// extension's own options page may read or change settings, and changes need the PIN.
import init, { Filter, languages } from "../pkg/saring.js";
import { delayAfter, hashPin, pinProblem, verifyPin } from "./pin.js";
import {
  boundActivity, boundLog, effectiveSettings, hostOf, managedPin, managedValues, MAX_CHECK_LENGTH,
  PAUSE_MS, sanitize, siteListed,
} from "./settings.js";

const OPTIONS_PAGE = chrome.runtime.getURL("options.html");
const TOKEN_MS = 10 * 60 * 1000; // an unlocked options page stays unlocked this long
const MAX_WORDS = 10; // matched words kept per log row (when the parent chose to keep them)

// --- state ----------------------------------------------------------------------------------
const ready = init({ module_or_path: chrome.runtime.getURL("pkg/saring_bg.wasm") });
let current = null; // Promise<{ settings, locked, filter }>, rebuilt when settings change
// What the package knows: [{ code, name, default }], read once the module is ready.
const catalogue = ready.then(() => languages());
const knownCodes = () => catalogue.then((list) => list.map((l) => l.code));

function state() {
  current ??= (async () => {
    await ready;
    const eff = await effectiveSettings(await knownCodes());
    const { profile, extraTerms, allowTerms } = eff.settings;
    // No choice of languages: the package's default set.
    const langs = eff.settings.languages ? { languages: eff.settings.languages } : {};
    let filter;
    try {
      filter = new Filter({ profile, ...langs, extraTerms, allowTerms });
    } catch (e) {
      // A custom word the core refuses must not switch the guard off: fall back to the profile
      // (and, should the languages be what it refused, to the default set).
      console.warn("saring: settings refused:", e.message);
      try {
        filter = new Filter({ profile, ...langs });
      } catch {
        filter = new Filter({ profile });
      }
    }
    return { ...eff, filter };
  })();
  const mine = current;
  mine.then(
    (s) => {
      // Policy not read yet: go on without, and look again in a moment; a policy that turns
      // up then replaces these settings.
      if (s.managedUnknown) {
        setTimeout(async () => {
          const { values } = await managedValues(5000);
          if (current === mine && Object.keys(values).length) invalidate();
        }, 1500);
      }
    },
    () => current === mine && (current = null),
  );
  return mine;
}

// A new filter for new settings. The old one is freed a little later: a message being
// handled may still hold it (handlers take the filter right before they use it).
function invalidate() {
  const old = current;
  current = null;
  old?.then((s) => setTimeout(() => s.filter.free(), 5000), () => {});
}

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "managed" || (area === "local" && "settings" in changes)) invalidate();
});

// One queue for read-modify-write of storage (PIN tries, activity counts).
let queue = Promise.resolve();
function serial(fn) {
  const run = queue.then(fn, fn);
  queue = run.catch(() => {});
  return run;
}

// --- helpers --------------------------------------------------------------------------------
// The host of the frame that sent the message — an iframe of another site counts under its
// own name, not the top page's. about:blank and srcdoc frames take their origin's host.
function pageHost(sender) {
  return hostOf(sender.url ?? "") || hostOf(sender.origin ?? "") || hostOf(sender.tab?.url ?? "");
}

// --- the toolbar badge: "on" where screening is active, then the number of refused sends ----
const refusals = new Map(); // tabId → count, mirrored in storage.session (the worker may stop)
const refusalsLoaded = chrome.storage.session.get("refusals").then(
  ({ refusals: saved = {} }) => {
    for (const [k, v] of Object.entries(saved)) if (!refusals.has(Number(k))) refusals.set(Number(k), v);
  },
  () => {},
);

async function showBadge(tabId, active) {
  if (typeof tabId !== "number" || tabId < 0) return;
  const n = refusals.get(tabId) ?? 0;
  const text = !active ? "" : n ? String(Math.min(n, 999)) : "on";
  const title = !active
    ? chrome.i18n.getMessage("extName")
    : n ? chrome.i18n.getMessage("badgeRefused", [String(n)]) : chrome.i18n.getMessage("badgeOn");
  await Promise.all([
    chrome.action.setBadgeText({ tabId, text }),
    chrome.action.setBadgeBackgroundColor({ tabId, color: n ? "#b91c1c" : "#0f766e" }),
    chrome.action.setTitle({ tabId, title }),
  ]).catch(() => {}); // the tab may be gone
}

async function countRefusal(tabId, reset = false) {
  await refusalsLoaded;
  if (reset) refusals.delete(tabId);
  else refusals.set(tabId, (refusals.get(tabId) ?? 0) + 1);
  while (refusals.size > 500) refusals.delete(refusals.keys().next().value);
  await chrome.storage.session.set({ refusals: Object.fromEntries(refusals) }).catch(() => {});
}

chrome.tabs?.onRemoved.addListener((tabId) => {
  if (refusals.delete(tabId)) chrome.storage.session.set({ refusals: Object.fromEntries(refusals) }).catch(() => {});
});

async function guardedAt(host, settings) {
  if (siteListed(host, settings.forceSites)) return { guard: true, paused: false };
  if (siteListed(host, settings.skipSites)) return { guard: false, paused: false };
  const { pausedUntil = 0 } = await chrome.storage.local.get("pausedUntil");
  return { guard: true, paused: pausedUntil > Date.now() };
}

function newToken() {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function issueToken() {
  const token = { value: newToken(), expires: Date.now() + TOKEN_MS };
  await chrome.storage.session.set({ token });
  return token.value;
}

async function tokenValid(value) {
  if (typeof value !== "string" || !value) return false;
  const { token } = await chrome.storage.session.get("token");
  return !!token && token.value === value && token.expires > Date.now();
}

async function requireToken(msg) {
  if (!(await tokenValid(msg.token))) throw Object.assign(new Error("locked"), { code: "locked" });
}

// --- routes ---------------------------------------------------------------------------------
// `from`: "page" (a content script in a web page) or "options" (the options page).
const routes = {
  hello: {
    from: "page",
    async run(msg, sender) {
      const { settings } = await state();
      const at = await guardedAt(pageHost(sender), settings);
      const tabId = sender.tab?.id;
      if (sender.frameId === 0) {
        await countRefusal(tabId, true); // a new page in the tab: the count starts again
        await showBadge(tabId, at.guard && !at.paused);
      }
      return { guard: at.guard, lang: chrome.i18n.getMessage("langCode") || chrome.i18n.getUILanguage() };
    },
  },

  check: {
    from: "page",
    async run(msg, sender) {
      if (typeof msg.text !== "string") throw new Error("text: expected a string");
      const at = await guardedAt(pageHost(sender), (await state()).settings);
      if (!at.guard || at.paused) return { verdict: { action: "allow", matches: [], paused: at.paused } };
      // Longer text is not checked at all (it would hold the worker for every other tab).
      if (msg.text.length > MAX_CHECK_LENGTH) return { verdict: { action: "block", matches: [], reason: "too-long" } };
      const { filter } = await state();
      return { verdict: filter.check(msg.text) };
    },
  },

  // A send the guard refused: counted on the tab's badge.
  refused: {
    from: "page",
    async run(msg, sender) {
      const tabId = sender.tab?.id;
      await countRefusal(tabId);
      await showBadge(tabId, true);
      return {};
    },
  },

  // A flagged text the user typed that stayed on screen: counted under the frame's own site
  // and category. The worker judges the text itself (it trusts no category from the page) and,
  // when the parent chose so, keeps the matched words only — never the rest of the text.
  record: {
    from: "page",
    async run(msg, sender) {
      if (typeof msg.text !== "string") throw new Error("text: expected a string");
      if (msg.text.length > MAX_CHECK_LENGTH) return {};
      const site = pageHost(sender) || "(local)";
      const at = await guardedAt(site, (await state()).settings);
      if (!at.guard || at.paused) return {};
      const { settings, filter } = await state();
      const v = filter.check(msg.text);
      if (v.action === "allow") return {};
      const categories = [...new Set(v.matches.map((m) => m.category))];
      const words = [...new Set(v.matches.map((m) => msg.text.slice(m.start, m.end).slice(0, 64)))].slice(0, MAX_WORDS);
      await serial(async () => {
        const { activity = {}, log = [] } = await chrome.storage.local.get(["activity", "log"]);
        const row = (activity[site] ??= { counts: {}, last: 0 });
        for (const c of categories) row.counts[c] = (row.counts[c] ?? 0) + 1;
        row.last = Date.now();
        const write = { activity: boundActivity(activity) };
        if (settings.logText) {
          log.push({ time: Date.now(), site, action: v.action, categories, words });
          write.log = boundLog(log);
        }
        await chrome.storage.local.set(write);
      });
      return {};
    },
  },

  // Without a valid unlock token the page learns the profile and whether a PIN is set — not
  // the custom words, the allowed words, the sites, the activity or the log.
  state: {
    from: "options",
    async run(msg) {
      const { settings, locked, managed } = await state();
      const got = await chrome.storage.local.get(["pin", "pinFails", "pausedUntil", "activity", "log"]);
      const policyPin = await managedPin();
      const now = Date.now();
      const unlocked = await tokenValid(msg.token);
      const shown = unlocked
        ? settings
        : { ...settings, extraTerms: [], allowTerms: [], skipSites: [], forceSites: [] };
      return {
        settings: shown,
        languages: await catalogue,
        locked,
        managed,
        hasPin: !!(policyPin || got.pin),
        pinManaged: !!policyPin,
        unlocked,
        retryAfterMs: Math.max(0, (got.pinFails?.until ?? 0) - now),
        pausedUntil: (got.pausedUntil ?? 0) > now ? got.pausedUntil : 0,
        activity: unlocked ? got.activity ?? {} : {},
        log: unlocked ? got.log ?? [] : [],
      };
    },
  },

  // The first PIN needs nothing; changing it needs the unlocked page. A PIN set by policy
  // (managed `pinHash`) cannot be replaced from here.
  setPin: {
    from: "options",
    async run(msg) {
      return serial(async () => {
        if (await managedPin()) throw Object.assign(new Error("the PIN is set by policy"), { code: "pinManaged" });
        const { pin } = await chrome.storage.local.get("pin");
        if (pin) await requireToken(msg);
        const problem = pinProblem(msg.pin);
        if (problem) throw Object.assign(new Error(problem), { code: problem });
        await chrome.storage.local.set({ pin: await hashPin(msg.pin), pinFails: { count: 0, until: 0 } });
        return { token: await issueToken() };
      });
    },
  },

  unlock: {
    from: "options",
    async run(msg) {
      return serial(async () => {
        const got = await chrome.storage.local.get(["pin", "pinFails"]);
        const pin = (await managedPin()) ?? got.pin;
        const pinFails = got.pinFails ?? { count: 0, until: 0 };
        if (!pin) throw Object.assign(new Error("no PIN set"), { code: "noPin" });
        const now = Date.now();
        if (pinFails.until > now) {
          // Too soon after a wrong try: the PIN is not even looked at.
          return { ok: false, code: "wait", retryAfterMs: pinFails.until - now };
        }
        // The try is counted, and the wait after it stored, before the PIN is looked at: a
        // try whose count cannot be written (storage full, …) is refused unchecked.
        const count = pinFails.count + 1;
        const wait = delayAfter(count);
        try {
          await chrome.storage.local.set({ pinFails: { count, until: now + wait } });
          const back = await chrome.storage.local.get("pinFails");
          if (back.pinFails?.count !== count) throw new Error("the try was not recorded");
        } catch (e) {
          throw Object.assign(new Error(`cannot record the try: ${e.message ?? e}`), { code: "storage" });
        }
        if (await verifyPin(msg.pin, pin)) {
          await chrome.storage.local.set({ pinFails: { count: 0, until: 0 } });
          return { token: await issueToken() };
        }
        return { ok: false, code: "wrong", retryAfterMs: wait };
      });
    },
  },

  lock: {
    from: "options",
    async run() {
      await chrome.storage.session.remove("token");
      return {};
    },
  },

  save: {
    from: "options",
    async run(msg) {
      await requireToken(msg);
      const clean = sanitize(msg.settings, await knownCodes());
      const { locked } = await state();
      const refused = Object.keys(clean).filter((k) => locked.includes(k));
      if (refused.length) {
        throw Object.assign(new Error(`set by the administrator: ${refused.join(", ")}`), { code: "managed" });
      }
      const { settings = {} } = await chrome.storage.local.get("settings");
      await chrome.storage.local.set({ settings: { ...settings, ...clean } });
      return { settings: (await state()).settings };
    },
  },

  pause: {
    from: "options",
    async run(msg) {
      await requireToken(msg);
      const { settings } = await state();
      if (!settings.allowPause) throw Object.assign(new Error("pause not allowed"), { code: "pauseNotAllowed" });
      const pausedUntil = Date.now() + PAUSE_MS;
      await chrome.storage.local.set({ pausedUntil });
      return { pausedUntil };
    },
  },

  // Ending a pause early only makes things stricter: no PIN needed.
  resume: {
    from: "options",
    async run() {
      await chrome.storage.local.set({ pausedUntil: 0 });
      return {};
    },
  },

  clearActivity: {
    from: "options",
    async run(msg) {
      await requireToken(msg);
      await chrome.storage.local.set({ activity: {}, log: [] });
      return {};
    },
  },
};

function senderKind(sender) {
  if (sender.id !== chrome.runtime.id) return null;
  if (sender.url && sender.url.split(/[?#]/)[0] === OPTIONS_PAGE && sender.frameId === 0) return "options";
  if (sender.tab && sender.url && !sender.url.startsWith(`chrome-extension://${chrome.runtime.id}/`)) return "page";
  return null;
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const route = msg && typeof msg === "object" && Object.hasOwn(routes, msg.type) ? routes[msg.type] : null;
  const kind = senderKind(sender);
  if (!route || route.from !== kind) {
    sendResponse({ ok: false, code: "forbidden", error: "not allowed from here" });
    return false;
  }
  ready
    .then(() => route.run(msg, sender))
    .then(
      (result) => sendResponse({ ok: true, ...result }),
      (e) => sendResponse({ ok: false, code: e.code ?? "error", error: String(e.message ?? e) }),
    );
  return true; // the answer comes asynchronously
});

// Nothing outside the extension may talk to it.
chrome.runtime.onMessageExternal?.addListener((msg, sender, sendResponse) => {
  sendResponse({ ok: false, code: "forbidden" });
});

chrome.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === "install") chrome.runtime.openOptionsPage();
});

// Content scripts never touch storage; keep local storage out of their reach where the
// browser supports it (it already is for session storage).
chrome.storage.local.setAccessLevel?.({ accessLevel: "TRUSTED_CONTEXTS" }).catch(() => {});
