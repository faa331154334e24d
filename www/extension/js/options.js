// The parent's options page. It only displays what the service worker answers and asks it to
// change things: the PIN check, the wait after wrong tries and every write happen there.
// js/guard.js is loaded before this module as a classic script (it is a content script too).
const { MESSAGES, pickLang } = globalThis.saringGuard;

const $ = (id) => document.getElementById(id);
const t = (key, ...subs) => chrome.i18n.getMessage(key, subs.map(String)) || key;
const uiLang = chrome.i18n.getMessage("langCode") || chrome.i18n.getUILanguage();
const categoryName = (c) => MESSAGES[pickLang(uiLang)].categories[c] ?? c;

let token = null; // proof of the PIN, held in this page's memory only
let retryTimer = null;
let retryUntil = 0; // when the next PIN try is looked at (one countdown, never restarted)
let wrongShown = false; // the countdown says the PIN was wrong
let unlocking = false; // a try is being checked: its own storage writes are no news
let view = null;
let changingPin = false;

async function send(msg) {
  const answer = await chrome.runtime.sendMessage({ ...msg, token });
  return answer ?? { ok: false, code: "error", error: "no answer" };
}

function say(el, text, kind = "") {
  el.textContent = text;
  el.dataset.kind = kind;
}

function errorText(answer) {
  const known = { locked: "needPin", managed: "lockedByAdmin", pauseNotAllowed: "pauseNotAllowed",
    pinTooShort: "pinTooShort", pinTooLong: "pinTooLong", pinManaged: "pinManaged", storage: "storageError" };
  return known[answer.code] ? t(known[answer.code]) : `${t("errorGeneric")} ${answer.error ?? ""}`.trim();
}

// --- PIN ------------------------------------------------------------------------------------
// One countdown to one deadline: a second report of the same wait (the storage change that
// follows a wrong try) keeps it running instead of starting it again, and the message only
// changes when the number of seconds does.
function waitThenEnable(ms, wrong = false) {
  const until = Date.now() + ms;
  if (wrong) wrongShown = true;
  if (retryTimer && Math.abs(until - retryUntil) < 1500) return;
  clearInterval(retryTimer);
  retryUntil = until;
  let shown = "";
  const tick = () => {
    const left = Math.ceil((retryUntil - Date.now()) / 1000);
    if (left <= 0) {
      clearInterval(retryTimer);
      retryTimer = null;
      wrongShown = false;
      $("unlock").disabled = false;
      say($("pin-message"), "");
      return;
    }
    $("unlock").disabled = true;
    const text = t(wrongShown ? "pinWait" : "pinWaitOnly", left);
    if (text !== shown) say($("pin-message"), (shown = text), "error");
  };
  tick();
  retryTimer = setInterval(tick, 250);
}

$("pin-setup").addEventListener("submit", async (e) => {
  e.preventDefault();
  const pin = $("new-pin").value;
  if (pin !== $("new-pin2").value) return say($("pin-message"), t("pinMismatch"), "error");
  const answer = await send({ type: "setPin", pin });
  if (!answer.ok) return say($("pin-message"), errorText(answer), "error");
  token = answer.token;
  changingPin = false;
  $("new-pin").value = $("new-pin2").value = "";
  say($("pin-message"), t("pinSaved"), "ok");
  await refresh();
});

$("pin-unlock").addEventListener("submit", async (e) => {
  e.preventDefault();
  $("unlock").disabled = true;
  unlocking = true;
  const answer = await send({ type: "unlock", pin: $("pin").value }).finally(() => (unlocking = false));
  $("pin").value = "";
  if (answer.ok) {
    token = answer.token;
    $("unlock").disabled = false;
    say($("pin-message"), "");
    return refresh();
  }
  if (answer.code === "wrong" || answer.code === "wait") {
    waitThenEnable(answer.retryAfterMs ?? 0, answer.code === "wrong");
    return;
  }
  $("unlock").disabled = false;
  say($("pin-message"), errorText(answer), "error");
});

