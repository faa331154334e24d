// saring content script: runs at document_start in every frame (all_frames, about:blank and
// srcdoc frames included), in the extension's isolated world, right after js/guard.js (the
// input guard, as a classic script: content scripts cannot be modules; nothing of the
// extension is web-accessible, so a page cannot fetch it to detect it).
//
// 1. Registers the capture listeners that gate every way of sending — submit, Enter, the
//    pointer, mouse, touch and key events of send controls — on this window, before any page
//    script runs, so that no page listener can run ahead of them.
// 2. Finds every textarea, text input and contenteditable — present now, added later, inside
//    open (and closed) shadow roots — and attaches the guard to it. Verdicts come from the
//    service worker, so pages whose CSP forbids WebAssembly are screened too and no wasm runs
//    in the page.
//
// What a page can see: nothing on its own elements (no attribute, no event); the highlights and
// the messages live in one element whose shadow root is closed. Only the user's own input and
// gestures are checked (text a page writes itself is checked when the user tries to send it),
// so a page cannot use the guard to test words. Fail closed: until the service worker has
// answered for the text (start-up, a busy or stopped worker), a send is held, then let through
// or refused — never let through unchecked.
(() => {
  "use strict";
  const { attachGuard, pickLang } = globalThis.saringGuard;

  const TEXT_TYPES = new Set(["text", "search", "url", "email", "tel", ""]);
  const GATED = ["pointerdown", "mousedown", "pointerup", "mouseup", "click", "touchend", "keydown",
    "keyup", "beforeinput", "submit", "reset"];
  const ALLOW = Object.freeze({ action: "allow", matches: [] });
  const RECORD_AFTER_MS = 2000;
  const guards = new Map(); // field → guard handle
  const watched = new WeakSet(); // documents and shadow roots under observation
  let off = false; // a site the parent chose to skip

  function ask(msg) {
    return chrome.runtime.sendMessage(msg).then((answer) => {
      if (!answer?.ok) throw new Error(answer?.error ?? "no answer from the extension");
      return answer;
    });
  }

  // Asked once; every check waits for it. If the extension is gone (updated, disabled) the
  // question throws and the guard blocks: it fails closed.
  const started = ask({ type: "hello" });
  started.then(
    (hello) => {
      const lang = pickLang(hello.lang);
      if (!hello.guard) {
        off = true; // outstanding checks answer "allow" and held sends go on
        setTimeout(() => {
          for (const handle of guards.values()) handle.detach();
          guards.clear();
        }, 0);
        return;
      }
      for (const handle of guards.values()) handle.setLang(lang);
    },
    () => {},
  );

  // --- the overlay: one element per document, its shadow root closed ---------------------------
  const host = document.createElement("div");
  const overlay = host.attachShadow({ mode: "closed" });
  for (const [k, v] of Object.entries({
    position: "absolute", top: "0", left: "0", width: "0", height: "0", margin: "0", padding: "0",
    border: "0", overflow: "visible", "z-index": "2147483647", "pointer-events": "none",
    display: "block", visibility: "visible", transform: "none", contain: "none",
  })) host.style.setProperty(k, v, "important");
  // Added to the page only once the user types or sends.
  function showOverlay() {
    if (!host.isConnected) document.documentElement?.append(host);
  }

  // The guard's filter: a question to the service worker. An empty field needs none.
  const filter = {
    check(text) {
      if (/^\s*$/.test(text)) return ALLOW;
      return started.then((hello) => {
        if (!hello.guard || off) return ALLOW;
        showOverlay();
        return ask({ type: "check", text }).then((a) => a.verdict);
      });
    },
  };

  /** The field to guard for an element, or null. */
  function fieldFor(el) {
    if (!el || el.nodeType !== 1) return null;
    if (el.localName === "textarea") return el;
    if (el.localName === "input") return TEXT_TYPES.has(el.type) ? el : null;
    if (el.isContentEditable) {
      let top = el; // the editing host: the outermost contenteditable
      while (top.parentElement?.isContentEditable) top = top.parentElement;
      return top;
    }
    return null;
  }

  function guard(el) {
    if (off) return;
    const field = fieldFor(el);
    if (!field || guards.has(field) || !field.isConnected) return;
    if (field.disabled || field.readOnly) return; // attached when it gets the focus
    let handle = null;
    try {
      handle = attachGuard(field, {
        filter,
        lang: pickLang(),
        listen: false,
        enterToSend: true,
        overlayRoot: overlay,
        trustedOnly: true,
        checkOnAttach: false,
        onVerdict: (detail) => {
          if (detail.action !== "allow" && !off) showOverlay();
          scheduleRecord(field, handle, detail);
        },
        onRefuse: () => {
          showOverlay();
          ask({ type: "refused" }).catch(() => {});
        },
      });
    } catch (e) {
      console.warn("saring: cannot guard a field:", e.message);
      return;
    }
    guards.set(field, handle);
  }

  // A flagged text the user typed that stays on screen for a moment is counted in the parent's
  // summary (the service worker judges it again and keeps only counts, unless the parent chose
  // to keep the matched words). Text a page wrote itself is never recorded.
  const timers = new WeakMap();
  const lastRecorded = new WeakMap();
  function scheduleRecord(field, handle, detail) {
    clearTimeout(timers.get(field));
    if (detail.action === "allow" || !handle?.typed || detail.reason) return;
    const key = detail.matches.map((m) => `${m.category}:${m.term}`).sort().join("|");
    timers.set(
      field,
      setTimeout(() => {
        if (lastRecorded.get(field) === key || handle.text !== detail.text) return;
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
      } else {
        guard(r.target); // contenteditable or type changed
      }
    }
  }

  /** Hands an event to every guard of this frame, until one of them stops it. */
  function gate(e) {
    if (off) return;
    for (const [field, handle] of guards) {
      if (!field.isConnected) continue;
      handle.gate(e);
      if (e.cancelBubble && e.type !== "reset") return;
    }
  }

  function watch(root) {
    if (off || watched.has(root)) return;
    watched.add(root);
    if (root.nodeType === 11) {
      // A submit inside a shadow root never reaches the window (it is not composed), and the
      // path of an event from a closed shadow root is cut at its host: gate them where the
      // field's own tree ends too.
      for (const type of GATED) root.addEventListener(type, gate, true);
    }
    new MutationObserver(onMutations).observe(root, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["contenteditable", "type"],
    });
    scan(root);
  }

  // First in line on this window.
  for (const type of GATED) window.addEventListener(type, gate, true);
  watch(document);

  // Whatever the scan missed (a shadow root attached later, a field that was read-only):
  // guarded when it gets the focus, before the first keystroke.
  document.addEventListener(
    "focusin",
    (e) => {
      if (off) return;
      const path = e.composedPath();
      const f = fieldFor(path[0]);
      if (f && !guards.has(f) && !f.disabled && !f.readOnly) guard(f);
      for (const node of path) {
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
})();
