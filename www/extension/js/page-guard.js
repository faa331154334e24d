// Finds every textarea, text input and contenteditable in this frame — present now, added
// later, inside open (and closed) shadow roots — and attaches the input guard to it. Verdicts
// come from the service worker, so pages whose CSP forbids WebAssembly are screened too and no
// wasm runs in the page. Loaded by content.js with a dynamic import.
import { attachGuard, pickLang } from "./guard.js";

const TEXT_TYPES = new Set(["text", "search", "url", "email", "tel", ""]);
const guards = new Map(); // field → guard handle
const watched = new WeakSet(); // documents and shadow roots under observation
const lastRecorded = new WeakMap(); // field → key of the last hits reported
const RECORD_AFTER_MS = 2000;
let lang = "id";
let on = false;

async function ask(msg) {
  const answer = await chrome.runtime.sendMessage(msg);
  if (!answer?.ok) throw new Error(answer?.error ?? "no answer from the extension");
  return answer;
}

// The guard's filter: every check is a question to the service worker. If the extension is
// gone (updated, disabled) the question throws and the guard blocks: it fails closed.
// An empty field needs no question (a page with hundreds of empty fields sends none).
const filter = {
  check: (text) =>
    /^\s*$/.test(text) ? { action: "allow", matches: [] } : ask({ type: "check", text }).then((a) => a.verdict),
};

/** The field to guard for an element, or null. */
function fieldFor(el) {
  if (!el || el.nodeType !== 1) return null;
  if (el.closest?.(".saring-layer, .saring-status")) return null;
  if (el.localName === "textarea") return el;
  if (el.localName === "input") return TEXT_TYPES.has(el.type) ? el : null;
  if (el.isContentEditable) {
    let host = el; // the editing host: the outermost contenteditable
    while (host.parentElement?.isContentEditable) host = host.parentElement;
    return host;
  }
  return null;
}

function guard(el) {
  const field = fieldFor(el);
  if (!field || guards.has(field) || !field.isConnected) return;
  if (field.disabled || field.readOnly) return; // attached when it gets the focus
  let handle;
  try {
    handle = attachGuard(field, { filter, lang, listen: false, enterToSend: true });
  } catch (e) {
    console.warn("saring: cannot guard", field, e);
    return;
  }
  guards.set(field, handle);
  field.addEventListener("saring:verdict", (e) => scheduleRecord(field, e.detail));
}

// A flagged text that stays on screen for a moment is counted in the parent's summary (the
// service worker judges it again and keeps only counts, unless the parent chose otherwise).
const timers = new WeakMap();
function scheduleRecord(field, detail) {
  clearTimeout(timers.get(field));
  if (detail.action === "allow") return;
  const key = detail.matches.map((m) => `${m.category}:${m.term}`).sort().join("|");
  timers.set(
    field,
    setTimeout(() => {
      if (lastRecorded.get(field) === key) return;
      lastRecorded.set(field, key);
      ask({ type: "record", text: detail.text }).catch(() => {});
    }, RECORD_AFTER_MS),
  );
}

function shadowOf(el) {
  try {
    return chrome.dom?.openOrClosedShadowRoot?.(el) ?? el.shadowRoot;
  } catch {
    return el.shadowRoot;
  }
}

/** Guards the fields in `root` (an element, a document or a shadow root) and below. */
function scan(root) {
  if (root.nodeType === 1) {
    guard(root);
    const sr = shadowOf(root);
    if (sr) watch(sr);
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let el = walker.nextNode(); el; el = walker.nextNode()) {
    if (el.localName === "textarea" || el.localName === "input" || el.hasAttribute("contenteditable")) guard(el);
    const sr = shadowOf(el);
    if (sr) watch(sr);
  }
}

function onMutations(records) {
  for (const r of records) {
    if (r.type === "childList") {
      for (const n of r.addedNodes) if (n.nodeType === 1) scan(n);
    } else if (r.attributeName === "data-saring-action") {
      // Only the guard sets this attribute: a page that removes or rewrites it gets it back.
      const handle = guards.get(r.target);
      if (handle && r.target.dataset.saringAction !== handle.verdict.action) {
        r.target.dataset.saringAction = handle.verdict.action;
      }
    } else {
      guard(r.target); // contenteditable or type changed
    }
  }
}

function watch(root) {
  if (watched.has(root)) return;
  watched.add(root);
  if (root.nodeType === 11) {
    // A submit inside a shadow root never reaches the window (it is not composed), and a key
    // event reaches it retargeted to the host: gate them where the field's own tree ends.
    for (const type of ["submit", "keydown", "reset"]) root.addEventListener(type, gateShadow, true);
  }
  new MutationObserver(onMutations).observe(root, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["contenteditable", "type", "data-saring-action"],
  });
  scan(root);
}

function gateShadow(e) {
  if (e.currentTarget === e.target.getRootNode()) gate(e);
}

/** Called by content.js for the window's submit, keydown and reset events (capture phase). */
export function gate(e) {
  if (!on) return;
  for (const [field, handle] of guards) {
    if (!field.isConnected) continue;
    handle.gate(e);
    if (e.defaultPrevented && e.type !== "reset") return;
  }
}

export async function start() {
  const hello = await ask({ type: "hello" });
  if (!hello.guard) return; // a site the parent chose to skip
  lang = pickLang(hello.lang);
  on = true;
  watch(document);
  // Whatever the scan missed (a shadow root attached later, a field that was read-only):
  // guarded when it gets the focus, before the first keystroke.
  document.addEventListener(
    "focusin",
    (e) => {
      const el = e.composedPath()[0];
      const f = fieldFor(el);
      if (f && !guards.has(f) && !f.disabled && !f.readOnly) {
        guard(f);
        guards.get(f)?.check();
      }
      for (const node of e.composedPath()) {
        if (node.nodeType === 1) {
          const sr = shadowOf(node);
          if (sr) watch(sr);
        }
      }
    },
    true,
  );
  // Forget fields that left the page for good.
  setInterval(() => {
    for (const [field, handle] of guards) {
      if (!field.isConnected) {
        handle.detach();
        guards.delete(field);
      }
    }
  }, 30_000);
}