$("lock").addEventListener("click", async () => {
  token = null;
  say($("pin-message"), ""); // "PIN saved" and the like belong to the unlocked page
  say($("save-message"), "");
  await send({ type: "lock" });
  await refresh();
});

$("change-pin").addEventListener("click", () => {
  changingPin = true;
  $("pin-setup").hidden = false;
  $("new-pin").focus();
});

// --- settings -------------------------------------------------------------------------------
const lines = (s) => s.split("\n").map((l) => l.trim()).filter(Boolean);

function parseTerms(text) {
  return lines(text).map((line) => {
    const [term, category, severity] = line.split(",").map((p) => p.trim());
    return { term, category: category || "insult", severity: severity ? Number(severity) : 2 };
  });
}

// --- languages: one checkbox per entry of the package's languages(), as the worker lists them --
let catalogue = []; // [{ code, name, default }]
const defaultCodes = () => catalogue.filter((l) => l.default).map((l) => l.code);
const languageBoxes = () => [...document.querySelectorAll('#language-list input[name="languages"]')];

/** The language's name in the page's language, else the package's (English) name. */
function languageName({ code, name }) {
  try {
    const local = new Intl.DisplayNames([uiLang], { type: "language", fallback: "none" }).of(code);
    if (local && local.toLowerCase() !== code) return local;
  } catch {
    /* no names for this locale */
  }
  return name;
}

function renderLanguages(list, chosen, locked) {
  if (JSON.stringify(list) !== JSON.stringify(catalogue)) {
    catalogue = list;
    $("language-list").replaceChildren(
      ...list.map((l) => {
        const label = document.createElement("label");
        label.className = "check";
        const box = document.createElement("input");
        box.type = "checkbox";
        box.name = "languages";
        box.value = l.code;
        box.addEventListener("change", keepOneLanguage);
        label.append(box, " ", cell("span", `${languageName(l)} (${l.code})`));
        return label;
      }),
    );
  }
  const on = chosen ?? defaultCodes();
  for (const box of languageBoxes()) {
    box.checked = on.includes(box.value);
    box.dataset.locked = String(locked);
  }
  keepOneLanguage();
}

// At least one language stays on: the last one checked cannot be unchecked.
function keepOneLanguage() {
  const boxes = languageBoxes();
  const checked = boxes.filter((b) => b.checked);
  for (const b of boxes) b.disabled = b.dataset.locked === "true" || (checked.length === 1 && b.checked);
}

/** The checked codes, or null when they are the package's default set (which then follows it). */
function chosenLanguages() {
  const codes = languageBoxes().filter((b) => b.checked).map((b) => b.value);
  const defaults = defaultCodes();
  const same = codes.length === defaults.length && codes.every((c) => defaults.includes(c));
  return same ? null : codes;
}

$("settings").addEventListener("submit", async (e) => {
  e.preventDefault();
  const wanted = {
    profile: $("profile").value,
    languages: chosenLanguages(),
    extraTerms: parseTerms($("extra-terms").value),
    allowTerms: lines($("allow-terms").value),
    skipSites: lines($("skip-sites").value),
    forceSites: lines($("force-sites").value),
    logText: $("log-text").checked,
  };
  for (const k of view?.locked ?? []) delete wanted[k];
  const answer = await send({ type: "save", settings: wanted });
  if (!answer.ok) {
    say($("save-message"), errorText(answer), "error");
    if (answer.code === "locked") token = null;
    return refresh();
  }
  say($("save-message"), t("saved"), "ok");
  await refresh();
});

// --- pause ----------------------------------------------------------------------------------
$("pause").addEventListener("click", async () => {
  const answer = await send({ type: "pause" });
  if (!answer.ok) say($("pin-message"), errorText(answer), "error");
  await refresh();
});
$("resume").addEventListener("click", async () => {
  await send({ type: "resume" });
  await refresh();
});

$("clear-activity").addEventListener("click", async () => {
  const answer = await send({ type: "clearActivity" });
  if (!answer.ok) say($("pin-message"), errorText(answer), "error");
  await refresh();
});

// --- rendering ------------------------------------------------------------------------------
function cell(tag, text, cls) {
  const el = document.createElement(tag);
  el.textContent = text;
  if (cls) el.className = cls;
  return el;
}

function renderActivity(activity, log) {
  const sites = Object.entries(activity).sort((a, b) => b[1].last - a[1].last);
  const cats = [...new Set(sites.flatMap(([, row]) => Object.keys(row.counts)))].sort();
  const head = document.createElement("tr");
  head.append(cell("th", t("activitySite")), ...cats.map((c) => cell("th", categoryName(c), "n")));
  $("activity").tHead.replaceChildren(sites.length ? head : "");
  $("activity").tBodies[0].replaceChildren(
    ...sites.map(([site, row]) => {
      const tr = document.createElement("tr");
      tr.dataset.site = site;
      tr.append(cell("td", site), ...cats.map((c) => cell("td", String(row.counts[c] ?? 0), "n")));
      return tr;
    }),
  );
  $("activity-empty").hidden = sites.length > 0;
  $("log-wrap").hidden = log.length === 0;
  $("log").replaceChildren(
    ...log
      .slice()
      .reverse()
      .map((entry) =>
        cell("li", `${new Date(entry.time).toLocaleString(uiLang)} · ${entry.site} · ${entry.categories.map(categoryName).join(", ")}: ${(entry.words ?? []).join(", ")}`),
      ),
  );
}

async function refresh() {
  const asked = token;
  const s = await send({ type: "state" });
  if (!s.ok) return say($("pin-message"), errorText(s), "error");
  if (token !== asked) return refresh(); // unlocked or locked meanwhile: ask again
  view = s;
  if (!s.unlocked) token = null;
  document.body.dataset.unlocked = String(s.unlocked);
  if (!s.unlocked) changingPin = false;
  if (s.pinManaged) changingPin = false;
  $("pin-setup").hidden = s.hasPin && !changingPin;
  $("change-pin").hidden = s.pinManaged;
  $("pin-forgotten-managed").hidden = !s.pinManaged;
  $("pin-unlock").hidden = !s.hasPin || s.unlocked;
  $("pin-unlocked").hidden = !s.unlocked;
  if (s.hasPin && !s.unlocked && s.retryAfterMs > 0 && !unlocking) waitThenEnable(s.retryAfterMs);
  if (!s.unlocked && !retryTimer && $("pin-message").dataset.kind === "ok") say($("pin-message"), "");

  const st = s.settings;
  $("profile").value = st.profile;
  renderLanguages(s.languages ?? [], st.languages, s.locked.includes("languages"));
  $("extra-terms").value = st.extraTerms.map((x) => `${x.term}, ${x.category}, ${x.severity}`).join("\n");
  $("allow-terms").value = st.allowTerms.join("\n");
  $("skip-sites").value = st.skipSites.join("\n");
  $("force-sites").value = st.forceSites.join("\n");
  $("log-text").checked = st.logText;
  $("settings-fields").disabled = !s.unlocked;
  const ids = { profile: "profile", extraTerms: "extra-terms", allowTerms: "allow-terms",
    skipSites: "skip-sites", forceSites: "force-sites", logText: "log-text" };
  for (const [k, id] of Object.entries(ids)) $(id).disabled = s.locked.includes(k);
  $("managed-note").hidden = s.locked.length === 0;

  $("pause").disabled = !s.unlocked || !st.allowPause || s.pausedUntil > 0;
  $("resume").hidden = !s.pausedUntil;
  $("pause-status").textContent = s.pausedUntil
    ? t("pausedUntil", new Date(s.pausedUntil).toLocaleTimeString(uiLang))
    : st.allowPause ? t("notPaused") : t("pauseNotAllowed");
  $("clear-activity").disabled = !s.unlocked;
  renderActivity(s.activity, s.log);
  document.body.dataset.ready = "true";
}

// --- start ----------------------------------------------------------------------------------
document.documentElement.lang = pickLang(uiLang);
for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
chrome.storage.onChanged.addListener(() => refresh());
refresh();
